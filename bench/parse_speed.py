"""Documents per second of `extract` on the seed-sized documents in data/documents (one core).

Usage: python bench/parse_speed.py [--seconds 3]
"""
from __future__ import annotations

import argparse
import time

from loaders.extract import extract
from loaders.paths import DOCUMENTS
from loaders.text import SourceText


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt"))]
    for t in texts:  # warm the caches (code lists, compiled patterns)
        extract(SourceText.from_text(t), "<warm>")
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for t in texts:
            extract(SourceText.from_text(t), "<bench>")
        done += len(texts)
    elapsed = time.perf_counter() - start
    size = sum(map(len, texts)) / len(texts)
    print(f"{done / elapsed:.0f} documents/s ({len(texts)} documents, mean {size:.0f} characters, {elapsed:.1f} s)")


if __name__ == "__main__":
    main()
