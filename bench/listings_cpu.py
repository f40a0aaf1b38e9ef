"""CPU seconds of each listing table (its thread's CPU while it was written), in a build or alone:

    .venv/bin/python bench/listings_cpu.py CORPUS STORE   # build CORPUS into STORE (an add when STORE
                                                          # holds a build: a copy of a built store)
    .venv/bin/python bench/listings_cpu.py STORE          # write the listing tables of a built store
                                                          # whole, as a full build's tables stage does

Prints one JSON line: the build's cpu_seconds per stage (a build only), then listing -> CPU s, and
their sum. Logs (INFO) say which listing tables were updated in place and which written whole.
"""
import json
import logging
import sys
import time

from directive_kg import listings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    cpu: dict[str, float] = {}
    write_one = listings._write_one

    def timed(store, folder, query, *rest):
        t = time.thread_time()  # pyoxigraph evaluates in the calling thread: its CPU is counted
        try:
            return write_one(store, folder, query, *rest)
        finally:
            cpu[query.name] = round(time.thread_time() - t, 2)

    listings._write_one = timed
    if len(sys.argv) == 3:
        from loaders.build import build

        report = build(sys.argv[1], sys.argv[2], progress=False)
        print(json.dumps({k: round(v, 2) for k, v in report.cpu_seconds.items()}))
    else:
        from loaders.store import open_store

        with open_store(sys.argv[1], read_only=False) as kg:
            t = time.process_time()
            listings.write_tables(kg.store, kg.path)
            print(json.dumps({"write_tables process CPU s": round(time.process_time() - t, 2)}))
    print(json.dumps({**dict(sorted(cpu.items())), "sum": round(sum(cpu.values()), 2)}))


if __name__ == "__main__":
    main()
