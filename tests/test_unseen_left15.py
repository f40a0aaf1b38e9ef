"""Causes left open by the rounds of unseen Party, State and press pages (texts-*-6 ... -15, rows marked LEFT), fixed
in session 16 (press15, round b), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "Phòng <department>" (a district's department) speaks as "Sở <department>" does
    ("Phòng Nội vụ huyện Yên Thành yêu cầu các cơ quan, đơn vị rà soát biên chế.",
     {"issuer": "Phòng Nội vụ huyện Yên Thành", "bodies": ["các cơ quan, đơn vị"]}),
    ("Thông báo khẩn\n\nPhòng GD&ĐT yêu cầu: các trường cho học sinh nghỉ học.",
     {"issuer": "Phòng GD&ĐT", "doc_type": "Thông báo"}),
    # ... while "Phòng, chống ..." (an action's words) names no body, in a header's title line or a sentence
    ("UBND TỈNH NAM ĐỊNH\nSố: 12/KH-UBND\nKẾ HOẠCH\nPHÒNG, CHỐNG DỊCH BỆNH TRUYỀN NHIỄM NĂM 2024\n",
     {"issuer": "UBND tỉnh Nam Định", "subject": "PHÒNG, CHỐNG DỊCH BỆNH TRUYỀN NHIỄM NĂM 2024"}),
    ("Phòng chống dịch bệnh là nhiệm vụ của các cấp. UBND huyện yêu cầu các xã rà soát.",
     {"issuer": "UBND huyện", "bodies": ["các xã"]}),
    # an organ written in lower case opens the addressees right after the verb, as it opens a later item
    ("Bộ Công an vừa có công điện yêu cầu công an các đơn vị, địa phương tiếp tục tăng cường tuần tra.",
     {"bodies": ["Công an các đơn vị, địa phương"]}),
    ("UBND tỉnh vừa có công văn yêu cầu ủy ban nhân dân các huyện tăng cường kiểm tra.",
     {"bodies": ["Ủy ban nhân dân các huyện"]}),
    ("UBND tỉnh vừa có công văn yêu cầu lực lượng công an tăng cường kiểm tra.", {"bodies": []}),
    # a body's or class's name that holds a predicate word ("quản lý") is no predicate there (body_phrases class_name)
    ("UBND tỉnh Yên Bái vừa ban hành Công văn số 12/UBND-KT yêu cầu Sở Công Thương chủ trì, phối hợp với Cục quản lý "
     "thị trường tỉnh kiểm tra hàng hóa.",
     {"bodies": ["Sở Công Thương"], "assignments.0.cooperating": ("Cục quản lý thị trường tỉnh Yên Bái",)}),
    ("UBND tỉnh vừa ban hành Công văn số 12/UBND-KT yêu cầu các đơn vị quản lý khai thác công trình thủy lợi kiểm tra "
     "hồ đập.",
     {"bodies": ["các đơn vị quản lý khai thác công trình thủy lợi"]}),
    ("UBND tỉnh vừa ban hành Công văn số 12/UBND-KT yêu cầu các đơn vị quản lý chặt chẽ hồ đập.",
     {"bodies": ["các đơn vị"]}),
    # a lower-case type word before an urgency word is that type ("có điện khẩn gửi"); "không có điện" is none
    ("Bộ trưởng Bộ Y tế đã có điện khẩn gửi Sở Y tế các tỉnh yêu cầu chủ động phòng dịch.",
     {"doc_type": "Công điện", "urgency": "Khẩn", "issuer": "Bộ trưởng Bộ Y tế"}),
    ("Sau bão, nhiều hộ dân không có điện. UBND huyện yêu cầu Điện lực huyện khẩn trương khắc phục sự cố.",
     {"doc_type": None}),
    # "gửi X phối hợp với Y ...": the recipients end before "phối hợp" (press_phrases clause_stop)
    ("Phòng Nội vụ gửi Công văn số 15/NV đến các cơ quan, đơn vị, địa phương phối hợp góp ý dự thảo Đề án.",
     {"recipients": ("các cơ quan, đơn vị, địa phương",)}),
    # "X gửi đến Y ...": the body sending speaks (header_markers acting_verb)
    ("Để bảo đảm đúng thủ tục, Phòng Tư pháp gửi đến các cơ quan, đơn vị dự thảo Quy chế để góp ý.",
     {"issuer": "Phòng Tư pháp"}),
    # the honorific "Quý" before a class of addressees asks them as "các" does; "quý III" (a quarter) names none
    ("Sở Tư pháp đã ban hành Công văn số 12/STP đề nghị Quý cơ quan, đơn vị góp ý dự thảo Nghị quyết.",
     {"bodies": ["Quý cơ quan, đơn vị"]}),
    ("Sở Tư pháp đã ban hành Công văn số 12/STP. Trong quý III các đơn vị tiếp tục rà soát hồ sơ.", {"bodies": []}),
    # "bão số 3, ngày D": a storm's number names no document, so the date after it is the report's (press_phrases
    # named_number); after a document's number the date stays that document's
    ("Trước diễn biến của bão số 3, ngày 18/8/2016, Thủ tướng Chính phủ đã ký ban hành Công điện số 1478/CĐ-TTg yêu "
     "cầu các Bộ ứng phó với bão.",
     {"date": "2016-08-18", "number": "1478/CĐ-TTg"}),
    ("Thực hiện Chỉ thị số 12, ngày 18/8/2016, Thủ tướng Chính phủ đã ký ban hành Công điện số 1478/CĐ-TTg yêu cầu "
     "các Bộ ứng phó với bão.",
     {"date": None, "cited.0.date": "2016-08-18"}),
    # a date in words after a time of day ("chiều hôm nay 18 tháng 8 năm 2016") dates the report, as "Sáng 5/8/2021" does
    ("Trước diễn biến của bão số 3, chiều hôm nay 18 tháng 8 năm 2016, Thủ tướng Chính phủ đã ký ban hành Công điện "
     "số 1478/CĐ-TTg yêu cầu các Bộ ứng phó với bão.",
     {"date": "2016-08-18"}),
    # a page repeating its lead word for word (the sapo, then the body) gives one task
    ("Ngày 17-8, UBND tỉnh có văn bản gửi Sở Xây dựng yêu cầu khẩn trương rà soát quy hoạch.\n\nNgày 17-8, UBND tỉnh có "
     "văn bản gửi Sở Xây dựng yêu cầu khẩn trương rà soát quy hoạch.\n\nSở Xây dựng yêu cầu các xã báo cáo.",
     {"bodies": ["Sở Xây dựng", "các xã"]}),
    # a plural word a portal typed twice ("các các") is read once; the evidence keeps the page's words
    ("Huyện ủy vừa ban hành Chỉ thị số 29-CT/HU. Huyện ủy đề nghị các các tổ chức Hội quần chúng tiếp tục đổi mới "
     "nội dung hoạt động.",
     {"bodies": ["các tổ chức Hội quần chúng"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page_left_open(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
