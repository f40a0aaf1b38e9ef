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
