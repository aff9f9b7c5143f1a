"""Evaluation items in the data: every check-point and ARS objective has an id, unique in the edition, kept by
`new-edition`, and `cadre diff` reports the items added, removed and reworded by id.

Expected messages are written by hand from the fixture files below (line and column counted in them).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import test_input_limits
import yaml

GOOD = Path(__file__).parent / "fixtures" / "validation" / "good"
data = test_input_limits.data  # the valid edition copied into a temporary folder (a fixture)
validate = test_input_limits.validate  # `cadre validate` on it: exit code and error lines
SITE = Path(__file__).parent / "fixtures" / "site" / "data"

PRINCIPE = """\
id: p-un
numero: 1
titre: Un
enonce: Énoncé.
questions:
  - id: q-a
    texte: Première question ?
  - id: q-a
    texte: Seconde question ?
"""

OBJECTIFS = """\
- id: o-un
  ligne: Tous services
  ordre: 1
  fin_2016:
    - id: q-b
      texte: Premier objectif
  fin_2017:
    - id: q-a
      texte: Second objectif
"""


def test_duplicate_item_ids_are_located_errors(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "editions/2016/principes").mkdir()
    (data / "editions/2016/principes/p-un.yaml").write_text(PRINCIPE, encoding="utf-8")
    (data / "editions/2016/objectifs-ars.yaml").write_text(OBJECTIFS, encoding="utf-8")
    code, errors = validate(capsys)
    assert code == 1
    assert errors[:2] == [
        "editions/2016/objectifs-ars.yaml:8:11: E201 objectif:o-un.fin_2017[0].id: identifiant d'item déjà porté "
        "par principe:p-un.questions[0].id (attendu un identifiant d'item unique dans l'édition, trouvé « q-a »)",
        "editions/2016/principes/p-un.yaml:8:9: E201 principe:p-un.questions[1].id: identifiant d'item déjà porté "
        "par principe:p-un.questions[0].id (attendu un identifiant d'item unique dans l'édition, trouvé « q-a »)",
    ]


def test_an_item_without_id_is_an_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "editions/2016/principes").mkdir()
    (data / "editions/2016/principes/p-un.yaml").write_text(
        PRINCIPE.replace("  - id: q-a\n    texte: Seconde", "  - texte: Seconde"), encoding="utf-8")
    code, errors = validate(capsys)
    assert code == 1
    assert errors[0] == ("editions/2016/principes/p-un.yaml:8:5: E102 principe:p-un.questions[1].id: champ "
                         "obligatoire absent (attendu une valeur pour ce champ)")


def cadre(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", str(data), *args],
                          capture_output=True, text=True)


@pytest.fixture
def two_editions(tmp_path: Path) -> Path:
    """The fixture edition 2099 and a 2100 made by `new-edition`, then edited by hand as a yearly revision."""
    data = tmp_path / "data"
    shutil.copytree(SITE, data)
    result = cadre("new-edition", "2100", data=data)
    assert result.returncode == 0, result.stderr
    return data


def test_new_edition_carries_the_item_ids_over(two_editions: Path) -> None:
    for name in ("principes/pr-primaute.yaml", "principes/pr-evaluation.yaml", "objectifs-ars.yaml"):
        old = yaml.safe_load((two_editions / "editions/2099" / name).read_text(encoding="utf-8"))
        new = yaml.safe_load((two_editions / "editions/2100" / name).read_text(encoding="utf-8"))
        assert new == old
    primaute = yaml.safe_load((two_editions / "editions/2100/principes/pr-primaute.yaml").read_text("utf-8"))
    assert [q["id"] for q in primaute["questions"]] == ["pr-primaute-1", "pr-primaute-2"]


def revise(data: Path) -> None:
    """2100: one check-point reworded, one removed, one added; one ARS objective reworded."""
    path = data / "editions/2100/principes/pr-primaute.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Le projet fictif respecte-t-il le ZORG ?", "Le projet fictif applique-t-il le ZORG ?")
    text = text.replace("  - id: pr-primaute-2\n    texte: Le projet fictif doit documenter ses choix.\n"
                        "    type: exigence\n", "  - id: pr-primaute-3\n    texte: Le projet fictif est-il évalué ?\n")
    path.write_text(text, encoding="utf-8")
    path = data / "editions/2100/objectifs-ars.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Objectif transversal fictif", "Objectif transversal "
                                                             "révisé"), encoding="utf-8")


def test_diff_reports_items_added_removed_and_reworded_by_id(two_editions: Path) -> None:
    revise(two_editions)
    result = cadre("diff", "2099", "2100", data=two_editions)
    assert result.returncode == 0, result.stderr
    section = result.stdout[result.stdout.index("Items d'évaluation"):]
    assert section == (
        "Items d'évaluation (points de contrôle, objectifs ARS)\n"
        "  + ajouté : pr-primaute-3 (pr-primaute) « Le projet fictif est-il évalué ? »\n"
        "  - retiré : pr-primaute-2 (pr-primaute) « Le projet fictif doit documenter ses choix. »\n"
        "  ~ reformulé : pr-primaute-1 (pr-primaute) « Le projet fictif respecte-t-il le ZORG ? » → "
        "« Le projet fictif applique-t-il le ZORG ? »\n"
        "  ~ reformulé : obj-tous-2017-1 (obj-tous) « Objectif transversal fictif » → "
        "« Objectif transversal révisé »\n")
    as_json = json.loads(cadre("diff", "2099", "2100", "--format", "json", data=two_editions).stdout)
    changes = {c["chemin"]: (c["avant"], c["apres"]) for kind in as_json["types"] for m in kind["modifications"]
               for c in m["changements"]}
    assert changes["questions[id=pr-primaute-1].texte"] == ("Le projet fictif respecte-t-il le ZORG ?",
                                                           "Le projet fictif applique-t-il le ZORG ?")
    assert changes["fin_2017[id=obj-tous-2017-1].texte"] == ("Objectif transversal fictif",
                                                            "Objectif transversal révisé")
