"""The header block of an original: walk its cells and read type, number, date, place, issuer
(with parent body), subject, urgency and secrecy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Mapping

from loaders.header_fields import (
    DATE_LINE, DATE_RE, NUMBER_CUT, NUMBER_LINE, NUMBER_MARK, OF_BODY, EXCERPT_END, PLACE_LINE, SOURCE_NOTE, TRAILING_LINK, capacity_re, clean_place,
    line_patterns, normalize_number, set_date, title_type, type_from_number,
)
from loaders.header_locate import header_start, might_hold_motto
from loaders.header_layout import Cell, cells, is_blank, is_upper
from loaders.header_organs import (
    Organ, inherit, is_under, leading_body, lookup_district, lookup_province, make_organ, opens_organ, organ_row,
    split_organs, under_parent, unit_re,
)
from loaders import grammar as G
from loaders import refdata
from loaders.header_vocab import bare_key, code_label, spellings, tolerant_phrase
from loaders.records import Span
from loaders.text import SourceText, clean


# --- the header ---------------------------------------------------------------------------------

_PAGE_MARK = re.compile(r"\s*\d{1,3}\s*[.)]?\s*")   # a page number alone on its line


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
    start: int = 0               # where the header block starts (after a press lead or portal lines)


def parse_header(st: SourceText, start: int = 0, end: int | None = None) -> Header:
    """Read the header of the document in st.work[start:end]; the header block may start after
    other lines (see ``header_locate.header_start``) and be printed twice."""
    end = len(st.work) if end is None else end
    reader = _Reader(st, header_start(st.work, start, end), end)
    reader.read()
    out, ev, warns = reader.out, reader.ev, reader.warns
    _gazette_title(st, out, ev)
    _assign_organs(st, reader.organ_blocks, reader.title_at, out, ev)
    _narrow_heading_issuer(st, out, ev)
    _seat_from_place(out, warns)
    _post_issuer(st, reader.organ_blocks, reader.title_at, out, ev)
    _authority_after_subject(st, out, ev)
    has_header = bool(out.get("number") or out.get("issuer") or out.get("date"))
    if has_header:
        warns += _missing(out, out.get("title") or out.get("number") and type_from_number(out["number"]))
    if "number" not in out:  # an excerpt without its header: the number may be in the portal's link
        _trailing_link(st, reader.start, end, out, ev, warns)
    doc_type = out.get("title")
    if not doc_type and out.get("number"):
        doc_type = type_from_number(out["number"])
        if doc_type:
            ev["doc_type"] = ev["number"]
    return Header(
        doc_type=doc_type, number=out.get("number"), date=out.get("date"), place=out.get("place"),
        issuer=out.get("issuer"), parent=out.get("parent"), subject=out.get("subject"),
        urgency=out.get("urgency"), secrecy=out.get("secrecy"),
        text_kind="ORIG" if has_header else None,
        evidence={k: v for k, v in ev.items() if k != "doc_type" or doc_type},
        warnings=tuple(warns), end=reader.header_end, start=reader.start,
    )


HEADER_SPAN = 4000  # characters from the header's start after which no header line is looked for
_STOP = -1


class _Reader:
    """Walks the cells of a header block. Each ``_line_*`` method reads one kind of line: it returns
    the index of the next cell to read when the line is its kind, None when it is not, _STOP when
    the header ends there."""

    def __init__(self, st: SourceText, start: int, end: int):
        self.st, self.start, self.end = st, start, end
        self.cells = cells(st.work, start, end)
        self.out: dict = {}
        self.ev: dict[str, Span] = {}
        self.warns: list[str] = []
        self.organ_blocks: list[list[Cell]] = []  # blocks of consecutive upper-case cells
        self.title_at: int | None = None           # index in organ_blocks when the title line was met
        self.in_organ_block = False
        self.mottos: list[tuple[int, int]] = []     # quốc hiệu / tiêu ngữ spans met so far
        self.header_end = start

    def read(self) -> None:
        readers = (self._line_portal_title, self._line_number, self._line_unnumbered, self._line_place_date,
                   self._line_draft_date, self._line_subject,
                   self._line_title, self._line_mark, self._line_caps_subject, self._line_organ,
                   self._line_lower_subject)
        i = 0
        while i < len(self.cells):
            c = self.cells[i]
            i += 1
            if c.start - self.start > HEADER_SPAN:
                return
            if is_blank(c.text):
                if c.stripped:  # decoration ends an organ block
                    self.in_organ_block = False
                continue
            if not self.out and _PAGE_MARK.fullmatch(c.text):
                continue  # "1." before a flattened first page (a document site's page number)
            if _masthead().match(c.text):
                continue  # "BÁO ĐIỆN TỬ CHÍNH PHỦ": a newspaper's name over its report, no organ
            if _TICKER.search(c.text):
                continue  # "DÒNG SỰ KIỆN. * GÓP Ý ... * ĐẠI DỊCH COVID-19": a portal's row of topics, no organ
            if self._ends_header(c):
                self.header_end = c.start
                self._date_after_recipients(i)
                return
            c = self._without_motto(c)
            if c is None:
                continue
            self.header_end = c.end
            nxt = next((n for n in (read(c, i) for read in readers) if n is not None), _STOP)
            if nxt == _STOP:  # a sentence: the body has started
                self.header_end = c.start
                return
            i = nxt

    def _ends_header(self, c: Cell) -> bool:
        res = line_patterns()
        return bool(res["recipients"].match(c.text) or res["distribution"].match(c.text)
                    or res["capacity"].match(c.text))

    def _date_after_recipients(self, i: int) -> None:
        """The right column read after the left one's bare "Kính gửi:" (OCR of a two-column
        header): a date line right after it, past the quốc hiệu, is still the header's."""
        if "place" in self.out or not line_patterns()["recipients"].match(self.cells[i - 1].text):
            return
        for c in self.cells[i:]:
            if is_blank(c.text):
                continue
            c = self._without_motto(c)
            if c is None:
                continue
            m = DATE_LINE.match(c.text)
            if m:
                _set_place_date(self.st, c, m, self.out, self.ev, self.warns)
            return

    def _without_motto(self, c: Cell) -> Cell | None:
        """Cell c with the quốc hiệu / tiêu ngữ ("CỘNG HÒA ...", "ĐẢNG CỘNG SẢN VIỆT NAM") cut out,
        even when it runs over lines and cells ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM |"). It does
        not end a block of organ lines: a table or two interleaved columns put organ lines on both
        sides of it ("UBND | CỘNG HÒA ... | TỈNH X | Độc lập")."""
        if might_hold_motto(self.st.work[c.start:min(self.end, c.end + 12)].replace("\n", " ")):  # "CỘNG\nHÒA ..."
            found = line_patterns()["not_issuer"].finditer(self.st.work, c.start, min(self.end, c.end + 80))
            self.mottos += [m.span() for m in found if m.start() < c.end
                            and not _WORD_BEFORE.search(self.st.work, c.start, m.start())]   # a trích yếu's words
        if any(a < c.end and b > c.start for a, b in self.mottos):
            return _outside(c, self.mottos)
        return c

    def _field_line(self, nxt: int) -> int:
        self.in_organ_block = False
        return nxt

    def _line_number(self, c: Cell, i: int) -> int | None:
        m = NUMBER_LINE.match(c.text)
        if not m:
            c, i, m = self._wrapped_number(c, i)
        if not m:
            return None
        st, out = self.st, self.out
        if "number" not in out:  # a second "Số:" line is the header printed again
            out["number"] = normalize_number(m.group("num"))
            self.ev["number"] = st.span(c.start + m.start("num"), c.start + m.end("num"))
            rest = self._place_date_after(c, m.end())  # "Số: 454/UBND-NC Vị Thanh, ngày ...": two columns on one line
            d = DATE_RE.search(c.text, m.end())  # a telegram's "Số: 04/CĐ-UBND hồi 17 giờ ngày ..."
            if rest is not None and "place" not in out:
                _set_place_date(st, rest[0], rest[1], out, self.ev, self.warns)
            elif d and "date" not in out:
                set_date(st, c.start, d, out, self.ev, self.warns)
        return self._field_line(i)

    @staticmethod
    def _place_date_after(c: Cell, at: int):
        """The place and date line printed after the number on the same line, as a cell of its own."""
        rest = c.text[at:]
        lead = len(rest) - len(rest.lstrip())
        sub = Cell(c.start + at + lead, c.end, rest[lead:])
        m = DATE_LINE.match(sub.text) if sub.text.strip() else None
        return (sub, m) if m else None

    def _wrapped_number(self, c: Cell, i: int):
        """"Số:\n15/2023/QĐ-UBND", "Số: 16 -\nHD/BTCTW": a table cell whose number a portal wrapped onto
        the next line.
        Read as one line (the line break as a space: offsets stay exact)."""
        line = c.text.rstrip()
        if not (NUMBER_MARK.fullmatch(line) or NUMBER_CUT.fullmatch(line)) or i >= len(self.cells):
            return c, i, None
        nxt = self.cells[i]
        if nxt.start != c.end + 1 or self.st.work[c.end] != "\n":
            return c, i, None
        joined = Cell(c.start, nxt.end, self.st.work[c.start:nxt.end].replace("\n", " "))
        m = NUMBER_LINE.match(joined.text)
        if m and m.end("num") > c.end - c.start and not joined.text[m.end():].strip():
            return joined, i + 1, m
        return c, i, None

    def _line_unnumbered(self, c: Cell, i: int) -> int | None:
        """"Số:      /QĐ-UBND": a document not yet numbered (a draft, a template)."""
        if not NUMBER_MARK.match(c.text):
            return None
        self.warns.append(f"header: number line {clean(c.text)!r} has no number")
        return self._field_line(i)

    def _line_draft_date(self, c: Cell, i: int) -> int | None:
        """"Hà Nội, ngày" / "tháng" / "năm 2016": a draft's date left blank, its words on lines of their own
        (blank lines between). Read as one line (line breaks as spaces: offsets stay exact)."""
        if "place" in self.out or "date" in self.out or is_upper(c.stripped) or len(c.stripped) > 60:
            return None
        end, k, parts = c, i, 0
        while k < min(i + 6, len(self.cells)):
            nxt = self.cells[k]
            if not nxt.stripped:
                k += 1
                continue
            if not _draft_date_part().fullmatch(nxt.stripped):
                break
            end, k, parts = nxt, k + 1, parts + 1
        if not parts:
            return None
        joined = Cell(c.start, end.end, self.st.work[c.start:end.end].replace("\n", " "))
        m = PLACE_LINE.match(joined.text)
        if not m or m.end() <= c.end - c.start:
            return None
        _set_place_date(self.st, joined, m, self.out, self.ev, self.warns)
        return self._field_line(k)

    def _line_place_date(self, c: Cell, i: int) -> int | None:
        if _portal_clock(c.text):
            return None
        m = DATE_LINE.match(c.text) or PLACE_LINE.match(c.text)
        if not m:
            c, i, m = self._wrapped_place_date(c, i)
        if not m:
            return None
        if "place" not in self.out:
            _set_place_date(self.st, c, m, self.out, self.ev, self.warns)
        return self._field_line(i)

    def _wrapped_place_date(self, c: Cell, i: int, most: int = 2):
        """"Sơn\nLa, ngày 16 tháng 11\nnăm 2018": a table cell whose date line a portal wrapped over
        lines. Read as one line (line breaks as spaces: offsets stay exact) when the joined lines make
        a date line that the first line alone does not."""
        if is_upper(c.stripped) or len(c.stripped) > 60:
            return c, i, None
        end = c
        for k in range(i, min(i + most, len(self.cells))):
            nxt = self.cells[k]
            if nxt.start != end.end + 1 or self.st.work[end.end] != "\n" or is_blank(nxt.text):
                break
            end = nxt
            joined = Cell(c.start, end.end, self.st.work[c.start:end.end].replace("\n", " "))
            m = DATE_LINE.match(joined.text) or PLACE_LINE.match(joined.text)
            if m and m.end() > c.end - c.start:
                return joined, k + 1, m
        return c, i, None

    def _line_portal_title(self, c: Cell, i: int) -> int | None:
        """"Thông báo Lịch tiếp công dân của UBND xã X năm 2026 / THÔNG BÁO / Lịch tiếp công dân ...": a portal's title
        line, the type and trích yếu in sentence case, over the document's own title line of that type: skipped."""
        if self.out or is_upper(c.stripped):
            return None
        lead = _TYPE_LEAD.match(c.stripped)
        nxt = next((n for n in self.cells[i:] if not is_blank(n.text)), None)
        if not lead or nxt is None or G.type_name(lead.group(1)) != title_type(nxt.stripped)[0]:
            return None
        return i

    def _line_subject(self, c: Cell, i: int) -> int | None:
        """"V/v ...", "Về việc ..." (a second one is the header printed again: read and dropped); in quotes on a
        page that quoted it ("“V/v triển khai phòng chống lụt bão”"): the words inside."""
        quoted = _OPEN_QUOTE.match(c.text)
        if quoted and _CLOSE_QUOTE.search(c.text):
            c = Cell(c.start + quoted.end(), _CLOSE_QUOTE.search(c.text).start() + c.start, c.text[quoted.end():_CLOSE_QUOTE.search(c.text).start()])
        if not line_patterns()["subject"].match(c.text):
            return None
        first = "subject" not in self.out
        nxt = _set_subject(self.st, c, self.cells, i, self.out if first else {}, self.ev if first else {})
        return self._field_line(nxt)

    def _line_title(self, c: Cell, i: int) -> int | None:
        """"CHỈ THỊ", "CÔNG ĐIỆN KHẨN": the type (and urgency) title."""
        doc_type, urgency = title_type(c.stripped)
        last = c
        if not doc_type and "title" not in self.out:
            k = _next_filled(self.cells, i)
            doc_type, urgency = _wrapped_title(self.cells, i - 1, k)
            if doc_type:
                last, i = self.cells[k], k + 1
        if not doc_type:
            return self._line_gazette_title(c, i)
        out, ev = self.out, self.ev
        out.setdefault("title", doc_type)
        ev.setdefault("doc_type", self.st.span(c.start, last.end))
        if urgency and "urgency" not in out:
            out["urgency"] = urgency
            ev["urgency"] = self.st.span(c.start, last.end)
        self.title_at = len(self.organ_blocks) if self.title_at is None else self.title_at
        return self._field_line(i)

    def _line_gazette_title(self, c: Cell, i: int) -> int | None:
        """"CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY ... VỀ VIỆC ...", "HƯỚNG DẪN VỀ THỂ THỨC ...": a title
        on one line, its type, then the rest read as the title's words under it (_gazette_title)."""
        found = _type_then_rest(self.st.work, c) if is_upper(c.stripped) and "title" not in self.out else None
        if not found and "title" not in self.out and self.organ_blocks and self.mottos \
                and c.start >= max(b for _, b in self.mottos):   # under the organ and the motto
            found = _type_then_wrapped(self.st.work, c, self.cells, i)
        if not found:
            return None
        doc_type, urgency, type_end, rest = found
        self.out["title"], self.ev["doc_type"] = doc_type, self.st.span(c.lead, type_end)
        if urgency and "urgency" not in self.out:
            self.out["urgency"], self.ev["urgency"] = urgency, self.ev["doc_type"]
        self.title_at = len(self.organ_blocks) if self.title_at is None else self.title_at
        first = Cell(rest, c.end, self.st.work[rest:c.end])
        return self._field_line(_set_subject(self.st, first, self.cells, i, self.out, self.ev, upper=True))

    def _line_mark(self, c: Cell, i: int) -> int | None:
        """"HỎA TỐC", "MẬT", "SAO Y": urgency, secrecy and copy marks."""
        text = c.stripped
        if not is_upper(text):
            return None
        res = line_patterns()
        for key in ("urgency", "secrecy"):
            if res[key].match(text):
                self.out.setdefault(key, code_label(key, text))
                self.ev.setdefault(key, self.st.span(c.start, c.end))
                return i
        return i if copy_marker(text) else None

    def _line_caps_subject(self, c: Cell, i: int) -> int | None:
        """"QUY ĐỊNH / CHỨC NĂNG, NHIỆM VỤ ...": a trích yếu in capitals under the title."""
        if not (is_upper(c.stripped) and "subject" not in self.out
                and (_after_title(self.cells, i - 1) or self._untitled_after_date(c, i - 1))
                and _caps_subject(self.cells, i - 1)):
            return None
        return _set_subject(self.st, c, self.cells, i, self.out, self.ev, upper=True)

    def _untitled_after_date(self, c: Cell, k: int) -> bool:
        """"Số: 34/KH-UBND | Quảng Ngãi, ngày 23 tháng 02 năm 2023 | / THỰC HIỆN CHƯƠNG TRÌNH ...": a portal that dropped
        the title line leaves the trích yếu right under the place and date: three words or more, opening no body's
        name, no label ("KÍNH GỬI: ...", "DỰ THẢO"), and the text's basis under it ("Thực hiện Quyết định số ...")
        or the authority line ("THỦ TƯỚNG CHÍNH PHỦ / Căn cứ ...")."""
        prev = next((p for p in reversed(self.cells[:k]) if not is_blank(p.text)), None)
        if not ("title" not in self.out and "number" in self.out and "date" in self.out and prev is not None
                and DATE_LINE.match(prev.text) and ":" not in c.stripped and len(c.stripped.split()) > 2
                and not opens_organ(c.stripped)):
            return False
        j = k + 1
        while j < len(self.cells) and (is_blank(self.cells[j].text) or _continues_caps(self.cells[j])):
            j += 1
        return _basis_line(self.cells, j) or _authority_line(self.cells, j)

    def _line_organ(self, c: Cell, i: int) -> int | None:
        if not is_upper(c.stripped):
            return None
        if self.in_organ_block:
            self.organ_blocks[-1].append(c)
        else:
            self.organ_blocks.append([c])
        self.in_organ_block = True
        return i

    def _line_lower_subject(self, c: Cell, i: int) -> int | None:
        """"KẾ HOẠCH / thực hiện Kế hoạch số 120-KH/TU ...": a lower-case trích yếu under the title."""
        text = c.stripped
        if "subject" in self.out or len(text) >= 300 or not _after_title(self.cells, i - 1):
            return None
        if not (text[:1].islower() or _sentence_case_subject(self.cells, i - 1)):
            return None
        return _set_subject(self.st, c, self.cells, i, self.out, self.ev)


