"""The hand-written pages of docs/ and the macros they may call for parts taken from the edition itself.

Hand-written pages are trusted Markdown; a page opts in with `render_macros: true` in its front matter, and then
calls the macros below (« Données ouvertes » shows the real files of the edition). The MkDocs adapter hands them
to mkdocs-macros; `render_page` renders them alone (the plain docs folder). Every macro takes the page's path
first, for its relative links, and returns Markdown whose data text went through the safe path.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from jinja2 import Environment, StrictUndefined

from cadre.exports.opendata import entity_json_path, kind_csv_path, kind_json_path, schema_path
from cadre.exports.pdf import edition_pdf_path, fact_sheet_path
from cadre.exports.tableur import SEPARATOR
from cadre.model.kinds import KINDS, label
from cadre.loading.knowledge import KnowledgeBase
from cadre.site.templating import link_label
from cadre.text import for_markdown

Macro = Callable[..., str]


def _root(page_file: str) -> str:
    """The relative prefix from a docs page to the site root (« » at the root, « ../ » one level down)."""
    return "../" * page_file.count("/")


def macros(kb: KnowledgeBase, files: dict[str, str | bytes], pdf_edition: bool = True,
           repository_url: str = "") -> dict[str, Macro]:
    """The macros of the edition, each taking the calling page's path first."""

    def depot_donnees(page_file: str) -> str:  # "" until the repository's address is configured
        return repository_url

    def annee(page_file: str) -> str:
        return str(kb.edition.annee)

    def fichiers(page_file: str) -> str:
        return files_table(kb, _root(page_file))

    def pdf(page_file: str) -> str:
        return pdf_list(kb, _root(page_file), pdf_edition)

    def extrait(page_file: str, path: str, size: int | None = None) -> str:
        if path not in files:
            raise KeyError(f"extrait : fichier inconnu {path!r}")
        content = files[path]
        return excerpt(path, content if isinstance(content, str) else content.decode(), size)

    def exemple(page_file: str, kind: str) -> str:
        """The id of the first entity of a kind, for a page's examples ("" when the edition has none)."""
        entities = kb.all(kind)
        return entities[0].id if entities else ""

    return {"annee": annee, "fichiers": fichiers, "pdf": pdf, "extrait": extrait, "exemple": exemple,
            "depot_donnees": depot_donnees}


def render_page(text: str, page_file: str, available: dict[str, Macro]) -> str:
    """A hand-written page with its macros rendered (when its front matter asks for it), as mkdocs-macros does."""
    front, body = _split_front_matter(text)
    if not re.search(r"^render_macros:\s*true\s*$", front, re.M):
        return text
    env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    bound = {name: partial(function, page_file) for name, function in available.items()}
    return front + env.from_string(body).render(**bound)


def _split_front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"---\n.*?\n---\n", text, re.S)
    return (match.group(0), text[match.end():]) if match else ("", text)


# --- the parts of « Données ouvertes » --------------------------------------------------------------------------


def files_table(kb: KnowledgeBase, base: str) -> str:
    """A Markdown table of every kind with its count and files."""
    lines = ["| Type | Identifiant | Entités | Fichiers | Exemple d'entité |", "|---|---|---:|---|---|"]
    for kind in KINDS.values():
        entities = kb.all(kind.name)
        example = (f"[<code>{entities[0].id}</code>]({base}{entity_json_path(kind.name, entities[0].id)})"
                   if entities else "—")
        links = (f"[JSON]({base}{kind_json_path(kind.name)}) · [CSV]({base}{kind_csv_path(kind.name)}) · "
                 f"[schéma]({base}{schema_path(kind.name + '.schema.json')})")
        lines.append(f"| {kind.titre_pluriel} | <code>{kind.name}</code> | {len(entities)} | {links} | {example} |")
    return "\n".join(lines)


def pdf_list(kb: KnowledgeBase, base: str, pdf_edition: bool = True) -> str:
    """A Markdown list of the edition's PDF documents (titles are data: through the safe path); the whole
    edition's document is named without a link when the build left it out (a publication never does)."""
    whole = f"{link_label(kb.edition.titre)}, édition {kb.edition.annee} (document entier)"
    lines = [f"- [{whole}]({base}{edition_pdf_path(kb)})" if pdf_edition
             else f"- {whole} : produit à la publication du site"]
    for kind in KINDS.values():
        if kind.fact_sheet and kb.entities[kind.name]:
            lines.append(f"- Fiches des {kind.pluriel} :")
            lines += [f"    - [{link_label(label(e))}]({base}{fact_sheet_path(kind.name, e.id)})"
                      for e in kb.all(kind.name)]
    return "\n".join(lines)


EXCERPT_TEXT = 110  # characters of a text kept in an excerpt
EXCERPT_CELL = 40  # characters of a CSV cell kept in an excerpt


def excerpt(path: str, content: str, size: int | None = None) -> str:
    """A real published file, abridged so that its shape shows at a glance, as a code block.

    JSON: long texts cut, lists reduced to their first element, containers deeper than `size` levels (when
    given) shown as « … »; CSV: the header and the first `size` rows (3 by default), long cells cut. Written as
    HTML (escaped, inert): a data text could otherwise close a Markdown code fence.
    """
    if path.endswith(".csv"):
        shown, language = _abridged_csv(content, size or 3), "text"
    else:
        shown, language = json.dumps(_abridged(json.loads(content), size or 99), ensure_ascii=False, indent=2), "json"
    code = html.escape(shown.rstrip("\n"), quote=False)
    return for_markdown(f'<pre class="cadre-extrait"><code class="language-{language}">{code}</code></pre>')


def _abridged(value: Any, depth: int) -> Any:
    if isinstance(value, str) and len(value) > EXCERPT_TEXT and not value.startswith("http"):
        return value[:EXCERPT_TEXT].rstrip() + "…"
    if isinstance(value, list | dict) and value and depth == 0:
        return "…"
    if isinstance(value, list):
        kept = [_abridged(v, depth - 1) for v in value[:1]]
        return kept + ([f"… ({len(value) - 1} autre(s) élément(s))"] if len(value) > 1 else [])
    if isinstance(value, dict):
        return {key: _abridged(v, depth - 1) for key, v in value.items()}
    return value


def _abridged_csv(content: str, rows: int) -> str:
    reader = csv.reader(io.StringIO(content.lstrip("\ufeff"), newline=""), delimiter=SEPARATOR)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\n")
    for i, row in enumerate(reader):
        if i > rows:
            break
        writer.writerow([c if len(c) <= EXCERPT_CELL else c[:EXCERPT_CELL].rstrip() + "…" for c in row])
    return out.getvalue()
