"""The versioned site in a real browser (Debian's Chromium): search, editions, accessibility, privacy, keyboard.

The site is the one readers get: every edition published with `cadre publish` (mike) into a temporary git
repository — the real 2016 edition and a fixture edition derived from it — then served on localhost.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from cadre.site.mentions import MESURES

from .checks import RequestLog, axe_response, axe_violations, goto, open_search, record_measures, screenshot, search

pytestmark = pytest.mark.browser

# Each query a reader types, and the page that must come among the first results (paths from the data ids).
SEARCHES = [
    ("INS", "referentiels/ins/"),
    ("hébergeur", "referentiels/hds/"),
    ("messagerie sécurisée", "socle/messagerie-securisee/"),
    ("RPPS", "referentiels/rpps/"),
    ("télémédecine", "socle/telemedecine/"),
    ("principe de subsidiarité", "principes/subsidiarite/"),
]

# One page of each type, in each edition.
PAGE_TYPES = [
    "", "instruction/", "textes/annexe-contexte/", "referentiels/", "referentiels/ci-sis/", "referentiels/evolutions/",
    "socle/", "socle/dmp/", "socle/objectifs-ars/", "socle/telemedecine/", "programmes/", "glossaire/",
    "gouvernance/", "principes/", "principes/subsidiarite/", "principes/checklist/", "acteurs/", "acteurs/ars/",
    "notes-editoriales/", "nouveautes/", "architecture/", "donnees-ouvertes/", "accessibilite/", "cas-usage/",
    "plan-du-site/", "mentions-legales/",
]
WIDTHS = {"bureau": 1280, "telephone": 390}
SCHEMES = ["default", "slate"]  # Material's light and dark palettes
MEASURES = Path(__file__).resolve().parents[2] / MESURES  # what the « Accessibilité » page shows


@pytest.mark.parametrize("query, expected", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_french_search_finds_the_entity_page(page: Page, site_url: str, query: str, expected: str) -> None:
    goto(page, f"{site_url}/latest/")
    results = search(page, query)
    first = [link for result in results[:5] for link in result]  # each result: its page, then its sections
    assert any(expected in url for url in first), f"« {query} » : {first}"


def test_search_results_open_have_no_accessibility_violation(page: Page, site_url: str) -> None:
    goto(page, f"{site_url}/latest/")
    search(page, "référentiel")
    screenshot(page, "recherche-ouverte")
    assert axe_violations(page) == []


def test_version_selector_lists_editions_and_switching_keeps_the_page(
    page: Page, site_url: str, editions: dict[str, str]
) -> None:
    goto(page, f"{site_url}/{editions['nouvelle']}/referentiels/ci-sis/")
    page.wait_for_selector(".md-version__current")
    page.hover(".md-version")
    labels = page.eval_on_selector_all(".md-version__list a", "els => els.map(e => e.textContent.trim())")
    assert any(editions["ancienne"] in label for label in labels), labels
    assert any(editions["nouvelle"] in label for label in labels), labels
    page.click(f".md-version__list a:has-text('{editions['ancienne']}')")
    page.wait_for_url(f"**/{editions['ancienne']}/referentiels/ci-sis/")


@pytest.mark.parametrize("edition", ["ancienne", "nouvelle"])
def test_every_page_type_is_accessible_and_private(
    page: Page, site_url: str, editions: dict[str, str], edition: str
) -> None:
    log = RequestLog(page, site_url)
    failures, responses = {}, {}
    for path in PAGE_TYPES:
        goto(page, f"{site_url}/{editions[edition]}/{path}")
        responses[path] = axe_response(page)
        violations = axe_violations(page, responses[path])
        if violations:
            failures[path] = violations
    # the real edition's figures (the newer one is a test fixture) are what the « Accessibilité » page publishes:
    # written when asked (CADRE_MESURES=ecrire), reviewed and committed like any change; a plain run writes nothing
    if edition == "ancienne" and os.environ.get("CADRE_MESURES") == "ecrire":
        record_measures(MEASURES, editions[edition], page.context.browser.version, responses)
    assert failures == {}
    assert log.foreign() == []
    assert page.context.cookies() == []  # « Mentions légales » says the site sets no cookie


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_type_is_accessible_at_each_width_in_light_and_dark(
    browser: Browser, site_url: str, editions: dict[str, str], width: str, scheme: str
) -> None:
    """Zero axe violation on each page type, on a desktop and a phone, in each palette, every note opened so that
    its text is checked too, switches and chips shown in their pressed state."""
    context = browser.new_context(locale="fr-FR", viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    failures = {}
    for path in PAGE_TYPES:
        goto(page, f"{site_url}/{editions['ancienne']}/{path}")
        page.evaluate("""scheme => {
            document.body.setAttribute("data-md-color-scheme", scheme);
            document.querySelectorAll("details").forEach(d => { d.open = true; });
            document.querySelectorAll(".cadre-notes-bascule, .cadre-chip").forEach(b => {
                b.setAttribute(b.matches(".cadre-chip") ? "aria-pressed" : "aria-checked", "true"); });
        }""", scheme)
        page.wait_for_timeout(500)  # Material's colour transitions end before axe measures contrast
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    screenshot(page, f"cas-usage-{width}-{scheme}")
    context.close()
    assert failures == {}


def test_notes_open_on_demand_and_the_choice_is_remembered(page: Page, site_url: str, editions: dict[str, str]) -> None:
    base = f"{site_url}/{editions['ancienne']}"
    goto(page, f"{base}/acteurs/ars/")
    notes = page.locator("details.cadre-note")
    assert notes.count() > 0
    assert page.eval_on_selector_all("details.cadre-note", "ns => ns.filter(n => n.open).length") == 0
    switch = page.locator(".cadre-notes-bascule")
    assert switch.is_visible() and switch.get_attribute("aria-checked") == "false"
    switch.click()
    assert page.eval_on_selector_all("details.cadre-note", "ns => ns.every(n => n.open)")
    assert switch.get_attribute("aria-checked") == "true"
    goto(page, f"{base}/glossaire/")  # another page, loaded afresh: the choice holds
    assert page.eval_on_selector_all("details.cadre-note", "ns => ns.length > 0 && ns.every(n => n.open)")
    page.locator(".cadre-notes-bascule").click()
    goto(page, f"{base}/programmes/")
    assert page.eval_on_selector_all("details.cadre-note", "ns => ns.filter(n => n.open).length") == 0


def test_a_note_marker_opens_its_note(page: Page, site_url: str, editions: dict[str, str]) -> None:
    goto(page, f"{site_url}/{editions['ancienne']}/glossaire/")
    marker = page.locator("a.cadre-note-ref").first
    target = marker.get_attribute("href")
    marker.click()
    # the fragment: Material's instant navigation makes the href absolute once the page is set up
    page.wait_for_function("id => document.getElementById(id).open", arg=target.split("#")[-1])


def test_acronym_explanation_shows_on_keyboard_focus(page: Page, site_url: str, editions: dict[str, str]) -> None:
    goto(page, f"{site_url}/{editions['ancienne']}/referentiels/ci-sis/")
    abbr = page.locator("article abbr[tabindex='0']").first
    meaning = abbr.get_attribute("title")
    for _ in range(200):  # the keyboard alone reaches it
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName === 'ABBR'"):
            break
    else:
        pytest.fail("aucun sigle n'est atteint au clavier")
    tooltip = page.wait_for_selector(".cadre-infobulle[role='tooltip']", timeout=5000)
    assert " ".join(tooltip.inner_text().split()) == " ".join((meaning or "-").split())
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == "cadre-infobulle"
    page.keyboard.press("Escape")
    assert page.locator(".cadre-infobulle").count() == 0


def test_referentiels_table_sorts_by_its_headers(page: Page, site_url: str, editions: dict[str, str]) -> None:
    goto(page, f"{site_url}/{editions['ancienne']}/referentiels/")
    header = page.locator(".cadre-triable th", has_text="Disponibilité")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    ranks = page.eval_on_selector_all(".cadre-triable tbody tr td:nth-child(2) [data-tri]",
                                      "els => els.map(e => Number(e.dataset.tri))")
    assert len(ranks) == 14 and ranks == sorted(ranks)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"


def test_notes_page_filters_by_type(page: Page, site_url: str, editions: dict[str, str]) -> None:
    goto(page, f"{site_url}/{editions['ancienne']}/notes-editoriales/")
    chip = page.locator(".cadre-chip", has_text="Choix de transcription")
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    visible = page.eval_on_selector_all(".cadre-notes-type", "ss => ss.filter(s => !s.hidden).map(s => s.dataset.type)")
    assert visible == ["transcription"]

def test_the_comparison_of_two_editions_is_accessible(page: Page, site_url: str, editions: dict[str, str]) -> None:
    """« Comparer avec l'édition … »: the words removed and added in a rewritten text (the fixture edition rewrites
    an ARS objective), and links to the entity's page in both editions."""
    goto(page, f"{site_url}/{editions['nouvelle']}/nouveautes/")
    page.click(f"text=Comparer avec l'édition {editions['ancienne']}")
    page.wait_for_url(f"**/{editions['nouvelle']}/comparaisons/{editions['ancienne']}/")
    assert page.locator(".cadre-mots ins").count() > 0 and page.locator(".cadre-mots del").count() > 0
    links = page.eval_on_selector_all("article a", "links => links.map(a => a.href)")  # resolved addresses
    assert any(f"/{editions['ancienne']}/" in link and "/comparaisons/" not in link for link in links)
    screenshot(page, "comparaison")
    assert axe_violations(page) == []


