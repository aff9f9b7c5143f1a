"""What changed between two editions, computed from their data: entities added, removed, and changed field by field.

The diff compares validated models (as JSON values, field by field: see `values`, which also compares the items
of a list by their `id` when they have one), so formatting, comments and key order in the YAML files never count
as changes. Editorial notes are fields like any other. The edition metadata (year, status, dates) is reported
apart: it changes every year by construction.

It follows lineage (`remplace`, see `lineage`): an entity renamed is one entity changed (its id among its
fields), an entity merged or split is removed with its successors named, and the entities added in its place name
what they replace. For each entity changed or removed, the entities of the newer edition that cite it are listed
« à revoir » (the impact of the change). The same function makes « Nouveautés », every comparison page, the
feeds, the histories and `cadre diff`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cadre.editions.lineage import Lineage, Nature, chain, groups, step, through_lineage
from cadre.editions.values import FieldChange, Json, diff_values
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity
from cadre.model.kinds import KINDS, label
from cadre.text import plain


@dataclass(frozen=True)
class EntityRef:
    kind: str
    id: str
    libelle: str
    url: str  # permalink relative to the site root of the edition that holds the entity
    edition: int  # that edition's year: its site is at ../<edition>/ from any edition's site root


@dataclass(frozen=True)
class Ajout:
    entite: EntityRef
    remplace: list[EntityRef] = field(default_factory=list)  # what it replaces in the older edition


@dataclass(frozen=True)
class Retrait:
    entite: EntityRef  # in the older edition: the newer one has no page for it
    remplacee_par: list[EntityRef] = field(default_factory=list)  # its successors in the newer edition
    a_revoir: list[EntityRef] = field(default_factory=list)  # what cited it and is still there


@dataclass(frozen=True)
class EntityChange:
    """An entity of both editions, changed: its fields, its id when renamed, the entities it absorbed."""

    entite: EntityRef  # in the newer edition
    changements: list[FieldChange]
    ancien: EntityRef | None = None  # the same entity in the older edition (another id when renamed)
    remplace: list[EntityRef] = field(default_factory=list)  # other entities of the older edition it replaces
    a_revoir: list[EntityRef] = field(default_factory=list)  # what refers to it in the newer edition

    @property
    def renommee(self) -> bool:
        return self.ancien is not None and self.ancien.id != self.entite.id


@dataclass(frozen=True)
class KindDiff:
    kind: str
    ajouts: list[Ajout] = field(default_factory=list)
    retraits: list[Retrait] = field(default_factory=list)
    modifications: list[EntityChange] = field(default_factory=list)

    @property
    def vide(self) -> bool:
        return not (self.ajouts or self.retraits or self.modifications)


@dataclass(frozen=True)
class Filiation:
    kind: str
    nature: Nature
    avant: list[EntityRef]  # in the older edition
    apres: list[EntityRef]  # in the newer edition


@dataclass(frozen=True)
class Revue:
    """An entity of the newer edition to review: what it cites that changed (« modification ») or went away."""

    entite: EntityRef
    motifs: list[tuple[EntityRef, str]]  # (the cited entity, « modification » or « retrait »)


@dataclass(frozen=True)
class EditionDiff:
    ancienne: int  # year
    nouvelle: int
    metadonnees: list[FieldChange]  # edition.yaml (statut, dates, texte d'adoption…), shown apart
    types: list[KindDiff]  # only kinds with at least one change, in registry order
    filiations: list[Filiation] = field(default_factory=list)
    intermediaires: list[int] = field(default_factory=list)  # editions between the two, whose lineage is followed

    @property
    def vide(self) -> bool:
        return not self.types

    def totals(self) -> dict[str, int]:
        return {
            "ajouts": sum(len(k.ajouts) for k in self.types),
            "retraits": sum(len(k.retraits) for k in self.types),
            "modifications": sum(len(k.modifications) for k in self.types),
        }

    def a_revoir(self) -> list[Revue]:
        """Every entity to review, once, with what it cites that changed or went (registry order of kinds)."""
        motifs: dict[tuple[str, str], tuple[EntityRef, list[tuple[EntityRef, str]]]] = {}
        for kind in self.types:
            cited = [(m.entite, "modification", m.a_revoir) for m in kind.modifications]
            cited += [(r.entite, "retrait", r.a_revoir) for r in kind.retraits]
            for ref, motif, reviewers in cited:
                for reviewer in reviewers:
                    motifs.setdefault((reviewer.kind, reviewer.id), (reviewer, []))[1].append((ref, motif))
        rank = {kind: i for i, kind in enumerate(KINDS)}
        ordered = sorted(motifs.values(), key=lambda item: rank[item[0].kind])  # stable: first seen first
        return [Revue(reviewer, found) for reviewer, found in ordered]


# --- computing --------------------------------------------------------------------------------------------------


def compare(editions: Sequence[KnowledgeBase]) -> EditionDiff:
    """The first of `editions` against the last; they are consecutive editions of the data, whose lineage
    (`remplace`) is followed through every edition between."""
    return diff_editions(editions[0], editions[-1], chain(editions), [kb.edition.annee for kb in editions[1:-1]])


def diff_editions(old: KnowledgeBase, new: KnowledgeBase, lineage: Lineage | None = None,
                  intermediaires: list[int] | None = None) -> EditionDiff:
    """What changed from `old` to `new`; `lineage` None: they are consecutive (see `compare` otherwise)."""
    lineage = lineage or step(old, new)
    pair = _Pair(old, new, lineage, lineage.predecessors())
    kinds = [diff_kind(kind, pair) for kind in KINDS]
    metadata = diff_values(_edition_json(old), _edition_json(new))
    filiations = [Filiation(g.kind, g.nature, [entity_ref(g.kind, old.get(g.kind, i), old) for i in g.avant],
                            [entity_ref(g.kind, new.get(g.kind, i), new) for i in g.apres])
                  for g in groups(lineage, old, new)]
    return EditionDiff(old.edition.annee, new.edition.annee, metadata, [k for k in kinds if not k.vide], filiations,
                       list(intermediaires or []))


@dataclass(frozen=True)
class _Pair:
    old: KnowledgeBase
    new: KnowledgeBase
    lineage: Lineage
    predecessors: dict[tuple[str, str], set[str]]

    def refs(self, kb: KnowledgeBase, keys: Iterable[tuple[str, str]]) -> list[EntityRef]:
        """The entities of `kb` named by `keys`, once each, in registry order of kinds then in `kb`'s order."""
        wanted = set(keys)
        return [entity_ref(kind, e, kb) for kind in KINDS for e in kb.all(kind) if (kind, e.id) in wanted]

    def reviewers_of_changed(self, kind: str, entity_id: str) -> list[EntityRef]:
        """What refers to the entity in the newer edition."""
        return self.refs(self.new, {(b.kind, b.id) for b in self.new.backlinks.get((kind, entity_id), [])
                                    if (b.kind, b.id) != (kind, entity_id)})

    def reviewers_of_removed(self, kind: str, entity_id: str) -> list[EntityRef]:
        """What referred to the entity in the older edition, as it is in the newer one (when it is still there)."""
        return self.refs(self.new, {(b.kind, successor) for b in self.old.backlinks.get((kind, entity_id), [])
                                    for successor in self.lineage.of(b.kind, b.id)})


