"""Calendars (iCalendar, RFC 5545) of the edition's deadlines: one for the whole edition, one per référentiel.

Written with the `icalendar` library. Choices:
- every event is an all-day event over the period the text gives (a day, a month, a year; « fin 2016 » on 31
  December by convention), its precision in `X-CADRE-PRECISION` and, in words, in its description, with the date
  as the document writes it (see `cadre.editions.echeances`);
- UIDs are UUID v5 names of the deadline's identity (kind, id, what it is), never of the edition: the calendar
  of the next edition updates the same events instead of adding copies; the id is the entity's first id, so a
  renamed référentiel's milestones keep their UIDs (`identities`, from its history); `DTSTAMP` is the edition's
  date;
- the stable address to subscribe to is the copy in the edition in force: `<racine>/latest/calendrier/…`;
- an event's `URL` is the page that states it (only when the site has a public address: RFC 5545 wants an
  absolute URI).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from icalendar import Calendar, Event, vText

from cadre.editions.echeances import Echeance
from cadre.model.kinds import KINDS
from cadre.text import calendar_text

CALENDAR_FOLDER = "calendrier"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cadre-esante/calendrier")
_CATEGORIES = {"edition": "Socle commun", "referentiel": "Jalons des référentiels",
               "evolution": "Évolutions programmées", "objectif": "Objectifs des ARS"}


def calendar_path(referentiel: str | None = None) -> str:
    """calendrier/edition.ics, or calendrier/referentiel/<id>.ics for one référentiel."""
    return f"{CALENDAR_FOLDER}/referentiel/{referentiel}.ics" if referentiel else f"{CALENDAR_FOLDER}/edition.ics"


Identities = dict[tuple[str, str], str]  # (kind, id) -> the entity's first id, when it was renamed since


def uid(echeance: Echeance, identities: Identities | None = None) -> str:
    entity = (identities or {}).get((echeance.kind, echeance.id), echeance.id)
    return f"{uuid.uuid5(_NAMESPACE, ':'.join((echeance.kind, entity, echeance.quoi)))}@cadre-esante"


def build_calendar(deadlines: Iterable[Echeance], name: str, description: str, stamp: dt.datetime,
                   edition_url: str = "", identities: Identities | None = None) -> str:
    """The iCalendar document; `edition_url` is the edition's absolute address ("" when unknown)."""
    cal = Calendar()
    cal.add("prodid", "-//Cadre commun des projets de e-santé//Échéances//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", calendar_text(name))  # RFC 7986, and the widespread X-WR-CALNAME
    cal.add("x-wr-calname", vText(calendar_text(name)))  # vText: an X- property is otherwise written unescaped
    cal.add("description", calendar_text(description))
    cal.add("x-wr-caldesc", vText(calendar_text(description)))
    for deadline in deadlines:
        cal.add_component(_event(deadline, stamp, edition_url, identities))
    return cal.to_ical().decode("utf-8")


def _event(deadline: Echeance, stamp: dt.datetime, edition_url: str, identities: Identities | None) -> Event:
    period = deadline.periode
    event = Event()
    event.add("uid", uid(deadline, identities))
    event.add("dtstamp", stamp)
    event.add("dtstart", period.debut)
    event.add("dtend", period.fin + dt.timedelta(days=1))  # all-day events end on the day after (exclusive)
    event.add("summary", calendar_text(deadline.titre))
    event.add("description", calendar_text(f"{deadline.description}\n\n{period.convention()}"))
    event.add("categories", [_CATEGORIES[deadline.kind]])
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("x-cadre-precision", period.precision.value)
    event.add("x-cadre-date-ecrite", vText(calendar_text(period.texte)))
    if edition_url:
        event.add("url", edition_url + deadline.url)
    return event


def calendars(deadlines: list[Echeance], referentiels: list[tuple[str, str]], titre_site: str, annee: int,
              stamp: dt.datetime, edition_url: str = "", identities: Identities | None = None) -> dict[str, str]:
    """The edition's calendar, and one per référentiel (`referentiels`: (id, name in plain text)), by path."""
    files = {calendar_path(): build_calendar(
        deadlines, f"{titre_site} — échéances (édition {annee})",
        f"Les échéances datées de l'édition {annee} : jalons des référentiels, évolutions programmées, objectifs "
        "des ARS à fin 2016 et à fin 2017, mise en œuvre du socle.", stamp, edition_url, identities)}
    for referentiel_id, name in referentiels:
        own = [d for d in deadlines if d.referentiel == referentiel_id]
        said = (f"Les échéances datées du {KINDS['referentiel'].singulier} « {name} » dans l'édition {annee}."
                if own else f"L'édition {annee} ne donne aucune échéance datée pour « {name} ».")
        files[calendar_path(referentiel_id)] = build_calendar(
            own, f"{name} — échéances (édition {annee})", said, stamp, edition_url, identities)
    return files
