"""State documents read from unseen public pages: the layouts and phrasings they taught us.

Every sentence here is written for the test (names, numbers and provinces made up), modelled on
what the pages showed; each table row is one way a real page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text

_HEADER = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: {number}

Hà Nam, ngày 14 tháng 9 năm 2022

{title}

{subject}

"""


def _tasks(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(a.bodies, a.cooperating) for a in extract_text(text).assignments]


# --- a task starts after "... có ý kiến chỉ đạo:" also when it is on the next line --------------
@pytest.mark.parametrize("text, lead", [
    ("Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến chỉ đạo:\n"
     "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham gia ý kiến vào dự thảo.", ("Sở Tài chính",)),
    ("Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
     "Yêu cầu Sở Xây dựng khẩn trương rà soát các công trình trên địa bàn.", ("Sở Xây dựng",)),
    ("Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: Giao Sở Y tế chủ trì tổng hợp số liệu.", ("Sở Y tế",)),
])
def test_task_after_a_colon_on_the_next_line(text, lead):
    assert [bodies for bodies, _ in _tasks(text)] == [lead]


# --- partners named by a class end with the class, whatever verb follows -------------------------
@pytest.mark.parametrize("text, cooperating", [
    ("Giao Sở Công Thương chủ trì, phối hợp với các đơn vị liên quan đánh giá, tổng hợp kết quả.",
     ("các đơn vị liên quan",)),
    ("Giao Sở Tư pháp chủ trì phối hợp với Sở Nội vụ và các cơ quan có liên quan góp ý dự thảo.",
     ("Sở Nội vụ", "các cơ quan có liên quan")),
])
def test_partner_class_ends_the_partners(text, cooperating):
    assert [coop for _, coop in _tasks(text)] == [cooperating]


# --- a symbol with an ampersand ("CCHC&PC", "NN&PTNT") is one number ------------------------------
@pytest.mark.parametrize("text, number, date", [
    ("Xét đề nghị của Sở Nội vụ tại Công văn số 517/SNV-CCHC&PC ngày 03 tháng 8 năm 2021;",
     "517/SNV-CCHC&PC", "2021-08-03"),
    ("Theo đề nghị tại Tờ trình số 61/TTr-SNN&PTNT ngày 9/3/2020 của Sở Nông nghiệp;",
     "61/TTr-SNN&PTNT", "2020-03-09"),
    ("Xét Tờ trình số 208/TTr -\nNN&PTNT ngày 15/7/2011 của Sở Nông nghiệp;", "208/TTr-NN&PTNT", "2011-07-15"),
])
def test_symbol_with_an_ampersand(text, number, date):
    [cited] = extract_text(text).cited_documents
    assert (cited.number, cited.date) == (number, date)


# --- "Luật <title> số 35/2018/QH14": the law's own number, not a damaged type word ----------------
@pytest.mark.parametrize("text, doc_type, number", [
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 12/2019/QH14;", "Luật", "12/2019/QH14"),
    ("Căn cứ Luật Thủy sản số 18/2017/QH14 ngày 21 tháng 11 năm 2017;", "Luật", "18/2017/QH14"),
    ("Căn cứ Pháp lệnh Thú y số 18/2004/PL-UBTVQH11;", "Pháp lệnh", "18/2004/PL-UBTVQH11"),
])
def test_named_law_keeps_its_number(text, doc_type, number):
    [cited] = extract_text(text).cited_documents
    assert (cited.doc_type, cited.number) == (doc_type, number)


