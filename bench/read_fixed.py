#!/usr/bin/env python3
"""The read stage's fixed costs, part by part: what an add pays for every file of the corpus before
it reads the files added (CPU seconds of this process, no profiler: cProfile's overhead moves the
figures towards the functions of many calls).

    python bench/read_fixed.py CORPUS STORE

STORE: a built store of CORPUS (its extraction cache knows every file; use a copy: the hashes table is
written). Run it twice: the first run records the files' stats (cache.sha256), the second reads them.

2026-12-06, 10,000-document corpus + 1,000 added (11,102 documents, 22,204 files with the annotations),
load average 16 on 2 cores: discover 0.065 s, annotation_files 0.015 (as Paths: +0.022), _screen 0.108,
file_sha256 of every file 0.153 -> cache.sha256 from the stat 0.042, get_slim 0.400, slim_record
(interning) 0.256: about 1 s a 10,000 documents, linear.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import build as B  # noqa: E402
from loaders import cache as C  # noqa: E402
from loaders.read import discover  # noqa: E402
from loaders.resolve import slim_record  # noqa: E402


def timed(label: str, f):
    started = time.process_time()
    result = f()
    print(f"{label:24} CPU {time.process_time() - started:6.3f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    corpus, store = map(Path, (argv or sys.argv[1:])[:2])
    files = timed("discover", lambda: discover(corpus))
    notes = timed("annotation_files", lambda: B.annotation_files(corpus))
    timed("  as Paths", lambda: [Path(p) for p in notes])
    screened = timed("_screen", lambda: B._screen(files + notes, corpus))
    paths = [p for p, _, reason in screened if reason is None]
    shas = timed("file_sha256", lambda: [C.file_sha256(p) for p in paths])
    with C.ExtractCache(store / C.CACHE_FILE) as cache:
        timed("cache.sha256 (stat)", lambda: [cache.sha256(p) for p in paths])
        known = [s for s in shas if s]
        slims = timed("get_slims", lambda: [v for i in range(0, len(known), C.SLIM_CHUNK)
                                            for v in cache.get_slims(known[i:i + C.SLIM_CHUNK], "auto").values()])
        strings: dict[str, str] = {}
        timed("slim_record (intern)", lambda: [slim_record(r[0], strings, source="x") for r in slims if r])


if __name__ == "__main__":
    main()
