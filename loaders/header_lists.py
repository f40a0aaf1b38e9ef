"""Lists of the header and the foot: Kính gửi (recipients) and Nơi nhận (distribution)."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.header_fields import DATE_LINE, line_patterns
from loaders.header_layout import UPPER, cells, is_blank, is_upper
from loaders.header_vocab import spellings, tolerant_phrase
from loaders.records import Span
from loaders.text import SourceText


MAX_ENTRY = 200  # characters of an undashed list entry; longer is running text
# a word's full stop, then a capitalised word: a sentence ("TT. HĐND tỉnh" is an abbreviation)
_SENTENCE_AFTER = re.compile(rf"(?<=[^\W\d_{UPPER}]{{2}})\.[ \t]+(?=[{UPPER}][^\W\d_{UPPER}])")
_DASH = re.compile(r"^\s*[-–+•]\s*")
_SEMICOLON_GAP = re.compile(r";[ \t]+(?=\S)")
_PIECE_DASH = re.compile(r"[-–+•][ \t]+")
_FILING_MARK = re.compile(r"^[A-ZĐ0-9]+(?:[/.][A-ZĐ0-9]+)+$")
_NOTE = re.compile(r"\([^()]*\)")   # "(để b/cáo)" on its own: a brace note on the entries above, no entry


def read_list(st: SourceText, pos: int, end: int, dashed_only: bool = False) -> list[Span]:
    """Entries of a dashed (or one-per-line) list starting at pos (just after "Kính gửi:" /
    "Nơi nhận:"). Lines that do not start a new entry continue the previous one; the list ends at
    a blank line not followed by a dash, at an entry closed by ".", at a signature line or a
    filing mark. Trailing "," ";" "." are not part of an entry. With ``dashed_only`` (a Nơi nhận
    list) an undashed line in capitals is never an entry: it is the signer's role."""
    work = st.work
    entries: list[list[int]] = []
    blank_seen = False
    first = True
    for line in re.finditer(r"[^\n]*", work[pos:end]):
        if line.start() == line.end() and line.start() and work[pos + line.start() - 1] != "\n":
            continue
        ls, le = pos + line.start(), pos + line.end()
        cell_start, le = _first_cell(work, ls, le)
        if cell_start > ls and line_patterns()["capacity"].match(work[cell_start:le]):
            le = cell_start  # "Nơi nhận: | KT. BỘ TRƯỞNG |": the signature's column, not an entry
        ls = cell_start if cell_start < le else ls
        text = work[ls:le]
        if is_blank(text):
            if not first and (entries or text.strip()):
                blank_seen = blank_seen or bool(entries)
            first = False
            continue
        first = False
        if not entries and _header_line(text):
            continue  # the right column read after a bare "Kính gửi:" (OCR): quốc hiệu, date line
        dash = _DASH.match(text)
        if blank_seen and not dash and not _wrapped_entry(work, entries, text):
            break
        blank_seen = False
        body = text.strip()
        if (line_patterns()["capacity"].match(text.lstrip(" |")) or line_patterns()["distribution"].match(text)
                or line_patterns()["recipients"].match(text) or _FILING_MARK.match(body)
                or (not dash and is_upper(body) and (entries or dashed_only))):
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
            if (prev.endswith(".") and not prev.endswith("..")) or len(body) > 150 or _opens_body(body):
                break
            entries[-1][1] = le
    # "Kính gửi: Bộ Y tế; Bộ Công Thương.": entries of one line separated by ";"
    entries = [piece for s, e in entries for piece in _split_semicolons(work, s, e)]
    spans = []
    dashed = bool(entries) and not _no_dashes(work, [list(entries[0])])
    for s, e in entries:
        seg = work[s:e].rstrip()
        if not dashed and len(seg) > MAX_ENTRY:
            break  # running text glued to the list (a flattened page): the list has ended
        glued = _SENTENCE_AFTER.search(seg)
        if glued and len(seg) - glued.end() > MAX_ENTRY // 4:
            # "- Bộ Giáo dục và Đào tạo. Vừa qua, tỉnh ...": a flattened page's body after the entry's full stop
            spans.append(st.span(s, s + glued.start()))
            break
        e = s + len(seg)
        if seg.endswith((",", ";")) or (seg.endswith(".") and not seg.endswith("..")):
            e -= 1
        span = st.span(s, e)
        if span.quote and not _NOTE.fullmatch(span.quote):
            spans.append(span)
    return spans


