"""State documents from a second set of unseen public pages of session 20 (law portals' pipe tables, press reports
of công điện and công văn, a notice of a meeting's conclusions): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text
from loaders.header_organs import split_organs

_TTG = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n"
        "Số:\n12/QĐ-TTg\n|\nHà Nội, ngày 3 tháng 5 năm 2019\n|\nQUYẾT ĐỊNH\n")
_AUTHORITY = "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"


# --- a trích yếu in capitals wrapped inside a word pair ("AN NINH - QUỐC / PHÒNG GIAI ĐOẠN ..."): the body's
# keyword opening the wrapped line, a period right after it, names no body ------------------------------------
@pytest.mark.parametrize("subject_lines, subject", [
    ("PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN VÙNG BIÊN GIỚI TỈNH AN NAM, BẢO ĐẢM AN NINH - QUỐC\nPHÒNG GIAI ĐOẠN 2021 - 2025\n",
     "PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN VÙNG BIÊN GIỚI TỈNH AN NAM, BẢO ĐẢM AN NINH - QUỐC PHÒNG GIAI ĐOẠN 2021 - 2025"),
    ("VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN KINH TẾ GẮN VỚI QUỐC\nPHÒNG THỜI KỲ 2021 - 2030\n",
     "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN KINH TẾ GẮN VỚI QUỐC PHÒNG THỜI KỲ 2021 - 2030"),
    # controls: no wrap
    ("PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN VÙNG BIÊN GIỚI TỈNH AN NAM GIAI ĐOẠN 2021 - 2025\n",
     "PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN VÙNG BIÊN GIỚI TỈNH AN NAM GIAI ĐOẠN 2021 - 2025"),
])
def test_caps_subject_wrapped_before_a_period(subject_lines, subject):
    r = extract_text(_TTG + subject_lines + _AUTHORITY)
    assert (r.subject, r.issuer, r.number) == (subject, "Thủ tướng Chính phủ", "12/QĐ-TTg")


@pytest.mark.parametrize("line, named", [
    ("PHÒNG GIAI ĐOẠN 2021 - 2025", []),
    ("PHÒNG THỜI KỲ 2021 - 2030", []),
    # controls: a body's name
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", ["Phòng Giáo dục và Đào tạo"]),
    ("BAN CHỈ ĐẠO GIẢM NGHÈO GIAI ĐOẠN 2021 - 2025", ["Ban Chỉ đạo giảm nghèo giai đoạn 2021 - 2025"]),
])
def test_period_after_a_keyword_names_no_body(line, named):
    assert [o.name for o in split_organs(line)] == named


# --- a purpose clause opening the sentence before the yearless date ("Để bảo đảm an toàn ..., ngày 18.5, Chủ tịch
# UBND tỉnh có Công điện số ..."): the date is the document's, its year from the page -----------------------------
@pytest.mark.parametrize("lead, date", [
    (" date 2021-05 BAN - Để bảo đảm an toàn cho người và tài sản, hạn chế thiệt hại, ngày 18.5, ", "2021-05-18"),
    ("BAN - Mưa lớn kéo dài (lúc 10 giờ ngày 17.5.2021). Để bảo đảm an toàn cho người dân, ngày 18.5, ", "2021-05-18"),
    (" date 2021-05 Nhằm chủ động ứng phó với mưa lũ, ngày 18/5, ", "2021-05-18"),
    (" date 2021-05 Ngày 18/5, ", "2021-05-18"),
    # controls: a clause of another kind before the date leaves it unread
    (" date 2021-05 Theo dự báo của đài khí tượng, ngày 18/5, ", None),
])
def test_purpose_clause_before_yearless_date(lead, date):
    r = extract_text(lead + "Chủ tịch UBND tỉnh An Nam có Công điện số 1510 về việc tăng cường phòng, chống tố lốc, mưa to.")
    assert (r.doc_type, r.number, r.date) == ("Công điện", "1510", date)


# --- a portal's lines above a title without a number ("Cập nhật ngày:", "- Lượt xem:"): the title line still names
# the page's own document, which is then cited nowhere -------------------------------------------------------------
_CONCLUDED = ("Thông báo kết luận của Phó Thủ tướng Lê Văn Tám, Trưởng Ban Chỉ đạo tại cuộc họp về phòng, chống dịch\n|\n|\n"
              "Chiều ngày 14 tháng 5 năm 2021, tại trụ sở Chính phủ, Phó Thủ tướng Lê Văn Tám đã chủ trì cuộc họp. "
              "Phó Thủ tướng đã kết luận như sau:\n")


@pytest.mark.parametrize("chrome", [
    "Cập nhật ngày:\n27/05/2021\n- Lượt xem:\n46\n",
    "Cập nhật ngày: 27/05/2021 - Lượt xem: 46\n",
    "- Lượt xem: 46\n",
    "",
])
def test_portal_lines_above_an_unnumbered_title(chrome):
    r = extract_text(chrome + _CONCLUDED)
    assert r.doc_type == "Thông báo"
    assert not r.cited_documents


# --- a placeless head issuing ("Chủ tịch UBND tỉnh có Công điện số ..."), then "Chủ tịch UBND tỉnh chỉ đạo X ...": the
# issuer directing, X the lead body, not the issuer's own body ----------------------------------------------------
@pytest.mark.parametrize("task, bodies", [
    ("Chủ tịch UBND tỉnh chỉ đạo Ban chỉ huy PCTT và TKCN các huyện, thành phố thực hiện ngay một nội dung sau: "
     "Cảnh báo cho nhân dân.", [("Ban chỉ huy PCTT và TKCN các huyện, thành phố",)]),
    ("Chủ tịch UBND tỉnh chỉ đạo Sở Y tế thực hiện ngay việc cảnh báo cho nhân dân.", [("Sở Y tế",)]),
    # controls: another verb, another subject
    ("Chủ tịch UBND tỉnh giao Sở Công thương kiểm tra ngay các hồ thủy điện.", [("Sở Công thương",)]),
    ("UBND tỉnh chỉ đạo Sở Y tế thực hiện ngay việc cảnh báo cho nhân dân.", [("Sở Y tế",)]),
])
def test_placeless_head_directs(task, bodies):
    r = extract_text("Ngày 18/5/2021, Chủ tịch UBND tỉnh có Công điện số 1510 về việc tăng cường phòng, chống tố lốc.\n\n"
                     + task)
    assert r.issuer == "Chủ tịch UBND tỉnh"
    assert [a.bodies for a in r.assignments] == bodies


# --- a document dated after the one whose subject seems to name it is none of that subject: "Thực hiện Chỉ thị số 19
# ngày 16/7 về ... theo Nghị quyết ... và Kế hoạch số 16 ngày 31/8 ...": the Kế hoạch is the page's own ground -------
_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH AN NAM\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "---------------\n\nSố: 12/KH-UBND\n\nAn Nam, ngày 21 tháng 10 năm 2021\n\nKẾ HOẠCH\n\nTHỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG\n\n")


@pytest.mark.parametrize("ground, date, relation", [
    ("theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Kế hoạch", "31/8/2021", "implements"),
    # controls: a younger document right in the subject (no "và") stays its citation (a typo'd date decides nothing);
    # an older one inside the subject is cited by the cited one
    ("theo Kế hoạch", "31/8/2021", "cited_by_cited"),
    ("theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Kế hoạch", "10/6/2021", "cited_by_cited"),
    ("theo Kế hoạch", "10/6/2021", "cited_by_cited"),
])
def test_younger_document_is_no_part_of_a_cited_subject(ground, date, relation):
    r = extract_text(_PLAN + "Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua "
                     f"thực hiện thắng lợi nhiệm vụ năm 2021 {ground} số 16/KH-HĐTĐKT ngày {date} của Hội đồng Thi đua - Khen "
                     "thưởng Trung ương, Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức thực hiện như sau:")
    cited = {c.number: c.relation for c in r.cited_documents if c.number}
    assert cited == {"19/CT-TTg": "implements", "16/KH-HĐTĐKT": relation}


# --- a portal's pipe header that dropped the title line: the capital line right under the place and date, with the
# text's basis under it, is the trích yếu ------------------------------------------------------------------------
_PIPES = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 34/KH-UBND | An Giang, ngày 23 tháng 02 năm 2023 |\n"
_GROUND = "Thực hiện Quyết định số 1651/QĐ-TTg ngày 30/12/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:\n"


@pytest.mark.parametrize("line, subject", [
    ("THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI TRÊN ĐỊA BÀN TỈNH AN GIANG\n",
     "THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI TRÊN ĐỊA BÀN TỈNH AN GIANG"),
    ("KẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI\n", "THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI"),
    # controls: a label, a mark, a body's name
    ("KÍNH GỬI: SỞ Y TẾ TỈNH AN GIANG\n", None),
    ("DỰ THẢO\n", None),
    ("ỦY BAN NHÂN DÂN TỈNH AN GIANG\n", None),
])
def test_untitled_pipe_header_keeps_its_subject(line, subject):
    r = extract_text(_PIPES + line + _GROUND)
    assert (r.doc_type, r.number, r.subject) == ("Kế hoạch", "34/KH-UBND", subject)


# --- a portal's hard wrap right after the dateline's comma ("Ngày 26/8/2025,\nUBND tỉnh ban hành Quyết định số ..."): the
# date is the lead's -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dateline, date", [
    ("Ngày 26/8/2025,\n", "2025-08-26"),
    ("Tiêu đề của bài\n27/08/2025 11:00\nNgày 26/8/2025,\n", "2025-08-26"),
    ("Sáng 26/8/2025,\n", "2025-08-26"),
    ("Ngày 26/8/2025, ", "2025-08-26"),
    # controls: no comma, the date is a line of its own (a portal's clock)
    ("Ngày 26/8/2025\n", None),
])
def test_dateline_wrapped_after_its_comma(dateline, date):
    r = extract_text(dateline + "UBND tỉnh ban hành Quyết định số 2733/QĐ-UBND về việc thành lập Tổ công tác liên ngành.\n")
    assert (r.doc_type, r.number, r.date) == ("Quyết định", "2733/QĐ-UBND", date)


# --- a law named in lower case right after a basis verb, its date or year closing the item ("Căn cứ Luật tổ chức Hội
# đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;"): cited, as the capitalised title is -------------------------------
_DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 16/2017/QĐ-UBND\nSơn La, ngày 05 tháng 6 năm 2017\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ PHỐI HỢP\n"
             "ỦY BAN NHÂN DÂN TỈNH SƠN LA\n")


@pytest.mark.parametrize("basis, cited", [
    ("Căn cứ Luật ban hành văn bản quy phạm pháp luật năm 2015;",
     [("Luật ban hành văn bản quy phạm pháp luật năm 2015", None)]),
    ("Căn cứ Luật ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
     [("Luật ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015", "2015-06-22")]),
    ("Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban\nnhân dân ngày 26/11/2003;",
     [("Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003", "2003-11-26")]),
    # controls: no basis verb, no date closing the item
    ("Các cơ quan thực hiện Luật ban hành văn bản quy phạm pháp luật năm 2015 và các văn bản hướng dẫn;", []),
    ("Căn cứ Luật hiện hành;", []),
])
def test_lower_case_law_after_a_basis_verb(basis, cited):
    r = extract_text(_DECISION + basis + "\nQUYẾT ĐỊNH:\n")
    assert [(c.text, c.date) for c in r.cited_documents] == cited


# --- a numbered document named again loosely by the body its head leads ("Quyết định số 1651/QĐ-TTg ... của Thủ tướng
# Chính phủ ... thực hiện Quyết định của Chính phủ"): the same document, no second citation --------------------------
_PLAN_PIPES = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 34/KH-UBND | An Giang, ngày 23 tháng 02 năm 2023 |\n"
               "KẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH PHÒNG, CHỐNG THIÊN TAI\n")


@pytest.mark.parametrize("first, again, cited", [
    ("Quyết định số 1651/QĐ-TTg ngày 30/12/2022 của Thủ tướng Chính phủ", "Quyết định của Chính phủ",
     [("1651/QĐ-TTg", "Thủ tướng Chính phủ")]),
    ("Quyết định số 12/QĐ-UBND ngày 30/12/2022 của Chủ tịch UBND tỉnh An Giang", "Quyết định của UBND tỉnh An Giang",
     [("12/QĐ-UBND", "Chủ tịch UBND tỉnh An Giang")]),
    # controls: another type named loosely is another document
    ("Quyết định số 1651/QĐ-TTg ngày 30/12/2022 của Thủ tướng Chính phủ", "Nghị quyết của Chính phủ",
     [("1651/QĐ-TTg", "Thủ tướng Chính phủ"), (None, "Chính phủ")]),
])
def test_numbered_document_named_again_by_its_heads_body(first, again, cited):
    r = extract_text(_PLAN_PIPES + f"Thực hiện {first}, UBND tỉnh ban hành Kế hoạch như sau:\n"
                     f"Đảm bảo phối hợp trong quá trình thực hiện {again}.\n")
    assert [(c.number, c.issuer) for c in r.cited_documents] == cited
