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
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import pyoxigraph as ox

log = logging.getLogger(__name__)
SHARE = 0.25  # above this share of a table's documents reached, the table is written whole
# A walk from more changed ends than ENDS times its limit is not started (the table is written whole): a
# walked end costs about a sixth of a row of a whole write (10,000 plus 1,000, bench/table_walks.py: 39,933
# ends of reuse-levels 3.6 CPU s, its whole write 4.4 for 10,971 documents; implicit-citations' 41,802
# ends 3.5 s, its 3,664 rows whole well under); the ends grow with the add, a whole write with the store
ENDS = 6


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
            counted: Callable[[Iterable[str]], int] | None = None) -> set[str] | None:
    """The IRIs a changed triple reaches within the table's bound (documents among them), None when
    the bound is unknown, the changed ends pass ENDS times `limit`, or more than `limit` nodes beyond
    the changed ends are reached (the walk stops there;
    with `counted`, more than `limit` of what it counts among all nodes reached). Not thread-safe (the
    shared steps): called before the tables' threads."""
    scope = reach_of(rows, reads)
    if scope is None or change.delta is None:
        return None
    if not change.delta:
        return set()
    from loaders.validate_scope import ends, walk

    left = ends(change.delta, scope)
    if left is not None and limit is not None and len(left) > ENDS * limit:
        log.info("table walk: not started (%d changed ends, limit %s)", len(left), limit)
        return None
    nodes = None if left is None else walk(store, left, scope, change.seen, limit, counted)
    log.info("table walk: %d nodes (limit %s)", -1 if nodes is None else len(nodes), limit)
    return None if nodes is None else {n[1:-1] for n in nodes if n.startswith("<")}


def predicates(specs) -> frozenset | None:
    """The predicates whose changed triples the tables of `specs` (DocTableSpec) read (None: any):
    what the add's validation must keep in its Delta for them (validate_batches' also_read)."""
    found = set()
    for spec in specs:
        scope = reach_of(spec.rows, spec.reads)
        if scope is not None:  # an unbounded table is written whole: it needs no changed triples
            found |= {p for p, *_ in scope.near}
    return None if None in found else frozenset(found)
