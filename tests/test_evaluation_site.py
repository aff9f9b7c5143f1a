"""The self-assessment pages and files of the fixture edition 2099, as built (`mkdocs build --strict`).

Expected values come from the fixture's YAML files (tests/fixtures/site), never from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import cssselect2
import pytest
import tinyhtml5
import yaml

from cadre.evaluation.fichier import evaluation_schema

FIXTURE = Path(__file__).parent / "fixtures" / "site" / "data" / "editions" / "2099"


def read(name: str):
    return yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(fixture_site_build) -> Path:
    result, out = fixture_site_build
    assert result.returncode == 0, result.stderr
    return out


class Node:
    """An element of a built page, queried with CSS selectors (WeasyPrint's own HTML and CSS parsers)."""

    def __init__(self, wrapper: cssselect2.ElementWrapper) -> None:
        self.wrapper = wrapper
        self.element = wrapper.etree_element

    def select(self, selector: str) -> list[Node]:
        return [Node(w) for w in self.wrapper.query_all(selector)]

    def select_one(self, selector: str) -> Node:
        return self.select(selector)[0]

    def __getitem__(self, name: str) -> str:
        return self.element.attrib[name]

    def has_attr(self, name: str) -> bool:
        return name in self.element.attrib

    def text(self) -> str:
        return " ".join("".join(self.element.itertext()).split())

    @property
    def parent(self) -> Node:
        return Node(self.wrapper.parent)


def soup(built: Path, path: str) -> Node:
    tree = tinyhtml5.parse((built / path / "index.html").read_text(encoding="utf-8"), namespace_html_elements=False)
    return Node(cssselect2.ElementWrapper.from_html_root(tree))


def test_project_page_has_every_check_point_as_labelled_radios_grouped_by_principle(built: Path) -> None:
    page = soup(built, "auto-evaluation")
    root = page.select_one("[data-evaluation]")
    assert (root["data-evaluation"], root["data-edition"], root["data-items"]) == (
        "projet", "2099", "../api/v1/evaluation/")
    principes = sorted((read(f"principes/{p.name}") for p in (FIXTURE / "principes").iterdir()),
                       key=lambda p: p["numero"])
    groups = root.select("fieldset[data-groupe]")
    assert [g["data-groupe"] for g in groups] == [p["id"] for p in principes]
    for group, principe in zip(groups, principes, strict=True):
        assert group.select_one("legend").text() == f"{principe['numero']}. {principe['titre']}"
        assert [i["data-item"] for i in group.select("[data-item]")] == [q["id"] for q in principe["questions"]]
    for question in principes[0]["questions"]:
        radios = root.select(f"input[type=radio][name=reponse-{question['id']}]")
        assert [(r["value"], r.parent.text()) for r in radios] == [
            ("oui", "Oui"), ("partiellement", "Partiellement"), ("non", "Non"), ("non-applicable", "Non applicable")]
        text = page.select_one(f"#texte-{question['id']}").text()
        assert question["texte"] in text
        assert page.select_one(f"label[for=commentaire-{question['id']}]").text() == "Commentaire"
        assert page.select_one(f"label[for=preuve-{question['id']}]").text() == "Lien vers une preuve"
    # référentiels with their status and fiche, socle services as checkboxes
    alpha = read("referentiels/ref-alpha.yaml")
    block = root.select_one("[data-referentiel=ref-alpha]")
    fiche = block.select_one("a")
    assert fiche["href"] == "../referentiels/ref-alpha/" and alpha["nom"] in fiche.text()
    assert block.select_one(".cadre-badge").text() == "Disponible"
    assert [r["value"] for r in block.select("input[type=radio]")] == [
        "oui", "non", "conforme", "en-cours", "non-conforme"]
    assert [b["value"] for b in root.select("input[name=service]")] == ["svc-un", "svc-deux"]
    # the tools and the summary wait for the script; the page says nothing is sent
    assert root.select_one("[data-outils]").has_attr("hidden") and root.select_one("#synthese").has_attr("hidden")
    assert "rien n'est envoyé nulle part" in page.select_one(".cadre-eval-note").text()
    # no form around the answers: nothing can be submitted, even without JavaScript
    assert not root.select("form") and not page.select("form [data-evaluation]")


def test_ars_page_has_one_entry_per_objective_and_deadline(built: Path) -> None:
    root = soup(built, "reporting-ars").select_one("[data-evaluation]")
    assert root["data-evaluation"] == "ars"
    expected = [c["id"] for row in read("objectifs-ars.yaml") for key in ("fin_2016", "fin_2017")
                for c in row.get(key, [])]
    assert [i["data-item"] for i in root.select("[data-item]")] == expected
    item = root.select_one("[data-item=obj-svc-un-2016-1]")
    assert [r["value"] for r in item.select("input[type=radio]")] == ["atteint", "en-cours", "non-engage",
                                                                      "sans-objet"]
    assert item.select_one("input[type=date]")["id"] == "date-obj-svc-un-2016-1"
    assert [p.text() for p in root.select("#obj-svc-un .cadre-eval-echeance")] == [
        "Objectifs à fin 2016", "Objectifs à fin 2017"]


def test_items_of_the_edition_and_the_schema_are_published(built: Path) -> None:
    items = json.loads((built / "api/v1/evaluation/items-2099.json").read_text(encoding="utf-8"))
    assert items["edition"] == 2099
    assert items["projet"][0] == {"id": "pr-primaute-1", "groupe": "pr-primaute",
                                  "groupe_libelle": "Principe 1 : Primauté fictive",
                                  "texte": "Le projet fictif respecte-t-il le ZORG ?"}
    assert items["ars"][-1] == {"id": "obj-tous-2017-1", "groupe": "obj-tous",
                                "groupe_libelle": "Tous services fictifs", "texte": "Objectif transversal fictif",
                                "echeance": "fin_2017"}
    referentiels = sorted((read(f"referentiels/{p.name}") for p in (FIXTURE / "referentiels").iterdir()),
                          key=lambda r: r["ordre"])
    assert [r["id"] for r in items["referentiels"]] == [r["id"] for r in referentiels]
    schema = json.loads((built / "api/v1/schemas/evaluation.schema.json").read_text(encoding="utf-8"))
    assert schema == evaluation_schema() and schema["properties"]["version"] == {
        "const": 1, "description": "Version du format ; change si le format change"}
    assert "evaluation.js" in (built / "auto-evaluation/index.html").read_text(encoding="utf-8")
