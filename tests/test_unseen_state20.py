"""State documents from a twentieth set of unseen public pages (law portals' pipe tables and banners, an
authority line without its province, press reports of công điện and chỉ thị, joint offices, the Ban Chỉ huy
of the years before 2014): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text
from loaders.prose import organ

_HEADER = "ỦY BAN NHÂN DÂN\nTỈNH AN NAM\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n"
_BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"


# --- "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" without the province the header gives: the head of the header's body;
# also when a portal dropped the title line (the authority line right after the header) -----------------------
@pytest.mark.parametrize("text, issuer", [
    (_HEADER + "Số: 12/QĐ-UBND\n|\nAn Nam, ngày 3 tháng 5 năm 2019\n|\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n" + _BASIS, "Chủ tịch Ủy ban nhân dân tỉnh An Nam"),
    (_HEADER + "Số: 12/QĐ-UBND\n|\nAn Nam, ngày 3 tháng 5 năm 2019\n|\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN NAM\n" + _BASIS, "Chủ tịch Ủy ban nhân dân tỉnh An Nam"),
    # the header's own body on the authority line: the body, not its head
    (_HEADER + "Số: 12/QĐ-UBND\n|\nAn Nam, ngày 3 tháng 5 năm 2019\n|\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH\n"
     "ỦY BAN NHÂN DÂN TỈNH\n" + _BASIS, "Ủy ban nhân dân tỉnh An Nam"),
    # a portal's pipe table that lost the title line and the province line: the seat from the date line
    ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 612/QĐ-UBND |\nVĩnh Long, ngày 05 tháng 3 năm 2020 |\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n" + _BASIS, "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long"),
    # a Kế hoạch has no authority line: the header's body
    (_HEADER + "Số: 12/KH-UBND\n|\nAn Nam, ngày 3 tháng 5 năm 2019\n|\nKẾ HOẠCH\nRÀ SOÁT HỘ NGHÈO NĂM 2019\n" + _BASIS,
     "Ủy ban nhân dân tỉnh An Nam"),
])
def test_authority_line_without_province(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a press lead: the urgency word between the verb and the type; a typo'd "UBDN" ----------------------------
@pytest.mark.parametrize("text, doc_type, number, issuer, urgency", [
    ("Chiều 18/12, ông Lê Văn Tám, Chủ tịch UBND TP Cần Thơ đã ban hành hoả tốc Chỉ thị số 25 về tăng cường phòng, "
     "chống dịch.", "Chỉ thị", "25", "UBND thành phố Cần Thơ", "Hỏa tốc"),
    ("Chiều 18/12, ông Lê Văn Tám, Chủ tịch UBDN TP Cần Thơ đã ban hành hỏa tốc Chỉ thị số 25 về tăng cường phòng, "
     "chống dịch.", "Chỉ thị", "25", "Ủy ban nhân dân thành phố Cần Thơ", "Hỏa tốc"),
    ("Thủ tướng Chính phủ vừa ký Công điện hỏa tốc số 12/CĐ-TTg về ứng phó với bão.",
     "Công điện", "12/CĐ-TTg", "Thủ tướng Chính phủ", "Hỏa tốc"),
    ("Thủ tướng Chính phủ vừa ký Công điện số 12/CĐ-TTg về ứng phó với bão.",
     "Công điện", "12/CĐ-TTg", "Thủ tướng Chính phủ", None),
])
def test_urgency_before_the_type(text, doc_type, number, issuer, urgency):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer, r.urgency) == (doc_type, number, issuer, urgency)
    assert not r.cited_documents


# --- a negated verb issues nothing: "không ra quy định ..." ------------------------------------------------------
@pytest.mark.parametrize("text, doc_type", [
    ("Thành phố không ra quy định gây khó khăn cho người về quê ăn Tết", None),
    ("Thành phố chưa ban hành quy định về phí gửi xe", None),
    ("Thành phố ra quy định về phí gửi xe", "Quy định"),
])
def test_negated_issue_verb(text, doc_type):
    assert extract_text(text).doc_type == doc_type


# --- bodies acting jointly in prose, joined by a dash: the first one named; a dash inside one name stays ---------
@pytest.mark.parametrize("text, name", [
    ("Bộ Y tế-Bộ Công an", "Bộ Y tế"),
    ("Bộ Y tế - Bộ Công an", "Bộ Y tế"),
    ("Văn phòng thường trực Ban Chỉ đạo Phòng chống lụt bão Trung ương-Văn phòng Ủy ban Quốc gia tìm kiếm cứu nạn",
     "Văn phòng thường trực Ban Chỉ đạo Quốc gia về phòng, chống thiên tai"),
    ("Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ Văn hóa - Thông tin", "Bộ Văn hóa - Thông tin"),
])
def test_joint_bodies_in_prose(text, name):
    assert organ(text)[1].name == name


def test_joint_office_issues_a_telegram():
    r = extract_text("Chiều 10-6, Văn phòng thường trực Ban Chỉ đạo Phòng chống lụt bão Trung ương-Văn phòng Ủy ban "
                     "Quốc gia tìm kiếm cứu nạn đã có Công điện khẩn số 02 gửi Ban Chỉ huy Phòng chống lụt bão và Tìm "
                     "kiếm cứu nạn các tỉnh miền núi phía Bắc.")
    assert (r.doc_type, r.number, r.urgency, r.issuer) == (
        "Công điện", "02", "Khẩn", "Văn phòng thường trực Ban Chỉ đạo Quốc gia về phòng, chống thiên tai")


# --- addressees: "và tìm kiếm cứu nạn" inside a Ban Chỉ huy's name (its names before and after 2014); a body of
# a class of its own after a comma -------------------------------------------------------------------------------
_LEAD = "Hồi 16h30, Ban Chỉ đạo Trung ương về phòng, chống thiên tai đã có Công điện số 84/CĐ-TW gửi "
@pytest.mark.parametrize("addressees, expected", [
    ("Ban chỉ huy PCTT và tìm kiếm cứu nạn các tỉnh, thành phố ven biển, Ban Chỉ huy PCTT-TKCN các bộ, ban, ngành",
     ("Ban chỉ huy PCTT và tìm kiếm cứu nạn các tỉnh, thành phố ven biển", "Ban Chỉ huy PCTT-TKCN các bộ, ban, ngành")),
    ("Ban Chỉ huy phòng chống lụt bão và tìm kiếm cứu nạn các tỉnh miền núi; Ban Chỉ huy PCTT-TKCN các bộ",
     ("Ban Chỉ huy phòng chống lụt bão và tìm kiếm cứu nạn các tỉnh miền núi", "Ban Chỉ huy PCTT-TKCN các bộ")),
    ("Sở Nội vụ các tỉnh, thành phố, UBND các huyện", ("Sở Nội vụ các tỉnh, thành phố", "UBND các huyện")),
    # a committee of the same class, no plural of its own: one addressee
    ("các huyện ủy, thị ủy, Thành ủy Tây Hồ", ("các huyện ủy, thị ủy, Thành ủy Tây Hồ",)),
])
def test_telegram_addressees(addressees, expected):
    assert tuple(extract_text(_LEAD + addressees + " về công tác ứng phó với áp thấp nhiệt đới.").recipients) == expected


# --- a draft: "Số:" with no number (alone, or its symbol on a line of its own) anchors the header; its date left
# blank, the words "ngày" / "tháng" / "năm 2016" on lines of their own ----------------------------------------------
_DRAFT = ("VĂN PHÒNG CHÍNH PHỦ\n{num}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n{date}\n\n"
          "DỰ THẢO\n\nTỜ TRÌNH\nVề dự thảo Nghị định ban hành Quy chế làm việc\nKính gửi: Chính phủ\n"
          "Thực hiện Nghị quyết số 01/NQ-CP ngày 07 tháng 01 năm 2016 của Chính phủ, Văn phòng Chính phủ trình như sau:\n")


@pytest.mark.parametrize("num", ["Số:       /TTr-VPCP", "Số:\n\n/TTr-VPCP", "Số: /TTr-VPCP"])
@pytest.mark.parametrize("date, place, iso", [
    ("Hà Nội, ngày 3 tháng 8 năm 2016", "Hà Nội", "2016-08-03"),
    ("Hà Nội, ngày    tháng    năm 2016", "Hà Nội", None),
    ("Hà Nội, ngày\n\ntháng\n\nnăm 2016", "Hà Nội", None),
])
def test_draft_without_number(num, date, place, iso):
    r = extract_text(_DRAFT.format(num=num, date=date))
    assert (r.doc_type, r.number, r.issuer, r.place, r.date) == ("Tờ trình", None, "Văn phòng Chính phủ", place, iso)
    assert r.subject == "Về dự thảo Nghị định ban hành Quy chế làm việc"


# --- a title that goes on from its type's name ("THÔNG TƯ LIÊN TỊCH": a Thông tư, as cited) -----------------------
@pytest.mark.parametrize("title, doc_type", [
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư"),
    ("THÔNG TƯ", "Thông tư"),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình"),
])
def test_title_going_on_from_its_type(title, doc_type):
    text = ("BỘ NỘI VỤ - BỘ TÀI CHÍNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
            "Số: 02/2011/TTLT-BNV-BTC\nHà Nội, ngày 28 tháng 01 năm 2011\n\n" + title + "\n\nHƯỚNG DẪN CHỨC NĂNG\n")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer) == (doc_type, "02/2011/TTLT-BNV-BTC", "Bộ Nội vụ")


def test_urgent_title_keeps_its_urgency():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN NAM\nSố: 04/CĐ-UBND\nAn Nam, ngày 3 tháng 5 năm 2019\n\nCÔNG ĐIỆN KHẨN\n"
            "Về việc ứng phó với bão\n")
    r = extract_text(text)
    assert (r.doc_type, r.urgency) == ("Công điện", "Khẩn")


# --- a law portal's title and notes over the header ("... đã được thay thế bởi Quyết định 366/QĐ-UBND"): the
# portal's words, not the document's citations --------------------------------------------------------------------
@pytest.mark.parametrize("note, cited", [
    ("Quyết định 19/QĐ-UBND bổ sung thủ tục hành chính đã được thay thế bởi Quyết định 366/QĐ-UBND bãi bỏ Quyết "
     "định công bố thủ tục hành chính và được áp dụng kể từ ngày 25/08/2015.\n\n", ["81/QĐ-UBND"]),
    ("", ["81/QĐ-UBND"]),
])
def test_portal_notes_over_the_header(note, cited):
    text = ("Quyết định 19/QĐ-UBND\n\nQuyết định 19/QĐ-UBND năm 2009 bổ sung thủ tục hành chính của tỉnh Bắc Giang\n\n"
            + note + "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
            "Hạnh phúc\nSố: 19/QĐ-UBND\nBắc Giang, ngày 23 tháng 11 năm 2009\n\nQUYẾT ĐỊNH\nVỀ VIỆC BỔ SUNG THỦ TỤC\n"
            "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nQUYẾT ĐỊNH:\nĐiều 1. Bổ sung 04 thủ tục hành chính được công bố kèm theo "
            "Quyết định số 81/QĐ-UBND ngày 17/8/2009 của UBND tỉnh Bắc Giang.\n")
    r = extract_text(text)
    assert (r.doc_type, r.number) == ("Quyết định", "19/QĐ-UBND")
    assert [c.number for c in r.cited_documents if c.number] == cited


# --- a clock time before the yearless date that opens the lead ("Vào lúc 10h00 ngày 21/7, ..."): the year from
# the page's other dates of that month (a crawler's "10:48, 21/07/2018") ------------------------------------------
@pytest.mark.parametrize("lead, date", [
    ("Vào lúc 10h00 ngày 21/7, ", "2018-07-21"),
    ("Hồi 16 giờ 30 ngày 21/7, ", "2018-07-21"),
    ("Lúc 9h ngày 21/7, ", "2018-07-21"),
    ("Ngày 21/7, ", "2018-07-21"),
    ("Theo nguồn tin ngày 21/7, ", None),   # words before the date: not the lead's own date
])
def test_clock_time_before_yearless_date(lead, date):
    text = ("Công điện khẩn của Chủ tịch UBND tỉnh về mưa lũ\n10:48, 21/07/2018\n" + lead +
            "Chủ tịch UBND tỉnh Nghệ An vừa có công điện khẩn số 12/CĐ-UBND về ứng phó mưa lũ.")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date) == ("Công điện", "12/CĐ-UBND", date)


# --- "thay thế Quyết định số ...": the replaced document is referred to, not implemented (though "thi hành" is in
# the clause) ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, relation", [
    ("Quyết định này có hiệu lực thi hành kể từ ngày 14 tháng 9 năm 2024 và thay thế Quyết định số 17/2016/QĐ-UBND "
     "ngày 25 tháng 02 năm 2016 của Ủy ban nhân dân tỉnh.", "refers"),
    ("Thi hành Quyết định số 17/2016/QĐ-UBND ngày 25 tháng 02 năm 2016 của Ủy ban nhân dân tỉnh.", "implements"),
])
def test_replaced_document_is_referred(sentence, relation):
    text = _HEADER + "Số: 64/2024/QĐ-UBND\n|\nAn Nam, ngày 04 tháng 9 năm 2024\n|\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY ĐỊNH\n" \
        "ỦY BAN NHÂN DÂN TỈNH AN NAM\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định.\nĐiều 2. " + sentence + "\n"
    cited = [c for c in extract_text(text).cited_documents if c.number == "17/2016/QĐ-UBND"]
    assert [c.relation for c in cited] == [relation]


# --- "Phó Chủ tịch Thường trực UBND tỉnh X": one post (the signer's role), no "Thường trực" organ acting ----------
@pytest.mark.parametrize("post", ["Phó Chủ tịch Thường trực", "Phó Chủ tịch", "Chủ tịch"])
def test_standing_vice_chair_is_one_post(post):
    r = extract_text(f"{post} UBND tỉnh Lào Cai Lê Văn Tám đã ký ban hành văn bản hoả tốc yêu cầu các sở, ngành "
                     "chủ động ứng phó mưa lũ.")
    assert (r.issuer, r.acting_body, r.signer.name, r.signer.role, r.urgency) == (
        "UBND tỉnh Lào Cai", None, "Lê Văn Tám", post, "Hỏa tốc")


# --- the quốc hiệu as damaged pages print it, on the organ's line: no part of the organ --------------------------
@pytest.mark.parametrize("motto", ["CỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
def test_damaged_national_motto_in_a_flattened_header(motto):
    text = ("  1. ỦY BAN NHÂN DÂN " + motto + " TỈNH HÀ TĨNH Độc lập  Tự do  Hạnh phúc    Số: 16/QĐUBND Hà Tĩnh, ngày 04 "
            "tháng 06 năm 2019   QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật "
            "Phòng, chống thiên tai ngày 19/6/2013; QUYẾT ĐỊNH: Điều 1. Phê duyệt Phương án.")
    r = extract_text(text)
    assert (r.issuer, r.number, r.date) == ("Ủy ban nhân dân tỉnh Hà Tĩnh", "16/QĐUBND", "2019-06-04")


@pytest.mark.parametrize("first_line", ["ỦY BAN NHÂN DÂN | CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
                                        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"])
def test_damaged_national_motto_in_a_pipe_row(first_line):
    text = (first_line + "\nXÃ AN PHÚ | Độc lập - Tự do - Hạnh phúc |\nSố: 36 /KH - UBND |\nAn Phú, ngày 07 tháng 5 năm "
            "2025 |\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2025 trên địa bàn xã An Phú\n"
            "Căn cứ Luật Phòng, chống thiên tai ngày 19/6/2013;\n")
    r = extract_text(text)
    assert (r.issuer, r.number, r.date) == ("Ủy ban nhân dân xã An Phú", "36/KH-UBND", "2025-05-07")


# --- "Xét đề nghị của X tại Văn bản số ...": a comma inside X's name before a lower-case word ("Ban Chỉ huy Phòng,
# chống thiên tai ...") is the name's ---------------------------------------------------------------------------------
@pytest.mark.parametrize("proposer, number, issuer", [
    ("Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh", "81/PCTT",
     "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh Hà Tĩnh"),
    ("Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh", "81/PCTT",
     "Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh Hà Tĩnh"),
    ("Sở Y tế", "81/SYT", "Sở Y tế tỉnh Hà Tĩnh"),
])
def test_proposer_named_with_a_comma(proposer, number, issuer):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 16/QĐ-UBND\nHà Tĩnh, ngày 04 tháng 06 năm 2019\nQUYẾT ĐỊNH\n"
            "VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN\nỦY BAN NHÂN DÂN TỈNH\nXét đề nghị của " + proposer +
            " tại Văn bản số " + number + " ngày 28/5/2019,\nQUYẾT ĐỊNH:\n")
    assert [(c.number, c.issuer) for c in extract_text(text).cited_documents] == [(number, issuer)]


# --- a PDF flattened to one line: the authority line glued to the trích yếu in capitals ends it (its head issues);
# the body a trích yếu names after "CỦA" stays in it ---------------------------------------------------------------
@pytest.mark.parametrize("authority, subject, issuer", [
    ("ỦY BAN NHÂN DÂN TỈNH", "VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO", "Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO",
     "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO", "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("CỦA ỦY BAN NHÂN DÂN TỈNH", "VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO CỦA ỦY BAN NHÂN DÂN TỈNH",
     "Ủy ban nhân dân tỉnh Hà Tĩnh"),
])
def test_authority_line_glued_to_a_flattened_subject(authority, subject, issuer):
    text = ("  1. ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH HÀ TĨNH Độc lập  Tự do  Hạnh phúc    Số: "
            "16/QĐUBND Hà Tĩnh, ngày 04 tháng 06 năm 2019   QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT PHƯƠNG ÁN ỨNG PHÓ VỚI BÃO "
            + authority + " Căn cứ Luật Phòng, chống thiên tai ngày 19/6/2013; QUYẾT ĐỊNH: Điều 1. Phê duyệt.")
    r = extract_text(text)
    assert (r.subject, r.issuer) == (subject, issuer)
