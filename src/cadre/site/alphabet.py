"""French alphabetical order for the glossary: accents, case and punctuation ignored, as a French dictionary sorts.

Neither ICU nor a French locale is available on every machine that builds the site (the build machines have only
the C locale), so the order is computed with `unicodedata`: each letter is decomposed (NFKD) and its accents
dropped, case folded, and only letters and digits compared first — the primary level of the Unicode collation
algorithm, which is all that acronyms and short terms in Latin script need. Ties (« CPS » / « CPs ») are broken
by the accented, then the exact spelling, so the order is total and stable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from cadre.text import plain

T = TypeVar("T")
AUTRES = "0–9"  # the heading of entries that begin with a digit or another sign


def _base(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", plain(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_key(text: str) -> tuple[str, str, str]:
    """Letters and digits without accents first, then with their accents, then as written."""
    base = _base(text)
    return "".join(c for c in base if c.isalnum()), unicodedata.normalize("NFC", plain(text)).casefold(), text


def alphabetical(items: Iterable[T], text: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: sort_key(text(item)))


def initial(text: str) -> str:
    """The letter an entry is filed under (« É » under E), or AUTRES."""
    first = next((c for c in _base(text) if c.isalnum()), "")
    return first.upper() if first.isalpha() and first.isascii() else AUTRES


def by_initial(items: Iterable[T], text: Callable[[T], str]) -> dict[str, list[T]]:
    """Items in alphabetical order, grouped by their initial (in the order of the alphabet)."""
    groups: dict[str, list[T]] = {}
    for item in alphabetical(items, text):
        groups.setdefault(initial(text(item)), []).append(item)
    return groups
