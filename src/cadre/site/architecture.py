"""The architecture pages: one per diagram of the whole edition, the index of diagrams, and each entity's context
diagram, all drawn from the data by the definitions of the project's `diagrams/` folder."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cadre.cache import ContentCache
from cadre.timing import processor_seconds
from cadre.site.figures import Definition, Figure, RenderStats, draw_all, load_definitions, svg_size
from cadre.site.figures.inline import as_file
from cadre.site.templating import Renderer, front_matter

FOLDER = "architecture"
TITLE = "Architecture"


@dataclass(frozen=True)
class Drawn:
    figure: Figure
    svg_path: str  # path of the SVG file from the site root
    width: int  # natural width in CSS pixels
    svg: str = ""  # the drawing, its links relative to the site root (placed by figures.inline)

    @property
    def anchor(self) -> str:
        return self.figure.name.replace("/", "-")


@dataclass(frozen=True)
class Architecture:
    definitions: list[Definition]
    whole: dict[str, Drawn]  # definition name -> its diagram of the whole edition
    contexts: dict[tuple[str, str], Drawn]  # (kind, id) -> the entity's context diagram
    svgs: dict[str, str]  # path -> SVG text of the file, links relative to it
    stats: RenderStats

    @property
    def paths(self) -> dict[str, str]:
        """SVG path -> the name of its figure."""
        return {drawn.svg_path: drawn.figure.name for drawn in [*self.whole.values(), *self.contexts.values()]}


Drawer = Callable[[list[Figure], ContentCache, RenderStats], list[str]]  # figures -> their SVG (`draw_all`)


def draw_architecture(renderer: Renderer, diagrams_dir: Path, cache: ContentCache,
                      draw: Drawer = draw_all) -> Architecture:
    """Every figure of the edition, drawn (or taken from the cache) in one parallel pass."""
    started, cpu = time.perf_counter(), processor_seconds()
    kb = renderer.kb
    definitions = load_definitions(diagrams_dir) if diagrams_dir.is_dir() else []
    whole = {d.name: d.build(kb) for d in definitions if d.build}
    per_entity = {(kind, e.id): f for d in definitions if d.build_for for kind in d.entity_kinds
                  for e in kb.all(kind) if has_neighbours(f := d.build_for(kb, kind, e.id))}
    figures = [*whole.values(), *per_entity.values()]
    stats = RenderStats()
    svgs = dict(zip((f"{FOLDER}/{f.name}.svg" for f in figures), draw(figures, cache, stats), strict=True))
    drawn = {f.name: Drawn(f, path, svg_size(svgs[path])[0], svgs[path])
             for f in figures for path in [f"{FOLDER}/{f.name}.svg"]}
    files = {path: as_file(svg, path) for path, svg in svgs.items()}
    stats.seconds = time.perf_counter() - started  # the figures' definitions included
    stats.cpu = processor_seconds() - cpu
    return Architecture(definitions, {n: drawn[f.name] for n, f in whole.items()},
                        {key: drawn[f.name] for key, f in per_entity.items()}, files, stats)


def has_neighbours(figure: Figure) -> bool:
    """A context diagram is worth showing when it draws more than the entity itself."""
    return sum(1 for _ in figure.boxes()) > 1


def architecture_pages(renderer: Renderer, architecture: Architecture) -> dict[str, str]:
    pages = {f"{FOLDER}/index.md": _page(renderer, f"{FOLDER}/index.md", TITLE, "architecture.md.j2",
                                         definitions=architecture.definitions)}
    for definition in architecture.definitions:
        path = f"{FOLDER}/{definition.name}.md"
        drawn = architecture.whole.get(definition.name)
        pages[path] = _page(renderer, path, definition.title, "diagramme.md.j2", definition=definition, drawn=drawn)
    return pages


def _page(renderer: Renderer, path: str, title: str, template: str, **values: object) -> str:
    return f"{front_matter(title)}# {title}\n\n" + renderer.render(template, path, **values)
