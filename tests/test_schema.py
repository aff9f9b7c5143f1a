"""The committed JSON Schemas are the ones the models generate, and every data file points at its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from cadre.cli import main
from cadre.loading.schema import all_schemas, header_for, stale_schemas

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(ROOT / "schemas") == [], "lancer « cadre schema » et committer schemas/"


def test_check_mode_fails_on_a_stale_schema(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "schemas"
    main(["--data", str(tmp_path / "vide"), "schema", "--schemas", str(folder)])
    (folder / "principe.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--data", str(tmp_path / "vide"), "schema", "--schemas", str(folder), "--check"]) == 1
    assert "schéma périmé" in capsys.readouterr().out


def test_every_data_file_has_its_schema_header() -> None:
    for path in sorted((ROOT / "data" / "editions").rglob("*.yaml")):
        edition_root = next(p for p in path.parents if p.parent.name == "editions")
        header = header_for(edition_root, path, ROOT / "schemas")
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == header, path


def test_schemas_are_valid_json_schema_and_reject_unknown_keys() -> None:
    schema = all_schemas()["referentiel.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors({"id": "x", "inconnu": 1}))
    assert any("inconnu" in e.message for e in errors)


def test_real_data_files_validate_against_their_schema() -> None:
    import yaml

    schemas = {name: json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8")) for name in all_schemas()}
    for path in sorted((ROOT / "data" / "editions").rglob("*.yaml")):
        edition_root = next(p for p in path.parents if p.parent.name == "editions")
        name = header_for(edition_root, path, ROOT / "schemas").rsplit("/", 1)[1]
        value = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        errors = list(jsonschema.Draft202012Validator(schemas[name]).iter_errors(value))
        assert errors == [], f"{path}: {errors[0].message}"
