"""Text reuse: detection on small texts (copied, edited, OCR noise, tone placement, boilerplate), exact spans,
the incremental cache, the reuse graph of a build, `directive-kg reconstruct` and queries/reuse.rq on data/documents."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from loaders.reuse import Params, align, find_reuse, fold, words_of
from loaders.reuse_graph import detect_incremental

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"

SHARED = ("phát huy mạnh mẽ phương châm 4 tại chỗ; bình tĩnh, chủ động ứng phó mọi tình huống; tuyệt đối "
          "không được chủ quan, lơ là, nhưng không được gây hoang mang, mất ổn định")
LEFT = "Ban Thường vụ Tỉnh ủy Ninh Bình đề nghị các cấp ủy, tổ chức đảng trên địa bàn tỉnh quan tâm thực hiện: "
RIGHT = ("Huyện ủy Nam Trực giao Văn phòng theo dõi, đôn đốc việc thực hiện. Các xã báo cáo kết quả "
         "trước ngày 15 hằng tháng, đồng thời ")
OTHER = ("Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan tổ chức kiểm tra "
         "việc cách ly tập trung tại các cơ sở y tế, báo cáo kết quả về Văn phòng trước ngày 30 tháng 8.")
BOILER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{body}\nNơi nhận:\n- Như trên;\n"
          "- Lưu VT.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n(Đã ký)")


def _ocr(text: str) -> str:
    """OCR-like noise: a dropped accent, a confused letter, a broken word."""
    return text.replace("mạnh mẽ", "manh mẽ").replace("tình huống", "tinh huõng").replace("lơ là", "lơ 1à")


def _edited(text: str) -> str:
    return text.replace("bình tĩnh, ", "hết sức bình tĩnh, ").replace("mọi tình huống", "các tình huống")


def _old_tones(text: str) -> str:
    return text.replace("hòa", "hoà").replace("Hòa", "Hoà").replace("thủy", "thuỷ")


TONED = ("Ủy ban nhân dân huyện Hòa Vang chỉ đạo các xã hòa giải kịp thời các mâu thuẫn ở cơ sở, "
         "thủy lợi nội đồng phải được nạo vét trước mùa mưa bão, bảo đảm an toàn cho nhân dân")

# name, text a, text b, expected: None (nothing) or (a fragment of the passage, min similarity)
CASES = [
    ("copied", LEFT + SHARED + ".", RIGHT + SHARED + ".", ("phương châm 4 tại chỗ", 1.0)),
    ("edited", LEFT + SHARED + ".", RIGHT + _edited(SHARED) + ".", ("gây hoang mang", 0.85)),
    ("ocr noise", LEFT + SHARED + ".", RIGHT + _ocr(SHARED) + ".", ("phương châm", 0.85)),
    ("tone placement", "Mở đầu. " + TONED + ".", "Khác hẳn. " + _old_tones(TONED) + ".", ("Hòa Vang", 1.0)),
    ("boilerplate only", BOILER.format(body=LEFT), BOILER.format(body=OTHER), None),
    ("unrelated", LEFT + OTHER, RIGHT, None),
    ("too short", LEFT + "chủ động ứng phó mọi tình huống.", RIGHT + "chủ động ứng phó mọi tình huống.", None),
]


@pytest.mark.parametrize("name, a, b, expected", CASES, ids=[c[0] for c in CASES])
def test_detection(name, a, b, expected):
    a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
    found = align(words_of(a), words_of(b))
    if expected is None:
        assert found == []
        return
    fragment, similarity = expected
    assert len(found) == 1, found
    p = found[0]
    assert a[p.a_start:p.a_end] == p.a_quote and b[p.b_start:p.b_end] == p.b_quote   # exact spans
    assert fragment in p.a_quote and p.similarity >= similarity and p.words >= Params().min_words
    assert not p.a_quote[0].isspace() and not p.a_quote[-1].isspace()


def test_fold_tones_case_and_accents():
    assert fold("Hoà") == fold("hòa") == fold("HÒA") == "hoa"
    assert fold("Đảng") == "dang"


def test_lsh_finds_the_pairs_that_share_text_and_only_those():
    texts = {"a": LEFT + SHARED, "b": RIGHT + SHARED, "c": BOILER.format(body=OTHER), "d": BOILER.format(body="Kính gửi: các sở, ban, ngành.")}
    pairs = {(p.a, p.b) for p in find_reuse(texts)}
    assert pairs == {("a", "b")}


def test_incremental_cache(tmp_path):
    cache = tmp_path / "reuse-cache.pickle"
    texts = {"a": LEFT + SHARED, "b": RIGHT + SHARED, "c": OTHER}
    first, s1 = detect_incremental(texts, cache)
    again, s2 = detect_incremental(texts, cache)
    assert s1["new"] == 3 and s2["new"] == 0 and s2["pairs_aligned"] == 0 and again == first
    more, s3 = detect_incremental({**texts, "d": "Mở đầu khác. " + SHARED}, cache)
    assert s3["new"] == 1 and s3["pairs_aligned"] == 2 and len(more) == 3   # d~a, d~b; a~b from the cache


# --- on data/documents, built into a temporary store ------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from loaders.build import build
    store = tmp_path_factory.mktemp("reuse-store")
    build(DOCUMENTS, store, progress=False)
    return store


def _nfc(path: str) -> str:
    from loaders.read import read_document
    return unicodedata.normalize("NFC", read_document(str(DOCUMENTS / path)).text)


def test_reconstruct_10_dm(built, capsys):
    from directive_kg.cli import main
    assert main(["reconstruct", "10/ĐM", "--format", "json", "--store", str(built)]) == 0
    out = json.loads(capsys.readouterr().out)
    three = {"2644-CV/TU", "11-CV/HU", "963-CV/TU"}
    assert out["document"] == "10/ĐM" and three <= set(out["implementations"])
    assert out["passages"] and all(len({s["document"] for s in p["sources"]}) >= 2 for p in out["passages"])
    tai_cho = [p for p in out["passages"] if "phương châm 4 tại chỗ" in p["text"]
               and "không được gây hoang mang" in p["text"]]
    assert len(tai_cho) == 1 and three <= {s["document"] for s in tai_cho[0]["sources"]}
    assert tai_cho[0]["agreement"] >= 0.75
    files = {"2644-CV/TU": "000_971c03e54ee92b8c.txt", "11-CV/HU": "001_769c6a309fc48807.txt",
             "963-CV/TU": "004_09971cfee03b94d0.txt"}
    for s in tai_cho[0]["sources"]:
        assert "phương châm 4 tại chỗ" in _nfc(files[s["document"]])[s["start"]:s["end"]]
    first = tai_cho[0]["sources"][0]
    assert _nfc(files[first["document"]])[first["start"]:first["end"]] == tai_cho[0]["text"]


def test_reconstruct_needs_two_implementations(built, capsys):
    from directive_kg.cli import main
    assert main(["reconstruct", "2644-CV/TU", "--store", str(built)]) == 1
    assert "at least two are needed" in capsys.readouterr().err


def test_reuse_query_963_against_11(built):
    from directive_kg import queries as Q
    rows = Q.run("reuse", {"doc": "963-CV/TU"}, store=built).rows
    hits = [r for r in rows if r["other"] == "11-CV/HU" and "phương châm 4 tại chỗ" in r["quote"]]
    assert hits and hits[0]["relation"] == "sibling" and hits[0]["linked"] is False
    text = _nfc("004_09971cfee03b94d0.txt")
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in rows)


def test_build_without_reuse(tmp_path):
    from loaders.build import build
    from loaders.store import open_store
    build(DOCUMENTS, tmp_path / "s", progress=False, reuse=False)
    with open_store(tmp_path / "s") as kg:
        assert not kg.query("ASK { ?r a <https://w3id.org/directive-kg/ontology#TextReuse> }")


def test_copied_edited_new_shares():
    from directive_kg.reuse_diagram import shares
    got = shares({"a": LEFT + SHARED + ".", "b": RIGHT + _edited(SHARED) + ".", "c": OTHER}, {})
    assert got["a"][0] + got["a"][1] > 0.5 and got["c"] == (0.0, 0.0, 1.0)
    assert all(abs(sum(v) - 1) < 1e-9 for v in got.values())


# --- queries/reuse-levels.rq: copied / edited / new per level ----------------------------------------------

def _levels(rows):
    for r in rows:
        assert abs(r["copied"] + r["edited"] + r["new"] - 1) <= 0.002, r   # shares of one text
        assert min(r["copied"], r["edited"], r["new"]) >= 0, r


def test_reuse_levels_on_documents(built):
    from directive_kg import queries as Q
    rows = Q.run("reuse-levels", {"doc": "10/ĐM"}, store=built).rows
    _levels(rows)
    three = {"2644-CV/TU", "11-CV/HU", "963-CV/TU"}
    got = {r["document"]: r for r in rows if r["document"] in three}
    assert set(got) == three and all(r["depth"] == 1 and r["parent_document"] == "10/ĐM" for r in got.values())
    # 10/ĐM was never published: what each shares comes from a sibling, the "4 tại chỗ" passage among it
    assert all(r["source"] in three - {d} and r["copied"] + r["edited"] > 0.1 for d, r in got.items())
    assert got["2644-CV/TU"]["level"] == "province" and got["11-CV/HU"]["level"] == "district"


def test_reuse_levels_on_a_generated_corpus(tmp_path):
    """bench/generate.py --reuse: each implementation copies part of its parent's paragraph; the share
    the query calls copied or edited covers at least what the generator's gold says it copied."""
    import subprocess
    import sys
    from directive_kg import queries as Q
    from loaders.build import build
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "40", "--out", str(corpus),
                    "--seed", "3", "--reuse"], check=True, capture_output=True)
    build(corpus, tmp_path / "store", progress=False)
    number = {p.name[:-len(".gold.json")]: json.loads(p.read_text("utf-8"))["number"] for p in corpus.glob("*.gold.json")}
    copied = {}
    for p in corpus.glob("*.reuse.json"):
        gold = json.loads(p.read_text("utf-8"))
        copied[number[p.name[:-len(".reuse.json")]]] = sum(g["end"] - g["start"] for g in gold["passages"])
    central = number["central_0000"]
    rows = Q.run("reuse-levels", {"doc": central}, store=tmp_path / "store").rows
    _levels(rows)
    assert rows and all(r["depth"] >= 1 for r in rows)
    checked = 0
    for r in rows:
        if copied.get(r["document"]):
            assert (r["copied"] + r["edited"]) * r["characters"] >= 0.9 * copied[r["document"]], r
            checked += 1
    assert checked >= 5, (checked, len(rows))


