"""SHACL shapes -> SPARQL SELECT queries that return their validation results (the fast path of
loaders.validate). Generic: nothing here knows the project's shapes.

Every constraint becomes a SPARQL group pattern that has a solution exactly when the focus node
violates it (binding the offending value when SHACL reports one). A top-level shape gives one query
per constraint: the target, then the pattern. Shapes referenced by sh:node, sh:or, sh:and, sh:not,
sh:xone and sh:qualifiedValueShape are inlined as ``EXISTS { violation of S }``.

Translated: targets (sh:targetClass with rdfs:subClassOf*, implicit class targets, sh:targetNode,
sh:targetSubjectsOf, sh:targetObjectsOf); every SHACL path form; sh:class, sh:datatype, sh:nodeKind,
sh:minCount, sh:maxCount (up to ``MAX_COUNT``), sh:pattern/sh:flags, sh:in, sh:hasValue,
sh:min/maxInclusive, sh:min/maxExclusive, sh:min/maxLength, sh:languageIn, sh:uniqueLang,
sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals, sh:node, sh:and, sh:or, sh:not, sh:xone,
sh:qualifiedValueShape with sh:qualifiedMin/MaxCount, and sh:sparql SELECT constraints (top level).
Anything else raises ``Unsupported`` naming it; the caller hands that shape to pySHACL.

A literal's well-formedness for sh:datatype is judged by the SPARQL function ``WELL_TYPED``, which the
caller provides (rdflib's verdict, the one pySHACL uses).

Screen, then detail: a check of a property shape's value tests or counts carries its part of a
screen (Check.screen); screen_query joins the parts of the checks of one target into one query
returning every focus node any of them may fail (the union of their violation patterns, joined with
the targets once, and one counting pass over the targets for minimum counts). Results are rare, so
the caller runs the checks over those nodes only (loaders.validate._screened): the same results.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

WELL_TYPED = "urn:x-directive-kg:well-typed"
MAX_COUNT = 5         # sh:minCount / sh:maxCount up to this become patterns of distinct values
MAX_DEPTH = 8         # nesting of sh:node / sh:or ... (deeper: recursive shapes, not translated)
TYPE_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

_IGNORED = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity,
            SH.deactivated, SH.path, SH.property, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
            SH.qualifiedValueShapesDisjoint, *TARGETS}
_COMPARE = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_PAIR = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}
_NODE_KIND = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


class Unsupported(Exception):
    """Something the translator does not handle: validate that shape with pySHACL."""


@dataclass(frozen=True)
class Check:
    """One query returning the violations of one constraint of one shape."""

    shape: str             # source shape key (shape_key)
    severity: str          # Violation | Warning | Info
    component: str         # "MinCountConstraintComponent", ...
    path: str | None       # SPARQL path of the property shape, None for a node shape
    query: str             # SELECT ?this [?value] [?path] [?message ...]
    message: str | None    # sh:message of the shape / constraint
    node_shape: bool
    per_focus: str | None = None  # sh:sparql that must run with $this pre-bound: the query of the focus nodes
    focus_only: bool = False      # sh:sparql whose patterns all have $this as subject (reads_only_focus)
    components: tuple[str, ...] = ()  # merged constraints (see _merged): the component of each ?fail_<i>
    screen: "Screen | None" = None    # what the check fails on, for its shape's screen (screen_query)


@dataclass(frozen=True)
class Screen:
    """A check's part of a screen (screen_query): the check can only fail on a focus node that a
    pattern of ``branches`` binds to ?this (value tests, too many values: patterns that find
    their own focus nodes), or whose count of values of ``path`` (one IRI or its inverse) meets a
    test of ``tests`` ("< 1": too few values, which only a pass over the targets finds) or one of
    whose values meets ``condition`` (over SCREEN_VALUE: the branches' test, for that pass when it
    reads the path anyway)."""

    path: str | None = None
    tests: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()
    condition: str | None = None


# --- terms, paths, shapes --------------------------------------------------------------------------

def nt(term) -> str | None:
    """rdflib term -> N-Triples text, written the way pyoxigraph writes it (None -> None)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, BNode):
        return str(ox.BlankNode(str(term)))
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None))
    raise TypeError(f"not an RDF term: {term!r}")


