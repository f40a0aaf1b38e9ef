"""The reuse graph (dkgid:graph/reuse) of a build: every passage two loaded documents share.

Incremental. ``PATH/reuse-cache.pickle`` in the store keeps, by file sha256, the MinHashes of each
document's windows and, by pair of sha256, the passages found; a rebuild puts every document's cached
MinHashes in the LSH index, and aligns only the candidate pairs with a new or changed document: the
corpus is not compared with itself again. The passages become triples here, with the document IRIs
and the citation paths of the graphs just mapped (N-Triples scanned, not parsed: they are ours).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections import defaultdict, deque
from pathlib import Path
from typing import Iterable, Mapping

from loaders import identity as ids
from array import array
from collections import Counter

from loaders.reuse import Params, Passage, Words, _grams, _mostly_common, _windows, align, gram_hash, words_of

REUSE_GRAPH = ids.ID + "graph/reuse"
CACHE_FILE = "reuse-cache.pickle"
CACHE_VERSION = 2
DKG = "https://w3id.org/directive-kg/ontology#"
OA = "http://www.w3.org/ns/oa#"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
CITATION_EDGES = tuple(f"<{ELI}{p}>" for p in ("cites", "ensures_implementation_of", "based_on"))

__all__ = ["REUSE_GRAPH", "reuse_graph", "detect_incremental"]


def detect_incremental(texts: Mapping[str, str], cache_path: Path | None, params: Params = Params(),
                       linked: Iterable[tuple[str, str]] = ()) -> tuple[list[Passage], dict]:
    """Passages between the documents of ``texts`` (sha256 -> text), names = sha256; stats. ``linked``
    pairs (a citation links them) are always aligned. Shingles in too many documents (counted over
    the whole corpus, from the cache) make no candidate; a document's MinHashes are computed once,
    with the common shingles of the corpus as it was then."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    cache = _load_cache(cache_path, params)
    words: dict[str, Words] = {}

    def w(sha: str) -> Words:
        if sha not in words:
            words[sha] = words_of(texts[sha])
        return words[sha]

    hashes: dict[str, list] = {}
    new = [s for s in texts if s not in cache["minhashes"]]
    for sha in new:
        cache["grams"][sha] = array("Q", sorted({gram_hash(g) for _, g in _grams(w(sha), params.k)}))
    df: Counter = Counter()
    for sha in texts:
        df.update(cache["grams"][sha])
    limit = max(params.max_df, params.max_df_share * len(texts))
    common = {h for h, n in df.items() if n > limit}
    del df
    for sha in new:
        mhs = MinHash.bulk(_windows(w(sha), params, common), num_perm=params.num_perm)
        cache["minhashes"][sha] = [LeanMinHash(m) for m in mhs]
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    for sha in texts:
        hashes[sha] = cache["minhashes"][sha]
        for n, mh in enumerate(hashes[sha]):
            lsh.insert((sha, n), mh, check_duplication=False)
    pairs: set[tuple[str, str]] = set()
    for sha in new:  # only windows of new documents are asked: old pairs are in the cache
        for mh in hashes[sha]:
            others = {d for d, _ in lsh.query(mh)} - {sha}
            if len(others) < params.max_df:
                pairs.update((min(sha, o), max(sha, o)) for o in others)
    linked_pairs = {(min(a, b), max(a, b)) for a, b in linked if a in texts and b in texts and a != b}
    old_pairs = {p: v for p, v in cache["pairs"].items() if p[0] in texts and p[1] in texts}
    todo = sorted((pairs | linked_pairs) - set(old_pairs))
    for a, b in todo:
        found = align(w(a), w(b), params, a, b)
        if (a, b) not in linked_pairs:  # unlinked: a passage of common shingles is boilerplate
            found = [p for p in found if not _mostly_common(w(a), p.a_words, common, params)]
        old_pairs[a, b] = found
    pairs = todo
    cache["pairs"] = old_pairs
    cache["minhashes"] = {s: h for s, h in cache["minhashes"].items() if s in texts}
    cache["grams"] = {s: h for s, h in cache["grams"].items() if s in texts}
    _save_cache(cache_path, cache)
    passages = [p for ps in old_pairs.values() for p in ps]
    return passages, {"documents": len(texts), "new": len(new), "pairs_aligned": len(pairs), "passages": len(passages)}


def _load_cache(path: Path | None, params: Params) -> dict:
    empty = {"version": CACHE_VERSION, "params": params, "minhashes": {}, "grams": {}, "pairs": {}}
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


