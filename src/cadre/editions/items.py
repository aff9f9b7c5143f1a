"""Evaluation items (principle check-points, ARS objectives) compared between two editions by their stable id:
what a GO / NO GO review or an ARS report made on the earlier edition must look at again."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cadre.editions.diff import format_value
from cadre.evaluation.items import all_items
from cadre.loading.knowledge import KnowledgeBase


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
