"""The evaluation file: what the pages export and import, and `cadre evaluation` reads (JSON, versioned schema).

One file is one project's GO / NO GO review (type « projet ») or one ARS's half-yearly report (type « ars ») on one
edition. Answers are keyed by the items' stable ids, so a file made on an earlier edition can be re-evaluated on a
later one. The schema is published with the open data (api/v1/schemas/evaluation.schema.json).
"""

from __future__ import annotations

from typing import Any

from cadre.evaluation.items import ARS, PROJET
from cadre.loading.schema import SCHEMA_URL

FORMAT = "cadre-evaluation"
VERSION = 1

# answer value -> label, in the order the pages show them
REPONSES = {
    PROJET: {"oui": "Oui", "partiellement": "Partiellement", "non": "Non", "non-applicable": "Non applicable"},
    ARS: {"atteint": "Atteint", "en-cours": "En cours", "non-engage": "Non engagé", "sans-objet": "Sans objet"},
}
CONCERNE = {"oui": "Oui", "non": "Non"}
CONFORMITE = {"conforme": "Conforme", "en-cours": "En cours", "non-conforme": "Non conforme"}
SANS_REPONSE = "Sans réponse"

_SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"


def _reponse(values: list[str] | None) -> dict[str, Any]:
    """One item's answer; `values` None: any text (the type of the file says which values, see `allOf`)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "reponse": {"enum": values} if values else {"type": "string", "description": "Absente sans réponse"},
            "commentaire": {"type": "string"},
            "preuve": {"type": "string", "description": "Lien vers une pièce justificative"},
            "date": {"type": "string", "pattern": _DATE, "description": "AAAA-MM-JJ (reporting ARS)"},
        },
    }


def evaluation_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an evaluation file, version 1."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_URL}api/evaluation.schema.json",
        "title": "Fichier d'auto-évaluation (revue GO / NO GO d'un projet ou reporting semestriel d'une ARS)",
        "description": "Réponses enregistrées dans le navigateur et exportées par les pages « Auto-évaluation d'un "
                       "projet » et « Reporting semestriel ARS ». Les réponses sont rangées par identifiant "
                       "d'item (point de contrôle d'un principe, objectif ARS), stable d'une édition à l'autre.",
        "type": "object",
        "required": ["format", "version", "type", "edition", "nom", "date", "reponses"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION, "description": "Version du format ; change si le format change"},
            "type": {"enum": [PROJET, ARS], "description": "projet : revue GO / NO GO ; ars : reporting ARS"},
            "edition": {"type": "integer", "description": "Année de l'édition du cadre sur laquelle on a répondu"},
            "nom": {"type": "string", "minLength": 1, "description": "Nom du projet, ou de l'ARS / la région"},
            "date": {"type": "string", "pattern": _DATE, "description": "Date de l'export (AAAA-MM-JJ)"},
            "reponses": {"type": "object", "propertyNames": {"pattern": _SLUG},
                         "additionalProperties": {"$ref": "#/$defs/Reponse"}},
            "referentiels": {"type": "object", "propertyNames": {"pattern": _SLUG},
                             "additionalProperties": {"$ref": "#/$defs/Referentiel"}},
            "services": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": _SLUG},
                         "description": "Services du socle commun réutilisés par le projet"},
        },
        "allOf": [
            {"if": {"properties": {"type": {"const": PROJET}}},
             "then": {"properties": {"reponses": {"additionalProperties": _reponse(list(REPONSES[PROJET]))}}}},
            {"if": {"properties": {"type": {"const": ARS}}},
             "then": {"properties": {"reponses": {"additionalProperties": _reponse(list(REPONSES[ARS]))}}}},
        ],
        "$defs": {
            "Reponse": _reponse(None),
            "Referentiel": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"concerne": {"enum": list(CONCERNE)}, "conformite": {"enum": list(CONFORMITE)}},
            },
        },
    }
