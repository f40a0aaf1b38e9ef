"""The reuse stage's cache never changes the result: after documents are added (or removed), the passages
found with the cache are those found without it (loaders.reuse_graph.detect_incremental)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders.reuse import Params, common_limit
from loaders.reuse_graph import detect_incremental

ROOT = Path(__file__).resolve().parent.parent
SHARED = ("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành khẩn trương rà soát toàn bộ công trình thủy lợi, "
          "đê điều, hồ chứa xung yếu, chủ động phương án sơ tán dân cư ra khỏi vùng nguy hiểm trước khi bão "
          "đổ bộ, bảo đảm an toàn tuyệt đối tính mạng và tài sản của Nhân dân trên địa bàn.")
OWN = ("Huyện ủy {n} chỉ đạo các chi bộ, đảng bộ cơ sở số {n} tổ chức quán triệt nghị quyết về phát triển "
       "kinh tế tập thể, hợp tác xã kiểu mới gắn với xây dựng nông thôn mới nâng cao đợt {n}.")


def _texts(n: int, shared_from: int) -> dict[str, str]:
    """Document i has its own paragraph; from ``shared_from`` on they also copy SHARED."""
    return {f"d{i:02}": OWN.format(n=i) + (" " + SHARED if i >= shared_from else "") for i in range(n)}


def _same(texts, cache, params):
    with_cache, stats = detect_incremental(texts, cache, params)
    fresh, _ = detect_incremental(texts, None, params)
    assert with_cache == fresh
    return stats


def test_shingles_turning_common_change_old_documents(tmp_path):
    """SHARED in 2 documents is reuse; in 5 it is common (max_df 3): the cached MinHashes and passages of
    the first two must follow, as a fresh run does."""
    params = Params(max_df=3, max_partners=20)
    cache = tmp_path / "reuse-cache.pickle"
    first = _same(_texts(6, 4), cache, params)
    assert first["passages"] > 0
    grown = _same(_texts(9, 4), cache, params)
    # d04, d05 now hold common shingles: their windows are masked again and the boilerplate filter of
    # their remaining pairs re-applied, from the cache (their MinHashes do not depend on the common shingles)
    assert grown["new"] == 3 and grown["remasked"] >= 2
    again = _same(_texts(9, 4), cache, params)
    assert again["new"] == again["remasked"] == again["reread"] == again["pairs_aligned"] == 0
    _same(_texts(5, 4), cache, params)  # documents removed: SHARED is rare again


@pytest.mark.parametrize("documents, limit", [(40, 50), (4_999, 50), (10_102, 101.02), (30_320, 303.2)])
def test_the_common_limit(documents, limit):
    """max_df 50, or 1 % of the documents when more."""
    assert common_limit(documents, Params()) == pytest.approx(limit)


def test_linked_pairs_and_removed_links(tmp_path):
    params = Params(max_df=3)
    cache = tmp_path / "reuse-cache.pickle"
    texts = _texts(8, 2)
    for linked in ([("d02", "d03")], [("d02", "d03"), ("d04", "d07")], []):
        with_cache, _ = detect_incremental(texts, cache, params, linked)
        assert with_cache == detect_incremental(texts, None, params, linked)[0]


@pytest.mark.parametrize("kept", [("inputs",), ("candidates",), ("inputs", "candidates")])
@pytest.mark.parametrize("linked", [[("d02", "d03")], [("d02", "d03"), ("d04", "d07")]])
def test_a_run_on_the_memos_of_the_last_one_equals_a_run_without_them(kept, linked):
    """What detect keeps of its last run (its inputs' digest: a run with the same returns at once; the
    candidate pairs: not drawn again while no document is new or re-masked) changes nothing: the same
    entries, owners and figures as a run that has to compute them."""
    import copy

    from loaders.reuse_graph import _load_cache, detect

    params = Params(max_df=3)
    texts = _texts(9, 4)
    cache = _load_cache(None, params)
    detect(_texts(6, 4), cache, params, [("d02", "d03")])
    detect(texts, cache, params, [("d02", "d03")], ahead=True)  # a worker's run ahead: "added" left for the next
    with_memos, without = copy.deepcopy(cache), copy.deepcopy(cache)
    for name in ("inputs", "candidates"):
        if name not in kept:
            del with_memos[name]
        del without[name]
    assert detect(texts, with_memos, params, linked) == detect(texts, without, params, linked)
    for name in ("pairs", "owners", "common"):
        assert with_memos[name] == without[name]
    assert "added" not in with_memos and list(with_memos["pairs"]) == list(without["pairs"])


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("reuse-generated")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "160", "--out", str(out),
                    "--seed", "5", "--reuse", "--no-gold"], check=True, capture_output=True)
    return {f.name: f.read_text(encoding="utf-8") for f in sorted(out.glob("*.txt"))}


def test_generated_corpus_grown_equals_fresh(generated, tmp_path):
    """Directives copying their parents (bench/generate.py --reuse): 100 documents, then all 160."""
    cache = tmp_path / "reuse-cache.pickle"
    names = list(generated)
    params = Params(max_df=8)  # small corpus: shingles turn common as it grows
    base = {n: generated[n] for n in names[::2][:100]}
    detect_incremental(base, cache, params)
    stats = _same(generated, cache, params)
    assert stats["new"] == len(generated) - len(base) and stats["passages"] > 0


class _Counted(dict):
    """A texts mapping that records which texts were read."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.read: set[str] = set()

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)


