"""The reuse graphs of a build: every passage two loaded documents share, one graph a file
(dkgid:graph/reuse/<sha256>: the passages of the pairs that file is the first of, by sha256, and its text
length), so that an added file rewrites, loads and validates the graphs of its own pairs only. A pair an
add finds between an added file and one built before goes to the added file's graph (graph_of, the cache's
``owners``): an old file's graph is rewritten only when its own pairs change (a pair gone, passages shown
again, a pair of two old files found). The merged graph is a whole build's; which graph holds such a
pair is not (tests/test_reuse_incremental.py, test_incremental.py compare the lines).

Incremental, and equal to a build without what it keeps. In the store folder:
- ``reuse-cache.pickle``, by file sha256: the MinHash signatures of each document's windows, its
  distinct shingles (numpy arrays), which of them were common and its text length; by pair of sha256,
  the passages found (spans) and what they were computed from; by content hash of a mapped graph, the
  facts read from it (source files, copies, citation edges); by file and pair, what its reuse graph was
  written from last and its fingerprint (file_graphs' memo, "graphs_memo"). A rebuild recomputes only what a new or
  changed document, or a change of the corpus's common shingles, makes stale (detect), and reads only
  the mapped graphs it has not seen. Three files (_save_cache): the arrays in ``reuse-cache.arrays``
  (written only when they changed), the facts and file_graphs' memo in ``reuse-cache.memo`` (the reuse
  stage's only: the worker ahead neither loads nor saves them), the rest in ``reuse-cache.pickle``.
- the map cache (a build) or ``reuse-lines.sqlite`` (reuse_graph), by graph: its N-Triples (quotes
  included) under a digest of what they were written from (file_graphs): a graph an added file does
  not change is kept, its texts not read again.
The passages become triples here, with the document IRIs and the citation paths of the graphs just
mapped (N-Triples scanned with one regex, not parsed: they are ours).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
import tempfile
import zlib
import unicodedata
from collections import defaultdict, deque
from pathlib import Path
from io import StringIO
from functools import lru_cache
from itertools import groupby
from typing import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence, TextIO

import numpy as np

from loaders import identity as ids
from loaders.read import corpus_root
from loaders.workers import give_back_memory
from loaders.reuse import (HIDDEN, GramCounts, Params, Passage, Shingles, Words, in_sorted, align_all,
                           candidate_pairs, processes, profiles, tokenise_all)

REUSE_GRAPH = ids.ID + "graph/reuse"  # each file's reuse graph: REUSE_GRAPH/<sha256> (file_graph_iri)
CACHE_FILE = "reuse-cache.pickle"
CACHE_VERSION = 8  # 4: passages without quotes; 5: what each entry was computed from (equal to a fresh run);
#                    6: passages as tuples, text lengths, the facts of each mapped graph; 7: MinHashes of all
#                    shingles (common windows masked), Shingles, pairs' passages unfiltered (HIDDEN); 8: arrays packed (a cache without "owners", the
#                    file whose graph holds a pair where not its first, has every pair in its first file's graph)
DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
STEPS = 8  # the longest citation path (edges) that makes a passage's ``down`` (_reached)
CITATION_EDGES = tuple(f"<{ELI}{p}>" for p in ("cites", "ensures_implementation_of", "based_on"))

__all__ = ["REUSE_GRAPH", "file_graph_iri", "is_reuse_graph", "graph_of", "file_graphs", "by_pair", "shown_spans",
           "reuse_graph", "reuse_graphs", "warm_cache", "detect_incremental", "write_reuse_triples", "reuse_triples"]

Progress = Callable[[int, int], None]  # (done, total)
CHUNK = 4096  # pairs of files turned into triples at a time (their texts read together)


def _no_progress(done: int, total: int) -> None:
    pass


def detect_incremental(texts: Mapping[str, str], cache_path: Path | None, params: Params = Params(),
                       linked: Iterable[tuple[str, str]] = (), progress: Progress = _no_progress,
                       jobs: int | None = None) -> tuple[list[Passage], dict]:
    """Passages (spans, no quotes: ``write_reuse_triples`` slices them) between the documents of ``texts``
    (sha256 -> text; may be a lazy mapping), names = sha256, in the order of their pair; stats. ``linked`` pairs
    (a citation links them) are always aligned. Shingles in too many documents (counted over the whole
    corpus, from the cache) make no candidate. The cache at ``cache_path`` is read and written (see detect)."""
    cache = _load_cache(cache_path, params)
    stats = detect(texts, cache, params, linked, progress, jobs)
    _save_cache(cache_path, cache)
    return [_passage(pair, t) for pair, spans in shown_spans(cache) for t in spans], stats


def detect(texts: Mapping[str, str], cache: dict, params: Params = Params(),
           linked: Iterable[tuple[str, str]] = (), progress: Progress = _no_progress,
           jobs: int | None = None, ahead: bool = False, words: dict | None = None, spill: Path | None = None
           ) -> dict:
    """detect_incremental with the cache (a dict, _load_cache) in memory, updated in place (its passages:
    shown_spans); stats.

    The same passages as a run without the cache: what the cache keeps is reused only while its inputs
    are unchanged. A document's MinHashes depend on its shingles and on which of them are common now
    (``_common_key``); they are computed again when that changes. The candidates are drawn again from
    every document's signatures (numpy, cheap; a bucket or a partner list changes with new documents).
    A pair's passages depend on the two texts, on whether a citation links them and, if not, on the
    common shingles of its first document; a pair is aligned again when one of those changed. Only the
    texts of new documents, of documents whose common shingles changed and of pairs still to align are
    tokenised. progress(done, total): pairs aligned (a progress bar's hook).

    ``ahead``: a run before the citations are known (warm_cache): the files new to the cache are
    remembered (``added``) for the run that follows, which gives an added file's pairs to its graph
    (_owners) as if this one had not been. ``words``: name -> Words of the texts tokenised already (by
    a run before in this process), completed with those tokenised here. ``spill``: a folder where the new
    documents' words, shingles and MinHashes are written as they are computed (Spill) instead of held."""
    jobs = processes() if jobs is None else jobs
    names = list(texts)
    new = [s for s in names if s not in cache["shingles"]]
    here = set(names)
    added = set(new) | {s for s in cache.pop("added", ()) if s in here}  # new since the last run not ahead
    linked_pairs = {(a, b) if a < b else (b, a) for a, b in linked if a in here and b in here and a != b}
    names_key, inputs = _inputs_key(names, linked_pairs)
    if not new and cache.get("inputs") == inputs:  # the run that left the cache had these inputs: nothing to do
        if ahead:
            cache["added"] = sorted(added)
        return _stats(texts, cache)
    words = {} if words is None else words
    spilled = Spill(spill) if spill is not None and new else None
    for sha, (w, shingles, sigs) in profiles(texts, new, params, jobs):
        cache["lengths"][sha] = w.chars
        if spilled is not None:
            spilled.put(sha, w, shingles, sigs)
        else:
            words[sha], cache["shingles"][sha], cache["signatures"][sha] = w, shingles, sigs
    if spilled is not None:
        spilled.into(words, cache)
    give_back_memory()  # the pages of the profiles' pickles
    cache["gram_counts"] = _gram_counts(cache, names, new)
    common = cache["gram_counts"].common(len(names), params)
    keys = _common_keys(names, cache, common)
    # a change of the common shingles re-masks a document's windows (no text read, no MinHash computed)
    remasked = [s for s in names if s not in words and cache["common"].get(s) != keys[s]]
    masking = [*new, *remasked]
    cache["windows"].update(zip(masking, Shingles.common_windows_all([cache["shingles"][s] for s in masking],
                                                                     common, params)))
    last = cache.get("candidates")
    if not masking and last is not None and last[0] == names_key:  # the same windows of the same documents
        found = last[1]
    else:
        found = candidate_pairs([cache["signatures"][s][~cache["windows"][s]] for s in names], params)
    if spilled is not None:  # mapped again: the pages the counts and the candidates read leave this process
        spilled.into(words, cache)
    same = not masking and last is not None and last[0] == names_key and _same_grams(cache.get("common_grams"), common)
    cache["candidates"] = (names_key, found)
    if same:  # the documents, their windows and candidates of the last run: only the links that changed count
        wanted, kept, todo = _relinked(names, found, linked_pairs, cache["pairs"])
        refiltered = 0
    else:
        wanted = dict.fromkeys(_named_pairs(names, found), False)
        wanted.update(dict.fromkeys(linked_pairs, True))
        kept = {p: entry for p, entry in cache["pairs"].items() if wanted.get(p) == entry[0]}
        kept, refiltered = _filtered(kept, keys, cache, common, params)
        todo = sorted(set(wanted) - set(kept))  # new pairs, and those a passage of which is shown again
    need = sorted({x for pair in todo for x in pair} - set(words))
    words.update(tokenise_all(texts, need, jobs))
    give_back_memory()  # what the steps before freed (the candidates' copies of the MinHashes): before the pool forks
    # an unlinked pair's passages of mostly common shingles come too (similarity HIDDEN, not computed): the
    # boilerplate filter is re-applied from the cache when the common shingles change (_filtered)
    passages = align_all(words, [(a, b, wanted[a, b]) for a, b in todo], common, params, jobs, progress, hidden=True)
    found_spans: dict[tuple[str, str], list] = {pair: [] for pair in todo}
    for p in passages:
        found_spans[min(p.a, p.b), max(p.a, p.b)].append(_spans(p))
    for pair in todo:
        spans = tuple(found_spans.pop(pair))
        kept[pair] = (wanted[pair], spans, None if wanted[pair] else keys[pair[0]],
                      tuple(i for i, t in enumerate(spans) if t[5] != HIDDEN))
    if ahead:
        cache["added"] = sorted(added)
    cache["owners"] = _owners(cache, kept, todo, added)
    cache["pairs"] = kept if same and not todo else {pair: kept[pair] for pair in sorted(kept)}  # kept: sorted
    if not same:  # else in the order of ``names`` already (the last run's, the same)
        cache["signatures"] = {s: cache["signatures"][s] for s in names}
        cache["shingles"] = {s: cache["shingles"][s] for s in names}
        cache["windows"] = {s: cache["windows"][s] for s in names}
        cache["lengths"] = {s: cache["lengths"][s] for s in names}
    cache["common"] = keys
    cache["common_grams"] = common
    cache["inputs"] = inputs
    return _stats(texts, cache, len(new), len(remasked), len(need), len(todo), refiltered)


def _stats(texts: Mapping[str, str], cache: dict, new: int = 0, remasked: int = 0, reread: int = 0,
           aligned: int = 0, refiltered: int = 0) -> dict:
    """detect's figures; ``passages``: those shown_spans gives, counted from the cache's entries."""
    return {"documents": len(texts), "new": new, "remasked": remasked, "reread": reread, "pairs_aligned": aligned,
            "pairs_refiltered": refiltered,
            "passages": sum(len(spans) if linked else len(shown) for linked, spans, _, shown in cache["pairs"].values())}


def _same_grams(before: np.ndarray | None, now: np.ndarray) -> bool:
    return before is not None and np.array_equal(before, now)


def _relinked(names: list[str], found: np.ndarray, linked: set[tuple[str, str]], pairs: dict
              ) -> tuple[dict, dict, list[tuple[str, str]]]:
    """detect's (wanted, kept, todo) when the documents, their common shingles and the candidates ``found``
    are those of the run that left ``pairs`` (the cache's: one entry a pair it wanted, linked as it was
    wanted; no entry stale, the common keys being the same): what differs is the pairs whose link changed,
    so only they are looked at, not every pair (``kept``: a copy of ``pairs`` less those). A pair linked
    now is aligned again unless it was linked; one linked then and not now, again if it is a candidate,
    else dropped. ``wanted``: of the pairs in ``todo`` only."""
    before = {p for p, entry in pairs.items() if entry[0]}
    gained, lost = linked - before, before - linked
    wanted = dict.fromkeys(_candidates_among(names, found, lost), False)
    wanted.update(dict.fromkeys(gained, True))
    kept = dict(pairs)  # in their order (sorted)
    for p in gained | lost:
        kept.pop(p, None)
    return wanted, kept, sorted(wanted)


def _candidates_among(names: list[str], found: np.ndarray, asked: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Those of the ``asked`` pairs of names that are among candidate_pairs' ``found`` (indices into ``names``)."""
    asked = list(asked)
    if not asked or not len(found):
        return []
    at = {name: i for i, name in enumerate(names)}
    n = np.int64(len(names))
    codes = np.sort(found[:, 0].astype(np.int64) * n + found[:, 1])
    i = np.array([at[a] for a, _ in asked], dtype=np.int64)
    j = np.array([at[b] for _, b in asked], dtype=np.int64)
    hit = in_sorted(np.minimum(i, j) * n + np.maximum(i, j), codes)
    return [p for p, h in zip(asked, hit.tolist()) if h]


def _inputs_key(names: list[str], linked: set[tuple[str, str]]) -> tuple[str, str]:
    """Digests of detect's inputs besides the cache: the documents in their order (what candidate_pairs is
    given), and with them the linked pairs. A run whose inputs are those of the run that left the cache
    (no document new) finds what that one found: the reuse stage after the worker's run (warm_cache)."""
    names_key = hashlib.sha256("\n".join(names).encode("utf-8", "surrogatepass")).hexdigest()
    pairs = "\n".join(f"{a} {b}" for a, b in sorted(linked))
    return names_key, hashlib.sha256(f"{names_key}\n{pairs}".encode("utf-8", "surrogatepass")).hexdigest()


def _named_pairs(names: list[str], found: np.ndarray) -> set[tuple[str, str]]:
    """candidate_pairs' pairs of indices into ``names`` -> pairs of names, the lower first (each name
    ranked once: no comparison of names a pair)."""
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names), dtype=np.int64)
    ranked = [names[i] for i in order]
    r = rank[found.reshape(-1, 2)]
    low, high = r.min(axis=1).tolist(), r.max(axis=1).tolist()
    return set(zip(map(ranked.__getitem__, low), map(ranked.__getitem__, high)))


