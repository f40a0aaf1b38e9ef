"""The same graph and saved queries on every real SPARQL engine: the embedded store, `oxigraph serve`
and Virtuoso 7 (`virtuoso-t`), each started on 127.0.0.1 by a fixture (conftest.engine; Virtuoso skips
where it is not installed: apt-get install virtuoso-opensource). Test ids name the engine.
`pytest -m engines` selects these tests; the default run runs them too."""
from __future__ import annotations

import csv
import io
import math
import os
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from directive_kg import queries as Q
from directive_kg.remote import (DEFAULT_GRAPH, MERGED_GRAPH, Credentials, Endpoint, RemoteBackend, RemoteError,
                                 UploadError, check_default_graph, graph_ntriples, store_graphs,
                                 upload)
from conftest import SEED, start_oxigraph, stop_oxigraph
from engines import VIRTUOSO_INSTALL, start_virtuoso, virtuoso_binaries

pytestmark = pytest.mark.engines

CLI = [str(Path(sys.executable).parent / "directive-kg")]
SECRET = "s3cr3t-pa55word-XYZ"
FAST = {"retries": 2, "backoff": 0.05}
EXAMPLE_PARAMS = {q.name: {p.name: p.example for p in q.params if p.default is None} for q in Q.list_queries()}


def credentials(server) -> Credentials:
    """The test user on Virtuoso; none on Oxigraph (it has no authentication)."""
    return Credentials(server.user, server.password) if server.name == "virtuoso" else Credentials()


