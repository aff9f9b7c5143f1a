"""Loading an edition folder into typed models, collecting every error instead of stopping at the first."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cadre.loading.errors import Code, DataError, Location, shorten, suggestion
from cadre.loading.layout import edition_files
from cadre.loading.yamlio import Path_, YamlDocument, dotted, read_yaml
from cadre.model import Edition, Entity
from cadre.model.kinds import EDITION_FILE, KINDS, Kind, Layout


@dataclass(frozen=True)
class Source:
    """Where an entity was written: its document and its path inside it."""

    doc: YamlDocument
    base: Path_

    def location(self, at: Path_ = (), key: bool = False) -> Location:
        return self.doc.location((*self.base, *at), key)


@dataclass
class LoadedEdition:
    root: Path
    edition: Edition | None = None
    edition_source: Source | None = None
    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in KINDS})
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    # entities whose types are wrong: kept raw so their references can still be checked in the same run
    untyped: list[tuple[Kind, dict[str, Any], Source]] = field(default_factory=list)


def edition_folder(data_dir: Path, year: int | str) -> Path:
    return data_dir / "editions" / str(year)


def load_edition(root: Path) -> LoadedEdition:
    """Parse and type-check every file of one edition folder (semantic checks are in `validate`).

    The folder is walked once without following links: a link or a special file is an error, never read.
    """
    loaded = LoadedEdition(root)
    files, errors = edition_files(root)
    loaded.errors.extend(errors)
    _load_edition_file(loaded, files)
    for kind in KINDS.values():
        if kind.layout is Layout.ONE_PER_FILE:
            for rel in sorted(r for r in files if r.rpartition("/")[0] == kind.source and r.endswith(".yaml")):
                _load_document(loaded, kind, files[rel])
        elif kind.source in files:
            _load_document(loaded, kind, files[kind.source])
    return loaded


def _load_edition_file(loaded: LoadedEdition, files: dict[str, Path]) -> None:
    path = loaded.root / EDITION_FILE
    if EDITION_FILE not in files and (path.is_symlink() or path.exists()):
        return  # a link or a special file: reported by edition_files
    if EDITION_FILE not in files:
        loaded.errors.append(
            DataError(Location(path, 1, 1), Code.MISSING_EDITION, "edition", "",
                      "fichier de l'édition absent", expected=f"{EDITION_FILE} dans {loaded.root}")
        )
        return
    doc, errors = read_yaml(path)
    loaded.errors.extend(errors)
    if doc is None:
        return
    source = Source(doc, ())
    edition = _typed(Edition, doc.value, source, "edition", loaded.errors)
    if isinstance(edition, Edition):
        loaded.edition, loaded.edition_source = edition, source


def _load_document(loaded: LoadedEdition, kind: Kind, path: Path) -> None:
    doc, errors = read_yaml(path)
    loaded.errors.extend(_name_entities(errors, kind, doc))
    if doc is None:
        return
    if kind.layout is Layout.ONE_PER_FILE:
        _load_entity(loaded, kind, doc, ())
        return
    if not isinstance(doc.value, list):
        loaded.errors.append(
            DataError(doc.location(), Code.ROOT_TYPE, kind.name, "",
                      f"le fichier doit contenir la liste des {kind.pluriel}",
                      expected="une liste (« - id: … »)", found=type_name(doc.value))
        )
        return
    for index in range(len(doc.value)):
        _load_entity(loaded, kind, doc, (index,))


def _load_entity(loaded: LoadedEdition, kind: Kind, doc: YamlDocument, base: Path_) -> None:
    raw = doc.value if not base else doc.value[base[0]]
    source = Source(doc, base)
    label = entity_label(kind.name, raw)
    if not isinstance(raw, dict):
        loaded.errors.append(
            DataError(source.location(), Code.ROOT_TYPE, label, "", f"{kind.un} doit être un objet",
                      expected="des paires « clé: valeur »", found=type_name(raw))
        )
        return
    entity = _typed(kind.model, raw, source, label, loaded.errors)
    if entity is None:
        loaded.untyped.append((kind, raw, source))
        return
    key = (kind.name, entity.id)
    if key in loaded.sources:
        first = loaded.sources[key].location()
        loaded.errors.append(
            DataError(source.location(("id",)), Code.DUPLICATE_ID, label, "id",
                      f"identifiant déjà utilisé par {'une autre' if kind.feminin else 'un autre'} {kind.singulier}",
                      expected="un identifiant unique", found=f"« {entity.id} » déjà défini en {first}")
        )
        return
    if kind.layout is Layout.ONE_PER_FILE and doc.path.stem != entity.id:
        loaded.errors.append(
            DataError(source.location(("id",)), Code.FILE_ID_MISMATCH, label, "id",
                      "l'identifiant doit être le nom du fichier",
                      expected=f"« {doc.path.stem} »", found=f"« {entity.id} »")
        )
    loaded.entities[kind.name][entity.id] = entity
    loaded.sources[key] = source


def _name_entities(errors: list[DataError], kind: Kind, doc: YamlDocument | None) -> list[DataError]:
    """The reader knows files, not entities: name the entity a duplicate key belongs to."""
    if doc is None:
        return errors
    named = []
    for error in errors:
        if error.code is Code.DUPLICATE_KEY and kind.layout is Layout.ONE_PER_FILE:
            error = replace(error, entity=entity_label(kind.name, doc.value))
        elif error.code is Code.DUPLICATE_KEY and error.field.startswith("["):
            index, _, rest = error.field[1:].partition("]")
            raw = doc.value[int(index)] if isinstance(doc.value, list) and index.isdigit() else None
            error = replace(error, entity=entity_label(kind.name, raw), field=rest.lstrip("."))
        named.append(error)
    return named


def _typed(model: type[BaseModel], raw: Any, source: Source, label: str,
           errors: list[DataError]) -> BaseModel | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        seen: set[tuple[Path_, str]] = set()
        for error in exc.errors():
            converted = _convert(error, model, raw, source, label)
            signature = (converted.field, converted.code)
            if signature not in seen:  # a union reports once per member: keep one
                seen.add(signature)
                errors.append(converted)
        return None


def _convert(error: dict[str, Any], model: type[BaseModel], raw: Any, source: Source, label: str) -> DataError:
    loc = _data_path(raw, tuple(error["loc"]), error["type"])
    kind = error["type"]
    code, message, expected = _explain(kind, error, model, loc)
    found = "" if kind == "missing" else shorten(error.get("input"))
    if kind == "string_too_long":  # the value itself could be megabytes: its length and its start only
        found = f"{len(error['input'])} caractères : « {error['input'][:30]}… »"
    if kind == "extra_forbidden":
        found = shorten(str(loc[-1]))
    at_key = kind == "extra_forbidden"  # point at the misspelled key, not at its value
    return DataError(source.location(loc, at_key), code, label, dotted(loc), message, expected, found)


def _data_path(raw: Any, loc: Path_, kind: str) -> Path_:
    """Keep the part of pydantic's location that exists in the data (drops union member tags)."""
    path: list[str | int] = []
    node = raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            if kind in ("missing", "extra_forbidden") and isinstance(node, dict) and isinstance(part, str):
                path.append(part)
            break
        path.append(part)
    return tuple(path)


