"""Slim records (loaders.resolve.slim_record): resolution reads only them and resolves as from whole
records; the mapper gets each whole record back a batch at a time (to_rdf.map_corpus's ``full``) and
writes the same graphs, byte for byte, in one process or in worker processes (loaders.workers)."""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass, replace

import pytest

from loaders import to_rdf
from loaders.records import Span
from loaders.resolve import resolve


ASKED: list[str] = []  # the files _Whole was asked for in this process (a map worker's go to its own copy)


@dataclass(frozen=True)
class _Whole:
    """map_corpus's ``full`` from the whole records: picklable, as the map's workers receive it."""
    whole: dict

    def __call__(self, ld):
        ASKED.append(ld.path)
        return self.whole[ld.path]


def _with_repeat(gold_documents) -> list:
    """The gold records and the first one saved again under another name (a repeat reads its first file)."""
    return list(gold_documents) + [replace(gold_documents[0], path="again/" + gold_documents[0].path)]


def _slim(docs) -> list:
    strings: dict[str, str] = {}
    return [d.slimmed(strings) for d in docs]


def test_resolving_slim_records_gives_the_resolution_of_whole_ones(gold_documents):
    docs = _with_repeat(gold_documents)
    assert resolve(_slim(docs)) == resolve(docs)


def test_a_slim_record_keeps_no_evidence_nor_texts_and_shares_its_strings(gold_documents):
    first = gold_documents[0]
    quoted = replace(first, record=replace(first.record, evidence={"number": Span(0, 3, first.record.number[:3])}))
    slim = _slim((quoted, *gold_documents[1:]))
    assert all(d.slim and not d.record.evidence for d in slim)
    assert all(not a.text for d in slim for a in d.record.assignments)
    assert all(d.record.ocr is None and not d.record.distribution and not d.record.warnings for d in slim)
    issuers = [d.record.issuer for d in slim if d.record.issuer]
    assert len(set(issuers)) < len(issuers)  # names repeat across files: one object each
    assert len({id(name) for name in issuers}) == len(set(issuers))
    assert slim[0].slimmed({}) is slim[0]  # slimming twice is nothing


@pytest.mark.parametrize("jobs,batch", [(1, 1), (1, 3), (1, 1000), (2, 4)])
def test_slim_records_map_to_the_same_graphs_as_whole_ones(gold_documents, monkeypatch, jobs, batch):
    docs = _with_repeat(gold_documents)
    expected: dict[str, str] = {}
    repeats = to_rdf.map_corpus(list(docs), resolve(docs), expected, batch=batch, jobs=1)
    full = _Whole({d.path: d for d in docs})
    ASKED.clear()
    monkeypatch.setattr(to_rdf, "POOL_MIN_FILES", 0)  # the pool even for a handful of files
    monkeypatch.setattr(to_rdf, "MAP_CHUNK", 2)
    slim = _slim(docs)
    got: dict[str, str] = {}
    assert to_rdf.map_corpus(slim, resolve(slim), got, batch=batch, jobs=jobs, full=full) == repeats
    assert list(got.items()) == list(expected.items())
    # every file's whole record was asked for, here or (jobs 2) in the workers, which read them
    # themselves: the parent reads only those of the repeat and of its first file
    assert set(ASKED) == (set(full.whole) if jobs == 1 else {docs[0].path, docs[-1].path})


@dataclass(frozen=True)
class _KilledInWorker(_Whole):
    """As _Whole, but a worker process asked for ``path`` is killed (as the out-of-memory killer would)."""
    path: str
    parent: int

    def __call__(self, ld):
        if ld.path == self.path and os.getpid() != self.parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(ld)


def test_a_chunk_whose_map_worker_died_is_mapped_here_to_the_same_graphs(gold_documents, monkeypatch):
    docs = _with_repeat(gold_documents)
    expected: dict[str, str] = {}
    to_rdf.map_corpus(list(docs), resolve(docs), expected, batch=4, jobs=1)
    monkeypatch.setattr(to_rdf, "POOL_MIN_FILES", 0)
    monkeypatch.setattr(to_rdf, "MAP_CHUNK", 2)
    victim = docs[2].path
    full = _KilledInWorker({d.path: d for d in docs}, victim, os.getpid())
    ASKED.clear()
    slim = _slim(docs)
    got: dict[str, str] = {}
    to_rdf.map_corpus(slim, resolve(slim), got, batch=4, jobs=2, full=full)
    assert list(got.items()) == list(expected.items())
    assert victim in ASKED  # its chunk was mapped again in this process


def test_a_slim_record_without_its_whole_record_is_refused_naming_the_file(gold_documents):
    slim = _slim(gold_documents[:2])
    with pytest.raises(ValueError, match=gold_documents[0].path):
        to_rdf.map_corpus(slim, resolve(slim), {}, batch=10)
