"""The self-assessment pages of an edition: « Auto-évaluation d'un projet » and « Reporting semestriel ARS ».

Both are forms generated from the data (every text through the template filters), made live by
docs/assets/evaluation.js: answers stay in the browser's localStorage, per edition; nothing is sent anywhere.
Without JavaScript they print as blank checklists. Beside them: the items of every edition up to this one as JSON
(to re-evaluate a file made on an earlier edition) and the JSON Schema of the exported files.
"""

from __future__ import annotations

from cadre.evaluation.fichier import CONCERNE, CONFORMITE, REPONSES, evaluation_schema
from cadre.evaluation.items import ARS, ECHEANCES, PROJET, items, items_document
from cadre.exports.opendata import API_ROOT, schema_path
from cadre.site.context import BuildContext
from cadre.site.pages import Overview, overview_page
from cadre.site.templating import Renderer
from cadre.text import json_text

PAGES = {
    PROJET: Overview("auto-evaluation/index.md", "Auto-évaluation d'un projet", "Auto-évaluation d'un projet",
                     "auto-evaluation.md.j2"),
    ARS: Overview("reporting-ars/index.md", "Reporting semestriel ARS", "Reporting semestriel ARS",
                  "reporting-ars.md.j2"),
}
SCHEMA = schema_path("evaluation.schema.json")


def items_path(year: int) -> str:
    return f"{API_ROOT}/evaluation/items-{year}.json"


def evaluation_files(ctx: BuildContext, renderer: Renderer) -> dict[str, str]:
    values = {"reponses": REPONSES, "concerne": CONCERNE, "conformite": CONFORMITE, "echeances": ECHEANCES,
              "annee": ctx.annee, "schema": SCHEMA, "items_racine": f"{API_ROOT}/evaluation/"}
    files = {page.path: overview_page(renderer, page, type_=type_, items=items(ctx.kb, type_), **values) for type_, page in PAGES.items()}
    for kb in ctx.editions:
        files[items_path(kb.edition.annee)] = json_text(items_document(kb)) + "\n"
    files[SCHEMA] = json_text(evaluation_schema()) + "\n"
    return files
