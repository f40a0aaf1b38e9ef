"""Causes found reading a fifteenth round of unseen press reports about Party and State documents (district and
provincial portals, Báo Pháp luật, VOV, Báo Quân đội, Báo Công an, Báo Lao Động, national dailies; session 16,
press15), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # "tổ chức cơ sở đảng" (and the press's "TCCS") is a class of party bodies an addressee list opens with,
    # as "tổ chức đảng" is; the named and mass classes after it stay their own items
    ("Huyện ủy Yên Thành yêu cầu các TCCS Đảng, cơ quan, ban ngành, Mặt trận và các đoàn thể chính trị - xã hội "
     "quán triệt đầy đủ nội dung Chỉ thị.",
     {"bodies": ["các tổ chức cơ sở Đảng", "cơ quan, ban ngành", "Mặt trận", "các đoàn thể chính trị - xã hội"]}),
    ("Huyện ủy yêu cầu các tổ chức cơ sở đảng, Mặt trận và các đoàn thể tổ chức học tập Nghị quyết.",
     {"bodies": ["các tổ chức cơ sở đảng", "Mặt trận", "các đoàn thể"]}),
    # "cấp ủy các chi bộ, đảng bộ cơ sở": the grassroots party committees, one party item
    ("Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ, đảng bộ cơ sở, Mặt trận và các đoàn thể huyện tổ chức "
     "tuyên truyền Kết luận.",
     {"bodies": ["cấp ủy các chi bộ, đảng bộ cơ sở", "Mặt trận", "các đoàn thể huyện"]}),
    # "các tổ chức Hội quần chúng": a class of mass organisations asked
    ("Huyện ủy đề nghị các tổ chức Hội quần chúng tiếp tục đổi mới nội dung hoạt động.",
     {"bodies": ["các tổ chức Hội quần chúng"]}),
    # a subject told with its aspect ("đã", "sẽ") reports what bodies did or will do: no task
    ("Các cấp ủy đã hoàn thành việc quán triệt Chỉ thị đúng thời gian.", {"bodies": []}),
    ("Đảng bộ xã sẽ tiếp tục nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng.", {"bodies": []}),
    # ... while a subject without it still leads its task
    ("Cấp ủy các cấp cần lãnh đạo chặt chẽ việc quán triệt Chỉ thị.", {"bodies": ["Cấp ủy các cấp"]}),
    ("Các sở, ngành tiếp tục triển khai kế hoạch của tỉnh.", {"bodies": ["Các sở, ngành"]}),
    # "sự phối hợp của X" is a noun, no partner: a later sentence does not lend its words to the task before
    ("Huyện ủy yêu cầu các cơ quan, ban ngành quán triệt Chỉ thị. Bên cạnh sự phối hợp của Mặt trận, Huyện ủy đề "
     "nghị các các hội khẩn trương đổi mới.",
     {"bodies": ["các cơ quan, ban ngành"], "assignments.0.cooperating": ()}),
    ("UBND huyện giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát thủ tục.",
     {"bodies": ["Phòng Nội vụ"], "assignments.0.cooperating": ("Phòng Tư pháp",)}),
    # "..., trong đó yêu cầu ...": the recipients end before what the document asks
    ("Ngày 6/4, Bộ Công an đã ra công điện gửi các đơn vị thuộc Bộ và giám đốc công an tỉnh, thành phố, trong đó "
     "yêu cầu tăng cường phòng ngừa tội phạm.",
     {"recipients": ("các đơn vị thuộc Bộ", "giám đốc công an tỉnh, thành phố")}),
    # a cited author ends before "phù hợp" (suits ...); "Ban Chấp hành Đảng bộ tỉnh" is the Tỉnh ủy (party18)
    ("UBND tỉnh yêu cầu các sở xây dựng kế hoạch thực hiện Chương trình hành động số 05-CTr/TU ngày 06/11/2021 của "
     "Ban Chấp hành Đảng bộ tỉnh phù hợp với điều kiện thực tế.",
     {"cited.0.number": "05-CTr/TU", "cited.0.issuer": "Tỉnh ủy"}),
    # "Chỉ thị 31 của Ban Thường vụ Tỉnh ủy" names 31-CT/TU "của Ban Thường vụ Tỉnh ủy Hà Nam" again: its author
    # only lacks its place
    ("Huyện ủy vừa ban hành Kế hoạch thực hiện Chỉ thị số 31-CT/TU ngày 13/3/2024 của Ban Thường vụ Tỉnh ủy Hà Nam "
     "về công tác dân vận. Huyện ủy yêu cầu các chi bộ quán triệt các nội dung của Chỉ thị 31 của Ban Thường vụ "
     "Tỉnh ủy.",
     {"cited.0.number": "31-CT/TU", "cited.1.number": None}),
    # ... never another author's document of that number
    ("Thực hiện Chỉ thị số 31-CT/TU của Ban Thường vụ Tỉnh ủy Hà Nam và Chỉ thị 31 của Thủ tướng Chính phủ, UBND "
     "huyện yêu cầu các xã tăng cường tuyên truyền.",
     {"cited.0.number": "31-CT/TU", "cited.1.number": "31"}),
    # Quân ủy Trung ương (and its standing committee) is a central Party body ("thay mặt Ban Thường vụ Quân ủy
    # Trung ương ... đã ký": it issues); a space typed for the Party number's dash in a press sentence
    ("Đại tướng Lê Văn Tám - Phó Bí thư Quân ủy Trung ương, Bộ trưởng Bộ Quốc phòng thay mặt Ban Thường vụ Quân ủy "
     "Trung ương đã ký Chỉ thị SỐ 215 CT/QUTW về tăng cường phòng, chống dịch.",
     {"issuer": "Quân ủy Trung ương", "number": "215-CT/QUTW", "signer": "Lê Văn Tám"}),
    ("Ngày 2/3, Ban Thường vụ Tỉnh ủy đã ký Chỉ thị số 26 CT/TU về việc tăng cường phòng, chống cháy rừng.",
     {"number": "26-CT/TU", "subject": "về việc tăng cường phòng, chống cháy rừng"}),
    # a military rank leads the name of who signed ("Thiếu tướng Lê Văn Tám, Giám đốc Công an tỉnh đã ký ...")
    ("Thiếu tướng Lê Văn Tám, Giám đốc Công an tỉnh đã ký Kế hoạch số 12/KH-CAT về bảo đảm an ninh.",
     {"signer": "Lê Văn Tám", "issuer": "Công an tỉnh"}),
    # "vừa ký điện gửi ...": the lower-case type word right after the verb that issues it (press_phrases
    # type_after_verb), never elsewhere ("có điện lưới", "sử dụng điện"); a person's lead after a purpose clause's
    # comma names the signer
    ("Để bảo đảm an toàn cho các đơn vị, Thượng tướng Lê Văn Tám, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng "
     "vừa ký điện gửi các cơ quan, đơn vị yêu cầu triển khai các biện pháp phòng chống bão.",
     {"doc_type": "Công điện", "issuer": "Bộ Quốc phòng", "signer": "Lê Văn Tám"}),
    ("Xã đã có điện lưới quốc gia và Công ty Điện lực tỉnh đề nghị các hộ sử dụng điện an toàn.",
     {"doc_type": None}),
    # a newspaper's sigil before a body whose name holds a comma: the body issues
    ("(TTCNTT) - Bộ Văn hóa, Thể thao và Du lịch (VHTTDL) vừa có Công điện số 1320/CĐ-BVHTTDL gửi Sở VHTTDL các "
     "tỉnh về việc chủ động ứng phó với mưa lớn.",
     {"issuer": "Bộ Văn hóa, Thể thao và Du lịch", "number": "1320/CĐ-BVHTTDL"}),
    # "Điện chỉ đạo số N": a Công điện and its number
    ("Ngày 1-4-2021, Giám đốc Công an tỉnh Nghệ An đã có Điện chỉ đạo số 215 yêu cầu các đơn vị tăng cường tuần tra.",
     {"doc_type": "Công điện", "number": "215"}),
    # "Thông cáo báo chí" is the type (a Thông cáo), in any case: its words are no subject
    ("Chiều 11-8, Ủy ban Kiểm tra Trung ương đã ban hành Thông cáo báo chí Kỳ họp thứ 20.",
     {"doc_type": "Thông cáo", "subject": None, "issuer": "Ủy ban Kiểm tra Trung ương"}),
    ("Ủy ban Kiểm tra Trung ương vừa ra thông cáo báo chí, thông tin từ ngày 20 đến ngày 22/6, tại Hà Nội.",
     {"doc_type": "Thông cáo", "subject": None}),
    # "Theo/Thực hiện chỉ đạo của X, Y <verb> ...": a background, then Y's task (body_phrases background_clause);
    # "Đồn Biên phòng" heads a body, "huy động", "vận hành" are predicates
    ("Theo chỉ đạo của Chủ tịch UBND huyện Kỳ Sơn, UBND các xã, thị trấn phối hợp với Công an huyện, Đồn Biên phòng "
     "Nậm Cắn huy động lực lượng sơ tán các hộ dân.",
     # (left21: the one district the page names places its bare "Công an huyện": prose.district_named, README resolution)
     {"bodies": ["UBND các xã, thị trấn"], "assignments.0.cooperating": ("Công an huyện Kỳ Sơn", "Đồn Biên phòng Nậm Cắn")}),
    ("Thực hiện chỉ đạo của Chủ tịch UBND tỉnh, Sở Y tế chủ trì kiểm tra các cơ sở kinh doanh.", {"bodies": ["Sở Y tế"]}),
    ("Thực hiện chỉ đạo của Thường trực Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu các chi bộ khẩn trương quán triệt.",
     {"bodies": ["các chi bộ"], "issuer": "Huyện ủy"}),
    # a photo's source line with a dot ("Ảnh: Bacninh.gov") is a caption; "bên cạnh việc ..." ends a partner list
    ("Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành tăng cường tuyên truyền.\n\nẢnh: Baoyenbai.vn\nSở Y tế phối hợp "
     "với các cơ quan báo chí trên địa bàn tỉnh bên cạnh việc tiếp tục tuyên truyền cần kịp thời cung cấp thông tin.",
     {"bodies": ["các sở, ban, ngành", "Sở Y tế"], "assignments.1.cooperating": ("các cơ quan báo chí trên địa bàn tỉnh",)}),
    # an organ written in lower case opening a list item ("...; ủy ban nhân dân các huyện") is that organ
    ("UBND tỉnh ban hành văn bản số 3120/UBND-NC chỉ đạo các sở, ban, ngành; ủy ban nhân dân các huyện, thị xã "
     "tuyên truyền sâu rộng cuộc thi.",
     {"bodies": ["các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã"]}),
    # "gửi X ứng phó ...": the verb ends the addressees (press_phrases clause_stop, body_phrases predicate)
    ("Ngày 18/10, Bộ Quốc phòng đã có công điện hỏa tốc gửi các đơn vị trong toàn quân ứng phó và kịp thời khắc phục "
     "hậu quả mưa lũ.",
     {"recipients": ("các đơn vị trong toàn quân",), "bodies": ["các đơn vị trong toàn quân"]}),
    # "UBND cấp huyện, cấp xã": a level alone after a body at another level is that organ at it
    ("Bộ Nông nghiệp và Môi trường vừa ban hành chỉ thị, đề nghị Sở Nông nghiệp và Môi trường, UBND cấp huyện, cấp xã "
     "tổ chức triển khai quyết liệt các giải pháp.",
     {"bodies": ["Sở Nông nghiệp và Môi trường", "UBND cấp huyện", "UBND cấp xã"]}),
    ("UBND tỉnh yêu cầu các cấp, các ngành tăng cường tuyên truyền.", {"bodies": []}),
    # "Đại học" heads a body (the post before it is stripped); "lập biên bản" is a predicate, no part of a name
    ("Bộ Giáo dục và Đào tạo yêu cầu Giám đốc Đại học Quốc gia Hà Nội, Hiệu trưởng Trường Đại học Vinh tổ chức "
     "thanh tra kỳ thi.",
     {"bodies": ["Đại học Quốc gia Hà Nội", "Trường Đại học Vinh"]}),
    ("Bộ Giáo dục và Đào tạo yêu cầu Giám đốc Sở Giáo dục và Đào tạo lập biên bản và báo cáo ngay khi phát hiện "
     "sai phạm.",
     {"bodies": ["Sở Giáo dục và Đào tạo"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
