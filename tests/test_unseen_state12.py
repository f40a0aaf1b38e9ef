"""State documents from a twelfth set of unseen public pages (2025-2026: the Prime Minister's Công điện,
provinces and communes of the two-level local government, the merged ministries and Sở): what they
taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.bodies import issuer_from_number
from loaders.extract import extract_text


def _bodies_asked(text: str) -> list[str]:
    """The lead bodies of a text's tasks, the bare post "Bộ trưởng" before a list of ministries left out."""
    return [b for a in extract_text(text).assignments for b in a.bodies if b != "Bộ trưởng"]


# --- the ministries and Sở of 2025 are known bodies: their names stay whole in lists and headers -------
@pytest.mark.parametrize("text, bodies", [
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Quốc phòng, Nông nghiệp và Môi trường, Y tế chủ động ứng phó bão.",
     ["Bộ Quốc phòng", "Bộ Nông nghiệp và Môi trường", "Bộ Y tế"]),
    ("UBND tỉnh yêu cầu các Sở: Nông nghiệp và Môi trường, Dân tộc và Tôn giáo, Khoa học và Công nghệ triển khai ngay.",
     ["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "Sở Khoa học và Công nghệ"]),
])
def test_merged_ministry_names_stay_whole_in_lists(text, bodies):
    assert _bodies_asked(text) == bodies


@pytest.mark.parametrize("text, issuer", [
    ("BỘ DÂN TỘC VÀ TÔN GIÁO\nSố: 05/2025/TT-BDTTG\nHà Nội, ngày 10 tháng 7 năm 2025\nTHÔNG TƯ\nHƯỚNG DẪN CÔNG TÁC DÂN TỘC",
     "Bộ Dân tộc và Tôn giáo"),
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 120/BNNMT-TL\nHà Nội, ngày 02 tháng 8 năm 2025\nV/v chủ động ứng phó mưa lũ",
     "Bộ Nông nghiệp và Môi trường"),
])
def test_merged_ministry_header(text, issuer):
    assert extract_text(text).issuer == issuer


@pytest.mark.parametrize("number, context, issuer", [
    ("300/BNNMT-TTBVTV", None, "Bộ Nông nghiệp và Môi trường"),
    ("01/2026/TT-BDTTG", None, "Bộ Dân tộc và Tôn giáo"),
    # older numbers keep their old ministry
    ("1700/BNN-TY", None, "Bộ Nông nghiệp và Phát triển nông thôn"),
])
def test_merged_ministry_codes(number, context, issuer):
    assert issuer_from_number(number, context) == issuer