def _explain(kind: str, error: dict[str, Any], model: type[BaseModel], loc: Path_) -> tuple[Code, str, str]:
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Code.MISSING_FIELD, "champ obligatoire absent", "une valeur pour ce champ"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = suggestion(str(loc[-1]), allowed)
        return Code.UNKNOWN_FIELD, "champ inconnu" + hint, "un des champs : " + ", ".join(sorted(allowed))
    if kind in ("enum", "literal_error"):
        values = _enum_values(ctx.get("expected", ""))
        hint = suggestion(str(error.get("input")), values)
        return Code.NOT_IN_ENUM, "valeur hors de la liste autorisée" + hint, "une des valeurs : " + ", ".join(values)
    if kind == "string_too_long":
        limit = ctx.get("max_length", 0)
        return Code.TOO_LONG, "texte trop long pour ce champ", f"au plus {limit:,} caractères".replace(",", " ")
    if kind.startswith("date") or kind.startswith("datetime"):
        return Code.BAD_DATE, "date invalide", "une date réelle au format AAAA-MM-JJ"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern.startswith("^https?"):
            return Code.BAD_VALUE, "adresse invalide", "une adresse http:// ou https:// sans espace"
        return Code.BAD_VALUE, "identifiant invalide", "minuscules sans accent, chiffres et tirets (ex. ci-sis)"
    expected = _EXPECTED.get(kind)
    if expected:
        return Code.WRONG_TYPE, "type de valeur incorrect", expected
    return Code.BAD_VALUE, f"valeur refusée : {error.get('msg', kind)}", ""


_EXPECTED = {
    "string_type": "un texte",
    "string_too_short": "un texte non vide",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste",
    "model_type": "un objet (clé: valeur)",
    "dict_type": "un objet (clé: valeur)",
    "model_attributes_type": "un objet (clé: valeur)",
    "greater_than_equal": "une valeur plus grande",
    "less_than_equal": "une valeur plus petite",
}


def _enum_values(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _fields_at(model: type[BaseModel], loc: Path_) -> set[str]:
    """Field names of the (nested) model found at `loc`, for « vouliez-vous dire » suggestions."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = model_in(info.annotation) if info else None
    return set(current.model_fields) if current else set()


def model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = model_in(arg)
        if found:
            return found
    return None


def entity_label(kind: str, raw: Any) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind}:{ident}" if isinstance(ident, str) else kind


def type_name(value: Any) -> str:
    return {dict: "un objet", list: "une liste", str: "un texte", int: "un nombre", type(None): "rien"}.get(
        type(value), type(value).__name__
    )
