"""Benchmark of the whole site build against plain MkDocs + Material. Prints figures; it is not a timed test.

    python scripts/bench_build.py [--scales 1,10,100] [--runs 1] [--pdf-edition-max 10] [--reelle]

For each scale, a synthetic, clearly fictional edition N× the 2016 entity counts is written into a temporary
folder (scripts/synthetic_edition.py; never under data/); with --reelle, the newest real edition too. Then:
- cold: `mkdocs build --strict` of the project (CADRE_DATA / CADRE_EDITION / CADRE_CACHE) with an empty cache, so
  every diagram is drawn and every fact sheet PDF printed; the whole-edition PDF is left out
  (CADRE_PDF_EDITION=non) and timed apart, by a build that makes it too (up to --pdf-edition-max: its layout
  takes minutes at 10×), from the processor seconds of the worker that lays it out;
- warm: the same build again on the same cache (nothing drawn or printed: checked in the build log);
- plain: the very same pages written as a plain docs folder (`cadre export-docs`), built by MkDocs + Material alone.
Printed: wall and CPU seconds (CPU of the build and every process it waited for), ratios to plain, time per page,
median and largest entity page (HTML), peak memory (largest resident set of the build's processes), the number of
PDFs and diagrams, the split of the cold build from the log lines the build prints, and what dominates.
On a shared machine, wall time varies with the load of others: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_edition  # noqa: E402

from cadre.editions.catalogue import edition_years  # noqa: E402
from cadre.model.kinds import KINDS, Layout, page_kinds  # noqa: E402

YEAR = 2090  # of the synthetic editions
TARGETS = "cibles : tout réussit ; chaud ≤ 1,2× ; froid ≤ 3× à 10× et 100× ; temps par page plat ; pages < 100 Ko"

# log lines of the build (macros/hooks.py, cadre.site.source): seconds on the clock, then processor seconds
STAGES = {
    "validation": re.compile(r"validation : \d+ édition\(s\) en ([\d.]+) s(?:, ([\d.]+) s CPU)?"),
    "diagrammes": re.compile(r"\d+ diagramme\(s\) : \d+ rendu\(s\), \d+ repris du cache \(([\d.]+) s"
                             r"(?:, ([\d.]+) s CPU)?\)"),
    "pages": re.compile(r"pages : \d+ page\(s\) en ([\d.]+) s(?:, ([\d.]+) s CPU)?"),
    "html des PDF": re.compile(r"HTML des documents : ([\d.]+) s"),
    # the PDFs are printed in worker processes while the pages are written and MkDocs renders them: what the
    # build waits for them is the part they add (a build printing them in line logs no wait: all of it counts)
    "attente des PDF": re.compile(r"attente des PDF : ([\d.]+) s"),
}
PRINTING = re.compile(r"PDF : \d+ rendu\(s\), \d+ depuis le cache \(([\d.]+) s\)")
DIAGRAMS = re.compile(r"(\d+) diagramme\(s\) : (\d+) rendu\(s\), (\d+) repris du cache")
PDFS = re.compile(r"PDF : (\d+) rendu\(s\), (\d+) depuis le cache")
WHOLE_PDF = re.compile(r"PDF de l'édition entière : rendu \(([\d.]+) s (?:CPU )?de mise en page\)")
SHEETS = re.compile(r"PDF des fiches : (\d+) rendue\(s\) \(([\d.]+) s (?:CPU )?de mise en page\)")


@dataclass(frozen=True)
class Run:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the build and of every process it waited for
    peak_mb: float  # largest resident set among them
    log: str
    load: float = 0.0  # the machine's load average when it ended: wall times of a busy machine are longer

    def stage(self, name: str, cpu: bool = False) -> float:
        """Seconds of a stage in the build log (processor seconds with `cpu`, when the build logs them)."""
        match = STAGES[name].search(self.log)
        if match is None and name == "attente des PDF":  # printed in line: the whole printing is waited for
            match = PRINTING.search(self.log)
        if match is None or (cpu and (match.lastindex or 0) < 2):
            return 0.0
        return float(match.group(2 if cpu else 1) or 0.0)

    @property
    def sheets_cpu(self) -> float:
        match = SHEETS.search(self.log)
        return float(match.group(2)) if match else 0.0

    @property
    def printing(self) -> float:
        match = PRINTING.search(self.log)
        return float(match.group(1)) if match else 0.0


@dataclass
class Scale:
    label: str
    pages: int = 0
    entity_kb: list[float] = field(default_factory=list)
    cold: Run | None = None
    warm: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    whole_pdf: Run | None = None
    pdfs: int = 0
    diagrams: int = 0
    problems: list[str] = field(default_factory=list)


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def environment(data: Path, year: int, cache: Path, whole_pdf: bool = False) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_EDITION=str(year),
                CADRE_CACHE=str(cache), CADRE_PDF_EDITION="oui" if whole_pdf else "non")


def measured(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a command to its end; its wall time, and (wait4) the CPU and peak memory of it and its descendants."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        log = output.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"échec de {' '.join(command)} :\n{log[-4000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, log, os.getloadavg()[0])


def mkdocs(config: Path, out: Path, env: dict[str, str]) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)], env,
                    config.parent)


def entity_pages(site: Path, edition: Path) -> list[Path]:
    """The built page of every entity that has one (ids are the stems of the one-per-file kinds' files)."""
    pages = []
    for name in page_kinds():
        kind = KINDS[name]
        if kind.layout is Layout.ONE_PER_FILE:
            pages += [site / kind.url(f.stem) / "index.html" for f in sorted((edition / kind.source).glob("*.yaml"))]
    return pages


def measure(label: str, data: Path, year: int, work: Path, runs: int, whole_pdf: bool) -> Scale:
    result = Scale(label)
    cache, site, plain_site, folder = work / "cache", work / "site", work / "site-ordinaire", work / "ordinaire"
    shutil.rmtree(cache, ignore_errors=True)
    project = ROOT / "mkdocs.yml"
    say(f"{label} : construction à froid (cache vide : chaque diagramme dessiné, chaque fiche PDF imprimée)…")
    result.cold = mkdocs(project, site, environment(data, year, cache))
    say(f"  {result.cold.wall:.1f} s, {result.cold.cpu:.1f} s CPU ; {_drawn(result.cold)}")
    result.pages = sum(1 for _ in site.rglob("*.html"))
    sizes = [p.stat().st_size / 1024 for p in entity_pages(site, data / "editions" / str(year))]
    result.entity_kb = sizes
    result.pdfs = len(list((site / "pdf").glob("*.pdf")))
    result.diagrams = len(list((site / "architecture").rglob("*.svg")))
    say(f"{label} : dossier docs ordinaire (cadre export-docs, même cache)…")
    measured([sys.executable, "-m", "cadre.cli", "--data", str(data), "export-docs", str(folder), "--edition",
              str(year), "--cache", str(cache), "--sans-pdf-edition"], environment(data, year, cache), ROOT)
    for run in range(runs):  # interleaved, so that a busy moment of the machine hits both alike
        say(f"{label} : construction à chaud {run + 1}/{runs}…")
        result.warm.append(mkdocs(project, site, environment(data, year, cache)))
        say(f"  {result.warm[-1].wall:.1f} s, {result.warm[-1].cpu:.1f} s CPU ; {_drawn(result.warm[-1])}")
        say(f"{label} : MkDocs + Material seuls, mêmes pages {run + 1}/{runs}…")
        result.plain.append(mkdocs(folder / "mkdocs.yml", plain_site, environment(data, year, cache)))
        say(f"  {result.plain[-1].wall:.1f} s, {result.plain[-1].cpu:.1f} s CPU")
    for warm in result.warm:
        drawn = DIAGRAMS.search(warm.log)
        printed = PDFS.search(warm.log)
        if not drawn or int(drawn.group(2)) or not printed or int(printed.group(1)):
            result.problems.append(f"construction à chaud : {_drawn(warm)}")
    if whole_pdf:
        say(f"{label} : PDF de l'édition entière seul (tout le reste depuis le cache)…")
        result.whole_pdf = mkdocs(project, site, environment(data, year, cache, whole_pdf=True))
        say(f"  {result.whole_pdf.wall:.1f} s")
    return result


def _drawn(run: Run) -> str:
    drawn, printed = DIAGRAMS.search(run.log), PDFS.search(run.log)
    return (f"{drawn.group(2) if drawn else '?'} diagramme(s) dessiné(s), "
            f"{printed.group(1) if printed else '?'} PDF imprimé(s)")


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_mb for r in runs), runs[0].log, statistics.median(r.load for r in runs))


