"""PDF documents of an edition (one per référentiel fact sheet, one for the whole edition), via WeasyPrint.

They are rendered from the knowledge base through a small print template rather than from the site's
pages: a fact sheet then carries exactly its content, with French typography, in about a second.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jinja2

from .kb import KnowledgeBase
from .kinds import KINDS
from .text import markdown_to_html

TEMPLATES = Path(__file__).parent / "templates" / "pdf"

# The whole-edition document follows the document's order: the instruction, then the annex.
EDITION_PARTS = ["chapitre", "famille", "referentiel", "evolution", "service", "objectif", "processus", "etape",
                 "principe", "acteur", "instance", "elaboration", "regle", "programme", "cas-usage", "glossaire"]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = lambda text: jinja2.utils.markupsafe.Markup(markdown_to_html(text or ""))
    return env


def fact_sheet_html(kb: KnowledgeBase, referentiel_id: str, site_url: str = "") -> str:
    referentiel = kb.get("referentiel", referentiel_id)
    evolutions = [e for e in kb.all("evolution") if e.referentiel == referentiel_id]
    return _environment().get_template("fiche.html").render(
        kb=kb, r=referentiel, evolutions=evolutions, categorie=kb.get("categorie", referentiel.categorie),
        page_url=site_url + kb.url("referentiel", referentiel_id), css=(TEMPLATES / "print.css").read_text())


def edition_html(kb: KnowledgeBase, site_url: str = "") -> str:
    parts = [(KINDS[kind], kb.all(kind)) for kind in EDITION_PARTS if kb.entities[kind]]
    return _environment().get_template("edition.html").render(
        kb=kb, parts=parts, site_url=site_url, css=(TEMPLATES / "print.css").read_text())


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it is slow to import and only PDFs need it

    return HTML(string=html).write_pdf()


def pdf_documents(kb: KnowledgeBase, site_url: str = "") -> Iterator[tuple[str, str]]:
    """(path under the site root, HTML to print) of every PDF of the edition."""
    for referentiel in kb.all("referentiel"):
        yield f"pdf/referentiel-{referentiel.id}.pdf", fact_sheet_html(kb, referentiel.id, site_url)
    yield f"pdf/cadre-commun-{kb.edition.annee}.pdf", edition_html(kb, site_url)
