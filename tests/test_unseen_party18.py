"""Party documents and press reports about them from an eighteenth set of unseen public pages (provincial
and central committees' letters on storms, congresses, propaganda; party portals' and papers' reports): what
they taught us.

Every text is written for the test (names, numbers, places made up), modelled on the layouts and
phrasings the pages showed; each table row is one way a page writes the thing.
"""
from __future__ import annotations

import pytest

from loaders.extract import extract_text


def _tasks(text: str) -> list[tuple[str, ...]]:
    return [a.bodies for a in extract_text(text).assignments]


# --- a bracket that names or dates is part of a press subject; one that glosses ends it -------------------------
@pytest.mark.parametrize("text, subject", [
    ("Ngày 12/10/2024, Văn phòng Trung ương Đảng ban hành Công văn số 1234-CV/VPTW về việc ứng phó với bão số 7 (Kalmaegi).",
     "về việc ứng phó với bão số 7 (Kalmaegi)"),
    ("Ngày 20/6/2020, Bộ Chính trị ban hành Chỉ thị số 46-CT/TW về lãnh đạo cuộc bầu cử đại biểu Quốc hội (ĐBQH) khoá XV "
     "và đại biểu Hội đồng nhân dân (HĐND) các cấp. Chỉ thị nêu rõ, cuộc bầu cử là sự kiện lớn.",
     "về lãnh đạo cuộc bầu cử đại biểu Quốc hội (ĐBQH) khóa XV và đại biểu Hội đồng nhân dân (HĐND) các cấp"),
    ("Ban Tuyên giáo Tỉnh ủy Sóc Trăng vừa ban hành Công văn số 151-CV/BTGTU, về việc tuyên truyền kỷ niệm 95 năm Ngày "
     "thành lập Đảng (3/2/1930- 3/2/2025)", "về việc tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng (3/2/1930- 3/2/2025)"),
    # a gloss in brackets, a lower-case word first: the subject ends before it
    ("Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 15-CV/TU về việc tăng cường phòng dịch (sau đây gọi tắt là Công văn 15).",
     "về việc tăng cường phòng dịch"),
])
def test_subject_keeps_naming_bracket(text, subject):
    assert extract_text(text).subject == subject


# --- "Ban Chấp hành Đảng bộ tỉnh X" is the committee of the Đảng bộ: Tỉnh ủy X issues ------------------------------
@pytest.mark.parametrize("text, issuer", [
    ("Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh Ninh Thuận đã ban hành Nghị quyết số 10-NQ/TU về huy động nguồn lực.",
     "Tỉnh ủy Ninh Thuận"),
    ("Ngày 14-11-2016, Ban Chấp hành Đảng bộ huyện Ninh Hải đã ban hành Nghị quyết số 10-NQ/HU về huy động nguồn lực.",
     "Huyện ủy Ninh Hải"),
    ("Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh khóa XIII đã ban hành Nghị quyết số 10-NQ/TU về huy động nguồn lực.",
     "Tỉnh ủy"),
    ("Ngày 14-11-2016, Ban Thường vụ Tỉnh ủy Ninh Thuận đã ban hành Nghị quyết số 10-NQ/TU về huy động nguồn lực.",
     "Tỉnh ủy Ninh Thuận"),
])
def test_executive_committee_of_party_unit(text, issuer):
    rec = extract_text(text)
    assert (rec.issuer, rec.doc_type) == (issuer, "Nghị quyết")


