"""The site built from the real 2016 edition: strict build, one page per entity, links both ways, tooltips.

Expectations come from the data files (data/editions/<newest>/) and from the issue (14 référentiels, 14 principles,
5 audiences), never from the code under test.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from test_site import PAGE_FOLDERS, PROJECT, Site, broken_links, data_text, entities, literal_syntax, plain, read

EDITIONS = PROJECT / "data" / "editions"
EDITION = max((p for p in EDITIONS.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
# where an entity of each kind is shown (the permalinks of the issue), for glossary renvois
KIND_URLS = {"referentiel": "referentiels/{}/", "service": "socle/{}/", "principe": "principes/{}/",
             "acteur": "acteurs/{}/", "chapitre": "textes/{}/", "programme": "programmes/#{}"}


@pytest.fixture(scope="session")
def real_build(real_site) -> tuple[subprocess.CompletedProcess, Site]:
    result, out = real_site  # one build of the real edition for the whole session (tests/conftest.py)
    return result, Site(out)


@pytest.fixture(scope="session")
def site(real_build) -> Site:
    result, built = real_build
    assert result.returncode == 0, result.stderr
    return built


def test_strict_build_of_the_real_edition_passes(real_build) -> None:
    result, _ = real_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_the_issue_counts_hold_in_the_data() -> None:
    assert len(entities(EDITION, "referentiels")) == 14
    assert len(entities(EDITION, "principes")) == 14
    assert {a["id"] for a in entities(EDITION, "acteurs")} == {
        "ars", "moar-si", "porteurs-de-projets", "industriels", "institutions"}


@pytest.mark.parametrize("folder", sorted(PAGE_FOLDERS))
def test_one_page_per_fact_sheet_service_principle_audience_and_text(site: Site, folder: str) -> None:
    ids = [e["id"] for e in entities(EDITION, folder)]
    assert ids
    assert [i for i in ids if not site.exists(f"{PAGE_FOLDERS[folder]}/{i}/")] == []
    for entity in entities(EDITION, folder):  # each page shows its entity's own name
        name = entity.get("nom") or entity.get("titre")
        assert name in site.page(f"{PAGE_FOLDERS[folder]}/{entity['id']}/").article_text


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    assert broken_links(site) == []


def test_services_and_referentiels_link_each_other(site: Site) -> None:
    pairs = [(s["id"], r) for s in entities(EDITION, "socle") for r in s.get("referentiels", [])]
    assert pairs
    for service, referentiel in pairs:
        assert site.links_to(f"socle/{service}/", f"referentiels/{referentiel}/"), (service, referentiel)
        assert site.links_to(f"referentiels/{referentiel}/", f"socle/{service}/"), (referentiel, service)


def test_principles_and_referentiels_link_each_other(site: Site) -> None:
    for principe in entities(EDITION, "principes"):
        for referentiel in principe.get("referentiels", []):
            assert site.links_to(f"principes/{principe['id']}/", f"referentiels/{referentiel}/")
            assert site.links_to(f"referentiels/{referentiel}/", f"principes/{principe['id']}/")


def test_audience_pages_link_their_referentiels_services_and_principles(site: Site) -> None:
    for referentiel in entities(EDITION, "referentiels"):
        for acteur in referentiel["destinataires"].get("acteurs", []):
            assert site.links_to(f"referentiels/{referentiel['id']}/", f"acteurs/{acteur}/")
            assert site.links_to(f"acteurs/{acteur}/", f"referentiels/{referentiel['id']}/")
    for acteur in entities(EDITION, "acteurs"):
        url = f"acteurs/{acteur['id']}/"
        for devoir in [d for liste in acteur.get("devoirs", []) for d in liste["elements"]]:
            for key, folder in (("referentiels", "referentiels"), ("services", "socle"), ("principes", "principes")):
                for target in devoir.get(key, []):
                    assert site.links_to(url, f"{folder}/{target}/"), (url, target)
        for principe in entities(EDITION, "principes"):
            if acteur["id"] in principe.get("acteurs", []):
                assert site.links_to(url, f"principes/{principe['id']}/")
        assert site.links_to("", url)  # an entry point on the home page


def test_glossary_entries_link_to_their_entity_and_back(site: Site) -> None:
    glossary = read(EDITION / "glossaire.yaml")
    page = site.page("glossaire/")
    for entry in glossary:
        assert entry["id"] in page.ids
        renvoi = entry.get("renvoi")
        if renvoi:
            url, _, anchor = KIND_URLS[renvoi["type"]].format(renvoi["id"]).partition("#")
            assert (url, anchor) in site.targets("glossaire/"), entry["id"]
            if not anchor:  # entity pages link back to the glossary entry
                assert ("glossaire/", entry["id"]) in site.targets(url), entry["id"]


def test_glossary_acronyms_carry_their_meaning_as_tooltips(site: Site) -> None:
    meanings: dict[str, list[str]] = {}
    for entry in read(EDITION / "glossaire.yaml"):
        meanings.setdefault(" ".join(entry["sigle"].split()), []).append(plain(entry["definition"]))
    glossary_abbrs = {a.text: a.attrs["title"] for a in site.page("glossaire/").abbrs}
    for sigle, definitions in meanings.items():
        assert sigle in glossary_abbrs, sigle
        assert all(d in " ".join(glossary_abbrs[sigle].split()) for d in definitions), sigle
    # acronyms in running text elsewhere: every abbr anywhere explains a glossary acronym
    seen = set()
    for url in site.all_urls():
        for abbr in site.page(url).abbrs:
            assert abbr.text in meanings, (url, abbr.text)
            seen.add(url)
    assert "referentiels/ci-sis/" in seen and "socle/dmp/" in seen


def test_no_markup_from_the_data_runs(site: Site) -> None:
    for url in site.all_urls():
        page = site.page(url)
        assert page.handlers == [], url
        assert [e for e in page.elements if e.tag in ("script", "iframe", "object")] == [], url


def test_programmes_table_has_every_programme_with_its_status(site: Site) -> None:
    programmes = read(EDITION / "programmes.yaml")
    page = site.page("programmes/")
    assert len(programmes) == 40
    assert all(p["id"] in page.ids for p in programmes)
    for statut in ("E", "P"):
        cells = [e for e in page.elements if f"cadre-statut--{statut}" in e.attrs.get("class", "")]
        assert len(cells) == sum(1 for p in programmes if p["statut"] == statut)


def test_telemedicine_page_shows_the_four_steps_and_links_services(site: Site) -> None:
    etapes = read(EDITION / "telemedecine" / "etapes.yaml")
    assert len(etapes) == 4
    page = site.page("socle/telemedecine/")
    assert all(e["id"] in page.ids for e in etapes)
    used = {u["service"] for e in etapes for s in e.get("sous_etapes", []) for u in s.get("services", [])
            if u.get("service")} | {u["service"] for e in etapes for u in e.get("services", []) if u.get("service")}
    for service in used - {"telemedecine"}:
        assert site.links_to("socle/telemedecine/", f"socle/{service}/"), service


def test_principle_pages_and_checklist_have_every_question(site: Site) -> None:
    principes = entities(EDITION, "principes")
    for principe in principes:
        assert site.page(f"principes/{principe['id']}/").checkboxes == len(principe["questions"])
    assert site.page("principes/checklist/").checkboxes == sum(len(p["questions"]) for p in principes)


def test_every_editorial_note_is_gathered(site: Site) -> None:
    page = site.page("notes-editoriales/")
    count = 0
    for path in sorted(EDITION.rglob("*.yaml")):
        for entity in (read(path) if isinstance(read(path), list) else [read(path)]):
            for note in entity.get("notes_editoriales", []) if isinstance(entity, dict) else []:
                count += 1
                first_words = " ".join(plain(note["texte"]).split()[:6])
                assert first_words.replace("&lt;", "<") in page.article_text or _loose_in(first_words, page), path
    assert count > 0


def _loose_in(words: str, page) -> bool:
    # Markdown in a note (links, quotes) changes its text: compare letters and digits only
    def keep(s: str) -> str:
        return "".join(ch for ch in s if ch.isalnum())
    return keep(words)[:30] in keep(page.article_text)


def test_site_files_are_not_written_into_docs() -> None:
    generated = {f"{PAGE_FOLDERS[f]}/{e['id']}.md" for f in PAGE_FOLDERS for e in entities(EDITION, f)}
    assert [g for g in generated if (PROJECT / "docs" / g).exists()] == []


def test_home_page_names_the_edition_and_its_instruction(site: Site) -> None:
    edition = read(EDITION / "edition.yaml")
    home = site.page("")
    assert str(edition["annee"]) in home.article_text
    assert edition["instruction"]["numero"] in home.article_text or edition["texte_adoption"] in home.article_text
    assert site.links_to("", "instruction/")


def test_build_outputs_exist(site: Site) -> None:
    assert Path(site.root / "pagefind" / "pagefind.js").is_file()  # the search index (tests/test_search_index.py)


def _french_key(sigle: str) -> str:
    """How a French dictionary files a term: accents, case and punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", sigle.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def test_glossary_is_in_french_alphabetical_order_with_an_a_z_index(site: Site) -> None:
    glossary = read(EDITION / "glossaire.yaml")
    html = (site.root / "glossaire" / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'<dt id="([^"]+)"', html)
    assert sorted(order) == sorted(e["id"] for e in glossary)  # every entry once, at its id
    keys = [_french_key(next(e["sigle"] for e in glossary if e["id"] == i)) for i in order]
    assert keys == sorted(keys)
    assert order.index("ntic") > order.index("nos") and order[0] == "3c"  # « (N)TIC » filed under N, digits first
    page = site.page("glossaire/")
    for letter in {k[0] for k in keys if k[0].isalpha()}:
        assert ("glossaire/", f"lettre-{letter}") in site.targets("glossaire/") and f"lettre-{letter}" in page.ids
    texte = sum(1 for e in glossary if e["origine"] == "texte")
    mark = '<span class="cadre-lecteur"> (sigle défini dans le texte)</span>'  # read by screen readers
    assert html.count(mark) == texte  # one mark each …
    assert html.count("absent du glossaire de l'annexe 5") == 1  # … explained by one legend


def test_no_literal_markdown_attribute_or_template_syntax_in_any_page(site: Site) -> None:
    assert literal_syntax(site.root, data_text(EDITION)) == {}


def test_ars_duties_keep_the_documents_lists_with_their_lead_ins(site: Site) -> None:
    page = site.page("acteurs/ars/")
    ars = read(EDITION / "acteurs" / "ars.yaml")
    sources = [liste["source"] for liste in ars["devoirs"]]
    assert "Instruction III" in sources and "Annexe §1.2.3.1" in sources
    for lead_in in ("À cet effet, il convient de veiller :", "Vis-à-vis du cadre commun des projets de e-santé, "
                    "les ARS doivent :", "Il s'agit précisément :", "Les modalités d'action de l'ARS sont multiples :"):
        assert lead_in in page.article_text
    assert site.links_to("acteurs/ars/", "socle/objectifs-ars/")
    hub = site.page("acteurs/")
    for acteur in entities(EDITION, "acteurs"):
        assert site.links_to("acteurs/", f"acteurs/{acteur['id']}/")
        assert plain(acteur["description"])[:200] not in hub.article_text  # a hub, not a copy of the pages

