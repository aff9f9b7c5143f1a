"""The site of an edition as a plain docs folder, for any engine: proof that its content needs no hook.

The folder holds every generated file, the hand-written pages with their macros already rendered, the theme
overrides, and a minimal `mkdocs.yml`: the project's own settings without `hooks:` and without the macros plugin,
the edition's status written in `extra`. Plain MkDocs + Material builds it as it is (and so may another engine).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from cadre.site.handwritten import render_page
from cadre.site.navigation import splice
from cadre.site.source import SiteSource

CONFIG = "mkdocs.yml"


def write_docs_folder(site: SiteSource, project: Path, target: Path) -> Path:
    """Write the folder into `target` (emptied first) and return the path of its mkdocs.yml."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    _handwritten(site, project / "docs", docs)
    for path, content in site.files.items():
        destination = docs / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            destination.write_bytes(content)
        else:
            destination.write_text(content, encoding="utf-8")
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", target / "overrides")
    config = target / CONFIG
    config.write_text(yaml.safe_dump(plain_config(site, project), allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return config


def _handwritten(site: SiteSource, source: Path, docs: Path) -> None:
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = file.relative_to(source).as_posix()
        destination = docs / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if file.suffix == ".md":
            text = render_page(file.read_text(encoding="utf-8"), relative, site.macros)
            destination.write_text(text, encoding="utf-8")
        else:
            shutil.copy2(file, destination)


def plain_config(site: SiteSource, project: Path) -> dict:
    """The project's mkdocs.yml without hooks nor the macros plugin; the edition's status in `extra`, the
    entity pages in its navigation."""
    config = yaml.safe_load((project / CONFIG).read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config.get("plugins", []) if not (p == "macros" or
                                                                    (isinstance(p, dict) and "macros" in p))]
    config.setdefault("extra", {})["cadre_edition"] = site.banner
    config["nav"] = splice(config.get("nav"), site.nav)  # the entity pages in their sections, as the hook does
    return config
