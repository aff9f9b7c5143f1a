"""Publishing that never half-deploys and always says what happened, on the small fixture edition (2099).

A template project (the project files, tests/fixtures/site/data as data/, a git repository, 2099 published once)
is made per session; each test works on a copy of it (its warm .cache included, so a build takes seconds).

Kills: a publication is started in its own process group and killed at moments found by polling what it shows and
runs, not by any hook inside the code: when it announces the build or the gh-pages write (its own progress lines),
a little after, or while its PDF workers run. Killed with SIGKILL, as a whole group or the parent alone; after each
kill, gh-pages must be the previous state or the complete new one (never a root without index.html), no process
of the publication may survive it, and the repository must hold no stray file; the next publication must work and
remove the scratch folders left behind. SIGTERM and SIGINT must clean up at once, with a French message.
"""

from __future__ import annotations

import ctypes
import json
import os
import queue
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from publication import PROJECT_FILES, commit_all, git, isolated_env, set_status

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "site" / "data"
CHAPTER = "data/editions/2099/chapitres/annexe-generalites.yaml"


# --- running cadre --------------------------------------------------------------------------------------------


def cadre(project: Path, env: dict[str, str], *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", "data", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600, **options)


def publish(project: Path, env: dict[str, str], year: str = "2099", *extra: str, **options):
    return cadre(project, env, "publish", year, "--apercu-local", *extra, **options)


class Running:
    """A publication in its own process group, its output lines read as they come."""

    def __init__(self, project: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cadre.cli", "--data", "data", "publish", "2099", "--apercu-local"], cwd=project,
            env={**env, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.put(line)

    def wait_for_line(self, start: str, timeout: float = 300) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.process.poll() is None:
            try:
                line = self.lines.get(timeout=0.02)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith(start):
                return True
        return False

    def wait_for_workers(self, timeout: float = 300) -> bool:
        """True once the publication runs child processes of its own (the PDF workers)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.process.poll() is None:
            if len(group(self.process.pid)) >= 2:
                return True
            time.sleep(0.02)
        return False


def group(pgid: int) -> list[int]:
    """The live processes of a process group (from /proc: no dependency on procps)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def wait_group_gone(pgid: int, timeout: float = 15) -> list[int]:
    end = time.monotonic() + timeout
    while group(pgid) and time.monotonic() < end:
        time.sleep(0.05)
    return group(pgid)


# --- the branch -------------------------------------------------------------------------------------------------


def tip(project: Path) -> str:
    return subprocess.run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], cwd=project, capture_output=True,
                          text=True).stdout.strip()


def files(project: Path, ref: str = "gh-pages") -> set[str]:
    return set(git(project, "ls-tree", "-r", "--name-only", ref).splitlines())


def show(project: Path, path: str, ref: str = "gh-pages") -> str:
    return git(project, "show", f"{ref}:{path}")


def assert_complete(project: Path, ref: str = "gh-pages") -> dict[str, dict]:
    """What readers get is whole: root pages, every version's home, `latest` a copy of the newest published one."""
    present = files(project, ref)
    assert {"index.html", "404.html", "versions.json", ".nojekyll"} <= present, sorted(present)[:10]
    versions = {v["version"]: v for v in json.loads(show(project, "versions.json", ref))}
    for year in versions:
        assert f"{year}/index.html" in present and f"{year}/sitemap.xml" in present, year
    published = [y for y, v in versions.items() if v["properties"]["publiee"]]
    index = show(project, "index.html", ref)
    if published:
        newest = max(published)
        assert [y for y, v in versions.items() if v["aliases"] == ["latest"]] == [newest]
        assert git(project, "rev-parse", f"{ref}:latest") == git(project, "rev-parse", f"{ref}:{newest}")
        assert 'url=latest/"' in index
    else:
        assert not any(p.startswith("latest/") for p in present)
        assert f'url={max(versions)}/"' in index
    return versions


def change_data(project: Path, text: str) -> None:
    """A committed change of the edition, so that a publication that completes makes a new commit."""
    path = project / CHAPTER
    path.write_text(re.sub(r"^titre: .*$", f"titre: {text}", path.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")
    commit_all(project, text)


def add_edition(project: Path, year: str, statut: str) -> None:
    shutil.copytree(project / "data/editions/2099", project / f"data/editions/{year}")
    path = project / f"data/editions/{year}/edition.yaml"
    path.write_text(re.sub(r"^annee: .*$", f"annee: {year}", path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    set_status(project / "data", year, statut)
    commit_all(project, f"édition {year}")


def scratch(project: Path) -> list[str]:
    folder = project / ".cache" / "publication"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def clean(project: Path) -> str:
    return git(project, "status", "--porcelain", "--untracked-files=all", "--ignored=no")


# --- fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("modele")
    project = root / "projet"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, project / name)
    shutil.copytree(FIXTURE_DATA, project / "data")
    env = isolated_env(root)
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "projet")
    first = publish(project, env)
    assert first.returncode == 0, first.stderr
    return project, env


@pytest.fixture
def project(template: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    copy = tmp_path / "projet"
    shutil.copytree(template[0], copy, symlinks=True)
    return copy


@pytest.fixture
def env(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


# --- killed at any moment -----------------------------------------------------------------------------------------

KILLS = [  # (what is killed, when, how long after): the gh-pages write is timed first, then hit along its length
    ("groupe", "Construction", 0.5),
    ("parent", "travailleurs", 0.0),  # while the PDF workers run: they must die with it
    ("groupe", "Écriture", 0.3),  # fractions of the time the write takes, measured on this machine
    ("groupe", "Écriture", 0.8),
    ("parent", "Écriture", 0.6),
    ("parent", "Écriture", 0.95),
]


def _time_the_write(project: Path, env: dict[str, str]) -> float:
    """Seconds from « Écriture … » to « Édition … publiée » in a publication that runs to completion."""
    change_data(project, "Généralités fictives, mesure")
    running = Running(project, env)
    assert running.wait_for_line("Écriture")
    start = time.monotonic()
    assert running.wait_for_line("Édition 2099 publiée")
    seconds = time.monotonic() - start
    assert running.process.wait(timeout=300) == 0
    return seconds


def test_a_killed_publication_leaves_the_old_or_the_complete_new_branch(project: Path, env: dict[str, str]):
    write = _time_the_write(project, env)
    outcomes = []
    for number, (target, moment, fraction) in enumerate(KILLS, 1):
        before = tip(project)
        change_data(project, f"Généralités fictives, essai {number}")
        running = Running(project, env)
        reached = running.wait_for_workers() if moment == "travailleurs" else running.wait_for_line(moment)
        time.sleep(fraction * write if moment == "Écriture" else fraction)
        if target == "groupe":
            os.killpg(running.process.pid, signal.SIGKILL)
        else:
            running.process.kill()
        running.process.wait(timeout=60)
        survivors = wait_group_gone(running.process.pid)
        assert survivors == [], f"essai {number} : processus survivants {survivors}"
        after = tip(project)
        if after != before:  # the kill came after the one step that moves the branch: the new state is whole
            assert git(project, "rev-parse", f"{after}^").strip() == before
            head = git(project, "rev-parse", "--short", "HEAD").strip()
            assert f"depuis {head}" in git(project, "log", "-1", "--format=%s", after)
        assert_complete(project)
        assert clean(project) == "", f"essai {number} : fichiers laissés dans le dépôt"
        # at most the killed run's: each run removes those before it
        assert len(scratch(project)) <= 1, (number, scratch(project), outcomes)
        assert reached, f"essai {number} : « {moment} » n'a pas été vu"
        outcomes.append((target, moment, fraction, "nouvel état" if after != before else "état précédent"))
    print(f"écriture de gh-pages : {write:.2f} s", *outcomes, sep="\n")
    change_data(project, "Généralités fictives, après les essais")
    final = publish(project, env)
    assert final.returncode == 0, final.stderr
    assert final.stdout.splitlines()[-1].startswith("Édition 2099 publiée : version « 2099 » ; « latest » désigne "
                                                    "l'édition 2099 ; versions en ligne : 2099 (commit ")
    assert_complete(project)
    assert scratch(project) == []  # what the SIGKILLs left is removed by the next publication, and its own too
    assert clean(project) == ""
    assert not (project / git(project, "rev-parse", "--git-path", "refs/heads/gh-pages.lock").strip()).exists()


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_cleanly_and_say_so(project: Path, env: dict[str, str], signum: int, code: int):
    before = tip(project)
    change_data(project, "Généralités fictives, interrompues")
    running = Running(project, env)
    assert running.wait_for_line("Construction")
    time.sleep(1.0)
    running.process.send_signal(signum)  # the parent alone, as `kill` or a supervisor would
    _, err = running.process.communicate(timeout=120)
    assert running.process.returncode == code
    assert err.splitlines() == [f"Publication interrompue ({signal.Signals(signum).name}) : rien n'a été déployé, "
                                "la branche gh-pages n'a pas changé."]
    assert wait_group_gone(running.process.pid) == []
    assert tip(project) == before
    assert scratch(project) == []  # cleaned at once, not by the next run
    assert clean(project) == ""


# --- outcomes told truthfully -------------------------------------------------------------------------------------


def test_republishing_unchanged_is_a_success(project: Path, env: dict[str, str]):
    before = tip(project)
    again = publish(project, env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "Attention : Mentions légales à compléter dans mkdocs.yml (extra.mentions_legales) : editeur, adresse, "
        "directeur_publication, contact, hebergeur, hebergeur_adresse, hebergeur_telephone, licence (la page "
        "« Mentions légales » affiche « À compléter »).",
        "Construction de l'édition 2099 (mkdocs build --strict)…",
        "Écriture de la version 2099 sur gh-pages (un seul commit)…",
        "Édition 2099 : rien n'a changé, la branche gh-pages est déjà à jour (« latest » : 2099).",
    ]
    assert again.stderr == ""
    assert tip(project) == before


def test_a_draft_is_refused_with_the_way_forward(project: Path, env: dict[str, str]):
    before = tip(project)
    set_status(project / "data", "2099", "brouillon")
    commit_all(project, "brouillon")
    refused = publish(project, env)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Publication refusée : l'édition 2099 est un brouillon : on ne publie qu'une édition « en-concertation » "
        "(projet soumis à la concertation) ou « publiee » (adoptée). Changez « statut » dans "
        f"{project.resolve()}/data/editions/2099/edition.yaml, commitez, puis recommencez."]
    assert refused.stdout.splitlines() == [  # said first, whatever happens next (tests/test_rgaa_pages.py)
        "Attention : Mentions légales à compléter dans mkdocs.yml (extra.mentions_legales) : editeur, adresse, "
        "directeur_publication, contact, hebergeur, hebergeur_adresse, hebergeur_telephone, licence (la page "
        "« Mentions légales » affiche « À compléter »)."]
    assert tip(project) == before


def test_latest_is_never_a_draft_even_when_the_newest_is_set_back(project: Path, env: dict[str, str]):
    add_edition(project, "2100", "publiee")
    adopted = publish(project, env, "2100")
    assert adopted.returncode == 0, adopted.stderr
    assert "« latest » désigne l'édition 2100 ; versions en ligne : 2099, 2100" in adopted.stdout
    assert assert_complete(project)["2100"]["aliases"] == ["latest"]
    set_status(project / "data", "2100", "en-concertation")
    commit_all(project, "2100 revient en concertation")
    back = publish(project, env, "2100")
    assert back.returncode == 0, back.stderr
    assert back.stdout.splitlines()[-1].startswith(
        "Édition 2100 publiée : version « 2100 (projet, en concertation) » ; « latest » désigne l'édition 2099 ; "
        "versions en ligne : 2099, 2100 (commit ")
    versions = assert_complete(project)  # latest is 2099 again, a copy of it
    assert versions["2100"]["aliases"] == [] and versions["2100"]["properties"] == {"publiee": False}
    assert "Projet en concertation" in show(project, "2100/index.html")
    assert "Projet en concertation" not in show(project, "latest/index.html")


def test_uncommitted_changes_are_refused_unless_asked_and_then_named(project: Path, env: dict[str, str]):
    before = tip(project)
    path = project / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").replace("Généralités fictives", "Généralités modifiées"),
                    encoding="utf-8")
    refused = publish(project, env)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"Publication refusée : le dossier de travail diffère du dernier commit (1 fichier(s) : {CHAPTER}) : la "
        "publication nommerait un commit qui n'est pas ce qui est publié. Commitez d'abord, ou ajoutez --non-commite "
        "pour publier quand même (le message de publication le dira)."]
    assert tip(project) == before
    asked = publish(project, env, "2099", "--non-commite")
    assert asked.returncode == 0, asked.stderr
    head = git(project, "rev-parse", "--short", "HEAD").strip()
    assert git(project, "log", "-1", "--format=%s", "gh-pages").strip() == (
        f"Publication de l'édition 2099 (publiée) depuis {head} avec des modifications non commitées "
        f"(1 fichier(s) : {CHAPTER})")
    assert "Généralités modifiées" in show(project, "2099/textes/annexe-generalites/index.html")


def test_the_local_preview_address_is_refused_unless_asked(project: Path, env: dict[str, str]):
    config = project / "mkdocs.yml"  # the address of `cadre serve`, written as a preview would
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: http://localhost:8000/\n", encoding="utf-8")
    commit_all(project, "adresse de l'aperçu local")
    refused = cadre(project, env, "publish", "2099")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Publication refusée : l'adresse du site (site_url dans mkdocs.yml) est « http://localhost:8000/ », "
        "l'adresse de l'aperçu local : les liens canoniques, les flux et les PDF la porteraient. Renseignez "
        "l'adresse publique, ou ajoutez --apercu-local pour une publication destinée à cette machine."]


# --- where the branch starts from ---------------------------------------------------------------------------------


def _bare_remote(project: Path, tmp_path: Path) -> Path:
    bare = tmp_path / "origine.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(project, "remote", "add", "origin", str(bare))
    git(project, "push", "-q", "origin", "main", "gh-pages")
    return bare


def test_a_clone_without_local_gh_pages_starts_from_origin(project: Path, env: dict[str, str], tmp_path: Path):
    bare = _bare_remote(project, tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(bare), str(clone)], check=True, env=env)
    shutil.copytree(project / ".cache", clone / ".cache")  # a warm cache, as on the machine that published
    assert tip(clone) == "" and git(clone, "rev-parse", "origin/gh-pages").strip() == tip(project)
    add_edition(clone, "2100", "en-concertation")
    result = publish(clone, env, "2100")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "Édition 2100 publiée : version « 2100 (projet, en concertation) » ; « latest » désigne l'édition 2099 ; "
        "versions en ligne : 2099, 2100 (commit ")
    assert result.stdout.rstrip().endswith("sur gh-pages ; la branche locale part de origin/gh-pages).")
    assert git(clone, "rev-parse", "gh-pages^").strip() == tip(project)  # on top of what was online
    assert set(assert_complete(clone)) == {"2099", "2100"}


