"""CPU seconds of the tables stage of a build, split: the walks (table_delta.reached) and the per-document
tables' rows queries (doc_tables._rows), and each table's thread CPU (listings and per-document tables
run in one pool: listings.write_all_tables). Run it on a copy
of a built store with the grown corpus (bench/run.py grown_corpus) to measure an add:

    .venv/bin/python bench/tables_add.py CORPUS STORE

Prints the build's cpu_seconds per stage, then the split (process CPU while each ran: the tables'
threads included), then each table's thread CPU (its update, or its whole write). Logs (INFO) say which per-document tables were updated and which written whole.
"""
import json
import logging
import sys
import time

import loaders.build as build_module
from directive_kg import doc_tables, listings, table_delta


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    cpu: dict[str, float] = {}

    def timed(name, f):
        def g(*a, **k):
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
        return g

    build_module.write_all_tables = timed("tables", build_module.write_all_tables)
    table_delta.reached = timed("walks", table_delta.reached)
    doc_tables._rows = timed("rows", doc_tables._rows)
    per_table: dict[str, float] = {}  # thread CPU of each table, updated or written whole

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
    report = build_module.build(sys.argv[1], sys.argv[2], progress=False)
    print(json.dumps({k: round(v, 2) for k, v in report.cpu_seconds.items()}))
    print(json.dumps({k: round(v, 2) for k, v in cpu.items()}))
    print(json.dumps({k: round(v, 2) for k, v in per_table.items()}))


if __name__ == "__main__":
    main()
