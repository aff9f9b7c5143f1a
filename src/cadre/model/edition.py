"""The edition, the instruction that adopts it, and its chapters."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from cadre.model.base import Entity, Nom, NoteEditoriale, Ref, Slug, Strict, Texte
from cadre.model.socle import EcheanceSocle

# --- the edition and its texts ------------------------------------------------------------------------------


class StatutEdition(StrEnum):
    BROUILLON = "brouillon"
    CONCERTATION = "en-concertation"
    PUBLIEE = "publiee"


class Signataire(Strict):
    role: Nom
    nom: Nom


class Instruction(Strict):
    numero: Nom
    titre: Nom
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
    titre: Nom
    version_annexe: Texte
    instruction: Instruction
    echeance_socle: EcheanceSocle | None = Field(
        default=None, description="Échéance de mise en œuvre de la première version du socle, quand le document "
        "en fixe une")
    notes_editoriales: list[NoteEditoriale] = []


class Document(StrEnum):
    INSTRUCTION = "instruction"
    ANNEXE = "annexe"

    @property
    def libelle(self) -> str:
        return {"instruction": "Instruction", "annexe": "Annexe « Cadre commun des projets de e-santé »"}[self.value]


class Chapitre(Entity):
    """A chapter of the instruction (I to V) or a general chapter of the annex, as text the site shows."""

    document: Document
    numero: Nom
    titre: Nom
    ordre: int
    parent: Annotated[Slug | None, Ref("chapitre")] = None
    # a part title followed by no text of its own (« 1 Généralités ») has no body: its sub-parts follow
    corps: Texte | None = None