# a row of topics a portal separates by stars ("A * B * C"): two stars between words
_TICKER = re.compile(r"[^\W_][ \t]+\*[ \t]+[^\W_].*[^\W_][ \t]+\*[ \t]+[^\W_]")


# Fields an original's header normally gives; each one not found is said in the build report.
_EXPECTED = ("number", "date", "issuer", "doc_type")


def _missing(out: dict, doc_type: str | None) -> list[str]:
    found = dict(out, doc_type=doc_type)
    return [f"header: no {key.replace('_', ' ')} found" for key in _EXPECTED if not found.get(key)]


def _outside(c: Cell, spans: list[tuple[int, int]]) -> Cell | None:
    """The first non-blank part of cell c outside the given spans, or None."""
    cuts = [c.start]
    for a, b in spans:
        if a < c.end and b > c.start:
            cuts += [max(a, c.start), min(b, c.end)]
    cuts.append(c.end)
    for a, b in zip(cuts[::2], cuts[1::2]):
        piece = c.text[a - c.start: b - c.start]
        if a < b and not is_blank(piece):
            return Cell(a, b, piece)
    return None


_COLUMN_GAP = re.compile(r"\S(?:[ \t]{3,}|\t)(?=\S)")


def _portal_clock(text: str) -> bool:
    """"Thứ Tư, ngày 8 tháng 4 năm 2015", "Hôm nay, ngày ...": a portal's clock (press_phrases page_chrome),
    no date line of the document although written like one."""
    from loaders.prose import phrases   # prose reads press text with the header's modules
    return text.strip(" >*-").startswith(phrases("page_chrome"))


