"""Units of the site layer: the safe text path, links between pages, a page as a value (no MkDocs involved)."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from cadre.cache import ContentCache
from cadre.site import SiteSettings, build_site, make_context
from cadre.site.links import relative, source_of
from cadre.text import csv_cell, for_markdown, html_block, html_inline, json_text, link_html, plain

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "site" / "data"
PROJECT = Path(__file__).resolve().parents[1]
# the Markdown a page goes through in MkDocs (mkdocs.yml's extensions): the second pass data text must survive
PAGE_MARKDOWN = ["abbr", "attr_list", "def_list", "footnotes", "admonition", "tables", "md_in_html", "toc",
                 "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]


def page_html(source: str) -> str:
    return markdown.Markdown(extensions=PAGE_MARKDOWN).convert(source)


class Active(HTMLParser):
    """Elements and attributes that could run or fetch something, as the browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "style"):
            self.found.append(tag)
        for name, value in attrs:
            scheme = (value or "").strip().lower().split(":")[0] if ":" in (value or "") else ""
            if name.startswith("on") or (name in ("href", "src") and scheme not in ("", "http", "https", "mailto")):
                self.found.append(f"{tag} {name}={value}")


def active(html: str) -> list[str]:
    parser = Active()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("hostile", [
    '*mot*{: onclick="alert(1)" }',
    "[x](&#106;avascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '[x](http://a.org/"onmouseover="alert(1))',
    "[x](http://a.org/a)[y](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[v](vbscript:msgbox) [j](JaVaScRiPt:alert(1)) [t](java&#x09;script:alert(1))",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "![](file:///etc/passwd) ![](http://ailleurs.example/x.png)",
    "\\[x\\](javascript:alert(1)) \\*y\\*{: onclick=alert(1) }",
])
def test_hostile_markdown_keeps_no_active_markup_through_both_passes(hostile: str) -> None:
    for fragment in (html_block(hostile), html_inline(hostile)):
        assert active(fragment) == []
        assert active(page_html(for_markdown(fragment))) == []


@pytest.mark.parametrize("context", ["{}", "- {}", "| a | b |\n|---|---|\n| {} | x |", "## {}", "[{}](x.md)",
                                     "Terme {} {{: #id }}\n:   définition"])
def test_inert_fragments_keep_their_text_in_every_markdown_context(context: str) -> None:
    text = r"12. *a* \[b\](javascript:x) | `c` {: .d } [^1] *[SIGLE]: e"
    out = page_html(context.format(for_markdown(html_inline(text))))
    assert "javascript:x" in out and 'href="javascript' not in out  # shown as text, never a link
    assert "{: .d }" in out.replace("&#123;", "{").replace("&#125;", "}").replace("&#58;", ":")
    assert "<abbr" not in out and "class=\"d\"" not in out


def test_markdown_authors_use_still_renders() -> None:
    html = html_block("Du *texte*, un [lien](https://example.org/a) et <https://example.org/b>.\n\n- un\n- deux")
    assert "<em>texte</em>" in html and 'href="https://example.org/a"' in html and "<li>deux</li>" in html


def test_inline_text_keeps_a_leading_number_or_dash() -> None:
    assert plain("12. douze") == "12. douze" and plain("- tiret") == "- tiret" and plain("#dièse") == "#dièse"


def test_links_from_data_keep_only_web_and_mail_schemes() -> None:
    assert 'href="https://a.org/x"' in link_html("https://a.org/x", "a")
    assert "href" not in link_html("javascript:alert(1)", "a") and "href" not in link_html("file:///etc", "a")


def test_csv_cells_never_start_a_formula_and_json_never_closes_a_script() -> None:
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@A1", "texte")] == ["'=1+1", "'+1", "'-1", "'@A1", "texte"]
    assert "</script>" not in json_text({"a": "</script><!--"})


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
def site(tmp_path_factory: pytest.TempPathFactory):
    settings = SiteSettings("Site de test", "", "https://forge.example.org/depot/blob/main/", PROJECT)
    cache = ContentCache(tmp_path_factory.mktemp("cache"))
    return build_site(make_context(FIXTURE_DATA, 2099, settings, cache))


def test_an_entity_page_is_a_value_with_its_front_matter(site) -> None:
    sheet = site.files["referentiels/ref-alpha.md"]
    front = yaml.safe_load(sheet.split("---\n")[1])
    alpha = yaml.safe_load((FIXTURE_DATA / "editions/2099/referentiels/ref-alpha.yaml").read_text(encoding="utf-8"))
    assert (front["entity_kind"], front["entity_id"]) == ("referentiel", "ref-alpha")
    assert front["title"] == f"{alpha['nom']} ({alpha['sigle']})"
    # its sections in one order: content, history; its files under the title, its data file in the repository
    assert sheet.index("## Objectifs") < sheet.index("## Historique dans les éditions")
    assert "[Données JSON](../api/v1/referentiel/ref-alpha.json)" in sheet
    assert "https://forge.example.org/depot/blob/main/tests/fixtures/site/data/editions/2099/referentiels/" \
           "ref-alpha.yaml" in sheet


def test_a_page_explains_the_acronyms_it_uses(site) -> None:
    home = site.files["index.md"]
    assert '<abbr title="Zone Organisée de Référence Générique (fictive)">ZORG</abbr>' in home


def test_a_rebuild_with_unchanged_data_takes_the_kept_site_and_a_data_change_builds_again(tmp_path: Path) -> None:
    from cadre.loading import knowledge
    from cadre.site import source

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    settings = SiteSettings("Site de test", "", "", PROJECT, pdf_edition=False)
    cache = ContentCache(tmp_path / "cache")

    def build_anew():  # noqa: ANN202 - as a new process would: nothing kept in memory
        source._BUILT.clear()
        knowledge._from_memory_or_disk.cache_clear()
        site = build_site(make_context(data, 2099, settings, cache))
        return site, "\n".join(site.log)

    first, log = build_anew()
    # the fixture's fact sheets: 3 référentiels, 2 services, 2 principles
    assert "site repris du cache" not in log and "PDF : 7 rendu(s), 0 depuis le cache" in log
    again, log = build_anew()
    assert "site repris du cache" in log and "0 rendu(s)" in log
    assert again.files == first.files
    sheet = data / "editions/2099/referentiels/ref-alpha.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("Référentiel fictif Alpha", "Alpha renommé"),
                     encoding="utf-8")
    changed, log = build_anew()
    # Alpha's sheet, and the sheets that name it: svc-un and pr-primaute cite ref-alpha (their YAML)
    assert "site repris du cache" not in log and "PDF : 3 rendu(s), 4 depuis le cache" in log
    assert "Alpha renommé" in changed.files["referentiels/ref-alpha.md"]
    assert changed.files["pdf/referentiel-ref-beta.pdf"] == first.files["pdf/referentiel-ref-beta.pdf"]
    assert changed.files["pdf/service-svc-deux.pdf"] == first.files["pdf/service-svc-deux.pdf"]
    assert changed.files["pdf/referentiel-ref-alpha.pdf"] != first.files["pdf/referentiel-ref-alpha.pdf"]
