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
ELLIPSIS = "…"


def words_changed(before: object, after: object) -> str | None:
    """Escaped HTML of the rewritten text with `<del>`/`<ins>`, or None when not two long texts."""
    if not (isinstance(before, str) and isinstance(after, str)):
        return None
    old, new = before.split(), after.split()
    if max(len(old), len(new)) <= LONG or old == new:  # short, or only spacing changed: shown whole
        return None
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_context(old[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        if i2 > i1:
            parts.append(f"<del>{_escaped(old[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_escaped(new[j1:j2])}</ins>")
    return f"« {' '.join(p for p in parts if p)} »"


def _context(words: list[str], first: bool, last: bool) -> str:
    """An unchanged stretch: whole when short, else its ends next to the changes, the middle cut."""
    keep_start = 0 if first else CONTEXT
    keep_end = 0 if last else CONTEXT
    if len(words) <= keep_start + keep_end + 1:
        return _escaped(words)
    head, tail = words[:keep_start], words[len(words) - keep_end:] if keep_end else []
    return " ".join(part for part in (_escaped(head), ELLIPSIS, _escaped(tail)) if part)


def _escaped(words: list[str]) -> str:
    return html.escape(" ".join(words), quote=False)
