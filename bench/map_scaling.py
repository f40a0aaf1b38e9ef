"""Scaling of the stages after read: resolve, map and reuse, each alone, CPU and peak memory.

    .venv/bin/python bench/map_scaling.py bench/corpus/1000 bench/corpus/10000 bench/corpus/30000 [--profile STAGE] [--kept] [--map-cache]

(DIRECTIVE_KG_MAP_JOBS=N in the environment: the map stage's worker processes, as in a build.)

Each corpus is read and extracted once (the extraction cache and the loaded records are kept next to
it, in CORPUS.prepared/, gitignored with bench/corpus), then, in a fresh process per corpus: resolve
(loaders.resolve.resolve), map (loaders.to_rdf.map_corpus into a GraphSpool, no map cache) and reuse
(loaders.reuse_graph.reuse_graphs into the spool, no reuse cache). Per stage: wall and CPU seconds
(this process and its workers), peak RSS during the stage (VmHWM reset before it, /proc/self/clear_refs)
and of the largest worker. ``digest``: sha256 over the sorted (graph, sha256 of its text) of the spool:
equal digests = the same mapped graphs byte for byte (the identity check across versions).
The load average is printed: the machine is shared, CPU seconds are the comparable figure.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pickle
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_hwm() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def prepare(corpus: Path) -> Path:
    """CORPUS.prepared/loaded.pickle: (outcomes, loaded records), read once with the extraction cache."""
    folder = corpus.with_name(corpus.name + ".prepared")
    out = folder / "loaded.pickle"
    if out.exists():
        return out
    from loaders import build as B
    from loaders.cache import CACHE_FILE, ExtractCache
    folder.mkdir(exist_ok=True)
    with ExtractCache(folder / CACHE_FILE) as cache:
        outcomes, loaded = B._read_all(corpus, os.cpu_count(), B._Progress(False), B.FILE_TIMEOUT,
                                       ("auto", str(folder / "ocr")), cache)
    with open(out, "wb") as f:
        pickle.dump((outcomes, loaded), f, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def kept_bytes(corpus: Path) -> dict:
    """Bytes a document that resolution keeps from reading to mapping (tracemalloc, a process of its
    own: it slows allocation): the loaded records as the read stage leaves them, and the Resolution.
    The modules and the reference data are loaded before (a resolution of the first 50 files): fixed
    costs, not a document's."""
    import gc
    import tracemalloc
    from loaders import build  # noqa: F401  (what unpickling imports)
    from loaders.resolve import resolve

    data = (corpus.with_name(corpus.name + ".prepared") / "loaded.pickle").read_bytes()
    outcomes, loaded = pickle.loads(data)
    resolve(loaded[:50])
    del outcomes, loaded
    gc.collect()
    tracemalloc.start()
    outcomes, loaded = pickle.loads(data)
    del outcomes, data
    gc.collect()
    records = tracemalloc.get_traced_memory()[0]
    resolution = resolve(loaded)
    gc.collect()
    both = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    n = max(len(loaded), 1)
    return {"records_bytes_per_doc": round(records / n), "resolution_bytes_per_doc": round((both - records) / n),
            "kept_bytes_per_doc": round(both / n), "slim": sum(getattr(ld, "slim", False) for ld in loaded)}


