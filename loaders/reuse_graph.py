"""The reuse graph (dkgid:graph/reuse) of a build: every passage two loaded documents share.

Incremental. ``PATH/reuse-cache.pickle`` in the store keeps, by file sha256, the MinHash signatures of
each document's windows, its distinct shingles (numpy arrays) and which of them were common, and, by pair
of sha256, the passages found and what they were computed from; a rebuild recomputes only what a new or
changed document, or a change of the corpus's common shingles, makes stale: the result equals a build
without the cache (detect_incremental), and the corpus is not compared with itself again. The passages
become triples here, with the document IRIs
and the citation paths of the graphs just mapped (N-Triples scanned, not parsed: they are ours).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import unicodedata
from collections import defaultdict, deque
from pathlib import Path
from io import StringIO
from itertools import islice
from typing import Callable, Iterable, Mapping, TextIO

import numpy as np

from loaders import identity as ids
from loaders.read import corpus_root
from loaders.reuse import (Params, Passage, align_all, candidate_pairs, common_grams, distinct_grams, processes,
                           signatures, tokenise_all)

REUSE_GRAPH = ids.ID + "graph/reuse"
CACHE_FILE = "reuse-cache.pickle"
CACHE_VERSION = 5  # 4: passages without quotes; 5: what each entry was computed from (equal to a fresh run)
DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
CITATION_EDGES = tuple(f"<{ELI}{p}>" for p in ("cites", "ensures_implementation_of", "based_on"))

__all__ = ["REUSE_GRAPH", "reuse_graph", "detect_incremental", "write_reuse_triples", "reuse_triples"]

Progress = Callable[[int, int], None]  # (done, total)
CHUNK = 4096  # passages turned into triples at a time


def _no_progress(done: int, total: int) -> None:
    pass


def detect_incremental(texts: Mapping[str, str], cache_path: Path | None, params: Params = Params(),
                       linked: Iterable[tuple[str, str]] = (), progress: Progress = _no_progress,
                       jobs: int | None = None) -> tuple[list[Passage], dict]:
    """Passages (spans, no quotes: ``write_reuse_triples`` slices them) between the documents of ``texts``
    (sha256 -> text; may be a lazy mapping), names = sha256, in the order of their pair; stats. ``linked`` pairs
    (a citation links them) are always aligned. Shingles in too many documents (counted over the whole
    corpus, from the cache) make no candidate.

    The same passages as a run without the cache: what the cache keeps is reused only while its inputs
    are unchanged. A document's MinHashes depend on its shingles and on which of them are common now
    (``_common_key``); they are computed again when that changes. The candidates are drawn again from
    every document's signatures (numpy, cheap; a bucket or a partner list changes with new documents).
    A pair's passages depend on the two texts, on whether a citation links them and, if not, on the
    common shingles of its first document; a pair is aligned again when one of those changed. Only the
    texts of new documents, of documents whose common shingles changed and of pairs still to align are
    tokenised. progress(done, total): pairs aligned (a progress bar's hook)."""
    cache = _load_cache(cache_path, params)
    jobs = processes() if jobs is None else jobs
    names = list(texts)
    new = [s for s in names if s not in cache["grams"]]
    words = tokenise_all(texts, new, jobs)
    for sha in new:
        cache["grams"][sha] = distinct_grams(words[sha], params)
    common = common_grams((cache["grams"][s] for s in names), len(names), params)
    keys = {s: _common_key(cache["grams"][s], common) for s in names}
    stale = [s for s in names if s not in words and cache["common"].get(s) != keys[s]]
    words.update(tokenise_all(texts, stale, jobs))
    for sha in (*new, *stale):
        cache["signatures"][sha] = signatures(words[sha], params, common)
    found = candidate_pairs([cache["signatures"][s] for s in names], params)
    pairs = {(min(names[i], names[j]), max(names[i], names[j])) for i, j in found.tolist()}
    linked_pairs = {(min(a, b), max(a, b)) for a, b in linked if a in texts and b in texts and a != b}
    wanted = {p: (p in linked_pairs, None if p in linked_pairs else keys[p[0]]) for p in pairs | linked_pairs}
    kept = {p: got for p, (how, got) in cache["pairs"].items() if wanted.get(p) == how}
    todo = sorted(set(wanted) - set(kept))
    need = sorted({x for pair in todo for x in pair} - set(words))
    words.update(tokenise_all(texts, need, jobs))
    # spans only: the quotes are sliced from the texts chunk by chunk as the triples are written (a
    # passage's two quotes are most of its memory; the cache and this list keep none)
    passages = align_all(words, [(a, b, wanted[a, b][0]) for a, b in todo], common, params, jobs, progress)
    del words
    for pair in todo:
        kept[pair] = []
    for p in passages:
        kept[min(p.a, p.b), max(p.a, p.b)].append(p)
    cache["pairs"] = {p: (wanted[p], kept[p]) for p in kept}
    cache["signatures"] = {s: cache["signatures"][s] for s in names}
    cache["grams"] = {s: cache["grams"][s] for s in names}
    cache["common"] = keys
    _save_cache(cache_path, cache)
    passages = [p for pair in sorted(kept) for p in kept[pair]]
    return passages, {"documents": len(texts), "new": len(new), "stale": len(stale), "pairs_aligned": len(todo),
                      "passages": len(passages)}


def _common_key(grams: np.ndarray, common: np.ndarray) -> str:
    """A digest of which of a document's distinct shingles are common in the corpus now: its MinHashes
    and the boilerplate filter of its pairs depend on nothing else of the corpus."""
    mine = grams[np.isin(grams, common, assume_unique=True)] if len(common) else grams[:0]
    return hashlib.sha256(np.ascontiguousarray(mine, dtype=np.uint64).tobytes()).hexdigest()[:32]


def _load_cache(path: Path | None, params: Params) -> dict:
    empty = {"version": CACHE_VERSION, "params": params, "signatures": {}, "grams": {}, "common": {}, "pairs": {}}
    if path is None or not path.exists():
        return empty
    try:
        with open(path, "rb") as f:
            cache = pickle.load(f)
    except Exception:  # a broken or foreign cache is rebuilt, never trusted
        return empty
    if not isinstance(cache, dict) or cache.get("version") != CACHE_VERSION or cache.get("params") != params:
        return empty
    return cache


def _save_cache(path: Path | None, cache: dict) -> None:
    if path is None:
        return
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        pickle.dump(cache, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


# --- documents and citation paths from the mapped graphs ---------------------------------------------

def documents_and_edges(graphs: Mapping[str, str]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """source IRI -> document IRI (the original, not a copy), and citing document -> cited documents."""
    described: list[tuple[str, str]] = []
    copies: set[str] = set()
    edges: dict[str, set[str]] = defaultdict(set)
    source_file = f"<{DKG}sourceFile>"
    copy_type = f"<{DKG}Copy>"
    for text in graphs.values():
        for line in text.splitlines():
            parts = line.split(" ", 3)
            if len(parts) < 3:
                continue
            s, p, o = parts[0], parts[1], parts[2]
            if p == source_file:
                described.append((o, s))
            elif p == RDF_TYPE and o == copy_type:
                copies.add(s)
            elif p in CITATION_EDGES and o.startswith("<"):
                edges[s].add(o)
    doc_of: dict[str, str] = {}
    for src, d in sorted(described):
        if d not in copies:
            doc_of.setdefault(src, d)
    return doc_of, edges


def _reaches(edges: Mapping[str, set[str]], a: str, b: str, limit: int = 8) -> bool:
    seen, todo = {a}, deque([(a, 0)])
    while todo:
        x, d = todo.popleft()
        if x == b:
            return True
        if d < limit:
            for y in edges.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    todo.append((y, d + 1))
    return False


# --- triples ---------------------------------------------------------------------------------------------

def _lit(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _passage_lines(p: Passage, docs: Mapping[str, str], edges: Mapping[str, set[str]], quote_a: str,
                   quote_b: str) -> list[str]:
    """The N-Triples lines of one passage (none when a side is no loaded document, or both the same)."""
    src_a, src_b = f"<{ids.source_iri(p.a)}>", f"<{ids.source_iri(p.b)}>"
    doc_a, doc_b = docs.get(src_a), docs.get(src_b)
    if doc_a is None or doc_b is None or doc_a == doc_b:
        return []
    key = f"{p.a}:{p.a_start}:{p.a_end}:{p.b}:{p.b_start}:{p.b_end}"
    node = f"{ids.ID}reuse/{hashlib.sha256(key.encode()).hexdigest()[:20]}"
    r = f"<{node}>"
    lines = [f"{r} {RDF_TYPE} <{DKG}TextReuse> .",
             f'{r} <{DKG}wordCount> "{p.words}"^^<{XSD}integer> .',
             f'{r} <{DKG}similarity> "{p.similarity:.3f}"^^<{XSD}decimal> .']
    down = doc_a if _reaches(edges, doc_a, doc_b) else doc_b if _reaches(edges, doc_b, doc_a) else None
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


def _chunk_texts(chunk: list[Passage], texts: Mapping[str, str]) -> dict[str, str]:
    """The NFC text (the one the spans count in) of every document of the chunk, each read once."""
    names = {n for p in chunk for n in (p.a, p.b)}
    return {n: unicodedata.normalize("NFC", texts[n]) for n in sorted(names)}


def write_reuse_triples(out: TextIO, passages: Iterable[Passage], docs: Mapping[str, str],
                        edges: Mapping[str, set[str]], texts: Mapping[str, str] | None = None) -> int:
    """Write the N-Triples of the passages (names = sha256) between documents known in ``docs`` (source
    IRI -> doc) to ``out``, CHUNK passages at a time: their quotes are sliced from ``texts`` (the NFC text,
    as the spans count) for that chunk only, or taken from the passages when ``texts`` is None. Each
    passage's lines sorted, passages in the given order. Returns the number of passages written."""
    passages, written = iter(passages), 0
    while chunk := list(islice(passages, CHUNK)):
        # each text of the chunk read and normalised once, dropped with the chunk
        nfc = {} if texts is None else _chunk_texts(chunk, texts)
        lines: list[str] = []
        for p in chunk:
            qa, qb = ((nfc[p.a][p.a_start:p.a_end], nfc[p.b][p.b_start:p.b_end]) if texts is not None
                      else (p.a_quote, p.b_quote))
            mine = _passage_lines(p, docs, edges, qa, qb)
            written += bool(mine)
            lines += sorted(mine)
        out.write("".join(line + "\n" for line in lines))
    return written


def reuse_triples(passages: Iterable[Passage], docs: Mapping[str, str], edges: Mapping[str, set[str]],
                  texts: Mapping[str, str] | None = None) -> str:
    """``write_reuse_triples`` into a string."""
    buffer = StringIO()
    write_reuse_triples(buffer, passages, docs, edges, texts)
    return buffer.getvalue()


def reuse_graph(texts: Mapping[str, str], graphs: Mapping[str, str], store_dir: Path | None,
                params: Params = Params(), progress: Progress = _no_progress,
                out: TextIO | None = None) -> tuple[str, dict]:
    """texts: sha256 -> text of each loaded file; graphs: the mapped graphs. -> N-Triples, stats. With
    ``out``, the triples are written there chunk by chunk and the text returned is empty."""
    docs, edges = documents_and_edges(graphs)
    sha_of = {d: src[1:-1].rsplit("/", 1)[1] for src, d in docs.items()}
    linked = [(sha_of[a], sha_of[b]) for a, targets in edges.items() if a in sha_of for b in targets if b in sha_of]
    passages, stats = detect_incremental(texts, Path(store_dir) / CACHE_FILE if store_dir else None, params, linked,
                                         progress)
    target = StringIO() if out is None else out
    write_reuse_triples(target, passages, docs, edges, texts)
    target.write(length_triples(texts, docs))
    return ("" if out is not None else target.getvalue()), stats


def length_triples(texts: Mapping[str, str], docs: Mapping[str, str]) -> str:
    """dkg:textLength of each source file of a document: what the share of a document that is copied,
    edited or new is counted against (queries/reuse-levels.rq)."""
    lines = []
    for sha, text in texts.items():
        src = f"<{ids.source_iri(sha)}>"
        if src in docs:
            n = len(unicodedata.normalize("NFC", text))
            lines.append(f'{src} <{DKG}textLength> "{n}"^^<{XSD}integer> .\n')
    return "".join(sorted(lines))


def reuse_graphs(corpus: Path, outcomes: Iterable, graphs: Mapping[str, str], store_dir: Path | None,
                 params: Params = Params(), ocr: tuple[str, str | None] = ("auto", None),
                 progress: Progress = _no_progress, texts: Mapping[str, str] | None = None,
                 out: TextIO | None = None) -> dict[str, str]:
    """The build's hook: {REUSE_GRAPH: N-Triples} for the loaded files of ``outcomes`` (FileOutcome);
    with ``out`` the triples are written there chunk by chunk and {} is returned.
    ``texts``: sha256 -> text of those files (the build's extraction cache, loaders.cache); without
    it the texts are read again (cheap for text formats; a scan's text comes from the build's OCR
    cache: ``ocr`` is the build's (mode, cache folder))."""
    if texts is None:
        texts = _read_texts(corpus, outcomes, ocr)
    text, _ = reuse_graph(texts, graphs, store_dir, params, progress, out=out)
    return {REUSE_GRAPH: text} if text else {}


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
