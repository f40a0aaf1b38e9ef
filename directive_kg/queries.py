"""Saved SPARQL queries: the registry (queries/*.rq and their header comments) and the runner.

A saved query is a standard SPARQL 1.1 SELECT with a header of ``# key: value`` comment lines:

    # title: Propagation tree below a document
    # question: Which documents implement DOC, directly or through others ...?
    # param: doc document - 10/ĐM              (name type default example; "-" = required,
    #                                            "*" = optional: left unbound, i.e. "all")
    # derive: lag_root_days = days(root_date, date)     (runner-side columns, see below)
    # summarise: by=level value=lag_root_days stats=count,min,median,max
    # sort: rank level body_name          (the runner orders the rows; the query has no ORDER BY)
    # hide: rank                          (projected only as a sort key)
    # example: ...

Parameters are *bound*, never pasted into the query text: what a researcher types ("10/ĐM",
"Ban Tuyên giáo Tỉnh ủy Ninh Bình") is first resolved to an IRI by a lookup query (itself run with
bound values), then bound to the variable of the same name through a ``VALUES`` block of
serialised RDF terms added at the start of every ``WHERE`` group that projects it, on the embedded
store as on a remote endpoint (pyoxigraph's ``substitutions`` hid the value from its planner:
body-tasks took 32 ms instead of 2 at 1,000 documents).

Convention: a parameter variable is projected by the top-level SELECT and by every subquery that
uses it, so that it is one variable in one scope; the runner drops parameter columns from the
output (their value is the one given).

Runner-side steps exist because SPARQL 1.1 has no portable day difference (``?d2 - ?d1`` on
xsd:date is an XPath extension that stores implement differently) and no median aggregate.
"""
from __future__ import annotations

import datetime as dt
import re
import statistics
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol

import pyoxigraph as ox

from loaders.paths import QUERIES
from loaders.store import PREFIXES, query_graph

XSD = PREFIXES["xsd"]
# Bound when a typed value names nothing in the graph: an IRI no data uses, so the query returns
# its usual columns and no rows (the same shape as for any other unknown value).
UNRESOLVED = ox.NamedNode("urn:x-directive-kg:unresolved")

EDGES = {  # the values of a parameter of type "edge"
    "implements": PREFIXES["eli"] + "ensures_implementation_of",
    "cites": PREFIXES["eli"] + "cites",
    "based-on": PREFIXES["eli"] + "based_on",
    "copy-of": PREFIXES["dkg"] + "copyOf",
}
PARAM_TYPES = ("document", "body", "edge", "iri", "string", "integer", "date")
DEFAULT_TIMEOUT = 30.0


class QueryError(Exception):
    """Any problem running a query, with a message meant for the researcher."""


class QuerySyntaxError(QueryError):
    def __init__(self, source: str, text: str, line: int, column: int, problem: str):
        lines = text.splitlines()
        if line > len(lines) or (lines and not lines[line - 1].strip()):
            # the parser ran to the end: point after the last written character instead
            line = max((i + 1 for i, t in enumerate(lines[:line]) if t.strip()), default=1)
            column = len(lines[line - 1]) + 1 if lines else 1
        self.source, self.line, self.column, self.problem = source, line, column, problem
        shown = lines[line - 1] if lines else ""
        super().__init__(
            f"{source}:{line}:{column}: malformed SPARQL: {problem}\n"
            f"    {shown}\n    {' ' * max(column - 1, 0)}^"
        )


class QueryTimeout(QueryError):
    pass


class ParameterError(QueryError):
    pass


# --------------------------------------------------------------------------------------------
# Registry


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None   # None: required; "*": optional (left unbound)
    example: str


@dataclass(frozen=True)
class Derive:
    column: str
    function: str          # "days"
    args: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    by: tuple[str, ...]
    value: str
    stats: tuple[str, ...]


@dataclass(frozen=True)
class SavedQuery:
    name: str
    text: str
    source: str = "<query>"
    title: str = ""
    question: str = ""
    params: tuple[Param, ...] = ()
    derives: tuple[Derive, ...] = ()
    summary: Summary | None = None
    examples: tuple[str, ...] = ()
    page_in: str = "query"   # "# page: subquery": --limit/--offset go into its first sorted sub-select
    table: bool = False      # "# table: yes": a listing; the build writes its rows (directive_kg.listings)
    sort: tuple[str, ...] = ()   # "# sort: a b c": the runner orders the rows (see `sort_rows`)
    hide: tuple[str, ...] = ()   # "# hide: a": projected only as a sort key, not shown


