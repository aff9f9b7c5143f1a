"""Glossary acronyms explained where they appear: `<abbr title="définition">SIGLE</abbr>` in data text.

Applied to the sanitised HTML of each data text (text between tags only, never inside code), so the meaning of
an acronym shows wherever it is written, on every output that carries the HTML. Acronyms made of word
characters are found by a set lookup on the words of the text (fast whatever the size of the glossary); the
few others (« (N)TIC », « e-santé ») by one regular expression.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import EntreeGlossaire
from cadre.text import plain

_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
_WORD = re.compile(r"\w+")
_SIMPLE = re.compile(r"^\w+$")
_SKIPPED = ("code", "pre", "abbr")  # no explanation inside code, or inside an explanation


@dataclass(frozen=True, eq=False)
class Abbreviations:
    elements: dict[str, str]  # sigle -> its <abbr> element
    words: frozenset[str]  # acronyms made of word characters only
    others: re.Pattern[str] | None  # the other acronyms

    def apply(self, fragment: str) -> str:
        """The sanitised HTML `fragment` with each acronym of the glossary wrapped in its explanation."""
        if not self.elements:
            return fragment
        return _apply(self, fragment)

    def _text(self, text: str) -> str:
        if self.others is None:
            return self._words(text)
        out, position = [], 0
        for match in self.others.finditer(text):
            out += [self._words(text[position:match.start()]), self.elements[match.group(0)]]
            position = match.end()
        out.append(self._words(text[position:]))
        return "".join(out)

    def _words(self, text: str) -> str:
        if not self.words.intersection(_WORD.findall(text)):
            return text
        return _WORD.sub(lambda m: self.elements[m.group(0)] if m.group(0) in self.words else m.group(0), text)


@lru_cache(maxsize=32768)
def _apply_cached(abbreviations: Abbreviations, fragment: str) -> str:
    out, position, skipped = [], 0, 0
    for tag in _TAG.finditer(fragment):
        text = fragment[position:tag.start()]
        out.append(text if skipped or not text.strip() else abbreviations._text(text))
        name = tag.group(0)
        if name.startswith(tuple(f"<{t}" for t in _SKIPPED)):
            skipped += 1
        elif name.startswith(tuple(f"</{t}" for t in _SKIPPED)):
            skipped = max(0, skipped - 1)
        out.append(name)
        position = tag.end()
    text = fragment[position:]
    out.append(text if skipped else abbreviations._text(text))
    return "".join(out)


def _apply(abbreviations: Abbreviations, fragment: str) -> str:
    return _apply_cached(abbreviations, fragment)


def abbreviations(kb: KnowledgeBase) -> Abbreviations:
    """One explanation per acronym of the glossary; an acronym defined twice shows both meanings."""
    meanings: dict[str, list[str]] = {}
    for entry in kb.all("glossaire"):
        assert isinstance(entry, EntreeGlossaire)
        sigle, definition = html.escape(" ".join(entry.sigle.split()), quote=False), plain(entry.definition)
        if sigle and definition and definition not in meanings.setdefault(sigle, []):
            meanings[sigle].append(definition)
    elements = {sigle: f'<abbr title="{html.escape(" ; ".join(defs), quote=True)}">{sigle}</abbr>'
                for sigle, defs in meanings.items() if defs}
    words = frozenset(s for s in elements if _SIMPLE.match(s))
    others = sorted((s for s in elements if s not in words), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![\w(]){re.escape(s)}(?![\w)])" for s in others)) if others else None
    return Abbreviations(elements, words, pattern)