class _Graphs(dict):
    """Mapped graphs, one a file, with the content hash a build's graphs offer; records which were read."""

    def __init__(self, names):
        from loaders import identity as ids
        from loaders.reuse_graph import DKG
        super().__init__({f"g/{n}": f"<{ids.ID}doc/{n}> <{DKG}sourceFile> <{ids.source_iri(n)}> .\n" for n in names})
        self.read: set[str] = set()

    def __getitem__(self, graph):
        self.read.add(graph)
        return super().__getitem__(graph)

    def digest(self, graph):
        import hashlib
        return hashlib.sha256(super().__getitem__(graph).encode()).hexdigest()


def _mapped(names) -> "_Graphs":
    return _Graphs(names)


def test_adding_a_file_reads_the_texts_of_its_own_pairs_only(tmp_path):
    """The reuse graph of a grown corpus with the store's caches equals a fresh one, and only the new file
    and the files it shares passages with are read (the other pairs' lines are copied from reuse-lines.sqlite)."""
    from loaders.reuse_graph import LINES_FILE, reuse_graph

    texts = _texts(8, 2)
    first, _ = reuse_graph(texts, _mapped(texts), tmp_path)
    assert (tmp_path / LINES_FILE).exists() and "TextReuse" in first
    grown = _Counted({**texts, "d08": "Sở Tài chính hướng dẫn quyết toán kinh phí năm trước. " + SHARED})
    graphs = _mapped(grown)
    cached, stats = reuse_graph(grown, graphs, tmp_path)
    assert graphs.read == {"g/d08"}  # the mapped graphs seen before: their facts kept by content hash
    fresh, _ = reuse_graph(dict(grown), dict(_mapped(grown)), None)
    assert sorted(cached.splitlines()) == sorted(fresh.splitlines()) and stats["new"] == 1  # the merged graph
    partners = {n for n in texts if n >= "d02"}  # the files holding SHARED
    assert grown.read <= {"d08"} | partners and "d08" in grown.read and not grown.read & {"d00", "d01"}
    assert len(first.splitlines()) < len(cached.splitlines())
    again = _Counted(grown)
    assert reuse_graph(again, _mapped(grown), tmp_path)[0] == cached and not again.read  # nothing new: no text read


def _graphs(texts, store_dir) -> dict[str, str]:
    """Reuse graph -> its N-Triples, as a build puts them (reuse_graphs ``into``)."""
    from loaders.reuse_graph import reuse_graphs

    out: dict[str, str] = {}
    reuse_graphs(Path("."), [], _mapped(texts), store_dir, texts=texts, into=out)
    return out


