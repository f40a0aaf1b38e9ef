"""The mapped graphs of a build, on disk: map in batches, then load and validate from the file.

A build used to hold the N-Triples of the whole corpus as text from map to load (0.155 MB a
document: 15 GB at 100,000 documents). ``GraphSpool`` is a mapping graph IRI -> N-Triples text
whose texts live in one file next to the store; only (offset, length, content hash, has blank
nodes) stay in memory. ``to_rdf.map_corpus`` writes every file's graph to it a batch of files at a time.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from loaders import identity as ids

__all__ = ["GraphSpool", "file_batches", "FILE_GRAPH_PREFIX", "is_file_graph"]

FILE_GRAPH_PREFIX = ids.file_graph_iri("x")[:-1]  # what every file graph IRI starts with


def is_file_graph(graph: str) -> bool:
    return graph.startswith(FILE_GRAPH_PREFIX)


@dataclass(frozen=True)
class _Entry:
    offset: int
    length: int
    digest: str       # sha256 of the UTF-8 text (store.content_hash)
    blanks: bool      # holds blank nodes ("_:")
    packed: int = 0   # length of the text compressed (cache.EncodedGraph.packed), written after it; 0: none


class GraphSpool(MutableMapping):
    """Graph IRI -> N-Triples text, the texts in ``path`` (appended; a replaced text leaves its old
    bytes behind, unread). ``close()`` deletes the file."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._file = open(self.path, "w+b")
        self._index: dict[str, _Entry] = {}

    def __setitem__(self, graph: str, text: str) -> None:
        data = text.encode("utf-8")
        self.put_bytes(graph, data, hashlib.sha256(data).hexdigest(), b"_:" in data)

    def put_bytes(self, graph: str, data: bytes, digest: str, blanks: bool, packed: bytes | None = None) -> None:
        """A graph's text already encoded (UTF-8) and hashed (where it was mapped: a map worker); ``packed``:
        it compressed there too (the map cache's), kept for the store's index (``packed``)."""
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        if packed:
            self._file.write(packed)
        self._index[graph] = _Entry(offset, len(data), digest, blanks, len(packed or b""))

    @contextmanager
    def writing(self, graph: str) -> Iterator["_GraphWriter"]:
        """A text stream that appends ``graph`` piece by piece (a large graph is never held whole:
        the text-reuse graph of 10,000 documents is 140 MB); the graph exists once the block ends,
        if anything was written."""
        writer = _GraphWriter(self._file)
        yield writer
        if writer.length:
            self._index[graph] = _Entry(writer.offset, writer.length, writer.sha.hexdigest(), writer.blanks)

    def __getitem__(self, graph: str) -> str:
        e = self._index[graph]
        self._file.seek(e.offset)
        return self._file.read(e.length).decode("utf-8")

    def __delitem__(self, graph: str) -> None:
        del self._index[graph]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, graph: object) -> bool:  # Mapping's would read the text
        return graph in self._index

    def runs(self, graph: str, size: int) -> Iterator[bytes]:
        """The graph's N-Triples as bytes, in runs of whole lines of about ``size`` bytes (a large
        graph is loaded a piece at a time, never read whole)."""
        e = self._index[graph]
        at, end = e.offset, e.offset + e.length
        while at < end:
            self._file.seek(at)
            run = self._file.read(min(size, end - at))
            if at + len(run) < end:
                cut = run.rfind(b"\n") + 1
                run = run[:cut] if cut else run + self._file.readline()
            yield run
            at += len(run)

    def digest(self, graph: str) -> str:
        return self._index[graph].digest

    def packed(self, graph: str) -> bytes | None:
        """The graph's text as cache.EncodedGraph.of compressed it where it was mapped (None: not kept):
        the store's index literal of a small graph is that, in base64 (not compressed again)."""
        e = self._index[graph]
        if not e.packed:
            return None
        self._file.seek(e.offset + e.length)
        return self._file.read(e.packed)

    def has_blanks(self, graph: str) -> bool:
        return self._index[graph].blanks

    def chars(self, graph: str) -> int:
        return self._index[graph].length

    def reader(self) -> "GraphSpool":
        """The texts written so far, read-only through a file of its own (another thread reads them
        while this one goes on writing: a shared file's seek and read would interleave); ``close()``
        closes that file only."""
        view = GraphSpool.__new__(GraphSpool)
        view.__setstate__({**self.__getstate__(), "_index": dict(self._index)})
        return view

    def __getstate__(self) -> dict:
        """Pickled for another process (validate.BatchChecks' checking process): it reads the texts
        written so far through a file of its own (__setstate__), read-only."""
        self._file.flush()
        return {"path": self.path, "_index": self._index}

    def __setstate__(self, state: dict) -> None:
        self.path, self._index = state["path"], state["_index"]
        self._file = open(self.path, "rb")
        self._reader = True

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()
        if not getattr(self, "_reader", False):  # a reader's (or another process's) copy: the file stays
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> "GraphSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _GraphWriter:
    """What GraphSpool.writing yields: ``write(text)`` appends to the spool file, hashing as it goes."""

    def __init__(self, file):
        self._file = file
        self.offset = file.seek(0, os.SEEK_END)
        self.length, self.sha, self.blanks, self._last = 0, hashlib.sha256(), False, b""

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._file.seek(self.offset + self.length)  # the spool may have been read meanwhile
        self._file.write(data)
        self.sha.update(data)
        self.blanks = self.blanks or b"_:" in self._last + data[:1] or b"_:" in data
        self.length += len(data)
        self._last = data[-1:] or self._last
        return len(text)


def file_batches(graphs, size: int) -> Iterator[list[str]]:
    """The file graphs of ``graphs``, sorted, in lists of ``size``."""
    files = sorted(g for g in graphs if is_file_graph(g))
    for i in range(0, len(files), size):
        yield files[i:i + size]
