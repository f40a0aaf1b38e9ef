#!/usr/bin/env python3
"""Text reuse: passage precision and recall against the generator's gold, time and memory.

    .venv/bin/python bench/reuse.py --sizes 1000,10000 [--seed 7] [--stage graph]

Each size: `bench/generate.py --reuse` writes the corpus once into bench/corpus/reuse-N (NAME.reuse.json:
the passages each implementation copied from its parent). Detection = loaders.reuse.find_reuse over
every text, with the (implementation, parent) pairs as the citation-linked pairs (the build knows
them from the citations) plus the LSH candidates. Scores by character overlap on (implementation,
parent) pairs, both sides, inside the generated reuse paragraphs (the rest of each text is the
generator's template, the same in every document of a kind: boilerplate by construction, not scored;
passages found there are counted apart): precision = detected characters inside a gold passage / detected
characters, recall = gold characters detected / gold characters. Passages found between other pairs
(siblings, grandparents: real reuse the gold does not list) are counted apart. `seconds` is wall
clock, `cpu_seconds` the process's CPU time (one process: the machine is shared, so CPU time is the
comparable figure; it adds the worker processes' CPU), the load average next to it. Peak memory:
the main process and the largest worker (forked: they share the main process's pages until written).

--stage graph measures the build's whole reuse stage instead (loaders.reuse_graph.reuse_graph: detection
with the incremental cache, then the N-Triples of the reuse graph, written to bench/corpus/reuse-N.nt when
this version can stream them, else returned as one string), each file its own document, the gold
(implementation, parent) pairs as its citations: CPU of the process tree, peak PSS of the process tree
(the main process and its workers, sampled every 0.1 s from /proc: shared pages counted once), the
passages and triples written.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from loaders.reuse import Params, find_reuse, processes  # noqa: E402


def corpus(n: int, seed: int) -> Path:
    out = HERE / "corpus" / f"reuse-{n}"
    if not (out / "done").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--docs", str(n), "--out", str(out), "--seed",
                        str(seed), "--reuse"], check=True)
        (out / "done").write_text("ok")
    return out


def _merge(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def _overlap(a, b) -> int:
    a, b = _merge(a), _merge(b)
    i = j = total = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _length(spans) -> int:
    return sum(e - s for s, e in _merge(spans))


class Texts(Mapping):
    """name -> NFC text, read from FOLDER/name.txt when asked (in the worker that tokenises it): the
    texts are never all in memory."""

    def __init__(self, folder: Path):
        self.folder, self.names = folder, sorted(p.stem for p in folder.glob("*.txt"))

    def __getitem__(self, name: str) -> str:
        return unicodedata.normalize("NFC", (self.folder / f"{name}.txt").read_text("utf-8"))

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def measure(folder: Path, params: Params, jobs: int | None = None) -> dict:
    texts = Texts(folder)
    gold: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    paragraph: dict[str, tuple[int, int]] = {}
    for p in folder.glob("*.reuse.json"):
        child = p.name[:-len(".reuse.json")]
        entry = json.loads(p.read_text("utf-8"))
        paragraph[child] = tuple(entry["paragraph"])
        for g in entry["passages"]:
            pair = gold[child, g["parent"]]
            pair[child].append((g["start"], g["end"]))
            pair[g["parent"]].append((g["parent_start"], g["parent_end"]))
    linked = set(gold)
    load0 = os.getloadavg()
    t0, c0 = time.perf_counter(), _cpu()
    passages = find_reuse(texts, params, linked=linked, quotes=False, jobs=jobs)
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    load1 = os.getloadavg()
    found: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    other = 0
    for p in passages:
        key = (p.a, p.b) if (p.a, p.b) in gold else (p.b, p.a) if (p.b, p.a) in gold else None
        if key is None:
            other += 1
            continue
        found[key][p.a].append((p.a_start, p.a_end))
        found[key][p.b].append((p.b_start, p.b_end))
    hit = det = gold_chars = 0
    outside = 0
    for key in set(gold) | set(found):
        for doc in key:
            g, f = gold.get(key, {}).get(doc, []), found.get(key, {}).get(doc, [])
            ps, pe = paragraph[doc]
            outside += sum(1 for s, e in f if e <= ps or s >= pe)
            f = [(max(s, ps), min(e, pe)) for s, e in f if s < pe and e > ps]
            hit += _overlap(g, f)
            det += _length(f)
            gold_chars += _length(g)
    return {"documents": len(texts), "gold_pairs": len(gold), "gold_passages": sum(len(v[k[0]]) for k, v in gold.items()),
            "passages_on_gold_pairs": sum(len(v[k[0]]) for k, v in found.items()), "passages_other_pairs": other,
            "passage_sides_in_template_text": outside,
            "precision": round(hit / det, 4) if det else None, "recall": round(hit / gold_chars, 4) if gold_chars else None,
            "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "peak_worker_memory_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "jobs": jobs or processes(), "load_average_before": round(load0[0], 1),
            "load_average_after_1_5_15": [round(x, 1) for x in load1]}


def _tree_pss_kb(pid: int) -> int:
    """PSS of a process and its descendants (kB), from /proc/PID/smaps_rollup."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class PeakPss:
    """Samples the process tree's PSS in a thread while in the with block; .peak_mb afterwards."""

    def __enter__(self):
        import threading

        self.peak, self.stop = 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        while not self.stop.wait(0.1):
            self.peak = max(self.peak, _tree_pss_kb(os.getpid()))

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.peak_mb = round(self.peak / 1024)


