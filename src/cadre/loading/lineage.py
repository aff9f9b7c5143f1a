"""The one check that spans two editions: `remplace` names entities of the previous edition in the data.

An entity declares the entities of the previous edition it replaces (same kind): one for a renaming, several for a
merge, the same one named by several entities for a split. The declaration is a lasting fact of the entity's
lineage: `cadre new-edition` copies it into the next edition, where it names entities that no longer exist. So an
id is accepted when the previous edition holds it (a replacement made in this edition), or when the same entity
already declared it in the previous edition (a replacement made earlier, carried over, which records nothing new).

Works on what both a freshly validated edition (`LoadedEdition`, for `cadre validate`) and a cached knowledge base
(for a build) hold: the entities, and where each `remplace` item was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cadre.loading.errors import Code, DataError, Location, suggestion
from cadre.loading.loader import LoadedEdition
from cadre.model import Entity
from cadre.model.kinds import KINDS

Entities = dict[str, dict[str, Entity]]
Locate = Callable[[str, str, int], Location]  # (kind, id, index in `remplace`) -> where it is written


@dataclass(frozen=True)
class Previous:
    """What the check needs of the previous edition: its year, its ids by kind, what its entities declared."""

    annee: int
    ids: dict[str, set[str]]
    declared: dict[tuple[str, str], tuple[str, ...]]

    @classmethod
    def of(cls, annee: int, entities: Entities, extra_ids: dict[str, set[str]] | None = None) -> Previous:
        """`extra_ids`: ids of entities that failed their types (they exist, their errors are reported apart)."""
        ids = {kind: set(entities.get(kind, {})) | (extra_ids or {}).get(kind, set()) for kind in KINDS}
        declared = {(kind, e.id): tuple(e.remplace) for kind in KINDS for e in entities.get(kind, {}).values()
                    if e.remplace}
        return cls(annee, ids, declared)


def check_replacements(entities: Entities, locate: Locate, previous: Previous | None) -> list[DataError]:
    """Every `remplace` item that names nothing in the previous edition; `previous` None: the first edition."""
    errors = []
    for kind, by_id in entities.items():
        for entity_id, entity in by_id.items():
            carried = previous.declared.get((kind, entity_id), ()) if previous else ()
            for index, replaced in enumerate(entity.remplace):
                if previous is not None and (replaced in previous.ids[kind] or replaced in carried):
                    continue
                errors.append(_unknown(kind, entity_id, index, replaced, locate(kind, entity_id, index), previous))
    return errors


def check_loaded(loaded: LoadedEdition, previous: LoadedEdition | None, previous_year: int | None) -> list[DataError]:
    """The same check on freshly loaded editions (`cadre validate`): the previous one may hold errors of its own,
    its entities that failed their types still count as present (their id is read from the raw data)."""
    before = None
    if previous is not None and previous_year is not None:
        untyped: dict[str, set[str]] = {}
        for kind, raw, _ in previous.untyped:
            if isinstance(raw.get("id"), str):
                untyped.setdefault(kind.name, set()).add(raw["id"])
        before = Previous.of(previous_year, previous.entities, untyped)
    return check_replacements(
        loaded.entities, lambda kind, entity_id, i: loaded.sources[(kind, entity_id)].location(("remplace", i)),
        before)


def _unknown(kind: str, entity_id: str, index: int, replaced: str, where: Location,
             previous: Previous | None) -> DataError:
    info = KINDS[kind]
    if previous is None:
        return DataError(where, Code.UNKNOWN_PREDECESSOR, f"{kind}:{entity_id}", f"remplace[{index}]",
                         "aucune édition antérieure dans les données : il n'y a rien à remplacer",
                         expected="aucune entité remplacée (première édition)", found=f"« {replaced} »")
    return DataError(
        where, Code.UNKNOWN_PREDECESSOR, f"{kind}:{entity_id}", f"remplace[{index}]",
        f"{info.aucun} de l'édition {previous.annee} ne porte cet identifiant"
        + suggestion(replaced, previous.ids[kind]),
        expected=f"l'identifiant d'{info.un} de l'édition {previous.annee}", found=f"« {replaced} »")
