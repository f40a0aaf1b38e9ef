"""The ontology and the SKOS code lists: they parse, every project term is declared with English and
Vietnamese labels and definitions, the code lists are exactly what the reference CSVs say."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from loaders.codes import (CODE_BASE, code_slug, concept, concept_iri, concepts, find_code,
                           load_schemes, scheme_iri)
from loaders.paths import ONTOLOGY, REFERENCE, ROOT

DKG = "https://w3id.org/directive-kg/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/directive-kg/ontology")
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "directive.ttl")


@pytest.fixture(scope="module")
def codelists() -> Graph:
    return Graph().parse(ONTOLOGY / "codelists.ttl")


def project_terms(g: Graph) -> list[URIRef]:
    return sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(DKG)})


@pytest.mark.parametrize("name", ["directive.ttl", "codelists.ttl", "shapes.ttl"])
def test_turtle_parses(name):
    assert len(Graph().parse(ONTOLOGY / name)) > 100


def test_version(ontology):
    assert ontology.value(ONTOLOGY_IRI, RDF.type) == OWL.Ontology
    version = ontology.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert version is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")


def test_every_project_term_is_declared_once(ontology):
    terms = project_terms(ontology)
    assert len(terms) > 60
    for t in terms:
        kinds = [k for k in DECLARATIONS if (t, RDF.type, k) in ontology]
        assert len(kinds) == 1, f"{t} is declared as {kinds}: OWL 2 DL wants exactly one kind"


def _langs(g: Graph, s, p) -> set[str]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def test_every_project_term_has_english_and_vietnamese_label_and_definition(ontology):
    for t in project_terms(ontology):
        assert {"en", "vi"} <= _langs(ontology, t, RDFS.label), f"{t}: rdfs:label @en and @vi"
        assert {"en", "vi"} <= _langs(ontology, t, SKOS.definition), f"{t}: skos:definition @en and @vi"
        assert ontology.value(t, RDFS.isDefinedBy) == ONTOLOGY_IRI


def test_reused_classes_and_properties_are_typed(ontology):
    # Every external IRI used in an axiom position is declared, so OWL 2 DL tools do not have to guess.
    axioms = (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf)
    used = {o for p in axioms for o in ontology.objects(None, p) if isinstance(o, URIRef)}
    for term in used:
        if str(term).startswith(str(RDFS)) or term.startswith("http://www.w3.org/2001/XMLSchema#"):
            continue
        assert any((term, RDF.type, k) in ontology for k in DECLARATIONS), f"{term} used but not declared"


def test_contract_classes_reuse_standard_vocabularies(ontology):
    dkg = lambda n: URIRef(DKG + n)  # noqa: E731
    eli, prov = "http://data.europa.eu/eli/ontology#", "http://www.w3.org/ns/prov#"
    assert (dkg("Document"), RDFS.subClassOf, URIRef(eli + "LegalResource")) in ontology
    assert (dkg("Copy"), RDFS.subClassOf, dkg("Document")) in ontology
    assert (dkg("SourceFile"), RDFS.subClassOf, URIRef(prov + "Entity")) in ontology
    assert (dkg("copyOf"), RDFS.subPropertyOf, URIRef(prov + "wasDerivedFrom")) in ontology


# --- code lists ----------------------------------------------------------------------------------

def test_codelists_ttl_is_generated_from_the_csvs():
    run = subprocess.run([sys.executable, str(ONTOLOGY / "make_codelists.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


SCHEMES = list(load_schemes())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_csv_row_is_a_concept_with_notation_labels_and_scheme(codelists, scheme):
    s = URIRef(scheme_iri(scheme))
    assert (s, RDF.type, SKOS.ConceptScheme) in codelists
    assert {"en", "vi"} <= _langs(codelists, s, SKOS.prefLabel)
    rows = list(csv.DictReader((REFERENCE / load_schemes()[scheme].file).open(encoding="utf-8")))
    members = {c for c in codelists.subjects(SKOS.inScheme, s)}
    assert len(members) == len(rows)
    for row in rows:
        c = URIRef(concept_iri(scheme, row["code"]))
        assert c in members
        assert (c, RDF.type, SKOS.Concept) in codelists
        assert (c, SKOS.topConceptOf, s) in codelists and (s, SKOS.hasTopConcept, c) in codelists
        assert codelists.value(c, SKOS.notation) == Literal(row["code"])
        assert {"en", "vi"} <= _langs(codelists, c, SKOS.prefLabel)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_code_list_row_has_an_example_that_shows_it(scheme):
    # The example must contain the code, the label or one of its spellings (data, not decoration).
    # A concept without spellings ("own": signing in one's own name) is the absence of every marker.
    members = concepts(scheme)
    for c in members:
        assert c.example, f"{scheme}/{c.code}: no example"
        example = c.example.casefold()
        if c.spellings or scheme == "doc-type":
            words = [c.code, c.label_vi, *c.spellings]
            assert any(w.casefold() in example for w in words if w), (scheme, c.code, c.example)
        else:
            others = [w for o in members if o is not c for w in o.spellings]
            assert not any(w.casefold() in example.split() for w in others), (scheme, c.code, c.example)


@pytest.mark.parametrize("code, slug", [
    ("CV", "cv"), ("CĐ", "cdd"), ("QĐi", "qddi"), ("QĐ", "qdd"), ("QyĐ", "qydd"), ("ĐA", "dda"), ("DA", "da"),
    ("HĐ", "hdd"), ("HD", "hd"), ("based_on", "based-on"), ("thuong-khan", "thuong-khan"),
])
def test_code_slug(code, slug):
    assert code_slug(code) == slug


def test_concept_iri_accepts_code_or_slug_and_rejects_unknown_codes():
    assert concept_iri("doc-type", "CV") == CODE_BASE + "doc-type/cv"
    assert concept_iri("doc-type", "CĐ") == concept_iri("doc-type", "cdd") == CODE_BASE + "doc-type/cdd"
    assert concept_iri("relation", "based_on") == CODE_BASE + "relation/based-on"
    assert concept_iri("capacity", "tm") == CODE_BASE + "capacity/tm"
    with pytest.raises(ValueError, match="unknown code 'XX' in scheme 'doc-type'"):
        concept_iri("doc-type", "XX")
    with pytest.raises(ValueError, match="unknown code scheme"):
        concept_iri("doc-types", "CV")


@pytest.mark.parametrize("scheme, text, channel, code", [
    ("doc-type", "Công văn", None, "CV"),
    ("doc-type", "văn bản", None, "CV"),
    ("doc-type", "Quy định", "party", "QĐi"),
    ("doc-type", "Quy định", "state", "QyĐ"),
    ("doc-type", "Sao lục", "state", "SL"),
    ("doc-type", "Công điện", "party", "CĐ"),
    ("urgency", "HỎA TỐC", None, "hoa-toc"),
    ("secrecy", "Tối mật", None, "toi-mat"),
    ("capacity", "K/T", None, "kt"),
    ("purpose", "để b/c", None, "report"),
    ("copy-type", "SAO Y BẢN CHÍNH", None, "sao-y"),
    ("doc-type", "Thư", None, None),
])
def test_find_code(scheme, text, channel, code):
    assert find_code(scheme, text, channel) == code


def test_delegated_capacities_and_relation_edges_come_from_data(codelists):
    delegated = {c.code for c in concepts("capacity") if c.delegated}
    assert delegated == {"tm", "kt", "tl", "tuq"}
    assert concept("relation", "implements").edge_property == "eli:ensures_implementation_of"
    edge = URIRef(DKG + "edgeProperty")
    assert codelists.value(URIRef(concept_iri("relation", "copy-of")), edge) == URIRef(DKG + "copyOf")


def test_delegated_signature_axiom_names_exactly_the_delegated_capacities(ontology):
    # The OWL axiom "Signature with a delegated capacity is a prov:Delegation" must list the same
    # capacities as signing_capacities.csv.
    listed = {o for o in ontology.objects() if isinstance(o, URIRef) and str(o).startswith(CODE_BASE + "capacity/")}
    assert listed == {URIRef(concept_iri("capacity", c.code)) for c in concepts("capacity") if c.delegated}


def test_bad_code_list_file_names_the_file(tmp_path):
    (tmp_path / "code_schemes.csv").write_text(
        "scheme,file,code_column,label_vi,label_en,definition_en,definition_vi,source,example\n"
        "doc-type,doc_types.csv,code,a,b,c,d,e,f\n", encoding="utf-8")
    (tmp_path / "doc_types.csv").write_text("code,name_vi,name_en\nĐA,Đề án,Scheme\nDA,Dự án,Project\nDa,x,y\n",
                                            encoding="utf-8")
    with pytest.raises(ValueError, match=r"doc_types.csv: codes with the same IRI slug: da"):
        concepts("doc-type", tmp_path)
    with pytest.raises(ValueError, match=r"missing.csv"):
        (tmp_path / "code_schemes.csv").write_text(
            "scheme,file,code_column,label_vi,label_en,definition_en,definition_vi,source,example\n"
            "x,missing.csv,code,a,b,c,d,e,f\n", encoding="utf-8")
        load_schemes.cache_clear()
        concepts("x", tmp_path)
