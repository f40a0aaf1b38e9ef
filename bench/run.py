#!/usr/bin/env python3
"""Benchmark of the whole pipeline at 1k and 10k documents (100k with --with-100k), side by side
with the plain rdflib + pySHACL way, in one invocation.

    python bench/run.py [--sizes 1000,10000] [--with-100k] [--cap 300] [--query-cap 60]

Per size N: generate the corpus once (bench/generate.py, cached in bench/corpus/N), then measure
  parse        read + extract every file over a process pool of all cores (documents/s); the
               records are scored against the generated gold (tests/score_extraction.py, mean F1)
  build        `directive-kg build` in a subprocess: wall time, stage times from its report, peak
               memory (getrusage maxrss of the largest process, and the sampled peak of the summed
               PSS of its process tree), SHACL validation time, store size on disk
  queries      every saved query on the built store: cold (first run after opening the store) and
               warm (median of --repeats runs), in ms
  baseline     the same graph (the store's union, as N-Triples) in an rdflib Graph, pySHACL over it,
               the saved queries on rdflib's SPARQL engine; each stage is stopped at its cap
               (null in the results) -- see bench/baseline.py
Writes bench/results/latest.{json,md} and dated copies, and prints the table.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import multiprocessing
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from loaders.store import merged_ntriples

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GENERATOR = (BENCH / "generate.py", BENCH / "generator_data.json")
SCORER = ROOT / "tests" / "score_extraction.py"
LIBRARIES = ("directive-kg", "rdflib", "pyshacl", "pyoxigraph", "owlrl")

# Which document a query with a `document` parameter is run on when its default names nothing in the
# synthetic corpus: "root" = the most cited document (the top of the largest propagation tree),
# "leaf" = a document at the end of a citation chain of two hops (deep ancestry, own lists).
DOCUMENT_ROLE = {"ancestors": "leaf", "distribution": "leaf", "evidence": "leaf"}
PICK = {
    "root": """SELECT ?d (COUNT(?c) AS ?n) WHERE { ?c <http://data.europa.eu/eli/ontology#cites> ?d }
               GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1""",
    "leaf": """SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#cites> ?p .
                                 ?p <http://data.europa.eu/eli/ontology#cites> ?r .
                                 ?d <https://w3id.org/directive-kg/ontology#sourceFile> ?f .
                                 FILTER NOT EXISTS { ?x <http://data.europa.eu/eli/ontology#cites> ?d } }
               ORDER BY ?d LIMIT 1""",
    "body": """SELECT ?d (COUNT(?a) AS ?n) WHERE { ?a <https://w3id.org/directive-kg/ontology#leadBody> ?d }
               GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1""",
}


# --- corpus ---------------------------------------------------------------------------------------

def generator_digest() -> str:
    h = hashlib.sha256()
    for f in GENERATOR:
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def ensure_corpus(root: Path, docs: int, seed: int, noise: float, duplicates: float = 0.0,
                  name: str | None = None) -> tuple[Path, float | None]:
    """bench/corpus/N, generated unless a corpus of the same generator and parameters is there.
    Returns the folder and the generation time (None when cached)."""
    folder = root / (name or str(docs))
    marker = folder / ".generated.json"
    wanted = {"docs": docs, "seed": seed, "noise": noise, "duplicates": duplicates, "generator": generator_digest()}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return folder, None
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(GENERATOR[0]), "--docs", str(docs), "--out", str(folder),
                    "--seed", str(seed), "--noise", str(noise), "--duplicates", str(duplicates)],
                   check=True, stdout=subprocess.DEVNULL)
    marker.write_text(json.dumps(wanted))
    return folder, time.perf_counter() - started


# --- parse throughput and accuracy ----------------------------------------------------------------

def _parse_one(path: str) -> tuple[str, dict | None, float]:
    """One file -> (path, its record as the scorer reads it or None, CPU seconds spent on it)."""
    from loaders.extract import extract
    from loaders.read import SetAside, read_document
    from loaders.text import SourceText

    started = time.process_time()
    try:
        doc = read_document(path)
        if isinstance(doc, SetAside):
            return path, None, time.process_time() - started
        data = extract(SourceText.from_text(doc.text), path, doc.sha256).to_json()
    except Exception:  # counted as a document without a record; the scorer reports it as a miss
        return path, None, time.process_time() - started
    data["source"] = path
    return path, data, time.process_time() - started


def measure_parse(corpus: Path, jobs: int) -> tuple[dict, dict[str, dict]]:
    files = [str(p.resolve()) for p in sorted(corpus.glob("*.txt"))]
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_parse_one, files, chunksize=max(1, len(files) // (jobs * 8))))
    wall = time.perf_counter() - started
    cpu = sum(r[2] for r in results)
    records = {path: data for path, data, _ in results if data is not None}
    return {"seconds": wall, "docs_per_second": len(files) / wall, "cpu_seconds": cpu,
            "docs_per_cpu_second": len(files) / cpu if cpu else None,
            "failed": len(files) - len(records)}, records


_SCORER = None


def _scorer():
    global _SCORER
    if _SCORER is None:
        spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
        _SCORER = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_SCORER)
    return _SCORER


def _score_chunk(chunk: list[tuple[str, str, dict | None]]) -> tuple[dict, dict]:
    tally = _scorer().score([(Path(t), Path(g)) for t, g, _ in chunk], {t: p for t, _, p in chunk if p})
    return tally.fields, tally.sets


def accuracy(corpus: Path, records: dict[str, dict], jobs: int) -> dict:
    """Mean F1 of the shared scorer over every document, scored in chunks over all cores (the
    scorer's counts add up). NAME.txt pairs with NAME.gold.json, as the generator writes them
    (the scorer's collect() globs the folder once per gold file: quadratic, minutes at 10k)."""
    pairs = [(str(g.with_name(g.name[:-len(".gold.json")] + ".txt").resolve()), str(g))
             for g in sorted(corpus.glob("*.gold.json"))]
    items = [(t, g, records.get(t)) for t, g in pairs]
    step = max(1, len(items) // (jobs * 4))
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_score_chunk, [items[i:i + step] for i in range(0, len(items), step)]))
    tally = _scorer().Tally()
    for fields, sets in parts:
        for mine, theirs in ((tally.fields, fields), (tally.sets, sets)):
            for name, counts in theirs.items():
                row = mine.setdefault(name, [0, 0, 0])
                for i, n in enumerate(counts):
                    row[i] += n
    report = tally.report()
    return {"mean_f1": sum(r["f1"] for r in report.values()) / len(report),
            "fields": {name: r["f1"] for name, r in report.items()}, "documents": len(items)}


# --- build ----------------------------------------------------------------------------------------

_WRAPPER = ("import json, resource, subprocess, sys\n"
            "rc = subprocess.call(sys.argv[2:])\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "open(sys.argv[1], 'w').write(json.dumps({'rc': rc, 'maxrss_kb': u.ru_maxrss, "
            "'cpu': u.ru_utime + u.ru_stime}))\n")


def _tree(root: int) -> list[int]:
    """The pids of the process tree under root (root included)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(entry.path, "stat").read_text()
                children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree (shared pages counted once) until stopped."""

    def __init__(self, pid: int, every: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb, self.stopped = pid, every, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))


def store_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class BuildTimeout(RuntimeError):
    pass


def measure_build(corpus: Path, store: Path, jobs: int, cap: float | None, fresh: bool = True) -> dict:
    if fresh and store.exists():
        shutil.rmtree(store)
    usage = store.parent / f"{store.name}.rusage.json"
    command = [sys.executable, "-c", _WRAPPER, str(usage), sys.executable, "-m", "directive_kg.cli", "build",
               str(corpus), "--store", str(store), "--quiet", "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the build's own process group
        proc.communicate()
        raise BuildTimeout(f"the build did not finish in {cap:g} s") from None
    finally:
        sampler.stopped.set()
        sampler.join()
    wall = time.perf_counter() - started
    rusage = json.loads(usage.read_text())
    usage.unlink()
    if proc.returncode or rusage["rc"]:
        raise RuntimeError(f"directive-kg build {corpus} failed ({rusage['rc']}):\n{out[-2000:]}{err[-4000:]}")
    report = json.loads((store / "build-report.json").read_text(encoding="utf-8"))
    return {
        "seconds": wall, "cpu_seconds": rusage["cpu"],
        "peak_memory_mb": rusage["maxrss_kb"] / 1024, "peak_tree_pss_mb": sampler.peak_kb / 1024,
        "stages": report["seconds"], "stages_cpu": report.get("cpu_seconds", {}),
        "validation": report["validation"], "counts": report["counts"],
        "documents_read": report["documents_read"], "set_aside": report["set_aside"],
        "triples": report["store_changes"]["triples"], "store_changes": report["store_changes"],
        "store_mb": store_bytes(store / "oxigraph") / 2**20, "quads": store_quads(store),
    }


def store_quads(store: Path) -> int:
    """Every quad of the store (index and ontology graphs too), counted after the build, outside its
    time: the build keeps only the merged graph's triples (a full count scans the store)."""
    with _open(store) as opened:
        return len(opened.store)


def grown_corpus(corpus: Path, added: Path, target: Path) -> Path:
    """``corpus`` and, in ``target/added/``, the files of ``added``: hard links, no copies (the
    corpus's files keep their names, so their graphs are the same)."""
    if target.exists():
        shutil.rmtree(target)
    for folder, extra in ((corpus, target), (added, target / "added")):
        for f in folder.rglob("*"):
            if f.is_file() and not f.name.startswith("."):
                dest = extra / f.relative_to(folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(f, dest)
    return target


def measure_add(docs: int, corpus: Path, store: Path, args: argparse.Namespace) -> dict:
    """A built store, then the same build with ``args.add`` more documents (another seed): the
    incremental build a researcher runs after a new batch of files."""
    added, _ = ensure_corpus(args.corpus_root, args.add, args.seed + 1, args.noise, 0.0, name=f"added-{args.add}")
    grown = grown_corpus(corpus, added, args.corpus_root / f"{docs}-plus-{args.add}")
    try:
        return measure_build(grown, store, args.jobs, args.build_cap, fresh=False)
    finally:
        shutil.rmtree(grown, ignore_errors=True)


# --- saved queries on the store -------------------------------------------------------------------

def _open(store: Path):
    from loaders.store import open_store
    return open_store(store, read_only=True)


def query_params(store: Path) -> dict[str, dict[str, str]]:
    """Each saved query's parameters: its defaults, except a document or body default that names
    nothing in this corpus, which is replaced by a document/body picked from the graph (PICK)."""
    from directive_kg.queries import UNRESOLVED, EmbeddedBackend, ParameterError, list_queries, resolve_params

    chosen: dict[str, dict[str, str]] = {}
    with _open(store) as kg:
        backend = EmbeddedBackend(kg.store)
        picked = {role: next((s["d"].value for s in kg.query(q)), None) for role, q in PICK.items()}
        for q in list_queries():
            params = {}
            try:
                bindings, _notes = resolve_params(q, {}, backend, None)
            except ParameterError:  # a required parameter: picked below
                bindings = {}
            for p in q.params:
                if p.default == "*" or (p.default is not None and bindings.get(p.name) != UNRESOLVED):
                    continue  # optional, or a default this corpus has; a required one is always picked
                role = "body" if p.type == "body" else DOCUMENT_ROLE.get(q.name, "root")
                pick = picked[role] or picked["root"]  # a small corpus may have no two-step chain
                if pick:
                    params[p.name] = pick
            chosen[q.name] = params
    return chosen


def measure_queries(store: Path, params: dict[str, dict[str, str]], repeats: int) -> dict[str, dict]:
    """Each query's cold and warm median ms twice: as a user gets it (the store folder: the build's
    listing and per-document tables when current, else SPARQL; `origin` says which) and as SPARQL on
    the bare store (the figure the rdflib baseline is compared with)."""
    timings = {}
    for name, given in params.items():
        with _open(store) as kg:
            served = _timed(name, given, kg, repeats)
            sparql = _timed(name, given, kg.store, repeats) if served["origin"] != "sparql" else served
        timings[name] = {**served, "sparql_cold_ms": sparql["cold_ms"], "sparql_warm_ms": sparql["warm_ms"]}
    return timings


def _timed(name: str, given: dict[str, str], store, repeats: int) -> dict:
    """cold: the first run after opening the store (or after the other path's runs); warm: the median."""
    from directive_kg.queries import run

    started = time.perf_counter()
    result = run(name, given, store=store, timeout=None)
    cold = time.perf_counter() - started
    warm = []
    # a slow query needs fewer runs for a stable median (and the bench must end in minutes)
    for _ in range(repeats if cold < 1 else min(repeats, 3) if cold < 10 else 1):
        started = time.perf_counter()
        run(name, given, store=store, timeout=None)
        warm.append(time.perf_counter() - started)
    return {"cold_ms": cold * 1000, "warm_ms": statistics.median(warm) * 1000, "rows": len(result),
            "origin": getattr(result, "origin", "sparql")}


def dump_union(store: Path, target: Path) -> int:
    """The store's merged graph (each triple of the data graphs once) as N-Triples."""
    with _open(store) as kg:
        data = merged_ntriples(kg.store)
    target.write_bytes(data)
    return data.count(b"\n")


# --- baseline (a worker process stopped at the caps) ----------------------------------------------

def run_baseline(nt: Path, params: dict[str, dict[str, str]], cap: float, query_cap: float,
                 repeats: int) -> dict[str, dict | None]:
    """step -> its record, or None when it was stopped at its cap (or never ran: the load was capped).
    The worker stops each step itself at its cap (a forked child per step); this process stops the
    load at ``cap``, and the whole worker when it overruns a step's cap by a minute."""
    params_file = nt.with_suffix(".params.json")
    params_file.write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    steps = ["shacl"] + [f"query:{name}" for name in params]
    done: dict[str, dict | None] = {s: None for s in ["load", *steps]}
    env = {**os.environ, "BENCH_BASELINE_REPEATS": str(repeats), "BENCH_STAGE_CAP": str(cap),
           "BENCH_QUERY_CAP": str(query_cap)}
    proc = subprocess.Popen([sys.executable, str(BENCH / "baseline.py"), str(nt), str(params_file), *steps],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True, env=env)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put(None)], daemon=True).start()
    try:
        for step in ["load", *steps]:
            limit = cap if step in ("load", "shacl") else query_cap
            line = lines.get(timeout=limit + (0 if step == "load" else 60))
            if line is None:  # the worker died (memory?): what it did not report counts as not done
                print(f"bench/baseline.py stopped at {step} (exit {proc.wait()})", file=sys.stderr)
                break
            record = json.loads(line)
            print(f"baseline step {line.strip()}", file=sys.stderr, flush=True)  # kept if a later step is stopped
            if "failed" in record:
                print(f"baseline {step} failed: {record['failed']}", file=sys.stderr)
            done[step] = None if record.get("capped") or "failed" in record else record
    except queue.Empty:
        pass  # the load took longer than its cap, or the worker hangs
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the worker's own process group
        proc.wait()
        params_file.unlink()
    return done


# --- one size --------------------------------------------------------------------------------------

def _ratio(baseline: float | None, ours: float | None) -> float | None:
    return baseline / ours if baseline is not None and ours else None


def measure_size(docs: int, args: argparse.Namespace) -> dict:
    say = lambda message: print(f"[{docs}] {message}", file=sys.stderr, flush=True)  # noqa: E731
    corpus, generated = ensure_corpus(args.corpus_root, docs, args.seed, args.noise, args.duplicates)
    say(f"corpus {corpus} " + (f"generated in {generated:.1f} s" if generated else "cached"))
    if args.no_parse:  # the build reads and extracts anyway; this is the separate throughput + accuracy run
        parse = {"docs_per_second": None, "docs_per_cpu_second": None, "cpu_seconds": None}
        acc = {"mean_f1": None, "fields": {}}
    else:
        parse, records = measure_parse(corpus, args.jobs)
        say(f"parse {parse['docs_per_second']:.0f} documents/s over {args.jobs} processes")
        acc = accuracy(corpus, records, args.jobs)
        del records
        say(f"accuracy mean F1 {acc['mean_f1']:.3f}")
    store = args.corpus_root / f"store-{docs}"
    try:
        build = measure_build(corpus, store, args.jobs, args.build_cap)
    except (BuildTimeout, RuntimeError) as e:  # a failed build: the figures of the parse are kept
        say(str(e))
        return failed_size(docs, str(e), parse, acc)
    say(f"build {build['seconds']:.1f} s ({', '.join(f'{k} {v:.1f}' for k, v in build['stages'].items())}), "
        f"peak {build['peak_memory_mb']:.0f} MB")
    params = query_params(store)
    queries = measure_queries(store, params, args.repeats)
    say("queries " + ", ".join(f"{n} {q['warm_ms']:.0f}" for n, q in queries.items()) + " ms")
    build["add"] = None
    if args.add:
        try:
            build["add"] = measure_add(docs, corpus, store, args)
            say(f"adding {args.add} documents: {build['add']['seconds']:.1f} s, CPU {build['add']['cpu_seconds']:.1f} s, "
                f"peak {build['add']['peak_tree_pss_mb']:.0f} MB ({build['add']['store_changes']['mode']})")
        except (BuildTimeout, RuntimeError) as e:  # the build's figures are kept, the add's error with them
            say(f"adding {args.add} documents failed: {e}")
            build["add"] = {"error": str(e)}
    baseline: dict[str, dict | None] = {}
    if not args.no_baseline and parse["cpu_seconds"] is not None:  # its total needs the one-core parse time
        nt = args.corpus_root / f"union-{docs}.nt"
        dump_union(store, nt)
        baseline = run_baseline(nt, params, args.cap, args.query_cap, args.baseline_repeats)
        nt.unlink()
        say("baseline " + ", ".join(f"{k} {'capped' if v is None else format(v['seconds'], '.1f')}"
                                    for k, v in baseline.items() if not k.startswith("query:")))
    return summarise(docs, generated, parse, acc, build, queries, params, baseline, args)


def failed_size(docs: int, error: str, parse: dict | None = None, acc: dict | None = None) -> dict:
    """The results of a size whose build did not finish (or whose measuring failed): the error, and the
    parse figures when they were measured."""
    parse = parse or {"docs_per_second": None, "docs_per_cpu_second": None, "cpu_seconds": None}
    return {"documents": docs, "error": error, "parse_docs_per_second": parse["docs_per_second"], "parse": parse,
            "accuracy_mean_f1": (acc or {}).get("mean_f1"), "accuracy_fields": (acc or {}).get("fields", {}),
            **{k: None for k in ("build_seconds", "peak_memory_mb", "validation_seconds", "query_ms",
                                 "baseline_seconds", "speedup")}}


def summarise(docs, generated, parse, acc, build, queries, params, baseline, args) -> dict:
    stages = build["stages"]
    base_load = (baseline.get("load") or {}).get("seconds")
    base_shacl = (baseline.get("shacl") or {}).get("seconds")
    base_query = {n: (baseline.get(f"query:{n}") or {}).get("warm_ms") for n in queries}
    # The baseline pipeline: the same extraction and mapping code, run on one core (the summed CPU
    # time of extraction per document), then rdflib load and pySHACL.
    base_total = (None if base_load is None or base_shacl is None
                  else parse["cpu_seconds"] + stages.get("map", 0.0) + base_load + base_shacl)
    # The same in CPU seconds on both sides: comparable when other work shares the machine.
    base_cpu = {k: (baseline.get(k) or {}).get("cpu_seconds") for k in ("load", "shacl")}
    base_total_cpu = (None if None in base_cpu.values()
                      else parse["cpu_seconds"] + build.get("stages_cpu", {}).get("map", 0.0) + sum(base_cpu.values()))
    ours_queries = sum(q["sparql_warm_ms"] for q in queries.values())  # SPARQL against SPARQL
    base_queries = None if not baseline or None in base_query.values() else sum(base_query.values())
    baseline_seconds = {"parse": parse["cpu_seconds"], "load": base_load, "validation": base_shacl,
                        "queries": base_queries / 1000 if base_queries is not None else None,
                        "total": base_total, "load_cpu": base_cpu["load"], "validation_cpu": base_cpu["shacl"],
                        "total_cpu": base_total_cpu} if baseline else None
    return {
        "documents": docs,
        "generated_seconds": generated,
        "build_seconds": build["seconds"],
        "build_cpu_seconds": build["cpu_seconds"],
        "build_cpu_ms_per_document": build["cpu_seconds"] * 1000 / docs,
        "add": build.get("add"),
        "build_stages": stages,
        "build_stages_cpu": build.get("stages_cpu"),
        "peak_memory_mb": build["peak_memory_mb"],
        "peak_tree_pss_mb": build["peak_tree_pss_mb"],
        "validation_seconds": build["validation"]["seconds"],
        "validation": build["validation"],
        "store_mb": build["store_mb"],
        "triples": build["triples"],
        "quads": build.get("quads"),
        "documents_read": build["documents_read"],
        "set_aside": build["set_aside"],
        "counts": build["counts"],
        "parse_docs_per_second": parse["docs_per_second"],
        "parse": parse,
        "query_ms": {n: q["warm_ms"] for n, q in queries.items()},
        "query_cold_ms": {n: q["cold_ms"] for n, q in queries.items()},
        "query_origin": {n: q["origin"] for n, q in queries.items()},
        "query_sparql_ms": {n: q["sparql_warm_ms"] for n, q in queries.items()},
        "query_rows": {n: q["rows"] for n, q in queries.items()},
        "query_params": params,
        "accuracy_mean_f1": acc["mean_f1"],
        "accuracy_fields": acc["fields"],
        "baseline_seconds": baseline_seconds,
        "baseline": baseline or None,
        "baseline_caps": {"stage_seconds": args.cap, "query_seconds": args.query_cap},
        "speedup": {
            "load": _ratio(base_load, stages.get("load")),
            "validation": _ratio(base_shacl, build["validation"]["seconds"]),
            "queries": _ratio(base_queries, ours_queries),
            "total": _ratio(base_total, build["seconds"]),
            "validation_cpu": _ratio(base_cpu["shacl"], build.get("stages_cpu", {}).get("validate")),
            "total_cpu": _ratio(base_total_cpu, build["cpu_seconds"]),
        } if baseline else None,
        # Where the baseline was stopped at its cap, it took at least the cap: a lower bound (a stage
        # never reached counts as 0 s).
        "speedup_at_least": {
            "load": _ratio(args.cap, stages.get("load")) if base_load is None else None,
            "validation": (_ratio(args.cap, build["validation"]["seconds"])
                           if base_shacl is None and base_load is not None else None),
            "total": (_ratio(parse["cpu_seconds"] + stages.get("map", 0.0) + (base_load or args.cap)
                             + (base_shacl or (args.cap if base_load is not None else 0.0)), build["seconds"])
                      if base_total is None else None),
        } if baseline else None,
    }


# --- machine, output ------------------------------------------------------------------------------

def machine() -> dict:
    def ver(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None
    meminfo = Path("/proc/meminfo")
    total = next((int(line.split()[1]) // 1024 for line in meminfo.read_text().splitlines()
                  if line.startswith("MemTotal:")), None) if meminfo.exists() else None
    cpuinfo = Path("/proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")), None) if cpuinfo.exists() else None
    return {"cores": os.cpu_count(), "cpu": model, "memory_mb": total, "platform": platform.platform(),
            "python": platform.python_version(), "libraries": {n: ver(n) for n in LIBRARIES},
            "load_average_at_start": list(os.getloadavg())}


def _fmt(value, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "capped"
    return f"{value:,.{digits}f}{suffix}"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    head = "| | " + " | ".join(f"{s['documents']:,} docs" for s in sizes) + " |"
    rule = "|---|" + "---:|" * len(sizes)

    def cell(f, s) -> str:
        try:
            return f(s)
        except (KeyError, TypeError):  # a size whose build did not finish has no such figure
            return "-"
    row = lambda label, f: f"| {label} | " + " | ".join(cell(f, s) for s in sizes) + " |"  # noqa: E731
    def speed(key):
        def shown(s):
            if not s["speedup"]:
                return "-"
            at_least = (s.get("speedup_at_least") or {}).get(key)
            if s["speedup"].get(key) is None and at_least is not None:
                return f"≥ {at_least:,.1f}× (capped)"
            return _fmt(s["speedup"].get(key), 1, "×")
        return shown
    base = lambda key: lambda s: _fmt((s["baseline_seconds"] or {}).get(key), 1, " s") if s["baseline_seconds"] else "-"  # noqa: E731
    lines = [head, rule, row("problem", lambda s: s.get("error") or "none"),
             row("parse (read + extract), all cores", lambda s: f"{s['parse_docs_per_second']:,.0f} docs/s"
                 if s['parse_docs_per_second'] else "-"),
             row("parse, per CPU second", lambda s: f"{s['parse']['docs_per_cpu_second']:,.0f} docs/s"),
             row("build, end to end (wall)", lambda s: _fmt(s["build_seconds"], 1, " s")),
             row("build stages", lambda s: ", ".join(f"{k} {v:.1f}" for k, v in s["build_stages"].items())),
             row("build CPU (all processes)", lambda s: _fmt(s["build_cpu_seconds"], 1, " s")),
             row("build CPU per document", lambda s: _fmt(s["build_cpu_ms_per_document"], 1, " ms")),
             row("adding documents: wall / CPU", lambda s: f"failed: {s['add']['error'][:120]}" if "error" in s["add"]
                 else f"{s['add']['seconds']:.1f} s / {s['add']['cpu_seconds']:.1f} s"
                 f" ({s['add']['store_changes']['mode']}, peak {s['add']['peak_tree_pss_mb']:,.0f} MB)"),
             row("adding documents: stages", lambda s: ", ".join(f"{k} {v:.1f}" for k, v in s["add"]["stages"].items())),
             row("peak memory, largest process", lambda s: _fmt(s["peak_memory_mb"], 0, " MB")),
             row("peak memory, process tree (PSS)", lambda s: _fmt(s["peak_tree_pss_mb"], 0, " MB")),
             row("SHACL validation (fast path)", lambda s: _fmt(s["validation_seconds"], 2, " s")),
             row("violations / warnings", lambda s: f"{s['validation']['violations']} / {s['validation']['warnings']}"),
             row("store on disk", lambda s: _fmt(s["store_mb"], 1, " MB")),
             row("quads", lambda s: f"{s['quads']:,}" if s.get("quads") is not None else "-"),
             row("triples (merged graph)", lambda s: f"{s['triples']:,}"),
             row("accuracy (mean F1)", lambda s: f"{s['accuracy_mean_f1']:.3f}"),
             row("baseline: rdflib load", base("load")),
             row("baseline: pySHACL", base("validation")),
             row("baseline: one-core extraction", base("parse")),
             row("baseline: total", base("total")),
             row("speedup: load", speed("load")),
             row("speedup: validation", speed("validation")),
             row("speedup: saved queries (sum of warm medians)", speed("queries")),
             row("speedup: whole pipeline", speed("total")),
             row("speedup: validation, CPU seconds", speed("validation_cpu")),
             row("speedup: whole pipeline, CPU seconds", speed("total_cpu"))]
    names = sorted({n for s in sizes for n in s.get("query_ms") or {}})
    lines += ["", "Saved queries, median ms warm (cold) as the CLI serves them, t = from the build's tables; "
              "{SPARQL on the bare store, warm} [rdflib warm]:", "", head, rule]
    for name in names:
        def query_cell(s, name=name):
            if name not in s["query_ms"]:
                return "-"
            b = ((s["baseline"] or {}).get(f"query:{name}") or {}) if s["baseline"] else None
            theirs = "" if b is None else f" [{_fmt(b.get('warm_ms'), 0)}]"
            tabled = (s.get("query_origin") or {}).get(name, "sparql") != "sparql"
            sparql = f" {{{s['query_sparql_ms'][name]:,.0f}}}" if tabled else ""
            return f"{s['query_ms'][name]:,.1f}{' t' if tabled else ''} ({s['query_cold_ms'][name]:,.0f}){sparql}{theirs}"
        lines.append(row(f"`{name}`", query_cell))
    m = results["machine"]
    lines += ["", f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_mb']:,} MB, Python {m['python']}, "
              + ", ".join(f"{k} {v}" for k, v in m["libraries"].items())
              + f"; load average at start {m['load_average_at_start'][0]:.1f}. Run {results['started']}, "
              f"{results['seconds']:.0f} s in all. Baseline caps: {results['caps']}."]
    return "\n".join(lines) + "\n"


def write_results(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("-", "")[:13]
    text, md = json.dumps(results, ensure_ascii=False, indent=1) + "\n", markdown(results)
    for name in ("latest", stamp):
        (out / f"{name}.json").write_text(text, encoding="utf-8")
        (out / f"{name}.md").write_text(md, encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--with-100k", action="store_true", help="also 100,000 documents")
    ap.add_argument("--cap", type=float, default=45.0, help="time cap of a baseline stage (load, pySHACL), s")
    ap.add_argument("--query-cap", type=float, default=5.0, help="time cap of one saved query on rdflib "
                    "(cold run and warm runs together), s")
    ap.add_argument("--build-cap", type=float, default=1800.0, help="stop a build that runs longer, s")
    ap.add_argument("--repeats", type=int, default=7, help="warm runs of each saved query on the store")
    ap.add_argument("--baseline-repeats", type=int, default=2, help="warm runs of each saved query on rdflib")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-parse", action="store_true", help="skip the separate parse throughput and accuracy run")
    ap.add_argument("--add", type=int, default=1000, help="documents added to each built store (an incremental "
                    "build; 0: not measured)")
    ap.add_argument("--duplicates", type=float, default=0.01, help="share of documents saved twice (generate.py)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--corpus-root", type=Path, default=BENCH / "corpus", help="corpus cache and stores")
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()] + ([100_000] if args.with_100k else [])
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.corpus_root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"started": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
               "caps": {"stage_seconds": args.cap, "query_seconds": args.query_cap}, "sizes": []}
    code = 0
    for docs in args.sizes:
        try:
            results["sizes"].append(measure_size(docs, args))
        except Exception as e:  # noqa: BLE001 -- the sizes before keep their figures; the run stops here
            print(f"[{docs}] failed: {e!r}", file=sys.stderr, flush=True)
            results["sizes"].append(failed_size(docs, repr(e)))
            code = 1
        results["seconds"] = time.perf_counter() - started
        write_results(results, args.out)  # as each size ends: a failure later keeps these figures
        if code:
            break
    print(markdown(results))
    return code


if __name__ == "__main__":
    sys.exit(main())