_WARM: dict = {}  # (cache file, params) -> (the cache, the Words tokenised) between warm_cache's calls in a process


def warm_cache(texts: Mapping[str, str], store_dir: Path, linked: Iterable[tuple[str, str]] = (),
               params: Params = Params(), last: bool = True) -> dict:
    """What the reuse stage computes from the texts, computed ahead (beside the mapping, before the
    mapped graphs tell which documents cite which) into the reuse cache of ``store_dir``: every
    document's shingles and MinHashes, and the passages of the candidate pairs and of the ``linked``
    ones (a guess: those the cache knew linked are too). The reuse stage then aligns only the pairs
    whose link this guessed wrong; a memo: the graphs are the same. Not ``last``: the cache is not
    saved but kept in this process with the words tokenised, for the next call (the linked pairs known
    later: only they are aligned then; the words are kept: they span nearly every document, tokenised
    again they cost CPU and, at 30k, 78 MB more at the worker's peak). Freed pages go back to the system
    after each call (an idle worker: 191 -> 91 MB at 10k)."""
    path = Path(store_dir) / CACHE_FILE
    cache, words = _WARM.pop((path, params), None) or (_load_cache(path, params, memo=False), {})
    linked = [*linked, *(p for p, (was_linked, *_) in cache["pairs"].items() if was_linked)]
    stats = detect(texts, cache, params, linked, ahead=True, words=words, spill=Path(store_dir))
    if last:
        del words  # before the save, which packs the arrays (a copy of them) and pickles the cache
        give_back_memory()
        _save_cache(path, cache)
        del cache
    else:
        _WARM[path, params] = cache, words
    give_back_memory()
    return stats


