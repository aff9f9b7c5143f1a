"""Base types of the model: strict frozen models, ids, texts, references, editorial notes."""

from __future__ import annotations

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


# Length limits, in characters, chosen from the real data with a wide margin: a longer value is a mistake (a paste
# gone wrong) or an attack (a 2 MB string took the build 255 s; a 16 KB name broke Graphviz), refused as E107.
NOM_MAX = 1_000  # names, titles, acronyms, numbers as written: the longest real one has 244 (a sub-step title)
TEXTE_MAX = 50_000  # Markdown texts: the longest real one has 8,754 (a chapter's body)
URL_MAX = 2_000  # the longest real address has 175; browsers and servers commonly stop near 2,000

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80)]
Texte = Annotated[str, StringConstraints(min_length=1, max_length=TEXTE_MAX)]
"""Markdown text: emphasis, lists and links are allowed; raw HTML is escaped when rendered; no image."""
Nom = Annotated[str, StringConstraints(min_length=1, max_length=NOM_MAX)]
"""A name, title, acronym or number as written: Markdown too, but short (it names an entity everywhere)."""
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=URL_MAX)]


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
    titre: Nom
    url: Url


class Entity(Strict):
    id: Slug
    section: Nom | None = Field(default=None, description="Où le document en parle (ex. « §2.1.1.1.1 »)")
    notes_editoriales: list[NoteEditoriale] = []
    # lineage across editions: not a `Ref` (it names entities of the previous edition, not of this one), checked
    # against that edition by cadre.loading.lineage
    remplace: list[Slug] = Field(
        default=[], description="Identifiants des entités du même type, dans l'édition précédente, que celle-ci "
        "remplace : renommage (un identifiant), fusion (plusieurs), scission (plusieurs entités remplaçant la même)")
