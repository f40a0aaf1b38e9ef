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
