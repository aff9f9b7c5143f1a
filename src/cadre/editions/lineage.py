"""Lineage of entities across editions: which entities of an older edition became which entities of a newer one.

Between two consecutive editions, an entity of the older one continues as the entity of the same kind and id in
the newer one (when it is still there) and as every entity that declares `remplace` it. Between any two editions,
the consecutive steps compose: an entity renamed in 2017 then merged in 2018 has the merged entity as successor
from 2016. `cadre.loading.lineage` has checked the declarations; here they are only followed.

A `Filiation` is one connected group of that relation that is more than an entity kept under its id: a renaming
(one → one, other id), a merge (several → one), a split (one → several) or a recomposition (several → several).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any

from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.validate import references
from cadre.model import Entity
from cadre.model.kinds import KINDS

Key = tuple[str, str]  # (kind, id)
Json = Any


class Nature(StrEnum):
    RENOMMAGE = "renommage"
    FUSION = "fusion"
    SCISSION = "scission"
    RECOMPOSITION = "recomposition"

    @property
    def libelle(self) -> str:
        return {"renommage": "Renommage", "fusion": "Fusion", "scission": "Scission",
                "recomposition": "Recomposition"}[self.value]


@dataclass(frozen=True)
class Lineage:
    """For every entity of edition `ancienne`, the ids of its successors (same kind) in edition `nouvelle`."""

    ancienne: int
    nouvelle: int
    successeurs: dict[Key, frozenset[str]]

    def of(self, kind: str, entity_id: str) -> frozenset[str]:
        return self.successeurs.get((kind, entity_id), frozenset())

    def predecessors(self) -> dict[Key, set[str]]:
        """For every entity of the newer edition that has any: the ids of its predecessors in the older one."""
        inverse: dict[Key, set[str]] = defaultdict(set)
        for (kind, old_id), new_ids in self.successeurs.items():
            for new_id in new_ids:
                inverse[(kind, new_id)].add(old_id)
        return inverse


def step(old: KnowledgeBase, new: KnowledgeBase) -> Lineage:
    """Lineage between two consecutive editions, from the `remplace` declarations of the newer one."""
    declared: dict[Key, set[str]] = defaultdict(set)
    for kind in KINDS:
        for entity in new.entities[kind].values():
            for replaced in entity.remplace:
                if replaced in old.entities[kind]:  # a declaration carried over from an earlier edition: no step
                    declared[(kind, replaced)].add(entity.id)
    successors = {}
    for kind in KINDS:
        for old_id in old.entities[kind]:
            kept = {old_id} if old_id in new.entities[kind] else set()
            successors[(kind, old_id)] = frozenset(kept | declared[(kind, old_id)])
    return Lineage(old.edition.annee, new.edition.annee, successors)


def compose(first: Lineage, then: Lineage) -> Lineage:
    successors = {key: frozenset(s for middle in ids for s in then.of(key[0], middle))
                  for key, ids in first.successeurs.items()}
    return Lineage(first.ancienne, then.nouvelle, successors)


def chain(editions: Sequence[KnowledgeBase]) -> Lineage:
    """Lineage from the first to the last of `editions`, which must be consecutive editions of the data."""
    steps = [step(old, new) for old, new in pairwise(editions)]
    if not steps:
        raise ValueError("une filiation relie au moins deux éditions")
    result = steps[0]
    for later in steps[1:]:
        result = compose(result, later)
    return result


@dataclass(frozen=True)
class Group:
    """One filiation as ids: the entities of the older edition, those of the newer one."""

    kind: str
    nature: Nature
    avant: tuple[str, ...]
    apres: tuple[str, ...]


def groups(lineage: Lineage, old: KnowledgeBase, new: KnowledgeBase) -> list[Group]:
    """Every filiation, in registry order of kinds, then in the newer edition's order of its first entity."""
    found = []
    for kind in KINDS:
        edges = [(old_id, new_id) for (k, old_id), new_ids in lineage.successeurs.items() if k == kind
                 for new_id in new_ids]
        for olds, news in _components(edges):
            if olds == news:  # one entity kept under its id, nothing replaced: no filiation
                continue
            order_old = [e.id for e in old.all(kind) if e.id in olds]
            order_new = [e.id for e in new.all(kind) if e.id in news]
            found.append(Group(kind, _nature(len(olds), len(news)), tuple(order_old), tuple(order_new)))
    rank = {kind: i for i, kind in enumerate(KINDS)}
    position = {(kind, e.id): i for kind in KINDS for i, e in enumerate(new.all(kind))}
    return sorted(found, key=lambda g: (rank[g.kind], position.get((g.kind, g.apres[0]), -1) if g.apres else -1))


def _nature(olds: int, news: int) -> Nature:
    if olds == 1 and news == 1:
        return Nature.RENOMMAGE
    if news == 1:
        return Nature.FUSION
    return Nature.SCISSION if olds == 1 else Nature.RECOMPOSITION


def _components(edges: list[tuple[str, str]]) -> list[tuple[set[str], set[str]]]:
    """Connected groups of the bipartite graph older ids → newer ids (union-find)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for old_id, new_id in edges:
        parent[root(("avant", old_id))] = root(("apres", new_id))
    members: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for node in list(parent):
        olds, news = members.setdefault(root(node), (set(), set()))
        (olds if node[0] == "avant" else news).add(node[1])
    return list(members.values())


def through_lineage(entity: Entity, lineage: Lineage, data: dict[str, Json]) -> dict[str, Json]:
    """The older entity's fields, each reference to an entity that continued as exactly one other rewritten to it:
    a service that followed its référentiel's renaming, or an actor citing the principle two were merged into, did
    not change. A reference to an entity split or removed stays as it was (the change shows). `data`: the fields
    compared, as JSON (rewritten in place and returned)."""
    lists: set[tuple[str | int, ...]] = set()
    targets = [(at, kind, target) for at, kind, target in references(entity)]
    renvoi = getattr(entity, "renvoi", None)  # the glossary's reference to an entity of any kind
    if renvoi is not None:
        targets.append((("renvoi", "id"), renvoi.type, renvoi.id))
    for at, kind, target in targets:
        successors = lineage.of(kind, target)
        if len(successors) == 1 and target not in successors:
            _put(data, at, next(iter(successors)))
            if isinstance(at[-1], int):
                lists.add(tuple(at[:-1]))
    for at in lists:  # two references merged into one are one reference
        items = _get(data, at)
        _put(data, at, list(dict.fromkeys(items)))
    return data


def _get(data: Json, at: tuple[str | int, ...]) -> Json:
    for part in at:
        data = data[part]
    return data


def _put(data: Json, at: tuple[str | int, ...], value: Json) -> None:
    _get(data, at[:-1])[at[-1]] = value
