"""MkDocs hook: the edition's open data and PDF documents, and the links that lead to them.

- on_files: every file of `cadre.exports.opendata.api_files` (JSON, CSV, JSON Schema) and every PDF of
  `cadre.exports.pdf.pdf_documents` becomes a file of the site, so each edition's site carries its own data. PDFs come
  from a cache on disk (`.cache/pdf/`, or `CADRE_PDF_CACHE`) keyed by the printed HTML: a rebuild with
  unchanged data renders none, and the log line « PDF : N rendu(s), M depuis le cache » says so. Under
  `mkdocs serve`, a changed PDF keeps its previous version (the whole edition takes half a minute).
- on_page_markdown: on each entity page (front matter `entity_kind` / `entity_id`), links to its JSON, its PDF
  fact sheet (référentiels) and its data file in the repository (« Proposer une modification », base URL in
  `extra.depot_donnees`); on any page, the `<!-- donnees:… -->` markers (« Données ouvertes » page) are
  replaced by parts taken from the edition itself.
- on_page_content: external links get a `data-lien-externe` attribute, for the print stylesheet.

A thin adapter: the documents, paths and Markdown parts come from `cadre.exports.opendata` and `cadre.exports.pdf`.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cadre.exports.opendata import (
    api_files,
    data_file_reference,
    entity_json_path,
    excerpt_markdown,
    files_table_markdown,
)
from cadre.exports.pdf import TEMPLATES, cached_pdfs, fact_sheet_path, pdf_documents, pdf_list_markdown
from cadre.loading.knowledge import KnowledgeBase
from cadre.site.context import current_knowledge_base, edition_address

log = logging.getLogger("mkdocs.hooks.exports")

MARKER = re.compile(r"<!-- donnees:(?P<name>[a-z-]+)(?P<args>(?: (?!-->)\S+)*) -->")

# external links, marked while their href is still as written (Material's instant navigation later makes every
# href absolute): the print stylesheet writes their address after them
EXTERNAL_LINK = re.compile(r'<a (?=[^>]*\bhref="https?://)')

_kb: KnowledgeBase | None = None  # the edition of this build (set by on_files, read by the page events)
_published: dict[str, str] = {}  # the API files of this build, for the excerpts of the « Données ouvertes » page
_serving = False  # `mkdocs serve`: changed PDFs keep their previous version instead of rendering again


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _pdf_cache(config: MkDocsConfig) -> Path:
    return Path(os.environ.get("CADRE_PDF_CACHE") or _project(config) / ".cache" / "pdf")


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _kb
    kb = _kb = current_knowledge_base(_project(config))
    _published.clear()
    _published.update(api_files(kb))
    documents = list(pdf_documents(kb, edition_address(config.site_url, str(kb.edition.annee))))
    pdfs, run = cached_pdfs(documents, _pdf_cache(config), allow_stale=_serving)
    log.info("PDF : %d rendu(s), %d depuis le cache (%.1f s)", len(run.rendered), len(run.cached), run.seconds)
    if run.stale:  # live preview: a data edit must not cost half a minute of PDF rendering
        log.info("PDF non régénérés pendant `mkdocs serve` (version précédente, `mkdocs build` les régénère) : %s",
                 ", ".join(run.stale))
    for path, content in [*_published.items(), *pdfs.items()]:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} masquerait un fichier publié depuis les données : supprimez-le")
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(-60)  # after the macros plugin and the other hooks: our Markdown is never read as Jinja
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    kb = _kb or current_knowledge_base(_project(config))
    base = _to_site_root(page.file.src_uri)
    if "<!-- donnees:" in markdown:
        markdown = MARKER.sub(lambda m: _expand(m, kb, base, page), markdown)
    kind, entity_id = page.meta.get("entity_kind"), page.meta.get("entity_id")
    if kind and entity_id:
        markdown = _after_title(markdown, _entity_links(kb, kind, entity_id, base, config))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return EXTERNAL_LINK.sub("<a data-lien-externe ", html)


def _to_site_root(src_uri: str) -> str:
    """The relative link prefix from a Markdown file to the site root (« » at the root, « ../ » one level down)."""
    depth = src_uri.count("/")
    return "../" * depth


def _expand(match: re.Match[str], kb: KnowledgeBase, base: str, page: Page) -> str:
    name, args = match["name"], match["args"].split()
    if name == "fichiers":
        return files_table_markdown(kb, base)
    if name == "pdf":
        return pdf_list_markdown(kb, base)
    if name == "annee":
        return str(kb.edition.annee)
    if name == "extrait" and 1 <= len(args) <= 2 and args[0] in _published:  # path [CSV rows | JSON depth]
        return excerpt_markdown(args[0], _published[args[0]], *map(int, args[1:]))
    raise PluginError(f"{page.file.src_uri} : marqueur inconnu ou invalide {match[0]!r}")


def _entity_links(kb: KnowledgeBase, kind: str, entity_id: str, base: str, config: MkDocsConfig) -> str:
    links = [f"[Données JSON]({base}{entity_json_path(kind, entity_id)})"]
    if kind == "referentiel":
        links.append(f"[Fiche PDF]({base}{fact_sheet_path(entity_id)})")
    depot = config.extra.get("depot_donnees")
    if depot:
        source = data_file_reference(kb, kind, entity_id, _project(config))
        links.append(f"[Proposer une modification]({depot}{source}){{: .cadre-proposer }}")
    return " · ".join(links) + "\n{: .cadre-exports }"


def _after_title(markdown: str, block: str) -> str:
    """Put the block right under the page's h1 (or first when the title comes from the front matter)."""
    lines = markdown.splitlines()
    for i, line in enumerate(lines[:5]):
        if line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", block, "", *lines[i + 1:]])
    return f"{block}\n\n{markdown}"


def on_serve(server, config: MkDocsConfig, builder) -> None:
    server.watch(str(TEMPLATES))  # the PDF templates and print.css
