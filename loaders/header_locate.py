"""Where the header is, and how it is laid out.

A header can start after a press lead, a portal's title and menu lines or source comments; it can
be printed twice; a PDF tool can flatten a whole document into one line; a table can interleave the
two header columns row by row or flatten them into "|" cells. Two jobs here:
- ``break_flattened``: in a line that holds a whole header, turn the blank before each known anchor
  (quốc hiệu, "Số:", the date line, V/v, the type title, Kính gửi, Nơi nhận, list dashes, the
  signing capacity, the signer's role and name) into a line break. Same length, same offsets: the
  working text of ``SourceText`` stays aligned with the canonical text.
- ``header_start``: the first line of the header block when something else comes before it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.header_fields import (
    DATE_LINE, DATE_LINE_ANCHOR, NUMBER_ANCHOR, NUMBER_LINE, NUMBER_MARK, NUMBER_WORD, PLACE_LINE, capacity_words,
    clean_place,
    line_patterns,
)
from loaders.header_layout import UPPER, Cell, cells, is_blank, is_upper
from loaders.header_organs import lookup_district, lookup_province
from loaders.grammar import alternation
from loaders.header_vocab import spellings, title_names, tolerant_phrase

FLAT_LINE = 250        # a line this long that holds header anchors is a flattened document
HEADER_REACH = 6000    # how far into the text a header block may start
SIGNATURE_TAIL = 400   # where a flattened line without "Nơi nhận" may hold the signature


@lru_cache(maxsize=1)
def _anchors() -> dict[str, re.Pattern]:
    res = line_patterns()
    titles = alternation(name.upper() for name in title_names().values())
    return {
        "motto": res["not_issuer"],
        "number": NUMBER_ANCHOR,
        "date_line": DATE_LINE_ANCHOR,
        # capitalised only: "V/v", "Về việc" open the trích yếu; "về việc" inside a sentence does not
        "subject": re.compile(rf"(?<!\w){alternation(s for s in spellings('subject_start') if len(s) > 2)}(?!\w)"),
        "title": re.compile(rf"(?<![\w{UPPER}]){titles}(?![\w])"),
        "lists": re.compile(rf"(?<!\w){alternation(spellings('recipients_marker') + spellings('distribution_marker'))}\s*:"),
        "capacity": re.compile(rf"(?<!\w){capacity_words()}"),
        # capitalised, case-sensitive: "Thực hiện Công điện ..." opens a body; "thực hiện" does not
        "opener": re.compile(rf"(?<=[^\W_] )(?:{'|'.join(tolerant_phrase(p) for p in spellings('body_opener'))})(?!\w)"),
        "role": re.compile(rf"(?<!\w){alternation(spellings('role_start'))}(?!\w)"),
        # "... năm 2015 I. Kết quả công tác": the body's first section heading, as written (case-sensitive)
        "heading": re.compile(rf"(?<=[^\W_] )(?:{alternation(spellings('section_heading'))})\s+(?=[{UPPER}])"),
    }


@lru_cache(maxsize=1)
def _motto_first_words() -> tuple[str, ...]:
    return tuple({" ".join(p.split()[:2]).lower() for p in spellings("not_issuer")})


def might_hold_motto(text: str) -> bool:
    """A cheap test before the quốc hiệu / tiêu ngữ regex: the first two words of one of them
    ("cộng hòa", "độc lập", "đảng cộng") are in ``text``, whatever blanks lie between them ("CỘNG     HÒA": a portal's
    line breaks masked)."""
    low = " ".join(text.lower().split())
    return any(w in low for w in _motto_first_words())


def break_flattened(work: str) -> str:
    """``work`` with line breaks put back into flattened header lines (same length)."""
    if len(work) < FLAT_LINE:
        return work
    chars = None
    for line in re.finditer(r"[^\n]{%d,}" % FLAT_LINE, work):
        breaks = _line_breaks(line.group(0))
        if not breaks:
            continue
        chars = chars if chars is not None else list(work)
        for b in breaks:
            if line.group(0)[b] in " \t":
                chars[line.start() + b] = "\n"
    return work if chars is None else "".join(chars)


def _prose_motto(line: str, m: re.Match) -> bool:
    """"Căn cứ Điều lệ Đảng Cộng sản Việt Nam": the Party's name in a sentence (not capitals, after a
    word in lower case) is no motto of a header."""
    word = line[:m.start()].split()[-1:] or [""]
    return not m.group(0).isupper() and any(c.islower() for c in word[0])


def _line_breaks(line: str) -> list[int]:
    """Offsets (in ``line``) of the blanks to turn into line breaks; none for a prose paragraph."""
    a = _anchors()
    head = line[:800]
    if not (might_hold_motto(head) or NUMBER_WORD.capitalize() in head):
        return []
    if not (a["motto"].search(head) or a["number"].search(head)):
        return []
    points: list[int] = []
    for m in a["motto"].finditer(line):
        if not _prose_motto(line, m):
            points += [m.start() - 1, m.end(), _organ_run_start(line, m.start()) - 1]
    for key in ("number", "subject", "lists"):
        points += [m.start() - 1 for m in a[key].finditer(line)]
    for m in a["date_line"].finditer(line):
        points.append(m.start() + _place_start(m.group(0)) - 1)
    for m in a["title"].finditer(line):
        points += [m.start() - 1, m.end()]
    for m in re.finditer(r"(?<=\s)(?:\*|[-_=~*]{3,})(?=\s)", line):  # the rules under the header columns
        points += [m.start() - 1, m.end()]
    points += _foot_breaks(line)
    points += _list_and_sentence_breaks(line)
    points += _opener_breaks(line)
    return sorted({p for p in points if 0 <= p < len(line)})


def _organ_run_start(line: str, motto: int) -> int:
    """"... ?p=1181 THỦ TƯỚNG CHÍNH PHỦ —– CỘNG HÒA ...": the organ's capitals printed left of the quốc hiệu, glued
    after a feed's words; where that run starts (0 when nothing else comes before it on the line)."""
    words = list(re.finditer(r"\S+", line[:motto]))
    k = len(words)
    while k and (is_upper(words[k - 1].group(0)) or not re.search(r"\w", words[k - 1].group(0))):
        k -= 1
    caps = [w for w in words[k:] if re.search(r"\w", w.group(0))]
    return words[k].start() if 0 < k < len(words) and len(caps) >= 2 else 0


