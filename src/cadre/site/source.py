"""The site of one edition as a value: every generated file, built in one pass from a `BuildContext`.

`build_site(ctx)` returns a `SiteSource`: docs-relative path → content (Markdown pages, SVG diagrams, Atom feeds,
open data, PDFs), the edition's banner values and the macros of the hand-written pages. No MkDocs import: any
engine (the MkDocs adapter, the plain docs folder, the tests) takes the files as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from cadre.editions.diff import EditionDiff, diff_editions
from cadre.editions.echeances import Echeance, echeances
from cadre.editions.history import EntityHistory, histories
from cadre.exports.calendar import calendar_path, calendars
from cadre.exports.entity_feeds import FicheFeeds, build_entity_feed, entity_feed_path
from cadre.exports.feeds import FeedContext, build_feed, feed_path, updated_for
from cadre.exports.opendata import api_files, comparison_files, comparison_path, data_file_reference, entity_json_path
from cadre.exports.pdf import cached_pdfs, fact_sheet_path, pdf_documents
from cadre.model.kinds import KINDS, label, page_kinds
from cadre.site.architecture import Architecture, architecture_pages, draw_architecture
from cadre.site.comparisons import comparison_pages, editions_compared, retired, retired_pages
from cadre.site.context import BuildContext
from cadre.site.handwritten import macros
from cadre.site.pages import EntityExtras, Exports, Overview, entity_pages, overview_page, overview_pages
from cadre.site.templating import Renderer
from cadre.text import plain

NOUVEAUTES = "nouveautes.md"


@dataclass(frozen=True)
class SiteSource:
    annee: int
    files: dict[str, str | bytes]  # docs-relative path -> content
    banner: dict[str, object]  # the edition's status, for the theme's banners
    macros: dict[str, Callable[..., str]] = field(default_factory=dict)  # for the hand-written pages
    log: tuple[str, ...] = ()  # what the build drew and printed, for the build log

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
    steps = [diff_editions(old, new) for old, new in pairwise(ctx.editions)]  # one diff per consecutive pair
    diff = steps[-1] if steps else None
    compared = editions_compared(ctx.editions, diff)
    history = histories(list(ctx.editions), steps)
    deadlines = list(echeances(ctx.kb))
    architecture = draw_architecture(renderer, ctx.settings.project / "diagrams", ctx.cache)
    years = [kb.edition.annee for kb in ctx.editions]
    files: dict[str, str | bytes] = {}
    files.update(entity_pages(renderer, _extras(ctx, architecture, history, deadlines), years))
    files.update(overview_pages(renderer))
    files[NOUVEAUTES] = nouveautes_page(ctx, renderer, diff, [d.ancienne for d in compared])
    files.update(comparison_pages(renderer, compared, ctx.libelle_statut,
                                  {d.ancienne: comparison_path(d.ancienne, d.nouvelle) for d in compared}))
    gone = retired(ctx.editions, history, compared)
    files.update(retired_pages(renderer, gone, {(r.derniere.kind, r.derniere.id): entity_feed_path(
        r.derniere.kind, r.derniere.id) for r in gone}, years[0]))
    files.update(architecture_pages(renderer, architecture))
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
    documents = list(pdf_documents(ctx.kb, ctx.edition_url))
    pdfs, run = cached_pdfs(documents, ctx.cache, allow_stale=ctx.apercu)
    files.update(pdfs)
    banner = {"annee": ctx.annee, "statut": ctx.statut.value, "libelle_statut": ctx.libelle_statut,
              "publiee": ctx.publiee}
    log = (architecture.stats.summary(), run.summary())
    return SiteSource(ctx.annee, files, banner, macros(renderer, files), log)


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
    pdf = fact_sheet_path(entity_id) if KINDS[kind].fact_sheet else None
    return Exports(entity_json_path(kind, entity_id), pdf, source, entity_feed_path(kind, entity_id), calendar)


def nouveautes_page(ctx: BuildContext, renderer: Renderer, diff: EditionDiff | None, earlier: list[int]) -> str:
    title = f"Nouveautés de l'édition {ctx.annee}"
    return overview_page(renderer, Overview(NOUVEAUTES, title, title, "nouveautes.md.j2"), diff=diff,
                         annee=ctx.annee, statut=ctx.libelle_statut, comparaisons=earlier, calendar=calendar_path())


def feeds(ctx: BuildContext, diff: EditionDiff | None) -> dict[str, str]:
    """The Atom feeds of what the edition changed: the whole edition, then one per kind."""
    feed = FeedContext(ctx.annee, ctx.settings.site_name, ctx.libelle_statut,
                       updated_for(ctx.kb.edition.date_publication), ctx.edition_url or "../")
    return {feed_path(kind): build_feed(feed, diff, kind) for kind in [None, *KINDS]}


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
