"""`directive-kg extract FILE... --format jsonl|json|table`: one record per document."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is imported when `extract` runs, not for every command's --help
    from loaders.records import DocumentRecord


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="extract the record of each document (header, citations, tasks, signer)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    add_ocr_options(p)
    p.set_defaults(func=run)


def add_ocr_options(p) -> None:
    """--ocr and --ocr-cache, shared by `extract` and `text`."""
    p.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="read scanned PDFs and page images by OCR: auto (pages without a text layer, and "
                        "images; default), always (every PDF page), never")
    p.add_argument("--ocr-cache", metavar="DIR", default=None,
                   help="OCR cache folder (default: $DIRECTIVE_KG_OCR_CACHE or ~/.cache/directive-kg/ocr); "
                        "'none': no cache")


def ocr_cache(args: argparse.Namespace):
    from loaders.ocr import user_cache

    if args.ocr_cache == "none":
        return None
    return args.ocr_cache or user_cache()


def as_json(record: DocumentRecord) -> dict:
    data = record.to_json()
    data["source"] = record.source
    return data


def run(args: argparse.Namespace) -> int:
    from loaders.extract import ExtractError, extract_file

    records, failed = [], 0
    for path in args.files:
        try:
            record = extract_file(path, ocr=args.ocr, ocr_cache=ocr_cache(args))
        except ExtractError as e:
            print(f"error: {e.path}: {e.reason}", file=sys.stderr)
            failed += 1
            continue
        except Exception as e:  # never let one file stop the batch
            print(f"error: {path}: {type(e).__name__}: {e}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "jsonl":
            print(json.dumps(as_json(record), ensure_ascii=False), flush=True)
        records.append(record)
    if args.format == "json":
        print(json.dumps([as_json(r) for r in records], ensure_ascii=False, indent=1))
    elif args.format == "table":
        print(table(records))
    return 1 if failed else 0


def table(records: list[DocumentRecord]) -> str:
    head = ("file", "type", "number", "date", "issuer", "#cit", "#tasks", "signer")
    rows = [head] + [
        (r.source, r.doc_type or "-", r.number or "-", r.date or "-", r.issuer or "-",
         str(len(r.cited_documents)), str(len(r.assignments)), (r.signer.name if r.signer and r.signer.name else "-"))
        for r in records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)
