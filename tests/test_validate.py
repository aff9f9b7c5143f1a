"""`cadre validate` on fixture editions: one good case, then deliberate corruptions with their exact messages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre.cli import main

GOOD = Path(__file__).parent / "fixtures" / "validation" / "good"
REF = "editions/2016/referentiels/ci-sis.yaml"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the good fixture; paths in messages are relative to it."""
    shutil.copytree(GOOD, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["--data", ".", "validate"])
    out, err = capsys.readouterr()
    return code, [line for line in err.splitlines() if line], out


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_good_edition_passes_and_counts(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, errors, out = run(capsys)
    assert (code, errors) == (0, [])
    assert "Édition 2016 valide :" in out
    assert "   1  référentiels" in out
    assert "   2  catégories de référentiels" in out


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "unknown field with suggestion",
        lambda d: edit(d, REF, "objectifs:", "objectif:"),
        f"{REF}:6:1: E101 referentiel:ci-sis.objectif: champ inconnu ; vouliez-vous dire « objectifs » ? "
        "(attendu un des champs : categorie, contenu, destinataires, disponibilite, id, liens, listes, nom, "
        "notes_editoriales, objectifs, ordre, remplace, section, sigle, trouvé « objectif »)",
    ),
    (
        "value outside a closed enumeration",
        lambda d: edit(d, REF, "statut: disponible", "statut: dispo"),
        f"{REF}:9:11: E104 referentiel:ci-sis.disponibilite.statut: valeur hors de la liste autorisée ; "
        "vouliez-vous dire « disponible » ? (attendu une des valeurs : disponible, partiellement-disponible, "
        "en-cours, en-projet, non-precise, trouvé « dispo »)",
    ),
    (
        "unknown reference with suggestion",
        lambda d: edit(d, REF, "acteurs: [industriels]", "acteurs: [industriel]"),
        f"{REF}:16:13: E202 referentiel:ci-sis.destinataires.acteurs[0]: aucun acteur ne porte cet identifiant ; "
        "vouliez-vous dire « industriels » ? (attendu l'identifiant d'un acteur, trouvé « industriel »)",
    ),
    (
        "duplicate key in a mapping",
        lambda d: edit(d, REF, "ordre: 1\n", "ordre: 1\nsigle: AUTRE\n"),
        f"{REF}:6:1: E005 referentiel:ci-sis.sigle: clé en double dans le même objet : la seconde valeur "
        "écraserait la première (attendu une clé unique, trouvé « sigle » déjà définie ligne 3)",
    ),
    (
        "a date that does not exist",
        lambda d: edit(d, "editions/2016/edition.yaml", "  date: 2016-05-11", "  date: 2016-02-30"),
        "editions/2016/edition.yaml:10:9: E105 edition.instruction.date: date invalide "
        "(attendu une date réelle au format AAAA-MM-JJ, trouvé « 2016-02-30 »)",
    ),
    (
        "dates out of order",
        lambda d: edit(d, "editions/2016/edition.yaml", "date_validation_cnp: 2016-04-29",
                       "date_validation_cnp: 2016-06-29"),
        "editions/2016/edition.yaml:13:24: E204 edition.instruction.date_validation_cnp: la validation par le CNP "
        "précède la signature de l'instruction (attendu une date au plus tard le 2016-05-11, trouvé 2016-06-29)",
    ),
    (
        "a category inside itself through its parents",
        lambda d: edit(d, "editions/2016/categories.yaml", "  ordre: 1\n", "  parent: specifications\n  ordre: 1\n"),
        "editions/2016/categories.yaml:3:11: E205 categorie:documents-reference.parent: l'entité est sa propre "
        "ancêtre : documents-reference → specifications → documents-reference (attendu un parent qui n'est pas "
        "contenu dans categorie:documents-reference, trouvé « specifications »)",
    ),
    (
        "missing required field",
        lambda d: edit(d, REF, "contenu: Contenu de test.\n", ""),
        f"{REF}:1:1: E102 referentiel:ci-sis.contenu: champ obligatoire absent (attendu une valeur pour ce champ)",
    ),
    (
        "wrong type",
        lambda d: edit(d, REF, "ordre: 1", "ordre: premier"),
        f"{REF}:5:8: E103 referentiel:ci-sis.ordre: type de valeur incorrect (attendu un nombre entier, "
        "trouvé « premier »)",
    ),
    (
        "malformed URL",
        lambda d: edit(d, REF, "https://example.org/test", "example.org/test"),
        f"{REF}:20:10: E106 referentiel:ci-sis.liens[0].url: adresse invalide (attendu une adresse http:// ou "
        "https:// sans espace, trouvé « example.org/test »)",
    ),
    (
        "duplicate id in a list file",
        lambda d: (d / "editions/2016/categories.yaml").open("a", encoding="utf-8").write(
            "- id: specifications\n  nom: Doublon\n  ordre: 3\n"),
        "editions/2016/categories.yaml:8:7: E201 categorie:specifications.id: identifiant déjà utilisé par une autre "
        "catégorie de référentiels (attendu un identifiant unique, trouvé « specifications » déjà défini en "
        "editions/2016/categories.yaml:4:3)",
    ),
    (
        "file name and id disagree",
        lambda d: edit(d, REF, "id: ci-sis", "id: cisis"),
        f"{REF}:1:5: E203 referentiel:cisis.id: l'identifiant doit être le nom du fichier (attendu « ci-sis », "
        "trouvé « cisis »)",
    ),
    (
        "misplaced file",
        lambda d: (d / "editions/2016/principe.yaml").write_text("id: x\n", encoding="utf-8"),
        "editions/2016/principe.yaml:1:1: E008 edition: fichier inattendu : son contenu serait ignoré ; "
        "vouliez-vous dire « principes/<id>.yaml » ?",
    ),
    (
        "YAML syntax error",
        lambda d: (d / "editions/2016/glossaire.yaml").write_text("- id: a\n  sigle: [ouvert\n", encoding="utf-8"),
        "editions/2016/glossaire.yaml:3:1: E003 fichier: YAML invalide : did not find expected ',' or ']'",
    ),
    (
        "empty file",
        lambda d: (d / "editions/2016/rubriques.yaml").write_text("# rien\n", encoding="utf-8"),
        "editions/2016/rubriques.yaml:1:1: E004 fichier: fichier vide (attendu un document YAML)",
    ),
    (
        "byte order mark",
        lambda d: (d / "editions/2016/familles.yaml").write_bytes(
            b"\xef\xbb\xbf- id: x\n  numero: 1\n  nom: n\n  perimetre_initial: true\n"),
        "editions/2016/familles.yaml:1:1: E002 fichier: marque d'ordre d'octets (BOM) en tête de fichier "
        "(attendu UTF-8 sans BOM, trouvé EF BB BF)",
    ),
    (
        "not UTF-8",
        lambda d: (d / "editions/2016/programmes.yaml").write_bytes("- id: a\n  nom: caf\xe9\n".encode("latin-1")),
        "editions/2016/programmes.yaml:2:11: E001 fichier: le fichier n'est pas encodé en UTF-8 (attendu UTF-8, "
        "trouvé octet 0xE9)",
    ),
    (
        "a list file holding a mapping",
        lambda d: (d / "editions/2016/evolutions.yaml").write_text("id: x\n", encoding="utf-8"),
        "editions/2016/evolutions.yaml:1:1: E006 evolution: le fichier doit contenir la liste des évolutions "
        "programmées (attendu une liste (« - id: … »), trouvé un objet)",
    ),
]


