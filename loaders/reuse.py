"""Text reuse: the passages two documents share, with character spans in their NFC texts.

Two steps, as in passim and textreuse:
1. Candidates. Each document is cut into overlapping windows of word shingles; each window gets a
   MinHash (datasketch's permutations, all windows of a document at once in numpy) and its bands go into
   an LSH bucket table (datasketch's (b, r) for the threshold; buckets grouped by sorting, not by a dict of
   millions of keys), so documents that share a window-sized stretch of text meet in a bucket without
   comparing all pairs.
2. Alignment. On each candidate pair, shared word k-grams are seeds; seeds on one diagonal are joined
   into runs and runs into chains across small gaps and shifts (an OCR-broken word, a word inserted
   or dropped), which gives the passage in both texts. Words are folded (case, tone placement,
   diacritics) so that "Hoà"/"hòa" and an OCR-dropped accent still match; spans and quotes come from
   the NFC text.

A document is held as compact arrays (a 64-bit id per folded word, its character span), never as
word lists; tokenising and aligning run in a pool of processes (``Params.processes``).

Boilerplate (data/reference/boilerplate.csv: quốc hiệu, "Nơi nhận", "Như trên", "Lưu VT", signature
capacities) is masked before both steps, and a window shared by too many documents is not a candidate.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from loaders.paths import REFERENCE
from loaders.slug import strip_diacritics
from loaders.text import SourceText, mask_markdown, unify_tones
from loaders.workers import frozen

_WORD = re.compile(r"\w+")
MASK = 0  # the id of a masked word: no shingle contains it
HIDDEN = -1.0  # the similarity of a passage align() dropped by its ``keep`` test, kept for a cache (not computed)
_MULT = np.uint64(0x9E3779B97F4A7C15)  # mixes word ids into shingle ids (odd: a bijection mod 2^64)

__all__ = ["Words", "Passage", "Params", "words_of", "fold", "align", "word_map", "find_reuse", "candidate_pairs",
           "grams", "common_grams", "GramCounts", "common_limit", "signatures", "with_quotes", "Shingles", "window_starts",
           "profile_all", "profiles", "usable_signatures", "HIDDEN"]


@dataclass(frozen=True)
class Params:
    min_words: int = 12     # shortest passage reported
    k: int = 4              # words per seed / shingle
    gap: int = 8            # words that may be broken or inserted inside a passage
    window: int = 24        # shingles per LSH window
    stride: int = 8         # shingles between window starts
    num_perm: int = 32      # MinHash permutations
    threshold: float = 0.3  # LSH Jaccard threshold between windows
    max_df: int = 50        # a window in more documents than this is boilerplate, not a candidate
    max_bucket: int = 20    # an LSH bucket of more windows than this pairs none of them (a sentence a whole
    #                         level copied: its documents are linked by citations, aligned anyway)
    max_partners: int = 10  # candidates per document: those sharing the most buckets with it
    max_df_share: float = 0.01  # a shingle in more than max(max_df, this share) of the documents: boilerplate


@dataclass(frozen=True, eq=False)
class Words:
    """A document's words: 64-bit ids of the folded forms (MASK where masked) and their spans in the NFC
    text ("" when the text is not kept: it is read again for the quotes)."""
    text: str
    ids: np.ndarray      # uint64
    starts: np.ndarray   # int32
    ends: np.ndarray     # int32
    chars: int = 0       # length of the NFC text (dkg:textLength), kept when the text is not

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage shared by documents a and b: word ranges, character spans, quotes."""
    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_quote: str
    b_quote: str
    words: int          # length in words (the shorter side)
    similarity: float   # of the folded word sequences, 0..1
    a_words: tuple[int, int] = (0, 0)  # word range [i0, i1) in a
    b_words: tuple[int, int] = (0, 0)


def fold(word: str) -> str:
    """Case, tone placement and diacritics folded: "Hoà", "hòa", "HOA" -> "hoa"; "đ" -> "d"."""
    return strip_diacritics(unify_tones(word).lower())


def _folded_id(folded: str) -> int:
    """A stable 64-bit id of a folded word (the same in every process, unlike hash()); never MASK."""
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "little") | 1


@lru_cache(maxsize=1 << 20)
def _word_id(word: str) -> int:
    return _folded_id(fold(word))


@lru_cache(maxsize=1)
def _boilerplate() -> dict[int, tuple[tuple[int, ...], ...]]:
    """First word id -> the boilerplate phrases (word ids) starting with it, longest first."""
    with open(REFERENCE / "boilerplate.csv", encoding="utf-8") as f:
        phrases = [tuple(_word_id(w) for w in _WORD.findall(unicodedata.normalize("NFC", row["phrase"])))
                   for row in csv.DictReader(f)]
    table: dict[int, list] = defaultdict(list)
    for p in phrases:
        if p:
            table[p[0]].append(p)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in table.items()}


