"""map_corpus in worker processes (fresh interpreters sent MapTasks) writes what one process writes: the same graphs, byte for byte,
in the same order, with the same repeats (a document saved twice) and corpus graph."""
from __future__ import annotations

import os
from dataclasses import replace

import pytest

from loaders import to_rdf
from loaders.resolve import resolve

def _mapped(docs, jobs: int, batch: int) -> tuple[list, tuple]:
    res = resolve(docs)
    out: dict[str, str] = {}
    repeats = to_rdf.map_corpus(list(docs), res, out, batch=batch, jobs=jobs)
    return list(out.items()), repeats


@pytest.mark.parametrize("batch", [1, 4, 1000])
def test_workers_map_what_one_process_maps(gold_documents, monkeypatch, batch):
    # the same document saved a second time under another name: a repeat, mapped in the main process
    docs = list(gold_documents) + [replace(gold_documents[0], path="again/" + gold_documents[0].path)]
    alone = _mapped(docs, 1, batch)
    monkeypatch.setattr(to_rdf, "POOL_MIN_FILES", 0)  # the pool even for a handful of files
    monkeypatch.setattr(to_rdf, "MAP_CHUNK", 2)
    assert _mapped(docs, 2, batch) == alone
    assert alone[1] and len(alone[0]) == len(docs) + 1  # the repeat, every file, the corpus graph


def test_map_jobs_from_the_environment(monkeypatch):
    monkeypatch.setenv(to_rdf.MAP_JOBS_ENV, "1")
    assert to_rdf.map_jobs() == 1
    monkeypatch.setenv(to_rdf.MAP_JOBS_ENV, "2")
    assert to_rdf.map_jobs() == 2
    monkeypatch.delenv(to_rdf.MAP_JOBS_ENV)
    assert to_rdf.map_jobs() == min(2, os.cpu_count() or 1)  # both cores of a laptop (map_jobs says why)
