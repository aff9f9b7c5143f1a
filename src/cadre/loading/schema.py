"""JSON Schema generated from the models: one per data file shape, for editors and for the open data."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cadre.model import Edition
from cadre.model.kinds import EDITION_FILE, KINDS, Kind, Layout

SCHEMA_URL = "https://cadre-esante.invalid/schemas/"  # an id, never fetched: editors resolve $schema locally


def schema_for(kind: Kind) -> dict[str, Any]:
    entity = kind.model.model_json_schema(ref_template="#/$defs/{model}")
    defs = entity.pop("$defs", {})
    if kind.layout is Layout.LIST:
        schema: dict[str, Any] = {"type": "array", "items": entity}
    else:
        schema = entity
    return _document(schema, defs, kind.name, f"{kind.pluriel} — {kind.layout.value}")


def edition_schema() -> dict[str, Any]:
    schema = Edition.model_json_schema(ref_template="#/$defs/{model}")
    defs = schema.pop("$defs", {})
    return _document(schema, defs, "edition", "métadonnées de l'édition et de l'instruction")


def _document(schema: dict[str, Any], defs: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{SCHEMA_URL}{name}.schema.json",
           "title": f"Cadre commun des projets de e-santé : {title}"}
    out.update(schema)
    if defs:
        out["$defs"] = defs
    return out


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every shape of data file."""
    schemas = {"edition.schema.json": edition_schema()}
    schemas.update({f"{kind.name}.schema.json": schema_for(kind) for kind in KINDS.values()})
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schema files that differ from what the models generate now."""
    return [name for name, schema in all_schemas().items()
            if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != render(schema)]


def write_schemas(folder: Path) -> list[str]:
    """Write the schemas that changed (write only if changed keeps timestamps and diffs quiet)."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(folder)
    schemas = all_schemas()
    for name in changed:
        (folder / name).write_text(render(schemas[name]), encoding="utf-8")
    return changed


def schema_name_for(edition_root: Path, data_file: Path) -> str | None:
    rel = data_file.relative_to(edition_root).as_posix()
    if rel == EDITION_FILE:
        return "edition.schema.json"
    for kind in KINDS.values():
        if rel == kind.source or (kind.layout is Layout.ONE_PER_FILE and rel.startswith(kind.source + "/")):
            return f"{kind.name}.schema.json"
    return None


def header_for(edition_root: Path, data_file: Path, schema_folder: Path) -> str | None:
    name = schema_name_for(edition_root, data_file)
    if name is None:
        return None
    rel = os.path.relpath(schema_folder / name, data_file.parent)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


def files_missing_header(edition_root: Path, schema_folder: Path) -> list[tuple[Path, str]]:
    """(file, expected first line) for every data file whose first line is not its schema header."""
    missing = []
    for path in sorted(edition_root.rglob("*.yaml")):
        header = header_for(edition_root, path, schema_folder)
        if header is None:
            continue
        first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        if first != header:
            missing.append((path, header))
    return missing


def add_headers(edition_root: Path, schema_folder: Path) -> list[Path]:
    fixed = []
    for path, header in files_missing_header(edition_root, schema_folder):
        text = path.read_text(encoding="utf-8")
        if text.startswith("# yaml-language-server:"):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        path.write_text(f"{header}\n{text}", encoding="utf-8")
        fixed.append(path)
    return fixed
