"""Bodies named in the header or the text (Organ), with their locality."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from loaders import grammar as G, refdata
from loaders.header_layout import title_case
from loaders.grammar import alternation
from loaders.header_vocab import markers, spellings
from loaders.text import clean

_FIRST_WORD = re.compile(r"\s*(\w+)")
_PARENTHESES = re.compile(r"\(.*?\)")
# "ĐẠI HỘI ĐẢNG BỘ XÃ X LẦN THỨ I": a congress's ordinal (grammar_words ordinal_word) ends the body's name
_CONGRESS_ORDINAL = re.compile(rf"(?<![^\W_]){G.piece('ordinal_lead')}\s+(?:[IVXLC]+|{G.piece('ordinal_word')})(?![^\W_])")
# "... AN NINH - QUỐC / PHÒNG GIAI ĐOẠN 2017 - 2020": a period (grammar_words period_word) right after a keyword
# shows the keyword is a trích yếu's word wrapped onto its line, no body's name
_PERIOD_AFTER = re.compile(rf"{G.piece('period')}(?![^\W_])")


# --- administrative units (2020): one place, backed by loaders.refdata ------------------------

def lookup_province(name: str) -> tuple[str, str] | None:
    """("Ninh Bình", "tỉnh") for "NINH BÌNH"; ("Hải Phòng", "thành phố") for a centrally-run city."""
    p = refdata.find_province(name) if name else None
    return (p.name, p.kind) if p else None


def lookup_district(name: str, province: str | None = None) -> tuple[str, str, str] | None:
    """("Nam Trực", "huyện", "Nam Định"); None when unknown or ambiguous."""
    d = refdata.find_district(name, province) if name else None
    return (d.name, d.kind, d.province) if d else None


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
    return re.compile(rf"(?<!\w){_not_organ()}{alternation(spellings('organ'))}(?!\w)", re.I)


def _not_organ() -> str:
    """A lookahead refusing a keyword that opens an action's words ("PHÒNG, CHỐNG DỊCH", "Phòng ngừa"), not a body;
    a comma may part the words ("phòng, chống")."""
    phrases = (r"\s*,?\s*".join(map(re.escape, p.split())) for p in spellings("not_organ"))
    return rf"(?!(?i:{'|'.join(phrases)})(?!\w))"


@lru_cache(maxsize=1)
def unit_re() -> re.Pattern:
    # "(?!\.\w)": "TP.HCM" is one word, no unit "TP" before the name ".HCM"
    return re.compile(rf"(?<!\w)(?P<unit>{alternation(spellings('unit'))})(?!\w|\.\w)\s*(?P<name>.*)", re.I)


def organ_row(keyword: str) -> dict[str, str]:
    row = _organ_rows().get(keyword.upper())
    if row is None:
        raise StopIteration  # what the scan this index replaces raised
    return row


@lru_cache(maxsize=1)
def _organ_rows() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for r in markers("organ"):
        rows.setdefault(r["spelling"].upper(), r)
    return rows


def fix_ocr(text: str) -> str:
    for pattern, value in _ocr_fixes():
        text = pattern.sub(value, text)
    return _fix_first_word(text)


@lru_cache(maxsize=1)
def _ocr_fixes() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(rf"(?<!\w){re.escape(row['spelling'])}(?!\w)", re.I), row["value"]) for row in markers("ocr_fix"))


def _fix_first_word(text: str) -> str:
    """An organ line's first word misread by OCR ("TĨNH BÌNH ĐỊNH"): when it opens no organ or unit
    name and one confusable letter swap (ocr_confusables.csv) makes it open one, swap. Only the first
    word: "HÀ TĨNH" inside a line is a real name."""
    m = _FIRST_WORD.match(text)
    if not m or m.group(1) in _first_words():
        return text
    word = m.group(1)
    for wrong, right in G.confusables("organ_word"):
        fixed = word.replace(wrong, right)
        if fixed != word and fixed in _first_words():
            swapped = text[: m.start(1)] + fixed + text[m.end(1):]
            if _opens_spelling(swapped[m.start(1):]):
                return swapped
    return text


def _opens_spelling(rest: str) -> bool:
    """The swapped word opens a whole organ or unit spelling ("ỦY BAN NHÂN DÂN"), or ends the line:
    "BỘ / Y TẾ" (a ministry's name wrapped) is no "ỦY TẾ"."""
    words = rest.upper().split()
    return len(words) == 1 or any(words[: len(s)] == s for s in _spelling_words())


@lru_cache(maxsize=1)
def _spelling_words() -> tuple[list[str], ...]:
    return tuple(r["spelling"].upper().split() for kind in ("organ", "unit") for r in markers(kind))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of the organ and unit spellings in capitals: "ỦY", "TỈNH", "UBND"."""
    return frozenset(words[0] for words in _spelling_words())


def opens_organ(line: str) -> bool:
    """The line starts with a body's keyword ("ỦY BAN NHÂN DÂN TỈNH X", not "THỰC HIỆN ... CỦA BỘ Y TẾ")."""
    return bool(_organ_re().match(clean(fix_ocr(line))))


_HEADLINE_COLON = re.compile(r"\s*:\s+(?=\S)")


def split_organs(block: str, lines: tuple[str, ...] = ()) -> list[Organ]:
    """"ĐẢNG BỘ TỈNH NAM ĐỊNH HUYỆN ỦY NAM TRỰC" -> [Đảng bộ tỉnh Nam Định, Huyện ủy Nam Trực].
    With ``lines`` (the block's header lines) the block is their join."""
    return list(_split_organs(block, lines))


@lru_cache(maxsize=4096)  # pure, and the same header blocks recur across a corpus
def _split_organs(block: str, lines: tuple[str, ...]) -> tuple[Organ, ...]:
    parts = [clean(fix_ocr(line)) for line in lines] if lines else [clean(fix_ocr(block))]
    # "ĐẢNG ỦY XÃ X: TỔ CHỨC HỘI NGHỊ ... CỦA BAN CHẤP HÀNH TRUNG ƯƠNG": a headline's words after the colon name no organ
    parts = [_HEADLINE_COLON.split(p, 1)[0] for p in parts]
    block = " ".join(parts)
    starts = {sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))}
    found = [m for m in _organ_re().finditer(block)]
    # "BỘ" / "SỞ" open a name only at the start of a line ("UBND TỈNH NGHỆ AN / SỞ Y TẾ"; "ĐẢNG BỘ"
    # is matched as a whole; "ĐẢNG ỦY BỘ ĐỘI BIÊN PHÒNG" is one name).
    found = [m for m in found if organ_row(m.group(0))["rest"] != "name" or m.start() in starts]
    found = _under_lines(found, starts, block)
    # "ĐẠI HỘI ĐẢNG BỘ LẦN THỨ NHẤT" (a headline): a keyword with no name before a congress's ordinal names no organ
    found = [m for m in found if not _CONGRESS_ORDINAL.match(block[m.end():].lstrip())
             and not _PERIOD_AFTER.match(block[m.end():].lstrip())]
    organs, headline = [], range(0)
    for i, m in enumerate(found):
        if m.start() in headline:
            continue   # "ĐẢNG ỦY XÃ X TỔ CHỨC HỘI NGHỊ GIAO BAN BÍ THƯ CÁC CHI, ĐẢNG BỘ ...": the headline's object
        rest = block[m.end(): found[i + 1].start() if i + 1 < len(found) else len(block)]
        organs.append(make_organ(organ_row(m.group(0)), rest, running=not m.group(0).isupper()))
        line_end = min((s for s in starts if s > m.end()), default=len(block))
        cut = _headline_cut(organ_row(m.group(0)), block[m.end():line_end])
        if cut is not None:
            headline = range(m.end() + cut, line_end)
    return tuple(organs)


