"""Where each entity page sits in the site's navigation, and how the navigation stays small at any size.

Each kind with pages is listed in the section of its overview: the navigation entry of the index page of its
permalink's folder (« referentiels/{id}/ » → referentiels/index.md), in the document's order, grouped by the field
the kinds registry names (`Kind.nav_group`: fact sheets by category, services by version, texts by document).
`SiteSource.nav` carries these entries in mkdocs.yml's own form; `splice` adds them to a configured navigation:
the MkDocs adapter at each build, the plain docs folder into its mkdocs.yml. No MkDocs import.

Bounded: Material (with `navigation.prune`) writes in every page the sections of the active tab in full and,
below them, only the group holding the page. A section of more than NAV_LIMIT pages is therefore moved one level
down and cut into runs of at most NAV_LIMIT items (titled by their first and last entries), recursively: a page of
an edition a hundred times larger still lists a few dozen links, not thousands.
"""

from __future__ import annotations

import posixpath
from enum import Enum
from typing import Any

from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.validate import references
from cadre.model import Entity
from cadre.model.kinds import KINDS, label, page_kinds
from cadre.site.links import source_of
from cadre.text import attribute, plain

NAV_LIMIT = 50  # items listed at one level of a section before it is cut into runs

NavItem = dict[str, Any]  # {title: path} for a page, {title: [items]} for a group, as mkdocs.yml writes them
SectionNav = dict[str, list[NavItem]]  # index page of a section (« referentiels/index.md ») -> its entity pages


def nav_title(text: str) -> str:
    """A data label as the theme prints a navigation title: plain words, escaped (the theme does not escape)."""
    return attribute(plain(text))


def entity_navigation(kb: KnowledgeBase, standalone: list[tuple[str, str]] = ()) -> SectionNav:
    """The entity pages of every kind with pages, by section; `standalone` pages (title, path) join the section
    of their folder after them (the telemedicine page when no service owns it)."""
    sections: SectionNav = {}
    for kind in page_kinds():
        items = _grouped(kb, kind)
        if _count_pages(items) > NAV_LIMIT:  # one level down, where only the page's own run is written out
            items = [{nav_title(KINDS[kind].titre_pluriel): bounded(items)}]
        sections.setdefault(section_index(KINDS[kind].permalink), []).extend(items)
    for title, path in standalone:
        sections.setdefault(section_index(path), []).append({nav_title(title): path})
    return {index: items for index, items in sections.items() if items}


def section_index(permalink: str) -> str:
    """The overview page of the folder a kind's pages live in: « referentiels/{id}/ » → referentiels/index.md."""
    return posixpath.join(permalink.split("/", 1)[0], "index.md")


def _grouped(kb: KnowledgeBase, kind: str) -> list[NavItem]:
    field = KINDS[kind].nav_group
    pages = [(entity, {nav_title(label(entity)): source_of(kb.url(kind, entity.id))[0]}) for entity in kb.all(kind)]
    if field is None:
        return [page for _, page in pages]
    groups: dict[str, list[NavItem]] = {}
    for entity, page in pages:
        groups.setdefault(_group_title(kb, entity, field), []).append(page)
    return [{nav_title(title): items} for title, items in groups.items()]


def _group_title(kb: KnowledgeBase, entity: Entity, field: str) -> str:
    """The name of the group an entity falls in: the label of the entity the field refers to, or the wording
    of the enumeration's value."""
    for path, kind, target in references(entity):
        if path == (field,):
            return label(kb.get(kind, target))
    value = getattr(entity, field)
    return value.libelle if isinstance(value, Enum) else str(value)


def bounded(items: list[NavItem], limit: int = NAV_LIMIT) -> list[NavItem]:
    """At most `limit` items at each level: longer lists become runs of `limit` items, recursively, each run
    titled by the first and last titles it spans (« Alpha – Kappa »)."""
    spans = [(title, title, {title: bounded(value, limit) if isinstance(value, list) else value})
             for item in items for title, value in item.items()]
    while len(spans) > limit:
        runs = (spans[i:i + limit] for i in range(0, len(spans), limit))
        spans = [(run[0][0], run[-1][1], {f"{run[0][0]} – {run[-1][1]}": [item for _, _, item in run]})
                 for run in runs]
    return [item for _, _, item in spans]


def _count_pages(items: list[NavItem]) -> int:
    return sum(_count_pages(value) if isinstance(value, list) else 1 for item in items for value in item.values())


def splice(nav: list[Any] | None, sections: SectionNav) -> list[Any] | None:
    """The configured navigation with each section's entity pages added after its index page's entry.

    An index page missing from a configured navigation is an error: its pages would be left out silently."""
    if nav is None:  # no configured navigation: the engine lists every page itself
        return None
    missing = set(sections)
    spliced = _splice(nav, sections, missing)
    if missing:
        raise ValueError("la navigation de mkdocs.yml ne contient pas la page de vue d'ensemble "
                         + ", ".join(sorted(missing)) + " : ses pages d'entités n'y auraient pas de place")
    return spliced


def _splice(items: list[Any], sections: SectionNav, missing: set[str]) -> list[Any]:
    out: list[Any] = []
    added: list[Any] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out.append({next(iter(item)): _splice(value, sections, missing)})
            continue
        out.append(item)
        if value in sections:
            missing.discard(value)
            added.extend(sections[value])
    return out + added
