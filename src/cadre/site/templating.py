"""Jinja2 templates that turn the knowledge base into Markdown page content.

One environment per process (templates compile once). Every `{{ value }}` of data text is disarmed by
`finalize` (see `text.markdown`), so a template cannot forget to escape; filters return `Markup` when
their output is already safe.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS
from cadre.model import Entity
from cadre.site import labels, text
from cadre.site.links import relative

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return text.markdown(value)


def _safe(function: Callable[..., str]) -> Callable[..., Markup]:
    return lambda *args, **kwargs: Markup(function(*args, **kwargs))


@cache
def environment() -> Environment:
    # compiled templates are kept between builds (keyed by the template's source): compiling them costs more
    # than rendering every page of the 2016 edition
    # no auto_reload (a stat per include, thousands per build): `reset()` at each build start reloads templates
    env = Environment(loader=FileSystemLoader(TEMPLATES), bytecode_cache=FileSystemBytecodeCache(),
                      auto_reload=False, autoescape=False, finalize=_finalize,
                      undefined=StrictUndefined, extensions=["jinja2.ext.do"], trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(
        md=_safe(lambda value: text.markdown(value).strip()),
        inline=_safe(text.inline),
        plain=_safe(text.attribute),
        indent_md=lambda value, width=4: Markup(text.indent(str(value), width)),
    )
    env.globals.update(labels=labels, KINDS=KINDS, badge=badge, date=labels.date, entity_title=entity_title,
                       group=group)
    return env


def group(items: list[Any], attribute: str) -> dict[Any, list[Any]]:
    """Items by the value of one attribute, in their order (one pass, where `selectattr` per group is quadratic)."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return groups


def reset() -> None:
    """Forget loaded templates, so that a rebuild under `mkdocs serve` sees edited templates."""
    environment.cache_clear()


def label(entity: Entity) -> str:
    """How the site names an entity: its name, title, label or acronym, as the data gives it."""
    for attribute in ("nom", "titre", "libelle", "ligne", "sigle"):
        value = getattr(entity, attribute, None)
        if value:
            return value
    return entity.id


def entity_title(kind: str, entity: Entity) -> str:
    """The title of an entity's page or section."""
    if kind == "chapitre":  # « I. PRIORITÉ… », but « Préambule » when the number is a dash
        numero, titre = entity.numero, entity.titre  # type: ignore[attr-defined]
        return f"{numero}. {titre}" if any(c.isalnum() for c in numero) else titre
    if kind == "principe":
        return f"Principe {entity.numero} : {entity.titre}"  # type: ignore[attr-defined]
    return label(entity)


def badge(statut: str) -> Markup:
    """The availability status of a fact sheet, as a coloured label (text, not colour alone, carries it)."""
    return Markup('<span class="cadre-badge cadre-badge--{}">{}</span>').format(
        statut, labels.DISPONIBILITE[statut])


class PageContext:
    """Helpers bound to one page: links are relative to the page's own source file."""

    def __init__(self, kb: KnowledgeBase, page_file: str) -> None:
        self.kb = kb
        self.page_file = page_file

    def url(self, kind: str, entity_id: str) -> Markup:
        return Markup(relative(self.page_file, self.kb.url(kind, entity_id)))

    def page(self, url: str) -> Markup:
        """Link to a shared page given by its site URL (« programmes/ », « glossaire/#ins »)."""
        return Markup(relative(self.page_file, url))

    def link(self, kind: str, entity_id: str, title: str | None = None) -> Markup:
        name = text.inline(title or label(self.kb.get(kind, entity_id)))
        return Markup(f"[{name}]({self.url(kind, entity_id)})")

    def links(self, kind: str, ids: list[str], sep: str = ", ") -> Markup:
        return Markup(sep.join(self.link(kind, i) for i in ids))

    def as_globals(self) -> dict[str, Any]:
        return {"kb": self.kb, "edition": self.kb.edition, "url": self.url, "page": self.page,
                "link": self.link, "links": self.links, "label": label, "page_file": self.page_file}


def render(template: str, kb: KnowledgeBase, page_file: str, **values: Any) -> str:
    """Markdown for `page_file` from `template`, with the page's link helpers and `values`."""
    context = PageContext(kb, page_file).as_globals()
    context.update(values)
    return environment().get_template(template).render(context)
