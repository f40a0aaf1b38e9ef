#!/usr/bin/env python3
"""Fresh builds of one corpus by two code trees, alternated: wall, CPU and how many cores were busy in each
stage (bench/README.md, helper overlap19).

    python bench/build_ab.py CORPUS --tree old=/tmp/x/old --tree new=. --runs 2 --work /tmp/x/ab [--compare]

Each run: `python -m directive_kg.cli build CORPUS --store WORK/NAME-i --quiet` with PYTHONPATH=TREE (this
interpreter's venv, the tree's code first on the path), DIRECTIVE_KG_STAGE_LOG set (loaders.build's stage
starts and ends). Every SAMPLE seconds the CPU ticks of the build's process tree are read from /proc (each
live process's utime+stime+cutime+cstime: threads and reaped children included), so that a stage's cores
busy = its CPU over its wall, whatever process or thread spent it (the build report counts a worker's CPU
in the stage that reaps it). Printed per run: wall, CPU, load average before and after, per stage wall /
cores busy, the report's ahead seconds; with --compare, whether the last stores of the first two trees
hold the same quads (every quad of the store, index and manifest included, sorted; the build's own node
and the generatedAtTime stamps aside) and the same table files (.json aside: stamps and timings).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _tree  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def _runnable(pid: int) -> int:
    """How many threads of the process are running or waiting for a core (state R) now."""
    n = 0
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            try:
                n += Path(task.path, "stat").read_text().rsplit(")", 1)[1].split()[0] == "R"
            except (OSError, IndexError):
                pass
    except OSError:
        pass
    return n


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return sum(int(f) for f in fields[11:15])  # utime stime cutime cstime


class TreeCpu(threading.Thread):
    """(time, CPU seconds of the tree so far, threads runnable) every ``every`` seconds until the process ends.
    Threads runnable (state R: on a core or waiting for one) do not depend on the machine's load as cores
    busy do: their mean over a stage is the cores it would keep busy on an idle machine (at most 2 used)."""

    def __init__(self, pid: int, every: float):
        super().__init__(daemon=True)
        self.pid, self.every, self.samples = pid, every, []

    def run(self) -> None:
        last = 0.0
        while self.pid_alive():  # a process reaped is in its parent's cutime: the live ones' sum is the tree's
            tree = _tree(self.pid)
            last = max(last, sum(_ticks(pid) for pid in tree) / TICK)
            self.samples.append((time.time(), last, sum(_runnable(pid) for pid in tree)))
            time.sleep(self.every)

    def pid_alive(self) -> bool:
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state != "Z"


def cpu_at(samples: list[tuple[float, float]], t: float) -> float:
    """The tree's CPU seconds at time t (linear between samples)."""
    before = [s[:2] for s in samples if s[0] <= t]
    after = [s[:2] for s in samples if s[0] >= t]
    if not before:
        return after[0][1] if after else 0.0
    if not after:
        return before[-1][1]
    (t0, c0), (t1, c1) = before[-1], after[0]
    return c0 if t1 == t0 else c0 + (c1 - c0) * (t - t0) / (t1 - t0)


def stages(log: Path, samples: list) -> list[tuple[str, float, float, float]]:
    """(stage, wall, cores busy, threads runnable (mean, each sample's capped at 2)) of each stage window of
    the stage log, in order."""
    out, open_ = [], {}
    for line in log.read_text().splitlines():
        e = json.loads(line)
        if e["event"] == "start":
            open_[e["stage"]] = e["time"]
        else:
            start = open_.pop(e["stage"])
            wall = e["time"] - start
            busy = (cpu_at(samples, e["time"]) - cpu_at(samples, start)) / wall if wall > 0.2 else float("nan")
            inside = [min(2, s[2]) for s in samples if start <= s[0] <= e["time"]]
            out.append((e["stage"], wall, busy, sum(inside) / len(inside) if inside else float("nan"),
                        idle_wall(samples, start, e["time"])))
    return out


def idle_wall(samples: list, start: float = 0.0, end: float = float("inf")) -> float:
    """The wall seconds the samples' work would take on an idle 2-core machine: each interval's CPU over
    the threads runnable then (at most 2; the mean of its two ends, at least 1), assuming a loaded
    machine gives each runnable thread the same share (the load's stretch divided out)."""
    total = 0.0
    for (t0, c0, r0), (t1, c1, r1) in zip(samples, samples[1:]):
        if t1 <= start or t0 >= end:
            continue
        part = (min(t1, end) - max(t0, start)) / (t1 - t0) if t1 > t0 else 0.0
        total += (c1 - c0) * part / max(1.0, min(2.0, (r0 + r1) / 2))
    return total


