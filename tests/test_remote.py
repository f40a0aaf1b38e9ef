"""Remote SPARQL 1.1 stores against real servers: `oxigraph serve` (conftest), and tiny
http.server instances on 127.0.0.1 that fail the way real endpoints fail (500, slow, half an upload)."""
from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from directive_kg import queries as Q
from directive_kg.remote import (TEMP_GRAPH_PREFIX, Credentials, Endpoint, RemoteBackend, RemoteError, UploadError,
                                 store_graphs, union_default_graph_ok, upload)
from conftest import SEED, free_port

FAST = {"retries": 2, "backoff": 0.01}
SECRET = "s3cr3t-pa55word-XYZ"


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
            puts = sum(1 for m, *_ in srv.seen if m == "PUT")
        if srv.mode == "500":
            return self._reply(500, b"boom")
        if srv.mode == "sleep":
            time.sleep(srv.sleep)
            return self._reply(200, b"{}")
        # proxy to a real server, failing on purpose where asked
        if self.command == "PUT" and srv.fail_after_puts is not None and puts > srv.fail_after_puts:
            return self._reply(500, b"disk full")
        status, data, ctype = self._forward(body)
        if self.command == "POST" and srv.lose_update_answers and b"MOVE" in body:
            return self._reply(502, b"bad gateway")  # the MOVE happened; its answer is lost
        self._reply(status, data, ctype)

    def _forward(self, body: bytes):
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        req = urllib.request.Request(self.server.upstream + self.path, data=body or None,
                                     method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read(), r.headers.get("Content-Type", "text/plain")
        except urllib.error.HTTPError as e:
            return e.code, e.read(), "text/plain"

    def _reply(self, status: int, data: bytes, ctype: str = "text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


@pytest.fixture
def http_server():
    servers = []

    def start(mode: str, upstream: str = "", sleep: float = 0.0, fail_after_puts=None, lose_update_answers=False):
        srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        srv.daemon_threads = True
        srv.mode, srv.upstream, srv.sleep = mode, upstream, sleep
        srv.fail_after_puts, srv.lose_update_answers = fail_after_puts, lose_update_answers
        srv.lock, srv.seen = threading.Lock(), []
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


def local_sizes(store: ox.Store) -> dict[str, int]:
    return {g: len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in store_graphs(store)}


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

def test_every_saved_query_gives_identical_results_on_the_server(oxigraph_server, corpus_store):
    done = upload(corpus_store, oxigraph_server.query_url)
    assert done == store_graphs(corpus_store)
    assert oxigraph_server.graphs() == store_graphs(corpus_store), "one named graph each, no temporary graph"
    assert graph_sizes(oxigraph_server) == local_sizes(corpus_store)
    assert union_default_graph_ok(RemoteBackend(oxigraph_server.query_url))
    nonempty = 0
    for query in Q.list_queries():
        params = EXAMPLE_PARAMS[query.name]
        embedded = Q.run(query, params, store=corpus_store)
        remote = Q.run(query, params, endpoint=oxigraph_server.query_url)
        assert remote.columns == embedded.columns, query.name
        # the same rows; rows tied on every ORDER BY key may come in any order (engine-defined)
        assert sorted(map(repr, remote.rows)) == sorted(map(repr, embedded.rows)), query.name
        nonempty += bool(embedded.rows)
    assert nonempty == len(Q.list_queries()), "every example returns rows on the corpus"


def test_reupload_replaces_graphs_whole(oxigraph_server, seed_store):
    upload(seed_store, oxigraph_server.query_url)
    newer = with_marker(seed_store)
    upload(newer, oxigraph_server.query_url)
    assert graph_sizes(oxigraph_server) == local_sizes(newer)
    upload(seed_store, oxigraph_server.query_url)  # and back: nothing of the newer version stays
    assert graph_sizes(oxigraph_server) == local_sizes(seed_store)


def test_half_an_upload_leaves_whole_graphs(oxigraph_server, seed_store, http_server):
    upload(seed_store, oxigraph_server.query_url)                 # version 1 everywhere
    proxy = http_server("proxy", upstream=oxigraph_server.base, fail_after_puts=2)
    newer = with_marker(seed_store)
    graphs = store_graphs(newer)
    with pytest.raises(UploadError) as e:
        upload(newer, f"{proxy.url}/query", **FAST)
    assert e.value.reached == tuple(graphs[:2]) and e.value.pending == tuple(graphs[2:])
    msg = str(e.value)
    assert f"Reached the store (2): {graphs[0]}, {graphs[1]}" in msg and "HTTP 500" in msg
    sizes = graph_sizes(oxigraph_server)
    old, new = local_sizes(seed_store), local_sizes(newer)
    assert sizes == {**old, **{g: new[g] for g in graphs[:2]}}, "uploaded graphs new, the others untouched"
    assert not any(g.startswith(TEMP_GRAPH_PREFIX) for g in oxigraph_server.graphs())


def test_a_lost_move_answer_is_not_retried_blindly(oxigraph_server, seed_store, http_server):
    proxy = http_server("proxy", upstream=oxigraph_server.base, lose_update_answers=True)
    done = upload(seed_store, f"{proxy.url}/query", **FAST)
    assert done == store_graphs(seed_store)
    assert graph_sizes(oxigraph_server) == local_sizes(seed_store)
    moves = [p for m, p, _ in proxy.seen if m == "POST"]
    assert len(moves) == len(done), "each MOVE sent once: the temporary graph was gone, so it had happened"


# --- endpoints that fail ------------------------------------------------------------------------------

def test_endpoint_down(seed_store):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(UploadError, match=r"cannot connect.*\nReached the store \(0\): none") as e:
        upload(seed_store, url, **FAST)
    assert e.value.reached == () and len(e.value.pending) == len(store_graphs(seed_store))
    with pytest.raises(RemoteError, match="cannot connect"):
        Q.run("documents", endpoint=url)


def test_endpoint_returning_500_is_retried_with_backoff(seed_store, http_server):
    srv = http_server("500")
    start = time.monotonic()
    with pytest.raises(UploadError, match=r"HTTP 500.*after 3 attempt") as e:
        upload(seed_store, f"{srv.url}/query", retries=2, backoff=0.05)
    assert e.value.reached == ()
    puts = [p for m, p, _ in srv.seen if m == "PUT"]
    assert len(puts) == 3 and time.monotonic() - start >= 0.05 + 0.1
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
    tree = subprocess.run(cli + ["query", "propagation-tree", "--param", "doc=10/ĐM", "--format", "csv",
                                 "--endpoint", oxigraph_server.query_url], capture_output=True, text=True, timeout=60)
    assert tree.returncode == 0 and tree.stdout.count("\n") == 4 and "2644-CV/TU" in tree.stdout


def test_an_endpoint_without_the_union_default_graph_is_explained(tmp_path, seed_store):
    """A real server started without --union-default-graph: empty answer plus the reason."""
    from conftest import _oxigraph_binary
    port = free_port()
    proc = subprocess.Popen([_oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        upload(seed_store, url)
        assert not union_default_graph_ok(RemoteBackend(url))
        cli = [str(Path(sys.executable).parent / "directive-kg")]
        done = subprocess.run(cli + ["query", "documents", "--endpoint", url], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "(0 rows)" in done.stdout and "--union-default-graph" in done.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=10)
