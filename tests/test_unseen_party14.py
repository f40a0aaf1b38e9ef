"""Causes found reading a fourteenth round of unseen Party pages (central Hướng dẫn of the Ban Tuyên giáo and Ban
Tổ chức Trung ương with their header columns, the 2026 Tết Chỉ thị and the Văn phòng Trung ương's công văn, Ủy ban
Kiểm tra pages, Đảng ủy xã/phường of 2025-2026; session 15, party14), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a spaced en dash typed for the Party number's hyphen ("Số 69 – HD/BTGTW"): the number as written, in a
    # header line and in a sentence reporting the document (header_fields.SYMBOL)
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n*\nSố 12 – HD/BTGTW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 3 tháng 5 "
     "năm 2022\nHƯỚNG DẪN\nTuyên truyền kỷ niệm các ngày lễ lớn", {"number": "12-HD/BTGTW", "date": "2022-05-03"}),
    ("Ban Tổ chức Trung ương đã ban hành Hướng dẫn số 17 – HD/BTCTW ngày 2/3/2025 về việc sắp xếp tổ chức đảng.",
     {"number": "17-HD/BTCTW", "date": "2025-03-02"}),
    # a central Ban in one capitals line, its "TRUNG ƯƠNG" on the same line ("BAN TỔ CHỨC TRUNG ƯƠNG" over "ĐẢNG CỘNG
    # SẢN VIỆT NAM"), is the issuer as "BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TỔ CHỨC" is (header_markers organ rows)
    ("BAN TỔ CHỨC TRUNG ƯƠNG\n--------\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 21-HD/BTCTW\nHà Nội, ngày 4 tháng 11 năm 2019\n"
     "HƯỚNG DẪN\nVỀ KIỂM ĐIỂM TỔ CHỨC ĐẢNG", {"issuer": "Ban Tổ chức Trung ương", "number": "21-HD/BTCTW"}),
    ("BAN DÂN VẬN TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 05-HD/BDVTW\nHà Nội, ngày 4 tháng 11 năm 2019\n"
     "HƯỚNG DẪN\nCông tác dân vận năm 2020", {"issuer": "Ban Dân vận Trung ương"}),
    # a congress's name ends at an adverb or a conjunction after it (citation_patterns issuer_stop "sớm", "không chỉ")
    ("Chi bộ xây dựng kế hoạch, góp phần đưa Nghị quyết Đại hội XIV của Đảng sớm đi vào cuộc sống.",
     {"cited.0.issuer": "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", "cited.1.issuer": None}),
    ("Đồng chí nhấn mạnh: Nghị quyết Đại hội không chỉ tổng kết nhiệm kỳ trước mà còn đề ra phương hướng.",
     {"cited.0.issuer": "Đại hội"}),
    # a congress's ordinal in the press's digits ("Đại hội 12 của Đảng", "lần thứ 13") is its Roman ordinal: another
    # congress's resolution beside it is another document, the same congress in Roman numerals is the same one
    # (citations._congress_parts)
    ("Đoàn kiểm tra việc thực hiện Nghị quyết Đại hội 12 của Đảng, Nghị quyết Đại hội XVI Đảng bộ thành phố.",
     {"cited.0.issuer": "Đại hội đại biểu toàn quốc lần thứ 12 của Đảng", "cited.1.issuer": "Đại hội XVI Đảng bộ thành phố"}),
    ("Các chi bộ học tập Nghị quyết Đại hội lần thứ 13 của Đảng và Nghị quyết Đại hội XIII của Đảng.",
     {"cited.0.doc_type": "Nghị quyết", "cited.1.doc_type": None}),
    # after a post and its committee (or the committee's place) the person holding it is no part of a cited issuer
    # (citations._without_holder); a place's name of three words stays
    ("Các sở thực hiện Kết luận của Bí thư Tỉnh ủy Trần Văn Bình tại hội nghị.", {"cited.0.issuer": "Bí thư Tỉnh ủy"}),
    ("Các sở thực hiện Kết luận của Bí thư Thành ủy Hà Nội Ngô Thị Thanh Hà tại hội nghị.",
     {"cited.0.issuer": "Bí thư Thành ủy Hà Nội"}),
    ("Các xã thực hiện Kết luận của Bí thư Huyện ủy Tân Phú Đông tại hội nghị.",
     {"cited.0.issuer": "Bí thư Huyện ủy Tân Phú Đông"}),
    # a bare number without "số" before the subject's "về" is a citation, as before a date or "của" ("Chỉ thị 12 về
    # ..."; citations tail); a number that counts years is none
    ("Các khu phố thực hiện nghiêm Chỉ thị 12 về giãn cách xã hội.", {"cited.0.number": "12", "cited.0.doc_type": "Chỉ thị"}),
    ("Thành phố xây dựng Kế hoạch 5 năm về phát triển đô thị.", {"cited.0.number": None}),
    # a date set off by commas after an unnumbered mention, the sentence's subject after it, is when the sentence's
    # event was (citations._clause_date) ...
    ("Thực hiện kế hoạch của Đảng ủy phường về học tập Nghị quyết Đại hội XIV của Đảng, ngày 07/02/2026, Chi bộ "
     "Trường Tiểu học An Hòa tổ chức hội nghị.", {"cited.0.date": None}),
    # ... while a numbered document's date, and a date before "về", stay the document's
    ("Thực hiện Công văn số 12/UBND của UBND tỉnh, ngày 5/3/2025, Sở Y tế đề nghị các bệnh viện báo cáo.",
     {"cited.0.date": "2025-03-05"}),
    ("Thực hiện Chỉ thị của Ban Bí thư, ngày 5/3/2025 về công tác cán bộ, Tỉnh ủy ban hành kế hoạch.",
     {"cited.0.date": "2025-03-05"}),
    # a body chairing a meeting ("X chủ trì Hội nghị giao ban", a photo's caption; "Các đồng chí X chủ trì hội nghị")
    # is who led it, no task, even on a page that asks something elsewhere (assignments.chairs_meeting, chair_meeting
    # rows; "giao ban" after the chairing is no request "giao") ...
    ("Thường trực Đảng ủy phường chủ trì Hội nghị giao ban định kỳ tháng 3-2026\n\nĐồng chí Bí thư yêu cầu các chi "
     "bộ tiếp tục bám sát nghị quyết.", {"bodies": ["các chi bộ"]}),
    ("Các đồng chí Thường trực Đảng ủy xã chủ trì hội nghị.\n\nĐồng chí Bí thư đề nghị các chi bộ rà soát đảng viên.",
     {"bodies": ["các chi bộ"]}),
    # ... while a body asked to chair one has that task
    ("Giao Sở Y tế chủ trì hội nghị tổng kết công tác phòng dịch.", {"bodies": ["Sở Y tế"]}),
    # "rút" (withdraw a file, draw lessons) is a verb that ends the body's name, no word of it (body_phrases predicate)
    ("Ủy ban Kiểm tra Tỉnh ủy đề nghị Đảng ủy Khối các cơ quan tỉnh rút hồ sơ, xem xét lại việc thi hành kỷ luật.",
     {"bodies": ["Đảng ủy Khối các cơ quan tỉnh"]}),
    # "đề nghị X yêu cầu Y ...": X, a named body, is asked to ask; its predicate is the inner request verb before a
    # body (assignments._nested_request), not a verb of Y's task
    ("Ủy ban Kiểm tra Tỉnh ủy đề nghị Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh yêu cầu Bí thư Đảng ủy Trường Cao "
     "đẳng Y tế cho thôi giữ chức vụ đối với ông A.", {"bodies": ["Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh"]}),
    ("Ủy ban nhân dân tỉnh đề nghị Sở Y tế yêu cầu các bệnh viện tăng cường phòng dịch.", {"bodies": ["Sở Y tế"]}),
    # a post over committees named in lower case ("Bí thư tỉnh ủy, thành ủy") is one addressee, not the post and a bare
    # "thành ủy" (assignments._merge)
    ("Thủ tướng yêu cầu Bí thư tỉnh ủy, thành ủy và Chủ tịch UBND các tỉnh chỉ đạo công tác phòng chống bão.",
     {"bodies": ["Bí thư tỉnh ủy, thành ủy", "UBND các tỉnh trực thuộc Trung ương"]}),   # the Thủ tướng speaks (press21)
    # "MTTQ" in a list of classes is the Front, as "Mặt trận Tổ quốc" is (body_lists addressee row)
    ("Ban Bí thư yêu cầu cấp ủy, tổ chức đảng, chính quyền, MTTQ và các tổ chức chính trị - xã hội các cấp tập trung "
     "lãnh đạo thực hiện tốt các nhiệm vụ.", {"bodies": ["cấp ủy, tổ chức đảng", "chính quyền", "MTTQ",
                                                       "các tổ chức chính trị - xã hội các cấp"]}),
    # "Đảng bộ bộ phận" is one head: the template "Đảng bộ {unit}" names no "bộ" after a head (body_lists._name_tails)
    ("Đảng ủy phường đề nghị Chi bộ, Đảng bộ bộ phận trực thuộc tập trung thực hiện các nhiệm vụ.",
     {"bodies": ["Chi bộ", "Đảng bộ bộ phận trực thuộc"]}),
    # a capitals headline's words after its verb are its object ("... TỔ CHỨC HỘI NGHỊ GIAO BAN BÍ THƯ CÁC CHI, ĐẢNG
    # BỘ TRỰC THUỘC"): no organ there (header_organs.split_organs after _headline_cut)
    ("ĐẢNG ỦY XÃ AN HÒA TỔ CHỨC HỘI NGHỊ GIAO BAN BÍ THƯ CÁC CHI, ĐẢNG BỘ TRỰC THUỘC THÁNG 3/2026\n\nChiều 31/3/2026, "
     "Ban Thường vụ Đảng ủy xã An Hòa tổ chức Hội nghị giao ban.", {"issuer": "Đảng ủy xã An Hòa"}),
    ("ĐẢNG ỦY XÃ AN HÒA HỌP BÁO TUẦN 7 NĂM 2026\nĐảng ủy xã An Hòa tổ chức họp báo nhằm đánh giá kết quả tổ chức Tết.",
     {"issuer": "Đảng ủy xã An Hòa"}),   # "họp báo" is a verb of two words (body_phrases predicate row)
    # bulleted items under a citing verb alone ("Căn cứ") are the grounds, based on, not the page's title, and a
    # mention line ending with a comma is a ground of the next line's clause (prose._listed, _comma_ended;
    # citations._bullet_opener); "Về" capitalised ends an issuer as "về" does (issuer_stop "Về"); "Thông báo Kết luận
    # số 88-KL/TW" is a Kết luận, its symbol's own type named by the words (citations._numbered_type)
    ("Căn cứ\n\n- Chỉ thị số 45-CT/TW ngày 22/7/2010 của Bộ Chính trị Về đổi mới tổ chức các ngày kỷ niệm;\n\n"
     "- Thông báo Kết luận số 88-KL/TW ngày 18/2/2014 của Bộ Chính trị Về tổ chức kỷ niệm 100 năm ngày sinh;\n\n"
     "Công văn số 7876-CV/VPTW ngày 06/10/2018 của Văn phòng Trung ương Đảng về việc tổ chức kỷ niệm năm 2019,\n\n"
     "Ban Tuyên giáo Trung ương hướng dẫn tuyên truyền các ngày lễ lớn năm 2019 như sau:",
     {"number": None, "doc_type": "Hướng dẫn", "cited.0.issuer": "Bộ Chính trị", "cited.0.relation": "based_on",
      "cited.1.doc_type": "Kết luận", "cited.1.relation": "based_on", "cited.2.number": "7876-CV/VPTW"}),
    # a body, its type's verb and "như sau:" on a line of its own: the page's own unnumbered document, of the type the
    # verb names, that body's (press_phrases type_verb; prose.own_by_verb); told in a sentence, or no body before
    # the verb, or no "như sau:", it is none
    ("Căn cứ Chỉ thị số 45-CT/TW ngày 22/7/2010 của Bộ Chính trị,\n\nBan Dân vận Trung ương hướng dẫn công tác dân "
     "vận năm 2021 như sau:\n\n1. Mục đích", {"doc_type": "Hướng dẫn", "issuer": "Ban Dân vận Trung ương"}),
    ("Sở Y tế hướng dẫn người dân phòng bệnh sốt xuất huyết. Các xã tổ chức tuyên truyền.",
     {"doc_type": None, "issuer": None}),
    ("Tài liệu hướng dẫn tuyên truyền năm 2021 như sau:\n\n1. Mục đích", {"doc_type": None, "issuer": None}),
    ("Ban Dân vận Trung ương hướng dẫn công tác dân vận năm 2021.\n\n1. Mục đích", {"doc_type": None}),
    ("Thực hiện Thông báo kết luận số 12-TB/TU ngày 18/2/2024 của Tỉnh ủy, UBND huyện yêu cầu các xã triển khai.",
     {"cited.0.doc_type": "Thông báo"}),
    # a site's numbered bullet list of related documents above the header ("- 5 Quy định 37-QĐ/TW ...") is no header
    # line (header_locate._is_header_line); "BAN CHẤP HÀNH TRUNG ƯƠNG" alone over a number whose code names a body
    # under it (BTGTW) is that body's document (header_parse._narrow_heading_issuer)
    ("- 1 Chỉ thị 07-CT/TW về tăng cường lãnh đạo.\n- 2 Quy định 37-QĐ/TW năm 2021 về những điều đảng viên không "
     "được làm\nBAN CHẤP HÀNH TRUNG ƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM |\nSố: 41-HD/BTGTW | Hà Nội, ngày 2 tháng 11 năm "
     "2021 |\nTUYÊN TRUYỀN KỶ NIỆM CÁC NGÀY LỄ LỚN NĂM 2022\nCăn cứ Chỉ thị số 45-CT/TW, ngày 22/7/2010 của Bộ Chính "
     "trị về đổi mới.", {"doc_type": "Hướng dẫn", "number": "41-HD/BTGTW", "date": "2021-11-02",
                         "issuer": "Ban Tuyên giáo Trung ương"}),
    # "làm theo" inside a cited document's subject cites nothing: the next document in the list keeps the list's verb
    # (relation_exclude "làm theo"; citations._nest looks for "theo" after a subject, not inside it)
    ("Tuyên truyền triển khai thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư "
     "tưởng, đạo đức, phong cách Hồ Chí Minh, Quy định số 08-QĐi/TW về trách nhiệm nêu gương của cán bộ, đảng viên.",
     {"cited.0.relation": "implements", "cited.1.relation": "implements", "cited.1.cited_from": None}),
    # an unnumbered "Kế hoạch của <body>" is cited as "Quyết định của <body>" is (citation_patterns unnumbered row) ...
    ("Thực hiện Kế hoạch của Ban Thường vụ Đảng ủy phường An Hòa về tổ chức học tập Nghị quyết Đại hội XIV của Đảng, "
     "Chi bộ Trường Tiểu học An Hòa tổ chức hội nghị.",
     {"cited.0.doc_type": "Kế hoạch", "cited.0.issuer": "Ban Thường vụ Đảng ủy phường An Hòa"}),
    # ... and a place's kind alone after "của" names no author ("Kế hoạch của xã", "Chỉ thị của xã")
    ("Các xã xây dựng Kế hoạch của xã để triển khai. Các thôn thực hiện Chỉ thị của xã.", {"cited.0.doc_type": None}),
    ("Các đảng bộ đã quán triệt Kế hoạch của Tỉnh ủy và Kế hoạch của cấp huyện về tổ chức đại hội.",
     {"cited.0.issuer": "Tỉnh ủy", "cited.1.issuer": None}),
    # ... nor is a draft ("dự thảo Kế hoạch của Ban Chỉ đạo": citation_patterns draft_word) an issued document
    ("Hội nghị thông qua dự thảo Kế hoạch của Ban Chỉ đạo và thông báo phân công thành viên.", {"cited.0.doc_type": None}),
    # a ";" before a lower-case word goes on a listed document's subject, not the list ("Căn cứ A về X; xây dựng Y;
    # Nghị định B": B is based on too), and a bulleted line's "- Căn cứ" opens its clause (citations._continues_list)
    ("Hình minh họa\n- Căn cứ Chỉ thị số 45-CT/TW, ngày 22/7/2010 của Bộ Chính trị về đổi mới; Kết luận số 88-KL/TW, ngày "
     "18/2/2014 của Bộ Chính trị về tổ chức kỷ niệm 100 năm ngày sinh; xây dựng khu lưu niệm, nhà lưu niệm; Nghị định "
     "số 145/2013/NĐ-CP, ngày 29/10/2013 của Chính phủ quy định về tổ chức ngày kỷ niệm;",
     {"cited.0.relation": "based_on", "cited.1.relation": "based_on", "cited.2.relation": "based_on"}),
    # "cơ quan tham mưu" names a class: its "tham mưu" is no verb (body_phrases class_name, assignments.predicate);
    # "tham mưu" after a named body still is
    ("Ban Bí thư yêu cầu các cấp ủy bổ sung chương trình hành động. Các cơ quan tham mưu khẩn trương chuẩn bị nội "
     "dung trình Hội nghị Trung ương.", {"bodies": ["Các cơ quan tham mưu"]}),
    ("Ban Tổ chức Tỉnh ủy tham mưu Ban Thường vụ Tỉnh ủy ban hành kế hoạch.", {"bodies": ["Ban Tổ chức Tỉnh ủy"]}),
    # the Party's inspection decision named by its kind ("Quyết định kiểm tra, giám sát của Bộ Chính trị, Ban Bí thư"):
    # an unnumbered Quyết định (citation_patterns type_word and unnumbered rows); the joint authors read as in "Kết
    # luận số ... của Bộ Chính trị, Ban Bí thư" (the first)
    ("Hội nghị công bố Quyết định kiểm tra, giám sát của Bộ Chính trị, Ban Bí thư năm 2026 đối với Ban Thường vụ Tỉnh "
     "ủy An Giang.", {"cited.0.doc_type": "Quyết định", "cited.0.issuer": "Bộ Chính trị"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
