"""`directive-kg reconstruct DOC [--format text|json] [--store PATH] [--corpus DIR] [--min-words N]`:
what a document known only by citation said, from the passages its implementing documents share."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders.paths import DOCUMENTS


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "reconstruct", help="reconstruct an unpublished document from the passages its implementations share",
        description="Find the documents that implement DOC in the built store, read their texts, and print the "
                    "passages that at least two of them share (and their own other parents do not explain), in "
                    "the order they appear, each with its sources (document, start, end) and an agreement score.")
    p.add_argument("doc", metavar="DOC", help='the document: its number ("10/ĐM"), name or IRI')
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--store", help="built store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--corpus", metavar="DIR", help="folder the store was built from (default: the one in the "
                   "store's build report, else data/documents)")
    p.add_argument("--min-words", type=int, default=12, metavar="N", help="shortest passage (default 12 words)")
    p.set_defaults(func=run)


def corpus_of(store: Path, given: str | None) -> Path:
    """The corpus folder: --corpus, else the build report's (as written, then from the repository), else data/documents."""
    if given:
        return Path(given)
    try:
        written = json.loads((store / "build-report.json").read_text("utf-8"))["corpus"]
    except (OSError, ValueError, KeyError):
        return DOCUMENTS
    for candidate in (Path(written), DOCUMENTS.parent.parent / written):
        if candidate.is_dir():
            return candidate
    return DOCUMENTS


def run(args: argparse.Namespace) -> int:
    from directive_kg.queries import QueryError, run as run_query
    from loaders.reconstruct import Implementation, reconstruct
    from loaders.read import SetAside, read_document
    from loaders.reuse import Params, words_of
    from loaders.store import default_store_path

    store = Path(args.store) if args.store else default_store_path()
    try:
        rows = run_query("implementations", {"doc": args.doc}, store=store).rows
    except QueryError as e:
        print(f"directive-kg reconstruct: {e}", file=sys.stderr)
        return 1
    corpus = corpus_of(store, args.corpus)
    texts: dict[str, object] = {}

    def words(path: str):
        if path not in texts:
            doc = read_document(str(corpus / path))
            texts[path] = None if isinstance(doc, SetAside) else words_of(doc.text)
            if texts[path] is None:
                print(f"directive-kg reconstruct: cannot read {corpus / path}: {doc.reason}", file=sys.stderr)
        return texts[path]

    found: dict[str, dict] = {}
    for r in rows:
        entry = found.setdefault(r["document"], {"path": r["path"], "parents": {}})
        if r.get("other_path"):
            entry["parents"][r["other_document"]] = r["other_path"]
    impls = []
    for name, e in found.items():
        w = words(e["path"])
        if w is not None:
            parents = tuple((d, pw) for d, p in e["parents"].items() if (pw := words(p)) is not None)
            impls.append(Implementation(name, w, parents))
    if len(impls) < 2:
        print(f"directive-kg reconstruct: {args.doc} has {len(impls)} implementing document(s) with a readable "
              f"text in {store} (corpus {corpus}); at least two are needed to reconstruct it", file=sys.stderr)
        return 1
    passages = reconstruct(impls, Params(min_words=args.min_words))
    result = {"document": args.doc, "implementations": [im.document for im in impls],
              "passages": [{"text": p.text, "sources": [{"document": s.document, "start": s.start, "end": s.end}
                                                         for s in p.sources], "agreement": p.agreement}
                           for p in passages]}
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.doc}: {len(passages)} passages shared by at least two of {len(impls)} implementations "
          f"({', '.join(result['implementations'])})")
    for n, p in enumerate(result["passages"], 1):
        where = "; ".join(f"{s['document']} {s['start']}-{s['end']}" for s in p["sources"])
        print(f"\n[{n}] agreement {p['agreement']:.2f}: {where}\n    " + " ".join(p["text"].split()))
    return 0
