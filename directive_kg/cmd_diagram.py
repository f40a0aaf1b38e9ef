"""`directive-kg diagram [--root DOC] [--kind propagation|assignments|summary|reuse] [--out FILE]
[--format FMT] [--store PATH]`: draw how a directive travelled down the levels (or who was given tasks,
or how much of each document below it is copied, edited or new), or export the graph for Gephi /
Cytoscape."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from directive_kg.arguments import seconds, text

IMAGE_FORMATS = ("png", "svg", "pdf")
GRAPH_FORMATS = ("graphml", "gexf")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diagram", help="draw the propagation of a directive (or the assignments), or export it as GraphML/GEXF",
        description="Propagation diagram: one lane per administrative level (central on top), x by date of "
                    "issue, colour by channel (Party / State), line style by relation, hollow nodes for "
                    "documents known only by citation. Assignment diagram: which bodies received tasks, "
                    "as lead or cooperating body, by level. Without --root: the whole corpus.")
    p.add_argument("--root", metavar="DOC", type=text("--root"),
                   help='the document to start from: its number as written ("10/ĐM") or its IRI')
    p.add_argument("--kind", choices=("propagation", "assignments", "summary", "reuse"), default="propagation",
                   help="summary: documents issued per day and level, stacked by channel (for large graphs); "
                        "reuse: one bar per document below --root, the share of its text copied, edited or "
                        "new (queries/reuse-levels.rq on the reuse graph), grouped by depth and level")
    p.add_argument("--out", metavar="FILE",
                   help="output file: .png, .svg, .pdf (a figure) or .graphml, .gexf (the graph); "
                        "default: KIND.png, or KIND.FORMAT with --format")
    p.add_argument("--format", choices=IMAGE_FORMATS + GRAPH_FORMATS,
                   help="output format (default: from the extension of --out, else png)")
    p.add_argument("--title", help="figure title (default: says what is drawn)")
    p.add_argument("--store", metavar="PATH", help="store directory (default: $DIRECTIVE_KG_STORE or var/store)")
    p.add_argument("--wait", type=seconds(zero="stop at once"), default=0.0, metavar="SECONDS",
                   help="when a build holds the store, wait up to SECONDS for it (default: stop at once)")
    p.set_defaults(func=run)


def output_path(out: str | None, fmt: str | None, kind: str) -> tuple[Path, str]:
    """The file to write and its format; raises ValueError when they disagree or are unknown."""
    if out is None:
        fmt = fmt or "png"
        return Path(f"{kind}.{fmt}"), fmt
    path = Path(out)
    suffix = path.suffix.lower().lstrip(".")
    if fmt is None:
        if suffix not in IMAGE_FORMATS + GRAPH_FORMATS:
            raise ValueError(f"{out}: cannot tell the format from the extension; use one of "
                             f".{', .'.join(IMAGE_FORMATS + GRAPH_FORMATS)} or --format")
        return path, suffix
    if suffix != fmt:
        path = path.with_name(path.name + f".{fmt}")
    return path, fmt


def run(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # files only, no window
    from directive_kg import diagram
    from loaders.store import StoreError, open_store

    def fail(message: str) -> int:
        print(f"directive-kg diagram: {message}", file=sys.stderr)
        return 1

    try:
        path, fmt = output_path(args.out, args.format, args.kind)
    except ValueError as e:
        return fail(str(e))
    if args.kind == "reuse":
        return _reuse(args, path, fmt, fail)
    try:
        with open_store(args.store, read_only=True, wait=args.wait) as kg:
            graph = diagram.propagation_graph(kg, args.root)
            if args.kind == "assignments":
                graph = diagram.assignment_graph(kg, graph.nodes if args.root else None)
    except (StoreError, LookupError, ValueError) as e:
        return fail(str(e))
    if graph.number_of_nodes() == 0:
        return fail(f"nothing to draw: no {'assignments' if args.kind == 'assignments' else 'documents'}"
                    f"{' below ' + args.root if args.root else ' in the graph'}")
    try:
        if fmt in GRAPH_FORMATS:
            diagram.export(graph, path)
        elif args.kind == "assignments":
            diagram.draw_assignments(graph, path, title=args.title)
        elif args.kind == "summary":
            diagram.draw_summary(graph, path, title=args.title)
        else:
            diagram.draw_propagation(graph, path, title=args.title)
    except OSError as e:
        return fail(f"cannot write {path}: {e.strerror or e}")
    print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    return 0


def _reuse(args: argparse.Namespace, path: Path, fmt: str, fail) -> int:
    """The copied / edited / new bars below --root (directive_kg.reuse_diagram)."""
    from directive_kg import reuse_diagram
    from directive_kg.queries import QueryError
    from loaders.store import StoreError, open_store

    if not args.root:
        return fail("--kind reuse needs --root DOC (the document whose descendants are drawn)")
    if fmt in GRAPH_FORMATS:
        return fail(f"--kind reuse draws a figure (.png, .svg, .pdf), not a graph (.{fmt})")
    try:
        with open_store(args.store, read_only=True, wait=args.wait) as kg:
            rows = reuse_diagram.level_rows(kg, args.root)
    except (StoreError, QueryError, LookupError, ValueError) as e:
        return fail(str(e))
    if not rows:
        return fail(f"nothing to draw: no document below {args.root} has a text in the reuse graph "
                    "(built with --no-reuse, or no loaded implementation)")
    try:
        reuse_diagram.draw_levels(rows, path, title=args.title or f"Below {args.root}: copied, edited, new")
    except OSError as e:
        return fail(f"cannot write {path}: {e.strerror or e}")
    print(f"wrote {path} ({len({r['document'] for r in rows})} documents)")
    return 0
