"""Fields of a header line: number and symbol, date, place, type title, and the named line
patterns (trích yếu, Kính gửi, Nơi nhận, urgency, secrecy, signing capacity)."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from loaders.header_layout import UPPER, is_upper
from loaders import grammar as G
from loaders.grammar import alternation
from loaders.header_vocab import (
    bare_key, code_list, markers, spellings, title_names, long_title_names, tolerant_phrase, type_codes,
)
from loaders.refdata import table
from loaders.text import clean


# a segment stops before a day word or "của" glued to it ("35-NQ/TWcủa Bộ Chính trị": 35-NQ/TW)
_TOKEN = rf"[A-ZĐƯ{G.symbol_misread_letters()}](?:(?!{G.piece('glued_word')})[A-Za-zĐđƯư{G.symbol_misread_letters()}0-9])*"
# "12/CĐ.UBND": a later segment may follow a full stop with no space (capitals after it)
# "6456//BGTVT-VT": a separator typed twice after the number is still the number as written (grammar's symbol)
# "69 – HD/BTGTW": an en dash typed for the Party number's hyphen, spaced
# up to six digits: a big office numbers past 99,999 in a year ("Số: 101322/CTHN-TTHT" of Cục Thuế TP Hà Nội)
SYMBOL = rf"\d{{1,6}}[a-z]?(?:\s*[-/–]){{1,2}}\s*(?:\d{{4}}|{_TOKEN})(?:(?:\s*[-/]\s*|\.(?=[A-ZĐƯ]{{2}}))(?:\d{{4}}|{_TOKEN})){{0,3}}"
NUMBER_WORD = G.words("number_word")[0]   # "số" (grammar_words.csv, like the date words)
_DAY, _MONTH, _YEAR, _NO = (alternation(G.words(k), "i") for k in ("day_word", "month_word", "year_word", "number_word"))
DATE = G.piece("dated")   # "ngày 28/7/2020", "ngày 31 tháng 3 năm 2020": groups d, m, y
DATE_RE = G.compiled("dated")
# "Nghị quyết số: 653/2019/UBTVQH14": the type named before "số" (then with its colon, unlike a mention)
NUMBER_LINE = re.compile(rf"^[\s>*-]*(?:(?:{G.piece('type_word')})\s+{_NO}\s*:|{_NO}\s*:?)\s*(?P<num>{SYMBOL})")
# "Số:      /QĐ-UBND": the number line of a document not yet numbered (a draft, a template)
NUMBER_MARK = re.compile(rf"^[\s>*-]*{_NO}\s*:")
# "Số: 16 -" ending its line: a number whose symbol a portal's table cell wrapped onto the next line
NUMBER_CUT = re.compile(rf"[\s>*-]*{_NO}\s*:?\s*\d{{1,5}}\s*[-/]\s*")
# no digits: "Chỉ thị 04-CT/TU, ngày" is no place; but a numbered urban unit is: "Quận 10, ngày"
_PLACE = (r"(?P<place>" + "(?i:" + alternation(G.words("district_kind") + G.words("commune_kind")) + ")" + r"\s+\d{1,3}(?=\s*,)"
          r"|[^\W\d][^\n\d,|:;]{1,45}?)\s*,\s*")
DATE_LINE = re.compile(rf"^[\s>*-]*{_PLACE}(?P<date>{DATE})")
# ", ngày 7/2/2023 của Bộ Chính trị về ...": the body a mention of a document names as its issuer
OF_BODY = re.compile(
    rf"\s*,?\s*(?:{DATE}\s*,?\s*)?(?i:{G.piece('of')})\s+(?P<body>[^,.;:\n]+?)(?=\s+(?i:{G.piece('about')})\s|[,.;:\n]|$)")
# "... nội dung sau: 37/UBND-VP ngày 10/1/2022" at the very end: the link to the full text that a
# portal prints under an excerpt (a bare symbol, not "Công văn số ..." which is a citation)
# (the reporter's name may follow on a line of its own: "... sau: 37/UBND-VP ngày 10/1/2022\n\nLê Văn Tám")
_BYLINE = r"(?:\s*\n[ \t]*[^\W\d][^\n\d]{0,40})?"
TRAILING_LINK = re.compile(rf"(?<![\w/-])(?<!{_NO}\s)(?P<num>{SYMBOL})\s*,?\s*(?P<date>{DATE})\s*\.?{_BYLINE}\s*$")
# what may follow the excerpt's last words (fullmatch): a byline, the portal's own lines ("Tin liên quan")
_PORTAL_TAIL = rf"(?:\s*(?<![^\n])[ \t]*(?i:{alternation(spellings('portal_tail'))})[ \t]*(?![^\n]))*"
EXCERPT_END = re.compile(rf"\s*{_BYLINE}{_PORTAL_TAIL}\s*")
# "(Theo Công văn số 602/UBND-KT, ngày 3/11/2023)" ending an excerpt, "(412/VP-KT, ngày 2/5/2019)"
# ending a page's title line: the source note naming the page's own document
SOURCE_NOTE = re.compile(
    rf"\(\s*(?:(?i:{G.piece('source')})\s*)?(?:(?i:{G.piece('according')})\s+)?(?:(?P<type>{G.piece('type_word')})\s+)?(?:{_NO}\s*:?\s*)?"
    rf"(?P<num>{SYMBOL})\s*,?\s*(?P<date>{DATE})\s*\)\s*\.?")
# "Hải Dương, ngày 21 tháng năm 2021", "Đức Hợp, ngày ….. tháng 12 năm 2021": the date line with a part
# of the date missing or dotted out (place only)
_BLANK = r"(?:\d{1,2}|[.…]{1,8})?"
PLACE_LINE = re.compile(rf"^[\s>*-]*{_PLACE}{_DAY}\s+{_BLANK}\s*{_MONTH}\s*{_BLANK}\s*{_YEAR}")
# Anchors of a header flattened into one line: "Số:2639" and the start of "Hải Dương, ngày ... tháng"
# (capital "Số", colon optional: Party headers write "Số 12-CT/TU"; "công văn số 12" is no anchor)
NUMBER_ANCHOR = re.compile(rf"(?<!\w)(?=S){_NO}\s*:?\s*(?={SYMBOL})")
# (a hyphen inside a name's word: "Phan Rang-Tháp Chàm, ngày")
_CAP_WORD = rf"[{UPPER}][\w.]*(?: ?- ?[{UPPER}][\w.]*)?"
DATE_LINE_ANCHOR = re.compile(rf"(?<!\w)(?:{_CAP_WORD}\s+){{0,3}}{_CAP_WORD}\s*,\s*{_DAY}\s+\d{{0,2}}\s*{_MONTH}")

# "Nơi nhận:" at the start of any line: the distribution list, where the body of the text ends
DISTRIBUTION_START = re.compile(rf"^[\s\-*]*{alternation(spellings('distribution_marker'))}\s*:", re.M)


def body_end(text: str) -> int:
    """Where the body of a text ends: at its "Nơi nhận:" line, else at its end."""
    m = DISTRIBUTION_START.search(text)
    return m.start() if m else len(text)


@lru_cache(maxsize=8192)  # pure, and asked for the same numbers again and again
def normalize_number(raw: str) -> str:
    """"2644 - CV/TU" -> "2644-CV/TU"; OCR "KL/TƯ" -> "KL/TU" (symbol_fix rows),
    "10/ĐÐM" -> "10/ĐM" (ocr_confusables.csv); the press's "2.350" -> "2350"."""
    spaced = _SPACED_DASH.sub(r"\1-", _THOUSANDS.sub(r"\1\2", raw.strip()))   # "09 CT/TW": a space for the dash
    number = G.fix_symbol(_DASHES.sub("-", _BLANKS.sub("", spaced)))   # "89 –KH/ĐU": a typed dash
    head, sep, tail = number.partition("/")
    for pattern, value in _symbol_fixes():
        tail = pattern.sub(value, tail)
    return head + sep + tail


