#!/usr/bin/env python3
"""Saved queries at several corpus sizes (issue 15): does a question about one document or body stay
flat, and how fast does a corpus-wide listing stream?

    python bench/queries_scale.py --stores bench/corpus/store-1000,bench/corpus/store-10000 [--repeats 5]

Per store and saved query (parameters picked as bench/run.py picks them): `rows`; `cpu_ms` and `median_ms`
(warm, median CPU and wall time of --repeats runs of the whole query through directive_kg.queries.run:
this machine is shared, so CPU is the comparable figure); `rows_per_cpu_s` = rows / CPU time;
`page_cpu_ms` / `page_ms`, the same for the first page (`limit=--page`, 1,000 rows), for a query that
can be paged (not summarised). A listing (`# table: yes`) is read from the table its build wrote
(`source` table; directive_kg.listings) and measured as SPARQL too (`sparql_*`: the same query on the
pyoxigraph store, as before the tables); `rows_per_s` = rows / wall time. `--write-tables` first
rewrites each store's tables and prints the stage's CPU and wall time (what a build spends on them).
Prints a table and, with --json, writes the figures.

A question about one document with a per-document table (directive_kg.doc_tables; `source` doc-table)
is measured as SPARQL too. `--write-doc-tables` first rewrites those tables, each timed (CPU, wall, rows,
bytes); `--doc-tables-dir DIR` keeps them in DIR/<store name> (the listing tables linked there), for a
store that must not be written (opened read-only).

`--before REV` (a git revision, e.g. main): each saved query whose text differs at REV is run in both
versions on every store, and their rows compared: the same rows in the same order, or the same rows
in another order where the query's ORDER BY leaves ties; with the CPU time of each.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _median_ms(fn, repeats: int) -> tuple[float, float, int]:
    """(wall ms, CPU ms, rows): medians of `repeats` warm runs. The query runs in this thread
    (timeout=None), so the process CPU time is its cost whatever the machine's load."""
    fn()  # warm: the first run after opening pays the store's caches
    times, cpus, n = [], [], 0
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        n = fn()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(times) * 1000, statistics.median(cpus) * 1000, n


def write_tables(store: Path, workers: tuple[int, ...] = (0,)) -> dict:
    """Rewrite the store's listing tables (the build's stage "tables") once per entry of ``workers``
    (threads; 0: one per core, as a build): CPU and wall seconds of each, and the load average."""
    from directive_kg.listings import write_tables as write
    from loaders.store import open_store

    figures = {}
    with open_store(store, read_only=False) as kg:
        for n in workers:
            started, cpu = time.perf_counter(), time.process_time()
            rows = write(kg.store, kg.path, n or None)
            f = {"wall_s": round(time.perf_counter() - started, 2), "cpu_s": round(time.process_time() - cpu, 2),
                 "rows": rows, "load": round(os.getloadavg()[0], 1)}
            figures[n] = f
            print(f"  {store.name:<14} tables stage, {n or 'one per core'} thread(s): {f['cpu_s']} CPU s "
                  f"({f['wall_s']} s wall, load {f['load']}), {sum(rows.values())} rows", file=sys.stderr, flush=True)
    return figures[workers[-1]] if len(workers) == 1 else {"by_workers": figures, **figures[workers[-1]]}


