#!/usr/bin/env python3
"""The SHACL checks of the text reuse passages alone, on a built store: CPU and wall time.

    python bench/reuse_shapes.py --store bench/corpus/store-10000 [--shapes ontology/shapes.ttl]
        [--names TextReuseShape,TextReusePassageShape]

Validates the store (loaders.validate, the build's fast engine) with only the named shapes of --shapes
(ontology 0.2.0 checked its passages with TextReuseShape's four paths through dkg:passage and the
SpecificResource and selector shapes: pass those names and that version's shapes.ttl to compare).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from rdflib import BNode, Graph, URIRef

HERE = Path(__file__).resolve().parent
SH_NS = "https://w3id.org/directive-kg/shapes#"


def subset(shapes: Graph, names: list[str]) -> Graph:
    """The named shapes with everything they reach through blank nodes (property shapes, lists)."""
    out = Graph()
    for prefix, ns in shapes.namespaces():
        out.bind(prefix, ns)
    todo = [URIRef(SH_NS + n) for n in names]
    seen = set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for p, o in shapes.predicate_objects(s):
            out.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    # prefixes the SPARQL constraints name (sh:prefixes <.../shapes>)
    for t in shapes.triples((URIRef("https://w3id.org/directive-kg/shapes"), None, None)):
        out.add(t)
        for t2 in shapes.triples((t[2], None, None)):
            out.add(t2)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--shapes", type=Path, default=HERE.parent / "ontology" / "shapes.ttl")
    ap.add_argument("--names", default="TextReuseShape,TextReusePassageShape")
    args = ap.parse_args()
    from loaders.store import open_store
    from loaders.validate import validate

    shapes = subset(Graph().parse(args.shapes), args.names.split(","))
    with open_store(args.store, read_only=True) as kg:
        load0 = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), time.process_time()
        report = validate(kg.store, shapes=shapes, locate=False)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{args.store.name}: {args.names}: violations {report.violations}, fallback {list(report.fallback)}, "
          f"CPU {cpu:.1f} s, wall {wall:.1f} s, load average {load0:.1f} -> {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
