"""Editions side by side, on a chain of three editions made from the site fixture by deliberate edits (2016 → 2017
→ 2018: a référentiel renamed, two principles merged, a référentiel removed, a référentiel relied on by a service
changed): `cadre diff` of any two editions, the impact (« à revoir »), lineage, the comparison pages, the feed of
one fiche, the calendars, the comparisons as open data.

Expected values come from the list of edits (tests/editions_fixture.py `derive_chain`) and the fixture's YAML,
written here by hand; never from the code under test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from editions_fixture import CI_SIS_OBJECTIFS_2018, derive_chain, read_yaml_file, write_yaml_file

from cadre.cache import ContentCache
from cadre.loading.knowledge import InvalidEdition
from cadre.site import SiteSettings, build_site, make_context

PROJECT = Path(__file__).resolve().parents[1]
SITE_URL = "https://cadre.example.org/"
CI_SIS_OBJECTIFS_2016 = ("Un référentiel fictif dont l'identifiant est celui qu'attend la page « Données ouvertes » "
                         "(docs/donnees-ouvertes.md cite son extrait JSON).")

# the names every output gives the entities of the fixture (its YAML: nom, sigle, numero, titre, libelle)
BETA = 'Référentiel fictif Bêta <script>alert("beta-nom")</script>'
NAMES = {
    "ref-zorg": "Référentiel fictif Alpha (ZORG)", "ref-alpha": "Référentiel fictif Alpha (ZORG)",
    "ci-sis": "Référentiel fictif Gamma", "ref-beta": BETA, "evo-beta": "Extension fictive non datée",
    "evo-alpha-2": "Version fictive 2.0 du référentiel Alpha", "svc-un": "Service fictif Un (QWX)",
    "svc-deux": "Service fictif Deux", "zorg": "ZORG", "pr-conduite": "Principe 1 : Conduite fictive",
    "pr-primaute": "Principe 1 : Primauté fictive", "pr-evaluation": "Principe 2 : Évaluation fictive",
    "act-industriels": "Industriels fictifs", "act-regional": "Agence régionale fictive (ARF)",
}


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("chaine") / "data"
    derive_chain(data)
    return data


def cadre(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", str(data), *args], capture_output=True,
                          text=True)


# --- cadre diff 2016 2018 ---------------------------------------------------------------------------------------

EXPECTED_TEXT = f"""Différences entre l'édition 2016 et l'édition 2018 (en passant par l'édition 2017)

Métadonnées de l'édition
  date_publication : « 2016-06-01 » → « 2018-06-01 »

Référentiels
  - retiré : ref-beta — {BETA}
      à revoir : service du socle svc-deux — Service fictif Deux
  ~ renommé : ref-alpha → ref-zorg — Référentiel fictif Alpha (ZORG)
      id : « ref-alpha » → « ref-zorg »
      disponibilite.statut : « disponible » → « en-cours »
      à revoir : évolution programmée evo-alpha-2 — Version fictive 2.0 du référentiel Alpha
      à revoir : service du socle svc-un — Service fictif Un (QWX)
      à revoir : entrée du glossaire zorg — ZORG
      à revoir : principe pr-conduite — Principe 1 : Conduite fictive
      à revoir : acteur act-industriels — Industriels fictifs
  ~ modifié : ci-sis — Référentiel fictif Gamma
      objectifs : « {CI_SIS_OBJECTIFS_2016} » → « {CI_SIS_OBJECTIFS_2018} »
      à revoir : service du socle svc-deux — Service fictif Deux

Évolutions programmées
  - retiré : evo-beta — Extension fictive non datée

Services du socle
  ~ modifié : svc-deux — Service fictif Deux
      referentiels[0] : « ref-beta » → « ci-sis »

Principes
  + ajouté : pr-conduite — Principe 1 : Conduite fictive (remplace : pr-primaute, pr-evaluation)
  - retiré : pr-primaute — Principe 1 : Primauté fictive (remplacé par : pr-conduite)
  - retiré : pr-evaluation — Principe 2 : Évaluation fictive (remplacé par : pr-conduite)
      à revoir : acteur act-regional — Agence régionale fictive (ARF)

Filiations
  Renommage (référentiels) : ref-alpha → ref-zorg
  Fusion (principes) : pr-primaute + pr-evaluation → pr-conduite

À revoir (entités qui citent une entité modifiée ou retirée)
  évolution programmée evo-alpha-2 — Version fictive 2.0 du référentiel Alpha : référentiel ref-zorg (modifié)
  service du socle svc-un — Service fictif Un (QWX) : référentiel ref-zorg (modifié)
  service du socle svc-deux — Service fictif Deux : référentiel ci-sis (modifié), référentiel ref-beta (retiré)
  entrée du glossaire zorg — ZORG : référentiel ref-zorg (modifié)
  principe pr-conduite — Principe 1 : Conduite fictive : référentiel ref-zorg (modifié)
  acteur act-industriels — Industriels fictifs : référentiel ref-zorg (modifié)
  acteur act-regional — Agence régionale fictive (ARF) : principe pr-evaluation (retiré)

Total : 1 ajout, 4 retraits, 3 entités modifiées.
"""


def test_cadre_diff_of_two_editions_apart_is_exactly_the_deliberate_edits(chain: Path) -> None:
    """The rename and the merge of 2017 are followed to 2018; references that followed them are no change (the
    services, the glossary entry, the evolution and the actors that cite ref-zorg or pr-conduite were only
    rewritten to the new ids); what cites a changed or removed entity is listed to review."""
    result = cadre("diff", "2016", "2018", data=chain)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED_TEXT


def _ref(kind: str, entity_id: str, edition: int, url: str) -> dict:
    return {"type": kind, "id": entity_id, "libelle": NAMES[entity_id], "url": url, "edition": edition}


def test_cadre_diff_json_is_exact_and_follows_the_published_schema(chain: Path) -> None:
    result = cadre("diff", "2016", "2018", "--format", "json", data=chain)
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)
    zorg = _ref("referentiel", "ref-zorg", 2018, "referentiels/ref-zorg/")
    svc_deux = _ref("service", "svc-deux", 2018, "socle/svc-deux/")
    conduite = _ref("principe", "pr-conduite", 2018, "principes/pr-conduite/")
    primaute = _ref("principe", "pr-primaute", 2016, "principes/pr-primaute/")
    evaluation = _ref("principe", "pr-evaluation", 2016, "principes/pr-evaluation/")
    regional = _ref("acteur", "act-regional", 2018, "acteurs/act-regional/")
    zorg_reviewers = [_ref("evolution", "evo-alpha-2", 2018, "referentiels/evolutions/#evo-alpha-2"),
                      _ref("service", "svc-un", 2018, "socle/svc-un/"), _ref("glossaire", "zorg", 2018,
                                                                               "glossaire/#zorg"),
                      conduite, _ref("acteur", "act-industriels", 2018, "acteurs/act-industriels/")]
    assert diff == {
        "edition": 2018, "ancienne": 2016, "nouvelle": 2018, "intermediaires": [2017],
        "totaux": {"ajouts": 1, "retraits": 4, "modifications": 3},
        "metadonnees": [{"chemin": "date_publication", "avant": "2016-06-01", "apres": "2018-06-01"}],
        "types": [
            {"type": "referentiel", "libelle": "référentiels", "ajouts": [],
             "retraits": [{**_ref("referentiel", "ref-beta", 2016, "referentiels/ref-beta/"), "remplacee_par": [],
                           "a_revoir": [svc_deux]}],
             "modifications": [
                 {"entite": zorg, "ancien": _ref("referentiel", "ref-alpha", 2016, "referentiels/ref-alpha/"),
                  "remplace": [], "changements": [
                      {"chemin": "id", "avant": "ref-alpha", "apres": "ref-zorg"},
                      {"chemin": "disponibilite.statut", "avant": "disponible", "apres": "en-cours"}],
                  "a_revoir": zorg_reviewers},
                 {"entite": _ref("referentiel", "ci-sis", 2018, "referentiels/ci-sis/"),
                  "ancien": _ref("referentiel", "ci-sis", 2016, "referentiels/ci-sis/"), "remplace": [],
                  "changements": [{"chemin": "objectifs", "avant": CI_SIS_OBJECTIFS_2016,
                                   "apres": CI_SIS_OBJECTIFS_2018}],
                  "a_revoir": [svc_deux]}]},
            {"type": "evolution", "libelle": "évolutions programmées", "ajouts": [], "modifications": [],
             "retraits": [{**_ref("evolution", "evo-beta", 2016, "referentiels/evolutions/#evo-beta"),
                           "remplacee_par": [], "a_revoir": []}]},
            {"type": "service", "libelle": "services du socle", "ajouts": [], "retraits": [],
             "modifications": [{"entite": svc_deux, "ancien": _ref("service", "svc-deux", 2016, "socle/svc-deux/"),
                                "remplace": [], "changements": [
                                    {"chemin": "referentiels[0]", "avant": "ref-beta", "apres": "ci-sis"}],
                                "a_revoir": []}]},
            {"type": "principe", "libelle": "principes", "modifications": [],
             "ajouts": [{**conduite, "remplace": [primaute, evaluation]}],
             "retraits": [{**primaute, "remplacee_par": [conduite], "a_revoir": []},
                          {**evaluation, "remplacee_par": [conduite], "a_revoir": [regional]}]},
        ],
        "filiations": [
            {"type": "referentiel", "nature": "renommage",
             "avant": [_ref("referentiel", "ref-alpha", 2016, "referentiels/ref-alpha/")], "apres": [zorg]},
            {"type": "principe", "nature": "fusion", "avant": [primaute, evaluation], "apres": [conduite]},
        ],
        "a_revoir": [
            {"entite": zorg_reviewers[0], "motifs": [{"entite": zorg, "changement": "modification"}]},
            {"entite": zorg_reviewers[1], "motifs": [{"entite": zorg, "changement": "modification"}]},
            {"entite": svc_deux, "motifs": [
                {"entite": _ref("referentiel", "ci-sis", 2018, "referentiels/ci-sis/"), "changement": "modification"},
                {"entite": _ref("referentiel", "ref-beta", 2016, "referentiels/ref-beta/"), "changement": "retrait"}]},
            {"entite": zorg_reviewers[2], "motifs": [{"entite": zorg, "changement": "modification"}]},
            {"entite": conduite, "motifs": [{"entite": zorg, "changement": "modification"}]},
            {"entite": zorg_reviewers[4], "motifs": [{"entite": zorg, "changement": "modification"}]},
            {"entite": regional, "motifs": [{"entite": evaluation, "changement": "retrait"}]},
        ],
    }
    schema = json.loads((PROJECT / "schemas" / "edition.schema.json").read_text(encoding="utf-8"))  # sanity
    assert schema["$schema"].endswith("2020-12/schema")
    site = build(chain, 2018)
    published = json.loads(site.files["api/v1/schemas/comparaison.schema.json"])
    jsonschema.Draft202012Validator(published).validate(diff)
    assert json.loads(site.files["api/v1/comparaisons/2016-2018.json"]) == diff  # the same document, published


def test_consecutive_editions_compare_step_by_step(chain: Path) -> None:
    first = cadre("diff", "2016", "2017", data=chain).stdout
    assert "  ~ renommé : ref-alpha → ref-zorg — Référentiel fictif Alpha (ZORG)\n" \
           "      id : « ref-alpha » → « ref-zorg »\n" in first
    assert "  + ajouté : pr-conduite — Principe 1 : Conduite fictive (remplace : pr-primaute, pr-evaluation)" in first
    assert "ref-beta" not in first and first.splitlines()[0] == "Différences entre l'édition 2016 et l'édition 2017"
    second = cadre("diff", "2017", "2018", data=chain).stdout
    assert "renommé" not in second and "pr-conduite — Principe 1 : Conduite fictive (remplace" not in second
    assert "  - retiré : ref-beta — " in second and "  ~ modifié : ref-zorg — " in second


@pytest.mark.parametrize("args, message", [
    (("2018", "2016"), "cadre : l'édition de référence (2018) doit précéder l'édition comparée (2016) : "
                       "cadre diff 2016 2018\n"),
    (("2017", "2017"), "cadre : deux éditions différentes sont nécessaires (reçu deux fois 2017)\n"),
    (("2016", "2019"), "cadre : édition 2019 introuvable ("),
])
def test_cadre_diff_refuses_what_it_cannot_compare(chain: Path, args: tuple[str, str], message: str) -> None:
    result = cadre("diff", *args, data=chain)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(message)


# --- lineage in the data: « remplace » checked against the previous edition -------------------------------------


def test_an_unknown_replaced_id_is_a_located_error_with_every_other_one(chain: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(chain, data)
    gamma = data / "editions" / "2017" / "referentiels" / "ci-sis.yaml"
    write_yaml_file(gamma, {**read_yaml_file(gamma), "remplace": ["ref-alfa"]})
    first = data / "editions" / "2016" / "referentiels" / "ci-sis.yaml"
    write_yaml_file(first, {**read_yaml_file(first), "remplace": ["ref-beta"]})
    lines = gamma.read_text(encoding="utf-8").splitlines()
    line = lines.index("- ref-alfa") + 1
    first_line = first.read_text(encoding="utf-8").splitlines().index("- ref-beta") + 1
    result = cadre("validate", data=data)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert (f"{first}:{first_line}:3: E206 referentiel:ci-sis.remplace[0]: aucune édition antérieure dans les "
            "données : il n'y a rien à remplacer (attendu aucune entité remplacée (première édition), trouvé "
            "« ref-beta »)") in errors
    assert (f"{gamma}:{line}:3: E206 referentiel:ci-sis.remplace[0]: aucun référentiel de l'édition 2016 ne porte "
            "cet identifiant ; vouliez-vous dire « ref-alpha » ? (attendu l'identifiant d'un référentiel de "
            "l'édition 2016, trouvé « ref-alfa »)") in errors
    # ref-zorg in 2018 still names ref-alpha, carried over from 2017: accepted (its renaming was recorded in 2017)
    assert "Édition 2018 valide :" in result.stdout
    with pytest.raises(InvalidEdition) as raised:  # a build refuses it too, with every error
        make_context(data, 2018, SiteSettings("T"), ContentCache(None))
    assert {e.code.value for e in raised.value.errors} == {"E206"} and len(raised.value.errors) == 2
    refused = cadre("diff", "2016", "2018", data=data)
    assert refused.returncode == 1 and "E206" in refused.stderr and "Éditions invalides : 2016, 2017" in refused.stderr


# --- the site of 2018 ------------------------------------------------------------------------------------------


def build(data: Path, year: int, cache: Path | None = None):  # noqa: ANN201 - a SiteSource
    return build_site(make_context(data, year, SiteSettings("Cadre (test)", SITE_URL, "", PROJECT),
                                   ContentCache(cache)))


@pytest.fixture(scope="module")
def site(chain: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    return build(chain, 2018, tmp_path_factory.mktemp("cache"))


def test_nouveautes_offers_a_comparison_with_every_earlier_edition(site) -> None:  # noqa: ANN001
    page = site.files["nouveautes.md"]
    assert "- [Comparer avec l'édition 2016](comparaisons/2016.md)" in page
    assert "- [Comparer avec l'édition 2017](comparaisons/2017.md)" in page
    assert {p for p in site.files if p.startswith(("comparaisons/", "api/v1/comparaisons/"))} == {
        "comparaisons/2016.md", "comparaisons/2017.md", "api/v1/comparaisons/2016-2018.json",
        "api/v1/comparaisons/2017-2018.json"}


def test_the_comparison_page_links_both_editions_and_lists_what_to_review(site) -> None:  # noqa: ANN001
    page = site.files["comparaisons/2016.md"]
    assert "# Édition 2018 comparée à l'édition 2016" in page and "en passant par l'édition 2017" in page
    # each change has its anchor; the renamed one under both ids
    for anchor in ("referentiel-ref-beta", "referentiel-ref-zorg", "referentiel-ref-alpha", "referentiel-ci-sis",
                   "evolution-evo-beta", "service-svc-deux", "principe-pr-conduite", "principe-pr-primaute",
                   "principe-pr-evaluation"):
        assert f'<span id="{anchor}"></span>' in page
    # the entity in this edition (a page of this site) and in the other one (../<year>/ from the versions' root)
    assert "[Référentiel fictif Alpha (ZORG)](../referentiels/ref-zorg.md) (<code>ref-zorg</code>) — " \
           '<a href="../../../2016/referentiels/ref-alpha/">dans l\'édition 2016</a>' in page
    assert '<a href="../../../2016/referentiels/ref-beta/">sa page dans l\'édition 2016</a>' in page
    assert "    - Remplacé par : [Principe 1 : Conduite fictive](../principes/pr-conduite.md)" in page
    # the impact, per change and gathered
    assert "## À revoir" in page
    assert "- [Service fictif Deux](../socle/svc-deux.md) (service du socle) : cite [Référentiel fictif Gamma]" \
           "(../referentiels/ci-sis.md) (modifié), <a href=\"../../../2016/referentiels/ref-beta/\">Référentiel " \
           "fictif Bêta &lt;script&gt;alert(\"beta-nom\")&lt;/script&gt;</a> (retiré)" in page
    assert "    - À revoir : [Agence régionale fictive (ARF)](../acteurs/act-regional.md)" in page
    # a long text rewritten: the words, escaped, between <ins> and <del>
    assert '<span class="cadre-mots">« Un référentiel fictif <ins>révisé</ins> dont ' in page
    assert "<del>JSON).</del> <ins>JSON), désormais utilisé par le service fictif Deux.</ins> »</span>" in page
    assert "<script>" not in page


def test_a_removed_entity_keeps_a_page_naming_its_successors(site) -> None:  # noqa: ANN001
    renamed = site.files["referentiels/ref-alpha.md"]
    assert "a été renommée dans l'édition 2017" in renamed
    assert "elle est remplacée par : [Référentiel fictif Alpha (ZORG)](ref-zorg.md)" in renamed
    assert '<a href="../../../2016/referentiels/ref-alpha/">sa page dans l\'édition 2016</a>' in renamed
    assert '<a href="../../../2017/nouveautes/#referentiel-ref-alpha">Nouveautés de l\'édition 2017</a>' in renamed
    merged = site.files["principes/pr-evaluation.md"]
    assert "a été retirée dans l'édition 2017" in merged and "[Principe 1 : Conduite fictive](pr-conduite.md)" in merged
    removed = site.files["referentiels/ref-beta.md"]
    assert "a été retirée dans l'édition 2018" in removed and "Aucune fiche de l'édition 2018 ne la remplace" in removed
    assert "[Nouveautés de l'édition 2018](../nouveautes.md#referentiel-ref-beta)" in removed
    assert "search:\n  exclude: true" in removed


def test_the_history_of_a_renamed_entity_keeps_its_past(site) -> None:  # noqa: ANN001
    page = site.files["referentiels/ref-zorg.md"]
    history = page.split("## Historique dans les éditions", 1)[1].split("## Contexte", 1)[0]
    assert "Dans la base depuis l'édition 2016, la première de la base." in history
    assert "- **Édition 2017** : renommé ; anciennement <a href=\"../../../2016/referentiels/ref-alpha/\">" in history
    assert "- **Édition 2018** : modifié" in history and "« disponible » → « en-cours »" in history
    merged = site.files["principes/pr-conduite.md"].split("## Historique dans les éditions", 1)[1]
    assert "- **Édition 2017** : ajouté, en remplacement de : <a href=\"../../../2016/principes/pr-primaute/\">" \
           in merged


# --- following one fiche ------------------------------------------------------------------------------------------


def _feed(site, path: str):  # noqa: ANN001, ANN202
    parsed = feedparser.parse(site.files[path])
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_fiche_has_its_feed_announced_and_following_it_through_lineage(site, chain: Path) -> None:  # noqa: ANN001
    page = site.files["referentiels/ref-zorg.md"]
    assert "\nfeed: flux/referentiel/ref-zorg.xml\n" in page.split("---", 2)[1]  # the theme's <head> reads it
    assert '<a class="cadre-suivre" href="../../../latest/flux/referentiel/ref-zorg.xml" ' \
           'type="application/atom+xml">Suivre cette fiche</a>' in page
    feed = _feed(site, "flux/referentiel/ref-zorg.xml")
    assert feed.feed.language == "fr"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == \
        f"{SITE_URL}latest/flux/referentiel/ref-zorg.xml"
    entries = [(e.title, e.link) for e in feed.entries]
    assert entries == [
        ("Édition 2018 — modification : Référentiel fictif Alpha (ZORG)", f"{SITE_URL}2018/referentiels/ref-zorg/"),
        ("Édition 2017 — renommage : Référentiel fictif Alpha (ZORG)", f"{SITE_URL}2017/referentiels/ref-zorg/"),
        ("Édition 2016 — dans la première édition de la base : Référentiel fictif Alpha (ZORG)",
         f"{SITE_URL}2016/referentiels/ref-alpha/"),
    ]
    assert "en-cours" in feed.entries[0].summary
    # the same feed, edition after edition; an entry has the id the kind's feed gives the same event
    earlier = build(chain, 2017)
    assert _feed(earlier, "flux/referentiel/ref-zorg.xml").feed.id == feed.feed.id
    assert [e.id for e in _feed(earlier, "flux/referentiel/ref-zorg.xml").entries] == [e.id for e in
                                                                                       feed.entries[1:]]
    kind_feed = _feed(build(chain, 2018), "flux/referentiel.xml")
    assert feed.entries[0].id in {e.id for e in kind_feed.entries}


def test_the_feed_of_a_removed_fiche_stays_and_names_what_replaced_it(site) -> None:  # noqa: ANN001
    renamed = _feed(site, "flux/referentiel/ref-alpha.xml")
    assert renamed.entries[0].title == "Édition 2017 — renommage : Référentiel fictif Alpha (ZORG)"
    assert f'href="{SITE_URL}2017/referentiels/ref-zorg/"' in renamed.entries[0].summary
    assert f'href="{SITE_URL}latest/flux/referentiel/ref-zorg.xml"' in renamed.entries[0].summary
    removed = _feed(site, "flux/referentiel/ref-beta.xml")
    assert removed.entries[0].title == f"Édition 2018 — retrait : {BETA}"
    assert removed.entries[0].link == f"{SITE_URL}2018/nouveautes/#referentiel-ref-beta"
    assert "Retiré dans l'édition 2018." in removed.feed.subtitle
    merged = _feed(site, "flux/principe/pr-primaute.xml")
    assert "Remplacé par" in merged.entries[0].summary and "pr-conduite" in merged.entries[0].summary


# --- calendars ------------------------------------------------------------------------------------------------------


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_calendars_place_each_deadline_on_the_period_its_text_gives(site) -> None:  # noqa: ANN001
    events = _events(site.files["calendrier/edition.ics"])
    # the fixture's dated deadlines: the socle's (décembre 2099), ref-zorg's milestone (octobre 2098), evo-alpha-2
    # (fin 2099), the ARS objectives of svc-un (end 2016, end 2017) and of all services (end 2017)
    assert set(events) == {"Socle commun : mise en œuvre de la première version", "ZORG : version fictive 1.0",
                           "Évolution programmée — ZORG : Version fictive 2.0 du référentiel Alpha",
                           "Objectifs ARS à fin 2016 — Service fictif Un",
                           "Objectifs ARS à fin 2017 — Service fictif Un",
                           "Objectifs ARS à fin 2017 — Tous services fictifs"}
    month = events["ZORG : version fictive 1.0"]
    assert (str(month["dtstart"].dt), str(month["dtend"].dt), str(month["x-cadre-precision"])) == \
        ("2098-10-01", "2098-11-01", "mois")
    assert "« octobre 2098 »" in str(month["description"]) and "le mois entier" in str(month["description"])
    socle = events["Socle commun : mise en œuvre de la première version"]
    assert (str(socle["dtstart"].dt), str(socle["dtend"].dt)) == ("2099-12-01", "2100-01-01")
    assert "Mise en œuvre fictive de la première version du socle fictif (§9.9.2)" in str(socle["description"])
    end = events["Évolution programmée — ZORG : Version fictive 2.0 du référentiel Alpha"]
    assert (str(end["dtstart"].dt), str(end["dtend"].dt), str(end["x-cadre-precision"])) == \
        ("2099-12-31", "2100-01-01", "fin-annee")
    assert "31 décembre 2099" in str(end["description"])
    assert str(month["url"]) == f"{SITE_URL}2018/referentiels/ref-zorg/"
    # one per référentiel, linked from its page when it has deadlines
    own = _events(site.files["calendrier/referentiel/ref-zorg.ics"])
    assert set(own) == {"ZORG : version fictive 1.0",
                        "Évolution programmée — ZORG : Version fictive 2.0 du référentiel Alpha"}
    assert "[Échéances (agenda)](../calendrier/referentiel/ref-zorg.ics)" in site.files["referentiels/ref-zorg.md"]
    assert _events(site.files["calendrier/referentiel/ci-sis.ics"]) == {}
    assert "calendrier/" not in site.files["referentiels/ci-sis.md"]


_UIDS = """
import sys
from pathlib import Path
from cadre.cache import ContentCache
from cadre.site import SiteSettings, build_site, make_context
import icalendar
site = build_site(make_context(Path(sys.argv[1]), int(sys.argv[2]), SiteSettings("T", "", "", Path(sys.argv[3])),
                               ContentCache(None)))
for event in icalendar.Calendar.from_ical(site.files["calendrier/edition.ics"]).walk("VEVENT"):
    print(event["uid"], event["summary"])
"""


def test_calendar_uids_are_stable_between_builds_and_editions(chain: Path) -> None:
    def uids(year: int) -> list[str]:
        run = subprocess.run([sys.executable, "-c", _UIDS, str(chain), str(year), str(PROJECT)], capture_output=True,
                             text=True, check=True)
        return run.stdout.splitlines()

    first, again = uids(2018), uids(2018)
    assert first == again and len(first) == 6
    assert len({line.split()[0] for line in first}) == 6
    assert uids(2016) == first  # the same deadlines in another edition: the same events, updated not duplicated


# --- built by MkDocs, every edition, links across versions -------------------------------------------------------


@pytest.fixture(scope="module")
def versions(chain: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    root = tmp_path_factory.mktemp("versions")
    for year in (2016, 2017, 2018):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(chain), CADRE_EDITION=str(year),
                   CADRE_CACHE=str(root / ".cache"))
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / str(year))],
                               cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
        assert built.returncode == 0, built.stderr
    shutil.copytree(root / "2018", root / "latest")  # the alias of the edition in force, as publishing makes it
    shutil.rmtree(root / ".cache")
    return root


def test_every_link_across_the_editions_resolves(versions: Path) -> None:
    from cadre.publishing.linkcheck import check_site

    problems, _ = check_site(versions, ignore=("2016/404.html", "2017/404.html", "2018/404.html", "latest/"))
    assert [str(p) for p in problems] == []
    page = (versions / "2018" / "referentiels" / "ref-zorg" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../latest/flux/referentiel/ref-zorg.xml"' in page  # in <head> and « Suivre cette fiche »
    assert (versions / "latest" / "flux" / "referentiel" / "ref-alpha.xml").is_file()  # a renamed fiche's address


# --- word-level highlighting and dates, as units ------------------------------------------------------------------


def test_word_level_highlighting_escapes_the_words_and_keeps_short_values_whole() -> None:
    from cadre.site.wording import words_changed

    assert words_changed("disponible", "en-cours") is None  # short: « avant » → « après » reads better
    assert words_changed("un deux trois quatre cinq six sept huit neuf", "un  deux trois quatre cinq six sept huit\n"
                         "neuf") is None  # only the spacing changed
    marked = words_changed("Le texte <b>fictif</b> garde ses mots sauf un seul mot ici",
                           "Le texte <b>fictif</b> garde ses mots sauf un autre mot ici")
    assert marked == "« Le texte &lt;b&gt;fictif&lt;/b&gt; garde ses mots sauf un <del>seul</del> <ins>autre</ins> " \
                     "mot ici »"
    rewritten = words_changed("Fournir des statistiques d'usage pour l'ensemble des services du socle",
                              "Objectif révisé pour l'édition de test.")
    assert rewritten == "« <del>Fournir des statistiques d'usage pour l'ensemble des services du socle</del> " \
                        "<ins>Objectif révisé pour l'édition de test.</ins> »"  # rewritten through: whole


@pytest.mark.parametrize("texte, annee, expected", [
    ("6 janvier 1978", 1978, ("1978-01-06", "1978-01-06", "jour")),
    ("1er octobre 2015", 2015, ("2015-10-01", "2015-10-01", "jour")),
    ("au 11/12/2015", 2015, ("2015-12-11", "2015-12-11", "jour")),
    ("octobre 2014", 2014, ("2014-10-01", "2014-10-31", "mois")),
    ("février 2016", 2016, ("2016-02-01", "2016-02-29", "mois")),
    ("fin 2016", None, ("2016-12-31", "2016-12-31", "fin-annee")),
    ("échéance 2017", 2017, ("2017-01-01", "2017-12-31", "annee")),
    ("à partir de 2018", 2018, ("2018-01-01", "2018-12-31", "annee")),
    (None, 2010, ("2010-01-01", "2010-12-31", "annee")),
    ("A ce jour", None, None),
    ("Les 5 dernières années", None, None),
])
def test_a_date_as_written_names_a_period_never_an_invented_day(texte, annee, expected) -> None:  # noqa: ANN001
    from cadre.editions.echeances import periode

    found = periode(texte, annee)
    assert (None if found is None else (str(found.debut), str(found.fin), found.precision.value)) == expected
