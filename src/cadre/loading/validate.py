"""Checks of meaning, after types: every reference resolves, numbers are unique, dates are in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cadre.loading.errors import Code, DataError, suggestion
from cadre.loading.loader import LoadedEdition, Source, entity_label, load_edition, model_in
from cadre.loading.yamlio import Path_, dotted
from cadre.model import EntreeGlossaire, Ref
from cadre.model.kinds import KINDS


def validate_edition(root: Path) -> LoadedEdition:
    """Load one edition folder and run every check; `loaded.errors` holds all problems found."""
    loaded = load_edition(root)
    loaded.errors.extend(check_references(loaded))
    loaded.errors.extend(check_glossary_targets(loaded))
    loaded.errors.extend(check_unique_numbers(loaded))
    loaded.errors.extend(check_parent_cycles(loaded))
    loaded.errors.extend(check_unique_items(loaded))
    loaded.errors.extend(check_edition_dates(loaded))
    loaded.errors.extend(check_images(loaded))
    loaded.errors.sort(key=lambda e: (str(e.location.path), e.location.line, e.location.column))
    return loaded


def references(entity: BaseModel, at: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """Every (path, kind, id) reference held by a model, found through the `Ref` annotations."""
    for name, info in type(entity).model_fields.items():
        value = getattr(entity, name)
        ref = next((meta for meta in info.metadata if isinstance(meta, Ref)), None)
        if ref is not None:
            if isinstance(value, list):
                for i, item in enumerate(value):
                    yield (*at, name, i), ref.kind, item
            elif value is not None:
                yield (*at, name), ref.kind, value
            continue
        yield from _nested_references(value, (*at, name))


def _nested_references(value: Any, at: Path_) -> Iterator[tuple[Path_, str, str]]:
    if isinstance(value, BaseModel):
        yield from references(value, at)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from references(item, (*at, i))


def raw_references(model: type[BaseModel], raw: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """The same walk over data that failed its types, so one run still reports its broken references."""
    if not isinstance(raw, dict):
        return
    for name, info in model.model_fields.items():
        value = raw.get(name)
        ref = next((meta for meta in info.metadata if isinstance(meta, Ref)), None)
        if ref is not None:
            items = enumerate(value) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                if isinstance(item, str):
                    yield ((*at, name) if i is None else (*at, name, i)), ref.kind, item
            continue
        nested = model_in(info.annotation)
        if nested is not None and isinstance(value, list):
            for i, item in enumerate(value):
                yield from raw_references(nested, item, (*at, name, i))
        elif nested is not None:
            yield from raw_references(nested, value, (*at, name))


def check_references(loaded: LoadedEdition) -> list[DataError]:
    errors = []
    for kind, entities in loaded.entities.items():
        for entity_id, entity in entities.items():
            source = loaded.sources[(kind, entity_id)]
            for at, target_kind, target_id in references(entity):
                if target_id not in loaded.entities[target_kind]:
                    errors.append(_unknown_reference(source, f"{kind}:{entity_id}", at, target_kind, target_id,
                                                     loaded))
    for kind_info, raw, source in loaded.untyped:
        label = entity_label(kind_info.name, raw)
        for at, target_kind, target_id in raw_references(kind_info.model, raw):
            if target_id not in loaded.entities[target_kind]:
                errors.append(_unknown_reference(source, label, at, target_kind, target_id, loaded))
    return errors


def _unknown_reference(source: Source, label: str, at: Path_, target_kind: str, target_id: str,
                       loaded: LoadedEdition) -> DataError:
    known = loaded.entities[target_kind]
    return DataError(
        source.location(at), Code.UNKNOWN_REFERENCE, label, dotted(at),
        f"{KINDS[target_kind].aucun} ne porte cet identifiant" + suggestion(target_id, set(known)),
        expected=f"l'identifiant d'{KINDS[target_kind].un}", found=f"« {target_id} »",
    )


def check_glossary_targets(loaded: LoadedEdition) -> list[DataError]:
    """A glossary entry may point at an entity of any kind: `renvoi.type` names the kind."""
    errors = []
    for entry in loaded.entities["glossaire"].values():
        assert isinstance(entry, EntreeGlossaire)
        if entry.renvoi is None:
            continue
        source = loaded.sources[("glossaire", entry.id)]
        label = f"glossaire:{entry.id}"
        if entry.renvoi.type not in KINDS:
            errors.append(DataError(
                source.location(("renvoi", "type")), Code.NOT_IN_ENUM, label, "renvoi.type",
                "type d'entité inconnu" + suggestion(entry.renvoi.type, set(KINDS)),
                expected="un des types : " + ", ".join(KINDS), found=f"« {entry.renvoi.type} »"))
        elif entry.renvoi.id not in loaded.entities[entry.renvoi.type]:
            errors.append(_unknown_reference(source, label, ("renvoi", "id"), entry.renvoi.type, entry.renvoi.id,
                                             loaded))
    return errors


_NUMBERED = {"principe": "numero", "programme": "numero", "etape": "numero", "famille": "numero",
             "cas-usage": "numero"}


def check_unique_numbers(loaded: LoadedEdition) -> list[DataError]:
    """Two principles numbered 7 is a transcription slip that references and order would hide."""
    errors = []
    for kind, field_name in _NUMBERED.items():
        seen: dict[int, str] = {}
        for entity_id, entity in loaded.entities[kind].items():
            number = getattr(entity, field_name)
            if number in seen:
                source = loaded.sources[(kind, entity_id)]
                errors.append(DataError(
                    source.location((field_name,)), Code.DUPLICATE_ID, f"{kind}:{entity_id}", field_name,
                    f"numéro déjà porté par {kind}:{seen[number]}", expected="un numéro unique",
                    found=str(number)))
            seen.setdefault(number, entity_id)
    return errors


def check_parent_cycles(loaded: LoadedEdition) -> list[DataError]:
    """A category or a chapter inside itself through its parents: a tree with no root, that no page can show."""
    errors = []
    for kind, entities in loaded.entities.items():
        for entity_id, entity in entities.items():
            chain, parent = [entity_id], getattr(entity, "parent", None)
            while parent in entities and parent not in chain:
                chain.append(parent)
                parent = getattr(entities[parent], "parent", None)
            if parent == entity_id:
                errors.append(DataError(
                    loaded.sources[(kind, entity_id)].location(("parent",)), Code.PARENT_CYCLE, f"{kind}:{entity_id}",
                    "parent", "l'entité est sa propre ancêtre : " + " → ".join([*chain, entity_id]),
                    expected=f"un parent qui n'est pas contenu dans {kind}:{entity_id}", found=f"« {entity.parent} »"))
    return errors


def item_paths(kind: str, entity: BaseModel) -> Iterator[tuple[Path_, str]]:
    """(path of the id, id) of every evaluation item an entity holds: principle check-points, ARS objectives."""
    fields = {"principe": ("questions",), "objectif": ("fin_2016", "fin_2017")}.get(kind, ())
    for name in fields:
        for i, item in enumerate(getattr(entity, name)):
            yield (name, i, "id"), item.id


def check_unique_items(loaded: LoadedEdition) -> list[DataError]:
    """Answers of a GO / NO GO review or an ARS report are keyed by item id: two items with one id would mix them."""
    errors = []
    seen: dict[str, str] = {}
    for kind in ("principe", "objectif"):
        for entity_id, entity in loaded.entities[kind].items():
            for at, item_id in item_paths(kind, entity):
                where = f"{kind}:{entity_id}.{dotted(at)}"
                if item_id in seen:
                    errors.append(DataError(
                        loaded.sources[(kind, entity_id)].location(at), Code.DUPLICATE_ID, f"{kind}:{entity_id}",
                        dotted(at), f"identifiant d'item déjà porté par {seen[item_id]}",
                        expected="un identifiant d'item unique dans l'édition", found=f"« {item_id} »"))
                seen.setdefault(item_id, where)
    return errors


def check_edition_dates(loaded: LoadedEdition) -> list[DataError]:
    edition, source = loaded.edition, loaded.edition_source
    if edition is None or source is None:
        return []
    errors = []
    instruction = edition.instruction
    if instruction.date_validation_cnp > instruction.date:
        errors.append(DataError(
            source.location(("instruction", "date_validation_cnp")), Code.BAD_ORDER, "edition",
            "instruction.date_validation_cnp", "la validation par le CNP précède la signature de l'instruction",
            expected=f"une date au plus tard le {instruction.date.isoformat()}",
            found=instruction.date_validation_cnp.isoformat()))
    if edition.date_publication and edition.date_publication < instruction.date:
        errors.append(DataError(
            source.location(("date_publication",)), Code.BAD_ORDER, "edition", "date_publication",
            "une édition ne peut être publiée avant l'instruction qui l'adopte",
            expected=f"une date à partir du {instruction.date.isoformat()}",
            found=edition.date_publication.isoformat()))
    if edition.annee != _folder_year(loaded.root):
        errors.append(DataError(
            source.location(("annee",)), Code.BAD_VALUE, "edition", "annee",
            "l'année de l'édition doit être le nom de son dossier",
            expected=loaded.root.name, found=str(edition.annee)))
    return errors


def _folder_year(root: Path) -> int | None:
    return int(root.name) if root.name.isdigit() else None


# Any Markdown image: inline ![a](b), reference ![a][r], collapsed ![a][] and shortcut ![a] (with a [a]: definition).
# The site shows no image from data (it would be fetched from anywhere, or read from the build machine into the
# PDFs); the sanitiser drops <img> too, but a silent drop would lose what the author meant: refused here, located.
_IMAGE = re.compile(r"(?<!\\)(?:\\\\)*!\[[^\]]*\]")


def check_images(loaded: LoadedEdition) -> list[DataError]:
    """Every text of every entity (typed or not) and of edition.yaml, searched for Markdown images."""
    raws: list[tuple[str, Any, Source]] = [(f"{kind}:{entity_id}", _raw(source), source)
                                           for (kind, entity_id), source in loaded.sources.items()]
    raws += [(entity_label(kind.name, raw), raw, source) for kind, raw, source in loaded.untyped]
    if loaded.edition_source is not None:
        raws.append(("edition", loaded.edition_source.doc.value, loaded.edition_source))
    errors = []
    for label, raw, source in raws:
        for at, text in _texts(raw):
            found = _IMAGE.search(text)
            if found:
                errors.append(DataError(
                    source.location(at), Code.IMAGE, label, dotted(at),
                    "image refusée : le site n'affiche aucune image venue des données (décrire la figure en texte, "
                    "ou écrire « \\![ » pour un point d'exclamation suivi d'un crochet)",
                    expected="un texte sans image Markdown", found=f"« {found.group(0)[:60]} »"))
    return errors


def _raw(source: Source) -> Any:
    value = source.doc.value
    for part in source.base:
        value = value[part]
    return value


def _texts(raw: Any) -> Iterator[tuple[Path_, str]]:
    """(path, text) of every string inside `raw`, without recursion (the reader bounds the depth anyway)."""
    pending: list[tuple[Path_, Any]] = [((), raw)]
    while pending:
        at, value = pending.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, dict):
            pending.extend(((*at, key), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend(((*at, i), item) for i, item in enumerate(value))
