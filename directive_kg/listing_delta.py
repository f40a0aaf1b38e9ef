"""The listing tables of an add (issue 15): each listing's rows belong to a document (its key), so a
build that changes some files computes again only the rows of the documents a changed triple reaches
and merges them, in the listing's ORDER BY order, with the other lines of the last build's file.

A listing is keyed when its outer SELECT projects its document parameter (``# param: doc document``)
or ?document_iri, and sorted when its ORDER BY names projected variables only (ASC or DESC). Next to
its table such a listing has::

    PATH/tables/NAME.keys   one JSON line per row of NAME.jsonl: [key IRI, [ORDER BY keys]], each
                            key as queries.order_key gives it (the row's terms before the runner shows
                            them: a document label does not sort as the IRI the store sorted)

The rows a document has are decided by the triples its pattern reaches from the key (the listing's
WHERE with the key as ?this, and what the runner reads to label a document named by STR(?x): its
type, issuer and title), so the keys to compute again are what table_delta.reached finds from the
add's changed triples (the validation's Delta), those typed dkg:Document among them (_documents). A
listing that is not keyed or sorted, not bounded, or whose walk reaches more than REACH times its rows
is written whole, as the last build left no keys for it. Every file equals what a whole build writes
(tests/test_table_delta.py).

The walks start from the lines that entered or left the merged graph (the validation's Delta,
loaders.validate._Keeper._merged: an added file's lines about a document it cites, which that
document's own file says too, are not among them). At 10,000 + 1,000 that cut channel-crossings'
walk from 7,780 documents reached to 1,695, and it is updated in place (its bound query 0.07 CPU s
against 0.64 whole since the relations are a FILTER, not a VALUES block). Written whole: a listing whose walk would cost more than writing it whole
(table_delta.walk_budget; implicit-citations, whose 41,802 changed ends at 10,000 + 1,000 are mostly text
reuse passages, is walked since its walk follows the pattern's edges: a passage asked its dkg:evidence only,
42,038 look-ups, 0.9 CPU s, against 682,516 and 2.3 along all its predicates; in place 0.45 against 1.6
whole), and hidden-links, not keyed: its rows are pairs,
and its query bound by VALUES to 2,000 documents costs more than whole (30,000 documents: 10.6
against 8.4 CPU s; whole, computed in Python since session 20, 2.7-3.0: directive_kg.hidden_links). reporting-lines is updated since reach splits a UNION into its branches."""
from __future__ import annotations

import bisect
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from directive_kg.table_delta import Cost

log = logging.getLogger(__name__)
SUFFIX = ".keys"
# a change reaching more nodes than this times the table's rows writes it whole: its bound query then
# costs more than the whole one (10,000 + 1,000 documents less the 1,000: reporting-lines reached 39,152
# nodes for 10,806 rows, 19.5 CPU s against 1.3 whole; implicit-citations 56,975 for 3,321, 3.3 against 1.8)
REACH = 0.5

# what the runner reads to show a document IRI a cell holds as its label (queries._LABELS), per ?x
_LABEL_READS = """OPTIONAL {{ ?{x} a <https://w3id.org/directive-kg/ontology#Document> }}
OPTIONAL {{ ?{x} <http://data.europa.eu/eli/ontology#type_document> ?{x}_lt .
           ?{x}_lt <http://www.w3.org/2004/02/skos/core#notation> ?{x}_ln }}
OPTIONAL {{ ?{x} <http://data.europa.eu/eli/ontology#passed_by> ?{x}_lb .
           ?{x}_lb <http://www.w3.org/2004/02/skos/core#prefLabel> ?{x}_ll }}
OPTIONAL {{ ?{x} <http://data.europa.eu/eli/ontology#title> ?{x}_ltt }}
"""