def _set_place_date(st, c: Cell, m, out: dict, ev: dict, warns: list[str]) -> None:
    """"Hà Nội, ngày 13 tháng 3 năm 2020": place and date; with a part of the date missing
    ("ngày 21 tháng năm 2021") the place only, and a warning."""
    # "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ       Tân Phong, ngày ...": a two-column header flattened, the left column's line
    # before a wide gap is no part of the place
    gaps = list(_COLUMN_GAP.finditer(c.text, m.start("place"), m.end("place")))
    p0 = gaps[-1].end() if gaps else m.start("place")
    out["place"] = clean_place(c.text[p0:m.end("place")])
    ev["place"] = st.span(c.start + p0, c.start + m.end("place"))
    d = DATE_RE.match(c.text, m.start("date")) if "date" in m.re.groupindex else None
    if d and "date" not in out:
        set_date(st, c.start, d, out, ev, warns)
    elif not d:
        warns.append(f"header: date line {clean(c.text)!r} has no complete date")


def _continues_caps(c: Cell) -> bool:
    """An upper-case line that opens no body's name ("... CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ" names one inside)."""
    return is_upper(c.stripped) and not (split_organs(c.stripped) and opens_organ(c.stripped))


def _organ_wrapped(all_cells: tuple[Cell, ...], j: int) -> bool:
    """Cell j is the first piece of a body's name wrapped onto the next line ("ỦY / BAN NHÂN DÂN TỈNH X")."""
    k = _next_filled(all_cells, j + 1)
    return k < len(all_cells) and is_upper(all_cells[k].stripped) and not opens_organ(all_cells[j].stripped) \
        and opens_organ(f"{all_cells[j].stripped} {all_cells[k].stripped}")


