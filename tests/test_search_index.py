"""The search index of a built edition: what Pagefind is given (article bodies, filters, records) and what it writes.

Expectations come from the data files (glossary entries, programmes, référentiels of the edition) and from the
issue (the boilerplate sections that must not be indexed), never from the code under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_site import PROJECT, Site, entities

from cadre.cache import ContentCache
from cadre.publishing.search import SearchIndexError, read_records, write_records
from cadre.site import SiteSettings, build_site, make_context

EDITIONS = PROJECT / "data" / "editions"
EDITION = max((p for p in EDITIONS.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "site" / "data"
FIXTURE = FIXTURE_DATA / "editions" / "2099"
BOILERPLATE = ["Historique dans les éditions", "Y font référence", "Données JSON"]


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(real_site) -> Site:
    result, out = real_site  # one build of the real edition for the whole session (tests/conftest.py)
    assert result.returncode == 0, result.stderr
    return Site(out)


def test_the_build_writes_the_index_and_only_the_files_the_site_uses(site: Site) -> None:
    folder = site.root / "pagefind"
    assert (folder / "pagefind.js").is_file() and (folder / "pagefind-entry.json").is_file()
    assert not (site.root / "search" / "search_index.json").exists()  # Material's lunr index is gone
    assert not list(folder.glob("pagefind-*ui*")) and not (folder / "pagefind-highlight.js").exists()
    words = json.loads((folder / "vocabulaire.json").read_text(encoding="utf-8"))
    assert {"hebergement", "telemedecine", "messagerie", "interoperabilite"} <= set(words)


def test_every_page_and_every_glossary_entry_and_programme_is_indexed(site: Site) -> None:
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = [p for p in site.root.rglob("index.html")
             if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    records = len(load(EDITION / "glossaire.yaml")) + len(load(EDITION / "programmes.yaml"))
    assert len(pages) > 100
    assert entry["languages"]["fr"]["page_count"] == len(pages) + records
    assert list(entry["languages"]) == ["fr"]  # French stemming for every page


def _ignored(page, text: str) -> bool:
    return any("data-pagefind-ignore" in e.attrs and text in e.text for e in page.elements)


def test_only_the_article_body_is_indexed_without_its_boilerplate(site: Site) -> None:
    referentiel = entities(EDITION, "referentiels")[0]["id"]
    page = site.page(f"referentiels/{referentiel}/")
    bodies = [e for e in page.elements if "data-pagefind-body" in e.attrs]
    assert len(bodies) == 1 and page.elements.index(bodies[0]) < 3  # the article's content, nothing around
    for text in BOILERPLATE:
        assert text in page.article_text and _ignored(page, text), text
    note = next(r for r in entities(EDITION, "referentiels") if r.get("notes_editoriales"))
    assert _ignored(site.page(f"referentiels/{note['id']}/"), "Notes éditoriales")  # the section and its notes


def test_each_page_says_its_type_status_and_edition(site: Site) -> None:
    edition = str(load(EDITION / "edition.yaml")["annee"])
    statuts = {"disponible": "disponible", "partiellement-disponible": "partiellement disponible",
               "en-cours": "en cours", "en-projet": "en projet", "non-precise": "non précisée"}
    for referentiel in entities(EDITION, "referentiels"):
        elements = site.page(f"referentiels/{referentiel['id']}/").elements
        filters = {e.attrs["data-pagefind-filter"] for e in elements if "data-pagefind-filter" in e.attrs}
        assert filters == {"type:référentiel", f"statut:{statuts[referentiel['disponibilite']['statut']]}"}
        assert {e.attrs.get("data-pagefind-meta") for e in elements} >= {f"edition:{edition}"}
    for url, kind in [("socle/dmp/", "service"), ("principes/subsidiarite/", "principe"), ("acteurs/ars/", "acteur"),
                      ("textes/instruction-i/", "texte"), ("glossaire/", "page"), ("accessibilite/", "page")]:
        assert f"type:{kind}" in {e.attrs.get("data-pagefind-filter") for e in site.page(url).elements}, url


def test_glossary_and_programme_rows_are_left_to_their_own_records(site: Site) -> None:
    glossary, programmes = site.page("glossaire/"), site.page("programmes/")
    first = load(EDITION / "glossaire.yaml")[0]
    assert _ignored(glossary, first["definition"][:20])
    assert _ignored(programmes, load(EDITION / "programmes.yaml")[0]["nom"][:20])


def test_the_site_map_lists_every_page_kind_and_entity(site: Site) -> None:
    plan = site.page("plan-du-site/")
    for folder, url in [("referentiels", "referentiels/{}/"), ("socle", "socle/{}/"), ("principes", "principes/{}/"),
                        ("acteurs", "acteurs/{}/"), ("chapitres", "textes/{}/")]:
        for entity in entities(EDITION, folder):
            assert site.links_to("plan-du-site/", url.format(entity["id"])), entity["id"]
    targets = site.targets("plan-du-site/")
    assert all(("glossaire/", e["id"]) in targets for e in load(EDITION / "glossaire.yaml"))
    assert all(("programmes/", p["id"]) in targets for p in load(EDITION / "programmes.yaml"))
    assert all(site.links_to("plan-du-site/", u) for u in ["instruction/", "gouvernance/", "accessibilite/"])
    assert f"Référentiels ({len(entities(EDITION, 'referentiels'))})" in plan.article_text
    assert _ignored(plan, "Pages, par rubrique")  # its lists name everything: found by its title, not its lists
    html = (site.root / "referentiels" / "index.html").read_text(encoding="utf-8")
    assert 'href="../plan-du-site/"' in html[html.index('class="md-copyright"'):]  # in every page's footer


# --- records and the plain docs folder (the small fictional edition) ------------------------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory):
    settings = SiteSettings("Site de test", "", "", PROJECT)
    return build_site(make_context(FIXTURE_DATA, 2099, settings, ContentCache(tmp_path_factory.mktemp("cache"))))


def test_one_record_per_glossary_entry_and_programme_anchored_on_its_page(fixture_site) -> None:
    glossary, programmes = load(FIXTURE / "glossaire.yaml"), load(FIXTURE / "programmes.yaml")
    records = {r.url: r for r in fixture_site.search_records}
    assert set(records) == {f"glossaire/#{e['id']}" for e in glossary} | {f"programmes/#{p['id']}" for p in programmes}
    entry = records[f"glossaire/#{glossary[0]['id']}"]
    assert (entry.title, entry.type) == (glossary[0]["sigle"], "glossaire")
    assert glossary[0]["definition"].split("(")[0].strip() in entry.content
    existing = next(p for p in programmes if p["statut"] == "E")
    record = records[f"programmes/#{existing['id']}"]
    assert (record.title, record.type, record.statut) == (existing["nom"], "programme", "dispositif existant")


def test_record_text_is_html_text_whatever_the_data_holds(tmp_path: Path) -> None:
    from cadre.site.search import SearchRecord, _text

    hostile = _text("<script>alert(1)</script>", "a & b")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile and "&amp;" in hostile
    path = tmp_path / "recherche.json"
    write_records(path, [SearchRecord("glossaire/#x", "X", hostile, "glossaire")], "2099")
    assert read_records(path) == ([SearchRecord("glossaire/#x", "X", hostile, "glossaire")], "2099")
    path.write_text("{", encoding="utf-8")
    with pytest.raises(SearchIndexError, match="recherche.json"):
        read_records(path)


def _cadre(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "cadre.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_a_plain_docs_folder_is_indexed_by_cadre_recherche(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    exported = _cadre("--data", str(FIXTURE_DATA), "export-docs", str(folder), "--edition", "2099")
    assert exported.returncode == 0, exported.stderr
    assert "cadre recherche" in exported.stdout
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml")],
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert not (folder / "site" / "pagefind").exists()  # no hook in the plain folder: the command does it
    indexed = _cadre("recherche", str(folder / "site"), "--enregistrements", str(folder / "recherche.json"))
    assert indexed.returncode == 0, indexed.stderr
    records = len(load(FIXTURE / "glossaire.yaml")) + len(load(FIXTURE / "programmes.yaml"))
    assert f"{records} entrées indexées" in indexed.stdout
    assert (folder / "site" / "pagefind" / "pagefind.js").is_file()


def test_cadre_recherche_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    result = _cadre("recherche", str(tmp_path))
    assert result.returncode == 1
    assert "n'est pas un site construit" in result.stderr and "Traceback" not in result.stderr
