"""The site of an edition kept between builds, so that a rebuild with unchanged data renders nothing again.

Its key names everything the site is made of: the content of each edition shown (the knowledge bases' own keys),
the code and templates of `cadre`, the project's diagram definitions, the versions of the libraries that write
the files, and the site's settings. The entry holds the generated text files; the diagrams and PDFs are
referenced by their own cache keys and read back from there (never stored twice). Any missing piece, and the
site is built again.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from cadre.cache import ContentCache, content_key

if TYPE_CHECKING:
    from cadre.site.context import BuildContext

KIND = "sites"
KEPT = 2  # site entries kept besides the current one (an entry is as large as the pages)
_CODE = Path(__file__).resolve().parents[1]  # the `cadre` package: code, templates, stylesheets
_LIBRARIES = ("markdown", "nh3", "jinja2", "pydantic", "pyyaml", "diagrams", "weasyprint")


@dataclass(frozen=True)
class KeptSite:
    files: dict[str, str | bytes]  # every file of the site, those held elsewhere read back from their entries
    banner: dict[str, object]
    stored: dict[str, tuple[str, str]]  # path -> (cache kind, key) of the files held by their own entries


def site_key(ctx: BuildContext) -> str | None:
    """The key of the site `ctx` describes, or None when it cannot be named (no cache, an edition without key)."""
    editions = [kb.cle for kb in ctx.editions]
    if ctx.cache.root is None or not all(editions):
        return None
    return content_key(*editions, str(ctx.annee), repr(ctx.settings), str(ctx.apercu),
                       _code_fingerprint(ctx.settings.project / "diagrams"))


def read_site(cache: ContentCache, key: str) -> KeptSite | None:
    data = cache.read(KIND, key, ".pickle")
    if data is None:
        return None
    try:
        files, banner, stored = pickle.loads(data)
    except Exception:  # a damaged or foreign entry: build again
        return None
    for path, (kind, entry) in stored.items():
        content = cache.read(kind, entry, Path(path).suffix)
        if content is None:  # pruned since: build again
            return None
        files[path] = content.decode() if path.endswith(".svg") else content
    return KeptSite(files, banner, stored)


def write_site(cache: ContentCache, key: str, files: dict[str, str | bytes], banner: dict[str, object],
               stored: dict[str, tuple[str, str]]) -> None:
    own = {path: content for path, content in files.items() if path not in stored}
    cache.write(KIND, key, ".pickle", pickle.dumps((own, banner, stored), protocol=pickle.HIGHEST_PROTOCOL))
    cache.keep_latest(KIND, KEPT + 1)


def _code_fingerprint(diagrams: Path) -> str:
    """Read again at each build (a few milliseconds): a template edited under `mkdocs serve` counts at once."""
    sources = sorted(p for p in _CODE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".html"))
    definitions = sorted(diagrams.glob("*.py")) if diagrams.is_dir() else []
    return content_key(*(p.read_bytes() for p in [*sources, *definitions]), *map(_version, _LIBRARIES))


def _version(library: str) -> str:
    try:
        return f"{library} {version(library)}"
    except PackageNotFoundError:
        return f"{library} absent"
