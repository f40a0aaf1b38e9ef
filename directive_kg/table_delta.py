"""The documents whose rows an add changes in a per-document table (issue 15: the tables stage of an
add costs what the add touched, not the corpus).

A document's rows are decided by the triples that the spec's rows SPARQL matches with ?document_iri
bound to it, and those its `extend` reads (the spec's `reads`, a query over ?document_iri naming
them): the bound of a SHACL check's focus node (loaders.validate_scope's docstring, with
?document_iri for ?this). A document whose rows differ between the last build and this one is
reached from the near end of a changed triple by at most as many steps back along the store's
triples now as that end can lie from the document in the patterns (validate_scope.walk_ends, Reach.depth). The changed triples are those the add's validation computed (its Delta,
ValidationReport.delta); the documents reached are computed again, the lines of the others are
copied from the last build's file (doc_tables.update_doc_table). A spec whose queries cannot be
bounded, or an add that reaches more than SHARE of a table's documents, writes the table whole.

In place or whole, one rule for every table (per-document tables and listings): a walk that would
cost more CPU than writing the table whole is not started, and one that comes to cost more is given
up (walk_budget). The walk's cost: its look-ups (a node and a pattern it is stepped back along,
validate_scope.step_back) times STEP_CPU; the whole write's: the table's lines times what a line
cost when the last build wrote it whole (Cost, kept in each table's metadata: `cpu_line`).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import pyoxigraph as ox

log = logging.getLogger(__name__)
SHARE = 0.25  # above this share of a table's documents reached, the table is written whole
# CPU seconds of a walk's look-up (a node and one pattern it is stepped back along, validate_scope.step_back),
# 10,000 + 1,000 (bench/table_walks.py --alone, load average ~20): implicit-citations 711,076 look-ups 3.05 s,
# reuse-levels 517,392 2.87 s, reporting-lines 104,130 0.41 s, channel-crossings 50,921 0.31 s: 4-6 us
STEP_CPU = 5e-6
# CPU seconds a line of a table written whole, until its last whole write measured its own (Cost.line):
# reuse-levels 4.4 s for 10,971 documents, listings about 0.4 ms a row at 10,000
LINE_CPU = 4e-4


@dataclass(frozen=True)
class Cost:
    """What a table's last whole write cost a line (CPU seconds of its job, thread time): kept in its
    metadata (`cpu_line`) and carried by an update in place, so that the next add weighs a walk
    against the whole write of this table on this store."""
    line: float = LINE_CPU

    @classmethod
    def of(cls, meta: Mapping | None) -> "Cost":
        found = None if meta is None else meta.get("cpu_line")
        return cls(float(found)) if isinstance(found, (int, float)) and found > 0 else cls()

    @classmethod
    def measured(cls, cpu: float, lines: int) -> "Cost":
        return cls(cpu / lines) if lines > 0 and cpu > 0 else cls()


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


def reached(store: ox.Store, change: Change, rows: str, reads: str | None, limit: int | None = None,
            counted: Callable[[Iterable[str]], int] | None = None, budget: int | None = None) -> set[str] | None:
    """The IRIs a changed triple reaches within the table's bound (documents among them), None when
    the bound is unknown, when more than `limit` nodes beyond the changed ends are reached (with
    `counted`, more than `limit` of what it counts among all nodes reached), or when the walk would
    make more than `budget` look-ups (walk_budget: the whole write costs less; not started when its
    first step alone would). Not thread-safe (the shared steps): called before the tables' threads."""
    scope = reach_of(rows, reads)
    if scope is None or change.delta is None:
        return None
    if not change.delta:
        return set()
    from loaders.validate_scope import ends, walk

    left = ends(change.delta, scope)
    if left is not None and budget is not None and first_lookups(left, scope) > budget:
        log.info("table walk: not started (%d changed ends, %d look-ups over its budget %d)", len(left),
                 first_lookups(left, scope), budget)
        return None
    nodes = None if left is None else walk(store, left, scope, change.seen, limit, counted, budget)
    log.info("table walk: %d nodes (limit %s)", -1 if nodes is None else len(nodes), limit)
    return None if nodes is None else {n[1:-1] for n in nodes if n.startswith("<")}


def first_lookups(left: Mapping[str, int], scope) -> int:
    """The look-ups of a walk's first step: each changed end with steps left, once a pattern."""
    return sum(1 for m in left.values() if m > 0) * len(scope.near)


def predicates(specs) -> frozenset | None:
    """The predicates whose changed triples the tables of `specs` (DocTableSpec) read (None: any):
    what the add's validation must keep in its Delta for them (validate_batches' also_read)."""
    found = set()
    for spec in specs:
        scope = reach_of(spec.rows, spec.reads)
        if scope is not None:  # an unbounded table is written whole: it needs no changed triples
            found |= {p for p, *_ in scope.near}
    return None if None in found else frozenset(found)
