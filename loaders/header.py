"""Header of a document: type, number, date, place, issuer (with locality), parent body, subject,
urgency, secrecy, the Kính gửi list; the organ speaking in the body ("Ban Thường vụ Tỉnh ủy yêu cầu");
and, for a press text, the document it reports.

Keywords and spellings come from data/reference (header_markers.csv and the code lists). Locality
lookups go through ``lookup_province`` / ``lookup_district`` only, so their source can move to
``loaders.refdata`` without touching the parser.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Mapping

from loaders import refdata
from loaders.records import Span
from loaders.refdata import table
from loaders.text import SourceText, clean


@lru_cache(maxsize=None)
def markers(kind: str) -> tuple[dict[str, str], ...]:
    """Rows of header_markers.csv of one kind."""
    return tuple(r for r in table("header_markers") if r["kind"] == kind)


def spellings(kind: str) -> tuple[str, ...]:
    return tuple(r["spelling"] for r in markers(kind))


def alternation(words) -> str:
    """Regex alternation of literal words, longest first, with word boundaries."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def code_list(name: str) -> tuple[tuple[str, str], ...]:
    """(spelling, label_vi) pairs of a code list with a ``spellings`` column (urgency, secrecy...)."""
    return tuple(
        (s, r["label_vi"]) for r in table(name) for s in r["spellings"].split("|") if s
    )


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Diacritics stripped, đ -> d, lower case, letters and digits only: a lookup key."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).lower()


# --- administrative units (2020): one place, backed by loaders.refdata ------------------------

def lookup_province(name: str) -> tuple[str, str] | None:
    """("Ninh Bình", "tỉnh") for "NINH BÌNH"; ("Hải Phòng", "thành phố") for a centrally-run city."""
    p = refdata.find_province(name) if name else None
    return (p.name, p.kind) if p else None


def lookup_district(name: str, province: str | None = None) -> tuple[str, str, str] | None:
    """("Nam Trực", "huyện", "Nam Định"); None when unknown or ambiguous."""
    d = refdata.find_district(name, province) if name else None
    return (d.name, d.kind, d.province) if d else None


# --- lines and cells ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A line of the working text, or one "|"-separated cell of a flattened table row."""

    start: int
    end: int
    text: str  # work[start:end], stripped of nothing (offsets stay exact)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def lead(self) -> int:
        """Offset of the first non-blank character."""
        return self.start + len(self.text) - len(self.text.lstrip())


def cells(work: str, start: int = 0, end: int | None = None) -> tuple[Cell, ...]:
    return _cells(work, start, len(work) if end is None else end)


@lru_cache(maxsize=64)
def _cells(work: str, start: int, end: int) -> tuple[Cell, ...]:
    out = []
    for m in re.finditer(r"[^\n|]*", work[start:end]):
        if m.start() == m.end() and m.start() and work[start + m.start() - 1] not in "\n|":
            continue
        out.append(Cell(start + m.start(), start + m.end(), m.group(0)))
    return tuple(out)


def is_blank(text: str) -> bool:
    """Blank or decoration only ("*", "-------")."""
    return not any(c.isalnum() for c in text)


def is_upper(text: str) -> bool:
    """Header, title and role lines: (almost) all capitals, and short."""
    if len(text) > 160:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"  # capitals, Vietnamese ones too


# --- numbers and dates -------------------------------------------------------------------------

_TOKEN = r"[A-ZĐƯ][A-Za-zĐđƯư0-9]*"
SYMBOL = rf"\d{{1,5}}(?:\s*[-/]\s*(?:\d{{4}}|{_TOKEN})){{1,4}}"
DATE = (
    r"(?i:ngày)\s+(?P<d>\d{1,2})\s*(?:(?i:tháng)\s*(?P<m1>\d{1,3})\s*(?:(?i:năm)\s*|/\s*)(?P<y1>\d{4})"
    r"|[/.\-]\s*(?P<m2>\d{1,3})\s*[/.\-]\s*(?P<y2>\d{4}))"
)
_DATE_RE = re.compile(DATE)
_NUMBER_LINE = re.compile(rf"^[\s>*-]*(?i:số)\s*:?\s*(?P<num>{SYMBOL})")
_DATE_LINE = re.compile(rf"^[\s>*-]*(?P<place>[^\W\d][^\n,|:;]{{1,45}}?)\s*,\s*(?P<date>{DATE})")


