"""`cadre serve [--port 8000]`: publish the published editions not deployed yet, then serve every version."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cadre.editions.catalogue import published_years
from cadre.loading.knowledge import InvalidEdition
from cadre.publishing.publish import BRANCH, PublishError, build_env, deployed_versions, mike, publish


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="publier les éditions manquantes et servir le site avec ses versions",
                            description="Déploie (comme « cadre publish ») chaque édition publiée qui ne l'est "
                            "pas encore sur la branche gh-pages, puis sert cette branche en local avec le "
                            "sélecteur de versions (mike serve). Les versions déjà déployées ne sont pas "
                            "reconstruites.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--port", type=int, default=8000, help="port local (défaut : 8000)")
    parser.add_argument("--projet", default=".", help="dossier du projet (mkdocs.yml, dépôt git ; défaut : .)")
    parser.add_argument("--sans-serveur", action="store_true",
                        help="publier les éditions manquantes puis s'arrêter, sans servir le site")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project, data = Path(args.projet), Path(args.data)
    deployed = {v["version"] for v in deployed_versions(project)}
    for year in published_years(data):
        if year in deployed:
            print(f"Édition {year} : déjà déployée.")
            continue
        try:
            publish(project, data, year)
        except InvalidEdition as invalid:
            for error in invalid.errors:
                print(error, file=sys.stderr)
            print(f"Édition {year} invalide : non déployée.", file=sys.stderr)
            return 1
        except PublishError as failed:
            print(f"Publication de l'édition {year} interrompue : {failed}", file=sys.stderr)
            return 1
        print(f"Édition {year} déployée.")
    if not deployed_versions(project):
        print("Aucune version déployée : aucune édition n'a le statut « publiee ».", file=sys.stderr)
        return 1
    if args.sans_serveur:
        return 0
    address = f"localhost:{args.port}"
    print(f"Site servi sur http://{address}/ (toutes les éditions déployées ; Ctrl+C pour arrêter).")
    command = [mike(), "serve", "--dev-addr", address, "--branch", BRANCH]
    sys.stdout.flush()
    env = build_env(project.resolve(), data.resolve(), None)
    os.chdir(project)
    # the server replaces this process: Ctrl+C or a signal stops it directly, no orphan left behind
    os.execve(command[0], command, env)
    return 0  # pragma: no cover - execve does not return
