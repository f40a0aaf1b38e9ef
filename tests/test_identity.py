"""IRIs of every seed document and every document the seeds cite (docs/design.md, IRIs)."""
from __future__ import annotations

import hashlib

import pytest

from loaders import identity as ids
from loaders.context import DocContext
from loaders.paths import DOCUMENTS
from loaders.resolve import resolve_body

D = ids.ID + "doc/"
SHA_002 = hashlib.sha256((DOCUMENTS / "002_3065f9b87e21bb45.txt").read_bytes()).hexdigest()

# label, issuer as written, number, date, doc_type, cited text (None: a loaded file), expected IRI
DOCUMENTS_TABLE = [
    # the seeds
    ("2644-CV/TU", "Tỉnh ủy Ninh Bình", "2644-CV/TU", "2020-07-29", "Công văn", None,
     D + "tinh-uy-ninh-binh/2020/2644-cv-tu"),
    ("11-CV/HU", "Huyện ủy Nam Trực", "11-CV/HU", "2020-07-31", "Công văn", None,
     D + "huyen-uy-nam-truc/2020/11-cv-hu"),
    ("002 original, no number, no date", "Tỉnh ủy Bình Định", None, None, "Công văn", None,
     D + f"tinh-uy-binh-dinh/unnumbered/{SHA_002[:16]}"),
    ("43-BS/ĐUK, the copy", "Đảng ủy Khối các cơ quan tỉnh Bình Định", "43-BS/ĐUK", "2021-09-08",
     "Sao lục", None, D + "dang-uy-khoi-cac-co-quan-tinh-binh-dinh/2021/43-bs-duk"),
    ("159-CV/TU of Thành ủy", "Thành ủy Nam Định", "159-CV/TU", "2021-05-10", "Công văn", None,
     D + "thanh-uy-nam-dinh/2021/159-cv-tu"),
    ("963-CV/TU", "Tỉnh ủy Trà Vinh", "963-CV/TU", "2020-07-29", "Công văn", None,
     D + "tinh-uy-tra-vinh/2020/963-cv-tu"),
    # what the seeds cite
    ("10/ĐM", "Thường trực Ban Bí thư", "10/ĐM", "2020-07-28", "Công điện",
     "Công điện số 10/ĐM, ngày 28/7/2020 của Thường trực Ban Bí thư", D + "trung-uong/2020/10-dm"),
    ("35-CT/TW, no date", "Bộ Chính trị", "35-CT/TW", None, "Chỉ thị",
     "Chỉ thị số 35-CT/TW của Bộ Chính trị", D + "trung-uong/undated/35-ct-tw"),
    ("472/UBND-VP6", "UBND tỉnh Ninh Bình", "472/UBND-VP6", "2020-07-28", "Công văn",
     "Công văn số 472/UBND-VP6, ngày 28/7/2020 của UBND tỉnh",
     D + "uy-ban-nhan-dan-tinh-ninh-binh/2020/472-ubnd-vp6"),
    ("253/TB-VPCP", "Văn phòng Chính phủ", "253/TB-VPCP", "2020-07-27", "Thông báo",
     "Thông báo số 253/TB-VPCP, ngày 27/7/2020", D + "van-phong-chinh-phu/2020/253-tb-vpcp"),
    ("1100-CV/TU as cited by 11-CV/HU", "Ban Thường vụ Tỉnh ủy Nam Định", "1100-CV/TU", "2020-07-29",
     "Công văn", "văn bản chỉ đạo số 1100-CV/TU ngày 29/7/2020 của Ban Thường vụ Tỉnh ủy",
     D + "tinh-uy-nam-dinh/2020/1100-cv-tu"),
    ("1100-CV/TU as its own file would say", "Tỉnh ủy Nam Định", "1100-CV/TU", "2020-07-29",
     "Công văn", None, D + "tinh-uy-nam-dinh/2020/1100-cv-tu"),
    ("10-TB/VPTW", "Văn phòng Trung ương Đảng", "10-TB/VPTW", "2021-08-24", "Thông báo",
     "Thông báo số 10-TB/VPTW ngày 24/8/2021 của Văn phòng Trung ương Đảng",
     D + "van-phong-trung-uong-dang/2021/10-tb-vptw"),
    ("226/TB-VPCP", "Văn phòng Chính phủ", "226/TB-VPCP", "2021-08-30", "Thông báo",
     "Thông báo số 226/TB-VPCP ngày 30/8/2021 của Văn phòng Chính phủ",
     D + "van-phong-chinh-phu/2021/226-tb-vpcp"),
    ("Điện mật of 28/7/2020 by its own words (no number)", "Thường trực Ban Bí thư", None, "2020-07-28",
     "Công điện", "Điện mật ngày 28/7/2020 của Thường trực Ban Bí thư",
     D + "thuong-truc-ban-bi-thu/2020-07-28/cong-dien"),
    ("Lời kêu gọi (no number, no date)", "Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng", None, None,
     "Lời kêu gọi", "Lời kêu gọi của Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng",
     D + "tong-bi-thu-chu-tich-nuoc-nguyen-phu-trong/cited/loi-keu-goi-ff5a8d1cf3bd"),
    ("2644's implicit citation by its own words (subject)", "Thường trực Ban Bí thư", None, None,
     "Công điện", "tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới",
     D + "thuong-truc-ban-bi-thu/cited/cong-dien-fde5db996bd3"),
]


