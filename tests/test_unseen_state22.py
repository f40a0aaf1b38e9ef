"""State documents from a twenty-second set of unseen public pages (UBND xã / huyện / tỉnh, Bộ, Tổng cục, Văn
phòng of a Ban Chỉ đạo; law portals' pipe tables and metadata tables, a PDF flattened to one line, an RSS feed
printing the header twice, portal summaries without a header, pages cut in the middle of a word): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text

_PIPES = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "---------------\n|\nSố: 71/KH-UBND\n|\nKhánh Hòa, ngày\n09 tháng 12 năm 2024\n|\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2025\n")
_DECISION = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
             "Số: 12/2006/QĐ-TTg\nHà Nội, ngày 3 tháng 5 năm 2006\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ MẪU\nTHỦ TƯỚNG CHÍNH PHỦ\n")


def _numbers(record):
    return [c.number for c in record.cited_documents]


# --- a page cut inside a citation it named before ("... Quyết định số 2629/QĐ-T", "Luật Tiếp c"): the cut words are
# that citation again, no document of their own; a cut citation naming nothing before stays ---------------------------
@pytest.mark.parametrize("body, cited", [
    ("Căn cứ Quyết định số 26/QĐ-TTg ngày 01/12/2024 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\n"
     "- Thực hiện các nhiệm vụ được giao tại Quyết định số 26/QĐ-T", ["26/QĐ-TTg"]),
    ("Căn cứ Luật Tiếp công dân ngày 25/11/2013;\nỦy ban nhân dân tỉnh thông báo:\n1. Theo Khoản 3 Điều 18 của Luật Tiếp c",
     [None]),
    ("Căn cứ Quyết định số 26/QĐ-TTg ngày 01/12/2024 của Thủ tướng Chính phủ;\n"
     "- Thực hiện Quyết định số 31/QĐ-T", ["26/QĐ-TTg", "31/QĐ-T"]),
])
def test_page_cut_inside_a_citation_named_before(body, cited):
    assert _numbers(extract_text(_PIPES + body)) == cited


# --- "của" and a lower-case word inside a law's name, its number after it: the name goes on, it names no author ------
@pytest.mark.parametrize("line, number, issuer", [
    ("Căn cứ Pháp lệnh Xuất cảnh, nhập cảnh của người nước ngoài tại Việt Nam số24/2001/PL-UBTVQH10 ngày 28 tháng 4 năm 2001;",
     "24/2001/PL-UBTVQH10", "Ủy ban Thường vụ Quốc hội"),
    ("Căn cứ Pháp lệnh Xuất cảnh, nhập cảnh của người nước ngoài số 24/2001/PL-UBTVQH10 ngày 28 tháng 4 năm 2001;",
     "24/2001/PL-UBTVQH10", "Ủy ban Thường vụ Quốc hội"),
])
def test_lower_case_of_inside_a_name(line, number, issuer):
    cited = extract_text(_DECISION + line + "\nQUYẾT ĐỊNH:\n").cited_documents
    assert [(c.number, c.issuer) for c in cited if c.doc_type == "Pháp lệnh"] == [(number, issuer)]


def test_capital_of_after_a_name_is_its_author():
    cited = extract_text(_DECISION + "Căn cứ Luật Đất đai của Quốc hội số 45/2013/QH13;\nQUYẾT ĐỊNH:\n").cited_documents
    assert [(c.number, c.issuer) for c in cited] == [("45/2013/QH13", "Quốc hội")]


# --- a caps trích yếu under the date, the title line dropped, the grounds listed as dash items without a verb --------
_UNTITLED = ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 0815/KH-UBND |\n"
             "Phú Yên, ngày 24 tháng 12 năm 2025 |\nCHUYỂN ĐỔI SỐ TỈNH PHÚ YÊN NĂM 2026\n")


@pytest.mark.parametrize("ground", [
    "- Luật Công nghệ thông tin ngày 29/6/2006;",
    "- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;",
    "- Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
])
def test_caps_subject_over_listed_grounds(ground):
    assert extract_text(_UNTITLED + ground + "\n").subject == "CHUYỂN ĐỔI SỐ TỈNH PHÚ YÊN NĂM 2026"


def test_dash_item_naming_no_document_closes_no_subject():
    assert extract_text(_UNTITLED + "- Tăng cường công tác tuyên truyền;\n").subject is None


# --- a document named on its own and again inside a cited document's subject: the text's own citation ---------------
@pytest.mark.parametrize("body, relation", [
    ("- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;\n"
     "- Nghị quyết số 71/NQ-CP ngày 01/4/2025 về việc cập nhật chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n",
     "refers"),
    ("Căn cứ Quyết định số 15/QĐ-UBND ngày 08/5/2020 của Chủ tịch UBND tỉnh về việc ban hành Kế hoạch thực hiện Nghị định số "
     "02/2019/NĐ-CP ngày 02/1/2019 của Chính phủ về phòng thủ dân sự;\nCăn cứ Nghị định số 02/2019/NĐ-CP ngày 02/1/2019 của Chính phủ;\n",
     "based_on"),
    # named only inside the other's subject: cited by the cited one
    ("- Nghị quyết số 71/NQ-CP ngày 01/4/2025 về việc cập nhật chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n",
     "cited_by_cited"),
])
def test_named_on_its_own_is_the_texts_citation(body, relation):
    cited = extract_text(_UNTITLED + body).cited_documents
    assert {c.relation for c in cited if c.number in ("57-NQ/TW", "02/2019/NĐ-CP")} == {relation}


# --- a portal's title line (the type and trích yếu in sentence case) over the document's own title line -------------
@pytest.mark.parametrize("portal, subject", [
    ("Thông báo Lịch tiếp công dân của UBND xã Tân Phú năm 2026\n", "Lịch tiếp công dân của UBND xã Tân Phú năm 2026"),
    ("", "Lịch tiếp công dân của UBND xã Tân Phú năm 2026"),
])
def test_portal_title_over_the_title_line(portal, subject):
    text = (portal + "THÔNG BÁO\nLịch tiếp công dân của UBND xã Tân Phú năm 2026\nCăn cứ Luật Tiếp công dân ngày 25/11/2013;\n"
            "Ủy ban nhân dân xã Tân Phú thông báo lịch tiếp công dân như sau:\n")
    r = extract_text(text)
    assert (r.doc_type, r.subject) == ("Thông báo", subject)


# --- the office of a central Ban Chỉ đạo in the header: "VĂN PHÒNG" opens its name, and "ĐIỆN:" alone on its line
# opens a Công điện's addressees ----------------------------------------------------------------------------------
_OFFICE = ("VĂN PHÒNG BAN CHỈ ĐẠO TRUNG ƯƠNG VỀ PHÒNG,\nCHỐNG THIÊN TAI\n\n——-\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập – Tự do – Hạnh phúc\n—————\nSố: 09/CĐ-TW Hà Nội, ngày 14 tháng 06 năm 2017\n\nCÔNG ĐIỆN\n")


@pytest.mark.parametrize("marker, recipients", [
    ("ĐIỆN:", ("Ban Chỉ huy PCTT và TKCN các tỉnh: Lai Châu, Sơn La", "Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam")),
    ("ĐIỆN", ("Ban Chỉ huy PCTT và TKCN các tỉnh: Lai Châu, Sơn La", "Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam")),
    ("Kính gửi:", ("Ban Chỉ huy PCTT và TKCN các tỉnh: Lai Châu, Sơn La", "Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam")),
])
def test_office_of_a_steering_committee_and_its_addressees(marker, recipients):
    text = (_OFFICE + marker + "\n\n– Ban Chỉ huy PCTT và TKCN các tỉnh: Lai Châu, Sơn La.\n\n"
            "– Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam,\n\nTheo tin cảnh báo của Trung tâm Dự báo: mưa lớn.\n")
    r = extract_text(text)
    assert (r.issuer, r.issuer_level, r.recipients) == ("Văn phòng Ban Chỉ đạo Trung ương về phòng, chống thiên tai", "central", recipients)


# --- "UBND XÃ X THÔNG BÁO" over a quoted "V/v ...": the verb ends the organ's name, the quotes are the page's ---------
@pytest.mark.parametrize("heading, subject_line", [
    ("UBND XÃ HẢI AN THÔNG BÁO", "“V/v triển khai phòng chống lụt bão, cơn bão số 4”"),
    ("UBND XÃ HẢI AN THÔNG BÁO", "V/v triển khai phòng chống lụt bão, cơn bão số 4"),
    ("UBND XÃ HẢI AN", "\"V/v triển khai phòng chống lụt bão, cơn bão số 4\""),
])
def test_notice_headline_and_quoted_subject(heading, subject_line):
    text = (f"THÔNG BÁO\n\n{heading}\n{subject_line}\n\n- Căn cứ tình hình thực tế cơn bão số 4\n"
            "Ban phòng chống lụt bão xã Hải An thông báo cho các cơ quan, doanh nghiệp cần thực hiện tốt một số nội dung sau:\n")
    r = extract_text(text)
    assert (r.doc_type, r.issuer, r.subject) == ("Thông báo", "UBND xã Hải An", "V/v triển khai phòng chống lụt bão, cơn bão số 4")


# --- a PDF flattened to one line: the sentence-case trích yếu under the title ends before the first section heading -
@pytest.mark.parametrize("flat", [
    "UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM THÀNH PHỐ HỘI PHÚ Độc lập - Tự do - Hạnh phúc Số: 94 /KH-UBND "
    "Hội Phú, ngày 28 tháng 7 năm 2015 KẾ HOẠCH Phòng, chống thiên tai năm 2015 I. Kết quả công tác phòng, chống thiên "
    "tai năm 2014 1. Tình hình thiên tai và thiệt hại do thiên tai gây ra - Trong năm 2014, có 5 cơn bão, 3 áp thấp nhiệt "
    "đới hoạt động trên biển Đông ảnh hưởng đến nước ta. Các cơn bão không ảnh hưởng trực tiếp đến khu vực.",
    "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HỘI PHÚ\nSố: 94 /KH-UBND\nHội Phú, ngày 28 tháng 7 năm 2015\nKẾ HOẠCH\n"
    "Phòng, chống thiên tai năm 2015\nI. Kết quả công tác phòng, chống thiên tai năm 2014\n",
])
def test_sentence_case_subject_before_first_heading(flat):
    r = extract_text(flat)
    assert (r.doc_type, r.number, r.subject) == ("Kế hoạch", "94/KH-UBND", "Phòng, chống thiên tai năm 2015")


# --- the symbol's code typed twice after the number: the date and author after it are still the citation's --------
@pytest.mark.parametrize("line, number, date, issuer", [
    ("Thực hiện Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018 của Bộ Chính trị về việc sắp xếp các ĐVHC;",
     "37-NQ/TW", "2018-12-24", "Bộ Chính trị"),
    ("Thực hiện Nghị quyết số 37-NQ/TW ngày 24/12/2018 của Bộ Chính trị về việc sắp xếp các ĐVHC;",
     "37-NQ/TW", "2018-12-24", "Bộ Chính trị"),
    ("Thực hiện Quyết định số 15/QĐ-UBND QĐ-UBND ngày 2/3/2023 của UBND tỉnh về việc ban hành Quy chế;",
     "15/QĐ-UBND", "2023-03-02", "UBND tỉnh Khánh Hòa"),
])
def test_code_typed_twice(line, number, date, issuer):
    cited = extract_text(_PIPES + line + "\n").cited_documents
    assert [(c.number, c.date, c.issuer) for c in cited] == [(number, date, issuer)]


# --- a portal's summary of a Quyết định: ", cụ thể như sau" cues the content, no part of the subject; "tự giải thể"
# after a body's name is what it does, no part of its name -------------------------------------------------------------
def test_summary_subject_and_dissolving_body():
    text = ("Thành lập Ban Tổ chức Hội hoa Xuân năm 2020\n\nNgày 02/07/2019, Ủy ban nhân dân Thành phố ban hành Quyết định số "
            "2823/QĐ-UBND về thành lập Ban Tổ chức Hội hoa Xuân năm 2020, cụ thể như sau:\n\nBan Tổ chức gồm có 18 thành viên.\n\n"
            "- Quyết định này có hiệu lực thi hành kể từ ngày ký. Ban Tổ chức Hội hoa Xuân năm 2020 tự giải thể sau khi hoàn "
            "thành nhiệm vụ.\n")
    r = extract_text(text)
    assert r.subject == "về thành lập Ban Tổ chức Hội hoa Xuân năm 2020"
    assert [a.bodies for a in r.assignments] == [("Ban Tổ chức Hội hoa Xuân năm 2020",)]


# --- a feed printing the header twice: first glued on one line after the feed's words and cut "[…]", then in full ---
@pytest.mark.parametrize("feed", [
    "Bản tin https://example.vn/feed Fri, 03 Nov 2017 17:57:52 +0000 http://example.vn/?p=11 ",
    "",
])
def test_feed_header_glued_after_its_words(feed):
    glued = ("THỦ TƯỚNG CHÍNH PHỦ —– CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc ——- Số: 31/2005/QĐ-TTG "
             "Hà Nội, ngày 16 tháng 09 năm 2005    QUYẾT ĐỊNH BAN HÀNH QUY CHẾ MẪU VỀ NHẬP CẢNH TẠI ĐẢO PHÚ AN […]\n\n"
             "THỦ TƯỚNG CHÍNH PHỦ\n—–\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\n——-\n\n"
             "Số: 31/2005/QĐ-TTG\n\nHà Nội, ngày 16 tháng 09 năm 2005\n\nQUYẾT ĐỊNH\n\nBAN HÀNH QUY CHẾ MẪU VỀ NHẬP CẢNH TẠI ĐẢO PHÚ AN\n\n"
             "THỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\n")
    r = extract_text(feed * 3 + glued)
    assert (r.issuer, r.number, r.subject) == ("Thủ tướng Chính phủ", "31/2005/QĐ-TTG", "BAN HÀNH QUY CHẾ MẪU VỀ NHẬP CẢNH TẠI ĐẢO PHÚ AN")


# --- a letter (its Kính gửi list) telling who issued the document it builds on: that author writes no letter here ---
@pytest.mark.parametrize("opening, issuer", [
    ("Ngày 03/6/2020, Thủ tướng Chính phủ đã ban hành Quyết định số 749/QĐ-TTg phê duyệt Chương trình. "
     "Bộ Thông tin và Truyền thông trân trọng đề nghị Quý Cơ quan triển khai ngay các nhiệm vụ.", "Bộ Thông tin và Truyền thông"),
    ("Bộ Thông tin và Truyền thông trân trọng đề nghị Quý Cơ quan triển khai ngay các nhiệm vụ.", "Bộ Thông tin và Truyền thông"),
])
def test_letter_telling_its_basis(opening, issuer):
    text = ("Kính\ngửi:\n|\n- Các bộ, cơ quan ngang bộ;\n- Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.\n|\n"
            + opening + "\nTrân trọng./.\nNơi nhận:\n- Như trên;\n- Bộ trưởng;\n")
    assert extract_text(text).issuer == issuer


def test_press_report_of_an_issued_document_stays_the_news():
    text = "Ngày 03/6/2020, Thủ tướng Chính phủ đã ban hành Quyết định số 749/QĐ-TTg phê duyệt Chương trình chuyển đổi số quốc gia.\n"
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer) == ("Quyết định", "749/QĐ-TTg", "Thủ tướng Chính phủ")
