"""Adding documents to a built store: wall and CPU seconds per stage of the second build.

    .venv/bin/python bench/incremental.py --base bench/corpus/1000 --added bench/corpus/added-1000

Builds ``--base`` into a fresh store (unless ``--keep`` and the store exists), then builds the base
plus ``--added`` (hard links under added/, as bench/run.py --add does) into the same store, and
prints the stage times of that second build from its build-report.json (wall and CPU, this process
tree), the load average, and the sizes of the caches in the store folder. ``--repeat`` also times
a third build of the same files (nothing changed). ``--snapshot DIR``: the base store is copied to DIR
after its build, or copied from DIR when DIR exists (the add timed again on the same base, e.g. after a
change of the code; the base is built by the code of that first run).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import grown_corpus, measure_build  # noqa: E402


def _sizes(store: Path) -> dict[str, float]:
    """MB of each file or folder in the store folder except the database."""
    out = {}
    for entry in sorted(store.iterdir()):
        if entry.name == "oxigraph":
            continue
        files = [entry] if entry.is_file() else [f for f in entry.rglob("*") if f.is_file()]
        out[entry.name] = round(sum(f.stat().st_size for f in files) / 2**20, 2)
    return out


def _show(name: str, result: dict, cpu: dict) -> None:
    stages = result["stages"]
    print(f"{name}: wall {result['seconds']:.1f} s, CPU {result['cpu_seconds']:.1f} s, "
          f"peak {result['peak_tree_pss_mb']:.0f} MB, load average {os.getloadavg()[0]:.1f}")
    for stage, wall in stages.items():
        c = cpu.get(stage)
        print(f"  {stage:10} wall {wall:8.2f} s   CPU {c:8.2f} s" if c is not None else f"  {stage:10} wall {wall:8.2f} s")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--added", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=Path("bench/corpus/incremental-store"))
    ap.add_argument("--keep", action="store_true", help="keep an existing store built from --base")
    ap.add_argument("--repeat", action="store_true", help="also time a rebuild with nothing changed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, help="write the figures here as JSON")
    ap.add_argument("--snapshot", type=Path, help="a copy of the base store: made after its build, or the "
                    "base when it exists")
    args = ap.parse_args(argv)
    figures: dict = {}
    report = args.store / "build-report.json"
    if args.snapshot and args.snapshot.exists():
        shutil.rmtree(args.store, ignore_errors=True)
        shutil.copytree(args.snapshot, args.store)
    elif not (args.keep and report.exists()):
        first = measure_build(args.base, args.store, args.jobs, None, fresh=True)
        figures["base"] = {**first, "cpu": json.loads(report.read_text())["cpu_seconds"]}
        _show(f"build of {args.base}", first, figures["base"]["cpu"])
        if args.snapshot:
            shutil.copytree(args.store, args.snapshot)
    grown = grown_corpus(args.base, args.added, args.store.parent / f"{args.store.name}-grown")
    try:
        runs = ["add"] + (["repeat"] if args.repeat else [])
        for run in runs:
            result = measure_build(grown, args.store, args.jobs, None, fresh=False)
            figures[run] = {**result, "cpu": json.loads(report.read_text()).get("cpu_seconds", {})}
            _show(f"{run}: {args.added} added to {args.base}" if run == "add" else "rebuild, nothing changed",
                  result, figures[run]["cpu"])
    finally:
        shutil.rmtree(grown, ignore_errors=True)
    figures["cache_mb"] = _sizes(args.store)
    print("store folder (MB, without the database):", figures["cache_mb"])
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1, default=str) + "\n")
    return figures


if __name__ == "__main__":
    main()