class Spill:
    """Documents' words, shingles and MinHashes written to unnamed files in a folder (one a field and
    dtype, gone when closed) as they are computed, and read back as views of their memory maps: pages the
    kernel reads in when touched and takes back when mapped again (``into`` again), not this process's
    own memory. The reuse worker holds every document's (30k: 240 MB) while the map stage runs beside
    it; what it touches at a time is what a step reads (the candidates: the MinHashes; an alignment: the
    words of its pairs). Views of one map each, in the order written: the cache's save packs them
    without a copy (_joined)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._files: dict[tuple, list] = {}   # (field, dtype, row shape) -> [file, rows]
        self._where: dict[str, list] = {}     # name -> [(file key, start, end) a field], its text length

    def put(self, name: str, w: Words, shingles: Shingles, sigs: np.ndarray) -> None:
        arrays = {"ids": w.ids, "starts": w.starts, "ends": w.ends, "distinct": shingles.distinct,
                  "at": shingles.at, "signatures": sigs}
        where = []
        for field, a in arrays.items():
            key = (field, a.dtype.str, a.shape[1:])
            if key not in self._files:
                self._files[key] = [tempfile.TemporaryFile(dir=self.folder), 0]
            f = self._files[key]
            f[0].write(np.ascontiguousarray(a).tobytes())
            where.append((key, f[1], f[1] + len(a)))
            f[1] += len(a)
        self._where[name] = [where, w.chars]

    def into(self, words: dict, cache: dict) -> None:
        """Each document's Words in ``words``, its Shingles and signatures in ``cache``: views of the
        files mapped now (those of a mapping before are dropped with it)."""
        maps = {}
        for key, (f, rows) in self._files.items():
            f.flush()
            dtype, shape = np.dtype(key[1]), (rows, *key[2])
            # views of a plain ndarray: 120 bytes a view, a memmap's 488 (six a document)
            maps[key] = np.memmap(f, dtype=dtype, mode="r", shape=shape).view(np.ndarray) if rows else np.zeros(shape, dtype)
        for name, (where, chars) in self._where.items():
            ids, starts, ends, distinct, at, sigs = (maps[key][start:end] for key, start, end in where)
            words[name] = Words("", ids, starts, ends, chars)
            cache["shingles"][name], cache["signatures"][name] = Shingles(distinct, at), sigs


def shown_spans(cache: dict) -> Iterator[tuple[tuple[str, str], tuple[tuple, ...]]]:
    """(pair, what the cache keeps of each passage it writes: _spans) of the pairs with a passage shown, in
    the order of the pairs: every passage of a linked pair, an unlinked one's not mostly common."""
    for pair, (linked, spans, _, shown) in cache["pairs"].items():  # kept sorted (detect)
        written = spans if linked else tuple(spans[i] for i in shown)
        if written:
            yield pair, written


def _owners(cache: dict, kept: Mapping[tuple[str, str], tuple], todo: Iterable[tuple[str, str]], new: set[str]
            ) -> dict[tuple[str, str], str]:
    """Pair -> the file whose reuse graph holds it, where that is not its first file (graph_of): a pair found
    for the first time between a file built before and an added one goes to the added file's graph, so
    that an add leaves the graphs of the files built before as they were unless their own pairs change.
    A pair keeps its file while it is found (a build from nothing: every pair its first file's); the
    merged graph is the same whichever file holds it."""
    before, known = cache["owners"], cache["pairs"]
    owners = {pair: before[pair] for pair in kept if pair in before}  # kept: every pair found now
    for pair in todo:
        if pair not in known and pair[1] in new and pair[0] not in new:
            owners[pair] = pair[1]
    return owners


def _gram_counts(cache: dict, names: list[str], new: list[str]) -> GramCounts:
    """In how many of the documents ``names`` each shingle is: the cached counts (of the documents cached
    before this run) with the ``new`` ones added and the ones gone taken out; counted over all without them."""
    before = cache.get("gram_counts")
    if before is None:
        return GramCounts.of(cache["shingles"][s].distinct for s in names)
    here = set(names)
    gone = [s for s in cache["shingles"] if s not in here]
    if not new and not gone:
        return before  # the same documents (counts are > 0: adding none changes nothing)
    counts = before.plus(GramCounts.of(cache["shingles"][s].distinct for s in new))
    return counts.plus(GramCounts.of(cache["shingles"][s].distinct for s in gone), -1) if gone else counts


def _filtered(pairs: dict, keys: Mapping[str, str], cache: dict, common: np.ndarray, params: Params
              ) -> tuple[dict, int]:
    """The cache entries (linked, spans of all its passages, key, shown) of the pairs that need no alignment:
    ``shown`` the passages of an unlinked pair that are not mostly common in its first document
    (reuse.mostly_common), found again from its Shingles (no text read) when that document's common key
    changed since; a pair one of whose passages is shown again without its similarity (HIDDEN) is left
    out (aligned again). How many pairs were filtered again."""
    stale = sorted(pair for pair, (linked, _, key, _) in pairs.items() if not linked and key != keys[pair[0]])
    if not stale:
        return pairs, 0
    out = dict(pairs)
    test, of = None, None
    for pair in stale:  # sorted: one document's running counts at a time
        linked, spans, key, shown = pairs[pair]
        if of != pair[0]:
            test, of = cache["shingles"][pair[0]].mostly_common(common, params), pair[0]
        shown, key = tuple(i for i, t in enumerate(spans) if not test((t[6], t[7]))), keys[pair[0]]
        if any(spans[i][5] == HIDDEN for i in shown):
            del out[pair]
        else:
            out[pair] = (linked, spans, key, shown)
    return out, len(stale)


def _spans(p: Passage) -> tuple:
    """What the cache keeps of a passage (a tuple pickles several times faster than the dataclass)."""
    return (p.a_start, p.a_end, p.b_start, p.b_end, p.words, p.similarity, *p.a_words, *p.b_words)


def _passage(pair: tuple[str, str], t: tuple) -> Passage:
    return Passage(pair[0], pair[1], t[0], t[1], t[2], t[3], "", "", t[4], t[5], (t[6], t[7]), (t[8], t[9]))


def _common_keys(names: list[str], cache: dict, common: np.ndarray) -> dict[str, str]:
    """_common_key of each document; the cached one when none of the shingles that turned common or
    stopped being common since the cache was written is among its own (one pass over all shingles, not
    a search a document)."""
    before = cache.get("common_grams")
    known = [s for s in names if s in cache["common"]] if before is not None else []
    changed = np.setxor1d(before, common, assume_unique=True) if before is not None else common
    keys = {}
    if known and len(changed):
        grams = [cache["shingles"][s].distinct for s in known]
        hit = in_sorted(np.concatenate(grams), changed)  # setxor1d is sorted
        owner = np.repeat(np.arange(len(known)), [len(g) for g in grams])
        touched = set(np.unique(owner[hit]).tolist())
        keys = {s: cache["common"][s] for n, s in enumerate(known) if n not in touched}
    elif known:
        keys = {s: cache["common"][s] for s in known}
    todo = [s for s in names if s not in keys]
    keys.update(zip(todo, _common_key_all([cache["shingles"][s].distinct for s in todo], common)))
    return {s: keys[s] for s in names}


