"""Named regex pieces of the documents' grammar, built once from data/reference.

The words come from ``grammar_words.csv`` (plural "các|những", "số", the date words and separators,
honorifics), the document-type words from ``citation_patterns.csv`` (kind ``type_word``) and
``doc_types.csv`` (``name_vi``). Parsers combine the pieces by name instead of writing the Vietnamese
fragments again::

    from loaders import grammar as G
    rx = re.compile(G.expand(r"%(type_word)s\\s+%(number_word)s\\s*(?P<num>%(symbol)s)"))

Pieces (``piece(name)``): ``date`` (groups d, m, y: "28/7/2020", "09.12.2020", "31 tháng 3 năm 2020"),
``dated`` ("ngày " + date), ``symbol`` (a number with its symbol: "472/UBND-VP6", "48 -CT/TW",
"30/2020/NĐ-CP"), ``bare_number`` (digits with no symbol after them: "1409" of "Công điện số 1409
ngày ..."), ``symbol_part``, ``number_word`` ("số") and ``number_word_damaged`` ("so", "sô"), ``plural``
("các|những"), ``type_word`` (every spelling of a document type), ``honorific`` ("đồng chí"),
``name_comma`` (a comma inside a name: "phòng, chống"), ``day_word`` ("ngày", lower case: inside a
sentence) and ``of`` ("của", the word before an author or issuer). ``nearest_type`` reads a type word damaged by
OCR or typing ("Chthị", "Cồng văn", "Cong van") by edit distance.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from loaders.refdata import table

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"  # capitals, Vietnamese ones too


# ---------------------------------------------------------------- words

@lru_cache(maxsize=None)
def words(kind: str) -> tuple[str, ...]:
    """The words of one kind of grammar_words.csv, in file order: words("plural") -> ("các", "những")."""
    out = tuple(r["text"] for r in table("grammar_words") if r["kind"] == kind)
    if not out:
        raise ValueError(f"data/reference/grammar_words.csv: no words of kind {kind!r}")
    return out


def alternation(items, flags: str = "") -> str:
    """A regex alternation of literal words, the longest first, any run of whitespace between words:
    alternation(["Công văn", "Công"]) matches "Công  văn" whole; flags "i" -> "(?i:...)".

    Built as a trie ("Công(?:\\s+văn)?"), so a scan tries one branch per letter, not every word."""
    body = _trie_regex(_trie(" ".join(w.split()) for w in items if w and w.strip()))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def any_case(items) -> tuple[str, ...]:
    """Each phrase as people case it: as written, UPPER, and every word lower or Capitalised
    ("Thông báo Kết luận"). A case-sensitive alternation of these scans several times faster than (?i:)."""
    out: dict[str, None] = {}
    for phrase in items:
        parts = phrase.split()
        if not parts:
            continue
        out[phrase] = out[phrase.upper()] = None
        for mask in range(2 ** min(len(parts), 5)):
            out[" ".join(p[:1].upper() + p[1:].lower() if mask >> i & 1 else p.lower()
                         for i, p in enumerate(parts))] = None
    return tuple(out)


_END = ""


def _trie(words) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _trie_regex(node: dict) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(sub) for ch, sub in node.items() if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:  # a word ends here: the longer words are tried first, then the end
        return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else f"{body}?" if len(body) == 1 else f"(?:{body})?"
    return body


@lru_cache(maxsize=1)
def type_words() -> dict[str, str]:
    """Every spelling of a document type (lower case) -> the type's name: "văn bản chỉ đạo" -> "Công văn".

    citation_patterns.csv (``type_word``) wins over doc_types.csv (``name_vi``), which adds the types
    that only the code list knows ("Giấy mời", "Phương án"); a copy's mark (copy_types.csv: "Sao lục")
    heads a copy block, not a cited document."""
    copies = {r["label_vi"].lower() for r in table("copy_types")}
    out = {r["name_vi"].lower(): r["name_vi"] for r in table("doc_types")
           if r.get("name_vi") and r["name_vi"].lower() not in copies}
    out.update({r["text"].lower(): r["value"] for r in table("citation_patterns") if r["kind"] == "type_word"})
    return out


def type_name(written: str) -> str | None:
    """The type a spelling names, case and spacing ignored: type_name("CÔNG  VĂN") -> "Công văn"."""
    return type_words().get(" ".join(written.split()).lower())


# ---------------------------------------------------------------- OCR confusables

@lru_cache(maxsize=None)  # a table scan, asked for each symbol and line
def confusables(scope: str) -> tuple[tuple[str, str], ...]:
    """(misread, right) letters of ocr_confusables.csv for a scope, longest misreading first."""
    rows = [(r["wrong"], r["right"]) for r in table("ocr_confusables") if r["scope"] == scope]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def caps_vocabulary() -> frozenset[str]:
    """Every word of the reference data, in capitals: what header, title and signature lines are made of
    (body names, roles, places). ocr_confusables.csv is left out: its examples are misreadings; but its
    caps_known words are right as written ("THÚC ĐẨY": no misread "THỨC")."""
    from loaders.paths import REFERENCE
    words: set[str] = {w.upper() for w, _ in confusables("caps_known")}
    for path in sorted(REFERENCE.glob("*.csv")):
        if path.stem == "ocr_confusables":
            continue
        for row in table(path.stem):
            for value in row.values():
                words.update(w.upper() for w in _LETTERS.findall(value or ""))
    return frozenset(words)


_LETTERS = re.compile(r"[^\W\d_]+")
_CAPS_LINE = re.compile(r"[^\n|]+")


def repair_caps(text: str) -> str:
    """Capitals misread by OCR, put right on upper-case lines ("KT. TRUỞNG BAN" -> TRƯỞNG, "TỔ CHÚC" ->
    CHỨC): a word the reference data does not know becomes the known word one caps_word swap of
    ocr_confusables.csv makes. One letter for one: offsets stay."""
    swaps = [(w, r) for w, r in confusables("caps_word") if len(w) == len(r) == 1]
    if not swaps:
        return text
    out = None
    for line in _CAPS_LINE.finditer(text):
        if not _mostly_upper(line.group(0)):
            continue
        for word in _LETTERS.finditer(line.group(0)):
            fixed = _repaired(word.group(0), swaps)
            if fixed != word.group(0):
                out = out if out is not None else list(text)
                start = line.start() + word.start()
                out[start:start + len(fixed)] = fixed
    return text if out is None else "".join(out)


@lru_cache(maxsize=1)
def _doubled_re() -> re.Pattern:
    plural = alternation(words("plural"))
    return re.compile(rf"(?<![^\W_])(?P<w>{plural})[ \t]+(?=(?P=w)(?![^\W_]))")


def mask_doubled(text: str) -> str:
    """A plural word typed twice ("đề nghị các các tổ chức"): the first one blanked, offsets kept."""
    return _doubled_re().sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=8192)  # pure, and asked for the same lines again and again
def _mostly_upper(line: str) -> bool:
    """A title, organ or role line: capitals, short, no digits (a number's symbol keeps its letters)."""
    if len(line) > 160 or any(map(str.isdigit, line)):  # the length first: most lines are long prose
        return False
    upper = sum(map(str.isupper, line))
    cased = upper + sum(map(str.islower, line))
    return upper >= 4 and upper >= 0.85 * cased


def _repaired(word: str, swaps: list[tuple[str, str]]) -> str:
    vocabulary = caps_vocabulary()
    if len(word) < 3 or not word.isupper() or word in vocabulary:  # "TU", "CV": codes, not words
        return word
    for wrong, right in swaps:
        for i, letter in enumerate(word):
            if letter == wrong:
                candidate = word[:i] + right + word[i + 1:]
                if candidate in vocabulary:
                    return candidate
    return word


def symbol_misread_letters() -> str:
    """Letters OCR puts for a symbol's capitals (Icelandic "Ð" for "Đ"): a symbol may start with them."""
    return "".join(w for w, _ in confusables("symbol") if len(w) == 1)


def fix_symbol(number: str) -> str:
    """A number's symbol with OCR-misread letters put right: "10/ĐÐM" -> "10/ĐM", "QÐ" -> "QĐ"."""
    for wrong, right in confusables("symbol"):
        number = number.replace(wrong, right)
    return number


# ---------------------------------------------------------------- pieces

@lru_cache(maxsize=1)
def pieces() -> dict[str, str]:
    """Every named piece as regex source (see the module docstring)."""
    seps = alternation(words("date_separator"))
    month, year = alternation(words("month_word"), "i"), alternation(words("year_word"), "i")
    # the month has up to 3 digits: "29/77/2020" is read, and date_from_parts corrects it when it can
    date = (rf"(?P<d>\d{{1,2}})\s*(?:{seps}|{month})\s*(?P<m>\d{{1,3}})"
            rf"\s*(?:{seps}|{year})\s*(?P<y>\d{{4}})")
    # a symbol's segment runs on letters and digits but stops before a day word or "của" glued to it
    # ("1033/PTM-SMEngày 15 tháng 4": the number is 1033/PTM-SME; "35-NQ/TWcủa Bộ Chính trị": 35-NQ/TW)
    glued_day = rf"(?:{alternation(any_case(words('day_word') + words('glued_word')))})(?![^\W_])"
    seg_tail, seg_end = rf"(?:(?!{glued_day})[^\W_])*", rf"(?!(?!{glued_day})[^\W_])"
    # "CCHC&PC", "NN&PTNT": two units joined by an ampersand stay one segment
    # (a space typed before the ampersand: "KTĐP &LT")
    symbol_part = rf"[A-ZĐƯ{symbol_misread_letters()}]{seg_tail}(?:[ ]?&[A-ZĐƯ]{seg_tail})*"
    # after a dash with a space after it, a capitalised word is the next headline, no segment ("46/2026/NĐ-CP -
    # Quý I/2026 ...", a portal's list of titles); a code keeps its capitals ("312 - CV/ĐUK", "CĐ - TTg")
    spaced_seg = r"(?![A-ZĐƯ][a-zđăâêôơư\u00e0-\u00ff\u1ea1-\u1ef9])"
    return {
        "date": date,
        "dated": rf"{alternation(words('day_word'), 'i')}\s*{date}",   # "ngày21 tháng 01": a portal glued the day on
        # "ngày 30-9": a day and month without a year (the year from the page's own date)
        "day_month": rf"(?P<d>\d{{1,2}})\s*(?:{seps})\s*(?P<m>\d{{1,2}})",
        # "tháng 9 năm 2021": a month and year in words (a page's clue to the year of "Đêm 22/9")
        "month_in_year": rf"(?:{month})\s*(?P<m>\d{{1,2}})\s*(?:{year})\s*(?P<y>(?:19|20)\d\d)(?!\d)",
        "symbol_part": symbol_part,
        # a day word or "của" glued to a number's symbol, where the symbol ends ("1033/PTM-SMEngày", "35-NQ/TWcủa")
        "glued_word": glued_day,
        # the verbs of citation_relations.csv that implement a document ("thực hiện", "triển khai"), as written
        "implementing": alternation([r["verb"] for r in table("citation_relations") if r["relation"] == "implements"]),
        # "1316/-BYT": a symbol with an empty segment is still a number as written
        # "30c/NQ-CP", "1303a/UBND-NNTNMT": a letter after the number (a document added to a series)
        # "09 CT/TW": a space typed for the Party number's dash, before a code and its slash
        # up to six digits ("101322/CTHN-TTHT": see header_fields.SYMBOL)
        "symbol": (rf"\d{{1,6}}[a-z]?(?:\s*/\s*\d{{4}})?(?:(?:\s*[-/–]){{1,2}}\s*|[ ](?=[A-ZĐƯ]{{2,5}}/[A-ZĐƯ]))"
                   rf"{symbol_part}"
                   rf"(?:(?:\s*[-/](?=\S)|\s*[-/]\s+{spaced_seg}|\.(?=[A-ZĐƯ]{{2}}))[A-ZĐƯ0-9]{seg_tail}(?:[ ]?&[A-ZĐƯ]{seg_tail})*)*"
                   rf"{seg_end}"),
        # "2.350" of "Công văn số 2.350 ngày 1.4.2020": the press's thousands dot
        "bare_number": r"(?:\d{1,2}\.\d{3}|\d{1,5})(?!\d|\s*[-/–]\s*[^\W_]|[,.]\d|[^\W\d_])",
        # "02/2020" of "Chỉ thị số 02/2020 của UBND tỉnh": a number and its year, no symbol written
        "number_year": r"\d{1,5}\s*/\s*(?:19|20)\d{2}(?![\d/\-–]|[^\W_])",
        "number_word": alternation(words("number_word"), "i"),
        "number_word_damaged": alternation(any_case(words("number_word_damaged"))),
        # a comma inside a name: "Ban Chỉ đạo phòng, chống dịch"
        "name_comma": alternation(any_case(w.replace(",", " , ") for w in words("name_comma"))).replace(r"\s+,\s+", r"\s*,\s*"),
        "plural": alternation(words("plural"), "i"),
        "some": alternation(words("some_word"), "i"),   # "một số sở, ngành": some of a class
        "type_word": alternation(any_case(type_words())),
        # "(NQ)" of "Nghị quyết (NQ) 28": the press's bracketed abbreviation of the type (doc_types.csv code)
        "type_code": r"\(\s*" + alternation(r["code"] for r in table("doc_types") if r.get("code")) + r"\s*\)",
        "honorific": alternation(words("honorific"), "i"),
        "day_word": alternation(words("day_word")),
        "of": alternation(words("of_word")),
        "including": alternation(words("including_word")),   # "các chỉ thị của Ban Bí thư gồm: ..."
        # the words a trích yếu starts with: "về việc", "về", "V/v"
        "about": alternation(words("about_word")),
        "and": alternation(words("and_word")),
        "article": alternation(any_case(words("article_word"))),   # "Điều", "khoản": the part of a document cited
        "with": alternation(words("with_word")),             # "cùng với", "cùng"
        "at": alternation(words("at_word")),                 # "tại": "của X tại Công văn số ..."
        "according": alternation(words("according_word")),   # "theo"
        "source": alternation(words("source_word")),         # "Nguồn:" opening a portal's source note
        "according_verb": alternation(words("according_verb")),   # "làm": "làm theo" is one verb
        "purpose": alternation(words("purpose_word")),       # "để", "nhằm"
        "under": alternation(words("directly_under_word") + words("under_word")),   # "trực thuộc", "thuộc"
        "directly_under": alternation(words("directly_under_word")),                # "trực thuộc"
        "all": alternation(words("all_word")),               # "cả"
        # a plural or collective word before a kind word: "các tỉnh", "cấp tỉnh", "mỗi huyện"
        "collective": alternation(words("plural") + words("collective_word"), "i"),
        "past": alternation(words("past_word")),             # "đã", "vừa" before a verb
        "also": alternation(words("also_word")),             # "cũng" before a verb: "Thường trực Thành ủy cũng yêu cầu"
        "guidance": alternation(words("guidance_word")),     # "chỉ đạo", "hướng dẫn" after a generic lead
        # the kind of a province or a district: "tỉnh", "thành phố", "huyện", "thị xã"
        "unit_kind": alternation(words("province_kind") + words("district_kind")),
        "commune_kind": alternation(words("commune_kind")),  # "xã", "phường", "thị trấn"
        "city_district_kind": alternation(words("city_district_kind"), "i"),   # "quận": only in a centrally-run city
        "committee_word": alternation(words("committee_word")),  # "Tỉnh ủy", "Huyện ủy"
        "committee_tail": alternation(words("committee_tail")),  # "ủy", the last word of a committee's name
        "committee_organ": alternation(words("committee_organ")),  # "Ban Thường vụ", "Ban Chấp hành"
        "party_unit": alternation(words("party_unit")),      # "Đảng bộ tỉnh"
        "ordinal_word": alternation(words("ordinal_word"), "i"),   # "nhất" of "lần thứ nhất" (row n: the ordinal n)
        "ordinal_lead": alternation(words("ordinal_lead"), "i"),   # "lần thứ" before a congress's ordinal
        "period": alternation(words("period_word"), "i"),   # "giai đoạn", "thời kỳ": a span of years
        "party_organisation": alternation(any_case(words("party_organisation"))),   # "Đảng bộ" of "Đảng bộ phường X"
        "commune_committee": alternation(words("commune_committee")),   # "Đảng ủy" of "Đảng ủy xã X", a commune's committee
        "term": alternation(words("term_word"), "i"),        # "khóa": "Ban Chấp hành Đảng bộ tỉnh khóa XIII"
    }


def piece(name: str) -> str:
    """The regex source of one named piece; ValueError naming the known pieces otherwise."""
    try:
        return pieces()[name]
    except KeyError:
        raise ValueError(f"unknown grammar piece {name!r}; known: {', '.join(pieces())}") from None


def expand(template: str) -> str:
    """A regex with %(name)s replaced by the named pieces: expand(r"%(number_word)s\\s*%(symbol)s")."""
    return template % pieces()


@lru_cache(maxsize=None)
def compiled(name: str) -> re.Pattern:
    """One piece compiled (cached): compiled("date").search("ngày 28/7/2020").group("m") -> "7"."""
    return re.compile(piece(name))


# ---------------------------------------------------------------- damaged type words

@dataclass(frozen=True)
class TypeMatch:
    name: str        # the type: "Chỉ thị"
    spelling: str    # the spelling it was closest to: "chỉ thị"
    distance: int    # edit distance between the written word (lower case) and the spelling


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute one character): ("chthị", "chỉ thị") -> 2."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _base(text: str) -> str:
    """Lower case without diacritics (đ -> d): the key two spellings must share the first letter of."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _spellings_by_letter() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for spelling, name in type_words().items():
        out.setdefault(_base(spelling)[:1], []).append((spelling, name))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)  # pure; the same damaged words recur
def nearest_type(written: str) -> TypeMatch | None:
    """The document type a damaged word most likely is, or None.

    Accepted: at most one edit per three letters of the spelling (so "Chthị" -> Chỉ thị at 2, "Cồng
    văn" -> Công văn at 1, "Cong van" -> Công văn at 2) and the same first letter without diacritics;
    an exact spelling has distance 0. Ties go to the longer spelling."""
    key = " ".join(unicodedata.normalize("NFC", written).split()).lower()
    if not key:
        return None
    best: TypeMatch | None = None
    for spelling, name in _spellings_by_letter().get(_base(key[0]), ()):
        if abs(len(spelling) - len(key)) > len(spelling) // 3 or spelling.startswith(key + " "):
            continue   # whole words missing: "phương" (địa phương) is another word, no damaged "phương án"
        d = edit_distance(key, spelling)
        if d <= max(1, len(spelling) // 3) and (best is None or (d, -len(spelling)) < (best.distance, -len(best.spelling))):
            best = TypeMatch(name, spelling, d)
    return best


__all__ = ["UPPER", "words", "alternation", "any_case", "type_words", "type_name", "pieces", "piece", "expand", "compiled",
           "TypeMatch", "edit_distance", "nearest_type"]