def _next_filled(all_cells: tuple[Cell, ...], j: int) -> int:
    while j < len(all_cells) and is_blank(all_cells[j].text):
        j += 1
    return j


def _authority_line(all_cells: tuple[Cell, ...], j: int) -> bool:
    """Cell j is the line naming the issuing authority between the trích yếu and the text ("QUYẾT
    ĐỊNH / PHÊ DUYỆT ... / ỦY BAN NHÂN DÂN TỈNH X / Căn cứ ..."): upper case, opening a body's name,
    followed by a line that is neither upper case nor a trích yếu (a conference's body line is)."""
    if j >= len(all_cells) or not is_upper(all_cells[j].stripped) or not opens_organ(all_cells[j].stripped):
        return False
    k = _next_filled(all_cells, j + 1)
    if k < len(all_cells) and _term_line().match(all_cells[k].stripped):
        k = _next_filled(all_cells, k + 1)  # "HỘI ĐỒNG NHÂN DÂN TỈNH X / KHÓA XIII, KỲ HỌP THỨ 7": the session line
    elif k < len(all_cells) and _continues_caps(all_cells[k]) and len(all_cells[j].stripped.split()) < 6:
        k = _next_filled(all_cells, k + 1)  # "BỘ TRƯỞNG BỘ THÔNG / TIN VÀ TRUYỀN THÔNG": the line wrapped
    after = all_cells[k] if k < len(all_cells) else None
    return after is not None and not (is_upper(after.stripped) or after.stripped[:1].islower()
                                      or line_patterns()["subject"].match(after.text))


@lru_cache(maxsize=1)
def _term_line() -> re.Pattern:
    """A council's term and session under its name ("KHÓA XIII KỲ HỌP THỨ 7"): term word and roman number."""
    return re.compile(rf"{G.piece('term')}\s+[IVXLC]+\b")


