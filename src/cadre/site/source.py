"""The site of one edition as a value: every generated file, built in one pass from a `BuildContext`.

`build_site(ctx)` returns a `SiteSource`: docs-relative path → content (Markdown pages, SVG diagrams, Atom feeds,
open data, PDFs), the edition's banner values and the macros of the hand-written pages. No MkDocs import: any
engine (the MkDocs adapter, the plain docs folder, the tests) takes the files as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cadre.editions.diff import EditionDiff, diff_editions
from cadre.editions.history import histories
from cadre.exports.feeds import FeedContext, build_feed, feed_path, updated_for
from cadre.exports.opendata import api_files, data_file_reference, entity_json_path
from cadre.exports.pdf import PdfRun, edition_pdf_path, fact_sheet_path
from cadre.model.kinds import KINDS, page_kinds
from cadre.site.architecture import Architecture, Drawer, architecture_pages, draw_architecture
from cadre.site.context import BuildContext
from cadre.site.figures import RenderStats, draw_all
from cadre.site.handwritten import macros
from cadre.site.kept import KeptSite, read_site, site_key, write_site
from cadre.site.navigation import SectionNav, entity_navigation
from cadre.site.pages import (EntityExtras, Exports, Overview, entity_pages, overview_page, overview_pages,
                              standalone_pages)
from cadre.site.printed import Pending, printed_log, start_printing
from cadre.site.search import SearchRecord, search_records
from cadre.site.templating import Renderer
from cadre.timing import processor_seconds

NOUVEAUTES = "nouveautes.md"
DIAGRAMS = "diagrams"  # the cache kind of the drawings


@dataclass(frozen=True)
class SiteSource:
    annee: int
    files: dict[str, str | bytes]  # docs-relative path -> content
    banner: dict[str, object]  # the edition's status, for the theme's banners
    macros: dict[str, Callable[..., str]] = field(default_factory=dict)  # for the hand-written pages
    log: tuple[str, ...] = ()  # what the build drew and printed, for the build log
    stored: dict[str, tuple[str, str]] = field(default_factory=dict)  # files that are cache entries: (kind, key)
    printing: Pending | None = field(default=None, repr=False, compare=False)  # PDFs still being printed
    search_records: tuple[SearchRecord, ...] = ()  # entries of shared pages, indexed beside the pages
    nav: SectionNav = field(default_factory=dict)  # the entity pages' navigation, by section (navigation.splice)

    def pages(self) -> dict[str, str]:
        return {path: content for path, content in self.files.items() if path.endswith(".md")
                and isinstance(content, str)}

    @property
    def pending(self) -> list[str]:
        """Paths of the PDFs still being printed: in `files` once `finish()` has returned."""
        return [path for path in self.printing.paths if path not in self.files] if self.printing else []

    def finish(self) -> tuple[str, ...]:
        """Wait for the PDFs still being printed, which join `files`; the log lines of their printing."""
        return self.printing.finish(self) if self.printing else ()

    def abandon(self) -> None:
        """The build failed: stop printing."""
        if self.printing:
            self.printing.abandon()


_BUILT: dict[str, SiteSource] = {}


def build_site(ctx: BuildContext, background: bool = False) -> SiteSource:
    """Every generated file of the edition's site; the same context gives the same value (kept once built).

    The PDFs are printed in worker processes while the pages are written; with `background`, the site is
    returned before they are done (an engine then has its own work to do meanwhile), `finish()` waits for them and
    returns their log lines; without, they are in `files` and their lines in `log`.
    """
    if ctx.key not in _BUILT:
        _BUILT.clear()  # one site at a time in memory: a rebuild under `mkdocs serve` replaces it
        _BUILT[ctx.key] = _build(ctx)
    site = _BUILT[ctx.key]
    if not background and site.pending:
        site = _BUILT[ctx.key] = replace(site, log=(*site.log, *site.finish()))
    return site


def _build(ctx: BuildContext) -> SiteSource:
    started = time.perf_counter()
    key = site_key(ctx)
    kept = read_site(ctx.cache, key) if key else None
    if kept is not None:  # nothing changed since a build: its files as they were
        return _restored(ctx, kept, time.perf_counter() - started)
    printing = start_printing(ctx)
    try:
        site = build_pages(ctx)
    except BaseException:
        printing.abandon()
        raise
    keep = (lambda built: write_site(ctx.cache, key, built.files, built.banner, built.stored)) if key else None
    return replace(site, printing=replace(printing, keep=keep))


def _restored(ctx: BuildContext, kept: KeptSite, seconds: float) -> SiteSource:
    """A kept site, with the same log lines as a build that drew and printed nothing."""
    figures = [path for path, (kind, _) in kept.stored.items() if kind == DIAGRAMS]
    run = PdfRun([], [path for path, (kind, _) in kept.stored.items() if kind == "pdf"], 0.0, [])
    pages = sum(1 for path in kept.files if path.endswith(".md"))
    log = (RenderStats(reused=figures).summary(), f"pages : {pages} page(s) en {seconds:.2f} s (site repris du cache)",
           *printed_log(run, edition_pdf_path(ctx.kb), ctx.settings.pdf_edition, 0.0))
    handwritten = macros(ctx.kb, kept.files, ctx.settings.pdf_edition)  # no renderer: nothing is rendered
    return SiteSource(ctx.annee, kept.files, kept.banner, handwritten, log, kept.stored,
                      search_records=search_records(ctx.kb), nav=_navigation(ctx))


def build_pages(ctx: BuildContext, draw: Drawer = draw_all) -> SiteSource:
    """Every generated file but the PDFs: the pages, the diagrams (drawn by `draw`), the feeds and the open data."""
    started, cpu = time.perf_counter(), processor_seconds()
    renderer = Renderer(ctx.kb)
    diff = diff_editions(ctx.previous, ctx.kb) if ctx.previous else None
    architecture = draw_architecture(renderer, ctx.settings.project / "diagrams", ctx.cache, draw)
    files: dict[str, str | bytes] = {}
    files.update(entity_pages(renderer, _extras(ctx, architecture), [kb.edition.annee for kb in ctx.editions]))
    files.update(overview_pages(renderer))
    files[NOUVEAUTES] = nouveautes_page(ctx, renderer, diff)
    files.update(architecture_pages(renderer, architecture))
    pages = len(files)
    files.update(architecture.svgs)
    files.update(feeds(ctx, diff))
    files.update(api_files(ctx.kb))
    banner = {"annee": ctx.annee, "statut": ctx.statut.value, "libelle_statut": ctx.libelle_statut,
              "publiee": ctx.publiee}
    wall = time.perf_counter() - started - architecture.stats.seconds  # the diagrams are said apart
    work = processor_seconds() - cpu - architecture.stats.cpu
    log = (architecture.stats.summary(),
           f"pages : {pages} page(s) en {wall:.2f} s, {work:.2f} s CPU (modèles, flux, données ouvertes)")
    stored = {path: (DIAGRAMS, architecture.stats.keys[name]) for path, name in architecture.paths.items()
              if name in architecture.stats.keys}  # a drawer that keeps no drawing (tests) leaves them in the pages
    return SiteSource(ctx.annee, files, banner, macros(ctx.kb, files, ctx.settings.pdf_edition), log, stored,
                      search_records=search_records(ctx.kb), nav=_navigation(ctx))


def _navigation(ctx: BuildContext) -> SectionNav:
    return entity_navigation(ctx.kb, [(page.title, page.path) for page in standalone_pages(ctx.kb)])


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
    return overview_page(renderer, Overview(NOUVEAUTES, title, title, "nouveautes.md.j2"), diff=diff,
                         annee=ctx.annee, statut=ctx.libelle_statut)


def feeds(ctx: BuildContext, diff: EditionDiff | None) -> dict[str, str]:
    """The Atom feeds of what the edition changed: the whole edition, then one per kind."""
    feed = FeedContext(ctx.annee, ctx.settings.site_name, ctx.libelle_statut,
                       updated_for(ctx.kb.edition.date_publication), ctx.edition_url or "../")
    return {feed_path(kind): build_feed(feed, diff, kind) for kind in [None, *KINDS]}
