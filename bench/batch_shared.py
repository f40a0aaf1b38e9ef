"""What a validation batch pays for the shared graphs parsed into its store (issue 15).

    .venv/bin/python bench/batch_shared.py STORE [--batch 1000] [--batches 3] [--others 1] [--small]

For a few batches of a built store's graphs (as the build batches them: loaders.build.validation_batches),
each checked in a fork of the shared graphs' store as validate._BatchRunner does, the CPU seconds of:
the target blocks marked as validate._BatchTargets.mark does (each block read in the union of the
shared graphs and the batch), the same split (tried, dropped: each block's nodes in the shared graphs
found once, before the batches, and kept where the batch describes them; the batch's read alone),
whether both marked the same nodes; each screen as it ran before (its groups read in the union) and
as validate._screened runs it (its groups naming a predicate of the shared graphs opened by the
batch's targets), whether they return the same nodes; each screen and check of the batch (their
profile labels). ``--small``: the same again with the corpus graph cut to the lines whose subject the batch
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
from loaders.validate import (_BATCH_LOOKUP, _FUNCTIONS, BATCH_DATA, BATCH_SHARED,  # noqa: E402
                              BATCH_TARGETS, TARGET_OF, _add, _BatchTargets, _ClassClosure, _predicates, _run_checks,
                              _shared_store, _target_text, _translated, _Within, load_shapes, split_checks)
from loaders.shacl_sparql import _IRI, screen_query  # noqa: E402
from loaders.validate_scope import bound_to_focus  # noqa: E402
from validate_profile import StoreGraphs  # noqa: E402

SPLIT = "urn:x-directive-kg:bench-split-targets"
SHARED_TARGETS = "urn:x-directive-kg:bench-shared-targets"
_IN_BATCH = f"FILTER EXISTS {{ GRAPH <{BATCH_DATA}> {{ ?this ?batch_p ?batch_o }} }} "  # validate._in_batch's mark


def old_marks(mem: ox.Store, blocks) -> dict[int, float]:
    """Each block marked as _BatchTargets.mark marks it: read in the union of both graphs (CPU s a block)."""
    dataset = f"USING <{BATCH_SHARED}> USING <{BATCH_DATA}> USING NAMED <{BATCH_DATA}>"
    spent = {}
    for k, block in enumerate(blocks):
        cpu = time.thread_time()
        mem.update(f"INSERT {{ GRAPH <{BATCH_TARGETS}> {{ ?this <{TARGET_OF}{k}> true }} }} {dataset} WHERE {block}")
        spent[k] = time.thread_time() - cpu
    return spent


def prepare(base: ox.Store, blocks) -> None:
    """The split's first part, once: each block's nodes in the shared graphs alone (every block here is
    a UNION of single triple patterns: it matches in a union of graphs what it matches in each)."""
    for k, block in enumerate(blocks):
        base.update(f"INSERT {{ GRAPH <{SHARED_TARGETS}> {{ ?this <{TARGET_OF}{k}> true }} }} "
                    f"USING <{BATCH_SHARED}> WHERE {block.replace(_IN_BATCH, '')}")


def split_marks(mem: ox.Store, blocks) -> None:
    """The split's per-batch part: the shared graphs' nodes the batch describes, and each block read in the batch alone."""
    mem.update(f"INSERT {{ GRAPH <{SPLIT}> {{ ?this ?target true }} }} "
               f"WHERE {{ GRAPH <{SHARED_TARGETS}> {{ ?this ?target true }} {_IN_BATCH}}}")
    for k, block in enumerate(blocks):
        mem.update(f"INSERT {{ GRAPH <{SPLIT}> {{ ?this <{TARGET_OF}{k}> true }} }} "
                   f"USING <{BATCH_DATA}> USING NAMED <{BATCH_DATA}> WHERE {block}")


def marked(mem: ox.Store, graph: str) -> set:
    return {(str(q.subject), str(q.predicate)) for q in mem.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def screens(mem: ox.Store, checks, new_first: bool, predicates: frozenset) -> dict:
    """Each screen of the batch (grouped as validate._screened groups them) as it runs (its groups
    unbound: read in the union) and with its groups opening with the batch's targets (bound_to_focus's
    lookup): CPU s of each, whether their nodes are equal."""
    groups: dict[str, list] = {}
    for _, check in checks:
        target = _target_text(check.query) if check.screen is not None and not check.per_focus else None
        if target is not None:
            groups.setdefault(target, []).append(check)
    out = {}
    union = [ox.NamedNode(BATCH_SHARED), ox.NamedNode(BATCH_DATA)]
    for target, members in groups.items():
        if len(members) < 2:
            continue
        query = screen_query(target, [c.screen for c in members])
        ways = {"unbound": bound_to_focus(query),
                "bound": bound_to_focus(query, _BATCH_LOOKUP, lambda own: not predicates.isdisjoint(_IRI.findall(own)))}
        spent, nodes = {}, {}
        for way in (["bound", "unbound"] if new_first else ["unbound", "bound"]):
            cpu = time.thread_time()
            nodes[way] = {str(r["this"]) for r in mem.query(ways[way], custom_functions=_FUNCTIONS, default_graph=union)}
            spent[way] = time.thread_time() - cpu
        name = members[0].shape.split("#")[-1].split(">")[0]
        out[name] = (round(spent["unbound"], 4), round(spent["bound"], 4), nodes["unbound"] == nodes["bound"], len(nodes["bound"]))
    return out


def overlap(mem: ox.Store, new_first: bool) -> dict:
    """The shared graphs' targets the batch describes, found from SHARED_TARGETS (as mark does) or from
    the batch's subjects: CPU s of each, whether equal, how many."""
    ways = {"from_shared": f"SELECT ?this ?target WHERE {{ GRAPH <{SHARED_TARGETS}> {{ ?this ?target true }} "
                           f"FILTER EXISTS {{ GRAPH <{BATCH_DATA}> {{ ?this ?batch_p ?batch_o }} }} }}",
            "from_batch": f"SELECT ?this ?target WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ GRAPH <{BATCH_DATA}> "
                          f"{{ ?this ?batch_p ?batch_o }} }} }} GRAPH <{SHARED_TARGETS}> {{ ?this ?target true }} }}"}
    spent, rows = {}, {}
    for way in (list(ways)[::-1] if new_first else list(ways)):
        cpu = time.thread_time()
        rows[way] = {(str(r["this"]), str(r["target"])) for r in mem.query(ways[way])}
        spent[way] = round(time.thread_time() - cpu, 4)
    return {**spent, "equal": rows["from_shared"] == rows["from_batch"], "rows": len(rows["from_shared"])}


