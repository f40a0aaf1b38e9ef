#!/usr/bin/env python3
"""CPU seconds of an add's map stage, piece by piece, as the build runs it on a store that holds the grown
corpus already (every file graph in the map cache: what grows with the corpus, not the files mapped):
read_stage (not timed), then build.resolved() (the bodies memo read, resolve(), the memo written), the
reuse worker's linked pairs (build._cited_files), and to_rdf.map_corpus into a throw-away spool with its
pieces timed (file_fingerprint, _corpus_lines, the map cache's look-ups, the files mapped, the corpus
graph). Nothing is committed: run it again and again, alternating code versions.

    python bench/map_phases.py CORPUS STORE [--root OTHER_CHECKOUT] [--repeats 1]

STORE: a store (a copy) stamped with the code of --root (bench/add_profile.py --restamp), after a build
of CORPUS by that code. Figures: bench/README.md, issue 15, addmap22.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu_timed import cpu_timed  # noqa: E402


def caches() -> str:
    """The memoised pure functions resolution and mapping ask per item: hits, misses, size of each."""
    from loaders import identity, refdata, resolve
    shown = []
    for module, name in ((identity, "_part"), (identity, "year_of"), (resolve, "_slug"), (resolve, "_subject_of"),
                         (resolve, "_words"), (resolve, "_fold"), (refdata, "fold")):
        info = getattr(module, name).cache_info()
        shown.append(f"{module.__name__.split('.')[-1]}.{name} {info.hits}/{info.misses}/{info.currsize}")
        getattr(module, name).cache_clear()
    return "  caches (hits/misses/size): " + ", ".join(shown)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root))
    from loaders import build, to_rdf
    from loaders.cache import MAP_CACHE_FILE, MapCache, MappedGraphs
    from loaders.spool import GraphSpool

    spent: dict[str, float] = defaultdict(float)
    for name in ("file_fingerprint", "_corpus_lines", "_first_files", "_mapped", "_put"):
        setattr(to_rdf, name, cpu_timed(spent, name, getattr(to_rdf, name)))
    MappedGraphs.reuse_all = cpu_timed(spent, "reuse_all", MappedGraphs.reuse_all)
    ocr = ("auto", str(args.store / "ocr-cache"))
    for run in range(args.repeats):
        spent.clear()
        _, loaded, _ = build.read_stage(args.corpus, args.store, 2, build._Progress(False), build.FILE_TIMEOUT, ocr)
        gc.collect()
        gc.disable()  # as the build does while it maps (loaders.build._uncollected)
        with tempfile.TemporaryDirectory(dir=args.store.parent) as tmp, GraphSpool(Path(tmp) / "spool") as spool:
            map_cache = MapCache(args.store / MAP_CACHE_FILE)
            total = time.process_time()
            started = time.process_time()
            resolution = build.resolved(loaded, map_cache)
            spent["resolved"] = time.process_time() - started
            started = time.process_time()
            build._cited_files(loaded, resolution)
            spent["_cited_files"] = time.process_time() - started
            full = build.whole_records(args.corpus, args.store / build.CACHE_FILE, ocr)
            graphs = MappedGraphs(spool, map_cache)
            started = time.process_time()
            to_rdf.map_corpus(loaded, resolution, graphs, build.BATCH, full=full, jobs=1)
            spent["map_corpus"] = time.process_time() - started
            total = time.process_time() - total
            map_cache.close(commit=False)
        del loaded, resolution
        gc.enable()
        gc.collect()
        shown = ", ".join(f"{p} {s:.2f}" for p, s in sorted(spent.items(), key=lambda e: -e[1]))
        print(caches(), flush=True)
        print(f"{args.root.name} run {run + 1}: map stage CPU {total:.2f} s, kept {graphs.kept}; {shown}; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
