"""What changed between two editions, computed from their data: entities added, removed, and changed field by field.

The diff compares validated models (as JSON values), so formatting, comments and key order in the YAML files
never count as changes. A list whose items only moved is not a change either (ordering noise); a list whose
items changed is compared item by item so that a change reads « disponibilite.jalons[1].libelle », not
« the whole list ». Editorial notes are fields like any other. The edition metadata (year, status, dates) is
reported apart: it changes every year by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from cadre.evaluation.items import all_items
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity
from cadre.model.kinds import KINDS, label
from cadre.text import plain

Json = Any  # a JSON value: None, bool, int, str, list, dict


@dataclass(frozen=True)
class FieldChange:
    """One change at `path` (dotted, e.g. « disponibilite.statut », « liens[0].url »).

    `avant` is None when the value (or list item) was added, `apres` is None when it was removed.
    """

    chemin: str
    avant: Json
    apres: Json


@dataclass(frozen=True)
class EntityRef:
    kind: str
    id: str
    libelle: str
    url: str  # permalink relative to the site root of the edition that holds the entity


@dataclass(frozen=True)
class EntityChange:
    entite: EntityRef
    changements: list[FieldChange]


@dataclass(frozen=True)
class KindDiff:
    kind: str
    ajouts: list[EntityRef] = field(default_factory=list)
    retraits: list[EntityRef] = field(default_factory=list)
    modifications: list[EntityChange] = field(default_factory=list)

    @property
    def vide(self) -> bool:
        return not (self.ajouts or self.retraits or self.modifications)


@dataclass(frozen=True)
class EditionDiff:
    ancienne: int  # year
    nouvelle: int
    metadonnees: list[FieldChange]  # edition.yaml (statut, dates, texte d'adoption…), shown apart
    types: list[KindDiff]  # only kinds with at least one change, in registry order

    @property
    def vide(self) -> bool:
        return not self.types

    def totals(self) -> dict[str, int]:
        return {
            "ajouts": sum(len(k.ajouts) for k in self.types),
            "retraits": sum(len(k.retraits) for k in self.types),
            "modifications": sum(len(k.modifications) for k in self.types),
        }

    def to_json(self) -> dict[str, Any]:
        """Machine-readable form; every value is plain JSON."""
        return {
            "ancienne": self.ancienne,
            "nouvelle": self.nouvelle,
            "totaux": self.totals(),
            "metadonnees": [asdict(c) for c in self.metadonnees],
            "types": [
                {
                    "type": k.kind,
                    "libelle": KINDS[k.kind].pluriel,
                    "ajouts": [asdict(e) for e in k.ajouts],
                    "retraits": [asdict(e) for e in k.retraits],
                    "modifications": [
                        {"entite": asdict(m.entite), "changements": [asdict(c) for c in m.changements]}
                        for m in k.modifications
                    ],
                }
                for k in self.types
            ],
        }


# --- computing --------------------------------------------------------------------------------------------------


def diff_editions(old: KnowledgeBase, new: KnowledgeBase) -> EditionDiff:
    kinds = [diff_kind(kind, old, new) for kind in KINDS]
    metadata = diff_values(_edition_json(old), _edition_json(new))
    return EditionDiff(old.edition.annee, new.edition.annee, metadata, [k for k in kinds if not k.vide])


def diff_kind(kind: str, old: KnowledgeBase, new: KnowledgeBase) -> KindDiff:
    before, after = old.entities[kind], new.entities[kind]
    result = KindDiff(kind)
    for entity in new.all(kind):
        if entity.id not in before:
            result.ajouts.append(entity_ref(kind, entity))
        else:
            changes = diff_entities(before[entity.id], entity)
            if changes:
                result.modifications.append(EntityChange(entity_ref(kind, entity), changes))
    result.retraits.extend(entity_ref(kind, e) for e in old.all(kind) if e.id not in after)
    return result


def diff_entities(old: Entity, new: Entity) -> list[FieldChange]:
    return diff_values(old.model_dump(mode="json"), new.model_dump(mode="json"))


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


def _edition_json(kb: KnowledgeBase) -> dict[str, Json]:
    data = kb.edition.model_dump(mode="json")
    data.pop("annee")  # always differs: it names the two editions compared
    return data


def entity_ref(kind: str, entity: Entity) -> EntityRef:
    """The entity as a change names it: its label in plain words (every output escapes it in its own syntax)."""
    return EntityRef(kind, entity.id, plain(label(entity)), KINDS[kind].url(entity.id))


# --- French text --------------------------------------------------------------------------------------------------


def format_text(diff: EditionDiff) -> str:
    """The diff as French text for the terminal, grouped by entity kind."""
    lines = [f"Différences entre l'édition {diff.ancienne} et l'édition {diff.nouvelle}", ""]
    if diff.metadonnees:
        lines.append("Métadonnées de l'édition")
        lines.extend(_change_lines(diff.metadonnees, "  "))
        lines.append("")
    if diff.vide:
        lines.append("Aucune différence dans les entités.")
    for kind in diff.types:
        lines.append(KINDS[kind.kind].pluriel[:1].upper() + KINDS[kind.kind].pluriel[1:])
        for ref in kind.ajouts:
            lines.append(f"  + ajouté : {ref.id} — {ref.libelle}")
        for ref in kind.retraits:
            lines.append(f"  - retiré : {ref.id} — {ref.libelle}")
        for change in kind.modifications:
            lines.append(f"  ~ modifié : {change.entite.id} — {change.entite.libelle}")
            lines.extend(_change_lines(change.changements, "      "))
        lines.append("")
    totals = diff.totals()
    lines.append(f"Total : {_plural(totals['ajouts'], 'ajout')}, {_plural(totals['retraits'], 'retrait')}, "
                 f"{_plural(totals['modifications'], 'entité modifiée', 'entités modifiées')}.")
    return "\n".join(lines) + "\n"


def _change_lines(changes: list[FieldChange], indent: str) -> list[str]:
    lines = []
    for change in changes:
        if change.avant is None:
            lines.append(f"{indent}{change.chemin} : ajouté {format_value(change.apres)}")
        elif change.apres is None:
            lines.append(f"{indent}{change.chemin} : retiré {format_value(change.avant)}")
        else:
            lines.append(f"{indent}{change.chemin} : {format_value(change.avant)} → {format_value(change.apres)}")
    return lines


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


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural or singular + 's')}"


# --- evaluation items (check-points, ARS objectives) by id ---------------------------------------------------------


@dataclass(frozen=True)
class ItemsDiff:
    """Items of evaluation added, removed and reworded between two editions, matched by their stable id."""

    ajouts: list[dict[str, str]]  # {id, groupe, texte}
    retraits: list[dict[str, str]]
    reformulations: list[dict[str, str]]  # {id, groupe, avant, apres}

    @property
    def vide(self) -> bool:
        return not (self.ajouts or self.retraits or self.reformulations)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def diff_items(old: KnowledgeBase, new: KnowledgeBase) -> ItemsDiff:
    before = {i.id: i for i in all_items(old)}
    after = {i.id: i for i in all_items(new)}
    return ItemsDiff(
        ajouts=[{"id": i.id, "groupe": i.groupe, "texte": i.texte} for i in after.values() if i.id not in before],
        retraits=[{"id": i.id, "groupe": i.groupe, "texte": i.texte} for i in before.values() if i.id not in after],
        reformulations=[{"id": i.id, "groupe": i.groupe, "avant": before[i.id].texte, "apres": i.texte}
                        for i in after.values() if i.id in before and before[i.id].texte != i.texte],
    )


def format_items_text(diff: ItemsDiff) -> str:
    """The items section of `cadre diff`: what a GO / NO GO review or an ARS report re-evaluates."""
    lines = ["Items d'évaluation (points de contrôle, objectifs ARS)"]
    if diff.vide:
        lines.append("  Aucun item ajouté, retiré ou reformulé.")
    lines.extend(f"  + ajouté : {i['id']} ({i['groupe']}) {format_value(i['texte'])}" for i in diff.ajouts)
    lines.extend(f"  - retiré : {i['id']} ({i['groupe']}) {format_value(i['texte'])}" for i in diff.retraits)
    lines.extend(f"  ~ reformulé : {i['id']} ({i['groupe']}) {format_value(i['avant'])} → {format_value(i['apres'])}"
                 for i in diff.reformulations)
    return "\n".join(lines) + "\n"