def measure(corpus: Path, profile: str | None, reuse: bool, map_cache: bool = False) -> dict:
    from loaders import build as B
    from loaders.cache import CACHE_FILE, MapCache, MappedGraphs
    from loaders.resolve import resolve
    from loaders.spool import GraphSpool
    from loaders.to_rdf import map_corpus

    folder = corpus.with_name(corpus.name + ".prepared")
    with open(folder / "loaded.pickle", "rb") as f:
        outcomes, loaded = pickle.load(f)
    rows: dict[str, dict] = {}
    prof = cProfile.Profile() if profile else None

    def stage(name, fn, *args):
        _reset_hwm()
        before = _hwm_mb()
        w, c = time.perf_counter(), _cpu()
        if prof and profile == name:
            result = prof.runcall(fn, *args)
        else:
            result = fn(*args)
        rows[name] = {"wall": round(time.perf_counter() - w, 2), "cpu": round(_cpu() - c, 2),
                      "peak_mb": round(_hwm_mb(), 1), "rss_before_mb": round(before, 1)}
        return result

    spool_path = folder / "spool.part"
    cache_path = folder / "map-cache.part.sqlite"  # --map-cache: a fresh one, as a first build writes
    cache_path.unlink(missing_ok=True)
    with GraphSpool(spool_path) as spool, MapCache(cache_path if map_cache else None) as mc:
        resolution = stage("resolve", resolve, loaded)
        full = B.whole_records(corpus, folder / CACHE_FILE, ("auto", str(folder / "ocr")))  # slim records made whole
        out = MappedGraphs(spool, mc) if map_cache else spool
        stage("map", lambda: map_corpus(loaded, resolution, out, B.BATCH, full=full))
        del resolution
        if reuse:
            from loaders.reuse_graph import REUSE_GRAPH, reuse_graphs

            def run_reuse():
                texts = B._texts(corpus, outcomes, folder / CACHE_FILE, ("auto", str(folder / "ocr")))
                with spool.writing(REUSE_GRAPH) as out:
                    reuse_graphs(corpus, outcomes, spool, None, texts=texts, out=out)
            stage("reuse", run_reuse)
        digest = hashlib.sha256()
        map_digest = hashlib.sha256()
        for g in sorted(spool):
            h = hashlib.sha256(spool[g].encode()).hexdigest()
            digest.update(f"{g} {h}\n".encode())
            if not g.endswith("graph/reuse"):
                map_digest.update(f"{g} {h}\n".encode())
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"corpus": str(corpus), "files": len(outcomes), "stages": rows, "largest_worker_mb": round(kids, 1),
            "map_digest": map_digest.hexdigest()[:16], "digest": digest.hexdigest()[:16],
            "load_average": round(os.getloadavg()[0], 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--profile", choices=("resolve", "map", "reuse"))
    ap.add_argument("--no-reuse", action="store_true")
    ap.add_argument("--map-cache", action="store_true", help="map into a fresh map cache too, as a build does")
    ap.add_argument("--kept", action="store_true", help="also the bytes a document resolution keeps (tracemalloc)")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # the child process
    ap.add_argument("--one-kept", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.corpora[0], args.profile, not args.no_reuse, args.map_cache)))
        return
    if args.one_kept:
        print(json.dumps(kept_bytes(args.corpora[0])))
        return
    for corpus in args.corpora:
        prepare(corpus)
        cmd = [sys.executable, __file__, str(corpus), "--one"] + (["--no-reuse"] if args.no_reuse else [])
        cmd += ["--map-cache"] if args.map_cache else []
        cmd += ["--profile", args.profile] if args.profile else []
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        lines = done.stdout.strip().splitlines()
        if args.profile:
            print("\n".join(lines[:-1]))
        r = json.loads(lines[-1])
        print(f"{r['files']:>7} files  load {r['load_average']}  map digest {r['map_digest']}  "
              f"all {r['digest']}  largest worker {r['largest_worker_mb']} MB")
        for name, s in r["stages"].items():
            per = 1000 * s["cpu"] / max(r["files"], 1)
            print(f"    {name:8} wall {s['wall']:7.2f} s  CPU {s['cpu']:7.2f} s ({per:.2f} ms/file)  "
                  f"peak {s['peak_mb']:7.1f} MB (before {s['rss_before_mb']:.1f})")
        if args.kept:
            done = subprocess.run([sys.executable, __file__, str(corpus), "--one-kept"], check=True,
                                  capture_output=True, text=True)
            k = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"    kept by resolution: {k['kept_bytes_per_doc']} bytes a document (records "
                  f"{k['records_bytes_per_doc']}, resolution {k['resolution_bytes_per_doc']}; {k['slim']} slim records)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
