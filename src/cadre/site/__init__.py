"""The site of an edition, built as a value from the knowledge base (`build_site`), free of any build engine.

The context is made once at the edge (`context`); pages are Jinja2 templates fed through the one safe text path
(`templating`, `cadre.text`); diagrams are drawn from the data (`figures`, `architecture`). MkDocs only receives
the files (`macros/hooks.py`), or reads them from a plain docs folder (`cadre.publishing.folder`).
"""

from cadre.site.context import BuildContext, NoEdition, SiteSettings, make_context
from cadre.site.source import SiteSource, build_site

__all__ = ["BuildContext", "NoEdition", "SiteSettings", "SiteSource", "build_site", "make_context"]
