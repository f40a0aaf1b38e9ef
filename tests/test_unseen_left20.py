"""Causes left after reading the pages of sessions 18-19 (texts-party18, texts-state18, texts-press19), fixed by
frequency in session 20 (left20), one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a formal "về việc" trích yếu keeps its purpose clause ("... cấp bách nhằm khống chế ...")
    ("UBND tỉnh vừa ban hành Công điện số 07/CĐ-UBND ngày 4/3/2024, về việc thực hiện các biện pháp cấp bách nhằm "
     "khống chế bệnh cúm gia cầm. Nội dung Công điện nêu rõ: tình hình dịch diễn biến phức tạp.",
     {"subject": "về việc thực hiện các biện pháp cấp bách nhằm khống chế bệnh cúm gia cầm"}),
    ("Sở Y tế vừa có Công văn số 210/SYT-NV V/v tăng cường biện pháp nhằm ngăn chặn dịch sốt xuất huyết.",
     {"subject": "V/v tăng cường biện pháp nhằm ngăn chặn dịch sốt xuất huyết"}),
    # ... a comma before the purpose word still ends it
    ("UBND huyện vừa ban hành Kế hoạch số 15/KH-UBND ngày 3/4/2024 về việc tổ chức Tết trồng cây, nhằm phát động "
     "phong trào trong toàn huyện.",
     {"subject": "về việc tổ chức Tết trồng cây"}),
    # ... and a bare "về" subject (a press summary) stops at the purpose word, as before
    ("Ban Dân vận Huyện ủy vừa ban hành Kế hoạch số 40-KH/BDVHU về tổ chức hoạt động “Tháng Dân vận” năm 2024 nhằm "
     "nâng cao nhận thức của cán bộ.",
     {"subject": "về tổ chức hoạt động “Tháng Dân vận” năm 2024"}),
    # a "/TW" number without its author: the Bộ Chính trị, the Ban Bí thư and the Ban Chấp hành all number so
    ("Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 về đại hội đảng bộ các cấp, Đảng ủy xã ban hành kế hoạch.",
     {"cited.0.number": "45-CT/TW", "cited.0.issuer": None}),
    ("Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 thi hành Điều lệ Đảng, Chi bộ tổ chức họp.",
     {"cited.0.number": "24-QĐ/TW", "cited.0.issuer": None}),
    # ... the author named still gives it
    ("Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị về đại hội đảng bộ các cấp, Đảng ủy xã ban hành "
     "kế hoạch.", {"cited.0.number": "45-CT/TW", "cited.0.issuer": "Bộ Chính trị"}),
    # ... and a code that names one body alone still gives its body
    ("Thực hiện Hướng dẫn số 12-HD/BTGTW ngày 2/3/2021 về tuyên truyền, Ban Tuyên giáo Huyện ủy ban hành kế hoạch.",
     {"cited.0.number": "12-HD/BTGTW", "cited.0.issuer": "Ban Tuyên giáo Trung ương"}),
    # a yearless date takes its year from the crawler's line before the page (" date YYYY-MM[-DD]"), same month ...
    (" date 2024-05 Kịp thời ứng phó mưa lũ\n\nChiều 18-5, Thủ tướng đã có Công điện yêu cầu các bộ, ngành tập "
     "trung ứng phó mưa lũ.", {"date": "2024-05-18"}),
    (" date 2025-09-28 Xã hội\n\nBan Bí thư chỉ đạo ứng phó bão\n\nNgày 28-9, Văn phòng Trung ương Đảng ban hành Công "
     "văn số 17001-CV/VPTW về việc ứng phó với bão số 9.", {"date": "2025-09-28", "number": "17001-CV/VPTW"}),
    # ... or one or two months before it, the window of any other clue (December on a January page: the year before)
    (" date 2024-01 Thời sự\n\nNgày 30-12, UBND tỉnh ban hành Công văn số 4410/UBND-VX về tổ chức Tết.",
     {"date": "2023-12-30"}),
    (" date 2024-05 Thời sự\n\nNgày 3-3, UBND tỉnh ban hành Công văn số 4410/UBND-VX về phòng chống bão.",
     {"date": "2024-03-03"}),
    # ... but not a month after it, nor three months before
    (" date 2024-05 Thời sự\n\nNgày 3-7, UBND tỉnh ban hành Công văn số 4410/UBND-VX về phòng chống bão.", {"date": None}),
    (" date 2024-05 Thời sự\n\nNgày 3-2, UBND tỉnh ban hành Công văn số 4410/UBND-VX về phòng chống bão.", {"date": None}),
    # ... and it wins over a year the text writes with the month (the page's own publication date)
    (" date 2024-05 Thời sự\n\nNgày 18-5, UBND tỉnh ban hành Công văn số 4410/UBND-VX; trong tháng 5/2023 tỉnh đã "
     "chuẩn bị.", {"date": "2024-05-18"}),
    # a bare "Thành ủy" in a text naming its quận is a centrally-run city's: province level, name as written
    ("Ban Thường vụ Thành ủy vừa ban hành Công văn số 3012-CV/TU ngày 2-4-2024, yêu cầu Ban cán sự đảng UBND thành "
     "phố, các Quận ủy, Huyện ủy tăng cường phòng, chống dịch.",
     {"issuer": "Thành ủy", "acting_body": "Ban Thường vụ Thành ủy", "issuer_level": "province"}),
    ("Thường trực Thành ủy vừa có văn bản yêu cầu Bí thư, Chủ tịch UBND của các quận, huyện không rời thành phố "
     "trong dịp Tết.", {"issuer_level": "province"}),
    # ... without a quận, a provincial city's committee as well: no level
    ("Ban Thường vụ Thành ủy vừa ban hành Công văn số 3012-CV/TU ngày 2-4-2024, yêu cầu Đảng ủy các phường, xã "
     "tăng cường phòng, chống dịch.", {"issuer": "Thành ủy", "issuer_level": None}),
    # a line linking to the page's own document names its type ("Xem chi tiết công văn đính kèm") ...
    ("Theo đó, Chủ tịch UBND tỉnh đề nghị Thủ trưởng các sở, ban, ngành tỉnh triển khai thực hiện.\n"
     "Xem chi tiết công văn đính kèm./.\nTác giả bài viết: Lê Văn Tám", {"doc_type": "Công văn", "issuer": "Chủ tịch UBND tỉnh"}),
    ("Ban Tuyên giáo Huyện ủy đề nghị các chi bộ, đảng bộ cơ sở quan tâm tuyên truyền về sự kiện.\n\n"
     "Nội dung công văn Ban Tuyên giáo Huyện ủy: click xem tại đây\n\nNội dung đề cương tuyên truyền: click xem tại đây.",
     {"doc_type": "Công văn"}),
    ("Sở Y tế đề nghị các bệnh viện tăng cường phòng, chống dịch.\nXem toàn văn Kế hoạch tại đây",
     {"doc_type": "Kế hoạch"}),
    # ... not a line that only quotes it, nor a type word in the middle of a sentence
    ("Sở Y tế đề nghị các bệnh viện tăng cường phòng, chống dịch.\nNội dung công văn như sau: các bệnh viện rà soát.",
     {"doc_type": None}),
    ("Sở Y tế đề nghị các bệnh viện tăng cường phòng, chống dịch theo công văn đính kèm.", {"doc_type": None}),
    # an original without a type title whose trích yếu opens "V/v" is a công văn (its organ and number lines lost)
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nV/v chuẩn bị tổ chức bầu cử cấp "
     "xã năm 2026\nHà Nội, ngày 4 tháng 3 năm 2026\nĐến nay, các địa phương đều đã tổ chức xong hội nghị hiệp thương lần "
     "thứ nhất và đang triển khai các thủ tục giới thiệu người ứng cử.",
     {"doc_type": "Công văn", "date": "2026-03-04", "subject": "V/v chuẩn bị tổ chức bầu cử cấp xã năm 2026"}),
    # ... not one whose trích yếu opens "Về việc" (a Quyết định's too) ...
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nVề việc chuẩn bị tổ chức bầu cử "
     "cấp xã năm 2026\nHà Nội, ngày 4 tháng 3 năm 2026\nĐến nay, các địa phương đều đã tổ chức xong hội nghị hiệp thương "
     "lần thứ nhất và đang triển khai các thủ tục giới thiệu người ứng cử.",
     {"doc_type": None}),
    # ... and a typed one keeps its type
    ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 15/TB-UBND\nHà Nam, ngày 4 tháng 3 năm 2026\nTHÔNG BÁO\nV/v lịch tiếp công dân\n"
     "Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân.", {"doc_type": "Thông báo"}),
    # a template's body written with a bare unit word ("... tỉnh") issues, its place not written
    ("Ban Chỉ đạo phòng, chống dịch bệnh COVID-19 tỉnh vừa ban hành Công văn số 1312/UBND-VX về tăng cường công tác "
     "phòng, chống dịch.", {"issuer": "Ban Chỉ đạo phòng, chống dịch bệnh COVID-19 tỉnh", "issuer_level": "province",
                            "number": "1312/UBND-VX"}),
    ("Ban Chỉ đạo phòng, chống dịch Covid-19 huyện vừa ban hành Công văn số 45/BCĐ về cách ly y tế.",
     {"issuer": "Ban Chỉ đạo phòng, chống dịch Covid-19 huyện", "issuer_level": "district"}),
    # ... and with its place, as before
    ("Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Yên Bái vừa ban hành Công văn số 45/BCĐ về cách ly y tế.",
     {"issuer": "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Yên Bái", "issuer_level": "province"}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
