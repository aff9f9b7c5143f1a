"""Benchmark: reading and validating data as editions grow. Prints figures; it is not a timed test.

Writes a synthetic, clearly fictional glossary list file (about 7 MB) into a temporary folder and times the
project's reader (libyaml's C parser + position tracking + duplicate-key check) against PyYAML's pure-Python
safe loader, then the full validation of the real 2016 edition.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import yaml

from cadre.loading.validate import validate_edition
from cadre.loading.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]


def synthetic_glossary(path: Path, entries: int) -> None:
    lines = []
    for i in range(entries):
        lines.append(f"- id: sigle-fictif-{i}\n  sigle: FICTIF{i}\n  definition: >-\n"
                     f"    Définition fictive numéro {i}, générée pour mesurer la lecture.\n"
                     f"  origine: texte\n  notes_editoriales:\n    - type: transcription\n"
                     f"      texte: Entrée fictive de banc d'essai.\n")
    path.write_text("".join(lines), encoding="utf-8")


def timed(label: str, action) -> float:
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    print(f"{label:<55} {elapsed:8.3f} s")
    return elapsed


def _read_without_error(path: Path) -> None:
    document, errors = read_yaml(path)
    if document is None or errors:
        raise SystemExit(f"lecture en erreur, mesure sans objet : {errors[:3]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "glossaire.yaml"
        synthetic_glossary(path, 28_000)
        size = path.stat().st_size / 1e6
        print(f"fichier synthétique : {size:.1f} Mo")
        ours = timed("lecture cadre (libyaml C + positions + doublons)", lambda: _read_without_error(path))
        text = path.read_text(encoding="utf-8")
        plain_c = timed("yaml.load libyaml (CSafeLoader), sans positions",
                        lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        pure = timed("yaml.load pur Python (SafeLoader)", lambda: yaml.load(text, Loader=yaml.SafeLoader))
        print(f"{'rapport pur Python / cadre':<55} {pure / ours:8.1f} ×")
        print(f"{'surcoût de cadre sur CSafeLoader (positions, doublons)':<55} {ours / plain_c:8.1f} ×")
    timed("validation complète de l'édition 2016 réelle", lambda: validate_edition(ROOT / "data/editions/2016"))


if __name__ == "__main__":
    main()
