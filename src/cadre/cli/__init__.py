"""The `cadre` command: one sub-command per module of `cadre.cli`, each registering itself."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module defines `register(subparsers)`; its parser's `func(args) -> int` runs the command.
COMMANDS = ["validate", "schema", "new_edition", "diff", "publish", "serve", "liens", "export_docs", "recherche",
            "evaluation"]


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints English by default: keep the CLI French
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="cadre",
        description="Base de connaissances du Cadre commun des projets de e-santé : valider les données, "
        "comparer et publier les éditions.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    sub = parser.add_subparsers(title="commandes", dest="command", metavar="COMMANDE", parser_class=FrenchParser)
    for name in COMMANDS:
        importlib.import_module(f"cadre.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)

