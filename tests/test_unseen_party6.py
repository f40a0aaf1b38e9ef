"""Causes found reading unseen Party documents and press reports (session 11, party6), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, provinces)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text


FIELD_CASES = [
    # "của X do Y ký ban hành": "do" ends the issuer's name; the one who signed is the signer
    ("Đây là nội dung Quyết định số 731-QĐ/TU, ngày 4/1/2021 của Ban Thường vụ Thành ủy Hải Phòng do Bí thư "
     "Thành ủy Lê Văn Tám ký ban hành. Ban Chỉ đạo có 25 thành viên.",
     {"number": "731-QĐ/TU", "issuer": "Thành ủy Hải Phòng", "acting_body": "Ban Thường vụ Thành ủy Hải Phòng",
      "signer": "Lê Văn Tám"}),
    # a department of the committee speaking ("Ban Tổ chức Tỉnh ủy yêu cầu") is the issuer, not the committee;
    # the classes it names belong to its committee
    ("Ban Tổ chức Tỉnh ủy Bắc Giang yêu cầu các huyện ủy rà soát, bổ sung quy hoạch cán bộ.",
     {"issuer": "Ban Tổ chức Tỉnh ủy Bắc Giang", "acting_body": None,
      "bodies": ["các huyện ủy trực thuộc Tỉnh ủy Bắc Giang"]}),
    # "chương trình hành động": the type's long name (doc_types.csv alias) before the number and the subject
    ("Ban Thường vụ Huyện ủy Lục Nam vừa ban hành chương trình hành động số 15-CTr/HU thực hiện Nghị quyết Đại hội "
     "Đảng bộ tỉnh.",
     {"doc_type": "Chương trình", "number": "15-CTr/HU", "subject": "thực hiện Nghị quyết Đại hội Đảng bộ tỉnh"}),
    # the author of a cited document before ", <body> yêu cầu" acts with no one
    ("Thực hiện Kế hoạch 31-KH/TU của BTV Tỉnh ủy, Huyện ủy yêu cầu các chi bộ tổ chức quán triệt.",
     {"issuer": "Huyện ủy", "cited.0.number": "31-KH/TU"}),
    # "<organ> có ý kiến (chỉ đạo) như sau:": the organ speaking issues the page; its tasks' bodies are placed by it
    ("Sau khi xem xét Tờ trình số 12-TTr/BTGTU của Ban Tuyên giáo Tỉnh ủy, Thường trực Tỉnh ủy Hà Giang có ý kiến "
     "như sau:\n1. Đồng ý chủ trương tổ chức hội thi.\n2. Giao Ban Tuyên giáo Tỉnh ủy chủ trì tổ chức hội thi.",
     {"issuer": "Tỉnh ủy Hà Giang", "acting_body": "Thường trực Tỉnh ủy Hà Giang",
      "bodies": ["Ban Tuyên giáo Tỉnh ủy Hà Giang"]}),
    # a title line ending with a number ("... bão số 9") names no document the next line's date belongs to
    ("Công văn hỏa tốc về việc ứng phó với bão số 4\nNgày 2/10/2024, Ban Thường vụ Tỉnh ủy Nghệ An ban hành Công văn "
     "hỏa tốc về việc ứng phó với bão số 4.",
     {"doc_type": "Công văn", "date": "2024-10-02", "issuer": "Tỉnh ủy Nghệ An"}),
    # "<organ> đề nghị X ...": the organ speaking, as with "yêu cầu"
    ("Ban Tuyên giáo Tỉnh ủy Lào Cai đề nghị Ban Tuyên giáo các huyện ủy tổ chức tuyên truyền về sự kiện.",
     {"issuer": "Ban Tuyên giáo Tỉnh ủy Lào Cai", "bodies": ["Ban Tuyên giáo các huyện ủy trực thuộc Tỉnh ủy Lào Cai"]}),
    ("Văn phòng Huyện ủy yêu cầu các chi bộ trực thuộc báo cáo kết quả trước ngày 15/12.",
     {"issuer": "Văn phòng Huyện ủy"}),
    # a subject in quotes opening before "về": the quoted words, without the marks
    ("Thực hiện Kết luận số 77-KL/TW ngày 2/3/2015 của Ban Bí thư “về việc nâng cao chất lượng công tác dư luận "
     "xã hội”, Kế hoạch số 12-KH/TU của Tỉnh ủy, các cấp ủy đã triển khai.",
     {"cited.0.subject": "về việc nâng cao chất lượng công tác dư luận xã hội"}),
    # "... nêu:" / "... nêu rõ:" after the subject introduces a quotation
    ("Tại Điều 9, Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị về việc miễn nhiệm cán bộ nêu: “Cán bộ ...”.",
     {"cited.0.subject": "về việc miễn nhiệm cán bộ"}),
    ("Tại hội nghị, Bí thư Huyện ủy cho biết Chỉ thị số 27-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp nêu rõ: "
     "thí điểm bầu trực tiếp bí thư.",
     {"cited.0.subject": "về đại hội đảng bộ các cấp"}),
    # "và các văn bản chỉ đạo ..." joins other documents, not the subject
    ("Thực hiện Chỉ thị số 27-CT/TW ngày 1-6-2024 của Bộ Chính trị về đại hội đảng bộ các cấp và các văn bản "
     "hướng dẫn của Trung ương, các cấp ủy đã quán triệt.",
     {"cited.0.subject": "về đại hội đảng bộ các cấp"}),
    # a bracket opened inside the subject does not end it; "và chỉ đạo của X" names another document
    ("Thực hiện Chỉ thị số 19-CT/TW ngày 3/01/2019 của Ban Bí thư về kỷ niệm Ngày truyền thống (11/6/1950 - "
     "11/6/2020) và chỉ đạo của UBND tỉnh tại văn bản số 318/UBND-VX, Sở Nội vụ yêu cầu các phòng thực hiện.",
     {"cited.0.subject": "về kỷ niệm Ngày truyền thống (11/6/1950 - 11/6/2020)"}),
    # a hard-wrapped subject whose line ends with a word needing more ("trên địa bàn", "số") goes on
    ("Thực hiện Nghị quyết số 07-NQ/TU ngày 2 tháng 8 năm 2021 của Ban Chấp hành Đảng bộ tỉnh về phục hồi kinh tế "
     "trên địa bàn\nTỉnh Nam Định sau dịch COVID-19, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch.",
     {"cited.0.subject": "về phục hồi kinh tế trên địa bàn Tỉnh Nam Định sau dịch COVID-19"}),
    ("Căn cứ Hướng dẫn số 05-HD/TW ngày 1/2/2022 của Ban Bí thư về thực hiện một số nội dung Quy định số\n41-QĐ/TW của "
     "Bộ Chính trị;",
     {"cited.0.subject": "về thực hiện một số nội dung Quy định số 41-QĐ/TW của Bộ Chính trị"}),
    # "chính trị- xã hội": the dash written without its space
    ("Ban Tuyên giáo Tỉnh ủy đề nghị Mặt trận Tổ quốc và các tổ chức chính trị- xã hội của tỉnh tổ chức tuyên truyền.",
     {"bodies": ["Mặt trận Tổ quốc", "các tổ chức chính trị- xã hội của tỉnh"]}),
    # a class first, named bodies after it: the named bodies lead (classes count only when none is named)
    ("Thường trực Thành ủy yêu cầu các cấp ủy, Đảng đoàn HĐND thành phố, Ban cán sự đảng UBND thành phố triển khai "
     "thực hiện nghiêm túc các nhiệm vụ.",
     {"bodies": ["Đảng đoàn HĐND thành phố", "Ban cán sự đảng UBND thành phố"]}),
    # class words written capitalised after one "các" ("các Đảng ủy, Chi ủy trực thuộc") are one class
    ("Ban Thường vụ Đảng ủy Khối yêu cầu các Đảng ủy, Chi ủy trực thuộc quán triệt nội dung các Chỉ thị.",
     {"bodies": ["các Đảng ủy, Chi ủy trực thuộc"]}),
    ("Ban Thường vụ Tỉnh ủy yêu cầu các Huyện ủy, Thị ủy, Thành ủy trực thuộc tổ chức quán triệt.",
     {"bodies": ["các Huyện ủy, Thị ủy, Thành ủy trực thuộc"]}),
    # a line without end mark, then "Yêu cầu <body> ..." on the next line: the request is its own sentence
    ("Tại giao ban tuần, Bí thư Tỉnh ủy chỉ đạo:\n\nÝ kiến chỉ đạo tại buổi giao ban sáng 9/11\nYêu cầu Ủy ban "
     "nhân dân tỉnh chỉ đạo các ngành tập trung rà soát các chỉ tiêu năm 2018.",
     {"bodies": ["Ủy ban nhân dân tỉnh"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected


def test_an_unnumbered_notice_of_conclusions_is_cited_once():
    # "Thông báo kết luận của X" unnumbered is cited; said again ("... của X cũng yêu cầu") it is the same one
    text = ("Thực hiện Thông báo kết luận của Thành ủy Vinh về phòng chống dịch, Ủy ban nhân dân phường yêu cầu các "
            "tổ dân phố rà soát. Thông báo kết luận của Thành ủy Vinh cũng yêu cầu kiểm tra.")
    cited = extract_text(text).cited_documents
    assert [(c.doc_type, c.issuer) for c in cited] == [("Thông báo", "Thành ủy Vinh")]


def test_bodies_that_issued_many_documents_issue_no_page():
    # "X, Y, Z đã ban hành các văn bản ... như: ...": documents told in an article, none issued by the page
    text = ("Theo đó, Tỉnh ủy, HĐND, UBND tỉnh Lạng Sơn đã ban hành các văn bản làm cơ sở để địa phương thực hiện "
            "như: Kế hoạch số 86-KH/TU ngày 07/5/2018 của Tỉnh ủy về sắp xếp đơn vị hành chính.")
    record = extract_text(text)
    assert record.issuer is None and [c.number for c in record.cited_documents] == ["86-KH/TU"]


NO_TASK = [
    # classes alone ("các địa phương, đơn vị") name no body: no task, and no stray "đơn vị"
    "Ban Tuyên giáo Tỉnh ủy đề nghị các địa phương, đơn vị quan tâm tuyên truyền về sự kiện.",
    # "X chưa <verb>": a state told of the subject, no task
    "Đến ngày 10.9, 12 đảng bộ đã hoàn thành quán triệt. Đảng bộ Gia Lộc và Đảng bộ Khối doanh nghiệp tỉnh chưa tổ "
    "chức quán triệt.",
]


@pytest.mark.parametrize("text", NO_TASK)
def test_no_task(text):
    assert not extract_text(text).assignments


def test_a_wrapped_name_of_a_service_starts_no_request():
    # "Sở\nGiao thông vận tải": a capitalised "Giao" with no body after it goes on the line before
    text = "Ủy ban nhân dân tỉnh giao Sở\nGiao thông vận tải chủ trì kiểm tra các tuyến đường."
    assert [b for a in extract_text(text).assignments for b in a.bodies] == ["Sở Giao thông vận tải"]
