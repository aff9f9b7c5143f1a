"""A comparison of two editions as JSON (`cadre diff --format json`, the open data) and as French text.

The JSON form is described by typed dictionaries, from which the published JSON Schema is generated
(`comparison_schema`): the shape is written once, for the documents and for their schema.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads the fields of this one on Python 3.11

from cadre.editions.diff import EditionDiff, EntityRef, FieldChange, format_value
from cadre.editions.lineage import Nature
from cadre.model.kinds import KINDS

# --- JSON -------------------------------------------------------------------------------------------------------
# The docstrings are the published schema's descriptions: French, for the readers of the open data.

_CLOSED = ConfigDict(extra="forbid")  # the schema says `additionalProperties: false`


@with_config(_CLOSED)
class RefJson(TypedDict):
    """Une entité, dans l'édition dont le site porte sa page (`url` relative à la racine de ce site)."""

    type: str
    id: str
    libelle: str
    url: str
    edition: int


@with_config(_CLOSED)
class ChangementJson(TypedDict):
    """Un champ changé : `avant` vaut null pour une valeur ajoutée, `apres` vaut null pour une valeur retirée."""

    chemin: str
    avant: Any  # null when the value was added
    apres: Any  # null when the value was removed


@with_config(_CLOSED)
class AjoutJson(RefJson):
    """Une entité ajoutée, et les entités de l'édition ancienne qu'elle remplace (renommage, fusion, scission)."""

    remplace: list[RefJson]


@with_config(_CLOSED)
class RetraitJson(RefJson):
    """Une entité retirée, ses successeurs dans l'édition nouvelle, et les entités qui la citaient et restent à
    revoir."""

    remplacee_par: list[RefJson]
    a_revoir: list[RefJson]


@with_config(_CLOSED)
class ModificationJson(TypedDict):
    """Une entité modifiée (ou renommée : `ancien` porte alors l'autre identifiant), champ par champ, et les
    entités qui la citent."""

    entite: RefJson
    ancien: RefJson
    remplace: list[RefJson]
    changements: list[ChangementJson]
    a_revoir: list[RefJson]


@with_config(_CLOSED)
class TypeJson(TypedDict):
    """Les changements d'un type d'entité."""

    type: str
    libelle: str
    ajouts: list[AjoutJson]
    retraits: list[RetraitJson]
    modifications: list[ModificationJson]


@with_config(_CLOSED)
class FiliationJson(TypedDict):
    """Un renommage, une fusion, une scission ou une recomposition, suivis à travers les éditions intermédiaires."""

    type: str
    nature: Nature
    avant: list[RefJson]
    apres: list[RefJson]


@with_config(_CLOSED)
class MotifJson(TypedDict):
    """Une entité citée qui a été modifiée ou retirée."""

    entite: RefJson
    changement: Literal["modification", "retrait"]


@with_config(_CLOSED)
class RevueJson(TypedDict):
    """Une entité de l'édition nouvelle à revoir, et ce qu'elle cite qui a changé."""

    entite: RefJson
    motifs: list[MotifJson]


@with_config(_CLOSED)
class TotauxJson(TypedDict):
    """Nombres d'ajouts, de retraits et d'entités modifiées."""

    ajouts: int
    retraits: int
    modifications: int


@with_config(_CLOSED)
class ComparaisonJson(TypedDict):
    """Comparaison de l'édition `ancienne` avec l'édition `nouvelle` (celle dont le site la publie, `edition`)."""

    edition: int
    ancienne: int
    nouvelle: int
    intermediaires: list[int]
    totaux: TotauxJson
    metadonnees: list[ChangementJson]
    types: list[TypeJson]
    filiations: list[FiliationJson]
    a_revoir: list[RevueJson]


def _ref(ref: EntityRef) -> RefJson:
    return {"type": ref.kind, "id": ref.id, "libelle": ref.libelle, "url": ref.url, "edition": ref.edition}


def _refs(refs: list[EntityRef]) -> list[RefJson]:
    return [_ref(r) for r in refs]


def _change(change: FieldChange) -> ChangementJson:
    return asdict(change)  # type: ignore[return-value]


