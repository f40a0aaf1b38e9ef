"""Cited documents: numbered, unnumbered, named and implicit citations, their relation, and generic mentions.

Matching runs on ``SourceText.work``; evidence spans quote ``canonical``. The vocabulary is data in
``data/reference``: the grammar pieces (number, symbol, date, type words, plural "các|những", "số") come
from ``loaders.grammar``; ``citation_patterns.csv`` (type words, leads, words that end an issuer's name or a
title, issuer rewrites), ``named_documents.csv`` (documents named without a number: "Điều lệ Đảng",
"Luật <title>"), ``citation_relations.csv`` and ``body_phrases.csv``; the issuer told by a symbol's code comes
from ``issuer_codes.csv`` through ``loaders.bodies.issuer_from_number``. Dates follow the header's rule
(``loaders.header.date_from_parts``): an impossible date is corrected only when unambiguous.

A citation is found from an anchor: a type word with a number (with a symbol, or bare after "số" or before
"ngày"/"của": "Công điện số 1409 ngày ..."); a number after a type word damaged by OCR or typing ("Chthị
16 của ...", read by edit distance, the distance in a warning); a capitalised type word followed by a date
or by "của <author>"; a quoted title ("“Lời kêu gọi ...” của ..."); a named document; or "ý kiến chỉ đạo
của <one author> về <subject>" (implicit). Its tail is read left to right: date, "của <issuer>", date, "về
<subject>"; a list goes on after the number or the date ("các Công điện: số 1305/CĐ-BYT ngày ..., số
1316/-BYT ngày ... của Bộ Y tế"), its items sharing type, issuer and verb. What the tail lacks comes from
around it: the symbol's code, "của X tại <citation>", "X đã ban hành <citation>", "Ngày <date>, ... ban hành
<citation>". "chỉ đạo của X", plural classes ("các chỉ thị, công điện và ...") and names containing a lead
("Ban Chỉ đạo của Thành phố") are generic, never citations; the document's own number is never cited.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from loaders import grammar as G
from loaders.bodies import complete_name, issuer_from_number
from loaders.body_lists import known_name_at
from loaders.context import DocContext
from loaders.grammar import UPPER, alternation
from loaders.header import date_from_parts, normalize_number, type_from_number
from loaders.header_organs import body_in_text, leading_body
from loaders.header_press import kind_word_end
from loaders.header_vocab import type_codes
from loaders.header_fields import body_end
from loaders.records import CitedDocument, Span
from loaders.signature import name_like
from loaders import refdata
from loaders.refdata import find_issuer_code, fold, issuer_codes, table
from loaders.text import SourceText, clean


@dataclass(frozen=True)
class CitationsFound:
    citations: tuple[tuple[CitedDocument, Span], ...] = ()
    generic: tuple[tuple[str, Span], ...] = ()   # "các văn bản chỉ đạo của Trung ương"
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- data

@lru_cache(maxsize=None)
def patterns(name: str = "citation_patterns.csv") -> dict[str, tuple[tuple[str, str], ...]]:
    """kind -> ((text, value), ...) of a kind,text,value,example file."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in table(name.removesuffix(".csv")):
        out.setdefault(row["kind"], []).append((row["text"], row.get("value", "")))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def relation_verbs() -> dict[str, str]:
    return {row["verb"].lower(): row["relation"] for row in table("citation_relations")}


@dataclass(frozen=True)
class NamedDocument:
    """A document people name without a number (named_documents.csv): "Điều lệ Đảng", "Luật <title>"."""
    head: str
    doc_type: str
    issuer: str | None
    titled: bool      # a capitalised title follows the head ("Luật Phòng, chống bệnh truyền nhiễm")


@lru_cache(maxsize=1)
def named_documents() -> tuple[NamedDocument, ...]:
    return tuple(NamedDocument(r["head"], r["doc_type"], r.get("issuer") or None, r.get("title") == "yes")
                 for r in table("named_documents"))


def fix_ocr(value: str) -> str:
    for wrong, right in patterns()["ocr_fix"]:
        value = value.replace(wrong, right)
    return value


# ---------------------------------------------------------------- regexes

