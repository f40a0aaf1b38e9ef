"""SHACL fast path: constraints merged into one query report what they report one query each.

The value tests of one property shape (sh:datatype, sh:minInclusive, sh:pattern, ...) run as one
pass over its values with a flag per constraint, its sh:minCount and sh:maxCount as one count per
focus node, and a top-level sh:class as MINUS (shacl_sparql._Filtered, _Counted, _class). Here a
value breaks several merged constraints at once, a focus node breaks several counts, and pySHACL
(the reference) and the streamed validation (per batch, then corpus-wide) must agree with them.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from loaders.shacl_sparql import translate
from loaders.validate import load_shapes, validate, validate_batches

from test_validate import same_results

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:nodeKind sh:IRI ; sh:in ( ex:a ex:b ex:c ex:d ) ;
  sh:property [ sh:path ex:n ; sh:minCount 2 ; sh:maxCount 3 ; sh:datatype xsd:integer ;
                sh:minInclusive 0 ; sh:maxInclusive 10 ] ;
  sh:property [ sh:path ex:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ; sh:minLength 2 ;
                sh:pattern "^[a-z]+$" ; sh:severity sh:Warning ] ;
  sh:property [ sh:path ex:kind ; sh:maxCount 1 ; sh:class ex:Kind ] ;
  sh:property [ sh:path ex:flag ; sh:datatype xsd:boolean ] ;
  sh:property [ sh:path ex:part ; sh:node ex:PartShape ] .

ex:PartShape a sh:NodeShape ; sh:property [ sh:path ex:kind ; sh:class ex:Kind ] .
"""

# One file's graph each (the streamed validation checks them in batches).
FILES = {
    "urn:file:a": """
        <http://example.org/a> a <http://example.org/Thing> ; <http://example.org/n> 1, 2 ;
            <http://example.org/label> "ok" ; <http://example.org/kind> <http://example.org/k1> ;
            <http://example.org/flag> true, "1"^^<http://www.w3.org/2001/XMLSchema#boolean> .""",
    "urn:file:b": """
        <http://example.org/b> a <http://example.org/Thing> ;
            <http://example.org/n> -5, 20, "abc"^^<http://www.w3.org/2001/XMLSchema#integer>,
                "7.5"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
            <http://example.org/label> "A", 5 .""",
    "urn:file:c": """
        <http://example.org/c> a <http://example.org/Thing> ;
            <http://example.org/kind> <http://example.org/notAKind>, <http://example.org/k1> .""",
    "urn:file:d": """
        <http://example.org/d> a <http://example.org/Thing> ; <http://example.org/n> 3 ;
            <http://example.org/label> "x" ; <http://example.org/part> <http://example.org/p1> .
        <http://example.org/p1> <http://example.org/kind> <http://example.org/notAKind> .""",
    "urn:file:e": """
        <http://example.org/zz> a <http://example.org/Thing> ; <http://example.org/n> 4, 5 ; <http://example.org/label> "zz" .
        _:anon a <http://example.org/Thing> ; <http://example.org/n> 4, 5 ; <http://example.org/label> "anon" .""",
}
SHARED = {"urn:shared:kinds": "<http://example.org/k1> a <http://example.org/Kind> ."}


def _store() -> ox.Store:
    store = ox.Store()
    for g, text in {**FILES, **SHARED}.items():
        store.load(text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(g))
    return store