def diff_kind(kind: str, pair: _Pair) -> KindDiff:
    old, new = pair.old, pair.new
    before, after = old.entities[kind], new.entities[kind]
    result = KindDiff(kind)
    renamed: set[str] = set()
    for entity in new.all(kind):
        predecessors = pair.predecessors.get((kind, entity.id), set())
        if entity.id in predecessors:  # kept under its id, possibly absorbing others
            base, others = before[entity.id], predecessors - {entity.id}
        elif len(predecessors) == 1 and _renamed(pair, kind, next(iter(predecessors)), entity.id):
            base, others = before[next(iter(predecessors))], set()
            renamed.add(base.id)
        else:
            result.ajouts.append(Ajout(entity_ref(kind, entity, new),
                                       pair.refs(old, {(kind, i) for i in predecessors})))
            continue
        changes = diff_values(through_lineage(base, pair.lineage, _json(base)), _json(entity))
        if changes or others:
            result.modifications.append(EntityChange(
                entity_ref(kind, entity, new), changes, entity_ref(kind, base, old),
                pair.refs(old, {(kind, i) for i in others}), pair.reviewers_of_changed(kind, entity.id)))
    for entity in old.all(kind):
        if entity.id not in after and entity.id not in renamed:
            successors = {(kind, i) for i in pair.lineage.of(kind, entity.id)}
            result.retraits.append(Retrait(entity_ref(kind, entity, old), pair.refs(new, successors),
                                           pair.reviewers_of_removed(kind, entity.id)))
    return result


def _renamed(pair: _Pair, kind: str, old_id: str, new_id: str) -> bool:
    """One entity continued as exactly one other, under another id: the same entity, renamed."""
    return old_id not in pair.new.entities[kind] and pair.lineage.of(kind, old_id) == {new_id}


def _json(entity: Entity) -> dict[str, Json]:
    """The fields compared: all but `remplace`, which is lineage, reported as such."""
    return entity.model_dump(mode="json", exclude={"remplace"})


def _edition_json(kb: KnowledgeBase) -> dict[str, Json]:
    data = kb.edition.model_dump(mode="json")
    data.pop("annee")  # always differs: it names the two editions compared
    return data


def entity_ref(kind: str, entity: Entity, kb: KnowledgeBase) -> EntityRef:
    """The entity as a change names it: its label in plain words (every output escapes it in its own syntax)."""
    return EntityRef(kind, entity.id, plain(label(entity)), KINDS[kind].url(entity.id), kb.edition.annee)


# --- values in words (every output escapes them in its own syntax) --------------------------------------------


def change_phrase(change: FieldChange, path: str, value: Callable[[object], str]) -> str:
    """« chemin : avant → après » (or « ajouté … » / « retiré … »), each renderer escaping in its own syntax."""
    if change.avant is None:
        return f"{path} : ajouté {value(change.apres)}"
    if change.apres is None:
        return f"{path} : retiré {value(change.avant)}"
    return f"{path} : {value(change.avant)} → {value(change.apres)}"


def format_value(value: Json) -> str:
    """A value as one line: texts between « », other values as compact JSON."""
    if isinstance(value, str):
        return f"« {' '.join(value.split())} »"
    if value is None:
        return "(vide)"
    if isinstance(value, bool):
        return "oui" if value else "non"
    return json.dumps(value, ensure_ascii=False)