# --- a cited author "Ban Chấp hành Đảng bộ tỉnh X" gets the issuer's name (Tỉnh ủy X): one name, one meaning ------------
@pytest.mark.parametrize("text, issuer", [
    ("Thực hiện Nghị quyết số 05-NQ/TU ngày 2/3/2021 của Ban Chấp hành Đảng bộ tỉnh Ninh Thuận về phát triển du lịch, "
     "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tăng cường kiểm tra.", "Tỉnh ủy Ninh Thuận"),
    ("Thực hiện Nghị quyết số 05-NQ/HU ngày 2/3/2021 của Ban Chấp hành Đảng bộ huyện Ninh Hải về phát triển du lịch, "
     "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tăng cường kiểm tra.", "Huyện ủy Ninh Hải"),
    # without its place: the committee word, as the issuer's rule gives it
    ("Đề nghị các phòng quán triệt Nghị quyết số 110-NQ/TU ngày 11/7/2016 của Ban Chấp hành Đảng bộ tỉnh về công tác "
     "dân vận.", "Tỉnh ủy"),
    # the committee named by its committee word stays as written
    ("Thực hiện Nghị quyết số 05-NQ/TU ngày 2/3/2021 của Tỉnh ủy Ninh Thuận về phát triển du lịch, Ban Thường vụ "
     "Tỉnh ủy yêu cầu các cấp ủy đảng tăng cường kiểm tra.", "Tỉnh ủy Ninh Thuận"),
])
def test_cited_executive_committee(text, issuer):
    [c] = extract_text(text).cited_documents
    assert c.issuer == issuer


# --- "MTTQ Việt Nam" in the political system's addressee list is the Front's class, as spelled out --------------
@pytest.mark.parametrize("text, tasks", [
    ("Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng, chính quyền, MTTQ Việt Nam và các tổ chức chính trị - xã hội không "
     "được chủ quan, tăng cường chỉ đạo ứng phó với bão.",
     [("các cấp ủy, tổ chức đảng", "chính quyền", "MTTQ Việt Nam", "các tổ chức chính trị - xã hội")]),
    ("Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã "
     "hội không được chủ quan.",
     [("các cấp ủy, tổ chức đảng", "chính quyền", "Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội")]),
])
def test_front_abbreviated_in_system_list(text, tasks):
    assert _tasks(text) == tasks


# --- the whole political system asked at once stays a task beside a named body's -----------------------------------
@pytest.mark.parametrize("text, tasks", [
    ("Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng, chính quyền, MTTQ Việt Nam và các tổ chức chính trị - xã hội tăng cường "
     "chỉ đạo ứng phó với bão số 3. Giao Văn phòng Trung ương Đảng chủ trì, phối hợp với các cơ quan liên quan theo dõi, "
     "tổng hợp tình hình.",
     [("các cấp ủy, tổ chức đảng", "chính quyền", "MTTQ Việt Nam", "các tổ chức chính trị - xã hội"),
      ("Văn phòng Trung ương Đảng",)]),
    # one class alone beside a named body: the named body leads (classes count only when no body is named)
    ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng tăng cường chỉ đạo. Giao Văn phòng Tỉnh ủy chủ trì theo "
     "dõi, tổng hợp tình hình.", [("Văn phòng Tỉnh ủy",)]),
])
def test_system_classes_beside_named(text, tasks):
    assert _tasks(text) == tasks


# --- an office's letter conveys another organ's direction: a task given to the office is a task --------------------
@pytest.mark.parametrize("text, tasks", [
    ("Ngày 28-9, Văn phòng Trung ương Đảng ban hành Công văn số 1794-CV/VPTW về việc ứng phó với bão số 10. Thường trực "
     "Ban Bí thư giao Văn phòng Trung ương Đảng chủ trì, phối hợp với các cơ quan liên quan theo dõi, tổng hợp tình hình.",
     [(("Văn phòng Trung ương Đảng",), ("các cơ quan liên quan",))]),
    ("Văn phòng Tỉnh ủy vừa có Công văn số 145-CV/VPTU thông báo ý kiến chỉ đạo của Thường trực Tỉnh ủy về việc ứng trực "
     "phòng, chống bão. Theo đó, Thường trực Tỉnh ủy yêu cầu Văn phòng Tỉnh ủy và các ban của Tỉnh ủy bố trí lãnh đạo "
     "ứng trực 24/24 giờ.", [(("Văn phòng Tỉnh ủy", "các ban của Tỉnh ủy"), ())]),
    # the issuer that is no office, telling what it does itself: no task
    ("Ngày 5/3, Ban Thường vụ Tỉnh ủy ban hành Công văn số 15-CV/TU về việc tổ chức hội nghị. Ban Thường vụ Tỉnh ủy chỉ "
     "đạo 6 nội dung trọng tâm.", []),
])
def test_office_conveys_direction(text, tasks):
    assert [(a.bodies, a.cooperating) for a in extract_text(text).assignments] == tasks