def sparql_path(g: rdflib.Graph, path) -> str:
    """A SHACL path (described in graph g) as a SPARQL property path."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in g:
        return "(" + "/".join(sparql_path(g, p) for p in Collection(g, path)) + ")"
    for pred, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                           (SH.zeroOrOnePath, "{}?")):
        inner = g.value(path, pred)
        if inner is not None:
            return "(" + template.format(sparql_path(g, inner)) + ")"
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(g, p) for p in Collection(g, alternatives)) + ")"
    raise Unsupported(f"{path!r} is not a SHACL path")


def shape_key(sg: rdflib.Graph, shape) -> str:
    """A name for a shape that does not depend on blank-node labels: its IRI, or
    "<parent shape>/<path>" for a blank property shape."""
    if not isinstance(shape, BNode):
        return nt(shape)
    parent = sg.value(None, SH.property, shape)
    path = sg.value(shape, SH.path)
    where = shape_key(sg, parent) if parent is not None else "_"
    return f"{where}/{sparql_path(sg, path) if path is not None else '?'}"


def _class_types(sg: rdflib.Graph) -> set:
    return {RDFS.Class, *sg.subjects(RDFS.subClassOf, RDFS.Class)}


def top_level_shapes(sg: rdflib.Graph) -> list:
    """Shapes with targets (explicit, or implicit: a shape that is also a class)."""
    classes = _class_types(sg)
    shapes = {s for p in TARGETS for s in sg.subjects(p, None)}
    shapes |= {s for t in classes for s in sg.subjects(RDF.type, t)
               if (s, RDF.type, SH.NodeShape) in sg or (s, RDF.type, SH.PropertyShape) in sg}
    return sorted(shapes, key=str)


def without_targets(sg: rdflib.Graph, keep) -> rdflib.Graph:
    """A copy of the shapes graph where only the top-level shapes in ``keep`` have targets (the
    others still apply where referenced, through sh:node and the like)."""
    g = rdflib.Graph()
    for prefix, ns in sg.namespaces():
        g.bind(prefix, ns)
    classes = _class_types(sg)
    drop = set(top_level_shapes(sg)) - set(keep)
    for s, p, o in sg:
        if not (s in drop and (p in TARGETS or (p == RDF.type and o in classes))):
            g.add((s, p, o))
    return g


def _active(sg: rdflib.Graph, node) -> bool:
    value = sg.value(node, SH.deactivated)
    return not (isinstance(value, Literal) and value.toPython() is True)


def _severity(sg: rdflib.Graph, shape) -> str:
    value = sg.value(shape, SH.severity)
    return str(value).rsplit("#", 1)[-1] if value is not None else "Violation"


def message(sg: rdflib.Graph, node) -> str | None:
    found = sorted(sg.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) not in (None, "en"), str(m)))
    return str(found[0]) if found else None


# --- top-level shapes -> checks ---------------------------------------------------------------------

def translate(sg: rdflib.Graph, shape) -> list[Check]:
    """The checks of one top-level shape and of its property shapes."""
    if not _active(sg, shape):
        return []
    target = _target(sg, shape)
    fresh = _Fresh()
    parts = [(shape, sg.value(shape, SH.path))]
    if parts[0][1] is None:
        parts += [(p, sg.value(p, SH.path)) for p in sorted(sg.objects(shape, SH.property), key=str) if _active(sg, p)]
    elif any(sg.objects(shape, SH.property)):
        raise Unsupported(f"{shape_key(sg, shape)}: sh:property inside a property shape")
    checks = []
    for node, path in parts:
        if node is not shape and path is None:
            raise Unsupported(f"property shape {shape_key(sg, node)} has no sh:path")
        spath = sparql_path(sg, path) if path is not None else None
        key, severity, note = shape_key(sg, node), _severity(sg, node), message(sg, node)
        found = _violations(sg, node, "?this", spath, fresh, depth=0, top=True)
        for kind in (_Filtered, _Counted):
            merged = [f for f in found if isinstance(f[2], kind) and f[2].mergeable]
            if len(merged) > 1:
                found = [f for f in found if not any(f is m for m in merged)]
                checks.append(Check(key, severity, "+".join(c for c, _, _ in merged), spath,
                                    kind.merged(target, merged), note, spath is None,
                                    components=tuple(c for c, _, _ in merged),
                                    screen=_screen(spath, [p for _, _, p in merged])))
        for component, value, pattern in found:
            select = f"?this ({value} AS ?value)" if value else "?this"
            query = f"SELECT DISTINCT {select} WHERE {{ {target} {_as_minus(pattern)} }}"
            checks.append(Check(key, severity, component, spath, query, note, spath is None,
                                screen=_screen(spath, [pattern])))
        for constraint in sg.objects(node, SH.sparql):
            if _active(sg, constraint):
                checks.append(_sparql_check(sg, node, key, severity, spath, constraint, target))
    return checks


# Nodes that several files describe: a loaded document (its own file, the files citing it, a
# second file of the same document), a source file (two files of the same bytes: the second names
# the source without its path, loaders.to_rdf._repeat_graph). A check of such a node needs every
# file's triples.
SHARED_CLASSES = ("https://w3id.org/directive-kg/ontology#Document", "https://w3id.org/directive-kg/ontology#SourceFile")
# A shape's promise (ontology/shapes.ttl) that each of its results is decided by the triples of one
# file graph (with the shared graphs) and that no other file's triples can remove it: its checks run
# per batch even where the rules of corpus_wide cannot see that (class tests of the nodes a file's
# own links reach). tests/test_stream.py holds the promise to the build and the shape fixtures.
CHECKED_PER_FILE = "https://w3id.org/directive-kg/shapes#checkedPerFile"


def corpus_wide(sg: rdflib.Graph, shape, check: Check) -> bool:
    """Whether a check needs more than one file's graph (with the corpus, ontology and code lists):
    its own SPARQL unless every pattern of it reads the focus node's own triples (reads_only_focus;
    else it may join any node), a class test of another node (whose type another file may
    state), or a shape of nodes several files describe (SHARED_CLASSES, or targets that are not
    classes), unless the shape, or the property shape of the check, is marked CHECKED_PER_FILE. The rest judge a node by its own triples,
    which its file holds."""
    if check.per_focus:
        return True
    if _promised_per_file(sg, shape, check):
        return False
    if check.component == "SPARQLConstraintComponent":
        if not check.focus_only:
            return True
    else:
        target = _target(sg, shape)
        rdf_type = f"<{RDF.type}>"  # in TYPE_PATH, and what validate's class closure rewrites it to
        if check.query.count(rdf_type) > target.count(rdf_type):
            return True
    targets = set(sg.objects(shape, SH.targetClass))
    if any(t in _class_types(sg) for t in sg.objects(shape, RDF.type)):
        targets.add(shape)
    if any(True for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf) for _ in sg.objects(shape, p)):
        return True
    return any(str(t) in SHARED_CLASSES for t in targets)


def _promised_per_file(sg: rdflib.Graph, shape, check: Check) -> bool:
    """Whether the shape, or the property shape of the check, is marked CHECKED_PER_FILE."""
    promise = URIRef(CHECKED_PER_FILE), Literal(True)
    if (shape, *promise) in sg:
        return True
    return any((p, *promise) in sg for p in sg.objects(shape, SH.property) if shape_key(sg, p) == check.shape)


_NOT_EXISTS = "FILTER NOT EXISTS {"


def _as_minus(pattern: str) -> str:
    """A whole top-level ``FILTER NOT EXISTS { P }`` right after the targets -> ``MINUS { P }``: the same
    answers (P always mentions ?this), but Oxigraph evaluates P once and anti-joins, where NOT EXISTS
    re-evaluates P for every focus node (a qualified min count took minutes at 300 documents)."""
    if not pattern.startswith(_NOT_EXISTS):
        return pattern
    depth = 0
    for i, ch in enumerate(pattern):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and ch == "}":
            if i != len(pattern.rstrip()) - 1:
                return pattern  # more follows the block: keep it as written
            inner = pattern[len(_NOT_EXISTS):i]
            return f"MINUS {{{inner}}}" if "?this" in inner else pattern
    return pattern


def _target(sg: rdflib.Graph, shape) -> str:
    parts = [f"{{ ?this {TYPE_PATH} {nt(c)} }}" for c in sg.objects(shape, SH.targetClass)]
    if any(t in _class_types(sg) for t in sg.objects(shape, RDF.type)):
        parts.append(f"{{ ?this {TYPE_PATH} {nt(shape)} }}")
    parts += [f"{{ VALUES ?this {{ {nt(n)} }} }}" for n in sg.objects(shape, SH.targetNode)]
    parts += [f"{{ ?this {nt(p)} ?target_o }}" for p in sg.objects(shape, SH.targetSubjectsOf)]
    parts += [f"{{ ?target_s {nt(p)} ?this }}" for p in sg.objects(shape, SH.targetObjectsOf)]
    return TARGET_OPEN + " UNION ".join(parts) + " } }"


TARGET_OPEN = "{ SELECT DISTINCT ?this WHERE { "  # how a check's target block opens (_target)


def target_block(query: str) -> tuple[int, int] | None:
    """(start, end) of the query's target block ``{ SELECT DISTINCT ?this WHERE { ... } }``, None if
    it has none it can be cut from."""
    i = query.find(TARGET_OPEN)
    if i < 0:
        return None
    depth = 0
    for brace in _BRACE.finditer(query, i):  # braces only: a scoped check's VALUES holds thousands of nodes
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            end = brace.start()
            inner = len(query[i:end].rstrip()) + i - 1  # the inner block's "}" before it, or not
            return (i, end + 1) if inner > i and query[inner] == "}" else None
    return None


_BRACE = re.compile(r"[{}]")


class _Filtered(str):
    """A violation pattern ``values FILTER(condition)`` of a shape's top-level value variable: those
    of one shape are merged into one query (one pass over the values instead of one a constraint)."""

    def __new__(cls, values: str, v: str, condition: str, text: str | None = None):
        self = super().__new__(cls, text or f"{values} FILTER({condition})")  # text: the same answers, written faster
        self.values, self.v, self.condition = values, v, condition
        self.mergeable = "EXISTS" not in condition  # a nested shape may test other nodes' classes
        return self

    @staticmethod
    def merged(target: str, parts: list) -> str:
        """One query for the constraints ``parts`` [(component, value, _Filtered)]: a row per
        distinct (?this, ?value) failing any of them, ``?fail_<i>`` true for each one it fails
        (IF: the effective boolean value, an error as false, as FILTER has it)."""
        first = parts[0][2]
        binds = " ".join(f"BIND(COALESCE(IF({p.condition}, true, false), false) AS ?fail_{i})"
                         for i, (_, _, p) in enumerate(parts))
        flags = [f"?fail_{i}" for i in range(len(parts))]
        return (f"SELECT DISTINCT ?this ({first.v} AS ?value) {' '.join(flags)} WHERE {{ {target} "
                f"{first.values} {binds} FILTER({' || '.join(flags)}) }}")


class _Counted(str):
    """A sh:minCount / sh:maxCount pattern of a top-level property shape, with its bound: those of
    one path are merged into one count of the values of each focus node."""

    def __new__(cls, pattern: str, path: str, fresh: "_Fresh", test: str):
        self = super().__new__(cls, pattern)
        self.path, self.fresh, self.test, self.mergeable = path, fresh, test, True
        return self

    @staticmethod
    def merged(target: str, parts: list) -> str:
        """One query for the count constraints ``parts``: COUNT(DISTINCT value) of each focus node
        (0 without values), ``?fail_<i>`` true for each bound it breaks: minCount n fails below n
        (no n distinct values), maxCount m above m (m + 1 distinct values)."""
        first = parts[0][2]
        w, n = first.fresh(), first.fresh("count")
        binds = " ".join(f"BIND(({n} {p.test}) AS ?fail_{i})" for i, (_, _, p) in enumerate(parts))
        flags = [f"?fail_{i}" for i in range(len(parts))]
        return (f"SELECT ?this {' '.join(flags)} WHERE {{ {{ SELECT ?this (COUNT(DISTINCT {w}) AS {n}) WHERE {{ {target} "
                f"OPTIONAL {{ ?this {first.path} {w} }} }} GROUP BY ?this }} {binds} FILTER({' || '.join(flags)}) }}")


SCREEN_VALUE = "?screen_o"  # a value of a path in a screen (screen_query)
_IRI = re.compile(r"<[^<>\s]*>")
_INVERSE = re.compile(r"\(\^(<[^<>\s]*>)\)")  # sparql_path of an inverse path of one IRI


def _screen(path: str | None, patterns: list) -> Screen | None:
    """The Screen of a check made of ``patterns`` (all _Filtered, or all _Counted: a minCount on a
    path of one IRI or its inverse); None otherwise (the check then runs whole)."""
    if path is None:  # a node shape's test: a filter on ?this, not a pattern that finds its nodes
        return None
    if all(isinstance(p, _Filtered) for p in patterns):
        if any(p.v != patterns[0].v for p in patterns):
            return None
        condition = " || ".join(f"({p.condition})" for p in patterns)
        branch = str(patterns[0]) if len(patterns) == 1 else f"{patterns[0].values} FILTER({condition})"
        passing = path is not None and (_IRI.fullmatch(path) or _INVERSE.fullmatch(path)) and all(p.mergeable for p in patterns)
        rename = functools.partial(re.sub, re.escape(patterns[0].v) + r"\b", SCREEN_VALUE)
        return Screen(path, branches=(branch,), condition=rename(condition) if passing else None)
    if not all(isinstance(p, _Counted) for p in patterns):
        return None
    one = _IRI.fullmatch(path) or _INVERSE.fullmatch(path)
    if any(p.test.startswith("<") for p in patterns) and not one:
        return None
    return Screen(path if one else None, tuple(p.test for p in patterns) if one else (),
                  tuple(str(p) for p in patterns if not p.test.startswith("<")))


def screen_query(target: str, screens: list[Screen]) -> str:
    """One query returning the focus nodes of ``target`` that may fail any check of ``screens``:
    the union of their branches (each finds its own nodes, mostly none; joined with the targets
    once), and one pass over the targets counting their values of the paths with a minimum count
    (an error counts as passing, as FILTER has it). The checks then run over those nodes only. A
    node that fails no check is returned only when a plain COUNT counts a triple twice (a union of
    graphs holding it), never for a minimum of 1: a minimum above 1 counts DISTINCT values."""
    parts = []
    paths = sorted({s.path for s in screens if any(t.startswith("<") for t in s.tests)})
    passed = [s for s in screens if (s.condition or s.tests) and s.path in paths]  # tested in the pass that counts
    branches = [b for s in screens if not any(s is t for t in passed) for b in s.branches]
    if branches:
        parts.append(f"{{ {target} {{ {' } UNION { '.join(branches)} }} }}")
    if paths:
        parts.append(_counted_part(target, paths, passed))
    return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }}"


def _counted_part(target: str, paths: list[str], passed: list[Screen]) -> str:
    """The focus nodes whose count of values of a path meets a test of ``passed`` or with a value
    that meets a condition of ``passed``, in one pass."""
    def hit(path: str) -> str:  # the row is a value of path
        inverse = _INVERSE.fullmatch(path)
        return f"COALESCE(sameTerm(?screen_{'i' if inverse else 'p'}, {inverse.group(1) if inverse else path}), false)"
    counts, tests = [], []
    for i, path in enumerate(paths):
        bounds = sorted({t for s in passed if s.path == path for t in s.tests})
        distinct = "DISTINCT " if any(t.startswith("<") and int(t.split()[1]) > 1 for t in bounds) else ""
        counts.append(f"(COUNT({distinct}IF({hit(path)}, {SCREEN_VALUE}, ?screen_none)) AS ?screen_n{i})")
        tests += [f"?screen_n{i} {t}" for t in bounds]
    bad = "0"
    for path in reversed(paths):  # nested IF: the conditions of a value's own path only (IF is lazy)
        conditions = [s.condition for s in passed if s.path == path and s.condition]
        if conditions:
            bad = f"IF({hit(path)}, IF({' || '.join(conditions)}, 1, 0), {bad})"
    if bad != "0":  # an error counts as passing
        counts.append(f"(MAX(COALESCE({bad}, 0)) AS ?screen_bad)")
        tests.append("?screen_bad > 0")
    forward = [p for p in paths if _IRI.fullmatch(p)]
    inverse = [_INVERSE.fullmatch(p).group(1) for p in paths if _INVERSE.fullmatch(p)]
    values = ([f"{{ ?this ?screen_p {SCREEN_VALUE} FILTER(?screen_p IN ({', '.join(forward)})) }}"] if forward else []) + \
             ([f"{{ {SCREEN_VALUE} ?screen_i ?this FILTER(?screen_i IN ({', '.join(inverse)})) }}"] if inverse else [])
    return (f"{{ {{ SELECT ?this {' '.join(counts)} WHERE {{ {target} OPTIONAL {{ {' UNION '.join(values)} }} }} "
            f"GROUP BY ?this }} FILTER({' || '.join(tests)}) }}")  # FILTER: HAVING cannot read the counts' names


class _Fresh:
    def __init__(self):
        self._n = itertools.count(1)

    def __call__(self, name: str = "v") -> str:
        return f"?{name}{next(self._n)}"


# --- constraints -> violation patterns ----------------------------------------------------------------

def _violations(sg: rdflib.Graph, node, x: str, path: str | None, fresh: _Fresh, depth: int,
                top: bool = False) -> list[tuple[str, str | None, str]]:
    """(component, variable of the reported value or None, pattern) for each constraint of the
    shape ``node`` on focus ``x``; the pattern has solutions exactly when ``x`` violates it.
    ``top``: the shape's own property shapes and sh:sparql are handled by the caller."""
    if depth > MAX_DEPTH:
        raise Unsupported("shapes nested too deep (a recursive shape?)")
    if not _active(sg, node):
        return []
    unknown = sorted(str(p)[len(str(SH)):] for p in set(sg.predicates(node, None))
                     if str(p).startswith(str(SH)) and p not in _IGNORED and p not in _HANDLERS and p != SH.sparql)
    if unknown:
        raise Unsupported(f"{shape_key(sg, node)} uses " + ", ".join(f"sh:{name}" for name in unknown))
    if not top and any(sg.objects(node, SH.sparql)):
        raise Unsupported(f"{shape_key(sg, node)}: sh:sparql in a referenced shape")
    if path:
        v = fresh()
        ctx = _Ctx(sg, node, x, path, v, f"{x} {path} {v} .", fresh, depth)
    else:
        ctx = _Ctx(sg, node, x, None, x, "", fresh, depth)
    found = []
    for pred, handler in _HANDLERS.items():
        for obj in sorted(sg.objects(node, pred), key=str):
            found += handler(ctx, obj)
    if not top and path is None:
        for prop in sorted(sg.objects(node, SH.property), key=str):
            prop_path = sg.value(prop, SH.path)
            if prop_path is None:
                raise Unsupported(f"property shape {shape_key(sg, prop)} has no sh:path")
            found += _violations(sg, prop, x, sparql_path(sg, prop_path), fresh, depth + 1)
    return found


