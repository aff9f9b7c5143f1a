"""The site built from the fictional fixture edition (tests/fixtures/site): pages, links, tooltips, escaping.

The site is built once per session with `mkdocs build --strict` into a temporary folder; expectations are read
from the fixture's YAML files, never from the code under test.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from cadre.publishing.linkcheck import check_site

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"
FIXTURE_YEAR = "2099"
FIXTURE = FIXTURE_DATA / "editions" / FIXTURE_YEAR

# where the issue says each kind's page lives: <folder>/<id>/ (stable permalinks derived from ids)
PAGE_FOLDERS = {"referentiels": "referentiels", "socle": "socle", "principes": "principes",
                "acteurs": "acteurs", "chapitres": "textes"}


# --- building and reading the site ----------------------------------------------------------------------------


def build_site(out: Path, data: Path | None = None, year: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CADRE_DATA", None)
    env.pop("CADRE_EDITION", None)
    if data is not None:
        env.update(CADRE_DATA=str(data), CADRE_EDITION=str(year))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    """What the tests look at in one HTML page."""

    url: str  # site-relative directory URL, e.g. « referentiels/ref-alpha/ »
    ids: set[str] = field(default_factory=set)
    links: list[Element] = field(default_factory=list)  # <a href> inside the article
    nav_links: list[str] = field(default_factory=list)  # hrefs of the primary navigation
    abbrs: list[Element] = field(default_factory=list)
    scripts: list[Element] = field(default_factory=list)
    handlers: list[tuple[str, str]] = field(default_factory=list)  # (tag, on* attribute) anywhere
    elements: list[Element] = field(default_factory=list)  # every element of the article (text = own text)
    checkboxes: int = 0
    title: str = ""
    article_text: str = ""


class _Parser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, page: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[Element] = []
        self.article_depth = 0
        self.in_nav = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        element = Element(tag, attrs)
        page = self.page
        if "id" in attrs:
            page.ids.add(attrs["id"])
        page.handlers.extend((tag, k) for k in attrs if k.startswith("on"))
        if tag == "article":
            self.article_depth += 1
        if tag == "nav" and "md-nav--primary" in attrs.get("class", ""):
            self.in_nav += 1
        if tag == "script":
            page.scripts.append(element)
        if self.in_nav and tag == "a" and "href" in attrs:
            page.nav_links.append(attrs["href"])
        if self.article_depth:
            page.elements.append(element)
            if tag == "a" and "href" in attrs:
                page.links.append(element)
            if tag == "abbr":
                page.abbrs.append(element)
            if tag == "input" and attrs.get("type") == "checkbox":
                page.checkboxes += 1
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag not in {e.tag for e in self.stack}:
            return  # a stray end tag closes nothing
        while self.stack:
            element = self.stack.pop()
            if element.tag == "article":
                self.article_depth -= 1
            if element.tag == "nav" and "md-nav--primary" in element.attrs.get("class", ""):
                self.in_nav -= 1
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data
        if self.stack and self.stack[-1].tag == "title":
            self.page.title += data
        if self.article_depth:
            self.text.append(data)


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, ParsedPage] = {}

    def exists(self, url: str) -> bool:
        return (self.root / url / "index.html").is_file()

    def page(self, url: str) -> ParsedPage:
        if url not in self._pages:
            page = ParsedPage(url)
            parser = _Parser(page)
            parser.feed((self.root / url / "index.html").read_text(encoding="utf-8"))
            page.article_text = " ".join("".join(parser.text).split())
            self._pages[url] = page
        return self._pages[url]

    def all_urls(self) -> list[str]:
        return sorted(p.parent.relative_to(self.root).as_posix().replace(".", "") + "/"
                      if p.parent != self.root else "" for p in self.root.rglob("index.html")
                      if "assets" not in p.parts and "search" not in p.parts)

    def resolve(self, from_url: str, href: str) -> tuple[str, str] | None:
        """(page URL, anchor) an internal href points to, or None for an external link."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        target = posixpath.normpath(posixpath.join(from_url, path)) if path else from_url.rstrip("/")
        if "." in posixpath.basename(target):  # a file (feed, JSON, PDF), not a page
            return target, parts.fragment
        target = "" if target in (".", "") else target.strip("/") + "/"
        return target, parts.fragment

    def targets(self, from_url: str) -> set[tuple[str, str]]:
        found = set()
        for link in self.page(from_url).links:
            resolved = self.resolve(from_url, link.attrs["href"])
            if resolved:
                found.add(resolved)
        return found

    def links_to(self, from_url: str, to_url: str) -> bool:
        return any(target == to_url for target, _ in self.targets(from_url))