# --- a press subject: a stop word inside its quotation goes on; a purpose clause ("nhằm") ends it --------------------
@pytest.mark.parametrize("text, subject", [
    ("Ngày 25/4/2020 Văn phòng Trung ương Đảng đã có Công văn số 1199-CV/VPTW về việc gửi bài viết của đồng chí Tổng Bí "
     "thư về “Một số vấn đề cần được đặc biệt quan tâm trong công tác nhân sự”.",
     "về việc gửi bài viết của đồng chí Tổng Bí thư về “Một số vấn đề cần được đặc biệt quan tâm trong công tác nhân sự”"),
    ("Ngày 12/9/2018, Ban Dân vận Tỉnh ủy đã ban hành Kế hoạch số 62-KH/BDVTU về tổ chức hoạt động “Tháng Dân vận” năm "
     "2018 nhằm nâng cao nhận thức, trách nhiệm của các cấp, các ngành.", "về tổ chức hoạt động “Tháng Dân vận” năm 2018"),
    # a stop word after the quotation still ends the subject
    ("Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 09-CT/TU về việc học tập “Năm điều Bác dạy” được ký ngày 15/6/2022.",
     "về việc học tập “Năm điều Bác dạy”"),
])
def test_subject_quote_and_purpose(text, subject):
    assert extract_text(text).subject == subject


# --- "phân công" is the task's predicate: the bodies before it are asked ------------------------------------------
def test_assign_staff_predicate():
    text = ("Thường trực Tỉnh ủy yêu cầu Văn phòng Tỉnh ủy và các ban của Tỉnh ủy phân công lãnh đạo và cán bộ ứng trực "
            "24/24 giờ.")
    assert _tasks(text) == [("Văn phòng Tỉnh ủy", "các ban của Tỉnh ủy")]


# --- an older layout: "<type> của <author> số N, ngày D", the number after the author (glued "số31" too) ------------
@pytest.mark.parametrize("text, cited", [
    ("Thi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997 ban hành Quy định về thể loại văn bản, "
     "Văn phòng Trung ương Đảng hướng dẫn như sau:", ("31-QĐ/TW", "1997-10-01", "Bộ Chính trị")),
    ("Thi hành Điều 2 Quyết định của Ban Bí thư số 91-QĐ/TW, ngày 16-02-2004 bổ sung thẩm quyền ban hành văn bản, "
     "Văn phòng Trung ương Đảng hướng dẫn như sau:", ("91-QĐ/TW", "2004-02-16", "Ban Bí thư")),
    # the number first, as usual
    ("Thực hiện Quyết định số31-QĐ/TW ngày 01-10-1997 của Bộ Chính trị, Văn phòng hướng dẫn như sau:",
     ("31-QĐ/TW", "1997-10-01", "Bộ Chính trị")),
])
def test_number_after_author(text, cited):
    [c] = extract_text(text).cited_documents
    assert (c.number, c.date, c.issuer) == cited


# --- "Thi hành (Điều 2) Quyết định ...": the document is implemented (citation_relations) ------------------------------
@pytest.mark.parametrize("text, relation", [
    ("Thi hành Điều 2 Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 ban hành Quy định về thể loại văn bản, "
     "Văn phòng Trung ương Đảng hướng dẫn như sau:", "implements"),
    ("Thi hành Quyết định số 31-QĐ/TW ngày 01-10-1997 của Bộ Chính trị, Văn phòng hướng dẫn như sau:", "implements"),
    ("Theo Quyết định số 31-QĐ/TW ngày 01-10-1997 của Bộ Chính trị, Văn phòng hướng dẫn như sau:", "refers"),
])
def test_execute_implements(text, relation):
    [c] = extract_text(text).cited_documents
    assert c.relation == relation


