"""Causes left open by earlier rounds of unseen documents (texts-*-6 ... -15, rows marked LEFT) that concern the
document fields: the page's own document, its citations (session 17, left17a), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

_DATED_PAGE = ("Ngày 20/8/2021, UBND tỉnh Phú Yên có văn bản gửi Sở Xây dựng yêu cầu nghiên cứu Chỉ thị số 31 của Thủ tướng "
               "Chính phủ.\n")

_YEARLESS = ("Ngày {day}, Ban Thường vụ Tỉnh ủy vừa có Công văn gửi các huyện ủy về mùa khô{year}. Ban Thường vụ "
             "Tỉnh ủy yêu cầu các huyện ủy thực hiện nghiêm {cited} của Tỉnh ủy.")

FIELD_CASES = [
    # a cited day written without its year ("ngày 12-8") is of the page's year when the page is dated ...
    (_DATED_PAGE + "Trước đó, ngày 12-8, Thủ tướng Chính phủ đã ban hành Chỉ thị số 31, yêu cầu các tỉnh lập quy "
     "hoạch.",
     {"cited.0.number": "31", "cited.0.date": "2021-08-12"}),
    (_DATED_PAGE + "Thực hiện Công điện số 95 ngày 15-8 của Thủ tướng Chính phủ, các sở rà soát.",
     {"cited.1.number": "95", "cited.1.date": "2021-08-15"}),
    # ... of the year before when that day comes after the page's date (a cited document is older than the page)
    (_DATED_PAGE + "Thực hiện Công điện số 95 ngày 28-12 của Thủ tướng Chính phủ, các sở rà soát.",
     {"cited.1.date": "2020-12-28"}),
    # ... and of no year on a page without its own date
    ("Thực hiện Công điện số 95 ngày 15-8 của Thủ tướng Chính phủ, các sở rà soát.", {"cited.0.date": None}),
    # the page's first sentence opening with its ground, a numbered and dated document of no written author, its
    # body speaking right after it: the document the page reports, not one it cites
    ("Theo Công văn số 35/UBND ngày 8/7/2022, UBND huyện đề nghị các xã tổ chức tổng vệ sinh.",
     {"doc_type": "Công văn", "number": "35/UBND", "date": "2022-07-08", "issuer": "UBND huyện", "cited.0": None}),
    ("Tin tức\n(binhtan.gov.vn) Theo văn bản 4120/UBND-KT ngày 19/11/2023, Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND "
     "các huyện rà soát hồ sơ.",
     {"number": "4120/UBND-KT", "date": "2023-11-19", "cited.0": None}),
    ("Nhằm chủ động ứng phó mưa lũ, tại Văn bản số 94/UBND-KT, ngày 2/8/2025, UBND tỉnh đề nghị các sở trực ban.",
     {"number": "94/UBND-KT", "date": "2025-08-02", "cited.0": None}),
    # ... not after another sentence, nor with its author written, nor undated: cited
    ("UBND huyện họp bàn công tác phòng dịch.\nTheo Công văn số 35/UBND ngày 8/7/2022, UBND huyện đề nghị các xã "
     "tổ chức tổng vệ sinh.", {"number": None, "cited.0.number": "35/UBND"}),
    ("Theo Công điện số 175 ngày 28/9/2024 của Thủ tướng Chính phủ, UBND tỉnh yêu cầu các huyện rà soát.",
     {"number": None, "cited.0.number": "175"}),
    ("Tại Thông báo số 15-TB/TU, Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy thực hiện nghiêm.",
     {"number": None, "cited.0.number": "15-TB/TU"}),
    # a page opening with its document's type and a quotation cue ("Công điện nêu rõ: ..."): the page quotes that
    # document; a numbered one of the same type after "tại A và" is another document of that ground, cited
    ("Công điện nêu rõ: Trước tình hình mưa lũ, Thủ tướng Chính phủ yêu cầu:\n1. UBND các tỉnh thực hiện theo chỉ đạo "
     "tại Công văn số 96/TTg-KGVX ngày 7/7/2021 và Công điện số 106/CĐ-TTg ngày 31/7/2021.",
     {"doc_type": "Công điện", "number": None, "text_kind": "QUOTE", "cited.1.number": "106/CĐ-TTg"}),
    # ... but not further on, after a sentence
    ("Thủ tướng Chính phủ họp với các bộ về mưa lũ.\nCông điện nêu rõ: các tỉnh phải bảo đảm an toàn.",
     {"doc_type": None}),
    # "<body> <type verb> ..., cụ thể như sau:" after a comma, its sentence wrapped by a PDF's lines: the page's own
    # document of that body ...
    ("Vì vậy, để bảo đảm hồ sơ địa chính phù hợp với địa giới mới, Bộ Xây dựng\nhướng dẫn công tác chỉnh lý hồ sơ, "
     "cụ thể như sau:\n1. Trường hợp nhập xã", {"doc_type": "Hướng dẫn", "issuer": "Bộ Xây dựng"}),
    # ... and under a "Kính gửi" list, a letter: a Công văn
    ("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\nHiện nay một số tỉnh đã sắp xếp xã.\n"
     "Vì vậy, để bảo đảm hồ sơ địa chính phù hợp với địa giới mới, Bộ Xây dựng\nhướng dẫn công tác chỉnh lý hồ sơ, "
     "cụ thể như sau:\n1. Trường hợp nhập xã",
     {"doc_type": "Công văn", "issuer": "Bộ Xây dựng"}),
    # a page titled by its type, urgency and date alone, then Kính gửi: the page is that document, of that date
    ("Thông báo Khẩn ngày 9/11/2021\n\nKính gửi:\n\nHiệu trưởng các trường trên địa bàn huyện\nDo mưa lớn kéo dài, "
     "Phòng Giáo dục và Đào tạo yêu cầu các trường cho học sinh nghỉ học.",
     {"doc_type": "Thông báo", "date": "2021-11-09"}),
    # ... not a line that goes on after the date
    ("Thông báo ngày 9/11/2021 của nhà trường đã được gửi tới phụ huynh\n\nKính gửi:\n\nHiệu trưởng các trường\n"
     "Phòng Giáo dục và Đào tạo yêu cầu các trường cho học sinh nghỉ học.", {"date": None}),
    # a lead whose subject is a province's bare name places the province's body written without its place
    ("Quảng Trị vừa ban hành văn bản số 1783/UBND-KT do Phó Chủ tịch UBND tỉnh Lê Văn Tám ký yêu cầu các ngành "
     "tăng thu ngân sách.", {"number": "1783/UBND-KT", "issuer": "UBND tỉnh Quảng Trị"}),
    ("Ngành Thuế vừa nhận văn bản số 1783/UBND-KT do Phó Chủ tịch UBND tỉnh Lê Văn Tám ký yêu cầu các ngành "
     "tăng thu ngân sách.", {"issuer": "UBND tỉnh"}),
    # "Đó là chỉ đạo của X đối với Y tại <document> ngày D/M về việc ...": X's document sent to Y, its subject read
    # past a day without its year; the words "chỉ đạo của X" are that document's, no other one
    ("Siết chặt kiểm soát người ra đường\n\nĐó là chỉ đạo của UBND tỉnh đối với các sở, ban, ngành cấp tỉnh, UBND các "
     "huyện, thị xã tại Công văn số 4120/UBND-KT ngày 12/7 về việc tiếp tục thực hiện các biện pháp phòng dịch.",
     {"doc_type": "Công văn", "number": "4120/UBND-KT", "issuer": "UBND tỉnh",
      "recipients": ("các sở, ban, ngành cấp tỉnh", "UBND các huyện, thị xã"),
      "subject": "về việc tiếp tục thực hiện các biện pháp phòng dịch", "generic_references": ()}),
    # a headline first, then "X đã ký gửi Công điện số N đến Y": the sending verb names the recipients after "đến"
    ("Thủ tướng Chính phủ ban hành Công điện về phòng dịch\nNgày 4/12/2021, Thủ tướng Chính phủ đã ký gửi Công điện "
     "số 1712/CĐ-TTg đến các Bộ, cơ quan ngang Bộ, UBND các tỉnh, thành phố trực thuộc Trung ương.",
     {"number": "1712/CĐ-TTg", "recipients": ("các Bộ, cơ quan ngang Bộ", "UBND các tỉnh, thành phố trực thuộc Trung ương")}),
    ("Đây là yêu cầu của Ban Thường vụ Tỉnh ủy tại Công văn số 125-CV/TU về tăng cường phòng dịch.",
     {"number": "125-CV/TU", "issuer": "Tỉnh ủy", "acting_body": "Ban Thường vụ Tỉnh ủy"}),
    # a page dated by day and month only, its year written nowhere with a date of its own: the year that day falls
    # in within two months after the documents it cites, when the text also writes that year by itself ...
    (_YEARLESS.format(day="5.3", year=" 2022", cited="Chỉ thị số 12-CT/TU, ngày 20.1.2022"),
     {"doc_type": "Công văn", "date": "2022-03-05"}),
    (_YEARLESS.format(day="5.2", year=" 2022", cited="Chỉ thị số 12-CT/TU, ngày 20.12.2021"), {"date": "2022-02-05"}),
    # ... none without that year written, after an older citation only, or with a citation younger than that day
    (_YEARLESS.format(day="5.3", year="", cited="Chỉ thị số 12-CT/TU, ngày 20.1.2022"), {"date": None}),
    (_YEARLESS.format(day="5.3", year=" 2022", cited="Chỉ thị số 12-CT/TU, ngày 20.6.2021"), {"date": None}),
    (_YEARLESS.format(day="5.3", year=" 2022", cited="Chỉ thị số 12-CT/TU, ngày 20.1.2022 và Kế hoạch số 3-KH/TU, "
                      "ngày 9.4.2022"), {"date": None}),
    # "X vừa có văn bản thông báo ...", the next sentence presenting "toàn văn <type>": the page's document is of
    # that type; without it, or further on, of no stated type
    ("Chủ nhiệm Văn phòng Chính phủ vừa có văn bản thông báo ý kiến của Thủ tướng về dự án đường sắt. Cổng thông "
     "tin trân trọng giới thiệu toàn văn Thông báo:\nThủ tướng yêu cầu Bộ Xây dựng khẩn trương hoàn thiện hồ sơ.",
     {"doc_type": "Thông báo"}),
    ("Chủ nhiệm Văn phòng Chính phủ vừa có văn bản thông báo ý kiến của Thủ tướng về dự án đường sắt.\nThủ tướng "
     "yêu cầu Bộ Xây dựng khẩn trương hoàn thiện hồ sơ.", {"doc_type": None}),
    ("Chủ nhiệm Văn phòng Chính phủ vừa có văn bản thông báo ý kiến của Thủ tướng về dự án đường sắt. Thủ tướng "
     "yêu cầu Bộ Xây dựng khẩn trương hoàn thiện hồ sơ. Cổng thông tin trân trọng giới thiệu toàn văn Thông báo:",
     {"doc_type": None}),
    # a letter conveying a leader's opinion ("đồng chí X, Phó Chủ tịch UBND tỉnh có ý kiến như sau:") closing with
    # "<Văn phòng> thông báo để ... thực hiện": the Văn phòng wrote it
    ("Về việc rà soát đất công (120/VP-KT, ngày 5/3/2019).\nĐồng chí Hoàng Văn Nam, Phó Chủ tịch UBND tỉnh có ý kiến "
     "như sau:\nGiao Sở Tài chính chủ trì rà soát đất công.\nVăn phòng UBND tỉnh thông báo để Sở Tài chính thực "
     "hiện./.", {"number": "120/VP-KT", "issuer": "Văn phòng UBND tỉnh"}),
    # ... without that closing, the opinion's author stays
    ("Về việc rà soát đất công (120/VP-KT, ngày 5/3/2019).\nĐồng chí Hoàng Văn Nam, Phó Chủ tịch UBND tỉnh có ý kiến "
     "như sau:\nGiao Sở Tài chính chủ trì rà soát đất công.", {"issuer": "Chủ tịch UBND tỉnh"}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES)
def test_fields(text, expected):
    record = extract_text(text)
    for path, value in expected.items():
        assert _get(record, path) == value, path
