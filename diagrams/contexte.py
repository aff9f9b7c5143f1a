"""Diagramme de contexte d'une fiche : l'entité, ce qui la cite (à gauche) et ce qu'elle cite (à droite)."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.loading.validate import references
from cadre.model.kinds import KINDS
from cadre.site.figures import Box, Figure, Group, Link, clip, full_name_of, name_of

TITRE = "Diagrammes de contexte des fiches"
ORDRE = 8
INTRODUCTION = """\
Chaque fiche de référentiel et chaque fiche de service du socle qui a des voisins se termine par un petit
diagramme de contexte : l'élément de la fiche au centre, à gauche ce qui le cite (services qui s'appuient sur
un référentiel, principes, évolutions…), à droite ce qu'il cite lui-même (catégorie, rubrique, référentiels…).
Chaque boîte mène à sa page.
"""
KINDS_ENTITE = ("referentiel", "service")
# what a reader of a fact sheet does not look for around it: the glossary only repeats the entity's name
HORS_CONTEXTE = frozenset({"glossaire"})
# kinds whose label is a whole sentence (an evolution's wording, up to 500 characters), not a name: their first
# words are drawn, the whole sentence is in the description
NOMMES_PAR_UNE_PHRASE = frozenset({"evolution"})


def neighbours_in(kb: KnowledgeBase, kind: str, entity_id: str) -> dict[str, list[str]]:
    """Ids of the entities that refer to this one, by kind, in the order of each kind."""
    ids = {(link.kind, link.id) for link in kb.backlinks.get((kind, entity_id), [])}
    return _by_kind(kb, {(k, i) for k, i in ids - {(kind, entity_id)} if not _cites_all(kb, k, i, kind)})


def _cites_all(kb: KnowledgeBase, kind: str, entity_id: str, of_kind: str) -> bool:
    """An entity that cites every entity of a kind (an actor concerned by all référentiels) says nothing about
    one of them in particular: it stays on its own page, not in each context diagram."""
    cited = {i for _, k, i in references(kb.get(kind, entity_id)) if k == of_kind}
    return len(kb.all(of_kind)) > 1 and cited >= {e.id for e in kb.all(of_kind)}


def neighbours_out(kb: KnowledgeBase, kind: str, entity_id: str) -> dict[str, list[str]]:
    entity = kb.get(kind, entity_id)
    ids = {(k, i) for _, k, i in references(entity) if i in kb.entities.get(k, {})}
    return _by_kind(kb, ids - {(kind, entity_id)})


def _by_kind(kb: KnowledgeBase, ids: set[tuple[str, str]]) -> dict[str, list[str]]:
    return {k: [e.id for e in kb.all(k) if (k, e.id) in ids] for k in KINDS
            if k not in HORS_CONTEXTE and any(x[0] == k for x in ids)}


def side(kb: KnowledgeBase, prefix: str, neighbours: dict[str, list[str]]) -> tuple[Group, ...]:
    groups = []
    for kind, ids in neighbours.items():
        label = KINDS[kind].pluriel if len(ids) > 1 else KINDS[kind].singulier
        boxes = tuple(_box(kb, prefix, kind, i) for i in ids)
        groups.append(Group(f"{prefix}_{kind}".replace("-", "_"), label[:1].upper() + label[1:], boxes))
    return tuple(groups)


def _box(kb: KnowledgeBase, prefix: str, kind: str, entity_id: str) -> Box:
    entity = kb.get(kind, entity_id)
    name = name_of(entity)  # a real name: wrapped over lines by the drawing, never cut
    if kind in NOMMES_PAR_UNE_PHRASE:
        name = clip(name, 100)
    full = full_name_of(entity)
    return Box(f"{prefix}_{kind}_{entity_id}".replace("-", "_"), name, "neutre", kb.url(kind, entity_id),
               texte=full if full != name else None)


def figure_entite(kb: KnowledgeBase, kind: str, entity_id: str) -> Figure:
    entity = kb.get(kind, entity_id)
    centre = Box("centre", name_of(entity), "focus", kb.url(kind, entity_id),
                 (KINDS[kind].singulier,))
    avant = side(kb, "cite_par", neighbours_in(kb, kind, entity_id))
    apres = side(kb, "cite", neighbours_out(kb, kind, entity_id))
    # one drawn arrow per group, and invisible links that keep every box in its column
    links = [Link(g.items[len(g.items) // 2].id, "centre", de_groupe=g.id) for g in avant]
    links += [Link("centre", g.items[len(g.items) // 2].id, vers_groupe=g.id) for g in apres]
    links += [Link(b.id, "centre", visible=False) for g in avant for b in g.items]
    links += [Link("centre", b.id, visible=False) for g in apres for b in g.items]
    items: list[Box | Group] = []
    if avant:
        items.append(Group("gauche", "Citent cette fiche", avant, tone="attenue"))
    items.append(centre)
    if apres:
        items.append(Group("droite", "Cités par cette fiche", apres, tone="attenue"))
    return Figure(
        name=f"contexte/{kind}-{entity_id}",
        title=f"Contexte : {name_of(entity)}",
        items=tuple(items),
        links=tuple(links),
        direction="LR",
        legend=("Au centre, l'élément de la fiche ; à gauche, ce qui le cite ; à droite, ce qu'il cite.",),
        relations="Liens",
        wrap=24,
    )
