"""Programmes, glossary, governance, principles, actors and use cases."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from cadre.model.base import Entity, Lien, Nom, Ref, Slug, Strict, Texte

# --- programmes, glossary ------------------------------------------------------------------------------------


class StatutProgramme(StrEnum):
    EXISTANT = "E"
    PROJET = "P"

    @property
    def libelle(self) -> str:
        # footnote 19 of the document: « E : Dispositif existant / P : Dispositif en projet »
        return "Dispositif existant" if self is StatutProgramme.EXISTANT else "Dispositif en projet"


class Programme(Entity):
    numero: int
    famille: Annotated[Slug | None, Ref("famille")] = Field(
        default=None, description="Vide pour « Toutes familles de services »"
    )
    sous_categorie: Texte | None = None
    nom: Nom
    statut: StatutProgramme
    description: Texte | None = None
    liens: list[Lien] = []


class Origine(StrEnum):
    ANNEXE_5 = "annexe-5"
    TEXTE = "texte"  # an acronym the text defines but annex 5 lacks


class Renvoi(Strict):
    type: Texte
    id: Slug


class EntreeGlossaire(Entity):
    sigle: Nom
    definition: Texte
    origine: Origine
    ordre: int | None = Field(default=None, description="Rang dans l'annexe 5")
    renvoi: Renvoi | None = Field(default=None, description="L'entité que le sigle désigne, s'il y en a une")


# --- governance, principles, actors, use cases --------------------------------------------------------------


class SourceGouvernance(StrEnum):
    INSTRUCTION = "instruction"
    ANNEXE = "annexe"
    RESUME = "resume"
    LETTRE_DE_MISSION = "lettre-de-mission"
    LISTE = "liste-des-personnes"


class DescriptionInstance(Strict):
    """What one part of the document says of a body: the instruction and §1.2.4 differ, both are kept."""

    source: SourceGouvernance
    missions: list[Texte] = []
    pilotage: Texte | None = None
    animation: Texte | None = None
    composition: Texte | None = None
    frequence: Texte | None = None


class Instance(Entity):
    nom: Nom
    ordre: int
    descriptions: list[DescriptionInstance]
    participation_ars: Texte | None = None


class Effectif(Strict):
    organisation: Texte
    nombre: int = Field(ge=0)


class InstanceElaboration(Entity):
    """The bodies that produced the framework in 2014 (composition by organisation, no names)."""

    nom: Nom
    ordre: int
    descriptions: list[DescriptionInstance] = []
    composition_par_organisation: list[Effectif] = []
    reunions: list[Texte] = []


class Regle(Entity):
    titre: Nom
    texte: Texte
    ordre: int


class TypeQuestion(StrEnum):
    QUESTION = "question"
    EXIGENCE = "exigence"


class Question(Strict):
    """A check-point of a principle; its id stays the same across editions (GO / NO GO answers are keyed by it)."""

    id: Slug = Field(description="Identifiant stable du point de contrôle, unique dans l'édition")
    texte: Texte
    type: TypeQuestion = TypeQuestion.QUESTION


class Principe(Entity):
    numero: int = Field(ge=1)
    titre: Nom
    enonce: Texte
    questions: list[Question] = Field(description="Points de contrôle pour une revue GO / NO GO")
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    acteurs: Annotated[list[Slug], Ref("acteur")] = []


class Devoir(Strict):
    """One duty as the document writes it: the item itself, the paragraphs that follow it, and its own list of
    modalities with the sentence that leads into that list."""

    texte: Texte
    precisions: Texte | None = Field(default=None, description="Les paragraphes qui suivent l'élément")
    introduction: Texte | None = Field(
        default=None, description="La phrase qui introduit les modalités (« À cet effet, il convient de veiller : »)")
    modalites: list[Texte] = []
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    services: Annotated[list[Slug], Ref("service")] = []
    principes: Annotated[list[Slug], Ref("principe")] = []
    objectifs: Annotated[list[Slug], Ref("objectif")] = []


class ListeDevoirs(Strict):
    """A passage of the document saying what an actor must do, as it says it: where, its lead-in, its items."""

    source: Texte = Field(description="Où le document le dit (« Annexe §1.2.3.1 »)")
    introduction: Texte | None = Field(
        default=None, description="La phrase qui introduit la liste (« Vis-à-vis du cadre…, les ARS doivent : »)")
    numerotee: bool = Field(default=False, description="Les éléments sont numérotés dans le document")
    cle: bool = Field(default=False, description="Les devoirs clés de l'acteur, repris sur la page « Par acteur »")
    elements: list[Devoir]


class Acteur(Entity):
    nom: Nom
    sigle: Nom | None = None
    ordre: int
    description: Texte
    devoirs: list[ListeDevoirs] = []

    def tous_les_devoirs(self) -> list[Devoir]:
        """Every duty of every passage, in order."""
        return [devoir for liste in self.devoirs for devoir in liste.elements]


class CasUsage(Entity):
    numero: int
    titre: Nom
    rubriques: list[Texte] = Field(description="Les rubriques annoncées (leurs figures manquent au document)")
