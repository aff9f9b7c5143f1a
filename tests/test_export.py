"""Open data exports: every document validates against its published schema and round-trips to the entities."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from cadre.exports.opendata import api_files, api_schemas
from cadre.loading.knowledge import KnowledgeBase, load_knowledge_base
from cadre.model.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "validation" / "good"


@pytest.fixture(scope="module", params=["fixture", "2016"])
def kb(request: pytest.FixtureRequest) -> KnowledgeBase:
    return load_knowledge_base(FIXTURE if request.param == "fixture" else ROOT / "data", 2016)


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, str]:
    return dict(api_files(kb))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = api_schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_entity_document_validates_and_round_trips(kb: KnowledgeBase, files: dict[str, str]) -> None:
    for kind in KINDS:
        check = validator(f"{kind}.entite.schema.json")
        for entity in kb.all(kind):
            document = json.loads(files[f"api/v1/{kind}/{entity.id}.json"])
            check.validate(document)
            assert document["edition"] == kb.edition.annee
            assert KINDS[kind].model.model_validate(document["entite"]) == entity


def test_kind_documents_validate_and_list_every_entity(kb: KnowledgeBase, files: dict[str, str]) -> None:
    for kind in KINDS:
        document = json.loads(files[f"api/v1/{kind}.json"])
        validator(f"{kind}.schema.json").validate(document)
        assert [d["id"] for d in document["entites"]] == [e.id for e in kb.all(kind)]


def test_edition_document_validates(kb: KnowledgeBase, files: dict[str, str]) -> None:
    document = json.loads(files["api/v1/edition.json"])
    validator("edition.schema.json").validate(document)
    assert document["metadonnees"]["instruction"]["numero"] == kb.edition.instruction.numero


def test_csv_has_one_row_per_entity_with_its_edition(kb: KnowledgeBase, files: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(files["api/v1/referentiel.csv"].lstrip("\ufeff"), newline=""),
                               delimiter=";"))
    assert [r["id"] for r in rows] == [e.id for e in kb.all("referentiel")]
    assert {r["edition"] for r in rows} == {str(kb.edition.annee)}
    first = kb.all("referentiel")[0]
    assert rows[0]["nom"] == first.nom


def test_a_tampered_document_fails_its_schema(files: dict[str, str]) -> None:
    document = json.loads(files["api/v1/referentiel.json"])
    document["entites"][0]["entite"]["disponibilite"]["statut"] = "inventé"
    with pytest.raises(jsonschema.ValidationError):
        validator("referentiel.schema.json").validate(document)
