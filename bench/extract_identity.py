"""Byte-identity check of `directive-kg extract --format jsonl` against saved outputs: run once with
``--save DIR`` before a change, then with ``--check DIR`` after it (DIR outside the repository).

    .venv/bin/python bench/extract_identity.py --save /tmp/extract-before
    .venv/bin/python bench/extract_identity.py --check /tmp/extract-before

Sets: data/documents, /work/shared/seeds, /work/shared/corpus, the first N .txt files of
bench/corpus/10000 (``--bench-corpus``, default this worktree's, else /work/main's). Prints the files
compared, the differing lines, and the CPU seconds of each run.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "directive-kg"


def _sets(bench_corpus: Path, first: int) -> dict[str, list[Path]]:
    sets = {"documents": sorted((ROOT / "data" / "documents").glob("*.txt"))}
    for name in ("seeds", "corpus"):
        folder = Path("/work/shared") / name
        if folder.is_dir():
            sets[name] = sorted(folder.glob("*.txt"))
    if bench_corpus.is_dir():
        sets[f"bench{first}"] = sorted(bench_corpus.glob("*.txt"))[:first]
    return sets


def _extract(files: list[Path]) -> tuple[bytes, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([str(CLI), "extract", "--format", "jsonl", "--ocr", "never", *map(str, files)],
                         capture_output=True, check=False).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path)
    mode.add_argument("--check", type=Path)
    default = ROOT / "bench" / "corpus" / "10000"
    if not default.is_dir():
        default = Path("/work/main/bench/corpus/10000")
    ap.add_argument("--bench-corpus", type=Path, default=default)
    ap.add_argument("--first", type=int, default=2000)
    args = ap.parse_args(argv)
    folder = args.save or args.check
    folder.mkdir(parents=True, exist_ok=True)
    total_files = total_diff = 0
    for name, files in _sets(args.bench_corpus, args.first).items():
        start = time.perf_counter()
        out, cpu = _extract(files)
        wall = time.perf_counter() - start
        saved = folder / f"{name}.jsonl"
        if args.save:
            saved.write_bytes(out)
            print(f"{name}: {len(files)} files saved, {cpu:.1f} s CPU, {wall:.1f} s wall")
            continue
        old, new = saved.read_bytes().splitlines(), out.splitlines()
        diff = sum(a != b for a, b in zip(old, new)) + abs(len(old) - len(new))
        total_files += len(files)
        total_diff += diff
        print(f"{name}: {len(files)} files, {len(new)} lines, {diff} differing, {cpu:.1f} s CPU, {wall:.1f} s wall")
    if args.check:
        print(f"total: {total_files} files compared, {total_diff} differing lines")
    return 1 if total_diff else 0


if __name__ == "__main__":
    sys.exit(main())
