"""Publishing an edition as a version of the site, in one commit on the gh-pages branch.

Order of operations, so that a refusal or failure never leaves anything half done:
1. validate the editions up to the one published: an invalid edition is refused with every error;
2. refuse what must not be published: a draft (« brouillon »), a working tree that differs from HEAD (unless
   asked), the local preview address as the public one (unless a local preview is asked);
3. build the edition with `mkdocs build --strict` into a scratch folder (a broken page or link stops here);
4. write that folder, `versions.json`, `latest` and the root pages to gh-pages in one commit (`ghpages.deploy`).
The outcome says what changed; « rien n'a changé » is a success. Everything temporary lives in the scratch folder
(`scratch.py`), removed on every exit path, and by the next publication after a SIGKILL.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cadre import oserrors
from cadre.cache import ContentCache
from cadre.editions.catalogue import LIBELLES_STATUT
from cadre.model import StatutEdition
from cadre.publishing import engine
from cadre.publishing.ghpages import BRANCH, LATEST, NEW_BRANCH, Deployment, Moved, Version, base_commit, deploy
from cadre.publishing.git import GitError, Repository
from cadre.publishing.scratch import alone, scratch_folder
from cadre.site import mentions
from cadre.site.context import BuildContext, SiteSettings, make_context

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
        start = {BRANCH: "", NEW_BRANCH: f" ; branche {BRANCH} créée"}.get(
            d.started_from, f" ; la branche locale part de {d.started_from}")
        return (f"Édition {self.annee} publiée : version « {self.titre} » ; {latest} ; versions en ligne : "
                f"{', '.join(map(str, d.versions))} (commit {d.commit[:10]} sur {BRANCH}{start}).")


def publish(project: Path, data: Path, year: int, *, dirty_ok: bool = False, local_ok: bool = False,
            log: Callable[[str], None] = print) -> Outcome:
    project, data = project.resolve(), data.resolve()
    repo = _repository(project)
    try:
        base_commit(repo)  # a diverged origin/gh-pages is refused before anything is built
        settings = engine.site_settings(project)
    except (GitError, engine.ConfigError) as error:
        raise PublishError(f"{error}.") from None
    ctx = make_context(data, year, settings, ContentCache(project / ".cache"))  # raises InvalidEdition
    if incomplete := mentions.notice(settings.mentions_legales):  # said, not refused: a draft may be published
        log(f"Attention : {incomplete} (la page « Mentions légales » affiche « À compléter »).")
    dirty = _refusals(repo, ctx, settings, data, dirty_ok, local_ok)
    statut = ctx.statut
    version = Version(year, str(year) if ctx.publiee else f"{year} (projet, {LIBELLES_STATUT[statut]})", ctx.publiee)
    started = time.time()
    try:
        with scratch_folder(project) as scratch:
            log(f"Construction de l'édition {year} (mkdocs build --strict)…")
            try:
                engine.build(project, year, data, project / ".cache", scratch / "site", settings.site_url)
            except engine.BuildFailed as failed:
                raise PublishError("la construction du site a échoué : rien n'a été déployé, la branche "
                                   f"{BRANCH} n'a pas changé.\n" + "\n".join(failed.problems)) from None
            log(f"Écriture de la version {year} sur {BRANCH} (un seul commit)…")
            if alone(project, scratch):  # a git killed outright by an earlier SIGKILL may have left its lock
                repo.remove_stale_lock(f"refs/heads/{BRANCH}", started)
            deployment = deploy(repo, scratch / "site", version, _message(repo, version, statut, dirty), scratch)
    except Moved as error:
        raise PublishError(f"{error}.") from None
    except GitError as error:
        raise PublishError(f"{error} ; la branche {BRANCH} n'a pas changé.") from None
    except OSError as error:  # a read-only or full .cache, a file that vanished…
        raise PublishError(f"écriture impossible ({oserrors.french(error)}) ; rien n'a été déployé, la branche "
                           f"{BRANCH} n'a pas changé.") from None
    return Outcome(year, version.titre, deployment)


def _refusals(repo: Repository, ctx: BuildContext, settings: SiteSettings, data: Path, dirty_ok: bool,
              local_ok: bool) -> list[str]:
    """What must not be published is refused with the way forward; returns the uncommitted files accepted."""
    if ctx.statut is StatutEdition.BROUILLON:
        raise PublishError(f"l'édition {ctx.annee} est un brouillon : on ne publie qu'une édition "
                           "« en-concertation » (projet soumis à la concertation) ou « publiee » (adoptée). Changez "
                           f"« statut » dans {data / 'editions' / str(ctx.annee) / 'edition.yaml'}, commitez, puis "
                           "recommencez.")
    if settings.site_url.startswith(LOCAL_ADDRESSES) and not local_ok:
        raise PublishError(f"l'adresse du site (site_url dans mkdocs.yml) est « {settings.site_url} », l'adresse "
                           "de l'aperçu local : les liens canoniques, les flux et les PDF la porteraient. Renseignez "
                           "l'adresse publique, ou ajoutez --apercu-local pour une publication destinée à cette "
                           "machine.")
    dirty = repo.changed_files()
    if dirty and not dirty_ok:
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise PublishError(f"le dossier de travail diffère du dernier commit ({len(dirty)} fichier(s) : {shown}) : la "
                           "publication nommerait un commit qui n'est pas ce qui est publié. Commitez d'abord, ou "
                           "ajoutez --non-commite pour publier quand même (le message de publication le dira).")
    return dirty


def _repository(project: Path) -> Repository:
    if not (project / engine.CONFIG).is_file():
        raise PublishError(f"{project} n'est pas le dossier du projet : {engine.CONFIG} y est introuvable (--projet "
                           "désigne le dossier qui contient mkdocs.yml et le dépôt git).")
    repo = Repository(project)
    if not repo.resolve("HEAD"):
        raise PublishError(f"{project} n'est pas un dépôt git avec au moins un commit : la publication écrit les "
                           f"versions du site dans la branche {BRANCH} de ce dépôt (git init, git add ., git commit, "
                           "puis recommencer).")
    return repo


def _message(repo: Repository, version: Version, statut: StatutEdition, dirty: list[str]) -> str:
    head = repo.run("rev-parse", "--short", "HEAD").strip()
    source = f"depuis {head}" + (f" avec des modifications non commitées ({len(dirty)} fichier(s) : "
                                 f"{', '.join(dirty[:10])}{' …' if len(dirty) > 10 else ''})" if dirty else "")
    return f"Publication de l'édition {version.annee} ({LIBELLES_STATUT[statut]}) {source}"
