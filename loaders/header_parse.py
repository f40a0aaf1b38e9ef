"""The header block of an original: walk its cells and read type, number, date, place, issuer
(with parent body), subject, urgency and secrecy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping

from loaders.header_fields import (
    OF_BODY, TRAILING_LINK, capacity_re, DATE_LINE, DATE_RE, NUMBER_LINE, PLACE_LINE, clean_place, line_patterns, normalize_number, set_date,
    title_type, type_from_number,
)
from loaders.header_locate import header_start
from loaders.header_layout import Cell, cells, is_blank, is_upper
from loaders.header_organs import (
    Organ, inherit, leading_body, lookup_district, lookup_province, make_organ, organ_row, split_organs,
)
from loaders.header_vocab import bare_key, code_label, spellings
from loaders.records import Span
from loaders.text import SourceText, clean


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


def parse_header(st: SourceText, start: int = 0, end: int | None = None) -> Header:
    """Read the header of the document in st.work[start:end]; the header block may start after
    other lines (see ``header_locate.header_start``) and be printed twice."""
    work = st.work
    end = len(work) if end is None else end
    start = header_start(work, start, end)
    res = line_patterns()
    ev: dict[str, Span] = {}
    warns: list[str] = []
    out: dict = {}
    organ_cells: list[list[Cell]] = []    # blocks of consecutive upper-case cells
    title_seen_at = None                  # index in organ_cells when the title line was met
    last_was_organ = False
    all_cells = cells(work, start, end)
    mottos: list[tuple[int, int]] = []   # quốc hiệu / tiêu ngữ spans met so far
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
        # the quốc hiệu / tiêu ngữ ("CỘNG HÒA ...", "ĐẢNG CỘNG SẢN VIỆT NAM"), even split over lines,
        # is cut out of the cells it covers
        # is cut out of the cells it covers; it does not end a block of organ lines, which a table
        # or two interleaved columns put on both sides of it ("UBND | CỘNG HÒA ... | TỈNH X | Độc lập")
        # (a span may run on into the next cells: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM |")
        mottos += [m.span() for m in res["not_issuer"].finditer(work, c.start, min(end, c.end + 80)) if m.start() < c.end]
        if any(a < c.end and b > c.start for a, b in mottos):
            c = _outside(c, mottos)
            if c is None:
                continue
            text = c.stripped
        header_end = c.end
        m = NUMBER_LINE.match(c.text)
        if m:
            if "number" not in out:  # a second "Số:" line is the header printed again
                out["number"] = normalize_number(m.group("num"))
                ev["number"] = st.span(c.start + m.start("num"), c.start + m.end("num"))
                d = DATE_RE.search(c.text, m.end())
                if d and "date" not in out:
                    set_date(st, c.start, d, out, ev, warns)
            last_was_organ = False
            continue
        m = DATE_LINE.match(c.text) or PLACE_LINE.match(c.text)
        if m:
            if "place" not in out:
                _set_place_date(st, c, m, out, ev, warns)
            last_was_organ = False
            continue
        if res["subject"].match(c.text):
            i = _set_subject(st, c, all_cells, i, out if "subject" not in out else {}, ev if "subject" not in out else {})
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
            out.setdefault("urgency", code_label("urgency", text))
            ev.setdefault("urgency", st.span(c.start, c.end))
            continue
        if is_upper(text) and res["secrecy"].match(text):
            out.setdefault("secrecy", code_label("secrecy", text))
            ev.setdefault("secrecy", st.span(c.start, c.end))
            continue
        if copy_marker(text):
            continue
        if is_upper(text) and "subject" not in out and _after_title(all_cells, i - 1) and _caps_subject(all_cells, i - 1):
            # "QUY ĐỊNH / CHỨC NĂNG, NHIỆM VỤ ...": a trích yếu in capitals under the title
            i = _set_subject(st, c, all_cells, i, out, ev, upper=True)
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
    _narrow_heading_issuer(st, out, ev)
    _seat_from_place(out, warns)
    has_header = bool(out.get("number") or out.get("issuer") or out.get("date"))
    if has_header:
        warns += _missing(out, out.get("title") or out.get("number") and type_from_number(out["number"]))
    if "number" not in out:  # an excerpt without its header: the number may be in the portal's link
        _trailing_link(st, start, end, out, ev, warns)
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
        warnings=tuple(warns), end=header_end,
    )


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


def _set_place_date(st, c: Cell, m, out: dict, ev: dict, warns: list[str]) -> None:
    """"Hà Nội, ngày 13 tháng 3 năm 2020": place and date; with a part of the date missing
    ("ngày 21 tháng năm 2021") the place only, and a warning."""
    out["place"] = clean_place(m.group("place"))
    ev["place"] = st.span(c.start + m.start("place"), c.start + m.end("place"))
    d = DATE_RE.match(c.text, m.start("date")) if "date" in m.re.groupindex else None
    if d and "date" not in out:
        set_date(st, c.start, d, out, ev, warns)
    elif not d:
        warns.append(f"header: date line {clean(c.text)!r} has no complete date")


def _continues_caps(c: Cell) -> bool:
    return is_upper(c.stripped) and not split_organs(c.stripped)


def _caps_subject(all_cells: tuple[Cell, ...], k: int) -> bool:
    """Cell k and the upper-case lines after it are the trích yếu: no body is named in them and no
    lower-case or "về ..." trích yếu follows them ("KẾT LUẬN / HỘI NGHỊ LẦN THỨ BẢY / BAN CHẤP
    HÀNH ... / về xây dựng ..." has its trích yếu below)."""
    j = k
    while j < len(all_cells) and (is_blank(all_cells[j].text) or _continues_caps(all_cells[j])):
        j += 1
    if j == k:
        return False
    after = all_cells[j] if j < len(all_cells) else None
    return after is None or not (is_upper(after.stripped) or after.stripped[:1].islower()
                                 or line_patterns()["subject"].match(after.text))


def _after_title(all_cells: tuple[Cell, ...], k: int) -> bool:
    """The non-blank cell before cell k is a type title line."""
    prev = next((c for c in reversed(all_cells[:k]) if not is_blank(c.text)), None)
    return prev is not None and title_type(prev.stripped)[0] is not None


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
        if not (c.stripped[:1].islower() or upper and _continues_caps(c)):
            break
        parts.append(c)
        i = j
    out["subject"] = clean(" ".join(st.work[c.start:c.end] for c in parts))
    ev["subject"] = st.span(first.lead, parts[-1].end)
    return i


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
        if parent and not issuer.province and parent.province:
            issuer = inherit(issuer, parent)
        out["issuer"], out["parent"] = issuer, parent
        ev["issuer"] = span
        if parent:
            ev["parent_body"] = span
        _post_issuer(st, blocks[title_at:title_at + 1] if title_at else [], out, ev)
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
    if seat:
        out["issuer"] = make_organ(row, seat)
        warns.append(f"issuer written as {issuer.name!r}; its place taken from the date line: {seat}")


def _trailing_link(st: SourceText, start: int, end: int, out: dict, ev: dict, warns: list[str]) -> None:
    """Number and date from the link a portal prints under an excerpt ("37/UBND-VP ngày 10/1/2022")."""
    m = TRAILING_LINK.search(st.work, max(start, end - 200), end)
    if not m:
        return
    out["number"] = normalize_number(m.group("num"))
    ev["number"] = st.span(m.start("num"), m.end("num"))
    if "date" not in out:
        set_date(st, 0, DATE_RE.match(st.work, m.start("date")), out, ev, warns)


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


def _post_issuer(st, blocks, out, ev) -> None:
    """"QUYẾT ĐỊNH / Về việc ... / CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH": a Quyết định or Chỉ thị
    issued by the head of the header's body, named on the line after the title."""
    issuer = out["issuer"]
    if out.get("title") not in spellings("issuing_verb"):
        return
    for block in blocks:
        lines = tuple(c.stripped for c in block)
        organs = split_organs(" ".join(lines), lines)
        if len(organs) == 1 and organs[0].name != issuer.name and bare_key(organs[0].name).endswith(bare_key(issuer.name)):
            out["issuer"] = replace(organs[0], province=issuer.province, province_kind=issuer.province_kind,
                                    district=issuer.district, district_kind=issuer.district_kind)
            ev["issuer"] = st.span(block[0].start, block[-1].end)