_DATE = G.piece("date")
_NUMBER = G.piece("symbol")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    p = patterns()
    types = G.piece("type_word")
    unnumbered = alternation([t for t, _ in p["unnumbered"]])
    # "Nghị quyết Trung ương 4 (khóa XII)": the press's name of a plenum's resolution, an author only before its number
    authors = rf"(?:{alternation([t for t, _ in p['author_lead']])}|{alternation([t for t, _ in p['plenum_lead']])}(?=\s+\d))"
    stops = alternation([w for w, _ in p["issuer_stop"]])
    implicit = alternation(G.any_case(t for t, _ in p["implicit_lead"]))
    issued = alternation([t for t, _ in p["issued_verb"]])   # "ban hành"
    so, bare, dated, plural = G.piece("number_word"), G.piece("bare_number"), G.piece("dated"), G.piece("plural")
    of, day, also = G.piece("of"), G.piece("day_word"), G.piece("and")
    time_of_day = alternation([r["phrase"] for r in table("press_phrases") if r["kind"] == "time_of_day"])
    background = alternation([r["phrase"] for r in table("press_phrases") if r["kind"] == "background"])
    between = rf"(?:,\s*{also}|,|{also})"   # between the items of a list: ",", "và", ", và"
    day_month = rf"(?i:{day})\s+{G.piece('day_month')}"   # "ngày 30-9": no year written
    # "học tập và làm theo ...": "theo" after such a verb is part of it, it starts no phrase
    not_after_verb = "".join(rf"(?<!(?<![^\W_]){re.escape(w)})" for w in G.words("according_verb"))
    # what makes a bare number a citation without "số": a date, its author, its subject ("Chỉ thị 16 về ...")
    tail = rf"(?=\s*,?\s*(?:{dated}|{of}\s)|\s+(?:{G.piece('about')})\s)"
    named = [d.head for d in named_documents()]
    not_article = "".join(rf"(?<!(?i:{re.escape(a)})\s)" for a in G.words("article_word"))
    return {
        "numbered": re.compile(rf"(?<![^\W\d_])(?P<type>{types})(?:\s*{G.piece('type_code')})?(?:\s*:)?(?:(?:\s+{so})?\s*:?\s*(?P<num>{_NUMBER})"
                               rf"|\s+{so}\s*:?\s*(?P<bare>{G.piece('number_year')}|{bare})|\s+(?P<bare2>{bare}){tail})"),
        # a list continuation: "..., số 1316/-BYT ngày 04/9/2021", "và 1102/CĐ-TTg"
        "bare": re.compile(rf"\s*(?:;|{between})\s*(?P<so>{so}\s*:?\s*)?(?P<num>{_NUMBER})"),
        # "các nghị định của Chính phủ: Số 92/2006/NĐ-CP ...; số 04/2008/NĐ-CP": the plural head types the list
        # (or no author: "Căn cứ các Nghị định: số 92/2006/NĐ-CP ...; số 04/2008/NĐ-CP ..."; "của Thủ tướng số: 1521/QĐ-TTg ...")
        "plural_numbered": re.compile(rf"(?<![^\W\d_]){plural}\s+(?P<type>{types})(?:\s+{of}\s+(?P<issuer>[^:;\n]{{1,80}}?))?(?:\s+{so})?\s*:\s*"
                                      rf"(?P<item>(?:{so}\s*:?\s*)?(?P<num>{_NUMBER}))"),
        # "các chỉ thị của Ban Bí thư Trung ương Đảng gồm: Chỉ thị số 41-CT/TW ...; Chỉ thị số 42-CT/TW ...": each item
        # named with its own type, the plural head's author theirs
        "author_list": re.compile(rf"(?<![^\W\d_]){plural}\s+(?:{types})\s+{of}\s+(?P<issuer>[^:;\n]{{1,80}}?)"
                                  rf"\s*(?:(?<![^\W_]){G.piece('including')})?\s*:"),
        "type_at": re.compile(rf"(?:{types})(?![^\W_])"),
        "bare_list": re.compile(rf"\s*(?:;|{between})\s*(?P<so>{so})\s*:?\s*(?P<num>{bare})"),
        # a number whose type word is damaged ("Chthị 16 của ...", "Cồng văn số 12/UBND"): read by edit distance
        "any_number": re.compile(rf"(?<![^\W_])(?:(?P<num>{_NUMBER})|(?P<bare>{bare}){tail})"),
        "damaged_type": re.compile(rf"(?P<w>(?:[^\W\d_]+[ \t]+){{0,2}}[^\W\d_]+)\s*:?\s*(?:(?P<so>{so}|{G.piece('number_word_damaged')})\s*:?\s*)?$"),
        "unnumbered": re.compile(rf"(?<![^\W\d_])(?P<type>{unnumbered})(?=\s+(?:{day}\s|{of}\s|{authors}\s))"),
        # "chỉ thị của Ban Bí thư về tổ chức Tết ...", "nghị quyết Đại hội Đảng bộ thành phố lần thứ XVIII": a type in
        # lower case, its author written (read on)
        "unnumbered_lower": re.compile(rf"(?<![^\W\d_])(?P<type>{alternation([t[:1].lower() + t[1:] for t, _ in p['unnumbered']])})"
                                       rf"(?=\s+(?:{of}|{authors})\s)"),   # "nghị quyết Đại hội Đảng bộ ..." too
        # a generic lead that is a type ("Hướng dẫn của X"): a document only as a later item of a list of documents
        "listed_lead": re.compile(rf"(?<![^\W\d_])(?P<type>{alternation(G.any_case(t for t, _ in p['generic_lead'] if G.type_name(t)))})"
                                  rf"(?=\s+{of}\s)"),
        # a title in quotes: "“Lời kêu gọi toàn dân ...” của Tổng Bí thư"
        "quoted": re.compile(rf"[“\"](?P<type>{types})\s[^”\"\n]{{1,250}}[”\"](?=\s*,?\s*(?:{dated}|{of}\s))"),
        "named": re.compile(rf"(?<![^\W\d_])(?P<head>{alternation(named)})(?![^\W_])"),
        # "Nghị định số 39/2022/NĐ-CP ... ban hành Quy chế làm việc": the document a cited one issues, no other citation
        "enacted_by": re.compile(rf"(?<![^\W_])(?:{issued})\s+$"),
        # "Luật Tổ chức Quốc hội số 57/2014/QH13": a named document's own number after its title
        "named_number": re.compile(rf"\s+{so}\s*:?\s*(?P<num>{_NUMBER})"),
        # "Luật Sửa đổi, bổ sung một số điều của ...": an amending law's head, not a title (the laws it names are cited)
        "amending": re.compile(alternation(G.any_case(t for t, _ in p["amending_prefix"]))),
        "title_word": re.compile(r"(?P<sep>,?[ \t]*\n?[ \t]*)(?P<word>[^\s,;.:()\[\]\"“”!?]+)"),
        "title_stop": re.compile(rf"{alternation([t for t, _ in p['title_stop']])}(?![^\W_])"),
        "implicit": re.compile(rf"(?<![^\W\d_])(?P<lead>{implicit})\s+{of}\s+"),
        "generic": re.compile(rf"(?<![^\W\d_])(?P<lead>{alternation(G.any_case(t for t, _ in p['generic_lead']))})(?:[,\s]+{G.piece('guidance')})*\s+{of}\s+"),
        # "các công điện, chỉ thị và <lead>": a lead inside a plural list of types is generic too
        "plural_list": re.compile(rf"{plural}\s+(?:{types}|{G.piece('guidance')})(?:\s*(?:,|{also})\s*(?:{types}))*\s*{between}\s*$"),
        # "các Báo cáo"; a count, "4 Nghị quyết của Bộ Chính trị" (not "Điều 2 Quyết định": an article's number)
        "plural_before": re.compile(rf"(?:{plural}\s+|{not_article}(?<![\w/.,:-])\d{{1,2}}[ \t]+)$"),
        "plural_author": re.compile(rf"(?<![^\W_]){plural}\s"),   # "Đại hội đảng bộ các cấp"
        # "Chỉ thị, Nghị quyết của Đảng": bare type words listed together name a class of documents
        "type_list": re.compile(rf"(?<![^\W\d_]){types}\s*{between}\s*$"),
        "date": re.compile(rf"\s*,?\s*(?:{issued}\s+)?{dated}"),
        "date_only": re.compile(_DATE),
        "draft": re.compile(rf"(?<![^\W_])(?i:{alternation(t for t, _ in p['draft_word'])})\s+$"),
        # "... Nghị quyết Đại hội XIV của Đảng, ngày 07/02/2026, Chi bộ đã ...": a date set off by commas after an
        # unnumbered mention's issuer, the sentence's subject after it, tells when the sentence's event was
        "clause_date": re.compile(rf"\s*,\s*{dated}\s*,\s*(?!(?:{types})(?!\w))[{UPPER}]"),
        "of": re.compile(rf"\s*,?\s*{of}\s+"),
        # "... SỐ 18-NQ/TW NGÀY 25/10/2017 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG": a headline in capitals, its words after it
        "of_caps": re.compile(rf"\s*,?\s*{alternation(w.upper() for w in G.words('of_word'))}\s+"
                              rf"(?P<words>[{UPPER}]+(?:[ \t]+[{UPPER}]+)*)(?![^\W_])"),
        # "Nghị quyết số 16 năm 2021 của Chính phủ", "Công điện số 181 ngày 30/9 của Thủ tướng": the year alone or
        # the day without its year, before the author; no date of its own
        "year_only": re.compile(rf"\s*,?\s*(?:(?i:{alternation(G.words('year_word'))})\s+(?:19|20)\d\d"
                                rf"|{day_month})(?![\d/.\-])(?=\s*,?\s*{of}\s)"),
        # "Trước đó, ngày 11-8, Thủ tướng đã ban hành Chỉ thị số 22": the day without its year before the issuing
        "day_month_after_lead": re.compile(rf"^\s*(?:[^\d,;.\n]{{1,40}},\s*)?{day_month}(?![\d/.\-])"),
        "honorific": re.compile(rf"{G.piece('honorific')}\s+"),
        "name_comma": re.compile(G.piece("name_comma")),
        # "của Bộ Chính trị quy định về ...": a subject_verb before the about word; the subject starts at "về"
        # "Tại Kết luận 169-KL/TW, ...", "Bên cạnh đó, tại tại Kết luận ...": the clause opens with the citation
        "type_after_and": re.compile(rf"(?:{types})\s+(?!{G.piece('and')}\s)[^\W\d_]*[a-zđ]"),
        "congress_head": re.compile(rf"(?:{alternation(G.any_case(t for t, _ in p['congress_head']))})(?![^\W_])"),
        "congress_ordinal": re.compile(rf"{G.piece('ordinal_lead')}\s+(?:[IVXLC]+|\d+|{G.piece('ordinal_word')})(?![^\W_])"),
        "ordinal_word": re.compile(rf"{G.piece('ordinal_lead')}\s+(?P<word>{G.piece('ordinal_word')})(?![^\W_])"),
        "at_lead": re.compile(rf"(?:^|,)\s*(?:(?i:{G.piece('at')})\s+)+$"),
        "about": re.compile(rf"\s*,?\s*(?:{alternation([t for t, _ in p['subject_verb']])}\s+)?"
                            rf"(?P<open>[“\"])?(?P<about>{G.piece('about')})\s+"),   # “về ...”: a quoted subject
        "term": re.compile(rf"\s*,?\s*\(?\s*{G.piece('term')}\s+[IVXLC]+\b\s*\)?"),   # "(khóa XII)": the author's term
        "author": re.compile(rf"\s+(?={authors}\s)"),
        "stop": re.compile(rf"(?:{stops})(?![^\W_])"),
        # "của Bộ Chính trị năm 2026": a year after the author is no part of its name ("lần thứ năm" is no year),
        # but for a body named for an event of that year ("Ban Tổ chức Đại hội Thể dục thể thao tỉnh năm 2022")
        "year_stop": re.compile(rf"{alternation(G.words('year_word'))}\s+(?:19|20)\d\d(?!\d)"),
        "year_in_name": re.compile(alternation([t for t, _ in p["year_in_name"]], "i")),
        # "của các Luật liên quan": another document after "của", not an author
        "document_after_of": re.compile(rf"(?:{plural}\s+)?(?:{types})(?![^\W_])"),
        # a photo's caption on the line under a title ("... Đại hội XIII của Đảng\nToàn cảnh hội nghị."): no name goes on there
        "caption_line": re.compile(alternation(r["phrase"] for r in table("press_phrases") if r["kind"] == "caption")),
        # the news's dateline on the line under a title ("... của Bộ Chính trị\nNgày 17-4, tại ..."): no name goes on there
        "dateline_line": re.compile(rf"(?:{alternation(G.any_case(G.words('day_word')))}"
                                    rf"|{time_of_day}(?:\s+{alternation(G.words('day_word'))})?)"   # "Chiều ngày 27/01"
                                    rf"\s+\d{{1,2}}\s*[-/.]\s*\d{{1,2}}(?!\d)"),
        "open_head": re.compile(rf"{alternation([t for t, _ in p['open_head']])}$"),
        "verbs": re.compile(rf"(?<![^\W_]){alternation(G.any_case(relation_verbs()))}(?![^\W_])"),
        "exclude_verbs": re.compile(alternation(G.any_case(t for t, _ in p["relation_exclude"]))),
        "self": re.compile(rf"{alternation([t for t, _ in p['self_marker']], 'i')}\s*:?\s*$"),
        "post": re.compile(rf",\s*{alternation([t for t, _ in p['post']])}(?:\s+[A-ZĐ][^\W_]*)*"),
        "posts_only": re.compile(rf"^{alternation([t for t, _ in p['post']])}$"),
        "boundary": re.compile(r"[.;:!?](?=\s)|\n\s*\n"),
        # X starts after the last stop before the verb (the lookbehind spares a search from every position: O(n²))
        # "UBND TP Hà Nội cũng ban hành Kế hoạch số 14": "cũng" before the verb, no part of the author
        "issued": re.compile(rf"(?<![^,;:.\n()])(?P<x>[^,;:.\n()]+?)\s+(?:(?:{G.piece('also')}|{G.piece('past')})\s+)*{issued}\s+$"),
        # "Ngày 25/6, UBND thành phố có Thông báo số 243": "có" issues only right before the document
        "has_issued": re.compile(rf"(?<![^\W_])(?:{alternation([t for t, _ in p['issued_right_before']])})\s+$"),
        # a line break inside a subject when the next line goes on in lower case (a hard-wrapped page)
        "subject_end": re.compile(rf";|\n(?![ \t]*(?![{UPPER}])[^\W\d_])|\.(?=\s|$)|,\s+(?=[{UPPER}])|(?<=”),|,\s+(?={of}\s)|(?<![\d{UPPER}]),\s+(?={day}\s*\d)|{not_after_verb}\s(?=(?:{G.piece('according')}|{G.piece('at')})\s)|\)"
                                  rf"|,?\s+(?={alternation([t for t, _ in p['subject_stop']])}(?![^\W_]))"
                                  # the next citation of a list: "về X và Công điện số ...", "về X, ý kiến chỉ đạo của ..."
                                  rf"|(?:\s*,\s*(?:{also}\s+)?|\s+(?:{also}|{G.piece('with')})\s+)(?=(?:{types})(?:\s+{so})?\s*:?\s*{_NUMBER}"
                                  rf"|(?:{types})\s+{so}\s*:?\s*\d{{1,5}}(?![\w/])"   # "... và Kế hoạch số 155, ngày ...": a bare number
                                  rf"|{unnumbered}\s+(?:{day}|{of})\s|{implicit}\s+{of}\s)"),
        # a hard-wrapped subject whose line ends with a word that needs what follows ("... trên địa bàn\nThành phố")
        "wrap_goes_on": re.compile(rf"(?<![^\W_]){alternation([t for t, _ in p['wrap_goes_on']])}[ \t]*$"),
        "date_first": re.compile(rf"^\s*{dated}"),
        # "Theo đó, ngày D, X ban hành ...", "Do công việc đột xuất, ngày D, X có ...": a short lead before the date
        # and a time of day before the date ("Được biết, vào chiều ngày D, X đã có ...": press_phrases time_of_day)
        # ... or a background phrase ("Để chuẩn bị ..., ngay từ ngày D, X đã ban hành ...": press_phrases background)
        "date_after_lead": re.compile(rf"^\s*(?:[^\d,;.\n]{{1,40}},\s*)?(?:(?i:{time_of_day}|{background})\s+)?{dated}"),
        # "Ban Chỉ huy Phòng, chống thiên tai ... tỉnh tại Văn bản số ...": a comma before a lower-case word is the name's
        "of_x_at": re.compile(rf"(?:^|.*\s){of}\s+(?P<x>[^,;:.()]+?(?:,\s*(?![{G.UPPER}])[^,;:.()]+?)*)\s+{G.piece('at')}\s+$", re.S),
        # "Xét đề nghị của: X tại các văn bản: số 49/TTr-UBND ngày ..., số 48/TTr-UBND ngày ...": X wrote the
        # list; read across the colons and the items before the citation
        "of_x_at_list": re.compile(rf"(?:^|.*\s){of}\s*:?\s+(?P<x>[^,;:.()]+?)\s+{G.piece('at')}\s+(?:{plural}\s+)?"
                                   rf"(?:{types})?\s*:?\s*(?:{so}\s*:?\s*{_NUMBER}\s*,?\s*(?:{dated})?\s*(?:,|\s{also})\s*)*$", re.S),
        # "các nội dung UBND tỉnh đã chỉ đạo tại Công văn số A ngày D, Công văn số B ...": the body acting wrote
        # each item of the list after "tại" (acted_at rows)
        "acted_at_list": re.compile(rf"(?<![^\W_])(?P<x>(?:{alternation([t for t, _ in patterns('body_phrases.csv')['body_head']])})[^,;:.()]*?)\s+(?:(?:{G.piece('also')}|{G.piece('past')})\s+)*"
                                    rf"(?:{alternation([t for t, _ in p['acted_at']])})\s+{G.piece('at')}\s+(?:{plural}\s+)?"
                                    rf"(?:(?:{types})?\s*:?\s*{so}\s*:?\s*{_NUMBER}\s*,?\s*(?:{dated})?\s*(?:[,;]|\s{also})\s*)*$", re.S),
        "sentence_boundary": re.compile(r"[.!?](?=\s)|\n\s*\n"),
        "wide_boundary": re.compile(r"[.;!?](?=\s)|\n\s*\n"),
        "at": re.compile(rf"\s*{G.piece('at')}\s+"),
        "issued_verb": re.compile(issued),
        "and": re.compile(rf"{also}\s"),
        "and_next": re.compile(rf"{also}\s+(\S+)"),
        # where a generic mention's phrase ends: "các văn bản chỉ đạo của Trung ương| theo ...", "| để ..."
        "generic_end": re.compile(rf"[;\n]|\.(?=\s|$)|\s(?:{also}\s+)?(?=(?:{G.piece('according')}|{G.piece('at')}|{G.piece('purpose')})\s)"),
        "generic_tail": re.compile(rf"[\s,]*(?:{also}|,)?\s*$"),
        "list_sep": re.compile(rf"\s*(?:;|{between})\s*"),
        "semicolon_gap": re.compile(r"[ \t]*;[ \t]*"),   # "...; Chỉ thị số 46 ...": the next item on one line         # "số 15/QĐ-UBND ...; số 19/QĐ-UBND"
        "list_sep_no_semicolon": re.compile(rf"\s*{between}\s*"),
        "and_pair": re.compile(rf"\s+{also}\s+"),                     # "số 217-QĐ/TW và Quyết định số 218-QĐ/TW"
        "heads": re.compile(alternation([t for t, _ in patterns('body_phrases.csv')['body_head']]) + r"(?![^\W_])"),
    }


# ---------------------------------------------------------------- small readers

# a word of a name; a dot between capitals stays inside it ("TP.HCM", "TP.Hà Nội")
_LINE_GAP = re.compile(r"[ \t]*\n?[ \t]*")   # blanks, at most one line break
# "của Ủy ban nhân dân (UBND) tỉnh": an organ's abbreviation in brackets before its unit word, inside the name
_ABBREVIATION_GAP = re.compile(G.expand(rf"\([{UPPER}][{UPPER}&-]{{1,9}}\)(?=\s+(?:%(unit_kind)s)(?!\w))"))
_NUMBER_PUNCTUATION = re.compile(r"[\s\-–/.]")
_WORD = re.compile(r"[^\s,;.:()\[\]\"“”!?]+(?:(?<=[A-ZĐ])\.(?=[A-ZĐƯ])[^\s,;.:()\[\]\"“”!?]+)*")  # "T.Ư"


@lru_cache(maxsize=1)
def _and_names() -> re.Pattern:
    """Body names with "và" before another body's head ("Văn phòng HĐND và UBND"), from the body
    templates: up to the word after "và"."""
    names = {re.sub(r"\s*\{\w+\}\s*", " ", a).strip() for t in refdata.body_templates() for a in (t.template, *t.aliases)}
    and_word = G.words("and_word")[0]
    heads = [n.split(f" {and_word} ", 1) for n in names if f" {and_word} " in n]
    return re.compile(alternation(f"{a} {and_word} {b.split()[0]}" for a, b in heads))


def _and_inside_name(w: str, pos: int, j: int) -> bool:
    """The "và" at j belongs to the name starting at pos ("Văn phòng HĐND và UBND quận")."""
    m = _and_names().match(w, pos)
    return bool(m) and m.end() > j


def _comma_in_name(w: str, pos: int, j: int, limit: int) -> re.Match | None:
    """The name_comma phrase that holds the comma at j and starts at a word of the name begun at pos
    ("phòng, chống"; "Lao động, Thương binh": two words before the comma)."""
    for m in _regexes()["name_comma"].finditer(w, max(pos, j - 40), limit):
        if m.start() > j:
            break
        if m.end() > j and (m.start() == pos or not w[m.start() - 1].isalnum()):
            return m
    return None


