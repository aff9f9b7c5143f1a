"""What one build of the site is about, made once at the edge (the command line or the MkDocs adapter).

A `BuildContext` holds the edition to show, the validated knowledge bases of the editions up to it (never a
later one: the site of edition N only knows editions up to N), the site's settings and the cache. Everything
below takes it as a value: nothing reads the environment, the configuration or raw YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cadre.cache import ContentCache, content_key
from cadre.editions.catalogue import LIBELLES_STATUT, edition_years, is_published, misnamed_editions
from cadre.loading.knowledge import InvalidEdition, KnowledgeBase, lineage_errors, load_cached
from cadre.loading.loader import edition_folder
from cadre.model import StatutEdition


class NoEdition(Exception):
    """The data holds no edition, or not the one asked for; the message is French."""


@dataclass(frozen=True)
class SiteSettings:
    """The site's own settings (from the engine's configuration, read at the edge)."""

    site_name: str
    site_url: str = ""  # public address of the site root, "" when unknown; editions live at <site_url><year>/
    repository_url: str = ""  # base of the links to the data files (« Proposer une modification »); "" hides them
    project: Path = Path(".")  # the project folder: diagram definitions, paths of the data files
    # the PDF of the whole edition (thousands of pages at 100× the 2016 size, minutes to lay out) is made unless
    # a build asks to leave it out (CADRE_PDF_EDITION=non for a quick local build); a publication always makes it
    pdf_edition: bool = True
    mentions_legales: tuple[tuple[str, str], ...] = ()  # publisher's details (« Mentions légales »), as configured


@dataclass(frozen=True, eq=False)
class BuildContext:
    annee: int
    editions: tuple[KnowledgeBase, ...]  # oldest first; the last one is the edition shown
    settings: SiteSettings
    cache: ContentCache = field(default_factory=lambda: ContentCache(None))
    apercu: bool = False  # live preview (`mkdocs serve`): a changed PDF keeps its previous version meanwhile

    @property
    def kb(self) -> KnowledgeBase:
        return self.editions[-1]

    @property
    def previous(self) -> KnowledgeBase | None:
        return self.editions[-2] if len(self.editions) > 1 else None

    @property
    def statut(self) -> StatutEdition:
        return self.kb.edition.statut

    @property
    def publiee(self) -> bool:
        return is_published(self.kb)

    @property
    def libelle_statut(self) -> str:
        return LIBELLES_STATUT[self.statut]

    @property
    def edition_url(self) -> str:
        """Absolute address of this edition's site (`<site_url><year>/`), "" when the site has no address."""
        base = self.settings.site_url.rstrip("/")
        return f"{base}/{self.annee}/" if base else ""

    @property
    def key(self) -> str:
        """Names everything the site is made of, but the code: two equal keys give the same site."""
        return content_key(repr(self.settings), str(self.annee), *(str(id(kb)) for kb in self.editions))


def make_context(data_dir: Path, year: int | None, settings: SiteSettings, cache: ContentCache,
                 apercu: bool = False) -> BuildContext:
    """Validate the editions up to `year` (the newest when None); `InvalidEdition` carries every error.

    An entry of data/editions/ that is no edition (misnamed folder, link) is an error too: it would be ignored.
    """
    misnamed = misnamed_editions(data_dir)
    years = edition_years(data_dir)
    if not years and misnamed:
        raise InvalidEdition(data_dir / "editions", misnamed)
    if not years:
        raise NoEdition(f"aucune édition dans {data_dir / 'editions'} (dossiers nommés par une année, ex. 2016)")
    chosen = years[-1] if year is None else year
    if chosen not in years:
        raise NoEdition(f"édition {chosen} introuvable dans {data_dir / 'editions'} (éditions : "
                        f"{', '.join(map(str, years))})")
    editions = load_chain(data_dir, [y for y in years if y <= chosen], cache, misnamed)
    return BuildContext(chosen, tuple(editions), settings, cache, apercu)


def load_chain(data_dir: Path, years: list[int], cache: ContentCache,
               misnamed: list | None = None) -> list[KnowledgeBase]:
    """The editions of `years` (every edition of the data from the first one up to some year, oldest first),
    each validated, then each one's `remplace` checked against the one before; `InvalidEdition` carries every
    error of every edition (and of the misnamed entries of data/editions/)."""
    editions, errors = [], list(misnamed or [])
    for y in years:
        try:
            editions.append(load_cached(data_dir, y, cache))
        except InvalidEdition as invalid:
            errors.extend(invalid.errors)
    if errors:
        raise InvalidEdition(edition_folder(data_dir, years[-1]), errors)
    lineage = lineage_errors(editions)
    if lineage:
        raise InvalidEdition(editions[-1].root, lineage)
    return editions
