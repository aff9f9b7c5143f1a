"""`cadre publish YEAR`: validate, build and deploy an edition as a version of the site (mike)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.loading.knowledge import InvalidEdition
from cadre.loading.loader import edition_folder
from cadre.publishing.publish import LATEST, PublishError, publish


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("publish", help="publier une édition comme version du site (mike)",
                            description="Valide l'édition, construit le site en mode strict puis le déploie "
                            "comme version ANNEE sur la branche gh-pages. Une édition publiée, la plus récente, "
                            f"devient « {LATEST} » et la version par défaut ; une édition en brouillon ou en "
                            "concertation est publiée sous son année avec un bandeau « projet en concertation ».",
                            add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("annee", metavar="ANNEE", help="année de l'édition à publier")
    parser.add_argument("--projet", default=".", help="dossier du projet (mkdocs.yml, dépôt git ; défaut : .)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    if not edition_folder(data, args.annee).is_dir():
        print(f"cadre : édition {args.annee} introuvable ({edition_folder(data, args.annee)})", file=sys.stderr)
        return 1
    try:
        done = publish(Path(args.projet), data, args.annee)
    except InvalidEdition as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        print(f"Publication refusée : l'édition {args.annee} a {len(invalid.errors)} erreur(s). Rien n'a été "
              "déployé.", file=sys.stderr)
        return 1
    except PublishError as failed:
        print(f"Publication interrompue : {failed}", file=sys.stderr)
        return 1
    where = f" (alias {', '.join(done.aliases)}, version par défaut)" if done.aliases else ""
    print(f"Édition {done.annee} publiée : version « {done.titre} »{where}.")
    return 0
