"""Remote SPARQL 1.1 stores: the saved queries through SPARQLWrapper, and the upload of a built
store with the SPARQL 1.1 Graph Store HTTP Protocol.

The upload writes what the embedded store holds: one named graph per document file (plus the
corpus, ontology, reference and build graphs), then the merged graph (every triple of the data
graphs once, see loaders.store) as the server's default graph. Each request replaces its graphs
whole in one transaction: the document graphs 2 MB of N-Triples at a time in one SPARQL update
(`CLEAR SILENT GRAPH` each, one `INSERT DATA`), a graph up to the part size alone likewise (one with
blank nodes through a temporary graph and a MOVE; a PUT and a MOVE per graph made the server do
each write three times: 1,000 documents on Oxigraph, server CPU 48.5 -> 16.3 s). A graph above the
part size (the merged graph of a large corpus) is the exception: it goes in parts straight into
place, one transaction each, marked incomplete (UPLOAD_INCOMPLETE) until the last part arrived; one
transaction for the whole of it took Oxigraph to 14.4 GB at 10,000 documents. Queries read the endpoint's default
graph, as embedded queries read the store's, so any SPARQL 1.1 server works without special
configuration. A server whose default graph is the union of its named graphs (Oxigraph
`--union-default-graph`, Fuseki `tdb2:unionDefaultGraph`) also gives correct answers (the saved
queries are SELECT DISTINCT) but repeats each triple once per graph holding it, and its joins
grow with the repetitions: not needed, and slower. Blank nodes of the default graph are not those
of the named graphs (each PUT labels its own): the saved queries never join the two.

Virtuoso (store type "virtuoso", given or detected from its `Server` header) has no default graph
of its own: a query without a dataset reads the union of every graph, and `MOVE … TO DEFAULT` is
refused. There the merged graph is the named graph MERGED_GRAPH, and every query names it as its
default graph (the protocol's `default-graph-uri`). Its update and Graph Store endpoints
(`/sparql-auth`, `/sparql-graph-crud-auth`) take HTTP Digest authentication only.

Credentials come from the environment (DIRECTIVE_KG_USER + DIRECTIVE_KG_PASSWORD for HTTP Basic, or
Digest where the store asks for it, or DIRECTIVE_KG_TOKEN for a Bearer token) and are never printed:
every message that leaves this module goes through `Credentials.redact`.

An upload gives up when the store has not answered successfully for `deadline` seconds (default
60), retries and backoff included, whatever `retries` allows; each request waits at most `timeout`
seconds and never past the deadline. A hanging endpoint thus fails in about `deadline` seconds, while
a long upload that keeps getting answers goes on.
"""
from __future__ import annotations

import base64
import hashlib
import math
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import pyoxigraph as ox

from directive_kg.queries import QueryError, Table, Term, bind_values, check_syntax
from loaders.store import graph_ntriples as store_graph_ntriples, merged_ntriples, store_graphs

ENV_ENDPOINT = "DIRECTIVE_KG_ENDPOINT"
ENV_UPDATE = "DIRECTIVE_KG_UPDATE_URL"
ENV_GRAPH_STORE = "DIRECTIVE_KG_GRAPH_STORE_URL"
ENV_STORE_TYPE = "DIRECTIVE_KG_STORE_TYPE"
STORE_TYPES = ("auto", "generic", "virtuoso")  # generic: any SPARQL 1.1 store with a default graph (Oxigraph, Fuseki)
MERGED_GRAPH = "https://w3id.org/directive-kg/id/graph/merged"  # the merged graph where a store has no default graph
TEMP_GRAPH_PREFIX = "urn:x-directive-kg:upload:"
DEFAULT_GRAPH = "the default graph"  # the merged graph's entry in upload lists and messages
PART_BYTES = 32 * 1024 * 1024  # a graph up to this goes in one update; a larger one in parts (server memory)
VIRTUOSO_PART_BYTES = 4 * 1024 * 1024  # Virtuoso parses a GSP body in one transaction: smaller parts, each answered in seconds
BATCH_BYTES = 2 * 1024 * 1024  # small graphs go together, this much N-Triples in one update (one request, not two each)
VIRTUOSO_BATCH_BYTES = 256 * 1024  # Virtuoso compiles INSERT DATA to SQL: SP031 "more than 10000 lines" at 1-2 MB
DEADLINE = 60.0  # seconds without a successful answer before an upload gives up
READ_AHEAD_BYTES = 8 * 1024 * 1024  # N-Triples of the next graphs read from the store while a request is in flight
TOO_LARGE = "SR325"  # Virtuoso: a transaction's roll-forward log above TransactionAfterImageLimit (50 MB by default)
# A graph sent in parts straight into place holds this triple (subject: the graph's IRI, MERGED_GRAPH for the
# merged graph) until its last part arrived: a reader asks `ASK { ?g <UPLOAD_INCOMPLETE> ?since }`.
UPLOAD_INCOMPLETE = "https://w3id.org/directive-kg/ontology#uploadIncomplete"
# What a stopped upload left of the graph it was sending in parts (Uploader.parts_state):
PARTS_INTACT = "intact"  # the first part (with the marker) was not applied: the previous version is whole
PARTS_INCOMPLETE = "incomplete"  # the marker is there: part of the new triples, none of the old
PARTS_UNKNOWN = "unknown"  # the first part's answer was lost and the store could not be asked
ASK_TIMEOUT = 10.0  # seconds for the one question about the marker after a lost answer


