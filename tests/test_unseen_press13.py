"""Causes found reading a thirteenth round of unseen press reports about Party and State documents (provincial and
national newspapers, Chính phủ portal; session 14, press13), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # the reported document directs its bodies after its date too ("... số 208/CĐ-TTg ngày 2/10/2025 chỉ đạo X ..."):
    # what it directs is its task, as right after its number
    ("Phó Thủ tướng Lê Văn Tám vừa ký Công điện số 208/CĐ-TTg ngày 2/10/2025 chỉ đạo các bộ, ngành, địa phương tập "
     "trung khắc phục hậu quả lũ.",
     {"number": "208/CĐ-TTg", "bodies": ["các bộ, ngành, địa phương"]}),
    ("Ban Thường vụ Tỉnh ủy đã ban hành Công văn số 310-CV/TU ngày 5/3/2024 chỉ đạo các huyện ủy, thị ủy rà soát "
     "công tác chuẩn bị đại hội.",
     {"number": "310-CV/TU", "bodies": ["các huyện ủy, thị ủy"]}),
    # ... and after "của X" between the date and the verb
    ("UBND tỉnh vừa ban hành Công văn số 415/UBND-KT ngày 4/6/2024 của UBND tỉnh chỉ đạo các sở, ngành kiểm tra "
     "an toàn đập.",
     {"number": "415/UBND-KT", "bodies": ["các sở, ngành"]}),
    # ... never a body the sentence only names after a citing word
    ("Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 12-KH/TU ngày 5/3/2024 về thực hiện Chỉ thị số 35-CT/TW của Bộ "
     "Chính trị.",
     {"number": "12-KH/TU", "bodies": []}),
    # a class of addressees before a colon, the task capitalised after it ("Yêu cầu các cấp ủy, tổ chức đảng: Khẩn
    # trương ..."): the class is asked, as without the colon
    ("Ngày 5/10/2025, Bộ Chính trị ban hành Kết luận số 210-KL/TW về công tác cán bộ.\n\n2. Yêu cầu các cấp ủy, tổ "
     "chức đảng: Khẩn trương kiện toàn các chức danh cấp ủy.",
     {"bodies": ["các cấp ủy, tổ chức đảng"]}),
    # ... and a circumstance ("trên cơ sở ...") between the class and the colon is no part of its name
    ("Ngày 5/10/2025, Bộ Chính trị ban hành Kết luận số 210-KL/TW về công tác cán bộ.\n\n2. Yêu cầu các cấp ủy, tổ "
     "chức đảng trên cơ sở kết quả đại hội: Khẩn trương kiện toàn các chức danh cấp ủy.",
     {"bodies": ["các cấp ủy, tổ chức đảng"]}),
    ("Giao Sở Nội vụ trên cơ sở đề xuất của các huyện tổng hợp, báo cáo UBND tỉnh.", {"bodies": ["Sở Nội vụ"]}),
    # a document named without its number, then its number in brackets in the same sentence: one citation
    ("Ngày 3/11/2025, Bộ Chính trị ban hành Kết luận số 215-KL/TW. Kết luận nêu: sau khi nghe Báo cáo của Ban Tổ chức "
     "Trung ương về kết quả đại hội tháng 10/2025 (Báo cáo số 530-BC/BTCTW, ngày 28/10/2025), Bộ Chính trị kết luận.",
     {"cited.0.number": "530-BC/BTCTW", "cited.1": None}),
    # ... not a document of another type in the brackets
    ("Ngày 3/11/2025, Bộ Chính trị ban hành Kết luận số 215-KL/TW. Kết luận nêu: sau khi nghe Báo cáo của Ban Tổ chức "
     "Trung ương về kết quả đại hội (theo Hướng dẫn số 12-HD/BTCTW, ngày 28/10/2025), Bộ Chính trị kết luận.",
     {"cited.0.doc_type": "Báo cáo", "cited.1.number": "12-HD/BTCTW"}),
    # a headline "topic: body verb ..." with no end mark glued to the first sentence is the page's title, not part
    # of the sentence's task
    ("Cúm mùa tăng mạnh: Bộ Y tế yêu cầu bệnh viện chủ động thu dung\nTrước tình hình cúm mùa gia tăng, Bộ Y tế yêu "
     "cầu các bệnh viện khẩn trương xây dựng kế hoạch ứng phó.",
     {"bodies": ["các bệnh viện"]}),
    # "yêu cầu X tập trung lãnh đạo, chỉ đạo, tổ chức thực hiện hiệu quả các nhiệm vụ trọng tâm sau đây:" only
    # announces the numbered items: they are X's tasks
    ("Ngày 30/12/2025, Ban Thường vụ Tỉnh ủy Hòa Bình ban hành Chỉ thị số 03-CT/TU về việc tổ chức Tết.\n\nBan Thường "
     "vụ Tỉnh ủy yêu cầu các cấp ủy đảng, chính quyền tập trung lãnh đạo, chỉ đạo, tổ chức thực hiện hiệu quả các nhiệm "
     "vụ trọng tâm sau đây:\n\n1. Quán triệt sâu sắc Chỉ thị số 55-CT/TW.\n\n2. Chăm lo đời sống Nhân dân.",
     {"bodies": ["các cấp ủy đảng", "chính quyền", "các cấp ủy đảng", "chính quyền"]}),
    # "ngay" ends a cited congress's name ("Nghị quyết Đại hội ... của Đảng ngay từ những tháng đầu năm")
    ("Ngày 5/1/2026, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 05-CT/TU về tổ chức Tết để phấn đấu thực hiện thắng lợi "
     "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng ngay từ những tháng đầu năm 2026.",
     {"cited.0.issuer": "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"}),
    # "ban hành" inside a sentence that opens with a request ("Yêu cầu các cấp ủy ..., ban hành Chương trình ...") is
    # a task, not the document the page reports
    ("Kết luận nêu rõ như sau. Yêu cầu các cấp ủy, tổ chức đảng khẩn trương kiện toàn bộ máy; tập trung chỉ đạo, ban "
     "hành Chương trình hành động với các đề án cụ thể.",
     {"doc_type": None}),
    ("2. Giao Sở Nội vụ khẩn trương ban hành Kế hoạch tuyển dụng công chức năm 2026.", {"doc_type": None}),
    # ... while the page's own news still is
    ("Ngày 5/1/2026, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 12-CTr/TU. Chương trình yêu cầu các cấp "
     "ủy khẩn trương kiện toàn bộ máy.",
     {"doc_type": "Chương trình", "number": "12-CTr/TU"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
