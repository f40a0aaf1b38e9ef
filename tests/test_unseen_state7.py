"""State documents from a seventh set of unseen public pages (district and commune letters, press
reports of provincial công văn, the Prime Minister's công điện): what they taught us.

Every sentence is written for the test (names, numbers, provinces made up), modelled on the
layouts and phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> list[tuple]:
    return [(c.number, c.date) for c in extract_text(text).cited_documents]


_LEAD = "Ngày 3-5-2022, UBND tỉnh có Công văn số 1234/UBND-TH gửi UBND các huyện về việc tạm dừng hội chợ.\n\n"
_AFTER = ("\n\nTạm dừng tổ chức hội chợ, triển lãm trên địa bàn toàn tỉnh cho đến khi có thông báo mới của cơ quan "
          "có thẩm quyền.\n\nUBND tỉnh yêu cầu UBND các huyện khẩn trương triển khai đến UBND các xã để thực hiện.\n")


# --- a press report whose quotation opens with "Căn cứ X, UBND tỉnh có ý kiến như sau:" ------------
@pytest.mark.parametrize("basis, expected", [
    # the basis in the very sentence that announces the quotation: cited by the document
    ("Căn cứ Công văn số 55-CV/TU ngày 1-5-2022 của Tỉnh ủy về chủ trương tạm dừng; tình hình dịch "
     "còn phức tạp, UBND tỉnh có ý kiến như sau:", [("55-CV/TU", "2022-05-01")]),
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 2/5/2022 của UBND tỉnh,\nUBND huyện có ý kiến như sau:",
     [("12/KH-UBND", "2022-05-02")]),
    # a sentence of the journalist's before the quotation's own: an aside, not cited
    ("Trước đó, Tỉnh ủy đã có Công văn số 55-CV/TU ngày 1-5-2022. Nội dung công văn như sau:", []),
])
def test_basis_in_the_sentence_opening_a_quotation(basis, expected):
    assert _cited(_LEAD + basis + _AFTER) == expected


# --- a look-alike slash typed in a number ------------------------------------------------------------
@pytest.mark.parametrize("slash", ["⁄", "∕", "／", "/"])
def test_look_alike_slash_in_a_number(slash):
    text = f"Chiều nay, Thủ tướng Chính phủ đã ký ban hành Công điện số 1478{slash}CĐ-TTg yêu cầu các bộ, ngành ứng phó bão."
    assert extract_text(text).number == "1478/CĐ-TTg"


# --- "Thủ tướng Chính phủ <Name> vừa ký": the words after the role end the role's own body ----------
@pytest.mark.parametrize("lead, issuer", [
    ("Thủ tướng Chính phủ Lê Văn Tám vừa ký Công điện số 21/CĐ-TTg", "Thủ tướng Chính phủ"),
    ("Phó Thủ tướng Chính phủ Lê Văn Tám vừa ký Công điện số 21/CĐ-TTg", "Thủ tướng Chính phủ"),
    ("Thủ tướng Lê Văn Tám vừa ký Công điện số 21/CĐ-TTg", "Thủ tướng Chính phủ"),
    # a body of its own between role and name still issues
    ("Phó Chủ tịch UBND tỉnh Hà Nam Lê Văn Tám vừa ký Công văn số 21/UBND-TH", "UBND tỉnh Hà Nam"),
    ("Bộ trưởng Bộ Y tế Lê Văn Tám vừa ký Công văn số 21/BYT-KCB", "Bộ Y tế"),
])
def test_role_completed_by_its_own_body(lead, issuer):
    record = extract_text(lead + " ngày 6/11/2025 yêu cầu các bộ, ngành ứng phó bão.")
    assert (record.issuer, record.signer.name) == (issuer, "Lê Văn Tám")


# --- the Front's committee abbreviated in a list of addressees ---------------------------------------
@pytest.mark.parametrize("body", ["UB.MTTQVN huyện", "UBMTTQVN huyện", "UBMTTQ huyện", "MTTQVN huyện"])
def test_front_abbreviation_in_a_task_list(body):
    text = f"UBND huyện đề nghị {body}, Thủ trưởng các phòng, ban thuộc huyện tổ chức tổng vệ sinh môi trường."
    assert [a.bodies for a in extract_text(text).assignments] == [(body, "các phòng, ban thuộc huyện")]


# --- "UBND và Sở Y tế các tỉnh, thành phố": a bare head before "và" shares the places after the next body
@pytest.mark.parametrize("text, expected", [
    # (Bộ Y tế speaks, a central issuer: its "các tỉnh, thành phố" are those under the centre, central_units)
    ("Bộ Y tế đề nghị UBND và Sở Y tế các tỉnh, thành phố xây dựng kế hoạch luân phiên bác sĩ.",
     [("UBND các tỉnh, thành phố trực thuộc Trung ương", "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương")]),
    # a named body before "và" keeps its own name
    ("Bộ Y tế đề nghị Sở Y tế và Sở Tài chính các tỉnh khẩn trương rà soát.",
     [("Sở Y tế", "Sở Tài chính các tỉnh trực thuộc Trung ương")]),
])
def test_bare_head_shares_the_next_bodys_places(text, expected):
    assert [a.bodies for a in extract_text(text).assignments] == expected
