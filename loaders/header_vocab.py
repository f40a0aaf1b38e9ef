"""Vocabulary of the header parser: rows of header_markers.csv by kind, the code lists (urgency,
secrecy, doc types) and the lookup key they are compared with. Nothing here knows about layout."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.refdata import table
from loaders.slug import strip_diacritics


@lru_cache(maxsize=None)
def markers(kind: str) -> tuple[dict[str, str], ...]:
    """Rows of header_markers.csv of one kind."""
    return tuple(r for r in table("header_markers") if r["kind"] == kind)


def spellings(kind: str) -> tuple[str, ...]:
    return tuple(r["spelling"] for r in markers(kind))


# Between the words of a printed phrase: spaces, line breaks, table cells "|", any dash.
_GAP = r"(?:[\s|]*[-–—][\s|]*|[\s|]+)"


def tolerant_phrase(phrase: str) -> str:
    """Regex of a printed phrase as damaged layouts give it: words across line breaks and "|" cells,
    any dash, and words of one or two letters optional (PDF extraction drops short words:
    "Độc lập - Tự - Hạnh phúc"). Match it case-insensitively."""
    words = [w for w in re.split(r"[\s\-–—]+", phrase) if w]
    out = re.escape(words[0])
    for w in words[1:]:
        piece = _GAP + re.escape(w)
        out += f"(?:{piece})?" if len(w) <= 2 else piece
    return out


def code_list(name: str) -> tuple[tuple[str, str], ...]:
    """(spelling, label_vi) pairs of a code list with a ``spellings`` column (urgency, secrecy...)."""
    return tuple(
        (s, r["label_vi"]) for r in table(name) for s in r["spellings"].split("|") if s
    )


@lru_cache(maxsize=4096)
def bare_key(text: str) -> str:
    """Diacritics stripped, đ -> d, lower case, letters and digits only: a lookup key."""
    return "".join(c for c in strip_diacritics(text) if c.isalnum()).lower()


@lru_cache(maxsize=1)
def type_codes() -> dict[str, str]:
    return {r["code"]: r["name_vi"] for r in table("doc_types")}


def code_label(code_list_name: str, text: str) -> str | None:
    return _code_labels(code_list_name).get(bare_key(text))


@lru_cache(maxsize=None)
def _code_labels(code_list_name: str) -> dict[str, str]:
    """bare_key of a spelling -> its label, the first spelling of the list winning (code_label's scan, done once)."""
    labels: dict[str, str] = {}
    for s, label in code_list(code_list_name):
        labels.setdefault(bare_key(s), label)
    return labels


@lru_cache(maxsize=1)
def title_names() -> dict[str, str]:
    return {bare_key(r["name_vi"]): r["name_vi"] for r in table("doc_types")}


@lru_cache(maxsize=1)
def long_title_names() -> dict[str, str]:
    """title_names and the aliases that go on from their type's name ("THÔNG TƯ LIÊN TỊCH", "CHƯƠNG TRÌNH HÀNH
    ĐỘNG"), not those that add an urgency ("CÔNG ĐIỆN KHẨN": the title's urgency is read apart)."""
    names = dict(title_names())
    urgent = {bare_key(s) for s, _ in code_list("urgency")}
    for r in table("doc_types"):
        key = bare_key(r["name_vi"])
        for alias in filter(None, r["aliases"].split("|")):
            k = bare_key(alias)
            if k.startswith(key) and k != key and k[len(key):] not in urgent:
                names.setdefault(k, r["name_vi"])
    return names