_BLANKS = re.compile(r"\s+")
_THOUSANDS = re.compile(r"^(\d{1,2})\.(\d{3})$")   # "2.350" -> "2350"
_SPACED_DASH = re.compile(r"^(\d+[a-z]?) (?=[A-ZĐƯ]{2,5}/)")
_DASHES = re.compile(r"[–—]")
_NUMBER_THEN_SYMBOL = re.compile(r"\d+[a-z]?\s*([-/])(.*)")
_SYMBOL_SEPARATOR = re.compile(r"[-/]")
_TITLE_NOTE = re.compile(r"(?<=\S)\s*\([^()\n]{1,20}\)\s*$")  # "QUY ĐỊNH (BỔ SUNG)"


@lru_cache(maxsize=1)
def _symbol_fixes() -> tuple[tuple[re.Pattern, str], ...]:
    """The symbol_fix rows as (a whole piece of the symbol spelled so, its value)."""
    return tuple((re.compile(rf"(?<![^-/]){re.escape(row['spelling'])}(?![^-/])"), row["value"])
                 for row in markers("symbol_fix"))


def central_symbol(number: str | None, written: str, level: str | None) -> str | None:
    """A central body's "T.Ư" is Trung ương: "21-NQ/TƯ" of Bộ Chính trị -> "21-NQ/TW", where
    normalize_number made it a Tỉnh ủy's "TU" (symbol_fix_central rows)."""
    if not number or level != "central":
        return number
    head, sep, tail = number.partition("/")
    fixes = {r["spelling"]: r["value"] for r in markers("symbol_fix")}
    for row in markers("symbol_fix_central"):
        if row["spelling"] in written and row["spelling"] in fixes:
            tail = re.sub(rf"(?<![^-/]){re.escape(fixes[row['spelling']])}(?![^-/])", row["value"], tail)
    return head + sep + tail