def diff_json(diff: EditionDiff) -> ComparaisonJson:
    """Machine-readable form; every value is plain JSON."""
    return {
        "edition": diff.nouvelle,
        "ancienne": diff.ancienne,
        "nouvelle": diff.nouvelle,
        "intermediaires": list(diff.intermediaires),
        "totaux": diff.totals(),  # type: ignore[typeddict-item]
        "metadonnees": [_change(c) for c in diff.metadonnees],
        "types": [
            {
                "type": k.kind,
                "libelle": KINDS[k.kind].pluriel,
                "ajouts": [{**_ref(a.entite), "remplace": _refs(a.remplace)} for a in k.ajouts],
                "retraits": [{**_ref(r.entite), "remplacee_par": _refs(r.remplacee_par),
                              "a_revoir": _refs(r.a_revoir)} for r in k.retraits],
                "modifications": [
                    {"entite": _ref(m.entite), "ancien": _ref(m.ancien or m.entite), "remplace": _refs(m.remplace),
                     "changements": [_change(c) for c in m.changements], "a_revoir": _refs(m.a_revoir)}
                    for m in k.modifications
                ],
            }
            for k in diff.types
        ],
        "filiations": [{"type": f.kind, "nature": f.nature, "avant": _refs(f.avant), "apres": _refs(f.apres)}
                       for f in diff.filiations],
        "a_revoir": [{"entite": _ref(r.entite),
                      "motifs": [{"entite": _ref(ref), "changement": motif} for ref, motif in r.motifs]}
                     for r in diff.a_revoir()],  # type: ignore[misc]
    }


def comparison_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `diff_json`, generated from the typed dictionaries above."""
    return TypeAdapter(ComparaisonJson).json_schema(ref_template="#/$defs/{model}")


# --- French text --------------------------------------------------------------------------------------------------

MOTIFS = {"modification": "modifié", "retrait": "retiré"}


def format_text(diff: EditionDiff) -> str:
    """The diff as French text for the terminal, grouped by entity kind."""
    through = f" (en passant par {_editions(diff.intermediaires)})" if diff.intermediaires else ""
    lines = [f"Différences entre l'édition {diff.ancienne} et l'édition {diff.nouvelle}{through}", ""]
    if diff.metadonnees:
        lines.append("Métadonnées de l'édition")
        lines.extend(_change_lines(diff.metadonnees, "  "))
        lines.append("")
    if diff.vide:
        lines.append("Aucune différence dans les entités.")
    for kind in diff.types:
        lines.append(KINDS[kind.kind].titre_pluriel)
        for added in kind.ajouts:
            lines.append(f"  + ajouté : {added.entite.id} — {added.entite.libelle}"
                         f"{_ids(' (remplace : ', added.remplace)}")
        for removed in kind.retraits:
            lines.append(f"  - retiré : {removed.entite.id} — {removed.entite.libelle}"
                         f"{_ids(' (remplacé par : ', removed.remplacee_par)}")
            lines.extend(_review_lines(removed.a_revoir))
        for change in kind.modifications:
            if change.renommee and change.ancien:
                lines.append(f"  ~ renommé : {change.ancien.id} → {change.entite.id} — {change.entite.libelle}")
            else:
                lines.append(f"  ~ modifié : {change.entite.id} — {change.entite.libelle}"
                             f"{_ids(' (remplace aussi : ', change.remplace)}")
            lines.extend(_change_lines(change.changements, "      "))
            lines.extend(_review_lines(change.a_revoir))
        lines.append("")
    if diff.filiations:
        lines.append("Filiations")
        for f in diff.filiations:
            lines.append(f"  {f.nature.libelle} ({KINDS[f.kind].pluriel}) : {' + '.join(r.id for r in f.avant)} → "
                         f"{' + '.join(r.id for r in f.apres)}")
        lines.append("")
    reviews = diff.a_revoir()
    if reviews:
        lines.append("À revoir (entités qui citent une entité modifiée ou retirée)")
        for review in reviews:
            causes = ", ".join(f"{KINDS[ref.kind].singulier} {ref.id} ({MOTIFS[motif]})"
                               for ref, motif in review.motifs)
            lines.append(f"  {_named(review.entite)} : {causes}")
        lines.append("")
    totals = diff.totals()
    lines.append(f"Total : {_plural(totals['ajouts'], 'ajout')}, {_plural(totals['retraits'], 'retrait')}, "
                 f"{_plural(totals['modifications'], 'entité modifiée', 'entités modifiées')}.")
    return "\n".join(lines) + "\n"


def _named(ref: EntityRef) -> str:
    return f"{KINDS[ref.kind].singulier} {ref.id} — {ref.libelle}"


def _review_lines(refs: list[EntityRef]) -> list[str]:
    return [f"      à revoir : {_named(ref)}" for ref in refs]


def _ids(opening: str, refs: list[EntityRef]) -> str:
    return f"{opening}{', '.join(r.id for r in refs)})" if refs else ""


def _editions(years: list[int]) -> str:
    named = [str(y) for y in years]
    return f"l'édition {named[0]}" if len(named) == 1 else "les éditions " + ", ".join(named[:-1]) + " et " + named[-1]


def _change_lines(changes: list[FieldChange], indent: str) -> list[str]:
    lines = []
    for change in changes:
        if change.avant is None:
            lines.append(f"{indent}{change.chemin} : ajouté {format_value(change.apres)}")
        elif change.apres is None:
            lines.append(f"{indent}{change.chemin} : retiré {format_value(change.avant)}")
        else:
            lines.append(f"{indent}{change.chemin} : {format_value(change.avant)} → {format_value(change.apres)}")
    return lines


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural or singular + 's')}"
