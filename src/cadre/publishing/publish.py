"""Publishing an edition as a version of the site, in one commit on the gh-pages branch.

Order of operations, so that a refusal or failure never leaves anything half done:
1. validate the editions up to the one published: an invalid edition is refused with every error;
2. refuse what must not be published: a draft (« brouillon »), a working tree that differs from HEAD (unless
   asked), the local preview address as the public one (unless a local preview is asked);
3. build the edition with `mkdocs build --strict` into a scratch folder (a broken page or link stops here);
4. write that folder, `versions.json`, `latest` and the root pages to gh-pages in one commit (`ghpages.deploy`).
The outcome says what changed; « rien n'a changé » is a success.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cadre.cache import ContentCache
from cadre.editions.catalogue import LIBELLES_STATUT
from cadre.model import StatutEdition
from cadre.publishing import engine
from cadre.publishing.ghpages import BRANCH, LATEST, Deployment, Version, deploy, workspace
from cadre.publishing.git import GitError, Repository
from cadre.site import mentions
from cadre.site.context import make_context

LOCAL_ADDRESSES = ("http://localhost", "http://127.0.0.1", "https://localhost", "https://127.0.0.1")


class PublishError(Exception):
    """Publication refused or failed; gh-pages is as it was. The message is French and says what to do."""


@dataclass(frozen=True)
class Outcome:
    annee: int
    titre: str
    deployment: Deployment

    def summary(self) -> str:
        d = self.deployment
        if d.commit is None:
            return (f"Édition {self.annee} : rien n'a changé, la branche {BRANCH} est déjà à jour "
                    f"(« {LATEST} » : {d.latest or 'aucune'}).")
        latest = f"« {LATEST} » désigne l'édition {d.latest}" if d.latest else f"pas de « {LATEST} »"
        return (f"Édition {self.annee} publiée : version « {self.titre} » ; {latest} ; versions en ligne : "
                f"{', '.join(map(str, d.versions))} (commit {d.commit[:10]} sur {BRANCH}).")


def publish(project: Path, data: Path, year: int, *, dirty_ok: bool = False, local_ok: bool = False,
            log: Callable[[str], None] = print) -> Outcome:
    project, data = project.resolve(), data.resolve()
    repo = _repository(project)
    settings = engine.site_settings(project)
    ctx = make_context(data, year, settings, ContentCache(project / ".cache"))  # raises InvalidEdition
    statut = ctx.statut
    if statut is StatutEdition.BROUILLON:
        raise PublishError(f"l'édition {year} est un brouillon : on ne publie qu'une édition « en-concertation » "
                           f"(projet soumis à la concertation) ou « publiee » (adoptée). Changez « statut » dans "
                           f"{data / 'editions' / str(year) / 'edition.yaml'}, puis recommencez.")
    if settings.site_url.startswith(LOCAL_ADDRESSES) and not local_ok:
        raise PublishError(f"l'adresse du site (site_url dans mkdocs.yml) est « {settings.site_url} », l'adresse "
                           "de l'aperçu local : les liens canoniques, les flux et les PDF la porteraient. Renseignez "
                           "l'adresse publique, ou ajoutez --apercu-local pour une publication destinée à cette "
                           "machine.")
    if incomplete := mentions.notice(settings.mentions_legales):  # said, not refused: the comité may publish a draft
        log(f"Attention : {incomplete} (la page « Mentions légales » affiche « À compléter »).")
    dirty = repo.changed_files()
    if dirty and not dirty_ok:
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise PublishError(f"le dossier de travail diffère du dernier commit ({len(dirty)} fichier(s) : {shown}) : la "
                           "publication nommerait un commit qui n'est pas ce qui est publié. Commitez d'abord, ou "
                           "ajoutez --non-commite pour publier quand même (le message de publication le dira).")
    version = Version(year, str(year) if ctx.publiee else f"{year} (projet, {LIBELLES_STATUT[statut]})", ctx.publiee)
    log(f"Construction de l'édition {year} (mkdocs build --strict)…")
    scratch = workspace(project)
    try:
        try:
            engine.build(project, year, data, project / ".cache", scratch / "site", settings.site_url)
        except engine.BuildFailed as failed:
            raise PublishError("la construction du site a échoué : rien n'a été déployé, la branche "
                               f"{BRANCH} n'a pas changé.\n" + "\n".join(failed.problems)) from None
        log(f"Écriture de la version {year} sur {BRANCH} (un seul commit)…")
        deployment = deploy(repo, scratch / "site", version, _message(repo, version, statut, bool(dirty)))
    except GitError as error:
        raise PublishError(f"{error} ; la branche {BRANCH} n'a pas changé.") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(year, version.titre, deployment)


def _repository(project: Path) -> Repository:
    repo = Repository(project)
    if not repo.resolve("HEAD"):
        raise PublishError(f"{project} n'est pas un dépôt git avec au moins un commit : la publication écrit les "
                           f"versions du site dans la branche {BRANCH} de ce dépôt (git init, git add ., git commit, "
                           "puis recommencer).")
    return repo


def _message(repo: Repository, version: Version, statut: StatutEdition, dirty: bool) -> str:
    head = repo.run("rev-parse", "--short", "HEAD").strip()
    source = f"depuis {head}" + (" avec des modifications non commitées" if dirty else "")
    return f"Publication de l'édition {version.annee} ({LIBELLES_STATUT[statut]}) {source}"
