"""Engine independence: the site written as a plain docs folder (`cadre export-docs`) builds with plain MkDocs.

The fixture edition is exported with the command line, then built by `mkdocs build --strict -f DOSSIER/mkdocs.yml`
(Material, no hook, no macros plugin: nothing of this project runs). It must give the same site as the normal
build of the project (its hook builds the pages during MkDocs' events, conftest.py): the same HTML pages, each with
the same <article>, and the same search index once `cadre recherche` has indexed it (Pagefind runs after any engine).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"
FIXTURE = FIXTURE_DATA / "editions" / "2099"
PAGE_FOLDERS = {"referentiels": "referentiels", "socle": "socle", "principes": "principes", "acteurs": "acteurs",
                "chapitres": "textes"}  # data folder -> folder of the pages (permalinks <folder>/<id>/)
_ARTICLE = re.compile(r"<article\b[^>]*>.*?</article>", re.S)


def _run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CADRE_DATA", "CADRE_EDITION")}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    folder = tmp_path_factory.mktemp("export") / "dossier"
    result = _run("cadre.cli", "--data", str(FIXTURE_DATA), "export-docs", str(folder), "--edition", "2099",
                  "--projet", str(PROJECT))
    return result, folder


@pytest.fixture(scope="module")
def folder(export) -> Path:  # noqa: ANN001
    result, written = export
    assert result.returncode == 0, result.stderr
    return written


@pytest.fixture(scope="module")
def plain_build(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("site-plain")
    # run from elsewhere than the project: nothing of it (mkdocs.yml, hooks, diagrams) may be picked up
    built = _run("mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"), "-d", str(out), cwd=out.parent)
    if built.returncode == 0:  # then the search index, as the export's message says
        indexed = _run("cadre.cli", "recherche", str(out), "--enregistrements", str(folder / "recherche.json"),
                       cwd=out.parent)
        assert indexed.returncode == 0, indexed.stderr
    return built, out


@pytest.fixture(scope="module")
def plain_site(plain_build) -> Path:  # noqa: ANN001
    result, out = plain_build
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def normal_site(fixture_site_build) -> Path:  # noqa: ANN001
    result, out = fixture_site_build
    assert result.returncode == 0, result.stderr
    return out


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def article(site: Path, page: str) -> str:
    found = _ARTICLE.findall((site / page).read_text(encoding="utf-8"))
    assert len(found) == 1, page
    return found[0]


def entity_pages() -> list[str]:
    return [f"{PAGE_FOLDERS[folder]}/{yaml.safe_load(p.read_text(encoding='utf-8'))['id']}/index.html"
            for folder in PAGE_FOLDERS for p in sorted((FIXTURE / folder).glob("*.yaml"))]


def test_export_writes_the_folder_and_says_how_to_build_it(export) -> None:  # noqa: ANN001
    result, folder = export
    assert result.returncode == 0, result.stderr
    assert f"mkdocs build -f {folder / 'mkdocs.yml'}" in result.stdout
    assert (folder / "docs" / "referentiels" / "ref-alpha.md").is_file()


def test_written_config_has_no_hook_and_no_macros(folder: Path) -> None:
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]
    assert "macros" not in plugins and "search" not in plugins  # search is Pagefind's, after the build
    assert config["theme"]["name"] == "material"
    assert config["extra"]["cadre_edition"]["annee"] == 2099  # the banners' values, written once


def test_no_page_of_the_folder_keeps_template_syntax(folder: Path) -> None:
    pages = sorted((folder / "docs").rglob("*.md"))
    assert len(pages) > 30
    left = [p.relative_to(folder).as_posix() for p in pages
            if re.search(r"\{\{|\{%|\{#", p.read_text(encoding="utf-8"))]
    assert left == []


def test_plain_mkdocs_builds_it_in_strict_mode(plain_build) -> None:  # noqa: ANN001
    result, _ = plain_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_same_pages_and_files_as_the_normal_build(plain_site: Path, normal_site: Path) -> None:
    assert html_pages(plain_site) == html_pages(normal_site)
    assert set(entity_pages()) <= html_pages(plain_site)
    assert site_files(plain_site) == site_files(normal_site)


def test_every_entity_page_has_the_same_article(plain_site: Path, normal_site: Path) -> None:
    pages = entity_pages()
    assert len(pages) == 11
    assert [p for p in pages if article(plain_site, p) != article(normal_site, p)] == []


def test_every_other_page_has_the_same_article(plain_site: Path, normal_site: Path) -> None:
    pages = sorted(html_pages(normal_site) - set(entity_pages()))
    assert "architecture/index.html" in pages and "donnees-ouvertes/index.html" in pages
    assert [p for p in pages if article(plain_site, p) != article(normal_site, p)] == []


ORDER_ONLY = {"sitemap.xml", "sitemap.xml.gz"}  # list pages in collection order
# Pagefind's filters are written in hash-map order, different from one run to the next, and files are named by
# their hash: the index is compared by what it holds (test_same_search_index)
SEARCH_INDEX = "pagefind/"


def site_files(site: Path) -> set[str]:
    paths = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {p for p in paths if not p.startswith(SEARCH_INDEX)}


def test_every_other_file_is_byte_identical(plain_site: Path, normal_site: Path) -> None:
    """Whole pages, diagrams, feeds, open data and PDFs alike; the search index and the sitemaps list the pages in
    the order MkDocs collected them (compared as sets in test_same_pages_and_files_as_the_normal_build)."""
    files = sorted(site_files(normal_site))
    assert len(files) > 200
    differ = [f for f in files if (plain_site / f).read_bytes() != (normal_site / f).read_bytes()]
    assert sorted(set(differ) - ORDER_ONLY) == []


def fragments(site: Path) -> list[str]:
    """Each indexed page or record as Pagefind stores it (gzip of « pagefind_dcd » then JSON): address, text,
    metadata, filters."""
    found = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        found.append(json.dumps(json.loads(data), sort_keys=True, ensure_ascii=False))
    return sorted(found)


def test_same_search_index(plain_site: Path, normal_site: Path) -> None:
    """The same pages and records give the same indexed entries, whatever the engine that built the pages."""
    indexed = fragments(normal_site)
    assert len(indexed) > 30
    assert fragments(plain_site) == indexed