def env_for(server, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIRECTIVE_KG_")}
    if server.name == "virtuoso":
        env.update(DIRECTIVE_KG_USER=server.user, DIRECTIVE_KG_PASSWORD=server.password)
    return {**env, **extra}


def fresh(server):
    """The shared server emptied of what earlier tests uploaded."""
    if server.name == "virtuoso":
        server.reset()
    else:
        req = urllib.request.Request(f"{server.base}/update", data=b"DROP SILENT ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(req, timeout=30).read()
    return server


def count(server, graph: str) -> int:
    """Triples in a named graph, read anonymously through the query endpoint (any engine)."""
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    req = urllib.request.Request(f"{server.query_url}?{urllib.parse.urlencode({'query': q})}",
                                 headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return int(list(csv.reader(io.StringIO(r.read().decode())))[1][0])


# --- rows compared as sets, literals normalised ----------------------------------------------------

def normal(value):
    """A result value as every engine should give it: text in NFC, numbers compared to 9 digits
    (an engine may return 2.0 where another returns 2), dates and booleans as themselves."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 9) if math.isfinite(value) else value
    return value


def row_set(result: Q.QueryResult) -> set[tuple]:
    return {tuple((c, normal(r.get(c))) for c in result.columns) for r in result.rows}


_EMBEDDED: dict[tuple, Q.QueryResult] = {}  # (store, query, parameters) -> rows of the embedded store


def assert_same_rows(endpoint: str | Endpoint, store: ox.Store, params: dict[str, dict[str, str]],
                     timeout: float = 60) -> int:
    """Every saved query: the same columns, the same set of rows, the same number of rows as the
    embedded store. Returns how many queries gave rows."""
    nonempty = 0
    for query in Q.list_queries():
        key = (id(store), query.name, tuple(sorted(params[query.name].items())))
        if key not in _EMBEDDED:  # the same store's answer for every engine: run once a session
            _EMBEDDED[key] = Q.run(query, params[query.name], store=store, timeout=None)
        embedded = _EMBEDDED[key]
        remote = Q.run(query, params[query.name], backend=RemoteBackend(endpoint), timeout=timeout)
        assert remote.columns == embedded.columns, query.name
        assert row_set(remote) == row_set(embedded), query.name
        assert len(remote.rows) == len(embedded.rows), f"{query.name}: rows repeated"
        nonempty += bool(embedded.rows)
    return nonempty


def expected_graphs(server, store: ox.Store) -> list[str]:
    """The named graphs an upload leaves: the store's, and on Virtuoso the merged graph too."""
    return sorted([*store_graphs(store), *([MERGED_GRAPH] if server.name == "virtuoso" else [])])


# --- the same rows everywhere -------------------------------------------------------------------------

@pytest.mark.parametrize("graph", ["seed", "corpus"])
def test_every_saved_query_gives_the_same_rows_on_each_engine(engine, graph, seed_store, corpus_store):
    """The seed graph (tests/fixtures) and the graph of data/documents, uploaded as `directive-kg
    upload` does, then every saved query with its example parameters."""
    store = seed_store if graph == "seed" else corpus_store
    server = fresh(engine)
    done = upload(store, server.query_url, credentials=credentials(server))
    assert done == [*store_graphs(store), DEFAULT_GRAPH]
    assert server.graphs() == expected_graphs(server, store), "one named graph each, no temporary graph left"
    endpoint = Endpoint.from_url(server.query_url, env={})
    assert endpoint.store_type == ("virtuoso" if server.name == "virtuoso" else "generic"), "detected"
    assert check_default_graph(RemoteBackend(endpoint)).problem is None
    nonempty = assert_same_rows(endpoint, store, EXAMPLE_PARAMS)
    assert nonempty == len(Q.list_queries()), "every example returns rows"


def test_virtuoso_holds_each_graph_whole_and_the_merged_graph_as_a_named_graph(virtuoso_server, corpus_store):
    """Virtuoso keeps no separate default graph: the merged graph is MERGED_GRAPH, read by every query
    through `default-graph-uri`; each named graph has exactly the store's triples."""
    from loaders.store import merged_ntriples
    server = fresh(virtuoso_server)
    upload(corpus_store, server.query_url, credentials=credentials(server))
    sizes = server.graph_sizes()
    for g in store_graphs(corpus_store):
        assert sizes[g] == len(graph_ntriples(corpus_store, g)
                               .splitlines()), g
    assert sizes[MERGED_GRAPH] == len(merged_ntriples(corpus_store).splitlines())
    # a query without the dataset reads the union of every graph (Virtuoso's default): more triples
    [[union]] = server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    [[merged]] = server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=MERGED_GRAPH)
    assert int(merged) == sizes[MERGED_GRAPH] < int(union)


def test_reupload_replaces_each_graph_on_each_engine(engine, seed_store):
    """A second upload of a changed store leaves no stale triple, on the merged graph either."""
    server = fresh(engine)
    changed = ox.Store()
    changed.extend(seed_store.quads_for_pattern(None, None, None, None))
    stale = ox.Quad(ox.NamedNode("http://test/stale"), ox.NamedNode("http://test/p"), ox.Literal("old"),
                    ox.NamedNode(store_graphs(seed_store)[0]))
    changed.add(stale)
    changed.add(ox.Quad(stale.subject, stale.predicate, stale.object, ox.DefaultGraph()))
    upload(changed, server.query_url, credentials=credentials(server))
    ask = "SELECT ?o WHERE { <http://test/stale> ?p ?o }"
    assert Q.run(Q.parse_query(ask, "<ask>"), endpoint=server.query_url).rows
    upload(seed_store, server.query_url, credentials=credentials(server))
    assert not Q.run(Q.parse_query(ask, "<ask>"), endpoint=server.query_url).rows, "the merged graph replaced whole"
    assert server.graphs() == expected_graphs(server, seed_store)


def test_graphs_sent_in_parts_arrive_whole_on_each_engine(engine, corpus_store):
    """Graphs larger than the part size go as a PUT and POSTs into the temporary graph (Virtuoso's
    default part is 4 MB): here parts of 16 KB, so that the merged graph and the ontology graph
    (with the SHACL shapes' blank nodes, all in the first part) go in many."""
    from loaders.store import merged_ntriples
    server = fresh(engine)
    upload(corpus_store, server.query_url, credentials=credentials(server), part_bytes=16 * 1024)
    for g in store_graphs(corpus_store):
        n = len(graph_ntriples(corpus_store, g).splitlines())
        assert count(server, g) == n, g
    merged = len(merged_ntriples(corpus_store).splitlines())
    assert len(merged_ntriples(corpus_store)) > 10 * 16 * 1024, "the merged graph did go in parts"
    if server.name == "virtuoso":
        assert count(server, MERGED_GRAPH) == merged
    assert server.graphs() == expected_graphs(server, corpus_store)
    for name in ("documents", "propagation-tree"):
        query = Q.load_query(name)
        assert row_set(Q.run(query, EXAMPLE_PARAMS[name], endpoint=server.query_url)) == \
            row_set(Q.run(query, EXAMPLE_PARAMS[name], store=corpus_store)), name


def test_cli_upload_and_query_on_each_engine(engine, tmp_path):
    """`directive-kg upload --store-type` (Virtuoso needs it only when the URL does not say) and
    `query --endpoint`, the password in the environment and never printed."""
    from loaders.store import open_store
    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.load(path=str(SEED), format=ox.RdfFormat.TRIG)
    server = fresh(engine)
    kind = "virtuoso" if server.name == "virtuoso" else "generic"
    up = subprocess.run(CLI + ["upload", "--endpoint", server.query_url, "--store", str(tmp_path / "store"),
                               "--store-type", kind], capture_output=True, text=True, env=env_for(server), timeout=120)
    assert up.returncode == 0, up.stderr
    assert "named graphs and the merged graph as the default graph" in up.stdout
    tree = subprocess.run(CLI + ["query", "propagation-tree", "--param", "doc=10/ĐM", "--format", "csv",
                                 "--endpoint", server.query_url], capture_output=True, text=True,
                          env=env_for(server), timeout=120)
    assert tree.returncode == 0, tree.stderr
    assert tree.stdout.count("\n") == 4 and "2644-CV/TU" in tree.stdout and "true" in tree.stdout
    if server.name == "virtuoso":
        for out in (up.stdout, up.stderr, tree.stdout, tree.stderr):
            assert server.password not in out


# --- faults -------------------------------------------------------------------------------------------

def _own_server(name: str, directory: Path):
    if name == "virtuoso":
        if not virtuoso_binaries():
            pytest.skip(f"Virtuoso (virtuoso-t, isql-vt) is not installed: {VIRTUOSO_INSTALL}")
        return start_virtuoso(directory)
    server = start_oxigraph(directory)
    server.name = "oxigraph"
    server.stop = lambda: stop_oxigraph(server)
    return server


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_server_stopped_mid_upload_names_what_arrived(name, tmp_path, corpus_store):
    """Each graph alone (batch_bytes=0): the server stops after two graphs; the error lists those two
    as in the store and every other one as not uploaded; after a restart the two are there, whole,
    and nothing else."""
    server = _own_server(name, tmp_path / name)
    graphs = [*store_graphs(corpus_store), DEFAULT_GRAPH]
    seen: list[str] = []

    def stop_after_two(graph: str) -> None:
        seen.append(graph)
        if len(seen) == 2:
            server.stop()

    try:
        started = time.monotonic()
        with pytest.raises(UploadError) as e:
            upload(corpus_store, server.query_url, credentials=credentials(server), progress=stop_after_two,
                   batch_bytes=0, **FAST)
        assert time.monotonic() - started < 30
    finally:
        server.stop()
    assert e.value.reached == tuple(graphs[:2]) and e.value.pending == tuple(graphs[2:])
    msg = str(e.value)
    assert f"stopped at graph {graphs[2]}: cannot connect" in msg
    assert f"Reached the store (2): {graphs[0]}, {graphs[1]}\n" in msg
    assert f"Not uploaded ({len(graphs) - 2}), previous version kept if any: {graphs[2]}," in msg
    assert msg.rstrip().endswith(DEFAULT_GRAPH + "\nRun the upload again: each graph is replaced whole.")
    _assert_holds_exactly(name, tmp_path, corpus_store, graphs[:2])


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_server_stopped_after_a_batch_names_what_arrived(name, tmp_path, corpus_store):
    """Small graphs go several in one update: the server stops once the first batch arrived; the
    error lists that whole batch as in the store, the rest as not uploaded, and the store holds
    exactly the batch's graphs, whole (one update, one transaction)."""
    server = _own_server(name, tmp_path / name)
    graphs = [*store_graphs(corpus_store), DEFAULT_GRAPH]
    sizes = sorted(len(graph_ntriples(corpus_store, g)) for g in graphs[:-1])
    try:
        with pytest.raises(UploadError) as e:
            upload(corpus_store, server.query_url, credentials=credentials(server), batch_bytes=sum(sizes[-3:]),
                   progress=lambda graph: server.stop(), **FAST)
    finally:
        server.stop()
    reached = e.value.reached
    assert 3 <= len(reached) < len(graphs) - 1, "more than one graph in the first request, not all"
    assert reached == tuple(graphs[:len(reached)]) and e.value.pending == tuple(graphs[len(reached):])
    assert f"stopped at graph {graphs[len(reached)]}: cannot connect" in str(e.value)
    _assert_holds_exactly(name, tmp_path, corpus_store, list(reached))


def _assert_holds_exactly(name: str, tmp_path: Path, store: ox.Store, graphs: list[str]) -> None:
    """After a restart on the same database: these graphs, each with all its triples, and nothing else."""
    again = _own_server(name, tmp_path / name)
    try:
        assert again.graphs() == sorted(graphs), "what arrived is there, no temporary graph"
        for g in graphs:
            assert count(again, g) == len(graph_ntriples(store, g).splitlines()), g
    finally:
        again.stop()


def test_virtuoso_wrong_password_is_said_plainly(virtuoso_server, seed_store, tmp_path):
    server = virtuoso_server
    with pytest.raises(UploadError) as e:
        upload(seed_store, server.query_url, credentials=Credentials(server.user, SECRET), **FAST)
    msg = str(e.value)
    assert "HTTP 401 Unauthorized: the store refused the credentials (check DIRECTIVE_KG_USER and " \
           "DIRECTIVE_KG_PASSWORD" in msg and "after 1 attempt(s)" in msg
    assert e.value.reached == () and SECRET not in msg
    with pytest.raises(UploadError, match="the store asks for credentials: set DIRECTIVE_KG_USER"):
        upload(seed_store, server.query_url, credentials=Credentials(), **FAST)
    # the command line says the same, and never shows the password
    from loaders.store import open_store
    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.load(path=str(SEED), format=ox.RdfFormat.TRIG)
    run = subprocess.run(CLI + ["upload", "--endpoint", server.query_url, "--store", str(tmp_path / "store")],
                         capture_output=True, text=True, env=env_for(server, DIRECTIVE_KG_PASSWORD=SECRET), timeout=60)
    assert run.returncode == 1 and "the store refused the credentials" in run.stderr
    assert SECRET not in run.stdout + run.stderr
    # a query through the authenticated endpoint with the wrong password
    with pytest.raises(RemoteError, match="HTTP 401"):
        Q.run("documents", backend=RemoteBackend(f"{server.base}/sparql-auth", Credentials(server.user, SECRET)))


# A cross product of the seed's merged graph (311 triples) with itself, counted: nothing to send
# before the end. Oxigraph needs ~6 s for three copies (30 M rows, then the server finishes it
# alone); Virtuoso counts those in 0.3 s and needs four (it stops when the client leaves).
SLOW_QUERY = {
    "oxigraph": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "virtuoso": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
}


def test_a_query_over_the_timeout_on_each_engine(engine, seed_store):
    """A query that needs far longer than its timeout: a clear message within about the timeout."""
    server = fresh(engine)
    upload(seed_store, server.query_url, credentials=credentials(server))
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"query timed out after 1 s at http://127\.0\.0\.1"):
        Q.run(Q.parse_query(SLOW_QUERY[server.name], "<slow>"), endpoint=server.query_url, timeout=1)
    assert time.monotonic() - started < 5


# --- a 1,000-document benchmark corpus ---------------------------------------------------------------

def _bench_run():
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parent.parent / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bench_1000_store(tmp_path_factory):
    """The 1,000-document corpus of bench/generate.py (seed 7, noise 0.1, as bench/run.py makes it),
    built once, in a memory store, with the parameters bench/run.py picks for each saved query."""
    from loaders.build import build
    from loaders.store import open_store
    bench = _bench_run()
    corpus, _ = bench.ensure_corpus(tmp_path_factory.mktemp("bench-corpus"), 1000, 7, 0.1)
    target = tmp_path_factory.mktemp("bench-store") / "store"
    build(corpus, target, progress=False)
    params = bench.query_params(target)
    store = ox.Store()
    with open_store(target, read_only=True) as opened:
        store.extend(opened.store.quads_for_pattern(None, None, None, None))
    return store, params


@pytest.fixture(scope="session")
def bench_1000_merged(bench_1000_store, tmp_path_factory) -> Path:
    """The merged graph of the 1,000 documents as an N-Triples file, for the engines' bulk loaders."""
    from loaders.store import merged_ntriples
    path = tmp_path_factory.mktemp("bench-merged") / "merged.nt"
    path.write_bytes(merged_ntriples(bench_1000_store[0]))
    return path


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server_with_1000(request, bench_1000_merged, tmp_path_factory):
    """Each engine serving the 1,000-document merged graph, loaded by the engine's own bulk loader
    (faster than an upload, which other tests cover): `oxigraph load` into a new server's directory,
    Virtuoso's `rdf_loader_run()` into MERGED_GRAPH of the session's server."""
    from conftest import _oxigraph_binary
    from engines import oxigraph_load
    if request.param == "oxigraph":
        directory = tmp_path_factory.mktemp("oxigraph-1000")
        oxigraph_load(_oxigraph_binary(), directory, bench_1000_merged)
        server = start_oxigraph(directory)
        server.name = "oxigraph"
        yield server
        stop_oxigraph(server)
        return
    server = fresh(request.getfixturevalue("virtuoso_server"))
    server.bulk_load(bench_1000_merged, MERGED_GRAPH)
    yield server
    server.reset()


def test_every_saved_query_gives_the_same_rows_on_1000_documents(server_with_1000, bench_1000_store,
                                                                   bench_1000_merged):
    """The merged graph of 1,000 documents (what the saved queries read; the named graphs are tested
    above on data/documents), then every saved query with bench/run.py's parameters."""
    store, params = bench_1000_store
    server = server_with_1000
    endpoint = Endpoint.from_url(server.query_url, env={})
    [row] = Q.run(Q.parse_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "<count>"),
                  backend=RemoteBackend(endpoint)).rows
    assert int(row["n"]) == bench_1000_merged.read_bytes().count(b"\n"), "the whole merged graph loaded"
    nonempty = assert_same_rows(endpoint, store, params, timeout=600)
    assert nonempty >= len(Q.list_queries()) - 2


