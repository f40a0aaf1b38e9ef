"""Party documents and press reports about them from a twenty-first set of unseen public pages (city and province
committees' action programmes and resolutions on Nghị quyết 57/68, the 2025 commune reorganisation, election and
congress news), read blind: what they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _cited(text: str) -> dict[str, str | None]:
    return {c.text: c.issuer for c in extract_text(text).cited_documents}


# --- the reported document's subject ends before the cue of its content; a closing formula alone is no subject ---------
@pytest.mark.parametrize("text, subject", [
    ("Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về phát triển kinh tế tư nhân tỉnh Hòa An đến năm 2030, tầm nhìn đến "
     "năm 2045 với những nội dung chính như sau:\nI. QUAN ĐIỂM",
     "về phát triển kinh tế tư nhân tỉnh Hòa An đến năm 2030, tầm nhìn đến năm 2045"),
    ("Ban Thường vụ Huyện ủy ban hành Kế hoạch về chuyển đổi số trong các cơ quan đảng với các nội dung cụ thể như sau:"
     "\n1. Mục đích", "về chuyển đổi số trong các cơ quan đảng"),
    # "... nêu rõ ...": what the document says follows its subject
    ("Đại hội Đảng bộ các cấp sẽ giảm số lượng cấp ủy viên\n\nChỉ thị 42-CT/TW của Bộ Chính trị về đại hội đảng bộ các "
     "cấp tiến tới Đại hội XV nêu rõ sẽ giảm khoảng 5% số lượng ủy viên cấp tỉnh.",
     "về đại hội đảng bộ các cấp tiến tới Đại hội XV"),
    # "... ban hành Chương trình ... triển khai thực hiện, nội dung cụ thể như sau:": what is done with it, no subject
    ("Thực hiện Nghị quyết số 71-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về phát triển giáo dục, Ban Thường vụ Thành ủy "
     "Hòa An đã ban hành Chương trình hành động số 12-CTr/TU ngày 25/02/2025 triển khai thực hiện, nội dung cụ thể "
     "như sau:\nI. MỤC ĐÍCH, YÊU CẦU", None),
])
def test_reported_subject(text, subject):
    assert extract_text(text).subject == subject


# --- a province's committee written bare is placed by the page's outlet tag, or by the one province its sentence names ---
@pytest.mark.parametrize("text, issuer", [
    ("(baophutho.vn) - Nghị quyết Đại hội đại biểu Đảng bộ tỉnh đã xác định một khâu đột phá. Ban Chấp hành Đảng bộ tỉnh "
     "ban hành Nghị quyết về cải thiện môi trường đầu tư.", "Tỉnh ủy Phú Thọ"),
    ("Hà Giang (Baohagiang.vn) - Ngày 3/4, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường công tác dân vận.",
     "Tỉnh ủy Hà Giang"),
    ("Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về phát triển kinh tế tư nhân tỉnh Ninh Bình đến năm 2030.",
     "Tỉnh ủy Ninh Bình"),
    # a province named in another sentence may be another's ("kết nghĩa hai tỉnh ..."): the name stays as written
    ("Ngày 18/02, Ban Thường vụ Tỉnh ủy ban hành Công văn số 25-CV/TU về việc phòng, chống dịch. Không tổ chức các đoàn "
     "đi dự lễ kỷ niệm 60 năm kết nghĩa hai tỉnh Quảng Nam – Thanh Hóa.", "Tỉnh ủy"),
    # a province named in a document the subject cites is that document's
    ("Ngày 29/7, Ban Thường vụ Tỉnh uỷ ban hành Đề án số 32-ĐA/TU về tuyên truyền để thực hiện Nghị quyết số 39-NQ/TW, "
     "ngày 18/7/2023 của Bộ Chính trị về xây dựng và phát triển tỉnh Nghệ An đến năm 2030.", "Tỉnh ủy"),
    # a site of no province's name places nothing
    ("(baomoi.vn) - Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường công tác dân vận.", "Tỉnh ủy"),
])
def test_bare_province_committee_placed(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a congress's resolution named beside the reported document is cited, once --------------------------------------
@pytest.mark.parametrize("text, cited", [
    # "Nghị quyết Đại hội ..." after a numbered citation's subject: the congress's document, not the one reported
    ("Trên cơ sở quán triệt Nghị quyết số 68-NQ/TW ngày 4/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân, Nghị "
     "quyết Đại hội Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030; Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về phát "
     "triển kinh tế tư nhân.",
     {"Nghị quyết số 68-NQ/TW ngày 4/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân": "Bộ Chính trị",
      "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I": "Đại hội Đảng bộ tỉnh lần thứ I"}),
    # "... mục tiêu Nghị quyết Đại hội đã đề ra": the congress named in full before, said again
    ("Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX đã xác định ba khâu đột phá. Huyện ủy tập trung lãnh đạo, "
     "phấn đấu hoàn thành mục tiêu Nghị quyết Đại hội đã đề ra.",
     {"Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XX": "Đại hội đại biểu Đảng bộ huyện lần thứ XX"}),
    # a page title naming a numbered citation by its author and subject: the same document
    ("Chương trình hành động của Thường vụ Thành ủy thực hiện Nghị quyết của Bộ Chính trị về đột phá phát triển khoa học, "
     "công nghệ\nThực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công "
     "nghệ, Ban Thường vụ Thành ủy đã ban hành Chương trình hành động số 89-CTr/TU ngày 25/02/2025.",
     {"Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ": "Bộ Chính trị"}),
])
def test_cited_once(text, cited):
    assert _cited(text) == cited


# --- a central department named with its committee's full name ---------------------------------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Ban Tổ chức Ban Chấp hành Trung ương vừa ban hành Hướng dẫn về việc thành lập tổ chức đảng ở các xã mới.",
     "Ban Tổ chức Trung ương"),
    ("Ban Tuyên giáo Ban Chấp hành Trung ương Đảng vừa ban hành Hướng dẫn về tuyên truyền kỷ niệm ngày thành lập Đảng.",
     "Ban Tuyên giáo Trung ương"),
])
def test_central_department_alias(text, issuer):
    assert extract_text(text).issuer == issuer


# --- a document told as past after a purpose clause is cited, not the page's own --------------------------------------
@pytest.mark.parametrize("text, own_type", [
    ("Công tác chuẩn bị bầu cử đang được gấp rút tiến hành.\n\nĐể chuẩn bị mọi mặt cho cuộc bầu cử, ngay từ ngày "
     "20/6/2020, Bộ Chính trị đã ban hành Chỉ thị số 45-CT/TW về lãnh đạo cuộc bầu cử.", None),
    ("Công tác chuẩn bị đại hội đang được gấp rút tiến hành.\n\nĐể chuẩn bị cho đại hội, trước đó, Ban Thường vụ Tỉnh ủy "
     "đã ban hành Kế hoạch số 12-KH/TU về tổ chức đại hội.", None),
    # the news itself after a purpose clause stays the page's own
    ("Để chuẩn bị mọi mặt cho cuộc bầu cử, ngày 20/6/2020, Bộ Chính trị đã ban hành Chỉ thị số 45-CT/TW về lãnh đạo "
     "cuộc bầu cử.", "Chỉ thị"),
])
def test_told_as_past(text, own_type):
    record = extract_text(text)
    assert (record.doc_type, record.issuer is None) == (own_type, own_type is None)


# --- a page title naming its author with the term in brackets; the issue told is no task of the issuer's ---------------
def test_title_with_term_in_brackets():
    record = extract_text(
        "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh (khóa XX) về cải thiện môi trường đầu tư kinh doanh giai đoạn "
        "2021 - 2025\n\n(baophutho.vn) - Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX đã xác định một khâu đột "
        "phá. Ban Chấp hành Đảng bộ tỉnh ban hành Nghị quyết để cụ thể hóa khâu đột phá, từ đó tập trung lãnh đạo, chỉ "
        "đạo thực hiện, phấn đấu hoàn thành mục tiêu Nghị quyết Đại hội đã đề ra.")
    assert (record.doc_type, record.issuer, record.subject, record.assignments) == (
        "Nghị quyết", "Tỉnh ủy Phú Thọ", "về cải thiện môi trường đầu tư kinh doanh giai đoạn 2021 - 2025", ())


@pytest.mark.parametrize("text, bodies", [
    # the executive committee issuing the reported resolution "để cụ thể hóa ..., từ đó tập trung lãnh đạo": its own act
    ("Ban Chấp hành Đảng bộ huyện Gia Lộc ban hành Nghị quyết để cụ thể hóa khâu đột phá, từ đó tập trung lãnh đạo, chỉ "
     "đạo thực hiện.", []),
    # after its issue, a body of its own asked by it is still asked
    ("Ban Chấp hành Đảng bộ huyện Gia Lộc ban hành Nghị quyết về chuyển đổi số. Ban Thường vụ Huyện ủy yêu cầu Ban Tuyên "
     "giáo Huyện ủy tập trung tuyên truyền.", [["Ban Tuyên giáo Huyện ủy Gia Lộc"]]),
])
def test_issue_told_is_no_task(text, bodies):
    assert [list(a.bodies) for a in extract_text(text).assignments] == bodies


# --- on a page of no issuer, a committee cited by its keyword alone is the one of that keyword the page names ----------
@pytest.mark.parametrize("text, issuer", [
    ("Chiều 10-7, Ban Thường vụ Đảng ủy phường Tân Lạc tổ chức Hội nghị triển khai các văn bản. Cụ thể, Kế hoạch số "
     "01-KH/ĐU, ngày 9-7-2025 của Đảng ủy về tổ chức đại hội các chi bộ.", "Đảng ủy phường Tân Lạc"),
    ("Ngày 13-10, Quận ủy Sơn Trà tổ chức hội nghị. Hội nghị quán triệt Kế hoạch số 05-KH/QU ngày 2/10/2025 của Quận ủy "
     "về chuyển đổi số.", "Quận ủy Sơn Trà"),
    # two of them named: which one is not known
    ("Ngày 13-10, Đảng ủy xã An Lạc và Đảng ủy xã Tân Lạc tổ chức hội nghị liên tịch. Hội nghị quán triệt Kế hoạch số "
     "05-KH/ĐU ngày 2/10/2025 của Đảng ủy về chuyển đổi số.", "Đảng ủy"),
])
def test_bare_committee_cited_on_a_page_of_no_issuer(text, issuer):
    record = extract_text(text)
    assert (record.issuer, [c.issuer for c in record.cited_documents]) == (None, [issuer])


# --- the date of a sentence telling a document's issue is the document's, after a purpose clause and a background too --
@pytest.mark.parametrize("text, date", [
    ("Công tác bầu cử đang được chuẩn bị.\n\nĐể chuẩn bị mọi mặt cho cuộc bầu cử, ngay từ ngày 20/6/2020, Bộ Chính trị "
     "đã ban hành Chỉ thị số 45-CT/TW về lãnh đạo cuộc bầu cử.", "2020-06-20"),
    ("Công tác bầu cử đang được chuẩn bị.\n\nTrước đó, ngày 20/6/2020, Bộ Chính trị đã ban hành Chỉ thị số 45-CT/TW về "
     "lãnh đạo cuộc bầu cử.", "2020-06-20"),
])
def test_cited_date_of_the_issue_told(text, date):
    assert [c.date for c in extract_text(text).cited_documents] == [date]