_HEADER = re.compile(r"^#\s*(title|question|param|derive|summarise|example|page|table|sort|hide):\s?(.*)$")
PAGE_IN = ("query", "subquery")
_DERIVE = re.compile(r"^(\w+)\s*=\s*(\w+)\(\s*([\w\s,]*)\)$")
STATS: dict[str, Callable[[list], Any]] = {
    "count": len, "min": min, "max": max, "median": statistics.median, "mean": statistics.mean,
}
DERIVE_FUNCTIONS = {"days"}


def parse_query(text: str, name: str = "query", source: str = "<query>") -> SavedQuery:
    """Read the header comments of a query (any query: a file without a header is fine)."""
    fields_: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            fields_.setdefault(m.group(1), []).append(m.group(2).rstrip())
    params, derives = [], []
    for p in fields_.get("param", []):
        parts = p.split(None, 3)
        if len(parts) < 3 or parts[1] not in PARAM_TYPES:
            raise QueryError(f"{source}: bad '# param:' line {p!r}: expected 'name type default example' "
                             f"with type one of {', '.join(PARAM_TYPES)}")
        default = None if parts[2] == "-" else parts[2]
        example = re.split(r"\s{2,}", parts[3])[0] if len(parts) > 3 else ""  # 2+ spaces: a note follows
        params.append(Param(parts[0], parts[1], default, example))
    for d in fields_.get("derive", []):
        m = _DERIVE.match(d.strip())
        if not m or m.group(2) not in DERIVE_FUNCTIONS:
            raise QueryError(f"{source}: bad '# derive:' line {d!r}: expected 'column = days(a, b)'")
        derives.append(Derive(m.group(1), m.group(2), tuple(a.strip() for a in m.group(3).split(","))))
    summary = None
    if fields_.get("summarise"):
        opts = dict(kv.split("=", 1) for kv in fields_["summarise"][0].split())
        stats = tuple(opts.get("stats", "count,min,median,max").split(","))
        if "by" not in opts or "value" not in opts or not set(stats) <= set(STATS):
            raise QueryError(f"{source}: bad '# summarise:' line: expected 'by=col value=col stats={','.join(STATS)}'")
        summary = Summary(tuple(opts["by"].split(",")), opts["value"], stats)
    page_in = (fields_.get("page") or ["query"])[0].strip()
    if page_in not in PAGE_IN:
        raise QueryError(f"{source}: bad '# page:' line {page_in!r}: expected one of {', '.join(PAGE_IN)}")
    table = ((fields_.get("table") or ["no"])[0].split() or [""])[0]  # "yes  (a note)"
    if table not in ("yes", "no"):
        raise QueryError(f"{source}: bad '# table:' line {table!r}: expected yes or no")
    sort, hide = (tuple(re.split(r"\s{2,}", (fields_.get(k) or [""])[0].strip())[0].split()) for k in ("sort", "hide"))
    if sort and query_has_order(text):
        raise QueryError(f"{source}: '# sort:' and an ORDER BY: the runner sorts, so the query must not")
    return SavedQuery(
        name=name, text=text, source=source, page_in=page_in, table=table == "yes", sort=sort, hide=hide,
        title=" ".join(fields_.get("title", [])), question=" ".join(fields_.get("question", [])),
        params=tuple(params), derives=tuple(derives), summary=summary,
        examples=tuple(fields_.get("example", [])),
    )


def list_queries(folder: Path = QUERIES) -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    return [load_query(p) for p in sorted(Path(folder).glob("*.rq"))]


