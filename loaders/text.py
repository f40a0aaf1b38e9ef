"""Canonical text and the working view the parsers match against.

``SourceText.canonical`` is the decoded document in NFC: every evidence span indexes it.
``SourceText.work`` has exactly the same length and offsets, with the differences that make
matching simple and records identical across spellings:
- old tone placement unified with the new one ("Hoà" -> "Hòa", "uỷ" -> "ủy"; data/reference/tone_placement.csv),
- tone marks left alone after a blank (a PDF tool's broken syllables) masked by spaces,
- Markdown markers masked by spaces ("**", "\\*" escapes, "*" around italics), so a regex with ``\\s+``
  reads through them,
- a document flattened into one line by a PDF tool gets its line breaks back at the header's anchors
  (a blank becomes "\\n"; ``loaders.header_locate.break_flattened``).
Values handed to records are taken from ``work`` and whitespace-collapsed (``clean``);
quotes are taken from ``canonical``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from loaders.records import Span

_MARKDOWN = re.compile(r"\\\*|\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|^#+ |\\(?=[\\`_\[\]()#.!-])", re.M)
# "Số: 54/KH-UBND \\r\\n | ...": a portal's line breaks printed as escapes (a table cell's source)
_ESCAPED_BREAK = re.compile(r"(?:\\r)?\\n")


@lru_cache(maxsize=1)
def _tone_table() -> tuple[re.Pattern, dict[str, str]]:
    from loaders.refdata import table as reference  # refdata imports this module; read at first use
    table: dict[str, str] = {}
    for row in reference("tone_placement"):
        old, new = unicodedata.normalize("NFC", row["old"]), unicodedata.normalize("NFC", row["new"])
        table[old] = new
        table[old.upper()] = new.upper()
        table[old[0].upper() + old[1:]] = new[0].upper() + new[1:]
    from loaders.grammar import alternation  # a trie: the longest spelling first, as before, 3x faster than a flat list
    alternatives = alternation(table)
    # Only at the end of a syllable and not after "q": "quý" and "hoàn" are already new-style.
    return re.compile(rf"(?<![qQ])({alternatives})(?!\w)"), table


def unify_tones(text: str) -> str:
    """Old tone placement -> new ("Hoà" -> "Hòa"); length-preserving on NFC text."""
    pattern, table = _tone_table()
    return pattern.sub(lambda m: table[m.group(1)], text)


@lru_cache(maxsize=1)
def _glyphs() -> tuple[dict[int, str], re.Pattern]:
    """Look-alike characters read as the one they stand for (fraction slash "⁄" -> "/"): the glyph
    rows of ocr_confusables.csv, one character for one, so offsets stay; and a pattern finding them."""
    from loaders.grammar import confusables  # refdata imports this module; read at first use
    table = {ord(w): r for w, r in confusables("glyph") if len(w) == len(r) == 1}
    return table, re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]" if table else r"(?!)")


def mask_markdown(text: str) -> str:
    """Replace Markdown markers by spaces of the same length."""
    if "*" not in text and "#" not in text and "\\" not in text:  # every marker has one of these: most texts have none
        return text
    text = _ESCAPED_BREAK.sub(lambda m: " " * len(m.group(0)), text)
    return _MARKDOWN.sub(lambda m: " " * len(m.group(0)), text)


_DETACHED_MARKS = re.compile(r"(?:(?<=\s)|^)[\u0300-\u036f]+", re.M)


def mask_detached_marks(text: str) -> str:
    """Tone marks standing alone after a blank (a PDF tool's text where "hại" came out "hai ̣"): spaces
    of the same length, so the words around them read as a text without them."""
    return _DETACHED_MARKS.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class SourceText:
    canonical: str
    work: str

    @classmethod
    def from_text(cls, text: str) -> "SourceText":
        canonical = unicodedata.normalize("NFC", text)
        work = mask_detached_marks(mask_markdown(unify_tones(canonical)))
        from loaders.header_locate import break_flattened  # imports refdata, which imports this module
        from loaders.grammar import mask_doubled, repair_caps
        work = mask_doubled(repair_caps(break_flattened(work)))
        if _glyphs()[1].search(work):   # translate is slow per character: most texts have none
            work = work.translate(_glyphs()[0])
        assert len(work) == len(canonical)
        return cls(canonical, work)

    def span(self, start: int, end: int) -> Span:
        """Evidence for work[start:end], trimmed of surrounding blanks and markers."""
        while start < end and self.work[start].isspace():
            start += 1
        while end > start and self.work[end - 1].isspace():
            end -= 1
        return Span(start, end, self.canonical[start:end])

    def value(self, start: int, end: int) -> str:
        """The matching value: the working text of [start, end) with whitespace collapsed."""
        return clean(self.work[start:end])


_SPACES = re.compile(r"\s+")
BRACKETED = re.compile(r"\s*\([^()]*\)")   # "(UBND)", "(nhiệm kỳ 2021 - 2026)": words in brackets beside a name


def clean(value: str) -> str:
    """Collapse whitespace (line breaks included) and trim."""
    return " ".join(value.split())  # = _SPACES.sub(" ", value).strip(): str.split and \s agree on whitespace, 3x faster
