"""System errors said in French: which file, and what the system refused (permission, read-only, full disk…)."""

from __future__ import annotations

import errno

_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota disque dépassé",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "n'est pas un dossier",
    errno.EISDIR: "est un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EMFILE: "trop de fichiers ouverts",
}


def french(error: OSError) -> str:
    """« permission refusée : /chemin » (the system's own words when the reason is not a common one)."""
    reason = _REASONS.get(error.errno or -1, error.strerror or str(error))
    return f"{reason} : {error.filename}" if error.filename else reason
