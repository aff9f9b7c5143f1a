"""One Atom feed per fiche (`flux/<type>/<id>.xml`): what each edition did to one entity, from its history.

Who follows one référentiel wants its changes, not a whole kind's. Choices:
- the address to subscribe to is the copy in the edition in force, `<racine>/latest/flux/<type>/<id>.xml`; it is
  the feed's `rel="self"` in every copy. Each edition's site writes a feed for every entity with a page that any
  edition up to it holds, a removed one included (its last entry says what replaced it): so the address stays
  valid when the next edition is published, and a subscriber learns of the removal instead of a silent 404.
- the feed's id is derived from the kind and the id only (the same feed, edition after edition); an entry's id is
  the one the kind's feed gives the same event (`stable_id(event, year, kind, id)`): a reader subscribed to both
  sees it once.
- entries follow lineage: a renamed entity's feed keeps the entries of its former id; a merge or split names the
  entities replaced or replacing, linked in their own edition's site.
- links are absolute under the site's public address, else relative to the feed (`../../../<année>/…`: the
  editions' sites are siblings), which works wherever the versions are served.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cadre.editions.diff import EntityRef
from cadre.editions.history import EntityHistory, Evenement, TypeEvenement
from cadre.exports.feeds import (
    ATOM,
    FEED_FOLDER,
    change_html,
    lineage_html,
    link_element,
    stable_id,
    stamp,
    text_element,
)
from cadre.model.kinds import KINDS
from cadre.text import xml_text


@dataclass(frozen=True)
class FicheFeeds:
    """What every entity feed of one edition's site shares."""

    titre_site: str
    annee: int  # the edition whose site holds these copies
    statut: str  # its status, in French
    racine: str  # the root of the editions' sites: absolute (ends with « / »), or "" to link relative to the feed
    premiere: int  # the first edition of the data
    dates: dict[int, dt.datetime]  # each edition's date (its publication, else the build's day)

    def root_from(self, path: str) -> str:
        return self.racine or "../" * (path.count("/") + 1)


def entity_feed_path(kind: str, entity_id: str) -> str:
    return f"{FEED_FOLDER}/{kind}/{entity_id}.xml"


def build_entity_feed(ctx: FicheFeeds, history: EntityHistory, libelle: str) -> str:
    """The Atom document of one entity (`libelle`: its name, plain text, in the last edition that holds it)."""
    kind, path = KINDS[history.kind], entity_feed_path(history.kind, history.id)
    root = ctx.root_from(path)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    text_element(feed, "id", stable_id("flux-fiche", history.kind, history.id))
    text_element(feed, "title", f"{ctx.titre_site} : {kind.singulier} « {libelle} »")
    text_element(feed, "subtitle", _subtitle(ctx, history))
    events = list(reversed(history.evenements))  # newest first
    text_element(feed, "updated", stamp(max(ctx.dates[e.annee] for e in events)))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    text_element(author, "name", ctx.titre_site)
    link_element(feed, f"{root}latest/{path}", "self", "application/atom+xml")
    link_element(feed, f"{root}{ctx.annee}/{kind.url(history.id)}", "alternate", "text/html")
    for event in events:
        feed.append(_entry(ctx, history.kind, event, libelle, root))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _subtitle(ctx: FicheFeeds, history: EntityHistory) -> str:
    removed = history.retiree
    end = f" Retiré{'e' if KINDS[history.kind].feminin else ''} dans l'édition {removed.annee}." if removed else ""
    return (f"Ce que chaque édition a changé dans cette fiche, jusqu'à l'édition {ctx.annee} ({ctx.statut}).{end} "
            "L'adresse …/latest/flux/… de ce flux suit l'édition en vigueur.")


_TITLES = {TypeEvenement.AJOUT: "ajout", TypeEvenement.MODIFICATION: "modification",
           TypeEvenement.RETRAIT: "retrait"}


def _entry(ctx: FicheFeeds, kind: str, event: Evenement, libelle: str, root: str) -> ET.Element:
    info = KINDS[kind]
    entry = ET.Element(f"{{{ATOM}}}entry")
    text_element(entry, "id", stable_id(event.type.value, event.annee, kind, event.id))
    text_element(entry, "title", f"Édition {event.annee} — {_what(ctx, event)} : {libelle}")
    text_element(entry, "updated", stamp(ctx.dates[event.annee]))
    if event.type is TypeEvenement.RETRAIT:  # no page left for it in that edition: its Nouveautés entry
        href = f"{root}{event.annee}/nouveautes/#{kind}-{event.id}"
    else:
        href = f"{root}{event.annee}/{info.url(event.id)}"
    link_element(entry, href, "alternate", "text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": kind, "label": info.pluriel})
    content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
    content.text = xml_text(_body(event, info.singulier, root))
    return entry


def _what(ctx: FicheFeeds, event: Evenement) -> str:
    if event.renommage or event.renommee:
        return "renommage"
    if event.type is TypeEvenement.AJOUT and event.annee == ctx.premiere:
        return "dans la première édition de la base"
    return _TITLES[event.type]


def _body(event: Evenement, singulier: str, root: str) -> str:
    def href(ref: EntityRef) -> str:  # its page in its own edition's site
        return f"{root}{ref.edition}/{ref.url}"

    said = f"<p>Édition {event.annee} — {html.escape(_TITLES[event.type])} : {html.escape(singulier)} " \
           f"« {html.escape(event.id)} ».</p>"
    former = event.renommage
    if former is not None:
        said += lineage_html("Anciennement", [former], href)
    elif event.type is TypeEvenement.AJOUT:
        said += lineage_html("En remplacement de", event.predecesseurs, href)
    else:
        said += lineage_html("Remplace aussi", event.predecesseurs, href)
    said += lineage_html("Renommé" if event.renommee else "Remplacé par", event.successeurs, href)
    if event.successeurs:
        said += "<p>Pour continuer à suivre : " + ", ".join(
            f'<a href="{html.escape(root + "latest/" + entity_feed_path(ref.kind, ref.id), quote=True)}">'
            f"flux de « {html.escape(ref.libelle)} »</a>" for ref in event.successeurs) + ".</p>"
    if event.changements:
        said += "<ul>" + "".join(f"<li>{change_html(c)}</li>" for c in event.changements) + "</ul>"
    return said
