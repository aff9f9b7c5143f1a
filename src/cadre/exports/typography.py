"""Data text for the printed documents (PDF): safe HTML with French typography."""

from __future__ import annotations

import re

import markdown as md

from cadre.site.text import markdown as safe_markdown

_NBSP_BEFORE = re.compile(r" ([;:!?»])")
_NBSP_AFTER = re.compile(r"« ")


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space before ; : ! ? » and after «, so they never start a line."""
    return _NBSP_AFTER.sub("«\u202f", _NBSP_BEFORE.sub("\u202f\\1", text))


def markdown_to_html(text: str) -> str:
    """Safe HTML for a Markdown field of the data (used where no MkDocs is involved: PDF documents)."""
    # the same sanitiser as the site's pages: raw HTML, attribute lists and script links disarmed
    html = md.markdown(safe_markdown(text), extensions=["tables", "footnotes", "def_list", "sane_lists"],
                       output_format="html")
    return french_spacing_html(html)


def french_spacing_html(html: str) -> str:
    """Apply `french_spacing` to text nodes only, never inside tags or URLs."""
    return re.sub(r">([^<]+)<", lambda m: ">" + french_spacing(m.group(1)) + "<", html)
