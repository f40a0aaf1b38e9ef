"""State documents from a fifth set of unseen public pages: what they taught us.

Every sentence is written for the test (names, numbers, provinces made up), modelled on the
layouts and phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple]:
    return [a.bodies for a in extract_text(text).assignments]


# --- "... có văn bản gửi X đề nghị <việc>": the request names no one, X (sent the letter) is asked ---
@pytest.mark.parametrize("text, expected", [
    ("Bộ Xây dựng vừa có văn bản gửi Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương đề nghị "
     "rà soát các chung cư cũ.", [("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",)]),
    ("Ngày 9/5, Bộ Công Thương có Công văn số 812/BCT-TTTN gửi các Sở Công Thương yêu cầu theo dõi sát giá phân bón.",
     [("các Sở Công Thương",)]),
    ("Bộ Nội vụ vừa có công điện gửi Ủy ban nhân dân các tỉnh, thành phố quan tâm chỉ đạo kiểm tra việc tuyển dụng.",
     [("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",)]),
    # a class of schools or hospitals is a class of bodies like "các sở"
    ("Sở Giáo dục vừa có văn bản gửi Hiệu trưởng các trường trung học phổ thông yêu cầu rà soát chương trình.",
     [("các trường trung học phổ thông",)]),
])
def test_the_bodies_a_letter_is_sent_to_are_asked(text, expected):
    assert _tasks(text) == expected


def test_a_report_sent_on_is_no_letter():
    # no letter is sent: "gửi" belongs to the task of the sentence's own subject
    text = "Văn phòng UBND huyện có trách nhiệm tổng hợp báo cáo của các xã gửi Văn phòng UBND tỉnh, để phối hợp xử lý."
    assert _tasks(text) == [("Văn phòng UBND huyện",)]


@pytest.mark.parametrize("text", [
    # a list after "gửi:" with no request verb: the addressees, no task
    "Văn phòng Chính phủ vừa có Công văn số 77/VPCP-KTTH gửi: Bộ trưởng các Bộ; Thành viên Hội đồng điều phối vùng.",
    # "gửi X về việc ...": a subject follows the addressees
    "Tỉnh ủy vừa có Công văn số 92-CV/TU gửi các huyện ủy về việc tổ chức đại hội chi bộ.",
])
def test_a_send_without_a_request_is_no_task(text):
    assert _tasks(text) == []


# --- the press recipients: a name with "và" in it, and the list stops at the request --------------
@pytest.mark.parametrize("text, expected", [
    ("Bộ Giáo dục và Đào tạo có công văn gửi các Sở Giáo dục và Đào tạo yêu cầu hoàn thành chương trình học kỳ.",
     ("các Sở Giáo dục và Đào tạo",)),
    ("Bộ Y tế vừa có công điện gửi Ủy ban nhân dân các tỉnh quan tâm chỉ đạo phòng bệnh sởi.",
     ("Ủy ban nhân dân các tỉnh",)),
    ("Bộ Tài chính vừa có văn bản gửi Sở Tài chính và Kho bạc Nhà nước các tỉnh về việc khóa sổ kế toán.",
     ("Sở Tài chính", "Kho bạc Nhà nước các tỉnh")),
])
def test_press_recipients(text, expected):
    assert extract_text(text).recipients == expected


# --- the page's own document named by a portal's source note or link ------------------------------
@pytest.mark.parametrize("text, expected", [
    # a source note closing the excerpt, the type written in it
    ("UBND tỉnh có ý kiến như sau:\nGiao Sở Xây dựng chủ trì rà soát hồ sơ; hoàn thành trước ngày 5/6/2022./.\n"
     "(Theo Công văn số 2741/UBND-CN, ngày 20/5/2022)\n", ("Công văn", "2741/UBND-CN", "2022-05-20")),
    # a source note closing the page's title line, under the portal's menu words
    ("Bỏ qua nội dung\n\nVề việc kiểm tra an toàn hồ đập (1207/VP-KT, ngày 3/8/2019).\n\n"
     "Giao Sở Nông nghiệp và Phát triển nông thôn kiểm tra các hồ chứa.\n", ("Công văn", "1207/VP-KT", "2019-08-03")),
    # the portal's link after the last sentence, the reporter's name under it
    ("Ủy ban nhân dân huyện yêu cầu các xã thực hiện tốt nội dung sau: 52/UBND-VP ngày 4/3/2022\n\nTrần Thị Mai\n",
     ("Công văn", "52/UBND-VP", "2022-03-04")),
])
def test_source_note_names_the_page_document(text, expected):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date) == expected
    assert expected[1] not in [c.number for c in r.cited_documents]


def test_a_cited_document_in_brackets_mid_text_is_no_source_note():
    text = ("Sở Y tế đề nghị các bệnh viện thực hiện nghiêm quy định (Công văn số 88/SYT-NV, ngày 2/3/2021) "
            "và báo cáo kết quả trước ngày 30/3/2021.\n\nNguyễn Văn An\n")
    assert extract_text(text).number is None


# --- a photo's caption on its own line does not hide the request under it ------------------------
@pytest.mark.parametrize("text, expected", [
    ("Sở Y tế ban hành Công văn số 71/SYT-NV về phòng bệnh sởi.\nẢnh minh họa\n"
     "Đề nghị Trung tâm Y tế các huyện rà soát tiêm chủng.", [("Trung tâm Y tế các huyện",)]),
    ("Sở Y tế ban hành Công văn số 71/SYT-NV về phòng bệnh sởi.\nẢnh: Hoàng Lan\n"
     "Giao Trung tâm Kiểm soát bệnh tật tỉnh theo dõi ca bệnh.", [("Trung tâm Kiểm soát bệnh tật tỉnh",)]),
])
def test_caption_line_over_a_request(text, expected):
    assert _tasks(text) == expected


# --- a sector's abbreviation inside a class of bodies is spelled out --------------------------------
def test_sector_abbreviation_in_a_class_is_spelled_out():
    text = "Sở GDĐT đề nghị các phòng GDĐT huyện, thị xã tổ chức kiểm tra cơ sở vật chất trước năm học."
    assert _tasks(text) == [("các phòng Giáo dục và Đào tạo huyện, thị xã",)]


# --- steering and command bodies issuing in press wording ------------------------------------------
@pytest.mark.parametrize("text, issuer, level", [
    # a local command body for disasters, its abbreviation glossed in brackets, place not written
    ("Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn (PCTT&TKCN) huyện ban hành Công văn số 15/BCH-VP "
     "về việc ứng phó mưa lũ.", "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn huyện", "district"),
    # the central steering body's standing office: the comma inside "phòng, chống" is part of the name
    ("Ngày 4/9, Văn phòng thường trực Ban Chỉ đạo Quốc gia về phòng, chống thiên tai ban hành văn bản số 61/VPTT "
     "gửi các tỉnh ven biển về việc ứng phó bão.",
     "Văn phòng thường trực Ban Chỉ đạo Quốc gia về phòng, chống thiên tai", "central"),
])
def test_steering_bodies_issue(text, issuer, level):
    r = extract_text(text)
    assert (r.issuer, r.issuer_level) == (issuer, level)


def _cited(text: str) -> list[tuple]:
    return [(c.doc_type, c.number, c.date, c.issuer, c.relation) for c in extract_text(text).cited_documents]


# --- "Căn cứ các Quyết định: số A ...; số B ...": a plural head without its author types each item ---
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ các Quyết định: số 18/2012/QĐ-TTg ngày 02/4/2012 của Thủ tướng Chính phủ về quy hoạch cảng cá; "
     "số 70/QĐ-TTg ngày 11/01/2015 của Thủ tướng Chính phủ phê duyệt đề án;",
     [("Quyết định", "18/2012/QĐ-TTg", "2012-04-02", "Thủ tướng Chính phủ", "based_on"),
      ("Quyết định", "70/QĐ-TTg", "2015-01-11", "Thủ tướng Chính phủ", "based_on")]),
    ("Căn cứ các Thông tư: số 05/2014/TT-BXD ngày 9/5/2014 của Bộ Xây dựng hướng dẫn thi hành Nghị định số "
     "59/2013/NĐ-CP ngày 12/6/2013 của Chính phủ; số 11/2016/TT-BXD ngày 3/6/2016 của Bộ Xây dựng;",
     [("Thông tư", "05/2014/TT-BXD", "2014-05-09", "Bộ Xây dựng", "based_on"),
      ("Thông tư", "11/2016/TT-BXD", "2016-06-03", "Bộ Xây dựng", "based_on")]),
])
def test_plural_head_without_author(text, expected):
    assert [c for c in _cited(text) if c[4] != "cited_by_cited"] == expected


# --- a law's title goes on over "và" before a capital that starts no other document -------------------
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;", [("Luật", None, "2003-11-26", None, "based_on")]),
    ("Căn cứ Luật Tiêu chuẩn và Quy chuẩn kỹ thuật ngày 29 tháng 6 năm 2006;", [("Luật", None, "2006-06-29", None, "based_on")]),
    # ... and stops before one that does
    ("Căn cứ Luật Đê điều và Nghị định số 113/2007/NĐ-CP ngày 28/6/2007 của Chính phủ;",
     [("Luật", None, None, None, "based_on"), ("Nghị định", "113/2007/NĐ-CP", "2007-06-28", "Chính phủ", "based_on")]),
])
def test_law_title_over_and(text, expected):
    assert _cited(text) == expected


# --- a cited subject wrapped onto a line that goes on in lower case (PDF text) ---------------------
@pytest.mark.parametrize("text, subject", [
    ("Căn cứ Nghị quyết số 41/2019/NQ-HĐND ngày 10/12/2019 của HĐND tỉnh về kế hoạch phát triển kinh tế -\n"
     "xã hội năm 2020;", "về kế hoạch phát triển kinh tế - xã hội năm 2020"),
    ("Thực hiện Chỉ thị số 31/CT-TTg ngày 2/8/2022 của Thủ tướng Chính phủ về tăng cường công tác\n"
     "phòng cháy rừng;", "về tăng cường công tác phòng cháy rừng"),
    # a line starting with a capital ends it
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 3/1/2020 của UBND tỉnh về quy chế làm việc\nỦy ban nhân dân tỉnh quyết định:",
     "về quy chế làm việc"),
])
def test_cited_subject_over_a_wrapped_line(text, subject):
    assert [c.subject for c in extract_text(text).cited_documents] == [subject]


# --- a post over one class of bodies written without "các" -------------------------------------------
def test_post_over_a_class_without_plural():
    text = ("Chủ tịch UBND huyện yêu cầu Thủ trưởng cơ quan, ban, ngành, đoàn thể cấp huyện, Chủ tịch UBND các xã, "
            "thị trấn rà soát danh sách hộ nghèo.")
    assert _tasks(text) == [("cơ quan, ban, ngành, đoàn thể cấp huyện", "UBND các xã, thị trấn")]


# --- a district letter in a flattened table: the background clause, the items, the "trực thuộc" class ---
_QUAN = ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM |\nSố: 318/UBND-VX |\nQuận 5, ngày 2 tháng 6 năm 2021 |\n"
         "Kính gửi: |\n- Thủ trưởng các cơ quan, đơn vị thuộc quận; |\n"
         "Trước tình hình sốt xuất huyết gia tăng trong mùa mưa; Ủy ban nhân dân Quận 5 yêu cầu Thủ trưởng các "
         "cơ quan, đơn vị trực thuộc và Chủ tịch Ủy ban nhân dân 14 Phường thực hiện các nội dung sau:\n"
         "1. Tổ chức diệt lăng quăng tại cơ quan, đơn vị.\n"
         "2. Trưởng Phòng Y tế chịu trách nhiệm tổng hợp kết quả hằng tuần.\n")


def test_district_letter_in_a_flattened_table():
    r = extract_text(_QUAN)
    assert (r.issuer, r.date) == ("Ủy ban nhân dân quận 5", "2021-06-02")
    assert [a.bodies for a in r.assignments] == [
        ("các cơ quan, đơn vị trực thuộc Ủy ban nhân dân quận 5", "Ủy ban nhân dân 14 Phường"),
        ("Phòng Y tế Quận 5",)]   # the place as the admin lists spell it


def test_background_then_a_class_of_addressees_is_no_subject():
    text = "Trước tình hình đó, các cấp, các ngành trong tỉnh phải coi phòng dịch là nhiệm vụ cấp bách."
    assert _tasks(text) == []


# --- review reports cited by a council or a Sở; a list shares its author only when the symbols agree ---
@pytest.mark.parametrize("text, expected", [
    ("Xét Tờ trình số 45/TTr-UBND ngày 2 tháng 7 năm 2021 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra số 31/BC-HĐND "
     "ngày 8 tháng 7 năm 2021 của Ban Pháp chế Hội đồng nhân dân tỉnh;",
     [("Tờ trình", "45/TTr-UBND", "2021-07-02", "Ủy ban nhân dân tỉnh", "refers"),
      ("Báo cáo", "31/BC-HĐND", "2021-07-08", "Ban Pháp chế Hội đồng nhân dân tỉnh", "refers")]),
    ("Theo đề nghị của Sở Nội vụ tại Tờ trình số 612/TTr-SNV ngày 3/5/2022 và Văn bản thẩm định số 90/STP-XDVB "
     "ngày 28/4/2022 của Sở Tư pháp.",
     [("Tờ trình", "612/TTr-SNV", "2022-05-03", "Sở Nội vụ", "refers"),
      ("Văn bản", "90/STP-XDVB", "2022-04-28", "Sở Tư pháp", "refers")]),
])
def test_review_reports_and_shared_authors(text, expected):
    assert _cited(text) == expected


def test_a_province_under_a_heading_is_no_signer():
    text = ("THÔNG TIN PHẢN HỒI\nThanh Hóa\n\nUBND tỉnh có ý kiến như sau:\nGiao Sở Xây dựng kiểm tra hồ sơ.\n"
            "(Theo Công văn số 915/UBND-CN, ngày 7/3/2023)\n")
    r = extract_text(text)
    assert r.signer is None and r.number == "915/UBND-CN"


# --- a law named again without its date inside another citation's description is the same law -------
@pytest.mark.parametrize("text", [
    "Căn cứ Luật Phòng, chống thiên tai ngày 19/6/2013;\nCăn cứ Nghị định số 66/2021/NĐ-CP ngày 6/7/2021 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Phòng, chống thiên tai;",
    "Căn cứ Nghị định số 66/2021/NĐ-CP ngày 6/7/2021 của Chính phủ quy định chi tiết một số điều của Luật Phòng, "
    "chống thiên tai;\nCăn cứ Luật Phòng, chống thiên tai ngày 19/6/2013;",
])
def test_a_law_named_twice_is_cited_once(text):
    laws = [c for c in extract_text(text).cited_documents if c.doc_type == "Luật"]
    assert [(c.date, c.relation) for c in laws] == [("2013-06-19", "based_on")]