def _lines(graphs: dict[str, str]) -> list[str]:
    return sorted(line for text in graphs.values() for line in text.splitlines())


@pytest.mark.parametrize("added", [
    {"d08": "Sở Tài chính hướng dẫn quyết toán kinh phí năm trước. " + SHARED},  # after every file: first of none
    {"a08": "Sở Tài chính hướng dẫn quyết toán kinh phí năm trước. " + SHARED},  # before every file: first of all
    {"d08": OWN.format(n=8), "a09": SHARED + " " + OWN.format(n=9)},
])
def test_an_add_writes_the_added_files_graphs_and_leaves_the_others(tmp_path, added):
    """Files added: a pair of an added file and one built before goes to the added file's graph (graph_of,
    _owners), so the graphs of the files built before stay as they were; the merged graph (every graph's
    lines) is a build's from nothing, whose graphs hold each pair in its first file's; built again with
    nothing added, every graph stays; the added files removed, the graphs are those built before."""
    from loaders.reuse_graph import file_graph_iri

    texts = _texts(8, 2)
    before = _graphs(texts, tmp_path)
    grown = {**texts, **added}
    after = _graphs(grown, tmp_path)
    fresh = _graphs(grown, None)
    assert _lines(after) == _lines(fresh) and "TextReuse" in "".join(after.values())
    assert {g for g in before if after[g] != before[g]} == set()
    assert set(after) - set(before) == {file_graph_iri(n) for n in added}
    assert _graphs(grown, tmp_path) == after
    assert _graphs(texts, tmp_path) == before  # removed again: their pairs leave with their graphs


@pytest.mark.parametrize("common", [[], [3], [1, 4, 9, 16], list(range(0, 40, 3))])
def test_common_keys_of_all_documents_at_once(common):
    """The common keys of many documents found with one search equal those found one document at a time."""
    import numpy as np

    from loaders.reuse_graph import _common_key, _common_key_all

    grams = [np.unique(np.array(g, dtype=np.uint64)) for g in ([], [1, 2, 3], [3, 4, 5, 9], [0, 16, 30, 33], [7])]
    table = np.array(common, dtype=np.uint64)
    assert _common_key_all(grams, table) == [_common_key(g, table) for g in grams]


@pytest.mark.parametrize("kept, added, removed", [(30, 30, 0), (30, 30, 10), (0, 20, 0), (40, 0, 40), (10, 5, 3)])
def test_shingle_counts_added_and_taken_out_equal_counting_again(kept, added, removed):
    """An add counts the shingles of its documents into the cached counts (GramCounts.plus) and takes out those
    of the documents gone: the same counts as over the documents now, and so the same common shingles."""
    import numpy as np

    from loaders.reuse import GramCounts

    rng = np.random.default_rng(kept + added + removed)
    docs = [np.unique(rng.integers(1, 60, rng.integers(0, 40)).astype(np.uint64)) for _ in range(kept + added)]
    before = GramCounts.of(docs[:kept])
    now = before.plus(GramCounts.of(docs[kept:])).plus(GramCounts.of(docs[:removed]), -1)
    again = GramCounts.of(docs[removed:])
    assert now.values.tolist() == again.values.tolist() and now.counts.tolist() == again.counts.tolist()
    assert now.common(4, Params(max_df=3)).tolist() == again.values[again.counts > 3].tolist()


class _Cited(_Graphs):
    """Mapped graphs whose documents cite others (citing name -> cited names): their pairs are linked."""

    def __init__(self, names, cites):
        from loaders import identity as ids
        from loaders.reuse_graph import ELI
        super().__init__(names)
        for a, targets in cites.items():
            if f"g/{a}" in self:
                dict.__setitem__(self, f"g/{a}", dict.__getitem__(self, f"g/{a}") + "".join(
                    f"<{ids.ID}doc/{a}> <{ELI}cites> <{ids.ID}doc/{b}> .\n" for b in targets))


