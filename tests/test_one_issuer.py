"""One document, one row (issue 16, item 1): a document has one issuer; the organ acting for it
(Ban Thường vụ, Thường trực) is its acting body; what a citing file says about the cited document's
issuer is a claim of that citation (dkg:claimedIssuer, with the citation's evidence); files that name
different issuers are reported (dkg:issuerConflict, a SHACL warning naming the files), not merged
into two issuers."""
from __future__ import annotations

import hashlib

import pytest

from directive_kg.queries import run
from loaders.identity import ID
from loaders.records import CitedDocument, DocumentRecord
from loaders.resolve import LoadedDocument, resolve
from loaders.store import merged_in_memory
from loaders.to_rdf import corpus_graphs
from loaders.validate import validate

D = ID + "doc/"
B = ID + "body/"
TV_963 = D + "tinh-uy-tra-vinh/2020/963-cv-tu"


def _doc(path: str, **fields) -> LoadedDocument:
    record = DocumentRecord(source=path, **fields)
    return LoadedDocument(record, path, hashlib.sha256(path.encode()).hexdigest(), "test")


def _district_citing_963() -> LoadedDocument:
    """A Huyện ủy Càng Long công văn carrying out 963-CV/TU, naming its issuer by the organ."""
    cited = CitedDocument(text="Công văn số 963-CV/TU ngày 29/7/2020 của Ban Thường vụ Tỉnh ủy Trà Vinh",
                          number="963-CV/TU", date="2020-07-29", doc_type="Công văn",
                          issuer="Ban Thường vụ Tỉnh ủy Trà Vinh", relation="implements", explicit=True)
    return _doc("cang_long_15.txt", doc_type="Công văn", number="15-CV/HU", date="2020-07-30",
                issuer="Huyện ủy Càng Long", issuer_level="district", channel="party",
                province="Trà Vinh", district="Càng Long", cited_documents=(cited,))


def _citing(path: str, number: str, issuer_named: str, date: str = "2020-03-01") -> LoadedDocument:
    cited = CitedDocument(text=f"Chỉ thị số 05-CT/TW ngày 15/5/2016 của {issuer_named}", number="05-CT/TW",
                          date="2016-05-15", doc_type="Chỉ thị", issuer=issuer_named, relation="implements",
                          explicit=True)
    return _doc(path, doc_type="Công văn", number=number, date=date, issuer="Tỉnh ủy Ninh Bình",
                issuer_level="province", channel="party", province="Ninh Bình", cited_documents=(cited,))


@pytest.fixture(scope="module")
def with_district(gold_documents):
    docs = [*gold_documents, _district_citing_963()]
    return docs, merged_in_memory(corpus_graphs(docs).graphs)


def test_the_organ_is_the_acting_body_not_a_second_issuer(with_district):
    docs, store = with_district
    res = resolve(docs)
    node = res.nodes[TV_963]
    assert node.issuer == B + "tinh-uy-tra-vinh"
    assert not [c for c in res.conflicts if c.document == TV_963]
    rows = run("propagation-tree", {"doc": "10/ĐM"}, store=store).rows
    assert [r["document"] for r in rows].count("963-CV/TU") == 1
    below = run("propagation-tree", {"doc": "963-CV/TU"}, store=store).rows
    assert [(r["document"], r["issuer"]) for r in below] == [("15-CV/HU", "Huyện ủy Càng Long")]


def test_the_claim_stays_on_the_citation(with_district, corpus_store):
    """What the district file says (the organ's name) is a claim of its citation, with the
    citation's evidence; the document itself has one issuer."""
    _, store = with_district
    claims = {s["label"].value for s in store.query("""
        PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label WHERE { ?c dkg:citedDocument <%s> ; dkg:claimedIssuer/skos:prefLabel ?label }""" % TV_963)}
    assert claims == {"Ban Thường vụ Tỉnh ủy Trà Vinh"}
    issuers = {s["b"].value for s in store.query(
        "SELECT ?b WHERE { <%s> <http://data.europa.eu/eli/ontology#passed_by> ?b }" % TV_963)}
    assert issuers == {B + "tinh-uy-tra-vinh"}
    with_evidence = bool(corpus_store.query("""
        PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
        ASK { ?c dkg:citedDocument ?d ; dkg:claimedIssuer ?b ; dkg:evidence ?e }"""))
    assert with_evidence


def test_documents_has_one_row_per_document(corpus_store):
    rows = run("documents", store=corpus_store).rows
    nodes = [r["node"] for r in rows] if "node" in rows[0] else [(r["document"], r["file"]) for r in rows]
    assert len(nodes) == len(set(nodes))
    assert [r["document"] for r in rows].count("35-CT/TW") == 1


def test_every_document_node_has_at_most_one_issuer(corpus_store):
    many = list(corpus_store.query("""
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?d (COUNT(DISTINCT ?b) AS ?n) WHERE { ?d eli:passed_by ?b } GROUP BY ?d HAVING (COUNT(DISTINCT ?b) > 1)""",
        use_default_graph_as_union=True))
    assert many == []


# claims of three citing files -> the issuer kept, and whether a conflict is reported
CASES = [
    (("Bộ Chính trị", "Bộ Chính trị"), "bo-chinh-tri", False),
    (("Bộ Chính trị", "Ban Bí thư", "Bộ Chính trị"), "bo-chinh-tri", True),     # the most files
    (("Ban Bí thư", "Bộ Chính trị"), "ban-bi-thu", True),                       # a tie: by name
    (("Ban Chấp hành Trung ương", "Bộ Chính trị"), "bo-chinh-tri", True),       # a tie: the more specific body
]


@pytest.mark.parametrize("named,kept,conflict", CASES)
def test_conflicting_claims_are_reported_not_merged(named, kept, conflict):
    docs = [_citing(f"f{i}.txt", f"{100 + i}-CV/TU", name) for i, name in enumerate(named)]
    res = resolve(docs)
    target = D + "trung-uong/2016/05-ct-tw"
    assert res.nodes[target].issuer == B + kept
    found = [c for c in res.conflicts if c.document == target]
    assert bool(found) == conflict
    if conflict:
        message = found[0].message
        for i, name in enumerate(named):
            assert f'"{name}" in f{i}.txt' in message
        graphs = corpus_graphs(docs).graphs
        report = validate(merged_in_memory(graphs))
        assert any("05-ct-tw" in r.focus and "f0.txt" in (r.value or "") for r in report.results
                   if r.severity == "Warning"), report.to_text()
    assert res.stats.issuer_conflicts == len(res.conflicts)


def test_a_press_report_does_not_decide_the_issuer(corpus_store):
    """35-CT/TW: its file is a press report naming "Ban Chấp hành Trung ương"; two documents cite it as
    of "Bộ Chính trị". One issuer (Bộ Chính trị), and a warning naming the files."""
    rows = run("documents", store=corpus_store).rows
    assert [r["issuer"] for r in rows if r["document"] == "35-CT/TW"] == ["Bộ Chính trị"]
    notes = [s["v"].value for s in corpus_store.query(
        'SELECT ?v WHERE { ?d <https://w3id.org/directive-kg/ontology#issuerConflict> ?v }',
        use_default_graph_as_union=True)]
    assert any("party_017.txt" in n and "Bộ Chính trị" in n for n in notes)
