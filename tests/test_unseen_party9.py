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
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
