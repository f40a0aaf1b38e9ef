"""State documents from a fourth set of unseen public pages: what they taught us.

Every sentence is written for the test (names, numbers, provinces made up), modelled on the
layouts and phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> list[tuple]:
    return [(c.doc_type, c.number, c.issuer, c.relation) for c in extract_text(text).cited_documents]


# --- "Thông tư liên tịch" is a Thông tư (a joint one), cited like any other --------------------
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Thông tư liên tịch số 07/2015/TTLT-BTC-BNV ngày 12 tháng 3 năm 2015 của Bộ Tài chính - Bộ Nội vụ;",
     ("Thông tư", "07/2015/TTLT-BTC-BNV", "Bộ Tài chính - Bộ Nội vụ", "based_on")),
    ("Thực hiện Thông tư Liên tịch số 21/2012/TTLT-BYT-BCT ngày\n05/6/2012 hướng dẫn việc phối hợp;",
     ("Thông tư", "21/2012/TTLT-BYT-BCT", "Bộ Y tế", "implements")),
])
def test_joint_circular_is_cited(text, expected):
    assert _cited(text) == [expected]


# --- an amending law's head is no title of its own, however it is cased ------------------------
@pytest.mark.parametrize("head", ["Luật sửa đổi, bổ sung một số điều của", "Luật Sửa đổi, bổ sung một số điều của",
                                  "LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA"])
def test_amending_law_head_is_not_cited(head):
    text = f"Căn cứ {head} Luật Đầu tư công và Luật Quy hoạch ngày 15 tháng 6 năm 2021;"
    assert [(c.doc_type, c.relation) for c in extract_text(text).cited_documents] == [("Luật", "based_on")] * 2


# --- "các nghị định của Chính phủ: Số A ...; số B ...": the plural head types and authors each item
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ các nghị định của Chính phủ: Số 45/2019/NĐ-CP ngày 10 tháng 5 năm 2019 về việc quản lý chợ; "
     "số 12/2021/NĐ-CP ngày 02 tháng 3 năm 2021 sửa đổi một số điều của Nghị định 45/2019/NĐ-CP;",
     [("Nghị định", "45/2019/NĐ-CP", "Chính phủ", "based_on"), ("Nghị định", "12/2021/NĐ-CP", "Chính phủ", "based_on")]),
    ("Căn cứ các thông tư của Bộ Tài chính: Số 08/2018/TT-BTC ngày 05 tháng 01 năm 2018 hướng dẫn thực hiện "
     "Nghị định 45/2019/NĐ-CP; số 31/2020/TT-BTC ngày 11 tháng 4 năm 2020;",
     [("Thông tư", "08/2018/TT-BTC", "Bộ Tài chính", "based_on"), ("Thông tư", "31/2020/TT-BTC", "Bộ Tài chính", "based_on")]),
])
def test_plural_head_types_its_items(text, expected):
    assert _cited(text) == expected


def _tasks(text: str) -> list[tuple]:
    return [(a.bodies, a.text.split()[0]) for a in extract_text(text).assignments]


# --- bodies opening a sentence that only announces the items below: the items are their tasks ----
@pytest.mark.parametrize("text, expected", [
    ("Sở Xây dựng, Chủ tịch UBND các huyện tập trung thực hiện một số công việc sau:\n"
     "- Rà soát các công trình xuống cấp trước ngày 15/6/2023.\n- Báo cáo kết quả về Sở Xây dựng.",
     [(("Sở Xây dựng", "UBND các huyện"), "Rà"), (("Sở Xây dựng", "UBND các huyện"), "Báo")]),
    ("1. Nhiệm vụ chung\nSở Công Thương thực hiện tốt các nhiệm vụ sau:\n- Theo dõi sát giá cả thị trường.",
     [(("Sở Công Thương",), "Theo")]),
])
def test_subject_announcing_items_owns_them(text, expected):
    assert _tasks(text) == expected


# --- a section heading ("II. Nhiệm vụ chung") on its own line is no part of the sentence under it --
@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch UBND tỉnh chỉ thị:\nI. Nhiệm vụ chung\nSở Tài chính khẩn trương cân đối nguồn kinh phí.",
     [(("Sở Tài chính",), "Sở")]),
    ("Để bảo đảm an toàn, Chủ tịch UBND tỉnh chỉ thị:\nII. Nhiệm vụ cụ thể\nSở Giao thông vận tải tăng cường tuần tra, kiểm soát.",
     [(("Sở Giao thông vận tải",), "Sở")]),
])
def test_section_heading_is_cut_off(text, expected):
    assert _tasks(text) == expected


_PIPES = """{organ}
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: {number}
|
Ninh Bình, ngày 08 tháng 5 năm 2023
|
{title}
{body}"""


# --- the trích yếu ends where the authority line begins, also when the line is wrapped or a
# --- council's session line follows it --------------------------------------------------------
@pytest.mark.parametrize("organ, number, title, body, subject", [
    ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH", "415/QĐ-UBND",
     "QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN\nDU LỊCH TỈNH NINH BÌNH ĐẾN NĂM 2030",
     "ỦY\nBAN NHÂN DÂN TỈNH NINH BÌNH\nCăn cứ Luật Du lịch ngày 19 tháng 6 năm 2017;",
     "VỀ VIỆC PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN DU LỊCH TỈNH NINH BÌNH ĐẾN NĂM 2030"),
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH NINH BÌNH", "09/2023/NQ-HĐND",
     "NGHỊ QUYẾT\nBAN HÀNH QUY ĐỊNH MỨC HỖ TRỢ\nCÁN BỘ Y TẾ THÔN, BẢN",
     "HỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH\nKHÓA XV KỲ HỌP THỨ 12\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     "BAN HÀNH QUY ĐỊNH MỨC HỖ TRỢ CÁN BỘ Y TẾ THÔN, BẢN"),
])
def test_subject_stops_at_the_authority_line(organ, number, title, body, subject):
    r = extract_text(_PIPES.format(organ=organ, number=number, title=title, body=body))
    assert (r.number, r.subject) == (number, subject)


# --- "Chủ tịch Ủy ban nhân dân\ntỉnh Chỉ thị:": the issuing post read across the line wrap ---------
def test_issuing_post_wrapped_over_a_line():
    body = "Để chủ động ứng phó với mưa bão, Chủ tịch Ủy ban nhân dân\ntỉnh Chỉ thị:\n1. Sở Xây dựng rà soát các công trình."
    r = extract_text(_PIPES.format(organ="ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH", number="06/CT-UBND",
                                   title="CHỈ THỊ\nVỀ CÔNG TÁC PHÒNG, CHỐNG MƯA BÃO", body=body))
    assert r.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"


# --- "Văn phòng HĐND và UBND huyện": one body whose name holds "và" before another body's head ------
@pytest.mark.parametrize("author", ["Văn phòng HĐND và UBND huyện Thanh Trì",
                                    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Thanh Trì"])
def test_office_of_council_and_committee_is_one_author(author):
    text = f"Thực hiện Thông báo số 58/TB-VP ngày 11/4/2022 của {author} về kết luận của Chủ tịch UBND huyện."
    assert [c.issuer for c in extract_text(text).cited_documents if c.number] == [author]


def test_two_authors_joined_by_and_stay_two():
    text = "Thực hiện Chỉ thị số 05-CT/TU ngày 02/3/2021 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 14/KH-UBND của UBND tỉnh."
    assert [c.issuer for c in extract_text(text).cited_documents][:1] == ["Ban Thường vụ Tỉnh ủy"]


# --- "đề nghị X: Theo dõi sát ...": the bodies end at the colon, the task follows it ----------------
@pytest.mark.parametrize("text, lead", [
    # Bộ Y tế speaks (a central issuer): its "các tỉnh, thành phố" are those under the centre (central_units)
    ("Theo đó, Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố: Rà soát danh sách cơ sở khám bệnh; báo cáo kết quả.",
     ("Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",)),
    ("Bộ Xây dựng yêu cầu Sở Xây dựng các địa phương: Kiểm tra an toàn các công trình cao tầng.",
     ("Sở Xây dựng các địa phương",)),
])
def test_bodies_end_at_the_colon_before_the_task(text, lead):
    assert [a.bodies for a in extract_text(text).assignments] == [lead]


# --- the issuer written in short ("UBND tỉnh xây dựng Kế hoạch ... như sau:") tells, asks nothing ----
def test_issuer_abbreviated_announcing_its_plan_is_no_task():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n-------\nSố: 16/KH-UBND\nHà Nam, ngày 19 tháng 01 năm 2021\n"
            "KẾ HOẠCH\nPHÒNG, CHỐNG TỘI PHẠM NĂM 2021\n"
            "UBND tỉnh xây dựng Kế hoạch phòng, chống tội phạm năm 2021 như sau:\nI. MỤC ĐÍCH\n"
            "1. Công an tỉnh chủ trì theo dõi, đôn đốc.")
    assert [a.bodies for a in extract_text(text).assignments] == [("Công an tỉnh Hà Nam",)]


# --- press: "gửi A; B" without a colon, B a body: one list of two recipients ----------------------
def test_press_recipients_over_a_semicolon():
    text = ("Ngày 09/3/2023, UBND tỉnh ban hành công văn số 845/UBND-VP gửi các sở, ngành thuộc UBND tỉnh; "
            "UBND các huyện, thị xã về việc trực Tết Nguyên đán.")
    assert extract_text(text).recipients == ("các sở, ngành thuộc UBND tỉnh", "UBND các huyện, thị xã")


# --- press: "Văn bản số X vừa được UBND tỉnh ban hành": the passive's agent is the issuer ---------
@pytest.mark.parametrize("text", [
    "Đó là nội dung chính trong Văn bản số 517/UBND-KT vừa được UBND tỉnh ban hành gửi các sở, ngành.",
    "Công văn số 517/UBND-KT vừa được UBND tỉnh ban hành gửi các sở, ngành.",
    "UBND tỉnh vừa ban hành Văn bản số 517/UBND-KT gửi các sở, ngành.",
])
def test_press_passive_agent_is_the_issuer(text):
    r = extract_text(text)
    assert (r.doc_type, r.number, r.issuer, r.text_kind) == ("Công văn", "517/UBND-KT", "UBND tỉnh", "PRESS")


def test_generic_mention_lends_no_number_to_the_lead():
    text = ("Chủ tịch UBND huyện vừa có công văn yêu cầu các xã, thị trấn tiếp tục thực hiện nghiêm các chỉ đạo của "
            "Ban Thường vụ Tỉnh ủy và Văn bản số 208/UBND-VX ngày 11/02/2022 của UBND tỉnh về phòng, chống dịch.")
    assert extract_text(text).number is None


# --- "giao cho X chủ trì": the task of X -----------------------------------------------------------
def test_assign_to_with_cho():
    text = "Theo đó, Chủ tịch UBND tỉnh giao cho Sở Công Thương chủ trì, phối hợp với Sở Tài chính kiểm tra giá cả."
    assert [(a.bodies, a.cooperating) for a in extract_text(text).assignments] == [(("Sở Công Thương",), ("Sở Tài chính",))]


# --- a sentence-case trích yếu under the title, the text opening with its basis under it ------------
@pytest.mark.parametrize("basis", ["Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2021 của UBND huyện Nga Sơn;",
                                   "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015;"])
def test_sentence_case_subject_above_the_basis(basis):
    text = ("ỦY BAN NHÂN DÂN\nXÃ NGA THANH\n\nSố: 08/KH-UBND\n\nNga Thanh, ngày 18 tháng 02 năm 2021\n\n"
            f"KẾ HOẠCH\n\n Tuyên truyền cuộc bầu cử đại biểu Hội đồng nhân dân xã nhiệm kỳ 2021 - 2026\n\n{basis}\n")
    assert extract_text(text).subject == "Tuyên truyền cuộc bầu cử đại biểu Hội đồng nhân dân xã nhiệm kỳ 2021 - 2026"


# --- "Thực hiện X ..., UBND thành phố ban hành Kế hoạch ... như sau:" across a line wrap: X is cited -
def test_basis_before_the_own_plan_statement_is_cited():
    text = ("Thực hiện Quyết định số 25/2020/QĐ-TTg ngày 14 tháng\n9 năm 2020 của Thủ tướng Chính phủ về chế độ báo cáo,\n"
            "Ủy ban nhân dân thành phố ban hành Kế hoạch triển\nkhai như sau:\n"
            "1. Các sở, ban, ngành rà soát chế độ báo cáo thuộc phạm vi quản lý, hoàn thành trước ngày 30 tháng 11 năm 2020, "
            "bảo đảm đúng quy định và thống nhất trên toàn thành phố theo hướng dẫn của Văn phòng Ủy ban nhân dân thành phố.\n"
            "2. Văn phòng Ủy ban nhân dân thành phố tổng hợp kết quả rà soát của các sở, ban, ngành, đề xuất danh mục chế độ "
            "báo cáo cần sửa đổi, bổ sung, thay thế hoặc bãi bỏ, trình Ủy ban nhân dân thành phố trước ngày 15 tháng 12 năm 2020.")
    assert extract_text(text).text_kind == "QUOTE"
    assert [(c.number, c.relation) for c in extract_text(text).cited_documents][:1] == [("25/2020/QĐ-TTg", "implements")]


# --- a verb inside an item's description ("... quy định cơ chế quản lý, tổ chức thực hiện ...")
# --- does not govern the next item of the list ---------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Nghị định số 15/2021/NĐ-CP ngày 03 tháng 3 năm 2021 của Chính phủ quy định chi tiết, hướng dẫn thực hiện "
     "một số nội dung về quản lý dự án và Nghị định số 35/2023/NĐ-CP ngày 20/6/2023 của Chính phủ sửa đổi một số điều;",
     [("15/2021/NĐ-CP", "based_on"), ("35/2023/NĐ-CP", "based_on")]),
    ("Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014 và thực hiện Kế hoạch số 21/KH-UBND ngày 02/3/2021 của UBND tỉnh;",
     [(None, "based_on"), ("21/KH-UBND", "implements")]),
])
def test_verb_in_a_description_governs_no_next_item(text, expected):
    assert [(c.number, c.relation) for c in extract_text(text).cited_documents] == expected


# --- a later sentence telling what a body did ("... đã phối hợp với Y") adds no partner -------------
def test_told_cooperation_adds_no_partner():
    text = ("Qua đó, đề nghị Ban Quản lý chợ Đông Ba phối hợp triển khai thực hiện.\n"
            "Sáng ngày 12/10/2025 Ban Quản lý chợ Đông Ba đã phối hợp với UBND phường Phú Hội kiểm tra hiện trường.")
    assert [(a.bodies, a.cooperating) for a in extract_text(text).assignments] == [(("Ban Quản lý chợ Đông Ba",), ())]


# --- "TP." is an abbreviation (header_markers.csv units): no sentence ends after it --------------
def test_no_sentence_end_after_an_abbreviated_unit():
    text = "Giao UBND TP. Cần Thơ chủ trì tổ chức thực hiện. Sở Y tế phối hợp kiểm tra."
    assert [a.bodies for a in extract_text(text).assignments] == [("UBND TP. Cần Thơ",), ("Sở Y tế",)]
