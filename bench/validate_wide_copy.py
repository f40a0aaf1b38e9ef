"""Would the corpus-wide SHACL checks of a build be cheaper on an in-memory copy of the triples they
can read than on the RocksDB store (issue 15)? Measures the copy and each check on both.

    .venv/bin/python bench/validate_wide_copy.py bench/corpus/store-10000 [--top 12]

The copy holds the default graph's triples of every predicate IRI written in a corpus-wide check's
query (a superset of what they match; a check with a variable predicate finds its edges among
them here, and the results of both runs are compared). Prints the CPU seconds of the copy (read
from the store as Python quads, and as one CONSTRUCT serialized and parsed in Rust), of the checks
on the store and on the copy, the checks costing most, and whether the results are equal.

Measured (2026-12-06, 10,000 documents with 1 % twice, load average ~35, CPU s): the copy holds
1.45 M triples (rdf:type 0.40 M, quotedFrom 0.26 M, field 0.20 M) and costs 18.0 s as quads, 15.7 +
3.8 s as CONSTRUCT + parse (peak RSS 0.96 GB); the 106 checks cost 18.9 s on the store and 8.1 s
on the copy (CitationEdgeShape 1.43 -> 0.20 s); again with this script: copy 14.3 s as quads, 15.0
+ 4.0 s as CONSTRUCT + parse, checks 15.9 -> 5.5 s, results equal. The copy costs more than it
saves, and its ~0.9 GB would break the 10k build's 1 GB peak, so the checks read the store. Reading
a triple from RocksDB is the cost, not the evaluation: a cheaper copy would hold less (rdf:type
only of the classes the checks name: 0.40 M of the 1.45 M triples are types).
"""
from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from loaders.store import open_store  # noqa: E402
from loaders.validate import _FUNCTIONS, _ClassClosure, _run, _translated, check_label, load_shapes, split_checks  # noqa: E402


def predicate_iris(wide) -> list[str]:
    """Every IRI written in the checks' queries (a superset of the predicates they match)."""
    found = set()
    for _, check in wide:
        found |= set(re.findall(r"<([^<>\s]*)>", check.query + (check.per_focus or "")))
    return sorted(found)


def run_all(store: ox.Store, wide) -> tuple[float, dict, list]:
    """(CPU seconds, label -> CPU seconds, each check's sorted result keys or its error)."""
    per, outcomes = {}, []
    for _, check in wide:
        cpu = time.process_time()
        try:
            outcomes.append(sorted(r.key() for r in _run(store, check, _FUNCTIONS)))
        except (SyntaxError, OSError, ValueError) as e:
            outcomes.append(str(e))
        label = check_label(check)
        per[label] = per.get(label, 0.0) + time.process_time() - cpu
    return sum(per.values()), per, outcomes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    with open_store(args.store, read_only=True) as kg:
        store = kg.store
        sg = load_shapes()
        _, wide, _ = split_checks(sg, _translated(sg, _ClassClosure(store))[0])
        predicates = predicate_iris(wide)
        cpu = time.process_time()
        copy = ox.Store()
        for p in predicates:
            copy.extend(store.quads_for_pattern(None, ox.NamedNode(p), None, ox.DefaultGraph()))
        as_quads = time.process_time() - cpu
        cpu = time.process_time()
        values = " ".join(f"<{p}>" for p in predicates)
        text = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}").serialize(
            format=ox.RdfFormat.N_TRIPLES)
        constructed = time.process_time() - cpu
        cpu = time.process_time()
        ox.Store().load(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # blank nodes relabelled: timing only
        parsed = time.process_time() - cpu
        print(f"{len(wide)} corpus-wide checks; copy of {len(copy)} triples ({len(predicates)} IRIs): "
              f"{as_quads:.2f} s CPU as quads, {constructed:.2f} + {parsed:.2f} s as CONSTRUCT + parse; "
              f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
        on_store, per_store, found_store = run_all(store, wide)
        on_copy, per_copy, found_copy = run_all(copy, wide)
    print(f"checks: {on_store:.2f} s CPU on the store, {on_copy:.2f} s on the copy; results equal: {found_store == found_copy}")
    for label, seconds in sorted(per_store.items(), key=lambda i: -i[1])[:args.top]:
        print(f"{seconds:8.2f} {per_copy.get(label, 0.0):8.2f}  {label}")
    return 0 if found_store == found_copy else 1


if __name__ == "__main__":
    sys.exit(main())
