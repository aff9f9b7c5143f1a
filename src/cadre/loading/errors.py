"""Data errors: located, coded, collected, then reported together.

Every problem found in the data becomes one `DataError`; nothing raises on bad data. The CLI prints them
all in one run, one per line, as ``path:line:column: CODE entity.field: message (attendu …, trouvé …)``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Code(StrEnum):
    """Stable error codes: tests and data authors can rely on them across releases."""

    ENCODING = "E001"  # not UTF-8
    BOM = "E002"  # byte order mark at the start of the file
    SYNTAX = "E003"  # YAML syntax error
    EMPTY = "E004"  # empty file
    DUPLICATE_KEY = "E005"  # the same key twice in one mapping
    ROOT_TYPE = "E006"  # the document is not of the expected shape
    UNREADABLE = "E007"  # a file that cannot be read at all
    UNEXPECTED_FILE = "E008"  # a file or folder the edition layout does not know
    # input limits: what could hang, exhaust memory or reach outside the data is refused before it is read
    ALIAS = "E009"  # YAML anchor (&a) or alias (*a): an « alias bomb » expands a few bytes to gigabytes
    TOO_DEEP = "E010"  # lists and objects nested deeper than yamlio.MAX_DEPTH
    TOO_LARGE = "E011"  # a file over yamlio.MAX_FILE_BYTES
    NOT_REGULAR = "E012"  # a symbolic link or a special file (FIFO, device, socket): never followed nor read
    UNKNOWN_FIELD = "E101"
    MISSING_FIELD = "E102"
    WRONG_TYPE = "E103"
    NOT_IN_ENUM = "E104"
    BAD_DATE = "E105"
    BAD_VALUE = "E106"
    TOO_LONG = "E107"  # a text longer than its kind of field allows (model.base: NOM_MAX, TEXTE_MAX, URL_MAX)
    IMAGE = "E108"  # a Markdown image in a data text: the site shows no image from data
    DUPLICATE_ID = "E201"
    UNKNOWN_REFERENCE = "E202"
    FILE_ID_MISMATCH = "E203"
    BAD_ORDER = "E204"
    PARENT_CYCLE = "E205"  # an entity inside itself, through its parents
    UNKNOWN_PREDECESSOR = "E206"  # `remplace` names no entity of the previous edition
    MISSING_EDITION = "E301"
    EDITION_NAME = "E302"  # an entry of editions/ that is not a folder named by four ASCII digits


@dataclass(frozen=True, slots=True)
class Location:
    path: Path
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class DataError:
    location: Location
    code: Code
    entity: str  # e.g. "referentiel:ci-sis" or "fichier"
    field: str  # dotted path inside the entity, "" for the whole entity
    message: str
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        subject = f"{self.entity}.{self.field}" if self.field else self.entity
        detail = ", ".join(
            part
            for part in (
                f"attendu {self.expected}" if self.expected else "",
                f"trouvé {self.found}" if self.found else "",
            )
            if part
        )
        suffix = f" ({detail})" if detail else ""
        return f"{self.location}: {self.code.value} {subject}: {self.message}{suffix}"


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter, clickable in editors.

    The folders are resolved, not the entry itself: a link is shown where it is, not where it points.
    """
    try:
        return str((path.absolute().parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def suggestion(word: str, candidates: list[str] | set[str]) -> str:
    """A French « vouliez-vous dire … » hint, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def shorten(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"« {value} »"
    return text if len(text) <= limit else text[: limit - 1] + "…"
