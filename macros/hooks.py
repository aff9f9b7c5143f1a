"""MkDocs adapter: the site of one edition (`cadre.site.build_site`) handed to MkDocs, and nothing else.

- on_config (the edge): the build context, from what `cadre` put in `extra.cadre` or, for a bare `mkdocs build`
  or `mkdocs serve`, from CADRE_DATA / CADRE_EDITION / CADRE_CACHE (read once, here); the site is built; the
  edition's status
  goes to the theme (banners) and the macros of the hand-written pages to mkdocs-macros.
- on_files: every generated file joins the hand-written ones (a hand-written file may not hide one).
- on_post_build: the built site is indexed for search (`cadre.publishing.search`).
- on_serve: data, templates and diagram definitions are watched.
"""

from __future__ import annotations

import logging
import os
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
from cadre.site.templating import TEMPLATES

log = logging.getLogger("mkdocs.hooks.cadre")
_site: dict[str, SiteSource] = {}
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
    settings = SiteSettings(config.site_name, address, config.extra.get("depot_donnees") or "", project,
                            read_mentions(config.extra.get("mentions_legales")))
    try:
        ctx = make_context(data, int(year) if year else None, settings, cache, _serving)
    except (InvalidEdition, NoEdition, ValueError) as error:  # one readable failure listing every data error
        raise PluginError(str(error)) from None
    site = _site["current"] = build_site(ctx)
    for line in site.log:
        log.info(line)
    config.extra["cadre_edition"] = site.banner
    plugin = config.plugins.get("macros")
    if plugin is not None:
        plugin.register_macros({name: _on_page(plugin, function) for name, function in site.macros.items()})
    return config


def _on_page(plugin, function):  # noqa: ANN001, ANN202 - the macro as mkdocs-macros calls it, on its page
    return lambda *args: function(plugin.page.file.src_uri, *args)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in _site["current"].files.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} masquerait un fichier produit depuis les données : supprimez-le")
        files.append(File.generated(config, path, content=content))
    return files


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
