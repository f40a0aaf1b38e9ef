"""The plain rdflib + pySHACL way, as a worker process that bench/run.py can kill at a time cap.

    python bench/baseline.py GRAPH.nt PARAMS.json STEP [STEP ...]

Loads GRAPH.nt (the union of the pipeline's named graphs, as N-Triples) into an in-memory
``rdflib.Graph`` (always, first), then runs each STEP:
  ``shacl``         pySHACL over the whole graph with ontology/shapes.ttl (the call loaders/validate.py makes);
  ``query:NAME``    the saved query NAME through the same runner as the store (directive_kg.queries.run),
                    on rdflib's SPARQL engine, parameters bound by VALUES blocks like for a remote endpoint
                    (PARAMS.json: query name -> {param: value}); one cold run then REPEATS warm runs.
After each step it prints one JSON line {"step": ..., "seconds": ..., "cpu_seconds": ..., ...} and
flushes (CPU seconds of that step: the figure to compare when other work shares the machine). Each step
after the load runs in a forked child stopped at its cap (BENCH_STAGE_CAP for shacl,
BENCH_QUERY_CAP for a query; seconds): a stopped step prints {"step": ..., "capped": true} and the
next step starts at once, on the graph already loaded (this process has no threads, so fork is safe).
"""
from __future__ import annotations

import json
import logging
import os
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox
import rdflib

from directive_kg.queries import run
from directive_kg.queries import bind_values
from loaders.validate import SHAPES

REPEATS = int(os.environ.get("BENCH_BASELINE_REPEATS", "2"))
STAGE_CAP = float(os.environ.get("BENCH_STAGE_CAP", "300"))
QUERY_CAP = float(os.environ.get("BENCH_QUERY_CAP", "60"))


def _ox(term):
    """An rdflib term as the pyoxigraph term the query runner expects."""
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


class RdflibBackend:
    """rdflib's SPARQL engine over one in-memory Graph (the union of the named graphs)."""

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph

    def select(self, text: str, bindings: Mapping, timeout, source: str):
        result = self.graph.query(bind_values(text, bindings) if bindings else text)
        names = [str(v) for v in result.vars]
        return names, [{n: _ox(row[i]) for i, n in enumerate(names)} for row in result]


def load(path: str) -> tuple[rdflib.Graph, dict]:
    started, cpu = time.perf_counter(), time.process_time()
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    return graph, {"step": "load", "seconds": time.perf_counter() - started,
                   "cpu_seconds": time.process_time() - cpu, "triples": len(graph)}


def shacl(graph: rdflib.Graph) -> dict:
    import pyshacl

    started = time.perf_counter()
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # one traceback per ill-typed literal
    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                                allow_warnings=True, allow_infos=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    severities = [str(s).rsplit("#", 1)[-1] for s in report.objects(None, sh.resultSeverity)]
    return {"step": "shacl", "seconds": time.perf_counter() - started,
            "violations": severities.count("Violation"), "warnings": severities.count("Warning")}


def query(graph: rdflib.Graph, name: str, params: Mapping[str, str]) -> dict:
    backend = RdflibBackend(graph)
    times, rows = [], 0
    for _ in range(1 + REPEATS):
        started = time.perf_counter()
        rows = len(run(name, params, backend=backend, timeout=None))
        times.append(time.perf_counter() - started)
    return {"step": f"query:{name}", "seconds": sum(times), "cold_ms": times[0] * 1000,
            "warm_ms": statistics.median(times[1:]) * 1000 if REPEATS else None, "rows": rows}


def main(argv: list[str]) -> int:
    nt, params_file, *steps = argv
    params = json.loads(Path(params_file).read_text(encoding="utf-8"))
    graph, record = load(nt)
    print(json.dumps(record), flush=True)
    for step in steps:
        if step == "shacl":
            capped(step, STAGE_CAP, lambda: shacl(graph))
        elif step.startswith("query:"):
            name = step.split(":", 1)[1]
            capped(step, QUERY_CAP, lambda: query(graph, name, params.get(name, {})))
        else:
            raise SystemExit(f"baseline.py: unknown step {step!r}")
    return 0


def capped(step: str, cap: float, work) -> None:
    """Run ``work`` in a forked child and print its record: {"capped": true} when it took over ``cap``
    seconds, {"failed": ...} when it raised or died."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        cpu = time.process_time()
        try:
            record = work()
            record["cpu_seconds"] = time.process_time() - cpu  # comparable on a busy machine, unlike wall
        except BaseException as e:  # reported by the parent; the benchmark goes on
            record = {"step": step, "failed": f"{type(e).__name__}: {e}"}
        with os.fdopen(write_end, "w") as out:
            out.write(json.dumps(record))
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + cap
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
            print(json.dumps({"step": step, "capped": True, "cap_seconds": cap}), flush=True)
            return
        time.sleep(0.05)
    with os.fdopen(read_end) as inp:
        text = inp.read()
    print(text if text else json.dumps({"step": step, "failed": "the worker died"}), flush=True)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
