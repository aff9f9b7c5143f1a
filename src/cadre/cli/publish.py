"""`cadre publish YEAR`: validate, build and deploy an edition as a version of the site, in one commit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.cli.arguments import edition_year, project_folder, project_of
from cadre.cli.stopping import Interrupted
from cadre.loading.knowledge import InvalidEdition
from cadre.publishing.ghpages import BRANCH, LATEST
from cadre.publishing.git import Repository
from cadre.publishing.publish import PublishError, publish
from cadre.site.context import NoEdition


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("publish", help="publier une édition comme version du site",
                            description="Valide l'édition, construit le site en mode strict puis l'écrit comme "
                            f"version ANNEE de la branche {BRANCH}, en un seul commit. La plus récente des éditions "
                            f"« publiee » déployées devient « {LATEST} » ; une édition « en-concertation » est "
                            "publiée sous son année avec un bandeau « projet en concertation » ; un brouillon est "
                            "refusé.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("annee", metavar="ANNEE", type=edition_year, help="année de l'édition à publier")
    parser.add_argument("--projet", type=project_folder,
                        help="dossier du projet (mkdocs.yml, dépôt git ; défaut : .)")
    parser.add_argument("--non-commite", action="store_true",
                        help="publier même si le dossier de travail diffère du dernier commit (le message le dira)")
    parser.add_argument("--apercu-local", action="store_true",
                        help="accepter l'adresse locale de mkdocs.yml (publication destinée à cette machine)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args.projet).resolve()
    before = Repository(project).resolve(BRANCH)
    try:
        outcome = publish(project, Path(args.data), args.annee, dirty_ok=args.non_commite,
                          local_ok=args.apercu_local, log=_log)
    except Interrupted as stop:  # the scratch folder is already removed (finally): say where the branch is
        after = Repository(project).resolve(BRANCH)
        state = (f"rien n'a été déployé, la branche {BRANCH} n'a pas changé" if after == before else
                 f"la branche {BRANCH} avait déjà reçu la publication complète (commit {str(after)[:10]})")
        print(f"Publication interrompue ({stop}) : {state}.", file=sys.stderr)
        return stop.exit_code
    except InvalidEdition as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        print(f"Publication refusée : {len(invalid.errors)} erreur(s) dans les données. Rien n'a été déployé.",
              file=sys.stderr)
        return 1
    except (PublishError, NoEdition) as refused:
        print(f"Publication refusée : {refused}", file=sys.stderr)
        return 1
    print(outcome.summary())
    return 0


def _log(line: str) -> None:
    print(line, flush=True)  # progress shows as it happens, even through a pipe
