"""Architecture diagrams drawn from the knowledge base, as self-contained SVG with a text alternative.

A definition (one module of the project's `diagrams/` folder) turns the knowledge base into a `Figure` (model);
`drawing` draws it with `diagrams` (Graphviz), once per content; `describe` writes the text alternative from the
same figure, so the picture and its description cannot drift apart. Plain Python: no MkDocs import.
"""

from cadre.site.figures.definitions import Definition, load_definitions, sibling
from cadre.site.figures.describe import describe
from cadre.site.figures.drawing import RenderStats, draw_all, render_svg, svg_size
from cadre.site.figures.model import (
    Box,
    Figure,
    Group,
    Link,
    box_ids,
    cap,
    clip,
    columns_layout,
    entity_box,
    full_name_of,
    name_of,
    node_id,
    wrap,
)

__all__ = ["Box", "Definition", "Figure", "Group", "Link", "RenderStats", "box_ids", "cap", "clip", "columns_layout",
           "describe", "draw_all", "entity_box", "full_name_of", "load_definitions", "name_of", "node_id", "render_svg",
           "sibling", "svg_size", "wrap"]
