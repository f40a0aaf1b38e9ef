"""The validation of an add: CPU of each part when documents are added to a built store (issue 15).

    .venv/bin/python bench/validate_add.py --base bench/corpus/1000 --added bench/corpus/added-1000 \
        --store bench/corpus/valadd-1000 [--keep]

Builds ``--base`` into ``--store`` (unless ``--keep`` and it exists), copies that store to
``--store``-add, and builds the base plus ``--added`` (hard links under added/, as bench/run.py
--add does) into the copy, in this process, with the validation profiled: prints the validate
stage's wall and CPU seconds (this process and its children, the per-batch checks run in forked
children), the CPU of the per-batch pass, of the corpus-wide checks and of the rest (planning,
locating, the memo), what the memo planned (files checked again; corpus-wide checks run whole, over
the focus nodes a change reaches, or kept; results located), and the load average. The copy keeps
the built store unchanged: run it again with ``--keep`` to measure another version of the code.

``--replay``: the add's validation alone, again, on the store the last run left (``--store``-add):
the run saves the memo as it was before the validation, the graphs' names, digests and the texts
the validation read (``--store``-add/replay.pickle); a replay restores that memo and validates the
same graphs, so another version of the validation code is measured in seconds, not a whole add
(at 100,000 documents the add's other stages cost minutes). It prints whether the results equal
those of the recorded run.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Mapping

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import grown_corpus  # noqa: E402


def cpu_seconds() -> float:
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


class _Plans(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("SHACL"):
            self.lines.append(message)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--added", type=Path, required=True)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--keep", action="store_true", help="keep an existing store built from --base")
    ap.add_argument("--out", type=Path, help="write the figures here as JSON")
    ap.add_argument("--cprofile", type=int, default=0, help="print this many functions of this process by CPU")
    ap.add_argument("--replay", action="store_true", help="only the add's validation, again (see above)")
    ap.add_argument("--whole", action="store_true",
                    help="with --replay: also validate the whole store (no memo) and compare the results")
    ap.add_argument("--checks", action="store_true",
                    help="print every corpus-wide check: run whole, kept, or its focus nodes, with its CPU")
    ap.add_argument("--scope-format", metavar="F", help="with --replay: run as if validate_scope.FORMAT were F "
                    "(the recorded memo's), the checks' bounds computed by this code: a change of how the checks "
                    "are bounded measured on an add recorded before it (not exact where the kept lines differ)")
    ap.add_argument("--in-place", action="store_true",
                    help="add into --store itself (a private copy: one 100,000 store copy, not two)")
    args = ap.parse_args(argv)
    from loaders import build as b

    if args.checks:
        _planned(args)
    if args.replay:
        return replay(args)

    if not (args.keep and (args.store / "build-report.json").exists()):
        shutil.rmtree(args.store, ignore_errors=True)
        b.build(args.base, args.store, progress=False)
    target = _target(args)
    if not args.in_place:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(args.store, target)
    grown = grown_corpus(args.base, args.added, args.store.with_name(args.store.name + "-grown"))
    profile: dict[str, float] = {}
    figures: dict = {}
    from loaders.validate import validate_batches

    def profiled(batches, shared, store, **kw):  # the build's own call, with a profile
        batches, saved = _recording(list(batches), kw["digest"])
        shutil.copyfile(kw["memo"], target / "memo-before.sqlite")
        wall, cpu = time.perf_counter(), cpu_seconds()
        a = (batches, shared, store)
        if args.cprofile:
            import cProfile
            import pstats
            with cProfile.Profile(time.process_time) as prof:
                report = validate_batches(*a, **kw, profile=profile)
            pstats.Stats(prof).sort_stats("tottime").print_stats(args.cprofile)
        else:
            report = validate_batches(*a, **kw, profile=profile)
        figures.update(wall_seconds=round(time.perf_counter() - wall, 2), cpu_seconds=round(cpu_seconds() - cpu, 2))
        with open(target / "replay.pickle", "wb") as out:
            pickle.dump({**saved, "shared": dict(shared), "results": report.results, "also_read": kw.get("also_read"),
                         "merged_changes": kw.get("merged_changes", (None, None))}, out)
        return report

    class Profiled:
        """The build's BatchChecks, the whole validation run after the load (profiled as one)."""

        def __init__(self, batches, shared, store, later=False, **kw):
            self.given = (batches, shared, kw)
            self.again = {"shared": shared}  # what build.checks_rest reads

        def more(self, batches, count=None) -> None:  # build.checks_rest: all the batches, after reuse
            self.given = (batches, self.given[1], {**self.given[2], "count": count})

        def stop(self) -> None:
            pass

        def report(self, store, locate, progress, merged_changes=(None, None)):
            batches, shared, kw = self.given
            return profiled(batches, shared, store, locate=locate, progress=progress, merged_changes=merged_changes, **kw)

    plans = _Plans()
    for name in ("loaders.validate", "loaders.validate_scope"):
        logging.getLogger(name).addHandler(plans)
        logging.getLogger(name).setLevel(logging.INFO)
    checks = b.BatchChecks
    b.BatchChecks = Profiled
    try:
        report = b.build(grown, target, progress=False)
    finally:
        b.BatchChecks = checks
        shutil.rmtree(grown, ignore_errors=True)
    figures.update(stage_cpu=report.cpu_seconds.get("validate"), stage_wall=report.seconds.get("validate"))
    _print(figures, profile, plans, report.validation, args)
    return figures


