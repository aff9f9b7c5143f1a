"""Data text made safe for Markdown pages: the Markdown authors use renders, raw HTML shows as text.

Data fields are Markdown (emphasis, lists, links, footnotes). Python-Markdown passes raw HTML through and
`attr_list` turns `{: onclick=…}` into attributes, so both are neutralised here, once, before any template
places the text in a page.
"""

from __future__ import annotations

import html
import re

# `<` opens raw HTML; keep autolinks such as <https://…> which Markdown turns into safe links
_RAW_HTML = re.compile(r"<(?!https?://[^\s<>]+>)")
# attr_list syntax: {: …}, {#id}, {.class}, {key=value}
_ATTRIBUTES = re.compile(r"\{(?=\s*[:#.]|\s*[\w-]+\s*=)")
# a Markdown link whose target is a script or data scheme: break the link, keep the words
_UNSAFE_LINK = re.compile(r"\]\(\s*(?!https?:|mailto:|#|/|\.)([a-zA-Z][\w+.-]*:)")
_MARKUP = re.compile(r"[*_`]+|\[\^[^\]]*\]|!?\[([^\]]*)\]\([^)]*\)")


def markdown(text: str | None) -> str:
    """Data Markdown with raw HTML, attribute lists and script links disarmed."""
    if not text:
        return ""
    safe = _RAW_HTML.sub("&lt;", text)
    safe = _ATTRIBUTES.sub("&#123;", safe)
    return _UNSAFE_LINK.sub(r"\\](\1", safe)


def inline(text: str | None) -> str:
    """Data Markdown on one line: for table cells and list items (a newline would end them)."""
    return " ".join(markdown(text).split())


def indent(text: str, width: int = 4) -> str:
    """Indent every line after the first: keeps multi-line Markdown inside a list item or admonition."""
    pad = " " * width
    return text.replace("\n", "\n" + pad)


def plain(text: str | None) -> str:
    """Text without Markdown markers, for HTML attributes (titles, tooltips); escaping is the caller's job."""
    if not text:
        return ""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split())


def attribute(text: str | None) -> str:
    """Plain text escaped for an HTML attribute or a page title shown by the theme without escaping."""
    return html.escape(plain(text), quote=True)
