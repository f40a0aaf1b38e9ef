"""Cited documents: gold documents, every example of the citation data files, odd inputs."""
from __future__ import annotations

import csv
import json
import re

import pytest
from hypothesis import given, settings, strategies as hs

from citation_score import CONTEXTS, DOCS, GOLD
from score_extraction import match_sets, same_citation, similar

from loaders import header as H
from loaders.citations import find_citations, patterns, read_body
from loaders.context import DocContext
from loaders.paths import REFERENCE
from loaders.text import SourceText

NINH_BINH = CONTEXTS["000_971c03e54ee92b8c"]


def rows(name: str, kind: str | None = None) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if kind is None or r.get("kind") == kind]


def cite(text: str, ctx: DocContext = NINH_BINH, **kw):
    return find_citations(SourceText.from_text(text), ctx, **kw)


def cited(text: str, ctx: DocContext = NINH_BINH, **kw):
    return [c for c, _ in cite(text, ctx, **kw).citations]


# ---------------------------------------------------------------- gold documents

@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_gold_citations(name):
    gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
    st = SourceText.from_text((DOCS / f"{name}.txt").read_text(encoding="utf-8"))
    found = find_citations(st, CONTEXTS[name], own_number=gold.get("number"))
    predicted = [c.__dict__ for c, _ in found.citations]
    expected = gold.get("cited_documents") or []
    hits, n_pred, n_gold = match_sets(predicted, expected, same_citation)
    assert hits == n_pred == n_gold, (predicted, expected)
    for g in expected:
        p = next(c for c in predicted if same_citation(c, g))
        assert p["date"] == g.get("date")
        if g.get("issuer"):
            assert similar(p["issuer"] or "", g["issuer"], 0.8), (p["issuer"], g["issuer"])
    for c, span in found.citations:
        assert st.canonical[span.start:span.end] == span.quote


def test_nested_citation_is_cited_by_the_citing_cited_document():
    docs = cited((DOCS / "000_971c03e54ee92b8c.txt").read_text(encoding="utf-8"))
    by_number = {c.number: c for c in docs if c.number}
    assert by_number["472/UBND-VP6"].relation == "implements"
    assert by_number["253/TB-VPCP"].relation == "cited_by_cited"
    assert by_number["253/TB-VPCP"].cited_from == "472/UBND-VP6"
    implicit = [c for c in docs if not c.explicit]
    assert len(implicit) == 1 and implicit[0].subject.startswith("về tăng cường")


def test_generic_mentions_are_not_citations():
    found = cite((DOCS / "000_971c03e54ee92b8c.txt").read_text(encoding="utf-8"))
    generic = [g for g, _ in found.generic]
    assert any(g.startswith("các văn bản chỉ đạo của Bộ Chính trị") for g in generic)
    assert any(g.startswith("Hướng dẫn của Ban Chỉ đạo Quốc gia") for g in generic)
    assert all("Bộ Chính trị, Ban Bí thư" not in (c.text) for c, _ in found.citations)


def test_one_citation_per_document_with_the_most_information():
    docs = cited((DOCS / "state_013.txt").read_text(encoding="utf-8"), CONTEXTS["state_013"])
    ct16 = [c for c in docs if c.number == "16/CT-TTg"]
    assert len(ct16) == 1 and ct16[0].date == "2020-03-31" and ct16[0].issuer == "Thủ tướng Chính phủ"


@pytest.mark.parametrize("text, expected", [
    # a headline with the bare number, the text with the full symbol: one document
    ("Huyện ủy quán triệt Chỉ thị số 21 của Ban Bí thư\n\nHội nghị đã quán triệt Chỉ thị số 21-CT/TW "
     "ngày 02/3/2023 của Ban Bí thư về công tác thanh niên.", [("21-CT/TW", "2023-03-02")]),
    # another author's document with the same bare number stays apart
    ("Thực hiện Kế hoạch số 12 của Huyện ủy và Kế hoạch số 12-KH/TU ngày 5/1/2024 của Tỉnh ủy về du lịch.",
     [("12", None), ("12-KH/TU", "2024-01-05")]),
], ids=["headline-bare-number", "other-author"])
def test_a_bare_number_and_its_full_symbol_are_one_document(text, expected):
    assert [(c.number, c.date) for c in cited(text)] == expected


# ---------------------------------------------------------------- constructions

@pytest.mark.parametrize("text, expected", [
    ("Thực hiện Công điện số 1099/CĐ-TTg và 1102/CĐ-TTg của Thủ tướng Chính phủ.",
     [("1099/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ"), ("1102/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ")]),
    ("theo Chỉ thị số 15/CT-TTg, Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ;",
     [("15/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ"), ("16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ")]),
    ("Thực hiện Công văn số 12/UBND-VP và 13/UBND-VP của UBND tỉnh về việc phòng dịch.",
     [("12/UBND-VP", "Công văn", "UBND tỉnh Ninh Bình"), ("13/UBND-VP", "Công văn", "UBND tỉnh Ninh Bình")]),
    ("trên cơ sở thực hiện Chỉ thị số 48 -CT/TW, ngày 09/12/2020 của Ban Bí thư Trung ương Đảng",
     [("48-CT/TW", "Chỉ thị", "Ban Bí thư")]),
    ("Sau 10 năm thực hiện Nghị quyết 13-NQ/TƯ của Tỉnh ủy (khóa XIV),", [("13-NQ/TU", "Nghị quyết", "Tỉnh ủy Ninh Bình")]),
])
def test_numbered_lists_share_their_tail(text, expected):
    got = [(c.number, c.doc_type, c.issuer) for c in cited(text)]
    assert got == expected


