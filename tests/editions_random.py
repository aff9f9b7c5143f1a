"""Random valid editions (hypothesis): every kind from none to a few entities, every optional field present or
not, references drawn among the ids that exist, texts from plain words to Markdown, markup characters, long
words and long texts. Clearly fictional; written into a folder as `cadre validate` reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from cadre.model.kinds import KINDS, Layout

YEAR = 2099
# ids shared between kinds on purpose: two entities of different kinds may carry the same id
IDS = ("a", "b", "dmp", "ins", "x-1", "ars", "telemedecine", "zz-9-b")
WORDS = ("fictif", "service", "Donnée", "santé", "e-santé", "ZORG", "(ZORG)", "l'INS", "«", "»", ":", "—", "2099")
MARKUP = ("*emphase*", "**fort**", "`code`", "[lien](https://example.org/a)", "<b>balise</b>", "\\", '"', "{: .x }",
          "|", "#", "[^1]\n\n[^1]: note", "- un\n- deux", "1. premier", "> citation", "&amp;", "{{ x }}", "{% x %}")

_usual = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.lists(st.sampled_from(WORDS + MARKUP), min_size=1, max_size=10).map(" ".join),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .filter(lambda t: t.strip()),
)
# as long as a name may be (1 000 characters, E107); past Graphviz's string limit: test_random_editions.py
_huge = st.sampled_from(("A" * 1000, "mot " * 250, "é" * 1000))
texts = st.integers(0, 24).flatmap(lambda n: _huge if n == 0 else _usual)  # one text in 25 is huge
short = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    return draw(st.none() | strategy)


def _refs(draw: st.DrawFn, ids: list[str], most: int = 3) -> list[str]:
    return draw(st.lists(st.sampled_from(ids), max_size=most)) if ids else []


def _ref(draw: st.DrawFn, ids: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(ids)) if ids else None


def _numbers(draw: st.DrawFn, count: int, low: int = -3) -> list[int]:
    return draw(st.lists(st.integers(low, 40), min_size=count, max_size=count, unique=True))


def _clean(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if item is not None}


@st.composite
def editions(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """kind -> its entities (plain YAML values), every reference resolving."""
    ids = {kind: draw(st.lists(st.sampled_from(IDS), max_size=4, unique=True)) for kind in KINDS}
    if not ids["categorie"]:  # a référentiel needs a category, an evolution a référentiel
        ids["referentiel"] = []
    if not ids["referentiel"]:
        ids["evolution"] = []
    e: dict[str, list[dict[str, Any]]] = {}
    n = {kind: len(found) for kind, found in ids.items()}
    e["chapitre"] = [_clean({"id": i, "document": draw(st.sampled_from(["instruction", "annexe"])),
                             "numero": draw(st.sampled_from(["I", "-", "2.1", "—"])), "titre": draw(texts),
                             "ordre": k, "parent": _ref(draw, ids["chapitre"][:k]), "corps": draw(texts)})
                     for k, i in enumerate(ids["chapitre"])]
    e["famille"] = [_clean({"id": i, "numero": num, "nom": draw(texts), "perimetre_initial": draw(st.booleans()),
                            "description": _maybe(draw, texts)})
                    for i, num in zip(ids["famille"], _numbers(draw, n["famille"]), strict=True)]
    # parents among the entities before: a tree (validation refuses an entity inside itself)
    e["categorie"] = [_clean({"id": i, "nom": draw(texts), "ordre": k, "parent": _ref(draw, ids["categorie"][:k])})
                      for k, i in enumerate(ids["categorie"])]
    e["referentiel"] = [_referentiel(draw, i, k, ids) for k, i in enumerate(ids["referentiel"])]
    e["evolution"] = [_clean({"id": i, "referentiel": draw(st.sampled_from(ids["referentiel"])),
                              "libelle": draw(texts), "echeance": _maybe(draw, short),
                              "annee": _maybe(draw, st.integers(2000, 2100))}) for i in ids["evolution"]]
    e["rubrique"] = [{"id": i, "nom": draw(texts), "ordre": k, "familles": _refs(draw, ids["famille"], 2)}
                     for k, i in enumerate(ids["rubrique"])]
    e["service"] = [_clean({"id": i, "nom": draw(texts), "sigle": _maybe(draw, short),
                            "version": draw(st.sampled_from(["v1", "ulterieure"])),
                            "rubrique": _ref(draw, ids["rubrique"]), "ordre": k, "description": _maybe(draw, texts),
                            "referentiels": _refs(draw, ids["referentiel"]),
                            "programmes": _refs(draw, ids["programme"])})
                    for k, i in enumerate(ids["service"])]
    e["objectif"] = [_clean({"id": i, "ligne": draw(texts), "service": _ref(draw, ids["service"]), "ordre": k,
                             "fin_2016": _items(draw, f"{i}-2016"), "fin_2017": _items(draw, f"{i}-2017")})
                     for k, i in enumerate(ids["objectif"])]
    e["processus"] = [{"id": i, "nom": draw(texts), "ordre": k, "actes": draw(st.lists(short, max_size=2))}
                      for k, i in enumerate(ids["processus"])]
    e["etape"] = [{"id": i, "numero": num, "titre": draw(texts),
                   "sous_etapes": [{"lettre": draw(st.sampled_from(["a", "a", "b", "é", 'x"\\'])), "titre": draw(texts),
                                    "services": _usages(draw, ids)} for _ in range(draw(st.integers(0, 3)))],
                   "services": _usages(draw, ids)}
                  for i, num in zip(ids["etape"], _numbers(draw, n["etape"]), strict=True)]
    e["programme"] = [_clean({"id": i, "numero": num, "famille": _ref(draw, ids["famille"]), "nom": draw(texts),
                              "statut": draw(st.sampled_from("EP")), "description": _maybe(draw, texts)})
                      for i, num in zip(ids["programme"], _numbers(draw, n["programme"]), strict=True)]
    e["glossaire"] = [_glossaire(draw, i, ids) for i in ids["glossaire"]]
    e["instance"] = [_clean({"id": i, "nom": draw(texts), "ordre": k, "participation_ars": _maybe(draw, texts),
                             "descriptions": draw(st.lists(_description(ids), max_size=2))})
                     for k, i in enumerate(ids["instance"])]
    e["elaboration"] = [{"id": i, "nom": draw(texts), "ordre": k} for k, i in enumerate(ids["elaboration"])]
    e["regle"] = [{"id": i, "titre": draw(texts), "texte": draw(texts), "ordre": k}
                  for k, i in enumerate(ids["regle"])]
    e["principe"] = [{"id": i, "numero": num, "titre": draw(texts), "enonce": draw(texts),
                      "questions": _items(draw, f"{i}-q"),
                      "referentiels": _refs(draw, ids["referentiel"]), "acteurs": _refs(draw, ids["acteur"])}
                     for i, num in zip(ids["principe"], _numbers(draw, n["principe"], low=1), strict=True)]
    e["acteur"] = [_clean({"id": i, "nom": draw(texts), "sigle": _maybe(draw, short), "ordre": k,
                           "description": draw(texts),
                           "devoirs": [_devoir(draw, ids) for _ in range(draw(st.integers(0, 2)))]})
                   for k, i in enumerate(ids["acteur"])]
    e["cas-usage"] = [{"id": i, "numero": num, "titre": draw(texts), "rubriques": draw(st.lists(short, max_size=2))}
                      for i, num in zip(ids["cas-usage"], _numbers(draw, n["cas-usage"]), strict=True)]
    return e


def _referentiel(draw: st.DrawFn, i: str, k: int, ids: dict[str, list[str]]) -> dict[str, Any]:
    statut = draw(st.sampled_from(["disponible", "partiellement-disponible", "en-cours", "en-projet", "non-precise"]))
    jalons = [_clean({"libelle": draw(texts), "date": _maybe(draw, short),
                      "annee": _maybe(draw, st.integers(1970, 2100))}) for _ in range(draw(st.integers(0, 2)))]
    return _clean({
        "id": i, "nom": draw(texts), "sigle": _maybe(draw, short), "categorie": draw(st.sampled_from(ids["categorie"])),
        "ordre": k, "objectifs": draw(texts), "contenu": draw(texts),
        "disponibilite": {"statut": statut, "texte": draw(texts), "jalons": jalons},
        "destinataires": _clean({"acteurs": _refs(draw, ids["acteur"]), "texte": _maybe(draw, texts)}),
        "liens": [{"titre": draw(short), "url": "https://example.org/fictif"}] if draw(st.booleans()) else [],
        "listes": [{"id": "volets", "titre": draw(short), "elements": draw(st.lists(texts, max_size=2))}]
        if draw(st.booleans()) else []})


def _usages(draw: st.DrawFn, ids: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [_clean({"libelle": draw(texts), "service": _ref(draw, ids["service"])})
            for _ in range(draw(st.integers(0, 3)))]


def _glossaire(draw: st.DrawFn, i: str, ids: dict[str, list[str]]) -> dict[str, Any]:
    targets = [(kind, found) for kind, found in ids.items() if found]
    renvoi = None
    if targets and draw(st.booleans()):
        kind, found = draw(st.sampled_from(targets))
        renvoi = {"type": kind, "id": draw(st.sampled_from(found))}
    return _clean({"id": i, "sigle": draw(st.sampled_from(["ZORG", "INS", "e-santé", "(N)TIC", "A&B", "X"])),
                   "definition": draw(texts), "origine": draw(st.sampled_from(["annexe-5", "texte"])),
                   "renvoi": renvoi})


def _description(ids: dict[str, list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"source": st.sampled_from(["instruction", "annexe", "resume"]), "missions": st.lists(texts, max_size=2)},
        optional={"pilotage": texts, "frequence": short})


def _items(draw: st.DrawFn, prefix: str) -> list[dict[str, Any]]:
    """Evaluation items (check-points, ARS objectives): ids unique in the edition (E201), from their holder's id."""
    return [{"id": f"{prefix}-{n}", "texte": draw(texts)} for n in range(1, draw(st.integers(0, 2)) + 1)]