def normalize_number(raw: str) -> str:
    """"2644 - CV/TU" -> "2644-CV/TU"; OCR "KL/TƯ" -> "KL/TU" (symbol_fix rows)."""
    number = re.sub(r"\s+", "", raw)
    head, sep, tail = number.partition("/")
    for row in markers("symbol_fix"):
        tail = re.sub(rf"(?<![^-/]){re.escape(row['spelling'])}(?![^-/])", row["value"], tail)
    return head + sep + tail


@lru_cache(maxsize=1)
def _type_codes() -> dict[str, str]:
    return {r["code"]: r["name_vi"] for r in table("doc_types")}


def type_from_number(number: str) -> str | None:
    """Document type from the symbol: "2644-CV/TU" -> Công văn, "24/CT-UBND" -> Chỉ thị,
    "1145/VPCP-KGVX" -> Công văn (State letters carry no type code), "10/ĐM" -> Công điện."""
    codes = _type_codes()
    m = re.match(r"\d+[a-z]?\s*([-/])(.*)", number)
    if not m:
        return None
    tokens = [t for t in re.split(r"[-/]", m.group(2)) if t and not t.isdigit()]
    if not tokens:
        return None
    if m.group(1) == "-":  # Party: NUMBER-CODE/ISSUER
        return codes.get(tokens[0])
    return codes.get(tokens[0], default_type())  # State: NUMBER/CODE-ISSUER or NUMBER/ISSUER-UNIT


def default_type() -> str:
    """The type of a letter that carries no type code or title: Công văn."""
    return _type_codes()["CV"]


def parse_date(m: re.Match) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None) from a DATE match."""
    return date_from_parts(m.group("d"), m.group("m1") or m.group("m2"), m.group("y1") or m.group("y2"))


def date_from_parts(d: str, mo: str, y: str) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None): the one date rule of a record (header and citations).
    An impossible date is corrected only when one reading is unambiguous (a doubled digit:
    "29/77/2020" -> 2020-07-29), with the reason; otherwise it is kept as written."""
    written = f"{d}/{mo}/{y}"
    iso = _iso(d, mo, y)
    if iso:
        return iso, None
    fixes = []
    for part in ("d", "m"):
        value = d if part == "d" else mo
        if len(value) >= 2 and len(set(value)) == 1:
            candidate = _iso(value[0], mo, y) if part == "d" else _iso(d, value[0], y)
            if candidate:
                fixes.append((candidate, value))
    if len(fixes) == 1:
        iso, value = fixes[0]
        return iso, f"date {written} is impossible; read as {iso} (doubled digit {value} -> {value[0]})"
    return None, f"date {written} is impossible; kept as written"


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def clean_place(place: str) -> str:
    """Place of the date line; abbreviated unit prefixes dropped ("TP. Nam Định" -> "Nam Định")."""
    place = clean(place)
    for prefix in spellings("place_prefix"):
        if place.startswith(prefix):
            return place[len(prefix):].strip()
    return place


# --- bodies in the header ----------------------------------------------------------------------

@dataclass(frozen=True)
class Organ:
    """A body named in the header or the text, with its locality."""

    name: str
    level: str | None
    channel: str | None
    keyword: str                 # canonical organ keyword: "Tỉnh ủy", "Ủy ban nhân dân"
    province: str | None = None
    province_kind: str | None = None
    district: str | None = None
    district_kind: str | None = None
    locality_phrase: str = ""    # "tỉnh Nam Định" (empty when the organ has no locality)
    open_unit: str | None = None  # "province" for "Tỉnh ủy" / "UBND tỉnh" written without the place


@lru_cache(maxsize=1)
def _organ_re() -> re.Pattern:
    return re.compile(rf"(?<!\w){alternation(spellings('organ'))}(?!\w)", re.I)


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?P<unit>{alternation(spellings('unit'))})(?!\w)\s*(?P<name>.*)", re.I)


def _organ_row(keyword: str) -> dict[str, str]:
    key = keyword.upper()
    return next(r for r in markers("organ") if r["spelling"].upper() == key)


def _fix_ocr(text: str) -> str:
    for row in markers("ocr_fix"):
        text = re.sub(rf"(?<!\w){re.escape(row['spelling'])}(?!\w)", row["value"], text, flags=re.I)
    return text


