"""Diagrams in a real browser (Debian's Chromium), on the fixture edition built once: a box is a link that
navigates, the page has no accessibility violation at phone width in light and dark, and the diagram keeps its
full size in a frame that scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser
from publication import serve_folder

from .checks import axe_violations, screenshot

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "data" / "editions" / "2099"


@pytest.fixture(scope="module")
def fixture_url(fixture_site_build):
    result, out = fixture_site_build
    assert result.returncode == 0, result.stderr[-3000:]
    url, httpd = serve_folder(out)
    yield url
    httpd.shutdown()


def a_service_citing_a_referentiel() -> tuple[str, str, str]:
    """(service id, its short name, a référentiel it cites), from the fixture's YAML."""
    for file in sorted((FIXTURE / "socle").glob("*.yaml")):
        service = yaml.safe_load(file.read_text(encoding="utf-8"))
        if service.get("referentiels"):
            return service["id"], service.get("sigle") or service["nom"], service["referentiels"][0]
    raise AssertionError("aucun service de la fixture ne cite de référentiel")


def test_a_box_of_a_context_diagram_opens_its_page(browser: Browser, fixture_url: str) -> None:
    service, _, referentiel = a_service_citing_a_referentiel()
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{fixture_url}/referentiels/{referentiel}/", wait_until="load")
    box = page.locator(f'svg.cadre-diagramme a[href$="socle/{service}/"]')
    assert box.count() == 1
    box.click()
    page.wait_for_url(f"**/socle/{service}/")
    assert page.locator("h1").first.inner_text()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_page_with_a_diagram_is_accessible_at_phone_width(browser: Browser, fixture_url: str,
                                                             scheme: str) -> None:
    _, _, referentiel = a_service_citing_a_referentiel()
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{fixture_url}/referentiels/{referentiel}/", wait_until="load")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    frame = page.locator(".cadre-figure").first
    frame.scroll_into_view_if_needed()
    screenshot(page, f"diagramme-390-{scheme}")
    # full size: the drawing is wider than the phone and its frame scrolls, the page itself does not
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth, document.documentElement.scrollWidth]")
    assert sizes[0] > sizes[1] and sizes[2] <= 390, sizes
    # in dark mode the drawing's background follows the page's, not a white block
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('svg.cadre-diagramme .graph > polygon')).fill")
    page_background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    if scheme == "slate":
        assert background == page_background, (background, page_background)
    assert axe_violations(page) == []
    context.close()
