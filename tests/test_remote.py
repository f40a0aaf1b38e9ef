"""Remote SPARQL 1.1 stores against real servers: `oxigraph serve` (conftest), and tiny
http.server instances on 127.0.0.1 that fail the way real endpoints fail (500, slow, half an upload)."""
from __future__ import annotations

import base64
import csv
import io
import re
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from directive_kg import queries as Q
from directive_kg.remote import (DEFAULT_GRAPH, MERGED_GRAPH, TEMP_GRAPH_PREFIX, UPLOAD_INCOMPLETE, Credentials, Endpoint, RemoteBackend, RemoteError,
                                 UploadError, check_default_graph, merged_ntriples, split_ntriples, store_graphs,
                                 upload)
from loaders.store import BUILD_GRAPH, data_graphs, graph_ntriples, graph_quads, merged_complete, sync_graphs
from conftest import SEED, free_port, start_oxigraph, stop_oxigraph
from test_engines import credentials, fresh

FAST = {"retries": 2, "backoff": 0.01}
SECRET = "s3cr3t-pa55word-XYZ"


@pytest.fixture
def oxigraph_server(oxigraph_session_server):
    """The session's `oxigraph serve`, emptied (a server a test, ~0.3 s each, is not needed: no test here
    stops it; those that stop a server start their own, in test_engines.py)."""
    return fresh(oxigraph_session_server)


