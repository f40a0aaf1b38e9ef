#!/usr/bin/env python3
"""Peak memory of a build, stage by stage: the summed PSS of its process tree and of each kind of
process in it, sampled every ``--every`` seconds.

    python bench/memory_profile.py CORPUS STORE [--every 0.5] [--fresh] [--json FILE] [-- extra build options]
    python bench/memory_profile.py --compare SMALL.json LARGE.json     # per-stage growth between two runs

Runs `directive-kg build CORPUS --store STORE --quiet` in a subprocess with DIRECTIVE_KG_STAGE_LOG
set (loaders.build writes each stage's start and end, epoch seconds, and the main process's peak RSS
so far), samples the PSS of every process of the tree (shared pages counted once, bench/run.py's
_pss_kb) and attributes each sample to the stage running then (outside any stage: "startup" before
the first, "between" after). Process kinds (_kind): main (the build); a
loaders.workers subprocess by the function it runs (_warm_reuse: the reuse worker; _pass_beside: the
checking process; the read pool's); "fork of X" for a child forked from X (the map's pool from main,
reuse.pool_map's from the reuse worker); other. Prints per stage: seconds, peak PSS of the tree, of
main, of the largest other process and the most processes seen at once; the main process's ru_maxrss
at the stage's end; and each process (kind, MB) in the sample of the tree's peak (JSON: ``at_peak``,
and ``kinds_mb``: each kind's peak, its processes at a time summed; ``kinds_timeline``: each sample's); and the build's wall time, CPU
time (children's getrusage) and the load average. Works at any size (the
samples are only kept per stage: a 100k build's hour of samples is a few MB).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _pss_kb, _tree  # noqa: E402

STAGE_LOG_ENV = "DIRECTIVE_KG_STAGE_LOG"  # loaders.build.STAGE_LOG_ENV (not imported: no build import here)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _kind(pid: int, root: int, root_cmd: str, kinds: dict[int, str]) -> str:
    """A process's role: main (the build); the function a loaders.workers subprocess runs (its command
    line's argument after the boot code: _warm_reuse, the reuse worker; _pass_beside, the checking
    process; _read_*, a read pool worker); "fork of" its parent's role for a child forked (the same
    command line: the map's pool forked from main, reuse.pool_map's from the reuse worker); other."""
    if pid == root:
        return "main"
    cmd, parent = _cmdline(pid), _parent(pid)
    if not cmd or parent in (0, pid):  # gone already (a process's parent seen ended too: no loop)
        return "other"
    if cmd == root_cmd or cmd == _cmdline(parent):
        return f"fork of {kinds.get(parent) or _kind(parent, root, root_cmd, kinds)}"
    if "loaders.workers" in cmd:
        function = cmd.split("main(sys.argv[1]) ", 1)[-1].split(" ", 1)[0]
        return function.rsplit(":", 1)[-1] or "worker"
    return "other"


def sample(command: list[str], every: float, env: dict) -> tuple[list[tuple[float, int, dict]], float, int]:
    """(epoch seconds, tree PSS kB, {pid: (kind, PSS kB)}) every ``every`` s while the command runs;
    wall seconds; exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    samples = []
    time.sleep(0.05)
    root_cmd = _cmdline(proc.pid)
    kinds: dict[int, str] = {}
    while proc.poll() is None:
        now, each = time.time(), {}
        for pid in _tree(proc.pid):
            if pid not in kinds:
                kinds[pid] = _kind(pid, proc.pid, root_cmd, kinds)
            each[pid] = (kinds[pid], _pss_kb(pid))
        samples.append((now, sum(kb for _, kb in each.values()), each))
        time.sleep(every)
    return samples, time.perf_counter() - started, proc.returncode


def stage_windows(log: Path) -> list[tuple[str, float, float, dict]]:
    """(stage, start, end, main's memory: ru_maxrss at its end, RSS at its start and end, kB) from the
    build's stage log, in order."""
    starts, windows = {}, []
    for line in log.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e["event"] == "start":
            starts[e["stage"]] = e
        else:
            start = starts.pop(e["stage"])
            windows.append((e["stage"], start["time"], e["time"], {
                "maxrss": e["maxrss_kb"], "rss_start": start.get("rss_kb"), "rss_end": e.get("rss_kb")}))
    return windows


