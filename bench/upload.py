#!/usr/bin/env python3
"""Upload time of a built benchmark graph to each real SPARQL engine: `oxigraph serve` and
Virtuoso 7, each started fresh on 127.0.0.1 in a temporary directory (tests/engines.py).

    python bench/upload.py [--sizes 10000] [--engines oxigraph,virtuoso] [--check-queries]

Per size N: the corpus of bench/generate.py (cached in bench/corpus/N like bench/run.py), a store
built with `directive-kg build` (bench/corpus/store-N, reused when its build report is there),
then `directive_kg.remote.upload` of every named graph and the merged graph to each engine, timed
wall clock (graphs, triples sent, triples per second). With --check-queries every saved query is
then run on the engine and on the embedded store (parameters as bench/run.py picks them) and the
rows compared as sets. Also measured: the server's peak memory (VmHWM of its process) and CPU
seconds, the client's CPU seconds, the load average (the machine may be shared). Prints a table and
writes bench/results/upload-latest.{json,md}, keeping the runs there of other sizes and engines (so
engines can be measured by separate, even simultaneous, invocations).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
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


def start(engine: str, directory: Path, buffers: int, after_image: int | None):
    from conftest import start_oxigraph, stop_oxigraph
    from engines import start_virtuoso
    if engine == "virtuoso":
        server = start_virtuoso(directory, buffers=buffers, parameters={"TransactionAfterImageLimit": after_image}
                                if after_image else None)
        return server, server.stop, (server.user, server.password)
    server = start_oxigraph(directory)
    return server, lambda: stop_oxigraph(server), (None, None)


def server_usage(pid: int) -> tuple[float, float]:
    """(peak resident memory in MB, CPU seconds) of a running process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return round(peak_kb / 1024), round(cpu, 1)


