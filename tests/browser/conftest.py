"""Browser tests read the site published once for the whole session (see tests/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def site_url(served_site: str) -> str:
    return served_site


@pytest.fixture(scope="session")
def editions() -> dict[str, str]:
    """The older (real 2016) and newer (fixture 2017, `latest`) editions of the published site."""
    return {"ancienne": "2016", "nouvelle": "2017"}


@pytest.fixture
def page(browser: Browser, site_url: str):
    """A French reader's page at desktop width, in a context of its own (nothing kept between tests)."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