def _under_lines(found: list[re.Match], starts: set[int], block: str) -> list[re.Match]:
    """A body of its committee ("VĂN PHÒNG", "BAN TUYÊN GIÁO" under "TỈNH ỦY X") only as a line of its
    own, or followed by its committee's bare keyword ("BAN TUYÊN GIÁO TỈNH ỦY": that keyword dropped), the
    line ending there or going on with a headline's verb ("BAN TUYÊN GIÁO HUYỆN ỦY HƯỚNG DẪN ...")."""
    end = len(block)
    ends = {s - 1 for s in starts if s} | {end}

    def bare_end(k: re.Match) -> bool:
        line_end = min((s - 1 for s in starts if s - 1 >= k.end()), default=end)
        return k.end() in ends or _headline_cut(organ_row(k.group(0)), block[k.end():line_end]) == 0

    out, skip = [], None
    for i, m in enumerate(found):
        if m is skip:
            continue
        if organ_row(m.group(0))["rest"] != "under":
            out.append(m)
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if m.start() in starts and m.end() in ends:
            out.append(m)
        elif m.start() in starts and nxt and bare_end(nxt) and not any(m.end() < s <= nxt.start() for s in starts):
            out.append(m)
            skip = nxt
    return out


@lru_cache(maxsize=1)
def _central_spellings() -> dict[str, str]:
    """Folded central body names -> their spelling in central_bodies.csv."""
    return {refdata.fold(r["name"]): r["name"] for r in refdata.table("central_bodies")}


