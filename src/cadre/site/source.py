"""The site of one edition as a value: every generated file, built in one pass from a `BuildContext`.

`build_site(ctx)` returns a `SiteSource`: docs-relative path → content (Markdown pages, SVG diagrams, Atom feeds,
open data, PDFs), the edition's banner values and the macros of the hand-written pages. No MkDocs import: any
engine (the MkDocs adapter, the plain docs folder, the tests) takes the files as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from cadre.editions.diff import EditionDiff, diff_editions
from cadre.editions.catalogue import LATEST
from cadre.editions.echeances import Echeance, echeances
from cadre.editions.history import EntityHistory, histories
from cadre.exports.calendar import calendar_path, calendars
from cadre.exports.entity_feeds import FicheFeeds, build_entity_feed, entity_feed_path
from cadre.exports.feeds import STYLESHEET, FeedContext, build_feed, entry_count, feed_path, updated_for
from cadre.exports.opendata import api_files, comparison_files, comparison_path, data_file_reference, entity_json_path
from cadre.exports.pdf import TEMPLATES, PdfRun, edition_pdf_path, fact_sheet_path
from cadre.model.kinds import KINDS, label, page_kinds
from cadre.site.architecture import Architecture, Drawer, architecture_pages, draw_architecture
from cadre.site.comparisons import comparison_pages, editions_compared, retired, retired_pages
from cadre.site.context import BuildContext
from cadre.site.figures import RenderStats, draw_all
from cadre.site.evaluation import evaluation_files
from cadre.site import mentions
from cadre.site.handwritten import macros
from cadre.site.kept import KeptSite, read_site, site_key, write_site
from cadre.site.navigation import SectionNav, entity_navigation
from cadre.site.pages import (EntityExtras, Exports, Overview, entity_pages, overview_page, overview_pages,
                              standalone_pages)
from cadre.site.printed import Pending, printed_log, start_printing
from cadre.site.search import SearchRecord, search_records
from cadre.site.templating import Renderer
from cadre.text import plain
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
    figures = [path for path in kept.files if path.endswith(".svg")]  # the drawings, kept with the site
    run = PdfRun([], [path for path, (kind, _) in kept.stored.items() if kind == "pdf"], 0.0, [])
    pages = sum(1 for path in kept.files if path.endswith(".md"))
    log = (RenderStats(reused=figures).summary(), f"pages : {pages} page(s) en {seconds:.2f} s (site repris du cache)",
           *printed_log(run, edition_pdf_path(ctx.kb), ctx.settings.pdf_edition, 0.0),
           *filter(None, [mentions.notice(ctx.settings.mentions_legales)]))
    handwritten = _macros(ctx, kept.files)  # no renderer: nothing is rendered
    return SiteSource(ctx.annee, kept.files, kept.banner, handwritten, log, kept.stored,
                      search_records=search_records(ctx.kb), nav=_navigation(ctx))


def build_pages(ctx: BuildContext, draw: Drawer = draw_all) -> SiteSource:
    """Every generated file but the PDFs: the pages, the diagrams (drawn by `draw`), the feeds and the open data."""
    started, cpu = time.perf_counter(), processor_seconds()
    renderer = Renderer(ctx.kb)
    steps = [diff_editions(old, new) for old, new in pairwise(ctx.editions)]  # one diff per consecutive pair
    diff = steps[-1] if steps else None
    compared = editions_compared(ctx.editions, diff)
    history = histories(list(ctx.editions), steps)
    deadlines = list(echeances(ctx.kb))
    architecture = draw_architecture(renderer, ctx.settings.project / "diagrams", ctx.cache, draw)
    years = [kb.edition.annee for kb in ctx.editions]
    files: dict[str, str | bytes] = {}
    files.update(entity_pages(renderer, _extras(ctx, architecture, history, deadlines), years))
    files.update(overview_pages(renderer, [(d.name, d.title) for d in architecture.definitions]))
    files[NOUVEAUTES] = nouveautes_page(ctx, renderer, diff, [d.ancienne for d in compared])
    files.update(comparison_pages(renderer, compared, ctx.libelle_statut,
                                  {d.ancienne: comparison_path(d.ancienne, d.nouvelle) for d in compared}))
    gone = retired(ctx.editions, history, compared)
    files.update(retired_pages(renderer, gone, {(r.derniere.kind, r.derniere.id): entity_feed_path(
        r.derniere.kind, r.derniere.id) for r in gone}, years[0]))
    files.update(architecture_pages(renderer, architecture))
    pages = len(files)
    files.update(architecture.svgs)
    files.update(feeds(ctx, diff))
    files.update(entity_feeds(ctx, history))
    first_ids = {key: story.evenements[0].id for key, story in history.items()  # the id before any renaming
                 if story.evenements and story.evenements[0].id != key[1]}
    files.update(calendars(deadlines, [(r.id, plain(label(r))) for r in ctx.kb.all("referentiel")],
                           ctx.settings.site_name, ctx.annee, updated_for(ctx.kb.edition.date_publication),
                           ctx.edition_url, first_ids))
    files.update(api_files(ctx.kb))
    files.update(comparison_files(compared))
    files.update(evaluation_files(ctx, renderer))
    banner = {"annee": ctx.annee, "statut": ctx.statut.value, "libelle_statut": ctx.libelle_statut,
              "publiee": ctx.publiee}
    wall = time.perf_counter() - started - architecture.stats.seconds  # the diagrams are said apart
    work = processor_seconds() - cpu - architecture.stats.cpu
    log = (architecture.stats.summary(),
           f"pages : {pages} page(s) en {wall:.2f} s, {work:.2f} s CPU (modèles, flux, données ouvertes)",
           *filter(None, [mentions.notice(ctx.settings.mentions_legales)]))
    # the diagram files are kept with the site, not read back from the drawings' cache: each file is its drawing
    # with links made relative to where it is served (figures.inline.as_file), not the cached drawing itself
    stored: dict[str, tuple[str, str]] = {}
    return SiteSource(ctx.annee, files, banner, _macros(ctx, files), log, stored,
                      search_records=search_records(ctx.kb), nav=_navigation(ctx))


def _macros(ctx: BuildContext, files: dict[str, str | bytes]) -> dict[str, Callable[..., str]]:
    """The macros of the hand-written pages: the edition's, and the legal notice's from the configuration."""
    return {**macros(ctx.kb, files, ctx.settings.pdf_edition, ctx.settings.repository_url),
            **mentions.macros(ctx.settings.mentions_legales, ctx.settings.project)}


def _navigation(ctx: BuildContext) -> SectionNav:
    return entity_navigation(ctx.kb, [(page.title, page.path) for page in standalone_pages(ctx.kb)])


def _extras(ctx: BuildContext, architecture: Architecture, history: dict[tuple[str, str], EntityHistory],
            deadlines: list[Echeance]) -> dict[tuple[str, str], EntityExtras]:
    """What each entity page shows beside its entity: its files, its history, its context diagram."""
    dated = {d.referentiel for d in deadlines if d.referentiel}
    extras = {}
    for kind in page_kinds():
        for entity in ctx.kb.all(kind):
            key = (kind, entity.id)
            calendar = calendar_path(entity.id) if kind == "referentiel" and entity.id in dated else None
            extras[key] = EntityExtras(_exports(ctx, kind, entity.id, calendar), history.get(key),
                                       architecture.contexts.get(key))
    return extras


def _exports(ctx: BuildContext, kind: str, entity_id: str, calendar: str | None) -> Exports:
    repository = ctx.settings.repository_url
    source = repository + data_file_reference(ctx.kb, kind, entity_id, ctx.settings.project) if repository else ""
    pdf = fact_sheet_path(kind, entity_id) if KINDS[kind].fact_sheet else None
    return Exports(entity_json_path(kind, entity_id), pdf, source, entity_feed_path(kind, entity_id), calendar)


def nouveautes_page(ctx: BuildContext, renderer: Renderer, diff: EditionDiff | None, earlier: list[int]) -> str:
    title = f"Nouveautés de l'édition {ctx.annee}"
    contenu = [(kind, len(ctx.kb.all(kind))) for kind in KINDS if ctx.kb.all(kind)]  # what a first edition holds
    flux = [(kind, entry_count(diff, kind)) for kind in [None, *KINDS]]  # every feed, empty ones said so
    return overview_page(renderer, Overview(NOUVEAUTES, title, title, "nouveautes.md.j2"), diff=diff,
                         annee=ctx.annee, statut=ctx.libelle_statut, comparaisons=earlier, calendar=calendar_path(),
                         contenu=contenu, flux=flux, publiee=ctx.publiee)


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


def entity_feeds(ctx: BuildContext, history: dict[tuple[str, str], EntityHistory]) -> dict[str, str]:
    """A feed per entity with a page in any edition up to this one (a removed one keeps its feed)."""
    root = ctx.settings.site_url.rstrip("/")
    fiches = FicheFeeds(ctx.settings.site_name, ctx.annee, ctx.libelle_statut, f"{root}/" if root else "",
                        ctx.editions[0].edition.annee,
                        {kb.edition.annee: updated_for(kb.edition.date_publication) for kb in ctx.editions})
    names = {}
    for kb in ctx.editions:  # the name in the last edition that holds the entity
        for kind in page_kinds():
            names.update({(kind, e.id): plain(label(e)) for e in kb.all(kind)})
    return {entity_feed_path(*key): build_entity_feed(fiches, story, names[key])
            for key, story in history.items() if key[0] in page_kinds()}