@dataclass(frozen=True)
class _Ctx:
    sg: rdflib.Graph
    node: object
    x: str                 # focus variable
    path: str | None
    v: str                 # value variable (x itself for a node shape)
    values: str            # pattern binding v from x ("" for a node shape)
    fresh: _Fresh
    depth: int

    def failing(self, component: str, condition: str):
        if self.x == "?this" and self.depth == 0:
            return [(component, self.v, _Filtered(self.values, self.v, condition))]
        return [(component, self.v, f"{self.values} FILTER({condition})")]

    def violates(self, shape, var: str) -> str:
        """A pattern with solutions exactly when ``var`` does not conform to ``shape``."""
        path = self.sg.value(shape, SH.path)  # a referenced shape may be a property shape
        parts = _violations(self.sg, shape, var, sparql_path(self.sg, path) if path is not None else None,
                            self.fresh, self.depth + 1)
        return " UNION ".join(f"{{ {p} }}" for _, _, p in parts) if parts else "FILTER(false)"

    def counted(self, n: int, extra=lambda var: "") -> str | None:
        """Pattern: the focus has at least n distinct values of the path meeting ``extra``, as one
        grouped count (None below the top level or for n < 2). The same answers as
        distinct_values, which joins the path n times: 5x faster for a count of 2 or 3 over a
        two-step path (text reuse selectors at 1,000 documents)."""
        if self.x != "?this" or self.depth > 0 or n < 2:
            return None
        w = self.fresh()
        return (f"{{ SELECT ?this WHERE {{ ?this {self.path} {w} . {extra(w)} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT {w}) >= {n}) }}")

    def at_least(self, n: int, extra=lambda var: "") -> str:
        """Pattern: the focus has at least n distinct values of the path meeting ``extra``."""
        return self.counted(n, extra) or self.distinct_values(n, extra)

    def distinct_values(self, n: int, extra=lambda var: "") -> str:
        """Pattern: n pairwise distinct values of the path (each also meeting ``extra``)."""
        if n > MAX_COUNT:
            raise Unsupported(f"a count of {n} (more than {MAX_COUNT})")
        vs = [self.fresh() for _ in range(n)]
        binds = " ".join(f"{self.x} {self.path} {w} . {extra(w)}" for w in vs)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2))
        return binds + (f" FILTER({different})" if different else "")


