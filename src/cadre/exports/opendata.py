"""Open data of an edition: JSON documents (whole edition, per kind, per entity), CSV per kind, JSON Schema.

Every document carries the edition it belongs to, so a file downloaded alone still says which edition it is.
Plain Python over the knowledge base: the site hook only writes what these functions return.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from cadre.editions.diff import EditionDiff
from cadre.editions.report import comparison_schema, diff_json
from cadre.exports import tableur
from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.schema import SCHEMA_URL, edition_schema
from cadre.model import Entity
from cadre.model.kinds import KINDS, Layout
from cadre.text import csv_cell, json_text

API_VERSION = "v1"
API_ROOT = f"api/{API_VERSION}"  # under the site root of each edition


def entity_document(kb: KnowledgeBase, kind: str, entity: Entity) -> dict[str, Any]:
    return {
        "edition": kb.edition.annee,
        "type": kind,
        "id": entity.id,
        "permalien": kb.url(kind, entity.id),
        "entite": entity.model_dump(mode="json"),
    }


def kind_document(kb: KnowledgeBase, kind: str) -> dict[str, Any]:
    return {
        "edition": kb.edition.annee,
        "type": kind,
        "libelle": KINDS[kind].pluriel,
        "nombre": len(kb.entities[kind]),
        "entites": [entity_document(kb, kind, e) for e in kb.all(kind)],
    }


def edition_document(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "edition": kb.edition.annee,
        "metadonnees": kb.edition.model_dump(mode="json"),
        "types": {kind: kind_document(kb, kind) for kind in KINDS},
    }


def api_files(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(path under the site root, content) of every open-data file of the edition."""
    yield f"{API_ROOT}/edition.json", _json(edition_document(kb))
    for kind in KINDS:
        yield kind_json_path(kind), _json(kind_document(kb, kind))
        yield kind_csv_path(kind), kind_csv(kb, kind)
        for entity in kb.all(kind):
            yield entity_json_path(kind, entity.id), _json(entity_document(kb, kind, entity))
    for name, schema in api_schemas().items():
        yield schema_path(name), _json(schema)


def kind_json_path(kind: str) -> str:
    return f"{API_ROOT}/{kind}.json"


def kind_csv_path(kind: str) -> str:
    return f"{API_ROOT}/{kind}.csv"


def entity_json_path(kind: str, entity_id: str) -> str:
    return f"{API_ROOT}/{kind}/{entity_id}.json"


def schema_path(name: str) -> str:
    return f"{API_ROOT}/schemas/{name}"


def comparison_path(ancienne: int, nouvelle: int) -> str:
    """The comparison of two editions, published by the site of the newer one."""
    return f"{API_ROOT}/comparaisons/{ancienne}-{nouvelle}.json"


def comparison_files(diffs: list[EditionDiff]) -> Iterator[tuple[str, str]]:
    """The edition compared with each earlier one, exactly what `cadre diff A B --format json` prints."""
    for diff in diffs:
        yield comparison_path(diff.ancienne, diff.nouvelle), _json(diff_json(diff))


def _json(value: Any) -> str:
    return json_text(value) + "\n"


# --- CSV ------------------------------------------------------------------------------------------------------


def kind_csv(kb: KnowledgeBase, kind: str) -> str:
    """One row per entity, one flat column per field, for a French spreadsheet (conventions: `tableur`)."""
    fields = tableur.columns(KINDS[kind].model)
    header = ["edition", *map(tableur.column_name, fields), "permalien"]
    rows = [[str(kb.edition.annee), *(tableur.cell(entity.model_dump(mode="json"), f) for f in fields),
             csv_cell(kb.url(kind, entity.id))] for entity in kb.all(kind)]
    return tableur.table(header, rows)


# --- schemas ----------------------------------------------------------------------------------------------------


@cache
def api_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each API document, generated from the same models as the data files' schemas."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind in KINDS.values():
        entity = kind.model.model_json_schema(ref_template="#/$defs/{model}")
        defs = entity.pop("$defs", {})
        schemas[f"{kind.name}.entite.schema.json"] = _envelope(kind.name, entity, defs)
        schemas[f"{kind.name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_URL}api/{kind.name}.schema.json",
            "title": f"API {API_VERSION} : {kind.pluriel}",
            "type": "object",
            "required": ["edition", "type", "libelle", "nombre", "entites"],
            "additionalProperties": False,
            "properties": {
                "edition": {"type": "integer"},
                "type": {"const": kind.name},
                "libelle": {"type": "string"},
                "nombre": {"type": "integer", "minimum": 0},
                "entites": {"type": "array", "items": {"$ref": "#/$defs/DocumentApi"}},
            },
            "$defs": {**defs, "DocumentApi": _document_schema(kind.name, entity)},  # no clash with model names
        }
    schemas["edition.schema.json"] = _edition_envelope()
    schemas["comparaison.schema.json"] = _comparison_envelope()
    return schemas


def _document_schema(kind: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["edition", "type", "id", "permalien", "entite"],
        "additionalProperties": False,
        "properties": {
            "edition": {"type": "integer"},
            "type": {"const": kind},
            "id": {"type": "string"},
            "permalien": {"type": "string"},
            "entite": entity,
        },
    }


def _envelope(kind: str, entity: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_URL}api/{kind}.entite.schema.json",
        "title": f"API {API_VERSION} : {KINDS[kind].singulier}",
        **_document_schema(kind, entity),
    }
    if defs:
        schema["$defs"] = defs
    return schema


def _edition_envelope() -> dict[str, Any]:
    metadata = edition_schema()
    defs = metadata.pop("$defs", {})
    for key in ("$schema", "$id", "title"):
        metadata.pop(key, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_URL}api/edition.schema.json",
        "title": f"API {API_VERSION} : l'édition entière",
        "type": "object",
        "required": ["edition", "metadonnees", "types"],
        "additionalProperties": False,
        "properties": {
            "edition": {"type": "integer"},
            "metadonnees": metadata,
            "types": {"type": "object", "propertyNames": {"enum": list(KINDS)},
                      "additionalProperties": {"type": "object"}},
        },
        "$defs": defs,
    }


def _comparison_envelope() -> dict[str, Any]:
    schema = comparison_schema()
    defs = schema.pop("$defs", {})
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_URL}api/comparaison.schema.json",
        "title": f"API {API_VERSION} : comparaison de deux éditions",
        **schema,
        "$defs": defs,
    }


# --- where each entity comes from (« Proposer une modification ») ----------------------------------------------


def data_file_reference(kb: KnowledgeBase, kind: str, entity_id: str, project_dir: Path) -> str:
    """The entity's data file relative to the repository root, with `#L<line>` when the file lists several.

    e.g. « data/editions/2016/referentiels/ci-sis.yaml » or « data/editions/2016/programmes.yaml#L56 »: the
    tail of a forge URL (…/blob/main/) pointing at what a contributor must edit.
    """
    source = kb.source_files[(kind, entity_id)].resolve()
    try:
        path = source.relative_to(project_dir.resolve())
    except ValueError:  # a data folder outside the repository (CADRE_DATA): keep from the edition folder up
        path = source.relative_to(kb.root.resolve().parents[2])
    if KINDS[kind].layout is Layout.LIST:
        return f"{path.as_posix()}#L{kb.source_lines[(kind, entity_id)]}"
    return path.as_posix()
