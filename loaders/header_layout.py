"""Lines and cells of the working text: the units the header parser walks over."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.grammar import UPPER  # noqa: F401  (one capitals class; re-exported for the header modules)


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
    at, end = start, max(start, min(end, len(work)))  # as slicing would clamp it
    for m in _CELL_END.finditer(work, start, end):  # the pieces between line breaks and "|"
        out.append(Cell(at, m.start(), work[at:m.start()]))
        at = m.end()
    out.append(Cell(at, end, work[at:end]))
    return tuple(out)


# line breaks, "|" table cells, and a decoration rule printed inside a line between two fields
# ("THỦ TƯỚNG CHÍNH PHỦ --------------- Số: 24/CT-TTg": a header flattened with its rule); the rule's first
# dash before its look-behind, so that the scan skips to the characters "\n", "|" and "-" (2x faster)
_CELL_END = re.compile(r"[\n|]|-(?<=[^\s\-][ \t]-)-{4,}(?=[ \t]+[^\s\-])")


_ALNUM = re.compile(r"[^\W_]")


def is_blank(text: str) -> bool:
    """Blank or decoration only ("*", "-------")."""
    return not _ALNUM.search(text)


_LONG_CAPS = 400   # longer than this, a line is prose (or a flattened page) whatever its case


@lru_cache(maxsize=8192)
def is_upper(text: str) -> bool:
    """Header, title and role lines: (almost) all capitals, and short. (Cached: every stage asks
    about the same lines.) A long line counts only when all capitals: a trích yếu of 200-400
    characters written on one line ("THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY ... CỦA ĐẢNG")."""
    if len(text) > _LONG_CAPS:
        return False
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))  # Vietnamese letters are all cased
    if len(text) > 160:
        return upper >= 0.98 * cased
    return cased >= 2 and upper >= 0.85 * cased



def title_case(text: str) -> str:
    # each part of a hyphenated name too: "BÀ RỊA-VŨNG TÀU" -> "Bà Rịa-Vũng Tàu"
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in text.split())

