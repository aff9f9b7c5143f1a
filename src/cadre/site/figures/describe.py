"""The text alternative of a figure: the structured list of what it draws, in Markdown made from plain labels."""

from __future__ import annotations

import html
from collections.abc import Callable

from cadre.site.figures.model import Box, Figure, Group
from cadre.text import for_markdown

Resolver = Callable[[str], str | None]


def describe(figure: Figure, href: Resolver = lambda url: None) -> str:
    """The structured list of what the figure draws, in Markdown; `href` turns a permalink into a link
    (or None to leave the name unlinked)."""
    lines = [f"{_escape(line)}\n" for line in figure.legend]  # how to read it, before what it shows
    lines += _describe_items(figure.items, href, 0)
    relations = [link for link in figure.links if link.visible]
    if relations:
        names = figure.names()
        lines += ["", f"**{figure.relations}** :", ""]
        lines += [f"- {_escape(names[r.de_groupe or r.source])} → {_escape(names[r.vers_groupe or r.target])}"
                  + (f" ({_escape(r.label)})" if r.label else "") + (" (en pointillés)" if r.dashed else "")
                  for r in relations]
    return "\n".join(lines) + "\n"


def _describe_items(items: tuple[Box | Group, ...], href: Resolver, depth: int) -> list[str]:
    indent = "    " * depth
    lines = []
    for item in items:
        name = _linked(item.label, item.lien, href)
        if isinstance(item, Group):
            lines.append(f"{indent}- **{name}**" + (" (en pointillés)" if item.dashed else ""))
            lines += _describe_items(item.items, href, depth + 1)
        else:
            extra = "".join(f" ; {_escape(d)}" for d in item.details)
            full = f" : « {_escape(item.texte)} »" if item.texte else ""
            lines.append(f"{indent}- {name}{extra}{full}")
    return lines


def _linked(label: str, lien: str | None, href: Resolver) -> str:
    target = href(lien) if lien else None
    return f"[{_escape(label)}]({target})" if target else _escape(label)


def _escape(text: str) -> str:
    """Labels are plain text (from data): shown as such, inert for the Markdown page that holds them."""
    return for_markdown(html.escape(" ".join(text.split()), quote=False), line_start=False)
