#!/usr/bin/env python3
"""The reuse stage's arrays (loaders.reuse_graph.PASSAGES_FILE) written beside a store from the store's
own TextReuse passages, for a store built by code older than the arrays (before session 20) whose
tables a newer version is to replay (bench/tables_replay.py): without them reuse-levels reads the
store's passages, as no build now does. --stamp: stamped with the store's build, as its reuse stage
now stamps them (doc_tables._built_reuses then reads them without scanning the reuse nodes):

    .venv/bin/python bench/passages_from_store.py STORE [--stamp]

The same rows as the reuse stage writes (reuse-levels' lines byte-identical to the add's own at
31,000 documents), in the store's order.
"""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg.doc_tables import _PASSAGES  # noqa: E402
from directive_kg.listings import build_stamp  # noqa: E402
from loaders.reuse_graph import PASSAGES_FILE, node_digest  # noqa: E402
from loaders.store import open_store, query_graph  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--stamp", action="store_true")
    args = ap.parse_args()
    reuses: dict[str, list] = {}
    with open_store(args.store, read_only=True) as kg:
        for r, sim, d, s, e in query_graph(kg.store, _PASSAGES):
            reuses.setdefault(r.value, [int(Decimal(sim.value) * 1000), set()])[1].add((d.value, int(s.value), int(e.value)))
        stamp = build_stamp(kg.store) if args.stamp else ""
    index: dict[str, int] = {}
    rows = []
    for r, (sim, passages) in reuses.items():
        (a, a_s, a_e), (b, b_s, b_e) = sorted(passages)  # a reuse joins two documents' passages
        rows.append((index.setdefault(a, len(index)), index.setdefault(b, len(index)), a_s, a_e, b_s, b_e, sim))
    count, total = node_digest(reuses)
    with open(args.store / PASSAGES_FILE, "wb") as f:
        np.savez(f, passages=np.array(rows, dtype=np.int64).reshape(len(rows), 7), documents=np.array(list(index), dtype=str),
                 digest=np.array([count, total], dtype=np.uint64), stamp=np.array(stamp or ""))
    print(f"{len(rows)} reuses, {len(index)} documents, stamp {stamp!r}")


if __name__ == "__main__":
    main()