def report(scales: list[Scale]) -> None:
    load = os.getloadavg()
    print(f"\nMachine : {len(os.sched_getaffinity(0))} cœur(s), charge moyenne {load[0]:.1f} / {load[1]:.1f} / "
          f"{load[2]:.1f} (1 / 5 / 15 min) à la fin des mesures")
    print(f"\n{'':34}" + "".join(f"{s.label:>22}" for s in scales))

    def row(name: str, values: list[str]) -> None:
        print(f"{name:34}" + "".join(f"{v:>22}" for v in values))

    def runs(s: Scale) -> tuple[Run, Run, Run]:
        assert s.cold
        return s.cold, median(s.warm), median(s.plain)

    row("pages HTML", [str(s.pages) for s in scales])
    row("PDF (fiches) ; diagrammes", [f"{s.pdfs} ; {s.diagrams}" for s in scales])
    for index, name in enumerate(("froid", "chaud", "MkDocs + Material seuls")):
        row(f"{name} : horloge / CPU (s)", [f"{runs(s)[index].wall:.1f} / {runs(s)[index].cpu:.1f}" for s in scales])
    for index, name in ((0, "froid"), (1, "chaud")):
        row(f"rapport {name} / seuls (horloge ; CPU)",
            [f"{runs(s)[index].wall / runs(s)[2].wall:.2f} ; {runs(s)[index].cpu / runs(s)[2].cpu:.2f}"
             for s in scales])
    for index, name in enumerate(("froid", "chaud", "seuls")):
        row(f"ms par page, {name} (horloge ; CPU)",
            [f"{1000 * runs(s)[index].wall / s.pages:.0f} ; {1000 * runs(s)[index].cpu / s.pages:.0f}" for s in scales])
    row("page d'entité médiane ; max (Ko)",
        [f"{statistics.median(s.entity_kb):.1f} ; {max(s.entity_kb):.1f}" for s in scales])
    row("charge machine froid / chaud / seuls", [" / ".join(f"{r.load:.1f}" for r in runs(s)) for s in scales])
    row("mémoire max froid / chaud / seuls", [" / ".join(f"{r.peak_mb:.0f}" for r in runs(s)) + " Mo"
                                              for s in scales])
    for label, pick in (("froid", lambda s: s.cold), ("chaud", lambda s: median(s.warm))):
        print(f"\nRépartition de la construction à {label} (d'après son journal ; secondes d'horloge / CPU) :")
        for name in STAGES:
            row(f"  {name}", [_split(pick(s), name) for s in scales])
        row("  fiches PDF, en parallèle (CPU)", [f"{pick(s).sheets_cpu:.1f}" for s in scales])
        row("  MkDocs, thème, démarrage (reste)", [f"{_rest(pick(s)):.1f} / {_rest_cpu(pick(s)):.1f}"
                                                    for s in scales])
    row("impression des PDF à froid (durée)", [f"{s.cold.printing:.1f}" if s.cold else "" for s in scales])
    row("PDF de l'édition entière, à part", [_whole(s) for s in scales])
    print()
    for s in scales:
        cold, warm, plain = runs(s)
        print(f"{s.label}, part du temps processeur — à froid : {_dominant(cold)}")
        print(f"{' ' * len(s.label)}  à chaud : {_dominant(warm)}")
        for problem in s.problems:
            print(f"  PROBLÈME : {problem}")
    print(f"\n{TARGETS}")
    for s in scales:
        cold, warm, plain = runs(s)
        print(f"{s.label} : chaud {warm.wall / plain.wall:.2f}× ({_met(warm.wall <= 1.2 * plain.wall)}) ; "
              f"froid {cold.wall / plain.wall:.2f}× ({_met(cold.wall <= 3 * plain.wall)}) ; "
              f"page d'entité max {max(s.entity_kb):.0f} Ko ({_met(max(s.entity_kb) < 100)})")


