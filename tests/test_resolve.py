"""Corpus-wide resolution over the gold records of data/documents and hand-made records."""
from __future__ import annotations

import hashlib

import pytest

from loaders.identity import ID
from loaders.records import CitedDocument, CopyRecord, DocumentRecord, Span
from loaders.resolve import LoadedDocument, resolve, subject_of, subject_similarity

D = ID + "doc/"


@pytest.fixture(scope="module")
def gold(gold_documents):
    return gold_documents, resolve(gold_documents)


def _citation(docs, res, number, index):
    k = next(i for i, d in enumerate(docs) if d.record.number == number)
    return next(c for c in res.documents[k].citations if c.index == index)


# citing document (number), citation index, expected target, method, citing node (None: the document)
CITATIONS = [
    ("963-CV/TU", 0, "trung-uong/2020/10-dm", "number", None),
    ("11-CV/HU", 0, "trung-uong/2020/10-dm", "issuer-date-type", None),          # "Điện mật ngày 28/7/2020"
    ("2458-CV/ĐUK", 0, "trung-uong/2020/10-dm", "issuer-date-type", None),       # "Công điện ngày 28/7/2020"
    ("2644-CV/TU", 0, "trung-uong/2020/10-dm", "issuer-subject", None),          # "ý kiến chỉ đạo ... về ..."
    ("11-CV/HU", 2, "tinh-uy-nam-dinh/2020/1100-cv-tu", "number", None),
    ("2644-CV/TU", 2, "uy-ban-nhan-dan-tinh-ninh-binh/2020/472-ubnd-vp6", "number", None),
    ("2644-CV/TU", 3, "van-phong-chinh-phu/2020/253-tb-vpcp", "number",
     "uy-ban-nhan-dan-tinh-ninh-binh/2020/472-ubnd-vp6"),                          # nested: 472 cites 253
    ("963-CV/TU", 1, "trung-uong/2019/35-ct-tw", "number", None),                # no date: the one dated node
    ("24/CT-UBND", 0, "thu-tuong-chinh-phu/undated/15-ct-ttg", "number", None),  # no date, no dated node
    ("2644-CV/TU", 1, "tong-bi-thu-chu-tich-nuoc-nguyen-phu-trong/cited/loi-keu-goi-ff5a8d1cf3bd",
     "unresolved", None),
]


@pytest.mark.parametrize("number,index,target,method,citing", CITATIONS,
                         ids=[f"{r[0]}[{r[1]}]" for r in CITATIONS])
def test_gold_citations(gold, number, index, target, method, citing):
    docs, res = gold
    c = _citation(docs, res, number, index)
    assert (c.target, c.method) == (D + target, method)
    k = next(i for i, d in enumerate(docs) if d.record.number == number)
    assert c.asserted_in == res.documents[k].iri
    assert c.citing == (D + citing if citing else res.documents[k].iri)


def test_confidences(gold):
    docs, res = gold
    assert _citation(docs, res, "11-CV/HU", 0).confidence == 0.9
    assert 0.6 <= _citation(docs, res, "2644-CV/TU", 0).confidence <= 0.8
    assert _citation(docs, res, "963-CV/TU", 0).confidence == 1.0


def test_nested_citation_is_implements(gold):
    docs, res = gold
    assert _citation(docs, res, "2644-CV/TU", 3).relation == "implements"


def test_copy_is_its_own_document(gold):
    docs, res = gold
    k = next(i for i, d in enumerate(docs) if d.record.copy)
    assert res.documents[k].copy_iri == D + "dang-uy-khoi-cac-co-quan-tinh-binh-dinh/2021/43-bs-duk"
    assert res.documents[k].iri.startswith(D + "tinh-uy-binh-dinh/unnumbered/")
    assert res.nodes[res.documents[k].copy_iri].loaded


