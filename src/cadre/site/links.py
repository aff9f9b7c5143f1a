"""From permalinks (derived from ids by `KnowledgeBase.url`) to the Markdown files that hold them.

Links between pages are written as relative links to Markdown files so that MkDocs checks each one at
build time (a broken link fails `mkdocs build --strict`) and rewrites it for the deployed URL layout.
"""

from __future__ import annotations

from functools import lru_cache

# permalinks ending with "/" that are section overviews: their source is <folder>/index.md, not <folder>.md
SECTION_INDEXES = frozenset({"", "referentiels/", "socle/", "principes/", "acteurs/", "textes/"})


def source_of(url: str) -> tuple[str, str]:
    """The Markdown source file and the anchor of a site URL such as « referentiels/ci-sis/ » or « programmes/#p1 »."""
    path, _, anchor = url.partition("#")
    if path in SECTION_INDEXES:
        return path + "index.md", anchor
    return path.rstrip("/") + ".md", anchor


def relative(from_file: str, url: str) -> str:
    """The link to write in `from_file` (a docs-relative source path) to reach `url`."""
    target, anchor = source_of(url)
    if target == from_file and anchor:
        return f"#{anchor}"  # same page: a bare anchor keeps the reader on the page
    link = _relative_path(from_file.rpartition("/")[0], target)
    return f"{link}#{anchor}" if anchor else link


@lru_cache(maxsize=4096)
def _relative_path(from_folder: str, target: str) -> str:
    """posixpath.relpath for docs-relative paths, without its file-system calls (thousands per build)."""
    here = from_folder.split("/") if from_folder else []
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
