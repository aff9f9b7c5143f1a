"""Benchmark of the site's search (Pagefind). Prints figures; it is not a timed test.

    python scripts/bench_search.py [--scales 1 10 100] [--cache DOSSIER]

For the real edition (1×) and synthetic, clearly fictional editions (N× the 2016 data, written into a temporary
folder by scripts/synthetic_edition.py), one `mkdocs build` each, then, in Chromium on a local static server:
- build time and, within it, indexing time (the build log's « Recherche : … » line): target under 10 % of the build;
- index size on disk (pagefind/), pages and records indexed, words in the typo-correction list;
- bytes downloaded for a reader's first query (everything the search box fetches: its script, Pagefind's script,
  worker and WebAssembly, the index chunks and the fragments of the results shown): target under 300 KB at 100×;
  the same bytes as a compressing server would send them (gzip of each file; Pagefind's chunks are already gzipped);
- time from the last key typed to the results shown (the box waits 80 ms after a key before searching: included),
  for the first query (cold: nothing loaded) and a second one (warm): target under 300 ms.
PDFs are part of a build: pass --cache to keep them between runs (a fresh temporary cache by default).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_edition  # noqa: E402

SYNTHETIC_YEAR = 2090
# (first query, second query): what a reader types, on the real edition and on a synthetic one
QUERIES = {"real": ("RPPS", "agences régionales de santé"),
           "synthetic": ("référentiel fictif", "plateforme de démonstration")}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOG_LINE = re.compile(r"Recherche : (\d+) pages et (\d+) entrées indexées en ([\d.]+) s")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(data: Path, year: str | None, out: Path, cache: Path) -> tuple[float, float, int, int]:
    """(build seconds, index seconds, pages, records) of one `mkdocs build` of the edition."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_CACHE=str(cache))
    env.pop("CADRE_EDITION", None)
    if year:
        env["CADRE_EDITION"] = year
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    found = LOG_LINE.search(result.stderr)
    if result.returncode != 0 or not found:
        raise SystemExit(f"échec de la construction ({data}) :\n{result.stderr[-3000:]}")
    return seconds, float(found[3]), int(found[1]), int(found[2])


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def measure_browser(site: Path, queries: tuple[str, str]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="load")
            context.on("requestfinished", lambda request: fetched.__setitem__(request.url, _size(request)))
            first = _timed_query(page, queries[0])
            first_urls = dict(fetched)
            second = _timed_query(page, queries[1])
            browser.close()
    finally:
        httpd.shutdown()
    search_files = {u: n for u, n in first_urls.items() if "/pagefind/" in u or u.endswith("/assets/recherche.js")}
    raw = sum(search_files.values())
    compressed = sum(_gzipped(site, url, u) for u in search_files)
    return {"first_ms": first, "second_ms": second, "bytes": raw, "gzip_bytes": compressed,
            "requests": len(search_files)}


def _size(request) -> int:  # noqa: ANN001 - a Playwright request
    response = request.response()
    return len(response.body()) if response else 0


def _gzipped(site: Path, base: str, url: str) -> int:
    data = (site / url.removeprefix(base).split("?")[0]).read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data))


def _timed_query(page, query: str) -> float:  # noqa: ANN001 - a Playwright page
    """Milliseconds from the last key of `query` to its results on screen."""
    page.keyboard.press("/")
    page.wait_for_selector("#cadre-recherche-saisie:focus")
    page.fill("#cadre-recherche-saisie", query[:-1])
    return page.evaluate("""async (query) => {
        const box = document.getElementById('cadre-recherche-saisie');
        const list = document.getElementById('cadre-recherche-resultats');
        const start = performance.now();
        box.value = query; box.dispatchEvent(new Event('input'));
        while (list.dataset.requete !== query) await new Promise(r => requestAnimationFrame(r));
        return performance.now() - start; }""", query)


def scale_run(scale: int, work: Path, cache: Path) -> dict[str, float]:
    if scale == 1:
        data, year, queries = ROOT / "data", None, QUERIES["real"]
    else:
        data, year, queries = work / f"donnees-{scale}", str(SYNTHETIC_YEAR), QUERIES["synthetic"]
        synthetic_edition.write(synthetic_edition.generate(scale, SYNTHETIC_YEAR), data / "editions" / year)
    out = work / f"site-{scale}"
    build_s, index_s, pages, records = build(data, year, out, cache)
    size, files = folder_size(out / "pagefind")
    words = len((out / "pagefind" / "vocabulaire.json").read_text(encoding="utf-8").split(","))
    figures = {"scale": scale, "build_s": build_s, "index_s": index_s, "pages": pages, "records": records,
               "index_bytes": size, "index_files": files, "words": words}
    runs = [measure_browser(out, queries) for _ in range(3)]
    figures.update({key: statistics.median(r[key] for r in runs) for key in runs[0]})
    shutil.rmtree(out, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--cache", type=Path, help="cache des PDF et diagrammes (défaut : temporaire)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cadre-bench-recherche-") as tmp:
        work = Path(tmp)
        cache = args.cache or work / "cache"
        header = (f"{'échelle':>8} {'build s':>8} {'index s':>8} {'index %':>8} {'pages':>6} {'entrées':>8} "
                  f"{'index Ko':>9} {'fichiers':>8} {'mots':>6} {'1re req Ko':>10} {'gzip Ko':>8} {'req':>4} "
                  f"{'1re ms':>7} {'2e ms':>6}")
        print(header, flush=True)
        for scale in args.scales:
            f = scale_run(scale, work, cache)
            print(f"{str(scale) + '×':>8} {f['build_s']:8.1f} {f['index_s']:8.1f} "
                  f"{100 * f['index_s'] / f['build_s']:7.1f}% {f['pages']:6d} {f['records']:8d} "
                  f"{f['index_bytes'] / 1024:9.0f} {f['index_files']:8d} {f['words']:6d} {f['bytes'] / 1024:10.0f} "
                  f"{f['gzip_bytes'] / 1024:8.0f} {f['requests']:4.0f} {f['first_ms']:7.0f} {f['second_ms']:6.0f}",
                  flush=True)
    print("Cibles : index < 10 % de la construction ; 1re requête < 300 Ko à 100× ; résultats < 300 ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