def one_batch(base: ox.Store, targets, graphs: dict, new_first: bool, predicates: frozenset) -> dict:
    """In a fork of ``base``: the batch loaded, its targets marked both ways, its checks run."""
    mem = base
    _add(mem, graphs, [ox.NamedNode(BATCH_DATA)])
    out = {}
    for way in (["new", "old"] if new_first else ["old", "new"]):
        cpu = time.thread_time()
        if way == "old":
            out["old_by_block"] = old_marks(mem, targets.blocks)
        else:
            split_marks(mem, targets.blocks)
        out[way] = time.thread_time() - cpu
    old, new = marked(mem, BATCH_TARGETS), marked(mem, SPLIT)
    out["equal"], out["nodes"] = old == new, len(new)
    mem.update(f"DROP GRAPH <{SPLIT}>")
    out["overlap"] = overlap(mem, new_first)
    out["screens"] = screens(mem, targets.checks, new_first, predicates)
    profile: dict = {}
    _run_checks(mem, targets.checks, {}, profile=profile, default_graph=[ox.NamedNode(BATCH_SHARED), ox.NamedNode(BATCH_DATA)],
                shared_predicates=predicates)
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
            prepare(base, targets.blocks)
            prepared = time.process_time() - cpu
            found = in_fork(one_batch, base, targets, batch, i % 2 == 1, _predicates(base))
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