def split_organs(block: str, lines: tuple[str, ...] = ()) -> list[Organ]:
    """"ĐẢNG BỘ TỈNH NAM ĐỊNH HUYỆN ỦY NAM TRỰC" -> [Đảng bộ tỉnh Nam Định, Huyện ủy Nam Trực].
    With ``lines`` (the block's header lines) the block is their join."""
    parts = [clean(_fix_ocr(line)) for line in lines] if lines else [clean(_fix_ocr(block))]
    block = " ".join(parts)
    starts = {sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))}
    found = [m for m in _organ_re().finditer(block)]
    # "BỘ" / "SỞ" open a name only at the start of a line ("UBND TỈNH NGHỆ AN / SỞ Y TẾ"; "ĐẢNG BỘ"
    # is matched as a whole; "ĐẢNG ỦY BỘ ĐỘI BIÊN PHÒNG" is one name).
    found = [m for m in found if _organ_row(m.group(0))["rest"] != "name" or m.start() in starts]
    organs = []
    for i, m in enumerate(found):
        rest = block[m.end(): found[i + 1].start() if i + 1 < len(found) else len(block)]
        organs.append(make_organ(_organ_row(m.group(0)), rest))
    return organs


def make_organ(row: dict[str, str], rest: str) -> Organ:
    rest = clean(re.sub(r"\(.*?\)", " ", rest)).strip(" ,.;:-")
    keyword, level, channel, mode = row["value"], row["level"], row["channel"] or None, row["rest"]
    if mode == "none" or not rest:
        open_unit = level if mode == "locality" else None
        return Organ(keyword, None if level in ("unit", "city") else level, channel, keyword, open_unit=open_unit)
    if mode == "name":
        words = rest.split()
        name = " ".join([title_case(words[0])] + [w.lower() for w in words[1:]])
        return Organ(f"{keyword} {name}", level, channel, keyword)
    if mode == "locality":
        unit = _unit_re().match(rest)
        kind_word = unit.group("unit") if unit else None
        place = title_case(unit.group("name") if unit else rest)
        loc = _locate(place, _unit_kind(kind_word) if kind_word else None, level)
        phrase = f"{_unit_value(kind_word)} {place}" if kind_word else place
        return Organ(f"{keyword} {phrase}", loc["level"], channel, keyword, **_fields(loc), locality_phrase=phrase)
    # phrase: lower case up to the unit word, the place name in title case
    unit = _unit_re().search(rest)
    if not unit:
        return Organ(f"{keyword} {rest.lower()}", None if level in ("unit", "city") else level, channel, keyword)
    place = title_case(unit.group("name"))
    kind = _unit_kind(unit.group("unit"))
    lead = rest[: unit.start()].lower().strip()
    if not place:  # "UBND huyện", "Chủ tịch UBND tỉnh": the place is the reader's own
        name = " ".join(x for x in (keyword, lead, _unit_value(unit.group("unit"))) if x)
        organ_level = level if level not in ("unit", "city") else (
            "province" if kind == "province" else None if kind == "city" else kind)
        return Organ(name, organ_level, channel, keyword, open_unit=kind)
    phrase = f"{_unit_value(unit.group('unit'))} {place}"
    loc = _locate(place, kind, None)
    name = " ".join(x for x in (keyword, lead, phrase) if x)
    organ_level = level if level not in ("unit", "city") else loc["level"]
    return Organ(name, organ_level, channel, keyword, **_fields(loc), locality_phrase=phrase)


def _unit_value(spelling: str) -> str:
    return next(r["value"] for r in markers("unit") if r["spelling"].upper() == spelling.upper())


def _unit_kind(spelling: str) -> str:
    return next(r["level"] for r in markers("unit") if r["spelling"].upper() == spelling.upper())


def _fields(loc: dict) -> dict:
    return {k: loc.get(k) for k in ("province", "province_kind", "district", "district_kind")}


def _locate(place: str, unit_level: str | None, organ_level: str | None) -> dict:
    """Level and province/district of a place named after an organ keyword or a unit word.
    A "thành phố" or a Thành ủy is province level only for the centrally-run cities."""
    want = unit_level or organ_level
    province = lookup_province(place)
    if want in ("province",) or (want == "city" and province and province[1] == "thành phố"):
        name, kind = province or (place, "tỉnh")
        return {"level": "province", "province": name, "province_kind": kind}
    if want in ("district", "city"):
        district = lookup_district(place)
        kind = "thành phố" if want == "city" else (district[1] if district else None)
        return {"level": "district", "district": district[0] if district else place, "district_kind": kind,
                "province": district[2] if district else None,
                "province_kind": (lookup_province(district[2]) or (None, None))[1] if district else None}
    if want == "commune":
        return {"level": "commune"}
    return {"level": organ_level}