def _common_key_all(grams: list[np.ndarray], common: np.ndarray) -> list[str]:
    """_common_key of each of the documents' distinct shingles, with one search over them all."""
    if not grams:
        return []
    every = np.concatenate(grams)
    hit = in_sorted(every, common)
    mine = np.ascontiguousarray(every[hit], dtype=np.uint64)
    bounds = np.concatenate([[0], np.cumsum(hit)])[np.concatenate([[0], np.cumsum([len(g) for g in grams])])]
    return [hashlib.sha256(mine[bounds[n]:bounds[n + 1]].tobytes()).hexdigest()[:32] for n in range(len(grams))]


def _common_key(grams: np.ndarray, common: np.ndarray) -> str:
    """A digest of which of a document's distinct shingles are common in the corpus now: which of its
    windows are masked and the boilerplate filter of its pairs depend on nothing else of the corpus."""
    mine = grams[np.isin(grams, common, assume_unique=True)] if len(common) else grams[:0]
    return hashlib.sha256(np.ascontiguousarray(mine, dtype=np.uint64).tobytes()).hexdigest()[:32]


ARRAYS_SUFFIX = ".arrays"  # beside CACHE_FILE: the per-file arrays, rewritten only when they changed (_save_cache)
MEMO_SUFFIX = ".memo"  # beside CACHE_FILE: what only the reuse stage reads (MEMO_KEYS), not the worker ahead
MEMO_KEYS = ("facts", "graphs_memo")
TOKEN = "arrays token"  # the cache's key naming the arrays file it goes with


def _load_cache(path: Path | None, params: Params, memo: bool = True) -> dict:
    """The reuse cache of ``path`` (empty when missing, foreign or damaged), in three files: the pairs and
    the other Python objects (``path``), the per-file arrays (ARRAYS_SUFFIX, the one whose token the first
    names) and, with ``memo``, the memos of the reuse stage (MEMO_SUFFIX: MEMO_KEYS, empty when missing;
    without ``memo`` the cache has none and its save leaves that file as it is: the worker ahead)."""
    empty = {"version": CACHE_VERSION, "params": params, "signatures": {}, "shingles": {}, "windows": {},
             "common": {}, "pairs": {}, "owners": {}, "lengths": {}}
    if memo:
        empty.update(facts={}, graphs_memo={})
    if path is None or not path.exists():
        return empty
    try:
        with open(path, "rb") as f:
            cache = pickle.load(f)
        if isinstance(cache, dict) and "signatures" not in cache:  # the arrays in their own file (not cache version 8's)
            with open(path.with_suffix(ARRAYS_SUFFIX), "rb") as f:
                arrays = pickle.load(f)
            if not isinstance(arrays, dict) or arrays.get(TOKEN) != cache.get(TOKEN):
                return empty
            cache.update((k, v) for k, v in arrays.items() if k != TOKEN)
    except Exception:  # a broken or foreign cache is rebuilt, never trusted
        return empty
    if not isinstance(cache, dict) or cache.get("version") != CACHE_VERSION or cache.get("params") != params:
        return empty
    cache.setdefault("owners", {})
    if memo:
        kept = _load_memo(path) if not all(k in cache for k in MEMO_KEYS) else {}
        for k in MEMO_KEYS:
            cache.setdefault(k, kept.get(k, {}))
    else:
        for k in MEMO_KEYS:
            cache.pop(k, None)
    try:
        return _unpacked(cache)
    except (KeyError, TypeError, ValueError):
        return empty


def _load_memo(path: Path) -> dict:
    """MEMO_KEYS as the reuse stage saved them; {} when missing or damaged (memos: computed again)."""
    try:
        with open(path.with_suffix(MEMO_SUFFIX), "rb") as f:
            kept = pickle.load(f)
    except Exception:
        return {}
    return kept if isinstance(kept, dict) and all(isinstance(kept.get(k), dict) for k in MEMO_KEYS) else {}


def _save_cache(path: Path | None, cache: dict) -> None:
    """The cache in _load_cache's files: the arrays' file only when its arrays are not those loaded (the
    reuse stage after the worker: 130 MB at 30k documents not written again), the memos' only when the
    cache has them; the objects last, naming the arrays' file (a save stopped halfway: a cache rebuilt)."""
    if path is None:
        return
    objects, arrays, same = _packed(cache)
    if same and cache.get(TOKEN) and path.with_suffix(ARRAYS_SUFFIX).exists():
        objects[TOKEN] = cache[TOKEN]
    else:
        objects[TOKEN] = arrays[TOKEN] = os.urandom(16).hex()
        _write_pickle(path.with_suffix(ARRAYS_SUFFIX), arrays)
    if all(k in objects for k in MEMO_KEYS):
        _write_pickle(path.with_suffix(MEMO_SUFFIX), {k: objects.pop(k) for k in MEMO_KEYS})
    _write_pickle(path, objects)


