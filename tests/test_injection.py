"""Injection tests (issue 10, point 9): the hostile edition built for real, every built file scanned.

The edition (tests/hostile_edition.py) carries attack strings in every text field of every kind; it is built
once per session with `mkdocs build --strict` under an audit hook (tests/audited_build.py). Each output is then
read the way its consumer reads it: HTML pages and the search index (which the theme renders as HTML) as a
browser's parser would, diagrams and feeds as XML, open data as JSON and CSV, PDFs with pypdf. A failure names
the built file and, through the markers the payloads carry, the data field the string came from.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pypdf
import pytest
from hostile_edition import PROJECT, YEAR, HostileSite, model_text_fields
from hostile_payloads import MARKER, MARKUP_ACRONYM, PASSWD

from cadre.model.kinds import KINDS

SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# attributes holding an address; the browser fetches those of FETCHED by itself
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset",
                  "xlink:href", "ping", "manifest", "longdesc", "lowsrc", "dynsrc", "codebase", "icon"}
FETCHED = {"src", "srcset", "data", "poster", "background", "manifest", "lowsrc", "dynsrc", "codebase", "icon"}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch",
                 "preconnect", "import"}
# elements that run, load or submit something: never made from data, wherever data lands
ACTIVE_IN_DATA = {"script", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object", "embed",
                  "applet", "form", "input", "button", "textarea", "select", "svg", "math", "video", "audio",
                  "source", "track", "picture", "template", "noscript", "portal", "dialog", "img"}
ACTIVE_ANYWHERE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# the self-assessment pages' own form (cadre.site.evaluation), inside <div data-evaluation> (an attribute data text
# cannot carry): its controls have these attributes only, their values made of ids (slugs) and fixed words
EVALUATION_CONTROLS = {"input", "button", "select", "textarea"}
EVALUATION_ATTRIBUTES = {"type", "name", "value", "id", "class", "data-champ", "data-action", "rows", "accept",
                         "autocomplete"}
# the only attributes where data text may appear (as text): anything else would be data given a meaning
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "href", "id", "content"}


def scheme(url: str) -> str | None:
    """The scheme a browser reads: controls and spaces around are dropped, tabs and newlines anywhere."""
    normalised = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                     "\x1d\x1e\x1f ")
    match = _SCHEME.match(normalised)
    if match:
        return match.group(1).lower()
    return "//" if normalised.startswith(("//", "\\\\", "/\\", "\\/")) else None


class ActiveContent(HTMLParser):
    """What in an HTML document could run, load or mean something it should not. `data` says where data
    text lands: inside <article> for a page, everywhere for a fragment (search text, feed content)."""

    def __init__(self, everywhere_data: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.everywhere_data = everywhere_data
        self.article = 0
        self.script: list[str] | None = None
        self.problems: list[str] = []
        self.evaluation = 0  # depth of <div> inside the self-assessment form, 0 outside

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attrs_list}
        in_data = self.everywhere_data or self.article > 0
        if tag == "article":
            self.article += 1
        if tag == "div" and (self.evaluation or "data-evaluation" in attrs):
            self.evaluation += 1
        shown = f"<{tag} {' '.join(f'{k}={v[:120]!r}' for k, v in attrs.items())}>"
        if tag in ACTIVE_ANYWHERE or (in_data and tag in ACTIVE_IN_DATA and not _harmless(tag, attrs)
                                          and not (self.evaluation and _evaluation_control(tag, attrs))):
            self.problems.append(f"élément actif {shown}")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"redirection {shown}")
        if tag == "link" and FETCHED_LINKS & set(attrs.get("rel", "").lower().split()) and scheme(attrs["href"]):
            self.problems.append(f"ressource d'un autre site {shown}")
        if tag == "script":
            self.script = []
            if scheme(attrs.get("src", "")):
                self.problems.append(f"script d'un autre site {shown}")
        for name, value in attrs.items():
            self._attribute(tag, name, value, shown)

    def _attribute(self, tag: str, name: str, value: str, shown: str) -> None:
        if name.startswith("on"):
            self.problems.append(f"attribut d'événement {shown}")
        if name in URL_ATTRIBUTES:
            found = scheme(value)
            if found is not None and found not in SAFE_SCHEMES:
                self.problems.append(f"adresse {found}: {shown}")
            elif found is not None and (name in FETCHED or tag == "img"):
                self.problems.append(f"ressource chargée d'un autre site {shown}")
        if name == "style" and re.search(r"url\(|expression\(|@import|\\", value, re.I):
            self.problems.append(f"style actif {shown}")
        if MARKER.search(value) and name not in TEXT_ATTRIBUTES:
            self.problems.append(f"texte des données dans l'attribut {name} {shown}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article:
            self.article -= 1
        if tag == "div" and self.evaluation:
            self.evaluation -= 1
        if tag == "script" and self.script is not None:
            content = "".join(self.script)
            if MARKER.search(content) or "alert(" in content:
                self.problems.append(f"script écrit par les données : {content[:200]!r}")
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)


SITE_BUTTONS = {"cadre-notes-bascule"}  # buttons of the templates (cadre.js gives them their behaviour)


def _harmless(tag: str, attrs: dict[str, str]) -> bool:
    """The site's own elements inside articles: diagrams (inline SVG or <img> of its SVG), the checklist's boxes
    and the notes switch (written by the template with fixed attributes: nothing of the data in them). An inline
    diagram's own contents (links, text) are checked like any other element."""
    if tag == "button":
        return (attrs.get("class") in SITE_BUTTONS and set(attrs) <= {"type", "class", "role", "aria-checked", "hidden"}
                and not any(MARKER.search(value or "") for value in attrs.values()))
    if tag == "svg":
        return attrs.get("class") == "cadre-diagramme" and attrs.get("role") == "group"
    if tag == "img":
        return scheme(attrs.get("src", "")) is None and not MARKER.search(attrs.get("src", ""))
    return tag == "input" and attrs.get("type") == "checkbox" and set(attrs) <= {"type", "disabled", "checked"}