def runqueue_seconds(pid: int) -> float:
    """Seconds the process's live threads waited runnable for a CPU (/proc/PID/task/*/schedstat,
    second field): on a loaded machine, the server's share of the upload's wall time spent starved."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass  # a thread that just ended
    return total / 1e9


class RequestClock:
    """Counts the upload's HTTP requests and the wall seconds the client spent in them (sending and
    waiting for the answer), by wrapping directive_kg.remote._http for the measurement."""

    def __init__(self):
        self.requests, self.seconds = 0, 0.0

    def __enter__(self):
        from directive_kg import remote
        self._remote, self._http = remote, remote._http

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._http(*args, **kwargs)
            finally:
                self.requests += 1
                self.seconds += time.perf_counter() - started
        remote._http = timed
        return self

    def __exit__(self, *exc):
        self._remote._http = self._http


_uploaded = [0]


def report(graph: str, seconds: float) -> None:
    """Progress on stderr: every 1,000th graph and the merged graph."""
    _uploaded[0] += 1
    if _uploaded[0] % 1000 == 0 or not graph.startswith("http"):
        print(f"  {seconds:7.1f} s: {_uploaded[0]:,} graphs, last {graph}", file=sys.stderr, flush=True)


def measure(engine: str, store_path: Path, params: dict | None, buffers: int, timeout: float,
            after_image: int | None = None, merged_only: bool = False) -> dict:
    from directive_kg.remote import (DEFAULT_GRAPH, Credentials, Endpoint, RemoteBackend, merged_ntriples,
                                     store_graphs, upload)
    from loaders.store import graph_ntriples, open_store

    with tempfile.TemporaryDirectory(prefix=f"upload-{engine}-") as tmp, \
            open_store(store_path, read_only=True) as opened:
        store = opened.store
        graphs = 0 if merged_only else len(store_graphs(store))
        triples = 0 if merged_only else sum(graph_ntriples(store, g).count(b"\n") for g in store_graphs(store))
        merged = merged_ntriples(store).count(b"\n")
        server, stop, (user, password) = start(engine, Path(tmp) / engine, buffers, after_image)
        try:
            notes: list[str] = []
            _, server_cpu_before = server_usage(server.process.pid)
            starved_before = runqueue_seconds(server.process.pid)
            _uploaded[0] = 0
            client = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            with RequestClock() as clock:
                upload(store, server.query_url, credentials=Credentials(user, password), timeout=timeout,
                       deadline=timeout, note=notes.append, graphs=[DEFAULT_GRAPH] if merged_only else None,
                       progress=lambda g: report(g, time.perf_counter() - started))
            seconds = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_SELF)
            peak_mb, server_cpu = server_usage(server.process.pid)
            starved = runqueue_seconds(server.process.pid) - starved_before
            result = {"engine": engine, **({"merged_graph_only": True} if merged_only else {}),
                      "upload_seconds": round(seconds, 1), "named_graphs": graphs,
                      "named_graph_triples": triples, "merged_graph_triples": merged,
                      "triples_per_second": round((triples + merged) / seconds),
                      "server_peak_rss_mb": peak_mb, "server_cpu_seconds": round(server_cpu - server_cpu_before, 1),
                      "client_cpu_seconds": round(after.ru_utime + after.ru_stime - client.ru_utime - client.ru_stime,
                                                  1),
                      "load_average_after": round(os.getloadavg()[0], 1),
                      # where the wall time went: in requests (the client waiting for the server), of
                      # which the server's threads waited this long runnable for a CPU
                      "requests": clock.requests, "seconds_in_requests": round(clock.seconds, 1),
                      "server_runqueue_seconds": round(starved, 1),
                      **({"virtuoso_buffers": buffers, "transaction_after_image_limit": after_image or 50_000_000}
                         if engine == "virtuoso" else {}),
                      **({"notes": notes} if notes else {})}
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
    lines = ["| documents | engine | upload (wall) | named graphs | triples (named + merged) | triples/s "
             "| server peak memory | server CPU | client CPU | load after |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results["runs"]:
        if "error" in r:
            lines.append(f"| {r['documents']:,} | {r['engine']} | failed: {r['error'][:300]} | | | | | | | |")
            continue
        usage = " | ".join(f"{r[k]:,}{unit}" if k in r else "" for k, unit in (
            ("server_peak_rss_mb", " MB"), ("server_cpu_seconds", " s"), ("client_cpu_seconds", " s"),
            ("load_average_after", "")))
        what = " (merged graph only)" if r.get("merged_graph_only") else ""
        lines.append(f"| {r['documents']:,} | {r['engine']}{what} | {r['upload_seconds']:,} s | {r['named_graphs']:,} | "
                     f"{r['named_graph_triples']:,} + {r['merged_graph_triples']:,} | {r['triples_per_second']:,} | "
                     f"{usage} |")
    for r in results["runs"]:
        for note in r.get("notes", []):
            lines.append(f"\n{r['engine']}, {r['documents']:,} documents: {note}")
    for r in results["runs"]:
        if r.get("queries"):
            same = sum(q.get("same", False) for q in r["queries"].values())
            lines.append(f"\n{r['engine']}, {r['documents']:,} documents: {same}/{len(r['queries'])} saved queries "
                         "give the embedded store's rows")
    return "\n".join(lines) + "\n"


def merged_results(path: Path, new: dict) -> dict:
    """The new runs, with those already in `path` of other (documents, engine) pairs kept first."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return new
    key = lambda r: (r["documents"], r["engine"], r.get("merged_graph_only", False))  # noqa: E731
    keys = {key(r) for r in new["runs"]}
    kept = [{**r, "started": r.get("started", old.get("started"))} for r in old.get("runs", []) if key(r) not in keys]
    return {**new, "runs": kept + [{**r, "started": new["started"]} for r in new["runs"]]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default 10000)")
    ap.add_argument("--engines", default="oxigraph,virtuoso")
    ap.add_argument("--check-queries", action="store_true", help="also compare every saved query's rows")
    ap.add_argument("--virtuoso-buffers", type=int, default=250_000, help="NumberOfBuffers (8 KB pages)")
    ap.add_argument("--store", type=Path, default=None, help="a store already built (of --sizes N documents): "
                    "no corpus generated, nothing built (simultaneous runs would each rebuild)")
    ap.add_argument("--merged-only", action="store_true", help="upload only the merged graph (the largest "
                    "request: the named graphs are many small ones)")
    ap.add_argument("--virtuoso-after-image", type=int, default=None, metavar="BYTES",
                    help="TransactionAfterImageLimit (default: Virtuoso's 50,000,000)")
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
        store = args.store or built_store(docs, args.corpus_root, args.seed, args.noise)
        params = _bench_run().query_params(store) if args.check_queries else None
        for engine in args.engines.split(","):
            print(f"uploading {docs} documents to {engine} ...", file=sys.stderr, flush=True)
            try:
                run = measure(engine, store, params, args.virtuoso_buffers, args.timeout, args.virtuoso_after_image,
                              args.merged_only)
            except Exception as e:  # noqa: BLE001 - a failed engine is a figure too
                run = {"engine": engine, "error": f"{type(e).__name__}: {e}"}
            results["runs"].append({"documents": docs, **run})
            print(json.dumps(results["runs"][-1]), file=sys.stderr, flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    results = merged_results(args.out / "upload-latest.json", results)
    (args.out / "upload-latest.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (args.out / "upload-latest.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
