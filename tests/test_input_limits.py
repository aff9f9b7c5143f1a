"""Input limits: data that could hang, exhaust memory, crash or reach outside the repository is a located error.

Each case corrupts a copy of the small validation fixture and checks the exact line `cadre validate` prints
(`path:line:col: CODE entity.field: message (attendu …, trouvé …)`). The dangerous inputs (alias bomb, /dev/zero,
named pipe, deep nesting) run `cadre` in a child process with a timeout: a regression hangs the child, not the
test session, and is reported as such. Limits (README, « Codes d'erreur »): E009 anchors and aliases, E010 nesting
deeper than 32, E011 files over 10 Mio, E012 links and special files, E107 names over 1 000 characters and texts
over 50 000, addresses over 2 000, E108 Markdown images, E302 edition folders not named by four ASCII digits.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre.cli import main

GOOD = Path(__file__).parent / "fixtures" / "validation" / "good"
ED = "editions/2016"
REF = f"{ED}/referentiels/ci-sis.yaml"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(GOOD, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    return tmp_path / "data"


def validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--data", ".", "validate"])
    return code, [line for line in capsys.readouterr().err.splitlines() if line]


def validate_in_child(data: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """`cadre validate` in a child process: a hang or a blow-up stays there (and fails the test by its timeout)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    try:
        return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", ".", "validate"], cwd=data, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"cadre validate ne répond pas en {timeout} s")