@dataclass(frozen=True)
class Keyed:
    """A listing whose rows are keyed and sorted: `rows` its pattern with the key as ?document_iri
    and the label reads (for table_delta: reach_of, predicates), `order` its ORDER BY (variable,
    descending)."""
    query: str
    key: str
    order: tuple[tuple[str, bool], ...]
    rows: str
    reads: None = None


def _order(text: str, tokens: list) -> tuple[tuple[str, bool], ...] | None:
    """The outer ORDER BY's (variable, descending) pairs; None when it sorts by anything else or is
    followed by anything (`tokens`: queries.top_tokens of `text`)."""
    at = [k for k, t in enumerate(tokens) if t[2] == "ORDER" and t[3] == 0]
    rest = tokens[at[-1] + 1:] if at else []
    if not rest or rest[0][2] != "BY":
        return None
    words = [t[2] if t[2] in ("ASC", "DESC", "(", ")") else text[t[0]:t[1]] for t in rest[1:]]
    out, k = [], 0
    while k < len(words):
        if words[k].startswith("?"):
            out.append((words[k][1:], False))
            k += 1
        elif (words[k] in ("ASC", "DESC") and len(words) > k + 3 and words[k + 1] == "("
              and words[k + 2].startswith("?") and words[k + 3] == ")"):
            out.append((words[k + 2][1:], words[k] == "DESC"))
            k += 4
        else:
            return None
    return tuple(out) or None


def _labelled(text: str, tokens: list) -> list[str]:
    """The variables of the STR(?x) calls (a document IRI the runner shows as its label)."""
    words = [text[t[0]:t[1]] if t[2].startswith("?") else t[2] for t in tokens]
    return sorted({words[k + 2][1:] for k in range(len(words) - 3)
                   if words[k] == "STR" and words[k + 1] == "(" and words[k + 2].startswith("?") and words[k + 3] == ")"})


def keyed(query) -> Keyed | None:
    """How `query` (a listing) is updated in place, None when it is written whole."""
    from directive_kg.doc_tables import projection
    from directive_kg.queries import top_tokens, without_comments

    text = without_comments(query.text)  # a comment naming GRAPH or NOW would make reach_of unbounded
    tokens = top_tokens(text)
    projected = projection(text)
    keys = [p.name for p in query.params if p.type == "document"] or ["document_iri"]
    order = _order(text, tokens)
    if len(keys) != 1 or keys[0] not in projected or not order or any(v not in projected for v, _ in order):
        return None
    key = keys[0]
    # the label reads of every STR(?x), inside the outer group's closing brace
    end = max(t[0] for t in tokens if t[2] == "}" and t[3] == 0)
    rows = text[:end] + "".join(_LABEL_READS.format(x=x) for x in _labelled(text, tokens)) + text[end:]
    if key != "document_iri":
        rows = re.sub(r"\?document_iri\b", "?key_document_iri", rows)
        rows = re.sub(r"\?" + re.escape(key) + r"\b", "?document_iri", rows)
    return Keyed(query.name, key, order, rows)


class _Sorted:
    """A row's ORDER BY keys, compared as the store orders them (each key ascending or descending)."""
    __slots__ = ("cells", "desc")

    def __init__(self, cells: list, desc: tuple[bool, ...]):
        self.cells, self.desc = cells, desc

    def __lt__(self, other: "_Sorted") -> bool:
        for a, b, d in zip(self.cells, other.cells, self.desc):
            if a != b:
                return a > b if d else a < b
        return False


def _keys_lines(spec: Keyed, terms: list[dict]) -> list[bytes] | None:
    """The .keys line of each solution (newline included); None when a row has no key IRI."""
    from directive_kg.queries import order_key

    memo: dict = {}
    out = []
    for row in terms:
        key = row.get(spec.key)
        if not isinstance(key, ox.NamedNode):
            return None
        cells = []
        for v, _desc in spec.order:
            term = row.get(v)
            found = memo.get(term)
            if found is None:
                found = memo[term] = list(order_key(term))
            cells.append(found)
        out.append(json.dumps([key.value, cells], ensure_ascii=False).encode("utf-8") + b"\n")
    return out