def test_a_diverged_origin_is_refused_before_building(project: Path, env: dict[str, str], tmp_path: Path):
    _bare_remote(project, tmp_path)
    old = tip(project)
    tree = f"{old}^{{tree}}"
    who = ("-c", "user.name=Test", "-c", "user.email=test@localhost")
    elsewhere = git(project, *who, "commit-tree", tree, "-p", old, "-m", "publié d'un autre poste").strip()
    git(project, "push", "-q", "origin", f"{elsewhere}:refs/heads/gh-pages")
    git(project, "fetch", "-q", "origin")
    here = git(project, *who, "commit-tree", tree, "-p", old, "-m", "publié ici").strip()
    git(project, "update-ref", "refs/heads/gh-pages", here)
    refused = publish(project, env)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Publication refusée : les branches gh-pages (1 commit(s) absents de origin/gh-pages) et origin/gh-pages "
        "(1 commit(s) absents de gh-pages) ont divergé : publier sur l'une perdrait les versions de l'autre. "
        "Réconciliez-les d'abord (git fetch origin, puis fusionner, ou garder l'une avec « git branch -f gh-pages "
        "origin/gh-pages »), puis republiez."]
    assert "Construction" not in refused.stdout and tip(project) == here


# --- a repository or cache that cannot be written -----------------------------------------------------------------