def read_body(w: str, pos: int, limit: int, max_words: int = 14) -> int:
    """End of a body's name starting at pos: stops at punctuation, a blank line, or a function word.

    "và" continues the name when the next word is capitalised and not a new body ("Bộ Thông tin và
    Truyền thông"); ", Chủ tịch nước Nguyễn Phú Trọng" continues a bare post ("Tổng Bí thư, ...").
    """
    rx = _regexes()
    end = pos
    i = pos
    known = known_name_at(w, pos, limit)   # a known name counts as one word: its place may follow
    most = max_words + (len(w[pos:known].split()) - 1 if known else 0)
    words = 0
    word_start = pos
    while i < limit and words < most:
        m = _LINE_GAP.match(w, i)
        j = m.end()
        comma = _comma_in_name(w, pos, j, limit) if words and j < limit and w[j] == "," else None
        if comma:  # "Ban Chỉ đạo phòng, chống dịch": the comma is inside the name
            end = i = word_start = comma.end()
            words += 1
            continue
        gap = _ABBREVIATION_GAP.match(w, j, limit) if words else None
        if gap:
            i = gap.end()
            continue
        if j >= limit or w[j] in ",;.:()[]\"“”!?\n" or w.startswith("./", j) \
                or "\n" in m.group(0) and (rx["caption_line"].match(w, j) or rx["dateline_line"].match(w, j)):
            break
        if w[j] in "-–" and j + 1 < limit and w[j + 1] == " " and words and w[j - 1] == " ":
            nxt = re.match(r"[-–]\s+([^\s]+)", w[j:limit])
            years = nxt and re.fullmatch(r"(?:19|20)\d\d", w[word_start:i]) and re.match(r"(?:19|20)\d\d(?!\d)", nxt.group(1))
            if years:       # "nhiệm kỳ 2015 – 2020": a term's years, one name
                end = i = j + nxt.start(1) + 4
                words += 1
                continue
            if not nxt or not nxt.group(1)[:1].isupper():
                break
            end = j + nxt.end()
            i = end
            words += 1
            continue
        if words and rx["stop"].match(w, j) and not rx["open_head"].match(clean(w[pos:end])):
            break  # "của UBND tỉnh về ...", but "của Ban chỉ đạo Quốc gia": a bare "Ban" needs its complement
        if words and rx["year_stop"].match(w, j) and not rx["year_in_name"].match(w, pos):
            break
        if words and rx["and"].match(w[j:limit]) and not _and_inside_name(w, pos, j):
            nxt = rx["and_next"].match(w[j:limit])
            if not nxt or not nxt.group(1)[:1].isupper() or rx["heads"].match(w, j + nxt.start(1)) \
                    or rx["numbered"].match(w, j + nxt.start(1), limit) or rx["unnumbered"].match(w, j + nxt.start(1), limit) \
                    or rx["type_after_and"].match(w, j + nxt.start(1), limit):   # "... lần thứ XVII và Chương trình hành động"
                break  # "của Ban Bí thư và Công văn số ...": the next citation, not the rest of a name
        wm = _WORD.match(w, j)
        if not wm or _cut_word(w, wm):
            break
        word_start = j
        end = i = wm.end()
        words += 1
    if rx["posts_only"].match(rx["honorific"].sub("", clean(w[pos:end]), count=1)):
        pm = rx["post"].match(w, end)
        if pm:
            end = pm.end()
    return end


def _cut_word(w: str, wm: re.Match) -> bool:
    """A lone small letter ending the page ("... của Bộ Chính trị đ"): a word the page cut off, no part of a name."""
    return len(wm.group(0)) == 1 and wm.group(0).islower() and not w[wm.end():].strip()


def parse_date(m: re.Match) -> tuple[str | None, str, str | None]:
    """(ISO date or None, the date as written, warning or None): the header's rule, one for the
    whole record ("29/77/2020" -> 2020-07-29 with the reason; "31/2/2020" kept as written)."""
    written = clean(m.string[m.start("d"):m.end()])  # without "ngày" and what led to it
    iso, warning = date_from_parts(m.group("d"), m.group("m"), m.group("y"))
    return iso, written, warning


def norm_number(value: str | None) -> str:
    text = unicodedata.normalize("NFC", value or "").upper().replace("Đ", "D").replace("Ư", "U")
    return _NUMBER_PUNCTUATION.sub("", text)




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
    head: "_Hit | None" = None       # the first item of the list this one continues (shares its relation)
    name: str = ""                   # a named document's head and title: "Luật Phòng, chống bệnh truyền nhiễm"
    day_month: tuple[str, str] | None = None   # "ngày 30-9": a day written without its year (the page's year)
    warnings: list[str] = field(default_factory=list)


def _type_name(written: str) -> str:
    return G.type_name(written) or clean(written)


# a place's kind alone, or after "cấp" / "các": "xã", "cấp huyện" (no body's name)
_UNIT_KIND = re.compile(G.expand(r"(?i:(?:%(collective)s)\s+)?(?:%(unit_kind)s|%(commune_kind)s)"))


@lru_cache(maxsize=4096)  # pure, and asked for the same type words again and again
def _numbered_type(written: str, number: str | None) -> str:
    """"Thông báo Kết luận số 88-KL/TW": the symbol's own type when the written words name it too (a Kết luận; "Thông
    báo kết luận số 12-TB/TU" stays a Thông báo), else the type the words name."""
    name = _type_name(written)
    own = type_from_number(normalize_number(number)) if number else None
    return own if own and own != name and fold(own) in fold(written) else name


def _read_tail(w: str, hit: _Hit, pos: int, limit: int) -> None:
    """Date, "của issuer", date, "về subject" after pos; extends hit.end."""
    rx = _regexes()
    pos = _repeated_code_end(w, hit, pos)
    m = rx["date"].match(w, pos, limit)
    if m and not _clause_date(w, hit, pos, limit):
        hit.date, hit.date_as_written, hit.date_warning = parse_date(m)
        pos = hit.end = m.end()
    m = rx["year_only"].match(w, pos, limit)
    pos = m.end() if m and hit.date is None else pos
    if m and hit.date is None and m.group("d"):
        hit.day_month = m.group("d"), m.group("m")
    pos = _read_of(w, hit, pos, limit)
    if hit.issuer is None and hit.date_as_written is not None:
        pos = _read_plenum(w, hit, pos, limit)
    m = rx["about"].match(w, pos, limit)
    if m:
        stop = _regexes()["subject_end"].search(w, m.end(), min(limit, m.end() + 300))
        while stop and (w[stop.start()] == "\n" and _regexes()["wrap_goes_on"].search(w, m.end(), stop.start())
                        or w[stop.start()] == ")" and w.count("(", m.end(), stop.start()) > w.count(")", m.end(), stop.start())):
            # a wrapped line that goes on; a bracket opened inside the subject ("(11/6/1948 - 11/6/2018)")
            stop = _regexes()["subject_end"].search(w, stop.end(), min(limit, m.end() + 300))
        end = stop.start() if stop else min(limit, m.end() + 300)
        end = _quoted_end(w, m.end(), limit) or end
        if m.group("open"):  # “về việc ...”: the subject ends at its closing quote, the quote marks dropped
            close = w.find(_CLOSING[m.group("open")], m.end(), min(limit, m.end() + 300))
            end = close if close > m.end() else end
        if end > m.end():
            hit.subject = clean(w[m.start("about"):end]).lstrip(", ")
            hit.subject_start = m.start()
            hit.end = end
            if hit.issuer is None and w[end - 1:end] in _CLOSING.values():
                _read_of(w, hit, end, limit)  # "về “Tăng cường ...” của Ban Bí thư": the author after a quoted title


def _repeated_code_end(w: str, hit: _Hit, pos: int) -> int:
    """"Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018": the symbol's code typed twice; what follows is the tail."""
    code = re.search(r"[^\W\d_][\w/.&-]*$", hit.number or "")
    m = re.compile(rf"[ \t]+{re.escape(code.group(0))}(?![\w/])").match(w, pos) if code and re.search(r"[-/]", code.group(0)) else None
    if m is None:
        return pos
    hit.end = m.end()
    return m.end()


def _read_of(w: str, hit: _Hit, pos: int, limit: int) -> int:
    """"của issuer" at pos (then a term and a date); extends hit.end; the position after what was read."""
    rx = _regexes()
    m = rx["of"].match(w, pos, limit)
    if not m:
        return _read_of_caps(w, hit, pos, limit)
    if not rx["document_after_of"].match(w, m.end(), limit):
        end = read_body(w, m.end(), limit)
        number = rx["named_number"].search(w, m.end(), end) if hit.number is None else None
        end = number.start() if number else end   # "Quyết định của Bộ Chính trị số31-QĐ/TW": the number after the author
        if end > m.end():
            hit.issuer = fix_ocr(clean(_ABBREVIATION_GAP.sub("", w[m.end():end])))
            hit.issuer_from_tail = True
            pos = hit.end = end
            term = rx["term"].match(w, pos, limit)
            if term:  # "của Ban Chấp hành Trung ương Đảng (khóa XII) về ...": the term is no part of the name
                pos = hit.end = term.end()
            number = rx["named_number"].match(w, pos, limit) if hit.number is None else None
            if number:   # "<type> của <author> số 31-QĐ/TW, ngày ...": an older layout, the number after the author
                hit.number, pos = number.group("num"), number.end()
                hit.end = pos
            m = rx["date"].match(w, pos, limit)
            if m and hit.date_as_written is None and not _clause_date(w, hit, pos, limit):
                hit.date, hit.date_as_written, hit.date_warning = parse_date(m)
                pos = hit.end = m.end()
    return pos


@lru_cache(maxsize=1)
def _plenum_authors() -> tuple[re.Pattern, ...]:
    """The plenum names (plenum_name rows) as an author written after a date without "của", a comma allowed
    between the plenum and the committee ("ngày 17/11/2022 Hội nghị lần thứ sáu, Ban Chấp hành Trung ương Đảng")."""
    heads = tuple(t for t, _ in patterns()["author_lead"])   # "Hội nghị ...", not a bare "Trung ương 6"
    rows = [text for text, _ in patterns()["plenum_name"] if text.startswith(heads)]
    return tuple(re.compile(r"\s+" + _numbered_phrase(text).pattern.replace(r"\s+", r",?\s+"), re.I)
                 for text in sorted(rows, key=len, reverse=True))


def _read_plenum(w: str, hit: _Hit, pos: int, limit: int) -> int:
    """"Nghị quyết số 28-NQ/TW ngày 17/11/2022 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII": a
    plenum named right after the date is the author, as after "của"; the position after what was read."""
    for pattern in _plenum_authors():
        m = pattern.match(w, pos, limit)
        if m and w[m.end():m.end() + 1] in ("", " ", ",", ".", ";", "\n", "("):
            hit.issuer, hit.issuer_from_tail = clean(w[m.start():m.end()].replace(",", " ")), True
            pos = hit.end = m.end()
            term = _regexes()["term"].match(w, pos, limit)
            if term:
                pos = hit.end = term.end()
            return pos
    return pos


def _read_of_caps(w: str, hit: _Hit, pos: int, limit: int) -> int:
    """"CỦA BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG VỀ ...": a title in capitals names its author; the longest run of its first
    words that is a central body's name or alias (central_bodies.csv, case ignored) is read, as that body is named.
    Capitals tell no name's end, so nothing else is guessed. The position after what was read."""
    m = _regexes()["of_caps"].match(w, pos, limit)
    if not m:
        return pos
    words = list(re.finditer(r"\S+", w[:m.end("words")][m.start("words"):]))
    for k in range(len(words), 0, -1):
        central = refdata.find_central_body(" ".join(x.group(0) for x in words[:k]))
        if central:
            hit.issuer, hit.issuer_from_tail = central.name, True
            hit.end = m.start("words") + words[k - 1].end()
            return hit.end
    return pos


def _clause_date(w: str, hit: _Hit, pos: int, limit: int) -> bool:
    """A date set off by commas after an unnumbered mention, the sentence's subject after it ("... Nghị quyết Đại
    hội XIV của Đảng, ngày 07/02/2026, Chi bộ đã ..."): when the sentence's event was, not the document's date."""
    return hit.number is None and bool(_regexes()["clause_date"].match(w, pos, limit))


_CLOSING = {"“": "”", "\"": "\"", "'": "'", "‘": "’"}


def _quoted_end(w: str, start: int, limit: int) -> int | None:
    """A subject written as a quoted title ("về “Tuyên truyền ... (1910 - 2020)”"): it ends with its
    closing quote, parentheses and all, and nothing after the quote belongs to it."""
    close = _CLOSING.get(w[start:start + 1])
    if close is None:
        return None
    end = w.find(close, start + 1, min(limit, start + 300))
    return end + 1 if end > start + 1 and "\n\n" not in w[start:end] else None


@lru_cache(maxsize=1)
def _author_lead_re() -> re.Pattern:
    return re.compile(rf"\s+(?:{alternation([t for t, _ in patterns()['author_lead']])})(?![^\W_])")


def author_follows(w: str, pos: int) -> bool:
    """An author named right after a type word, without "của" (citation_patterns author_lead rows: "Nghị quyết Đại hội
    Đảng bộ tỉnh lần thứ I"): that author's document."""
    return bool(_author_lead_re().match(w, pos))


def self_reference(w: str, start: int) -> bool:
    """A self marker ("Toàn văn", "Nguồn:") right before the mention at start: the page's own document."""
    return bool(_regexes()["self"].search(w, max(0, start - 20), start))


def _own(number: str, own: str) -> bool:
    """The document's own number, also when written bare ("Hướng dẫn số 26" of 26-HD/BTCTW)."""
    key = norm_number(number)
    return bool(own) and (key == own or (key.isdigit() and own.startswith(key) and own[len(key):][:1].isalpha()))