_WORDS_AND_BLANKS = re.compile(f"({_WORD.pattern})")  # split: [blank, word, blank, ..., word, blank]


@lru_cache(maxsize=1)
def _boilerplate_firsts() -> np.ndarray:
    """The first word ids of the boilerplate phrases, sorted (in_sorted's table)."""
    return np.sort(np.fromiter(_boilerplate(), dtype=np.uint64))


def words_of(text: str, mask_boilerplate: bool = True, keep_text: bool = True) -> Words:
    canonical = unicodedata.normalize("NFC", text)
    # the words of _WORD and their spans from the lengths of the pieces between them (no match object a word)
    pieces = _WORDS_AND_BLANKS.split(_work(canonical))
    words = pieces[1::2]
    ids = np.fromiter(map(_word_id, words), dtype=np.uint64, count=len(words))
    if mask_boilerplate:
        _mask(ids)
    bounds = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))[:-1].astype(np.int32)
    return Words(canonical if keep_text else "", ids, bounds[0::2].copy(), bounds[1::2].copy(), len(canonical))


def _work(canonical: str) -> str:
    """The text the words are cut from: SourceText's working text where it can change a folded word.
    Its line breaks put back (break_flattened) turn blanks into breaks: no word changes; capitals put
    right (repair_caps) change a word's fold only when a swap of ocr_confusables.csv does (none does
    now: U/Ư, D/Đ, ... fold alike), so it runs only then."""
    if _caps_change_folds():
        return SourceText.from_text(canonical).work
    return mask_markdown(unify_tones(canonical))


@lru_cache(maxsize=1)
def _caps_change_folds() -> bool:
    from loaders.grammar import confusables
    return any(fold(w) != fold(r) for w, r in confusables("caps_word"))


def _mask(ids: np.ndarray) -> None:
    """Boilerplate phrases masked in place (longest first where several start at a word; the words of
    a masked phrase start none): only at the words that start some phrase."""
    table = _boilerplate()
    at = np.flatnonzero(in_sorted(ids, _boilerplate_firsts())).tolist()
    if not at:
        return
    words = ids.tolist()  # compared as Python ints: a numpy slice and its tolist a phrase cost more
    free = 0  # the first word not inside a masked phrase
    for i in at:
        if i < free:
            continue
        for phrase in table[words[i]]:
            if tuple(words[i:i + len(phrase)]) == phrase:
                ids[i:i + len(phrase)] = MASK
                free = i + len(phrase)
                break


def grams(w: Words, k: int) -> np.ndarray:
    """The id of the k-gram starting at each word (uint64; MASK where it holds a masked word)."""
    n = len(w.ids) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = w.ids[:n].copy()
    with np.errstate(over="ignore"):
        for t in range(1, k):
            out *= _MULT
            out += w.ids[t:t + n]
    masks = np.concatenate([[0], np.cumsum(w.ids == MASK)])  # masked words before each word
    out[masks[k:] > masks[:n]] = MASK
    return out


# --- alignment -----------------------------------------------------------------------------------

def align(a: Words, b: Words, params: Params = Params(), a_name: str = "a", b_name: str = "b",
          quotes: bool = True, grams_a: np.ndarray | None = None, grams_b: np.ndarray | None = None,
          keep: Callable[[tuple[int, int]], bool] | None = None,
          index_a: tuple[np.ndarray, np.ndarray] | None = None, hidden: bool = False) -> list[Passage]:
    """The passages of at least ``params.min_words`` words that a and b share, in a's order. grams_a,
    grams_b: their shingles (grams()), when the caller has them already. ``keep``: a test of a passage's
    word range in a; the others are dropped before their similarity is computed (the costly part), or
    with ``hidden`` given with similarity HIDDEN (not computed): a cache that re-applies the test later."""
    k, gap = params.k, params.gap
    runs = _runs(grams(a, k) if grams_a is None else grams_a, grams(b, k) if grams_b is None else grams_b, params,
                 index_a=index_a)
    if not runs:
        return []
    chains = _chains(runs, k, gap)
    out = []
    for i0, i1, j0, j1 in _non_overlapping(chains):
        n = min(i1 - i0, j1 - j0)
        if n < params.min_words:
            continue
        wa, wb = a.ids[i0:i1], b.ids[j0:j1]
        if keep is not None and not keep((i0, i1)):
            if not hidden:
                continue
            sim = HIDDEN
        else:
            sim = 1.0 if np.array_equal(wa, wb) else SequenceMatcher(None, wa.tolist(), wb.tolist(), autojunk=False).ratio()
        s_a, e_a, s_b, e_b = int(a.starts[i0]), int(a.ends[i1 - 1]), int(b.starts[j0]), int(b.ends[j1 - 1])
        out.append(Passage(a_name, b_name, s_a, e_a, s_b, e_b, a.text[s_a:e_a] if quotes else "",
                           b.text[s_b:e_b] if quotes else "", n, round(sim, 3), (i0, i1), (j0, j1)))
    return out


