"""Per-document tables (directive_kg.doc_tables, issue 15): the build writes, for every document, the rows
of reuse-levels, downstream-tasks, propagation-tree and uptake that do not depend on the root DOC; the runner answers those
questions by a walk from DOC plus one seek per document reached. The saved SPARQL stays the definition:
for every document of a generated corpus (and of the seed graph) both give the same rows in the same
order, and a table that is not current is never read."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest

from directive_kg import doc_tables
from directive_kg import queries as Q
from loaders.store import open_store, query_graph

ROOT = Path(__file__).resolve().parent.parent
TABLED = sorted(doc_tables.SPECS)
VIA = {"downstream-tasks": ["implements", "cites"], "reuse-levels": [None], "uptake": [None],  # None: no such param
       "propagation-tree": ["implements", "cites", "based-on", "copy-of"]}
_DOCS = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?d WHERE { { ?d a dkg:Document } UNION { ?x eli:ensures_implementation_of ?d }
                           UNION { ?x eli:cites ?d } } ORDER BY ?d"""


def _stamped(store: ox.Store, stamp: str) -> None:
    from tests.test_listings import _stamped as stamp_it
    stamp_it(store, stamp)


@pytest.fixture(scope="module")
def seed_doc_kg(tmp_path_factory, seed_store):
    """The seed graph in a built-store folder with a build stamp and its per-document tables."""
    path = tmp_path_factory.mktemp("doc-tables-seed") / "store"
    with open_store(path, read_only=False) as kg:
        kg.store.extend(seed_store.quads_for_pattern(None, None, None, None))
        _stamped(kg.store, "2026-12-05T00:00:00+00:00")
        written = doc_tables.write_doc_tables(kg.store, kg.path)
    assert set(written) == set(TABLED)
    return path


@pytest.fixture(scope="module")
def generated_doc_kg(tmp_path_factory):
    """A built 150-document corpus of bench/generate.py, with the reuse stage: the build writes the tables."""
    from loaders.build import build

    tmp = tmp_path_factory.mktemp("doc-tables-generated")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "150", "--out", str(tmp / "corpus"),
                    "--seed", "7", "--noise", "0.1", "--no-gold"], check=True, capture_output=True)
    build(tmp / "corpus", tmp / "store", progress=False, jobs=1)
    return tmp / "store"


def _typed(rows: list[dict]) -> list[list]:
    return [[(v, type(v)) for v in r.values()] for r in rows]


@pytest.mark.parametrize("which", ["seed_doc_kg", "generated_doc_kg"])
@pytest.mark.parametrize("name", TABLED)
def test_table_answers_are_the_sparql_answers_for_every_document(request, which, name):
    """Every document of the store as DOC (and each `via`): the rows from the table == the SPARQL rows
    (values, Python types, order), and the whole answer of a page (--limit/--offset) too."""
    path = request.getfixturevalue(which)
    query = Q.load_query(name)
    answered = 0
    with open_store(path, read_only=True) as kg:
        docs = [s["d"].value for s in query_graph(kg.store, _DOCS)]
        assert len(docs) >= (100 if which == "generated_doc_kg" else 5)
        for doc in docs:
            for via in VIA[name]:
                params = {"doc": doc, **({"via": via} if via else {})}
                table = Q.run(query, params, store=kg, timeout=None)
                sparql = Q.run(query, params, store=kg.store, timeout=None)
                assert (table.origin, sparql.origin) == ("doc-table", "sparql")
                assert table.columns == sparql.columns
                assert _typed(table.rows) == _typed(sparql.rows), (name, doc, via)
                answered += bool(table.rows)
        assert answered >= 3, "too few documents with rows to compare"
        biggest = max(docs, key=lambda d: len(Q.run(query, {"doc": d}, store=kg.store, timeout=None).rows))
        page = Q.run(query, {"doc": biggest}, store=kg, limit=3, offset=2, timeout=None)
        assert page.rows == Q.run(query, {"doc": biggest}, store=kg.store, limit=3, offset=2, timeout=None).rows


def test_the_build_writes_the_tables(generated_doc_kg):
    for name in TABLED:
        info = doc_tables.table_info(generated_doc_kg, Q.load_query(name), open_store(generated_doc_kg, read_only=True).store)
        assert info is not None and info.rows > 0 and info.documents > 0, name


def test_a_stale_table_is_not_read(tmp_path, seed_doc_kg):
    """Another build (a new stamp), a changed query text, a missing or broken table, an explicit backend:
    SPARQL."""
    path = tmp_path / "store"
    shutil.copytree(seed_doc_kg, path)
    query, params = Q.load_query("downstream-tasks"), {"doc": "10/ĐM"}
    with open_store(path, read_only=False) as kg:
        assert Q.run(query, params, store=kg).origin == "doc-table"
        assert Q.run(query, params, backend=Q.EmbeddedBackend(kg.store)).origin == "sparql"
        edited = Q.parse_query(query.text + "\n# edited\n", name="downstream-tasks")
        assert Q.run(edited, params, store=kg).origin == "sparql"
        _stamped(kg.store, "2026-12-06T00:00:00+00:00")
        assert Q.run(query, params, store=kg).origin == "sparql"
        _stamped(kg.store, "2026-12-05T00:00:00+00:00")
        meta = path / "tables" / "downstream-tasks.doc.json"
        meta.write_text("{not json")
        assert Q.run(query, params, store=kg).origin == "sparql"
        meta.unlink()
        assert Q.run(query, params, store=kg).origin == "sparql"
        assert Q.run("reuse-levels", params, store=kg).origin == "doc-table"