@lru_cache(maxsize=8192)  # pure, and asked for the same numbers again and again
def type_from_number(number: str) -> str | None:
    """Document type from the symbol: "2644-CV/TU" -> Công văn, "24/CT-UBND" -> Chỉ thị,
    "1145/VPCP-KGVX" -> Công văn (State letters carry no type code), "10/ĐM" -> Công điện."""
    codes = type_codes()
    m = _NUMBER_THEN_SYMBOL.match(number)
    if not m:
        return None
    tokens = [t for t in _SYMBOL_SEPARATOR.split(m.group(2)) if t and not t.isdigit()]
    if not tokens:
        return None
    if m.group(1) == "-":  # Party: NUMBER-CODE/ISSUER
        return codes.get(tokens[0])
    if re.match(r"\d{4}/", m.group(2)) and tokens[0] in _party_only_codes():
        # "07/2010/TT-BNNPTNT": a State legal document's code (Thông tư), not the Party's ("36-TT/TU" Thông tri)
        return _state_symbol_codes().get(tokens[0])
    return codes.get(tokens[0], default_type())  # State: NUMBER/CODE-ISSUER or NUMBER/ISSUER-UNIT


@lru_cache(maxsize=1)
def _state_symbol_codes() -> dict[str, str]:
    """State types whose symbol writes a code another row holds (doc_types.csv ``symbol_code``)."""
    return {r["symbol_code"]: r["name_vi"] for r in table("doc_types") if r["symbol_code"] and r["channel"] == "state"}


@lru_cache(maxsize=1)
def _party_only_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in table("doc_types") if r["channel"] == "party")


def default_type() -> str:
    """The type of a letter that carries no type code or title: Công văn."""
    return type_codes()["CV"]


@lru_cache(maxsize=1)
def _letter_subject_re() -> re.Pattern:
    return re.compile(rf"^(?:{alternation(r['spelling'] for r in markers('subject_start') if r['value'] == 'letter')})(?!\w)", re.I)


def letter_subject(subject: str | None) -> bool:
    """The trích yếu opens as only a letter's does ("V/v ...", header_markers subject_start value letter)."""
    return bool(subject and _letter_subject_re().match(subject))