# --- Virtuoso's transaction limit, Digest on a large first request, `query --store-type` ---------------

def test_virtuoso_takes_a_graph_too_large_for_one_transaction_in_parts(tmp_path, corpus_store):
    """Virtuoso aborts a transaction whose roll-forward log passes TransactionAfterImageLimit (SR325;
    50 MB by default, which one MOVE of the 10,000-document merged graph passed). Here a limit of
    150 KB: every request of the upload stays below it (small batches; the merged graph and the
    ontology graph in parts of 16 KB straight into place, said in a note, no marker left); a request
    too large even alone fails at once, naming the setting."""
    from directive_kg.remote import UPLOAD_INCOMPLETE
    from loaders.store import merged_ntriples
    if not virtuoso_binaries():
        pytest.skip(f"Virtuoso (virtuoso-t, isql-vt) is not installed: {VIRTUOSO_INSTALL}")
    # 150 KB: above the first part of the ontology graph (its blank-node lines, ~80 KB of N-Triples,
    # travel together), below one transaction of the merged graph (~8,000 triples).
    server = start_virtuoso(tmp_path / "virtuoso", parameters={"TransactionAfterImageLimit": 150_000})
    try:
        notes: list[str] = []
        done = upload(corpus_store, server.query_url, credentials=credentials(server), part_bytes=16 * 1024,
                      batch_bytes=16 * 1024, note=notes.append)
        assert done == [*store_graphs(corpus_store), DEFAULT_GRAPH]
        assert notes[-1] == (f"{DEFAULT_GRAPH} is larger than one request (16,384 bytes): it went in parts straight "
                             f"into place, marked incomplete meanwhile (<{UPLOAD_INCOMPLETE}>; queries saw part of it)")
        assert server.graphs() == expected_graphs(server, corpus_store), "no temporary graph left"
        assert count(server, MERGED_GRAPH) == len(merged_ntriples(corpus_store).splitlines()), "whole, no marker"
        assert server.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{UPLOAD_INCOMPLETE}> ?since }} }}") == []
        for name in ("documents", "propagation-tree"):
            query = Q.load_query(name)
            assert row_set(Q.run(query, EXAMPLE_PARAMS[name], endpoint=server.query_url)) == \
                row_set(Q.run(query, EXAMPLE_PARAMS[name], store=corpus_store)), name
        with pytest.raises(UploadError) as e:  # parts of 1 MB: one PUT alone passes the limit
            upload(corpus_store, server.query_url, credentials=credentials(server), part_bytes=1024 * 1024, **FAST)
        msg = str(e.value)
        assert "SR325: Transaction aborted because it's log after image size went above the limit" in msg
        assert "(after 1 attempt(s);" in msg, "not retried: the same request fails the same way"
        assert "raise TransactionAfterImageLimit" in msg
    finally:
        server.stop()


