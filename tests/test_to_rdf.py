"""The graph built from the gold records of data/documents says what issue 4 requires (SPARQL on the
union of the named graphs), deterministically, with correct N-Triples for any string."""
from __future__ import annotations

import hashlib
import random

import pyoxigraph as ox
import pytest

from loaders.identity import CORPUS_GRAPH, ID, file_graph_iri
from loaders.records import Assignment, CitedDocument, CopyRecord, DocumentRecord, Signer, Span
from loaders.resolve import LoadedDocument
from loaders.to_rdf import corpus_graphs, iri, literal

D = ID + "doc/"
PREFIXES = """
PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX dkgc: <https://w3id.org/directive-kg/code/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX doc: <https://w3id.org/directive-kg/id/doc/>
PREFIX body: <https://w3id.org/directive-kg/id/body/>
PREFIX unit: <https://w3id.org/directive-kg/id/unit/>
"""


def load(graphs: dict[str, str]) -> ox.Store:
    store = ox.Store()
    for name, text in graphs.items():
        store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return store


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def built(gold_documents):
    result = corpus_graphs(gold_documents)
    return gold_documents, result, load(result.graphs)


# Each fact of issue 4 ("What the graph built from data/documents must say") as an ASK query.
FACTS = {
    "963-CV/TU implements 10/ĐM, explicitly": """ASK {
        doc:tinh-uy-tra-vinh\\/2020\\/963-cv-tu eli:ensures_implementation_of ?dm .
        ?dm eli:id_local "10/ĐM" ; eli:date_document "2020-07-28"^^xsd:date ;
            eli:passed_by/skos:prefLabel "Ban Bí thư"@vi ;
            dkg:actingBody/skos:prefLabel "Thường trực Ban Bí thư"@vi .
        ?c dkg:citingDocument doc:tinh-uy-tra-vinh\\/2020\\/963-cv-tu ; dkg:citedDocument ?dm ;
           dkg:explicit true ; dkg:relation dkgc:relation\\/implements . }""",
    "2644-CV/TU implements 10/ĐM, implicit, resolved with a confidence": """ASK {
        doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu eli:ensures_implementation_of ?dm .
        ?dm eli:id_local "10/ĐM" .
        ?c dkg:citingDocument doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu ; dkg:citedDocument ?dm ;
           dkg:explicit false ; dkg:resolutionMethod dkgc:resolution\\/issuer-subject ; dkg:confidence ?x .
        FILTER(?x >= 0.6 && ?x <= 0.8) }""",
    "11-CV/HU implements 10/ĐM, the Điện mật, resolved": """ASK {
        doc:huyen-uy-nam-truc\\/2020\\/11-cv-hu eli:ensures_implementation_of ?dm .
        ?dm eli:id_local "10/ĐM" .
        ?c dkg:citingDocument doc:huyen-uy-nam-truc\\/2020\\/11-cv-hu ; dkg:citedDocument ?dm ;
           dkg:citationText ?t ; dkg:resolutionMethod dkgc:resolution\\/issuer-date-type ; dkg:confidence ?x .
        FILTER(STRSTARTS(?t, "Điện mật")) }""",
    "11-CV/HU implements 1100-CV/TU of Tỉnh ủy Nam Định, known only by citation": """ASK {
        doc:huyen-uy-nam-truc\\/2020\\/11-cv-hu eli:ensures_implementation_of ?d .
        ?d eli:id_local "1100-CV/TU" ; dkg:knownOnlyByCitation true .
        FILTER(?d = doc:tinh-uy-nam-dinh\\/2020\\/1100-cv-tu) }""",
    "2644-CV/TU implements 472/UBND-VP6 of UBND tỉnh Ninh Bình": """ASK {
        doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu eli:ensures_implementation_of ?d .
        ?d eli:id_local "472/UBND-VP6" ; eli:passed_by body:uy-ban-nhan-dan-tinh-ninh-binh . }""",
    "472/UBND-VP6 implements 253/TB-VPCP of Văn phòng Chính phủ, as 2644-CV/TU says": """ASK {
        ?d eli:id_local "472/UBND-VP6" ; eli:ensures_implementation_of ?t .
        ?t eli:id_local "253/TB-VPCP" ; eli:passed_by body:van-phong-chinh-phu .
        ?c dkg:citingDocument ?d ; dkg:citedDocument ?t ; dkg:relation dkgc:relation\\/implements ;
           dkg:assertedIn doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu . }""",
    "the Tỉnh ủy Bình Định document implements 10-TB/VPTW and 226/TB-VPCP": """ASK {
        ?d eli:passed_by body:tinh-uy-binh-dinh ; dkg:sourceFile ?f .
        FILTER NOT EXISTS { ?d eli:id_local ?n }
        ?d eli:ensures_implementation_of [ eli:id_local "10-TB/VPTW" ], [ eli:id_local "226/TB-VPCP" ] . }""",
    "it was copied as 43-BS/ĐUK by Đảng ủy Khối các cơ quan tỉnh Bình Định on 2021-09-08": """ASK {
        ?copy a dkg:Copy ; eli:id_local "43-BS/ĐUK" ; eli:date_document "2021-09-08"^^xsd:date ;
              eli:passed_by/skos:prefLabel "Đảng ủy Khối các cơ quan tỉnh Bình Định"@vi ;
              prov:wasDerivedFrom ?orig ; dkg:copyOf ?orig ; dkg:hasSignature/dkg:signingCapacity dkgc:capacity\\/tl .
        ?orig eli:passed_by body:tinh-uy-binh-dinh . }""",
    "Ban Tuyên giáo Tỉnh ủy Ninh Bình leads, with the Ban Chỉ đạo, reporting to the Ban Thường vụ": """ASK {
        ?a dkg:assignedIn doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu ;
           dkg:leadBody body:ban-tuyen-giao-tinh-uy-ninh-binh ;
           dkg:cooperatingBody/skos:prefLabel "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Ninh Bình"@vi ;
           dkg:reportsTo body:ban-thuong-vu-tinh-uy-ninh-binh ; dkg:taskText ?t . }""",
    "a 2020 Nam Trực document stays in Nam Trực, Nam Định, found under today's Ninh Bình": """ASK {
        doc:huyen-uy-nam-truc\\/2020\\/11-cv-hu dkg:locality ?u .
        ?u dkg:partOf unit:2020\\/nam-dinh ; dkg:succeededBy unit:2025\\/ninh-binh ; skos:prefLabel ?l .
        unit:2020\\/nam-dinh dkg:succeededBy unit:2025\\/ninh-binh . }""",
    "Ban Tuyên giáo Tỉnh ủy Ninh Bình is under Tỉnh ủy Ninh Bình, in Ninh Bình": """ASK {
        body:ban-tuyen-giao-tinh-uy-ninh-binh a org:Organization ; org:subOrganizationOf body:tinh-uy-ninh-binh ;
            dkg:locality unit:2020\\/ninh-binh ; dkg:level ?l ; dkg:channel dkgc:channel\\/party . }""",
    "a class of bodies is a node of its own": """ASK {
        ?a dkg:assignedIn doc:tinh-uy-ninh-binh\\/2020\\/2644-cv-tu ; dkg:leadBody ?g . ?g a dkg:BodyGroup ; skos:prefLabel ?l . }""",
    "every document links to its source file with path, checksum and loader version": """ASK {
        FILTER NOT EXISTS { ?d dkg:sourceFile ?f . FILTER NOT EXISTS { ?f dkg:path ?p ; dkg:sha256 ?s ; dkg:loaderVersion ?v } } }""",
}


