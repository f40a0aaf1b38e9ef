#!/usr/bin/env python3
"""The reuse worker's part of an add, replayed: its two warm_cache runs (the texts, then the files the
citations link) on a copy of the reuse cache a store had before the add, under cProfile or not; CPU
seconds of each run and whether the cache left equals the one the add left (pairs, owners, lengths).

    python bench/reuse_add.py CORPUS BEFORE.pickle STORE [--top 40] [--no-profile]

CORPUS: the grown corpus the add read (its files' sha256, in the build's order); BEFORE.pickle: a copy of
STORE's reuse-cache.pickle taken before the add (with its .arrays and .memo beside it); STORE: the store after the add (bench/add_profile.py;
read only: its extraction cache gives the texts, its reuse cache the linked pairs and the result to
compare with)."""
from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loaders.cache import CachedTexts, file_sha256  # noqa: E402
from loaders.read import discover  # noqa: E402
from loaders.reuse_graph import ARRAYS_SUFFIX, CACHE_FILE, MEMO_SUFFIX, _load_cache, warm_cache  # noqa: E402
from loaders.reuse import Params  # noqa: E402
from reuse_incremental import _cpu  # noqa: E402  (bench/ is this script's folder)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("before", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args()
    shas = [sha for sha in map(file_sha256, discover(args.corpus)) if sha]
    after = _load_cache(args.store / CACHE_FILE, Params())
    linked = [p for p, (was_linked, *_) in after["pairs"].items() if was_linked]

    def no_read(sha: str) -> str:
        raise KeyError(sha)
    texts = CachedTexts(args.store / "extract-cache.sqlite", "auto", shas, no_read)
    work = Path(__file__).resolve().parent / "corpus"
    work.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        shutil.copy(args.before, Path(tmp) / CACHE_FILE)
        for suffix in (ARRAYS_SUFFIX, MEMO_SUFFIX):  # the cache's other files, copied beside it
            if args.before.with_suffix(suffix).exists():
                shutil.copy(args.before.with_suffix(suffix), (Path(tmp) / CACHE_FILE).with_suffix(suffix))
        profile = None if args.no_profile else cProfile.Profile()
        for label, pairs, last in (("texts", (), False), ("linked", linked, True)):
            c, w = _cpu(), time.perf_counter()
            if profile is not None:
                profile.enable()
            stats = warm_cache(texts, Path(tmp), pairs, last=last)
            if profile is not None:
                profile.disable()
            print(f"{label:7} CPU {_cpu() - c:6.2f} s  wall {time.perf_counter() - w:6.2f} s  {stats}", flush=True)
        mine = _load_cache(Path(tmp) / CACHE_FILE, Params())
        print("equal to the add's cache:", {k: mine[k] == after[k] for k in ("pairs", "owners", "lengths", "common")})
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
