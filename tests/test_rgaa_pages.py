"""The pages the law asks of a public site: the accessibility statement in its official structure, with only
measured figures; « Mentions légales » from configuration, « À compléter » and a build notice until then; a
site map that reaches every page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_site import Site

from cadre.publishing.publish import PublishError, publish
from cadre.site.mentions import FIELDS, macros, measures_text, notice, read_mentions

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "site" / "data"

STATEMENT_SECTIONS = [  # the official structure of a déclaration d'accessibilité, in order
    "État de conformité", "Résultats des tests", "Contenus non accessibles", "Non-conformités",
    "Dérogations pour charge disproportionnée", "Contenus non soumis à l'obligation d'accessibilité",
    "Établissement de cette déclaration d'accessibilité", "Technologies utilisées pour la réalisation du site",
    "Environnement de test", "Outils pour évaluer l'accessibilité",
    "Pages du site ayant fait l'objet de la vérification de conformité", "Retour d'information et contact",
    "Voies de recours",
]


@pytest.fixture(scope="module")
def site(fixture_site_build) -> Site:
    result, out = fixture_site_build
    assert result.returncode == 0, result.stderr
    return Site(out)


def headings(site: Site, url: str) -> list[str]:
    return [" ".join(e.text.replace("¶", "").split()) for e in site.page(url).elements if e.tag in ("h2", "h3")]


def test_the_statement_follows_the_official_structure(site: Site) -> None:
    found = headings(site, "accessibilite/")
    assert [h for h in found if h in STATEMENT_SECTIONS] == STATEMENT_SECTIONS, found
    text = site.page("accessibilite/").article_text
    assert "non conforme" in text and "aucun taux de conformité" in text
    assert "%" not in text  # no conformity rate: nothing measured one


def test_the_statement_shows_the_recorded_measures_or_says_there_are_none(site: Site) -> None:
    text = site.page("accessibilite/").article_text
    recorded = ROOT / "docs/assets/accessibilite/mesures.json"
    if recorded.is_file():
        figures = json.loads(recorded.read_text(encoding="utf-8"))
        year, _, day = map(int, figures["date"].split("-"))
        assert f"Tests automatiques du {day if day > 1 else '1er'} " in text
        assert f" {year}, avec axe-core {figures['axe']}" in text
        for page in next(iter(figures["editions"].values()))["pages"]:
            assert f"/{page}" in text
    else:
        assert "Aucun résultat de test n'est enregistré" in text


def test_measures_are_shown_as_recorded_and_never_invented() -> None:
    assert "aucun chiffre" in measures_text(None)
    figures = {"date": "2026-12-02", "axe": "4.10.2", "navigateur": "Chromium 131", "niveaux": ["WCAG 2.1 A"],
               "editions": {"2016": {"pages": ["", "glossaire/"], "violations": 0, "reussies": 31,
                                     "sans_objet": 40, "a_verifier": 2}}}
    shown = measures_text(figures)
    assert "| 2016 | 2 | 0 | 31 | 40 | 2 |" in shown
    assert "axe-core 4.10.2" in shown and "Chromium 131" in shown and "du 2 décembre 2026" in shown


def test_legal_notice_shows_a_to_complete_mark_for_each_unset_field(site: Site) -> None:
    page = site.page("mentions-legales/")
    assert page.article_text.count("À compléter") >= len(FIELDS)
    assert "Éditeur du site" in page.article_text and "Hébergeur" in page.article_text


def test_an_unset_legal_notice_is_said_by_the_build_without_failing_it(fixture_site_build) -> None:
    result, _ = fixture_site_build
    assert result.returncode == 0  # a strict build: the notice is not a warning
    line = next(line for line in result.stderr.splitlines() if "Mentions légales" in line)
    assert line.startswith("INFO") and "extra.mentions_legales" in line and "editeur" in line


def test_configured_fields_replace_the_mark_and_stay_text() -> None:
    mentions = read_mentions({"editeur": "Ministère <b>fictif</b>", "hebergeur": "Hébergeur *fictif*",
                              "inconnu": "x", "contact": "  "})
    said = notice(mentions)
    assert said is not None
    missing, unknown = said.split(" ; ")
    assert missing.endswith(": adresse, directeur_publication, contact, hebergeur_adresse, hebergeur_telephone, "
                            "licence"), missing
    assert unknown.startswith("clé(s) inconnue(s) ignorée(s) : inconnu"), unknown
    table = macros(mentions, ROOT)["tableau_mentions"]("mentions-legales.md")
    assert "<b>" not in table and "&lt;b&gt;" in table  # configured text goes through the safe path
    assert "<em>fictif</em>" in table
    assert table.count("À compléter") == len(FIELDS) - 2  # contact is blank: still to complete
    complete = read_mentions({key: "x" for key in FIELDS})
    assert notice(complete) is None


def test_the_site_map_links_every_page_of_the_site(site: Site) -> None:
    pages = [url for url in site.all_urls() if url not in ("404/",) and not url.startswith("pagefind")]
    targets = {"" if target == "." else target for target, _ in site.targets("plan-du-site/")}  # « ../ »: home
    missing = [url for url in pages if url not in targets and url != "plan-du-site/"]
    assert missing == [], missing
    assert len(pages) > 40


def test_every_page_footer_links_the_legal_pages(site: Site) -> None:
    for url in ("", "referentiels/", "glossaire/"):
        html = (site.root / url / "index.html").read_text(encoding="utf-8")
        footer = html[html.index('class="md-copyright"'):]
        assert "Accessibilité : non conforme" in footer  # the status, on the home page and everywhere
        assert "mentions-legales/" in footer and "plan-du-site/" in footer


def test_publishing_says_the_legal_notice_is_incomplete(tmp_path: Path) -> None:
    # a project with the real mkdocs.yml (mentions unset) and an uncommitted file: `publish` says what is
    # missing, then refuses the dirty tree before building anything
    project = tmp_path / "projet"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("overrides", "docs", "macros"):  # what loading mkdocs.yml checks
        shutil.copytree(ROOT / folder, project / folder)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "vide"], cwd=project, check=True)
    said: list[str] = []
    with pytest.raises(PublishError, match="diffère du dernier commit"):
        publish(project, FIXTURE_DATA, 2099, local_ok=True, log=said.append)
    assert any(line.startswith("Attention : Mentions légales à compléter") and "À compléter" in line
               for line in said), said
