"""`cadre new-edition YEAR`: start the yearly revision from a copy of the latest edition, as a draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.cli.arguments import edition_year
from cadre.editions.catalogue import ScaffoldRefused, previous_year, scaffold_edition


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new-edition", help="préparer l'édition suivante (brouillon) à partir de la dernière",
                            description="Copie la dernière édition dans data/editions/ANNEE avec le statut "
                            "brouillon et sans date de publication. Les éditions existantes ne sont jamais "
                            "modifiées.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("annee", metavar="ANNEE", type=edition_year, help="année de la nouvelle édition (ex. 2017)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    try:
        target = scaffold_edition(data, args.annee)
    except ScaffoldRefused as refused:
        print(f"cadre : {refused}", file=sys.stderr)
        return 1
    print(f"Édition {args.annee} créée dans {target} (statut : brouillon).")
    print("Étapes suivantes :")
    print(f"  1. modifier les fichiers de {target} (et texte_adoption dans edition.yaml) ;")
    print(f"  2. cadre validate --edition {args.annee}")
    print(f"  3. cadre diff {previous_year(data, args.annee)} {args.annee}")
    print(f"  4. statut: en-concertation dans edition.yaml, puis cadre publish {args.annee} (jamais « latest ») ;")
    print(f"  5. une fois adoptée : statut: publiee et date_publication, puis cadre publish {args.annee}.")
    return 0
