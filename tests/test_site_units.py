"""Units of the site package: escaping of data text, permalink to source file, generated page front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cadre.loading.knowledge import load_knowledge_base
from cadre.site import abbreviations, entity_pages, relative, source_of
from cadre.site.text import inline, markdown

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "site" / "data"


@pytest.mark.parametrize(("raw", "expected"), [
    ("un <script>x</script>", "un &lt;script>x&lt;/script>"),
    ("*emphase* et [lien](https://example.org)", "*emphase* et [lien](https://example.org)"),
    ("voir <https://example.org/a>", "voir <https://example.org/a>"),
    ("*mot*{: onclick=\"x\" }", "*mot*&#123;: onclick=\"x\" }"),
    ("[piège](javascript:alert(1))", "[piège\\](javascript:alert(1))"),
])
def test_markdown_disarms_html_attributes_and_script_links(raw: str, expected: str) -> None:
    assert markdown(raw) == expected


def test_inline_keeps_text_on_one_line() -> None:
    assert inline("une\nphrase  sur\n\ndeux lignes") == "une phrase sur deux lignes"


@pytest.mark.parametrize(("url", "source"), [
    ("referentiels/ci-sis/", ("referentiels/ci-sis.md", "")),
    ("referentiels/#interoperabilite", ("referentiels/index.md", "interoperabilite")),
    ("programmes/#dmp", ("programmes.md", "dmp")),
    ("socle/objectifs-ars/#dmp", ("socle/objectifs-ars.md", "dmp")),
])
def test_permalinks_map_to_source_files(url: str, source: tuple[str, str]) -> None:
    assert source_of(url) == source


def test_relative_links_between_pages() -> None:
    assert relative("socle/dmp.md", "referentiels/ci-sis/") == "../referentiels/ci-sis.md"
    assert relative("glossaire.md", "glossaire/#ins") == "#ins"
    assert relative("index.md", "programmes/#dmp") == "programmes.md#dmp"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(FIXTURE_DATA, 2099)


def test_every_entity_page_declares_its_kind_and_id(kb) -> None:
    pages = {page.path: page.content for page in entity_pages(kb)}
    sheet = pages["referentiels/ref-alpha.md"]
    front = yaml.safe_load(sheet.split("---\n")[1])
    assert front["entity_kind"] == "referentiel"
    assert front["entity_id"] == "ref-alpha"
    assert front["title"] == "Référentiel fictif Alpha"


def test_a_page_receives_only_the_abbreviations_it_uses(kb) -> None:
    applied = abbreviations(kb).apply("Le ZORG seulement.")
    assert "*[ZORG]: Zone Organisée de Référence Générique (fictive)" in applied
    assert "*[QWX]" not in applied
