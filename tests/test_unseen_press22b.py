"""Causes found reading a further set of unseen press reports (provinces' portals, national papers, tag and search
pages, reporting the Prime Minister's telegrams, a province's committee's directive, provinces' and ministries'
letters; session 22, press22b), one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "các nội dung X đã chỉ đạo tại Công văn số A ngày D, Công văn số B ...; Chỉ thị số C": X wrote each item
    ("Ngày 9/11, UBND tỉnh ban hành văn bản yêu cầu các sở, ngành chủ động ứng phó với cơn bão:\n\n1. Triển khai các "
     "nội dung UBND tỉnh đã chỉ đạo tại Công văn số 4411/UBND-KTN ngày 18/9/2019, Công văn số 3710/UBND-KTN ngày "
     "08/8/2019; Chỉ thị số 07/CT-UBND ngày 03/7/2019; Công văn số 241/PCTT ngày 31/10/2019 của Ban Chỉ huy phòng "
     "chống thiên tai tỉnh.",
     {"cited.0.issuer": "UBND tỉnh", "cited.1.issuer": "UBND tỉnh", "cited.2.issuer": "UBND tỉnh",
      "cited.3.issuer": "Ban Chỉ huy phòng chống thiên tai tỉnh"}),
    ("Sở Nội vụ yêu cầu các phòng thực hiện theo nội dung Sở Nội vụ đã hướng dẫn tại Văn bản số 12/SNV-TCBC ngày "
     "2/3/2021.",
     {"cited.0.issuer": "Sở Nội vụ"}),
    # ... not a body merely named before another verb
    ("Ngày 2/4, Sở Y tế yêu cầu các bệnh viện thực hiện các nội dung đã chỉ đạo tại Công văn số 12/CV-BV ngày "
     "2/3/2021.",
     {"cited.0.number": "12/CV-BV", "cited.0.issuer": None}),
    # a post holder's second post before the verb: the first post speaks, and its request is a task
    ("Trước tình hình đó, Chủ tịch UBND tỉnh, Trưởng Ban An toàn giao thông tỉnh đã chỉ đạo các sở, ngành, các cấp "
     "ủy, chính quyền địa phương tổ chức thực hiện tốt Chỉ thị của Thủ tướng Chính phủ.",
     {"issuer": "Chủ tịch UBND tỉnh", "bodies": ["các sở, ngành", "các cấp ủy", "chính quyền địa phương"]}),
    ("Chủ tịch UBND tỉnh Bình Sơn, Trưởng ban Chỉ đạo phòng chống dịch tỉnh yêu cầu các sở, ngành tổ chức thực hiện "
     "tốt Chỉ thị.",
     {"issuer": "Chủ tịch UBND tỉnh Bình Sơn", "bodies": ["các sở, ngành"]}),
    # ... a body, not a post, before the comma: no one speaks
    ("UBND tỉnh, Giám đốc Sở Y tế yêu cầu các sở thực hiện.", {"issuer": None}),
    # "đã chỉ đạo X <act>" told by the issuer: X's task
    ("UBND tỉnh Bình Sơn đã chỉ đạo các sở, ngành tổ chức thực hiện tốt Chỉ thị.", {"bodies": ["các sở, ngành"]}),
    # "giao thông", "giao dịch": words of their own, no "giao" asking anyone
    ("Chính phủ chỉ đạo bảo đảm trật tự, an toàn giao thông trong dịp Tết\nNgày 13/12, Phó Thủ tướng Lê Văn Ba ký "
     "ban hành Công điện số 1705/CĐ-TTg của Thủ tướng Chính phủ về bảo đảm trật tự, an toàn giao thông dịp Tết.",
     {"issuer": "Thủ tướng Chính phủ", "assignments": ()}),
    ("Chủ tịch UBND tỉnh giao Sở Giao thông vận tải chủ trì thực hiện.", {"bodies": ["Sở Giao thông vận tải"]}),
    # a list's entry written in lower case ("sở y tế tỉnh", "y tế các bộ ngành"): an entry of its own
    ("Vừa qua, Thứ trưởng Bộ Y tế Lê Văn Ba đã có công văn gửi các bệnh viện của Bộ Y tế, sở y tế tỉnh, thành phố, "
     "y tế các bộ ngành yêu cầu tăng cường công tác phòng chống dịch.",
     {"recipients": ("các bệnh viện của Bộ Y tế", "sở y tế tỉnh, thành phố", "y tế các bộ ngành"),
      "bodies": ["các bệnh viện của Bộ Y tế", "Sở Y tế tỉnh, thành phố", "Y tế các bộ ngành"]}),
    # ... "Theo đề nghị của Giám đốc Sở X, Chủ tịch UBND tỉnh yêu cầu": the proposer's post is no second post
    ("Theo đề nghị của Giám đốc Sở Nội vụ, Chủ tịch UBND tỉnh yêu cầu các sở, ngành khẩn trương triển khai.",
     {"issuer": "Chủ tịch UBND tỉnh"}),
    # "giao X là cơ quan ...": what the body is made is its task
    ("UBND tỉnh Bình Sơn giao Sở Y tế là cơ quan thường trực, chịu trách nhiệm theo dõi việc thực hiện.",
     {"bodies": ["Sở Y tế"]}),
    # ... a body told to be one, no request: no task
    ("Sở Y tế là cơ quan thường trực của Ban Chỉ đạo.", {"assignments": ()}),
    # a plain subject ends where ", xác định rõ ..." says what the document does (subject_stop_comma rows) ...
    ("Ngày 31/12/2025, UBND tỉnh Bình Sơn đã ban hành Kế hoạch số 271/KH-UBND về chuyển đổi số năm 2026, xác định rõ "
     "lộ trình và các mục tiêu cụ thể.",
     {"number": "271/KH-UBND", "subject": "về chuyển đổi số năm 2026"}),
    # ... not without its comma ("về việc xác định rõ ...": the subject itself)
    ("Ngày 31/12/2025, UBND tỉnh Bình Sơn đã ban hành Kế hoạch số 271/KH-UBND về việc xác định rõ trách nhiệm người "
     "đứng đầu.",
     {"subject": "về việc xác định rõ trách nhiệm người đứng đầu"}),
    # (hold-out) a lower-case word ending an entry before "và các ...": "các Bộ, ngành" stays one class
    ("Ngày 15/10, Bộ Y tế đã có văn bản gửi Giám đốc Sở Y tế các tỉnh, thành phố; Thủ trưởng Y tế các Bộ, ngành và các "
     "cơ sở y tế tư nhân về việc thu phí xét nghiệm.",
     {"recipients": ("Giám đốc Sở Y tế các tỉnh, thành phố", "Thủ trưởng Y tế các Bộ, ngành", "các cơ sở y tế tư nhân")}),
    # (hold-out) a place alone after "<organ> <place>": that organ of the place ("Sở Y tế Hà Nội, TP HCM") ...
    ("Bộ Y tế yêu cầu Sở Y tế Hà Nội, TP HCM báo cáo việc thu phí xét nghiệm.",
     {"bodies": ["Sở Y tế Hà Nội", "Sở Y tế TP HCM"]}),
    ("Bộ Y tế yêu cầu Sở Y tế Hải Phòng, Đà Nẵng báo cáo việc thu phí xét nghiệm.",
     {"bodies": ["Sở Y tế Hải Phòng", "Sở Y tế Đà Nẵng"]}),
    # ... a word that names no place keeps the head word alone (tests/test_assignments: "Quân sự, Biên phòng")
    ("Tỉnh ủy yêu cầu Đảng ủy Công an tỉnh, Quân sự, Biên phòng báo cáo kết quả.",
     {"bodies": ["Đảng ủy Công an tỉnh", "Đảng ủy Quân sự tỉnh", "Đảng ủy Bộ đội Biên phòng tỉnh"]}),
    # (hold-out) a headline with no full stop over a sigle opening the lead: the lead's request a sentence of its own
    ("tạm hoãn các chuyến đi nước ngoài để phòng dịch\n\nThủ tướng yêu cầu tạm hoãn các chuyến đi nước ngoài để "
     "phòng dịch\nMoitruong.net.vn – Thủ tướng yêu cầu bộ trưởng, thủ trưởng cơ quan ngang bộ, chủ tịch UBND các tỉnh "
     "tạm hoãn các chuyến công tác nước ngoài.",
     {"issuer": "Thủ tướng Chính phủ", "bodies": ["các Bộ", "cơ quan ngang bộ", "UBND các tỉnh trực thuộc Trung ương"]}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