def _needs_path(ctx: _Ctx, what: str) -> None:
    if ctx.path is None:
        raise Unsupported(f"{what} on a node shape")


def _class(ctx, c):
    # At the top level MINUS, not FILTER NOT EXISTS: the same answers (the test shares only the value,
    # always bound, with the rest), but the typed nodes are read once and anti-joined instead of
    # looked up for each value (2.3x faster over 100,000 text reuse passages).
    typed = f"{{ {ctx.v} {TYPE_PATH} {nt(c)} }}"
    if ctx.x == "?this" and ctx.depth == 0:  # as a condition for a screen (screen_query)
        return [("ClassConstraintComponent", ctx.v, _Filtered(ctx.values, ctx.v, f"NOT EXISTS {typed}", f"{ctx.values} MINUS {typed}"))]
    return [("ClassConstraintComponent", ctx.v, f"{ctx.values} FILTER NOT EXISTS {typed}")]


# Lexical forms: any string is a valid xsd:string or rdf:langString; a number Oxigraph accepts
# (isNumeric) is one rdflib accepts too. Only the rest goes to the Python callback, which costs
# ~20 µs a value (200,000 offsets at 10,000 documents).
_ALWAYS_WELL_TYPED = {XSD.string, RDF.langString}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}
_LEXICAL = {XSD.boolean: ("true", "false", "1", "0")}  # the whole lexical space (XSD 1.1 3.3.2.1)


def _datatype(ctx, d):
    v = ctx.v
    if d == RDFS.Literal:
        return ctx.failing("DatatypeConstraintComponent", f"!isLiteral({v})")
    # same datatype, and a lexical form rdflib accepts (pySHACL fails ill-typed literals)
    # IF, not ||: Oxigraph evaluates both sides of ||, so the callback ran for every number (6x slower)
    known = (f"isNumeric({v})" if d in _NUMERIC else
             f"STR({v}) IN ({', '.join(nt(Literal(f)) for f in _LEXICAL[d])})" if d in _LEXICAL else None)
    lexical = ("" if d in _ALWAYS_WELL_TYPED else f" && IF({known}, true, <{WELL_TYPED}>({v}))" if known
               else f" && <{WELL_TYPED}>({v})")
    return ctx.failing("DatatypeConstraintComponent", f"!(isLiteral({v}) && datatype({v}) = {nt(d)}{lexical})")


def _node_kind(ctx, k):
    if k not in _NODE_KIND:
        raise Unsupported(f"sh:nodeKind {k}")
    return ctx.failing("NodeKindConstraintComponent", "!" + _NODE_KIND[k].format(v=ctx.v))


def _min_count(ctx, n):
    _needs_path(ctx, "sh:minCount")
    if not int(n):
        return []
    return [("MinCountConstraintComponent", None, _counted(ctx, f"FILTER NOT EXISTS {{ {ctx.at_least(int(n))} }}", f"< {int(n)}"))]