class RemoteError(QueryError):
    pass


class UploadError(RemoteError):
    """An upload that stopped: `reached` graphs are complete in the store, `pending` are not there
    (or still hold their previous version), except `incomplete` ones: a graph larger than the part
    size is sent in parts straight into place (marked with UPLOAD_INCOMPLETE meanwhile), and one
    stopped meanwhile holds part of its triples and the marker. `uncertain`: a graph whose first part's
    answer was lost and the store could not be asked whether it holds the marker."""

    def __init__(self, message: str, reached: Sequence[str], pending: Sequence[str],
                 incomplete: Sequence[str] = (), uncertain: Sequence[str] = ()):
        super().__init__(message)
        self.reached, self.pending = tuple(reached), tuple(pending)
        self.incomplete = tuple(incomplete)  # pending graphs left partly replaced (sent in parts)
        self.uncertain = tuple(uncertain)  # pending graphs perhaps partly replaced (the store not reachable)


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
    store_type: str = "generic"  # "generic" or "virtuoso" (never "auto": from_url decides)

    @property
    def default_graph(self) -> str | None:
        """The graph that queries name as their default graph (`default-graph-uri`), or None for the
        store's own default graph."""
        return MERGED_GRAPH if self.store_type == "virtuoso" else None

    @classmethod
    def from_url(cls, url: str, update_url: str | None = None, graph_store_url: str | None = None,
                 env: Mapping[str, str] | None = None, store_type: str | None = None,
                 timeout: float = 10) -> "Endpoint":
        """The query URL and, for known layouts, the update and Graph Store URLs next to it:
        Oxigraph `.../query` -> `.../update`, `.../store`; Fuseki `.../ds/sparql` -> `.../ds/update`,
        `.../ds/data`; Virtuoso `.../sparql` -> `.../sparql-auth`, `.../sparql-graph-crud-auth`.
        `store_type` (else $DIRECTIVE_KG_STORE_TYPE, else "auto"): "auto" asks the server for its
        name (one request, at most `timeout` s) when the URL could be Virtuoso's, i.e. its path is
        `/sparql` or `/sparql-auth`."""
        env = os.environ if env is None else env
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"endpoint must be an http(s) URL, got {_safe_url(url)!r}")
        if "@" in parts.netloc:
            raise RemoteError("do not put credentials in the endpoint URL; set DIRECTIVE_KG_USER and "
                              "DIRECTIVE_KG_PASSWORD (or DIRECTIVE_KG_TOKEN) instead")
        kind = (store_type or env.get(ENV_STORE_TYPE) or "auto").strip().lower()
        if kind not in STORE_TYPES:
            raise RemoteError(f"store type must be one of {', '.join(STORE_TYPES)}, got {kind!r}")
        if kind == "auto":
            kind = "virtuoso" if parts.path in ("/sparql", "/sparql-auth") and _is_virtuoso(url, timeout) else "generic"
        base, _, last = url.rstrip("/").rpartition("/")
        if parts.path in ("", "/") and kind == "generic":  # a bare Oxigraph server URL
            base, last, url = url.rstrip("/"), "query", url.rstrip("/") + "/query"
        if kind == "virtuoso":
            layout = ("sparql-auth", "sparql-graph-crud-auth") if last in ("sparql", "sparql-auth") else None
        else:
            layout = {"query": ("update", "store"), "sparql": ("update", "data")}.get(last)
        update_url = update_url or env.get(ENV_UPDATE) or (layout and f"{base}/{layout[0]}")
        graph_store_url = graph_store_url or env.get(ENV_GRAPH_STORE) or (layout and f"{base}/{layout[1]}")
        return cls(url, update_url or None, graph_store_url or None, kind)


_SERVER_NAMES: dict[str, bool] = {}  # query URL -> whether it is Virtuoso (asked once a process)


