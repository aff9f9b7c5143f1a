"""Data Markdown to safe HTML: Python-Markdown without raw HTML, then the nh3 allowlist.

Raw HTML in data is shown as text (the source document carries HTML fragments that are part of what it says);
attribute lists are not an extension of this renderer; links and URLs go through nh3, which decodes entities
before it checks the scheme, so `&#106;avascript:` and `JaVaScRiPt:` are refused like `javascript:`. Images are
not allowed at all (validation refuses them; this is the second line).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

# What data text may become. Headings from h3 down: the page owns h1 and h2.
BLOCK_TAGS = {"p", "br", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "table", "thead",
              "tbody", "tr", "th", "td", "sup", "sub", "div", "hr", "h3", "h4", "h5", "h6", "dl", "dt", "dd"}
INLINE_TAGS = {"br", "em", "strong", "code", "a", "sup", "sub"}
ATTRIBUTES = {"a": {"href", "title"}, "sup": {"id"}, "li": {"id"}, "ol": {"start"}, "th": {"style"},
              "td": {"style"}}
CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
URL_SCHEMES = {"http", "https", "mailto"}
# footnotes are the only ids data text may carry
_FOOTNOTE_ID = re.compile(r"^fn(?:ref)?:[\w.-]{1,40}$")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if _FOOTNOTE_ID.match(value) else None
    return value


_BLOCK = nh3.Cleaner(tags=BLOCK_TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES, url_schemes=URL_SCHEMES,
                     attribute_filter=_keep_attribute, filter_style_properties={"text-align"},
                     link_rel="noopener noreferrer", strip_comments=True)
_INLINE = nh3.Cleaner(tags=INLINE_TAGS, attributes={"a": {"href", "title"}}, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True)
_LABEL = nh3.Cleaner(tags={"em", "strong", "code", "sup", "sub"}, attributes={}, strip_comments=True)
_TEXT = nh3.Cleaner(tags=set(), attributes={}, strip_comments=True)


def _renderer() -> markdown.Markdown:
    renderer = markdown.Markdown(
        extensions=["footnotes", "tables", "sane_lists", "def_list"],
        extension_configs={"footnotes": {"BACKLINK_TITLE": "Retour à l'appel de note %d"}},
        output_format="html")
    renderer.preprocessors.deregister("html_block")  # raw HTML blocks: shown as text
    renderer.inlinePatterns.deregister("html")  # inline tags: shown as text
    return renderer


_MARKDOWN = _renderer()


def _markdown(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


# links that leave the site, marked so that print stylesheets can write their address after them (the sanitiser
# writes every `<a>` with its href first); a link whose text already is its address (a bare URL) is marked
# `data-lien-externe="adresse"`: printed once, not twice
_EXTERNAL = re.compile(r'<a href="(https?:[^"]*)"([^>]*)>(.*?)</a>', re.S)


def _mark_external(fragment: str) -> str:
    return _EXTERNAL.sub(_marked, fragment)


def _marked(link: re.Match[str]) -> str:
    href, rest, text = link.groups()
    mark = ' data-lien-externe="adresse"' if _same_address(href, text) else " data-lien-externe"
    return f'<a{mark} href="{href}"{rest}>{text}</a>'


def _same_address(href: str, text: str) -> bool:
    def bare(value: str) -> str:
        value = html.unescape(value).strip().lower()
        return re.sub(r"^https?://", "", value).removeprefix("www.").rstrip("/")
    return "<" not in text and bare(href) == bare(text)


def sanitize(fragment: str) -> str:
    """Any HTML fragment through the block allowlist (for HTML that code assembled around data)."""
    return _mark_external(_BLOCK.clean(fragment))


@lru_cache(maxsize=65536)
def html_block(text: str | None) -> str:
    """Safe block HTML (paragraphs, lists, tables, footnotes) of a data Markdown text."""
    return _mark_external(_BLOCK.clean(_markdown(text))).strip() if text else ""


_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:.*(?:\n(?: {4}|\t).*)*", re.M)
# what would open a block at the start of the one line of an inline text: kept as text by a backslash
_BLOCK_OPENING = re.compile(r"^(?:(\d+)([.)])(?=\s)|[-+*](?=\s)|[-*_](?=(?:\s*[-*_]){2,}$)|#|>)")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")


def _one_line(text: str) -> str:
    """An inline text on one line, footnote definitions left out, a leading list or heading marker kept as text."""
    if "[^" in text:  # an inline text has no room for footnotes: calls and definitions left out
        text = _FOOTNOTE_REFERENCE.sub("", _FOOTNOTE_DEFINITION.sub("", text))
    line = " ".join(text.split())
    return _BLOCK_OPENING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[0]}", line)


@lru_cache(maxsize=65536)
def html_inline(text: str | None) -> str:
    """Safe inline HTML (emphasis, code, links) of a data text, on one line: for titles, cells and list items."""
    if not text:
        return ""
    rendered = _markdown(_one_line(text))
    return _mark_external(" ".join(_INLINE.clean(rendered).split()))


@lru_cache(maxsize=65536)
def html_label(text: str | None) -> str:
    """`html_inline` without links: for the text of a link the site makes (links never nest)."""
    return _LABEL.clean(html_inline(text)) if text else ""


@lru_cache(maxsize=65536)
def plain(text: str | None) -> str:
    """The words of a data text without any markup, on one line (labels, tooltips, feeds, CSV, search meta)."""
    if not text:
        return ""
    return " ".join(html.unescape(_TEXT.clean(html_inline(text))).split())


def link_html(url: str, label: str) -> str:
    """An `<a>` to a data URL with a data label, both through the allowlist (a bad scheme loses its href)."""
    return _mark_external(_INLINE.clean(f'<a href="{html.escape(url, quote=True)}">{html_inline(label)}</a>'))
