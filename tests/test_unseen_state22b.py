"""State documents from a second twenty-second set of unseen public pages (Bộ's Thông tư, UBND tỉnh / thành phố / xã
Chỉ thị, Kế hoạch, Quyết định, a Quy chế under a xã's header, a Ban Chỉ đạo's Công văn; law portals' pipe tables whose
narrow columns wrap the ministry's name, the title and the authority line word by word): what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text
from loaders.header_organs import fix_ocr

_MOTTO = "|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n-------\n|\n"


# --- a ministry's name wrapped after "BỘ" ("BỘ / Y TẾ"): the line "Y TẾ" is no OCR'd "ỦY" ("Y BAN NHÂN DÂN" still is) --
@pytest.mark.parametrize("organ, issuer", [
    ("BỘ\nY TẾ", "Bộ Y tế"),
    ("BỘ Y TẾ", "Bộ Y tế"),
    ("BỘ\nTÀI CHÍNH", "Bộ Tài chính"),
])
def test_ministry_name_wrapped_after_its_head(organ, issuer):
    text = f"{organ}\n-----\n{_MOTTO}Số: 07/2009/TT-BYT\n|\nHà Nội, ngày 4 tháng 5 năm 2009\n|\nTHÔNG TƯ\nHƯỚNG DẪN CÔNG TÁC X\n"
    assert extract_text(text).issuer == issuer


@pytest.mark.parametrize("line, fixed", [
    ("Y TẾ", "Y TẾ"),                                  # a wrapped name's second line
    ("Y BAN NHÂN DÂN TỈNH HÀ NAM", "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"),   # OCR lost the "Ủ"
    ("ÙY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("TĨNH BẮC GIANG", "TỈNH BẮC GIANG"),
])
def test_ocr_first_word_swapped_only_into_a_whole_name(line, fixed):
    assert fix_ocr(line) == fixed


# --- a type title wrapped word by word ("THÔNG / TƯ"), the trích yếu wrapped too ("QUY / ĐỊNH VỀ ..."), and the
# authority line over two lines ("BỘ TRƯỞNG BỘ KHOA / HỌC VÀ CÔNG NGHỆ"): the type, the subject, the ministry ---------
@pytest.mark.parametrize("title, subject", [
    ("THÔNG\nTƯ\nQUY\nĐỊNH VỀ QUẢN LÝ DỊCH VỤ X", "QUY ĐỊNH VỀ QUẢN LÝ DỊCH VỤ X"),
    ("THÔNG TƯ\nQUY ĐỊNH VỀ QUẢN LÝ DỊCH VỤ X", "QUY ĐỊNH VỀ QUẢN LÝ DỊCH VỤ X"),
    ("THÔNG\nTƯ\nHƯỚNG DẪN CÔNG TÁC Y", "HƯỚNG DẪN CÔNG TÁC Y"),
])
def test_title_wrapped_word_by_word(title, subject):
    text = ("BỘ KHOA HỌC VÀ\nCÔNG NGHỆ\n--------\n" + _MOTTO + "Số: 21/2012/TT-BKHCN\n|\nHà Nội, ngày 3\ntháng 7 năm 2012\n|\n"
            f"{title}\nBỘ TRƯỞNG BỘ KHOA\nHỌC VÀ CÔNG NGHỆ\nCăn cứ Nghị định số 20/2013/NĐ-CP ngày 26 tháng 02 năm 2013 của Chính phủ;\n")
    record = extract_text(text)
    assert (record.doc_type, record.issuer, record.subject) == ("Thông tư", "Bộ Khoa học và Công nghệ", subject)


# --- under a xã's header and the motto, the type and the first words of the trích yếu on one wrapped line ("QUY CHẾ LÀM /
# VIỆC / CỦA ỦY / BAN NHÂN DÂN XÃ ..."): the type is the title, the body in the trích yếu is no issuer ---------------
@pytest.mark.parametrize("title, doc_type, subject", [
    ("QUY CHẾ LÀM\nVIỆC\nCỦA ỦY\nBAN NHÂN DÂN XÃ AN HÒA NHIỆM KỲ 2021 - 2026",
     "Quy chế", "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ AN HÒA NHIỆM KỲ 2021 - 2026"),
    ("QUY CHẾ\nLÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ AN HÒA NHIỆM KỲ 2021 - 2026",
     "Quy chế", "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ AN HÒA NHIỆM KỲ 2021 - 2026"),
])
def test_type_and_subject_on_one_wrapped_line(title, doc_type, subject):
    text = ("ỦY BAN NHÂN DÂN\nXÃ AN HÒA\n|\n" + _MOTTO + f"{title}\n(Ban hành kèm theo Quyết định số: 31/QĐ-UBND\n"
            "Ngày 12 tháng 7 năm 2021 của Ủy ban nhân dân xã An Hòa)\nChương I\n")
    record = extract_text(text)
    assert (record.doc_type, record.issuer, record.subject) == (doc_type, "Ủy ban nhân dân xã An Hòa", subject)
    assert [(c.number, c.issuer) for c in record.cited_documents] == [("31/QĐ-UBND", "Ủy ban nhân dân xã An Hòa")]


def test_a_ministry_line_wrapped_in_the_left_column_stays_an_organ():
    # "SỞ / KẾ HOẠCH VÀ ĐẦU TƯ" before the motto: the type word opening the second line makes no title
    text = ("ỦY BAN NHÂN DÂN TỈNH BÌNH AN\nSỞ\nKẾ HOẠCH VÀ ĐẦU TƯ\n" + _MOTTO + "Số: 15/SKHĐT-VP\n|\n"
            "Bình An, ngày 3 tháng 7 năm 2022\n|\nV/v triển khai kế hoạch\nKính gửi: Các phòng chuyên môn\n")
    record = extract_text(text)
    assert (record.doc_type, record.issuer) == ("Công văn", "Sở Kế hoạch và Đầu tư tỉnh Bình An")


# --- "Triển khai thực hiện Quyết định A ..., Quyết định B ... về việc ban hành Phương án X và Quyết định C ...": the
# "ban hành" inside B's subject describes B; C is the list's next item and goes on with its verb ----------------------
_LETTER = ("BỘ NỘI VỤ\n-------\n" + _MOTTO + "Số: 15/BNV-VP\nHà Nội, ngày 10 tháng 02 năm 2021\n\nKính gửi: Sở Nội vụ các tỉnh\n\n")


@pytest.mark.parametrize("about, relation", [
    ("về việc ban hành Phương án Điều tra năm 2021", "implements"),
    ("về Phương án Điều tra năm 2021", "implements"),
    ("ban hành Phương án Điều tra năm 2021", "implements"),
])
def test_issuing_verb_inside_an_items_subject(about, relation):
    text = (_LETTER + "Triển khai thực hiện Quyết định số 31/QĐ-BNV ngày 23/12/2019 của Bộ trưởng Bộ Nội vụ về tổ chức điều tra, "
            f"Quyết định số 32/QĐ-BNV ngày 26/11/2020 của Bộ trưởng Bộ Nội vụ {about} và Quyết định số 33/QĐ-BNV "
            "ngày 02/02/2021 của Bộ trưởng Bộ Nội vụ về việc điều chỉnh Phương án, Bộ Nội vụ hướng dẫn như sau:\n")
    cited = extract_text(text).cited_documents
    assert [(c.number, c.relation) for c in cited] == [("31/QĐ-BNV", "implements"), ("32/QĐ-BNV", "implements"),
                                                      ("33/QĐ-BNV", relation)]


def test_a_document_the_cited_one_issues_keeps_its_own_verb():
    # "Căn cứ Nghị định A ... ban hành kèm theo Quyết định B": B named inside A's words, no next item of the list
    text = (_LETTER + "Căn cứ Nghị định số 41/2020/NĐ-CP ngày 01/4/2020 của Chính phủ; Thực hiện Quyết định số 34/QĐ-BNV "
            "ngày 02/02/2021 của Bộ trưởng Bộ Nội vụ, Bộ Nội vụ hướng dẫn như sau:\n")
    cited = extract_text(text).cited_documents
    assert [(c.number, c.relation) for c in cited] == [("41/2020/NĐ-CP", "based_on"), ("34/QĐ-BNV", "implements")]


# --- a law named in the grounds, named again in the issuing sentence ("... xây dựng Kế hoạch thực hiện Luật X, với các
# nội dung như sau:"): the name stops at ", với các" / "như sau", so the repeat is the same law, no second citation ------
@pytest.mark.parametrize("tail, cited", [
    ("thực hiện Luật Phòng, chống tham nhũng, với các nội dung như sau:", ["Luật Phòng, chống tham nhũng, ngày 29/11/2005"]),
    ("thực hiện Luật Phòng, chống tham nhũng như sau:", ["Luật Phòng, chống tham nhũng, ngày 29/11/2005"]),
    ("thực hiện Luật Tiếp công dân, với các nội dung như sau:",
     ["Luật Phòng, chống tham nhũng, ngày 29/11/2005", "Luật Tiếp công dân"]),
])
def test_law_name_stops_before_the_issuing_sentences_tail(tail, cited):
    text = ("KẾ HOẠCH HÀNH ĐỘNG\nTHỰC HIỆN LUẬT PHÒNG, CHỐNG THAM NHŨNG\nCăn cứ Luật Phòng, chống tham nhũng, ngày 29/11/2005;\n"
            f"Ủy ban nhân dân tỉnh Hòa An xây dựng Kế hoạch hành động {tail}\nI. Mục tiêu\n")
    assert [c.text for c in extract_text(text).cited_documents] == cited
