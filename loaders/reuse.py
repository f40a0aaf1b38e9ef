"""Text reuse: the passages two documents share, with character spans in their NFC texts.

Two steps, as in passim and textreuse:
1. Candidates. Each document is cut into overlapping windows of word shingles; each window gets a
   MinHash (datasketch) and goes into an LSH index, so documents that share a window-sized stretch
   of text meet in a bucket without comparing all pairs.
2. Alignment. On each candidate pair, shared word k-grams are seeds; seeds on one diagonal are joined
   into runs and runs into chains across small gaps and shifts (an OCR-broken word, a word inserted
   or dropped), which gives the passage in both texts. Words are folded (case, tone placement,
   diacritics) so that "Hoà"/"hòa" and an OCR-dropped accent still match; spans and quotes come from
   the NFC text.

Boilerplate (data/reference/boilerplate.csv: quốc hiệu, "Nơi nhận", "Như trên", "Lưu VT", signature
capacities) is masked before both steps, and a window shared by too many documents is not a candidate.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from loaders.paths import REFERENCE
from loaders.text import SourceText, unify_tones

_WORD = re.compile(r"\w+")
MASK = None  # a masked word: matches nothing

__all__ = ["Words", "Passage", "Params", "words_of", "fold", "align", "word_map", "find_reuse", "candidate_pairs"]


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
    max_df_share: float = 0.01  # a shingle in more than max(max_df, this share) of the documents: boilerplate


@dataclass(frozen=True)
class Words:
    """A document's words: folded forms (None where masked) and their spans in the NFC text."""
    text: str
    folded: tuple[str | None, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.folded)


@dataclass(frozen=True)
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
    base = unicodedata.normalize("NFD", unify_tones(word).lower())
    return "".join(c for c in base if not unicodedata.combining(c)).replace("đ", "d")


@lru_cache(maxsize=1)
def _boilerplate() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First folded word -> the folded boilerplate phrases starting with it, longest first."""
    with open(REFERENCE / "boilerplate.csv", encoding="utf-8") as f:
        phrases = [tuple(fold(w) for w in _WORD.findall(unicodedata.normalize("NFC", row["phrase"])))
                   for row in csv.DictReader(f)]
    table: dict[str, list] = defaultdict(list)
    for p in phrases:
        if p:
            table[p[0]].append(p)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in table.items()}


def words_of(text: str, mask_boilerplate: bool = True) -> Words:
    source = SourceText.from_text(text)
    matches = list(_WORD.finditer(source.work))
    folded: list[str | None] = [fold(m.group()) for m in matches]
    if mask_boilerplate:
        _mask(folded)
    return Words(source.canonical, tuple(folded), tuple(m.start() for m in matches), tuple(m.end() for m in matches))


def _mask(folded: list[str | None]) -> None:
    table = _boilerplate()
    i = 0
    while i < len(folded):
        for phrase in table.get(folded[i], ()):
            if tuple(folded[i:i + len(phrase)]) == phrase:
                folded[i:i + len(phrase)] = [MASK] * len(phrase)
                i += len(phrase) - 1
                break
        i += 1


# --- alignment -----------------------------------------------------------------------------------

def _grams(w: Words, k: int) -> Iterable[tuple[int, tuple[str, ...]]]:
    f = w.folded
    for i in range(len(f) - k + 1):
        g = f[i:i + k]
        if MASK not in g:
            yield i, g


def align(a: Words, b: Words, params: Params = Params(), a_name: str = "a", b_name: str = "b") -> list[Passage]:
    """The passages of at least ``params.min_words`` words that a and b share, in a's order."""
    k, gap = params.k, params.gap
    index: dict[tuple, list[int]] = defaultdict(list)
    for j, g in _grams(b, k):
        index[g].append(j)
    seeds = [(i, j) for i, g in _grams(a, k) for j in index.get(g, ())[:8]]  # cap: repeated phrases
    # runs: seeds on one diagonal, gaps of at most `gap` words
    seeds.sort(key=lambda s: (s[1] - s[0], s[0]))
    runs: list[list[int]] = []  # [i0, i1, j0, j1)
    for i, j in seeds:
        r = runs[-1] if runs else None
        if r and r[3] - r[1] == j - i and i <= r[1] + gap:
            r[1], r[3] = max(r[1], i + k), max(r[3], j + k)
        else:
            runs.append([i, i + k, j, j + k])
    # chains: runs that continue each other in both texts across a small gap or shift
    runs.sort()
    chains: list[list[int]] = []
    for r in runs:
        best = None
        for c in chains:
            if -k <= r[0] - c[1] <= gap and -k <= r[2] - c[3] <= gap and (best is None or c[1] > best[1]):
                best = c
        if best is not None:
            best[1], best[3] = max(best[1], r[1]), max(best[3], r[3])
        else:
            chains.append(r)
    out = []
    for i0, i1, j0, j1 in _non_overlapping(chains):
        n = min(i1 - i0, j1 - j0)
        if n < params.min_words:
            continue
        sim = SequenceMatcher(None, a.folded[i0:i1], b.folded[j0:j1], autojunk=False).ratio()
        s_a, e_a, s_b, e_b = a.starts[i0], a.ends[i1 - 1], b.starts[j0], b.ends[j1 - 1]
        out.append(Passage(a_name, b_name, s_a, e_a, s_b, e_b, a.text[s_a:e_a], b.text[s_b:e_b], n, round(sim, 3),
                           (i0, i1), (j0, j1)))
    return out


