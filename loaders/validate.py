"""SHACL validation of the graph: pySHACL (the reference) and a fast path of SPARQL queries on Oxigraph.

The fast path translates the shapes generically, one SPARQL SELECT per constraint (a property shape's
value tests merged into one, its min/max counts into another: shacl_sparql._Filtered, _Counted), run on the merged
graph of the store (its default graph: every triple of the data graphs once, see loaders.store), or
on an in-memory merge of the named graphs of any other store given. The checks of one target are
screened first (_screened: one query returns the focus nodes that may fail any of them,
shacl_sparql.screen_query); they then run over those nodes only, mostly none:
- targets: sh:targetClass (with rdfs:subClassOf*), implicit class targets, sh:targetNode,
  sh:targetSubjectsOf, sh:targetObjectsOf;
- paths: IRIs, inverse, sequence, alternative, zero-or-more, one-or-more, zero-or-one;
- constraints: sh:class, sh:datatype (ill-typed literals fail, judged by rdflib like pySHACL does),
  sh:nodeKind, sh:minCount, sh:maxCount, sh:pattern (+ sh:flags), sh:in, sh:hasValue,
  sh:min/maxInclusive, sh:min/maxExclusive, sh:min/maxLength, and sh:sparql SELECT constraints
  (sh:prefixes honoured; $this bound by joining the target, or per focus node when the query has
  aggregates or sub-queries).
A top-level shape that uses anything else (sh:or, sh:node, sh:closed, ...) or whose query Oxigraph
refuses is validated by pySHACL instead, and the report names it (``fallback``), loudly: the
warning goes to the log and into the plain-text report. tests/test_validate*.py prove that both
engines report the same results on every fixture and on the corpus graph.

Results carry terms in N-Triples form ("<iri>", '"x"@vi'), paths in SPARQL syntax and a stable key
for the source shape (its IRI, or "<parent shape>/<path>" for a blank property shape), so results of
the two engines compare as plain tuples.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import pickle
import re
import select
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SH

from loaders.paths import ONTOLOGY
from loaders.shacl_sparql import (_IRI, TYPE_PATH, WELL_TYPED, Check, Unsupported, corpus_wide, nt, screen_query,
                                  shape_key, sparql_path, target_block, top_level_shapes, translate, without_targets)
from loaders.store import DKG, PREFIXES, KGStore, merged_complete, merged_ntriples, sources_of
from loaders.workers import give_back_memory

log = logging.getLogger(__name__)

SHAPES = ONTOLOGY / "shapes.ttl"
SEVERITIES = ("Violation", "Warning", "Info")
DATA_GRAPH = "urn:x-directive-kg:data"          # where text given to validate() is loaded

__all__ = ["validate", "validate_batches", "BatchChecks", "GraphsOf", "ValidationReport", "ValidationResult", "load_shapes", "SHAPES", "Unsupported"]


@dataclass(frozen=True)
class ValidationResult:
    severity: str                 # Violation | Warning | Info
    focus: str                    # N-Triples term
    path: str | None              # SPARQL property path, None for node shapes
    value: str | None             # N-Triples term
    message: str
    source_shape: str             # IRI in <>, or "<parent>/path" for a blank property shape
    component: str                # "MinCountConstraintComponent", ...
    source_file: str | None = None  # path of the file whose graph holds the focus node
    document: str | None = None     # the document of that file: "2644-CV/TU" or its IRI

    def key(self) -> tuple:
        return (self.focus, self.path, self.severity, self.source_shape, self.component, self.value)


@dataclass(frozen=True)
class ValidationReport:
    engine: str                          # "fast" | "pyshacl"
    results: tuple[ValidationResult, ...]
    fallback: tuple[str, ...] = ()       # "shape key: reason" for shapes the fast path left to pySHACL
    seconds: float = 0.0
    # the changed triples since the last validation (validate_scope.Delta), None when not known: the
    # tables of an add are bounded by them too (directive_kg.table_delta)
    delta: Any = field(default=None, compare=False, repr=False)

    @property
    def conforms(self) -> bool:
        return not self.results

    def count(self, severity: str) -> int:
        return sum(r.severity == severity for r in self.results)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        return self.count("Warning")

    def keys(self) -> set[tuple]:
        return {r.key() for r in self.results}

    def to_text(self) -> str:
        return _text_report(self)

    def to_turtle(self) -> str:
        return _turtle_report(self)


# --- entry point ---------------------------------------------------------------------------------

def validate(data, shapes: str | os.PathLike | rdflib.Graph | None = None, engine: str = "fast",
             locate: bool | KGStore | ox.Store = True,
             progress: Callable[[int, int], None] = lambda done, total: None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default ontology/shapes.ttl).

    ``data``: a KGStore or pyoxigraph.Store (its merged graph, or the union of its named graphs), a
    Path to an RDF file, or RDF text (Turtle, N-Triples or TriG; the union of its graphs).
    ``engine``: "fast" or "pyshacl". ``locate``: add the source file and document of each focus node,
    looked up in the store validated (True) or in the store given (whose named graphs are the files).
    ``progress(done, total)``: called as checks finish (a progress bar's hook; pySHACL is one check).
    """
    if engine not in ("fast", "pyshacl"):
        raise ValueError(f"unknown SHACL engine {engine!r}: use 'fast' or 'pyshacl'")
    started = time.perf_counter()
    sg = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    store = _as_store(data)
    if engine == "pyshacl":
        results, fallback = _pyshacl(*_rdflib_merged(store), sg), ()
        progress(1, 1)
    else:
        results, fallback = _fast(store, sg, progress)
    if locate is not False:
        results = _locate(store if locate is True else _as_store(locate), results)
    results = tuple(sorted(set(results), key=_sort_key))
    return ValidationReport(engine, results, fallback, time.perf_counter() - started)


def load_shapes(shapes: str | os.PathLike | None = None) -> rdflib.Graph:
    """The shapes graph, from a file path, from Turtle text, or ontology/shapes.ttl."""
    g = rdflib.Graph()
    if shapes is None or isinstance(shapes, os.PathLike) or (isinstance(shapes, str) and "\n" not in shapes
                                                             and Path(shapes).suffix in (".ttl", ".nt", ".trig")):
        g.parse(Path(shapes or SHAPES), format="turtle")
    else:
        g.parse(data=shapes, format="turtle")
    return g


def _as_store(data) -> ox.Store:
    if isinstance(data, KGStore):
        data = data.store
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    if isinstance(data, os.PathLike):
        path = Path(data)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        text = path.read_bytes()
    else:
        text, fmt = data, ox.RdfFormat.TRIG  # TriG reads Turtle and N-Triples too
    if fmt.supports_datasets:
        store.load(text, format=fmt)
        if any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
            store.update(f"MOVE DEFAULT TO <{DATA_GRAPH}>")
    else:
        store.load(text, format=fmt, to_graph=ox.NamedNode(DATA_GRAPH))
    return store


def _rdflib_merged(store: ox.Store) -> tuple[rdflib.Graph, dict]:
    """The merged graph (else the union) as an rdflib Graph, and its blank nodes -> their labels in
    the store (so that both engines name a blank node alike)."""
    text = merged_ntriples(store)
    g, labels = rdflib.Graph(), {}
    with _quiet_rdflib():
        g.parse(data=text, format="nt", bnode_context=labels)
    return g, {b: label for label, b in labels.items()}


def _sort_key(r: ValidationResult) -> tuple:
    return (r.source_file or "~", SEVERITIES.index(r.severity), r.focus, r.path or "", r.source_shape,
            r.component, r.value or "")


def _well_typed(term):
    """rdflib's verdict on a literal's lexical form (the one pySHACL uses)."""
    if not isinstance(term, ox.Literal):
        return ox.Literal(False)
    with _quiet_rdflib():
        lit = Literal(term.value, datatype=term.datatype.value)
        ok = not getattr(lit, "ill_typed", False)
    return ox.Literal(ok)


class _quiet_rdflib:
    """rdflib logs a traceback for every ill-typed literal it meets; the report says it better."""

    def __enter__(self):
        self.logger = logging.getLogger("rdflib.term")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)


_FUNCTIONS = {ox.NamedNode(WELL_TYPED): _well_typed}


def _translated(sg: rdflib.Graph, closure: "_ClassClosure") -> tuple[list[tuple], dict]:
    """[(shape, check)] of every translated shape, and {shape: why} of those left to pySHACL."""
    checks, fallback = [], {}
    for shape in top_level_shapes(sg):
        try:
            checks += [(shape, closure.apply(check)) for check in translate(sg, shape)]
        except Unsupported as e:
            fallback[shape] = str(e)
    return checks, fallback