@pytest.mark.parametrize("fact", list(FACTS))
def test_issue4_fact(built, fact):
    _, _, store = built
    assert ask(store, FACTS[fact]), fact


def test_ten_dm_is_implemented_by_exactly_the_three(built):
    _, _, store = built
    rows = store.query(PREFIXES + """SELECT DISTINCT ?n WHERE {
        ?d eli:ensures_implementation_of [ eli:id_local "10/ĐM" ] ; eli:id_local ?n }""",
                       use_default_graph_as_union=True)
    assert sorted(r["n"].value for r in rows) == ["11-CV/HU", "2644-CV/TU", "963-CV/TU"]


def test_inferred_links_live_in_the_corpus_graph(built):
    _, result, store = built
    g2644 = result.graphs[file_graph_iri("000_971c03e54ee92b8c.txt")]
    corpus = result.graphs[CORPUS_GRAPH]
    dm = iri(D + "trung-uong/2020/10-dm")
    assert dm not in g2644                            # 2644's text never names 10/ĐM
    assert f"{iri(D + 'tinh-uy-ninh-binh/2020/2644-cv-tu')} <http://data.europa.eu/eli/ontology#ensures_implementation_of> {dm} ." in corpus
    assert "knownOnlyByCitation" not in "".join(g for n, g in result.graphs.items() if n != CORPUS_GRAPH)


