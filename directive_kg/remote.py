"""Remote SPARQL 1.1 stores: the saved queries through SPARQLWrapper, and the upload of a built
store with the SPARQL 1.1 Graph Store HTTP Protocol.

The upload writes what the embedded store holds: one named graph per document file (plus the
corpus, ontology, reference and build graphs), then the merged graph (every triple of the data
graphs once, see loaders.store) as the server's default graph. Queries read the endpoint's default
graph, as embedded queries read the store's, so any SPARQL 1.1 server works without special
configuration. A server whose default graph is the union of its named graphs (Oxigraph
`--union-default-graph`, Fuseki `tdb2:unionDefaultGraph`) also gives correct answers (the saved
queries are SELECT DISTINCT) but repeats each triple once per graph holding it, and its joins
grow with the repetitions: not needed, and slower. Blank nodes of the default graph are not those
of the named graphs (each PUT labels its own): the saved queries never join the two.

Credentials come from the environment (DIRECTIVE_KG_USER + DIRECTIVE_KG_PASSWORD for HTTP Basic,
or DIRECTIVE_KG_TOKEN for a Bearer token) and are never printed: every message that leaves this
module goes through `Credentials.redact`.
"""
from __future__ import annotations

import base64
import math
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import pyoxigraph as ox

from directive_kg.queries import QueryError, Table, Term, bind_values, check_syntax
from loaders.store import merged_ntriples

ENV_ENDPOINT = "DIRECTIVE_KG_ENDPOINT"
ENV_UPDATE = "DIRECTIVE_KG_UPDATE_URL"
ENV_GRAPH_STORE = "DIRECTIVE_KG_GRAPH_STORE_URL"
TEMP_GRAPH_PREFIX = "urn:x-directive-kg:upload:"
DEFAULT_GRAPH = "the default graph"  # the merged graph's entry in upload lists and messages
PART_BYTES = 32 * 1024 * 1024  # a graph larger than this is sent in several requests (server body limits)


class RemoteError(QueryError):
    pass


class UploadError(RemoteError):
    """An upload that stopped: `reached` graphs are complete in the store, `pending` are not there
    (or still hold their previous version: a graph is never half-replaced)."""

    def __init__(self, message: str, reached: Sequence[str], pending: Sequence[str]):
        super().__init__(message)
        self.reached, self.pending = tuple(reached), tuple(pending)


# --------------------------------------------------------------------------------------------
# Endpoint and credentials


@dataclass(frozen=True)
class Credentials:
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Credentials":
        env = os.environ if env is None else env
        return cls(env.get("DIRECTIVE_KG_USER") or None, env.get("DIRECTIVE_KG_PASSWORD") or None,
                   env.get("DIRECTIVE_KG_TOKEN") or None)

    def header(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None and self.password is not None:
            pair = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return {"Authorization": f"Basic {pair}"}
        return {}

    def redact(self, text: str) -> str:
        """The text with every secret (and its Basic-auth encoding) replaced by ***."""
        secrets = [s for s in (self.password, self.token) if s]
        secrets += [v.split(" ", 1)[1] for v in self.header().values()]
        for s in sorted(set(secrets), key=len, reverse=True):
            text = text.replace(s, "***")
        return text

    def __repr__(self) -> str:
        return "Credentials(***)"


@dataclass(frozen=True)
class Endpoint:
    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None

    @classmethod
    def from_url(cls, url: str, update_url: str | None = None, graph_store_url: str | None = None,
                 env: Mapping[str, str] | None = None) -> "Endpoint":
        """The query URL and, for known layouts, the update and Graph Store URLs next to it:
        Oxigraph `.../query` -> `.../update`, `.../store`; Fuseki `.../sparql` -> `.../update`, `.../data`."""
        env = os.environ if env is None else env
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"endpoint must be an http(s) URL, got {_safe_url(url)!r}")
        if "@" in parts.netloc:
            raise RemoteError("do not put credentials in the endpoint URL; set DIRECTIVE_KG_USER and "
                              "DIRECTIVE_KG_PASSWORD (or DIRECTIVE_KG_TOKEN) instead")
        base, _, last = url.rstrip("/").rpartition("/")
        if parts.path in ("", "/"):  # a bare Oxigraph server URL
            base, last, url = url.rstrip("/"), "query", url.rstrip("/") + "/query"
        layout = {"query": ("update", "store"), "sparql": ("update", "data")}.get(last)
        update_url = update_url or env.get(ENV_UPDATE) or (layout and f"{base}/{layout[0]}")
        graph_store_url = graph_store_url or env.get(ENV_GRAPH_STORE) or (layout and f"{base}/{layout[1]}")
        return cls(url, update_url or None, graph_store_url or None)


