"""PDF documents of an edition (one per référentiel, socle service and principle, one for the whole edition).

They are rendered from the knowledge base through a small print template rather than from the site's pages: a
fact sheet then carries exactly its content, with French typography, in about a second. Data text comes through
the one safe path (`cadre.text`); WeasyPrint's URL fetcher refuses every address (the print stylesheet is inline,
data may hold no image), so nothing of the build machine or the network can enter a PDF. Every PDF is tagged
(PDF/UA-1: structure tree, language, title shown by the reader), so a screen reader follows its headings,
lists and tables.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import jinja2
from markupsafe import Markup

from cadre.cache import ContentCache, content_key
from cadre.exports.typography import french_spacing_html
from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS, label
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

    return HTML(string=html, url_fetcher=_no_fetching()).write_pdf(pdf_variant=PDF_VARIANT)


def _no_fetching():  # noqa: ANN202 - a weasyprint.urls.URLFetcher, imported late like weasyprint itself
    from weasyprint.urls import URLFetcher

    class NothingFetched(URLFetcher):
        """Every resource of a printed document is inline: any address (file://, http://, data:) is refused."""

        def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
            raise ValueError(f"ressource externe refusée dans un document imprimé : {url[:80]}")

    return NothingFetched()


def pdf_documents(kb: KnowledgeBase, site_url: str = "") -> Iterator[tuple[str, str]]:
    """(path under the site root, HTML to print) of every PDF of the edition."""
    for kind in KINDS.values():
        if kind.fact_sheet:
            for entity in kb.all(kind.name):
                yield fact_sheet_path(kind.name, entity.id), SHEETS[kind.name](kb, entity.id, site_url)
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

    def summary(self) -> str:
        return f"PDF : {len(self.rendered)} rendu(s), {len(self.cached)} depuis le cache ({self.seconds:.1f} s)"


def cache_key(html: str) -> str:
    return content_key(f"weasyprint {version('weasyprint')} {PDF_VARIANT}", html)


LATEST = "derniers"  # path → key of the version last rendered, for the live preview


def cached_pdfs(documents: list[tuple[str, str]], cache: ContentCache, workers: int | None = None,
                allow_stale: bool = False) -> tuple[dict[str, bytes], PdfRun]:
    """The bytes of every (path, HTML) document, rendering only those the cache lacks, in parallel processes
    (WeasyPrint is pure Python, CPU-bound), the longest first. With `allow_stale` (live preview, where each data
    edit would otherwise cost half a minute), a changed document keeps its previous version when there is one."""
    start = time.perf_counter()
    html_of = dict(documents)
    keys = {path: cache_key(html) for path, html in documents}
    found = {path: cache.read("pdf", key, ".pdf") for path, key in keys.items()}
    latest = _latest(cache)
    stale = {p: cache.read("pdf", latest[p], ".pdf") for p in keys if found[p] is None and allow_stale and p in latest}
    stale = {p: data for p, data in stale.items() if data is not None}
    missing = sorted((p for p in keys if found[p] is None and p not in stale), key=lambda p: -len(html_of[p]))
    for path, data in zip(missing, _render(missing, html_of, workers), strict=True):
        cache.write("pdf", keys[path], ".pdf", data)
        found[path] = data
    pdfs = {path: found[path] or stale[path] for path in keys}
    _remember(cache, {**latest, **{p: k for p, k in keys.items() if p not in stale}})
    cache.prune("pdf", keep=set(keys.values()) | {LATEST})
    run = PdfRun(missing, [p for p in keys if p not in missing and p not in stale], time.perf_counter() - start,
                 list(stale))
    return pdfs, run


def _render(paths: list[str], html_of: dict[str, str], workers: int | None) -> list[bytes]:
    workers = min(len(paths), workers or 2)
    if workers <= 1:
        return [pdf_bytes(html_of[p]) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(pdf_bytes, (html_of[p] for p in paths)))


def _latest(cache: ContentCache) -> dict[str, str]:
    import json

    try:
        return json.loads((cache.read("pdf", LATEST, ".json") or b"{}").decode())
    except ValueError:
        return {}


def _remember(cache: ContentCache, keys: dict[str, str]) -> None:
    import json

    cache.write("pdf", LATEST, ".json", json.dumps(keys, indent=0, sort_keys=True).encode())