# --- the header ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """What the header (or, for a press text, the reported document's mention) says."""

    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: Organ | None = None
    parent: Organ | None = None
    subject: str | None = None
    urgency: str | None = None
    secrecy: str | None = None
    recipients: tuple[str, ...] = ()
    text_kind: str | None = None
    evidence: Mapping[str, Span] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    end: int = 0                 # where the header stops (the body starts)


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    words = lambda kind: alternation(spellings(kind))
    type_names = sorted({r["name_vi"] for r in table("doc_types")}, key=len, reverse=True)
    return {
        "not_issuer": re.compile(words("not_issuer"), re.I),
        "subject": re.compile(rf"^[\s>*-]*(?:{words('subject_start')})(?!\w)", re.I),
        "recipients": re.compile(rf"^[\s>*-]*{words('recipients_marker')}(?!\w)\s*:?"),
        "distribution": re.compile(rf"^[\s>*-]*{words('distribution_marker')}\s*:?", re.I),
        "urgency": re.compile(rf"^{alternation(s for s, _ in code_list('urgency'))}$", re.I),
        "secrecy": re.compile(rf"^{alternation(s for s, _ in code_list('secrecy'))}$", re.I),
        "type_mention": re.compile(
            rf"(?P<type>{alternation(type_names)})\s+(?:(?i:số)\s*:?\s*)?(?P<num>{SYMBOL})", re.I),
        "capacity": capacity_re(),
    }


def capacity_re() -> re.Pattern:
    """A signing-capacity line: "T/M BAN THƯỜNG VỤ", "KT. BỘ TRƯỞNG"."""
    spell = [s for r in table("signing_capacities") for s in r["spellings"].split("|") if s]
    return re.compile(rf"^\s*(?P<cap>{alternation(spell)})(?:(?<=[./])\s*|\s+)(?=[{UPPER}])")


def _label(code_list_name: str, text: str) -> str | None:
    folded = fold(text)
    return next((label for s, label in code_list(code_list_name) if fold(s) == folded), None)


@lru_cache(maxsize=1)
def _title_names() -> dict[str, str]:
    return {fold(r["name_vi"]): r["name_vi"] for r in table("doc_types")}


def title_type(text: str) -> tuple[str | None, str | None]:
    """(doc type, urgency) of a title line: "CHỈ THỊ", "CÔNG ĐIỆN KHẨN", OCR "K ÉT LUẬN"."""
    if not is_upper(text):
        return None, None
    folded = fold(text)
    names = _title_names()
    if folded in names:
        return names[folded], None
    for s, label in code_list("urgency"):
        key = fold(s)
        if folded.endswith(key) and folded[: -len(key)] in names:
            return names[folded[: -len(key)]], label
    return None, None


