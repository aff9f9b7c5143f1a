"""The gh-pages branch, written in one commit per publication, from a tree prepared aside.

A publication reads the branch's current tree into a temporary index, replaces the edition's folder with the
site just built, recomputes `versions.json`, the `latest` alias (the newest published edition deployed), the
root `index.html` and `404.html`, writes the tree, and moves the branch once, guarded by its old value. Killed at
any moment before that last step, the branch is exactly as it was (the objects written meanwhile are unreferenced
and git's own garbage collection drops them); the next publication starts afresh.

Where the branch starts from: the local gh-pages; else origin/gh-pages (a fresh clone has only that); the remote one
too when the local one is merely behind it. When both have commits the other lacks, nothing is guessed: refused.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from cadre.editions.catalogue import LATEST
from cadre.publishing.git import GitError, Repository

BRANCH = "gh-pages"


@dataclass(frozen=True)
class Version:
    annee: int
    titre: str  # shown in the version selector
    publiee: bool

    def entry(self, aliases: list[str]) -> dict:
        # mike's versions.json format (read by Material's selector); the status is kept for the next publications
        return {"version": str(self.annee), "title": self.titre, "aliases": aliases,
                "properties": {"publiee": self.publiee}}


@dataclass(frozen=True)
class Deployment:
    commit: str | None  # the new commit, None when nothing changed
    latest: int | None  # the edition `latest` points to after the publication
    versions: list[int]
    started_from: str  # where the branch started: « gh-pages », « origin/gh-pages » or « (nouvelle branche) »


class Diverged(GitError):
    """The local and remote gh-pages both hold commits the other lacks."""


class Moved(GitError):
    """gh-pages moved while this publication ran (another one, or a git command): nothing was written."""


NEW_BRANCH = "(nouvelle branche)"  # what a first publication starts from


def base_commit(repo: Repository) -> tuple[str | None, str]:
    """The commit a publication starts from, and its name: gh-pages, origin/gh-pages or « (nouvelle branche) »."""
    local, remote = repo.resolve(BRANCH), repo.resolve(f"origin/{BRANCH}")
    if local and remote and local != remote and not repo.is_ancestor(remote, local):
        if repo.is_ancestor(local, remote):  # only behind: the remote branch holds everything the local one does
            return remote, f"origin/{BRANCH}"
        ahead = repo.run("rev-list", "--count", f"{remote}..{local}").strip()
        behind = repo.run("rev-list", "--count", f"{local}..{remote}").strip()
        raise Diverged(f"les branches {BRANCH} ({ahead} commit(s) absents de origin/{BRANCH}) et origin/{BRANCH} "
                       f"({behind} commit(s) absents de {BRANCH}) ont divergé : publier sur l'une perdrait les "
                       "versions de l'autre. Réconciliez-les d'abord (git fetch origin, puis fusionner, ou garder "
                       f"l'une avec « git branch -f {BRANCH} origin/{BRANCH} »), puis republiez")
    if local:
        return local, BRANCH
    return (remote, f"origin/{BRANCH}") if remote else (None, NEW_BRANCH)


def deployed_versions(repo: Repository, commit: str | None = None) -> list[dict]:
    """versions.json of the branch (empty when nothing is deployed yet)."""
    commit = commit or base_commit(repo)[0]
    if not commit:
        return []
    try:
        return json.loads(repo.run("show", f"{commit}:versions.json"))
    except (ValueError, Exception):  # no versions.json yet, or not readable: start a new list
        return []


def deploy(repo: Repository, built: Path, version: Version, message: str, scratch: Path) -> Deployment:
    """Write `built` as the folder of `version` on gh-pages, with the aliases and root pages, in one commit.

    `scratch` holds the temporary index (removed with the publication's scratch folder, even after a SIGKILL)."""
    local = repo.resolve(BRANCH)  # the guard: the branch moves only from this value (or is created if still absent)
    old, started_from = base_commit(repo)
    versions = _merged(deployed_versions(repo, old), version)
    latest = max((int(v["version"]) for v in versions if _published(v)), default=None)
    tree = _tree(repo, old, built, version, versions, latest, {"GIT_INDEX_FILE": str(scratch / "index")})
    numbers = sorted(int(v["version"]) for v in versions)
    if old and repo.run("rev-parse", f"{old}^{{tree}}").strip() == tree:
        if local != old:  # nothing to write, but the local branch catches up with origin/gh-pages
            _move(repo, old, local)
        return Deployment(None, latest, numbers, started_from)
    parents = ["-p", old] if old else []
    commit = repo.run("commit-tree", tree, *parents, "-m", message, env=repo.identity()).strip()
    _move(repo, commit, local)
    return Deployment(commit, latest, numbers, started_from)


def _tree(repo: Repository, old: str | None, built: Path, version: Version, versions: list[dict],
          latest: int | None, env: dict[str, str]) -> str:
    """The branch's next tree: the old one with the edition's folder replaced, `latest` and the root pages."""
    repo.run("read-tree", old if old else "--empty", env=env)
    folder = str(version.annee)
    before = _listing(repo, env, folder)
    for removed in {folder, LATEST}:
        _remove(repo, removed, env)
    _add_folder(repo, built, folder, env)
    _keep_search_index(repo, env, folder, before)
    if latest is not None:
        subtree = repo.run("write-tree", f"--prefix={latest}/", env=env).strip()
        repo.run("read-tree", f"--prefix={LATEST}/", subtree, env=env)
    entries = [_with_alias(v, latest) for v in versions]
    default = LATEST if latest is not None else max(v["version"] for v in versions)
    root = {"versions.json": json.dumps(entries, ensure_ascii=False, indent=2) + "\n",
            "index.html": _root_index(default), "404.html": _root_404(entries), ".nojekyll": ""}
    for name, content in root.items():
        blob = repo.run("hash-object", "-w", "--stdin", stdin=content).strip()
        repo.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env)
    return repo.run("write-tree", env=env).strip()