def _central_spelling(name: str) -> str:
    """"Bộ Nông nghiệp và phát triển nông thôn" (a capitals line lowered) -> the central body's own
    spelling, "Bộ Nông nghiệp và Phát triển nông thôn"."""
    words = name.split(" ")
    for k in range(len(words) - 1):   # "Bộ trưởng Bộ ...": the central body inside a post's name
        own = _central_spellings().get(refdata.fold(" ".join(words[k:])))
        if own:
            return " ".join(words[:k] + [own])
    return name


@lru_cache(maxsize=1)
def _headline_verb() -> re.Pattern:
    """A verb of two words or more (body_phrases predicate rows: "tổ chức", "triển khai"; headline_verb rows, verbs
    of a headline only: "thông báo") or a date where a place's
    name would go on ends it: a press headline in capitals ("ĐẢNG ỦY PHƯỜNG X TỔ CHỨC HỘI NGHỊ ..."); no
    place name holds one. One-word verbs are left out: they spell places too ("cần" in "Cần Thơ"). The verb may follow the keyword
    at once: "HUYỆN ỦY HƯỚNG DẪN TUYÊN TRUYỀN ..." names no place."""
    verbs = [r["text"] for r in refdata.table("body_phrases")
             if r["kind"] == "predicate" and " " in r["text"] or r["kind"] == "headline_verb"]
    # a date after the name ends it too: "HỘI NGHỊ BCH ĐẢNG BỘ XÃ X THÁNG 01 NĂM 2021" (no place name
    # holds a date word before a number; "Năm Căn" has none)
    dated = alternation(G.words("day_word") + G.words("month_word") + G.words("year_word"))
    return re.compile(rf"(?:^|\s)(?:(?:{alternation(verbs)})(?![^\W_])|(?:{dated})\s+\d)", re.I)


def _headline_cut(row: dict[str, str], rest: str) -> int | None:
    """Where a press headline's verb ends the name after a keyword ("ĐẢNG ỦY XÃ X | TỔ CHỨC HỘI NGHỊ"), only after a
    place's kind word ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG TỈNH" stays), else None."""
    verb, unit = _headline_verb().search(rest), unit_re().search(rest)
    return verb.start() if verb and (row["rest"] == "locality" or unit and verb.start() > unit.start()) else None


