"""Benchmark: drawing the architecture diagrams of an edition, cold then warm. Prints figures; not a timed test.

    python scripts/bench_diagrams.py [--scale N]

Cold: an empty cache, so every diagram (the edition-wide ones and one context diagram per fact sheet and
service page) is drawn by `diagrams` + Graphviz, including the import of `diagrams`. Warm: the same cache
again, as in a rebuild with unchanged data: nothing is drawn, each SVG is read back by its content key.
Without --scale, the newest edition of data/; with it, a synthetic, clearly fictional edition N× the 2016 counts
(scripts/synthetic_edition.py), written into a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from cadre.cache import ContentCache
from cadre.editions.catalogue import edition_years
from cadre.loading.knowledge import KnowledgeBase, load_knowledge_base
from cadre.site.figures import Figure, RenderStats, draw_all, load_definitions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_edition  # noqa: E402


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
    problems = [f"{f.name} : {p}" for f in built for p in f.problems()]
    if problems:
        raise SystemExit("figures impossibles à dessiner :\n" + "\n".join(problems[:20]))
    stats = RenderStats()
    draw_all(built, ContentCache(cache_dir), stats)
    total = time.perf_counter() - started
    print(f"{label:5} : {total:6.2f} s au total ({defined:.2f} s pour décrire les figures) — {stats.summary()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, help="édition synthétique N× les effectifs de 2016 (défaut : data/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-diagrammes-") as tmp:
        data, year = ROOT / "data", edition_years(ROOT / "data")[-1]
        if args.scale:
            data, year = Path(tmp) / "donnees", 2090
            synthetic_edition.write(synthetic_edition.generate(args.scale, year), data / "editions" / str(year))
        started = time.perf_counter()
        kb = load_knowledge_base(data, year)
        print(f"base de connaissances {kb.edition.annee} chargée en {time.perf_counter() - started:.2f} s")
        run(Path(tmp) / "cache", kb, "froid")
        run(Path(tmp) / "cache", kb, "chaud")
    return 0


if __name__ == "__main__":
    sys.exit(main())
