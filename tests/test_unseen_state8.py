"""State documents from an eighth set of unseen public pages (commune and district notices, a Bộ's
letters to the provinces, a Cục's letter, press reports of provincial notices and công văn): what they
taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [a.bodies for a in extract_text(text).assignments]


# --- "các thành viên Ban Chỉ đạo ...": the members of a body stand for the body ----------------------
@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch UBND tỉnh yêu cầu các thành viên Ban Chỉ đạo phòng, chống dịch tỉnh; Giám đốc Sở Y tế "
     "thực hiện quyết liệt công tác phòng, chống dịch.", [("Ban Chỉ đạo phòng, chống dịch tỉnh", "Sở Y tế")]),
    ("UBND huyện yêu cầu Thành viên Ban Chỉ đạo huyện, Chủ tịch UBND các xã tăng cường kiểm tra.",
     [("Ban Chỉ đạo huyện", "UBND các xã")]),
])
def test_members_of_a_body(text, expected):
    assert _tasks(text) == expected


# --- "đề nghị Nhân dân và yêu cầu X ...": the second request names the bodies -----------------------
@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch UBND tỉnh đề nghị Nhân dân và yêu cầu các sở, ban, ngành tiếp tục thực hiện các giải pháp.",
     [("các sở, ban, ngành",)]),
    ("UBND huyện đề nghị các tổ chức, cá nhân, yêu cầu Phòng Y tế huyện tăng cường kiểm tra.",
     [("Phòng Y tế huyện",)]),
    # a named body after the first verb keeps it
    ("UBND huyện đề nghị Phòng Y tế huyện tăng cường kiểm tra.", [("Phòng Y tế huyện",)]),
])
def test_second_request_after_a_generic_one(text, expected):
    assert _tasks(text) == expected


# --- a press subject ends where a directing verb names a body ---------------------------------------
@pytest.mark.parametrize("lead, subject", [
    ("UBND tỉnh vừa ban hành Công văn số 45/UBND-VX về tăng cường phòng, chống dịch yêu cầu "
     "Ban Chỉ đạo các huyện thực hiện nghiêm.", "về tăng cường phòng, chống dịch"),
    ("UBND tỉnh vừa ban hành Công văn số 45/UBND-VX về tăng cường phòng, chống dịch, đề nghị "
     "các sở rà soát.", "về tăng cường phòng, chống dịch"),
    # the verb inside the subject, no body after it: the subject goes on
    ("UBND tỉnh vừa ban hành Công văn số 45/UBND-VX về việc đề nghị cấp kinh phí phòng dịch.",
     "về việc đề nghị cấp kinh phí phòng dịch"),
    # a request as a noun before a capital that opens no body ("yêu cầu Nhà nước ..."): the subject goes on
    ("UBND tỉnh vừa ban hành Công văn số 45/UBND-VX về trả lời đơn liên quan đến yêu cầu Nhà nước quy hoạch "
     "vùng mỏ.", "về trả lời đơn liên quan đến yêu cầu Nhà nước quy hoạch vùng mỏ"),
])
def test_press_subject_ends_at_a_directing_verb(lead, subject):
    assert extract_text(lead).subject == subject


# --- "... cho đến khi UBND tỉnh có thông báo mới": a notice to come is no document ------------------
@pytest.mark.parametrize("until", ["cho đến khi", "đến khi", "tới khi"])
def test_a_notice_to_come_is_no_document(until):
    text = (f"Chủ tịch UBND tỉnh yêu cầu Sở Y tế duy trì các giải pháp theo Chỉ thị số 09/CT-UBND ngày "
            f"31/3/2020. Thời gian thực hiện từ 00 giờ ngày 23/4/2020 {until} UBND tỉnh có thông báo mới.")
    record = extract_text(text)
    assert (record.doc_type, record.date) == (None, None)


# --- "Theo <document> của X vừa được ban hành, ...": the news, not a citation ------------------------
@pytest.mark.parametrize("lead, expected", [
    ("Theo thông báo của UBND tỉnh vừa được ban hành, các xã tiếp tục thực hiện các giải pháp.",
     ("Thông báo", None, "UBND tỉnh")),
    ("Theo Thông báo số 12/TB-UBND của UBND huyện vừa được ban hành, các xã tiếp tục thực hiện các giải pháp.",
     ("Thông báo", "12/TB-UBND", "UBND huyện")),
    # no news aspect: a document cited
    ("Theo Kế hoạch số 12/KH-UBND của UBND tỉnh đã được ban hành, các xã thực hiện.", (None, None, None)),
])
def test_just_issued_after_a_citing_word(lead, expected):
    record = extract_text(lead)
    assert (record.doc_type, record.number, record.issuer) == expected


# --- "thông báo cho A và B được biết": a notice, no task (the bodies told are neither recipients nor
# lead bodies: the gold corpus writes them nowhere) ----------------------------------------------------
@pytest.mark.parametrize("closing", [
    "UBND huyện thông báo cho các phòng, ban và UBND các xã được biết, thực hiện.",
    "UBND huyện thông báo để các phòng, ban; UBND các xã biết, thực hiện.",
])
def test_notice_is_no_task(closing):
    record = extract_text("Thông báo số 30/TB-UBND ngày 2/10/2023 về việc thay đổi ngày tiếp công dân.\n\n" + closing)
    assert (record.recipients, record.assignments) == ((), ())


# --- HĐND and its chairman speak in a press text ------------------------------------------------------
@pytest.mark.parametrize("speaker, issuer", [
    ("HĐND huyện Ngân Sơn", "HĐND huyện Ngân Sơn"),
    ("Thường trực HĐND huyện Ngân Sơn", "HĐND huyện Ngân Sơn"),
    ("Chủ tịch HĐND huyện Ngân Sơn", "Chủ tịch HĐND huyện Ngân Sơn"),
])
def test_hdnd_speaks(speaker, issuer):
    text = f"{speaker} thông báo lịch tiếp công dân như sau:\n\n1. Thời gian: ngày 20 hằng tháng."
    assert extract_text(text).issuer == issuer


# --- "Cổng thông tin điện tử huyện" is a body of its own in a list ------------------------------------
def test_portal_is_a_body_in_a_list():
    text = "Giao Trung tâm Văn hóa, thể thao và Truyền thông; Cổng thông tin điện tử huyện tổ chức đăng tải thông báo này."
    assert _tasks(text) == [("Trung tâm Văn hóa, thể thao và Truyền thông", "Cổng thông tin điện tử huyện")]


# --- a Cục of a Bộ speaks in its own name -------------------------------------------------------------
@pytest.mark.parametrize("name", ["Cục Bảo vệ thực vật", "Cục bảo vệ thực vật", "Cục BVTV"])
def test_cuc_issues(name):
    record = extract_text(f"{name} vừa có công văn số 1066/BVTV-QLT ngày 03/5/2019 gửi các Sở Nông nghiệp các tỉnh.")
    assert (record.issuer, record.issuer_level) == ("Cục Bảo vệ thực vật", "central")


# --- "Luật tiếp công dân số 42/2013/QH13": a law's title in lower case before its number ------------
@pytest.mark.parametrize("basis, expected", [
    ("Căn cứ Luật tiếp công dân số 42/2013/QH13 ngày 25/11/2013;", [("Luật", "42/2013/QH13")]),
    ("Căn cứ Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013;", [("Luật", "42/2013/QH13")]),
    # lower-case words after "Luật" with no number name no law
    ("Việc thực hiện luật tiếp công dân ở xã còn hạn chế.", []),
])
def test_lower_case_law_title_before_its_number(basis, expected):
    cited = extract_text(basis + "\nUBND xã thông báo lịch tiếp công dân như sau:").cited_documents
    assert [(c.doc_type, c.number) for c in cited] == expected


# --- a page titled by its numbered document, then Kính gửi: the page is that document ----------------
@pytest.mark.parametrize("issuer_words, issuer", [
    ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Bộ Y tế", "Bộ Y tế"),
])
def test_page_titled_by_its_document(issuer_words, issuer):
    text = (f"Công văn số 4150/BNN-CN ngày 20 tháng 7 năm 2021 của {issuer_words} về việc vận chuyển vật tư nông nghiệp\n\n"
            f"Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n"
            f"{issuer_words} đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo các cơ quan tạo điều kiện./.")
    record = extract_text(text)
    assert (record.doc_type, record.number, record.date, record.issuer) == ("Công văn", "4150/BNN-CN", "2021-07-20", issuer)


# --- "Kế hoạch do Phó Chủ tịch UBND tỉnh <Name> ký ban hành": the signer's body issues ----------------
@pytest.mark.parametrize("lead, issuer", [
    ("Kế hoạch do Phó Chủ tịch UBND tỉnh Lê Văn Tám ký ban hành, yêu cầu các sở triển khai.", "UBND tỉnh"),
    ("Công văn số 12/UBND-VX ngày 5/3/2021 do Chủ tịch UBND huyện Lê Văn Tám ký gửi các xã.", "UBND huyện"),
])
def test_passive_signer_names_the_issuer(lead, issuer):
    record = extract_text(lead)
    assert (record.issuer, record.signer.name) == (issuer, "Lê Văn Tám")
