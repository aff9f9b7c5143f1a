"""`cadre liens SITE [--en-ligne]`: check the links of a built site; online check of external links on demand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.cli.arguments import existing_folder
from cadre.publishing.linkcheck import check_external_online, check_site, site_to_check


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("liens", help="vérifier les liens d'un site construit", add_help=False,
                            description="Liens internes et ancres : tous doivent aboutir. Liens externes : bien "
                            "formés ; avec --en-ligne, chacun est interrogé et les liens morts sont listés. SITE est "
                            "un site construit (ex. site/), une branche gh-pages extraite (toutes les versions) ou "
                            "l'une de ses versions ; d'un site construit seul, les liens vers les autres versions "
                            "(../latest/…) sont comptés à part.")
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("site", metavar="SITE", type=existing_folder, help="dossier du site construit (ex. site/)")
    parser.add_argument("--en-ligne", action="store_true", help="interroger aussi les liens externes (internet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root, ignore, alone = site_to_check(Path(args.site))
    if not any(root.rglob("*.html")):
        print(f"cadre liens : aucune page HTML dans {root} : est-ce bien un site construit ?", file=sys.stderr)
        return 1
    siblings: set[str] | None = set() if alone else None
    problems, external = check_site(root, ignore=ignore, siblings=siblings)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} lien(s) interne(s) ou adresse(s) en défaut ; {len(external)} lien(s) externe(s).")
    if siblings:
        print(f"{len(siblings)} lien(s) vers d'autres versions du site (ex. {sorted(siblings)[0]}) : absentes d'un "
              "site construit seul, vérifiées sur la branche gh-pages extraite (cadre liens DOSSIER_GH_PAGES).")
    if not args.en_ligne:
        return 1 if problems else 0
    dead = check_external_online(external)
    for url, reason in dead:
        print(f"lien externe mort : {url} — {reason}")
    print(f"{len(dead)} lien(s) externe(s) mort(s) sur {len(external)}.")
    return 1 if problems or dead else 0
