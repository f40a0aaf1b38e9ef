"""`directive-kg upload --endpoint URL [--store PATH]`: copy a built store to a SPARQL 1.1 store,
one named graph per document file, then the merged graph as the store's default graph (the one
queries read), each replaced whole: small graphs several in one SPARQL update (CLEAR + INSERT DATA,
one transaction), a graph above the part size (the merged graph of a large corpus) in parts
straight into place, marked incomplete until its last part arrived (see queries/README.md).
Credentials: DIRECTIVE_KG_USER + DIRECTIVE_KG_PASSWORD, or DIRECTIVE_KG_TOKEN. On Virtuoso (a
`/sparql` URL, or --store-type virtuoso) the merged graph is a named graph that queries read as
their default graph."""
from __future__ import annotations

import argparse
import os
import sys

from directive_kg.arguments import MAX_RETRIES, add_store_type, count, seconds
from directive_kg.queries import QueryError, compact
from directive_kg.remote import DEADLINE, DEFAULT_GRAPH, ENV_ENDPOINT, MERGED_GRAPH, Endpoint, check_limits, upload


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("upload", help="upload the built graph to a SPARQL 1.1 store (Graph Store Protocol)",
                       description=__doc__.split(":", 1)[1].strip())
    p.add_argument("--endpoint", default=os.environ.get(ENV_ENDPOINT),
                   help="query URL of the store, e.g. http://localhost:7878/query (default: $DIRECTIVE_KG_ENDPOINT)")
    p.add_argument("--update-url", help="SPARQL Update URL (derived for Oxigraph .../query and Fuseki .../sparql)")
    p.add_argument("--graph-store-url", help="Graph Store Protocol URL (derived likewise)")
    p.add_argument("--store", help="built store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--retries", type=count(0, MAX_RETRIES), default=3, help="retries on 5xx and timeouts (default 3)")
    p.add_argument("--timeout", type=seconds(), default=60.0, metavar="S", help="per request (default 60)")
    p.add_argument("--deadline", type=seconds(), default=DEADLINE, metavar="S",
                   help=f"give up when the store has not answered for S seconds, retries included "
                        f"(default {DEADLINE:g})")
    add_store_type(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    if not args.endpoint:
        print(f"directive-kg upload: give --endpoint URL (or set {ENV_ENDPOINT})", file=sys.stderr)
        return 2
    from loaders.store import StoreError, default_store_path, open_store
    try:
        check_limits(retries=args.retries, timeout=args.timeout, deadline=args.deadline)
        endpoint = Endpoint.from_url(args.endpoint, args.update_url, args.graph_store_url,
                                     store_type=args.store_type, timeout=min(args.timeout, args.deadline, 10))
        with open_store(args.store or default_store_path(), read_only=True) as opened:
            done = upload(opened.store, endpoint, retries=args.retries, timeout=args.timeout, deadline=args.deadline,
                          progress=lambda g: print(f"uploaded {compact(g)}", file=sys.stderr),
                          note=lambda text: print(f"note: {text}", file=sys.stderr))
    except (QueryError, StoreError) as e:
        print(f"directive-kg upload: {e}", file=sys.stderr)
        return 1
    named = sum(g != DEFAULT_GRAPH for g in done)
    merged = " and the merged graph as the default graph" if DEFAULT_GRAPH in done else ""
    where = f" (the named graph {MERGED_GRAPH}, each query's default graph)" if merged and endpoint.default_graph else ""
    print(f"{named} named graphs{merged}{where} uploaded to {endpoint.graph_store_url}")
    return 0