def load_query(name_or_path: str | Path, folder: Path = QUERIES) -> SavedQuery:
    """A saved query by name ("propagation-tree") or any .rq file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = Path(folder) / f"{name_or_path}.rq"
        if not path.exists():
            known = ", ".join(q.stem for q in sorted(Path(folder).glob("*.rq")))
            raise QueryError(f"no saved query named {str(name_or_path)!r}; saved queries: {known}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query: {e}") from None
    return parse_query(text, name=path.stem, source=str(path))


# --------------------------------------------------------------------------------------------
# Backends: something that answers a SELECT with bound variables


Term = ox.NamedNode | ox.BlankNode | ox.Literal
Table = tuple[list[str], list[dict[str, Term | None]]]


class Backend(Protocol):
    def select(self, text: str, bindings: Mapping[str, Term], timeout: float | None, source: str) -> Table:
        ...


def check_syntax(text: str, source: str = "<query>") -> None:
    """Raise QuerySyntaxError with line:column and the offending line for a malformed query."""
    try:
        result = ox.Store().query(text)
    except SyntaxError as e:
        raise _syntax_error(e, text, source) from None
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{source}: only SELECT queries can be run (rows come out of a SELECT)")


def _syntax_error(e: SyntaxError, text: str, source: str) -> QuerySyntaxError:
    msg = str(e)
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", msg, re.S)
    if m:
        return QuerySyntaxError(source, text, int(m.group(1)), int(m.group(2)), m.group(3))
    return QuerySyntaxError(source, text, 1, 1, msg)


def with_deadline(fn: Callable[[], Any], timeout: float | None) -> Any:
    """Run fn in a worker thread; give up waiting after `timeout` seconds (pyoxigraph releases the
    GIL while evaluating, so the caller stays responsive; the worker is a daemon thread and dies
    with the process)."""
    if not timeout:
        return fn()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # handed to the caller below
            box["error"] = e

    worker = threading.Thread(target=work, name="directive-kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


# --------------------------------------------------------------------------------------------
# Binding parameters (every backend)

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_?$][\w.:\-]*")
_VAR = r"[?$]{}(?![\w])"


def _skip_opaque(text: str, i: int) -> int | None:
    """The position after the comment, string or IRI starting at i, or None if none starts there:
    the one lexing rule of both query scanners below."""
    c, n = text[i], len(text)
    if c == "#":
        j = text.find("\n", i)
        return n if j < 0 else j
    if c in "\"'":
        quote = c * 3 if text.startswith(c * 3, i) else c
        j = i + len(quote)
        while j < n and not text.startswith(quote, j):
            j += 2 if text[j] == "\\" else 1
        return j + len(quote)
    if c == "<":
        m = _IRIREF.match(text, i)
        return m.end() if m else None
    return None


def _top_groups(text: str) -> list[tuple[int, str]]:
    """(position just after '{', projection text) for every `WHERE {` of the query and its
    subqueries (tokens from top_tokens: comments, strings and IRIs skipped). The projection is the
    text between the SELECT keyword and WHERE ("" for ASK/CONSTRUCT/DESCRIBE)."""
    out: list[tuple[int, str]] = []
    select_end: int | None = None
    previous: tuple[int, int, str, int] | None = None
    for token in top_tokens(text):
        start, end, word, _ = token
        if word == "SELECT":
            select_end = end
        elif word == "{" and previous is not None and previous[2] == "WHERE":
            out.append((end, text[select_end:previous[0]] if select_end is not None else ""))
            select_end = None
        previous = token
    return out


def bind_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` at the start of the top-level WHERE group
    and of every subquery that projects a bound variable (the same scope rule as pyoxigraph's
    substitutions). Terms are serialised by pyoxigraph (N-Triples syntax, valid in SPARQL): a value
    cannot close the block, comment out the rest, or add a clause."""
    if not bindings:
        return text
    groups = _top_groups(text)
    if not groups:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    inserts = []
    for k, (pos, projection) in enumerate(groups):
        names = [v for v in bindings if k == 0 or "*" in projection or re.search(_VAR.format(re.escape(v)), projection)]
        if names:
            block = (" VALUES (" + " ".join(f"?{v}" for v in names) + ") { ("
                     + " ".join(str(bindings[v]) for v in names) + ") } ")
            inserts.append((pos, block))
    for pos, block in reversed(inserts):
        text = text[:pos] + block + text[pos:]
    return text


def without_comments(text: str) -> str:
    """The query without its comments (a # inside a string or IRI starts none)."""
    out, i, kept = [], 0, 0
    while i < len(text):
        end = _skip_opaque(text, i)
        if end is None:
            i += 1
            continue
        if text[i] == "#":
            out.append(text[kept:i])
            kept = end
        i = end
    return "".join(out) + text[kept:]