def check_label(check: Check) -> str:
    """A check's name in a profile: its shape key and component."""
    return f"{check.shape} {check.component.replace('ConstraintComponent', '')}"


def _run_checks(store: ox.Store, checks: Sequence[tuple], fallback: dict,
                progress: Callable[[int, int], None] = lambda done, total: None, done: int = 0,
                total: int | None = None, profile: dict | None = None,
                default_graph: list | None = None, shared_predicates: frozenset[str] = frozenset()) -> list[ValidationResult]:
    """The results of ``checks`` on ``store``'s default graph (or the union of ``default_graph``); a
    check Oxigraph refuses puts its shape in ``fallback`` (its results are then pySHACL's).
    ``profile``: label -> CPU seconds of the thread that ran the check, added to
    (bench/validate_profile.py). ``shared_predicates``: the predicates of the shared graphs of a batch's store
    (_screened)."""
    outcomes = _run_each(store, checks, progress, done, total, profile, default_graph, shared_predicates)
    for (shape, _), found in zip(checks, outcomes):
        if isinstance(found, str):
            fallback.setdefault(shape, found)
    return [r for (shape, _), found in zip(checks, outcomes) if shape not in fallback for r in found]


def _run_each(store: ox.Store, checks: Sequence[tuple], progress: Callable[[int, int], None] = lambda done, total: None,
              done: int = 0, total: int | None = None, profile: dict | None = None,
              default_graph: list | None = None, shared_predicates: frozenset[str] = frozenset()) -> list[list[ValidationResult] | str]:
    """Each check's results on ``store``'s default graph (or the union of ``default_graph``), in
    order; a check Oxigraph refuses gives the reason instead (the corpus-wide checks kept per
    check: loaders.validate_scope). Screened first (_screened): a check whose screen returns no
    focus node does not run."""
    def check_results(item) -> list[ValidationResult] | str:
        if item[1] is None:
            return []
        cpu = time.thread_time()
        try:
            return list(_run(store, item[1], _FUNCTIONS, default_graph))
        except (SyntaxError, OSError, ValueError) as e:  # a query Oxigraph refuses (regex syntax, ...)
            return f"Oxigraph could not run its query: {e}"
        finally:
            if profile is not None:
                label = check_label(item[1])
                profile[label] = profile.get(label, 0.0) + time.thread_time() - cpu

    outcomes = []
    # Oxigraph evaluates a query without the GIL for much of its time: 2 threads gain ~25% on 2 cores.
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        todo = _screened(store, checks, pool, profile, default_graph, shared_predicates)
        for found in pool.map(check_results, todo):  # in order: a count, not a per-check log
            outcomes.append(found)
            progress(done + len(outcomes), total or len(checks))
    return outcomes


SCREENED_MAX = 1000  # focus nodes a screen may return for its checks to run over them alone (VALUES)


def _target_text(query: str) -> str | None:
    """The part of a check's query that binds its focus nodes: its target block, or the look-up of
    a batch's marked targets (_BatchTargets)."""
    block = target_block(query)
    if block is not None:
        return query[block[0]:block[1]]
    found = _BATCH_LOOKUP.search(query)
    return found.group(0) if found else None


def _screened(store: ox.Store, checks: Sequence[tuple], pool: ThreadPoolExecutor, profile: dict | None,
              default_graph: list | None = None, shared_predicates: frozenset[str] = frozenset()) -> list[tuple]:
    """The checks, each (shape, check) with a Screen (shacl_sparql.screen_query) replaced by the
    check over the focus nodes its screen returns (given by VALUES: all of them are targets), or by
    (shape, None) when it returns none: one screen query a target and its checks (two or more)
    instead of a pass over the focus nodes a check. The same results: a check only fails on nodes
    its screen returns. A screen Oxigraph refuses, or that returns blank nodes or more than
    SCREENED_MAX nodes, leaves its checks as they are. A scoped target's nodes bind every group
    of the screen that binds ?this (validate_scope.bound_to_focus); a batch's marked targets bind
    those that name one of ``shared_predicates`` (IRIs in <>): read in the union, such a group
    went over the corpus graph's lines every batch (CitationShape's resolution method and confidence
    of the inferred citations: bench/README.md, val19); the others read the batch's own triples and
    cost more bound."""
    from loaders.validate_scope import bound_to_focus

    groups: dict[str, list[int]] = {}
    for i, (_, check) in enumerate(checks):
        target = _target_text(check.query) if check.screen is not None and not check.per_focus else None
        if target is not None:
            groups.setdefault(target, []).append(i)
    groups = {target: members for target, members in groups.items() if len(members) > 1}

    def screen(item) -> set[str] | None:
        target, members = item
        cpu = time.thread_time()
        try:
            query = bound_to_focus(screen_query(target, [checks[i][1].screen for i in members]), _BATCH_LOOKUP,
                                   lambda own: not shared_predicates.isdisjoint(_IRI.findall(own)))
            rows = store.query(query, custom_functions=_FUNCTIONS,
                               **({"default_graph": default_graph} if default_graph is not None else {}))
            return {str(row["this"]) for row in rows}
        except (SyntaxError, OSError, ValueError):
            return None
        finally:
            if profile is not None:
                label = f"{checks[members[0]][1].shape.split('>/', 1)[0].rstrip('>')}> screen"  # the top-level shape
                profile[label] = profile.get(label, 0.0) + time.thread_time() - cpu

    todo = list(checks)
    for (target, members), nodes in zip(groups.items(), pool.map(screen, groups.items())):
        if nodes is None or len(nodes) > SCREENED_MAX or any(n.startswith("_:") for n in nodes):
            continue
        given = "{ VALUES ?this { " + " ".join(sorted(nodes)) + " } }"
        for i in members:
            shape, check = checks[i]
            todo[i] = (shape, replace(check, query=check.query.replace(target, given)) if nodes else None)
    return todo


def _with_fallback(store: ox.Store, sg: rdflib.Graph, results: list, fallback: dict) -> tuple[list, tuple]:
    """Results of the shapes left to pySHACL (run on the merged graph) added; the notes naming them."""
    keys = tuple(shape_key(sg, s) for s in fallback)
    results = [r for r in results if not any(r.source_shape == k or r.source_shape.startswith(k + "/") for k in keys)]
    notes = tuple(f"{shape_key(sg, s)}: {why}" for s, why in sorted(fallback.items(), key=lambda i: str(i[0])))
    if fallback:
        for note in notes:
            log.warning("SHACL fast path: shape validated by pySHACL instead: %s", note)
        results += _pyshacl(*_rdflib_merged(store), without_targets(sg, keep=fallback))
    return results, notes


def _fast(store: ox.Store, sg: rdflib.Graph, progress: Callable[[int, int], None] = lambda done, total: None):
    flat = store if merged_complete(store) else _flattened(store)
    checks, fallback = _translated(sg, _ClassClosure(flat))
    results = _run_checks(flat, checks, fallback, progress)
    return _with_fallback(store, sg, results, fallback)


# --- streamed: per batch of files, then corpus-wide ------------------------------------------------

BATCH_DATA = "urn:x-directive-kg:batch-data"  # the batch's triples; the checks read its union with the shared
BATCH_SHARED = "urn:x-directive-kg:batch-shared"  # the shared graphs in a batch's store (named: USING can name it)
BATCH_TARGETS = "urn:x-directive-kg:batch-targets"  # each target block's focus nodes in the batch, computed once
MAIN_PART = "(main: "  # the profile's labels of what this process does besides running checks
TARGET_OF = "urn:x-directive-kg:target/"      # + number: the predicate of one target block's nodes there
_LOOKUP = "{{ GRAPH <" + BATCH_TARGETS + "> {{ ?this <" + TARGET_OF + "{k}> ?target_mark }} }}"  # a batch check's targets
_BATCH_LOOKUP = re.compile(re.escape(_LOOKUP.format(k="K")).replace("K", r"\d+"))  # found again by _target_text


def _in_batch(check: Check) -> Check | None:
    """The check with its focus nodes limited to the subjects of the batch (the subjects of
    BATCH_DATA); None when its query has no target block to limit (then it runs corpus-wide). A
    FILTER EXISTS at the end of the target block: joined first, the mark made the checks 6x slower."""
    block = None if check.per_focus else target_block(check.query)
    if block is None:
        return None
    at = check.query.rindex("}", block[0], block[1] - 1)  # inside the inner WHERE block, after the targets
    mark = f"FILTER EXISTS {{ GRAPH <{BATCH_DATA}> {{ ?this ?batch_p ?batch_o }} }} "
    return replace(check, query=check.query[:at] + mark + check.query[at:])