@pytest.mark.parametrize("text, date", [
    ("Thực hiện Công văn số 472/UBND-VP6, ngày 28/7/2020 của UBND tỉnh", "2020-07-28"),
    ("Thực hiện Chỉ thị số 16/CT-TTg ngày 31 tháng 3 năm 2020 của Thủ tướng Chính phủ", "2020-03-31"),
    ("Công văn số 2601/VPCP-KGVX ngày 03 tháng 4 năm 2020", "2020-04-03"),
    ("Nghị quyết số 02-NQ/TU, ngày 04/12/2020 của tỉnh ủy", "2020-12-04"),
    ("Ngày 20/3/2020, Bộ Y tế (Cơ quan thường trực) đã ban hành Quyết định số 1246/QĐ-BYT kèm theo Hướng dẫn.", "2020-03-20"),
])
def test_dates(text, date):
    assert [c.date for c in cited(text)] == [date]


@pytest.mark.parametrize("written, date", [
    ("29/77/2020", "2020-07-29"),   # doubled month digit: one reading, corrected (as in the header)
    ("5/33/2020", "2020-03-05"),
    ("31/2/2020", None),            # no reading: kept as written
    ("33/33/2020", None),           # two readings would be needed: kept as written
])
def test_impossible_date_follows_the_header_rule_with_a_warning(written, date):
    found = cite(f"Thực hiện Công văn số 77-CV/TU, ngày {written} về việc phòng dịch.")
    (doc, _), = found.citations
    assert doc.date == date and doc.date_as_written == written
    assert any(written in w and ("read as" if date else "kept as written") in w for w in found.warnings)
    assert H.date_from_parts(*written.split("/")) == (date, next(w for w in found.warnings if written in w).split(": ", 1)[1])


def test_a_document_named_in_a_subject_is_cited_by_the_cited_one():
    docs = cited("Thực hiện Công văn số 180-CV/HU, ngày 02/4/2020 của Ban Thường vụ Huyện ủy về lãnh đạo thực hiện "
                 "Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ và Công điện số 15/ĐM của Ban Bí thư, Đảng ủy xã yêu cầu:")
    assert [(d.number, d.relation, d.cited_from) for d in docs] == [
        ("180-CV/HU", "implements", None), ("16/CT-TTg", "cited_by_cited", "180-CV/HU"),
        ("15/ĐM", "implements", None)]  # "và Công điện số ..." ends the subject: a citation of its own


def test_own_number_and_attribution_are_not_citations():
    text = ("Ban Thường vụ Đảng ủy Khối đã ban hành Công văn số 2458-CV/ĐUK, ngày 29/7/2020.\n\n"
            "(Nguồn: Thông báo số 81/TB-UBND ngày 08/6/2021)")
    assert cited(text, own_number="2458 - CV/ĐUK") == []
    assert [c.number for c in cited(text)] == ["2458-CV/ĐUK"]


def test_citations_after_the_distribution_list_are_ignored():
    assert cited("Nơi nhận:\n- Như trên,\n- Thực hiện Công văn số 5-CV/TU,\n") == []


# ---------------------------------------------------------------- data files: every example is read

@pytest.mark.parametrize("row", rows("citation_patterns.csv", "type_word"), ids=lambda r: r["text"])
def test_type_word_examples(row):
    docs = cited(row["example"])
    assert docs and docs[0].doc_type == row["value"]


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "unnumbered"), ids=lambda r: r["text"])
def test_unnumbered_examples(row):
    docs = cited(row["example"])
    assert len(docs) == 1 and docs[0].number is None and (docs[0].issuer or docs[0].date)
    assert row["text"] in docs[0].text


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "author_lead"), ids=lambda r: r["text"])
def test_author_lead_examples(row):
    (doc,) = cited(row["example"])
    assert doc.issuer.startswith(row["text"])


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "implicit_lead"), ids=lambda r: r["text"])
def test_implicit_examples(row):
    (doc,) = cited("Thực hiện " + row["example"] + ".")
    assert doc.explicit is False and doc.relation == "implements" and doc.subject.startswith("về")


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "generic_lead"), ids=lambda r: r["text"])
def test_generic_examples(row):
    found = cite("Thực hiện " + row["example"] + ", Bộ Y tế và các cơ quan chức năng.")
    assert found.citations == () and found.generic


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "self_marker"), ids=lambda r: r["text"])
def test_self_marker_examples(row):
    assert cited(row["example"]) == []


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "issuer_stop"), ids=lambda r: r["text"])
def test_issuer_stop_examples(row):
    text = row["example"]
    start = text.index("của ") + 4 if "của " in text else 0
    stop = re.search(rf"(?<!\w){re.escape(row['text'])}(?!\w)", text[start:]).start() + start
    assert read_body(text, start, len(text)) <= stop


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "post"), ids=lambda r: r["text"])
def test_post_examples(row):
    text = row["example"]
    start = text.index("của ") + 4 if "của " in text else 0
    assert read_body(text, start, len(text)) == len(text)


# symbol fixes ("13-NQ/TƯ" -> "13-NQ/TU") are the header's rows (header_markers.csv): one rule for both
@pytest.mark.parametrize("row", rows("citation_patterns.csv", "ocr_fix"),
                         ids=lambda r: r["text"])