def _chains(runs: list[list[int]], k: int, gap: int) -> list[list[int]]:
    """Runs that continue each other in both texts across a small gap or shift, joined (in the order they
    start). Runs come sorted by their start in a: a chain ending more than ``gap`` words before a run's start
    can continue no later run either (its end moves only when it continues one), so it leaves the chains
    searched (the search was quadratic in a pair's runs: hundreds when two documents share a template)."""
    runs.sort()
    chains: list[list[int]] = []
    open_: list[list[int]] = []  # the chains that may still continue, in the order they started
    for r in runs:
        open_ = [c for c in open_ if r[0] - c[1] <= gap]
        best = None
        for c in open_:
            if -k <= r[0] - c[1] and -k <= r[2] - c[3] <= gap and (best is None or c[1] > best[1]):
                best = c
        if best is not None:
            best[1], best[3] = max(best[1], r[1]), max(best[3], r[3])
        else:
            chains.append(r)
            open_.append(r)
    return chains


def _sorted_index(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the order that sorts g (stable), g sorted): what _runs looks b's shingles up in."""
    order = np.argsort(g, kind="stable")
    return order, g[order]


def _runs(ga: np.ndarray, gb: np.ndarray, params: Params, cap: int = 8,
          index_a: tuple[np.ndarray, np.ndarray] | None = None) -> list[list[int]]:
    """Seeds (i, j): shingle i of a equals shingle j of b (for each i, the first ``cap`` such j: repeated
    phrases); runs [i0, i1, j0, j1): seeds on one diagonal with gaps of at most ``params.gap`` words. In
    numpy: a pair of documents has hundreds of seeds when they share a template. b's shingles are looked up
    in a's sorted ones (``index_a``, _sorted_index): a worker aligns a document's pairs one after the
    other, so only a's index is kept, not one of every document it meets as b."""
    k, gap = params.k, params.gap
    order, sa = _sorted_index(ga) if index_a is None else index_a
    lo, hi = np.searchsorted(sa, gb, "left"), np.searchsorted(sa, gb, "right")
    j = np.flatnonzero((hi > lo) & (gb != MASK))
    if len(j) > cap:  # of the j holding one shingle, the first cap (for every i holding it)
        by_value = np.argsort(gb[j], kind="stable")
        v = gb[j][by_value]
        start = run_starts(v)
        rank = np.arange(len(v)) - np.maximum.accumulate(np.where(start, np.arange(len(v)), 0))
        j = j[by_value[rank < cap]]
    count = hi[j] - lo[j]
    total = int(count.sum())
    i = order[np.repeat(lo[j], count) + np.arange(total) - np.repeat(np.cumsum(count) - count, count)]
    if not total or (i == i[0]).all():  # a passage of min_words words holds at least two shingles
        return []
    j = np.repeat(j, count)
    d = j - i
    seq = np.lexsort((i, d))
    i, j, d = i[seq], j[seq], d[seq]
    start = np.empty(len(i), dtype=bool)
    start[0] = True
    np.logical_or(d[1:] != d[:-1], i[1:] > i[:-1] + k + gap, out=start[1:])
    first = np.flatnonzero(start)
    last = np.empty_like(first)
    last[:-1], last[-1] = first[1:] - 1, len(i) - 1
    return np.stack([i[first], i[last] + k, j[first], j[last] + k], axis=1).tolist()


def word_map(a: Words, b: Words, passages: Iterable[Passage]) -> dict[int, int]:
    """Word of a -> the same word of b, inside the given passages (equal folded words only)."""
    out: dict[int, int] = {}
    for p in passages:
        (i0, i1), (j0, j1) = p.a_words, p.b_words
        sm = SequenceMatcher(None, a.ids[i0:i1].tolist(), b.ids[j0:j1].tolist(), autojunk=False)
        for blk in sm.get_matching_blocks():
            for t in range(blk.size):
                out[i0 + blk.a + t] = j0 + blk.b + t
    return out


