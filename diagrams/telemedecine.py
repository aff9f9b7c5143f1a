"""Télémédecine : les étapes génériques d'un acte, leurs sous-étapes et les services que chacune mobilise."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Etape, UsageService
from cadre.site.figures import Box, Figure, Group, Link
from cadre.text import plain

TITRE = "Les étapes d'un acte de télémédecine et les services mobilisés"
ORDRE = 6
INTRODUCTION = """\
Le cadre décrit un acte de télémédecine en étapes génériques, certaines découpées en sous-étapes.
Pour chacune, il coche les services qu'elle mobilise ; une étoile (★) marque les services du socle commun,
et les étapes ou sous-étapes qui en mobilisent sont en bleu.
"""


def usage_lines(usages: list[UsageService]) -> tuple[str, ...]:
    return tuple(("★ " if u.service else "• ") + u.libelle for u in usages)


def usage_box(kb: KnowledgeBase, box_id: str, label: str, texte: str, usages: list[UsageService],
              lien: str) -> Box:
    socle = any(u.service for u in usages)
    texte_complet = texte if texte != label else None
    return Box(box_id, label, "accent" if socle else "neutre", lien, usage_lines(usages), texte=texte_complet)


def etape_item(kb: KnowledgeBase, etape: Etape) -> tuple[Box | Group, list[str]]:
    """A step without sub-steps is one box; a step with sub-steps is a frame holding one box for each."""
    prefix = f"etape_{etape.numero}"
    lien = kb.url("etape", etape.id)
    label = f"{etape.numero}. {etape.titre}"
    if not etape.sous_etapes:
        box = usage_box(kb, prefix, label, label, etape.services, lien)
        return box, [box.id]
    # ids by position: a letter is free text (it may repeat, or hold what an identifier cannot)
    boxes = tuple(
        # the title up to its parenthesis, whole (wrapped by the drawing); the text alternative has all of it
        usage_box(kb, f"{prefix}_{rang}", f"{s.lettre}. {plain(s.titre).split(' (')[0]}",
                  f"{s.lettre}. {s.titre}", s.services, lien)
        for rang, s in enumerate(etape.sous_etapes, 1)
    )
    return Group(prefix, label, boxes, lien=lien), [b.id for b in boxes]


def stacked(ids: list[str]) -> list[Link]:
    """Sub-steps one under the other: a narrow picture that stays legible at the site's width."""
    return [Link(a, b, visible=False) for a, b in zip(ids, ids[1:], strict=False)]


def figure(kb: KnowledgeBase) -> Figure:
    etapes = [e for e in kb.all("etape") if isinstance(e, Etape)]
    items: list[Box | Group] = []
    links: list[Link] = []
    previous: list[str] = []
    for etape in etapes:
        item, ids = etape_item(kb, etape)
        links += stacked(ids)
        if previous:
            links.append(Link(previous[-1], ids[0], visible=False))
            before = items[-1]
            links.append(Link(previous[-1], ids[0], label="puis", bold=True,
                              de_groupe=before.id if isinstance(before, Group) else None,
                              vers_groupe=item.id if isinstance(item, Group) else None))
        items.append(item)
        previous = ids
    return Figure(
        name="telemedecine",
        title=TITRE,
        items=tuple(items),
        links=tuple(links),
        legend=("Les étapes se suivent de haut en bas.",
                "★ : service du socle commun ; • : autre service ou fonction. En bleu : étape ou sous-étape "
                "qui mobilise au moins un service du socle commun."),
        relations="Enchaînement des étapes",
        wrap=40,
    )