def broken_links(site: Site) -> list[str]:
    """Internal links and anchors that do not resolve, by the same checker as `cadre liens`."""
    # latest/ (the edition in force) exists once editions are published: tests/test_published_links.py
    problems, _ = check_site(site.root, absent=("latest/",))
    return [str(problem) for problem in problems]


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def entities(edition: Path, folder: str) -> list[dict]:
    return [read(p) for p in sorted((edition / folder).glob("*.yaml"))]


def plain(markdown_text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", markdown_text).split())


# --- the fixture site -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fixture_build(fixture_site_build) -> tuple[subprocess.CompletedProcess, Site]:
    result, out = fixture_site_build  # built once per session (conftest.py), shared with the docs folder tests
    return result, Site(out)


@pytest.fixture(scope="session")
def site(fixture_build) -> Site:
    result, built = fixture_build
    assert result.returncode == 0, result.stderr
    return built


def test_strict_build_passes_without_warnings(fixture_build) -> None:
    result, _ = fixture_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("folder", sorted(PAGE_FOLDERS))
def test_one_page_per_entity_at_its_permalink(site: Site, folder: str) -> None:
    ids = [e["id"] for e in entities(FIXTURE, folder)]
    assert ids
    missing = [i for i in ids if not site.exists(f"{PAGE_FOLDERS[folder]}/{i}/")]
    assert missing == []


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    assert broken_links(site) == []


def test_cadre_liens_sets_apart_the_links_to_sibling_versions_of_a_single_build(site: Site, capsys) -> None:
    """A single build has no ../latest/ beside it: the « édition en vigueur » links are counted, not broken."""
    from cadre.cli import main

    assert main(["liens", str(site.root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("0 lien(s) interne(s) ou adresse(s) en défaut ; ")
    siblings = re.fullmatch(r"(\d+) lien\(s\) vers d'autres versions du site \(ex\. (\S+)\) : absentes d'un site "
                            r"construit seul, vérifiées sur la branche gh-pages extraite \(cadre liens "
                            r"DOSSIER_GH_PAGES\)\.", lines[1])
    assert siblings and int(siblings[1]) >= len(site.all_urls()) // 2 and "latest/" in siblings[2]


@pytest.mark.parametrize("folder", ["socle", "principes"])  # the data folder is also the pages' folder
def test_entities_and_their_referentiels_link_each_other(site: Site, folder: str) -> None:
    pairs = [(e["id"], r) for e in entities(FIXTURE, folder) for r in e.get("referentiels", [])]
    assert pairs
    for entity_id, referentiel in pairs:
        assert site.links_to(f"{folder}/{entity_id}/", f"referentiels/{referentiel}/")
        assert site.links_to(f"referentiels/{referentiel}/", f"{folder}/{entity_id}/")


def test_actor_pages_link_what_concerns_them_and_back(site: Site) -> None:
    for acteur in entities(FIXTURE, "acteurs"):
        url = f"acteurs/{acteur['id']}/"
        duties = [devoir for liste in acteur.get("devoirs", []) for devoir in liste["elements"]]
        assert duties, acteur["id"]
        for devoir in duties:
            for kind, folder in (("referentiels", "referentiels"), ("services", "socle"), ("principes", "principes")):
                for target in devoir.get(kind, []):
                    assert site.links_to(url, f"{folder}/{target}/"), (url, target)
                    if kind != "principes":  # référentiels and services list the actors whose duties cite them
                        assert site.links_to(f"{folder}/{target}/", url), (target, url)
            for objectif in devoir.get("objectifs", []):  # the ARS objectives a duty concerns, at their anchor
                assert ("socle/objectifs-ars/", objectif) in site.targets(url), (url, objectif)
    for referentiel in entities(FIXTURE, "referentiels"):
        for acteur in referentiel["destinataires"].get("acteurs", []):
            assert site.links_to(f"referentiels/{referentiel['id']}/", f"acteurs/{acteur}/")
            assert site.links_to(f"acteurs/{acteur}/", f"referentiels/{referentiel['id']}/")


def test_glossary_entries_link_to_their_entity_and_back(site: Site) -> None:
    glossary = read(FIXTURE / "glossaire.yaml")
    folders = {"referentiel": "referentiels", "service": "socle"}
    with_renvoi = [e for e in glossary if e.get("renvoi")]
    assert with_renvoi
    for entry in glossary:
        assert entry["id"] in site.page("glossaire/").ids
    for entry in with_renvoi:
        target = f"{folders[entry['renvoi']['type']]}/{entry['renvoi']['id']}/"
        assert site.links_to("glossaire/", target)
        assert ("glossaire/", entry["id"]) in site.targets(target)


def test_every_glossary_acronym_shows_its_meaning_as_a_tooltip(site: Site) -> None:
    meanings = {e["sigle"]: e["definition"] for e in read(FIXTURE / "glossaire.yaml")}
    seen = set()
    for url in site.all_urls():
        for abbr in site.page(url).abbrs:
            assert abbr.text in meanings, abbr.text
            assert " ".join(abbr.attrs["title"].split()) == plain(meanings[abbr.text])
            seen.add(abbr.text)
    assert seen == set(meanings)
    # an acronym inside running text (the instruction's summary, on the home page) is wrapped too
    assert "ZORG" in {a.text for a in site.page("").abbrs}


def test_html_in_data_shows_as_text_and_never_runs(site: Site) -> None:
    beta = read(FIXTURE / "referentiels" / "ref-beta.yaml")
    page = site.page("referentiels/ref-beta/")
    assert '<script>document.title="pirate"</script>' in page.article_text
    assert "<b>gras brut</b>" in page.article_text
    assert beta["nom"] in page.title
    for url in site.all_urls():
        parsed = site.page(url)
        assert parsed.handlers == [], url
        assert not [s for s in parsed.scripts if "alert" in s.text or "pirate" in s.text], url
        assert not [e for e in parsed.elements if e.tag == "img" and e.attrs.get("src") == "x"], url
        assert not [e for e in parsed.elements if e.tag in ("b", "script")], url
        assert not [a for a in parsed.links if a.attrs["href"].lower().startswith("javascript:")], url


def test_markdown_in_data_still_renders(site: Site) -> None:
    page = site.page("referentiels/ref-beta/")
    assert "texte en emphase" in {e.text for e in page.elements if e.tag == "em"}
    chapter = site.page("textes/instruction-i/")
    assert "important" in {e.text for e in chapter.elements if e.tag == "strong"}
    assert [a for a in chapter.links if a.attrs["href"] == "https://example.org/fiction"]


def test_fact_sheet_shows_status_milestones_lists_and_evolutions(site: Site) -> None:
    alpha = read(FIXTURE / "referentiels" / "ref-alpha.yaml")
    page = site.page("referentiels/ref-alpha/")
    for jalon in alpha["disponibilite"]["jalons"]:
        assert jalon["libelle"] in page.article_text
    for liste in alpha["listes"]:
        assert liste["id"] in page.ids
        assert all(element in page.article_text for element in liste["elements"])
    evolutions = [e for e in read(FIXTURE / "evolutions.yaml") if e["referentiel"] == "ref-alpha"]
    assert all(("referentiels/evolutions/", e["id"]) in site.targets("referentiels/ref-alpha/") for e in evolutions)
    overview = site.page("referentiels/")
    assert all(c["id"] in overview.ids for c in read(FIXTURE / "categories.yaml"))
    assert site.links_to("referentiels/", "referentiels/ref-alpha/")


def test_service_page_shows_ars_objectives_and_telemedicine_steps(site: Site) -> None:
    objectif = next(o for o in read(FIXTURE / "objectifs-ars.yaml") if o.get("service") == "svc-un")
    page = site.page("socle/svc-un/")
    cibles = [c["texte"] for c in objectif["fin_2016"] + objectif["fin_2017"]]
    for text in cibles + objectif["textes_cites"]:
        assert text in page.article_text
    step = read(FIXTURE / "telemedecine" / "etapes.yaml")[0]
    assert ("socle/telemedecine/", step["id"]) in site.targets("socle/svc-un/")
    assert site.links_to("socle/telemedecine/", "socle/svc-un/")


def test_principle_questions_are_checkboxes_and_checklist_has_them_all(site: Site) -> None:
    principes = entities(FIXTURE, "principes")
    for principe in principes:
        assert site.page(f"principes/{principe['id']}/").checkboxes == len(principe["questions"])
    checklist = site.page("principes/checklist/")
    assert checklist.checkboxes == sum(len(p["questions"]) for p in principes)
    assert all(p["id"] in checklist.ids for p in principes)


def test_glossary_is_alphabetical_with_an_index_and_one_anchor_per_entry(site: Site) -> None:
    glossary = read(FIXTURE / "glossaire.yaml")
    html = _html(site, "glossaire/")
    order = re.findall(r'<dt id="([^"]+)"', html)
    assert sorted(order) == sorted(e["id"] for e in glossary)  # each entry once, at its id (a permalink)
    sigles = {e["id"]: e["sigle"] for e in glossary}
    assert [sigles[i] for i in order] == sorted(sigles.values(), key=str.casefold)
    page = site.page("glossaire/")
    for letter in {s[0].lower() for s in sigles.values()}:
        assert f"lettre-{letter}" in page.ids
        assert ("glossaire/", f"lettre-{letter}") in site.targets("glossaire/")
    only_in_text = [e for e in glossary if e["origine"] == "texte"]
    assert only_in_text
    assert html.count("absent du glossaire de l'annexe 5") == 1  # one legend, a mark per entry
    assert html.count('<span class="cadre-marque"><span aria-hidden="true">†</span>') == len(only_in_text)


# Markdown, attribute-list and template syntax that must never reach a reader as text
LITERAL_SYNTAX = re.compile(r"\{:|\{\{|\{%|%\}|\}\}|\*\*|\]\(|\]: |\{ *[#.][\w-]+ *\}")


def literal_syntax(root: Path, allowed: str = "") -> dict[str, list[str]]:
    """Pieces of syntax in the text of each built page (code excluded), except where `allowed` (the data's own
    words, shown as text on purpose) holds them with the same neighbours."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", html, flags=re.S)
        text = " ".join(html_unescape(re.sub(r"<[^>]+>", " ", html)).split())
        for match in LITERAL_SYNTAX.finditer(text):
            context = text[max(0, match.start() - 12):match.end() + 12]
            if _skeleton(context) not in allowed:
                found.setdefault(path.relative_to(root).as_posix(), []).append(context)
    return found


def _skeleton(text: str) -> str:
    """Text without spaces nor emphasis marks: the page's text and the data's Markdown compare alike."""
    return re.sub(r"[\s*_]", "", text)


def data_text(edition: Path) -> str:
    return " ".join(_skeleton(p.read_text(encoding="utf-8")) for p in sorted(edition.rglob("*.yaml")))


def test_no_literal_markdown_attribute_or_template_syntax_in_any_page(site: Site) -> None:
    assert literal_syntax(site.root, data_text(FIXTURE)) == {}


def test_programmes_have_anchors_and_filters_by_family_and_status(site: Site) -> None:
    page = site.page("programmes/")
    programmes = read(FIXTURE / "programmes.yaml")
    assert all(p["id"] in page.ids for p in programmes)
    families = {p.get("famille") for p in programmes}
    for famille in families - {None}:
        assert f"famille-{famille}" in page.ids
        assert ("programmes/", f"famille-{famille}") in site.targets("programmes/")
    for statut in {p["statut"] for p in programmes}:
        assert ("programmes/", f"statut-{statut}") in site.targets("programmes/")
    css = (site.root / "assets" / "cadre.css").read_text(encoding="utf-8")
    assert ":target" in css


def _notes(html: str) -> list[str]:
    return re.findall(r"<details class=\"cadre-note[^\"]*\"[^>]*>", html)


def test_notes_are_collapsed_after_the_content_once_each_with_a_summary(site: Site) -> None:
    for url in site.all_urls():
        html = _html(site, url)
        assert "admonition note cadre-note" not in html, url  # no open note block anywhere
        notes = _notes(html)
        assert all(" open" not in n for n in notes), url
        if notes:
            article = re.search(r"<article.*?</article>", html, re.S).group(0)
            # after the content: under the page's last h2, « Notes éditoriales », with the switch (hidden without JS)
            assert article.rfind("<h2 ") == article.find('<h2 id="notes-editoriales"'), url
            assert '<button type="button" class="cadre-notes-bascule" role="switch" aria-checked="false" hidden>' \
                in article, url
            bodies = re.findall(r"<details class=\"cadre-note.*?</details>", article, re.S)
            texts = [re.sub(r"<summary>.*?</summary>|<p class=\"cadre-note__objet\">.*?</p>", "", b, flags=re.S)
                     for b in bodies]
            assert len(texts) == len(set(texts)), url  # each note once
            assert all("<summary>" in b for b in bodies), url
    # the same note on two programmes is shown once on their page, naming both, each marked where it stands
    programmes = read(FIXTURE / "programmes.yaml")
    shared = [n["texte"] for r in programmes for n in r.get("notes_editoriales", [])]
    repeated = {t for t in shared if shared.count(t) > 1}
    assert repeated, "la fixture doit avoir une note commune à deux programmes"
    html = _html(site, "programmes/")
    for texte in repeated:
        notes = [b for b in re.findall(r"<details class=\"cadre-note.*?</details>", html, re.S) if texte in b]
        assert len(notes) == 1
        owners = [p["id"] for p in programmes if texte in [n["texte"] for n in p.get("notes_editoriales", [])]]
        assert all(f'href="#{owner}"' in notes[0] for owner in owners)
        note_id = re.search(r'id="(note-\d+)"', notes[0]).group(1)
        assert html.count(f'class="cadre-note-ref" href="#{note_id}"') == len(owners)


def test_transcription_choices_are_told_apart(site: Site) -> None:
    notes = read(FIXTURE / "referentiels" / "ref-alpha.yaml")["notes_editoriales"]
    html = _html(site, "referentiels/ref-alpha/")
    for note in notes:
        kind = "transcription" if note["type"] == "transcription" else "document"
        bodies = re.findall(rf'<details class="cadre-note cadre-note--{kind}.*?</details>', html, re.S)
        assert any(plain(note["texte"])[:30] in re.sub(r"<[^>]+>", "", b) for b in bodies), note


def test_editorial_notes_page_has_an_anchor_per_type(site: Site) -> None:
    types = {n["type"] for p in sorted(FIXTURE.rglob("*.yaml")) for e in
             (read(p) if isinstance(read(p), list) else [read(p)]) if isinstance(e, dict)
             for n in e.get("notes_editoriales", [])}
    page = site.page("notes-editoriales/")
    for type_ in types:
        assert f"type-{type_}" in page.ids
        assert ("notes-editoriales/", f"type-{type_}") in site.targets("notes-editoriales/")


def test_editorial_notes_on_their_entity_and_gathered(site: Site) -> None:
    notes_page = site.page("notes-editoriales/")
    annotated = [("referentiels/ref-alpha/", read(FIXTURE / "referentiels" / "ref-alpha.yaml")),
                 ("textes/annexe-generalites/", read(FIXTURE / "chapitres" / "annexe-generalites.yaml"))]
    for url, entity in annotated:
        for note in entity["notes_editoriales"]:
            assert note["texte"] in site.page(url).article_text
            assert note["texte"] in notes_page.article_text
        assert site.links_to("notes-editoriales/", url)
    cas = read(FIXTURE / "cas-usage.yaml")[0]
    assert cas["notes_editoriales"][0]["texte"] in site.page("cas-usage/").article_text
    assert ("cas-usage/", cas["id"]) in site.targets("notes-editoriales/")


def test_governance_shows_both_descriptions_and_composition(site: Site) -> None:
    page = site.page("gouvernance/")
    instance = read(FIXTURE / "gouvernance" / "instances.yaml")[0]
    for description in instance["descriptions"]:
        assert all(m in page.article_text for m in description["missions"])
    groupe = read(FIXTURE / "gouvernance" / "elaboration.yaml")[0]
    for effectif in groupe["composition_par_organisation"]:
        assert f"{effectif['organisation']} {effectif['nombre']}" in page.article_text
    assert all(r["id"] in page.ids for r in read(FIXTURE / "gouvernance" / "regles.yaml"))


def test_home_page_shows_edition_and_entry_points_per_audience(site: Site) -> None:
    edition = read(FIXTURE / "edition.yaml")
    home = site.page("")
    assert str(edition["annee"]) in home.article_text
    assert edition["titre"] in home.article_text
    for acteur in entities(FIXTURE, "acteurs"):
        assert site.links_to("", f"acteurs/{acteur['id']}/")
    for overview in ("referentiels/", "socle/", "principes/"):
        assert site.links_to("", overview)


# the overview each kind's pages belong to, and how the navigation groups them (issue 13: fact sheets by category,
# services by version, texts by document; principles and actors in one list)
SECTIONS = {"referentiels": ("referentiels/", "categorie"), "socle": ("socle/", "version"),
            "principes": ("principes/", None), "acteurs": ("acteurs/", None), "chapitres": ("textes/", "document")}


def _html(site: Site, url: str) -> str:
    return (site.root / url / "index.html").read_text(encoding="utf-8")


def _breadcrumb(html: str) -> list[str]:
    found = re.search(r'<nav class="md-path".*?</nav>', html, re.S)
    return re.findall(r'<li class="md-path__item">.*?(?:href="([^"]*)"|<span class="md-path__link)', found.group(0),
                      re.S) if found else []


def _target(site: Site, url: str, href: str) -> str:
    resolved = site.resolve(url, href)
    return "" if resolved is None or resolved[0] == "." else resolved[0]


def _footer_links(html: str) -> dict[str, str]:
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    return {m.group(2): m.group(1) for m in re.finditer(
        r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"', footer)}


@pytest.mark.parametrize("folder", sorted(SECTIONS))
def test_every_entity_page_has_a_breadcrumb_its_siblings_and_neighbours(site: Site, folder: str) -> None:
    overview, group_field = SECTIONS[folder]
    data = sorted(entities(FIXTURE, folder), key=lambda e: e.get("ordre") or e.get("numero") or 0)
    urls = [f"{PAGE_FOLDERS[folder]}/{e['id']}/" for e in data]
    for url in urls:
        page, html = site.page(url), _html(site, url)
        crumbs = [_target(site, url, href) for href in _breadcrumb(html) if href]
        assert crumbs[:1] == [""], (url, crumbs)  # Accueil first
        assert overview in crumbs or folder == "chapitres", (url, crumbs)  # the section's overview
        listed = {_target(site, url, href) for href in page.nav_links}
        assert set(urls) <= listed, (url, set(urls) - listed)  # every page of its section, itself included
        active = re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active"', html)
        assert [_target(site, url, href) for href in active] == [url]
    for previous, following in zip(urls, urls[1:], strict=False):  # previous / next within the section
        assert _target(site, previous, _footer_links(_html(site, previous))["next"]) == following
        assert _target(site, following, _footer_links(_html(site, following))["prev"]) == previous
    if group_field:  # pages of one group sit under the group's name in the sidebar
        html = _html(site, urls[0])
        assert 'class="md-nav__item md-nav__item--active md-nav__item--section md-nav__item--nested"' in html


def test_next_never_leaves_the_section(site: Site) -> None:
    sheets = entities(FIXTURE, "referentiels")
    last = max(sheets, key=lambda e: e["ordre"])
    links = _footer_links(_html(site, f"referentiels/{last['id']}/"))
    assert "next" not in links


def test_french_titles_in_navigation(site: Site) -> None:
    home = (site.root / "index.html").read_text(encoding="utf-8")
    for title in ("Référentiels", "Socle commun", "Programmes nationaux", "Ressources"):
        assert title in home
    assert "Referentiels" not in home
    glossary = _html(site, "glossaire/")  # a tab's pages are listed on its own pages (navigation.prune)
    for title in ("Glossaire", "Notes éditoriales", "Gouvernance"):
        assert title in glossary


# --- live reload -------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_EDITION=FIXTURE_YEAR)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/referentiels/ref-alpha/"
        assert _wait_for(url, "Référentiel fictif Alpha", 60)
        sheet = data / "editions" / FIXTURE_YEAR / "referentiels" / "ref-alpha.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace(
            "nom: Référentiel fictif Alpha", "nom: Référentiel fictif Alpha modifié"), encoding="utf-8")
        assert _wait_for(url, "Référentiel fictif Alpha modifié", 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_invalid_data_fails_the_build_with_located_errors(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    sheet = data / "editions" / FIXTURE_YEAR / "referentiels" / "ref-alpha.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("categorie: cat-specifications",
                                                               "categorie: cat-inconnue"), encoding="utf-8")
    result = build_site(tmp_path / "site", data, FIXTURE_YEAR)
    assert result.returncode != 0
    assert "ref-alpha.yaml:" in result.stderr and "cat-inconnue" in result.stderr
    assert "Traceback" not in result.stderr
