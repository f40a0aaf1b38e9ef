"""`directive-kg text FILE... [--ocr auto|always|never]`: the text the parser reads, exactly (decoded,
NFC, and for scans the OCR'd text that evidence spans point into), with how it was read on stderr."""
from __future__ import annotations

import argparse
import sys

from directive_kg.cmd_extract import add_ocr_options, ocr_cache


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "text", help="show the text the parser reads from a file (OCR'd for scans and images)",
        description="Print the canonical text of each FILE: the text that extraction reads and that evidence "
                    "offsets index. Scanned PDFs and page images are read by OCR (cached). How each file was "
                    "read (format, encoding, OCR engine and confidence, warnings) goes to stderr.")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_ocr_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from loaders.read import SetAside, read_document
    from loaders.text import SourceText

    failed = 0
    for path in args.files:
        doc = read_document(path, ocr=args.ocr, ocr_cache=ocr_cache(args))
        if isinstance(doc, SetAside):
            print(f"error: {path}: {doc.reason}", file=sys.stderr)
            failed += 1
            continue
        how = f"{doc.format}" + (f", {doc.encoding}" if doc.encoding else "")
        print(f"== {path} ({how}, sha256 {doc.sha256[:12]})", file=sys.stderr)
        for w in doc.warnings:
            print(f"   {w}", file=sys.stderr)
        sys.stdout.write(SourceText.from_text(doc.text).canonical)
        sys.stdout.write("\n")
        sys.stdout.flush()
    return 1 if failed else 0
