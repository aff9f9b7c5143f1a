"""What a diagram draws: boxes, nested groups and links with French labels, built from the knowledge base by the
definitions of the project's `diagrams/` folder. Plain values: a figure is hashed to name its drawing."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity
from cadre.model.kinds import label, short_label
from cadre.text import plain

FONT = "DejaVu Sans"
FONT_STACK = "DejaVu Sans, Verdana, Arial, sans-serif"  # installed locally by readers' systems, never downloaded
TEXT_COLOUR = "#1a1a1a"

# fill and border of each tone: dark text on light fills keeps a contrast ratio above 7:1
TONES: dict[str, tuple[str, str]] = {
    "neutre": ("#ffffff", "#4a5568"),
    "accent": ("#d6eaff", "#0b4f8a"),
    "perimetre": ("#e3f4e4", "#1b5e20"),
    "attenue": ("#f1f1f1", "#6b6b6b"),
    "focus": ("#ffe9a8", "#7a5a00"),
    "axe": ("#263238", "#263238"),  # year markers of a time axis: white text
    "groupe": ("#f6f8fa", "#4a5568"),
}


# --- what a diagram draws ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """One thing the diagram names: an entity (with its permalink) or a plain statement."""

    id: str
    label: str
    tone: str = "neutre"
    lien: str | None = None  # permalink relative to the site root, used by the text alternative
    details: tuple[str, ...] = ()  # extra lines, drawn under the label and listed in the text alternative
    dashed: bool = False
    texte: str | None = None  # the full wording, for the text alternative when the drawn label is shortened


@dataclass(frozen=True)
class Group:
    """A labelled area holding boxes and smaller groups (a family, a category, a year…)."""

    id: str
    label: str
    items: tuple[Box | Group, ...] = ()
    tone: str = "groupe"
    dashed: bool = False
    lien: str | None = None


@dataclass(frozen=True)
class Link:
    """An arrow between two boxes; `visible=False` only orders the layout and is not described."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False
    visible: bool = True
    couleur: str | None = None  # a dark colour, to tell crossing arrows apart
    bold: bool = False
    de_groupe: str | None = None  # draw the arrow from the frame of this group (source is a box inside it)
    vers_groupe: str | None = None  # draw the arrow to the frame of this group (target is a box inside it)


@dataclass(frozen=True)
class Figure:
    name: str  # file stem: `architecture/<name>.svg`
    title: str
    items: tuple[Box | Group, ...]
    links: tuple[Link, ...] = ()
    direction: str = "TB"
    legend: tuple[str, ...] = ()  # reading conventions (what a colour or a dashed line means)
    relations: str = "Relations représentées"  # heading of the list of arrows in the text alternative
    wrap: int = 28  # characters per line of a box label

    def content(self) -> str:
        """Everything the drawing depends on in the figure itself (the drawing code adds its own part)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    def boxes(self) -> Iterator[Box]:
        yield from _boxes(self.items)

    def names(self) -> dict[str, str]:
        """Label of every box and group by id."""
        names = {box.id: box.label for box in self.boxes()}
        names.update({group.id: group.label for group in _groups(self.items)})
        return names

    def problems(self) -> list[str]:
        """What could not be drawn as defined: an id given twice, an arrow to a box the figure does not draw, or
        from or to the frame of a group it does not draw or that does not hold that end. Whatever the data, a
        definition must give none (the drawing refuses such a figure, naming it)."""
        boxes, groups = [b.id for b in self.boxes()], list(_groups(self.items))
        found = [f"boîte « {i} » définie deux fois" for i in _twice(boxes)]
        drawn = set(boxes)
        found += [f"groupe « {i} » défini deux fois" for i in _twice([g.id for g in groups])]
        held = {g.id: set(box_ids(g)) for g in groups}
        for link in self.links:
            arrow = f"lien {link.source} → {link.target}"
            found += [f"{arrow} : boîte inconnue « {end} »" for end in (link.source, link.target) if end not in drawn]
            for group, end in ((link.de_groupe, link.source), (link.vers_groupe, link.target)):
                if group is not None and end not in held.get(group, ()):
                    found.append(f"{arrow} : le groupe « {group} » n'est pas dessiné ou ne contient pas {end}")
        return found


def _twice(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({i for i in ids if i in seen or seen.add(i)})


def box_ids(item: Box | Group) -> list[str]:
    """The ids of the boxes an item draws, in order. Arrows end on boxes: a group is reached through them."""
    return [item.id] if isinstance(item, Box) else [box.id for box in _boxes(item.items)]


def _groups(items: tuple[Box | Group, ...]) -> Iterator[Group]:
    for item in items:
        if isinstance(item, Group):
            yield item
            yield from _groups(item.items)


def _boxes(items: tuple[Box | Group, ...]) -> Iterator[Box]:
    for item in items:
        if isinstance(item, Group):
            yield from _boxes(item.items)
        else:
            yield item


# --- helpers for definitions ---------------------------------------------------------------------------------


LONGEST_LABEL = 400  # characters drawn in one label; the text alternative keeps every word
# Graphviz refuses a quoted string over 16 384 bytes: at most 4 bytes a character once encoded and escaped, the
# whole text of a box (its label and its detail lines) stays under this many characters
LONGEST_BOX = 2400


def cap(text: str, size: int = LONGEST_LABEL) -> str:
    """At most `size` characters of a text drawn as it is (a title): no label reads longer, and Graphviz fails on
    huge ones."""
    return text if len(text) <= size else text[:size].rstrip() + "…"


def wrap(text: str, width: int) -> str:
    """Break a label into lines of about `width` characters (Graphviz does not wrap by itself); a word longer
    than a line is broken, and a label longer than any box reads is cut (Graphviz fails on huge labels)."""
    text = cap(text)
    lines = [line for para in text.splitlines()
             for line in (textwrap.wrap(para, width, break_on_hyphens=False) or [""])]
    return "\n".join(lines)


def clip(text: str, size: int = 70) -> str:
    """The first words of a long text, for a label; the text alternative keeps the whole text."""
    text = plain(text)
    if len(text) <= size:
        return text
    return text[:size].rsplit(" ", 1)[0].rstrip(" ,;:(") + "…"


def name_of(entity: Entity) -> str:
    """The name a reader knows an entity by, as plain text: its acronym when it has one, else its label."""
    return plain(short_label(entity))


def full_name_of(entity: Entity) -> str:
    return plain(label(entity))


def node_id(kind: str, entity_id: str) -> str:
    return f"{kind}__{entity_id}".replace("-", "_")


def entity_box(kb: KnowledgeBase, kind: str, entity: Entity, tone: str = "neutre",
               details: tuple[str, ...] = (), short: bool = False) -> Box:
    name = name_of(entity) if short else full_name_of(entity)
    return Box(node_id(kind, entity.id), name, tone, kb.url(kind, entity.id), details)


def columns_layout(blocks: list[list[str]], columns: int, above: tuple[str, ...] = ()) -> tuple[Link, ...]:
    """Invisible links that lay blocks of boxes out in `columns` columns (top-to-bottom diagrams), each
    block's boxes one under the other and every block under the `above` boxes: keeps wide content narrow."""
    links: list[Link] = []
    for block in blocks:
        links += [Link(a, b, visible=False) for a, b in zip(block, block[1:], strict=False)]
    for index, block in enumerate(blocks):
        if not block:
            continue
        if index >= columns and blocks[index - columns]:
            links.append(Link(blocks[index - columns][-1], block[0], visible=False))
        else:
            links += [Link(anchor, block[0], visible=False) for anchor in above]
    return tuple(links)