def parse_header(st: SourceText, start: int = 0, end: int | None = None) -> Header:
    """Read the header of the document in st.work[start:end]."""
    work = st.work
    end = len(work) if end is None else end
    res = _res()
    ev: dict[str, Span] = {}
    warns: list[str] = []
    out: dict = {}
    organ_cells: list[list[Cell]] = []    # blocks of consecutive upper-case cells
    title_seen_at = None                  # index in organ_cells when the title line was met
    last_was_organ = False
    all_cells = cells(work, start, end)
    i = 0
    header_end = start
    while i < len(all_cells):
        c = all_cells[i]
        text = c.stripped
        i += 1
        if c.start - start > 4000:
            break
        if is_blank(text):
            if text:  # decoration ends an organ block
                last_was_organ = False
            continue
        if res["recipients"].match(c.text) or res["distribution"].match(c.text) or res["capacity"].match(c.text):
            header_end = c.start
            break
        # the "CỘNG HÒA ..." / "ĐẢNG CỘNG SẢN VIỆT NAM" lines are cut out of a cell
        if res["not_issuer"].search(c.text):
            last_was_organ = False
            cuts = [0] + [x for m in res["not_issuer"].finditer(c.text) for x in m.span()] + [len(c.text)]
            gaps = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if not is_blank(c.text[a:b])]
            if not gaps:
                continue
            a, b = gaps[0]
            c = Cell(c.start + a, c.start + b, c.text[a:b])
            text = c.stripped
        header_end = c.end
        m = _NUMBER_LINE.match(c.text)
        if m and "number" not in out:
            out["number"] = normalize_number(m.group("num"))
            ev["number"] = st.span(c.start + m.start("num"), c.start + m.end("num"))
            d = _DATE_RE.search(c.text, m.end())
            if d and "date" not in out:
                _set_date(st, c.start, d, out, ev, warns)
            last_was_organ = False
            continue
        m = _DATE_LINE.match(c.text)
        if m and "date" not in out:
            out["place"] = clean_place(m.group("place"))
            ev["place"] = st.span(c.start + m.start("place"), c.start + m.end("place"))
            d = _DATE_RE.match(c.text, m.start("date"))
            _set_date(st, c.start, d, out, ev, warns)
            last_was_organ = False
            continue
        if res["subject"].match(c.text) and "subject" not in out:
            i = _set_subject(st, c, all_cells, i, out, ev)
            last_was_organ = False
            continue
        doc_type, urgency = title_type(text)
        if doc_type:
            out.setdefault("title", doc_type)
            ev.setdefault("doc_type", st.span(c.start, c.end))
            if urgency and "urgency" not in out:
                out["urgency"] = urgency
                ev["urgency"] = st.span(c.start, c.end)
            title_seen_at = len(organ_cells) if title_seen_at is None else title_seen_at
            last_was_organ = False
            continue
        if is_upper(text) and res["urgency"].match(text):
            out.setdefault("urgency", _label("urgency", text))
            ev.setdefault("urgency", st.span(c.start, c.end))
            continue
        if is_upper(text) and res["secrecy"].match(text):
            out.setdefault("secrecy", _label("secrecy", text))
            ev.setdefault("secrecy", st.span(c.start, c.end))
            continue
        if _copy_marker(text):
            continue
        if is_upper(text):
            if last_was_organ:
                organ_cells[-1].append(c)
            else:
                organ_cells.append([c])
            last_was_organ = True
            continue
        if "subject" not in out and text[:1].islower() and len(text) < 300 and _after_title(all_cells, i - 1):
            # "KẾ HOẠCH / thực hiện Kế hoạch số 120-KH/TU ...": a lower-case trích yếu under the title
            i = _set_subject(st, c, all_cells, i, out, ev)
            continue
        # a sentence: the body has started
        header_end = c.start
        break
    _assign_organs(st, organ_cells, title_seen_at, out, ev)
    doc_type = out.get("title")
    if not doc_type and out.get("number"):
        doc_type = type_from_number(out["number"])
        if doc_type:
            ev["doc_type"] = ev["number"]
    has_header = bool(out.get("number") or out.get("issuer") or out.get("date"))
    return Header(
        doc_type=doc_type, number=out.get("number"), date=out.get("date"), place=out.get("place"),
        issuer=out.get("issuer"), parent=out.get("parent"), subject=out.get("subject"),
        urgency=out.get("urgency"), secrecy=out.get("secrecy"),
        text_kind="ORIG" if has_header else None,
        evidence={k: v for k, v in ev.items() if k != "doc_type" or doc_type},
        warnings=tuple(warns), end=header_end,
    )


def _after_title(all_cells: tuple[Cell, ...], k: int) -> bool:
    """The non-blank cell before cell k is a type title line."""
    prev = next((c for c in reversed(all_cells[:k]) if not is_blank(c.text)), None)
    return prev is not None and title_type(prev.stripped)[0] is not None


def _set_subject(st, first: Cell, all_cells: tuple[Cell, ...], i: int, out, ev) -> int:
    """The trích yếu from cell ``first`` on, through the lower-case cells from index i that continue
    it; returns the index of the first cell after it."""
    end = first.end
    while i < len(all_cells) and all_cells[i].stripped[:1].islower():
        end = all_cells[i].end
        i += 1
    out["subject"] = st.value(first.lead, end)
    ev["subject"] = st.span(first.lead, end)
    return i


def _set_date(st, base, m, out, ev, warns):
    iso, warning = parse_date(m)
    out["date"] = iso
    ev_span = st.span(base + m.start(), base + m.end())
    if iso:
        ev["date"] = ev_span
    if warning:
        warns.append(warning)


def _copy_marker(text: str) -> str | None:
    return _label("copy_types", text) if is_upper(text) else None


def _assign_organs(st, blocks, title_at, out, ev):
    """Issuer = the last organ of the first header block (before the title when there is one);
    the organ above it is the parent body."""
    if not blocks:
        return
    pre = blocks[:title_at] if title_at else blocks
    for block in pre or blocks[title_at:]:
        lines = tuple(c.stripped for c in block)
        organs = split_organs(" ".join(lines), lines)
        if not organs:
            continue
        span = st.span(block[0].start, block[-1].end)
        issuer = organs[-1]
        parent = organs[-2] if len(organs) > 1 else None
        if parent and not issuer.province and parent.province:
            issuer = _inherit(issuer, parent)
        out["issuer"], out["parent"] = issuer, parent
        ev["issuer"] = span
        if parent:
            ev["parent_body"] = span
        _post_issuer(st, blocks[title_at:title_at + 1] if title_at else [], out, ev)
        return