def test_fix_examples(row):
    (doc,) = cited(row["example"])
    written = " ".join(filter(None, (doc.number, doc.issuer)))
    assert row["value"] in written and row["text"] not in written


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "subject_stop"), ids=lambda r: r["text"])
def test_subject_stop_examples(row):
    doc = cited("Thực hiện Công văn số 1-CV/TU " + row["example"])[0]
    assert doc.number == "1-CV/TU" and row["text"] not in doc.subject


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "wrap_goes_on"), ids=lambda r: r["text"])
def test_wrapped_subject_goes_on_examples(row):
    # "|" in the example is the hard line break: a line ending with the word needs the next line
    before, after = row["example"].split("|")
    doc = cited("Thực hiện Công văn số 1-CV/TU " + before + "\n" + after + ";")[0]
    assert doc.subject.startswith(before.strip()) and after.split(",")[0].strip() in doc.subject


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "relation_exclude"), ids=lambda r: r["text"])
def test_relation_exclude_examples(row):
    text = row["example"]
    cut = text.lower().index(row["text"].lower()) + len(row["text"])
    docs = cited(text[:cut] + " Công văn số 1-CV/TU.")
    assert docs and docs[-1].relation == "refers"


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "amending_prefix"), ids=lambda r: r["text"])
def test_amending_prefix_examples(row):
    """"Căn cứ Luật A; Luật sửa đổi, bổ sung một số điều của Luật B": B is under "Căn cứ" too."""
    docs = cited(row["example"])
    assert len(docs) == 2 and [d.relation for d in docs] == ["based_on", "based_on"]


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
    "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số điều Luật Ban hành văn bản "
    "quy phạm pháp luật ngày 18 tháng 6 năm 2020;",
])
def test_laws_after_a_semicolon_stay_under_can_cu(text):
    assert {d.relation for d in cited(text)} == {"based_on"}


def test_issued_verb_example():
    (row,) = rows("citation_patterns.csv", "issued_verb")
    (doc,) = cited(row["example"], CONTEXTS["state_008"])
    assert doc.issuer == "Bộ Y tế" and doc.date == "2020-03-20"


@pytest.mark.parametrize("row", rows("issuer_codes.csv"), ids=lambda r: r["code"])
def test_issuer_code_examples(row):
    """A citation without "của ..." takes its issuer from the symbol (issuer_codes.csv, one table)."""
    province, _, district = row["example_context"].partition("/")
    ctx = DocContext(province=province or None, district=district or None)
    (doc,) = cited(f"Thực hiện Công văn số {row['example_number']}.", ctx)
    shared = row["code"] in {t for t, _ in patterns().get("shared_code", ())}   # "/TW": several authors, none named
    assert doc.issuer == (None if shared else row["example_issuer"] or None)


@pytest.mark.parametrize("row", rows("citation_relations.csv"), ids=lambda r: r["verb"])
def test_relation_examples(row):
    docs = cited(row["example"])
    assert docs and docs[0].relation == row["relation"]


# ---------------------------------------------------------------- odd input

@pytest.mark.parametrize("text", [
    "", " ", "\x00", "Số", "Công văn số", "số 12/", "của của của", "Công văn số 1/A" * 500,
    "Thực hiện Chỉ thị số 99999/CT-TTg ngày 99/99/9999 của", "ý kiến chỉ đạo của về", "**Nơi nhận:**",
    "Lời kêu gọi của Tổng Bí thư, Chủ tịch nước", "Điện mật ngày 31/2/2020 của Thường trực Ban Bí thư",
])
def test_odd_input_never_raises(text):
    found = cite(text)
    st = SourceText.from_text(text)
    for _, span in found.citations + found.generic:
        assert st.canonical[span.start:span.end] == span.quote


@settings(max_examples=150, deadline=None)
@given(hs.lists(hs.sampled_from([
    "Công văn", "số", " ", "12", "/", "-", "CV", "TU", "ngày", "28/7/2020", "của", "UBND tỉnh", "về việc",
    ",", ".", ";", "và", "Thực hiện", "theo", "tại", "Thông báo", "ý kiến chỉ đạo", "Ban Bí thư", "\n\n", "**",
    "Điện mật", "Lời kêu gọi", "các văn bản", "ƯBND", "(", ")", "Ngày", "ban hành", "hoà", "x",
]), max_size=40), hs.text(max_size=30))
def test_never_raises_and_spans_quote_the_text(parts, noise):
    text = " ".join(parts) + noise
    st = SourceText.from_text(text)
    found = find_citations(st, NINH_BINH)
    assert not any(w.startswith("citations not read") for w in found.warnings)
    for _, span in found.citations + found.generic:
        assert st.canonical[span.start:span.end] == span.quote


@pytest.mark.parametrize("text,context,issuer", [
    # a city inside a city: the issuer of a cited directive is the committee above
    ("Thực hiện ý kiến chỉ đạo của Ban Thường vụ Thành ủy về công tác phòng, chống dịch.",
     ("Hồ Chí Minh", "Thủ Đức"), "Ban Thường vụ Thành ủy Hồ Chí Minh"),
    ("Thực hiện Công văn số 292-CV/TU ngày 03/3/2020 của Ban Thường vụ Thành ủy về phòng, chống dịch.",
     ("Hải Phòng", "Thủy Nguyên"), "Ban Thường vụ Thành ủy Hải Phòng"),
    # a provincial city: "Thành ủy" has one reading
    ("Thực hiện ý kiến chỉ đạo của Ban Thường vụ Thành ủy về công tác phòng, chống dịch.",
     ("Nam Định", "Nam Định"), "Ban Thường vụ Thành ủy Nam Định"),
])
def test_cited_issuer_in_a_city_inside_a_city(text, context, issuer):
    (doc,) = cited(text, DocContext(province=context[0], district=context[1]))
    assert doc.issuer == issuer