def test_known_only_by_citation(gold):
    docs, res = gold
    assert D + "tinh-uy-nam-dinh/2020/1100-cv-tu" in res.cited_only
    assert D + "trung-uong/2020/10-dm" in res.cited_only
    assert D + "trung-uong/2019/35-ct-tw" not in res.cited_only      # party_017 is its file
    assert D + "tinh-uy-ninh-binh/2020/2644-cv-tu" not in res.cited_only
    # the unnumbered citations that resolved left no node of their own behind
    assert D + "thuong-truc-ban-bi-thu/2020-07-28/cong-dien" not in res.nodes


def test_stats(gold):
    docs, res = gold
    s = res.stats
    cits = [c for d in docs for c in d.record.cited_documents]
    assert s.documents_read == len(docs) == 17
    assert s.copies == 1
    assert s.citations == len(cits)
    assert s.citations_explicit + s.citations_implicit == s.citations
    assert s.citations_implicit == sum(1 for c in cits if not c.explicit) == 1
    assert s.citations_resolved + s.citations_unresolved == s.citations
    assert s.citations_inferred == 3
    assert s.assignments == sum(len(d.record.assignments) for d in docs)
    assert s.documents_cited_only == len(res.cited_only)
    assert s.bodies + s.body_groups == len(res.bodies)


def test_bodies_one_node_per_real_body(gold):
    docs, res = gold
    names = {b.name for b in res.bodies.values()}
    assert "Ban Tuyên giáo Tỉnh ủy Ninh Bình" in names
    k = next(i for i, d in enumerate(docs) if d.record.number == "2644-CV/TU")
    # a name as written in a record maps to the one node of the body
    assert res.documents[k].bodies["Ban Tuyên giáo Tỉnh ủy Ninh Bình"] == ID + "body/ban-tuyen-giao-tinh-uy-ninh-binh"
    groups = [b for b in res.bodies.values() if b.kind == "group"]
    assert any(b.iri.startswith(ID + "group/cac-huyen-uy") for b in groups)


# --- hand-made records ----------------------------------------------------------------------

def _doc(path, **fields) -> LoadedDocument:
    record = DocumentRecord(source=path, **fields)
    return LoadedDocument(record, path, hashlib.sha256(path.encode()).hexdigest(), "test")


def _cite(**fields) -> CitedDocument:
    return CitedDocument(**{"text": fields.pop("text", "x"), **fields})


def test_cited_document_and_its_later_file_are_one_node():
    citing = _doc("a.txt", number="11-CV/HU", date="2020-07-31", issuer="Huyện ủy Nam Trực",
                  cited_documents=(_cite(number="1100-CV/TU", date="2020-07-29",
                                         issuer="Ban Thường vụ Tỉnh ủy Nam Định", relation="implements"),),
                  evidence={"cited_documents[0]": Span(10, 20, "1100-CV/TU")})
    alone = resolve([citing])
    assert alone.cited_only == {D + "tinh-uy-nam-dinh/2020/1100-cv-tu"}
    later = _doc("b.txt", number="1100-CV/TU", date="2020-07-29", issuer="Tỉnh ủy Nam Định")
    both = resolve([citing, later])
    assert both.documents[1].iri == both.documents[0].citations[0].target == D + "tinh-uy-nam-dinh/2020/1100-cv-tu"
    assert both.cited_only == frozenset()


@pytest.mark.parametrize("years,expected", [
    (("2020",), "tinh-uy-nam-dinh/2020/5-ct-tu"),                  # one dated node: that one
    (("2020", "2021"), "tinh-uy-nam-dinh/undated/5-ct-tu"),        # two: cannot tell, stays undated
    ((), "tinh-uy-nam-dinh/undated/5-ct-tu"),
])
def test_number_without_date(years, expected):
    dated = [_doc(f"{y}.txt", number="5-CT/TU", date=f"{y}-01-02", issuer="Tỉnh ủy Nam Định") for y in years]
    citing = _doc("c.txt", number="9-CV/HU", date="2022-01-01", issuer="Huyện ủy Nam Trực",
                  cited_documents=(_cite(number="5-CT/TU", issuer="Tỉnh ủy Nam Định"),))
    res = resolve([*dated, citing])
    c = res.documents[-1].citations[0]
    assert c.target == D + expected
    assert c.method == "number"


