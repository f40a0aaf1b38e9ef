"""State documents from a twenty-first set of unseen public pages (law portals' pipe tables and metadata tables,
one-line glued headers, VPCP letters with glued words, a Sở's Tờ trình cited by the department's name alone, a
2025 Quyết định of the Thủ tướng whose title line the portal dropped): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text

_PIPES = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "---------------\n|\nSố: 71/KH-UBND\n|\nKhánh Hòa, ngày\n09 tháng 12 năm 2024\n|\nKẾ HOẠCH\n")
_DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 412/QĐ-UBND\n|\n"
             "Lâm Đồng, ngày 3 tháng 5 năm 2023\n|\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ MẪU\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")


def _cited(record, number):
    return next(c for c in record.cited_documents if c.number == number)


# --- a Sở named alone as the author of a cited document: the Sở of the document's province, as its symbol
# code would say ("TTr-SYT"); named alone as an addressee or a task's body it stays as written ---------------
@pytest.mark.parametrize("line, number, issuer", [
    ("Theo đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 88/TTr-STTTT ngày 31/7/2023.",
     "88/TTr-STTTT", "Sở Thông tin và Truyền thông tỉnh Lâm Đồng"),
    ("Trên cơ sở đề xuất của Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 23/TTr-SNN ngày 29/9/2023,",
     "23/TTr-SNN", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng"),
    ("Xét đề nghị của Sở Nông nghiệp và PTNT tại Tờ trình số 23/TTr-SNN ngày 29/9/2023;",
     "23/TTr-SNN", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng"),
    ("Căn cứ Công văn số 228/STP-XDVB ngày 22/5/2023 của Sở Tư pháp;", "228/STP-XDVB", "Sở Tư pháp tỉnh Lâm Đồng"),
    ("Xét đề nghị của Sở Kế hoạch và Đầu tư tại Tờ trình số 265/TTr-SKHĐT ngày 07/7/2023;",
     "265/TTr-SKHĐT", "Sở Kế hoạch và Đầu tư tỉnh Lâm Đồng"),
    # a central body stays central
    ("Căn cứ Công văn số 3115/BTTTT-CVT ngày 02/8/2023 của Bộ Thông tin và Truyền thông;",
     "3115/BTTTT-CVT", "Bộ Thông tin và Truyền thông"),
])
def test_department_alone_as_cited_issuer(line, number, issuer):
    assert _cited(extract_text(_DECISION + line + "\nQUYẾT ĐỊNH:\n"), number).issuer == issuer


def test_department_alone_as_task_body_stays_written():
    text = _PIPES + "TRIỂN KHAI DỊCH VỤ CÔNG\nI. NHIỆM VỤ\n1. Sở Tư pháp chủ trì, phối hợp với các sở, ngành rà soát thủ tục hành chính.\n"
    assert [a.bodies for a in extract_text(text).assignments] == [("Sở Tư pháp",)]


# --- "... ĐỊA PHƯƠNG SỐ 72/2025/QH15": "phương" is a word, no damaged "Phương án" -----------------------------------
@pytest.mark.parametrize("text, cited", [
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", [("Luật", "72/2025/QH15")]),
    ("BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15\nThực hiện Nghị quyết số 5/NQ-CP;",
     [("Nghị quyết", "5/NQ-CP")]),
    # a damaged type word is still read ("Phương ánn số 3/PA-UBND": one letter typed twice)
    ("Thực hiện Phương ánn số 3/PA-UBND ngày 2/3/2023 của UBND tỉnh;", [("Phương án", "3/PA-UBND")]),
])
def test_word_phuong_is_no_type(text, cited):
    r = extract_text(_DECISION + text + "\nQUYẾT ĐỊNH:\n")
    assert [(c.doc_type, c.number) for c in r.cited_documents if c.doc_type != "Luật" or c.number] == cited


# --- a 2025 Thủ tướng's decision on a portal: metadata table, pipe header without the type line, the trích yếu in
# capitals right under the date, the authority line after it; "KT. THỦ TƯỚNG |" then the annex's title ----------
_META = ("Quyết định 1234/QĐ-TTg năm 2025 về Kế hoạch thực hiện Luật Mẫu do Thủ tướng Chính phủ ban hành\n"
         "Số hiệu | 1234/QĐ-TTg |\nNgày ban hành | 24/07/2025 |\nLoại văn bản | Quyết định |\n"
         "Cơ quan ban hành | Thủ tướng Chính phủ |\n")


@pytest.mark.parametrize("lead, subject", [
    (_META, "BAN HÀNH KẾ HOẠCH THỰC HIỆN LUẬT MẪU"),
    ("", "BAN HÀNH KẾ HOẠCH THỰC HIỆN LUẬT MẪU"),
])
def test_caps_subject_under_date_before_authority_line(lead, subject):
    text = (lead + "THỦ TƯỚNG CHÍNH\nPHỦ |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 1234/QĐ-TTg |\n"
            "Hà Nội, ngày 24 tháng 7 năm 2025 |\nBAN HÀNH KẾ HOẠCH THỰC HIỆN LUẬT MẪU\nTHỦ TƯỚNG CHÍNH PHỦ\n"
            "Căn cứ Nghị định số 80/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Luật Mẫu.\n|\nKT. THỦ TƯỚNG |\nKẾ HOẠCH\n"
            "THỰC HIỆN LUẬT MẪU\n")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer, r.subject) == ("Quyết định", "1234/QĐ-TTg", "Thủ tướng Chính phủ", subject)
    assert (r.signer.name, r.signer.role, r.signer.authority) == (None, None, "KT. THỦ TƯỚNG")


@pytest.mark.parametrize("role_line, role", [
    ("KẾ HOẠCH", None),              # the annex's title under the capacity: no post
    ("QUY CHẾ", None),
    ("PHÓ THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"),
])
def test_annex_title_is_no_role(role_line, role):
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 99/QĐ-TTg\n|\nHà Nội, ngày 2 tháng 3 năm 2024\n|\n"
            "QUYẾT ĐỊNH\nVỀ VIỆC MẪU\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n"
            f"QUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch.\nKT. THỦ TƯỚNG\n{role_line}\n")
    assert extract_text(text).signer.role == role


# --- a day glued to "ngày" by a portal ("ngày27 tháng 02 năm 2009") -------------------------------------------------
@pytest.mark.parametrize("line, date", [
    ("Văn phòng Chính phủ đã nhận được công văn số 12/BC-BYT ngày27 tháng 02 năm 2009 của Bộ Y tế.", "2009-02-27"),
    ("Văn phòng Chính phủ đã nhận được công văn số 12/BC-BYT ngày 27 tháng 02 năm 2009 của Bộ Y tế.", "2009-02-27"),
    ("Văn phòng Chính phủ đã nhận được công văn số 12/BC-BYT ngày27/02/2009 của Bộ Y tế.", "2009-02-27"),
])
def test_day_glued_to_its_word(line, date):
    text = ("VĂN PHÒNG CHÍNH PHỦ\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 45/VPCP-KGVX\nV/v xin ý kiến\n|\n"
            "Hà Nội, ngày 09 tháng 03 năm 2009\n|\nKính gửi: Bộ Nội vụ\n\n" + line + "\n")
    c = _cited(extract_text(text), "12/BC-BYT")
    assert (c.date, c.issuer) == (date, "Bộ Y tế")


# --- a grounds section headed "I. CĂN CỨ PHÁP LÝ": no part of the trích yếu; its items are grounds, also after an
# item whose subject names another document ("sửa đổi ... Nghị định số 61/2018/NĐ-CP ...;") -------------------------
def test_grounds_heading_ends_subject_and_heads_items():
    text = (_PIPES + "TRIỂN\nKHAI DỊCH VỤ CÔNG TRỰC TUYẾN TRÊN ĐỊA BÀN TỈNH\nI. CĂN CỨ PHÁP LÝ\n"
            "Luật Giao dịch điện tử (sửa đổi) ngày 22/6/2023;\n"
            "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính\nphủ quy định việc cung cấp thông tin;\n"
            "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của\nChính phủ sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP ngày\n"
            "23/4/2018 của Chính phủ về thực hiện cơ chế một cửa;\n"
            "Nghị định số 69/2024/NĐ-CP ngày 25/6/2024 của Chính\nphủ quy định về định danh;\n"
            "Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn\nphòng Chính phủ quy định một số nội dung;\n"
            "Xét đề nghị của Sở Thông tin và Truyền thông tại Tờ\ntrình số 3754/TTr-STTTT ngày 15/11/2024.\n")
    r = extract_text(text)
    assert r.subject == "TRIỂN KHAI DỊCH VỤ CÔNG TRỰC TUYẾN TRÊN ĐỊA BÀN TỈNH"
    relations = {c.number: c.relation for c in r.cited_documents if c.number}
    assert relations == {"42/2022/NĐ-CP": "based_on", "107/2021/NĐ-CP": "based_on", "61/2018/NĐ-CP": "refers",
                         "69/2024/NĐ-CP": "based_on", "01/2023/TT-VPCP": "based_on", "3754/TTr-STTTT": "refers"}


# --- an addressee named in full in the Kính gửi list keeps its whole name in a task: no verb inside it ("khắc
# phục", "sử dụng"), no shorter known name ("Ban Chỉ đạo quốc gia" is another Ban's short name), nothing a portal
# glued to it; its line in the list is no task --------------------------------------------------------------------
_BOARD = "Ban Chỉ đạo quốc gia về khắc phục hậu quả bom mìn do chiến tranh sử dụng tại Việt Nam"


@pytest.mark.parametrize("task", [
    f"Giao Bộ Quốc phòng, {_BOARD} nghiên cứu báo cáo, có ý kiến trình Thủ tướng Chính phủ.",
    f"Giao Bộ Quốc phòng, {_BOARD}nghiên cứu báo cáo, có ý kiến trình Thủ tướng Chính phủ.",
    f"Bộ Quốc phòng, {_BOARD} nghiên cứu báo cáo, có ý kiến trình Thủ tướng Chính phủ.",
])
def test_addressee_named_in_full(task):
    text = ("VĂN PHÒNG CHÍNH PHỦ\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 22/VPCP-KGVX\nV/v báo cáo của Hội\n|\n"
            f"Hà Nội, ngày 09 tháng 4 năm 2011\n|\nKính gửi:\n- Bộ Quốc phòng;\n- {_BOARD}.\n\n"
            f"Phó Thủ tướng có ý kiến chỉ đạo như sau:\n\n{task}\n\nVăn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n")
    r = extract_text(text)
    assert r.recipients == ("Bộ Quốc phòng", _BOARD)
    assert [a.bodies for a in r.assignments] == [("Bộ Quốc phòng", _BOARD)]


# --- "THÚC ĐẨY" in a trích yếu in capitals stays: no OCR misreading of the known "THỨC" ---------------------------
@pytest.mark.parametrize("title, subject", [
    ("VỀ VIỆC PHÁT TRIỂN CHÍNH QUYỀN\nSỐ, THÚC ĐẨY CHUYỂN ĐỔI SỐ", "VỀ VIỆC PHÁT TRIỂN CHÍNH QUYỀN SỐ, THÚC ĐẨY CHUYỂN ĐỔI SỐ"),
    ("VỀ VIỆC NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ", "VỀ VIỆC NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ"),
])
def test_caps_word_right_as_written(title, subject):
    text = _PIPES.replace("KẾ HOẠCH", "CHỈ THỊ").replace("71/KH-UBND", "6/CT-UBND") + title + "\nTriển khai thực hiện Nghị quyết số 6-NQ/TU;\n"
    assert extract_text(text).subject == subject


# --- "chỉ đạo X về việc ...": what the order is about is no part of X's name -----------------------------------------
@pytest.mark.parametrize("lead, bodies", [
    ("Ngày 23/8, Chủ tịch UBND tỉnh đã ban hành Công điện số 12/CĐ-UBND chỉ đạo các sở, ban, ngành, địa phương về việc "
     "tập trung ứng phó với bão số 5.", [("các sở, ban, ngành, địa phương",)]),
    ("Ngày 23/8, Chủ tịch UBND tỉnh đã ban hành Công điện số 12/CĐ-UBND chỉ đạo Sở Y tế, Công an tỉnh về việc tập trung "
     "ứng phó với bão số 5.", [("Sở Y tế", "Công an tỉnh")]),
    ("Ngày 23/8, Chủ tịch UBND tỉnh đã ban hành Công điện số 12/CĐ-UBND chỉ đạo Sở Y tế, Công an tỉnh tập trung ứng phó "
     "với bão số 5.", [("Sở Y tế", "Công an tỉnh")]),
])
def test_topic_after_the_bodies(lead, bodies):
    assert [a.bodies for a in extract_text(lead).assignments] == bodies


# --- a press report's list after "gửi", its items set off by ";": a post ("Chỉ huy trưởng") opens the next one ------
@pytest.mark.parametrize("text, recipients", [
    ("Chủ tịch UBND tỉnh Thanh Hóa ban hành Công điện khẩn số 31/CĐ-UBND về việc ứng phó bão số 7.\n\nCông điện gửi "
     "Giám đốc các sở, ban, ngành cấp tỉnh; Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, Giám đốc Công an tỉnh; Chủ tịch UBND "
     "các xã, phường.",
     ("Giám đốc các sở, ban, ngành cấp tỉnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Giám đốc Công an tỉnh",
      "Chủ tịch UBND các xã, phường")),
    ("Chủ tịch UBND tỉnh Thanh Hóa ban hành Công điện khẩn số 31/CĐ-UBND về việc ứng phó bão số 7.\n\nCông điện gửi "
     "Giám đốc các sở, ban, ngành cấp tỉnh; Giám đốc Công an tỉnh; Chủ tịch UBND các xã, phường.",
     ("Giám đốc các sở, ban, ngành cấp tỉnh", "Giám đốc Công an tỉnh", "Chủ tịch UBND các xã, phường")),
])
def test_press_recipients_over_semicolons(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "của một số ngành ..., ... quy định tại Luật ...": "một số" opens no body, so no author of the law ---------------
@pytest.mark.parametrize("text, issuer", [
    ("để đáp ứng nhu cầu của một số ngành sản xuất, Nhà nước đã cho phép nhập khẩu với các điều kiện quy định tại "
     "Luật Bảo vệ môi trường.", None),
    ("Theo đề nghị của Sở Tài chính tại Công văn số 1044/STC-QLG ngày 29/5/2014.", "Sở Tài chính tỉnh Lâm Đồng"),
])
def test_lower_case_words_before_tai_name_no_author(text, issuer):
    r = extract_text(_DECISION + text + "\n")
    assert [c.issuer for c in r.cited_documents if c.doc_type != "Luật" or "Bảo vệ" in c.text] == [issuer]


# --- "gửi các Bộ: Quốc phòng, Ngoại giao, ...": a ministry's name without its head in a colon list holds no task
# verb ("giao" of "Ngoại giao"); the list goes on over ";" ---------------------------------------------------------
@pytest.mark.parametrize("listed, recipients", [
    ("các Bộ: Quốc phòng, Giao thông vận tải, Ngoại giao, Tài nguyên và Môi trường; Thông tấn xã Việt Nam",
     ("Bộ Quốc phòng", "Bộ Giao thông vận tải", "Bộ Ngoại giao", "Bộ Tài nguyên và Môi trường", "Thông tấn xã Việt Nam")),
    ("các Bộ: Ngoại giao, Quốc phòng; Đài Truyền hình Việt Nam",
     ("Bộ Ngoại giao", "Bộ Quốc phòng", "Đài Truyền hình Việt Nam")),
    ("Bộ Ngoại giao, Thông tấn xã Việt Nam", ("Bộ Ngoại giao", "Thông tấn xã Việt Nam")),
])
def test_colon_list_tail_holds_no_verb(listed, recipients):
    text = f"Ngày 24/8/2016, Ban Chỉ đạo Trung ương về Phòng, chống thiên tai đã có Công điện số 20/CĐ-TW gửi {listed}."
    assert extract_text(text).recipients == recipients


# --- a yearless "Ngày 24/8" in a report whose portal printed its posting time on a line of its own ----------------
@pytest.mark.parametrize("stamp, date", [
    ("2016-08-25 09:40:24", "2016-08-24"),
    ("2016-09-02 09:40", "2016-08-24"),
    ("", None),
])
def test_posting_time_gives_the_year(stamp, date):
    text = ("Ngày 24/8, Ban Chỉ đạo Trung ương về Phòng, chống thiên tai đã có Công điện số 20/CĐ-TW gửi Ban Chỉ huy "
            f"Phòng chống thiên tai và Tìm kiếm cứu nạn các tỉnh ven biển.\n{stamp}\n")
    assert extract_text(text).date == date


# --- a number of six digits: a big office's letters ("Số: 101322/CTHN-TTHT") ------------------------------------------
@pytest.mark.parametrize("number", ["101322/CTHN-TTHT", "10132/CTHN-TTHT", "7/CTHN-TTHT"])
def test_six_digit_number(number):
    text = (f"TỔNG CỤC THUẾ\nCỤC THUẾ TP HÀ NỘI\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: {number}\n"
            "V/v chính sách thuế\n|\nHà Nội, ngày 23 tháng 11 năm 2020\n|\nKính gửi: Cục Thuế tỉnh Nam Định\n"
            f"Trả lời công văn số {number.replace('CTHN', 'CTND')} ngày 22/09/2020 của Cục Thuế tỉnh Nam Định.\n")
    r = extract_text(text)
    assert (r.number, [c.number for c in r.cited_documents]) == (number, [number.replace("CTHN", "CTND")])


# --- a lower-case trích yếu whose last word, an abbreviation in capitals, a table cell wrapped onto its own line -----
@pytest.mark.parametrize("tail, subject", [
    ("GTGT", "V/v chính sách thuế GTGT"),
    ("TNCN.", "V/v chính sách thuế TNCN."),
    ("QUẬN", "V/v chính sách thuế"),      # a word with a vowel: a header line, no part of the trích yếu
])
def test_abbreviation_wrapped_in_subject(tail, subject):
    text = ("TỔNG CỤC THUẾ\nCỤC THUẾ TP HÀ NỘI\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 1013/CTHN-TTHT\n"
            f"V/v chính sách thuế\n{tail}\n|\nHà Nội, ngày 23 tháng 11 năm 2020\n|\nKính gửi: Cục Thuế tỉnh Nam Định\n"
            "Trả lời công văn số 12/CTND-TTHT ngày 22/09/2020 của Cục Thuế tỉnh Nam Định.\n")
    assert extract_text(text).subject == subject


# --- a company addressed with its postal address; the text's first line "Trả lời công văn ..." is no addressee -------
@pytest.mark.parametrize("addressed, recipients", [
    ("Kính gửi: Công ty TNHH Mẫu Distribution\n(Việt Nam)\n(Đ/c: tầng 22 tòa nhà A, 12 Đê La Thành, Hà Nội - MST: 0100000000)",
     ("Công ty TNHH Mẫu Distribution (Việt Nam)",)),
    ("Kính gửi: Công ty TNHH Mẫu Distribution (Địa chỉ: 12 Đê La Thành, Hà Nội)", ("Công ty TNHH Mẫu Distribution",)),
    ("Kính gửi: Cục Thuế tỉnh Nam Định", ("Cục Thuế tỉnh Nam Định",)),
])
def test_addressee_without_address(addressed, recipients):
    text = ("TỔNG CỤC THUẾ\nCỤC THUẾ TP HÀ NỘI\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 1013/CTHN-TTHT\n"
            f"V/v chính sách thuế\n|\nHà Nội, ngày 23 tháng 11 năm 2020\n|\n{addressed}\n"
            "Trả lời công văn số 12/CT-TTHT ngày 22/09/2020 của Cục Thuế tỉnh Nam Định.\n")
    assert extract_text(text).recipients == recipients
