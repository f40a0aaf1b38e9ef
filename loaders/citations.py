"""Cited documents: numbered, unnumbered and implicit citations, their relation, and generic mentions.

Matching runs on ``SourceText.work``; evidence spans quote ``canonical``. The vocabulary (type words,
issuer codes, verbs, words that end an issuer's name) is data in ``data/reference``:
``citation_patterns.csv``, ``citation_relations.csv``, ``body_phrases.csv``; the issuer told by a
symbol's code comes from ``issuer_codes.csv`` through ``loaders.bodies.issuer_from_number``. Dates follow
the header's rule (``loaders.header.parse_date``): an impossible date is corrected only when unambiguous.

A citation is found from an anchor (a type word with a number, a capitalised type word followed by a
date or by "của <author>", or "ý kiến chỉ đạo của <one author> về <subject>"), then its tail is read
left to right: date, "của <issuer>", date, "về <subject>". What the tail lacks comes from around it:
the shared tail of a list, the symbol's issuer code, "của X tại <citation>", "X đã ban hành <citation>",
"Ngày <date>, ... ban hành <citation>".
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.bodies import complete_name, issuer_from_number
from loaders.context import DocContext
from loaders.header import UPPER, date_from_parts
from loaders.paths import REFERENCE
from loaders.records import CitedDocument, Span
from loaders.text import SourceText, clean


@dataclass(frozen=True)
class CitationsFound:
    citations: tuple[tuple[CitedDocument, Span], ...] = ()
    generic: tuple[tuple[str, Span], ...] = ()   # "các văn bản chỉ đạo của Trung ương"
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- data

def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as f:
        return [{k: unicodedata.normalize("NFC", v or "") for k, v in row.items()} for row in csv.DictReader(f)]


@lru_cache(maxsize=None)
def patterns(name: str = "citation_patterns.csv") -> dict[str, tuple[tuple[str, str], ...]]:
    """kind -> ((text, value), ...) of a kind,text,value,example file."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in _rows(name):
        out.setdefault(row["kind"], []).append((row["text"], row["value"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def relation_verbs() -> dict[str, str]:
    return {row["verb"].lower(): row["relation"] for row in _rows("citation_relations.csv")}


def alternation(words, flags: str = "") -> str:
    """A regex alternation of literal words, longest first, whitespace-tolerant."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in parts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


# ---------------------------------------------------------------- body-name completion

def complete(name: str, ctx: DocContext, cited: bool = False) -> str:
    """Full name with locality ("UBND tỉnh" -> "UBND tỉnh Ninh Bình") via loaders.bodies; ``cited``:
    the issuer of a cited document (in a city inside a city, "Thành ủy" is then the one above)."""
    try:
        return complete_name(name, ctx, cited=cited) or name
    except Exception:  # a completion failure must not lose the citation
        return name


def fix_ocr(value: str) -> str:
    for wrong, right in patterns()["ocr_fix"]:
        value = value.replace(wrong, right)
    return value


# ---------------------------------------------------------------- regexes

_DATE = r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>\d{4})"
_SYMBOL_PART = r"[A-ZĐƯ][^\W_]*"
_NUMBER = rf"\d{{1,5}}(?:\s*/\s*\d{{4}})?\s*[-/]\s*{_SYMBOL_PART}(?:\s*[-/]\s*[A-ZĐƯ0-9][^\W_]*)*(?![^\W_])"


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    p = patterns()
    types = alternation([t for t, _ in p["type_word"]], "i")
    unnumbered = alternation([t for t, _ in p["unnumbered"]])
    authors = alternation([t for t, _ in p["author_lead"]])
    stops = alternation([w for w, _ in p["issuer_stop"]])
    implicit = alternation([t for t, _ in p["implicit_lead"]], "i")
    return {
        "numbered": re.compile(rf"(?<![^\W\d_])(?P<type>{types})(?:\s+(?i:số))?\s*:?\s*(?P<num>{_NUMBER})"),
        "bare": re.compile(rf"\s*(?:,|và|,\s*và)\s*(?:(?i:số)\s*)?(?P<num>{_NUMBER})"),
        "unnumbered": re.compile(rf"(?<![^\W\d_])(?P<type>{unnumbered})(?=\s+(?:ngày\s|của\s|{authors}\s))"),
        "named": re.compile(rf"(?<![^\W\d_])(?P<type>{alternation([t for t, _ in p['named_type']])})\s+[{UPPER}][^;:\n]{{0,150}}?"
                            rf"(?=\s*,?\s*ngày\s+{_DATE})"),
        "implicit": re.compile(rf"(?<![^\W\d_])(?P<lead>{alternation([t for t, _ in p['implicit_lead']], 'i')})\s+của\s+"),
        "generic": re.compile(rf"(?<![^\W\d_])(?P<lead>{alternation([t for t, _ in p['generic_lead']], 'i')})(?:[,\s]+(?:hướng dẫn|chỉ đạo))*\s+của\s+"),
        "date": re.compile(rf"\s*,?\s*(?:ban hành\s+)?(?i:ngày)\s+{_DATE}"),
        "date_only": re.compile(_DATE),
        "of": re.compile(r"\s*,?\s*của\s+"),
        "about": re.compile(r"\s*,?\s*(?:về việc|về|V/v)\s+"),
        "author": re.compile(rf"\s+(?={authors}\s)"),
        "stop": re.compile(rf"(?:{stops})(?![^\W_])"),
        "verbs": re.compile(rf"(?<![^\W_])(?i:{alternation(relation_verbs())})(?![^\W_])"),
        "exclude_verbs": re.compile(alternation([t for t, _ in p["relation_exclude"]], "i")),
        "self": re.compile(rf"{alternation([t for t, _ in p['self_marker']], 'i')}\s*:?\s*$"),
        "post": re.compile(rf",\s*{alternation([t for t, _ in p['post']])}(?:\s+[A-ZĐ][^\W_]*)+"),
        "posts_only": re.compile(rf"^{alternation([t for t, _ in p['post']])}$"),
        "boundary": re.compile(r"[.;:!?](?=\s)|\n\s*\n"),
        "issued": re.compile(rf"(?P<x>[^,;:.\n()]+?)\s+(?:đã\s+|vừa\s+)?{alternation([t for t, _ in p['issued_verb']])}\s+$"),
        "subject_end": re.compile(rf"[;\n]|\.(?=\s|$)|,\s+(?=[{UPPER}])|\s(?=(?:theo|tại)\s)|\)"
                                  rf"|,?\s+(?={alternation([t for t, _ in p['subject_stop']])}(?![^\W_]))"
                                  # the next citation of a list: "về X và Công điện số ...", "về X, ý kiến chỉ đạo của ..."
                                  rf"|(?:\s*,\s*(?:và\s+)?|\s+(?:và|cùng)\s+)(?=(?:{types})(?:\s+(?i:số))?\s*:?\s*{_NUMBER}"
                                  rf"|{unnumbered}\s+(?:ngày|của)\s|{implicit}\s+của\s)"),
        "date_first": re.compile(rf"^\s*(?:Ngày|ngày)\s+{_DATE}"),
        "heads": re.compile(alternation([t for t, _ in patterns('body_phrases.csv')['body_head']]) + r"(?![^\W_])"),
    }


# ---------------------------------------------------------------- small readers

def read_body(w: str, pos: int, limit: int, max_words: int = 14) -> int:
    """End of a body's name starting at pos: stops at punctuation, a blank line, or a function word.

    "và" continues the name when the next word is capitalised and not a new body ("Bộ Thông tin và
    Truyền thông"); ", Chủ tịch nước Nguyễn Phú Trọng" continues a bare post ("Tổng Bí thư, ...").
    """
    rx = _regexes()
    end = pos
    i = pos
    words = 0
    while i < limit and words < max_words:
        m = re.compile(r"[ \t]*\n?[ \t]*").match(w, i)
        j = m.end()
        if j >= limit or w[j] in ",;.:()[]\"“”!?\n" or w.startswith("./", j):
            break
        if w[j] in "-–" and j + 1 < limit and w[j + 1] == " " and words and w[j - 1] == " ":
            nxt = re.match(r"[-–]\s+([^\s]+)", w[j:limit])
            if not nxt or not nxt.group(1)[:1].isupper():
                break
            end = j + nxt.end()
            i = end
            words += 1
            continue
        if words and rx["stop"].match(w, j):
            break
        if words and re.match(r"và\s", w[j:limit]):
            nxt = re.match(r"và\s+(\S+)", w[j:limit])
            if not nxt or not nxt.group(1)[:1].isupper() or rx["heads"].match(w, j + nxt.start(1)) \
                    or rx["numbered"].match(w, j + nxt.start(1), limit) or rx["unnumbered"].match(w, j + nxt.start(1), limit):
                break  # "của Ban Bí thư và Công văn số ...": the next citation, not the rest of a name
        wm = re.compile(r"[^\s,;.:()\[\]\"“”!?]+").match(w, j)
        if not wm:
            break
        end = i = wm.end()
        words += 1
    if rx["posts_only"].match(clean(w[pos:end])):
        pm = rx["post"].match(w, end)
        if pm:
            end = pm.end()
    return end


def parse_date(m: re.Match) -> tuple[str | None, str, str | None]:
    """(ISO date or None, the date as written, warning or None): the header's rule, one for the
    whole record ("29/77/2020" -> 2020-07-29 with the reason; "31/2/2020" kept as written)."""
    written = clean(m.group(0))
    written = re.sub(r"^,?\s*(?:ban hành\s+)?(?i:ngày)\s+", "", written)
    iso, warning = date_from_parts(m.group("d"), m.group("m"), m.group("y"))
    return iso, written, warning


def norm_number(value: str | None) -> str:
    text = unicodedata.normalize("NFC", value or "").upper().replace("Đ", "D").replace("Ư", "U")
    return re.sub(r"[\s\-–/.]", "", text)


def clean_number(raw: str) -> str:
    number = re.sub(r"\s+", "", raw)
    for wrong, right in patterns()["symbol_fix"]:
        number = re.sub(rf"(?<=[-/]){re.escape(wrong)}(?![^\W_])", right, number)
    return number


# ---------------------------------------------------------------- hits

@dataclass
class _Hit:
    start: int
    end: int
    doc_type: str | None
    number: str | None = None
    num_end: int = 0                 # end of the number (lists share what follows)
    date: str | None = None
    date_as_written: str | None = None
    date_warning: str | None = None  # an impossible date: corrected or kept as written, and why
    issuer: str | None = None        # raw, before completion
    issuer_from_tail: bool = False
    subject: str | None = None
    subject_start: int | None = None
    explicit: bool = True
    relation: str = "refers"
    verb_pos: int = -1
    verb: str = ""
    cited_from: str | None = None
    inside: "_Hit | None" = None     # the citation whose "về ..." subject names this one
    warnings: list[str] = field(default_factory=list)


def _type_name(written: str) -> str:
    key = clean(written).lower()
    for text, value in patterns()["type_word"]:
        if text.lower() == key:
            return value
    return clean(written)


def _read_tail(w: str, hit: _Hit, pos: int, limit: int) -> None:
    """Date, "của issuer", date, "về subject" after pos; extends hit.end."""
    rx = _regexes()
    m = rx["date"].match(w, pos, limit)
    if m:
        hit.date, hit.date_as_written, hit.date_warning = parse_date(m)
        pos = hit.end = m.end()
    m = rx["of"].match(w, pos, limit)
    if m:
        end = read_body(w, m.end(), limit)
        if end > m.end():
            hit.issuer = fix_ocr(clean(w[m.end():end]))
            hit.issuer_from_tail = True
            pos = hit.end = end
            m = rx["date"].match(w, pos, limit)
            if m and hit.date_as_written is None:
                hit.date, hit.date_as_written, hit.date_warning = parse_date(m)
                pos = hit.end = m.end()
    m = rx["about"].match(w, pos, limit)
    if m:
        stop = _regexes()["subject_end"].search(w, m.end(), min(limit, m.end() + 300))
        end = stop.start() if stop else min(limit, m.end() + 300)
        if end > m.end():
            hit.subject = clean(w[m.start():end]).lstrip(", ")
            hit.subject_start = m.start()
            hit.end = end


def _self_reference(w: str, start: int) -> bool:
    return bool(_regexes()["self"].search(w, max(0, start - 20), start))


def _numbered(w: str, limit: int, own: str) -> tuple[list[_Hit], list[tuple[int, int]]]:
    rx = _regexes()
    hits: list[_Hit] = []
    skipped: list[tuple[int, int]] = []
    outer = None
    for m in rx["numbered"].finditer(w, 0, limit):
        if hits and m.start() < hits[-1].end:
            last = hits[-1]
            if last.subject_start is None or m.start() < last.subject_start:
                continue
            outer = last  # "Công văn số 180-CV/HU ... về lãnh đạo thực hiện Chỉ thị số 16/CT-TTg"
        elif outer is not None and m.start() >= outer.end:
            outer = None
        doc_type = _type_name(m.group("type"))
        start, num_raw, num_end = m.start(), m.group("num"), m.end()
        while True:
            number = clean_number(num_raw)
            hit = _Hit(start, num_end, doc_type, number, num_end, inside=outer)
            if (own and norm_number(number) == own) or _self_reference(w, start):
                skipped.append((start, num_end))
            else:
                _read_tail(w, hit, num_end, limit)
                hits.append(hit)
            nxt = rx["bare"].match(w, num_end, limit)
            if not nxt:
                break
            start, num_raw, num_end = nxt.start("num"), nxt.group("num"), nxt.end()
    return hits, skipped


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _absorbed(w: str, end: int, numbered: list[_Hit]) -> bool:
    """"Kết luận của X tại Thông báo số ...": the unnumbered phrase names the numbered document."""
    m = re.compile(r"\s*tại\s+").match(w, end)
    return bool(m) and any(h.start == m.end() for h in numbered)


def _unnumbered(w: str, limit: int, taken, numbered, ctx: DocContext) -> list[_Hit]:
    rx = _regexes()
    hits = []
    for m in rx["unnumbered"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken) or re.search(r"(?:các|những)\s+$", w[max(0, m.start() - 8):m.start()]):
            continue
        hit = _Hit(m.start(), m.end(), _type_name(m.group("type")))
        author = rx["author"].match(w, m.end(), limit)
        if author:
            end = read_body(w, author.end(), limit, max_words=16)
            hit.issuer, hit.issuer_from_tail, hit.end = clean(w[author.end():end]), True, end
            _read_tail(w, hit, end, limit)
        else:
            _read_tail(w, hit, m.end(), limit)
        if not (hit.issuer or hit.date) or _absorbed(w, hit.end if not hit.subject else hit.subject_start, numbered):
            continue
        if not hit.date and hit.issuer and _is_self(hit.issuer, ctx):
            continue  # the document speaking of itself ("Chỉ thị của Ban Thường vụ Tỉnh ủy ... được ban hành")
        hits.append(hit)
    return hits


def _named(w: str, limit: int, taken) -> list[_Hit]:
    """"Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": a law named by title and date."""
    hits = []
    for m in _regexes()["named"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken):
            continue
        hit = _Hit(m.start(), m.end(), dict(patterns()["named_type"]).get(m.group("type"), m.group("type")))
        _read_tail(w, hit, m.end(), limit)
        if hit.date_as_written is not None:
            hits.append(hit)
    return hits


def _is_self(issuer: str, ctx: DocContext) -> bool:
    """The author named is the document's own issuer (completed, or as a prefix of it)."""
    own = clean(ctx.issuer or "").casefold()
    return bool(own) and (clean(complete(issuer, ctx, cited=True)).casefold() == own or own.startswith(clean(issuer).casefold() + " "))


def _implicit(w: str, limit: int, taken, numbered) -> list[_Hit]:
    """"ý kiến chỉ đạo của <one author> về <subject>": a document named by author and subject."""
    rx = _regexes()
    hits = []
    for m in rx["implicit"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken) or re.search(r"(?:các|những)\s+$", w[max(0, m.start() - 8):m.start()]):
            continue
        end = read_body(w, m.end(), limit)
        if end == m.end() or _absorbed(w, end, numbered):
            continue
        about = rx["about"].match(w, end, limit)
        if not about or w[end:about.start()].strip().startswith(","):
            continue
        hit = _Hit(m.start(), end, None, explicit=False)
        hit.issuer = fix_ocr(clean(w[m.end():end]))
        _read_tail(w, hit, end, limit)
        hits.append(hit)
    return hits


def _generic(w: str, limit: int, taken) -> list[tuple[int, int]]:
    rx = _regexes()
    out = []
    anchors = [s for s, _ in taken]
    for m in rx["generic"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken) or (out and m.start() < out[-1][1]):
            continue
        stop = re.compile(r"[;\n]|\.(?=\s|$)|\s(?:và\s+)?(?=(?:theo|tại|để|nhằm)\s)").search(w, m.end(), limit)
        end = stop.start() if stop else limit
        end = min([end] + [a for a in anchors if m.end() <= a < end])
        text = w[m.start():end]
        text = re.sub(r"[\s,]*(?:và|,)?\s*$", "", text)
        if len(clean(text)) > len(clean(m.group(0))):
            out.append((m.start(), m.start() + len(text)))
    return out


# ---------------------------------------------------------------- context around a hit

def _clause_start(w: str, pos: int) -> int:
    start = 0
    for m in _regexes()["boundary"].finditer(w, 0, pos):
        start = m.end()
    return start


def _relation(w: str, hit: _Hit) -> None:
    rx = _regexes()
    lo = _clause_start(w, hit.start)
    excluded = [(m.start(), m.end()) for m in rx["exclude_verbs"].finditer(w, lo, hit.start)]
    best = None
    for m in rx["verbs"].finditer(w, lo, hit.start):
        if not _overlaps(m.start(), m.end(), excluded):
            best = m
    if best:
        hit.verb, hit.verb_pos = clean(best.group(0)).lower(), best.start()
        hit.relation = relation_verbs().get(hit.verb, "refers")


def _context_fill(w: str, hit: _Hit, ctx: DocContext) -> None:
    """Issuer and date from around the citation when its tail does not give them."""
    rx = _regexes()
    lo = _clause_start(w, hit.start)
    before = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), w[lo:hit.start])
    if hit.number and not hit.issuer:
        hit.issuer = issuer_from_number(hit.number, ctx)
    if not hit.issuer:
        m = re.search(r"của\s+(?P<x>[^,;:.()]+?)\s+tại\s+$", before)
        if m:
            end = read_body(w, lo + m.start("x"), hit.start)
            if end > lo + m.start("x"):
                hit.issuer = clean(w[lo + m.start("x"):end])
    if not hit.issuer:
        m = rx["issued"].search(before)
        if m and m.group("x").strip()[:1].isupper():
            x = re.sub(rf"^\s*(?:Ngày|ngày)\s+{_DATE}\s*", "", m.group("x"))
            if rx["heads"].match(x.strip()):
                hit.issuer = fix_ocr(clean(x))
    if hit.date_as_written is None and "ban hành" in before:
        m = rx["date_first"].match(before)
        if m:
            hit.date, hit.date_as_written, hit.date_warning = parse_date(m)


def _nest(w: str, hits: list[_Hit]) -> None:
    """"Công văn 472 ... về việc X theo Kết luận ... tại Thông báo 253": 253 is cited by 472."""
    for i, b in enumerate(hits):
        if b.verb != "theo" or not b.number:
            continue
        for a in reversed(hits[:i]):
            if a.number and a.subject_start is not None and a.subject_start < b.verb_pos and not w[a.end:b.verb_pos].strip():
                b.relation, b.cited_from = "cited_by_cited", a.number
                break


def _share_tails(w: str, hits: list[_Hit]) -> None:
    """"Chỉ thị số 15/CT-TTg, Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ": the list shares "của ..."."""
    for a, b in zip(reversed(hits[:-1]), reversed(hits[1:])):
        if a.number and not a.issuer_from_tail and b.issuer_from_tail and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", w[a.end:b.start]):
            a.issuer, a.issuer_from_tail = b.issuer, True


# ---------------------------------------------------------------- entry point

def _body_limit(w: str) -> int:
    m = re.search(r"^[\s\-*]*Nơi nhận\s*:", w, re.M)
    return m.start() if m else len(w)


def _key(hit: _Hit, issuer: str | None):
    if hit.number:
        return ("n", norm_number(hit.number))
    if hit.date:
        return ("d", hit.doc_type, hit.date)
    return ("t", hit.doc_type, (issuer or "").casefold(), (hit.subject or "").casefold())


def _info(hit: _Hit) -> int:
    return sum(x is not None for x in (hit.date, hit.issuer, hit.subject)) + hit.issuer_from_tail


def find_citations(st: SourceText, ctx: DocContext, own_number: str | None = None) -> CitationsFound:
    """Every specific document the text cites, generic mentions, and plain-words warnings. Never raises."""
    try:
        return _find(st, ctx or DocContext(), own_number)
    except Exception as exc:  # one odd document must not stop a batch; say what happened
        return CitationsFound(warnings=(f"citations not read: {type(exc).__name__}: {exc}",))


def _find(st: SourceText, ctx: DocContext, own_number: str | None) -> CitationsFound:
    w = st.work
    limit = _body_limit(w)
    own = norm_number(own_number) if own_number else ""
    numbered, skipped = _numbered(w, limit, own)
    taken = [(h.start, h.end) for h in numbered] + skipped
    unnumbered = _unnumbered(w, limit, taken, numbered, ctx)
    taken += [(h.start, h.end) for h in unnumbered]
    implicit = _implicit(w, limit, taken, numbered)
    taken += [(h.start, h.end) for h in implicit]
    named = _named(w, limit, taken)
    hits = sorted(numbered + unnumbered + implicit + named, key=lambda h: h.start)
    _share_tails(w, hits)
    for hit in hits:
        _relation(w, hit)
        _context_fill(w, hit, ctx)
    _nest(w, hits)
    for hit in hits:
        if hit.inside is not None and hit.inside.number:
            hit.relation, hit.cited_from = "cited_by_cited", hit.inside.number

    warnings: list[str] = []
    chosen: dict[tuple, list] = {}
    order: list[tuple] = []
    for hit in hits:
        issuer = complete(hit.issuer, ctx, cited=True) if hit.issuer else None
        key = _key(hit, issuer)
        if key not in chosen:
            order.append(key)
            chosen[key] = [hit, issuer, [hit]]
        else:
            chosen[key][2].append(hit)
            if _info(hit) > _info(chosen[key][0]):
                chosen[key][0], chosen[key][1] = hit, issuer
    out = []
    for key in order:
        best, issuer, group = chosen[key]
        for other in group:  # fill what the best occurrence lacks from the others
            if best.date_as_written is None and other.date_as_written is not None:
                best.date, best.date_as_written, best.date_warning = other.date, other.date_as_written, other.date_warning
            if issuer is None and other.issuer:
                issuer = complete(other.issuer, ctx, cited=True)
            if best.subject is None and other.subject:
                best.subject = other.subject
            if best.relation == "refers" and other.relation != "refers":
                best.relation, best.cited_from = other.relation, other.cited_from
        written = best.date_as_written if best.date_warning else None
        if best.date_warning:
            cited_name = " ".join(x for x in (best.doc_type or "document", best.number) if x)
            warnings.append(f"cited {cited_name}: {best.date_warning}")
        cited = CitedDocument(
            text=st.value(best.start, best.end), doc_type=best.doc_type, number=best.number, date=best.date,
            issuer=issuer, relation=best.relation, explicit=best.explicit, cited_from=best.cited_from,
            date_as_written=written, subject=best.subject,
        )
        out.append((cited, st.span(best.start, best.end)))
    generic = [(st.value(s, e), st.span(s, e)) for s, e in _generic(w, limit, taken)]
    return CitationsFound(tuple(out), tuple(generic), tuple(warnings))


__all__ = ["CitationsFound", "find_citations", "complete", "read_body", "patterns"]