def listing_cpu(store: Path) -> dict:
    """Each listing's table written alone, one after the other: its CPU seconds (thread time), and the
    stage's critical path on 2 threads as the build's pool takes them (in order, each to the first free
    thread): the wall time the stage needs on 2 idle cores. Measured so because wall time on a shared
    machine says nothing about threads: the kernel's autogroup gives a session one share however many
    threads it runs."""
    from directive_kg import listings
    from directive_kg.queries import list_queries
    from loaders.store import open_store

    cpu = {}
    with open_store(store, read_only=False) as kg:
        stamp = listings.build_stamp(kg.store)
        for q in (q for q in list_queries() if q.table):
            started = time.thread_time()
            listings._write_one(kg.store, kg.path / listings.FOLDER, q, stamp)
            cpu[q.name] = round(time.thread_time() - started, 3)
    free = [0.0, 0.0]
    for seconds in cpu.values():
        k = free.index(min(free))
        free[k] += seconds
    figures = {"cpu_s": cpu, "total_cpu_s": round(sum(cpu.values()), 2), "two_threads_critical_s": round(max(free), 2)}
    print(f"  {store.name:<14} listings alone (CPU s): {cpu}; total {figures['total_cpu_s']}, "
          f"critical path on 2 threads {figures['two_threads_critical_s']}", file=sys.stderr, flush=True)
    return figures


class _Shadow:
    """A read-only store seen with its tables in another folder (`--doc-tables-dir`): the per-document
    tables written there (the store itself may not be written, e.g. the shared 100k store), its listing
    tables linked."""

    def __init__(self, kg, folder: Path):
        self.store, self.path, self._kg = kg.store, folder, kg

    def __getattr__(self, name):
        return getattr(self._kg, name)


def _shadow_folder(store: Path, folder: Path) -> Path:
    from directive_kg import listings

    (folder / listings.FOLDER).mkdir(parents=True, exist_ok=True)
    for f in (store / listings.FOLDER).glob("*"):
        link = folder / listings.FOLDER / f.name
        if ".doc." not in f.name and not link.exists():
            link.symlink_to(f.resolve())
    return folder


