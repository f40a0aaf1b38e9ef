"""What a parser knows about the document it is reading, used to complete relative names.

Built by extract.py from the header ("TỈNH ỦY NINH BÌNH", "ĐẢNG BỘ TỈNH NAM ĐỊNH / HUYỆN ỦY NAM TRỰC",
the place line, "tỉnh ta") before citations and assignments are read.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocContext:
    issuer: str | None = None            # "Huyện ủy Nam Trực", "UBND tỉnh Ninh Bình", "Văn phòng Chính phủ"
    level: str | None = None             # central | province | district | commune | sector
    channel: str | None = None           # party | state | front | armed
    province: str | None = None          # "Nam Định" (2020 unit name, no "tỉnh"/"thành phố" prefix)
    province_kind: str | None = None     # "tỉnh" | "thành phố"
    district: str | None = None          # "Nam Trực"
    district_kind: str | None = None     # "huyện" | "quận" | "thị xã" | "thành phố"
    committee: str | None = None         # Party committee of the issuer: "Huyện ủy Nam Trực"
    parent_committee: str | None = None  # "Tỉnh ủy Nam Định" (from the superior line / locality)
    date: str | None = None              # ISO date of the document, when known