def _is_virtuoso(url: str, timeout: float) -> bool:
    """Whether the server at `url` names itself Virtuoso (`Server: Virtuoso/07.20...`). Any failure
    counts as no: the request that follows reports it."""
    if url not in _SERVER_NAMES:
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': 'ASK {}'})}",
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                server = response.headers.get("Server", "")
        except urllib.error.HTTPError as e:
            server = e.headers.get("Server", "")
        except (OSError, ValueError):
            return False  # not remembered: the server may be starting
        _SERVER_NAMES[url] = server.lower().startswith("virtuoso")
    return _SERVER_NAMES[url]


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
        if self.endpoint.default_graph:
            sparql.addDefaultGraph(self.endpoint.default_graph)
        if timeout:
            sparql.setTimeout(max(1, math.ceil(timeout)))
        c = self.credentials
        if self.endpoint.store_type == "virtuoso" and c.user is not None and c.password is not None and not c.token:
            from SPARQLWrapper import DIGEST  # answered only if the server asks (`/sparql-auth`; `/sparql` does not)
            sparql.setHTTPAuth(DIGEST)
            sparql.setCredentials(c.user, c.password)
        else:
            for k, v in c.header().items():
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
    to_bool = lambda t: t is not None and t.value in ("true", "1")  # Virtuoso: EXISTS is the integer 0/1
    return DefaultGraphCheck(to_bool(row.get("in_default")), to_bool(row.get("in_named")))


# --------------------------------------------------------------------------------------------
# Upload: small graphs in one update each batch (CLEAR + INSERT DATA); large ones through a
# temporary graph (Graph Store Protocol PUT + POSTs), then MOVE into place


class _HttpFailure(Exception):
    """A failed request. `maybe_applied`: its answer was lost (timeout or connection closed while
    waiting for it, a gateway's 502/504), so the store may have applied it; otherwise the store
    never got it whole (no connection, broken send) or answered that it failed."""

    def __init__(self, message: str, retryable: bool, status: int | None = None,
                 challenge: str | None = None, maybe_applied: bool = False):
        super().__init__(message)
        self.retryable, self.status, self.challenge = retryable, status, challenge
        self.maybe_applied = maybe_applied
        self.attempts = 1

    @property
    def too_large(self) -> bool:
        """Virtuoso refused the request as one transaction too large for its roll-forward log."""
        return TOO_LARGE in str(self)


def _server_message(body: bytes) -> str:
    """The error text of a failed request's answer (Virtuoso: `Virtuoso 40005 Error SR325: ...`,
    as plain text or inside an HTML page), one line, without the echoed request."""
    text = re.sub(r"<[^>]*>", " ", body[:4000].decode("utf-8", "replace"))
    text = text.split("SPARQL query:")[0]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith(("HTTP/1.", "SPARQL Graph Protocol request"))]
    return " ".join(lines)[:300]


_UNAUTHORIZED = ("HTTP 401 Unauthorized: the store refused the credentials (check DIRECTIVE_KG_USER and "
                 "DIRECTIVE_KG_PASSWORD, or DIRECTIVE_KG_TOKEN, and that this user may write)")


GATEWAY_LOST = (502, 504)  # a gateway's answer: it lost the store's, which may have applied the request


def _http(method: str, url: str, body: bytes | None, headers: Mapping[str, str], timeout: float) -> bytes:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        if e.code == 401:
            raise _HttpFailure(_UNAUTHORIZED, False, 401, e.headers.get("WWW-Authenticate")) from None
        detail = _server_message(e.read()) if e.fp else ""
        retryable = (e.code >= 500 or e.code in (408, 429)) and TOO_LARGE not in detail  # the same again fails again
        raise _HttpFailure(f"HTTP {e.code} {e.reason}" + (f": {detail}" if detail else ""), retryable, e.code,
                           maybe_applied=e.code in GATEWAY_LOST) from None
    except urllib.error.URLError as e:  # urllib wraps only the connect and the send: the store never had it whole
        timed_out = isinstance(e.reason, (socket.timeout, TimeoutError))
        raise _HttpFailure(f"timed out after {timeout:.3g} s" if timed_out else f"cannot connect ({e.reason})",
                           True) from None
    except (socket.timeout, TimeoutError):  # sent whole, no answer in time
        raise _HttpFailure(f"timed out after {timeout:.3g} s", True, maybe_applied=True) from None
    except (ConnectionError, OSError) as e:  # sent whole, the connection closed before the answer
        raise _HttpFailure(f"connection failed ({type(e).__name__})", True, maybe_applied=True) from None


