"""The site's content: the knowledge base turned into Markdown pages by Jinja2 templates.

Plain Python with no MkDocs import: MkDocs hooks and macros (in `macros/`) are thin adapters over this package.
"""

from cadre.site.abbreviations import Abbreviations, abbreviations
from cadre.site.links import relative, source_of
from cadre.site.pages import ENTITY_PAGE_KINDS, GeneratedPage, entity_pages
from cadre.site.templating import render

__all__ = ["ENTITY_PAGE_KINDS", "Abbreviations", "GeneratedPage", "abbreviations", "entity_pages", "relative", "render",
           "source_of"]