def _post_issuer(st, blocks, out, ev) -> None:
    """"QUYẾT ĐỊNH / Về việc ... / CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH": a Quyết định or Chỉ thị
    issued by the head of the header's body, named on the line after the title."""
    issuer = out["issuer"]
    if out.get("title") not in spellings("issuing_verb"):
        return
    for block in blocks:
        lines = tuple(c.stripped for c in block)
        organs = split_organs(" ".join(lines), lines)
        if len(organs) == 1 and organs[0].name != issuer.name and fold(organs[0].name).endswith(fold(issuer.name)):
            out["issuer"] = replace(organs[0], province=issuer.province, province_kind=issuer.province_kind,
                                    district=issuer.district, district_kind=issuer.district_kind)
            ev["issuer"] = st.span(block[0].start, block[-1].end)


def _inherit(issuer: Organ, parent: Organ) -> Organ:
    """A body under a parent line takes the parent's province ("Thành ủy Nam Định" under
    "Đảng bộ tỉnh Nam Định"; "Sở Y tế" under "UBND tỉnh Ninh Bình" -> "Sở Y tế tỉnh Ninh Bình")."""
    if issuer.open_unit == "province" and parent.province:  # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
        name = f"{issuer.name} {parent.province}"
    elif issuer.locality_phrase or issuer.district or issuer.open_unit:
        name = issuer.name
    else:
        name = f"{issuer.name} {parent.locality_phrase}"
    district = {} if issuer.district else {"district": parent.district, "district_kind": parent.district_kind}
    return replace(issuer, name=name.strip(), province=parent.province, province_kind=parent.province_kind,
                   level=issuer.level or parent.level, **district,
                   open_unit=None if issuer.open_unit == "province" else issuer.open_unit)


# --- bodies named in running text -------------------------------------------------------------

@lru_cache(maxsize=1)
def _body_name_re() -> re.Pattern:
    organs = [r["value"] for r in markers("organ")] + list(spellings("organ"))
    acting = alternation(spellings("acting"))
    units = alternation(spellings("unit"))
    # keywords in any case; the place name after them is a run of capitalised words
    return re.compile(
        rf"(?<!\w)(?P<acting>(?i:{acting})\s+)?(?P<organ>(?i:{alternation(organs)}))"
        rf"(?P<rest>(?:\s+(?i:{units})(?!\w))?(?:\s+[A-ZĐ][\w.]*)*)(?!\w)")


def body_in_text(text: str) -> tuple[str | None, Organ] | None:
    """("Ban Thường vụ", Organ Tỉnh ủy Đắk Lắk) for "Ban Thường vụ Tỉnh ủy Đắk Lắk"."""
    m = _body_name_re().fullmatch(clean(text))
    if not m or not m.group(0)[:1].isupper():
        return None
    organs = split_organs(m.group("organ") + m.group("rest"))
    if not organs:
        return None
    acting = clean(m.group("acting") or "") or None
    return acting, organs[0]


@dataclass(frozen=True)
class Acting:
    acting: str | None      # "Ban Thường vụ"
    organ: Organ            # the committee / body: "Tỉnh ủy" (+ locality when written)
    span: Span


def find_acting(st: SourceText, start: int, end: int, with_prefix: bool) -> Acting | None:
    """The first "<body> yêu cầu / đã chỉ đạo / thông báo" of the text (the organ speaking)."""
    verbs = alternation(spellings("acting_verb"))
    pattern = re.compile(rf"{_body_name_re().pattern}\s+(?i:(?:vừa\s+)?{verbs})(?!\w)")
    for m in pattern.finditer(st.work, start, end):
        if not m.group(0)[:1].isupper() or (with_prefix and not m.group("acting")):
            continue
        found = body_in_text(st.work[m.start(): m.end("rest")])
        if found:
            return Acting(found[0], found[1], st.span(m.start(), m.end("rest")))
    return None


def find_issuing_verb(st: SourceText, doc_type: str | None, start: int, end: int) -> tuple[Organ, Span] | None:
    """"..., Chủ tịch UBND tỉnh Chỉ thị:" -> the body that issues a Chỉ thị / Quyết định."""
    if not doc_type or doc_type not in spellings("issuing_verb"):
        return None
    m = re.compile(rf"\s{re.escape(doc_type)}\s*:", re.I).search(st.work, start, end)
    if not m:
        return None
    work = st.work
    low = max(start, m.start() - 200)
    seg_start = max([low] + [work.rfind(c, low, m.start()) + 1 for c in ",.;:\n"])
    found = body_in_text(work[seg_start: m.start()])
    if not found:
        return None
    return found[1], st.span(seg_start, m.start())


