"""Evidence figures of a built store (issue 15): triples and quads, the evidence share of the triples,
the build's stage and SHACL times, and the `evidence` query's time.

    .venv/bin/python bench/evidence.py STORE [--docs 20] [--repeats 5]

Evidence triples are the triples about an evidence node (and, in the Web Annotation form, its target
and selectors: their IRIs extend the evidence IRI `{doc}/evidence/...`) plus the `dkg:evidence` links.
The `evidence` query runs for --docs documents spread over the corpus; the figure is the median of the
warm runs (each document --repeats times)."""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

DKG = "https://w3id.org/directive-kg/ontology#"


def _count(kg, where: str) -> int:
    rows = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(next(iter(rows))["n"].value)


def graph_figures(kg) -> dict:
    import pyoxigraph as ox

    triples = quads = 0
    for q in kg.store.quads_for_pattern(None, None, None, None):
        quads += 1
        triples += isinstance(q.graph_name, ox.DefaultGraph)
    evidence = _count(kg, f"{{ ?s ?p ?o FILTER (CONTAINS(STR(?s), '/evidence/')) }} UNION {{ ?s <{DKG}evidence> ?o }}")
    nodes = _count(kg, f"SELECT DISTINCT ?e WHERE {{ ?f <{DKG}evidence> ?e }}")
    documents = _count(kg, f"?d a <{DKG}Document> FILTER NOT EXISTS {{ ?d <{DKG}knownOnlyByCitation> true }}")
    return {"documents": documents, "triples": triples, "quads": quads, "evidence_triples": evidence,
            "evidence_nodes": nodes, "evidence_share": evidence / triples if triples else None,
            "triples_per_document": triples / documents if documents else None,
            "quads_per_document": quads / documents if documents else None,
            "triples_per_evidence": evidence / nodes if nodes else None}


def evidence_query_ms(kg, docs: int, repeats: int, rows_out: list | None = None) -> dict:
    from directive_kg.queries import run

    ids = sorted(r["d"].value for r in kg.query(f"SELECT DISTINCT ?d WHERE {{ ?d <{DKG}sourceFile> ?f }}"))
    picked = ids[:: max(1, len(ids) // docs)][:docs]
    warm, rows = [], 0
    for doc in picked:
        found = run("evidence", {"doc": doc}, store=kg.store, timeout=None)  # cold run, not timed
        rows += len(found)
        if rows_out is not None:
            rows_out += [[str(row.get(c)) for c in found.columns] for row in found.rows]
        for _ in range(repeats):
            started = time.perf_counter()
            run("evidence", {"doc": doc}, store=kg.store, timeout=None)
            warm.append((time.perf_counter() - started) * 1000)
    return {"documents": len(picked), "rows_per_document": rows / len(picked) if picked else None,
            "median_ms": statistics.median(warm) if warm else None, "max_ms": max(warm) if warm else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--rows", type=Path, help="write the evidence query's rows (JSON), to compare two versions")
    args = ap.parse_args(argv)
    from loaders.store import open_store

    report = json.loads((args.store / "build-report.json").read_text(encoding="utf-8"))
    with open_store(args.store, read_only=True) as kg:
        figures = graph_figures(kg)
        found: list = []
        figures["evidence_query"] = evidence_query_ms(kg, args.docs, args.repeats, found)
    if args.rows:
        args.rows.write_text(json.dumps(sorted(found), ensure_ascii=False, indent=0), encoding="utf-8")
    figures["build_seconds"] = report["seconds"]
    figures["shacl_seconds"] = report["validation"]["seconds"]
    figures["violations"] = report["validation"]["violations"]
    json.dump(figures, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
