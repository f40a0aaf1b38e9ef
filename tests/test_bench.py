"""bench/run.py: a whole run on a small generated corpus writes the figures issue 7 asks for; the
baseline worker is stopped at its cap and the stage is reported as capped; the table says so."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZE_KEYS = {"documents", "build_seconds", "peak_memory_mb", "validation_seconds", "parse_docs_per_second",
             "query_ms", "accuracy_mean_f1", "baseline_seconds", "speedup"}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.bench
def test_run_on_50_documents_writes_every_figure(tmp_path):
    out = tmp_path / "results"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "50", "--corpus-root", str(tmp_path / "corpus"),
         "--out", str(out), "--repeats", "1", "--baseline-repeats", "0", "--cap", "240", "--query-cap", "60", "--add", "10",
         "--duplicates", "0"],
        capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert {"cores", "memory_mb", "python", "libraries"} <= set(results["machine"])
    [size] = results["sizes"]
    assert SIZE_KEYS <= set(size)
    assert size["documents"] == 50 and size["documents_read"] == 50
    queries = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert sorted(size["query_ms"]) == queries and all(ms > 0 for ms in size["query_ms"].values())
    assert 0 < size["accuracy_mean_f1"] <= 1
    assert size["build_seconds"] > size["validation_seconds"] > 0
    assert size["peak_memory_mb"] > 50 and size["store_mb"] > 0
    # 10 documents added to the built store: an incremental build that read 60 files
    assert size["add"]["documents_read"] == 60 and size["add"]["seconds"] > 0
    assert size["build_cpu_ms_per_document"] > 0 and size["validation"]["violations"] == 0
    # the same saved queries on rdflib return as many rows as on the store
    rows = {name[len("query:"):]: b["rows"] for name, b in size["baseline"].items()
            if name.startswith("query:") and b is not None}
    assert rows and all(size["query_rows"][name] == n for name, n in rows.items())
    table = (out / "latest.md").read_text(encoding="utf-8")
    assert "50 docs" in table and run.stdout.strip() == table.strip()


def test_baseline_stage_over_its_cap_is_reported_as_capped(tmp_path):
    bench = _bench()
    nt = tmp_path / "g.nt"
    nt.write_text("<urn:a> <http://data.europa.eu/eli/ontology#cites> <urn:b> .\n", encoding="utf-8")
    done = bench.run_baseline(nt, {"documents": {}}, cap=120, query_cap=0.0001, repeats=0)
    assert done["load"]["triples"] == 1
    assert done["query:documents"] is None
    assert set(done) == {"load", "shacl", "query:documents"}


def test_table_marks_capped_stages_and_missing_builds():
    bench = _bench()
    machine = {"cores": 2, "cpu": "x", "memory_mb": 1000, "python": "3.11", "libraries": {"rdflib": "7"},
               "load_average_at_start": [1.0, 1.0, 1.0]}
    capped = {"documents": 1000, "build_seconds": 10.0, "build_stages": {"read": 5.0}, "build_cpu_seconds": 15.0,
              "peak_memory_mb": 300.0, "peak_tree_pss_mb": 500.0, "validation_seconds": 2.0,
              "validation": {"violations": 0, "warnings": 3}, "store_mb": 12.0, "triples": 1234,
              "accuracy_mean_f1": 0.9, "parse_docs_per_second": 200.0, "parse": {"docs_per_cpu_second": 110.0},
              "query_ms": {"documents": 3.0}, "query_cold_ms": {"documents": 9.0},
              "baseline": {"query:documents": None},
              "baseline_seconds": {"load": 20.0, "validation": None, "parse": 9.0, "total": None},
              "speedup": {"load": 4.0, "validation": None, "queries": None, "total": None},
              "speedup_at_least": {"load": None, "validation": 30.0, "total": None}}
    failed = {"documents": 10000, "error": "the build did not finish in 60 s", "parse_docs_per_second": 180.0,
              "parse": {"docs_per_cpu_second": 100.0}, "accuracy_mean_f1": 0.8, "build_seconds": None,
              "peak_memory_mb": None, "validation_seconds": None, "query_ms": None, "baseline_seconds": None,
              "speedup": None}
    table = bench.markdown({"machine": machine, "sizes": [capped, failed], "started": "2025-01-01T00:00:00",
                            "seconds": 99.0, "caps": {}})
    lines = {line.split(" | ")[0].strip("| "): line for line in table.splitlines() if line.startswith("|")}
    assert lines["baseline: pySHACL"].endswith("| capped | - |")
    assert lines["speedup: load"].endswith("| 4.0× | - |")
    assert lines["speedup: validation"].endswith("| ≥ 30.0× (capped) | - |")
    assert lines["speedup: whole pipeline"].endswith("| capped | - |")  # no bound known
    assert lines["problem"].endswith("| none | the build did not finish in 60 s |")
    assert lines["`documents`"].endswith("| 3.0 (9) [capped] | - |")


@pytest.mark.parametrize("baseline,expected", [
    # pySHACL stopped at its 60 s cap: it took at least 60 s against our 2 s of validation
    ({"load": {"seconds": 20.0}, "shacl": None}, {"load": None, "validation": 30.0, "total": (9 + 1 + 20 + 60) / 10}),
    # the load stopped: pySHACL never ran, the whole pipeline took at least extraction + map + the cap
    ({"load": None, "shacl": None}, {"load": 60 / 4, "validation": None, "total": (9 + 1 + 60) / 10}),
    # nothing capped: no lower bounds, real ratios
    ({"load": {"seconds": 20.0}, "shacl": {"seconds": 40.0}}, {"load": None, "validation": None, "total": None}),
])
def test_capped_baseline_stages_give_lower_bounds(baseline, expected):
    import argparse
    bench = _bench()
    build = {"seconds": 10.0, "cpu_seconds": 12.0, "stages": {"load": 4.0, "map": 1.0}, "peak_memory_mb": 1.0,
             "peak_tree_pss_mb": 1.0, "validation": {"seconds": 2.0}, "store_mb": 1.0, "triples": 1,
             "documents_read": 1, "set_aside": 0, "counts": {}}
    parse = {"cpu_seconds": 9.0, "docs_per_second": 100.0}
    summary = bench.summarise(1, None, parse, {"mean_f1": 1.0, "fields": {}}, build,
                              {"documents": {"warm_ms": 1.0, "cold_ms": 1.0, "rows": 1, "origin": "sparql",
                                                "sparql_cold_ms": 1.0, "sparql_warm_ms": 1.0}}, {}, baseline,
                              argparse.Namespace(cap=60.0, query_cap=10.0))
    assert summary["speedup_at_least"] == pytest.approx(expected)
    if baseline["shacl"]:
        assert summary["speedup"]["total"] == pytest.approx((9 + 1 + 20 + 40) / 10)


def test_a_failed_size_keeps_the_figures_of_the_sizes_before(tmp_path):
    """Each size's results are written as it ends: a size that fails later (here an empty corpus: no
    document for the saved queries' parameters) is recorded with its error, and the size before keeps
    its build figures."""
    bench = _bench()
    out = tmp_path / "results"
    code = bench.main(["--sizes", "20,0", "--corpus-root", str(tmp_path / "corpus"), "--out", str(out),
                       "--no-parse", "--no-baseline", "--add", "0", "--repeats", "1", "--duplicates", "0"])
    assert code == 1
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    first, second = results["sizes"]
    assert first["documents"] == 20 and first["build_seconds"] > 0 and "error" not in first
    assert second["documents"] == 0 and "ParameterError" in second["error"]
    assert "| problem | none | ParameterError" in (out / "latest.md").read_text(encoding="utf-8")


def test_a_failed_add_is_shown_beside_the_build():
    bench = _bench()
    size = {"documents": 100, "add": {"error": "directive-kg build failed (1): out of memory"}}
    table = bench.markdown({"machine": {"cores": 2, "cpu": "x", "memory_mb": 1, "python": "3", "libraries": {},
                                        "load_average_at_start": [1.0]}, "sizes": [size],
                            "started": "2025-01-01T00:00:00", "seconds": 1.0, "caps": {}})
    assert "| adding documents: wall / CPU | failed: directive-kg build failed (1): out of memory |" in table
