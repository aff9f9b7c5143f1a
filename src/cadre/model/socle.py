"""The socle commun: rubriques, services, ARS objectives, telemedicine processes and steps."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from cadre.model.base import Entity, Lien, Nom, Ref, Slug, Strict, Texte

# --- socle commun -------------------------------------------------------------------------------------------


class VersionSocle(StrEnum):
    V1 = "v1"
    ULTERIEURE = "ulterieure"

    @property
    def libelle(self) -> str:
        return {"v1": "Première version (fin 2016)", "ulterieure": "Versions ultérieures"}[self.value]


class Rubrique(Entity):
    """The headings of the socle's first version (« Pour le partage de données de santé »…)."""

    nom: Nom
    ordre: int
    familles: Annotated[list[Slug], Ref("famille")] = []


class Denomination(Strict):
    texte: Texte
    source: Texte


class Service(Entity):
    nom: Nom
    sigle: Nom | None = None
    version: VersionSocle
    rubrique: Annotated[Slug | None, Ref("rubrique")] = None
    ordre: int
    description: Texte | None = None
    autres_denominations: list[Denomination] = []
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    programmes: Annotated[list[Slug], Ref("programme")] = []
    liens: list[Lien] = []


class EcheanceSocle(Strict):
    """The date set for the operational start of the socle's first version, as the document gives it."""

    date: Texte = Field(description="La date telle qu'écrite (« décembre 2016 »)")
    annee: int = Field(ge=2000, le=2100)
    libelle: Texte
    section: str | None = None


class Cible(Strict):
    """One objective of a row at one deadline; its id stays the same across editions (ARS reports are keyed by it)."""

    id: Slug = Field(description="Identifiant stable de l'objectif, unique dans l'édition")
    texte: Texte


class ObjectifArs(Entity):
    """One row of the table of ARS objectives (§2.2.4); `service` is empty for « Tous services »."""

    ligne: Nom = Field(description="Le libellé de la ligne tel qu'écrit")
    groupe: Nom | None = Field(None, description="L'intertitre en gras (ligne de groupe du tableau) sous lequel "
                               "la ligne est rangée, tel qu'écrit")
    service: Annotated[Slug | None, Ref("service")] = None
    ordre: int
    textes_cites: list[Texte] = []
    fin_2016: list[Cible] = []
    fin_2017: list[Cible] = []


class Processus(Entity):
    nom: Nom
    ordre: int
    actes: list[Texte] = []
    description: Texte | None = None


class UsageService(Strict):
    libelle: Texte
    service: Annotated[Slug | None, Ref("service")] = None


class SousEtape(Strict):
    lettre: Nom
    titre: Nom
    services: list[UsageService] = []


class Etape(Entity):
    """A generic step of a telemedicine act and the services it uses (§2.2.3.4)."""

    numero: int
    titre: Nom
    description: Texte | None = None
    sous_etapes: list[SousEtape] = []
    services: list[UsageService] = []
    remarques: list[Texte] = []