def by_stage(samples: list[tuple[float, int, dict]], windows: list[tuple[str, float, float, dict]]) -> list[dict]:
    """Per stage (and startup / between): seconds, peaks of the tree, of main, of the largest other
    process, the most processes at once."""
    def stage_of(t: float) -> str:
        for name, start, end, _ in windows:
            if start <= t <= end:
                return name
        return "startup" if not windows or t < windows[0][1] else "between"

    rows: dict[str, dict] = {}
    for name in ["startup", *(w[0] for w in windows), "between"]:
        rows.setdefault(name, {"stage": name, "seconds": None, "samples": 0, "tree_mb": 0, "main_mb": 0,
                               "largest_other_mb": 0, "largest_other_kind": None, "processes": 0, "at_peak": [],
                               "kinds_mb": {},
                               "main_maxrss_mb": None, "main_rss_start_mb": None, "main_rss_end_mb": None})
    mb = lambda kb: round(kb / 1024) if kb is not None else None  # noqa: E731
    for name, start, end, main in windows:
        rows[name]["seconds"] = round(end - start + (rows[name]["seconds"] or 0), 2)
        rows[name]["main_maxrss_mb"] = mb(main["maxrss"])
        rows[name]["main_rss_start_mb"], rows[name]["main_rss_end_mb"] = mb(main["rss_start"]), mb(main["rss_end"])
    for t, tree, each in samples:
        row = rows[stage_of(t)]
        row["samples"] += 1
        if round(tree / 1024) > row["tree_mb"] or not row["at_peak"]:  # the tree's composition at its peak
            row["tree_mb"] = round(tree / 1024)
            row["at_peak"] = sorted(([kind, round(kb / 1024)] for kind, kb in each.values()), key=lambda x: -x[1])
        for kind, mb_ in _kinds_mb(each).items():  # a kind's processes at once (the pool's two forks)
            row["kinds_mb"][kind] = max(row["kinds_mb"].get(kind, 0), mb_)
        row["processes"] = max(row["processes"], len(each))
        for kind, kb in each.values():
            if kind == "main":
                row["main_mb"] = max(row["main_mb"], round(kb / 1024))
            elif round(kb / 1024) > row["largest_other_mb"]:
                row["largest_other_mb"], row["largest_other_kind"] = round(kb / 1024), kind
    return [r for r in rows.values() if r["samples"] or r["seconds"]]


def _kinds_mb(each: dict) -> dict[str, int]:
    """A sample's PSS per kind of process, MB, the processes of a kind summed (the pool's two forks)."""
    summed: dict[str, int] = defaultdict(int)
    for kind, kb in each.values():
        summed[kind] += kb
    return {kind: round(kb / 1024) for kind, kb in summed.items()}


