"""Golden tests: every file of the site of the fictional fixture edition (tests/fixtures/site, 2099), as a value.

`build_site` gives every generated file (path → content). Each one is compared with its reviewed snapshot: one
plain text file per generated file, with the generated file's own extension, so that any change of output shows
in review as an ordinary text diff of that file:

    tests/__snapshots__/test_site_golden/test_page[referentiels__ref-alpha.md].md
                                         <test>[<generated path, « / » written « __ »>].<its extension>

After an intended change: `python3 -m pytest tests/test_site_golden.py --snapshot-update`, then read
`git diff tests/__snapshots__/` as the review of what readers will get (syrupy deletes the snapshot of a file
that is no longer generated). PDFs are binary: the HTML each one is printed from is snapshotted instead.

Only what is legitimately machine-specific is normalised here: the geometry Graphviz computes (coordinates and
sizes in the SVG, and the natural width the pages give the image) depends on its version and the installed
fonts. Text, structure, ids, links and styles of the diagrams are compared exactly.

The set of generated files is checked against what the fixture implies, read from the fixture's YAML, the
project's mkdocs.yml navigation and its diagram definitions, never from the code under test; the snapshot tests
are parametrized by that same expected set.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from cadre.cache import ContentCache
from cadre.exports.pdf import pdf_documents
from cadre.site import SiteSettings, build_site, make_context
from cadre.site.handwritten import render_page

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"
YEAR = 2099
EDITION = FIXTURE_DATA / "editions" / str(YEAR)
SETTINGS = SiteSettings("Cadre commun (test)", "https://cadre.example.org/",
                        "https://forge.example.org/depot/blob/main/", PROJECT)

# --- what the fixture implies --------------------------------------------------------------------------------

# each kind by its name in the open data (docs/donnees-ouvertes.md), and where its entities are written in an
# edition folder: a folder holds one entity per file, a file a list of entities
KIND_SOURCES = {
    "chapitre": "chapitres", "famille": "familles.yaml", "categorie": "categories.yaml",
    "referentiel": "referentiels", "evolution": "evolutions.yaml", "rubrique": "rubriques.yaml",
    "service": "socle", "objectif": "objectifs-ars.yaml", "processus": "telemedecine/processus.yaml",
    "etape": "telemedecine/etapes.yaml", "programme": "programmes.yaml", "glossaire": "glossaire.yaml",
    "instance": "gouvernance/instances.yaml", "elaboration": "gouvernance/elaboration.yaml",
    "regle": "gouvernance/regles.yaml", "principe": "principes", "acteur": "acteurs", "cas-usage": "cas-usage.yaml",
}
# the kinds with a page per entity, and the folder of their pages (the permalinks <folder>/<id>/)
PAGE_FOLDERS = {"referentiel": "referentiels", "service": "socle", "principe": "principes", "acteur": "acteurs",
                "chapitre": "textes"}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fixture_ids(kind: str) -> list[str]:
    source = EDITION / KIND_SOURCES[kind]
    if source.is_dir():
        return [_yaml(path)["id"] for path in sorted(source.glob("*.yaml"))]
    return [entry["id"] for entry in _yaml(source)]


def _nav_pages(nav) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    values = nav.values() if isinstance(nav, dict) else nav
    return set().union(*(_nav_pages(value) for value in values))


def _diagram_definitions() -> dict[str, set[str]]:
    """Each definition of the project's diagrams/ folder: the names it defines at its top level (read with `ast`,
    not imported), with KINDS_ENTITE's kinds as `kind:<name>`."""
    definitions = {}
    for path in sorted((PROJECT / "diagrams").glob("*.py")):
        if path.name.startswith("_"):
            continue
        names = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["KINDS_ENTITE"]:
                names |= {f"kind:{kind}" for kind in ast.literal_eval(node.value)}
        definitions[path.stem] = names
    return definitions


