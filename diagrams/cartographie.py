"""Cartographie fonctionnelle : les familles de services numériques en santé et le périmètre initial du cadre."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Famille
from cadre.site.figures import Box, Figure, Group, Link, box_ids, entity_box

TITRE = "Cartographie fonctionnelle des services numériques en santé"
ORDRE = 1
INTRODUCTION = """\
Le cadre commun range les services numériques en santé en **familles**. Sa première version ne les couvre
pas toutes : elle se concentre sur son **périmètre initial**, encadré en vert ; les autres familles pourront
y entrer dans une version ultérieure.
"""
PERIMETRE = "Périmètre initial du cadre (première version)"


def familles(kb: KnowledgeBase) -> list[Famille]:
    return [f for f in kb.all("famille") if isinstance(f, Famille)]


def famille_box(kb: KnowledgeBase, famille: Famille) -> Box:
    tone = "accent" if famille.perimetre_initial else "attenue"
    etat = "dans le périmètre initial" if famille.perimetre_initial else "hors du périmètre initial"
    return entity_box(kb, "famille", famille, tone, details=(f"(famille {famille.numero}, {etat})",))


def cartographie(kb: KnowledgeBase, dans_perimetre: tuple[Box | Group, ...] = (),
                 par_famille: dict[str, tuple[Box | Group, ...]] | None = None) -> tuple[Box | Group, ...]:
    """The families in the document's order, those of the initial perimeter framed together.

    `dans_perimetre` adds content to the perimeter as a whole, `par_famille` under one family (the socle
    diagram uses them to place services on the cartography)."""
    par_famille = par_famille or {}
    dedans = tuple(_famille(kb, f, par_famille.get(f.id, ())) for f in familles(kb) if f.perimetre_initial)
    perimetre = Group("perimetre", PERIMETRE, dedans + dans_perimetre, tone="perimetre")
    items: list[Box | Group] = []
    for famille in familles(kb):
        if not famille.perimetre_initial:
            items.append(_famille(kb, famille, par_famille.get(famille.id, ())))
        elif perimetre not in items:
            items.append(perimetre)
    if perimetre.items and perimetre not in items:  # no family in it, but content given for it: drawn at the end
        items.append(perimetre)
    return tuple(items)


def _famille(kb: KnowledgeBase, famille: Famille, contenu: tuple[Box | Group, ...]) -> Box | Group:
    box = famille_box(kb, famille)
    if not any(box_ids(item) for item in contenu):  # nothing drawn inside: the family stays a box
        return box
    return Group(famille_group_id(box), box.label, contenu, tone=box.tone, lien=box.lien)


def famille_group_id(box: Box) -> str:
    return f"g_{box.id}"


def familles_dessinees(kb: KnowledgeBase, items: tuple[Box | Group, ...]) -> dict[bool, list[list[str]]]:
    """The boxes each family draws in `items` (itself, or what its frame holds), in the perimeter (True) or
    not: arrows end on boxes, and a family that holds content is a frame, not a box."""
    par_id: dict[str, Box | Group] = {}
    pending = list(items)
    while pending:
        item = pending.pop()
        par_id[item.id] = item
        if isinstance(item, Group):
            pending += item.items
    drawn: dict[bool, list[list[str]]] = {True: [], False: []}
    for famille in familles(kb):
        box = famille_box(kb, famille)
        item = par_id.get(box.id) or par_id.get(famille_group_id(box))
        if item is not None and box_ids(item):
            drawn[famille.perimetre_initial].append(box_ids(item))
    return drawn


def colonnes(kb: KnowledgeBase, items: tuple[Box | Group, ...]) -> tuple[Link, ...]:
    """Invisible links stacking the families of the perimeter in one column and the others in another:
    a narrow picture that stays legible at the site's width."""
    return tuple(Link(a[-1], b[0], visible=False) for column in familles_dessinees(kb, items).values()
                 for a, b in zip(column, column[1:], strict=False))


def figure(kb: KnowledgeBase) -> Figure:
    items = cartographie(kb)
    return Figure(
        name="cartographie",
        title=TITRE,
        items=(Group("familles", "Familles de services numériques en santé", items),),
        links=colonnes(kb, items),
        legend=("En bleu, dans le cadre vert : les familles du périmètre initial ; en gris : les autres familles.",),
        wrap=30,
    )
