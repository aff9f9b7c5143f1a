"""The few git operations publishing needs, each answered in French when it fails."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Used only when git has no identity configured, and only for the publication commits on gh-pages.
DEFAULT_IDENTITY = {"name": "Publication du cadre commun", "email": "cadre-publish@localhost"}


class GitError(Exception):
    """A git command failed; the message says which and why, in French."""


@dataclass(frozen=True)
class Repository:
    root: Path

    def run(self, *args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
        try:
            child = subprocess.Popen(["git", *args], cwd=self.root, env={**os.environ, **(env or {})},
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as error:
            raise GitError(f"git est introuvable ou inutilisable : {error.strerror}") from None
        with child:
            try:
                out, err = child.communicate(stdin)
            except BaseException:  # interrupted: SIGTERM lets git remove its lock files (SIGKILL would not)
                child.terminate()
                child.wait()
                raise
        result = subprocess.CompletedProcess(args, child.returncode, out, err)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            last = detail[-1] if detail else f"code {result.returncode}"
            cause = ""
            if any(word in line.lower() for line in detail for word in ("permission", "read-only", "lecture seule")):
                cause = "le dépôt git (.git) n'est pas accessible en écriture ; "
            raise GitError(f"« git {' '.join(args[:3])} » a échoué : {cause}{last}")
        return result.stdout

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except GitError:
            return False
        return True

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.ok("merge-base", "--is-ancestor", older, newer)

    def resolve(self, ref: str) -> str | None:
        """The commit a ref names, or None when it does not exist."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip() or None
        except GitError:
            return None

    def identity(self) -> dict[str, str]:
        """Environment giving the commit an author when git has none configured (never overriding one)."""
        env = {}
        for role in ("name", "email"):
            if not self.ok("config", f"user.{role}"):
                for who in ("AUTHOR", "COMMITTER"):
                    env[f"GIT_{who}_{role.upper()}"] = DEFAULT_IDENTITY[role]
        return env

    def remove_stale_lock(self, ref: str, before: float) -> bool:
        """Remove the lock of `ref` left by a git killed outright (SIGKILL) if it dates from before `before`.

        git holds such a lock for milliseconds; one older than a publication that is alone to run is a left-over,
        and would make every later publication fail."""
        lock = Path(self.run("rev-parse", "--git-path", f"{ref}.lock").strip())
        lock = lock if lock.is_absolute() else self.root / lock
        try:
            if lock.stat().st_mtime < before:
                lock.unlink()
                return True
        except FileNotFoundError:
            pass
        return False

    def changed_files(self) -> list[str]:
        """Files of the working tree that differ from HEAD (untracked ones included, ignored ones not)."""
        out = self.run("status", "--porcelain", "--untracked-files=all")
        return [line[3:] for line in out.splitlines() if line.strip()]
