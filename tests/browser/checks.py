"""What a reader's browser sees: the checks shared by the real tests and by their deliberately broken fixtures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class RequestLog:
    """Every request a page makes, to prove none leaves the site's own origin."""

    def __init__(self, page: Page, origin: str) -> None:
        self.origin = origin
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        own = urlsplit(self.origin).netloc
        return [u for u in self.urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                and urlsplit(u).netloc != own]


def axe_response(page: Page) -> dict:
    """axe-core's whole answer for the page (WCAG 2.1 A/AA rules): passes, violations, incomplete, inapplicable."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=WCAG).response


def axe_violations(page: Page, response: dict | None = None) -> list[str]:
    """WCAG 2.1 A/AA violations found by axe-core, one line each (rule, impact, first target)."""
    response = response if response is not None else axe_response(page)
    lines = []
    for violation in response.get("violations", []):
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:3]
        lines.append(f"{violation['id']} ({violation.get('impact')}): {' | '.join(targets)}")
    return lines


def open_search(page: Page) -> None:
    """Open the site's search box the way a keyboard user does (« / » anywhere on the page)."""
    page.keyboard.press("/")
    page.wait_for_selector("#cadre-recherche-saisie:focus", timeout=5000)


def search(page: Page, query: str) -> list[list[str]]:
    """Type a query into the search box; for each result in order, its links: the page, then its sections."""
    open_search(page)
    box = page.locator("#cadre-recherche-saisie")
    box.fill("")
    box.press_sequentially(query, delay=15)
    page.wait_for_function("q => document.getElementById('cadre-recherche-resultats').dataset.requete === q",
                           arg=query, timeout=15000)
    return page.eval_on_selector_all(
        ".cadre-resultat", "items => items.map(i => [...i.querySelectorAll('a')].map(a => a.href))")


def found_in_top(results: list[list[str]], edition_url: str, expected: tuple[str, ...], top: int = 3) -> bool:
    """One of the first `top` results, or one of its sections, is one of the expected pages (paths from the
    edition's root, with their anchor when they have one)."""
    links = [link.removeprefix(edition_url) for result in results[:top] for link in result]
    return any(link.startswith(page) for link in links for page in expected)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


# --- what the accessibility statement shows ----------------------------------------------------------------------

LEVELS = ["WCAG 2.0 A", "WCAG 2.0 AA", "WCAG 2.1 A", "WCAG 2.1 AA"]  # the tags of WCAG above


def record_measures(target: Path, edition: str, browser: str, responses: dict[str, dict]) -> dict:
    """Write what axe-core measured on each page of an edition into the file the « Accessibilité » page reads
    (docs/assets/accessibilite/mesures.json). Rewritten only when a figure changes, so that running the tests
    again leaves the working tree clean; the date is that of the measurement that gave these figures."""
    rules: dict[str, set[str]] = {"passes": set(), "violations": set(), "incomplete": set(), "inapplicable": set()}
    for response in responses.values():
        for group, found in rules.items():
            found.update(rule["id"] for rule in response.get(group, []))
    engine = next(iter(responses.values()))["testEngine"]["version"]
    result = {
        "pages": sorted(responses),
        "violations": sum(len(r.get("violations", [])) for r in responses.values()),
        "reussies": len(rules["passes"] - rules["violations"]),
        "sans_objet": len(rules["inapplicable"] - rules["passes"] - rules["violations"] - rules["incomplete"]),
        "a_verifier": len(rules["incomplete"]),
    }
    try:
        previous = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    figures = {"axe": engine, "navigateur": f"Chromium {browser}", "niveaux": LEVELS,
               "editions": {**previous.get("editions", {}), edition: result}}
    if {k: v for k, v in previous.items() if k != "date"} != figures:
        target.parent.mkdir(parents=True, exist_ok=True)
        figures = {"date": date.today().isoformat(), **figures}
        target.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return figures


def goto(page: Page, url: str) -> None:
    """Load a page and require a success answer."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: {response.status if response else 'pas de réponse'}"
