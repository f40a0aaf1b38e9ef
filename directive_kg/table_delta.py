"""The documents whose rows an add changes in a per-document table (issue 15: the tables stage of an
add costs what the add touched, not the corpus).

A document's rows are decided by the triples that the spec's rows SPARQL matches with ?document_iri
bound to it, and those its `extend` reads (the spec's `reads`, a query over ?document_iri naming
them): the bound of a SHACL check's focus node (loaders.validate_scope's docstring, with
?document_iri for ?this). A document whose rows differ between the last build and this one is
reached from the near end of a changed triple by at most as many steps back along the store's
triples now as that end can lie from the document in the patterns (walk_ends, Reach.depth). The changed triples are those the add's validation computed (its Delta,
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


@dataclass(frozen=True)
class Change:
    """What a build changes in the tables: the tables' metadata the last build left (file name ->
    metadata, listings.set_aside) and the changed triples since (validate_scope.Delta)."""
    last: Mapping[str, dict]
    delta: Any
    seen: dict = field(default_factory=dict, compare=False)  # walk_back's steps, shared by the tables


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
    the bound is unknown or more than `limit` nodes beyond the changed ends are reached (the walk stops there;
    with `counted`, more than `limit` of what it counts among all nodes reached). Not thread-safe (the
    shared steps): called before the tables' threads."""
    scope = reach_of(rows, reads)
    if scope is None or change.delta is None:
        return None
    if not change.delta:
        return set()
    nodes = walk_ends(store, change.delta, scope, change.seen, limit, counted)
    log.info("table walk: %d nodes (limit %s)", -1 if nodes is None else len(nodes), limit)
    return None if nodes is None else {n[1:-1] for n in nodes if n.startswith("<")}


def walk_ends(store: ox.Store, delta, scope, seen: dict, limit: int | None = None,
              counted: Callable[[Iterable[str]], int] | None = None) -> set[str] | None:
    """The near ends of the changed triples and what reaches them back along the store's triples, each
    end walked only as many steps as its entry's near end can lie from the focus (scope.steps), each
    node reached given the steps left (one fewer, and no more than the entry it was reached by
    allows). walk_back walks hops - 1 steps from every end: a new child's passage made its parent an
    end (its own row, 0 steps) and walked on to every sibling (reuse-levels at 10,000 plus 1,000:
    9,772 of 9,987 documents). None once more than `limit` nodes beyond the ends, or a blank node,
    are reached (the ends are the add's: its passages and reuses too, 40,038 of reuse-levels at 10,000
    plus 1,000); with `counted` (a per-document table counts its documents), once more than `limit` of
    the nodes reached, ends included, count (reuse-levels at 10,000 plus 1,000: 106,625 nodes, 6,715 of
    its 9,987 documents)."""
    from loaders.shacl_sparql import Reach
    from loaders.validate_scope import canonical, step_back

    left: dict[str, int] = {}  # node -> the most steps back still to walk from it
    for entry in scope.near:
        ends = canonical(delta.near_ends(Reach(scope.hops, frozenset({entry}))))
        if ends is None:
            return None
        for n in ends:
            left[n] = max(left.get(n, 0), scope.steps(entry))
    if counted is None:
        limit = None if limit is None else limit + len(left)

    def over() -> bool:  # the nodes reached, or those `counted` finds among them, pass the limit
        return limit is not None and len(left) > limit and (counted is None or counted(left) > limit)

    # steps only lower what is left: the nodes with k left are all known once those with more are walked
    for k in range(max(left.values(), default=0), 0, -1):
        if over():
            return None
        frontier = [n for n, m in left.items() if m == k]
        for entry in scope.near:
            p, side, far = entry
            asked = [n for n in frontier if far is None or n in far]
            step_back(store, asked, p, side, seen)
            then = min(k - 1, scope.steps(entry))
            for n in asked:
                for x in seen[(n, p, side)]:
                    if x.startswith("_:"):
                        return None
                    if left.get(x, -1) < then:
                        left[x] = then
    return None if over() else set(left)


def predicates(specs) -> frozenset | None:
    """The predicates whose changed triples the tables of `specs` (DocTableSpec) read (None: any):
    what the add's validation must keep in its Delta for them (validate_batches' also_read)."""
    found = set()
    for spec in specs:
        scope = reach_of(spec.rows, spec.reads)
        if scope is not None:  # an unbounded table is written whole: it needs no changed triples
            found |= {p for p, *_ in scope.near}
    return None if None in found else frozenset(found)