def _caps_subject(all_cells: tuple[Cell, ...], k: int) -> bool:
    """Cell k and the upper-case lines after it are the trích yếu: no body's name opens them and no
    lower-case or "về ..." trích yếu follows them ("KẾT LUẬN / HỘI NGHỊ LẦN THỨ BẢY / BAN CHẤP
    HÀNH ... / về xây dựng ..." has its trích yếu below), unless what follows is the authority line."""
    j = k
    while j < len(all_cells) and (is_blank(all_cells[j].text) or _continues_caps(all_cells[j])):
        j += 1
    if j == k:
        return False
    after = all_cells[j] if j < len(all_cells) else None
    return after is None or _authority_line(all_cells, j) or not (
        is_upper(after.stripped) or after.stripped[:1].islower() or line_patterns()["subject"].match(after.text))


def _sentence_case_subject(all_cells: tuple[Cell, ...], k: int) -> bool:
    """"QUYẾT ĐỊNH / Ban hành Quy định quản lý ... / UỶ BAN NHÂN DÂN TỈNH X": a trích yếu starting with a
    capital, its lower-case lines, then the authority line; or then the rule printed under a trích yếu
    ("THÔNG TƯ / Hướng dẫn thực hiện Nghị định ... / ________ / Thi hành ..."); or then the text's basis or its
    first section heading ("KẾ HOẠCH / Phòng, chống thiên tai năm 2015 / I. Kết quả công tác ...")."""
    c = all_cells[k]
    if not c.stripped[:1].isupper() or is_upper(c.stripped) or _header_element(c):
        return False
    if _CONVEYED.match(c.stripped):
        return True   # "THÔNG BÁO / Kết luận của Bộ trưởng X / tại Hội nghị ...": the conclusion the notice conveys
    j = k + 1
    ruled = False
    while j < len(all_cells) and (is_blank(all_cells[j].text) or all_cells[j].stripped[:1].islower()
                                  or _BRACKET_LINE.fullmatch(all_cells[j].stripped)):
        ruled = ruled or bool(all_cells[j].text.strip()) and is_blank(all_cells[j].text)
        j += 1
    return ruled or _authority_line(all_cells, j) or (c.stripped[-1:] not in _SENTENCE_END and (
        _basis_line(all_cells, j) or j < len(all_cells) and bool(_section_heading().match(all_cells[j].stripped))))


_OPEN_QUOTE, _CLOSE_QUOTE = re.compile(r'\s*[“"]'), re.compile(r'[”"]\s*$')   # a line quoted whole
_TYPE_LEAD = re.compile(G.expand(r"(%(type_word)s)\s"))   # a line opening with a type's name

# "(Gọi tắt là Chương trình 04)", "(khóa XII)": a note in brackets on its own line under the trích yếu
_BRACKET_LINE = re.compile(r"\([^()\n]{1,120}\)")


_CONVEYED = re.compile(G.expand(r"%(type_word)s\s+%(of)s\s"))   # "Kết luận của ...", "Ý kiến chỉ đạo của ..."


def _basis_line(all_cells: tuple[Cell, ...], j: int) -> bool:
    """Cell j opens the text with its basis ("Thực hiện Kế hoạch số ...", "Căn cứ Luật ..."): the line
    above it, under the title, is the trích yếu ("KẾ HOẠCH / Thông tin, tuyên truyền ... / Thực hiện ...")."""
    return j < len(all_cells) and _opens_basis(all_cells[j].stripped)


_LIST_MARK = re.compile(r"[-–+•]\s*")


def _opens_basis(text: str) -> bool:
    """The line opens the text with its basis, as an item or not ("Căn cứ Điều lệ Đảng;", "- Căn cứ ..."), or lists
    its grounds without the verb ("- Luật Công nghệ thông tin ngày 29/6/2006;", "- Nghị quyết số 57-NQ/TW ...")."""
    mark = _LIST_MARK.match(text)
    return bool(_basis_verbs().match(text, mark.end() if mark else 0)
                or mark and _listed_ground().match(text, mark.end()))


@lru_cache(maxsize=1)
def _listed_ground() -> re.Pattern:
    """A document type and its number or date: a ground listed without its verb."""
    return re.compile(G.expand(r"%(type_word)s\s+(?:[^\W\d_]+\s+){0,8}?(?:%(number_word)s\s*:?\s*\d|%(day_word)s\s+\d)"))


@lru_cache(maxsize=1)
def _basis_verbs() -> re.Pattern:
    from loaders.refdata import table
    verbs = [r["verb"] for r in table("citation_relations") if r["relation"] in ("based_on", "implements")]
    return re.compile(rf"(?:{G.alternation(verbs)})\s", re.I)


def _after_title(all_cells: tuple[Cell, ...], k: int) -> bool:
    """The non-blank cell before cell k is a type title line."""
    filled = [j for j in range(k - 1, -1, -1) if not is_blank(all_cells[j].text)][:2]
    if not filled:
        return False
    if title_type(all_cells[filled[0]].stripped)[0] is not None:
        return True
    return len(filled) == 2 and _wrapped_title(all_cells, filled[1], filled[0])[0] is not None


def _wrapped_title(all_cells: tuple[Cell, ...], j: int, k: int) -> tuple[str | None, str | None]:
    """Cells j and k, one word each, are a type title wrapped by a narrow column ("THÔNG / TƯ"); (None, None) else."""
    if k >= len(all_cells) or not all(is_upper(all_cells[x].stripped) and len(all_cells[x].stripped.split()) == 1
                                      for x in (j, k)):
        return None, None
    return title_type(f"{all_cells[j].stripped} {all_cells[k].stripped}")


