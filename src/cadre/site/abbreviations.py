"""Glossary acronyms as Markdown abbreviations (`*[SIGLE]: définition`), appended to every page.

The `abbr` extension then wraps each occurrence of an acronym in `<abbr title="…">`, so its meaning shows as a
tooltip wherever it appears. Each page receives only the definitions of the acronyms it contains: the output is
the same, and Markdown does not parse hundreds of unused definitions on every page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import EntreeGlossaire
from cadre.site import text

_WORD = re.compile(r"\w+")
_SIMPLE = re.compile(r"^\w+$")
_BOUNDED = re.compile(r"^\w(.*\w)?$")


@dataclass(frozen=True)
class Abbreviations:
    """The definition line of each acronym, and a quick way to find those a page uses."""

    lines: dict[str, str]  # sigle -> `*[SIGLE]: définition`
    words: frozenset[str]  # acronyms made of word characters only: found by a set lookup
    others: tuple[str, ...]  # acronyms with spaces, hyphens or slashes: found by substring search
    # acronyms that begin or end with a non-word character, such as « (N)TIC »: the abbr extension looks for
    # them between word boundaries and never finds them, so they are wrapped here
    unbounded: dict[str, tuple[re.Pattern[str], str]]

    def apply(self, markdown: str) -> str:
        """The page's Markdown with the definitions of the acronyms it uses."""
        used = set(self.words.intersection(_WORD.findall(markdown)))
        used.update(sigle for sigle in self.others if sigle in markdown)
        for sigle in used.intersection(self.unbounded):
            pattern, element = self.unbounded[sigle]
            markdown = pattern.sub(lambda _, found=element: found, markdown)
        # one blank-line-separated block each: in a single block, every line re-runs all block tests (quadratic)
        lines = "\n\n".join(line for sigle, line in self.lines.items() if sigle in used and sigle not in self.unbounded)
        return f"{markdown}\n\n{lines}\n" if lines else markdown


def abbreviations(kb: KnowledgeBase) -> Abbreviations:
    """One `*[SIGLE]: définition` line per acronym; an acronym defined twice shows both meanings."""
    meanings: dict[str, list[str]] = {}
    for entry in kb.all("glossaire"):
        assert isinstance(entry, EntreeGlossaire)
        sigle = " ".join(entry.sigle.split())
        definition = text.plain(entry.definition)
        if "]" in sigle or not definition:
            continue  # not expressible as an abbreviation
        known = meanings.setdefault(sigle, [])
        if definition not in known:
            known.append(definition)
    lines = {sigle: f"*[{sigle}]: {' ; '.join(defs)}" for sigle, defs in meanings.items()}
    words = frozenset(s for s in lines if _SIMPLE.match(s))
    unbounded = {s: _wrapper(s, " ; ".join(meanings[s])) for s in lines if not _BOUNDED.match(s)}
    return Abbreviations(lines, words, tuple(s for s in lines if s not in words), unbounded)


def _wrapper(sigle: str, definition: str) -> tuple[re.Pattern[str], str]:
    pattern = re.compile(rf"(?<![\w(]){re.escape(sigle)}(?![\w)])")
    element = f'<abbr title="{html.escape(definition, quote=True)}">{html.escape(sigle)}</abbr>'
    return pattern, element
