"""MkDocs adapter: the site of one edition (`cadre.site.build_site`) handed to MkDocs, and nothing else.

- on_config (the edge): the build context, from what `cadre` put in `extra.cadre` or, for a bare `mkdocs build`
  or `mkdocs serve`, from CADRE_DATA / CADRE_EDITION / CADRE_CACHE / CADRE_PDF_EDITION (read once, here); the
  site is built; its entity pages join the configured navigation; the edition's status goes to the theme
  (banners) and the macros of the hand-written pages to mkdocs-macros.
- on_files: every generated file joins the hand-written ones (a hand-written file may not hide one); on_env: the
  PDFs still being printed are waited for, before MkDocs copies files (on_build_error stops them).
- on_post_build: the built site is indexed for search (`cadre.publishing.search`).
- on_serve: data, templates and diagram definitions are watched.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from cadre.cache import ContentCache
from cadre.loading.knowledge import InvalidEdition
from cadre.publishing.search import SearchIndexError, index_site
from cadre.site import NoEdition, SiteSettings, SiteSource, build_site, make_context
from cadre.site.mentions import read_mentions
from cadre.site.navigation import splice
from cadre.site.templating import TEMPLATES

log = logging.getLogger("mkdocs.hooks.cadre")
_site: dict[str, SiteSource] = {}
_pending: list[str] = []  # PDFs registered before they were printed
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before mkdocs-macros reads its configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    asked = config.extra.get("cadre") or {}  # set by `cadre` (publish, plain folder); else the environment
    data = Path(asked.get("donnees") or os.environ.get("CADRE_DATA") or project / "data")
    year = asked.get("annee") or os.environ.get("CADRE_EDITION")
    cache = ContentCache(Path(asked.get("cache") or os.environ.get("CADRE_CACHE") or project / ".cache"))
    address = asked.get("adresse", config.site_url) or ""  # the site's root address (a version adds its year)
    whole_pdf = asked.get("pdf_edition", os.environ.get("CADRE_PDF_EDITION", "oui").lower() not in ("non", "0"))
    settings = SiteSettings(config.site_name, address, config.extra.get("depot_donnees") or "", project, whole_pdf,
                            read_mentions(config.extra.get("mentions_legales")))
    started, cpu = time.perf_counter(), time.process_time()
    try:
        ctx = make_context(data, int(year) if year else None, settings, cache, _serving)
    except (InvalidEdition, NoEdition, ValueError) as error:  # one readable failure listing every data error
        raise PluginError(str(error)) from None
    log.info(f"validation : {len(ctx.editions)} édition(s) en {time.perf_counter() - started:.2f} s, "
             f"{time.process_time() - cpu:.2f} s CPU")
    site = _site["current"] = build_site(ctx, background=True)  # PDFs printed while MkDocs renders the pages
    for line in site.log:
        log.info(line)
    try:  # the entity pages join the configured navigation, each in its overview's section
        config["nav"] = splice(config["nav"], site.nav)
    except ValueError as error:
        raise PluginError(str(error)) from None
    config.extra["cadre_edition"] = site.banner
    plugin = config.plugins.get("macros")
    if plugin is not None:
        plugin.register_macros({name: _on_page(plugin, function) for name, function in site.macros.items()})
    return config


def _on_page(plugin, function):  # noqa: ANN001, ANN202 - the macro as mkdocs-macros calls it, on its page
    return lambda *args: function(plugin.page.file.src_uri, *args)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site["current"]
    pending = site.pending  # given their content at on_env, before MkDocs copies any file
    for path, content in [*site.files.items(), *((path, b"") for path in pending)]:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} masquerait un fichier produit depuis les données : supprimez-le")
        files.append(File.generated(config, path, content=content))
    _pending[:] = pending
    return files


def on_env(env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - MkDocs' Jinja environment
    started = time.perf_counter()
    site = _site["current"]
    for line in site.finish():
        log.info(line)
    log.info(f"attente des PDF : {time.perf_counter() - started:.2f} s")
    for path in _pending:
        files.get_file_from_path(path).content_bytes = site.files[path]
    _pending.clear()
    return env


def on_build_error(error: Exception) -> None:
    if "current" in _site:
        _site["current"].abandon()


def on_post_build(config: MkDocsConfig) -> None:
    site = _site["current"]
    try:
        log.info(index_site(Path(config.site_dir), site.search_records, str(site.annee)).summary())
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_serve(server, config: MkDocsConfig, builder) -> None:  # noqa: ANN001
    project = Path(config.config_file_path).parent
    for watched in (Path(os.environ.get("CADRE_DATA") or project / "data"), TEMPLATES, project / "diagrams"):
        server.watch(str(watched))
