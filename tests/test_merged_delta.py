"""The changed triples an add hands its bounded checks and tables (ValidationReport.delta) are the
merged graph's changes (store.SyncResult.merged_changes): an added file's lines about a document
another file describes already (a cited document's number and date) change no answer and send no
walk; after a build stopped between its load and its validation, every changed graph line instead."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import loaders.build as build_module
from loaders.build import build
from loaders.store import open_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("merged-delta")
    out = {}
    for name, docs, seed in (("corpus", 40, 3), ("first", 5, 4), ("second", 5, 5)):
        out[name] = tmp / name
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(docs), "--out",
                        str(out[name]), "--seed", str(seed), "--noise", "0.1", "--no-gold"], check=True, capture_output=True)
    return out


def _merged(store: Path) -> set[ox.Triple]:
    with open_store(store, read_only=True) as kg:
        return {q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _delta(report) -> set[ox.Triple]:
    """The delta's triples as a store holds them (Oxigraph writes "1.000"^^xsd:decimal as "1.0")."""
    lines = "".join(f"{s} <{p}> {o} .\n" for p, pairs in report.validation.delta.by_p.items() for s, o in pairs)
    held = ox.Store()
    held.load(lines.encode(), format=ox.RdfFormat.N_TRIPLES)
    return {q.triple for q in held}


def _of_predicates(triples: set[ox.Triple], kept: set[ox.Triple]) -> set[ox.Triple]:
    predicates = {t.predicate for t in kept}
    return {t for t in triples if t.predicate in predicates}


def test_an_adds_delta_is_the_merged_graphs_change(generated, tmp_path):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(generated["corpus"], corpus)
    build(corpus, store, progress=False, jobs=1)
    before = _merged(store)
    shutil.copytree(generated["first"], corpus / "first")
    report = build(corpus, store, progress=False, jobs=1)
    changed = before ^ _merged(store)
    delta = _delta(report)
    assert delta and delta <= changed  # no line another graph held before and after
    assert _of_predicates(changed, delta) == delta  # and none of the kept predicates' changes left out


def test_after_a_build_stopped_before_validation_the_delta_spans_both_changes(generated, tmp_path, monkeypatch):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(generated["corpus"], corpus)
    build(corpus, store, progress=False, jobs=1)
    validated = _merged(store)

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt("stopped after the load")

    shutil.copytree(generated["first"], corpus / "first")
    with monkeypatch.context() as patch:
        patch.setattr(build_module, "_validate", stopped)
        with pytest.raises(KeyboardInterrupt):
            build(corpus, store, progress=False, jobs=1)
    loaded = _merged(store)
    shutil.copytree(generated["second"], corpus / "second")
    report = build(corpus, store, progress=False, jobs=1)
    now = _merged(store)
    delta = _delta(report)
    # the first add's changes, which no validation saw, are in it as well as the second's
    assert _of_predicates(validated ^ loaded, delta) - (loaded ^ now) <= delta
    assert _of_predicates(validated ^ now, delta) <= delta
