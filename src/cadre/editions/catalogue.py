"""Editions side by side in the data: data/editions/<year>/, each with its metadata in edition.yaml.

An edition is never rewritten once a later one exists: the yearly revision starts from a copy
(`scaffold_edition`), so every published edition stays readable as it was published.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from cadre.loading.files import entries, walk
from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.layout import EDITION_NAME, misnamed_editions  # noqa: F401 - part of this module's interface
from cadre.model import StatutEdition
from cadre.model.kinds import EDITION_FILE

LATEST = "latest"  # the alias of the edition in force: a copy of it beside the editions' folders


def edition_years(data_dir: Path) -> list[int]:
    """Years of the editions present (real folders named by four ASCII digits), oldest first.

    Anything else in data/editions/ is not an edition: `misnamed_editions` reports it as an error.
    """
    return sorted(int(e.path.name) for e in entries(data_dir / "editions")
                  if e.is_dir and EDITION_NAME.fullmatch(e.path.name))


def years_up_to(data_dir: Path, year: int) -> list[int]:
    """Editions up to and including `year`: what the site of `year` may know about (never a later one)."""
    return [y for y in edition_years(data_dir) if y <= year]


def previous_year(data_dir: Path, year: int) -> int | None:
    """The edition just before `year` among those present in the data (None for the first one)."""
    earlier = [y for y in edition_years(data_dir) if y < year]
    return earlier[-1] if earlier else None


LIBELLES_STATUT = {
    StatutEdition.BROUILLON: "brouillon",
    StatutEdition.CONCERTATION: "en concertation",
    StatutEdition.PUBLIEE: "publiée",
}


def is_published(kb: KnowledgeBase) -> bool:
    return kb.edition.statut is StatutEdition.PUBLIEE


def newest_published(editions: list[KnowledgeBase]) -> KnowledgeBase | None:
    """The edition in force among `editions`: the newest whose status is « publiée »."""
    published = [kb for kb in editions if is_published(kb)]
    return max(published, key=lambda kb: kb.edition.annee) if published else None


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
    if year <= latest:
        raise ScaffoldRefused(f"l'année {year} doit être postérieure à la dernière édition ({latest})")
    source = data_dir / "editions" / str(latest)
    odd = [e for e in walk(source) if not (e.is_file or e.is_dir)]
    if odd:  # copying would follow a link (maybe to /dev/zero) or block on a pipe
        raise ScaffoldRefused(f"l'édition {latest} contient un lien symbolique ou un fichier spécial "
                              f"({odd[0].path}) : « cadre validate » le signale ; corriger avant de la copier")
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
