#!/usr/bin/env python3
"""The SHACL checking process a build starts beside its load (validate.BatchChecks, _Beside), at the
size of a built store: the peak PSS of that process, of its batch children and of the two together,
sampled every 0.2 s while it checks the first BATCHES batches of 1,000 file graphs.

    .venv/bin/python bench/checking_process.py STORE [BATCHES]      # STORE: a built store folder (read only)

It reads the shared graphs (corpus, ontology, reference) from STORE/validation-memo.sqlite and the file
graphs from STORE/map-cache.sqlite, both opened read-only. The process is a fresh interpreter, so what it
holds does not depend on the build's own memory: the figure is the one a build's checking process has.
"""
from __future__ import annotations

import sqlite3
import sys
import threading
import time
import zlib
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class MapCacheTexts(Mapping):
    """Graph -> N-Triples of a map cache file, read-only, each text read when asked (pickled: the path)."""

    def __init__(self, path: str, names: list[str]):
        self.path, self.names, self._db = path, list(names), None

    def __getstate__(self) -> dict:
        return {"path": self.path, "names": self.names, "_db": None}

    def __getitem__(self, graph: str) -> str:
        if self._db is None:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        row = self._db.execute("SELECT text FROM graphs WHERE graph = ?", (graph,)).fetchone()
        if row is None:
            raise KeyError(graph)
        return zlib.decompress(row[0]).decode("utf-8")

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def main(store: Path, batches: int) -> None:
    import psutil

    from checking_process import MapCacheTexts as Texts  # by module name: the checking process imports it
    from loaders.validate import BatchChecks, GraphsOf

    memo = sqlite3.connect(f"file:{store / 'validation-memo.sqlite'}?mode=ro", uri=True)
    shared = {g: zlib.decompress(t).decode("utf-8") for g, t in memo.execute("SELECT graph, text FROM shared")}
    cache = str(store / "map-cache.sqlite")
    names = [g for (g,) in sqlite3.connect(f"file:{cache}?mode=ro", uri=True).execute(
        "SELECT graph FROM graphs WHERE graph LIKE '%/graph/file/%' ORDER BY graph LIMIT ?", (1000 * batches,))]
    texts = Texts(cache, names)
    me, peak, done = psutil.Process(), {"checking process": 0, "batch child": 0, "both": 0}, threading.Event()

    def pss(p) -> int:
        try:
            return p.memory_full_info().pss >> 20
        except psutil.Error:
            return 0

    def command(p) -> str:
        try:
            return " ".join(p.cmdline())
        except psutil.Error:
            return ""

    def sample() -> None:
        while not done.is_set():
            each = {p: pss(p) for p in me.children(recursive=True)}
            checker = [p for p in each if "loaders.workers" in command(p)]
            peak["checking process"] = max(peak["checking process"], *(each[p] for p in checker[:1]), 0)
            peak["batch child"] = max(peak["batch child"], *(v for p, v in each.items() if p not in checker[:1]), 0)
            peak["both"] = max(peak["both"], sum(each.values()))
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    started = time.perf_counter()
    checks = BatchChecks([GraphsOf(texts, names[i:i + 1000]) for i in range(0, len(names), 1000)], shared, None)
    list(checks.running.results())
    done.set()
    corpus = max(len(t) for t in shared.values()) / 1e6
    print(f"{store}: the corpus graph {corpus:.1f} MB of N-Triples, {len(names)} file graphs checked in "
          f"{time.perf_counter() - started:.0f} s; peak PSS MB: " + ", ".join(f"{k} {v}" for k, v in peak.items()))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2)