def test_virtuoso_digest_answers_a_large_first_request(virtuoso_server):
    """Virtuoso refuses an unauthenticated body before reading it (the client saw a broken pipe, not
    the 401): the uploader asks for the Digest challenge first."""
    from directive_kg.remote import Uploader
    server = fresh(virtuoso_server)
    graph = "http://test/large-first"
    body = b"".join(b'<http://test/s%d> <http://test/p> "value %d" .\n' % (i, i) for i in range(40_000))
    assert len(body) > 1_000_000
    Uploader(Endpoint.from_url(server.query_url, env={}), credentials(server)).put_graph(graph, body)
    assert count(server, graph) == 40_000
    server.reset()


def test_cli_query_store_type_on_virtuoso(virtuoso_server, seed_store, tmp_path):
    """`query --store-type` as `upload --store-type`: virtuoso reads the merged graph (the dataset's
    default graph), generic reads what the server's own default is (on Virtuoso the union of every
    graph: more triples); $DIRECTIVE_KG_STORE_TYPE does the same; Digest on /sparql-auth."""
    from loaders.store import merged_ntriples
    server = fresh(virtuoso_server)
    upload(seed_store, server.query_url, credentials=credentials(server))
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n", encoding="utf-8")

    def triples(*args: str, **env: str) -> int:
        run = subprocess.run(CLI + ["query", "--file", str(rq), "--format", "csv", *args], capture_output=True,
                             text=True, env=env_for(server, **env), timeout=120)
        assert run.returncode == 0, run.stderr
        assert server.password not in run.stdout + run.stderr
        return int(run.stdout.splitlines()[1])

    merged = len(merged_ntriples(seed_store).splitlines())
    assert triples("--endpoint", server.query_url, "--store-type", "virtuoso") == merged
    assert triples("--endpoint", f"{server.base}/sparql-auth", "--store-type", "virtuoso") == merged
    assert triples("--endpoint", server.query_url) == merged, "detected"
    assert triples("--endpoint", server.query_url, "--store-type", "generic") > merged
    assert triples("--endpoint", server.query_url, DIRECTIVE_KG_STORE_TYPE="generic") > merged
    wrong = subprocess.run(CLI + ["query", "documents", "--endpoint", server.query_url, "--store-type", "fuseki"],
                           capture_output=True, text=True, env=env_for(server), timeout=60)
    assert wrong.returncode == 2 and "--store-type: invalid choice: 'fuseki'" in wrong.stderr
    server.reset()