def _anchors(w: str, limit: int) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end of number, type, number as written, warning) of every type word with a number:
    exact spellings by regex, damaged ones by edit distance (the distance goes in the warning)."""
    rx = _regexes()
    out = [(m.start(), m.end(), _numbered_type(m.group("type"), m.group("num")), m.group("num") or m.group("bare")
            or m.group("bare2"), None) for m in rx["numbered"].finditer(w, 0, limit)]
    out += [(m.start(), m.end(), _type_name(m.group("type")), m.group("num"), None)
            for m in rx["plural_numbered"].finditer(w, 0, limit)]
    exact = {e for _, e, *_ in out} | _named_number_ends(w, limit)
    for m in rx["any_number"].finditer(w, 0, limit):
        if m.end() in exact:
            continue
        lo = max(0, m.start() - 40)
        d = rx["damaged_type"].search(w, lo, m.start())
        if not d:
            continue
        spans = [x.span() for x in re.finditer(r"[^\W\d_]+", w[d.start("w"):d.end("w")])]
        for k in (2, 1, 3):
            if k > len(spans):
                continue
            start = d.start("w") + spans[-k][0]
            written = clean(w[start:d.start("w") + spans[-1][1]])
            tm = G.nearest_type(written)
            so = d.group("so") or ""
            damaged_so = bool(so) and not re.fullmatch(G.piece("number_word"), so)
            if tm and (tm.distance or damaged_so):
                warning = "; ".join(filter(None, (
                    tm.distance and f"type word {written!r} read as {tm.name!r} (edit distance {tm.distance})",
                    damaged_so and f"number word {so!r} read as {G.words('number_word')[0]!r}")))
                out.append((start, m.end(), tm.name, m.group("num") or m.group("bare"), warning))
                break
    return sorted(out)


def _named_number_ends(w: str, limit: int) -> set[int]:
    """Ends of the numbers named documents carry after their title ("Luật ... số 77/2015/QH13"):
    no damaged type word is looked for before them ("địa phương số" is no "Phương án")."""
    rx = _regexes()
    by_head = {d.head: d for d in named_documents()}
    out = set()
    for m in rx["named"].finditer(w, 0, limit):
        doc = by_head.get(clean(m.group("head")))
        if doc is None or not doc.titled:
            continue
        num = rx["named_number"].match(w, _title_end(w, m.end(), limit), limit)
        if num:
            out.add(num.end())
    return out


def _numbered(w: str, limit: int, own: str) -> tuple[list[_Hit], list[tuple[int, int]]]:
    rx = _regexes()
    hits: list[_Hit] = []
    skipped: list[tuple[int, int]] = []
    outer = None
    listed = {m.start(): clean(m.group("issuer") or "") for m in rx["plural_numbered"].finditer(w, 0, limit)}
    authored = [(m.end(), _sentence_end(w, m.end(), limit), clean(m.group("issuer")))
                for m in rx["author_list"].finditer(w, 0, limit)]
    for start, num_end, doc_type, num_raw, warning in _anchors(w, limit):
        in_list = listed.get(start)   # "" for a plural head without its author
        if hits and start < hits[-1].end:
            last = hits[-1]
            if last.subject_start is None or start < last.subject_start:
                continue
            outer = last  # "Công văn số 180-CV/HU ... về lãnh đạo thực hiện Chỉ thị số 16/CT-TTg"
        elif outer is not None and start >= outer.end:
            outer = None
        head = None
        while True:
            number = normalize_number(num_raw)
            hit = _Hit(start, num_end, doc_type, number, num_end, inside=outer, head=head)
            if warning:
                hit.warnings.append(f"cited {doc_type} {number}: {warning}")
            if _own(number, own) or self_reference(w, start):
                skipped.append((start, num_end))
            else:
                _read_tail(w, hit, num_end, limit)
                hit.issuer = hit.issuer or in_list or None  # the plural head's author: "các thông tư của Bộ X: ..."
                hit.issuer = hit.issuer or next((a for lo, hi, a in authored if lo <= start < hi), None)
                hits.append(hit)
            head = head or hit
            # the next item of a list: right after the number ("15/CT-TTg, 16/CT-TTg của ...") or
            # after this item's date ("số 1305/CĐ-BYT ngày 02/9/2021, số 1316/-BYT ngày 04/9/2021")
            nxt = None
            # a plural head's items run on past each item's own words, to the next ";"
            item_end = w.find(";", num_end, limit) if in_list is not None else -1
            for pos in dict.fromkeys((num_end, hit.end if hit.subject is None else num_end, *((item_end,) if item_end > 0 else ()))):
                nxt = rx["bare"].match(w, pos, limit) or (rx["bare_list"].match(w, pos, limit) if number.isdigit() else None)
                if nxt:
                    break
            if not nxt:
                break
            start = nxt.start("so") if nxt.group("so") else nxt.start("num")
            num_raw, num_end, warning = nxt.group("num"), nxt.end(), None
    return hits, skipped


def _sentence_end(w: str, pos: int, limit: int) -> int:
    """Where the sentence holding pos ends (". " or a line break), or limit."""
    m = re.compile(r"\.(?:\s|$)|\n").search(w, pos, limit)
    return m.start() if m else limit


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _absorbed(w: str, end: int, numbered: list[_Hit]) -> bool:
    """"Kết luận của X tại Thông báo số ...": the unnumbered phrase names the numbered document."""
    m = _regexes()["at"].match(w, end)
    return bool(m) and any(h.start == m.end() for h in numbered)


def _in_plural(w: str, start: int, type_list: bool = False) -> bool:
    """"các Báo cáo của ...", "các công điện, chỉ thị và ý kiến chỉ đạo của ...": a class, not one document;
    ``type_list``: also after bare type words ("Chỉ thị, Nghị quyết của Đảng")."""
    rx = _regexes()
    return bool(rx["plural_before"].search(w, max(0, start - 8), start) or rx["plural_list"].search(w, max(0, start - 120), start)
                or (type_list and rx["type_list"].search(w, max(0, start - 30), start)))


def _inside_name(w: str, start: int) -> bool:
    """"Ban Chỉ đạo của Thành phố": a capitalised lead after a capitalised word is part of a body's name;
    so is any lead after a name_head word ("một số ban chỉ đạo của tỉnh": boards, no directives)."""
    m = re.search(r"(?<![^\W\d_])([^\W\d_]+)[ \t]+$", w[max(0, start - 30):start])
    if m and m.group(1).lower() in _name_heads():
        return True
    return w[start:start + 1].isupper() and bool(m) and m.group(1)[:1].isupper()


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    return frozenset(t.lower() for t, _ in patterns().get("name_head", ()))


def _after_cited_item(w: str, start: int, found) -> bool:
    """A list's later item in small letters whose first item, in its sentence before start, is a document in capitals
    ("Chỉ thị của Bộ Chính trị về ...; hướng dẫn của Ban Tổ chức Trung ương về ...")."""
    if start < 2 or w[start - 2] != ";" or not w[start - 1].isspace():
        return False
    head = max(w.rfind(".", 0, start), w.rfind("\n\n", 0, start), w.rfind(":", 0, start))
    return any(head < s < start and t[:1].isupper() for s, _, t, _ in found)


def _unnumbered(w: str, limit: int, taken, numbered, ctx: DocContext) -> list[_Hit]:
    rx = _regexes()
    hits = []
    found = [(m.start(), m.end(), m.group("type"), True) for m in rx["unnumbered"].finditer(w, 0, limit)]
    in_lower = [(m.start(), m.end(), m.group("type"), True) for m in rx["unnumbered_lower"].finditer(w, 0, limit)]
    lower = {s for s, *_ in in_lower if not _after_cited_item(w, s, found)}   # an item of a list needs no subject
    # "Chỉ thị của Bộ Chính trị về ...; hướng dẫn của Ban Tổ chức Trung ương về ...": listed beside a document, with
    # its author and subject, a guidance names one document too
    listed = [(m.start(), m.end(), m.group("type"), True) for m in rx["listed_lead"].finditer(w, 0, limit)
              if _after_cited_item(w, m.start(), found)]
    lower |= {s for s, *_ in listed}
    in_lower += listed
    found += [(m.start(), m.end(), m.group("type"), False) for m in rx["quoted"].finditer(w, 0, limit)]
    found += in_lower
    for start, type_end, written, bare in sorted(found):
        if _overlaps(start, type_end, taken) or _in_plural(w, start, type_list=bare) or (hits and start < hits[-1].end) \
                or _inside_longer_type(w, start, type_end):
            continue
        hit = _Hit(start, type_end, _type_name(written))
        author = rx["author"].match(w, type_end, limit) if bare else None
        if author:
            end = read_body(w, author.end(), limit, max_words=16)
            hit.issuer, hit.issuer_from_tail, hit.end = clean(w[author.end():end]), True, end
            _read_tail(w, hit, end, limit)
        else:
            _read_tail(w, hit, type_end, limit)
        partner = _partner_author(w, hit.end, limit) if hit.issuer and not hit.subject else None
        if partner:
            _read_tail(w, hit, partner[1], limit)
        if hit.issuer and _UNIT_KIND.fullmatch(hit.issuer):
            hit.issuer = None   # "xây dựng Kế hoạch của xã", "Kế hoạch của cấp huyện": a place's kind alone names no author
        if rx["draft"].search(w[max(0, start - 20):start]):
            continue   # "dự thảo Kế hoạch của Ban Chỉ đạo": a draft, not yet issued
        if not (hit.issuer or hit.date) or _absorbed(w, hit.end if not hit.subject else hit.subject_start, numbered):
            continue
        if start in lower and (not (hit.issuer and (hit.subject or _ordinal_congress(hit.issuer))) or _quote_cue_before(w, start)):
            continue   # "thực hiện nghị quyết của Đảng": a type in lower case names one document only with its subject;
            #            "Toàn văn bài viết của Tổng Bí thư về ...": the page's own text, not cited
        if not (hit.date or hit.number) and hit.issuer and rx["honorific"].match(hit.issuer) and _told(w, hit.end, limit):
            continue  # "Báo cáo của đồng chí X, Chủ tịch UBND tỉnh cho biết, ...": a speaker's report, no document
        if not hit.date and hit.issuer and _is_self(hit.issuer, ctx):
            continue  # the document speaking of itself ("Chỉ thị của Ban Thường vụ Tỉnh ủy ... được ban hành")
        if not hit.date and _named_before(hit, numbered):
            continue  # "Nghị quyết số 95/NQ-HĐND của HĐND tỉnh ...; ... Nghị quyết của HĐND tỉnh": said again
        if not hit.date and any(_same_subject(hit, h) for h in numbered):
            continue  # a title "... thực hiện Nghị quyết của Bộ Chính trị về đột phá ..." over "Nghị quyết số 57-NQ/TW ..."
        if not hit.date and any(h.end <= start and not w[h.end:start].strip() for h in numbered):
            continue  # "Thông báo số 04/TB-VPCP ... của Văn phòng Chính phủ Kết luận của Phó Thủ tướng": its trích yếu
        if not hit.date and _numbered_in_brackets(w, hit, numbered):
            continue  # "Báo cáo của Ban Tổ chức Trung ương về ... (Báo cáo số 520-BC/BTCTW, ngày ...)": the same one
        if not hit.date and not hit.subject and _named_before(hit, hits):
            continue  # "Thông báo kết luận của Thành ủy về ... Thông báo kết luận của Thành ủy cũng ...": said again
        if not hit.date and hit.issuer and _regexes()["plural_author"].search(rx["name_comma"].sub(" ", hit.issuer)):
            continue  # "Nghị quyết Đại hội đảng bộ các cấp": a class of authors, no one document ("Đảng bộ Mặt trận
            # Tổ quốc, các đoàn thể Trung ương": a name_comma phrase, one body)
        if not hit.date and _same_plenum(w, hit, hits):
            continue  # "Nghị quyết Hội nghị lần thứ 4 Ban chấp hành Trung ương Đảng ... Nghị quyết Trung ương 4": said again
        if not hit.date and any(_shortened(hit, h) or _lead_alone(hit, h) for h in hits):
            continue  # "Nghị quyết Đại hội Đảng bộ xã Tân Lập lần thứ I ... Nghị quyết Đại hội Đảng bộ xã lần thứ I"
        hits.append(hit)
        if partner and hit.subject:   # "chỉ thị của Ban Bí thư và Thủ tướng Chính phủ về ...": each author's own
            hits.append(_Hit(partner[0], hit.end, hit.doc_type, issuer=clean(w[partner[0]:partner[1]]), issuer_from_tail=True,
                             subject=hit.subject, subject_start=hit.subject_start))
    return [h for h in hits if not _told_bare_again(h, hits)]


def _ordinal_congress(issuer: str) -> bool:
    """"Đại hội Đảng bộ thành phố lần thứ XVIII": a congress named by its ordinal, one body's one congress."""
    rx = _regexes()
    return bool(rx["congress_head"].match(issuer) and rx["congress_ordinal"].search(issuer))


def _told_bare_again(hit: _Hit, hits: list[_Hit]) -> bool:
    """"quán triệt Chỉ thị của Bộ Chính trị, ..." then "gồm: Chỉ thị của Bộ Chính trị về lãnh đạo cuộc bầu cử": the bare
    mention (no date, no subject) is the one named with its subject, one document."""
    return not (hit.date or hit.subject) and any(
        o is not hit and o.subject and o.doc_type == hit.doc_type and o.issuer == hit.issuer for o in hits)


_PARTNER = re.compile(rf"\s+{G.piece('and')}\s+(?=[{UPPER}])")


