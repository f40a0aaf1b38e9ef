"""The reuse stage when files are added to a built corpus: a fresh run on the base corpus (warming the
caches kept next to the store), then the grown corpus with them, then the grown corpus fresh; CPU
(process tree) and wall seconds, what was recomputed, and whether the cached result equals the fresh one.

    .venv/bin/python bench/reuse_incremental.py bench/corpus/10000 bench/corpus/added-1000 [--stage graph]

--stage detect (default): loaders.reuse_graph.detect_incremental (the passages). --stage graph: the
whole stage, loaders.reuse_graph.reuse_graph (detection, the facts of the mapped graphs, the N-Triples
with their quotes, reuse-lines.sqlite), each file its own document in its own mapped graph; the
graphs compared by sha256 of their lines, sorted (which graph holds a pair may differ: graph_of).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loaders import identity as ids  # noqa: E402
from loaders.reuse_graph import DKG, detect_incremental, reuse_graph  # noqa: E402


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _texts(folder: Path, prefix: str = "") -> dict[str, str]:
    return {prefix + f.name: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))}


class Graphs(Mapping):
    """One mapped graph a file (its dkg:sourceFile line), with the content hash a build's graphs offer."""

    def __init__(self, names):
        self.text = {f"g/{n}": f"<{ids.ID}doc/{n}> <{DKG}sourceFile> <{ids.source_iri(n)}> .\n" for n in names}

    def __getitem__(self, g):
        return self.text[g]

    def __iter__(self):
        return iter(self.text)

    def __len__(self):
        return len(self.text)

    def digest(self, g):
        return hashlib.sha256(self.text[g].encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("added", type=Path)
    ap.add_argument("--no-fresh", action="store_true", help="skip the fresh run of the grown corpus")
    ap.add_argument("--stage", choices=("detect", "graph"), default="detect")
    args = ap.parse_args()
    base = _texts(args.base)
    grown = {**base, **_texts(args.added, "added/")}
    work = Path(__file__).resolve().parent / "corpus"  # gitignored; never the (maybe read-only) corpus folder
    work.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        store = Path(tmp)
        results = {}
        for label, texts, where in (("base, fresh", base, store), ("grown, cached", grown, store),
                                    ("grown, fresh", grown, None)):
            if label == "grown, fresh" and args.no_fresh:
                continue
            w, c = time.perf_counter(), _cpu()
            if args.stage == "graph":
                text, stats = reuse_graph(texts, Graphs(texts), where)
                # the lines, sorted: an add puts a pair of an added and an old file in the added file's graph
                results[label] = hashlib.sha256("\n".join(sorted(text.splitlines())).encode()).hexdigest()
                stats["triples"], stats["sha256"] = text.count("\n"), results[label][:16]
            else:
                results[label], stats = detect_incremental(texts, where / "reuse-cache.pickle" if where else None)
            print(f"{label:14} wall {time.perf_counter() - w:7.2f} s  CPU {_cpu() - c:7.2f} s  {stats}  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
        if "grown, fresh" in results:
            print("cached == fresh:", results["grown, cached"] == results["grown, fresh"])


if __name__ == "__main__":
    main()