# --- Virtuoso 7 and three SPARQL forms (helper "queries", 2026-12-06; queries/README.md) ---------------
# d implements p1 and p2; citation c1 cites p1 explicitly, c2 cites p2 without `explicit`. Question per
# (d, p): the explicit citation of p by d, if any: (d, p1) -> c1, (d, p2) -> none. Each form: the rows
# SPARQL 1.1 defines (pyoxigraph gives them) and whether Virtuoso 7 gives them too. The saved queries use
# only forms marked True; the others are why propagation-tree and reuse are written as they are.

_REPRO_DATA = """
<urn:x:c1> <urn:x:citing> <urn:x:d> . <urn:x:c1> <urn:x:cited> <urn:x:p1> .
<urn:x:c1> <urn:x:explicit> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<urn:x:c2> <urn:x:citing> <urn:x:d> . <urn:x:c2> <urn:x:cited> <urn:x:p2> .
<urn:x:d> <urn:x:impl> <urn:x:p1> . <urn:x:d> <urn:x:impl> <urn:x:p2> .
"""
_ROWS = {("urn:x:p1", "urn:x:c1"), ("urn:x:p2", "")}
_REPRO = [  # (form, WHERE clause, Virtuoso 7.2 gives the SPARQL rows)
    ("three patterns in the OPTIONAL",
     "?d <urn:x:impl> ?p OPTIONAL { ?c <urn:x:citing> ?d ; <urn:x:cited> ?p ; <urn:x:explicit> true }", True),
    # EXISTS in an OPTIONAL's FILTER: Virtuoso leaves the row's ?p unbound inside it (c1 for p2)
    ("FILTER EXISTS on a variable of the row",
     "?d <urn:x:impl> ?p OPTIONAL { ?c <urn:x:citing> ?d FILTER EXISTS { ?c <urn:x:cited> ?p ; <urn:x:explicit> true } }",
     False),
    # what propagation-tree uses: EXISTS only on the OPTIONAL's own ?c, the row's ?p compared with =
    ("nested OPTIONAL, = on the row's variable, EXISTS on ?c",
     "?d <urn:x:impl> ?p OPTIONAL { ?c <urn:x:citing> ?d OPTIONAL { ?c <urn:x:cited> ?q } "
     "FILTER (?q = ?p) FILTER EXISTS { ?c <urn:x:explicit> true } }", True),
    # sameTerm with a term that came from VALUES (as the runner binds parameters) is never true on Virtuoso
    ("sameTerm with a VALUES term",
     "VALUES ?p { <urn:x:p1> <urn:x:p2> } ?d <urn:x:impl> ?p OPTIONAL { ?c <urn:x:citing> ?d "
     "OPTIONAL { ?c <urn:x:cited> ?q } FILTER (sameTerm(?q, ?p)) FILTER EXISTS { ?c <urn:x:explicit> true } }", False),
    # with the parameter bound by VALUES (as the runner binds it), an OPTIONAL sub-select after an OPTIONAL
    # with a BIND that did not match never matches on Virtuoso (reuse's siblings); without VALUES it does
    ("OPTIONAL sub-select after an unmatched OPTIONAL with BIND",
     "VALUES ?d { <urn:x:d> } ?d <urn:x:impl> ?p OPTIONAL { ?p <urn:x:impl> ?d BIND (1 AS ?one) } "
     "OPTIONAL { SELECT DISTINCT ?d ?p ?c WHERE { VALUES ?d { <urn:x:d> } "
     "?c <urn:x:citing> ?d ; <urn:x:cited> ?p ; <urn:x:explicit> true } }", False),
    ("OPTIONAL sub-select first",
     "VALUES ?d { <urn:x:d> } ?d <urn:x:impl> ?p OPTIONAL { SELECT DISTINCT ?d ?p ?c WHERE { VALUES ?d { <urn:x:d> } "
     "?c <urn:x:citing> ?d ; <urn:x:cited> ?p ; <urn:x:explicit> true } } OPTIONAL { ?p <urn:x:impl> ?d BIND (1 AS ?one) }",
     True),
]


