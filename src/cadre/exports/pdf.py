"""PDF documents of an edition (one per référentiel, socle service and principle, one for the whole edition).

They are rendered from the knowledge base through a small print template rather than from the site's pages: a
fact sheet then carries exactly its content, with French typography, in about a second. Data text comes through
the one safe path (`cadre.text`); WeasyPrint's URL fetcher refuses every address (the print stylesheet is inline,
data may hold no image), so nothing of the build machine or the network can enter a PDF. Every PDF is tagged
(PDF/UA-1: structure tree, language, title shown by the reader), so a screen reader follows its headings,
lists and tables.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import jinja2
from markupsafe import Markup

from cadre.cache import ContentCache, content_key
from cadre.exports.typography import french_spacing_html
from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS, label
from cadre.processes import die_with_parent
from cadre.text import html_block, html_inline, link_html, plain

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEETS = ("print.css", "sommaire.css")
PDF_VARIANT = "pdf/ua-1"  # tagged PDF (ISO 14289-1): what an accessible public document needs


def _parts() -> list[str]:
    """The kinds printed in the whole-edition document, in the document's order (the registry says which)."""
    printed = [kind for kind in KINDS.values() if kind.pdf_part is not None]
    return [kind.name for kind in sorted(printed, key=lambda k: k.pdf_part or 0)]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=lambda text: Markup(html_block(text)), inline=lambda text: Markup(html_inline(text)),
                       lien=lambda lien: Markup(link_html(lien.url, lien.titre)), titre=lambda e: plain(label(e)))
    return env


