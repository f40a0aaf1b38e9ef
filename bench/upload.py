#!/usr/bin/env python3
"""Upload time of a built benchmark graph to each real SPARQL engine: `oxigraph serve` and
Virtuoso 7, each started fresh on 127.0.0.1 in a temporary directory (tests/engines.py).

    python bench/upload.py [--sizes 10000] [--engines oxigraph,virtuoso] [--check-queries]

Per size N: the corpus of bench/generate.py (cached in bench/corpus/N like bench/run.py), a store
built with `directive-kg build` (bench/corpus/store-N, reused when its build report is there),
then `directive_kg.remote.upload` of every named graph and the merged graph to each engine, timed
wall clock (graphs, triples sent, triples per second). With --check-queries every saved query is
then run on the engine and on the embedded store (parameters as bench/run.py picks them) and the
rows compared as sets. Prints a table and writes bench/results/upload-latest.{json,md}.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_store(docs: int, root: Path, seed: int, noise: float) -> Path:
    """bench/corpus/store-N, built unless a complete build of the same corpus is there."""
    run = _bench_run()
    corpus, generated = run.ensure_corpus(root, docs, seed, noise)
    store = root / f"store-{docs}"
    if generated is not None or not (store / "build-report.json").exists():
        print(f"building {docs} documents into {store} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "directive_kg.cli", "build", str(corpus), "--store", str(store),
                        "--quiet"], check=True, cwd=ROOT)
    return store


def start(engine: str, directory: Path, buffers: int):
    from conftest import start_oxigraph, stop_oxigraph
    from engines import start_virtuoso
    if engine == "virtuoso":
        server = start_virtuoso(directory, buffers=buffers)
        return server, server.stop, (server.user, server.password)
    server = start_oxigraph(directory)
    return server, lambda: stop_oxigraph(server), (None, None)


def measure(engine: str, store_path: Path, params: dict | None, buffers: int, timeout: float) -> dict:
    import pyoxigraph as ox

    from directive_kg.remote import Credentials, Endpoint, RemoteBackend, merged_ntriples, store_graphs, upload
    from loaders.store import open_store

    with tempfile.TemporaryDirectory(prefix=f"upload-{engine}-") as tmp, \
            open_store(store_path, read_only=True) as opened:
        store = opened.store
        graphs = len(store_graphs(store))
        triples = len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        merged = merged_ntriples(store).count(b"\n")
        server, stop, (user, password) = start(engine, Path(tmp) / engine, buffers)
        try:
            started = time.perf_counter()
            upload(store, server.query_url, credentials=Credentials(user, password), timeout=timeout,
                   deadline=timeout)
            seconds = time.perf_counter() - started
            result = {"engine": engine, "upload_seconds": round(seconds, 1), "named_graphs": graphs,
                      "named_graph_triples": triples, "merged_graph_triples": merged,
                      "triples_per_second": round((triples + merged) / seconds)}
            if params is not None:
                result["queries"] = compare_queries(store, RemoteBackend(Endpoint.from_url(server.query_url, env={})),
                                                    params)
            return result
        finally:
            stop()


def compare_queries(store, backend, params: dict) -> dict:
    """Each saved query: rows on the engine, seconds, and whether the rows equal the embedded store's."""
    from directive_kg import queries as Q
    out = {}
    for q in Q.list_queries():
        embedded = Q.run(q, params[q.name], store=store, timeout=None)
        started = time.perf_counter()
        try:
            remote = Q.run(q, params[q.name], backend=backend, timeout=600)
        except Q.QueryError as e:
            out[q.name] = {"error": str(e)[:300]}
            continue
        same = sorted(map(repr, remote.rows)) == sorted(map(repr, embedded.rows))
        out[q.name] = {"rows": len(remote.rows), "seconds": round(time.perf_counter() - started, 3), "same": same}
    return out


def markdown(results: dict) -> str:
    lines = ["| documents | engine | upload | named graphs | triples (named + merged) | triples/s |",
             "|---:|---|---:|---:|---:|---:|"]
    for r in results["runs"]:
        if "error" in r:
            lines.append(f"| {r['documents']:,} | {r['engine']} | failed: {r['error'][:80]} | | | |")
            continue
        lines.append(f"| {r['documents']:,} | {r['engine']} | {r['upload_seconds']:,} s | {r['named_graphs']:,} | "
                     f"{r['named_graph_triples']:,} + {r['merged_graph_triples']:,} | {r['triples_per_second']:,} |")
    for r in results["runs"]:
        if r.get("queries"):
            same = sum(q.get("same", False) for q in r["queries"].values())
            lines.append(f"\n{r['engine']}, {r['documents']:,} documents: {same}/{len(r['queries'])} saved queries "
                         "give the embedded store's rows")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default 10000)")
    ap.add_argument("--engines", default="oxigraph,virtuoso")
    ap.add_argument("--check-queries", action="store_true", help="also compare every saved query's rows")
    ap.add_argument("--virtuoso-buffers", type=int, default=250_000, help="NumberOfBuffers (8 KB pages)")
    ap.add_argument("--timeout", type=float, default=600.0, help="per request and deadline, s")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--corpus-root", type=Path, default=BENCH / "corpus")
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args(argv)
    args.corpus_root.mkdir(parents=True, exist_ok=True)
    results = {"started": dt.datetime.now().isoformat(timespec="seconds"), "cores": os.cpu_count(),
               "load_average": os.getloadavg()[0], "runs": []}
    for docs in (int(s) for s in args.sizes.split(",") if s.strip()):
        store = built_store(docs, args.corpus_root, args.seed, args.noise)
        params = _bench_run().query_params(store) if args.check_queries else None
        for engine in args.engines.split(","):
            print(f"uploading {docs} documents to {engine} ...", file=sys.stderr, flush=True)
            try:
                run = measure(engine, store, params, args.virtuoso_buffers, args.timeout)
            except Exception as e:  # noqa: BLE001 - a failed engine is a figure too
                run = {"engine": engine, "error": f"{type(e).__name__}: {e}"}
            results["runs"].append({"documents": docs, **run})
            print(json.dumps(results["runs"][-1]), file=sys.stderr, flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "upload-latest.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (args.out / "upload-latest.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