def _evaluation_control(tag: str, attrs: dict[str, str]) -> bool:
    return (tag in EVALUATION_CONTROLS and set(attrs) <= EVALUATION_ATTRIBUTES
            and not any(MARKER.search(value) for value in attrs.values()))


def active_content(html: str, everywhere_data: bool = False) -> list[str]:
    parser = ActiveContent(everywhere_data)
    parser.feed(html)
    parser.close()
    return parser.problems


def report(site: HostileSite, problems: list[tuple[str, str]]) -> str:
    """Problems, at most 30, each with its file and the data fields it comes from."""
    lines = [f"{where}: {what}\n    ← {site.edition.where(what)}" for where, what in problems[:30]]
    return f"{len(problems)} problème(s)\n" + "\n".join(lines)


def relative(site: HostileSite, path: Path) -> str:
    return path.relative_to(site.out).as_posix()


# --- the edition and its build ----------------------------------------------------------------------------------


def test_every_text_field_of_every_kind_is_hostile_and_the_edition_validates(hostile_site: HostileSite) -> None:
    edition = hostile_site.edition
    assert edition.model_fields == model_text_fields()
    kinds = {field.path.split(":")[0] for field in edition.fields.values() if ":" in field.path}
    assert kinds == set(KINDS), f"types sans champ hostile : {set(KINDS) - kinds}"
    assert any(field.path.startswith("edition.instruction.") for field in edition.fields.values())
    validation = subprocess.run([sys.executable, "-m", "cadre.cli", "--data", str(edition.data), "validate"],
                                cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert validation.returncode == 0, validation.stdout + validation.stderr


def test_the_strict_build_passes(hostile_site: HostileSite) -> None:
    build = hostile_site.build
    assert build.returncode == 0, build.stderr[-3000:]
    assert "WARNING" not in build.stderr and "Traceback" not in build.stderr, build.stderr[-3000:]


def test_the_build_fetches_nothing_and_reads_no_file_the_data_points_at(hostile_site: HostileSite) -> None:
    assert hostile_site.build.returncode == 0
    assert hostile_site.audit == []


def test_the_audit_hook_records_what_it_watches(tmp_path: Path) -> None:
    """The instrument of the test above, seen failing: a read of the watched file and a name lookup."""
    log = tmp_path / "audit.log"
    script = ("import socket, audited_build as a, sys\n"
              f"a.install({str(log)!r}, ({PASSWD!r},))\n"
              f"open({PASSWD!r}).read()\n"
              "try:\n    socket.getaddrinfo('evil.invalid', 80)\nexcept OSError:\n    pass\n")
    subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent, check=True, timeout=60)
    recorded = log.read_text()
    assert f"open {PASSWD}" in recorded and "socket.getaddrinfo" in recorded


