"""Causes found reading a fourteenth round of unseen press reports about Party and State documents (provincial and
national newspapers, Party portals, city portals; session 15, press14), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a verb of duty ("ứng trực": be on call) ends the last body of a list ("Chủ tịch UBND xã, phường, thị trấn")
    ("Công văn số 512/UBND-VP yêu cầu: Chủ tịch UBND xã, phường, thị trấn ứng trực 24/24 giờ để theo dõi tình hình.",
     {"bodies": ["UBND xã, phường, thị trấn"]}),
    # "trong quá trình ..." after a class is a time, no part of its name
    ("Giao Ban Tổ chức Tỉnh ủy và các cơ quan liên quan trong quá trình chuẩn bị đề án chủ động rà soát quy định.",
     {"bodies": ["Ban Tổ chức Tỉnh ủy"]}),
    ("Yêu cầu các sở, ngành trong quá trình thẩm định hồ sơ phối hợp chặt chẽ với UBND các huyện.",
     {"bodies": ["các sở, ngành"]}),
    # the body a task's lead cooperates with ("Giao X chủ trì, phối hợp với Y chỉ đạo ...") is no organ speaking
    ("- Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ chỉ đạo Đảng ủy Bộ Tư pháp nghiên cứu sửa đổi "
     "luật, báo cáo Bộ Chính trị.",
     {"issuer": None, "bodies": ["Đảng ủy Quốc hội"], "assignments.0.cooperating": ("Đảng ủy Chính phủ",)}),
    # ... while an organ speaking in its own sentence still is
    ("Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc tỉnh triển khai thực hiện.",
     {"issuer": "Tỉnh ủy", "bodies": ["các huyện ủy"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
