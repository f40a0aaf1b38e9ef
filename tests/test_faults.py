"""A build killed at any moment (SIGKILL) leaves a store that opens, and the next build gives the same
graph as an uninterrupted one. The build pauses at named stages when DIRECTIVE_KG_PAUSE_AT is set
(loaders/build.py), so each kill lands where it is meant to; a few kills also land at plain times."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders.build import build
from loaders.store import open_store, sorted_nquads

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """A corpus, a smaller version of it (for incremental rebuilds), and the reference graph."""
    base = tmp_path_factory.mktemp("faults")
    full, part = base / "full", base / "part"
    full.mkdir()
    part.mkdir()
    for i, p in enumerate(sorted(DOCUMENTS.glob("*.txt"))[:8]):
        shutil.copy(p, full / p.name)
        if i % 2:
            shutil.copy(p, part / p.name)
    build(full, base / "reference", progress=False)
    with open_store(base / "reference") as kg:
        reference = sorted_nquads(kg.store)
    return full, part, reference


def start(corpus: Path, store: Path, pause: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "DIRECTIVE_KG_PAUSE_SECONDS": "120"}
    if pause:
        env["DIRECTIVE_KG_PAUSE_AT"] = pause
    return subprocess.Popen([sys.executable, "-m", "directive_kg.cli", "build", str(corpus), "--store", str(store)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def recovers(corpus: Path, store: Path, reference: str) -> None:
    with open_store(store, read_only=False):  # opens, and the lock died with the killed build
        pass
    build(corpus, store, progress=False)
    with open_store(store) as kg:
        assert sorted_nquads(kg.store) == reference


@pytest.mark.parametrize("stage", ["locked", "extracted", "mapped", "cleared", "loading", "loaded", "validated",
                                   "reported"])
def test_killed_during_a_first_build(corpora, tmp_path, stage):
    full, _, reference = corpora
    proc = start(full, tmp_path / "store", pause=stage)
    assert proc.stderr.readline().strip() == f"paused at {stage}"
    kill(proc)
    recovers(full, tmp_path / "store", reference)


@pytest.mark.parametrize("stage", ["graph-written", "validated"])
def test_killed_during_an_incremental_build(corpora, tmp_path, stage):
    full, part, reference = corpora
    build(part, tmp_path / "store", progress=False)
    proc = start(full, tmp_path / "store", pause=stage)
    assert proc.stderr.readline().strip() == f"paused at {stage}"
    kill(proc)
    recovers(full, tmp_path / "store", reference)


@pytest.mark.parametrize("after", [0.2, 0.5, 1.0, 2.0])
def test_killed_at_a_plain_time(corpora, tmp_path, after):
    full, _, reference = corpora
    proc = start(full, tmp_path / "store")
    time.sleep(after)
    kill(proc)
    recovers(full, tmp_path / "store", reference)  # also when killed before it created anything
