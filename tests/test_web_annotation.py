"""Evidence is one dkg:Evidence node a quote, a text reuse passage one dkg:Passage node; `directive-kg export
--web-annotation` (ontology/web-annotation.rq) writes the standard W3C Web Annotation form of every one: the
same quotes, spans, files, fields and facts, under the same IRIs, and that form passes the shapes once it
replaces the light nodes in the graph. A passage's form is exactly the one ontology 0.2.0 stored."""
from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest
from test_cli_values import cli

from loaders.paths import ROOT

DOCUMENTS = ROOT / "data" / "documents"
DKG = "https://w3id.org/directive-kg/ontology#"
OA = "http://www.w3.org/ns/oa#"
PREFIXES = f"PREFIX dkg: <{DKG}>\nPREFIX oa: <{OA}>\n"
GRAPH = ox.NamedNode("urn:x-test:graph")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from loaders.build import build

    store = tmp_path_factory.mktemp("wa") / "store"
    report = build(DOCUMENTS, store, progress=False, jobs=1)
    assert report.validation.violations == 0
    return store


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("wa-out")
    status, stdout, err = cli(["export", "--web-annotation", "--out", str(out), "--store", str(built)])
    assert status == 0, err
    target = out / "web-annotation.ttl"
    assert str(target) in stdout
    g = ox.Store()
    g.load(path=str(target), format=ox.RdfFormat.TURTLE)
    return g


def _graph(built) -> ox.Store:
    from loaders.store import open_store

    with open_store(built, read_only=True) as kg:
        copy = ox.Store()  # one named graph: validate() reads a plain store's named graphs
        copy.load(kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                  format=ox.RdfFormat.N_TRIPLES, to_graph=GRAPH)
    return copy


LIGHT = PREFIXES + """SELECT ?e ?fact ?field ?quote ?start ?end ?file WHERE {
    ?fact dkg:evidence ?e . ?e a dkg:Evidence ; dkg:field ?field ; dkg:quote ?quote ; dkg:start ?start ;
       dkg:end ?end ; dkg:quotedFrom ?file }"""
STANDARD = PREFIXES + """SELECT ?e ?fact ?field ?quote ?start ?end ?file WHERE {
    ?fact dkg:evidence ?e . ?e a oa:Annotation ; dkg:field ?field ; oa:hasBody ?fact ; oa:hasTarget ?t .
    ?t a oa:SpecificResource ; oa:hasSource ?file ; oa:hasSelector ?q, ?p .
    ?q a oa:TextQuoteSelector ; oa:exact ?quote . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }"""
LIGHT_PASSAGES = PREFIXES + """SELECT ?r ?t ?doc ?quote ?start ?end ?file WHERE {
    ?r dkg:passage ?t . ?t dkg:passageOf ?doc ; dkg:quote ?quote ; dkg:start ?start ; dkg:end ?end ;
       dkg:quotedFrom ?file }"""
STANDARD_PASSAGES = PREFIXES + """SELECT ?r ?t ?doc ?quote ?start ?end ?file WHERE {
    ?r dkg:passage ?t . ?t a oa:SpecificResource ; dkg:passageOf ?doc ; oa:hasSource ?file ; oa:hasSelector ?q, ?p .
    ?q a oa:TextQuoteSelector ; oa:exact ?quote . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }"""


def _rows(store: ox.Store, query: str) -> set[tuple]:
    return {tuple(str(x) for x in row) for row in store.query(query, use_default_graph_as_union=True)}