# --- tiny real HTTP servers ---------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    """Behaviour set on the server: mode "500" | "sleep" | "proxy"; counts requests by method."""

    def log_message(self, *args):  # quiet
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _handle(self):
        srv = self.server
        body = self._body()
        with srv.lock:
            srv.seen.append((self.command, self.path, self.headers.get("Authorization")))
            srv.writes += self.command == "PUT" or b"INSERT DATA" in body  # a request that writes a graph
            writes = srv.writes
            srv.bodies.append(body)
            srv.parts += self.command == "PUT" or self.headers.get("Content-Type") == "application/n-triples"
            parts = srv.parts  # Graph Store PUTs and POSTs (Oxigraph /store, Virtuoso /sparql-graph-crud-auth)
        if srv.mode == "500":
            return self._reply(500, b"boom")
        if srv.mode == "sleep":
            time.sleep(srv.sleep)
            return self._reply(200, b"{}")
        # proxy to a real server, failing on purpose where asked
        if srv.fail_after_writes is not None and writes > srv.fail_after_writes and \
                (self.command == "PUT" or b"INSERT DATA" in body):
            return self._reply(500, b"disk full")
        if srv.fail_after_parts is not None and parts > srv.fail_after_parts:
            return self._reply(500, b"disk full")
        if srv.fail_asks and self.command == "GET" and "ASK" in urllib.parse.unquote_plus(self.path):
            return self._reply(503, b"unavailable")
        if srv.drop_answers and srv.drop_answers[0] in body:
            with srv.lock:
                drop = srv.drop_answers[1] > 0
                srv.drop_answers = (srv.drop_answers[0], srv.drop_answers[1] - 1)
            if drop:
                return self._reply(502, b"bad gateway")  # lost on the way: the store never saw it
        status, data, ctype, auth = self._forward(body)
        if self.command == "POST" and srv.lose_update_answers and b"MOVE" in body:
            return self._reply(502, b"bad gateway")  # the MOVE happened; its answer is lost
        if srv.lose_answers and srv.lose_answers[0] in body:
            with srv.lock:
                lose = srv.lose_answers[1] > 0
                srv.lose_answers = (srv.lose_answers[0], srv.lose_answers[1] - 1)
            if lose:
                return self._reply(502, b"bad gateway")  # the request took effect; its answer is lost
        self._reply(status, data, ctype, auth)

    def _forward(self, body: bytes):
        """The upstream's status, body, content type and Digest challenge (Virtuoso asks for one)."""
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept", "authorization")}
        req = urllib.request.Request(self.server.upstream + self.path, data=body or None,
                                     method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read(), r.headers.get("Content-Type", "text/plain"), None
        except urllib.error.HTTPError as e:
            return e.code, e.read(), "text/plain", e.headers.get("WWW-Authenticate")

    def _reply(self, status: int, data: bytes, ctype: str = "text/plain", challenge: str | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


@pytest.fixture
def http_server():
    servers = []

    def start(mode: str, upstream: str = "", sleep: float = 0.0, fail_after_writes=None, lose_update_answers=False,
              fail_after_parts=None, lose_answers=None, drop_answers=None, fail_asks=False):
        """lose_answers: (bytes, n): the answers of the first n requests whose body holds the bytes
        are lost (502) after the server applied them; drop_answers: likewise, but the requests are
        lost before the server (502, not forwarded); fail_after_parts: GSP PUT/POSTs after the n-th
        fail (500); fail_asks: SPARQL ASK queries fail (503)."""
        srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        srv.daemon_threads = True
        srv.mode, srv.upstream, srv.sleep = mode, upstream, sleep
        srv.fail_after_writes, srv.lose_update_answers = fail_after_writes, lose_update_answers
        srv.fail_after_parts, srv.lose_answers, srv.drop_answers = fail_after_parts, lose_answers, drop_answers
        srv.fail_asks = fail_asks
        srv.lock, srv.seen, srv.writes, srv.bodies, srv.parts = threading.Lock(), [], 0, [], 0
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(srv)
        srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
        return srv

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def graph_sizes(server) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{server.query_url}?query={urllib.request.quote(q)}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        lines = r.read().decode().split("\r\n")[1:-1]
    return {g: int(n) for g, n in (line.split(",") for line in lines)}


def csv_rows(body: bytes) -> list[list[str]]:
    """The rows of SPARQL CSV results, header left out (Virtuoso ends lines with \\n, Oxigraph with \\r\\n)."""
    return list(csv.reader(io.StringIO(body.decode())))[1:]


def canonical(triples) -> set[str]:
    """Triples as text with canonical blank node labels (RDFC-1.0): each PUT labels blank nodes
    anew (the SHACL shapes in the ontology graph have some), so equal graphs differ only in those."""
    dataset = ox.Dataset(ox.Quad(*t, ox.DefaultGraph()) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def server_default(server) -> set[str]:
    """The server's default graph, read with the Graph Store Protocol (canonical)."""
    req = urllib.request.Request(f"{server.base}/store?default", headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return canonical(q.triple for q in ox.parse(r.read(), format=ox.RdfFormat.N_TRIPLES))


def server_default_count(server) -> int:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    req = urllib.request.Request(f"{server.query_url}?query={urllib.request.quote(q)}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return int(r.read().decode().split("\r\n")[1])


def local_default(store: ox.Store) -> set[str]:
    return canonical(q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def local_union(store: ox.Store) -> set[str]:
    """Every triple of the data graphs once (canonical): what a store without a merged graph must upload."""
    return canonical({q.triple for g in data_graphs(store)
                      for q in graph_quads(store, g)})


def local_sizes(store: ox.Store) -> dict[str, int]:
    return {g: len(list(graph_quads(store, g))) for g in store_graphs(store)}


def with_marker(store: ox.Store) -> ox.Store:
    """A copy of the store where every graph carries one extra triple (a "new version")."""
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, None))
    for g in store_graphs(store):
        copy.add(ox.Quad(ox.NamedNode("http://test/marker"), ox.NamedNode("http://test/version"), ox.Literal(2),
                         ox.NamedNode(g)))
    return copy


EXAMPLE_PARAMS = {q.name: {p.name: p.example for p in q.params if p.default is None}
                  for q in Q.list_queries()}


# --- the real server ------------------------------------------------------------------------------

def assert_same_rows_as_embedded(url: str, store: ox.Store) -> None:
    """Every saved query with its example parameters: the same columns and rows (as multisets)."""
    nonempty = 0
    for query in Q.list_queries():
        params = EXAMPLE_PARAMS[query.name]
        embedded = Q.run(query, params, store=store)
        remote = Q.run(query, params, endpoint=url)
        assert remote.columns == embedded.columns, query.name
        # the same rows; rows tied on every ORDER BY key may come in any order (engine-defined)
        assert sorted(map(repr, remote.rows)) == sorted(map(repr, embedded.rows)), query.name
        nonempty += bool(embedded.rows)
    assert nonempty == len(Q.list_queries()), "every example returns rows on the corpus"


def test_every_saved_query_gives_identical_results_on_the_server(oxigraph_server, corpus_store):
    done = upload(corpus_store, oxigraph_server.query_url)
    assert done == [*store_graphs(corpus_store), DEFAULT_GRAPH]
    assert oxigraph_server.graphs() == store_graphs(corpus_store), "one named graph each, no temporary graph"
    assert graph_sizes(oxigraph_server) == local_sizes(corpus_store)
    assert check_default_graph(RemoteBackend(oxigraph_server.query_url)).problem is None
    assert_same_rows_as_embedded(oxigraph_server.query_url, corpus_store)


def test_a_union_default_graph_server_gives_the_same_rows(tmp_path, seed_store):
    """Not needed any more, but a server started with --union-default-graph still answers right:
    its default graph repeats triples (named graphs + the merged graph), the queries are DISTINCT.
    (The seed graph: on data/documents the union is slow, `documents` alone takes ~20 s.)"""
    server = start_oxigraph(tmp_path / "union", "--union-default-graph")
    try:
        upload(seed_store, server.query_url)
        assert server_default_count(server) > len(local_union(seed_store)), "the union does repeat triples"
        assert_same_rows_as_embedded(server.query_url, seed_store)
    finally:
        stop_oxigraph(server)


def test_the_uploaded_default_graph_is_the_merged_graph(oxigraph_server, corpus_store, seed_store):
    assert merged_complete(corpus_store)
    upload(corpus_store, oxigraph_server.query_url)
    merged = local_default(corpus_store)
    assert server_default_count(oxigraph_server) == len(merged) > 1000
    remote = server_default(oxigraph_server)
    sample = sorted(t for t in merged if "_:" not in t)[::97]  # plain triples, as written locally
    assert len(sample) > 10 and all(t in remote for t in sample)
    assert remote == merged
    # a store without a merged graph (the TriG fixture, one graph's triples also in another) uploads
    # the union of its data graphs, each triple once
    assert not merged_complete(seed_store)
    repeated = ox.Store()
    repeated.extend(seed_store.quads_for_pattern(None, None, None, None))
    first, second = data_graphs(seed_store)[:2]
    repeated.extend(ox.Quad(*q.triple, ox.NamedNode(second))
                    for q in graph_quads(seed_store, first))
    quads = sum(1 for g in data_graphs(repeated) for _ in graph_quads(repeated, g))
    union = local_union(repeated)
    assert union == local_union(seed_store) and quads > len(union)
    upload(repeated, oxigraph_server.query_url)
    assert server_default_count(oxigraph_server) == len(union)
    assert server_default(oxigraph_server) == union
    assert not any(t.startswith(f"<{BUILD_GRAPH}>") for t in union), "no bookkeeping in the merged graph"


def test_reupload_after_a_document_changes_replaces_the_default_graph(oxigraph_server, corpus_store):
    store = ox.Store()
    store.extend(corpus_store.quads_for_pattern(None, None, None, None))
    graphs = {g: graph_ntriples(store, g).decode()
              for g in data_graphs(store)}
    sync_graphs(store, graphs)  # the manifest now hashes these texts: the next sync is incremental
    upload(store, oxigraph_server.query_url)
    # a document file changes: a triple only its graph held goes, a new one comes
    others = {}
    for g in graphs:
        for q in graph_quads(store, g):
            others[q.triple] = others.get(q.triple, 0) + 1
    doc_graph = next(g for g in sorted(graphs) if "/graph/file/" in g)
    gone = next(t for t in sorted((q.triple for q in graph_quads(store, doc_graph)),
                                  key=str) if others[t] == 1)
    added = ox.Triple(ox.NamedNode("http://test/changed"), ox.NamedNode("http://test/version"), ox.Literal(2))
    changed = {**graphs, doc_graph: "".join(line for line in graphs[doc_graph].splitlines(keepends=True)
                                            if line != f"{gone} .\n") + f"{added} .\n"}
    assert f"{gone} .\n" in graphs[doc_graph] and f"{gone} .\n" not in changed[doc_graph]
    result = sync_graphs(store, changed)
    assert result.mode == "incremental" and merged_complete(store)
    upload(store, oxigraph_server.query_url)
    remote = server_default(oxigraph_server)
    assert str(gone) not in remote and str(added) in remote
    assert remote == local_default(store)
    assert graph_sizes(oxigraph_server) == local_sizes(store)


def incomplete_marks(server) -> list[str]:
    """The graphs that the server's merged graph (its default graph; Virtuoso: MERGED_GRAPH) marks as
    incompletely uploaded."""
    params = {"query": f"SELECT ?g WHERE {{ ?g <{UPLOAD_INCOMPLETE}> ?since }}",
              **({"default-graph-uri": MERGED_GRAPH} if getattr(server, "name", "") == "virtuoso" else {})}
    req = urllib.request.Request(f"{server.query_url}?{urllib.parse.urlencode(params)}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return [row[0] for row in csv_rows(r.read())]


def test_a_large_graph_goes_in_parts_straight_into_place(oxigraph_server, corpus_store, http_server):
    """Above the part size: a PUT (the first part and the marker) and POSTs straight into the
    default graph, then the marker deleted: no temporary graph, no MOVE, no huge transaction."""
    proxy = http_server("proxy", upstream=oxigraph_server.base)
    done = upload(corpus_store, f"{proxy.url}/query", graphs=[DEFAULT_GRAPH], part_bytes=50_000, **FAST)
    assert done == [DEFAULT_GRAPH]
    puts = [p for m, p, _ in proxy.seen if m == "PUT"]
    appends = [p for m, p, _ in proxy.seen if m == "POST" and p.startswith("/store")]
    assert puts == ["/store?default"] and len(appends) >= 5 and set(appends) == {"/store?default"}
    assert not any(b"MOVE" in body for body in proxy.bodies)
    assert b"DELETE DATA" in proxy.bodies[-1] and UPLOAD_INCOMPLETE.encode() in proxy.bodies[-1]
    assert server_default(oxigraph_server) == local_default(corpus_store), "whole, the marker gone"
    assert oxigraph_server.graphs() == [] and incomplete_marks(oxigraph_server) == []


PARTS = 50_000  # bytes a part: the corpus's merged graph goes in some 30


def merged_count(server) -> int:
    """Triples in the merged graph: the default graph (Oxigraph), MERGED_GRAPH (Virtuoso)."""
    params = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
              **({"default-graph-uri": MERGED_GRAPH} if getattr(server, "name", "") == "virtuoso" else {})}
    req = urllib.request.Request(f"{server.query_url}?{urllib.parse.urlencode(params)}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return int(csv_rows(r.read())[0][0])


def direct(server) -> dict:
    """upload() arguments for `server` itself."""
    return {"endpoint": server.query_url, "credentials": credentials(server)}


def through(proxy, server) -> dict:
    """upload() arguments for `server` behind the test proxy (which hides Virtuoso's name: told)."""
    if server.name == "virtuoso":
        return {"endpoint": f"{proxy.url}/sparql", "store_type": "virtuoso", "credentials": credentials(server)}
    return {"endpoint": f"{proxy.url}/query"}


@pytest.mark.engines
def test_an_upload_stopped_in_the_parts_leaves_the_marker(engine, corpus_store, http_server):
    """The server fails after 3 parts of the merged graph: the report names it as incomplete, the
    merged graph holds those parts and the marker; the next upload completes it and removes it."""
    server = fresh(engine)
    merged = len(merged_ntriples(corpus_store).splitlines())
    proxy = http_server("proxy", upstream=server.base, fail_after_parts=3)
    with pytest.raises(UploadError) as e:
        upload(corpus_store, graphs=[DEFAULT_GRAPH], part_bytes=PARTS, **through(proxy, server), **FAST)
    assert e.value.reached == () and e.value.pending == (DEFAULT_GRAPH,) and e.value.incomplete == (DEFAULT_GRAPH,)
    assert e.value.uncertain == ()
    assert f"Incomplete in the store: {DEFAULT_GRAPH} (it was being sent in parts straight into place; it holds " \
           f"the marker <{UPLOAD_INCOMPLETE}> until an upload completes it)\n" in str(e.value)
    assert "Not replaced" not in str(e.value)
    assert incomplete_marks(server) == [MERGED_GRAPH]
    assert 0 < merged_count(server) - 1 < merged
    upload(corpus_store, graphs=[DEFAULT_GRAPH], part_bytes=PARTS, **direct(server), **FAST)
    assert incomplete_marks(server) == [] and merged_count(server) == merged
    if server.name == "oxigraph":
        assert server_default(server) == local_default(corpus_store)


# The first part of a graph sent in parts carries the marker: how it failed decides what the report says.
FIRST_PART_FAULTS = {  # proxy settings -> (the merged graph left, asked the store?)
    "refused": ({"fail_after_parts": 0}, "intact", False),  # the store answered 500: not applied
    "lost-after-the-store": ({"lose_answers": (UPLOAD_INCOMPLETE.encode(), 10)}, "incomplete", True),
    "lost-before-the-store": ({"drop_answers": (UPLOAD_INCOMPLETE.encode(), 10)}, "intact", True),
}


@pytest.mark.engines
@pytest.mark.parametrize("fault", FIRST_PART_FAULTS)
def test_a_failed_first_part_is_reported_as_it_is(engine, fault, seed_store, corpus_store, http_server):
    """The request carrying the first part and the marker fails. Answered as failed: the previous
    merged graph is whole, and the report says so. Answer lost: the store is asked for the marker,
    and the report says what it holds (the previous version, or part of the new one and the marker)."""
    server = fresh(engine)
    upload(seed_store, graphs=[DEFAULT_GRAPH], **direct(server))  # the previous version
    before = merged_count(server)
    settings, left, asked = FIRST_PART_FAULTS[fault]
    proxy = http_server("proxy", upstream=server.base, **settings)
    with pytest.raises(UploadError) as e:
        upload(corpus_store, graphs=[DEFAULT_GRAPH], part_bytes=PARTS, **through(proxy, server), **FAST)
    msg = str(e.value)
    assert e.value.reached == () and e.value.pending == (DEFAULT_GRAPH,) and e.value.uncertain == ()
    assert "(after 3 attempt(s);" in msg, "each attempt failed the same way"
    if left == "intact":
        assert e.value.incomplete == () and "Incomplete in the store" not in msg
        why = "its answer was lost, and the store, asked, holds no marker of this upload" if asked else \
            "the store answered that it failed"
        assert f"Not replaced: {DEFAULT_GRAPH} (to go in parts straight into place): its first part, with the " \
               f"marker, was not applied ({why}" in msg and "its previous version, if any, is whole\n" in msg
        assert incomplete_marks(server) == [] and merged_count(server) == before, "the previous version, whole"
        if server.name == "oxigraph":
            assert server_default(server) == local_union(seed_store)
    else:
        assert e.value.incomplete == (DEFAULT_GRAPH,) and "Not replaced" not in msg
        assert f"Incomplete in the store: {DEFAULT_GRAPH}" in msg
        assert f"(The answer to the first part of {DEFAULT_GRAPH} was lost; the store, asked, holds its marker" in msg
        assert incomplete_marks(server) == [MERGED_GRAPH] and merged_count(server) != before
    asks = [p for m, p, _ in proxy.seen if m == "GET" and "ASK" in urllib.parse.unquote_plus(p)]
    assert len(asks) == asked, "the store asked once, only after a lost answer"


def test_a_lost_first_part_the_store_cannot_be_asked_about_is_said_uncertain(oxigraph_session_server, corpus_store,
                                                                           http_server):
    server = fresh(oxigraph_session_server)
    proxy = http_server("proxy", upstream=server.base, lose_answers=(UPLOAD_INCOMPLETE.encode(), 10), fail_asks=True)
    with pytest.raises(UploadError) as e:
        upload(corpus_store, graphs=[DEFAULT_GRAPH], part_bytes=PARTS, **through(proxy, server), **FAST)
    assert e.value.uncertain == (DEFAULT_GRAPH,) and e.value.incomplete == ()
    assert f"Perhaps incomplete in the store: {DEFAULT_GRAPH}: the answer to its first part (with the marker " \
           f"<{UPLOAD_INCOMPLETE}>) was lost and the store could not be asked" in str(e.value)
    assert incomplete_marks(server) == [MERGED_GRAPH], "(it was applied)"


@pytest.mark.engines
def test_a_lost_answer_to_the_markers_deletion_is_asked_not_reported(engine, corpus_store, http_server):
    """The marker's DELETE DATA is applied but its answer lost (every attempt): the store, asked,
    no longer holds the marker, so the graph is complete and the upload succeeds."""
    server = fresh(engine)
    proxy = http_server("proxy", upstream=server.base, lose_answers=(b"DELETE DATA", 10))
    done = upload(corpus_store, graphs=[DEFAULT_GRAPH], part_bytes=PARTS, **through(proxy, server), **FAST)
    assert done == [DEFAULT_GRAPH]
    assert incomplete_marks(server) == [] and merged_count(server) == len(merged_ntriples(corpus_store).splitlines())


def test_a_lost_batch_answer_is_retried_safely(oxigraph_server, seed_store, http_server):
    """The server applies a batch update (CLEAR + INSERT DATA of several graphs) but its answer is
    lost: the same update is sent again (it replaces the same graphs with the same triples), and the
    upload's list names each graph once."""
    proxy = http_server("proxy", upstream=oxigraph_server.base, lose_answers=(b"INSERT DATA", 1))
    done = upload(seed_store, f"{proxy.url}/query", **FAST)
    assert done == [*store_graphs(seed_store), DEFAULT_GRAPH]
    inserts = [b for b in proxy.bodies if b"INSERT DATA" in b]
    assert inserts[0] == inserts[1], "the first batch sent twice"
    assert graph_sizes(oxigraph_server) == local_sizes(seed_store)
    assert server_default(oxigraph_server) == local_union(seed_store)
    # every answer of the first batch lost: the report lists it as not uploaded (the client cannot know)
    proxy = http_server("proxy", upstream=oxigraph_server.base, lose_answers=(b"INSERT DATA", 10))
    with pytest.raises(UploadError) as e:
        upload(seed_store, f"{proxy.url}/query", **FAST)
    assert e.value.reached == () and e.value.pending == (*store_graphs(seed_store), DEFAULT_GRAPH)
    assert "HTTP 502" in str(e.value) and "(after 3 attempt(s);" in str(e.value)


def test_the_read_ahead_keeps_the_order_and_hands_over_a_read_error(seed_store):
    """upload() reads the next graphs in a thread while a request is in flight: the same graphs and
    bytes, in order, as reading them one by one; a graph that cannot be read fails the upload."""
    from directive_kg.remote import _ReadAhead, graph_ntriples
    graphs = [*store_graphs(seed_store), DEFAULT_GRAPH]
    assert list(_ReadAhead(seed_store, graphs, limit=1)) == [(g, graph_ntriples(seed_store, g)) for g in graphs]
    with pytest.raises(ValueError, match="Invalid IRI"):
        list(_ReadAhead(seed_store, [graphs[0], "not an IRI", graphs[1]], limit=1))


def test_split_ntriples():
    lines = [f'<http://s{i}> <http://p> "line\\nbreak {i}" .\n'.encode() for i in range(100)]
    data = b"".join(lines)
    parts = split_ntriples(data, 200)
    assert len(parts) > 10 and b"".join(parts) == data and all(p.endswith(b" .\n") for p in parts)
    assert split_ntriples(data, len(data)) == [data]
    blank = b"_:b1 <http://p> _:b2 .\n<http://s> <http://p> _:b1 .\n"
    parts = split_ntriples(b"".join(lines[:10]) + blank + b"".join(lines[10:]), 200)
    assert parts[0] == blank, "blank nodes travel together, in the first request"
    assert b"".join(parts[1:]) == data and not any(b"_:" in p for p in parts[1:])


def test_reupload_replaces_graphs_whole(oxigraph_server, seed_store):
    upload(seed_store, oxigraph_server.query_url)
    newer = with_marker(seed_store)
    upload(newer, oxigraph_server.query_url)
    assert graph_sizes(oxigraph_server) == local_sizes(newer)
    assert server_default(oxigraph_server) == local_union(newer)
    upload(seed_store, oxigraph_server.query_url)  # and back: nothing of the newer version stays
    assert graph_sizes(oxigraph_server) == local_sizes(seed_store)
    assert server_default(oxigraph_server) == local_union(seed_store)


def test_half_an_upload_leaves_whole_graphs(oxigraph_server, seed_store, http_server):
    upload(seed_store, oxigraph_server.query_url)                 # version 1 everywhere
    proxy = http_server("proxy", upstream=oxigraph_server.base, fail_after_writes=2)
    newer = with_marker(seed_store)
    graphs = store_graphs(newer)
    with pytest.raises(UploadError) as e:
        upload(newer, f"{proxy.url}/query", batch_bytes=0, **FAST)  # each graph its own request
    assert e.value.reached == tuple(graphs[:2]) and e.value.pending == (*graphs[2:], DEFAULT_GRAPH)
    msg = str(e.value)
    assert f"Reached the store (2): {graphs[0]}, {graphs[1]}" in msg and "HTTP 500" in msg
    assert msg.endswith(f"{graphs[-1]}, {DEFAULT_GRAPH}\nRun the upload again: each graph is replaced whole.")
    sizes = graph_sizes(oxigraph_server)
    old, new = local_sizes(seed_store), local_sizes(newer)
    assert sizes == {**old, **{g: new[g] for g in graphs[:2]}}, "uploaded graphs new, the others untouched"
    assert server_default(oxigraph_server) == local_union(seed_store), "the previous default graph kept"
    assert not any(g.startswith(TEMP_GRAPH_PREFIX) for g in oxigraph_server.graphs())


def test_an_upload_stopped_at_the_default_graph_says_so(oxigraph_server, seed_store, http_server):
    upload(seed_store, oxigraph_server.query_url)
    newer = with_marker(seed_store)
    graphs = store_graphs(newer)
    proxy = http_server("proxy", upstream=oxigraph_server.base, fail_after_writes=len(graphs))
    with pytest.raises(UploadError) as e:
        upload(newer, f"{proxy.url}/query", batch_bytes=0, **FAST)
    assert e.value.reached == tuple(graphs) and e.value.pending == (DEFAULT_GRAPH,)
    msg = str(e.value)
    assert f"stopped at {DEFAULT_GRAPH}: HTTP 500" in msg and f"Not uploaded (1), previous version kept if any: {DEFAULT_GRAPH}\n" in msg
    assert graph_sizes(oxigraph_server) == local_sizes(newer)
    assert server_default(oxigraph_server) == local_union(seed_store), "the default graph is never half-written"
    assert not any(g.startswith(TEMP_GRAPH_PREFIX) for g in oxigraph_server.graphs())


def test_a_lost_move_answer_is_not_retried_blindly(oxigraph_server, seed_store, http_server):
    proxy = http_server("proxy", upstream=oxigraph_server.base, lose_update_answers=True)
    # graphs with blank nodes (here every graph and the merged one: one is added) go through a temporary graph and a MOVE
    store = ox.Store()
    store.extend(seed_store.quads_for_pattern(None, None, None, None))
    for g in store_graphs(seed_store):
        store.add(ox.Quad(ox.BlankNode(), ox.NamedNode("http://test/p"), ox.Literal("x"), ox.NamedNode(g)))
    done = upload(store, f"{proxy.url}/query", batch_bytes=0, **FAST)
    assert done == [*store_graphs(store), DEFAULT_GRAPH]
    assert graph_sizes(oxigraph_server) == local_sizes(store)
    moves = [b for b in proxy.bodies if b.startswith(b"MOVE")]
    assert len(moves) == len(done), "each MOVE sent once: the temporary graph was gone, so it had happened"


# --- endpoints that fail ------------------------------------------------------------------------------

def test_endpoint_down(seed_store):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(UploadError, match=r"cannot connect.*\nReached the store \(0\): none") as e:
        upload(seed_store, url, **FAST)
    assert e.value.reached == () and e.value.pending == (*store_graphs(seed_store), DEFAULT_GRAPH)
    with pytest.raises(RemoteError, match="cannot connect"):
        Q.run("documents", endpoint=url)


def test_endpoint_returning_500_is_retried_with_backoff(seed_store, http_server):
    srv = http_server("500")
    start = time.monotonic()
    with pytest.raises(UploadError, match=r"HTTP 500.*after 3 attempt") as e:
        upload(seed_store, f"{srv.url}/query", retries=2, backoff=0.05)
    assert e.value.reached == ()
    writes = [p for m, p, _ in srv.seen if m == "POST" and p.startswith("/update")]
    assert len(writes) == 3 and time.monotonic() - start >= 0.05 + 0.1
    with pytest.raises(RemoteError, match="HTTP 500"):
        Q.run("documents", endpoint=f"{srv.url}/query")


def test_endpoint_timing_out(seed_store, http_server):
    srv = http_server("sleep", sleep=3)
    start = time.monotonic()
    with pytest.raises(RemoteError, match=r"query timed out after 1 s"):
        Q.run("documents", endpoint=f"{srv.url}/query", timeout=1)
    with pytest.raises(UploadError, match="timed out"):
        upload(seed_store, f"{srv.url}/query", retries=0, timeout=0.5)
    assert time.monotonic() - start < 6


# --- credentials --------------------------------------------------------------------------------------

def test_credentials_are_sent_but_never_shown(seed_store, http_server, monkeypatch):
    monkeypatch.setenv("DIRECTIVE_KG_USER", "researcher")
    monkeypatch.setenv("DIRECTIVE_KG_PASSWORD", SECRET)
    srv = http_server("500")
    encoded = base64.b64encode(f"researcher:{SECRET}".encode()).decode()
    with pytest.raises(UploadError) as e:
        upload(seed_store, f"{srv.url}/query", **FAST)
    with pytest.raises(RemoteError) as q:
        Q.run("documents", endpoint=f"{srv.url}/query")
    assert {auth for *_, auth in srv.seen} == {f"Basic {encoded}"}, "the server did get them"
    for text in (str(e.value), repr(e.value), str(q.value), repr(Credentials.from_env())):
        assert SECRET not in text and encoded not in text


def test_credentials_redacted_from_any_message():
    c = Credentials("u", SECRET, None)
    header = c.header()["Authorization"]
    assert c.redact(f"failed with {SECRET} and {header}") == "failed with *** and Basic ***"
    assert Credentials(token="tok-123").redact("Bearer tok-123") == "Bearer ***"


def test_credentials_in_the_url_are_refused():
    with pytest.raises(RemoteError, match="do not put credentials in the endpoint URL") as e:
        Endpoint.from_url(f"http://user:{SECRET}@127.0.0.1:1/query")
    assert SECRET not in str(e.value)


@pytest.mark.parametrize("url, update, store", [
    ("http://h:7878", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h/repositories/x", None, None),
])
def test_endpoint_layouts(url, update, store):
    ep = Endpoint.from_url(url, env={})
    assert (ep.update_url, ep.graph_store_url) == (update, store)


def test_cli_upload_and_query_never_print_the_password(tmp_path, http_server, oxigraph_server):
    from loaders.store import open_store
    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.load(path=str(SEED), format=ox.RdfFormat.TRIG)
    srv = http_server("500")
    env = {**os.environ, "DIRECTIVE_KG_USER": "researcher", "DIRECTIVE_KG_PASSWORD": SECRET}
    cli = [str(Path(sys.executable).parent / "directive-kg")]
    up = subprocess.run(cli + ["upload", "--endpoint", f"{srv.url}/query", "--store", str(tmp_path / "store"),
                               "--retries", "0"], capture_output=True, text=True, env=env, timeout=60)
    assert up.returncode == 1 and "Reached the store (0): none" in up.stderr
    q = subprocess.run(cli + ["query", "documents", "--endpoint", f"{srv.url}/query"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert q.returncode == 1 and "HTTP 500" in q.stderr
    for out in (up.stdout, up.stderr, q.stdout, q.stderr):
        assert SECRET not in out
    ok = subprocess.run(cli + ["upload", "--endpoint", oxigraph_server.query_url, "--store", str(tmp_path / "store")],
                        capture_output=True, text=True, env={**env, "DIRECTIVE_KG_PASSWORD": ""}, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "named graphs and the merged graph as the default graph uploaded" in ok.stdout
    tree = subprocess.run(cli + ["query", "propagation-tree", "--param", "doc=10/ĐM", "--format", "csv",
                                 "--endpoint", oxigraph_server.query_url], capture_output=True, text=True, timeout=60)
    assert tree.returncode == 0 and tree.stdout.count("\n") == 4 and "2644-CV/TU" in tree.stdout


def test_an_endpoint_without_the_merged_default_graph_is_explained(oxigraph_server, seed_store):
    """Empty answers from a real server whose default graph holds no documents, with the reason:
    nothing uploaded yet, or named graphs only (an upload by an older version)."""
    cli = [str(Path(sys.executable).parent / "directive-kg")]
    url = oxigraph_server.query_url

    def documents():
        return subprocess.run(cli + ["query", "documents", "--endpoint", url], capture_output=True, text=True,
                              timeout=60)

    empty = documents()
    assert empty.returncode == 0 and "(0 rows)" in empty.stdout
    assert "default graph holds no documents: upload the graph with `directive-kg upload` first" in empty.stderr
    upload(seed_store, url, graphs=store_graphs(seed_store))
    assert check_default_graph(RemoteBackend(url)).problem.startswith("the endpoint keeps the documents in named graphs")
    named_only = documents()
    assert named_only.returncode == 0 and "(0 rows)" in named_only.stdout
    assert "upload again with `directive-kg upload`" in named_only.stderr
    upload(seed_store, url)
    full = documents()
    assert full.returncode == 0 and "(0 rows)" not in full.stdout and "note:" not in full.stderr


# --- retries and one deadline (issue 14, items 4 and 5) ---------------------------------------------

@pytest.mark.parametrize("limits, refused", [
    ({"retries": -1}, "retries must be a whole number ≥ 0, got -1"),
    ({"retries": 1.5}, "retries must be a whole number ≥ 0, got 1.5"),
    ({"timeout": 0}, "timeout must be a number of seconds > 0, got 0"),
    ({"timeout": -5}, "timeout must be a number of seconds > 0, got -5"),
    ({"deadline": float("nan")}, "deadline must be a number of seconds > 0, got nan"),
])
def test_impossible_limits_are_refused_before_anything_is_sent(seed_store, http_server, limits, refused):
    """`retries=-1` used to report every graph uploaded while sending nothing."""
    srv = http_server("500")
    with pytest.raises(RemoteError, match=re.escape(refused)):
        upload(seed_store, f"{srv.url}/query", **limits)
    assert srv.seen == [], "nothing was sent"


def test_retries_zero_to_a_closed_port_fails_after_one_attempt(seed_store):
    with pytest.raises(UploadError, match=r"cannot connect .*\(after 1 attempt\(s\);") as e:
        upload(seed_store, f"http://127.0.0.1:{free_port()}/query", retries=0)
    assert e.value.reached == ()


def test_a_hanging_endpoint_fails_at_the_deadline_and_says_how_long_it_waited(seed_store, http_server):
    """60 s a request x 4 attempts used to take 305 s: one deadline bounds the time without an answer."""
    srv = http_server("sleep", sleep=5)
    start = time.monotonic()
    with pytest.raises(UploadError) as e:
        upload(seed_store, f"{srv.url}/query", retries=3, timeout=60, deadline=1.5, backoff=0.01)
    took = time.monotonic() - start
    assert 1.4 < took < 3.5
    msg = str(e.value)
    # the request gets what is left of the deadline (1.46 s when the upload took 0.04 s to send it)
    assert re.search(r"stopped at graph \S+: timed out after 1\.\d+ s \(after 1 attempt\(s\); waited 1\.\d s without a "
                     r"successful answer\)", msg), msg
    assert e.value.reached == ()


def test_the_deadline_counts_from_the_last_answer_not_from_the_start(seed_store, oxigraph_server, http_server):
    """A long upload that keeps getting answers is not stopped by the deadline: each answer resets it."""
    proxy = http_server("proxy", upstream=oxigraph_server.base)
    done = []

    def progress(graph):
        done.append(graph)
        time.sleep(0.4)  # 6 graphs x 0.4 s > the deadline of 1 s, but the store answers in between

    upload(seed_store, f"{proxy.url}/query", deadline=1.0, progress=progress, batch_bytes=0)  # an answer each
    assert done == [*store_graphs(seed_store), DEFAULT_GRAPH]


def test_cli_refuses_a_negative_retry_count(tmp_path):
    from loaders.store import open_store
    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.load(path=str(SEED), format=ox.RdfFormat.TRIG)
    cli = [str(Path(sys.executable).parent / "directive-kg")]
    run = subprocess.run(cli + ["upload", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--store",
                                str(tmp_path / "store"), "--retries", "-1"], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "uploaded to" not in run.stdout
    assert "retries" in run.stderr and "Traceback" not in run.stderr


# --- store types ------------------------------------------------------------------------------------

def test_store_type_from_the_url_and_the_server_name(http_server, oxigraph_server):
    """Only a `/sparql` URL is asked for its server's name; `/query` (Oxigraph) and `/ds/sparql`
    (Fuseki) are known layouts. A server that is not Virtuoso stays generic."""
    srv = http_server("500")
    assert Endpoint.from_url(f"{srv.url}/query", env={}).store_type == "generic"
    assert Endpoint.from_url(f"{srv.url}/ds/sparql", env={}).store_type == "generic"
    assert srv.seen == [], "known layouts are not asked"
    assert Endpoint.from_url(f"{srv.url}/sparql", env={}).store_type == "generic"
    assert len(srv.seen) == 1 and srv.seen[0][0] == "GET"
    forced = Endpoint.from_url(f"{srv.url}/sparql", env={"DIRECTIVE_KG_STORE_TYPE": "virtuoso"})
    assert (forced.store_type, forced.update_url, forced.graph_store_url, forced.default_graph) == (
        "virtuoso", f"{srv.url}/sparql-auth", f"{srv.url}/sparql-graph-crud-auth", MERGED_GRAPH)
    with pytest.raises(RemoteError, match="store type must be one of auto, generic, virtuoso"):
        Endpoint.from_url(f"{srv.url}/sparql", store_type="fuseki", env={})
