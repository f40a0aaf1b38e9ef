"""Party pages and press reports about them from a second twentieth set of unseen public pages (a commune's steering
committee for Resolution 57, city committees' plenums, a propaganda outline citing the merger's documents, a Youth
Union decision), read blind: what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(c.number, c.issuer, c.date) for c in extract_text(text).cited_documents]


# --- a cited author ends before a year ("của Bộ Chính trị năm 2026") and before the news's dateline on the next line
# ("Chiều ngày 27/01/2026, ..."): neither is part of its name, and the dateline's date is not the document's
_AUTHOR_END = [
    ("Ban Chỉ đạo xã Tân Phú triển khai kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị năm 2026\n"
     "Chiều ngày 27/01/2026, Ban Chỉ đạo tổ chức Hội nghị đánh giá tình hình thực hiện.",
     [("57-NQ/TW", "Bộ Chính trị", None)]),
    ("Huyện ủy Tân Phú triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị\n"
     "Sáng ngày 12/3/2025, Huyện ủy tổ chức Hội nghị quán triệt.",
     [("57-NQ/TW", "Bộ Chính trị", None)]),
    ("Huyện ủy Tân Phú triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị\n"
     "Chiều 12/3/2025, Huyện ủy tổ chức Hội nghị quán triệt.",
     [("57-NQ/TW", "Bộ Chính trị", None)]),
    ("Thực hiện Kế hoạch số 15-KH/TU của Tỉnh ủy Hòa Bình năm 2025, Đảng ủy xã tổ chức hội nghị.",
     [("15-KH/TU", "Tỉnh ủy Hòa Bình", None)]),
    # an ordinal "năm" (fifth) stays in a plenum's name, a term's years in a congress's
    ("Thực hiện Kết luận số 12-KL/TU ngày 3/5/2023 của Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh Hòa Bình.",
     [("12-KL/TU", "Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh Hòa Bình", "2023-05-03")]),
]


@pytest.mark.parametrize("text, expected", _AUTHOR_END, ids=range(len(_AUTHOR_END)))
def test_author_ends_before_a_year_or_the_next_lines_dateline(text, expected):
    assert _cited(text) == expected


def _year_in_name_rows() -> list[tuple[str, str]]:
    import csv
    from pathlib import Path
    path = Path(__file__).parent.parent / "data" / "reference" / "citation_patterns.csv"
    return [(r["text"], r["example"]) for r in csv.DictReader(path.open(encoding="utf-8")) if r["kind"] == "year_in_name"]


@pytest.mark.parametrize("head, example", _year_in_name_rows(), ids=lambda v: v if len(v) < 20 else "")
def test_body_named_for_an_event_keeps_its_year(head, example):
    """citation_patterns year_in_name: a body named for an event of a year keeps the year in its name."""
    (doc,) = extract_text("Thực hiện " + example + ".").cited_documents
    year = example.split(" năm ")[1][:4]
    assert doc.issuer.startswith(head) and doc.issuer.endswith(f"năm {year}")


# --- a plenum named right after the date, without "của", is the author (a comma may part plenum and committee);
# the Central Committee's plenum, "Đảng" written after it or not, is the Committee (issuer_rewrite)
_PLENUM_AFTER_DATE = [
    ("Thành ủy trình bày Kế hoạch thực hiện Nghị quyết số 31-NQ/TƯ ngày 12/11/2022 Hội nghị lần thứ sáu, Ban Chấp hành "
     "Trung ương Đảng khóa XIII về tiếp tục đổi mới.",
     ("31-NQ/TW", "Ban Chấp hành Trung ương", "2022-11-12")),
    ("Thực hiện Nghị quyết số 31-NQ/TW ngày 12/11/2022 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII "
     "về tiếp tục đổi mới.", ("31-NQ/TW", "Ban Chấp hành Trung ương", "2022-11-12")),
    ("Thực hiện Nghị quyết số 31-NQ/TW ngày 12/11/2022 Hội nghị Trung ương 6 khóa XIII về tiếp tục đổi mới.",
     ("31-NQ/TW", "Hội nghị Trung ương 6", "2022-11-12")),
    # the same words after a comma open the next clause: no author
    ("Thực hiện Công văn số 7-CV/TU ngày 1/2/2022, Hội nghị lần thứ sáu Ban Chấp hành Đảng bộ tỉnh đã thảo luận.",
     ("7-CV/TU", None, "2022-02-01")),
]


@pytest.mark.parametrize("text, expected", _PLENUM_AFTER_DATE, ids=range(len(_PLENUM_AFTER_DATE)))
def test_plenum_after_the_date_is_the_author(text, expected):
    assert _cited(text)[-1] == expected


# --- the Youth Union's central committee and secretariat are bodies of their own, not the Party's (central_bodies rows)
_YOUTH_UNION = [
    ("Căn cứ Quyết định số 12 QĐ/TWĐTN ngày 02/3/2014 của Ban Chấp hành Trung ương Đoàn;",
     ("12-QĐ/TWĐTN", "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", "2014-03-02")),
    ("Căn cứ Quyết định số 12-QĐ/TWĐTN ngày 02/3/2014 của Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh;",
     ("12-QĐ/TWĐTN", "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", "2014-03-02")),
    ("Căn cứ Quyết định số 130-QĐ/TWĐTN ngày 23/6/2007 của Ban Bí thư Trung ương Đoàn;",
     ("130-QĐ/TWĐTN", "Ban Bí thư Trung ương Đoàn TNCS Hồ Chí Minh", "2007-06-23")),
    # the Party's stays the Party's
    ("Thực hiện Kết luận số 14-KL/TW ngày 5/3/2021 của Ban Chấp hành Trung ương Đảng.",
     ("14-KL/TW", "Ban Chấp hành Trung ương", "2021-03-05")),
]


@pytest.mark.parametrize("text, expected", _YOUTH_UNION, ids=range(len(_YOUTH_UNION)))
def test_youth_union_central_bodies(text, expected):
    assert _cited(text) == [expected]


# --- a report's speaking body named by its executive committee ("Ban Chấp hành Đảng bộ tỉnh giao ...") is the unit's
# committee (Tỉnh ủy), not the Đảng bộ with "Ban Chấp hành" acting for it (prose.executive_as_committee, as for authors)
_EXECUTIVE_SPEAKS = [
    ("Ban Chấp hành Đảng bộ thành phố giao Ban Thường vụ Thành ủy chỉ đạo tiếp thu các ý kiến.", ("Thành ủy", None)),
    ("Ban Chấp hành Đảng bộ tỉnh giao Ban Thường vụ Tỉnh ủy chỉ đạo tiếp thu các ý kiến.", ("Tỉnh ủy", None)),
    ("Ban Chấp hành Đảng bộ huyện Tân Phú giao Ban Thường vụ Huyện ủy chỉ đạo tiếp thu các ý kiến.",
     ("Huyện ủy Tân Phú", None)),
    # a standing organ still acts for its committee
    ("Ban Thường vụ Tỉnh ủy Hòa Bình yêu cầu các cấp ủy tăng cường kiểm tra.",
     ("Tỉnh ủy Hòa Bình", "Ban Thường vụ Tỉnh ủy Hòa Bình")),
]


@pytest.mark.parametrize("text, expected", _EXECUTIVE_SPEAKS, ids=range(len(_EXECUTIVE_SPEAKS)))
def test_executive_committee_speaking_is_the_committee(text, expected):
    r = extract_text(text)
    assert (r.issuer, r.acting_body) == expected


# --- a page of no issuer naming one province by its kind ("Tại tỉnh Quảng Trị, ...") places its bare "Tỉnh ủy", "HĐND
# tỉnh" there (prose.province_named); two provinces named, or none, leave them bare
_ONE_PROVINCE_NAMED = [
    ("Tại tỉnh Quảng Bình, Tỉnh ủy đã ban hành các văn bản như: Kế hoạch số 86-KH/TU ngày 07/5/2018 của Tỉnh ủy về "
     "thực hiện Nghị quyết; Nghị quyết số 22/2019/NQ-HĐND ngày 17/10/2019 của HĐND tỉnh về việc thông qua Đề án.",
     [("86-KH/TU", "Tỉnh ủy Quảng Bình", "2018-05-07"), ("22/2019/NQ-HĐND", "HĐND tỉnh Quảng Bình", "2019-10-17")]),
    ("Căn cứ Phương án số 316/PA-UBND ngày 19/01/2024 của Ủy ban nhân dân tỉnh về sắp xếp đơn vị hành chính của tỉnh "
     "Ninh Thuận;", [("316/PA-UBND", "Ủy ban nhân dân tỉnh Ninh Thuận", "2024-01-19")]),
    ("Đoàn công tác của tỉnh Quảng Bình làm việc với tỉnh Quảng Trị về Kế hoạch số 86-KH/TU ngày 07/5/2018 của Tỉnh ủy.",
     [("86-KH/TU", "Tỉnh ủy", "2018-05-07")]),
    ("Thực hiện Kế hoạch số 86-KH/TU ngày 07/5/2018 của Tỉnh ủy, các xã tổ chức hội nghị.",
     [("86-KH/TU", "Tỉnh ủy", "2018-05-07")]),
]


@pytest.mark.parametrize("text, expected", _ONE_PROVINCE_NAMED, ids=range(len(_ONE_PROVINCE_NAMED)))
def test_one_province_named_places_bare_committees(text, expected):
    assert _cited(text) == expected


# --- a report of a meeting ("UBKT Trung ương họp kỳ 39 ...", "hội nghị nhất trí ..."): the organ asking or deciding
# at it issues no document of the page (press_phrases meeting_held); what it asks stays a task
_MEETING_REPORTS = [
    ("Từ ngày 25-27/9, Ủy ban Kiểm tra Trung ương họp kỳ 41. Ủy ban Kiểm tra Trung ương quyết định thi hành kỷ luật "
     "bằng hình thức cảnh cáo đối với ông Nguyễn Văn A.", (None, [])),
    ("Thứ nhất, hội nghị nhất trí với các báo cáo do Ban Thường vụ Thành ủy trình. Ban Chấp hành Đảng bộ thành phố "
     "giao Ban Thường vụ Thành ủy chỉ đạo tiếp thu các ý kiến.", (None, [("Ban Thường vụ Thành ủy",)])),
    # no meeting told: the organ asking speaks for the page
    ("Thường trực Thành ủy Cần Thơ đề nghị các cấp ủy xây dựng kế hoạch thực hiện.",
     ("Thành ủy Cần Thơ", [("các cấp ủy",)])),
]


@pytest.mark.parametrize("text, expected", _MEETING_REPORTS, ids=range(len(_MEETING_REPORTS)))
def test_meeting_report_issues_nothing(text, expected):
    r = extract_text(text)
    assert (r.issuer, [a.bodies for a in r.assignments]) == expected