def _partner_author(w: str, pos: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of a second author joined by "và" after an unnumbered mention's author, the subject right after it
    ("chỉ thị của Ban Bí thư và Thủ tướng Chính phủ về tổ chức Tết ..."): one type, two documents of that subject."""
    j = _PARTNER.match(w, pos, limit)
    if not j:
        return None
    end = read_body(w, j.end(), limit, max_words=16)
    if end == j.end() or not _regexes()["about"].match(w, end, limit) or body_in_text(w[j.end():end]) is None:
        return None
    return j.end(), end


@lru_cache(maxsize=1)
def _quote_cue_re() -> re.Pattern:
    """A quotation cue ending right before a mention (press_phrases quote_cue: "toàn văn")."""
    return re.compile(rf"(?<![^\W_])(?i:{alternation(r['phrase'] for r in table('press_phrases') if r['kind'] == 'quote_cue')})\s+$")


def _quote_cue_before(w: str, pos: int) -> bool:
    return bool(_quote_cue_re().search(w, max(0, pos - 30), pos))


@lru_cache(maxsize=1)
def _hearsay() -> re.Pattern:
    """A verb of telling (press_phrases hearsay rows: "cho biết", "cho hay")."""
    return re.compile(rf"(?<![^\W_])(?:{alternation(r['phrase'] for r in table('press_phrases') if r['kind'] == 'hearsay')})(?![^\W_])")


def _told(w: str, pos: int, limit: int) -> bool:
    """A verb of telling after pos in the same sentence (the person's titles between)."""
    end = min(limit, *(i for i in (w.find(".", pos), w.find("\n", pos)) if i >= 0), pos + 200)
    return bool(_hearsay().search(w, pos, end))


def _inside_longer_type(w: str, start: int, type_end: int) -> bool:
    """"vừa ra thông báo Kết luận của Phó Thủ tướng": the type word ends a longer one ("Thông báo kết
    luận", the page's own kind of document), no document of its own."""
    for m in re.finditer(r"(?<![^\W_])\w", w[max(0, start - 20):start]):
        t = G.compiled("type_word").match(w, max(0, start - 20) + m.start())
        if t and t.end() >= type_end:
            return True
    return False


def _shortened(hit: _Hit, before: _Hit) -> bool:
    """``hit`` names ``before`` again without its place: the same type, and its author's words are
    the earlier author's with only capitalised words (a place name) left out."""
    if hit.doc_type != before.doc_type or not hit.issuer or not before.issuer:
        return False
    short, long = clean(hit.issuer).split(), clean(before.issuer).split()
    if len(short) >= len(long):
        return False
    k = 0
    for word in long:
        if k < len(short) and fold(word) == fold(short[k]):
            k += 1
        elif not word[:1].isupper():
            return False
    return k == len(short)


def _lead_alone(hit: _Hit, before: _Hit) -> bool:
    """``hit``'s author is an author lead alone ("... mục tiêu Nghị quyết Đại hội đã đề ra") after a mention of the same
    type naming that author in full ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh khóa XIX"): the same document."""
    leads = {fold(t) for t, _ in patterns()["author_lead"]}
    own = fold(clean(hit.issuer or ""))
    return own in leads and hit.doc_type == before.doc_type and fold(clean(before.issuer or "")).startswith(own + " ")


def _same_subject(hit: _Hit, numbered: _Hit) -> bool:
    """An unnumbered mention naming a numbered citation by its type, author and subject (its first words the same),
    before or after it: the same document."""
    if not (hit.subject and numbered.subject and hit.issuer and numbered.issuer) or hit.doc_type != numbered.doc_type \
            or fold(clean(hit.issuer)) != fold(clean(numbered.issuer)):
        return False
    a, b = fold(hit.subject).split(), fold(numbered.subject).split()
    k = min(len(a), len(b), 6)
    return k >= 4 and a[:k] == b[:k]


def _named_before(hit: _Hit, numbered) -> bool:
    """A numbered citation before ``hit`` of the same type and issuer: hit names it again; also when hit names only the
    body whose head issued it ("Quyết định số 1651/QĐ-TTg ... của Thủ tướng Chính phủ ... thực hiện Quyết định của
    Chính phủ")."""
    own = fold(hit.issuer or "")
    return bool(own) and any(h.end <= hit.start and h.doc_type == hit.doc_type
                             and (fold(h.issuer or "") == own or _head_of(h.issuer or "", own)) for h in numbered)


def _head_of(issuer: str, body: str) -> bool:
    """The issuer is a post (press_phrases role rows: "Thủ tướng", "Chủ tịch") of the folded body ("Chính phủ")."""
    return fold(headed_body(issuer) or "") == body


def headed_body(issuer: str) -> str | None:
    """"Chủ tịch UBND tỉnh" -> "UBND tỉnh", "Thủ tướng Chính phủ" -> "Chính phủ": the body a post (press_phrases role
    rows) heads; None when the name opens with no post."""
    m = _post_re().match(issuer)
    rest = issuer[m.end():].strip() if m else ""
    return rest if rest[:1].isupper() else None


@lru_cache(maxsize=1)
def _post_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(_roles())})\s+")   # alternation tries the longest first


def _roles() -> list[str]:
    """The posts of press_phrases.csv (role rows: "Thủ tướng", "Chủ tịch", "Bộ trưởng")."""
    return [r["phrase"] for r in table("press_phrases") if r["kind"] == "role"]


def _numbered_in_brackets(w: str, hit: _Hit, numbered) -> bool:
    """A numbered citation of the same type (and issuer, when written) opening a bracket after ``hit``
    in the same sentence (hit's subject may run over it): the brackets give hit's number."""
    own = fold(hit.issuer or "")
    for h in numbered:
        if h.start < hit.start or h.doc_type != hit.doc_type or re.search(r"[.;\n]", w[hit.start:h.start]):
            continue
        if w[:h.start].rstrip().endswith("(") and (not h.issuer or not own or fold(h.issuer) == own):
            return True
    return False


def _title_end(w: str, pos: int, limit: int, max_words: int = 15, lower: bool = False) -> int:
    """End of a capitalised title after pos ("Luật| Phòng, chống bệnh truyền nhiễm"), pos when none:
    it stops at punctuation, a title_stop word, "và"/a comma before a capital or "các|những";
    ``lower``: a title in lower case too ("Luật tiếp công dân số 42/2013/QH13", its number after it)."""
    rx = _regexes()
    end, i = pos, pos
    for n in range(max_words):
        m = rx["title_word"].match(w, i, limit)
        if not m or "\n\n" in m.group("sep") or (n == 0 and (not m.group("sep") or "," in m.group("sep"))):
            break
        word = m.group("word")
        if n == 0 and not word[:1].isupper() and not lower:
            break
        if n and (rx["title_stop"].match(w, m.start("word")) or ("," in m.group("sep") and (word[:1].isupper() or rx["plural_before"].match(word + " ")))):
            break
        if word in G.words("and_word"):
            nxt = rx["title_word"].match(w, m.end(), limit)
            # a capital after "và" starts another document ("Luật A và Luật B", "... và Nghị định số ...")
            # unless it names no document ("Luật Tổ chức HĐND và UBND": one title)
            if not nxt or rx["plural_before"].match(nxt.group("word") + " ") or nxt.group("word")[:1].isupper() \
                    and _starts_document(w, nxt.start("word"), limit):
                break
        end = i = m.end()
    return end


def _starts_document(w: str, pos: int, limit: int) -> bool:
    """A type word or a named document's head at pos ("Luật", "Nghị định", "Hiến pháp")."""
    rx = _regexes()
    return bool(rx["named"].match(w, pos, limit) or rx["type_at"].match(w, pos, limit))


def _named(w: str, limit: int, taken) -> list[_Hit]:
    """Documents named without a number (named_documents.csv): "Điều lệ Đảng", "Luật <title>"."""
    rx = _regexes()
    by_head = {d.head: d for d in named_documents()}
    hits = []
    for m in rx["named"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken) or _in_plural(w, m.start()) or _enacted_by_cited(w, m.start(), taken):
            continue
        doc = by_head.get(clean(m.group("head")))
        if doc is None or rx["amending"].match(w, m.start()):
            continue
        end = _title_end(w, m.end(), limit) if doc.titled else m.end()
        num = rx["named_number"].match(w, end, limit) if doc.titled else None
        if end == m.end() and doc.titled:
            end = _title_end(w, m.end(), limit, lower=True)   # a lower-case title only before its number
            num = rx["named_number"].match(w, end, limit) if end > m.end() else None
            if num is None and not (end > m.end() and _dated_basis(w, m.start(), end, limit)):
                continue
        if doc.titled and num is None:
            num = _number_after_lower_of(w, end, limit)
            end = num.start() if num else end
        hit = _Hit(m.start(), end, doc.doc_type, name=clean(w[m.start():end]))
        if num:
            hit.number, hit.num_end = clean(num.group("num")), num.end()
            end = hit.end = num.end()
        _read_tail(w, hit, end, limit)
        if hit.issuer is None and doc.issuer:
            hit.issuer = doc.issuer
        hits.append(hit)
        if num:
            hits.extend(_named_again(w, hit, limit, doc.issuer))
    return hits


def _number_after_lower_of(w: str, end: int, limit: int) -> re.Match | None:
    """"Pháp lệnh Nhập cảnh, xuất cảnh, cư trú của người nước ngoài tại Việt Nam số24/2000/PL-UBTVQH10": "của" and a
    lower-case word go on with the title (an author opens with a capital), up to the title's number on its line."""
    rx = _regexes()
    m = rx["of"].match(w, end, limit)
    if not m or not w[m.end():m.end() + 1].islower():
        return None
    stop = re.compile(r"[;\n]").search(w, m.end(), min(limit, m.end() + 120))
    until = stop.start() if stop else min(limit, m.end() + 120)
    num = rx["named_number"].search(w, m.end(), until)
    if num is None or rx["type_at"].search(w, m.end(), num.start()) or rx["of"].search(w, m.end(), num.start()):
        return None
    return num


def _dated_basis(w: str, start: int, end: int, limit: int) -> bool:
    """"Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;", "Căn cứ Luật ban hành văn bản quy
    phạm pháp luật năm 2015;": a lower-case title right after a basis verb, its date or year closing the item."""
    verb = _basis_before_re().search(w, max(0, start - 40), start)
    return bool(verb and relation_verbs().get(clean(verb.group("verb")).lower()) in ("based_on", "implements")
                and (_YEAR_CLOSES.search(w, end - 12, end) and _ITEM_END.match(w, end, limit)
                     or _DATE_CLOSES.match(w, end, limit)))


@lru_cache(maxsize=1)
def _basis_before_re() -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[\s;:]))(?P<verb>{alternation(sorted(relation_verbs(), key=len, reverse=True), 'i')})\s+$")


_YEAR_CLOSES = re.compile(rf"(?:{alternation(G.words('year_word'), 'i')})\s+(?:19|20)\d\d$")   # "năm 2015"
_ITEM_END = re.compile(r"\s*(?:[;.,]|$)")
_DATE_CLOSES = re.compile(rf"\s+{G.piece('dated')}(?!\d)\s*(?:[;.,]|$)")


def _named_again(w: str, hit: _Hit, limit: int, issuer: str | None) -> list[_Hit]:
    """"Luật Ngân sách nhà nước số 01/2002/QH11 ngày ...; số 83/2015/QH13 ngày ...": the next "số"
    of a list after a named document's number and date is a document of the same name."""
    out = []
    while (nxt := _regexes()["bare"].match(w, hit.end, limit)) and nxt.group("so"):
        hit = _Hit(nxt.start("so"), nxt.end(), hit.doc_type, name=hit.name)
        hit.number, hit.num_end = clean(nxt.group("num")), nxt.end()
        _read_tail(w, hit, nxt.end(), limit)
        hit.issuer = hit.issuer or issuer
        out.append(hit)
    return out


def _enacted_by_cited(w: str, pos: int, taken) -> bool:
    """"Nghị định số 39/2022/NĐ-CP ngày ... của Chính phủ ban hành Quy chế làm việc ...": a named document
    that a numbered citation of the same clause issues is that citation's content."""
    verb = _regexes()["enacted_by"].search(w, max(0, pos - 40), pos)
    before = [e for s, e in taken if e <= pos]
    return bool(verb) and bool(before) and not re.search(r"[;.\n]", w[max(before):verb.start()])


def _is_self(issuer: str, ctx: DocContext) -> bool:
    """The author named is the document's own issuer (completed, or as a prefix of it)."""
    own = clean(ctx.issuer or "").casefold()
    return bool(own) and (clean(complete_name(issuer, ctx, cited=True)).casefold() == own or own.startswith(clean(issuer).casefold() + " "))


def _implicit(w: str, limit: int, taken, numbered) -> list[_Hit]:
    """"ý kiến chỉ đạo của <one author> về <subject>": a document named by author and subject."""
    rx = _regexes()
    hits = []
    for m in rx["implicit"].finditer(w, 0, limit):
        if _overlaps(m.start(), m.end(), taken) or _in_plural(w, m.start()) or _inside_name(w, m.start()):
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
        if _overlaps(m.start(), m.end(), taken) or (out and m.start() < out[-1][1]) or _inside_name(w, m.start()):
            continue
        stop = rx["generic_end"].search(w, m.end(), limit)
        end = stop.start() if stop else limit
        end = min([end] + [a for a in anchors if m.end() <= a < end])
        text = w[m.start():end]
        text = rx["generic_tail"].sub("", text)
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
    best = _last_verb(w, lo, hit.start) or _list_opener(w, lo, hit.start) or _bullet_opener(w, hit.start)
    if best:
        hit.verb, hit.verb_pos = clean(best.group(0)).lower(), best.start()
        hit.relation = relation_verbs().get(hit.verb, "refers")


def _list_opener(w: str, lo: int, start: int) -> re.Match | None:
    """"Thực hiện Luật ...; Quyết định số 342/QĐ-TTg ...": a clause that opens with the citation goes on
    the list opened by the verb that opens the clauses before it ("Thực hiện", "Căn cứ")."""
    while lo > 0 and w[lo - 1] == ";" and not w[lo:start].strip():
        start = lo - 1
        lo = _clause_start(w, start)
        for m in _regexes()["verbs"].finditer(w, lo, start):
            line = w[w.rfind("\n", lo, m.start()) + 1:m.start()]
            if not w[lo:m.start()].strip() or m.group(0)[:1].isupper() and not line.strip():
                return m   # the verb opens the clause, or a line of it (a header's lines above it)
        return None
    return None


