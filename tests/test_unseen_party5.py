"""Causes found reading unseen Party originals and press reports (session 10, party5), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, provinces)."""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _get(record, path: str):
    """A field of the record by a dotted path; "cited.N.field" reads the N-th cited document."""
    value = record
    for part in path.split("."):
        if part == "cited":
            value = value.cited_documents
        elif part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        elif part == "bodies":
            value = [b for a in value.assignments for b in a.bodies]
        else:
            value = getattr(value, part) if value is not None else None
    return value


HEADER_CASES = [
    # an adverb of manner between the committee and its verb ("đã kịp thời ban hành")
    ("Ngày 5-9-2019, BTV Tỉnh ủy Kon Tum đã kịp thời ban hành Kế hoạch số 71-KH/TU triển khai thực hiện "
     "Chỉ thị số 35-CT/TW của Bộ Chính trị.",
     {"issuer": "Tỉnh ủy Kon Tum", "acting_body": "Ban Thường vụ Tỉnh ủy Kon Tum", "number": "71-KH/TU"}),
    # a newspaper's one-word credit before a spaced dash; "TP" (no dot) for "thành phố"
    ("Laodongthudo - UBND TP Hải Phòng đã ban hành Công văn số 4120/UBND-VX yêu cầu các sở triển khai.",
     {"issuer": "UBND thành phố Hải Phòng", "province": "Hải Phòng", "number": "4120/UBND-VX"}),
]


@pytest.mark.parametrize("text,expected", HEADER_CASES, ids=[str(i) for i in range(len(HEADER_CASES))])
def test_header_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
