"""Snapshot of a build for before/after comparisons: the sorted export (N-Quads), every saved query's
rows (bench/run.py's parameters), the SHACL counts and the build's warnings that name dates.

    python bench/dates_snapshot.py CORPUS STORE OUT   # builds CORPUS into STORE, writes OUT/*
Run it with the code of another revision first on sys.path (PYTHONPATH=<checkout>) to get "before".
Prints the build's wall and CPU seconds and the load average (the machine is shared).
"""
from __future__ import annotations

import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    corpus, store, out = (Path(a) for a in sys.argv[1:4])
    out.mkdir(parents=True, exist_ok=True)
    from loaders.build import build
    from loaders.store import open_store, sorted_nquads

    t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_utime
    report = build(corpus, store, progress=False)
    wall = time.perf_counter() - t0
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime - c0 + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    v = report.validation
    with open_store(store) as kg:
        (out / "export.nq").write_text(sorted_nquads(kg.store), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    run_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_module)
    from directive_kg.queries import list_queries, run

    params = run_module.query_params(store)
    rows = {}
    with open_store(store, read_only=True) as kg:
        for q in list_queries():
            got = run(q, params.get(q.name, {}), store=kg, timeout=None).rows
            rows[q.name] = sorted(json.dumps(r, default=str, ensure_ascii=False, sort_keys=True) for r in got)
    (out / "queries.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    warnings = sorted(w for f in report.files for w in f.warnings if "same document" in w or "date" in w)
    summary = {"violations": v.violations, "warnings": v.warnings, "wall_s": round(wall, 1),
               "cpu_s": round(cpu, 1), "loadavg": os.getloadavg(), "file_warnings": warnings}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "file_warnings"}), len(warnings), "file warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