def replace(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def link_outside(data: Path, rel: str) -> None:
    """The data file becomes a link to a file outside the data (and outside any repository)."""
    outside = data.parent / "ailleurs.yaml"
    (data / rel).replace(outside)
    (data / rel).symlink_to(outside)


def alias_bomb() -> str:
    """The classic « billion laughs »: 9 levels of 10 aliases, about 700 bytes, 10⁹ strings once expanded."""
    lines = ["- &a0 [" + ", ".join(['"ha ha ha ha"'] * 10) + "]"]
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def test_the_alias_bomb_is_refused_at_its_first_anchor(data: Path) -> None:
    bomb = alias_bomb()
    assert 600 <= len(bomb.encode()) <= 800
    (data / ED / "programmes.yaml").write_text(bomb, encoding="utf-8")
    result = validate_in_child(data, timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{ED}/programmes.yaml:1:3: E009 fichier: ancres et alias YAML refusés : chaque valeur s'écrit en entier là "
        "où elle sert (attendu une valeur écrite en entier, trouvé « &a0 »)",
        "Édition 2016 : 1 erreur(s).",
    ]


def _deep(levels: int) -> str:
    return "nom: Référentiel de test\nliste: " + "[" * levels + "x" + "]" * levels + "\n"


def test_deep_nesting_stops_at_the_limit_without_recursion(data: Path) -> None:
    # 100 000 levels: far beyond Python's recursion limit and any C stack a recursive reader would need
    (data / REF).write_text(_deep(100_000), encoding="utf-8")
    result = validate_in_child(data)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{REF}:2:39: E010 fichier.liste{'[0]' * 31}: imbrication trop profonde (plus de 32 niveaux de listes et "
        "d'objets) (attendu au plus 32 niveaux, trouvé 33 niveaux)")


def test_a_link_to_dev_zero_and_a_named_pipe_are_refused_without_being_read(data: Path) -> None:
    (data / ED / "glossaire.yaml").symlink_to("/dev/zero")
    os.mkfifo(data / ED / "programmes.yaml")
    result = validate_in_child(data, timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{ED}/glossaire.yaml:1:1: E012 edition: lien symbolique refusé : les données ne sont lues que dans des "
        "fichiers ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier "
        "ordinaire, trouvé « glossaire.yaml » → « /dev/zero »)",
        f"{ED}/programmes.yaml:1:1: E012 edition: tube nommé (FIFO) refusé : les données ne sont lues que dans des "
        "fichiers ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier "
        "ordinaire, trouvé « programmes.yaml »)",
        "Édition 2016 : 2 erreur(s).",
    ]


def test_a_linked_edition_folder_is_never_walked_through(data: Path) -> None:
    (data / "editions" / "2017").symlink_to("/")  # walked, it would read the whole machine
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-m", "cadre.cli", "--data", ".", "validate", "--edition", "2017"],
                            cwd=data, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "editions/2017:1:1: E012 edition: lien symbolique refusé : les données ne sont lues que dans des fichiers "
        "ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier ordinaire, "
        "trouvé « 2017 » → « / »)"]


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "an anchor alone",
        lambda d: replace(d, REF, "ordre: 1", "ordre: &premier 1"),
        f"{REF}:5:8: E009 fichier: ancres et alias YAML refusés : chaque valeur s'écrit en entier là où elle sert "
        "(attendu une valeur écrite en entier, trouvé « &premier »)",
    ),
    (
        "an alias to an anchor defined nowhere",
        lambda d: replace(d, REF, "contenu: Contenu de test.", "contenu: *ailleurs"),
        f"{REF}:7:10: E009 fichier: ancres et alias YAML refusés : chaque valeur s'écrit en entier là où elle sert "
        "(attendu une valeur écrite en entier, trouvé « *ailleurs »)",
    ),
    (
        "a merge key needs an alias",
        lambda d: replace(d, REF, "ordre: 1\n", "ordre: 1\ndisponibilite2: &d {statut: x}\n"),
        f"{REF}:6:17: E009 fichier: ancres et alias YAML refusés : chaque valeur s'écrit en entier là où elle sert "
        "(attendu une valeur écrite en entier, trouvé « &d »)",
    ),
    (
        "nesting one level too deep",
        lambda d: replace(d, REF, "ordre: 1\n", "ordre: 1\nx: " + "[" * 33 + "]" * 33 + "\n"),
        f"{REF}:6:35: E010 fichier.x{'[0]' * 31}: imbrication trop profonde (plus de 32 niveaux de listes et "
        "d'objets) (attendu au plus 32 niveaux, trouvé 33 niveaux)",
    ),
    (
        "a file over 10 Mio",
        lambda d: (d / ED / "programmes.yaml").write_bytes(b"#" + b"x" * (10 * 1024 * 1024 - 1) + b"\n"),
        f"{ED}/programmes.yaml:1:1: E011 fichier: fichier trop volumineux (attendu au plus 10 Mio, trouvé "
        "10485761 octets)",
    ),
    (
        "a data file linked from outside the repository",
        lambda d: link_outside(d, REF),
        f"{REF}:1:1: E012 edition: lien symbolique refusé : les données ne sont lues que dans des fichiers "
        "ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier ordinaire, "
        "trouvé « referentiels/ci-sis.yaml » → « ",
    ),
    (
        "a linked folder inside the edition",
        lambda d: (d / ED / "socle").symlink_to(d / ED / "acteurs"),
        f"{ED}/socle:1:1: E012 edition: lien symbolique refusé : les données ne sont lues que dans des fichiers "
        "ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier ordinaire, "
        "trouvé « socle » → « ",
    ),
    (
        "a linked edition folder",
        lambda d: (d / "editions" / "2017").symlink_to(d / ED),
        "editions/2017:1:1: E012 edition: lien symbolique refusé : les données ne sont lues que dans des fichiers "
        "ordinaires, sans suivre de lien (mettre le fichier lui-même à cette place) (attendu un fichier ordinaire, "
        "trouvé « 2017 » → « ",
    ),
    (
        "full-width digits as edition folder",
        lambda d: shutil.copytree(d / ED, d / "editions" / "２０１７"),
        "editions/２０１７:1:1: E302 edition: dossier d'édition mal nommé : il serait ignoré ; vouliez-vous dire "
        "« 2017 » ? (attendu un dossier nommé par l'année en quatre chiffres ASCII (ex. 2017), trouvé « ２０１７ » "
        "(U+FF12 U+FF10 U+FF11 U+FF17))",
    ),
    (
        "a trailing space in the edition folder",
        lambda d: shutil.copytree(d / ED, d / "editions" / "2017 "),
        "editions/2017 :1:1: E302 edition: dossier d'édition mal nommé : il serait ignoré ; vouliez-vous dire "
        "« 2017 » ? (attendu un dossier nommé par l'année en quatre chiffres ASCII (ex. 2017), trouvé « 2017  » "
        "(U+0032 U+0030 U+0031 U+0037 U+0020))",
    ),
    (
        "a name over 1 000 characters",
        lambda d: replace(d, REF, "nom: Référentiel de test", "nom: " + "N" * 1001),
        f"{REF}:2:6: E107 referentiel:ci-sis.nom: texte trop long pour ce champ (attendu au plus 1 000 caractères, "
        "trouvé 1001 caractères : « NNNNNNNNNNNNNNNNNNNNNNNNNNNNNN… »)",
    ),
    (
        "a text over 50 000 characters",
        lambda d: replace(d, REF, "contenu: Contenu de test.", "contenu: " + "mot " * 12_500 + "fin"),
        f"{REF}:7:10: E107 referentiel:ci-sis.contenu: texte trop long pour ce champ (attendu au plus 50 000 "
        "caractères, trouvé 50003 caractères : « mot mot mot mot mot mot mot mo… »)",
    ),
    (
        "an address over 2 000 characters",
        lambda d: replace(d, REF, "https://example.org/test", "https://example.org/" + "a" * 2000),
        f"{REF}:20:10: E107 referentiel:ci-sis.liens[0].url: texte trop long pour ce champ (attendu au plus 2 000 "
        "caractères, trouvé 2020 caractères : « https://example.org/aaaaaaaaaa… »)",
    ),
    (
        "an image in a text",
        lambda d: replace(d, REF, "contenu: Contenu de test.", "contenu: Voir ![schéma](https://ailleurs.example/x.png)"),
        f"{REF}:7:10: E108 referentiel:ci-sis.contenu: image refusée : le site n'affiche aucune image venue des "
        "données (décrire la figure en texte, ou écrire « \\![ » pour un point d'exclamation suivi d'un crochet) "
        "(attendu un texte sans image Markdown, trouvé « ![schéma] »)",
    ),
    (
        "a reference-style image in a nested text",
        lambda d: replace(d, REF, "texte: Les industriels.", "texte: \"![logo][l]\\n\\n[l]: file:///etc/passwd\""),
        f"{REF}:17:10: E108 referentiel:ci-sis.destinataires.texte: image refusée : le site n'affiche aucune image "
        "venue des données (décrire la figure en texte, ou écrire « \\![ » pour un point d'exclamation suivi d'un "
        "crochet) (attendu un texte sans image Markdown, trouvé « ![logo] »)",
    ),
    (
        "an image in a name",
        lambda d: replace(d, f"{ED}/acteurs/industriels.yaml", "nom: Les industriels", "nom: Les ![x](y) industriels"),
        f"{ED}/acteurs/industriels.yaml:2:6: E108 acteur:industriels.nom: image refusée",
    ),
]