@pytest.mark.parametrize("corrupt, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_corruption_is_located_and_explained(
    data: Path, capsys: pytest.CaptureFixture[str], corrupt: Callable[[Path], None], expected: str
) -> None:
    corrupt(data)
    code, errors, _ = run(capsys)
    assert code == 1
    assert any(line.startswith(expected) for line in errors), "\n".join(errors)
    assert errors[-1] == f"Édition 2016 : {len(errors) - 1} erreur(s)."


def test_every_error_of_a_file_in_one_run(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A type error does not hide the broken reference or the duplicate key of the same file."""
    edit(data, REF, "statut: disponible", "statut: dispo")
    edit(data, REF, "acteurs: [industriels]", "acteurs: [industriel]")
    edit(data, REF, "categorie: specifications", "categorie: specification")
    edit(data, REF, "ordre: 1\n", "ordre: 1\nnom: Doublon\n")
    code, errors, _ = run(capsys)
    codes = sorted(line.split(": ")[1].split()[0] for line in errors[:-1])
    assert code == 1
    assert codes == ["E005", "E104", "E202", "E202"]
    assert errors[-1] == "Édition 2016 : 4 erreur(s)."


def test_errors_are_in_file_order(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(data, REF, "ordre: 1", "ordre: premier")
    edit(data, REF, "objectifs:", "objectif:")
    _, errors, _ = run(capsys)
    lines = [int(line.split(":")[1]) for line in errors[:-1]]
    assert lines == sorted(lines)


def test_console_script_reports_without_traceback(data: Path) -> None:
    (data / "editions/2016/glossaire.yaml").write_bytes(b"\xff\xfe- nope")
    (data / "editions/2016/familles.yaml").write_text("- id: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cadre.cli", "--data", ".", "validate"], capture_output=True,
                            text=True, cwd=data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "E001" in result.stderr and "E003" in result.stderr


def test_unknown_edition_is_an_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", ".", "validate", "--edition", "1999"]) == 1
    assert "édition 1999 introuvable" in capsys.readouterr().err
