#!/usr/bin/env python3
"""The listing tables of an add, alone and repeatable: CPU seconds of each listing's plan (its walk)
and write (its rows' queries), on the same store and the same change, for two code versions alike.

    python bench/listings_add.py capture CORPUS STORE CHANGE.pickle
        the add (`directive-kg build` of CORPUS on STORE, a COPY of a built store, its caches
        restamped as bench/add_profile.py --restamp does), saving the tables' Change (the last
        build's tables' metadata is read again from LAST below; the validation's changed triples)
    python bench/listings_add.py run STORE LAST CHANGE.pickle OUT [--whole]
        the listings of that add written to OUT/tables from a copy of LAST (the tables folder of the
        store before the add: e.g. /work/corpora/store-30000/tables), updated in place where they
        can be (--whole: every one written whole); then `cmp` OUT's files with a --whole run's

It imports the tree it lies in: to measure another code version, run a copy of it placed in that tree.
2026-12-06, 30,000 documents plus 1,000 (/work/corpora/added-1000), CPU s of write_tables, main
against the branch addlist: 33.9 / 30.4 at load average ~20, 28.7 / 25.0 at ~4 (reporting-lines,
plan + write, 6.5 -> 3.2, now updated in place; documents 2.3 -> 1.8); the files the same bytes as
written whole. The rest is hidden-links 9.2, implicit-citations 5.2, channel-crossings 2.2: written
whole (directive_kg.listing_delta's docstring says why).
2026-12-07 (branch addlists, 10,000 plus 1,000, load average ~28, LAST written by each code version's
queries): process CPU main 8.15, addlists 9.43: merged_change costs ~1.3 s (the heldBy look-up of the
changed lines' 50,210 subjects 0.8) and puts channel-crossings in place (plan 0.73 + write 0.25 against
0.74 whole here; 9.3 whole at 100,000); implicit-citations is written whole before its walk (WALK_COST),
copies and missing-documents too; the files the same bytes as written whole. A 30,000 capture could not
be made this session: main's validation memo of /work/corpora/store-30000 did not match main's checks
(the add validated whole and handed the tables no change). At the merge (integ) merged_change was
removed: the validation's Delta holds only the merged graph's changes since the branch addtables
(loaders.validate._Keeper._merged), the same cut without the look-up.
"""
from __future__ import annotations

import json
import logging
import pickle
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def capture(corpus: str, store: str, out: str) -> None:
    import loaders.build as build_module
    from add_profile import restamp

    original = build_module.write_all_tables

    def write_all_tables(kg_store, path, jobs, change):
        with open(out, "wb") as f:
            pickle.dump(None if change.delta is None else change.delta.by_p, f)
        return original(kg_store, path, jobs, change)

    build_module.write_all_tables = write_all_tables
    restamp(Path(store))
    report = build_module.build(corpus, store, progress=False)
    print(json.dumps({k: round(v, 2) for k, v in report.cpu_seconds.items()}))


def run(store_dir: str, last_dir: str, change_file: str, out: str, whole: bool) -> None:
    from directive_kg import listing_delta, listings
    from directive_kg.table_delta import Change
    from loaders.store import open_store
    from loaders.validate_scope import Delta

    store = open_store(store_dir, read_only=True)
    store = getattr(store, "store", store)
    delta = Delta([])
    delta.by_p = pickle.loads(Path(change_file).read_bytes())
    last = {f.name: json.loads(f.read_bytes()) for f in Path(last_dir).glob("*.json")}
    cpu: dict[str, float] = {}

    def timed(name, f, at):
        def g(*a, **k):
            t = time.thread_time()
            try:
                return f(*a, **k)
            finally:
                key = f"{name} {a[at].name}"
                cpu[key] = cpu.get(key, 0.0) + time.thread_time() - t
        return g

    listing_delta.plan = timed("plan", listing_delta.plan, 2)
    listings._write_one = timed("write", listings._write_one, 2)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(last_dir, Path(out) / listings.FOLDER)
    t = time.process_time()
    rows = listings.write_tables(store, out, None, None if whole else Change(last, delta))
    print(f"write_tables process CPU {time.process_time() - t:.2f}")
    for k, v in sorted(cpu.items()):
        print(f"  {k:32} {v:6.2f}")
    print(rows)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    args = sys.argv[1:]
    if args[:1] == ["capture"] and len(args) == 4:
        capture(*args[1:])
    elif args[:1] == ["run"] and len(args) in (5, 6):
        run(*args[1:5], whole=args[5:] == ["--whole"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