def make_organ(row: dict[str, str], rest: str, running: bool = False) -> Organ:
    """The organ a keyword's row and the words after it name; ``running``: the keyword was written in
    running text (not a line in capitals), so an acronym after it is one."""
    rest = clean(_PARENTHESES.sub(" ", rest)).strip(" ,.;:-*_=~")
    ordinal = _CONGRESS_ORDINAL.search(rest)
    if ordinal:
        rest = rest[:ordinal.start()].strip(" ,.;:-*_=~")
    cut = _headline_cut(row, rest)
    if cut is not None:
        rest = rest[:cut]
    keyword, level, channel, mode = row["value"], row["level"], row["channel"] or None, row["rest"]
    if mode == "under":  # named after its parent line: see under_parent
        return Organ(keyword, None, channel, keyword)
    if mode in ("none", "heading") or not rest:
        open_unit = level if mode == "locality" else None
        return Organ(keyword, None if level in ("unit", "city") else level, channel, keyword, open_unit=open_unit)
    if mode == "name":
        # "BỘ VĂN HÓA - THÔNG TIN - BỘ Y TẾ": two bodies issuing jointly; the first one is named
        rest = re.split(rf"\s*[-–]\s*(?={re.escape(keyword.upper())}\s)", rest)[0]
        known = _known_name_start().match(rest)
        if known:   # "Giáo dục và Đào tạo tỉnh Khánh Hòa" (running text): the data's spelling, then the place
            unit = unit_re().match(rest[known.end():].strip())
            place = f" {_unit_value(unit.group('unit'))} {title_case(unit.group('name'))}" if unit and unit.group("name") else ""
            aliased = _aliased_province(rest[known.end():]) if not place else None
            place = f" {aliased[1]} {aliased[0]}" if aliased else place   # "Sở Y tế TP.HCM"
            name = f"{keyword} {_tail_spellings()[refdata.fold(known.group(0))]}{place}"
            central = refdata.find_central_body(name)   # "Bộ NN-PTNT": an alias of a ministry
            return Organ(central.name if central else _central_spelling(name), level, channel, keyword)
        words = rest.split()
        name = " ".join([title_case(words[0])] + [w.lower() for w in words[1:]])
        return Organ(_central_spelling(f"{keyword} {name}"), level, channel, keyword)
    if mode == "locality":
        province = _aliased_province(rest)
        if province:   # "Thành ủy TP.HCM": a province written as one abbreviated word
            return _province_organ(keyword, channel, province)
        unit = unit_re().match(rest)
        kind_word = unit.group("unit") if unit else None
        place = title_case(unit.group("name") if unit else rest)
        loc = _locate(place, _unit_kind(kind_word) if kind_word else None, level)
        phrase = f"{_unit_value(kind_word)} {place}" if kind_word else place
        return Organ(f"{keyword} {phrase}", loc["level"], channel, keyword, **_fields(loc), locality_phrase=phrase)
    # phrase: lower case up to the unit word, the place name in title case
    unit = unit_re().search(rest)
    if not unit:
        central = refdata.find_central_body(f"{keyword} {rest}")   # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW": its own spelling
        if central:
            return Organ(central.name, central.level, central.channel, keyword)
        province = _aliased_province(rest)
        if province:   # "UBND TP.HCM": a province written as one abbreviated word
            return _province_organ(keyword, channel, province)
        return Organ(f"{keyword} {_lowered(rest, running)}", None if level in ("unit", "city") else level, channel, keyword)
    place = title_case(unit.group("name"))
    kind = _unit_kind(unit.group("unit"))
    aliased = _aliased_province(unit.group("name")) if kind in ("province", "city") else None
    place = aliased[0] if aliased else place   # "UBND TP HCM": the province's own name
    lead = _lowered(rest[: unit.start()], running).strip()
    if not place:  # "UBND huyện", "Chủ tịch UBND tỉnh": the place is the reader's own
        name = " ".join(x for x in (keyword, lead, _unit_value(unit.group("unit"))) if x)
        organ_level = level if level not in ("unit", "city") else (
            "province" if kind == "province" else None if kind == "city" else kind)
        return Organ(name, organ_level, channel, keyword, open_unit=kind)
    phrase = f"{_unit_value(unit.group('unit'))} {place}"
    loc = _locate(place, kind, None)
    if loc.get("district") and not loc.get("district_kind"):   # "QUẬN 10": a unit the lists do not name
        loc["district_kind"] = _unit_value(unit.group("unit"))
    name = " ".join(x for x in (keyword, lead, phrase) if x)
    organ_level = level if level not in ("unit", "city") else loc["level"]
    return Organ(name, organ_level, channel, keyword, **_fields(loc), locality_phrase=phrase)