def test_issuer_date_type_ambiguous_stays_unresolved():
    cands = [_doc(f"{n}.txt", number=f"{n}/CĐ-TTg", date="2021-12-26", doc_type="Công điện",
                  issuer="Thủ tướng Chính phủ") for n in (1815, 1816)]
    citing = _doc("c.txt", number="1/UBND-VX", date="2021-12-27", issuer="UBND tỉnh Ninh Bình",
                  cited_documents=(_cite(doc_type="Công điện", date="2021-12-26", issuer="Thủ tướng Chính phủ"),))
    c = resolve([*cands, citing]).documents[-1].citations[0]
    assert c.method == "unresolved" and c.target == c.own_target
    one = resolve([cands[0], citing]).documents[-1].citations[0]
    assert (one.method, one.target) == ("issuer-date-type", D + "thu-tuong-chinh-phu/2021/1815-cd-ttg")


def test_issuer_date_type_needs_the_same_type():
    cand = _doc("k.txt", number="7/KH-UBND", date="2021-12-26", doc_type="Kế hoạch", issuer="UBND tỉnh Ninh Bình")
    citing = _doc("c.txt", number="1-CV/HU", date="2021-12-27", issuer="Huyện ủy Nam Trực",
                  cited_documents=(_cite(doc_type="Công điện", date="2021-12-26", issuer="UBND tỉnh Ninh Bình"),))
    assert resolve([cand, citing]).documents[-1].citations[0].method == "unresolved"


def test_issuer_subject_not_after_the_citing_document():
    cand = _doc("k.txt", number="7-CV/TU", date="2021-03-01", doc_type="Công văn", issuer="Tỉnh ủy Ninh Bình",
                subject="V/v tăng cường phòng, chống dịch Covid-19")
    cite = _cite(text="chỉ đạo của Tỉnh ủy về tăng cường phòng, chống dịch Covid-19", explicit=False,
                 issuer="Tỉnh ủy Ninh Bình")
    before = _doc("c.txt", number="1-CV/HU", date="2021-02-01", issuer="Huyện ủy Kim Sơn", cited_documents=(cite,))
    after = _doc("d.txt", number="2-CV/HU", date="2021-03-05", issuer="Huyện ủy Kim Sơn", cited_documents=(cite,))
    res = resolve([cand, before, after])
    assert res.documents[1].citations[0].method == "unresolved"
    c = res.documents[2].citations[0]
    assert (c.method, c.target) == ("issuer-subject", D + "tinh-uy-ninh-binh/2021/7-cv-tu")
    assert c.confidence == 0.8  # identical subjects


def test_copy_without_number_or_date_still_gets_an_iri():
    doc = _doc("a.txt", number="3-CV/TU", date="2021-01-01", issuer="Tỉnh ủy Ninh Bình",
               copy=CopyRecord(issuer="Văn phòng Tỉnh ủy Ninh Bình"))
    res = resolve([doc])
    assert res.documents[0].copy_iri and res.documents[0].copy_iri != res.documents[0].iri


@pytest.mark.parametrize("text,subject", [
    ("V/v tăng cường công tác phòng, chống dịch", "tăng cường công tác phòng, chống dịch"),
    ("Về việc tăng cường", "tăng cường"),
    ("ý kiến chỉ đạo của Thường trực Ban Bí thư về tăng cường X", "tăng cường X"),
    ("Công văn số 472/UBND-VP6 về việc phòng, chống dịch Covid-19", "phòng, chống dịch Covid-19"),
    ("Lời kêu gọi của Tổng Bí thư", None),
    ("Chỉ thị số 05-CT/TU v/v tổ chức Tết", "tổ chức Tết"),   # any lead word of grammar's 'about', any case
    (None, None),
])
def test_subject_of(text, subject):
    assert subject_of(text) == subject


