"""Browser tests read the site published once for the whole session (see tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def site_url(served_site: str) -> str:
    return served_site


@pytest.fixture(scope="session")
def editions() -> dict[str, str]:
    """The older (real 2016) and newer (fixture 2017, `latest`) editions of the published site."""
    return {"ancienne": "2016", "nouvelle": "2017"}
