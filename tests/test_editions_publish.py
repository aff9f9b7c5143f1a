"""Publishing editions as site versions with `cadre publish` (mike), in a temporary git repository.

One session publishes, in order: the real 2016 edition; a fixture 2017 edition derived from it with deliberate
changes (published, so it becomes `latest`); a 2018 draft that does not validate (refused); the same draft with a
broken page in docs/ (build refused); the draft fixed, as « en concertation ». Each test then checks one outcome
on the gh-pages branch, in the built HTML, in the Atom feeds or in a browser.
"""

from __future__ import annotations

import html
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import yaml
from publication import Session, git, isolated_env, show

from cadre.model.kinds import KINDS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def session(publication: Session) -> Session:
    return publication


def test_publications_succeed_and_earlier_versions_are_not_rebuilt(session: Session):
    for name in ("2016", "2017", "2018-concertation"):
        assert session.results[name].returncode == 0, session.results[name].stderr
    before = {p: b for p, b in session.trees["2016"].items() if p.startswith("2016/")}
    assert len(before) > 50
    for later in ("2017", "2018-concertation"):
        assert {p: b for p, b in session.trees[later].items() if p.startswith("2016/")} == before
    after_2017 = {p: b for p, b in session.trees["2017"].items() if p.startswith("2017/")}
    assert {p: b for p, b in session.trees["2018-concertation"].items() if p.startswith("2017/")} == after_2017
    # one commit per publication, none after the first one redeployed 2016 (identical rebuilt files would hide in
    # blob ids), each naming the edition and the commit it was built from
    subjects = git(session.repo, "log", "--format=%s", f"{session.tips['2016']}..gh-pages").splitlines()
    assert [s.split(" (")[0] for s in subjects] == ["Publication de l'édition 2018", "Publication de l'édition 2017"]
    assert all(" depuis " in s and "non commitées" not in s for s in subjects), subjects
    # the publication commits were made with the fallback identity, git having none configured
    assert "Publication du cadre commun" in git(session.repo, "log", "-1", "--format=%cn", "gh-pages")


def test_versions_json_lists_both_and_latest_is_the_newest_published(session: Session):
    versions = json.loads(show(session.repo, "versions.json"))
    by_version = {v["version"]: v for v in versions}
    assert set(by_version) == {"2016", "2017", "2018"}
    assert by_version["2017"]["aliases"] == ["latest"]
    assert by_version["2016"]["aliases"] == [] and by_version["2018"]["aliases"] == []
    assert "concertation" in by_version["2018"]["title"]
    assert 'href="latest/"' in show(session.repo, "index.html") or "latest/" in show(session.repo, "index.html")
    # the state right after publishing 2017: both editions, latest on 2017
    tree = session.trees["2017"]
    assert "2016/index.html" in tree and "2017/index.html" in tree and "latest/index.html" in tree


def test_invalid_edition_is_refused_and_the_site_is_unchanged(session: Session):
    refused = session.results["2018-invalide"]
    assert refused.returncode == 1
    assert "categorie-inexistante" in refused.stderr and "Rien n'a été déployé" in refused.stderr
    assert session.tips["2018-invalide"] == session.tips["2017"]


def test_failed_build_is_refused_and_the_site_is_unchanged(session: Session):
    failed = session.results["2018-construction-cassee"]
    assert failed.returncode == 1
    assert "construction du site a échoué" in failed.stderr and "nulle-part.md" in failed.stderr
    assert session.tips["2018-construction-cassee"] == session.tips["2017"]


def _anchors(html: str) -> set[str]:
    return set(re.findall(r'<span id="([a-z0-9-]+)"></span>', html))


