"""The quality gate fails where it must: a deliberately broken fixture trips each check the real tests use."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from cadre.publishing.linkcheck import check_site

from .checks import RequestLog, axe_violations

BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture(scope="module")
def bad_site_url():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(BAD))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_link_checker_reports_broken_link_anchor_and_malformed_address() -> None:
    problems, _ = check_site(BAD)
    reasons = sorted(p.reason for p in problems)
    assert reasons == ["adresse externe mal formée", "ancre « ancre-inconnue » introuvable", "cible introuvable"]


@pytest.mark.browser
def test_privacy_and_contrast_checks_fail_on_the_bad_fixture(bad_site_url: str, browser) -> None:
    page = browser.new_page()
    log = RequestLog(page, bad_site_url)
    page.goto(bad_site_url + "/", wait_until="load")
    violations = axe_violations(page)
    page.close()
    assert log.foreign() == ["http://cdn.example.invalid/pixel.png"]
    assert any(v.startswith("color-contrast") for v in violations), violations