def _move(repo: Repository, commit: str, expected: str | None) -> None:
    """The one step that changes what readers get: the branch moves, atomically, if it is still `expected`."""
    try:
        repo.run("update-ref", f"refs/heads/{BRANCH}", commit, expected or "")
    except GitError:
        if repo.resolve(BRANCH) != expected:
            raise Moved(f"la branche {BRANCH} a changé pendant la publication (une autre publication en même "
                           "temps ?) : celle-ci n'a rien écrit, relancez-la") from None
        raise


def _merged(versions: list[dict], version: Version) -> list[dict]:
    kept = [v for v in versions if v.get("version") != str(version.annee)]
    return sorted([*kept, version.entry([])], key=lambda v: int(v["version"]), reverse=True)


def _published(entry: dict) -> bool:
    """The status recorded at publication; entries written by mike (before) lack it: a draft's title says so."""
    properties = entry.get("properties")
    if isinstance(properties, dict) and "publiee" in properties:
        return properties["publiee"] is True
    return "projet" not in str(entry.get("title", ""))


def _with_alias(entry: dict, latest: int | None) -> dict:
    return {**entry, "aliases": [LATEST] if latest is not None and entry["version"] == str(latest) else []}


SEARCH_INDEX = "pagefind"  # the folder of a version's search index (cadre.publishing.search)


def _listing(repo: Repository, env: dict[str, str], folder: str) -> dict[str, str]:
    """path -> "mode blob" of every file under `folder/` in the index being prepared."""
    listed = repo.run("ls-files", "-s", "-z", "--", f"{folder}/", env=env).split("\0")
    entries = {}
    for line in filter(None, listed):
        info, path = line.split("\t", 1)
        mode, blob, _ = info.split()
        entries[path] = f"{mode} {blob}"
    return entries


