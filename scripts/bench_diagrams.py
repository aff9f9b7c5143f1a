"""Benchmark: drawing the architecture diagrams of the newest edition, cold then warm. Prints figures.

Cold: an empty cache, so every diagram (the edition-wide ones and one context diagram per fact sheet and
service page) is drawn by `diagrams` + Graphviz, including the import of `diagrams`. Warm: the same cache
again, as in a rebuild with unchanged data: nothing is drawn, each SVG is read back by its hash.
Run: python scripts/bench_diagrams.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from cadre.loading.knowledge import KnowledgeBase
from cadre.site.context import current_knowledge_base
from cadre.site.figures import Figure, FigureCache, load_definitions

ROOT = Path(__file__).resolve().parents[1]


def figures(kb: KnowledgeBase) -> list[Figure]:
    result = []
    for definition in load_definitions(ROOT / "diagrams"):
        if definition.build:
            result.append(definition.build(kb))
        if definition.build_for:
            result += [definition.build_for(kb, kind, e.id) for kind in definition.entity_kinds for e in kb.all(kind)]
    return result


def run(cache_dir: Path, kb: KnowledgeBase, label: str) -> None:
    started = time.perf_counter()
    built = figures(kb)
    defined = time.perf_counter() - started
    cache = FigureCache(cache_dir)
    cache.svgs(built)
    total = time.perf_counter() - started
    print(f"{label:5} : {total:6.2f} s au total ({defined:.2f} s pour décrire les figures) — {cache.stats.summary()}")


def main() -> int:
    started = time.perf_counter()
    kb = current_knowledge_base(ROOT)
    print(f"base de connaissances {kb.edition.annee} chargée en {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="bench-diagrammes-") as tmp:
        run(Path(tmp), kb, "froid")
        run(Path(tmp), kb, "chaud")
    return 0


if __name__ == "__main__":
    sys.exit(main())