@lru_cache(maxsize=1)
def _opener() -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(tolerant_phrase(p) for p in spellings('body_opener'))})(?!\w)")


def _opens_body(line: str) -> bool:
    """"Hiện nay ...", "Thực hiện ...": an undashed line that opens the body ends the list above it."""
    return bool(_opener().match(line))


def _header_line(text: str) -> bool:
    """The quốc hiệu, tiêu ngữ or date line: never a list entry."""
    return bool(line_patterns()["not_issuer"].match(text.strip(" -")) or DATE_LINE.match(text))


def _wrapped_entry(work: str, entries: list[list[int]], text: str) -> bool:
    """A lower-case line after a blank line goes on with an entry left open by a comma ("- Các huyện
    ủy, thị ủy, thành ủy,\n\nđảng ủy trực thuộc Tỉnh ủy,"): OCR puts blank lines between wrapped lines."""
    return bool(entries) and text.strip()[:1].islower() and work[entries[-1][0]:entries[-1][1]].rstrip().endswith(",")


def _first_cell(work: str, ls: int, le: int) -> tuple[int, int]:
    """The first non-empty "|" cell of a list line: a table puts the other column on the same row
    ("- Như trên; | PHÓ CHỦ TỊCH |", "- Lưu: VT. | KT. CHỦ TỊCH"); the list is in the first one."""
    if "|" not in work[ls:le]:
        return ls, le
    start = ls
    for bar in [i for i in range(ls, le) if work[i] == "|"] + [le]:
        if not is_blank(work[start:bar]) or work[start:bar].strip():
            return start, bar
        start = bar + 1
    return ls, le


def _split_semicolons(work: str, s: int, e: int) -> list[tuple[int, int]]:
    """Pieces of one entry line separated by ";", except a lower-case piece after a piece with its own
    colon list ("VPCP: BTCN, các PCN; các Vụ: TH, NC": one body's units, one entry)."""
    pieces, start = [], s
    for m in _SEMICOLON_GAP.finditer(work[s:e]):
        if ":" in work[start:s + m.start()] and work[s + m.end()].islower():
            continue
        pieces.append((start, s + m.start() + 1))
        start = s + m.end()
        dash = _PIECE_DASH.match(work, start, e)   # "Nơi nhận: - Như Điều 2; - Bộ Công an": each piece dashed
        start = dash.end() if dash else start
    pieces.append((start, e))
    return pieces


def _no_dashes(work: str, entries: list[list[int]]) -> bool:
    line_start = work.rfind("\n", 0, entries[0][0]) + 1
    return not _DASH.match(work[line_start: entries[0][0] + 1])


def _wrapped_marker(work: str, marker: str, c, nxt) -> re.Match | None:
    """"Kính\ngửi: ...": a marker a PDF tool wrapped after its first word, read over the line break
    (as a space: offsets stay exact); only with its colon."""
    if not nxt or nxt[0].start != c.end + 1 or work[c.end:c.end + 1] != "\n" or not c.text.strip():
        return None
    m = line_patterns()[marker].match(work[c.start:nxt[0].end].replace("\n", " "))
    return m if m and m.end() > len(c.text) + 1 and m.group(0).rstrip().endswith(":") else None


def find_list(st: SourceText, marker: str, start: int, end: int, last: bool = False) -> list[Span]:
    """The entries after the first (or last) marker line ("recipients" or "distribution")."""
    return list(_find_list(st, marker, start, end, last))


@lru_cache(maxsize=8)   # extraction asks for a document's recipients twice (the list, then whether it is a letter)
def _find_list(st: SourceText, marker: str, start: int, end: int, last: bool) -> tuple[Span, ...]:
    found = None
    all_cells = cells(st.work, start, end)
    for i, c in enumerate(all_cells):
        m = line_patterns()[marker].match(c.text) or _wrapped_marker(st.work, marker, c, all_cells[i + 1:i + 2])
        if m and (marker != "recipients" or not is_upper(c.stripped) or is_upper(m.group(0)) and c.stripped.strip(" -:") == m.group(0).strip(" -:")):   # "ĐIỆN:" alone
            found = c.start + m.end()
            if not last:
                break
    return tuple(read_list(st, found, end, dashed_only=marker == "distribution")) if found is not None else ()
