#!/usr/bin/env python3
"""hidden-links' table on a built store: the SPARQL (queries.run) against the rows computed in Python
(directive_kg.hidden_links, what the build writes), alternated, CPU s each, and their lines compared
byte for byte (listings.line), with the table file the store's own build wrote when --table is given.

    .venv/bin/python bench/hidden_links.py STORE [--rounds 2] [--table STORE/tables/hidden-links.jsonl] [--parts]

--parts: the computed path's phases (the reuses' query and the pairs, the documents' look-ups, the
order). Prints one JSON line a run, then whether every run's lines were equal.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import hidden_links, listings  # noqa: E402
from directive_kg.queries import load_query, run  # noqa: E402
from loaders.store import open_store  # noqa: E402


def timed(name: str, f):
    t = time.process_time()
    out = f()
    return out, round(time.process_time() - t, 2)


def parts(store, query) -> dict[str, float]:
    """The computed path, phase by phase (CPU s)."""
    pairs, t_pairs = timed("pairs", lambda: hidden_links._pairs(store))
    docs, t_docs = timed("documents", lambda: hidden_links._documents(store, {d for p in pairs for d in p}))
    _, t_all = timed("all", lambda: hidden_links.result(query, store))
    return {"pairs": t_pairs, "documents": t_docs, "documents_n": len(docs[0]), "pairs_n": len(pairs),
            "whole": t_all}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--table", type=Path)
    ap.add_argument("--parts", action="store_true")
    args = ap.parse_args()
    query = load_query("hidden-links")
    outputs = []
    with open_store(args.store, read_only=True) as kg:
        for r in range(args.rounds):
            for name, f in (("sparql", lambda: run(query, {}, store=kg.store, timeout=None)),
                            ("computed", lambda: hidden_links.result(query, kg.store))):
                res, cpu = timed(name, f)
                lines = b"".join(listings.line(res.columns, row) for row in res.rows)
                outputs.append(lines)
                print(json.dumps({"round": r, "run": name, "cpu": cpu, "rows": len(res.rows),
                                  "load": round(os.getloadavg()[0], 1)}), flush=True)
        if args.parts:
            print(json.dumps(parts(kg.store, query)), flush=True)
    same = all(o == outputs[0] for o in outputs)
    print(json.dumps({"equal": same, "bytes": len(outputs[0]),
                      "table_equal": (args.table.read_bytes() == outputs[0]) if args.table else None}))


if __name__ == "__main__":
    main()
