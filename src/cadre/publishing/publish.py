"""Publishing an edition as a version of the site with mike (https://github.com/jimporter/mike).

Order of operations, so that a failure never leaves a half-deployed version:
1. validate the edition: an invalid edition is refused with every error; nothing is built;
2. build it with `mkdocs build --strict` into a temporary folder (a broken page or link stops here);
3. only if the build succeeded, mike writes that very folder to the gh-pages branch as version YEAR, in one git
   commit (the branch moves only once the commit is complete);
4. for the newest published edition, move the `latest` alias and make it the default version.

Steps 2-3 are `mike deploy` with one change: the build is strict and happens once. `mike deploy` alone builds
without --strict; a strict check followed by mike's own build doubled the time of every publication. So we run
mike's own deploy steps (`mike.commands.deploy`, as its command line does) around our strict build.
Only the version being published is written: other versions' files on gh-pages are left as they are.
mike and mkdocs run in a child process: the domain package never imports MkDocs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cadre.editions.catalogue import edition_status, newest_published
from cadre.loading.knowledge import load_knowledge_base

BRANCH = "gh-pages"
LATEST = "latest"
# Used only when git has no identity configured, and only for the commits mike makes on gh-pages.
DEFAULT_IDENTITY = {"name": "Publication du cadre commun", "email": "cadre-publish@localhost"}


class PublishError(Exception):
    """Publication refused or failed; nothing was deployed. The message is French and says what to do."""


@dataclass(frozen=True)
class Plan:
    annee: str
    titre: str  # shown in the version selector
    aliases: list[str] = field(default_factory=list)
    defaut: bool = False  # make `latest` the default version (root of the site redirects to it)


def plan(data_dir: Path, year: str) -> Plan:
    """What publishing `year` does: a published edition that is the newest published one becomes `latest`."""
    status = edition_status(data_dir, year)
    if not status.publiee:
        return Plan(year, f"{year} (projet, {status.libelle_statut})")
    newest = newest_published(data_dir)
    becomes_latest = newest is not None and int(year) >= int(newest)
    return Plan(year, year, [LATEST] if becomes_latest else [], becomes_latest)


def publish(project_dir: Path, data_dir: Path, year: str, log: Callable[[str], None] = print) -> Plan:
    project_dir, data_dir = project_dir.resolve(), data_dir.resolve()
    load_knowledge_base(data_dir, year)  # raises InvalidEdition with every error: nothing built, nothing deployed
    check_repository(project_dir)
    chosen = plan(data_dir, year)
    log(f"Construction (mkdocs build --strict) et déploiement de la version {year} sur {BRANCH} (mike)…")
    target = Path(tempfile.mkdtemp(prefix="cadre-publish-"))
    job = {"version": year, "title": chosen.titre, "aliases": chosen.aliases, "default": chosen.defaut,
           "branch": BRANCH, "site_dir": str(target)}
    try:
        result = subprocess.run([sys.executable, "-c", _DEPLOY, json.dumps(job)], cwd=project_dir,
                                env=build_env(project_dir, data_dir, year), capture_output=True, text=True)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    if result.returncode == _BUILD_FAILED:
        raise PublishError(f"la construction du site a échoué : rien n'a été déployé.\n{_problems(result)}")
    if result.returncode != 0:
        raise PublishError(f"le déploiement par mike a échoué ; la branche {BRANCH} n'a pas changé.\n"
                           f"{_problems(result)}")
    return chosen


_BUILD_FAILED = 3
# Run as `python -c`: mike's deploy (driver.deploy in mike 2.x) around a strict build into job["site_dir"].
# commands.deploy() commits the folder after its `yield`: an exception raised by the build skips the commit.
_DEPLOY = """
import json, os, subprocess, sys
from mike import commands, git_utils, mkdocs_utils

job = json.loads(sys.argv[1])
git_utils.update_from_upstream("origin", job["branch"])  # as mike deploy: start from the remote branch if ahead
cfg = mkdocs_utils.load_config()
cfg["site_dir"] = job["site_dir"]
env = dict(os.environ, MIKE_DOCS_VERSION=job["version"])
with commands.deploy(cfg, job["version"], job["title"], job["aliases"], update_aliases=True,
                     branch=job["branch"]), mkdocs_utils.inject_plugin(None) as config_file:
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config_file,
                            "-d", job["site_dir"]], env=env)
    if build.returncode != 0:
        raise SystemExit(3)  # _BUILD_FAILED
if job["default"]:
    commands.set_default("latest", branch=job["branch"])
"""


def _problems(result: subprocess.CompletedProcess) -> str:
    """What went wrong, without MkDocs' INFO lines (not --quiet: MkDocs 1.6 strict mode counts logged warnings)."""
    lines = (result.stdout + result.stderr).splitlines()
    return "\n".join(line for line in lines if not line.startswith("INFO")).strip()


def build_env(project_dir: Path, data_dir: Path, year: str | None) -> dict[str, str]:
    env = dict(os.environ, CADRE_DATA=str(data_dir), NO_MKDOCS_2_WARNING="1")
    if year:
        env["CADRE_EDITION"] = year
    # mike calls `mkdocs` by name: make sure it is the one of this Python environment
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    for role in ("name", "email"):
        if not git_config(project_dir, f"user.{role}"):
            for who in ("AUTHOR", "COMMITTER"):
                env.setdefault(f"GIT_{who}_{role.upper()}", DEFAULT_IDENTITY[role])
    return env


def mike() -> str:
    beside = Path(sys.executable).parent / "mike"
    return str(beside) if beside.exists() else (shutil.which("mike") or "mike")


def git_config(project_dir: Path, key: str) -> str:
    result = subprocess.run(["git", "config", key], cwd=project_dir, capture_output=True, text=True)
    return result.stdout.strip()


def check_repository(project_dir: Path) -> None:
    """mike writes to a branch of the project's git repository, and names the commit it deploys."""
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=project_dir,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError(
            f"{project_dir} n'est pas un dépôt git avec au moins un commit : la publication écrit les versions "
            "du site dans la branche gh-pages de ce dépôt (git init, git add ., git commit, puis recommencer).")


def deployed_versions(project_dir: Path) -> list[dict]:
    """versions.json of the gh-pages branch (empty when nothing was deployed yet)."""
    result = subprocess.run(["git", "show", f"{BRANCH}:versions.json"], cwd=project_dir,
                            capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else []