def test_key_pages_screenshots(page: Page, site_url: str) -> None:
    for name, path in [("accueil", ""), ("fiche-referentiel", "referentiels/rpps/"),
                       ("diagramme", "architecture/"), ("checklist", "principes/checklist/")]:
        goto(page, f"{site_url}/latest/{path}")
        assert screenshot(page, name).stat().st_size > 10_000


def test_search_is_usable_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    goto(page, f"{site_url}/latest/")
    open_search(page)
    page.keyboard.type("RPPS", delay=30)
    page.wait_for_function("() => document.getElementById('cadre-recherche-resultats').dataset.requete === 'RPPS'",
                           timeout=10000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/referentiels/rpps/**", timeout=10000)


def test_version_selector_is_reachable_with_the_keyboard(
    page: Page, site_url: str, editions: dict[str, str]
) -> None:
    goto(page, f"{site_url}/{editions['nouvelle']}/referentiels/ci-sis/")
    page.wait_for_selector(".md-version__current")  # the selector is added once versions.json has loaded
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.md-version')"):
            break
    else:
        pytest.fail("le sélecteur de versions n'est jamais atteint au clavier")
    target = page.locator(f".md-version__list a:has-text('{editions['ancienne']}')")
    for _ in range(10):
        if page.evaluate("el => el === document.activeElement", target.element_handle()):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{editions['ancienne']}/referentiels/ci-sis/")


def test_no_page_of_any_edition_requests_another_origin(browser: Browser, site_url: str, published_tree) -> None:
    """Every built page, not only one per type: fonts, scripts, images and fetches all stay on the site's origin."""
    pages = sorted(p.relative_to(published_tree).parent.as_posix() for p in published_tree.glob("20*/**/index.html"))
    assert len(pages) > 150
    context = browser.new_context()
    page = context.new_page()
    log = RequestLog(page, site_url)
    for path in pages:
        page.goto(f"{site_url}/{path}/", wait_until="load")
    context.close()
    assert log.foreign() == []
    assert len(log.urls) > len(pages)
