"""CPU of a per-document table's rows computed whole against bound to some of its documents (what
an add's in-place update computes, doc_tables.update_doc_table), per document, on a built store:

    .venv/bin/python bench/doc_rows.py STORE [--sizes 100 1000 4000] [--tables reuse-levels ...] [--repeats 1] [--arrays]

The documents bound are drawn (seed 0) from those the table holds. Prints, per table and size, the
thread CPU ms of the rows (query and `extend`) and of their lines, and ms a document; whole: the
table's every document. The store is opened read-only. --arrays: STORE given as the store's folder,
so that reuse-levels reads the reuse stage's arrays beside it (as a build does); without it the
store's passages (SPARQL), as before tables20.

Figures (2026-12-07, load 20-44, CPU ms a document): reuse-levels at 11,000 documents (a 10k + 1,000
store), whole 0.29, bound 1,000 / 4,000 / 8,000: 1.0 / 0.84 / 0.80 (main db04791: 1.1 / 12.1 / -, its
type test a scan of every TextReuse for each reuse bound); at 30,000 (store-30000) whole 0.49, bound
1,000 / 4,000: 2.1 / 1.6 (main: 2.3 / not done in 900 s). propagation-tree at 11,000: whole 0.048, bound
0.16 / 0.12 / 0.11; at 30,000 whole 0.058, bound 0.26 / 0.20.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import doc_tables  # noqa: E402
from directive_kg.listings import FOLDER  # noqa: E402
from loaders.store import open_store  # noqa: E402


def _documents(store_dir: Path, name: str) -> list[str]:
    data = doc_tables._paths(store_dir / FOLDER, name)[0]
    with open(data, "rb") as f:
        return [json.loads(line)[0] for line in f]


def _cpu(f) -> tuple[float, object]:
    t = time.thread_time()
    out = f()
    return time.thread_time() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 4000])
    ap.add_argument("--tables", nargs="+", default=list(doc_tables.SPECS))
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--arrays", action="store_true")
    args = ap.parse_args()
    with open_store(args.store, read_only=True) as kg:
        for name in args.tables:
            spec = doc_tables.SPECS[name]
            every = _documents(args.store, name)
            for size in [None, *args.sizes]:
                if size is not None and size > len(every):
                    continue
                chosen = None if size is None else sorted(random.Random(0).sample(every, size))
                for _ in range(args.repeats):
                    rows_cpu, (names, rows) = _cpu(lambda: doc_tables._rows(kg.store, spec, chosen,
                                                                       args.store if args.arrays else None))
                    rows = list(rows)
                    lines_cpu, (lines, _count) = _cpu(lambda: doc_tables._lines(names, rows))
                    n = len(every) if size is None else size
                    print(f"{name:18} {'whole' if size is None else size:>6}  rows {1000 * rows_cpu:9.1f} ms  "
                          f"lines {1000 * lines_cpu:7.1f} ms  {1000 * (rows_cpu + lines_cpu) / n:6.3f} ms/doc  "
                          f"({len(lines)} documents with rows)", flush=True)


if __name__ == "__main__":
    main()
