"""`directive-kg find TEXT [--kind document|body] [--format table|csv|tsv|json] [--store PATH]
[--endpoint URL]`: the documents and bodies whose number or name matches TEXT, with their identifiers
(case, diacritics and Đ/D do not matter; a bare number finds the documents with that number)."""
from __future__ import annotations

import argparse
import os
import sys

from directive_kg.cmd_query import FORMATS, render
from directive_kg.queries import DEFAULT_TIMEOUT, EmbeddedBackend, QueryError, QueryResult, name_catalogue

_KIND_OF_FIELD = {"person": "person"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("find", help="find documents and bodies by number or name (forgiving: case, diacritics, Đ/D)",
                       description="List the documents and bodies whose number or name matches TEXT, with the "
                                   "identifier (IRI) other commands accept. Case, diacritics and Đ/D are ignored; "
                                   "a bare number (2644) finds the documents with that number; several words match "
                                   "names containing all of them (\"ban tuyen giao ninh binh\").")
    p.add_argument("text", metavar="TEXT", help='a number ("10/DM", "2644") or a name ("ban tuyen giao ninh binh")')
    p.add_argument("--kind", choices=("document", "body"), help="only documents or only bodies (default: both)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N rows (default 50)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--store", help="built store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--endpoint", default=os.environ.get("DIRECTIVE_KG_ENDPOINT"), help="SPARQL 1.1 query URL")
    p.set_defaults(func=main)


def find(text: str, backend, kind: str | None = None, limit: int = 50) -> QueryResult:
    """The matches as a QueryResult: kind, name, matched (the name that matched, when another), how, iri."""
    from directive_kg import lookup

    entries = name_catalogue(backend, DEFAULT_TIMEOUT)
    names = {}
    for e in entries:  # the name a node is shown by: its number, else its preferred name
        if e.field in ("number", "name", "person") or e.iri not in names:
            if e.iri not in names or e.field in ("number", "name"):
                names[e.iri] = e.label
    rows = []
    for e, how in lookup.search(text, entries, kind, limit):
        shown = names.get(e.iri, e.label)
        kind_shown = "group" if "/group/" in e.iri else _KIND_OF_FIELD.get(e.field, e.kind)
        rows.append({"kind": kind_shown, "name": shown,
                     "matched": e.label if e.label != shown else None, "how": how, "iri": e.iri})
    return QueryResult(["kind", "name", "matched", "how", "iri"], rows)


def main(args: argparse.Namespace) -> int:
    try:
        if args.endpoint:
            from directive_kg.remote import RemoteBackend
            result = find(args.text, RemoteBackend(args.endpoint), args.kind, args.limit)
        else:
            from loaders.store import StoreError, default_store_path, open_store
            try:
                with open_store(args.store or default_store_path(), read_only=True) as kg:
                    result = find(args.text, EmbeddedBackend(kg.store), args.kind, args.limit)
            except StoreError as e:
                raise QueryError(str(e)) from None
    except QueryError as e:
        print(f"directive-kg find: {e}", file=sys.stderr)
        return 1
    if not result.rows:
        print(f"note: nothing in the graph is numbered or named like {args.text!r}", file=sys.stderr)
    elif all(r["how"] == "similar" for r in result.rows):
        print(f"note: nothing matches {args.text!r}; the nearest names:", file=sys.stderr)
    sys.stdout.write(render(result, args.format))
    return 0
