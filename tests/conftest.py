"""Session-wide fixtures: the fixture edition built once, one publication of the versioned site, served on
localhost, and one browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # support modules (editions_fixture, publication) beside the tests
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from publication import Session, extract_branch, publish_sequence, serve_folder  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"
FIXTURE_YEAR = "2099"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    """The real edition built once (`mkdocs build --strict`) for every test that reads the built site."""
    out = tmp_path_factory.mktemp("site-real")
    env = {key: value for key, value in os.environ.items() if key not in ("CADRE_DATA", "CADRE_EDITION")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
                            timeout=900)
    return result, out


@pytest.fixture(scope="session")
def fixture_site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    """The fictional fixture edition (tests/fixtures/site, 2099) built once with a bare `mkdocs build --strict`
    (CADRE_DATA / CADRE_EDITION, as a contributor would), for every test that reads it built."""
    out = tmp_path_factory.mktemp("site-fixture")
    env = dict(os.environ, CADRE_DATA=str(FIXTURE_DATA), CADRE_EDITION=FIXTURE_YEAR)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=PROJECT,
                            env=env, capture_output=True, text=True, timeout=600)
    return result, out


@pytest.fixture(scope="session")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Session:
    return publish_sequence(tmp_path_factory.mktemp("publication"))


@pytest.fixture(scope="session")
def published_tree(publication: Session, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gh-pages branch extracted: every published version, as a static host would serve it."""
    return extract_branch(publication.repo, tmp_path_factory.mktemp("gh-pages"))


@pytest.fixture(scope="session")
def served_site(published_tree: Path):
    url, httpd = serve_folder(published_tree)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """The hostile edition (tests/hostile_edition.py) built once for the injection tests, static and browser."""
    from hostile_edition import build_hostile_site

    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def browser():
    from browser.checks import chromium

    with chromium() as instance:
        yield instance