def _safe_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


# --------------------------------------------------------------------------------------------
# Binding parameters in the query text: VALUES blocks of serialised terms


# --------------------------------------------------------------------------------------------
# Queries through SPARQLWrapper


def _term(b: Mapping[str, str]) -> Term:
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in b:
        return ox.Literal(value, language=b["xml:lang"])
    if b.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(b["datatype"]))
    return ox.Literal(value)


class RemoteBackend:
    """A SPARQL 1.1 query endpoint answering the same queries as the embedded store."""

    def __init__(self, endpoint: str | Endpoint, credentials: Credentials | None = None):
        self.endpoint = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_url(endpoint)
        self.credentials = credentials if credentials is not None else Credentials.from_env()

    def select(self, text: str, bindings: Mapping[str, Term], timeout: float | None, source: str) -> Table:
        from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper

        check_syntax(text, source)  # a clear line:column message before anything is sent
        sparql = SPARQLWrapper(self.endpoint.query_url)
        sparql.setQuery(bind_values(text, bindings))
        sparql.queryType = SELECT  # its keyword sniffing reads comments ("# title: Copies" -> COPY)
        sparql.setMethod(POST)
        sparql.setReturnFormat(JSON)
        if timeout:
            sparql.setTimeout(max(1, math.ceil(timeout)))
        for k, v in self.credentials.header().items():
            sparql.addCustomHttpHeader(k, v)
        try:
            data = sparql.queryAndConvert()
        except Exception as e:  # SPARQLWrapper raises urllib, socket and its own errors
            raise RemoteError(self._describe(e, timeout)) from None
        if not isinstance(data, dict) or "head" not in data:
            raise RemoteError(f"{_safe_url(self.endpoint.query_url)} did not answer with SPARQL JSON results")
        names = list(data["head"].get("vars", []))
        rows = [{n: (_term(b[n]) if n in b else None) for n in names}
                for b in data.get("results", {}).get("bindings", [])]
        return names, rows

    def _describe(self, e: BaseException, timeout: float | None) -> str:
        url = _safe_url(self.endpoint.query_url)
        if _is_timeout(e):
            return f"query timed out after {timeout:g} s at {url}"
        return self.credentials.redact(f"the endpoint {url} failed: {_reason(e)}")


def _is_timeout(e: BaseException) -> bool:
    reason = getattr(e, "reason", e)
    return isinstance(e, (socket.timeout, TimeoutError)) or isinstance(reason, (socket.timeout, TimeoutError))


_SPARQLWRAPPER_ERRORS = {  # SPARQLWrapper turns HTTP statuses into these classes
    "EndPointInternalError": "HTTP 500: internal error of the endpoint",
    "QueryBadFormed": "HTTP 400: the endpoint rejected the query",
    "Unauthorized": "HTTP 401: unauthorized (check DIRECTIVE_KG_USER / DIRECTIVE_KG_PASSWORD or DIRECTIVE_KG_TOKEN)",
    "EndPointNotFound": "HTTP 404: no SPARQL endpoint at this URL",
    "URITooLong": "HTTP 414: query too long for a GET",
}


def _reason(e: BaseException) -> str:
    if type(e).__name__ in _SPARQLWRAPPER_ERRORS:
        return _SPARQLWRAPPER_ERRORS[type(e).__name__]
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code} {e.reason}"
    if isinstance(e, urllib.error.URLError):
        return f"cannot connect ({e.reason})"
    first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return f"{type(e).__name__}: {first[:300]}"


@dataclass(frozen=True)
class DefaultGraphCheck:
    """Where an endpoint holds documents: in the default graph that queries read, in named graphs."""
    in_default: bool
    in_named: bool

    @property
    def problem(self) -> str | None:
        """Why queries find nothing, or None if the default graph has documents."""
        if self.in_default:
            return None
        if self.in_named:
            return ("the endpoint keeps the documents in named graphs but its default graph, which the "
                    "queries read, holds none: upload again with `directive-kg upload` (it writes the merged "
                    "graph as the default graph), or the server's default graph is not the merged graph; "
                    "see queries/README.md")
        return ("the endpoint's default graph holds no documents: upload the graph with `directive-kg upload` "
                "first, or the server's default graph is not the merged graph; see queries/README.md")


