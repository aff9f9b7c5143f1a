"""Field-level differences between two JSON values: the core of every comparison of editions.

Dicts are compared key by key; a list whose items only moved is no change (ordering noise); a list whose items
carry an `id` is compared item by item by id (« listes[id=volets].titre », an item added or removed named by its
id), whatever their order: an item reworded is a change of that item, not a removal and an addition; any other
list is aligned (difflib) so that a change reads « disponibilite.jalons[1].libelle », not « the whole list ».
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

Json = Any  # a JSON value: None, bool, int, str, list, dict


@dataclass(frozen=True)
class FieldChange:
    """One change at `path` (dotted, e.g. « disponibilite.statut », « liens[0].url »).

    `avant` is None when the value (or list item) was added, `apres` is None when it was removed.
    """

    chemin: str
    avant: Json
    apres: Json


def diff_values(old: Json, new: Json, path: str = "") -> list[FieldChange]:
    """Field-level changes between two JSON values, deepest path first available."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key in [*new, *(k for k in old if k not in new)]:
            changes.extend(diff_values(old.get(key), new.get(key), _join(path, key)))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    return [FieldChange(path, old, new)]


def _diff_lists(old: list[Json], new: list[Json], path: str) -> list[FieldChange]:
    if sorted(map(_canonical, old)) == sorted(map(_canonical, new)):
        return []  # same items, another order: not a change of content
    if _identified(old) and _identified(new):
        return _diff_by_id(old, new, path)
    changes: list[FieldChange] = []
    matcher = SequenceMatcher(a=[_canonical(v) for v in old], b=[_canonical(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):  # an item changed in place: say which of its fields
            changes.extend(diff_values(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset}]"))
        for i in range(i1 + paired, i2):
            changes.append(FieldChange(f"{path}[{i}]", old[i], None))
        for j in range(j1 + paired, j2):
            changes.append(FieldChange(f"{path}[{j}]", None, new[j]))
    return changes


def _canonical(value: Json) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _identified(items: list[Json]) -> bool:
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    return len(ids) == len(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def _diff_by_id(old: list[Json], new: list[Json], path: str) -> list[FieldChange]:
    """Items matched by their id: changed, added (in the newer order) and removed (in the older order)."""
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    changes: list[FieldChange] = []
    for item_id, item in after.items():
        at = f"{path}[id={item_id}]"
        changes.extend(diff_values(before[item_id], item, at) if item_id in before else [FieldChange(at, None, item)])
    changes.extend(FieldChange(f"{path}[id={item_id}]", item, None) for item_id, item in before.items()
                   if item_id not in after)
    return changes
