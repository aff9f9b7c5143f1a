"""Editions side by side: scaffolding the next edition, and the diff of two editions (CLI text and JSON).

The later edition is never stored in data/: it is derived at test time from the 2016 data by a list of deliberate
edits (`derive_edition`), and the expected diff is built from that list, not from the diff code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from editions_fixture import (  # tests/ is on sys.path
    SMALL,
    Edit,
    copy_real_edition,
    derive_edition,
    read_yaml_file,
    write_yaml_file,
)

from cadre.editions.catalogue import ScaffoldRefused, edition_years, scaffold_edition
from cadre.loading.knowledge import load_knowledge_base


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> tuple[Path, list[Edit]]:
    data = copy_real_edition(tmp_path_factory.mktemp("editions"))
    return data, derive_edition(data, "2016", "2017")


def cadre(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cadre.cli", "--data", str(data), *args],
                          capture_output=True, text=True)


# --- the diff --------------------------------------------------------------------------------------------------


def test_json_diff_is_exactly_the_deliberate_changes(derived):
    data, edits = derived
    result = cadre("diff", "2016", "2017", "--format", "json", data=data)
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)

    reported = set()
    for kind in diff["types"]:
        reported |= {(kind["type"], e["id"], "ajout", ()) for e in kind["ajouts"]}
        reported |= {(kind["type"], e["id"], "retrait", ()) for e in kind["retraits"]}
        reported |= {(kind["type"], m["entite"]["id"], "modification",
                      tuple((c["chemin"], c["avant"], c["apres"]) for c in m["changements"]))
                     for m in kind["modifications"]}
    expected = {(e.kind, e.id, e.event, tuple(e.changes)) for e in edits}
    assert reported == expected
    assert diff["totaux"] == {"ajouts": 2, "retraits": 1, "modifications": 2}
    assert [c["chemin"] for c in diff["metadonnees"]] == ["date_publication"]


def test_text_diff_groups_changes_by_kind_in_french(derived):
    data, edits = derived
    result = cadre("diff", "2016", "2017", data=data)
    assert result.returncode == 0, result.stderr
    out, items = result.stdout.split("\nItems d'évaluation (points de contrôle, objectifs ARS)\n")
    lines = out.splitlines()
    assert lines[0] == "Différences entre l'édition 2016 et l'édition 2017"
    for heading in ("Référentiels", "Services du socle", "Programmes nationaux", "Objectifs ARS",
                    "Entrées du glossaire"):
        assert heading in lines
    assert "      disponibilite.statut : « disponible » → « en-cours »" in lines
    assert any(line.startswith("  + ajouté : service-test — ") for line in lines)
    assert any(line.startswith("  + ajouté : zzt — ") for line in lines)
    removed = next(e.id for e in edits if e.event == "retrait")
    assert any(line.startswith(f"  - retiré : {removed} — ") for line in lines)
    assert "      fin_2017[id=tous-services-2017-1].texte : « " in out and \
         "→ « Objectif révisé pour l'édition de test. »" in out
    # exactly the edits: 2 additions, 1 removal, 2 modified entities, nothing else
    assert sum(line.startswith("  + ") for line in lines) == 2
    assert sum(line.startswith("  - ") for line in lines) == 1
    assert sum(line.startswith("  ~ ") for line in lines) == 2
    assert lines[-1] == "Total : 2 ajouts, 1 retrait, 2 entités modifiées."
    # the rewritten objective is the one evaluation item reworded (matched by its id)
    objective = next(e for e in edits if e.kind == "objectif")
    assert items.splitlines() == [f"  ~ reformulé : {objective.id}-2017-1 ({objective.id}) {'« '}"
                                  f"{' '.join(objective.changes[0][1].split())} » → « Objectif révisé pour "
                                  "l'édition de test. »"]


def test_diff_refuses_an_invalid_edition_with_its_errors(tmp_path):
    data = _small_pair(tmp_path)
    broken = data / "editions" / "2017" / "referentiels" / "ci-sis.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("categorie: specifications",
                                                                 "categorie: inconnue"), encoding="utf-8")
    result = cadre("diff", "2016", "2017", data=data)
    assert result.returncode == 1
    assert "inconnue" in result.stderr and "Édition 2017 invalide" in result.stderr


def _small_pair(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SMALL / "editions", data / "editions")
    shutil.copytree(data / "editions" / "2016", data / "editions" / "2017")
    edition = data / "editions" / "2017" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("annee: 2016", "annee: 2017"), encoding="utf-8")
    return data


def test_reordering_and_reformatting_are_not_changes(tmp_path):
    data = _small_pair(tmp_path)
    categories = data / "editions" / "2017" / "categories.yaml"
    # other order, other YAML layout, same content
    write_yaml_file(categories, list(reversed(read_yaml_file(categories))))
    referentiel = data / "editions" / "2017" / "referentiels" / "ci-sis.yaml"
    raw = read_yaml_file(referentiel)
    raw["destinataires"]["acteurs"] = list(reversed(raw["destinataires"]["acteurs"]))
    write_yaml_file(referentiel, dict(reversed(list(raw.items()))))
    diff = json.loads(cadre("diff", "2016", "2017", "--format", "json", data=data).stdout)
    assert diff["types"] == []


def test_editorial_notes_and_list_items_are_field_changes(tmp_path):
    data = _small_pair(tmp_path)
    referentiel = data / "editions" / "2017" / "referentiels" / "ci-sis.yaml"
    raw = read_yaml_file(referentiel)
    raw["notes_editoriales"] = [{"type": "perime", "texte": "Daté."}]
    raw["disponibilite"]["jalons"].append({"libelle": "version 2"})
    write_yaml_file(referentiel, raw)
    diff = json.loads(cadre("diff", "2016", "2017", "--format", "json", data=data).stdout)
    changes = diff["types"][0]["modifications"][0]["changements"]
    assert {(c["chemin"], json.dumps(c["avant"]), json.dumps(c["apres"])) for c in changes} == {
        ("disponibilite.jalons[1]", "null", json.dumps({"date": None, "annee": None, "libelle": "version 2"})),
        ("notes_editoriales[0]", "null", json.dumps({"type": "perime", "texte": "Daté."})),
    }


def test_list_items_with_an_id_are_compared_by_id(tmp_path):
    """Items that carry an id (the référentiels' structured lists, later the principles' check-points) are matched by
    id whatever their order: one reworded is a change of that item, named by its id, not a removal and an addition."""
    data = _small_pair(tmp_path)
    referentiel = data / "editions" / "2017" / "referentiels" / "ci-sis.yaml"
    raw = read_yaml_file(referentiel)
    raw["listes"] = [{"id": "nouvelle", "titre": "Liste ajoutée", "elements": ["un"]},
                     {"id": "volets", "titre": "Volets réécrits", "elements": ["Volet A"]}]
    write_yaml_file(referentiel, raw)
    before = read_yaml_file(data / "editions" / "2016" / "referentiels" / "ci-sis.yaml")
    before["listes"] = [{"id": "volets", "titre": "Volets", "elements": ["Volet A"]},
                        {"id": "retiree", "titre": "Liste retirée", "elements": ["deux"]}]
    write_yaml_file(data / "editions" / "2016" / "referentiels" / "ci-sis.yaml", before)
    diff = json.loads(cadre("diff", "2016", "2017", "--format", "json", data=data).stdout)
    changes = diff["types"][0]["modifications"][0]["changements"]
    assert [(c["chemin"], c["avant"], c["apres"]) for c in changes] == [
        ("listes[id=nouvelle]", None, {"id": "nouvelle", "titre": "Liste ajoutée", "elements": ["un"]}),
        ("listes[id=volets].titre", "Volets", "Volets réécrits"),
        ("listes[id=retiree]", {"id": "retiree", "titre": "Liste retirée", "elements": ["deux"]}, None),
    ]


# --- new-edition -----------------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_new_edition_copies_the_latest_as_a_draft_and_leaves_it_untouched(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SMALL / "editions", data / "editions")
    before = _snapshot(data / "editions" / "2016")
    result = cadre("new-edition", "2017", data=data)
    assert result.returncode == 0, result.stderr
    assert "brouillon" in result.stdout
    assert _snapshot(data / "editions" / "2016") == before
    assert edition_years(data) == [2016, 2017]
    kb = load_knowledge_base(data, "2017")  # the copy validates as it is
    assert (kb.edition.annee, kb.edition.statut.value, kb.edition.date_publication) == (2017, "brouillon", None)
    assert kb.edition.texte_adoption == load_knowledge_base(data, "2016").edition.texte_adoption
    copied = _snapshot(data / "editions" / "2017")
    assert {k: v for k, v in copied.items() if k != "edition.yaml"} == \
        {k: v for k, v in before.items() if k != "edition.yaml"}


@pytest.mark.parametrize("year, reason", [("2016", "existe déjà"), ("2015", "postérieure")])
def test_new_edition_refuses_an_existing_or_older_year(tmp_path, year, reason):
    data = tmp_path / "data"
    shutil.copytree(SMALL / "editions", data / "editions")
    before = _snapshot(data / "editions")
    result = cadre("new-edition", year, data=data)
    assert result.returncode == 1
    assert reason in result.stderr
    assert _snapshot(data / "editions") == before


def test_scaffold_without_any_edition_is_refused(tmp_path):
    with pytest.raises(ScaffoldRefused):
        scaffold_edition(tmp_path, 2017)


def test_new_edition_from_the_real_data_validates(tmp_path):
    data = copy_real_edition(tmp_path)
    try:
        load_knowledge_base(data, "2016")
    except Exception as exc:
        pytest.skip(f"les données 2016 ne valident pas encore : {exc}")
    assert cadre("new-edition", "2017", data=data).returncode == 0
    assert cadre("validate", "--edition", "2017", data=data).returncode == 0
    diff = json.loads(cadre("diff", "2016", "2017", "--format", "json", data=data).stdout)
    assert diff["types"] == []
    assert {c["chemin"] for c in diff["metadonnees"]} == {"statut", "date_publication"}


# --- which version becomes latest ----------------------------------------------------------------------------------


def test_only_the_newest_published_edition_becomes_latest(tmp_path):
    """`latest` follows the newest *published* edition deployed, whatever the order of publication."""
    from cadre.publishing.ghpages import Version, deploy, deployed_versions
    from cadre.publishing.git import Repository

    repo = Repository(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>page</p>", encoding="utf-8")

    scratch = tmp_path / "scratch"
    scratch.mkdir()

    def latest_after(year: int, publiee: bool) -> int | None:
        deploy(repo, site, Version(year, str(year), publiee), f"Publication de l'édition {year}", scratch)
        aliases = {v["version"]: v["aliases"] for v in deployed_versions(repo)}
        return next((int(y) for y, a in aliases.items() if "latest" in a), None)

    assert latest_after(2017, True) == 2017
    assert latest_after(2016, True) == 2017  # republishing an older one
    assert latest_after(2018, False) == 2017  # a draft in concertation never becomes latest
    assert latest_after(2018, True) == 2018
    assert latest_after(2018, False) == 2017  # set back to concertation: latest moves back