def _devoir(draw: st.DrawFn, ids: dict[str, list[str]]) -> dict[str, Any]:
    """A passage of duties (where the document says it, its lead-in) and its items."""
    items = [{"texte": draw(texts), "modalites": draw(st.lists(texts, max_size=2)),
              "referentiels": _refs(draw, ids["referentiel"]), "services": _refs(draw, ids["service"]),
              "principes": _refs(draw, ids["principe"]), "objectifs": _refs(draw, ids["objectif"])}
             for _ in range(draw(st.integers(1, 2)))]
    return {"source": draw(short), "introduction": draw(texts), "numerotee": draw(st.booleans()),
            "cle": draw(st.booleans()), "elements": items}


EDITION = {
    "annee": YEAR, "statut": "publiee", "date_publication": "2099-06-01", "texte_adoption": "Instruction fictive",
    "titre": "Cadre fictif", "version_annexe": "v0",
    "instruction": {"numero": "FICTIF/2099/1", "titre": "Instruction fictive", "date": "2099-05-15",
                    "nor": "FICT0000000X", "validation_cnp": "Validée (fictif).", "date_validation_cnp": "2099-05-01",
                    "visa_cnp": "Visa fictif", "date_application": "immédiate", "categorie": "fictive",
                    "resume": "Résumé fictif.", "mots_cles": ["fictif"], "annexe": "cadre fictif",
                    "rubriques": ["FICTION"], "emetteur": ["Ministère imaginaire"], "expediteur": "Personne",
                    "destinataires": "Personne", "mention_signature": "Pour personne",
                    "signataires": [{"role": "Rôle fictif", "nom": "A. PERSONNE"}]}}


def write_edition(entities: dict[str, list[dict[str, Any]]], data: Path) -> Path:
    """Write the edition under `data/editions/<YEAR>/` as the loader reads it; returns the data folder."""
    root = data / "editions" / str(YEAR)
    _dump(root / "edition.yaml", EDITION)
    for kind, values in entities.items():
        info = KINDS[kind]
        if info.layout is Layout.ONE_PER_FILE:
            for value in values:
                _dump(root / info.source / f"{value['id']}.yaml", value)
        elif values:
            _dump(root / info.source, values)
    return data


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
