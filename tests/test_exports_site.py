"""The open data and PDF documents as an industrial gets them: from the built site, checked against the site.

The real site is built once (`mkdocs build --strict`, session fixture). Every published JSON document is
validated against the schema read from the built site (not from Python), then compared with the pages the site
shows; the PDFs are opened and searched for each fact sheet's key facts, taken from the source document.
"""

from __future__ import annotations

import csv
import functools
import html
import http.server
import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jsonschema
import pypdf
import pytest

from cadre.cache import ContentCache
from cadre.exports.opendata import data_file_reference
from cadre.exports.pdf import cached_pdfs
from cadre.loading.knowledge import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]
PDF_LOG = re.compile(r"PDF : (\d+) rendu\(s\), (\d+) depuis le cache")

# Two facts per fact sheet, copied from the source document (/work/shared/seeds/000_eb46be12d9246c24.txt).
KEY_FACTS = {
    "ci-sis": ["version 1.3.2", "26 novembre 2015"],
    "pgssi-s": ["Référentiel d'imputabilité", "palier minimal"],
    "ins": ["6 janvier 1978", "octobre 2014"],
    "referencement-ins-c": ["188 logiciels", "CNDA"],
    "hds": ["L. 1111-8", "2006-6"],
    "dmp-compatibilite": ["www.dmp.gouv.fr/dmp-compatibilite", "3 profils"],
    "mssante-operateurs": ["liste blanche", "DSFT"],
    "terminologies": ["LOINC", "mars 2014"],
    "mos-nos": ["unités fonctionnelles", "coordonnées géographiques"],
    "ror-modele": ["D6124-25", "première vision commune"],
    "rpps": ["400 000", "75 000"],
    "adeli": ["décomissionnement", "chiropracteur"],
    "finess": ["FINESS est opérationnel", "établissements de formation"],
    "produits-certification": ["S/MIME", "EIDAS"],
}


@dataclass(frozen=True)
class Build:
    site: Path
    log: str

    def json(self, path: str) -> dict:
        return json.loads((self.site / path).read_text(encoding="utf-8"))

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def mkdocs_build(target: Path) -> Build:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    return Build(target, done.stderr)


@pytest.fixture(scope="session")
def built(real_site) -> Build:
    result, out = real_site  # one build of the real edition for the whole session (tests/conftest.py)
    assert result.returncode == 0, result.stderr[-4000:]
    return Build(out, result.stderr)


@pytest.fixture(scope="session")
def edition(built: Build) -> dict:
    return built.json("api/v1/edition.json")


