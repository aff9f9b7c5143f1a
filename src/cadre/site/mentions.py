"""« Mentions légales » and the accessibility statement's measured figures: macros of two hand-written pages.

The publisher's details are not in the source document: the site's maintainers give them in mkdocs.yml
(`extra.mentions_legales`). Until a field is set, its page shows « À compléter » and every build and
publication says which fields are missing (a notice, not a warning: `mkdocs build --strict` turns warnings into
errors, and an incomplete legal page must not stop a preview). Only functions and organisations belong there,
never a named person's own contact details.

The accessibility statement reads what the browser tests measured (tests/browser write
docs/assets/accessibilite/mesures.json after each axe-core run): the page never states a figure nobody measured.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cadre.text import for_markdown, html_inline

# key in extra.mentions_legales -> what the page calls it (LCEN, art. 6 III: publisher, director of publication,
# host with address and telephone)
FIELDS = {
    "editeur": "Éditeur du site",
    "adresse": "Adresse de l'éditeur",
    "directeur_publication": "Direction de la publication (fonction)",
    "contact": "Contact (adresse de service ou formulaire)",
    "hebergeur": "Hébergeur",
    "hebergeur_adresse": "Adresse de l'hébergeur",
    "hebergeur_telephone": "Téléphone de l'hébergeur",
    "licence": "Licence de réutilisation des contenus et des données",
}
CONFIG_KEY = "extra.mentions_legales"
A_COMPLETER = "À compléter"
MESURES = Path("docs/assets/accessibilite/mesures.json")  # relative to the project folder

Mentions = tuple[tuple[str, str], ...]  # (key, value): hashable, for the site settings


def read_mentions(value: object) -> Mentions:
    """The configured mentions as given (strings); anything but a mapping counts as nothing configured."""
    if not isinstance(value, Mapping):
        return ()
    return tuple((str(k), str(v).strip()) for k, v in value.items() if v is not None and str(v).strip())


def notice(mentions: Mentions) -> str | None:
    """What a build or publication says while the legal page is incomplete (None once complete)."""
    given = dict(mentions)
    unknown = sorted(set(given) - set(FIELDS))
    missing = [key for key in FIELDS if key not in given]
    if not missing and not unknown:
        return None
    parts = []
    if missing:
        parts.append(f"à compléter dans mkdocs.yml ({CONFIG_KEY}) : {', '.join(missing)}")
    if unknown:
        parts.append(f"clé(s) inconnue(s) ignorée(s) : {', '.join(unknown)} (attendu : {', '.join(FIELDS)})")
    return "Mentions légales " + " ; ".join(parts)


def mentions_table(mentions: Mentions) -> str:
    """The publisher's details as a Markdown table; a missing one reads « À compléter » (configured text is
    trusted, but still goes through the safe path: a stray « < » must not become markup)."""
    given = dict(mentions)
    lines = ["| | |", "|---|---|"]
    for key, libelle in FIELDS.items():
        lines.append(f"| {libelle} | {_value(given, key)} |")
    return "\n".join(lines)


def mention(mentions: Mentions, key: str) -> str:
    """One configured value (inline, safe), or « À compléter »."""
    if key not in FIELDS:
        raise KeyError(f"mention : champ inconnu {key!r} (attendu : {', '.join(FIELDS)})")
    return _value(dict(mentions), key)


def _value(given: dict[str, str], key: str) -> str:
    if key not in given:
        return f'<strong class="cadre-a-completer">{A_COMPLETER}</strong>'
    return for_markdown(html_inline(given[key]), line_start=False)


# --- the accessibility figures ------------------------------------------------------------------------------------


def measured(project: Path) -> dict[str, Any] | None:
    path = project / MESURES
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def measures_text(figures: dict[str, Any] | None) -> str:
    """The test results as Markdown, or a plain statement that none is recorded."""
    if not figures:
        return ("Aucun résultat de test n'est enregistré avec cette version du site : aucun chiffre n'est donc "
                "annoncé ici.")
    lines = [f"Tests automatiques du {french_date(figures['date'])}, avec axe-core {figures['axe']} dans {figures['navigateur']}"
             f" (règles des niveaux {', '.join(figures['niveaux'])}) :", "",
             "| Édition testée | Pages | Violations | Règles respectées | Règles sans objet | À vérifier à la main |",
             "|---|---:|---:|---:|---:|---:|"]
    for edition, result in figures["editions"].items():
        lines.append(f"| {edition} | {len(result['pages'])} | {result['violations']} | {result['reussies']} | "
                     f"{result['sans_objet']} | {result['a_verifier']} |")
    return "\n".join(lines)


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def french_date(iso: str) -> str:
    """« 2026-12-02 » → « 2 décembre 2026 » (« 1er » for the first day)."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{'1er' if day == 1 else day} {MOIS[month - 1]} {year}"


def pages_text(figures: dict[str, Any] | None) -> str:
    if not figures:
        return "La liste des pages vérifiées sera donnée par la prochaine exécution des tests."
    pages = sorted({page for result in figures["editions"].values() for page in result["pages"]})
    return "\n".join(f"- `/{page}`" for page in pages)


def macros(mentions: Mentions, project: Path) -> dict[str, Callable[..., str]]:
    """The macros of « Mentions légales » and « Accessibilité », each taking the calling page's path first."""
    return {  # not « mentions_legales »: mkdocs-macros already gives that name to the configured mapping
        "tableau_mentions": lambda page_file: mentions_table(mentions),
        "mention": lambda page_file, key: mention(mentions, key),
        "mesures_accessibilite": lambda page_file: measures_text(measured(project)),
        "pages_verifiees": lambda page_file: pages_text(measured(project)),
    }
