"""Architecture diagrams drawn from the knowledge base, as self-contained SVG with a text alternative.

A diagram definition (one module in the project's `diagrams/` folder) turns the knowledge base into a
`Figure`: boxes, nested groups and links, with French labels. This module draws a `Figure` with the
`diagrams` package (Graphviz), keeps the SVG free of any file or network reference, caches it by a hash of
the figure (the diagram's whole input), and writes the text alternative from the same `Figure`, so the
picture and its description cannot drift apart. Plain Python: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.etree import ElementTree

from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS
from cadre.model import Entity

log = logging.getLogger("mkdocs.plugins.cadre.site.figures")

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

    def key(self) -> str:
        """Hash of everything the drawing depends on: the figure itself and the drawing code."""
        payload = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256((payload + _renderer_fingerprint()).encode()).hexdigest()[:24]

    def boxes(self) -> Iterator[Box]:
        yield from _boxes(self.items)

    def names(self) -> dict[str, str]:
        """Label of every box and group by id."""
        names = {box.id: box.label for box in self.boxes()}
        names.update({group.id: group.label for group in _groups(self.items)})
        return names


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


def wrap(text: str, width: int) -> str:
    """Break a label into lines of about `width` characters (Graphviz does not wrap by itself)."""
    lines = [line for para in text.splitlines()
             for line in (textwrap.wrap(para, width, break_on_hyphens=False, break_long_words=False) or [""])]
    return "\n".join(lines)


def clip(text: str, size: int = 70) -> str:
    """The first words of a long text, for a label; the text alternative keeps the whole text."""
    text = plain(text)
    if len(text) <= size:
        return text
    return text[:size].rsplit(" ", 1)[0].rstrip(" ,;:(") + "…"


def plain(text: str) -> str:
    """A Markdown text as one plain line for a label: emphasis, links and footnote calls removed."""
    text = re.sub(r"\[\^\d+\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text).replace("\\", "")
    return " ".join(text.split())


def name_of(entity: Entity) -> str:
    """The name a reader knows an entity by: its acronym when it has one, else its name or title."""
    for attr in ("sigle", "nom", "titre", "libelle", "ligne"):
        value = getattr(entity, attr, None)
        if value:
            return plain(str(value))
    return entity.id


def full_name_of(entity: Entity) -> str:
    for attr in ("nom", "titre", "libelle", "ligne", "sigle"):
        value = getattr(entity, attr, None)
        if value:
            return plain(str(value))
    return entity.id


def node_id(kind: str, entity_id: str) -> str:
    return f"{kind}__{entity_id}".replace("-", "_")


def entity_box(kb: KnowledgeBase, kind: str, entity: Entity, tone: str = "neutre",
               details: tuple[str, ...] = (), short: bool = False) -> Box:
    label = name_of(entity) if short else full_name_of(entity)
    return Box(node_id(kind, entity.id), label, tone, kb.url(kind, entity.id), details)


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


def sibling(module_file: str, name: str) -> ModuleType:
    """Another definition of the same folder (definitions are files, not a package)."""
    return _import(Path(module_file).with_name(f"{name}.py"))


# --- definitions: one module per diagram in the project's `diagrams/` folder ---------------------------------


@dataclass(frozen=True)
class Definition:
    name: str
    title: str
    order: int
    introduction: str  # Markdown shown above the diagram: what it shows, for a reader new to the framework
    build: Callable[[KnowledgeBase], Figure] | None  # a diagram of the whole edition
    build_for: Callable[[KnowledgeBase, str, str], Figure] | None = None  # a diagram per entity
    entity_kinds: tuple[str, ...] = ()


def load_definitions(folder: Path) -> list[Definition]:
    """Import each `*.py` of `folder` by path (the folder is not a package, so it never shadows the
    `diagrams` library) and read its TITRE, ORDRE, INTRODUCTION and `figure` / `figure_entite`."""
    definitions = [_definition(path) for path in sorted(folder.glob("*.py")) if not path.name.startswith("_")]
    return sorted(definitions, key=lambda d: (d.order, d.name))


def _definition(path: Path) -> Definition:
    module = _import(path)
    kinds = tuple(getattr(module, "KINDS_ENTITE", ()))
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"{path}: KINDS_ENTITE cite une sorte d'entité inconnue « {kind} »")
    return Definition(
        name=path.stem,
        title=module.TITRE,
        order=module.ORDRE,
        introduction=module.INTRODUCTION,
        build=getattr(module, "figure", None),
        build_for=getattr(module, "figure_entite", None),
        entity_kinds=kinds,
    )


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"cadre_diagramme_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"impossible de charger la définition de diagramme {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- rendering with a cache ----------------------------------------------------------------------------------


@dataclass
class RenderStats:
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{len(self.rendered) + len(self.reused)} diagramme(s) : {len(self.rendered)} rendu(s), "
                f"{len(self.reused)} repris du cache ({self.seconds:.2f} s)")


class FigureCache:
    """SVG by figure hash in `folder`: a rebuild with unchanged data renders no diagram again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats = RenderStats()

    def svg(self, figure: Figure) -> str:
        return self.svgs([figure])[0]

    def svgs(self, figures: list[Figure]) -> list[str]:
        """The SVG of each figure; those missing from the cache are drawn in parallel (each drawing mostly
        waits for a `dot` process, and `diagrams` keeps its current diagram in a context variable)."""
        started = time.perf_counter()
        paths = [self.folder / f"{f.name.replace('/', '-')}-{f.key()}.svg" for f in figures]
        missing = [(f, p) for f, p in zip(figures, paths, strict=True) if not p.exists()]
        if missing:
            self.folder.mkdir(parents=True, exist_ok=True)
            with ThreadPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1, 8)) as pool:
                for (figure, path), svg in zip(missing, pool.map(render_svg, [f for f, _ in missing]), strict=True):
                    partial = path.with_suffix(f".{os.getpid()}.tmp")
                    partial.write_text(svg, encoding="utf-8")
                    partial.replace(path)  # atomic: a concurrent build never reads half a file
                    self.stats.rendered.append(figure.name)
        drawn = {p for _, p in missing}
        self.stats.reused += [f.name for f, p in zip(figures, paths, strict=True) if p not in drawn]
        self.stats.seconds += time.perf_counter() - started
        return [p.read_text(encoding="utf-8") for p in paths]