# --- a Party original's trích yếu in sentence case under its title, over a rule and its "- Căn cứ ..." basis;
# the Party's name inside it is words of the trích yếu, no header line ------------------------------------------------
@pytest.mark.parametrize("subject_lines, subject", [
    ("Quản lý và cung cấp thông tin trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam\n____________\n\n",
     "Quản lý và cung cấp thông tin trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam"),
    ("Quản lý và cung cấp thông tin trên Cổng thông tin điện tử\n", "Quản lý và cung cấp thông tin trên Cổng thông tin điện tử"),
])
@pytest.mark.parametrize("basis", ["- Căn cứ Điều lệ Đảng;\n", "Căn cứ Điều lệ Đảng;\n"])
def test_sentence_case_subject_over_basis(subject_lines, subject, basis):
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n *\n\nĐẢNG CỘNG SẢN VIỆT NAM\n____________\n\nSố 19-QC/TW\n\n"
            "Hà Nội, ngày 15 tháng 01 năm 2026\n\nQUY CHẾ\n\n" + subject_lines + basis
            + "\nBan Bí thư ban hành Quy chế quản lý thông tin.\n")
    rec = extract_text(text)
    assert (rec.doc_type, rec.number, rec.subject) == ("Quy chế", "19-QC/TW", subject)


# --- "các chỉ thị của X gồm: Chỉ thị số A ...; Chỉ thị số B ...": each item, typed again, is X's --------------------
@pytest.mark.parametrize("text, issuers", [
    ("Hội nghị quán triệt các chỉ thị của Ban Bí thư Trung ương Đảng gồm: Chỉ thị số 41-CT/TW về an ninh mạng; Chỉ thị "
     "số 42-CT/TW về phòng ngừa thiên tai; Chỉ thị số 43-CT/TW về Hội Nhà báo.",
     [("41-CT/TW", "Ban Bí thư"), ("42-CT/TW", "Ban Bí thư"), ("43-CT/TW", "Ban Bí thư")]),
    ("Hội nghị quán triệt các nghị quyết của Bộ Chính trị bao gồm: Nghị quyết số 57-NQ/TW về chuyển đổi số; Nghị quyết "
     "số 59-NQ/TW về hội nhập quốc tế.", [("57-NQ/TW", "Bộ Chính trị"), ("59-NQ/TW", "Bộ Chính trị")]),
    # no author at the head: "/TW" alone names none (citation_patterns shared_code, session 20)
    ("Hội nghị quán triệt các chỉ thị gồm: Chỉ thị số 41-CT/TW về an ninh mạng; Chỉ thị số 42-CT/TW về thiên tai.",
     [("41-CT/TW", None), ("42-CT/TW", None)]),
])
def test_author_of_a_typed_list(text, issuers):
    assert [(c.number, c.issuer) for c in extract_text(text).cited_documents] == issuers


# --- "Được biết, vào chiều ngày D, X đã có <type> số N": a time of day before the cited document's date -----------
_LETTER = ("TỈNH ỦY HÒA AN\nSố 12-CV/TU\nHòa An, ngày 3 tháng 11 năm 2017\nCÔNG VĂN\nvề việc ứng phó bão số 12\n"
           "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tăng cường kiểm tra.\n")


@pytest.mark.parametrize("sentence, date", [
    ("Được biết, vào chiều ngày 02/11/2017, UBND tỉnh đã có Thông báo khẩn số 342/TB-UBND về việc ứng phó bão.",
     "2017-11-02"),
    ("Vào sáng ngày 02/11/2017, UBND tỉnh đã có Thông báo khẩn số 342/TB-UBND về việc ứng phó bão.", "2017-11-02"),
    ("Chiều ngày 02/11/2017, UBND tỉnh đã ban hành Thông báo số 342/TB-UBND về việc ứng phó bão.", "2017-11-02"),
    ("Trước đó, ngày 02/11/2017, UBND tỉnh đã ban hành Thông báo số 342/TB-UBND về việc ứng phó bão.", "2017-11-02"),
    # no date before the author: none
    ("Được biết, UBND tỉnh đã có Thông báo khẩn số 342/TB-UBND về việc ứng phó bão.", None),
])
def test_time_of_day_before_cited_date(sentence, date):
    [c] = extract_text(_LETTER + sentence + "\n").cited_documents
    assert (c.number, c.date) == ("342/TB-UBND", date)