def _bullet_opener(w: str, start: int) -> re.Match | None:
    """"Căn cứ\n- Chỉ thị số 45-CT/TW ...;\n- Nghị định số 145/2013/NĐ-CP ...": a bulleted line opening with the
    citation goes on the list its heading line (above the items) opens with a citing verb."""
    line_start = w.rfind("\n", 0, start) + 1
    if not w[line_start:start].strip() or w[line_start:start].strip(" \t-+*•"):
        return None   # no bullet, or words before the citation on its line
    end = line_start - 1
    while end > 0 and start - end < 3000:
        head_start = w.rfind("\n", 0, end) + 1
        head = w[head_start:end]
        end = head_start - 1
        if not head.strip() or head.lstrip()[:1] in "-+*•":
            continue   # a blank line, an item listed before this one
        m = _regexes()["verbs"].match(w, head_start + len(head) - len(head.lstrip()), head_start + len(head))
        return m if m and m.group(0)[:1].isupper() else None
    return None


def _last_verb(w: str, lo: int, end: int) -> re.Match | None:
    """The last citing verb between lo and end that no excluded phrase covers."""
    rx = _regexes()
    excluded = [(m.start(), m.end()) for m in rx["exclude_verbs"].finditer(w, lo, end)]
    best = None
    for m in rx["verbs"].finditer(w, lo, end):
        if not _overlaps(m.start(), m.end(), excluded):
            best = m
    return best


def _context_fill(w: str, hit: _Hit, ctx: DocContext) -> None:
    """Issuer and date from around the citation when its tail does not give them."""
    rx = _regexes()
    lo = _clause_start(w, hit.start)
    before = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), w[lo:hit.start])
    if not hit.issuer and rx["at_lead"].search(before):
        hit.issuer = _speaker_after(w, hit.end) or None   # "Tại Kết luận 169-KL/TW, Bộ Chính trị giao ...": its author speaks
        if hit.issuer and hit.number and not _speaker_coded(hit.issuer, hit.number):
            hit.issuer = None   # "Tại văn bản số 4291/VPCP-NN, Thủ tướng yêu cầu": VPCP wrote what the speaker said
    coded = issuer_from_number(hit.number, ctx) if hit.number and not hit.issuer and not _shared_code(hit.number) else None
    if coded and _names_a_body(hit.number):
        hit.issuer = coded  # "Kết luận của Thủ tướng tại Thông báo số 253/TB-VPCP": VPCP issued the Thông báo
    if not hit.issuer:  # "của Tỉnh ủy Kon Tum tại văn bản số 1035-CV/TU": the text says whose TU it is
        m, at = rx["of_x_at"].search(before), lo  # the last "của X tại"
        if not m:
            at = max([0] + [b.end() for b in rx["wide_boundary"].finditer(w, 0, hit.start)])
            m = rx["of_x_at_list"].search(re.sub(r"\([^()]*\)", lambda p: " " * len(p.group(0)), w[at:hit.start]))
        if m:
            x = at + m.start("x") + _last_author_at(w[at + m.start("x"):at + m.end("x")])
            end = read_body(w, x, hit.start)
            written = clean(w[x:end])
            # a body's name opens with a capital: "của một số ngành sản xuất, ... quy định tại Luật ..." names none
            if written[:1].isupper() and not (coded and _same_body(written, coded)):
                hit.issuer = written
    if not hit.issuer:
        hit.issuer = _acted_at(w, hit.start)
    right_before = rx["has_issued"].search(before)
    if right_before:
        # read as the issue verb itself (issued_verb rows)
        before = before[:right_before.start()] + patterns()["issued_verb"][0][0] + " "
    if not hit.issuer:   # the author that issues it, before its code ("UBND TP Hà Nội cũng ban hành Kế hoạch số 14/KH-UBND")
        m = rx["issued"].search(before)
        if m and m.group("x").strip()[:1].isupper():
            x = rx["date_first"].sub("", m.group("x")).lstrip()
            if rx["heads"].match(x.strip()):
                hit.issuer = fix_ocr(clean(x))
    if coded and not hit.issuer:
        hit.issuer = coded
    issued = list(rx["issued_verb"].finditer(before))
    # "Ngày D, X ban hành Chương trình số 27 về thực hiện Chỉ thị 13": D is the numbered document's, issued
    # between the verb and this citation, not this one's
    if hit.date_as_written is None and issued and not re.search(_NUMBER, before[issued[-1].end():]):
        m = rx["date_after_lead"].match(before)
        if m:
            hit.date, hit.date_as_written, hit.date_warning = parse_date(m)
        m = rx["day_month_after_lead"].match(before) if hit.date_as_written is None else None
        if m:
            hit.day_month = m.group("d"), m.group("m")
    if hit.date_as_written is None and hit.day_month and ctx.date:
        hit.date = _in_year_of(hit.day_month, ctx.date)


def _acted_at(w: str, start: int) -> str | None:
    """The body that "đã chỉ đạo tại" the list this citation belongs to, or None."""
    rx = _regexes()
    at = max([0] + [b.end() for b in rx["sentence_boundary"].finditer(w, 0, start)])
    m = rx["acted_at_list"].search(re.sub(r"\([^()]*\)", lambda p: " " * len(p.group(0)), w[at:start]))
    if not m:
        return None
    x_end = at + m.end("x")
    for head in rx["heads"].finditer(w, at + m.start("x"), x_end):   # the body whose name runs up to the verb
        if read_body(w, head.start(), x_end) >= x_end:
            return fix_ocr(clean(w[head.start():x_end]))
    return None


def _in_year_of(day_month: tuple[str, str], own: str) -> str | None:
    """A day written without its year ("ngày 30-9") in a page dated ``own`` (ISO): the last such day on or
    before the page's date (a cited document is older than the page that cites it); None if impossible."""
    d, m = int(day_month[0]), int(day_month[1])
    year, own_month, own_day = (int(x) for x in own.split("-"))
    if (m, d) > (own_month, own_day):
        year -= 1
    iso, _ = date_from_parts(str(d), str(m), str(year))
    return iso


@lru_cache(maxsize=1)
def at_then_and() -> re.Pattern:
    """"... tại Công văn số 969 ... và ": a "và" item after "tại", another document of that ground."""
    return re.compile(rf"\s{G.piece('at')}\s.*\s(?:{G.piece('and')})\s+", re.S)


def _last_author_at(x: str) -> int:
    """Where the author of the last "X tại" starts in x: "Chánh Văn phòng tại Tờ trình số 18 ... và Giám đốc
    Sở Nội vụ" -> at "Giám đốc" (another citation and its author come first); 0 otherwise."""
    m = at_then_and().search(x)
    return m.end() if m else 0


def _speaker_after(w: str, end: int) -> str:
    """The body opening the clause after a citation ("…, Ban Bí thư yêu cầu …"), or ""."""
    m = re.match(r"[ \t]*,[ \t]*", w[end:end + 8])
    if not m:
        return ""
    found = leading_body(w[end + m.end():end + m.end() + 120])
    return found[1].name if found else ""


@lru_cache(maxsize=1)
def _issuer_code_of() -> dict[str, tuple[str, str]]:
    """Body name -> (issuer code, channel): issuer_codes.csv's fixed bodies, and a central body without a
    code of its own through its parents in central_bodies.csv (Bộ Chính trị -> Ban Chấp hành Trung ương: TW)."""
    own = {c.body: (c.code, c.channel) for c in issuer_codes() if c.body and "{" not in c.body}
    parents = {r["name"]: r.get("parent") or "" for r in table("central_bodies")}
    out = dict(own)
    for name in parents:
        up, seen = name, set()
        while up and up not in own and up not in seen:
            seen.add(up)
            up = parents.get(up, "")
        if up in own:
            out.setdefault(name, own[up])
    return out


def completed_number(number: str | None, doc_type: str | None, issuer: str | None) -> str | None:
    """"Chỉ thị 16 của Thủ tướng Chính phủ" -> 16/CT-TTg: a bare number of a type whose symbol carries no
    year (symbol_completes rows) with the type's and the issuer's codes, in the issuer's system's form
    (State NUMBER/TYPE-ISSUER, Party NUMBER-TYPE/ISSUER)."""
    if not (number and number.isdigit() and doc_type and issuer):
        return number
    if doc_type not in {t for t, _ in patterns()["symbol_completes"]}:
        return number
    found = _issuer_code_of().get(issuer)
    if not found:
        return number
    code, channel = found
    types = [r for r in table("doc_types") if r["name_vi"] == doc_type and r["channel"] in (channel, "both")]
    types.sort(key=lambda r: r["channel"] != "both")  # "Công điện": CĐ, not the Party's Điện mật code
    if not types:
        return number
    kind = types[0]["symbol_code"] or types[0]["code"]
    return f"{number}-{kind}/{code}" if channel == "party" else f"{number}/{kind}-{code}"


def _numbered_phrase(text: str) -> re.Pattern:
    """A citation_patterns phrase with a "{n}" slot (a number, a Roman numeral or an ordinal word), whitespace-tolerant."""
    rx = re.escape(text).replace(r"\{n\}", rf"(?P<n>[IVXLC]+|\d+|{G.piece('ordinal_word')})").replace(r"\ ", r"\s+")
    return re.compile(rx, re.I)


@lru_cache(maxsize=1)
def _issuer_rewrites() -> tuple[tuple[re.Pattern, str], ...]:
    """issuer_rewrite rows: "Đại hội lần thứ {n} của Đảng" -> "Đại hội đại biểu toàn quốc lần thứ {n} của Đảng"."""
    return tuple((_numbered_phrase(text), value) for text, value in patterns()["issuer_rewrite"])


@lru_cache(maxsize=1)
def _plenum_names() -> tuple[re.Pattern, ...]:
    return tuple(_numbered_phrase(text) for text, _ in patterns()["plenum_name"])


_TERM_NUMERAL = re.compile(rf"{G.piece('term')}\s+(?P<t>[IVXLC]+)(?![^\W_])")


def _plenum(w: str, hit: _Hit) -> tuple[str, str | None] | None:
    """The Central Committee plenum an unnumbered citation's author names (plenum_name rows: "Hội nghị lần thứ 4
    Ban chấp hành Trung ương Đảng", "Trung ương 4") and the term written right after it ("(khóa XI)"), else None."""
    for pattern in _plenum_names():
        m = pattern.fullmatch(clean(hit.issuer or ""))
        if m:
            term = _TERM_NUMERAL.search(w, hit.end, hit.end + 20) or _TERM_NUMERAL.search(w, hit.start, hit.end)
            return m.group("n"), term.group("t") if term else None
    return None


def _same_plenum(w: str, hit: _Hit, before: list[_Hit]) -> bool:
    """"Nghị quyết Hội nghị lần thứ 4 Ban chấp hành Trung ương Đảng (khóa XI) ... Nghị quyết Trung ương 4 (khóa XI)":
    the same plenum's resolution named again (a term written on both must agree)."""
    own = _plenum(w, hit)
    for h in before:
        other = _plenum(w, h) if h.doc_type == hit.doc_type else None
        if own and other and own[0] == other[0] and (not own[1] or not other[1] or own[1] == other[1]):
            return True
    return False


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]] | None:
    """The press's abbreviations of bodies (press_phrases.csv kind abbreviation: "BTV" -> "Ban Thường vụ")."""
    rows = {r["phrase"]: r["value"] for r in refdata.table("press_phrases") if r["kind"] == "abbreviation"}
    return (re.compile(rf"(?<![^\W_]){alternation(rows)}(?![^\W_])"), rows) if rows else None


def spell_out(text: str) -> str:
    """``text`` with the press's abbreviations of bodies spelled out ("Ban Bí thư T.Ư Đảng" -> "... Trung ương ...")."""
    found = _abbreviations()
    return found[0].sub(lambda m: found[1][m.group(0)], text) if found else text


def _issuer_as_named(hit: _Hit) -> str:
    """The issuer written in the citation, as the body is named: without "đồng chí", a congress by its
    full name, "Chỉ thị ... của Chính phủ" -> Thủ tướng Chính phủ (issuer_of_type: who issues that type)."""
    rx = _regexes()
    issuer = rx["honorific"].sub("", hit.issuer or "", count=1) if rx["honorific"].match(hit.issuer or "") else hit.issuer
    issuer = spell_out(issuer) if issuer else issuer
    for pattern, value in _issuer_rewrites():
        m = pattern.fullmatch(issuer)
        if m:
            issuer = value.replace("{n}", m.groupdict().get("n") or "")   # a row may hold no number ("BTVQU")
    issuer = _last_title_body(_without_holder(issuer, hit.doc_type))
    from loaders.prose import unit_committee_name   # prose reads this module's patterns
    issuer = unit_committee_name(issuer) or issuer
    for text, value in patterns()["issuer_of_type"]:
        doc_type, _, written = text.partition("|")
        if (hit.doc_type or "").casefold() == doc_type.casefold() and issuer.casefold() == written.casefold():
            issuer = value
    return issuer


def _speaker_coded(speaker: str, number: str) -> bool:
    """The speaker may be the author of ``number``: the symbol's code names no one body by itself, or the
    speaker's own code (through its parents: Bộ Chính trị -> TW) is that code."""
    if not _names_a_body(number):
        return True
    own = _issuer_code_of().get(speaker)
    return own is None or own[0] == find_issuer_code(number).code


COMMITTEE_END = re.compile(rf"(?<![^\W_])(?:{G.piece('committee_word')})$")   # "... Tỉnh ủy" (prose reads it too)


