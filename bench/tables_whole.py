#!/usr/bin/env python3
"""Every table of a built store written whole (as a build's last stage does, no Change) into OUT/tables,
with this code: the last tables of an add replayed by another code version (bench/tables_replay.py
--meta-from-last), or a whole write to compare an update in place with (`diff -r`). Prints the process
CPU and each table's thread CPU:

    .venv/bin/python bench/tables_whole.py STORE OUT [--workers 2]

The store is opened read-only; the tables are stamped with its build. The reuse stage's arrays beside
STORE are copied into OUT (beside).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import listings  # noqa: E402
from tables_add import timed_tables  # noqa: E402  (bench/, the script's folder)
from loaders.store import open_store  # noqa: E402


def beside(store: Path, out: Path) -> None:
    """The reuse stage's arrays (loaders.reuse_graph.PASSAGES_FILE) copied from STORE into OUT, where a
    build has them beside its tables (code that does not read them ignores them)."""
    from loaders.reuse_graph import PASSAGES_FILE

    out.mkdir(parents=True, exist_ok=True)
    if (store / PASSAGES_FILE).exists():
        shutil.copy2(store / PASSAGES_FILE, out / PASSAGES_FILE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    per_table = timed_tables()
    beside(args.store, args.out)
    with open_store(args.store, read_only=True) as kg:
        cpu = time.process_time()
        listings.write_all_tables(kg.store, args.out, args.workers)
        cpu = time.process_time() - cpu
    print(json.dumps({"process CPU": round(cpu, 2),
                      **{k: round(v, 2) for k, v in sorted(per_table.items(), key=lambda kv: -kv[1])}}))


if __name__ == "__main__":
    main()