def _non_overlapping(chains: list[list[int]]) -> list[list[int]]:
    """Longest chains first; a chain overlapping a kept one in either text is a shadow of it."""
    kept: list[list[int]] = []
    for c in sorted(chains, key=lambda c: -(c[1] - c[0])):
        i0, i1, j0, j1 = c
        for o in kept:
            if not (i1 <= o[0] or i0 >= o[1]) or not (j1 <= o[2] or j0 >= o[3]):
                break
        else:
            kept.append(c)
    return sorted(kept)


def run_starts(v: np.ndarray) -> np.ndarray:
    """A boolean per value of ``v``: it differs from the one before (the first of each run of equal values)."""
    start = np.empty(len(v), dtype=bool)
    start[:1] = True
    np.not_equal(v[1:], v[:-1], out=start[1:])
    return start


def mostly_common(w: Words, words: tuple[int, int], common: np.ndarray, params: Params,
                  grams_w: np.ndarray | None = None) -> bool:
    """Are most shingles of w's word range [i0, i1) common ones (template text, formulas)?"""
    g = (grams(w, params.k) if grams_w is None else grams_w)[words[0]:max(words[0], words[1] - params.k + 1)]
    g = g[g != MASK]
    return not len(g) or in_sorted(g, common).sum() > len(g) / 2


