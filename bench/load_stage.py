#!/usr/bin/env python3
"""The load stage alone (store.sync_graphs), at the size of a built store: time, CPU, peak memory.

    python bench/load_stage.py SOURCE_STORE [--added-prefix added-] [--work bench/corpus/load-stage]

SOURCE_STORE is a store `directive-kg build` wrote (e.g. bench/run.py's bench/corpus/store-10000
after its 1,000-document add: file graphs named .../file/added-... are the added files). Its named
graphs are dumped once (cached next to --work), then, in a fresh store:
  full      sync_graphs of every graph but the added files (the first build's load stage)
  add       sync_graphs of every graph (the added files are new: the incremental build's load stage)
  replace   one file graph changed (a literal edited), then changed back: ms each
Per step: wall s, CPU s (this process), peak PSS of this process (sampled every 0.1 s), triples of the merged
graph afterwards; at the end the store's size on disk. No reading or mapping: those stages are the same
whatever the store's layout.

--add-only starts the add from the store the last full load left (saved as WORK-full, closed while
copied), to measure the add alone; --profile-add FILE runs the add under cProfile (CPU timer). To
compare with another version of the code: PYTHONPATH=<that tree> python bench/load_stage.py ... (the
script's own folder comes first on the path, then PYTHONPATH, then the editable install).
--copies K (with --full-only) loads K times the dumped corpus (see copied()): the growth of the load
with the corpus, without building a larger corpus. --no-thread gives each phase's CPU apart
(store.PHASES: read, pack, entries, hash, bulk load, holders, manifest). The PSS sampler costs about
1 ms CPU a sample (10 a second of wall time): under a high load average it adds seconds to the total.
Run of 2026-12-06 (load average 16-33 on 2 cores; CPU s, the figure to compare), full load of main's
10,000-document store (10,106 graphs, 3.43 M quads) and of it three times (30,318 graphs, 10.29 M):
    before (main 0bd6886)    10k 54.9 s / PSS 623 MB     30k 205.2 s / 1,438 MB   (+25 % a graph)
    after (--no-thread)      10k 43.3 s / PSS 331 MB     30k 134.8 s / 456 MB     (+4 % a graph)
Phases after, 10k -> 30k: bulk load 26.8 -> 80.8, hash 4.2 -> 12.5, entries 2.8 -> 8.1, pack 2.6 ->
7.2, holders 0.65 -> 1.9, manifest 0.86 -> 2.5. Before, one line was quadratic in the graphs (a set
of the plain graphs built per graph: ~8 s at 10k, ~800 s at 100k) and the index went in by one
transaction per 8 MB (10.9 s at 10k).
Session 12 (10k, load average 20-30): pieces of 64 MB instead of 24 (--piece-mb 64) cost 45.1 s CPU and
798 MB PSS against 34.6 s and 347 MB: larger pieces do not pay. Bulk-loading the merged graph's 574 MB
alone (no index) cost 19-20 s CPU in 24 MB pieces, 16.7 s in 64 MB pieces, 16.3 s in one call (1.5 GB
more memory); lenient parsing the same; the index literals alone (67 MB, 20,209 quads) 0.44 s.
Session 15 (2026-12-07, load average 25-41; main f80fba8 by PYTHONPATH beside this code, the same
minutes; CPU s of the process and of its RocksDB compaction threads, "rocksdb:low", from /proc):
    10k full load        main 42.1 (compaction 9.3)  -> 40.6 (compaction 4.3 + the final merge)  PSS 335 -> 339 MB
    30k (--copies 3)     main 135.2 (compaction 38.1) -> 123.9 (15.2 + the final merge 10.4)    PSS 551 -> 531 MB
The compaction was the part growing faster than the corpus (x4.1 for x3); it now runs behind the
load (store._compactions_behind). holders 0.86 -> 0.24 s at 10k (no np.memmap slice per graph).
Directory builds of /work/corpora/10000, main and this code in the same minutes: load 35.1 -> 28.0 s
CPU (wall 242 -> 348 s at load average 40: the final merge waits for one thread), validate 36.1 ->
34.3 s CPU (no compaction left to it); the two stores hold the same quads (sorted N-Quads, all but
the build graph's, whose stamps differ, equal).
Session 16 (2026-12-07, main d817e01's 10,000 + 1,000 store; load average 7-20): where a full load's CPU
goes. --no-thread, 28.3 s: bulk load 17.9 (with the compactions running behind it), the final merge
(Store.optimize) 3.3, hash 2.4, pack 1.65, entries 1.5, manifest 0.4, read 0.2, holders 0.16. perf record of
the threaded load (27.4 s): pyoxigraph 29 %, kernel 27 % (9 % of it this script's PSS sampler reading
smaps, 4 % copying the SST files' pages), libc 22 % (memcmp 7 %: RocksDB's SstFileWriter checking each
key's order and the loader's sort of the keys; malloc/free 10 %), Python 13 %, zlib 4 %, blake2 3 %; the
compaction threads ("rocksdb:low") 18 % of the samples. Bulk-loading 192 MB of file graphs (8 pieces):
4.4 s CPU in pieces of 24 MB, 4.4 in 48, 4.2 in 96 (PSS 332 / 439 / 644 MB); lenient parsing 5 % less
(the store's strict parse is the only one of the mapped text: kept); glibc's malloc tunables (mxfast=0,
arena_max=2) no change. Oxigraph's bulk_load releases the GIL for the whole call, parses in the calling
thread and builds each batch's SST files in a thread of its own (on 2 cores its parallel parsing is off):
with LOAD_THREAD the load waited for it 9.7-12.6 s of the ~18, the rest overlapped with packing. The final
merge rewrites the data about once (3,000 files: 249 MB written for a 213 MB store), one column family
after the other in one thread. The heldBy entries per subject were ~18 % of the bulk loader's CPU: now
per root subject (loaders/store.py's docstring has the figures before and after).
Session 18 (2026-12-07, /work/corpora/store-10000's graphs, --full-only, alternated; load average 22-36):
--strict 33.29 / 33.78 CPU s, lenient (the default now) 31.84 / 32.11; all 2,894,978 quads of the two stores
equal (sorted N-Quads, sha256). A bare bulk load (150 MB in 24 MB pieces, perf): Oxigraph 45 % (IRI checks
~6 %), libc 38 % (memcmp 14 %: sorting the keys and RocksDB's order checks; malloc/free 17 %), kernel 16 %;
glibc thresholds raised so that its per-piece blocks come from the heap: -6 % there, none in this load (dropped).
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _pss_kb, store_bytes  # noqa: E402

from loaders import store as store_module  # noqa: E402
from loaders.cache import EncodedGraph  # noqa: E402
from loaders.spool import GraphSpool  # noqa: E402
from loaders.store import BUILD_GRAPH, DB_DIR, graph_ntriples, store_graphs, sync_graphs  # noqa: E402


class Peak(threading.Thread):
    """The peak PSS of this process while a step runs."""

    def __init__(self, every: float = 0.1):
        super().__init__(daemon=True)
        self.every, self.peak_kb, self.stopped = every, _pss_kb(os.getpid()), threading.Event()
        self.samples: list[tuple[float, int]] = []  # (s since start, PSS MB) each second

    def run(self) -> None:
        started, last = time.perf_counter(), -1.0
        while not self.stopped.wait(self.every):
            kb = _pss_kb(os.getpid())
            self.peak_kb = max(self.peak_kb, kb)
            if time.perf_counter() - last >= 1.0:
                last = time.perf_counter()
                self.samples.append((round(last - started, 1), kb // 1024))


@contextlib.contextmanager
def measured(name: str, results: dict):
    sampler = Peak()
    sampler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    figures: dict = {}
    try:
        yield figures
    finally:
        sampler.stopped.set()
        sampler.join()
        figures.update(seconds=round(time.perf_counter() - wall, 2), cpu_seconds=round(time.process_time() - cpu, 2),
                       peak_pss_mb=round(sampler.peak_kb / 1024))
        results[name] = figures
        print(f"{name:8} {figures}", flush=True)
        figures["pss_mb_each_second"] = sampler.samples


def dump(source: Path, target: Path) -> dict[str, tuple[int, int]]:
    """Every named graph but the build's, as N-Triples in one file; graph -> (offset, length)."""
    index_file = target.with_suffix(".json")
    if index_file.exists() and target.exists():
        return json.loads(index_file.read_text())
    store = ox.Store.read_only(str(source / DB_DIR))
    index = {}
    with open(target, "wb") as out:
        for g in store_graphs(store):
            if g != BUILD_GRAPH:
                data = graph_ntriples(store, g)  # from the index (or a named graph of an older store)
                index[g] = (out.tell(), len(data))
                out.write(data)
    index_file.write_text(json.dumps(index))
    return index


