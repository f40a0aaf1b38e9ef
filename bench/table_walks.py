"""The walks of an add's tables replayed (table_delta.reached), each alone: its changed ends, nodes
reached, documents counted and thread CPU, on the store the add left and the Change it saved
(bench/tables_add.py --save-change FILE):

    .venv/bin/python bench/table_walks.py STORE FILE [--tables NAME ...] [--profile]

Per-document tables walk as doc_tables._plan does (their share, their documents counted); listings as
listing_delta.plan (REACH of their rows, nodes counted). --profile: cProfile of each walk, top 15.
The store is opened read-only; the walks share their steps (Change.seen) in the build's order
(listings, then per-document tables), unless --alone.
"""
from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import doc_tables, listing_delta, table_delta  # noqa: E402
from directive_kg.listings import FOLDER  # noqa: E402
from directive_kg.queries import load_query  # noqa: E402
from loaders.store import open_store  # noqa: E402
from loaders.validate_scope import Delta  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("change", type=Path)
    ap.add_argument("--tables", nargs="+")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--alone", action="store_true", help="each walk its own steps")
    args = ap.parse_args()
    last, by_p = pickle.loads(args.change.read_bytes())
    walks = [(spec.query, spec.rows, None, None) for spec in listing_delta.specs()]
    walks += [(spec.query, spec.rows, spec.reads, spec) for spec in doc_tables.SPECS.values()]
    delta = Delta([])
    delta.by_p = by_p
    shared = table_delta.Change(last, delta)
    with open_store(args.store, read_only=True) as kg:
        for name, rows, reads, spec in walks:
            if args.tables and name not in args.tables:
                continue
            change = table_delta.Change(last, delta) if args.alone else shared
            scope = table_delta.positions_of(rows, reads)
            left = None if scope is None else table_delta.starts(delta, scope)
            if spec is not None:
                meta = last.get(f"{name}{doc_tables.SUFFIX}.json")
                n = int(meta["documents"])
                share = table_delta.SHARE if spec.share is None else spec.share
                limit = int(share * n)
                counted = doc_tables._documents_in(kg.path / FOLDER, name, n)
            else:
                meta = last.get(f"{name}.json")
                limit, counted = int(listing_delta.REACH * int(meta["rows"])), None
            profiler = cProfile.Profile(time.thread_time)
            before = len(change.seen)
            t = time.thread_time()
            if args.profile:
                profiler.enable()
            found = table_delta.reached(kg.store, change, rows, reads, limit, counted)
            profiler.disable()
            cpu = time.thread_time() - t
            print(f"{name:20} ends {-1 if left is None else len(table_delta._nodes(left)):7}  nodes {-1 if found is None else len(found):7}  "
                  f"limit {limit:6}  CPU {cpu:7.2f} s  look-ups {len(change.seen) - before:8} "
                  f"(first step {0 if left is None else table_delta.first_lookups(left, scope)})", flush=True)
            if args.profile:
                pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
