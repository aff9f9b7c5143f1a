"""mkdocs-macros module: exposes the knowledge base and the template renderer to the hand-written pages.

Pages call `{{ render("programmes.md.j2") }}`; the templates live in src/cadre/site/templates/. The knowledge
base is offered through functions, not variables: the plugin serialises every variable to JSON at each build,
which for the whole knowledge base costs more than rendering the pages.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from cadre.loading.knowledge import InvalidEdition, KnowledgeBase
from cadre.model import Edition
from cadre.site import render as render_template
from cadre.site.context import current_knowledge_base


def define_env(env) -> None:
    project = Path(env.conf["config_file_path"]).parent
    try:
        knowledge = current_knowledge_base(project)  # loaded and validated once per data state
    except InvalidEdition as error:  # one readable failure listing every data error, not a traceback
        raise PluginError(str(error)) from None

    @env.macro
    def kb() -> KnowledgeBase:
        """The validated edition: `{{ kb().all("referentiel") | length }}`."""
        return knowledge

    @env.macro
    def edition() -> Edition:
        return knowledge.edition

    @env.macro
    def render(template: str, **values) -> str:
        """Markdown of a template from src/cadre/site/templates/, with links relative to the current page."""
        return render_template(template, knowledge, env.page.file.src_uri, **values)
