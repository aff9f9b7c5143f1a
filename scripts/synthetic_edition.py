"""Generate a clearly fictional edition N times the size of the 2016 one, for benchmarks only.

    python scripts/synthetic_edition.py --scale 10 [--out DOSSIER] [--year 2090]

Writes DOSSIER/editions/<year>/ (a fresh temporary folder by default, never under data/) and prints DOSSIER,
to be used as CADRE_DATA with CADRE_EDITION=<year>. Entity counts are the real edition's counts times the
scale; texts are invented sentences of about the real lengths, with glossary acronyms sprinkled in.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer: 100× is about 40 MB of YAML

# the 2016 edition's counts, used when the real data cannot be loaded
COUNTS_2016 = {"chapitre": 24, "famille": 4, "categorie": 9, "referentiel": 14, "evolution": 16, "rubrique": 4,
               "service": 15, "objectif": 9, "processus": 2, "etape": 4, "programme": 40, "glossaire": 93,
               "instance": 3, "elaboration": 2, "regle": 6, "principe": 14, "acteur": 5, "cas-usage": 4}

WORDS = ("projet fictif", "service imaginaire", "plateforme de démonstration", "région inventée", "usager fictif",
         "professionnel imaginaire", "échange simulé", "donnée synthétique", "parcours inventé", "référentiel factice",
         "document de test", "établissement fictif", "annuaire simulé", "identifiant inventé", "structure factice")


class Writer:
    def __init__(self, rng: random.Random, sigles: list[str]) -> None:
        self.rng = rng
        self.sigles = sigles

    def sentence(self) -> str:
        a, b = self.rng.sample(WORDS, 2)
        sigle = self.rng.choice(self.sigles)
        return f"Le {a} s'appuie sur le {b} et sur le {sigle} pour une démonstration *purement fictive*."

    def text(self, chars: int) -> str:
        """Paragraphs and a list, about `chars` characters long."""
        parts: list[str] = []
        while sum(len(p) for p in parts) < chars:
            if len(parts) % 4 == 3:
                parts.append("\n".join(f"- {self.sentence()}" for _ in range(3)))
            else:
                parts.append(" ".join(self.sentence() for _ in range(3)))
        return "\n\n".join(parts)


def real_counts() -> dict[str, int]:
    """The 2016 edition's entity counts, read from the data when it validates."""
    from cadre.loading.knowledge import InvalidEdition, load_knowledge_base

    try:
        return load_knowledge_base(ROOT / "data", 2016).counts()
    except (InvalidEdition, OSError):  # incomplete or invalid data: the recorded counts
        return dict(COUNTS_2016)


def ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n}" for n in range(1, count + 1)]


def generate(scale: int, year: int, seed: int = 2016) -> dict[str, Any]:
    """path (relative to the edition folder) -> YAML value."""
    rng = random.Random(seed)
    n = {kind: max(1, count * scale) for kind, count in real_counts().items()}
    sigles = [f"FX{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}{i // 676}" for i in range(n["glossaire"])]
    w = Writer(rng, sigles)
    k = {kind: ids(f"fictif-{kind}", count) for kind, count in n.items()}
    files: dict[str, Any] = {"edition.yaml": edition(year)}
    files.update(_texts(w, k, rng))
    files.update(_referentiels(w, k, rng))
    files.update(_socle(w, k, rng))
    files.update(_others(w, k, rng, sigles))
    return files


def edition(year: int) -> dict[str, Any]:
    return {"annee": year, "statut": "publiee", "date_publication": f"{year}-06-01",
            "texte_adoption": f"Instruction fictive n° BANC/{year}/1", "titre": "Cadre fictif de banc d'essai",
            "version_annexe": "version fictive", "instruction": {
                "numero": f"BANC/{year}/1", "titre": "Instruction fictive de banc d'essai", "date": f"{year}-05-15",
                "nor": "BANC0000000X", "validation_cnp": "Validée par un comité fictif.",
                "date_validation_cnp": f"{year}-05-01", "visa_cnp": "Visa fictif", "date_application": "immédiate",
                "categorie": "fictive", "resume": "Un résumé fictif.", "mots_cles": ["banc d'essai"],
                "annexe": "cadre fictif", "rubriques": ["FICTION"], "emetteur": ["Ministère imaginaire"],
                "expediteur": "Une ministre imaginaire", "destinataires": "Des directeurs fictifs",
                "mention_signature": "Pour la ministre imaginaire",
                "signataires": [{"role": "Le délégué fictif", "nom": "A. PERSONNE"}]}}


