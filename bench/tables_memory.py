#!/usr/bin/env python3
"""The memory of the build's stage "tables", one job at a time, on a built store (written whole, as a
full build writes it): per job, Python's peak (tracemalloc, what the job's own objects cost) or the
process's RSS before, at its peak (sampled) and after (collected and trimmed: what the store's
caches keep), and its CPU seconds.

    .venv/bin/python bench/tables_memory.py STORE [--rss] [JOB ...]

Python's peak and RSS are measured apart: tracemalloc doubles the CPU and does not see Oxigraph's
allocations. Memory does not depend on the machine's load.

2026-12-07, 11,000 documents (/work/corpora/store-10000), Python's peak MB, main f80fba8 -> helper
mainmem (tables streamed to their files): reuse-levels 51 -> 42, downstream-tasks 58 -> 22,
propagation-tree 21 -> 10, uptake 28 -> 13, documents 24 -> 21, signatures 28 -> 28. RSS: the first
job that reads the text of passages grows Oxigraph's caches by ~165 MB (kept until the store is
closed: RocksDB's block caches, 128 MB of them the strings' column family's; the same job again adds
nothing).

2026-12-07 (load average 15-38), branch tables16: reuse-levels' passages streamed one reuse after another
(doc_tables._PASSAGES, no hash join of every passage) and only parent and sibling pairs summed. 30,000
documents (a copy of /work/corpora/store-30000), reuse-levels alone: RSS peak +530 -> +277 MB (of which
~215 are the store's caches, kept), Python's peak 159 -> 71 MB; its CPU 12-15 -> 14.6-17 s (the
passages read by index seeks, not hash joins). The stage (bench/tables_stage.py, 2 threads, /usr/bin/time
max RSS, base d817e01 and branch in the same minutes): 30k 827 -> 660 MB, CPU 55.4 -> 57.6 s (reuse-levels
15.3 -> 16.0); 10k 374 -> 337 MB, 16.8 -> 18.9 s (reuse-levels 4.0 -> 5.6). A 10k build
(bench/memory_profile.py): the tables stage's main PSS 436 -> 396 MB, CPU 15.5 -> 16.1 s. Every table's
files the same (cmp).
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg.doc_tables import doc_table_jobs  # noqa: E402
from directive_kg.listings import listing_jobs  # noqa: E402


def rss_mb() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 >> 20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("jobs", nargs="*", help="only these tables")
    ap.add_argument("--rss", action="store_true", help="RSS (sampled) instead of Python's peak")
    args = ap.parse_intermixed_args()
    from loaders.store import open_store

    trim = ctypes.CDLL("libc.so.6").malloc_trim
    peak = [0]
    if args.rss:
        def sample() -> None:
            while True:
                peak[0] = max(peak[0], rss_mb())
                time.sleep(0.02)
        threading.Thread(target=sample, daemon=True).start()
    else:
        tracemalloc.start(1)
    with open_store(args.store, read_only=False) as kg:
        for job in [*doc_table_jobs(kg.store, kg.path), *listing_jobs(kg.store, kg.path)]:
            if args.jobs and job.name not in args.jobs:
                continue
            gc.collect()
            trim(0)
            before, cpu = (rss_mb() if args.rss else tracemalloc.get_traced_memory()[0]), time.process_time()
            peak[0] = before
            if not args.rss:
                tracemalloc.reset_peak()
            rows = job.write()
            cpu = time.process_time() - cpu
            if args.rss:
                top, after = peak[0], rss_mb()
                gc.collect()
                trim(0)
                print(f"{job.name:22} rows {rows:8}  RSS before {before} MB, peak +{top - before}, after +{after - before}, "
                      f"trimmed +{rss_mb() - before}; CPU {cpu:.1f} s", flush=True)
            else:
                print(f"{job.name:22} rows {rows:8}  Python's peak +{(tracemalloc.get_traced_memory()[1] - before) >> 20} MB; "
                      f"CPU {cpu:.1f} s", flush=True)


if __name__ == "__main__":
    main()