def _stylesheet() -> Markup:
    # trusted CSS of the package: autoescaping would turn its quotes into entities, which <style> never decodes
    return Markup("\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in STYLESHEETS))


def fact_sheet_html(kb: KnowledgeBase, referentiel_id: str, site_url: str = "") -> str:
    referentiel = kb.get("referentiel", referentiel_id)
    evolutions = [e for e in kb.all("evolution") if e.referentiel == referentiel_id]
    return _typeset(_environment().get_template("fiche.html").render(
        kb=kb, r=referentiel, evolutions=evolutions, categorie=kb.get("categorie", referentiel.categorie),
        page_url=site_url + kb.url("referentiel", referentiel_id) if site_url else "", css=_stylesheet()))


def service_sheet_html(kb: KnowledgeBase, service_id: str, site_url: str = "") -> str:
    from cadre.site.labels import VERSION_SOCLE  # the site's wording; imported here: cadre.site imports this module

    return _typeset(_environment().get_template("service.html").render(
        kb=kb, s=kb.get("service", service_id), versions=VERSION_SOCLE,
        objectifs=kb.referrers("service", service_id, "objectif"), etapes=kb.referrers("service", service_id, "etape"),
        page_url=site_url + kb.url("service", service_id) if site_url else "", css=_stylesheet()))


def principle_sheet_html(kb: KnowledgeBase, principe_id: str, site_url: str = "") -> str:
    return _typeset(_environment().get_template("principe.html").render(
        kb=kb, p=kb.get("principe", principe_id),
        page_url=site_url + kb.url("principe", principe_id) if site_url else "", css=_stylesheet()))


SHEETS = {"referentiel": fact_sheet_html, "service": service_sheet_html, "principe": principle_sheet_html}


def edition_html(kb: KnowledgeBase, site_url: str = "") -> str:
    parts = [(KINDS[kind], kb.all(kind)) for kind in _parts() if kb.entities[kind]]
    return _typeset(_environment().get_template("edition.html").render(
        kb=kb, parts=parts, site_url=site_url, css=_stylesheet()))


def _typeset(html: str) -> str:
    """French spacing on every text of the body: the templates' own labels and plain (non-Markdown) fields too."""
    head, body = html.split("<body>", 1)
    return head + "<body>" + french_spacing_html(body)


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it is slow to import and only PDFs need it

    return HTML(string=html, url_fetcher=_no_fetching()).write_pdf(font_config=_fonts(), pdf_variant=PDF_VARIANT)


@cache
def _fonts():  # noqa: ANN202 - a weasyprint FontConfiguration
    """One font configuration per process: looking the fonts up again for each document costs about a sixth of
    its printing, and the documents are byte for byte the same (the print stylesheet declares no @font-face)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _no_fetching():  # noqa: ANN202 - a weasyprint.urls.URLFetcher, imported late like weasyprint itself
    from weasyprint.urls import URLFetcher

    class NothingFetched(URLFetcher):
        """Every resource of a printed document is inline: any address (file://, http://, data:) is refused."""

        def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
            raise ValueError(f"ressource externe refusée dans un document imprimé : {url[:80]}")

    return NothingFetched()


def pdf_documents(kb: KnowledgeBase, site_url: str = "", whole: bool = True) -> Iterator[tuple[str, str]]:
    """(path under the site root, HTML to print) of every PDF of the edition: the fact sheets, then the whole
    edition unless `whole` is false."""
    for kind in KINDS.values():
        if kind.fact_sheet:
            for entity in kb.all(kind.name):
                yield fact_sheet_path(kind.name, entity.id), SHEETS[kind.name](kb, entity.id, site_url)
    if whole:
        yield edition_pdf_path(kb), edition_html(kb, site_url)


def fact_sheet_path(kind: str, entity_id: str) -> str:
    """« pdf/referentiel-ci-sis.pdf », « pdf/service-dmp.pdf », « pdf/principe-… »: the kind keeps ids apart."""
    return f"pdf/{kind}-{entity_id}.pdf"


def edition_pdf_path(kb: KnowledgeBase) -> str:
    return f"pdf/cadre-commun-{kb.edition.annee}.pdf"


# --- rendering with a cache ------------------------------------------------------------------------------------
# A fact sheet takes about a second to lay out and the whole edition (130 pages) half a minute: a rebuild with
# unchanged data must not pay that again. The key is the printed HTML (which embeds the stylesheet), the
# WeasyPrint version and the PDF variant, so any change of data, template, CSS or renderer renders again.


@dataclass(frozen=True)
class PdfRun:
    rendered: list[str]  # paths rendered by this run
    cached: list[str]  # paths taken from the cache
    seconds: float
    stale: list[str]  # paths given their previous version (live preview)
    took: dict[str, float] = field(default_factory=dict)  # processor seconds spent printing each path
    keys: dict[str, str] = field(default_factory=dict)  # path -> the cache key of its document

    def summary(self) -> str:
        return f"PDF : {len(self.rendered)} rendu(s), {len(self.cached)} depuis le cache ({self.seconds:.1f} s)"


def cache_key(html: str) -> str:
    return content_key(f"weasyprint {version('weasyprint')} {PDF_VARIANT}", html)


LATEST = "derniers"  # path → key of the version last rendered, for the live preview


def cached_pdfs(documents: list[tuple[str, str]], cache: ContentCache, workers: int | None = None,
                allow_stale: bool = False) -> tuple[dict[str, bytes], PdfRun]:
    """The bytes of every (path, HTML) document, rendering only those the cache lacks (see `Printing`)."""
    return Printing(documents, cache, workers, allow_stale).result()


class Printing:
    """The PDFs of (path, HTML) documents: those the cache lacks are printed in worker processes (WeasyPrint is
    pure Python, CPU-bound), one per core, the longest first, while the caller goes on; `result()` waits for them.
    With `allow_stale` (live preview, where each data edit would otherwise cost half a minute), a changed
    document keeps its previous version when there is one."""

    def __init__(self, documents: list[tuple[str, str]], cache: ContentCache, workers: int | None = None,
                 allow_stale: bool = False) -> None:
        self.started = time.perf_counter()
        self.cache = cache
        html_of = dict(documents)
        self.keys = {path: cache_key(html) for path, html in documents}
        self.found = {path: cache.read("pdf", key, ".pdf") for path, key in self.keys.items()}
        self.latest = _latest(cache)
        stale = {p: cache.read("pdf", self.latest[p], ".pdf") for p in self.keys
                 if self.found[p] is None and allow_stale and p in self.latest}
        self.stale = {p: data for p, data in stale.items() if data is not None}
        self.missing = sorted((p for p in self.keys if self.found[p] is None and p not in self.stale),
                              key=lambda p: -len(html_of[p]))
        self.workers = min(len(self.missing), workers or len(os.sched_getaffinity(0)))
        self.pool: ProcessPoolExecutor | None = None
        self.printing: list[Future[tuple[bytes, float]]] = []
        if self.workers > 1:
            import weasyprint  # noqa: F401 - imported once here, before the workers are forked, not in each of them

            # a dead worker fails the build, never hangs it; workers die with this process (processes.py)
            self.pool = ProcessPoolExecutor(self.workers, initializer=die_with_parent)
            self.printing = [self.pool.submit(_timed_pdf, html_of[p]) for p in self.missing]
        self.html_of = html_of if self.pool is None else {}
        self.run: tuple[dict[str, bytes], PdfRun] | None = None

    @property
    def paths(self) -> list[str]:
        return list(self.keys)

    def result(self) -> tuple[dict[str, bytes], PdfRun]:
        """Every document's bytes, once printed (each new one written to the cache), and what was done."""
        if self.run is None:
            if self.pool is not None:
                try:
                    printed = [future.result() for future in self.printing]
                except BaseException:  # interrupted (SIGTERM, Ctrl-C) or a worker failed: none left running
                    self.abandon()
                    raise
                self.pool.shutdown()
            else:
                printed = [_timed_pdf(self.html_of[p]) for p in self.missing]
            took = {}
            for path, (data, seconds) in zip(self.missing, printed, strict=True):
                self.cache.write("pdf", self.keys[path], ".pdf", data)
                self.found[path], took[path] = data, seconds
            pdfs = {path: self.found[path] or self.stale[path] for path in self.keys}
            _remember(self.cache, {**self.latest, **{p: k for p, k in self.keys.items() if p not in self.stale}})
            self.cache.prune("pdf", keep=set(self.keys.values()) | {LATEST})
            cached = [p for p in self.keys if p not in self.missing and p not in self.stale]
            self.run = pdfs, PdfRun(self.missing, cached, time.perf_counter() - self.started, list(self.stale), took,
                                    self.keys)
        return self.run

    def abandon(self) -> None:
        """Stop printing (the build failed): the workers are ended at once."""
        if self.pool is not None and self.run is None:
            # the executor has no public way to end a running task: its workers are ended directly
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _timed_pdf(html: str) -> tuple[bytes, float]:
    """The PDF and the processor seconds its printing took (steadier than the clock on a busy machine)."""
    started = time.process_time()
    return pdf_bytes(html), time.process_time() - started


def _latest(cache: ContentCache) -> dict[str, str]:
    import json

    try:
        return json.loads((cache.read("pdf", LATEST, ".json") or b"{}").decode())
    except ValueError:
        return {}


def _remember(cache: ContentCache, keys: dict[str, str]) -> None:
    import json

    cache.write("pdf", LATEST, ".json", json.dumps(keys, indent=0, sort_keys=True).encode())
