"""State documents from an eleventh set of unseen public pages (portal pages of a Sở asking for
comments on a draft, title-only pages): what they taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


# --- a Sở that drafts a text or gathers comments on it is the one speaking ------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Để có cơ sở tham mưu UBND tỉnh, nay Sở Xây dựng tổ chức lấy ý kiến của các cơ quan về dự thảo Kế hoạch.",
     "Sở Xây dựng"),
    ("Sở Tư pháp lấy ý kiến các cơ quan, đơn vị về dự thảo Quy định.", "Sở Tư pháp"),
    ("Sở Tài chính xin ý kiến các sở, ngành về dự thảo Quyết định.", "Sở Tài chính"),
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 01/4/2020 của UBND tỉnh, Sở Công Thương đã xây dựng dự thảo Quy chế.\n"
     "Đề nghị các sở, ngành cho ý kiến bằng văn bản về Sở trước ngày 30/4/2020.", "Sở Công Thương"),
    ("Sở Y tế đã xây dựng và hoàn thiện xong dự thảo Quy định.\nĐề nghị UBND các huyện cho ý kiến.", "Sở Y tế"),
    # the body advised drafts in its adviser's sentence: still the adviser speaking
    ("Sở Nội vụ tham mưu UBND tỉnh xây dựng dự thảo Quyết định. Sở Nội vụ đề nghị các sở góp ý.", "Sở Nội vụ"),
])
def test_drafting_body_speaks(text, issuer):
    assert extract_text(text).issuer == issuer


# --- past drafting told as background is nobody speaking ----------------------------------------------
def test_past_drafting_told_is_no_speaker():
    text = "Những năm qua, Sở Xây dựng đã xây dựng dự thảo nhiều quy chế về quản lý đô thị."
    assert extract_text(text).issuer is None


# --- a page title opening with a document type names the page's document -------------------------------
@pytest.mark.parametrize("text, doc_type, issuer", [
    ("Thông báo treo cờ Tổ quốc chào mừng Đại hội\nUBND xã An Hòa thông báo thời gian treo cờ như sau:",
     "Thông báo", "UBND xã An Hòa"),
    ("Thông báo về việc nghỉ Tết Nguyên đán\nUBND huyện Yên Lạc thông báo lịch nghỉ như sau:", "Thông báo", "UBND huyện Yên Lạc"),
    # the title names its author: the page is that document, not a citation of it
    ("Chỉ thị của Chủ tịch UBND tỉnh về việc tăng cường công tác dân vận.", "Chỉ thị", "Chủ tịch UBND tỉnh"),
    # a sentence opening with a type word is no title
    ("Thông báo của UBND tỉnh cho biết: các trường cho học sinh nghỉ học.", None, None),
])
def test_title_line_gives_the_type(text, doc_type, issuer):
    record = extract_text(text)
    assert (record.doc_type, record.issuer) == (doc_type, issuer)


def test_title_page_is_not_its_own_citation():
    record = extract_text("Chỉ thị của Chủ tịch UBND tỉnh về việc tăng cường công tác dân vận.")
    assert record.cited_documents == ()


# --- a title line opening with a numbered document: the page is that document ----------------------------
@pytest.mark.parametrize("text, number, date, cited", [
    ("Công văn số 512/SNV-TCBC ngày 12/3/2020 về việc xin ý kiến dự thảo Quy chế\n\nKính gửi:\n- Các sở, ban, ngành;\n"
     "- UBND các huyện.\nSở Nội vụ đề nghị các cơ quan góp ý dự thảo.", "512/SNV-TCBC", "2020-03-12", []),
    # a first line that cites the document in a sentence: a citation
    ("Thực hiện Công văn số 512/SNV-TCBC ngày 12/3/2020 của Sở Nội vụ, UBND huyện Yên Lạc đề nghị các xã góp ý.",
     None, None, ["512/SNV-TCBC"]),
])
def test_numbered_title_is_the_page(text, number, date, cited):
    record = extract_text(text)
    assert (record.number, record.date, [c.number for c in record.cited_documents]) == (number, date, cited)


# --- a headline opening with a type word over a page where nobody issues anything: no type -------------
def test_news_headline_gives_no_type():
    text = ("Thông báo kết quả kiểm tra đối với Ban Thường vụ Tỉnh ủy\n\n"
            "Chiều 19/11, Đoàn Kiểm tra của Bộ Chính trị đã có buổi làm việc tại tỉnh.")
    assert extract_text(text).doc_type is None


# --- a meeting told ("Sáng ngày ..., X tổ chức lấy ý kiến"): the body gathering comments is not speaking ---
@pytest.mark.parametrize("text, issuer", [
    ("Sáng ngày 15/9/2021, UBND huyện Yên Lạc tổ chức lấy ý kiến về quy hoạch. Phát biểu kết luận, "
     "Chủ tịch UBND huyện Yên Lạc yêu cầu các xã rà soát.", "Chủ tịch UBND huyện Yên Lạc"),
    ("Nay Sở Xây dựng tổ chức lấy ý kiến về dự thảo. Chủ tịch UBND huyện Yên Lạc yêu cầu các xã rà soát.",
     "Sở Xây dựng"),
])
def test_meeting_told_is_no_speaker(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "Tiểu Ban <lower-case words>": a name going on; the item after it stays on the "Căn cứ" list --------
@pytest.mark.parametrize("text, relations", [
    ("Căn cứ Kế hoạch số 01-KH/ĐU của Đảng ủy xã An Hòa về việc tổ chức Đại hội; Kế hoạch số 02-KH/TBTT của "
     "Tiểu Ban tuyên truyền và phục vụ Đại hội; Kế hoạch số 03/KH-UBND của UBND xã An Hòa về tổ chức kỷ niệm.",
     ["based_on", "based_on", "based_on"]),
    ("Thực hiện Kế hoạch số 01-KH/ĐU của Đảng ủy xã An Hòa; Kế hoạch số 02-KH/TBTT của Tiểu ban tuyên truyền và "
     "phục vụ Đại hội; Kế hoạch số 03/KH-UBND của UBND xã An Hòa.", ["implements", "implements", "implements"]),
])
def test_list_item_after_a_long_name(text, relations):
    assert [c.relation for c in extract_text(text).cited_documents] == relations


def test_subcommittee_name_goes_on():
    text = "Căn cứ Kế hoạch số 02-KH/TBTT ngày 14/7/2025 của Tiểu Ban tuyên truyền về tổ chức Đại hội."
    assert [c.issuer for c in extract_text(text).cited_documents] == ["Tiểu Ban tuyên truyền"]


def test_verb_inside_an_item_governs_no_later_item():
    text = ("Tỉnh ủy đã ban hành nhiều văn bản, như Kết luận số 80-KL/TW của Ban Bí thư về tiếp tục thực hiện "
            "Chỉ thị số 07-CT/TW, của Bộ Chính trị (khóa VIII) trong tình hình mới; Chỉ thị số 33-CT/TW của Ban Bí thư "
            "về tăng cường xây dựng tổ chức đảng.")
    relations = {c.number: c.relation for c in extract_text(text).cited_documents}
    assert relations["33-CT/TW"] != "implements"


# --- a portal's lines above the title (weekday, "Ngày đăng", "Xem với cỡ chữ") are no part of it -------------
@pytest.mark.parametrize("chrome", [
    "Thursday, 18/07/2024\nNgày đăng: 06/01/2021 - Lượt xem: 99\nXem với cỡ chữ\n\n",
    "Publish date 21/10/2024 | 13:53 | View Count: 182\n",
    "",
])
def test_portal_lines_above_the_title(chrome):
    text = chrome + "Thông báo lịch tiếp công dân năm 2021\n\nUBND huyện Yên Lạc thông báo lịch tiếp công dân như sau:"
    assert extract_text(text).doc_type == "Thông báo"
