#!/usr/bin/env python3
"""CPU seconds of resolve() over the records of a corpus, phase by phase (what an add's map stage spends
resolving every record again: resolution is not incremental yet), and an A/B against another version
of loaders/resolve.py on the same records, with whether the two Resolutions are equal.

    python bench/resolve_phases.py CORPUS STORE [--base OTHER/loaders/resolve.py] [--repeats 3]

STORE: a built store whose extraction cache holds CORPUS's records (a copy: the read stage keeps its
slim records beside the cache). No profiler: each phase function is wrapped with a CPU timer; a phase
called once a record (_resolved_document, _loaded_identities, _add_loaded) is summed. With --base the
two versions run alternately (the machine's load changes between minutes) and the minimum of each
is printed; the Resolutions are compared field by field (documents, nodes with their order, bodies,
stats, conflicts).

Branch addres (2026-12-07 08:30-08:41, load average 30-38, CPU s, min of 4 alternated, main d817e01
-> addres, 10k + 1,000 of bench/run.py grown_corpus): resolve 1.20 -> 1.14, Resolutions equal. Phases
of main (1.20 s in all): _resolved_document 0.23, _settle_issuers 0.14, _by_issuer_subject 0.12 (+ its
_SubjectIndex 0.06), _settle_dates 0.08, _add_loaded 0.07, _merge_bodies 0.06, _claims, _loaded_identities,
_mentions, _by_number 0.05 each, _known_years, _date_claims 0.04: no phase dominates; each is a pass over
every record, mention or node, so only an incremental resolution makes an add's map grow with the files
added (bench/README.md, issue 15: an add's read and map).
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cpu_timed import cpu_timed  # noqa: E402
from loaders import build  # noqa: E402
from loaders import resolve as this_resolve  # noqa: E402

PHASES = ("_Names", "_loaded_identities", "_mentions", "_known_years", "_add_loaded", "_by_number",
          "_by_issuer_date_type", "_SubjectIndex", "_by_issuer_subject", "_unresolved", "_resolved_document",
          "_merge_bodies", "_claims", "_settle_issuers", "_date_claims", "_settle_dates", "_stats")
FIELDS = ("documents", "nodes", "bodies", "stats", "conflicts", "date_conflicts")


def load_module(path: Path):
    """Another version of loaders/resolve.py, as a module of its own (it imports this tree's other modules)."""
    spec = importlib.util.spec_from_file_location("resolve_base", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["resolve_base"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def timed_phases(module) -> dict[str, float]:
    """Wrap ``module``'s phase functions with a CPU timer; the dict they add their seconds to."""
    spent: dict[str, float] = defaultdict(float)
    for name in PHASES:
        if hasattr(module, name):
            setattr(module, name, cpu_timed(spent, name, getattr(module, name)))
    return spent


def plain(x):
    """``x`` with every dataclass as (its class name, its compared fields): two modules' classes compare
    by value. A dict's order counts (the mapper follows it)."""
    if dataclasses.is_dataclass(x):
        return (type(x).__name__, *(plain(getattr(x, f.name)) for f in dataclasses.fields(x) if f.compare))
    if isinstance(x, dict):
        return tuple((k, plain(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return tuple(map(plain, x))
    return x


def same(a, b) -> list[str]:
    """The fields in which two Resolutions differ."""
    return [f for f in FIELDS if plain(getattr(a, f)) != plain(getattr(b, f))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--base", type=Path, help="another loaders/resolve.py to compare with")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    _, loaded, _ = build.read_stage(args.corpus, args.store, 2, build._Progress(False), build.FILE_TIMEOUT,
                                    ("auto", str(args.store / "ocr-cache")))
    versions = {"this": this_resolve}
    if args.base:
        versions = {"base": load_module(args.base), **versions}
    spent = {name: timed_phases(m) for name, m in versions.items()}
    gc.disable()  # as the build does while it maps (loaders.build._uncollected)
    totals: dict[str, list[float]] = defaultdict(list)
    phases: dict[str, dict[str, float]] = {}
    results = {}
    for _ in range(args.repeats):
        for name, module in versions.items():
            spent[name].clear()
            started = time.process_time()
            results[name] = module.resolve(loaded)
            totals[name].append(time.process_time() - started)
            if totals[name][-1] == min(totals[name]):
                phases[name] = dict(spent[name])
            gc.enable(); gc.collect(); gc.disable()
    print(f"{len(loaded)} records")
    for name in versions:
        shown = ", ".join(f"{p} {s:.2f}" for p, s in sorted(phases[name].items(), key=lambda e: -e[1]))
        print(f"  {name}: resolve CPU {min(totals[name]):.2f} s (runs {', '.join(f'{t:.2f}' for t in totals[name])}); {shown}")
    if args.base:
        differ = same(results["base"], results["this"])
        print("  Resolutions equal" if not differ else f"  Resolutions DIFFER in {', '.join(differ)}")


if __name__ == "__main__":
    main()