@pytest.mark.parametrize("form, where, agrees", _REPRO, ids=[r[0] for r in _REPRO])
def test_virtuoso_forms_of_an_optional_look_up(virtuoso_server, form, where, agrees):
    """A minimal reproduction of why Virtuoso 7 gave other rows than Oxigraph for some query forms.
    If a Virtuoso release fixes one (False here fails), the simpler form may come back."""
    graph = "urn:x:repro"
    query = f"SELECT DISTINCT ?p ?c WHERE {{ {where} }}"
    embedded = ox.Store()
    embedded.load(_REPRO_DATA.encode(), format=ox.RdfFormat.TURTLE)
    spec = {(s["p"].value, s["c"].value if s["c"] is not None else "") for s in embedded.query(query)}
    assert spec == _ROWS, f"pyoxigraph: {form}"
    server = fresh(virtuoso_server)
    server.sql(f"SPARQL INSERT DATA {{ GRAPH <{graph}> {{ {_REPRO_DATA} }} }};")
    got = {tuple(row) for row in server.select(query, default_graph=graph)}
    assert (got == _ROWS) == agrees, f"Virtuoso: {form}: {sorted(got)}"
    server.reset()


# --- Virtuoso 7 loses rows joined to a DISTINCT sub-select (reuse-levels at 1,000 documents) ---------