def date_of_match(m: re.Match) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None) from a DATE match."""
    return date_from_parts(m.group("d"), m.group("m"), m.group("y"))


@lru_cache(maxsize=8192)  # pure, and asked for the same dates again and again
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


@lru_cache(maxsize=4096)  # pure, and asked for the same places again and again
def clean_place(place: str) -> str:
    """Place of the date line; abbreviated unit prefixes dropped ("TP. Nam Định" -> "Nam Định")."""
    place = clean(place)
    for prefix in spellings("place_prefix"):
        if place.startswith(prefix):
            return place[len(prefix):].strip()
    return place


@lru_cache(maxsize=1)
def line_patterns() -> dict[str, re.Pattern]:
    words = lambda kind: alternation(spellings(kind))
    type_names = sorted({r["name_vi"] for r in table("doc_types")}, key=len, reverse=True)
    return {
        "not_issuer": re.compile("|".join(tolerant_phrase(p) for p in spellings("not_issuer")), re.I),
        "subject": re.compile(rf"^[\s>*-]*(?:{words('subject_start')})(?!\w)", re.I),
        "recipients": re.compile(rf"^[\s>*-]*{words('recipients_marker')}(?!\w)\s*:?"),
        "distribution": re.compile(rf"^[\s>*-]*{words('distribution_marker')}\s*:?", re.I),
        "urgency": re.compile(rf"^{alternation(s for s, _ in code_list('urgency'))}$", re.I),
        "secrecy": re.compile(rf"^{alternation(s for s, _ in code_list('secrecy'))}$", re.I),
        "type_mention": re.compile(
            rf"(?P<type>{alternation(type_names)})\s+(?:{_NO}\s*:?\s*)?(?P<num>{SYMBOL})", re.I),
        "capacity": capacity_re(),
    }


def capacity_words(delegated_only: bool = False) -> str:
    """Regex of a signing capacity and the blank after it, followed by a capital: "T/M ", "KT. ",
    "Q. ". With ``delegated_only`` only the capacities that sign for someone else (T/M, KT., T/L,
    TUQ.): the authority of a signature; "Q." (acting) is part of the signer's own role."""
    spell = [s for r in table("signing_capacities") for s in r["spellings"].split("|")
             if s and (not delegated_only or r["delegated"] == "true")]
    return rf"(?P<cap>{alternation(spell)})(?:(?<=[./])\s*|\s+)(?=[{UPPER}])"


@lru_cache(maxsize=2)
def capacity_re(delegated_only: bool = False) -> re.Pattern:
    """A signing-capacity line: "T/M BAN THƯỜNG VỤ", "KT. BỘ TRƯỞNG", "Q. BỘ TRƯỞNG"."""
    return re.compile(rf"^\s*{capacity_words(delegated_only)}")


@lru_cache(maxsize=8192)  # pure, and asked for the same lines again and again
def title_type(text: str) -> tuple[str | None, str | None]:
    """(doc type, urgency) of a title line: "CHỈ THỊ", "CÔNG ĐIỆN KHẨN", OCR "K ÉT LUẬN"; a note in
    parentheses after it ("QUY ĐỊNH (BỔ SUNG)") is no part of the type."""
    text = _TITLE_NOTE.sub("", text)
    if not is_upper(text):
        return None, None
    folded = bare_key(text)
    names = title_names()
    if folded in long_title_names():
        return long_title_names()[folded], None
    if folded in names:
        return names[folded], None
    for s, label in code_list("urgency"):
        key = bare_key(s)
        if folded.endswith(key) and folded[: -len(key)] in names:
            return names[folded[: -len(key)]], label
    return None, None


def set_date(st, base, m, out, ev, warns):
    iso, warning = date_of_match(m)
    out["date"] = iso
    ev_span = st.span(base + m.start(), base + m.end())
    if iso:
        ev["date"] = ev_span
    if warning:
        warns.append(warning)
