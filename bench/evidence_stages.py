"""CPU time of the build stages that the evidence model changes (issue 15): map (records -> N-Triples),
load (bulk load into a fresh store: each file's graph plus the merged default graph, as a build
stores them) and SHACL (the fast path over the loaded store), with the triples and quads they handle.

    .venv/bin/python bench/evidence_stages.py CORPUS [--cache docs.pickle]

CPU seconds (time.process_time: this process and its threads) are the comparable figures on a shared
machine; wall seconds are printed too. To compare with another version of the mapper run the same
script with PYTHONPATH pointing at that version's checkout (`git archive COMMIT loaders ontology data
| tar -x -C DIR`); --cache keeps the extracted records so that both runs map the same records."""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path


def _timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, {"cpu_s": round(time.process_time() - cpu, 3), "wall_s": round(time.perf_counter() - wall, 3)}


def loaded_documents(corpus: Path) -> list:
    from loaders.extract import extract
    from loaders.read import SetAside, discover, read_document
    from loaders.resolve import LoadedDocument
    from loaders.text import SourceText

    docs = []
    for path in discover(corpus):
        doc = read_document(path)
        if isinstance(doc, SetAside):
            continue
        rel = str(path.relative_to(corpus))
        record = extract(SourceText.from_text(doc.text), rel, doc.sha256)
        docs.append(LoadedDocument(record, rel, doc.sha256 or hashlib.sha256(path.read_bytes()).hexdigest(), "bench"))
    return docs


def load(graphs: dict[str, str]):
    import pyoxigraph as ox

    from loaders.paths import ONTOLOGY

    store = ox.Store()
    merged: set = set()
    for name, text in graphs.items():
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    store.bulk_load(path=str(ONTOLOGY / "codelists.ttl"), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode("urn:x-bench:codelists"))
    for q in store.quads_for_pattern(None, None, None, None):
        merged.add(q.triple)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in merged)
    return store, len(merged)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cache", type=Path, help="pickle of the extracted records (written if missing)")
    args = ap.parse_args(argv)
    from loaders.to_rdf import corpus_graphs
    from loaders.validate import validate

    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        docs = loaded_documents(args.corpus)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    result, map_t = _timed(lambda: corpus_graphs(docs))
    (store, triples), load_t = _timed(lambda: load(result.graphs))
    report, shacl_t = _timed(lambda: validate(store, locate=False))
    out = {"mapper": sys.modules["loaders.to_rdf"].__file__, "documents": len(docs),
           "triples": triples, "quads": len(store), "ntriples_mb": round(sum(len(t.encode()) for t in result.graphs.values()) / 1e6, 1),
           "map": map_t, "load": load_t, "shacl": shacl_t, "violations": report.violations}
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