# ---------------------------------------------------------------- citations as people write them (issue 13)

CENTRAL = DocContext("Văn phòng Chính phủ", "central", "state")


@pytest.mark.parametrize("text, expected", [
    # a number without a symbol, with "số" or with a tail
    ("Thực hiện Công điện số 1409 ngày 15/9/2021 của Bộ Y tế về tăng tốc tiêm chủng.",
     [("Công điện", "1409", "2021-09-15", "Bộ Y tế")]),
    ("Quán triệt Nghị quyết 12 của Tỉnh ủy về chuyển đổi số.", [("Nghị quyết", "12", None, "Tỉnh ủy Ninh Bình")]),
    ("Tiếp tục thực hiện Kết luận số 7.", [("Kết luận", "7", None, None)]),
    ("như Chỉ thị 16 của Chính phủ đã nêu", [("Chỉ thị", "16", None, "Thủ tướng Chính phủ")]),  # issuer_of_type
    # the press's thousands dot; a number and its year with no symbol
    ("Căn cứ chỉ đạo của Bộ Y tế tại Công văn số 2.350 ngày 1.4.2020 và tình hình thực tế.",
     [("Công văn", "2350", "2020-04-01", "Bộ Y tế")]),
    ("Tiếp tục thực hiện nghiêm Chỉ thị số 02/2020 của UBND tỉnh về phòng chống hạn hán.",
     [("Chỉ thị", "02/2020", None, "UBND tỉnh Ninh Bình")]),
    # not a number of a document
    ("Triển khai Kế hoạch 5 năm của tỉnh.", []),
    ("Chỉ thị 35 đã đi vào cuộc sống.", []),
    ("Công văn số lượng lớn gửi các xã.", []),
    # another document after "của" is no author ("của các Luật liên quan", "của Luật Quy hoạch")
    ("Căn cứ Nghị quyết số 12 của các Luật liên quan đến đầu tư.", [("Nghị quyết", "12", None, None)]),
])
def test_number_without_symbol(text, expected):
    assert [(c.doc_type, c.number, c.date, c.issuer) for c in cited(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Thực hiện các Công điện: số 2201/CĐ-BYT ngày 02/9/2021, số 2216/CĐ-BYT ngày 04/9/2021 của Bộ Y tế về xét nghiệm.",
     [("2201/CĐ-BYT", "2021-09-02"), ("2216/CĐ-BYT", "2021-09-04")]),
    ("Triển khai các Quyết định số 15/QĐ-UBND ngày 3/2/2022; số 19/QĐ-UBND ngày 9/2/2022 của UBND tỉnh.",
     [("15/QĐ-UBND", "2022-02-03"), ("19/QĐ-UBND", "2022-02-09")]),
    ("Thực hiện Chỉ thị số 15/CT-TTg, 16/CT-TTg và 19/CT-TTg của Thủ tướng Chính phủ.",
     [("15/CT-TTg", None), ("16/CT-TTg", None), ("19/CT-TTg", None)]),
    ("Thực hiện Kế hoạch số 40 ngày 1/3/2022, số 41 ngày 2/3/2022 của UBND tỉnh.",
     [("40", "2022-03-01"), ("41", "2022-03-02")]),
    # "số" not followed by a number: the list ends
    ("Thực hiện Công văn số 12/UBND-VP ngày 3/4/2020, số ca mắc đã giảm.", [("12/UBND-VP", "2020-04-03")]),
])
def test_list_continuations_share_type_issuer_and_relation(text, expected):
    docs = cited(text)
    assert [(c.number, c.date) for c in docs] == expected
    head = docs[0]
    assert all(c.doc_type == head.doc_type and c.issuer == head.issuer and c.relation == head.relation == "implements"
               for c in docs) and head.issuer


@pytest.mark.parametrize("text, subject", [
    # "về X và Kế hoạch số 155, ngày ...": a bare-numbered document ends the subject before it; both implement
    ("Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị về đại hội đảng bộ các cấp và Kế hoạch số 212, "
     "ngày 2/5/2025 của Tỉnh ủy Lạng Sơn về tổ chức đại hội, Đảng ủy xã xây dựng kế hoạch.", "về đại hội đảng bộ các cấp"),
    ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về phát triển khoa học và Chương trình số 9 "
     "ngày 3/3/2025 của Thành ủy, các chi bộ quán triệt.", "về phát triển khoa học"),
])
def test_subject_ends_before_a_bare_numbered_document(text, subject):
    docs = cited(text)
    assert docs[0].subject == subject
    assert len(docs) == 2 and [c.relation for c in docs] == ["implements", "implements"]


def test_programme_of_action_is_cited_with_what_it_implements():
    docs = cited("Thực hiện Chương trình hành động số 12-CTHĐ/TU ngày 3/6/2021 của Tỉnh ủy Bình Định về thực hiện "
                 "Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương, Đảng ủy xã xây dựng kế hoạch.")
    assert [(c.doc_type, c.number, c.relation, c.cited_from) for c in docs] == [
        ("Chương trình", "12-CTHĐ/TU", "implements", None),
        ("Nghị quyết", "19-NQ/TW", "cited_by_cited", "12-CTHĐ/TU")]


