"""One publication of the site's editions with `cadre publish` (mike), shared by the whole test session.

Publishing builds the full site each time (about 25 s): the editions tests and the browser tests read the same
gh-pages branch instead of publishing again.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from io import BytesIO
from pathlib import Path

from editions_fixture import ROOT, Edit, copy_real_edition, derive_edition

PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "macros", "diagrams", ".gitignore"]


@dataclass
class Session:
    repo: Path
    data: Path
    edits: list[Edit]
    results: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    tips: dict[str, str] = field(default_factory=dict)  # gh-pages commit after each step
    trees: dict[str, dict[str, str]] = field(default_factory=dict)  # path -> blob id, per step
    seconds: dict[str, float] = field(default_factory=dict)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def blobs(repo: Path, ref: str = "gh-pages") -> dict[str, str]:
    """Every file of the branch and its git blob id (the id changes if the content is rewritten)."""
    out = git(repo, "ls-tree", "-r", ref)
    return {line.split("\t")[1]: line.split()[2] for line in out.splitlines()}


def show(repo: Path, path: str) -> str:
    return git(repo, "show", f"gh-pages:{path}")


def isolated_env(tmp: Path) -> dict[str, str]:
    """No global git identity: `cadre publish` must supply one for mike's commits by itself."""
    empty = tmp / "gitconfig"
    empty.write_text("")
    return dict(os.environ, GIT_CONFIG_GLOBAL=str(empty), GIT_CONFIG_NOSYSTEM="1", NO_MKDOCS_2_WARNING="1")


def cadre(session: Session, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # the project's site_url is the local preview address: publishing there is asked for explicitly
    extra = {"publish": ["--projet", str(session.repo), "--apercu-local"], "serve": ["--projet", str(session.repo)]}
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", str(session.data), *args,
                           *extra.get(args[0], [])], cwd=session.repo, env=env, capture_output=True, text=True)


def commit_all(repo: Path, message: str) -> None:
    """What is published is committed first (publish refuses a working tree that differs from HEAD)."""
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "--allow-empty", "-m",
        message)


def set_status(data: Path, year: str, statut: str) -> None:
    path = data / "editions" / year / "edition.yaml"
    path.write_text(re.sub(r"^statut:.*$", f"statut: {statut}", path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")


def publish_sequence(tmp: Path) -> Session:
    """Publish, in a temporary git repository: 2016 (real), 2017 (derived, published, so `latest`), a 2018 draft
    that does not validate, the same with a broken page, then 2018 « en concertation »."""
    repo = tmp / "projet"
    repo.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, repo / name)
    data = copy_real_edition(repo)
    edits = derive_edition(data, "2016", "2017")
    env = isolated_env(tmp)
    s = Session(repo, data, edits)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "projet")

    def step(name: str, *args: str) -> None:
        start = time.monotonic()
        s.results[name] = cadre(s, env, *args)
        s.seconds[name] = time.monotonic() - start
        tip = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], cwd=repo,
                             capture_output=True, text=True).stdout.strip()
        s.tips[name] = tip
        s.trees[name] = blobs(repo) if tip else {}

    step("2016", "publish", "2016")
    step("2017", "publish", "2017")
    assert cadre(s, env, "new-edition", "2018").returncode == 0
    broken = data / "editions" / "2018" / "referentiels" / "ci-sis.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"^categorie: .*$", "categorie: categorie-inexistante", good, flags=re.M),
                      encoding="utf-8")
    commit_all(repo, "2018 : brouillon invalide")
    step("2018-invalide", "publish", "2018")
    broken.write_text(good, encoding="utf-8")
    set_status(data, "2018", "en-concertation")
    (repo / "docs" / "page-cassee.md").write_text("# Cassée\n\n[lien mort](nulle-part.md)\n", encoding="utf-8")
    commit_all(repo, "2018 : page cassée")
    step("2018-construction-cassee", "publish", "2018")
    (repo / "docs" / "page-cassee.md").unlink()
    commit_all(repo, "2018 : en concertation")
    step("2018-concertation", "publish", "2018")
    return s


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # one line per request would drown test output
        pass


def extract_branch(repo: Path, root: Path) -> Path:
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="tar")
    return root


def serve_folder(root: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A static site on localhost (what `mike serve` does for gh-pages, without a git lookup per file)."""
    handler = partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd
