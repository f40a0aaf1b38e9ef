"""Causes found reading an eleventh round of unseen Party pages (Đảng ủy Khối, Đảng ủy Công an, Quân ủy, Ban Dân
vận, Thành ủy plans told by the press; session 13, party11), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # an acronym after a body's keyword in running text keeps its capitals ("Đảng ủy NHPT")
    ("Ngày 5/3/2020, Ban Thường vụ Đảng ủy VNPT đã ban hành Kế hoạch số 12-KH/ĐU về công tác tuyên truyền.",
     {"issuer": "Đảng ủy VNPT", "number": "12-KH/ĐU"}),
    # ... a header line in capitals tells no acronym from a word: lowered as before
    ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\nSố 12-KH/ĐUK\nKẾ HOẠCH\nVề công tác tuyên truyền",
     {"issuer": "Đảng ủy Khối các cơ quan tỉnh"}),
    # a document to come ("sẽ có kế hoạch", "dự kiến ban hành", "sắp ban hành") is no document the page reports
    ("Trên cơ sở đăng ký, Ban Dân vận Huyện ủy sẽ có kế hoạch kiểm tra các mô hình của các xã.",
     {"doc_type": None, "issuer": None}),
    ("Ban Thường vụ Tỉnh ủy dự kiến ban hành Chỉ thị về công tác đại hội trong tháng 5.", {"doc_type": None}),
    # ... while one just issued still is
    ("Ban Dân vận Huyện ủy vừa có Kế hoạch số 15-KH/BDVHU về kiểm tra các mô hình của các xã.",
     {"doc_type": "Kế hoạch", "number": "15-KH/BDVHU", "issuer": "Ban Dân vận Huyện ủy"}),
    # the date before "ban hành" is the issued document's, not that of a document it implements ("Chương trình số
    # 27 về thực hiện Chỉ thị 13"); a document issued right after the verb still takes it
    ("Ngày 23/8/2018, Tỉnh ủy Phú Yên đã ban hành Chương trình số 30-CTr/TU về thực hiện Chỉ thị 15-CT/TW của Ban Bí "
     "thư về công tác bảo vệ rừng.",
     {"date": "2018-08-23", "cited.0.number": "15-CT/TW", "cited.0.date": None}),
    ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\nSố: 55/UBND-KGVX\nV/v thực hiện cách ly\nPhú Yên, ngày 25 tháng 3 năm 2021\n"
     "Kính gửi: Sở Y tế\n\nNgày 20/3/2021, Bộ Y tế đã ban hành Quyết định số 1300/QĐ-BYT về hướng dẫn cách ly.",
     {"cited.0.number": "1300/QĐ-BYT", "cited.0.date": "2021-03-20"}),
    # "Chương trình hành động của X" with no number is a citation of X's programme, as "Chỉ thị của X" is
    ("Các đơn vị quán triệt Chương trình hành động của Quân ủy Trung ương thực hiện Nghị quyết Đại hội XIII của Đảng.",
     {"cited.0.doc_type": "Chương trình", "cited.0.issuer": "Quân ủy Trung ương", "cited.0.relation": "implements"}),
    # ... not a lower-case "chương trình hành động" named by no author's "của"
    ("Các đơn vị xây dựng chương trình hành động thực hiện Nghị quyết.", {"cited.0.doc_type": None}),
    # two documents of one body's symbols across ";" share the "của X" written after the second
    ("Thực hiện Kế hoạch số 40-KH/ĐUK ngày 15/8/2019; Hướng dẫn số 12-HD/ĐUK, ngày 28/11/2019 của Đảng ủy Khối Doanh "
     "nghiệp tỉnh về đại hội, Đảng ủy Công ty đã ban hành Kế hoạch số 7-KH/ĐU về đại hội.",
     {"cited.0.number": "40-KH/ĐUK", "cited.0.issuer": "Đảng ủy Khối Doanh nghiệp tỉnh"}),
    # ... not when the symbols name other bodies ("-CT/TW" and "-HD/BTCTW")
    ("Thực hiện Chỉ thị số 40-CT/TU ngày 15/8/2019; Hướng dẫn số 12-HD/BTCTU, ngày 28/11/2019 của Ban Tổ chức Tỉnh ủy "
     "về đại hội, Đảng ủy Công ty đã ban hành Kế hoạch số 7-KH/ĐU về đại hội.",
     {"cited.0.number": "40-CT/TU", "cited.0.issuer": None, "cited.1.issuer": "Ban Tổ chức Tỉnh ủy"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
