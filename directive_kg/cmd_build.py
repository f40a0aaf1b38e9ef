"""`directive-kg build [CORPUS_DIR] [--store PATH] [--export FILE] [--engine fast|pyshacl] [--wait S] [--jobs N]`:
read every document of the folder, build the graph into the embedded store, validate it, report."""
from __future__ import annotations

import argparse
import sys

from directive_kg.arguments import count, max_jobs, seconds
from loaders.paths import DOCUMENTS


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build", help="build the graph of a folder of documents into the embedded store, validated with SHACL",
        description="Read every document of CORPUS_DIR, extract, resolve and map it, load the store (only what "
                    "changed), validate with SHACL, and write validation.{ttl,txt} and build-report.{json,txt} next "
                    "to the store. Exit status is non-zero only when the build itself failed.")
    p.add_argument("corpus", nargs="?", default=str(DOCUMENTS), metavar="CORPUS_DIR",
                   help="folder of documents (default: data/documents)")
    p.add_argument("--store", metavar="PATH",
                   help="store directory (default: $DIRECTIVE_KG_STORE or var/store in the repository)")
    p.add_argument("--export", metavar="FILE", help="also write the graph to FILE: .trig, .nq, .jsonld (all "
                   "named graphs) or .ttl, .nt (their union)")
    p.add_argument("--engine", choices=("fast", "pyshacl"), default="fast",
                   help="SHACL engine: SPARQL on the store (fast, default) or pySHACL (the reference)")
    p.add_argument("--wait", type=seconds(zero="stop at once"), default=0.0, metavar="SECONDS",
                   help="when another build holds the store, wait up to SECONDS for it (default: stop at once)")
    p.add_argument("--jobs", type=count(1, max_jobs, "at most 4 per core"), default=None, metavar="N",
                   help="worker processes for reading and extraction (default: number of cores); 1: none, "
                        "and no process beside the build's stages (text reuse during the mapping, SHACL checks "
                        "during the load): the least memory, the longest time, the same results")
    p.add_argument("--file-timeout", type=seconds(zero="no limit"), default=60.0, metavar="SECONDS",
                   help="set aside a file whose reading and extraction take longer (default: 60; 0: no limit)")
    p.add_argument("--no-reuse", action="store_true", help="do not look for text reuse between the documents")
    p.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="read scanned PDFs and page images by OCR: auto (pages without a text layer, and images; "
                        "default), always (every PDF page), never (set them aside); cached in STORE/ocr-cache")
    p.add_argument("--quiet", action="store_true", help="no progress line and no summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from loaders.build import BuildError, build
    from loaders.store import StoreError

    try:
        report = build(args.corpus, args.store, engine=args.engine, wait=args.wait, jobs=args.jobs,
                       export_to=args.export, progress=False if args.quiet else None,
                       file_timeout=args.file_timeout, reuse=not args.no_reuse, ocr=args.ocr)
    except (BuildError, StoreError) as e:
        print(f"directive-kg build: {e}", file=sys.stderr)
        return 1
    if not args.quiet:
        sys.stdout.write(report.summary())
        for line in set_aside_lines(report.set_aside):
            print(line)
        print(f"  reports: {report.store}/build-report.txt, {report.store}/validation.txt")
    return 0


SHOWN_PER_REASON = 10  # a corpus of 10,000 files with their *.gold.json beside them: 10,000 lines otherwise


def set_aside_lines(set_aside, most: int = SHOWN_PER_REASON) -> list[str]:
    """One line per file set aside, at most ``most`` per reason (then how many more: the report
    names every one), in the report's order."""
    lines, shown, more = [], {}, {}
    for f in set_aside:
        if shown.get(f.reason, 0) < most:
            shown[f.reason] = shown.get(f.reason, 0) + 1
            lines.append(f"  set aside: {f.path}: {f.reason}")
        else:
            more[f.reason] = more.get(f.reason, 0) + 1
    lines += [f"  set aside: {n} more files: {reason} (every file in build-report.txt)" for reason, n in more.items()]
    return lines
