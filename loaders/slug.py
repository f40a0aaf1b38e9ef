"""IRI slugs: NFC, đ/Đ -> d, diacritics stripped, lower case, runs of non-alphanumerics -> "-"."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """"Đắk Lắk" -> "Dak Lak" (case kept)."""
    if text.isascii():  # nothing to normalise or strip (file names, numbers): called once a file a stage
        return text
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """"Ban Tuyên giáo Tỉnh ủy Ninh Bình" -> "ban-tuyen-giao-tinh-uy-ninh-binh"."""
    return _NON_ALNUM.sub("-", strip_diacritics(text).lower()).strip("-")
