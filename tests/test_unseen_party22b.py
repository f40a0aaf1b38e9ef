"""Party pages from a second twenty-second set of unseen public pages (inspection decisions of 2026, the Politburo's
Nghị quyết 57 at a city's meetings, a ten-year review of a city committee's resolution, ward and commune meetings of
2025-2026), read blind: what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> dict[str, str | None]:
    return {c.number or c.text: c.issuer for c in extract_text(text).cited_documents}


# --- a task given before in a passive clause ("được Quận ủy giao nhiệm vụ") names no one speaking -------------------
@pytest.mark.parametrize("text, issuer", [
    ("Đảng bộ phường Hòa An là đơn vị được Quận ủy giao nhiệm vụ tổ chức Đại hội điểm khối các phường.", None),
    ("Chi bộ Trường Tiểu học Hòa An là đơn vị được Huyện ủy Tân Lạc giao nhiệm vụ tổ chức đại hội điểm.", None),
    # the same verb in the active voice: the committee speaks
    ("Quận ủy Tân Lạc giao Đảng ủy phường Hòa An tổ chức Đại hội điểm khối các phường.", "Quận ủy Tân Lạc"),
])
def test_passive_assignment_speaks_for_no_page(text, issuer):
    assert extract_text(text).issuer == issuer


# --- the press's bracketed abbreviation of a type between the type and its number ---------------------------------
@pytest.mark.parametrize("text, doc_type, number", [
    ("Ban Thường vụ Thành ủy Hòa An tổng kết 10 năm thực hiện Nghị quyết (NQ) 28 về “Xây dựng tổ chức đảng trong "
     "doanh nghiệp”.", "Nghị quyết", "28"),
    ("Ban Thường vụ Tỉnh ủy sơ kết 5 năm thực hiện Chỉ thị (CT) 05 về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh.",
     "Chỉ thị", "05"),
    ("Ban Thường vụ Tỉnh ủy sơ kết thực hiện Kết luận (KL) số 12-KL/TU ngày 3/4/2023 của Ban Thường vụ Tỉnh ủy.",
     "Kết luận", "12-KL/TU"),
])
def test_bracketed_type_code(text, doc_type, number):
    assert [(c.doc_type, c.number) for c in extract_text(text).cited_documents] == [(doc_type, number)]


# --- the next ";" item of the same type, written without its author, has the author of the item before it -----------
@pytest.mark.parametrize("text, expected", [
    ("Nội dung kiểm tra gồm việc triển khai Chỉ thị số 01 ngày 23/1/2026 của Bộ Chính trị về quán triệt Nghị quyết; "
     "Chỉ thị số 46 ngày 16/5/2025 về lãnh đạo cuộc bầu cử.", {"01": "Bộ Chính trị", "46": "Bộ Chính trị"}),
    ("Thực hiện Kế hoạch số 12-KH/TU ngày 3/4/2024 của Ban Thường vụ Tỉnh ủy Hòa An; Kế hoạch số 15-KH/TU ngày "
     "5/6/2024 về tuyên truyền.", {"12-KH/TU": "Ban Thường vụ Tỉnh ủy Hòa An", "15-KH/TU": "Ban Thường vụ Tỉnh ủy Hòa An"}),
    # another type after ";": its author is not told
    ("Thực hiện Chỉ thị số 01 ngày 23/1/2026 của Bộ Chính trị; Kế hoạch số 15 ngày 5/6/2024 về tuyên truyền.",
     {"01": "Bộ Chính trị", "15": None}),
    # symbols of two bodies: not one author
    ("Thực hiện Kế hoạch số 12-KH/TU ngày 3/4/2024 của Tỉnh ủy Hòa An; Kế hoạch số 15/KH-UBND ngày 5/6/2024 về tuyên truyền.",
     {"12-KH/TU": "Tỉnh ủy Hòa An", "15/KH-UBND": None}),
    # a comma, not a ";": the list shares nothing forward
    ("Thực hiện Chỉ thị số 01 ngày 23/1/2026 của Bộ Chính trị, Chỉ thị số 46 ngày 16/5/2025 về bầu cử.",
     {"01": "Bộ Chính trị", "46": None}),
])
def test_author_of_the_item_before(text, expected):
    assert _cited(text) == expected


# --- a commune's body written without its place, cited on a page of no issuer: the one commune the page names ---------
@pytest.mark.parametrize("text, issuer", [
    ("Xã Hòa An: Hội nghị Ban Thường vụ Đảng ủy\nChiều 5/12, Ban Thường vụ Đảng ủy xã Hòa An tổ chức hội nghị.\n"
     "Tờ trình của UBND xã về ban hành Nghị quyết của Ban Thường vụ Đảng ủy về phòng, chống ma túy.", "UBND xã Hòa An"),
    ("Chiều 5/12, Ban Thường vụ Đảng ủy phường Tân Lạc tổ chức hội nghị.\n"
     "Tờ trình của UBND phường về thành lập Trạm Y tế phường.", "UBND phường Tân Lạc"),
    # two communes named: left as written
    ("Chiều 5/12, Đảng ủy xã Hòa An và Đảng ủy xã Tân Lạc tổ chức hội nghị.\n"
     "Tờ trình của UBND xã về thành lập Trạm Y tế xã.", "UBND xã"),
])
def test_commune_body_placed(text, issuer):
    record = extract_text(text)
    assert record.issuer is None
    assert [c.issuer for c in record.cited_documents if c.doc_type == "Tờ trình"] == [issuer]


# --- "NQ 28": the press's abbreviation of Nghị quyết; "của Ban Thường vụ Thành ủy" placed by the one Thành ủy named ----
@pytest.mark.parametrize("text, expected", [
    ("Sáng 14-1, Ban Thường vụ Thành ủy Hòa An tổ chức tổng kết 10 năm thực hiện Nghị quyết (NQ) 28 về “Xây dựng tổ "
     "chức đảng”.\n\n10 năm thực hiện NQ 28 của Ban Thường vụ Thành ủy, Hòa An đạt nhiều kết quả.",
     {"28": "Ban Thường vụ Thành ủy Hòa An"}),
    ("Hội nghị quán triệt NQ 57 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.", {"57": "Bộ Chính trị"}),
    # a symbol's "NQ" is no type word: "01/2024/NQ-HĐND" stays one number
    ("Thực hiện Nghị quyết số 01/2024/NQ-HĐND ngày 5/1/2024 của HĐND tỉnh Hòa An.", {"01/2024/NQ-HĐND": "HĐND tỉnh Hòa An"}),
    # two Thành ủy named: left as written
    ("Ban Thường vụ Thành ủy Hòa An và Thành ủy Tân Lạc ký kết giao ước thi đua.\n\nThực hiện NQ 28 của Ban Thường vụ "
     "Thành ủy, hai bên đạt nhiều kết quả.", {"28": "Ban Thường vụ Thành ủy"}),
])
def test_abbreviated_resolution_and_organ_placed(text, expected):
    assert _cited(text) == expected


# --- a type in lower case names one document when its author is a congress named by its ordinal ----------------------
@pytest.mark.parametrize("text, expected", [
    ("Bí thư nhấn mạnh việc triển khai theo tinh thần nghị quyết Đại hội Đảng bộ thành phố lần thứ XVIII.",
     {"nghị quyết Đại hội Đảng bộ thành phố lần thứ XVIII": "Đại hội Đảng bộ thành phố lần thứ XVIII"}),
    ("Thực hiện nghị quyết Đại hội Đảng bộ tỉnh lần thứ nhất, tỉnh đạt nhiều kết quả.",
     {"nghị quyết Đại hội Đảng bộ tỉnh lần thứ nhất": "Đại hội Đảng bộ tỉnh lần thứ nhất"}),
    # no ordinal, or a class of congresses: no one document
    ("Thực hiện nghị quyết Đại hội Đảng bộ tỉnh, tỉnh đạt nhiều kết quả.", {}),
    ("Thực hiện nghị quyết Đại hội Đảng bộ các cấp, tỉnh đạt nhiều kết quả.", {}),
])
def test_lower_case_congress_resolution(text, expected):
    assert _cited(text) == expected
