#!/usr/bin/env python3
"""build.read_stage alone on a store folder's extraction cache and slim records (CPU of this process and of its
children), with CPU timers on its pieces: the read stage's fixed cost per file of the corpus.

    python bench/read_pieces.py [--code CHECKOUT] CORPUS STORE   # STORE: a folder with a COPY of extract-cache.sqlite, slim-records.pickle

The caches are restamped with the code's version first (add_profile.restamp), which makes the slims stale: run it
again with NORESTAMP=1 for the figures of a build after a build. (helper addreuse22: bench/README.md)"""
import sys, time, resource, os
from collections import defaultdict
from pathlib import Path
from reuse_pieces import timed, with_code  # noqa: E402  (bench/ is this script's folder)
argv = with_code(sys.argv[1:])
import loaders.build as b, loaders.cache as c  # noqa: E402
from add_profile import restamp  # noqa: E402  (the checkout's: its code version)
spent, calls = defaultdict(float), defaultdict(int)
for mod, names in ((b, ("discover", "annotation_files", "_screen", "kept_slims", "keep_slims", "slim_entries", "_read_tasks", "_account", "slim_record", "_loaded", "_read_screened")),):
    for n in names:
        if hasattr(mod, n):
            setattr(mod, n, timed(n, getattr(mod, n), spent, calls))
for cls, n in ((c.ExtractCache, "sha256"), (c.ExtractCache, "get_slims"), (c.ExtractCache, "keep_only"), (c.ExtractCache, "__exit__"), (c.ExtractCache, "__init__"), (c.ExtractCache, "rows")):
    setattr(cls, n, timed(n, getattr(cls, n), spent, calls))
store = Path(argv[1])
if not os.environ.get("NORESTAMP"): restamp(store)
def cpu():
    s, ch = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, ch.ru_utime + ch.ru_stime
a = cpu()
out = b.read_stage(Path(argv[0]), store, 2, b._Progress(False), b.FILE_TIMEOUT, ("auto", str(store / "ocr-cache")))
z = cpu()
print(f"read_stage: self {z[0]-a[0]:.2f} children {z[1]-a[1]:.2f} from_cache {out[2]} files {len(out[0])} load {os.getloadavg()[0]:.1f}")
for n in sorted(spent, key=spent.get, reverse=True):
    print(f"  piece {n:20} {spent[n]:7.2f} s CPU  ({calls[n]} calls)")
