"""Argument types shared by the sub-commands, refusing bad values with a French message."""

from __future__ import annotations

import argparse

from cadre.editions.catalogue import EDITION_NAME


def edition_year(text: str) -> int:
    """An edition year: four ASCII digits (« 2016 », not « 2016/ » nor « ２０１６ »)."""
    if not EDITION_NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(f"année d'édition invalide : « {text} » (attendu : quatre chiffres, "
                                         "ex. 2016)")
    return int(text)