def schema_from_site(built: Build, name: str) -> jsonschema.Draft202012Validator:
    schema = built.json(f"api/v1/schemas/{name}")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# --- HTML helpers --------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    """The page's h1 text (without the permalink sign) and every <a> with its href, class and text."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self.links: list[dict[str, str]] = []
        self._in_h1 = self._in_headerlink = False
        self._link: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "h1" and not self.h1:
            self._in_h1 = True
        if tag == "a":
            self._in_headerlink = "headerlink" in attributes.get("class", "")
            self._link = {"href": attributes.get("href", ""), "class": attributes.get("class", ""), "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link, self._in_headerlink = None, False

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self._in_headerlink:
            self.h1 += data
        if self._link is not None:
            self._link["text"] += data


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def spaces(text: str) -> str:
    """One plain space for any run of spaces (French typography uses no-break and narrow no-break spaces)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def target_of(built: Build, page_url: str, href: str) -> Path:
    """The file of the built site that a relative link of the page at `page_url` leads to."""
    path = urlparse(urljoin(f"http://site/{page_url}", href)).path.lstrip("/")
    return built.site / path


# --- the API files -------------------------------------------------------------------------------------------


def test_every_document_of_the_edition_is_published_and_valid(built: Build, edition: dict) -> None:
    schema_from_site(built, "edition.schema.json").validate(edition)
    assert edition["edition"] == edition["metadonnees"]["annee"] == 2016
    for kind, listing in edition["types"].items():
        schema_from_site(built, f"{kind}.schema.json").validate(built.json(f"api/v1/{kind}.json"))
        one = schema_from_site(built, f"{kind}.entite.schema.json")
        for document in listing["entites"]:
            published = built.json(f"api/v1/{kind}/{document['id']}.json")
            one.validate(published)
            assert published == document  # the entity's own file says what the whole edition says
            assert published["edition"] == 2016
        assert (built.site / f"api/v1/{kind}.csv").is_file()


def test_the_published_schemas_reject_a_wrong_document(built: Build) -> None:
    document = built.json("api/v1/referentiel/ci-sis.json")
    document["entite"]["disponibilite"]["statut"] = "bientôt"
    with pytest.raises(jsonschema.ValidationError):
        schema_from_site(built, "referentiel.entite.schema.json").validate(document)
    document = built.json("api/v1/referentiel/ci-sis.json")
    del document["edition"]
    with pytest.raises(jsonschema.ValidationError):
        schema_from_site(built, "referentiel.entite.schema.json").validate(document)


def test_the_referentiels_json_lists_exactly_the_fact_sheets_of_the_site(built: Build) -> None:
    listing = built.json("api/v1/referentiel.json")
    pages = {p.parent.name for p in (built.site / "referentiels").glob("*/index.html")} - {"evolutions"}
    assert {d["id"] for d in listing["entites"]} == pages
    assert listing["nombre"] == len(pages) == 14
    for document in listing["entites"]:
        entite = document["entite"]
        title = entite["nom"]
        if entite.get("sigle") and entite["sigle"] not in entite["nom"]:
            title += f" ({entite['sigle']})"
        assert spaces(parse(built.page(document["permalien"])).h1) == spaces(title)


@pytest.mark.parametrize("kind", ["service", "principe", "acteur", "chapitre"])
def test_each_entity_page_has_its_json_document(built: Build, kind: str) -> None:
    listing = built.json(f"api/v1/{kind}.json")
    assert listing["entites"], kind
    for document in listing["entites"]:
        page = built.page(document["permalien"])
        h1 = spaces(parse(page).h1)
        name = document["entite"].get("nom") or document["entite"]["titre"]
        assert spaces(name) in h1, (document["id"], h1)


def read_csv(built: Build, name: str) -> list[dict[str, str]]:
    raw = (built.site / "api/v1" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_csv_files_hold_the_same_entities_with_the_documented_conventions(built: Build, edition: dict) -> None:
    rows = read_csv(built, "objectif.csv")
    documents = edition["types"]["objectif"]["entites"]
    assert [r["id"] for r in rows] == [d["id"] for d in documents]
    assert {r["edition"] for r in rows} == {"2016"}
    for row, document in zip(rows, documents, strict=True):
        cibles = document["entite"]["fin_2016"]  # a list of objects: one column per field, « ; » between
        assert row["fin_2016.texte"] == " ; ".join(c["texte"] for c in cibles)
        assert row["fin_2016.id"] == " ; ".join(c["id"] for c in cibles)
        notes = document["entite"].get("notes_editoriales", [])
        assert row["notes_editoriales.type"] == " ; ".join(n["type"] for n in notes)  # list of objects: flat
    referentiels = read_csv(built, "referentiel.csv")
    ci_sis = next(r for r in referentiels if r["id"] == "ci-sis")
    assert ci_sis["disponibilite.statut"] == "disponible"  # nested values: one column per sub-field
    assert "disponibilite" not in ci_sis and "liens" not in ci_sis
    assert ci_sis["permalien"] == "referentiels/ci-sis/"
    for kind in edition["types"]:
        for row in read_csv(built, f"{kind}.csv"):
            assert not any(cell.startswith(("{", "[{")) for cell in row.values()), (kind, row["id"])  # no JSON


# --- the links of each entity page ---------------------------------------------------------------------------


def exports_links(built: Build, page_url: str) -> dict[str, str]:
    links = parse(built.page(page_url)).links
    return {spaces(a["text"]): a["href"] for a in links
            if spaces(a["text"]) in ("Données JSON", "Fiche PDF", "Proposer une modification")}


def test_every_entity_page_links_to_its_own_json_document(built: Build, edition: dict) -> None:
    pages = 0
    for kind in ("chapitre", "referentiel", "service", "principe", "acteur"):
        for document in edition["types"][kind]["entites"]:
            links = exports_links(built, document["permalien"])
            target = target_of(built, document["permalien"], links["Données JSON"])
            assert json.loads(target.read_text("utf-8"))["permalien"] == document["permalien"]
            pages += 1
    assert pages > 50


def test_a_fact_sheet_links_to_its_pdf_and_to_its_data_file_only_once_configured(built: Build) -> None:
    links = exports_links(built, "referentiels/ci-sis/")
    assert target_of(built, "referentiels/ci-sis/", links["Fiche PDF"]) == built.site / "pdf/referentiel-ci-sis.pdf"
    # mkdocs.yml sets no repository address (extra.depot_donnees): no « Proposer une modification » link, and the
    # open-data page does not mention one (with an address, tests/test_site_units.py shows the link)
    assert "Proposer une modification" not in links
    assert "Proposer une modification" not in built.page("donnees-ouvertes/")


def test_an_entity_of_a_list_file_points_at_its_line() -> None:
    kb = load_knowledge_base(ROOT / "data", 2016)
    programme = kb.all("programme")[3]
    reference = data_file_reference(kb, "programme", programme.id, ROOT)
    path, _, line = reference.partition("#L")
    assert path == "data/editions/2016/programmes.yaml"
    assert f"id: {programme.id}" in (ROOT / path).read_text("utf-8").splitlines()[int(line) - 1]


def test_the_open_data_page_shows_real_excerpts_and_links_every_file(built: Build, edition: dict) -> None:
    page = built.page("donnees-ouvertes")
    assert "<!-- donnees:" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert '"id": "ci-sis"' in text and '"edition": 2016' in text  # the JSON excerpt
    assert "edition;id;section;notes_editoriales.type;" in text  # the CSV excerpt's header
    assert "Les fichiers de l'édition" in text and "l'édition 2016 du cadre commun" in spaces(text)
    targets = {target_of(built, "donnees-ouvertes/", a["href"]) for a in parse(page).links}
    for pdf in (built.site / "pdf").glob("*.pdf"):
        assert pdf in targets, pdf.name
    for kind in edition["types"]:
        for name in (f"{kind}.json", f"{kind}.csv", f"schemas/{kind}.schema.json"):
            assert built.site / "api/v1" / name in targets, name
            assert (built.site / "api/v1" / name).is_file()


# --- PDF documents ---------------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    return spaces(text.replace("\u2010\n", ""))  # WeasyPrint hyphenates with U+2010 at line ends


@pytest.mark.parametrize("referentiel", sorted(KEY_FACTS))
def test_each_fact_sheet_pdf_carries_its_key_facts(built: Build, referentiel: str) -> None:
    text = pdf_text(built.site / f"pdf/referentiel-{referentiel}.pdf")
    nom = built.json(f"api/v1/referentiel/{referentiel}.json")["entite"]["nom"]
    assert spaces(nom) in text
    assert "édition 2016" in text
    assert "page 1 / " in text  # the print stylesheet applied (running footer with page numbers)
    for fact in KEY_FACTS[referentiel]:
        assert fact in text, fact


def test_every_fact_sheet_has_a_pdf_and_the_edition_pdf_holds_them_all(built: Build) -> None:
    ids = {d["id"] for d in built.json("api/v1/referentiel.json")["entites"]}
    sheets = {f"{kind}-{d['id']}.pdf" for kind in ("referentiel", "service", "principe")
              for d in built.json(f"api/v1/{kind}.json")["entites"]}
    assert {p.name for p in (built.site / "pdf").glob("*.pdf")} == sheets | {"cadre-commun-2016.pdf"}
    assert len(sheets) == 14 + 15 + 14  # référentiels, socle services, principles of the 2016 edition
    assert ids == set(KEY_FACTS)
    whole = pdf_text(built.site / "pdf/cadre-commun-2016.pdf")
    assert "SG/DSSIS/2016/147" in whole
    for facts in KEY_FACTS.values():
        for fact in facts:
            assert fact in whole, fact
    # in the document's order (facts found only in their own fact sheet)
    order = ["AFSZ1612485J", "version 1.3.2", "188 logiciels", "L. 1111-8", "400 000", "S/MIME"]
    assert [whole.index(fact) for fact in order] == sorted(whole.index(fact) for fact in order)


@pytest.mark.parametrize("kind", ["service", "principe"])
def test_each_service_and_principle_page_links_to_its_pdf(built: Build, kind: str) -> None:
    for document in built.json(f"api/v1/{kind}.json")["entites"]:
        links = exports_links(built, document["permalien"])
        target = target_of(built, document["permalien"], links["Fiche PDF"])
        assert target == built.site / f"pdf/{kind}-{document['id']}.pdf"
        title = spaces(parse(built.page(document["permalien"])).h1)
        assert title[:30] in pdf_text(target), (document["id"], title)


def test_every_published_pdf_is_tagged(built: Build) -> None:
    for path in (built.site / "pdf").glob("*.pdf"):
        root = pypdf.PdfReader(path).trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/Lang"] == "fr", path.name
        assert bool(root["/MarkInfo"]["/Marked"]), path.name


# --- PDF cache -------------------------------------------------------------------------------------------------


def test_a_second_build_renders_no_pdf_again(built: Build, tmp_path: Path) -> None:
    first = PDF_LOG.search(built.log)
    assert first, built.log[-2000:]
    assert int(first[1]) + int(first[2]) == 44
    again = mkdocs_build(tmp_path / "again")
    rendered, cached = map(int, PDF_LOG.search(again.log).groups())
    assert (rendered, cached) == (0, 44)
    sheet = "pdf/referentiel-ci-sis.pdf"
    assert (again.site / sheet).read_bytes() == (built.site / sheet).read_bytes()


def test_the_pdf_cache_renders_only_what_changed(tmp_path: Path) -> None:
    documents = [("pdf/a.pdf", "<p>Version 1.3.2</p>"), ("pdf/b.pdf", "<p>188 logiciels</p>")]
    pdfs, run = cached_pdfs(documents, ContentCache(tmp_path), workers=1)
    assert sorted(run.rendered) == ["pdf/a.pdf", "pdf/b.pdf"] and run.cached == []
    assert "1.3.2" in pypdf.PdfReader(io.BytesIO(pdfs["pdf/a.pdf"])).pages[0].extract_text()
    changed = [documents[0], ("pdf/b.pdf", "<p>189 logiciels</p>")]
    preview, run = cached_pdfs(changed, ContentCache(tmp_path), workers=1, allow_stale=True)  # `mkdocs serve`
    assert run.rendered == [] and run.stale == ["pdf/b.pdf"] and preview["pdf/b.pdf"] == pdfs["pdf/b.pdf"]
    rebuilt, run = cached_pdfs(changed, ContentCache(tmp_path), workers=1)
    assert run.rendered == ["pdf/b.pdf"] and run.cached == ["pdf/a.pdf"]
    assert "189" in pypdf.PdfReader(io.BytesIO(rebuilt["pdf/b.pdf"])).pages[0].extract_text()


# --- print stylesheet ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built: Build) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
def test_printing_a_page_hides_the_navigation_and_shows_link_addresses(served: str, browser) -> None:
    # one browser for the whole session (tests/conftest.py)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(served + "referentiels/ci-sis/")
    furniture = [".md-sidebar--primary", ".md-sidebar--secondary", ".md-header", ".md-tabs", ".cadre-exports"]
    assert all(page.locator(selector).first.is_visible() for selector in furniture)
    page.emulate_media(media="print")
    for selector in [*furniture, ".md-search", ".md-footer"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    external = page.locator('article a[href^="http://esante.gouv.fr"]').first
    assert external.get_attribute("href") in external.evaluate("a => getComputedStyle(a, '::after').content")
    internal = page.locator('article a[href*="referentiels/#"]').first  # the category, inside the site
    assert "http" not in internal.evaluate("a => getComputedStyle(a, '::after').content")
    h2 = page.locator("article h2").first
    assert h2.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    font = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert font >= 13  # readable on paper (Material alone prints at 10.9 px)
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Données JSON").click()  # instant navigation must let the file open
    page.wait_for_url("**/api/v1/referentiel/ci-sis.json")
    assert json.loads(page.locator("pre").inner_text())["id"] == "ci-sis"
    page.close()
