"""State documents from a fifteenth set of unseen public pages (ministries', general departments' and
provinces' letters on schools, land, statistics, labour, transport, ethnic minorities; law portals'
layouts): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text

_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [a.bodies for a in extract_text(text).assignments]


# --- a portal's list of related documents ("- 1Nghị định ...", its number glued to the title) before the header ---
@pytest.mark.parametrize("lead", [
    "- 1Nghị định 16/2022/NĐ-CP quy định về xử phạt vi phạm hành chính về xây dựng\n- 2Luật Doanh nghiệp 2020\n",
    "- 1 Nghị định 16/2022/NĐ-CP quy định về xử phạt vi phạm hành chính về xây dựng\n- 2 Luật Doanh nghiệp 2020\n",
    "",
])
def test_related_list_before_header(lead):
    text = (lead + "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 12/2022/QĐ-UBND | Vĩnh Long, ngày 07 tháng 3 năm 2022 |\nỦY BAN NHÂN DÂN TỈNH VĨNH LONG\n"
            "Căn cứ Luật Xây dựng ngày 18/6/2014;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy định.\n")
    rec = extract_text(text)
    assert (rec.doc_type, rec.number, rec.date) == ("Quyết định", "12/2022/QĐ-UBND", "2022-03-07")
    assert rec.issuer == "Ủy ban nhân dân tỉnh Vĩnh Long"


# --- a general department or a ministry-level committee in the header's organ lines -------------------------
@pytest.mark.parametrize("organs, issuer, parent", [
    ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n-------\n", "Tổng cục Thuế", "Bộ Tài chính"),
    ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\nTỔNG CỤC THỦY LỢI\n-------\n", "Tổng cục Thủy lợi",
     "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("ỦY BAN DÂN TỘC\n-------\n", "Ủy ban Dân tộc", None),
    ("BỘ TÀI CHÍNH\n-------\n", "Bộ Tài chính", None),
])
def test_general_department_organ(organs, issuer, parent):
    text = (organs + _MOTTO + "Số: 28/TCT-DNL\nV/v thực hiện quy định về hóa đơn.\n"
            "Hà Nội, ngày 18 tháng 07 năm 2014\n\nKính gửi: Cục Thuế tỉnh Đắk Nông.\n\nCó ý kiến như sau:\n")
    rec = extract_text(text)
    assert (rec.issuer, rec.parent_body, rec.date) == (issuer, parent, "2014-07-18")


# --- "V/v" alone on its line, ": <the trích yếu>" on the next -------------------------------------------------
@pytest.mark.parametrize("subject_lines, subject", [
    ("V/v\n: Thực hiện quy định về hóa đơn.\n", "V/v : Thực hiện quy định về hóa đơn."),
    ("V/v: Thực hiện quy định về hóa đơn.\n", "V/v: Thực hiện quy định về hóa đơn."),
])
def test_subject_colon_wrapped(subject_lines, subject):
    text = ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n-------\n" + _MOTTO + "Số: 28/TCT-DNL\n" + subject_lines
            + "Hà Nội, ngày 18 tháng 07 năm 2014\n\nKính gửi: Cục Thuế tỉnh Đắk Nông.\n")
    rec = extract_text(text)
    assert (rec.subject, rec.date) == (subject, "2014-07-18")


# --- a department's head named by post ("Cục trưởng Cục Thống kê tỉnh"): the task is the department's --------
@pytest.mark.parametrize("text, tasks", [
    ("Chủ tịch UBND tỉnh yêu cầu Cục trưởng Cục Thống kê tỉnh triển khai tổ chức Tổng điều tra.", [("Cục Thống kê tỉnh",)]),
    ("Bộ Tài chính yêu cầu Tổng cục trưởng Tổng cục Thuế chỉ đạo các Cục Thuế rà soát.", [("Tổng cục Thuế",)]),
    ("Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế triển khai tiêm chủng.", [("Sở Y tế",)]),
])
def test_department_head_post(text, tasks):
    assert _tasks(text) == tasks


# --- "phối hợp X có kế hoạch ...": "có kế hoạch" ends the partner's name --------------------------------------
@pytest.mark.parametrize("text, lead, partners", [
    ("UBND tỉnh vừa có Chỉ thị về tổng điều tra dân số. Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh phối hợp Cục Thống kê "
     "có kế hoạch điều tra đối với nhân khẩu.", ("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"), ("Cục Thống kê",)),
    ("UBND tỉnh vừa có Chỉ thị về tổng điều tra dân số. Công an tỉnh phối hợp Cục Thống kê có trách nhiệm điều tra "
     "nhân khẩu.", ("Công an tỉnh",), ("Cục Thống kê",)),
])
def test_partner_before_has_plan(text, lead, partners):
    [a] = extract_text(text).assignments
    assert (a.bodies, a.cooperating) == (lead, partners)


# --- a named law's title ends before "gửi", "trước" (a deadline's date is no date of the law) -----------------
@pytest.mark.parametrize("text, cited", [
    ("UBND tỉnh giao các huyện lập Kế hoạch theo đúng quy định của Luật Đất đai 2013, gửi Sở Tài nguyên và Môi "
     "trường thẩm định trước ngày 30/9/2018.", ("Luật Đất đai 2013", None)),
    ("UBND tỉnh giao các huyện lập Kế hoạch theo đúng quy định của Luật Đất đai, gửi Sở Tài nguyên và Môi "
     "trường thẩm định trước ngày 30/9/2018.", ("Luật Đất đai", None)),
    ("UBND tỉnh giao các huyện rà soát theo Luật Đất đai trước ngày 01/8/2024.", ("Luật Đất đai", None)),
    ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;",
     ("Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007", "2007-11-21")),
])
def test_law_title_ends_before_deadline(text, cited):
    [c] = extract_text(text).cited_documents
    assert (c.text, c.date) == cited


# --- a general department's or a department's head signing ("Cục trưởng Cục X Lê Văn Tám đã ký ...") ---------------
@pytest.mark.parametrize("text, role", [
    ("Cục trưởng Cục Thống kê Lê Văn Tám đã ký Công văn số 70/CTK-TH gửi các sở đề nghị tăng cường kiểm tra.",
     "Cục trưởng"),
    ("Giám đốc Sở Y tế Lê Văn Tám đã ký Công văn số 70/SYT-NVY gửi các bệnh viện đề nghị tăng cường kiểm tra.",
     "Giám đốc"),
])
def test_department_head_signs(text, role):
    signer = extract_text(text).signer
    assert (signer.name, signer.role) == ("Lê Văn Tám", role)


# --- a general department known by name, its head's post left out by the page ("Tổng cục Đường bộ Việt Nam
# Nguyễn Văn A vừa có văn bản"): the department issues, the person's name is no part of it ----------------------
@pytest.mark.parametrize("text, issuer", [
    ("Ngày 25/8, Tổng cục Đường bộ Việt Nam Lê Văn Tám vừa có văn bản đề nghị các địa phương kiểm soát tải trọng xe.",
     "Tổng cục Đường bộ Việt Nam"),
    ("Tổng cục Thuế vừa có Công văn số 12/TCT-CS gửi Cục Thuế các tỉnh đề nghị rà soát hóa đơn.", "Tổng cục Thuế"),
])
def test_general_department_press(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a press report's addressees as a colon list, the request after it ("gửi các Sở: Y tế, Tài chính yêu cầu ...") ---
@pytest.mark.parametrize("text, recipients", [
    ("Bộ Y tế vừa có Công văn số 61/BYT-KCB gửi các Sở: Y tế, Tài chính yêu cầu thực hiện tốt Công điện số 17/CĐ-TTg.",
     ["Sở Y tế", "Sở Tài chính"]),
    ("Bộ Giao thông vận tải vừa có Công điện số 61/CĐ-BGTVT gửi Tổng cục Đường bộ Việt Nam, các Tổng công ty: Đường sắt "
     "Việt Nam, Cảng hàng không Việt Nam yêu cầu thực hiện tốt Công điện số 17/CĐ-TTg.",
     ["Tổng cục Đường bộ Việt Nam", "Tổng công ty Đường sắt Việt Nam", "Tổng công ty Cảng hàng không Việt Nam"]),
    ("Bộ Y tế vừa có Công văn số 61/BYT-KCB gửi các Sở Y tế yêu cầu thực hiện tốt Công điện số 17/CĐ-TTg.",
     ["các Sở Y tế"]),
])
def test_press_colon_recipients(text, recipients):
    assert list(extract_text(text).recipients) == recipients


# --- a capitalised body of its own after a comma takes no head word of the item before it ---------------------------
@pytest.mark.parametrize("text, lead, partners", [
    ("UBND thành phố chỉ đạo Sở Giáo dục và Đào tạo phối hợp Trung tâm y tế, Trạm y tế tổ chức tiêm chủng.",
     ("Sở Giáo dục và Đào tạo",), ("Trung tâm y tế", "Trạm y tế")),
    ("UBND tỉnh đã giao cho Sở GD&ĐT Hà Tĩnh, Thị xã Kỳ Anh giải quyết dứt điểm vụ việc.",
     ("Sở Giáo dục và Đào tạo Hà Tĩnh", "Thị xã Kỳ Anh"), ()),
    ("UBND tỉnh giao Sở Y tế, Tài chính rà soát kinh phí.", ("Sở Y tế", "Sở Tài chính"), ()),
])
def test_own_head_after_comma(text, lead, partners):
    [a] = extract_text(text).assignments
    assert (a.bodies, a.cooperating) == (lead, partners)


# --- "của Cục Thuế tỉnh X hỏi về ...": the asker's verb ends the cited letter's author ----------------------------
def test_author_then_asks():
    text = ("Trả lời công văn số 636/CT-TTHT ngày 25/4/2014 của Cục Thuế tỉnh Đắk Nông hỏi về sử dụng hóa đơn, "
            "Tổng cục Thuế có ý kiến như sau:")
    [c] = extract_text(text).cited_documents
    assert (c.number, c.issuer) == ("636/CT-TTHT", "Cục Thuế tỉnh Đắk Nông")


# --- "của Ủy ban nhân dân (UBND) tỉnh": the organ's abbreviation in brackets is inside the author's name ------------
@pytest.mark.parametrize("text, issuer", [
    ("Thực hiện Chỉ thị số 14/CT-UBND ngày 22/9/2016 của Ủy ban nhân dân (UBND) tỉnh Bình Phước về năm học, "
     "Sở Giáo dục triển khai.", "Ủy ban nhân dân tỉnh Bình Phước"),
    ("Thực hiện Chỉ thị số 14/CT-UBND ngày 22/9/2016 của Ủy ban nhân dân tỉnh Bình Phước về năm học, "
     "Sở Giáo dục triển khai.", "Ủy ban nhân dân tỉnh Bình Phước"),
    # brackets not followed by a unit word end the name as before
    ("Thực hiện Kế hoạch số 14/KH-BCĐ ngày 22/9/2016 của Ban Chỉ đạo (BCĐ) về năm học, Sở Giáo dục triển khai.",
     "Ban Chỉ đạo"),
])
def test_bracketed_abbreviation_in_author(text, issuer):
    [c] = extract_text(text).cited_documents
    assert c.issuer == issuer


# --- "chỉ đạo X đảm nhận việc ...": "đảm nhận" is the task's predicate -------------------------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("Bộ GD&ĐT có văn bản chỉ đạo Sở GD&ĐT cấp tỉnh đảm nhận việc bổ nhiệm cán bộ quản lý.",
     [("Sở Giáo dục và Đào tạo cấp tỉnh",)]),
    ("Bộ GD&ĐT có văn bản chỉ đạo các sở GD&ĐT đảm nhận việc bổ nhiệm cán bộ quản lý.", [("các sở Giáo dục và Đào tạo",)]),
])
def test_take_on_predicate(text, tasks):
    assert _tasks(text) == tasks


# --- "X yêu cầu thu hồi văn bản do Y đưa ra": the document withdrawn is no report of the page; X issues -----------
@pytest.mark.parametrize("text, issuer", [
    ("Cục Đường bộ VN yêu cầu thu hồi văn bản do Sở Giao thông vận tải Hà Nội đưa ra về việc cấp phép xe khách.",
     "Cục Đường bộ Việt Nam"),
    ("Cục Đường bộ Việt Nam yêu cầu thu hồi văn bản do Sở Giao thông vận tải Hà Nội ban hành về việc cấp phép xe khách.",
     "Cục Đường bộ Việt Nam"),
])
def test_withdrawn_document_not_reported(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "gửi <colon list> yêu cầu ...": the addressees of the list are asked --------------------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("Bộ Y tế vừa có Công văn số 61/BYT-KCB gửi các Sở: Y tế, Tài chính yêu cầu thực hiện tốt Công điện số 17/CĐ-TTg.",
     [("Sở Y tế", "Sở Tài chính")]),
    ("Bộ Y tế vừa có Công văn số 61/BYT-KCB gửi các Sở Y tế yêu cầu thực hiện tốt Công điện số 17/CĐ-TTg.",
     [("các Sở Y tế",)]),
])
def test_sent_to_colon_list(text, tasks):
    assert _tasks(text) == tasks


# --- "UBND các tỉnh, TP trực thuộc trung ương": the press's "TP" in a class of units is "thành phố" ------------------
@pytest.mark.parametrize("text, tasks", [
    ("Bộ LĐ-TB&XH đề nghị UBND các tỉnh, TP chỉ đạo kiểm tra các doanh nghiệp.",
     [("UBND các tỉnh, thành phố trực thuộc Trung ương",)]),
    ("Bộ LĐ-TB&XH đề nghị UBND các tỉnh, thành phố chỉ đạo kiểm tra các doanh nghiệp.",
     [("UBND các tỉnh, thành phố trực thuộc Trung ương",)]),
])
def test_abbreviated_unit_in_class(text, tasks):
    assert _tasks(text) == tasks


# --- the list after "gửi" ends at the task's verb (assignments.predicate), not only at a clause word ----------
@pytest.mark.parametrize("text, recipients", [
    ("Ngày 6-9, UBND thành phố có văn bản gửi các sở ngành chức năng, UBND các địa phương triển khai chiến dịch "
     "tiêm chủng nhằm giảm tỉ lệ mắc.", ["các sở ngành chức năng", "UBND các địa phương"]),
    ("Bộ Công Thương vừa có văn bản gửi Sở Công Thương các tỉnh, Tập đoàn Điện lực Việt Nam (EVN) đẩy mạnh "
     "thực hiện Chỉ thị 20/CT-TTg của Thủ tướng Chính phủ.", ["Sở Công Thương các tỉnh", "Tập đoàn Điện lực Việt Nam (EVN)"]),
    ("Công điện được gửi tới lãnh đạo các bộ, cơ quan ngang bộ; Bí thư, Chủ tịch UBND các tỉnh nhằm bảo đảm "
     "công tác chuẩn bị.", ["lãnh đạo các bộ, cơ quan ngang bộ", "Bí thư", "Chủ tịch UBND các tỉnh"]),
    ("UBND tỉnh có văn bản gửi Tổ công tác triển khai Đề án 06 tỉnh về việc rà soát dữ liệu.",
     ["Tổ công tác triển khai Đề án 06 tỉnh"]),
    ("UBND tỉnh có văn bản gửi các sở, ngành yêu cầu rà soát dữ liệu.", ["các sở, ngành"]),
])
def test_recipients_end_at_predicate(text, recipients):
    assert list(extract_text(text).recipients) == recipients


# --- a ministry's department ("Vụ") and its head ("Vụ trưởng"); "cho ý kiến" asks for an opinion --------------
@pytest.mark.parametrize("text, tasks", [
    ("Chánh Văn phòng Bộ, Vụ trưởng Vụ Kế hoạch, Cục trưởng Cục Công tác phía Nam, Vụ trưởng Vụ Văn hóa dân tộc "
     "chịu trách nhiệm thi hành Quyết định này./.",
     [("Văn phòng Bộ", "Vụ Kế hoạch", "Cục Công tác phía Nam", "Vụ Văn hóa dân tộc")]),
    ("Bộ Công Thương đề nghị các Bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương cho ý kiến đối với "
     "Dự thảo Chỉ thị.", [("các Bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương")]),
])
def test_department_and_opinion(text, tasks):
    assert _tasks(text) == tasks


def test_department_as_partner():
    rec = extract_text("Bộ giao Cục Công tác phía Nam chủ trì phối hợp với Vụ Văn hóa dân tộc, các đơn vị trực thuộc Bộ "
                       "tổ chức thực hiện.")
    assert [(a.bodies, a.cooperating) for a in rec.assignments] == \
        [(("Cục Công tác phía Nam",), ("Vụ Văn hóa dân tộc", "các đơn vị trực thuộc Bộ"))]


# --- "Trong quá trình ..." opens the letter's body under its Kính gửi list (header_markers body_opener) ---------
@pytest.mark.parametrize("lines, recipients", [
    ("Kính gửi: Cục Hải quan các tỉnh, thành phố\nTrong quá trình thực hiện thủ tục hải\nquan, Bộ đã nhận được ý kiến.\n",
     ["Cục Hải quan các tỉnh, thành phố"]),
    ("Kính\ngửi: Cục Hải quan các tỉnh, thành phố\nTrong quá trình thực hiện thủ tục hải\nquan, Bộ đã nhận được ý kiến.\n",
     ["Cục Hải quan các tỉnh, thành phố"]),
    ("Kính gửi: Cục Hải quan các tỉnh, thành phố\nThực hiện Thông tư số 38/2015/TT-BTC, Bộ đã nhận được ý kiến.\n",
     ["Cục Hải quan các tỉnh, thành phố"]),
])
def test_body_opens_in_the_course_of(lines, recipients):
    assert list(extract_text(lines).recipients) == recipients


# --- a plural type's author before "số:" ("các Quyết định của Thủ tướng Chính phủ số: 1521/QĐ-TTg ...; 21/2021/QĐ-TTg") ---
@pytest.mark.parametrize("text", [
    "Các đơn vị thực hiện các Quyết định của Thủ tướng Chính phủ số: 1521/QĐ-TTg ngày 06/10/2020 ban hành Kế hoạch; "
    "21/2021/QĐ-TTg ngày 21/6/2021 quy định về thành phần.",
    "Các đơn vị thực hiện các Quyết định của Thủ tướng Chính phủ: số 1521/QĐ-TTg ngày 06/10/2020 ban hành Kế hoạch; "
    "số 21/2021/QĐ-TTg ngày 21/6/2021 quy định về thành phần.",
])
def test_plural_author_before_number_word(text):
    cited = [(c.number, c.issuer) for c in extract_text(text).cited_documents]
    assert cited == [("1521/QĐ-TTg", "Thủ tướng Chính phủ"), ("21/2021/QĐ-TTg", "Thủ tướng Chính phủ")]
