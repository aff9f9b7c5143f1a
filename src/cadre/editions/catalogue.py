"""Editions side by side in the data: data/editions/<year>/, each with its metadata in edition.yaml.

An edition is never rewritten once a later one exists: the yearly revision starts from a copy
(`scaffold_edition`), so every published edition stays readable as it was published.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cadre.loading.knowledge import KnowledgeBase, load_knowledge_base
from cadre.loading.yamlio import read_yaml
from cadre.model import StatutEdition
from cadre.model.kinds import EDITION_FILE


def edition_years(data_dir: Path) -> list[str]:
    """Years of the editions present, oldest first."""
    folder = data_dir / "editions"
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), key=int)


# --- metadata -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionStatus:
    """What edition.yaml says of an edition, read without loading (or validating) the whole folder."""

    annee: str
    statut: StatutEdition | None  # None when edition.yaml is missing or unreadable
    date_publication: str | None

    @property
    def publiee(self) -> bool:
        return self.statut is StatutEdition.PUBLIEE

    @property
    def libelle_statut(self) -> str:
        return LIBELLES_STATUT.get(self.statut, "statut inconnu") if self.statut else "statut illisible"


LIBELLES_STATUT = {
    StatutEdition.BROUILLON: "brouillon",
    StatutEdition.CONCERTATION: "en concertation",
    StatutEdition.PUBLIEE: "publiée",
}


def edition_status(data_dir: Path, year: str | int) -> EditionStatus:
    """Status of one edition from its edition.yaml alone (an invalid edition elsewhere still has a status)."""
    doc, _ = read_yaml(data_dir / "editions" / str(year) / EDITION_FILE)
    raw = doc.value if doc is not None and isinstance(doc.value, dict) else {}
    try:
        statut = StatutEdition(raw.get("statut"))
    except ValueError:
        statut = None
    date = raw.get("date_publication")
    return EditionStatus(str(year), statut, str(date) if date else None)


def published_years(data_dir: Path) -> list[str]:
    """Editions whose status is « publiée », oldest first."""
    return [year for year in edition_years(data_dir) if edition_status(data_dir, year).publiee]


def newest_published(data_dir: Path) -> str | None:
    years = published_years(data_dir)
    return years[-1] if years else None


def previous_year(data_dir: Path, year: str | int) -> str | None:
    """The edition just before `year` among those present in the data (None for the first one)."""
    earlier = [y for y in edition_years(data_dir) if int(y) < int(year)]
    return earlier[-1] if earlier else None


def years_up_to(data_dir: Path, year: str | int) -> list[str]:
    """Editions up to and including `year`: what the site of `year` may know about (never a later one)."""
    return [y for y in edition_years(data_dir) if int(y) <= int(year)]


# --- knowledge bases of several editions ------------------------------------------------------------------------


def knowledge_base(data_dir: Path, year: str | int) -> KnowledgeBase:
    """The validated edition, loaded once per data state (history and Nouveautés read several editions)."""
    root = data_dir / "editions" / str(year)
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*.yaml")))
    return _cached_kb(str(data_dir), str(year), stamp)


@lru_cache(maxsize=8)
def _cached_kb(data_dir: str, year: str, stamp: tuple[tuple[str, int], ...]) -> KnowledgeBase:
    return load_knowledge_base(Path(data_dir), year)


# --- scaffolding the next edition ---------------------------------------------------------------------------------


class ScaffoldRefused(Exception):
    """The new edition cannot be created; the message says why, in French."""


def scaffold_edition(data_dir: Path, year: int) -> Path:
    """Copy the latest edition into data/editions/<year> as a draft; never writes into an existing edition.

    The copy is made in a temporary folder next to the target and renamed at the end, so an interrupted
    run leaves either nothing or a complete edition.
    """
    years = edition_years(data_dir)
    if not years:
        raise ScaffoldRefused(f"aucune édition à reprendre dans {data_dir / 'editions'}")
    latest = years[-1]
    target = data_dir / "editions" / str(year)
    if target.exists():
        raise ScaffoldRefused(f"l'édition {year} existe déjà ({target}) : elle n'est pas modifiée")
    if year <= int(latest):
        raise ScaffoldRefused(f"l'année {year} doit être postérieure à la dernière édition ({latest})")
    source = data_dir / "editions" / latest
    staging = Path(tempfile.mkdtemp(prefix=f".{year}-", dir=target.parent))
    try:
        copy = staging / "edition"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        edition_file = copy / EDITION_FILE
        edition_file.write_text(draft_metadata(edition_file.read_text(encoding="utf-8"), year), encoding="utf-8")
        copy.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def draft_metadata(text: str, year: int) -> str:
    """edition.yaml of the copy: new year, status brouillon, no publication date; the rest kept as written.

    A line-level edit keeps the file's comments, header and layout, which a YAML round trip would lose.
    """
    text = _set_top_level(text, "annee", str(year))
    text = _set_top_level(text, "statut", StatutEdition.BROUILLON.value)
    if re.search(r"^date_publication:", text, flags=re.M):
        return _set_top_level(text, "date_publication", "null  # à renseigner à la publication")
    return _insert_after(text, "statut", "date_publication: null  # à renseigner à la publication")


def _set_top_level(text: str, key: str, value: str) -> str:
    pattern = re.compile(rf"^{key}:[^\n]*$", flags=re.M)
    if not pattern.search(text):
        return _insert_after(text, None, f"{key}: {value}")
    return pattern.sub(lambda _: f"{key}: {value}", text, count=1)


def _insert_after(text: str, key: str | None, line: str) -> str:
    match = re.search(rf"^{key}:[^\n]*\n", text, flags=re.M) if key else None
    if match is None:
        return text.rstrip("\n") + "\n" + line + "\n"
    return text[: match.end()] + line + "\n" + text[match.end():]