@dataclass(frozen=True)
class _BatchTargets:
    """The batch checks with their target blocks computed once a batch: checks of one shape share
    their targets (an evidence node's type test and batch mark cost 40 % of each of its ~25 checks).
    ``blocks[k]`` is a target query; the checks read its nodes as ``?this <TARGET_OF k> true`` in
    BATCH_TARGETS: the same bindings of ?this, one each, as the DISTINCT block gave."""
    blocks: tuple[str, ...]
    checks: tuple[tuple, ...]  # (shape, check reading BATCH_TARGETS)

    @classmethod
    def of(cls, local: Sequence[tuple]) -> "_BatchTargets":
        blocks: dict[str, int] = {}
        checks = []
        for shape, check in local:
            start, end = target_block(check.query)
            k = blocks.setdefault(check.query[start:end], len(blocks))
            lookup = _LOOKUP.format(k=k)
            checks.append((shape, replace(check, query=check.query[:start] + lookup + check.query[end:])))
        return cls(tuple(blocks), tuple(checks))

    def mark(self, mem: ox.Store) -> None:
        """Each target block's nodes (read in the union of BATCH_SHARED and BATCH_DATA) into
        BATCH_TARGETS, by a SPARQL update: the nodes never become Python objects (half the time)."""
        dataset = f"USING <{BATCH_SHARED}> USING <{BATCH_DATA}> USING NAMED <{BATCH_DATA}>"
        for k, block in enumerate(self.blocks):
            mem.update(f"INSERT {{ GRAPH <{BATCH_TARGETS}> {{ ?this <{TARGET_OF}{k}> true }} }} {dataset} WHERE {block}")


def _add(mem: ox.Store, graphs: Mapping[str, str], to: Sequence[ox.DefaultGraph | ox.NamedNode]) -> None:
    """Graphs into each graph of ``to`` (parsed in Rust unless they have blank nodes, which keep the
    labels the persistent store gives them)."""
    for g in graphs:
        text = graphs[g]
        if "_:" in text:
            quads = list(_quads(graphs, g))
            for graph in to:
                mem.extend(ox.Quad(*q.triple, graph) for q in quads)
        else:
            data = text.encode("utf-8")
            for graph in to:  # lenient (no IRI checks, 1/3 faster): the texts are the store's, parsed strictly
                mem.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)


def validate_batches(batches: Iterable[Mapping[str, str]], shared: Mapping[str, str], store: ox.Store, *,
                     shapes: str | os.PathLike | rdflib.Graph | None = None, locate: bool | KGStore | ox.Store = True,
                     progress: Callable[[int, int], None] = lambda done, total: None,
                     count: int | None = None, profile: dict | None = None,
                     workers: int | None = None, memo: str | os.PathLike | None = None,
                     digest: Callable[[str], str] | None = None,
                     also_read: frozenset | None = frozenset(),
                     merged_changes: tuple[frozenset[str] | None, str | None] = (None, None)) -> ValidationReport:
    """The fast path's results on the merged graph of ``store`` (a complete merged default graph),
    without that graph in memory. In memory: the ``shared`` graphs (graph IRI -> N-Triples: the
    corpus graph, ontology, code lists: what the files' nodes point to and add to), and one batch of
    graphs on top, whose subjects are the focus nodes of the per-file checks; then the shared graphs'
    own subjects. Each target block of the batch checks is evaluated once a batch (_BatchTargets),
    the checks read its nodes from there. The shared graphs are parsed once; each batch is checked
    in a forked copy of that store (_BatchRunner: ``workers`` at once, default one a core), which
    ends with its child: Oxigraph keeps the strings of removed triples, so one store reused grew by
    ~100 MB a batch. The corpus-wide checks
    (shacl_sparql.corpus_wide: SPARQL constraints that read other nodes, class tests of other nodes,
    shapes of nodes several files describe) run once, as SPARQL on ``store``. tests/test_stream.py
    proves the results equal validate()'s. ``progress(done, total)`` counts checks run; ``count``:
    the number of batches, when known (for the total); ``profile``: label -> CPU seconds, added to
    for every check and for the batches' own loading. ``workers``: batches checked at once.
    ``memo``: a file (loaders.validate_memo) keeping the per-file results of the last run: only the
    graphs that changed, are new, or that a change can reach are checked again (``digest(graph)``:
    its content hash, so that unchanged texts are never read); each corpus-wide check runs over
    the focus nodes the changed triples reach, or whole where it cannot be bounded, and keeps the
    last build's results of the others (loaders.validate_scope); results are located again only
    where a changed graph mentions their focus node.
    ``also_read``: predicates whose changed triples the report's ``delta`` must hold besides those the
    checks read (None: all), for others bounded by the change (directive_kg.table_delta).
    ``merged_changes``: (the lines that entered or left the merged graph, the manifest_digest of the
    state they changed: store.SyncResult's merged_changes and since): when that state is the one the
    memo validated last, the ``delta`` keeps only those lines: a file's line that another graph holds
    too (a cited document's date and number) changes no answer.
    The same in two steps, the per-batch pass beside the load of ``store``: BatchChecks.
    """
    return BatchChecks(batches, shared, store, shapes=shapes, count=count, profile=profile, workers=workers,
                       memo=memo, digest=digest, also_read=also_read).report(store, locate, progress, merged_changes)


