"""The pages generated from the knowledge base: one per entity of the kinds that have a page of their own."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cadre.loading.knowledge import KnowledgeBase
from cadre.site import text
from cadre.site.links import source_of
from cadre.site.templating import entity_title, render

# kinds whose permalink is a page of its own (the others are anchors on shared pages)
ENTITY_PAGE_KINDS = ("chapitre", "referentiel", "service", "principe", "acteur")


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative source path, e.g. « referentiels/ci-sis.md »
    content: str


# shared pages whose path an entity may own: the telemedicine service's page (socle/telemedecine/) is also
# where the telemedicine processes and steps live; without such a service the page stands alone
SHARED_PAGES = {"socle/telemedecine.md": ("Télémédecine : processus et étapes génériques", "telemedecine.md.j2")}


def entity_pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    """Every entity page, then the shared pages no entity owns; rendered once per build."""
    pages = [entity_page(kb, kind, entity.id) for kind in ENTITY_PAGE_KINDS for entity in kb.all(kind)]
    owned = {page.path for page in pages}
    return pages + [shared_page(kb, path) for path in SHARED_PAGES if path not in owned]


def entity_page(kb: KnowledgeBase, kind: str, entity_id: str) -> GeneratedPage:
    path, _ = source_of(kb.url(kind, entity_id))
    entity = kb.get(kind, entity_id)
    body = render(f"{kind}.md.j2", kb, path, entity=entity, kind=kind)
    if path in SHARED_PAGES:
        body += "\n" + render(SHARED_PAGES[path][1], kb, path)
    return GeneratedPage(path, front_matter(entity_title(kind, entity), kind, entity_id) + body)


def shared_page(kb: KnowledgeBase, path: str) -> GeneratedPage:
    title, template = SHARED_PAGES[path]
    head = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nrender_macros: false\n---\n\n# {title}\n\n"
    return GeneratedPage(path, head + render(template, kb, path))


# A reader typing « INS » wants the INS fact sheet before « institutions »: fact sheets and services first.
SEARCH_BOOST = {"referentiel": 4, "service": 3, "principe": 2}


def front_matter(title: str, kind: str, entity_id: str) -> str:
    # the theme prints titles without escaping them: escape here; JSON strings are valid YAML scalars
    values: dict[str, object] = {"title": text.attribute(title), "entity_kind": kind, "entity_id": entity_id,
                                 "render_macros": False}
    if kind in SEARCH_BOOST:
        values["search"] = {"boost": SEARCH_BOOST[kind]}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
