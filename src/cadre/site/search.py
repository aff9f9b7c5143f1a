"""What the site's search knows beyond its pages: the type and status of each page, and one record per entry.

Pages are indexed from the built HTML (their article body, see overrides/main.html); each page says its type (the
filter chips of the search box) and, where the data has one, its status, through its front matter. Entities that
live as rows or entries of a shared page (glossary entries, national programmes) get a search record of their own,
anchored on that page, so an acronym lands on its entry rather than on a long page where it is one line among
ninety. Record text is plain text from the one safe path (`cadre.text.plain`), escaped as HTML text, since the
search engine treats it as page content.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity
from cadre.model.kinds import KINDS, label
from cadre.site import labels
from cadre.text import plain

# The type each kind of page shows in results and filters (short French words: they are the filter chips).
SEARCH_TYPES = {"referentiel": "référentiel", "service": "service", "principe": "principe", "acteur": "acteur",
                "chapitre": "texte", "glossaire": "glossaire", "programme": "programme"}
OTHER_PAGES = "page"  # overviews, hand-written pages, diagrams


@dataclass(frozen=True)
class SearchRecord:
    """One search result that is not a page of its own: an entry anchored on a shared page."""

    url: str  # from the edition's root, with its anchor (« glossaire/#ins »)
    title: str  # plain text
    content: str  # HTML text (escaped), what the record is found by and what its excerpt shows
    type: str
    statut: str = ""


def page_search(kind: str, entity: Entity) -> dict[str, str]:
    """The type and status of an entity page, for its front matter (read by the theme's page template)."""
    values = {"type": SEARCH_TYPES.get(kind, OTHER_PAGES)}
    disponibilite = getattr(entity, "disponibilite", None)
    if disponibilite is not None:
        values["statut"] = labels.DISPONIBILITE[disponibilite.statut.value].lower()
    return values


def search_records(kb: KnowledgeBase) -> tuple[SearchRecord, ...]:
    """One record per glossary entry and per national programme of the edition."""
    glossary = [_glossary_record(entree) for entree in kb.all("glossaire")]
    return tuple(glossary + [_programme_record(kb, programme) for programme in kb.all("programme")])


def _glossary_record(entree: Entity) -> SearchRecord:
    sigle, definition = plain(entree.sigle), plain(entree.definition)  # type: ignore[attr-defined]
    return SearchRecord(KINDS["glossaire"].url(entree.id), sigle, _text(sigle, definition), SEARCH_TYPES["glossaire"])


def _programme_record(kb: KnowledgeBase, programme: Entity) -> SearchRecord:
    nom = plain(label(programme))
    famille = kb.get("famille", programme.famille).nom if programme.famille else ""  # type: ignore[attr-defined]
    statut = labels.PROGRAMME[programme.statut.value]  # type: ignore[attr-defined]
    details = [plain(programme.sous_categorie), plain(programme.description),  # type: ignore[attr-defined]
               plain(famille), statut]
    return SearchRecord(KINDS["programme"].url(programme.id), nom, _text(nom, *details), SEARCH_TYPES["programme"],
                        statut=statut.lower())


def _text(*parts: str) -> str:
    return html.escape(". ".join(part for part in parts if part), quote=False)
