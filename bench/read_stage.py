"""The build's read stage alone (loaders.build._read_all: discover, hash, read, extract in worker
processes, extraction cache written to a temporary folder as a fresh build does): wall seconds, CPU
seconds of the parent and of the workers, CPU per document, and how busy the cores were.

    .venv/bin/python bench/read_stage.py bench/corpus/10000 [--jobs 2] [--profile 300]
        [--cache STORE/extract-cache.sqlite] [--parent-profile]

``--profile N`` instead profiles (cProfile, in this process, one core) the reading and extraction of
the first N documents and prints the top functions by own time and by cumulative time.
``--profile N --no-profiler``: the same loop without cProfile, its CPU seconds a document.
``--cache FILE`` starts from a copy of that extraction cache (the read of an add: the files it knows
are only screened and hashed); ``--parent-profile`` profiles what this process (not the workers) does.

Where a worker's CPU goes (2026-12-06, session 12, 400 documents of the 10,000 corpus, one process,
load average ~30, ms a document): read_document 0.18, SourceText 0.15, extract 2.05 (assignments 0.70,
citations 0.57, header 0.34, signature 0.15, copy 0.13, issuer 0.12, recipients 0.07), cache row 0.25,
slim and pickle 0.06; a worker's imports and first document 0.6 s. The parent (--parent-profile, 10k):
8.2 s under cProfile (discover and screen 1.7, hashing 1.1, interning the slim records 1.8, unpickling
0.8, SQLite 0.6) beside 27 s of the workers. Extraction has no single hot spot: the ~110 calls a
document of re.match/sub with a pattern string (compiled once since) were a few per cent.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loaders import build as B  # noqa: E402
from loaders.cache import CACHE_FILE, ExtractCache  # noqa: E402


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def measure(corpus: Path, jobs: int, start: Path | None = None, parent_profile: bool = False, top: int = 25) -> None:
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="read-stage-", dir=Path(__file__).parent / "corpus") as folder:
        if start is not None:
            shutil.copyfile(start, Path(folder) / CACHE_FILE)
        prof = cProfile.Profile(time.process_time) if parent_profile else None
        wall, parent, children = time.perf_counter(), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        with ExtractCache(Path(folder) / CACHE_FILE) as cache:
            read = lambda: B._read_all(corpus, jobs, B._Progress(False), B.FILE_TIMEOUT, ("auto", ""), cache)  # noqa: E731
            outcomes, loaded = prof.runcall(read) if prof else read()
            hits = cache.hits
        wall = time.perf_counter() - wall
        parent = _cpu(resource.RUSAGE_SELF) - parent
        children = _cpu(resource.RUSAGE_CHILDREN) - children
        size = (Path(folder) / CACHE_FILE).stat().st_size / 2**20
    n = len(loaded)
    print(f"{corpus}: {n} documents read ({len(outcomes)} files), jobs {jobs}, load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print(f"  wall {wall:.2f} s; CPU parent {parent:.2f} s + workers {children:.2f} s = {parent + children:.2f} s "
          f"= {1000 * (parent + children) / max(n, 1):.2f} ms a document; cores busy {(parent + children) / wall / jobs:.0%}; "
          f"cache {size:.1f} MB; {hits} from the cache")
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
        print(out.getvalue())


def profile(corpus: Path, first: int, top: int, callers: int = 0, profiler: bool = True) -> None:
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[:first]
    tasks = [(str(p), p.name, 0.0, "never", "") for p in files]
    B._read_kept(tasks[0])  # warm: reference data, compiled patterns
    if not profiler:   # the same loop, CPU seconds only (cProfile's overhead weighs most on the small functions)
        cpu = time.process_time()
        for t in tasks:
            B._read_kept(t)
        cpu = time.process_time() - cpu
        print(f"{len(tasks)} documents, {cpu:.2f} s CPU, {1000 * cpu / len(tasks):.3f} ms a document "
              f"(one process, no profiler; load average {os.getloadavg()[0]:.1f})")
        return
    prof = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
    cpu = time.process_time()
    prof.runcall(lambda: [B._read_kept(t) for t in tasks])
    cpu = time.process_time() - cpu
    print(f"{len(tasks)} documents profiled, {1000 * cpu / len(tasks):.2f} ms CPU a document under cProfile")
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(key).print_stats(top)
        if callers and key == "tottime":
            pstats.Stats(prof, stream=out).sort_stats(key).print_callers(callers)
        print(out.getvalue())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--profile", type=int, metavar="N")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--cache", type=Path, help="start from a copy of this extraction cache (an add)")
    ap.add_argument("--parent-profile", action="store_true", help="cProfile of this process (not the workers)")
    ap.add_argument("--callers", type=int, default=0, help="with --profile: callers of the top N functions")
    ap.add_argument("--no-profiler", action="store_true", help="with --profile: CPU seconds only, no cProfile")
    args = ap.parse_args(argv)
    if args.profile:
        profile(args.corpus, args.profile, args.top, args.callers, not args.no_profiler)
    else:
        measure(args.corpus, args.jobs, args.cache, args.parent_profile, args.top)


if __name__ == "__main__":
    main()
