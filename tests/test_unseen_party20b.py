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
