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
    reworded = objective.fin_2017[0]  # an item keyed by its id: the diff names it so
    edits.append(Edit("objectif", objective.id, "modification",
                      [(f"fin_2017[id={reworded.id}].texte", reworded.texte,
                        "Objectif révisé pour l'édition de test.")]))

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


# --- a chain of three editions from the small site fixture: 2016 → 2017 → 2018 ---------------------------------

SITE_EDITION = ROOT / "tests" / "fixtures" / "site" / "data" / "editions" / "2099"
CI_SIS_OBJECTIFS_2018 = (
    "Un référentiel fictif révisé dont l'identifiant est celui qu'attend la page « Données ouvertes » "
    "(docs/donnees-ouvertes.md cite son extrait JSON), désormais utilisé par le service fictif Deux.")


def _edition_file(root: Path, year: int) -> None:
    """edition.yaml of a chain edition: its year and publication date; the instruction's dates kept in 2016."""
    edition = read_yaml_file(root / "edition.yaml")
    edition.update(annee=year, statut="publiee", date_publication=f"{year}-06-01")
    edition["instruction"].update(date="2016-05-15", date_validation_cnp="2016-05-02")
    write_yaml_file(root / "edition.yaml", edition)


def _edit(path: Path, change) -> None:  # noqa: ANN001 - a function changing the YAML value in place
    value = read_yaml_file(path)
    change(value)
    write_yaml_file(path, value)


def _entry(items: list[dict], entity_id: str) -> dict:
    return next(item for item in items if item["id"] == entity_id)


def derive_chain(data: Path) -> list[Edit]:
    """Editions 2016, 2017 and 2018 in `data`, from the site fixture, by the deliberate edits returned (each with
    the edition that made it in `changes[0]`, as (« edition », None, year))."""
    first = data / "editions" / "2016"
    shutil.copytree(SITE_EDITION, first)
    _edition_file(first, 2016)
    edits: list[Edit] = []

    # 2017: ref-alpha renamed ref-zorg (remplace), every reference to it following the new id
    e2017 = data / "editions" / "2017"
    shutil.copytree(first, e2017)
    _edition_file(e2017, 2017)
    alpha = read_yaml_file(e2017 / "referentiels" / "ref-alpha.yaml")
    (e2017 / "referentiels" / "ref-alpha.yaml").unlink()
    write_yaml_file(e2017 / "referentiels" / "ref-zorg.yaml", {**alpha, "id": "ref-zorg", "remplace": ["ref-alpha"]})
    _edit(e2017 / "socle" / "svc-un.yaml", lambda v: v.update(referentiels=["ref-zorg"]))
    _edit(e2017 / "evolutions.yaml", lambda v: _entry(v, "evo-alpha-2").update(referentiel="ref-zorg"))
    _edit(e2017 / "glossaire.yaml", lambda v: _entry(v, "zorg")["renvoi"].update(id="ref-zorg"))
    _edit(e2017 / "principes" / "pr-primaute.yaml", lambda v: v.update(referentiels=["ref-zorg"]))
    _edit(e2017 / "acteurs" / "act-industriels.yaml",
          lambda v: v["devoirs"][0]["elements"][0].update(referentiels=["ref-zorg"]))
    edits.append(Edit("referentiel", "ref-zorg", "renommage", [("edition", None, 2017), ("id", "ref-alpha",
                                                                                          "ref-zorg")]))

    # 2017: the two principles merged into a new one (remplace both); the actor citing one cites the new one
    primaute = read_yaml_file(e2017 / "principes" / "pr-primaute.yaml")
    evaluation = read_yaml_file(e2017 / "principes" / "pr-evaluation.yaml")
    (e2017 / "principes" / "pr-primaute.yaml").unlink()
    (e2017 / "principes" / "pr-evaluation.yaml").unlink()
    write_yaml_file(e2017 / "principes" / "pr-conduite.yaml", {
        "id": "pr-conduite", "numero": 1, "titre": "Conduite fictive",
        "enonce": "Le cadre fictif prime, et les projets fictifs sont évalués.",
        "questions": primaute["questions"] + evaluation["questions"], "referentiels": ["ref-zorg"],
        "acteurs": ["act-regional"], "remplace": ["pr-primaute", "pr-evaluation"]})
    _edit(e2017 / "acteurs" / "act-regional.yaml",
          lambda v: v["devoirs"][0]["elements"][0].update(principes=["pr-conduite"]))
    edits.append(Edit("principe", "pr-conduite", "fusion", [("edition", None, 2017)]))

    # 2018: ref-beta removed (and its planned evolution); the service that relied on it relies on ci-sis
    e2018 = data / "editions" / "2018"
    shutil.copytree(e2017, e2018)
    _edition_file(e2018, 2018)
    (e2018 / "referentiels" / "ref-beta.yaml").unlink()
    _edit(e2018 / "evolutions.yaml", lambda v: v.remove(_entry(v, "evo-beta")))
    _edit(e2018 / "socle" / "svc-deux.yaml", lambda v: v.update(referentiels=["ci-sis"]))
    edits.append(Edit("referentiel", "ref-beta", "retrait", [("edition", None, 2018)]))
    edits.append(Edit("evolution", "evo-beta", "retrait", [("edition", None, 2018)]))
    edits.append(Edit("service", "svc-deux", "modification", [("edition", None, 2018),
                                                              ("referentiels[0]", "ref-beta", "ci-sis")]))

    # 2018: the renamed référentiel changes status; ci-sis's objectives are rewritten (a long text)
    _edit(e2018 / "referentiels" / "ref-zorg.yaml", lambda v: v["disponibilite"].update(statut="en-cours"))
    ci_sis = read_yaml_file(e2018 / "referentiels" / "ci-sis.yaml")
    _edit(e2018 / "referentiels" / "ci-sis.yaml", lambda v: v.update(objectifs=CI_SIS_OBJECTIFS_2018))
    edits.append(Edit("referentiel", "ref-zorg", "modification", [("edition", None, 2018),
                                                                  ("disponibilite.statut", "disponible", "en-cours")]))
    edits.append(Edit("referentiel", "ci-sis", "modification", [("edition", None, 2018),
                                                                ("objectifs", ci_sis["objectifs"],
                                                                 CI_SIS_OBJECTIFS_2018)]))
    return edits
