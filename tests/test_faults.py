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

from conftest import dataset_reuse_merged
from directive_kg.cli import main
from loaders.build import build
from loaders.store import open_store

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
    return full, part, dataset_reuse_merged(base / "reference")


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
    assert dataset_reuse_merged(store) == reference  # a build of part first: its reuse pairs with the rest differ in graph


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


@pytest.mark.parametrize("incremental,after", [(False, 0.2), (False, 0.5), (False, 1.0), (False, 2.0),
                                               (True, 0.7), (True, 1.5)])
def test_killed_at_a_plain_time(corpora, tmp_path, incremental, after, capsys):
    """The small version of bench/kill_trials.py: after the kill a saved query answers, or says in
    one line to build, within 20 s; the next build gives the reference graph."""
    full, part, reference = corpora
    if incremental:
        build(part, tmp_path / "store", progress=False)
    proc = start(full, tmp_path / "store")
    time.sleep(after)
    kill(proc)
    if (tmp_path / "store" / "oxigraph").is_dir():
        status, out, err = saved_query(tmp_path / "store", capsys)
        assert status == 0 or (status == 1 and "directive-kg build" in err and len(err.splitlines()) == 1), err
    recovers(full, tmp_path / "store", reference)  # also when killed before it created anything


def saved_query(store: Path, capsys) -> tuple[int, str, str]:
    """`directive-kg query documents` on the store: exit status, stdout, stderr."""
    capsys.readouterr()
    started = time.monotonic()
    status = main(["query", "documents", "--store", str(store), "--format", "json", "--timeout", "20"])
    assert time.monotonic() - started < 20
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("stage", ["graph-written", "merging", "validated"])
def test_after_a_kill_during_an_incremental_build_queries_answer_from_the_last_complete_state(
        corpora, tmp_path, stage, capsys):
    full, part, reference = corpora
    build(part, tmp_path / "store", progress=False)
    before = saved_query(tmp_path / "store", capsys)
    proc = start(full, tmp_path / "store", pause=stage)
    assert proc.stderr.readline().strip() == f"paused at {stage}"
    kill(proc)
    after = saved_query(tmp_path / "store", capsys)
    if stage != "validated":  # the merged graph was not touched yet: the previous state
        assert after == before and before[0] == 0
    else:  # the new state is complete
        assert after[0] == 0 and after != before
    recovers(full, tmp_path / "store", reference)


@pytest.mark.parametrize("stage", ["locked", "loading", "loaded"])
def test_after_a_kill_during_a_first_build_queries_say_to_build(corpora, tmp_path, stage, capsys):
    full, _, reference = corpora
    proc = start(full, tmp_path / "store", pause=stage)
    assert proc.stderr.readline().strip() == f"paused at {stage}"
    kill(proc)
    status, out, err = saved_query(tmp_path / "store", capsys)
    assert status == 1 and out == "" and "directive-kg build" in err and len(err.strip().splitlines()) == 1, err
    recovers(full, tmp_path / "store", reference)
