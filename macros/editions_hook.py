"""MkDocs hook: what each edition changed, shown on its own site.

- a generated page `nouveautes.md` (« Nouveautés de l'édition »): the diff with the previous edition present
  in the data, or a note that this is the first edition;
- on every entity page (front matter `entity_kind` / `entity_id`), a history section across editions;
- Atom feeds of the changes: `flux/edition.xml` and `flux/<kind>.xml`, linked from the Nouveautés page and
  announced on every page with <link rel="alternate">;
- `config.extra.cadre_edition` (year, status) for the banners of overrides/main.html.

The site of edition N only knows editions up to N: a later edition never leaks into an earlier site.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cadre.editions.catalogue import LIBELLES_STATUT, edition_status, knowledge_base, previous_year, years_up_to
from cadre.editions.diff import (
    EditionDiff,
    EntityRef,
    FieldChange,
    KindDiff,
    change_phrase,
    diff_editions,
    format_value,
)
from cadre.editions.history import EntityHistory, TypeEvenement, histories
from cadre.exports.feeds import FeedContext, anchor, build_feed, feed_path, updated_for
from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS
from cadre.site.context import current_knowledge_base, data_dir, edition_address, edition_for_build
from cadre.site.links import relative

PAGE = "nouveautes.md"
TITLE = "Nouveautés de l'édition"
MAX_VALUE = 300  # characters of a changed value shown on a page (the CLI and the JSON give it whole)

_state: dict[str, object] = {}


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = _project(config)
    year = edition_for_build(project)
    status = edition_status(data_dir(project), year)
    config.extra["cadre_edition"] = {
        "annee": year,
        "statut": status.statut.value if status.statut else "",
        "libelle_statut": status.libelle_statut,
        "publiee": status.publiee,
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = _project(config)
    current = current_knowledge_base(project)
    data, year = data_dir(project), str(current.edition.annee)
    earlier = [knowledge_base(data, y) for y in years_up_to(data, year) if y != year]
    previous = previous_year(data, year)
    diff = diff_editions(knowledge_base(data, previous), current) if previous else None
    _state["histories"] = histories([*earlier, current])
    _state["year"] = year
    _state["first_year"] = years_up_to(data, year)[0]
    if files.get_file_from_path(PAGE) is None:
        files.append(File.generated(config, PAGE, content=nouveautes_page(current, diff)))
    ctx = FeedContext(year, config.site_name, LIBELLES_STATUT[current.edition.statut],
                      updated_for(current.edition.date_publication), feed_base(config, year))
    for kind in [None, *KINDS]:
        files.append(File.generated(config, feed_path(kind), content=build_feed(ctx, diff, kind)))
    return files


def feed_base(config: MkDocsConfig, year: str) -> str:
    """Prefix of the links in a feed: the edition's absolute URL when site_url is set, else relative to flux/."""
    return edition_address(config.site_url, year) or "../"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind, entity_id = page.meta.get("entity_kind"), page.meta.get("entity_id")
    found = _state.get("histories", {}).get((kind, entity_id)) if kind and entity_id else None
    if isinstance(found, EntityHistory):
        return markdown.rstrip("\n") + "\n\n" + history_section(found, str(_state["year"]))
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Announce the edition's feed on every page (feed readers and browsers discover it from <head>)."""
    url = page.file.url
    here = url if url.endswith("/") else posixpath.dirname(url)
    href = posixpath.relpath(feed_path(None), here or ".")
    link = (f'<link rel="alternate" type="application/atom+xml" href="{html.escape(href)}" '
            f'title="{html.escape(config.site_name)} : nouveautés de l\'édition {_state.get("year", "")}">')
    return output.replace("</head>", link + "\n</head>", 1)


# --- the Nouveautés page -----------------------------------------------------------------------------------------