def top_tokens(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, word, brace or parenthesis, depth) of each keyword, variable, number, brace and
    parenthesis outside comments, strings and IRIs; depth counts the braces open before the token."""
    out: list[tuple[int, int, str, int]] = []
    i, n, depth = 0, len(text), 0
    while i < n:
        c = text[i]
        skipped = _skip_opaque(text, i)
        if skipped is not None:  # a comment, string or IRI: no keyword or brace inside
            i = skipped
            continue
        if c.isalnum() or c in "_?$":
            m = _WORD.match(text, i) if not c.isdigit() else re.compile(r"\d+").match(text, i)
            out.append((i, m.end(), m.group().upper(), depth))
            i = m.end()
            continue
        if c in "{}()":
            depth += c == "{"
            depth -= c == "}"
            out.append((i, i + 1, c, depth))
        i += 1
    return out


def query_has_order(text: str) -> bool:
    """Whether the query itself (not a sub-select) has an ORDER BY."""
    return any(word == "ORDER" and depth == 0 for _, _, word, depth in top_tokens(text))


_TEXT = (ox.NamedNode(XSD + "string"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"))


def order_key(term: Term | None) -> tuple:
    """SPARQL's ORDER BY order of one value: unbound, blank nodes, IRIs, then literals (numbers by
    value, dates, strings by code point, as Oxigraph and every other store compare them)."""
    if term is None:
        return (0, 0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, term.value)
    if term.datatype in _TEXT:  # most keys: no conversion needed
        return (3, 3, term.value)
    value = to_python(term)
    if isinstance(value, (bool, int, float)):
        return (3, 0, value)
    if isinstance(value, dt.datetime):
        return (3, 1, value.isoformat())
    if isinstance(value, dt.date):
        return (3, 2, value.isoformat())
    return (3, 3, str(value))


def sort_rows(terms: list[dict[str, Term]], keys: tuple[str, ...]) -> list[dict[str, Term]]:
    """A query's rows in the order of its `# sort:` keys (ascending, each as ORDER BY would). Done by
    the runner because a store's ORDER BY on long strings and IRIs decodes both terms at every
    comparison (downstream-tasks at 10,000 documents: its sort was ~100 of ~400 CPU ms; here ~10)."""
    memo: dict = {None: order_key(None)}  # a tree's rows repeat their values: each term's key once

    def key(term: Term | None) -> tuple:
        found = memo.get(term)
        if found is None:
            found = memo[term] = order_key(term)
        return found

    return sorted(terms, key=lambda row: tuple(key(row.get(k)) for k in keys))


def page(text: str, limit: int | None, offset: int = 0, within: str = "query") -> str:
    """The query restricted to rows offset .. offset+limit of its own result: LIMIT/OFFSET after
    its top-level solution modifiers (before a trailing VALUES block), combined with any LIMIT or
    OFFSET it already has. Only whole keywords and integers are written, so no value can change
    what the query asks. Rows are in a stable order only if the query has an ORDER BY.

    within="subquery" (a query's `# page: subquery` line): LIMIT/OFFSET go after the ORDER BY of its
    first sub-select that has one, the sorted keys of the rows; the rest of the query then looks up
    only that page's rows. Right only for a query that gives one row per key, sorted as the keys are
    (tests/test_paging.py checks the saved ones)."""
    if limit is None and not offset:
        return text
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("--limit and --offset must be 0 or more")
    if within == "subquery":
        return _page_subquery(text, limit, offset)
    tokens = top_tokens(text)
    # the WHERE group is the first top-level brace (prologue and projection have none); it ends at
    # the first brace back at depth 0
    first_open = next((k for k, t in enumerate(tokens) if t[2] == "{"), None)
    last_close = next((k for k, t in enumerate(tokens) if t[2] == "}" and t[3] == 0 and k > (first_open or 0)), None)
    if first_open is None or last_close is None:
        raise QueryError("cannot page the query: it has no WHERE clause")
    old: dict[str, int] = {}
    cut: list[tuple[int, int]] = []
    insert_at = len(text)
    tail = tokens[last_close + 1:]
    for k, (start, end, word, depth) in enumerate(tail):
        if depth != 0:
            continue
        if word == "VALUES":  # the trailing VALUES clause comes after the modifiers
            insert_at = start
            break
        if word in ("LIMIT", "OFFSET") and k + 1 < len(tail) and tail[k + 1][2].isdigit():
            old[word] = int(tail[k + 1][2])
            cut.append((start, tail[k + 1][1]))
    start_row = old.get("OFFSET", 0) + offset
    if "LIMIT" in old:
        left = max(0, old["LIMIT"] - offset)
        limit = left if limit is None else min(limit, left)
    clause = f"\nOFFSET {start_row}" if start_row else ""
    clause += f"\nLIMIT {limit}" if limit is not None else ""
    text = text[:insert_at].rstrip() + clause + "\n" + text[insert_at:]
    for start, end in reversed(cut):
        text = text[:start] + text[end:]
    return text


def _page_subquery(text: str, limit: int | None, offset: int) -> str:
    """LIMIT/OFFSET at the end of the first sub-select with an ORDER BY (see `page`)."""
    tokens = top_tokens(text)
    order = next((k for k, t in enumerate(tokens) if t[2] == "ORDER" and t[3] > 0), None)
    if order is None:
        raise QueryError("cannot page the query inside: no sub-select has an ORDER BY")
    depth = tokens[order][3]
    close = next((t for t in tokens[order:] if t[2] == "}" and t[3] == depth - 1), None)
    between = {t[2] for t in tokens[order:] if t[0] < (close[0] if close else len(text)) and t[3] == depth}
    if close is None or between & {"LIMIT", "OFFSET", "{"}:
        raise QueryError("cannot page the query inside: its sorted sub-select already has LIMIT/OFFSET")
    clause = (f" OFFSET {offset}" if offset else "") + (f" LIMIT {limit}" if limit is not None else "")
    return text[:close[0]].rstrip() + clause + "\n" + " " * 2 * (depth - 1) + text[close[0]:]


class EmbeddedBackend:
    """The pyoxigraph store: queries read its merged graph (see loaders.store.query_graph)."""

    def __init__(self, store: ox.Store):
        self.store = store

    def select(self, text: str, bindings: Mapping[str, Term], timeout: float | None, source: str) -> Table:
        # Parameters as a VALUES block, as for a remote endpoint, not as Oxigraph substitutions: the
        # planner sees the bound value (1,000 docs: body-tasks 32 -> 2 ms, evidence 820 -> 340 ms).
        bound = bind_values(text, bindings) if bindings else text

        def run() -> Table:
            try:
                solutions = query_graph(self.store, bound)
            except SyntaxError as e:
                raise _syntax_error(e, text, source) from None
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError(f"{source}: only SELECT queries can be run")
            names = [v.value for v in solutions.variables]
            # a solution iterates its values in the variables' order (None when unbound): 3x cheaper than s[n]
            return names, [dict(zip(names, s)) for s in solutions]

        try:
            return with_deadline(run, timeout)
        except OSError as e:
            raise QueryError(f"{source}: the store could not answer: {e}") from None


# --------------------------------------------------------------------------------------------
# Parameters


_LOOKUP = {
    "document": """PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?s ?label ?value WHERE {
  { ?s eli:id_local ?label } UNION { ?s eli:title ?label }
  FILTER (STR(?label) = ?value)
} ORDER BY ?s""",
    "body": """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?s ?label ?value WHERE {
  { ?s skos:prefLabel ?label } UNION { ?s skos:altLabel ?label } UNION { ?s foaf:name ?label }
  FILTER (STR(?label) = ?value)
} ORDER BY ?s""",
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _as_iri(value: str) -> ox.NamedNode | None:
    """'<http://...>', 'http://...', 'dkgid:doc/...' as an IRI; None if the value is not one."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    prefix, _, local = v.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        v = PREFIXES[prefix] + local
    if not _SCHEME.match(v) or v.split(":", 1)[0].lower() not in ("http", "https", "urn"):
        return None
    try:
        return ox.NamedNode(v)
    except ValueError:
        return None


def _literal(param: Param, value: str) -> Term:
    try:
        if param.type == "integer":
            return ox.Literal(int(value))
        if param.type == "date":
            return ox.Literal(dt.date.fromisoformat(value.strip()))
    except ValueError:
        raise ParameterError(f"{param.name}: {value!r} is not a valid {param.type}") from None
    return ox.Literal(value)


def resolve_params(
    query: SavedQuery, given: Mapping[str, str], backend: Backend, timeout: float | None = None,
) -> tuple[dict[str, Term], list[str]]:
    """Turn typed values into RDF terms. Returns the bindings and notes for the researcher."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise ParameterError(f"{query.name}: unknown parameter {', '.join(unknown)}; parameters: {names}")
    bindings: dict[str, Term] = {}
    notes: list[str] = []
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise ParameterError(f"{query.name}: parameter {p.name} ({p.type}) is required, e.g. "
                                 f"--param {p.name}={p.example or '...'}")
        _check_value(query, p, value)
        if value == "*":
            continue
        value = unicodedata.normalize("NFC", value)
        if p.type in ("document", "body"):
            term, note = _resolve_name(p, value, backend, timeout)
            bindings[p.name] = term
            if note:
                notes.append(note)
        elif p.type == "edge":
            if value not in EDGES:
                raise ParameterError(f"{p.name}: {value!r} is not one of {', '.join(EDGES)}")
            bindings[p.name] = ox.NamedNode(EDGES[value])
        elif p.type == "iri":
            iri = _as_iri(value)
            if iri is None:
                raise ParameterError(f"{p.name}: {value!r} is not an IRI")
            bindings[p.name] = iri
        else:
            bindings[p.name] = _literal(p, value)
    return bindings, notes


def _check_value(query: SavedQuery, p: Param, value: str) -> None:
    """Refuse a value that is not text (a byte that is not UTF-8, a lone surrogate), and "*" (all)
    for a parameter that is not optional."""
    from directive_kg.arguments import invalid_text
    problem = invalid_text(value)
    if problem:
        raise ParameterError(f"{query.name}: the value of {p.name} is not valid text: {problem}")
    if value == "*" and p.default != "*":
        raise ParameterError(f"{query.name}: parameter {p.name} ({p.type}) is required: '*' (every value) is "
                             f"only for optional parameters; give one, e.g. --param {p.name}={p.example or '...'}")


def _resolve_name(p: Param, value: str, backend: Backend, timeout: float | None) -> tuple[Term, str | None]:
    iri = _as_iri(value)
    if iri is not None:
        return iri, None
    candidates = [value.strip()]
    if p.type == "document":  # "2644 - CV/TU" as written in a header
        candidates.append(re.sub(r"\s+", "", value))
    for candidate in dict.fromkeys(candidates):
        _, rows = backend.select(_LOOKUP[p.type], {"value": ox.Literal(candidate)}, timeout, f"<lookup {p.name}>")
        found = list(dict.fromkeys(r["s"].value for r in rows if isinstance(r["s"], ox.NamedNode)))
        if len(found) == 1:
            return ox.NamedNode(found[0]), None
        if len(found) > 1:
            listing = "\n  ".join(found)
            raise ParameterError(f"{p.name}: {value!r} names {len(found)} {p.type}s; pass one IRI:\n  {listing}")
    return _forgiving(p, value, backend, timeout)


def name_catalogue(backend: Backend, timeout: float | None = None) -> tuple:
    """Every name of a document or body in the graph (directive_kg.lookup.Entry)."""
    from directive_kg import lookup

    _, rows = backend.select(lookup.CATALOGUE_QUERY, {}, timeout, "<name catalogue>")
    return lookup.catalogue({k: (v.value if v is not None else None) for k, v in r.items()} for r in rows)


def _forgiving(p: Param, value: str, backend: Backend, timeout: float | None) -> tuple[Term, str | None]:
    """No exact name: fold case, diacritics and Đ/D, try a bare number, then every word (lookup.py);
    one node is taken (with a note), several are listed, none gets "did you mean" candidates."""
    from directive_kg import lookup

    entries = name_catalogue(backend, timeout)
    found = lookup.match(value, entries, p.type)
    shown = {e.iri: e.label for e in entries if e.field in ("number", "name")}
    if len(found.iris) == 1:
        label = shown.get(found.iris[0], found.entries[0].label)
        return ox.NamedNode(found.iris[0]), f"{p.name}: {value!r} read as {label!r} ({found.how} match)"
    if found.iris:
        listing = lookup.describe([e for e in found.entries], shown)
        raise ParameterError(f"{p.name}: {value!r} names {len(found.iris)} {p.type}s; did you mean one of:\n  {listing}")
    near = lookup.suggest(value, entries, p.type)
    hint = f"; did you mean:\n  {lookup.describe(near, shown)}" if near else ""
    return UNRESOLVED, f"{p.name}: nothing in the graph is named {value!r}{hint}"


# --------------------------------------------------------------------------------------------
# Results


def to_python(term: Term | None) -> Any:
    """An RDF term as a plain Python value: IRIs as str, typed literals as int/float/bool/date."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    dtype = term.datatype.value if term.datatype else ""
    lex = term.value
    try:
        if dtype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger",
                     XSD + "positiveInteger", XSD + "short"):
            return int(lex)
        if dtype in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(lex)
        if dtype == XSD + "boolean":
            return lex in ("true", "1")
        if dtype == XSD + "date":
            return dt.date.fromisoformat(lex[:10])
        if dtype == XSD + "dateTime":
            return dt.datetime.fromisoformat(lex.replace("Z", "+00:00"))
    except ValueError:
        return lex  # an ill-typed literal stays as written
    return lex


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    origin: str = "sparql"  # "table": read from the listing table the build wrote

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise QueryError("to_dataframe needs pandas: pip install 'directive-kg[notebook]'") from None
        return pd.DataFrame(self.rows, columns=self.columns)

    def __len__(self) -> int:
        return len(self.rows)


