"""Causes found reading a nineteenth set of unseen pages, read blind (provincial papers and portals reporting Party
and State directives, the Prime Minister's telegrams, district and commune plans; session 19, press19), one row a
way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a system-wide addressee list with an en dash or an em dash in "chính trị - xã hội": the same four classes
    ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng, chính quyền, MTTQ Việt Nam và các tổ chức chính trị – xã hội tập "
     "trung phòng, chống dịch.",
     {"bodies": ["các cấp ủy đảng", "chính quyền", "MTTQ Việt Nam", "các tổ chức chính trị – xã hội"]}),
    ("Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính "
     "trị—xã hội các cấp tổ chức tốt Tết.",
     {"bodies": ["các cấp ủy, tổ chức đảng", "chính quyền", "Mặt trận Tổ quốc", "các đoàn thể chính trị—xã hội các cấp"]}),
    # ... and with a hyphen, as before
    ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng, chính quyền, MTTQ Việt Nam và các tổ chức chính trị - xã hội tập "
     "trung phòng, chống dịch.",
     {"bodies": ["các cấp ủy đảng", "chính quyền", "MTTQ Việt Nam", "các tổ chức chính trị - xã hội"]}),
    # a number's symbol stops before a dash and a capitalised word: a portal's next headline, no segment of it
    ("Bộ Tư pháp thông tin về vướng mắc khi thi hành Nghị định số 12/2026/NĐ-CP -\nQuý I/2026 tăng trưởng 8% -\n"
     "Phó Thủ tướng chỉ đạo khắc phục hậu quả bão",
     {"cited.0.number": "12/2026/NĐ-CP"}),
    ("Căn cứ Nghị định số 12/2026/NĐ-CP - Quy định chi tiết một số điều.", {"cited.0.number": "12/2026/NĐ-CP"}),
    # ... a code after a spaced dash is still a segment
    ("Thực hiện Công văn số 312 - CV/ĐUK ngày 9/3/2021 của Ban Thường vụ Đảng ủy Khối, các chi bộ rà soát.",
     {"cited.0.number": "312-CV/ĐUK"}),
    ("Thực hiện Công điện số 15/CĐ - TTg ngày 2/3/2021, các sở rà soát.", {"cited.0.number": "15/CĐ-TTg"}),
    ("Căn cứ Quyết định số 45/QĐ-UBND -\nNgày 5/3, UBND huyện họp.", {"cited.0.number": "45/QĐ-UBND"}),
    # a quoted title of three words or more right after the number is the subject, as written
    ("Ngày 12/3/2024, Thành ủy Hải Phòng đã ban hành Chỉ thị số 21-CT/TU “Tăng cường sự lãnh đạo của cấp ủy Đảng đối "
     "với công tác bảo vệ môi trường”.",
     {"number": "21-CT/TU",
      "subject": "Tăng cường sự lãnh đạo của cấp ủy Đảng đối với công tác bảo vệ môi trường"}),
    ('Ngày 5/3/2024, Ban Tuyên giáo Tỉnh ủy ban hành Hướng dẫn số 30-HD/BTGTU "Tuyên truyền kỷ niệm 95 năm Ngày thành '
     'lập Đoàn".', {"subject": "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đoàn"}),
    # ... a quoted word or two is no title
    ("Ngày 5/3/2024, Ban Tuyên giáo Tỉnh ủy ban hành Hướng dẫn số 30-HD/BTGTU “Đảng ta”.", {"subject": None}),
    # "của <an author read as no body> về ...": the subject after it is still the document's
    ("Ngày 23/3/2022, Ban Chỉ đạo công tác dân vận huyện ban hành Kế hoạch số 03-KH/BCĐ, của Ban chỉ đạo về phối hợp "
     "hoạt động công tác dân vận năm 2022. Kế hoạch yêu cầu bảo đảm thiết thực.",
     {"number": "03-KH/BCĐ", "subject": "về phối hợp hoạt động công tác dân vận năm 2022"}),
    ("Ngày 2/3/2022, Ban Tuyên giáo Tỉnh ủy ban hành Kế hoạch số 07-KH/BTGTU của Tổ công tác liên ngành về tuyên "
     "truyền bầu cử năm 2022.", {"subject": "về tuyên truyền bầu cử năm 2022"}),
    # the Party's steering committee of grassroots democracy and mass mobilisation, its place after its long name
    ("Thực hiện kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần "
     "chúng huyện Ninh Phước về phối hợp liên ngành làm công tác dân vận.",
     {"cited.0.number": "14-KH/BCĐ",
      "cited.0.issuer": "Ban chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng huyện Ninh Phước"}),
    # "các đồng chí <post>, các <class>": the comrades' post and another class, two addressees
    ("Ban Thường vụ Huyện ủy yêu cầu các đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện, các Đảng bộ trực thuộc Huyện ủy "
     "quan tâm chỉ đạo.", {"bodies": ["Ủy viên Ban Chấp hành Đảng bộ huyện", "các Đảng bộ trực thuộc Huyện ủy"]}),
    ("Ban Thường vụ Huyện ủy yêu cầu các đồng chí Bí thư, Chủ tịch UBND các xã quan tâm chỉ đạo.",
     {"bodies": ["Bí thư, Chủ tịch UBND các xã"]}),
    # "nâng cao" and "chỉnh sửa" act: the bodies before them are given the task
    ("Chủ tịch UBND huyện vừa có công văn yêu cầu các cơ quan, ban, ngành, đoàn thể, UBND các xã, thị trấn nâng cao "
     "mức cảnh báo phòng, chống dịch.", {"bodies": ["các cơ quan, ban, ngành, đoàn thể", "UBND các xã, thị trấn"]}),
    ("Đến nay, các đảng bộ đã hoàn thành đại hội chi bộ. Huyện ủy chỉ đạo Đảng bộ xã Tân Lập chỉnh sửa, hoàn thiện dự thảo báo cáo chính trị trước ngày 15/3.",
     {"bodies": ["Đảng bộ xã Tân Lập"]}),
    # a headline first, then the sentence that reports the document with who signed it: its signer
    ("Hải Phòng ban hành công điện khẩn yêu cầu giám sát chặt chẽ dịch bệnh\n\nSáng 26/7, Chủ tịch UBND thành phố Lê "
     "Văn Tám đã ký ban hành Công điện khẩn gửi Giám đốc các sở về việc phòng, chống dịch.",
     {"doc_type": "Công điện", "signer": "Lê Văn Tám", "signer_role": "Chủ tịch"}),
    # kinds of units after kinds of units go on with the same recipient ("... thị xã và xã, phường, thị trấn"); a named
    # unit after "và" is another
    ("Sáng 26/7, Chủ tịch UBND thành phố Lê Văn Tám đã ký ban hành Công điện khẩn gửi Giám đốc các sở, ban, ngành; "
     "Chủ tịch UBND các quận, huyện, thị xã và xã, phường, thị trấn về việc phòng, chống dịch.",
     {"recipients": ("Giám đốc các sở, ban, ngành", "Chủ tịch UBND các quận, huyện, thị xã và xã, phường, thị trấn")}),
    ("Ngày 2/3/2021, UBND tỉnh ban hành Công văn số 12/UBND-VX gửi UBND các huyện, thị xã và xã Tân An về việc phòng "
     "dịch.", {"recipients": ("UBND các huyện, thị xã", "xã Tân An")}),
    # "truyền đạt ý kiến chỉ đạo ..." after the number is what the letter does, no subject
    ("Văn phòng Chính phủ vừa có Văn bản số 1234/VPCP-KGVX ngày 25/4 truyền đạt ý kiến chỉ đạo của Phó Thủ tướng Lê Văn "
     "Tám yêu cầu Bộ Y tế xử lý thông tin phản ánh.",
     {"number": "1234/VPCP-KGVX", "subject": None, "issuer": "Văn phòng Chính phủ", "bodies": ["Bộ Y tế"]}),
    # "phát đi" issues: the office that sends the notice is its issuer, not the Prime Minister it quotes
    ("Chiều 21/6, Văn phòng Chính phủ phát đi thông báo chỉ đạo của Thủ tướng, yêu cầu Bộ Công an khẩn trương kiểm "
     "tra, xác minh.", {"doc_type": "Thông báo", "issuer": "Văn phòng Chính phủ", "bodies": ["Bộ Công an"]}),
]

# A two-column header flattened onto lines: the left column's words before a wide gap are no part of the place
HEADER = ("KẾ HOẠCH\n\n           ĐẢNG UỶ XÃ AN BÌNH                ĐẢNG CỘNG SẢN VIỆT NAM\n\n"
          "BAN CHỈ ĐẠO DÂN VẬN       An Bình, ngày 04 tháng 12 năm 2024\n\n                             *\n\n"
          "KẾ HOẠCH\n\nPhối hợp làm công tác dân vận đợt II năm 2024\n\n-----\n\nThực hiện kế hoạch của huyện, Ban chỉ "
          "đạo xây dựng kế hoạch như sau:\n")


def test_place_after_column_gap():
    record = extract_text(HEADER)
    assert (record.place, record.date) == ("An Bình", "2024-12-04")


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
