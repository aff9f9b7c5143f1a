"""Atom 1.0 feeds (RFC 4287) of what an edition changed: one for the whole edition, one per entity kind.

Choices:
- ids are `urn:uuid:` names derived (UUID v5) from the edition year, the kind, the entity and the event: stable
  across rebuilds and independent of where the site is hosted (a `tag:` URI would need a domain we do not own).
- links: RFC 4287 §4.2.7.1 makes `href` an IRI reference, so a relative reference is valid and resolves against
  the feed's own address. With `site_url` set in mkdocs.yml, links are absolute (what most readers prefer);
  without it they are relative to the feed (`../../2016/referentiels/ci-sis/`): the site is published one folder
  per edition, and an entry keeps pointing at the edition it reports on, from /2016/flux/ as from /latest/flux/.
- the subscription address (`rel=self`) of a published edition's feed is the same feed under `latest/`, the copy
  of the edition in force that every publication rewrites: a reader subscribed there gets the changes of each
  new edition without changing anything. A draft or an edition under consultation keeps its own address.
- a feed opened in a browser shows a French page: a CSS stylesheet (`flux/flux.css`, `xml-stylesheet` processing
  instruction, same folder hence same origin; not XSLT, which Chromium is removing and already flags in English)
  and an XHTML block in the feed (an extension element, RFC 4287 §6.4, that readers ignore) saying what the feed
  is, its subscription address and how to subscribe. CSS cannot render the `content` HTML, so every entry also
  has a plain `summary`. An empty feed says why in its subtitle (first edition, or nothing of that kind changed).
- `updated` is the edition's publication date (midnight UTC); a draft without a date uses the day of the build.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from cadre.editions.diff import EditionDiff, EntityRef, FieldChange, change_phrase, format_value
from cadre.model.kinds import KINDS
from cadre.text import xml_text

ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cadre-esante/flux")
FEED_FOLDER = "flux"
STYLESHEET = f"{FEED_FOLDER}/flux.css"  # the feeds' page in a browser (a file of this package's templates)
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class FeedContext:
    annee: int
    titre_site: str
    statut: str  # French label of the edition's status
    updated: dt.datetime
    base: str  # prefix of entity permalinks, ends with "/": absolute URL of the edition, or "../../<year>/"
    abonnement: str  # prefix of the subscription addresses (`rel=self`), ends with "/": latest/ or the edition's


def feed_path(kind: str | None) -> str:
    """Where a feed lives in the site of an edition: flux/edition.xml, flux/<kind>.xml."""
    return f"{FEED_FOLDER}/{kind or 'edition'}.xml"


def stable_id(*parts: str | int) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, ':'.join(map(str, parts)))}"


def updated_for(date_publication: dt.date | None, today: dt.date | None = None) -> dt.datetime:
    day = date_publication or today or dt.datetime.now(dt.UTC).date()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def build_feed(ctx: FeedContext, diff: EditionDiff | None, kind: str | None = None) -> str:
    """The Atom document; `kind` None gives the feed of the whole edition. `diff` None: the first edition."""
    ET.register_namespace("", ATOM)
    ET.register_namespace("h", XHTML)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    scope = f" — {KINDS[kind].pluriel}" if kind else ""
    text_element(feed, "id", stable_id("flux", ctx.annee, kind or "edition"))
    text_element(feed, "title", f"{ctx.titre_site} : nouveautés de l'édition {ctx.annee}{scope}")
    text_element(feed, "subtitle", _subtitle(ctx, diff, kind))
    text_element(feed, "updated", stamp(ctx.updated))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    text_element(author, "name", ctx.titre_site)
    link_element(feed, ctx.abonnement + feed_path(kind), "self", "application/atom+xml")
    link_element(feed, ctx.base + "nouveautes/", "alternate", "text/html")
    feed.append(_how_to_subscribe(ctx, kind))
    for entry in _entries(ctx, diff, kind):
        feed.append(entry)
    ET.indent(feed)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<?xml-stylesheet type="text/css" href="{STYLESHEET.removeprefix(FEED_FOLDER + "/")}"?>\n'
            + ET.tostring(feed, encoding="unicode") + "\n")


def _how_to_subscribe(ctx: FeedContext, kind: str | None) -> ET.Element:
    """The feed's page in a browser: what it is and how to subscribe (XHTML, no data text; readers ignore it)."""
    def h(parent: ET.Element | None, tag: str, text: str = "", **attributes: str) -> ET.Element:
        element = ET.Element(f"{{{XHTML}}}{tag}", attributes) if parent is None else \
            ET.SubElement(parent, f"{{{XHTML}}}{tag}", attributes)
        element.text = text or None
        return element

    address = ctx.abonnement + feed_path(kind)
    block = h(None, "div", **{"class": "abonnement", "lang": "fr"})
    h(block, "h2", "S'abonner à ce flux")
    h(block, "p", "Cette page est un flux Atom : un lecteur de flux (agrégateur, ou l'extension de votre navigateur "
                  "ou de votre messagerie) vous signale chaque nouveauté publiée ici. Pour vous abonner, copiez "
                  "cette adresse dans votre lecteur, à l'option « Ajouter un flux » ou « S'abonner » :")
    h(block, "a", address, href=address, id="adresse-abonnement", **{"class": "adresse"})
    if ctx.abonnement != ctx.base:
        h(block, "p", "Cette adresse suit l'édition en vigueur : à la publication d'une nouvelle édition, ses "
                      "changements paraissent dans le même flux, sans rien changer à votre abonnement.")
    else:
        h(block, "p", f"Ce flux est celui de l'édition {ctx.annee} ({ctx.statut}), qui n'est pas l'édition en "
                      "vigueur.")
    more = h(block, "p")
    h(more, "a", "Voir les nouveautés de l'édition sur le site", href=ctx.base + "nouveautes/")
    more[0].tail = " : chaque changement y mène à sa page."
    # the full address to copy, when the feed gives it relative to itself (a site without a public address)
    h(block, "script", 'const a = document.getElementById("adresse-abonnement"); if (a) a.textContent = a.href;')
    return block


