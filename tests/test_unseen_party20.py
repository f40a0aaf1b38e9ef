"""Party documents and press reports about them from a twentieth set of unseen public pages (district and commune
committees' propaganda guides, congress plans, study of central resolutions; party portals' and papers' reports),
read blind: what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> dict[str, str | None]:
    return {c.number: c.issuer for c in extract_text(text).cited_documents}


# --- cited authors, one table per rule, one test ---------------------------------------------------------------------
# the executive committee of a quận's, a thị xã's or a commune's Đảng bộ is its Quận ủy / Thị ủy / Đảng ủy
_UNIT_COMMITTEES = [
    ("Thực hiện Kế hoạch số 25-KH/ĐU ngày 07/12/2023 của Ban Chấp hành Đảng bộ xã Ninh Hà; ngày 21/12/2023 Đảng ủy xã "
     "tổ chức Hội nghị quán triệt Nghị quyết.", "25-KH/ĐU", "Đảng ủy xã Ninh Hà"),
    ("Thực hiện Kế hoạch số 31-KH/ĐU ngày 07/12/2023 của Ban Chấp hành Đảng bộ phường An Lạc; ngày 21/12/2023 Đảng ủy "
     "phường tổ chức Hội nghị quán triệt Nghị quyết.", "31-KH/ĐU", "Đảng ủy phường An Lạc"),
    ("Ngày 13-10, Quận ủy tổ chức hội nghị triển khai thực hiện Chương trình 01-CTr/QU của Ban Chấp hành Đảng bộ quận "
     "về thực hiện Nghị quyết Đại hội.", "01-CTr/QU", "Quận ủy"),
    ("Ngày 13-10, Quận ủy tổ chức hội nghị triển khai thực hiện Chương trình 01-CTr/QU của Ban Chấp hành Đảng bộ quận "
     "Ba Đình về thực hiện Nghị quyết Đại hội.", "01-CTr/QU", "Quận ủy Ba Đình"),
    ("Ngày 13-10, Thị ủy tổ chức hội nghị triển khai thực hiện Chương trình 02-CTr/TxU của Ban Chấp hành Đảng bộ thị xã "
     "Sông Cầu về thực hiện Nghị quyết Đại hội.", "02-CTr/TxU", "Thị ủy Sông Cầu"),
    # the province's rule stays
    ("Thực hiện Nghị quyết số 05-NQ/TU ngày 2/3/2021 của Ban Chấp hành Đảng bộ tỉnh Ninh Thuận về phát triển du lịch, "
     "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tăng cường kiểm tra.", "05-NQ/TU", "Tỉnh ủy Ninh Thuận"),
]
# a cited author ends before "tổ chức <verb>": the subject written without "về"
_AUTHOR_BEFORE_VERB = [
    ("Thực hiện Kế hoạch số 126-KH/HU ngày 01/12/2023 của Huyện ủy Gia Lộc tổ chức nghiên cứu, học tập Nghị quyết Hội "
     "nghị Trung ương, Đảng ủy xã tổ chức hội nghị.", "126-KH/HU", "Huyện ủy Gia Lộc"),
    ("Thực hiện Kế hoạch số 12-KH/HU ngày 01/12/2023 của Huyện ủy Gia Lộc tổ chức quán triệt Chỉ thị của Bộ Chính trị, "
     "Đảng ủy xã tổ chức hội nghị.", "12-KH/HU", "Huyện ủy Gia Lộc"),
    ("Thực hiện Kế hoạch số 14-KH/HU ngày 01/12/2023 của Huyện ủy Gia Lộc tổ chức thực hiện Nghị quyết, Đảng ủy xã tổ "
     "chức hội nghị.", "14-KH/HU", "Huyện ủy Gia Lộc"),
    # "Ban Tổ chức" keeps its capital word
    ("Thực hiện Hướng dẫn số 31-HD/BTCTW ngày 23/4/2025 của Ban Tổ chức Trung ương về thành lập đảng bộ xã, Ban Thường "
     "vụ Tỉnh ủy yêu cầu các huyện ủy khẩn trương thực hiện.", "31-HD/BTCTW", "Ban Tổ chức Trung ương"),
]


@pytest.mark.parametrize("text, number, issuer", _UNIT_COMMITTEES + _AUTHOR_BEFORE_VERB)
def test_cited_author(text, number, issuer):
    assert _cited(text)[number] == issuer


# --- a portal's clock above the page is no date line, even over an upper-case site line ---------------------------------
@pytest.mark.parametrize("clock", [
    "Hôm nay, ngày 15 tháng 12 năm 2018",
    "Thứ Tư, ngày 08 tháng 4 năm 2015",
    "Chủ nhật, ngày 24 tháng 11 năm 2024",
])
def test_portal_clock_is_no_date_line(clock):
    text = (f"{clock}\nCỡ chữ: A+ A-\nHUYỆN ỦY HÒA AN | VĂN KIỆN, TƯ LIỆU\n\n"
            "Ban Tuyên giáo Huyện ủy ban hành Công văn số 07-CV/BTGHU về việc tuyên truyền các ngày lễ lớn.\n")
    rec = extract_text(text)
    assert (rec.date, rec.place) == (None, None)
    assert rec.number == "07-CV/BTGHU"


def test_date_line_of_a_header_is_still_read():
    text = ("HUYỆN ỦY HÒA AN\n*\nSố 07-CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nHòa An, ngày 11 tháng 9 năm 2020\n\n"
            "Kính gửi: Các chi bộ, đảng bộ trực thuộc\n")
    rec = extract_text(text)
    assert (rec.date, rec.place) == ("2020-09-11", "Hòa An")


# --- "<body> hướng dẫn ... như sau:" after the cited guide of the level above, on the same line ---------------------------
@pytest.mark.parametrize("text, doc_type, issuer", [
    ("Thực hiện Hướng dẫn số 52-HD/BTGTU, ngày 02/02/2018 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền kỷ niệm các ngày lễ "
     "lớn, Ban Tuyên giáo Huyện ủy hướng dẫn nội dung, hình thức tuyên truyền như sau:\n\nI- MỤC ĐÍCH, YÊU CẦU:\n",
     "Hướng dẫn", "Ban Tuyên giáo Huyện ủy"),
    ("Hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn năm 2018\n\nThực hiện Hướng dẫn số 52-HD/BTGTU, ngày 02/02/2018 của "
     "Ban Tuyên giáo Tỉnh ủy, Ban Tuyên giáo Huyện ủy hướng dẫn nội dung tuyên truyền như sau:\n\nI- MỤC ĐÍCH, YÊU CẦU:\n",
     "Hướng dẫn", "Ban Tuyên giáo Huyện ủy"),
    # the layout already read: the body opening the line
    ("Ban Tuyên giáo Trung ương hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn trong năm 2019 như sau:\n\nI. MỤC ĐÍCH\n",
     "Hướng dẫn", "Ban Tuyên giáo Trung ương"),
])
def test_enacting_line_after_cited_guide(text, doc_type, issuer):
    rec = extract_text(text)
    assert (rec.doc_type, rec.issuer) == (doc_type, issuer)


# --- ", cụ thể:" announces a plan's content as "như sau:" does, and ends its subject -------------------------------------
@pytest.mark.parametrize("text, subject", [
    ("Thực hiện Nghị quyết số 05-NQ/TU ngày 15 tháng 9 năm 2021 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy xây "
     "dựng Kế hoạch củng cố hệ thống chính trị cơ sở, cụ thể:\n\nI. NHẬN ĐỊNH TÌNH HÌNH\n", "củng cố hệ thống chính trị cơ sở"),
    # "cụ thể" inside the subject stays
    ("Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch về một số nhiệm vụ cụ thể năm 2024 như sau:\n\nI. MỤC ĐÍCH\n",
     "về một số nhiệm vụ cụ thể năm 2024"),
])
def test_plan_content_cue(text, subject):
    rec = extract_text(text)
    assert (rec.doc_type, rec.issuer, rec.subject) == ("Kế hoạch", "Tỉnh ủy", subject)


# --- a list item closed by its quoted subject: the items after ";" keep the list's verb ----------------------------------
@pytest.mark.parametrize("text", [
    "Ngày 13-10, Quận ủy Ba Đình tổ chức hội nghị học tập, quán triệt và triển khai thực hiện Nghị quyết số 119/2020/QH14 "
    "của Quốc hội “về thí điểm tổ chức mô hình chính quyền đô thị”; Chỉ thị số 41-CT/TU của Ban Thường vụ Thành ủy về lãnh "
    "đạo triển khai; Hướng dẫn số 01-HD/QU của Ban Thường vụ Quận ủy về thảo luận.",
    "Ngày 13-10, Quận ủy Ba Đình tổ chức hội nghị học tập, quán triệt và triển khai thực hiện Nghị quyết số 119/2020/QH14 "
    "của Quốc hội về thí điểm tổ chức mô hình chính quyền đô thị; Chỉ thị số 41-CT/TU của Ban Thường vụ Thành ủy về lãnh "
    "đạo triển khai; Hướng dẫn số 01-HD/QU của Ban Thường vụ Quận ủy về thảo luận.",
])
def test_list_after_quoted_subject_keeps_verb(text):
    assert {c.number: c.relation for c in extract_text(text).cited_documents} == {
        "119/2020/QH14": "implements", "41-CT/TU": "implements", "01-HD/QU": "implements"}


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [tuple(a.bodies) for a in extract_text(text).assignments]


_PLAN = "Ngày 5/9/2019, Huyện ủy Hòa An ban hành Kế hoạch số 155-KH/HU về chuẩn bị đại hội.\n\n"


# --- "Theo kế hoạch, X tiến hành ...": the plan's content, asked of X (on a page of no document too) -------------------
@pytest.mark.parametrize("text, tasks", [
    (_PLAN + "Theo kế hoạch, Đảng bộ xã Vĩnh Lợi tiến hành đại hội điểm để rút kinh nghiệm.", [("Đảng bộ xã Vĩnh Lợi",)]),
    ("Theo kế hoạch, Đảng bộ xã Vĩnh Lợi và Chi bộ Trung tâm Văn hóa tiến hành đại hội điểm.",
     [("Đảng bộ xã Vĩnh Lợi", "Chi bộ Trung tâm Văn hóa")]),
    # told, not asked, on a page of no document
    ("Đảng bộ xã Vĩnh Lợi tiến hành đại hội điểm để rút kinh nghiệm.", []),
])
def test_plan_content_lead(text, tasks):
    assert _tasks(text) == tasks


# --- "Hội nghị do X tổ chức": a plan's item is X's task; on a page of no document the event is told ---------------------
@pytest.mark.parametrize("text, tasks", [
    ("Ngày 5/12/2020, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU về học tập Nghị quyết.\n\nCấp tỉnh: Tổ chức 2 hội "
     "nghị: Hội nghị do Ban Thường vụ Tỉnh ủy tổ chức. Hội nghị do Liên đoàn Lao động tỉnh tổ chức. Thời gian 1 buổi.",
     [("Liên đoàn Lao động tỉnh",)]),
    ("Ngày 5/12/2020, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU về học tập Nghị quyết.\n\nLớp bồi dưỡng do "
     "Trung tâm Chính trị huyện chủ trì. Thời gian 2 ngày.", [("Trung tâm Chính trị huyện",)]),
    # the issuer holding its own meeting is no task
    ("Ngày 5/12/2020, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU về học tập Nghị quyết.\n\nHội nghị do Ban "
     "Thường vụ Tỉnh ủy tổ chức. Thời gian 1 ngày.", []),
    # a meeting told by the press
    ("Sáng 5/12, hội nghị do Liên đoàn Lao động tỉnh tổ chức đã diễn ra tại hội trường.", []),
    ("Hội nghị do Liên đoàn Lao động tỉnh tổ chức. Thời gian 1 buổi.", []),
])
def test_agent_of_plan_item(text, tasks):
    assert _tasks(text) == tasks


# --- a PDF's font map in a header: "VĂN PHỊNG" is VĂN PHÒNG (header_markers ocr_fix) -------------------------------------
def test_office_header_with_font_map_glitch():
    text = ("TỈNH ỦY BÌNH PHƯỚC\nVĂN PHỊNG\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Phước, ngày 10 tháng 12 năm 2020\n\n"
            "BẢNG SO SÁNH\nNội dung dự thảo Quy chế làm việc\n----Kính gửi: Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy.\n")
    rec = extract_text(text)
    assert (rec.issuer, rec.parent_body, rec.place) == ("Văn phòng Tỉnh ủy Bình Phước", "Tỉnh ủy Bình Phước", "Bình Phước")


# --- a note in brackets on its own line under a sentence-case trích yếu does not hide it ----------------------------------
@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_trich_yeu_over_bracketed_note(between):
    lines = ["ĐẢNG BỘ TỈNH NAM ĐỊNH", "HUYỆN ỦY NAM TRỰC", "*", "Số 12-CTr/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
             "Nam Trực, ngày 21 tháng 7 năm 2021", "CHƯƠNG TRÌNH",
             "Quy hoạch xây dựng, phát triển đô thị - hạ tầng kỹ thuật, bảo vệ và",
             "cải thiện môi trường trên địa bàn huyện giai đoạn 2021 - 2025", "(Gọi tắt là Chương trình 04)",
             "Thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIV, Ban Chấp hành Đảng bộ huyện xây dựng chương trình như sau:"]
    rec = extract_text(between.join(lines) + "\n")
    assert (rec.doc_type, rec.number, rec.issuer) == ("Chương trình", "12-CTr/HU", "Huyện ủy Nam Trực")
    assert rec.subject.startswith("Quy hoạch xây dựng, phát triển đô thị - hạ tầng kỹ thuật, bảo vệ và cải thiện môi "
                                  "trường trên địa bàn huyện giai đoạn 2021 - 2025")


# --- "Ban hành quyết định kiểm tra ...": an act in a report's list (no actor, no number) is no document of the page ----------
@pytest.mark.parametrize("text, doc_type", [
    ("Thi hành kỷ luật 6 đảng viên. Ban hành quyết định kiểm tra dấu hiệu vi phạm đối với 8 tổ chức đảng, gồm: Đảng ủy "
     "Sở Y tế, Đảng ủy Bệnh viện Đa khoa tỉnh.", None),
    # an actor, or a number: the page's document
    ("UBND tỉnh vừa ban hành quyết định thành lập Ban Chỉ đạo phòng chống dịch của tỉnh.", "Quyết định"),
    ("Ban hành Quyết định số 12-QĐ/TU ngày 5/3/2021 thành lập Ban Chỉ đạo.", "Quyết định"),
])
def test_act_in_report_list(text, doc_type):
    assert extract_text(text).doc_type == doc_type


# --- persons listed after the bodies asked ("các đồng chí báo cáo viên ...") are no bodies and do not hide them -----------
@pytest.mark.parametrize("text, tasks", [
    ("Lãnh đạo Đảng ủy Khối các cơ quan tỉnh đề nghị cấp ủy các chi bộ, đảng bộ cơ sở trực thuộc, các đồng chí báo cáo viên "
     "và cộng tác viên dư luận xã hội của Đảng bộ Khối tuyên truyền kết quả Hội nghị.",
     [("cấp ủy các chi bộ, đảng bộ cơ sở trực thuộc",)]),
    ("Ban Thường vụ Huyện ủy đề nghị Ban Tuyên giáo Huyện ủy, các đồng chí báo cáo viên cấp huyện tuyên truyền kết quả "
     "Hội nghị.", [("Ban Tuyên giáo Huyện ủy",)]),
])
def test_persons_after_bodies(text, tasks):
    assert _tasks(text) == tasks
