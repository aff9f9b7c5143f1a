"""Words written by the site's editors, told apart from the document's: a mark (the `cadre-editorial` class) on
each such passage of the templates (section introductions, list headings, labels, classifications), and, on
every page that holds one, a legend saying what the mark means. The document's own words stay unmarked."""

from __future__ import annotations

import re

MARK = "cadre-editorial"
LEGEND = (
    f'\n\n<p class="{MARK}__legende" data-pagefind-ignore>Légende : les passages <span class="{MARK}">'
    "ainsi marqués</span> (en italique, soulignés ou bordés d'un filet pointillé) sont rédigés par les éditeurs "
    "du site pour guider la lecture ; le reste du texte est celui du document.</p>\n"
)


def with_legend(markdown: str) -> str:
    """The page's Markdown, followed by the legend when it marks editorial words."""
    return markdown + LEGEND if _MARKED.search(markdown) else markdown


# the mark as a class of raw HTML, or in a Markdown attribute list (« ## Sous-parties { .cadre-editorial } »)
_MARKED = re.compile(rf'class="(?:[^"]* )?{MARK}[ "]|\{{[^}}\n]*\.{MARK}[ }}]')