def test_diagram_reuse_draws_the_bars(built, tmp_path, capsys):
    from directive_kg.cli import main
    out = tmp_path / "reuse.png"
    assert main(["diagram", "--kind", "reuse", "--root", "10/ĐM", "--store", str(built), "--out", str(out)]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG" and "4 documents" in capsys.readouterr().out
    assert main(["diagram", "--kind", "reuse", "--store", str(built), "--out", str(out)]) == 1
    assert "--kind reuse needs --root" in capsys.readouterr().err
    assert main(["diagram", "--kind", "reuse", "--root", "10/ĐM", "--store", str(built),
                 "--out", str(tmp_path / "g.graphml")]) == 1
    assert "not a graph" in capsys.readouterr().err


def _boilerplate_rows():
    import csv
    with open(ROOT / "data" / "reference" / "boilerplate.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", _boilerplate_rows(), ids=lambda r: r["phrase"])
def test_boilerplate_entry_masks_its_example(row):
    """data/reference/boilerplate.csv: each phrase is masked in its example (house rule: the example is the test),
    and a passage made of the example alone is no reuse."""
    from loaders.reuse import MASK, _WORD
    example = unicodedata.normalize("NFC", row["example"])
    assert example, "every entry has an example"
    w = words_of(example)
    phrase_words = len(_WORD.findall(row["phrase"]))
    assert int((w.ids == MASK).sum()) >= phrase_words, (row, w.ids)
    assert not words_of(example, mask_boilerplate=False).ids.tolist().count(MASK)


@pytest.mark.parametrize("text", [SHARED[:60], SHARED, LEFT + SHARED, LEFT + SHARED + ". " + OTHER + " " + RIGHT])
def test_signatures_are_datasketch_minhashes(text):
    """signatures() computes all windows of a document at once; each equals datasketch's MinHash of the window
    (a text shorter than a window, and every window of longer ones, the last one off the stride included)."""
    import numpy as np
    from loaders.reuse import MASK, grams, minhash_of, signatures, window_starts
    params = Params()
    w = words_of(unicodedata.normalize("NFC", text))
    g = grams(w, params.k)
    g = g[g != MASK]
    sig = signatures(w, params)
    starts = window_starts(len(g), params)
    assert len(g) and len(sig) == len(starts)
    for n, start in enumerate(starts):
        assert np.array_equal(sig[n], minhash_of(g[start:start + params.window], params.num_perm).hashvalues)


# --- ontology 0.3.0: one node a passage; the reuse queries answer as 0.2.0's did on its four nodes ---------

OLD_QUERIES = Path(__file__).parent / "reuse_0_2"  # the three queries as they read 0.2.0's passages


def _as_0_2(built) -> "ox.Store":
    """A copy of the built store with every passage in its 0.2.0 form (oa:SpecificResource + two selectors),
    as web-annotation.rq writes it (test_web_annotation: equal to the form 0.2.0 stored)."""
    import pyoxigraph as ox

    from directive_kg.web_annotation import triples
    from loaders.store import open_store

    dkg = "https://w3id.org/directive-kg/ontology#"
    with open_store(built, read_only=True) as kg:
        copy = ox.Store()
        copy.load(kg.store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        standard = [t for t in triples(kg) if "/reuse/" in t.subject.value]
    graphs = {q.graph_name for q in copy.quads_for_pattern(None, ox.NamedNode(dkg + "passage"), None)}
    light = [q for p in ("quote", "start", "end", "quotedFrom")
             for q in copy.quads_for_pattern(None, ox.NamedNode(dkg + p), None) if "/reuse/" in q.subject.value]
    assert light and standard and graphs
    for q in light:
        copy.remove(q)
    copy.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in standard for g in graphs)
    return copy


def _sorted(rows: list[dict]) -> list[str]:
    """Rows as a multiset (the ORDER BY of reuse-levels leaves ties, in no promised order)."""
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)


