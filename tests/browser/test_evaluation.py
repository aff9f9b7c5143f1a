"""The self-assessment pages in Chromium, as a project team and an ARS use them: answer, reload, export, clear,
import, re-evaluate a file made on the earlier edition, print; nothing leaves the site; no axe violation.

The site is the published pair of the session (tests/conftest.py): the real 2016 edition and 2017 derived from it,
where one ARS objective is reworded (tests/editions_fixture.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from .checks import RequestLog, axe_violations, screenshot

pytestmark = pytest.mark.browser

DATA_2016 = Path(__file__).resolve().parents[2] / "data" / "editions" / "2016"


def principe(name: str) -> dict:
    return yaml.safe_load((DATA_2016 / "principes" / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def page(browser: Browser, site_url: str):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # « Effacer les réponses ? » and the like
    yield page
    context.close()


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    page.wait_for_selector("[data-outils]:not([hidden])")  # the script has started


def answer(page: Page, item: str, value: str) -> None:
    page.check(f"input[name='reponse-{item}'][value='{value}']")


def checked(page: Page, item: str) -> str | None:
    return page.evaluate("n => document.querySelector(`input[name='${n}']:checked`)?.value ?? null", f"reponse-{item}")


def summary_row(page: Page, heading: str) -> list[str]:
    return page.eval_on_selector_all(
        "[data-synthese] tbody tr", "(rows, h) => rows.filter(r => r.querySelector('th').textContent.includes(h))"
        ".flatMap(r => [...r.querySelectorAll('td')].map(td => td.textContent))", heading)


def test_answers_count_in_the_summary_and_survive_a_reload(page: Page, site_url: str) -> None:
    primaute = principe("primaute")  # 3 check-points
    first, second, third = (q["id"] for q in primaute["questions"])
    open_page(page, f"{site_url}/latest/auto-evaluation/")
    answer(page, first, "oui")
    answer(page, second, "non")
    page.fill(f"#commentaire-{second}", "Pas encore d'avis de la CNIL")
    #                                      oui  partiellement  non  non applicable  sans réponse
    assert summary_row(page, primaute["titre"]) == ["1", "0", "1", "0", "1"]
    blocking = page.eval_on_selector_all(".cadre-eval-bloquants a", "links => links.map(a => a.getAttribute('href'))")
    assert f"#item-{second}" in blocking and f"#item-{third}" in blocking and f"#item-{first}" not in blocking
    page.reload(wait_until="load")
    page.wait_for_selector("[data-outils]:not([hidden])")
    assert [checked(page, first), checked(page, second), checked(page, third)] == ["oui", "non", None]
    assert page.input_value(f"#commentaire-{second}") == "Pas encore d'avis de la CNIL"
    assert summary_row(page, primaute["titre"]) == ["1", "0", "1", "0", "1"]


def test_export_clear_and_import_restore_a_project(page: Page, site_url: str, tmp_path: Path) -> None:
    item = principe("securite")["questions"][0]["id"]
    open_page(page, f"{site_url}/latest/auto-evaluation/")
    page.fill("#eval-nom", "Télé-expertise Nord")
    page.click("button[data-action=creer]")
    answer(page, item, "partiellement")
    page.fill(f"#preuve-{item}", "https://intranet.example/pssi.pdf")
    page.check("input[name='concerne-ci-sis'][value='oui']")
    page.check("input[name='conformite-ci-sis'][value='en-cours']")
    page.check("input[name=service][value='dmp']")
    with page.expect_download() as download:
        page.click("button[data-action=exporter-json]")
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == "auto-evaluation-tele-expertise-nord-2017.json"
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document.pop("date")  # today's date
    assert document == {"format": "cadre-evaluation", "version": 1, "type": "projet", "edition": 2017,
                        "nom": "Télé-expertise Nord",
                        "reponses": {item: {"reponse": "partiellement", "preuve": "https://intranet.example/pssi.pdf"}},
                        "referentiels": {"ci-sis": {"concerne": "oui", "conformite": "en-cours"}},
                        "services": ["dmp"]}

    with page.expect_download() as csv_download:
        page.click("button[data-action=exporter-csv]")
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == '"edition","type","nom","groupe","item","texte","reponse","date","commentaire","preuve"'
    assert any(line.startswith(f'"2017","projet","Télé-expertise Nord","securite","{item}","') and
               line.endswith('","Partiellement","","","https://intranet.example/pssi.pdf"') for line in lines)

    page.click("button[data-action=effacer]")
    assert checked(page, item) is None and not page.is_checked("input[name=service][value='dmp']")
    page.set_input_files("#eval-import", str(exported))
    page.wait_for_selector("#eval-message:has-text('importé')")
    assert checked(page, item) == "partiellement"
    assert page.input_value(f"#preuve-{item}") == "https://intranet.example/pssi.pdf"
    assert page.is_checked("input[name='conformite-ci-sis'][value='en-cours']")
    assert page.is_checked("input[name=service][value='dmp']")
    assert page.input_value("#eval-dossier") == "Télé-expertise Nord"


def test_a_file_of_the_earlier_edition_is_re_evaluated(page: Page, site_url: str, publication, tmp_path: Path) -> None:
    """An ARS report made on 2016, imported on 2017 where one objective was reworded."""
    edit = next(e for e in publication.edits if e.kind == "objectif")
    rows = yaml.safe_load((DATA_2016 / "objectifs-ars.yaml").read_text(encoding="utf-8"))
    reworded = next(r for r in rows if r["id"] == edit.id)["fin_2017"][0]
    kept = next(r for r in rows if r["id"] == "dmp")["fin_2016"][0]["id"]
    open_page(page, f"{site_url}/2016/reporting-ars/")
    answer(page, reworded["id"], "en-cours")
    answer(page, kept, "atteint")
    page.fill(f"#date-{kept}", "2016-12-31")
    with page.expect_download() as download:
        page.click("button[data-action=exporter-json]")
    exported = tmp_path / "rapport-2016.json"
    download.value.save_as(exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["reponses"]["objectif-disparu"] = {"reponse": "atteint"}  # an id the 2017 edition does not know
    exported.write_text(json.dumps(document), encoding="utf-8")

    log = RequestLog(page, site_url)
    open_page(page, f"{site_url}/2017/reporting-ars/")
    page.set_input_files("#eval-import", str(exported))
    page.wait_for_selector("#eval-reevaluation:not([hidden])")
    assert checked(page, kept) == "atteint" and page.input_value(f"#date-{kept}") == "2016-12-31"
    assert checked(page, reworded["id"]) == "en-cours"
    flagged = page.locator(f"#item-{reworded['id']}")
    assert "cadre-eval-reformule" in flagged.get_attribute("class")
    old_text = " ".join(reworded["texte"].split())
    assert flagged.locator(".cadre-eval-ancien q").text_content() == old_text
    report = page.locator("#eval-reevaluation")
    assert report.locator("h3").all_text_contents() == [
        "Items reformulés : réponse conservée, à revoir (1)",
        "Items retirés de cette édition : réponse non reprise (1)"]
    assert report.locator("li").all_text_contents() == [
        f"{reworded['id']} ancien texte : {old_text} nouveau texte : Objectif révisé pour l'édition de test.",
        "objectif-disparu "]
    assert log.foreign() == []
    assert [u.removeprefix(site_url) for u in log.urls if "/evaluation/items-" in u] == [
        "/2017/api/v1/evaluation/items-2016.json", "/2017/api/v1/evaluation/items-2017.json"]
    # answering the reworded item again clears its flag
    answer(page, reworded["id"], "atteint")
    assert "cadre-eval-reformule" not in flagged.get_attribute("class")


def test_a_later_or_foreign_file_is_refused_with_a_french_message(page: Page, site_url: str, tmp_path: Path) -> None:
    later = tmp_path / "futur.json"
    later.write_text(json.dumps({"format": "cadre-evaluation", "version": 1, "type": "projet", "edition": 2017,
                                 "nom": "P", "date": "2017-01-01", "reponses": {}}), encoding="utf-8")
    open_page(page, f"{site_url}/2016/auto-evaluation/")
    page.set_input_files("#eval-import", str(later))
    expect(page.locator("#eval-message")).to_have_text(
        "futur.json : fichier de l'édition 2017, postérieure à cette édition (2016) : importez-le sur le site de "
        "l'édition 2017.")
    broken = tmp_path / "casse.json"
    broken.write_text("{ pas du json", encoding="utf-8")
    page.set_input_files("#eval-import", str(broken))
    expect(page.locator("#eval-message")).to_have_text("casse.json : ce n'est pas un fichier JSON valide.")


@pytest.mark.parametrize("width", [1280, 390])
def test_both_pages_are_accessible_and_private(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    log = RequestLog(page, site_url)
    failures = {}
    for path, item, value in [("auto-evaluation/", principe("primaute")["questions"][0]["id"], "non"),
                              ("reporting-ars/", "dmp-2016-1", "atteint")]:
        open_page(page, f"{site_url}/latest/{path}")
        answer(page, item, value)  # the summary filled in
        failures[path] = axe_violations(page)
        screenshot(page, f"evaluation-{path.strip('/')}-{width}")
    context.close()
    assert failures == {"auto-evaluation/": [], "reporting-ars/": []}
    assert log.foreign() == []


def test_without_javascript_the_page_prints_as_a_blank_checklist(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/latest/auto-evaluation/", wait_until="load")
    page.emulate_media(media="print")
    assert not page.is_visible("[data-outils]") and not page.is_visible("#synthese")
    assert page.text_content("[data-entete]").startswith("Projet : ______")
    assert page.is_visible("[data-entete]")
    questions = sum(len(principe(p.stem)["questions"]) for p in (DATA_2016 / "principes").glob("*.yaml"))
    assert page.locator("[data-item]").count() == questions
    assert page.locator("input[type=radio]:checked").count() == 0
    context.close()


def test_the_printed_report_starts_with_the_summary(page: Page, site_url: str) -> None:
    open_page(page, f"{site_url}/latest/auto-evaluation/")
    answer(page, principe("primaute")["questions"][0]["id"], "oui")
    page.emulate_media(media="print")
    assert page.is_visible("#synthese") and not page.is_visible("[data-outils]")
    assert page.text_content("[data-entete]").startswith("Projet : Mon projet · Édition 2017 · ")
    synthese, first_item = page.locator("#synthese").bounding_box(), page.locator("[data-item]").first.bounding_box()
    assert synthese["y"] < first_item["y"]
    assert page.evaluate("getComputedStyle(document.getElementById('synthese')).breakAfter") == "page"
    assert len(page.pdf(format="A4")) > 10_000


def test_keyboard_alone_answers_and_names_a_project(page: Page, site_url: str) -> None:
    first = principe("primaute")["questions"][0]["id"]
    open_page(page, f"{site_url}/latest/auto-evaluation/")
    page.focus("#eval-nom")
    page.keyboard.type("Projet clavier")
    page.keyboard.press("Tab")  # to « Créer »
    page.keyboard.press("Enter")
    expect(page.locator("#eval-message")).to_have_text("« Projet clavier » créé.")
    page.focus(f"input[name='reponse-{first}'][value='oui']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # oui → partiellement → non
    page.keyboard.press("Tab")  # the comment
    page.keyboard.type("Vu en comité")
    assert checked(page, first) == "non"
    assert page.evaluate("document.activeElement.id") == f"commentaire-{first}"
    stored = json.loads(page.evaluate("localStorage.getItem('cadre-evaluation:2017:projet')"))
    assert stored["courant"] == "Projet clavier"
    assert stored["dossiers"]["Projet clavier"]["reponses"][first] == {"reponse": "non", "commentaire": "Vu en comité"}


def test_several_projects_by_name_in_one_browser(page: Page, site_url: str) -> None:
    first = principe("primaute")["questions"][0]["id"]
    open_page(page, f"{site_url}/latest/auto-evaluation/")
    for name, value in [("Projet A", "oui"), ("Projet B", "non")]:
        page.fill("#eval-nom", name)
        page.click("button[data-action=creer]")
        answer(page, first, value)
    page.select_option("#eval-dossier", "Projet A")
    assert checked(page, first) == "oui"
    page.reload(wait_until="load")
    page.wait_for_selector("[data-outils]:not([hidden])")
    assert page.eval_on_selector_all("#eval-dossier option", "o => o.map(e => e.textContent)") == [
        "Mon projet", "Projet A", "Projet B"]
    assert page.input_value("#eval-dossier") == "Projet A" and checked(page, first) == "oui"
    page.select_option("#eval-dossier", "Projet B")
    assert checked(page, first) == "non"
    assert page.text_content("[data-synthese] .cadre-eval-nom") == "Projet : Projet B · édition 2017"
    page.click("button[data-action=supprimer]")  # the confirmation is accepted
    assert page.eval_on_selector_all("#eval-dossier option", "o => o.map(e => e.textContent)") == [
        "Mon projet", "Projet A"]