# --- what readers' browsers get -------------------------------------------------------------------------------


def test_pages_carry_no_active_content(hostile_site: HostileSite) -> None:
    pages = hostile_site.files(".html")
    assert len(pages) >= 40
    problems = [(relative(hostile_site, page), problem) for page in pages
                for problem in active_content(page.read_text(encoding="utf-8"))]
    assert problems == [], report(hostile_site, problems)


def test_pages_show_the_hostile_text_as_text(hostile_site: HostileSite) -> None:
    """The scan above saw the payloads: the fields' markers and their raw tags are on the pages, as text."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in hostile_site.files(".html"))
    shown = set(MARKER.findall(text))
    for kind in KINDS:
        markers = {f.marker for f in hostile_site.edition.fields.values() if f.path.startswith(f"{kind}:")}
        assert markers & shown, f"aucun champ de {kind} n'apparaît sur le site"
    assert "&lt;script&gt;alert(" in text and "70001*3" in text


def pagefind_fragments(site: Path) -> list[dict]:
    """Pagefind's per-page records: gzip of « pagefind_dcd » then JSON (url, content, meta, anchors)."""
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragments.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return fragments


def test_search_index_holds_data_as_text_and_the_box_shows_it_as_text(hostile_site: HostileSite) -> None:
    """Pagefind stores a page's words as plain text (the hostile markup is there as characters, searchable); the
    site's box (docs/assets/recherche.js) must then never hand any of it to the HTML parser of the page: results
    point inside the site and the script writes text nodes only (the browser test types hostile queries)."""
    fragments = pagefind_fragments(hostile_site.out)
    assert fragments
    outside = [doc["url"] for doc in fragments if scheme(doc["url"]) is not None or not doc["url"].startswith("/")]
    assert outside == []
    assert any(MARKER.search(doc["content"]) for doc in fragments)
    assert any("<script>" in doc["content"] for doc in fragments)  # kept as text, not dropped nor run
    script = (PROJECT / "docs" / "assets" / "recherche.js").read_text(encoding="utf-8")
    sinks = re.findall(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|srcdoc|eval|Function\()", script)
    assert sinks == []


def test_diagrams_draw_data_as_text_and_reference_nothing(hostile_site: HostileSite) -> None:
    svg_ns = "{http://www.w3.org/2000/svg}"
    problems, drawn = [], []
    for path in hostile_site.files(".svg"):
        where = relative(hostile_site, path)
        root = ET.parse(path).getroot()
        for element in root.iter():
            name = element.tag.removeprefix(svg_ns)
            if name in ("script", "image", "foreignObject", "style", "use", "iframe", "animate", "set"):
                problems.append((where, f"élément <{name}>"))
            for attribute, value in element.attrib.items():
                own_link = name == "a" and attribute == "href" and re.fullmatch(r"(\.\./)+([a-z0-9-]+/)*(#[a-z0-9-]+)?",
                                                                                  value)
                if attribute.startswith("on") or (attribute.endswith("href") and not own_link) or "url(" in value:
                    problems.append((where, f"<{name} {attribute}={value[:120]!r}>"))
            if name == "g" and element.get("class") in ("node", "edge", "cluster"):
                title = element.findtext(f"{svg_ns}title") or ""
                if MARKER.search(title):  # a box named by data: DOT statements written by the data
                    problems.append((where, f"élément de diagramme nommé par les données : {title[:200]}"))
        drawn += ["".join(t.itertext()) for t in root.iter(f"{svg_ns}text")]
    assert problems == [], report(hostile_site, problems)
    text = "\n".join(drawn)
    assert MARKER.search(text), "aucun texte des données dans les diagrammes"
    assert MARKUP_ACRONYM in text and "<b>gras</b>" in text, "un label des données lu comme du balisage Graphviz"
    assert "\\N" in text and "\\G" in text, "une séquence d'échappement des données interprétée par Graphviz"


# --- feeds and open data ----------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feeds_are_well_formed_atom_with_inert_content(hostile_site: HostileSite) -> None:
    feeds = hostile_site.files(".xml")
    feeds = [f for f in feeds if "flux" in (f.parent.name, f.parent.parent.name)]  # the kinds' and the fiches'
    assert len([f for f in feeds if f.parent.name == "flux"]) == len(KINDS) + 1
    assert len(feeds) > len(KINDS) + 1
    problems, contents = [], 0
    for path in feeds:
        where = relative(hostile_site, path)
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            problems.append((where, f"XML mal formé : {error}"))
            continue
        for element in root.iter():
            if element.tag == f"{ATOM}link" and scheme(element.get("href", "")) not in (None, "http", "https"):
                problems.append((where, f"lien {element.get('href')}"))
            kind = element.get("type")
            if element.tag == f"{ATOM}content":
                contents += 1
                problems += [(where, p) for p in active_content(element.text or "", True)]
            elif element.tag in (f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}summary") and kind not in (None, "text"):
                problems.append((where, f"<{element.tag}> de type {kind} : les données y seraient du balisage"))
    assert problems == [], report(hostile_site, problems)
    assert contents > 0


def test_calendars_hold_the_hostile_text_as_text(hostile_site: HostileSite) -> None:
    """No data text adds a line, a property or an event to a calendar: every event parsed is one we wrote, and its
    text properties give back the data's words (the writer escapes commas, semicolons and newlines)."""
    calendars = hostile_site.files(".ics")
    assert calendars
    problems, events = [], 0
    for path in calendars:
        raw = path.read_text(encoding="utf-8")
        where = relative(hostile_site, path)
        parsed = icalendar.Calendar.from_ical(raw)
        written = [line for line in raw.splitlines() if line.startswith("BEGIN:VEVENT")]
        found = parsed.walk("VEVENT")
        if len(written) != len(found):
            problems.append((where, f"{len(written)} événements écrits, {len(found)} lus"))
        for event in found:
            events += 1
            if not str(event["uid"]).endswith("@cadre-esante"):
                problems.append((where, f"UID étranger {event['uid']}"))
            unknown = set(event) - _CALENDAR_PROPERTIES
            if unknown:
                problems.append((where, f"propriétés inattendues {sorted(unknown)}"))
    assert problems == [], report(hostile_site, problems)
    assert events > 0
    deadline = next(e for e in icalendar.Calendar.from_ical((hostile_site.out / "calendrier" / "edition.ics")
                                                                .read_text(encoding="utf-8")).walk("VEVENT")
                    if str(e["summary"]).startswith("Socle commun"))
    socle = next(f.marker for f in hostile_site.edition.fields.values() if f.path == "edition.echeance_socle.libelle")
    assert socle in str(deadline["description"])  # the data's words, as text


_CALENDAR_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "TRANSP", "URL",
                        "X-CADRE-PRECISION", "X-CADRE-DATE-ECRITE"}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_open_data_json_is_valid_safe_in_a_script_and_lossless(hostile_site: HostileSite) -> None:
    files = [p for p in hostile_site.files(".json") if "api" in p.relative_to(hostile_site.out).parts]
    assert len(files) > 50
    problems = []
    for path in files:
        raw = path.read_text(encoding="utf-8")
        json.loads(raw)
        for unsafe in ("</", "<!--", "<script", "\u2028", "\u2029"):
            if unsafe in raw.lower():
                problems.append((relative(hostile_site, path), f"{unsafe!r} tel quel"))
    assert problems == [], report(hostile_site, problems)
    edition = json.loads((hostile_site.out / "api" / "v1" / "edition.json").read_text(encoding="utf-8"))
    published = set(_strings(edition))
    altered = [f.path for f in hostile_site.edition.fields.values() if f.value not in published]
    assert altered == [], f"textes altérés dans les données ouvertes : {altered[:10]}"


