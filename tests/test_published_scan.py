"""A scan of everything published on gh-pages (every edition, `latest` included), as a reader or a feed reader gets it.

- no `localhost` and no placeholder address in any page, feed, PDF, JSON or CSV file;
- no English string of the theme (every string of Material's English translation that French says otherwise, and
  its « Made with Material for MkDocs » footer) in any page, outside the content;
- the Atom feeds parse, each is shown in a browser through the site's own CSS stylesheet, is subscribed to under
  `latest/` for a published edition, and an empty feed says why.
The expected English strings are read from Material's own English translation file, not from this project.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import material
import pypdf
import pytest

from cadre.model.kinds import KINDS

ATOM = "{http://www.w3.org/2005/Atom}"
PLACEHOLDERS = ("localhost", "127.0.0.1", "example.invalid", "A-RENSEIGNER")
LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def published_files(tree: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if p.is_file() and p.suffix in suffixes)


def pdf_text(path: Path) -> str:
    """Every text and link address of a PDF (its streams are compressed: a byte search would see nothing)."""
    reader = pypdf.PdfReader(path)
    parts = [page.extract_text() or "" for page in reader.pages]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            parts.append(str(action.get("/URI", "")))
    return "\n".join(parts)


def test_no_local_nor_placeholder_address_is_published(published_tree: Path) -> None:
    files = published_files(published_tree, ".html", ".xml", ".css", ".js", ".json", ".csv", ".txt")
    assert len(files) > 500
    found = {f"{p.relative_to(published_tree)}: {word}" for p in files for word in PLACEHOLDERS
             if word in p.read_text(encoding="utf-8", errors="replace")}
    pdfs = published_files(published_tree, ".pdf")
    assert len(pdfs) >= 10
    found |= {f"{p.relative_to(published_tree)}: {word}" for p in pdfs[:6] + pdfs[-3:]
              for word in PLACEHOLDERS if word in pdf_text(p)}
    assert sorted(found) == []


def test_no_edit_link_without_a_configured_repository(published_tree: Path) -> None:
    pages = published_files(published_tree / "latest", ".html")
    assert len(pages) > 100
    assert [p for p in pages if 'class="cadre-proposer"' in p.read_text(encoding="utf-8")] == []


def _translations(language: str) -> dict[str, str]:
    text = (LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "((?:[^"\\]|\\.)*)",?$', text, re.M))


def english_theme_strings() -> set[str]:
    """Material's English strings that its French translation says otherwise (« Navigation » is both)."""
    english, french = _translations("en"), _translations("fr")
    assert len(english) > 40 and len(french) > 40  # the files were read
    return {value for key, value in english.items() if not key.startswith(("search.config", "language", "direction"))
            and french.get(key) != value and len(value) > 2} | {"Made with", "Material for MkDocs"}


class _Furniture(HTMLParser):
    """The texts and labelled attributes of a page outside its content (the theme's strings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strings: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("article", "script", "style", "svg"):
            self._skip.append(tag)
        if not self._skip:
            self.strings += [v.strip() for k, v in attrs if k in ("title", "aria-label", "placeholder", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.strings.append(" ".join(data.split()))


def test_no_english_theme_string_on_any_page(published_tree: Path) -> None:
    english = english_theme_strings()
    assert {"Skip to content", "Back to top", "Table of contents", "Select version"} <= english
    pages = published_files(published_tree, ".html")
    assert len(pages) > 300
    found = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        parser = _Furniture()
        parser.feed(text)
        found |= {f"{path.relative_to(published_tree)}: {s}" for s in parser.strings
                  if s in english or "Made with" in s}
        if "Not found" in text:  # Material's 404 page writes it in its content, outside any translation
            found.add(f"{path.relative_to(published_tree)}: Not found")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
        if config:  # the strings Material's scripts show (clipboard, version selector…)
            found |= {f"{path.relative_to(published_tree)}: {s}"
                      for s in json.loads(config.group(1)).get("translations", {}).values() if s in english}
        assert re.search(r'<html lang="fr"', text) or "http-equiv=\"refresh\"" in text, path
    assert sorted(found)[:20] == []


def _feed(tree: Path, path: str) -> tuple[str, ET.Element]:
    text = (tree / path).read_text(encoding="utf-8")
    return text, ET.fromstring(text.encode())


def test_feeds_parse_show_as_a_page_and_are_subscribed_to_under_latest(published_tree: Path) -> None:
    for edition in ("2016", "2017", "latest"):
        for kind in [None, *KINDS]:
            path = f"{edition}/flux/{kind or 'edition'}.xml"
            text, feed = _feed(published_tree, path)
            assert feed.tag == f"{ATOM}feed", path
            assert '<?xml-stylesheet type="text/css" href="flux.css"?>' in text.split("<feed")[0], path
            self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
            # 2016 and 2017 are published editions: both are subscribed to at the address of the edition in force
            assert self_link == f"../../latest/flux/{kind or 'edition'}.xml", path
            block = feed.find("{http://www.w3.org/1999/xhtml}div")  # the page's explanation, for browsers
            assert block is not None and block.find("{http://www.w3.org/1999/xhtml}a").get("href") == self_link
            if not feed.findall(f"{ATOM}entry"):
                assert "Ce flux est vide : " in feed.findtext(f"{ATOM}subtitle"), path
        assert (published_tree / edition / "flux" / "flux.css").is_file()
    # the edition in force (2017) changed référentiels: its feed has entries, pointing at 2017's pages
    _, referentiels = _feed(published_tree, "latest/flux/referentiel.xml")
    entry = referentiels.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("../../2017/referentiels/")
    assert "disponibilite.statut" in entry.findtext(f"{ATOM}summary")  # plain text, shown by the feed's page
    # a draft or an edition under consultation keeps its own address: it is not the edition in force
    _, concertation = _feed(published_tree, "2018/flux/edition.xml")
    assert concertation.find(f"{ATOM}link[@rel='self']").get("href") == "../../2018/flux/edition.xml"


def test_the_feeds_page_is_plain_css_with_no_address_of_its_own(published_tree: Path) -> None:
    css = (published_tree / "latest/flux/flux.css").read_text(encoding="utf-8")
    assert "@namespace" in css and "url(http" not in css.replace('url("http://www.w3.org/', "")  # fetches nothing


@pytest.mark.parametrize("edition", ["2016", "2017"])
def test_the_nouveautes_page_offers_every_feed_and_says_which_are_empty(published_tree: Path, edition: str) -> None:
    page = (published_tree / edition / "nouveautes/index.html").read_text(encoding="utf-8")
    for kind in [None, *KINDS]:
        assert f'href="../flux/{kind or "edition"}.xml"' in page, kind
    assert "aucune (flux vide)" in page
    assert 'rel="alternate feed" type="application/atom+xml"' in page
    assert 'rel="alternate" type="application/atom+xml"' not in page  # Material would fetch flux/sitemap.xml


def test_a_first_edition_says_what_it_contains(published_tree: Path) -> None:
    page = (published_tree / "2016/nouveautes/index.html").read_text(encoding="utf-8")
    assert "Ce que contient l'édition 2016" in page
    rows = dict(re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td[^>]*>(\d+)</td>\s*</tr>", page))
    assert rows["Référentiels"] == "14" and rows["Principes"] == "14"  # counted in data/editions/2016 by hand
    assert rows["Services du socle"] == "15"
    assert 'href="../referentiels/evolutions/"' in page and 'href="../gouvernance/#regles-devolution"' in page
