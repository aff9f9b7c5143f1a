"""Safe data text placed into each output's own syntax: Markdown pages, attributes, Graphviz, CSV, JSON, XML."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from graphviz import nohtml

# A tag of sanitised HTML: attribute values are always double-quoted by the sanitiser's serialiser.
_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
# Characters that mean something to Markdown or its extensions anywhere on a line (emphasis, code, links,
# footnotes, abbreviations, tables, attribute lists, headings): written as character references, which a second
# Markdown pass keeps as they are and the browser shows as the characters themselves.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}#|\t"})
# At the start of a line these open a list, a quote, a definition or a fence: referenced there too.
_LINE_START = frozenset("-+*#>:=~|!0123456789")


def for_markdown(fragment: str, line_start: bool = True) -> str:
    """Sanitised HTML made inert for the Markdown page that will hold it: one line, no Markdown syntax left.

    Text between tags has its Markdown characters written as references; tags keep their attributes, with `|`
    (a table cell separator) referenced too. Newlines become spaces, except inside <pre>, where they are
    references, so the fragment never starts a Markdown block of its own.
    """
    out: list[str] = []
    position = 0
    preformatted = False
    for tag in _TAG.finditer(fragment):
        out.append(_inert_text(fragment[position:tag.start()], preformatted))
        name = tag.group(0)
        preformatted = name.startswith("<pre") or (preformatted and not name.startswith("</pre"))
        out.append(name.replace("|", "&#124;").replace("\n", " "))
        position = tag.end()
    out.append(_inert_text(fragment[position:], preformatted))
    inert = "".join(out)
    if line_start and inert[:1] in _LINE_START:  # the fragment may begin a line of the page
        return f"&#{ord(inert[0])};{inert[1:]}"
    return inert


def _inert_text(text: str, preformatted: bool) -> str:
    text = text.translate(_MARKDOWN_SPECIAL)
    return text.replace("\n", "&#10;") if preformatted else text.replace("\n", " ")


_HEADING = re.compile(r"<h([3-6])>(.*?)</h\1>", re.S)
_TOP_LEVEL = re.compile(r"\n(?=<(?:p|ul|ol|table|blockquote|div|hr|h[3-6]|dl|pre)\b)")


def markdown_sections(fragment: str) -> str:
    """Sanitised block HTML for the top level of a Markdown page: its headings become Markdown headings (so
    the page's table of contents and anchors include them), every other block one inert raw-HTML line."""
    lines = []
    for block in _TOP_LEVEL.split(fragment):
        heading = _HEADING.fullmatch(block.strip())
        if heading:
            lines.append("#" * int(heading.group(1)) + " " + for_markdown(heading.group(2), line_start=False))
        elif block.strip():
            lines.append(for_markdown(block.strip()))
    return "\n\n".join(lines)


def attribute(text: str) -> str:
    """Plain text escaped for an HTML attribute value (and for titles the theme prints without escaping)."""
    return html.escape(text, quote=True)


# HTML's special characters and Markdown's, as numeric references: what the browser decodes in an attribute and
# a Markdown pass leaves alone (in a raw HTML tag as in the alt text of a Markdown image)
_ATTRIBUTE_IN_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}#|\t\n\r"})


def markdown_attribute(text: str) -> str:
    """Plain text for an attribute value or an image's alt text written in a Markdown page."""
    return text.translate(_ATTRIBUTE_IN_MARKDOWN)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def graphviz_escape(text: str) -> str:
    """Plain text for a Graphviz string: backslashes doubled (no escape sequence from data), control characters
    dropped; quotes are escaped by the graphviz package when it quotes the string."""
    return _CONTROL.sub("", text).replace("\\", "\\\\")


def graphviz_label(escaped: str) -> nohtml:
    """A label made of escaped text (and the drawing's own escapes, such as `\\l`), never read as an HTML-like
    label (`<…>` would be Graphviz markup, able to read files)."""
    return nohtml(escaped)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character is preceded by an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


# what XML 1.0 cannot hold at all, not even as a character reference (C0 controls but tab and newlines, lone
# surrogates, U+FFFE/U+FFFF): one of them in a feed makes the whole document ill-formed for its readers
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text for an XML document (escaping is the serialiser's job): characters XML cannot carry dropped."""
    return _NOT_XML.sub("", text)


def calendar_text(text: str) -> str:
    """Text for an iCalendar property (escaping commas, semicolons and newlines is the writer's job): control
    characters, which RFC 5545 text cannot hold, dropped."""
    return _CONTROL.sub("", text)


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON whose text can sit anywhere, even inside an HTML <script>: <, >, & and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