def _set_subject(st, first: Cell, all_cells: tuple[Cell, ...], i: int, out, ev, upper: bool = False) -> int:
    """The trích yếu from cell ``first`` on, through the cells from index i that continue it
    (lower-case ones; with ``upper``, a trích yếu in capitals, the upper-case ones); returns the
    index of the first cell after it."""
    upper = upper or is_upper(first.stripped)
    parts = [first]
    j = i
    while j < len(all_cells):
        c = all_cells[j]
        j += 1
        if not c.text.strip():
            continue  # the empty rest of a table row ("V/v tăng cường |"), a paragraph break of a page
        if _RULE.fullmatch(c.text):
            break   # "____": the rule under the trích yếu
        if not (c.stripped[:1].islower() or upper and _continues_caps(c) and not _organ_wrapped(all_cells, j - 1)
                and not _section_heading().match(c.stripped)   # "I. CĂN CỨ PHÁP LÝ": the text's first part
                or not upper and _wrapped_on(st.work, parts, c) or _range_wrapped(parts[-1], c)
                or _colon_wrapped(parts, c)):
            break
        parts.append(c)
        i = j
    last = parts[-1]
    cut = _EXCERPT_MARK.search(last.text)   # "... TỈNH KIÊN GIANG […]": a feed's excerpt, cut there
    if cut:
        parts[-1] = Cell(last.start, last.start + cut.start(), last.text[:cut.start()])
    out["subject"] = clean(" ".join(st.work[c.start:c.end] for c in parts))
    ev["subject"] = st.span(first.lead, parts[-1].end)
    return i


_EXCERPT_MARK = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")


_SENTENCE_END = ".:;!?"
_RULE = re.compile(r"\s*[_\-–—=*.]{3,}\s*")   # a rule line drawn under a header element


def _colon_wrapped(parts: list[Cell], c: Cell) -> bool:
    """"V/v" alone on its line, "": Thực hiện quy định ..." on the next: the marker's colon and words wrapped."""
    return len(parts) == 1 and c.stripped[:1] == ":" and bool(line_patterns()["subject"].fullmatch(parts[0].stripped))
_OPEN_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–]$")
_RANGE_END = re.compile(r"(?:19|20)\d\d(?!\d)")


_RANGE_LINE = re.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d[”\")]*$")


def _range_wrapped(prev: Cell, c: Cell) -> bool:
    """"... MÙA KHÔ NĂM 2019 -" / "2020": the second year of a range wrapped onto the next line; "... GIAI ĐOẠN" /
    "2020 - 2025”": a whole range alone on the line."""
    return bool(_OPEN_RANGE.search(prev.stripped) and _RANGE_END.match(c.stripped) or _RANGE_LINE.match(c.stripped))


def _wrapped_on(work: str, parts: list[Cell], c: Cell) -> bool:
    """Cell c, starting with a capital, is the trích yếu wrapped onto its next line ("... chống dịch
    bệnh\nCovid-19\ntrên địa bàn"): the very next line (no blank line, no table cell), no wider than
    the lines before it, after a line that ends no sentence, and itself no header element."""
    prev = parts[-1]
    if c.start != prev.end + 1 or work[prev.end] != "\n" or prev.stripped[-1:] in _SENTENCE_END:
        return False
    if len(c.stripped) > max(len(p.stripped) for p in parts):
        return False
    return (not _header_element(c) or _ABBREVIATION.fullmatch(c.stripped)) and not _section_heading().match(c.stripped) \
        and not _opens_basis(c.stripped)


# "GTGT", "BHXH": capitals with no vowel are an abbreviation, no header line (every Vietnamese word has a vowel)
_ABBREVIATION = re.compile(r"(?:(?![AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ])[A-ZĐ]){2,8}[.,;]?")


@lru_cache(maxsize=1)
def _section_heading() -> re.Pattern:
    """"Phần thứ nhất": the body's first section heading, no part of the trích yếu above it."""
    return re.compile(rf"(?:{'|'.join(tolerant_phrase(p) for p in spellings('section_heading'))})(?!\w)", re.I)


# a date line's date comes after a place of a few words at most; further on, a date belongs to a
# mention inside a trích yếu ("Hướng dẫn thực hiện Nghị định số 115/2003/NĐ-CP ngày 10/10/2003")
_DATE_LINE_LEAD = 30


@lru_cache(maxsize=1)
def _masthead() -> re.Pattern:
    """A newspaper's or portal's name line (header_markers masthead rows), case-insensitive."""
    return re.compile(rf"\s*(?:{'|'.join(tolerant_phrase(p) for p in spellings('masthead'))})(?!\w)", re.I)


def _header_element(c: Cell) -> bool:
    """Cell c starts an element of the header: an upper-case line (organ, title, mark), the number,
    the date line, a trích yếu, Kính gửi, Nơi nhận, a signing capacity or the quốc hiệu."""
    res = line_patterns()
    text = c.text
    date = DATE_RE.search(text)
    return bool(is_upper(c.stripped) or NUMBER_MARK.match(text) or DATE_LINE.match(text)
                or PLACE_LINE.match(text) or date and date.start() <= _DATE_LINE_LEAD
                or any(res[k].match(text) for k in ("subject", "recipients", "distribution", "capacity"))
                or _motto_in(text))


_WORD_BEFORE = re.compile(r"[^\W\d_]*[a-zđà-ỹ]\s+$")


def _motto_in(text: str) -> bool:
    """The line holds a quốc hiệu or the Party's title, not as words of a sentence-case trích yếu ("Quản lý ...
    trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam": a lower-case word right before it)."""
    m = line_patterns()["not_issuer"].search(text)
    return bool(m) and not _WORD_BEFORE.search(text, 0, m.start())


@lru_cache(maxsize=8192)  # pure, and asked for the same lines again and again
def copy_marker(text: str) -> str | None:
    return code_label("copy_types", text) if is_upper(text) else None


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
        if parent and is_under(issuer):
            issuer = under_parent(issuer, parent)
        elif parent and not issuer.province and parent.province:
            issuer = inherit(issuer, parent)
        out["issuer"], out["parent"] = issuer, parent
        ev["issuer"] = span
        if parent:
            ev["parent_body"] = span
        return