def _print(figures: dict, profile: dict, plans: "_Plans", report, args) -> None:
    from loaders.validate import MAIN_PART

    wide = sum(s for label, s in profile.items() if label.endswith("(corpus-wide)"))
    per_batch = sum(s for label, s in profile.items() if not label.endswith("(corpus-wide)") and not label.startswith(MAIN_PART))
    figures.update(per_batch_cpu=round(per_batch, 2), corpus_wide_cpu=round(wide, 2),
                   violations=report.violations, warnings=report.warnings,
                   plans=plans.lines, load_average=os.getloadavg())
    print(f"validate of the add: wall {figures['wall_seconds']} s, CPU {figures['cpu_seconds']} s "
          f"(per-batch checks {per_batch:.2f} s, corpus-wide checks {wide:.2f} s); load average "
          f"{figures['load_average'][0]:.1f}")
    for line in plans.lines:
        print("  " + line)
    for label, seconds in sorted(profile.items(), key=lambda i: -i[1])[:20]:
        print(f"  {seconds:8.2f}  {label}")
    if getattr(args, "planned", None):
        _per_check(profile, args.planned)
    if args.out:
        args.out.write_text(json.dumps({**figures, "profile": profile}, indent=1) + "\n")


def _planned(args) -> None:
    """validate_scope.plan wrapped: what it planned for each corpus-wide check kept in ``args.planned``."""
    from loaders import validate_scope

    args.planned = []
    plan = validate_scope.plan

    def recorded(*a, **kw):
        found = plan(*a, **kw)
        args.planned.append(found)
        return found
    validate_scope.plan = recorded


def _per_check(profile: dict, planned: list) -> None:
    """Each corpus-wide check of the plan: how it ran (whole, kept, or over N focus nodes) and its CPU."""
    from loaders.validate import check_label
    from loaders.validate_scope import check_key

    rows = []
    for found in planned:
        rows += [(check_label(check), "whole") for _, check in found.whole]
        rows += [(check_label(check), f"{len(nodes)} nodes") for _, check, _, nodes in found.scoped]
        rows += [(key[:12], "kept") for key in found.kept]
    print("corpus-wide checks: CPU s, how run")
    for label, how in sorted(rows, key=lambda r: -profile.get(f"{r[0]} (corpus-wide)", 0.0)):
        if how != "kept":
            print(f"  {profile.get(f'{label} (corpus-wide)', 0.0):8.3f}  {how:>12}  {label}")
    print(f"  (kept: {sum(how == 'kept' for _, how in rows)})")


def _target(args) -> Path:
    return args.store if args.in_place else args.store.with_name(args.store.name + "-add")


