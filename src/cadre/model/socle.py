"""The socle commun: rubriques, services, ARS objectives, telemedicine processes and steps."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from cadre.model.base import Entity, Lien, Ref, Slug, Strict, Texte

# --- socle commun -------------------------------------------------------------------------------------------


class VersionSocle(StrEnum):
    V1 = "v1"
    ULTERIEURE = "ulterieure"


class Rubrique(Entity):
    """The headings of the socle's first version (« Pour le partage de données de santé »…)."""

    nom: Texte
    ordre: int
    familles: Annotated[list[Slug], Ref("famille")] = []


class Denomination(Strict):
    texte: Texte
    source: Texte


class Service(Entity):
    nom: Texte
    sigle: Texte | None = None
    version: VersionSocle
    rubrique: Annotated[Slug | None, Ref("rubrique")] = None
    ordre: int
    description: Texte | None = None
    autres_denominations: list[Denomination] = []
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    programmes: Annotated[list[Slug], Ref("programme")] = []
    liens: list[Lien] = []


class Cible(Strict):
    """One objective of a row at one deadline; its id stays the same across editions (ARS reports are keyed by it)."""

    id: Slug = Field(description="Identifiant stable de l'objectif, unique dans l'édition")
    texte: Texte


class ObjectifArs(Entity):
    """One row of the table of ARS objectives (§2.2.4); `service` is empty for « Tous services »."""

    ligne: Texte = Field(description="Le libellé de la ligne tel qu'écrit")
    service: Annotated[Slug | None, Ref("service")] = None
    ordre: int
    textes_cites: list[Texte] = []
    fin_2016: list[Cible] = []
    fin_2017: list[Cible] = []


class Processus(Entity):
    nom: Texte
    ordre: int
    actes: list[Texte] = []
    description: Texte | None = None


class UsageService(Strict):
    libelle: Texte
    service: Annotated[Slug | None, Ref("service")] = None


class SousEtape(Strict):
    lettre: Texte
    titre: Texte
    services: list[UsageService] = []


class Etape(Entity):
    """A generic step of a telemedicine act and the services it uses (§2.2.3.4)."""

    numero: int
    titre: Texte
    description: Texte | None = None
    sous_etapes: list[SousEtape] = []
    services: list[UsageService] = []
    remarques: list[Texte] = []
