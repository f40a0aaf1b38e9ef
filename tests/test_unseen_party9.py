"""Causes found reading a second round of unseen Party pages (Đảng ủy phường, chi bộ congresses;
session 12, party9), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text


FIELD_CASES = [
    # a cited plan's subject written without its "về" ("của Quận ủy X Đại hội Đảng bộ các cấp ..."): the
    # author's name ends before the topic
    ("Thực hiện Kế hoạch số 41-KH/QU ngày 05/7/2024 của Quận ủy Hòa Bình Đại hội Đảng bộ các cấp tiến tới Đại hội "
     "đại biểu Đảng bộ quận lần thứ XX, Đảng ủy phường tổ chức hội nghị.",
     {"cited.0.number": "41-KH/QU", "cited.0.issuer": "Quận ủy Hòa Bình"}),
    # ... and a subject with its "về" is read as before
    ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về Đại hội Đảng bộ các cấp tiến tới Đại hội "
     "đại biểu toàn quốc lần thứ XIV của Đảng.",
     {"cited.0.number": "35-CT/TW", "cited.0.issuer": "Bộ Chính trị"}),
    # a press headline in capitals opening the page: the verb ends the place's name ("ĐẢNG ỦY PHƯỜNG X TỔ CHỨC ...")
    ("ĐẢNG ỦY PHƯỜNG HÒA AN TỔ CHỨC HỘI NGHỊ TRIỂN KHAI CÔNG TÁC ĐẠI HỘI CHI BỘ\nNgày 10/10/2024, Đảng ủy phường Hòa An "
     "tổ chức hội nghị.",
     {"issuer": "Đảng ủy phường Hòa An"}),
    ("TỈNH ỦY BÌNH SƠN TRIỂN KHAI NGHỊ QUYẾT VỀ CHUYỂN ĐỔI SỐ\nSáng 3/5, Tỉnh ủy tổ chức hội nghị.",
     {"issuer": "Tỉnh ủy Bình Sơn"}),
    # ... while a verb in a body's name before its place stays ("Đảng ủy Sở Xây dựng tỉnh X")
    ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\nĐẢNG ỦY SỞ XÂY DỰNG TỈNH BÌNH SƠN\nSố: 15-CV/ĐU\nKính gửi: các chi bộ",
     {"issuer": "Đảng ủy sở xây dựng tỉnh Bình Sơn"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
