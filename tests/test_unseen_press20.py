"""Causes found reading a twentieth set of unseen pages, read blind (national and provincial papers, their tag and
search pages, reporting the Prime Minister's telegrams, the Secretariat's directives and letters, ministries' and
provinces' letters; session 20, press20), one row a way a page writes the thing.

Every text is written for the test (names, numbers, places made up), modelled on what the pages wrote."""
from __future__ import annotations

import pytest

from conftest import record_field as _get
from loaders.extract import extract_text

FIELD_CASES = [
    # a crawler's stamp of the page's date glued before the first sentence is no part of its subject; its year is
    # the year of a yearless day of its month
    (" date 2025-11-03 Thủ tướng Chính phủ Lê Văn Tám vừa ký Công điện số 206/CĐ-TTg ngày 2/11 yêu cầu các bộ, "
     "ngành, địa phương tập trung khắc phục hậu quả mưa lũ.",
     {"issuer": "Thủ tướng Chính phủ", "signer": "Lê Văn Tám", "signer_role": "Thủ tướng", "date": "2025-11-02",
      "number": "206/CĐ-TTg"}),
    (" date 2026-01-02 Ngày 30/12, UBND tỉnh ban hành Công văn số 12/UBND-VX về phòng, chống rét.",
     {"issuer": "UBND tỉnh", "date": "2025-12-30"}),
    (" date 2024-04 (GLO)- Ngày 5/4, Văn phòng Chính phủ vừa có Công văn số 2410/VPCP-NN gửi Bộ Nông nghiệp.",
     {"issuer": "Văn phòng Chính phủ", "date": "2024-04-05", "number": "2410/VPCP-NN"}),
    # ... a stamp months after the day gives no year
    (" date 2025-11-03 Thủ tướng Chính phủ Lê Văn Tám vừa ký Công điện số 206/CĐ-TTg ngày 2/6 yêu cầu các bộ, "
     "ngành chủ động.", {"issuer": "Thủ tướng Chính phủ", "date": None}),
    # ... and a page opening "<stamp> Công văn gửi X; Y" still opens with the document and its addressees
    (" date 2026-02-24 Công văn gửi các tỉnh ủy, thành ủy; các ban đảng, đảng ủy trực thuộc Trung ương. Theo đó, Ban "
     "Bí thư yêu cầu các cấp ủy, chính quyền, cơ quan, đơn vị tập trung thực hiện tốt 6 nhiệm vụ trọng tâm.",
     {"doc_type": "Công văn", "issuer": "Ban Bí thư",
      "recipients": ("các tỉnh ủy, thành ủy", "các ban đảng, đảng ủy trực thuộc Trung ương")}),
    # "các cơ quan tham mưu, giúp việc <cấp ủy>": the committee's staff organs, one class ("giúp việc" no verb)
    ("Ban Thường vụ Tỉnh ủy yêu cầu các Ban cán sự đảng, Đảng đoàn; các cơ quan tham mưu, giúp việc Tỉnh ủy tiếp tục "
     "quán triệt, triển khai thực hiện.",
     {"bodies": ["các Ban cán sự đảng, Đảng đoàn", "các cơ quan tham mưu, giúp việc Tỉnh ủy"]}),
    ("Ban Thường vụ Huyện ủy giao các cơ quan tham mưu, giúp việc Huyện ủy và Ủy ban Kiểm tra Huyện ủy rà soát kỹ "
     "lưỡng.", {"bodies": ["các cơ quan tham mưu, giúp việc Huyện ủy", "Ủy ban Kiểm tra Huyện ủy"]}),
    # a page titled "<type> của <author> về việc ...", no number: the page is that document, its subject from "về"
    ("Chỉ thị của Chủ tịch Ủy ban nhân dân tỉnh về việc tiếp tục đổi mới công tác dân vận trong cơ quan hành chính "
     "nhà nước.",
     {"doc_type": "Chỉ thị", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh",
      "subject": "về việc tiếp tục đổi mới công tác dân vận trong cơ quan hành chính nhà nước"}),
    ("Kế hoạch của UBND huyện về tổ chức Tết Nguyên đán năm 2024\n\nCác phòng, ban triển khai thực hiện.",
     {"doc_type": "Kế hoạch", "issuer": "UBND huyện", "subject": "về tổ chức Tết Nguyên đán năm 2024"}),
    # ... an author that is no body gives no title
    ("Kế hoạch của chúng tôi về việc tổ chức Tết Nguyên đán năm 2024", {"subject": None}),
    # ... and a title of type and subject alone is read whole, as before
    ("Thông báo về việc hoãn tổ chức hội nghị cán bộ.", {"subject": "Thông báo về việc hoãn tổ chức hội nghị cán bộ."}),
    # "Đối với X, <task>" / "Đối với X: <task>": X is asked; a topic there names no body and asks no one
    ("Kết luận hội nghị, đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy yêu cầu các đơn vị bám sát nhiệm vụ. Đối với công tác "
     "thi đua, khen thưởng, đảm bảo công khai, minh bạch. Đối với các cơ quan báo chí của tỉnh, tăng cường thời lượng, "
     "chuyên trang, chuyên mục.", {"bodies": ["các đơn vị", "các cơ quan báo chí của tỉnh"]}),
    ("Ban Thường vụ Tỉnh ủy kết luận như sau. Đối với Ban cán sự đảng UBND tỉnh: chỉ đạo các sở, ngành rà soát quy "
     "hoạch.", {"bodies": ["Ban cán sự đảng UBND tỉnh"]}),
    ("Đối với UBND các huyện, thị xã, thành phố: chỉ đạo các xã rà soát.",
     {"bodies": ["UBND các huyện, thị xã, thành phố"]}),
    ("Đối với người dân, cần chủ động theo dõi thông tin.", {"bodies": []}),
    # a title line of no number, then "Tại <the same title>, <body> yêu cầu ...": the page reports that document, the
    # body speaking after it issued it
    ("Nghị quyết phiên họp Chính phủ thường kỳ tháng 5/2026\nTại Nghị quyết phiên họp Chính phủ thường kỳ tháng "
     "5/2026, Chính phủ yêu cầu các Bộ, cơ quan triển khai đồng bộ các giải pháp. Bộ Tài chính chủ trì, phối hợp với "
     "các Bộ điều hành ngân sách.",
     {"doc_type": "Nghị quyết", "issuer": "Chính phủ", "issuer_level": "central", "number": None}),
    # ... without the title line (or with another title) it stays a mention, as before
    ("Tại Nghị quyết phiên họp Chính phủ thường kỳ tháng 5/2026, Chính phủ yêu cầu các Bộ triển khai.",
     {"doc_type": None, "issuer": None}),
    ("Chính phủ họp phiên thường kỳ tháng 5\nTại Nghị quyết phiên họp Chính phủ thường kỳ tháng 5/2026, Chính phủ yêu "
     "cầu các Bộ triển khai.", {"doc_type": None, "issuer": None}),
    # "các đơn vị như X, Y": the class announces its examples, the named bodies are the addressees (and the asked)
    ("Ban An toàn giao thông thành phố đã gửi văn bản đến các đơn vị như Công an thành phố, Sở Giao thông vận tải và "
     "các Ban an toàn giao thông của quận, huyện triển khai công tác bảo đảm trật tự an toàn giao thông.",
     {"recipients": ("Công an thành phố", "Sở Giao thông vận tải", "các Ban an toàn giao thông của quận, huyện")}),
    ("UBND tỉnh yêu cầu các đơn vị như Sở Y tế, Sở Tài chính rà soát kinh phí.", {"bodies": ["Sở Y tế", "Sở Tài chính"]}),
    # the traffic safety board of a province or district is a body of its own
    ("Ban An toàn giao thông tỉnh vừa có văn bản yêu cầu Công an tỉnh, Sở Giao thông vận tải tăng cường tuần tra.",
     {"bodies": ["Công an tỉnh", "Sở Giao thông vận tải"]}),
    # "X cho biết, ..., đơn vị này vừa ban hành <document>": the body that tells the news issued it
    ("Sở Giao thông vận tải cho biết, ngày 9/7, đơn vị này vừa ban hành Công văn hướng dẫn phương tiện lưu thông.",
     {"doc_type": "Công văn", "issuer": "Sở Giao thông vận tải"}),
    ("Sở Y tế cho hay, cơ quan này đã có Công văn số 12/SYT gửi các bệnh viện về việc phòng, chống dịch.",
     {"issuer": "Sở Y tế", "number": "12/SYT", "recipients": ("các bệnh viện",)}),
    # ... a person telling it names no issuer
    ("Ông Lê Văn Tám cho biết, đơn vị này vừa ban hành Công văn hướng dẫn phương tiện lưu thông.",
     {"doc_type": "Công văn", "issuer": None}),
    # "mới đây" after the body is no part of its name; the Cục of the Ministry of Health that licenses hospitals,
    # written with or without its comma, is a central body; after "và", "thuộc ..." is a second parent of one item
    ("Cục Quản lý Khám chữa bệnh, Bộ Y tế mới đây có công văn gửi các bệnh viện trực thuộc Bộ Y tế và thuộc trường đại "
     "học; Sở Y tế các tỉnh, thành phố trực thuộc Trung ương về việc chấn chỉnh y đức.",
     {"doc_type": "Công văn", "issuer": "Cục Quản lý Khám, chữa bệnh", "issuer_level": "central",
      "recipients": ("các bệnh viện trực thuộc Bộ Y tế và thuộc trường đại học",
                     "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương")}),
    ("Bộ Y tế gần đây đã có công văn gửi Sở Y tế các tỉnh về việc phòng, chống dịch sởi.",
     {"issuer": "Bộ Y tế", "recipients": ("Sở Y tế các tỉnh",)}),
    ("Cục Quản lý khám, chữa bệnh vừa có văn bản yêu cầu Sở Y tế các tỉnh rà soát.",
     {"issuer": "Cục Quản lý Khám, chữa bệnh", "bodies": ["Sở Y tế các tỉnh trực thuộc Trung ương"]}),
    # "làm rõ" acts: "gửi X đề nghị làm rõ ..." asks X
    ("Ngày 16/3, Cục Quản lý Khám chữa bệnh đã có công văn khẩn gửi đến Sở Y tế thành phố Cần Thơ đề nghị làm rõ "
     "thông tin báo chí phản ánh.", {"urgency": "Khẩn", "bodies": ["Sở Y tế thành phố Cần Thơ"]}),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES, ids=[t[:50] for t, _ in FIELD_CASES])
def test_field(text, expected):
    record = extract_text(text)
    for path, want in expected.items():
        assert _get(record, path) == want, (path, _get(record, path))
