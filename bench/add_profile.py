#!/usr/bin/env python3
"""The fixed costs of an add: read, map and load of `directive-kg build` on a built store, under
cProfile, stopped before validation (what those three stages cost, and which functions grow with the
store rather than with the files added); with --until tables, validation and report too, stopped before
the tables (bench/README.md, helper addrest18).

    python bench/add_profile.py CORPUS STORE [--profile out.prof] [--top 40] [--restamp [--prime BASE]] [--until tables]

CORPUS: the built store's files plus the added ones (bench/run.py grown_corpus: hard links). STORE: a
COPY of a built store (it is changed: the add is loaded; validation and tables are not run, so the
store is left marked as a build that did not finish: the next build finishes it). Prints wall and
CPU seconds of each stage (the stage log), the load average, and the top functions by cumulative time.

--restamp: the store's caches were written by an older code version that extracts and maps the same
(e.g. a copy of /work/main/bench/corpus/store-100000 built before a speed-only change): stamp them
with this code's version, so that the add finds them (a measurement aid; never for a real store).

What grows with the store (2026-12-06, 1,000 added to /work/main's 100k store, before this branch's
changes, cProfile with a wall timer at load average 14; CPU s per stage: read 37.1, map 53.9, reuse
44.0, load 26.6; 10k: read 5.9, map 8.8, reuse 11.8, load 11.9). The profiler's times, by stage:
  read   every file of the corpus: discover + annotation_files (Paths) + _screen (lstat, sort) 66 s,
         file_sha256 18, get_slim (a query and an unpickle a file) 22, slim_record (interning) 38
  map    resolve over 102k slim records 241 (_by_issuer_subject 54, _resolved_document 37, _add_loaded
         27, _merge_bodies 21, _settle_issuers 19, _known_years 16, _date_claims 12, _by_number 11),
         map_corpus 54 (file_fingerprint 16, _corpus_lines 13, a map-cache query a file)
  load   manifest (204,043 entries) 22, _index_packed of the 5,197 changed graphs 14 (the corpus graph
         and ~4,000 reuse graphs), _stored_lines 16, the update 19
Without a profiler (bench/read_fixed.py, CPU s at 100k): discover 0.65, annotation Paths 0.63,
_screen 1.9, file_sha256 1.5-2.2, get_slim 4.5, slim_record 3.9; store.manifest 2.3 (SPARQL 1.9),
data_graphs 1.3, _holders 0.4. cProfile's CPU timer (this script) costs ~1.5x: compare like with like.

Branch addfix (2026-12-06, --no-profile --restamp, load average 15-31, main 32fe378 -> addfix, CPU s):
added-1000 to a copy of /work/corpora/store-30000 (built from the 30k corpus: 1,000 documents new),
read 11.65 -> 11.12, map 10.14 -> 10.21; the same files again on a copy of store-10000 (built from
10000-plus-1000: nothing new, the fixed costs only), read 3.05 / 3.53 -> 2.83 / 3.02, map 3.15 / 3.21
-> 3.13 / 3.03. What went: file_sha256 of every file when the corpus is under another path (the stat
is the key, not the path), a query a file for the slim records and for the map cache. What is left,
at 30k (cProfile): read: unpickling the slim records 2.3, interning them (slim_record) 4.8, _screen
3.4; map: resolve() over every slim record (at 10k 2.0 of map's 3.1 s), not yet incremental.

Branch addreadmap (2026-12-07, --no-profile --restamp, the same files again on a copy of a store that
has them: the fixed costs of an add; load average 20-45, main db04791 -> addreadmap, CPU s, runs
alternated): the cyclic collector paused during read and map (loaders.build._uncollected): at 10k
+ 1,000 read 1.33 / 1.48 -> 0.88 / 1.02, map 3.07 / 3.11 -> 1.89 / 1.94; at 30k + 1,000 read 5.51 / 5.50
-> 3.06 / 3.06 / 3.40, map 8.52 / 9.10 -> 5.34 / 5.65 / 5.49; reuse unchanged (4.5-5.0 at 30k; pausing
the collector there too changed nothing: 4.50). resolve() alone (its CPU, best of 3): 10k 1.60 -> 0.92,
30k 5.0 -> 3.2. Left at 30k (main process, CPU s): resolve 3.2, map_corpus 2.2 (file_fingerprint
of every file 1.0), read 2.8 (_screen 1.4, unpickling and interning the slim records 1.5), reuse 4.9
(detect 1.5: candidate_pairs over every document; the reuse graphs' fingerprints and a map-cache
query a file 1.6; saving the whole reuse cache 0.9, 172 MB; loading it 0.6).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import build as build_module  # noqa: E402
from loaders.cache import code_version  # noqa: E402


class _Stop(Exception):
    """Raised where validation would start."""


def restamp(store: Path) -> None:
    for db_file in store.glob("*.sqlite"):
        db = sqlite3.connect(db_file)
        try:
            db.execute("UPDATE meta SET value = ? WHERE name = 'version'", (code_version(),))
            db.commit()
        except sqlite3.Error as e:
            print(f"{db_file.name}: not restamped ({e})")
        db.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--restamp", action="store_true")
    ap.add_argument("--no-profile", action="store_true", help="stage figures only (cProfile's CPU timer costs "
                    "about 1.5x on this code: compare runs made alike)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--until", choices=("validate", "tables"), default="validate", help="the stage the add stops "
                    "at (not run): validate (read, map, reuse, load measured), or tables (validate and report too; "
                    "the store's validation.ttl is then the add's)")
    ap.add_argument("--prime", type=Path, metavar="CORPUS", help="after --restamp: the read stage of this code on "
                    "the store's own corpus first (what a build of this code leaves beside its extraction cache: "
                    "the slim records, cache.keep_slims), not measured")
    ap.add_argument("--log", action="store_true", help="the build's INFO log to stderr (what the validation "
                    "memo planned: graphs checked again, corpus-wide checks scoped)")
    args = ap.parse_args(argv)
    if args.log:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    if args.restamp:
        restamp(args.store)
    if args.prime:
        build_module.read_stage(args.prime, args.store, args.jobs, build_module._Progress(False),
                                build_module.FILE_TIMEOUT, ("auto", str(args.store / "ocr-cache")))
    log = args.store.parent / f"{args.store.name}.stages.jsonl"
    log.unlink(missing_ok=True)
    os.environ[build_module.STAGE_LOG_ENV] = str(log)
    cpu_at: dict[str, float] = {}
    cpu_in: dict[str, float] = {}  # a stage's CPU, its parts added (validate: before and after the load)
    original_mark = build_module._Clock.mark

    def mark(self, stage, event):  # CPU of the process tree at each stage's start and end
        cpu_at[f"{stage}:{event}"] = build_module.cpu_seconds()
        if event == "end":
            cpu_in[stage] = cpu_in.get(stage, 0.0) + cpu_at[f"{stage}:end"] - cpu_at[f"{stage}:start"]
        original_mark(self, stage, event)

    def stop(*a, **k):
        raise _Stop()

    build_module._Clock.mark = mark
    if args.until == "validate":
        build_module._validate = stop
    else:
        build_module.write_all_tables = stop
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    started = time.perf_counter()
    if not args.no_profile:
        profiler.enable()
    try:
        build_module.build(args.corpus, args.store, jobs=args.jobs, progress=False)
    except _Stop:
        pass
    finally:
        profiler.disable()
    print(f"until {args.until}: wall {time.perf_counter() - started:.1f} s, load average {os.getloadavg()}")
    events = [json.loads(line) for line in log.read_text().splitlines()]
    wall: dict[str, float] = {}
    started_at: dict[str, float] = {}
    for e in events:  # a stage timed in parts (validate) adds them
        if e["event"] == "start":
            started_at[e["stage"]] = e["time"]
        elif e["stage"] in started_at:
            wall[e["stage"]] = wall.get(e["stage"], 0.0) + e["time"] - started_at.pop(e["stage"])
    for stage, seconds in wall.items():
        print(f"  {stage:8} wall {seconds:7.2f} s   CPU {cpu_in.get(stage, 0.0):7.2f} s")
    if args.no_profile:
        return
    if args.profile:
        profiler.dump_stats(args.profile)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
