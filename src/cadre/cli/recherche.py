"""`cadre recherche SITE [--enregistrements FICHIER]`: index a site built outside `cadre` for its search box.

`mkdocs build` and `cadre publish` index the site themselves (macros/hooks.py); a site built from the plain docs
folder of `cadre export-docs` has no hook: this command writes its `pagefind/` folder afterwards, with the glossary
and programme entries that `export-docs` wrote into `recherche.json`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.publishing.search import SearchIndexError, index_site, read_records


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("recherche", help="indexer un site construit pour la recherche (Pagefind)",
                            add_help=False,
                            description="Écrit l'index de recherche (dossier pagefind/) d'un site déjà construit, "
                            "sans rien télécharger. Pour un site construit depuis le dossier de « cadre "
                            "export-docs » : cadre recherche DOSSIER/site --enregistrements DOSSIER/recherche.json")
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("site", help="dossier du site construit (ex. DOSSIER/site)")
    parser.add_argument("--enregistrements", metavar="FICHIER",
                        help="entrées du glossaire et programmes à indexer (recherche.json écrit par export-docs)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"cadre : {site} n'est pas un site construit (pas de index.html) : construisez-le d'abord "
              "(mkdocs build).", file=sys.stderr)
        return 1
    try:
        records, edition = read_records(Path(args.enregistrements)) if args.enregistrements else ([], "")
        print(index_site(site, records, edition).summary())
    except SearchIndexError as error:
        print(f"cadre : {error}", file=sys.stderr)
        return 1
    return 0
