"""Resolution faults first seen at 1,000 synthetic documents (bench/generate.py, seed 7).

d000646_hu, a document of Thành ủy Thủ Đức (a city inside Thành phố Hồ Chí Minh), carries out "ý kiến
chỉ đạo của Ban Thường vụ Thành ủy về <its own subject>". Read as its own Ban Thường vụ, the citation's
only candidate by issuer and subject was the citing document itself: a self-citation, one SHACL violation.
"""
from __future__ import annotations

import hashlib

import pytest

from loaders.identity import ID
from loaders.records import CitedDocument, DocumentRecord
from loaders.resolve import LoadedDocument, resolve

D = ID + "doc/"
SUBJECT = "V/v tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới"


def _doc(path: str, **fields) -> LoadedDocument:
    record = DocumentRecord(source=path, **fields)
    return LoadedDocument(record, path, hashlib.sha256(path.encode()).hexdigest(), "test")


def _thu_duc(cited_issuer: str, **cite) -> LoadedDocument:
    about = SUBJECT.replace("V/v", "về")  # as citations.py reads it: "về <subject>"
    citation = CitedDocument(text=f"ý kiến chỉ đạo của {cited_issuer} {about}", issuer=cited_issuer,
                             relation="implements", explicit=False, subject=about, **cite)
    return _doc("d000646_hu.txt", doc_type="Công văn", number="466-CV/TU", date="2020-03-07",
                issuer="Thành ủy Thủ Đức", acting_body="Ban Thường vụ Thành ủy Thủ Đức", issuer_level="district",
                channel="party", province="Hồ Chí Minh", district="Thủ Đức", subject=SUBJECT,
                cited_documents=(citation,))


HCM = _doc("p00100_tu.txt", doc_type="Công văn", number="292-CV/TU", date="2020-03-05", issuer="Thành ủy Hồ Chí Minh",
           acting_body="Ban Thường vụ Thành ủy Hồ Chí Minh", issuer_level="province", channel="party",
           province="Hồ Chí Minh", subject=SUBJECT)

# cited issuer as extracted, other documents of the build, expected (method, target)
CASES = [
    # the cited issuer read as the document's own organ: never itself, so unresolved
    ("Ban Thường vụ Thành ủy Thủ Đức", (), ("unresolved", None)),
    ("Ban Thường vụ Thành ủy Thủ Đức", (HCM,), ("unresolved", None)),
    # read as the city above (loaders.bodies.complete_name(..., cited=True)): the Hồ Chí Minh document
    ("Ban Thường vụ Thành ủy Hồ Chí Minh", (HCM,), ("issuer-subject", "thanh-uy-ho-chi-minh/2020/292-cv-tu")),
    ("Ban Thường vụ Thành ủy Hồ Chí Minh", (), ("unresolved", None)),
]


@pytest.mark.parametrize("cited_issuer,others,expected", CASES)
def test_a_citation_never_targets_its_citing_document(cited_issuer, others, expected):
    docs = [*others, _thu_duc(cited_issuer)]
    res = resolve(docs)
    own = res.documents[-1]
    c = own.citations[0]
    assert c.target != own.iri and c.citing == own.iri
    method, target = expected
    assert c.method == method
    assert c.target == (D + target if target else c.own_target)


def test_issuer_date_type_skips_the_citing_document():
    """"Công văn ngày 7/3/2020 của Thành ủy" read as its own issuer, on its own date: not itself."""
    doc = _thu_duc("Thành ủy Thủ Đức", doc_type="Công văn", date="2020-03-07")
    other = _doc("other.txt", doc_type="Công văn", number="470-CV/TU", date="2020-03-07", issuer="Thành ủy Thủ Đức",
                 issuer_level="district", channel="party", province="Hồ Chí Minh", district="Thủ Đức")
    alone = resolve([doc]).documents[0]
    assert alone.citations[0].method == "unresolved" and alone.citations[0].target != alone.iri
    both = resolve([other, doc]).documents[1]  # the one other candidate on that date is found
    assert (both.citations[0].method, both.citations[0].target) == (
        "issuer-date-type", D + "thanh-uy-thu-duc/2020/470-cv-tu")


def test_cited_issuer_nodes_of_a_city_in_a_city():
    """The two readings are two bodies, each with its own locality and numbering series."""
    res = resolve([HCM, _thu_duc("Ban Thường vụ Thành ủy Hồ Chí Minh")])
    bodies = {b.name: b for b in res.bodies.values()}
    above, own = bodies["Ban Thường vụ Thành ủy Hồ Chí Minh"], bodies["Ban Thường vụ Thành ủy Thủ Đức"]
    assert (above.province, above.district, above.authority) == ("Hồ Chí Minh", None, "Thành ủy Hồ Chí Minh")
    assert (own.province, own.district, own.authority) == ("Hồ Chí Minh", "Thủ Đức", "Thành ủy Thủ Đức")
