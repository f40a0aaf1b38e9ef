"""Signature block (signer name, role, signing capacity), the Nơi nhận list, and the copy block
(SAO LỤC / SAO Y) that a copying body adds after the original's signature."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from loaders.header_fields import DATE_LINE, NUMBER_LINE, capacity_re, line_patterns
from loaders.header_layout import Cell, cells, is_blank, is_upper
from loaders.header_organs import lookup_province
from loaders.header_lists import find_list
from loaders.header_parse import Header, copy_marker, parse_header
from loaders.grammar import alternation, type_name
from loaders.header_vocab import markers
from loaders.refdata import table
from loaders.records import CopyRecord, Signer, Span
from loaders.text import SourceText, clean


@dataclass(frozen=True)
class SignatureBlock:
    signer: Signer | None = None
    distribution: tuple[str, ...] = ()
    evidence: Mapping[str, Span] = field(default_factory=dict)  # keys without prefix: "signer.name"


def _signed_mark(text: str) -> bool:
    folded = clean(text).strip("() ").lower()
    return any(folded == m.lower() for m in (r["spelling"] for r in markers("signed_mark")))


def name_like(text: str) -> bool:
    """"Trần Hồng Quảng": 2 to 6 capitalised words, letters only."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words) \
        and not lookup_province(text)   # "Quảng Trị" under a portal's heading is a place, no signer


def _role_like(text: str) -> bool:
    """A post in capitals; not the Nơi nhận head, a list entry, or an annex's title ("KẾ HOẠCH" under
    "KT. THỦ TƯỚNG" when the portal dropped the signer's lines)."""
    return is_upper(text) and not line_patterns()["distribution"].match(text) and not text.lstrip().startswith(("-", "+")) \
        and type_name(text) is None


def parse_signature(st: SourceText, start: int, end: int) -> SignatureBlock:
    """Signer and distribution of the document in st.work[start:end]."""
    ev: dict[str, Span] = {}
    dist = find_list(st, "distribution", start, end, last=True)
    for i, span in enumerate(dist):
        ev[f"distribution[{i}]"] = span
    lines = [c for c in cells(st.work, start, end) if not is_blank(c.text) and "|" not in c.text]
    signer = _signer(st, lines, ev)
    return SignatureBlock(signer, tuple(_value(st, s) for s in dist), ev)


def _value(st: SourceText, span: Span) -> str:
    return st.value(span.start, span.end)


def _signer(st: SourceText, lines: list[Cell], ev: dict[str, Span]) -> Signer | None:
    cap = capacity_re(delegated_only=True)
    auth_i = max((i for i, c in enumerate(lines) if cap.match(c.text) and is_upper(c.stripped)), default=None)
    role_i = name_i = None
    if auth_i is not None:
        name_i = next((j for j in range(auth_i + 1, len(lines)) if name_like(lines[j].stripped)), None)
        # the role: the first line in capitals after the authority (in a table the Nơi nhận column's
        # "- entries" come between them, row by row)
        role_i = next((j for j in range(auth_i + 1, name_i if name_i is not None else min(len(lines), auth_i + 2))
                       if _role_like(lines[j].stripped) and not cap.match(lines[j].text)), None)
    else:
        # own-name signature: a role line right above the last name ("BỘ TRƯỞNG, CHỦ NHIỆM" / "Mai Tiến Dũng")
        name_i = max((i for i, c in enumerate(lines) if name_like(c.stripped)), default=None)
        if name_i is None:
            return None
        j = name_i - 1
        while j >= 0 and _signed_mark(lines[j].stripped):
            j -= 1
        if j < 0 or not _role_like(lines[j].stripped):
            return None
        role_i = j
    if name_i is None and role_i is None and auth_i is None:
        return None
    # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": the chain of capacities is one authority, its lines joined
    # (as the one-line "KT. BỘ TRƯỞNG, CHỦ NHIỆM")
    first = auth_i
    while first is not None and first > 0 and cap.match(lines[first - 1].text) and is_upper(lines[first - 1].stripped):
        first -= 1
    out = {}
    for key, i in (("authority", auth_i), ("role", role_i), ("name", name_i)):
        if i is not None:
            c = lines[i]
            start = lines[first].start if key == "authority" else c.start
            ev[f"signer.{key}"] = st.span(start, c.end)
            out[key] = st.value(start, c.end)
    if "authority" in out:
        out["authority"] = with_capacity_dots(out["authority"])
    return Signer(name=out.get("name"), role=out.get("role"), authority=out.get("authority"))


def with_capacity_dots(authority: str) -> str:
    """"KT CHỦ TỊCH" -> "KT. CHỦ TỊCH": a capacity code written without its dot (the dotted
    spelling is in signing_capacities.csv) gets it back; "T/M", "KT." stay as written."""
    return _capacity_without_dot().sub(r"\1.", authority)


@lru_cache(maxsize=1)
def _capacity_without_dot() -> re.Pattern:
    dotted = {s[:-1] for r in table("signing_capacities") for s in r["spellings"].split("|") if s.endswith(".")}
    return re.compile(rf"(?<![\w./])({alternation(dotted)})(?=\s)")


# --- the copy block ----------------------------------------------------------------------------

def find_copy_start(st: SourceText) -> int | None:
    """Start of a SAO LỤC / SAO Y block that follows the original's signature: the copy's own
    header lines (body name, number, date) above the marker are part of it."""
    work = st.work
    all_cells = cells(work)
    for k, c in enumerate(all_cells):
        if len(c.text) > 40 or not copy_marker(c.stripped):
            continue
        before = work[: c.start]
        if "./." not in before and not line_patterns()["capacity"].search(before) and "Nơi nhận" not in before:
            continue  # a marker above the text, not a copy made after the original
        start = c.start
        for prev in reversed(all_cells[:k]):
            text = prev.stripped
            # the copying body's lines: upper case, but not the original's signing capacity
            if is_blank(text) or NUMBER_LINE.match(prev.text) or DATE_LINE.match(prev.text) \
                    or (is_upper(text) and not line_patterns()["capacity"].match(prev.text)):
                start = prev.start if not is_blank(text) else start
                continue
            break
        return start
    return None


@dataclass(frozen=True)
class CopyBlock:
    record: CopyRecord
    header: Header
    evidence: Mapping[str, Span]   # keys prefixed "copy."


def parse_copy(st: SourceText, start: int, end: int | None = None) -> CopyBlock:
    end = len(st.work) if end is None else end
    head = parse_header(st, start, end)
    sig = parse_signature(st, start, end)
    doc_type = None
    for c in cells(st.work, start, end):
        doc_type = copy_marker(c.stripped)
        if doc_type:
            break
    ev = {f"copy.{k}": v for k, v in head.evidence.items() if k in ("number", "date", "place", "issuer", "doc_type")}
    ev.update({f"copy.{k}": v for k, v in sig.evidence.items()})
    record = CopyRecord(
        doc_type=doc_type or head.doc_type or "Sao lục", number=head.number, date=head.date, place=head.place,
        issuer=head.issuer.name if head.issuer else None, signer=sig.signer, distribution=sig.distribution,
    )
    return CopyBlock(record, head, ev)
