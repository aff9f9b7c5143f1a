"""Drawing a figure with `diagrams` (Graphviz) into a self-contained SVG, drawn once per content (cache)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cadre.cache import ContentCache, content_key
from cadre.site.figures.inline import is_permalink
from cadre.site.figures.model import (
    FONT,
    FONT_STACK,
    LONGEST_BOX,
    TEXT_COLOUR,
    TONES,
    Box,
    Figure,
    Group,
    Link,
    cap,
    wrap,
)
from cadre.text import graphviz_escape, graphviz_label


@dataclass
class RenderStats:
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0
    keys: dict[str, str] = field(default_factory=dict)  # figure name -> the cache key of its drawing
    cpu: float = 0.0  # processor seconds, Graphviz included

    def summary(self) -> str:
        return (f"{len(self.rendered) + len(self.reused)} diagramme(s) : {len(self.rendered)} rendu(s), "
                f"{len(self.reused)} repris du cache ({self.seconds:.2f} s, {self.cpu:.2f} s CPU)")


def draw_all(figures: list[Figure], cache: ContentCache, stats: RenderStats | None = None) -> list[str]:
    """The SVG of each figure, drawn only when no drawing of the same content exists. Missing ones are drawn in
    parallel threads (each drawing mostly waits for a `dot` process)."""
    stats = stats if stats is not None else RenderStats()
    started = time.perf_counter()
    keys = [content_key(f.content(), _renderer_fingerprint()) for f in figures]
    stats.keys.update((f.name, key) for f, key in zip(figures, keys, strict=True))
    svgs: dict[str, str] = {}
    for key in keys:
        found = (cache.read("diagrams", key, ".svg") or b"").decode() or None
        if found:
            svgs[key] = found
    missing = [(f, k) for f, k in zip(figures, keys, strict=True) if k not in svgs]
    if missing:
        with ThreadPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1, 8)) as pool:
            for (figure, key), svg in zip(missing, pool.map(render_svg, [f for f, _ in missing]), strict=True):
                cache.write("diagrams", key, ".svg", svg.encode())
                svgs[key] = svg
                stats.rendered.append(figure.name)
    stats.reused += [f.name for f, k in zip(figures, keys, strict=True) if k not in {m[1] for m in missing}]
    stats.seconds += time.perf_counter() - started
    return [svgs[key] for key in keys]


def render_svg(figure: Figure) -> str:
    """Draw the figure with `diagrams` into a temporary folder and return the cleaned SVG text."""
    problems = figure.problems()
    if problems:  # a definition's mistake, whatever the data: say which figure and what, before Graphviz does
        raise ValueError(f"diagramme {figure.name} : " + " ; ".join(problems))
    with tempfile.TemporaryDirectory(prefix="cadre-diagramme-") as tmp:
        target = Path(tmp) / "figure"
        _draw(figure, target)
        return clean_svg(target.with_suffix(".svg").read_text(encoding="utf-8"))


def _draw(figure: Figure, target: Path) -> None:
    import diagrams  # imported here: it costs more than drawing, and a warm build never needs it

    graph = {"pad": "0.2", "fontname": FONT, "fontsize": "16", "fontcolor": TEXT_COLOUR, "labelloc": "t", "labeljust": "l",
             "bgcolor": "white", "nodesep": "0.25", "ranksep": "0.45", "splines": "spline", "compound": "true",
             "newrank": "true"}
    node = {"shape": "box", "style": "rounded,filled", "fixedsize": "false", "labelloc": "c", "width": "1.2",
            "height": "0.45", "margin": "0.12,0.06", "fontname": FONT, "fontsize": "12",
            "fontcolor": TEXT_COLOUR}
    edge = {"color": "#37474f", "fontname": FONT, "fontsize": "10", "fontcolor": TEXT_COLOUR}
    title = graphviz_label(graphviz_escape(cap(figure.title)))
    with diagrams.Diagram(title, filename=str(target), outformat="svg", show=False, direction=figure.direction,
                          graph_attr=graph, node_attr=node, edge_attr=edge):
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
            with diagrams.Cluster(graphviz_label(graphviz_escape(wrap(item.label, 40))), graph_attr=attrs) as cluster:
                # `diagrams` names a cluster after its label: two groups with one label would merge
                cluster.dot.name = clusters[item.id] = f"cluster_{graphviz_id(item.id)}"
                nodes.update(_draw_items(diagrams, item.items, width, clusters))
        else:
            nodes[item.id] = _draw_box(diagrams, item, width)
    return nodes


def _draw_box(diagrams: Any, box: Box, width: int) -> Any:
    fill, border = TONES[box.tone]
    # data text is escaped first; the only escape sequences of a label are the drawing's own (\l)
    label = graphviz_escape(wrap(box.label, width))
    if any(d[:1] in "•★" for d in box.details):  # a list: left-aligned lines (Graphviz's \l), items indented
        items = [graphviz_escape(wrap(d, width + 6)).replace("\n", "\\l   ") for d in box.details]
        label += "\n" + "\\l".join(_within(items, len(label))) + "\\l"
    elif box.details:
        label += "\n" + "\n".join(_within([graphviz_escape(wrap(d, width + 6)) for d in box.details], len(label)))
    style = "rounded,filled,dashed" if box.dashed else "rounded,filled"
    font_colour = "#ffffff" if box.tone == "axe" else TEXT_COLOUR
    penwidth = "2" if box.tone in ("accent", "focus", "perimetre") else "1.2"
    # a box with a page is a link to it (a permalink made of slugs: nothing for Graphviz to interpret)
    link = {"href": box.lien} if box.lien and is_permalink(box.lien) else {}
    return diagrams.Node(graphviz_label(label), nodeid=graphviz_id(box.id), fillcolor=fill, color=border,
                         fontcolor=font_colour, style=style, penwidth=penwidth, **link)


_PLAIN_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def graphviz_id(figure_id: str) -> str:
    """The Graphviz name of a box or group. Definitions may build ids from data (a sub-step's letter), and the
    graphviz package quotes names without escaping backslashes: a name ending in `\\` would close no string and
    turn what follows into DOT statements. A name made of plain characters is kept (readable SVG titles); any
    other becomes a digest of itself."""
    if _PLAIN_ID.fullmatch(figure_id):
        return figure_id
    return "id_" + hashlib.sha256(figure_id.encode()).hexdigest()[:24]


def _within(lines: list[str], used: int) -> list[str]:
    """The detail lines a box can hold: the first ones up to LONGEST_BOX characters, then how many are left
    out (the text alternative lists them all)."""
    kept: list[str] = []
    for line in lines:
        used += len(line) + 3
        if used > LONGEST_BOX:
            return [*kept, f"… et {len(lines) - len(kept)} de plus (voir la description)"]
        kept.append(line)
    return kept


def _draw_link(diagrams: Any, nodes: dict[str, Any], clusters: dict[str, str], link: Link) -> None:
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
    edge = diagrams.Edge(label=graphviz_label(graphviz_escape(wrap(link.label, 24))) if link.label else "", **attrs)
    nodes[link.source] >> edge >> nodes[link.target]


# Graphviz's link: the permalink kept as a plain SVG 2 `href`, its tooltip (the label again) dropped
_LINK = re.compile(r'<a xlink:href="([^"]*)" xlink:title="[^"]*">')
_BOLD = re.compile(rf'font-family="{FONT} Bold"')
_FAMILY = re.compile(rf'font-family="{FONT}"')


def clean_svg(svg: str) -> str:
    """Keep only the <svg> element, with a font stack, a scalable size and no reference to anything."""
    start = svg.index("<svg")
    svg = re.sub(r"<!--.*?-->\n?", "", svg[start:], flags=re.S)
    svg = _BOLD.sub(f'font-family="{FONT_STACK}" font-weight="bold"', svg)
    svg = _FAMILY.sub(f'font-family="{FONT_STACK}"', svg)
    svg = _LINK.sub(r'<a href="\1">', svg)
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "", 1)
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    problems = external_references(svg)
    if problems:
        raise ValueError(f"le SVG référence des ressources externes : {problems}")
    return svg


def external_references(svg: str) -> list[str]:
    """Every href, image, url(...) or CSS import in an SVG: a self-contained diagram has none but its links to
    the site's own pages (permalinks). Stylesheets are looked for in <style> elements and style attributes
    only: a label may say « @import » as text."""
    root = ElementTree.fromstring(svg)
    found = []
    for element in root.iter():
        for name, value in element.attrib.items():
            own_link = name == "href" and element.tag.endswith("}a") and is_permalink(value)
            if (name.endswith("href") and not own_link) or "url(" in value or (name == "style" and "@" in value):
                found.append(f"{element.tag} {name}={value}")
        if element.tag.endswith(("image", "style")):
            found.append(element.tag)
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