def test_a_written_issuer_beats_the_code_of_an_earlier_mention():
    # first named with its symbol only (TW: the code says Ban Chấp hành Trung ương), later "của Bộ Chính trị"
    docs = cited("Quán triệt Nghị quyết 66-NQ/TW về đổi mới công tác xây dựng pháp luật. Để thực hiện Nghị "
                 "quyết 66-NQ/TW của Bộ Chính trị, các cấp ủy xây dựng chương trình công tác năm.")
    assert [(c.number, c.issuer) for c in docs] == [("66-NQ/TW", "Bộ Chính trị")]


@pytest.mark.parametrize("text, doc_type, number, distance", [
    ("Thực hiện Chthị 16 của Thủ tướng Chính phủ về giãn cách.", "Chỉ thị", "16", 2),
    ("Thực hiện Cồng văn số 45/UBND-VX ngày 2/3/2020 của UBND tỉnh.", "Công văn", "45/UBND-VX", 1),
    ("Thực hiện Cong van so 45/UBND-VX của UBND tỉnh.", "Công văn", "45/UBND-VX", 2),
    ("Căn cứ Nghi quyet số 02-NQ/TU của Tỉnh ủy.", "Nghị quyết", "02-NQ/TU", 2),
])
def test_damaged_type_words_by_edit_distance(text, doc_type, number, distance):
    found = cite(text)
    (doc,), = [[c for c, _ in found.citations]]
    assert (doc.doc_type, doc.number) == (doc_type, number)
    assert any(f"edit distance {distance}" in w and number in w for w in found.warnings), found.warnings


@pytest.mark.parametrize("text", [
    "Theo Điều 5 của Luật Đất đai, người sử dụng đất có quyền.",
    "Khoản 2 của Điều 3 quy định rõ.",
    "Công ty số 12/ABC-XD đã nộp hồ sơ của dự án.",
    "Phòng 12/A của Trung tâm Y tế.",
])
def test_no_damaged_type_word_where_there_is_none(text):
    found = cite(text)
    assert [c.number for c, _ in found.citations if c.number] == [] and not found.warnings


@pytest.mark.parametrize("row", rows("named_documents.csv"), ids=lambda r: r["head"])
def test_named_document_examples(row):
    docs = [c for c in cited(row["example"]) if c.number is None]
    assert docs and docs[0].doc_type == row["doc_type"] and docs[0].text.startswith(row["head"])
    if row["issuer"]:  # the head tells the issuer; otherwise only the text can ("Quy chế làm việc của ...")
        assert docs[0].issuer == row["issuer"]


@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm và các văn bản hướng dẫn thi hành;",
     [("Luật", "Luật Phòng, chống bệnh truyền nhiễm", None)]),
    ("Căn cứ Luật Thi đua, khen thưởng, Nghị định số 91/2017/NĐ-CP;",
     [("Luật", "Luật Thi đua, khen thưởng", None), ("Nghị định", "Nghị định số 91/2017/NĐ-CP", "Chính phủ")]),
    ("Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XXII;",
     [("Quy chế", "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XXII", "Tỉnh ủy Ninh Bình")]),
    ("Thực hiện nghiêm Điều lệ Đảng, giữ gìn kỷ luật.", [("Điều lệ", "Điều lệ Đảng", "Đảng Cộng sản Việt Nam")]),
    ("Căn cứ Luật Đất đai; Luật Xây dựng; Luật Đất đai và các văn bản hướng dẫn.",   # two laws, one mentioned twice
     [("Luật", "Luật Đất đai", None), ("Luật", "Luật Xây dựng", None)]),
    # not a named document
    ("Văn phòng luật sư tư vấn miễn phí.", []),
    ("Luật sư Nguyễn Văn A đã có mặt.", []),
    ("Rà soát các Luật chuyên ngành.", []),
    ("theo quy chế làm việc của cơ quan", []),
])
def test_named_documents(text, expected):
    assert [(c.doc_type, c.text, c.issuer) for c in cited(text)] == expected


@pytest.mark.parametrize("text, issuer", [
    ("Thực hiện “Lời kêu gọi toàn dân chung tay phòng, chống dịch” của Tổng Bí thư Nguyễn Phú Trọng, Tỉnh ủy yêu cầu",
     "Tổng Bí thư Nguyễn Phú Trọng"),
    ("Quán triệt “Chỉ thị về tăng cường công tác dân vận” ngày 5/6/2021 của Ban Bí thư.", "Ban Bí thư"),
])
def test_quoted_titles(text, issuer):
    (doc,) = cited(text)
    assert doc.text.startswith("“") and doc.issuer == issuer and doc.number is None


