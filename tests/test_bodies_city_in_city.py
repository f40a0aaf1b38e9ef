"""A city inside a city (Thành phố Thủ Đức in Thành phố Hồ Chí Minh): both Party committees are "Thành ủy",
so a bare "Thành ủy" or "thành phố" fits the document's own unit and the one above. Own organs name the
document's unit; the issuer of a cited document names the unit above. Neighbours without the ambiguity
(a provincial city in a tỉnh, a quận or thị xã of a centrally-governed city, the city itself) keep one reading."""
import csv

import pytest

from loaders.bodies import complete_name, numbering_authority, resolve_body
from loaders.context import DocContext
from loaders.paths import REFERENCE

THU_DUC, THUY_NGUYEN = "Hồ Chí Minh/Thủ Đức", "Hải Phòng/Thủy Nguyên"
NAM_DINH_CITY, QUAN_1, HCM, SON_TAY, NAM_TRUC = (
    "Nam Định/Nam Định", "Hồ Chí Minh/Quận 1", "Hồ Chí Minh", "Hà Nội/Sơn Tây", "Nam Định/Nam Trực")


def ctx(spec: str) -> DocContext:
    province, _, district = spec.partition("/")
    return DocContext(province=province, district=district or None)


# name as written, document's locality, as an own organ, as a cited issuer
COMPLETE = [
    # the case of the 1,000-document build (d000646_hu: "ý kiến chỉ đạo của Ban Thường vụ Thành ủy")
    ("Ban Thường vụ Thành ủy", THU_DUC, "Ban Thường vụ Thành ủy Thủ Đức", "Ban Thường vụ Thành ủy Hồ Chí Minh"),
    ("Ban Tuyên giáo Thành ủy", THU_DUC, "Ban Tuyên giáo Thành ủy Thủ Đức", "Ban Tuyên giáo Thành ủy Hồ Chí Minh"),
    ("Thành ủy", THU_DUC, "Thành ủy Thủ Đức", "Thành ủy Hồ Chí Minh"),
    ("UBND thành phố", THU_DUC, "UBND thành phố Thủ Đức", "UBND thành phố Hồ Chí Minh"),
    ("Công an thành phố", THU_DUC, "Công an thành phố Thủ Đức", "Công an thành phố Hồ Chí Minh"),
    ("Ban Thường vụ Thành ủy", THUY_NGUYEN, "Ban Thường vụ Thành ủy Thủy Nguyên", "Ban Thường vụ Thành ủy Hải Phòng"),
    ("UBND thành phố", THUY_NGUYEN, "UBND thành phố Thủy Nguyên", "UBND thành phố Hải Phòng"),
    # explicit names and bare templates are not ambiguous
    ("Ban Thường vụ Thành ủy Hồ Chí Minh", THU_DUC, "Ban Thường vụ Thành ủy Hồ Chí Minh",
     "Ban Thường vụ Thành ủy Hồ Chí Minh"),
    ("Mặt trận Tổ quốc", THU_DUC, "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Thủ Đức",
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Thủ Đức"),
    # neighbours: district-level Thành ủy inside a tỉnh (the words differ: Thành ủy / Tỉnh ủy)
    ("Ban Thường vụ Thành ủy", NAM_DINH_CITY, "Ban Thường vụ Thành ủy Nam Định", "Ban Thường vụ Thành ủy Nam Định"),
    ("Ban Thường vụ Tỉnh ủy", NAM_DINH_CITY, "Ban Thường vụ Tỉnh ủy Nam Định", "Ban Thường vụ Tỉnh ủy Nam Định"),
    ("UBND thành phố", NAM_DINH_CITY, "UBND thành phố Nam Định", "UBND thành phố Nam Định"),
    ("UBND tỉnh", NAM_DINH_CITY, "UBND tỉnh Nam Định", "UBND tỉnh Nam Định"),
    # neighbours: the Thành ủy of a centrally-governed city, from its own documents and its districts'
    ("Ban Thường vụ Thành ủy", HCM, "Ban Thường vụ Thành ủy Hồ Chí Minh", "Ban Thường vụ Thành ủy Hồ Chí Minh"),
    ("Ban Thường vụ Thành ủy", QUAN_1, "Ban Thường vụ Thành ủy Hồ Chí Minh", "Ban Thường vụ Thành ủy Hồ Chí Minh"),
    ("Ban Thường vụ Quận ủy", QUAN_1, "Ban Thường vụ Quận ủy Quận 1", "Ban Thường vụ Quận ủy Quận 1"),
    ("Ban Thường vụ Thành ủy", SON_TAY, "Ban Thường vụ Thành ủy Hà Nội", "Ban Thường vụ Thành ủy Hà Nội"),
    ("Ban Thường vụ Thị ủy", SON_TAY, "Ban Thường vụ Thị ủy Sơn Tây", "Ban Thường vụ Thị ủy Sơn Tây"),
    ("Ban Thường vụ Tỉnh ủy", NAM_TRUC, "Ban Thường vụ Tỉnh ủy Nam Định", "Ban Thường vụ Tỉnh ủy Nam Định"),
    ("UBND huyện", NAM_TRUC, "UBND huyện Nam Trực", "UBND huyện Nam Trực"),
]


@pytest.mark.parametrize("name,context,own,cited", COMPLETE)
def test_complete_name_own_and_cited(name, context, own, cited):
    assert complete_name(name, ctx(context)) == own
    assert complete_name(name, ctx(context), cited=True) == cited


def test_context_from_the_header_names_alone():
    """The header may give only the issuer and the superior line, no locality fields."""
    c = DocContext(issuer="Thành ủy Thủ Đức", parent_committee="Thành ủy Hồ Chí Minh")
    assert complete_name("Ban Tuyên giáo Thành ủy", c) == "Ban Tuyên giáo Thành ủy Thủ Đức"
    assert complete_name("Ban Thường vụ Thành ủy", c, cited=True) == "Ban Thường vụ Thành ủy Hồ Chí Minh"


# completed name -> canonical body, its locality and its numbering series
RESOLVED = [
    ("Ban Thường vụ Thành ủy Hồ Chí Minh", "Hồ Chí Minh", None, "Thành ủy Hồ Chí Minh"),
    ("Ban Thường vụ Thành ủy Thủ Đức", "Hồ Chí Minh", "Thủ Đức", "Thành ủy Thủ Đức"),
    ("Ban Tuyên giáo Thành ủy Thủ Đức", "Hồ Chí Minh", "Thủ Đức", "Ban Tuyên giáo Thành ủy Thủ Đức"),
    ("Ban Thường vụ Thành ủy Hải Phòng", "Hải Phòng", None, "Thành ủy Hải Phòng"),
    ("Ban Thường vụ Thành ủy Nam Định", "Nam Định", "Nam Định", "Thành ủy Nam Định"),
    ("Ban Thường vụ Tỉnh ủy Nam Định", "Nam Định", None, "Tỉnh ủy Nam Định"),
]


@pytest.mark.parametrize("name,province,district,authority", RESOLVED)
def test_resolve_completed_names(name, province, district, authority):
    for context in (None, ctx(THU_DUC), ctx(NAM_DINH_CITY)):  # a complete name does not depend on the document
        body = resolve_body(name, context)
        assert (body.name, body.province, body.district, body.authority) == (name, province, district, authority)
        assert numbering_authority(name, context) == authority


def test_the_documents_own_series_stays_its_own():
    """The issuer's own number: its acting organ numbers in its own committee's series."""
    assert numbering_authority("Ban Thường vụ Thành ủy", ctx(THU_DUC)) == "Thành ủy Thủ Đức"
    assert numbering_authority("Ban Thường vụ Thành ủy", ctx(QUAN_1)) == "Thành ủy Hồ Chí Minh"


def _cities_in_cities() -> list[tuple[str, str]]:
    """Districts whose committee word is their province's: a data fact of the admin units."""
    with open(REFERENCE / "admin_units_2020.csv", encoding="utf-8", newline="") as f:
        return [(r["province"], r["district"]) for r in csv.DictReader(f)
                if r["district"] and r["district_committee"] == r["province_committee"]]


def test_the_admin_units_list_the_cities_in_cities():
    assert ("Hồ Chí Minh", "Thủ Đức") in _cities_in_cities()


@pytest.mark.parametrize("province,district", _cities_in_cities())
def test_every_city_in_a_city_reads_both_ways(province, district):
    c = DocContext(province=province, district=district)
    own, above = complete_name("Ban Thường vụ Thành ủy", c), complete_name("Ban Thường vụ Thành ủy", c, cited=True)
    assert own == f"Ban Thường vụ Thành ủy {district}"
    assert above == f"Ban Thường vụ Thành ủy {province}"
