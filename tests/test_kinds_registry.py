"""The kinds registry is the single source for everything per kind: a kind added to it must appear everywhere.

For each kind of `cadre.model.kinds.KINDS`, this checks each place where a kind must show, and says which one
lacks it: a committed JSON Schema, a name for every entity, open-data files, a page or an anchor on a generated
page for every entity of the fictional fixture edition (which holds at least one entity of every kind), a choice
about the whole-edition PDF, and the counts of the synthetic edition used by the benchmarks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from cadre.cache import ContentCache
from cadre.exports.opendata import entity_json_path, kind_csv_path, kind_json_path
from cadre.model.kinds import KINDS, label
from cadre.site import SiteSettings, build_site, make_context
from cadre.site.links import source_of
from cadre.site.templating import TEMPLATES

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = PROJECT / "tests" / "fixtures" / "site" / "data"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    settings = SiteSettings("Cadre commun (test)", "", "", PROJECT)
    return build_site(make_context(FIXTURE_DATA, 2099, settings, ContentCache(tmp_path_factory.mktemp("cache"))))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_kind_has_its_schema_its_open_data_and_a_name_for_each_entity(site, kind: str) -> None:
    assert (PROJECT / "schemas" / f"{kind}.schema.json").is_file(), f"{kind} : schéma absent (cadre schema)"
    assert kind_json_path(kind) in site.files and kind_csv_path(kind) in site.files, f"{kind} : données ouvertes"
    kb = _kb(site)
    assert kb.all(kind), f"{kind} : la fixture tests/fixtures/site n'a aucune entité de ce type"
    for entity in kb.all(kind):
        assert label(entity).strip(), f"{kind}:{entity.id} : aucun nom affichable"
        assert entity_json_path(kind, entity.id) in site.files


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_entity_of_a_kind_is_at_its_permalink(site, kind: str) -> None:
    kb = _kb(site)
    if KINDS[kind].has_page:
        assert (TEMPLATES / f"{kind}.md.j2").is_file(), f"{kind} : gabarit de page absent"
    for entity in kb.all(kind):
        path, anchor = source_of(kb.url(kind, entity.id))
        assert path in site.files, f"{kind}:{entity.id} : page {path} absente"
        if anchor:
            page = site.files[path]
            assert re.search(rf'\{{ #{re.escape(anchor)} \}}|id="{re.escape(anchor)}"', page), \
                f"{kind}:{entity.id} : ancre #{anchor} absente de {path}"


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_kind_says_whether_the_edition_pdf_prints_it_and_the_benchmark_counts_it(kind: str) -> None:
    printed = {k.pdf_part for k in KINDS.values() if k.pdf_part is not None}
    assert len(printed) == sum(k.pdf_part is not None for k in KINDS.values()), "deux types au même rang du PDF"
    sys.path.insert(0, str(PROJECT / "scripts"))
    import synthetic_edition

    assert kind in synthetic_edition.COUNTS_2016, f"{kind} : absent de l'édition synthétique des mesures"


def _kb(site):  # the knowledge base the site was built from (the fixture edition)
    from cadre.loading.knowledge import load_knowledge_base

    return load_knowledge_base(FIXTURE_DATA, site.annee)
