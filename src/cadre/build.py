"""Which edition a site build shows, and its knowledge base loaded once per data state.

Shared by every MkDocs hook and by the macros, so that one build validates and loads the data once.
`CADRE_DATA` and `CADRE_EDITION` let tests and `cadre publish` build another data folder or edition.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .editions import edition_years
from .kb import KnowledgeBase, load_knowledge_base
from .loader import edition_folder


def data_dir(project_dir: Path) -> Path:
    return Path(os.environ.get("CADRE_DATA") or project_dir / "data")


def edition_for_build(project_dir: Path) -> str:
    """The edition to build: CADRE_EDITION, else the newest edition in the data."""
    chosen = os.environ.get("CADRE_EDITION")
    if chosen:
        return chosen
    years = edition_years(data_dir(project_dir))
    if not years:
        raise FileNotFoundError(f"aucune édition dans {data_dir(project_dir) / 'editions'}")
    return years[-1]


def current_knowledge_base(project_dir: Path) -> KnowledgeBase:
    """The validated, enriched edition for this build; reloaded only when a data file changed."""
    data, year = data_dir(project_dir), edition_for_build(project_dir)
    return _cached(str(data), year, _stamp(edition_folder(data, year)))


def _stamp(root: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*.yaml")))


@lru_cache(maxsize=4)
def _cached(data: str, year: str, stamp: tuple[tuple[str, int], ...]) -> KnowledgeBase:
    return load_knowledge_base(Path(data), year)


def edition_address(site_url: str | None, year: str) -> str:
    """Absolute address of an edition's site (`<site_url>/<year>/`), or "" when no site_url is configured.

    mike's plugin appends the version to site_url while it builds; a plain build does not: accept both.
    """
    base = (site_url or "").rstrip("/")
    if not base:
        return ""
    return base + "/" if base.endswith("/" + year) else f"{base}/{year}/"