def nouveautes_page(current: KnowledgeBase, diff: EditionDiff | None) -> str:
    year = str(current.edition.annee)
    statut = LIBELLES_STATUT[current.edition.statut]
    lines = ["---", f'title: "{TITLE} {year}"', "render_macros: false", "---", "",
             f"# {TITLE} {year}", ""]
    if diff is None:
        lines += [f"L'édition {year} ({statut}) est la première édition de cette base de connaissances : "
                  "il n'y a pas d'édition antérieure à laquelle la comparer. Les éditions suivantes "
                  "listeront ici ce qui a changé depuis celle-ci.", ""]
    else:
        totals = diff.totals()
        lines += [f"Ce qui a changé dans l'édition {year} ({statut}) par rapport à l'édition {diff.ancienne}, "
                  "calculé à partir des données des deux éditions : "
                  f"{totals['ajouts']} ajout(s), {totals['retraits']} retrait(s), "
                  f"{totals['modifications']} entité(s) modifiée(s).", ""]
    lines += _feeds_paragraph(diff)
    if diff is not None:
        if diff.vide:
            lines += ["Aucune entité n'a changé.", ""]
        for kind_diff in diff.types:
            lines += _kind_section(kind_diff)
    return "\n".join(lines) + "\n"


def _feeds_paragraph(diff: EditionDiff | None) -> list[str]:
    changed = [k.kind for k in diff.types] if diff else []
    per_kind = ", ".join(f"[{KINDS[k].pluriel}]({feed_path(k)})" for k in (changed or KINDS))
    return ["## Suivre les changements", "",
            f"Flux Atom : [toute l'édition]({feed_path(None)}) ; par type d'entité : {per_kind}. "
            "Chaque type d'entité a son flux, à l'adresse `flux/<type>.xml` (ex. `flux/referentiel.xml`).", ""]


def _kind_section(kind_diff: KindDiff) -> list[str]:
    kind = KINDS[kind_diff.kind]
    lines = [f"## {kind.pluriel[:1].upper() + kind.pluriel[1:]}", ""]
    if kind_diff.ajouts:
        lines += ["**Ajouts**", ""]
        lines += [f"- {_anchor(r)}[{_md(r.libelle)}]({relative(PAGE, r.url)}) (`{r.id}`)" for r in kind_diff.ajouts]
        lines.append("")
    if kind_diff.retraits:
        lines += ["**Retraits**", ""]
        lines += [f"- {_anchor(r)}{_md(r.libelle)} (`{r.id}`)" for r in kind_diff.retraits]
        lines.append("")
    if kind_diff.modifications:
        lines += ["**Modifications**", ""]
        for change in kind_diff.modifications:
            ref = change.entite
            lines.append(f"- {_anchor(ref)}[{_md(ref.libelle)}]({relative(PAGE, ref.url)}) (`{ref.id}`)")
            lines += [f"    - {change_markdown(c)}" for c in change.changements]
        lines.append("")
    return lines


def _anchor(ref: EntityRef) -> str:
    return f'<span id="{anchor(ref)}"></span>'


# --- history on entity pages ---------------------------------------------------------------------------------------


def history_section(history: EntityHistory, year: str) -> str:
    """Present since, editions where it appears, and what each later edition changed in it."""
    since = history.present_depuis
    intro = f"Dans la base depuis l'édition {since}"
    if since == _state.get("first_year"):
        intro += ", la première de la base"
    lines = ["## Historique dans les éditions", "", intro + "."]
    if len(history.editions) > 1:
        lines.append(f"Éditions où il figure : {', '.join(history.editions)}.")
    lines.append("")
    events = [e for e in history.evenements
              if not (e.type is TypeEvenement.AJOUT and e.annee == history.editions[0])]
    if not events and len(history.editions) > 1:
        lines += [f"Aucune modification jusqu'à l'édition {year}.", ""]
    for event in events:
        label = {"ajout": "ajouté", "modification": "modifié", "retrait": "retiré"}[event.type.value]
        lines.append(f"- **Édition {event.annee}** : {label}")
        lines += [f"    - {change_markdown(c)}" for c in event.changements]
    return "\n".join(lines) + "\n"


# --- text helpers --------------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")


def _md(text: str) -> str:
    """Data text shown literally in Markdown: HTML and Markdown markers escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def change_markdown(change: FieldChange) -> str:
    return change_phrase(change, f"`{change.chemin}`", _value)


def _value(value: object) -> str:
    shown = format_value(value)
    if len(shown) > MAX_VALUE:
        shown = shown[: MAX_VALUE - 1].rstrip() + "…" + (" »" if shown.startswith("«") else "")
    return _md(shown)