def test_reuse_queries_give_the_rows_of_0_2(built):
    from directive_kg import queries as Q
    from loaders.store import open_store

    old = _as_0_2(built)
    with open_store(built, read_only=True) as kg:
        ids = sorted({str(r[0].value) for r in kg.store.query(
            "SELECT ?id WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> ?id }",
            use_default_graph_as_union=True)})
        runs = [(name, {"doc": d}) for d in ids for name in ("reuse", "reuse-levels")] + [("hidden-links", {})]
        rows = 0
        for name, params in runs:
            new = _sorted(Q.run(name, params, store=kg.store, timeout=None).rows)
            before = _sorted(Q.run(Q.load_query(OLD_QUERIES / f"{name}.rq"), params, store=old, timeout=None).rows)
            assert new == before, (name, params)
            rows += len(new)
    assert rows > 100


def test_passages_carry_no_quotes_and_the_triples_slice_them_chunk_by_chunk(monkeypatch):
    """detect_incremental keeps spans only; write_reuse_triples slices each chunk's quotes from the NFC texts."""
    import pyoxigraph as ox

    from loaders import identity as ids
    from loaders import reuse_graph

    texts = {"a": LEFT + SHARED, "b": RIGHT + SHARED, "d": "Mở đầu khác. " + SHARED}
    passages, _ = detect_incremental(texts, None)
    assert len(passages) == 3 and all(p.a_quote == p.b_quote == "" for p in passages)
    docs = {f"<{ids.source_iri(n)}>": f"<{ids.ID}doc/{n}>" for n in texts}
    monkeypatch.setattr(reuse_graph, "CHUNK", 1)
    g = ox.Store()
    g.load(reuse_graph.reuse_triples(passages, docs, {}, texts), format=ox.RdfFormat.N_TRIPLES)
    rows = list(g.query("""PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
        SELECT ?doc ?quote ?start ?end WHERE { ?r dkg:passage ?p . ?p dkg:passageOf ?doc ; dkg:quote ?quote ;
        dkg:start ?start ; dkg:end ?end }"""))
    assert len(rows) == 6
    for doc, quote, start, end in rows:
        text = unicodedata.normalize("NFC", texts[doc.value.rsplit("/", 1)[1]])
        assert text[int(start.value):int(end.value)] == quote.value and "4 tại chỗ" in quote.value