def table(rows: list[dict]) -> str:
    lines = ["| stage | seconds | CPU s | peak PSS tree MB | main MB | largest other MB (kind) | processes | "
             "main RSS start -> end MB | main ru_maxrss at end MB | at the tree's peak: each process MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        other = f"{r['largest_other_mb']} ({r['largest_other_kind']})" if r["largest_other_kind"] else "-"
        rss = f"{r['main_rss_start_mb']} -> {r['main_rss_end_mb']}" if r["main_rss_end_mb"] is not None else "-"
        lines.append(f"| {r['stage']} | {r['seconds'] if r['seconds'] is not None else '-'} | "
                     f"{r.get('cpu_seconds') if r.get('cpu_seconds') is not None else '-'} | {r['tree_mb']} | "
                     f"{r['main_mb']} | {other} | {r['processes']} | {rss} | {r['main_maxrss_mb'] or '-'} | "
                     f"{', '.join(f'{k} {m}' for k, m in r['at_peak']) or '-'} |")
    return "\n".join(lines)


def compare(small: dict, large: dict) -> str:
    """Per stage, the peaks of two runs (--json files) and their ratio, and CPU a document: what grows
    faster than the corpus shows here (a flat stage keeps its peak; a linear one its CPU a document)."""
    n1, n2 = small["documents"], large["documents"]
    rows = {r["stage"]: r for r in large["stages"]}
    lines = [f"| stage | peak PSS tree MB {n1} | {n2} | ratio | main MB {n1} | {n2} | largest other MB {n1} | {n2} | "
             f"CPU ms a document {n1} | {n2} |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for a in small["stages"]:
        b = rows.get(a["stage"])
        if b is None or not a["samples"] or not b["samples"]:
            continue
        ratio = f"{b['tree_mb'] / a['tree_mb']:.2f}" if a["tree_mb"] else "-"
        cpu = [f"{r['cpu_seconds'] * 1000 / n:.2f}" if r.get("cpu_seconds") is not None else "-"
               for r, n in ((a, n1), (b, n2))]
        lines.append(f"| {a['stage']} | {a['tree_mb']} | {b['tree_mb']} | {ratio} | {a['main_mb']} | {b['main_mb']} | "
                     f"{a['largest_other_mb']} | {b['largest_other_mb']} | {cpu[0]} | {cpu[1]} |")
    lines.append(f"| build | {small['peak_pss_mb']} | {large['peak_pss_mb']} | "
                 f"{large['peak_pss_mb'] / small['peak_pss_mb']:.2f} | | | | | "
                 f"{small['cpu_seconds'] * 1000 / n1:.2f} | {large['cpu_seconds'] * 1000 / n2:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--compare"]:
        if len(argv) != 3:
            print("usage: memory_profile.py --compare SMALL.json LARGE.json", file=sys.stderr)
            return 2
        print(compare(*(json.loads(Path(f).read_text(encoding="utf-8")) for f in argv[1:])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--every", type=float, default=0.5, help="seconds between samples")
    ap.add_argument("--fresh", action="store_true", help="delete STORE first (a first build)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("extra", nargs="*", help="more build options, after --")
    args = ap.parse_args(argv)
    if args.fresh:
        shutil.rmtree(args.store, ignore_errors=True)
    command = [sys.executable, "-m", "directive_kg.cli", "build", str(args.corpus), "--store", str(args.store),
               "--quiet", *args.extra]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "stages.jsonl"
        log.touch()
        samples, wall, rc = sample(command, args.every, {**os.environ, STAGE_LOG_ENV: str(log)})
        windows = stage_windows(log)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc:
        print(f"the build failed (exit {rc})", file=sys.stderr)
        return rc
    report = json.loads((args.store / "build-report.json").read_text(encoding="utf-8"))
    rows = by_stage(samples, windows)
    for r in rows:
        r["cpu_seconds"] = report.get("cpu_seconds", {}).get(r["stage"])
    figures = {"corpus": str(args.corpus), "documents": report.get("documents_read"),
               "wall_seconds": round(wall, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
               "largest_process_maxrss_mb": round(usage.ru_maxrss / 1024),
               "peak_pss_mb": round(max(s[1] for s in samples) / 1024) if samples else None,
               "loadavg": os.getloadavg(), "stages": rows, "store_changes": report.get("store_changes")}
    print(table(rows))
    print(f"build {figures['documents']} documents: {figures['wall_seconds']} s wall, {figures['cpu_seconds']} s CPU, "
          f"peak PSS tree {figures['peak_pss_mb']} MB, "
          f"largest process ru_maxrss {figures['largest_process_maxrss_mb']} MB; "
          f"load average {' '.join(f'{x:.1f}' for x in figures['loadavg'])}")
    if args.json:  # and the timeline: (seconds from start, tree MB, main MB, largest other MB) a sample
        t0 = samples[0][0] if samples else 0.0
        figures["timeline"] = [(round(t - t0, 1), round(tree / 1024),
                                round(sum(kb for kind, kb in each.values() if kind == "main") / 1024),
                                round(max((kb for kind, kb in each.values() if kind != "main"), default=0) / 1024))
                               for t, tree, each in samples]
        figures["kinds_timeline"] = [(round(t - t0, 1), _kinds_mb(each)) for t, tree, each in samples]
        args.json.write_text(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
