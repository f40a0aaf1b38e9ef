"""The document's date chooses which administrative units a place name means: thành phố Huế was a
district of Thừa Thiên Huế until 2024-12-31 (admin_units_2020 district_until) and is a centrally-run
city since (admin_units_2025). The same name in a 2024 and a 2026 document resolves to each."""
import pytest

from loaders import refdata
from loaders.bodies import resolve_body
from loaders.context import DocContext
from loaders.extract import extract_text

HEADER = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 18/CT-UBND
Huế, ngày 29 tháng 12 năm {year}

CHỈ THỊ
Về tăng cường kỷ cương, kỷ luật hành chính

Ủy ban nhân dân thành phố yêu cầu các cơ quan, đơn vị thực hiện nghiêm Chỉ thị này.

CHỦ TỊCH
Nguyễn Văn A
"""

# name as written, document date, level, province
RESOLVED = [
    ("Ủy ban nhân dân thành phố Huế", "2024-06-01", "district", "Thừa Thiên Huế"),
    ("Ủy ban nhân dân thành phố Huế", "2026-01-15", "province", "Huế"),
    ("UBND TP. Huế", "2024-12-31", "district", "Thừa Thiên Huế"),   # its last day
    ("UBND TP. Huế", "2025-01-01", "province", "Huế"),
    ("Thành ủy Huế", "2026-01-15", "province", "Huế"),
    ("Ủy ban nhân dân thành phố Nam Định", "2026-01-15", "district", "Nam Định"),  # no successor of its name
]


@pytest.mark.parametrize("name, day, level, province", RESOLVED)
def test_a_place_resolves_to_the_unit_in_place_on_the_documents_date(name, day, level, province):
    body = resolve_body(name, DocContext(date=day))
    assert (body.level, body.province) == (level, province)


def test_a_body_without_a_date_keeps_the_2020_unit():
    assert resolve_body("Ủy ban nhân dân thành phố Huế", DocContext()).level == "district"


@pytest.mark.parametrize("year, level", [("2024", "district"), ("2026", "province")])
def test_an_issuers_level_follows_the_documents_date(year, level):
    record = extract_text(HEADER.format(year=year))
    assert (record.issuer, record.date, record.issuer_level) == (
        "Ủy ban nhân dân thành phố Huế", f"{year}-12-29", level)


def test_a_removed_district_becomes_the_2025_province_of_its_name_only_after_its_last_day():
    huế = refdata.find_district("Huế", "Thừa Thiên Huế")
    assert refdata.unit_on(huế, huế.until) is huế
    assert refdata.unit_on(huế, "2025-01-01") == refdata.find_province_2025("Huế")


# two document dates, and whether unit_on treats them alike (the same removal days lie before both);
# resolve_body caches by that day: RESOLVED above asks for "UBND TP. Huế" on 2024-12-31, then on 2025-01-01
PERIODS = [
    ("2020-07-28", "2024-12-31", True),
    ("2025-01-01", "2026-01-15", True),
    ("2024-12-31", "2025-01-01", False),
    (None, "2020-07-28", True),
    ("", None, True),
]


@pytest.mark.parametrize("a, b, alike", PERIODS)
def test_dates_choosing_the_same_units_share_one_day(a, b, alike):
    assert (refdata.same_units_day(a) == refdata.same_units_day(b)) == alike
    for district in (d for d in refdata.admin_units().districts if d.until):
        for day in (a, b):
            assert refdata.unit_on(district, refdata.same_units_day(day)) == refdata.unit_on(district, day)

