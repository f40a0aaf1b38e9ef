"""What a validation batch pays for the shared graphs parsed into its store (issue 15).

    .venv/bin/python bench/batch_shared.py STORE [--batch 1000] [--batches 3] [--others 1] [--small]

For a few batches of a built store's graphs (as the build batches them: loaders.build.validation_batches),
each checked in a fork of the shared graphs' store as validate._BatchRunner does, the CPU seconds of:
the target blocks marked the old way (each block read in the union of the shared graphs and the
batch), the same marked by validate._BatchTargets.mark (the shared graphs' part found once, by
prepare), whether both marked the same nodes, and each screen and check of the batch (its profile
labels). ``--small``: the same again with the corpus graph cut to the lines whose subject the batch
names (the shared graph "smaller": what grows with it shows as the difference). CPU, not wall: the
machine may be shared.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

from loaders import identity as ids  # noqa: E402
from loaders.build import STATIC_GRAPHS, validation_batches  # noqa: E402
from loaders.spool import is_file_graph  # noqa: E402
from loaders.store import open_store  # noqa: E402
from loaders.validate import (BATCH_DATA, BATCH_SHARED, BATCH_TARGETS, SHARED_TARGETS, TARGET_OF,  # noqa: E402
                              _add, _BatchTargets, _ClassClosure, _run_checks, _shared_store, _translated, _Within,
                              load_shapes, split_checks)
from validate_profile import StoreGraphs  # noqa: E402

OLD = "urn:x-directive-kg:bench-old-targets"


def old_marks(mem: ox.Store, blocks) -> dict[int, float]:
    """Each block marked as before this change: read in the union of both graphs (CPU s a block)."""
    dataset = f"USING <{BATCH_SHARED}> USING <{BATCH_DATA}> USING NAMED <{BATCH_DATA}>"
    spent = {}
    for k, block in enumerate(blocks):
        cpu = time.thread_time()
        mem.update(f"INSERT {{ GRAPH <{OLD}> {{ ?this <{TARGET_OF}{k}> true }} }} {dataset} WHERE {block}")
        spent[k] = time.thread_time() - cpu
    return spent


def marked(mem: ox.Store, graph: str) -> set:
    return {(str(q.subject), str(q.predicate)) for q in mem.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def one_batch(base: ox.Store, targets, graphs: dict, new_first: bool) -> dict:
    """In a fork of ``base``: the batch loaded, its targets marked both ways, its checks run."""
    mem = base
    _add(mem, graphs, [ox.NamedNode(BATCH_DATA)])
    out = {}
    for way in (["new", "old"] if new_first else ["old", "new"]):
        cpu = time.thread_time()
        if way == "old":
            out["old_by_block"] = old_marks(mem, targets.blocks)
        else:
            targets.mark(mem)
        out[way] = time.thread_time() - cpu
    old, new = marked(mem, OLD), marked(mem, BATCH_TARGETS)
    out["equal"], out["nodes"] = old == new, len(new)
    mem.update(f"DROP GRAPH <{OLD}>")
    profile: dict = {}
    _run_checks(mem, targets.checks, {}, profile=profile, default_graph=[ox.NamedNode(BATCH_SHARED), ox.NamedNode(BATCH_DATA)])
    out["profile"] = profile
    return out


def in_fork(fn, *args):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        with os.fdopen(write, "wb") as out:
            pickle.dump(fn(*args), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as given:
        found = pickle.load(given)
    os.waitpid(pid, 0)
    return found


def smaller(shared: dict, graphs: dict) -> dict:
    """The shared graphs with the corpus graph cut to the lines whose subject the batch names."""
    named = set()
    for text in graphs.values():
        for line in text.splitlines():
            parts = line.split(" ", 3)
            if len(parts) > 2:
                named.add(parts[0])
                named.add(parts[2])
    cut = dict(shared)
    cut[ids.CORPUS_GRAPH] = "".join(line + "\n" for line in shared[ids.CORPUS_GRAPH].splitlines()
                                    if line.split(" ", 1)[0] in named)
    return cut


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--batches", type=int, default=3, help="file batches measured (the first ones)")
    ap.add_argument("--others", type=int, default=1, help="batches of the other graphs (text reuse) measured")
    ap.add_argument("--small", action="store_true", help="also with the corpus graph cut to the batch's subjects")
    args = ap.parse_args(argv)
    with open_store(args.store, read_only=True) as kg:
        graphs = StoreGraphs(kg.store)
        shared = {g: graphs[g] for g in (ids.CORPUS_GRAPH, *STATIC_GRAPHS) if g in graphs.names}
        names = validation_batches(graphs, shared, args.batch)
        files = [n for n in names if is_file_graph(n[0])][:args.batches]
        others = [n for n in names if not is_file_graph(n[0])][:args.others]
        chosen = [{g: graphs[g] for g in group} for group in files + others]
    asked = _shared_store(shared, None)  # the checks translated on the shared graphs, as beside a load
    sg = load_shapes()
    translated, _ = _translated(sg, _ClassClosure(_Within(asked, BATCH_SHARED)))
    del asked
    targets = _BatchTargets.of(split_checks(sg, translated)[0])
    print(json.dumps({"corpus_graph_lines": shared[ids.CORPUS_GRAPH].count("\n"), "blocks": len(targets.blocks),
                      "batches": [len(b) for b in chosen], "load_average": os.getloadavg()}))
    variants = [("whole", lambda batch: shared)] + ([("small", lambda batch: smaller(shared, batch))] if args.small else [])
    for i, batch in enumerate(chosen):
        for name, shared_of in variants:
            given = shared_of(batch)
            base = _shared_store(given, None)
            cpu = time.process_time()
            targets.prepare(base)
            prepared = time.process_time() - cpu
            found = in_fork(one_batch, base, targets, batch, i % 2 == 1)
            found["prepare"] = prepared
            found["shared_targets"] = sum(1 for _ in base.quads_for_pattern(None, None, None, ox.NamedNode(SHARED_TARGETS)))
            del base
            prof = found.pop("profile")
            by_block = found.pop("old_by_block")
            top = sorted(prof.items(), key=lambda kv: -kv[1])[:8]
            print(json.dumps({"batch": i, "graphs": len(batch), "shared": name, "corpus_lines": given[ids.CORPUS_GRAPH].count("\n"),
                              **{k: round(v, 4) if isinstance(v, float) else v for k, v in found.items()},
                              "old_blocks_top": sorted(((round(v, 4), k) for k, v in by_block.items()), reverse=True)[:5],
                              "checks_total": round(sum(prof.values()), 3),
                              "checks_top": [(round(v, 3), k) for k, v in top], "load": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
