"""Every link of every published edition resolves: the versioned site as readers get it (gh-pages)."""

from __future__ import annotations

from pathlib import Path

from cadre.publishing.linkcheck import check_site


def test_every_internal_link_and_anchor_of_every_edition_resolves(published_tree: Path) -> None:
    versions = sorted(p.name for p in published_tree.iterdir() if p.is_dir() and p.name.isdigit())
    assert versions == ["2016", "2017", "2018"]
    # latest/ is an alias of the newest published edition: checked through 2017/
    problems, external = check_site(published_tree, ignore=("latest/",))
    assert [str(p) for p in problems] == []
    assert len(external) > 50  # the fact sheets' « pour aller plus loin » links, all well-formed http(s)


def test_a_broken_anchor_in_a_copy_is_reported(published_tree: Path, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text((published_tree / "2016" / "index.html").read_text(encoding="utf-8").replace(
        'href="referentiels/"', 'href="referentiels/#ancre-absente"', 1), encoding="utf-8")
    problems, _ = check_site(tmp_path)
    assert any("ancre-absente" in p.link for p in problems)