# --- a document reported in a press text ------------------------------------------------------

def reported_document(st: SourceText, start: int = 0, end: int | None = None) -> Header | None:
    """The document a press text reports: "... đã ban hành Công văn số 2458-CV/ĐUK, ngày ... về việc ...",
    a line opening with "Chỉ thị số 35-CT/TW ngày ...", or "(Nguồn: Thông báo số 81/TB-UBND ...)"."""
    work = st.work
    end = len(work) if end is None else end
    cue = re.compile(rf"{alternation(spellings('report_cue'))}\s+(?:\S+\s+)?$", re.I)
    for m in _res()["type_mention"].finditer(work, start, end):
        line_start = work.rfind("\n", 0, m.start()) + 1
        before = work[line_start: m.start()]
        if not (is_blank(before) or cue.search(before)):
            continue
        ev: dict[str, Span] = {"number": st.span(m.start("num"), m.end("num")), "doc_type": st.span(m.start(), m.end())}
        warns: list[str] = []
        out: dict = {}
        pos = m.end()
        d = re.compile(rf"\s*,?\s*{DATE}").match(work, pos)
        if d:
            _set_date(st, 0, _DATE_RE.search(work, pos, d.end()), out, ev, warns)
            pos = d.end()
        else:  # "Ngày 29 tháng 12/2020  Ban Thường vụ ... đã ban hành Chỉ thị số ..."
            sentence = max(work.rfind(". ", 0, m.start()) + 2, line_start)
            d = _DATE_RE.search(work, sentence, m.start())
            if d:
                _set_date(st, 0, d, out, ev, warns)
        issuer = None
        of = re.compile(r"\s*,?\s*của\s+([^,.;\n]+?)(?=\s+(?i:về)\s|[,.;\n]|$)").match(work, pos)
        if of:
            found = body_in_text(work[of.start(1): of.end(1)])
            if found:
                issuer = found[1]
                ev["issuer"] = st.span(of.start(1), of.end(1))
            pos = of.end()
        if issuer is None:
            # the body before the cue: "..., Ban Thường vụ Đảng ủy Khối đã ban hành"
            head = work[line_start: m.start()]
            c = cue.search(head)
            head_end = line_start + (c.start() if c else 0)
            seg = max(work.rfind(",", line_start, head_end) + 1, line_start)
            if d and d.end() <= head_end and d.start() >= seg:
                seg = d.end()
            text = re.sub(r"\s+(?:đã|vừa)\s*$", "", work[seg:head_end])
            found = body_in_text(text)
            if found:
                issuer = found[1]
                lead = seg + len(text) - len(text.lstrip())
                ev["issuer"] = st.span(lead, seg + len(text.rstrip()))
                out["acting"] = found[0]
        s = re.compile(r"\s*,?\s*((?i:về)\s[^\n]*?)(?=\.\s|\.?$|[;)]|\n)").match(work, pos)
        if s and s.group(1):
            out["subject"] = st.value(s.start(1), s.end(1))
            ev["subject"] = st.span(s.start(1), s.end(1))
        return Header(
            doc_type=_canonical_type(m.group("type")), number=normalize_number(m.group("num")),
            date=out.get("date"), issuer=issuer, subject=out.get("subject"),
            text_kind="PRESS", evidence=ev, warnings=tuple(warns), end=m.start(),
        )
    return None


def title_subject(st: SourceText, start: int = 0, end: int | None = None) -> tuple[str, Span] | None:
    """A page title naming the document: "Thông báo về việc hoãn ..." (first line of the text)."""
    for c in cells(st.work, start, end):
        if is_blank(c.text):
            continue
        names = alternation(r["name_vi"] for r in table("doc_types"))
        if re.match(rf"\s*{names}\s+(?i:về)\s", c.text, re.I):
            return st.value(c.start, c.end), st.span(c.start, c.end)
        return None
    return None


def _canonical_type(written: str) -> str:
    return _title_names().get(fold(written), clean(written))


# --- lists: Kính gửi, Nơi nhận -------------------------------------------------------------------

_DASH = re.compile(r"^\s*[-–+•]\s*")
_FILING_MARK = re.compile(r"^[A-ZĐ0-9]+(?:[/.][A-ZĐ0-9]+)+$")