def _days(a: Any, b: Any) -> int | None:
    """Days from a to b (b - a), for dates or datetimes; None when either is missing."""
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return (b - a).days
    return None


def postprocess(query: SavedQuery, columns: list[str], rows: list[dict[str, Any]]) -> tuple[list[str], list[dict]]:
    """Apply the header's `derive` and `summarise` steps."""
    columns = list(columns)
    for d in query.derives:
        for row in rows:
            row[d.column] = _days(*(row.get(a) for a in d.args))
        columns.append(d.column)
    if query.summary:
        s = query.summary
        groups: dict[tuple, list] = {}
        for row in rows:
            values = groups.setdefault(tuple(row.get(b) for b in s.by), [])
            if row.get(s.value) is not None:
                values.append(row[s.value])
        columns = [*s.by, *s.stats]
        rows = [
            {**dict(zip(s.by, key)), **{st: (STATS[st](vals) if vals or st == "count" else None) for st in s.stats}}
            for key, vals in groups.items()
        ]
    return columns, rows


def run(
    query: SavedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    backend: Backend | None = None,
    store: ox.Store | str | Path | None = None,
    endpoint: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a saved query (by name, path, or SavedQuery) with typed parameters.

    Give exactly one of `backend`, `store` (a pyoxigraph Store, a loaders.store.KGStore, or the
    directory of a built store) or `endpoint` (a SPARQL 1.1 query URL; see directive_kg.remote).
    `limit`/`offset`: one page of the rows (see `page`), computed by the store or endpoint."""
    if isinstance(query, str):
        query = load_query(query)
    if isinstance(store, (str, Path)):  # a built store directory: open it for reading, then close
        from loaders.store import StoreError, open_store
        try:
            opened = open_store(store, read_only=True)
        except StoreError as e:
            raise QueryError(str(e)) from None
        with opened:
            return run(query, params, store=opened, timeout=timeout, limit=limit, offset=offset)
    if (limit is not None or offset) and query.summary:
        raise QueryError(f"{query.source}: a summarised query cannot be paged (its rows are computed from all rows)")
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError("--limit and --offset must be 0 or more")
    listed = _from_table(query, params, store, limit, offset) if backend is None and endpoint is None else None
    if listed is not None:
        return listed
    given = backend
    backend = _backend(backend, getattr(store, "store", store), endpoint)
    check_syntax(query.text, query.source)
    # a query the runner sorts is paged after its sort; any other by the store (LIMIT/OFFSET in the text)
    text = query.text if query.sort else page(query.text, limit, offset, query.page_in)
    bindings, notes = resolve_params(query, params or {}, backend, timeout)
    tabled = _from_doc_table(query, store, bindings) if given is None and endpoint is None else None
    columns, terms = tabled or backend.select(text, bindings, timeout, query.source)
    if query.sort:
        terms = sort_rows(terms, query.sort)[offset:None if limit is None else offset + limit]
    columns, rows = shown_rows(query, backend, columns, terms, timeout)
    return QueryResult(columns, rows, notes, origin="doc-table" if tabled else "sparql")


def shown_rows(query: SavedQuery, backend: Backend, columns: list[str], terms: list[dict[str, Term]],
               timeout: float | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """The query's solutions (terms, in their order) as the rows `run` gives: without the parameters'
    and `# hide:` columns, as Python values, document IRIs shown as labels, derived and summarised."""
    # parameters are projected only so that they can be bound; `# hide:` columns only to sort by
    hidden = {p.name for p in query.params} | set(query.hide)
    columns = [c for c in columns if c not in hidden]
    rows = _python_rows(terms, columns)
    _label_documents(backend, columns, terms, rows, timeout)
    return postprocess(query, columns, rows)


def python_values() -> Callable[[Term | None], Any]:
    """to_python with a memo: each distinct term converted once (rows repeat their values)."""
    memo: dict = {}

    def value(term: Term | None) -> Any:
        if term is None:
            return None
        try:
            return memo[term]
        except KeyError:
            found = memo[term] = to_python(term)
            return found

    return value


def _python_rows(terms: list[dict[str, Term | None]], columns: list[str]) -> list[dict[str, Any]]:
    """The rows' terms as Python values (to_python), each distinct term converted once."""
    value = python_values()
    return [{k: value(r.get(k)) for k in columns} for r in terms]


def _from_doc_table(query: SavedQuery, store: Any, bindings: Mapping[str, Term]) -> Table | None:
    """The query's solutions from the per-document table its build wrote (directive_kg.doc_tables) when
    `store` is a built store and the table is current, and the runner sorts the query (`# sort:`): the
    walk from DOC plus each reached document's rows. None: run the SPARQL."""
    folder = getattr(store, "path", None)
    if not query.sort or folder is None or not hasattr(store, "store"):
        return None
    from directive_kg import doc_tables
    if query.name not in doc_tables.SPECS:
        return None
    info = doc_tables.table_info(folder, query, store.store)
    if info is None:
        return None
    return doc_tables.select(folder, info, query, store.store, bindings)


def _from_table(query: SavedQuery, params: Mapping[str, str] | None, store: Any, limit: int | None,
                offset: int) -> QueryResult | None:
    """The rows of a listing from the table its build wrote (directive_kg.listings), when `store` is a
    built store (a KGStore: it has a folder) and the table is current; None: run the SPARQL."""
    folder = getattr(store, "path", None)
    if not query.table or folder is None or not hasattr(store, "store"):
        return None
    from directive_kg import listings
    if not listings.default_params(query, params):
        return None
    info = listings.table_info(folder, query, store.store)
    if info is None:
        return None
    rows = list(listings.read_rows(folder, info, limit, offset))
    return QueryResult(list(info.columns), rows, list(info.notes), origin="table")


DOC_NAMESPACE = PREFIXES["dkgid"] + "doc/"
_LABELS = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
SELECT ?d (MIN(?code) AS ?type) (MIN(STR(?issuer_label)) AS ?issuer) (MIN(STR(?title)) AS ?subject) WHERE {
  VALUES ?d { %s }
  ?d a dkg:Document .
  OPTIONAL { ?d eli:type_document ?t . OPTIONAL { ?t skos:notation ?n } }
  BIND (COALESCE(STR(?n), REPLACE(STR(?t), "^.*/", "")) AS ?code)
  OPTIONAL { ?d eli:passed_by ?b . ?b skos:prefLabel ?issuer_label }
  OPTIONAL { ?d eli:title ?title }
} GROUP BY ?d"""


def document_label(doc_type: str | None, issuer: str | None) -> str:
    """How a document without a number is shown, as in the diagrams: its type, then its issuer."""
    head = f"{doc_type or 'document'} (no number)"
    return f"{head} · {issuer}" if issuer else head


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
        return True
    except ValueError:
        return False


def _label_documents(backend: Backend, columns: list[str], terms: list[dict], rows: list[dict],
                     timeout: float | None) -> None:
    """Text cells that hold a document IRI (a query's COALESCE(number, STR(iri)) for a document without a
    number) become its label, as the diagrams show it; IRI-valued columns stay IRIs."""
    cells = [(row, c) for row, term in zip(rows, terms) for c in columns
             if isinstance(term.get(c), ox.Literal) and str(row.get(c) or "").startswith(DOC_NAMESPACE)]
    wanted = sorted({row[c] for row, c in cells if _valid_iri(row[c])})
    if not wanted:
        return
    labels = {}
    for start in range(0, len(wanted), 500):
        chunk = " ".join(str(ox.NamedNode(i)) for i in wanted[start:start + 500])
        _, found = backend.select(_LABELS % chunk, {}, timeout, "<document labels>")
        for r in found:
            labels[r["d"].value] = document_label(*(r[k].value if r.get(k) is not None else None
                                                    for k in ("type", "issuer")))
    for row, c in cells:
        row[c] = labels.get(row[c], row[c])


def _backend(backend: Backend | None, store: ox.Store | None, endpoint: str | None) -> Backend:
    if sum(x is not None for x in (backend, store, endpoint)) != 1:
        raise QueryError("give exactly one of backend, store or endpoint")
    if backend is not None:
        return backend
    if endpoint is not None:
        from directive_kg.remote import RemoteBackend
        return RemoteBackend(endpoint)
    return EmbeddedBackend(store)


def compact(iri: str) -> str:
    """'https://w3id.org/directive-kg/id/doc/x' -> 'dkgid:doc/x' for display."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


__all__ = [
    "SavedQuery", "Param", "QueryResult", "QueryError", "QuerySyntaxError", "QueryTimeout",
    "ParameterError", "EmbeddedBackend", "Backend", "list_queries", "load_query", "parse_query",
    "run", "resolve_params", "to_python", "check_syntax", "with_deadline", "compact", "page",
]
