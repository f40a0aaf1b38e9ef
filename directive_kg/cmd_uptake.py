"""`directive-kg uptake DOC [DOC ...] [--out uptake.png] [--format png|svg|pdf|csv] [--table curve|lags]
[--store PATH] [--endpoint URL]`: how fast provinces and districts took up central directives."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

IMAGE_FORMATS = ("png", "svg", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "uptake", help="uptake of a central directive: share of provinces and districts reached by day N, lag per province",
        description="For one or more directives: the share of provinces (of 63) and of districts (of 696, the 2020 "
                    "units) that issued a document implementing it, directly or through another, by day N after it "
                    "(one line per directive and level), and the lag per province. --format csv prints the curve's "
                    "points (or, with --table lags, the lag per province) instead of drawing.")
    p.add_argument("docs", nargs="+", metavar="DOC", help='the directive(s): "10/ĐM", "10/DM", an IRI ...')
    p.add_argument("--out", metavar="FILE", help="figure file (default uptake.png) or CSV file (default: standard output)")
    p.add_argument("--format", choices=IMAGE_FORMATS + ("csv",), help="default: from --out, else png")
    p.add_argument("--table", choices=("curve", "lags"), default="curve", help="which table --format csv writes")
    p.add_argument("--days", type=int, metavar="N", help="curve up to day N (default: the last first-document day)")
    p.add_argument("--store", metavar="PATH", help="store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--endpoint", default=os.environ.get("DIRECTIVE_KG_ENDPOINT"), help="SPARQL 1.1 query URL")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from directive_kg import uptake as U
    from directive_kg.cmd_query import render
    from directive_kg.queries import QueryError, QueryResult

    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() if args.out else "png")
    if fmt not in IMAGE_FORMATS + ("csv",):
        print(f"directive-kg uptake: cannot tell the format of {args.out}; use --format", file=sys.stderr)
        return 2
    where = {"endpoint": args.endpoint} if args.endpoint else {"store": args.store or _default_store()}
    try:
        found = [U.uptake(doc, **where) for doc in args.docs]
    except QueryError as e:
        print(f"directive-kg uptake: {e}", file=sys.stderr)
        return 1
    for u in found:
        if not u.firsts:
            print(f"note: no province or district document implements {u.directive} in the graph", file=sys.stderr)
    if fmt == "csv":
        if args.table == "lags":
            result = QueryResult(U.LAG_COLUMNS, [r for u in found for r in U.lag_table(u)])
        else:
            result = QueryResult(U.CURVE_COLUMNS, [p for u in found for p in U.curve(u, args.days)])
        text = render(result, "csv")
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"wrote {args.out}")
        else:
            sys.stdout.write(text)
        return 0
    import matplotlib

    matplotlib.use("Agg")
    out = Path(args.out or f"uptake.{fmt}")
    if out.suffix.lower() != f".{fmt}":
        out = out.with_name(out.name + f".{fmt}")
    try:
        U.draw(found, out)
    except OSError as e:
        print(f"directive-kg uptake: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def _default_store() -> str:
    from loaders.store import default_store_path
    return str(default_store_path())