def word_map(a: Words, b: Words, passages: Iterable[Passage]) -> dict[int, int]:
    """Word of a -> the same word of b, inside the given passages (equal folded words only)."""
    out: dict[int, int] = {}
    for p in passages:
        (i0, i1), (j0, j1) = p.a_words, p.b_words
        sm = SequenceMatcher(None, a.folded[i0:i1], b.folded[j0:j1], autojunk=False)
        for blk in sm.get_matching_blocks():
            for t in range(blk.size):
                out[i0 + blk.a + t] = j0 + blk.b + t
    return out


def _non_overlapping(chains: list[list[int]]) -> list[list[int]]:
    """Longest chains first; a chain overlapping a kept one in either text is a shadow of it."""
    kept: list[list[int]] = []
    for c in sorted(chains, key=lambda c: -(c[1] - c[0])):
        if all(c[1] <= o[0] or c[0] >= o[1] for o in kept) and all(c[3] <= o[2] or c[2] >= o[3] for o in kept):
            kept.append(c)
    return sorted(kept)


# --- candidates ------------------------------------------------------------------------------------

def gram_hash(gram: tuple[str, ...]) -> int:
    """A stable 64-bit hash of a shingle (the same in every process, unlike hash())."""
    return int.from_bytes(hashlib.blake2b(" ".join(gram).encode("utf-8"), digest_size=8).digest(), "little")


def common_grams(docs: Mapping[str, Words], params: Params) -> set[int]:
    """Shingles in too many documents (template text, formulas): they make no candidate."""
    df: Counter = Counter()
    for w in docs.values():
        df.update({gram_hash(g) for _, g in _grams(w, params.k)})
    limit = max(params.max_df, params.max_df_share * len(docs))
    return {h for h, n in df.items() if n > limit}


def _windows(w: Words, params: Params, common: set[int] | None = None) -> list[set[bytes]]:
    grams = [" ".join(g).encode("utf-8") for _, g in _grams(w, params.k) if not common or gram_hash(g) not in common]
    if not grams:
        return []
    last = max(len(grams) - params.window, 0)
    starts = list(range(0, last + 1, params.stride))
    if starts[-1] != last:
        starts.append(last)
    return [set(grams[s:s + params.window]) for s in starts]


def candidate_pairs(docs: Mapping[str, Words], params: Params = Params(), common: set[int] | None = None
                    ) -> set[tuple[str, str]]:
    """Pairs of document names (sorted) that share at least one LSH bucket of windows (shingles in
    ``common`` left out)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    hashes: list[tuple[str, object]] = []
    for name, w in docs.items():
        wins = _windows(w, params, common)
        for n, mh in enumerate(MinHash.bulk(wins, num_perm=params.num_perm)):
            key = (name, n)
            lsh.insert(key, mh, check_duplication=False)
            hashes.append((name, mh))
    pairs: set[tuple[str, str]] = set()
    for name, mh in hashes:
        others = {d for d, _ in lsh.query(mh)} - {name}
        if len(others) < params.max_df:
            pairs.update((min(name, o), max(name, o)) for o in others)
    return pairs


def find_reuse(texts: Mapping[str, str], params: Params = Params(),
               linked: Iterable[tuple[str, str]] = ()) -> list[Passage]:
    """Every passage shared by two documents of ``texts`` (name -> text). ``linked``: pairs always
    aligned (a citation links them), whatever the LSH says: text that hundreds of documents down a
    chain copy looks like boilerplate to the index (``max_df``) but is reuse along the chain."""
    docs = {name: words_of(t) for name, t in texts.items()}
    common = common_grams(docs, params)
    pairs = candidate_pairs(docs, params, common)
    linked_pairs = {(min(a, b), max(a, b)) for a, b in linked if a in docs and b in docs and a != b}
    out: list[Passage] = []
    for a, b in sorted(pairs | linked_pairs):
        found = align(docs[a], docs[b], params, a, b)
        if (a, b) not in linked_pairs:  # unlinked: a passage of common shingles is boilerplate
            found = [p for p in found if not _mostly_common(docs[a], p.a_words, common, params)]
        out += found
    return out


def _mostly_common(w: Words, words: tuple[int, int], common: set[int], params: Params) -> bool:
    grams = [g for i, g in _grams(w, params.k) if words[0] <= i and i + params.k <= words[1]]
    return not grams or sum(gram_hash(g) in common for g in grams) > len(grams) / 2
