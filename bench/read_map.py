"""The stages before the load, alone: read + extract, resolve, map, and the reuse stage's input (the
texts), for a corpus grown by added files; without the caches (every file read, extracted, mapped)
and with caches warmed by the base corpus (what `directive-kg build` does when files are added to a
built store). No store, no load, no validation: CPU and wall seconds of this process tree.

    .venv/bin/python bench/read_map.py --base bench/corpus/10000 --added bench/corpus/added-1000 [--profile]

``--profile`` prints the top functions of resolution (cProfile) on the grown corpus.

    .venv/bin/python bench/read_map.py --store var/base-10000 --base bench/corpus/10000 --added bench/corpus/added-1000

``--store``: the caches of a store built from ``--base`` (copied, restamped with this code's version:
only for code that extracts and maps the same) instead of warming them here: the add alone, ``--repeats``
times (a fresh copy each time), its read, resolve and map CPU seconds. ``--prepare DIR``: first the base
corpus on a copy of the store's caches (as this code's build leaves them: the memo of body names, build.resolved),
then measure in a fresh process with ``--store DIR``.

2026-12-06, 1,000 added, load average 30-50 on 2 cores (CPU s of the process tree, first add of a fresh
process; main before this branch -> after; the graphs' digests identical, --digests):
  10,000: read 5.55 -> 5.63 (1,000 files extracted in the workers: most of it), resolve 3.07 -> 2.12,
          map 2.41 -> 2.17 (two runs each)
  30,000: read 9.46 -> 8.66, resolve 7.43 -> 6.03, map 4.01 -> 3.63 (one run each)
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import grown_corpus  # noqa: E402
from loaders import build as B  # noqa: E402
from loaders.cache import CACHE_FILE, MAP_CACHE_FILE, ExtractCache, MapCache, MappedGraphs  # noqa: E402
from loaders.resolve import resolve  # noqa: E402
from loaders.spool import GraphSpool  # noqa: E402
from loaders.to_rdf import map_corpus  # noqa: E402


class Timer:
    def __init__(self):
        self.rows: list[tuple[str, float, float]] = []

    def __call__(self, name: str):
        timer = self

        class _T:
            def __enter__(self):
                self.w, self.c = time.perf_counter(), B.cpu_seconds()

            def __exit__(self, *exc):
                timer.rows.append((name, time.perf_counter() - self.w, B.cpu_seconds() - self.c))
        return _T()


def run(corpus: Path, folder: Path, jobs: int, cached: bool, timer: Timer, label: str, profile: bool = False,
        digests: Path | None = None) -> dict:
    show = B._Progress(False)
    with timer(f"{label} read"), ExtractCache(folder / CACHE_FILE if cached else None) as cache:
        outcomes, loaded = B._read_all(corpus, jobs, show, B.FILE_TIMEOUT, ("auto", str(folder / "ocr")), cache)
        hits = cache.hits
    with GraphSpool(folder / "spool.part") as spool, MapCache(folder / MAP_CACHE_FILE if cached else None) as mc:
        graphs = MappedGraphs(spool, mc) if cached else spool
        with timer(f"{label} resolve"):
            resolving = (lambda: B.resolved(loaded, mc)) if cached else (lambda: resolve(loaded))
            if profile:
                prof = cProfile.Profile(time.process_time)
                resolution = prof.runcall(resolving)
            else:
                resolution = resolving()
        with timer(f"{label} map"):
            full = B.whole_records(corpus, folder / CACHE_FILE, ("auto", str(folder / "ocr")))
            if profile:
                prof.runcall(map_corpus, loaded, resolution, graphs, B.BATCH, full=full)
            else:
                map_corpus(loaded, resolution, graphs, B.BATCH, full=full)
            if cached:
                mc.keep_only(set(graphs))
        kept = graphs.kept if cached else 0
        if digests is not None:  # what the load would be given: equal digests, equal store
            digests.write_text("".join(f"{g} {graphs.digest(g)}\n" for g in sorted(graphs)))
        with timer(f"{label} reuse input (texts)"):
            if cached:
                texts = B._texts(corpus, outcomes, folder / CACHE_FILE, ("auto", str(folder / "ocr")))
            else:
                from loaders.reuse_graph import _read_texts
                texts = _read_texts(corpus, outcomes, ("auto", str(folder / "ocr")))
            chars = sum(len(t) for t in texts.values())
    if profile:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
    return {"files": len(outcomes), "from_cache": hits, "graphs_kept": kept, "text_chars": chars}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--added", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--skip-uncached", action="store_true", help="only the cached runs")
    ap.add_argument("--store", type=Path, help="a store built from --base: its caches, copied")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--prepare", type=Path, help="with --store: build --base on a copy of the store's caches in "
                    "this folder (restamped) and stop; then measure with --store this folder (a fresh process)")
    ap.add_argument("--digests", type=Path, help="with --store: write each graph's digest after the add (compare "
                    "two versions of the code: equal files, equal stores)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="read-map-", dir=Path("bench/corpus")))
    timer = Timer()
    try:
        grown = grown_corpus(args.base, args.added, work / "grown")
        if args.store:
            return add_to_store(grown, args.store, work, args, timer)
        caches = work / "caches"
        caches.mkdir()
        print(f"load average {os.getloadavg()[0]:.1f}")
        # the first run also pays for loading the reference data (lru caches): the base corpus, caches warmed
        print("warming caches, base corpus:", run(args.base, caches, args.jobs, True, timer, "first build:"))
        sizes = {f.name: round(f.stat().st_size / 2**20, 1) for f in caches.iterdir() if f.is_file()}
        print("caches after the base corpus (MB):", sizes)
        if not args.skip_uncached:
            print("no cache, grown corpus:", run(grown, work, args.jobs, False, timer, "no cache:"))
        print("added, with caches:", run(grown, caches, args.jobs, True, timer, "added:", args.profile))
        for name, wall, cpu in timer.rows:
            print(f"  {name:32} wall {wall:8.2f} s   CPU {cpu:8.2f} s")
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def add_to_store(grown: Path, store: Path, work: Path, args: argparse.Namespace, timer: Timer) -> None:
    """The add's read, resolve and map on copies of ``store``'s caches (bench/add_profile.py restamp)."""
    from bench.add_profile import restamp
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.prepare:  # the store's caches as this code's build of --base leaves them (its memos too): then stop
        args.prepare.mkdir(parents=True, exist_ok=True)
        for name in (CACHE_FILE, MAP_CACHE_FILE):
            if (store / name).exists():
                shutil.copy(store / name, args.prepare / name)
        restamp(args.prepare)
        print("the base corpus on the store's caches:", run(args.base, args.prepare, args.jobs, True, timer, "base:"))
        return
    for n in range(args.repeats):
        caches = work / f"caches-{n}"
        caches.mkdir()
        for name in (CACHE_FILE, MAP_CACHE_FILE):
            shutil.copy(store / name, caches / name)
        restamp(caches)
        print("added, with the store's caches:", run(grown, caches, args.jobs, True, timer, f"add {n}:", args.profile,
                                                      args.digests if n == 0 else None))
        shutil.rmtree(caches)
    for name, wall, cpu in timer.rows:
        print(f"  {name:32} wall {wall:8.2f} s   CPU {cpu:8.2f} s")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
