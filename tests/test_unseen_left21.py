"""Causes left after session 20 on the pages of sessions 18-20 (left21): one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # one convention for meeting reports (README: one record per document; unknown is null): what an organ asks at
    # a meeting the page reports ("X tổ chức hội nghị ...") is no document, the page has no issuer ...
    ("Ngày 27/8, Huyện ủy Tân Phú tổ chức hội nghị quán triệt các văn bản về đại hội đảng bộ các cấp. Huyện ủy Tân "
     "Phú chỉ đạo đại hội chi bộ hoàn thành trong quý IV.", {"issuer": None, "issuer_level": None}),
    ("Ngày 17/10, Thành ủy Hải An tổ chức hội nghị cán bộ thông báo nhanh kết quả Hội nghị Trung ương 4. Thường trực "
     "Thành ủy Hải An đề nghị các cấp ủy xây dựng kế hoạch thực hiện.", {"issuer": None}),
    # ... while a directive reported without a meeting keeps its issuer (shared party_023) ...
    ("Ngày 27/3, Thường trực Thành ủy Hải An đã chỉ đạo tạm hoãn đại hội đảng bộ cơ sở. Thường trực Thành ủy yêu cầu "
     "các quận ủy, huyện ủy triển khai thực hiện nghiêm túc.", {"issuer": "Thành ủy Hải An"}),
    # ... and a meeting that issues a document names it ("tổ chức hội nghị ra Nghị quyết")
    ("Ngày 9/1, Đảng ủy Quân sự tỉnh tổ chức hội nghị ra Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2022.",
     {"issuer": "Đảng ủy Quân sự tỉnh"}),
    # an organ over a class whose members share one head noun ("Ban Chỉ huy ... các Bộ Quốc phòng, Công an"): one
    # addressee, the members' names known without their head (body_lists.organ_over_members) ...
    ("Chiều 10-6, Văn phòng Ban Chỉ đạo Trung ương đã có Công điện khẩn số 02 gửi Ban Chỉ huy phòng chống thiên tai các "
     "tỉnh miền Trung; Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, Y tế, Nông nghiệp và Môi trường.",
     {"recipients": ("Ban Chỉ huy phòng chống thiên tai các tỉnh miền Trung",
                     "Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, Y tế, Nông nghiệp và Môi trường")}),
    ("Ban Chỉ đạo tỉnh đề nghị Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an chủ động triển khai lực lượng.",
     {"bodies": ["Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an"]}),
    # ... up to an item that is no member's name ("UBND các tỉnh ven biển": another addressee) ...
    ("Công điện gửi Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an, UBND các tỉnh ven biển.",
     {"recipients": ("Ban Chỉ huy phòng chống thiên tai các Bộ Quốc phòng, Công an", "UBND các tỉnh ven biển")}),
    # ... while the class alone heads each member ("các Bộ Quốc phòng, Công an" = "các Bộ: Quốc phòng, Công an")
    ("Thủ tướng Chính phủ yêu cầu các Bộ Quốc phòng, Công an, Y tế khẩn trương triển khai phương án ứng phó.",
     {"bodies": ["Bộ Quốc phòng", "Bộ Công an", "Bộ Y tế"]}),
    # one body whose name holds a comma (central_bodies "Vụ Kế hoạch - Tài chính", aliases with "," and dashes)
    ("Công văn gửi Vụ Kế hoạch, Tài chính; Cục Quản lý Khám, chữa bệnh.",
     {"recipients": ("Vụ Kế hoạch, Tài chính", "Cục Quản lý Khám, chữa bệnh")}),
    ("Bộ Y tế yêu cầu Vụ Kế hoạch, Tài chính chủ trì, phối hợp với Cục Quản lý Khám, chữa bệnh rà soát kinh phí.",
     {"bodies": ["Vụ Kế hoạch - Tài chính"], "assignments.0.cooperating": ("Cục Quản lý Khám, chữa bệnh",)}),
    ("Bộ Y tế đề nghị Vụ Kế hoạch – Tài chính, Cục Quản lý Dược khẩn trương rà soát.",
     {"bodies": ["Vụ Kế hoạch - Tài chính", "Cục Quản lý Dược"]}),
    # a citation by a post and its holder: the post (and its body) is the issuer, the person no part of it ...
    ("Văn phòng Chính phủ vừa có văn bản truyền đạt ý kiến chỉ đạo của Thủ tướng Nguyễn Văn An về việc xử lý hậu quả "
     "sự cố cháy tại công ty Ánh Dương.", {"cited.0.issuer": "Thủ tướng Chính phủ"}),
    ("Theo Công điện số 15/CĐ-TTg của Thủ tướng Chính phủ Phạm Văn An, Bộ Y tế yêu cầu các sở y tế khẩn trương thực "
     "hiện.", {"cited.0.issuer": "Thủ tướng Chính phủ"}),
    ("Thực hiện ý kiến chỉ đạo của Tổng Bí thư Tô Lâm về tinh gọn bộ máy, Ban Tổ chức Tỉnh ủy đề nghị các cơ quan "
     "triển khai.", {"cited.0.issuer": "Tổng Bí thư"}),
    ("Thực hiện Công văn số 125/UBND-KT ngày 3/5/2024 của Chủ tịch UBND tỉnh Nguyễn Văn An về phòng chống hạn hán, Sở "
     "Nông nghiệp đề nghị các huyện triển khai.", {"cited.0.issuer": "Chủ tịch UBND tỉnh"}),
    ("Thực hiện Quyết định số 20/QĐ-BYT của Bộ trưởng Bộ Y tế Nguyễn Thị Lan về phòng dịch, Sở Y tế yêu cầu các bệnh "
     "viện triển khai.", {"cited.0.issuer": "Bộ trưởng Bộ Y tế"}),
    ("Thực hiện Công văn số 20/SYT-NV của Giám đốc Sở Y tế Nguyễn Thị Lan về phòng dịch, Trung tâm Y tế yêu cầu các "
     "trạm triển khai.", {"cited.0.issuer": "Giám đốc Sở Y tế"}),
    # ... a place's name after the post is no person ...
    ("Thực hiện Thông báo số 20-TB/TU của Chủ tịch UBND thành phố Hải Phòng, Sở Y tế yêu cầu các bệnh viện triển khai.",
     {"cited.0.issuer": "Chủ tịch UBND thành phố Hải Phòng"}),
    # ... a known name ending in capitalised words is no post and holder
    ("Thực hiện Kế hoạch số 12/KH-MTTW của Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về vận động, Ủy ban MTTQ tỉnh đề "
     "nghị các tầng lớp nhân dân ủng hộ.", {"cited.0.issuer": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"}),
    # ... and a person's own appeal keeps its author (shared party_010: citation_patterns personal_type)
    ("Thực hiện Lời kêu gọi của Tổng Bí thư Lê Văn Tám, Ủy ban MTTQ tỉnh đề nghị các tầng lớp nhân dân ủng hộ.",
     {"cited.0.issuer": "Tổng Bí thư Lê Văn Tám"}),
    # a title line of a type and no number over the document's outline ("I. Căn cứ pháp lý") is the page's own
    # document: the type, the title's words after it as the subject (header_press.outline_title) ...
    ("ĐỀ CƯƠNG TUYÊN TRUYỀN KỶ NIỆM 50 NĂM NGÀY GIẢI PHÓNG THỊ XÃ AN HÒA\n\nĐăng ngày 17 - 05 - 2024\nLượt xem: 400\n\n"
     "I. Căn cứ pháp lý\n\nCăn cứ Kế hoạch số 12-KH/TU ngày 2/3/2024 của Ban Thường vụ Tỉnh ủy về tổ chức các ngày lễ.",
     {"doc_type": "Đề cương", "subject": "TUYÊN TRUYỀN KỶ NIỆM 50 NĂM NGÀY GIẢI PHÓNG THỊ XÃ AN HÒA"}),
    ("Kế hoạch tuyên truyền chuyển đổi số năm 2024\nI- MỤC ĐÍCH, YÊU CẦU:\n1- Nâng cao nhận thức của cán bộ, đảng viên "
     "về chuyển đổi số.", {"doc_type": "Kế hoạch", "subject": "tuyên truyền chuyển đổi số năm 2024"}),
    # ... a headline over news is none
    ("Kế hoạch phòng chống bão được triển khai khẩn trương\n\nNgày 3/9, các xã ven biển đã hoàn thành việc sơ tán dân. "
     "Ông Lê Văn Tám cho biết lực lượng đã sẵn sàng.", {"doc_type": None, "subject": None}),
    # a portal's hard wrap inside a sentence (a lower-case word after the line break) does not end the subject; the
    # person heading the body set up ("do đồng chí ...") is no part of it
    ("Thành lập Tổ công tác liên ngành\n27/08/2025 11:00\nNgày 26/8/2025,\nUBND tỉnh ban hành Quyết định số 2733/QĐ-UBND "
     "về việc thành lập Tổ công tác\nliên ngành để hướng dẫn, hỗ trợ giải quyết khó khăn, vướng mắc và theo dõi sát\ntiến "
     "độ triển khai chính quyền địa phương 02 cấp do đồng chí Phó Giám đốc Sở\nNội vụ làm Tổ trưởng.",
     {"subject": "về việc thành lập Tổ công tác liên ngành để hướng dẫn, hỗ trợ giải quyết khó khăn, vướng mắc và theo "
                 "dõi sát tiến độ triển khai chính quyền địa phương 02 cấp", "number": "2733/QĐ-UBND"}),
    # ... a capitalised line after the break still ends it
    ("UBND tỉnh ban hành Quyết định số 2733/QĐ-UBND về việc thành lập Tổ công tác liên ngành\nTheo đó, Tổ công tác gồm "
     "15 thành viên.", {"subject": "về việc thành lập Tổ công tác liên ngành"}),
    # (blind pages) a verb inside a bracketed aside is no predicate of the bodies around it
    ("Sở Y tế yêu cầu UBND các xã, phường (chỉ đạo các trạm y tế thuộc phạm vi quản lý), các bệnh viện trực thuộc Sở Y tế "
     "thực hiện thông tin cảnh báo tới người dân.",
     {"bodies": ["UBND các xã, phường", "các bệnh viện trực thuộc Sở Y tế"]}),
    # "mở đợt" a predicate (body_phrases)
    ("Bộ Y tế có công điện gửi giám đốc các sở y tế về phòng, chống sốt xuất huyết. Các sở y tế mở đợt cao điểm diệt "
     "lăng quăng trên địa bàn.", {"bodies": ["Các sở y tế"]}),
    # "các ngành (có) liên quan" cooperating: kept as written, as "các đơn vị liên quan" (body_phrases partner_class)
    ("UBND tỉnh yêu cầu Sở Công Thương phối hợp với UBND cấp huyện và các ngành có liên quan kiểm tra việc bình ổn giá.",
     {"assignments.0.cooperating": ("UBND cấp huyện", "các ngành có liên quan")}),
    # a page of no issuer naming one district (by its committee or kind): its bare cited "Tỉnh ủy", "Quận ủy" are that
    # district's and its province's (prose.district_named) ...
    ("Ngày 30-9, Huyện ủy Bố Trạch tổ chức hội nghị quán triệt Chỉ thị số 34-CT/TU của Ban Thường vụ Tỉnh ủy về đại "
     "hội đảng bộ các cấp.", {"issuer": None, "cited.0.issuer": "Ban Thường vụ Tỉnh ủy Quảng Bình"}),
    ("Ngày 13-10, Quận ủy Sơn Trà tổ chức hội nghị quán triệt Chương trình 01-CTr/QU của Quận ủy về chính quyền đô thị.",
     {"cited.0.issuer": "Quận ủy Sơn Trà"}),
    # ... none when it names two
    ("Ngày 30-9, Huyện ủy Bố Trạch và Huyện ủy Quảng Ninh tổ chức hội nghị quán triệt Chỉ thị số 34-CT/TU của Ban Thường "
     "vụ Tỉnh ủy về đại hội.", {"cited.0.issuer": "Ban Thường vụ Tỉnh ủy"}),
    # the page's direction named at its end ("Đó là chỉ đạo của X đối với Y": press_phrases attribution)
    ("Tập trung bình ổn giá dịp Tết\n\n“Sở Công Thương phối hợp với các ngành có liên quan kiểm tra thị trường; không để "
     "xảy ra tình trạng găm hàng”. Đó là chỉ đạo của UBND tỉnh đối với Sở Công Thương nhằm bình ổn giá.",
     {"issuer": "UBND tỉnh", "issuer_level": "province"}),
    ("Đây là yêu cầu của Ban Thường vụ Tỉnh ủy Hòa Bình đối với các huyện ủy, thành ủy trong công tác phòng chống thiên "
     "tai.", {"issuer": "Tỉnh ủy Hòa Bình"}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_page(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
