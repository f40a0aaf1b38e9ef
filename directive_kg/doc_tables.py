"""Per-document tables: the rows of a question about one document's tree, computed by the build.

A question such as downstream-tasks or reuse-levels walks the tree below DOC, then looks up the same
columns for each document reached (its tasks; its shares against its parent). At 100,000 documents the
look-ups cost 0.1-0.2 ms a row: 0.5-1.3 s for the largest trees. The columns that do not depend on DOC
are computed once by the build, for every document of the store (``write_doc_tables``, next to the
listing tables), and the query is then a tree walk (the query's own first sub-select, run as SPARQL)
plus one seek per document reached::

    PATH/tables/NAME.doc.jsonl  one JSON line per document: [IRI, [row, row, ...]], each row the terms of
                                the spec's columns (a string literal as a string; other terms as objects)
    PATH/tables/NAME.doc.idx    the documents' keys (uint64, from the IRI's blake2b) sorted, then the
                                byte offset of each one's line (uint64): one binary search per document
    PATH/tables/NAME.doc.json   the build stamp, the digests of the query and of the rows' SPARQL; written
                                last: a table without it does not exist

An add (a build that changes some files) updates a table the last build wrote: the rows of the
documents a changed triple reaches are computed again, every other line is copied from the last file
(update_doc_table; which documents: directive_kg.table_delta); tests/test_table_delta.py compares the
files with a whole build's. The saved query stays the definition: with no current table (a bare store, an endpoint, another build,
another query text) it runs as SPARQL, and tests/test_doc_tables.py compares both answers for every
document of a generated corpus. The runner uses the table's terms exactly as it uses the SPARQL's
solutions (sort, hidden columns, Python values, document labels), so both give the same rows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import numpy as np
import pyoxigraph as ox

from directive_kg.listings import (FOLDER, TableJob, build_stamp, current_meta, digest, line_cpu, run_jobs,
                                   write_atomic, write_lines)
from directive_kg.table_delta import Cost
from loaders.store import merged_complete, query_graph

FORMAT = 2  # 2: a document's rows sorted by their JSON
log = logging.getLogger(__name__)
SUFFIX = ".doc"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_DKG = "https://w3id.org/directive-kg/ontology#"
IMPLEMENTS = ox.NamedNode("http://data.europa.eu/eli/ontology#ensures_implementation_of")
_PREFIXES = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True)
class DocTableSpec:
    """How a saved query's answer splits into a walk (the query's first sub-select, bound to DOC) and
    rows per document that do not depend on DOC (`rows`: SPARQL over the whole store, one solution per
    row, keyed by ?document_iri and, when `parent` is set, by the tree edge's ?parent too)."""
    query: str
    rows: str
    parent: bool = False      # the rows belong to an edge (document, parent), not to a document
    skip_root: bool = False   # the query's FILTER (?document_iri != ?doc)
    # (store, names, rows, partial): the rows with more columns; partial: the rows are those of an
    # add's documents only (read only what they need), else of every document
    # store_dir: the store's folder (None: a bare store), for what the build wrote beside it
    extend: Callable[[ox.Store, list[str], list[list], bool, Path | None], tuple[list[str], list[list]]] | None = None
    version: int = 1          # bumped when `extend` computes other values (part of the table's identity)
    root: str | None = None   # SPARQL of the columns of DOC itself (bound at query time), crossed with each row
    # the edges (`via`) the rows cover: None, any (rows per document, whatever the edge reaching it)
    vias: tuple[str, ...] | None = (IMPLEMENTS.value,)
    # what `extend` reads beyond `rows`, as patterns over ?document_iri (the bound of an add: table_delta)
    reads: str | None = None
    # above this share of its documents reached, an add writes the table whole (None: table_delta.SHARE):
    # the rows of some documents bound by VALUES cost more a document than the whole table's
    share: float | None = None

    def identity(self) -> str:
        return digest(f"{self.rows}\n{self.extend.__name__ if self.extend else ''}\n{self.version}\n{self.vias}")


# The per-edge columns of reuse-levels that are look-ups (its OPTIONAL aggregate, the shares, is computed
# by `_reuse_shares` from the store's passages: as SPARQL over the whole store it cost 10.9 CPU s at 10,000
# documents, the passages read once and summed in Python 3.8 s; since session 16 streamed one reuse after
# another: _PASSAGES).
_REUSE_LEVELS_ROWS = _PREFIXES + """
SELECT ?document_iri ?parent ?level ?document ?parent_document ?characters ?rank
WHERE {
  ?document_iri eli:ensures_implementation_of ?parent .
  FILTER NOT EXISTS { ?document_iri a dkg:Copy }
  ?document_iri dkg:sourceFile ?src . ?src dkg:textLength ?characters .
  OPTIONAL { ?document_iri eli:id_local ?id }
  BIND (COALESCE(?id, STR(?document_iri)) AS ?document)
  OPTIONAL { ?parent eli:id_local ?pid }
  BIND (COALESCE(?pid, STR(?parent)) AS ?parent_document)
  OPTIONAL { ?document_iri dkg:level ?own_level }
  BIND (REPLACE(STR(?own_level), "^.*/", "") AS ?level)
  OPTIONAL { VALUES (?level ?rank) { ("central" 0) ("sector" 1) ("province" 2) ("district" 3) ("commune" 4) } }
}"""
# Each reuse with its passages, one reuse after another (nested loops from the reuse, no hash join): the
# solutions stream, so a reuse's passages are summed as they come and no passage is held (30,000
# documents: Oxigraph's hash joins of the five properties read whole held +206 MB, 5.5 CPU s; streamed
# +14 MB, 10.3 s; the Python sets of every reuse's passages, 159 MB, gone too). A reuse seen again
# after another (an evaluation order Oxigraph does not promise) makes _shared_per_pair read them grouped
# by reuse in Python (_PASSAGES_OF's path, whole).
_PASSAGES = _PREFIXES + """
SELECT ?r ?sim ?d ?s ?e WHERE {
  ?r a dkg:TextReuse . ?r dkg:passage ?mine . ?r dkg:similarity ?sim .
  ?mine dkg:passageOf ?d ; dkg:start ?s ; dkg:end ?e
}"""
# The passages of the reuses that have one of ?of's (bound by VALUES: an add's documents). The type
# tested by FILTER EXISTS: as a pattern (constant predicate and object) joined to the bound ?r, Oxigraph
# scanned every TextReuse for each ?r (10,000 documents: 5,540 reuses 2.1 CPU s, as EXISTS 0.08; 2,000
# documents bound 16.8 s against 1.8 for the whole table, growing with the corpus: the rows bound times
# the store's reuses)
_PASSAGES_OF = _PREFIXES + """
SELECT ?r ?sim ?d ?s ?e ?of WHERE {
  ?own dkg:passageOf ?of . ?r dkg:passage ?own .
  ?r dkg:similarity ?sim ; dkg:passage ?mine . ?mine dkg:passageOf ?d ; dkg:start ?s ; dkg:end ?e .
  FILTER EXISTS { ?r a dkg:TextReuse }
}"""
_IDS = _PREFIXES + "SELECT ?d ?id WHERE { ?d eli:id_local ?id }"
_CHILDREN = _PREFIXES + "SELECT ?child ?parent WHERE { ?child eli:ensures_implementation_of ?parent }"
COPIED = 0.95  # reuse-levels.rq: a passage at similarity >= 0.95 is copied, below it edited


class _NotGrouped(Exception):
    """A reuse's solutions came apart (after another reuse's)."""


def _grouped(solutions, value) -> Iterable[tuple[set, set]]:
    """Each reuse's (similarities, passages (document, start, end)) from solutions (r, sim, d, s, e, ...)
    that come one reuse after another; _NotGrouped when a reuse comes again (its hash seen: a collision
    only costs the slower path)."""
    done: set[int] = set()
    current, sims, sides = None, set(), set()
    for r, sim, d, s, e, *_of in solutions:
        if r != current:
            if current is not None:
                yield sims, sides
            current, sims, sides = r, set(), set()
            key = hash(r.value)
            if key in done:
                raise _NotGrouped
            done.add(key)
        sims.add(value(sim))
        sides.add((d, value(s), value(e)))
    if current is not None:
        yield sims, sides


def _by_reuse(solutions, value) -> Iterable[tuple[set, set]]:
    """Each reuse's (similarities, passages) from solutions in any order (held until the last)."""
    sims: dict = {}
    sides: dict = {}
    for r, sim, d, s, e, *_of in solutions:
        sims.setdefault(r, set()).add(value(sim))
        sides.setdefault(r, set()).add((d, value(s), value(e)))
    for r, passages in sides.items():
        yield sims[r], passages


def _built_reuses(store: ox.Store, store_dir: Path | None, documents: list[str] | None
                  ) -> Iterable[tuple[tuple[float], set]] | None:
    """Each reuse's (similarities, passages) as _grouped gives them, from the arrays the reuse stage
    wrote beside the store (loaders.reuse_graph.write_passages) when they describe the store's reuses
    (the same TextReuse nodes: node_digest; or stamped with the store's build, whose reuse stage wrote
    them and whose load loaded the graphs they were written with: the nodes are not scanned, ~10 us
    each, 31,000 documents 0.85 CPU s, 100,000 ~3), only those with a passage of one of `documents`
    (None: all); else None (the store is asked). The store's passages read by SPARQL cost ~60 us each
    (10,000 documents: 64,462, 4 CPU s), the arrays ~0.3 s."""
    from loaders.reuse_graph import PASSAGES_FILE, node_digest

    path = None if store_dir is None else Path(store_dir) / PASSAGES_FILE
    if path is None or not path.exists() or not merged_complete(store):
        return None
    try:
        with np.load(path) as arrays:
            table, names, digest_ = arrays["passages"], arrays["documents"].tolist(), arrays["digest"].tolist()
            stamp = str(arrays["stamp"]) if "stamp" in arrays.files else ""
    except (OSError, ValueError, KeyError):
        return None
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    nodes = (q.subject.value for q in store.quads_for_pattern(None, kind, ox.NamedNode(_DKG + "TextReuse"),
                                                               ox.DefaultGraph()))
    if not _same_instant(stamp, build_stamp(store)) and list(node_digest(nodes)) != digest_:
        log.info("reuse-levels: the reuse stage's passages are not the store's; read from the store")
        return None
    if documents is not None:
        wanted = np.isin(np.array(names, dtype=str), np.array(documents, dtype=str)) if names else np.zeros(0, bool)
        table = table[wanted[table[:, 0]] | wanted[table[:, 1]]] if len(table) else table
    return _each_built(table, [ox.NamedNode(n) for n in names])


def _same_instant(stamp: str, built: str | None) -> bool:
    """Whether two xsd:dateTime values name one instant (the store writes "Z" where the build wrote
    "+00:00"); False when either is empty or not a dateTime."""
    try:
        return bool(stamp and built) and dt.datetime.fromisoformat(stamp) == dt.datetime.fromisoformat(built)
    except ValueError:
        return False


def _each_built(table: np.ndarray, terms: list[ox.NamedNode], chunk: int = 65536) -> Iterable[tuple[tuple[float], set]]:
    """_built_reuses' reuses made as they are summed, a chunk of rows at a time (100,000 documents:
    ~400,000 reuses, not held as Python objects at once)."""
    for at in range(0, len(table), chunk):
        for a, b, a_s, a_e, b_s, b_e, sim in table[at:at + chunk].tolist():
            yield (sim / 1000,), {(terms[a], a_s, a_e), (terms[b], b_s, b_e)}


def _shared_per_pair(store: ox.Store, documents: list[str] | None = None,
                     keep: Callable[[ox.NamedNode, ox.NamedNode], bool] | None = None,
                     store_dir: Path | None = None) -> dict[tuple, tuple[int, int]]:
    """(document, other) -> (characters shared, characters copied): the sums over the distinct
    (reuse, start, end, similarity) of the document's passages reused in the other's text; every
    pair whose document is one of `documents` (None: every pair, the reuses streamed: _PASSAGES), and
    that `keep` keeps (None: every pair). `store_dir`: the store's folder, whose arrays of the reuse
    stage are read instead of the store's passages when they are its reuses (_built_reuses)."""
    from directive_kg.queries import python_values

    value = python_values()
    built = _built_reuses(store, store_dir, documents)
    if built is not None:
        return _sums(built, keep)
    if documents is not None:
        return _sums(_by_reuse(query_graph(store, bound(_PASSAGES_OF, "of", documents)), value), keep)
    try:
        return _sums(_grouped(query_graph(store, _PASSAGES), value), keep)
    except _NotGrouped:
        log.info("reuse-levels: the reuses' passages came apart; read grouped in Python")
        return _sums(_by_reuse(query_graph(store, _PASSAGES), value), keep)


def _sums(reuses: Iterable[tuple[set, set]], keep) -> dict[tuple, tuple[int, int]]:
    """_shared_per_pair's sums over each reuse's (similarities, passages): the (reuse, start, end,
    similarity) of a pair are distinct without a set of them (a reuse's (document, start, end) and
    similarities are sets)."""
    sums: dict[tuple, list[int]] = {}
    for sims, passages in reuses:
        copied = sum(sim >= COPIED for sim in sims)
        times = len(sims)
        for d, s, e in passages:
            for other in {o for o, _s, _e in passages if o != d}:
                found = sums.get((d, other))
                if found is None:
                    if keep is not None and not keep(d, other):
                        continue
                    found = sums[(d, other)] = [0, 0]
                found[0] += (e - s) * times
                found[1] += (e - s) * copied
    return {pair: (shared, copied) for pair, (shared, copied) in sums.items()}


def _ratio(part: int, whole: Any) -> ox.Literal | None:
    """ROUND(1000.0 * part / whole) / 1000 as SPARQL computes it (decimal; ROUND half up), None where
    SPARQL has no value (a division by zero, a length that is not a number)."""
    if not isinstance(whole, int) or isinstance(whole, bool) or whole == 0:
        return None
    return _thousandths((2000 * part + whole) // (2 * whole))  # floor(1000 * part / whole + 1/2), exactly


@lru_cache(maxsize=None)
def _thousandths(rounded: int) -> ox.Literal:
    return ox.Literal(str(Decimal(rounded) / Decimal(1000)), datatype=ox.NamedNode(_XSD + "decimal"))


def _reuse_shares(store: ox.Store, names: list[str], rows: list[list], partial: bool = False,
                  store_dir: Path | None = None) -> tuple[list[str], list[list]]:
    """reuse-levels' OPTIONAL aggregate per (document, parent), added to each row: with the parent or a
    sibling (a document implementing the same parent), the one sharing the most characters counts; the
    source is the largest key "0000000412|IRI|number", as the query's MAX(?key). `partial`: the rows'
    documents' reuses read, and their partners' edges and identifiers (else the store's)."""
    from directive_kg.queries import python_values

    value = python_values()
    at = {n: k for k, n in enumerate(names)}
    documents = sorted({row[at["document_iri"]].value for row in rows}) if partial else None
    keep = edges = None
    if documents is None:  # every edge read first: only the pairs of a parent or a sibling are summed
        edges = {tuple(s) for s in query_graph(store, _CHILDREN)}
        keep = _related(edges)
    partners: dict = {}  # document -> {other: (shared, copied)}
    for (doc, other), sums in _shared_per_pair(store, documents, keep, store_dir).items():
        partners.setdefault(doc, {})[other] = sums
    others = None if documents is None else sorted({o.value for found in partners.values() for o in found})
    if edges is None:
        edges = {tuple(s) for s in _bound_or_whole(store, _CHILDREN, "child", others)}
    ids: dict = {}
    for d, id_ in _bound_or_whole(store, _IDS, "d", others):
        ids.setdefault(d, []).append(id_.value)
    out = []
    for row in rows:
        doc, parent = row[at["document_iri"]], row[at["parent"]]
        # the documents it shares passages with that are its parent or a sibling: looked up from its few
        # partners (from the parent's children, each row cost the parent's fan-out: quadratic in a tree)
        found = [(other, sums) for other, sums in partners.get(doc, {}).items()
                 if other == parent or (other, parent) in edges]
        shared = max((s for _o, (s, _c) in found), default=0)
        copied = max((c for _o, (_s, c) in found), default=0)
        keys = [("000000000" + str(s))[len(str(s)) - 1:] + "|" + other.value + "|" + id_
                for other, (s, _c) in found for id_ in (ids.get(other) or [other.value])]
        source = max(keys).split("|", 2)[2] if keys else ""
        characters = value(row[at["characters"]])
        out.append(row + [ox.Literal(source), _ratio(copied, characters), _ratio(shared - copied, characters),
                          _ratio(characters - shared, characters) if isinstance(characters, int) else None])
    return names + ["source", "copied", "edited", "new"], out


def _related(edges: set[tuple]) -> Callable[[ox.NamedNode, ox.NamedNode], bool]:
    """Whether `other` is a parent of `doc` or a sibling (both implement one parent), from the edges
    (child, parent): the only partners a row of reuse-levels reads."""
    parents: dict = {}
    for child, parent in edges:
        parents.setdefault(child, set()).add(parent)
    none: frozenset = frozenset()

    def related(doc: ox.NamedNode, other: ox.NamedNode) -> bool:
        mine = parents.get(doc, none)
        return other in mine or not mine.isdisjoint(parents.get(other, none))

    return related


def _bound_or_whole(store: ox.Store, text: str, variable: str, iris: list[str] | None):
    """The solutions of `text`, with ?variable bound to `iris` (None: unbound; empty: none)."""
    if iris is None:
        return query_graph(store, text)
    return query_graph(store, bound(text, variable, iris)) if iris else []


# What _reuse_shares reads for a row (document, parent): its reuses' passages, and of each document
# sharing one its identifiers and parents (the bound of an add: table_delta). The other's parent is a
# variable of its own: joined to ?parent, the other would lie 2 steps from the document through the
# parent, and a changed triple at any child would reach every sibling; the row reads the sibling's
# edge only when it shares a reuse, so the chain through the reuse bounds it.
_REUSE_SHARES_READS = _PREFIXES + """
SELECT * WHERE {
  ?document_iri eli:ensures_implementation_of ?parent .
  ?r a dkg:TextReuse ; dkg:similarity ?sim ; dkg:passage ?mine , ?theirs .
  ?mine dkg:passageOf ?document_iri ; dkg:start ?s ; dkg:end ?e .
  ?theirs dkg:passageOf ?other . ?other eli:ensures_implementation_of ?others_parent ; eli:id_local ?other_id .
}"""

# The per-document columns of downstream-tasks: every task of a document, with its bodies.
_DOWNSTREAM_TASKS_ROWS = _PREFIXES + """
SELECT DISTINCT ?document_iri ?level ?body_name ?role ?document ?task ?body ?rank
WHERE {
  # every property read whole in a sub-select, joined by hash (as plain patterns and OPTIONALs, one index
  # seek per row and property: 10,000 documents 2.4 -> 1.1 CPU s; the same rows)
  { SELECT ?a ?document_iri WHERE { ?a dkg:assignedIn ?document_iri } }
  { SELECT ?a ?body ?role WHERE { { ?a dkg:leadBody ?body . BIND ("lead" AS ?role) }
    UNION { ?a dkg:cooperatingBody ?body . BIND ("cooperating" AS ?role) } } }
  OPTIONAL { SELECT ?a ?task WHERE { ?a dkg:taskText ?task } }
  OPTIONAL { SELECT ?body ?label WHERE { ?body skos:prefLabel ?label } }
  BIND (COALESCE(STR(?label), STR(?body)) AS ?body_name)
  OPTIONAL { SELECT ?document_iri ?id WHERE { ?document_iri eli:id_local ?id } }
  BIND (COALESCE(?id, STR(?document_iri)) AS ?document)
  OPTIONAL { SELECT ?body ?body_level WHERE { ?body dkg:level ?body_level } }
  OPTIONAL { SELECT ?document_iri ?doc_level WHERE { ?document_iri dkg:level ?doc_level } }
  BIND (REPLACE(STR(COALESCE(?body_level, ?doc_level)), "^.*/", "") AS ?level)
  OPTIONAL { VALUES (?level ?rank) { ("central" 0) ("sector" 1) ("province" 2) ("district" 3) ("commune" 4) } }
}"""

# The per-edge columns of propagation-tree, for an edge of any `via` (its columns do not depend on it).
_PROPAGATION_TREE_ROWS = _PREFIXES + """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?document_iri ?parent ?document ?level ?issuer ?date ?parent_document ?explicit ?parent_date
WHERE {
  # sub-selects joined by hash, as in _DOWNSTREAM_TASKS_ROWS (10,000 documents 2.6 -> 0.9 CPU s); explicit: a
  # citation of the parent marked explicit (the FILTER (?cited = ?parent) of the query, as a join); the
  # edges a UNION of one pattern each: as VALUES ?via, an add's VALUES ?document_iri joined with it cost
  # the square of its documents (10,000 documents, 4,000 bound: 3.6 CPU s, as a UNION 0.2)
  { SELECT ?document_iri ?parent WHERE { %s } }
  OPTIONAL { SELECT ?document_iri ?date WHERE { ?document_iri eli:date_document ?date } }
  OPTIONAL { SELECT ?parent ?parent_date WHERE { ?parent eli:date_document ?parent_date } }
  OPTIONAL { SELECT ?document_iri ?id WHERE { ?document_iri eli:id_local ?id } }
  OPTIONAL { SELECT ?document_iri ?title WHERE { ?document_iri eli:title ?title } }
  BIND (COALESCE(?id, STR(?title), STR(?document_iri)) AS ?document)
  OPTIONAL { SELECT ?parent ?pid WHERE { ?parent eli:id_local ?pid } }
  OPTIONAL { SELECT ?parent ?ptitle WHERE { ?parent eli:title ?ptitle } }
  BIND (COALESCE(?pid, STR(?ptitle), STR(?parent)) AS ?parent_document)
  OPTIONAL { SELECT ?document_iri ?own_level WHERE { ?document_iri dkg:level ?own_level } }
  OPTIONAL { SELECT ?document_iri ?issuer_label WHERE { ?document_iri eli:passed_by ?body OPTIONAL { ?body skos:prefLabel ?issuer_label } } }
  BIND (STR(?issuer_label) AS ?issuer)
  BIND (REPLACE(STR(?own_level), "^.*/", "") AS ?level)
  # the flag tested by FILTER: with the constant in the pattern and ?document_iri bound by VALUES,
  # the pattern's rows were looked up per document bound (4,000 of 10,000: 1.9 CPU s, filtered 0.25);
  # the cited document compared by FILTER, not joined to ?parent: joined, a citation's parent end lay
  # as near as its citing end, and an add's citation of a parent reached all its children (table_delta)
  OPTIONAL { { SELECT ?document_iri ?cited ?c WHERE { ?c dkg:citingDocument ?document_iri ; dkg:citedDocument ?cited ;
    dkg:explicit ?flag FILTER (sameTerm(?flag, true)) } } FILTER (sameTerm(?cited, ?parent)) }
  BIND (xsd:boolean(BOUND(?c)) AS ?explicit)
}"""

# The per-document columns of uptake: a province's or a district's document and its unit.
_UPTAKE_ROWS = _PREFIXES + """
SELECT DISTINCT ?document_iri ?level ?province ?district ?document ?date ?unit_iri ?province_iri ?rank
WHERE {
  # sub-selects joined by hash, as in _DOWNSTREAM_TASKS_ROWS (10,000 documents 1.3 -> 0.7 CPU s)
  { SELECT ?document_iri ?l WHERE { ?document_iri dkg:level ?l } }
  { SELECT ?document_iri ?unit_iri WHERE { ?document_iri dkg:locality ?unit_iri } }
  { SELECT ?unit_iri ?unit_label WHERE { ?unit_iri skos:prefLabel ?unit_label } }
  BIND (REPLACE(STR(?l), "^.*/", "") AS ?level)
  FILTER (?level = "province" || ?level = "district")
  OPTIONAL { ?unit_iri dkg:partOf ?parent_unit OPTIONAL { ?parent_unit skos:prefLabel ?parent_label } }
  FILTER (?level = "province" && !BOUND(?parent_unit) || ?level = "district" && BOUND(?parent_unit))
  BIND (COALESCE(?parent_unit, ?unit_iri) AS ?province_iri)
  BIND (STR(COALESCE(?parent_label, ?unit_label)) AS ?province)
  BIND (IF(BOUND(?parent_unit), STR(?unit_label), "") AS ?district)
  BIND (IF(?level = "province", 0, 1) AS ?rank)
  OPTIONAL { SELECT ?document_iri ?date WHERE { ?document_iri eli:date_document ?date } }
  OPTIONAL { SELECT ?document_iri ?id WHERE { ?document_iri eli:id_local ?id } }
  BIND (COALESCE(?id, STR(?document_iri)) AS ?document)
}"""

# The columns of the root itself (bound to DOC at query time), crossed with every row.
_ROOT_DATE = _PREFIXES + "SELECT ?root_date WHERE { OPTIONAL { ?doc eli:date_document ?root_date } }"


def _edges() -> tuple[str, ...]:
    from directive_kg.queries import EDGES
    return tuple(EDGES.values())


SPECS: dict[str, DocTableSpec] = {
    s.query: s for s in (
        # bound rows ~2.8x a whole write's a document (bench/doc_rows.py, 11,000 documents: 1,000-8,000
        # bound 0.78-1.0 ms, whole 0.29; 22x before _PASSAGES_OF's type test became EXISTS); measured by
        # adds since (cpu_bound over cpu_line): 30,000 2.6 / 0.43 ms, 100,000 2.0 / 0.41 ms: 0.2 of the
        # documents (at 10,000 + 1,000, 0.3 started a walk of 5 CPU s that reached 67 % and was given up)
        DocTableSpec("reuse-levels", _REUSE_LEVELS_ROWS, parent=True, skip_root=True, extend=_reuse_shares,
                     reads=_REUSE_SHARES_READS, share=0.2),
        DocTableSpec("downstream-tasks", _DOWNSTREAM_TASKS_ROWS, vias=None),
        DocTableSpec("propagation-tree", _PROPAGATION_TREE_ROWS % " UNION ".join(
                         f"{{ ?document_iri <{e}> ?parent }}" for e in _edges()),
                     # bound rows ~2.5x a whole write's a document (bench/doc_rows.py, 11,000 documents:
                     # 1,000-8,000 bound 0.11-0.16 ms, whole 0.048)
                     parent=True, skip_root=True, root=_ROOT_DATE, vias=_edges(), share=0.3),
        DocTableSpec("uptake", _UPTAKE_ROWS, skip_root=True, root=_ROOT_DATE),
    )
}


@dataclass(frozen=True)
class DocTableInfo:
    """What NAME.doc.json says about a written table."""
    query: str
    digest: str
    rows_digest: str
    stamp: str
    columns: tuple[str, ...]
    documents: int
    rows: int


# --- terms as JSON ---------------------------------------------------------------------------------


def _encode(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"i": term.value}
    if isinstance(term, ox.BlankNode):
        return {"b": term.value}
    if term.language:
        return {"v": term.value, "l": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"v": term.value, "t": term.datatype.value}


def _decode_term(obj: Any) -> Any:
    if isinstance(obj, str):
        return ox.Literal(obj)
    if obj is None:
        return None
    if "i" in obj:
        return ox.NamedNode(obj["i"])
    if "t" in obj:
        return ox.Literal(obj["v"], datatype=ox.NamedNode(obj["t"]))
    if "l" in obj:
        return ox.Literal(obj["v"], language=obj["l"])
    return ox.BlankNode(obj["b"])


def key_of(iri: str) -> int:
    """A document's key in the offset index: 64 bits of its IRI's blake2b (collisions are checked)."""
    return int.from_bytes(hashlib.blake2b(iri.encode("utf-8"), digest_size=8).digest(), "little")


# --- the walk ---------------------------------------------------------------------------------------

HOPS = 6  # the queries' unrolled hops


def walk(store: ox.Store, doc: ox.NamedNode, via: ox.NamedNode, hops: int = HOPS) -> dict[tuple, int]:
    """The tree below `doc` through `via` (?child via ?parent), breadth first: each edge (child, parent)
    whose parent is at most hops - 1 edges below doc, with its depth (the parent's distance + 1). What
    the queries' unrolled sub-select gives (MIN(?k) over chains of 1..hops edges from doc): the shortest
    chain through a parent is its shortest path plus the edge. A look-up per document in the graph the
    queries read (loaders.store.query_graph): 9 ms for the 940 edges of the largest tree at 10,000
    documents, against 27 ms for the sub-select as SPARQL."""
    graph = ox.DefaultGraph() if merged_complete(store) else None
    seen, frontier, edges = {doc}, [doc], {}
    for depth in range(1, hops + 1):
        reached = []
        for parent in frontier:
            for quad in store.quads_for_pattern(None, via, parent, graph):
                child = quad.subject
                if (child, parent) not in edges:
                    edges[(child, parent)] = depth
                if child not in seen:
                    seen.add(child)
                    reached.append(child)
        frontier = reached
    return edges


def projection(query_text: str) -> list[str]:
    """The variables the query's outer SELECT projects, in order."""
    m = re.search(r"^SELECT\s+(?:DISTINCT\s+)?(.*?)\bWHERE\b", query_text, re.S | re.M)
    if m is None:
        raise ValueError("no outer SELECT ... WHERE")
    return re.findall(r"\?(\w+)", m.group(1))


# --- writing ---------------------------------------------------------------------------------------


def _paths(folder: Path, name: str) -> tuple[Path, Path, Path]:
    base = folder / f"{name}{SUFFIX}"
    return base.with_name(base.name + ".jsonl"), base.with_name(base.name + ".idx"), base.with_name(base.name + ".json")


def bound(text: str, variable: str, iris: list[str]) -> str:
    """The query with ``VALUES ?variable { <iri> ... }`` first in every WHERE group whose SELECT projects
    ?variable: the outer one and the sub-selects (the rows queries join sub-selects by hash, and a
    binding of the outer group does not reach into them: bound only outside, each would read its
    property whole). The answer is the same as binding the outer group alone: a sub-select's rows of
    other documents join with no outer row."""
    values = f"\n  VALUES ?{variable} {{ " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"
    named = re.compile(r"\?" + re.escape(variable) + r"\b")
    ends = [m.end() for m in re.finditer(r"\bSELECT\b([^{}]*?)\bWHERE\s*\{", text)
            if named.search(m.group(1)) or m.group(1).split()[-1:] == ["*"]]
    if not ends:
        raise ValueError(f"no SELECT of ?{variable} ... WHERE {{")
    for end in reversed(ends):
        text = text[:end] + values + text[end:]
    return text


def _rows(store: ox.Store, spec: DocTableSpec, documents: list[str] | None = None,
          store_dir: Path | None = None) -> tuple[list[str], Any]:
    """The spec's rows (names, rows of terms): over the whole store, or only those of `documents`
    (the rows SPARQL with ?document_iri bound by VALUES; `extend` given only their rows, and the
    store's folder `store_dir`)."""
    solutions = query_graph(store, spec.rows if documents is None else bound(spec.rows, "document_iri", documents))
    names = [v.value for v in solutions.variables]
    if spec.extend is None:
        return names, (list(s) for s in solutions)
    return spec.extend(store, names, [list(s) for s in solutions], documents is not None, store_dir)


def _lines(names: list[str], rows) -> tuple[dict[str, bytes], int]:
    """IRI -> its line (without the newline) and the row count; a document's rows sorted by their JSON
    (the store's solution order differs between a whole and a bound query: the file must not)."""
    at = names.index("document_iri")
    grouped: dict[str, list[bytes]] = {}
    count = 0
    for values in rows:
        cells = [_encode(v) for k, v in enumerate(values) if k != at]
        grouped.setdefault(values[at].value, []).append(json.dumps(cells, ensure_ascii=False).encode("utf-8"))
        count += 1
    lines = {}
    while grouped:  # each document's rows dropped as its line is made: the table's bytes held once
        iri, found = grouped.popitem()
        lines[iri] = b'[' + json.dumps(iri, ensure_ascii=False).encode("utf-8") + b',[' + b",".join(sorted(found)) + b"]]"
    return lines, count


def _write(folder: Path, query, spec: DocTableSpec, stamp: str, columns: list[str], keys: np.ndarray,
           lines: Iterable, count: int, cost: Cost | None) -> DocTableInfo:
    """The table's files from its lines (bytes-like, newline included) in key order, each written as it
    comes (listings.write_lines), meta last (with `cost`, what its last whole write and update cost)."""
    folder.mkdir(parents=True, exist_ok=True)
    data, index, meta = _paths(folder, query.name)
    offsets = np.frombuffer(write_lines(data, lines), dtype=np.uint64)
    write_atomic(index, keys.astype("<u8").tobytes() + offsets.astype("<u8").tobytes())
    info = DocTableInfo(query.name, digest(query.text), spec.identity(), stamp, tuple(columns), len(offsets), count)
    body = {"format": FORMAT, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in info.__dict__.items()}}
    if cost is not None:
        body.update(cost.as_meta())
    write_atomic(meta, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    return info


def write_doc_table(store: ox.Store, folder: Path, query, spec: DocTableSpec, stamp: str,
                    last: Mapping | None = None) -> DocTableInfo:
    """Run the spec's rows SPARQL over the store; write one line per document, sorted by key (`last`:
    the last build's metadata, whose measured cost of an update it keeps)."""
    start = time.thread_time()
    names, rows = _rows(store, spec, store_dir=folder.parent)
    lines, count = _lines(names, rows)
    keyed = sorted((key_of(iri), iri) for iri in lines)
    return _write(folder, query, spec, stamp, [n for n in names if n != "document_iri"],
                  np.array([k for k, _ in keyed], dtype="<u8"), _each_line(lines, [iri for _k, iri in keyed]), count,
                  replace(Cost.of(last), line=line_cpu(start, len(keyed)) or Cost.of(last).line))


def _each_line(lines: dict[str, bytes], order: list[str]) -> Iterable[bytes]:
    """The documents' lines in `order`, newline included, each taken out of `lines` as it is written."""
    for iri in order:
        yield lines.pop(iri) + b"\n"



def update_doc_table(store: ox.Store, folder: Path, query, spec: DocTableSpec, stamp: str, last: Mapping,
                     documents: set[str], share: float = 1.0) -> DocTableInfo | None:
    """The table the last build wrote (`last`: its metadata, read before the build removed it) with
    the lines of `documents` computed again and every other line copied byte for byte: the file
    write_doc_table writes when nothing else changed (`documents` may name other nodes too: they
    have no rows). None when the last files do not fit `last`, the columns changed, or more than
    `share` of the table's documents are in `documents` (then write the table whole). Its metadata
    keeps what a document computed again cost (table_delta.Cost.bound)."""
    start = time.thread_time()
    data, index, _meta = _paths(folder, query.name)
    try:
        old, both = data.read_bytes(), np.fromfile(index, dtype="<u8")
    except OSError:
        return None
    n = int(last["documents"])
    if len(both) != 2 * n:
        return None
    keys, offsets = both[:n], both[n:].tolist()
    ends = offsets[1:] + [len(old)]
    drop = np.isin(keys, np.array([key_of(i) for i in documents], dtype="<u8"))
    if drop.sum() > share * n:
        log.info("per-document table %s: written whole (%d of its %d documents reached)", query.name, drop.sum(), n)
        return None
    names, rows = _rows(store, spec, sorted(documents), folder.parent) if documents else (["document_iri", *last["columns"]], [])
    columns = [c for c in names if c != "document_iri"]
    if columns != list(last["columns"]):
        return None
    lines, count = _lines(names, rows)
    count += int(last["rows"])
    view = memoryview(old)
    for k in np.flatnonzero(drop).tolist():
        iri, found = json.loads(view[offsets[k]:ends[k]].tobytes())
        if iri in documents:
            count -= len(found)
        else:  # another document with the same key
            drop[k] = False
    kept = np.flatnonzero(~drop).tolist()
    kept_keys = keys[kept].tolist()

    def iri_at(i: int) -> str:
        return json.loads(view[offsets[kept[i]]:ends[kept[i]]].tobytes())[0]

    out, out_keys, i = [], [], 0
    for key, iri in sorted((key_of(iri), iri) for iri in lines):
        while i < len(kept) and (kept_keys[i] < key or kept_keys[i] == key and iri_at(i) < iri):
            out.append(view[offsets[kept[i]]:ends[kept[i]]])
            out_keys.append(kept_keys[i])
            i += 1
        out.append(lines[iri] + b"\n")
        out_keys.append(key)
    out += [view[offsets[k]:ends[k]] for k in kept[i:]]
    out_keys += kept_keys[i:]
    log.info("per-document table %s: %d of %d documents' lines computed again (%d nodes reached)", query.name,
             len(lines), len(out), len(documents))
    bound = (time.thread_time() - start) / len(lines) if lines else None
    return _write(folder, query, spec, stamp, columns, np.array(out_keys, dtype="<u8"), out, count,
                  replace(Cost.of(last), bound=bound or Cost.of(last).bound))


def write_doc_tables(store: ox.Store, store_dir: str | os.PathLike, workers: int | None = None,
                     change=None) -> dict[str, int]:
    """Every per-document table (SPECS) of the store's current build, `workers` threads (pyoxigraph
    evaluates without the GIL). Returns rows per table. `change` (table_delta.Change, from an add):
    a table the last build wrote is updated, only the documents a changed triple reaches computed
    again (update_doc_table); else, or when the add reaches more than table_delta.SHARE of them,
    the table is written whole."""
    return run_jobs(doc_table_jobs(store, store_dir, change), workers)


def doc_table_jobs(store: ox.Store, store_dir: str | os.PathLike, change=None) -> list[TableJob]:
    """write_doc_tables' work, one job a table (each returns its rows), planned here (not
    thread-safe: the walks) for listings.run_jobs; none before a build wrote its metadata."""
    from directive_kg.queries import load_query

    folder = Path(store_dir) / FOLDER
    for name in SPECS:
        _paths(folder, name)[2].unlink(missing_ok=True)  # the data stays: an update reads it
    stamp = build_stamp(store)
    if stamp is None:
        return []
    queries = {name: load_query(name) for name in SPECS}
    plans = {name: _plan(store, folder, change, queries[name], spec) for name, spec in SPECS.items()}

    def one(spec: DocTableSpec) -> int:
        query, plan = queries[spec.query], plans[spec.query]
        updated = None if plan is None else update_doc_table(store, folder, query, spec, stamp, *plan)
        last = None if change is None else change.last.get(_paths(Path(), query.name)[2].name)
        return (updated or write_doc_table(store, folder, query, spec, stamp, last)).rows

    return [TableJob(name, lambda spec=spec: one(spec)) for name, spec in SPECS.items()]


def _plan(store: ox.Store, folder: Path, change, query, spec: DocTableSpec) -> tuple[Mapping, set[str], float] | None:
    """update_doc_table's (last build's metadata, documents to compute again, share) when the table
    can be updated."""
    from directive_kg.table_delta import SHARE, reached, walk_budget

    last = None if change is None else change.last.get(_paths(Path(), query.name)[2].name)
    if last is None or last.get("format") != FORMAT or last.get("digest") != digest(query.text) or \
            last.get("rows_digest") != spec.identity():
        return None
    # the nodes reached at the rows' focus (?document_iri: table_delta.positioned_walk), the table's
    # documents among them counted, the share update_doc_table allows
    share = Cost.of(last).share(SHARE if spec.share is None else spec.share)
    n = int(last["documents"])
    counted = _documents_in(folder, query.name, n)
    documents = None if counted is None else reached(store, change, spec.rows, spec.reads, int(share * n), counted,
                                                     walk_budget(last, n))
    if documents is None:
        log.info("per-document table %s: written whole (unbounded, the change reaches too many nodes, or the "
                 "walk would cost more than the whole write)", query.name)
    return None if documents is None else (last, documents, share)


def _documents_in(folder: Path, name: str, n: int) -> Callable[[Iterable[str]], int] | None:
    """How many of some nodes ("<iri>", as table_delta walks them) have a line in the table the last
    build wrote (its `n` documents; a key shared by two IRIs counted: update_doc_table's count, at
    most); None when its index cannot be read."""
    try:
        keys = np.fromfile(_paths(folder, name)[1], dtype="<u8")[:n]
    except OSError:
        return None
    known: dict[str, bool] = {}

    def count(nodes: Iterable[str]) -> int:
        nodes = list(nodes)
        new = [x for x in nodes if x not in known and x.startswith("<")]
        found = np.isin(np.array([key_of(x[1:-1]) for x in new], dtype="<u8"), keys)
        known.update(zip(new, found.tolist()))
        return sum(known.get(x, False) for x in nodes)

    return count


# --- reading ---------------------------------------------------------------------------------------


def table_info(store_dir: str | os.PathLike, query, store: ox.Store) -> DocTableInfo | None:
    """The per-document table of `query` if it is current (this build, this query and rows text)."""
    spec = SPECS.get(query.name)
    if spec is None:
        return None
    meta = current_meta(_paths(Path(store_dir) / FOLDER, query.name)[2], query.text, store, FORMAT)
    if meta is None or meta.get("rows_digest") != spec.identity():
        return None
    return DocTableInfo(meta["query"], meta["digest"], meta["rows_digest"], meta["stamp"], tuple(meta["columns"]),
                        int(meta["documents"]), int(meta["rows"]))


def read_documents(store_dir: str | os.PathLike, info: DocTableInfo, iris: list[str]) -> dict[str, list[list]]:
    """The rows (lists of terms, in info.columns' order) of each of `iris` that has any."""
    data, index, _meta = _paths(Path(store_dir) / FOLDER, info.query)
    both = np.memmap(index, dtype="<u8", mode="r") if info.documents else np.zeros(0, dtype="<u8")
    keys, offsets = both[:info.documents], both[info.documents:]
    wanted = np.array([key_of(i) for i in iris], dtype="<u8")
    at = np.searchsorted(keys, wanted)
    found: dict[str, list[list]] = {}
    terms: dict = {}  # one term per distinct cell (rows repeat levels, roles, bodies, documents)

    def term(cell: Any) -> Any:
        key = cell if not isinstance(cell, dict) else tuple(cell.items())
        t = terms.get(key)
        if t is None:
            t = terms[key] = _decode_term(cell)
        return t

    with open(data, "rb") as f:
        for iri, k, position in sorted(zip(iris, wanted.tolist(), at.tolist()), key=lambda x: x[2]):
            while position < info.documents and int(keys[position]) == k:
                f.seek(int(offsets[position]))
                line_iri, rows = json.loads(f.readline())
                if line_iri == iri:
                    found[iri] = [[term(c) for c in row] for row in rows]
                    break
                position += 1
    return found


def select(store_dir: str | os.PathLike, info: DocTableInfo, query, store: ox.Store,
           bindings: Mapping[str, Any]) -> tuple[list[str], list[dict]] | None:
    """The query's solutions (columns, rows of terms) from the walk and the table: what the SPARQL gives,
    without an order (the runner sorts by `# sort:`). None when DOC is not an IRI (the SPARQL answers)."""
    from directive_kg.queries import bind_values

    spec = SPECS[query.name]
    doc, via = bindings.get("doc"), bindings.get("via", IMPLEMENTS)
    if not isinstance(doc, ox.NamedNode) or not isinstance(via, ox.NamedNode) or (
            spec.vias is not None and via.value not in spec.vias):
        return None
    columns = projection(query.text)
    edges = walk(store, doc, via)
    if spec.skip_root:
        edges = {e: d for e, d in edges.items() if e[0] != doc}
    elif spec.parent is False:  # DOC's own rows at depth 0 (the query's branch for DOC itself)
        edges[(doc, None)] = 0
    rows = read_documents(store_dir, info, sorted({child.value for child, _ in edges}))
    parent_at = info.columns.index("parent") if spec.parent else None
    depths: dict[tuple, int] = {}  # (document, parent or None): the least depth, as MIN(?k)
    for (child, parent), depth in edges.items():
        key = (child, parent if spec.parent else None)
        depths[key] = min(depth, depths.get(key, depth))
    seen: set[tuple] = set()
    out: list[dict] = []
    fixed = {**bindings, "doc": doc, "via": via}
    roots = [{}]
    if spec.root:
        found = query_graph(store, bind_values(spec.root, {"doc": doc}))
        roots = [dict(zip([v.value for v in found.variables], s)) for s in found]
    for (child, parent), depth in depths.items():
        for row in rows.get(child.value, ()):
            if parent_at is not None and row[parent_at] != parent:
                continue
            merged = {**fixed, **dict(zip(info.columns, row)), "document_iri": child, "parent": parent,
                      "depth": ox.Literal(depth)}
            for root in roots:
                values = tuple(root[c] if c in root else merged.get(c) for c in columns)
                if values not in seen:
                    seen.add(values)
                    out.append(dict(zip(columns, values)))
    return columns, out
