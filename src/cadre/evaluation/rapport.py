"""The printable report of one evaluation file as PDF: the summary on the first page, then every item's answer.

Printed through the WeasyPrint path of the site's PDFs (`cadre.exports.pdf.pdf_bytes`, whose URL fetcher refuses
every address). Data text goes through `cadre.text`; the file's own texts (name, comments, links to evidence) are
escaped by the template's autoescaping and never become links.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from cadre.evaluation.fichier import CONFORMITE, REPONSES, SANS_REPONSE
from cadre.evaluation.items import Item
from cadre.evaluation.synthese import TYPES, Evaluation, libelle_reponse
from cadre.exports.pdf import pdf_bytes
from cadre.exports.typography import french_spacing_html
from cadre.model.kinds import label
from cadre.text import html_block, html_inline, plain

TEMPLATES = Path(__file__).parent / "templates"
PRINT_CSS = Path(__file__).parents[1] / "exports" / "templates" / "print.css"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=lambda text: Markup(html_block(text)), inline=lambda text: Markup(html_inline(text)),
                       titre=lambda entity: plain(label(entity)))
    return env


def report_html(evaluation: Evaluation) -> str:
    by_group: dict[str, list[Item]] = {}
    for item in evaluation.items:
        by_group.setdefault(item.groupe, []).append(item)
    html = _environment().get_template("rapport.html").render(
        e=evaluation, titre=TYPES[evaluation.type], reponses=REPONSES[evaluation.type], sans_reponse=SANS_REPONSE,
        conformite=CONFORMITE, par_groupe=by_group, libelle=lambda value: libelle_reponse(evaluation.type, value),
        css=Markup(PRINT_CSS.read_text(encoding="utf-8")))
    head, body = html.split("<body>", 1)
    return head + "<body>" + french_spacing_html(body)


def report_pdf(evaluation: Evaluation) -> bytes:
    return pdf_bytes(report_html(evaluation))
