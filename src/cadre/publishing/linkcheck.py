"""Link checks over a built site folder: internal links and anchors must resolve, external ones be well-formed.

Works on the HTML files alone (no server, no browser), so CI runs it on every build; checking that external
sites still answer needs the internet and is a separate, online command (`cadre liens --en-ligne`).

A site is one version of a versioned site: its pages link to sibling versions (`../latest/…`, the « édition en
vigueur » banner; `../2016/…`). `site_to_check` tells what to check for a folder: a whole gh-pages tree (its
`versions.json` beside the versions) is checked entirely; one version inside such a tree is checked within it; a
single build alone has no siblings, so its links to them are set apart, counted, not reported as broken.
"""

from __future__ import annotations

import posixpath
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# http(s), a host name (with a dot, or localhost), an optional port, then anything without spaces
_WELL_FORMED = re.compile(r"^https?://(?:[^\s/?#:@]+\.[^\s/?#:@]+|localhost)(?::\d+)?(?:[/?#]\S*)?$")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
VERSION_FOLDER = re.compile(r"latest|[0-9]{4}")  # the folders of a versioned site: an alias or an edition year


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self._base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.page.ids.add(values[key] or "")
        if tag in ("a", "link") and values.get("href") is not None:
            self.page.links.append(values["href"] or "")
        if tag in ("img", "script", "source", "iframe") and values.get("src"):
            self.page.links.append(values["src"] or "")


def parse(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector.page


@dataclass(frozen=True)
class Problem:
    page: str  # path of the page, relative to the site root
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} — {self.reason}"


def check_site(
    site: Path, ignore: tuple[str, ...] = (), absent: tuple[str, ...] = (), siblings: set[str] | None = None
) -> tuple[list[Problem], set[str]]:
    """Broken internal links and anchors, malformed external links; and the set of external URLs seen.

    `ignore`: pages not checked (path prefixes); `absent`: targets that exist only once the site is published
    (e.g. the version alias latest/ of a single edition built alone); `siblings`: when given, links to a sibling
    version folder that the site does not hold (`../latest/…`) are collected there instead of being reported.
    """
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    external: set[str] = set()
    for name, page in pages.items():
        if any(name.startswith(prefix) for prefix in ignore):
            continue
        for link in page.links:
            if siblings is not None and _sibling(site, name, link):
                siblings.add(link)
                continue
            problem = _check_link(site, pages, name, link, external)
            if problem and not _targets(name, link, absent):
                problems.append(Problem(name, link, problem))
    return problems, external


def site_to_check(folder: Path) -> tuple[Path, tuple[str, ...], bool]:
    """(root to read, page prefixes to leave out, whether sibling versions are absent) for `cadre liens FOLDER`."""
    if (folder / "versions.json").is_file():  # a whole gh-pages tree
        return folder, (), False
    here = folder.resolve()
    if (here.parent / "versions.json").is_file() and VERSION_FOLDER.fullmatch(here.name):
        others = tuple(f"{p.name}/" if p.is_dir() else p.name for p in here.parent.iterdir() if p.name != here.name)
        return here.parent, others, False
    return folder, (), True


def _sibling(site: Path, name: str, link: str) -> bool:
    """A link to another version of the site (../latest/x, /2016/x) that this folder does not hold."""
    if not link or link.startswith(("#", *SKIPPED_SCHEMES)) or re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I) \
            or link.startswith("//"):
        return False
    path = unquote(urlsplit(link).path)
    if not path:
        return False
    joined = posixpath.normpath(path if path.startswith("/") else posixpath.join(posixpath.dirname(name), path))
    parts = [part for part in joined.split("/") if part not in ("", "..", ".")]
    escapes = joined.startswith("..") or path.startswith("/")
    return escapes and bool(parts) and VERSION_FOLDER.fullmatch(parts[0]) is not None \
        and not (site / parts[0]).is_dir()


def _check_link(site: Path, pages: dict[str, PageLinks], name: str, link: str, external: set[str]) -> str | None:
    if not link or link.startswith(SKIPPED_SCHEMES):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I) or link.startswith("//"):
        if not _WELL_FORMED.match(link):
            return "adresse externe mal formée"
        external.add(link)
        return None
    target = urlsplit(urljoin("/" + name, link))
    path = unquote(target.path).lstrip("/")
    resolved = _resolve(site, path)
    if resolved is None:
        return "cible introuvable"
    if target.fragment and resolved.endswith(".html"):
        ids = pages[resolved].ids if resolved in pages else parse(site / resolved).ids
        if unquote(target.fragment) not in ids:
            return f"ancre « {unquote(target.fragment)} » introuvable"
    return None


def _targets(name: str, link: str, prefixes: tuple[str, ...]) -> bool:
    path = unquote(urlsplit(urljoin("/" + name, link)).path).lstrip("/")
    return any(path.startswith(prefix) for prefix in prefixes)


def _resolve(site: Path, path: str) -> str | None:
    candidates = [path, f"{path}/index.html" if path else "index.html", f"{path.rstrip('/')}/index.html"]
    for candidate in candidates:
        candidate = candidate.replace("//", "/")
        if (site / candidate).is_file():
            return candidate
    return None


def check_external_online(urls: set[str], timeout: float = 10.0) -> list[tuple[str, str]]:
    """(url, reason) for each external link that does not answer with a success; needs the internet."""
    dead = []
    for url in sorted(urls):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "cadre-liens/1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
                if response.status >= 400:
                    dead.append((url, f"HTTP {response.status}"))
        except urllib.error.HTTPError as exc:
            if exc.code not in (403, 405):  # some servers refuse HEAD or robots: not proof of a dead link
                dead.append((url, f"HTTP {exc.code}"))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            dead.append((url, str(getattr(exc, "reason", exc))))
    return dead
