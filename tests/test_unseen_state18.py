"""State documents from an eighteenth set of unseen public pages (law portals' pipe tables and gazette titles,
provincial decisions' executing articles, the Prime Minister's công điện to regions): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [a.bodies for a in extract_text(text).assignments]


# --- a gazette title (old documents on law portals): type, then "CỦA <issuer> SỐ <number> NGÀY ... VỀ ..." ----
@pytest.mark.parametrize("text, doc_type, number, date, issuer, subject", [
    ("CHỈ THỊ\nCỦA THỦ\nTƯỚNG CHÍNH PHỦ SỐ 21/2002/CT-TTG\nNGÀY 14 THÁNG 5 NĂM 2002 VỀ VIỆC LẬP KẾ HOẠCH\n"
     "NĂM 2003\nThực hiện Nghị quyết số 03/2002/NQ-CP ngày 2 tháng 4 năm 2002 của Chính phủ.\n",
     "Chỉ thị", "21/2002/CT-TTG", "2002-05-14", "Thủ tướng Chính phủ", "VỀ VIỆC LẬP KẾ HOẠCH NĂM 2003"),
    ("QUYẾT ĐỊNH\nCỦA BỘ TRƯỞNG BỘ Y TẾ SỐ 45/2003/QĐ-BYT NGÀY 05 THÁNG 3 NĂM 2003\nVỀ VIỆC BAN HÀNH QUY CHẾ KHO THUỐC\n"
     "BỘ TRƯỞNG BỘ Y TẾ\nCăn cứ Nghị định số 49/2003/NĐ-CP ngày 15/5/2003 của Chính phủ;\n",
     "Quyết định", "45/2003/QĐ-BYT", "2003-03-05", "Bộ trưởng Bộ Y tế", "VỀ VIỆC BAN HÀNH QUY CHẾ KHO THUỐC"),
    ("NGHỊ ĐỊNH\nCỦA CHÍNH PHỦ SỐ 77/2002/NĐ-CP NGÀY 11 THÁNG 6 NĂM 2002\nVỀ CHẾ ĐỘ NHUẬN BÚT\nCHÍNH PHỦ\n"
     "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\n",
     "Nghị định", "77/2002/NĐ-CP", "2002-06-11", "Chính phủ", "VỀ CHẾ ĐỘ NHUẬN BÚT"),
    ("QUYẾT ĐỊNH\nCỦA UỶ BAN NHÂN DÂN TỈNH HÀ TÂY SỐ 12/2004/QĐ-UB NGÀY 3/2/2004 VỀ VIỆC THU PHÍ CHỢ\n"
     "ỦY BAN NHÂN DÂN TỈNH HÀ TÂY\nCăn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;\n",
     "Quyết định", "12/2004/QĐ-UB", "2004-02-03", "Ủy ban nhân dân tỉnh Hà Tây", "VỀ VIỆC THU PHÍ CHỢ"),
])
def test_gazette_title(text, doc_type, number, date, issuer, subject):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date, r.issuer, r.subject) == (doc_type, number, date, issuer, subject)
    assert r.text_kind == "ORIG"


# a title naming only its issuer: the trích yếu is what follows it (no number, no date made up)
@pytest.mark.parametrize("title, subject", [
    ("KẾ HOẠCH\nCỦA ỦY BAN NHÂN DÂN TỈNH VỀ PHÒNG CHỐNG HẠN HÁN\n", "VỀ PHÒNG CHỐNG HẠN HÁN"),
    ("QUYẾT ĐỊNH\nCỦA ỦY BAN NHÂN DÂN TỈNH V/V PHÊ DUYỆT ĐỀ CƯƠNG\nQUY HOẠCH CHỢ\n", "V/V PHÊ DUYỆT ĐỀ CƯƠNG QUY HOẠCH CHỢ"),
    ("KẾ HOẠCH\nPHÒNG CHỐNG HẠN HÁN CỦA ỦY BAN NHÂN DÂN TỈNH\n", "PHÒNG CHỐNG HẠN HÁN CỦA ỦY BAN NHÂN DÂN TỈNH"),
])
def test_title_naming_its_issuer(title, subject):
    r = extract_text("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n-------\nSố: 12/KH-UBND\nAn Giang, ngày 3 tháng 4 năm 2020\n"
                     + title + "Thực hiện Chỉ thị số 8/CT-TTg.\n")
    assert (r.number, r.date, r.issuer, r.subject) == ("12/KH-UBND", "2020-04-03", "Ủy ban nhân dân tỉnh An Giang", subject)


# --- "các đơn vị, tổ chức, cá nhân có liên quan": a lower-case list that "có liên quan" ends is one generic item -----
@pytest.mark.parametrize("text, tasks", [
    ("QUYẾT ĐỊNH:\nĐiều 2. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ban, ngành có liên quan và các đơn vị, tổ "
     "chức, cá nhân có liên quan căn cứ Quyết định thi hành.", [("Văn phòng UBND tỉnh",)]),
    ("QUYẾT ĐỊNH:\nĐiều 3. Chánh Văn phòng UBND tỉnh, các đơn vị, tổ chức, cá nhân có liên quan chịu trách nhiệm thi "
     "hành Quyết định này.", [("Văn phòng UBND tỉnh",)]),
    ("QUYẾT ĐỊNH:\nĐiều 3. Chánh Văn phòng UBND tỉnh; Chủ tịch UBND các huyện, thị xã và các đơn vị, cá nhân liên "
     "quan chịu trách nhiệm thi hành Quyết định này.", [("Văn phòng UBND tỉnh", "UBND các huyện, thị xã")]),
    ("QUYẾT ĐỊNH:\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và các cơ quan, tổ chức, cá nhân liên quan "
     "chịu trách nhiệm thi hành Quyết định này.", [("Văn phòng UBND tỉnh", "Sở Nội vụ")]),
    # "tổ chức, hướng dẫn": two verbs, not a list's item
    ("UBND tỉnh yêu cầu Sở Y tế tổ chức, hướng dẫn tiêm chủng.", [("Sở Y tế",)]),
])
def test_related_lower_case_list(text, tasks):
    assert _tasks(text) == tasks


# --- "khu vực Bắc Bộ, Bắc Trung Bộ": regions are the places of one class, not bodies or the class's members -------
@pytest.mark.parametrize("text, tasks", [
    ("Thủ tướng yêu cầu Bí thư, Chủ tịch UBND các tỉnh, thành phố khu vực Bắc Bộ, Bắc Trung Bộ căn cứ tình hình "
     "để quyết định cho học sinh nghỉ học.", [("UBND các tỉnh, thành phố khu vực Bắc Bộ, Bắc Trung Bộ",)]),
    ("Thủ tướng yêu cầu Chủ tịch UBND các tỉnh Tây Nguyên, Nam Trung Bộ chủ động ứng phó.",
     [("UBND các tỉnh Tây Nguyên, Nam Trung Bộ",)]),
    ("Thủ tướng yêu cầu Chủ tịch UBND các tỉnh miền Bắc, miền Trung, Bộ Quốc phòng chủ động ứng phó.",
     [("UBND các tỉnh miền Bắc, miền Trung", "Bộ Quốc phòng")]),
    # named provinces stay the class's members
    ("Thủ tướng yêu cầu Chủ tịch UBND các tỉnh Lai Châu, Nghệ An chủ động ứng phó.",
     [("UBND tỉnh Lai Châu", "UBND tỉnh Nghệ An")]),
])
def test_regions_after_a_class(text, tasks):
    assert _tasks(text) == tasks


# --- "Cục X, Bộ Y vừa có Công văn": a ministry's department writes; its ministry after the comma is its parent ----
@pytest.mark.parametrize("text, issuer", [
    ("Cục Y tế dự phòng, Bộ Y tế đã có Công văn khẩn gửi Sở Y tế các tỉnh tăng cường phòng chống dịch sởi.",
     "Cục Y tế dự phòng"),
    ("Tổng cục Thuế, Bộ Tài chính vừa có Công văn số 456/TCT-CS gửi Cục Thuế các tỉnh.", "Tổng cục Thuế"),
    ("Nhằm chủ động phòng, chống dịch sởi, Bộ Y tế đã có Công văn khẩn gửi Sở Y tế các tỉnh.", "Bộ Y tế"),
])
def test_department_then_its_ministry(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "... của Thủ tướng Chính phủ trên địa bàn tỉnh": the place of the measures ends the cited author ------------
def test_on_the_territory_ends_the_author():
    r = extract_text("Theo đó, tỉnh áp dụng giãn cách xã hội theo Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ trên "
                     "địa bàn tỉnh từ 0 giờ ngày 5/8/2021.")
    assert [(c.number, c.issuer) for c in r.cited_documents] == [("15/CT-TTg", "Thủ tướng Chính phủ")]


# --- "Đó là nội dung tại Chỉ thị số ... của X": the page reports that document, its author after it ------------
@pytest.mark.parametrize("text, doc", [
    ("Phát động phong trào thi đua\n\nĐó là nội dung tại Chỉ thị số 05/CT-UBND của Chủ tịch UBND tỉnh về việc phát "
     "động Phong trào thi đua phòng, chống dịch.", ("Chỉ thị", "05/CT-UBND", "Chủ tịch UBND tỉnh")),
    ("Đây là nội dung tại Công văn số 15/UBND-VX ngày 3/4/2022 của UBND tỉnh về phòng chống dịch gửi các sở, ngành.",
     ("Công văn", "15/UBND-VX", "UBND tỉnh")),
])
def test_content_at_the_reported_document(text, doc):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer) == doc
    assert r.cited_documents == ()


# --- "Thông báo số ... của Văn phòng Chính phủ Kết luận của Phó Thủ tướng ...": the Kết luận is its trích yếu ------
def test_conclusion_after_the_notice_author():
    r = extract_text("Thực hiện Thông báo số 14/TB-VPCP ngày 07 tháng\n01 năm 2016 của Văn phòng Chính phủ Kết luận của "
                     "Phó Thủ tướng Lê Văn Ba tại cuộc\nhọp Ban Chỉ đạo liên ngành Trung ương về an toàn thực phẩm;")
    assert [(c.number, c.issuer) for c in r.cited_documents] == [("14/TB-VPCP", "Văn phòng Chính phủ")]


# --- a law portal's facts with the date in dashes ("Ngày ban hành: 22-11-2006"), the header cut before its date ---
@pytest.mark.parametrize("written", ["12-12-2008", "12/12/2008", "12.12.2008"])
def test_portal_date_in_dashes(written):
    text = ("Thông tin văn bản\n  • Số hiệu văn bản: 57/2008/QĐ-UBND\n  • Loại văn bản: Quyết định\n"
            f"  • Cơ quan ban hành: Thành phố Đà Nẵng\n  • Ngày ban hành: {written}\n\nUỶ BAN NHÂN DÂN\n"
            "THÀNH PHỐ ĐÀ NẴNG\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 57/2008/QĐ-UBND\n\nĐà Nẵng, ngày 2")
    r = extract_text(text)
    assert (r.number, r.date, r.issuer) == ("57/2008/QĐ-UBND", "2008-12-12", "Ủy ban nhân dân thành phố Đà Nẵng")


# --- "Giáo sư, Tiến sĩ X, Thứ trưởng Y tế vừa ký": academic titles lead a signer's name; "Thứ trưởng Y tế" is the Bộ's ---
@pytest.mark.parametrize("text", [
    "Giáo sư, Tiến sĩ Lê Văn Tám, Thứ trưởng Bộ Y tế vừa ký văn bản gửi các bệnh viện trực thuộc Bộ về việc xếp cấp.",
    "Tiến sĩ Lê Văn Tám, Thứ trưởng Bộ Y tế vừa ký văn bản gửi các bệnh viện về việc xếp cấp.",
    "GS.TS Lê Văn Tám, Thứ trưởng Bộ Y tế vừa ký văn bản gửi các bệnh viện về việc xếp cấp.",
    "Thứ trưởng Y tế Lê Văn Tám vừa ký văn bản gửi các bệnh viện về việc xếp cấp.",
    "Thứ trưởng Bộ Y tế Lê Văn Tám vừa ký văn bản gửi các bệnh viện về việc xếp cấp.",
])
def test_titled_signer(text):
    r = extract_text(text)
    assert (r.issuer, r.signer.name, r.signer.role) == ("Bộ Y tế", "Lê Văn Tám", "Thứ trưởng")


# --- "Công điện gửi X cùng bộ trưởng các bộ ...": "cùng" adds an addressee ("Ủy ban MTTQ cùng cấp" stays one) -------
@pytest.mark.parametrize("text, recipients", [
    ("Thủ tướng vừa ký Công điện số 17/CĐ-TTg gửi Chủ tịch UBND các tỉnh cùng bộ trưởng các bộ, cơ quan ngang bộ về "
     "việc ứng phó bão.", ("Chủ tịch UBND các tỉnh", "bộ trưởng các bộ, cơ quan ngang bộ")),
    ("Ban Thường vụ Tỉnh ủy vừa có Công văn số 12-CV/TU gửi các huyện ủy và Ủy ban MTTQ cùng cấp về việc phòng dịch.",
     ("các huyện ủy", "Ủy ban MTTQ cùng cấp")),
])
def test_with_adds_an_addressee(text, recipients):
    assert extract_text(text).recipients == recipients


# a press lead dated by a time of day without the year ("Đêm 12/8,"): the year from a later date of the text
@pytest.mark.parametrize("text, date", [
    ("Đêm 12/8, UBND tỉnh ban hành Công văn số 5501/UBND-VP về việc phòng, chống dịch. Theo đó, tạm dừng các "
     "hoạt động từ 0 giờ, ngày 13 tháng 8 năm 2021 cho đến khi có thông báo mới.", "2021-08-12"),
    ("Đêm 12/8, UBND tỉnh ban hành Công văn số 5501/UBND-VP về việc phòng, chống dịch. Các cơ sở đóng cửa "
     "trong tháng 8 năm 2021.", "2021-08-12"),
    ("Ngày 12/8, UBND tỉnh ban hành Công văn số 5501/UBND-VP về việc phòng, chống dịch. Từ 0 giờ ngày 14/8/2021 "
     "tạm dừng các hoạt động.", "2021-08-12"),
    # two years with that month: no year is guessed
    ("Đêm 12/8, UBND tỉnh ban hành Công văn số 5501/UBND-VP về việc phòng, chống dịch. Tháng 8 năm 2020 và "
     "tháng 8 năm 2021 đều có dịch.", None),
])
def test_yearless_night_dateline(text, date):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date) == ("Công văn", "5501/UBND-VP", date)


# the lead's paragraph goes on ("Theo đó, ...") before the page prints the full text: what it cites is cited
def test_lead_paragraph_citations_before_the_full_text():
    text = ("Ngày 12/8/2021, UBND tỉnh ban hành Công văn số 5501/UBND-VP về việc phòng, chống dịch. Theo đó, thực "
            "hiện giãn cách xã hội theo Chỉ thị số 15/CT-TTg trên địa bàn tỉnh.\n\n"
            "Báo X xin giới thiệu toàn văn Công văn số 5501/UBND-VP.\n\n"
            "Thực hiện Chỉ thị số 16/CT-TTg ngày 31 tháng 3 năm 2020 của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh "
            "quyết định:\n")
    r = extract_text(text)
    assert r.number == "5501/UBND-VP"
    assert [c.number for c in r.cited_documents] == ["15/CT-TTg", "16/CT-TTg"]


# a named law with two numbers, the second after ";" or "," ("Luật X số A ngày ...; số B ngày ...")
@pytest.mark.parametrize("text, numbers", [
    ("Căn cứ Luật Quản lý thuế số 21/2006/QH11 ngày 5 tháng 7 năm 2006; số 38/2019/QH14 ngày 13 tháng 6 năm 2019;",
     [("21/2006/QH11", "2006-07-05"), ("38/2019/QH14", "2019-06-13")]),
    ("Căn cứ Luật Quản lý thuế số 21/2006/QH11 ngày 5/7/2006, số 38/2019/QH14 ngày 13/6/2019;",
     [("21/2006/QH11", "2006-07-05"), ("38/2019/QH14", "2019-06-13")]),
    # the next law of the list keeps its own name
    ("Căn cứ Luật Quản lý thuế số 21/2006/QH11 ngày 5/7/2006; Luật Kế toán số 88/2015/QH13 ngày 20/11/2015;",
     [("21/2006/QH11", "2006-07-05"), ("88/2015/QH13", "2015-11-20")]),
])
def test_named_law_with_a_second_number(text, numbers):
    r = extract_text(text + "\nỦY BAN NHÂN DÂN TỈNH QUYẾT ĐỊNH:\n")
    got = [(c.number, c.date) for c in r.cited_documents]
    assert got == numbers
    assert {c.doc_type for c in r.cited_documents} == {"Luật"}


# a province written after a Sở's or the UBND's name without its kind word ("Sở TN&MT Sơn La vừa có Công văn")
@pytest.mark.parametrize("text, issuer", [
    ("Sở TN&MT Lai Châu vừa có Công văn số 184/STNMT-QLĐĐ gửi UBND các huyện về việc quản lý đất.",
     "Sở Tài nguyên và Môi trường tỉnh Lai Châu"),
    ("Sở Y tế Lai Châu vừa có Công văn số 184/SYT-NVY gửi các bệnh viện về việc khám bệnh.", "Sở Y tế tỉnh Lai Châu"),
    ("UBND Lai Châu vừa có Công văn số 184/UBND-KT gửi các sở về việc quản lý đất.", "Ủy ban nhân dân tỉnh Lai Châu"),
    # its kind written, or no place: as before
    ("Sở TN&MT tỉnh Lai Châu vừa có Công văn số 184/STNMT-QLĐĐ gửi UBND các huyện về việc quản lý đất.",
     "Sở Tài nguyên và Môi trường tỉnh Lai Châu"),
    ("Sở Y tế vừa có Công văn số 184/SYT-NVY gửi các bệnh viện về việc khám bệnh.", "Sở Y tế"),
])
def test_province_after_a_body_without_its_kind(text, issuer):
    assert extract_text(text).issuer == issuer


# a portal printing its table's line breaks as escapes ("Số: 12/KH-UBND \r\n | ..."): read as blanks
@pytest.mark.parametrize("escape", ["\\r\\n", "\\n"])
def test_escaped_line_breaks(escape):
    e = escape
    text = (f"{e} ỦY BAN NHÂN DÂN | {e}\n{e} TỈNH LAI CHÂU | {e}\n{e} Số: 12/KH-UBND {e} | {e} Lai Châu, ngày 5 tháng 3 "
            f"năm 2020 {e} |\n{e}{e}\nThực hiện Quyết định số 345/QĐ-TTg{e}ngày 2/1/2020 của Thủ tướng Chính phủ, "
            f"UBND tỉnh xây dựng Kế hoạch như sau:\n{e}1. Mục tiêu chung\n")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date) == ("Kế hoạch", "12/KH-UBND", "2020-03-05")
    assert [c.number for c in r.cited_documents] == ["345/QĐ-TTg"]


# a decree named again inside a circular's subject ("hướng dẫn thi hành ... Nghị định số X") keeps the relation
# of its own "Căn cứ" item; a clause that opens with "Thi hành" implements
@pytest.mark.parametrize("text, relations", [
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 Chính phủ về thực hiện cơ chế một cửa;\n"
     "Căn cứ Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ \nhướng dẫn thi hành "
     "một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018  \ncủa Chính phủ về thực hiện cơ chế;\n",
     {"61/2018/NĐ-CP": "based_on", "01/2018/TT-VPCP": "based_on"}),
    ("Căn cứ Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ hướng dẫn thi hành một "
     "số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ;\n",
     {"61/2018/NĐ-CP": "based_on", "01/2018/TT-VPCP": "based_on"}),
    ("Căn cứ Thông tư số 02/2017/TT-BNV ngày 10 tháng 5 năm 2017 của Bộ Nội vụ quy định chi tiết và biện pháp thi "
     "hành Nghị định số 24/2014/NĐ-CP ngày 4 tháng 4 năm 2014 của Chính phủ;\n",
     {"24/2014/NĐ-CP": "based_on", "02/2017/TT-BNV": "based_on"}),
    ("Thi hành Quyết định số 31-QĐ/TW ngày 21 tháng 8 năm 2021 của Bộ Chính trị;\n",
     {"31-QĐ/TW": "implements"}),
])
def test_enforcing_inside_a_cited_subject(text, relations):
    r = extract_text(text + "ỦY BAN NHÂN DÂN TỈNH QUYẾT ĐỊNH:\n")
    got = {c.number: c.relation for c in r.cited_documents if c.number}
    assert got == relations