def _province_organ(keyword: str, channel: str | None, province: tuple[str, str]) -> Organ:
    """The keyword's organ of a province (name, kind): "UBND" + ("Hồ Chí Minh", "thành phố")."""
    phrase = f"{province[1]} {province[0]}"
    return Organ(f"{keyword} {phrase}", "province", channel, keyword, province=province[0],
                 province_kind=province[1], locality_phrase=phrase)


def _aliased_province(word: str) -> tuple[str, str] | None:
    """("Hồ Chí Minh", "thành phố") for one word that is an alias of a province's name ("HCM",
    "TP.HCM"); None for a name spelled in full or anything else."""
    if not word or re.search(r"\s", word.strip()):
        return None
    province = lookup_province(word.strip())
    return province if province and refdata.fold(province[0]) != refdata.fold(word.strip()) else None


def _lowered(rest: str, running: bool) -> str:
    """The words after an organ keyword in lower case, but an acronym of running text keeps its capitals
    ("Đảng ủy NHPT"); a line in capitals tells no acronym from a word, so all of it is lowered."""
    if not running:
        return rest.lower()
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in rest.split(" "))


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


def inherit(issuer: Organ, parent: Organ) -> Organ:
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


def is_under(organ: Organ) -> bool:
    """A body named after the committee above it ("VĂN PHÒNG" under "TỈNH ỦY LÀO CAI")."""
    return organ_row(organ.keyword)["rest"] == "under"


def under_parent(organ: Organ, parent: Organ) -> Organ:
    """"BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG" -> Văn phòng Trung ương Đảng (the central body of that
    parent in central_bodies.csv); "TỈNH ỦY LÀO CAI / BAN TUYÊN GIÁO" -> Ban Tuyên giáo Tỉnh ủy Lào Cai."""
    name = f"{organ.name} {parent.name}"
    if parent.level == "central":
        head = organ.name.casefold() + " "
        name = next((r["name"] for r in refdata.table("central_bodies")
                     if r["parent"] == parent.name and r["name"].casefold().startswith(head)), name)
    return replace(organ, name=name, level=parent.level, channel=organ.channel or parent.channel,
                   province=parent.province, province_kind=parent.province_kind, district=parent.district,
                   district_kind=parent.district_kind, locality_phrase=parent.locality_phrase)


# --- bodies named in running text -------------------------------------------------------------

@lru_cache(maxsize=1)
def body_name_re() -> re.Pattern:
    rows = [r for r in markers("organ") if r["rest"] not in ("under", "heading")]  # named in a header line only
    organs = [r["value"] for r in rows] + [r["spelling"] for r in rows]
    acting = alternation(spellings("acting"))
    units = alternation(spellings("unit"))
    # keywords in any case; the place name after them is a run of capitalised words, after a known
    # name with lower-case words ("Sở Giáo dục và Đào tạo", "Bộ Y tế") and its abbreviation "(GDĐT)"
    return re.compile(
        rf"(?<!\w)(?P<acting>(?i:{acting})\s+)?{_not_organ()}(?P<organ>(?i:{alternation(organs)}))"
        rf"(?P<rest>(?:\s+(?i:{alternation(_subject_name_tails())})(?!\w)"
        rf"|\s+(?i:{alternation(_known_name_tails())})(?:\s*\([A-ZĐ&-]+\))?(?!\w))?"
        rf"(?:\s+(?i:{units})(?!\w))?(?:\s+[A-ZĐ][\w.]*)*)(?!\w)")


@lru_cache(maxsize=1)
def _known_name_start() -> re.Pattern:
    """A known name opening the words after "Sở" / "Bộ" (make_organ): built once, not per organ (36 ms each)."""
    return re.compile(rf"(?i:{alternation(_known_name_tails())})(?!\w)")


@lru_cache(maxsize=1)
def _known_name_tails() -> tuple[str, ...]:
    """"Y tế", "Giáo dục và Đào tạo": the names after "Sở" / "Bộ" in local_body_templates.csv and
    central_bodies.csv (those keywords take a name, not a place)."""
    heads = [r["value"] for r in markers("organ") if r["rest"] == "name"]
    names = [n for t in refdata.body_templates() for n in (t.template, *t.aliases)]
    names += [n for r in refdata.table("central_bodies") for n in (r["name"], *refdata.split_list(r.get("aliases")))]
    tails = {}   # in the data's order: the template's spelling before its aliases' ("Công Thương")
    for name in names:
        name = name.removesuffix(" {unit}")
        for head in heads:
            tail = name[len(head) + 1:]
            if name.casefold().startswith(head.casefold() + " ") and "{" not in name and tail[:1].isupper():
                tails[tail] = None   # not "Bộ đội Biên phòng" (a "Bộ" that is no ministry)
    return tuple(tails)


