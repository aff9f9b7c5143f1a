"""Le socle commun minimum de services placé sur la cartographie fonctionnelle."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Rubrique, Service, VersionSocle
from cadre.site.figures import Box, Figure, Group, columns_layout, entity_box, sibling

TITRE = "Le socle commun sur la cartographie fonctionnelle"
ORDRE = 2
INTRODUCTION = """\
Le **socle commun minimum de services** est le tronc commun de services numériques en santé que chaque ARS
doit contribuer à mettre en place. Sa première version regroupe ses services en rubriques, dans le
périmètre initial du cadre ; les services annoncés pour des versions ultérieures sont à part, en pointillés.
"""


def services(kb: KnowledgeBase, version: VersionSocle) -> list[Service]:
    return [s for s in kb.all("service") if isinstance(s, Service) and s.version == version]


def rubrique_group(kb: KnowledgeBase, rubrique: Rubrique) -> Group:
    membres = [s for s in services(kb, VersionSocle.V1) if s.rubrique == rubrique.id]
    boxes = tuple(entity_box(kb, "service", s, "accent") for s in membres)
    return Group(f"rubrique_{rubrique.id}", rubrique.nom, boxes, tone="groupe", lien=kb.url("rubrique", rubrique.id))


def figure(kb: KnowledgeBase) -> Figure:
    carto = sibling(__file__, "cartographie")
    rubriques = [r for r in kb.all("rubrique") if isinstance(r, Rubrique)]
    groupes = {r.id: rubrique_group(kb, r) for r in rubriques}
    # a rubrique sits under its family when the data ties it to exactly one, else on the perimeter as a whole
    par_famille: dict[str, tuple[Box | Group, ...]] = {}
    for r in rubriques:
        if len(r.familles) == 1:
            par_famille[r.familles[0]] = par_famille.get(r.familles[0], ()) + (groupes[r.id],)
    libres = tuple(groupes[r.id] for r in rubriques if len(r.familles) != 1)
    v1 = Group("socle_v1", "Socle commun, première version", libres, tone="perimetre") if libres else None
    ulterieurs = tuple(Box(b.id, b.label, "attenue", b.lien, dashed=True)
                       for b in (entity_box(kb, "service", s) for s in services(kb, VersionSocle.ULTERIEURE)))
    plus_tard = Group("socle_ulterieur", "Versions ultérieures du socle", ulterieurs, tone="attenue", dashed=True)
    items = carto.cartographie(kb, dans_perimetre=(v1,) if v1 else (), par_famille=par_famille)
    dedans = carto.familles_dessinees(kb, items)[True]
    blocs = [[b.id for b in g.items] for g in libres]
    # the free rubriques under the last family of the perimeter (its last box when it is a frame)
    links = carto.colonnes(kb, items) + columns_layout(blocs, 1, above=tuple(dedans[-1][-1:] if dedans else ()))
    last = [bloc[-1] for bloc in blocs if bloc][-1:]
    links += columns_layout([[b.id for b in ulterieurs[i::3]] for i in range(3)], 3, above=tuple(last))
    return Figure(
        name="socle",
        title=TITRE,
        items=(*items, plus_tard),
        links=links,
        legend=(
            "En bleu : les services de la première version du socle, groupés par rubrique.",
            "En gris et en pointillés : les services prévus pour des versions ultérieures.",
        ),
        wrap=26,
    )