_DISTINCT_JOIN = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?document_iri ?parent ?other ?r ?mine WHERE {
  { SELECT %s ?doc ?document_iri WHERE {
    VALUES ?doc { <%s> }
    { ?document_iri eli:ensures_implementation_of ?doc }
    UNION { ?b2 eli:ensures_implementation_of ?doc . ?document_iri eli:ensures_implementation_of ?b2 } } %s }
  ?mine dkg:passageOf ?document_iri .
  ?r dkg:passage ?mine , ?theirs .
  ?theirs dkg:passageOf ?other . FILTER (?other != ?document_iri)
  ?document_iri eli:ensures_implementation_of ?parent . ?other eli:ensures_implementation_of ?parent .
}"""
_DISTINCT_JOIN_PREDICATES = (b"<http://data.europa.eu/eli/ontology#ensures_implementation_of>",
                             b"<https://w3id.org/directive-kg/ontology#passageOf>",
                             b"<https://w3id.org/directive-kg/ontology#passage>")


@pytest.mark.parametrize("form, distinct, group, agrees", [
    ("documents below as a DISTINCT sub-select (Virtuoso 7 loses some rows)", "DISTINCT", "", False),
    ("documents below once by GROUP BY", "", "GROUP BY ?doc ?document_iri", True),
    ("documents below as a plain sub-select, some twice (reuse-levels.rq)", "", "", True),
])
def test_virtuoso_join_after_a_distinct_sub_select(bench_1000_store, bench_1000_merged, tmp_path, form,
                                                   distinct, group, agrees):
    """A reproduction of why reuse-levels gave smaller shares on Virtuoso at 1,000 documents: the
    documents below a document (two hops, so some twice) as a DISTINCT sub-select, joined to their
    passages, reuses and the siblings' passages. The implements and passage triples of the 1,000
    documents, sorted (Virtuoso's plan, hence the loss, depends on the load order: the order of the
    merged graph's dump varies, and the test failed on some runs only), in a new server of its own (in
    the session's, after other tests, every row came back). If a Virtuoso release fixes it
    (False here fails), reuse-levels.rq may use DISTINCT again."""
    lines = [line for line in bench_1000_merged.read_bytes().splitlines(keepends=True)
             if line.split(b" ", 2)[1] in _DISTINCT_JOIN_PREDICATES]
    path = tmp_path / "reuse.nt"
    path.write_bytes(b"".join(sorted(lines)))
    query = _DISTINCT_JOIN % (distinct, bench_1000_store[1]["reuse-levels"]["doc"], group)
    embedded = ox.Store()
    embedded.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    expected = {tuple(term.value for term in s) for s in embedded.query(query)}
    assert len(expected) > 1000, "a join of some size"
    if not virtuoso_binaries():
        pytest.skip(f"Virtuoso (virtuoso-t, isql-vt) is not installed: {VIRTUOSO_INSTALL}")
    server = start_virtuoso(tmp_path / "virtuoso")
    try:
        graph = "urn:x:repro-distinct"
        server.bulk_load(path, graph)
        got = {tuple(row) for row in server.select(query, default_graph=graph)}
    finally:
        server.stop()
    assert (got == expected) == agrees, f"Virtuoso: {form}: {len(got)} rows, {len(expected)} expected"
