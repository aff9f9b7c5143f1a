"""`cadre liens SITE [--en-ligne]`: check the links of a built site; online check of external links on demand."""

from __future__ import annotations

import argparse
from pathlib import Path

from cadre.publishing.linkcheck import check_external_online, check_site


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("liens", help="vérifier les liens d'un site construit", add_help=False,
                            description="Liens internes et ancres : tous doivent aboutir. Liens externes : bien "
                            "formés ; avec --en-ligne, chacun est interrogé et les liens morts sont listés.")
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("site", help="dossier du site construit (ex. site/)")
    parser.add_argument("--en-ligne", action="store_true", help="interroger aussi les liens externes (internet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problems, external = check_site(Path(args.site))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} lien(s) interne(s) ou adresse(s) en défaut ; {len(external)} lien(s) externe(s).")
    if not args.en_ligne:
        return 1 if problems else 0
    dead = check_external_online(external)
    for url, reason in dead:
        print(f"lien externe mort : {url} — {reason}")
    print(f"{len(dead)} lien(s) externe(s) mort(s) sur {len(external)}.")
    return 1 if problems or dead else 0
