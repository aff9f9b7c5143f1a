"""A hostile edition: the fictional fixture with every text field of every kind replaced by attack strings.

Made at test time from the models, not written by hand: the walk over each model's fields finds every text
(`Texte`, free `str`), URL and list of texts, fills the optional ones the fixture leaves empty, and generates one
item for each empty list of sub-objects (links, editorial notes, milestones…), so a field added to a model is
attacked without anyone editing this file. Ids, references, enums, numbers and dates keep their fixture values:
the edition still validates, so the build goes all the way to every output.

Each text field gets its own marker and its payloads (tests/hostile_payloads.py). The previous edition (2098) is
the fixture as it is, so pages have a history and feeds and Nouveautés carry the hostile values as changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import types
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from hostile_payloads import MARKER, MARKUP_ACRONYM, PASSWD, URL_PAYLOADS, WORD_ACRONYM, payload_for
from pydantic import BaseModel, StringConstraints

from cadre.model import Edition, Ref
from cadre.model.kinds import EDITION_FILE, KINDS, Layout

FIXTURE_EDITION = Path(__file__).parent / "fixtures" / "site" / "data" / "editions" / "2099"
YEAR, PREVIOUS_YEAR = 2099, 2098

# --- the walk over the models ---------------------------------------------------------------------------------


@dataclass
class Field:
    marker: str
    path: str  # « referentiel:ref-beta.disponibilite.jalons[0].libelle »
    payloads: list[str]
    value: str


@dataclass
class HostileEdition:
    data: Path  # the data folder (editions/2098 benign, editions/2099 hostile)
    fields: dict[str, Field] = field(default_factory=dict)  # by marker
    model_fields: set[str] = field(default_factory=set)  # « Referentiel.nom »: the model fields made hostile

    def where(self, text: str) -> str:
        """The fields whose markers appear in `text`, for failure messages."""
        found = dict.fromkeys(MARKER.findall(text))
        return ", ".join(f"{m} = {self.fields[m].path} ({'+'.join(self.fields[m].payloads)})"
                         for m in found if m in self.fields) or "aucun marqueur"


def _shape(annotation: Any, metadata: tuple = ()) -> tuple[str, Any]:
    """What a field holds: ("text"|"url"|"slug"|"keep", None), ("list", inner shape) or ("model", class)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _shape(args[0], (*metadata, *args[1:]))
    if origin in (Union, types.UnionType):
        return _shape(next(a for a in args if a is not type(None)), metadata)
    if origin is list:
        return "list", _shape(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if annotation is str:
        patterns = [m.pattern for m in metadata if isinstance(m, StringConstraints) and m.pattern]
        if any("http" in p for p in patterns):
            return "url", None
        if patterns:
            return "slug", None
        limits = [m.max_length for m in metadata if isinstance(m, StringConstraints) and m.max_length]
        return "text", min(limits, default=None)  # the field's length limit (E107): a payload stays within it
    return "keep", None  # numbers, dates, booleans, enums


def _is_text(shape: str, inner: Any) -> bool:
    """A text field: a text, a URL, or a list of either."""
    return shape in ("text", "url") or (shape == "list" and inner[0] in ("text", "url"))


# Texts whose value validation ties to something else: kept as written.
_CONSTRAINED = {("Renvoi", "type")}  # the name of an entity kind (checked by validate.check_glossary_targets)


class _Hostile:
    def __init__(self, edition: HostileEdition) -> None:
        self.edition = edition

    def text(self, path: str, limit: int | None = None) -> str:
        marker = f"INJ{len(self.edition.fields) + 1:04d}"
        value, names = payload_for(len(self.edition.fields), marker, limit)
        self.edition.fields[marker] = Field(marker, path, names, value)
        return value

    def url(self, path: str) -> str:
        marker = f"INJ{len(self.edition.fields) + 1:04d}"
        value = URL_PAYLOADS[len(self.edition.fields) % len(URL_PAYLOADS)].format(m=marker)
        self.edition.fields[marker] = Field(marker, path, ["url"], value)
        return value

    def model(self, model: type[BaseModel], raw: dict[str, Any] | None, path: str) -> dict[str, Any]:
        """The raw mapping of `model` with every text field hostile (absent optional ones added)."""
        out = dict(raw or {})
        for name, info in model.model_fields.items():
            if any(isinstance(meta, Ref) for meta in info.metadata) or (model.__name__, name) in _CONSTRAINED:
                continue
            shape, inner = _shape(info.annotation, tuple(info.metadata))
            if _is_text(shape, inner):
                self.edition.model_fields.add(f"{model.__name__}.{name}")
            value = self.value(shape, inner, out.get(name), f"{path}.{name}", info.is_required(), info)
            if value is not None:
                out[name] = value
        return out

    def value(self, shape: str, inner: Any, current: Any, path: str, required: bool, info: Any) -> Any:
        if shape == "text":
            return self.text(path, inner)
        if shape == "url":
            return self.url(path)
        if shape == "model":
            return self.model(inner, current, path) if current is not None else None
        if shape == "list":
            return self.items(inner, current or [], path)
        if current is None and required:
            return _required_default(shape, info)
        return current

    def items(self, inner: tuple[str, Any], items: list[Any], path: str) -> list[Any]:
        shape, model = inner
        if shape in ("text", "url"):
            return [self.value(shape, model, None, f"{path}[{i}]", True, None) for i in range(max(2, len(items)))]
        if shape == "model":
            items = items or [{}]  # an empty list of sub-objects gets one, generated
            return [self.model(model, item, f"{path}[{i}]") for i, item in enumerate(items)]
        return items  # slugs (references), numbers


def _required_default(shape: str, info: Any) -> Any:
    """A valid value for a required non-text field of a generated sub-object."""
    annotation = info.annotation
    if shape == "slug":
        return "liste-generee"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if annotation is int:
        return 1
    raise AssertionError(f"champ requis sans valeur générable : {info}")


# --- writing the edition --------------------------------------------------------------------------------------


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, value: Any) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _entity_files(root: Path) -> list[tuple[Any, Path]]:
    files: list[tuple[Any, Path]] = []
    for kind in KINDS.values():
        if kind.layout is Layout.ONE_PER_FILE:
            files += [(kind, path) for path in sorted((root / kind.source).glob("*.yaml"))]
        elif (root / kind.source).exists():
            files.append((kind, root / kind.source))
    return files