def _ends_with_place(text: str) -> bool:
    words = text.split()
    return any(refdata.find_units(" ".join(words[-k:])) for k in (1, 2, 3) if len(words) > k)


def _without_holder(issuer: str, doc_type: str | None = None) -> str:
    """"Kết luận của Bí thư Tỉnh ủy Nguyễn Văn A", "... của Chủ tịch UBND tỉnh Nguyễn Văn A", "ý kiến chỉ đạo của Thủ
    tướng Nguyễn Văn A": after a post and its body (a committee, a place, a kind of unit, or a central post), the
    person holding it (two to four capitalised words that name no place) is no part of the issuer; a personal
    document ("Lời kêu gọi của Tổng Bí thư X": citation_patterns personal_type) keeps its author."""
    from loaders.body_lists import post_start   # body_lists reads this module's patterns
    if (doc_type or "").casefold() in _personal_types() or refdata.find_central_body(issuer):
        return issuer   # "... Mặt trận Tổ quốc Việt Nam": a known name, no holder in it
    posted, words = post_start().match(issuer), issuer.split()
    for n in (4, 3, 2):
        run, before = " ".join(words[-n:]), " ".join(words[:-n])
        if len(words) <= n or not name_like(run) or refdata.find_units(run):
            continue
        central = refdata.find_central_body(before)   # "Thủ tướng" -> Thủ tướng Chính phủ
        if central:
            return central.name
        if posted and (COMMITTEE_END.search(before) or kind_word_end().search(before) or _known_body_after(before, posted.end())
                       or len(words) > n + 2 and _ends_with_place(before)):
            return before
    return issuer


def _known_body_after(text: str, pos: int) -> bool:
    """A known body's name fills ``text`` after ``pos`` ("Bộ trưởng| Bộ Y tế", "Giám đốc| Sở Tư pháp")."""
    start = len(text) - len(text[pos:].lstrip())
    return bool(refdata.find_central_body(text[start:])) or known_name_at(text, start, len(text)) == len(text)


@lru_cache(maxsize=1)
def _personal_types() -> frozenset[str]:
    return frozenset(t.casefold() for t, _ in patterns().get("personal_type", ()))


@lru_cache(maxsize=1)
def _last_title() -> re.Pattern:
    """", Chủ nhiệm Văn phòng Chính phủ": the last of a person's titles (press_phrases.csv role rows), its body after it."""
    return re.compile(rf",\s*(?:{alternation(_roles())})\s+(?P<body>[^,]+)$")


def _last_title_body(issuer: str) -> str:
    """"Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" -> Văn phòng Chính phủ: a chain of titles names the known
    central body of its last one; anything else stays as written."""
    m = _last_title().search(issuer)
    central = refdata.find_central_body(m.group("body")) if m else None
    return central.name if central else issuer


def _shared_code(number: str) -> bool:
    """The symbol's code is shared by several authors (shared_code rows: "/TW" numbers the Bộ Chính trị's, the Ban
    Bí thư's and the Ban Chấp hành's documents): with no author named, the citation's issuer stays unknown."""
    code = find_issuer_code(number)
    return bool(code and code.code in {t for t, _ in patterns().get("shared_code", ())})


def _names_a_body(number: str) -> bool:
    """The symbol's code names one body by itself ("VPCP"), not a kind filled from a locality ("TU")."""
    code = find_issuer_code(number)
    return bool(code and code.body and "{" not in code.body)


def _continues_list(w: str, prev: _Hit, hit: _Hit) -> bool:
    """"Thực hiện Công điện số 71/CĐ-TTg ...; các Công điện: số ...": an item after ";" with no verb of its own
    is governed by the verb of the item before it; so are the laws an amending law names ("Căn cứ Luật A ...;
    Luật sửa đổi, bổ sung một số điều của Luật B và Luật C ...": amending_prefix rows). The words of the item
    before that its reading left out ("của Tiểu Ban tuyên truyền và phục vụ Đại hội; Kế hoạch ...") stay in it
    when the list's verb opens its clause (not a verb inside an item's subject: "về tiếp tục thực hiện ...")."""
    if _list_gap().match(w, prev.end, hit.start):
        return True
    cut = w.rfind(";", prev.end, hit.start)
    # "Căn cứ A ...; B", a bulleted line "- Căn cứ A ...; B": the verb opens its clause or its line
    before = w[_clause_start(w, prev.verb_pos):prev.verb_pos] if prev.verb_pos >= 0 else "x"
    opens = not before[before.rfind("\n") + 1:].strip(" \t-–+*•")
    # a ";" before a lower-case word goes on the item's subject ("về tổ chức kỷ niệm 100 năm; xây dựng khu lưu niệm")
    return opens and cut >= 0 and not re.search(r"[.!?]|;(?!\s*[^\W\d_A-ZĐ{UPPER}])|\n\s*\n".replace("{UPPER}", UPPER),
                                                 w[prev.end:cut]) \
        and bool(_list_gap().match(w, cut, hit.start))


def _opens_item(w: str, hit: _Hit) -> bool:
    """The citation opens its clause or line: an item of a list, not a document its subject names."""
    return not w[_clause_start(w, hit.start):hit.start].strip(" \t\n-–+*•")


def _verb_in_description(w: str, prev: _Hit, hit: _Hit) -> bool:
    """"Thực hiện Quyết định A ... về việc ban hành Phương án X và Quyết định B": the verb before B sits inside A's
    own words (its subject), so B is the next item of A's list, not a document "ban hành" names."""
    return 0 <= prev.verb_pos < prev.start < hit.verb_pos < prev.end <= hit.start \
        and bool(_list_gap().search(w[prev.end:hit.start]))


def _described_item(w: str, prev: _Hit, hit: _Hit) -> bool:
    """"Căn cứ Nghị định A của Chính phủ quy định ..., tổ chức thực hiện ... và Nghị định B": the verb
    after A sits in A's description (lower case, no new clause); B is the next item of A's list. A citing verb
    right after A describes A too ("Quyết định A ban hành Quy định ... và Quyết định B"); set off by a comma or a
    line break it opens a clause of its own ("Căn cứ A, thực hiện B")."""
    gap = w[prev.end:hit.start]
    rest = gap.lstrip(" ,\n")
    first = rest[:1]
    own_clause = bool(re.search(r"[,\n]", gap[:len(gap) - len(rest)])) and _regexes()["verbs"].match(rest)
    return bool(first) and first.islower() and not re.search(r"[;.]|\n\s*\n", gap) \
        and not own_clause and bool(_list_gap().search(gap))


@lru_cache(maxsize=1)
def _list_gap() -> re.Pattern:
    amending = G.alternation(G.any_case(t for t, _ in patterns()["amending_prefix"]))
    # "(gọi tắt là ...); Chỉ thị ...", "... của Quốc hội “về thí điểm ...”; Chỉ thị ...": a bracket or a quote closing the item
    after_item = rf"[)”\"]{{0,2}}\s*;\s*(?:{G.piece('plural')}\s+)?(?:{amending}\s+)?"
    # "... và Điều 2 Quyết định B": the part of B cited (article_word rows) stands between the list's word and B
    part = rf"(?:(?:{G.piece('article')})\s+[^\W_]{{1,4}}\s+)*"
    return re.compile(rf"(?:{after_item}|\s+{G.piece('and')}\s+|\s*,\s*){part}$")  # "... của Luật A và Luật B"


def _aliases_keep_relation(w: str, hits: list[_Hit]) -> None:
    """"Nghị quyết số 117/NQ-CP ... của Chính phủ ban hành Kế hoạch ... (gọi tắt là Nghị quyết số 117/NQ-CP)":
    a document named again in brackets in the same clause has the relation of the mention it abbreviates
    (the verb before the alias described the document)."""
    first: dict[str, _Hit] = {}
    for hit in hits:
        key = norm_number(hit.number) if hit.number else ""
        if not key:
            continue
        a = first.get(key)
        opened = w.rfind("(", a.end, hit.start) if a else -1
        if a and opened >= 0 and ")" not in w[opened:hit.start] and not re.search(r"[.;]|\n\s*\n", w[a.end:hit.start]):
            hit.relation, hit.verb, hit.verb_pos = a.relation, a.verb, a.verb_pos
        else:
            first[key] = hit


def _same_body(written: str, coded: str) -> bool:
    """"Giám đốc Sở Y tế" and the code's "Sở Y tế tỉnh Bắc Ninh" name one body (from the body head on)."""
    m = _regexes()["heads"].search(written)
    body = clean(written[m.start():] if m else written).casefold()
    coded = clean(coded).casefold()
    return coded.startswith(body) or body.startswith(coded)


def _nest(w: str, hits: list[_Hit]) -> None:
    """"Công văn 472 ... về việc X theo Kết luận ... tại Thông báo 253": 253 is cited by 472."""
    for i, b in enumerate(hits):
        if b.verb != "theo" or not b.number:
            continue
        for a in reversed(hits[:i]):
            # the verb after a's subject, not inside it ("... về đẩy mạnh học tập và làm theo tư tưởng ..., Quy định ...")
            if a.number and a.subject_start is not None and a.end <= b.verb_pos and not w[a.end:b.verb_pos].strip():
                if not _younger(w, b, a):
                    b.relation, b.cited_from = "cited_by_cited", a.number
                break


def _younger(w: str, b: _Hit, a: _Hit) -> bool:
    """b, joined by "và", is dated after a: no part of a's subject ("Thực hiện Chỉ thị số 19 ngày 16/7/2021 về ... theo
    Nghị quyết ... và Kế hoạch số 16 ngày 31/8/2021 ...": the Kế hoạch, six weeks younger, is the page's own ground
    beside the Chỉ thị and shares its verb)."""
    if not (a.date and b.date and b.date > a.date and _AND_BEFORE.search(w, 0, b.start)):
        return False   # "về thực hiện Nghị quyết số 19 ..." right in the subject stays its citation, whatever its date
    b.relation, b.verb, b.verb_pos = a.relation, a.verb, a.verb_pos
    return True


_AND_BEFORE = re.compile(rf"\s{G.piece('and')}\s+$")


def _share_tails(w: str, hits: list[_Hit]) -> None:
    """"Chỉ thị số 15/CT-TTg, Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ": the list shares "của ..."."""
    for a, b in zip(reversed(hits[:-1]), reversed(hits[1:])):
        same_list = b.head is not None and (b.head is a or b.head is a.head)
        # "số 15/QĐ-UBND ...; số 19/QĐ-UBND"; across ";" between two lists only when both symbols name the same
        # body ("Kế hoạch số 81-KH/ĐUK ngày ...; Hướng dẫn số 23-HD/ĐUK ... của Đảng ủy Khối ...")
        same_list = same_list or _codes_agree(a.number, b.number, strict=True)
        sep = _regexes()["list_sep" if same_list else "list_sep_no_semicolon"]
        if a.number and not a.issuer_from_tail and b.issuer_from_tail and sep.fullmatch(w, a.end, b.start) \
                and _codes_agree(a.number, b.number):
            a.issuer, a.issuer_from_tail = b.issuer, True


def _share_authors(w: str, hits: list[_Hit]) -> None:
    """"Chỉ thị số 01 ngày 23/1/2026 của Bộ Chính trị về ...; Chỉ thị số 46 ngày 16/5/2025 về ...": the next item of
    a ";" list, of the same type and series, written without its author, has the author of the item before it."""
    for k, b in enumerate(hits):
        if b.issuer or not b.doc_type or not b.number:
            continue
        a = next((h for h in reversed(hits[:k]) if h.end <= b.start), None)
        if a is not None and a.issuer and a.doc_type == b.doc_type and a.number \
                and _codes_agree(a.number, b.number) and _regexes()["semicolon_gap"].fullmatch(w, a.end, b.start):
            b.issuer = a.issuer
            b.warnings.append(f"author not written; the list's item before names it: {a.issuer!r}")


def _share_dates(w: str, hits: list[_Hit]) -> None:
    """"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013": two documents of one type and
    one series joined by "và", one date after both numbers: the pair's date."""
    rx = _regexes()
    for a, b in zip(hits, hits[1:]):
        if a.date_as_written is None and b.date_as_written and a.doc_type == b.doc_type and b.num_end \
                and _codes_agree(a.number, b.number, strict=True) and rx["and_pair"].fullmatch(w, a.end, b.start) \
                and rx["date"].match(w, b.num_end):
            a.date, a.date_as_written, a.date_warning = b.date, b.date_as_written, b.date_warning


def _codes_agree(a: str | None, b: str | None, strict: bool = False) -> bool:
    """The symbols name no two different bodies: "1494/TTr-SNV" and "18/BCTĐ-STP" (Sở Nội vụ, Sở Tư
    pháp) do not share "của Sở Tư pháp"; "15/CT-TTg" and "16/CT-TTg" do. ``strict``: both name their
    bodies, the same ones ("81-KH/ĐUK" and "23-HD/ĐUK")."""
    def codes(number: str | None) -> set[str]:
        tail = (number or "").partition("/")[2]
        return {t for t in re.split(r"[-/&.]", tail) if t and t.upper() not in _type_code_set()}
    x, y = codes(a), codes(b)
    if strict:
        return bool(x) and x == y
    return not x or not y or bool(x & y)


@lru_cache(maxsize=1)
def _type_code_set() -> frozenset[str]:
    return frozenset(k.upper() for k in type_codes())


# ---------------------------------------------------------------- entry point