def _stage(texts, cites, store_dir, ahead, guess=()):
    """The reuse graphs of a build's stage, its cache warmed first or not: as beside the mapping, from the
    texts (kept in this process), then with a ``guess`` of the linked pairs (warm_cache)."""
    from loaders.reuse_graph import reuse_graphs, warm_cache

    if ahead:
        warm_cache(texts, store_dir, last=False)
        warm_cache(texts, store_dir, guess)
    out: dict[str, str] = {}
    reuse_graphs(Path("."), [], _Cited(texts, cites), store_dir, texts=texts, into=out)
    return out


# d05 -> d04: linked and a candidate; the added a09 cites d02 (a file built before) and is cited by d06; the
# added d09 cites d00, with which it shares a passage too short to make them a candidate: their pair is
# aligned only once the citations are known, and goes to d09's graph (the second of the pair: _owners)
CITES = {"d03": ["d00"], "d05": ["d04"], "a09": ["d02"], "d06": ["a09"], "d09": ["d00"]}
ROADS = ("Sở Giao thông vận tải báo cáo tiến độ nâng cấp quốc lộ, cầu treo dân sinh và bến phà trên các tuyến "
         "sông lớn; đề nghị bổ sung vốn bảo trì đường bộ, lắp đặt biển báo, đèn tín hiệu tại nút giao nguy hiểm, "
         "tăng cường tuần tra kiểm soát tải trọng xe và xử lý vi phạm hành lang an toàn giao thông. ")
SHORT = "tổ chức quán triệt nghị quyết về phát triển kinh tế tập thể, hợp tác xã kiểu mới"  # 15 words of OWN


@pytest.mark.parametrize("added", [{}, {"a09": SHARED + " " + OWN.format(n=9),
                                        "d09": ROADS + SHORT + " " + ROADS.replace("Sở", "Ban")}])
@pytest.mark.parametrize("guess", [[], [("d00", "d03"), ("d00", "d09")], [("d01", "d06"), ("d02", "a09")],
                                   [(a, b) for a, cited in CITES.items() for b in cited]])  # right: the stage has nothing to do
def test_reuse_warmed_ahead_gives_the_graphs_of_a_stage_without_it(tmp_path, added, guess):
    """The reuse cache warmed ahead (beside the mapping, from the texts and a guess of the linked pairs:
    none, right ones, wrong ones) changes no graph: a build from nothing, then an add whose file cites and
    is cited by files built before, give the graphs the stage gives alone, and their lines those of a
    build from nothing."""
    texts = _texts(8, 2)
    alone, ahead = tmp_path / "alone", tmp_path / "ahead"
    alone.mkdir(), ahead.mkdir()
    assert _stage(texts, CITES, alone, False) == _stage(texts, CITES, ahead, True, guess)
    grown = {**texts, **added}
    after = _stage(grown, CITES, ahead, True, guess)
    assert after == _stage(grown, CITES, alone, False)
    assert _lines(after) == _lines(_stage(grown, CITES, None, False))
    assert "<https://w3id.org/directive-kg/ontology#linkedByCitation> \"true\"" in "".join(after.values())


