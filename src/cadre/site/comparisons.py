"""Editions side by side in one edition's site: the comparison with every earlier edition, and the pages left
at the address of entities that earlier editions had and this one has not.

The site of edition N knows the editions up to N only. It compares itself with each of them (`comparaisons/<A>/`,
by the diff that makes « Nouveautés »). An earlier edition's site is never rebuilt, so its page of an entity
removed later cannot point to what replaced it; what a static, versioned site can do is keep, in every later
edition, a short page at the removed entity's address (`referentiels/<id>/`): the theme's « voir cette page dans
l'édition en vigueur » link from the old page lands there, and it names the successors in this edition, the
edition that removed it, and the last page that showed it. Those pages are left out of the search index.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre.editions.diff import EditionDiff, EntityRef, compare
from cadre.editions.history import EntityHistory
from cadre.site.pages import later_events
from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS, label, page_kinds
from cadre.site.links import source_of
from cadre.site.templating import Renderer, front_matter
from cadre.text import plain

COMPARISONS = "comparaisons"


def comparison_url(ancienne: int) -> str:
    return f"{COMPARISONS}/{ancienne}/"


def editions_compared(editions: tuple[KnowledgeBase, ...], previous: EditionDiff | None) -> list[EditionDiff]:
    """The last edition compared with each earlier one, oldest first (`previous`: the « Nouveautés » diff, the
    comparison with the edition just before, already computed)."""
    found = [compare(editions[i:]) for i in range(len(editions) - 2)]
    return found + ([previous] if previous else [])


def comparison_pages(renderer: Renderer, diffs: list[EditionDiff], statut: str,
                     json_paths: dict[int, str]) -> dict[str, str]:
    pages = {}
    for diff in diffs:
        path, _ = source_of(comparison_url(diff.ancienne))
        title = f"Comparaison avec l'édition {diff.ancienne}"
        head = front_matter(title, search={"exclude": True})  # the same texts as the entity pages: no duplicates
        body = renderer.render("comparaison.md.j2", path, diff=diff, statut=statut, json=json_paths[diff.ancienne])
        pages[path] = f"{head}# Édition {diff.nouvelle} comparée à l'édition {diff.ancienne}\n\n{body}"
    return pages


@dataclass(frozen=True)
class Retired:
    """An entity with a page in an earlier edition and none in this one."""

    derniere: EntityRef  # as the last edition that held it showed it
    history: EntityHistory
    successeurs: list[EntityRef]  # what stands for it in this edition (through every edition in between)
    renomme: bool  # one successor that is the same entity under another id


def retired(editions: tuple[KnowledgeBase, ...], history: dict[tuple[str, str], EntityHistory],
            diffs: list[EditionDiff]) -> list[Retired]:
    """Every entity of a page kind held by an earlier edition and not by the last one, in registry order."""
    kb, by_year = editions[-1], {d.ancienne: d for d in diffs}
    found = []
    for kind in page_kinds():
        for (k, entity_id), story in history.items():
            if k != kind or entity_id in kb.entities[kind]:
                continue
            last = story.editions[-1]
            old = next(e for e in editions if e.edition.annee == last).get(kind, entity_id)
            ref = EntityRef(kind, entity_id, plain(label(old)), KINDS[kind].url(entity_id), last)
            successors, renamed = _successors(by_year[last], kind, entity_id)
            found.append(Retired(ref, story, successors, renamed))
    return found


def _successors(diff: EditionDiff, kind: str, entity_id: str) -> tuple[list[EntityRef], bool]:
    for kind_diff in diff.types:
        if kind_diff.kind != kind:
            continue
        for change in kind_diff.modifications:
            if change.renommee and change.ancien and change.ancien.id == entity_id:
                return [change.entite], True
        for removed in kind_diff.retraits:
            if removed.entite.id == entity_id:
                return removed.remplacee_par, False
    return [], False


def retired_pages(renderer: Renderer, entities: list[Retired], feeds: dict[tuple[str, str], str],
                  first_year: int) -> dict[str, str]:
    pages = {}
    annee = renderer.kb.edition.annee
    for entity in entities:
        ref = entity.derniere
        path, _ = source_of(ref.url)
        head = front_matter(f"{ref.libelle} (absent de l'édition {annee})", search={"exclude": True},
                            feed=feeds[(ref.kind, ref.id)])
        pages[path] = head + renderer.render(
            "retire.md.j2", path, retired=entity, feed=feeds[(ref.kind, ref.id)], kind=ref.kind, annee=annee,
            first_year=first_year, later_events=later_events, nouveautes=_nouveautes)
    return pages


def _nouveautes(annee: int, kind: str, entity_id: str) -> EntityRef:
    """The « Nouveautés » entry of edition `annee` about an entity, as a link target."""
    return EntityRef(kind, entity_id, "", f"nouveautes/#{kind}-{entity_id}", annee)
