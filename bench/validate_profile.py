"""Where SHACL validation of a built store spends its CPU (issue 15).

    .venv/bin/python bench/validate_profile.py bench/corpus/store-1000 [--batch 1000] [--top 25]
        [--save results.json] [--compare before.json] [--growth smaller.json] [--memo var/memo.sqlite]
        [--cprofile 40]

Runs the streamed validation of a build (loaders.validate.validate_batches, as `directive-kg build`
does: per batch of file graphs in memory, then the corpus-wide checks on the store) on the file
graphs read back from the store, and prints the peak PSS of the process tree (this process and its
forked workers, sampled every 0.25 s while validating), the cores busy (mean, and the share of the
time fewer than 1.5 or 0.5 cores work: CoreTrace), the CPU seconds of the per-batch pass (loading, clearing
and every check summed over the batches) and of every corpus-wide check, sorted. CPU, not wall time:
the machine may be shared. ``--save`` writes the result keys and the profile; ``--compare`` says
whether the results equal a saved run's (the same results before and after a change); ``--growth``
prints, for a saved run of a smaller store, each check's CPU per file at both sizes and their
ratio, the checks whose CPU a file grows first (a check whose cost grows faster than the corpus).

``cpu_seconds_this_process``: of the CPU, this process's (the corpus-wide checks, reading the
graphs, and this bench's samplers, which read /proc of the tree every 0.25 s: at 10,000 documents
23.4 of 41.7 s, where the checks run here and reading the graphs cost ~8; the build has no samplers).

Build the store first: `directive-kg build bench/corpus/1000 --store bench/corpus/store-1000`.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import resource
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

from loaders import identity as ids  # noqa: E402
from run import TreeMemory, _tree  # noqa: E402
from loaders.build import STATIC_GRAPHS, validation_batches  # noqa: E402
from loaders.spool import is_file_graph  # noqa: E402
from loaders.store import data_graphs, graph_ntriples, open_store  # noqa: E402
from loaders.validate import MAIN_PART, validate_batches  # noqa: E402


class StoreGraphs(Mapping):
    """The named graphs of a store as graph IRI -> N-Triples, each read when asked (as the build's
    spool gives them)."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.names = data_graphs(store)

    def __getitem__(self, g: str) -> str:
        return graph_ntriples(self.store, g).decode("utf-8")

    def __iter__(self):
        return iter(self.names)

    def __len__(self):
        return len(self.names)