def test_a_spilled_run_keeps_and_saves_what_one_without_keeps(tmp_path):
    """detect with ``spill`` (the reuse worker: words, shingles and MinHashes written to files and mapped)
    leaves the cache of a run without it, saved as plain arrays (not views of the files), and the same words;
    then an add over the saved cache gives the same again."""
    import numpy as np

    from loaders.reuse_graph import _load_cache, _save_cache, detect

    params = Params(max_df=3, max_partners=20)
    caches, words = {}, {}
    for spilled in (False, True):
        folder = tmp_path / str(spilled)
        folder.mkdir()
        for texts in (_texts(6, 3), {**_texts(6, 3), **{f"a{i}": OWN.format(n=i) + " " + SHARED for i in (7, 8)}}):
            cache, w = _load_cache(folder / "cache.pickle", params), {}
            detect(texts, cache, params, words=w, spill=folder if spilled else None)
            _save_cache(folder / "cache.pickle", cache)
        words[spilled] = {n: (x.ids.tolist(), x.starts.tolist(), x.ends.tolist(), x.chars) for n, x in w.items()}
        caches[spilled] = _load_cache(folder / "cache.pickle", params)
        # the spill's files are gone: only the cache's are left
        assert sorted(f.name for f in folder.iterdir()) == ["cache.arrays", "cache.memo", "cache.pickle"]
    plain, spilled = caches[False], caches[True]
    assert words[True] == words[False] and len(words[True]) == 2  # the added documents' only
    assert spilled["pairs"] == plain["pairs"] and spilled["lengths"] == plain["lengths"]
    for field in ("signatures", "windows"):
        assert list(spilled[field]) == list(plain[field])
        assert all(type(spilled[field][n].base) is np.ndarray for n in spilled[field])  # loaded: not a memmap
        assert all(np.array_equal(spilled[field][n], plain[field][n]) for n in plain[field])
    assert all(np.array_equal(spilled["shingles"][n].distinct, plain["shingles"][n].distinct)
               and np.array_equal(spilled["shingles"][n].at, plain["shingles"][n].at) for n in plain["shingles"])


def _doc(n: str) -> str:
    return f"<https://example.org/doc/{n}>"


def _span(start: int) -> tuple:
    """A passage as the reuse cache keeps it (reuse_graph._spans)."""
    return (start, start + 40, start + 5, start + 45, 8, 0.9, 0, 8, 0, 8)


# sha256 stand-ins; the edges doc x -> doc y: x cites y (reached: a path of at most 8 of them)
_FILES = ("a" * 64, "b" * 64, "c" * 64, "d" * 64, "e" * 64)
_A, _B, _C, _D, _E = _FILES
_BASE = {"pairs": {(_A, _B): (_span(0),), (_A, _C): (_span(100), _span(300)), (_B, _D): (_span(7),),
                   (_C, _E): (_span(9),)},
         "edges": {_doc("c"): {_doc("x")}}, "owners": {}, "lengths": {s: 500 for s in _FILES},
         "docs": {s: _doc(s[0]) for s in _FILES}}


def _changed(**change) -> dict:
    return {**_BASE, **change}


@pytest.mark.parametrize("after", [
    _BASE,                                                                            # nothing changed
    _changed(edges={_doc("c"): {_doc("x")}, _doc("x"): {_doc("a")}}),                 # c -> x -> a: a path, two steps
    _changed(edges={}),                                                               # an edge gone
    _changed(edges={**{_doc(f"x{i}"): {_doc(f"x{i + 1}")} for i in range(8)},        # a path of 9 edges from b to d:
                    _doc("b"): {_doc("x0")}, _doc("x7"): {_doc("d")}}),               # too long (limit 8)
    _changed(edges={**{_doc(f"x{i}"): {_doc(f"x{i + 1}")} for i in range(6)},
                    _doc("b"): {_doc("x0")}, _doc("x6"): {_doc("d")}}),               # 8 edges: reached
    _changed(docs={**_BASE["docs"], _A: _doc("z")}),                                  # a file's document renamed
    _changed(docs={s: d for s, d in _BASE["docs"].items() if s != _E}),               # a file no document any more
    _changed(pairs={p: s for p, s in _BASE["pairs"].items() if p != (_A, _C)}),       # a pair gone
    _changed(pairs={**_BASE["pairs"], (_A, _C): (_span(100),)}),                      # a passage not shown any more
    _changed(pairs={**_BASE["pairs"], (_B, _C): (_span(11),)}),                       # a pair found
    _changed(owners={(_B, _D): _D}),                                                  # a pair in another file's graph
    _changed(lengths={**_BASE["lengths"], _B: 501}),                                  # a text length
])
def test_the_reuse_graphs_memo_gives_what_a_run_without_it_gives(after):
    """file_graphs with the memo of its run on _BASE (what each file's graph was written from, the
    citation edges) gives the fingerprints and lines a run without any memo gives, whatever changed."""
    from loaders import identity as ids
    from loaders.reuse_graph import file_graphs

    def run(state, memo):
        docs = {f"<{ids.source_iri(s)}>": d for s, d in state["docs"].items()}
        return list(file_graphs(state["pairs"].items(), docs, state["edges"], None, state["lengths"],
                                owners=state["owners"], memo=memo))
    memo: dict = {}
    assert run(_BASE, memo) == run(_BASE, None) and memo["files"]
    assert run(after, memo) == run(after, None)
    assert run(after, memo) == run(after, None)  # and with the memo that run left


