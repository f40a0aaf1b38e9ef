"""State documents from a tenth set of unseen public pages (portal pages of a Sở, press reports of
a Bộ's or a UBND's letters, copied pages with HTML left in them or broken tone marks): what they taught us.

Every sentence is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text
from loaders.read import SourceDocument, read_document
from loaders.text import SourceText


def _tasks(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(a.bodies, a.cooperating) for a in extract_text(text).assignments]


# --- a number whose separator is typed twice is still the document's number -----------------------------
@pytest.mark.parametrize("text, number", [
    ("Ngày 5/7/2021, Bộ GTVT đã ban hành Văn bản số 6456//BGTVT-VT yêu cầu các Sở GTVT rà soát.", "6456//BGTVT-VT"),
    ("Ngày 5/7/2021, Bộ GTVT đã ban hành Văn bản số 6456/BGTVT-VT yêu cầu các Sở GTVT rà soát.", "6456/BGTVT-VT"),
])
def test_doubled_separator_in_a_number(text, number):
    assert extract_text(text).number == number


# --- a body after a lower-case verb is that verb's object, not a second speaker -------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Để hoàn chỉnh dự thảo trước khi trình UBND tỉnh, Sở Tài chính đề nghị các sở góp ý.", "Sở Tài chính"),
    ("Sau khi báo cáo UBND tỉnh, Sở Xây dựng đề nghị các huyện rà soát quy hoạch.", "Sở Xây dựng"),
    # two bodies opening the sentence speak together: the first named
    ("Bộ Chính trị, Ban Bí thư yêu cầu các cấp ủy thực hiện nghiêm.", "Bộ Chính trị"),
])
def test_object_of_a_verb_is_no_joint_speaker(text, issuer):
    assert extract_text(text).issuer == issuer


# --- "các UBND huyện, thị xã": the body of each place, as "UBND các huyện, thị xã" writes it ----------------
@pytest.mark.parametrize("text, expected", [
    ("Sở Y tế đề nghị các UBND huyện, thị xã, thành phố rà soát hồ sơ.", [(("UBND các huyện, thị xã, thành phố",), ())]),
    ("Sở Y tế đề nghị các UBND xã rà soát hồ sơ.", [(("UBND các xã",), ())]),
    ("UBND tỉnh yêu cầu Sở Y tế, các UBND xã, phường tăng cường kiểm tra.", [(("Sở Y tế", "UBND các xã, phường"), ())]),
    ("Sở Y tế đề nghị UBND các huyện rà soát hồ sơ.", [(("UBND các huyện",), ())]),   # the usual order, unchanged
])
def test_plural_before_a_unit_body(text, expected):
    assert _tasks(text) == expected


# --- asking for comments on a draft is a task ----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Sở Tài chính đề nghị UBND các huyện tham gia ý kiến vào dự thảo.", [(("UBND các huyện",), ())]),
    ("Sở Tư pháp đề nghị các sở, ban, ngành góp ý dự thảo Quy chế.", [(("các sở, ban, ngành",), ())]),
])
def test_request_for_comments_is_a_task(text, expected):
    assert _tasks(text) == expected


# --- a time phrase after the bodies asked is no part of their name ---------------------------------------
@pytest.mark.parametrize("when", ["trong hai ngày tới", "trong những ngày tới", "trong thời gian tới"])
def test_time_phrase_ends_the_bodies(when):
    assert _tasks(f"Thủ tướng yêu cầu UBND các tỉnh ven biển {when} tạm hoãn các cuộc họp chưa cần thiết.") \
        == [(("UBND các tỉnh ven biển",), ())]


# --- a photo's line that ends naming itself is a caption, not the start of the sentence under it ---------
@pytest.mark.parametrize("caption", ["(Ảnh minh họa)", "(Ảnh: Lê Văn Tám)"])
def test_caption_at_the_end_of_a_line(caption):
    text = (f"Lực lượng chức năng kiểm tra tại cửa khẩu {caption}\n"
            "Nội dung văn bản nêu rõ, Sở Y tế yêu cầu các bệnh viện tăng cường phòng dịch.")
    tasks = extract_text(text).assignments
    assert [a.bodies for a in tasks] == [("các bệnh viện",)]
    assert not tasks[0].text.startswith("Lực lượng")


# --- "vềviệc": words glued where a copied page wrapped its line end the cited issuer -----------------------
def test_glued_about_ends_the_cited_issuer():
    cited = extract_text("Thực hiện Công văn số 25/BYT-DP ngày 12/8/2014 của Bộ Y tế vềviệc phòng dịch, "
                         "Sở Y tế yêu cầu các bệnh viện thực hiện.").cited_documents
    assert [(c.number, c.issuer) for c in cited] == [("25/BYT-DP", "Bộ Y tế")]


# --- "ký gửi": the signer issues the document, the verb is no part of the issuer ----------------------------
def test_signed_and_sent():
    r = extract_text("Ngày 4/12/2021, Thủ tướng Chính phủ đã ký gửi Công điện hỏa tốc số 77/CĐ-TTg "
                     "đến các Bộ, cơ quan ngang Bộ.")
    assert (r.doc_type, r.number, r.issuer) == ("Công điện", "77/CĐ-TTg", "Thủ tướng Chính phủ")


# --- a text file with lines still in HTML reads as the page shows them --------------------------------------
@pytest.mark.parametrize("lines, shown", [
    (["<p>Ng&agrave;y 4/12/2021, Thủ tướng Ch&iacute;nh phủ đ&atilde; k&yacute; C&ocirc;ng điện.</p>"],
     "Ngày 4/12/2021, Thủ tướng Chính phủ đã ký Công điện."),
    (["</xml", "ỦY BAN NHÂN DÂN"], "\nỦY BAN NHÂN DÂN"),          # a tag's rest alone on its line shows nothing
    (["Giá từ 5 < 7 triệu & hơn"], "Giá từ 5 < 7 triệu & hơn"),    # plain text with "<" and "&" stays as written
    (["Bộ Y tế & Sở Y tế"], "Bộ Y tế & Sở Y tế"),
])
def test_markup_lines_in_a_text_file(tmp_path, lines, shown):
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    assert isinstance(doc, SourceDocument) and doc.text == shown


def test_markup_line_gives_the_citation_its_date(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<p>Thực hiện Nghị quyết số 128/NQ-CP ng&agrave;y 11 th&aacute;ng 10 năm 2021 của "
                    "Ch&iacute;nh phủ, Sở Y tế y&ecirc;u cầu c&aacute;c bệnh viện thực hiện.</p>", encoding="utf-8")
    cited = extract_text(read_document(path).text).cited_documents
    assert [(c.number, c.date) for c in cited] == [("128/NQ-CP", "2021-10-11")]


# --- tone marks left alone after a blank (a PDF tool's broken syllables) ------------------------------------
@pytest.mark.parametrize("text, work", [
    ("thiêt hai ̀ ̣ do lũ", "thiêt hai     do lũ"),
    ("Sở Y tế", "Sở Y tế"),                    # composed letters keep their marks
    ("a\ṇb", "a\n b"),                        # a mark opening a line
])
def test_detached_marks_masked(text, work):
    st = SourceText.from_text(text)
    assert st.work == work and st.canonical == text


# --- a flattened page: the body glued to the last recipient after its full stop ----------------------------
_FLATTENED = ("UBND TỈNH BÌNH AN SỞ Y TẾ Số: 12/SYT-VP Bình An, ngày 05 tháng 11 năm 2010 V/v báo cáo thiệt hại "
              "Kính gửi: - Ủy ban nhân dân tỉnh; - Bộ Y tế.{gap}Vừa qua, tỉnh Bình An bị ảnh hưởng của mưa lớn kéo dài "
              "gây lũ lụt trên toàn bộ địa bàn tỉnh, nhiều cơ sở y tế bị ngập sâu và hư hỏng nặng.")


@pytest.mark.parametrize("text, recipients", [
    (_FLATTENED.format(gap=" "), ("Ủy ban nhân dân tỉnh", "Bộ Y tế")),
    (_FLATTENED.format(gap="   "), ("Ủy ban nhân dân tỉnh", "Bộ Y tế")),           # blanks where marks were
    (_FLATTENED.format(gap=" \u0301 \u0323 "), ("Ủy ban nhân dân tỉnh", "Bộ Y tế")),   # tone marks left alone
    ("Kính gửi:\n- Sở Y tế;\n- TT. HĐND tỉnh.\n\nSở Tài chính đề nghị các đơn vị rà soát.",   # an abbreviation's stop
     ("Sở Y tế", "TT. HĐND tỉnh")),
])
def test_flattened_recipients_end_at_the_sentence(text, recipients):
    assert extract_text(text).recipients == recipients


# --- "cho ý kiến (chỉ đạo) như sau": the speaker's formula, no task of its own --------------------------------
@pytest.mark.parametrize("text, issuer, expected", [
    ("Chủ tịch UBND tỉnh cho ý kiến chỉ đạo như sau:\nGiao Sở Y tế chủ trì thực hiện.", "Chủ tịch UBND tỉnh",
     [(("Sở Y tế",), ())]),
    ("Sau khi xem xét, UBND tỉnh cho ý kiến như sau: Giao Sở Xây dựng chủ trì rà soát.", "UBND tỉnh",
     [(("Sở Xây dựng",), ())]),
])
def test_speaker_gives_an_opinion(text, issuer, expected):
    r = extract_text(text)
    assert r.issuer == issuer and [(a.bodies, a.cooperating) for a in r.assignments] == expected


def test_written_comments_asked():
    assert _tasks("Sở Công Thương đã xây dựng dự thảo Quy định.\n\nĐề nghị các sở, ban, ngành; UBND các huyện "
                  "cho ý kiến bằng văn bản về Sở trước ngày 31/10/2019.") \
        == [(("các sở, ban, ngành", "UBND các huyện"), ())]


# --- "gửi / ký gửi <document> đến X": X receives it ------------------------------------------------------------
@pytest.mark.parametrize("text, recipients", [
    ("Ngày 4/12/2021, Thủ tướng Chính phủ đã ký gửi Công điện số 77/CĐ-TTg đến các Bộ, UBND các tỉnh.",
     ("các Bộ", "UBND các tỉnh")),
    ("Văn phòng Tỉnh ủy vừa gửi Thông báo số 55-TB/VPTU đến các đảng bộ trực thuộc.", ("các đảng bộ trực thuộc",)),
    # "đến" after a document only signed is no sending
    ("Ngày 4/12/2021, Thủ tướng Chính phủ đã ký Công điện số 77/CĐ-TTg đến nay vẫn còn hiệu lực.", ()),
])
def test_sent_to(text, recipients):
    assert extract_text(text).recipients == recipients


# --- a bare "Sở" speaking refers back to the Sở named in full above it ----------------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Sở Tài nguyên và Môi trường đã xây dựng dự thảo Đề án. Để dự thảo hoàn chỉnh hơn trước khi báo cáo UBND tỉnh, "
     "Sở đề nghị các huyện góp ý.", "Sở Tài nguyên và Môi trường"),
    ("Sở đề nghị các huyện góp ý.", "Sở"),   # named nowhere: as written
])
def test_bare_department_refers_back(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a reply to a citizen: "UBND xã X xin thông báo kết quả như sau" -------------------------------------------
def test_reply_notice_speaks():
    assert extract_text("Vấn đề Ông/Bà phản ánh, UBND xã Bình Minh xin thông báo kết quả như sau: UBND xã đã kiểm tra "
                        "hiện trường.").issuer == "UBND xã Bình Minh"
