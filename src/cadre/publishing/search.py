"""The search index of one built edition: Pagefind, run offline on the site folder once the build is done.

Pagefind (the binary ships inside the `pagefind[bin]` wheel: nothing is downloaded) reads every HTML page, keeps
only the article body (`data-pagefind-body`, set by the theme), stems French words and folds accents (the pages say
`<html lang="fr">`), and writes a chunked index into `<site>/pagefind/`: a reader's browser downloads only the
chunks its query needs. The entries that live on shared pages (glossary, programmes) are added as records of their
own. Pagefind's ready-made interfaces are not used by the site (its own small script is): they are removed.

Besides the index, a list of the words of the edition (`pagefind/vocabulaire.json`) lets the search box correct a
mistyped word; it is fetched only when a query finds nothing for one of its words.
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from cadre.site.search import SearchRecord

FOLDER = "pagefind"
VOCABULARY = "vocabulaire.json"
LANGUAGE = "fr"
# permalink signs of the headings (« ¶ ») would end every title and excerpt
EXCLUDED = [".headerlink"]
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]
MIN_WORD = 4  # shorter words are not corrected (acronyms, articles)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is French."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    records: int
    seconds: float
    bytes: int  # size of the index folder on disk

    def summary(self) -> str:
        return (f"Recherche : {self.pages} pages et {self.records} entrées indexées en {self.seconds:.1f} s "
                f"({self.bytes / 1024:.0f} Ko).")


def index_site(site_dir: Path, records: Sequence[SearchRecord] = (), edition: str = "") -> IndexReport:
    """Index the built site in `site_dir` into `site_dir/pagefind/` (replaced), with `records` added."""
    start = time.perf_counter()
    try:
        pages, words = asyncio.run(_index(site_dir, records, edition))
    except Exception as error:  # the Pagefind service reports its failures as plain exceptions
        raise SearchIndexError(f"l'index de recherche de {site_dir} n'a pas pu être écrit : {error}") from error
    folder = site_dir / FOLDER
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)
    (folder / VOCABULARY).write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return IndexReport(pages, len(records), time.perf_counter() - start, size)


async def _index(site_dir: Path, records: Sequence[SearchRecord], edition: str) -> tuple[int, list[str]]:
    """The pages and records indexed by Pagefind (another process) while the words are listed here."""
    config = IndexConfig(exclude_selectors=EXCLUDED, output_path=str(site_dir / FOLDER))
    words = asyncio.create_task(asyncio.to_thread(vocabulary, site_dir, records))
    service = await _PromptService().launch()
    try:
        index = await service.create_index(config)
        indexed = await index.add_directory(str(site_dir))
        for record in records:  # one after the other: the index numbers pages in the order it gets them, and the
            # same site must give the same files (an unchanged republication changes nothing on gh-pages)
            await index.add_custom_record(url="/" + record.url, content=record.content, language=LANGUAGE,
                                          meta=_meta(record, edition), filters=_filters(record))
        await index.write_files()
        await _written(site_dir / FOLDER)
    finally:
        await service.close()
    return int(indexed["page_count"]), await words


async def _written(folder: Path, timeout: float = 300) -> None:
    """Pagefind answers « written » while its files may still be going to disk, and closing the service stops it:
    on a busy machine a publication once kept an empty `pagefind-entry.json`. Wait until the entry file is whole,
    names a metadata file that exists, and the folder's size holds still."""
    entry, before, waited = folder / "pagefind-entry.json", -1, 0.0
    while waited < timeout:
        try:
            languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            whole = all((folder / f"pagefind.{lang['hash']}.pf_meta").stat().st_size > 0 for lang in languages.values())
        except (OSError, ValueError, KeyError, TypeError):
            whole = False
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        if whole and size == before:
            return
        before = size
        await asyncio.sleep(0.2)
        waited += 0.2
    raise SearchIndexError(f"Pagefind n'a pas fini d'écrire {folder} en {timeout:.0f} s")


class _PromptService(PagefindService):
    """Pagefind's service, its answers read as soon as they come.

    The library's reader sleeps 100 ms before reading each answer: with one request per record, the 133 records
    of the 2016 edition took 13 s, and 100 times as many would take 22 minutes. The protocol is the library's
    (base64 JSON answers separated by commas); only the waiting goes.
    """

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        while True:
            answer = json.loads(base64.b64decode((await self._backend.stdout.readuntil(b","))[:-1]))
            future = self._responses.get(answer.get("message_id")) if answer else None
            if future is None or future.done():
                continue
            payload = answer["payload"]
            if payload["type"] == "Error":
                future.set_exception(SearchIndexError(payload.get("message", "erreur de Pagefind")))
            else:
                future.set_result(payload)


def _filters(record: SearchRecord) -> dict[str, list[str]]:
    return {"type": [record.type], **({"statut": [record.statut]} if record.statut else {})}


def _meta(record: SearchRecord, edition: str) -> dict[str, str]:
    return {"title": record.title, **({"edition": edition} if edition else {})}


# --- the records as a file, for a site built elsewhere (`cadre export-docs`, then `cadre recherche`) -------------


def write_records(path: Path, records: Sequence[SearchRecord], edition: str) -> None:
    entries = [{"url": r.url, "titre": r.title, "contenu": r.content, "type": r.type, "statut": r.statut}
               for r in records]
    path.write_text(json.dumps({"edition": edition, "enregistrements": entries}, ensure_ascii=False, indent=1),
                    encoding="utf-8")


def read_records(path: Path) -> tuple[list[SearchRecord], str]:
    """The records and edition written by `write_records`; SearchIndexError (French) when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [SearchRecord(e["url"], e["titre"], e["contenu"], e["type"], e.get("statut", ""))
                   for e in data["enregistrements"]]
        return records, str(data.get("edition", ""))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"{path} : fichier d'entrées de recherche illisible ({error}) ; il est écrit par "
                               "« cadre export-docs » (recherche.json)") from None


# --- the words of the edition, for the correction of mistyped words ---------------------------------------------


def fold(word: str) -> str:
    """Lowercase without accents (« Hébergement » → « hebergement »), as the search box compares words."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")
_TAG = re.compile(r"<[^>]*>")


def vocabulary(site_dir: Path, records: Iterable[SearchRecord] = ()) -> list[str]:
    """The folded words of the indexed text (article bodies, records), the most frequent first."""
    counts: dict[str, int] = {}
    texts = [r.content for r in records]
    for page in site_dir.rglob("*.html"):
        if FOLDER not in page.relative_to(site_dir).parts:
            texts.append(_body_text(page.read_text(encoding="utf-8")))
    for text in texts:
        for word in _WORD.findall(text):
            folded = fold(word)
            counts[folded] = counts.get(folded, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def _body_text(page: str) -> str:
    """The words of the article (a spelling list: the notes and boilerplate sections may stay in)."""
    start = page.find("data-pagefind-body")
    if start < 0:
        return ""
    return html.unescape(_TAG.sub(" ", page[start:page.find("</article>", start)]))
