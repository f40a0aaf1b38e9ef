"""Extraction accuracy on the real documents, scored by the shared scorer (tests/score_extraction.py,
a copy of ../shared/tools/score_extraction.py) against the hand-made gold: a regression guard."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.paths import DOCUMENTS, ROOT

GOLD = ROOT / "tests" / "gold"
SCORER = ROOT / "tests" / "score_extraction.py"
EXTRACT = f"{sys.executable} -m directive_kg.cli extract --format jsonl"


def mean_f1(tmp_path: Path, names: list[str]) -> float:
    for name in names:
        shutil.copy(GOLD / f"{name}.gold.json", tmp_path)
        shutil.copy(DOCUMENTS / f"{name}.txt", tmp_path)
    run = subprocess.run([sys.executable, str(SCORER), "--json", "--cmd", EXTRACT, str(tmp_path)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    fields = json.loads(run.stdout)
    return sum(f["f1"] for f in fields.values()) / len(fields)


ALL = sorted(p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json"))
SEEDS = [n for n in ALL if n[:3].isdigit()]


@pytest.mark.parametrize("names,floor", [(SEEDS, 1.0), (ALL, 0.984)], ids=["seeds", "all 17"])
def test_mean_f1_does_not_fall(tmp_path, names, floor):
    assert len(SEEDS) == 5 and len(ALL) == 17
    assert mean_f1(tmp_path, names) >= floor - 1e-9


# ../shared next to the checkout (a worktree one level deeper: ../../shared), or DIRECTIVE_KG_SHARED
_PLACES = [Path(os.environ["DIRECTIVE_KG_SHARED"])] if os.environ.get("DIRECTIVE_KG_SHARED") else []
SHARED = next((p for p in _PLACES + [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
               if (p / "tools" / "score_extraction.py").exists()), ROOT.parent / "shared")
SHARED_SCORER = SHARED / "tools" / "score_extraction.py"
PARTY = sorted(p.name.removesuffix(".gold.json") for p in (SHARED / "corpus").glob("party_*.gold.json"))

# Party documents of ../shared/corpus, most of them press reports and quotations: the fields of the
# reported document read from the prose (loaders/prose.py). Floors a little under the scores of
# 2026-12-05, after the merge (mean 0.940; lead bodies, 0.67, are floored by the corpus test).
PRESS_FLOORS = {"doc_type": 0.95, "number": 0.95, "date": 0.85, "issuer": 0.82, "subject": 0.95,
                "urgency": 0.95, "signer.name": 0.95, "signer.role": 0.95, "signer.authority": 0.95,
                "citations": 0.97, "recipients": 0.65}


@pytest.mark.skipif(not SHARED_SCORER.exists() or not PARTY,
                    reason=f"{SHARED} (the shared corpus and scorer) is not on this machine")
def test_party_press_reports_score(tmp_path):
    """The shared scorer on the Party documents of the shared corpus (texts read there, not copied
    into the project)."""
    for name in PARTY:
        for p in (SHARED / "corpus").glob(f"{name}.*"):
            shutil.copy(p, tmp_path)
    run = subprocess.run([sys.executable, str(SHARED_SCORER), "--json", "--cmd", EXTRACT, str(tmp_path)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(run.stdout)
    low = {k: result["measures"][k]["f1"] for k, floor in PRESS_FLOORS.items()
           if result["measures"][k]["f1"] < floor}
    assert not low, low
    assert result["mean_f1"] >= 0.93


CORPUS = SHARED / "corpus"
# Every measure of the whole shared corpus (40 documents): none under 0.85 (issue 13's bar); the
# mean a little under the score of 2026-12-05 after the merge (0.972).
CORPUS_MIN, CORPUS_MEAN = 0.85, 0.965


@pytest.mark.skipif(not SHARED_SCORER.exists() or not CORPUS.is_dir(),
                    reason=f"{SHARED} (the shared corpus and scorer) is not on this machine")
def test_shared_corpus_has_no_weak_measure():
    run = subprocess.run([sys.executable, str(SHARED_SCORER), "--json", "--cmd", EXTRACT, str(CORPUS)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(run.stdout)
    low = {k: m["f1"] for k, m in result["measures"].items() if m.get("gold") and m["f1"] < CORPUS_MIN}
    assert not low, low
    assert result["mean_f1"] >= CORPUS_MEAN
