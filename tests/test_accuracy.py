"""Extraction accuracy on the real documents, scored by the shared scorer (tests/score_extraction.py,
a copy of ../shared/tools/score_extraction.py) against the hand-made gold: a regression guard."""
import json
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
