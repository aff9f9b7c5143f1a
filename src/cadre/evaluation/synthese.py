"""Reading evaluation files and consolidating them: what `cadre evaluation synthese` and `rapport` compute.

A file is checked against the schema, then against its edition (known edition, known item ids); every problem is
reported in French with the file and the item, and a bad file never stops the others. Counts are per principle
(projects) or per row of the objectives table (ARS), in the order of the edition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from cadre.evaluation.fichier import REPONSES, SANS_REPONSE, evaluation_schema
from cadre.evaluation.items import PROJET, Item, items
from cadre.loading.errors import suggestion
from cadre.loading.knowledge import InvalidEdition, KnowledgeBase, load_knowledge_base
from cadre.loading.loader import edition_folder

TYPES = {PROJET: "Revue GO / NO GO de projet", "ars": "Reporting semestriel ARS"}


@dataclass
class Groupe:
    id: str
    libelle: str
    decompte: dict[str, int]  # answer value ("" for no answer) -> number of items


@dataclass
class Evaluation:
    fichier: Path
    document: dict[str, Any]
    kb: KnowledgeBase
    items: list[Item] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.document["type"]

    def reponse(self, item: Item) -> dict[str, str]:
        return self.document["reponses"].get(item.id, {})

    def groupes(self) -> list[Groupe]:
        groups: dict[str, Groupe] = {}
        for item in self.items:
            group = groups.setdefault(item.groupe, Groupe(item.groupe, item.groupe_libelle,
                                                          {v: 0 for v in [*REPONSES[self.type], ""]}))
            group.decompte[self.reponse(item).get("reponse", "")] += 1
        return list(groups.values())

    def bloquants(self) -> list[tuple[Item, str]]:
        """The check-points that stand in the way of a GO: answered « non », or not answered."""
        if self.type != PROJET:
            return []
        return [(item, value) for item in self.items if (value := self.reponse(item).get("reponse", "")) in ("", "non")]


class FileError(Exception):
    """Every problem of one file, each line naming the file and the item."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Editions:
    """The editions the files name, each loaded once (a missing or invalid one is an error of the file)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.loaded: dict[int, KnowledgeBase | str] = {}

    def get(self, year: int) -> KnowledgeBase | str:
        if year not in self.loaded:
            if not edition_folder(self.data, year).is_dir():
                self.loaded[year] = f"édition {year} introuvable dans {self.data / 'editions'}"
            else:
                try:
                    self.loaded[year] = load_knowledge_base(self.data, year)
                except InvalidEdition as invalid:
                    self.loaded[year] = f"édition {year} invalide ({len(invalid.errors)} erreur(s) : cadre validate)"
        return self.loaded[year]


def read_evaluation(path: Path, editions: Editions) -> Evaluation:
    """The file checked against the schema and its edition; `FileError` lists every problem found."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FileError([f"{path} : fichier illisible ({error.strerror})"]) from None
    except UnicodeDecodeError:
        raise FileError([f"{path} : le fichier n'est pas encodé en UTF-8"]) from None
    except json.JSONDecodeError as error:
        raise FileError([f"{path}:{error.lineno}:{error.colno} : JSON invalide ({_json_message(error.msg)})"]) from None
    problems = sorted(Draft202012Validator(evaluation_schema()).iter_errors(document), key=lambda e: list(e.path))
    if problems:
        raise FileError([f"{path} : {_where(e)}{_french(e)}" for e in problems])
    kb = editions.get(document["edition"])
    if isinstance(kb, str):
        raise FileError([f"{path} : edition : {kb}"])
    known = items(kb, document["type"])
    errors = _unknown_ids(path, document, kb, known)
    if errors:
        raise FileError(errors)
    return Evaluation(path, document, kb, known)


def _unknown_ids(path: Path, document: dict[str, Any], kb: KnowledgeBase, known: list[Item]) -> list[str]:
    year, errors = document["edition"], []
    ids = {i.id for i in known}
    what = "point de contrôle" if document["type"] == PROJET else "objectif ARS"
    for item_id in document["reponses"]:
        if item_id not in ids:
            errors.append(f"{path} : reponses.{item_id} : aucun {what} de l'édition {year} ne porte cet identifiant"
                          f"{suggestion(item_id, ids)}")
    for kind, values in (("referentiel", list(document.get("referentiels", {}))),
                         ("service", document.get("services", []))):
        for value in values:
            if value not in kb.entities[kind]:
                errors.append(f"{path} : {kind}s.{value} : aucun {kind} de l'édition {year} ne porte cet "
                              f"identifiant{suggestion(value, set(kb.entities[kind]))}")
    return errors


def _where(error: ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return f"{path} : " if path else ""


def _french(error: ValidationError) -> str:
    """jsonschema's message in French, for the validators the schema uses."""
    value, expected = error.instance, error.validator_value
    found = f"« {value} »" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:60]
    match error.validator:
        case "required":
            missing = next((k for k in expected if k not in value), "?")
            return f"champ obligatoire absent : {missing}"
        case "additionalProperties":
            extra = sorted(set(value) - set(error.schema.get("properties", {})))
            return f"champ inconnu : {', '.join(extra)}"
        case "enum":
            return f"valeur non admise (attendu une de : {', '.join(map(str, expected))} ; trouvé {found})"
        case "const":
            return f"valeur non admise (attendu {json.dumps(expected, ensure_ascii=False)}, trouvé {found})"
        case "type":
            return f"type de valeur incorrect (attendu {_TYPES.get(expected, expected)}, trouvé {found})"
        case "pattern":
            return f"forme incorrecte (trouvé {found})"
        case "minLength":
            return "valeur vide"
        case "uniqueItems":
            return "valeurs en double"
    return error.message


_TYPES = {"object": "un objet", "string": "un texte", "integer": "un nombre entier", "array": "une liste"}


def _json_message(message: str) -> str:
    return {"Expecting value": "valeur attendue", "Expecting property name enclosed in double quotes":
            "nom de champ entre guillemets attendu", "Unterminated string starting at": "texte non terminé",
            "Extra data": "données en trop après la fin", "Expecting ',' delimiter": "virgule attendue",
            "Expecting ':' delimiter": "deux-points attendus"}.get(message, message)


def libelle_reponse(type_: str, value: str) -> str:
    return REPONSES[type_].get(value, SANS_REPONSE)
