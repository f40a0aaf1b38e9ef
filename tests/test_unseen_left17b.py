"""Causes about the tasks (assignments) left open by the rounds of unseen Party, State and press pages
(texts-*-6 ... -15, rows marked LEFT), fixed in session 17 (left17b), one group of rows a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # an organ named by its unit and place, then lower-case words not of a name: the sentence's verb is among them
    # (a report told), not the predicate found later ("tổ chức", "tiếp tục", "thực hiện")
    ("Theo đó, UBND tỉnh thống nhất ngày tổ chức lấy ý kiến cử tri là ngày Chủ nhật.", {"bodies": []}),
    ("Về việc này, UBND phường đã kiểm tra và trả lời như sau:\nUBND phường chân thành cảm ơn ý kiến của quý Ông/Bà "
     "và mong tiếp tục nhận được phản ánh.", {"bodies": []}),
    ("Các Đảng bộ: Sở Tư pháp và Văn phòng UBND tỉnh chọn thực hiện thí điểm bầu trực tiếp bí thư.",
     {"bodies": []}),
    ("Theo đó, Sở Nông nghiệp và Môi trường TP.HCM cử 206 viên chức thuộc Văn phòng Đăng ký đất đai tỉnh Bình Dương "
     "tiếp nhận hồ sơ.", {"bodies": []}),
    # ... while a predicate, a scope or a time phrase after the organ keeps the task
    ("Chủ tịch UBND tỉnh yêu cầu: UBND huyện Yên Lạc khẩn trương rà soát các hồ đập.",
     {"bodies": ["UBND huyện Yên Lạc"]}),
    ("UBND tỉnh yêu cầu: Công an tỉnh trong thời gian tới tăng cường tuần tra.", {"bodies": ["Công an tỉnh"]}),
    ("UBND tỉnh yêu cầu: Sở Y tế tỉnh theo chức năng, nhiệm vụ kiểm tra các cơ sở.", {"bodies": ["Sở Y tế tỉnh"]}),
    # a paper presenting a document ("trân trọng giới thiệu") tells no task (body_phrases clause_word)
    ("Chương trình hành động của Ban Chấp hành Đảng bộ thực hiện Nghị quyết Đại hội lần thứ I\n\nBáo Quảng Nam trân "
     "trọng giới thiệu Chương trình hành động của Ban Chấp hành Đảng bộ thực hiện Nghị quyết Đại hội lần thứ I.",
     {"bodies": []}),
    # the sapo's request retold in the body after a lead-in clause is one task, its first evidence
    ("Ban Bí thư yêu cầu cấp ủy, chính quyền các cấp tập trung chỉ đạo tổ chức tốt Tết.\n\nChỉ thị nêu để Nhân dân "
     "vui Xuân, Ban Bí thư yêu cầu cấp ủy, chính quyền các cấp tập trung chỉ đạo tổ chức tốt Tết.",
     {"bodies": ["cấp ủy", "chính quyền các cấp"], "assignments.0.text": "Ban Bí thư yêu cầu cấp ủy, chính quyền các "
      "cấp tập trung chỉ đạo tổ chức tốt Tết."}),
    # ... while two requests to the same bodies stay two
    ("Ban Bí thư yêu cầu cấp ủy các cấp tập trung chỉ đạo tổ chức tốt Tết.\n\nBan Bí thư yêu cầu cấp ủy các cấp "
     "kiểm tra việc tặng quà.",
     {"bodies": ["cấp ủy các cấp", "cấp ủy các cấp"]}),
    # "Đó là chỉ đạo của X đối với Y [tại <doc>]": the press names whom the direction told before asks (press_phrases
    # direction_lead, toward: the words prose reads for the document), up to a clause's stop word
    ("Xử lý nghiêm các trường hợp ra đường không cần thiết\n\nĐó là chỉ đạo của UBND tỉnh đối với các sở, ngành, "
     "UBND các huyện, thị xã tại Công văn số 512/UBND-KT ngày 3/7 về phòng dịch.",
     {"bodies": ["các sở, ngành", "UBND các huyện, thị xã"]}),
    ("“Khẩn trương rà soát các cơ sở cách ly”. Đây là yêu cầu của Chủ tịch UBND tỉnh đối với Sở Y tế nhằm "
     "phòng dịch.",
     {"bodies": ["Sở Y tế"]}),
    # ... and names no one when what follows "đối với" is no body
    ("Đó là chỉ đạo của UBND tỉnh đối với công tác phòng, chống dịch trong thời gian tới.", {"bodies": []}),
    # a post before the class "cơ sở giáo dục" heads that class (body_phrases unit_class), as before "các trường"
    ("Bộ Giáo dục và Đào tạo yêu cầu Thủ trưởng cơ sở giáo dục đại học rà soát hồ sơ tuyển sinh.",
     {"bodies": ["cơ sở giáo dục đại học"]}),
    # "các đồng chí" before a post or an organ in a list: the organ the comrades hold is asked; a person is not
    ("Ủy ban Kiểm tra Trung ương yêu cầu Ban Thường vụ Tỉnh ủy và các đồng chí Thường trực Tỉnh ủy Cà Mau kiểm điểm "
     "nghiêm túc.",
     {"bodies": ["Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy Cà Mau"]}),
    ("Ủy ban Kiểm tra Trung ương yêu cầu Ban Thường vụ Tỉnh ủy và đồng chí Lê Văn Tám kiểm điểm nghiêm túc.",
     {"bodies": ["Ban Thường vụ Tỉnh ủy"]}),
    # "các chi, đảng bộ": one word "bộ" written once for the chi bộ and the đảng bộ (body_phrases elliptic_class)
    ("Ban Thường vụ Huyện ủy yêu cầu các chi, đảng bộ trực thuộc tổ chức quán triệt văn kiện đại hội.",
     {"bodies": ["các chi bộ, đảng bộ trực thuộc"]}),
    ("Các chi, đảng bộ cơ sở phải hoàn thành đại hội trước ngày 15-3.", {"bodies": ["Các chi bộ, đảng bộ cơ sở"]}),
    ("Các chi phí tổ chức đại hội phải được quyết toán đúng hạn.", {"bodies": []}),
    # "phân công nhiệm vụ cho X ... <predicate>" asks X as "giao nhiệm vụ cho" does (body_phrases assign_verb); a
    # village head ("Trưởng thôn") heads the class of villages (unit_class "thôn")
    ("UBND xã Yên Hòa phân công nhiệm vụ cho các thành viên Ban Chỉ đạo và Trưởng thôn theo dõi việc niêm yết.",
     {"bodies": ["Ban Chỉ đạo", "thôn"]}),
    # a commune's organ abbreviated ("UBND xã X") in a document of "Ủy ban nhân dân xã X" is the issuer itself (one
    # template, one place): its own duty told is no task; another commune's organ is
    ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA\n\nTHÔNG BÁO\nLịch tiếp công dân\n\nChủ tịch UBND xã Tân Hòa trực tiếp tiếp công dân "
     "vào thứ 5 hàng tuần.",
     {"issuer": "Ủy ban nhân dân xã Tân Hòa", "bodies": []}),
    ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA\n\nTHÔNG BÁO\nLịch tiếp công dân\n\nChủ tịch UBND xã Tân Phú trực tiếp tiếp công dân "
     "vào thứ 5 hàng tuần.",
     {"issuer": "Ủy ban nhân dân xã Tân Hòa", "bodies": ["UBND xã Tân Phú"]}),
    # a lower-case post before an organ written in lower case after "và" is dropped as a capitalised one is; a bare
    # kind with its "trực thuộc ..." tail continues the class of the organ's places
    ("Bộ Công an có công điện yêu cầu các đơn vị thuộc Bộ và giám đốc công an tỉnh, thành phố trực thuộc trung ương "
     "tăng cường tuần tra.",
     {"bodies": ["các đơn vị thuộc Bộ", "Công an tỉnh, thành phố trực thuộc trung ương"]}),
    ("Bộ Công an có công điện yêu cầu Giám đốc Công an tỉnh, thành phố trực thuộc Trung ương tăng cường tuần tra.",
     {"bodies": ["Công an tỉnh, thành phố trực thuộc Trung ương"]}),
    # "ký thừa ủy quyền" (signing on another's authority) is what a request asks ("ký" alone ends names)
    ("Văn phòng Chính phủ có công văn đề nghị Bộ trưởng Bộ Tài chính ký thừa ủy quyền Thủ tướng văn bản gửi các "
     "địa phương.",
     {"bodies": ["Bộ Tài chính"]}),
    # "các Thủ trưởng cơ quan, đơn vị": the plural before a post over a class in lower case is "Thủ trưởng các cơ
    # quan, đơn vị"; before a board's name ("các thành viên Ban Chỉ đạo") it stays with the post
    ("Ủy ban nhân dân xã yêu cầu các Thủ trưởng cơ quan, đơn vị thực hiện tốt nội dung Thông báo này.",
     {"bodies": ["các cơ quan, đơn vị"]}),
    ("Các Thủ trưởng cơ quan, đơn vị phải bố trí lãnh đạo trực 24/24 giờ.", {"bodies": ["Các cơ quan, đơn vị"]}),
    ("UBND tỉnh yêu cầu: Sở Y tế TP.HCM khẩn trương kiểm tra các cơ sở.", {"bodies": ["Sở Y tế TP.HCM"]}),
    ("Đảng ủy xã yêu cầu: HĐND, UBND, Ủy ban Mặt trận Tổ quốc Việt nam xã chuẩn bị các điều kiện tiến hành bầu cử.",
     {"bodies": ["HĐND", "UBND", "Ủy ban Mặt trận Tổ quốc Việt nam xã"]}),
    ("Thành ủy yêu cầu: UBND Thành phố chỉ đạo UBND các phường, xã chủ động xây dựng phương án.",
     {"bodies": ["UBND Thành phố"]}),
    # "một số sở, ngành" (grammar_words plural and some_word): some of a class is asked as the class is, the body
    # written "các sở, ngành" wherever the bodies are named (after "giao" as after "gửi")
    ("UBND tỉnh giao một số sở, ngành rà soát, báo cáo kết quả.", {"bodies": ["các sở, ngành"]}),
    ("UBND tỉnh có công văn gửi một số sở, ngành và UBND các huyện yêu cầu khẩn trương rà soát.",
     {"bodies": ["các sở, ngành", "UBND các huyện"]}),
    # "A kiêm B": one body holding both names (body_lists name_continuation "kiêm")
    ("UBND huyện yêu cầu Ban Chỉ huy PCTT và TKCN kiêm Ban Chỉ huy PTDS huyện, Công an huyện triển khai phương án ứng phó bão.",
     {"bodies": ["Ban Chỉ huy PCTT và TKCN kiêm Ban Chỉ huy PTDS huyện", "Công an huyện"]}),
    # "/" before a body's head separates two bodies as ";" does; before a lower-case kind it stays in the name
    ("UBND tỉnh yêu cầu UBND các huyện, thành phố/UBND cấp xã theo dõi chặt chẽ diễn biến thời tiết.",
     {"bodies": ["UBND các huyện, thành phố", "UBND cấp xã"]}),
    ("UBND tỉnh yêu cầu Sở Công Thương / Sở Tài chính theo dõi giá cả thị trường.",
     {"bodies": ["Sở Công Thương", "Sở Tài chính"]}),
    ("UBND tỉnh yêu cầu UBND quận/huyện theo dõi chặt chẽ diễn biến thời tiết.", {"bodies": ["UBND quận/huyện"]}),
    # "các Tiểu ban: A, B": each item is a "Tiểu ban", not a "Ban" (body_lists list_head "Tiểu ban")
    ("Tỉnh ủy yêu cầu các Tiểu ban: Nhân sự, Văn kiện chủ động xây dựng kế hoạch.",
     {"bodies": ["Tiểu ban Nhân sự", "Tiểu ban Văn kiện"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_tasks_of_a_page_left_open(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