def _hostile_entity(hostile: _Hostile, kind: Any, raw: dict[str, Any]) -> dict[str, Any]:
    path = f"{kind.name}:{raw['id']}"
    entity = hostile.model(kind.model, raw, path)
    acronym = {"zorg": WORD_ACRONYM, "hxk": MARKUP_ACRONYM}.get(raw["id"]) if kind.name == "glossaire" else None
    if acronym:  # the two acronyms every text carries: their field holds the acronym, not a payload
        marker = next(f.marker for f in hostile.edition.fields.values() if f.path == f"{path}.sigle")
        entity["sigle"] = acronym
        hostile.edition.fields[marker] = Field(marker, f"{path}.sigle", ["acronyme"], acronym)
    return entity


def make_hostile_edition(data: Path) -> HostileEdition:
    """`data`/editions/2098: the fixture as it is (the previous edition, so every page has a history, every feed
    entries and Nouveautés its changes); `data`/editions/2099: the same edition, hostile everywhere."""
    edition = HostileEdition(data)
    previous, root = data / "editions" / str(PREVIOUS_YEAR), data / "editions" / str(YEAR)
    shutil.copytree(FIXTURE_EDITION, previous)
    shutil.copytree(FIXTURE_EDITION, root)
    meta = _read(previous / EDITION_FILE)
    _write(previous / EDITION_FILE, {**meta, "annee": PREVIOUS_YEAR})
    glossary = previous / KINDS["glossaire"].source  # one entry is new in 2099: an addition, in feeds too
    _write(glossary, [entry for entry in _read(glossary) if entry["id"] != "hxk"])

    hostile = _Hostile(edition)
    _write(root / EDITION_FILE, hostile.model(Edition, _read(root / EDITION_FILE), "edition"))
    for kind, path in _entity_files(root):
        raw = _read(path)
        if kind.layout is Layout.LIST:
            _write(path, [_hostile_entity(hostile, kind, item) for item in raw])
        else:
            _write(path, _hostile_entity(hostile, kind, raw))
    return edition


def model_text_fields() -> set[str]:
    """Every text field of every model an edition holds, found from the models alone (the coverage to reach)."""
    found: set[str] = set()

    def walk(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            if any(isinstance(meta, Ref) for meta in info.metadata) or (model.__name__, name) in _CONSTRAINED:
                continue
            shape, inner = _shape(info.annotation, tuple(info.metadata))
            if _is_text(shape, inner):
                found.add(f"{model.__name__}.{name}")
            nested = inner if shape == "model" else inner[1] if shape == "list" and inner[0] == "model" else None
            if nested is not None:
                walk(nested)

    walk(Edition)
    for kind in KINDS.values():
        walk(kind.model)
    return found


# --- building its site ----------------------------------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[1]
AUDITED_BUILD = Path(__file__).with_name("audited_build.py")


@dataclass
class HostileSite:
    edition: HostileEdition
    out: Path  # the built site
    build: subprocess.CompletedProcess
    audit: list[str]  # network accesses and reads of the file:// targets during the build
    seconds: float

    def files(self, suffix: str) -> list[Path]:
        """Built files of one type, the theme's own assets left out."""
        return sorted(p for p in self.out.rglob(f"*{suffix}") if "assets" not in p.relative_to(self.out).parts)


def build_hostile_site(tmp: Path) -> HostileSite:
    """The hostile edition built by the real build (`mkdocs build --strict`, from the project folder, the
    edition chosen by CADRE_DATA / CADRE_EDITION, an empty cache), under the audit hook of audited_build.py."""
    edition = make_hostile_edition(tmp / "data")
    out, log = tmp / "site", tmp / "audit.log"
    log.write_text("")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(edition.data), CADRE_EDITION=str(YEAR),
               CADRE_CACHE=str(tmp / "cache"), CADRE_AUDIT_LOG=str(log), CADRE_AUDIT_FILES=PASSWD)
    start = time.monotonic()
    build = subprocess.run([sys.executable, str(AUDITED_BUILD), "build", "--strict", "-d", str(out)], cwd=PROJECT,
                           env=env, capture_output=True, text=True, timeout=900)
    return HostileSite(edition, out, build, log.read_text().splitlines(), time.monotonic() - start)
