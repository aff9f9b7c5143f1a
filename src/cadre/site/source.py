"""The site of one edition as a value: every generated file, built in one pass from a `BuildContext`.

`build_site(ctx)` returns a `SiteSource`: docs-relative path → content (Markdown pages, SVG diagrams, Atom feeds,
open data, PDFs), the edition's banner values and the macros of the hand-written pages. No MkDocs import: any
engine (the MkDocs adapter, the plain docs folder, the tests) takes the files as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cadre.editions.diff import EditionDiff, diff_editions
from cadre.editions.history import histories
from cadre.exports.feeds import STYLESHEET, FeedContext, build_feed, entry_count, feed_path, updated_for
from cadre.exports.opendata import api_files, data_file_reference, entity_json_path
from cadre.exports.pdf import TEMPLATES, cached_pdfs, fact_sheet_path, pdf_documents
from cadre.model.kinds import KINDS, page_kinds
from cadre.publishing.ghpages import LATEST
from cadre.site.architecture import Architecture, architecture_pages, draw_architecture
from cadre.site.context import BuildContext
from cadre.site.handwritten import macros
from cadre.site.pages import EntityExtras, Exports, Overview, entity_pages, overview_page, overview_pages
from cadre.site.search import SearchRecord, search_records
from cadre.site.templating import Renderer

NOUVEAUTES = "nouveautes.md"


@dataclass(frozen=True)
class SiteSource:
    annee: int
    files: dict[str, str | bytes]  # docs-relative path -> content
    banner: dict[str, object]  # the edition's status, for the theme's banners
    macros: dict[str, Callable[..., str]] = field(default_factory=dict)  # for the hand-written pages
    log: tuple[str, ...] = ()  # what the build drew and printed, for the build log
    search_records: tuple[SearchRecord, ...] = ()  # entries of shared pages, indexed beside the pages

    def pages(self) -> dict[str, str]:
        return {path: content for path, content in self.files.items() if path.endswith(".md")
                and isinstance(content, str)}


_BUILT: dict[str, SiteSource] = {}


def build_site(ctx: BuildContext) -> SiteSource:
    """Every generated file of the edition's site; the same context gives the same value (kept once built)."""
    if ctx.key not in _BUILT:
        _BUILT.clear()  # one site at a time in memory: a rebuild under `mkdocs serve` replaces it
        _BUILT[ctx.key] = _build(ctx)
    return _BUILT[ctx.key]


def _build(ctx: BuildContext) -> SiteSource:
    renderer = Renderer(ctx.kb)
    diff = diff_editions(ctx.previous, ctx.kb) if ctx.previous else None
    architecture = draw_architecture(renderer, ctx.settings.project / "diagrams", ctx.cache)
    files: dict[str, str | bytes] = {}
    files.update(entity_pages(renderer, _extras(ctx, architecture), [kb.edition.annee for kb in ctx.editions]))
    files.update(overview_pages(renderer))
    files[NOUVEAUTES] = nouveautes_page(ctx, renderer, diff)
    files.update(architecture_pages(renderer, architecture))
    files.update(architecture.svgs)
    files.update(feeds(ctx, diff))
    files.update(api_files(ctx.kb))
    documents = list(pdf_documents(ctx.kb, ctx.edition_url))
    pdfs, run = cached_pdfs(documents, ctx.cache, allow_stale=ctx.apercu)
    files.update(pdfs)
    banner = {"annee": ctx.annee, "statut": ctx.statut.value, "libelle_statut": ctx.libelle_statut,
              "publiee": ctx.publiee}
    log = (architecture.stats.summary(), run.summary())
    return SiteSource(ctx.annee, files, banner, macros(renderer, files, ctx.settings.repository_url), log, search_records(ctx.kb))


def _extras(ctx: BuildContext, architecture: Architecture) -> dict[tuple[str, str], EntityExtras]:
    """What each entity page shows beside its entity: its files, its history, its context diagram."""
    history = histories(list(ctx.editions))
    extras = {}
    for kind in page_kinds():
        for entity in ctx.kb.all(kind):
            key = (kind, entity.id)
            extras[key] = EntityExtras(_exports(ctx, kind, entity.id), history.get(key), architecture.contexts.get(key))
    return extras


def _exports(ctx: BuildContext, kind: str, entity_id: str) -> Exports:
    repository = ctx.settings.repository_url
    source = repository + data_file_reference(ctx.kb, kind, entity_id, ctx.settings.project) if repository else ""
    pdf = fact_sheet_path(entity_id) if KINDS[kind].fact_sheet else None
    return Exports(entity_json_path(kind, entity_id), pdf, source)


def nouveautes_page(ctx: BuildContext, renderer: Renderer, diff: EditionDiff | None) -> str:
    title = f"Nouveautés de l'édition {ctx.annee}"
    contenu = [(kind, len(ctx.kb.all(kind))) for kind in KINDS if ctx.kb.all(kind)]  # what a first edition holds
    flux = [(kind, entry_count(diff, kind)) for kind in [None, *KINDS]]  # every feed, empty ones said so
    return overview_page(renderer, Overview(NOUVEAUTES, title, title, "nouveautes.md.j2"), diff=diff,
                         annee=ctx.annee, statut=ctx.libelle_statut, contenu=contenu, flux=flux,
                         publiee=ctx.publiee)


def feeds(ctx: BuildContext, diff: EditionDiff | None) -> dict[str, str]:
    """The Atom feeds of what the edition changed (the whole edition, then one per kind) and their browser page.

    Links are relative to the feed (flux/ of an edition folder) unless the site has a public address; a published
    edition is subscribed to under latest/ (see cadre.exports.feeds)."""
    root = ctx.settings.site_url.rstrip("/") + "/" if ctx.settings.site_url else "../../"
    edition = f"{root}{ctx.annee}/"
    feed = FeedContext(ctx.annee, ctx.settings.site_name, ctx.libelle_statut,
                       updated_for(ctx.kb.edition.date_publication), edition,
                       f"{root}{LATEST}/" if ctx.publiee else edition)
    files = {feed_path(kind): build_feed(feed, diff, kind) for kind in [None, *KINDS]}
    files[STYLESHEET] = (TEMPLATES / "flux.css").read_text(encoding="utf-8")
    return files
