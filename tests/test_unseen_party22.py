"""Party documents and press reports about them from a twenty-second set of unseen public pages (guidance of a
province's propaganda board, a province's action programme after its 2025 congress, anniversaries, the 2026
election, inspection reports, reorganisation decisions), read blind: what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> dict[str, str | None]:
    return {c.number or c.text: c.issuer for c in extract_text(text).cited_documents}


# --- a number's symbol stops at "của" glued to it; the cut-off last line of a meeting report names no page document ---
@pytest.mark.parametrize("text, number, issuer", [
    ("Ban chỉ đạo 35 của tỉnh tổ chức hội nghị triển khai nhiệm vụ.\n\nĐồng chí Lê Văn Tám yêu cầu các cấp, ngành tiếp "
     "tục quán triệt các nghị quyết.\n\nNghị quyết 35-NQ/TWcủa Bộ chính trị đ", "35-NQ/TW", "Bộ Chính trị"),
    ("Ban chỉ đạo 35 của tỉnh tổ chức hội nghị triển khai nhiệm vụ.\n\nNghị quyết 35-NQ/TW của Bộ Chính trị x",
     "35-NQ/TW", "Bộ Chính trị"),
    ("Hội nghị đã thống nhất các nhiệm vụ.\n\nChỉ thị 12-CT/TWngày 5/6/2024 của Ban Bí thư về công tác dân v",
     "12-CT/TW", "Ban Bí thư"),
])
def test_cut_off_last_line_is_cited(text, number, issuer):
    record = extract_text(text)
    assert record.doc_type is None and record.number is None
    assert [(c.number, c.issuer) for c in record.cited_documents] == [(number, issuer)]


def test_title_line_still_names_the_page():
    # a title on the page's first line is the page's own document, cut off or not
    record = extract_text("Chỉ thị 12-CT/TU của Ban Thường vụ Tỉnh ủy về công tác dân vận\n\nNội dung Chỉ thị như sau:")
    assert (record.doc_type, record.number) == ("Chỉ thị", "12-CT/TU")


# --- background: a detail of a report told before, the congress as the time of a past act, the next step told ----------
@pytest.mark.parametrize("text, number", [
    ("Qua kiểm tra đã kết luận 12 tổ chức đảng có vi phạm. Đây là nội dung nêu tại báo cáo của Thành ủy Hòa An.\n\n"
     "Cụ thể, trong vụ việc ở xã Đông Hòa, Huyện ủy Tân Lạc đã ra Thông báo số 15-TB/HU kết luận kiểm tra.", "15-TB/HU"),
    ("Đại hội XIV của Đảng đã thành công tốt đẹp. Ngay sau Đại hội, Bộ Chính trị đã ban hành Chỉ thị số 01-CT/TW ngày "
     "23/01/2026 về học tập, quán triệt Nghị quyết Đại hội.", "01-CT/TW"),
    ("Tiếp đó, UBND thành phố Hòa An cũng ban hành Kế hoạch số 14/KH-UBND, triển khai tổ chức lễ kỷ niệm.", "14/KH-UBND"),
])
def test_background_document_is_cited(text, number):
    record = extract_text(text)
    assert record.number is None and number in _cited(text)


# --- an issue told as past ("đã"), two paragraphs into a report of an event, is background: no page document, no speaker
PARAGRAPHS = ("Lễ kỷ niệm 90 năm Ngày thành lập Đảng sẽ được tổ chức trang trọng tại Trung tâm Hội nghị quốc gia.\n"
              "Kỷ niệm 90 năm Ngày thành lập Đảng nhằm giáo dục truyền thống yêu nước, tăng cường khối đại đoàn kết.\n")


@pytest.mark.parametrize("text, issuer, cited", [
    (PARAGRAPHS + "Để chuẩn bị cho sự kiện này, Thành ủy Hòa An đã ban hành Đề án số 27-ĐA/TU về tổ chức lễ kỷ niệm.",
     None, {"27-ĐA/TU": "Thành ủy Hòa An"}),
    (PARAGRAPHS + "Cũng theo báo cáo, Thành ủy Hòa An đã chỉ đạo Ủy ban Kiểm tra các cấp tổ chức thực hiện quyết liệt.",
     None, {}),
    # "vừa": the news, wherever it is told
    (PARAGRAPHS + "Để chuẩn bị cho sự kiện này, Thành ủy Hòa An vừa ban hành Đề án số 27-ĐA/TU về tổ chức lễ kỷ niệm.",
     "Thành ủy Hòa An", {}),
    # the first paragraph's sentence after a context sentence: the news (shared corpus party_004)
    ("Dịch bệnh diễn biến phức tạp, khó lường. Thực hiện Công điện ngày 28/7/2020 của Thường trực Ban Bí thư, Ban "
     "Thường vụ Đảng ủy Khối đã ban hành Công văn số 58-CV/ĐUK về việc tăng cường phòng, chống dịch.",
     "Đảng ủy Khối", {"Công điện ngày 28/7/2020 của Thường trực Ban Bí thư": "Thường trực Ban Bí thư"}),
])
def test_past_issue_deep_in_a_report(text, issuer, cited):
    record = extract_text(text)
    assert record.issuer == issuer
    assert _cited(text) == cited


# --- a portal's row of topics separated by stars is no organ line -------------------------------------------------------
def test_star_separated_topics_are_no_header():
    text = ("DÒNG SỰ KIỆN. * GÓP Ý DỰ THẢO VĂN KIỆN ĐẠI HỘI ĐẢNG BỘ TỈNH * ĐẠI HỘI ĐẢNG BỘ CÁC CẤP * ĐẠI DỊCH COVID-19\n\n"
            "Lễ kỷ niệm sẽ diễn ra trang trọng\n\nNgày 3/2/2020, lễ kỷ niệm được tổ chức tại Nhà hát tỉnh.")
    record = extract_text(text)
    assert record.issuer is None and record.text_kind != "ORIG"


# --- a list's later items in small letters after a document in capitals are cited with their authors -------------------
def test_small_letter_list_items_cited():
    text = ("Các đại biểu nghe trình bày các văn bản, gồm: Chỉ thị của Bộ Chính trị về lãnh đạo cuộc bầu cử; chỉ thị "
            "của Thủ tướng Chính phủ về tổ chức cuộc bầu cử; kế hoạch của Ủy ban bầu cử tỉnh về công tác bầu cử.")
    cited = {c.doc_type: c.issuer for c in extract_text(text).cited_documents if c.text[:1].islower()}
    assert cited == {"Chỉ thị": "Thủ tướng Chính phủ", "Kế hoạch": "Ủy ban bầu cử tỉnh"}


def test_small_letter_item_needs_a_cited_head():
    # no document in capitals heads the list: a task's words, nothing cited
    text = "Các địa phương chuẩn bị tốt các điều kiện; kế hoạch của cấp ủy phải được triển khai kịp thời."
    assert not extract_text(text).cited_documents


# --- the author before the issue verb, "cũng" left out; a code names the national election council ----------------------
@pytest.mark.parametrize("text, number, issuer", [
    ("Trước đó, UBND tỉnh Hòa An cũng ban hành Kế hoạch số 14/KH-UBND về lễ kỷ niệm.", "14/KH-UBND", "UBND tỉnh Hòa An"),
    ("Văn phòng Quốc hội cho biết, thực hiện Kế hoạch số 49/KH-HĐBCQG, hội nghị sẽ được tổ chức.", "49/KH-HĐBCQG",
     "Hội đồng bầu cử quốc gia"),
])
def test_citation_author(text, number, issuer):
    assert _cited(text)[number] == issuer


# --- the subject of an action programme is the act on the document it implements, its author named before -------------
@pytest.mark.parametrize("text, subject", [
    ("Chủ tịch UBND tỉnh Lê Văn Tám vừa ký ban hành Chương trình hành động của tỉnh thực hiện Nghị quyết số 66-NQ/TW "
     "ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng pháp luật.",
     "thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng pháp luật"),
    ("Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh Hòa An thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh "
     "lần thứ I, nhiệm kỳ 2025 - 2030\nSáng 23-9, tại Đại hội, các đại biểu đã biểu quyết thông qua Chương trình hành "
     "động.\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nBan Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động, cụ thể như sau:",
     "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030"),
    # "về" right after the author: the subject as before
    ("Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành động của Tỉnh ủy về chuyển đổi số.", "về chuyển đổi số"),
])
def test_programme_subject(text, subject):
    assert extract_text(text).subject == subject


# --- a portal's menu (a body's line, then another line) is no organ speaking; the page's own guidance is read ----------
def test_menu_lines_speak_not():
    text = ("Liên kết website\n\nĐảng bộ tỉnh Hòa An\nSàn giao dịch điện tử tỉnh Hòa An\nCông báo tỉnh\n\n"
            "HƯỚNG DẪN\n\nTuyên truyền cuộc bầu cử đại biểu Quốc hội\n\n"
            "Thực hiện Hướng dẫn số 169-HD/BTGTW ngày 20/01/2021 của Ban Tuyên giáo Trung ương về tuyên truyền bầu cử, "
            "Ban Tuyên giáo Tỉnh ủy hướng dẫn công tác tuyên truyền như sau:\nI. MỤC ĐÍCH, YÊU CẦU")
    record = extract_text(text)
    assert (record.doc_type, record.issuer) == ("Hướng dẫn", "Ban Tuyên giáo Tỉnh ủy")
    # the type alone in capitals, its trích yếu on the lines under it
    assert record.subject == "Tuyên truyền cuộc bầu cử đại biểu Quốc hội"


def test_type_line_subject_needs_a_title_block():
    # the lines under the type are the body's sentences: no trích yếu
    text = ("HƯỚNG DẪN\n\nCác cấp ủy tổ chức tuyên truyền sâu rộng.\n\nBan Tuyên giáo Tỉnh ủy hướng dẫn công tác tuyên "
            "truyền như sau:\nI. MỤC ĐÍCH, YÊU CẦU")
    assert extract_text(text).subject is None


def test_wrapped_body_name_still_speaks():
    # a name wrapped over two lines, its verb on the second: one body speaking
    text = "Ngày 5/3/2021, Ban Thường vụ\nTỉnh ủy Hòa An yêu cầu các huyện ủy tăng cường phòng, chống dịch."
    assert extract_text(text).issuer == "Tỉnh ủy Hòa An"


# --- a count before a type is a class, no document; a bare mention said again with its subject is one document ---------
@pytest.mark.parametrize("text, cited", [
    ("Tổng Bí thư phát biểu tại Hội nghị quán triệt, triển khai thực hiện 4 Nghị quyết của Bộ Chính trị do Bộ Chính trị, "
     "Ban Bí thư tổ chức.", {}),
    # an article's number before a document is no count
    ("Thi hành Điều 2 Quyết định của Ban Thường vụ Tỉnh ủy về thành lập Ban Chỉ đạo, Ban Chỉ đạo ban hành Quy chế.",
     {"Quyết định": "Ban Thường vụ Tỉnh ủy"}),
    # a page's view count on the line above its title counts nothing
    ("- Lượt xem:\n46\nThông báo kết luận của Ban Thường vụ Tỉnh ủy về công tác cán bộ\n\nNgày 5/3, Ban Thường vụ họp.",
     None),
])
def test_count_before_type(text, cited):
    record = extract_text(text)
    if cited is None:
        assert record.doc_type == "Thông báo"
    else:
        assert {c.doc_type: c.issuer for c in record.cited_documents} == cited


def test_bare_mention_told_again_with_subject():
    text = ("Hội đồng bầu cử quốc gia tổ chức hội nghị quán triệt Chỉ thị của Bộ Chính trị, triển khai công tác bầu cử. "
            "Các đại biểu nghe trình bày các văn bản: Chỉ thị của Bộ Chính trị về lãnh đạo cuộc bầu cử; Chỉ thị của Thủ "
            "tướng về tổ chức cuộc bầu cử.")
    cited = [(c.issuer, c.subject) for c in extract_text(text).cited_documents]
    assert cited == [("Bộ Chính trị", "về lãnh đạo cuộc bầu cử"), ("Thủ tướng Chính phủ", "về tổ chức cuộc bầu cử")]


# --- on a page of no document, a body's own work told after a clause of time is told, no task ----------------------------
@pytest.mark.parametrize("text, bodies", [
    ("Trong 7 tháng đầu năm, Ủy ban Kiểm tra Huyện ủy đã kiểm tra 2 đảng viên.\n\nNhững tháng còn lại của năm, Ủy ban "
     "Kiểm tra Huyện ủy tham mưu Ban Thường vụ Huyện ủy thực hiện chương trình kiểm tra, giám sát.", []),
    # a request after the clause still asks
    ("Những tháng còn lại của năm, Ủy ban Kiểm tra Huyện ủy cần tham mưu Ban Thường vụ Huyện ủy thực hiện chương trình "
     "kiểm tra, giám sát.", [("Ủy ban Kiểm tra Huyện ủy",)]),
])
def test_told_after_time_clause(text, bodies):
    assert [tuple(a.bodies) for a in extract_text(text).assignments] == bodies
