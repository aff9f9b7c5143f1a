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

from cadre.editions.diff import EntityRef, FieldChange, change_phrase, format_value
from cadre.exports.feeds import anchor, feed_path
from cadre.site.wording import words_changed
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Lien, StatutEdition, TypeNote
from cadre.model.kinds import KINDS, label, short_label
from cadre.site import labels
from cadre.site.abbreviations import Abbreviations, abbreviations
from cadre.site.alphabet import AUTRES, by_initial
from cadre.site.editorial import with_legend
from cadre.site.parts import services_of_part
from cadre.site.figures import Figure, describe
from cadre.site.figures.inline import as_inline
from cadre.site.links import relative
from cadre.site.notes import PageNotes, merged, summary
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
        return link_label(text)

    def external(self, lien: Lien) -> Markup:
        return Markup(for_markdown(link_html(lien.url, lien.titre)))

    def summary(self, text: str) -> Markup:
        """The first words of a data text, plain, for a one-line summary."""
        return Markup(for_markdown(html.escape(summary(text), quote=False), line_start=False))

    def change(self, change: FieldChange) -> Markup:
        """One field change: the path as code, the values as literal text (cut when long; `cadre diff` has all);
        a long text rewritten shows its words removed and added (`<del>`, `<ins>`) amid some unchanged context."""
        path = f"<code>{html.escape(change.chemin)}</code>"
        rewritten = words_changed(change.avant, change.apres)
        if rewritten is not None:
            return Markup(f'{path} : <span class="cadre-mots">{for_markdown(rewritten, line_start=False)}</span>')
        return Markup(change_phrase(change, path, _literal))

    def finalize(self, value: Any) -> Any:
        if isinstance(value, Markup) or not isinstance(value, str):
            return value
        if _IDENTIFIER.fullmatch(value):  # ids and anchors: no Markdown or HTML can hide in [a-z0-9-]
            return Markup(value)
        return self.inline(value)


def link_label(text: str | None) -> Markup:
    """For the text of a link the site makes: no link inside, no explanation (the target explains)."""
    return Markup(for_markdown(html_label(text))) if text else Markup("")


MAX_VALUE = 300  # characters of a changed value shown on a page


def _literal(value: object) -> str:
    shown = format_value(value)
    if len(shown) > MAX_VALUE:
        shown = shown[: MAX_VALUE - 1].rstrip() + "…" + (" »" if shown.startswith("«") else "")
    return for_markdown(html.escape(shown, quote=False), line_start=False)


def site_root(page_file: str) -> str:
    """From the page built from `page_file` (« nouveautes.md » is served at nouveautes/) to its edition's site root:
    a link in raw HTML is left as written, and the browser resolves it from the page's address, not from its source
    file (MkDocs rewrites Markdown links only)."""
    served = page_file.removesuffix(".md")
    served = served.removesuffix("index") if served == "index" or served.endswith("/index") else served + "/"
    return "../" * served.count("/")


def versions_root(page_file: str) -> str:
    """From the page built from `page_file` to the root that holds every edition's site (<racine>/<année>/)."""
    return site_root(page_file) + "../"


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


def letter_anchor(letter: str) -> Markup:
    """The anchor of a letter of an alphabetical index: « lettre-a », « lettre-autres »."""
    return Markup("lettre-autres" if letter == AUTRES else f"lettre-{letter.lower()}")


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
                       changement=text.change, resume=text.summary)
    env.globals.update(labels=labels, KINDS=KINDS, badge=badge, date=labels.date, label=label, group=group,
                       short_label=short_label, chronologie=labels.chronologie,
                       by_initial=lambda items, name: by_initial(items, lambda item: getattr(item, name)),
                       letter_anchor=letter_anchor, merged=merged, note_types=list(TypeNote),
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

    def other_edition(self, ref: EntityRef, text: str | None = None) -> Markup:
        """A link to the entity's page in its own edition: a page of this site (checked by MkDocs), or of another
        edition's site, a sibling under the versions' root (not a docs file: a plain HTML link, as the theme's
        link to ../latest/)."""
        name = self.renderer.text.label(text or ref.libelle)
        if ref.edition == self.kb.edition.annee:
            return Markup(f"[{name}]({self.page(ref.url)})")
        href = versions_root(self.page_file) + f"{ref.edition}/{ref.url}"
        return Markup(f'<a href="{href}">{name}</a>')

    def follow(self, path: str) -> Markup:
        """The address to subscribe to a file of the site (a feed): in a published edition, its copy in the
        edition in force (latest/, which keeps a feed for every entity that ever had a page, so the address
        stays valid); in a draft, its own copy (not in force, its entities may not exist there yet)."""
        if self.kb.edition.statut is StatutEdition.PUBLIEE:
            return Markup(versions_root(self.page_file) + "latest/" + path)
        return Markup(site_root(self.page_file) + path)

    def link(self, kind: str, entity_id: str, title: str | None = None) -> Markup:
        name = self.renderer.text.label(title or label(self.kb.get(kind, entity_id)))
        return Markup(f"[{name}]({self.url(kind, entity_id)})")

    def links(self, kind: str, ids: list[str], sep: str = ", ") -> Markup:
        return Markup(sep.join(self.link(kind, i) for i in ids))

    def as_globals(self) -> dict[str, Any]:
        return {"kb": self.kb, "edition": self.kb.edition, "url": self.url, "page": self.page, "file": self.file,
                "link": self.link, "links": self.links, "page_file": self.page_file, "description": self.description,
                "notes": PageNotes(self.url), "entite": self.other_edition, "suivre": self.follow,
                "figure_svg": self.figure_svg, "services_of_part": lambda numero: services_of_part(self.kb, numero)}

    def figure_svg(self, drawn: Any) -> Markup:
        """A drawn diagram (site.architecture.Drawn) inline in this page, its boxes linked to their pages."""
        return Markup(as_inline(drawn.svg, self.page_file, f"Diagramme : {plain(drawn.figure.title)}"))

    def description(self, figure: Figure) -> Markup:
        """The text alternative of a diagram, its boxes linked to their pages."""
        return Markup(describe(figure, lambda url: relative(self.page_file, url)))

