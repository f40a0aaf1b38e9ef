"""Causes found reading a twenty-second set of unseen pages, read blind (national papers, provinces' portals, tag,
search and category pages, reporting the Prime Minister's and his deputies' letters, telegrams and requests, the
Secretariat's and the Politburo's directives and conclusions, provinces' Party and State documents; session 22,
press22), one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a leader's name after "<post> UBND tỉnh": a person, not the province's name (every province is known); after a
    # district's or commune's kind word the capitalised words still name the place
    ("Phó Chủ tịch UBND tỉnh Lê Văn Tám có ý kiến kết luận tại Thông báo số 18/TB-UBND ngày 9/8/2015.",
     {"issuer": "Chủ tịch UBND tỉnh", "cited.0.number": "18/TB-UBND"}),
    ("Chủ tịch UBND tỉnh Lê Văn Tám yêu cầu các sở khẩn trương rà soát.", {"issuer": "Chủ tịch UBND tỉnh"}),
    ("Chủ tịch UBND xã Hương Thọ yêu cầu các thôn khẩn trương rà soát.", {"issuer": "Chủ tịch UBND xã Hương Thọ"}),
    ("Ban Chấp hành Đảng bộ huyện Tân Lạc giao Ban Thường vụ Huyện ủy chỉ đạo tiếp thu các ý kiến.",
     {"issuer": "Huyện ủy Tân Lạc"}),
    # "Yêu cầu trên được X nêu trong Công văn số N về việc ..." opening the page: the page's own document
    ("Yêu cầu trên được Thủ tướng Lê Văn Tám nêu trong Công văn số 1021 về việc phối hợp tổ chức Đại hội Mặt trận "
     "Tổ quốc các cấp.\n\nCông văn nêu, đại hội là đợt sinh hoạt chính trị sâu rộng.",
     {"doc_type": "Công văn", "number": "1021", "issuer": "Thủ tướng Chính phủ",
      "subject": "về việc phối hợp tổ chức Đại hội Mặt trận Tổ quốc các cấp"}),
    # ... not further on, after a sentence of its own
    ("Thủ tướng họp với các bộ về đại hội.\nYêu cầu trên được Thủ tướng nêu trong Công văn số 1021 về việc phối hợp.",
     {"number": None}),
    # a quotation cue opening the page without a colon ("Công điện nêu rõ Đại hội ..."): the page quotes that document
    (" date 2025-09-10 Công điện nêu rõ Đại hội Mặt trận các cấp là sự kiện quan trọng.\nThủ tướng Chính phủ yêu cầu "
     "Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh tăng cường phối hợp.",
     {"doc_type": "Công điện", "issuer": "Thủ tướng Chính phủ"}),
    # ... not "Kết luận nêu rõ như sau." (another cue word, its words elsewhere)
    ("Kết luận nêu rõ như sau. Yêu cầu các cấp ủy khẩn trương kiện toàn bộ máy.", {"doc_type": None}),
    # a trích yếu "về việc" ended by its own directing verb reads on: the request is the subject
    ("Thủ tướng Chính phủ vừa có Công văn số 1308/TTg-VIII về việc yêu cầu Bộ trưởng, Chủ tịch Ủy ban nhân dân các "
     "tỉnh có kế hoạch cụ thể triển khai Chỉ thị số 52 của Ban Bí thư.",
     {"subject": "về việc yêu cầu Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh có kế hoạch cụ thể triển khai Chỉ thị "
                 "số 52 của Ban Bí thư"}),
    # "X cho biết đã có thông báo ...": the teller issued it (nothing else before the verb)
    ("Ngày 20-8, Văn phòng UBND tỉnh Bình Sơn cho biết đã có thông báo kết luận của ông Lê Văn Tám, Phó Chủ tịch "
     "UBND tỉnh, tại cuộc họp báo.",
     {"doc_type": "Thông báo", "issuer": "Văn phòng UBND tỉnh Bình Sơn"}),
    ("Ngày 9/7, Sở Y tế cho biết, đã có công văn yêu cầu các bệnh viện rà soát.", {"issuer": "Sở Y tế"}),
    # ... and a body telling what it asked ("<post> cho biết đã giao ..."): it speaks
    ("Phó Chủ tịch UBND tỉnh Bình Sơn cho biết đã giao Sở Y tế rà soát.",
     {"issuer": "Chủ tịch UBND tỉnh Bình Sơn", "bodies": ["Sở Y tế"]}),
    # a type in lower case with its author and subject: one document cited ...
    ("Thực hiện chỉ thị của Ban Bí thư Trung ương Đảng về tổ chức Tết Nguyên đán Bính Ngọ 2026, Ban Thường vụ Tỉnh "
     "ủy đã chỉ đạo các cấp ủy.",
     {"cited.0.doc_type": "Chỉ thị", "cited.0.issuer": "Ban Bí thư", "cited.0.relation": "implements"}),
    # ... two authors joined by "và" before the subject: each author's own document of that subject
    ("Thực hiện chỉ thị của Ban Bí thư Trung ương Đảng và Thủ tướng Chính phủ về tổ chức Tết Nguyên đán Bính Ngọ "
     "2026, Ban Thường vụ Tỉnh ủy đã chỉ đạo các cấp ủy.",
     {"cited.0.issuer": "Ban Bí thư", "cited.1.issuer": "Thủ tướng Chính phủ", "cited.1.doc_type": "Chỉ thị",
      "cited.1.subject": "về tổ chức Tết Nguyên đán Bính Ngọ 2026"}),
    # ... but not without its subject ("nghị quyết của Đảng" names no one document), nor after a quotation cue (the
    # page's own text), nor a forgery
    ("Các cấp ủy tiếp tục thực hiện nghị quyết của Đảng.", {"cited.0": None}),
    ("Toàn văn bài viết của Tổng Bí thư Lê Văn Tám về công tác chuẩn bị nhân sự đại hội\nNgày 25/4, Tổng Bí thư có "
     "bài viết quan trọng.", {"cited.0": None}),
    ("Phó Chủ tịch UBND thành phố cho biết đã giao Công an thành phố xử lý việc giả mạo công văn của UBND thành phố "
     "về cho học sinh nghỉ học.", {"cited.0": None}),
    # a body asked to draft and submit ("trình Chính phủ ban hành Nghị định ..."): no Nghị định issued on the page;
    # "Phó Thủ tướng (Thường trực) Chính phủ X" speaks for the Prime Minister
    ("Phó Thủ tướng Thường trực Chính phủ Lê Văn Tám vừa có ý kiến về việc xây dựng Nghị định thay thế Nghị định "
     "15/2016/NĐ-CP.\n\nCụ thể, Phó Thủ tướng yêu cầu Văn phòng Chính phủ chủ trì, phối hợp với Bộ Nội vụ xây dựng, "
     "trình Chính phủ ban hành Nghị định thay thế Nghị định số 15/2016/NĐ-CP ngày 1/11/2016 của Chính phủ.",
     {"doc_type": None, "issuer": "Thủ tướng Chính phủ", "bodies": ["Văn phòng Chính phủ"]}),
    ("Phó Thủ tướng Chính phủ Lê Văn Tám yêu cầu Bộ Y tế khẩn trương rà soát.",
     {"issuer": "Thủ tướng Chính phủ", "bodies": ["Bộ Y tế"]}),
    # numbered items run on after a colon ("UBND các huyện: (1) Khẩn trương ...; (2) ..."): the bodies end at the colon
    ("Theo đó, UBND tỉnh yêu cầu các sở, ban, ngành, UBND các huyện, thành phố: (1) Khẩn trương xây dựng kế hoạch cụ "
     "thể; (2) Chủ động rà soát các nhiệm vụ.",
     {"bodies": ["các sở, ban, ngành", "UBND các huyện, thành phố"]}),
    ("UBND tỉnh yêu cầu các sở, UBND các huyện: (1) Tăng cường kiểm tra; (2) báo cáo kết quả.",
     {"bodies": ["các sở", "UBND các huyện"]}),
    # "công văn chỉ đạo triển khai X": the act directed is the subject, up to a bracket giving the document's number
    ("UBND tỉnh vừa ban hành công văn chỉ đạo triển khai Chương trình hành động của Tỉnh ủy (Công văn số "
     "1480/UBND-THNC, ngày 7/11/2020).",
     {"number": "1480/UBND-THNC", "date": "2020-11-07",
      "subject": "chỉ đạo triển khai Chương trình hành động của Tỉnh ủy"}),
    ("UBND tỉnh vừa ban hành Công văn số 1480/UBND-THNC chỉ đạo triển khai Chương trình hành động của Tỉnh ủy.",
     {"subject": "chỉ đạo triển khai Chương trình hành động của Tỉnh ủy"}),
    # ... not when it directs bodies ("chỉ đạo các sở triển khai ..."), nor "yêu cầu báo cáo" (a request)
    ("UBND tỉnh vừa ban hành công văn chỉ đạo các sở triển khai Chương trình hành động của Tỉnh ủy.",
     {"subject": None, "bodies": ["các sở"]}),
    ("Cục Quản lý Khám chữa bệnh đã có văn bản yêu cầu xác minh thông tin báo chí phản ánh.", {"subject": None}),
    # "... thực hiện tốt các nội dung sau:" over an unmarked paragraph (the page lost the items' marks): that
    # paragraph is the introduction's bodies' task
    ("Thủ tướng Chính phủ yêu cầu Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh tập trung chỉ đạo thực hiện tốt các nội "
     "dung sau:\n\nTăng cường phối hợp, tạo điều kiện để Ủy ban Mặt trận Tổ quốc tổ chức phong trào thi đua.",
     {"bodies": ["các Bộ", "Ủy ban nhân dân các tỉnh trực thuộc Trung ương"]}),
    # ... not a paragraph after another sentence
    ("Thủ tướng Chính phủ yêu cầu Bộ trưởng thực hiện tốt các nội dung sau:\n\nThời gian qua, các bộ đã có nhiều cố "
     "gắng. Tăng cường phối hợp.", {"bodies": []}),
    # "giao trách nhiệm cho X <act>": X is asked (body_phrases assign_verb)
    ("Phó Chủ tịch UBND tỉnh Bình Sơn đã ký văn bản, giao trách nhiệm cho các sở ngành trực thuộc, kiểm tra nội dung "
     "báo phản ánh.", {"bodies": ["các sở ngành trực thuộc"]}),
    ("UBND tỉnh giao trách nhiệm cho Sở Y tế kiểm tra nội dung báo phản ánh.", {"bodies": ["Sở Y tế"]}),
    # "phối hợp với X trong công tác / trong việc ...": the field ends the partners (body_phrases partner_end)
    ("UBND tỉnh giao Sở Y tế chủ trì, phối hợp với Công an tỉnh trong công tác kiểm tra.",
     {"bodies": ["Sở Y tế"], "assignments.0.cooperating": ("Công an tỉnh",)}),
    ("UBND tỉnh yêu cầu Sở Xây dựng phối hợp với UBND các huyện trong quá trình thẩm định hồ sơ.",
     {"assignments.0.cooperating": ("UBND các huyện",)}),
    # a purpose word goes on a plain subject ("Kế hoạch tổ chức ... nhằm chào mừng ..."; known leftover "nhằm ending
    # a subject"), a place prefix's dot too ("TP. Cần Thơ"); a bare "về ..." still ends at it
    ("UBND TP. Cần Thơ vừa ban hành Kế hoạch tổ chức hoạt động vệ sinh môi trường nhằm chào mừng kỷ niệm 20 năm TP. "
     "Cần Thơ trực thuộc Trung ương. Ngay khi nhận được kế hoạch, các cấp đã triển khai.",
     {"subject": "tổ chức hoạt động vệ sinh môi trường nhằm chào mừng kỷ niệm 20 năm TP. Cần Thơ trực thuộc Trung ương"}),
    ("Ban Dân vận Tỉnh ủy vừa ban hành Hướng dẫn số 12-HD/BDVTU về tổ chức hoạt động Tháng Dân vận năm 2018 nhằm nâng "
     "cao nhận thức của các cấp.",
     {"subject": "về tổ chức hoạt động Tháng Dân vận năm 2018"}),
    # "X đã quyết định hỗ trợ ...": the body deciding speaks (header_markers acting_verb), after a teller's "cho biết"
    ("Ngày 19/9, Văn phòng UBND tỉnh Bình Sơn cho biết, UBND tỉnh đã quyết định hỗ trợ gần 3 tỷ đồng cho 8 xã.",
     {"issuer": "UBND tỉnh", "doc_type": None}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