@pytest.mark.parametrize("text, ctx, issuer", [
    ("Thực hiện Công văn số 1338/CV-BCĐ ngày 17/3/2020 của Ban chỉ đạo Quốc gia về việc cách ly.", NINH_BINH,
     "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19"),                         # "chỉ" after a bare "Ban"
    ("Về đề xuất của Tỉnh ủy tỉnh Gia Lai tại văn bản số 88-CV/TU ngày 2/4/2020, Phó Thủ tướng có ý kiến:", CENTRAL,
     "Tỉnh ủy tỉnh Gia Lai"),                                                     # written issuer over a locality code
    ("Xét đề nghị của Giám đốc Sở Y tế tại Tờ trình số 56/TTr-SYT ngày 01/4/2020,", NINH_BINH,
     "Sở Y tế tỉnh Ninh Bình"),                                                   # the code completes the same body
    ("Thực hiện Kết luận của Thủ tướng Chính phủ tại Thông báo số 99/TB-VPCP ngày 3/4/2020,", NINH_BINH,
     "Văn phòng Chính phủ"),                                                      # a central code names the issuer
    ("Thực hiện Chỉ thị số 12-CT/TU của Thành ủy TP.HCM về giãn cách.", NINH_BINH, "Thành ủy TP.HCM"),
    ("Thực hiện Công văn số 5-CV/TU của Tỉnh ủy và Kế hoạch số 9-KH/TU về phòng dịch.", NINH_BINH, "Tỉnh ủy Ninh Bình"),
    ("Thực hiện Công văn số 7/BYT-MT ngày 2/3/2020 của Bộ Y tế tại cuộc họp.", NINH_BINH, "Bộ Y tế"),
    ("Căn cứ Nghị quyết Đại hội lần thứ XIII của Đảng;", NINH_BINH, "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
    ("Quán triệt Bài viết của đồng chí Tổng Bí thư, Chủ tịch nước; Kế hoạch của cấp ủy.", NINH_BINH,
     "Tổng Bí thư, Chủ tịch nước"),
])
def test_issuer_span_and_precedence(text, ctx, issuer):
    assert cited(text, ctx)[0].issuer == issuer


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "open_head"), ids=lambda r: r["text"])
def test_open_head_examples(row):
    text = row["example"]
    start = text.index("của ") + 4
    assert clean_name(text[start:read_body(text, start, len(text))]).split()[1][0].islower() \
        or read_body(text, start, len(text)) > start + len(row["text"]) + 1


def clean_name(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "issuer_rewrite") + rows("citation_patterns.csv", "issuer_of_type"),
                         ids=lambda r: r["text"])
def test_issuer_rewrite_examples(row):
    (doc,) = cited(row["example"])
    n = re.search(r"lần thứ (\w+)", row["example"]) or re.search(r"Đại hội (\w+)", row["example"]) \
        or re.search(r"Trung ương (\d+)", row["example"])   # "Nghị quyết Trung ương 4": the plenum's number
    # the value, completed in the context's place ("Ban Thường vụ Tỉnh ủy" -> "... Tỉnh ủy Ninh Bình")
    value = row["value"].replace("{n}", n.group(1) if n else "")
    assert doc.issuer == value or doc.issuer.startswith(value + " Ninh Bình")


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "title_stop"), ids=lambda r: r["text"])
def test_title_stop_examples(row):
    docs = [c for c in cited("Căn cứ " + row["example"] + ";") if c.doc_type == "Luật"]
    title = row["example"][:row["example"].index(" " + row["text"]) if " " + row["text"] in row["example"]
                           else row["example"].index(", " + row["text"])].rstrip(", ")
    assert docs and docs[0].text.startswith(title)
    rest = docs[0].text[len(title):]
    assert not rest or docs[0].date or docs[0].issuer or docs[0].subject or docs[0].number is None and rest.startswith(" số")


@pytest.mark.parametrize("text, citations, generic", [
    ("Thực hiện chỉ đạo của Thủ tướng Chính phủ về việc cách ly xã hội, UBND tỉnh yêu cầu", 0, 1),
    ("Tiếp tục thực hiện các công điện, chỉ thị và ý kiến chỉ đạo của Thủ tướng Chính phủ về bảo đảm an ninh.", 0, 1),
    ("ý kiến thống nhất tại cuộc họp Ban Chỉ đạo của Thành phố về công tác phòng dịch", 0, 0),
    ("theo đúng chỉ đạo của Thủ tướng Chính phủ, Bộ Y tế và Thành ủy về tiêm chủng", 0, 1),
    ("Quán triệt các Chỉ thị, Nghị quyết của Đảng về công tác cán bộ.", 0, 0),
    ("Quán triệt Chỉ thị, Nghị quyết của Đảng về công tác cán bộ.", 0, 0),
    ("Thực hiện Công văn số 12/UBND-VP và Báo cáo của UBND tỉnh về phòng dịch.", 2, 0),
    ("Thực hiện ý kiến chỉ đạo của Thường trực Tỉnh ủy về việc tổ chức Tết, Ban Thường vụ yêu cầu", 1, 0),
])
def test_generic_mentions_stay_out(text, citations, generic):
    found = cite(text)
    assert (len(found.citations), len(found.generic)) == (citations, generic)
    assert all(c.explicit is False or c.doc_type for c, _ in found.citations)


@pytest.mark.parametrize("text, own, numbers", [
    ("Ban Tổ chức ban hành Hướng dẫn số 26 hướng dẫn thực hiện Chỉ thị số 35 của Bộ Chính trị.", "26-HD/BTCTW", ["35"]),
    ("Chỉ thị số 05-CT/TU nêu rõ; thực hiện Chỉ thị số 05 của Tỉnh ủy.", "05-CT/TU", []),
    ("thực hiện Chỉ thị số 5 của Tỉnh ủy.", "52-CT/TU", ["5"]),
])
def test_own_number_is_never_cited(text, own, numbers):
    assert [c.number for c in cited(text, own_number=own)] == numbers


@pytest.mark.parametrize("text, relations", [
    ("Thực hiện Công điện số 31/CĐ-TTg của Thủ tướng Chính phủ; các Công điện: số 88/CĐ-BYT, số 90/CĐ-BYT của Bộ Y tế.",
     ["implements", "implements", "implements"]),
    ("Căn cứ Luật Đất đai; Nghị định số 43/2014/NĐ-CP;", ["based_on", "based_on"]),
    ("Thực hiện Công văn số 1/UBND-VP; Sở Y tế đã gửi Công văn số 5/SYT-NV.", ["implements", "refers"]),
])
def test_items_after_a_semicolon_share_the_verb(text, relations):
    assert [c.relation for c in cited(text)] == relations


