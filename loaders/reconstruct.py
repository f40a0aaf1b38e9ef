"""What an unpublished directive said: the passages that at least two of its implementing documents share.

Each implementation in turn is the pivot (the one sharing the most words first). A word of the pivot is
witnessed by another implementation when the alignment (loaders.reuse) maps it to the same word there;
maximal runs of witnessed words (small gaps bridged: OCR noise) of at least ``min_words`` words are the
passages, each with its span in the pivot and in every witness. Words a document shares with one of its
own other parents (not the reconstructed document) are no witness: the parent explains them. Words
already used in a passage are not used again by a later pivot. Agreement = witnesses / implementations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import permutations

from loaders.reuse import Params, Words, align, word_map

__all__ = ["Implementation", "Source", "Reconstructed", "reconstruct"]

BRIDGE = 3  # unwitnessed words inside a passage (an OCR-broken or changed word)


@dataclass(frozen=True)
class Implementation:
    document: str
    words: Words
    parents: tuple[tuple[str, Words], ...] = ()   # its other loaded parents: (document, words)


@dataclass(frozen=True)
class Source:
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class Reconstructed:
    text: str
    sources: tuple[Source, ...]
    agreement: float
    order: tuple[int, int] = field(default=(0, 0), compare=False)   # (pivot rank, word index)


def _explained(impl: Implementation, params: Params) -> set[int]:
    out: set[int] = set()
    for _, parent in impl.parents:
        for p in align(impl.words, parent, params):
            out.update(range(*p.a_words))
    return out


def reconstruct(impls: list[Implementation], params: Params = Params()) -> list[Reconstructed]:
    explained = {im.document: _explained(im, params) for im in impls}
    by_name = {im.document: im for im in impls}
    maps: dict[tuple[str, str], dict[int, int]] = {}
    for x, y in permutations(impls, 2):
        m = word_map(x.words, y.words, align(x.words, y.words, params))
        ex, ey = explained[x.document], explained[y.document]
        maps[x.document, y.document] = {i: j for i, j in m.items() if i not in ex and j not in ey}
    pivots = sorted(impls, key=lambda im: -sum(len(maps[im.document, o.document]) for o in impls if o is not im))
    used: dict[str, set[int]] = {im.document: set() for im in impls}
    out: list[Reconstructed] = []
    for rank, pivot in enumerate(pivots):
        p = pivot.document
        others = [o.document for o in pivots if o.document != p]
        witnessed = {i: [o for o in others if i in maps[p, o] and maps[p, o][i] not in used[o]]
                     for i in range(len(pivot.words)) if i not in used[p]}
        for i0, i1 in _runs([i for i, w in witnessed.items() if w], params.min_words):
            words = range(i0, i1)
            sources = [Source(p, int(pivot.words.starts[i0]), int(pivot.words.ends[i1 - 1]))]
            for o in others:
                js = [maps[p, o][i] for i in words if i in maps[p, o] and maps[p, o][i] not in used[o]]
                if len(js) >= params.min_words // 2:
                    w = by_name[o].words
                    j0, j1 = min(js), max(js) + 1
                    sources.append(Source(o, int(w.starts[j0]), int(w.ends[j1 - 1])))
                    used[o].update(range(j0, j1))
            used[p].update(words)
            if len(sources) >= 2:
                text = pivot.words.text[sources[0].start:sources[0].end]
                out.append(Reconstructed(text, tuple(sources), round(len(sources) / len(impls), 3), (rank, i0)))
    return sorted(out, key=lambda r: r.order)


def _runs(indices: list[int], min_words: int) -> list[tuple[int, int]]:
    """Maximal runs of word indices, bridging gaps of up to BRIDGE words; runs of >= min_words."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i - runs[-1][1] <= BRIDGE:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [(a, b) for a, b in runs if b - a >= min_words]