def test_csv_cells_are_never_formulas(hostile_site: HostileSite) -> None:
    files = [p for p in hostile_site.files(".csv")]
    assert len(files) == len(KINDS)
    problems, neutralised = [], 0
    for path in files:
        for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and cell:
                    problems.append((relative(hostile_site, path), f"cellule formule {cell[:80]!r}"))
                neutralised += cell.startswith(("'=", "'+", "'-", "'@"))
    assert problems == [], report(hostile_site, problems)
    assert neutralised > 0, "aucune cellule des données ne commençait par une formule : le test ne voit rien"


# --- printed documents ------------------------------------------------------------------------------------------


def _passwd_lines() -> list[str]:
    try:
        lines = Path(PASSWD).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return ["root:x:0:0", *(line for line in lines if len(line) > 12)]


@pytest.fixture(scope="module")
def printed(hostile_site: HostileSite) -> dict[Path, tuple[pypdf.PdfReader, str]]:
    """Each PDF of the site, read once (text extraction takes seconds): its reader and its text."""
    documents = {}
    for path in hostile_site.files(".pdf"):
        reader = pypdf.PdfReader(path)
        documents[path] = reader, "".join(page.extract_text() or "" for page in reader.pages)
    return documents


def _images(resources: Any, depth: int = 0) -> int:
    """Image objects a page draws, through its form objects (a resource walk: `page.images` decodes them)."""
    count = 0
    for xobject in (resources.get_object().get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Image":
            count += 1
        elif xobject.get("/Subtype") == "/Form" and depth < 10:
            count += _images(xobject.get("/Resources") or {}, depth + 1)
    return count


def test_pdfs_hold_nothing_of_the_build_machine_and_run_nothing(hostile_site: HostileSite, printed) -> None:
    sheets = [k for k in KINDS.values() if k.fact_sheet]
    data = hostile_site.edition.data / "editions" / str(YEAR)
    assert len(printed) == 1 + sum(len(list((data / k.source).glob("*.yaml"))) for k in sheets)
    secrets, problems = _passwd_lines(), []
    for path, (reader, text) in printed.items():
        where = relative(hostile_site, path)
        problems += [(where, f"ligne de {PASSWD} imprimée : {s}") for s in secrets if s in text]
        root = reader.trailer["/Root"]
        problems += [(where, f"action à l'ouverture {k}") for k in ("/OpenAction", "/AA") if k in root]
        names = root.get("/Names", {})
        problems += [(where, f"{k} dans le document") for k in ("/JavaScript", "/EmbeddedFiles") if k in names]
        for page in reader.pages:
            if _images(page.get("/Resources") or {}):
                problems.append((where, f"image dans la page {page.page_number + 1}"))
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                kind, uri = action.get("/S"), str(action.get("/URI", ""))
                if kind not in (None, "/URI", "/GoTo") or (kind == "/URI" and scheme(uri) not in SAFE_SCHEMES):
                    problems.append((where, f"lien {kind} {uri[:120]}"))
    assert problems == [], report(hostile_site, problems)
    text = "".join(text for _, text in printed.values())
    assert "alert(" in text and "<script>" in text, "les PDF n'ont pas reçu le texte hostile"


# --- template syntax --------------------------------------------------------------------------------------------


def test_template_syntax_in_data_is_never_evaluated(hostile_site: HostileSite, printed) -> None:
    """70001*3 = 210003: the number would appear if any template engine (Jinja2, mkdocs-macros) evaluated
    data; the expression itself is on the pages."""
    evaluated = []
    for suffix in (".html", ".json", ".xml", ".csv", ".svg"):
        for path in hostile_site.files(suffix):
            if "210003" in path.read_text(encoding="utf-8"):
                evaluated.append(relative(hostile_site, path))
    assert evaluated == []
    assert all("210003" not in text for _, text in printed.values())


@pytest.mark.parametrize("scheme_text, expected", [
    ("java\tscript:alert(1)", "javascript"), ("  JaVaScRiPt:x", "javascript"), ("\x01data:x", "data"),
    ("//evil.invalid/x.png", "//"), ("../x.svg", None), ("#ancre", None), ("https://a.org", "https"),
])
def test_scheme_reads_addresses_as_a_browser_does(scheme_text: str, expected: str | None) -> None:
    assert scheme(scheme_text) == expected


def test_active_content_finds_each_kind_of_problem() -> None:
    """The scanner, seen failing on what the hostile data tries to produce."""
    samples = ['<p onclick="x">', '<a href="java&#x09;script:alert(1)">', '<article><img src="http://e.invalid/x">',
               '<abbr title="x" onmouseover="y">', '<article><script>alert(1)</script>', '<iframe src="/x">',
               '<article><span style="background:url(http://e.invalid)">', '<span class="INJ0001">']
    for sample in samples:
        assert active_content(sample), sample
    assert active_content('<article><p title="INJ0001 &lt;script&gt;">x</p><a href="https://a.org">a</a>') == []


# --- the fixes the hostile edition led to, one by one (no build) ------------------------------------------------


@pytest.mark.parametrize("title", ["Évaluation\x7f [x`](../index.md){: onmouseover=alert(1) }`", "a\ufffeb",
                                   "l'INS « x » : \"q\" \\", "---", "a\u2028b\x85c"])
def test_front_matter_is_read_back_by_mkdocs_whatever_the_title(title: str) -> None:
    from mkdocs.utils.meta import get_data

    from cadre.site.templating import front_matter

    body, meta = get_data(front_matter(title, entity_id="x") + "# Titre\n")
    assert body == "# Titre\n" and meta["entity_id"] == "x" and meta["render_macros"] is False
    assert meta["title"].startswith(title.split("\x7f")[0][:1])


def test_the_plain_filter_is_inert_in_the_alt_text_of_a_markdown_image() -> None:
    import markdown

    from cadre.site.templating import plain_attribute

    alt = plain_attribute("SD`](../index.md){: onerror=alert(2) }` *x* l'INS & <b>")
    page = markdown.Markdown(extensions=["attr_list"]).convert(f"![Contexte : {alt}](d.svg){{ .c }}")
    images: list[dict[str, str | None]] = []

    class Images(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            images.extend([dict(attrs)] if tag == "img" else [])

    Images(convert_charrefs=True).feed(page)
    assert images == [{"alt": "Contexte : SD](../index.md){: onerror=alert(2) } x l'INS & <b>", "class": "c",
                       "src": "d.svg"}]


def test_a_box_named_by_data_is_drawn() -> None:
    from cadre.site.figures.drawing import render_svg
    from cadre.site.figures.model import Box, Figure

    svg = render_svg(Figure("f", "Titre", (Box("etape_1_a\\", 'a\\ "b" ]; x [label="c'), Box("b", "B"))))
    text = "".join(ET.fromstring(svg).itertext())
    assert 'a\\ "b" ]; x [label="c' in text and "<title>x</title>" not in svg


def test_xml_text_keeps_what_xml_can_hold() -> None:
    from cadre.text import xml_text

    assert xml_text("a\x00b\x1b\x7fc\ufffe\ud800🧨\té\n") == "ab\x7fc🧨\té\n"
    element = ET.Element("a")
    element.text = xml_text("".join(map(chr, range(0x30))))  # as the feeds write text: ElementTree escapes it
    read = ET.fromstring(ET.tostring(element)).text  # tab, newline, carriage return (read as a newline) kept
    assert read == "\t\n\n" + "".join(map(chr, range(0x20, 0x30)))


def test_a_label_that_mentions_a_stylesheet_is_not_one() -> None:
    from cadre.site.figures.drawing import external_references

    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>@import url @font-face</text>{}</svg>'
    assert external_references(svg.format("")) == []
    assert external_references(svg.format("<style>@import 'x.css';</style>")) != []
