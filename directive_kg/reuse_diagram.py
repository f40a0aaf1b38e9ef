"""Copied / edited / new: one bar per document below DOC.

Two sources for the same figure:
- ``level_rows`` + ``draw_levels``: the rows of queries/reuse-levels.rq on a built store (the reuse graph),
  every descendant of DOC grouped by depth and level; `directive-kg diagram --kind reuse --root DOC`.
- ``shares`` + ``figure``: the direct implementations of DOC, their texts aligned here (no reuse graph
  needed, as `directive-kg reconstruct` does):

    .venv/bin/python -m directive_kg.reuse_diagram 10/ĐM --out reuse.png [--store PATH] [--corpus DIR]

A character of an implementation is "copied" when it lies in a passage it shares with another
implementation or a parent at similarity >= 0.95, "edited" in a passage below that, "new" otherwise
(words only: spaces and punctuation between passages count as new).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

COPIED_MIN = 0.95
COLOURS = (("copied", "#2b6cb0"), ("edited", "#90cdf4"), ("new", "#e2e8f0"))


def level_rows(store, doc: str) -> list[dict]:
    """The rows of queries/reuse-levels.rq below ``doc`` (store: a store directory or an open store)."""
    from directive_kg.queries import run
    return run("reuse-levels", {"doc": doc}, store=store).rows


def draw_levels(rows: list[dict], out: str | Path | None = None, title: str | None = None):
    """One stacked bar (copied, edited, new) per document, grouped by depth and level of the tree; a
    document reached through two parents is drawn once (its first row). Returns the figure; saved when
    ``out`` is given (PNG, SVG or PDF)."""
    from directive_kg import diagram
    plt = diagram._pyplot()

    seen, bars = set(), []
    for r in rows:
        if r["document"] not in seen:
            seen.add(r["document"])
            bars.append(r)
    if not bars:
        raise ValueError("no document below the root has a text in the reuse graph")
    shown = bars[:60]  # beyond that the labels cannot be read: the first 60 (by depth, level, least new)
    labels = [f"{r['depth']} · {r['level'] or '?'} · {r['document']}" for r in shown]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(shown) + 1.6))
    y = list(range(len(shown)))[::-1]
    left = [0.0] * len(shown)
    for key, colour in COLOURS:
        values = [float(r[key]) for r in shown]
        ax.barh(y, values, left=left, color=colour, label=key, height=0.8)
        left = [a + b for a, b in zip(left, values)]
    for n in range(1, len(shown)):  # a line between levels
        if (shown[n]["depth"], shown[n]["level"]) != (shown[n - 1]["depth"], shown[n - 1]["level"]):
            ax.axhline(y[n] + 0.5, color="#4a5568", linewidth=0.6)
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the document's characters (depth · level · document)")
    more = f" (first {len(shown)} of {len(bars)})" if len(bars) > len(shown) else ""
    ax.set_title((title or "Copied, edited and new text per document") + more, fontsize=10)
    ax.legend(loc="lower right", fontsize=7, ncol=3)
    fig.tight_layout()
    if out is not None:
        diagram.save(fig, out)
    return fig


def shares(impls: dict[str, str], parents: dict[str, list[str]]) -> dict[str, tuple[float, float, float]]:
    """document -> (copied, edited, new) shares of its characters; impls: document -> text."""
    from loaders.reuse import align, words_of

    words = {d: words_of(t) for d, t in impls.items()}
    out = {}
    for d, w in words.items():
        others = [words[o] for o in impls if o != d] + [words_of(p) for p in parents.get(d, [])]
        mark = [0] * len(w.text)   # 2 copied, 1 edited
        for o in others:
            for p in align(w, o):
                level = 2 if p.similarity >= COPIED_MIN else 1
                for i in range(p.a_start, p.a_end):
                    mark[i] = max(mark[i], level)
        n = max(len(mark), 1)
        out[d] = (mark.count(2) / n, mark.count(1) / n, mark.count(0) / n)
    return out


def figure(title: str, data: dict[str, tuple[float, float, float]], out: Path | None = None):
    """One stacked bar per document of ``data`` (shares()); saved when ``out`` is given. Returns the figure."""
    from directive_kg import diagram
    plt = diagram._pyplot()

    names = list(data)
    fig, ax = plt.subplots(figsize=(7, 0.6 * len(names) + 1.5))
    left = [0.0] * len(names)
    for k, (label, colour) in enumerate(COLOURS):
        values = [data[n][k] for n in names]
        ax.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the document's characters")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    if out is not None:
        diagram.save(fig, out)
    return fig


def main(argv: list[str] | None = None) -> int:
    from directive_kg.cmd_reconstruct import corpus_of
    from directive_kg.queries import run
    from loaders.read import SetAside, read_document
    from loaders.store import default_store_path

    import matplotlib
    matplotlib.use("Agg")  # files only
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("doc")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--store")
    ap.add_argument("--corpus")
    args = ap.parse_args(argv)
    store = Path(args.store) if args.store else default_store_path()
    corpus = corpus_of(store, args.corpus)
    rows = run("implementations", {"doc": args.doc}, store=store).rows

    def text(path: str) -> str | None:
        d = read_document(str(corpus / path))
        return None if isinstance(d, SetAside) else d.text

    impls, parents = {}, {}
    for r in rows:
        if r["document"] not in impls and (t := text(r["path"])) is not None:
            impls[r["document"]] = t
        if r.get("other_path") and (t := text(r["other_path"])) is not None:
            parents.setdefault(r["document"], []).append(t)
    if not impls:
        print(f"no implementing document of {args.doc} with a readable text", file=sys.stderr)
        return 1
    figure(f"Implementations of {args.doc}: copied, edited, new", shares(impls, parents), args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