# --- "Nghị quyết số: 120/2020/UBTVQH14" under "ỦY BAN THƯỜNG VỤ / QUỐC HỘI" ------------------------
def test_number_line_naming_its_type_and_the_standing_committee():
    text = ("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n\nNghị quyết số: 120/2020/UBTVQH14\n\n"
            "Hà Nội, ngày 19 tháng 2 năm 2020\n\nNGHỊ QUYẾT\n\nVỀ VIỆC THÀNH LẬP THỊ XÃ MẪU\n\n"
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")
    r = extract_text(text)
    assert (r.doc_type, r.number, r.date, r.issuer, r.subject) == (
        "Nghị quyết", "120/2020/UBTVQH14", "2020-02-19", "Ủy ban Thường vụ Quốc hội", "VỀ VIỆC THÀNH LẬP THỊ XÃ MẪU")


# --- trích yếu: a long one in capitals; a sentence-case one with a date and the rule under it ----
_LONG = ("THỰC HIỆN CHỈ THỊ SỐ 07/CT-TTG NGÀY 02 THÁNG 3 NĂM 2022 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC "
         "ĐẨY MẠNH PHONG TRÀO THI ĐUA YÊU NƯỚC NHẰM HOÀN THÀNH CÁC MỤC TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI "
         "GIAI ĐOẠN 2021 - 2025 TRÊN ĐỊA BÀN TỈNH HÀ NAM")


@pytest.mark.parametrize("title, subject_lines, subject", [
    ("KẾ HOẠCH", _LONG, _LONG),
    ("THÔNG TƯ", "Hướng dẫn thi hành Nghị định số 41/2009/NĐ-CP ngày 05/5/2009\n\ncủa Chính phủ về chế độ"
                 " tập sự\n\n________________",
     "Hướng dẫn thi hành Nghị định số 41/2009/NĐ-CP ngày 05/5/2009 của Chính phủ về chế độ tập sự"),
])
def test_subject_lines(title, subject_lines, subject):
    assert len(_LONG) > 160
    text = _HEADER.format(number="71/KH-UBND", title=title, subject=subject_lines) + \
        "Thi hành Nghị định số 41/2009/NĐ-CP, Ủy ban nhân dân tỉnh hướng dẫn như sau:\n"
    assert extract_text(text).subject == subject


# --- lists of lead bodies: posts before classes, shared "UBND huyện", a named class ending ---------
@pytest.mark.parametrize("text, lead", [
    ("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Trưởng các ban, ngành, đơn vị cấp tỉnh tổ chức kiểm tra.",
     ("các sở", "các ban, ngành, đơn vị cấp tỉnh")),
    ("Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Xây dựng và Thủ trưởng các đơn vị liên quan tổ chức kiểm tra.",
     ("Sở Xây dựng",)),
    ("Giám đốc các sở, ban, ngành, thủ trưởng cơ quan thuộc UBND tỉnh, Chủ tịch UBND huyện, thị xã "
     "tổ chức kiểm tra.", ("các sở, ban, ngành", "cơ quan thuộc UBND tỉnh", "UBND huyện, thị xã")),
    ("Công điện yêu cầu UBND huyện Hòa An, Bảo Lạc tổ chức kiểm tra ngay.", ("UBND huyện Hòa An", "UBND huyện Bảo Lạc")),
    ("Sở Y tế đề nghị các phòng Y tế các huyện, thị xã, các đơn vị trực thuộc sở tổ chức kiểm tra.",
     ("các phòng Y tế các huyện, thị xã", "các đơn vị trực thuộc sở")),
])
def test_lead_lists(text, lead):
    assert [b for bodies, _ in _tasks(text) for b in bodies] == list(lead)


# --- "các sở giáo dục và đào tạo": lower-case words after "và" continue the class's name ---------
@pytest.mark.parametrize("text, lead", [
    ("Bộ Giáo dục và Đào tạo đề nghị các sở giáo dục và đào tạo tổ chức kiểm tra.", ("các sở giáo dục và đào tạo",)),
    ("Bộ Nội vụ đề nghị Sở Y tế và các đơn vị trực thuộc tổ chức kiểm tra.", ("Sở Y tế", "các đơn vị trực thuộc")),
])
def test_lower_case_name_after_and(text, lead):
    assert [b for bodies, _ in _tasks(text) for b in bodies] == list(lead)


# --- a newspaper's sigle before the first sentence is not part of the issuer ---------------------
@pytest.mark.parametrize("text, issuer", [
    ("(BTN)- Văn phòng Chính phủ vừa có Công văn số 512/VPCP-KTTH gửi các Bộ về việc rà soát dự án.",
     "Văn phòng Chính phủ"),
    ("LCO - Ngày 7.4, Chủ tịch UBND tỉnh đã có Công điện số 88/CĐ-UBND về việc phòng chống rét.",
     "Chủ tịch UBND tỉnh"),
])
def test_press_sigle_before_the_issuer(text, issuer):
    assert extract_text(text).issuer == issuer


# --- the quốc hiệu broken over two cells of a flattened table does not join the organ -------------
def test_motto_broken_after_its_first_word():
    text = ("UỶ\nBAN NHÂN DÂN |\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 09/2014/QĐ-UBND |\n"
            "Cao Bằng, ngày 11 tháng 3 năm 2014 |\nỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nCăn cứ Luật Đất đai;\n")
    r = extract_text(text)
    assert (r.issuer, r.issuer_level) == ("Ủy ban nhân dân tỉnh Cao Bằng", "province")


# --- a press recipient list ends before the comma of the next clause -----------------------------
def test_press_recipient_without_trailing_comma():
    text = ("Bộ Công Thương vừa có công văn khẩn về việc bảo đảm cung ứng xăng dầu gửi Ủy ban nhân dân "
            "các tỉnh, thành phố trực thuộc Trung ương, đề nghị các địa phương theo dõi sát thị trường.")
    assert extract_text(text).recipients == ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",)


# --- third set of unseen State pages (2026-12-06, third part) -------------------------------------

# --- a lead list ends at a verb the pages used that is not in every sentence ---------------------
@pytest.mark.parametrize("text, lead", [
    ("Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các huyện, thị xã, thành phố đình hoãn các cuộc họp "
     "chưa thật sự cấp bách để tập trung ứng phó với mưa lũ.", ("UBND các huyện, thị xã, thành phố",)),
    ("UBND tỉnh giao các sở, ban, ngành và UBND các huyện, thành phố căn cứ chức năng, nhiệm vụ "
     "được giao triển khai các giải pháp bảo đảm an ninh trật tự.",
     ("các sở, ban, ngành", "UBND các huyện, thành phố")),
])
def test_lead_list_ends_at_the_verb(text, lead):
    assert [b for bodies, _ in _tasks(text) for b in bodies] == list(lead)


# --- a sigle with "&" before the first sentence; a newspaper's masthead names no issuer -----------
@pytest.mark.parametrize("text, issuer", [
    ("(VH&ĐS)- UBND Thành phố Cần Thơ vừa có công văn số 1821/UBND-KT chỉ đạo các sở, ngành rà soát "
     "các công trình xây dựng trái phép.", "UBND thành phố Cần Thơ"),
    ("BÁO ĐIỆN TỬ CHÍNH PHỦ\n(Chinhphu.vn) - Bộ Công Thương vừa ban hành Công văn số 905/BCT-TTTN gửi "
     "các Sở Công Thương về việc bình ổn giá.", "Bộ Công Thương"),
])
def test_press_sigle_and_masthead(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "vừa có văn bản chỉ đạo X <verb>": the type word itself ends with the directing verb -----------
@pytest.mark.parametrize("text, lead", [
    ("Bộ Tài nguyên và Môi trường vừa có văn bản chỉ đạo Chủ tịch UBND các tỉnh ven biển chấn chỉnh "
     "công tác quản lý cát, sỏi lòng sông.", ("UBND các tỉnh ven biển",)),
    ("Chủ tịch UBND tỉnh vừa ban hành văn bản chỉ đạo UBND các huyện, thành phố xây dựng phương án "
     "phòng chống hạn.", ("UBND các huyện, thành phố",)),
])
def test_task_after_a_type_word_ending_with_the_verb(text, lead):
    assert [b for bodies, _ in _tasks(text) for b in bodies] == list(lead)


# --- header lines flattened with their rule, or with both columns on one line ----------------------
@pytest.mark.parametrize("text, number, date, place", [
    ("BỘ TÀI CHÍNH --------------- Số: 317/CT-BTC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
     "Hạnh phúc ------------------------- Hà Nội, ngày 08 tháng 03 năm 2016 |\nCHỈ THỊ\nVỀ VIỆC SIẾT CHẶT "
     "KỶ LUẬT TÀI CHÍNH\n", "317/CT-BTC", "2016-03-08", "Hà Nội"),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH SÓC TRĂNG Độc lập - Tự do - Hạnh phúc\n\n"
     "Số: 1207/UBND-VX Sóc Trăng, ngày 9 tháng 5 năm 2014\n\nV/v tăng cường phòng chống sốt xuất huyết\n\n"
     "Kính gửi: Sở Y tế\n", "1207/UBND-VX", "2014-05-09", "Sóc Trăng"),
])
def test_number_and_date_in_a_flattened_header(text, number, date, place):
    r = extract_text(text)
    assert (r.number, r.date, r.place) == (number, date, place)


# --- a press report's own bare number; a document cited "tại công văn số ..." is not the reported one ----
@pytest.mark.parametrize("text, number, cited", [
    ("Ngày 12/8/2022, UBND thành phố Vinh có Công văn 3518 gửi Chủ tịch UBND các phường, xã về việc "
     "phòng chống dịch.\n1. Chủ tịch UBND các phường, xã khẩn trương triển khai chỉ đạo của UBND thành phố "
     "tại công văn số 2907/UBND-VX ngày 15/7/2022.", "3518", ("2907/UBND-VX",)),
    ("Quy định 205 của Bộ Chính trị quy định rõ trách nhiệm của người đứng đầu.", "205", ()),
])
def test_press_bare_number_and_a_cited_letter(text, number, cited):
    r = extract_text(text)
    assert r.number == number and tuple(c.number for c in r.cited_documents) == cited


# --- "Nghị quyết số N của Chính phủ ban hành Chương trình ...": a citation's words, no press report ------
@pytest.mark.parametrize("text", [
    "Để triển khai Nghị quyết số 41/NQ-CP ngày 09/4/2024 của Chính phủ ban hành Chương trình hành động "
    "về phát triển nhà ở, các sở, ngành rà soát nhiệm vụ được giao.",
    "Nhằm cụ thể hóa Quyết định số 77/QĐ-TTg ngày 02/02/2024 của\nThủ tướng Chính phủ ban hành Kế hoạch "
    "thực hiện Chiến lược quốc gia, các địa phương chủ động bố trí nguồn lực.",
])
def test_citation_describing_what_it_issued_is_no_report(text):
    r = extract_text(text)
    assert (r.text_kind, r.doc_type, r.issuer) == (None, None, None)


# --- a post before a colon or a comma name; a "các sở: A, B" list as the subject ---------------------
@pytest.mark.parametrize("text, lead", [
    ("Giao Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính phối hợp với các huyện tổ chức lễ hội.",
     ("Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính")),
    ("Giao Giám đốc Sở Lao động - Thương binh và Xã hội, Sở Y tế rà soát danh sách đối tượng.",
     ("Sở Lao động - Thương binh và Xã hội", "Sở Y tế")),
    ("2. UBND các huyện, thị xã; các sở: Tư pháp, Nội vụ theo phạm vi chức năng, nhiệm vụ được giao "
     "nghiên cứu, tổ chức triển khai thực hiện Nghị định.",
     ("UBND các huyện, thị xã", "Sở Tư pháp", "Sở Nội vụ")),
])
def test_post_and_colon_lists_in_the_lead(text, lead):
    assert [b for bodies, _ in _tasks(text) for b in bodies] == list(lead)


# --- "UBND xã, phường, thị trấn": one class, like "UBND huyện, thị xã, thành phố" ---------------------
def test_commune_class_is_one_item():
    text = "Giao UBND xã, phường, thị trấn rà soát các hộ kinh doanh trên địa bàn."
    assert [b for bodies, _ in _tasks(text) for b in bodies] == ["UBND xã, phường, thị trấn"]


# --- "Chủ tịch UBND tỉnh Quảng Bình vừa ban hành ...": the province is no signer's name ----------------
def test_province_after_a_post_is_no_signer():
    r = extract_text("Chủ tịch UBND tỉnh Quảng Bình vừa ban hành Công điện số 07/CĐ-UBND về việc ứng phó "
                     "với áp thấp nhiệt đới.")
    assert r.signer is None and r.issuer == "Chủ tịch UBND tỉnh Quảng Bình"


# --- a day word glued to the symbol ("...-KTNngày 12 tháng 3") ends the number ---------------------
@pytest.mark.parametrize("text, number, date", [
    ("Xét đề nghị của Sở Tài chính (công văn số 77/STC-QLNSngày 12 tháng 3 năm 2020), UBND tỉnh có ý kiến.",
     "77/STC-QLNS", "2020-03-12"),
    ("Thực hiện Công văn số 415/BNN-TYNgày 20/01/2021 của Bộ Nông nghiệp và Phát triển nông thôn.",
     "415/BNN-TY", "2021-01-20"),
])
def test_day_word_glued_to_the_symbol(text, number, date):
    (c,) = extract_text(text).cited_documents
    assert (c.number, c.date) == (number, date)


# --- a press recipient list of two State classes ("các sở, ban, ngành, UBND các huyện") ------------------
@pytest.mark.parametrize("text, recipients", [
    ("Sở Tài chính vừa có Công văn số 2210/STC-QLNS gửi các sở, ban, ngành, UBND các huyện, thị xã về việc "
     "lập dự toán năm 2024.", ("các sở, ban, ngành", "UBND các huyện, thị xã")),
    ("Tỉnh ủy vừa có Công văn số 305-CV/TU gửi Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Vinh về việc "
     "tổng kết năm.", ("Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Vinh",)),
])
def test_press_recipients_of_two_classes(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "(gọi tắt là ...)": an alias keeps the relation of what it abbreviates, and is not cited by itself ----
def test_alias_in_brackets_keeps_the_relation():
    text = ("Thực hiện Nghị quyết số 58/NQ-CP ngày 12 tháng 5 năm 2024 của Chính phủ ban hành Kế hoạch hành động "
            "(gọi tắt là Nghị quyết số 58/NQ-CP); Chỉ thị số 12-CT/TU ngày 03 tháng 6 năm 2024 của Ban Thường vụ "
            "Tỉnh ủy Cao Bằng về phát triển du lịch (gọi tắt là Chỉ thị 12-CT/TU).")
    assert [(c.number, c.relation, c.cited_from) for c in extract_text(text).cited_documents] == [
        ("58/NQ-CP", "implements", None), ("12-CT/TU", "implements", None)]


# --- "Chỉ thị số 19" in a headline and "Chỉ thị số 19/CT-TTg" in the text: one document ----------------
@pytest.mark.parametrize("text, numbers", [
    ("Huyện Tam Nông: kiểm tra việc thực hiện Chỉ thị số 19\n\nBan Chỉ đạo huyện kiểm tra việc thực hiện "
     "Chỉ thị số 19/CT-TTg của Thủ tướng Chính phủ tại các xã.", ("19/CT-TTg",)),
    ("Triển khai Kế hoạch 45 của Ban Thường vụ Tỉnh ủy, UBND tỉnh yêu cầu các sở thực hiện Kế hoạch số "
     "45-KH/TU ngày 02/3/2023.", ("45-KH/TU",)),
])
def test_bare_number_and_full_symbol_are_one_document(text, numbers):
    assert tuple(c.number for c in extract_text(text).cited_documents) == numbers


# --- a press subject before the quoted letter ends before its colon -------------------------------
def test_press_subject_without_the_colon():
    text = ("Ngày 05/3/2019, UBND tỉnh đã có Công văn số 1290/UBND-NC tăng cường công tác quản lý vật liệu nổ:\n"
            "“1. Giao Công an tỉnh chủ trì kiểm tra các kho vật liệu nổ công nghiệp.”")
    assert extract_text(text).subject == "tăng cường công tác quản lý vật liệu nổ"


# --- a numbered item "<bodies>: <Verb> ...": the verb after the colon ----------------------------------
@pytest.mark.parametrize("text, leads", [
    ("Chủ tịch UBND thành phố yêu cầu:\n1. Sở Công Thương: Chủ trì, phối hợp với Công an thành phố kiểm tra "
     "thị trường.\n2. Chủ tịch UBND các quận, huyện: Khẩn trương rà soát các cơ sở kinh doanh.",
     [("Sở Công Thương",), ("UBND các quận, huyện",)]),
    ("Yêu cầu:\n1. UBND các huyện; các sở: Tư pháp, Nội vụ tổ chức thực hiện Nghị định.",
     [("UBND các huyện", "Sở Tư pháp", "Sở Nội vụ")]),
])
def test_numbered_item_with_the_verb_after_a_colon(text, leads):
    assert [bodies for bodies, _ in _tasks(text)] == leads


def test_headline_with_a_colon_is_no_task():
    assert _tasks("Đảng ủy Bộ Tư pháp: Triển khai thực hiện Chỉ thị của Ban Bí thư.") == []
