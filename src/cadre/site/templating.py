"""Jinja2 templates that write the site's Markdown pages from the knowledge base.

Templates are trusted Markdown; data is not. Every value a template prints goes through `finalize`, which
renders data text by the one safe path (`cadre.text`) and makes it inert for Markdown, so a template cannot
forget; filters say which form a value takes (inline, block, sections, plain attribute text). Helpers that
build links return `Markup`. Template syntax in data is never evaluated: data only ever fills a slot.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from cadre.editions.diff import FieldChange, change_phrase, format_value
from cadre.exports.feeds import anchor, feed_path
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Lien
from cadre.model.kinds import KINDS, label
from cadre.site import labels
from cadre.site.abbreviations import Abbreviations, abbreviations
from cadre.site.editorial import with_legend
from cadre.site.parts import services_of_part
from cadre.site.figures import Figure, describe
from cadre.site.figures.inline import as_inline
from cadre.site.links import relative
from cadre.text import (
    attribute,
    for_markdown,
    html_block,
    html_inline,
    html_label,
    link_html,
    markdown_attribute,
    markdown_sections,
    plain,
)

TEMPLATES = Path(__file__).parent / "templates"
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SafeText:
    """Data text as the pages carry it: sanitised HTML, the glossary's acronyms explained, inert for Markdown."""

    def __init__(self, glossary: Abbreviations) -> None:
        self.glossary = glossary

    def inline(self, text: Any) -> Markup:
        if isinstance(text, Markup):
            return text
        return Markup(for_markdown(self.glossary.apply(html_inline(str(text)))))

    def block(self, text: str | None) -> Markup:
        return Markup(for_markdown(self.glossary.apply(html_block(text)))) if text else Markup("")

    def sections(self, text: str | None) -> Markup:
        return Markup(markdown_sections(self.glossary.apply(html_block(text)))) if text else Markup("")

    def label(self, text: str | None) -> Markup:
        """For the text of a link the site makes: no link inside, no explanation (the target explains)."""
        return Markup(for_markdown(html_label(text))) if text else Markup("")

    def external(self, lien: Lien) -> Markup:
        return Markup(for_markdown(link_html(lien.url, lien.titre)))

    def change(self, change: FieldChange) -> Markup:
        """One field change: the path as code, the values as literal text (cut when long; `cadre diff` has all)."""
        return Markup(change_phrase(change, f"<code>{html.escape(change.chemin)}</code>", _literal))

    def finalize(self, value: Any) -> Any:
        if isinstance(value, Markup) or not isinstance(value, str):
            return value
        if _IDENTIFIER.fullmatch(value):  # ids and anchors: no Markdown or HTML can hide in [a-z0-9-]
            return Markup(value)
        return self.inline(value)


MAX_VALUE = 300  # characters of a changed value shown on a page


def _literal(value: object) -> str:
    shown = format_value(value)
    if len(shown) > MAX_VALUE:
        shown = shown[: MAX_VALUE - 1].rstrip() + "…" + (" »" if shown.startswith("«") else "")
    return for_markdown(html.escape(shown, quote=False), line_start=False)


def plain_attribute(text: str | None) -> Markup:
    """Data text reduced to words for an HTML attribute or the alt text of a Markdown image: escaped for HTML and
    inert for Markdown (a `]` or `{` left as is would close the image and open an attribute list)."""
    return Markup(markdown_attribute(plain(text))) if text else Markup("")


def front_matter(title: str, **values: Any) -> str:
    """YAML front matter: the title as escaped plain text. Written by the YAML library MkDocs reads it with: a
    front matter that fails to parse is silently rendered as Markdown, title included (JSON strings are not
    always YAML: a DEL character is refused)."""
    items = {"title": attribute(plain(title)), **values, "render_macros": False}
    return "---\n" + yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=1 << 30) + "---\n\n"


def badge(statut: str) -> Markup:
    """The availability status of a fact sheet, as a coloured label (text, not colour alone, carries it)."""
    # the classification is the editors' reading of the sheet, not the document's words: marked as such
    return Markup('<span class="cadre-badge cadre-badge--{} cadre-editorial">{}</span>').format(
        statut, labels.DISPONIBILITE[statut])


def group(items: list[Any], attribute_name: str) -> dict[Any, list[Any]]:
    """Items by the value of one attribute, in their order (one pass, where `selectattr` per group is quadratic)."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute_name), []).append(item)
    return groups


@cache
def _loader() -> FileSystemLoader:
    return FileSystemLoader(TEMPLATES)


def environment(text: SafeText) -> Environment:
    # compiled templates are kept between builds (bytecode cache keyed by each template's source)
    env = Environment(loader=_loader(), bytecode_cache=FileSystemBytecodeCache(), auto_reload=False,
                      autoescape=False, finalize=text.finalize, undefined=StrictUndefined,
                      extensions=["jinja2.ext.do"], trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=text.block, corps=text.sections, inline=text.inline, lien=text.label,
                       plain=plain_attribute, externe=text.external,
                       changement=text.change)
    env.globals.update(labels=labels, KINDS=KINDS, badge=badge, date=labels.date, label=label, group=group,
                       feed_path=feed_path, anchor=lambda ref: Markup(anchor(ref)))
    return env


class Renderer:
    """The templates of one edition's site: its knowledge base and its glossary's explanations."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.text = SafeText(abbreviations(kb))
        self.env = environment(self.text)

    def render(self, template: str, page_file: str, **values: Any) -> str:
        """Markdown for `page_file` (docs-relative) from `template`, links relative to that file."""
        context = PageLinks(self, page_file).as_globals()
        context.update(values)
        return with_legend(self.env.get_template(template).render(context))


class PageLinks:
    """Link helpers bound to one page: links are relative to its own source file, so MkDocs checks each one."""

    def __init__(self, renderer: Renderer, page_file: str) -> None:
        self.renderer = renderer
        self.kb = renderer.kb
        self.page_file = page_file

    def url(self, kind: str, entity_id: str) -> Markup:
        return Markup(relative(self.page_file, self.kb.url(kind, entity_id)))

    def page(self, url: str) -> Markup:
        """Link to a page given by its site URL (« programmes/ », « glossaire/#ins »)."""
        return Markup(relative(self.page_file, url))

    def file(self, path: str) -> Markup:
        """Link to a file of the site given by its path from the site root (« api/v1/edition.json »)."""
        depth = self.page_file.count("/")
        return Markup("../" * depth + path)

    def link(self, kind: str, entity_id: str, title: str | None = None) -> Markup:
        name = self.renderer.text.label(title or label(self.kb.get(kind, entity_id)))
        return Markup(f"[{name}]({self.url(kind, entity_id)})")

    def links(self, kind: str, ids: list[str], sep: str = ", ") -> Markup:
        return Markup(sep.join(self.link(kind, i) for i in ids))

    def as_globals(self) -> dict[str, Any]:
        return {"kb": self.kb, "edition": self.kb.edition, "url": self.url, "page": self.page, "file": self.file,
                "link": self.link, "links": self.links, "page_file": self.page_file, "description": self.description,
                "figure_svg": self.figure_svg, "services_of_part": lambda numero: services_of_part(self.kb, numero)}

    def figure_svg(self, drawn: Any) -> Markup:
        """A drawn diagram (site.architecture.Drawn) inline in this page, its boxes linked to their pages."""
        return Markup(as_inline(drawn.svg, self.page_file, f"Diagramme : {plain(drawn.figure.title)}"))

    def description(self, figure: Figure) -> Markup:
        """The text alternative of a diagram, its boxes linked to their pages."""
        return Markup(describe(figure, lambda url: relative(self.page_file, url)))

