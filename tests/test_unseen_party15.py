"""Causes found reading a fifteenth round of unseen Party pages (central Kết luận, Chỉ thị and Quy chế of 2025-2026
and their press reports, Thành ủy of Hà Nội, TP.HCM and Đà Nẵng, a Quận ủy's Chỉ thị, Đảng ủy xã/phường and Đảng ủy
các cơ quan Đảng / Mặt trận Tổ quốc of 2025-2026, Ban Tổ chức and Ủy ban Kiểm tra pages; session 16, party15), one
row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "các cấp" (all levels) after addressee classes is a generic class (body_lists addressee row "cấp", group
    # generic): it and the sectors after it ask no one, the classes before them are asked; before, the whole list
    # asked no one. Generic words first still leave the named bodies to lead
    ("Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng, các cấp, các ngành xác định việc học tập là nhiệm vụ trọng tâm.",
     {"bodies": ["các cấp ủy, tổ chức đảng"]}),
    ("Ban Thường vụ Thành ủy đề nghị các cấp, ngành, chính quyền, Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã "
     "hội thành phố đẩy mạnh tuyên truyền.", {"bodies": ["Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội thành phố"]}),
    # ... while "các cấp" after a class still qualifies it ("các tổ chức chính trị - xã hội các cấp")
    ("Ban Bí thư yêu cầu cấp ủy, chính quyền và các tổ chức chính trị - xã hội các cấp tập trung thực hiện.",
     {"bodies": ["cấp ủy", "chính quyền", "các tổ chức chính trị - xã hội các cấp"]}),
    # "giao X một số nhiệm vụ là: Chủ trì, phối hợp với Y ...": what is given, before the colon, is no part of the
    # addressee's name (body_phrases object_tail rows)
    ("Bộ Chính trị giao Đảng ủy Chính phủ một số nhiệm vụ là: Chủ trì, phối hợp với Ban Tổ chức Trung ương nghiên cứu "
     "sắp xếp bộ máy.", {"bodies": ["Đảng ủy Chính phủ"], "assignments.0.cooperating": ("Ban Tổ chức Trung ương",)}),
    ("Bộ Chính trị, Ban Bí thư giao Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương một số nhiệm vụ là: Chủ trì, phối "
     "hợp với Ban Tổ chức Trung ương nghiên cứu.", {"bodies": ["Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương"]}),
    # items numbered "1/", "2/" under "yêu cầu:" are the tasks, as items numbered "1.", "2." are (assignments._ITEM)
    ("Ban Thường vụ Huyện ủy yêu cầu:\n\n1/ Ban Tuyên giáo Huyện ủy có trách nhiệm xây dựng kế hoạch học tập.\n\n"
     "2/ Ủy ban Kiểm tra Huyện ủy có trách nhiệm theo dõi, đôn đốc.",
     {"bodies": ["Ban Tuyên giáo Huyện ủy", "Ủy ban Kiểm tra Huyện ủy"]}),
    # an aspect word between the signer and "thay mặt" ("Tổng Bí thư X vừa thay mặt Bộ Chính trị ký ban hành") ends
    # the signer's name (prose aspect_end)
    ("Tổng Bí thư Lê Văn Tám vừa thay mặt Bộ Chính trị ký ban hành Chỉ thị số 07 về công tác cán bộ.",
     {"signer": "Lê Văn Tám", "issuer": "Bộ Chính trị"}),
    # a portal's title "Công văn 09-QC/TW ...": the Party number's code names the type (Quy chế), over the generic
    # letter word (prose._read_lead); a type word that agrees with the code stays
    ("Công văn 05-QC/TW ngày 05/01/2026 Quản lý thông tin trên Cổng thông tin điện tử\n\nBan Bí thư ban hành Quy chế "
     "quản lý thông tin.", {"doc_type": "Quy chế", "number": "05-QC/TW"}),
    ("Văn phòng Tỉnh ủy vừa ban hành Công văn số 123-CV/VPTU về phòng, chống bão.", {"doc_type": "Công văn"}),
    # "Nghị quyết Trung ương 4 (khóa XII)": the press's name of a plenum's resolution is cited, its author the plenum
    # (citation_patterns plenum_lead, an author only before a number; issuer_rewrite "Trung ương {n}")
    ("Thành ủy ban hành Kế hoạch số 31-KH/TU về sơ kết thực hiện Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng.",
     {"cited.0.doc_type": "Nghị quyết", "cited.0.issuer": "Hội nghị Trung ương 4", "cited.0.relation": "implements"}),
    # a related article's headline "<post>: “<quote>” ..." is a saying, not a subject with its task
    ("Ban Thường vụ Thành ủy Hải Phòng vừa ban hành Kế hoạch số 30-KH/TU về sơ kết Nghị quyết.\nBí thư Thành ủy Hải "
     "Phòng: “Đồng lòng, chung sức” thực hiện thắng lợi mục tiêu phát triển.", {"bodies": []}),
    # "Thực hiện theo Đề án số ...": "theo" after "thực hiện" is part of the verb, the relation implements
    # (citation_relations "thực hiện theo"); a bare "theo" still refers
    ("Thực hiện theo Đề án số 07-ĐA/TU của Thành ủy về kiện toàn tổ chức đảng, phường sáp nhập các chi bộ.",
     {"cited.0.relation": "implements"}),
    # "bám sát" (keep close to) is a task's verb after the addressees (body_phrases predicate)
    ("Ban Tổ chức Trung ương nhấn mạnh quy định có nhiều điểm mới, do đó yêu cầu các cấp ủy, tổ chức đảng bám sát "
     "quy định mới.", {"bodies": ["các cấp ủy, tổ chức đảng"]}),
    # a congress of a body whose name holds "các" after a comma ("Đảng bộ Mặt trận Tổ quốc, các đoàn thể Trung ương",
    # a name_comma phrase) is one author, not a class of authors ("Đại hội đảng bộ các cấp" is)
    ("Các chi bộ thực hiện các giải pháp đã được xác định trong Nghị quyết Đại hội đại biểu Đảng bộ Mặt trận Tổ quốc, "
     "các đoàn thể Trung ương lần thứ I, nhiệm kỳ 2025-2030.",
     {"cited.0.issuer": "Đại hội đại biểu Đảng bộ Mặt trận Tổ quốc, các đoàn thể Trung ương lần thứ I"}),
    ("Các chi bộ quán triệt Nghị quyết Đại hội đảng bộ các cấp.", {"cited.0.doc_type": None}),
    # a standing committee cited by its initials ("của BTVQU") is named in full (citation_patterns issuer_rewrite rows
    # without a number: the rewrite needs none)
    ("Thực hiện Kế hoạch số 67-KH/QU ngày 08/4/2022 của BTVQU về kiểm tra, Đoàn kiểm tra làm việc với Đảng ủy phường.",
     {"cited.0.issuer": "Ban Thường vụ Quận ủy"}),
    # one plenum's resolution named twice, in full and as the press shortens it, is one citation; another term's plenum
    # of the same number is another (citation_patterns plenum_name rows, citations._same_plenum)
    ("Chi bộ thực hiện Nghị quyết Hội nghị lần thứ 4 Ban chấp hành Trung ương Đảng (khóa XI) về xây dựng Đảng. Các đảng "
     "viên bám sát ba nội dung nêu trong Nghị quyết Trung ương 4 (khóa XI) để kiểm điểm.",
     {"cited.0.issuer": "Ban Chấp hành Trung ương", "cited.1.doc_type": None}),   # the plenum's Committee (issuer_rewrite)
    ("Chi bộ thực hiện Nghị quyết Hội nghị lần thứ 4 Ban chấp hành Trung ương Đảng (khóa XI) về xây dựng Đảng. Các đảng "
     "viên bám sát Nghị quyết Trung ương 4 (khóa XII) về chỉnh đốn Đảng.", {"cited.1.issuer": "Hội nghị Trung ương 4"}),
    # a town's or district's committee ("Thị ủy", "Quận ủy", "Thành ủy") names a Party body as "Tỉnh ủy" does
    # (channels.csv party spellings): its Ban issues the document
    ("Ngày 09/5/2018, Ban Tuyên giáo Thị ủy ban hành Công văn số 72-CV/BTG về việc tuyên truyền kỷ niệm.",
     {"issuer": "Ban Tuyên giáo Thị ủy"}),
    ("Ngày 09/5/2018, Ban Tổ chức Quận ủy ban hành Hướng dẫn số 7-HD/BTCQU về công tác cán bộ.",
     {"issuer": "Ban Tổ chức Quận ủy"}),
    # "các TCCS đảng" (the party base organisations by initials, press_phrases abbreviation) is an addressee class
    # (body_lists), asked with the named bodies after it, as the gold lists "các cấp ủy, tổ chức đảng"
    ("Ban Tuyên giáo Huyện ủy đề nghị các TCCS đảng, Ủy ban Mặt trận Tổ quốc Việt Nam huyện triển khai tuyên truyền.",
     {"bodies": ["các tổ chức cơ sở đảng", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"]}),
    # a portal's weekday line above the page title ("Thứ Tư, ngày 31 tháng 5 năm 2023") is no title: the title line
    # under it names the page's own document (press_phrases page_chrome rows)
    ("Thứ Tư, ngày 31 tháng 5 năm 2023\n\nChỉ thị V/v tổ chức thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ VIII\n\n"
     "Ban Thường vụ Quận ủy yêu cầu các chi, đảng bộ trực thuộc Quận ủy tổ chức quán triệt văn kiện đại hội.",
     {"doc_type": "Chỉ thị"}),
    # a portal's title line ending "... Cổng thông tin điện tử Đảng Cộng sản Việt Nam" is no motto line of a header
    # (a motto anchors a header in capitals or opening its line: header_locate._anchor_kind): the header under it
    # is read, its issuer too
    ("Open navigation\n\nQuy chế 07-QC/TW ngày 05/01/2026 Quản lý thông tin trên Cổng thông tin điện tử Đảng Cộng sản "
     "Việt Nam\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n *\n\nĐẢNG CỘNG SẢN VIỆT NAM\n______\n\nSố 07-QC/TW\n\nHà Nội, ngày 05 "
     "tháng 01 năm 2026\n\nQUY CHẾ\n\nQuản lý thông tin trên Cổng thông tin điện tử\n\n- Căn cứ Điều lệ Đảng;",
     {"doc_type": "Quy chế", "number": "07-QC/TW", "issuer": "Ban Chấp hành Trung ương"}),
    # round b: a headline in capitals whose verb follows the committee's keyword at once ("HUYỆN ỦY HƯỚNG DẪN ...",
    # "TỈNH ỦY TỔ CHỨC ...") names no place (header_organs._headline_verb also at the start of the rest); a Ban before
    # that bare keyword is the body, as on a header line of its own (header_organs._under_lines)
    ("BAN TUYÊN GIÁO HUYỆN ỦY HƯỚNG DẪN TUYÊN TRUYỀN KỶ NIỆM 75 NĂM\n\nTheo đó, Ban Tuyên giáo Huyện ủy yêu cầu Đảng "
     "ủy các xã, thị trấn xây dựng kế hoạch tuyên truyền.",
     {"issuer": "Ban Tuyên giáo", "bodies": ["Đảng ủy các xã, thị trấn"]}),
    ("HUYỆN ỦY TỔ CHỨC HỘI NGHỊ SƠ KẾT\n\nHuyện ủy yêu cầu Đảng ủy các xã xây dựng kế hoạch.",
     {"issuer": "Huyện ủy", "bodies": ["Đảng ủy các xã"]}),
    ("ĐẢNG ỦY PHƯỜNG AN BÌNH TỔ CHỨC HỘI NGHỊ\n\nĐảng ủy phường yêu cầu các chi bộ xây dựng kế hoạch.",
     {"issuer": "Đảng ủy phường An Bình"}),
    # "tổ chức thành công" (an act told as done, body_phrases done_act) after a request verb is what is asked
    # (assignments._told_done); told alone it is still no task
    ("Tại cuộc họp, đồng chí Lê Văn Tám, Phó Bí thư Thường trực Huyện ủy yêu cầu các Ban, Văn phòng Huyện ủy phối "
     "hợp, tham mưu tổ chức thành công Đại hội đại biểu Đảng bộ huyện.", {"bodies": ["các Ban", "Văn phòng Huyện ủy"]}),
    ("Chi bộ thôn An Hòa tổ chức thành công Đại hội nhiệm kỳ 2025-2027.", {"bodies": []}),
    # "tích cực" (actively) before the verb ends the subject's name, as "chủ động" does (body_phrases predicate)
    ("Ban Thường vụ Huyện ủy yêu cầu Văn phòng Huyện ủy tích cực phối hợp chuẩn bị đại hội.",
     {"bodies": ["Văn phòng Huyện ủy"]}),
    # a photo's caption whose line ends with the credit ("... chủ trì hội nghị - Ảnh: MINH AN") asks no one
    # (assignments._credited, press_phrases caption rows ending in a colon); the sentence after it still does
    ("Hội nghị quán triệt\n\nPhó Bí thư Thành ủy Lê Văn Tám (giữa) và Trưởng Ban Tuyên giáo Thành ủy Nguyễn Văn Hai "
     "chủ trì hội nghị - Ảnh: MINH AN\nKhông có bình luận", {"bodies": []}),
    ("Lãnh đạo Thành ủy chủ trì hội nghị - Ảnh: MINH AN\nBan Thường vụ Thành ủy yêu cầu các quận ủy xây dựng kế hoạch.",
     {"bodies": ["các quận ủy"]}),
    # a portal's section label ("Xã hội") above the page title leaves the title a headline: news, no task
    # (assignments._labels_only); a line without a full stop under a request is still its task
    ("Xã hội\n\nThường trực Ban Bí thư chỉ đạo ứng phó bão số 5\n\nNgày 20-8, Văn phòng Trung ương Đảng ban hành Công "
     "văn số 18010-CV/VPTW về việc ứng phó với bão số 5.", {"bodies": []}),
    ("Ban Thường vụ Huyện ủy yêu cầu:\n\nBan Tuyên giáo Huyện ủy tổ chức tuyên truyền\n\nCác xã tham gia.",
     {"bodies": ["Ban Tuyên giáo Huyện ủy"]}),
    # a central body or the issuer directing others without a colon ("Thường trực Ban Bí thư chỉ đạo X khẩn trương
    # ...") is the speaker: X leads (assignments._speaker); an addressee passing its task on, or a requested body's
    # "chỉ đạo", keeps the task
    ("Thường trực Ban Bí thư chỉ đạo các tỉnh ủy, thành ủy khẩn trương kiểm tra, ứng phó với bão.",
     {"bodies": ["các tỉnh ủy, thành ủy"]}),
    ("Các huyện ủy chỉ đạo các chi bộ tổ chức quán triệt nghị quyết.", {"bodies": ["Các huyện ủy"]}),
    ("Bộ Y tế đề nghị UBND tỉnh Nam Định chỉ đạo các đơn vị trực thuộc tăng cường phòng, chống dịch.",
     {"bodies": ["UBND tỉnh Nam Định"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected


# the signer of a Party document with a Party post and a State post signs in the Party post (prose._person, party); of
# a State document, in the last post
SIGNER_CASES = [
    ("Ngày 3/3, đồng chí Lê Văn Tám, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố đã ký Công văn số "
     "1225-CV/TU của Ban Thường vụ Thành ủy về tạm dừng đại hội.", ("Lê Văn Tám", "Phó Bí thư Thường trực")),
    ("Ngày 3/3, đồng chí Lê Văn Tám, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đã ký Quyết định số 12/QĐ-UBND về phòng, "
     "chống dịch.", ("Lê Văn Tám", "Chủ tịch")),
]


@pytest.mark.parametrize("text,expected", SIGNER_CASES, ids=[str(i) for i in range(len(SIGNER_CASES))])
def test_signer_post(text, expected):
    signer = extract_text(text).signer
    assert (signer.name, signer.role) == expected
