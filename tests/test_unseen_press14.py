"""Causes found reading a fourteenth round of unseen press reports about Party and State documents (provincial and
national newspapers, Party portals, city portals; session 15, press14), one row a cause.

Sentences are our own, modelled on what real pages wrote (other names, numbers, places)."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a verb of duty ("ứng trực": be on call) ends the last body of a list ("Chủ tịch UBND xã, phường, thị trấn")
    ("Công văn số 512/UBND-VP yêu cầu: Chủ tịch UBND xã, phường, thị trấn ứng trực 24/24 giờ để theo dõi tình hình.",
     {"bodies": ["UBND xã, phường, thị trấn"]}),
    # "trong quá trình ..." after a class is a time, no part of its name
    ("Giao Ban Tổ chức Tỉnh ủy và các cơ quan liên quan trong quá trình chuẩn bị đề án chủ động rà soát quy định.",
     {"bodies": ["Ban Tổ chức Tỉnh ủy"]}),
    ("Yêu cầu các sở, ngành trong quá trình thẩm định hồ sơ phối hợp chặt chẽ với UBND các huyện.",
     {"bodies": ["các sở, ngành"]}),
    # the body a task's lead cooperates with ("Giao X chủ trì, phối hợp với Y chỉ đạo ...") is no organ speaking
    ("- Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ chỉ đạo Đảng ủy Bộ Tư pháp nghiên cứu sửa đổi "
     "luật, báo cáo Bộ Chính trị.",
     {"issuer": None, "bodies": ["Đảng ủy Quốc hội"], "assignments.0.cooperating": ("Đảng ủy Chính phủ",)}),
    # ... while an organ speaking in its own sentence still is
    ("Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc tỉnh triển khai thực hiện.",
     {"issuer": "Tỉnh ủy", "bodies": ["các huyện ủy"]}),
    # a cited document's year alone before its author ("Nghị quyết số 16 năm 2021 của Chính phủ"): the author is read
    ("Sở Tài chính đề nghị UBND các huyện thực hiện đúng quy định tại Nghị quyết số 25 năm 2022 của Chính phủ về "
     "chi phí cách ly.",
     {"cited.0.number": "25", "cited.0.issuer": "Chính phủ", "cited.0.date": None}),
    ("Thực hiện Chỉ thị số 08 năm 2020 của Ban Bí thư, Huyện ủy yêu cầu các chi bộ tổ chức quán triệt.",
     {"cited.0.issuer": "Ban Bí thư"}),
    # ... never a year that is no document's ("số 16 năm 2021." with no author)
    ("Sở Tài chính đề nghị UBND các huyện thực hiện Nghị quyết số 25 năm 2022.",
     {"cited.0.number": "25", "cited.0.issuer": None}),
    # "có văn bản chỉ đạo các đơn vị liên quan kiểm tra ...": the addressees after the directing word are no subject
    ("Chiều 5/1, ông Lê Văn Tám cho biết, UBND tỉnh đã có văn bản chỉ đạo các đơn vị liên quan kiểm tra, xác minh "
     "thông tin báo chí phản ánh.",
     {"subject": None}),
    ("Chủ tịch UBND huyện đã có văn bản chỉ đạo các xã, thị trấn rà soát hộ nghèo.", {"subject": None}),
    # ... while a lower-case topic after the type still is the subject
    ("UBND tỉnh vừa ban hành Kế hoạch các hoạt động kỷ niệm 50 năm giải phóng tỉnh.",
     {"subject": "các hoạt động kỷ niệm 50 năm giải phóng tỉnh"}),
    # the page tells what a document says: "... vừa được X chỉ đạo tại <document>", "... được nêu tại <document> như
    # sau:" (news, or its content told after it): that document is the page's own, with no subject of "là ..."
    ("Một trong những giải pháp cấp bách vừa được Chính phủ chỉ đạo tại Nghị quyết số 45/NQ-CP là ưu tiên bố trí "
     "ngân sách cho phòng, chống dịch.",
     {"doc_type": "Nghị quyết", "number": "45/NQ-CP", "issuer": "Chính phủ", "subject": None}),
    ("Theo đó, các nhiệm vụ rà soát quy định của Đảng được nêu tại Kết luận số 140-KL/TW như sau:\n- Giao Ban Tổ "
     "chức Trung ương chủ trì, phối hợp với các cơ quan liên quan rà soát Điều lệ Đảng.",
     {"doc_type": "Kết luận", "number": "140-KL/TW", "subject": None, "bodies": ["Ban Tổ chức Trung ương"]}),
    # ... never a document only cited by it ("các nhiệm vụ, giải pháp được nêu tại Thông báo số ..." with no news)
    ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm túc các nhiệm vụ, giải pháp được nêu tại Thông báo "
     "số 12-TB/VPTW ngày 24/8/2020 của Văn phòng Trung ương Đảng.",
     {"doc_type": None, "cited.0.number": "12-TB/VPTW"}),
    # "Tại <document>, X yêu cầu": X wrote it, unless the document's symbol names another body by its own code
    # ("văn bản số 4291/VPCP-NN": Văn phòng Chính phủ conveys what the Prime Minister said)
    ("Tại văn bản số 5120/VPCP-NN về phòng, chống dịch, Thủ tướng Chính phủ yêu cầu các tỉnh thay đổi cách chỉ đạo.",
     {"cited.0.issuer": "Văn phòng Chính phủ"}),
    ("Tại Công điện số 15/CĐ-TTg, Thủ tướng Chính phủ yêu cầu các bộ kiểm tra.", {"cited.0.issuer": "Thủ tướng Chính phủ"}),
    ("Tại Kết luận số 175-KL/TW, Bộ Chính trị giao Ban Tổ chức Trung ương chủ trì rà soát.",
     {"cited.0.issuer": "Bộ Chính trị"}),
    # "không được" (may not) inside a subject is no passive that ends it
    ("Ngày 2/11, UBND thành phố ban hành Quyết định số 3120/QĐ-UBND công bố danh mục ao, hồ không được san lấp trên "
     "địa bàn thành phố.",
     {"subject": "công bố danh mục ao, hồ không được san lấp trên địa bàn thành phố"}),
    ("Ngày 2/11, UBND tỉnh ban hành Kế hoạch số 310/KH-UBND rà soát các dự án chưa được phê duyệt chủ trương đầu tư.",
     {"subject": "rà soát các dự án chưa được phê duyệt chủ trương đầu tư"}),
    # ... while "được" after a subject still ends it
    ("Chỉ thị về tăng cường phòng cháy, chữa cháy rừng được ký ban hành ngày 2/3/2021.",
     {"subject": "về tăng cường phòng cháy, chữa cháy rừng"}),
    # the name first, then the role and its body ("Ông X, Phó Bí thư Thường trực Tỉnh ủy Y vừa ký công văn"): the
    # body issues, as when the role comes first
    ("Ông Lê Văn Tám, Phó Bí thư Thường trực Tỉnh ủy Quảng Bình vừa ký công văn gửi các đảng đoàn về chấn chỉnh "
     "việc sử dụng xe công.",
     {"issuer": "Tỉnh ủy Quảng Bình", "signer": "Lê Văn Tám"}),
    ("Đồng chí Lê Văn Tám, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy Nam Trực đã ký Chỉ thị về phòng, chống bão.",
     {"issuer": "Huyện ủy Nam Trực"}),
    ("Bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh Nam Định đã ký Công văn số 513/UBND-VX về phòng, chống bão.",
     {"issuer": "UBND tỉnh Nam Định"}),
    # ... a role that is its own body's ("Thủ tướng Chính phủ") issues for that body
    ("Ông Lê Văn Tám, Thủ tướng Chính phủ đã ký Công điện về phòng, chống bão.", {"issuer": "Thủ tướng Chính phủ"}),
    # "X chỉ đạo: <bodies> <task>": the speaker announces what it directs; the bodies after the colon are asked
    ("Ngày 28/9/2025, Văn phòng Trung ương Đảng ban hành Công văn số 17950-CV/VPTW về ứng phó với bão.\n\nThường "
     "trực Ban Bí thư chỉ đạo: Các cấp ủy, tổ chức đảng tại các tỉnh ven biển khẩn trương chủ động ứng phó với bão.",
     {"bodies": ["Các cấp ủy, tổ chức đảng tại các tỉnh ven biển"]}),
    ("Ngày 2/3/2025, Văn phòng UBND tỉnh ban hành Công văn số 17/VPUB-VX về phòng dịch.\n\nThường trực UBND tỉnh "
     "chỉ đạo: Các sở, ngành khẩn trương kiểm tra các cơ sở y tế.",
     {"bodies": ["Các sở, ngành"]}),
    ("Ngày 2/3/2025, UBND tỉnh ban hành Công văn số 17/UBND-VX về phòng dịch.\n\nChủ tịch UBND tỉnh chỉ đạo: Sở Y "
     "tế chủ trì, phối hợp với UBND các huyện kiểm tra các cơ sở.",
     {"bodies": ["Sở Y tế"], "assignments.0.cooperating": ("UBND các huyện",)}),
    # "có công văn chỉ đạo đến X yêu cầu ...": X are the letter's recipients and are asked, as after "gửi"
    ("Phó Chủ tịch UBND tỉnh Lê Văn Tám vừa có công văn chỉ đạo đến Sở Y tế và UBND các huyện, thị xã yêu cầu khẩn "
     "trương triển khai thực hiện Công điện số 15/CĐ-TTg ngày 2/2/2024 của Thủ tướng Chính phủ.",
     {"recipients": ("Sở Y tế", "UBND các huyện, thị xã"), "bodies": ["Sở Y tế", "UBND các huyện, thị xã"]}),
    # ... "một số sở, ngành" (some of a class): the class is asked, as "các sở, ngành"
    ("Phó Chủ tịch UBND tỉnh Lê Văn Tám vừa có công văn gửi một số sở, ngành và UBND các huyện yêu cầu khẩn trương "
     "rà soát, báo cáo.",
     {"bodies": ["các sở, ngành", "UBND các huyện"]}),
    # "các bộ Công an, Quốc phòng, ..." (a class word that heads its members' names, then their names): one body
    # per name, as after a colon ("các Bộ: Công an, Quốc phòng")
    ("Thủ tướng giao các bộ Công an, Quốc phòng, Xây dựng phối hợp với UBND tỉnh Lai Châu khắc phục hậu quả.",
     {"bodies": ["Bộ Công an", "Bộ Quốc phòng", "Bộ Xây dựng"]}),
    ("UBND tỉnh yêu cầu các sở Y tế, Tài chính, Nội vụ khẩn trương rà soát kinh phí.",
     {"bodies": ["Sở Y tế", "Sở Tài chính", "Sở Nội vụ"]}),
    # ... never one named body alone after the plural ("các sở Y tế" of several provinces)
    ("Bộ Y tế yêu cầu các sở Y tế tăng cường giám sát dịch.", {"bodies": ["các sở Y tế"]}),
    # ... the members end where another class starts ("... Xây dựng và các tỉnh ven biển")
    ("Thủ tướng yêu cầu các bộ Công an, Xây dựng và các tỉnh ven biển khẩn trương khắc phục hậu quả bão.",
     {"bodies": ["Bộ Công an", "Bộ Xây dựng", "các tỉnh ven biển"]}),
    # a day without its year before a cited document's author ("Công điện số 181 ngày 30-9 của Thủ tướng Chính phủ")
    ("Theo Công điện số 175 ngày 28-9 của Thủ tướng Chính phủ về khắc phục hậu quả mưa lũ, UBND tỉnh yêu cầu các huyện "
     "khẩn trương rà soát.",
     {"cited.0.number": "175", "cited.0.issuer": "Thủ tướng Chính phủ", "cited.0.date": None}),
    # a post before a colon list ("Chủ tịch UBND các tỉnh: Cao Bằng, Lào Cai"): each item's body is asked
    ("Thủ tướng yêu cầu Chủ tịch UBND các tỉnh: Cao Bằng, Tuyên Quang, Lào Cai trực tiếp chỉ đạo tìm kiếm cứu nạn.",
     {"bodies": ["UBND tỉnh Cao Bằng", "UBND tỉnh Tuyên Quang", "UBND tỉnh Lào Cai"]}),
    # a minister named by the ministry's own words ("Bộ trưởng Quốc phòng", "Bộ trưởng Nông nghiệp và Môi trường"):
    # the ministry (press_phrases role_issuer "Bộ {}"), when it is a known central body
    ("Thủ tướng giao Bộ trưởng Quốc phòng, Bộ trưởng Công an chỉ đạo lực lượng tìm kiếm cứu nạn.",
     {"bodies": ["Bộ Quốc phòng", "Bộ Công an"]}),
    ("Thủ tướng giao Bộ trưởng Nông nghiệp và Môi trường chủ trì theo dõi diễn biến mưa lũ.",
     {"bodies": ["Bộ Nông nghiệp và Môi trường"]}),
    # a partner list cut before a predicate-like word ("... và lãnh đạo các cơ quan ...") keeps no trailing "và"
    ("Thủ tướng yêu cầu Chủ tịch UBND tỉnh Lai Châu phối hợp với UBND tỉnh Nghệ An và lãnh đạo các cơ quan có liên "
     "quan tập trung tìm kiếm cứu nạn.",
     {"bodies": ["UBND tỉnh Lai Châu"], "assignments.0.cooperating": ("UBND tỉnh Nghệ An",)}),
    # "<document> nêu rõ(:) X <task>": what the document says, its task read from X on
    ("Thủ tướng vừa ký Công điện số 98/CĐ-TTg về khắc phục sạt lở.\n\nCông điện nêu rõ Bộ Quốc phòng điều phối, huy "
     "động lực lượng hỗ trợ địa phương.",
     {"bodies": ["Bộ Quốc phòng"]}),
    ("Tỉnh ủy vừa ban hành Chỉ thị số 12-CT/TU.\n\nChỉ thị chỉ rõ: Ban Tuyên giáo Tỉnh ủy chủ trì hướng dẫn tuyên "
     "truyền.",
     {"bodies": ["Ban Tuyên giáo Tỉnh ủy"]}),
    # "...; Giao X chủ trì, phối hợp với Y ...": a capitalised request after ";" is a task of its own
    ("UBND tỉnh yêu cầu các huyện rà soát hộ nghèo; Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hướng dẫn.",
     {"bodies": ["các huyện", "Sở Nội vụ"], "assignments.1.cooperating": ("Sở Tài chính",)}),
    # ... and one given to the issuer itself hides no class asked before it, nor lends it its partners (an office
    # conveying Thường trực Ban Bí thư's direction is given its own task: test_unseen_party18)
    ("Ngày 28/9/2025, Văn phòng Trung ương Đảng ban hành Công văn số 17960-CV/VPTW về ứng phó với bão.\n\nThường "
     "trực Ban Bí thư chỉ đạo: Các cấp ủy, tổ chức đảng tại các tỉnh ven biển khẩn trương ứng phó với bão; Giao Văn "
     "phòng Trung ương Đảng chủ trì, phối hợp với các cơ quan liên quan theo dõi, tổng hợp tình hình.",
     {"bodies": ["Các cấp ủy, tổ chức đảng tại các tỉnh ven biển", "Văn phòng Trung ương Đảng"],
      "assignments.0.cooperating": ()}),
    # "gửi X; Bộ trưởng các Bộ: A, B và Chánh Văn phòng Y": the post asks each ministry of its list (no bare
    # "Bộ trưởng"), a stop word inside an item ("Giao thông vận tải") ends no list, a post of a named body after
    # "và" is an addressee of its own
    ("Thủ tướng vừa ký Công điện số 88/CĐ-TTg về sạt lở đất.\n\nCông điện gửi Chủ tịch UBND tỉnh Lào Cai; Bộ trưởng "
     "các Bộ: Quốc phòng, Giao thông vận tải, Y tế và Chánh Văn phòng Ban Chỉ đạo phòng thủ dân sự quốc gia.",
     {"recipients": ("Chủ tịch UBND tỉnh Lào Cai", "Bộ Quốc phòng", "Bộ Giao thông vận tải", "Bộ Y tế",
                     "Chánh Văn phòng Ban Chỉ đạo phòng thủ dân sự quốc gia")}),
    ("Thủ tướng yêu cầu Bộ trưởng các Bộ: Công an, Giao thông vận tải khẩn trương khắc phục hậu quả.",
     {"bodies": ["Bộ Công an", "Bộ Giao thông vận tải"]}),
    # recipients "gửi các bộ Công an, Quốc phòng, ..." read by the same rule as the tasks' bodies
    # (body_lists.class_then_names): one ministry per name, up to another class
    ("Tối 3/6, Thủ tướng có công điện gửi các bộ Công an, Quốc phòng, Xây dựng và các tỉnh ven biển yêu cầu tập trung "
     "khắc phục hậu quả.",
     {"recipients": ("Bộ Công an", "Bộ Quốc phòng", "Bộ Xây dựng", "các tỉnh ven biển")}),
    ("UBND tỉnh có văn bản gửi các sở Y tế, Tài chính yêu cầu rà soát kinh phí.",
     {"recipients": ("Sở Y tế", "Sở Tài chính")}),
    # ... only when the first name is a member's known name ("các ban Đảng, Ban cán sự đảng": "các ban Đảng" is a class)
    ("Ngày 3/2, Ban Bí thư ký Công văn số 81 gửi các tỉnh ủy, thành ủy, các ban Đảng, Ban cán sự đảng Chính phủ về "
     "việc phòng, chống dịch.",
     {"recipients": ("các tỉnh ủy, thành ủy", "các ban Đảng", "Ban cán sự đảng Chính phủ")}),
    # ... and an organ of places ("UBND các tỉnh Lai Châu, Nghệ An"): one body per place, as "UBND các tỉnh: ..."
    ("Thủ tướng yêu cầu UBND các tỉnh Sơn La, Điện Biên tập trung khắc phục hậu quả.",
     {"bodies": ["UBND tỉnh Sơn La", "UBND tỉnh Điện Biên"]}),
    ("Thủ tướng có công điện gửi Chủ tịch UBND các tỉnh Sơn La, Điện Biên yêu cầu tập trung khắc phục hậu quả.",
     {"recipients": ("Chủ tịch UBND tỉnh Sơn La", "Chủ tịch UBND tỉnh Điện Biên")}),
    ("UBND tỉnh yêu cầu UBND các huyện Mường Tè, Phong Thổ và các sở, ngành tập trung khắc phục.",
     {"bodies": ["UBND huyện Mường Tè", "UBND huyện Phong Thổ", "các sở, ngành"]}),
    # a post written with no body: "(các) Bộ trưởng" heads the ministries (body_phrases post_alone); a post with
    # no such row ("Bí thư" alone) names no body
    ("Thủ tướng yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang bộ; Bí thư, Chủ tịch UBND các tỉnh khẩn trương "
     "rà soát.",
     {"bodies": ["các Bộ", "cơ quan ngang bộ", "UBND các tỉnh trực thuộc Trung ương"]}),   # the Thủ tướng's (press21)
    ("Thủ tướng giao Bộ trưởng, Thủ trưởng cơ quan thuộc Chính phủ chỉ đạo rà soát thủ tục.",
     {"bodies": ["các Bộ", "cơ quan thuộc Chính phủ"]}),
    # a page's "#tag" line is no sentence and is glued to none: the task under it keeps its lead
    ("#bảo đảm kinh phí phòng dịch\nSở Y tế chủ trì, rà soát nhu cầu kinh phí mua vật tư, gửi Sở Tài chính tổng hợp, "
     "trình UBND tỉnh quyết định.\n\nMột trong những giải pháp cấp bách vừa được UBND tỉnh chỉ đạo tại Kế hoạch số "
     "45/KH-UBND là bảo đảm kinh phí phòng dịch.",
     {"bodies": ["Sở Y tế"]}),
]


@pytest.mark.parametrize("text,expected", FIELD_CASES, ids=[str(i) for i in range(len(FIELD_CASES))])
def test_fields_of_a_press_report(text, expected):
    record = extract_text(text)
    assert {k: _get(record, k) for k in expected} == expected