@lru_cache(maxsize=1)
def _subject_name_tails() -> tuple[str, ...]:
    """"Trung ương về phòng chống thiên tai": a known central body's name after a phrase organ ("Ban Chỉ đạo"), its
    subject after "về" in small letters, which the capitalised run after the organ cannot read; longest first."""
    heads = [r["value"] for r in markers("organ") if r["rest"] == "phrase"]
    names = [n for r in refdata.table("central_bodies") for n in (r["name"], *refdata.split_list(r.get("aliases")))]
    about = re.compile(rf"(?:^|\s)(?:{G.piece('about')})\s")   # "về ...": a subject, not a place's words ("huyện")
    tails = {name[len(head) + 1:] for name in names for head in heads
             if name.casefold().startswith(head.casefold() + " ") and about.search(name[len(head) + 1:])}
    return tuple(sorted(tails, key=len, reverse=True))


@lru_cache(maxsize=1)
def _template_units() -> dict[str, str]:
    """Folded local template "<name> {unit}" without its unit -> its first scope ("Sở Y tế" -> "province")."""
    units: dict[str, str] = {}
    for t in refdata.body_templates():
        for name in (t.template, *t.aliases):
            if name.endswith(" {unit}") and "{" not in name.removesuffix(" {unit}") and t.scopes:
                units.setdefault(refdata.fold(name.removesuffix(" {unit}")), t.scopes[0])
    return units


@lru_cache(maxsize=1)
def _tail_spellings() -> dict[str, str]:
    spellings_: dict[str, str] = {}
    for t in _known_name_tails():
        spellings_.setdefault(refdata.fold(t), t)
    return spellings_


@lru_cache(maxsize=8192)  # pure, and asked for the same names again and again
def body_in_text(text: str) -> tuple[str | None, Organ] | None:
    """("Ban Thường vụ", Organ Tỉnh ủy Đắk Lắk) for "Ban Thường vụ Tỉnh ủy Đắk Lắk"."""
    m = body_name_re().fullmatch(clean(text))
    if not m or not m.group(0)[:1].isupper():
        return None
    organs = split_organs(m.group("organ") + m.group("rest"))
    if not organs:
        return None
    acting = clean(m.group("acting") or "") or None
    organ = organs[0]
    unit = _template_units().get(refdata.fold(organ.name)) if organ_row(organ.keyword)["rest"] == "name" else None
    if unit:   # "Sở Y tế" in running text: a local template's body without its place, the reader's own
        organ = replace(organ, open_unit=unit)
    return acting, organ


def with_locality(organ: Organ, province: str | None, province_kind: str | None,
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


def on_date(organ: Organ, day: str | None) -> Organ:
    """A district's body on a day after its unit was removed has its successor's level: "Ủy ban nhân
    dân thành phố Huế" in 2025 is a province's (admin_units_2020 district_until, admin_units_2025).
    Its locality stays the data's units of the place."""
    if organ.level != "district" or not organ.district:
        return organ
    district = refdata.find_district(organ.district, organ.province)
    unit = refdata.unit_on(district, day) if district else None
    return replace(organ, level=unit.level) if isinstance(unit, refdata.Province) else organ


def leading_body(text: str) -> tuple[str | None, Organ, int] | None:
    """The body at the start of ``text`` and the length it takes: "Bộ Chính trị có nhiều điểm mới"
    -> (None, Bộ Chính trị, 12). The longest run of leading words that names a body."""
    words = list(re.finditer(r"\S+", text))
    for w in reversed(words[:12]):
        found = body_in_text(text[: w.end()])
        if found:
            return found[0], found[1], w.end()
    return None
