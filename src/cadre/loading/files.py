"""The files of an edition folder, read without following links or special files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cadre.cache import content_key


def folder_fingerprint(root: Path) -> str:
    """A key of every regular file under `root` (path, size, content): any edit gives another key.

    Links and special files are not followed (a link to /dev/zero would never end); they enter the key by name
    only, and validation reports them.
    """
    parts: list[str | bytes] = []
    for path in sorted(_walk(root)):
        info = os.lstat(path)
        parts.append(f"{path.relative_to(root).as_posix()}:{info.st_mode:o}:{info.st_size}")
        if stat.S_ISREG(info.st_mode):
            parts.append(path.read_bytes())
    return content_key(*parts)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return found
    for entry in entries:
        path = Path(entry.path)
        found.append(path)
        if entry.is_dir(follow_symlinks=False):
            found.extend(_walk(path))
    return found
