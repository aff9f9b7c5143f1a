"""What a reader reads, checked on the generated Markdown and feeds (no build): counts in words on the home page,
feed addresses and reasons, and links printed with their address once."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from cadre.cache import ContentCache
from cadre.exports.feeds import FeedContext, build_feed
from cadre.site import SiteSettings, make_context
from cadre.site.pages import overview_pages
from cadre.site.templating import Renderer
from cadre.text import html_block

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_home_page_counts_in_words_and_leaves_out_what_an_actor_has_none_of() -> None:
    ctx = make_context(ROOT / "data", 2016, SiteSettings("Site"), ContentCache(None))
    home = overview_pages(Renderer(ctx.kb))["index.md"].replace("&#49;", "1")
    lines = {m.group(1): m.group(2) for m in re.finditer(r"^- \*\*\[([^\]]+)\]\([^)]*\)\*\* : (.*)$", home, re.M)}
    assert lines["Industriels"] == "14 référentiels, 1 principe"  # data/editions/2016/acteurs/industriels.yaml
    assert lines["Porteurs de projets"] == "14 référentiels, 14 principes"
    assert "(s)" not in home and " 0 " not in home


def _feed(publiee_base: str, kind: str | None) -> ET.Element:
    ctx = FeedContext(2016, "Site", "publiée", dt.datetime(2016, 5, 11, tzinfo=dt.UTC), "../../2016/",
                      publiee_base)
    text = build_feed(ctx, None, kind)
    assert text.splitlines()[1] == '<?xml-stylesheet type="text/css" href="flux.css"?>'
    return ET.fromstring(text.encode())


def test_a_feed_is_subscribed_to_at_the_address_given_and_an_empty_one_says_why() -> None:
    edition = _feed("../../latest/", None)
    assert edition.find(f"{ATOM}link[@rel='self']").get("href") == "../../latest/flux/edition.xml"
    assert len(edition.findall(f"{ATOM}entry")) == 1  # the edition itself
    principes = _feed("../../latest/", "principe")
    assert principes.findall(f"{ATOM}entry") == []
    subtitle = principes.findtext(f"{ATOM}subtitle")
    assert "Ce flux est vide" in subtitle and "principes" in subtitle and "éditions suivantes" in subtitle


def test_a_bare_url_is_marked_to_be_printed_once() -> None:
    html = html_block("Voir <https://esante.gouv.fr/> et [le site de l'agence](https://esante.gouv.fr/).")
    assert '<a data-lien-externe="adresse" href="https://esante.gouv.fr/"' in html
    assert '<a data-lien-externe href="https://esante.gouv.fr/"' in html  # a named link: its address is printed
    css = (ROOT / "docs/assets/print.css").read_text(encoding="utf-8")
    assert 'a[data-lien-externe]:not([data-lien-externe="adresse"])::after' in css