def _key(hit: _Hit, issuer: str | None):
    if hit.number:
        return ("n", norm_number(hit.number))
    if hit.date:
        return ("d", hit.doc_type, hit.date)
    congress = _congress(issuer or "")
    if congress and not hit.subject:
        return ("c", hit.doc_type, *congress)
    return ("t", hit.doc_type, (issuer or "").casefold(), (hit.subject or "").casefold(), hit.name.casefold())


def _congress(issuer: str) -> tuple[str, str] | None:
    """(ordinal, party unit) of a congress written several ways: "Đại hội XI Đảng bộ tỉnh nhiệm kỳ
    2020-2025" and "Đại hội đại biểu Đảng bộ tỉnh lần thứ XI" are one (congress_head rows)."""
    if not _regexes()["congress_head"].match(issuer):
        return None
    ordinal, sig = _congress_parts(issuer)
    return (ordinal[0], sig) if len(ordinal) == 1 else None


def _congress_parts(issuer: str) -> tuple[list[str], str]:
    """The Roman ordinals ("lần thứ nhất" read as I: grammar_words ordinal_word, in order) and the signature (party
    unit and capitalised names) of a congress named after congress_head."""
    head = _regexes()["congress_head"].match(issuer)
    ordinal = re.findall(r"(?<![^\W\d_])[IVXLC]+(?![^\W\d_])", issuer)
    spelled = _regexes()["ordinal_word"].search(issuer)
    if not ordinal and spelled:
        ordinal = [_ROMAN_OF[fold(spelled.group("word"))]]
    digits = _CONGRESS_DIGITS.match(issuer, head.end())
    if not ordinal and digits:   # "Đại hội 12 của Đảng", "Đại hội lần thứ 12": the press's digits are the ordinal XII
        ordinal = [_roman(int(digits.group("n")))]
    unit = re.search(rf"(?i:{G.piece('party_unit')}|{G.piece('party_organisation')}\s+(?:{G.piece('commune_kind')})(?![^\W_]))", issuer)   # "Đảng bộ phường": not the tỉnh's
    names = [w for w in re.findall(r"[^\W\d_]+", issuer[head.end():]) if w[:1].isupper() and w not in ordinal]
    return ordinal, " ".join([fold(unit.group(0)) if unit else ""] + [fold(w) for w in names])   # "Đảng bộ Công an tỉnh": its own


# right after the head ("Đại hội 12 của Đảng") or after "lần thứ" ("Đại hội đại biểu toàn quốc lần thứ 12")
_CONGRESS_DIGITS = re.compile(rf"(?:|.*?\s(?i:{G.piece('ordinal_lead')}))\s+(?P<n>[1-9]\d?)(?![\d/.,\-])")


def _roman(n: int) -> str:
    """12 -> "XII" (a congress's ordinal, below 100)."""
    tens, units = divmod(n, 10)
    ones = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return ("", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC")[tens] + ones[units]


_ROMAN_OF = {fold(w): _roman(i) for i, w in enumerate(G.words("ordinal_word"), 1)}


def _congress_names(issuer: str | None) -> int:
    """How many names a congress mention gives (0 for no congress)."""
    if not issuer or not _regexes()["congress_head"].match(issuer):
        return 0
    return len(_congress_parts(issuer)[1].split())


def _one_congress(hit: _Hit, issuer: str | None, keys: list) -> tuple | None:
    """"Nghị quyết Đại hội" / "Nghị quyết Đại hội Đảng bộ xã lần thứ I" beside the congress named in full ("Nghị
    quyết Đại hội đại biểu Đảng bộ xã Ba Đình lần thứ I", numbered or not): a mention with no number, date or
    subject whose names are all in one fuller congress's (same ordinal, if it has one) is that congress."""
    if hit.number or hit.date or hit.subject or not issuer or not _regexes()["congress_head"].match(issuer):
        return None
    ordinal, sig = _congress_parts(issuer)
    if len(ordinal) > 1:
        return None
    words_ = set(sig.split())
    fuller, ordinals = {}, set()
    for other, other_issuer, key in keys:
        if other is hit or other.doc_type != hit.doc_type or not other_issuer \
                or not _regexes()["congress_head"].match(other_issuer):
            continue
        o_ordinal, o_sig = _congress_parts(other_issuer)
        if len(o_ordinal) == 1 and (not ordinal or o_ordinal == ordinal) and words_ <= set(o_sig.split()):
            fuller[key] = set(o_sig.split())
            ordinals.add(o_ordinal[0])
    if not fuller or len(ordinals) > 1:
        return None   # (two congresses it may be: "Nghị quyết Đại hội Đảng" beside Đại hội XII and Đại hội Đảng bộ Quân đội X)
    widest = [k for k, w in fuller.items() if not any(w < v for v in fuller.values())]
    return widest[0] if len({k for k in widest}) == 1 and (words_ < fuller[widest[0]] or not ordinal) else None


def _full_symbol(hit: _Hit, hits: list[_Hit]) -> _Hit | None:
    """"Chỉ thị số 35 của Bộ Chính trị" (a headline) and "Chỉ thị số 35-CT/TW" (the text): one document,
    when the type is the same, the bare number leads the symbol and neither date nor author differs (an
    author written without its place is the same author)."""
    if not (hit.number and hit.number.isdigit()):
        return None
    for other in hits:
        lead = re.match(r"\d+", other.number or "")
        if other is hit or other.doc_type != hit.doc_type or not lead or lead.group(0) != hit.number \
                or other.number.isdigit() or (hit.date and other.date and hit.date != other.date):
            continue
        if hit.issuer and other.issuer and fold(_issuer_as_named(hit)) != fold(_issuer_as_named(other)) \
                and not _shortened(hit, other) and not _shortened(other, hit):
            continue   # ("Chỉ thị 29 của Ban Thường vụ Tỉnh ủy" names 29-CT/TU "của Ban Thường vụ Tỉnh ủy Quảng Trị")
        return other
    return None


def _cut_repeats_dropped(w: str, hits: list[_Hit]) -> list[_Hit]:
    """A page cut inside a citation ("... Quyết định số 2629/QĐ-T", "Luật Tiếp c" as the text's last words): when
    the cut words begin another citation of the text, they are that one named again, not a document of their own."""
    end = len(w.rstrip())
    def words(h: _Hit) -> str:
        return " ".join(w[h.start:h.end].split()).casefold()
    cut = [h for h in hits if h.end >= end]
    return [h for h in hits if h not in cut or not any(
        o is not h and words(o) != words(h) and words(o).startswith(words(h)) for o in hits)]


def _info(hit: _Hit) -> int:
    return sum(x is not None for x in (hit.date, hit.issuer, hit.subject)) + hit.issuer_from_tail


def find_citations(st: SourceText, ctx: DocContext, own_number: str | None = None, start: int = 0,
                   complete_symbols: bool = False) -> CitationsFound:
    """Every specific document the text cites, generic mentions, and plain-words warnings. Never raises.

    ``own_number``: the document's number, never a citation (also written bare: "Hướng dẫn số 26");
    ``start``: where the document's own words begin (a press lead before an original's header is the
    journalist's, and what it mentions is not cited by the document); ``complete_symbols``: a bare number
    gets its symbol from the type and issuer codes (completed_number), for an original's citations."""
    try:
        return _find(st, ctx or DocContext(), own_number, max(0, start), complete_symbols)
    except Exception as exc:  # one odd document must not stop a batch; say what happened
        return CitationsFound(warnings=(f"citations not read: {type(exc).__name__}: {exc}",))


def _find(st: SourceText, ctx: DocContext, own_number: str | None, start: int = 0,
          complete_symbols: bool = False) -> CitationsFound:
    w = " " * start + st.work[start:] if start else st.work  # same offsets, nothing before start
    limit = body_end(w)
    own = norm_number(own_number) if own_number else ""
    numbered, skipped = _numbered(w, limit, own)
    taken = [(h.start, h.end) for h in numbered] + skipped
    unnumbered = _unnumbered(w, limit, taken, numbered, ctx)
    taken += [(h.start, h.end) for h in unnumbered]
    implicit = _implicit(w, limit, taken, numbered)
    taken += [(h.start, h.end) for h in implicit]
    named = _named(w, limit, taken)
    hits = _cut_repeats_dropped(w, sorted(numbered + unnumbered + implicit + named, key=lambda h: h.start))
    _share_tails(w, hits)
    _share_authors(w, hits)
    _share_dates(w, hits)
    for hit in hits:
        _relation(w, hit)
        _context_fill(w, hit, ctx)
    _aliases_keep_relation(w, hits)
    for k in range(1, len(hits)):
        prev, hit = hits[k - 1], hits[k]
        if hit.verb_pos < 0 and prev.verb_pos < 0 and not _opens_item(w, prev):
            # "Nghị định 107 ... sửa đổi ... Nghị định số 61/2018 ...;\nNghị định số 69/2024 ...": the list goes on
            # from the item the citation before sits in, not from the document that item names
            prev = next((h for h in reversed(hits[:k - 1]) if _opens_item(w, h)), prev)
        if hit.head is None and (hit.verb_pos < 0 and _continues_list(w, prev, hit)
                                 or prev.verb_pos >= 0 and hit.verb_pos > prev.end and _described_item(w, prev, hit)
                                 or _verb_in_description(w, prev, hit)):
            hit.relation, hit.verb, hit.verb_pos = prev.relation, prev.verb, prev.verb_pos
    for hit in hits:
        if hit.head is not None:  # "Thực hiện các Công điện: số 1305/CĐ-BYT ..., số 1316/-BYT ...": one verb for all
            hit.relation, hit.verb, hit.verb_pos = hit.head.relation, hit.head.verb, hit.head.verb_pos
    _nest(w, hits)
    for hit in hits:
        if hit.inside is not None and hit.inside.number and norm_number(hit.inside.number) != norm_number(hit.number or "") \
                and not _younger(w, hit, hit.inside):
            hit.relation, hit.cited_from = "cited_by_cited", hit.inside.number   # "(gọi tắt là Chỉ thị 30)": itself

    warnings: list[str] = []
    chosen: dict[tuple, list] = {}
    order: list[tuple] = []
    keys = []
    for hit in hits:
        issuer = complete_name(_issuer_as_named(hit), ctx, cited=True) if hit.issuer else None
        full = _full_symbol(hit, hits)
        keys.append((hit, issuer, _key(full if full is not None else hit, issuer)))
    # "Luật Thực hành tiết kiệm, chống lãng phí" named again without its date: one law
    named_keys = {(h.doc_type, h.name.casefold()): k for h, _, k in reversed(keys) if h.name and (h.number or h.date)}
    for hit, issuer, key in keys:
        if hit.name and not (hit.number or hit.date):
            key = named_keys.get((hit.doc_type, hit.name.casefold()), key)
        congress = _one_congress(hit, issuer, keys)
        key = congress or key
        if key not in chosen:
            order.append(key)
            chosen[key] = [hit, issuer, [hit]]
        else:
            chosen[key][2].append(hit)
            best = chosen[key][0]
            if _info(hit) > _info(best) or (_info(hit) == _info(best) and not (hit.number or best.number)
                                            and _congress_names(issuer) > _congress_names(chosen[key][1])):
                chosen[key][0], chosen[key][1] = hit, issuer   # one congress: the mention naming it most fully
    out = []
    for key in order:
        best, issuer, group = chosen[key]
        for other in group:  # fill what the best occurrence lacks from the others
            if best.date_as_written is None and other.date_as_written is not None:
                best.date, best.date_as_written, best.date_warning = other.date, other.date_as_written, other.date_warning
            elif best.date is None and other.date is not None:   # a day of the page's year ("ngày 11-8")
                best.date = other.date
            if other.issuer and (issuer is None or (not best.issuer_from_tail and other.issuer_from_tail)):
                # "Nghị quyết 57-NQ/TW" (issuer told by the code) then "... của Bộ Chính trị": the written one
                issuer = complete_name(_issuer_as_named(other), ctx, cited=True)
                best.issuer_from_tail = best.issuer_from_tail or other.issuer_from_tail
            if best.subject is None and other.subject:
                best.subject = other.subject
            if best.relation == "refers" and other.relation not in ("refers", "cited_by_cited"):
                # named on its own once, the document is the text's own citation, not only its cited one's
                best.relation, best.cited_from = other.relation, other.cited_from
            elif best.relation == "cited_by_cited" and other.relation != "cited_by_cited":
                best.relation, best.cited_from = other.relation, other.cited_from
            if best.number and best.number.isdigit() and other.number and not other.number.isdigit():
                best.number = other.number  # "Kế hoạch 45" named again as "45-KH/TU" (_full_symbol)
        warnings.extend(dict.fromkeys(x for h in group for x in h.warnings))
        written = best.date_as_written if best.date_warning else None
        if best.date_warning:
            cited_name = " ".join(x for x in (best.doc_type or "document", best.number) if x)
            warnings.append(f"cited {cited_name}: {best.date_warning}")
        number = completed_number(best.number, best.doc_type, issuer) if complete_symbols else best.number
        if number != best.number:
            warnings.append(f"cited {best.doc_type} {best.number}: number completed from the type and issuer codes: {number}")
        cited = CitedDocument(
            text=st.value(best.start, best.end), doc_type=best.doc_type, number=number, date=best.date,
            issuer=issuer, relation=best.relation, explicit=best.explicit, cited_from=best.cited_from,
            date_as_written=written, subject=best.subject,
        )
        out.append((cited, st.span(best.start, best.end)))
    generic = [(st.value(s, e), st.span(s, e)) for s, e in _generic(w, limit, taken)]
    return CitationsFound(tuple(out), tuple(generic), tuple(warnings))


__all__ = ["CitationsFound", "author_follows", "find_citations", "complete", "read_body", "patterns"]