def measure_graph(folder: Path, params: Params) -> dict:
    """The build's reuse stage (reuse_graph) on FOLDER: CPU and peak PSS of the process tree."""
    import inspect

    from loaders import identity as ids
    from loaders.reuse_graph import reuse_graph

    texts = Texts(folder)
    dkg, eli = "https://w3id.org/directive-kg/ontology#", "http://data.europa.eu/eli/ontology#"
    lines = [f"<{ids.ID}doc/{n}> <{dkg}sourceFile> <{ids.source_iri(n)}> .\n" for n in texts]
    for p in folder.glob("*.reuse.json"):
        child = p.name[:-len(".reuse.json")]
        for g in json.loads(p.read_text("utf-8"))["passages"]:
            lines.append(f"<{ids.ID}doc/{child}> <{eli}ensures_implementation_of> <{ids.ID}doc/{g['parent']}> .\n")
    graphs = {"mapped": "".join(lines)}
    del lines
    target = HERE / "corpus" / f"{folder.name}.nt"
    streams = "out" in inspect.signature(reuse_graph).parameters
    load0 = os.getloadavg()
    t0, c0 = time.perf_counter(), _cpu()
    with PeakPss() as peak:
        if streams:
            with open(target, "w", encoding="utf-8") as out:
                _, stats = reuse_graph(texts, graphs, None, params, out=out)
        else:
            text, stats = reuse_graph(texts, graphs, None, params)
            target.write_text(text, encoding="utf-8")
            del text
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    with open(target, encoding="utf-8") as f:
        triples = sum(1 for _ in f)
    return {"documents": len(texts), "stage": "graph", "streams": streams, "passages": stats["passages"],
            "triples": triples, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_pss_tree_mb": peak.peak_mb, "load_average_before": round(load0[0], 1),
            "load_average_after_1_5_15": [round(x, 1) for x in os.getloadavg()]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, help="worker processes (default: loaders.reuse.processes())")
    ap.add_argument("--stage", choices=("detect", "graph"), default="detect",
                    help="detect: find_reuse, precision and recall (default); graph: the build's reuse stage")
    ap.add_argument("--save", action="store_true", help="append each result to bench/results/reuse-latest.jsonl")
    args = ap.parse_args(argv)
    for n in map(int, args.sizes.split(",")):
        result = {"size": n, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  **(measure_graph(corpus(n, args.seed), Params()) if args.stage == "graph"
                     else measure(corpus(n, args.seed), Params(), args.jobs))}
        print(json.dumps(result), flush=True)
        if args.save:
            with open(HERE / "results" / "reuse-latest.jsonl", "a", encoding="utf-8") as f:
                f.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