def _then(then: str) -> tuple[Params, dict[str, str], dict[str, str], list[tuple[str, str]]]:
    """(params, the texts of a first run, those of the run after it, its linked pairs) of a change ``then``:
    the same documents, a pair linked, a document removed, one added."""
    texts = _texts(8, 3)
    later = {"same": texts, "linked": texts, "removed": {n: t for n, t in texts.items() if n != "d01"},
             "added": {**texts, "a9": OWN.format(n=9) + " " + SHARED}}[then]
    return Params(max_df=3, max_partners=20), texts, later, [("d03", "d05")] if then == "linked" else []


@pytest.mark.parametrize("then", ["same", "linked", "removed", "added"])
def test_a_cache_saved_with_the_arrays_it_loaded_holds_each_files_own(tmp_path, then):
    """_packed saves the packed arrays as loaded when a run kept the very arrays it loaded (no document
    came or went); each file's arrays read back are then still its own, as after a run that packs them."""
    import numpy as np

    from loaders.reuse_graph import _load_cache, _save_cache, detect

    params, texts, later, linked = _then(then)
    path = tmp_path / "cache.pickle"
    cache = _load_cache(path, params)
    detect(texts, cache, params)
    _save_cache(path, cache)
    cache = _load_cache(path, params)
    detect(later, cache, params, linked)
    _save_cache(path, cache)
    fresh = _load_cache(None, params)
    detect(later, fresh, params, linked)
    saved = _load_cache(path, params)
    assert list(saved["signatures"]) == list(later)
    for field in ("signatures", "windows"):
        assert all(np.array_equal(saved[field][n], fresh[field][n]) for n in later)
    assert all(np.array_equal(saved["shingles"][n].distinct, fresh["shingles"][n].distinct)
               and np.array_equal(saved["shingles"][n].at, fresh["shingles"][n].at) for n in later)


@pytest.mark.parametrize("then, rewritten", [("same", False), ("linked", False), ("removed", True), ("added", True)])
def test_the_arrays_file_is_written_only_when_its_arrays_change(tmp_path, then, rewritten):
    """The reuse cache's per-file arrays live in their own file (ARRAYS_SUFFIX), written again only when a
    run's arrays are not those it loaded (a document came or went); the worker ahead (memo=False) leaves
    the reuse stage's memos (MEMO_SUFFIX) as they were; what is read back is what a run without files gives."""
    import numpy as np

    from loaders.reuse_graph import ARRAYS_SUFFIX, MEMO_SUFFIX, _load_cache, _save_cache, detect

    params, texts, later, linked = _then(then)
    path = tmp_path / "cache.pickle"
    cache = _load_cache(path, params)
    detect(texts, cache, params)
    cache["facts"]["digest"] = (("<s>", "<p>", "<o>"),)
    _save_cache(path, cache)
    arrays, memo = path.with_suffix(ARRAYS_SUFFIX), path.with_suffix(MEMO_SUFFIX)
    before = (arrays.stat().st_ino, arrays.read_bytes()), memo.read_bytes()
    worker = _load_cache(path, params, memo=False)
    assert "facts" not in worker and "graphs_memo" not in worker
    detect(later, worker, params, linked)
    _save_cache(path, worker)
    assert memo.read_bytes() == before[1]  # the worker's save: the memos as the reuse stage left them
    assert ((arrays.stat().st_ino, arrays.read_bytes()) != before[0]) == rewritten
    fresh = _load_cache(None, params)
    detect(later, fresh, params, linked)
    saved = _load_cache(path, params)
    assert saved["facts"] == {"digest": (("<s>", "<p>", "<o>"),)} and saved["pairs"] == fresh["pairs"]
    for field in ("signatures", "windows"):
        assert list(saved[field]) == list(later)
        assert all(np.array_equal(saved[field][n], fresh[field][n]) for n in later)