def _max_count(ctx, n):
    _needs_path(ctx, "sh:maxCount")
    return [("MaxCountConstraintComponent", None, _counted(ctx, ctx.at_least(int(n) + 1), f"> {int(n)}"))]


def _counted(ctx, pattern: str, test: str) -> str:
    """The pattern, marked mergeable (_Counted) at the top level of a property shape."""
    return _Counted(pattern, ctx.path, ctx.fresh, test) if ctx.x == "?this" and ctx.depth == 0 else pattern


def _pattern(ctx, pattern):
    flags = ctx.sg.value(ctx.node, SH.flags)
    args = nt(Literal(str(pattern))) + (f", {nt(Literal(str(flags)))}" if flags is not None else "")
    return ctx.failing("PatternConstraintComponent", f"isBlank({ctx.v}) || !REGEX(STR({ctx.v}), {args})")


def _in(ctx, members):
    allowed = " || ".join(f"sameTerm({ctx.v}, {nt(m)})" for m in Collection(ctx.sg, members)) or "false"
    return ctx.failing("InConstraintComponent", f"!({allowed})")


def _has_value(ctx, value):
    if ctx.path is None:
        return ctx.failing("HasValueConstraintComponent", f"!sameTerm({ctx.x}, {nt(value)})")
    w = ctx.fresh()
    return [("HasValueConstraintComponent", None,
             f"FILTER NOT EXISTS {{ {ctx.x} {ctx.path} {w} FILTER(sameTerm({w}, {nt(value)})) }}")]


def _range(pred):
    name = str(pred).rsplit("#", 1)[1]
    component = name[0].upper() + name[1:] + "ConstraintComponent"
    return lambda ctx, bound: ctx.failing(component, f"!COALESCE({ctx.v} {_COMPARE[pred]} {nt(bound)}, false)")


def _length(op, component):
    return lambda ctx, n: ctx.failing(component, f"isBlank({ctx.v}) || !COALESCE(STRLEN(STR({ctx.v})) {op} {int(n)}, false)")


def _language_in(ctx, ranges):
    tags = " || ".join(f"langMatches(lang({ctx.v}), {nt(Literal(str(r)))})" for r in Collection(ctx.sg, ranges))
    return ctx.failing("LanguageInConstraintComponent", f"!(isLiteral({ctx.v}) && ({tags or 'false'}))")


def _unique_lang(ctx, flag):
    _needs_path(ctx, "sh:uniqueLang")
    if not (isinstance(flag, Literal) and flag.toPython() is True):
        return []
    a, b = ctx.fresh(), ctx.fresh()
    return [("UniqueLangConstraintComponent", None,
             f"{ctx.x} {ctx.path} {a} . {ctx.x} {ctx.path} {b} . FILTER(!sameTerm({a}, {b}) && lang({a}) != \"\" "
             f"&& LCASE(lang({a})) = LCASE(lang({b})))")]


def _equals(ctx, prop):
    w = ctx.fresh()
    return [("EqualsConstraintComponent", ctx.v, f"{ctx.values} FILTER NOT EXISTS {{ {ctx.x} {nt(prop)} {ctx.v} }}"),
            ("EqualsConstraintComponent", w,
             f"{ctx.x} {nt(prop)} {w} . FILTER NOT EXISTS {{ {ctx.x} {ctx.path or ''} {w} }}" if ctx.path else
             f"{ctx.x} {nt(prop)} {w} . FILTER(!sameTerm({w}, {ctx.x}))")]


def _disjoint(ctx, prop):
    return [("DisjointConstraintComponent", ctx.v, f"{ctx.values} {ctx.x} {nt(prop)} {ctx.v} .")]


def _pair(pred):
    op = _PAIR[pred]
    component = ("LessThan" if pred == SH.lessThan else "LessThanOrEquals") + "ConstraintComponent"

    def handler(ctx, prop):
        _needs_path(ctx, f"sh:{str(pred).rsplit('#', 1)[1]}")
        v, w = ctx.v, ctx.fresh()
        compare = f"IF(isIRI({v}) && isIRI({w}), STR({v}) {op} STR({w}), {v} {op} {w})"
        pair = f"{ctx.x} {nt(prop)} {w} . FILTER(!COALESCE({compare}, false))"
        if ctx.x == "?this" and ctx.depth == 0:  # as a condition for a screen (screen_query)
            return [(component, v, _Filtered(ctx.values, v, f"EXISTS {{ {pair} }}", f"{ctx.values} {pair}"))]
        return [(component, v, f"{ctx.values} {pair}")]
    return handler


def _node(ctx, shape):
    return ctx.failing("NodeConstraintComponent", f"EXISTS {{ {ctx.violates(shape, ctx.v)} }}")


def _not(ctx, shape):
    return [("NotConstraintComponent", ctx.v, f"{ctx.values} FILTER NOT EXISTS {{ {ctx.violates(shape, ctx.v)} }}")]


def _logical(component, combine):
    def handler(ctx, members):
        shapes = list(Collection(ctx.sg, members))
        fails = [f"EXISTS {{ {ctx.violates(s, ctx.v)} }}" for s in shapes]
        return ctx.failing(component, combine(fails))
    return handler


def _xone(fails):
    conforming = " + ".join(f"IF({f}, 0, 1)" for f in fails) or "0"
    return f"({conforming}) != 1"


def _qualified(ctx, shape):
    _needs_path(ctx, "sh:qualifiedValueShape")
    disjoint = ctx.sg.value(ctx.node, SH.qualifiedValueShapesDisjoint)
    if isinstance(disjoint, Literal) and disjoint.toPython() is True:
        raise Unsupported("sh:qualifiedValueShapesDisjoint")

    def conforming(var):
        return f"FILTER NOT EXISTS {{ {ctx.violates(shape, var)} }}"
    found = []
    low, high = ctx.sg.value(ctx.node, SH.qualifiedMinCount), ctx.sg.value(ctx.node, SH.qualifiedMaxCount)
    if low is not None and int(low) > 0:
        found.append(("QualifiedMinCountConstraintComponent", None,
                      f"FILTER NOT EXISTS {{ {ctx.at_least(int(low), conforming)} }}"))
    if high is not None:
        found.append(("QualifiedMaxCountConstraintComponent", None, ctx.at_least(int(high) + 1, conforming)))
    return found


_HANDLERS = {
    SH["class"]: _class, SH.datatype: _datatype, SH.nodeKind: _node_kind, SH.minCount: _min_count,
    SH.maxCount: _max_count, SH.pattern: _pattern, SH["in"]: _in, SH.hasValue: _has_value,
    **{p: _range(p) for p in _COMPARE},
    SH.minLength: _length(">=", "MinLengthConstraintComponent"),
    SH.maxLength: _length("<=", "MaxLengthConstraintComponent"),
    SH.languageIn: _language_in, SH.uniqueLang: _unique_lang, SH.equals: _equals, SH.disjoint: _disjoint,
    **{p: _pair(p) for p in _PAIR},
    SH.node: _node, SH["not"]: _not,
    SH["and"]: _logical("AndConstraintComponent", lambda fails: " || ".join(fails) or "false"),
    SH["or"]: _logical("OrConstraintComponent", lambda fails: " && ".join(fails) or "true"),
    SH.xone: _logical("XoneConstraintComponent", _xone),
    SH.qualifiedValueShape: _qualified,
}


