"""`cadre serve [--port 8000]`: publish the published editions not deployed yet, then serve every version."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.cli.arguments import port, project_folder, project_of
from cadre.cli.stopping import Interrupted
from cadre.editions.catalogue import edition_years
from cadre.loading.knowledge import InvalidEdition
from cadre.publishing.ghpages import BRANCH, deployed_versions
from cadre.publishing.git import GitError, Repository
from cadre.publishing.preview import PortBusy, bind, check_port, extract, serve
from cadre.publishing.publish import PublishError, publish
from cadre.site.context import NoEdition, make_context


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="publier les éditions manquantes et servir le site avec ses versions",
                            description="Déploie (comme « cadre publish », en aperçu local) chaque édition publiée "
                            f"qui ne l'est pas encore sur la branche {BRANCH}, puis sert cette branche sur cette "
                            "machine avec le sélecteur de versions. Les versions déjà déployées ne sont pas "
                            "reconstruites.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--port", type=port, default=8000, help="port local (défaut : 8000)")
    parser.add_argument("--projet", type=project_folder,
                        help="dossier du projet (mkdocs.yml, dépôt git ; défaut : .)")
    parser.add_argument("--sans-serveur", action="store_true",
                        help="publier les éditions manquantes puis s'arrêter, sans servir le site")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project, data = project_of(args.projet), Path(args.data)
    try:
        if not args.sans_serveur:
            check_port("127.0.0.1", args.port)
        _publish_missing(project, data)
        repo = Repository(project.resolve())
        if not deployed_versions(repo):
            print("Aucune version déployée : aucune édition n'a le statut « publiee ».", file=sys.stderr)
            return 1
        if args.sans_serveur:
            return 0
        server = bind(extract(repo, project.resolve()), "127.0.0.1", args.port)
    except InvalidEdition as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        print(f"{len(invalid.errors)} erreur(s) dans les données : rien n'a été déployé.", file=sys.stderr)
        return 1
    except (PublishError, NoEdition, GitError, PortBusy) as refused:
        print(f"cadre serve : {refused}", file=sys.stderr)
        return 1
    print(f"Site servi sur http://localhost:{args.port}/ (toutes les éditions déployées ; Ctrl+C pour arrêter).",
          flush=True)
    try:
        serve(server)
    except (KeyboardInterrupt, Interrupted):
        print("\nArrêt du serveur.")
    return 0


def _publish_missing(project: Path, data: Path) -> None:
    deployed = {v["version"] for v in deployed_versions(Repository(project.resolve()))} if (project / ".git").exists() \
        else set()
    for year in edition_years(data):
        if str(year) in deployed:
            print(f"Édition {year} : déjà déployée.")
            continue
        ctx_statut = make_context(data, year, _settings(project), _cache(project)).publiee
        if not ctx_statut:
            continue
        outcome = publish(project, data, year, dirty_ok=True, local_ok=True)
        print(outcome.summary())


def _settings(project: Path):  # noqa: ANN202
    from cadre.publishing.engine import site_settings

    return site_settings(project.resolve())


def _cache(project: Path):  # noqa: ANN202
    from cadre.cache import ContentCache

    return ContentCache(project.resolve() / ".cache")
