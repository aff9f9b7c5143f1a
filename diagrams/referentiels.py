"""Les référentiels rangés selon la taxonomie du document (documents de référence, gisements, services)."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Categorie, Referentiel
from cadre.site.figures import Box, Figure, Group, Link, box_ids, entity_box

TITRE = "Les référentiels par catégorie"
ORDRE = 3
INTRODUCTION = """\
Le cadre appelle **référentiels** des documents de référence (spécifications et données de référence), des
gisements de données de référence et des services d'infrastructure nationaux. Chaque fiche de référentiel
est placée ici dans sa catégorie.
"""


def categories(kb: KnowledgeBase, parent: str | None) -> list[Categorie]:
    return [c for c in kb.all("categorie") if isinstance(c, Categorie) and c.parent == parent]


def fiches(kb: KnowledgeBase, categorie: str) -> list[Referentiel]:
    return [r for r in kb.all("referentiel") if isinstance(r, Referentiel) and r.categorie == categorie]


def referentiel_box(kb: KnowledgeBase, referentiel: Referentiel) -> Box:
    label = referentiel.sigle or referentiel.nom
    details = (referentiel.nom,) if referentiel.sigle and referentiel.sigle != referentiel.nom else ()
    box = entity_box(kb, "referentiel", referentiel, "accent", details=details)
    return Box(box.id, label, box.tone, box.lien, box.details)


def category_group(kb: KnowledgeBase, categorie: Categorie) -> Group:
    boxes = [referentiel_box(kb, r) for r in fiches(kb, categorie.id)]
    children = [category_group(kb, c) for c in categories(kb, categorie.id)]
    if not boxes and not children:
        boxes = [Box(f"vide_{categorie.id}".replace("-", "_"), "(aucune fiche)", "attenue")]
    return Group(f"categorie_{categorie.id}".replace("-", "_"), categorie.nom, (*boxes, *children),
                 lien=kb.url("categorie", categorie.id))


def colonnes(groups: list[Group]) -> tuple[Link, ...]:
    """Left to right, boxes without arrows share one column; an invisible link from the first top-level
    category to each following one puts those in a second column, so the picture is not one tall strip."""
    if not groups or not box_ids(groups[0]):
        return ()
    first = box_ids(groups[0])[0]
    return tuple(Link(first, box, visible=False) for g in groups[1:] for box in box_ids(g))


def figure(kb: KnowledgeBase) -> Figure:
    top = [category_group(kb, c) for c in categories(kb, None)]
    nombre = len(kb.all("referentiel"))
    return Figure(
        name="referentiels",
        title=TITRE,
        items=tuple(top),
        links=colonnes(top),
        direction="LR",
        legend=(f"{nombre} fiches de référentiels, chacune dans la catégorie où le document la présente.",),
        wrap=28,
    )