def test_stats_match_the_graph(built):
    _, result, store = built
    n = lambda q: int(next(iter(store.query(PREFIXES + q, use_default_graph_as_union=True)))[0].value)  # noqa: E731
    assert result.stats.citations == n("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a dkg:Citation }")
    assert result.stats.assignments == n("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a dkg:Assignment }")
    assert result.stats.documents_cited_only == n(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d dkg:knownOnlyByCitation true }")
    assert result.stats.citations_unresolved == n(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c dkg:resolutionMethod dkgc:resolution\\/unresolved }")


def test_deterministic_and_independent_of_input_order(gold_documents):
    first = corpus_graphs(gold_documents).graphs
    shuffled = list(gold_documents)
    random.Random(4).shuffle(shuffled)
    second = corpus_graphs(shuffled).graphs
    assert first == second
    for text in first.values():
        lines = text.splitlines()
        assert lines == sorted(lines) and len(lines) == len(set(lines))


# --- hand-made records: evidence, hostile strings ------------------------------------------

HOSTILE = 'về "x" \\ y\n z\r\t} { <a> @vi ^^ \x00\x07\x7f \ud800 end'


def _doc(path: str, **fields) -> LoadedDocument:
    return LoadedDocument(DocumentRecord(source=path, **fields), path,
                          hashlib.sha256(path.encode()).hexdigest(), "0.1")


def test_hostile_strings_round_trip():
    doc = _doc('dir/we"ird }file\n.txt', doc_type="Công văn", number="5-CV/TU", date="2020-02-30",
               issuer="Tỉnh ủy Ninh Bình", subject=HOSTILE, place=HOSTILE, warnings=(HOSTILE,),
               recipients=(HOSTILE,), distribution=(HOSTILE,),
               cited_documents=(CitedDocument(text=HOSTILE, subject=HOSTILE, issuer=HOSTILE),),
               assignments=(Assignment(text=HOSTILE, bodies=(HOSTILE,)),),
               signer=Signer(name=HOSTILE, role=HOSTILE, authority=HOSTILE),
               evidence={HOSTILE: Span(0, 3, HOSTILE)})
    result = corpus_graphs([doc])
    store = load(result.graphs)  # raises if any line is not valid N-Triples
    titles = [r["t"].value for r in store.query(
        PREFIXES + "SELECT ?t WHERE { ?d eli:title ?t }", use_default_graph_as_union=True)]
    assert titles == [HOSTILE.replace("\ud800", "\ufffd")]
    # an impossible date is kept as written, not as an xsd:date
    assert ask(store, 'ASK { ?d dkg:dateAsWritten "2020-02-30" FILTER NOT EXISTS { ?d eli:date_document ?x } }')


# The store bulk-loads the mapped text without Oxigraph's IRI checks (store.LENIENT_LOAD): what a
# document gives its IRIs (number, issuer, path, bodies, cited text) must yield valid N-Triples anyway.
@pytest.mark.parametrize("odd", ["15%/QĐ", "%zz", "100%", "a%2", "% %%", "x:y//z", "#frag?q=1", "..",
                                 "ÿ\u00a0\u2028", "<>"])
