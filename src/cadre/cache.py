"""The one owner of what the build keeps between runs: files under `.cache/<kind>/`, named by their content.

Every entry is named by a hash of everything that made it (data, code, renderer version), so an entry is never
stale: a change of input is a new name. Writes are atomic (write, then rename), so concurrent builds and
interrupted ones never leave half a file that a later build would trust. Entries unused for `KEEP_DAYS` are pruned.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KEEP_DAYS = 30


def content_key(*parts: str | bytes) -> str:
    """A short hash naming what `parts` make together."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class ContentCache:
    root: Path | None  # None: nothing kept on disk (every entry is made again)

    def path(self, kind: str, key: str, suffix: str) -> Path | None:
        return None if self.root is None else self.root / kind / f"{key}{suffix}"

    def read(self, kind: str, key: str, suffix: str) -> bytes | None:
        path = self.path(kind, key, suffix)
        if path is None or not path.is_file():
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        os.utime(path)  # used: its age counts from now
        return data

    def write(self, kind: str, key: str, suffix: str, data: bytes) -> None:
        path = self.path(kind, key, suffix)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(path)
        except OSError:  # a read-only or full disk makes the build slower, never wrong
            return

    def prune(self, kind: str, keep: Iterable[str] = ()) -> None:
        """Forget entries of `kind` unused for KEEP_DAYS (each data change adds a few)."""
        if self.root is None or not (self.root / kind).is_dir():
            return
        kept, limit = set(keep), time.time() - KEEP_DAYS * 86400
        for path in (self.root / kind).iterdir():
            try:
                if path.stem not in kept and path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue

    def keep_latest(self, kind: str, count: int) -> None:
        """Keep only the `count` entries of `kind` used last (for large entries, superseded at each data change)."""
        if self.root is None or not (self.root / kind).is_dir():
            return
        entries = []
        for path in (self.root / kind).iterdir():
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        for _, path in sorted(entries, reverse=True)[count:]:
            try:
                path.unlink()
            except OSError:
                continue
