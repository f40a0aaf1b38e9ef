#!/usr/bin/env python3
"""bench/reuse_add.py (the reuse worker's two runs of an add, replayed) with CPU timers (time.process_time, this
process: not the pool's children) on the pieces of loaders.reuse_graph and loaders.reuse that detect runs.

    python bench/worker_pieces.py [--code CHECKOUT] GROWN BASE/reuse-cache.pickle STORE_AFTER

--code: another checkout whose loaders are timed (old code, run with this venv). NOGC=1: the collector off.
(helper addreuse22: bench/README.md)"""
import sys, time
from collections import defaultdict
from pathlib import Path
from reuse_pieces import timed, with_code  # noqa: E402  (bench/ is this script's folder)
argv = with_code(sys.argv[1:])
import loaders.reuse_graph as rg  # noqa: E402
import loaders.reuse as ru  # noqa: E402
spent, calls = defaultdict(float), defaultdict(int)
for name in ("_load_cache", "_save_cache", "_packed", "detect", "_filtered", "_stats", "_gram_counts", "_named_pairs",
             "_owners", "_common_keys", "_relinked", "_inputs_key", "_write_pickle", "_unpacked", "candidate_pairs", "profiles",
             "tokenise_all", "align_all", "_common_key_all", "in_sorted"):
    if hasattr(rg, name):
        setattr(rg, name, timed(name, getattr(rg, name), spent, calls))
for cls, name in ((rg.Spill, "into"), (rg.Spill, "put"), (ru.Shingles, "common_windows_all"), (ru.GramCounts, "common"), (ru.GramCounts, "plus"), (ru.GramCounts, "of")):
    f = getattr(cls, name)
    setattr(cls, name, staticmethod(timed(name, f, spent, calls)) if isinstance(cls.__dict__.get(name), staticmethod) else
            (classmethod(timed(name, f.__func__, spent, calls)) if isinstance(cls.__dict__.get(name), classmethod) else timed(name, f, spent, calls)))
import reuse_add, gc, os
if os.environ.get("NOGC"): gc.disable()
sys.argv = ["reuse_add.py", *argv, "--no-profile"]
reuse_add.main()
for name in sorted(spent, key=spent.get, reverse=True):
    print(f"  piece {name:20} {spent[name]:7.2f} s CPU  ({calls[name]} calls)")
