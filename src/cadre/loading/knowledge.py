"""The knowledge base: a validated edition enriched with derived values (backlinks, audiences, permalinks).

Renderers (site, diagrams, exports) receive this object and never read YAML themselves.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cadre.cache import ContentCache, content_key
from cadre.loading.errors import DataError, Location
from cadre.loading.files import folder_fingerprint
from cadre.loading.lineage import Previous, check_replacements
from cadre.loading.loader import LoadedEdition, edition_folder
from cadre.loading.validate import references, validate_edition
from cadre.loading.yamlio import MAX_FILE_BYTES
from cadre.model import Acteur, Edition, Entity, ObjectifArs, Principe, Referentiel, Service
from cadre.model.kinds import KINDS


class InvalidEdition(Exception):
    """Raised by `load_knowledge_base` when the data does not validate; carries every error."""

    def __init__(self, root: Path, errors: list[DataError]) -> None:
        self.root = root
        self.errors = errors
        lines = "\n".join(str(e) for e in errors)
        super().__init__(f"{len(errors)} erreur(s) dans {root} :\n{lines}")


@dataclass(frozen=True)
class Backlink:
    """`kind:id` refers to the entity through `field` (a dotted path such as « devoirs[0].services »)."""

    kind: str
    id: str
    field: str


@dataclass
class KnowledgeBase:
    root: Path
    edition: Edition
    entities: dict[str, dict[str, Entity]]
    source_files: dict[tuple[str, str], Path]
    source_lines: dict[tuple[str, str], int]
    backlinks: dict[tuple[str, str], list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    # where each `remplace` item is written, for the errors of the check against the previous edition
    remplace_locations: dict[tuple[str, str], tuple[Location, ...]] = field(default_factory=dict)
    _ordered: dict[str, list[Entity]] = field(default_factory=dict, repr=False)
    # names the files and the validating code it was made from (`load_cached`); "" when unknown, and then
    # nothing made from it is kept between builds
    cle: str = ""

    # --- access ---------------------------------------------------------------------------------------------

    def all(self, kind: str) -> list[Entity]:
        """Entities of a kind in the document's order (ordre / numero when given, else file order)."""
        if kind not in self._ordered:  # computed once: templates ask for it thousands of times
            self._ordered[kind] = sorted(self.entities[kind].values(), key=_rank)
        return list(self._ordered[kind])

    def get(self, kind: str, entity_id: str) -> Entity:
        return self.entities[kind][entity_id]

    def url(self, kind: str, entity_id: str) -> str:
        """The stable permalink of an entity, relative to the site root, derived from its id only."""
        return KINDS[kind].url(entity_id)

    def referrers(self, kind: str, entity_id: str, of_kind: str | None = None) -> list[Entity]:
        """Entities that refer to this one (optionally only those of one kind), without duplicates."""
        seen: dict[tuple[str, str], Entity] = {}
        for link in self.backlinks.get((kind, entity_id), []):
            if of_kind is None or link.kind == of_kind:
                seen.setdefault((link.kind, link.id), self.entities[link.kind][link.id])
        return list(seen.values())

    def remplace_location(self, kind: str, entity_id: str, index: int) -> Location:
        return self.remplace_locations[(kind, entity_id)][index]

    # --- audiences ------------------------------------------------------------------------------------------

    def referentiels_for(self, acteur_id: str) -> list[Referentiel]:
        """Référentiels whose destinataires name the actor, or that its duties cite."""
        acteur = self.entities["acteur"][acteur_id]
        assert isinstance(acteur, Acteur)
        cited = {r for d in acteur.tous_les_devoirs() for r in d.referentiels}
        return [r for r in self.all("referentiel")
                if isinstance(r, Referentiel) and (acteur_id in r.destinataires.acteurs or r.id in cited)]

    def services_for(self, acteur_id: str) -> list[Service]:
        acteur = self.entities["acteur"][acteur_id]
        assert isinstance(acteur, Acteur)
        cited = {s for d in acteur.tous_les_devoirs() for s in d.services}
        return [s for s in self.all("service") if isinstance(s, Service) and s.id in cited]

    def principes_for(self, acteur_id: str) -> list[Principe]:
        acteur = self.entities["acteur"][acteur_id]
        assert isinstance(acteur, Acteur)
        cited = {p for d in acteur.tous_les_devoirs() for p in d.principes}
        return [p for p in self.all("principe")
                if isinstance(p, Principe) and (p.id in cited or acteur_id in p.acteurs)]

    def objectifs_for(self, acteur_id: str) -> list[ObjectifArs]:
        """ARS objectives its duties cite."""
        acteur = self.entities["acteur"][acteur_id]
        assert isinstance(acteur, Acteur)
        cited = {o for d in acteur.tous_les_devoirs() for o in d.objectifs}
        return [o for o in self.all("objectif") if isinstance(o, ObjectifArs) and o.id in cited]

    # --- editorial notes ------------------------------------------------------------------------------------

    def editorial_notes(self) -> list[tuple[str, str, Entity]]:
        """(kind, id, entity) for every entity carrying at least one editorial note, in kind order."""
        return [(kind, e.id, e) for kind in KINDS for e in self.all(kind) if e.notes_editoriales]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.entities[kind]) for kind in KINDS}