def test_nouveautes_page_lists_exactly_the_deliberate_changes(session: Session):
    page = show(session.repo, "2017/nouveautes/index.html")
    assert "Nouveautés de l'édition 2017" in page and "édition 2016" in page
    assert _anchors(page) == {f"{e.kind}-{e.id}" for e in session.edits}
    text = html.unescape(page)
    # a long text rewritten shows its words removed and added: the new text is what is left without the removed ones
    rewritten = [" ".join(re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del>", "", span)).split())
                 for span in re.findall(r'<span class="cadre-mots">(.*?)</span>', text, re.S)]
    for edit in session.edits:
        for path, _, after in edit.changes:
            assert f"<code>{path}</code>" in page
            assert f"→ « {after}" in text or any(after in words for words in rewritten), after
    assert 'href="../referentiels/' in page  # a modified référentiel links to its page
    assert '<link rel="alternate feed" type="application/atom+xml" href="../flux/edition.xml"' in page
    first = show(session.repo, "2016/nouveautes/index.html")
    assert "première édition" in first and "2017" not in re.sub(r"<[^>]+>", "", first.split("<article")[1])


def _entries(feed: str) -> list[ET.Element]:
    return ET.fromstring(feed.encode()).findall(f"{ATOM}entry")


def test_atom_feeds_list_the_changes_with_stable_ids_and_permalinks(session: Session):
    feed_text = show(session.repo, "2017/flux/edition.xml")
    root = ET.fromstring(feed_text.encode())
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = _entries(feed_text)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
                                                                 entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    changes = {(e.find(f"{ATOM}category").get("term"), e.find(f"{ATOM}link").get("href")) for e in entries
               if e.find(f"{ATOM}category") is not None}
    site_url = yaml.safe_load((session.repo / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url")
    # absolute when the site has an address, else relative to the feed (flux/ of the edition's folder)
    base = f"{site_url.rstrip('/')}/2017/" if site_url else "../../2017/"
    expected = set()
    for edit in session.edits:
        url = f"nouveautes/#{edit.kind}-{edit.id}" if edit.event == "retrait" else KINDS[edit.kind].url(edit.id)
        expected.add((edit.kind, base + url))
    assert changes == expected
    # every permalink of an added or changed entity exists in the deployed 2017 site
    tree = session.trees["2017"]
    for _, href in changes:
        path = href.removeprefix(base).split("#")[0]
        assert f"2017/{path}index.html" in tree, path
    referentiels = _entries(show(session.repo, "2017/flux/referentiel.xml"))
    assert len(referentiels) == 1 and "Modification" in referentiels[0].findtext(f"{ATOM}title")
    assert _entries(show(session.repo, "2017/flux/principe.xml")) == []


def test_entity_page_shows_its_history(session: Session):
    edit = next(e for e in session.edits if e.kind == "referentiel")
    page = show(session.repo, f"2017/referentiels/{edit.id}/index.html")
    section = page.split('id="historique-dans-les-editions"')[1]
    assert "Édition 2017" in section and "<code>disponibilite.statut</code>" in section
    assert "depuis l'édition 2016" in section
    older = show(session.repo, f"2016/referentiels/{edit.id}/index.html")
    assert "depuis l'édition 2016" in older and "Édition 2017" not in older
    added = show(session.repo, "2017/socle/service-test/index.html")
    assert "depuis l'édition 2017" in added.split('id="historique-dans-les-editions"')[1]


def test_concertation_banner_only_on_the_draft(session: Session):
    assert "Projet en concertation" in show(session.repo, "2018/index.html")
    for published in ("2016", "2017"):
        assert "Projet en concertation" not in show(session.repo, f"{published}/index.html")


# --- in a browser ---------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_outdated_banner_on_the_older_edition_only_and_it_links_to_the_same_page(
    session: Session, served_site: str, browser
):
    edit = next(e for e in session.edits if e.kind == "referentiel")
    # one browser for the whole session (tests/conftest.py)
    page = browser.new_page()
    page.goto(f"{served_site}/2016/referentiels/{edit.id}/", wait_until="load")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible", timeout=10000)
    assert "édition antérieure" in banner.inner_text()
    page.hover(".md-version")
    labels = page.eval_on_selector_all(".md-version__list a", "els => els.map(e => e.textContent.trim())")
    assert any("2016" in label for label in labels) and any("2017" in label for label in labels), labels
    banner.locator("a").first.click()
    page.wait_for_url(f"**/latest/referentiels/{edit.id}/")
    page.wait_for_timeout(500)
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.goto(f"{served_site}/2017/referentiels/{edit.id}/", wait_until="load")
    page.wait_for_timeout(500)
    assert not page.locator("[data-md-component=outdated]").is_visible()
    page.goto(f"{served_site}/2018/", wait_until="load")
    assert page.locator(".cadre-concertation").is_visible()


def test_serve_deploys_nothing_more_and_serves_every_version(session: Session, tmp_path):
    env = isolated_env(tmp_path)
    tip = git(session.repo, "rev-parse", "gh-pages").strip()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "cadre.cli", "--data", str(session.data), "serve", "--port", str(port),
         "--projet", str(session.repo)], cwd=session.repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        body = None
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/versions.json", timeout=2) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "cadre serve ne répond pas"
        assert {v["version"] for v in body} == {"2016", "2017", "2018"}
        with urllib.request.urlopen(f"http://localhost:{port}/latest/nouveautes/", timeout=5) as response:
            assert "Nouveautés de l'édition 2017" in response.read().decode()
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert "2016 : déjà déployée" in out and "2017 : déjà déployée" in out
    assert git(session.repo, "rev-parse", "gh-pages").strip() == tip