def expected_files() -> set[str]:
    files = {f"{folder}/{entity_id}.md" for kind, folder in PAGE_FOLDERS.items() for entity_id in fixture_ids(kind)}
    # overviews: every page of the navigation that is not hand-written in docs/
    navigation = _nav_pages(_yaml(PROJECT / "mkdocs.yml")["nav"])
    files |= {page for page in navigation if not (PROJECT / "docs" / page).exists()}
    # the telemedicine processes and steps: on the telemedicine service's page, or a page of their own
    files.add("socle/telemedecine.md")
    # architecture: an index, a page per definition, its diagram of the whole edition, one per entity of its kinds
    files.add("architecture/index.md")
    for name, defined in _diagram_definitions().items():
        files.add(f"architecture/{name}.md")
        if "figure" in defined:
            files.add(f"architecture/{name}.svg")
        if "figure_entite" in defined:
            files |= {f"architecture/{name}/{kind}-{entity_id}.svg"
                      for kind in sorted(k.removeprefix("kind:") for k in defined if k.startswith("kind:"))
                      for entity_id in fixture_ids(kind)}
    # feeds, open data and PDFs, at the addresses docs/donnees-ouvertes.md publishes
    files |= {"flux/edition.xml", "flux/flux.css", "api/v1/edition.json", "api/v1/schemas/edition.schema.json",
              f"pdf/cadre-commun-{YEAR}.pdf"}
    for kind in KIND_SOURCES:
        files |= {f"flux/{kind}.xml", f"api/v1/{kind}.json", f"api/v1/{kind}.csv",
                  f"api/v1/schemas/{kind}.schema.json", f"api/v1/schemas/{kind}.entite.schema.json"}
        files |= {f"api/v1/{kind}/{entity_id}.json" for entity_id in fixture_ids(kind)}
    # a feed per entity with a page (« Suivre cette fiche »), the calendars of deadlines (the edition's and one per
    # référentiel) and the schema of the comparisons of editions (the fixture, alone, has nothing to compare)
    files |= {f"flux/{kind}/{entity_id}.xml" for kind in PAGE_FOLDERS for entity_id in fixture_ids(kind)}
    files |= {"calendrier/edition.ics", "api/v1/schemas/comparaison.schema.json"}
    files |= {f"calendrier/referentiel/{entity_id}.ics" for entity_id in fixture_ids("referentiel")}
    # the self-assessment files: the items of each edition up to this one (only this one here) and their schema
    files |= {f"api/v1/evaluation/items-{YEAR}.json", "api/v1/schemas/evaluation.schema.json"}
    files |= {f"pdf/{kind}-{entity_id}.pdf" for kind in ("referentiel", "service", "principe")
              for entity_id in fixture_ids(kind)}
    return files


EXPECTED = expected_files()


def _params(*suffixes: str) -> list:
    return [pytest.param(path, id=path.replace("/", "__")) for path in sorted(EXPECTED) if path.endswith(suffixes)]


# --- snapshots: one text file per generated file -------------------------------------------------------------


class TextSnapshot(SingleFileSnapshotExtension):
    """A snapshot kept as the text file itself, read and written exactly (no newline translation)."""

    _write_mode = WriteMode.TEXT

    def read_snapshot_data_from_location(self, *, snapshot_location: str, snapshot_name: str,
                                         session_id: str) -> str | None:
        try:
            with open(snapshot_location, encoding="utf-8", newline="") as file:
                return file.read()
        except FileNotFoundError:
            return None

    @classmethod
    def write_snapshot_collection(cls, *, snapshot_collection, name_order=None) -> None:  # noqa: ANN001
        data = next(iter(snapshot_collection)).data
        if not isinstance(data, str):
            raise TypeError(f"a text snapshot, not {type(data).__name__}")
        location = Path(snapshot_collection.location)
        location.parent.mkdir(parents=True, exist_ok=True)
        with location.open("w", encoding="utf-8", newline="") as file:
            file.write(data)


def _text_snapshot(suffix: str) -> type[TextSnapshot]:
    return type(f"{suffix.capitalize()}Snapshot", (TextSnapshot,), {"file_extension": suffix})


SNAPSHOTS = {suffix: _text_snapshot(suffix) for suffix in ("md", "xml", "json", "csv", "svg", "html", "ics")}


def as_snapshot(snapshot, path: str):  # noqa: ANN001, ANN201 - a syrupy SnapshotAssertion
    return snapshot.use_extension(SNAPSHOTS[path.rsplit(".", 1)[1]])


# Graphviz geometry: attributes whose values it computes from its layout and the fonts it finds
_SVG_GEOMETRY = re.compile(r'(?<=\s)(width|height|viewBox|points|d|x|y|cx|cy|rx|ry|transform)="[^"]*"')
_IMAGE_WIDTH = re.compile(r'(\{ \.cadre-diagramme width=")\d+(")')


def without_geometry(svg: str) -> str:
    return _SVG_GEOMETRY.sub(lambda m: f'{m.group(1)}="…"', svg)


# --- the site, built once ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a BuildContext
    return make_context(FIXTURE_DATA, YEAR, SETTINGS, ContentCache(tmp_path_factory.mktemp("golden-cache")))


@pytest.fixture(scope="module")
def files(context) -> dict[str, str | bytes]:  # noqa: ANN001
    return build_site(context).files


