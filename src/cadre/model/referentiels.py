"""Families of services, the référentiels taxonomy, fact sheets and their planned evolutions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from cadre.model.base import Entity, Lien, Nom, Ref, Slug, Strict, Texte

# --- the map of digital health services ---------------------------------------------------------------------


class Famille(Entity):
    numero: int
    nom: Nom
    description: Texte | None = None
    perimetre_initial: bool = Field(description="Dans le périmètre initial (v1) du cadre")


# --- référentiels -------------------------------------------------------------------------------------------


class Categorie(Entity):
    """A node of the référentiels taxonomy (documents de référence > spécifications > interopérabilité…)."""

    nom: Nom
    parent: Annotated[Slug | None, Ref("categorie")] = None
    ordre: int
    description: Texte | None = None


class StatutDisponibilite(StrEnum):
    DISPONIBLE = "disponible"
    PARTIEL = "partiellement-disponible"
    EN_COURS = "en-cours"
    EN_PROJET = "en-projet"
    NON_PRECISE = "non-precise"

    @property
    def libelle(self) -> str:
        return {"disponible": "Disponible", "partiellement-disponible": "Partiellement disponible",
                "en-cours": "En cours", "en-projet": "En projet", "non-precise": "Non précisée"}[self.value]


class Jalon(Strict):
    """A dated fact of availability: a version, a date, a number, as the text gives it."""

    date: Texte | None = Field(default=None, description="La date telle qu'écrite (« octobre 2015 »)")
    annee: int | None = Field(default=None, ge=1970, le=2100)
    libelle: Texte


class Disponibilite(Strict):
    statut: StatutDisponibilite
    texte: Texte
    jalons: list[Jalon] = []


class Destinataires(Strict):
    acteurs: Annotated[list[Slug], Ref("acteur")] = []
    texte: Texte | None = None


class ListeStructuree(Strict):
    """A list the text holds (CI-SIS volets available, PGSSI-S documents to come, MOS objects…)."""

    id: Slug
    titre: Nom
    elements: list[Texte]


class Referentiel(Entity):
    nom: Nom
    sigle: Nom | None = None
    categorie: Annotated[Slug, Ref("categorie")]
    ordre: int
    objectifs: Texte
    contenu: Texte
    disponibilite: Disponibilite
    destinataires: Destinataires
    liens: list[Lien] = []
    listes: list[ListeStructuree] = []


class Evolution(Entity):
    """A planned evolution of a référentiel, dated when the text dates it."""

    referentiel: Annotated[Slug, Ref("referentiel")]
    libelle: Texte
    echeance: Texte | None = Field(default=None, description="L'échéance telle qu'écrite, absente si non datée")
    annee: int | None = Field(default=None, ge=2000, le=2100)