def render_svg(figure: Figure) -> str:
    """Draw the figure with `diagrams` into a temporary folder and return the cleaned SVG text."""
    with tempfile.TemporaryDirectory(prefix="cadre-diagramme-") as tmp:
        target = Path(tmp) / "figure"
        _draw(figure, target)
        return clean_svg(target.with_suffix(".svg").read_text(encoding="utf-8"))


def _draw(figure: Figure, target: Path) -> None:
    import diagrams  # imported here: it costs more than drawing, and a warm build never needs it

    graph = {"pad": "0.2", "fontname": FONT, "fontsize": "16", "fontcolor": TEXT_COLOUR, "labelloc": "t",
             "bgcolor": "white", "nodesep": "0.25", "ranksep": "0.45", "splines": "spline", "compound": "true",
             "newrank": "true"}
    node = {"shape": "box", "style": "rounded,filled", "fixedsize": "false", "labelloc": "c", "width": "1.2",
            "height": "0.45", "margin": "0.12,0.06", "fontname": FONT, "fontsize": "12",
            "fontcolor": TEXT_COLOUR}
    edge = {"color": "#37474f", "fontname": FONT, "fontsize": "10", "fontcolor": TEXT_COLOUR}
    with diagrams.Diagram(figure.title, filename=str(target), outformat="svg", show=False,
                          direction=figure.direction, graph_attr=graph, node_attr=node, edge_attr=edge):
        clusters: dict[str, str] = {}
        nodes = _draw_items(diagrams, figure.items, figure.wrap, clusters)
        for link in figure.links:
            _draw_link(diagrams, nodes, clusters, link)


def _draw_items(diagrams: Any, items: tuple[Box | Group, ...], width: int,
                clusters: dict[str, str]) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    for item in items:
        if isinstance(item, Group):
            fill, border = TONES[item.tone]
            attrs = {"bgcolor": fill, "pencolor": border, "fontname": f"{FONT} Bold", "fontsize": "13",
                     "fontcolor": TEXT_COLOUR, "style": "rounded,dashed" if item.dashed else "rounded",
                     "margin": "10", "penwidth": "1.5"}
            with diagrams.Cluster(wrap(item.label, 40), graph_attr=attrs) as cluster:
                # `diagrams` names a cluster after its label: two groups with one label would merge
                cluster.dot.name = clusters[item.id] = f"cluster_{item.id}"
                nodes.update(_draw_items(diagrams, item.items, width, clusters))
        else:
            nodes[item.id] = _draw_box(diagrams, item, width)
    return nodes


