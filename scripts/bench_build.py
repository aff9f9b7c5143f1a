"""Benchmark of the site build. Prints figures; it is not a timed test.

    python scripts/bench_build.py [--runs 3] [--scale 10] [--full]

For the real edition (1×) and a synthetic, clearly fictional edition (`--scale`×, generated into a temporary
folder by scripts/synthetic_edition.py):
- the build time of the site (MkDocs + Material + the macros plugin + macros/hooks.py, median of --runs);
- the build time of the very same pages pre-rendered to plain Markdown, built by MkDocs + Material alone;
- their ratio (targets: ≤ 1.20 at 1×, ≤ 1.05 at 10×);
- the median HTML size of an entity page (target: 10× within 1.5× of 1×);
- the time `mkdocs serve` takes to show a one-field data edit.
With --full, also the build time of the project's whole mkdocs.yml (every helper's hooks: diagrams, exports…).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import synthetic_edition  # noqa: E402

ENTITY_FOLDERS = ("referentiels", "socle", "principes", "acteurs", "textes")
SITE_HOOK = "macros/hooks.py"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it carries MkDocs tags (!ENV, !!python/name:…): kept as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: loader.construct_scalar(node)
                                      if isinstance(node, yaml.ScalarNode) else None)


def project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)


def write_config(folder: Path, docs_dir: Path, with_site_layer: bool) -> Path:
    """A copy of mkdocs.yml in `folder`: the site layer (macros + the site hook) or plain MkDocs + Material."""
    config = project_config()
    config["docs_dir"] = str(docs_dir)
    config["strict"] = False  # nav entries of other helpers' pages are absent from both variants alike
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "overrides"))
    plugins = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "macros" in p)]
    if with_site_layer:
        config["hooks"] = [str(ROOT / SITE_HOOK)]
        macros = next(p for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
        plugins.append(macros)
        (folder / "macros").symlink_to(ROOT / "macros")  # the macros plugin imports its module from the config's folder
    else:
        config.pop("hooks", None)
    config["plugins"] = plugins
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def env_for(data: Path, year: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", CADRE_DATA=str(data), CADRE_EDITION=year)


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the build process: steadier on a busy machine


def timed_build(config: Path, out: Path, env: dict[str, str]) -> Timing:
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                            env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"échec de la construction ({config}) :\n{result.stderr[-3000:]}")
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def compare(configs: list[Path], outs: list[Path], env: dict[str, str], runs: int) -> list[Timing]:
    """Median timings of each config, runs interleaved so that a busy moment hits both alike."""
    timings: list[list[Timing]] = [[] for _ in configs]
    for _ in range(runs):
        for i, (config, out) in enumerate(zip(configs, outs, strict=True)):
            timings[i].append(timed_build(config, out, env))
    return [Timing(statistics.median(t.wall for t in ts), statistics.median(t.cpu for t in ts)) for ts in timings]


def prerender(config: Path, env: dict[str, str], dump: Path) -> None:
    """Write every page's final Markdown (after macros and hooks) and the static files into `dump`."""
    code = f"""
import sys, yaml
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from mkdocs.plugins import BasePlugin, event_priority
dump = Path({str(dump)!r})
class Dump(BasePlugin):
    @event_priority(-1000)
    def on_page_markdown(self, markdown, page, config, files):
        meta = {{k: v for k, v in page.meta.items() if k != "render_macros"}}
        head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" if meta else ""
        target = dump / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + markdown, encoding="utf-8")
        return markdown
    def on_post_build(self, config):
        for file in self.files:
            if not file.is_documentation_page() and file.abs_src_path:
                target = dump / file.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(Path(file.abs_src_path).read_bytes())
    @event_priority(-1000)
    def on_files(self, files, config):
        self.files = files
        return files
cfg = load_config({str(config)!r}, site_dir={str(dump.parent / "site-dump")!r})
cfg.plugins["bench-dump"] = Dump()
build(cfg)
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=config.parent)


def entity_page_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for folder in ENTITY_FOLDERS for p in (site / folder).glob("*/index.html")]


def serve_rebuild_time(config: Path, data: Path, year: str) -> float:
    """Seconds between saving a one-field edit of a fact sheet and `mkdocs serve` showing it."""
    copy = Path(tempfile.mkdtemp(prefix="cadre-bench-serve-")) / "data"
    shutil.copytree(data, copy)
    sheet = next(iter(sorted((copy / "editions" / year / "referentiels").glob("*.yaml"))))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/referentiels/{sheet.stem}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=config.parent,
                              env=env_for(copy, year), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, "", 600)
        raw = yaml.safe_load(sheet.read_text(encoding="utf-8"))
        marker = "Modification de banc d'essai"
        text = sheet.read_text(encoding="utf-8").replace(f"nom: {raw['nom']}", f"nom: {raw['nom']} {marker}", 1)
        start = time.perf_counter()
        sheet.write_text(text, encoding="utf-8")
        _wait(url, marker, 600)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(copy.parent, ignore_errors=True)


def _wait(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"délai dépassé en attendant {url}")


def measure(label: str, data: Path, year: str, runs: int, serve: bool) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    try:
        env = env_for(data, year)
        (work / "site").mkdir()
        (work / "plain").mkdir()
        site_config = write_config(work / "site", ROOT / "docs", with_site_layer=True)
        dump = work / "dump"
        prerender(site_config, env, dump)
        plain_config = write_config(work / "plain", dump, with_site_layer=False)
        site, plain = compare([site_config, plain_config], [work / "out-site", work / "out-plain"], env, runs)
        sizes = entity_page_sizes(work / "out-site")
        pages = len(list((work / "out-site").rglob("index.html")))
        figures = {"ratio": site.cpu / plain.cpu, "wall_ratio": site.wall / plain.wall,
                   "median": statistics.median(sizes)}
        print(f"{label} : {pages} pages dont {len(sizes)} pages d'entité (médiane de {runs} construction(s))")
        print(f"  construction du site (macros + hook)      : {site.wall:6.2f} s horloge, {site.cpu:6.2f} s CPU")
        print(f"  mêmes pages en Markdown, MkDocs + Material : {plain.wall:6.2f} s horloge, {plain.cpu:6.2f} s CPU")
        print(f"  rapport (CPU ; horloge)                    : {figures['ratio']:6.3f} ; {figures['wall_ratio']:.3f}")
        print(f"  taille médiane d'une page d'entité         : {figures['median'] / 1024:6.1f} Ko")
        if serve:
            rebuild = serve_rebuild_time(site_config, data, year)
            print(f"  mkdocs serve, modification d'un champ → page à jour : {rebuild:.2f} s")
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--full", action="store_true", help="mesurer aussi mkdocs.yml complet (tous les hooks)")
    args = parser.parse_args(argv)
    data, year = ROOT / "data", max((p.name for p in (ROOT / "data" / "editions").iterdir() if p.name.isdigit()),
                                    key=int)
    one = measure(f"Édition {year} (1×)", data, year, args.runs, serve=True)
    synthetic = Path(tempfile.mkdtemp(prefix="cadre-synthetique-"))
    try:
        synthetic_edition.write(synthetic_edition.generate(args.scale, 2090), synthetic / "editions" / "2090")
        many = measure(f"Édition synthétique ({args.scale}×)", synthetic, "2090", args.runs, serve=False)
        print(f"Taille médiane d'une page d'entité, {args.scale}× / 1× : {many['median'] / one['median']:.2f}"
              " (cible ≤ 1,5)")
        print(f"Cibles du rapport (CPU) : 1× ≤ 1,20 → {one['ratio']:.3f} ; "
              f"{args.scale}× ≤ 1,05 → {many['ratio']:.3f}")
        if args.full:
            full = timed_build(ROOT / "mkdocs.yml", Path(tempfile.mkdtemp()) / "site", env_for(data, year))
            print(f"Construction de mkdocs.yml complet (tous les hooks), 1× : {full.wall:.2f} s horloge, "
                  f"{full.cpu:.2f} s CPU")
    finally:
        shutil.rmtree(synthetic, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