def generated(files: dict[str, str | bytes], path: str) -> str:
    if path not in files:
        pytest.fail(f"{path} n'est pas produit (voir test_generated_files_are_exactly_what_the_fixture_implies)")
    content = files[path]
    assert isinstance(content, str), path
    return content


def test_generated_files_are_exactly_what_the_fixture_implies(files) -> None:  # noqa: ANN001
    unexpected, missing = sorted(set(files) - EXPECTED), sorted(EXPECTED - set(files))
    assert (unexpected, missing) == ([], [])
    assert len([p for p in EXPECTED if p.endswith(".md")]) > 30  # not vacuous: pages of every kind are expected


@pytest.mark.parametrize("path", _params(".md"))
def test_page(files, path: str, snapshot) -> None:  # noqa: ANN001
    page = _IMAGE_WIDTH.sub(r"\1…\2", generated(files, path))
    assert page == as_snapshot(snapshot, path)


@pytest.mark.parametrize("path", _params(".xml"))
def test_feed(files, path: str, snapshot) -> None:  # noqa: ANN001
    assert generated(files, path) == as_snapshot(snapshot, path)


@pytest.mark.parametrize("path", _params(".ics"))
def test_calendar(files, path: str, snapshot) -> None:  # noqa: ANN001
    assert generated(files, path) == as_snapshot(snapshot, path)


@pytest.mark.parametrize("path", _params(".json", ".csv"))
def test_open_data(files, path: str, snapshot) -> None:  # noqa: ANN001
    assert generated(files, path) == as_snapshot(snapshot, path)


@pytest.mark.parametrize("path", _params(".svg"))
def test_diagram(files, path: str, snapshot) -> None:  # noqa: ANN001
    assert without_geometry(generated(files, path)) == as_snapshot(snapshot, path)


@pytest.fixture(scope="module")
def printed(context) -> dict[str, str]:  # noqa: ANN001
    return dict(pdf_documents(context.kb, context.edition_url))


_STYLE = re.compile(r"<style>.*?</style>", re.S)


@pytest.mark.parametrize("path", _params(".pdf"))
def test_printed_document(printed: dict[str, str], path: str, snapshot) -> None:  # noqa: ANN001
    """The HTML each PDF is printed from (the PDF's own text depends on fonts and hyphenation); the print
    stylesheet every document embeds is kept once, below."""
    assert _STYLE.sub("<style>…</style>", printed[path]) == snapshot.use_extension(SNAPSHOTS["html"])


def test_printed_stylesheet(printed: dict[str, str], snapshot) -> None:  # noqa: ANN001
    """Every printed document embeds the same print stylesheet."""
    sheets = {tuple(_STYLE.findall(html)) for html in printed.values()}
    assert len(sheets) == 1
    assert "\n".join(next(iter(sheets))) == snapshot.use_extension(SNAPSHOTS["html"])


def _letters(text: str) -> str:
    return re.sub(r"[\s\-‐]", "", text)  # line breaks and hyphenation of the printed text ignored


def test_pdfs_are_the_printed_documents(files, printed: dict[str, str]) -> None:  # noqa: ANN001
    pdfs = {path: content for path, content in files.items() if path.endswith(".pdf")}
    assert set(pdfs) == set(printed)
    titles = {}
    for entity in map(_yaml, sorted((EDITION / "referentiels").glob("*.yaml"))):
        titles[f"pdf/referentiel-{entity['id']}.pdf"] = entity["nom"]
    titles[f"pdf/cadre-commun-{YEAR}.pdf"] = _yaml(EDITION / "edition.yaml")["titre"]
    for path, title in titles.items():
        content = pdfs[path]
        assert isinstance(content, bytes) and content.startswith(b"%PDF-"), path
        first_page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert _letters(title) in _letters(first_page), path


HANDWRITTEN_WITH_MACROS = sorted(path.relative_to(PROJECT / "docs").as_posix()
                                 for path in (PROJECT / "docs").rglob("*.md")
                                 if re.search(r"^render_macros:\s*true\s*$", path.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("page", HANDWRITTEN_WITH_MACROS)
def test_handwritten_page_with_the_editions_macros(context, page: str, snapshot) -> None:  # noqa: ANN001
    """A hand-written page that shows parts of the edition (« Données ouvertes »), its macros rendered."""
    site = build_site(context)
    text = render_page((PROJECT / "docs" / page).read_text(encoding="utf-8"), page, site.macros)
    assert text == snapshot.use_extension(SNAPSHOTS["md"])
