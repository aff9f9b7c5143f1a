"""MkDocs hook: the architecture diagrams drawn from the data (`diagrams/`, rendered by `cadre.site.figures`).

- pages `architecture/index.md` and `architecture/<name>.md` (one per diagram), each with its SVG and the
  text alternative generated from the same figure;
- the SVG files themselves, `architecture/<name>.svg` and `architecture/contexte/<kind>-<id>.svg`;
- on every fact sheet and service page (front matter `entity_kind` / `entity_id`), its context diagram.

SVG are cached in `.cache/diagrams/` (or `CADRE_DIAGRAMS_CACHE`) by a hash of each figure: a rebuild with
unchanged data draws nothing; the build log says how many diagrams were drawn and how many reused.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cadre.loading.knowledge import InvalidEdition, KnowledgeBase
from cadre.model.kinds import KINDS
from cadre.site.context import current_knowledge_base
from cadre.site.figures import Definition, Figure, FigureCache, describe, load_definitions, log, svg_size
from cadre.site.links import relative
from cadre.site.text import inline

FOLDER = "architecture"
SECTION = "Architecture"


@dataclass(frozen=True)
class Drawn:
    figure: Figure
    svg_path: str  # docs-relative path of the SVG file
    width: int  # natural width in CSS pixels


_state: dict[str, object] = {"pages": {}, "contexts": {}}


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def cache_folder(project: Path) -> Path:
    return Path(os.environ.get("CADRE_DIAGRAMS_CACHE") or project / ".cache" / "diagrams")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = _project(config)
    try:
        kb = current_knowledge_base(project)
    except InvalidEdition as error:
        raise PluginError(str(error)) from None
    definitions = load_definitions(project / "diagrams")
    cache = FigureCache(cache_folder(project))
    whole = {d.name: d.build(kb) for d in definitions if d.build}
    per_entity = {(kind, e.id): d.build_for(kb, kind, e.id)
                  for d in definitions if d.build_for for kind in d.entity_kinds for e in kb.all(kind)}
    figures = [*whole.values(), *per_entity.values()]
    drawn = {f.name: _add_svg(files, config, f, svg) for f, svg in zip(figures, cache.svgs(figures), strict=True)}
    pages = {f"{FOLDER}/{d.name}.md": diagram_page(d, drawn[whole[d.name].name]) for d in definitions if d.build}
    pages.update({f"{FOLDER}/{d.name}.md": context_index_page(kb, d) for d in definitions if d.build_for})
    pages[f"{FOLDER}/index.md"] = index_page(definitions)
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    _state["contexts"] = {key: drawn[figure.name] for key, figure in per_entity.items()}
    log.info(cache.stats.summary())
    return files


def _add_svg(files: Files, config: MkDocsConfig, figure: Figure, svg: str) -> Drawn:
    path = f"{FOLDER}/{figure.name}.svg"
    files.append(File.generated(config, path, content=svg))
    return Drawn(figure, path, svg_size(svg)[0])


# --- page content --------------------------------------------------------------------------------------------


def _front(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nrender_macros: false\n---\n\n# {title}\n\n"


def figure_block(drawn: Drawn, from_file: str, heading: str = "##") -> str:
    """The image (a Markdown image, so MkDocs checks and rewrites its path), then the text alternative
    generated from the same figure, which the image's alt text points to."""
    name = drawn.figure.name.replace("/", "-")
    src = posixpath.relpath(drawn.svg_path, posixpath.dirname(from_file))
    alt = f"Diagramme : {drawn.figure.title} (description détaillée dans la liste qui suit)"
    description = describe(drawn.figure, lambda url: relative(from_file, url))
    return (
        f'![{alt}]({src}){{ .cadre-diagramme width="{drawn.width}" style="max-width:100%;height:auto" '
        f'aria-describedby="description-{name}" }}\n\n'
        f"{heading} Description du diagramme {{ #titre-description-{name} }}\n\n"
        f'<div id="description-{name}" markdown>\n\n{description}\n</div>\n'
    )


def diagram_page(definition: Definition, drawn: Drawn) -> str:
    path = f"{FOLDER}/{definition.name}.md"
    return _front(definition.title) + definition.introduction + "\n" + figure_block(drawn, path)


def context_index_page(kb: KnowledgeBase, definition: Definition) -> str:
    path = f"{FOLDER}/{definition.name}.md"
    lines = [_front(definition.title), definition.introduction, ""]
    for kind in definition.entity_kinds:
        lines += [f"## {KINDS[kind].pluriel[:1].upper()}{KINDS[kind].pluriel[1:]}", ""]
        for entity in kb.all(kind):
            name = getattr(entity, "nom", None) or entity.id
            lines.append(f"- [{inline(name)}]({relative(path, kb.url(kind, entity.id))})")  # data text: escaped
        lines.append("")
    return "\n".join(lines)


def index_page(definitions: list[Definition]) -> str:
    lines = [_front(SECTION),
             "Les figures du document source ont été perdues dans sa version texte. Celles-ci sont redessinées "
             "à chaque construction du site **à partir des données de l'édition** : elles changent avec elles. "
             "Chaque diagramme est suivi d'une description sous forme de liste, tirée des mêmes données.", ""]
    for definition in definitions:
        summary = " ".join(definition.introduction.split())
        lines.append(f"- [{definition.title}]({definition.name}.md) : {summary}")
    return "\n".join(lines) + "\n"


# --- context diagram on each fact sheet and service page -----------------------------------------------------


@event_priority(-40)  # after the macros plugin: the appended Markdown is never read as Jinja
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key = (page.meta.get("entity_kind"), page.meta.get("entity_id"))
    contexts = _state["contexts"]
    assert isinstance(contexts, dict)
    drawn = contexts.get(key)
    if drawn is None:
        return markdown
    block = figure_block(drawn, page.file.src_uri, heading="###")
    return f"{markdown}\n\n## Contexte\n\n{block}"


def on_serve(server, config: MkDocsConfig, builder) -> None:
    server.watch(str(_project(config) / "diagrams"))
