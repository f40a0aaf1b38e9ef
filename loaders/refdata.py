"""Reference data: administrative units, central bodies, local body templates, issuer codes.

Each CSV under data/reference is read once (cached) into frozen records. Lookups fold spelling
differences (case, old/new tone placement, dashes, spacing) and fall back to a diacritic-free
comparison, so "Thừa Thiên Huế", "Thừa Thiên - Huế", "TP. Hồ Chí Minh" and "Hồ Chí Minh" all work.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.paths import REFERENCE
from loaders.slug import strip_diacritics
from loaders.text import unify_tones

_DASHES = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # pure, and body names are folded again and again
def fold(text: str) -> str:
    """Comparison key: NFC, new tone placement, lower case, one dash style, single spaces."""
    text = unify_tones(unicodedata.normalize("NFC", text)).lower()
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip(" .,;:")


def loose(text: str) -> str:
    """Folded and without diacritics: the last-resort key."""
    return strip_diacritics(fold(text))


def split_list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


class ReferenceDataError(ValueError):
    """A reference CSV is missing a column or has a bad row."""


def read_csv(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of data/reference/NAME as NFC strings; a clear error naming the file otherwise."""
    path: Path = REFERENCE / name
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = []
            for line, row in enumerate(reader, start=2):
                row = {k: unicodedata.normalize("NFC", (v or "").strip()) for k, v in row.items() if k}
                empty = [c for c in required if not row.get(c)]
                if empty and any(row.values()):
                    raise ReferenceDataError(f"{path}:{line}: empty required column(s) {', '.join(empty)}")
                if any(row.values()):
                    rows.append(row)
            return rows
    except FileNotFoundError:
        raise ReferenceDataError(f"{path}: reference file not found") from None


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data/reference/NAME.csv, read once (for lists read row by row, with no record type)."""
    return tuple(read_csv(f"{name}.csv", ()))


# --- administrative units -------------------------------------------------------------------------

@dataclass(frozen=True)
class Province:
    name: str          # "Nam Định" (no "tỉnh"/"thành phố")
    kind: str          # "tỉnh" | "thành phố"
    committee: str     # Party committee word: "Tỉnh ủy" | "Thành ủy"
    code: str
    aliases: tuple[str, ...] = ()
    level: str = "province"

    @property
    def unit(self) -> str:
        """"tỉnh Nam Định", "thành phố Hà Nội"."""
        return f"{self.kind} {self.name}"

    @property
    def committee_name(self) -> str:
        return f"{self.committee} {self.name}"


@dataclass(frozen=True)
class District:
    name: str          # "Nam Trực", "Quận 1"
    kind: str          # "huyện" | "quận" | "thị xã" | "thành phố"
    committee: str     # "Huyện ủy" | "Quận ủy" | "Thị ủy" | "Thành ủy"
    code: str
    province: str      # 2020 province name
    aliases: tuple[str, ...] = ()
    level: str = "district"
    until: str | None = None  # last day of a unit the 1/2025 reforms removed (thành phố Huế: 2024-12-31)

    @property
    def unit(self) -> str:
        return self.name if self.name.lower().startswith(self.kind) else f"{self.kind} {self.name}"

    @property
    def committee_name(self) -> str:
        return f"{self.committee} {self.name}"


Unit = Province | District


@dataclass(frozen=True)
class AdminUnits:
    provinces: tuple[Province, ...]
    districts: tuple[District, ...]
    by_key: dict  # folded or loose spelling -> tuple of units


@lru_cache(maxsize=1)
def admin_units() -> AdminUnits:
    rows = read_csv("admin_units_2020.csv", (
        "province", "province_kind", "province_committee", "province_code",
        "district", "district_kind", "district_committee", "district_code"))
    provinces: dict[str, Province] = {}
    districts: list[District] = []
    for r in rows:
        p = provinces.get(r["province"])
        if p is None:
            p = provinces[r["province"]] = Province(
                r["province"], r["province_kind"], r["province_committee"], r["province_code"],
                split_list(r.get("province_aliases")))
        districts.append(District(
            r["district"], r["district_kind"], r["district_committee"], r["district_code"], p.name,
            split_list(r.get("district_aliases")), until=r.get("district_until") or None))
    by_key: dict[str, list] = {}
    for unit in [*provinces.values(), *districts]:
        for spelling in (unit.name, *unit.aliases):
            for key in {fold(spelling), loose(spelling)}:
                if unit not in by_key.setdefault(key, []):
                    by_key[key].append(unit)
    return AdminUnits(tuple(provinces.values()), tuple(districts), {k: tuple(v) for k, v in by_key.items()})


@lru_cache(maxsize=8192)  # pure, and asked for the same names again and again
def _lookup(name: str) -> tuple[Unit, ...]:
    table = admin_units().by_key
    return table.get(fold(name)) or table.get(loose(name)) or ()


@lru_cache(maxsize=4096)  # pure, and asked for the same names again and again
def find_province(name: str) -> Province | None:
    """"Thừa Thiên - Huế", "TP. Hồ Chí Minh", "tỉnh Nam Định", "Ha Noi" -> the 2020 province."""
    found = [u for u in _lookup(name) if isinstance(u, Province)]
    return found[0] if found else None


@lru_cache(maxsize=4096)  # pure, and asked for the same names again and again
def find_districts(name: str, province: str | None = None) -> tuple[District, ...]:
    """All districts with this name (or alias), optionally inside one province."""
    found = tuple(u for u in _lookup(name) if isinstance(u, District))
    if province:
        p = find_province(province)
        found = tuple(d for d in found if p and d.province == p.name)
    return found


def find_district(name: str, province: str | None = None) -> District | None:
    """The district with this name, if it is unique (within ``province`` when given)."""
    found = find_districts(name, province)
    return found[0] if len(found) == 1 else None


def find_units(text: str) -> tuple[Unit, ...]:
    """Provinces and districts spelled exactly ``text`` ("thành phố Nam Định" -> the district)."""
    return _lookup(text)


def district_province(name: str) -> str | None:
    """"Nam Trực" -> "Nam Định" (None when unknown or ambiguous)."""
    d = find_district(name)
    return d.province if d else None


@lru_cache(maxsize=1)
def _province_2025_table() -> dict[str, str]:
    rows = read_csv("admin_units_2020_to_2025.csv", ("province_2020", "province_2025"))
    return {r["province_2020"]: r["province_2025"] for r in rows}


@lru_cache(maxsize=1)
def provinces_2025() -> tuple[Province, ...]:
    rows = read_csv("admin_units_2025.csv", ("province", "province_kind", "province_committee", "province_code"))
    return tuple(Province(r["province"], r["province_kind"], r["province_committee"], r["province_code"],
                          split_list(r.get("province_aliases"))) for r in rows)


@lru_cache(maxsize=1024)  # a linear scan, asked for the same names again and again
def find_province_2025(name: str) -> Province | None:
    """"Huế", "TP. Huế" -> the 2025 province (a city of its own since 2025: no 2020 province of that name)."""
    key = fold(name)
    return next((p for p in provinces_2025() if key in {fold(n) for n in (p.name, *p.aliases)}), None)


def unit_on(unit: Unit, day: str | None) -> Unit:
    """The unit a name means on ``day`` (ISO): a district the 2025 reforms removed is, after its last day,
    the 2025 province of its name (thành phố Huế -> the centrally-run city Huế); else the unit itself."""
    if isinstance(unit, District) and unit.until and day and day > unit.until:
        return find_province_2025(unit.name) or unit
    return unit


_AFTER_ALL = "9999-12-31"   # later than every removal day


@lru_cache(maxsize=1)
def _removal_days() -> tuple[str, ...]:
    """The last days of the districts the 2025 reforms removed, sorted: the only days unit_on compares with."""
    return tuple(sorted({d.until for d in admin_units().districts if d.until}))


def same_units_day(day: str | None) -> str | None:
    """A day for which unit_on chooses what it chooses on ``day`` (the same removal days lie before it),
    one for all such days: a cache keyed by it serves every document of the same period."""
    if not day:
        return None
    days = _removal_days()
    before = bisect_left(days, day)   # removal days < day: unit_on's "day > until" for exactly these
    return None if before == 0 else days[before] if before < len(days) else _AFTER_ALL


def province_2025(province_2020: str) -> str | None:
    """"Nam Định" -> "Ninh Bình" (the 2025 province that absorbed it)."""
    p = find_province(province_2020)
    return _province_2025_table().get(p.name) if p else None


@lru_cache(maxsize=1)
def locality_words() -> dict[str, tuple[str, str]]:
    """Folded word -> (role, canonical word): ("tỉnh", "tỉnh"), ("tp.", "thành phố"), ("tỉnh ủy", "Tỉnh ủy").

    role is "unit" for a kind word, "committee" for a Party committee word; both come from the
    admin unit data (abbreviated kinds such as "TP." are read off the aliases).
    """
    words: dict[str, tuple[str, str]] = {}
    units = admin_units()
    for unit in [*units.provinces, *units.districts]:
        words[fold(unit.kind)] = ("unit", unit.kind)
        words[fold(unit.committee)] = ("committee", unit.committee)
        for alias in unit.aliases:
            if alias.endswith(unit.name) and alias != unit.name:
                prefix = alias[: -len(unit.name)].strip()
                if prefix and not any(ch.isdigit() for ch in prefix):
                    words.setdefault(fold(prefix), ("unit", unit.kind))
    return words


# --- bodies -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CentralBody:
    name: str
    aliases: tuple[str, ...]
    short_name: str | None
    level: str
    channel: str
    authority: str
    parent: str | None
    example: str


@lru_cache(maxsize=1)
def central_bodies() -> tuple[CentralBody, ...]:
    rows = read_csv("central_bodies.csv", ("name", "level", "channel", "authority", "example"))
    return tuple(
        CentralBody(r["name"], split_list(r.get("aliases")), r.get("short_name") or None, r["level"],
                    r["channel"], r["authority"], r.get("parent") or None, r["example"])
        for r in rows)


@lru_cache(maxsize=1)
def _central_index() -> dict[str, CentralBody]:
    index: dict[str, CentralBody] = {}
    for body in central_bodies():
        for spelling in (body.name, *body.aliases, *([body.short_name] if body.short_name else [])):
            index.setdefault(fold(spelling), body)
    return index


def find_central_body(name: str) -> CentralBody | None:
    """Any alias ("BBT", "Ban Bí thư Trung ương Đảng", "TTg") -> the central body."""
    return _central_index().get(fold(name))


@dataclass(frozen=True)
class BodyTemplate:
    """A local body with placeholders: {unit} "tỉnh Ninh Bình", {committee} "Tỉnh ủy Ninh Bình",
    {parent_unit} / {parent_committee} the province of a district."""

    template: str                  # canonical, spelled out: "Ủy ban nhân dân {unit}"
    aliases: tuple[str, ...]       # other spellings: "UBND {unit}"
    scopes: tuple[str, ...]        # levels of the locality: province, district
    level: str | None              # body level when it differs from the scope ("sector")
    channel: str
    parents: tuple[str, ...]       # parent templates, first fillable wins
    authority: str | None          # numbering series template; None: the body itself
    bare: bool                     # the head alone ("Mặt trận Tổ quốc") names the body of the context
    example_input: str
    example_context: str           # "Nam Định/Nam Trực" (province/district), "" for none
    example_completed: str
    example_canonical: str


@lru_cache(maxsize=1)
def body_templates() -> tuple[BodyTemplate, ...]:
    rows = read_csv("local_body_templates.csv", (
        "template", "scopes", "channel", "example_input", "example_completed", "example_canonical"))
    return tuple(
        BodyTemplate(r["template"], split_list(r.get("aliases")), split_list(r["scopes"]),
                     r.get("level") or None, r["channel"], split_list(r.get("parent")),
                     r.get("authority") or None, r.get("bare", "").lower() == "yes",
                     r["example_input"], r["example_context"], r["example_completed"], r["example_canonical"])
        for r in rows)


@dataclass(frozen=True)
class BodyPeriod:
    """When a body (a central_bodies.csv name or a local_body_templates.csv template) may be named: the 2025
    reorganisation created bodies and ended others, which stay in the data for the documents before it."""

    body: str
    since: str | None              # first day (ISO); None: older than the data
    until: str | None              # last day (ISO); None: still in place
    successors: tuple[str, ...]    # the bodies that took over its work
    source: str
    example_date: str              # a day of a real document naming it

    def covers(self, day: str) -> bool:
        """Whether a document of ``day`` (ISO) can name the body."""
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@lru_cache(maxsize=1)
def body_history() -> dict[str, BodyPeriod]:
    """body_history.csv by body name or template."""
    rows = read_csv("body_history.csv", ("body", "source", "example_date"))
    return {r["body"]: BodyPeriod(r["body"], r.get("since") or None, r.get("until") or None,
                                  split_list(r.get("successors")), r["source"], r["example_date"])
            for r in rows}


@dataclass(frozen=True)
class IssuerCode:
    code: str                      # "TU", "VPCP", "TTg"
    body: str | None               # central body name or template; None when the code alone cannot tell
    scopes: tuple[str, ...]        # for templates: "district:thành phố", "province" (tried in order)
    level: str
    channel: str
    note: str
    example_number: str
    example_context: str
    example_issuer: str


@lru_cache(maxsize=1)
def issuer_codes() -> tuple[IssuerCode, ...]:
    rows = read_csv("issuer_codes.csv", ("code", "level", "channel", "example_number"))
    return tuple(
        IssuerCode(r["code"], r.get("body") or None, split_list(r.get("scopes")), r["level"], r["channel"],
                   r.get("note", ""), r["example_number"], r.get("example_context", ""),
                   r.get("example_issuer", ""))
        for r in rows)


def _code_key(code: str) -> str:
    return strip_diacritics(code).upper()


@lru_cache(maxsize=1)
def _code_index() -> dict[str, IssuerCode]:
    return {_code_key(c.code): c for c in issuer_codes()}


def find_issuer_code(number: str) -> IssuerCode | None:
    """The issuer code inside a number's symbol: "2644-CV/TU" -> TU, "1145/VPCP-KGVX" -> VPCP,
    "16/CT-TTg" -> TTg (the first segment after "/" that is a known issuer code)."""
    if "/" not in number:
        return _code_index().get(_code_key(number.strip()))
    symbol = number.split("/", 1)[1]
    for segment in re.split(r"[-/.\s]+", symbol):
        # "QH15", "UBTVQH14": the legislature's term follows the code
        code = _code_index().get(_code_key(segment)) or _code_index().get(_code_key(segment.rstrip("0123456789")))
        if code:
            return code
    return None


# --- code lists written by the lead (read-only here) ------------------------------------------------

@lru_cache(maxsize=None)
def code_spellings(name: str) -> tuple[tuple[str, str], ...]:
    """(spelling, code) pairs of a code list with a ``spellings`` column (levels.csv, channels.csv).

    These lists only feed guesses for unknown names, so a list that is absent gives no guesses."""
    if not (REFERENCE / name).exists():
        return ()
    rows = read_csv(name, ("code", "spellings"))
    return tuple((spelling, r["code"]) for r in rows for spelling in split_list(r["spellings"]))
