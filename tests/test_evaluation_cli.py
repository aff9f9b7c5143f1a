"""`cadre evaluation synthese` and `rapport` on small hand-written files of the fixture edition 2099.

Expected outputs are written by hand from the files in tests/fixtures/evaluation and the fixture edition.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from cadre.evaluation.fichier import evaluation_schema

ROOT = Path(__file__).resolve().parents[1]
FILES = Path("tests/fixtures/evaluation")
DATA = "tests/fixtures/site/data"


def cadre(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", DATA, "evaluation", *args], cwd=ROOT,
                          capture_output=True, text=True)


def files(*names: str) -> list[str]:
    return [str(FILES / name) for name in names]


GOOD = files("projet-alpha.json", "projet-beta.json", "ars-nord.json")

TEXT = """\
Revue GO / NO GO de projet — édition 2099 : 2 fichier(s)

Projet Alpha (projet-alpha.json, 2099-03-01)
  Principe 1 : Primauté fictive : Oui 1 · Partiellement 0 · Non 1 · Non applicable 0 · Sans réponse 0
  Principe 2 : Évaluation fictive : Oui 0 · Partiellement 0 · Non 0 · Non applicable 0 · Sans réponse 1
  GO : 1 « non » et 1 point(s) sans réponse à lever

Projet Bêta (projet-beta.json, 2099-03-02)
  Principe 1 : Primauté fictive : Oui 1 · Partiellement 1 · Non 0 · Non applicable 0 · Sans réponse 0
  Principe 2 : Évaluation fictive : Oui 0 · Partiellement 0 · Non 0 · Non applicable 1 · Sans réponse 0
  GO : aucun « non », aucun point sans réponse

Reporting semestriel ARS — édition 2099 : 1 fichier(s)

ARS Nord fictive (ars-nord.json, 2099-07-01)
  Service fictif Un : Atteint 1 · En cours 1 · Non engagé 0 · Sans objet 0 · Sans réponse 0
  Tous services fictifs : Atteint 0 · En cours 0 · Non engagé 0 · Sans objet 0 · Sans réponse 1
"""


def test_synthese_as_text() -> None:
    result = cadre("synthese", *GOOD)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == TEXT


def test_synthese_as_csv() -> None:
    result = cadre("synthese", *GOOD, "--format", "csv")
    assert result.returncode == 0
    assert result.stdout == (
        "\ufefftype,edition,nom,fichier,groupe,libelle,oui,partiellement,non,non-applicable,atteint,en-cours,"
        "non-engage,sans-objet,sans-reponse\n"
        "projet,2099,Projet Alpha,projet-alpha.json,pr-primaute,Principe 1 : Primauté fictive,1,0,1,0,,,,,0\n"
        "projet,2099,Projet Alpha,projet-alpha.json,pr-evaluation,Principe 2 : Évaluation fictive,0,0,0,0,,,,,1\n"
        "projet,2099,Projet Bêta,projet-beta.json,pr-primaute,Principe 1 : Primauté fictive,1,1,0,0,,,,,0\n"
        "projet,2099,Projet Bêta,projet-beta.json,pr-evaluation,Principe 2 : Évaluation fictive,0,0,0,1,,,,,0\n"
        "ars,2099,ARS Nord fictive,ars-nord.json,obj-svc-un,Service fictif Un,,,,,1,1,0,0,0\n"
        "ars,2099,ARS Nord fictive,ars-nord.json,obj-tous,Tous services fictifs,,,,,0,0,0,0,1\n")


def test_synthese_as_json() -> None:
    result = cadre("synthese", *files("projet-alpha.json", "casse.json"), "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["erreurs"] == ["tests/fixtures/evaluation/casse.json:3:10 : JSON invalide (valeur attendue)"]
    [alpha] = document["evaluations"]
    assert alpha["nom"] == "Projet Alpha" and alpha["bloquants"] == ["pr-primaute-2", "pr-evaluation-1"]
    assert alpha["groupes"][0] == {"id": "pr-primaute", "libelle": "Principe 1 : Primauté fictive",
                                   "decompte": {"oui": 1, "partiellement": 0, "non": 1, "non-applicable": 0,
                                                "sans-reponse": 0}}


def test_bad_files_are_named_with_their_item_and_the_others_still_counted() -> None:
    result = cadre("synthese", *files("projet-alpha.json", "casse.json", "item-inconnu.json",
                                      "edition-inconnue.json", "reponse-invalide.json", "projet-beta.json"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "tests/fixtures/evaluation/casse.json:3:10 : JSON invalide (valeur attendue)",
        "tests/fixtures/evaluation/item-inconnu.json : reponses.pr-primaute-9 : aucun point de contrôle de "
        "l'édition 2099 ne porte cet identifiant ; vouliez-vous dire « pr-primaute-2 » ?",
        "tests/fixtures/evaluation/item-inconnu.json : services.svc-inconnu : aucun service de l'édition 2099 ne "
        "porte cet identifiant",
        "tests/fixtures/evaluation/edition-inconnue.json : edition : édition 2098 introuvable dans "
        "tests/fixtures/site/data/editions",
        "tests/fixtures/evaluation/reponse-invalide.json : champ inconnu : couleur",
        "tests/fixtures/evaluation/reponse-invalide.json : reponses.pr-primaute-1.reponse : valeur non admise "
        "(attendu une de : oui, partiellement, non, non-applicable ; trouvé « peut-etre »)",
        "4 fichier(s) sur 6 en erreur.",
    ]
    assert result.stdout == TEXT.split("\nReporting semestriel ARS")[0]  # the two projects, nothing lost


def test_the_fixture_files_follow_the_published_schema() -> None:
    for name in ("projet-alpha.json", "projet-beta.json", "ars-nord.json"):
        jsonschema.validate(json.loads((ROOT / FILES / name).read_text("utf-8")), evaluation_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads((ROOT / FILES / "reponse-invalide.json").read_text("utf-8")),
                            evaluation_schema())


def test_rapport_writes_the_pdf_summary_first(tmp_path: Path) -> None:
    target = tmp_path / "alpha.pdf"
    result = cadre("rapport", str(FILES / "projet-alpha.json"), "-o", str(target))
    assert (result.returncode, result.stdout) == (0, f"Rapport écrit : {target}\n")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages]
    first = " ".join(pages[0].split())
    assert "Revue GO / NO GO de projet : Projet Alpha" in first
    assert "Le projet fictif doit documenter ses choix." in first  # the « non » that stands in the way of a GO
    assert "Réponses" not in first  # the items begin on the next page
    rest = " ".join(" ".join(pages[1:]).split())
    assert "Choix non documentés <b>encore</b>" in rest  # the file's text, as text
    assert "Référentiel fictif Alpha (ZORG)" in rest and "Service fictif Un (QWX)" in rest


def test_rapport_refuses_a_bad_file() -> None:
    result = cadre("rapport", str(FILES / "item-inconnu.json"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("tests/fixtures/evaluation/item-inconnu.json : reponses.pr-prim")
