"""Issue 13, points 6 and 7, on the built site: diagrams whose boxes are links, context diagrams that show what a
reader cares about, the document's structure and text in its place, editorial wording marked as such.

Expected headings and sentences are read from the source document (/work/shared/seeds), expected pages from the
YAML data; never from the code under test.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
SOURCE = Path("/work/shared/seeds/000_eb46be12d9246c24.txt")
EDITION = PROJECT / "data" / "editions" / "2016"
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "polygon", "polyline", "ellipse"}


class Marked(HTMLParser):
    """The article's text, and the text of each element that carries the editorial mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: does it (or an ancestor) carry the mark
        self.article = 0
        self.marked: list[list[str]] = []
        self.unmarked: list[str] = []
        self.legend = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if "cadre-editorial__legende" in classes:
            self.legend = True
        if tag in VOID:
            return
        mark = "cadre-editorial" in classes
        if mark and not any(self.stack):
            self.marked.append([])
        self.stack.append(mark or any(self.stack))
        self.article += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] and self.marked:
            self.marked[-1].append(data)
        elif self.article:
            self.unmarked.append(data)


def parse(page: Path) -> Marked:
    parser = Marked()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def words(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u202f", " ").replace("’", "'").split())


def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def body_lines() -> list[str]:
    """The source's lines after its table of contents (which repeats every heading with « ..... »)."""
    lines = source_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# 1 Généralités"))
    return lines[start:]


def chapter_page(numero: str) -> str:
    """The page of the chapter whose number is `numero` in the data (« textes/<id>/ »)."""
    for file in sorted((EDITION / "chapitres").glob("*.yaml")):
        chapter = yaml.safe_load(file.read_text(encoding="utf-8"))
        if str(chapter["numero"]) == numero:
            return f"textes/{chapter['id']}"
    raise AssertionError(f"aucun chapitre numéroté {numero} dans les données")


# the structural headings the issue lists, as the source writes them (Markdown heading or bold line)
STRUCTURE = ("1", "1.2", "2.2.3", "2.2.3.1", "2.2.3.2", "2.2.3.3", "2.2.3.4", "3")


def source_headings() -> list[tuple[str, str]]:
    found = []
    for line in body_lines():
        match = re.fullmatch(r"(?:#+ |\*\*)(\d+(?:\.\d+)*) (.+?)(?:\*\*)?", line.strip())
        if match and match.group(1) in STRUCTURE and match.group(1) not in [n for n, _ in found]:
            found.append((match.group(1), match.group(2)))
    assert [n for n, _ in found] == list(STRUCTURE), found
    return found


@pytest.fixture(scope="session")
def real(real_site) -> Path:
    if not SOURCE.is_file():
        pytest.skip("le document source n'est pas sur cette machine")
    result, out = real_site
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def fixture(fixture_site_build) -> Path:
    result, out = fixture_site_build
    assert result.returncode == 0, result.stderr[-3000:]
    return out


# --- point 7: the document's structure and words in their place -----------------------------------------------


def test_structural_headings_have_their_page_and_come_in_the_documents_order(real: Path) -> None:
    index = words((real / "textes" / "index.html").read_text(encoding="utf-8"))
    positions = []
    for numero, title in source_headings():
        page = real / chapter_page(numero) / "index.html"
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        assert heading and words(title) in words(re.sub(r"<[^>]+>", "", heading.group(1))), (numero, title)
        assert words(title) in index, (numero, title)
        positions.append(index.index(words(title)))
    assert positions == sorted(positions), "les titres ne sont pas dans l'ordre du document"


def test_the_opening_sentences_of_2_2_3_1_are_on_the_site_unmarked(real: Path) -> None:
    lines = body_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("### 2.2.3.1 "))
    sentences = [line for line in lines[start + 1:start + 6] if line.strip() and not line.startswith("#")][:2]
    assert sentences[0].startswith("Ces services permettent de mettre à disposition")
    assert sentences[1].startswith("La mise en œuvre d'un service de partage")
    page = parse(real / chapter_page("2.2.3.1") / "index.html")
    text = words(" ".join(page.unmarked))
    for sentence in sentences:
        assert words(sentence) in text, sentence
    # the services the part presents follow its lead-in, each a link to its page
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((EDITION / "socle").glob("*.yaml"))]
    html_text = (real / chapter_page("2.2.3.1") / "index.html").read_text(encoding="utf-8")
    for service in (s for s in data if s.get("section") == "§2.2.3.1"):
        assert f'href="../../socle/{service["id"]}/"' in html_text, service["id"]


