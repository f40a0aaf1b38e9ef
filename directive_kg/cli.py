"""The `directive-kg` command. Each subcommand lives in its own module `directive_kg/cmd_*.py`
exposing `register(subparsers)`; the module list below is the only place that names them."""
from __future__ import annotations

import argparse
import importlib
import sys

from directive_kg.arguments import Parser

COMMANDS = ["extract", "text", "build", "queries", "query", "find", "export", "uptake", "reconstruct", "upload",
            "diagram"]


def make_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="directive-kg",
        description="Knowledge graph of the Vietnamese directive chain.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"directive_kg.cmd_{name}")
        except ModuleNotFoundError as e:  # a command not written yet
            if e.name != f"directive_kg.cmd_{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