def test_the_graph_keeps_one_node_a_quote(built):
    g = _graph(built)
    light = _rows(g, LIGHT)
    assert len(light) > 100
    assert _rows(g, STANDARD) == set()  # no oa:Annotation, target or selector is stored
    # 7 triples a quote: the link from the fact, the type, field, quote, start, end, file
    n = next(iter(g.query(PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE {
        { ?e a dkg:Evidence ; ?p ?o } UNION { ?f dkg:evidence ?e } }""", use_default_graph_as_union=True)))[0]
    assert int(n.value) == 7 * len(light)


def test_export_gives_every_quote_in_the_web_annotation_form(built, exported):
    light = _rows(_graph(built), LIGHT)
    assert _rows(exported, STANDARD) == light
    passages = _rows(_graph(built), LIGHT_PASSAGES)
    assert len(passages) > 10 and _rows(exported, STANDARD_PASSAGES) == passages
    # nothing else: 14 triples a quote (the fact's dkg:evidence link kept), 11 a passage (its link kept)
    assert len(exported) == 14 * len(light) + 11 * len(passages)


def test_the_graph_keeps_one_node_a_passage(built):
    g = _graph(built)
    passages = _rows(g, LIGHT_PASSAGES)
    assert _rows(g, STANDARD_PASSAGES) == set()
    # 6 triples a passage: the link from the text reuse, document, quote, start, end, file
    n = next(iter(g.query(PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE {
        { ?r dkg:passage ?t . ?t ?p ?o } UNION { ?r dkg:passage ?t } }""", use_default_graph_as_union=True)))[0]
    assert int(n.value) == 6 * len(passages)


def _passage_triples_0_2(passages, docs) -> str:
    """The passages as loaders/reuse_graph.py wrote them up to ontology 0.2.0 (copied from that version)."""
    from loaders import identity as ids

    XSD, RDF_TYPE = "http://www.w3.org/2001/XMLSchema#", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    lines = []
    for p in passages:
        key = f"{p.a}:{p.a_start}:{p.a_end}:{p.b}:{p.b_start}:{p.b_end}"
        node = f"{ids.ID}reuse/{hashlib.sha256(key.encode()).hexdigest()[:20]}"
        r = f"<{node}>"
        for side, sha, start, end, quote in (("a", p.a, p.a_start, p.a_end, p.a_quote),
                                             ("b", p.b, p.b_start, p.b_end, p.b_quote)):
            src = f"<{ids.source_iri(sha)}>"
            t, q, pos = f"<{node}/{side}>", f"<{node}/{side}/quote>", f"<{node}/{side}/position>"
            quoted = '"' + quote.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
            lines += [f"{r} <{DKG}passage> {t} .", f"{t} {RDF_TYPE} <{OA}SpecificResource> .",
                      f"{t} <{OA}hasSource> {src} .", f"{t} <{DKG}passageOf> {docs[src]} .",
                      f"{t} <{OA}hasSelector> {q} .", f"{t} <{OA}hasSelector> {pos} .",
                      f"{q} {RDF_TYPE} <{OA}TextQuoteSelector> .", f"{q} <{OA}exact> {quoted} .",
                      f"{pos} {RDF_TYPE} <{OA}TextPositionSelector> .",
                      f'{pos} <{OA}start> "{start}"^^<{XSD}integer> .', f'{pos} <{OA}end> "{end}"^^<{XSD}integer> .']
    return "\n".join(lines) + "\n"


def test_the_export_of_a_passage_is_its_0_2_form():
    """reuse_triples (one node a passage) + web-annotation.rq == the 4-node form 0.2.0 stored, triple for triple."""
    from loaders import identity as ids
    from loaders.reuse import Passage
    from loaders.reuse_graph import reuse_triples
    from directive_kg.web_annotation import QUERY

    a, b, c = "a" * 64, "b" * 64, "c" * 64
    docs = {f"<{ids.source_iri(s)}>": f"<{ids.ID}doc/{n}>" for s, n in ((a, "x"), (b, "y"), (c, "z"))}
    passages = [Passage(a, b, 10, 52, 0, 42, 'phát huy mạnh mẽ phương châm "4 tại chỗ"',
                        'phát huy mạnh mẽ phương châm "4 tại chỗ"', 9, 1.0),
                Passage(b, c, 100, 130, 7, 38, "không để dịch bệnh lây lan rộng", "không để dịch lây lan rộng ra", 6, 0.83)]
    light = ox.Store()
    light.load(reuse_triples(passages, docs, {}), format=ox.RdfFormat.N_TRIPLES)
    exported = set(light.query(QUERY.read_text(encoding="utf-8")))
    old = ox.Store()
    old.load(_passage_triples_0_2(passages, docs), format=ox.RdfFormat.N_TRIPLES)
    assert exported == {ox.Triple(q.subject, q.predicate, q.object) for q in old}


