#!/usr/bin/env python3
"""The reuse stage as `directive-kg build` runs it (the extraction cache's texts, the mapped graphs'
citations, the map cache keeping unchanged reuse graphs), on a build and on an add: CPU of the process
tree per stage, and a digest of every reuse graph (to compare two code versions, and the add with a
fresh build of the grown corpus).

    .venv/bin/python bench/reuse_stage.py STORE BASE GROWN [--fresh] [--digests out.json] [--profile DIR]

STORE: a store folder whose extraction and map caches know the files (e.g. `directive-kg build GROWN
--no-reuse` stopped after the map stage: DIRECTIVE_KG_PAUSE_AT=mapped); it is copied (without the reuse
cache and the reuse graphs), never changed. BASE: the corpus built first; GROWN: BASE with more files
(bench/run.py grown_corpus). Each build stops where the load would start (the stages after it do not
read the reuse cache). Steps: BASE built (the reuse cache empty: the stage of a whole build), then GROWN
into the same store (the add); with --fresh, GROWN again into a copy without the reuse cache and graphs
(a whole build of GROWN: the lines of its reuse graphs must equal the add's; graph by graph they differ
where a pair of an added and an old file is in the added file's graph after the add, in the first
file's after a whole build). The add's line says how many reuse graphs of the files built before it
rewrote, and why (rewritten). --profile DIR: py-spy (if installed)
samples each step's reuse stage into DIR/STEP.txt (raw collapsed stacks, the workers included); its own
CPU is reported apart ("py-spy"), not in the stage's.

Measured 2026-12-06 (branch addreuse, load average 15-30: CPU s of the process tree; /work/corpora stores,
added-1000), reuse graphs of the files built before that the add rewrites:
  10,102 + 1,000: 582 of 10,102 (741 with each pair in its first file's graph, as main wrote them: 741
          measured on main too); why: a pair gone 499, a new pair of two old files 94, passages of a kept
          pair 1; reuse CPU of the add 3.3 s (main 3.25), of the build 11-12 s; add == fresh: the lines.
  30,320 + 1,000: 1,405 of 30,320 (1,900 with each pair in its first file's graph); a pair gone 1,076, a
          new pair of two old files 342, passages of a kept pair 63; reuse CPU of the add 8.6 s, build 46.9.
Old pairs go because the candidates of two old files depend on the corpus (detection alone, .txt files, no
citations, 10k + 1,000: 806 of 3,240 old pairs with passages gone): the LSH bucket of their windows grows
past max_bucket (311 of them), their windows turn mostly common (the common limit max(max_df, 1 %) and the
shingles' counts move: the other 487); the partner limit 8. A results decision, not a layout one.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import build as build_module  # noqa: E402
from loaders.cache import MAP_CACHE_FILE  # noqa: E402
from loaders.reuse_graph import CACHE_FILE, REUSE_GRAPH  # noqa: E402


class _Stop(Exception):
    """Raised where the load would start."""


def run_build(corpus: Path, store: Path, profile: Path | None = None) -> dict[str, float]:
    """CPU seconds (process tree) of each stage of a build of ``corpus`` into ``store``, stopped at the load."""
    cpu_at: dict[str, float] = {}
    spy: list[subprocess.Popen] = []
    original_mark, original_sync = build_module._Clock.mark, build_module.sync_graphs

    def mark(self, stage, event):
        cpu_at[f"{stage}:{event}"] = build_module.cpu_seconds()
        if profile is not None and stage == "reuse":
            spy_bin = shutil.which("py-spy", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
            if event == "start" and spy_bin:
                spy.append(subprocess.Popen([spy_bin, "record", "--pid", str(os.getpid()), "--subprocesses",
                                             "--format", "raw", "--rate", "50", "--output", str(profile)],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            elif event == "end" and spy:
                spy[0].send_signal(2)  # py-spy writes its file on SIGINT
                before = build_module.cpu_seconds()
                spy[0].wait()
                cpu_at["py-spy"] = build_module.cpu_seconds() - before  # not the stage's
                return original_mark(self, stage, event)
        original_mark(self, stage, event)

    def stop(*a, **k):
        raise _Stop()

    build_module._Clock.mark, build_module.sync_graphs = mark, stop
    try:
        build_module.build(corpus, store, progress=False)
    except _Stop:
        pass
    finally:
        build_module._Clock.mark, build_module.sync_graphs = original_mark, original_sync
    return {s.split(":")[0]: round(cpu_at[s] - cpu_at[s.replace(":end", ":start")], 2)
            for s in cpu_at if s.endswith(":end")} | ({"py-spy": round(cpu_at["py-spy"], 2)} if "py-spy" in cpu_at else {})


def reuse_digests(store: Path) -> dict[str, str]:
    """Reuse graph -> sha256 of its N-Triples, from the store's map cache."""
    with closing(sqlite3.connect(store / MAP_CACHE_FILE)) as db:
        return dict(db.execute("SELECT graph, digest FROM graphs WHERE graph LIKE ?", (REUSE_GRAPH + "/%",)))