# --- SHACL-SPARQL ----------------------------------------------------------------------------------

_SELECT = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?", re.I)
_WHERE = re.compile(r"\bWHERE\s*\{|\{")
_NEEDS_PREBINDING = re.compile(r"\b(GROUP\s+BY|HAVING|LIMIT|OFFSET|MINUS|SERVICE|VALUES)\b|\{\s*SELECT\b"
                               r"|\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.I)


def _sparql_check(sg, node, key, severity, path, constraint, target) -> Check:
    select = sg.value(constraint, SH.select)
    if select is None:
        raise Unsupported(f"{key}: sh:sparql without sh:select")
    text = str(select)
    if re.search(r"\$(shapesGraph|currentShape)\b", text):
        raise Unsupported(f"{key}: sh:sparql uses $shapesGraph or $currentShape")
    if path is not None:
        text = text.replace("$PATH", path)
    text = re.sub(r"\$this\b", "?this", text)
    if re.search(r"\$\w", text):
        raise Unsupported(f"{key}: sh:sparql uses pre-bound variables other than $this and $PATH")
    head = _SELECT.search(text)
    where = _WHERE.search(text, head.end()) if head else None
    if where is None:
        raise Unsupported(f"{key}: sh:sparql query is not a SELECT")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _declared_prefixes(sg, constraint))
    note = message(sg, constraint) or message(sg, node)
    if _NEEDS_PREBINDING.search(text):  # run once per focus node, $this substituted
        return Check(key, severity, "SPARQLConstraintComponent", path, prologue + text, note, path is None,
                     per_focus=f"SELECT ?this WHERE {{ {target} }}")
    # $this joined with the target at the start of the outer group: one query for all focus nodes
    projection = text[head.end():where.start()]
    if "*" not in projection and not re.search(r"\?this\b", projection):
        text = text[:head.end()] + "?this " + text[head.end():]
        where = _WHERE.search(text, head.end())
    return Check(key, severity, "SPARQLConstraintComponent", path,
                 prologue + text[:where.end()] + f" {target} " + text[where.end():], note, path is None,
                 focus_only=reads_only_focus(prologue + text))


_SCOPES = {"Graph", "ServiceGraphPattern"}
_EXISTS = re.compile(r"\bEXISTS\s*\{", re.I)


def _exists_blocks(query: str) -> list[str]:
    """The insides of the ``EXISTS { ... }`` blocks of a query."""
    blocks = []
    for m in _EXISTS.finditer(query):
        depth = 1
        for i in range(m.end(), len(query)):
            depth += (query[i] == "{") - (query[i] == "}")
            if depth == 0:
                blocks.append(query[m.end():i])
                break
    return blocks  # patterns that read other graphs or other stores


def reads_only_focus(query: str) -> bool:
    """_reads_only_focus, parsed in a thread of its own: rdflib's parser (pyparsing's cache) keeps
    exceptions whose frames would keep the caller's frames alive, and with them an open store."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_reads_only_focus, query).result()


def _reads_only_focus(query: str) -> bool:
    """Whether every triple pattern of ``query`` (in sub-queries and FILTER EXISTS too) has ?this as
    its subject and a plain IRI or a variable as its predicate: the query then reads nothing but the
    focus node's own triples (no path to other nodes, no other node's type), so its answer for a
    node is decided by the file that describes the node. Parsed by rdflib; a query it cannot parse
    reads anything."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if any("{" in block for block in _exists_blocks(query)):
        return False  # rdflib drops the FILTERs of a group inside EXISTS: only flat EXISTS blocks
    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 (any parse error: not provably local)
        return False
    this = Variable("this")

    def own(triples) -> bool:
        return all(s == this and isinstance(p, (URIRef, Variable)) for s, p, _ in triples)

    def local(node) -> bool:
        if isinstance(node, CompValue):
            if node.name in _SCOPES:
                return False
            if node.name == "BGP" and not own(node.triples):
                return False
            if node.name == "TriplesBlock":  # inside FILTER EXISTS: not translated, lists of s p o ...
                terms = [t for part in node.triples for t in part]
                if len(terms) % 3 or not own(zip(terms[0::3], terms[1::3], terms[2::3])):
                    return False
            return all(local(v) for v in node.values())
        if isinstance(node, (list, tuple)):
            return all(local(v) for v in node)
        return True
    return local(algebra)


def _declared_prefixes(sg: rdflib.Graph, constraint) -> list[tuple[str, str]]:
    found = set()
    for ontology in sg.objects(constraint, SH.prefixes):
        for decl in sg.objects(ontology, SH.declare):
            prefix, ns = sg.value(decl, SH.prefix), sg.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                found.add((str(prefix), str(ns)))
    return sorted(found)


# --- how far a check reads from its focus node (incremental validation, loaders.validate_memo) -----

@dataclass(frozen=True)
class Reach:
    """What a check's query can read around its focus node: every triple it matches lies on a chain
    of at most ``hops`` triples from the focus (its shortest pattern path from ?this), and of each
    triple on such a chain, the end nearer the focus is its subject or object as ``near`` says:
    (predicate IRI, or None for any predicate, "s" | "o")."""

    hops: int
    near: frozenset
    # (entry of near, d): d the farthest the entry's near end lies from the focus, the steps back a
    # changed triple of it needs (table_delta.walk_ends); an entry not named: hops - 1
    depth: frozenset = frozenset()

    def steps(self, entry: tuple) -> int:
        return dict(self.depth).get(entry, self.hops - 1)

    def __or__(self, other: "Reach") -> "Reach":
        depth: dict = {}
        for one in (self, other):
            for e in one.near:
                depth[e] = max(depth.get(e, 0), one.steps(e))
        return Reach(max(self.hops, other.hops), self.near | other.near, frozenset(depth.items()))


_UNBOUNDED_CALLS = re.compile(r"\b(NOW|RAND|UUID|STRUUID|SERVICE|GRAPH)\b", re.I)


@functools.lru_cache(maxsize=None)  # parsing costs ~10 ms a check, every build; the answer is the text's
def reach(query: str) -> Reach | None:
    """The Reach of ``query`` from ?this, parsed (rdflib's algebra) in a thread of its own (see
    reads_only_focus); None when it cannot be bounded: a path with * or +, a pattern not joined to
    ?this through variables (constants do not join: a class IRI would join every instance), a
    predicate variable also used as a node (a sub-select's variables that it does not project are its own:
    a pattern joined only through them is not joined to ?this),
    a named graph or service, a value that changes by itself (NOW, RAND), or a query rdflib
    cannot parse."""
    if _UNBOUNDED_CALLS.search(query):
        return None
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_reach, query).result()