def _met(condition: bool) -> str:
    return "atteinte" if condition else "manquée"


def _split(run: Run, name: str) -> str:
    cpu = run.stage(name, cpu=True)
    return f"{run.stage(name):.1f}" + (f" / {cpu:.1f}" if cpu else "")


def _whole(s: Scale) -> str:
    if s.whole_pdf is None:
        return "non mesuré"
    match = WHOLE_PDF.search(s.whole_pdf.log)  # the processor seconds of its worker
    return f"{float(match.group(1)):.0f} s CPU, {s.whole_pdf.peak_mb:.0f} Mo" if match else "?"


def _rest(run: Run) -> float:
    return run.wall - sum(run.stage(name) for name in STAGES)


def _rest_cpu(run: Run) -> float:
    whole = WHOLE_PDF.search(run.log)
    return (run.cpu - sum(run.stage(name, cpu=True) for name in STAGES) - run.sheets_cpu
            - (float(whole.group(1)) if whole else 0.0))


def _dominant(run: Run) -> str:
    """The stage with the most processor seconds (the clock mixes in the machine's other work)."""
    parts = {name: run.stage(name, cpu=True) for name in ("validation", "diagrammes", "pages")}
    parts |= {"fiches PDF": run.sheets_cpu, "MkDocs (Markdown, thème, recherche) et démarrage": _rest_cpu(run)}
    total = sum(parts.values()) or 1.0
    ranked = sorted(parts, key=lambda name: -parts[name])
    return " ; ".join(f"{name} {100 * parts[name] / total:.0f} %" for name in ranked[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="échelles, séparées par des virgules (défaut : 1,10,100)")
    parser.add_argument("--runs", type=int, default=1, help="constructions à chaud et ordinaires (médiane)")
    parser.add_argument("--pdf-edition-max", type=int, default=10,
                        help="plus grande échelle où mesurer le PDF de l'édition entière (défaut : 10)")
    parser.add_argument("--reelle", action="store_true", help="mesurer aussi l'édition réelle la plus récente")
    parser.add_argument("--garder", type=Path, help="dossier de travail à conserver (défaut : temporaire)")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    work = args.garder or Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    results = []
    try:
        if args.reelle:
            year = edition_years(ROOT / "data")[-1]
            results.append(measure(f"réelle {year}", ROOT / "data", year, work / "reelle", args.runs, True))
        for scale in scales:
            data = work / f"donnees-{scale}x"
            if not (data / "editions" / str(YEAR)).is_dir():
                say(f"{scale}× : écriture de l'édition synthétique…")
                synthetic_edition.write(synthetic_edition.generate(scale, YEAR), data / "editions" / str(YEAR))
            results.append(measure(f"{scale}×", data, YEAR, work / f"{scale}x", args.runs,
                                   scale <= args.pdf_edition_max))
        report(results)
    finally:
        if args.garder is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
