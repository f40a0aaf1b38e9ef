"""CPU seconds of the tables stage of a build, split: the walks (table_delta.reached) and the per-document
tables' rows queries (doc_tables._rows), and each table's thread CPU (listings and per-document tables
run in one pool: listings.write_all_tables). Run it on a copy
of a built store with the grown corpus (bench/run.py grown_corpus) to measure an add:

    .venv/bin/python bench/tables_add.py CORPUS STORE [--save-change FILE]

--save-change: pickle the per-document tables' Change (the last build's metadata and the Delta's changed
triples by predicate) to FILE, for bench/table_walks.py to replay the walks on the store the add left.

Figures (2026-12-07 02:28-02:38, load ~30, 10,000 + 1,000 = /work/corpora/store-10000 and added-1000,
main db04791 and branch addtables in the same minutes, CPU s): tables 15.62 -> 13.95 (walks 3.79 -> 2.36,
listings 8.62 -> 7.92, per-document tables 6.98 -> 6.03; propagation-tree whole 1.26 -> in place 0.54),
validate 16.30 -> 15.86. The branch: the merged-graph Delta (787da86 re-applied), bound reuse-levels
rows without Oxigraph's scan per VALUES row (bench/doc_rows.py), walks asking a side's predicates in
one query, a walk from too many changed ends not started (table_delta.ENDS).

Prints the build's cpu_seconds per stage, then the split (process CPU while each ran: the tables'
threads included), then each table's thread CPU (its update, or its whole write). Logs (INFO) say which per-document tables were updated and which written whole.
"""
import json
import logging
import pickle
import sys
import time

import loaders.build as build_module
from directive_kg import doc_tables, listings, table_delta


def timed(cpu: dict[str, float], name: str, f):
    """f, its process CPU added to cpu[name] at each call."""
    def g(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
    return g


def timed_tables() -> dict[str, float]:
    """Each table's thread CPU (its update, or its whole write) added to the dict returned, as the
    tables are written from now on (the writers wrapped)."""
    per_table: dict[str, float] = {}

    def by_table(f):
        def g(store, folder, query, *a, **k):
            t = time.thread_time()
            try:
                return f(store, folder, query, *a, **k)
            finally:
                per_table[query.name] = per_table.get(query.name, 0.0) + time.thread_time() - t
        return g

    doc_tables.update_doc_table = by_table(doc_tables.update_doc_table)
    doc_tables.write_doc_table = by_table(doc_tables.write_doc_table)
    listings._write_one = by_table(listings._write_one)
    return per_table


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    cpu: dict[str, float] = {}
    build_module.write_all_tables = timed(cpu, "tables", build_module.write_all_tables)
    table_delta.reached = timed(cpu, "walks", table_delta.reached)
    doc_tables._rows = timed(cpu, "rows", doc_tables._rows)
    per_table = timed_tables()
    if "--save-change" in sys.argv:
        out = sys.argv[sys.argv.index("--save-change") + 1]
        write = build_module.write_all_tables

        def saved(store, store_dir, workers=None, change=None):
            with open(out, "wb") as f:
                pickle.dump((dict(change.last), change.delta.by_p if change.delta is not None else None), f)
            return write(store, store_dir, workers, change)
        build_module.write_all_tables = saved
    report = build_module.build(sys.argv[1], sys.argv[2], progress=False)
    print(json.dumps({k: round(v, 2) for k, v in report.cpu_seconds.items()}))
    print(json.dumps({k: round(v, 2) for k, v in cpu.items()}))
    print(json.dumps({k: round(v, 2) for k, v in per_table.items()}))


if __name__ == "__main__":
    main()
