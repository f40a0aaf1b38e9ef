#!/usr/bin/env python3
"""CPU seconds of an add's resolution alone, as the build runs it: build.resolved() once in a fresh
process (the map cache's memo of the last build read, resolve() over every record, the memo written
back), on the records of CORPUS from STORE's extraction cache. Nothing is committed: run it again and
again, alternating code versions (each on a store stamped with its own code: bench/add_profile.py
--restamp, then an add or a read of CORPUS to fill the extraction cache).

    python bench/resolve_add.py CORPUS STORE [--root OTHER_CHECKOUT] [--phases] [--save resolution.pickle]

--root: import loaders from another checkout (main's, for an A/B). --save: pickle the Resolution (to
compare two versions' with bench/resolve_phases.py's plain()). --phases: resolve()'s phases too (bench/resolve_phases.py's
timers). Figures: bench/README.md, issue 15, addres18.
"""
from __future__ import annotations

import argparse
import gc
import os
import pickle
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--phases", action="store_true", help="and resolve()'s phases (resolve_phases.timed_phases)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root))
    from loaders import build
    from loaders.cache import MAP_CACHE_FILE, MapCache

    _, loaded, _ = build.read_stage(args.corpus, args.store, 2, build._Progress(False), build.FILE_TIMEOUT,
                                    ("auto", str(args.store / "ocr-cache")))
    gc.collect()
    gc.disable()  # as the build does while it maps (loaders.build._uncollected)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if args.phases:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from resolve_phases import timed_phases
        from loaders import resolve
        spent_in = timed_phases(resolve)
    map_cache = MapCache(args.store / MAP_CACHE_FILE)
    started = time.process_time()
    resolution = build.resolved(loaded, map_cache)
    spent = time.process_time() - started
    map_cache.close(commit=False)  # the memo stays as it was: the next run is the same add
    print(f"{args.root.name}: {len(loaded)} records, resolved() CPU {spent:.2f} s, peak RSS "
          f"{rss / 1024:.0f} -> {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"load average {os.getloadavg()[0]:.1f}")
    if args.phases:
        print("  " + ", ".join(f"{p} {s:.2f}" for p, s in sorted(spent_in.items(), key=lambda e: -e[1])))
    if args.save:
        with open(args.save, "wb") as f:
            pickle.dump(resolution, f, pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
