"""What readers type into the search box, and the page they are looking for (written before any tuning).

Each query is as a reader would type it: acronyms, plain phrases, lowercase and accent-free forms, a few typos.
Expected pages are the site addresses (from the data ids of the 2016 edition) of the page that answers the
question, or of its anchored entry; a query may accept two pages when both answer it equally well (an acronym
that names a service and a référentiel). A query is found when one of them is among the first three results.
"""

from __future__ import annotations

QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # acronyms: the entity page when there is one, else the glossary entry
    ("ASIP", ("glossaire/#asip-sante",)),
    ("ANAP", ("glossaire/#anap",)),
    ("INS", ("referentiels/ins/",)),
    ("DMP", ("socle/dmp/",)),
    ("RPPS", ("referentiels/rpps/",)),
    ("CNIL", ("glossaire/#cnil",)),
    ("GHT", ("glossaire/#ght",)),
    ("ANSSI", ("glossaire/#anssi",)),
    ("NIR", ("glossaire/#nir",)),
    ("MSSanté", ("socle/messagerie-securisee/", "referentiels/mssante-operateurs/")),
    ("pgssi-s", ("referentiels/pgssi-s/",)),
    ("ci-sis", ("referentiels/ci-sis/",)),
    ("finess", ("referentiels/finess/",)),
    ("adeli", ("referentiels/adeli/",)),
    # phrases
    ("programme hôpital numérique", ("programmes/#hopital-numerique",)),
    ("objectifs ARS", ("socle/objectifs-ars/",)),
    ("comité opérationnel", ("gouvernance/#comite-operationnel",)),
    ("agences régionales de santé", ("acteurs/ars/",)),
    ("liste de contrôle", ("principes/checklist/",)),
    ("identifiant national de santé", ("referentiels/ins/",)),
    ("dossier pharmaceutique", ("programmes/#dossier-pharmaceutique",)),
    ("partage d'images médicales", ("socle/partage-images/",)),
    ("prescription électronique", ("socle/prescription-electronique/",)),
    ("principe de subsidiarité", ("principes/subsidiarite/",)),
    ("cadrage juridique", ("principes/cadrage-juridique/",)),
    ("modèle des objets de santé", ("referentiels/mos-nos/",)),
    ("certification HAS des établissements", ("programmes/#certification-has-etablissements",)),
    ("dossier médical personnel", ("socle/dmp/",)),
    ("comité stratégique", ("gouvernance/#comite-strategique",)),
    ("feuilles de soins électroniques", ("programmes/#feuilles-de-soins-electroniques",)),
    # lowercase, without accents
    ("hebergement", ("referentiels/hds/",)),
    ("cancerologie", ("socle/dcc/",)),
    ("interoperabilite", ("referentiels/ci-sis/", "principes/interoperabilite/")),
    ("telemedecine", ("socle/telemedecine/",)),
    ("messagerie securisee", ("socle/messagerie-securisee/",)),
    ("repertoire operationnel des ressources", ("socle/ror/", "referentiels/ror-modele/")),
    ("industriels", ("acteurs/industriels/",)),
    # typos
    ("interoperabilté", ("referentiels/ci-sis/", "principes/interoperabilite/")),
    ("telemedcine", ("socle/telemedecine/",)),
    ("hébergeurs de donées de santé", ("referentiels/hds/",)),
    ("messagrie sécurisée", ("socle/messagerie-securisee/",)),
    ("subsidiarté", ("principes/subsidiarite/",)),
]
