"""Causes found reading unseen Party originals and press reports (session 10, party5), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, provinces)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text


HEADER_CASES = [
    # an adverb of manner between the committee and its verb ("đã kịp thời ban hành")
    ("Ngày 5-9-2019, BTV Tỉnh ủy Kon Tum đã kịp thời ban hành Kế hoạch số 71-KH/TU triển khai thực hiện "
     "Chỉ thị số 35-CT/TW của Bộ Chính trị.",
     {"issuer": "Tỉnh ủy Kon Tum", "acting_body": "Ban Thường vụ Tỉnh ủy Kon Tum", "number": "71-KH/TU"}),
    # a newspaper's one-word credit before a spaced dash; "TP" (no dot) for "thành phố"
    ("Laodongthudo - UBND TP Hải Phòng đã ban hành Công văn số 4120/UBND-VX yêu cầu các sở triển khai.",
     {"issuer": "UBND thành phố Hải Phòng", "province": "Hải Phòng", "number": "4120/UBND-VX"}),
    # the body after "tham mưu (cho)" issues; the adviser before it does not ("Ban TVTU": Thường vụ Tỉnh ủy)
    ("Ngày 4-6, Tiểu ban Văn kiện họp. Trong đó Tổ biên tập đã tham mưu Ban TVTU ban hành Kế hoạch số 81-KH/TU "
     "về tuyên truyền đại hội.",
     {"issuer": "Tỉnh ủy", "acting_body": "Ban Thường vụ Tỉnh ủy", "number": "81-KH/TU"}),
    ("Văn phòng Huyện ủy đã tham mưu cho Ban Thường vụ Huyện ủy Yên Thế ban hành Hướng dẫn số 09-HD/HU.",
     {"issuer": "Huyện ủy Yên Thế", "number": "09-HD/HU"}),
    # a verb of a personnel decision ends the cited issuer's name
    ("Thành ủy công bố Quyết định số 12-QĐNS/TW của Bộ Chính trị điều động đồng chí Lê Văn Tám về công tác mới.",
     {"cited.0.number": "12-QĐNS/TW", "cited.0.issuer": "Bộ Chính trị"}),
    # "số Số 15 - HD/HU": the number word doubled; the organ written in lower case after "của"
    ("Ngày 3 tháng 4 năm 2021, Huyện ủy Thanh Sơn ban hành hướng dẫn số Số 22 - HD/HU của ban thường vụ Huyện ủy "
     "Thanh Sơn về tuyên truyền bầu cử.",
     {"number": "22-HD/HU", "acting_body": "Ban Thường vụ Huyện ủy Thanh Sơn"}),
    # "X xây dựng Kế hoạch ... như sau:": the page's own plan; a bloc's committee named with "các" and a comma
    ("Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị và Kế hoạch số 47, ngày 2/5/2025 của Thành ủy "
     "Đà Nẵng; căn cứ tình hình thực tiễn, Đảng ủy Khối các trường Cao đẳng, Trung cấp Đà Nẵng xây dựng Kế hoạch "
     "tổ chức đại hội các chi bộ trực thuộc như sau:",
     {"doc_type": "Kế hoạch", "number": None, "issuer": "Đảng ủy Khối các trường Cao đẳng, Trung cấp Đà Nẵng",
      "subject": "tổ chức đại hội các chi bộ trực thuộc"}),
    ("Căn cứ Kế hoạch số 12-KH/TU ngày 3/1/2024 của Tỉnh ủy; Ủy ban nhân dân huyện xây dựng Kế hoạch tuyên truyền "
     "năm 2024 như sau:\n\n1. Mục đích",
     {"doc_type": "Kế hoạch", "issuer": "Ủy ban nhân dân huyện", "subject": "tuyên truyền năm 2024"}),
    # a plan reported as news ("vừa xây dựng và triển khai kế hoạch") or numbered ("đã xây dựng Kế hoạch số ...")
    ("Ban Thường vụ Huyện ủy Lục Nam vừa xây dựng và triển khai kế hoạch thực hiện nghị quyết của Tỉnh ủy về "
     "phát triển du lịch.",
     {"doc_type": "Kế hoạch", "issuer": "Huyện ủy Lục Nam", "acting_body": "Ban Thường vụ Huyện ủy Lục Nam"}),
    ("Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị. Đảng ủy Khối Doanh nghiệp tỉnh đã xây dựng Kế hoạch số "
     "40-KH/ĐUK ngày 5 tháng 12 năm 2019 tổ chức đại hội các tổ chức cơ sở đảng.",
     {"doc_type": "Kế hoạch", "number": "40-KH/ĐUK", "date": "2019-12-05"}),
    # "Tại Kết luận N, <body> <verb>": the body speaking after the citation issued it (not the code's guess)
    ("Tại Kết luận 201-KL/TW, Bộ Chính trị giao các tỉnh ủy tổ chức tổng kết. Bên cạnh đó, tại Kết luận "
     "202-KL/TW, Ban Bí thư yêu cầu rà soát kế hoạch.",
     {"cited.0.issuer": "Bộ Chính trị", "cited.1.issuer": "Ban Bí thư"}),
    # a term's years "2015 – 2020" stay in the congress's name
    ("Đảng ủy Quân sự tỉnh báo cáo kết quả thực hiện Nghị quyết Đại hội Đảng bộ Quân sự tỉnh nhiệm kỳ 2015 – 2020 "
     "và công tác chuẩn bị đại hội.",
     {"cited.0.issuer": "Đại hội Đảng bộ Quân sự tỉnh nhiệm kỳ 2015 – 2020", "cited.1.number": None}),
]


@pytest.mark.parametrize("text,expected", HEADER_CASES, ids=[str(i) for i in range(len(HEADER_CASES))])
def test_header_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected


def test_a_topic_of_a_proposal_is_no_reported_document():
    # "Tờ trình ... về ban hành Quy chế": a topic_word before the verb, nothing issued, nobody signed
    text = ("Chiều 5-10, Ban Chấp hành Đảng bộ tỉnh họp. Đồng chí Lê Văn Tám, Phó Bí thư Tỉnh ủy trình bày Tờ trình "
            "của Ban Thường vụ Tỉnh ủy về ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVII.")
    record = extract_text(text)
    assert (record.doc_type, record.signer) == (None, None)


NO_GENERIC = [
    # "ban chỉ đạo" names boards, not directions given
    "Hội nghị công bố quyết định chấm dứt hoạt động của một số ban chỉ đạo của tỉnh và các đảng đoàn.",
]


@pytest.mark.parametrize("text", NO_GENERIC)
def test_no_generic_reference(text):
    assert not extract_text(text).generic_references


BODY_CASES = [
    # "Đảng ủy Khối các cơ quan tỉnh": one body of a place not written ("các" inside a template's head)
    ("Ban Thường vụ Tỉnh ủy yêu cầu Đảng ủy Khối các cơ quan tỉnh chỉ đạo các tổ chức cơ sở đảng trực thuộc.",
     ["Đảng ủy Khối các cơ quan tỉnh"]),
    # a verb "xác định" and an also_word "cũng" before a verb end the body's name
    ("Ban Thường vụ Tỉnh ủy yêu cầu Đảng ủy Công an tỉnh Bắc Giang xác định rõ nhiệm vụ trọng tâm.",
     ["Đảng ủy Công an tỉnh Bắc Giang"]),
    ("Ban Thường vụ Tỉnh ủy yêu cầu Ban Dân vận Tỉnh ủy cũng tổ chức tuyên truyền.", ["Ban Dân vận Tỉnh ủy"]),
    # "X cũng yêu cầu Y": the also_word before the request verb changes nothing
    ("Thường trực Thành ủy cũng yêu cầu các quận ủy, huyện ủy tổ chức tuyên truyền.", ["các quận ủy, huyện ủy"]),
]


@pytest.mark.parametrize("text,bodies", BODY_CASES, ids=[str(i) for i in range(len(BODY_CASES))])
def test_task_bodies(text, bodies):
    assert [b for a in extract_text(text).assignments for b in a.bodies] == bodies


def test_an_ellipsis_ends_a_task():
    text = ("Bí thư Huyện ủy đề nghị: Các chi bộ trực thuộc rà soát đảng viên dự bị… Nhân dịp này, Ban Thường vụ "
            "Huyện ủy đã trao Huy hiệu Đảng cho 12 đảng viên.")
    tasks = extract_text(text).assignments
    assert tasks and all("Huy hiệu" not in a.text for a in tasks)


CITED_SUBJECTS = [
    # "của X quy định về ...": the subject after a subject_verb starts at "về"
    ("Căn cứ Nghị định số 47/2021/NĐ-CP ngày 01/4/2021 của Chính phủ quy định về chế độ báo cáo thống kê;",
     "về chế độ báo cáo thống kê"),
    # a hard-wrapped page: the subject goes on over a line break when the next line goes on in lower case
    ("Căn cứ Quy định số 31-QĐ/TW ngày 12/9/2022 của Ban Bí thư về nhiệm vụ và quan hệ công tác của\n"
     "thường trực huyện ủy, quận ủy;\nXét đề nghị của Ban Tổ chức Tỉnh ủy,",
     "về nhiệm vụ và quan hệ công tác của thường trực huyện ủy, quận ủy"),
]


@pytest.mark.parametrize("text,subject", CITED_SUBJECTS, ids=[str(i) for i in range(len(CITED_SUBJECTS))])
def test_cited_subject(text, subject):
    assert extract_text(text).cited_documents[0].subject == subject


def test_a_basis_before_a_wrapped_lead_stays_cited():
    # "Thực hiện A ..., UBND thành phố ban hành Kế hoạch ... như sau:" over wrapped lines: A is the plan's basis
    text = ("Thực hiện Nghị định số 45/2020/NĐ-CP ngày 8 tháng\n4 năm 2020 của Chính phủ về thực hiện thủ tục hành "
            "chính trên môi trường\nđiện tử, Ủy ban nhân dân thành phố ban hành Kế hoạch triển\nkhai như sau:\n"
            "1. Các sở, ngành thực hiện đúng tiến độ.")
    assert [c.number for c in extract_text(text).cited_documents] == ["45/2020/NĐ-CP"]


def test_a_plan_to_be_made_is_no_reported_plan():
    # no as_follows after it, no number, no news: "xây dựng Kế hoạch" is a task or a narration
    record = extract_text("Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy xây dựng Kế hoạch thực hiện Chỉ thị.")
    assert record.doc_type is None and record.assignments
    record = extract_text("Đến nay 12 đảng bộ đã quán triệt. Riêng Đảng bộ Quân sự tỉnh đã xây dựng kế hoạch tổ "
                          "chức đại hội chi bộ.")
    assert record.doc_type is None


def test_one_congress_written_three_ways_is_cited_once():
    text = ("Trên 98% đảng viên học tập Nghị quyết Đại hội XVII Đảng bộ tỉnh nhiệm kỳ 2020-2025. Thực hiện kế hoạch "
            "của Ban Thường vụ Tỉnh ủy về học tập Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII và Chương "
            "trình hành động thực hiện Nghị quyết Đại hội XVII Đảng bộ tỉnh, toàn tỉnh đã mở 210 lớp.")
    cited = extract_text(text).cited_documents
    assert len([c for c in cited if c.doc_type == "Nghị quyết"]) == 1


def test_congresses_of_two_units_stay_two():
    text = ("Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và Nghị quyết Đại hội Đảng bộ Quân sự "
            "tỉnh lần thứ XIX.")
    assert len(extract_text(text).cited_documents) == 2


def test_the_author_of_a_cited_conclusion_is_no_issuer_of_the_page():
    # "Tại Kết luận N, Ban Bí thư yêu cầu ...": the organ speaks for the cited document, the page issues nothing
    text = ("Tại Kết luận 301-KL/TW, Bộ Chính trị giao các tỉnh ủy tổ chức lễ công bố. Bên cạnh đó, tại Kết luận "
            "302-KL/TW, Ban Bí thư yêu cầu rà soát kế hoạch tổ chức lễ công bố.")
    assert extract_text(text).issuer is None