def one_build(corpus: Path, tree: Path, store: Path, every: float) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    log = store.with_suffix(".stages")
    log.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(tree.resolve()), "DIRECTIVE_KG_STAGE_LOG": str(log)}
    load = os.getloadavg()[0]
    before = os.times()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "directive_kg.cli", "build", str(corpus), "--store", str(store),
                             "--quiet"], env=env, cwd=tree)
    sampler = TreeCpu(proc.pid, every)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - started
    sampler.join()
    after = os.times()
    report = json.loads((store / "build-report.json").read_text())
    return {"wall": wall, "cpu": after.children_user + after.children_system - before.children_user - before.children_system,
            "load": (load, os.getloadavg()[0]), "stages": stages(log, sampler.samples),
            "idle_wall": idle_wall(sampler.samples),
            "ahead": report.get("ahead_seconds", {}), "report_seconds": report["seconds"], "report_cpu": report["cpu_seconds"],
            "status": proc.returncode}


def quads_digest(store: Path, python: str, tree: Path) -> str:
    """sha256 of every quad of the store, sorted (sort(1)), the build node's and the stamps aside."""
    script = ("import sys, pyoxigraph as ox\n"
              "from loaders.store import open_store\n"
              "with open_store(sys.argv[1]) as kg:\n"
              "    kg.store.dump(output=sys.argv[2], format=ox.RdfFormat.N_QUADS)\n")
    dump = store.with_suffix(".nq")
    subprocess.run([python, "-c", script, str(store), str(dump)], check=True, env={**os.environ, "PYTHONPATH": str(tree.resolve())})
    sorted_dump = store.with_suffix(".sorted.nq")
    subprocess.run(f"grep -v -e 'id/build>' -e 'prov#generatedAtTime' {dump} | LC_ALL=C sort -S 1G -o {sorted_dump}",
                   shell=True, check=True)
    digest = hashlib.sha256()
    lines = 0
    with open(sorted_dump, "rb") as f:
        for line in f:
            digest.update(line)
            lines += 1
    dump.unlink()
    sorted_dump.unlink()
    return f"{digest.hexdigest()[:16]} ({lines} quads)"


def tables_digest(store: Path) -> dict[str, str]:
    folder = store / "tables"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".json"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--tree", action="append", required=True, help="NAME=PATH of a code tree (its loaders/, directive_kg/)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--every", type=float, default=0.25)
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args(argv)
    trees = [tuple(t.split("=", 1)) for t in args.tree]
    args.work.mkdir(parents=True, exist_ok=True)
    for i in range(args.runs):
        for name, path in trees:
            r = one_build(args.corpus, Path(path), args.work / f"{name}-{i}", args.every)
            print(json.dumps({"tree": name, "run": i, **r}), file=open(args.work / "runs.jsonl", "a"))
            per = ", ".join(f"{s} {w:.1f}/{b:.2f}/{t:.2f}/{e:.1f}" for s, w, b, t, e in r["stages"])
            print(f"{name} run {i}: status {r['status']} wall {r['wall']:.1f} s (idle machine, estimated: "
                  f"{r['idle_wall']:.1f}), CPU {r['cpu']:.1f} s, load average "
                  f"{r['load'][0]:.1f}->{r['load'][1]:.1f}; stage wall s/cores busy/threads runnable/idle-machine wall s: {per}; ahead {r['ahead']}", flush=True)
            if i < args.runs - 1 or not args.compare:
                shutil.rmtree(args.work / f"{name}-{i}", ignore_errors=True)
    if args.compare:
        last = args.runs - 1
        (a, pa), (b, pb) = trees[:2]
        qa = quads_digest(args.work / f"{a}-{last}", sys.executable, Path(pa))
        qb = quads_digest(args.work / f"{b}-{last}", sys.executable, Path(pb))
        ta, tb = tables_digest(args.work / f"{a}-{last}"), tables_digest(args.work / f"{b}-{last}")
        print(f"quads {a} {qa}, {b} {qb}: {'same' if qa == qb else 'DIFFERENT'}")
        differ = sorted(k for k in set(ta) | set(tb) if ta.get(k) != tb.get(k))
        print(f"table files {len(ta)} / {len(tb)}: {'same' if not differ else 'DIFFERENT: ' + ', '.join(differ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