def test_the_ars_objectives_table_keeps_its_group_rows_in_order(real: Path) -> None:
    text = source_text()
    table = text[text.index("Service du socle v1\tObjectifs ARS à fin 2016"):text.index("## 2.3 Principes")]
    bold_rows = [words(m) for m in re.findall(r"^<b>(.+?)</b>\t\t\s*$", table, re.M)]
    assert len(bold_rows) >= 4 and "Tous services" in bold_rows
    page = (real / "socle" / "objectifs-ars" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    level_two = [words(html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", ""))
                 for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.S)]
    assert [h for h in level_two if h in bold_rows] == bold_rows
    objectives = yaml.safe_load((EDITION / "objectifs-ars.yaml").read_text(encoding="utf-8"))
    for row in objectives:  # every line still has its heading and anchor, under the group row it sits in
        assert f'id="{row["id"]}"' in article, row["id"]


def test_editorial_words_are_marked_explained_and_never_the_documents(real: Path) -> None:
    source = words(source_text()).lower()
    pages = [real / "textes" / "index.html", real / "socle" / "objectifs-ars" / "index.html",
             real / chapter_page("2.2.3.1") / "index.html", real / chapter_page("1") / "index.html"]
    for page in pages:
        parsed = parse(page)
        assert parsed.marked, f"{page}: aucun texte éditorial marqué"
        assert parsed.legend, f"{page}: la légende de la marque manque"
    for page in real.rglob("index.html"):
        for passage in (words("".join(m)) for m in parse(page).marked):
            if len(passage.split()) >= 3:  # a sentence or a label of ours, not a word the document also uses
                assert passage.lower().rstrip(" :.") not in source, f"{page}: « {passage} » est du document"


def test_every_page_that_marks_editorial_words_explains_the_mark(real: Path) -> None:
    marked_pages = 0
    for page in real.rglob("index.html"):
        parsed = parse(page)
        own = [m for m in parsed.marked if words("".join(m)) != "ainsi marqués"]  # the legend's own sample
        marked_pages += bool(own)
        assert parsed.legend == bool(own), page
    assert marked_pages > 10


# --- point 6: diagrams, on the fixture edition ----------------------------------------------------------------


def inline_links(site: Path) -> list[tuple[Path, str]]:
    links = []
    for page in site.rglob("index.html"):
        for svg in re.findall(r'<svg [^>]*class="cadre-diagramme".*?</svg>', page.read_text(encoding="utf-8"), re.S):
            assert not re.search(r"<script|\son[a-z]+=|javascript:|<foreignObject|<style|<image", svg, re.I), page
            links += [(page, href) for href in re.findall(r'<a href="([^"]*)"', svg)]
    return links


def test_fixture_diagram_boxes_link_to_existing_pages(fixture: Path) -> None:
    links = inline_links(fixture)
    referentiels = [p.stem for p in (FIXTURE_DATA / "editions" / "2099" / "referentiels").glob("*.yaml")]
    assert {f"referentiels/{r}" for r in referentiels} <= {
        (page.parent / href).resolve().relative_to(fixture.resolve()).as_posix() for page, href in links
        if "#" not in href}
    for page, href in links:
        path, _, anchor = href.partition("#")
        target = (page.parent / path).resolve() / "index.html"
        assert target.is_file(), (page, href)
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)


def test_fixture_context_diagrams_leave_the_glossary_out(fixture: Path) -> None:
    glossary = yaml.safe_load((FIXTURE_DATA / "editions" / "2099" / "glossaire.yaml").read_text(encoding="utf-8"))
    linked = [g for g in glossary if g.get("renvoi", {}).get("type") in ("referentiel", "service")]
    assert linked
    for entry in linked:
        folder = "referentiels" if entry["renvoi"]["type"] == "referentiel" else "socle"
        page = (fixture / folder / entry["renvoi"]["id"] / "index.html").read_text(encoding="utf-8")
        svg = re.search(r'<svg [^>]*class="cadre-diagramme".*?</svg>', page, re.S)
        assert svg, entry["renvoi"]
        assert "glossaire" not in svg.group(0).lower(), entry["id"]


def test_an_entity_nothing_cites_has_no_context_diagram(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    service = data / "editions" / "2099" / "socle" / "svc-deux.yaml"
    content = yaml.safe_load(service.read_text(encoding="utf-8"))
    content.pop("referentiels", None)
    service.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert not any(key in content for key in ("rubrique", "programmes"))
    out = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_EDITION="2099",
               CADRE_CACHE=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=PROJECT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (out / "socle" / "svc-deux" / "index.html").read_text(encoding="utf-8")
    assert "cadre-figure" not in page and ">Contexte<" not in page
    assert not (out / "architecture" / "contexte" / "service-svc-deux.svg").exists()
    assert "cadre-figure" in (out / "socle" / "svc-un" / "index.html").read_text(encoding="utf-8")
