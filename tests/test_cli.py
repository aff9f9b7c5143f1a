"""Every command-line mistake is answered in French, with the documented exit code, never with a traceback.

Exit codes: 0 success, 1 data or publication refused or failed (or a system refusal, or a defect of the tool),
2 usage mistake, 130/143 interrupted (tests/test_publication_robustness.py). `main()` runs in this process for the
table (fast); a few cases run `cadre` as a real process (exit status, closed pipe, traceback). DATA is a copy of
tests/fixtures/validation/good (edition 2016 only), the working directory.

| # | command | exit | what is said (on stderr unless noted) |
|---|---|---|---|
| 1 | `cadre` | 2 | the help, on stdout (« utilisation : cadre … ») |
| 2 | `cadre frobnicate` | 2 | argument COMMANDE : choix invalide : « frobnicate » (choisir parmi « validate », …) |
| 3 | `cadre validate --inconnu` | 2 | argument(s) non reconnu(s) : --inconnu |
| 4 | `cadre --data` | 2 | argument --data : une valeur est attendue après cette option |
| 5 | `cadre validate --edition` | 2 | argument --edition : une valeur est attendue après cette option |
| 6 | `cadre validate --edition 16` | 2 | argument --edition : année d'édition invalide : « 16 » (attendu : …) |
| 7 | `cadre publish` | 2 | argument(s) obligatoire(s) manquant(s) : ANNEE |
| 8 | `cadre publish 2016/` | 2 | argument ANNEE : année d'édition invalide : « 2016/ » … |
| 9 | `cadre publish ２０１６` (full-width) | 2 | argument ANNEE : année d'édition invalide : « ２０１６ » … |
| 10 | `cadre publish 2016 --projet /inexistant` | 2 | argument --projet : dossier introuvable : « /inexistant » |
| 11 | `cadre publish 2016 --projet DOSSIER` (no mkdocs.yml) | 2 | … n'est pas le dossier du projet : mkdocs.yml y |
|    |                                                      |   | est introuvable (also without --projet, elsewhere) |
| 12 | `cadre diff 2016` | 2 | argument(s) obligatoire(s) manquant(s) : NOUVELLE |
| 13 | `cadre diff 2016 2017 --format xml` | 2 | argument --format : choix invalide : « xml » (choisir parmi …) |
| 14 | `cadre serve --port abc` | 2 | argument --port : port invalide : « abc » (attendu : un nombre de 1 à 65535…) |
| 15 | `cadre serve --port 70000` | 2 | argument --port : port invalide : « 70000 » … |
| 16 | `cadre liens /inexistant` | 2 | argument SITE : dossier introuvable : « /inexistant » |
| 17 | `cadre liens FICHIER` | 2 | argument SITE : « FICHIER » n'est pas un dossier |
| 18 | `cadre liens DOSSIER_VIDE` | 1 | cadre liens : aucune page HTML dans … : est-ce bien un site construit ? |
| 19 | `cadre --data /inexistant validate` | 1 | cadre : aucune édition trouvée dans /inexistant/editions |
| 20 | `cadre validate --edition 1999` | 1 | cadre : édition 1999 introuvable (editions/1999) |
| 21 | `cadre diff 2016 1999` | 1 | cadre : édition 1999 introuvable (editions/1999) |
| 22 | `cadre new-edition 2016` | 1 | cadre : l'édition 2016 existe déjà (editions/2016) : elle n'est pas modifiée |
| 23 | `cadre new-edition 2015` | 1 | cadre : l'année 2015 doit être postérieure à la dernière édition (2016) |
| 24 | `cadre export-docs X --edition 1999` | 1 | cadre : édition 1999 introuvable dans editions (éditions : 2016) |
| 25 | `cadre publish 2016 --projet DOSSIER` (no git) | 1 | Publication refusée : … n'est pas un dépôt git … |
| 26 | `cadre serve --port N` (N busy) | 1 | cadre serve : le port N est déjà utilisé : choisissez-en un autre … |
| 27 | `cadre schema --schemas FICHIER/sous` | 1 | cadre : opération impossible (n'est pas un dossier : FICHIER/sous) |
| 28 | `cadre validate` into a closed pipe (`| head`) | 1 | nothing at all |
| 29 | a defect of the tool (exception) | 1 | cadre : erreur inattendue (…) : RuntimeError : … (--debug : traceback) |
| 30 | SIGTERM, Ctrl+C during `cadre publish` | 143, 130 | Publication interrompue (SIGTERM) : rien n'a été déployé, … |
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import cadre.cli.validate
from cadre.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validation" / "good"
COMMANDS = ("« validate », « schema », « new-edition », « diff », « publish », « serve », « liens », « export-docs », "
            "« recherche », « evaluation »")
YEAR = "(attendu : quatre chiffres, ex. 2016)"
PORT = "(attendu : un nombre de 1 à 65535, ex. 8000)"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(GOOD, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    (tmp_path / "fichier").write_text("rien", encoding="utf-8")
    (tmp_path / "vide").mkdir()
    (tmp_path / "sans-projet").mkdir()
    (tmp_path / "sans-git").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "sans-git" / "mkdocs.yml")
    return tmp_path / "data"


# (number, arguments with {t} for the temporary folder, exit code, last line of stderr)
CASES: list[tuple[int, list[str], int, str]] = [
    (2, ["frobnicate"], 2, f"cadre : erreur : argument COMMANDE : choix invalide : « frobnicate » (choisir parmi "
                           f"{COMMANDS})"),
    (3, ["validate", "--inconnu"], 2, "cadre : erreur : argument(s) non reconnu(s) : --inconnu"),
    (4, ["--data"], 2, "cadre : erreur : argument --data : une valeur est attendue après cette option"),
    (5, ["validate", "--edition"], 2, "cadre validate : erreur : argument --edition : une valeur est attendue après "
                                      "cette option"),
    (6, ["validate", "--edition", "16"], 2, "cadre validate : erreur : argument --edition : année d'édition "
                                            f"invalide : « 16 » {YEAR}"),
    (7, ["publish"], 2, "cadre publish : erreur : argument(s) obligatoire(s) manquant(s) : ANNEE"),
    (11, ["publish", "2016"], 2, "cadre publish : erreur : le dossier courant n'est pas le dossier du projet "
     "(mkdocs.yml introuvable) : lancez la commande depuis le projet ou indiquez-le avec --projet"),
    (8, ["publish", "2016/"], 2, f"cadre publish : erreur : argument ANNEE : année d'édition invalide : « 2016/ » "
                                 f"{YEAR}"),
    (9, ["publish", "２０１６"], 2, "cadre publish : erreur : argument ANNEE : année d'édition invalide : « ２０１６ » "
                                  f"{YEAR}"),
    (10, ["publish", "2016", "--projet", "/inexistant"], 2, "cadre publish : erreur : argument --projet : dossier "
                                                            "introuvable : « /inexistant »"),
    (11, ["publish", "2016", "--projet", "{t}/sans-projet"], 2, "cadre publish : erreur : argument --projet : "
     "« {t}/sans-projet » n'est pas le dossier du projet : mkdocs.yml y est introuvable"),
    (12, ["diff", "2016"], 2, "cadre diff : erreur : argument(s) obligatoire(s) manquant(s) : NOUVELLE"),
    (13, ["diff", "2016", "2017", "--format", "xml"], 2, "cadre diff : erreur : argument --format : choix invalide : "
                                                         "« xml » (choisir parmi « texte », « json »)"),
    (14, ["serve", "--port", "abc"], 2, f"cadre serve : erreur : argument --port : port invalide : « abc » {PORT}"),
    (15, ["serve", "--port", "70000"], 2, f"cadre serve : erreur : argument --port : port invalide : « 70000 » {PORT}"),
    (16, ["liens", "/inexistant"], 2, "cadre liens : erreur : argument SITE : dossier introuvable : « /inexistant »"),
    (17, ["liens", "{t}/fichier"], 2, "cadre liens : erreur : argument SITE : « {t}/fichier » n'est pas un dossier"),
    (18, ["liens", "{t}/vide"], 1, "cadre liens : aucune page HTML dans {t}/vide : est-ce bien un site construit ?"),
    (19, ["--data", "/inexistant", "validate"], 1, "cadre : aucune édition trouvée dans /inexistant/editions"),
    (20, ["validate", "--edition", "1999"], 1, "cadre : édition 1999 introuvable (editions/1999)"),
    (21, ["diff", "2016", "1999"], 1, "cadre : édition 1999 introuvable (editions/1999)"),
    (22, ["new-edition", "2016"], 1, "cadre : l'édition 2016 existe déjà (editions/2016) : elle n'est pas modifiée"),
    (23, ["new-edition", "2015"], 1, "cadre : l'année 2015 doit être postérieure à la dernière édition (2016)"),
    (24, ["export-docs", "{t}/sortie", "--edition", "1999", "--projet", str(ROOT)], 1,
     "cadre : édition 1999 introuvable dans editions (éditions : 2016)"),
    (25, ["publish", "2016", "--projet", "{t}/sans-git"], 1, "Publication refusée : {t}/sans-git n'est pas un dépôt "
     "git avec au moins un commit : la publication écrit les versions du site dans la branche gh-pages de ce dépôt "
     "(git init, git add ., git commit, puis recommencer)."),
    (27, ["schema", "--schemas", "{t}/fichier/sous"], 1, "cadre : opération impossible (n'est pas un dossier : "
                                                         "{t}/fichier/sous)."),
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    code = main(["--data", ".", *argv] if argv[:1] != ["--data"] else argv)
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


@pytest.mark.parametrize("number, argv, code, message", CASES, ids=[str(c[0]) for c in CASES])
def test_each_mistake_is_answered_in_french_with_its_exit_code(
    data: Path, capsys: pytest.CaptureFixture[str], number: int, argv: list[str], code: int, message: str
) -> None:
    t = str(data.parent.resolve())
    got, out, err = run([a.replace("{t}", t) for a in argv], capsys)
    assert (got, err[-1]) == (code, message.replace("{t}", t)), "\n".join(err)
    assert not any("Traceback" in line or "error:" in line or "usage:" in line for line in err)
    if code == 2 and argv != ["publish", "2016"]:  # argparse's own mistakes come after the usage line
        assert err[0].startswith("utilisation : cadre")


def test_no_command_prints_the_french_help(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([], capsys)
    assert code == 2 and err == []
    assert out.startswith("utilisation : cadre [-h] [--data DATA] [--debug] COMMANDE ...\n")
    assert "\noptions :\n" in out and "\ncommandes :\n" in out and "Codes de sortie : 0 succès" in out


def test_a_busy_port_is_refused_before_anything_is_announced(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run(["serve", "--port", str(port), "--projet", str(ROOT)], capsys)
    assert (code, out, err) == (1, "", [f"cadre serve : le port {port} est déjà utilisé : choisissez-en un autre "
                                        "avec --port"])


def _child(data: Path, *argv: str, **options) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("CADRE_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "cadre.cli", "--data", ".", *argv], cwd=data, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def test_a_closed_pipe_ends_the_command_quietly(data: Path) -> None:
    child = _child(data, "validate")
    child.stdout.close()  # type: ignore[union-attr] - like `| head` that has read what it wanted
    err = child.stderr.read()  # type: ignore[union-attr]
    assert child.wait(timeout=60) == 1
    assert err == ""


def test_a_usage_mistake_exits_2_from_a_real_process(data: Path) -> None:
    out, err = _child(data, "publish", "2016/").communicate(timeout=60)
    assert err.splitlines()[-1] == f"cadre publish : erreur : argument ANNEE : année d'édition invalide : « 2016/ » " \
                                   f"{YEAR}"
    assert "Traceback" not in err and out == ""


def _boom(_args: object) -> int:
    raise RuntimeError("boum")


@pytest.mark.parametrize("debug", [False, True])
def test_a_defect_of_the_tool_is_one_french_line_and_its_detail_on_demand(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    monkeypatch.setattr(cadre.cli.validate, "run", _boom)
    monkeypatch.delenv("CADRE_DEBUG", raising=False)
    code, out, err = run(["--debug", "validate"] if debug else ["validate"], capsys)
    line = _boom.__code__.co_firstlineno + 1
    assert code == 1 and out == ""
    assert err[-1] == (f"cadre : erreur inattendue (test_cli.py:{line}) : RuntimeError : boum. C'est un défaut de "
                       "l'outil, pas de vos données : relancez avec --debug pour le détail et signalez-le.")
    assert (err[0] == "Traceback (most recent call last):") is debug
    assert len(err) > 1 if debug else len(err) == 1

