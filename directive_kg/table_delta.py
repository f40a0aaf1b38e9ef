"""The documents whose rows an add changes in a per-document table (issue 15: the tables stage of an
add costs what the add touched, not the corpus).

A document's rows are decided by the triples that the spec's rows SPARQL matches with ?document_iri
bound to it, and those its `extend` reads (the spec's `reads`, a query over ?document_iri naming
them): the bound of a SHACL check's focus node (loaders.validate_scope's docstring, with
?document_iri for ?this). A document whose rows differ between the last build and this one is
reached from the near end of a changed triple, at the variable of the patterns that end lies at,
back along the store's triples of the patterns' own edges, one edge nearer ?document_iri each
step (positioned_walk, loaders.shacl_sparql.Positions): in a solution that differs, the triples between the
document and the changed triple nearest it are unchanged, so in the store now. A node is asked
only the edges from its variables toward the document (validation's walk, validate_scope.walk,
asks every node every predicate of the check). The changed triples are those the add's validation computed (its Delta,
ValidationReport.delta); the documents reached are computed again, the lines of the others are
copied from the last build's file (doc_tables.update_doc_table). A spec whose queries cannot be
bounded, or an add that reaches more than SHARE of a table's documents, writes the table whole.

In place or whole, one rule for every table (per-document tables and listings): an update in place
that would cost more CPU than writing the table whole is not made. Its cost: the walk's look-ups (a
node and a pattern it is stepped back along, validate_scope.step_back) times STEP_CPU, plus the
documents computed again times what one cost the last update (Cost.bound; until measured, the
spec's share stands for it); the whole write's: the table's lines times what a line cost when the
last build wrote it whole (Cost.line). Both are kept in each table's metadata. A walk whose first
step and the documents among its changed ends pass the budget is not started (walk_budget); one
whose look-ups and documents reached pass it together is given up (positioned_walk). Listings
count nodes reached against REACH (listing_delta), not a measured cost: their bound rows are not
measured yet.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from operator import countOf
from typing import Any, Callable, Iterable, Mapping

import pyoxigraph as ox

log = logging.getLogger(__name__)
SHARE = 0.25  # above this share of a table's documents reached, the table is written whole
# a walk whose first step takes more than this share of its budget is not started: the steps after it and
# the rows computed again cost the rest at least (10,000 + 1,000: implicit-citations' first step 83,538 of
# 86,000 look-ups, walked 1.6 CPU s and given up, the table then written whole, 1.5)
FIRST = 0.5
# CPU seconds of a walk's look-up (a node and one predicate it is stepped back along, validate_scope.step_back),
# positioned_walk at 10,000 + 1,000 (bench/table_walks.py, load average 16-20): implicit-citations 76,874
# look-ups 1.61 s, reporting-lines 23,025 0.43 s, channel-crossings 13,674 0.24 s: 17-21 us, most of it the
# store's (a node asked one or two predicates: the 4-6 us of a Reach walk's look-up were a node's 16 predicates'
# share of one seek)
STEP_CPU = 2e-5
# CPU seconds a line of a table written whole, until its last whole write measured its own (Cost.line):
# reuse-levels 4.4 s for 10,971 documents, listings about 0.4 ms a row at 10,000
LINE_CPU = 4e-4


@dataclass(frozen=True)
class Cost:
    """What a table cost (CPU seconds of its job, thread time), kept in its metadata so that the next
    add weighs in place against whole on this store: `line`, a line of its last whole write
    (`cpu_line`); `bound`, a document's lines computed again by its last update in place (`cpu_bound`,
    None until one was made: per-document tables, bound by VALUES)."""
    line: float = LINE_CPU
    bound: float | None = None

    @classmethod
    def of(cls, meta: Mapping | None) -> "Cost":
        def positive(key):
            found = None if meta is None else meta.get(key)
            return float(found) if isinstance(found, (int, float)) and found > 0 else None
        return cls(positive("cpu_line") or LINE_CPU, positive("cpu_bound"))

    def share(self, default: float) -> float:
        """The share of a table's documents whose lines, computed again in place, cost its whole
        write: measured once an update was made, else `default` (DocTableSpec.share, table_delta.SHARE)."""
        return default if self.bound is None else min(1.0, self.line / self.bound)

    def as_meta(self) -> dict:
        return {"cpu_line": self.line, **({} if self.bound is None else {"cpu_bound": self.bound})}


def walk_budget(meta: Mapping | None, lines: int) -> int:
    """The most look-ups a walk may make before it costs more than writing the table whole: its
    `lines` (of the last build's file) times what a line cost (Cost.of its metadata), over STEP_CPU."""
    return int(lines * Cost.of(meta).line / STEP_CPU)


@dataclass(frozen=True)
class Change:
    """What a build changes in the tables: the tables' metadata the last build left (file name ->
    metadata, listings.set_aside) and the changed triples since (validate_scope.Delta)."""
    last: Mapping[str, dict]
    delta: Any
    seen: dict = field(default_factory=dict, compare=False)  # the walks' steps (validate_scope.step_back), shared by the tables


def reach_of(rows: str, reads: str | None):
    """The Reach of a table's rows from ?document_iri (with what `reads` names), None if unbounded."""
    from loaders.shacl_sparql import reach_with_constants

    found = None
    for text in (rows, reads):
        if text is not None:
            one = reach_with_constants(re.sub(r"\?document_iri\b", "?this", text))
            if one is None:
                return None
            found = one if found is None else found | one
    return found


def positions_of(rows: str, reads: str | None):
    """The Positions (loaders.shacl_sparql) of a table's rows from ?document_iri (with what `reads`
    names: its variables its own, the focus shared), None if unbounded."""
    from loaders.shacl_sparql import positions

    found = None
    for k, text in enumerate((rows, reads)):
        if text is not None:
            one = positions(re.sub(r"\?document_iri\b", "?this", text))
            if one is None:
                return None
            found = one.tagged(k) if found is None else found | one.tagged(k)
    return found


def reached(store: ox.Store, change: Change, rows: str, reads: str | None, limit: int | None = None,
            counted: Callable[[Iterable[str]], int] | None = None, budget: int | None = None) -> set[str] | None:
    """The IRIs a changed triple reaches at the focus of the table's rows (the documents whose rows
    may differ), None when the bound is unknown, when more than `limit` nodes beyond the changed ends
    are reached (with `counted`, more than `limit` of what it counts among the focus nodes reached),
    or when its look-ups' share of `budget` (walk_budget: what costs the whole write) and the nodes'
    share of `limit` pass 1 together (not started when its first step passes FIRST of the budget, or
    it and the documents among the changed ends pass 1). Not thread-safe (the shared steps): called before the tables' threads."""
    scope = positions_of(rows, reads)
    if scope is None or change.delta is None:
        return None
    if not change.delta:
        return set()
    at = starts(change.delta, scope)
    if at is not None and budget is not None and _first_share(at, scope, budget, limit, counted) > 1:
        log.info("table walk: not started (%d changed ends, %d look-ups, budget %d)", len(_nodes(at)),
                 first_lookups(at, scope), budget)
        return None
    nodes = None if at is None else positioned_walk(store, at, scope, change.seen, limit, counted, budget)
    log.info("table walk: %d nodes (limit %s)", -1 if nodes is None else len(nodes), limit)
    return None if nodes is None else {n[1:-1] for n in nodes if n.startswith("<")}


def starts(delta, scope) -> dict | None:
    """The near ends of the changed triples the patterns can match, by the variable they lie at
    (Positions.seeds): variable -> set of nodes; None when one is a blank node. By variable, not by
    node: sets joined in C (by node, a Python step a (node, variable): 0.8 CPU s of 2 for
    implicit-citations' 75,790 ends at 10,000 + 1,000)."""
    at: dict = {}
    for entry, variable in scope.seeds:
        found = delta.canonical_ends(entry)
        if found is None:
            return None
        at.setdefault(variable, set()).update(found)
    return at


def _nodes(at: Mapping) -> set:
    """The distinct nodes of a variable -> nodes mapping."""
    return set().union(*at.values())


def _steps(scope) -> dict:
    """variable -> side -> (predicate, variable nearer the focus) pairs of its back steps."""
    out: dict = {}
    for a, p, side, b in scope.back:
        out.setdefault(a, {}).setdefault(side, []).append((p, b))
    return out


def _first_share(at: Mapping, scope, budget: int, limit: int | None,
                 counted: Callable[[Iterable[str]], int] | None) -> float:
    """The share of the update's budget its first step and the documents among the changed ends
    take (positioned_walk's rule, before walking)."""
    found = first_lookups(at, scope) / max(budget, 1)
    if found > FIRST:
        return found / FIRST  # over 1
    if limit is not None and counted is not None:  # counting can cost look-ups of its own
        found += counted(list(at.get(scope.focus, ()))) / max(limit, 1)
    return found


def first_lookups(at: Mapping, scope) -> int:
    """The look-ups of a walk's first step: the changed ends at each variable, once a predicate they are
    stepped back along from it."""
    steps = _steps(scope)
    return sum(len(nodes) * len({p for pairs in steps.get(v, {}).values() for p, _b in pairs}) for v, nodes in at.items())


def positioned_walk(store: ox.Store, at: Mapping, scope, seen: dict | None = None, limit: int | None = None,
                    counted: Callable[[Iterable[str]], int] | None = None, lookups: int | None = None) -> set[str] | None:
    """The nodes of `at` (variable -> the nodes at it: starts) and what reaches them back along the
    store's triples of the pattern's edges (Positions.back), each node at each variable stepped back
    once; the nodes reached at the focus (None once a blank node is reached). A node is asked only
    the edges from its own variables toward the focus: a reuse passage's quote, start and end (where
    implicit-citations' evidence lies) ask its dkg:evidence once, where a Reach walk asked its 16
    predicates twice (30,000 + 1,000: 36,493 passages). None once more than `limit` nodes beyond the
    ends are reached (with `counted`, the focus nodes counted: a per-document table's documents), or
    once the share of the look-ups (entries added to `seen`: (node, predicate, side) -> the nodes one
    step back, shared by the walks of one build) of `lookups` and the nodes' share of `limit` pass 1
    together (the walk and the rows computed again cost more than a whole write)."""
    from loaders.validate_scope import step_back

    seen = {} if seen is None else seen
    steps = _steps(scope)
    start = len(seen)
    states = {v: set(nodes) for v, nodes in at.items()}  # variable -> the nodes reached at it
    reached = _nodes(states)  # every node, at any variable
    base = len(reached) if counted is None else 0
    fresh = list(states.get(scope.focus, ()))
    total = 0

    def over(walked: bool = False) -> bool:  # the look-ups' share and the nodes' (or counted's) pass 1 together
        nonlocal total
        used = 0.0 if lookups is None or walked else (len(seen) - start) / max(lookups, 1)
        if used > 1:
            return True
        if limit is None:
            return False
        if counted is None:
            return len(reached) - base > limit * (1 - used)
        if fresh:
            total += counted(fresh)
            fresh.clear()
        return total > limit * (1 - used)

    wave = {v: nodes for v, nodes in states.items() if nodes}
    while wave:
        after: dict = {}
        for variable, nodes in wave.items():
            nodes = list(nodes)
            for side, pairs in steps.get(variable, {}).items():
                if over():
                    return None
                named = tuple(sorted({p for p, _b in pairs if p is not None}))
                # one query for the named predicates (step_back: FILTER IN), one for any predicate (None)
                for ps in ([named[0] if len(named) == 1 else named] if named else []) + [None] * any(p is None for p, _b in pairs):
                    if not step_back(store, nodes, ps, side, seen,
                                     None if limit is None or counted else limit + base - len(reached), reached):
                        return None
                for p, nearer in pairs:
                    found = set().union(*filter(None, map(seen.__getitem__, [(n, p, side) for n in nodes])))
                    new = found - states.setdefault(nearer, set())
                    if not new:
                        continue
                    if any(x.startswith("_:") for x in new):
                        return None
                    states[nearer] |= new
                    reached |= new
                    after.setdefault(nearer, set()).update(new)
                    if nearer == scope.focus:
                        fresh.extend(new)
        wave = after
    return None if over(walked=True) else set(states.get(scope.focus, ()))


def predicates(specs) -> frozenset | None:
    """The predicates whose changed triples the tables of `specs` (DocTableSpec) read (None: any):
    what the add's validation must keep in its Delta for them (validate_batches' also_read)."""
    found = set()
    for spec in specs:
        scope = reach_of(spec.rows, spec.reads)
        if scope is not None:  # an unbounded table is written whole: it needs no changed triples
            found |= {p for p, *_ in scope.near}
    return None if None in found else frozenset(found)
