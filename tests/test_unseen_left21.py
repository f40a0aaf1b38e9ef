"""Causes left after session 20 on the pages of sessions 18-20 (left21): one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # one convention for meeting reports (README: one record per document; unknown is null): what an organ asks at
    # a meeting the page reports ("X tổ chức hội nghị ...") is no document, the page has no issuer ...
    ("Ngày 27/8, Huyện ủy Tân Phú tổ chức hội nghị quán triệt các văn bản về đại hội đảng bộ các cấp. Huyện ủy Tân "
     "Phú chỉ đạo đại hội chi bộ hoàn thành trong quý IV.", {"issuer": None, "issuer_level": None}),
    ("Ngày 17/10, Thành ủy Hải An tổ chức hội nghị cán bộ thông báo nhanh kết quả Hội nghị Trung ương 4. Thường trực "
     "Thành ủy Hải An đề nghị các cấp ủy xây dựng kế hoạch thực hiện.", {"issuer": None}),
    # ... while a directive reported without a meeting keeps its issuer (shared party_023) ...
    ("Ngày 27/3, Thường trực Thành ủy Hải An đã chỉ đạo tạm hoãn đại hội đảng bộ cơ sở. Thường trực Thành ủy yêu cầu "
     "các quận ủy, huyện ủy triển khai thực hiện nghiêm túc.", {"issuer": "Thành ủy Hải An"}),
    # ... and a meeting that issues a document names it ("tổ chức hội nghị ra Nghị quyết")
    ("Ngày 9/1, Đảng ủy Quân sự tỉnh tổ chức hội nghị ra Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2022.",
     {"issuer": "Đảng ủy Quân sự tỉnh"}),
    # an organ over a class whose members share one head noun ("Ban Chỉ huy ... các Bộ Quốc phòng, Công an"): one
    # addressee, the members' names known without their head (body_lists.organ_over_members) ...
    ("Chiều 10-6, Văn phòng Ban Chỉ đạo Trung ương đã có Công điện khẩn số 02 gửi Ban Chỉ huy phòng chống thiên tai các "
     "tỉnh miền Trung; Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, Y tế, Nông nghiệp và Môi trường.",
     {"recipients": ("Ban Chỉ huy phòng chống thiên tai các tỉnh miền Trung",
                     "Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, Y tế, Nông nghiệp và Môi trường")}),
    ("Ban Chỉ đạo tỉnh đề nghị Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an chủ động triển khai lực lượng.",
     {"bodies": ["Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an"]}),
    # ... up to an item that is no member's name ("UBND các tỉnh ven biển": another addressee) ...
    ("Công điện gửi Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, UBND các tỉnh ven biển.",
     {"recipients": ("Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an", "UBND các tỉnh ven biển")}),
    # ... while the class alone heads each member ("các Bộ Quốc phòng, Công an" = "các Bộ: Quốc phòng, Công an")
    ("Thủ tướng Chính phủ yêu cầu các Bộ Quốc phòng, Công an, Y tế khẩn trương triển khai phương án ứng phó.",
     {"bodies": ["Bộ Quốc phòng", "Bộ Công an", "Bộ Y tế"]}),
    # one body whose name holds a comma (central_bodies "Vụ Kế hoạch - Tài chính", aliases with "," and dashes)
    ("Công văn gửi Vụ Kế hoạch, Tài chính; Cục Quản lý Khám, chữa bệnh.",
     {"recipients": ("Vụ Kế hoạch, Tài chính", "Cục Quản lý Khám, chữa bệnh")}),
    ("Bộ Y tế yêu cầu Vụ Kế hoạch, Tài chính chủ trì, phối hợp với Cục Quản lý Khám, chữa bệnh rà soát kinh phí.",
     {"bodies": ["Vụ Kế hoạch - Tài chính"], "assignments.0.cooperating": ("Cục Quản lý Khám, chữa bệnh",)}),
    ("Bộ Y tế đề nghị Vụ Kế hoạch – Tài chính, Cục Quản lý Dược khẩn trương rà soát.",
     {"bodies": ["Vụ Kế hoạch - Tài chính", "Cục Quản lý Dược"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