@pytest.mark.parametrize("iri", ["https://w3id.org/directive-kg/id/doc/a", "urn:x:b", "https://example.org/đ/ü"])
def test_keys_are_stable_64_bit(iri):
    assert doc_tables.key_of(iri) == doc_tables.key_of(iri) < 2 ** 64


def test_every_table_names_a_saved_query_that_the_runner_sorts():
    """The table path needs a total order from the runner (`# sort:`): the SPARQL's order is not promised."""
    for name, spec in doc_tables.SPECS.items():
        query = Q.load_query(name)
        assert query.sort and not Q.query_has_order(query.text), name
        assert {"document_iri", "depth"} <= set(doc_tables.projection(query.text)), name
        assert spec.query == name


_BOUND_DATA = """
<http://x/a> <http://x/p> "1" . <http://x/b> <http://x/p> "2" . <http://x/c> <http://x/p> "3" .
<http://x/a> <http://x/q> <http://x/u> . <http://x/b> <http://x/q> <http://x/u> . <http://x/u> <http://x/r> "U" .
"""


@pytest.mark.parametrize("rows", [
    # a sub-select of the key joined by hash, one without it, an aggregate over the whole store
    """SELECT ?document_iri ?v ?w ?n WHERE { { SELECT ?document_iri ?v WHERE { ?document_iri <http://x/p> ?v } }
       OPTIONAL { ?document_iri <http://x/q> ?u . { SELECT ?u ?w WHERE { ?u <http://x/r> ?w } } }
       { SELECT (COUNT(*) AS ?n) WHERE { ?s <http://x/p> ?o } } }""",
    "SELECT * WHERE { ?document_iri <http://x/p> ?v }",
    "SELECT DISTINCT ?document_iri ?k WHERE { { SELECT ?document_iri (COUNT(*) AS ?k) WHERE { ?document_iri ?p ?o } GROUP BY ?document_iri } }",
])
@pytest.mark.parametrize("documents", [["http://x/a"], ["http://x/a", "http://x/c"], ["http://x/z"]])
def test_a_rows_query_bound_to_documents_answers_their_rows_of_the_whole_query(rows, documents):
    store = ox.Store()
    store.load(_BOUND_DATA.encode(), format=ox.RdfFormat.TURTLE)
    whole = {tuple(map(str, s)) for s in store.query(rows) if s["document_iri"].value in documents}
    bound_text = doc_tables.bound(rows, "document_iri", documents)
    # bound in the outer group and in each sub-select of the key, never in the aggregate over all
    assert bound_text.count("VALUES ?document_iri") == len(re.findall(r"SELECT (?:DISTINCT )?(?:\?document_iri|\*)", rows))
    assert {tuple(map(str, s)) for s in store.query(bound_text)} == whole


@pytest.mark.parametrize("name", TABLED)
def test_the_rows_of_some_documents_are_their_lines_of_the_whole_table(generated_doc_kg, name):
    """An add computes the rows of the documents it reaches only (_rows bound, reuse-levels' extend
    reading their reuses only): each line is the whole computation's."""
    spec = doc_tables.SPECS[name]
    with open_store(generated_doc_kg, read_only=True) as kg:
        whole, _n = doc_tables._lines(*doc_tables._rows(kg.store, spec))
        some = sorted(whole)[::7] + ["http://example.org/not-a-document"]
        part, _n = doc_tables._lines(*doc_tables._rows(kg.store, spec, some))
    assert part and part == {iri: whole[iri] for iri in some if iri in whole}


def test_the_streamed_shares_are_those_of_the_reuses_grouped_in_python(generated_doc_kg):
    """reuse-levels' sums from _PASSAGES streamed one reuse after another (each reuse summed as it comes,
    only parent and sibling pairs) equal the sums of every pair from the reuses grouped in Python (the
    path taken when a reuse's solutions come apart), restricted to those pairs."""
    from directive_kg.queries import python_values

    with open_store(generated_doc_kg, read_only=True) as kg:
        edges = {tuple(s) for s in query_graph(kg.store, doc_tables._CHILDREN)}
        keep = doc_tables._related(edges)
        streamed = doc_tables._shared_per_pair(kg.store, None, keep)
        every = doc_tables._sums(doc_tables._by_reuse(query_graph(kg.store, doc_tables._PASSAGES), python_values()),
                                 None)
    assert streamed and len(streamed) < len(every)
    assert streamed == {pair: sums for pair, sums in every.items() if keep(*pair)}


