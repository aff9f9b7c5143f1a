"""The MkDocs engine, called in this process: the project's settings, and a strict build of one edition.

`cadre` passes the edition, the data folder and the cache to the adapter through `extra.cadre` of the loaded
configuration (plain values, no environment), so the walk from the command line to the page stays one call chain.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cadre.site.context import SiteSettings
from cadre.site.mentions import read_mentions

CONFIG = "mkdocs.yml"


class BuildFailed(Exception):
    """The strict build failed; `problems` are MkDocs' warnings and errors, as it printed them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class ConfigError(Exception):
    """mkdocs.yml cannot be read; the message is French and names the file."""


class _Collector(logging.Handler):
    """MkDocs' warnings and errors of one build, to say why it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(f"{record.levelname} - {record.getMessage()}")


def site_settings(project: Path) -> SiteSettings:
    """The site's name, public address and repository address, as mkdocs.yml gives them."""
    config = _load(project)
    return SiteSettings(config.site_name, config.site_url or "", config.extra.get("depot_donnees") or "", project,
                        mentions_legales=read_mentions(config.extra.get("mentions_legales")))


def build(project: Path, year: int, data: Path, cache: Path, site_dir: Path, address: str = "") -> None:
    """Build edition `year` of `data` into `site_dir` with `mkdocs build --strict`; raises BuildFailed."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    config = _load(project, site_dir=str(site_dir), strict=True)
    config.extra["cadre"] = {"annee": year, "donnees": str(data), "cache": str(cache),
                             "adresse": address or config.site_url or "", "pdf_edition": True}
    if address:  # canonical links and sitemaps of a published version carry its own address
        config.site_url = f"{address.rstrip('/')}/{year}/"
    collector = _Collector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except (Abort, MkDocsException, SystemExit) as failure:
        raise BuildFailed(collector.problems or [str(failure)]) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        config.plugins.on_shutdown()


def _load(project: Path, **overrides: object):  # noqa: ANN202 - an MkDocsConfig
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(project / CONFIG), **overrides)
    except (MkDocsException, OSError) as error:
        raise ConfigError(f"configuration illisible ({project / CONFIG}) : {error}") from None
