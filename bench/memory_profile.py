#!/usr/bin/env python3
"""Peak memory of a build, stage by stage: the summed PSS of its process tree, sampled each second.

    python bench/memory_profile.py CORPUS STORE [--every 1.0] [--fresh] [-- extra build options]

Runs `directive-kg build CORPUS --store STORE --quiet` in a subprocess, samples the PSS of the build
and its workers (shared pages counted once, bench/run.py's _pss_kb), and when it ends attributes each
sample to a stage by the stage times of STORE/build-report.json, laid end to end back from the
build's exit (the report is written last; startup and locking fall before the first stage). Prints
per stage: seconds, peak PSS; and the build's wall time, CPU time (children's getrusage) and the load
average. --json FILE keeps the samples and figures.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _pss_kb, _tree  # noqa: E402


def sample(command: list[str], every: float) -> tuple[list[tuple[float, int]], float, int]:
    """(seconds since start, tree PSS kB) every ``every`` s while the command runs; wall s; exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    samples = []
    while proc.poll() is None:
        samples.append((time.perf_counter() - started, sum(_pss_kb(p) for p in _tree(proc.pid))))
        time.sleep(every)
    return samples, time.perf_counter() - started, proc.returncode


def by_stage(samples: list[tuple[float, int]], stages: dict[str, float], wall: float) -> list[dict]:
    """Each stage's window, laid back from the end of the build, and the peak PSS sampled in it."""
    windows, end = [], wall
    for name, seconds in reversed(list(stages.items())):
        windows.append((name, end - seconds, end))
        end -= seconds
    windows.append(("startup", 0.0, end))
    rows = []
    for name, start, stop in reversed(windows):
        inside = [kb for t, kb in samples if start <= t < stop]
        rows.append({"stage": name, "seconds": round(stop - start, 2),
                     "peak_pss_mb": round(max(inside) / 1024) if inside else None})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--every", type=float, default=1.0, help="seconds between samples")
    ap.add_argument("--fresh", action="store_true", help="delete STORE first (a first build)")
    ap.add_argument("--json", type=Path, help="write samples and figures here")
    ap.add_argument("extra", nargs="*", help="more build options, after --")
    args = ap.parse_args(argv)
    if args.fresh:
        shutil.rmtree(args.store, ignore_errors=True)
    command = [sys.executable, "-m", "directive_kg.cli", "build", str(args.corpus), "--store", str(args.store),
               "--quiet", *args.extra]
    samples, wall, rc = sample(command, args.every)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc:
        print(f"the build failed (exit {rc})", file=sys.stderr)
        return rc
    report = json.loads((args.store / "build-report.json").read_text(encoding="utf-8"))
    rows = by_stage(samples, report["seconds"], wall)
    figures = {"wall_seconds": round(wall, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
               "peak_pss_mb": round(max(kb for _, kb in samples) / 1024) if samples else None,
               "loadavg": os.getloadavg(), "stages": rows, "store_changes": report.get("store_changes")}
    for row in rows:
        print(f"  {row['stage']:10} {row['seconds']:8.1f} s   peak {row['peak_pss_mb']} MB")
    print(f"  build      {figures['wall_seconds']:8.1f} s wall, {figures['cpu_seconds']} s CPU, peak "
          f"{figures['peak_pss_mb']} MB; load average {' '.join(f'{x:.1f}' for x in figures['loadavg'])}")
    if args.json:
        args.json.write_text(json.dumps({**figures, "samples": samples}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
