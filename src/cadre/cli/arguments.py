"""Argument types shared by the sub-commands, refusing bad values with a French message (exit code 2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cadre.editions.catalogue import EDITION_NAME


def edition_year(text: str) -> int:
    """An edition year: four ASCII digits (« 2016 », not « 2016/ » nor « ２０１６ »)."""
    if not EDITION_NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(f"année d'édition invalide : « {text} » (attendu : quatre chiffres, "
                                         "ex. 2016)")
    return int(text)


def port(text: str) -> int:
    """A TCP port number."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port invalide : « {text} » (attendu : un nombre de 1 à 65535, ex. 8000)")
    return int(text)


def existing_folder(text: str) -> str:
    if not Path(text).exists():
        raise argparse.ArgumentTypeError(f"dossier introuvable : « {text} »")
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un dossier")
    return text


def project_folder(text: str) -> str:
    """The project: a folder with mkdocs.yml (and the git repository publications are written to)."""
    existing_folder(text)
    if not (Path(text) / "mkdocs.yml").is_file():
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas le dossier du projet : mkdocs.yml y est introuvable")
    return text


class UsageError(Exception):
    """A mistake found once the arguments are parsed; `cadre` says it like argparse's (exit code 2)."""


def project_of(value: str | None) -> Path:
    """The project folder: --projet as given (checked by `project_folder`), else the current folder, checked here
    rather than as an argparse default (which argparse would check before saying that ANNEE is missing)."""
    if value is not None:
        return Path(value)
    if not Path("mkdocs.yml").is_file():
        raise UsageError("le dossier courant n'est pas le dossier du projet (mkdocs.yml introuvable) : lancez la "
                         "commande depuis le projet ou indiquez-le avec --projet")
    return Path(".")