@pytest.mark.parametrize("threshold,num_perm", [(0.3, 32), (0.5, 32), (0.3, 64), (0.8, 16), (0.1, 128)])
def test_bands_and_permutations_are_datasketch_s(threshold, num_perm):
    """The build draws the LSH bands and the MinHash permutations itself (datasketch imports scipy): the
    same as datasketch's."""
    from datasketch import MinHash, MinHashLSH

    from loaders.reuse import _affine32, _bands

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert _bands(Params(threshold=threshold, num_perm=num_perm)) == (lsh.b, lsh.r)
    a, b = MinHash(num_perm=num_perm, scheme="affine32").permutations
    assert np.array_equal(_affine32(num_perm)[0], a) and np.array_equal(_affine32(num_perm)[1], b)


def test_prepared_mostly_common_is_mostly_common():
    """The running counts a worker prepares a document give mostly_common's answer for every word range."""
    from loaders import reuse as R

    params = Params()
    w = words_of("Nơi nhận: như trên. " + " ".join(f"câu {i % 7} của văn bản số {i % 3}" for i in range(40)), keep_text=False)
    g = R.grams(w, params.k)
    common = np.unique(g[(g != R.MASK) & (g % np.uint64(3) == 0)])
    R._SHARED.update({"words": {"d": w}, "common": common, "params": params})
    try:
        prepared = R._prepared("d")
        for i0 in range(0, len(w), 7):
            for i1 in range(i0 + 1, len(w) + 1, 5):
                assert prepared.mostly_common((i0, i1), params.k) == R.mostly_common(w, (i0, i1), common, params), (i0, i1)
    finally:
        R._SHARED.clear()
        R._prepared.cache_clear()


