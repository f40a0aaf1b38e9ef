"""`directive-kg queries`: list the saved queries with their questions and parameters."""
from __future__ import annotations

import argparse
import sys
import textwrap

from directive_kg.queries import QueryError, list_queries


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("queries", help="list the saved SPARQL queries (queries/*.rq)",
                       description="List the saved queries: name, title, question and parameters.")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    try:
        saved = list_queries()
    except QueryError as e:
        print(f"directive-kg queries: {e}", file=sys.stderr)
        return 1
    for q in saved:
        print(f"{q.name}: {q.title}")
        print(textwrap.fill(q.question, width=100, initial_indent="    ", subsequent_indent="    "))
        for p in q.params:
            default = {None: "required", "*": "optional"}.get(p.default, f"default {p.default}")
            print(f"    --param {p.name}=...  ({p.type}, {default}; e.g. {p.example})")
    print(f"\n{len(saved)} saved queries. Run one: directive-kg query NAME [--param key=value ...]")
    return 0
