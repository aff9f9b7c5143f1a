"""French wording of the enumerations the pages show (statuses, sources, note types), French dates, and the
chronological order of a fact sheet's milestones."""

from __future__ import annotations

import re

from cadre.model import Jalon, Document, StatutDisponibilite, StatutProgramme, TypeNote, VersionSocle

# one wording for the site, the PDF documents and the exports: the enumerations' own labels
DISPONIBILITE = {statut.value: statut.libelle for statut in StatutDisponibilite}

PROGRAMME = {statut.value: statut.libelle for statut in StatutProgramme}  # footnote 19

VERSION_SOCLE = {version.value: version.libelle for version in VersionSocle}

SOURCE_GOUVERNANCE = {
    "instruction": "Selon l'instruction",
    "annexe": "Selon l'annexe (§1.2.4)",
    "resume": "Selon le résumé",
    "lettre-de-mission": "Selon la lettre de mission",
    "liste-des-personnes": "Selon la liste des personnes mobilisées",
}

NOTE = {note.value: note.libelle for note in TypeNote}

DOCUMENT = {document.value: document.libelle for document in Document}

QUESTION = {"question": "Question", "exigence": "Exigence"}

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def date(value) -> str:
    """« 11 mai 2016 »: dates as the French reader writes them."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MOIS[value.month - 1]} {value.year}"


_JOUR_MOIS = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(MOIS) + r")\b", re.IGNORECASE)
_MOIS = re.compile(r"\b(" + "|".join(MOIS) + r")\b", re.IGNORECASE)
_NUMERIQUE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def chronologie(jalons: list[Jalon]) -> tuple[list[Jalon], list[Jalon]]:
    """Milestones in date order (by their year, then the month and day their text gives: « octobre 2014 »
    after « 2014 »), and apart, in the document's order, those without a year: durations (« trois ans ») and
    relative moments (« à ce jour »)."""
    datees = [j for j in jalons if j.annee is not None]
    return sorted(datees, key=_moment), [j for j in jalons if j.annee is None]


def _moment(jalon: Jalon) -> tuple[int, int, int]:
    texte = jalon.date or ""
    numerique = _NUMERIQUE.search(texte)
    if numerique:
        return jalon.annee or 0, int(numerique.group(2)), int(numerique.group(1))
    jour_mois = _JOUR_MOIS.search(texte)
    if jour_mois:
        jour = 1 if jour_mois.group(1) == "1er" else int(jour_mois.group(1))
        return jalon.annee or 0, MOIS.index(jour_mois.group(2).lower()) + 1, jour
    mois = _MOIS.search(texte)
    return jalon.annee or 0, MOIS.index(mois.group(1).lower()) + 1 if mois else 0, 0
