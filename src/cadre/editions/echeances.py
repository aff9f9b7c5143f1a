"""Every dated deadline an edition holds, with the period its text gives: for the calendars (iCalendar).

Dates in the data are written as the document writes them (« octobre 2014 », « échéance 2016 », « fin 2016 »,
« 6 janvier 1978 »), with the year apart when there is one. A deadline is placed on the period the text names,
never on a day the text does not give:
- a day (« 6 janvier 1978 », « 11/12/2015 ») → that day;
- a month (« octobre 2014 ») → the whole month, from its first to its last day;
- a year (« 2013 », « échéance 2016 », « courant 2017 », « à partir de 2018 ») → the whole year;
- the end of a year (« fin 2016 », the ARS objectives) → the 31 December of that year, by convention (« au plus
  tard fin 2016 » means by the last day of the year); the event says so.
Each one carries its precision and the date as written, which the calendar event repeats.

Sources: the référentiels' milestones (`Jalon`) that have a year, the planned evolutions (`echeance`, `annee`), the
ARS objectives at end 2016 and end 2017 (one deadline per objective row and year), and the socle's first version
(`Edition.echeance_socle`). Identity (for stable calendar UIDs) never depends on the edition: kind, id, and what
the deadline is within the entity.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Evolution, ObjectifArs, Referentiel
from cadre.model.kinds import KINDS
from cadre.text import plain


class Precision(StrEnum):
    JOUR = "jour"
    MOIS = "mois"
    ANNEE = "annee"
    FIN_ANNEE = "fin-annee"


@dataclass(frozen=True)
class Periode:
    debut: dt.date
    fin: dt.date  # last day, inclusive
    precision: Precision
    texte: str  # as written (« octobre 2014 »), or the year alone when only the year is given

    def convention(self) -> str:
        """How the text's date was placed, in words, for the event's description."""
        said = f"Date dans le document : « {self.texte} »."
        return said + {
            Precision.JOUR: "",
            Precision.MOIS: " Le document ne donne pas de jour : l'événement couvre le mois entier.",
            Precision.ANNEE: " Le document ne donne ni mois ni jour : l'événement couvre l'année entière.",
            Precision.FIN_ANNEE: f" Le document ne donne pas de jour : « fin {self.debut.year} » est placé par "
                                 f"convention au 31 décembre {self.debut.year}, dernier jour de l'année.",
        }[self.precision]


MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]
_MONTH = "|".join(MOIS)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DAY = re.compile(rf"\b(1er|\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.I)
_END_OF_YEAR = re.compile(r"\bfin\s+(\d{4})\b", re.I)
_YEAR = re.compile(r"\b(\d{4})\b")


def periode(texte: str | None, annee: int | None) -> Periode | None:
    """The period a date text names (its year from `annee` when the text has none); None when undated."""
    written = " ".join((texte or "").split())
    if match := _NUMERIC.search(written):
        day = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if day:
            return Periode(day, day, Precision.JOUR, written)
    if match := _DAY.search(written):
        number = 1 if match.group(1).lower() == "1er" else int(match.group(1))
        day = _date(int(match.group(3)), MOIS.index(match.group(2).lower()) + 1, number)
        if day:
            return Periode(day, day, Precision.JOUR, written)
    if match := _MONTH_YEAR.search(written):
        year, month = int(match.group(2)), MOIS.index(match.group(1).lower()) + 1
        last = calendar.monthrange(year, month)[1]
        return Periode(dt.date(year, month, 1), dt.date(year, month, last), Precision.MOIS, written)
    if match := _END_OF_YEAR.search(written):
        end = dt.date(int(match.group(1)), 12, 31)
        return Periode(end, end, Precision.FIN_ANNEE, written)
    if match := _YEAR.search(written):
        year = int(match.group(1))
        return Periode(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.ANNEE, written)
    if annee is not None:
        return Periode(dt.date(annee, 1, 1), dt.date(annee, 12, 31), Precision.ANNEE, written or str(annee))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # « 31/02/2016 » is no day: the text's year still counts, below
        return None


@dataclass(frozen=True)
class Echeance:
    kind: str  # the entity it belongs to ("edition" for the socle's deadline, which no entity holds)
    id: str
    quoi: str  # what it is within the entity: « jalon:<libellé> », « echeance », « fin-2016 »…
    titre: str  # plain text
    description: str  # plain text
    periode: Periode
    url: str  # the page that says it, from the edition's site root
    referentiel: str | None = None  # the référentiel it belongs to, for its own calendar


def echeances(kb: KnowledgeBase) -> Iterator[Echeance]:
    """Every dated deadline of the edition, in the document's order of its sources."""
    yield from _socle(kb)
    for referentiel in kb.all("referentiel"):
        assert isinstance(referentiel, Referentiel)
        yield from _jalons(referentiel)
    for evolution in kb.all("evolution"):
        assert isinstance(evolution, Evolution)
        found = periode(evolution.echeance, evolution.annee)
        if found:
            name = _short(kb.get("referentiel", evolution.referentiel))
            yield Echeance("evolution", evolution.id, "echeance", f"Évolution programmée — {name} : "
                           f"{plain(evolution.libelle)}", plain(evolution.libelle), found,
                           KINDS["evolution"].url(evolution.id), evolution.referentiel)
    for objectif in kb.all("objectif"):
        assert isinstance(objectif, ObjectifArs)
        yield from _objectifs(objectif)


def _socle(kb: KnowledgeBase) -> Iterator[Echeance]:
    deadline = kb.edition.echeance_socle
    found = periode(deadline.date, deadline.annee) if deadline else None
    if deadline and found:
        section = f" ({deadline.section})" if deadline.section else ""
        yield Echeance("edition", "socle", "premiere-version", "Socle commun : mise en œuvre de la première version",
                       plain(deadline.libelle) + section, found, "socle/")


def _jalons(referentiel: Referentiel) -> Iterator[Echeance]:
    name = _short(referentiel)
    for jalon in referentiel.disponibilite.jalons:
        found = periode(jalon.date, jalon.annee)
        if found:  # a milestone without a year (« à ce jour », « trois ans ») is no date
            text = plain(jalon.libelle)
            yield Echeance("referentiel", referentiel.id, "jalon:" + " ".join(jalon.libelle.split()),
                           f"{name} : {text}", text, found, KINDS["referentiel"].url(referentiel.id),
                           referentiel.id)


def _objectifs(objectif: ObjectifArs) -> Iterator[Echeance]:
    for year, items in ((2016, objectif.fin_2016), (2017, objectif.fin_2017)):
        if items:
            end = dt.date(year, 12, 31)
            lines = "\n".join(f"- {plain(item.texte)}" for item in items)
            yield Echeance("objectif", objectif.id, f"fin-{year}", f"Objectifs ARS à fin {year} — "
                           f"{plain(objectif.ligne)}", lines, Periode(end, end, Precision.FIN_ANNEE, f"fin {year}"),
                           KINDS["objectif"].url(objectif.id))


def _short(entity: object) -> str:
    return plain(getattr(entity, "sigle", None) or getattr(entity, "nom", ""))
