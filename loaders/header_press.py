"""Facts named in running text: the organ speaking ("Ban Thường vụ Tỉnh ủy yêu cầu"), the body
that issues a Chỉ thị ("Chủ tịch UBND tỉnh Chỉ thị:"), the document a press text reports, a page
title naming the document."""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.header_fields import DATE, DATE_RE, OF_BODY, line_patterns, normalize_number, set_date
from loaders.header_layout import cells, is_blank
from loaders.header_organs import Organ, body_in_text, body_name_re
from loaders.header_parse import Header
from loaders.header_vocab import bare_key, literal_alternation, spellings, title_names
from loaders.records import Span
from loaders.refdata import table
from loaders.text import SourceText, clean


@dataclass(frozen=True)
class Acting:
    acting: str | None      # "Ban Thường vụ"
    organ: Organ            # the committee / body: "Tỉnh ủy" (+ locality when written)
    span: Span


def find_acting(st: SourceText, start: int, end: int, with_prefix: bool) -> Acting | None:
    """The first "<body> yêu cầu / đã chỉ đạo / thông báo" of the text (the organ speaking)."""
    verbs = literal_alternation(spellings("acting_verb"))
    pattern = re.compile(rf"{body_name_re().pattern}\s+(?i:(?:vừa\s+)?{verbs})(?!\w)")
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
    cue = re.compile(rf"{literal_alternation(spellings('report_cue'))}\s+(?:\S+\s+)?$", re.I)
    for m in line_patterns()["type_mention"].finditer(work, start, end):
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
            set_date(st, 0, DATE_RE.search(work, pos, d.end()), out, ev, warns)
            pos = d.end()
        else:  # "Ngày 29 tháng 12/2020  Ban Thường vụ ... đã ban hành Chỉ thị số ..."
            sentence = max(work.rfind(". ", 0, m.start()) + 2, line_start)
            d = DATE_RE.search(work, sentence, m.start())
            if d:
                set_date(st, 0, d, out, ev, warns)
        issuer = None
        of = OF_BODY.match(work, pos)
        if of:
            found = body_in_text(work[of.start("body"): of.end("body")])
            if found:
                issuer = found[1]
                ev["issuer"] = st.span(of.start("body"), of.end("body"))
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
        names = literal_alternation(r["name_vi"] for r in table("doc_types"))
        if re.match(rf"\s*{names}\s+(?i:về)\s", c.text, re.I):
            return st.value(c.start, c.end), st.span(c.start, c.end)
        return None
    return None


def _canonical_type(written: str) -> str:
    return title_names().get(bare_key(written), clean(written))
