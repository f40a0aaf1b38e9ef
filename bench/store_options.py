#!/usr/bin/env python3
"""How to store each triple once (issue 15): three layouts of the same built store, measured.

    python bench/store_options.py bench/corpus/store-1000 [--out bench/results/store-options-1000.json]

From a store built by `directive-kg build` (layout A), each layout is loaded into a fresh store:
  A  file graphs + the merged default graph (what the build writes): every triple at least twice
  B  file graphs only; queries read the union of the named graphs (use_default_graph_as_union)
  C  the merged default graph only, + a file -> triples index (each file's N-Triples, zlib, one
     literal per file in an index graph), so that a changed file can take out exactly its own facts
and measured: store size on disk, quads, bulk-load time (CPU and wall), every saved query's median
(the parameters bench/run.py picks), and the two updates a researcher makes: one file changed (its
quotes and a date edited) and 100 files added. Prints a table; --out keeps the figures as JSON.
Also what C's index would hold (index_figures; `--layouts ''` for these alone): 1,000 documents
(2,008 graphs): 116 MB of text -> 8 MB zlib, 1,038 of 586,718 triples held by more than one graph,
lines canonical; 10,000 (11,106 graphs): 648 -> 50 MB, 5,839 of 3,276,877, canonical, 3.8 s CPU
of hashing. The choice and why: loaders/store.py's docstring.
Run of 2026-12-06, 1,000 documents, layouts A and C (--repeats 3; 2 cores shared by eight jobs, load
average 16 to 24: wall times inflated, CPU the figure to compare): store 916 -> 346 MB, quads 1.19 M
-> 0.59 M, load 23.2 -> 7.6 s CPU, one file changed 0.02 -> 0.06 s CPU, 100 files added 1.43 -> 0.66
s CPU. Query medians (wall) came out 0.9x to 10x slower on C (channel-crossings 65 -> 699 ms, copies
14 -> 113 ms, most 1.1x to 2x) although both read the same merged default graph: C ran second, as the
load average rose, so these are not comparable; re-measure on an idle machine before switching (the
brief's condition: no saved query slower).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import query_params, store_bytes  # noqa: E402

from loaders.store import BUILD_GRAPH, DB_DIR, MERGED_MARKER, _as_nquads, data_graphs, graph_ntriples, open_store  # noqa: E402

INDEX_GRAPH = "https://w3id.org/directive-kg/id/graph/index"
TRIPLES = "https://w3id.org/directive-kg/ontology#triples"
MARKER = ox.Quad(ox.NamedNode(BUILD_GRAPH), ox.NamedNode(MERGED_MARKER), ox.Literal(True), ox.NamedNode(BUILD_GRAPH))


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def graphs_of(store: ox.Store) -> dict[str, bytes]:
    return {g: graph_ntriples(store, g) for g in data_graphs(store)}  # from the index (or an older store's named graphs)


def load_layout(layout: str, graphs: dict[str, bytes], merged: bytes, target: Path) -> tuple[ox.Store, dict]:
    store = ox.Store(str(target / DB_DIR))

    def chunks():
        for g, text in graphs.items():
            if layout in "AB":
                yield _as_nquads(g, text.decode()).encode()
            if layout == "C":
                blob = zlib.compress(text, 1).hex()
                yield f'<{g}> <{TRIPLES}> "{blob}" <{INDEX_GRAPH}> .\n'.encode()
        if layout in "AC":
            yield merged

    def load():
        # N-Quads with the merged graph as plain triples (the default graph)
        for part in chunks():
            store.load(part, format=ox.RdfFormat.N_QUADS)
        if layout in "AC":
            store.add(MARKER)
        store.flush()
    _, wall, cpu = _timed(load)
    return store, {"load_wall_s": wall, "load_cpu_s": cpu, "quads": len(store)}


def measure_queries(target: Path, params: dict, repeats: int) -> dict[str, float]:
    from directive_kg.queries import run
    out = {}
    with open_store(target, read_only=True) as kg:
        for name, given in params.items():
            times = []
            for _ in range(repeats):
                _, wall, _cpu = _timed(lambda: run(name, given, store=kg.store, timeout=None))
                times.append(wall)
                if wall > 5:
                    break
            out[name] = statistics.median(times) * 1000
    return out


def changed(text: bytes) -> bytes:
    """A file edited: every quote and the document date different."""
    lines = text.decode().splitlines(keepends=True)
    return "".join(line.replace('" .', ' (sửa)" .') if "#exact>" in line or "date_document" in line else line
                   for line in lines).encode()


def renamed(g: str, text: bytes, i: int) -> tuple[str, bytes]:
    """Another file: its graph and the nodes it mints renamed (its document a new one)."""
    new = g + f"-added-{i}"
    return new, text.replace(b"/id/doc/", f"/id/doc/added-{i}-".encode()).replace(b"/id/source/", f"/id/source/a{i}".encode())


def update(layout: str, store: ox.Store, old: dict[str, bytes], new: dict[str, bytes]) -> tuple[float, float]:
    """Replace/add the graphs ``new`` (``old``: their previous texts, b"" for an added file)."""
    def run():
        for g, text in new.items():
            before = {q.triple for q in ox.parse(old.get(g, b""), format=ox.RdfFormat.N_TRIPLES)}
            after = {q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}
            if layout in "AB":
                store.update(f"DROP SILENT GRAPH <{g}>")
                store.load(_as_nquads(g, text.decode()), format=ox.RdfFormat.N_QUADS)
            if layout in "AC":
                # out of the merged graph: what the file no longer says and no other file says
                out = [t for t in before - after if not _held_elsewhere(layout, store, t, g)]
                for t in out:
                    store.remove(ox.Quad(*t, ox.DefaultGraph()))
                store.extend(ox.Quad(*t, ox.DefaultGraph()) for t in after - before)
            if layout == "C":
                for q in list(store.quads_for_pattern(ox.NamedNode(g), ox.NamedNode(TRIPLES), None,
                                                      ox.NamedNode(INDEX_GRAPH))):
                    store.remove(q)
                store.add(ox.Quad(ox.NamedNode(g), ox.NamedNode(TRIPLES), ox.Literal(zlib.compress(text, 1).hex()),
                                  ox.NamedNode(INDEX_GRAPH)))
        store.flush()
    _, wall, cpu = _timed(run)
    return wall, cpu


def _held_elsewhere(layout: str, store: ox.Store, t: ox.Triple, g: str) -> bool:
    if layout == "A":  # the file graphs say it
        return any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value not in (g, BUILD_GRAPH)
                   for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None))
    # C: only a node several files describe (a document) can have its triple in another file: read
    # the index of the files that name it (found through the merged graph: its source files, its citers)
    return _c_other_files_hold(store, t, g)


def _c_other_files_hold(store: ox.Store, t: ox.Triple, g: str) -> bool:
    rows = store.query(f"""SELECT DISTINCT ?blob WHERE {{
        {{ {t.subject} <https://w3id.org/directive-kg/ontology#sourceFile>/<https://w3id.org/directive-kg/ontology#path> ?p
           BIND(IRI(CONCAT("https://w3id.org/directive-kg/id/graph/file/", ?p)) AS ?g) }}
        UNION {{ ?c <https://w3id.org/directive-kg/ontology#citedDocument> {t.subject} ;
                    <https://w3id.org/directive-kg/ontology#citingDocument>/<https://w3id.org/directive-kg/ontology#sourceFile>/<https://w3id.org/directive-kg/ontology#path> ?p
           BIND(IRI(CONCAT("https://w3id.org/directive-kg/id/graph/file/", ?p)) AS ?g) }}
        FILTER(?g != <{g}>)
        GRAPH <{INDEX_GRAPH}> {{ ?g <{TRIPLES}> ?blob }} }}""")
    line = f"{t.subject} {t.predicate} {t.object} .".encode()
    return any(line in zlib.decompress(bytes.fromhex(r["blob"].value)) for r in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path, help="a store built by directive-kg build")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--layouts", default="ABC", help="the layouts to load and query ('' for the index figures alone)")
    args = ap.parse_args(argv)
    params = query_params(args.store)
    with open_store(args.store, read_only=True) as kg:
        graphs = graphs_of(kg.store)
        merged = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    file_graphs = sorted(g for g in graphs if "/graph/file/" in g)
    one = file_graphs[len(file_graphs) // 2]
    added = dict(renamed(g, graphs[g], i) for i, g in enumerate(file_graphs[:100]))
    results = {"documents": len(file_graphs), "triples_merged": merged.count(b"\n"),
               "quads_in_file_graphs": sum(t.count(b"\n") for t in graphs.values()), "layouts": {}}
    results["index"] = index_figures(graphs, results["triples_merged"])
    print("index", results["index"], file=sys.stderr, flush=True)
    for layout in args.layouts:
        with tempfile.TemporaryDirectory(dir=args.store.parent) as tmp:
            target = Path(tmp)
            store, figures = load_layout(layout, graphs, merged, target)
            print(layout, "loaded", figures, file=sys.stderr, flush=True)
            del store
            figures["store_mb"] = store_bytes(target / DB_DIR) / 2**20
            figures["query_ms"] = measure_queries(target, params, args.repeats)
            print(layout, "queries", figures["query_ms"], file=sys.stderr, flush=True)
            store = ox.Store(str(target / DB_DIR))
            figures["update_1_changed_s"] = update(layout, store, {one: graphs[one]}, {one: changed(graphs[one])})
            figures["update_100_added_s"] = update(layout, store, {}, added)
            del store
            results["layouts"][layout] = figures
            print(layout, json.dumps({k: v for k, v in figures.items() if k != "query_ms"}), file=sys.stderr, flush=True)
    print(table(results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


def index_figures(graphs: dict[str, bytes], merged_triples: int) -> dict:
    """What layout C's index holds (issue 15): each graph's text zlib-compressed, and a count for each
    triple that more than one graph holds, found by 64-bit hashes of the N-Triples lines; whether
    those lines are canonical (distinct hashes + triples of the graphs with blank nodes = the merged
    graph's size), which makes a line's hash its triple's identity."""
    cpu = time.process_time()
    hashes, blank_lines = [], 0
    for text in graphs.values():
        lines = [line for line in text.split(b"\n") if line]
        if b"_:" in text:  # labelled per graph: never shared
            blank_lines += len(lines)
            continue
        hashes.append(np.fromiter((int.from_bytes(hashlib.blake2b(line, digest_size=8).digest(), "little", signed=True)
                                   for line in lines), dtype=np.int64, count=len(lines)))
    _, counts = np.unique(np.concatenate(hashes), return_counts=True)
    hash_cpu = time.process_time() - cpu
    cpu = time.process_time()
    zipped = sum(len(zlib.compress(text, 6)) for text in graphs.values())
    return {"lines": int(counts.sum()) + blank_lines, "distinct": int(len(counts)) + blank_lines,
            "held_by_more_than_one": int((counts > 1).sum()), "canonical": int(len(counts)) + blank_lines == merged_triples,
            "hash_cpu_s": round(hash_cpu, 1), "text_mb": round(sum(map(len, graphs.values())) / 2**20),
            "zlib_mb": round(zipped / 2**20), "zlib_cpu_s": round(time.process_time() - cpu, 1)}


def table(r: dict) -> str:
    ls = r["layouts"]
    rows = [("store MB", lambda f: f"{f['store_mb']:.0f}"), ("quads", lambda f: f"{f['quads']:,}"),
            ("load wall / CPU s", lambda f: f"{f['load_wall_s']:.1f} / {f['load_cpu_s']:.1f}"),
            ("1 file changed: wall / CPU s", lambda f: "%.2f / %.2f" % f["update_1_changed_s"]),
            ("100 files added: wall / CPU s", lambda f: "%.2f / %.2f" % f["update_100_added_s"])]
    out = [f"{r['documents']} files, {r['triples_merged']:,} distinct triples, {r['quads_in_file_graphs']:,} in file graphs",
           "| | " + " | ".join(ls) + " |", "|---|" + "---:|" * len(ls)]
    out += [f"| {name} | " + " | ".join(fn(f) for f in ls.values()) + " |" for name, fn in rows if ls]
    for q in (next(iter(ls.values()))["query_ms"] if ls else ()):
        out.append(f"| query {q} ms | " + " | ".join(f"{f['query_ms'][q]:.0f}" for f in ls.values()) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
