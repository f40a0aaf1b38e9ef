"""Copied / edited / new: one bar per document implementing DOC, from the text it shares with DOC's other
implementations and with its own parents (the reuse graph of the store is not needed: the texts are
aligned here, as `directive-kg reconstruct` does).

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


def figure(title: str, data: dict[str, tuple[float, float, float]], out: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(data)
    fig, ax = plt.subplots(figsize=(7, 0.6 * len(names) + 1.5))
    left = [0.0] * len(names)
    for k, (label, colour) in enumerate((("copied", "#2b6cb0"), ("edited", "#90cdf4"), ("new", "#e2e8f0"))):
        values = [data[n][k] for n in names]
        ax.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the document's characters")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    from directive_kg.cmd_reconstruct import corpus_of
    from directive_kg.queries import run
    from loaders.read import SetAside, read_document
    from loaders.store import default_store_path

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
