"""The PDFs of a site being printed while the rest of it is built: the fact sheets, and the whole edition unless
the build leaves it out. Their HTML is written first; the documents the cache lacks are then laid out in worker
processes (`cadre.exports.pdf.Printing`) while the pages are written and the engine renders them; the site's
`finish()` waits for them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre.exports.pdf import PdfRun, Printing, edition_pdf_path, pdf_documents
from cadre.site.context import BuildContext

if TYPE_CHECKING:
    from cadre.site.source import SiteSource


@dataclass(frozen=True)
class Pending:
    printing: Printing
    whole: str  # path of the whole edition's PDF
    made: bool  # whether the whole edition's PDF is made by this build
    html: float  # seconds spent writing the documents' HTML
    keep: Callable[[SiteSource], None] | None = None  # keeps the finished site between builds

    @property
    def paths(self) -> list[str]:
        return self.printing.paths

    def finish(self, site: SiteSource) -> tuple[str, ...]:
        """The PDFs join the site's files (and the site is kept); the log lines of their printing, once."""
        if all(path in site.files for path in self.paths):
            return ()
        pdfs, run = self.printing.result()
        site.files.update(pdfs)  # the dict the macros of the hand-written pages read too
        site.stored.update((path, ("pdf", key)) for path, key in run.keys.items())
        if self.keep and not run.stale:  # a live preview's stale PDF is never kept as the site
            self.keep(site)
        return printed_log(run, self.whole, self.made, self.html)

    def abandon(self) -> None:
        self.printing.abandon()


def start_printing(ctx: BuildContext) -> Pending:
    """Write the HTML of every PDF of the edition and start printing those the cache lacks."""
    started = time.perf_counter()
    whole = edition_pdf_path(ctx.kb)
    documents = list(pdf_documents(ctx.kb, ctx.edition_url, whole=ctx.settings.pdf_edition))
    html = time.perf_counter() - started
    return Pending(Printing(documents, ctx.cache, allow_stale=ctx.apercu), whole, ctx.settings.pdf_edition, html)


def printed_log(run: PdfRun, whole: str, made: bool, html: float) -> tuple[str, ...]:
    """What was printed: the fact sheets and the whole edition apart (the second grows with the edition)."""
    sheets = [path for path in run.rendered if path != whole]
    work = sum(run.took[path] for path in sheets)
    lines = [run.summary(), f"PDF des fiches : {len(sheets)} rendue(s) ({work:.1f} s CPU de mise en page) ; "
                            f"HTML des documents : {html:.2f} s"]
    if not made:
        lines.append("PDF de l'édition entière : non produit (CADRE_PDF_EDITION=non)")
    elif whole in run.rendered:
        lines.append(f"PDF de l'édition entière : rendu ({run.took[whole]:.1f} s CPU de mise en page)")
    else:
        lines.append("PDF de l'édition entière : repris du cache")
    return tuple(lines)