# --- a known Cục speaks for itself (header_markers organ CỤC), and "trân trọng đề nghị" is a request ------------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Để hoàn thiện dự thảo Thông tư, Cục Lâm nghiệp và Kiểm lâm trân trọng đề nghị các cơ quan góp ý đối với dự thảo.",
     "Cục Lâm nghiệp và Kiểm lâm"),
    ("Cục Bảo vệ thực vật đề nghị các cơ quan, đơn vị góp ý dự thảo Quyết định.", "Cục Bảo vệ thực vật"),
    ("Sở Xây dựng trân trọng đề nghị các sở, ngành cho ý kiến về dự thảo.", "Sở Xây dựng"),
    ("UBND phường An Khánh trân trọng thông báo lịch tiếp công dân tháng 9.", "UBND phường An Khánh"),
])
def test_cuc_and_courteous_request_speak(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a "các Bộ: A, B" list ends at the ";" after which other addressees follow ----------------------------
@pytest.mark.parametrize("text, bodies", [
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Quốc phòng, Công an, Y tế; Chủ tịch Ủy ban nhân dân các tỉnh ven biển "
     "theo dõi sát diễn biến của bão.",
     ["Bộ Quốc phòng", "Bộ Công an", "Bộ Y tế", "Ủy ban nhân dân các tỉnh ven biển"]),
    # items written with ";" alone, or a name of the list after the ";": one list
    ("Thủ tướng yêu cầu các Bộ: Tài chính; Xây dựng; Tư pháp khẩn trương thực hiện.",
     ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Tư pháp"]),
    ("Thủ tướng yêu cầu các Bộ: Quốc phòng, Công an; Y tế khẩn trương thực hiện.",
     ["Bộ Quốc phòng", "Bộ Công an", "Bộ Y tế"]),
])
def test_colon_list_ends_at_semicolon(text, bodies):
    assert _bodies_asked(text) == bodies


# --- a law portal's table of facts: issuer, date, signer and trích yếu of the page's document -------------
@pytest.mark.parametrize("text, issuer, date, signer, subject", [
    # labels and values in cells of one line
    ("Thông tư 03/2026/TT-BNV quy định về công chức cấp xã\n| Cơ quan ban hành: | Bộ Nội vụ |\n"
     "| Số hiệu: | 03/2026/TT-BNV | Loại văn bản: | Thông tư | Người ký: | Trần Văn Nam |\n"
     "| Trích yếu: | Quy định về công chức cấp xã |\nNgày ban hành:\nNgày ban hành là ngày văn bản được ký ban hành.\n|\n"
     "20/01/2026 |", "Bộ Nội vụ", "2026-01-20", "Trần Văn Nam", "Quy định về công chức cấp xã"),
    # labels run into one line; the date some lines below its label
    ("Công văn 1234/VPCP-TCCV 2025 về việc triển khai chính quyền địa phương 2 cấp\nCơ quan ban hành: Văn phòng Chính phủ\n"
     "Số hiệu: 1234/VPCP-TCCV Ngày đăng công báo: Đang cập nhật\nLoại văn bản: Công văn Người ký: Lê Văn Bình\n"
     "Ngày ban hành:\n05/12/2025\nNgày hết hiệu lực:", "Văn phòng Chính phủ", "2025-12-05", "Lê Văn Bình", None),
    # a value the portal has not filled is none
    ("Công văn 55/BTC-NSNN về việc quyết toán\nCơ quan ban hành: Bộ Tài chính\nNgười ký: Đang cập nhật\n",
     "Bộ Tài chính", None, None, None),
])
def test_portal_table_of_facts(text, issuer, date, signer, subject):
    r = extract_text(text)
    got_subject = r.subject if subject else None
    assert (r.issuer, r.date, r.signer.name if r.signer else None, got_subject) == (issuer, date, signer, subject)


# --- recipients written as colon lists after "gửi", followed by other addressees after ";" -------------------
@pytest.mark.parametrize("text, recipients", [
    ("Thủ tướng vừa ký Công điện số 12/CĐ-TTg gửi Chủ tịch UBND các tỉnh: Nghệ An, Hà Tĩnh; Bộ trưởng các Bộ: "
     "Quốc phòng, Công an về việc ứng phó bão.",
     ("Chủ tịch UBND tỉnh Nghệ An", "Chủ tịch UBND tỉnh Hà Tĩnh", "Bộ Quốc phòng", "Bộ Công an")),   # "Bộ trưởng" asks each Bộ (press14)
    ("Công điện gửi Chủ tịch Ủy ban nhân dân (UBND) các tỉnh, thành phố: Thanh Hóa, Nghệ An; Bộ trưởng, Thủ trưởng cơ quan ngang bộ; "
     "Văn phòng Chính phủ.\n\nCông điện nêu: bão số 10 đã gây mưa lớn.",
     ("Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa", "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An", "Bộ trưởng", "Thủ trưởng cơ quan ngang bộ",
      "Văn phòng Chính phủ")),
    # a known name written in lower case ("Ban chỉ đạo") holds a clause word that ends no list
    ("Công điện gửi Bộ trưởng các Bộ: Quốc phòng, Công an; Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia.\n\n"
     "Công điện nêu: mưa lớn kéo dài.",
     ("Bộ Quốc phòng", "Bộ Công an", "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia")),
    # a Kính gửi entry holding a list and another addressee after its ";"
    ("Kính gửi:\n- Chủ tịch UBND các tỉnh: Lào Cai, Yên Bái; Bộ trưởng Bộ Y tế.\nUBND tỉnh đề nghị các đơn vị thực hiện.",
     ("Chủ tịch UBND tỉnh Lào Cai", "Chủ tịch UBND tỉnh Yên Bái", "Bộ trưởng Bộ Y tế")),
])
def test_recipient_colon_lists(text, recipients):
    assert extract_text(text).recipients == recipients


# --- 2025 provinces in lists: "Huế" is a thành phố of its own (admin_units_2025.csv) -------------------------
def test_province_of_2025_in_a_unit_list():
    text = ("Công điện gửi Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Quảng Trị, Huế, Đà Nẵng và Lâm Đồng; "
            "các Bộ trưởng: Quốc phòng, Nông nghiệp và Môi trường.\n\nCông điện nêu: mưa lớn kéo dài.")
    assert extract_text(text).recipients == (
        "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị", "Chủ tịch Ủy ban nhân dân thành phố Huế",
        "Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng", "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng",
        "Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Nông nghiệp và Môi trường")


@pytest.mark.parametrize("name, kind", [("Huế", "thành phố"), ("TP. Huế", "thành phố"), ("Nam Định", None)])
def test_find_province_2025(name, kind):
    from loaders import refdata
    found = refdata.find_province_2025(name)
    assert (found.kind if found else None) == kind


# --- "của X tại <citation> và Y tại <citation>": Y wrote the second --------------------------------------------
@pytest.mark.parametrize("text, issuers", [
    ("Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 1818/TTr-VP ngày 21/8/2025 và Giám đốc "
     "Sở Nội vụ tại Văn bản số 4836/SNV-TCBC ngày 04/9/2025;",
     ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ"]),
    ("Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 55/TTr-STC ngày 2/3/2025 và Giám đốc Sở Xây dựng tại "
     "Tờ trình số 77/TTr-SXD ngày 5/3/2025.",
     ["Giám đốc Sở Tài chính", "Giám đốc Sở Xây dựng"]),
])
def test_second_author_at_its_citation(text, issuers):
    assert [c.issuer for c in extract_text(text).cited_documents] == issuers


# --- "đẩy nhanh" ends the body asked --------------------------------------------------------------------------
@pytest.mark.parametrize("text, bodies", [
    ("Thủ tướng yêu cầu các Bộ đẩy nhanh tiến độ, chất lượng xây dựng trường học.", [("các Bộ",)]),
    ("UBND tỉnh yêu cầu Sở Xây dựng đẩy nhanh tiến độ thi công các công trình.", [("Sở Xây dựng",)]),
])
def test_speed_up_is_a_predicate(text, bodies):
    assert [a.bodies for a in extract_text(text).assignments] == bodies


# --- a portal title's year after the number ends no title: the subject follows ---------------------------------
@pytest.mark.parametrize("text, number, subject", [
    ("Công văn 12154/VPCP-TCCV 2025 về việc nghiên cứu khuyến nghị của Ban Chính sách\nCơ quan ban hành: Văn phòng Chính phủ",
     "12154/VPCP-TCCV", "về việc nghiên cứu khuyến nghị của Ban Chính sách"),
    ("Công văn số 12/UBND-VX năm 2021 về việc phòng dịch gửi các huyện.", "12/UBND-VX", "về việc phòng dịch"),
])
def test_year_after_number_then_subject(text, number, subject):
    r = extract_text(text)
    assert (r.number, r.date, r.subject) == (number, None, subject)


# --- "Công điện được gửi tới X; Bí thư, Chủ tịch ...": the reported document's addressees, over its ";" ---------
@pytest.mark.parametrize("text, recipients", [
    ("Phó Thủ tướng Lê Văn Nam vừa ký ban hành Công điện số 240/CĐ-TTg ngày 16/12/2025 của Thủ tướng Chính phủ về việc "
     "tổ chức lễ khánh thành.\n\nCông điện được gửi tới lãnh đạo các bộ, cơ quan ngang bộ; Bí thư, Chủ tịch UBND các "
     "tỉnh, thành phố, nhằm bảo đảm công tác chuẩn bị.",
     ("lãnh đạo các bộ, cơ quan ngang bộ", "Bí thư", "Chủ tịch UBND các tỉnh, thành phố")),
    ("Bộ Y tế vừa có văn bản gửi Giám đốc Sở Y tế các tỉnh; Giám đốc các Bệnh viện trực thuộc Bộ đề nghị tăng cường "
     "bảo vệ nhân viên y tế.",
     ("Giám đốc Sở Y tế các tỉnh", "Giám đốc các Bệnh viện trực thuộc Bộ")),
])
def test_sent_to_addressees_over_semicolons(text, recipients):
    assert extract_text(text).recipients == recipients



# --- a body's term in brackets is no part of its name ("HĐND xã X khóa I (nhiệm kỳ 2021 - 2026) đã ban hành") ---
def test_term_in_brackets_after_the_issuer():
    text = ("Tại kỳ họp thứ 2, HĐND xã An Phú khóa I (nhiệm kỳ 2021 - 2026) đã ban hành Nghị quyết về việc đổi tên các "
            "tổ dân phố thành thôn.")
    r = extract_text(text)
    assert (r.doc_type, r.issuer, r.subject) == ("Nghị quyết", "HĐND xã An Phú", "về việc đổi tên các tổ dân phố thành thôn")