def test_odd_identifiers_give_strictly_valid_ntriples(odd):
    doc = _doc(f"dir/{odd}.txt", doc_type="Công văn", number=f"{odd}-CV/TU", date="2020-07-28", issuer=odd,
               subject=odd, recipients=(odd,), cited_documents=(CitedDocument(text=odd, number=odd, issuer=odd),),
               assignments=(Assignment(text=odd, bodies=(odd,)),), signer=Signer(name=odd, role=odd, authority=odd))
    result = corpus_graphs([doc])
    for name, text in result.graphs.items():  # strict: raises SyntaxError on an invalid IRI
        assert list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)), name


@pytest.mark.parametrize("value", ["", "plain", 'q"uote', "back\\slash", "new\nline", "tab\t", "\x01", "ư ơ đ"])
def test_literal_parses_back(value):
    line = f"<http://e/s> <http://e/p> {literal(value)} .\n"
    (quad,) = list(ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert quad.object.value == value


def test_iri_escapes_forbidden_characters():
    assert iri("http://e/a b{c}") == "<http://e/a%20b%7Bc%7D>"


def test_evidence_annotations():
    cited = CitedDocument(text="Công điện số 10/ĐM, ngày 28/7/2020", doc_type="Công điện", number="10/ĐM",
                          date="2020-07-28", issuer="Thường trực Ban Bí thư", relation="implements")
    doc = _doc("e.txt", doc_type="Công văn", number="963-CV/TU", date="2020-07-29", issuer="Tỉnh ủy Trà Vinh",
               cited_documents=(cited,), signer=Signer(name="Kim Ngọc Thái"),
               copy=CopyRecord(number="7-BS/VPTU", date="2020-08-01", issuer="Văn phòng Tỉnh ủy Trà Vinh",
                               signer=Signer(name="A")),
               evidence={"number": Span(5, 14, "963-CV/TU"),
                         "cited_documents[0]": Span(100, 134, cited.text),
                         "signer.name": Span(900, 913, "Kim Ngọc Thái"),
                         "copy.signer.name": Span(950, 951, "A")})
    store = load(corpus_graphs([doc]).graphs)
    doc_iri = D + "tinh-uy-tra-vinh/2020/963-cv-tu"
    cases = [("number", doc_iri, 5, 14, "963-CV/TU"),
             ("cited_documents[0]", doc_iri + "/citation/1", 100, 134, cited.text),
             ("signer.name", doc_iri + "/signature", 900, 913, "Kim Ngọc Thái"),
             ("copy.signer.name", D + "van-phong-tinh-uy-tra-vinh/2020/7-bs-vptu/signature", 950, 951, "A")]
    for key, fact, start, end, quote in cases:
        assert ask(store, f"""ASK {{
            <{fact}> dkg:evidence ?a . ?a a dkg:Evidence ; dkg:field "{key}" ; dkg:quote "{quote}" ;
              dkg:start {start} ; dkg:end {end} ; dkg:quotedFrom ?src .
            ?src a dkg:SourceFile ; dkg:path "e.txt" . }}"""), key


def test_records_without_evidence_have_no_evidence_nodes(built):
    _, result, _ = built
    assert not any("Evidence" in text or "/evidence/" in text for text in result.graphs.values())


def test_every_body_reference_is_a_described_node(built):
    _, _, store = built
    rows = list(store.query(PREFIXES + """SELECT ?s ?p ?o WHERE {
        VALUES ?p { org:subOrganizationOf dkg:groupWithin dkg:leadBody dkg:cooperatingBody dkg:reportsTo
                    eli:passed_by dkg:addressee dkg:onBehalfOf dkg:actingBody dkg:locality dkg:succeededBy }
        ?s ?p ?o . FILTER NOT EXISTS { ?o a ?type ; skos:prefLabel ?label } }""", use_default_graph_as_union=True))
    assert rows == []
