"""The consolidation of several evaluation files as text, CSV or JSON (`cadre evaluation synthese`).

Files are grouped by type and edition, in the order given; within a file, one line per principle (projects) or
per row of the objectives table (ARS), with the number of items of each answer.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from cadre.evaluation.fichier import REPONSES, SANS_REPONSE
from cadre.evaluation.items import ARS, PROJET
from cadre.evaluation.synthese import TYPES, Evaluation
from cadre.text import csv_cell, json_text, plain

COLONNES = [*REPONSES[PROJET], *REPONSES[ARS], "sans-reponse"]


def _name(evaluation: Evaluation) -> str:
    return " ".join(evaluation.document["nom"].split())


def _lots(evaluations: list[Evaluation]) -> dict[tuple[str, int], list[Evaluation]]:
    lots: dict[tuple[str, int], list[Evaluation]] = {}
    for evaluation in evaluations:
        lots.setdefault((evaluation.type, evaluation.document["edition"]), []).append(evaluation)
    return lots


def texte(evaluations: list[Evaluation]) -> str:
    lines: list[str] = []
    for (type_, year), lot in _lots(evaluations).items():
        lines += [f"{TYPES[type_]} — édition {year} : {len(lot)} fichier(s)", ""]
        for evaluation in lot:
            lines.append(f"{_name(evaluation)} ({evaluation.fichier.name}, {evaluation.document['date']})")
            for group in evaluation.groupes():
                counts = " · ".join(f"{label} {group.decompte[value]}" for value, label in REPONSES[type_].items())
                lines.append(f"  {plain(group.libelle)} : {counts} · {SANS_REPONSE} {group.decompte['']}")
            if type_ == PROJET:
                lines.append("  GO : " + _verdict(evaluation))
            lines.append("")
    return "\n".join(lines)


def _verdict(evaluation: Evaluation) -> str:
    blocking = evaluation.bloquants()
    no = sum(1 for _, value in blocking if value == "non")
    if not blocking:
        return "aucun « non », aucun point sans réponse"
    return f"{no} « non » et {len(blocking) - no} point(s) sans réponse à lever"


def tableur(evaluations: list[Evaluation]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["type", "edition", "nom", "fichier", "groupe", "libelle", *COLONNES])
    for evaluation in evaluations:
        for group in evaluation.groupes():
            counts = {("sans-reponse" if k == "" else k): v for k, v in group.decompte.items()}
            writer.writerow([evaluation.type, evaluation.document["edition"], csv_cell(_name(evaluation)),
                             csv_cell(evaluation.fichier.name), group.id, csv_cell(plain(group.libelle)),
                             *(counts.get(column, "") for column in COLONNES)])
    return "\ufeff" + out.getvalue()


def donnees(evaluations: list[Evaluation], erreurs: list[str]) -> str:
    def one(evaluation: Evaluation) -> dict[str, Any]:
        return {
            "fichier": str(evaluation.fichier), "type": evaluation.type, "edition": evaluation.document["edition"],
            "nom": evaluation.document["nom"], "date": evaluation.document["date"],
            "groupes": [{"id": g.id, "libelle": plain(g.libelle),
                         "decompte": {("sans-reponse" if k == "" else k): v for k, v in g.decompte.items()}}
                        for g in evaluation.groupes()],
            "bloquants": [item.id for item, _ in evaluation.bloquants()],
        }

    return json_text({"evaluations": [one(e) for e in evaluations], "erreurs": erreurs}) + "\n"
