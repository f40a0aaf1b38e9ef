"""State documents from a fourteenth set of unseen public pages (ministries' letters and notices to the
provinces, the Prime Minister's công điện, city and commune plans of the two-level local government,
law portals' layouts): what they taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [a.bodies for a in extract_text(text).assignments]


# --- "UBND TP.HCM": a province written as one abbreviated word after an organ or a body's name ---------
@pytest.mark.parametrize("text, issuer", [
    ("UBND TP.HCM vừa ban hành Kế hoạch số 12/KH-UBND về phát triển nông nghiệp.", "UBND thành phố Hồ Chí Minh"),
    ("UBND TP HCM vừa ban hành Kế hoạch số 12/KH-UBND về phát triển nông nghiệp.", "UBND thành phố Hồ Chí Minh"),
    ("UBND TPHCM vừa ban hành Kế hoạch số 12/KH-UBND về phát triển nông nghiệp.", "UBND thành phố Hồ Chí Minh"),
    ("Sở Y tế TP.HCM vừa ban hành Kế hoạch số 12/KH-SYT về phòng dịch.", "Sở Y tế thành phố Hồ Chí Minh"),
    # a name spelled in full is unchanged
    ("UBND TP Hà Nội vừa ban hành Kế hoạch số 12/KH-UBND về phát triển nông nghiệp.", "UBND thành phố Hà Nội"),
    ("UBND tỉnh Hà Tĩnh vừa ban hành Kế hoạch số 12/KH-UBND về phát triển nông nghiệp.", "UBND tỉnh Hà Tĩnh"),
])
def test_abbreviated_province(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "UBND các xã, phường và cơ quan, đơn vị liên quan": a class that is no place ends the places ------
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh đề nghị các sở, ban, ngành, Chủ tịch UBND các xã, phường và cơ quan, đơn vị liên quan triển khai.",
     [("các sở, ban, ngành", "UBND các xã, phường")]),
    ("UBND tỉnh đề nghị UBND huyện, thị xã, thành phố triển khai.", [("UBND huyện, thị xã, thành phố",)]),
])
def test_places_then_other_class(text, tasks):
    assert _tasks(text) == tasks


# --- "X được yêu cầu phối hợp ...": a request told in the passive ---------------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh ban hành Kế hoạch. Sở Tài chính được yêu cầu phối hợp với các sở rà soát kinh phí.",
     [("Sở Tài chính",)]),
])
def test_passive_request(text, tasks):
    assert [b for b in _tasks(text)] == tasks


# --- colon lists: a plural class after the items ends the list; ";" between places runs to an addressee ---
@pytest.mark.parametrize("text, tasks", [
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Quốc phòng, Xây dựng và các bộ, ngành có liên quan; Chủ tịch Ủy ban "
     "nhân dân các tỉnh: Hà Tĩnh, Quảng Trị đình hoãn các cuộc họp.",
     [("Bộ Quốc phòng", "Bộ Xây dựng", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Quảng Trị")]),
    ("UBND tỉnh yêu cầu các Sở: Y tế, Tài chính và các cơ quan liên quan triển khai.", [("Sở Y tế", "Sở Tài chính")]),
])
def test_colon_list_ends_at_class(text, tasks):
    assert _tasks(text) == tasks


@pytest.mark.parametrize("text, recipients", [
    ("Công điện gửi Chủ tịch Ủy ban nhân dân các tỉnh: Nghệ An; Hà Tĩnh, Quảng Bình và Quảng Trị; Bộ trưởng, Thủ "
     "trưởng cơ quan ngang bộ; Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia, nêu rõ:",
     ("Chủ tịch Ủy ban nhân dân tỉnh Nghệ An", "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh",
      "Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình", "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị", "Bộ trưởng",
      "Thủ trưởng cơ quan ngang bộ", "Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia")),
    # items all written with ";" stay one list
    ("Công văn gửi các Bộ: Tài chính; Xây dựng; Lao động - Thương binh và Xã hội.",
     ("Bộ Tài chính", "Bộ Xây dựng", "Bộ Lao động - Thương binh và Xã hội")),
    # central bodies of the data: "Văn hóa - Thể thao và Du lịch" is one ministry; Thông tấn xã Việt Nam
    ("Công điện gửi các Bộ: Công an, Văn hóa - Thể thao và Du lịch; Đài Tiếng nói Việt Nam; Thông tấn xã Việt Nam.",
     ("Bộ Công an", "Bộ Văn hóa - Thể thao và Du lịch", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam")),
])
def test_semicolon_list_recipients(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "các huyện A, B, C và D": each place of the kind named with the list ------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("UBND thành phố yêu cầu Sở Y tế, các huyện Mê Linh, Ba Vì, Sóc Sơn và Thanh Trì khẩn trương thực hiện.",
     [("Sở Y tế", "huyện Mê Linh", "huyện Ba Vì", "huyện Sóc Sơn", "huyện Thanh Trì")]),
    ("UBND thành phố yêu cầu Sở Y tế, UBND các huyện Mê Linh, Ba Vì và Thanh Trì khẩn trương thực hiện.",
     [("Sở Y tế", "UBND huyện Mê Linh", "UBND huyện Ba Vì", "UBND huyện Thanh Trì")]),
    # "và" inside a known name stays; a list of kinds before the place is one class ("các huyện, thị xã, thành phố Huế")
    ("UBND tỉnh yêu cầu Sở Giáo dục và Đào tạo triển khai.", [("Sở Giáo dục và Đào tạo",)]),
    ("UBND tỉnh yêu cầu UBND các huyện, thị xã, thành phố Huế triển khai.", [("UBND các huyện, thị xã, thành phố Huế",)]),
])
def test_places_of_one_kind(text, tasks):
    assert _tasks(text) == tasks


# --- "vừa qua Bộ X đã có Công văn": a word of time before the body; "Bộ X cũng đã có văn bản" ----------
@pytest.mark.parametrize("text, issuer", [
    ("Thực hiện các nghị định về quản lý công trình, vừa qua Bộ Xây dựng đã có Công văn số 1234/BXD-GĐ đề nghị "
     "UBND các tỉnh báo cáo.", "Bộ Xây dựng"),
    ("Vừa qua Bộ Xây dựng đã có Công văn số 1234/BXD-GĐ đề nghị UBND các tỉnh báo cáo.", "Bộ Xây dựng"),
    ("Mới đây UBND tỉnh Hà Tĩnh đã có Công điện khẩn số 06/CĐ-UBND về phòng dịch.", "UBND tỉnh Hà Tĩnh"),
    ("Bộ Xây dựng cũng đã có văn bản gửi Ủy ban nhân dân các tỉnh về việc quản lý nhà ở.", "Bộ Xây dựng"),
])
def test_time_word_before_issuer(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "gửi các sở giáo dục và đào tạo": a lower-case known name keeps its "và" ------------------------------
@pytest.mark.parametrize("text, recipients", [
    ("Bộ Giáo dục và Đào tạo vừa có công văn gửi các sở giáo dục và đào tạo yêu cầu quán triệt.",
     ("các sở giáo dục và đào tạo",)),
    ("Bộ Giáo dục và Đào tạo vừa có công văn gửi các sở giáo dục và đào tạo, các trường đại học yêu cầu quán triệt.",
     ("các sở giáo dục và đào tạo", "các trường đại học")),
    ("Bộ Y tế vừa có công văn gửi các sở y tế và các bệnh viện yêu cầu tổ chức.", ("các sở y tế", "các bệnh viện")),
])
def test_lower_case_known_name(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "Nơi nhận: - Như Điều 2; - Bộ Công an": entries of one line, each with its dash -----------------------
@pytest.mark.parametrize("text, distribution", [
    ("QUYẾT ĐỊNH:\nChánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n"
     "Nơi nhận: - Như Điều 2; - Bộ Công an; - Lưu: VT.", ("Như Điều 2", "Bộ Công an", "Lưu: VT")),
])
def test_dashed_pieces_of_one_line(text, distribution):
    assert extract_text(text).distribution == distribution


# --- "a) Cục Thuế có trách nhiệm:" and the dashed items under it --------------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh giao nhiệm vụ:\na) Sở Tài chính có trách nhiệm:\n- Xác định đối tượng nộp thuế.\n"
     "b) Sở Y tế có trách nhiệm kiểm tra.", [("Sở Tài chính",), ("Sở Y tế",)]),
    ("Chủ tịch UBND tỉnh yêu cầu các cấp, các ngành tập trung một số giải pháp sau đây:\n"
     "1. Tập trung rà soát đối tượng nộp thuế.\na) Cục Thuế có trách nhiệm:\n- Xác định đối tượng nộp thuế.",
     [("Cục Thuế",)]),
    # a lettered item naming no body is the task's own words, no sentence of its own
    ("UBND tỉnh giao nhiệm vụ:\n1. Sở Công Thương chủ trì, phối hợp với các sở\n\na) Chủ động nắm bắt tình hình hàng hóa.",
     [("Sở Công Thương",)]),
    # an introduction's items that name their own bodies: the introduction only distributes
    ("UBND tỉnh giao Sở Y tế chủ trì như sau:\n- Sở Tài chính bố trí kinh phí.\n- Sở Nội vụ bố trí biên chế.",
     [("Sở Tài chính",), ("Sở Nội vụ",)]),
])
def test_lettered_items(text, tasks):
    assert _tasks(text) == tasks


# --- "Nghị định ... ban hành Quy chế làm việc": the document a cited one issues is no citation ---------
@pytest.mark.parametrize("text, cited", [
    ("CHÍNH PHỦ\nSố: 20/NQ-CP\nHà Nội, ngày 06 tháng 7 năm 2025\nNGHỊ QUYẾT\nPHIÊN HỌP CHÍNH PHỦ\n"
     "Căn cứ Nghị định số 39/2022/NĐ-CP ngày 18 tháng 6 năm 2022 của Chính phủ ban hành Quy chế làm việc của Chính phủ;\n"
     "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XX;\nQUYẾT NGHỊ:",
     [("Nghị định", "39/2022/NĐ-CP"), ("Quy chế", None)]),
])
def test_enacted_document(text, cited):
    assert [(c.doc_type, c.number) for c in extract_text(text).cited_documents] == cited


# --- "THÔNG BÁO / Kết luận của Bộ trưởng X": the conclusion a notice conveys is its title --------------
@pytest.mark.parametrize("text, subject", [
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 45/TB-BGDĐT\n\nHà Nội, ngày 19 tháng 7 năm 2017\n\nTHÔNG BÁO\n\n"
     "Kết luận của Bộ trưởng Nguyễn Văn A\n\ntại Hội nghị Giám đốc sở giáo dục và đào tạo năm 2017\n\n"
     "Chiều ngày 14 tháng 7 năm 2017, Bộ trưởng chủ trì làm việc với các Giám đốc sở.",
     "Kết luận của Bộ trưởng Nguyễn Văn A tại Hội nghị Giám đốc sở giáo dục và đào tạo năm 2017"),
])
def test_conveyed_conclusion(text, subject):
    record = extract_text(text)
    assert (record.subject, record.cited_documents) == (subject, ())


# --- "gửi các sở, ban, ngành, đoàn thể TP, UBND quận, huyện": an organ of places after a class is another addressee ---
@pytest.mark.parametrize("text, recipients", [
    ("UBND thành phố đã có Công điện khẩn số 06/CĐ-UBND về phòng chống dịch gửi các sở, ban, ngành, đoàn thể TP, "
     "UBND quận, huyện yêu cầu tập trung thực hiện.", ("các sở, ban, ngành, đoàn thể TP", "UBND quận, huyện")),
    ("UBND thành phố đã có Công điện khẩn số 06/CĐ-UBND về phòng chống dịch gửi các sở, ban, ngành, UBND các quận, "
     "huyện yêu cầu tập trung thực hiện.", ("các sở, ban, ngành", "UBND các quận, huyện")),
])
def test_organ_of_places_after_class(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "Kết luận của Bí thư Thành ủy X tại Hội nghị ..." as the title of a page of no header: its own document ---
@pytest.mark.parametrize("text, expected", [
    ("Kết luận của Bí thư Tỉnh ủy Nguyễn Văn A tại Hội nghị Ban Thường vụ Tỉnh ủy mở rộng\n\nBí thư Tỉnh ủy nhấn mạnh, "
     "tỉnh tiếp tục tập trung phòng, chống dịch.", ("Kết luận", "Bí thư Tỉnh ủy", ())),
    # a sentence that opens with a mention is no title
    ("Nghị quyết Đại hội Đảng bộ phường Tân An lần thứ I đề ra 25 chỉ tiêu.",
     (None, None, ("Đại hội Đảng bộ phường Tân An lần thứ I",))),
])
def test_unnumbered_title_of_the_page(text, expected):
    r = extract_text(text)
    assert (r.doc_type, r.issuer, tuple(c.issuer for c in r.cited_documents)) == expected


# --- second batch: provincial plans and decisions, a chairman's directions, a ward's notice ------------

def _partners(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(a.bodies, a.cooperating) for a in extract_text(text).assignments]


# --- "phối hợp với ... và UBND huyện A lập các thủ tục": the partners end at the task's verb -------------
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Ủy ban nhân dân huyện Yên Hòa lập các thủ tục về đầu tư.",
     [(("Sở Tài chính",), ("Ủy ban nhân dân huyện Yên Hòa",))]),
    ("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với UBND huyện Yên Hòa lập hồ sơ đề nghị công nhận.",
     [(("Sở Tài chính",), ("UBND huyện Yên Hòa",))]),
    # a class of partners, then a named body after "và": both take part
    ("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan và UBND huyện Yên Hòa xây dựng kế hoạch.",
     [(("Sở Tài chính",), ("các cơ quan liên quan", "UBND huyện Yên Hòa"))]),
    # the class alone, the task's words after it
    ("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan đánh giá kết quả thực hiện.",
     [(("Sở Tài chính",), ("các cơ quan liên quan",))]),
])
def test_partners_end(text, tasks):
    assert _partners(text) == tasks


# --- "Sở Kế hoạch và Đầu tư - cơ quan thường trực Ban ...": the role after a dash is no part of the name ---
@pytest.mark.parametrize("text, tasks", [
    ("QUYẾT ĐỊNH:\nĐiều 2. Các cơ quan sau đây chịu trách nhiệm thực hiện Kế hoạch:\n1. Sở Kế hoạch và Đầu tư - cơ quan "
     "thường trực Ban vì sự tiến bộ phụ nữ tỉnh giúp Ban tham mưu UBND tỉnh chỉ đạo triển khai Kế hoạch.",
     [("Sở Kế hoạch và Đầu tư",)]),
    # a dash inside a body's name stays
    ("UBND tỉnh giao Sở Lao động - Thương binh và Xã hội chủ trì tổ chức thực hiện.",
     [("Sở Lao động - Thương binh và Xã hội",)]),
])
def test_role_after_dash(text, tasks):
    assert _tasks(text) == tasks


# --- "THÔNG BÁO VỀ VIỆC ...": a formal title is the page's own type, though nobody is named issuing it ---
@pytest.mark.parametrize("text, doc_type", [
    ("THÔNG BÁO VỀ VIỆC TẠM DỪNG TIẾP CÔNG DÂN TRÊN ĐỊA BÀN PHƯỜNG AN BÌNH\nKính thưa toàn thể bà con nhân dân!\n"
     "Căn cứ Nghị quyết số 27/2022/UBTVQH15 ngày 21/9/2022 của Ủy ban Thường vụ Quốc hội;", "Thông báo"),
    ("Kế hoạch V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025\nCác khu phố tổ chức ngày hội trước ngày 18/11.",
     "Kế hoạch"),
    # a headline with a bare "về" names no document of the page
    ("Thông báo về kết quả kiểm tra công tác cải cách hành chính\nĐoàn kiểm tra đã làm việc với 12 xã.", None),
])
def test_formal_title(text, doc_type):
    assert extract_text(text).doc_type == doc_type


# --- "Thuế tỉnh", "Thuế cơ sở": the tax offices since 2025 (once Cục Thuế, Chi cục Thuế) are bodies ---
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh yêu cầu Thuế tỉnh và Chi cục Hải quan khu vực tăng cường theo dõi sát diễn biến kinh tế.",
     [("Thuế tỉnh", "Chi cục Hải quan khu vực")]),
    ("UBND tỉnh Hà Tĩnh yêu cầu Thuế tỉnh phối hợp với Sở Tài chính rà soát các khoản thu.", [("Thuế tỉnh Hà Tĩnh",)]),
    ("UBND tỉnh yêu cầu Thuế cơ sở 3 đôn đốc thu nợ thuế.", [("Thuế cơ sở 3",)]),
])
def test_tax_offices_2025(text, tasks):
    assert _tasks(text) == tasks


# --- "yêu cầu các đồng chí Bộ trưởng, ...; Chủ tịch UBND các tỉnh ...": posts listed after "các đồng chí" ---
@pytest.mark.parametrize("text, tasks", [
    ("Thủ tướng Chính phủ yêu cầu các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ; Chủ tịch "
     "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tập trung lãnh đạo, chỉ đạo.",
     [("các Bộ", "cơ quan ngang Bộ", "cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")]),
    # members of one body after "các đồng chí" stay as written
    ("Ban Thường vụ Tỉnh ủy yêu cầu các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy theo dõi việc thực hiện.",
     [("Ủy viên Ban Thường vụ Tỉnh ủy",)]),
])
def test_posts_after_comrades(text, tasks):
    assert _tasks(text) == tasks
