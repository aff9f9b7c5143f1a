"""`cadre schema [--check]`: regenerate the JSON Schemas and the editor headers of the data files."""

from __future__ import annotations

import argparse
from pathlib import Path

from cadre.editions.catalogue import edition_years
from cadre.loading.loader import edition_folder
from cadre.loading.schema import add_headers, files_missing_header, stale_schemas, write_schemas


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("schema", help="régénérer les schémas JSON depuis les modèles", add_help=False,
                            description="Écrit schemas/*.schema.json depuis les modèles et place l'en-tête "
                            "yaml-language-server en tête de chaque fichier de données.")
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--schemas", default="schemas", help="dossier des schémas (défaut : schemas)")
    parser.add_argument("--check", action="store_true", help="ne rien écrire ; code 1 si quelque chose est périmé")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder, data = Path(args.schemas), Path(args.data)
    roots = [edition_folder(data, year) for year in edition_years(data)]
    if args.check:
        stale = stale_schemas(folder)
        headers = [path for root in roots for path, _ in files_missing_header(root, folder)]
        for name in stale:
            print(f"schéma périmé : {folder / name} (lancer « cadre schema »)")
        for path in headers:
            print(f"en-tête de schéma absent ou faux : {path} (lancer « cadre schema »)")
        return 1 if stale or headers else 0
    for name in write_schemas(folder):
        print(f"écrit : {folder / name}")
    for root in roots:
        for path in add_headers(root, folder):
            print(f"en-tête ajouté : {path}")
    return 0
