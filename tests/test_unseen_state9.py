"""State documents from a ninth set of unseen public pages (press reports of a Sở's or a Bộ's letters):
what they taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text
from loaders.header_organs import body_in_text


# --- a Sở / Bộ name with lower-case words (the body data's names) speaks in press text --------------
@pytest.mark.parametrize("text, issuer", [
    ("Sở Y tế yêu cầu các bệnh viện tăng cường phòng dịch.", "Sở Y tế"),
    ("Thực hiện Công văn số 12/UBND-VX của UBND tỉnh, Sở Giáo dục và Đào tạo (GDĐT) yêu cầu các phòng "
     "GDĐT chỉ đạo các trường thực hiện.", "Sở Giáo dục và Đào tạo"),
    ("Bộ Nông nghiệp và Phát triển nông thôn đề nghị UBND các tỉnh chỉ đạo phòng dịch.",
     "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Sở Tài nguyên và Môi trường tỉnh Sơn La yêu cầu các huyện rà soát.", "Sở Tài nguyên và Môi trường tỉnh Sơn La"),
    # ordinary lower-case words after "Sở" name no body: nobody speaks
    ("Sở dĩ các trường yêu cầu học sinh nghỉ học là do dịch bệnh.", None),
])
def test_lower_case_department_speaks(text, issuer):
    assert extract_text(text).issuer == issuer


@pytest.mark.parametrize("text, name", [
    ("Sở Y tế", "Sở Y tế"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("Sở Công thương tỉnh Trà Vinh", "Sở Công Thương tỉnh Trà Vinh"),   # the data's own spelling
    ("Sở Giáo dục và Đào tạo (GDĐT) tỉnh Khánh Hòa", "Sở Giáo dục và Đào tạo tỉnh Khánh Hòa"),
    ("Bộ đội Biên phòng", None),   # a "Bộ" that is no ministry
])
def test_department_names_in_text(text, name):
    found = body_in_text(text)
    assert (found[1].name if found else None) == name


# --- a ministry written by an alias of the body data ------------------------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Bộ NN-PTNT yêu cầu các tỉnh công bố dịch sớm.", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Bộ Nông nghiệp và PTNT vừa có văn bản đề nghị UBND các tỉnh chấn chỉnh công tác phòng dịch.",
     "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Bộ Lao động-Thương binh và Xã hội yêu cầu các Sở rà soát hộ nghèo.", "Bộ Lao động - Thương binh và Xã hội"),
])
def test_ministry_alias_speaks(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "... có ý kiến như sau:" and the task on the next line --------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Phó Chủ tịch UBND tỉnh có ý kiến như sau:\nSở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế.",
     [(("Sở Nội vụ",), ("Sở Tài chính",))]),
    ("UBND tỉnh có ý kiến như sau:\nSở Y tế chủ trì, phối hợp với Sở Tài chính mua sắm vật tư.",
     [(("Sở Y tế",), ("Sở Tài chính",))]),
])
def test_task_on_the_line_after_a_colon(text, expected):
    assert [(a.bodies, a.cooperating) for a in extract_text(text).assignments] == expected


# --- a local Sở written without its place stays open (the reader's own place, and a warning) -----------
@pytest.mark.parametrize("text, open_unit", [
    ("Sở Giáo dục và Đào tạo", "province"),
    ("Sở Y tế tỉnh Nam Định", None),     # its place written
    ("Bộ Y tế", None),                   # a ministry has no place
])
def test_local_department_without_place(text, open_unit):
    assert body_in_text(text)[1].open_unit == open_unit
