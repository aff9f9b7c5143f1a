"""Reading YAML data files safely, fast, and with the position of every value.

libyaml's C parser produces the event stream; we build plain Python values from it ourselves, in one loop
without recursion, so that we can (1) refuse duplicate keys, which a plain load silently overwrites, (2) remember
the line and column of every key and value for error messages, and (3) enforce the input limits before anything
is built: anchors and aliases are refused at the first event that carries one (a 700-byte « alias bomb » would
otherwise expand to gigabytes), nesting deeper than `MAX_DEPTH` stops the reading (no RecursionError, no deep C
stack), and a file is read only if it is a regular file of at most `MAX_FILE_BYTES` (`files.read_limited`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cadre.loading.errors import Code, DataError, Location
from cadre.loading.files import NotRegularFile, TooLarge, read_limited

try:  # the C parser is the normal case; the fallback keeps the project usable without libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# The largest real file is 26 KB and the 100× synthetic edition's largest about 2.6 MB: 10 MiB leaves room for
# growth while bounding what one file can cost (reading and validating it takes a few seconds at most).
MAX_FILE_BYTES = 10 * 1024 * 1024
# The model nests at most 5 levels (acteur → devoirs → [i] → referentiels → [j]); 32 is far beyond any data.
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"
_DROP = object()  # the key of a value that is read but not kept (duplicate key, key that is not a scalar)
_KEY_NODE = object()  # a list or object being read as a key (refused, then dropped)


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


class _Refused(Exception):
    """A limit was hit: the file is not read further; `error` says where and why."""

    def __init__(self, error: DataError) -> None:
        self.error = error


@dataclass
class _Open:
    """A mapping or sequence being read: its value, its path, and for a mapping the key waiting for its value."""

    value: dict[str, Any] | list[Any]
    at: Path_
    kept: bool  # False inside a value that is dropped: its positions must not overwrite the kept ones
    key: object = None  # None: the next scalar is a key; _DROP or str: the next node is this key's value
    key_mark: tuple[int, int] = (0, 0)


class _Builder:
    """Builds the document's value from libyaml events, recording positions and duplicate keys."""

    def __init__(self, loader: Any, doc: YamlDocument, errors: list[DataError]) -> None:
        self.loader = loader
        self.doc = doc
        self.errors = errors
        self.stack: list[_Open] = []
        self.root: Any = None

    def build(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise _Refused(DataError(Location(self.doc.path, 1, 1), Code.EMPTY, "fichier", "", "fichier vide",
                                     expected="un document YAML"))
        loader.get_event()  # document start
        while not loader.check_event(yaml.DocumentEndEvent):
            self._event(loader.get_event())
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            following = loader.peek_event().start_mark
            raise _Refused(DataError(Location(self.doc.path, following.line + 1, following.column + 1), Code.SYNTAX,
                                     "fichier", "", "YAML invalide : un seul document par fichier (« --- » en "
                                     "commence un second)"))
        return self.root

    def _event(self, event: yaml.Event) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        self._refuse_anchors(event, mark)
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._complete(self.stack.pop().value)
            return
        parent = self.stack[-1] if self.stack else None
        reading_key = parent is not None and isinstance(parent.value, dict) and parent.key is None
        at, kept = self._child_path(parent)
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event, at)
            if reading_key:
                self._key(parent, value, mark)  # type: ignore[arg-type]
                return
            if kept:
                self.doc.positions[at] = mark
            self._complete(value)
            return
        if reading_key:  # a list or an object used as a key: read, reported, dropped with its value
            self.errors.append(self._error(mark, Code.BAD_VALUE, at, "une clé doit être un simple texte",
                                           expected="« clé: valeur »", found="une liste ou un objet en guise de clé"))
            parent.key = _KEY_NODE  # type: ignore[union-attr]
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(self._error(mark, Code.TOO_DEEP, at, f"imbrication trop profonde (plus de {MAX_DEPTH} "
                                       "niveaux de listes et d'objets)", expected=f"au plus {MAX_DEPTH} niveaux",
                                       found=f"{len(self.stack) + 1} niveaux"))
        if kept:
            self.doc.positions[at] = mark
        self.stack.append(_Open({} if isinstance(event, yaml.MappingStartEvent) else [], at, kept))

    def _refuse_anchors(self, event: yaml.Event, mark: tuple[int, int]) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            written = f"*{event.anchor}" if isinstance(event, yaml.AliasEvent) else f"&{event.anchor}"
            raise _Refused(DataError(Location(self.doc.path, *mark), Code.ALIAS, "fichier", "",
                                     "ancres et alias YAML refusés : chaque valeur s'écrit en entier là où elle sert",
                                     expected="une valeur écrite en entier", found=f"« {written[:40]} »"))

    def _child_path(self, parent: _Open | None) -> tuple[Path_, bool]:
        """Where the next node goes, and whether its positions are kept."""
        if parent is None:
            return (), True
        if isinstance(parent.value, list):
            return (*parent.at, len(parent.value)), parent.kept
        if parent.key is None or parent.key is _DROP or parent.key is _KEY_NODE:
            return parent.at, False  # a key (its position is recorded by _key), or a value that is dropped
        return (*parent.at, parent.key), parent.kept  # type: ignore[misc]

    def _complete(self, value: Any) -> None:
        """A node is read: it becomes its parent's item or value, or the document's root."""
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.key is _KEY_NODE:  # the dropped key is read: its value will be dropped too
            parent.key = _DROP
        else:
            if parent.key is not _DROP:
                parent.value[parent.key] = value  # type: ignore[index]
            parent.key = None

    def _key(self, parent: _Open, key: Any, mark: tuple[int, int]) -> None:
        key = key if isinstance(key, str) else str(key)
        assert isinstance(parent.value, dict)
        if key in parent.value:
            first = self.doc.keys.get((*parent.at, key), (0, 0))[0]
            self.errors.append(self._error(mark, Code.DUPLICATE_KEY, (*parent.at, key), "clé en double dans le même "
                                           "objet : la seconde valeur écraserait la première",
                                           expected="une clé unique", found=f"« {key} » déjà définie ligne {first}"))
            parent.key = _DROP
            return
        parent.key = key
        parent.value[key] = None  # known from now on: a duplicate is caught whatever its value
        if parent.kept:
            self.doc.keys[(*parent.at, key)] = mark

    def _scalar(self, event: yaml.ScalarEvent, at: Path_) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:  # most values are text: skip the generic constructor machinery
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            if tag == "tag:yaml.org,2002:timestamp":
                # e.g. 2016-02-30: keep the text; the model then says, with the entity, that it is no real date
                return event.value
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.errors.append(self._error(mark, Code.BAD_VALUE, at, f"valeur illisible : {exc}",
                                           expected="une valeur YAML valide", found=f"« {event.value[:40]} »"))
            return event.value

    def _error(self, mark: tuple[int, int], code: Code, at: Path_, message: str, expected: str = "",
               found: str = "") -> DataError:
        return DataError(Location(self.doc.path, *mark), code, "fichier", dotted(at), message, expected, found)


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
        raw = read_limited(path, MAX_FILE_BYTES)
    except NotRegularFile as what:
        return None, [DataError(start, Code.NOT_REGULAR, "fichier", "", f"{what} refusé : seuls des fichiers "
                                "ordinaires sont lus dans les données, sans suivre de lien",
                                expected="un fichier ordinaire", found=f"un {what}")]
    except TooLarge as size:
        return None, [DataError(start, Code.TOO_LARGE, "fichier", "", "fichier trop volumineux",
                                expected=f"au plus {MAX_FILE_BYTES // 1024 // 1024} Mio",
                                found=f"{size.args[0]} octets")]
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
        doc.value = _Builder(loader, doc, errors).build()
    except _Refused as refused:
        errors.append(refused.error)
        return None, errors
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
