"""The knowledge model of the Cadre commun des projets de e-santé.

Field names are the ones data authors write in YAML (French, domain words). Every model is frozen and
forbids unknown keys, so a misspelled key is an error, never a silent default. References to other
entities are plain ids annotated with `Ref(kind)`; `validate.py` checks that each one resolves.
Derived values (backlinks, history, permalinks) are computed elsewhere and never written by authors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of an entity of `kind` (or several kinds)."""

    kind: str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80)]
Texte = Annotated[str, StringConstraints(min_length=1)]
"""Markdown text: emphasis, lists and links are allowed; raw HTML is escaped when rendered."""
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class TypeNote(StrEnum):
    INCOHERENCE = "incoherence"  # the document says two different things
    COQUILLE = "coquille"  # typo kept as written
    PERIME = "perime"  # already dated when published
    URL = "url"  # faulty or suspicious address kept as written
    FIGURE = "figure-absente"  # figure lost in the text version
    LACUNE = "lacune"  # announced content missing from the document
    TRANSCRIPTION = "transcription"  # a choice made while transcribing

    @property
    def libelle(self) -> str:
        return {"incoherence": "Incohérence du document", "coquille": "Coquille conservée",
                "perime": "Mention déjà datée à la publication", "url": "Adresse fautive ou douteuse",
                "figure-absente": "Figure absente", "lacune": "Contenu annoncé absent",
                "transcription": "Choix de transcription"}[self.value]


class NoteEditoriale(Strict):
    """What the source says that is inconsistent, garbled or dated: shown to readers, never silently fixed."""

    type: TypeNote
    texte: Texte


class Lien(Strict):
    titre: Texte
    url: Url


class Entity(Strict):
    id: Slug
    section: str | None = Field(default=None, description="Où le document en parle (ex. « §2.1.1.1.1 »)")
    notes_editoriales: list[NoteEditoriale] = []


# --- the edition and its texts ------------------------------------------------------------------------------


class StatutEdition(StrEnum):
    BROUILLON = "brouillon"
    CONCERTATION = "en-concertation"
    PUBLIEE = "publiee"


class Signataire(Strict):
    role: Texte
    nom: Texte


class Instruction(Strict):
    numero: Texte
    titre: Texte
    date: dt.date
    nor: Texte
    validation_cnp: Texte = Field(description="Mention de validation, telle qu'écrite")
    date_validation_cnp: dt.date
    visa_cnp: Texte
    date_application: Texte
    categorie: Texte
    resume: Texte
    mots_cles: list[Texte]
    annexe: Texte
    rubriques: list[Texte] = Field(description="Rubriques du bulletin officiel (ex. SANTÉ, SANTÉ PUBLIQUE)")
    emetteur: list[Texte] = Field(description="Ministère, direction et délégation émettrices")
    expediteur: Texte
    destinataires: Texte
    mention_signature: Texte
    signataires: list[Signataire]
    notes_editoriales: list[NoteEditoriale] = []


class Edition(Strict):
    annee: int = Field(ge=2000, le=2100)
    statut: StatutEdition
    date_publication: dt.date | None = None
    texte_adoption: Texte = Field(description="Référence du texte qui adopte l'édition")
    titre: Texte
    version_annexe: Texte
    instruction: Instruction
    notes_editoriales: list[NoteEditoriale] = []


class Document(StrEnum):
    INSTRUCTION = "instruction"
    ANNEXE = "annexe"


class Chapitre(Entity):
    """A chapter of the instruction (I to V) or a general chapter of the annex, as text the site shows."""

    document: Document
    numero: Texte
    titre: Texte
    ordre: int
    parent: Annotated[Slug | None, Ref("chapitre")] = None
    corps: Texte


# --- the map of digital health services ---------------------------------------------------------------------


class Famille(Entity):
    numero: int
    nom: Texte
    description: Texte | None = None
    perimetre_initial: bool = Field(description="Dans le périmètre initial (v1) du cadre")


# --- référentiels -------------------------------------------------------------------------------------------


class Categorie(Entity):
    """A node of the référentiels taxonomy (documents de référence > spécifications > interopérabilité…)."""

    nom: Texte
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
    titre: Texte
    elements: list[Texte]


class Referentiel(Entity):
    nom: Texte
    sigle: Texte | None = None
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


class ObjectifArs(Entity):
    """One row of the table of ARS objectives (§2.2.4); `service` is empty for « Tous services »."""

    ligne: Texte = Field(description="Le libellé de la ligne tel qu'écrit")
    service: Annotated[Slug | None, Ref("service")] = None
    ordre: int
    textes_cites: list[Texte] = []
    fin_2016: list[Texte] = []
    fin_2017: list[Texte] = []


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
    nom: Texte
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
    sigle: Texte
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
    nom: Texte
    ordre: int
    descriptions: list[DescriptionInstance]
    participation_ars: Texte | None = None


class Effectif(Strict):
    organisation: Texte
    nombre: int = Field(ge=0)


class InstanceElaboration(Entity):
    """The bodies that produced the framework in 2014 (composition by organisation, no names)."""

    nom: Texte
    ordre: int
    descriptions: list[DescriptionInstance] = []
    composition_par_organisation: list[Effectif] = []
    reunions: list[Texte] = []


class Regle(Entity):
    titre: Texte
    texte: Texte
    ordre: int


class TypeQuestion(StrEnum):
    QUESTION = "question"
    EXIGENCE = "exigence"


class Question(Strict):
    texte: Texte
    type: TypeQuestion = TypeQuestion.QUESTION


class Principe(Entity):
    numero: int = Field(ge=1)
    titre: Texte
    enonce: Texte
    questions: list[Question] = Field(description="Points de contrôle pour une revue GO / NO GO")
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    acteurs: Annotated[list[Slug], Ref("acteur")] = []


class Devoir(Strict):
    texte: Texte
    source: Texte
    modalites: list[Texte] = []
    referentiels: Annotated[list[Slug], Ref("referentiel")] = []
    services: Annotated[list[Slug], Ref("service")] = []
    principes: Annotated[list[Slug], Ref("principe")] = []


class Acteur(Entity):
    nom: Texte
    sigle: Texte | None = None
    ordre: int
    description: Texte
    devoirs: list[Devoir] = []


class CasUsage(Entity):
    numero: int
    titre: Texte
    rubriques: list[Texte] = Field(description="Les rubriques annoncées (leurs figures manquent au document)")
