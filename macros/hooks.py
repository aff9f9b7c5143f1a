"""MkDocs hook: the pages generated from the data, live reload on data edits, glossary tooltips.

A thin adapter: the knowledge base comes from `cadre.site.context` (loaded and validated once per data state) and
the page content from `cadre.site` (plain Python + Jinja2 templates).
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cadre.loading.knowledge import InvalidEdition, KnowledgeBase
from cadre.site import Abbreviations, abbreviations, entity_pages
from cadre.site.context import current_knowledge_base, data_dir
from cadre.site.templating import TEMPLATES, reset

_abbreviations: Abbreviations | None = None  # the glossary's acronyms for the current build


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def knowledge_base(config: MkDocsConfig) -> KnowledgeBase:
    try:
        return current_knowledge_base(_project(config))
    except InvalidEdition as error:  # one readable failure listing every data error
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> None:
    reset()  # each build (and each rebuild under `mkdocs serve`) reads the templates afresh
    gc.unfreeze()  # what the previous build froze (under `mkdocs serve`) can be collected again


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _abbreviations
    kb = knowledge_base(config)
    for page in entity_pages(kb):
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} masquerait une page générée depuis les données : supprimez-le")
        files.append(File.generated(config, page.path, content=page.content))
    _abbreviations = abbreviations(kb)
    # the knowledge base and the pages stay alive all build long: exempt them from the garbage collector, whose
    # full passes would otherwise walk them again and again while MkDocs renders thousands of pages
    gc.freeze()
    return files


@event_priority(-50)  # after the macros plugin: definitions from the data must not be read as Jinja
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _abbreviations.apply(markdown) if _abbreviations else markdown


def on_serve(server, config: MkDocsConfig, builder) -> None:
    server.watch(str(data_dir(_project(config))))
    server.watch(str(TEMPLATES))
