"""A copy of a corpus where dates disagree, as in real collections (issue #15: a document with two
eli:date_document was a SHACL violation):

- every EVERY-th file is also saved as NAME.mirror.txt with another day in its own date line (the same
  document saved from a second website, one of them with a typo);
- every EVERY-th file from EVERY/2 on states another day in its first citation date ("ngày 3/3/2020").

    python bench/date_collisions.py SOURCE OUT [--every 50]
Texts only (gold files are not copied: they would not describe the changed files). Prints what it changed.
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

OWN_DATE = re.compile(r"(ngày )(\d{1,2})( tháng)")
CITED_DATE = re.compile(r"(ngày )(\d{1,2})(/\d{1,2}/\d{4})")


def other_day(day: str) -> str:
    return f"{int(day) % 27 + 1:02d}" if int(day) % 27 + 1 != int(day) else "28"


def redate(text: str, pattern: re.Pattern) -> str | None:
    """``text`` with another day in the first match of ``pattern``; None when there is none."""
    m = pattern.search(text)
    if not m:
        return None
    return text[:m.start(2)] + other_day(m.group(2)) + text[m.end(2):]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--every", type=int, default=50)
    args = ap.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    mirrors = cited = 0
    for i, path in enumerate(sorted(args.source.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        (args.out / path.name).write_text(text, encoding="utf-8")
        if i % args.every == 0 and (changed := redate(text, OWN_DATE)):
            (args.out / f"{path.stem}.mirror.txt").write_text(changed, encoding="utf-8")
            mirrors += 1
        elif i % args.every == args.every // 2 and (changed := redate(text, CITED_DATE)):
            (args.out / path.name).write_text(changed, encoding="utf-8")
            cited += 1
    print(f"{args.out}: {mirrors} files saved twice with another own date, {cited} citations with another date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
