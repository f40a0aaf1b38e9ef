#!/usr/bin/env python3
"""Generate the administrative unit CSVs from the PyPI package ``vietnamadminunits``.

Run from the repository root:  .venv/bin/python data/reference/make_admin_units.py

The package is a build-time source only: the project reads the committed CSVs at run time.
Its "legacy" table is the 63-province system as it stood just before the 2025 reform
(696 district-level units, early 2025); the 2025 table has the 34 provinces; its converter
data maps each legacy province to its 2025 province.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

import vietnamadminunits

OUT = Path(__file__).resolve().parent
PACKAGE_DATA = Path(vietnamadminunits.__file__).resolve().parent / "data"

# The legacy table names the 2020 province Thừa Thiên Huế by its 2025 name (a city since 1/2025).
RENAMED_2020 = {"Huế": ("Thừa Thiên Huế", "tỉnh")}
# District-level units of 2020 that the legacy table (early 2025) no longer has: the city of Huế
# was split into the districts Thuận Hóa and Phú Xuân on 1/1/2025. (province, [name, kind, code, until]).
DISTRICTS_BEFORE_2025 = {"Thừa Thiên Huế": [("Huế", "thành phố", "474", "2024-12-31")]}  # ..., last day
# Spellings seen in documents that the generic rules below do not produce.
EXTRA_PROVINCE_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TP. HCM", "TP HCM", "TPHCM", "HCM"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế", "TT Huế"],
}
# Party committee of a unit, by the unit's kind.
COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def generic_aliases(name: str, kind: str) -> list[str]:
    """"Bà Rịa - Vũng Tàu" -> "Bà Rịa-Vũng Tàu"; a thành phố also as "TP. X", "TP X", "TP.X"."""
    out = [] if name.lower().startswith(kind) else [f"{kind.capitalize()} {name}"]  # "Quận 1" is its own name
    if " - " in name:
        out += [name.replace(" - ", "-"), name.replace(" - ", " – ")]
    if kind == "thành phố":
        out += [f"TP. {name}", f"TP {name}", f"TP.{name}"]
    return out


def join(values) -> str:
    seen = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return "|".join(seen)


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows([[nfc(str(c)) for c in row] for row in rows])
    print(f"{path.name}: {len(rows)} rows", file=sys.stderr)


def with_districts_before_2025(rows: list[list[str]]) -> list[list[str]]:
    """Each unit of DISTRICTS_BEFORE_2025 before the first district of its province."""
    out, added = [], set()
    for row in rows:
        province = row[0]
        if province in DISTRICTS_BEFORE_2025 and province not in added:
            added.add(province)
            for name, kind, code, until in DISTRICTS_BEFORE_2025[province]:
                out.append([*row[:5], name, kind, COMMITTEE[kind], code, join(generic_aliases(name, kind)), until])
        out.append([*row, ""])
    return out


def main() -> None:
    db = sqlite3.connect(PACKAGE_DATA / "dataset.db")
    legacy = db.execute(
        "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey, district, districtShort,"
        " districtType, districtCode FROM admin_units_legacy ORDER BY provinceCode, districtCode"
    ).fetchall()
    rows_2020, province_keys = [], {}
    for province_full, province, pcode, pkey, district_full, district_short, dtype, dcode in legacy:
        pkind = "thành phố" if province_full.startswith("Thành phố") else "tỉnh"
        province, pkind = RENAMED_2020.get(province, (province, pkind))
        province_keys[pkey] = (province, pkind, pcode)
        dkind = dtype.lower()
        district = district_short.split(" (")[0]  # "Kỳ Anh (Thị xã)" -> "Kỳ Anh"
        p_aliases = generic_aliases(province, pkind) + EXTRA_PROVINCE_ALIASES.get(province, [])
        rows_2020.append([
            province, pkind, COMMITTEE[pkind], pcode, join(p_aliases),
            district, dkind, COMMITTEE[dkind], dcode, join(generic_aliases(district, dkind)),
        ])  # district_until: added by with_districts_before_2025
    rows_2020 = with_districts_before_2025(rows_2020)
    write(OUT / "admin_units_2020.csv",
          ["province", "province_kind", "province_committee", "province_code", "province_aliases",
           "district", "district_kind", "district_committee", "district_code", "district_aliases",
           "district_until"],
          rows_2020)

    rows_2025, names_2025 = [], {}
    for province_full, province, pcode, pkey in db.execute(
        "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey FROM admin_units ORDER BY provinceCode"
    ):
        pkind = "thành phố" if province_full.startswith("Thành phố") else "tỉnh"
        names_2025[pkey] = province
        rows_2025.append([province, pkind, COMMITTEE[pkind], pcode, join(generic_aliases(province, pkind))])
    write(OUT / "admin_units_2025.csv",
          ["province", "province_kind", "province_committee", "province_code", "province_aliases"], rows_2025)

    converter = json.loads((PACKAGE_DATA / "converter_2025.json").read_text(encoding="utf-8"))
    rows_map = []
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            province, pkind, pcode = province_keys[old_key]
            rows_map.append([province, pcode, names_2025[new_key]])
    rows_map.sort(key=lambda r: r[1])
    assert len(rows_map) == len(province_keys), "every 2020 province maps to exactly one 2025 province"
    write(OUT / "admin_units_2020_to_2025.csv", ["province_2020", "province_code_2020", "province_2025"], rows_map)


if __name__ == "__main__":
    main()