def _rank(entity: Entity) -> int:
    """An entity's place in its kind: its `ordre`, else its number when it is one (a chapter's is text), else 0
    (file order: the sort is stable)."""
    ordre = getattr(entity, "ordre", None)
    if isinstance(ordre, int):
        return ordre
    numero = getattr(entity, "numero", None)
    return numero if isinstance(numero, int) else 0


def build_knowledge_base(loaded: LoadedEdition) -> KnowledgeBase:
    if loaded.errors or loaded.edition is None:
        raise InvalidEdition(loaded.root, loaded.errors)
    kb = KnowledgeBase(
        root=loaded.root,
        edition=loaded.edition,
        entities=loaded.entities,
        source_files={key: src.doc.path for key, src in loaded.sources.items()},
        source_lines={key: src.location().line for key, src in loaded.sources.items()},
        remplace_locations={(kind, entity_id): tuple(loaded.sources[(kind, entity_id)].location(("remplace", i))
                                                     for i in range(len(entity.remplace)))
                            for kind, entities in loaded.entities.items()
                            for entity_id, entity in entities.items() if entity.remplace},
    )
    for kind, entities in kb.entities.items():
        for entity_id, entity in entities.items():
            for at, target_kind, target_id in references(entity):
                kb.backlinks[(target_kind, target_id)].append(Backlink(kind, entity_id, _field(at)))
    for entry in kb.entities["glossaire"].values():
        renvoi = getattr(entry, "renvoi", None)
        if renvoi is not None:
            kb.backlinks[(renvoi.type, renvoi.id)].append(Backlink("glossaire", entry.id, "renvoi"))
    return kb


def lineage_errors(editions: list[KnowledgeBase]) -> list[DataError]:
    """`remplace` of each edition checked against the one before it (`editions`: every edition from the first
    one of the data, oldest first)."""
    errors: list[DataError] = []
    for index, kb in enumerate(editions):
        before = editions[index - 1] if index else None
        previous = Previous.of(before.edition.annee, before.entities) if before else None
        errors.extend(check_replacements(kb.entities, kb.remplace_location, previous))
    return errors


def _field(at: tuple) -> str:
    return ".".join(str(p) for p in at if not isinstance(p, int))


def load_knowledge_base(data_dir: Path, year: int | str) -> KnowledgeBase:
    """Validate then enrich one edition; raises `InvalidEdition` with every error when the data is wrong."""
    return build_knowledge_base(validate_edition(edition_folder(data_dir, year)))


# Validation is the largest fixed cost of a build (about 1 s at 10× the 2016 size): a validated edition is kept,
# named by the content of its files, its folder and the code that validates it. Only valid editions are kept.
_CODE = Path(__file__).resolve().parents[1]


def load_cached(data_dir: Path, year: int, cache: ContentCache) -> KnowledgeBase:
    """`load_knowledge_base`, from memory or from the cache when nothing it depends on has changed."""
    root = edition_folder(data_dir, year).resolve()
    key = content_key(str(root), folder_fingerprint(root, MAX_FILE_BYTES), _code_fingerprint())
    return _from_memory_or_disk(key, root, cache)


@lru_cache(maxsize=16)
def _from_memory_or_disk(key: str, root: Path, cache: ContentCache) -> KnowledgeBase:
    stored = cache.read("editions", key, ".pickle")
    if stored is not None:
        try:
            return pickle.loads(stored)
        except Exception:  # a damaged or foreign entry: validate again
            pass
    kb = build_knowledge_base(validate_edition(root))
    kb.cle = key
    cache.write("editions", key, ".pickle", pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
    return kb


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    sources = sorted(p for folder in ("model", "loading") for p in (_CODE / folder).rglob("*.py"))
    return content_key(*(p.read_bytes() for p in sources))
