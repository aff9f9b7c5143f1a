"""Reading YAML data files safely, fast, and with the position of every value.

libyaml's C parser composes the node tree (15–25× faster than pure Python); we then build plain Python
values ourselves so that we can (1) refuse duplicate keys, which a plain load silently overwrites, and
(2) remember the line and column of every key and value for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cadre.loading.errors import Code, DataError, Location

try:  # the C loader is the normal case; the fallback keeps the project usable without libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"


@dataclass
class YamlDocument:
    path: Path
    value: Any
    # position of the value at each path inside the document; () is the root
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # position of the key itself for values of mappings: where an unknown field is written
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def location(self, at: Path_ = (), key: bool = False) -> Location:
        """Position of the deepest known node along `at` (a missing field points at its parent)."""
        if key and tuple(at) in self.keys:
            return Location(self.path, *self.keys[tuple(at)])
        for end in range(len(at), -1, -1):
            found = self.positions.get(tuple(at[:end]))
            if found:
                return Location(self.path, *found)
        return Location(self.path, 1, 1)


class _Builder:
    """Turns a composed node tree into Python values, recording positions and duplicate keys."""

    def __init__(self, loader: Any, doc: YamlDocument, errors: list[DataError]) -> None:
        self.loader = loader
        self.doc = doc
        self.errors = errors

    def build(self, node: yaml.Node, at: Path_) -> Any:
        self.doc.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*at, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, at)

    def _mapping(self, node: yaml.MappingNode, at: Path_) -> dict[str, Any]:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, at)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                first = self.doc.positions.get((*at, key), (0, 0))[0]
                self.errors.append(
                    DataError(
                        Location(self.doc.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1),
                        Code.DUPLICATE_KEY,
                        "fichier",
                        dotted((*at, key)),
                        "clé en double dans le même objet : la seconde valeur écraserait la première",
                        expected="une clé unique",
                        found=f"« {key} » déjà définie ligne {first}",
                    )
                )
                continue
            self.doc.keys[(*at, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*at, key))
        return result

    def _scalar(self, node: yaml.Node, at: Path_) -> Any:
        if node.tag == _STR:  # most values are text: skip the generic constructor machinery
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                # e.g. 2016-02-30: keep the text; the model then says, with the entity, that it is no real date
                return node.value
            self.errors.append(
                DataError(
                    Location(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1),
                    Code.BAD_VALUE,
                    "fichier",
                    dotted(at),
                    f"valeur illisible : {exc}",
                    expected="une valeur YAML valide",
                    found=f"« {getattr(node, 'value', '')} »",
                )
            )
            return getattr(node, "value", None)


def dotted(at: Path_) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[DataError]]:
    """Read one file; never raises on bad content. Returns (document or None, errors)."""
    errors: list[DataError] = []
    start = Location(path, 1, 1)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(start, Code.UNREADABLE, "fichier", "", f"lecture impossible : {exc.strerror}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(
            DataError(start, Code.BOM, "fichier", "", "marque d'ordre d'octets (BOM) en tête de fichier",
                      expected="UTF-8 sans BOM", found="EF BB BF")
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(
            DataError(Location(path, line, column), Code.ENCODING, "fichier", "",
                      "le fichier n'est pas encodé en UTF-8", expected="UTF-8",
                      found=f"octet 0x{raw[exc.start]:02X}")
        )
        return None, errors
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        errors.append(DataError(start, Code.EMPTY, "fichier", "", "fichier vide", expected="un document YAML"))
        return None, errors
    doc = YamlDocument(path, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            errors.append(DataError(start, Code.EMPTY, "fichier", "", "fichier vide", expected="un document YAML"))
            return None, errors
        doc.value = _Builder(loader, doc, errors).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else start
        errors.append(DataError(where, Code.SYNTAX, "fichier", "", f"YAML invalide : {exc.problem or exc}"))
        return None, errors
    except yaml.YAMLError as exc:
        errors.append(DataError(start, Code.SYNTAX, "fichier", "", f"YAML invalide : {exc}"))
        return None, errors
    finally:
        loader.dispose()
    return doc, errors