@dataclass
class _Digest:
    """HTTP Digest (RFC 7616: MD5, qop=auth) computed before each request from the last challenge,
    so that a large body goes once, not once to be refused and again with the answer."""
    user: str = field(repr=False)
    password: str = field(repr=False)
    challenge: dict[str, str] = field(default_factory=dict, repr=False)
    count: int = 0

    def learn(self, header: str | None) -> bool:
        """Keep a `WWW-Authenticate: Digest ...` challenge; False if there is none."""
        if not header or not header.lower().startswith("digest "):
            return False
        pairs = re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]*))', header[7:])
        self.challenge = {k: quoted or bare for k, quoted, bare in pairs}
        self.count = 0
        return "nonce" in self.challenge

    def header(self, method: str, url: str) -> dict[str, str]:
        if not self.challenge:
            return {}
        md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731 - the algorithm Digest names
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        c, self.count = self.challenge, self.count + 1
        nc, cnonce = f"{self.count:08x}", uuid.uuid4().hex[:16]
        ha1, ha2 = md5(f"{self.user}:{c.get('realm', '')}:{self.password}"), md5(f"{method}:{uri}")
        fields = {"username": self.user, "realm": c.get("realm", ""), "nonce": c["nonce"], "uri": uri,
                  "response": md5(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:auth:{ha2}"), "algorithm": "MD5",
                  "cnonce": cnonce, **({"opaque": c["opaque"]} if "opaque" in c else {})}
        text = ", ".join(f'{k}="{v}"' for k, v in fields.items())
        return {"Authorization": f"Digest {text}, qop=auth, nc={nc}"}


@dataclass
class Uploader:
    endpoint: Endpoint
    credentials: Credentials = field(default_factory=Credentials.from_env)
    retries: int = 3
    backoff: float = 0.5
    timeout: float = 60.0
    part_bytes: int = PART_BYTES
    deadline: float = DEADLINE
    batch_bytes: int = BATCH_BYTES

    def __post_init__(self) -> None:
        if not self.endpoint.graph_store_url or not self.endpoint.update_url:
            raise RemoteError("upload needs a Graph Store URL and an update URL: pass --graph-store-url and "
                              f"--update-url (or {ENV_GRAPH_STORE} and {ENV_UPDATE})")
        check_limits(retries=self.retries, timeout=self.timeout, deadline=self.deadline)
        if self.part_bytes <= 0 or self.batch_bytes < 0 or self.backoff < 0:
            raise RemoteError("part size must be positive, batch size and backoff not negative")
        c = self.credentials
        use_digest = self.endpoint.store_type == "virtuoso" and not c.token and c.user is not None
        self._digest = _Digest(c.user, c.password or "") if use_digest else None
        self.last_answer = time.monotonic()  # the deadline counts from the last successful answer
        self.replacing_in_parts: str | None = None  # the graph being sent in parts straight into place, if any
        self.parts_state: str | None = None  # PARTS_*: what a failure leaves of that graph
        self.parts_asked = False  # whether parts_state comes from asking the store (after a lost answer)
        self.in_parts: list[str] = []  # graphs that were sent in parts straight into place

    # -- requests: authentication, per-request timeout, deadline

    def waited(self) -> float:
        """Seconds since the store last answered successfully (or since the upload began)."""
        return time.monotonic() - self.last_answer

    def _send(self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]) -> bytes:
        left = self.deadline - self.waited()
        if left <= 0:
            raise _HttpFailure(f"no successful answer for {self.waited():.1f} s (deadline {self.deadline:g} s)", False)
        timeout = min(self.timeout, left)
        if self._digest and not self._digest.challenge and body:
            self._learn_challenge(url, timeout)
        auth = self._digest.header(method, url) if self._digest else self.credentials.header()
        try:
            data = _http(method, url, body, {**headers, **auth}, timeout)
        except _HttpFailure as e:
            if e.status != 401:
                raise
            if not auth and not self._digest:
                raise _HttpFailure("HTTP 401 Unauthorized: the store asks for credentials: set DIRECTIVE_KG_USER "
                                   "and DIRECTIVE_KG_PASSWORD (or DIRECTIVE_KG_TOKEN)", False, 401) from None
            # Digest: the first request learns the challenge, and an expired nonce is renewed, once.
            if not self._digest or not self._digest.learn(e.challenge):
                raise
            data = _http(method, url, body, {**headers, **self._digest.header(method, url)}, timeout)
        self.last_answer = time.monotonic()
        return data

    def _learn_challenge(self, url: str, timeout: float) -> None:
        """Ask for the Digest challenge with a GET: a server refuses a large unauthenticated body
        before reading it, and the client then sees a broken pipe instead of the 401."""
        try:
            _http("GET", url, None, {}, timeout)
        except _HttpFailure as e:
            if e.status == 401:
                self._digest.learn(e.challenge)

    def _headers(self, content_type: str) -> dict[str, str]:
        return {"Content-Type": content_type}

    def _graph_url(self, graph: str) -> str:
        """The Graph Store URL of a graph; DEFAULT_GRAPH: the store's default graph, or MERGED_GRAPH."""
        if graph == DEFAULT_GRAPH and not self.endpoint.default_graph:
            return f"{self.endpoint.graph_store_url}?default"
        name = self.endpoint.default_graph if graph == DEFAULT_GRAPH else graph
        return f"{self.endpoint.graph_store_url}?graph={urllib.parse.quote(name, safe='')}"

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        self._send("PUT", self._graph_url(graph), ntriples, self._headers("application/n-triples"))

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        """Add triples to a graph (GSP POST merges)."""
        self._send("POST", self._graph_url(graph), ntriples, self._headers("application/n-triples"))

    def update(self, sparql_update: str) -> None:
        self._send("POST", self.endpoint.update_url, sparql_update.encode(),
                   self._headers("application/sparql-update"))

    def graph_exists(self, graph: str) -> bool:
        q = f"ASK {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        url = f"{self.endpoint.query_url}?{urllib.parse.urlencode({'query': q})}"
        body = self._send("GET", url, None, {"Accept": "application/sparql-results+json"})
        return b"true" in body

    # -- graphs

    def target(self, graph: str) -> str:
        """The update syntax for where `graph` goes: the merged graph (DEFAULT_GRAPH) is the store's
        default graph, or MERGED_GRAPH on a store without one of its own (Virtuoso)."""
        if graph != DEFAULT_GRAPH:
            return f"GRAPH {ox.NamedNode(graph)}"
        return f"GRAPH {ox.NamedNode(self.endpoint.default_graph)}" if self.endpoint.default_graph else "DEFAULT"

    def _attempts(self, action: Callable[[], object], done: Callable[[], bool] = lambda: False) -> None:
        """Run `action` until it succeeds: a retryable failure is retried after an exponential backoff
        while `retries` and the deadline allow, unless `done()` says the action took effect anyway."""
        attempt, maybe_applied = 0, False
        while True:
            attempt += 1
            try:
                action()
                return
            except _HttpFailure as e:
                if e.retryable and done():
                    return
                maybe_applied = e.maybe_applied = maybe_applied or e.maybe_applied  # any attempt's, not the last's
                e.attempts = attempt
                pause = self.backoff * 2 ** (attempt - 1)
                if not e.retryable or attempt > self.retries or self.waited() + pause >= self.deadline:
                    raise
                time.sleep(pause)

    def replace_graphs(self, graphs: Sequence[tuple[str, bytes]]) -> None:
        """Several small graphs replaced in one SPARQL update: CLEAR each, then one INSERT DATA with a
        GRAPH block each. One request is one transaction (Oxigraph, Virtuoso): all of them or none
        change; it is idempotent, so a failed one is retried. N-Triples lines are SPARQL triples;
        graphs with blank nodes never come here (Virtuoso: SP031 "Blank node … is not allowed in a
        constant clause"; and one request would join equal labels of two graphs)."""
        clears = "".join(f"CLEAR SILENT {self.target(g)} ;\n" for g, _ in graphs).encode()
        blocks = b"".join(data if self.target(g) == "DEFAULT" else  # the store's own default graph: bare triples
                          f"{self.target(g)} {{\n".encode() + data + b"}\n" for g, data in graphs)
        body = clears + b"INSERT DATA {\n" + blocks + b"}\n"
        self._attempts(lambda: self._send("POST", self.endpoint.update_url, body,
                                          self._headers("application/sparql-update")))

    def marker(self, graph: str) -> bytes:
        """The incompleteness marker of `graph` as an N-Triples line (the subject names the graph)."""
        name = (self.endpoint.default_graph or MERGED_GRAPH) if graph == DEFAULT_GRAPH else graph
        # a plain string: Virtuoso keeps an xsd:dateTime as its own value, DELETE DATA might not match it.
        # Microseconds: this upload's marker, not one an earlier stopped upload left (ask_marker).
        now = time.time()
        since = ox.Literal(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z")
        return f"{ox.NamedNode(name)} {ox.NamedNode(UPLOAD_INCOMPLETE)} {since} .\n".encode()

    def ask_marker(self, graph: str, marker: bytes) -> bool | None:
        """Whether the store holds `marker` in `graph` (None: it could not be asked). One request,
        outside the upload's deadline (it is asked because an answer was just lost)."""
        where = self.target(graph)
        triple = marker.decode().strip()
        q = f"ASK {{ {triple} }}" if where == "DEFAULT" else f"ASK {{ {where} {{ {triple} }} }}"
        url = f"{self.endpoint.query_url}?{urllib.parse.urlencode({'query': q})}"
        auth = self._digest.header("GET", url) if self._digest else self.credentials.header()
        try:
            body = _http("GET", url, None, {"Accept": "application/sparql-results+json", **auth},
                         min(self.timeout, ASK_TIMEOUT))
        except _HttpFailure:
            return None
        return b"true" in body

    def replace_graph_in_parts(self, graph: str, ntriples: bytes) -> None:
        """A graph larger than `part_bytes`, straight into place without one huge transaction (a MOVE
        of the 10,000-document merged graph took Oxigraph to 14.4 GB, and passed Virtuoso's
        transaction log limit): the first part with the incompleteness marker replaces the graph
        (GSP PUT), the other parts are added (POST), then the marker is deleted. Every step may be
        retried (PUT replaces, POST of triples without blank nodes adds nothing twice, DELETE DATA
        of a missing triple does nothing). Not atomic: until the marker goes, queries see part of
        the graph and the marker says so; a stopped upload leaves both (UploadError.incomplete).
        `parts_state` says what a failure left: a failed first part left the previous version
        whole, unless its answer was lost: then the store is asked for the marker (ask_marker)."""
        marker = self.marker(graph)
        parts = split_ntriples(ntriples, self.part_bytes)
        self.replacing_in_parts, self.parts_state, self.parts_asked = graph, PARTS_INTACT, False
        try:
            self._attempts(lambda: self.put_graph(graph, parts[0] + marker))
        except _HttpFailure as e:
            if e.maybe_applied:
                self.parts_asked, found = True, self.ask_marker(graph, marker)
                self.parts_state = {True: PARTS_INCOMPLETE, False: PARTS_INTACT, None: PARTS_UNKNOWN}[found]
            raise
        self.parts_state = PARTS_INCOMPLETE
        for part in parts[1:]:
            self._attempts(lambda: self.post_graph(graph, part))
        where = self.target(graph)
        delete = f"DELETE DATA {{ {marker.decode()} }}" if where == "DEFAULT" else \
            f"DELETE DATA {{ {where} {{ {marker.decode()} }} }}"
        try:
            self._attempts(lambda: self.update(delete))
        except _HttpFailure as e:  # the marker gone anyway (the answer lost): the graph is complete
            if not e.maybe_applied or self.ask_marker(graph, marker) is not False:
                raise
        self.replacing_in_parts = self.parts_state = None
        self.in_parts.append(graph)

    def replace_graph(self, graph: str, ntriples: bytes) -> None:
        """PUT into a fresh temporary graph (retried: PUT is idempotent), then MOVE it over the
        target (a named graph, or the merged graph) in one update (atomic in the store). A failed MOVE
        is retried only while the temporary graph is still there, i.e. while the MOVE has certainly
        not happened. (upload() sends a graph above `part_bytes` with replace_graph_in_parts instead; here
        data larger than `part_bytes` would go as a PUT and POSTs into the temporary graph.)"""
        temp = f"{TEMP_GRAPH_PREFIX}{uuid.uuid4()}"
        # No SILENT: moving a missing source must fail, not empty the target.
        move = f"MOVE GRAPH {ox.NamedNode(temp)} TO {self.target(graph)}"
        try:
            for i, part in enumerate(split_ntriples(ntriples, self.part_bytes)):
                send = self.put_graph if i == 0 else self.post_graph
                self._attempts(lambda: send(temp, part))
            self._attempts(lambda: self.update(move), done=lambda: not self._still_there(temp))
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


def check_limits(**limits: float) -> None:
    """Refuse counts below 0 and times not above 0 (NaN too): `retries=-1` would send nothing."""
    for name, value in limits.items():
        if value is None:
            continue
        low_ok = value >= 0 if name == "retries" else value > 0
        if not low_ok or value != value or (name == "retries" and value != int(value)):
            need = "a whole number ≥ 0" if name == "retries" else "a number of seconds > 0"
            raise RemoteError(f"{name} must be {need}, got {value!r}")


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


def _listed(graphs: Sequence[str], most: int = 20) -> str:
    """Graphs for a message: all of them up to `most`, else the first and last ones and how many
    between (UploadError.reached / .pending keep every name)."""
    if not graphs:
        return "none"
    if len(graphs) <= most:
        return ", ".join(graphs)
    half = most // 2
    return f"{', '.join(graphs[:half])}, … ({len(graphs) - 2 * half} more) …, {', '.join(graphs[-half:])}"


_TOO_LARGE_ADVICE = ("raise TransactionAfterImageLimit in the [Parameters] of virtuoso.ini (see README, your own "
                     "triple store)")


def upload(
    store: ox.Store,
    endpoint: str | Endpoint,
    *,
    credentials: Credentials | None = None,
    graphs: Sequence[str] | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    deadline: float = DEADLINE,
    part_bytes: int | None = None,
    batch_bytes: int | None = None,
    store_type: str | None = None,
    progress: Callable[[str], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> list[str]:
    """Upload every named graph of `store` (one per document file, plus reference, ontology and
    build graphs), then its merged graph as the default graph (DEFAULT_GRAPH in `graphs` and in the
    lists; MERGED_GRAPH on Virtuoso), replacing each graph whole. The default graph comes last: a
    stopped upload leaves the previous one. Returns the graphs uploaded; raises UploadError with the
    exact lists of graphs that reached the store and that did not. `timeout` bounds each request,
    `deadline` the time without a successful answer (retries included). `note` hears of a graph
    sent in parts straight into place (not atomic). Graphs of at most `batch_bytes` of
    N-Triples without blank nodes (the document files' graphs) go `batch_bytes` at a time in one
    update each (Uploader.replace_graphs; 0: each alone); a larger one up to `part_bytes` alone in one
    update; one with blank nodes up to `part_bytes` through a temporary graph (GSP PUT), then MOVE
    (Uploader.replace_graph); a graph above `part_bytes` in parts straight into place, marked
    incomplete meanwhile (Uploader.replace_graph_in_parts: not atomic, no huge transaction)."""
    check_limits(retries=retries, timeout=timeout, deadline=deadline)  # before anything is asked or sent
    ep = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_url(
        endpoint, store_type=store_type, timeout=min(timeout, deadline, 10))
    if part_bytes is None:
        part_bytes = VIRTUOSO_PART_BYTES if ep.store_type == "virtuoso" else PART_BYTES
    if batch_bytes is None:
        batch_bytes = VIRTUOSO_BATCH_BYTES if ep.store_type == "virtuoso" else BATCH_BYTES
    one_update = VIRTUOSO_BATCH_BYTES if ep.store_type == "virtuoso" else part_bytes  # most N-Triples in one INSERT DATA
    up = Uploader(ep, credentials if credentials is not None else Credentials.from_env(), retries, backoff, timeout,
                  part_bytes, deadline, batch_bytes)
    todo = list(graphs) if graphs is not None else [*store_graphs(store), DEFAULT_GRAPH]
    done: list[str] = []
    ahead = _ReadAhead(store, todo, max(READ_AHEAD_BYTES, 2 * batch_bytes))
    batch: list[tuple[str, bytes]] = []  # small graphs waiting to go together, the next ones of `todo`

    def send(action: Callable[[], None], sent: Sequence[str]) -> None:
        try:
            action()
        except _HttpFailure as e:
            raise _upload_error(e, up, ep, done, todo[len(done):]) from None
        for graph in sent:
            if note and up.in_parts[-1:] == [graph]:
                note(f"{graph if graph == DEFAULT_GRAPH else 'graph ' + graph} is larger than one request "
                     f"({part_bytes:,} bytes): it went in parts straight into place, marked incomplete meanwhile "
                     f"(<{UPLOAD_INCOMPLETE}>; queries saw part of it)")
            done.append(graph)
            if progress:
                progress(graph)

    def flush() -> None:
        if batch:
            sent = [g for g, _ in batch]
            send(lambda: up.replace_graphs(batch), sent)
            batch.clear()

    try:
        for graph, data in ahead:
            if graph != DEFAULT_GRAPH and len(data) <= batch_bytes and b"_:" not in data:
                if batch and sum(len(d) for _, d in batch) + len(data) > batch_bytes:
                    flush()
                batch.append((graph, data))
                continue
            flush()
            if len(data) <= min(one_update, part_bytes) and b"_:" not in data:  # one update: no temporary graph, no MOVE
                send(lambda: up.replace_graphs([(graph, data)]), [graph])
            elif len(data) > part_bytes:  # no single huge transaction: in parts, marked incomplete meanwhile
                send(lambda: up.replace_graph_in_parts(graph, data), [graph])
            else:
                send(lambda: up.replace_graph(graph, data), [graph])
        flush()
    finally:
        ahead.close()
    return done


class _ReadAhead:
    """(graph, N-Triples) of `graphs` in order, a thread reading the next ones from the store up to
    `limit` bytes ahead, so that the reads overlap the requests in flight (1,000 documents to
    `oxigraph serve`: the reads took 13.7 s of the 57 s wall, one after another with the requests,
    while the server waited). The merged graph (DEFAULT_GRAPH) is read when its turn comes, in the
    caller's thread: at 10,000 documents it is 940 MB."""

    def __init__(self, store: ox.Store, graphs: Sequence[str], limit: int):
        self.store, self.graphs, self.limit = store, list(graphs), limit
        self._ready: deque[tuple[str, bytes | BaseException | None]] = deque()
        self._bytes, self._closed = 0, False
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="upload-read-ahead", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for graph in self.graphs:
            data: bytes | BaseException | None = None
            if graph != DEFAULT_GRAPH:
                try:
                    data = graph_ntriples(self.store, graph)
                except BaseException as e:  # noqa: BLE001 - handed to the caller, raised there
                    data = e
            with self._changed:
                while self._ready and self._bytes >= self.limit and not self._closed:
                    self._changed.wait()
                if self._closed:
                    return
                self._ready.append((graph, data))
                self._bytes += len(data) if isinstance(data, bytes) else 0
                self._changed.notify_all()
            if isinstance(data, BaseException):
                return

    def __iter__(self):
        for _ in self.graphs:
            with self._changed:
                while not self._ready:
                    self._changed.wait()
                graph, data = self._ready.popleft()
                self._bytes -= len(data) if isinstance(data, bytes) else 0
                self._changed.notify_all()
            if isinstance(data, BaseException):
                raise data
            yield graph, graph_ntriples(self.store, graph) if data is None else data

    def close(self) -> None:
        """Stop reading (the upload stopped, or is done)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def graph_ntriples(store: ox.Store, graph: str) -> bytes:
    """One graph of the built store as N-Triples (DEFAULT_GRAPH: the merged graph). With store_graphs,
    the only reads of the embedded store's graphs here."""
    return merged_ntriples(store) if graph == DEFAULT_GRAPH else store_graph_ntriples(store, graph)


def _upload_error(e: "_HttpFailure", up: Uploader, ep: Endpoint, done: Sequence[str],
                  pending: Sequence[str]) -> UploadError:
    """The stopped upload, told: where, why, what reached the store and what did not."""
    graph = pending[0]
    at = graph if graph == DEFAULT_GRAPH else f"graph {graph}"
    state = up.parts_state if up.replacing_in_parts == graph else None
    in_parts = state == PARTS_INCOMPLETE
    incomplete = [graph] if in_parts else []
    message = up.credentials.redact(
        f"upload to {_safe_url(ep.graph_store_url)} stopped at {at}: {e} "
        f"(after {e.attempts} attempt(s); waited {up.waited():.1f} s without a successful answer).\n"
        f"Reached the store ({len(done)}): {_listed(done)}\n"
        f"Not uploaded ({len(pending)}), previous version kept if any: {_listed(pending)}\n"
        + (f"Incomplete in the store: {graph} (it was being sent in parts straight into place; it holds the "
           f"marker <{UPLOAD_INCOMPLETE}> until an upload completes it)\n" if in_parts else "")
        + _first_part_told(graph, state, up.parts_asked)
        + "Run the upload again: each graph is replaced whole."
        + (f" One request was too large for one transaction of the store: {_TOO_LARGE_ADVICE}."
           if e.too_large else "")
        + (" A large graph may need more time: raise --timeout and --deadline (moving the merged "
           "graph of 1,000 documents took 90 s on a busy Oxigraph)." if "timed out" in str(e) else "")
    )
    return UploadError(message, done, pending, incomplete, [graph] if state == PARTS_UNKNOWN else [])


def _first_part_told(graph: str, state: str | None, asked: bool) -> str:
    """The report's line on a graph whose first part (sent with the marker) failed, or ""."""
    if state == PARTS_INTACT:
        why = ("its answer was lost, and the store, asked, holds no marker of this upload (a request the store "
               "is still running could yet apply it)") if asked else "the store answered that it failed"
        return (f"Not replaced: {graph} (to go in parts straight into place): its first part, with the marker, was "
                f"not applied ({why}): its previous version, if any, is whole\n")
    if state == PARTS_UNKNOWN:
        return (f"Perhaps incomplete in the store: {graph}: the answer to its first part (with the marker "
                f"<{UPLOAD_INCOMPLETE}>) was lost and the store could not be asked; if it holds the marker, "
                f"part of the new triples replaced the previous version\n")
    if state == PARTS_INCOMPLETE and asked:
        return (f"(The answer to the first part of {graph} was lost; the store, asked, holds its marker: the part "
                f"was applied.)\n")
    return ""


__all__ = [
    "Endpoint", "Credentials", "RemoteBackend", "RemoteError", "UploadError", "Uploader", "DefaultGraphCheck",
    "bind_values", "upload", "store_graphs", "graph_ntriples", "merged_ntriples", "split_ntriples", "check_default_graph",
    "DEFAULT_GRAPH", "UPLOAD_INCOMPLETE", "ENV_ENDPOINT", "ENV_STORE_TYPE", "MERGED_GRAPH", "STORE_TYPES", "DEADLINE", "check_limits",
]