def test_a_cache_whose_arrays_file_is_another_saves_is_not_trusted(tmp_path):
    """The objects name the arrays file they were saved with (its token): an arrays file of another save
    (a save stopped between the two files, a file copied from elsewhere) leaves the cache empty (rebuilt)."""
    import shutil

    from loaders.reuse_graph import ARRAYS_SUFFIX, _load_cache, _save_cache, detect

    params = Params(max_df=3, max_partners=20)
    saved = {}
    for n in (6, 7):
        path = tmp_path / str(n) / "cache.pickle"
        path.parent.mkdir()
        cache = _load_cache(path, params)
        detect(_texts(n, 3), cache, params)
        _save_cache(path, cache)
        saved[n] = path
    assert len(_load_cache(saved[6], params)["pairs"]) > 0
    shutil.copy(saved[7].with_suffix(ARRAYS_SUFFIX), saved[6].with_suffix(ARRAYS_SUFFIX))
    assert _load_cache(saved[6], params)["pairs"] == {}


# (linked before, linked now): links gained and lost, of pairs that are candidates (d00-d01, d04-d05) and of
# pairs that are not (d00-e0, d01-e0): a candidate unlinked is aligned again as one, a non-candidate dropped
RELINKS = [([], [("d00", "e0")]), ([], [("d00", "d01")]), ([("d00", "e0")], []), ([("d00", "d01")], []),
           ([("d00", "e0"), ("d04", "d05")], [("d01", "e0"), ("d00", "d01")]), ([("d00", "e0")], [("d00", "e0")]),
           ([("d00", "d01"), ("d00", "e0")], [("d04", "d05")])]


@pytest.mark.parametrize("then, now", RELINKS)
@pytest.mark.parametrize("ahead", [False, True])
def test_a_run_whose_links_alone_changed_equals_one_over_every_pair(then, now, ahead):
    """The same documents as the last run, only their links changed (the reuse stage after the worker's
    guess, the worker's run once the citations are known): detect looks at the pairs whose link changed
    (_relinked), and leaves what a run over every pair leaves: entries in the same order, owners, figures."""
    import copy

    from loaders.reuse_graph import _load_cache, _named_pairs, detect

    params = Params()
    texts = {**_texts(6, 4), "e0": ROADS, "e1": SHARED + " " + ROADS}
    cache = _load_cache(None, params)
    detect({n: texts[n] for n in list(texts)[:4]}, cache, params, [])
    detect(texts, cache, params, then, ahead=ahead)  # e0, e1 added
    candidates = _named_pairs(list(texts), cache["candidates"][1])
    assert {("d00", "d01"), ("d04", "d05")} <= candidates and not {("d00", "e0"), ("d01", "e0")} & candidates
    relinked, over_all = copy.deepcopy(cache), copy.deepcopy(cache)
    del over_all["candidates"]  # candidates drawn again: every pair looked at
    assert detect(texts, relinked, params, now) == detect(texts, over_all, params, now)
    for name in ("pairs", "owners", "common", "lengths", "added"):
        assert relinked.get(name) == over_all.get(name)
    assert list(relinked["pairs"]) == list(over_all["pairs"]) == sorted(relinked["pairs"])
    assert {p for p, (linked, *_) in relinked["pairs"].items() if linked} == set(now)