@pytest.mark.parametrize("share", [0, 2, 3, 5])  # no shingle common; every 2nd, 3rd, 5th one common
def test_cached_shingles_give_the_common_windows_and_the_filter(share):
    """A build's cache keeps a document's Shingles, not its text: the windows found mostly common and the
    boilerplate filter found from them, for any set of common shingles, are those found from the text."""
    from loaders import reuse as R

    params = Params()
    w = words_of("Nơi nhận: như trên. " + " ".join(f"câu {i % 7} của văn bản số {i % 3} về {i}" for i in range(60)),
                 keep_text=False)
    g = R.grams(w, params.k)
    g = g[g != R.MASK]
    common = np.unique(g[g % np.uint64(share) == 0]) if share else np.zeros(0, dtype=np.uint64)
    shingles = R.Shingles.of(w, params)
    assert np.array_equal(shingles.distinct, R.distinct_grams(w, params))
    windows = shingles.common_windows(common, params)
    starts = R.window_starts(len(g), params)
    assert len(windows) == len(starts) == len(R.signatures(w, params)) > 2
    for start, masked in zip(starts, windows):
        window = g[start:start + params.window]
        assert masked == (np.isin(window, common).sum() > len(window) / 2)
    if not share:
        assert not windows.any()
    short = R.Shingles.of(words_of("ba bốn năm sáu bảy", keep_text=False), params)
    empty = R.Shingles.of(words_of("một", keep_text=False), params)
    every = R.Shingles.common_windows_all([shingles, empty, short, shingles], common, params)
    assert [m.tolist() for m in every] == [d.common_windows(common, params).tolist()
                                           for d in (shingles, empty, short, shingles)]
    test = shingles.mostly_common(common, params)
    for i0 in range(0, len(w), 7):
        for i1 in range(i0 + 1, len(w) + 1, 5):
            assert test((i0, i1)) == R.mostly_common(w, (i0, i1), common, params), (i0, i1)


def _seed_runs(ga: list[int], gb: list[int], k: int, gap: int, cap: int) -> list[list[int]]:
    """What _runs computes, by its definition: seeds (i, j) with equal unmasked shingles, the first ``cap``
    j of each i; seeds on one diagonal d = j - i, in order of i, joined while i advances by <= k + gap."""
    seeds = [(i, j) for i, v in enumerate(ga) if v for j in [j for j, w in enumerate(gb) if w == v][:cap]]
    if len({i for i, _ in seeds}) < 2:
        return []
    runs: list[list[int]] = []
    for i, j in sorted(seeds, key=lambda s: (s[1] - s[0], s[0])):
        r = runs[-1] if runs else None
        if r is not None and j - i == r[2] - r[0] and i <= (r[1] - k) + k + gap:  # r[1] - k: its last seed's i
            r[1], r[3] = i + k, j + k
        else:
            runs.append([i, i + k, j, j + k])
    return runs


@pytest.mark.parametrize("vocabulary", [1, 2, 3, 6, 40])  # few values: repeated shingles, more seeds than the cap
def test_runs_are_the_diagonals_of_the_first_seeds(vocabulary):
    """b's shingles looked up in a's index give the seeds and runs of their definition (MASK 0 never a seed)."""
    from loaders import reuse as R

    params, rng = Params(), np.random.default_rng(vocabulary)
    for _ in range(60):
        ga = rng.integers(0, vocabulary + 1, rng.integers(0, 90)).astype(np.uint64)
        gb = rng.integers(0, vocabulary + 1, rng.integers(0, 90)).astype(np.uint64)
        expected = _seed_runs(ga.tolist(), gb.tolist(), params.k, params.gap, 8)
        assert R._runs(ga, gb, params) == expected
        assert R._runs(ga, gb, params, index_a=R._sorted_index(ga)) == expected
