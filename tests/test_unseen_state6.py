"""State documents from a sixth set of unseen public pages (portals' công văn, chỉ thị, kế hoạch,
công điện; VPCP letters): what they taught us.

Every sentence is written for the test (names, numbers, provinces made up), modelled on the
layouts and phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple]:
    return [a.bodies for a in extract_text(text).assignments]


def _cited(text: str) -> list[tuple]:
    return [(c.number, c.issuer) for c in extract_text(text).cited_documents]


# --- press "X mới ban hành ... yêu cầu Y": "mới" before the verb is a report like "vừa" ----------
@pytest.mark.parametrize("text, expected", [
    ("UBND tỉnh Hà Nam mới ban hành công điện yêu cầu Ban Chỉ huy phòng chống thiên tai, các sở, ngành "
     "theo dõi chặt chẽ diễn biến mưa lũ.", [("Ban Chỉ huy phòng chống thiên tai", "các sở, ngành")]),
    ("Chủ tịch UBND tỉnh mới ký công điện yêu cầu UBND các huyện kiểm tra hồ đập.", [("UBND các huyện",)]),
    # "và" inside a known name (local_body_templates.csv): one body, its lower-case rest no new body
    ("UBND tỉnh Hà Nam mới ban hành công điện yêu cầu Ban Chỉ huy phòng chống thiên tai – Tìm kiếm cứu nạn "
     "và phòng thủ dân sự, các sở, ngành theo dõi mưa lũ.",
     [("Ban Chỉ huy phòng chống thiên tai – Tìm kiếm cứu nạn và phòng thủ dân sự", "các sở, ngành")]),
    # "mới" alone stays in a name: "nông thôn mới" ("cần": a page of no document tasks only who it asks)
    ("Văn phòng Điều phối nông thôn mới tỉnh cần tổ chức kiểm tra các xã.", [("Văn phòng Điều phối nông thôn mới tỉnh",)]),
])
def test_recently_issued_is_a_report(text, expected):
    assert _tasks(text) == expected


# --- a name written with a comma where the official one has a dash ---------------------------------
def test_comma_inside_a_ministry_name_cited():
    text = ("Thực hiện Công văn số 41/LĐTBXH-TE ngày 2/3/2015 của Bộ Lao động, Thương binh và Xã hội "
            "về việc bảo vệ trẻ em.")
    assert _cited(text) == [("41/LĐTBXH-TE", "Bộ Lao động - Thương binh và Xã hội")]


def test_comma_inside_a_department_name_tasked():
    text = "Giao Sở Lao động, Thương binh và Xã hội chủ trì, phối hợp với Sở Y tế rà soát danh sách."
    assert _tasks(text) == [("Sở Lao động, Thương binh và Xã hội",)]


# --- a title whose year range is wrapped: "NĂM 2019 -" / "2020" ------------------------------------
@pytest.mark.parametrize("dash", ["-", "–"])
def test_wrapped_year_range_in_title(dash):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n|\nSố: 17/KH-UBND\n|\nHà Nam, ngày 13 tháng 01 năm 2020\n|\n"
            f"KẾ HOẠCH\nPHÒNG, CHỐNG HẠN HÁN MÙA KHÔ NĂM 2019 {dash}\n2020\n"
            "Thực hiện Chỉ thị số 80/CT-BNN ngày 5/10/2019 của Bộ Nông nghiệp và Phát triển nông thôn.\n")
    assert extract_text(text).subject == f"PHÒNG, CHỐNG HẠN HÁN MÙA KHÔ NĂM 2019 {dash} 2020"


# --- a central body's letter citing local bodies' letters: its place names none of them ---------------
def test_central_letter_does_not_place_a_local_number():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 310/VPCP-KTTH\nHà Nội, ngày 26 tháng 05 năm 2014\n"
            "Kính gửi: Bộ Tài chính.\n"
            "Xét đề nghị của Ủy ban nhân dân tỉnh Hà Nam (văn bản số 49/TTr-UBND ngày 12 tháng 5 năm 2014), "
            "Phó Thủ tướng giao Bộ Tài chính xem xét.\n")
    issuers = [i for _, i in _cited(text)]
    assert issuers and all(i is None or "Hà Nội" not in i for i in issuers)


# --- a portal's excerpt: the issuer speaks "có ý kiến như sau", the source note names the document ----
@pytest.mark.parametrize("note", [
    "(Nguồn: Từ Công văn số 115/UBND-VP ngày 22/04/2021)",
    "(Nguồn: Công văn số 115/UBND-VP ngày 22/04/2021)",
])
@pytest.mark.parametrize("tail", ["", "\n\nĐánh giá\n\nTin tức liên quan", "\nTin liên quan\n"])
def test_portal_excerpt_with_source_note(note, tail):
    text = ("Thực hiện Hướng dẫn số 06-HD/HU ngày 15/3/2021 của Huyện ủy về tuyên truyền kỷ niệm ngày thành lập tỉnh; "
            "Ủy ban nhân dân huyện Côn Đảo có ý kiến như sau:\n\n"
            "1. Phòng Văn hóa và Thông tin chủ trì hướng dẫn công tác tuyên truyền.\n\n"
            f"{note}{tail}\n")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date, r.issuer) == ("Công văn", "115/UBND-VP", "2021-04-22",
                                                         "Ủy ban nhân dân huyện Côn Đảo")


# --- a numbered item that only names a body, its tasks in the dashed items below ----------------------
@pytest.mark.parametrize("label", ["Trung tâm Văn hóa - Thông tin và Thể thao", "Sở Y tế:"])
def test_label_item_over_dashed_items(label):
    text = ("Ủy ban nhân dân huyện có ý kiến như sau:\n"
            "1. Phòng Tư pháp chủ trì rà soát hồ sơ.\n"
            f"2. {label}\n"
            "- Tăng cường các tin, bài tuyên truyền.\n"
            "3. Phòng Y tế: kiểm tra các cơ sở.\n")
    assert _tasks(text) == [("Phòng Tư pháp",), (label.rstrip(":"),), ("Phòng Y tế",)]


def test_numbered_heading_ends_a_label():
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính:\n- Bố trí kinh phí.\n"
            "2. Mục đích\n- Nâng cao nhận thức của người dân.\n")
    assert _tasks(text) == [("Sở Tài chính",)]


def test_dashed_addressees_are_no_label():
    text = ("Kính gửi:\n- Các sở, ban, ngành tỉnh,\n- Các huyện ủy, thành ủy.\n\n"
            "Thời gian qua, các cấp đã nỗ lực phòng, chống dịch bệnh.\n")
    assert _tasks(text) == []


# --- a header whose first letter the page lost: "Y BAN NHÂN DÂN" -------------------------------------
def test_header_missing_first_letter():
    text = ("Y BAN NHÂN DÂN\nTỈNH HÀ NAM\n-------\nSố: 25/KH-UBND\nHà Nam, ngày 03 tháng 10 năm 2014\n"
            "KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 34/2014/QĐ-TTG\n"
            "Căn cứ Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ về tiêu chuẩn xã.\n")
    assert extract_text(text).issuer == "Ủy ban nhân dân tỉnh Hà Nam"


# --- a number whose last segment follows a full stop: "12/CĐ.UBND" ------------------------------------
@pytest.mark.parametrize("text, number", [
    ("Chủ tịch UBND tỉnh Hà Nam vừa có công điện khẩn số 12/CĐ.UBND về khắc phục hậu quả bão.", "12/CĐ.UBND"),
    # a full stop ending the sentence after a number is no segment
    ("Ngày 3/4, UBND tỉnh Hà Nam ban hành Công văn số 12/UBND-VX. Theo đó, các sở rà soát.", "12/UBND-VX"),
])
def test_dotted_symbol(text, number):
    assert extract_text(text).number == number


# --- a number with a letter after it: "30c/NQ-CP", "1303a/UBND-NNTNMT" ------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ ban hành Chương trình tổng thể.",
     [("30c/NQ-CP", "Chính phủ")]),
    ("Xét đề nghị của Ủy ban nhân dân tỉnh Hà Nam tại văn bản số 1303a/UBND-KT ngày 07 tháng 5 năm 2014, "
     "Phó Thủ tướng giao Bộ Tài chính xem xét.", [("1303a/UBND-KT", "Ủy ban nhân dân tỉnh Hà Nam")]),
])
def test_number_with_letter_suffix(text, expected):
    assert _cited(text) == expected


def test_own_number_with_letter_suffix():
    text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12a/QĐ-UBND\nHà Nam, ngày 3 tháng 4 năm 2020\nQUYẾT ĐỊNH\nVề việc thành lập tổ công tác\n"
    assert extract_text(text).number == "12a/QĐ-UBND"


# --- VPCP: "Xét đề nghị của: X tại các văn bản: số A ..., số B ...; của Y tại văn bản số C ..., Phó Thủ tướng giao ..."
_VPCP = ("Xét đề nghị của: Ủy ban nhân dân tỉnh Hà Nam tại các văn bản: số 49/TTr-UBND ngày 12 tháng 5 năm 2014, "
         "số 48/TTr-UBND ngày 08 tháng 5 năm 2014; của Ủy ban nhân dân tỉnh Nam Định tại văn bản số 13/UBND-TH "
         "ngày 07 tháng 5 năm 2014 về việc hỗ trợ vốn, Phó Thủ tướng Lê Văn Tám giao các Bộ: Kế hoạch và Đầu tư, "
         "Tài chính xem xét xử lý theo thẩm quyền.")


def test_issuer_written_before_a_colon_list():
    assert _cited(_VPCP) == [("49/TTr-UBND", "Ủy ban nhân dân tỉnh Hà Nam"), ("48/TTr-UBND", "Ủy ban nhân dân tỉnh Hà Nam"),
                             ("13/UBND-TH", "Ủy ban nhân dân tỉnh Nam Định")]


@pytest.mark.parametrize("text", [
    _VPCP,
    "Xét đề nghị của Bộ Công Thương tại văn bản số 12/BCT-KH ngày 3/4/2014, Thủ tướng Chính phủ giao các Bộ: "
    "Kế hoạch và Đầu tư, Tài chính xem xét xử lý theo thẩm quyền.",
])
def test_leader_tasks_after_the_request_considered(text):
    assert _tasks(text) == [("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính")]


# --- a decision's considered request, "Xét đề nghị X," before "QUYẾT ĐỊNH:", gives X no task ------------
def test_considered_request_is_no_task():
    text = ("Xét đề nghị Giám đốc Sở Thông tin và Truyền thông và Tổ trưởng Tổ công tác thực hiện Đề án 30 "
            "của Ủy ban nhân dân tỉnh,\nQUYẾT ĐỊNH:\n")
    assert _tasks(text) == []


# --- a cited document's issuer stops at the verb of its subject ("... của Bộ trưởng X bổ sung ...") ------
def test_cited_issuer_stops_at_its_subject_verb():
    text = ("Căn cứ Thông tư số 18/2014/TT-BGDĐT, ngày 26/5/2014 của Bộ trưởng Bộ GD&ĐT bổ sung vào điểm a khoản 2 "
            "Điều 7 của Quy chế tuyển sinh.")
    assert _cited(text) == [("18/2014/TT-BGDĐT", "Bộ trưởng Bộ Giáo dục và Đào tạo")]   # "GD&ĐT" spelled out


# --- a date line with the day dotted out ("ngày ….. tháng 12 năm 2021"): the header goes on below it ------
@pytest.mark.parametrize("day", ["…..", "....", ""])
def test_dotted_out_day_in_the_date_line(day):
    text = (f"ỦY BAN NHÂN DÂN\n\nXÃ AN HÒA\n\nSố:         / TB-UBND\n\nAn Hòa, ngày {day} tháng 12 năm 2021\n\n"
            " THÔNG BÁO\n\nVề việc tạm dừng tiếp công dân\n\nỦy ban nhân dân xã An Hòa thông báo như sau:\n")
    r = extract_text(text)
    assert (r.doc_type, r.subject, r.issuer) == ("Thông báo", "Về việc tạm dừng tiếp công dân", "Ủy ban nhân dân xã An Hòa")


# --- "Thực hiện A; B số ... ": a clause opened by a citation goes on the list of the verb before it ------
@pytest.mark.parametrize("wrap", [" ", "\n"])   # the clause on one line, or wrapped as a page prints it
def test_relation_carries_over_a_semicolon(wrap):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 10/KH-UBND\nHà Nam, ngày 07 tháng 3 năm 2025\nKẾ HOẠCH\n"
            "PHÒNG, CHỐNG THIÊN TAI NĂM 2025\n"
            f"Thực hiện Luật phòng, chống{wrap}thiên tai và các văn bản hướng dẫn thi hành; Quyết định số 342/QĐ-TTg ngày "
            "15/3/2022 của Thủ tướng Chính phủ Ban hành Kế hoạch phòng, chống thiên tai Quốc gia đến năm 2025, "
            "UBND tỉnh ban hành Kế hoạch với các nội dung sau:\n")
    cited = {c.number: (c.issuer, c.relation) for c in extract_text(text).cited_documents}
    # (the issuer stops at "Ban hành", a verb written with a capital, no "Ban" of a body)
    assert cited["342/QĐ-TTg"] == ("Thủ tướng Chính phủ", "implements")


# --- "thông báo Kết luận của ...": the type word ends a longer one, as "Thông báo kết luận" does ----------
@pytest.mark.parametrize("text", [
    "Văn phòng Chính phủ vừa ra thông báo Kết luận của Phó Thủ tướng Lê Văn Tám tại Phiên họp thứ ba của Tổ công tác.",
    "Văn phòng Chính phủ vừa ra Thông báo kết luận của Phó Thủ tướng Lê Văn Tám tại Phiên họp thứ ba của Tổ công tác.",
])
def test_conclusion_inside_a_notice_of_conclusions(text):
    r = extract_text(text)
    assert (r.doc_type, r.issuer, r.cited_documents) == ("Thông báo", "Văn phòng Chính phủ", ())


def test_conclusion_cited_on_its_own():
    text = "Thực hiện Kết luận của Bộ Chính trị về công tác cán bộ, Tỉnh ủy yêu cầu các huyện ủy triển khai."
    assert [(c.doc_type, c.issuer) for c in extract_text(text).cited_documents] == [("Kết luận", "Bộ Chính trị")]


# --- "BCĐ" written for "Ban Chỉ đạo" in a press lead ---------------------------------------------------
def test_steering_committee_abbreviation():
    text = ("Hồi 16h30, BCĐ Trung ương về Phòng, chống thiên tai đã có Công điện số 84/CĐ-TW gửi Ban Chỉ huy "
            "PCTT và TKCN các tỉnh ven biển về công tác ứng phó với áp thấp nhiệt đới.")
    r = extract_text(text)
    assert (r.number, r.issuer, r.issuer_level) == ("84/CĐ-TW", "Ban Chỉ đạo Quốc gia về phòng, chống thiên tai", "central")


# --- "Bí thư Tỉnh ủy, Thành ủy các tỉnh, thành phố ...": two committee words sharing one class of places --
@pytest.mark.parametrize("text, recipients", [
    ("Văn phòng Chính phủ vừa có Công văn số 64/VPCP-KTTH gửi: Bộ trưởng các Bộ; Bí thư Tỉnh ủy, Thành ủy các "
     "tỉnh, thành phố trực thuộc Trung ương; Chủ tịch UBND các tỉnh.",
     ("Bộ trưởng các Bộ", "Bí thư Tỉnh ủy, Thành ủy các tỉnh, thành phố trực thuộc Trung ương", "Chủ tịch UBND các tỉnh")),
    # a committee named with its place ends its item
    ("Tỉnh ủy vừa có Công văn số 305-CV/TU gửi Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Vinh về việc tổng kết năm.",
     ("Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Vinh",)),
])
def test_committees_sharing_their_places(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "103/BKH-KTĐP &LT": a space typed before the ampersand of a symbol ----------------------------------
def test_space_before_ampersand_in_a_symbol():
    text = ("Xét đề nghị của Bộ Kế hoạch và Đầu tư tại các văn bản số 103/BKH-KTĐP &LT ngày 7 tháng 01 năm 2008 "
            "và số 219/BKH-KCHT &ĐT ngày 10 tháng 1 năm 2008 về đề nghị hỗ trợ vốn, Thủ tướng Chính phủ có ý kiến như sau:")
    assert _cited(text) == [("103/BKH-KTĐP&LT", "Bộ Kế hoạch và Đầu tư"), ("219/BKH-KCHT&ĐT", "Bộ Kế hoạch và Đầu tư")]
