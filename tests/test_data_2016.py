"""The real 2016 edition: it validates, and its counts equal the source document's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cadre.loading.knowledge import KnowledgeBase, load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "data", 2016)


def test_cadre_validate_exits_zero_on_the_real_data() -> None:
    result = subprocess.run([sys.executable, "-m", "cadre.cli", "validate", "--edition", "2016"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Édition 2016 valide" in result.stdout


def test_counts_equal_the_document(kb: KnowledgeBase) -> None:
    # Numbers stated by the document itself (§2.1, §2.2.1, §2.2.2, annex 2, annex 5, §2.3.1, instruction IV,
    # §2.2.3.4), not computed by the code under test.
    services = kb.all("service")
    assert len(kb.all("referentiel")) == 14
    assert sum(1 for s in services if s.version.value == "v1") == 8
    assert sum(1 for s in services if s.version.value == "ulterieure") == 7
    assert len(kb.all("programme")) == 40
    assert sum(1 for g in kb.all("glossaire") if g.origine.value == "annexe-5") == 66
    assert len(kb.all("principe")) == 14
    assert len(kb.all("instance")) == 3
    assert len(kb.all("etape")) == 4
    assert len(kb.all("famille")) == 4
    assert len(kb.all("cas-usage")) == 4


def test_programme_statuses_match_footnote_19(kb: KnowledgeBase) -> None:
    statuses = [p.statut.value for p in kb.all("programme")]
    assert (statuses.count("E"), statuses.count("P")) == (31, 9)


def test_principles_are_numbered_1_to_14(kb: KnowledgeBase) -> None:
    assert [p.numero for p in kb.all("principe")] == list(range(1, 15))


def test_every_inconsistency_listed_by_the_seed_readme_has_a_note(kb: KnowledgeBase) -> None:
    """The seed README names these contradictions: each must be visible to readers as an editorial note."""
    notes = " ".join(n.texte for _, _, e in kb.editorial_notes() for n in e.notes_editoriales).lower()
    assert "personnel" in notes and "partagé" in notes  # DMP
    assert "dossier pharmaceutique" in notes  # DP in the instruction's socle only
    assert "au maximum une fois par an" in notes
    assert "5 cas" in notes or "cinq cas" in notes
    assert "annuaire-rdp" in notes


def test_no_personal_contact_data_in_the_data() -> None:
    import re

    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an e-mail address is in the data"
    assert not re.search(r"\b0\d(?:[ .]?\d{2}){4}\b", text), "a phone number is in the data"
