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
  for the first query (cold: nothing loaded), a second one (warm) and a worst case (a phrase found many times on
  every page: the synthetic text repeats a few phrases everywhere, real text does not): target under 300 ms.
PDFs are part of a build: pass --cache to keep them between runs (a fresh temporary cache by default).

A build of a 100× edition takes hours on a small machine (thousands of PDFs and context diagrams): with
--copies, a scale above 10 is made from the 10× build instead, its entity pages copied under new addresses (with
their words changed) and its glossary and programme records multiplied, then indexed here; its build time is then
not measured but extrapolated from the 10× build (marked « ≈ »).
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
# (first query, second query, worst case): what a reader types, on the real edition and on a synthetic one; the
# worst case is a phrase of the synthetic text, found many times on every page
QUERIES = {"real": ("RPPS", "agences régionales de santé", "santé"),
           "synthetic": ("FXAB1", "Référentiel fictif 12", "plateforme de démonstration")}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOG_LINE = re.compile(r"Recherche : (\d+) pages et (\d+) entrées indexées en ([\d.]+) s")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# hand-written pages quoting real entities by id (« extrait ») cannot be built from a synthetic edition
REAL_DATA_PAGES = ["donnees-ouvertes.md"]


def synthetic_project(work: Path) -> Path:
    """A copy of the project for synthetic editions: without the pages that quote real data, not strict (their
    navigation entries are then missing)."""
    project = work / "projet"
    if not project.exists():
        for name in ("docs", "overrides", "macros", "diagrams"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        for page in REAL_DATA_PAGES:
            (project / "docs" / page).unlink()
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def build(data: Path, year: str | None, out: Path, cache: Path, project: Path = ROOT) -> tuple[float, float, int, int]:
    """(build seconds, index seconds, pages, records) of one `mkdocs build` of the edition."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_CACHE=str(cache))
    env.pop("CADRE_EDITION", None)
    if year:
        env["CADRE_EDITION"] = year
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project, env=env,
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
    requests: list = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="load")
            context.on("requestfinished", lambda request: requests.append(request))
            first = _timed_query(page, queries[0])
            first_requests = list(requests)
            second = _timed_query(page, queries[1])
            worst = _timed_query(page, queries[2])
            search_files = {r.url: r.sizes()["responseBodySize"] for r in first_requests
                            if "/pagefind/" in r.url or r.url.endswith("/assets/recherche.js")}
            browser.close()
    finally:
        httpd.shutdown()
    # the script of Pagefind's web worker is fetched by the worker, where Playwright does not see it: counted here
    worker = site / "pagefind" / "pagefind-worker.js"
    if worker.is_file() and not any(u.endswith("pagefind-worker.js") for u in search_files):
        search_files[f"{url}pagefind/pagefind-worker.js"] = worker.stat().st_size
    raw = sum(search_files.values())
    compressed = sum(_gzipped(site, url, u) for u in search_files)
    return {"first_ms": first, "second_ms": second, "worst_ms": worst, "bytes": raw, "gzip_bytes": compressed,
            "requests": len(search_files)}


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


def copied_site(built: Path, factor: int, target: Path) -> list:
    """The built site with each entity page copied `factor - 1` times under new addresses, its words changed."""
    from cadre.site.search import SearchRecord

    shutil.copytree(built, target)
    shutil.rmtree(target / "pagefind")
    pages = [p for folder in ("referentiels", "socle", "principes", "acteurs", "textes")
             for p in (built / folder).glob("*/index.html")]
    for copy in range(2, factor + 1):
        suffix = "".join(chr(97 + int(d)) for d in str(copy))  # new words, not just new numbers
        for page in pages:
            folder = page.parent.relative_to(built)
            destination = target / folder.with_name(f"{folder.name}-{suffix}") / "index.html"
            destination.parent.mkdir(parents=True)
            destination.write_text(page.read_text(encoding="utf-8").replace("fictif", f"fictif{suffix}"),
                                   encoding="utf-8")
    return [SearchRecord(f"glossaire/#fx{n}", f"FX{n}", f"Sigle fictif numéro {n} d'une démonstration", "glossaire")
            for n in range(factor * 930)] + \
           [SearchRecord(f"programmes/#p{n}", f"Programme fictif {n}", "Programme fictif de démonstration",
                         "programme", "dispositif existant") for n in range(factor * 400)]


def scale_run(scale: int, work: Path, cache: Path, copies: bool = False,
              previous: dict[str, float] | None = None) -> dict[str, float]:
    if copies and scale > 10 and previous:
        from cadre.publishing.search import index_site

        out = work / f"site-{scale}"
        records = copied_site(work / "site-10", scale // 10, out)
        report = index_site(out, records, str(SYNTHETIC_YEAR))
        figures = {"scale": scale, "build_s": previous["build_s"] * scale / 10, "index_s": report.seconds,
                   "pages": report.pages, "records": report.records, "estimated": True}
        return _measured(figures, out, QUERIES["synthetic"])
    return _built(scale, work, cache)


def _built(scale: int, work: Path, cache: Path) -> dict[str, float]:
    if scale == 1:
        data, year, queries, project = ROOT / "data", None, QUERIES["real"], ROOT
    else:
        data, year, queries = work / f"donnees-{scale}", str(SYNTHETIC_YEAR), QUERIES["synthetic"]
        synthetic_edition.write(synthetic_edition.generate(scale, SYNTHETIC_YEAR), data / "editions" / year)
        project = synthetic_project(work)
    out = work / f"site-{scale}"
    build_s, index_s, pages, records = build(data, year, out, cache, project)
    figures = {"scale": scale, "build_s": build_s, "index_s": index_s, "pages": pages, "records": records}
    return _measured(figures, out, queries)


def _measured(figures: dict, out: Path, queries: tuple[str, str]) -> dict:
    figures["index_bytes"], figures["index_files"] = folder_size(out / "pagefind")
    figures["words"] = len((out / "pagefind" / "vocabulaire.json").read_text(encoding="utf-8").split(","))
    runs = [measure_browser(out, queries) for _ in range(3)]
    figures.update({key: statistics.median(r[key] for r in runs) for key in runs[0]})
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--cache", type=Path, help="cache des PDF et diagrammes (défaut : temporaire)")
    parser.add_argument("--dossier", type=Path, help="dossier de travail gardé (défaut : temporaire, effacé)")
    parser.add_argument("--copies", action="store_true",
                        help="au-delà de 10×, copier les pages du site 10× au lieu de construire (voir ci-dessus)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cadre-bench-recherche-") as tmp:
        work = args.dossier or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        cache = args.cache or work / "cache"
        header = (f"{'échelle':>8} {'build s':>8} {'index s':>8} {'index %':>8} {'pages':>6} {'entrées':>8} "
                  f"{'index Ko':>9} {'fichiers':>8} {'mots':>6} {'1re req Ko':>10} {'gzip Ko':>8} {'req':>4} "
                  f"{'1re ms':>7} {'2e ms':>6} {'pire ms':>7}")
        print(header, flush=True)
        previous = None
        for scale in args.scales:
            f = scale_run(scale, work, cache, args.copies, previous)
            previous = f if scale == 10 else previous
            mark = "≈" if f.get("estimated") else " "
            print(f"{str(scale) + '×':>8}{mark}{f['build_s']:7.0f} {f['index_s']:8.1f} "
                  f"{100 * f['index_s'] / f['build_s']:7.1f}% {f['pages']:6d} {f['records']:8d} "
                  f"{f['index_bytes'] / 1024:9.0f} {f['index_files']:8d} {f['words']:6d} {f['bytes'] / 1024:10.0f} "
                  f"{f['gzip_bytes'] / 1024:8.0f} {f['requests']:4.0f} {f['first_ms']:7.0f} {f['second_ms']:6.0f} "
                  f"{f['worst_ms']:7.0f}",
                  flush=True)
    print("Cibles : index < 10 % de la construction ; 1re requête < 300 Ko à 100× ; résultats < 300 ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
