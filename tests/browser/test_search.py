"""The search box in a real browser (Debian's Chromium), on the published site (2016, 2017 = latest, 2018 draft).

The queries and their expected pages are in search_queries.py (written before any tuning, from what readers type);
each must find its page among the first three results on the real 2016 edition.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from .checks import RequestLog, axe_violations, found_in_top, open_search, screenshot, search
from .search_queries import QUERIES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reader(browser: Browser, site_url: str, editions: dict[str, str]):
    """One page kept open for the whole query set, as a reader searching again and again."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/{editions['ancienne']}/", wait_until="load")
    yield page
    context.close()


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_the_expected_page_is_in_the_first_three_results(reader: Page, site_url: str, editions: dict[str, str],
                                                         query: str, expected: tuple[str, ...]) -> None:
    results = search(reader, query)
    assert found_in_top(results, f"{site_url}/{editions['ancienne']}/", expected), \
        f"« {query} » : {[r[0] for r in results[:3]]}"


def test_nothing_is_downloaded_for_search_until_the_box_is_used(page: Page, site_url: str) -> None:
    log = RequestLog(page, site_url)
    page.goto(f"{site_url}/latest/referentiels/", wait_until="load")
    assert [u for u in log.urls if "/pagefind/" in u] == []
    search(page, "RPPS")
    assert any(u.endswith("/latest/pagefind/pagefind.js") for u in log.urls)


def test_results_show_their_type_marked_words_and_sections(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/2016/", wait_until="load")
    search(page, "identifiant national de santé")
    first = page.locator(".cadre-resultat").first
    assert first.locator(".cadre-resultat__type").inner_text().lower().startswith("référentiel")
    assert {m.lower().strip("().") for m in first.locator("mark").all_inner_texts()} & {"identifiant", "national"}
    assert first.locator(".cadre-resultat__sections a").count() >= 1
    assert re.search(r"\d+ résultats", page.inner_text("#cadre-recherche-etat"))


def test_type_chips_filter_the_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/2016/", wait_until="load")
    search(page, "santé")
    chip = page.locator(".cadre-puce", has_text="Glossaire")
    chip.click()
    page.wait_for_function("() => [...document.querySelectorAll('.cadre-resultat__type')].length > 0 && "
                           "[...document.querySelectorAll('.cadre-resultat__type')].every(t => "
                           "/^glossaire/i.test(t.textContent))", timeout=10000)
    assert chip.get_attribute("aria-pressed") == "true"
    assert all("/glossaire/#" in link for link in page.eval_on_selector_all(
        ".cadre-resultat__titre", "links => links.map(a => a.href)"))


def test_a_mistyped_word_is_corrected_and_said(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/2016/", wait_until="load")
    results = search(page, "telemedcine")
    assert "pour « telemedecine » (aucun résultat pour « telemedcine »)" in page.inner_text("#cadre-recherche-etat")
    assert found_in_top(results, f"{site_url}/2016/", ("socle/telemedecine/",))


def test_all_editions_merges_the_published_indexes_and_labels_each_result(
        page: Page, site_url: str, editions: dict[str, str]) -> None:
    log = RequestLog(page, site_url)
    page.goto(f"{site_url}/latest/", wait_until="load")
    results = search(page, "RPPS")
    assert all(link.startswith(f"{site_url}/latest/") for result in results for link in result)  # the default
    switch = page.locator("#cadre-recherche-editions")
    assert switch.is_visible() and not switch.is_checked()
    switch.check()
    page.wait_for_function("() => [...document.querySelectorAll('.cadre-resultat__type')]"
                           ".some(t => /édition 2016/.test(t.textContent))", timeout=15000)
    items = page.eval_on_selector_all(".cadre-resultat", "items => items.map(i => [i.querySelector("
                                      "'.cadre-resultat__type').textContent, i.querySelector('a').href])")
    old = [href for label, href in items if "édition 2016" in label]
    new = [href for label, href in items if f"édition {editions['nouvelle']}" in label]
    assert any(href == f"{site_url}/2016/referentiels/rpps/" for href in old), items
    assert any(href == f"{site_url}/latest/referentiels/rpps/" for href in new), items
    assert all("édition" in label for label, _ in items)
    assert any(u.startswith(f"{site_url}/2016/pagefind/") for u in log.urls)
    screenshot(page, "recherche-toutes-editions")
    page.locator("a.cadre-resultat__titre[href$='/2016/referentiels/rpps/']").first.click()
    page.wait_for_url(f"{site_url}/2016/referentiels/rpps/")
    assert log.foreign() == []


def test_keyboard_only_from_the_box_to_a_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/2016/principes/", wait_until="load")
    open_search(page)  # « / »
    page.keyboard.type("RPPS", delay=30)
    page.wait_for_function("() => document.getElementById('cadre-recherche-resultats').dataset.requete === 'RPPS'")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.href") != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.href") == first
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    assert first.endswith("/2016/referentiels/rpps/")
    # instant navigation kept the header: the box works again from the new page, with right addresses
    results = search(page, "subsidiarité")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/2016/principes/subsidiarite/")
    assert results[0][0] == f"{site_url}/2016/principes/subsidiarite/"


def test_escape_closes_and_tab_reaches_chips_and_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/2016/", wait_until="load")
    search(page, "DMP")
    assert page.is_checked("#__search")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    reached = page.evaluate("() => document.activeElement.className + ' ' + document.activeElement.tagName")
    assert "cadre-puce" in reached or "A" in reached.split()
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.evaluate("() => document.activeElement.id") == "cadre-recherche-saisie"  # back in the box, closed
    page.keyboard.type("S")
    assert page.is_checked("#__search")  # typing again reopens it


@pytest.mark.parametrize("palette", ["default", "slate"])
def test_results_open_have_no_accessibility_violation(page: Page, site_url: str, palette: str) -> None:
    page.goto(f"{site_url}/latest/", wait_until="load")
    page.evaluate("p => document.body.setAttribute('data-md-color-scheme', p)", palette)
    search(page, "référentiel d'identification")
    page.locator(".cadre-puce").first.click()  # a pressed chip too
    page.wait_for_timeout(500)
    assert page.locator(".cadre-recherche mark").count() > 0
    screenshot(page, f"recherche-{palette}")
    assert axe_violations(page) == []


def test_the_site_map_is_reached_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/2016/referentiels/rpps/", wait_until="load")
    assert not page.locator("#cadre-recherche-saisie").is_visible()  # no box that cannot work
    page.get_by_role("link", name="Plan du site").first.click()
    page.wait_for_url(f"{site_url}/2016/plan-du-site/")
    assert page.get_by_role("link", name=re.compile("Répertoire Partagé des Professionnels de Santé")).count() >= 1
    context.close()
