"""The CSV files of the open data, made for spreadsheets: flat columns, French separators, never a formula.

One row per entity and one column per field. The columns come from the entity's model, not from its values,
so every file of a kind has the same header in every edition (an empty list still has its column):

- a nested object becomes one column per sub-field, named by its path (`disponibilite.statut`);
- a list of texts or ids fits in one cell, its elements joined by « ; »;
- a list of objects becomes one column per sub-field (`liens.titre`, `liens.url`), each cell holding the
  values of every element in the same order, joined by « ; » (an element without the value leaves its place
  empty, so the n-th value of `liens.titre` goes with the n-th of `liens.url`); a list inside such an element
  (`devoirs.modalites`) joins its own elements by « | ».

The file is what a French spreadsheet opens by a double click: UTF-8 with a byte order mark (without it Excel
reads the bytes as Windows-1252 and breaks every accent) and « ; » between cells (the list separator of the
French regional settings, where the comma is the decimal mark: a comma-separated file lands in one column).
Every cell goes through `csv_cell`, so no data text is ever read as a formula. The JSON documents keep the
exact nested form; the CSV is the reading and filtering view of the same data.
"""

from __future__ import annotations

import csv
import io
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from cadre.text import csv_cell

SEPARATOR = ";"  # between cells
LIST_SEPARATOR = " ; "  # between the elements of a list in one cell
INNER_SEPARATOR = " | "  # between the elements of a list inside an element of a list
BOM = "\ufeff"
YES_NO = {True: "oui", False: "non"}

Path = tuple[str, ...]


def columns(model: type[BaseModel]) -> list[Path]:
    """The flat columns of a model, in the order of its fields: a path of field names each."""
    return list(_columns(model, ()))


def _columns(model: type[BaseModel], prefix: Path) -> Iterator[Path]:
    for name, info in model.model_fields.items():
        nested = _nested_model(info.annotation)
        if nested is None:
            yield (*prefix, name)
        else:
            yield from _columns(nested, (*prefix, name))


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (alone, optional or in a list), or None for a text, a number, an id…"""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _nested_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        found = [m for m in map(_nested_model, typing.get_args(annotation)) if m is not None]
        return found[0] if found else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def column_name(path: Path) -> str:
    return ".".join(path)


def cell(document: dict[str, Any], path: Path) -> str:
    """The cell of one column for one entity (its JSON form), formula-safe."""
    return csv_cell(_text(_pick(document, path), 0))


def _pick(value: Any, path: Path) -> Any:
    """The value at `path`, a list of values when the path crosses a list (one per element, in order)."""
    if not path or value is None:
        return value
    if isinstance(value, list):
        return [_pick(v, path) for v in value]
    return _pick(value.get(path[0]), path[1:])


def _text(value: Any, depth: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, list):
        separator = LIST_SEPARATOR if depth == 0 else INNER_SEPARATOR
        return separator.join(_text(v, depth + 1) for v in value)
    return str(value)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A CSV text for a French spreadsheet: BOM, « ; » between cells, quotes where a cell needs them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue()
