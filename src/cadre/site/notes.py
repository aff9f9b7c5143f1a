"""The editorial notes of one page, gathered while its template writes it and shown once, after the content.

Each note appears once on a page: identical notes of several entities (the same « figure absente » note on four
rubriques) are merged and name every entity they concern. They are numbered in order of first appearance; where
an entity stands on a shared page (glossary, programmes), a marker links to its notes (`refs`). The notes are
then written collapsed (`<details>`, a one-line summary), the document's own peculiarities (inconsistencies,
typos, dated statements, missing figures…) apart from the choices made while transcribing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from cadre.model import NoteEditoriale, TypeNote
from cadre.model.kinds import kind_of, label
from cadre.text import plain

SUMMARY_WORDS = 14  # words of a note shown in its one-line summary


@dataclass(frozen=True)
class Concerne:
    """What a note is about: its name (data Markdown) and where it stands on the page, if it has an anchor."""

    nom: str
    href: str = ""


@dataclass
class PageNote:
    numero: int
    note: NoteEditoriale
    concerne: list[Concerne] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"note-{self.numero}"

    @property
    def transcription(self) -> bool:
        return self.note.type is TypeNote.TRANSCRIPTION


class PageNotes:
    """The notes of one page, in the order the page meets them."""

    def __init__(self, url: Callable[[str, str], str]) -> None:
        self._url = url  # (kind, id) -> link from this page
        self._notes: dict[tuple[TypeNote, str], PageNote] = {}

    def add(self, entity: object, nom: str | None = None) -> list[PageNote]:
        """Record `entity`'s notes (named `nom` on a shared page, else unnamed: the page is its own)."""
        found = []
        concerne = self._concerne(entity, nom) if nom is not None else None
        for note in getattr(entity, "notes_editoriales", []):
            key = (note.type, " ".join(note.texte.split()))
            page_note = self._notes.setdefault(key, PageNote(len(self._notes) + 1, note))
            if concerne is not None and concerne not in page_note.concerne:
                page_note.concerne.append(concerne)
            found.append(page_note)
        return found

    def refs(self, entity: object, nom: str | None = None) -> Markup:
        """Record `entity`'s notes and return the markers that lead to them (nothing when it has none)."""
        found = self.add(entity, nom or label(entity))  # type: ignore[arg-type]
        return Markup(" ").join(Markup('<a class="cadre-note-ref" href="#{}">note {}</a>').format(n.anchor, n.numero)
                                for n in found)

    def _concerne(self, entity: object, nom: str) -> Concerne:
        try:
            kind = kind_of(entity)  # type: ignore[arg-type]
        except KeyError:  # the edition or its instruction: no anchor of their own
            return Concerne(nom)
        return Concerne(nom, self._url(kind.name, entity.id))  # type: ignore[attr-defined]

    def document(self) -> list[PageNote]:
        """What the document itself says oddly: inconsistencies, typos, dated statements, lost figures…"""
        return [n for n in self._notes.values() if not n.transcription]

    def transcription(self) -> list[PageNote]:
        """The choices made while transcribing it."""
        return [n for n in self._notes.values() if n.transcription]

    def __bool__(self) -> bool:
        return bool(self._notes)


def summary(texte: str, words: int = SUMMARY_WORDS) -> str:
    """The first words of a note, as plain text, for its one-line summary."""
    all_words = plain(texte).split()
    return " ".join(all_words[:words]) + ("…" if len(all_words) > words else "")


def merged(notes: Iterable[tuple[NoteEditoriale, object]]) -> list[tuple[NoteEditoriale, list[object]]]:
    """Identical notes (same type, same words) once, with every owner they came from, in order."""
    by_key: dict[tuple[TypeNote, str], tuple[NoteEditoriale, list[object]]] = {}
    for note, owner in notes:
        by_key.setdefault((note.type, " ".join(note.texte.split())), (note, []))[1].append(owner)
    return list(by_key.values())
