"""Gouvernance du cadre : ses instances, leur pilotage, leur fréquence, ce qu'elles se confient, et les ARS."""

import unicodedata

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Acteur, Instance
from cadre.site.figures import Box, Figure, Group, Link, clip, name_of

TITRE = "La gouvernance du cadre commun"
ORDRE = 5
INTRODUCTION = """\
Le cadre évolue sous la conduite de ses instances de gouvernance. Chacune est présentée avec son pilote et la fréquence
de ses réunions ; une flèche relie deux instances quand les missions de l'une citent l'autre (elle porte le
texte de cette mission). Les ARS sont appelées à participer aux instances reliées à elles en pointillés.
"""
ARS = "ars"


def _simple(text: str) -> str:
    """Lower case, no accents, hyphens as spaces: « ad-hoc » and « ad hoc » compare equal."""
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(text.replace("-", " ").replace("'", " ").split())


def first(instance: Instance, field: str) -> str | None:
    """The value of a field in the first description that gives it (sources differ in wording)."""
    for description in instance.descriptions:
        value = getattr(description, field)
        if value:
            return value
    return None


def instance_box(kb: KnowledgeBase, instance: Instance) -> Box:
    # the instruction's wording comes first in the data and is a full sentence (« Il se réunit deux fois par an »)
    details = [value for field in ("pilotage", "animation", "frequence") if (value := first(instance, field))]
    return Box(f"instance_{instance.id}".replace("-", "_"), instance.nom, "accent",
               kb.url("instance", instance.id), tuple(details))


def mentions(instance: Instance, other: Instance) -> list[str]:
    """Missions of `instance` that name `other` (by the first words of its name, at least two)."""
    words = _simple(other.nom).split()
    keys = [" ".join(words[:n]) for n in range(len(words), 1, -1)]
    found = []
    for description in instance.descriptions:
        for mission in description.missions:
            if any(key in _simple(mission) for key in keys) and mission not in found:
                found.append(mission)
    return sorted(found, key=len)  # the shortest wording first: it makes the clearest arrow label


def flows(kb: KnowledgeBase, instances: list[Instance]) -> list[Link]:
    links = []
    for instance in instances:
        for other in instances:
            if other is instance:
                continue
            for mission in mentions(instance, other)[:1]:  # one arrow per pair, with the first wording
                links.append(Link(instance_box(kb, instance).id, instance_box(kb, other).id,
                                  label=mission, bold=True))
    return links


def figure(kb: KnowledgeBase) -> Figure:
    instances = [i for i in kb.all("instance") if isinstance(i, Instance)]
    boxes = tuple(instance_box(kb, i) for i in instances)
    links = flows(kb, instances)
    items: list[Box | Group] = [Group("instances", "Instances de gouvernance du cadre", boxes)]
    avec_ars = [i for i in instances if i.participation_ars]
    if avec_ars and ARS in kb.entities["acteur"]:
        ars = kb.get("acteur", ARS)
        assert isinstance(ars, Acteur)
        items.append(Box("acteur_ars", name_of(ars), "focus", kb.url("acteur", ARS),
                         texte=clip(avec_ars[0].participation_ars or "", 400)))
        links += [Link("acteur_ars", instance_box(kb, i).id, label="participent", dashed=True) for i in avec_ars]
    return Figure(
        name="gouvernance",
        title=TITRE,
        items=tuple(items),
        links=tuple(links),
        legend=("En trait plein : une instance dont une mission cite une autre instance, avec le texte de "
                "cette mission.", "En pointillés : la participation des ARS."),
        relations="Relations entre instances",
        wrap=34,
    )