def _opener_breaks(line: str) -> list[int]:
    """The first sentence of the body glued to the trích yếu or the Kính gửi list ("... nông thôn
    Trên cơ sở nội dung ..."): before a body opener (body_opener rows) or the first section heading ("I. Kết
    quả ...") written after them; not as
    the trích yếu's own first words ("V/v Thực hiện Chỉ thị ...")."""
    a = _anchors()
    marks = [m.end() for key in ("subject", "title", "lists") for m in a[key].finditer(line)]
    if not marks:
        return []
    first = min(marks)
    return [m.start() - 1 for key in ("opener", "heading") for m in a[key].finditer(line, first)
            if len(line[first: m.start()].split()) >= 2]


def _place_start(date_line: str) -> int:
    """Where the place of a glued date line starts ("... châu Phi Quảng Trị, ngày" -> "Quảng Trị"):
    the longest run of capitalised words before the comma that names a known province or district;
    else the words after any in capitals ("VIỆT NAM Hà Nội, ngày")."""
    head = date_line[: date_line.index(",")]
    words = list(re.finditer(r"\S+", head))
    for w in words:
        place = clean_place(head[w.start():])
        if lookup_province(place) or lookup_district(place):
            return w.start()
    first = next((w for w in words if not (w.group(0).isupper() and not w.group(0).endswith("."))), words[0])
    return first.start()


def _list_and_sentence_breaks(line: str) -> list[int]:
    """The dashes of the Kính gửi list, and the blank after a sentence ("... thành phố. Trước tình
    hình"; "TP. Hồ Chí Minh" is no sentence end: the word before the dot is in capitals)."""
    a = _anchors()
    points = [m.end() - 1 for m in re.finditer(r"(?<!\S)([^\W\d_]{2,})\.\s(?=\w)", line)
              if m.group(1).islower() and (line[m.end()].isupper() or line[m.end()].isdigit())]
    rec = line_patterns()["recipients"]
    for m in a["lists"].finditer(line):
        if rec.match(line[m.start():]):
            stop = next((n.start() for n in re.finditer(r"\.\s", line[m.end():])), len(line) - m.end())
            points += [m.end() + d.start() for d in re.finditer(r"\s[-–+•]\s", line[m.end(): m.end() + stop + 1])]
    return points


