"""`cadre diff ANCIENNE NOUVELLE [--format texte|json]`: what changed between any two editions, grouped by kind.

The two editions need not be consecutive: every edition between them is loaded too, because lineage (`remplace`)
is declared from one edition to the next and is followed through them. ANCIENNE must precede NOUVELLE: the
comparison reads in the direction of time (what was added, what was removed), and lineage only runs forward.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cadre.cache import ContentCache
from cadre.cli.arguments import edition_year
from cadre.editions.catalogue import edition_years
from cadre.editions.diff import compare
from cadre.editions.items import diff_items, format_items_text
from cadre.editions.report import diff_json, format_text
from cadre.loading.knowledge import InvalidEdition
from cadre.loading.loader import edition_folder
from cadre.site.context import load_chain


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="comparer deux éditions (ajouts, retraits, champs modifiés, à revoir)",
                            description="Compare deux éditions valides, consécutives ou non : entités ajoutées "
                            "et retirées, et pour chaque entité modifiée le champ, sa valeur avant et après ; "
                            "renommages, fusions et scissions (« remplace ») suivis à travers les éditions "
                            "intermédiaires ; pour chaque entité modifiée ou retirée, les entités qui la citent "
                            "dans la nouvelle édition (« à revoir »). Les simples changements d'ordre et de mise "
                            "en forme du YAML ne comptent pas.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("ancienne", metavar="ANCIENNE", type=edition_year,
                        help="année de l'édition de référence, la plus ancienne (ex. 2016)")
    parser.add_argument("nouvelle", metavar="NOUVELLE", type=edition_year,
                        help="année de l'édition comparée, postérieure à ANCIENNE (ex. 2018)")
    parser.add_argument("--format", choices=["texte", "json"], default="texte",
                        help="texte (défaut) ou json pour un traitement automatique")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    # a missing edition first: the order of two years is worth saying only once both exist
    for year in (args.ancienne, args.nouvelle):
        if not edition_folder(data, year).is_dir():
            print(f"cadre : édition {year} introuvable ({edition_folder(data, year)})", file=sys.stderr)
            return 1
    if args.ancienne >= args.nouvelle:
        print(f"cadre : l'édition de référence ({args.ancienne}) doit précéder l'édition comparée "
              f"({args.nouvelle}) : cadre diff {min(args.ancienne, args.nouvelle)} "
              f"{max(args.ancienne, args.nouvelle)}" if args.ancienne != args.nouvelle else
              f"cadre : deux éditions différentes sont nécessaires (reçu deux fois {args.ancienne})",
              file=sys.stderr)
        return 1
    years = [y for y in edition_years(data) if y <= args.nouvelle]  # lineage is checked from the first one
    try:
        editions = load_chain(data, years, ContentCache(None))
    except InvalidEdition as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        wrong = [y for y in years if any(edition_folder(data, y).resolve() in e.location.path.resolve().parents
                                         for e in invalid.errors)]
        print(f"{_named(wrong)} : {len(invalid.errors)} erreur(s) ; corriger avant de comparer.", file=sys.stderr)
        return 1
    compared = [kb for kb in editions if kb.edition.annee >= args.ancienne]
    diff, items = compare(compared), diff_items(compared[0], compared[-1])
    if args.format == "json":
        # the comparison's published schema (api/v1/schemas/comparaison.schema.json): items changes are in it, as
        # the changes of the check-points and objectives, each path naming the item's id
        print(json.dumps(diff_json(diff), ensure_ascii=False, indent=2))
    else:
        # then, when there are some, the evaluation items to look at again, in one list for a project or an ARS
        sys.stdout.write(format_text(diff) + ("" if items.vide else "\n" + format_items_text(items)))
    return 0


def _named(years: list[int]) -> str:
    if len(years) == 1:
        return f"Édition {years[0]} invalide"
    return "Éditions invalides" + (" : " + ", ".join(map(str, years)) if years else "")
