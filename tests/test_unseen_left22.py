"""Leftovers of session 22's unseen pages (party22, state22, press22: their ERRORS.md), fixed by a generic rule, one
row a way a page writes the thing (session 22, left22).

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a guidance ("hướng dẫn của X về ...", a generic lead alone) listed beside a cited document: one document too
    ("Hội nghị quán triệt các văn bản: Chỉ thị của Bộ Chính trị về lãnh đạo cuộc bầu cử đại biểu Hội đồng nhân dân "
     "các cấp; hướng dẫn của Ban Tổ chức Trung ương về công tác nhân sự đại biểu Hội đồng nhân dân các cấp; chỉ thị "
     "của Thủ tướng Chính phủ về tổ chức cuộc bầu cử.",
     {"cited.1.doc_type": "Hướng dẫn", "cited.1.issuer": "Ban Tổ chức Trung ương",
      "cited.1.subject": "về công tác nhân sự đại biểu Hội đồng nhân dân các cấp",
      "cited.2.issuer": "Thủ tướng Chính phủ"}),
    ("Các đại biểu nghe trình bày các văn bản: Chỉ thị của Ban Bí thư về đại hội đảng bộ các cấp; Hướng dẫn của "
     "Ban Tuyên giáo Trung ương về tuyên truyền đại hội.",
     {"cited.1.doc_type": "Hướng dẫn", "cited.1.issuer": "Ban Tuyên giáo Trung ương",
      "cited.1.subject": "về tuyên truyền đại hội"}),
    # ... not alone in running text ("Hướng dẫn của X" names guidance, no one document: a generic reference)
    ("Thực hiện Hướng dẫn của Ban Chỉ đạo Quốc gia về phòng chống dịch, UBND tỉnh Bình Sơn yêu cầu các sở "
     "khẩn trương rà soát.",
     {"cited.0": None}),
    # ... nor after a list item that names no document
    ("Hội nghị bàn các nội dung: tổng kết công tác năm 2025; hướng dẫn của Ban Tổ chức Tỉnh ủy về công tác cán bộ.",
     {"cited.0": None}),
    # a phrase organ whose known name goes on in small letters ("Ban Chỉ đạo Trung ương về phòng chống thiên tai")
    # speaking in running text: the whole name, not a capitalised run cut at "về"
    ("Nhằm chủ động ứng phó thiên tai trong dịp Tết. Văn phòng thường trực Ban Chỉ đạo Trung ương về phòng chống "
     "thiên tai đề nghị Ban Chỉ huy PCTT và TKCN các tỉnh tổ chức trực ban.",
     {"issuer": "Văn phòng thường trực Ban Chỉ đạo Trung ương về phòng chống thiên tai"}),
    ("Ban Chỉ đạo Trung ương về phòng, chống thiên tai đề nghị các tỉnh tổ chức trực ban.",
     {"issuer": "Ban Chỉ đạo Quốc gia về phòng, chống thiên tai"}),
    # ... an unknown subject after "về" is no name read on
    ("Ban Chỉ đạo về chuyển đổi số đề nghị các xã tổ chức trực ban.", {"issuer": None}),
    # "Thường trực" inside a post ("Phó Chủ tịch Thường trực", press_phrases role) is no acting part of the body: the
    # post's organ speaks, as without the word
    ("Chiều 1/3, ông Lê Văn Tám, Phó Chủ tịch Thường trực UBND thành phố Bình Sơn cho biết đã giao Sở Y tế kiểm tra.",
     {"issuer": "Chủ tịch UBND thành phố Bình Sơn", "bodies": ["Sở Y tế"]}),
    ("Phó Chủ tịch Thường trực UBND tỉnh Lê Văn Tám yêu cầu Sở Y tế kiểm tra.", {"issuer": "Chủ tịch UBND tỉnh"}),
    # ... a post whose organ is no body ("Bí thư Thị ủy") still speaks for no one
    ("Phó Bí thư Thường trực Thị ủy yêu cầu các chi bộ kiểm tra.", {"issuer": None}),
    # a portal's "Số: N" glued after the text's closing mark (no header): the page's own number, with a code only
    ("Văn phòng thường trực Ban Chỉ đạo Trung ương về phòng chống thiên tai đề nghị các tỉnh tổ chức trực ban.\n\n"
     "Đề nghị các tỉnh quan tâm, tổ chức thực hiện./.Số: 31/VPTT\n\nCông văn",
     {"number": "31/VPTT"}),
    ("Văn phòng thường trực Ban Chỉ đạo Trung ương về phòng chống thiên tai đề nghị các tỉnh báo cáo qua viber "
     "số: 0912.345.678.\n\nĐề nghị các tỉnh quan tâm, tổ chức thực hiện./.",
     {"number": None}),
    # ... not a page reporting another document
    ("Ngày 5/2, Sở Y tế tỉnh Bình Sơn vừa ban hành Công văn yêu cầu các bệnh viện rà soát./.Số: 31/SYT",
     {"number": None}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
