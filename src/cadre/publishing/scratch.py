"""Scratch folders of publications, under .cache/publication/, removed on every exit path.

A publication builds its site and its temporary git index in a folder of its own, removed when it ends (success,
refusal, error, or SIGTERM/SIGINT, which `cadre` turns into an exception so that `finally` runs). A SIGKILL
leaves the folder behind: the next publication removes it. A folder is in use while its publication holds a lock
on it (`flock`, released by the kernel when the process dies, however it dies), so a dead run's folder is told
apart from a running one without trusting process ids, which the system reuses.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

LOCK = ".en-cours"
# A folder is made under a `.nouveau-` name, locked, then renamed: a folder with its final name and no lock (killed
# while being removed) is a left-over. A `.nouveau-` one can only be left by a run killed between its first system
# calls; it is kept a minute, in case it is another run's being made right now.
NEW = ".nouveau-"
NEW_GRACE_SECONDS = 60


def scratch_root(project: Path) -> Path:
    return project / ".cache" / "publication"


def alone(project: Path, mine: Path) -> bool:
    """Whether no other publication is running in this project (its scratch folder is locked)."""
    base = scratch_root(project)
    return not any(f != mine and f.is_dir() and _in_use(f) for f in base.iterdir())


@contextmanager
def scratch_folder(project: Path) -> Iterator[Path]:
    """A fresh folder for one publication, locked while it runs; left-overs of killed runs are removed first."""
    base = scratch_root(project)
    base.mkdir(parents=True, exist_ok=True)
    remove_stale(base)
    try:
        fresh = Path(tempfile.mkdtemp(prefix=NEW, dir=base))
    except OSError as error:  # name the folder that refused, not the random name tried in it
        raise OSError(error.errno, error.strerror, str(base)) from None
    folder = fresh
    lock = open(fresh / LOCK, "w")  # noqa: SIM115 - held for the whole publication
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        folder = fresh.rename(base / f"{os.getpid()}-{fresh.name.removeprefix(NEW)}")
        yield folder
    finally:
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale(base: Path) -> list[Path]:
    """Remove the scratch folders no running publication holds; returns them."""
    removed = []
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        if folder.is_dir() and not folder.is_symlink() and not _in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _in_use(folder: Path) -> bool:
    if folder.name.startswith(NEW):
        with suppress(OSError):
            return time.time() - folder.stat().st_mtime < NEW_GRACE_SECONDS
        return False
    try:
        lock = open(folder / LOCK)  # noqa: SIM115
    except FileNotFoundError:  # killed while being removed
        return False
    except OSError:
        return True  # cannot tell: keep it
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False
