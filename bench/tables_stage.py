#!/usr/bin/env python3
"""The build's stage "tables" on a built store, written whole (as a full build writes it): each job's
thread CPU, the stage's process CPU and wall, and the wall that job order gives on `workers` cores
(a list schedule of the measured CPU seconds: the machine's load does not enter it).

    .venv/bin/python bench/tables_stage.py STORE [--workers 2] [--apart] [--timeline]

--apart: as before listings.write_all_tables: the listings' pool (listings.write_tables), then the
per-document tables' (doc_tables.write_doc_tables). Prints one JSON line: per job CPU s, their sum,
process CPU s, wall s, and the scheduled wall of both orders ("one pool", "two pools"). --timeline: also each
job's start and end (wall s from the stage's start) and the threads of this process runnable (state R, at most
2 counted; sampled every 0.05 s), their mean over the stage and over each tenth of it: below 2, a core idles
there on an idle machine (a thread waiting for the GIL or for a job is not runnable).

2026-12-07, a 31,000-document store (/work/corpora/store-30000 + added-1000), load average ~30, CPU s:
the jobs 54.3 / 55.1 (apart / one pool): reuse-levels 13.9, hidden-links 8.0, implicit-citations 5.2,
signatures 5.2, documents 4.9, downstream-tasks 4.7, reporting-lines 4.2, propagation-tree 3.7, uptake
2.8, channel-crossings 1.7; on 2 cores 29.4 s as two pools, 28.2 in one (sum / 2: 27.1). The stage is
nearly all evaluation (process CPU 54.4 for 54.3 in the jobs).
"""
from __future__ import annotations

import argparse
import heapq
import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directive_kg import doc_tables, listings  # noqa: E402


def scheduled(costs: list[float], workers: int) -> float:
    """The wall of jobs started in this order, each on the first core free."""
    cores = [0.0] * workers
    for c in costs:
        heapq.heappush(cores, heapq.heappop(cores) + c)
    return max(cores)


class Runnable(threading.Thread):
    """The threads of this process runnable (state R) every ``every`` seconds, this one aside."""

    def __init__(self, every: float = 0.05):
        super().__init__(daemon=True)
        self.every, self.samples, self.stop = every, [], threading.Event()

    def run(self) -> None:
        own = str(threading.get_native_id())
        while not self.stop.is_set():
            n = 0
            for task in os.scandir("/proc/self/task"):
                try:
                    n += task.name != own and Path(task.path, "stat").read_text().rsplit(")", 1)[1].split()[0] == "R"
                except (OSError, IndexError):
                    pass
            self.samples.append(min(2, n))
            time.sleep(self.every)

    def means(self) -> tuple[float, list[float]]:
        s = self.samples or [0]
        k = max(1, len(s) // 10)
        return round(sum(s) / len(s), 2), [round(sum(s[i:i + k]) / len(s[i:i + k]), 2) for i in range(0, len(s), k)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--apart", action="store_true")
    ap.add_argument("--timeline", action="store_true")
    args = ap.parse_args()
    from loaders.store import open_store

    cpu: dict[str, float] = {}
    windows: dict[str, tuple[float, float]] = {}
    run_jobs = listings.run_jobs
    started = [0.0]

    def timed_jobs(jobs, workers):
        def timed(job):
            def write():
                t, w = time.thread_time(), time.perf_counter() - started[0]
                try:
                    return job.write()
                finally:
                    cpu[job.name] = round(time.thread_time() - t, 2)
                    windows[job.name] = (round(w, 2), round(time.perf_counter() - started[0], 2))
            return listings.TableJob(job.name, write)
        return run_jobs([timed(j) for j in jobs], workers)

    listings.run_jobs = timed_jobs
    doc_tables.run_jobs = timed_jobs
    sampler = Runnable()
    with open_store(args.store, read_only=False) as kg:
        if args.timeline:
            sampler.start()
        wall, t = time.perf_counter(), time.process_time()
        started[0] = wall
        if args.apart:
            listings.write_tables(kg.store, kg.path, args.workers)
            doc_tables.write_doc_tables(kg.store, kg.path, args.workers)
        else:
            listings.write_all_tables(kg.store, kg.path, args.workers)
        process, wall = time.process_time() - t, time.perf_counter() - wall
        sampler.stop.set()
    names = [q for q in doc_tables.SPECS]
    listing_names = [n for n in cpu if n not in names]
    one_pool = scheduled([cpu[n] for n in sorted([*names, *listing_names], key=lambda n: -listings.WHOLE_CPU.get(n, 0))],
                         args.workers)  # the order of write_all_tables (listings.longest_first)
    two_pools = (scheduled([cpu[n] for n in listing_names], args.workers)
                 + scheduled([cpu[n] for n in names], args.workers))
    print(json.dumps({**cpu, "sum": round(sum(cpu.values()), 2), "process CPU": round(process, 2),
                      "wall": round(wall, 2), "scheduled one pool": round(one_pool, 2),
                      "scheduled two pools": round(two_pools, 2),
                      **({"windows": windows, "runnable": sampler.means()} if args.timeline else {})}))


if __name__ == "__main__":
    main()
