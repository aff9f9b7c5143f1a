"""Every PDF is tagged (PDF/UA-1), the whole edition has a printed table of contents whose page numbers are right,
and each socle service and principle has its own PDF. Rendered from the small fixture edition (2099), opened
with pypdf as a reader's tool would, never through the code that wrote them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from cadre.cache import ContentCache
from cadre.exports.pdf import cached_pdfs, pdf_documents
from cadre.loading.knowledge import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "data"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pypdf.PdfReader]:
    kb = load_knowledge_base(FIXTURE, 2099)
    rendered, _ = cached_pdfs(list(pdf_documents(kb)), ContentCache(tmp_path_factory.mktemp("cache")))
    return {path: pypdf.PdfReader(io.BytesIO(data)) for path, data in rendered.items()}


def text(reader: pypdf.PdfReader, page: int | None = None) -> str:
    pages = reader.pages if page is None else [reader.pages[page]]
    return re.sub(r"[\s\u00a0\u202f]+", " ", "\n".join(p.extract_text() for p in pages).replace("\u2010\n", ""))


def test_one_pdf_per_fact_sheet_service_and_principle_and_the_whole_edition(pdfs: dict) -> None:
    # the fixture edition's files (tests/fixtures/site/data/editions/2099): 3 référentiels, 2 services, 2 principles
    assert sorted(pdfs) == [
        "pdf/cadre-commun-2099.pdf",
        "pdf/principe-pr-evaluation.pdf", "pdf/principe-pr-primaute.pdf",
        "pdf/referentiel-ci-sis.pdf", "pdf/referentiel-ref-alpha.pdf", "pdf/referentiel-ref-beta.pdf",
        "pdf/service-svc-deux.pdf", "pdf/service-svc-un.pdf"]


def test_every_pdf_is_tagged_with_its_language_and_title(pdfs: dict) -> None:
    for path, reader in pdfs.items():
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, f"{path} : pas d'arbre de structure"
        assert bool(root["/MarkInfo"]["/Marked"]), path
        assert root["/Lang"] == "fr", path
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), path  # the reader shows the title
        title = reader.metadata.title
        assert title and title.split()[0] in text(reader, 0), (path, title)
        kids = root["/StructTreeRoot"].get_object()["/K"]
        assert kids, f"{path} : arbre de structure vide"


def test_the_service_and_principle_pdfs_carry_their_content(pdfs: dict) -> None:
    principle = pdfs["pdf/principe-pr-primaute.pdf"]
    assert principle.metadata.title.startswith("Principe ")
    assert "Points de contrôle pour une revue GO / NO GO" in text(principle)
    assert "édition 2099" in text(principle)
    service = pdfs["pdf/service-svc-un.pdf"]
    assert "Socle commun de services" in text(service) and "édition 2099" in text(service)


def toc_entries(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    """(title, page number) of each line of the printed table of contents (a long title wraps before its dots)."""
    lines = reader.pages[0].extract_text().split("Sommaire", 1)[1].splitlines()
    entries, pending = [], ""
    for line in lines:
        match = re.fullmatch(r"(.*?) *(?:\. ?){3,}(\d+)", line.strip())
        if match:
            entries.append(((pending + " " + match[1]).strip(), int(match[2])))
            pending = ""
        else:
            pending += " " + line.strip()
    return entries


def test_the_whole_edition_has_a_table_of_contents_with_right_page_numbers(pdfs: dict) -> None:
    whole = pdfs["pdf/cadre-commun-2099.pdf"]
    entries = toc_entries(whole)
    titles = [title for title, _ in entries]
    # parts and the entities that have a page of their own, from the fixture edition's files
    for expected in ("Chapitres", "Référentiels", "Référentiel fictif Gamma", "Services du socle",
                     "Service fictif Deux", "Objectifs ARS", "Principes", "Acteurs", "Entrées du glossaire"):
        assert expected in [re.sub(r"\s+", " ", t) for t in titles], (expected, titles)
    for title, page in entries:
        assert 2 <= page <= len(whole.pages), (title, page)
        heading = re.sub(r"[\s\u202f]+", " ", title)[:25]
        assert heading in text(whole, page - 1), f"« {heading} » absent de la page {page}"
    pages = [page for _, page in entries]
    assert pages == sorted(pages)  # in the document's order


def test_every_kind_with_a_fact_sheet_has_a_print_template() -> None:
    from cadre.exports.pdf import SHEETS
    from cadre.model.kinds import KINDS

    assert {k.name for k in KINDS.values() if k.fact_sheet} == set(SHEETS) == {"referentiel", "service", "principe"}
