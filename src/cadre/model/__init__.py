"""The knowledge model of the Cadre commun des projets de e-santé.

Field names are the ones data authors write in YAML (French, domain words). Every model is frozen and
forbids unknown keys, so a misspelled key is an error, never a silent default. References to other
entities are plain ids annotated with `Ref(kind)`; `validate.py` checks that each one resolves.
Derived values (backlinks, history, permalinks) are computed elsewhere and never written by authors.
"""


from __future__ import annotations

from cadre.model.annexes import (  # noqa: F401
    Acteur,
    CasUsage,
    DescriptionInstance,
    Devoir,
    Effectif,
    EntreeGlossaire,
    Instance,
    InstanceElaboration,
    ListeDevoirs,
    Origine,
    Principe,
    Programme,
    Question,
    Regle,
    Renvoi,
    SourceGouvernance,
    StatutProgramme,
    TypeQuestion,
)
from cadre.model.base import (  # noqa: F401
    NOM_MAX,
    TEXTE_MAX,
    URL_MAX,
    Entity,
    Lien,
    Nom,
    NoteEditoriale,
    Ref,
    Slug,
    Strict,
    Texte,
    TypeNote,
    Url,
)
from cadre.model.edition import Chapitre, Document, Edition, Instruction, Signataire, StatutEdition  # noqa: F401
from cadre.model.referentiels import (  # noqa: F401
    Categorie,
    Destinataires,
    Disponibilite,
    Evolution,
    Famille,
    Jalon,
    ListeStructuree,
    Referentiel,
    StatutDisponibilite,
)
from cadre.model.socle import (  # noqa: F401
    Cible,
    Denomination,
    EcheanceSocle,
    Etape,
    ObjectifArs,
    Processus,
    Rubrique,
    Service,
    SousEtape,
    UsageService,
    VersionSocle,
)
