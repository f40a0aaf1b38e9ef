"""Causes found reading a further set of unseen press pages, read blind (national and provincial papers, their tag
and search pages, portals of communes and schools, reporting ministries', provinces' and cities' letters and
telegrams; session 20, press20b), one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "<post> <body> <person's name> yêu cầu / giao ...", no document named: the name is no part of the body speaking
    ("Chủ tịch UBND tỉnh Nghệ An Lê Văn Tám vừa giao các sở, ban, ngành rà soát các dự án chậm tiến độ.",
     {"issuer": "Chủ tịch UBND tỉnh Nghệ An", "issuer_level": "province", "signer": None}),
    ("Chủ tịch UBND TPHCM Trần Văn Bảy yêu cầu các sở, ngành rà soát các dự án.",
     {"issuer": "Chủ tịch UBND thành phố Hồ Chí Minh", "issuer_level": "province"}),
    ("Bộ trưởng Bộ Y tế Nguyễn Thị Chín yêu cầu các sở y tế kiểm tra.", {"issuer": "Bộ trưởng Bộ Y tế"}),
    # ... a body whose name ends in capitalised words keeps them, and so does a place named after its kind
    ("UBND xã Hương Sơn xin thông báo lịch tiếp công dân.", {"issuer": "UBND xã Hương Sơn"}),
    ("Bộ Công Thương yêu cầu các sở công thương kiểm tra thị trường.", {"issuer": "Bộ Công Thương"}),
    ("Ủy ban nhân dân tỉnh Hà Giang yêu cầu các sở kiểm tra.", {"issuer": "Ủy ban nhân dân tỉnh Hà Giang"}),
    # a tag page's teaser: "<headline> (SIGLE) - <lead>": the headline is no part of the body speaking
    ("Khuyến cáo dịch cúm lây lan diện rộng (PLĐS) - Bộ Y tế vừa có công điện khẩn đề nghị UBND các tỉnh quyết liệt "
     "phòng, chống dịch.", {"doc_type": "Công điện", "urgency": "Khẩn", "issuer": "Bộ Y tế", "issuer_level": "central"}),
    ("Nắng nóng kéo dài (BNA) – Sở Công Thương vừa có văn bản yêu cầu các đơn vị điện lực bảo đảm cấp điện.",
     {"issuer": "Sở Công Thương"}),
    # ... a bracketed word without the dash stays in the sentence, as before
    ("Hội đồng nhân dân (HĐND) tỉnh vừa ban hành Nghị quyết số 12/NQ-HĐND về phí.", {"issuer": "Hội đồng nhân dân tỉnh"}),
    # "Chiều nay (26/3)": the day in brackets after a time of day, its year from the portal's update line
    ("Ngày cập nhật 27/03/2020\n\nChiều nay (26/3), thay mặt Ban Thường vụ Tỉnh ủy, Phó Bí thư Tỉnh ủy Lê Văn Tám đã "
     "ký công văn hỏa tốc gửi các huyện ủy về việc tạm dừng đại hội.",
     {"doc_type": "Công văn", "date": "2020-03-26", "urgency": "Hỏa tốc", "signer": "Lê Văn Tám"}),
    ("Ngày cập nhật 06/08/2021\nSáng nay (5/8), Ban Thường vụ Tỉnh ủy đã ban hành Công văn số 93-CV/TU.",
     {"date": "2021-08-05", "number": "93-CV/TU"}),
    # ... an unclosed bracket is no date
    ("Ngày cập nhật 06/08/2021\nSáng nay (5/8 Ban Thường vụ Tỉnh ủy đã ban hành Công văn số 93-CV/TU.", {"date": None}),
    # "phòng GD&ĐT" written in lower case after the verb is the district's education office
    ("Sở GD&ĐT yêu cầu phòng GD&ĐT huyện, thành phố chỉ đạo kịp thời các đơn vị trường học.",
     {"issuer": "Sở GD&ĐT", "bodies": ["Phòng Giáo dục và Đào tạo huyện, thành phố"]}),
    ("Sở GDĐT yêu cầu phòng GDĐT các huyện rà soát đội ngũ giáo viên.",
     {"bodies": ["Phòng Giáo dục và Đào tạo các huyện"]}),
    # "X nhấn mạnh Y <task>" asks Y (as "lưu ý"); "báo cáo về X" names X the one reported to, no lead body
    ("Sở Y tế nhấn mạnh các bệnh viện cần báo cáo kịp thời về Sở Y tế để biết và chỉ đạo.",
     {"bodies": ["các bệnh viện"]}),
    ("Sở GD&ĐT nhấn mạnh các đơn vị giáo dục quán triệt triển khai.", {"bodies": ["các đơn vị giáo dục"]}),
    # ... "nhấn mạnh <a topic>, do đó / vì vậy / đồng thời yêu cầu Y ...": the second verb asks Y
    ("Sở Y tế nhấn mạnh dịch còn phức tạp, vì vậy yêu cầu các bệnh viện tăng cường giám sát.",
     {"bodies": ["các bệnh viện"]}),
    ("UBND tỉnh nhấn mạnh ý nghĩa của đợt thi đua, đồng thời yêu cầu các sở triển khai kế hoạch.",
     {"bodies": ["các sở"]}),
    # "UBND TP" without its place, writing to "UBND quận, huyện": a quận lies only in a centrally-run city, province level
    ("Mới đây, UBND TP đã có Công điện khẩn số 06/CĐ-UBND gửi các sở, ngành TP, UBND quận, huyện yêu cầu tập trung "
     "phòng dịch.", {"issuer": "UBND thành phố", "issuer_level": "province", "number": "06/CĐ-UBND"}),
    ("Thành ủy vừa ban hành Chỉ thị số 06-CT/TU yêu cầu Ủy ban nhân dân các quận rà soát.",
     {"issuer": "Thành ủy", "issuer_level": "province"}),
    # ... huyện alone tell nothing
    ("Mới đây, UBND TP đã có Công điện khẩn số 06/CĐ-UBND gửi các sở, ngành TP, UBND các huyện yêu cầu tập trung "
     "phòng dịch.", {"issuer": "UBND thành phố", "issuer_level": None}),
    # "tuyệt đối không ..." is the task, no part of the body asked
    ("Sở GD&ĐT yêu cầu các trường học trực thuộc Sở tuyệt đối không thu tiền tài liệu.",
     {"bodies": ["các trường học trực thuộc Sở"]}),
    ("UBND huyện yêu cầu các xã tuyệt đối tuân thủ quy định về phòng cháy.", {"bodies": ["các xã"]}),
    # "...; các <class> <task>": a class of units opens a task of its own after ";" (the clause before read with its
    # abbreviations spelled out, as the task reader reads it)
    ("Sở GD&ĐT yêu cầu phòng GD&ĐT huyện, thành phố chỉ đạo kịp thời các trường; các trường học trực thuộc Sở "
     "tuyệt đối không thu tiền tài liệu.",
     {"bodies": ["Phòng Giáo dục và Đào tạo huyện, thành phố", "các trường học trực thuộc Sở"]}),
    ("Sở Y tế yêu cầu Bệnh viện tỉnh rà soát thuốc; các xã báo cáo kết quả.", {"bodies": ["Bệnh viện tỉnh", "các xã"]}),
    # ... a list "A, B; các huyện phối hợp" stays one task
    ("UBND tỉnh yêu cầu Sở Y tế, Sở Tài chính; các huyện phối hợp rà soát.",
     {"bodies": ["Sở Y tế", "Sở Tài chính", "các huyện"]}),
    # "gửi Sở Y tế TP. Hà Nội cùng Bệnh viện X liên quan tới ...": the prefix's dot ends no list; "liên quan tới" ends it
    ("Bộ Y tế vừa có Công văn hỏa tốc gửi Sở Y tế TP. Hà Nội cùng Bệnh viện Đa khoa Hồng Phúc liên quan tới sự cố y "
     "khoa.", {"urgency": "Hỏa tốc", "recipients": ("Sở Y tế TP. Hà Nội", "Bệnh viện Đa khoa Hồng Phúc")}),
    ("Sở Y tế vừa có Công văn gửi UBND TX. Sơn Tây liên quan đến dịch sốt xuất huyết.",
     {"recipients": ("UBND TX. Sơn Tây",)}),
    # ... a dot ending the sentence after the prefix's place still ends it
    ("Bộ Y tế vừa có Công văn gửi Sở Y tế TP. Hà Nội. Bệnh viện Đa khoa Hồng Phúc đã báo cáo.",
     {"recipients": ("Sở Y tế TP. Hà Nội",)}),
    # "trả lời" acts: "giao X trả lời ..." asks X
    ("Chủ tịch UBND tỉnh vừa giao các sở, ban, ngành, UBND thị xã Bắc Hà và các huyện trả lời kiến nghị của cử tri.",
     {"bodies": ["các sở, ban, ngành", "UBND thị xã Bắc Hà", "các huyện"]}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
