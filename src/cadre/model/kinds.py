"""The registry of entity kinds: where each kind lives in an edition folder, and what it is called.

One place that the loader, the validator, the JSON Schema generator, the site and the exports all read,
so a new kind is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cadre import model as m


class Layout(Enum):
    ONE_PER_FILE = "un fichier par entité"  # folder/<id>.yaml, the file's stem is the id
    LIST = "une liste par fichier"  # file.yaml holds a list of entities


@dataclass(frozen=True)
class Kind:
    name: str  # the kind's id: used in error messages, API paths and references
    model: type[m.Entity]
    source: str  # folder (ONE_PER_FILE) or file (LIST), relative to the edition folder
    layout: Layout
    singulier: str
    pluriel: str
    # where an entity is shown on the site: a page of its own, or an anchor on a shared page
    permalink: str
    feminin: bool = False  # for French messages: « aucune catégorie », « aucun référentiel »

    @property
    def aucun(self) -> str:
        return f"{'aucune' if self.feminin else 'aucun'} {self.singulier}"

    @property
    def un(self) -> str:
        return f"{'une' if self.feminin else 'un'} {self.singulier}"

    def url(self, entity_id: str) -> str:
        return self.permalink.format(id=entity_id)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("chapitre", m.Chapitre, "chapitres", Layout.ONE_PER_FILE, "chapitre", "chapitres",
             "textes/{id}/"),
        Kind("famille", m.Famille, "familles.yaml", Layout.LIST, "famille de services",
             "familles de services", "cadre/familles/#{id}", feminin=True),
        Kind("categorie", m.Categorie, "categories.yaml", Layout.LIST, "catégorie de référentiels",
             "catégories de référentiels", "referentiels/#{id}", feminin=True),
        Kind("referentiel", m.Referentiel, "referentiels", Layout.ONE_PER_FILE, "référentiel",
             "référentiels", "referentiels/{id}/"),
        Kind("evolution", m.Evolution, "evolutions.yaml", Layout.LIST, "évolution programmée",
             "évolutions programmées", "referentiels/evolutions/#{id}", feminin=True),
        Kind("rubrique", m.Rubrique, "rubriques.yaml", Layout.LIST, "rubrique du socle",
             "rubriques du socle", "socle/#{id}", feminin=True),
        Kind("service", m.Service, "socle", Layout.ONE_PER_FILE, "service du socle",
             "services du socle", "socle/{id}/"),
        Kind("objectif", m.ObjectifArs, "objectifs-ars.yaml", Layout.LIST, "objectif ARS",
             "objectifs ARS", "socle/objectifs-ars/#{id}"),
        Kind("processus", m.Processus, "telemedecine/processus.yaml", Layout.LIST,
             "processus de télémédecine", "processus de télémédecine", "socle/telemedecine/#{id}"),
        Kind("etape", m.Etape, "telemedecine/etapes.yaml", Layout.LIST, "étape de télémédecine",
             "étapes de télémédecine", "socle/telemedecine/#{id}", feminin=True),
        Kind("programme", m.Programme, "programmes.yaml", Layout.LIST, "programme national",
             "programmes nationaux", "programmes/#{id}"),
        Kind("glossaire", m.EntreeGlossaire, "glossaire.yaml", Layout.LIST, "entrée du glossaire",
             "entrées du glossaire", "glossaire/#{id}", feminin=True),
        Kind("instance", m.Instance, "gouvernance/instances.yaml", Layout.LIST, "instance de gouvernance",
             "instances de gouvernance", "gouvernance/#{id}", feminin=True),
        Kind("elaboration", m.InstanceElaboration, "gouvernance/elaboration.yaml", Layout.LIST,
             "instance d'élaboration", "instances d'élaboration", "gouvernance/#{id}", feminin=True),
        Kind("regle", m.Regle, "gouvernance/regles.yaml", Layout.LIST, "règle d'évolution",
             "règles d'évolution", "gouvernance/#{id}", feminin=True),
        Kind("principe", m.Principe, "principes", Layout.ONE_PER_FILE, "principe", "principes",
             "principes/{id}/"),
        Kind("acteur", m.Acteur, "acteurs", Layout.ONE_PER_FILE, "acteur", "acteurs", "acteurs/{id}/"),
        Kind("cas-usage", m.CasUsage, "cas-usage.yaml", Layout.LIST, "cas d'usage", "cas d'usage",
             "cas-usage/#{id}"),
    )
}

EDITION_FILE = "edition.yaml"