class _Recorded(Mapping):
    """A batch of graphs whose texts are kept as they are read (for a replay)."""

    def __init__(self, graphs: Mapping[str, str], texts: dict):
        self.graphs, self.texts = graphs, texts

    def __getitem__(self, g: str) -> str:
        if g not in self.texts:
            self.texts[g] = self.graphs[g]
        return self.texts[g]

    def __iter__(self):
        return iter(self.graphs)

    def __len__(self) -> int:
        return len(self.graphs)


def _recording(batches: list, digest) -> tuple[list, dict]:
    texts: dict[str, str] = {}
    saved = {"names": [list(b) for b in batches], "digests": {g: digest(g) for b in batches for g in b},
             "texts": texts}
    return [_Recorded(b, texts) for b in batches], saved


class _Replayed(Mapping):
    def __init__(self, names: list, texts: dict):
        self.names, self.texts = names, texts

    def __getitem__(self, g: str) -> str:
        if g not in self.texts:
            raise KeyError(f"{g}: its text was not read by the recorded run")
        return self.texts[g]

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def replay(args) -> dict:
    from directive_kg.doc_tables import SPECS
    from directive_kg.listing_delta import specs as listing_specs
    from directive_kg.table_delta import predicates
    from loaders.store import open_store
    from loaders.validate import validate_batches
    from loaders.validate_memo import MEMO_FILE

    target = _target(args)
    with open(target / "replay.pickle", "rb") as given:
        saved = pickle.load(given)
    shutil.copyfile(target / "memo-before.sqlite", target / MEMO_FILE)
    if args.scope_format:
        import sqlite3

        from loaders import validate_scope

        validate_scope.FORMAT = args.scope_format
        with sqlite3.connect(target / MEMO_FILE) as db:  # the bounds kept under that version: this code's instead
            db.execute("DELETE FROM meta WHERE k = 'bounds'")
    plans = _Plans()
    for name in ("loaders.validate", "loaders.validate_scope"):
        logging.getLogger(name).addHandler(plans)
        logging.getLogger(name).setLevel(logging.INFO)
    batches = [_Replayed(names, saved["texts"]) for names in saved["names"]]
    profile: dict[str, float] = {}
    with open_store(target, read_only=True) as kg:
        wall, cpu = time.perf_counter(), cpu_seconds()
        # also_read as the build gave it: the memo's version depends on it (another: every graph checked)
        also_read = saved["also_read"] if "also_read" in saved else predicates([*SPECS.values(), *listing_specs()])
        kw = dict(locate=kg, count=len(batches), memo=target / MEMO_FILE, digest=saved["digests"].__getitem__,
                  profile=profile, also_read=also_read, merged_changes=saved.get("merged_changes", (None, None)))
        if args.cprofile:
            import cProfile
            import pstats
            with cProfile.Profile(time.process_time) as prof:
                report = validate_batches(batches, saved["shared"], kg.store, **kw)
            pstats.Stats(prof).sort_stats("tottime").print_stats(args.cprofile)
        else:
            report = validate_batches(batches, saved["shared"], kg.store, **kw)
        figures = {"wall_seconds": round(time.perf_counter() - wall, 2), "cpu_seconds": round(cpu_seconds() - cpu, 2)}
        if args.whole:  # the reference: every check on the whole store, every result located
            from loaders.validate import validate

            whole = validate(kg.store, locate=kg)
            figures["same_results_as_whole"] = whole.results == report.results
            print(f"whole validation: {len(whole.results)} results, the same as the add's: "
                  f"{figures['same_results_as_whole']}")
    same = report.results == saved["results"]
    figures["same_results_as_recorded"] = same
    print(f"replay: {len(report.results)} results, the same as the recorded run's: {same}")
    if not same:
        old, new = set(saved["results"]), set(report.results)
        for r in sorted(old - new, key=str)[:5]:
            print("  only recorded:", r)
        for r in sorted(new - old, key=str)[:5]:
            print("  only now:", r)
    _print(figures, profile, plans, report, args)
    return figures


if __name__ == "__main__":
    main()