def check_default_graph(backend: RemoteBackend, timeout: float = 10) -> DefaultGraphCheck:
    """Whether the endpoint's default graph (the merged graph after an upload) and its named graphs
    hold documents."""
    q = ("PREFIX dkg: <https://w3id.org/directive-kg/ontology#>\n"
         "SELECT ?in_default ?in_named WHERE { BIND (EXISTS { ?d a dkg:Document } AS ?in_default) "
         "BIND (EXISTS { GRAPH ?g { ?d a dkg:Document } } AS ?in_named) }")
    _, rows = backend.select(q, {}, timeout, "<default graph check>")
    row = rows[0] if rows else {}
    to_bool = lambda t: t is not None and t.value == "true"
    return DefaultGraphCheck(to_bool(row.get("in_default")), to_bool(row.get("in_named")))


# --------------------------------------------------------------------------------------------
# Upload: Graph Store Protocol PUT (+ POST) into a temporary graph, then MOVE into place


class _HttpFailure(Exception):
    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


def _http(method: str, url: str, body: bytes | None, headers: Mapping[str, str], timeout: float) -> bytes:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raise _HttpFailure(f"HTTP {e.code} {e.reason}", e.code >= 500 or e.code in (408, 429)) from None
    except urllib.error.URLError as e:
        timed_out = isinstance(e.reason, (socket.timeout, TimeoutError))
        raise _HttpFailure("timed out" if timed_out else f"cannot connect ({e.reason})", True) from None
    except (socket.timeout, TimeoutError):
        raise _HttpFailure(f"timed out after {timeout:g} s", True) from None
    except (ConnectionError, OSError) as e:
        raise _HttpFailure(f"connection failed ({type(e).__name__})", True) from None


def _retrying(action: Callable[[], object], retries: int, backoff: float) -> None:
    for attempt in range(retries + 1):
        try:
            action()
            return
        except _HttpFailure as e:
            if not e.retryable or attempt == retries:
                raise
            time.sleep(backoff * 2 ** attempt)


@dataclass
class Uploader:
    endpoint: Endpoint
    credentials: Credentials = field(default_factory=Credentials.from_env)
    retries: int = 3
    backoff: float = 0.5
    timeout: float = 60.0
    part_bytes: int = PART_BYTES

    def __post_init__(self) -> None:
        if not self.endpoint.graph_store_url or not self.endpoint.update_url:
            raise RemoteError("upload needs a Graph Store URL and an update URL: pass --graph-store-url and "
                              f"--update-url (or {ENV_GRAPH_STORE} and {ENV_UPDATE})")

    def _headers(self, content_type: str) -> dict[str, str]:
        return {"Content-Type": content_type, **self.credentials.header()}

    def _graph_url(self, graph: str) -> str:
        return f"{self.endpoint.graph_store_url}?graph={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        _http("PUT", self._graph_url(graph), ntriples, self._headers("application/n-triples"), self.timeout)

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        """Add triples to a graph (GSP POST merges)."""
        _http("POST", self._graph_url(graph), ntriples, self._headers("application/n-triples"), self.timeout)

    def update(self, sparql_update: str) -> None:
        _http("POST", self.endpoint.update_url, sparql_update.encode(),
              self._headers("application/sparql-update"), self.timeout)

    def graph_exists(self, graph: str) -> bool:
        q = f"ASK {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        url = f"{self.endpoint.query_url}?{urllib.parse.urlencode({'query': q})}"
        body = _http("GET", url, None, {"Accept": "application/sparql-results+json", **self.credentials.header()},
                     self.timeout)
        return b"true" in body

    def replace_graph(self, graph: str, ntriples: bytes) -> None:
        """PUT into a fresh temporary graph (retried: PUT is idempotent), then MOVE it over the
        target (a named graph, or DEFAULT_GRAPH) in one update (atomic in the store). A failed MOVE
        is retried only while the temporary graph is still there, i.e. while the MOVE has certainly
        not happened. Data larger than `part_bytes` goes as a PUT and POSTs into the temporary graph."""
        temp = f"{TEMP_GRAPH_PREFIX}{uuid.uuid4()}"
        target = "DEFAULT" if graph == DEFAULT_GRAPH else f"GRAPH {ox.NamedNode(graph)}"
        # No SILENT: moving a missing source must fail, not empty the target.
        move = f"MOVE GRAPH {ox.NamedNode(temp)} TO {target}"
        try:
            for i, part in enumerate(split_ntriples(ntriples, self.part_bytes)):
                send = self.put_graph if i == 0 else self.post_graph
                _retrying(lambda: send(temp, part), self.retries, self.backoff)
            for attempt in range(self.retries + 1):
                try:
                    self.update(move)
                    return
                except _HttpFailure as e:
                    if e.retryable and not self._still_there(temp):
                        return  # the MOVE went through; only its answer was lost
                    if not e.retryable or attempt == self.retries:
                        raise
                    time.sleep(self.backoff * 2 ** attempt)
        except _HttpFailure:
            self._drop_quietly(temp)
            raise

    def _still_there(self, graph: str) -> bool:
        try:
            return self.graph_exists(graph)
        except _HttpFailure:
            return True  # unknown: assume the MOVE did not happen (never retry blindly)

    def _drop_quietly(self, graph: str) -> None:
        try:
            self.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")
        except _HttpFailure:
            pass