def test_the_shares_from_the_reuse_stages_arrays_are_those_of_the_stores_passages(generated_doc_kg):
    """The build writes the passages of its reuse graphs beside the store (loaders.reuse_graph.
    write_passages); reuse-levels sums them instead of the store's: the same sums, whole (parent and
    sibling pairs) and for some documents, and the same lines."""
    from loaders.reuse_graph import PASSAGES_FILE

    assert (generated_doc_kg / PASSAGES_FILE).exists()
    spec = doc_tables.SPECS["reuse-levels"]
    with open_store(generated_doc_kg, read_only=True) as kg:
        built = doc_tables._built_reuses(kg.store, generated_doc_kg, None)
        assert built is not None and len(list(built)) == len(list(query_graph(kg.store, doc_tables._PASSAGES))) // 2
        keep = doc_tables._related({tuple(s) for s in query_graph(kg.store, doc_tables._CHILDREN)})
        whole = doc_tables._shared_per_pair(kg.store, None, keep, generated_doc_kg)
        assert whole and whole == doc_tables._shared_per_pair(kg.store, None, keep)
        documents = sorted({d.value for d, _other in whole})[::4]
        some = doc_tables._shared_per_pair(kg.store, documents, None, generated_doc_kg)
        assert some and some == doc_tables._shared_per_pair(kg.store, documents)
        lines, _n = doc_tables._lines(*doc_tables._rows(kg.store, spec, None, generated_doc_kg))
        assert lines == doc_tables._lines(*doc_tables._rows(kg.store, spec))[0]
        part, _n = doc_tables._lines(*doc_tables._rows(kg.store, spec, documents, generated_doc_kg))
        assert part and part == {iri: lines[iri] for iri in documents if iri in lines}


@pytest.mark.parametrize("change", ["digest", "one passage fewer", "none"])
def test_arrays_that_are_not_the_stores_reuses_are_not_read(generated_doc_kg, tmp_path, change):
    """Arrays beside the store whose reuse nodes are not the store's (another build's, a build without
    the reuse stage), or none: the store's passages are read."""
    from loaders.reuse_graph import PASSAGES_FILE, node_digest

    with np.load(generated_doc_kg / PASSAGES_FILE) as arrays:
        passages, documents, digest = arrays["passages"], arrays["documents"], arrays["digest"]
    if change == "digest":
        digest = digest + np.array([0, 1], dtype=np.uint64)
    elif change == "one passage fewer":
        passages = passages[1:]
        digest = np.array([digest[0] - 1, digest[1]], dtype=np.uint64)
    if change != "none":
        np.savez(tmp_path / PASSAGES_FILE, passages=passages, documents=documents, digest=digest)
    with open_store(generated_doc_kg, read_only=True) as kg:
        assert doc_tables._built_reuses(kg.store, generated_doc_kg, None) is not None
        assert doc_tables._built_reuses(kg.store, tmp_path, None) is None
    assert node_digest(["a", "b"]) == node_digest(["b", "a"]) != node_digest(["a"])


@pytest.mark.parametrize("stamp, read", [("store's build", True), ("the same instant as the build wrote it", True),
                                         ("another build", False), ("none", False)])
def test_arrays_stamped_with_the_stores_build_are_read_without_scanning_its_reuses(generated_doc_kg, tmp_path,
                                                                                  stamp, read):
    """Arrays the store's own build wrote (its reuse stage, stamped with the build's dateTime) are read
    without the scan of the store's reuse nodes; others are read only when their digest is the store's.
    The digest is made wrong here, so that only the stamp can let them be read."""
    import datetime as dt

    from directive_kg.listings import build_stamp
    from loaders.reuse_graph import PASSAGES_FILE

    with np.load(generated_doc_kg / PASSAGES_FILE) as arrays:
        passages, documents, digest = arrays["passages"], arrays["documents"], arrays["digest"]
        own = str(arrays["stamp"])
    with open_store(generated_doc_kg, read_only=True) as kg:
        built = build_stamp(kg.store)
        assert own and doc_tables._same_instant(own, built)  # the build stamps them with its own dateTime
        as_written = dt.datetime.fromisoformat(built).isoformat()  # "+00:00", as the build's clock gives it
        given = {"store's build": built, "the same instant as the build wrote it": as_written,
                 "another build": (dt.datetime.fromisoformat(built) + dt.timedelta(seconds=1)).isoformat(),
                 "none": ""}[stamp]
        np.savez(tmp_path / PASSAGES_FILE, passages=passages, documents=documents,
                 digest=digest + np.array([0, 1], dtype=np.uint64), stamp=np.array(given))
        assert (doc_tables._built_reuses(kg.store, tmp_path, None) is not None) is read


def test_a_reuse_that_comes_again_after_another_is_not_summed_as_streamed():
    r, s = ox.NamedNode("http://x/r"), ox.NamedNode("http://x/s")
    d, e = ox.NamedNode("http://x/d"), ox.NamedNode("http://x/e")
    one, sim = ox.Literal(1), ox.Literal("0.9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    apart = [(r, sim, d, one, one), (s, sim, d, one, one), (r, sim, e, one, one)]
    from directive_kg.queries import python_values

    with pytest.raises(doc_tables._NotGrouped):
        list(doc_tables._grouped(apart, python_values()))
    assert len(list(doc_tables._by_reuse(apart, python_values()))) == 2
