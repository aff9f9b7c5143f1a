"""The `cadre` command: one sub-command per module of `cadre.cli`, each registering itself.

`main` is the one place where the command meets the outside: French argparse (usage mistakes exit 2), SIGTERM and
SIGINT turned into a clean stop (`stopping`), a closed output pipe ended quietly, and a last-resort handler that
reports an unexpected exception in one French line with exit code 1, the traceback only with `--debug` (or
CADRE_DEBUG=1): a bug is said to be one, never hidden and never dumped on a user.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from cadre import oserrors
from cadre.cli import stopping
from cadre.cli.arguments import UsageError
from cadre.cli.french import FrenchParser

# Each module defines `register(subparsers)`; its parser's `func(args) -> int` runs the command.
COMMANDS = ["validate", "schema", "new_edition", "diff", "publish", "serve", "liens", "export_docs", "recherche",
            "evaluation"]


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="cadre",
        description="Base de connaissances du Cadre commun des projets de e-santé : valider les données, "
        "comparer et publier les éditions. Codes de sortie : 0 succès, 1 données ou publication refusées, "
        "2 commande mal formée, 130/143 interrompue.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    parser.add_argument("--debug", action="store_true",
                        help="en cas d'erreur inattendue, afficher le détail technique (traceback)")
    sub = parser.add_subparsers(title="commandes", dest="command", metavar="COMMANDE", parser_class=FrenchParser)
    for name in COMMANDS:
        importlib.import_module(f"cadre.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    stopping.install()
    debug = os.environ.get("CADRE_DEBUG", "") not in ("", "0")
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as stop:  # a usage mistake (2, already said in French) or --help (0)
            return stop.code if isinstance(stop.code, int) else 2
        debug = debug or args.debug
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        try:
            code = int(args.func(args) or 0)
        except UsageError as mistake:  # found after parsing: said as argparse says its own
            print(f"{parser.prog} {args.command} : erreur : {mistake}", file=sys.stderr)
            return 2
        sys.stdout.flush()  # a closed pipe is found here rather than at interpreter exit
        return code
    except BrokenPipeError:
        stopping.quiet_broken_pipe()
        return 1
    except stopping.Interrupted as stop:
        print(f"cadre : interrompu ({stop}).", file=sys.stderr)
        return stop.exit_code
    except KeyboardInterrupt:  # before the handlers were installed, or outside the main thread
        print("cadre : interrompu.", file=sys.stderr)
        return 130
    except OSError as error:  # the system refused something (permission, full disk…): not a defect of the tool
        if debug:
            traceback.print_exc()
        print(f"cadre : opération impossible ({oserrors.french(error)}).", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the last resort: one French line, the detail on demand
        if debug:
            traceback.print_exc()
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f" ({os.path.basename(where.filename)}:{where.lineno})" if where else ""
        print(f"cadre : erreur inattendue{place} : {type(error).__name__} : {error}. C'est un défaut de l'outil, "
              "pas de vos données : relancez avec --debug pour le détail et signalez-le.", file=sys.stderr)
        return 1
