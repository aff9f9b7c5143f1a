"""Editions side by side in the data: data/editions/<year>/."""

from __future__ import annotations

from pathlib import Path


def edition_years(data_dir: Path) -> list[str]:
    """Years of the editions present, oldest first."""
    folder = data_dir / "editions"
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), key=int)
