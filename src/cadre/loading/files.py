"""The files of an edition folder, walked and read without following links or opening special files.

A data folder is read by tools that must not hang or leak: a link to `/dev/zero` would be read until memory runs
out, a link to a file outside the repository would be published, a named pipe would block the reader forever.
So nothing here follows a symbolic link: the walk lists links and special files as what they are (validation
reports them), and `read_limited` opens a regular file only, refusing links at the last moment too (O_NOFOLLOW,
then fstat), and reads at most its limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cadre.cache import content_key


@dataclass(frozen=True)
class Entry:
    path: Path
    mode: int  # from lstat: the entry itself, never what a link points to

    @property
    def is_link(self) -> bool:
        return stat.S_ISLNK(self.mode)

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.mode)

    @property
    def is_file(self) -> bool:
        return stat.S_ISREG(self.mode)


class NotRegularFile(Exception):
    """A link or a special file where a data file was expected; the message names what it is, in French."""


class TooLarge(Exception):
    pass


def describe(mode: int) -> str:
    """What a non-regular entry is, in French."""
    if stat.S_ISLNK(mode):
        return "lien symbolique"
    if stat.S_ISFIFO(mode):
        return "tube nommé (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "fichier de périphérique"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "dossier"
    return "fichier spécial"


def walk(root: Path, hidden: bool = True) -> list[Entry]:
    """Every entry under `root` (depth first), links and special files included but never followed.

    `hidden=False` leaves out names starting with a dot (and what hidden folders hold): editors' lock files
    (Emacs writes `.#x.yaml` as a dangling link) are nobody's data.
    """
    found: list[Entry] = []
    pending = [root]
    while pending:  # iterative: a deep tree of folders cannot exhaust the stack
        for entry in entries(pending.pop(), hidden):
            found.append(entry)
            if entry.is_dir:
                pending.append(entry.path)
    return found


def entries(folder: Path, hidden: bool = True) -> list[Entry]:
    """The entries of one folder, by name, as they are (a link is a link)."""
    try:
        items = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for item in items:
        if not hidden and item.name.startswith("."):
            continue
        try:
            found.append(Entry(Path(item.path), item.stat(follow_symlinks=False).st_mode))
        except OSError:  # vanished meanwhile
            continue
    return found


def read_limited(path: Path, limit: int) -> bytes:
    """The content of a regular file of at most `limit` bytes; raises NotRegularFile, TooLarge or OSError."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(describe(info.st_mode))
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:  # replaced by a link or a pipe since lstat
        if error.errno in (errno.ELOOP, errno.ENXIO):
            raise NotRegularFile(describe(os.lstat(path).st_mode)) from None
        raise
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(describe(opened.st_mode))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(max(opened.st_size, size))
        return b"".join(chunks)
    finally:
        os.close(fd)


def folder_fingerprint(root: Path, limit: int = 1 << 30) -> str:
    """A key of every regular file under `root` (path, size, content): any edit gives another key.

    Links and special files are not followed (a link to /dev/zero would never end); they enter the key by name
    only, and validation reports them. A file over `limit` enters by size only: validation refuses it anyway.
    """
    parts: list[str | bytes] = []
    for entry in sorted(walk(root), key=lambda e: e.path):
        info = os.lstat(entry.path)
        parts.append(f"{entry.path.relative_to(root).as_posix()}:{info.st_mode:o}:{info.st_size}:"
                     f"{info.st_mtime_ns if info.st_size > limit else ''}")
        if entry.is_file and info.st_size <= limit:
            try:
                parts.append(read_limited(entry.path, limit))
            except (OSError, NotRegularFile, TooLarge):
                parts.append(b"?")
    return content_key(*parts)
