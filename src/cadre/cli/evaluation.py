"""`cadre evaluation synthese FICHIERS…` and `cadre evaluation rapport FICHIER`: the files exported by the pages
« Auto-évaluation d'un projet » and « Reporting semestriel ARS », consolidated or printed to PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre.evaluation.synthese import Editions, FileError, read_evaluation
from cadre.evaluation.tableau import donnees, tableur, texte


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("evaluation", help="consolider ou imprimer des fichiers d'auto-évaluation",
                            description="Lit les fichiers JSON exportés par les pages « Auto-évaluation d'un "
                            "projet » et « Reporting semestriel ARS » du site.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    commands = parser.add_subparsers(title="commandes", dest="evaluation", metavar="COMMANDE", required=True,
                                     parser_class=type(parser))
    synthese = commands.add_parser("synthese", help="tableau projets × principes (ou ARS × objectifs)",
                                   description="Vérifie chaque fichier (schéma, édition, identifiants d'items) et "
                                   "décompte les réponses par principe (projets) ou par ligne du tableau des "
                                   "objectifs (ARS). Un fichier en erreur est signalé, les autres sont traités.",
                                   add_help=False)
    synthese.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    synthese.add_argument("fichiers", metavar="FICHIER", nargs="+", type=Path, help="fichier JSON exporté")
    synthese.add_argument("--format", choices=["texte", "csv", "json"], default="texte",
                          help="texte (défaut), csv pour un tableur, json pour un traitement automatique")
    synthese.set_defaults(func=run_synthese)
    rapport = commands.add_parser("rapport", help="écrire le rapport PDF d'un fichier",
                                  description="Écrit le rapport imprimable (synthèse puis items) en PDF.",
                                  add_help=False)
    rapport.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    rapport.add_argument("fichier", metavar="FICHIER", type=Path, help="fichier JSON exporté")
    rapport.add_argument("-o", "--sortie", type=Path, help="fichier PDF à écrire (défaut : FICHIER en .pdf)")
    rapport.set_defaults(func=run_rapport)


def run_synthese(args: argparse.Namespace) -> int:
    editions, evaluations, errors = Editions(Path(args.data)), [], []
    for path in args.fichiers:
        try:
            evaluations.append(read_evaluation(path, editions))
        except FileError as error:
            errors.extend(error.lines)
    for line in errors:
        print(line, file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(tableur(evaluations))
    elif args.format == "json":
        sys.stdout.write(donnees(evaluations, errors))
    else:
        sys.stdout.write(texte(evaluations))
    if errors:
        print(f"{len(args.fichiers) - len(evaluations)} fichier(s) sur {len(args.fichiers)} en erreur.",
              file=sys.stderr)
    return 1 if errors else 0


def run_rapport(args: argparse.Namespace) -> int:
    from cadre.evaluation.rapport import report_pdf  # WeasyPrint is slow to import: only this command needs it

    try:
        evaluation = read_evaluation(args.fichier, Editions(Path(args.data)))
    except FileError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    target = args.sortie or args.fichier.with_suffix(".pdf")
    target.write_bytes(report_pdf(evaluation))
    print(f"Rapport écrit : {target}")
    return 0
