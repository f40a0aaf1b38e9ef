"""Causes found reading a thirteenth round of unseen Party pages of 2025-2026 (Đảng ủy xã/phường of the new
communes: meetings, congresses, the first resolutions; session 14, party13), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a person's posts ("Đồng chí A, Bí thư Đảng ủy, Chủ tịch HĐND phường X yêu cầu"): the last post is the person
    # speaking, not the organ "Chủ tịch HĐND phường X" (header_press._last_post_of_person)
    ("Đồng chí Lê Văn Tám, Tỉnh ủy viên, Bí thư Đảng ủy, Chủ tịch HĐND phường Bình Minh yêu cầu cấp ủy, chính "
     "quyền khắc phục hạn chế.", {"issuer": None}),
    ("Ông Trần Văn Hai, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện yêu cầu các xã khẩn trương triển khai.",
     {"issuer": None}),
    # ... while one post named after a person, or a body after someone else's proposal, still speaks as before
    ("Ông Lê Văn Tám, Chủ tịch UBND tỉnh yêu cầu các sở khẩn trương triển khai.",
     {"issuer": "Chủ tịch UBND tỉnh"}),
    ("Theo đề nghị của Giám đốc Sở Nội vụ, Chủ tịch UBND tỉnh yêu cầu các sở khẩn trương triển khai.",
     {"issuer": "Chủ tịch UBND tỉnh"}),
    # two congresses of one ordinal, the province's and the ward's ("Đảng bộ phường": commune_kind after "Đảng bộ"),
    # are two resolutions (citations._congress_parts), not one named twice
    ("Năm 2026 đẩy mạnh thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, Nghị quyết Đại hội Đảng bộ "
     "phường lần thứ I.", {"cited.0.issuer": "Đại hội đại biểu Đảng bộ tỉnh lần thứ I",
                           "cited.1.issuer": "Đại hội Đảng bộ phường lần thứ I"}),
    # ... while the commune's congress said short beside its full name stays one
    ("Đảng ủy xã quán triệt Nghị quyết Đại hội Đảng bộ xã lần thứ I. Nghị quyết Đại hội đại biểu Đảng bộ xã An Hòa "
     "lần thứ I xác định 5 nhiệm vụ.", {"cited.0.issuer": "Đại hội đại biểu Đảng bộ xã An Hòa lần thứ I",
                                       "cited.1.issuer": None}),
    # a congress's name ends at what its resolution does (citation_patterns issuer_stop "xác định", "đề ra")
    ("Nghị quyết Đại hội Đảng bộ phường Tân An lần thứ I đề ra 25 chỉ tiêu.",
     {"cited.0.issuer": "Đại hội Đảng bộ phường Tân An lần thứ I"}),
    ("Hội nghị góp phần đưa Nghị quyết Đại hội Đảng bộ xã lần thứ I đi vào thực tiễn.",
     {"cited.0.issuer": "Đại hội Đảng bộ xã lần thứ I"}),
    # a congress's ordinal ends a body's name in capitals (header_organs._CONGRESS_ORDINAL) ...
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ AN HÒA LẦN THỨ I\nNGHỊ QUYẾT\nĐại hội đại biểu Đảng bộ "
     "xã An Hòa lần thứ I, nhiệm kỳ 2025 - 2030", {"issuer": "Đảng bộ xã An Hòa"}),
    # ... and a headline's "ĐẠI HỘI ĐẢNG BỘ LẦN THỨ NHẤT" (no name before the ordinal) names no organ
    ("XÃ AN HÒA TÍCH CỰC CHUẨN BỊ ĐẠI HỘI ĐẢNG BỘ LẦN THỨ NHẤT, NHIỆM KỲ 2025 - 2030\nĐảng bộ xã An Hòa đã và đang "
     "tích cực chuẩn bị các điều kiện.", {"issuer": None}),
    # a commune's body written without its place takes the one commune of its kind the page names, through any
    # body there ("Đảng bộ phường X", "UBND phường X": prose.commune_in_text) ...
    ("Sáng 26-9, Đảng bộ phường Tân Định, TPHCM sơ kết công tác quý III. Lãnh đạo Đảng ủy, UBND phường Tân Định khen "
     "thưởng các cá nhân. Đảng ủy phường yêu cầu các chi bộ tập trung triển khai.",
     {"issuer": "Đảng ủy phường Tân Định"}),
    # (left21: what is asked at a meeting the page reports ("X tổ chức hội nghị") is no document: issuer none)
    ("Sáng 26-9, Đảng bộ phường Tân Định, TPHCM tổ chức hội nghị. Lãnh đạo Đảng ủy, UBND phường Tân Định khen "
     "thưởng các cá nhân. Đảng ủy phường yêu cầu các chi bộ tập trung triển khai.",
     {"issuer": None}),
    # ... none when it names two communes of that kind
    ("Đảng bộ phường Tân Định và Đảng bộ phường Đa Kao sơ kết công tác. Đảng ủy phường yêu cầu các chi bộ tập "
     "trung triển khai.", {"issuer": "Đảng ủy phường"}),
    # a bare head before a comma shares the places of the next body ("Đảng ủy, UBND các xã, phường": both the
    # communes'; assignments._shared_after_comma), first in the list or inside it ...
    ("Ban Thường vụ Tỉnh ủy yêu cầu Đảng ủy, Ban Xây dựng Đảng các xã, phường tổ chức tuyên truyền.",
     {"bodies": ["Đảng ủy các xã, phường", "Ban Xây dựng Đảng các xã, phường"]}),
    ("Ban Tuyên giáo và Dân vận Thành ủy đề nghị Sở Văn hóa và Thể thao, Đảng ủy, Ban Xây dựng Đảng các xã, phường "
     "tổ chức tuyên truyền.", {"bodies": ["Sở Văn hóa và Thể thao", "Đảng ủy các xã, phường",
                                         "Ban Xây dựng Đảng các xã, phường"]}),
    # ... not a committee of its own place or a central body
    ("Bộ Chính trị yêu cầu Tỉnh ủy, UBND các tỉnh tổ chức tuyên truyền.",
     {"bodies": ["Tỉnh ủy", "UBND các tỉnh trực thuộc Trung ương"]}),
    ("Bộ Chính trị yêu cầu Chính phủ, UBND các tỉnh tổ chức tuyên truyền.",
     {"bodies": ["Chính phủ", "UBND các tỉnh trực thuộc Trung ương"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
