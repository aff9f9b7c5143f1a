"""Editions and feeds as a reader meets them in Chromium, on the published fixture site (2016, then 2017 `latest`).

- the version selector keeps the page, from /latest/ and from the year folders, in both directions; a page the
  chosen edition lacks (the service added in 2017) leads to its nearest section, with a notice saying so;
- a feed opened in the browser is a French page that says how to subscribe, at an address under /latest/;
- no page asks for a file beside its feed (`flux/sitemap.xml`, Material taking the feed for a language version).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .checks import RequestLog, goto

pytestmark = pytest.mark.browser


def choose_edition(page: Page, edition: str) -> None:
    page.wait_for_selector(".md-version__current")  # the selector appears once versions.json has loaded
    page.hover(".md-version")
    page.click(f".md-version__list a:has-text('{edition}')")


@pytest.mark.parametrize("start, edition, arrival", [
    ("latest/referentiels/ci-sis/", "2016", "2016/referentiels/ci-sis/"),  # from the alias to an older edition
    ("2016/referentiels/ci-sis/", "2017", "2017/referentiels/ci-sis/"),  # older to newer
    ("2017/principes/subsidiarite/", "2016", "2016/principes/subsidiarite/"),  # newer to older
    ("latest/socle/objectifs-ars/", "2017", "2017/socle/objectifs-ars/"),  # the alias to its own edition
], ids=["latest-vers-2016", "2016-vers-2017", "2017-vers-2016", "latest-vers-2017"])
def test_the_version_selector_keeps_the_page(page: Page, site_url: str, start: str, edition: str,
                                             arrival: str) -> None:
    goto(page, f"{site_url}/{start}")
    title = page.locator(".md-content h1").inner_text()
    choose_edition(page, edition)
    page.wait_for_url(f"{site_url}/{arrival}")
    assert page.locator(".md-content h1").inner_text() == title
    assert page.locator(".cadre-avis-edition").count() == 0  # the same page: nothing to say


def test_a_page_missing_in_the_chosen_edition_leads_to_its_section_and_says_so(page: Page, site_url: str) -> None:
    # « service-test » is added by the 2017 fixture edition: 2016 has no such page, but has the socle's page
    goto(page, f"{site_url}/2017/socle/service-test/")
    choose_edition(page, "2016")
    page.wait_for_url(f"{site_url}/2016/socle/")
    notice = page.locator(".cadre-avis-edition")
    notice.wait_for()
    text = notice.inner_text()
    assert "Page absente de cette édition" in text
    assert "n'existe pas dans l'édition 2016" in text and "Service ajouté pour l'édition de test" in text
    assert notice.get_attribute("role") == "status"
    page.reload()  # said once, on arrival only
    assert page.locator(".cadre-avis-edition").count() == 0


def test_the_older_edition_banner_leads_to_the_same_page_in_force(page: Page, site_url: str) -> None:
    goto(page, f"{site_url}/2016/referentiels/ci-sis/")
    link = page.get_by_role("link", name="Voir cette page dans l'édition en vigueur")
    link.wait_for()
    link.click()
    page.wait_for_url(f"{site_url}/latest/referentiels/ci-sis/")


def test_a_feed_opened_in_the_browser_is_a_french_page_on_how_to_subscribe(page: Page, site_url: str) -> None:
    log = RequestLog(page, site_url)
    goto(page, f"{site_url}/latest/flux/edition.xml")
    # an XML document: Playwright's role queries read HTML documents only, CSS selectors find the XHTML block
    heading = page.locator("div.abonnement > h2")
    heading.wait_for()
    assert heading.inner_text() == "S'abonner à ce flux"
    title = page.locator("feed > title")
    assert title.is_visible() and "nouveautés de l'édition 2017" in title.text_content()  # an Atom element
    address = page.locator("#adresse-abonnement")
    assert address.inner_text().strip() == f"{site_url}/latest/flux/edition.xml"  # the full address to copy
    assert "Cette adresse suit l'édition en vigueur" in page.locator("div.abonnement").inner_text()
    entries = page.locator("entry > title")
    assert entries.count() >= 5  # the edition's own entry and the fixture's deliberate changes
    assert all(entries.nth(i).is_visible() for i in range(entries.count()))
    assert re.search(r"(Ajout|Modification|Retrait) — ", entries.nth(1).text_content())
    assert page.locator("entry > summary").first.is_visible()
    assert not page.locator("entry > content").first.is_visible()  # the escaped HTML is for feed readers
    page.locator("div.abonnement a", has_text="Voir les nouveautés de l'édition sur le site").click()
    page.wait_for_url(f"{site_url}/2017/nouveautes/")
    assert log.foreign() == []


def test_an_empty_feed_says_why(page: Page, site_url: str) -> None:
    goto(page, f"{site_url}/2016/flux/principe.xml")
    page.locator("div.abonnement > h2").wait_for()
    subtitle = page.locator("feed > subtitle")
    assert subtitle.is_visible()
    assert "Ce flux est vide" in subtitle.text_content() and "première de la base" in subtitle.text_content()
    assert page.locator("entry").count() == 0


def test_no_page_requests_a_file_beside_its_feed(page: Page, site_url: str) -> None:
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    log = RequestLog(page, site_url)
    for path in ("latest/", "latest/referentiels/ci-sis/", "2016/nouveautes/"):
        goto(page, f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    assert [u for u in log.urls if "sitemap" in u and "/flux/" in u] == []
    assert failed == []