@functools.lru_cache(maxsize=None)
def reach_with_constants(query: str, data_predicates: bool = False) -> Reach | None:
    """reach(), each ``near`` entry with a third member: the IRIs the far end of its triple must be
    (a constant of the pattern, or a variable only bound by VALUES and used in no other pattern),
    None when any term may be: (predicate, side, frozenset of "<iri>" | None). A changed triple
    ``?x rdf:type <Other>`` then reaches no check whose patterns only ask for ``?x rdf:type <C>``
    (loaders.validate_scope). ``data_predicates``: a predicate variable that is also a node, bound
    as such by one pattern ``?a <q> ?p`` joined to ?this through nodes, gives the entries of its
    triples the predicate ``("objects", "q")`` (or ``("subjects", "q")`` for ``?p <q> ?b``): its
    values are among the store's objects of q, which the caller looks up
    (validate_scope.with_data_predicates); without it, such a query is unbounded."""
    if not data_predicates:
        found = _with_positions(query)
        return None if found is None else found[0]
    if _UNBOUNDED_CALLS.search(query):
        return None
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_reach, query, True, data_predicates).result()


@dataclass(frozen=True)
class Positions:
    """Where in a query's pattern a changed triple's near end lies, and the steps back from there to
    the focus along the pattern's own edges (directive_kg.table_delta's walk): Reach with positions.
    ``seeds``: (Reach entry, variable): a changed triple of the entry has its near end at that
    variable; ``back``: (variable, predicate IRI or None, side, variable nearer the focus by one): a
    node at the first variable steps back along the store's triples of the predicate ("s": their
    subjects, the node their object; "o": their objects) to the second; ``focus``: the variable of
    ?this. Each UNION choice's shortest paths to the focus, merged (a variable is the same in every
    choice). A walk of Reach asks every node every entry; this one, a node at an annotation's
    position only the edge that leads from annotations toward the focus."""
    seeds: frozenset
    back: frozenset
    focus: object = None

    def __or__(self, other: "Positions") -> "Positions":
        return Positions(self.seeds | other.seeds, self.back | other.back, self.focus)

    def tagged(self, tag) -> "Positions":
        """The same, each variable but the focus renamed (tag, variable): another query's variables
        of the same name are others."""
        def v(x):
            return x if x == self.focus else (tag, x)
        return Positions(frozenset((e, v(x)) for e, x in self.seeds),
                         frozenset((v(a), p, side, v(b)) for a, p, side, b in self.back), self.focus)


def positions(query: str) -> Positions | None:
    """The Positions of ``query`` from ?this (its entries those of reach_with_constants); None when
    reach_with_constants is None."""
    found = _with_positions(query)
    return None if found is None else found[1]


@functools.lru_cache(maxsize=None)
def _with_positions(query: str) -> tuple[Reach, Positions] | None:
    """reach_with_constants and positions of ``query`` from one parse (~30 ms a query: an add's
    tables ask both of 11 tables)."""
    if _UNBOUNDED_CALLS.search(query):
        return None
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_reach, query, True, False, True).result()


def _reach(query: str, constants: bool = False, data_predicates: bool = False, positioned: bool = False
           ) -> Reach | tuple[Reach, Positions] | None:
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 (any parse error: not bounded)
        return None
    edges: list[tuple] = []   # (node, predicate IRI or None, node): one triple each
    branches: list[frozenset] = []  # of each edge: the (UNION, side) pairs it lies inside
    inside: list[tuple] = []        # the (UNION, side) pairs being walked
    tests: list[tuple] = []         # of each edge: the tested blocks it lies inside (_reach_of_edges)
    testing: list[int] = []         # the tested blocks being walked, outermost first
    hidden = itertools.count()
    predicate_vars: set = set()

    def node(term, scope):
        if isinstance(term, Variable):
            return scope(term)
        if isinstance(term, BNode):
            return term
        if isinstance(term, URIRef):
            return ("constant", next(hidden), nt(term))  # a leaf of its own
        return ("constant", next(hidden))

    def edge(a, p, b) -> None:
        edges.append((a, p, b))
        branches.append(frozenset(inside))
        tests.append(tuple(testing))

    def tested(parts, scope) -> None:  # a block whose triples a solution need not hold (see _reach_of_edges)
        testing.append(next(hidden))
        for part in parts:
            walk(part, scope)
        testing.pop()

    def hops(a, path, b, scope) -> None:
        if isinstance(path, URIRef):
            edge(a, str(path), b)
        elif isinstance(path, Variable):
            predicate_vars.add(scope(path))
            edge(a, scope(path), b)  # any predicate; with constants, those VALUES binds it to
        elif isinstance(path, NegatedPath):
            edge(a, None, b)
        elif isinstance(path, InvPath):
            hops(b, path.arg, a, scope)
        elif isinstance(path, SequencePath):
            steps = [a] + [("step", next(hidden)) for _ in path.args[1:]] + [b]
            for x, p, y in zip(steps, path.args, steps[1:]):
                hops(x, p, y, scope)
        elif isinstance(path, AlternativePath):
            for p in path.args:
                hops(a, p, b, scope)
        elif isinstance(path, MulPath) and path.mod == "?":
            hops(a, path.path, b, scope)
        else:
            raise Unsupported(f"path {path!r} has no bound length")

    values: dict = {}  # variable -> the terms VALUES binds it to (None: also unbound, or not IRIs)

    def walk(n, scope=lambda v: v) -> None:
        if isinstance(n, CompValue):
            if n.name == "ToMultiSet" and getattr(n.p, "name", None) == "Project":  # a sub-select
                projected, own = set(n.p.PV), next(hidden)
                walk(n.p.p, lambda v, outer=scope: outer(v) if v in projected else ("local", own, v))
                return
            if n.name in ("Builtin_NOTEXISTS", "Builtin_EXISTS"):
                # the translated block (n.graph): the raw one (n["graph"]) lacks the FILTERs of its inner groups
                tested([n.graph] if n.graph is not None else list(n.values()), scope)
                return
            if n.name in ("Minus", "LeftJoin"):
                walk(n.p1, scope)
                tested([n.p2, n.get("expr")], scope)
                return
            if n.name == "Union":  # a solution matches one branch: each joins ?this on its own
                union = next(hidden)
                for side, branch in enumerate((n.p1, n.p2)):
                    inside.append((union, side))
                    walk(branch, scope)
                    inside.pop()
                return
            rows = n.res if n.name == "values" else None
            if n.name == "InlineData" and len(n.var) == 1:  # VALUES inside FILTER (NOT) EXISTS: not translated
                rows = [{n.var[0]: term} for term in n.value]
            for row in rows or ():
                for var in {v for r in rows for v in r}:
                    term = row.get(var)
                    known = values.get(scope(var), set())
                    values[scope(var)] = known | {nt(term)} if isinstance(term, URIRef) and known is not None else None
            triples = n.triples if n.name in ("BGP", "TriplesBlock") else None
            if n.name == "TriplesBlock" and triples:
                terms = [t for part in triples for t in part]
                triples = list(zip(terms[0::3], terms[1::3], terms[2::3])) if len(terms) % 3 == 0 else None
                if triples is None:
                    raise Unsupported("a triples block rdflib did not split")
            for s, p, o in triples or ():
                hops(node(s, scope), p, node(o, scope), scope)
            for v in n.values():
                walk(v, scope)
        elif isinstance(n, (list, tuple)):
            for v in n:
                walk(v, scope)

    try:
        walk(algebra)
    except Unsupported:
        return None
    nodes = {x for a, _, b in edges for x in (a, b)}
    bound_by: dict = {}  # a predicate variable also a node -> ("objects" | "subjects", q): see reach_with_constants
    for v in predicate_vars & nodes:
        binding = [(a, p, b) for a, p, b in edges if v in (a, b)]
        if not data_predicates or len(binding) != 1 or type(binding[0][1]) is not str or binding[0][0] == binding[0][2]:
            return None
        a, q, b = binding[0]
        bound_by[v] = ("objects", q) if b == v else ("subjects", q)
    edges, branches, tests = zip(*[((a, p2, b), where, test) for (a, p, b), where, test in zip(edges, branches, tests)
                                   for p2 in ((p,) if p not in predicate_vars else (bound_by[p],) if p in bound_by else
                                              sorted(i[1:-1] for i in values[p]) if constants and values.get(p) else (None,))]) \
        if edges else ((), (), ())
    if not edges:
        return (Reach(0, frozenset()), Positions(frozenset(), frozenset(), Variable("this"))) if positioned \
            else Reach(0, frozenset())
    found = placed = None
    for choice in _choices(branches):  # the edges of one side of every UNION
        chosen = [i for i, where in enumerate(branches) if where <= choice]
        one = _reach_of_edges([edges[i] for i in chosen], values, constants, [tests[i] for i in chosen])
        if one is None:
            return None
        found = one if found is None else found | one
        if positioned:
            here = _positions_of_edges([edges[i] for i in chosen], values, constants)
            placed = here if placed is None else placed | here
    return (found, placed) if positioned else found