def reuse_lines_digest(store: Path) -> str:
    """sha256 of the sorted lines of all reuse graphs of the store's map cache: the merged graph's reuse
    triples, whichever graph holds a pair (an add puts a pair of an added and an old file in the added one's)."""
    with closing(sqlite3.connect(store / MAP_CACHE_FILE)) as db:
        lines = sorted(line for (text,) in db.execute("SELECT text FROM graphs WHERE graph LIKE ?", (REUSE_GRAPH + "/%",))
                       for line in zlib.decompress(text).split(b"\n") if line)
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def rewritten(before: dict[str, str], after: dict[str, str], cache_before: Path, cache_after: Path) -> str:
    """How many reuse graphs of the files built before the add changed, and why: what changed in the pairs
    (cache entries with a passage shown) whose graph it is: a pair with an added file, a pair of two files
    built before, one gone, the passages of a pair kept (shown again or aligned again); none of these: the
    graph's documents or citation paths (the mapped graphs)."""
    from loaders.reuse import Params
    from loaders.reuse_graph import _load_cache, graph_of, shown_spans

    old, new = (_load_cache(c, Params()) for c in (cache_before, cache_after))
    files_before = set(old["shingles"])
    changed = {g for g in before if g in after and before[g] != after[g]}
    why: dict[str, int] = {}
    mine_old, mine_new = defaultdict(dict), defaultdict(dict)
    by_first = defaultdict(dict), defaultdict(dict)  # each pair in its first file's graph (the layout before owners)
    for mine, first, cache in ((mine_old, by_first[0], old), (mine_new, by_first[1], new)):
        for pair, written in shown_spans(cache):  # a pair without a passage shown writes nothing
            mine[graph_of(pair, cache["owners"])][pair] = first[graph_of(pair)][pair] = written
    for g in changed:
        a, b = mine_old.get(g, {}), mine_new.get(g, {})
        causes = set()
        for pair in set(b) - set(a):
            causes.add("new pair with an added file" if not set(pair) <= files_before else "new pair of old files")
        if set(a) - set(b):
            causes.add("pair gone")
        if any(a[p] != b[p] for p in set(a) & set(b)):
            causes.add("passages of a kept pair")
        for c in causes or {"documents or citation paths"}:
            why[c] = why.get(c, 0) + 1
    first_layout = {g for g in before if g in after and (g in changed or by_first[0].get(g, {}) != by_first[1].get(g, {}))}
    return (f"add: {len(set(after) - set(before))} reuse graphs new, {len(changed)} of {len(before)} built before "
            f"rewritten ({len(first_layout)} with each pair in its first file's graph), {len(set(before) - set(after))} "
            f"gone; rewritten because (a graph may count under several): {why}")


def _copy(store: Path, to: Path) -> None:
    """A copy of the store folder without its reuse cache and without the reuse graphs of its map cache."""
    shutil.copytree(store, to, ignore=shutil.ignore_patterns("lock", CACHE_FILE, build_module.SPOOL_FILE))
    if (to / MAP_CACHE_FILE).exists():
        with closing(sqlite3.connect(to / MAP_CACHE_FILE)) as db, db:  # committed, then closed
            db.execute("DELETE FROM graphs WHERE graph LIKE ?", (REUSE_GRAPH + "/%",))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("base", type=Path)
    ap.add_argument("grown", type=Path)
    ap.add_argument("--fresh", action="store_true", help="also a whole build of GROWN (its reuse graphs == the add's)")
    ap.add_argument("--digests", type=Path, help="write the add's reuse graph digests here (JSON)")
    ap.add_argument("--profile", type=Path, help="py-spy samples of each reuse stage into this folder")
    args = ap.parse_args(argv)
    work = Path(__file__).resolve().parent / "corpus"  # gitignored
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        store = Path(tmp) / "store"
        _copy(args.store, store)
        steps = [("build", args.base, store), ("add", args.grown, store)]
        if args.fresh:
            steps.append(("fresh", args.grown, Path(tmp) / "fresh"))
        digests = {}
        for label, corpus, where in steps:
            if label == "fresh":
                _copy(store, where)
            w = time.perf_counter()
            cpu = run_build(corpus, where, args.profile / f"{label}.txt" if args.profile else None)
            digests[label] = reuse_digests(where)
            if label == "build":
                shutil.copy(where / CACHE_FILE, Path(tmp) / "build-cache.pickle")
            if label == "add":
                print(rewritten(digests["build"], digests["add"], Path(tmp) / "build-cache.pickle", where / CACHE_FILE))
            every = hashlib.sha256(json.dumps(sorted(digests[label].items())).encode()).hexdigest()[:16]
            print(f"{label:6} {len(digests[label]):6} reuse graphs ({every})  CPU s {cpu}  wall {time.perf_counter() - w:.0f} s"
                  f"  load {os.getloadavg()[0]:.1f}", flush=True)
        if args.fresh:
            print("add == fresh: the reuse lines", reuse_lines_digest(store) == reuse_lines_digest(Path(tmp) / "fresh"),
                  "; graph by graph", digests["add"] == digests["fresh"])
        if args.digests:
            args.digests.write_text(json.dumps(digests["add"], indent=0, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