def entry_count(diff: EditionDiff | None, kind: str | None) -> int:
    """How many entries the feed of `kind` holds (None: the whole edition's feed, which has the edition's own)."""
    changes = sum(len(d.ajouts) + len(d.modifications) + len(d.retraits) for d in (diff.types if diff else [])
                  if kind is None or d.kind == kind)
    return changes + (1 if kind is None else 0)


def empty_reason(annee: int, diff: EditionDiff | None, kind: str) -> str:
    """Why the feed of `kind` has no entry in edition `annee` (shared by the feed and the Nouveautés page)."""
    pluriel = KINDS[kind].pluriel
    if diff is None:
        return (f"l'édition {annee} est la première de la base : aucune édition antérieure, donc aucun changement "
                f"de {pluriel} à signaler ; ce flux recevra ceux des éditions suivantes.")
    return (f"aucun changement de {pluriel} dans l'édition {annee} par rapport à l'édition {diff.ancienne} ; ce "
            "flux recevra ceux des éditions suivantes.")


def _subtitle(ctx: FeedContext, diff: EditionDiff | None, kind: str | None = None) -> str:
    if kind and entry_count(diff, kind) == 0:
        return f"Édition {ctx.annee} ({ctx.statut}). Ce flux est vide : {empty_reason(ctx.annee, diff, kind)}"
    if diff is None:
        return f"Édition {ctx.annee} ({ctx.statut}) : première édition de la base, rien à comparer."
    return f"Édition {ctx.annee} ({ctx.statut}) comparée à l'édition {diff.ancienne}."


def _entries(ctx: FeedContext, diff: EditionDiff | None, kind: str | None) -> list[ET.Element]:
    entries = []
    href = edition_href(ctx.base, ctx.annee)
    if kind is None:
        entries.append(_edition_entry(ctx, diff))
    for kind_diff in diff.types if diff else []:
        if kind and kind_diff.kind != kind:
            continue
        for added in kind_diff.ajouts:
            entries.append(_entry(ctx, added.entite, "ajout", ctx.base + added.entite.url, [],
                                  lineage_html("En remplacement de", added.remplace, href)))
        for change in kind_diff.modifications:
            former = change.ancien if change.renommee and change.ancien else None
            lineage = lineage_html("Anciennement", [former], href) if former else \
                lineage_html("Remplace aussi", change.remplace, href)
            entries.append(_entry(ctx, change.entite, "modification", ctx.base + change.entite.url,
                                  change.changements, lineage))
        for removed in kind_diff.retraits:  # no page left for it in this edition: point at the Nouveautés entry
            entries.append(_entry(ctx, removed.entite, "retrait", ctx.base + "nouveautes/#" + anchor(removed.entite),
                                  [], lineage_html("Remplacé par", removed.remplacee_par, href)))
    return entries