@pytest.mark.parametrize("corrupt, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_limit_is_a_located_error(data: Path, capsys: pytest.CaptureFixture[str],
                                       corrupt: Callable[[Path], None], expected: str) -> None:
    corrupt(data)
    code, errors = validate(capsys)
    assert code == 1
    assert any(line.startswith(expected) for line in errors), "\n".join(errors)


def test_every_limit_in_one_run_with_the_other_errors(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One run reports every file's problem: a refused file does not hide the others, nor the usual errors."""
    (data / ED / "programmes.yaml").write_text(alias_bomb(), encoding="utf-8")
    (data / ED / "glossaire.yaml").symlink_to("/dev/zero")
    (data / ED / "evolutions.yaml").write_text("x: " + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    shutil.copytree(data / ED, data / "editions" / "２０１７", symlinks=True)
    replace(data, REF, "nom: Référentiel de test", "nom: " + "N" * 1001)
    replace(data, REF, "contenu: Contenu de test.", "contenu: Voir ![x](y)")
    replace(data, REF, "statut: disponible", "statut: dispo")
    code, errors = validate(capsys)
    codes = sorted(line.split(": ")[1].split()[0] for line in errors[:-1] if line.startswith(ED))
    assert code == 1
    assert codes == ["E009", "E010", "E012", "E104", "E107", "E108"]
    assert errors[0].startswith("editions/２０１７:1:1: E302 ")
    assert errors[-1] == "Édition 2016 : 6 erreur(s)."


def test_hidden_links_are_not_data(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's lock file (Emacs writes `.#name` as a dangling link) is neither read nor an error."""
    (data / ED / "referentiels" / ".#ci-sis.yaml").symlink_to("root@machine.1234:1700000000")
    assert validate(capsys) == (0, [])


def test_the_real_data_is_far_within_every_limit() -> None:
    """The limits were chosen from the real data with a wide margin: keep them so as the data grows."""
    import yaml

    from cadre.model import NOM_MAX, TEXTE_MAX
    from cadre.model.kinds import KINDS

    longest: dict[str, int] = {}

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            longest[key] = max(longest.get(key, 0), len(value))

    files = sorted((ROOT / "data" / "editions").rglob("*.yaml"))
    assert files and KINDS
    for path in files:
        assert path.stat().st_size * 50 < 10 * 1024 * 1024, path
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")
    names = ("nom", "titre", "sigle", "lettre", "numero", "role", "ligne", "section")
    assert max(longest.get(k, 0) for k in names) * 4 < NOM_MAX
    assert max(longest.values()) * 5 < TEXTE_MAX