def read_list(st: SourceText, pos: int, end: int) -> list[Span]:
    """Entries of a dashed (or one-per-line) list starting at pos (just after "Kính gửi:" /
    "Nơi nhận:"). Lines that do not start a new entry continue the previous one; the list ends at
    a blank line not followed by a dash, at an entry closed by ".", at a signature line or a
    filing mark. Trailing "," ";" "." are not part of an entry."""
    work = st.work
    entries: list[list[int]] = []
    blank_seen = False
    first = True
    for line in re.finditer(r"[^\n]*", work[pos:end]):
        if line.start() == line.end() and line.start() and work[pos + line.start() - 1] != "\n":
            continue
        ls, le = pos + line.start(), pos + line.end()
        text = work[ls:le]
        if is_blank(text):
            if not first and (entries or text.strip()):
                blank_seen = blank_seen or bool(entries)
            first = False
            continue
        first = False
        dash = _DASH.match(text)
        if blank_seen and not dash:
            break
        blank_seen = False
        body = text.strip()
        if (_res()["capacity"].match(text) or _res()["distribution"].match(text)
                or _res()["recipients"].match(text) or _FILING_MARK.match(body)
                or (not dash and is_upper(body) and entries)):
            break
        if dash:
            # "- Kính gửi: - A" or "Kính gửi: - A": the dash after the colon opens the entry
            entries.append([ls + dash.end(), le])
        elif not entries or work[entries[-1][0]:entries[-1][1]].rstrip().endswith(";") and _no_dashes(work, entries):
            if entries and len(body) > 150:
                break
            entries.append([ls + len(text) - len(text.lstrip()), le])
        else:
            prev = work[entries[-1][0]:entries[-1][1]].rstrip()
            if (prev.endswith(".") and not prev.endswith("..")) or len(body) > 150:
                break
            entries[-1][1] = le
    # "Kính gửi: Bộ Y tế; Bộ Công Thương.": entries of one line separated by ";"
    entries = [piece for s, e in entries for piece in _split_semicolons(work, s, e)]
    spans = []
    for s, e in entries:
        seg = work[s:e].rstrip()
        e = s + len(seg)
        if seg.endswith((",", ";")) or (seg.endswith(".") and not seg.endswith("..")):
            e -= 1
        span = st.span(s, e)
        if span.quote:
            spans.append(span)
    return spans


def _split_semicolons(work: str, s: int, e: int) -> list[tuple[int, int]]:
    pieces, start = [], s
    for m in re.finditer(r";[ \t]+(?=\S)", work[s:e]):
        pieces.append((start, s + m.start() + 1))
        start = s + m.end()
    pieces.append((start, e))
    return pieces


def _no_dashes(work: str, entries: list[list[int]]) -> bool:
    line_start = work.rfind("\n", 0, entries[0][0]) + 1
    return not _DASH.match(work[line_start: entries[0][0] + 1])


def find_list(st: SourceText, marker: str, start: int, end: int, last: bool = False) -> list[Span]:
    """The entries after the first (or last) marker line ("recipients" or "distribution")."""
    found = None
    for c in cells(st.work, start, end):
        m = _res()[marker].match(c.text)
        if m and (marker != "recipients" or not is_upper(c.stripped) or is_upper(m.group(0)) and c.stripped == m.group(0).strip(" -:")):
            found = c.start + m.end()
            if not last:
                break
    return read_list(st, found, end) if found is not None else []


def complete(organ: Organ, province: str | None, province_kind: str | None,
             district: str | None, district_kind: str | None) -> Organ:
    """Add the document's own place to a body written without it: "Tỉnh ủy" in a Ninh Bình document
    -> "Tỉnh ủy Ninh Bình"; "UBND tỉnh" -> "UBND tỉnh Sơn La"; "Thành ủy" under a provincial city ->
    "Thành ủy Nam Định" (district level)."""
    unit = organ.open_unit
    if unit == "city":
        if district and district_kind == "thành phố":
            unit = "district"
        elif province and province_kind == "thành phố":
            unit = "province"
    if unit == "province" and province:
        return replace(organ, name=f"{organ.name} {province}", level=organ.level or "province", province=province,
                       province_kind=province_kind, locality_phrase=province, open_unit=None)
    if unit == "district" and district:
        return replace(organ, name=f"{organ.name} {district}", level=organ.level or "district", province=province,
                       province_kind=province_kind, district=district, district_kind=district_kind,
                       locality_phrase=district, open_unit=None)
    return organ
