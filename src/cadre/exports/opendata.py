"""Open data of an edition: JSON documents (whole edition, per kind, per entity), CSV per kind, JSON Schema.

Every document carries the edition it belongs to, so a file downloaded alone still says which edition it is.
Plain Python over the knowledge base: the site hook only writes what these functions return.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.schema import SCHEMA_URL, edition_schema
from cadre.model import Entity
from cadre.model.kinds import KINDS, Layout

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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------------------------------

LIST_SEPARATOR = " | "


def kind_csv(kb: KnowledgeBase, kind: str) -> str:
    """One row per entity; lists of texts joined by « | », nested objects as JSON; UTF-8 with BOM for Excel."""
    columns = ["edition", *KINDS[kind].model.model_fields, "permalien"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entity in kb.all(kind):
        row = {name: _cell(value) for name, value in entity.model_dump(mode="json").items()}
        writer.writerow({"edition": kb.edition.annee, **row, "permalien": kb.url(kind, entity.id)})
    return "\ufeff" + out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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


# --- the « Données ouvertes » page: the parts that come from the edition itself --------------------------------


def files_table_markdown(kb: KnowledgeBase, base: str = "") -> str:
    """A Markdown table of every kind with its count and files; `base` leads from the page to the site root."""
    lines = ["| Type | Identifiant | Entités | Fichiers | Exemple d'entité |", "|---|---|---:|---|---|"]
    for kind in KINDS.values():
        entities = kb.all(kind.name)
        example = f"[`{entities[0].id}`]({base}{entity_json_path(kind.name, entities[0].id)})" if entities else "—"
        files = (f"[JSON]({base}{kind_json_path(kind.name)}) · [CSV]({base}{kind_csv_path(kind.name)}) · "
                 f"[schéma]({base}{schema_path(kind.name + '.schema.json')})")
        label = kind.pluriel[:1].upper() + kind.pluriel[1:]
        lines.append(f"| {label} | `{kind.name}` | {len(entities)} | {files} | {example} |")
    return "\n".join(lines)


def excerpt_markdown(path: str, content: str, size: int | None = None) -> str:
    """A real published file, abridged so that its shape shows at a glance, as a fenced code block.

    JSON: long texts cut, lists reduced to their first element, containers deeper than `size` levels (when
    given) shown as « … »; CSV: the header and the first `size` rows (3 by default), long cells cut.
    """
    if path.endswith(".csv"):
        return "```text\n" + _abridged_csv(content, size or 3) + "```"
    return "```json\n" + _json(_abridged(json.loads(content), size or 99)) + "```"


EXCERPT_TEXT = 110  # characters of a text kept in an excerpt
EXCERPT_CELL = 40  # characters of a CSV cell kept in an excerpt


def _abridged(value: Any, depth: int) -> Any:
    if isinstance(value, str) and len(value) > EXCERPT_TEXT and not value.startswith("http"):
        return value[:EXCERPT_TEXT].rstrip() + "…"
    if isinstance(value, list | dict) and value and depth == 0:
        return "…"
    if isinstance(value, list):
        kept = [_abridged(v, depth - 1) for v in value[:1]]
        return kept + ([f"… ({len(value) - 1} autre(s) élément(s))"] if len(value) > 1 else [])
    if isinstance(value, dict):
        return {key: _abridged(v, depth - 1) for key, v in value.items()}
    return value


def _abridged_csv(content: str, rows: int) -> str:
    reader = csv.reader(io.StringIO(content.lstrip("\ufeff")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, row in enumerate(reader):
        if i > rows:
            break
        writer.writerow([c if len(c) <= EXCERPT_CELL else c[:EXCERPT_CELL].rstrip() + "…" for c in row])
    return out.getvalue()