@pytest.mark.parametrize("row", rows("grammar_words.csv", "number_word_damaged"), ids=lambda r: r["text"])
def test_damaged_number_word_examples(row):
    found = cite("Thực hiện " + row["example"] + " của UBND tỉnh.")
    (doc,) = [c for c, _ in found.citations]
    assert doc.number and doc.doc_type == "Công văn"
    assert any(f"number word {row['text']!r}" in w for w in found.warnings), found.warnings


@pytest.mark.parametrize("row", rows("grammar_words.csv", "name_comma"), ids=lambda r: r["text"])
def test_name_comma_examples(row):
    text = "Thực hiện Công văn số 25/BCĐ của " + row["example"] + " về việc cách ly."
    start = text.index("của ") + 4
    assert text[start:read_body(text, start, len(text))] == row["example"]


def test_nothing_before_start_is_cited():
    lead = "(Báo X) - Theo Quy định số 172-QĐ/TW, Ban Bí thư quyết định. Toàn văn như sau:\n\n"
    text = lead + "Căn cứ Điều lệ Đảng và Quy định số 24-QĐ/TW ngày 30/7/2021;"
    assert [c.number for c in cited(text)] == ["172-QĐ/TW", None, "24-QĐ/TW"]
    found = cite(text, start=len(lead))
    assert [c.number for c, _ in found.citations] == [None, "24-QĐ/TW"]
    st = SourceText.from_text(text)
    assert all(st.canonical[s.start:s.end] == s.quote and s.start >= len(lead) for _, s in found.citations)


def test_a_cited_symbol_is_fixed_like_a_header_number():
    (doc,) = cited("Thực hiện Nghị quyết số 13-NQ/TƯ ngày 5/3/2021 của Bộ Chính trị về phòng, chống dịch.")
    assert doc.number == "13-NQ/TU"


# an issuer's name ends before the verb that opens the cited document's title (seen on provincial portals)
@pytest.mark.parametrize("text, number, issuer", [
    ("Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10/4/2019 của Chính phủ quy định chức năng của Bộ Xây dựng;",
     "31/2019/NĐ-CP", "Chính phủ"),
    ("Căn cứ Quyết định số 744/QĐ-TTg ngày 02/6/2021 của Thủ tướng Chính phủ phê duyệt Đề án trồng rừng;",
     "744/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Căn cứ Thông tư số 12/2020/TT-BTC ngày 03/3/2020 của Bộ Tài chính Hướng dẫn quản lý kinh phí;",
     "12/2020/TT-BTC", "Bộ Tài chính"),
    ("Căn cứ Nghị định số 08/2022/NĐ-CP ngày 09/01/2022 của Chính phủ sửa đổi một số điều;",
     "08/2022/NĐ-CP", "Chính phủ"),
])
def test_issuer_ends_before_the_title_verb(text, number, issuer):
    (doc,) = [c for c in cited(text) if c.number == number]
    assert doc.issuer == issuer


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "symbol_completes"), ids=lambda r: r["text"])
def test_symbol_completes_examples(row):
    found = cite("Thực hiện " + row["example"] + " về phòng chống dịch.", complete_symbols=True)
    (doc,) = [c for c, _ in found.citations]
    assert (doc.doc_type, doc.number) == (row["text"], row["value"])
    assert any("completed" in w for w in found.warnings)



# one date after a "và" pair of one type and one series dates both; another series or type keeps its own
@pytest.mark.parametrize("text, dates", [
    ("Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị về giám sát.",
     [("217-QĐ/TW", "2013-12-12"), ("218-QĐ/TW", "2013-12-12")]),
    ("Thực hiện Nghị quyết số 124/NQ-CP và Nghị quyết số 125/NQ-CP ngày 9/5/2025 của Chính phủ.",
     [("124/NQ-CP", "2025-05-09"), ("125/NQ-CP", "2025-05-09")]),
    ("Thực hiện Kế hoạch số 12-KH/TU và Kế hoạch số 30/KH-UBND ngày 3/2/2022 về chuyển đổi số.",
     [("12-KH/TU", None), ("30/KH-UBND", "2022-02-03")]),
    ("Thực hiện Chỉ thị số 05-CT/TW và Quyết định số 99-QĐ/TW ngày 3/2/2022 của Ban Bí thư.",
     [("05-CT/TW", None), ("99-QĐ/TW", "2022-02-03")]),
])
def test_a_date_after_a_pair(text, dates):
    assert [(c.number, c.date) for c in cited(text)] == dates


@pytest.mark.parametrize("text, number", [
    ("Thực hiện Chỉ thị 05 của Bộ Chính trị về học tập đạo đức.", "05-CT/TW"),      # through its parent
    ("Thực hiện Đề án 06 của Thủ tướng Chính phủ về dữ liệu dân cư.", "06"),        # no symbol_completes row
    ("Thực hiện Chỉ thị 12 của Sở Y tế về an toàn thực phẩm.", "12"),               # no fixed issuer code
    ("Thực hiện Chỉ thị số 31/2009/CT-TTg của Thủ tướng Chính phủ.", "31/2009/CT-TTg"),  # a symbol stays
])
def test_symbol_completion_only_with_both_codes(text, number):
    assert [c.number for c in cited(text, complete_symbols=True)] == [number]


def test_bare_numbers_stay_as_written_unless_asked():  # a press report's numbers are its evidence
    assert [c.number for c in cited("Thực hiện Chỉ thị 16 của Thủ tướng Chính phủ về cách ly.")] == ["16"]