def test_subject_similarity():
    a = "tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới"
    b = "tăng cường công tác phòng, chống dịch bệnh Covid-19 trong tình hình mới"
    assert subject_similarity(a, a) == 1.0
    assert 0.9 < subject_similarity(a, b) < 1.0
    assert subject_similarity(a, "tổ chức Tết năm 2021") == 0.0


def test_documents_of_unplaced_issuers_are_never_merged_by_number():
    """Two press reports of "Tỉnh ủy" (no province) with the same number and year may come from two
    provinces: each is its own document, identified by its source bytes, and keeps its number."""
    import hashlib

    from loaders.extract import extract_text
    from loaders.resolve import LoadedDocument, resolve

    texts = ["Ban Thường vụ Tỉnh ủy vừa ban hành Chỉ thị số 02-CT/TU ngày 14/12/2020 về việc phòng, chống dịch.",
             "Ban Thường vụ Tỉnh ủy vừa ban hành Chỉ thị số 02-CT/TU ngày 20/12/2020 về việc đón Tết Nguyên đán."]
    docs = [LoadedDocument(extract_text(t, source=f"r{i}.txt"), f"r{i}.txt",
                           hashlib.sha256(t.encode()).hexdigest(), "test") for i, t in enumerate(texts)]
    assert [d.record.number for d in docs] == ["02-CT/TU", "02-CT/TU"]
    iris = [d.iri for d in resolve(docs).documents]
    assert len(set(iris)) == 2 and all("/unnumbered/" in i for i in iris)
    # placed: the same number and year is one document
    placed = [t.replace("Tỉnh ủy vừa", "Tỉnh ủy Ninh Bình vừa") for t in texts]
    docs = [LoadedDocument(extract_text(t, source=f"p{i}.txt"), f"p{i}.txt",
                           hashlib.sha256(t.encode()).hexdigest(), "test") for i, t in enumerate(placed)]
    assert len({d.iri for d in resolve(docs).documents}) == 1


def test_body_names_remembered_from_another_run_give_the_resolution_a_fresh_run_gives(gold_documents):
    """The add's path (loaders.build.resolved: resolve_body's answers from the map cache) equals the whole computation."""
    import pickle

    from loaders.resolve import _body_node, known_bodies, learn_bodies, resolve_body

    known_bodies(forget=True)
    fresh = resolve(gold_documents)
    answers = pickle.loads(pickle.dumps(known_bodies(forget=True)))  # as the map cache gives them back
    assert answers and all(_body_node(name, ctx) == node for (name, ctx), node in answers.items())
    learn_bodies(answers)
    assert resolve(gold_documents) == fresh
    assert all(resolve_body(name, ctx) is node for (name, ctx), node in answers.items())  # taken, not computed


@pytest.mark.parametrize("changes", [
    {"date": "2020-07-28", "date_in_corpus": True},
    {"issuer": "https://example.org/body/a", "level": "province", "channel": None},
    {},
])
def test_evolved_is_replace_without_init(changes):
    """resolve.evolved gives what dataclasses.replace gives, and leaves the original as it was."""
    from dataclasses import replace
    from loaders.resolve import DocNode, evolved
    node = DocNode(iri="https://example.org/doc/1", loaded=True, numbers=("10/ĐM",), dates=("2020-07-28",),
                   channel="party")
    copy = evolved(node, **changes)
    assert copy == replace(node, **changes) and type(copy) is DocNode
    assert hash(copy) == hash(replace(node, **changes))
    assert node == DocNode(iri="https://example.org/doc/1", loaded=True, numbers=("10/ĐM",), dates=("2020-07-28",),
                           channel="party")
