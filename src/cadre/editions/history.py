"""The history of each entity across editions: present since, changed in, what changed, what it replaced.

Computed from the diffs of consecutive editions, so it says exactly what `cadre diff` says, entity by entity, and
follows lineage: a renamed entity keeps the history of its former id (then the renaming); an entity that merges or
splits others starts with an addition naming them; an entity removed ends with its successors, if any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from cadre.editions.diff import EditionDiff, EntityRef, FieldChange, diff_editions
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
    id: str = ""  # the entity's id in that edition (a renamed entity's earlier events carry its earlier id)
    predecesseurs: list[EntityRef] = field(default_factory=list)  # in the previous edition: what it replaced
    successeurs: list[EntityRef] = field(default_factory=list)  # a removal: what replaces it in this edition
    renommee: bool = False  # a removal that is a renaming: its one successor is the same entity under another id

    @property
    def renommage(self) -> EntityRef | None:
        """The former entity, when this event renamed it (a change whose only predecessor has another id)."""
        if self.type is TypeEvenement.MODIFICATION and len(self.predecesseurs) == 1 \
                and self.predecesseurs[0].id != self.id:
            return self.predecesseurs[0]
        return None


@dataclass
class EntityHistory:
    kind: str
    id: str
    editions: list[int] = field(default_factory=list)  # years where the entity is present (under any former id)
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

    @property
    def retiree(self) -> Evenement | None:
        """Its removal, when the entity is no longer in the last edition of the history."""
        last = self.evenements[-1] if self.evenements else None
        return last if last and last.type is TypeEvenement.RETRAIT else None


def histories(kbs: list[KnowledgeBase], diffs: list[EditionDiff] | None = None) -> dict[tuple[str, str],
                                                                                          EntityHistory]:
    """History of every entity present in any of `kbs` (consecutive editions, oldest first), keyed by its id in
    the last edition where it is present. `diffs`: the diffs of consecutive editions, when already computed."""
    diffs = diffs if diffs is not None else [diff_editions(old, new) for old, new in pairwise(kbs)]
    first = kbs[0]
    result: dict[tuple[str, str], EntityHistory] = {}
    for kind, entities in first.entities.items():
        for entity_id in entities:
            result[(kind, entity_id)] = EntityHistory(
                kind, entity_id, [first.edition.annee],
                [Evenement(first.edition.annee, TypeEvenement.AJOUT, id=entity_id)])
    for kb, diff in zip(kbs[1:], diffs, strict=True):
        _record(diff, result)
        for kind, entities in kb.entities.items():
            for entity_id in entities:
                result[(kind, entity_id)].editions.append(kb.edition.annee)
    return result


def _record(diff: EditionDiff, result: dict[tuple[str, str], EntityHistory]) -> None:
    year = diff.nouvelle

    def entry(kind: str, entity_id: str) -> EntityHistory:
        return result.setdefault((kind, entity_id), EntityHistory(kind, entity_id))

    for kind in diff.types:
        for change in kind.modifications:
            ref = change.entite
            if change.renommee and change.ancien:  # the entity continues under its new id, with its past
                former = result[(kind.kind, change.ancien.id)]
                result[(kind.kind, ref.id)] = EntityHistory(kind.kind, ref.id, list(former.editions),
                                                            list(former.evenements))
                former.evenements.append(Evenement(year, TypeEvenement.RETRAIT, id=change.ancien.id,
                                                   successeurs=[ref], renommee=True))
            predecessors = [change.ancien] if change.renommee and change.ancien else change.remplace
            entry(kind.kind, ref.id).evenements.append(
                Evenement(year, TypeEvenement.MODIFICATION, change.changements, ref.id, predecessors))
        for added in kind.ajouts:
            entry(kind.kind, added.entite.id).evenements.append(
                Evenement(year, TypeEvenement.AJOUT, id=added.entite.id, predecesseurs=added.remplace))
        for removed in kind.retraits:
            entry(kind.kind, removed.entite.id).evenements.append(
                Evenement(year, TypeEvenement.RETRAIT, id=removed.entite.id, successeurs=removed.remplacee_par))
