"""`cadre validate [--edition YEAR]`: every error of every file in one run, then exit 1; counts on success."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.cli.arguments import edition_year
from cadre.editions.catalogue import edition_years, misnamed_editions
from cadre.loading.lineage import check_loaded
from cadre.loading.loader import LoadedEdition, edition_folder
from cadre.loading.validate import validate_edition
from cadre.model.kinds import KINDS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="valider les données d'une ou de toutes les éditions",
                            description="Vérifie types, champs obligatoires, énumérations, identifiants "
                            "uniques, références et dates, et que les entités remplacées (« remplace ») existent dans "
                            "l'édition précédente ; signale toutes les erreurs en une fois.",
                            add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--edition", type=edition_year, help="année de l'édition (défaut : toutes)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    misnamed = misnamed_editions(data)
    for error in misnamed:
        print(error, file=sys.stderr)
    present = edition_years(data)
    years = [args.edition] if args.edition else present
    if not years:
        print(f"cadre : aucune édition trouvée dans {data / 'editions'}", file=sys.stderr)
        return 1
    failed = bool(misnamed)
    validated: dict[int, LoadedEdition] = {}

    def validated_edition(year: int) -> LoadedEdition:
        if year not in validated:
            validated[year] = validate_edition(edition_folder(data, year))
        return validated[year]

    for year in years:
        root = edition_folder(data, year)
        if root.is_symlink():  # a linked edition folder: reported above, never read
            failed = True
            continue
        if not root.is_dir():
            print(f"cadre : édition {year} introuvable ({root})", file=sys.stderr)
            failed = True
            continue
        loaded = validated_edition(year)
        earlier = [y for y in present if y < year]  # `remplace` names entities of the edition just before
        previous = validated_edition(earlier[-1]) if earlier else None
        loaded.errors.extend(check_loaded(loaded, previous, earlier[-1] if earlier else None))
        loaded.errors.sort(key=lambda e: (str(e.location.path), e.location.line, e.location.column))
        if loaded.errors:
            failed = True
            for error in loaded.errors:
                print(error, file=sys.stderr)
            print(f"Édition {year} : {len(loaded.errors)} erreur(s).", file=sys.stderr)
            continue
        print(f"Édition {year} valide :")
        for kind in KINDS.values():
            print(f"  {len(loaded.entities[kind.name]):>4}  {kind.pluriel}")
    return 1 if failed else 0
