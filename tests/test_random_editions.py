"""Valid data always builds (issue 11, point 7): random valid editions drive the diagrams and the pages.

Each edition (tests/editions_random.py) is written as files and must pass `cadre validate`'s checks. Then every
diagram definition describes its figures, whose arrows must all end on boxes the figure draws (what Graphviz
needs), and one of them, drawn by the hypothesis, goes through Graphviz; every page is written (diagrams given
a placeholder drawing, no PDF: both are the slow parts) and, with the hand-written pages, converted by the
Markdown of the site: every link between pages and files must land on a file and an anchor that exist, as
`mkdocs build --strict` requires.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
from editions_random import YEAR, editions, write_edition
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.cache import ContentCache
from cadre.exports.pdf import edition_pdf_path, fact_sheet_path
from cadre.site import SiteSettings, make_context
from cadre.site.figures import Box, Figure, Group, Link, RenderStats, load_definitions, render_svg, svg_size
from cadre.site.handwritten import render_page
from cadre.site.source import build_pages

PROJECT = Path(__file__).resolve().parents[1]
DEFINITIONS = load_definitions(PROJECT / "diagrams")
SETTINGS = SiteSettings("Site de test", "", "", PROJECT)
# the Markdown extensions of mkdocs.yml, which turn the pages into HTML
PAGE_MARKDOWN = ["abbr", "attr_list", "def_list", "footnotes", "admonition", "tables", "md_in_html", "toc",
                 "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]
RANDOM = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.data_too_large])


def placeholder(figures: list[Figure], cache: ContentCache, stats: RenderStats) -> list[str]:
    """A drawing that checks each figure instead of running Graphviz (a few are drawn for real below)."""
    for figure in figures:
        assert figure.problems() == [], figure.name
    return ['<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"></svg>'] * len(figures)


def figures_of(kb) -> list[Figure]:  # noqa: ANN001
    found = []
    for definition in DEFINITIONS:
        if definition.build:
            found.append(definition.build(kb))
        if definition.build_for:
            found += [definition.build_for(kb, kind, e.id) for kind in definition.entity_kinds for e in kb.all(kind)]
    return found


@RANDOM
@given(entities=editions(), data=st.data())
def test_every_valid_edition_draws_every_diagram_and_writes_every_page(entities, data) -> None:  # noqa: ANN001
    with tempfile.TemporaryDirectory(prefix="cadre-aleatoire-") as folder:
        root = write_edition(entities, Path(folder) / "data")
        ctx = make_context(root, YEAR, SETTINGS, ContentCache(None))  # validates: InvalidEdition lists any error
        figures = figures_of(ctx.kb)
        problems = {f.name: f.problems() for f in figures if f.problems()}
        assert problems == {}
        figure = data.draw(st.sampled_from(figures), label="figure drawn by Graphviz")
        assert svg_size(render_svg(figure))[0] > 0
        site = build_pages(ctx, draw=placeholder)
    pages = {path: content for path, content in site.files.items() if path.endswith(".md")}
    for page in sorted((PROJECT / "docs").glob("*.md")):
        pages[page.name] = render_page(page.read_text(encoding="utf-8"), page.name, site.macros)
    files = set(site.files) | {p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*")}
    files |= {fact_sheet_path(kind, e.id) for kind in ("referentiel", "service", "principe")
              for e in ctx.kb.all(kind)} | {edition_pdf_path(ctx.kb)}
    assert broken_links(pages, files) == []


class _Links(HTMLParser):
    """The href and id attributes of a page (an HTML parser: data text may read « href="… » as words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            elif name == "id" and value is not None:
                self.ids.add(value)


def _parsed(page: str) -> _Links:
    links = _Links()
    links.feed(page)
    links.close()
    return links


def broken_links(pages: dict[str, str], files: set[str]) -> list[str]:
    """Links of the pages' HTML to a file or an anchor that does not exist (what MkDocs' strict mode refuses)."""
    parsed = {path: _parsed(_html(text)) for path, text in pages.items()}
    broken = []
    for path, page in parsed.items():
        for href in page.hrefs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):  # another site, an e-mail address
                continue
            target, _, anchor = href.partition("#")
            target = _target(path, unquote(target), files) if target else path
            if target.startswith("../"):  # another version of the site (../latest/…), published beside this one
                continue
            if target not in files:
                broken.append(f"{path} → {href} : fichier absent")
            elif anchor and target in parsed and unquote(anchor) not in parsed[target].ids:
                broken.append(f"{path} → {href} : ancre absente")
    return broken


def _served(page: str) -> str:
    """The folder a page is served from: « a/b.md » at a/b/, « a/index.md » at a/."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def _target(page: str, link: str, files: set[str]) -> str:
    """The file a link names: a Markdown link from the page's file, a raw HTML link (left as written) from the
    page's address; a folder address is its page."""
    written = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
    if written in files or written.startswith("../"):
        return written
    served = posixpath.normpath(posixpath.join(_served(page), link))
    for candidate in (served, served + ".md", served + "/index.md"):
        if candidate in files:
            return candidate
    return written


def _html(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.Markdown(extensions=PAGE_MARKDOWN).convert(body)


def test_the_link_check_accepts_the_fixture_site_and_finds_a_broken_anchor() -> None:
    data = PROJECT / "tests" / "fixtures" / "site" / "data"
    ctx_fixture = make_context(data, 2099, SETTINGS, ContentCache(None))
    site = build_pages(ctx_fixture, draw=placeholder)
    pages = {path: text for path, text in site.files.items() if path.endswith(".md")}
    files = set(site.files) | {fact_sheet_path(kind, e.id) for kind in ("referentiel", "service", "principe")
                               for e in ctx_fixture.kb.all(kind)}
    files |= {p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*.md")}  # hand-written
    assert broken_links(pages, files | {"pdf/cadre-commun-2099.pdf"}) == []
    pages["programmes.md"] += "\n\n[vers nulle part](#ancre-absente) [ailleurs](referentiels/inconnu.md)\n"
    found = broken_links(pages, set(site.files))
    assert "programmes.md → #ancre-absente : ancre absente" in found
    assert "programmes.md → referentiels/inconnu.md : fichier absent" in found


def test_the_longest_texts_are_drawn_cut_never_crash_graphviz() -> None:
    word = "é" * 17000  # 34 KB once encoded, without a space: past Graphviz's 16 KB limit for one string
    box = Box("b", word, details=tuple(f"• {word}" for _ in range(30)))
    figure = Figure("essai", f"Contexte : {word}", (Group("g", word, (box, Box("c", "court"))),),
                    (Link("b", "c", label=word),))
    svg = render_svg(figure)
    assert "é" * 300 in svg and "é" * 500 not in svg  # drawn, cut to a label a reader can take in
    assert "de plus (voir la description)" in svg  # the detail lines a box cannot hold are counted


def test_a_figure_says_which_arrows_it_cannot_draw() -> None:
    figure = Figure("essai", "Essai", (Group("g", "Groupe", (Box("a", "A"),)), Box("b", "B"), Box("b", "B bis")),
                    (Link("a", "x"), Link("b", "a", de_groupe="g")))
    assert figure.problems() == ["boîte « b » définie deux fois", "lien a → x : boîte inconnue « x »",
                                 "lien b → a : le groupe « g » n'est pas dessiné ou ne contient pas b"]