def lineage_html(intro: str, refs: list[EntityRef], href: Callable[[EntityRef], str]) -> str:
    """« Remplacé par : <a>…</a>, … » (escaped), each entity linked by `href` (to its own edition's site); "" for
    none."""
    if not refs:
        return ""
    links = ", ".join(f'<a href="{html.escape(href(ref), quote=True)}">{html.escape(ref.libelle)}</a> '
                      f"(<code>{html.escape(ref.id)}</code>, édition {ref.edition})" for ref in refs)
    return f"<p>{html.escape(intro)} : {links}.</p>"


def edition_href(base: str, annee: int) -> Callable[[EntityRef], str]:
    """Links to entities' pages in their own edition's site, from `base`, the site root of edition `annee`
    (absolute, or relative to the feed): editions' sites are siblings (<racine>/<année>/)."""
    def href(ref: EntityRef) -> str:
        if ref.edition == annee:
            return base + ref.url
        other = f"../{ref.edition}/{ref.url}"
        return urljoin(base, other) if "://" in base else base + other
    return href


def anchor(ref: EntityRef) -> str:
    """The anchor of an entity on the Nouveautés page (shared by the page and the feeds)."""
    return f"{ref.kind}-{ref.id}"


def _edition_entry(ctx: FeedContext, diff: EditionDiff | None) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    text_element(entry, "id", stable_id("edition", ctx.annee))
    text_element(entry, "title", f"Édition {ctx.annee} ({ctx.statut})")
    text_element(entry, "updated", stamp(ctx.updated))
    link_element(entry, ctx.base + "nouveautes/", "alternate", "text/html")
    if diff is None:
        summary = "Première édition de la base de connaissances : pas d'édition antérieure à comparer."
    else:
        totals = diff.totals()
        summary = (f"Par rapport à l'édition {diff.ancienne} : {totals['ajouts']} ajout(s), "
                   f"{totals['retraits']} retrait(s), {totals['modifications']} entité(s) modifiée(s).")
    text_element(entry, "summary", summary)
    return entry


_EVENTS = {"ajout": "Ajout", "modification": "Modification", "retrait": "Retrait"}


def _entry(ctx: FeedContext, ref: EntityRef, event: str, href: str, changes: list[FieldChange],
           lineage: str = "") -> ET.Element:
    kind = KINDS[ref.kind]
    entry = ET.Element(f"{{{ATOM}}}entry")
    text_element(entry, "id", stable_id(event, ctx.annee, ref.kind, ref.id))
    text_element(entry, "title", f"{_EVENTS[event]} — {kind.singulier} : {ref.libelle}")
    text_element(entry, "updated", stamp(ctx.updated))
    link_element(entry, href, "alternate", "text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": ref.kind, "label": kind.pluriel})
    summary = f"Édition {ctx.annee} — {_EVENTS[event].lower()} : {kind.singulier} « {ref.id} »."
    if changes:  # the same facts as the HTML content, as plain text (shown by the feed's page in a browser)
        summary += " " + " ; ".join(change_phrase(c, c.chemin, format_value) for c in changes) + "."
    text_element(entry, "summary", summary)
    body = f"<p>Édition {ctx.annee} — {_EVENTS[event].lower()} : {html.escape(kind.singulier)} " \
           f"« {html.escape(ref.id)} ».</p>" + lineage
    if changes:
        body += "<ul>" + "".join(f"<li>{change_html(c)}</li>" for c in changes) + "</ul>"
    content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
    content.text = xml_text(body)
    return entry


def change_html(change: FieldChange) -> str:
    """One field change as HTML (escaped): `chemin` : « avant » → « après »."""
    return change_phrase(change, f"<code>{html.escape(change.chemin)}</code>",
                         lambda value: html.escape(format_value(value)))


def text_element(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = xml_text(value)
    return element


def link_element(parent: ET.Element, href: str, rel: str, media: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": media, "href": href})


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