class BatchChecks:
    """validate_batches in two steps: ``BatchChecks(...)`` prepares the checks and starts the
    per-batch pass, ``report(store)`` runs the corpus-wide checks on the loaded store and gives the
    report. Given ``store=None`` (the store is being loaded), the pass does not wait for it: it reads
    the class hierarchy (_ClassClosure) and the data predicates of the corpus-wide checks' scopes
    (validate_scope.data_predicates) from the shared graphs, and runs in a process of its own
    (_Beside: a fresh interpreter, not a fork of the caller), beside the caller's load on the other core. report() asks the loaded
    store for both again: when it answers otherwise (a file graph declaring a subclass, say), the
    pass's results are dropped and it runs again, as validate_batches runs it: the report is the same."""

    def __init__(self, batches: Iterable[Mapping[str, str]], shared: Mapping[str, str], store: ox.Store | None, *,
                 shapes: str | os.PathLike | rdflib.Graph | None = None, count: int | None = None,
                 profile: dict | None = None, workers: int | None = None, memo: str | os.PathLike | None = None,
                 digest: Callable[[str], str] | None = None, also_read: frozenset | None = frozenset(),
                 later: bool = False):
        started = time.perf_counter()
        self.unloaded = store is None  # prepared from the shared graphs: report() asks the store again
        self.beside = self.unloaded and hasattr(os, "fork")
        batches = list(batches) if self.unloaded else batches
        self.again = dict(batches=batches, shared=shared, shapes=shapes, count=count, profile=profile,
                          workers=workers, memo=memo, digest=digest, also_read=also_read)
        self.profile = profile
        self.clock = _CpuClock(profile)
        base = _shared_store(shared, profile) if self.unloaded else None
        asked = store if store is not None else _Within(base, BATCH_SHARED)
        targets, plain = self._translate(shapes, asked)
        self.keeper = self._keeper(memo, plain, shared, digest, also_read, asked)
        # beside, the shared graphs' store parsed here is dropped before the pass starts: its process parses its own
        del asked
        base = None if self.beside else base
        if later:  # the batches it is sure of start now (beside), the others come with more()
            self.pending = (shared, targets, workers, memo, base)
            if self._early(batches):
                self._start(self.started, {}, shared, targets, workers, memo, base, later=True)
        else:
            batches, own = self._plan(batches, shared, count)
            self._start(batches, own, shared, targets, workers, memo, base)
        self.seconds = time.perf_counter() - started  # its own: not the caller's load between

    def _early(self, batches: list) -> list:
        """Of a pass whose other batches come later (more()), the batches checked whatever they are: all
        but the last given (each as long as the longest) when every graph will be checked (no memo, or
        none recorded under these checks: a first build), for _Keeper.select cuts them alike then;
        none otherwise (which graphs are checked again depends on them all)."""
        sure = self.beside and (self.keeper is None or not self.keeper.before)
        self.started = batches[:-1] if sure else []
        return self.started

    def more(self, batches: Sequence[Mapping[str, str]], count: int | None = None) -> None:
        """The pass made with ``later``: all its batches now (those it began with first, the same),
        planned together; those not begun and the shared pass go to its process (or it starts now)."""
        started = time.perf_counter()
        shared, targets, workers, memo, base = self.pending
        batches = list(batches)
        self.again.update(batches=batches, count=count)
        planned, own = self._plan(batches, shared, count)
        planned, begun = list(planned), len(self.started)
        if not begun:
            self._start(planned, own, shared, targets, workers, memo, base)
        elif [list(b) for b in planned[:begun]] != [list(b) for b in self.started]:
            raise RuntimeError("SHACL per-batch checks: the batches begun before the others came are not "
                               "those planned with them")
        else:
            self.running.more([(b, False) for b in planned[begun:]] + ([(own, True)] if own else []))
        self.seconds += time.perf_counter() - started

    def _translate(self, shapes, asked) -> tuple["_BatchTargets", list]:
        """The shapes translated (the class hierarchy asked of ``asked``) and split: the per-batch checks
        with their targets marked once a batch, the corpus-wide ones; the per-batch checks as translated."""
        with self.clock(MAIN_PART + "translate the shapes)"):
            self.sg = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
            closure = _ClassClosure(asked)
            checks, self.fallback = _translated(self.sg, closure)
            self.subclasses = closure.subclasses  # what report() asks the store again (beside a load)
            local, self.wide, plain = split_checks(self.sg, checks)
            targets = _BatchTargets.of(local)
        self.local = list(targets.checks)
        return targets, plain

    def _keeper(self, memo, plain: list, shared: Mapping[str, str], digest, also_read, asked) -> "_Keeper | None":
        with self.clock(MAIN_PART + "memo plan)"):
            return _Keeper(memo, plain, shared, digest, self.wide, also_read, asked) if memo is not None else None

    def _plan(self, batches, shared: Mapping[str, str], count: int | None) -> tuple[Iterable, Mapping[str, str]]:
        """The batches to check (with a memo: the graphs a change reaches) and the shared graphs' part
        the shared pass checks; the results kept from the last build."""
        self.results: set[ValidationResult] = set()
        with self.clock(MAIN_PART + "memo plan)"):
            if self.keeper is not None:
                batches = self.keeper.select(batches)
                self.results.update(self.keeper.plan.kept)
                count = self.keeper.batches
            # the shared graphs' own nodes (bodies, units, ...) are checked last: all, or those a change reaches
            own = shared if self.keeper is None else self.keeper.shared_pass()
        self.count = count
        if self.keeper is not None:
            self.results.update(self.keeper.shared_kept)
        return batches, own

    def _start(self, batches, own: Mapping[str, str], shared: Mapping[str, str], targets: "_BatchTargets",
               workers: int | None, memo, base: ox.Store | None, later: bool = False) -> None:
        """The per-batch pass started: beside (a process of its own) or here, a batch at a time;
        ``later``: beside, its process then waits for the other batches (more())."""
        # lazy: a batch's texts are read when it is checked
        self.todo = itertools.chain(((b, False) for b in batches), [(own, True)] if own else [])
        record = partial(_recorded, self.keeper.wanted) if self.keeper is not None else None
        if self.beside:  # one batch checked at a time while the store loads on the other core; ``workers`` after
            give_back_memory()
            self.running = _Beside((shared, targets, self.local, workers, self.profile, record, list(self.todo)),
                                   Path(memo).parent if memo is not None else None, later)
        else:
            self.runner = _BatchRunner(shared, targets, self.local, workers, self.profile, record, base=base)

    def total(self, batches_run: int = 0) -> int:
        return max((self.count or 0) + 1, batches_run) * len(self.local) + len(self.wide)  # +1: the shared pass

    def stop(self) -> None:
        """The pass given up (the load failed): its process ended."""
        if self.beside and hasattr(self, "running"):  # (begun: one made ``later`` starts with more() when unsure)
            self.running.stop()

    def _same_store(self, store: ox.Store) -> bool:
        """Whether ``store`` answers what the pass read from the shared graphs (beside a load)."""
        closure = _ClassClosure(store)
        same = all(closure._closure(cls) == classes for cls, classes in self.subclasses.items())
        return same and (self.keeper is None or self.keeper.same_data_predicates(store))

    def _first(self) -> bool:
        """Whether the corpus-wide checks run whole, needing no per-batch result (no results kept from
        the last build: a first build, or one of a new code version)."""
        return self.keeper is None or not self.keeper.previous_wide()

    def _wide(self, store: ox.Store, progress: Callable[[int, int], None], done: int, total: int,
              profile: dict | None) -> tuple[list, dict]:
        """The corpus-wide checks on ``store``: [(shape, results)] (shape None: the keeper's, any
        shape) and the shapes they left to pySHACL {shape: why}; a shape's results go if it falls back."""
        fallback: dict = {}

        def run_wide(todo: list) -> list:
            return _run_each(store, todo, progress, done, total, profile)

        wide, keeper = self.wide, self.keeper
        if keeper is not None:  # over the focus nodes the change reaches (validate_scope), then all recorded
            return [(None, keeper.wide_checks(store, wide, fallback, run_wide, self.clock))], fallback
        outcomes = run_wide(wide)
        for (shape, _), found in zip(wide, outcomes):
            if isinstance(found, str):
                fallback.setdefault(shape, found)
        return [(shape, found) for (shape, _), found in zip(wide, outcomes) if not isinstance(found, str)], fallback

    def report(self, store: ox.Store, locate: bool | KGStore | ox.Store = True,
               progress: Callable[[int, int], None] = lambda done, total: None,
               merged_changes: tuple[frozenset[str] | None, str | None] = (None, None)) -> ValidationReport:
        """The per-batch pass's results (waited for), the corpus-wide checks on ``store`` (loaded, its
        merged graph complete), the results located (``locate``) and the memo saved. ``merged_changes``:
        validate_batches' (known once the store is loaded). Beside, with no corpus-wide results kept (a
        first build), the corpus-wide checks run first, while the checking process ends its pass."""
        started = time.perf_counter()
        if self.beside:
            self.running.loaded()
        if self.unloaded:
            if not self._same_store(store):
                log.warning("SHACL per-batch checks: the loaded store's classes or data predicates differ from "
                            "the shared graphs' they were prepared with: checked again on the store")
                self.stop()
                if self.keeper is not None:
                    self.keeper.memo.close()
                return BatchChecks(**self.again, store=store).report(store, locate, progress, merged_changes)
        results, keeper, profile, clock = self.results, self.keeper, self.profile, self.clock
        if keeper is not None:
            keeper.merged_changes = merged_changes
        wide_profile = {} if profile is not None else None
        # a first build's corpus-wide checks need no per-batch result: run while the checking process ends its pass
        early = None
        if self.beside and self._first():
            log.info("SHACL corpus-wide checks: run beside the per-batch pass's last batches")
            early = self._wide(store, progress, 0, self.total(), wide_profile)
        done, batches_run = len(self.wide) if early is not None else 0, 0
        for item in self.running.results() if self.beside else _pass(self.runner, self.todo, lambda: False):
            if isinstance(item, dict):  # the pass's last word: the shapes its batches left to pySHACL
                for shape, why in item.items():
                    self.fallback.setdefault(shape, why)
                continue
            found, batch_profile, records = item
            batches_run += 1
            results.update(found)
            if keeper is not None:  # records: None for the shared pass (the last batch)
                keeper.checked(records) if records is not None else keeper.shared_checked(found)
            for label, seconds in batch_profile.items():
                if profile is not None:
                    profile[label] = profile.get(label, 0.0) + seconds
            done += len(self.local)
            progress(done, self.total(batches_run))
        if not self.beside:
            self.runner.close()
        total = self.total(batches_run)
        found_wide, wide_fallback = early if early is not None else self._wide(store, progress, done, total, wide_profile)
        fallback = self.fallback
        for shape, why in wide_fallback.items():  # after the pass's: as if the corpus-wide checks ran after it
            fallback.setdefault(shape, why)
        results.update(r for shape, found in found_wide if shape is None or shape not in fallback for r in found)
        progress(total, total)
        for label, seconds in (wide_profile or {}).items():
            profile[f"{label} (corpus-wide)"] = seconds
        found, notes = _with_fallback(store, self.sg, list(results), fallback)
        if locate is not False:
            with clock(MAIN_PART + "locate the results)"):
                where = store if locate is True else _as_store(locate)
                found = keeper.locate(where, found) if keeper is not None else _locate(where, found)
        if keeper is not None:
            with clock(MAIN_PART + "memo save)"):
                keeper.save()
        found = tuple(sorted(set(found), key=_sort_key))
        return ValidationReport("fast", found, notes, self.seconds + time.perf_counter() - started,
                                keeper.delta if keeper is not None else None)


def _pass(runner: "_BatchRunner", todo: Sequence[tuple], loaded: Callable[[], bool]) -> Iterable:
    """The per-batch pass: each (batch, shared_pass) of ``todo`` checked by ``runner``, each batch's
    (results, profile, records) in order, then the runner's fallback {shape: why}. ``loaded()``:
    the store is loaded, the runner may check ``workers`` batches at once (one before)."""
    for graphs, shared_pass in todo:
        if runner.at_once < runner.workers and loaded():
            runner.at_once = runner.workers
        yield from runner.submit(graphs, shared_pass=shared_pass)
    yield from runner.finish()
    yield dict(runner.fallback)


