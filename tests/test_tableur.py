"""The CSV files for spreadsheets: flat named columns, « ; » everywhere, BOM, never a formula.

Read as a spreadsheet user's tool would read them (the csv module with « ; »), never through the code that
wrote them; expected columns and values are written out here from the data files, not derived from the models.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cadre.exports.opendata import api_files
from cadre.exports.tableur import cell
from cadre.loading.knowledge import load_knowledge_base
from cadre.model.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return dict(api_files(load_knowledge_base(ROOT / "data", 2016)))


def rows(files: dict[str, str], kind: str) -> tuple[list[str], list[dict[str, str]]]:
    text = files[f"api/v1/{kind}.csv"]
    assert text.startswith("\ufeff"), "BOM absent : Excel lirait le fichier en Windows-1252"
    reader = csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";")
    found = list(reader)
    return list(reader.fieldnames or []), found


def test_the_referentiels_have_one_named_column_per_field(files: dict[str, str]) -> None:
    header, found = rows(files, "referentiel")
    assert header == [
        "edition", "id", "section", "notes_editoriales.type", "notes_editoriales.texte", "remplace", "nom",
        "sigle",
        "categorie", "ordre", "objectifs", "contenu", "disponibilite.statut", "disponibilite.texte",
        "disponibilite.jalons.date", "disponibilite.jalons.annee", "disponibilite.jalons.libelle",
        "destinataires.acteurs", "destinataires.texte", "liens.titre", "liens.url", "listes.id", "listes.titre",
        "listes.elements", "permalien"]
    assert len(found) == 14
    ins = next(r for r in found if r["id"] == "ins")
    assert ins["sigle"] == "INS" and ins["categorie"] == "identification-patients"
    assert ins["disponibilite.statut"] == "partiellement-disponible"
    assert ins["permalien"] == "referentiels/ins/"


def test_a_list_of_objects_keeps_its_values_in_step(files: dict[str, str]) -> None:
    _, found = rows(files, "referentiel")
    for row in found:
        titles, urls = row["liens.titre"], row["liens.url"]
        assert (titles == "") == (urls == ""), row["id"]
        assert all(u.startswith("http") for u in urls.split(" ; ") if urls), row["id"]
        assert len(urls.split(" ; ")) <= len(titles.split(" ; ")), row["id"]  # a title may hold « ; » itself


def test_the_telemedicine_steps_join_inner_lists_with_a_bar(files: dict[str, str]) -> None:
    _, found = rows(files, "etape")
    preparation = next(r for r in found if r["id"] == "preparation")
    assert preparation["sous_etapes.lettre"] == "a ; b ; c"
    assert preparation["numero"] == "2"


def test_booleans_read_oui_or_non(files: dict[str, str]) -> None:
    _, found = rows(files, "famille")
    assert {r["perimetre_initial"] for r in found} <= {"oui", "non"}
    assert "oui" in {r["perimetre_initial"] for r in found}


def test_no_cell_holds_json_and_every_file_opens_with_the_same_columns_on_each_row(files: dict[str, str]) -> None:
    for kind in KINDS:
        header, found = rows(files, kind)
        assert header[0] == "edition" and header[-1] == "permalien"
        for row in found:
            assert None not in row and None not in row.values(), (kind, row.get("id"))  # no ragged row
            assert not any(v.startswith(("{", "[")) for v in row.values()), (kind, row["id"])


def test_a_cell_is_never_a_formula_even_inside_a_list_of_objects() -> None:
    document = {"liens": [{"titre": "=HYPERLINK(\"http://x.invalid\")", "url": "https://a"},
                          {"titre": "B", "url": "https://b"}],
                "listes": [{"elements": ["-1+1", "x"]}, {"elements": ["y"]}],
                "ordre": 3, "notes": None}
    assert cell(document, ("liens", "titre")) == "'=HYPERLINK(\"http://x.invalid\") ; B"
    assert cell(document, ("liens", "url")) == "https://a ; https://b"
    assert cell(document, ("listes", "elements")) == "'-1+1 | x ; y"
    assert cell(document, ("ordre",)) == "3"
    assert cell(document, ("notes",)) == ""


def test_a_missing_value_in_a_list_of_objects_keeps_its_place() -> None:
    document = {"jalons": [{"date": "octobre 2015", "libelle": "A"}, {"date": None, "libelle": "B"},
                           {"date": "2017", "libelle": "C"}]}
    assert cell(document, ("jalons", "date")) == "octobre 2015 ;  ; 2017"
