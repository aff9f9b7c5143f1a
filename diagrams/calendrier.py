"""Calendrier : évolutions programmées des référentiels, échéance du socle et objectifs des ARS, par année."""

import re

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Evolution, ObjectifArs, Service, VersionSocle
from cadre.site.figures import Box, Figure, Group, Link, clip, name_of

TITRE = "Calendrier des évolutions et des objectifs"
ORDRE = 7
INTRODUCTION = """\
Le cadre date certaines évolutions de ses référentiels, fixe une échéance à la première version du socle
commun et donne aux ARS des objectifs de fin d'année. Ils sont placés ici sur un axe du temps, de gauche à
droite ; les évolutions que le document ne date pas sont regroupées à part.
"""
NON_DATE = "Non daté"


def objective_years() -> dict[int, str]:
    """The year of each objectives column of the ARS table, read from the model's field names (fin_2016…)."""
    years = {}
    for field in ObjectifArs.model_fields:
        match = re.fullmatch(r"fin_(\d{4})", field)
        if match:
            years[int(match.group(1))] = field
    return years


def evolution_box(kb: KnowledgeBase, evolution: Evolution) -> Box:
    referentiel = name_of(kb.get("referentiel", evolution.referentiel))
    details = (evolution.echeance,) if evolution.echeance else ()
    return Box(f"evolution_{evolution.id}".replace("-", "_"), f"{referentiel} : {clip(evolution.libelle, 56)}",
               "neutre", kb.url("evolution", evolution.id), details, texte=evolution.libelle)


def objectifs_box(kb: KnowledgeBase, year: int, field: str) -> Box | None:
    lignes = [o for o in kb.all("objectif") if isinstance(o, ObjectifArs) and getattr(o, field)]
    if not lignes:
        return None
    nombre = sum(len(getattr(o, field)) for o in lignes)
    return Box(f"objectifs_{year}", f"Objectifs des ARS à fin {year}", "accent",
               kb.url("objectif", lignes[0].id).split("#")[0],
               (f"{nombre} objectifs, pour : " + ", ".join(_ligne(kb, o) for o in lignes),))


def _ligne(kb: KnowledgeBase, objectif: ObjectifArs) -> str:
    return name_of(kb.get("service", objectif.service)) if objectif.service else objectif.ligne


def socle_box(kb: KnowledgeBase, year: int) -> Box:
    v1 = [s for s in kb.all("service") if isinstance(s, Service) and s.version == VersionSocle.V1]
    return Box("socle_v1", f"Première version du socle commun : fin {year}", "focus", "socle/",
               (f"{len(v1)} services : " + ", ".join(name_of(s) for s in v1),))


def figure(kb: KnowledgeBase) -> Figure:
    evolutions = [e for e in kb.all("evolution") if isinstance(e, Evolution)]
    objectifs = objective_years()
    dated = {e.annee for e in evolutions if e.annee} | set(objectifs)
    columns: dict[str, list[Box]] = {str(y): [] for y in range(min(dated), max(dated) + 1)} if dated else {}
    if objectifs:  # the socle's first version is due when the first column of ARS objectives falls due
        columns[str(min(objectifs))].append(socle_box(kb, min(objectifs)))
    for year, field in sorted(objectifs.items()):
        box = objectifs_box(kb, year, field)
        if box:
            columns[str(year)].append(box)
    for evolution in evolutions:
        columns.setdefault(str(evolution.annee) if evolution.annee else NON_DATE, []).append(
            evolution_box(kb, evolution))
    for year, boxes in columns.items():
        if not boxes:
            boxes.append(Box(f"vide_{year}", "(rien de daté cette année)", "attenue"))
    return layout(columns)


def layout(columns: dict[str, list[Box]]) -> Figure:
    """One frame per year, left to right, joined by the arrows of the time axis; the undated items in a frame
    of their own under them, spread over the same columns so that the picture stays narrow."""
    undated = columns.pop(NON_DATE, [])
    groups = tuple(Group(f"annee_{key}", key, tuple(boxes)) for key, boxes in columns.items())
    links: list[Link] = []
    for before, after in zip(groups, groups[1:], strict=False):
        first = before.items[0].id
        links += [Link(first, box.id, visible=False) for box in after.items]
        links.append(Link(first, after.items[0].id, bold=True, de_groupe=before.id, vers_groupe=after.id))
    if undated:
        width = max(1, len(groups))
        for index, box in enumerate(undated):
            column = index % width
            if column:  # aligned under the year of the same column (column 0 needs no link)
                links.append(Link(groups[column - 1].items[0].id, box.id, visible=False))
        groups += (Group("non_date", NON_DATE, tuple(undated), tone="attenue", dashed=True),)
    return Figure(
        name="calendrier",
        title=TITRE,
        items=groups,
        links=tuple(links),
        direction="LR",
        legend=("Une colonne par année, de gauche à droite ; le cadre en pointillés réunit les évolutions que le "
                "document ne date pas.",
                "En jaune : l'échéance du socle commun ; en bleu : les objectifs des ARS."),
        relations="Axe du temps",
        wrap=22,
    )
