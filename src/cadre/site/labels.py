"""French wording of the enumerations the pages show (statuses, sources, note types)."""

from __future__ import annotations

from cadre.model import Document, StatutDisponibilite, StatutProgramme, TypeNote, VersionSocle

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
