"""Causes found reading a sixteenth round of unseen Party pages (Ban Thường vụ Tỉnh ủy/Thành ủy letters and Chỉ thị on
storms, digital transformation and citizens' reception, Ban Tuyên giáo Tỉnh ủy Hướng dẫn of 2024, Đảng ủy xã
conferences, a Huyện ủy reviewing a commune's congress, Bộ Chính trị and Ban Bí thư documents in the press; session 17,
party16), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "T.Ư" (Trung ương, press_phrases abbreviation) is one word of an author's name: the name no longer ends at its
    # full stop ("Ban Bí thư T"), and the author is named as spelled out (citations.spell_out)
    ("Hải Dương: 5 năm triển khai Chỉ thị số 27 của Ban Bí thư T.Ư Đảng (05/3/2024)",
     {"cited.0.issuer": "Ban Bí thư"}),
    # the author after a quoted subject ("Chỉ thị số 27-CT/TW về “...” của Ban Bí thư") is read, not the symbol's code's
    # body (TW: Ban Chấp hành Trung ương); with the same number the two mentions are one citation
    ("Chỉ thị số 27 của Ban Bí thư T.Ư Đảng\n\nNgay khi Chỉ thị số 27-CT/TW về “Tăng cường công tác phòng cháy” "
     "của Ban Bí thư T.Ư Đảng (khóa XII) được ban hành, Tỉnh ủy đã lãnh đạo thực hiện.",
     {"cited.0.issuer": "Ban Bí thư", "cited.0.number": "27-CT/TW", "cited.1.number": None}),
    ("Tỉnh ủy ban hành Kế hoạch số 12-KH/TU thực hiện Nghị quyết số 36-NQ/TW về “Phát triển bền vững kinh tế biển” "
     "của Bộ Chính trị.", {"cited.0.issuer": "Bộ Chính trị"}),
    # the signer of a Party document with several titles before the name ("Tổng Bí thư, Chủ tịch nước X") signs in the
    # last title held in a Party body (prose._party_title; the clause's comma no longer drops the titles before it),
    # the issuer the body of that title up to its comma; a State document keeps the last title
    ("Ngày 5/4/2025, thay mặt Bộ Chính trị, Tổng Bí thư, Chủ tịch nước Lê Văn Tám đã ký ban hành Chỉ thị số 07-CT/TW "
     "về công tác cán bộ.", {"signer": "Lê Văn Tám", "signer_role": "Tổng Bí thư", "issuer": "Bộ Chính trị"}),
    ("Ngày 5/4/2025, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Lê Văn Tám đã ký Chỉ thị số 07-CT/TU về phòng, chống dịch.",
     {"signer": "Lê Văn Tám", "signer_role": "Bí thư", "issuer": "Tỉnh ủy"}),
    ("Ngày 5/4/2025, Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Văn Tám đã ký Quyết định số 07/QĐ-UBND về phòng, chống dịch.",
     {"signer": "Lê Văn Tám", "signer_role": "Chủ tịch", "issuer": "UBND tỉnh"}),
    # a date after a hearsay clause ("X cho biết, ngày 25-3-2019, Y đã có ...") is the document's; one before it is
    # the report's (prose._read_head)
    ("Tin từ Văn phòng Tỉnh ủy cho biết, ngày 12-3-2019, Ban Thường vụ Tỉnh ủy đã có Quyết định số 1520-QĐ/TU về việc "
     "ban hành Quy chế làm việc.", {"date": "2019-03-12", "number": "1520-QĐ/TU"}),
    ("Ngày 14-3-2019, Văn phòng Tỉnh ủy cho biết, Ban Thường vụ Tỉnh ủy vừa có Quyết định số 1520-QĐ/TU về việc ban "
     "hành Quy chế làm việc.", {"date": None}),
    # a year-less date after an agency's prefix ("(QBĐT) - Ngày 25-3, ...") takes the page's year as one opening the
    # sentence does
    ("Thứ Năm, 28/03/2019\n\n(QBT) - Ngày 12-3, Ban Thường vụ Tỉnh ủy đã có Quyết định số 1520-QĐ/TU về việc ban hành "
     "Quy chế làm việc.", {"date": "2019-03-12"}),
    # a headline's document of no number ("Ban hành Quy chế ...") issued by the numbered document the body reports
    # ("... Quyết định số 1520-QĐ/TU về việc ban hành Quy chế ...") is not the reported one (prose._issuing_document)
    ("Ban hành Quy chế Bí thư Tỉnh ủy tiếp dân\n\nNgày 12-3-2019, Ban Thường vụ Tỉnh ủy đã có Quyết định số "
     "1520-QĐ/TU về việc ban hành Quy chế Bí thư Tỉnh ủy tiếp dân.",
     {"doc_type": "Quyết định", "number": "1520-QĐ/TU", "issuer": "Tỉnh ủy"}),
    ("Ban hành Chỉ thị về phòng, chống dịch\n\nNgày 12-3-2020, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị về phòng, "
     "chống dịch.", {"doc_type": "Chỉ thị", "number": None}),
    # a committee named by its keyword and a province's abbreviation ("Thành ủy TP.HCM") is that province's, its name
    # the province's own (header_organs._province_organ, as "UBND TP.HCM" was), not "Thành ủy Tp.hcm"
    ("Ban Thường vụ Thành ủy TP.HCM yêu cầu các quận ủy tập trung lãnh đạo thực hiện.",
     {"issuer": "Thành ủy thành phố Hồ Chí Minh"}),
    # the mass organisations named with their place beside named bodies are asked whether the place is a kind word
    # ("... xã hội tỉnh"), a named place ("... tỉnh Nghệ An") or a province's abbreviation ("... TP.HCM")
    # (assignments._placed); unplaced they stay generic
    ("Ban Thường vụ Thành ủy yêu cầu Ủy ban MTTQ Việt Nam TP.HCM và các tổ chức chính trị - xã hội TP.HCM tập trung "
     "lãnh đạo thực hiện.", {"bodies": ["Ủy ban MTTQ Việt Nam TP.HCM", "các tổ chức chính trị - xã hội TP.HCM"]}),
    ("Ban Thường vụ Tỉnh ủy yêu cầu Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh Hà Nam tập trung "
     "lãnh đạo thực hiện.", {"bodies": ["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh Hà Nam"]}),
    ("Ban Thường vụ Tỉnh ủy yêu cầu Sở Nội vụ và các tổ chức chính trị - xã hội tập trung lãnh đạo thực hiện.",
     {"bodies": ["Sở Nội vụ"]}),
    # an emphasis after the addressees ("X, nhất là Y, phải ...", "X đặc biệt là Y phải ...": body_phrases scope_cut)
    # ends them: X is asked (assignments._object_task); before, "là" made the list a clause and no one was asked
    ("Ban Thường vụ Tỉnh ủy đã có văn bản yêu cầu các cấp ủy, chính quyền đặc biệt là người đứng đầu cấp ủy phải nâng "
     "cao chất lượng tiếp dân.", {"bodies": ["các cấp ủy", "chính quyền"]}),
    ("Ban Thường vụ Huyện ủy yêu cầu Phòng Y tế, nhất là Trạm Y tế các xã, phải tăng cường giám sát dịch.",
     {"bodies": ["Phòng Y tế"]}),
    # "coi trọng" (give weight to) is a task's verb (body_phrases predicate): the emphasis after it belongs to the task
    ("Đảng ủy Quân sự tỉnh yêu cầu các chi bộ coi trọng tất cả các khâu, nhất là công tác nhân sự.",
     {"bodies": ["các chi bộ"]}),
    # a later sentence whose own body acts after an opening word ("Đặc biệt, Đảng ủy X đẩy nhanh ... và phối hợp với
    # ...") tells what that body does: its partners are no partners of the task before it (assignments._told_act)
    ("Đảng ủy Quân sự tỉnh yêu cầu các chi bộ coi trọng công tác nhân sự. Đặc biệt, Đảng ủy Quân sự tỉnh đẩy nhanh "
     "tiến độ và phối hợp chặt chẽ với các huyện ủy.", {"assignments.0.cooperating": ()}),
    # a committee's boards written in lower case ("ban thường vụ", "ban chấp hành": body_phrases lowered_head) head a
    # body as their capitalised spelling does
    ("Bí thư Huyện ủy yêu cầu ban chấp hành đảng bộ xã Tân Lập tiếp tục rà soát văn kiện.",
     {"bodies": ["Ban Chấp hành đảng bộ xã Tân Lập"]}),
    ("Ban Bí thư yêu cầu ban thường vụ các tỉnh ủy, thành ủy chỉ đạo rà soát.", {"bodies": ["Ban Thường vụ các tỉnh ủy, thành ủy"]}),
    # a class named with its place's name ("cấp ủy xã Tân Lập") is that place's own body: its task stays beside a named
    # body's (assignments._object_task; classes alone still drop beside named bodies)
    ("Bí thư Huyện ủy yêu cầu cấp ủy xã Tân Lập nghiêm túc tiếp thu ý kiến. Đồng chí yêu cầu Ban Chấp hành Đảng bộ xã "
     "Tân Lập tiếp tục rà soát văn kiện.", {"bodies": ["cấp ủy xã Tân Lập", "Ban Chấp hành Đảng bộ xã Tân Lập"]}),
    ("Bí thư Huyện ủy yêu cầu các cấp ủy nghiêm túc tiếp thu ý kiến. Đồng chí yêu cầu Ban Chấp hành Đảng bộ xã Tân Lập "
     "tiếp tục rà soát văn kiện.", {"bodies": ["Ban Chấp hành Đảng bộ xã Tân Lập"]}),
    # "X phát biểu chỉ đạo tại buổi làm việc ...": a speech told (body_phrases clause_word "phát biểu"), its speaker no
    # subject of a task ("X phát biểu" was asked); the request after it still is
    ("Thường trực Ban Bí thư Lê Văn Tám phát biểu chỉ đạo tại buổi làm việc với Ban Thường vụ Tỉnh ủy.\n\nThường trực "
     "Ban Bí thư đề nghị Ban Thường vụ Tỉnh ủy Phú Yên tiếp tục thực hiện hiệu quả công tác xây dựng Đảng.",
     {"bodies": ["Ban Thường vụ Tỉnh ủy Phú Yên"]}),
    # "Báo cáo của đồng chí X, <titles> cho biết, ...": a speaker's report at a meeting (a person after the honorific,
    # then a verb of telling: press_phrases hearsay), no document cited (citations._told); a body's report stays cited as on main
    ("Báo cáo của đồng chí Lê Văn Tám, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh cho biết, tăng trưởng kinh tế đạt 7%.",
     {"cited.0.doc_type": None}),
    ("Báo cáo của Sở Y tế cho biết, tỷ lệ tiêm chủng đạt 95%.", {"cited.0.issuer": "Sở Y tế"}),
    # a body's request told, then "Chỉ thị nêu rõ, ..." opening a sentence (press_phrases type_cue): the page quotes
    # that body's own unnumbered Chỉ thị (prose.own_by_cue, when no document is reported)
    ("Theo đó, Ban Thường vụ Thành ủy Đà Nẵng yêu cầu các cấp ủy tập trung lãnh đạo chuyển đổi số.\n\nChỉ thị nêu rõ, "
     "HĐND thành phố chủ động giám sát việc thực hiện.", {"doc_type": "Chỉ thị", "issuer": "Thành ủy Đà Nẵng"}),
    ("Theo đó, Ban Thường vụ Thành ủy Đà Nẵng yêu cầu các cấp ủy tập trung lãnh đạo chuyển đổi số.", {"doc_type": None}),
    # the reported document's author ends before "và" and another document ("của Ban Bí thư và Chỉ thị số 31-CT/TU của
    # ..."), as it ends before another body (prose._name_over_and); was "Ban Bí thư và Chỉ thị số 31-CT/TU của ..."
    ("Chỉ thị số 52-CT/TW của Ban Bí thư và Chỉ thị số 31-CT/TU của Ban Thường vụ Thành ủy về phòng cháy\n\nNgày 1-9, "
     "hội nghị đã diễn ra.", {"issuer": "Ban Bí thư"}),
    # the page's title opening with a class of bodies, glued by one line break to the line under it ("Các tỉnh điều
    # chỉnh lịch đại hội\nCác địa phương đang ..."): news, no task (assignments._without_title_line, as for a body)
    ("Các tỉnh điều chỉnh lịch đại hội đảng bộ\nCác địa phương đang chủ động điều chỉnh thời gian đại hội.",
     {"bodies": []}),
    ("Các tỉnh điều chỉnh lịch đại hội đảng bộ\nĐề nghị các huyện ủy khẩn trương điều chỉnh thời gian đại hội.",
     {"bodies": ["các huyện ủy"]}),
    # the news's dateline on the line under a title ("... của Bộ Chính trị\nNgày 17-4, tại ...", "Sáng 17/4") ends the
    # author's name (citations.read_body: day_word and press_phrases time_of_day before a day and month); a name
    # wrapped onto the next line still goes on
    ("Giao ban thực hiện Chỉ thị số 08 của Bộ Chính trị\nNgày 12-5, tại tỉnh Nam Định, Ban Tuyên giáo Trung ương tổ "
     "chức hội nghị.", {"cited.0.issuer": "Bộ Chính trị"}),
    ("Giao ban thực hiện Chỉ thị số 08 của Bộ Chính trị\nSáng 12/5, tại tỉnh Nam Định, hội nghị đã diễn ra.",
     {"cited.0.issuer": "Bộ Chính trị"}),
    ("Thực hiện Chỉ thị số 08 của Ủy ban nhân dân\nTỉnh Nam Định về việc tổ chức hội nghị.",
     {"cited.0.issuer": "Ủy ban nhân dân Tỉnh Nam Định"}),
    # "lãnh đạo <body>" after a cue or a request is the body's leadership (body_phrases strip_post row valued "named"),
    # the body asked, "lãnh đạo" no verb there (assignments.predicate); before a class it stays generic, and
    # capitalised at a sentence's start it is a caption's narration
    ("Chỉ thị nêu rõ, lãnh đạo HĐND thành phố chủ động giám sát việc chuyển đổi số.", {"bodies": ["HĐND thành phố"]}),
    ("Ban Thường vụ Tỉnh ủy yêu cầu lãnh đạo UBND các huyện tập trung chỉ đạo phòng, chống dịch.",
     {"bodies": ["UBND các huyện"]}),
    ("Ban Thường vụ Tỉnh ủy yêu cầu lãnh đạo các cơ quan, đơn vị tập trung chỉ đạo phòng, chống dịch.", {"bodies": []}),
    ("Lãnh đạo Đảng ủy phường Tân Lập khen thưởng các chi bộ hoàn thành xuất sắc nhiệm vụ năm 2025.", {"bodies": []}),
    # a line of a type and number alone (a portal's tag page) whose document the text below only cites is no page
    # title (prose._tag_heading): the number is cited; reported below ("Ban Bí thư ban hành ...") it stays the page's
    ("Chỉ thị số 52-CT/TW\n\nXây dựng thêm các đội phòng cháy\n\nNgày 1-9, Thành ủy Cần Thơ tổ chức Hội nghị sơ kết "
     "thực hiện Chỉ thị số 52-CT/TW của Ban Bí thư về phòng cháy.",
     {"number": None, "cited.0.number": "52-CT/TW", "cited.0.relation": "implements"}),
    ("Chỉ thị số 52-CT/TW\n\nNgày 1-9, Ban Bí thư ban hành Chỉ thị số 52-CT/TW về phòng cháy.",
     {"number": "52-CT/TW", "issuer": "Ban Bí thư"}),
    # a committee's organ alone before another organ named whole ("Ban Thường vụ và Ban Chấp hành Đảng bộ xã X") is that
    # committee's too (assignments._shared_organ_body); a party unit in lower case goes on with the name (body_lists
    # name_continuation "đảng bộ")
    ("Bí thư Huyện ủy yêu cầu Ban Thường vụ và Ban Chấp hành Đảng bộ xã Tân Lập tiếp tục rà soát văn kiện.",
     {"bodies": ["Ban Thường vụ Đảng bộ xã Tân Lập", "Ban Chấp hành Đảng bộ xã Tân Lập"]}),
    ("Bí thư Huyện ủy yêu cầu ban thường vụ và ban chấp hành đảng bộ xã Tân Lập tiếp tục rà soát văn kiện.",
     {"bodies": ["Ban Thường vụ đảng bộ xã Tân Lập", "Ban Chấp hành đảng bộ xã Tân Lập"]}),
    ("Tỉnh ủy yêu cầu Ban Thường vụ Huyện ủy và Ban Chấp hành Đảng bộ xã Tân Lập tiếp tục rà soát văn kiện.",
     {"bodies": ["Ban Thường vụ Huyện ủy", "Ban Chấp hành Đảng bộ xã Tân Lập"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected

