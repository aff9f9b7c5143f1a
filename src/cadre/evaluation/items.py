"""The items one answers in an evaluation, read from an edition: principle check-points and ARS objectives.

Every item has the id the data gives it (stable across editions), so an answer recorded on one edition can be
carried over to the next: same id and same text, the answer stands; same id, new text, it is flagged as reworded.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import ObjectifArs, Principe
from cadre.model.kinds import label
from cadre.text import plain

PROJET = "projet"  # a project's GO / NO GO review: the principles' check-points
ARS = "ars"  # an ARS half-yearly report: the objectives table
ECHEANCES = {"fin_2016": "Fin 2016", "fin_2017": "Fin 2017"}


@dataclass(frozen=True)
class Item:
    id: str
    type: str  # PROJET or ARS
    groupe: str  # id of the principle or of the objectives row
    groupe_libelle: str  # plain text
    texte: str  # raw data Markdown (every output escapes it in its own syntax)
    exigence: bool = False  # a check-point stated as a requirement rather than a question
    echeance: str = ""  # "fin_2016" / "fin_2017" for ARS objectives


def points_de_controle(kb: KnowledgeBase) -> list[Item]:
    items = []
    for principe in kb.all("principe"):
        assert isinstance(principe, Principe)
        for question in principe.questions:
            items.append(Item(question.id, PROJET, principe.id, plain(label(principe)), question.texte,
                              exigence=question.type.value == "exigence"))
    return items


def objectifs(kb: KnowledgeBase) -> list[Item]:
    items = []
    for ligne in kb.all("objectif"):
        assert isinstance(ligne, ObjectifArs)
        for echeance in ECHEANCES:
            for cible in getattr(ligne, echeance):
                items.append(Item(cible.id, ARS, ligne.id, plain(label(ligne)), cible.texte, echeance=echeance))
    return items


def items(kb: KnowledgeBase, type_: str) -> list[Item]:
    return points_de_controle(kb) if type_ == PROJET else objectifs(kb)


def all_items(kb: KnowledgeBase) -> list[Item]:
    return points_de_controle(kb) + objectifs(kb)


def items_document(kb: KnowledgeBase) -> dict[str, object]:
    """The items of an edition as plain text, published per edition so a later edition's page can re-evaluate a
    file made on this one (old text beside new text)."""
    def entry(item: Item) -> dict[str, object]:
        value: dict[str, object] = {"id": item.id, "groupe": item.groupe, "groupe_libelle": item.groupe_libelle,
                                    "texte": plain(item.texte)}
        if item.echeance:
            value["echeance"] = item.echeance
        return value

    return {
        "edition": kb.edition.annee,
        PROJET: [entry(i) for i in points_de_controle(kb)],
        ARS: [entry(i) for i in objectifs(kb)],
        "referentiels": [{"id": r.id, "libelle": plain(label(r))} for r in kb.all("referentiel")],
        "services": [{"id": s.id, "libelle": plain(label(s))} for s in kb.all("service")],
    }