def write_doc_tables(store: Path, shadow: Path | None, only: set[str] | None = None) -> dict:
    """Rewrite the store's per-document tables (directive_kg.doc_tables), each alone: CPU s (thread
    time), wall s, rows, documents, bytes on disk, peak RSS of this process after it."""
    import resource

    from directive_kg import doc_tables
    from directive_kg.listings import FOLDER, build_stamp
    from directive_kg.queries import load_query
    from loaders.store import open_store

    out = {}
    folder = (shadow or store) / FOLDER
    with open_store(store, read_only=shadow is not None) as kg:
        stamp = build_stamp(kg.store)
        for name, spec in doc_tables.SPECS.items():
            if only and name not in only:
                continue
            started, cpu = time.perf_counter(), time.thread_time()
            info = doc_tables.write_doc_table(kg.store, folder, load_query(name), spec, stamp)
            size = sum(p.stat().st_size for p in folder.glob(f"{name}.doc.*"))
            out[name] = {"cpu_s": round(time.thread_time() - cpu, 2), "wall_s": round(time.perf_counter() - started, 2),
                         "rows": info.rows, "documents": info.documents, "bytes": size,
                         "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                         "load": round(os.getloadavg()[0], 1)}
            print(f"  {store.name:<14} doc table {name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def _figures(fn, rows_fn, repeats: int, page: int | None) -> dict:
    full_ms, full_cpu, rows = _median_ms(fn, repeats)
    out = {"rows": rows, "median_ms": round(full_ms, 1), "cpu_ms": round(full_cpu, 1),
           "rows_per_cpu_s": round(rows / (full_cpu / 1000)) if rows and full_cpu else None,
           "rows_per_s": round(rows / (full_ms / 1000)) if rows and full_ms else None,
           "page_ms": None, "page_cpu_ms": None}
    if page is not None:
        page_ms, page_cpu, _ = _median_ms(lambda: rows_fn(page), repeats)
        out.update(page_ms=round(page_ms, 1), page_cpu_ms=round(page_cpu, 1))
    return out


def _each_query(store: Path, only: set[str] | None, shadow: Path | None = None):
    """(open store, saved query, its benchmark parameters) for every saved query named in ``only``."""
    from directive_kg.queries import list_queries
    from loaders.store import open_store

    params = _bench_run().query_params(store)
    with open_store(store, read_only=True) as kg:
        seen = _Shadow(kg, _shadow_folder(store, shadow)) if shadow else kg
        for q in list_queries():
            if not only or q.name in only:
                yield seen, q, params.get(q.name, {})


def measure(store: Path, repeats: int, page: int, only: set[str] | None, shadow: Path | None = None) -> dict[str, dict]:
    from directive_kg.queries import run

    out = {}
    for kg, q, given in _each_query(store, only, shadow):
        paged = None if q.summary else page
        source = run(q, given, store=kg, timeout=None, limit=None if q.summary else 1).origin
        f = _figures(lambda: len(run(q, given, store=kg, timeout=None)),
                     lambda n: len(run(q, given, store=kg, timeout=None, limit=n)), repeats, paged)
        f.update(source=source, params=given)
        if source in ("table", "doc-table"):  # the same query as SPARQL on the store: what the table replaces
            s = _figures(lambda: len(run(q, given, store=kg.store, timeout=None)),
                         lambda n: len(run(q, given, store=kg.store, timeout=None, limit=n)), repeats, paged)
            f.update({f"sparql_{k}": v for k, v in s.items()})
        out[q.name] = f
        page_cell = "-" if f["page_ms"] is None else f"{f['page_ms']} (CPU {f['page_cpu_ms']})"
        print(f"  {store.name:<14} {q.name:<20} {source:<9} rows {f['rows']:>7}  median {f['median_ms']:9.1f} ms "
              f"(CPU {f['cpu_ms']:9.1f})  page {page_cell:>20} ms  "
              f"{f['rows_per_s'] or 0:>9} rows/s"
              + (f"  [SPARQL: {f['sparql_median_ms']} ms (CPU {f['sparql_cpu_ms']}), page {f['sparql_page_ms']} ms]"
                 if source in ("table", "doc-table") else ""),
              file=sys.stderr, flush=True)
    return out


def _rows_key(rows: list[dict]) -> list[str]:
    return [json.dumps(r, default=str, ensure_ascii=False, sort_keys=True) for r in rows]


def compare(store: Path, before: str, repeats: int, only: set[str] | None) -> dict[str, dict]:
    """Every saved query changed since git revision `before`: old and new rows and CPU ms on `store`."""
    import subprocess

    from directive_kg.queries import parse_query, run

    out = {}
    for kg, q, given in _each_query(store, only):
        shown = subprocess.run(["git", "show", f"{before}:queries/{q.name}.rq"], capture_output=True, text=True,
                               cwd=BENCH.parent)
        if shown.returncode != 0 or shown.stdout == q.text:
            continue
        old = parse_query(shown.stdout, name=q.name, source=f"{before}:queries/{q.name}.rq")
        figures = {}
        for label, query in (("before", old), ("after", q)):
            box = {}

            def once(query=query, box=box):
                box["rows"] = run(query, given, store=kg.store, timeout=None).rows
                return len(box["rows"])
            _ms, cpu, n = _median_ms(once, repeats)
            figures[label] = {"rows": n, "cpu_ms": round(cpu, 1), "keys": _rows_key(box["rows"])}
        a, b = figures["before"].pop("keys"), figures["after"].pop("keys")
        verdict = "same rows, same order" if a == b else "same rows, other order among ties" \
            if sorted(a) == sorted(b) else "different rows"
        out[q.name] = {**figures, "verdict": verdict}
        print(f"  {store.name:<14} {q.name:<20} before {figures['before']['rows']:>7} rows "
              f"{figures['before']['cpu_ms']:9.1f} CPU ms  after {figures['after']['rows']:>7} rows "
              f"{figures['after']['cpu_ms']:9.1f} CPU ms  {verdict}", file=sys.stderr, flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stores", required=True, help="comma-separated built store directories")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--page", type=int, default=1000)
    ap.add_argument("--queries", help="comma-separated query names (default: all)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--write-tables", action="store_true", help="rewrite each store's listing tables first, timed")
    ap.add_argument("--table-workers", default="0", help="with --write-tables: comma-separated thread counts to time "
                                                         "in turn (0: one per core, as a build; e.g. 1,2)")
    ap.add_argument("--write-doc-tables", action="store_true",
                    help="rewrite each store's per-document tables first, each timed (directive_kg.doc_tables)")
    ap.add_argument("--doc-tables-dir", type=Path, help="keep the per-document tables in DIR/<store name> instead "
                                                        "of the store folder (a store that must not be written)")
    ap.add_argument("--before", metavar="REV", help="compare each query changed since git revision REV (rows, CPU)")
    args = ap.parse_args()
    only = set(args.queries.split(",")) if args.queries else None
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    if args.before:
        compared = {s: compare(Path(s), args.before, args.repeats, only) for s in args.stores.split(",")}
        print("| query | " + " | ".join(f"{Path(s).name}: rows before/after, CPU ms before/after, rows" for s in compared) + " |")
        print("|---|" + "---|" * len(compared))
        for q in sorted({q for r in compared.values() for q in r}):
            cells = [(lambda f: "-" if f is None else f"{f['before']['rows']}/{f['after']['rows']}, "
                      f"{f['before']['cpu_ms']}/{f['after']['cpu_ms']}, {f['verdict']}")(compared[s].get(q)) for s in compared]
            print(f"| {q} | " + " | ".join(cells) + " |")
        print(f"load average at end: {os.getloadavg()}")
        if args.json:
            args.json.write_text(json.dumps(compared, indent=2, ensure_ascii=False) + "\n")
        return 0
    workers = tuple(int(n) for n in args.table_workers.split(","))
    tables = {s: {**write_tables(Path(s), workers), "alone": listing_cpu(Path(s))}
              for s in args.stores.split(",")} if args.write_tables else {}
    shadow = (lambda s: args.doc_tables_dir / Path(s).name if args.doc_tables_dir else None)
    doc_tables = {s: write_doc_tables(Path(s), shadow(s) and _shadow_folder(Path(s), shadow(s)), only)
                  for s in args.stores.split(",")} if args.write_doc_tables else {}
    results = {s: measure(Path(s), args.repeats, args.page, only, shadow(s)) for s in args.stores.split(",")}
    names = sorted({q for r in results.values() for q in r})
    stores = list(results)
    head = "| query | " + " | ".join(f"{Path(s).name}: source, rows, CPU ms (wall), first 1,000 rows CPU ms (wall), rows/s (rows/CPU s)"
                                     for s in stores) + " |"
    print(head)
    print("|---|" + "---|" * len(stores))
    for q in names:
        cells = []
        for s in stores:
            f = results[s].get(q)
            page_cell = "-" if f is None or f["page_ms"] is None else f"{f['page_cpu_ms']} ({f['page_ms']})"
            cells.append("-" if f is None else f"{f['source']}, {f['rows']}, {f['cpu_ms']} ({f['median_ms']}), {page_cell}, "
                                               f"{f['rows_per_s'] or '-'} ({f['rows_per_cpu_s'] or '-'})")
        print(f"| {q} | " + " | ".join(cells) + " |")
    for s, t in tables.items():
        print(f"tables stage at {Path(s).name}: {t['cpu_s']} CPU s ({t['wall_s']} s wall, load {t['load']}), "
              f"{sum(t['rows'].values())} rows; listings alone {t['alone']['total_cpu_s']} CPU s, critical path "
              f"on 2 threads {t['alone']['two_threads_critical_s']} s")
    for s, d in doc_tables.items():
        for name, f in d.items():
            print(f"per-document table {name} at {Path(s).name}: {f['cpu_s']} CPU s ({f['wall_s']} s wall, load "
                  f"{f['load']}), {f['rows']} rows of {f['documents']} documents, {f['bytes']:,} bytes")
    print(f"load average at end: {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps({"queries": results, "tables": tables, "doc_tables": doc_tables}, indent=2, ensure_ascii=False,
                                        default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