def _paths(folder: Path, name: str) -> tuple[Path, Path]:
    return folder / f"{name}.jsonl", folder / f"{name}{SUFFIX}"


def _solutions(store: ox.Store, query, text: str) -> tuple[list[str], list[dict], list[str]]:
    from directive_kg.queries import EmbeddedBackend, resolve_params

    backend = EmbeddedBackend(store)
    bindings, notes = resolve_params(query, {}, backend, None)
    columns, terms = backend.select(text, bindings, None, query.source)
    return columns, terms, notes


def write_keyed(store: ox.Store, folder: Path, query, spec: Keyed, stamp: str, plan: tuple | None = None):
    """The listing's table and its keys: whole, or (`plan`: the last build's metadata and the IRIs
    reached) updated from the last files; listings.TableInfo. None when the update cannot be made
    (the last files do not fit): then write it whole."""
    from directive_kg.doc_tables import bound
    from directive_kg.listings import line_cpu, write_lines, write_table
    from directive_kg.queries import EmbeddedBackend, QueryResult, shown_rows

    start = time.thread_time()
    if plan is not None:
        last, reached = plan
        old = _old_rows(folder, query.name, int(last["rows"]))
        if old is None:
            return None
        # rows dropped: those of every key reached (a removed document is typed no more); computed
        # again: those of the documents among them
        documents = _documents(store, reached)
        text = bound(query.text, spec.key, sorted(documents)) if documents else None
    else:
        text = query.text
    if text is None:  # no document reached: every line kept but those of the keys reached
        shown, terms, rows, notes = list(last["columns"]), [], [], list(last["notes"])
    else:
        columns, terms, notes = _solutions(store, query, text)
        shown, rows = shown_rows(query, EmbeddedBackend(store), columns, terms)
    keys = _keys_lines(spec, terms)
    del terms  # not read again: freed before the lines are made
    if keys is None and plan is not None:
        return None
    if plan is None:
        lines, cpu_line = None, line_cpu(start, len(rows))
    else:
        cpu_line = Cost.of(last).line  # an update keeps what the last whole write cost
        if shown != list(last["columns"]):
            return None
        desc = tuple(d for _v, d in spec.order)
        kept = [k for k, key_line in enumerate(old[1]) if _key_iri(key_line) not in reached]
        new = sorted(((line, k, _Sorted(json.loads(k)[1], desc)) for line, k in zip(_table_lines(shown, rows), keys)),
                     key=lambda entry: entry[2])
        lines, keys = _merged(old, kept, new, desc)
        log.info("listing table %s: %d of %d rows computed again (%d nodes reached)", query.name, len(new),
                 len(lines), len(reached))
    if keys is None:  # a row without a key: the table has no keys (the next add writes it whole)
        unkeyed_old(folder, query.name)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        write_lines(_paths(folder, query.name)[1], keys)
    return write_table(folder, query, QueryResult(shown, rows, notes), stamp, lines, cpu_line)


def _table_lines(columns: list[str], rows: list[dict]) -> list[bytes]:
    from directive_kg.listings import line

    return [line(columns, row) for row in rows]


def _lines_of(path: Path) -> list[bytes]:
    """A file's lines, newline included (a JSON line holds no other line break: json escapes them)."""
    return [one + b"\n" for one in path.read_bytes().split(b"\n")[:-1]]


def _old_rows(folder: Path, name: str, count: int) -> tuple[list[bytes], list[bytes]] | None:
    """The last build's lines and their keys lines (not decoded: _key_iri, _merged); None when they
    do not fit."""
    data, keys = _paths(folder, name)
    try:
        lines, key_lines = _lines_of(data), _lines_of(keys)
    except OSError:
        return None
    if len(lines) != count or len(key_lines) != count:
        return None
    return lines, key_lines