def _write_pickle(path: Path, value) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")  # two processes may write it (warm_cache)
    with open(tmp, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


# A file's arrays in the cache, kept as one array of each dtype for all files (with each file's position and
# length): pickling and unpickling a numpy array costs microseconds of its own, a file had four of them.
_ARRAYS = {"signatures": lambda v: v, "windows": lambda v: v, "distinct": lambda v: v.distinct, "at": lambda v: v.at}
_SOURCE = {"signatures": "signatures", "windows": "windows", "distinct": "shingles", "at": "shingles"}


def _packed(cache: dict) -> tuple[dict, dict, bool]:
    """The cache as pickled: (its objects, its per-file arrays packed (_pack), whether those are the very
    arrays loaded, in the same order (_unpacked's LOADED: a run that added no document): then packed as
    they were loaded)."""
    loaded = cache.get(LOADED, {})
    out = {k: v for k, v in cache.items() if k not in _SOURCE.values() and k not in (LOADED, TOKEN)}
    arrays, all_same = {}, True
    for field, get in _ARRAYS.items():
        of = cache[_SOURCE[field]]
        names, values = list(of), [get(v) for v in of.values()]
        was = loaded.get(field)
        same = was is not None and was[0] == names and all(a is b for a, b in zip(values, was[2]))
        arrays[field] = (names, was[1] if same else _pack(values))
        all_same = all_same and same
    return out, arrays, all_same


LOADED = "loaded arrays"  # the cache's key (not saved) of each field's (names, packed, views) as loaded


def _unpacked(cache: dict) -> dict:
    """The cache as _packed wrote it, its per-file arrays views of the packed ones."""
    arrays = {}
    loaded = {}
    for field in _ARRAYS:
        names, packed = cache.pop(field)
        views = _unpack(packed, len(names))
        loaded[field] = (names, packed, views)
        arrays[field] = dict(zip(names, views))
    cache[LOADED] = loaded
    cache["signatures"], cache["windows"] = arrays["signatures"], arrays["windows"]
    cache["shingles"] = {s: Shingles(d, arrays["at"][s]) for s, d in arrays["distinct"].items()}
    return cache


def _pack(arrays: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Arrays (along their first axis) as one array a dtype: (their positions, their lengths, the data)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, a in enumerate(arrays):
        groups[a.dtype.str].append(n)
    return [(np.array(ns, dtype=np.int64), np.array([len(arrays[n]) for n in ns], dtype=np.int64),
             np.asarray(_joined([arrays[n] for n in ns]))) for ns in groups.values()]  # a Spill's: not a memmap


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    """The arrays one after the other: np.concatenate's, or, when they lie one after the other in one
    array already (those of a cache loaded and saved again: _unpack's views), a view of it, not a copy
    (the cache of 30,000 documents: 110 MB less at its save)."""
    first = arrays[0] if arrays else None
    base = first.base if first is not None and isinstance(first.base, np.ndarray) else None
    if base is None or base.dtype != first.dtype or not base.flags.c_contiguous:
        return np.concatenate(arrays)
    size = first.itemsize * int(np.prod(first.shape[1:], dtype=np.int64))  # bytes a row
    start = at = first.__array_interface__["data"][0]
    for a in arrays:
        if a.base is not base or a.shape[1:] != first.shape[1:] or not a.flags.c_contiguous \
                or (len(a) and a.__array_interface__["data"][0] != at):
            return np.concatenate(arrays)
        at += len(a) * size
    flat = base.reshape(-1)
    offset = (start - flat.__array_interface__["data"][0]) // first.itemsize
    return flat[offset:offset + (at - start) // first.itemsize].reshape(-1, *first.shape[1:])


def _unpack(packed: list[tuple[np.ndarray, np.ndarray, np.ndarray]], count: int) -> list[np.ndarray]:
    """The ``count`` arrays _pack was given, as views of its data."""
    out: list = [None] * count
    for positions, lengths, data in packed:
        ends = np.cumsum(lengths).tolist()
        for n, start, end in zip(positions.tolist(), [0, *ends[:-1]], ends):
            out[n] = data[start:end]
    if any(a is None for a in out):
        raise ValueError("a packed array is missing")
    return out


# --- documents and citation paths from the mapped graphs ---------------------------------------------

_FACT = re.compile(r"(<[^>]*>) (<%s>|%s|%s) (<[^>]*>) \." % (
    re.escape(DKG + "sourceFile"), re.escape(RDF_TYPE), "|".join(re.escape(p) for p in CITATION_EDGES)))
# what a line of graph_facts holds: the text is searched for these (a line each regex match would try is
# most of a graph: every rdf:type line, of which only dkg:Copy counts)
_FACT_NEEDLES = (f"> <{DKG}sourceFile> <", f"> {RDF_TYPE} <{DKG}Copy> .", *(f"> {p} <" for p in CITATION_EDGES))


def graph_facts(text: str) -> tuple[tuple[str, str], ...]:
    """The (subject, predicate, object) lines of a graph that documents_and_edges reads: dkg:sourceFile,
    rdf:type dkg:Copy and the citation edges to IRIs, in the order of the text (the lines holding one of
    _FACT_NEEDLES found with str.find, each matched with _FACT: no regex run over the whole text)."""
    copy_type = f"<{DKG}Copy>"
    found = []
    for needle in _FACT_NEEDLES:
        at = text.find(needle)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            m = _FACT.fullmatch(text, start, end)
            if m is not None and (m[2] != RDF_TYPE or m[3] == copy_type):
                found.append((start, m.groups()))
            at = text.find(needle, end)
    return tuple(fact for _, fact in sorted(found))


def documents_and_edges(graphs: Mapping[str, str], memo: dict | None = None
                        ) -> tuple[dict[str, str], dict[str, set[str]]]:
    """source IRI -> document IRI (the original, not a copy), and citing document -> cited documents.
    ``memo``: content hash of a graph -> its graph_facts, updated (only the graphs of this build kept):
    a graph whose hash it knows is not read (``graphs.digest(g)`` when the mapping offers it)."""
    described: list[tuple[str, str]] = []
    copies: set[str] = set()
    edges: dict[str, set[str]] = defaultdict(set)
    source_file = f"<{DKG}sourceFile>"
    digest = getattr(graphs, "digest", None) if memo is not None else None
    seen: dict = {}
    for g in graphs:
        key = digest(g) if digest is not None else None
        facts = memo.get(key) if key is not None else None
        if facts is None:
            facts = graph_facts(graphs[g])
        if key is not None:
            seen[key] = facts
        for s, p, o in facts:
            if p == source_file:
                described.append((o, s))
            elif p == RDF_TYPE:
                copies.add(s)
            else:
                edges[s].add(o)
    if memo is not None:
        memo.clear()
        memo.update(seen)
    doc_of: dict[str, str] = {}
    for src, d in sorted(described):
        if d not in copies:
            doc_of.setdefault(src, d)
    return doc_of, edges


def _reached(edges: Mapping[str, set[str]], limit: int = STEPS) -> Callable[[str], frozenset[str]]:
    """a -> the documents a citation path of at most ``limit`` edges leads to from a (a itself included),
    remembered for the last few thousand a: a file's pairs come one after the other."""
    @lru_cache(maxsize=4096)
    def reached(a: str) -> frozenset[str]:
        return frozenset(_within({a}, edges, limit))
    return reached


def _within(start: set[str], edges: Mapping[str, Iterable[str]], limit: int) -> set[str]:
    """The nodes at most ``limit`` edges from one of ``start`` (those included)."""
    seen, todo = set(start), deque((x, 0) for x in start)
    while todo:
        x, d = todo.popleft()
        if d < limit:
            for y in edges.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    todo.append((y, d + 1))
    return seen


# --- triples ---------------------------------------------------------------------------------------------

def _lit(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def reuse_node(a: str, b: str, a_start: int, a_end: int, b_start: int, b_end: int) -> str:
    """The IRI of the dkg:TextReuse of a passage between files a and b (sha256) at those spans."""
    key = f"{a}:{a_start}:{a_end}:{b}:{b_start}:{b_end}"
    return f"{ids.ID}reuse/{hashlib.sha256(key.encode()).hexdigest()[:20]}"


def _passage_lines(p: Passage, doc_a: str, doc_b: str, down: str | None, quote_a: str, quote_b: str) -> list[str]:
    """The N-Triples lines of one passage between two loaded documents (``down``: the one that cites the
    other, if a citation path links them)."""
    src_a, src_b = f"<{ids.source_iri(p.a)}>", f"<{ids.source_iri(p.b)}>"
    node = reuse_node(p.a, p.b, p.a_start, p.a_end, p.b_start, p.b_end)
    r = f"<{node}>"
    lines = [f"{r} {RDF_TYPE} <{DKG}TextReuse> .",
             f'{r} <{DKG}wordCount> "{p.words}"^^<{XSD}integer> .',
             f'{r} <{DKG}similarity> "{p.similarity:.3f}"^^<{XSD}decimal> .']
    lines.append(f'{r} <{DKG}linkedByCitation> "{"true" if down else "false"}"^^<{XSD}boolean> .')
    if down:
        lines.append(f"{r} <{DKG}downstreamDocument> {down} .")
    for side, src, doc, start, end, quote in (("a", src_a, doc_a, p.a_start, p.a_end, quote_a),
                                              ("b", src_b, doc_b, p.b_start, p.b_end, quote_b)):
        # one node a passage, the span written on it as on a dkg:Evidence (web-annotation.rq: oa: form)
        t = f"<{node}/{side}>"
        lines += [f"{r} <{DKG}passage> {t} .", f"{t} <{DKG}passageOf> {doc} .",
                  f"{t} <{DKG}quotedFrom> {src} .", f"{t} <{DKG}quote> {_lit(quote)} .",
                  f'{t} <{DKG}start> "{start}"^^<{XSD}integer> .', f'{t} <{DKG}end> "{end}"^^<{XSD}integer> .']
    return lines


LINES_FILE = "reuse-lines.sqlite"
LINES_VERSION = "2"  # of _passage_lines and the graph a file: a change of the lines written must change it


def file_graph_iri(sha: str) -> str:
    """The reuse graph of a file (sha256): the passages of the pairs it is the first of, its text length."""
    return f"{REUSE_GRAPH}/{sha}"


def graph_of(pair: tuple[str, str], owners: Mapping[tuple[str, str], str] = {}) -> str:
    """The reuse graph a pair of files (sha256, sorted) is written in: its first file's, or the one
    ``owners`` (the reuse cache's, _owners) names."""
    return file_graph_iri(owners.get(pair, pair[0]))


def is_reuse_graph(graph: str) -> bool:
    return graph.startswith(REUSE_GRAPH + "/")


class PairLines:
    """``PATH/reuse-lines.sqlite``: the N-Triples of each file's reuse graph (zlib), under its fingerprint
    (file_graphs): a graph an added file does not change is copied, its texts not read again. (A build
    keeps them in its map cache instead: reuse_graphs ``into``.) Any failure of the file: the lines are
    written from the texts, as without it."""

    def __init__(self, path: Path | None):
        self.path, self._db, self._seen = path, None, set()
        if path is None:
            return
        try:
            self._db = sqlite3.connect(str(path))
            self._db.execute("CREATE TABLE IF NOT EXISTS lines (pair TEXT PRIMARY KEY, how TEXT, text BLOB)")
        except sqlite3.Error:
            self._set_aside()

    def _set_aside(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None
        try:
            if self.path is not None:
                self.path.unlink(missing_ok=True)  # rebuilt on the next build
        except OSError:
            pass

    def get(self, key: str, how: str) -> str | None:
        """The lines kept under ``key`` if they were written under the same ``how``."""
        self._seen.add(key)
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT how, text FROM lines WHERE pair = ?", (key,)).fetchone()
            return zlib.decompress(row[1]).decode("utf-8") if row is not None and row[0] == how else None
        except (sqlite3.Error, zlib.error, UnicodeDecodeError):
            return None

    def put(self, key: str, how: str, text: str) -> None:
        if self._db is not None:
            try:
                self._db.execute("INSERT OR REPLACE INTO lines VALUES (?, ?, ?)",
                                 (key, how, zlib.compress(text.encode("utf-8"), 1)))
            except sqlite3.Error:
                self._set_aside()

    def close(self) -> None:
        """Drop the keys not asked for in this build, commit."""
        if self._db is None:
            return
        try:
            gone = [(k,) for (k,) in self._db.execute("SELECT pair FROM lines") if k not in self._seen]
            self._db.executemany("DELETE FROM lines WHERE pair = ?", gone)
            self._db.commit()
            self._db.close()
            self._db = None
        except sqlite3.Error:
            self._set_aside()


def _chunk_texts(names: Iterable[str], texts: Mapping[str, str]) -> dict[str, str]:
    """The NFC text (the one the spans count in) of the given documents, each read once."""
    return {n: unicodedata.normalize("NFC", texts[n]) for n in sorted(set(names))}


def _length_line(sha: str, n: int) -> str:
    return f'<{ids.source_iri(sha)}> <{DKG}textLength> "{n}"^^<{XSD}integer> .\n'


Keep = Callable[[Mapping[str, str]], set[str]]  # {graph: fingerprint} -> the graphs kept as they were (nothing to write)
ASKED = 512  # files whose graphs are asked of ``keep`` at a time (one map-cache query, not one a file)


def by_pair(passages: Iterable[Passage]) -> Iterator[tuple[tuple[str, str], list[Passage]]]:
    """(pair, its passages) of passages that come in the order of their pair (file_graphs' input)."""
    for pair, group in groupby(passages, key=lambda p: (p.a, p.b)):
        yield pair, list(group)


def _documented(pairs: Iterable[tuple[tuple[str, str], Sequence]], docs: Mapping[str, str]
                ) -> Iterator[tuple[tuple[str, str], Sequence, str, str]]:
    """(pair, its passages, document of a, document of b) of the pairs a reuse graph holds: both files
    documents known in ``docs`` (source IRI -> doc), not the same one."""
    doc_of: dict[str, str | None] = {}
    for (a, b), group in pairs:
        if a not in doc_of:
            doc_of[a] = docs.get(f"<{ids.source_iri(a)}>")
        if b not in doc_of:
            doc_of[b] = docs.get(f"<{ids.source_iri(b)}>")
        doc_a, doc_b = doc_of[a], doc_of[b]
        if doc_a is not None and doc_b is not None and doc_a != doc_b:
            yield (a, b), group, doc_a, doc_b


PASSAGES_FILE = "reuse-passages.npz"  # the passages the reuse graphs hold, as arrays (write_passages)


def node_digest(nodes: Iterable[str]) -> tuple[int, int]:
    """(count, sum of each IRI's 64-bit blake2b mod 2**64) of distinct reuse node IRIs: whether the
    arrays of write_passages describe the reuses a store holds (directive_kg.doc_tables)."""
    total = count = 0
    for node in nodes:
        total += int.from_bytes(hashlib.blake2b(node.encode(), digest_size=8).digest(), "little")
        count += 1
    return count, total % (1 << 64)


def write_passages(store_dir: Path, pairs: Iterable[tuple[tuple[str, str], Sequence[tuple]]], docs: Mapping[str, str],
                   stamp: str | None = None) -> None:
    """The passages of the reuse graphs (``pairs`` as shown_spans gives them, ``docs`` as file_graphs
    takes it) as arrays in store_dir/PASSAGES_FILE: each reuse's two documents (indices into
    ``documents``, IRIs without brackets), its spans, its similarity in thousandths (as written:
    "%.3f"), node_digest of its nodes, and ``stamp``, the build's (its xsd:dateTime, "" when none) whose
    load these graphs go to, so that the tables stage sums them without asking the store for every
    passage (doc_tables: reuse-levels) and, in that build, without scanning its reuse nodes."""
    index: dict[str, int] = {}
    seen: set[str] = set()
    rows: list[tuple[int, ...]] = []
    for (a, b), spans, doc_a, doc_b in _documented(pairs, docs):
        for t in spans:
            node = reuse_node(a, b, t[0], t[1], t[2], t[3])
            if node in seen:
                continue
            seen.add(node)
            rows.append((index.setdefault(doc_a[1:-1], len(index)), index.setdefault(doc_b[1:-1], len(index)),
                         t[0], t[1], t[2], t[3], int(f"{t[5]:.3f}".replace(".", ""))))
    count, total = node_digest(seen)
    table = np.array(rows, dtype=np.int64).reshape(len(rows), 7)
    tmp = Path(store_dir) / f"{PASSAGES_FILE}.{os.getpid()}.part"
    with open(tmp, "wb") as f:
        np.savez(f, passages=table, documents=np.array(list(index), dtype=str),
                 digest=np.array([count, total], dtype=np.uint64), stamp=np.array(stamp or ""))
    os.replace(tmp, Path(store_dir) / PASSAGES_FILE)


def file_graphs(pairs: Iterable[tuple[tuple[str, str], Sequence[Passage | tuple]]], docs: Mapping[str, str],
                edges: Mapping[str, set[str]],
                texts: Mapping[str, str] | None = None, lengths: Mapping[str, int] | None = None,
                keep: Keep | None = None, owners: Mapping[tuple[str, str], str] = {},
                memo: MutableMapping | None = None) -> Iterator[tuple[str, str, str | None]]:
    """(graph, fingerprint, N-Triples or None when ``keep`` kept it) of each file's reuse graph, in the order
    of the files' sha256: the passages of the pairs it holds (graph_of with ``owners``), between documents
    known in ``docs`` (source IRI -> doc), each passage's lines sorted; ``pairs``: (pair of sha256, its
    passages, as Passage or as the cache keeps them: _spans, made Passages only for a graph written), in
    the order of the pairs (by_pair, shown_spans); then its dkg:textLength when
    ``lengths`` (sha256 -> length of the NFC text of every loaded file) is given. One graph a file, so that
    an added file rewrites the graphs of its own pairs only. The quotes are sliced from ``texts`` (NFC, as
    the spans count) about CHUNK pairs at a time, or taken from the passages when ``texts`` is None. The
    fingerprint: a digest of all a graph is written from (spans, the two document IRIs, the citation path,
    the length; the quotes follow from the spans, the files being named by content hash). ``memo`` (the
    reuse cache's "graphs_memo", updated once all is given): what this wrote last (_GraphsMemo), so that a file
    whose graph is written from the same as then takes its fingerprint from there and a pair whose documents'
    citation paths did not change its ``down``."""
    held: dict[str, list] = defaultdict(list)  # file -> [(pair, passages, doc_a, doc_b, down)] of its graph
    reached = _reached(edges)
    last = _GraphsMemo(memo, edges)
    for (a, b), group, doc_a, doc_b in _documented(pairs, docs):
        owner = owners.get((a, b), a)
        down = last.down((a, b), doc_a, doc_b, owner, group)
        if down is _UNKNOWN:
            down = doc_a if doc_b in reached(doc_a) else doc_b if doc_a in reached(doc_b) else None
            last.computed((a, b), doc_a, doc_b, owner, group, down)
        held[owner].append(((a, b), group, doc_a, doc_b, down))
    files = sorted(set(held) | set(lengths or ()))
    todo: list[tuple[str, str, list, int | None]] = []
    waiting = 0  # pairs in todo
    for at in range(0, len(files), ASKED):
        batch = []
        for sha in files[at:at + ASKED]:
            mine = held.pop(sha, [])
            length = None if lengths is None else lengths.get(sha)
            fingerprint = last.fingerprint(sha, length, mine)
            if fingerprint is None:
                fingerprint = last.fingerprinted(sha, length, mine, _fingerprint(sha, length, mine))
            batch.append((file_graph_iri(sha), fingerprint, mine, length))
        kept = keep({graph: fingerprint for graph, fingerprint, _, _ in batch}) if keep is not None else set()
        for graph, fingerprint, mine, length in batch:
            if graph in kept:
                yield graph, fingerprint, None
                continue
            todo.append((graph, fingerprint, mine, length))
            waiting += len(mine)
            if waiting >= CHUNK:
                yield from _written(todo, texts)
                todo, waiting = [], 0
    yield from _written(todo, texts)
    last.save(memo, edges)


def _fingerprint(sha: str, length: int | None, mine: list) -> str:
    """A digest of all a file's reuse graph is written from (file_graphs)."""
    return hashlib.sha256(repr((LINES_VERSION, sha, length, [
        (pair, doc_a, doc_b, down, [_spans(p) if isinstance(p, Passage) else p for p in ps])
        for pair, ps, doc_a, doc_b, down in mine])
    ).encode()).hexdigest()


_UNKNOWN = object()  # a pair's ``down`` not known from the last run (_GraphsMemo.down)


class _GraphsMemo:
    """What file_graphs wrote from the last time it was given the reuse cache's memo ("graphs_memo"): by pair,
    (doc_a, doc_b, owner, passages, down); by file, (length, pairs, fingerprint); the citation edges. A memo:
    a pair whose documents, owner and passages are those of then keeps its ``down`` unless a citation
    path from one of its documents may have changed (_moved), and a file all of whose pairs are as then
    (as many, each the same) keeps its fingerprint; the rest is computed as without it."""

    def __init__(self, memo: Mapping | None, edges: Mapping[str, set[str]]):
        ok = memo is not None and memo.get("version") == LINES_VERSION
        self.pairs: Mapping = memo["pairs"] if ok else {}
        self.files: Mapping = memo["files"] if ok else {}
        self.moved = _moved(memo["edges"], edges) if ok else set()
        self.on = memo is not None
        self.now_pairs: dict = {}
        self.now_files: dict = {}
        self.dirty: set[str] = set()  # files with a pair not as last time

    def down(self, pair: tuple[str, str], doc_a: str, doc_b: str, owner: str, group) -> object:
        was = self.pairs.get(pair)
        if was is not None and doc_a not in self.moved and doc_b not in self.moved and was[0] == doc_a \
                and was[1] == doc_b and was[2] == owner and was[3] == group:
            if self.on:
                self.now_pairs[pair] = was
            return was[4]
        return _UNKNOWN

    def computed(self, pair: tuple[str, str], doc_a: str, doc_b: str, owner: str, group, down: str | None) -> None:
        if not self.on:
            return
        now = (doc_a, doc_b, owner, group, down)
        if self.pairs.get(pair) != now:
            self.dirty.add(owner)
        self.now_pairs[pair] = now

    def fingerprint(self, sha: str, length: int | None, mine: list) -> str | None:
        was = self.files.get(sha)
        if was is None or sha in self.dirty or was[0] != length or was[1] != len(mine):
            return None
        self.now_files[sha] = was
        return was[2]

    def fingerprinted(self, sha: str, length: int | None, mine: list, fingerprint: str) -> str:
        if self.on:
            self.now_files[sha] = (length, len(mine), fingerprint)
        return fingerprint

    def save(self, memo: MutableMapping | None, edges: Mapping[str, set[str]]) -> None:
        if memo is None:
            return
        memo.clear()
        memo.update(version=LINES_VERSION, pairs=self.now_pairs, files=self.now_files,
                    edges={s: frozenset(t) for s, t in edges.items() if t})


def _moved(before: Mapping[str, frozenset], edges: Mapping[str, set[str]], limit: int = STEPS) -> set[str]:
    """The documents whose citation paths of at most ``limit`` edges (_reached) may differ between the
    edges ``before`` and ``edges``: those from which a document whose edges changed is at most ``limit``
    edges away (over the edges of either)."""
    none: frozenset = frozenset()
    changed = {x for x in before.keys() | edges.keys() if before.get(x, none) != edges.get(x, none)}
    if not changed:
        return set()
    back: dict[str, set[str]] = defaultdict(set)
    for of in (before, edges):
        for s, targets in of.items():
            for t in targets:
                back[t].add(s)
    return _within(changed, back, limit)


def _written(todo: list, texts: Mapping[str, str] | None) -> Iterator[tuple[str, str, str]]:
    """The graphs of ``todo`` written, each text of their pairs read and normalised once."""
    nfc = {} if texts is None else _chunk_texts((x for t in todo for pair, *_ in t[2] for x in pair), texts)
    for graph, fingerprint, mine, length in todo:
        lines = []
        for pair, ps, doc_a, doc_b, down in mine:
            for p in (p if isinstance(p, Passage) else _passage(pair, p) for p in ps):
                qa, qb = ((nfc[p.a][p.a_start:p.a_end], nfc[p.b][p.b_start:p.b_end]) if texts is not None
                          else (p.a_quote, p.b_quote))
                lines += sorted(_passage_lines(p, doc_a, doc_b, down, qa, qb))
        text = "".join(line + "\n" for line in lines)
        if length is not None:
            text += _length_line(graph.rsplit("/", 1)[1], length)
        yield graph, fingerprint, text


def write_reuse_triples(out: TextIO, passages: Iterable[Passage], docs: Mapping[str, str],
                        edges: Mapping[str, set[str]], texts: Mapping[str, str] | None = None) -> int:
    """Write the N-Triples of the passages (names = sha256) between documents known in ``docs`` (source
    IRI -> doc) to ``out``, the graphs of file_graphs one after the other (no text lengths). Returns the
    number of passages written."""
    written = 0
    for _, _, text in file_graphs(by_pair(passages), docs, edges, texts):
        out.write(text)
        written += text.count(f"{RDF_TYPE} <{DKG}TextReuse> .")
    return written


def reuse_triples(passages: Iterable[Passage], docs: Mapping[str, str], edges: Mapping[str, set[str]],
                  texts: Mapping[str, str] | None = None) -> str:
    """``write_reuse_triples`` into a string."""
    buffer = StringIO()
    write_reuse_triples(buffer, passages, docs, edges, texts)
    return buffer.getvalue()


def _detected(texts: Mapping[str, str], graphs: Mapping[str, str], store_dir: Path | None, params: Params,
              progress: Progress) -> tuple[dict, dict, dict, dict[str, int], dict]:
    """Stats of the passages of ``texts`` found (with the reuse cache of ``store_dir``), the documents and
    citation edges of the mapped ``graphs``, the text length of each file of a document; the cache, its
    passages shown_spans (saved by the caller once the graphs are written)."""
    cache_path = Path(store_dir) / CACHE_FILE if store_dir else None
    cache = _load_cache(cache_path, params)
    docs, edges = documents_and_edges(graphs, cache["facts"])
    sha_of = {d: src[1:-1].rsplit("/", 1)[1] for src, d in docs.items()}
    linked = [(sha_of[a], sha_of[b]) for a, targets in edges.items() if a in sha_of for b in targets if b in sha_of]
    stats = detect(texts, cache, params, linked, progress)
    lengths = {sha: cache["lengths"][sha] if sha in cache["lengths"] else len(unicodedata.normalize("NFC", texts[sha]))
               for sha in texts if f"<{ids.source_iri(sha)}>" in docs}
    return stats, docs, edges, lengths, cache


def reuse_graph(texts: Mapping[str, str], graphs: Mapping[str, str], store_dir: Path | None,
                params: Params = Params(), progress: Progress = _no_progress,
                out: TextIO | None = None) -> tuple[str, dict]:
    """texts: sha256 -> text of each loaded file; graphs: the mapped graphs. -> the N-Triples of every file's
    reuse graph (file_graphs, one after the other), stats. With ``out``, they are written there graph by
    graph and the text returned is empty. With a ``store_dir``, what a build computed is kept there
    (reuse-cache.pickle, reuse-lines.sqlite): the next build recomputes what its new or changed files
    change, and gives the same graphs."""
    stats, docs, edges, lengths, cache = _detected(texts, graphs, store_dir, params, progress)
    target = StringIO() if out is None else out
    lines = PairLines(Path(store_dir) / LINES_FILE if store_dir else None)
    found: dict[str, str] = {}

    def keep(fingerprints: Mapping[str, str]) -> set[str]:
        for graph, fingerprint in fingerprints.items():
            text = lines.get(graph, fingerprint)
            if text is not None:
                found[graph] = text
        return {graph for graph in fingerprints if graph in found}
    try:
        for graph, fingerprint, text in file_graphs(shown_spans(cache), docs, edges, texts, lengths, keep, cache["owners"],
                                                    cache.setdefault("graphs_memo", {})):
            if text is None:
                text = found.pop(graph)
            else:
                lines.put(graph, fingerprint, text)
            target.write(text)
    finally:
        lines.close()
    _save_cache(Path(store_dir) / CACHE_FILE if store_dir else None, cache)
    return ("" if out is not None else target.getvalue()), stats


def length_triples(texts: Mapping[str, str], docs: Mapping[str, str], lengths: Mapping[str, int] = {}) -> str:
    """dkg:textLength of each source file of a document: what the share of a document that is copied,
    edited or new is counted against (queries/reuse-levels.rq). ``lengths``: sha256 -> the length of its
    NFC text, known (the text is read when it is not there)."""
    lines = []
    for sha in texts:
        if f"<{ids.source_iri(sha)}>" in docs:
            lines.append(_length_line(sha, lengths[sha] if sha in lengths else
                                      len(unicodedata.normalize("NFC", texts[sha]))))
    return "".join(sorted(lines))


def reuse_graphs(corpus: Path, outcomes: Iterable, graphs: Mapping[str, str], store_dir: Path | None,
                 params: Params = Params(), ocr: tuple[str, str | None] = ("auto", None),
                 progress: Progress = _no_progress, texts: Mapping[str, str] | None = None,
                 out: TextIO | None = None, into: MutableMapping | None = None, stamp: str | None = None) -> dict[str, str]:
    """The build's hook: the reuse graph of each loaded file of ``outcomes`` (FileOutcome), {graph:
    N-Triples}; with ``out`` they are written there one after the other and {} is returned; with ``into``
    (the build's MappedGraphs) each is put there and {} is returned: a graph whose fingerprint the map
    cache has is kept from it (``into.reuse_all``, ASKED files a query), a new one put with its fingerprint
    (``into.put_encoded``), so that an add writes and loads only the graphs it changes.
    ``texts``: sha256 -> text of those files (the build's extraction cache, loaders.cache); without
    it the texts are read again (cheap for text formats; a scan's text comes from the build's OCR
    cache: ``ocr`` is the build's (mode, cache folder)). ``stamp``: the build's, kept with the passages'
    arrays (write_passages)."""
    if texts is None:
        texts = _read_texts(corpus, outcomes, ocr)
    if into is None:
        if out is not None:
            reuse_graph(texts, graphs, store_dir, params, progress, out=out)
            return {}
        _, docs, edges, lengths, cache = _detected(texts, graphs, store_dir, params, progress)
        written = {g: text for g, _, text in file_graphs(shown_spans(cache), docs, edges, texts, lengths,
                                                           owners=cache["owners"], memo=cache.setdefault("graphs_memo", {}))}
        if store_dir:
            write_passages(Path(store_dir), shown_spans(cache), docs, stamp)
        _save_cache(Path(store_dir) / CACHE_FILE if store_dir else None, cache)
        return written
    from loaders.cache import EncodedGraph

    _, docs, edges, lengths, cache = _detected(texts, graphs, store_dir, params, progress)
    keep = getattr(into, "reuse_all", None)  # a batch of files a map-cache query
    for graph, fingerprint, text in file_graphs(shown_spans(cache), docs, edges, texts, lengths, keep, cache["owners"],
                                                cache.setdefault("graphs_memo", {})):
        if text is None:
            continue
        if hasattr(into, "put_encoded"):
            into.put_encoded(graph, EncodedGraph.of(text.encode("utf-8"), packed=True), fingerprint)
        else:
            into[graph] = text
    if store_dir:
        (Path(store_dir) / LINES_FILE).unlink(missing_ok=True)  # kept by the map cache now
        write_passages(Path(store_dir), shown_spans(cache), docs, stamp)
    _save_cache(Path(store_dir) / CACHE_FILE if store_dir else None, cache)
    return {}


def _read_texts(corpus: Path, outcomes: Iterable, ocr: tuple[str, str | None]) -> dict[str, str]:
    from loaders.read import SetAside, read_document

    root = corpus_root(corpus)
    texts: dict[str, str] = {}
    for o in outcomes:
        if o.status != "set aside" and o.sha256 and o.sha256 not in texts:
            doc = read_document(str(root / o.path), ocr=ocr[0], ocr_cache=ocr[1])
            if not isinstance(doc, SetAside):
                texts[o.sha256] = doc.text
    return texts