def test_merged_checks_report_what_pyshacl_reports():
    fast, _ = same_results(_store(), SHAPES)
    found = {(r.focus.rsplit("/", 1)[-1], r.path and r.path.rsplit("/", 1)[-1], r.component) for r in fast.results}
    # one value breaking several merged value tests, one result each
    assert {("b>", "label>", "MinLengthConstraintComponent"), ("b>", "label>", "PatternConstraintComponent"),
            ("b>", "label>", "DatatypeConstraintComponent"), ("b>", "label>", "MaxCountConstraintComponent"),
            ("b>", "n>", "MinInclusiveConstraintComponent"), ("b>", "n>", "MaxInclusiveConstraintComponent"),
            ("b>", "n>", "DatatypeConstraintComponent"), ("b>", "n>", "MaxCountConstraintComponent"),
            ("c>", "n>", "MinCountConstraintComponent"), ("c>", "label>", "MinCountConstraintComponent"),
            ("c>", "kind>", "ClassConstraintComponent"), ("c>", "kind>", "MaxCountConstraintComponent"),
            ("d>", "n>", "MinCountConstraintComponent"), ("d>", "part>", "NodeConstraintComponent"),
            ("zz>", None, "InConstraintComponent")} <= found
    assert not any(focus == "a>" for focus, _, _ in found)


def test_merged_checks_stream_as_they_run_whole():
    store = _store()
    whole = validate(store, SHAPES, locate=False)
    nt = {g: ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(g)), format=ox.RdfFormat.N_QUADS)
          .decode().replace(f" <{g}> .", " .") for g in {**FILES, **SHARED}}
    for size in (1, 2):
        names = sorted(FILES)
        batches = ({g: nt[g] for g in names[i:i + size]} for i in range(0, len(names), size))
        streamed = validate_batches(batches, {g: nt[g] for g in SHARED}, _merged(store), shapes=SHAPES, locate=False)
        named = {k for k in whole.keys() if not k[0].startswith("_:")}  # the test's blank node is relabelled per file
        assert {k for k in streamed.keys() if not k[0].startswith("_:")} == named
        assert sum(k[0].startswith("_:") for k in streamed.keys()) == sum(k[0].startswith("_:") for k in whole.keys())


def _merged(store: ox.Store) -> ox.Store:
    """The store's union as its default graph (what validate_batches runs the corpus-wide checks on)."""
    flat = ox.Store()
    flat.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    return flat


def test_the_constraints_are_merged():
    """The merges happen (else the tests above prove nothing new): per property shape, its value
    tests in one check, its counts in another; nested shapes keep theirs apart."""
    sg = load_shapes(SHAPES)
    checks = translate(sg, URIRef("http://example.org/ThingShape"))
    merged = {(c.path and c.path.rsplit("/", 1)[-1], frozenset(c.components)) for c in checks if c.components}
    assert merged == {
        (None, frozenset({"NodeKindConstraintComponent", "InConstraintComponent"})),
        ("n>", frozenset({"DatatypeConstraintComponent", "MaxInclusiveConstraintComponent", "MinInclusiveConstraintComponent"})),
        ("n>", frozenset({"MinCountConstraintComponent", "MaxCountConstraintComponent"})),
        ("label>", frozenset({"DatatypeConstraintComponent", "PatternConstraintComponent", "MinLengthConstraintComponent"})),
        ("label>", frozenset({"MinCountConstraintComponent", "MaxCountConstraintComponent"})),
    }


def test_booleans_judged_without_the_callback_agree_with_pyshacl():
    """xsd:boolean's lexical forms are decided in SPARQL (the callback only for the rest): an
    ill-typed one still fails, as pySHACL says (which reports its value as rdflib reads it)."""
    data = "".join(f'<http://example.org/{i}> a <http://example.org/Thing> ; <http://example.org/flag> "{form}"^^'
                   f'<http://www.w3.org/2001/XMLSchema#boolean> .\n'
                   for i, form in enumerate(["true", "false", "1", "0", "yes", "True"]))
    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:flag ; sh:datatype xsd:boolean ] ."""
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:file:flags"))
    fast, reference = (validate(store, shapes, engine=e, locate=False) for e in ("fast", "pyshacl"))
    assert sorted(r.focus for r in fast.results) == ["<http://example.org/4>", "<http://example.org/5>"]
    assert sorted(r.focus for r in reference.results) == sorted(r.focus for r in fast.results)