def _foot_breaks(line: str) -> list[int]:
    """After "Nơi nhận:": each "- entry"; then (or, without a Nơi nhận, near the end of the line) the
    signature: each capacity of the chain ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"), the role from a role
    word on, the signer's name after the capitals."""
    a = _anchors()
    dist = line_patterns()["distribution"]
    start = next((m.start() for m in a["lists"].finditer(line) if dist.match(line[m.start():])), None)
    points = [start + m.start() for m in re.finditer(r"\s[-–+•]\s", line[start:])] if start is not None else []
    caps = list(a["capacity"].finditer(line, start if start is not None else max(0, len(line) - SIGNATURE_TAIL)))
    if not caps:
        return points
    points += [m.start() - 1 for m in caps]
    cap = caps[-1]
    # the upper-case run after the capacity: authority, then the role from a role word on
    run = re.match(rf"(?:[\s,]*[{UPPER}./]+(?![^\s,]))+", line[cap.end():])
    if not run:
        return points
    run_end = cap.end() + run.end()
    for m in a["role"].finditer(line, cap.end() + 1, run_end):
        if line[m.start() - 1] == " ":
            points.append(m.start() - 1)
            break
    if run_end < len(line) and line[run_end] == " ":
        points.append(run_end)  # the signer's name follows the role
    return points


# --- where the header block starts ------------------------------------------------------------

def _anchor_kind(c: Cell) -> str | None:
    motto = _anchors()["motto"].search(c.text) if might_hold_motto(c.text) else None
    # in capitals, or opening its line: "... trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam" ends a portal's title
    if motto and (motto.group(0).isupper() or not c.text[:motto.start()].strip(" \t>*-|")):
        return "motto"
    if NUMBER_LINE.match(c.text) or NUMBER_MARK.match(c.text):   # "Số:      /TTr-VPCP": a draft not yet numbered
        return "number"
    if DATE_LINE.match(c.text) or PLACE_LINE.match(c.text):
        return "date"
    return None


def _is_anchor(c: Cell) -> bool:
    return _anchor_kind(c) is not None


def _first_anchor(all_cells: list[Cell]) -> int | None:
    """Index of the first anchor cell of a header: a quốc hiệu, or a number or date line with
    another anchor of another kind near it (a lone "Chỉ thị 04-CT/TU, ngày ..." link is no header)."""
    kinds: dict[int, str | None] = {}

    def kind(i: int) -> str | None:
        if i not in kinds:
            kinds[i] = _anchor_kind(all_cells[i])
        return kinds[i]

    for k in range(len(all_cells)):
        found = kind(k)
        if found == "motto" or found and any(
                kind(i) not in (None, found) for i in range(max(0, k - 8), min(len(all_cells), k + 9))):
            return k
    return None


def _is_header_line(c: Cell) -> bool:
    """A line a header block may hold: capitals, an anchor, a trích yếu, or its continuation."""
    text = c.stripped
    # "• Hiệu lực: ...", "- 5 Quy định 37-QĐ/TW ..." (a site's bullet list, its items numbered) start with a capital
    word = re.sub(r"^[•·▪◦*\-–+\s]*(?:\d{1,2}[.)]?\s*)?", "", text)
    return (is_blank(c.text) or is_upper(text) or _is_anchor(c) or not word[:1].isupper()
            or bool(line_patterns()["subject"].match(c.text)))


def header_start(work: str, start: int, end: int) -> int:
    """Offset where the header block starts: ``start`` unless lines that cannot belong to a header
    (a press lead, a portal title or menu, a source comment) come before the first anchor line
    (quốc hiệu, "Số:", the date line); then the upper-case lines right above that anchor."""
    all_cells = [c for c in cells(work, start, end) if c.start - start < HEADER_REACH]
    k = _first_anchor(all_cells)
    if k is None:
        return start
    j = k
    while j > 0 and (is_blank(all_cells[j - 1].text) or is_upper(all_cells[j - 1].stripped)):
        j -= 1
    if all(_is_header_line(c) for c in all_cells[:j]):
        return start
    while j < k and is_blank(all_cells[j].text):
        j += 1
    return all_cells[j].start
