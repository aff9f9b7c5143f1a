"""Diagram definitions: one module per diagram in the project's `diagrams/` folder, imported by path."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from cadre.loading.knowledge import KnowledgeBase
from cadre.model.kinds import KINDS
from cadre.site.figures.model import Figure


@dataclass(frozen=True)
class Definition:
    name: str
    title: str
    order: int
    introduction: str  # Markdown shown above the diagram: what it shows, for a reader new to the framework
    build: Callable[[KnowledgeBase], Figure] | None  # a diagram of the whole edition
    build_for: Callable[[KnowledgeBase, str, str], Figure] | None = None  # a diagram per entity
    entity_kinds: tuple[str, ...] = ()


def load_definitions(folder: Path) -> list[Definition]:
    """Import each `*.py` of `folder` by path (the folder is not a package, so it never shadows the
    `diagrams` library) and read its TITRE, ORDRE, INTRODUCTION and `figure` / `figure_entite`."""
    definitions = [_definition(path) for path in sorted(folder.glob("*.py")) if not path.name.startswith("_")]
    return sorted(definitions, key=lambda d: (d.order, d.name))


def _definition(path: Path) -> Definition:
    module = _import(path)
    kinds = tuple(getattr(module, "KINDS_ENTITE", ()))
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"{path}: KINDS_ENTITE cite une sorte d'entité inconnue « {kind} »")
    return Definition(
        name=path.stem,
        title=module.TITRE,
        order=module.ORDRE,
        introduction=module.INTRODUCTION,
        build=getattr(module, "figure", None),
        build_for=getattr(module, "figure_entite", None),
        entity_kinds=kinds,
    )


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"cadre_diagramme_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"impossible de charger la définition de diagramme {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module




def sibling(module_file: str, name: str) -> ModuleType:
    """Another definition of the same folder (definitions are files, not a package)."""
    return _import(Path(module_file).with_name(f"{name}.py"))
