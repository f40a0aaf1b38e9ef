"""Shared fixtures.

- ``seed_store``: the hand-written TriG fixture (tests/fixtures/seed_graph.trig) in a memory store.
- ``gold_documents``: the gold records of data/documents (tests/gold), as loaded documents.
- ``corpus_store``: the graph built from data/documents, once per session (with loaders.build when
  it exists, else extract + to_rdf.corpus_graphs), in a memory store.
- ``dataset_reuse_merged(store)``: a store as an incremental build and a build from nothing share it.
- ``oxigraph_server``: a real `oxigraph serve` (no special configuration: queries read its default
  graph, which the upload fills) on 127.0.0.1, a free port and a temporary directory; stopped after
  the test. ``start_oxigraph(directory, *flags)`` starts another (e.g. ``--union-default-graph``).
- ``virtuoso_server``: a real Virtuoso 7 (tests/engines.py) with a test user, once a session;
  skipped with the install command where virtuoso-t is missing. ``engine``: each real server in
  turn (``oxigraph_session_server``, ``virtuoso_server``), test ids ``[oxigraph]``, ``[virtuoso]``.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import sys
import time
import warnings
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_graph.trig"
DOCUMENTS = ROOT / "data" / "documents"
GOLD = ROOT / "tests" / "gold"


def dataset_reuse_merged(store_dir: Path) -> str:
    """A store as sorted N-Quads (loaders.store.sorted_nquads) with the text-reuse graphs as one graph (their
    lines, no graph name), and its merged graph: what an incremental build must share with a build from
    nothing. A pair an add finds between an added file and an old one is in the added file's reuse graph,
    in its first file's after a build from nothing (loaders.reuse_graph.graph_of): the same triples, held
    by another graph."""
    from loaders.reuse_graph import is_reuse_graph
    from loaders.store import BUILD_GRAPH, graph_ntriples, merged_ntriples, open_store, sorted_nquads, store_graphs

    with open_store(store_dir) as kg:
        reuse = [g for g in store_graphs(kg.store) if is_reuse_graph(g)]
        lines = sorted(line for g in reuse for line in graph_ntriples(kg.store, g).decode("utf-8").splitlines())
        merged = sorted(merged_ntriples(kg.store).decode("utf-8").splitlines())
        return "\n".join([sorted_nquads(kg.store, exclude=(BUILD_GRAPH, *reuse)), *lines, "merged:", *merged])


def copy_documents(folder: Path, n: int) -> Path:
    """A corpus folder with the first ``n`` documents of data/documents (by name)."""
    folder.mkdir()
    for p in sorted(DOCUMENTS.glob("*.txt"))[:n]:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="session")
def seed_store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(SEED), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def gold_documents():
    """The hand-made records of tests/gold, each with the sha256 of its source in data/documents
    (a tuple: tests that reorder take a copy)."""
    from loaders.records import record_from_json
    from loaders.resolve import LoadedDocument

    out = []
    for gold in sorted(GOLD.glob("*.gold.json")):
        name = gold.name.replace(".gold.json", ".txt")
        record = record_from_json(json.loads(gold.read_text("utf-8")), source=f"data/documents/{name}")
        sha256 = hashlib.sha256((DOCUMENTS / name).read_bytes()).hexdigest()
        out.append(LoadedDocument(record, name, sha256, "test"))
    return tuple(out)


def _corpus_graphs() -> dict[str, str]:
    """graph IRI -> N-Triples of the graph built from data/documents."""
    from loaders.extract import extract_file
    from loaders.resolve import LoadedDocument
    from loaders.to_rdf import corpus_graphs

    docs = [
        LoadedDocument(extract_file(p), p.name, hashlib.sha256(p.read_bytes()).hexdigest(), "test")
        for p in sorted(DOCUMENTS.glob("*.txt"))
    ]
    return corpus_graphs(docs).graphs


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> ox.Store:
    """The graph of data/documents as `directive-kg build` stores it (copied into a memory store so
    that tests cannot hold the store's lock). If the build cannot run (it is tested on its own),
    the same graphs come straight from loaders.to_rdf."""
    store = ox.Store()
    try:
        from loaders.build import build
        from loaders.store import open_store

        target = tmp_path_factory.mktemp("store")
        build(DOCUMENTS, target, progress=False)
        with open_store(target, read_only=True) as opened:
            store.extend(opened.store.quads_for_pattern(None, None, None, None))
        return store
    except Exception as e:  # noqa: BLE001 - reported, then the direct path
        warnings.warn(f"loaders.build.build failed ({type(e).__name__}: {e}); using to_rdf.corpus_graphs")
    for graph, text in _corpus_graphs().items():
        store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OxigraphServer:
    base: str
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def graphs(self) -> list[str]:
        """Named graphs on the server (read directly through the query endpoint)."""
        q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        req = urllib.request.Request(f"{self.query_url}?query={urllib.request.quote(q)}",
                                     headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return sorted(r.read().decode().split("\r\n")[1:-1])


def _oxigraph_binary() -> str:
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    return found


def start_oxigraph(location: Path, *flags: str) -> OxigraphServer:
    """`oxigraph serve` on a free port of 127.0.0.1, answering queries; call `stop_oxigraph` after."""
    port = free_port()
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            return OxigraphServer(base, proc)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.05)


def stop_oxigraph(server: OxigraphServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture
def oxigraph_server(tmp_path):
    server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    stop_oxigraph(server)


# --- engines: the same tests on every real SPARQL server (tests/engines.py) -------------------------

ENGINES = ("oxigraph", "virtuoso")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso 7 (`virtuoso-t`) on 127.0.0.1, free ports, a temporary database and a test
    user allowed SPARQL Update and the Graph Store Protocol; once a session (it starts in ~3 s, but
    tests share it): tests that need it empty call `.reset()`."""
    from engines import VIRTUOSO_INSTALL, start_virtuoso, virtuoso_binaries
    if not virtuoso_binaries():
        pytest.skip(f"Virtuoso (virtuoso-t, isql-vt) is not installed: {VIRTUOSO_INSTALL}")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_session_server(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-engines"))
    server.name = "oxigraph"
    yield server
    stop_oxigraph(server)


@pytest.fixture(params=ENGINES)
def engine(request):
    """Each real server in turn (test ids `[oxigraph]`, `[virtuoso]`), shared by the session."""
    return request.getfixturevalue("oxigraph_session_server" if request.param == "oxigraph" else "virtuoso_server")


def record_field(record, path: str):
    """A field of an extracted record by a dotted path (the table-driven tests of unseen documents):
    "cited.N.field" reads the N-th cited document, "bodies" every task's lead bodies, "signer" the
    signer's name, "signer_role" the signer's role."""
    value = record
    for part in path.split("."):
        if part == "cited":
            value = value.cited_documents
        elif part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        elif part == "bodies":
            value = [b for a in value.assignments for b in a.bodies]
        elif part == "signer":
            value = value.signer.name if value.signer else None
        elif part == "signer_role":
            value = value.signer.role if value.signer else None
        else:
            value = getattr(value, part) if value is not None else None
    return value
