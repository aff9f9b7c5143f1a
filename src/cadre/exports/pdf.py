"""PDF documents of an edition (one per référentiel fact sheet, one for the whole edition), via WeasyPrint.

They are rendered from the knowledge base through a small print template rather than from the site's
pages: a fact sheet then carries exactly its content, with French typography, in about a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import jinja2

from cadre.exports.typography import french_spacing_html, markdown_to_html
from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Referentiel
from cadre.model.kinds import KINDS
from cadre.site.text import inline

TEMPLATES = Path(__file__).parent / "templates"

# The whole-edition document follows the document's order: the instruction, then the annex.
EDITION_PARTS = ["chapitre", "famille", "referentiel", "evolution", "service", "objectif", "processus", "etape",
                 "principe", "acteur", "instance", "elaboration", "regle", "programme", "cas-usage", "glossaire"]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = lambda text: jinja2.utils.markupsafe.Markup(markdown_to_html(text or ""))
    env.filters["titre_fiche"] = fact_sheet_title
    return env


def fact_sheet_title(referentiel: Referentiel) -> str:
    """« Nom (SIGLE) », the sigle added only when the name does not already carry it (as on the site)."""
    if referentiel.sigle and referentiel.sigle not in referentiel.nom:
        return f"{referentiel.nom} ({referentiel.sigle})"
    return referentiel.nom


def _stylesheet() -> jinja2.utils.markupsafe.Markup:
    # trusted CSS of the package: autoescaping would turn its quotes into entities, which <style> never decodes
    return jinja2.utils.markupsafe.Markup((TEMPLATES / "print.css").read_text(encoding="utf-8"))


def fact_sheet_html(kb: KnowledgeBase, referentiel_id: str, site_url: str = "") -> str:
    referentiel = kb.get("referentiel", referentiel_id)
    evolutions = [e for e in kb.all("evolution") if e.referentiel == referentiel_id]
    return _typeset(_environment().get_template("fiche.html").render(
        kb=kb, r=referentiel, evolutions=evolutions, categorie=kb.get("categorie", referentiel.categorie),
        page_url=site_url + kb.url("referentiel", referentiel_id), css=_stylesheet()))


def edition_html(kb: KnowledgeBase, site_url: str = "") -> str:
    parts = [(KINDS[kind], kb.all(kind)) for kind in EDITION_PARTS if kb.entities[kind]]
    return _typeset(_environment().get_template("edition.html").render(
        kb=kb, parts=parts, site_url=site_url, css=_stylesheet()))


def _typeset(html: str) -> str:
    """French spacing on every text of the body: the templates' own labels and plain (non-Markdown) fields too."""
    head, body = html.split("<body>", 1)
    return head + "<body>" + french_spacing_html(body)


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it is slow to import and only PDFs need it

    return HTML(string=html).write_pdf()


def pdf_documents(kb: KnowledgeBase, site_url: str = "") -> Iterator[tuple[str, str]]:
    """(path under the site root, HTML to print) of every PDF of the edition."""
    for referentiel in kb.all("referentiel"):
        yield fact_sheet_path(referentiel.id), fact_sheet_html(kb, referentiel.id, site_url)
    yield edition_pdf_path(kb), edition_html(kb, site_url)


def fact_sheet_path(referentiel_id: str) -> str:
    return f"pdf/referentiel-{referentiel_id}.pdf"


def edition_pdf_path(kb: KnowledgeBase) -> str:
    return f"pdf/cadre-commun-{kb.edition.annee}.pdf"


def pdf_list_markdown(kb: KnowledgeBase, base: str = "") -> str:
    """A Markdown list of the edition's PDF documents; `base` leads from the page to the site root."""
    # titles come from the data: escaped like every data text that reaches a page
    lines = [f"- [{inline(kb.edition.titre)}, édition {kb.edition.annee} (document entier)]"
             f"({base}{edition_pdf_path(kb)})", "- Fiches des référentiels :"]
    for r in kb.all("referentiel"):
        lines.append(f"    - [{inline(fact_sheet_title(r))}]({base}{fact_sheet_path(r.id)})")
    return "\n".join(lines)