def test_the_web_annotation_form_passes_the_shapes(built, exported):
    """The standard form in place of the light nodes: AnnotationShape, SpecificResourceShape, the selector
    shapes and QuoteSpanShape check it, EvidenceLinkShape accepts it; no violation."""
    from loaders.validate import validate

    g = _graph(built)
    g.update(PREFIXES + f"DELETE WHERE {{ GRAPH {GRAPH} {{ ?e a dkg:Evidence ; ?p ?o }} }}")
    g.update(PREFIXES + f"DELETE WHERE {{ GRAPH {GRAPH} {{ ?f dkg:evidence ?e }} }}")
    # the passages keep their light form next to the standard one (the same IRI): TextReusePassageShape
    # checks the first, SpecificResourceShape and the selector shapes the second
    g.extend(ox.Quad(q.subject, q.predicate, q.object, GRAPH) for q in exported)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert not any(True for _ in g.quads_for_pattern(None, rdf_type, ox.NamedNode(DKG + "Evidence")))
    assert any(True for _ in g.quads_for_pattern(None, ox.NamedNode(OA + "hasSelector"), None))
    report = validate(g, locate=False)
    assert report.violations == 0, report.to_text()
    assert report.fallback == ()


def test_a_broken_web_annotation_is_caught(built, exported):
    from loaders.validate import validate

    g = _graph(built)
    g.update(PREFIXES + f"DELETE WHERE {{ GRAPH {GRAPH} {{ ?e a dkg:Evidence ; ?p ?o }} }}")
    g.update(PREFIXES + f"DELETE WHERE {{ GRAPH {GRAPH} {{ ?f dkg:evidence ?e }} }}")
    g.extend(ox.Quad(q.subject, q.predicate, q.object, GRAPH) for q in exported)
    victim = next(iter(g.query(PREFIXES + "SELECT ?p WHERE { ?p a oa:TextPositionSelector } ORDER BY ?p LIMIT 1",
                                use_default_graph_as_union=True)))[0]
    g.update(f"DELETE {{ GRAPH {GRAPH} {{ {victim} <{OA}end> ?e }} }} INSERT {{ GRAPH {GRAPH} {{ {victim} <{OA}end> 0 }} }} "
             f"WHERE {{ GRAPH {GRAPH} {{ {victim} <{OA}end> ?e }} }}")
    report = validate(g, locate=False)
    shapes = " ".join(r.source_shape for r in report.results if r.severity == "Violation")
    assert "QuoteSpanShape" in shapes and "TextPositionSelectorShape" in shapes, report.to_text()


def test_json_ld_export(built, tmp_path):
    status, _, err = cli(["export", "--web-annotation", "--format", "jsonld", "--out", str(tmp_path),
                          "--store", str(built)])
    assert status == 0, err
    g = ox.Store()
    g.load(path=str(tmp_path / "web-annotation.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert _rows(g, STANDARD) == _rows(_graph(built), LIGHT)


def test_the_ontology_states_only_the_sound_mappings():
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDFS

    from loaders.paths import ONTOLOGY

    g = Graph().parse(ONTOLOGY / "directive.ttl")
    dkg, oa = (lambda n: URIRef(DKG + n)), (lambda n: URIRef(OA + n))  # noqa: E731
    assert (dkg("Evidence"), RDFS.subClassOf, oa("Annotation")) in g
    inverse = [g.value(p, OWL.inverseOf) for p in g.objects(dkg("evidence"), RDFS.subPropertyOf)]
    assert inverse == [oa("hasBody")]
    # the values describe the annotation's (implicit) target, not the annotation: no sub-property of the
    # selector and specific-resource terms, whose Web Annotation domain is another node
    for light, standard in (("quote", "exact"), ("start", "start"), ("end", "end"), ("quotedFrom", "hasSource")):
        assert (dkg(light), RDFS.subPropertyOf, oa(standard)) not in g
        assert (dkg(light), RDFS.seeAlso, oa(standard)) in g
