#!/usr/bin/env python3
"""An add's tables stage replayed: the store an add left, the tables the last build wrote (a copy of
its tables folder, taken before the add) and the Change the add saved (bench/tables_add.py
--save-change FILE); each table's thread CPU, the walks' CPU, and the files written, so that one code
version and another can be compared on the same add in the same minutes (the add itself, minutes of
read, map, load and validation, run once):

    .venv/bin/python bench/tables_replay.py STORE LAST_TABLES CHANGE OUT [--workers 2] [--profile F] [--meta-from-last] [--only NAME,...]

OUT: a folder (made empty) where the tables are written (OUT/tables); compare two replays' with
`diff -r` or with the add's own (STORE/tables). --profile: cProfile (thread CPU timer) of the stage
run on one thread, saved to F. --meta-from-last: the last build's metadata read from LAST_TABLES' .json
files, not from CHANGE (LAST_TABLES written by another code version than the add's: bench/tables_whole.py
on the store before the add). --only: those tables alone (the others, and their walks, not run). The
store is opened read-only.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import listings, table_delta  # noqa: E402
from tables_add import timed, timed_tables  # noqa: E402  (bench/, the script's folder)
from tables_whole import beside  # noqa: E402
from directive_kg.listings import FOLDER  # noqa: E402
from loaders.store import open_store  # noqa: E402
from loaders.validate_scope import Delta  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("last", type=Path, help="the last build's tables folder (a copy)")
    ap.add_argument("change", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--meta-from-last", action="store_true")
    ap.add_argument("--only", help="table names, comma-separated")
    args = ap.parse_args()
    last, by_p = pickle.loads(args.change.read_bytes())
    if args.meta_from_last:
        last = {f.name: json.loads(f.read_bytes()) for f in sorted(args.last.glob("*.json"))}
    delta = None
    if by_p is not None:
        delta = Delta([])
        delta.by_p = by_p
    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(args.last, args.out / FOLDER)
    beside(args.store, args.out)
    if args.only:
        from directive_kg import doc_tables, queries
        names = set(args.only.split(","))
        every = queries.list_queries
        queries.list_queries = lambda *a, **k: [q for q in every(*a, **k) if q.name in names]
        doc_tables.SPECS = {k: v for k, v in doc_tables.SPECS.items() if k in names}
    per_table = timed_tables()
    spent: dict[str, float] = {}
    table_delta.reached = timed(spent, "walks", table_delta.reached)  # imported by the planners when they run (main thread)
    with open_store(args.store, read_only=True) as kg:
        profiler = cProfile.Profile(time.thread_time) if args.profile else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        rows = listings.write_all_tables(kg.store, args.out, 1 if profiler else args.workers,
                                         table_delta.Change(last, delta))
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"process CPU": round(cpu, 2), "wall": round(wall, 2), "walks": round(spent.get("walks", 0.0), 2),
                      **{k: round(v, 2) for k, v in sorted(per_table.items(), key=lambda kv: -kv[1])},
                      "rows": rows}))


if __name__ == "__main__":
    main()
