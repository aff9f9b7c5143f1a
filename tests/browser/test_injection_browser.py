"""The hostile edition's site in Chromium (issue 10, point 9): nothing of the data runs, nothing leaves the site.

Every built page of the hostile edition (tests/hostile_edition.py, built once for the session) is loaded from a
local server; every element carrying a title (the glossary's abbreviations among them) is hovered and focused,
and hostile queries are typed in the theme's search, which renders its results as HTML. Any dialog (every
payload calls alert() with its field's marker), any request to another host, any event attribute or address of
another scheme in the live DOM fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hostile_edition import HostileSite
from playwright.sync_api import Browser, Dialog, Page
from publication import serve_folder

from .checks import RequestLog, open_search

pytestmark = pytest.mark.browser

# What the live DOM may not hold, whatever the theme's scripts did with the page: event attributes, addresses
# of a scheme other than http(s)/mailto (resolved by the browser itself), frames and plug-ins.
LIVE_DOM_PROBLEMS = """() => {
  const found = [];
  const urls = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'xlink:href'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(`<${el.tagName} ${a.name}=${a.value.slice(0, 120)}>`);
      if (urls.includes(a.name)) {
        let protocol;
        try { protocol = new URL(a.value, document.baseURI).protocol; } catch (e) { protocol = 'invalide'; }
        if (!['http:', 'https:', 'mailto:'].includes(protocol))
          found.push(`<${el.tagName} ${a.name}=${a.value.slice(0, 120)}> (${protocol})`);
      }
    }
    if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'APPLET', 'BASE'].includes(el.tagName)) found.push(el.tagName);
  }
  return found;
}"""

# Hover and focus every element a reader can point at or tab to that carries data text in an attribute.
POINT_AT_EVERYTHING = """() => {
  const targets = document.querySelectorAll('[title], abbr, a, img, .md-typeset *');
  for (const el of targets) {
    for (const type of ['pointerover', 'mouseover', 'mouseenter', 'pointerenter'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    el.dispatchEvent(new FocusEvent('focus'));
    el.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
  }
  return targets.length;
}"""

# Where the first abbreviations of the article are, once each is scrolled to the middle of the window (clear of
# the sticky header): the pointer is then moved there.
FIRST_ABBREVIATIONS = """() => [...document.querySelectorAll('article abbr')].slice(0, 3).map(e => {
  e.scrollIntoView({block: 'center'});
  const r = e.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
})"""

QUERIES = ["<img src=x onerror=alert(1)>", "\"><script>alert(2)</script> ZORG", "alert javascript"]


def type_query(page: Page, query: str) -> list[str]:
    """`checks.search`, but the query filled and only its last key typed: the box searches the hostile index
    (large: every text is long) once instead of once per key. The links of every result shown."""
    open_search(page)
    box = page.locator("#cadre-recherche-saisie")
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    page.wait_for_function("q => document.getElementById('cadre-recherche-resultats').dataset.requete === q",
                           arg=query, timeout=15000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".cadre-resultat a", "els => els.map(e => e.href)")


@dataclass
class Reader:
    page: Page
    url: str
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        response = self.page.goto(f"{self.url}/{path}", wait_until="load")
        assert response is not None and response.ok, path


@pytest.fixture(scope="module")
def hostile_url(hostile_site: HostileSite):
    # served even if the strict build failed (test_injection.py says so): these tests say what would run
    assert (hostile_site.out / "index.html").exists(), hostile_site.build.stderr[-2000:]
    url, httpd = serve_folder(hostile_site.out)
    yield url
    httpd.shutdown()


@pytest.fixture
def reader(browser: Browser, hostile_url: str):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    opened = Reader(page, hostile_url)

    def dismiss(dialog: Dialog) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield opened
    context.close()


def test_every_page_runs_nothing_of_the_data_and_stays_on_the_site(reader: Reader,
                                                                   hostile_site: HostileSite) -> None:
    log = RequestLog(reader.page, reader.url)
    # the search box downloads nothing until it is used (tests/browser/test_search.py): the pages are read here,
    # the search has its own tests below
    pages = [p.relative_to(hostile_site.out).as_posix() for p in hostile_site.files(".html")]
    problems, pointed, shown = [], 0, 0
    for path in pages:
        reader.goto(path)
        pointed += reader.page.evaluate(POINT_AT_EVERYTHING)
        for x, y in reader.page.evaluate(FIRST_ABBREVIATIONS):  # real pointer moves too, on the first ones
            reader.page.mouse.move(x, y)
        reader.page.wait_for_timeout(50)
        problems += [f"{path}: {p}" for p in reader.page.evaluate(LIVE_DOM_PROBLEMS)]
        shown += "alert('INJ" in reader.page.locator("article").inner_text()
    assert reader.dialogs == [], [f"{m} ← {hostile_site.edition.where(m)}" for m in reader.dialogs]
    assert problems == [], "\n".join(problems[:30])
    assert log.foreign() == [], log.foreign()[:20]
    assert len(pages) >= 40 and pointed > 1000
    assert shown >= len(pages) // 2, "les pages ne montrent pas le texte hostile : le test ne le voit pas"


@pytest.mark.parametrize("query", QUERIES)
def test_hostile_search_queries_run_nothing(reader: Reader, query: str) -> None:
    log = RequestLog(reader.page, reader.url)
    reader.goto("")
    results = type_query(reader.page, query)
    reader.page.evaluate(POINT_AT_EVERYTHING)
    reader.page.wait_for_timeout(100)
    assert reader.dialogs == []
    assert reader.page.evaluate(LIVE_DOM_PROBLEMS) == []
    assert log.foreign() == []
    if "alert" in query or "ZORG" in query:  # words of the hostile text: results were rendered
        assert results


def test_a_hostile_highlight_query_runs_nothing(reader: Reader, hostile_site: HostileSite) -> None:
    """The theme highlights the words of `?h=` on the page a search result opens."""
    log = RequestLog(reader.page, reader.url)
    reader.goto("glossaire/?h=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20ZORG%20alert")
    reader.page.wait_for_timeout(300)
    assert reader.dialogs == []
    assert reader.page.evaluate(LIVE_DOM_PROBLEMS) == []
    assert log.foreign() == []
