"""State documents from a thirteenth set of unseen public pages (provincial plans and decisions on law
portals, press reports of the Prime Minister's and ministries' letters, the National Assembly's office):
what they taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(a.bodies, a.cooperating) for a in extract_text(text).assignments]


# --- "Cùng với đó, X chủ trì ...": a connective before the subject of a press sentence ---------------
@pytest.mark.parametrize("text, tasks", [
    ("Chính phủ yêu cầu các Bộ, địa phương triển khai đồng bộ các giải pháp.\n"
     "Bộ Công Thương chủ trì, phối hợp với các Bộ, ngành, địa phương bảo đảm nguồn cung xăng dầu.\n"
     "Cùng với đó, Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan, địa phương rà soát giá.",
     [(("các Bộ, địa phương",), ()), (("Bộ Công Thương",), ("các Bộ, ngành, địa phương",)),
      (("Bộ Tài chính",), ("các Bộ, cơ quan, địa phương",))]),
])
def test_connective_before_subject(text, tasks):
    assert _tasks(text) == tasks


# --- "Riêng X khẩn trương ...": a word singling out the subject, no comma after it (lead_in_bare rows) -----------
@pytest.mark.parametrize("text, tasks", [
    ("UBND tỉnh yêu cầu UBND các huyện khẩn trương hoàn thiện quy hoạch. Riêng UBND huyện Khánh Sơn khẩn trương "
     "hoàn thiện quy hoạch trước ngày 25-10.", [(("UBND các huyện",), ()), (("UBND huyện Khánh Sơn",), ())]),
    ("UBND tỉnh yêu cầu các sở triển khai. Riêng năm 2021, tỉnh đạt nhiều kết quả.", [(("các sở",), ())]),
])
def test_singled_out_subject(text, tasks):
    assert _tasks(text) == tasks


# --- "1.Sở Y tế chủ trì ...": a numbered item with no space after its mark --------------------------
@pytest.mark.parametrize("text, bodies", [
    ("UBND tỉnh giao nhiệm vụ cụ thể như sau:\n\n1.Sở Công Thương chủ trì, phối hợp với các sở, ngành liên quan\n\n"
     "a) Nắm bắt tình hình cung ứng hàng hóa.", [("Sở Công Thương",)]),
    ("UBND tỉnh yêu cầu các sở thực hiện như sau:\n1.Sở Y tế chủ trì kiểm tra an toàn thực phẩm.\n"
     "2.Sở Tài chính bố trí kinh phí.", [("Sở Y tế",), ("Sở Tài chính",)]),
    # a decimal number is no item mark
    ("UBND tỉnh yêu cầu Sở Y tế bố trí 1.500 liều vắc xin.", [("Sở Y tế",)]),
])
def test_item_mark_without_space(text, bodies):
    assert [b for b, _ in _tasks(text)] == bodies


# --- "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: A, B; Chủ tịch UBND ...": a colon list inside a list ---------
@pytest.mark.parametrize("text, bodies", [
    ("QUYẾT ĐỊNH:\nĐiều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nội vụ, Tài chính, Y tế; Chủ tịch UBND các "
     "huyện, thị xã, thành phố và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này./.",
     ("Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "UBND các huyện, thị xã, thành phố")),
    # the post before the list's head ("Bộ trưởng các Bộ:") is no body of its own
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Quốc phòng, Y tế; Chủ tịch UBND các tỉnh chủ động ứng phó bão.",
     ("Bộ Quốc phòng", "Bộ Y tế", "UBND các tỉnh trực thuộc Trung ương")),   # the Thủ tướng speaks (press21)
    # a post after the list's ";" ends it ("Ban Bí thư" makes "Bí thư" a name's tail; a bare post names no body)
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Quốc phòng, Công an; Bí thư, Chủ tịch UBND các tỉnh từ Quảng Trị đến Huế "
     "tiếp tục tập trung chỉ đạo ứng phó bão.",
     ("Bộ Quốc phòng", "Bộ Công an", "UBND các tỉnh từ Quảng Trị đến Huế")),
    # "Chỉ huy trưởng" heads the body after it
    ("QUYẾT ĐỊNH:\nĐiều 3. Giám đốc các Sở: Y tế, Tài chính; Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh căn cứ "
     "Quyết định thi hành./.", ("Sở Y tế", "Sở Tài chính", "Bộ Chỉ huy Quân sự tỉnh")),
])
def test_colon_list_between_semicolons(text, bodies):
    assert [b for bs, _ in _tasks(text) for b in bs] == list(bodies)


# --- a PDF's broken line puts a name's dash first ("Lao động\n- Thương binh và Xã hội"): no dashed item ------
@pytest.mark.parametrize("wrap, dash", [("\n- ", "-"), ("\n – ", "–"), (" - ", "-")])
def test_broken_line_inside_a_dashed_name(wrap, dash):
    text = (f"QUYẾT ĐỊNH:\nĐiều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Lao động{wrap}Thương binh và Xã hội, "
            "Nội vụ; Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này./.")
    assert [b for bs, _ in _tasks(text) for b in bs] == [
        "Văn phòng UBND tỉnh", f"Sở Lao động {dash} Thương binh và Xã hội", "Sở Nội vụ", "UBND các huyện"]


def test_dashed_item_after_a_name_stays_an_item():
    text = "UBND tỉnh yêu cầu:\n- Sở Y tế kiểm tra an toàn thực phẩm.\n- Sở Tài chính bố trí kinh phí."
    assert [b for b, _ in _tasks(text)] == [("Sở Y tế",), ("Sở Tài chính",)]


# --- a person's chain of titles: the last one names the body (press lead and cited issuer) --------------
@pytest.mark.parametrize("text, issuer", [
    ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Lê Văn Tám vừa ký Công văn số 12/VPCP-KTTH gửi các Bộ.",
     "Văn phòng Chính phủ"),
    ("Tổng Thư ký Quốc hội, Chủ nhiệm Văn phòng Quốc hội Lê Văn Tám vừa ký Thông báo số 12/TB-VPQH gửi các Bộ.",
     "Văn phòng Quốc hội"),
    ("Chủ nhiệm Văn phòng Quốc hội Lê Văn Tám vừa ký Thông báo số 13/TB-VPQH gửi các Bộ.", "Văn phòng Quốc hội"),
    ("Bộ trưởng Bộ Y tế Lê Văn Tám vừa ký Công văn số 21/BYT-KCB gửi các tỉnh.", "Bộ Y tế"),
])
def test_chain_of_titles_names_the_issuer(text, issuer):
    assert extract_text(text).issuer == issuer


@pytest.mark.parametrize("text, issuer", [
    ("Căn cứ Thông tư số 03/2025/TT-VPCP ngày 12/3/2025 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ quy định chế "
     "độ báo cáo;", "Văn phòng Chính phủ"),
    ("Thực hiện Công văn số 5/VPQH-TH ngày 2/3/2024 của Tổng Thư ký Quốc hội, Chủ nhiệm Văn phòng Quốc hội về việc "
     "báo cáo;", "Văn phòng Quốc hội"),
    # one title stays as written, the press's abbreviations spelled out (citations.spell_out: "GD&ĐT")
    ("Căn cứ Thông tư số 18/2014/TT-BGDĐT ngày 26/5/2014 của Bộ trưởng Bộ GD&ĐT về tuyển sinh;",
     "Bộ trưởng Bộ Giáo dục và Đào tạo"),
])
def test_chain_of_titles_names_the_cited_issuer(text, issuer):
    assert [c.issuer for c in extract_text(text).cited_documents] == [issuer]


# --- "Ngày D, X có Công văn số N": "có" right before the document issues it; a short lead may open the clause -----
@pytest.mark.parametrize("text, cited", [
    ("UBND thành phố vừa ban hành Thông báo số 245/TB-UBND.\n\nNgày 25/12/2020, UBND thành phố có Công văn số "
     "8262/UBND-TCD về việc tiếp công dân.", [("8262/UBND-TCD", "2020-12-25", "UBND thành phố")]),
    ("UBND huyện vừa ban hành Thông báo số 24/TB-UBND.\n\nDo công việc đột xuất, ngày 25/6/2021, UBND huyện có Thông "
     "báo số 243/TB-UBND thay đổi thời gian.", [("243/TB-UBND", "2021-06-25", "UBND huyện")]),
    ("UBND tỉnh vừa ban hành Công văn số 5/UBND-VX.\n\nTheo đó, ngày 3/4/2021, Sở Y tế đã ban hành Công văn số "
     "44/SYT-NVY về việc phòng dịch.", [("44/SYT-NVY", "2021-04-03", "Sở Y tế")]),
    # "có" elsewhere in the clause issues nothing
    ("Ngày 5/3/2021, các đơn vị có liên quan thực hiện Công văn số 12/UBND-VX của UBND tỉnh.",
     [("12/UBND-VX", None, "UBND tỉnh")]),
])
def test_has_issued_right_before(text, cited):
    assert [(c.number, c.date, c.issuer) for c in extract_text(text).cited_documents] == cited


# --- "X vừa có văn bản đề nghị ... thực hiện nghiêm Công văn số N": the letter cites N, N is not the letter ------
@pytest.mark.parametrize("text, own, cited", [
    ("UBND tỉnh vừa có văn bản đề nghị các sở tiếp tục thực hiện nghiêm Công văn số 02/UBND-KT ngày 3/4/2020 của "
     "UBND tỉnh về phòng chống hạn hán.", None, ["02/UBND-KT"]),
    ("UBND tỉnh vừa có văn bản đề nghị các sở phòng chống hạn hán.\n\nUBND tỉnh giao Sở Nông nghiệp và PTNT căn cứ "
     "chỉ đạo của Bộ Nông nghiệp và PTNT tại Công văn số 2350/BNN-TL để hướng dẫn các địa phương.", None, ["2350/BNN-TL"]),
    # the next sentence naming the letter by its number still gives it
    ("Ban Thường vụ Tỉnh ủy vừa ký văn bản về phòng dịch. Theo Công văn số 460-CV/TU, Ban Thường vụ Tỉnh ủy yêu cầu "
     "các huyện ủy tăng cường kiểm tra.", "460-CV/TU", []),
])
def test_letter_of_no_type_cites_the_numbered_document(text, own, cited):
    r = extract_text(text)
    assert (r.number, [c.number for c in r.cited_documents]) == (own, cited)


# --- a title's second line that is a year range alone ("... GIAI ĐOẠN" / "2020 - 2025”") goes on with it --------
@pytest.mark.parametrize("title, subject", [
    ("THỰC HIỆN ĐỀ ÁN “XÂY DỰNG VĂN HÓA ỨNG XỬ GIAI ĐOẠN\n2020 - 2025”", "THỰC HIỆN ĐỀ ÁN “XÂY DỰNG VĂN HÓA ỨNG XỬ GIAI ĐOẠN 2020 - 2025”"),
    ("PHÒNG, CHỐNG THIÊN TAI GIAI ĐOẠN\n2021-2025", "PHÒNG, CHỐNG THIÊN TAI GIAI ĐOẠN 2021-2025"),
    ("PHÒNG, CHỐNG THIÊN TAI NĂM 2021 -\n2022", "PHÒNG, CHỐNG THIÊN TAI NĂM 2021 - 2022"),
])
def test_year_range_line_continues_the_title(title, subject):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 12/KH-UBND\nAn Hòa, ngày 18 tháng 8 năm 2020\nKẾ HOẠCH\n{title}\n"
            "Thực hiện Quyết định số 1299/QĐ-TTg ngày 03/10/2018 của Thủ tướng Chính phủ.")
    assert extract_text(text).subject == subject


# --- "của Hội nghị lần thứ 5 (sáu) Ban Chấp hành Trung ương": the Committee issues, its plenum is the meeting -------
@pytest.mark.parametrize("text, issuer", [
    ("Quán triệt Nghị quyết số 15-NQ/TW của Hội nghị lần thứ 5 Ban Chấp hành Trung ương khóa XI về chính sách xã hội;",
     "Ban Chấp hành Trung ương"),
    ("Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII;",
     "Ban Chấp hành Trung ương"),
    ("Thực hiện Nghị quyết Đại hội lần thứ XIII của Đảng;", "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
])
def test_plenum_of_the_central_committee(text, issuer):
    assert [c.issuer for c in extract_text(text).cited_documents] == [issuer]


# --- "Ngân hàng Nhà nước Việt Nam" is a central body (central_bodies row, body_head "Ngân hàng") ----------------
@pytest.mark.parametrize("text, bodies", [
    ("Chính phủ yêu cầu các Bộ triển khai các giải pháp. Trong đó, Ngân hàng Nhà nước Việt Nam phải tiếp tục điều "
     "hành chính sách tiền tệ.", [("các Bộ",), ("Ngân hàng Nhà nước Việt Nam",)]),
    ("Chính phủ yêu cầu các Bộ triển khai các giải pháp. Ngân hàng Nhà nước chủ trì, phối hợp với Bộ Tài chính điều "
     "hành tỷ giá.", [("các Bộ",), ("Ngân hàng Nhà nước Việt Nam",)]),
])
def test_state_bank_is_a_body(text, bodies):
    assert [b for b, _ in _tasks(text)] == bodies


# --- "X vừa có công văn chỉ đạo đến A và B yêu cầu ...": whom the letter goes to (press_phrases recipient_verb) ------
def test_letter_directed_to():
    text = ("Phó Chủ tịch UBND tỉnh Lê Văn Tám vừa có công văn chỉ đạo đến các sở, ngành liên quan và UBND các huyện, "
            "thị xã, thành phố yêu cầu khẩn trương triển khai thực hiện Công điện số 12/CĐ-TTg của Thủ tướng Chính phủ.")
    assert extract_text(text).recipients == ("các sở, ngành liên quan", "UBND các huyện, thị xã, thành phố")


# --- "Cơ quan Trung ương của các ban, ngành, đoàn thể" after ";" is one more addressee; a portal's "Cơ quan ban hành:" no body ---
def test_capitalised_class_after_semicolon_is_a_recipient():
    text = ("Bộ Tài nguyên và Môi trường vừa có văn bản số 21/BTNMT-TCMT gửi các Bộ, cơ quan ngang Bộ; Cơ quan Trung "
            "ương của các ban, ngành, đoàn thể; UBND các tỉnh đề nghị chỉ đạo các đơn vị hưởng ứng Ngày Môi trường.")
    assert extract_text(text).recipients == (
        "các Bộ, cơ quan ngang Bộ", "Cơ quan Trung ương của các ban, ngành, đoàn thể", "UBND các tỉnh")


def test_portal_issuing_body_label_is_no_task():
    text = "Số hiệu: 30/2014/QĐ-UBND\nLoại văn bản: Quyết định\nCơ quan ban hành: Tỉnh Phú Yên\nNgày ban hành: 16-09-2014\n"
    assert _tasks(text) == []


# --- lower-case posts in a press text ("yêu cầu bộ trưởng, thủ trưởng ..., chủ tịch UBND các tỉnh") open the bodies asked ---
@pytest.mark.parametrize("text, bodies", [
    ("Thủ tướng yêu cầu bộ trưởng, thủ trưởng cơ quan ngang bộ, chủ tịch UBND các tỉnh, thành phố khẩn trương thực "
     "hiện các giải pháp.", ("các Bộ", "cơ quan ngang bộ", "UBND các tỉnh, thành phố trực thuộc Trung ương")),   # the Thủ tướng's (press21)
    ("UBND tỉnh yêu cầu giám đốc các sở, chủ tịch UBND các huyện tăng cường kiểm tra.", ("các sở", "UBND các huyện")),
])
def test_lower_case_posts(text, bodies):
    assert [b for bs, _ in _tasks(text) for b in bs] == list(bodies)


# --- the bodies a request names: a post before a bare kind of place ("đồng chí chủ tịch tỉnh": post_of_unit rows);
# "một số" a plural ("chỉ đạo đến một số sở, ngành liên quan và UBND các huyện yêu cầu ...": grammar_words) ----------
@pytest.mark.parametrize("text, bodies", [
    ("Bộ Y tế đề nghị đồng chí chủ tịch tỉnh chỉ đạo sử dụng tài liệu tại hội nghị.", [("UBND tỉnh",)]),
    ("Bộ Y tế đề nghị Chủ tịch tỉnh chỉ đạo sử dụng tài liệu tại hội nghị.", [("UBND tỉnh",)]),
    # a deputy is kept, as "Phó Chủ tịch UBND huyện" is
    ("UBND tỉnh đề nghị phó chủ tịch huyện chỉ đạo thực hiện kế hoạch.", [("phó chủ tịch UBND huyện",)]),
    # a post before a body's name, after "đồng chí", stays as written (main's way)
    ("Bộ Y tế đề nghị đồng chí Chủ tịch UBND tỉnh chỉ đạo sử dụng tài liệu.", [("Chủ tịch UBND tỉnh",)]),
    ("Phó Chủ tịch UBND tỉnh Lê Văn Tám vừa có công văn chỉ đạo đến một số sở, ngành liên quan và UBND các huyện, "
     "thị xã, thành phố yêu cầu khẩn trương triển khai thực hiện Công điện số 12/CĐ-TTg.",
     [("UBND các huyện, thị xã, thành phố",)]),
])
def test_bodies_a_request_names(text, bodies):
    assert [b for b, _ in _tasks(text)] == bodies
