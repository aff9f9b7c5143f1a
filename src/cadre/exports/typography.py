"""French typography for the printed documents (PDF), applied to text nodes of already safe HTML."""

from __future__ import annotations

import re

_NBSP_BEFORE = re.compile(r" ([;:!?»])")
_NBSP_AFTER = re.compile(r"« ")


def french_spacing(text: str) -> str:
    """A narrow no-break space before ; : ! ? » and after «, so they never start a line."""
    return _NBSP_AFTER.sub("«\u202f", _NBSP_BEFORE.sub("\u202f\\1", text))


def french_spacing_html(html: str) -> str:
    """Apply `french_spacing` to text nodes only, never inside tags or URLs."""
    return re.sub(r">([^<]+)<", lambda m: ">" + french_spacing(m.group(1)) + "<", html)