def spool(path: Path, dumped: Path, index: dict, keep) -> GraphSpool:
    """The graphs as a build's spool has them: each with its text compressed as its map worker did
    (cache.EncodedGraph, GraphSpool.packed), where the code given has it."""
    graphs = GraphSpool(path)
    packed = hasattr(graphs, "packed")
    with open(dumped, "rb") as f:
        for g, (offset, length) in index.items():
            if keep(g):
                f.seek(offset)
                data = f.read(length)
                if packed:
                    e = EncodedGraph.of(data, packed=True)
                    graphs.put_bytes(g, e.data, e.digest, e.blanks, e.packed)
                else:
                    graphs[g] = data.decode("utf-8")
    return graphs


ID = "<https://w3id.org/directive-kg/id/"
FILE_GRAPH = "https://w3id.org/directive-kg/id/graph/file/"
STATIC = ("https://w3id.org/directive-kg/id/graph/ontology", "https://w3id.org/directive-kg/id/graph/reference")


def copied(path: Path, dumped: Path, index: dict, copies: int) -> GraphSpool:
    """A corpus ``copies`` times the dumped one, for the load stage alone: each file graph once per
    copy, its IRIs renamed in copy k > 0 (<.../id/ -> <.../id/cK/); the corpus-wide graphs (corpus,
    text reuse) one graph each of every copy's text, as a build of that many documents has them;
    the static graphs once. Not a real corpus: bodies are repeated per copy."""
    graphs = GraphSpool(path)
    with open(dumped, "rb") as f:
        def text(g: str) -> str:
            offset, length = index[g]
            f.seek(offset)
            return f.read(length).decode("utf-8")
        for g in index:
            if g in STATIC:
                graphs[g] = text(g)
            elif g.startswith(FILE_GRAPH):
                original = text(g)
                for k in range(copies):
                    name = g if not k else f"{FILE_GRAPH}c{k}-{g[len(FILE_GRAPH):]}"
                    graphs[name] = original if not k else original.replace(ID, f"{ID}c{k}/")
            else:
                original = text(g)
                with graphs.writing(g) as out:
                    for k in range(copies):
                        out.write(original if not k else original.replace(ID, f"{ID}c{k}/"))
    return graphs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--added-prefix", default="added-")
    ap.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "corpus" / "load-stage")
    ap.add_argument("--out", type=Path, help="write the figures as JSON")
    ap.add_argument("--piece-mb", type=float, help="store.LOAD_PIECE_CHARS, in millions of characters")
    ap.add_argument("--no-bulk", action="store_true", help="Store.load for every piece, never bulk_load")
    ap.add_argument("--no-thread", action="store_true",
                    help="store.LOAD_THREAD off: each piece loaded in the caller (the phases' CPU then apart)")
    ap.add_argument("--strict", action="store_true", help="store.LENIENT_LOAD off: Oxigraph's IRI checks on")
    ap.add_argument("--files", type=int, help="only the first N file graphs (and the shared graphs)")
    ap.add_argument("--added", type=int, help="with --files: this many added files (default N / 10)")
    ap.add_argument("--full-only", action="store_true", help="only the full load")
    ap.add_argument("--last-as-added", type=int, default=0,
                    help="a store without added files: its last N file graphs are the added ones (the shared "
                         "graphs, corpus and text reuse, are then the same in both loads)")
    ap.add_argument("--add-only", action="store_true",
                    help="skip the full load: start the add from the store a previous run's full load left "
                         "(copied aside as WORK-full), to measure or profile the add alone")
    ap.add_argument("--profile-add", type=Path, help="cProfile the add (CPU timer) into this file")
    ap.add_argument("--copies", type=int, default=1,
                    help="with --full-only: load a corpus this many times the dumped one (see copied())")
    args = ap.parse_args(argv)
    if args.piece_mb:
        store_module.LOAD_PIECE_CHARS = int(args.piece_mb * 1e6)
    if args.no_thread:
        store_module.LOAD_THREAD = False
    if args.strict:
        store_module.LENIENT_LOAD = False
    if args.no_bulk:
        store_module.BULK_MIN_CHARS = store_module.MANIFEST_BULK_MIN_CHARS = 1 << 62
    args.work.mkdir(parents=True, exist_ok=True)
    index = dump(args.source, args.work.with_name(args.work.name + "-graphs.nt"))
    dumped = args.work.with_name(args.work.name + "-graphs.nt")
    added = "/file/" + args.added_prefix
    if args.last_as_added:
        last = set(sorted(g for g in index if "/file/" in g)[-args.last_as_added:])
        index = {(g.replace("/file/", added, 1) if g in last else g): v for g, v in index.items()}
    db = args.work / DB_DIR
    shutil.rmtree(db, ignore_errors=True)
    if args.files:
        files = sorted(g for g in index if "/file/" in g and added not in g)[:args.files]
        added_files = sorted(g for g in index if added in g)[:args.added or max(1, args.files // 10)]
        index = {g: v for g, v in index.items() if "/file/" not in g or g in files or g in added_files}
    results: dict = {"graphs": len(index), "added": sum(added in g for g in index),
                     "piece_chars": store_module.LOAD_PIECE_CHARS, "bulk_min_chars": store_module.BULK_MIN_CHARS,
               "load_thread": getattr(store_module, "LOAD_THREAD", False),
               "lenient": getattr(store_module, "LENIENT_LOAD", False)}
    if args.copies > 1:
        base = copied(args.work / "base.part", dumped, {g: v for g, v in index.items() if added not in g}, args.copies)
        results["copies"] = args.copies
    else:
        base = spool(args.work / "base.part", dumped, index, lambda g: added not in g)
    getattr(store_module, "PHASES", {}).clear()
    snapshot = args.work.with_name(args.work.name + "-full")
    if args.add_only:
        shutil.copytree(snapshot, db)
        store = ox.Store(str(db))
    else:
        with measured("full", results) as r:
            store = ox.Store(str(db))
            r["triples"] = sync_graphs(store, base, stamp="2026-12-05T00:00:00+00:00").triples
        if not args.full_only:  # closed while copied (compactions delete files)
            store.flush()
            del store
            shutil.rmtree(snapshot, ignore_errors=True)
            shutil.copytree(db, snapshot)
            store = ox.Store(str(db))
    results["full_phases"] = {name: {"seconds": round(w, 2), "cpu_seconds": round(c, 2), "peak_rss_mb_after": round(m)}
                              for name, (w, c, m) in getattr(store_module, "PHASES", {}).items()}
    for name, figures in results["full_phases"].items():
        print(f"  {name:12} {figures}", flush=True)
    base.close()
    if args.full_only:
        return _finish(store, db, results, args)
    grown = spool(args.work / "grown.part", dumped, index, lambda g: True)
    profiler = cProfile.Profile(time.process_time) if args.profile_add else None
    with measured("add", results) as r:
        if profiler:
            profiler.enable()
        r["triples"] = sync_graphs(store, grown, stamp="2026-12-05T00:00:00+00:00").triples
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile_add)
    victim = next(g for g in sorted(grown) if "/file/" in g and added not in g)
    original = grown[victim]
    for name, text in (("replace", original.replace('"', '"edited ', 1)), ("restore", original)):
        grown[victim] = text
        with measured(name, results) as r:
            r["triples"] = sync_graphs(store, grown).triples
    grown.close()
    return _finish(store, db, results, args)


def _finish(store: ox.Store, db: Path, results: dict, args: argparse.Namespace) -> int:
    """Close the store, add its size and the load average, print and write the figures."""
    store.flush()
    del store
    results["store_mb"] = round(store_bytes(db) / 2**20)
    results["loadavg"] = os.getloadavg()
    print(json.dumps(results, indent=1))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