def _choices(branches: Sequence[frozenset]) -> list[frozenset]:
    """Every choice of one side of each UNION the edges lie in, as a set of (UNION, side) pairs; a
    branch not taken leaves its edges out (a query of many UNIONs: one choice of every side at once,
    the bound of all its edges joined)."""
    unions = sorted({u for where in branches for u, _side in where})
    if len(unions) > 8:
        return [frozenset(pair for where in branches for pair in where)]
    return [frozenset(zip(unions, sides)) for sides in itertools.product((0, 1), repeat=len(unions))]


def _distances(edges: Sequence[tuple], start: Mapping) -> dict:
    """Each node's fewest ``edges`` from the nodes of ``start`` (node -> its distance, kept as it is)."""
    dist = dict(start)
    changed = True
    while changed:
        changed = False
        for a, _, b in edges:
            for x, y in ((a, b), (b, a)):
                if x in dist and y not in start and dist.get(y, dist[x] + 2) > dist[x] + 1:
                    dist[y] = dist[x] + 1
                    changed = True
    return dist


def _reach_of_edges(edges: list[tuple], values: dict, constants: bool, tests: Sequence[tuple] | None = None) -> Reach | None:
    """The Reach of the pattern `edges` from ?this (None when an edge is not joined to it). ``tests``:
    of each edge, the blocks it lies in whose triples a solution need not hold (OPTIONAL, MINUS,
    FILTER (NOT) EXISTS; outermost first). The chain from the focus to a changed triple runs through
    the triples a solution holds: the required patterns', then those of the blocks around the triple's
    pattern, outermost first (a solution without the OPTIONAL, or whose NOT EXISTS holds, holds none of
    that block's triples). So the nodes of the required patterns lie as far as those patterns put them,
    and a block's own nodes as far as its patterns put them from its enclosing blocks' (CitationEdgeShape:
    the cited document ?value is two triples from ?this through its citation, not one through the
    eli:cites its NOT EXISTS asks, which a violation lacks). When the required patterns do not join
    every node they name to ?this, or a block's patterns its nodes to its enclosing blocks' (an
    OPTIONAL joined through another OPTIONAL), those nodes lie as few triples away as any pattern
    puts them (as before: bench/README.md, addval22)."""
    from rdflib.term import Variable

    this = Variable("this")
    tests = list(tests) if tests is not None else [()] * len(edges)
    dist = {(): _distances([e for e, t in zip(edges, tests) if not t], {this: 0})}
    if any(x not in dist[()] for e, t in zip(edges, tests) if not t for x in (e[0], e[2])):
        dist = {t: _distances(edges, {this: 0}) for t in set(tests) | {()}}
    joined = None  # every pattern's: a block not joined to its enclosing ones by its own patterns gets these
    for block in sorted(set(tests) - dist.keys(), key=len):
        for k in range(1, len(block) + 1):  # each enclosing block first
            if block[:k] not in dist:
                own = [e for e, t in zip(edges, tests) if t == block[:k]]
                dist[block[:k]] = _distances(own, dist[block[:k - 1]])
                if any(x not in dist[block[:k]] for a, _, b in own for x in (a, b)):
                    joined = _distances(edges, {this: 0}) if joined is None else joined
                    dist[block[:k]] = joined
    if any(x not in dist[t] for (a, _, b), t in zip(edges, tests) for x in (a, b)):
        return None
    far = _far_ends(edges, values, constants)
    depth: dict = {}
    for (a, p, b), t in zip(edges, tests):
        d = dist[t]
        if d[a] <= d[b]:
            entry = (p, "s", *far(b))
            depth[entry] = max(depth.get(entry, 0), d[a])
        if d[b] <= d[a]:
            entry = (p, "o", *far(a))
            depth[entry] = max(depth.get(entry, 0), d[b])
    return Reach(max(max(d.values()) for d in dist.values()), frozenset(depth), frozenset(depth.items()))


def _far_ends(edges: list[tuple], values: dict, constants: bool):
    """far(x): what a Reach entry says of its far end x (with constants: the IRIs it must be, None: any)."""
    uses: dict = {}
    for a, _, b in edges:
        for x in (a, b):
            uses[x] = uses.get(x, 0) + 1

    def far(x) -> tuple:
        if not constants:
            return ()
        if isinstance(x, tuple) and x[0] == "constant" and len(x) == 3:
            return (frozenset({x[2]}),)
        if uses.get(x) == 1 and values.get(x):
            return (frozenset(values[x]),)
        return (None,)

    return far


def _positions_of_edges(edges: list[tuple], values: dict, constants: bool) -> Positions | None:
    """The Positions of the pattern `edges` from ?this (None when an edge is not joined to it): the
    entries as _reach_of_edges makes them, at their near end's variable; the back steps, every edge
    whose ends lie one apart from ?this (along every pattern: a walk steps along the store's triples)."""
    from rdflib.term import Variable

    this = Variable("this")
    dist = _distances(edges, {this: 0})
    if any(x not in dist for a, _, b in edges for x in (a, b)):
        return None
    far = _far_ends(edges, values, constants)
    seeds, back = set(), set()
    for a, p, b in edges:
        if dist[a] <= dist[b]:
            seeds.add(((p, "s", *far(b)), a))
        if dist[b] <= dist[a]:
            seeds.add(((p, "o", *far(a)), b))
        if dist[a] == dist[b] - 1:  # a node at b: the subjects of its triples of p
            back.add((b, p, "s", a))
        if dist[b] == dist[a] - 1:
            back.add((a, p, "o", b))
    return Positions(frozenset(seeds), frozenset(back), this)