def _keep_search_index(repo: Repository, env: dict[str, str], folder: str, before: dict[str, str]) -> None:
    """Pagefind writes the same index in a different byte order from one run to the next (its filters are
    hash maps): when every other file of the version is unchanged, the published index is kept, so that an
    unchanged republication changes nothing on the branch."""
    index = f"{folder}/{SEARCH_INDEX}/"
    after = _listing(repo, env, folder)
    if not before or {p: b for p, b in before.items() if not p.startswith(index)} != {
            p: b for p, b in after.items() if not p.startswith(index)}:
        return
    _remove(repo, index.rstrip("/"), env)
    kept = [f"{entry}\t{path}" for path, entry in before.items() if path.startswith(index)]
    if kept:
        repo.run("update-index", "--index-info", env=env, stdin="\n".join(kept) + "\n")


def _remove(repo: Repository, folder: str, env: dict[str, str]) -> None:
    listed = repo.run("ls-files", "-z", "--", f"{folder}/", env=env).split("\0")
    paths = [p for p in listed if p]
    if paths:
        repo.run("update-index", "--force-remove", "-z", "--stdin", env=env, stdin="\0".join(paths) + "\0")


def _add_folder(repo: Repository, built: Path, prefix: str, env: dict[str, str]) -> None:
    """Every file of `built` under `prefix/`, as blobs written by one git process."""
    # a version's own 404.html is left out: hosts serve the branch's root 404.html (written below, with links that
    # work under any path), and a version's page, its links absolute from an address that may not be configured,
    # would point outside its folder
    files = sorted(p for p in built.rglob("*") if p.is_file() and p.relative_to(built).as_posix() != "404.html")
    if not files:
        return
    blobs = repo.run("hash-object", "-w", "--stdin-paths", stdin="\n".join(str(p) for p in files) + "\n").split()
    lines = [f"100644 {blob}\t{prefix}/{path.relative_to(built).as_posix()}" for blob, path in zip(blobs, files,
                                                                                                       strict=True)]
    repo.run("update-index", "--index-info", env=env, stdin="\n".join(lines) + "\n")


def _root_index(target: str) -> str:
    """The site root sends readers to the edition in force (relative: works under any address)."""
    href = html.escape(f"{target}/", quote=True)
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Cadre commun des projets de e-santé</title>
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
</head>
<body>
<p>Redirection vers <a href="{href}">l'édition en vigueur</a>.</p>
</body>
</html>
"""


_FIND_ROOT = (
    # the page may be served for any missing address (/2016/x/y/): the site root is where versions.json answers
    "<script>(async()=>{const parts=location.pathname.split('/').filter(Boolean);"
    "for(let i=parts.length;i>=0;i--){const root='/'+parts.slice(0,i).join('/')+(i?'/':'');"
    "try{const r=await fetch(root+'versions.json');if(r.ok){document.querySelectorAll('a[data-racine]')"
    ".forEach(a=>a.href=root+a.dataset.racine);return}}catch(e){}}})();</script>"
)


def _root_404(entries: list[dict]) -> str:
    """The page of a missing address at any depth: its links find the site root by themselves."""
    items = "".join(f'<li><a data-racine="{html.escape(v["version"])}/" href="/{html.escape(v["version"])}/">'
                    f'{html.escape(v["title"])}</a></li>' for v in entries)
    return ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Page introuvable — Cadre commun des projets de e-santé</title>\n</head>\n<body>\n<main>\n"
            "<h1>Page introuvable</h1>\n<p>Cette adresse ne correspond à aucune page du site.</p>\n"
            f"<p><a data-racine=\"{LATEST}/\" href=\"/{LATEST}/\">Aller à l'édition en vigueur</a></p>\n"
            f"<p>Éditions publiées :</p>\n<ul>{items}</ul>\n</main>\n{_FIND_ROOT}\n</body>\n</html>\n")