def in_sorted(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """values in table (sorted): a binary search each, no sort of the table (np.isin sorts both)."""
    if not len(table):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(table, values).clip(max=len(table) - 1)
    return table[at] == values


# --- candidates ------------------------------------------------------------------------------------

def common_grams(gram_sets: Iterable[np.ndarray], documents: int, params: Params) -> np.ndarray:
    """Shingles (sorted ids) in too many documents (template text, formulas): they make no candidate.
    gram_sets: each document's distinct shingle ids."""
    return GramCounts.of(gram_sets).common(documents, params)


@dataclass(frozen=True, eq=False)
class GramCounts:
    """In how many documents each shingle is: what common_grams counts, kept by an incremental run so that
    an add counts the shingles of its own documents only (``plus``), not again those of the whole corpus."""
    values: np.ndarray  # uint64, sorted
    counts: np.ndarray  # int64, > 0

    @classmethod
    def of(cls, gram_sets: Iterable[np.ndarray]) -> "GramCounts":
        """gram_sets: each document's distinct shingle ids."""
        sets = [g for g in gram_sets if len(g)]
        if not sets:
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
        values, counts = np.unique(np.concatenate(sets), return_counts=True)
        return cls(values, counts.astype(np.int64))

    def plus(self, other: "GramCounts", sign: int = 1) -> "GramCounts":
        """The counts with ``other``'s added (sign 1: documents added) or taken out (sign -1: removed)."""
        at = np.searchsorted(self.values, other.values)
        known = at < len(self.values)
        known[known] = self.values[at[known]] == other.values[known]
        counts = self.counts.copy()
        counts[at[known]] += sign * other.counts[known]
        values = np.insert(self.values, at[~known], other.values[~known])
        counts = np.insert(counts, at[~known], sign * other.counts[~known])
        kept = counts > 0
        return GramCounts(values[kept], counts[kept])

    def common(self, documents: int, params: Params) -> np.ndarray:
        return self.values[self.counts > common_limit(documents, params)]


def common_limit(documents: int, params: Params) -> float:
    """How many documents may hold a shingle that is not common: ``max_df``, or ``max_df_share`` of the
    documents when more. In proportion, not in steps: a synthetic corpus grown by a tenth (bench/
    incremental.py) grows its template shingles' counts by a tenth too; a fixed or stepped limit then
    turns more of them common (1,759 documents stale on an add of 1,000 to 10,102, against 1,570)."""
    return max(params.max_df, params.max_df_share * documents)


def distinct_grams(w: Words, params: Params) -> np.ndarray:
    g = np.unique(grams(w, params.k))
    return g[g != MASK]


def _low32(x) -> int:
    return int(x) & 0xFFFFFFFF


@lru_cache(maxsize=4)
def _minhash(num_perm: int):
    """The datasketch MinHash whose permutations every window uses (32-bit affine scheme, seed 1)."""
    from datasketch import MinHash
    return MinHash(num_perm=num_perm, scheme="affine32", hashfunc=_low32)


@lru_cache(maxsize=4)
def _affine32(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations (a odd, b) for ``num_perm`` and ``seed``, drawn as it draws
    them (MinHash._init_permutations): datasketch itself is not imported by a build (it imports scipy:
    a second of CPU); a test checks they are the same."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """The 32-bit MurmurHash3 finalizer datasketch mixes each value with (datasketch.minhash._fmix)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _permuted(values: np.ndarray, num_perm: int) -> np.ndarray:
    """Each shingle's permuted hash values (rows x num_perm): MinHash.update_batch's CPU path for the
    affine32 scheme (datasketch's mixing function and permutations), for all shingles at once."""
    a, b = _affine32(num_perm)
    hv = _fmix32((values & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    return np.outer(hv, a) + b


def window_starts(n: int, params: Params) -> list[int]:
    """Where the windows of n shingles start: every ``params.stride``, and one ending at the last shingle."""
    if n <= 0:
        return []
    last = max(n - params.window, 0)
    starts = list(range(0, last + 1, params.stride))
    if starts[-1] != last:
        starts.append(last)
    return starts


def signatures(w: Words, params: Params, common: np.ndarray | None = None, grams_w: np.ndarray | None = None
               ) -> np.ndarray:
    """MinHash signatures (windows x num_perm, uint32) of the windows of w's unmasked shingles (``common``
    ones left out when given), all windows of the document in one numpy pass; each equals datasketch's
    MinHash of its window (minhash_of; a test checks it). Without ``common`` they depend on w alone: a
    build masks the windows that are mostly common at candidate time (common_windows), so that a change of
    the corpus's common shingles recomputes no MinHash. ``grams_w``: grams(w, params.k), when known."""
    g = grams(w, params.k) if grams_w is None else grams_w
    g = g[g != MASK]
    if common is not None and len(common):
        g = g[~in_sorted(g, common)]
    if not len(g):
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    phv = _permuted(g, params.num_perm)
    if len(g) <= params.window:  # one window: all of them
        return phv.min(axis=0, keepdims=True).astype(np.uint32)
    # every window's minimum in one numpy call (a call a window was most of a build's MinHash time)
    windows = sliding_window_view(phv, params.window, axis=0)[np.array(window_starts(len(g), params))]
    return windows.min(axis=-1).astype(np.uint32)


@dataclass(frozen=True, eq=False)
class Shingles:
    """A document's shingles as a build's cache keeps them: its distinct unmasked shingle ids (sorted) and,
    for each shingle position (grams()), its index among them (len(distinct) where masked), so that which
    windows and passages are mostly common is found again without the text."""
    distinct: np.ndarray  # uint64, sorted
    at: np.ndarray        # uint16 or uint32, one per shingle of grams()

    @classmethod
    def of(cls, w: Words, params: Params, grams_w: np.ndarray | None = None) -> "Shingles":
        g = grams(w, params.k) if grams_w is None else grams_w
        distinct, inverse = np.unique(g, return_inverse=True)
        if len(distinct) and distinct[0] == MASK:  # MASK (0) sorts first: masked words -> len(distinct)
            distinct, inverse = distinct[1:], inverse - 1
            inverse[inverse < 0] = len(distinct)
        dtype = np.uint16 if len(distinct) < (1 << 16) - 1 else np.uint32
        return cls(distinct, inverse.reshape(-1).astype(dtype))

    def flags(self, common: np.ndarray) -> np.ndarray:
        """A boolean per shingle position: common (masked positions are not)."""
        is_common = np.zeros(len(self.distinct) + 1, dtype=bool)
        is_common[:-1] = in_sorted(self.distinct, common)
        return is_common[self.at]

    def common_windows(self, common: np.ndarray, params: Params) -> np.ndarray:
        """A boolean per window of signatures(w, params): most of its shingles are common ones (template
        text, formulas): it makes no candidate."""
        unmasked = self.at != len(self.distinct)
        counts = np.concatenate([[0], np.cumsum(self.flags(common)[unmasked])])
        n = int(unmasked.sum())
        starts = np.array(window_starts(n, params), dtype=np.int64)
        if not len(starts):
            return np.zeros(0, dtype=bool)
        ends = np.minimum(starts + params.window, n)
        return (counts[ends] - counts[starts]) * 2 > ends - starts

    @staticmethod
    def common_windows_all(docs: Sequence["Shingles"], common: np.ndarray, params: Params) -> list[np.ndarray]:
        """common_windows of each of the documents, with one search and one running count over them all
        (a build masks every document's windows: a loop of numpy calls a document was serial seconds)."""
        if not len(docs):
            return []
        offsets = np.cumsum([0] + [len(d.distinct) for d in docs])
        is_common = in_sorted(np.concatenate([d.distinct for d in docs]), common)
        unmasked = [d.at[d.at != len(d.distinct)] for d in docs]
        n = np.array([len(u) for u in unmasked], dtype=np.int64)
        at = np.concatenate([u.astype(np.int64) + offsets[i] for i, u in enumerate(unmasked)])
        counts = np.concatenate([[0], np.cumsum(is_common[at])])
        last = np.maximum(n - params.window, 0)
        windows = np.where(n > 0, last // params.stride + 1 + (last % params.stride != 0), 0)
        doc = np.repeat(np.arange(len(docs)), windows)
        k = np.arange(int(windows.sum())) - np.repeat(np.cumsum(windows) - windows, windows)
        starts = np.minimum(k * params.stride, last[doc])
        ends = np.minimum(starts + params.window, n[doc])
        base = (np.cumsum(n) - n)[doc]
        masked = (counts[base + ends] - counts[base + starts]) * 2 > ends - starts
        return np.split(masked, np.cumsum(windows)[:-1])

    def mostly_common(self, common: np.ndarray, params: Params) -> Callable[[tuple[int, int]], bool]:
        """mostly_common(w, words, common, params) of this document for any word range, from running counts."""
        flags = self.flags(common)
        unmasked = np.concatenate([[0], np.cumsum(self.at != len(self.distinct))])
        commons = np.concatenate([[0], np.cumsum(flags)])

        def test(words: tuple[int, int]) -> bool:
            s, e = words[0], min(max(words[0], words[1] - params.k + 1), len(self.at))
            n = int(unmasked[e] - unmasked[s])
            return not n or int(commons[e] - commons[s]) > n / 2
        return test


def minhash_of(window: Iterable[int], num_perm: int):
    """The datasketch MinHash of a window of shingle ids (what signatures() computes in bulk)."""
    m = _minhash(num_perm).copy()
    m.clear()
    m.update_batch([int(x) for x in window])
    return m


@lru_cache(maxsize=8)
def _bands(params: Params) -> tuple[int, int]:
    """datasketch MinHashLSH's (bands, rows) for the threshold: the (b, r), b * r <= num_perm, that
    minimise the false positive plus false negative probability (weights 0.5, 0.5). The integrands are
    polynomials of degree b * r: Gauss-Legendre with num_perm nodes integrates them exactly (datasketch
    uses scipy's quad; a test checks the same choice)."""
    t, n = params.threshold, params.num_perm
    x, w = np.polynomial.legendre.leggauss(n)

    def integral(f, lo: float, hi: float) -> float:
        return float(np.sum(w * f((hi - lo) / 2 * x + (hi + lo) / 2)) * (hi - lo) / 2)

    best, opt = float("inf"), (0, 0)
    for b in range(1, n + 1):
        for r in range(1, n // b + 1):
            fp = integral(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, t)
            fn = integral(lambda s: (1 - s ** float(r)) ** float(b), t, 1.0)
            if fp * 0.5 + fn * 0.5 < best:
                best, opt = fp * 0.5 + fn * 0.5, (b, r)
    return opt


def candidate_pairs(sigs: Sequence[np.ndarray], params: Params = Params(), ask: np.ndarray | None = None
                    ) -> np.ndarray:
    """Pairs (i, j), i < j, of document indices whose windows meet in an LSH bucket (datasketch's banding
    of the signatures) of at most ``params.max_bucket`` windows; each document keeps the
    ``params.max_partners`` partners it meets in the most buckets (so the pairs grow with the corpus,
    not with the square of a level's size). ``ask``: a boolean per document; only pairs with at least
    one asked document (the new ones of an incremental run)."""
    b, r = _bands(params)
    counts = np.array([len(s) for s in sigs], dtype=np.int64)
    if counts.sum() == 0:
        return np.zeros((0, 2), dtype=np.int64)
    n_docs = np.uint64(len(sigs))
    doc = np.repeat(np.arange(len(sigs), dtype=np.uint64), counts)
    allsig = np.concatenate([s for s in sigs if len(s)])  # as they are (uint32): a column at a time widened
    codes = []  # pair (x, y), x < y, as x * n + y; one per band and bucket
    for band in range(b):
        key = np.zeros(len(allsig), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for t in range(band * r, (band + 1) * r):
                key = key * _MULT + allsig[:, t].astype(np.uint64) + np.uint64(1)
        order = np.argsort(key, kind="stable")
        key, d = key[order], doc[order]
        first = run_starts(key)
        group = np.cumsum(first) - 1
        keep = (np.bincount(group) <= params.max_bucket)[group]
        found = []
        for off in range(1, params.max_bucket):
            same = (key[:-off] == key[off:]) & keep[off:]
            if not same.any():
                break
            x, y = d[:-off][same], d[off:][same]
            ok = x != y
            x, y = x[ok], y[ok]
            found.append(np.minimum(x, y) * n_docs + np.maximum(x, y))
        if found:
            codes.append(np.unique(np.concatenate(found)))
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    code, shared = np.unique(np.concatenate(codes), return_counts=True)
    del codes
    x, y = (code // n_docs).astype(np.int64), (code % n_docs).astype(np.int64)
    if ask is not None:
        keep = ask[x] | ask[y]
        x, y, shared = x[keep], y[keep], shared[keep]
    chosen = _top_partners(x, y, shared, params.max_partners) | _top_partners(y, x, shared, params.max_partners)
    return np.stack([x[chosen], y[chosen]], axis=1)


def _top_partners(x: np.ndarray, y: np.ndarray, shared: np.ndarray, k: int) -> np.ndarray:
    """For each x: its k pairs with the most shared buckets (ties: the lower y) -> a mask over the pairs."""
    order = np.lexsort((y, -shared, x))
    xs = x[order]
    start = run_starts(xs)
    rank = np.arange(len(xs)) - np.maximum.accumulate(np.where(start, np.arange(len(xs)), 0))
    mask = np.zeros(len(x), dtype=bool)
    mask[order[rank < k]] = True
    return mask


# --- the whole detection, in a pool of processes ---------------------------------------------------------

_SHARED: dict = {}  # what forked workers read: texts, words, common shingles, params


def _tokenise(name: str) -> Words:
    return words_of(_SHARED["texts"][name], keep_text=False)


def _profile(name: str) -> tuple[Words, "Shingles", np.ndarray]:
    w, params = words_of(_SHARED["texts"][name], keep_text=False), _SHARED["params"]
    g = grams(w, params.k)
    return w, Shingles.of(w, params, g), signatures(w, params, grams_w=g)


def profile_all(texts: Mapping[str, str], names: Sequence[str], params: Params, jobs: int
                ) -> dict[str, tuple[Words, "Shingles", np.ndarray]]:
    """name -> (Words (no text kept), Shingles, signatures) of the given names of ``texts``, computed in the
    workers (read there too: ``texts`` may be a lazy mapping that reads files)."""
    return dict(profiles(texts, names, params, jobs))


def profiles(texts: Mapping[str, str], names: Sequence[str], params: Params, jobs: int
             ) -> Iterator[tuple[str, tuple[Words, "Shingles", np.ndarray]]]:
    """profile_all's items one at a time, in the order of ``names`` (a caller that keeps them elsewhere
    never holds them all)."""
    yield from zip(names, pool_map(_profile, list(names), {"texts": texts, "params": params}, jobs, 64))


def usable_signatures(sigs: np.ndarray, shingles: "Shingles", common: np.ndarray, params: Params) -> np.ndarray:
    """The signatures of the windows that are not mostly common (those that may make a candidate)."""
    return sigs[~shingles.common_windows(common, params)]


@dataclass(frozen=True, eq=False)
class _Prepared:
    """What aligning a document's pairs needs of it, computed once a worker: its shingles, their sorted
    index, and running counts of its unmasked and common shingles (mostly_common in O(1))."""
    grams: np.ndarray
    index: tuple[np.ndarray, np.ndarray]
    unmasked: np.ndarray  # unmasked[i]: unmasked shingles among the first i
    common: np.ndarray    # the same for the common ones

    def mostly_common(self, words: tuple[int, int], k: int) -> bool:
        """mostly_common(w, words, common, params) of this document, from the running counts."""
        s, e = words[0], min(max(words[0], words[1] - k + 1), len(self.grams))
        n = int(self.unmasked[e] - self.unmasked[s])
        return not n or int(self.common[e] - self.common[s]) > n / 2


@lru_cache(maxsize=16)  # pairs come sorted: a document's pairs as a come one after the other
def _prepared(name: str) -> _Prepared:
    g = _grams_of(name)
    unmasked = g != MASK
    common = unmasked & in_sorted(g, _SHARED["common"])
    zero = np.zeros(1, dtype=np.int64)
    return _Prepared(g, _sorted_index(g), np.concatenate([zero, np.cumsum(unmasked)]),
                     np.concatenate([zero, np.cumsum(common)]))


@lru_cache(maxsize=8192)  # a document's shingles as b (8 bytes a word)
def _grams_of(name: str) -> np.ndarray:
    return grams(_SHARED["words"][name], _SHARED["params"].k)


def _align_pairs(chunk: list[tuple[str, str, bool]]) -> list[Passage]:
    words, params = _SHARED["words"], _SHARED["params"]
    out: list[Passage] = []
    for a, b, linked in chunk:
        pa = _prepared(a)
        # unlinked: a passage of common shingles is boilerplate
        keep = None if linked else lambda span, pa=pa: not pa.mostly_common(span, params.k)
        out += align(words[a], words[b], params, a, b, quotes=False, grams_a=pa.grams, grams_b=_grams_of(b),
                     keep=keep, index_a=pa.index, hidden=_SHARED.get("hidden", False))
    return out


def processes() -> int:
    """Worker processes: DIRECTIVE_KG_REUSE_JOBS, else the CPUs (at most 2: the machine is shared)."""
    env = os.environ.get("DIRECTIVE_KG_REUSE_JOBS")
    return max(1, int(env)) if env else max(1, min(2, os.cpu_count() or 1))


def pool_map(function: Callable, items: list, shared: dict, jobs: int, chunk: int) -> Iterable:
    """function over items, in ``jobs`` forked processes that see ``shared`` (one process when small)."""
    import multiprocessing as mp

    _SHARED.update(shared)
    try:
        if jobs <= 1 or len(items) < 2 * chunk or "fork" not in mp.get_all_start_methods():
            for x in items:
                yield function(x)
            return
        # the words, shingles and pairs made since the stage began frozen too (the reuse worker's: all it holds)
        with frozen(collect=False), mp.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:
            yield from pool.imap(function, items, chunksize=chunk)
    finally:
        _SHARED.clear()
        _prepared.cache_clear()
        _grams_of.cache_clear()


def tokenise_all(texts: Mapping[str, str], names: Sequence[str], jobs: int) -> dict[str, Words]:
    """name -> Words (no text kept) of the given names of ``texts`` (read in the workers: ``texts``
    may be a lazy mapping that reads files)."""
    return dict(zip(names, pool_map(_tokenise, list(names), {"texts": texts}, jobs, 64)))


def align_all(words: Mapping[str, Words], pairs: Sequence[tuple[str, str, bool]], common: np.ndarray,
              params: Params, jobs: int, progress: Callable[[int, int], None] | None = None,
              hidden: bool = False) -> list[Passage]:
    """The passages of the (a, b, linked) pairs, aligned in ``jobs`` processes (no quotes). ``hidden``: an
    unlinked pair's passages of mostly common shingles come too, with similarity HIDDEN."""
    chunks = [list(pairs[i:i + 256]) for i in range(0, len(pairs), 256)]
    out: list[Passage] = []
    done = 0
    if progress:
        progress(0, len(pairs))
    for c, found in zip(chunks, pool_map(_align_pairs, chunks, {"words": words, "common": common,
                                                              "params": params, "hidden": hidden}, jobs, 1)):
        out += found
        done += len(c)
        if progress:
            progress(done, len(pairs))
    return out


def with_quotes(passages: Iterable[Passage], texts: Mapping[str, str]) -> list[Passage]:
    """The passages with their quotes, each text read once (NFC, as the spans are)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    passages = list(passages)
    for n, p in enumerate(passages):
        by_doc[p.a].append(n)
        by_doc[p.b].append(n)
    quotes: dict[tuple[int, str], str] = {}
    for name, ns in by_doc.items():
        text = unicodedata.normalize("NFC", texts[name])
        for n in ns:
            p = passages[n]
            quotes[n, "a" if p.a == name else "b"] = text[p.a_start:p.a_end] if p.a == name else text[p.b_start:p.b_end]
            if p.a == p.b == name:
                quotes[n, "b"] = text[p.b_start:p.b_end]
    return [replace(p, a_quote=quotes[n, "a"], b_quote=quotes[n, "b"]) for n, p in enumerate(passages)]


def find_reuse(texts: Mapping[str, str], params: Params = Params(),
               linked: Iterable[tuple[str, str]] = (), quotes: bool = True, jobs: int | None = None) -> list[Passage]:
    """Every passage shared by two documents of ``texts`` (name -> text; may be a lazy mapping that reads
    files). ``linked``: pairs always aligned (a citation links them), whatever the LSH says: text that
    hundreds of documents down a chain copy looks like boilerplate to the index (``max_df``) but is reuse
    along the chain. quotes=False: spans only (the texts are not read again)."""
    jobs = processes() if jobs is None else jobs
    names = list(texts)
    profiles = profile_all(texts, names, params, jobs)
    words = {n: w for n, (w, _, _) in profiles.items()}
    common = common_grams((sh.distinct for _, sh, _ in profiles.values()), len(words), params)
    sigs = [usable_signatures(profiles[n][2], profiles[n][1], common, params) for n in names]
    del profiles
    found = candidate_pairs(sigs, params)
    del sigs
    pairs = {(names[i], names[j]) for i, j in found.tolist()}
    linked_pairs = {(min(a, b), max(a, b)) for a, b in linked if a in words and b in words and a != b}
    todo = [(a, b, (a, b) in linked_pairs) for a, b in sorted({(min(a, b), max(a, b)) for a, b in pairs} | linked_pairs)]
    out = align_all(words, todo, common, params, jobs)
    return with_quotes(out, texts) if quotes else out
