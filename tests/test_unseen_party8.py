"""Causes found reading unseen Party documents and press reports of other shapes (Ủy ban Kiểm tra
Trung ương, Đảng ủy phường, Thành ủy công văn, Đảng ủy Khối; session 12, party8), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, provinces)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text


FIELD_CASES = [
    # the central inspection commission speaks in running text, spelled out or shortened
    ("Ủy ban Kiểm tra Trung ương yêu cầu Ban Thường vụ Tỉnh ủy Hà Giang kiểm điểm, rút kinh nghiệm.",
     {"issuer": "Ủy ban Kiểm tra Trung ương", "bodies": ["Ban Thường vụ Tỉnh ủy Hà Giang"]}),
    ("UB Kiểm tra T.Ư đề nghị Ban Bí thư xem xét, thi hành kỷ luật đối với ông Trần Văn Bình.",
     {"issuer": "Ủy ban Kiểm tra Trung ương"}),
    ("UBKT Trung ương yêu cầu Ban cán sự đảng UBND tỉnh Bình Sơn khắc phục các vi phạm đã chỉ ra.",
     {"issuer": "Ủy ban Kiểm tra Trung ương", "bodies": ["Ban cán sự đảng UBND tỉnh Bình Sơn"]}),
    # "Tại kỳ họp 46, X yêu cầu": a numbered meeting names no document, X speaks on the page
    ("Tại kỳ họp 52, Ủy ban Kiểm tra Trung ương đã yêu cầu UBKT Tỉnh ủy Kon Tum tiến hành kiểm tra khi có dấu "
     "hiệu vi phạm.",
     {"issuer": "Ủy ban Kiểm tra Trung ương", "bodies": ["UBKT Tỉnh ủy Kon Tum"]}),
    # "Tại <a numbered document>, X giao": still the cited document's author, not the page's speaker
    ("Tại Thông báo số 15-TB/TW, Ban Bí thư yêu cầu các tỉnh ủy thực hiện nghiêm.",
     {"issuer": None, "cited.0.number": "15-TB/TW"}),
    # "giám sát tại Đảng bộ X, Y yêu cầu": the place of the work is not a body speaking with Y
    ("Sau khi xem xét kết quả giám sát tại Đảng bộ tỉnh Lâm Hà, Ủy ban Kiểm tra Trung ương yêu cầu Ủy ban Kiểm "
     "tra Tỉnh ủy Lâm Hà xem xét, xử lý các tổ chức đảng có liên quan.",
     {"issuer": "Ủy ban Kiểm tra Trung ương", "bodies": ["Ủy ban Kiểm tra Tỉnh ủy Lâm Hà"]}),
    # verbs of discipline end the body asked ("kiểm điểm", "khắc phục", "thu hồi")
    ("Ban Thường vụ Tỉnh ủy yêu cầu Ủy ban Kiểm tra Thành ủy Đông Hà kiểm điểm, xử lý các đảng viên vi phạm.",
     {"bodies": ["Ủy ban Kiểm tra Thành ủy Đông Hà"]}),
    ("Ủy ban Kiểm tra Trung ương yêu cầu Ban Thường vụ Tỉnh ủy Vĩnh Hòa thu hồi, hủy bỏ các quyết định không "
     "đúng quy định.",
     {"bodies": ["Ban Thường vụ Tỉnh ủy Vĩnh Hòa"]}),
    # a time before the bodies asked ("trước mắt", "trong thời gian tới"): not part of their name
    ("Ban Thường vụ Thành ủy yêu cầu trước mắt các cấp ủy, tổ chức đảng tập trung chỉ đạo tổ chức đại hội chi bộ.",
     {"bodies": ["các cấp ủy, tổ chức đảng"]}),
    ("Bí thư Huyện ủy đề nghị trong thời gian tới, các chi bộ tiếp tục quán triệt nghị quyết.",
     {"bodies": ["các chi bộ"]}),
    ("Bí thư Huyện ủy đề nghị thời gian tới các chi bộ tiếp tục quán triệt nghị quyết.",
     {"bodies": ["các chi bộ"]}),
    # "Những năm qua, ..., X đã chỉ đạo ...": past work told in a background sentence, X does not speak on the page
    ("Những năm qua, thực hiện các chỉ thị của cấp trên, Ban Thường vụ Thành ủy đã chỉ đạo việc quán triệt Chỉ "
     "thị số 10-CT/TW của Ban Bí thư.",
     {"issuer": None, "cited.0.number": "10-CT/TW"}),
    # ... while the body speaking in a later sentence is still found
    ("Thời gian qua, Ban Thường vụ Tỉnh ủy đã chỉ đạo các huyện ủy rà soát. Ban Thường vụ Tỉnh ủy yêu cầu các "
     "huyện ủy tổ chức quán triệt.",
     {"issuer": "Tỉnh ủy"}),
    # a page title that asks no body ("X đề nghị kỷ luật ông A", no end mark) over the sentence that does
    ("Ủy ban Kiểm tra Trung ương đề nghị kỷ luật ông Lê Văn Tám\nỦy ban Kiểm tra Trung ương đã xem xét nội dung vi "
     "phạm; UBKT Trung ương đề nghị Bộ Chính trị, Ban Chấp hành Trung ương xem xét, thi hành kỷ luật ông Lê Văn Tám.",
     {"issuer": "Ủy ban Kiểm tra Trung ương", "bodies": ["Bộ Chính trị", "Ban Chấp hành Trung ương"]}),
    # a photo caption on the line under the title ends the cited congress's name
    ("Đảng ủy Biên phòng tỉnh quán triệt Nghị quyết Đại hội lần thứ XIII của Đảng\nToàn cảnh hội nghị.\nGần 150 cán "
     "bộ, đảng viên đã được quán triệt.",
     {"cited.0.issuer": "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"}),
    ("Huyện ủy Tân Lạc triển khai Chỉ thị của Ban Bí thư\nQuang cảnh hội nghị.",
     {"cited.0.issuer": "Ban Bí thư"}),
    # a request after a background clause: the body speaks now
    ("Thời gian qua, công tác phòng dịch còn hạn chế, Ban Thường vụ Tỉnh ủy đề nghị Ban Tuyên giáo Tỉnh ủy tăng "
     "cường tuyên truyền.",
     {"issuer": "Tỉnh ủy", "bodies": ["Ban Tuyên giáo Tỉnh ủy"]}),
    # past work told in a background sentence asks no one
    ("Những năm qua, Chi bộ luôn đoàn kết, lãnh đạo tổ dân phố thực hiện tốt các phong trào thi đua.",
     {"bodies": []}),
    # an act told as done ("tổ chức thành công Đại hội") is no task
    ("Chi bộ thôn Hòa Bình, xã Tân Lập tổ chức thành công Đại hội nhiệm kỳ 2022-2025.",
     {"bodies": []}),
    # a photo caption line ("Quang cảnh Hội nghị") over a request
    ("Quang cảnh Hội nghị\nĐề nghị UBND các xã theo dõi sát diễn biến thời tiết.",
     {"bodies": ["UBND các xã"]}),
    # "09 CT/TW": a space typed for the dash of a Party number, the author after it still read
    ("Đảng ủy Công an tỉnh quán triệt Chỉ thị số 09 CT/TW của Ban Bí thư về tăng cường công tác dân vận.",
     {"cited.0.number": "09-CT/TW", "cited.0.issuer": "Ban Bí thư"}),
    ("Chi bộ học tập Kết luận 21 KL/TW của Ban Chấp hành Trung ương.",
     {"cited.0.number": "21-KL/TW", "cited.0.issuer": "Ban Chấp hành Trung ương"}),
    # a bare number before a body's name is no symbol
    ("Thực hiện Công văn số 12 UBND ngày 3/5/2021 của UBND tỉnh Hòa Bình, Sở Y tế đề nghị các bệnh viện báo cáo.",
     {"cited.0.number": "12"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
