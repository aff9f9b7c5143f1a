"""Dépendances : les services du socle et les référentiels sur lesquels ils s'appuient."""

from cadre.loading.knowledge import KnowledgeBase
from cadre.model import Referentiel, Service, VersionSocle
from cadre.site.figures import Box, Figure, Group, Link, entity_box, name_of

TITRE = "Services du socle et référentiels mobilisés"
ORDRE = 4
INTRODUCTION = """\
Chaque service du socle commun s'appuie sur des référentiels : une flèche va d'un service vers chaque
référentiel que sa fiche cite. Un référentiel très cité est une brique commune à beaucoup de services.
"""
# dark, distinct colours for the arrows of successive services, each readable on white (contrast > 4.5:1)
COULEURS = ("#0b4f8a", "#8a1c1c", "#1b5e20", "#5b2c83", "#7a4a00", "#00606b", "#9c1f63", "#37474f")


def figure(kb: KnowledgeBase) -> Figure:
    services = [s for s in kb.all("service") if isinstance(s, Service)]
    cites = {r for s in services for r in s.referentiels}
    referentiels = [r for r in kb.all("referentiel") if isinstance(r, Referentiel) and r.id in cites]
    groupes = []
    for version, label, tone in ((VersionSocle.V1, "Socle, première version", "accent"),
                                 (VersionSocle.ULTERIEURE, "Socle, versions ultérieures", "attenue")):
        boxes = tuple(entity_box(kb, "service", s, tone, short=True) for s in services
                      if s.version == version and s.referentiels)
        if boxes:
            groupes.append(Group(f"services_{version.value}", label, boxes, dashed=version != VersionSocle.V1))
    cibles = tuple(Box(b.id, name_of(r), "neutre", b.lien) for r, b in
                   ((r, entity_box(kb, "referentiel", r)) for r in referentiels))
    links = tuple(
        Link(entity_box(kb, "service", s).id, entity_box(kb, "referentiel", kb.get("referentiel", r)).id,
             couleur=COULEURS[i % len(COULEURS)])
        for i, s in enumerate(s for s in services if s.referentiels) for r in s.referentiels
    )
    sans = [name_of(s) for s in services if not s.referentiels]
    non_cites = [name_of(r) for r in kb.all("referentiel") if r.id not in cites]
    legend = ["Une flèche va d'un service vers un référentiel que sa fiche cite ; chaque service a sa couleur."]
    if sans:
        legend.append("Services qui ne citent aucun référentiel (non dessinés) : " + ", ".join(sans) + ".")
    if non_cites:
        legend.append("Référentiels cités par aucun service (non dessinés) : " + ", ".join(non_cites) + ".")
    return Figure(
        name="dependances",
        title=TITRE,
        items=(*groupes, Group("referentiels", "Référentiels", cibles)),
        links=links,
        direction="LR",
        legend=tuple(legend),
        relations="Dépendances (service → référentiel)",
        wrap=30,
    )
