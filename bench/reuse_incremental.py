"""The reuse stage's detection when files are added to a built corpus: a fresh run on the base corpus
(warming the cache), then the grown corpus with that cache, then the grown corpus fresh; CPU (process
tree) and wall seconds, what was recomputed, and whether the cached result equals the fresh one.

    .venv/bin/python bench/reuse_incremental.py bench/corpus/10000 bench/corpus/added-1000
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loaders.reuse_graph import detect_incremental  # noqa: E402


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _texts(folder: Path, prefix: str = "") -> dict[str, str]:
    return {prefix + f.name: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("added", type=Path)
    ap.add_argument("--no-fresh", action="store_true", help="skip the fresh run of the grown corpus")
    args = ap.parse_args()
    base = _texts(args.base)
    grown = {**base, **_texts(args.added, "added/")}
    with tempfile.TemporaryDirectory(dir=args.base.parent) as tmp:
        cache = Path(tmp) / "reuse-cache.pickle"
        results = {}
        for label, texts, path in (("base, fresh", base, cache), ("grown, cached", grown, cache),
                                   ("grown, fresh", grown, None)):
            if label == "grown, fresh" and args.no_fresh:
                continue
            w, c = time.perf_counter(), _cpu()
            passages, stats = detect_incremental(texts, path)
            results[label] = passages
            print(f"{label:14} wall {time.perf_counter() - w:7.2f} s  CPU {_cpu() - c:7.2f} s  {stats}  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
        if "grown, fresh" in results:
            print("cached == fresh:", results["grown, cached"] == results["grown, fresh"])


if __name__ == "__main__":
    main()