def _draw_box(diagrams: Any, box: Box, width: int) -> Any:
    fill, border = TONES[box.tone]
    label = wrap(box.label, width)
    if any(d[:1] in "•★" for d in box.details):  # a list: left-aligned lines (Graphviz's \l), items indented
        items = [wrap(d, width + 6).replace("\n", "\\l   ") for d in box.details]
        label += "\n" + "\\l".join(items) + "\\l"
    elif box.details:
        label += "\n" + "\n".join(wrap(d, width + 6) for d in box.details)
    style = "rounded,filled,dashed" if box.dashed else "rounded,filled"
    font_colour = "#ffffff" if box.tone == "axe" else TEXT_COLOUR
    penwidth = "2" if box.tone in ("accent", "focus", "perimetre") else "1.2"
    return diagrams.Node(label, nodeid=box.id, fillcolor=fill, color=border, fontcolor=font_colour,
                         style=style, penwidth=penwidth)


def _draw_link(diagrams: Any, nodes: dict[str, Any], clusters: dict[str, str], link: Link) -> None:
    if link.source not in nodes or link.target not in nodes:
        raise KeyError(f"lien {link.source} → {link.target} : boîte inconnue")
    attrs: dict[str, str] = {"fontname": FONT, "fontsize": "10", "fontcolor": TEXT_COLOUR}
    if not link.visible:
        attrs.update(style="invis", arrowhead="none")
    elif link.dashed:
        attrs["style"] = "dashed"
    if link.couleur:
        attrs["color"] = link.couleur
    if link.bold:
        attrs["penwidth"] = "2.5"
    if link.de_groupe:
        attrs["ltail"] = clusters[link.de_groupe]
    if link.vers_groupe:
        attrs["lhead"] = clusters[link.vers_groupe]
    edge = diagrams.Edge(label=wrap(link.label, 24) if link.label else "", **attrs)
    nodes[link.source] >> edge >> nodes[link.target]


_BOLD = re.compile(rf'font-family="{FONT} Bold"')
_FAMILY = re.compile(rf'font-family="{FONT}"')


def clean_svg(svg: str) -> str:
    """Keep only the <svg> element, with a font stack, a scalable size and no reference to anything."""
    start = svg.index("<svg")
    svg = re.sub(r"<!--.*?-->\n?", "", svg[start:], flags=re.S)
    svg = _BOLD.sub(f'font-family="{FONT_STACK}" font-weight="bold"', svg)
    svg = _FAMILY.sub(f'font-family="{FONT_STACK}"', svg)
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "", 1)
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    problems = external_references(svg)
    if problems:
        raise ValueError(f"le SVG référence des ressources externes : {problems}")
    return svg


def external_references(svg: str) -> list[str]:
    """Every href, image or url(...) in an SVG: a self-contained diagram has none."""
    root = ElementTree.fromstring(svg)
    found = []
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href") or "url(" in value:
                found.append(f"{element.tag} {name}={value}")
        if element.tag.endswith("image"):
            found.append(element.tag)
    if "@import" in svg or "@font-face" in svg:
        found.append("css import / font-face")
    return found


def svg_size(svg: str) -> tuple[int, int]:
    """Natural size in CSS pixels (Graphviz writes points)."""
    match = re.search(r'<svg[^>]*width="([\d.]+)pt"[^>]*height="([\d.]+)pt"', svg)
    if not match:
        return (800, 600)
    return round(float(match.group(1)) * 4 / 3), round(float(match.group(2)) * 4 / 3)


_FINGERPRINT: list[str] = []


def _renderer_fingerprint() -> str:
    """The drawing code takes part in the cache key, so changing how figures are drawn redraws them."""
    if not _FINGERPRINT:
        import importlib.metadata

        source = Path(__file__).read_bytes()
        version = importlib.metadata.version("diagrams")
        _FINGERPRINT.append(hashlib.sha256(source).hexdigest() + version)
    return _FINGERPRINT[0]


# --- the text alternative ------------------------------------------------------------------------------------

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
    """Labels are plain text: keep Markdown and Jinja (macros plugin) from reading them as markup."""
    text = " ".join(text.split())
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return text.replace("{", "&#123;").replace("}", "&#125;")
