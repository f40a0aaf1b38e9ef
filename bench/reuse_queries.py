#!/usr/bin/env python3
"""The rows of the reuse queries (reuse, reuse-levels, hidden-links) on a built store, to compare two
versions of the reuse graph and queries (ontology 0.2.0's four nodes a passage against 0.3.0's one):

    python bench/reuse_queries.py --store bench/corpus/store-1000 --out rows-after.json [--docs 200]
    python bench/reuse_queries.py --compare rows-before.json rows-after.json

reuse and reuse-levels run for --docs documents (those with passages or implementations, in IRI
order, passed by IRI), hidden-links once. Rows are written as sorted lists of strings; --compare prints the queries
and documents whose rows differ (exit status 1 when any does).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DOCS = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?d WHERE { { ?p dkg:passageOf ?d } UNION { ?x eli:ensures_implementation_of ?d } } ORDER BY ?d"""


def _rows(result) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, default=str, sort_keys=True) for r in result.rows)


def dump(store: Path, docs: int) -> dict:
    from directive_kg.queries import run
    from loaders.store import open_store

    out: dict = {"reuse": {}, "reuse-levels": {}, "hidden-links": {}}
    cpu = time.process_time()
    with open_store(store, read_only=True) as kg:
        ids = [str(r[0].value) for r in kg.store.query(DOCS, use_default_graph_as_union=True)][:docs]
        for doc in ids:
            for q in ("reuse", "reuse-levels"):
                out[q][doc] = _rows(run(q, {"doc": doc}, store=kg.store, timeout=None))
        out["hidden-links"]["*"] = _rows(run("hidden-links", {}, store=kg.store, timeout=None))
    print(f"{len(ids)} documents, {sum(len(v) for q in out.values() for v in q.values())} rows, "
          f"CPU {time.process_time() - cpu:.1f} s", file=sys.stderr)
    return out


def compare(a: dict, b: dict) -> int:
    bad = 0
    for q in sorted(set(a) | set(b)):
        keys = sorted(set(a.get(q, {})) | set(b.get(q, {})))
        diff = [k for k in keys if a.get(q, {}).get(k) != b.get(q, {}).get(k)]
        rows = sum(len(v) for v in a.get(q, {}).values())
        print(f"{q:<14} {len(keys):>5} runs {rows:>7} rows  differ: {len(diff)} {diff[:5]}")
        bad += len(diff)
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--compare", nargs=2, type=Path)
    args = ap.parse_args()
    if args.compare:
        return compare(*(json.loads(p.read_text(encoding="utf-8")) for p in args.compare))
    args.out.write_text(json.dumps(dump(args.store, args.docs), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