def _without_override() -> None:
    """Run by the child before it starts: as root, file permissions do not apply; drop the capabilities that
    bypass them (gone from the bounding set, they are gone once the child executes Python)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_a_read_only_repository_is_answered_in_french(project: Path, env: dict[str, str]):
    before = tip(project)
    change_data(project, "Généralités fictives, dépôt en lecture seule")
    _read_only(project / ".git")
    try:
        refused = publish(project, env, preexec_fn=_without_override)
    finally:
        _writable(project / ".git")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    [line] = refused.stderr.splitlines()
    assert re.fullmatch(r"Publication refusée : « git [^»]+ » a échoué : le dépôt git \(\.git\) n'est pas accessible "
                        r"en écriture ; .+ ; la branche gh-pages n'a pas changé\.", line), line
    assert tip(project) == before and scratch(project) == []


def test_a_read_only_cache_is_answered_in_french(project: Path, env: dict[str, str]):
    (project / ".cache" / "publication").mkdir(exist_ok=True)
    _read_only(project / ".cache")
    try:
        refused = publish(project, env, preexec_fn=_without_override)
    finally:
        _writable(project / ".cache")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"Publication refusée : écriture impossible (permission refusée : {project.resolve()}/.cache/publication) ; "
        "rien n'a été déployé, la branche gh-pages n'a pas changé."]


# --- serving --------------------------------------------------------------------------------------------------------


def test_serve_on_a_busy_port_fails_before_announcing_anything(project: Path, env: dict[str, str]):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cadre(project, env, "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"cadre serve : le port {port} est déjà utilisé : choisissez-en un autre "
                                          "avec --port"]


def test_cadre_liens_checks_the_whole_published_tree_and_one_version_in_it(project: Path, env: dict[str, str],
                                                                             tmp_path: Path):
    tree = tmp_path / "gh-pages"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    whole = cadre(project, env, "liens", str(tree))
    assert whole.returncode == 0, whole.stdout
    assert whole.stdout.splitlines()[-1].startswith("0 lien(s) interne(s) ou adresse(s) en défaut ; ")
    version = cadre(project, env, "liens", str(tree / "2099"))
    assert version.returncode == 0, version.stdout
    assert "autres versions" not in version.stdout  # inside the tree, ../latest/ is checked, not set apart
    (tree / "latest").rename(tmp_path / "ailleurs")  # now the banner's ../latest/ links are truly broken
    broken = cadre(project, env, "liens", str(tree / "2099"))
    assert broken.returncode == 1
    assert re.search(r"^2099/\S+\.html: (\.\./)+latest/\S* — cible introuvable$", broken.stdout, flags=re.M)