def _key_iri(key_line: bytes) -> str:
    """The key IRI of a .keys line, read without decoding the line: json.dumps writes the IRI as it
    is between its first quotes (an IRI holds no quote, backslash or control character)."""
    if key_line.startswith(b'["'):
        return key_line[2:key_line.index(b'"', 2)].decode("utf-8")
    return json.loads(key_line)[0]


def _merged(old: tuple[list[bytes], list[bytes]], kept: list[int], new: list[tuple], desc: tuple[bool, ...]
            ) -> tuple[list[bytes], list[bytes]]:
    """The lines and keys lines of the old rows `kept` (indexes, in their order) and the `new` ones
    (line, keys line, _Sorted; sorted), each new row after the kept ones it does not sort before (as
    heapq.merge of the two, kept first on ties). Only the kept rows a binary search compares are
    decoded: an add of 1,000 rows to a table of 100,000 reads ~17,000 keys lines, not all of them."""
    lines, key_lines = old
    decoded: dict[int, _Sorted] = {}

    def sorted_at(k: int) -> _Sorted:
        found = decoded.get(k)
        if found is None:
            found = decoded[k] = _Sorted(json.loads(key_lines[k])[1], desc)
        return found

    out_lines, out_keys, at = [], [], 0
    for line, key_line, order in new:
        end = bisect.bisect_right(kept, order, at, key=sorted_at)
        out_lines += [lines[k] for k in kept[at:end]]
        out_keys += [key_lines[k] for k in kept[at:end]]
        out_lines.append(line)
        out_keys.append(key_line)
        at = end
    out_lines += [lines[k] for k in kept[at:]]
    out_keys += [key_lines[k] for k in kept[at:]]
    return out_lines, out_keys


def plan(store: ox.Store, change, query, spec: Keyed | None, table_format: int) -> tuple[Mapping, set[str]] | None:
    """write_keyed's plan (the last build's metadata, the IRIs reached) when the listing can be
    updated, None when it is written whole. Not thread-safe (table_delta.reached)."""
    from directive_kg.listings import digest
    from directive_kg.table_delta import reached, walk_budget

    last = None if change is None or spec is None else change.last.get(f"{query.name}.json")
    if last is None or last.get("format") != table_format or last.get("digest") != digest(query.text):
        return None
    rows = int(last["rows"])
    found = reached(store, change, spec.rows, None, int(REACH * rows), budget=walk_budget(last, rows))
    if found is None:
        log.info("listing table %s: written whole (unbounded, the change reaches too many nodes, or the walk "
                 "would cost more than the whole write)", query.name)
        return None
    return last, found


def _documents(store: ox.Store, nodes: set[str]) -> set[str]:
    """The nodes that may key a row: a key is a document (a `document` parameter or ?document_iri), and
    every document node is typed dkg:Document (loaders.to_rdf._describe_document). The other nodes
    bound by VALUES cost the rows' query more than the documents (reporting-lines at 10,000 plus
    1,000: 8,231 nodes reached, 1,152 documents; 3.3 -> 0.6 CPU s). One look-up a node: a VALUES
    join would read every typed node of the store."""
    from loaders.store import DKG, RDF_TYPE

    a, document = ox.NamedNode(RDF_TYPE), ox.NamedNode(DKG + "Document")
    return {n for n in nodes if next(iter(store.quads_for_pattern(ox.NamedNode(n), a, document)), None) is not None}


def specs() -> list[Keyed]:
    """The keyed listings: what the tables of an add read (the predicates the validation's Delta keeps)."""
    from directive_kg.queries import list_queries

    return [s for s in (keyed(q) for q in list_queries() if q.table) if s is not None]


def unkeyed_old(folder: Path, name: str) -> None:
    """Remove a listing's keys (a listing written without them must not be updated from old keys)."""
    _paths(folder, name)[1].unlink(missing_ok=True)