class _Beside:
    """The per-batch pass (_pass_beside) run in a process of its own while this one goes on (the load):
    a fresh interpreter (loaders.workers.Ahead), not a fork of this one, so that it holds only what the
    pass needs (the shared graphs' store, one batch at a time), never a copy of the caller's memory,
    which grows with the corpus. What it yields is pickled into an unlinked file (nothing held in
    memory, nothing left behind), read back by results() once the process ended. The process dies with
    this one: a killed build leaves no checker running. ``task``: _pass_beside's, without its files."""

    def __init__(self, task: tuple, folder: Path | None, later: bool = False):
        import tempfile

        from loaders import workers

        self.task = task
        self.out = tempfile.TemporaryFile(dir=folder)
        told, self.tell = os.pipe()
        # later: the rest of the pass (more()) pickled into a file of its own, then a byte on a pipe (a
        # pipe alone would block this process while the pass is still busy with the first batches)
        self.later = tempfile.TemporaryFile(dir=folder) if later else None
        ready, self.ready = os.pipe() if later else (-1, None)
        given = (self.later.fileno(), ready) if later else (-1, -1)
        try:
            self.running = workers.Ahead("loaders.validate:_pass_beside",
                                         (*task, self.out.fileno(), told, os.getpid(), given),
                                         pass_fds=tuple(fd for fd in (self.out.fileno(), told, *given) if fd >= 0))
        finally:
            os.close(told)
            if later:
                os.close(ready)

    def more(self, todo: list) -> None:
        """The rest of the pass (of one begun ``later``), to its process."""
        pickle.dump(todo, self.later, protocol=pickle.HIGHEST_PROTOCOL)
        self.later.flush()
        os.write(self.ready, b"1")
        self._close_later()
        self.task = (*self.task[:-1], self.task[-1] + todo)  # what results() runs here if the process said nothing

    def _close_later(self) -> None:
        if self.later is not None:
            os.close(self.ready)
            self.later.close()
            self.later = None

    def loaded(self) -> None:
        if self.tell is not None:
            try:
                os.write(self.tell, b"1")
            except BrokenPipeError:  # the pass ended first
                pass
            os.close(self.tell)
            self.tell = None

    def results(self) -> Iterable:
        """What the process yielded, in order (waited for); the pass run here if it said nothing (it
        could not start)."""
        from loaders.workers import Lost

        self.loaded()
        waited = time.perf_counter()
        answer = self.running.result()
        log.info("SHACL per-batch checks: %.1f s waited for them after the load", time.perf_counter() - waited)
        self.out.seek(0)
        said = False
        with self.out:
            while True:
                try:
                    kind, item = pickle.load(self.out)
                except EOFError:
                    break
                if kind != "ok":
                    raise RuntimeError(f"SHACL per-batch checks failed: {item}")
                said = True
                yield item
        if isinstance(answer, Lost):
            if said:
                raise RuntimeError(f"the SHACL per-batch checking process ended halfway: {answer.reason}")
            log.warning("SHACL per-batch checks: their process said nothing (%s): run here", answer.reason)
            *task, todo = self.task
            yield from _pass(_runner(*task), todo, lambda: True)

    def stop(self) -> None:
        self.loaded()
        self.running.__exit__(None, None, None)
        self._close_later()
        self.out.close()