def reuse_triples(passages: Iterable[Passage], docs: Mapping[str, str], edges: Mapping[str, set[str]]) -> str:
    """N-Triples of the passages (names = sha256) between documents known in ``docs`` (source IRI -> doc)."""
    lines: list[str] = []
    for p in passages:
        src_a, src_b = f"<{ids.source_iri(p.a)}>", f"<{ids.source_iri(p.b)}>"
        doc_a, doc_b = docs.get(src_a), docs.get(src_b)
        if doc_a is None or doc_b is None or doc_a == doc_b:
            continue
        key = f"{p.a}:{p.a_start}:{p.a_end}:{p.b}:{p.b_start}:{p.b_end}"
        node = f"{ids.ID}reuse/{hashlib.sha256(key.encode()).hexdigest()[:20]}"
        r = f"<{node}>"
        lines += [f"{r} {RDF_TYPE} <{DKG}TextReuse> .",
                  f'{r} <{DKG}wordCount> "{p.words}"^^<{XSD}integer> .',
                  f'{r} <{DKG}similarity> "{p.similarity:.3f}"^^<{XSD}decimal> .']
        down = doc_a if _reaches(edges, doc_a, doc_b) else doc_b if _reaches(edges, doc_b, doc_a) else None
        lines.append(f'{r} <{DKG}linkedByCitation> "{"true" if down else "false"}"^^<{XSD}boolean> .')
        if down:
            lines.append(f"{r} <{DKG}downstreamDocument> {down} .")
        for side, src, doc, start, end, quote in (("a", src_a, doc_a, p.a_start, p.a_end, p.a_quote),
                                                  ("b", src_b, doc_b, p.b_start, p.b_end, p.b_quote)):
            t, q, pos = f"<{node}/{side}>", f"<{node}/{side}/quote>", f"<{node}/{side}/position>"
            lines += [f"{r} <{DKG}passage> {t} .", f"{t} {RDF_TYPE} <{OA}SpecificResource> .",
                      f"{t} <{OA}hasSource> {src} .", f"{t} <{DKG}passageOf> {doc} .",
                      f"{t} <{OA}hasSelector> {q} .", f"{t} <{OA}hasSelector> {pos} .",
                      f"{q} {RDF_TYPE} <{OA}TextQuoteSelector> .", f"{q} <{OA}exact> {_lit(quote)} .",
                      f"{pos} {RDF_TYPE} <{OA}TextPositionSelector> .",
                      f'{pos} <{OA}start> "{start}"^^<{XSD}integer> .', f'{pos} <{OA}end> "{end}"^^<{XSD}integer> .']
    return "".join(sorted(line + "\n" for line in lines))


def reuse_graph(texts: Mapping[str, str], graphs: Mapping[str, str], store_dir: Path | None,
                params: Params = Params()) -> tuple[str, dict]:
    """texts: sha256 -> text of each loaded file; graphs: the mapped graphs. -> N-Triples, stats."""
    docs, edges = documents_and_edges(graphs)
    sha_of = {d: src[1:-1].rsplit("/", 1)[1] for src, d in docs.items()}
    linked = [(sha_of[a], sha_of[b]) for a, targets in edges.items() if a in sha_of for b in targets if b in sha_of]
    passages, stats = detect_incremental(texts, Path(store_dir) / CACHE_FILE if store_dir else None, params, linked)
    return reuse_triples(passages, docs, edges), stats


def reuse_graphs(corpus: Path, outcomes: Iterable, graphs: Mapping[str, str], store_dir: Path | None,
                 params: Params = Params(), ocr: str = "auto", ocr_cache: Path | None = None) -> dict[str, str]:
    """The build's hook: {REUSE_GRAPH: N-Triples} for the loaded files of ``outcomes`` (FileOutcome),
    whose texts are read again (cheap for text formats; a scan's OCR'd text comes from ``ocr_cache``,
    the build's OCR cache, so it is not OCRed twice)."""
    from loaders.read import SetAside, read_document

    root = corpus if corpus.is_dir() else corpus.parent
    texts: dict[str, str] = {}
    for o in outcomes:
        if o.status != "set aside" and o.sha256 and o.sha256 not in texts:
            doc = read_document(str(root / o.path), ocr=ocr, ocr_cache=ocr_cache)
            if not isinstance(doc, SetAside):
                texts[o.sha256] = doc.text
    text, _ = reuse_graph(texts, graphs, store_dir, params)
    return {REUSE_GRAPH: text} if text else {}