def _texts(w: Writer, k: dict[str, list[str]], rng: random.Random) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for i, cid in enumerate(k["chapitre"], 1):
        files[f"chapitres/{cid}.yaml"] = {
            "id": cid, "document": "instruction" if i % 3 == 0 else "annexe", "numero": str(i),
            "titre": f"Chapitre fictif {i}", "ordre": i, "corps": w.text(2500)}
    files["familles.yaml"] = [{"id": f, "numero": i, "nom": f"Famille fictive {i}", "description": w.sentence(),
                               "perimetre_initial": i % 2 == 0} for i, f in enumerate(k["famille"], 1)]
    files["categories.yaml"] = [{"id": c, "nom": f"Catégorie fictive {i}", "ordre": i, "description": w.sentence(),
                                 **({"parent": k["categorie"][i - 2]} if i % 3 != 1 else {})}
                                for i, c in enumerate(k["categorie"], 1)]
    return files


def _referentiels(w: Writer, k: dict[str, list[str]], rng: random.Random) -> dict[str, Any]:
    files: dict[str, Any] = {}
    statuts = ["disponible", "partiellement-disponible", "en-cours", "en-projet"]
    for i, rid in enumerate(k["referentiel"], 1):
        files[f"referentiels/{rid}.yaml"] = {
            "id": rid, "nom": f"Référentiel fictif {i}", "categorie": rng.choice(k["categorie"]), "ordre": i,
            "objectifs": w.text(1200), "contenu": w.text(2500),
            "disponibilite": {"statut": rng.choice(statuts), "texte": w.sentence(),
                              "jalons": [{"date": "mars 2090", "annee": 2090, "libelle": "version fictive 1"}]},
            "destinataires": {"acteurs": rng.sample(k["acteur"], min(2, len(k["acteur"]))), "texte": w.sentence()},
            "liens": [{"titre": "Site fictif", "url": f"https://example.org/{rid}"}],
            "listes": [{"id": "volets", "titre": "Volets fictifs", "elements": [w.sentence() for _ in range(5)]}],
            "notes_editoriales": [{"type": "transcription", "texte": "Entité fictive de banc d'essai."}]}
    files["evolutions.yaml"] = [{"id": e, "referentiel": rng.choice(k["referentiel"]), "libelle": w.sentence(),
                                 "echeance": "fin 2091", "annee": 2091} for e in k["evolution"]]
    return files


def _socle(w: Writer, k: dict[str, list[str]], rng: random.Random) -> dict[str, Any]:
    files: dict[str, Any] = {}
    # like the real rubriques, none names a family (a family holding rubriques is drawn as a group, which the
    # cartography's column links do not expect)
    files["rubriques.yaml"] = [{"id": r, "nom": f"Rubrique fictive {i}", "ordre": i}
                               for i, r in enumerate(k["rubrique"], 1)]
    for i, sid in enumerate(k["service"], 1):
        v1 = i % 2 == 1
        files[f"socle/{sid}.yaml"] = {
            "id": sid, "nom": f"Service fictif {i}", "version": "v1" if v1 else "ulterieure", "ordre": i,
            **({"rubrique": rng.choice(k["rubrique"])} if v1 else {}), "description": w.text(1800),
            "referentiels": rng.sample(k["referentiel"], 2), "programmes": rng.sample(k["programme"], 1)}
    files["objectifs-ars.yaml"] = [{"id": o, "ligne": f"Ligne fictive {i}", "service": rng.choice(k["service"]),
                                    "ordre": i, "textes_cites": ["Circulaire fictive"], "fin_2016": [w.sentence()],
                                    "fin_2017": [w.sentence()]} for i, o in enumerate(k["objectif"], 1)]
    files["telemedecine/processus.yaml"] = [{"id": p, "nom": f"Processus fictif {i}", "ordre": i,
                                             "actes": ["Acte fictif"]} for i, p in enumerate(k["processus"], 1)]
    files["telemedecine/etapes.yaml"] = [
        {"id": e, "numero": i, "titre": f"Étape fictive {i}", "description": w.sentence(),
         "sous_etapes": [{"lettre": "a", "titre": "Sous-étape fictive",
                          "services": [{"libelle": "Service fictif", "service": rng.choice(k["service"])}]}]}
        for i, e in enumerate(k["etape"], 1)]
    return files


