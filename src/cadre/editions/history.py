"""The history of each entity across editions: present since, changed in, what changed.

Computed from the diffs of consecutive editions, so it says exactly what `cadre diff` says, entity by entity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from cadre.editions.diff import EditionDiff, FieldChange, diff_editions
from cadre.loading.knowledge import KnowledgeBase


class TypeEvenement(StrEnum):
    AJOUT = "ajout"
    MODIFICATION = "modification"
    RETRAIT = "retrait"


@dataclass(frozen=True)
class Evenement:
    annee: int
    type: TypeEvenement
    changements: list[FieldChange] = field(default_factory=list)


@dataclass
class EntityHistory:
    kind: str
    id: str
    editions: list[int] = field(default_factory=list)  # years where the entity is present
    evenements: list[Evenement] = field(default_factory=list)

    @property
    def present_depuis(self) -> int | None:
        """First edition of its latest continuous presence (an entity removed then re-added restarts)."""
        since = None
        for event in self.evenements:
            if event.type is TypeEvenement.AJOUT:
                since = event.annee
        return since or (self.editions[0] if self.editions else None)

    @property
    def modifiee_en(self) -> list[int]:
        return [e.annee for e in self.evenements if e.type is TypeEvenement.MODIFICATION]


def histories(kbs: list[KnowledgeBase]) -> dict[tuple[str, str], EntityHistory]:
    """History of every entity present in any of `kbs` (oldest edition first)."""
    result: dict[tuple[str, str], EntityHistory] = {}

    def entry(kind: str, entity_id: str) -> EntityHistory:
        return result.setdefault((kind, entity_id), EntityHistory(kind, entity_id))

    for index, kb in enumerate(kbs):
        year = kb.edition.annee
        for kind, entities in kb.entities.items():
            for entity_id in entities:
                entry(kind, entity_id).editions.append(year)
        if index == 0:
            for kind, entities in kb.entities.items():
                for entity_id in entities:
                    entry(kind, entity_id).evenements.append(Evenement(year, TypeEvenement.AJOUT))
            continue
        _record(diff_editions(kbs[index - 1], kb), entry)
    return result


def _record(diff: EditionDiff, entry: Callable[[str, str], EntityHistory]) -> None:
    year = diff.nouvelle
    for kind in diff.types:
        for ref in kind.ajouts:
            entry(kind.kind, ref.id).evenements.append(Evenement(year, TypeEvenement.AJOUT))
        for ref in kind.retraits:
            entry(kind.kind, ref.id).evenements.append(Evenement(year, TypeEvenement.RETRAIT))
        for change in kind.modifications:
            entry(kind.kind, change.entite.id).evenements.append(
                Evenement(year, TypeEvenement.MODIFICATION, change.changements))

