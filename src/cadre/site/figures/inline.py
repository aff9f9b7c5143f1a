"""A drawn figure placed in a page: the SVG inline (so its boxes are links a reader can follow and the site's
dark palette can restyle it), or as a file of its own, its links made relative to where it is served.

Graphviz writes every box that has a page as `<a href="permalink">`; the cached drawing keeps permalinks
relative to the site root, and each output adds the way back to the root. The SVG is Graphviz's output from
escaped labels; before it reaches a page, every element and attribute is checked against what Graphviz writes
(no script, no event attribute, no style, no reference outside the site), so nothing else can slip through.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from cadre.text import for_markdown

SVG = "http://www.w3.org/2000/svg"


def _serialised(root: ElementTree.Element) -> str:
    """The drawing as SVG text, its elements unprefixed. ElementTree's prefixes are one table for the whole
    process, which the Atom feeds also set (their own default namespace): it is set again here, just before."""
    ElementTree.register_namespace("", SVG)
    return ElementTree.tostring(root, encoding="unicode")

# a permalink of the site (KnowledgeBase.url): slugs and slashes, an optional anchor; never a scheme nor `..`
PERMALINK = re.compile(r"(?:[a-z0-9-]+/)*(?:#[a-z0-9-]+)?")
# what Graphviz writes, and nothing else: an SVG with anything more is refused, never cleaned up silently
ELEMENTS = frozenset({"svg", "g", "title", "path", "polygon", "polyline", "ellipse", "text", "a"})
ATTRIBUTES = frozenset({
    "width", "height", "viewBox", "role", "transform", "id", "class", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "points", "d", "cx", "cy", "rx", "ry", "x", "y", "text-anchor", "font-family",
    "font-size", "font-weight", "font-style", "href", "fill-opacity", "stroke-opacity",
})


class UnsafeSvg(ValueError):
    """A drawing holds something Graphviz does not write: it is not placed in any page."""


def is_permalink(url: str) -> bool:
    return bool(url) and PERMALINK.fullmatch(url) is not None


def checked(svg: str) -> ElementTree.Element:
    """The parsed drawing, once every element and attribute is one Graphviz writes and every link a permalink."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        name = element.tag.removeprefix(f"{{{SVG}}}")
        if name not in ELEMENTS:
            raise UnsafeSvg(f"élément <{name}> inattendu dans un diagramme")
        for attribute, value in element.attrib.items():
            if attribute not in ATTRIBUTES:
                raise UnsafeSvg(f"attribut {attribute} inattendu sur <{name}> dans un diagramme")
            if attribute == "href" and (name != "a" or not is_permalink(value)):
                raise UnsafeSvg(f"lien {value!r} hors du site dans un diagramme")
            if "url(" in value or "javascript:" in value.lower():
                raise UnsafeSvg(f"valeur active {value!r} dans un diagramme")
    return root


def to_root(path: str) -> str:
    """The way back to the site root from a file served at `path` (« architecture/contexte/x.svg »)."""
    return "../" * path.count("/")


def page_to_root(page_file: str) -> str:
    """The way back to the site root from the page made of `page_file` (served as a folder: « a/b.md » → a/b/)."""
    depth = page_file.count("/") + (0 if page_file.rsplit("/", 1)[-1] == "index.md" else 1)
    return "../" * depth


def _relink(root: ElementTree.Element, prefix: str) -> None:
    for element in root.iter(f"{{{SVG}}}a"):
        element.set("href", prefix + element.get("href", ""))


def as_file(svg: str, path: str) -> str:
    """The drawing as the file `path` of the site: links relative to that file."""
    root = checked(svg)
    _relink(root, to_root(path))
    return _serialised(root)


def as_inline(svg: str, page_file: str, label: str) -> str:
    """The drawing inside the page made of `page_file`, on one inert line of its Markdown: links relative to the
    page, Graphviz's ids dropped (several diagrams may share a page) and its titles too (internal box names, not
    words for a reader). `label` (plain text) names the diagram for assistive technologies."""
    root = checked(svg)
    _relink(root, page_to_root(page_file))
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{SVG}}}title":
                parent.remove(child)
        parent.attrib.pop("id", None)
    root.set("role", "group")
    root.set("aria-label", label)
    root.set("class", "cadre-diagramme")
    return for_markdown(_serialised(root))
