"""Which entries of the data folder are data, and which are errors: misnamed editions, links, special files.

`edition_files` walks one edition folder without following links (files.walk) and returns its regular files by
relative path, with an error for every link, special file and file the layout does not know. `misnamed_editions`
does the same for `data/editions/` itself: an edition is a real folder named by four ASCII digits; « ２０１７ »
(full-width digits) or « 2017 » followed by a space would otherwise be taken as an edition or silently ignored.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from cadre.loading.errors import Code, DataError, Location, shorten, suggestion
from cadre.loading.files import Entry, describe, entries, walk
from cadre.model.kinds import EDITION_FILE, KINDS, Layout

EDITION_NAME = re.compile(r"[0-9]{4}")  # ASCII digits only (re's [0-9], unlike str.isdigit, means 0 to 9)


def edition_files(root: Path) -> tuple[dict[str, Path], list[DataError]]:
    """The regular files of an edition folder by relative path, and the errors of what is not data."""
    if root.is_symlink():  # the edition folder itself: never walked through (it could lead anywhere)
        return {}, [_not_regular(root.parent, Entry(root, os.lstat(root).st_mode))]
    found = walk(root, hidden=False)
    files = {e.path.relative_to(root).as_posix(): e.path for e in found if e.is_file}
    return files, [*(_not_regular(root, e) for e in found if not (e.is_file or e.is_dir)), *_unexpected(files)]


def misnamed_editions(data_dir: Path) -> list[DataError]:
    """Every entry of data/editions/ that is not an edition folder (hidden names excepted)."""
    folder = data_dir / "editions"
    errors = []
    for entry in entries(folder, hidden=False):
        if entry.is_dir and EDITION_NAME.fullmatch(entry.path.name):
            continue
        if not (entry.is_dir or entry.is_file):
            errors.append(_not_regular(folder, entry))
            continue
        name = entry.path.name
        close = unicodedata.normalize("NFKC", name).strip()
        hint = f" ; vouliez-vous dire « {close} » ?" if EDITION_NAME.fullmatch(close) else ""
        what = "dossier d'édition mal nommé" if entry.is_dir else "fichier inattendu parmi les éditions"
        errors.append(DataError(Location(entry.path, 1, 1), Code.EDITION_NAME, "edition", "",
                                f"{what} : il serait ignoré{hint}",
                                expected="un dossier nommé par l'année en quatre chiffres ASCII (ex. 2017)",
                                found=f"« {name[:40]} » ({_code_points(name)})"))
    return errors


def _code_points(name: str) -> str:
    """What the name is made of, since « ２０１７ » and « 2017 » look alike."""
    shown = " ".join(f"U+{ord(c):04X}" for c in name[:12])
    return shown + (" …" if len(name) > 12 else "")


def _not_regular(root: Path, entry: Entry) -> DataError:
    """A link (even to a file inside the data) or a special file: refused, never followed nor read."""
    rel = entry.path.relative_to(root).as_posix()
    target = f" → {shorten(_link_target(entry.path))}" if entry.is_link else ""
    return DataError(Location(entry.path, 1, 1), Code.NOT_REGULAR, "edition", "",
                     f"{describe(entry.mode)} refusé : les données ne sont lues que dans des fichiers ordinaires, "
                     "sans suivre de lien (mettre le fichier lui-même à cette place)",
                     expected="un fichier ordinaire", found=f"« {rel} »{target}")


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _unexpected(files: dict[str, Path]) -> list[DataError]:
    """A misspelled file or folder name would otherwise be ignored silently: its data lost."""
    known = {EDITION_FILE} | {k.source for k in KINDS.values() if k.layout is Layout.LIST}
    folders = {k.source for k in KINDS.values() if k.layout is Layout.ONE_PER_FILE}
    expected = sorted(known | {f"{folder}/<id>.yaml" for folder in folders})
    errors = []
    for rel, path in sorted(files.items()):
        parent, _, name = rel.rpartition("/")
        if rel in known or (parent in folders and name.endswith(".yaml")):
            continue
        errors.append(
            DataError(Location(path, 1, 1), Code.UNEXPECTED_FILE, "edition", "",
                      "fichier inattendu : son contenu serait ignoré" + suggestion(rel, expected),
                      expected="un des emplacements : " + ", ".join(expected), found=f"« {rel} »")
        )
    return errors
