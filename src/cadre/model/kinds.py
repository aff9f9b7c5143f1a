"""The registry of entity kinds: where each kind lives in an edition folder, what it is called, how the site shows it.

The single source for everything per kind: the loader, the validator, the JSON Schemas, the site (page or
anchor), the exports (PDF parts) and every output naming an entity (`label`) read it here, so a new
kind is declared once (and a test lists what a new kind lacks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from cadre import model as m


class Layout(Enum):
    ONE_PER_FILE = "un fichier par entité"  # folder/<id>.yaml, the file's stem is the id
    LIST = "une liste par fichier"  # file.yaml holds a list of entities


def _named(entity: m.Entity) -> str:
    """« Nom (SIGLE) », the acronym added only when the name does not already carry it."""
    nom, sigle = entity.nom, getattr(entity, "sigle", None)  # type: ignore[attr-defined]
    return f"{nom} ({sigle})" if sigle and sigle not in nom else nom


def _chapitre(entity: m.Entity) -> str:
    """« I. PRIORITÉ… », but « Préambule » when the number is a dash."""
    numero, titre = entity.numero, entity.titre  # type: ignore[attr-defined]
    return f"{numero}. {titre}" if any(c.isalnum() for c in numero) else titre


@dataclass(frozen=True)
class Kind:
    name: str  # the kind's id: used in error messages, API paths and references
    model: type[m.Entity]
    source: str  # folder (ONE_PER_FILE) or file (LIST), relative to the edition folder
    layout: Layout
    singulier: str
    pluriel: str
    # where an entity is shown on the site: a page of its own (« …/{id}/ »), or an anchor on a shared page
    permalink: str
    display: Callable[[m.Entity], str]  # how every output names one entity of this kind
    feminin: bool = False  # for French messages: « aucune catégorie », « aucun référentiel »
    pdf_part: int | None = None  # rank in the whole-edition PDF (the document's order); None: not printed
    fact_sheet: bool = False  # a PDF of its own
    # the field grouping its pages in the navigation (a reference or an enumeration with a `libelle`), if any
    nav_group: str | None = None

    @property
    def aucun(self) -> str:
        return f"{'aucune' if self.feminin else 'aucun'} {self.singulier}"

    @property
    def un(self) -> str:
        return f"{'une' if self.feminin else 'un'} {self.singulier}"

    @property
    def has_page(self) -> bool:
        """An entity of this kind has a page of its own (else it is an anchor on a shared page)."""
        return "#" not in self.permalink

    @property
    def titre_pluriel(self) -> str:
        return self.pluriel[:1].upper() + self.pluriel[1:]

    def url(self, entity_id: str) -> str:
        return self.permalink.format(id=entity_id)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("chapitre", m.Chapitre, "chapitres", Layout.ONE_PER_FILE, "chapitre", "chapitres",
             "textes/{id}/", _chapitre, pdf_part=1,
             nav_group="document"),
        Kind("famille", m.Famille, "familles.yaml", Layout.LIST, "famille de services",
             "familles de services", "cadre/familles/#{id}", _named, feminin=True, pdf_part=2),
        Kind("categorie", m.Categorie, "categories.yaml", Layout.LIST, "catégorie de référentiels",
             "catégories de référentiels", "referentiels/#{id}", _named, feminin=True),
        Kind("referentiel", m.Referentiel, "referentiels", Layout.ONE_PER_FILE, "référentiel",
             "référentiels", "referentiels/{id}/", _named, pdf_part=3, fact_sheet=True,
             nav_group="categorie"),
        Kind("evolution", m.Evolution, "evolutions.yaml", Layout.LIST, "évolution programmée",
             "évolutions programmées", "referentiels/evolutions/#{id}", lambda e: e.libelle, feminin=True,
             pdf_part=4),
        Kind("rubrique", m.Rubrique, "rubriques.yaml", Layout.LIST, "rubrique du socle",
             "rubriques du socle", "socle/#{id}", _named, feminin=True),
        Kind("service", m.Service, "socle", Layout.ONE_PER_FILE, "service du socle",
             "services du socle", "socle/{id}/", _named, pdf_part=5, fact_sheet=True, nav_group="version"),
        Kind("objectif", m.ObjectifArs, "objectifs-ars.yaml", Layout.LIST, "objectif ARS",
             "objectifs ARS", "socle/objectifs-ars/#{id}", lambda e: e.ligne, pdf_part=6),
        Kind("processus", m.Processus, "telemedecine/processus.yaml", Layout.LIST,
             "processus de télémédecine", "processus de télémédecine", "socle/telemedecine/#{id}", _named,
             pdf_part=7),
        Kind("etape", m.Etape, "telemedecine/etapes.yaml", Layout.LIST, "étape de télémédecine",
             "étapes de télémédecine", "socle/telemedecine/#{id}", lambda e: f"Étape {e.numero} : {e.titre}",
             feminin=True, pdf_part=8),
        Kind("programme", m.Programme, "programmes.yaml", Layout.LIST, "programme national",
             "programmes nationaux", "programmes/#{id}", _named, pdf_part=14),
        Kind("glossaire", m.EntreeGlossaire, "glossaire.yaml", Layout.LIST, "entrée du glossaire",
             "entrées du glossaire", "glossaire/#{id}", lambda e: e.sigle, feminin=True, pdf_part=16),
        Kind("instance", m.Instance, "gouvernance/instances.yaml", Layout.LIST, "instance de gouvernance",
             "instances de gouvernance", "gouvernance/#{id}", _named, feminin=True, pdf_part=11),
        Kind("elaboration", m.InstanceElaboration, "gouvernance/elaboration.yaml", Layout.LIST,
             "instance d'élaboration", "instances d'élaboration", "gouvernance/#{id}", _named, feminin=True,
             pdf_part=12),
        Kind("regle", m.Regle, "gouvernance/regles.yaml", Layout.LIST, "règle d'évolution",
             "règles d'évolution", "gouvernance/#{id}", lambda e: e.titre, feminin=True, pdf_part=13),
        Kind("principe", m.Principe, "principes", Layout.ONE_PER_FILE, "principe", "principes",
             "principes/{id}/", lambda e: f"Principe {e.numero} : {e.titre}", pdf_part=9, fact_sheet=True),
        Kind("acteur", m.Acteur, "acteurs", Layout.ONE_PER_FILE, "acteur", "acteurs", "acteurs/{id}/", _named,
             pdf_part=10),
        Kind("cas-usage", m.CasUsage, "cas-usage.yaml", Layout.LIST, "cas d'usage", "cas d'usage",
             "cas-usage/#{id}", lambda e: f"{e.numero}. {e.titre}", pdf_part=15),
    )
}

EDITION_FILE = "edition.yaml"

_KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}


def kind_of(entity: m.Entity) -> Kind:
    return _KIND_OF_MODEL[type(entity)]


def label(entity: m.Entity) -> str:
    """The name every output gives an entity (page title, link, diff, feed, PDF, diagram), as the data writes it:
    Markdown, to be rendered or reduced to plain text by the output's own safe path."""
    return kind_of(entity).display(entity)


def short_label(entity: m.Entity) -> str:
    """Its acronym when it has one (diagram boxes), else its label."""
    return getattr(entity, "sigle", None) or label(entity)


def page_kinds() -> list[str]:
    """Kinds whose entities have a page of their own, in registry order."""
    return [kind.name for kind in KINDS.values() if kind.has_page]