def split_ntriples(data: bytes, size: int) -> list[bytes]:
    """N-Triples in parts of about `size` bytes, cut at line ends (a line break inside a literal is
    escaped). Lines with blank nodes all go in the first part: each request labels blank nodes
    anew, so `_:b` in two parts would be two nodes, and a retried POST of them would add them twice
    (a retried POST of plain triples adds nothing). Built stores have some (SHACL shapes)."""
    if len(data) <= size:
        return [data]
    head = b""
    if b"_:" in data:  # (also in a literal: such a line just travels with the blank nodes)
        lines = data.split(b"\n")
        head = b"".join(line + b"\n" for line in lines if b"_:" in line)
        data = b"".join(line + b"\n" for line in lines if line and b"_:" not in line)
    parts, start = [head] if head else [], 0
    while start < len(data):
        end = data.find(b"\n", start + size)
        end = len(data) if end < 0 else end + 1
        parts.append(data[start:end])
        start = end
    return parts or [b""]


def store_graphs(store: ox.Store) -> list[str]:
    """The named graphs of a built store, in a stable order."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def upload(
    store: ox.Store,
    endpoint: str | Endpoint,
    *,
    credentials: Credentials | None = None,
    graphs: Sequence[str] | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    part_bytes: int = PART_BYTES,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Upload every named graph of `store` (one per document file, plus reference, ontology and
    build graphs), then its merged graph as the default graph (DEFAULT_GRAPH in `graphs` and in the
    lists), replacing each graph whole. The default graph comes last: a stopped upload leaves the
    previous one. Returns the graphs uploaded; raises UploadError with the exact lists of graphs
    that reached the store and that did not."""
    ep = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_url(endpoint)
    up = Uploader(ep, credentials if credentials is not None else Credentials.from_env(), retries, backoff, timeout,
                  part_bytes)
    todo = list(graphs) if graphs is not None else [*store_graphs(store), DEFAULT_GRAPH]
    done: list[str] = []
    for i, graph in enumerate(todo):
        if graph == DEFAULT_GRAPH:
            data = merged_ntriples(store)
        else:
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        try:
            up.replace_graph(graph, data)
        except _HttpFailure as e:
            at = graph if graph == DEFAULT_GRAPH else f"graph {graph}"
            message = up.credentials.redact(
                f"upload to {_safe_url(ep.graph_store_url)} stopped at {at}: {e} "
                f"(after {retries + 1 if e.retryable else 1} attempt(s)).\n"
                f"Reached the store ({len(done)}): {', '.join(done) or 'none'}\n"
                f"Not uploaded ({len(todo) - i}), previous version kept if any: {', '.join(todo[i:])}\n"
                "Run the upload again: each graph is replaced whole."
            )
            raise UploadError(message, done, todo[i:]) from None
        done.append(graph)
        if progress:
            progress(graph)
    return done


__all__ = [
    "Endpoint", "Credentials", "RemoteBackend", "RemoteError", "UploadError", "Uploader", "DefaultGraphCheck",
    "bind_values", "upload", "store_graphs", "merged_ntriples", "split_ntriples", "check_default_graph",
    "DEFAULT_GRAPH", "ENV_ENDPOINT",
]
