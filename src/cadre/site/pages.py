"""The Markdown pages of an edition's site: one per entity of the kinds that have a page, and the overviews.

Each page is written by one template, in one pass: front matter, title, content, what refers to the entity, its
notes, its history across editions and its context diagram. Nothing is added to a page afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cadre.editions.history import EntityHistory, Evenement
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity
from cadre.model.kinds import label, page_kinds
from cadre.site.links import source_of
from cadre.site.search import page_search
from cadre.site.templating import Renderer, front_matter


@dataclass(frozen=True)
class Overview:
    """A page listing a part of the edition (its intro text is in its template)."""

    path: str  # docs-relative source path
    title: str  # navigation and <title>
    heading: str  # the page's h1
    template: str


OVERVIEWS = (
    Overview("index.md", "Accueil", "Cadre commun des projets de e-santé", "accueil.md.j2"),
    Overview("instruction.md", "L'instruction", "L'instruction", "instruction.md.j2"),
    Overview("textes/index.md", "Textes de l'instruction et de l'annexe", "Textes de l'instruction et de l'annexe",
             "textes.md.j2"),
    Overview("referentiels/index.md", "Référentiels", "Référentiels", "referentiels.md.j2"),
    Overview("referentiels/evolutions.md", "Évolutions programmées des référentiels",
             "Évolutions programmées des référentiels", "evolutions.md.j2"),
    Overview("socle/index.md", "Socle commun de services", "Socle commun minimum de services", "socle.md.j2"),
    Overview("socle/objectifs-ars.md", "Objectifs des ARS", "Objectifs des ARS par service du socle",
             "objectifs-ars.md.j2"),
    Overview("principes/index.md", "Principes", "Principes de conduite de projet", "principes.md.j2"),
    Overview("principes/checklist.md", "Liste de contrôle des principes",
             "Liste de contrôle des principes de conduite de projet", "checklist.md.j2"),
    Overview("acteurs/index.md", "Par acteur", "Par acteur", "acteurs.md.j2"),
    Overview("programmes.md", "Programmes nationaux", "Panorama des programmes nationaux", "programmes.md.j2"),
    Overview("gouvernance.md", "Gouvernance", "Gouvernance du cadre commun", "gouvernance.md.j2"),
    Overview("cadre/familles.md", "Familles de services", "Familles de services numériques en santé",
             "familles.md.j2"),
    Overview("cas-usage.md", "Cas d'usage", "Cas d'usage", "cas-usage.md.j2"),
    Overview("glossaire.md", "Glossaire", "Glossaire", "glossaire.md.j2"),
    Overview("notes-editoriales.md", "Notes éditoriales", "Notes éditoriales", "notes-editoriales.md.j2"),
    Overview("plan-du-site.md", "Plan du site", "Plan du site", "plan-du-site.md.j2"),
)

# Shared pages an entity may own: the telemedicine service's page (socle/telemedecine/) is also where the
# telemedicine processes and steps live; without such a service the page stands alone.
SHARED = Overview("socle/telemedecine.md", "Télémédecine : processus et étapes génériques",
                  "Télémédecine : processus et étapes génériques", "telemedecine.md.j2")


@dataclass(frozen=True)
class Exports:
    """The files of one entity, as paths from the site root, and the address of its data file (or "")."""

    json: str
    pdf: str | None = None
    source: str = ""
    feed: str | None = None  # its Atom feed (« Suivre cette fiche »), announced in the page's <head> too
    calendar: str | None = None  # its deadlines (iCalendar), when it has dated ones


@dataclass(frozen=True)
class EntityExtras:
    """What an entity page shows beyond the entity itself."""

    exports: Exports
    history: EntityHistory | None = None
    contexte: object | None = None  # the drawn context diagram (site.architecture.Drawn), when it has one


def entity_pages(renderer: Renderer, extras: dict[tuple[str, str], EntityExtras], years: list[int]) -> dict[str, str]:
    """Every entity page, then the shared page when no entity owns it."""
    pages = {}
    for kind in page_kinds():
        for entity in renderer.kb.all(kind):
            path, _ = source_of(renderer.kb.url(kind, entity.id))
            pages[path] = entity_page(renderer, kind, entity, extras[(kind, entity.id)], years)
    for shared in standalone_pages(renderer.kb):
        pages[shared.path] = overview_page(renderer, shared)
    return pages


def standalone_pages(kb: KnowledgeBase) -> list[Overview]:
    """The shared pages no entity owns: they stand alone, written from their own template."""
    owned = {source_of(kb.url(kind, entity.id))[0] for kind in page_kinds() for entity in kb.all(kind)}
    return [shared for shared in (SHARED,) if shared.path not in owned]


def entity_page(renderer: Renderer, kind: str, entity: Entity, extras: EntityExtras, years: list[int]) -> str:
    path, _ = source_of(renderer.kb.url(kind, entity.id))
    feed = {"feed": extras.exports.feed} if extras.exports.feed else {}  # the theme's <head> reads it
    head = front_matter(label(entity), entity_kind=kind, entity_id=entity.id, recherche=page_search(kind, entity),
                        **feed)
    return head + renderer.render(
        f"{kind}.md.j2", path, entity=entity, kind=kind, exports=extras.exports, history=extras.history,
        events=later_events(extras.history), contexte=extras.contexte, first_year=years[0], annee=years[-1],
        shared_template=SHARED.template if path == SHARED.path else None)


def later_events(history: EntityHistory | None) -> list[Evenement]:
    """What later editions did to the entity (its first appearance is said in the intro line, unless it replaced
    entities of the edition before: a merge or a split is said as an event, with what it replaced)."""
    if history is None:
        return []
    return [e for e in history.evenements
            if not (e.type.value == "ajout" and e.annee == history.editions[0] and not e.predecesseurs)]


def overview_pages(renderer: Renderer, diagrammes: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """Every overview page; `diagrammes` (name, title) are the architecture pages the site map lists."""
    return {overview.path: overview_page(renderer, overview, diagrammes=diagrammes) for overview in OVERVIEWS}


def overview_page(renderer: Renderer, overview: Overview, **values: object) -> str:
    body = renderer.render("_page.md.j2", overview.path, page_template=overview.template, **values)
    return f"{front_matter(overview.title)}# {overview.heading}\n\n{body}"