@pytest.mark.parametrize("label,issuer,number,date,doc_type,text,expected", DOCUMENTS_TABLE,
                         ids=[row[0] for row in DOCUMENTS_TABLE])
def test_document_iri(label, issuer, number, date, doc_type, text, expected):
    body = resolve_body(issuer, DocContext(issuer=issuer))
    ident = ids.DocIdentity(
        authority=body.authority or ids.numbering_authority(body.name), number=number, date=date,
        issuer=body.name, doc_type=doc_type, sha256=None if text else SHA_002, text=text)
    assert ids.document_iri(ident) == expected


@pytest.mark.parametrize("issuer,authority", [
    ("Ban Thường vụ Tỉnh ủy Nam Định", "Tỉnh ủy Nam Định"),
    ("Thường trực Tỉnh ủy Trà Vinh", "Tỉnh ủy Trà Vinh"),
    ("Bộ Chính trị", "Trung ương"),
    ("Ban Bí thư", "Trung ương"),
    ("Văn phòng Chính phủ", "Văn phòng Chính phủ"),
    ("Huyện ủy Nam Trực", "Huyện ủy Nam Trực"),
])
def test_numbering_authority(issuer, authority):
    assert ids.numbering_authority(issuer) == authority


@pytest.mark.parametrize("iri,expected", [
    (ids.citation_iri(D + "tinh-uy-ninh-binh/2020/2644-cv-tu", 1),
     D + "tinh-uy-ninh-binh/2020/2644-cv-tu/citation/1"),
    (ids.assignment_iri(D + "x/2020/1", 3), D + "x/2020/1/assignment/3"),
    (ids.signature_iri(D + "x/2020/1"), D + "x/2020/1/signature"),
    (ids.recipient_iri(D + "x/2020/1", 2), D + "x/2020/1/recipient/2"),
    (ids.distribution_iri(D + "x/2020/1", 5), D + "x/2020/1/distribution/5"),
    (ids.evidence_iri(D + "x/2020/1", "cited_documents[0]"), D + "x/2020/1/evidence/cited-documents-0"),
    (ids.evidence_iri(D + "x/2020/1", "copy.signer.name"), D + "x/2020/1/evidence/copy-signer-name"),
    (ids.evidence_iri(D + "x/2020/1", "number", "971c03e54ee92b8c" + "0" * 48),
     D + "x/2020/1/evidence/971c03e54ee92b8c/number"),
    (ids.body_iri("Ban Tuyên giáo Tỉnh ủy Ninh Bình"), ids.ID + "body/ban-tuyen-giao-tinh-uy-ninh-binh"),
    (ids.group_iri("Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy Ninh Bình"),
     ids.ID + "group/cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc-tinh-uy-ninh-binh"),
    (ids.person_iri("Trần Hồng Quảng", "Tỉnh ủy Ninh Bình"), ids.ID + "person/tran-hong-quang/tinh-uy-ninh-binh"),
    (ids.unit_iri(2020, "Nam Định", "Nam Trực"), ids.ID + "unit/2020/nam-dinh/nam-truc"),
    (ids.unit_iri(2025, "Ninh Bình"), ids.ID + "unit/2025/ninh-binh"),
    (ids.source_iri("ab" * 32), ids.ID + "source/" + "ab" * 32),
    (ids.file_graph_iri("seeds/000_971c03e54ee92b8c.txt"),
     ids.ID + "graph/file/seeds-000-971c03e54ee92b8c-txt"),
    (ids.numbered_doc_iri(None, None, "5/KH"), D + "unknown/undated/5-kh"),
])
def test_node_iris(iri, expected):
    assert iri == expected


@pytest.mark.parametrize("date,year", [("2020-07-29", "2020"), (None, None), ("2020-77-29x", None), ("29/7/2020", None)])
def test_year_of(date, year):
    assert ids.year_of(date) == year


def test_cited_hash_ignores_case_and_spacing():
    a = ids.cited_unnumbered_iri("Bộ Y tế", "Hướng dẫn", "Hướng dẫn  của Bộ Y tế")
    b = ids.cited_unnumbered_iri("Bộ Y tế", "Hướng dẫn", "hướng dẫn của Bộ Y tế")
    c = ids.cited_unnumbered_iri("Bộ Y tế", "Hướng dẫn", "hướng dẫn của Bộ Công an")
    assert a == b != c
