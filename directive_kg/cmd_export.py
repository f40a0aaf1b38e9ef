"""`directive-kg export --out DIR [--format csv|parquet|jsonld|turtle|trig] [--excel-bom] [--store PATH]`:
tidy tables of the graph (documents, links, tasks, bodies) as CSV or Parquet, or the graph itself as
JSON-LD, Turtle or TriG (the same writer as `build --export`). `--web-annotation`: the evidence in the
standard W3C Web Annotation form (directive_kg.web_annotation), as Turtle or (--format jsonld) JSON-LD."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

TABLE_FORMATS = ("csv", "parquet")
GRAPH_FORMATS = {"jsonld": "graph.jsonld", "turtle": "graph.ttl", "trig": "graph.trig"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="write tidy tables (documents, links, tasks, bodies) as CSV/Parquet, or the graph as JSON-LD/Turtle/TriG",
        description="Tables for pandas, R and Excel: documents.csv (one row per document), links.csv (citing, "
                    "cited, relation, explicit, resolution method, confidence, lag in days), tasks.csv (document, "
                    "lead or cooperating body, reports to, task text) and bodies.csv; dates as YYYY-MM-DD. "
                    "Or the graph: --format jsonld|trig (one named graph per file) or turtle (the merged graph).")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    p.add_argument("--format", choices=TABLE_FORMATS + tuple(GRAPH_FORMATS), default="csv")
    p.add_argument("--web-annotation", action="store_true",
                   help="write the evidence in the W3C Web Annotation form (oa:Annotation, target, quote and "
                        "position selectors; ontology/web-annotation.rq) as web-annotation.ttl, or .jsonld "
                        "with --format jsonld")
    p.add_argument("--excel-bom", action="store_true", help="CSV with a UTF-8 byte-order mark, so that Excel reads the diacritics")
    p.add_argument("--store", metavar="PATH", help="store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from directive_kg import tables
    from directive_kg.queries import EmbeddedBackend, QueryError
    from loaders.store import StoreError, export, open_store

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with open_store(args.store, read_only=True) as kg:
            if args.web_annotation:
                from directive_kg import web_annotation
                written = [web_annotation.write(kg, out, "jsonld" if args.format == "jsonld" else "turtle")]
            elif args.format in GRAPH_FORMATS:
                target = out / GRAPH_FORMATS[args.format]
                export(kg.store, target)
                written = [target]
            else:
                frames = tables.dataframes(EmbeddedBackend(kg.store))
                written = (tables.write_parquet(frames, out) if args.format == "parquet"
                           else tables.write_csv(frames, out, excel_bom=args.excel_bom))
    except (StoreError, QueryError) as e:
        print(f"directive-kg export: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"directive-kg export: cannot write into {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0
