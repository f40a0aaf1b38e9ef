"""Causes found reading a tenth round of unseen Party pages (central guidance and rules on law portals,
Đảng ủy xã meetings, UBKT and Huyện ủy discipline reports, Thành ủy letters told by the press; session 13,
party10), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

_CENTRAL_HEAD = "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TỔ CHỨC\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n|\n"
_CENTRAL_TAIL = "\n|\nHà Nội, ngày 5 tháng 3 năm 2019\n|\nHƯỚNG DẪN\nVỀ CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN"
_SIGNED_LETTER = "Phó Bí thư Thường trực Tỉnh ủy Lê Văn Tám vừa ký văn bản về việc tăng cường công tác phòng cháy.\n"

FIELD_CASES = [
    # a law portal's table cell wrapped the number after its dash ("Số: 27 -" / "HD/BTCTW"): read joined
    (_CENTRAL_HEAD + "Số: 27 -\nHD/BTCTW" + _CENTRAL_TAIL,
     {"number": "27-HD/BTCTW", "doc_type": "Hướng dẫn", "date": "2019-03-05"}),
    # ... but a cut number whose next line is no symbol stays unread
    (_CENTRAL_HEAD + "Số: 27/" + _CENTRAL_TAIL, {"number": None, "doc_type": "Hướng dẫn"}),
    # a headline's place name ends at a date ("... XÃ X THÁNG 3 NĂM 2022"); a place named "Năm ..." stays whole
    ("HỘI NGHỊ BCH ĐẢNG BỘ XÃ TÂN AN THÁNG 3 NĂM 2022\nNgày 28/3/2022, BCH Đảng bộ xã Tân An đã tổ chức họp.",
     {"issuer": "Đảng bộ xã Tân An"}),
    ("HUYỆN ỦY NĂM CĂN TỔ CHỨC HỘI NGHỊ SƠ KẾT\nSáng 3/5, Huyện ủy tổ chức hội nghị.", {"issuer": "Huyện ủy Năm Căn"}),
    # a lead of no stated type ("vừa ký văn bản về ...") takes type and number from the next sentence's mention
    (_SIGNED_LETTER + "Theo Công văn số 215-CV/TU, Thường trực Tỉnh ủy yêu cầu các huyện ủy, thành ủy kiểm tra các "
     "khu dân cư.",
     {"doc_type": "Công văn", "number": "215-CV/TU", "issuer": "Tỉnh ủy"}),
    # ... not from another issuer's document, nor from a mention further on
    (_SIGNED_LETTER + "Theo Kế hoạch số 12/KH-UBND của UBND tỉnh, các huyện kiểm tra các khu dân cư.",
     {"doc_type": None, "number": None, "issuer": "Tỉnh ủy"}),
    (_SIGNED_LETTER + "Các huyện ủy cần kiểm tra các khu dân cư.\nTheo Công văn số 215-CV/TU, các huyện báo cáo "
     "trước ngày 15.",
     {"doc_type": None, "number": None}),
    # the outcome of the work just told ("Qua đó, ... đã ra quyết định thi hành kỷ luật"): no document of the page
    ("Qua đó, Ban Thường vụ Huyện ủy Sơn Tây đã ra quyết định thi hành kỷ luật đối với 1 chi ủy.",
     {"doc_type": None, "issuer": None}),
    # after a background phrase a request told as made before asks no one; one made now still does
    ("Qua kiểm tra, Ủy ban Kiểm tra Huyện ủy đã đề nghị Ban Thường vụ Huyện ủy khai trừ 1 đảng viên.", {"bodies": []}),
    ("Qua kiểm tra, Ủy ban Kiểm tra Huyện ủy đề nghị Ban Thường vụ Huyện ủy xem xét, kỷ luật 1 đảng viên.",
     {"bodies": ["Ban Thường vụ Huyện ủy"]}),
    # a request as the outcome of the work told ("..., qua đó đề nghị Y ...") asks no one either
    ("Ủy ban Kiểm tra Đảng ủy xã kiểm tra 3 đảng viên, qua đó đề nghị Ban Thường vụ Huyện ủy khai trừ 1 trường hợp.",
     {"bodies": []}),
    # a photo's caption ("Các đại biểu ...") over the sentence does not run into it
    ("Các đại biểu dự hội nghị\nTại đây, đoàn kiểm tra yêu cầu Chi bộ thôn Đông khắc phục các hạn chế.",
     {"bodies": ["Chi bộ thôn Đông"]}),
    # a delegation speaking ("Đoàn kiểm tra", "Đoàn công tác") is not the Đoàn Thanh niên doing a task
    ("Đoàn kiểm tra yêu cầu Đảng ủy xã Tân Phú khắc phục các hạn chế.", {"bodies": ["Đảng ủy xã Tân Phú"]}),
    ("Đoàn công tác đề nghị Huyện ủy chỉ đạo các xã thực hiện.", {"bodies": ["Huyện ủy"]}),
    ("Đoàn Thanh niên phải phối hợp tuyên truyền.", {"bodies": ["Đoàn Thanh niên"]}),
    # a page of no document: a named body opening a sentence that asks nothing is told of, not tasked
    ("Đảng bộ xã Bình Minh lãnh đạo và tổ chức thực hiện Chỉ thị số 35 của Bộ Chính trị về đại hội Đảng bộ các cấp.",
     {"bodies": []}),
    # ... while a modal, a request, a class addressed, or a page reporting its document still give tasks
    ("Chi bộ thôn Đông cần sắp xếp nội dung sinh hoạt cho khoa học hơn.", {"bodies": ["Chi bộ thôn Đông"]}),
    ("Văn phòng Huyện ủy có trách nhiệm tổng hợp danh sách các chi bộ.", {"bodies": ["Văn phòng Huyện ủy"]}),
    ("Các đơn vị tiếp tục thực hiện nghiêm Công điện số 14/CĐ-UBND ngày 15/10/2020 của Chủ tịch UBND tỉnh.",
     {"bodies": ["Các đơn vị"]}),
    ("Đồng chí Bí thư Huyện ủy đề nghị Đảng ủy xã Bình Minh chuẩn bị tốt đại hội.", {"bodies": ["Đảng ủy xã Bình Minh"]}),
    ("Ban Thường vụ Huyện ủy vừa ban hành Kế hoạch số 12-KH/HU về công tác tuyên truyền.\nBan Tuyên giáo Huyện ủy chủ "
     "trì tuyên truyền trên địa bàn huyện.",
     {"bodies": ["Ban Tuyên giáo Huyện ủy"]}),
    # ... nor on a page that asks elsewhere by a request verb, or opens a directive's items with a colon
    ("Đề nghị UBND huyện chỉ đạo các xã thực hiện. Phòng Nội vụ tổng hợp kết quả.",
     {"bodies": ["UBND huyện", "Phòng Nội vụ"]}),
    ("Chủ tịch UBND huyện chỉ thị:\nPhòng Nội vụ tổng hợp kết quả.", {"bodies": ["Phòng Nội vụ"]}),
    # a quoted demand opening its line ("... | 8/2/2022\n\"Các cơ quan ... phải ...\". Đó là yêu cầu của ..."):
    # its own sentence, read from its first word
    ('Ngày đăng 09:15 | 3/4/2023\n"Các sở, ngành phải kiểm tra ngay các công trình". Đó là yêu cầu của Bí thư Tỉnh ủy '
     'tại cuộc họp.',
     {"bodies": ["Các sở, ngành"]}),
    # a recipients list after "gửi" runs on over ";" into the next class ("...; các sở, ban, ngành")
    ("Ban Thường vụ Tỉnh ủy vừa ban hành công điện khẩn gửi các huyện ủy, thành ủy, đảng ủy trực thuộc; các sở, ban, "
     "ngành, đoàn thể cấp tỉnh.",
     {"doc_type": "Công điện",
      "recipients": ("các huyện ủy, thành ủy, đảng ủy trực thuộc", "các sở, ban, ngành, đoàn thể cấp tỉnh")}),
    # ... and stops where a clause follows the ";"
    ("Ban Thường vụ Tỉnh ủy vừa ban hành công điện khẩn gửi các huyện ủy, thành ủy; yêu cầu chủ động ứng phó với bão.",
     {"recipients": ("các huyện ủy, thành ủy",)}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
