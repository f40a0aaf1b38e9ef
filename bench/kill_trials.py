#!/usr/bin/env python3
"""Kill -9 trials: a build killed at a random moment, then the store is checked (issue 14).

For a full build (empty store) and an incremental build (a store built from 90 % of the corpus,
then the whole corpus), each trial starts `directive-kg build` in its own process group, kills the
group with SIGKILL at a moment drawn uniformly over the length of an uninterrupted build, then:

1. the store opens for writing (the killed build's lock is gone);
2. the saved query `documents` answers within 20 s, or says in one line that the store needs
   `directive-kg build` (exit status 1), never hangs;
3. the next build gives a graph identical to an uninterrupted build's (sorted N-Quads of the
   named graphs, as sha256).

    python bench/kill_trials.py [--docs 1000] [--trials 20] [--modes full,incremental] [--seed 1]

Prints one line a trial and a summary per mode; exit status 1 if any trial failed a check.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.store import open_store, sorted_nquads  # noqa: E402

QUERY_LIMIT = 20.0


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "directive_kg.cli", *args]


def build(corpus: Path, store: Path) -> float:
    started = time.monotonic()
    subprocess.run(cli("build", str(corpus), "--store", str(store), "--quiet"), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def digest(store: Path) -> str:
    with open_store(store) as kg:
        return hashlib.sha256(sorted_nquads(kg.store).encode("utf-8")).hexdigest()


def killed_build(corpus: Path, store: Path, after: float) -> bool:
    """Start a build, kill its process group after `after` s; False when it ended first."""
    proc = subprocess.Popen(cli("build", str(corpus), "--store", str(store), "--quiet"), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        gone(proc.pid)
        return True


def gone(group: int, limit: float = 10.0) -> None:
    """Wait until every process of ``group`` has exited: a forked child (validation's batch runner)
    holds the store's lock until it is gone, and opening the store before was a race of the harness."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def query(store: Path) -> tuple[str, float, str]:
    """('answered' | 'needs build' | 'FAILED', seconds, detail)."""
    started = time.monotonic()
    try:
        done = subprocess.run(cli("query", "documents", "--store", str(store), "--format", "csv",
                                  "--timeout", str(QUERY_LIMIT)),
                              capture_output=True, text=True, timeout=QUERY_LIMIT + 10)
    except subprocess.TimeoutExpired:
        return "FAILED", time.monotonic() - started, "no answer (hung)"
    seconds = time.monotonic() - started
    err = done.stderr.strip()
    if done.returncode == 0 and seconds <= QUERY_LIMIT:
        return "answered", seconds, f"{max(len(done.stdout.splitlines()) - 1, 0)} rows"
    if done.returncode == 1 and "directive-kg build" in err and len(err.splitlines()) == 1 and "Traceback" not in err:
        return "needs build", seconds, err
    return "FAILED", seconds, f"exit {done.returncode}: {err[-300:]}"


def opens(store: Path) -> bool:
    try:
        with open_store(store, read_only=False):
            return True
    except Exception as e:  # reported as a failed check
        print(f"    store does not open: {e}")
        return False


def trials(mode: str, corpus: Path, base: Path | None, reference: str, length: float, n: int, rng: random.Random,
           work: Path) -> list[dict]:
    out = []
    for i in range(n):
        store = work / f"{mode}-{i}"
        shutil.rmtree(store, ignore_errors=True)
        if base is not None:
            shutil.copytree(base, store)
        after = rng.uniform(0.0, length)
        killed = killed_build(corpus, store, after)
        ok_open = opens(store)
        outcome, seconds, detail = query(store) if (store / "oxigraph").is_dir() else ("no store yet", 0.0, "")
        rebuild = build(corpus, store)
        same = digest(store) == reference
        row = dict(after=after, killed=killed, opens=ok_open, query=outcome, query_s=seconds, rebuild_s=rebuild,
                   identical=same)
        print(f"  {mode:11} #{i + 1:2}  kill at {after:5.1f} s{'' if killed else ' (build had ended)'}: "
              f"opens {'yes' if ok_open else 'NO'}; query {outcome} in {seconds:.1f} s ({detail[:90]}); "
              f"next build {rebuild:.1f} s, graph {'identical' if same else 'DIFFERENT'}", flush=True)
        out.append(row)
        shutil.rmtree(store)
    return out


def summary(mode: str, rows: list[dict]) -> tuple[str, bool]:
    answered = sum(r["query"] == "answered" for r in rows)
    told = sum(r["query"] == "needs build" for r in rows)
    failed = sum(r["query"] == "FAILED" for r in rows) + sum(not r["opens"] or not r["identical"] for r in rows)
    slowest = max((r["query_s"] for r in rows), default=0.0)
    text = (f"{mode}: {len(rows)} trials ({sum(r['killed'] for r in rows)} killed mid-build); store opened "
            f"{sum(r['opens'] for r in rows)}/{len(rows)}; query answered {answered}, said 'needs build' {told}, "
            f"failed {sum(r['query'] == 'FAILED' for r in rows)}; slowest query {slowest:.1f} s; next build "
            f"identical {sum(r['identical'] for r in rows)}/{len(rows)} "
            f"(median {sorted(r['rebuild_s'] for r in rows)[len(rows) // 2]:.1f} s)")
    return text, failed == 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--trials", type=int, default=20, help="trials per mode (default 20)")
    ap.add_argument("--modes", default="full,incremental")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, help="working folder, kept (default: a temporary one, removed after); "
                    "a corpus, reference and base store already in it are reused")
    ap.add_argument("--within", type=float, help="kill within this many seconds (default: the length of an "
                    "uninterrupted build, measured; give it when the machine's load has changed)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.work or tempfile.mkdtemp(prefix="kill-trials-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus, part = work / "corpus", work / "part"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(args.docs), "--out",
                            str(corpus), "--no-gold"], check=True, stdout=subprocess.DEVNULL)
        if not part.is_dir():
            part.mkdir()
            for k, doc in enumerate(sorted(corpus.iterdir())):
                if k % 10:
                    os.link(doc, part / doc.name)
        measured = None if (work / "reference" / "build-report.json").exists() else build(corpus, work / "reference")
        length = args.within or measured or build(corpus, work / "timing-full")
        reference = digest(work / "reference")
        print(f"uninterrupted full build of {args.docs} documents: {length:.1f} s", flush=True)
        results = []
        for mode in args.modes.split(","):
            base = None
            if mode == "incremental":
                base = work / "base"
                if not (base / "build-report.json").exists():
                    build(part, base)
                length_mode = args.within
                if not length_mode:
                    shutil.copytree(base, work / "timing")
                    length_mode = build(corpus, work / "timing")
                    shutil.rmtree(work / "timing")
                print(f"uninterrupted incremental build (90 % -> 100 %): {length_mode:.1f} s", flush=True)
            else:
                length_mode = length
            results.append(summary(mode, trials(mode, corpus, base, reference, length_mode, args.trials, rng, work)))
        print()
        for text, _ in results:
            print(text)
        return 0 if all(ok for _, ok in results) else 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
