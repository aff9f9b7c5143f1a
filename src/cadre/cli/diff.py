"""`cadre diff OLD NEW [--format texte|json]`: what changed between two editions, grouped by entity kind."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cadre.cli.arguments import edition_year
from cadre.editions.diff import diff_editions, diff_items, format_items_text, format_text
from cadre.loading.knowledge import InvalidEdition, load_knowledge_base
from cadre.loading.loader import edition_folder


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="comparer deux éditions (ajouts, retraits, champs modifiés)",
                            description="Compare deux éditions valides : entités ajoutées et retirées, et pour "
                            "chaque entité modifiée le champ, sa valeur avant et après. Les simples changements "
                            "d'ordre et de mise en forme du YAML ne comptent pas.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("ancienne", metavar="ANCIENNE", type=edition_year,
                        help="année de l'édition de référence (ex. 2016)")
    parser.add_argument("nouvelle", metavar="NOUVELLE", type=edition_year,
                        help="année de l'édition comparée (ex. 2017)")
    parser.add_argument("--format", choices=["texte", "json"], default="texte",
                        help="texte (défaut) ou json pour un traitement automatique")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    editions = []
    for year in (args.ancienne, args.nouvelle):
        if not edition_folder(data, year).is_dir():
            print(f"cadre : édition {year} introuvable ({edition_folder(data, year)})", file=sys.stderr)
            return 1
        try:
            editions.append(load_knowledge_base(data, year))
        except InvalidEdition as invalid:
            for error in invalid.errors:
                print(error, file=sys.stderr)
            print(f"Édition {year} invalide : {len(invalid.errors)} erreur(s) ; corriger avant de comparer.",
                  file=sys.stderr)
            return 1
    diff, items = diff_editions(*editions), diff_items(*editions)
    if args.format == "json":
        print(json.dumps({**diff.to_json(), "items": items.to_json()}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_text(diff) + "\n" + format_items_text(items))
    return 0
