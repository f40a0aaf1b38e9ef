#!/usr/bin/env python3
"""Why the reuse stage grows faster than the corpus: the pairs a built store's reuse cache holds, and what
a lower limit of common shingles (Params.max_df_share) would leave of them.

    .venv/bin/python bench/reuse_candidates.py STORE [--shares 0.01,0.005,0]

STORE: a store folder built with text reuse (its reuse-cache.pickle). Prints the documents, pairs (linked by
a citation or not), passages and those shown (an unlinked pair's passages of mostly common shingles are
kept hidden), words aligned; then for each share: the limit (documents a shingle may be in and not be
common), the common shingles, the LSH candidates with that limit, how many of the cached unlinked pairs
are no longer candidates and how many shown passages they hold (what a lower limit would drop: a results
change, to be scored on the gold with bench/reuse.py before it is made), and the new candidates.
No text is read: the cached shingles and MinHash signatures are enough (seconds).
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.reuse import Params, Shingles, candidate_pairs, common_limit  # noqa: E402
from loaders.reuse_graph import CACHE_FILE, _gram_counts, _load_cache  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--shares", default="0.01,0.005,0", help="max_df_share values to try")
    args = ap.parse_args(argv)
    cache = _load_cache(args.store / CACHE_FILE, Params())
    names = list(cache["shingles"])
    if not names:
        sys.exit(f"no reuse cache of this version in {args.store}")
    pairs = cache["pairs"]
    unlinked = {p for p, entry in pairs.items() if not entry[0]}
    passages = sum(len(entry[1]) for entry in pairs.values())
    shown = sum(len(entry[1]) if entry[0] else len(entry[3]) for entry in pairs.values())
    words = sum(t[4] for entry in pairs.values() for t in entry[1])
    print(f"{len(names)} documents, {len(pairs)} pairs ({len(pairs) - len(unlinked)} linked), {passages} passages "
          f"({shown} shown), {words} words aligned")
    counts = _gram_counts({"shingles": cache["shingles"]}, names, names)
    shown_unlinked = sum(len(pairs[p][3]) for p in unlinked)
    for share in (float(s) for s in args.shares.split(",")):
        params = replace(Params(), max_df_share=share)
        t = time.process_time()
        common = counts.common(len(names), params)
        masked = Shingles.common_windows_all([cache["shingles"][s] for s in names], common, params)
        found = candidate_pairs([cache["signatures"][s][~m] for s, m in zip(names, masked)], params)
        candidates = {(min(names[i], names[j]), max(names[i], names[j])) for i, j in found.tolist()}
        dropped = [p for p in unlinked if p not in candidates]
        print(f"share {share}: limit {common_limit(len(names), params):.0f} documents, {len(common)} common shingles, "
              f"{len(candidates)} candidates; of the {len(unlinked)} unlinked pairs {len(dropped)} no longer candidates "
              f"(their shown passages: {sum(len(pairs[p][3]) for p in dropped)} of {shown_unlinked}); "
              f"{len(candidates - set(pairs))} new candidates  ({time.process_time() - t:.1f} CPU s)", flush=True)


if __name__ == "__main__":
    main()
