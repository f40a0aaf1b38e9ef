"""Reference data: admin units, central bodies, templates, issuer codes (rows and lookups)."""
import csv
from datetime import date, timedelta
import unicodedata

import pytest

from loaders import refdata
from loaders.paths import REFERENCE

OWN_CSVS = [
    "admin_units_2020.csv", "admin_units_2025.csv", "admin_units_2020_to_2025.csv",
    "central_bodies.csv", "local_body_templates.csv", "issuer_codes.csv", "body_history.csv",
]


@pytest.mark.parametrize("name", OWN_CSVS)
def test_csv_is_nfc_utf8_and_rectangular(name):
    text = (REFERENCE / name).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) > 1
    assert all(len(r) == len(rows[0]) for r in rows), name


def test_63_provinces_and_696_districts():
    units = refdata.admin_units()
    assert len(units.provinces) == 63
    assert 696 <= len(units.districts) <= 713
    assert len(refdata.provinces_2025()) == 34
    current = [d for d in units.districts if d.until is None]
    assert len(current) == 696
    assert len({d.code for d in current}) == len(current)


@pytest.mark.parametrize("name, province, until", [
    ("Huế", "Thừa Thiên Huế", "2024-12-31"),        # split into Thuận Hóa and Phú Xuân on 1/1/2025
    ("TP. Huế", "Thừa Thiên Huế", "2024-12-31"),
    ("Thuận Hóa", "Thừa Thiên Huế", None),
    ("Nam Trực", "Nam Định", None),
])
def test_districts_the_2025_reforms_removed_are_still_found(name, province, until):
    district = refdata.find_district(name)
    assert district is not None and (district.province, district.until) == (province, until)


def test_every_2020_province_maps_to_a_2025_province():
    names_2025 = {p.name for p in refdata.provinces_2025()}
    for p in refdata.admin_units().provinces:
        assert refdata.province_2025(p.name) in names_2025, p.name


@pytest.mark.parametrize("district,province,kind", [
    ("Nam Trực", "Nam Định", "huyện"),
    ("Nam Định", "Nam Định", "thành phố"),
    ("Quảng Trạch", "Quảng Bình", "huyện"),
    ("Ba Đình", "Hà Nội", "quận"),
    ("Hồng Lĩnh", "Hà Tĩnh", "thị xã"),
    ("Quận 1", "Hồ Chí Minh", "quận"),
])
def test_district_rows(district, province, kind):
    d = refdata.find_district(district, province)
    assert d is not None and d.kind == kind and d.province == province


def test_district_province():
    assert refdata.district_province("Nam Trực") == "Nam Định"
    assert refdata.district_province("huyện Nam Trực") == "Nam Định"
    assert refdata.district_province("Châu Thành") is None  # in several provinces
    assert refdata.district_province("Atlantis") is None


@pytest.mark.parametrize("old,new", [
    ("Nam Định", "Ninh Bình"), ("Hà Nam", "Ninh Bình"), ("Ninh Bình", "Ninh Bình"),
    ("Bình Định", "Gia Lai"), ("Trà Vinh", "Vĩnh Long"), ("Quảng Bình", "Quảng Trị"),
    ("Thừa Thiên Huế", "Huế"), ("Hà Nội", "Hà Nội"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
])
def test_province_2025(old, new):
    assert refdata.province_2025(old) == new


@pytest.mark.parametrize("spelling,name,kind", [
    ("Thừa Thiên Huế", "Thừa Thiên Huế", "tỉnh"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế", "tỉnh"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh", "thành phố"),
    ("TP.HCM", "Hồ Chí Minh", "thành phố"),
    ("Hồ Chí Minh", "Hồ Chí Minh", "thành phố"),
    ("Thành phố Hà Nội", "Hà Nội", "thành phố"),
    ("tỉnh Nam Định", "Nam Định", "tỉnh"),
    ("Hoà Bình", "Hòa Bình", "tỉnh"),
    ("Dak Lak", "Đắk Lắk", "tỉnh"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu", "tỉnh"),
])
def test_find_province_any_spelling(spelling, name, kind):
    p = refdata.find_province(spelling)
    assert p is not None and (p.name, p.kind) == (name, kind)


def test_find_province_unknown():
    assert refdata.find_province("Nam Trực") is None
    assert refdata.find_province("Gotham") is None


def test_locality_words_come_from_the_data():
    words = refdata.locality_words()
    assert words["tỉnh ủy"] == ("committee", "Tỉnh ủy")
    assert words["tp"] == ("unit", "thành phố")
    assert words["thị xã"] == ("unit", "thị xã")


@pytest.mark.parametrize("body", refdata.central_bodies(), ids=lambda b: b.name)
def test_central_body_row(body):
    assert refdata.find_central_body(body.example) == body
    assert body.level in {"central", "sector"} and body.channel in {"party", "state", "front", "armed"}
    names = {b.name for b in refdata.central_bodies()}
    assert body.parent is None or body.parent in names
    assert body.authority == "Trung ương" or body.authority in names


def test_central_aliases_do_not_collide():
    seen = {}
    for body in refdata.central_bodies():
        for alias in (body.name, *body.aliases):
            assert seen.setdefault(refdata.fold(alias), body.name) == body.name, alias


@pytest.mark.parametrize("code", refdata.issuer_codes(), ids=lambda c: c.code)
def test_issuer_code_row_is_found_from_its_example(code):
    assert refdata.find_issuer_code(code.example_number) == code


def test_bad_csv_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "central_bodies.csv").write_text("name,level\nX,\n", encoding="utf-8")
    monkeypatch.setattr(refdata, "REFERENCE", tmp_path)
    with pytest.raises(refdata.ReferenceDataError, match="central_bodies.csv"):
        refdata.read_csv("central_bodies.csv", ("name", "level", "channel"))
    with pytest.raises(refdata.ReferenceDataError, match="central_bodies.csv:2"):
        refdata.read_csv("central_bodies.csv", ("name", "level"))
    with pytest.raises(refdata.ReferenceDataError, match="not found"):
        refdata.read_csv("nothing.csv", ("name",))


_KNOWN_BODIES = {b.name for b in refdata.central_bodies()} | {t.template for t in refdata.body_templates()}


@pytest.mark.parametrize("period", refdata.body_history().values(), ids=lambda p: p.body)
def test_body_history_row(period):
    """Each row names a known body, its days are ISO and in order, its example day falls inside them, and a body
    that ended names known successors in place the day after its last (the old rows are kept, not deleted)."""
    assert period.body in _KNOWN_BODIES
    for day in (period.since, period.until, period.example_date):
        assert day is None or date.fromisoformat(day)
    assert period.since is None or period.until is None or period.since <= period.until
    assert period.covers(period.example_date)
    assert bool(period.until) == bool(period.successors)
    for successor in period.successors:
        assert successor in _KNOWN_BODIES
        next_day = (date.fromisoformat(period.until) + timedelta(days=1)).isoformat()
        assert refdata.body_history()[successor].covers(next_day)


@pytest.mark.parametrize("body,day,named", [
    ("Ban Tuyên giáo Trung ương", "2024-12-31", True),
    ("Ban Tuyên giáo Trung ương", "2025-09-11", False),
    ("Ban Tuyên giáo và Dân vận Trung ương", "2024-12-31", False),
    ("Ban Tuyên giáo và Dân vận Trung ương", "2025-09-11", True),
    ("Đảng ủy Ủy ban nhân dân {unit}", "2025-12-09", True),
])
def test_body_history_covers(body, day, named):
    assert refdata.body_history()[body].covers(day) is named