# --- rendering with a cache ------------------------------------------------------------------------------------
# A fact sheet takes about a second to lay out and the whole edition (130 pages) half a minute: a rebuild with
# unchanged data must not pay that again. The cache key is the printed HTML (which embeds the stylesheet) and
# the WeasyPrint version, so any change of data, template, CSS or renderer renders again.


@dataclass(frozen=True)
class PdfRun:
    rendered: list[str]  # paths rendered by this run
    cached: list[str]  # paths taken from the cache
    seconds: float
    stale: list[str] = field(default_factory=list)  # paths given their previous version (live preview)


def cache_key(html: str) -> str:
    return hashlib.sha256(f"weasyprint {version('weasyprint')}\n{html}".encode()).hexdigest()


def cached_pdfs(documents: list[tuple[str, str]], cache_dir: Path, workers: int | None = None,
                allow_stale: bool = False) -> tuple[dict[str, bytes], PdfRun]:
    """The bytes of every (path, HTML) document, rendering only those missing from `cache_dir`.

    Missing documents render in parallel processes (WeasyPrint is pure Python, CPU-bound), the longest
    first so that the whole-edition document does not start last. With `allow_stale` (live preview, where
    each data edit would otherwise cost half a minute), a changed document keeps its previous version when
    one was rendered before.
    """
    start = time.perf_counter()
    html_of = dict(documents)
    keys = {path: cache_key(html) for path, html in documents}
    latest = _latest_keys(cache_dir)
    missing = [path for path, key in keys.items() if not (cache_dir / f"{key}.pdf").is_file()]
    stale = [p for p in missing if allow_stale and (cache_dir / f"{latest.get(p)}.pdf").is_file()]
    to_render = [p for p in missing if p not in stale]
    if to_render:
        _render_into_cache(sorted(to_render, key=lambda p: -len(html_of[p])), html_of, keys, cache_dir, workers)
    used = {path: latest[path] if path in stale else key for path, key in keys.items()}
    pdfs = {path: (cache_dir / f"{key}.pdf").read_bytes() for path, key in used.items()}
    _remember_latest(cache_dir, {**latest, **used})
    _prune(cache_dir, keep=set(used.values()))
    cached = [path for path in keys if path not in missing]
    return pdfs, PdfRun(rendered=to_render, cached=cached, seconds=time.perf_counter() - start, stale=stale)


LATEST = "derniers.json"  # path → key of the version last published, for `allow_stale`


KEEP_DAYS = 30  # cached PDFs unused for this long are deleted (each data change adds a few hundred KB)


def _prune(cache_dir: Path, keep: set[str]) -> None:
    now = time.time()
    for pdf in cache_dir.glob("*.pdf"):
        if pdf.stem in keep:
            os.utime(pdf)  # used: its age counts from now (other editions' builds share the cache)
        elif now - pdf.stat().st_mtime > KEEP_DAYS * 86400:
            pdf.unlink(missing_ok=True)


def _latest_keys(cache_dir: Path) -> dict[str, str]:
    try:
        return json.loads((cache_dir / LATEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember_latest(cache_dir: Path, keys: dict[str, str]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    _store(cache_dir / LATEST, json.dumps(keys, indent=0, sort_keys=True).encode())


def _render_into_cache(paths: list[str], html_of: dict[str, str], keys: dict[str, str], cache_dir: Path,
                       workers: int | None) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    workers = min(len(paths), workers or os.cpu_count() or 1)
    if workers == 1:
        results = map(pdf_bytes, (html_of[p] for p in paths))
        for path, data in zip(paths, results, strict=True):
            _store(cache_dir / f"{keys[path]}.pdf", data)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, data in zip(paths, pool.map(pdf_bytes, (html_of[p] for p in paths)), strict=True):
            _store(cache_dir / f"{keys[path]}.pdf", data)


def _store(target: Path, data: bytes) -> None:
    # write then rename: an interrupted build never leaves a truncated PDF that later builds would trust
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)
