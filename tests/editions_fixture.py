"""A later edition derived from the real 2016 data by deliberate edits, for the tests of editions and publication.

It is never stored in data/: tests build it in a temporary folder, and the expected diff is built from the list of
edits, not from the diff code.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cadre.loading.knowledge import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "data"
SMALL = ROOT / "tests" / "fixtures" / "validation" / "good"


@dataclass
class Edit:
    """One deliberate change, and what the diff must report for it."""

    kind: str
    id: str
    event: str  # ajout | retrait | modification
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (chemin, avant, apres)


def read_yaml_file(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml_file(path: Path, value: Any) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def derive_edition(data: Path, old: str, new: str, statut: str = "publiee") -> list[Edit]:
    """Copy edition `old` to `new` inside `data` and apply the deliberate edits; returns them."""
    kb = load_knowledge_base(data, old)
    root = data / "editions" / new
    shutil.copytree(data / "editions" / old, root)
    edits: list[Edit] = []

    # a référentiel's availability changes
    ref = next(r for r in kb.all("referentiel") if r.disponibilite.statut.value == "disponible")
    path = root / "referentiels" / f"{ref.id}.yaml"
    raw = read_yaml_file(path)
    raw["disponibilite"]["statut"] = "en-cours"
    write_yaml_file(path, raw)
    edits.append(Edit("referentiel", ref.id, "modification", [("disponibilite.statut", "disponible", "en-cours")]))

    # a new socle service (one file per entity)
    ordre = max(s.ordre for s in kb.all("service")) + 1
    write_yaml_file(root / "socle" / "service-test.yaml",
           {"id": "service-test", "nom": "Service ajouté pour l'édition de test", "version": "ulterieure",
            "ordre": ordre})
    edits.append(Edit("service", "service-test", "ajout"))

    # a programme that nothing refers to is removed
    gone = next(p for p in kb.all("programme") if not kb.backlinks.get(("programme", p.id)))
    programmes = [p for p in read_yaml_file(root / "programmes.yaml") if p["id"] != gone.id]
    write_yaml_file(root / "programmes.yaml", programmes)
    edits.append(Edit("programme", gone.id, "retrait"))

    # an ARS objective is rewritten
    objective = next(o for o in kb.all("objectif") if o.fin_2017)
    objectives = read_yaml_file(root / "objectifs-ars.yaml")
    row = next(o for o in objectives if o["id"] == objective.id)
    row["fin_2017"][0]["texte"] = "Objectif révisé pour l'édition de test."
    write_yaml_file(root / "objectifs-ars.yaml", objectives)
    edits.append(Edit("objectif", objective.id, "modification",
                      [("fin_2017[0].texte", objective.fin_2017[0].texte, "Objectif révisé pour l'édition de test.")]))

    # a new glossary entry
    glossary_file = root / "glossaire.yaml"
    entries = (read_yaml_file(glossary_file) or []) if glossary_file.exists() else []
    entries.append({"id": "zzt", "sigle": "ZZT", "definition": "Sigle ajouté pour l'édition de test",
                    "origine": "texte"})
    write_yaml_file(glossary_file, entries)
    edits.append(Edit("glossaire", "zzt", "ajout"))

    edition = read_yaml_file(root / "edition.yaml")
    edition.update(annee=int(new), statut=statut, date_publication=f"{new}-06-01")
    write_yaml_file(root / "edition.yaml", edition)
    return edits


def copy_real_edition(target: Path) -> Path:
    data = target / "data"
    shutil.copytree(REAL_DATA / "editions" / "2016", data / "editions" / "2016")
    return data