def _pass_beside(task: tuple) -> bool:
    """In the checking process of _Beside: the per-batch pass over ``todo`` with a runner of the batch
    checks on the shared graphs (parsed here), each item it yields pickled into the file ``out`` (a
    descriptor given by the parent); ``told`` becomes readable once the parent's store is loaded;
    ``later``: (a file, a pipe): when the pipe says so, the rest of ``todo`` is in the file."""
    *given, todo, out, told, parent, later = task
    _die_with(parent)
    runner = _runner(*given)
    with os.fdopen(out, "wb") as file:
        try:
            for item in _pass(runner, itertools.chain(todo, _later(*later)),
                              lambda: bool(select.select([told], [], [], 0)[0])):
                pickle.dump(("ok", item), file, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as e:  # noqa: BLE001 (any failure goes back to the parent, named)
            import traceback
            pickle.dump(("error", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"), file)
    return True


def _later(file: int, ready: int) -> Iterable[tuple]:
    """In the checking process: the rest of the pass, once the parent wrote it (nothing if it never
    does: it ended first, or no rest is to come, ``file`` -1)."""
    if file < 0:
        return
    if os.read(ready, 1):
        with os.fdopen(file, "rb") as f:
            f.seek(0)
            yield from pickle.load(f)


def _runner(shared: Mapping[str, str], targets: "_BatchTargets", local: Sequence[tuple], workers: int | None,
            profile: dict | None, record: Callable | None) -> "_BatchRunner":
    """The runner of _Beside's pass: each batch checked in a fork of the shared graphs' store parsed here."""
    return _BatchRunner(shared, targets, local, workers, profile, record, base=_shared_store(shared, None), at_once=1)


def _die_with(parent: int) -> None:
    """This process (forked, or started by ``parent``) killed when its parent ends (Linux; elsewhere it
    runs to its end)."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent ended before that
        os._exit(1)


def _shared_store(shared: Mapping[str, str], profile: dict | None) -> ox.Store:
    """The shared graphs in BATCH_SHARED of an in-memory store, parsed once: each batch is checked in a copy."""
    with _CpuClock(profile)("(shared graphs: load once)"):
        base = ox.Store()
        _add(base, shared, [ox.NamedNode(BATCH_SHARED)])
    return base


def _predicates(base: ox.Store) -> frozenset[str]:
    """The predicates of the shared graphs in ``base`` (BATCH_SHARED), as N-Triples terms."""
    rows = base.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH <{BATCH_SHARED}> {{ ?s ?p ?o }} }}")
    return frozenset(str(row["p"]) for row in rows)


class _Within:
    """A store's queries read with one of its named graphs as their default graph."""

    def __init__(self, store: ox.Store, graph: str):
        self.store, self.graph = store, ox.NamedNode(graph)

    def query(self, query: str, **kw):
        return self.store.query(query, default_graph=[self.graph], **kw)


def split_checks(sg: rdflib.Graph, checks: Sequence[tuple]) -> tuple[list, list, list]:
    """The translated ``checks`` [(shape, check)] split for validate_batches: (per-batch checks with
    their focus limited to a batch's subjects, corpus-wide checks, the per-batch checks as
    translated: what reach() reads)."""
    local, wide, plain = [], [], []
    for shape, check in checks:
        limited = None if corpus_wide(sg, shape, check) else _in_batch(check)
        (local if limited else wide).append((shape, limited or check))
        if limited:
            plain.append(check)
    return local, wide, plain


class _BatchRunner:
    """Runs the per-file checks of each batch in a child process forked from the one holding the
    shared graphs (parsed once, ``base``): the child adds the batch to its copy-on-write copy of the
    store, checks it and sends the results back; its memory goes with it when it exits. Up to
    ``workers`` children at once (default: one a core), so the parent reads the next batch while
    they check; results come back in submission order. Without fork (or ``workers=1``), each batch
    is checked in-process in a fresh store, as before."""

    def __init__(self, shared: Mapping[str, str], targets: "_BatchTargets", local: Sequence[tuple],
                 workers: int | None, profile: dict | None, record: Callable | None = None,
                 base: ox.Store | None = None, at_once: int | None = None):
        self.shared, self.targets, self.local, self.record = shared, targets, local, record
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self.at_once = at_once or self.workers  # children now (raised to ``workers`` by _pass)
        self.forking = (self.workers > 1 or base is not None) and hasattr(os, "fork")
        self.want_profile = profile is not None
        self.fallback: dict = {}
        self.running: list[tuple[int, int]] = []  # (pid, read end of its pipe), oldest first
        self.base = base  # _shared_store(shared), given or made here
        if self.forking and base is None:
            self.base = _shared_store(shared, profile)
        self.predicates = _predicates(self.base) if self.forking else None  # of the shared graphs, once

    def close(self) -> None:
        self.base = None
        give_back_memory()

    def submit(self, graphs: Mapping[str, str], shared_pass: bool = False) -> list[tuple[list, dict, dict | None]]:
        """Check one batch (the shared graphs themselves when ``shared_pass``); returns the
        (results, profile, records) of the batches finished meanwhile, oldest first (records: see
        _check)."""
        if not self.forking:
            mem = ox.Store()  # the shared pass too: its graphs may be the shared graphs' lines about some nodes
            _add(mem, self.shared, [ox.NamedNode(BATCH_SHARED)])
            if self.predicates is None:
                self.predicates = _predicates(mem)
            found = [self._check(mem, graphs, shared_pass)]
            del mem
            give_back_memory()
            return found
        finished = [self._collect()] if len(self.running) >= self.at_once else []
        graphs = {g: graphs[g] for g in graphs}  # read here: a child must not use the parent's files
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: check, send, exit without running the parent's cleanup
            os.close(read)
            code = 0
            try:
                _die_with(parent)
                payload = ("ok", *self._check(self.base, graphs, shared_pass), self.fallback)
            except BaseException as e:  # noqa: BLE001 (any failure goes back to the parent, named)
                import traceback
                payload, code = ("error", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"), 1
            try:
                with os.fdopen(write, "wb") as out:
                    pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(code)
        os.close(write)
        self.running.append((pid, read))
        return finished

    def finish(self) -> list[tuple[list, dict, dict | None]]:
        """The (results, profile, records) of the batches still running, in order."""
        return [self._collect() for _ in range(len(self.running))]

    def _collect(self) -> tuple[list, dict, dict | None]:
        pid, read = self.running.pop(0)
        with os.fdopen(read, "rb") as given:
            try:
                payload = pickle.load(given)
            except EOFError:
                payload = ("error", "the checking process died without a word (out of memory?)")
        os.waitpid(pid, 0)
        if payload[0] != "ok":
            raise RuntimeError(f"SHACL per-batch checks failed in process {pid}: {payload[1]}")
        _, found, batch_profile, records, fallback = payload
        for shape, why in fallback.items():
            self.fallback.setdefault(shape, why)
        return found, batch_profile, records

    def _check(self, mem: ox.Store, graphs: Mapping[str, str], shared_pass: bool = False) -> tuple[list, dict, dict | None]:
        """The per-file checks of the batch ``graphs`` added (in BATCH_DATA) to ``mem`` (which holds
        the shared graphs in BATCH_SHARED, or nothing for the shared pass without fork): (results,
        profile, records); records (when recording, for loaders.validate_memo): graph -> (its term
        hashes, [(result, the graphs of the batch that have its focus node as a subject)])."""
        profile = {} if self.want_profile else None
        cpu = _CpuClock(profile)
        batch_data = ox.NamedNode(BATCH_DATA)
        with cpu("(per batch: load)"):
            _add(mem, graphs, [batch_data])
        with cpu("(per batch: targets)"):
            self.targets.mark(mem)
        found = _run_checks(mem, self.local, self.fallback, profile=profile,
                            default_graph=[ox.NamedNode(BATCH_SHARED), batch_data], shared_predicates=self.predicates)
        records = None
        if self.record and not shared_pass:
            with cpu("(per batch: memo)"):
                records = self.record(graphs, found)
        return found, profile or {}, records

def _subjects(graphs: Mapping[str, str], g: str) -> set[str]:
    """The subjects of one graph as N-Triples terms, blank nodes labelled as in the store."""
    text = graphs[g]
    if "_:" in text:
        return {str(q.subject) for q in _quads(graphs, g)}
    return {line.split(" ", 1)[0] for line in text.splitlines() if line}


def _records(graphs: Mapping[str, str], found: Sequence[ValidationResult], hashes: Mapping[str, bytes]) -> dict:
    """graph -> (term hashes (``hashes``, validate_memo.term_hashes), [(result, graphs of the batch with
    its focus node as a subject)])."""
    records = {g: (hashes[g], []) for g in graphs}
    if found:
        subjects = {g: _subjects(graphs, g) for g in graphs}
        for r in found:
            where = tuple(sorted(g for g in graphs if r.focus in subjects[g])) or tuple(sorted(graphs))
            for g in where:
                records[g][1].append((r, where))
    return records


def _recorded(wanted: frozenset | None, graphs: Mapping[str, str], found: Sequence[ValidationResult]) -> dict:
    """_records, with each graph's lines the corpus-wide checks read (``wanted``: their predicates, the
    _Keeper's; run in a batch's process)."""
    from loaders.validate_scope import terms_and_lines

    both = {g: terms_and_lines(graphs[g], wanted) for g in graphs}
    return {g: (*r, both[g][1]) for g, r in _records(graphs, found, {g: h for g, (h, _) in both.items()}).items()}


class _Keeper:
    """Incremental validation (loaders.validate_memo, loaders.validate_scope): which graphs to check
    again per file, the results kept from the last build, the corpus-wide checks bounded by the
    change, and the record of this build."""

    def __init__(self, path, checks: Sequence[Check], shared: Mapping[str, str], digest: Callable[[str], str] | None,
                 wide: Sequence[tuple] = (), also_read: frozenset | None = frozenset(), store: ox.Store | None = None,
                 merged_changes: tuple[frozenset[str] | None, str | None] = (None, None)):
        from loaders import validate_scope as scope
        from loaders.validate_memo import FORMAT, ValidationMemo

        self.memo = ValidationMemo(path)
        self.merged_changes = merged_changes
        self.shared = shared
        self.digest = digest
        queries = sorted(check.query for check in checks)
        keys = sorted(scope.check_key(check) for _, check in wide)
        # also_read: the predicates others bound by the delta read (the tables: directive_kg.table_delta)
        also = ["*"] if also_read is None else sorted(also_read)
        self.version = hashlib.sha256("\n".join([FORMAT, scope.FORMAT, *queries, "", *keys, "", *also]).encode()).hexdigest()
        self.reach, self.scopes = self.memo.bounds(self.version, lambda: (
            _bounded(queries), {scope.check_key(c): scope.scope_of(c) for _, c in wide}))
        # predicates a check reads through a variable bound by a pattern: their IRIs now are part of the
        # version (other IRIs: every result checked again), so the kept lines and the Delta hold theirs
        found = scope.data_predicates(store, self.scopes.values()) if store is not None else {}
        self.asked = (dict(self.scopes), found)  # same_data_predicates
        self.scopes = {k: scope.with_data_predicates(s, found) for k, s in self.scopes.items()}
        if found:
            self.version = hashlib.sha256("\n".join([self.version, *sorted(f"{p} {sorted(q)}" for p, q in found.items())])
                                          .encode()).hexdigest()
        wanted = scope.predicates(self.scopes.values())
        self.wanted = None if wanted is None or also_read is None else wanted | also_read
        self.before = self.memo.digests(self.version)
        self.records: dict = {}
        self.memo.clear_staged()  # the lines of the graphs checked now: staged on disk (stage_lines)
        self.wide: dict | None = None
        self.names: list[str] = []
        self.plan = None
        self.batches = 0
        self.delta = None  # the changed triples (wide_checks), for the tables of the build

    def same_data_predicates(self, store: ox.Store) -> bool:
        """Whether ``store`` holds the data predicates the keeper was made with (BatchChecks)."""
        from loaders import validate_scope as scope

        scopes, found = self.asked
        return scope.data_predicates(store, scopes.values()) == found

    def select(self, batches: Iterable[Mapping[str, str]]) -> Iterable[Mapping[str, str]]:
        """The batches cut down to the graphs to check again, regrouped to their size (planned
        here: the graph names and digests, read without the texts when ``digest`` is given)."""
        given = list(batches)
        self.names = [g for b in given for g in b]
        self.digests = {g: (self.digest(g) if self.digest else hashlib.sha256(b[g].encode()).hexdigest())
                        for b in given for g in b}
        self.plan = self.memo.plan(self.version, self.digests, self.shared, self.reach)
        log.info("SHACL per-file checks: %d of %d graphs checked again (%s)", len(self.plan.dirty),
                 len(self.names), self.plan.reason)
        size = max((len(b) for b in given), default=1)
        todo = [(b, g) for b in given for g in b if g in self.plan.dirty]
        self.batches = -(-len(todo) // size)
        return [GraphsOf.picked(todo[i:i + size]) for i in range(0, len(todo), size)]

    def shared_pass(self) -> Mapping[str, str]:
        """The graphs whose subjects the shared pass checks (validate_batches): the shared graphs'
        lines about the nodes a change of them reaches (validate_memo.Plan.reached; blank nodes
        always: their labels in results are the store's), or all of them when that is not known; the
        last build's results about the other nodes are kept (what decides them did not change)."""
        previous = self.memo.shared_results(self.version)
        reached = self.plan.reached
        if previous is None or reached is None:
            self.shared_kept, self.shared_found = [], []
            return self.shared
        self.shared_kept = [r for r in previous if not r.focus.startswith("_:") and r.focus not in reached]
        self.shared_found = []
        own = {g: "".join(line + "\n" for line in self.shared[g].splitlines()
                          if line.startswith("_:") or line.split(" ", 1)[0] in reached) for g in self.shared}
        log.info("SHACL shared graphs' own nodes: %d lines checked again, %d results kept",
                 sum(text.count("\n") for text in own.values()), len(self.shared_kept))
        return {g: text for g, text in own.items() if text}

    def shared_checked(self, found: Sequence[ValidationResult]) -> None:
        self.shared_found = list(found)

    def checked(self, records: Mapping[str, tuple]) -> None:
        self.records.update({g: (self.digests[g], terms, found) for g, (terms, found, _) in records.items()})
        self.memo.stage_lines({g: lines for g, (_, _, lines) in records.items()})

    def _delta(self):
        """The changed triples since the last build (validate_scope.Delta), None when not known."""
        from loaders.validate_scope import Delta

        changed = [g for g in self.digests if self.before.get(g) != self.digests[g]]
        gone = [g for g in self.before if g not in self.digests]
        old = self.memo.wide_lines(sorted(set(gone) | {g for g in changed if g in self.before}))
        new = self.memo.staged_lines(changed)
        if old is None or new is None:
            return None
        from loaders.validate_memo import changed_lines

        # a graph's triple in its old and new text is unchanged (the reuse graphs an add rewrites keep most passages)
        return Delta([*("\n".join(self._merged(changed_lines([old.get(g, "")], [new.get(g, "")]))) for g in {*old, *new}),
                      "\n".join(self._merged(self._shared_changes()))])

    def _merged(self, lines: set[str]) -> Iterable[str]:
        """Of a graph's changed ``lines``, those that changed the merged graph (all when not known): an
        added file's line about a cited document another file describes already (its date, its number)
        sent the tables' walks from 30 such documents to 3,154 of 3,482 reached at 10,000 plus 1,000."""
        known = self._merged_known()
        return lines if known is None else (line for line in lines if line in known or "_:" in line)

    def _merged_known(self) -> frozenset[str] | None:
        """The sync's merged changes, if they start from the state this memo validated last (not so
        after a build stopped between its load and its validation: the Delta then spans two syncs)."""
        from loaders.store import content_hash, manifest_digest

        if not hasattr(self, "known"):
            lines, since = self.merged_changes
            validated = {**self.before, **{g: content_hash(t) for g, t in self.memo.shared_texts().items()}}
            self.known = lines if lines is not None and since == manifest_digest(validated) else None
            log.info("SHACL delta: %s", "the merged graph's changes" if self.known is not None else "every changed graph line")
        return self.known

    def wide_checks(self, store: ox.Store, wide: Sequence[tuple], fallback: dict,
                    run: Callable[[list], list], clock: "_CpuClock | None" = None) -> list[ValidationResult]:
        """The corpus-wide checks: whole, over the focus nodes the change reaches, or kept
        (``clock``: the CPU of the delta and of the plan, profiled)."""
        from loaders import validate_scope as scope

        clock = clock or _CpuClock(None)
        with clock(MAIN_PART + "changed triples)"):
            previous = self.previous_wide()
            self.delta = self._delta() if previous else None
        with clock(MAIN_PART + "corpus-wide plan, walks)"):
            plan = scope.plan(store, wide, previous, self.delta, self.scopes, len(self.names))
        log.info("SHACL corpus-wide checks: %s", plan.reason)
        outcomes = run([*plan.whole, *((shape, check) for shape, check, _, _ in plan.scoped)])
        self.wide = dict(plan.kept)
        for (shape, check), found in zip(plan.whole, outcomes):
            if isinstance(found, str):
                fallback.setdefault(shape, found)
            else:
                self.wide[scope.check_key(check)] = found
        for (shape, _, key, nodes), found in zip(plan.scoped, outcomes[len(plan.whole):]):
            if isinstance(found, str):
                fallback.setdefault(shape, found)
            else:
                self.wide[key] = [r for r in plan.previous[key] if r.focus not in nodes] + found
        return [r for found in self.wide.values() for r in found]

    def previous_wide(self) -> dict[str, list] | None:
        """The last build's corpus-wide results under these checks (read once)."""
        if not hasattr(self, "previous"):
            self.previous = self.memo.wide_results(self.version)
        return self.previous

    def _shared_changes(self) -> set[str]:
        """The lines the shared graphs gained or lost since the last build (computed once)."""
        from loaders.validate_memo import changed_lines

        if not hasattr(self, "shared_changes"):
            self.shared_changes = changed_lines(self.memo.shared_texts().values(), self.shared.values())
        return self.shared_changes

    def _touched(self) -> set[int]:
        """The term hashes of the graphs that changed, came or went (old and new versions) and of
        the changed lines of the shared graphs: a result about none of them is where it was."""
        from array import array

        from loaders.validate_memo import term_hashes

        moved = [g for g in {*self.before, *self.digests} if self.before.get(g) != self.digests.get(g)]
        touched: set[int] = set()
        for terms in self.memo.terms(moved).values():  # their old versions
            touched.update(array("I", terms))
        for g in moved:
            touched.update(array("I", self.records[g][1]) if g in self.records else ())
        touched.update(array("I", term_hashes("\n".join(self._shared_changes()))))
        return touched

    def locate(self, store: ox.Store, results: Sequence[ValidationResult]) -> list[ValidationResult]:
        """_locate, kept from the last build for a result about nothing that changed; the others
        looked up in the store's heldBy entries (the graphs stating their focus node as a subject:
        what a whole validation reads), costing what the results do, not the corpus."""
        import zlib

        previous = self.memo.located(self.version)
        touched = self._touched() if previous else set()
        kept, todo = [], []
        for r in results:
            where = (previous or {}).get(r)
            if where is not None and zlib.crc32(r.focus.encode()) not in touched:
                kept.append(replace(r, source_file=where[0], document=where[1]))
            else:
                todo.append(r)
        located = _locate(store, todo)
        log.info("SHACL results located: %d kept, %d looked up", len(kept), len(todo))
        self.located = {replace(r, source_file=None, document=None): (r.source_file, r.document)
                        for r in [*kept, *located]}
        return [*kept, *located]

    def save(self) -> None:
        self.memo.record(self.version, self.records, self.names, self.shared, self.wide, None,
                         getattr(self, "located", None), [*self.shared_kept, *self.shared_found])
        self.memo.close()


def _bounded(queries: Sequence[str]):
    """The union of the queries' Reach, None when one of them is unbounded."""
    from loaders.shacl_sparql import reach

    total = None
    for query in queries:
        one = reach(query)
        if one is None:
            return None
        total = one if total is None else total | one
    return total


class GraphsOf(Mapping):
    """Some graphs of a mapping (graph -> N-Triples), each text read when asked: a batch whose
    texts an incremental validation may never need (pickled, it holds no text: the checking process
    reads them)."""

    def __init__(self, graphs: Mapping[str, str], names: Sequence[str]):
        self.of = dict.fromkeys(names, graphs)  # graph -> the mapping it is read from

    @classmethod
    def picked(cls, chosen: Iterable[tuple[Mapping[str, str], str]]) -> "GraphsOf":
        """The graphs of (mapping, graph) pairs, each read from its own mapping."""
        out = cls({}, ())
        out.of = {g: graphs for graphs, g in chosen}
        return out

    def __getitem__(self, g: str) -> str:
        return self.of[g][g]

    def __contains__(self, g) -> bool:  # Mapping's would read the text
        return g in self.of

    def __iter__(self):
        return iter(self.of)

    def __len__(self) -> int:
        return len(self.of)

class _CpuClock:
    """``with clock(label):`` adds the block's CPU seconds (this thread) to ``profile[label]``."""

    def __init__(self, profile: dict | None):
        self.profile = profile

    @contextmanager
    def __call__(self, label: str):
        start = time.thread_time()
        try:
            yield
        finally:
            if self.profile is not None:
                self.profile[label] = self.profile.get(label, 0.0) + time.thread_time() - start


def _quads(graphs: Mapping[str, str], g: str):
    """The triples of one graph, blank nodes labelled as in the store (store._labelled_quads)."""
    from loaders.store import _labelled_quads

    text = graphs[g]
    if "_:" in text:
        return _labelled_quads(g, text)
    return ox.parse(text, format=ox.RdfFormat.N_TRIPLES)


class _ClassClosure:
    """Rewrites ``?x rdf:type/rdfs:subClassOf* <C>`` into a plain rdf:type match on C and the
    subclasses the graph declares: the same answers, without evaluating the path for every value
    (the class checks over the evidence of 1,000 documents took 1.7 s as a path, 1.1 s as a type)."""

    _PATTERN = re.compile(r"(\?\w+|<[^>]*>) " + re.escape(TYPE_PATH) + r" (<[^>]*>)")
    _TYPE = f"<{RDF.type}>"

    def __init__(self, store: ox.Store):
        self.store = store
        self.subclasses: dict[str, list[str]] = {}

    def _closure(self, cls: str) -> list[str]:
        if cls not in self.subclasses:
            rows = self.store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {cls} }}")
            self.subclasses[cls] = sorted({str(r["c"]) for r in rows} | {cls})
        return self.subclasses[cls]

    def _rewrite(self, query: str | None) -> str | None:
        if query is None:
            return None
        counter = itertools.count()

        def plain(m):
            x, classes = m.group(1), self._closure(m.group(2))
            if len(classes) == 1:
                return f"{x} {self._TYPE} {classes[0]}"
            var = f"?class_{next(counter)}"
            return f"{x} {self._TYPE} {var} . VALUES {var} {{ {' '.join(classes)} }}"
        return self._PATTERN.sub(plain, query)

    def apply(self, check: Check) -> Check:
        screen = check.screen and replace(check.screen, branches=tuple(map(self._rewrite, check.screen.branches)))
        return replace(check, query=self._rewrite(check.query), per_focus=self._rewrite(check.per_focus), screen=screen)


def _flattened(store: ox.Store) -> ox.Store:
    """The union of the named graphs as the default graph of an in-memory store (for a store without
    a merged graph: RDF text or files given to validate()). Oxigraph's union
    default graph repeats a triple once per graph holding it, so joins over it grow with the square
    of the repetitions (the uniqueness check took minutes at 1,000 documents); here each triple is once."""
    flat = ox.Store()  # quads, not Store.load: load would relabel the blank nodes
    flat.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                for t in ox.parse(merged_ntriples(store), format=ox.RdfFormat.N_TRIPLES))
    return flat


def _run(store: ox.Store, check: Check, functions, default_graph: list | None = None) -> Iterable[ValidationResult]:
    """Run one translated check on ``store``'s default graph (see _flattened), or on the union of
    the graphs ``default_graph``."""
    def rows(query: str, **kw):
        if default_graph is not None:
            kw["default_graph"] = default_graph
        return store.query(query, custom_functions=functions, **kw)

    if check.per_focus:
        this = ox.Variable("this")
        solutions = [(f["this"], s) for f in rows(check.per_focus)
                     for s in rows(check.query, substitutions={this: f["this"]})]
    else:
        solutions = [(s["this"], s) for s in rows(check.query)]
    sparql = check.component == "SPARQLConstraintComponent"
    for focus, s in solutions:
        value = _get(s, "value")
        if sparql and value is None and check.node_shape:
            value = focus  # SHACL-SPARQL: a node shape reports its focus node as the value
        path = _get(s, "path") if sparql else None
        note = _get(s, "message")
        # a merged check (Check.components): one result for each constraint its flags say failed
        for component in ([c for i, c in enumerate(check.components) if _get(s, f"fail_{i}") == _TRUE]
                          if check.components else [check.component]):
            yield ValidationResult(
                check.severity, str(focus), str(path) if path is not None else check.path,
                str(value) if value is not None else None,
                note.value if isinstance(note, ox.Literal) else _fill(check.message or _default_message(component), s),
                check.shape, component)


_TRUE = ox.Literal(True)


def _default_message(component: str) -> str:
    return component.replace("ConstraintComponent", "") + " constraint not met"


def _get(solution, name: str):
    try:
        return solution[name]
    except (KeyError, IndexError):
        return None


def _fill(message: str, solution) -> str:
    def value(m):
        term = _get(solution, m.group(1))
        return term.value if term is not None else m.group(0)
    return re.sub(r"\{[?$](\w+)\}", value, message)


# --- pySHACL ---------------------------------------------------------------------------------

def _pyshacl(data: rdflib.Graph, labels: Mapping, sg: rdflib.Graph) -> list[ValidationResult]:
    import pyshacl

    def term(t):
        return str(ox.BlankNode(labels[t])) if t in labels else nt(t)

    with _quiet_rdflib():
        _conforms, report, _text = pyshacl.validate(data, shacl_graph=sg, inference="none",
                                                    allow_warnings=True, allow_infos=True)
    results = []
    # only the report's own results: pySHACL also types the nested sh:detail results of sh:node
    for r in (r for top in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(top, SH.result)):
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        shape = report.value(r, SH.sourceShape)
        results.append(ValidationResult(
            str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            term(report.value(r, SH.focusNode)),
            sparql_path(report, path) if path is not None else None,
            term(value),
            str(report.value(r, SH.resultMessage) or ""),
            shape_key(sg, shape),
            str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
        ))
    return results


# --- where each problem is ----------------------------------------------------------------------

def _locate(store: ox.Store, results: Sequence[ValidationResult]) -> list[ValidationResult]:
    """Add the file and document of each focus node: the file graph that describes it."""
    focus = sorted({r.focus for r in results if r.focus.startswith("<")})
    if not focus:
        return list(results)
    found: dict[str, tuple[str, str]] = {}
    for key, path, doc, local in sources_of(store, focus):  # the store's own record of which file said what
        label = local if local is not None else doc
        best = (path, label)
        # the focus node itself when it is a document of the file, else the first document
        if key not in found or (doc == key[1:-1]) or (found[key][1] != key[1:-1] and best < found[key]):
            found[key] = best
    return [replace(r, source_file=found[r.focus][0], document=found[r.focus][1]) if r.focus in found else r
            for r in results]


# --- reports ------------------------------------------------------------------------------------

def _short(term: str | None) -> str:
    """<https://w3id.org/directive-kg/ontology#path> -> dkg:path."""
    def prefixed(m):
        for prefix, ns in PREFIXES.items():
            if m.group(1).startswith(ns):
                return f"{prefix}:{m.group(1)[len(ns):]}"
        return m.group(0)
    return re.sub(r"<([^<>\s]*)>", prefixed, term or "")


def _text_report(report: ValidationReport) -> str:
    lines = [f"SHACL validation ({report.engine}): {report.violations} violations, {report.warnings} warnings, "
             f"{report.count('Info')} notes in {report.seconds:.2f} s"]
    for note in report.fallback:
        lines.append(f"NOTE: validated by pySHACL, the fast path cannot translate {note}")
    current = object()
    for r in report.results:
        if r.source_file != current:
            current = r.source_file
            lines.append("")
            lines.append(f"{r.source_file or '(not from one file: corpus, reference data or ontology)'}")
        what = f"{r.document}: " if r.document else ""
        field_ = _short(r.path) if r.path else "(node)"
        value = f" [value {_short(r.value)}]" if r.value and r.value != r.focus else ""
        lines.append(f"  {r.severity.upper():9} {what}{field_}: {r.message}{value}  (node {_short(r.focus)})")
    return "\n".join(lines) + "\n"


def _turtle_report(report: ValidationReport) -> str:
    sh, rdf = str(SH), str(RDF)
    lines = [f"_:report <{rdf}type> <{sh}ValidationReport> .",
             f'_:report <{sh}conforms> "{str(report.conforms).lower()}"^^<http://www.w3.org/2001/XMLSchema#boolean> .']
    for i, r in enumerate(report.results):
        node = f"_:r{i}"
        lines += [f"_:report <{sh}result> {node} .", f"{node} <{rdf}type> <{sh}ValidationResult> .",
                  f"{node} <{sh}resultSeverity> <{sh}{r.severity}> .",
                  f"{node} <{sh}focusNode> {r.focus} .",
                  f"{node} <{sh}sourceConstraintComponent> <{sh}{r.component}> .",
                  f"{node} <{sh}resultMessage> {ox.Literal(r.message)} ."]
        if r.path and re.fullmatch(r"<[^>]*>", r.path):
            lines.append(f"{node} <{sh}resultPath> {r.path} .")
        if r.value:
            lines.append(f"{node} <{sh}value> {r.value} .")
        if re.fullmatch(r"<[^>]*>", r.source_shape):
            lines.append(f"{node} <{sh}sourceShape> {r.source_shape} .")
        where = [f"shape {r.source_shape}"] if not re.fullmatch(r"<[^>]*>", r.source_shape) else []
        where += [f"file {r.source_file}"] if r.source_file else []
        where += [f"document {r.document}"] if r.document else []
        if where:
            lines.append(f"{node} <{RDFS}comment> {ox.Literal('; '.join(where))} .")
    quads = ox.parse("\n".join(lines) + "\n", format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(quads, format=ox.RdfFormat.TURTLE,
                        prefixes={"sh": sh, **{k: v for k, v in PREFIXES.items() if k != "sh"}}).decode("utf-8")