# A quoted title closed and followed by a comma ends the subject: the clause after it is the sentence's.
def test_subject_ends_after_a_closed_quote_and_comma():
    (doc,) = cited("Thực hiện Chỉ thị số 07-CT/TU, ngày 2/3/2022 của Ban Thường vụ Tỉnh ủy về đẩy mạnh phong "
                   "trào “Xây dựng xã hội học tập”, các chi bộ đã tổ chức quán triệt.")
    assert doc.subject == "về đẩy mạnh phong trào “Xây dựng xã hội học tập”"


@pytest.mark.parametrize("text, issuer, subject", [
    # the author's term ("khóa XII", "(khoá XVI)") is no part of its name; the subject after it is read
    ("Thực hiện Nghị quyết số 26-NQ/TW ngày 19/5/2018 của Ban Chấp hành Trung ương Đảng khóa XII về công tác cán bộ.",
     "Ban Chấp hành Trung ương", "về công tác cán bộ"),
    ("Thực hiện Nghị quyết số 03-NQ/TU ngày 2/3/2021 của Ban Chấp hành Đảng bộ tỉnh (khoá XVI) về phát triển du lịch.",
     "Tỉnh ủy Ninh Bình", "về phát triển du lịch"),
    # a quoted title ends at its closing quote, parentheses inside and all; what follows is not its subject
    ("Tổng kết Nghị quyết số 18 ngày 25-10-2017 của Ban Chấp hành Trung ương về 'Một số vấn đề về sắp xếp bộ máy' "
     "trên địa bàn tỉnh.", "Ban Chấp hành Trung ương", "về 'Một số vấn đề về sắp xếp bộ máy'"),
    ("Thực hiện Hướng dẫn số 150-HD/BTGTW ngày 8/9/2021 của Ban Tuyên giáo Trung ương về “Tuyên truyền kỷ niệm "
     "120 năm Ngày sinh đồng chí Hà Huy Tập (24/4/1906 - 24/4/2026)”.", "Ban Tuyên giáo Trung ương",
     "về “Tuyên truyền kỷ niệm 120 năm Ngày sinh đồng chí Hà Huy Tập (24/4/1906 - 24/4/2026)”"),
    ("Thực hiện Kế hoạch số 15-KH/TU ngày 7/9/2020 của Ban Thường vụ Tỉnh ủy về “tuyên truyền của tỉnh từ nay đến\n"
     "hết năm 2021”, Ban Tuyên giáo Tỉnh ủy hướng dẫn.", "Ban Thường vụ Tỉnh ủy Ninh Bình",
     "về “tuyên truyền của tỉnh từ nay đến hết năm 2021”"),
])
def test_cited_issuer_term_and_quoted_subject(text, issuer, subject):
    doc = cited(text)[0]
    assert (doc.issuer, doc.subject) == (issuer, subject)


@pytest.mark.parametrize("text, issuers", [
    # named again without its place: one document
    ("Đảng bộ xã Tân Lập quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I. Ban Chấp hành đã "
     "quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I.", ["Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I"]),
    # another congress (other lower-case words, another ordinal): two documents
    ("Quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I và Nghị quyết Đại hội đại biểu Đảng bộ "
     "huyện lần thứ XX.", ["Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I", "Đại hội đại biểu Đảng bộ huyện lần thứ XX"]),
])
def test_unnumbered_named_again_without_its_place(text, issuers):
    assert [d.issuer for d in cited(text, DocContext())] == issuers


@pytest.mark.parametrize("text, issuers", [
    # a class of authors ("các cấp") names no one document
    ("Lãnh đạo thực hiện Nghị quyết Đại hội đảng bộ các cấp, nhiệm kỳ 2025 - 2030 ngay sau đại hội.", []),
    ("Quán triệt Kế hoạch của Ban Thường vụ các huyện ủy về công tác cán bộ.", []),
    ("Quán triệt Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX.", ["Đại hội đại biểu Đảng bộ huyện lần thứ XX"]),
])
def test_unnumbered_by_a_class_of_authors(text, issuers):
    assert [d.issuer for d in cited(text, DocContext())] == issuers


# ", của X" after a subject names whose task the cited document was (the outer noun's possessor).
def test_subject_ends_before_a_comma_and_cua():
    (doc,) = cited("Kiểm tra việc thực hiện Chỉ thị số 12-CT/TW của Bộ Chính trị về phòng, chống tham nhũng, "
                   "của Ban Thường vụ Tỉnh ủy Hà Giang.")
    assert doc.subject == "về phòng, chống tham nhũng"


@pytest.mark.parametrize("text, numbers", [
    # the same type and issuer named again without number or date: the document cited above
    ("Thực hiện Nghị quyết số 41/2021/NQ-HĐND ngày 9/12/2021 của HĐND tỉnh về kế hoạch đầu tư công; "
     "Quyết định số 77/QĐ-UBND ngày 2/2/2022 của UBND tỉnh ban hành chương trình hành động thực hiện "
     "Nghị quyết của HĐND tỉnh về kế hoạch đầu tư công.", ["41/2021/NQ-HĐND", "77/QĐ-UBND"]),
    # another issuer: another document
    ("Thực hiện Nghị quyết số 41/2021/NQ-HĐND ngày 9/12/2021 của HĐND tỉnh; Nghị quyết của Chính phủ về "
     "phục hồi kinh tế.", ["41/2021/NQ-HĐND", None]),
])
def test_a_document_named_again(text, numbers):
    assert [c.number for c in cited(text)] == numbers
