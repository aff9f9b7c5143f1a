"""Which edition a site build shows, and its knowledge base loaded once per data state.

Shared by every MkDocs hook and by the macros, so that one build validates and loads the data once.
`CADRE_DATA` and `CADRE_EDITION` let tests and `cadre publish` build another data folder or edition.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from cadre.editions.catalogue import edition_years
from cadre.loading.knowledge import KnowledgeBase, load_knowledge_base
from cadre.loading.loader import edition_folder


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
    return _cached(str(data), year, _stamp(edition_folder(data, year)), str(project_dir / ".cache" / "kb"))


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((str(p), s.st_mtime_ns, s.st_size) for p in root.rglob("*.yaml") for s in [p.stat()]))


# Validation is the largest fixed cost of a build (about 1 s at 10× the 2016 size): a validated knowledge base is
# kept on disk, keyed by the data files' state and by the domain code itself, so a rebuild with unchanged data and
# code skips it. Only valid editions are stored; any change of data or code validates again.
_CODE = Path(__file__).parent


def _disk_key(data: str, year: str, stamp: tuple) -> str:
    code = sorted((str(p.relative_to(_CODE)), p.stat().st_mtime_ns, p.stat().st_size) for p in _CODE.rglob("*.py"))
    return hashlib.sha256(repr((data, year, stamp, code)).encode()).hexdigest()[:32]


@lru_cache(maxsize=4)
def _cached(data: str, year: str, stamp: tuple, cache: str) -> KnowledgeBase:
    path = Path(cache) / f"{_disk_key(data, year, stamp)}.pickle"
    if path.is_file():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a damaged or foreign cache file: validate again
            path.unlink(missing_ok=True)
    kb = load_knowledge_base(Path(data), year)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)  # atomic: concurrent builds never read half a file
    return kb


def edition_address(site_url: str | None, year: str) -> str:
    """Absolute address of an edition's site (`<site_url>/<year>/`), or "" when no site_url is configured.

    mike's plugin appends the version to site_url while it builds; a plain build does not: accept both.
    """
    base = (site_url or "").rstrip("/")
    if not base:
        return ""
    return base + "/" if base.endswith("/" + year) else f"{base}/{year}/"
