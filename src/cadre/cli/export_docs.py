"""`cadre export-docs DOSSIER [--edition YEAR] [--cache DOSSIER] [--sans-pdf-edition]`: the site of an edition as a
plain docs folder and mkdocs.yml."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from cadre.cache import ContentCache
from cadre.cli.arguments import edition_year, project_folder, project_of
from cadre.loading.knowledge import InvalidEdition
from cadre.publishing.engine import site_settings
from cadre.publishing.folder import write_docs_folder
from cadre.publishing.search import write_records
from cadre.site import NoEdition, build_site, make_context


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export-docs", help="écrire le site d'une édition en dossier docs ordinaire",
                            description="Écrit dans DOSSIER toutes les pages et tous les fichiers du site d'une "
                            "édition, les pages rédigées (macros rendues), les surcharges du thème et un mkdocs.yml "
                            "minimal (Material, sans hook ni macros) : « mkdocs build -f DOSSIER/mkdocs.yml » le "
                            "construit tel quel ; « cadre recherche DOSSIER/site --enregistrements "
                            "DOSSIER/recherche.json » l'indexe ensuite pour la recherche.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("dossier", metavar="DOSSIER", help="dossier à écrire (vidé s'il existe)")
    parser.add_argument("--edition", type=edition_year, help="année de l'édition (défaut : la plus récente)")
    parser.add_argument("--projet", type=project_folder,
                        help="dossier du projet (mkdocs.yml, docs/ ; défaut : .)")
    parser.add_argument("--cache", help="dossier du cache des diagrammes et PDF (défaut : .cache du projet)")
    parser.add_argument("--sans-pdf-edition", action="store_true",
                        help="ne pas produire le PDF de l'édition entière (comme CADRE_PDF_EDITION=non)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args.projet).resolve()
    settings = replace(site_settings(project), pdf_edition=not args.sans_pdf_edition)
    cache = ContentCache(Path(args.cache) if args.cache else project / ".cache")
    try:
        ctx = make_context(Path(args.data), args.edition, settings, cache)
    except InvalidEdition as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        print(f"{len(invalid.errors)} erreur(s) dans les données : rien n'a été écrit.", file=sys.stderr)
        return 1
    except NoEdition as missing:
        print(f"cadre : {missing}", file=sys.stderr)
        return 1
    site = build_site(ctx)
    config = write_docs_folder(site, project, Path(args.dossier))
    records = config.parent / "recherche.json"  # beside mkdocs.yml: not a page of the site
    write_records(records, site.search_records, str(ctx.annee))
    print(f"Édition {ctx.annee} écrite dans {config.parent} : mkdocs build -f {config}")
    print(f"puis, pour la recherche : cadre recherche {config.parent / 'site'} --enregistrements {records}")
    return 0