class CoreTrace(threading.Thread):
    """Samples how many cores a process tree keeps busy (its CPU seconds per wall second, from
    /proc, every ``every`` s) until stopped: the share of the time only one core (or none) works.
    A child's CPU since its last sample is lost when it exits (at most ``every`` s a batch)."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.stopped = pid, every, threading.Event()
        self.samples: list[float] = []  # cores busy in each interval
        self.ticks = os.sysconf("SC_CLK_TCK")

    def _cpu(self) -> dict[int, float]:
        seen = {}
        for pid in _tree(self.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                seen[pid] = (int(fields[11]) + int(fields[12])) / self.ticks  # utime + stime
            except (OSError, IndexError, ValueError):
                pass
        return seen

    def run(self) -> None:
        last, then = self._cpu(), time.perf_counter()
        while not self.stopped.wait(self.every):
            now, at = self._cpu(), time.perf_counter()
            self.samples.append(sum(cpu - last.get(pid, 0.0) for pid, cpu in now.items()) / (at - then))
            last, then = now, at

    def figures(self) -> dict:
        n = max(1, len(self.samples))
        return {"cores_busy_mean": round(sum(self.samples) / n, 2),
                "share_under_1_5_cores": round(sum(s < 1.5 for s in self.samples) / n, 3),
                "share_under_0_5_cores": round(sum(s < 0.5 for s in self.samples) / n, 3)}


def cpu_seconds(who: tuple = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) -> float:
    """This process and its children (the per-batch checks run in forked children)."""
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, who))


def profile_store(path: Path, batch: int, memo: Path | None = None, cprofile: int = 0) -> tuple[dict, dict, list]:
    """(figures, label -> CPU seconds, result keys) of validating the store at ``path`` (recording a
    new memo at ``memo``, as a build does, when given; ``cprofile``: print this many functions of
    this process by CPU)."""
    with open_store(path, read_only=True) as kg:
        graphs = StoreGraphs(kg.store)
        shared = {g: graphs[g] for g in (ids.CORPUS_GRAPH, *STATIC_GRAPHS) if g in graphs.names}
        names = validation_batches(graphs, shared, batch)  # as the build batches them
        profile: dict[str, float] = {}
        kw = {}
        if memo is not None:  # the build's memo: a content hash a graph (the spool's digest)
            from directive_kg.doc_tables import SPECS
            from directive_kg.listing_delta import specs as listing_specs
            from directive_kg.table_delta import predicates

            memo.unlink(missing_ok=True)
            digests = {g: hashlib.sha256(graphs[g].encode()).hexdigest() for group in names for g in group}
            kw = dict(memo=memo, digest=digests.__getitem__, also_read=predicates([*SPECS.values(), *listing_specs()]))
        wall, cpu, own = time.perf_counter(), cpu_seconds(), cpu_seconds((resource.RUSAGE_SELF,))
        memory = TreeMemory(os.getpid())  # this process and its forked workers, while validating
        memory.start()
        cores = CoreTrace(os.getpid())  # both cores busy? (on an idle machine: the load average says)
        cores.start()
        prof = cProfile.Profile(time.process_time) if cprofile else None
        if prof is not None:
            prof.enable()
        report = validate_batches(({g: graphs[g] for g in group} for group in names), shared, kg.store,
                                  locate=kg, count=len(names), profile=profile, **kw)
        if prof is not None:
            prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(cprofile)
        memory.stopped.set()
        cores.stopped.set()
        figures = {"wall_seconds": round(time.perf_counter() - wall, 2), "cpu_seconds": round(cpu_seconds() - cpu, 2),
                   "cpu_seconds_this_process": round(cpu_seconds((resource.RUSAGE_SELF,)) - own, 2),
                   "checks_cpu_seconds": round(sum(s for label, s in profile.items() if not label.startswith(MAIN_PART)), 2), "batches": len(names),
                   "files": sum(map(is_file_graph, graphs.names)),
                   "results": len(report.results), "violations": report.violations, "warnings": report.warnings,
                   "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                   "peak_tree_pss_mb": round(memory.peak_kb / 1024),
                   **cores.figures(), "load_average": os.getloadavg()}
        keys = sorted([list(map(str, k)) for k in report.keys()])
    return figures, profile, keys


def print_growth(small: dict, big: dict, top: int) -> None:
    """Each check's CPU per file in a smaller and a bigger run, the largest excess over linear
    first: (big CPU) - (small CPU) x (big files / small files)."""
    n, m = small["figures"]["files"], big["figures"]["files"]
    print(f"growth {n} -> {m} files: CPU a file {1000 * small['figures']['cpu_seconds'] / n:.2f} -> "
          f"{1000 * big['figures']['cpu_seconds'] / m:.2f} ms")
    rows = []
    for label in set(small["profile"]) | set(big["profile"]):
        x, y = small["profile"].get(label, 0.0), big["profile"].get(label, 0.0)
        rows.append((y - x * m / n, label, x, y))
    print(f"{'excess s':>8} {'small s':>8} {'big s':>8} {'us/file':>8} {'us/file':>8} {'ratio':>6}  check")
    for excess, label, x, y in sorted(rows, reverse=True)[:top]:
        a, b = 1e6 * x / n, 1e6 * y / m
        print(f"{excess:8.2f} {x:8.2f} {y:8.2f} {a:8.1f} {b:8.1f} {b / a if a else float('inf'):6.2f}  {label}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--growth", type=Path, help="a saved run of a smaller store: CPU per file of each check at both sizes")
    ap.add_argument("--memo", type=Path, help="record a new validation memo here, as a build does (deleted first)")
    ap.add_argument("--cprofile", type=int, default=0, help="print this many functions of this process by CPU")
    args = ap.parse_args(argv)
    figures, profile, keys = profile_store(args.store, args.batch, args.memo, args.cprofile)
    print(json.dumps(figures))
    per_batch = sum(s for label, s in profile.items() if not label.endswith("(corpus-wide)") and not label.startswith(MAIN_PART))
    wide = sum(s for label, s in profile.items() if label.endswith("(corpus-wide)"))
    print(f"per-batch pass {per_batch:.2f} s CPU; corpus-wide checks {wide:.2f} s CPU "
          f"({sum(label.endswith('(corpus-wide)') for label in profile)} checks)")
    for label, seconds in sorted(profile.items(), key=lambda i: -i[1])[:args.top]:
        print(f"{seconds:8.2f}  {label}")
    if args.growth:
        print_growth(json.loads(args.growth.read_text()), {"figures": figures, "profile": profile}, args.top)
    if args.save:
        args.save.write_text(json.dumps({"figures": figures, "profile": profile, "keys": keys}, indent=1) + "\n")
    if args.compare:
        before = {tuple(k) for k in json.loads(args.compare.read_text())["keys"]}
        now = {tuple(k) for k in keys}
        print(f"results equal {args.compare}: {before == now} (missing {len(before - now)}, new {len(now - before)})")
        return 0 if before == now else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
