"""A long text rewritten between two editions, shown word by word: what was removed, what was added.

The words are the data's own text, shown literally (as every changed value is: the Markdown source, escaped), never
as HTML: the only markup is ours, `<del>` and `<ins>` around escaped words. Long unchanged stretches are cut to a
few words of context on each side, as a reader of a revision wants to see what moved, not the whole text again.
"""

from __future__ import annotations

import html
from difflib import SequenceMatcher

LONG = 8  # a text of more words than this is compared word by word (a short value reads better whole)
CONTEXT = 6  # unchanged words kept on each side of a change
HIDDEN = 3  # an unchanged stretch is cut only when more than this many words would be hidden
ELLIPSIS = "…"


def words_changed(before: object, after: object) -> str | None:
    """Escaped HTML of the rewritten text with `<del>`/`<ins>`, or None when not two long texts."""
    if not (isinstance(before, str) and isinstance(after, str)):
        return None
    old, new = before.split(), after.split()
    if max(len(old), len(new)) <= LONG or old == new:  # short, or only spacing changed: shown whole
        return None
    segments = _segments(old, new)
    kept = sum(len(words) for words, _, same in segments if same)
    if kept < SIMILAR * max(len(old), len(new)):  # rewritten through: word by word would only scatter it
        segments = [(old, new, False)]
    parts: list[str] = []
    for index, (before_words, after_words, same) in enumerate(segments):
        if same:
            parts.append(_context(before_words, first=index == 0, last=index == len(segments) - 1))
            continue
        if before_words:
            parts.append(f"<del>{_escaped(before_words)}</del>")
        if after_words:
            parts.append(f"<ins>{_escaped(after_words)}</ins>")
    return f"« {' '.join(p for p in parts if p)} »"


SIMILAR = 0.4  # below this share of words kept, a text is shown as replaced whole


def _segments(old: list[str], new: list[str]) -> list[tuple[list[str], list[str], bool]]:
    """(words before, words after, unchanged) in order; a word or two left unchanged between two changes is
    counted in the change (« pour », « de » alone between rewritten phrases only cut them up)."""
    raw = [(old[i1:i2], new[j1:j2], tag == "equal")
           for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()]
    merged: list[tuple[list[str], list[str], bool]] = []
    for index, (before, after, same) in enumerate(raw):
        inner = 0 < index < len(raw) - 1
        if same and inner and len(before) <= 2:
            same = False
        if merged and not same and not merged[-1][2]:
            previous = merged.pop()
            before, after = previous[0] + before, previous[1] + after
        merged.append((before, after, same))
    return merged


def _context(words: list[str], first: bool, last: bool) -> str:
    """An unchanged stretch: whole when short, else its ends next to the changes, the middle cut."""
    keep_start = 0 if first else CONTEXT
    keep_end = 0 if last else CONTEXT
    if len(words) <= keep_start + keep_end + HIDDEN:  # cutting would hide only a word or two
        return _escaped(words)
    head, tail = words[:keep_start], words[len(words) - keep_end:] if keep_end else []
    return " ".join(part for part in (_escaped(head), ELLIPSIS, _escaped(tail)) if part)


def _escaped(words: list[str]) -> str:
    return html.escape(" ".join(words), quote=False)
