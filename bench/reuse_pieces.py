#!/usr/bin/env python3
"""bench/add_profile.py with CPU timers (time.process_time: this process only, not the reuse worker) around
the pieces of loaders.reuse_graph the reuse stage's main process runs: what each costs without cProfile's
overhead (about 1.5-2x on this code, more on many small calls).

    python bench/reuse_pieces.py [--code CHECKOUT] GROWN STORE-COPY --restamp --no-profile

--code: another checkout whose loaders and bench are timed (old code, run with this venv; its workers get
its sys.path). A generator's time is that spent in it (file_graphs includes _written and the map-cache
asks, not what the caller does with each graph)."""
from __future__ import annotations

import inspect
import sys
import time
from collections import defaultdict
from pathlib import Path

PIECES = ("_load_cache", "_save_cache", "_packed", "_detected", "detect", "documents_and_edges", "file_graphs",
          "_written", "_filtered", "_stats", "_gram_counts", "_named_pairs", "_owners", "_common_keys", "_moved",
          "_fingerprint", "align_all", "tokenise_all", "write_passages", "_write_pickle", "_load_memo")


def timed(name: str, f, spent: dict, calls: dict):
    if inspect.isgeneratorfunction(f):
        def generator(*a, **k):
            it = f(*a, **k)
            while True:
                t = time.process_time()
                try:
                    x = next(it)
                except StopIteration:
                    spent[name] += time.process_time() - t
                    calls[name] += 1
                    return
                spent[name] += time.process_time() - t
                yield x
        return generator

    def function(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            spent[name] += time.process_time() - t
            calls[name] += 1
    return function


def with_code(argv: list[str]) -> list[str]:
    """``--code CHECKOUT`` at the front of argv: that checkout's loaders and bench first on sys.path (else this
    one's); the rest of argv."""
    code = Path(__file__).resolve().parent.parent
    if argv[:1] == ["--code"]:
        code, argv = Path(argv[1]).resolve(), argv[2:]
    sys.path[:0] = [str(code), str(code / "bench")]
    return argv


def main() -> None:
    argv = with_code(sys.argv[1:])
    import loaders.reuse_graph as rg
    import add_profile

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for name in PIECES:
        if hasattr(rg, name):
            setattr(rg, name, timed(name, getattr(rg, name), spent, calls))
    add_profile.main(argv)
    for name in sorted(spent, key=spent.get, reverse=True):
        print(f"  piece {name:20} {spent[name]:7.2f} s CPU  ({calls[name]} calls)")


if __name__ == "__main__":
    main()