def _others(w: Writer, k: dict[str, list[str]], rng: random.Random, sigles: list[str]) -> dict[str, Any]:
    files: dict[str, Any] = {}
    files["programmes.yaml"] = [{"id": p, "numero": i, "famille": rng.choice(k["famille"]),
                                 "nom": f"Programme fictif {i}", "statut": rng.choice("EP"),
                                 "description": w.sentence()} for i, p in enumerate(k["programme"], 1)]
    files["glossaire.yaml"] = [{"id": g, "sigle": s, "definition": f"Définition fictive {i}", "origine": "annexe-5",
                                "ordre": i} for i, (g, s) in enumerate(zip(k["glossaire"], sigles, strict=True), 1)]
    files["gouvernance/instances.yaml"] = [
        {"id": x, "nom": f"Instance fictive {i}", "ordre": i,
         "descriptions": [{"source": "instruction", "missions": [w.sentence()]},
                          {"source": "annexe", "missions": [w.sentence()], "frequence": "une fois par an"}]}
        for i, x in enumerate(k["instance"], 1)]
    files["gouvernance/elaboration.yaml"] = [
        {"id": x, "nom": f"Groupe fictif {i}", "ordre": i,
         "composition_par_organisation": [{"organisation": "Organisation fictive", "nombre": 3}]}
        for i, x in enumerate(k["elaboration"], 1)]
    files["gouvernance/regles.yaml"] = [{"id": x, "titre": f"Règle fictive {i}", "texte": w.sentence(), "ordre": i}
                                        for i, x in enumerate(k["regle"], 1)]
    for i, pid in enumerate(k["principe"], 1):
        files[f"principes/{pid}.yaml"] = {
            "id": pid, "numero": i, "titre": f"Principe fictif {i}", "enonce": w.text(1500),
            "questions": [{"texte": w.sentence()} for _ in range(4)],
            "referentiels": rng.sample(k["referentiel"], 2), "acteurs": [rng.choice(k["acteur"])]}
    for i, aid in enumerate(k["acteur"], 1):
        files[f"acteurs/{aid}.yaml"] = {
            "id": aid, "nom": f"Acteur fictif {i}", "ordre": i, "description": w.text(800),
            "devoirs": [{"source": "Instruction fictive", "introduction": w.sentence(), "elements": [
                {"texte": w.sentence(), "introduction": w.sentence(), "modalites": [w.sentence()],
                 "referentiels": rng.sample(k["referentiel"], 3), "services": rng.sample(k["service"], 2),
                 "principes": rng.sample(k["principe"], 2)} for _ in range(4)]}]}
    files["cas-usage.yaml"] = [{"id": c, "numero": i, "titre": f"Cas fictif {i}", "rubriques": ["Contexte fictif"]}
                               for i, c in enumerate(k["cas-usage"], 1)]
    return files


def write(files: dict[str, Any], edition_root: Path) -> None:
    if edition_root.resolve().is_relative_to((ROOT / "data").resolve()):
        raise ValueError("une édition synthétique ne s'écrit jamais sous data/")
    for rel, value in files.items():
        path = edition_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--year", type=int, default=2090)
    parser.add_argument("--out", type=Path, help="dossier de sortie (défaut : un dossier temporaire neuf)")
    args = parser.parse_args(argv)
    out = (args.out or Path(tempfile.mkdtemp(prefix="cadre-synthetique-"))).resolve()
    if out.is_relative_to(ROOT / "data"):
        parser.error("une édition synthétique ne s'écrit jamais sous data/")
    write(generate(args.scale, args.year), out / "editions" / str(args.year))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