def _seat_from_place(out: dict, warns: list[str]) -> None:
    """"ỦY BAN NHÂN DÂN" alone (its place line lost in a table) dated "Hà Nội, ngày ...": the
    State body of that place ("Ủy ban nhân dân thành phố Hà Nội")."""
    issuer, place = out.get("issuer"), out.get("place")
    if issuer is None or not place or issuer.name != issuer.keyword or issuer.open_unit or out.get("parent"):
        return
    row = organ_row(issuer.keyword)
    if (row["rest"], row["level"], row["channel"]) != ("phrase", "unit", "state"):
        return
    province, district = lookup_province(place), lookup_district(place)
    seat = f"{province[1]} {province[0]}" if province else f"{district[1]} {district[0]}" if district else None
    if place[-1:].isdigit() and unit_re().match(place):   # "Quận 10, ngày": a numbered unit names itself
        seat = place
    if seat:
        out["issuer"] = make_organ(row, seat)
        warns.append(f"issuer written as {issuer.name!r}; its place taken from the date line: {seat}")


def _trailing_link(st: SourceText, start: int, end: int, out: dict, ev: dict, warns: list[str]) -> None:
    """Number and date from the link a portal prints under an excerpt ("37/UBND-VP ngày 10/1/2022"), or
    from its source note, at the end of the excerpt or of the page's title line ("(Theo Công văn số
    602/UBND-KT, ngày 3/11/2023)"): the type too when the note writes it."""
    m = TRAILING_LINK.search(st.work, max(start, end - 200), end) or _source_note(st.work, start, end)
    if not m:
        return
    if "type" in m.re.groupindex and m.group("type") and "title" not in out:
        out["title"] = G.type_name(m.group("type"))
        ev["doc_type"] = st.span(m.start("type"), m.end("type"))
    out["number"] = normalize_number(m.group("num"))
    ev["number"] = st.span(m.start("num"), m.end("num"))
    if "date" not in out:
        set_date(st, 0, DATE_RE.match(st.work, m.start("date")), out, ev, warns)


def _source_note(work: str, start: int, end: int) -> re.Match | None:
    """A source note closing the excerpt (a byline may follow) or closing one of its first lines."""
    tail = max(start, end - 200)
    for m in SOURCE_NOTE.finditer(work, tail, end):
        if EXCERPT_END.fullmatch(work, m.end(), end):
            return m
    for line in list(re.finditer(r"\S[^\n]*", work[start:end]))[:3]:   # the title, under a portal's menu words
        m = SOURCE_NOTE.search(work, start + line.start(), start + line.end())
        if m and not work[m.end():start + line.end()].strip():
            return m
    return None


@lru_cache(maxsize=1)
def _gazette_re() -> re.Pattern:
    """The rest of a gazette title after its type: "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG 6
    NĂM 2001 VỀ VIỆC ..."."""
    return re.compile(G.expand(r"(?i:%(of)s)\s+(?P<body>[^\d]+?)\s+(?i:%(number_word)s)\s*(?P<num>%(symbol)s)\s+"
                               r"(?P<dated>%(dated)s)"), re.S)


def _type_then_rest(work: str, c: Cell) -> tuple[str, str | None, int, int] | None:
    """(type, urgency, end of the type, start of the rest) of a line opening with a title's type followed by the gazette's
    words ("CỦA ... SỐ ... NGÀY ...") or by a trích yếu ("VỀ ...", "V/V ..."); None otherwise."""
    g = _gazette_re().search(work, c.start, c.end)
    doc_type, urgency = title_type(work[c.start:g.start()]) if g else (None, None)
    if doc_type:
        return doc_type, urgency, c.lead + len(work[c.lead:g.start()].rstrip()), g.start()
    line = work[c.lead:c.end]
    for w in re.finditer(r"\s+", line[:40]):
        doc_type, urgency = title_type(line[:w.start()])
        if doc_type and line_patterns()["subject"].match(line[w.end():]):
            return doc_type, urgency, c.lead + w.start(), c.lead + w.end()
    return None


def _type_then_wrapped(work: str, c: Cell, all_cells: tuple[Cell, ...], i: int) -> tuple[str, str | None, int, int] | None:
    """"QUY CHẾ LÀM / VIỆC / CỦA ỦY BAN ...": under the organ, a type title whose narrow column wrapped the trích yếu
    onto the type's line: one or two more words after the type, the next line continuing in capitals."""
    line = work[c.lead:c.end].rstrip()
    words = list(re.finditer(r"\S+", line))
    k = _next_filled(all_cells, i)
    if not (2 <= len(words) <= 4 and is_upper(line) and k < len(all_cells) and _continues_caps(all_cells[k])):
        return None
    for n in (len(words) - 1, len(words) - 2):
        if n < 1:
            break
        doc_type, urgency = title_type(line[:words[n - 1].end()])
        if doc_type:
            return doc_type, urgency, c.lead + words[n - 1].end(), c.lead + words[n].start()
    return None


def _gazette_title(st: SourceText, out: dict, ev: dict) -> None:
    """Old documents as law portals print them (the Công báo's style): no "Số:" line, the title names the
    issuer, number and date before the trích yếu; the issuer is the one body the title names. A title
    naming only its issuer ("QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V ...") keeps the trích yếu after it."""
    subject = ev.get("subject")
    if "title" not in out or subject is None:
        return
    m = _gazette_re().match(st.work, subject.start, subject.end) if not ("number" in out or "issuer" in out) else None
    author = None if m else _title_author_re().match(st.work, subject.start, subject.end)
    found = m or author
    organs = split_organs(clean(found.group("body"))) if found else []
    if len(organs) != 1:
        return
    if m:
        out["number"], ev["number"] = normalize_number(m.group("num")), st.span(m.start("num"), m.end("num"))
        out["issuer"], ev["issuer"] = organs[0], st.span(m.start("body"), m.end("body"))
        set_date(st, m.start("dated"), G.compiled("date").search(m.group("dated")), out, ev, [])
    rest = st.span(found.end(), subject.end)
    if rest.quote:
        out["subject"], ev["subject"] = clean(st.work[rest.start:rest.end]), rest
    else:
        out.pop("subject")
        ev.pop("subject")


