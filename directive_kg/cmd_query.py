"""`directive-kg query NAME [--param key=value ...] [--format table|csv|tsv|json] [--file my.rq]
[--store PATH] [--endpoint URL [--store-type T]] [--timeout S] [--wait S] [--limit N] [--offset M]`: run a saved query or a
researcher's own file on the embedded store or on a SPARQL 1.1 endpoint."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from directive_kg.arguments import add_store_type, count, param_pair, seconds
from directive_kg.queries import (DEFAULT_TIMEOUT, QueryError, QueryResult, SavedQuery, compact, load_query,
                                parse_query, run)

FORMATS = ("table", "csv", "tsv", "json")
MAX_ROWS = 10**12  # --limit/--offset: any page a store can hold
MAX_CELL = 80  # table cells longer than this are cut with "…" (csv/tsv/json keep everything)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a saved SPARQL query (or --file my.rq)",
                       description="Run a saved query by name (see `directive-kg queries`) or a query file.")
    p.add_argument("name", nargs="?", help="saved query name, e.g. propagation-tree")
    p.add_argument("--file", metavar="PATH", help="run this query file instead of a saved query")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", type=param_pair,
                   help='a parameter: a number ("10/ĐM"), a name, or an IRI; repeatable')
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--store", help="built store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--endpoint", default=os.environ.get("DIRECTIVE_KG_ENDPOINT"),
                   help="SPARQL 1.1 query URL (default: $DIRECTIVE_KG_ENDPOINT); queries read the endpoint's "
                        "default graph, which `directive-kg upload` fills with the merged graph")
    add_store_type(p)
    p.add_argument("--timeout", type=seconds(zero="no limit"), default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"give up after S seconds (default {DEFAULT_TIMEOUT:g}; 0 = no limit)")
    p.add_argument("--wait", type=seconds(zero="stop at once"), default=0.0, metavar="SECONDS",
                   help="when a build holds the store, wait up to SECONDS for it (default: stop at once)")
    p.add_argument("--limit", type=count(0, MAX_ROWS), default=None, metavar="N",
                   help="only N rows (a page of a long listing; the store or endpoint computes only those)")
    p.add_argument("--offset", type=count(0, MAX_ROWS), default=0, metavar="M", help="skip the first M rows (with --limit: page)")
    p.set_defaults(func=main)




def main(args: argparse.Namespace) -> int:
    if bool(args.name) == bool(args.file):
        print("directive-kg query: give a saved query NAME or --file my.rq (not both)", file=sys.stderr)
        return 2
    try:
        params = _params(args.param)
        query = _query_file(args.file) if args.file else load_query(args.name)
        paging = {"limit": args.limit, "offset": args.offset}
        if args.endpoint:
            result = run(query, params, backend=_remote(args), timeout=args.timeout or None, **paging)
        else:
            result = _run_embedded(query, params, args, **paging)
    except QueryError as e:
        print(f"directive-kg query: {e}", file=sys.stderr)
        return 1
    if args.endpoint and not result.rows:
        result.notes.append(_empty_note(args))
    for note in filter(None, result.notes):
        print(f"note: {note}", file=sys.stderr)
    for chunk in render_lines(result, args.format):  # row by row: a long listing starts at once
        sys.stdout.write(chunk)
    return 0


def _remote(args: argparse.Namespace):
    """The endpoint's backend, of --store-type (else $DIRECTIVE_KG_STORE_TYPE, else detected)."""
    from directive_kg.remote import Endpoint, RemoteBackend
    return RemoteBackend(Endpoint.from_url(args.endpoint, store_type=args.store_type))


def _empty_note(args: argparse.Namespace) -> str | None:
    """Why an endpoint may answer nothing: its default graph (the merged graph) holds no documents."""
    from directive_kg.remote import check_default_graph
    try:
        return check_default_graph(_remote(args)).problem
    except QueryError:
        return None


def _params(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return dict(pairs)  # checked by arguments.param_pair


def _query_file(path: str) -> SavedQuery:
    """--file is a path, whatever its name (a saved query is given by NAME)."""
    file = Path(path)
    if not file.is_file():
        raise QueryError(f"--file {path}: no such file" if not file.exists() else f"--file {path}: not a file")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query: {e}") from None
    return parse_query(text, name=file.stem, source=path)


def _run_embedded(query: SavedQuery, params: dict[str, str], args: argparse.Namespace, **paging) -> QueryResult:
    """Open the store (waiting up to --wait seconds for a build that holds it), then run."""
    from loaders.store import StoreError, default_store_path, open_store
    try:
        opened = open_store(args.store or default_store_path(), read_only=True, wait=args.wait)
    except StoreError as e:
        raise QueryError(str(e)) from None
    with opened:
        # the KGStore, not its pyoxigraph store: a listing then reads the table its build wrote
        return run(query, params, store=opened, timeout=args.timeout or None, **paging)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _width(s: str) -> int:
    """Display width: combining marks take no column (Vietnamese text may arrive decomposed)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(value: Any) -> str:
    s = " ".join(_text(value).split())
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        s = compact(s)
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"


def render(result: QueryResult, fmt: str) -> str:
    """The result as text in one of FORMATS."""
    return "".join(render_lines(result, fmt))


def render_lines(result: QueryResult, fmt: str) -> Iterator[str]:
    """The text of `render`, a row at a time for csv, tsv and json (a table needs every row's width)."""
    cols = result.columns
    if fmt == "json":
        if not result.rows:
            yield "[]\n"
            return
        for k, r in enumerate(result.rows):
            row = {c: (_text(r.get(c)) if isinstance(r.get(c), (dt.date, dt.datetime)) else r.get(c)) for c in cols}
            item = textwrap.indent(json.dumps(row, ensure_ascii=False, indent=2), "  ")
            yield ("[\n" if k == 0 else ",\n") + item
        yield "\n]\n"
        return
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(cols)
        for r in result.rows:
            writer.writerow([_text(r.get(c)).replace("\t", " ") if fmt == "tsv" else _text(r.get(c)) for c in cols])
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()
        return
    table = [cols] + [[_cell(r.get(c)) for c in cols] for r in result.rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(cols))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    yield "\n".join(lines) + "\n"
