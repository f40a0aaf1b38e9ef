"""Causes found reading unseen Party documents of other shapes (Đảng ủy Quân sự / Công an, Thị ủy,
Ủy ban Kiểm tra, Ban Tuyên giáo; session 11, party7), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, provinces)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text


FIELD_CASES = [
    # "học tập và làm theo ...": "theo" after "làm" is part of the verb, it does not end the cited subject
    ("Đảng ủy Quân sự tỉnh sơ kết Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, "
     "đạo đức, phong cách Hồ Chí Minh trong lực lượng vũ trang tỉnh.",
     {"cited.0.subject": "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong lực "
                         "lượng vũ trang tỉnh"}),
    # "theo" alone still ends the subject: it names the document the work follows
    ("Thực hiện Kế hoạch số 21-KH/TU của Tỉnh ủy về phòng, chống thiên tai theo Kế hoạch số 9-KH/BCĐ, Huyện ủy "
     "yêu cầu các chi bộ thực hiện.",
     {"cited.0.subject": "về phòng, chống thiên tai"}),
    # "X tổ chức hội nghị ra Nghị quyết": the body's name ends before the meeting (press_phrases meeting)
    ("Sáng 5/7, Đảng ủy Quân sự tỉnh tổ chức hội nghị ra Nghị quyết lãnh đạo thực hiện nhiệm vụ quốc phòng 6 tháng "
     "cuối năm 2021.",
     {"issuer": "Đảng ủy Quân sự tỉnh", "doc_type": "Nghị quyết"}),
    ("Đảng ủy Biên phòng tỉnh họp ra nghị quyết lãnh đạo thực hiện nhiệm vụ quý III.",
     {"issuer": "Đảng ủy Biên phòng tỉnh"}),
    # "X tham mưu cho Y, Z chỉ đạo ...": the advised bodies act in X's sentence, they do not speak on the page
    ("Trong quý III, Bộ Chỉ huy Quân sự tỉnh tham mưu cho Tỉnh ủy, UBND tỉnh chỉ đạo diễn tập khu vực phòng thủ.",
     {"issuer": None}),
    ("Ban Tổ chức Huyện ủy tham mưu cho Ban Thường vụ Huyện ủy chỉ đạo rà soát quy hoạch cán bộ.",
     {"issuer": None}),
    # "sau hội nghị này" after the bodies asked: a time, not part of their name
    ("Bí thư Huyện ủy yêu cầu các đảng bộ, chi bộ sau hội nghị này khẩn trương tổ chức quán triệt nghị quyết.",
     {"bodies": ["các đảng bộ, chi bộ"]}),
    # "..., sau hội nghị này, X ..." / "ngay sau hội nghị này, X ...": the time before the bodies asked
    ("Đồng chí Phó Bí thư Tỉnh ủy đề nghị, sau hội nghị này, các huyện ủy, đảng ủy trực thuộc tiếp tục tổ chức "
     "quán triệt đến cán bộ chủ chốt.",
     {"bodies": ["các huyện ủy, đảng ủy trực thuộc"]}),
    ("Giám đốc Công an tỉnh yêu cầu ngay sau hội nghị này, Phòng Công tác đảng và công tác chính trị xây dựng kế "
     "hoạch tuyên truyền.",
     {"bodies": ["Phòng Công tác đảng và công tác chính trị"]}),
    # the mass organisations of the place beside named bodies are asked too, not dropped as generic
    ("Ban Thường vụ Tỉnh ủy yêu cầu Ban Dân vận Tỉnh ủy, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính "
     "trị - xã hội tỉnh tăng cường tuyên truyền.",
     {"bodies": ["Ban Dân vận Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các đoàn thể chính trị - xã hội tỉnh"]}),
    # unplaced they stay generic (no place of their own: which ones is not said)
    ("Ban Thường vụ Huyện ủy yêu cầu Ban Dân vận Huyện ủy, Ủy ban MTTQ huyện và các đoàn thể chính trị - xã hội "
     "tăng cường tuyên truyền.",
     {"bodies": ["Ban Dân vận Huyện ủy", "Ủy ban MTTQ huyện"]}),
    # "Ủy ban MTTQ và các ..." opens an addressee list as "Mặt trận Tổ quốc và các ..." does; the dash without its space
    ("Ban Dân vận Huyện ủy đề nghị Ủy ban MTTQ và các tổ chức chính trị- xã hội của huyện tổ chức tuyên truyền.",
     {"bodies": ["Ủy ban MTTQ", "các tổ chức chính trị- xã hội của huyện"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
