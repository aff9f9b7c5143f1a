"""Which services a part of the document presents in detail, read from the § each service's data cites."""

from __future__ import annotations

import re

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Entity

_PARAGRAPH = re.compile(r"§\s*(\d+(?:\.\d+)*)")


def services_of_part(kb: KnowledgeBase, numero: str) -> list[Entity]:
    """The services whose `section` cites the part `numero` (« 2.2.3.1 ») or one of its sub-parts, in order."""
    if not re.fullmatch(r"\d+(?:\.\d+)*", numero):
        return []
    found = []
    for service in kb.all("service"):
        cited = _PARAGRAPH.findall(getattr(service, "section", None) or "")
        if any(c == numero or c.startswith(numero + ".") for c in cited):
            found.append(service)
    return found