@lru_cache(maxsize=1)
def _title_author_re() -> re.Pattern:
    """"CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V ...": the issuer named in the title, the trích yếu after it."""
    return re.compile(G.expand(r"(?i:%(of)s)\s+(?P<body>[^\d]+?)\s+(?=(?i:%(about)s)(?![^\W_]))"), re.S)


def _narrow_heading_issuer(st: SourceText, out: dict, ev: dict) -> None:
    """"BAN CHẤP HÀNH TRUNG ƯƠNG" heads the documents of every central Party body (heading_organ
    rows); the issuer is the body that the text names with the document's own number ("Quy định số
    97-QĐ/TW ngày 7/2/2023 của Bộ Chính trị") or that signs ("T/M BỘ CHÍNH TRỊ")."""
    issuer, number = out.get("issuer"), out.get("number")
    if issuer is None or issuer.name.upper() not in {s.upper() for s in spellings("heading_organ")}:
        return
    work = st.work
    for m in line_patterns()["type_mention"].finditer(work):
        of = OF_BODY.match(work, m.end())
        if number and normalize_number(m.group("num")) == number and of:
            found = leading_body(work[of.start("body"): of.end("body")])
            if found and found[1].name != issuer.name:
                out["issuer"], ev["issuer"] = found[1], st.span(of.start("body"), of.start("body") + found[2])
                return
    for m in re.finditer(r"[^\n|]+", work):
        cap = capacity_re(delegated_only=True).match(m.group(0))
        organs = split_organs(m.group(0)[cap.end():]) if cap else []
        if organs and organs[0].name != issuer.name and organs[0].channel == issuer.channel:
            out["issuer"], ev["issuer"] = organs[0], st.span(m.start() + cap.end(), m.end())
            return
    # "BAN CHẤP HÀNH TRUNG ƯƠNG | Số: 30-HD/BTGTW" (a page that lost the "BAN TUYÊN GIÁO" line under it): the body
    # under the heading that the symbol's code names (issuer_codes.csv, central_bodies.csv parent)
    code = refdata.find_issuer_code(number) if number else None
    body = refdata.find_central_body(code.body) if code and code.body and "{" not in code.body else None
    if body is not None and body.parent == issuer.name:
        out["issuer"] = Organ(body.name, body.level, body.channel, body.name)


@lru_cache(maxsize=1)
def _draft_date_part() -> re.Pattern:
    words = G.alternation(G.words("day_word") + G.words("month_word") + G.words("year_word"), "i")
    return re.compile(rf"(?:{words})(?:\s+(?:19|20)\d\d)?")


def _post_issuer(st, blocks, title_at, out, ev) -> None:
    """"QUYẾT ĐỊNH / Về việc ... / CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH": a Quyết định or Chỉ thị
    issued by the head of the header's body, named on the line after the title; a portal that dropped
    the title line leaves that line right after the header's organ block."""
    issuer = out.get("issuer")
    if issuer is None or len(blocks) < 2:
        return
    if title_at and out.get("title") in spellings("issuing_verb"):
        block = blocks[title_at]
    elif title_at is None and out.get("title") is None:
        block = blocks[1]
    else:
        return
    lines = tuple(c.stripped for c in block)
    organs = split_organs(" ".join(lines), lines)
    if len(organs) == 1 and organs[0].name != issuer.name and _heads(organs[0], issuer):
        out["issuer"] = _seated(organs[0], issuer)
        ev["issuer"] = st.span(block[0].start, block[-1].end)


def _authority_after_subject(st, out, ev) -> None:
    """A PDF flattened to one line: "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT ... ỦY BAN NHÂN DÂN TỈNH Căn cứ ...": the
    authority line glued to the trích yếu in capitals ends it; its head, when it names one, issues."""
    subject, issuer, span = out.get("subject"), out.get("issuer"), ev.get("subject")
    if not subject or issuer is None or span is None or not is_upper(subject) or "\n" in span.quote:
        return   # a trích yếu of its own lines ends before the authority line's
    for m in re.finditer(r"\s+(?=\S)", subject):
        tail = subject[m.end():]
        if re.search(rf"(?<!\w)(?i:{G.piece('of')})$", subject[:m.start()]):
            continue   # "QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH": the body the subject names
        organs = split_organs(tail, (tail,))
        if len(organs) != 1 or bare_key(organs[0].name) != bare_key(tail):
            continue
        organ = organs[0]
        same = not (organ.province or organ.district) and issuer.name.startswith(organ.name) and issuer.locality_phrase
        if not (same or _heads(organ, issuer) and organ.name != issuer.name):
            continue
        at = re.search(r"\s+" + r"\s+".join(map(re.escape, tail.split())) + r"\s*$", span.quote)
        if at is None:
            return
        out["subject"] = subject[:m.start()]
        ev["subject"] = st.span(span.start, span.start + at.start())
        if not same:
            out["issuer"] = _seated(organ, issuer)
        return


def _seated(head, issuer):
    """The head of the header's body ("Chủ tịch Ủy ban nhân dân tỉnh") in that body's place."""
    return replace(head, province=issuer.province, province_kind=issuer.province_kind,
                   district=issuer.district, district_kind=issuer.district_kind)


def _heads(organ, issuer) -> bool:
    """The organ names the head of the issuer: "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", or without the
    locality the header gives ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" under "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH")."""
    key = bare_key(organ.name)
    if key.endswith(bare_key(issuer.name)):
        return True
    if organ.province or organ.district or not issuer.locality_phrase or not issuer.name.endswith(issuer.locality_phrase):
        return False
    stem = issuer.name[:-len(issuer.locality_phrase)].strip()
    kind = issuer.district_kind or issuer.province_kind or ""
    return any(key.endswith(bare_key(s)) and key != bare_key(s) for s in (f"{stem} {kind}", stem))
