"""Sizes of the pages of a built site, to check that entity pages stay bounded (prints figures; not a test).

    python scripts/page_sizes.py DOSSIER_DU_SITE [--limite 100]

For each folder of entity pages (referentiels, socle, principes, acteurs, textes): the number of pages, the
median and largest HTML size; then the largest pages of the whole site; pages above --limite kilobytes are named.
Build the site first, for instance of a synthetic edition (scripts/synthetic_edition.py --scale 100).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ENTITY_FOLDERS = ("referentiels", "socle", "principes", "acteurs", "textes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limite", type=float, default=100, help="taille maximale d'une page d'entité (Ko)")
    args = parser.parse_args(argv)
    over = []
    for folder in ENTITY_FOLDERS:
        pages = sorted((args.site / folder).glob("*/index.html"))
        if not pages:
            continue
        sizes = [p.stat().st_size / 1024 for p in pages]
        print(f"{folder:13} {len(pages):6} pages  médiane {statistics.median(sizes):7.1f} Ko  max {max(sizes):7.1f} Ko")
        over += [(s, p) for s, p in zip(sizes, pages, strict=True) if s > args.limite]
    everything = sorted(((p.stat().st_size / 1024, p) for p in args.site.rglob("index.html")), reverse=True)
    print("Pages les plus lourdes :")
    for size, path in everything[:5]:
        print(f"  {size:8.1f} Ko  {path.parent.relative_to(args.site).as_posix()}/")
    for size, path in over:
        print(f"AU-DELÀ DE {args.limite:g} Ko : {path.parent.relative_to(args.site).as_posix()}/ ({size:.1f} Ko)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
