"""The document a press text reports, read from its prose.

Most Party documents reach readers through the press: "Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số
1234-CV/TU ngày 5/3/2021 về việc …", "Thay mặt Ban Bí thư, đồng chí … đã ký ban hành Chỉ thị số 05-CT/TW",
"Chỉ thị số 06-CT/TU … vừa được đồng chí … ký ban hành ngày 01/9/2021". ``find_reported`` finds that
lead sentence and reads the reported document's type, number, date, issuer, acting body, subject,
urgency, signer and recipients from it, each with its evidence span. The article's own dateline and
byline never match (they name no document), and a date standing before a hearsay clause
("Chiều 3.9, Văn phòng Thành ủy cho biết, …") is the report's, not the document's.

Vocabulary (verbs, aspect words, roles, cue phrases) lives in data/reference/press_phrases.csv;
type words come from doc_types.csv, urgency words from urgency.csv, capacities from
signing_capacities.csv, citation cue verbs from citation_relations.csv.
"""
from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Mapping

from loaders import grammar as G
from loaders import header as H
from loaders import refdata
from loaders.assignments import addressee_end, directed_committees, names_body, opens_with_request, predicate
from loaders.body_lists import (belongs_on, continues_units, find_colon_list, inside_known_name, inside_listed_tail, joins_name,
                                 named_after_such_as, opens_addressee, organ_over_members, post_start)
from loaders.bodies import resolve_body
from loaders.citations import COMMITTEE_END, at_then_and, author_follows, patterns, self_reference
from loaders.header_organs import opens_organ
from loaders.header_press import formal_about_re
from loaders.grammar import alternation
from loaders.records import Signer, Span
from loaders.refdata import table
from loaders.text import BRACKETED, SourceText, clean

PRESS, QUOTE = "PRESS", "QUOTE"
_LEVELS = ("central", "province", "district", "sector")


@dataclass(frozen=True)
class Reported:
    """What the prose says about the document it reports."""

    kind: str                                 # PRESS | QUOTE
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: H.Organ | None = None
    acting: str | None = None                 # "Ban Thường vụ" of "Ban Thường vụ Tỉnh ủy"
    subject: str | None = None
    urgency: str | None = None
    signer: Signer | None = None
    recipients: tuple[Span, ...] = ()
    mentions: tuple[Span, ...] = ()           # every mention of the reported document itself
    lead: Span | None = None                  # the lead sentence
    quote_start: int | None = None            # QUOTE: where the original's own words begin
    title_line: bool = False                  # named by a line of its own (a page title), no verb
    evidence: Mapping[str, Span] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


# --- vocabulary ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[tuple[str, str], ...]]:
    """kind -> ((phrase, value), ...) of press_phrases.csv."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in table("press_phrases"):
        out.setdefault(row["kind"], []).append((row["phrase"], row.get("value", "")))
    return {k: tuple(v) for k, v in out.items()}


def phrases(kind: str) -> tuple[str, ...]:
    """The phrases of one kind of press_phrases.csv (not grammar.words: grammar_words.csv); an unknown
    kind is an error, not an empty list (an empty alternation would match everywhere)."""
    if kind not in vocabulary():
        raise ValueError(f"data/reference/press_phrases.csv: no phrases of kind {kind!r}")
    return tuple(p for p, _ in vocabulary()[kind])


def background(clause: str) -> bool:
    """The clause opens with a background phrase ("Trước đó, Thủ tướng đã ban hành ..."): told as past, not the news."""
    return bool(_res()["background"].match(clause))


def told_as_past(before: str) -> bool:
    """The words of a sentence before its verb open with a background phrase, also after a purpose clause ("Để chuẩn
    bị cho cuộc bầu cử, ngay từ ngày 20/6/2020, Bộ Chính trị đã ban hành ..."): told as past, not the news."""
    before = before.lstrip()
    purpose = _PURPOSE_LEAD.match(before)
    return background(before) or bool(purpose) and background(before[purpose.end():].lstrip())


def told_as_past_at(work: str, pos: int) -> bool:
    """The clause of the body at pos told as past: its sentence up to pos is a background phrase and its comma only,
    also after a purpose clause ("Để chuẩn bị ..., ngay từ ngày 20/6/2020, <body>"); "Thời gian qua, công tác còn hạn
    chế, <body> đề nghị ...": the body speaks now."""
    before = work[_sentence(work, pos, 0, len(work))[0]:pos].lstrip()
    purpose = _PURPOSE_LEAD.match(before)
    rest = before[purpose.end():].lstrip() if purpose else before
    if "," not in rest:
        return False
    return background(rest) and not rest[rest.find(",") + 1:].strip()


def _alt(kind: str) -> str:
    """Case-insensitive alternation of a vocabulary kind, whitespace-tolerant."""
    return alternation(phrases(kind), "i")


def _not_after(kind: str) -> str:
    """Lookbehinds refusing a match right after a word of this kind and one space (each its own
    lookbehind: Python's are fixed-width)."""
    return "".join(rf"(?<!(?i:{re.escape(w)})\s)" for w in phrases(kind))


@lru_cache(maxsize=1)
def _type_names() -> tuple[dict[str, str], dict[str, str]]:
    """(folded type name -> name, alias as written -> name) from doc_types.csv."""
    names, aliases = {}, {}
    for r in table("doc_types"):
        names[H.bare_key(r["name_vi"])] = r["name_vi"]
        for a in (r.get("aliases") or "").split("|"):
            if a:
                aliases.setdefault(a, r["name_vi"])
            if a and refdata.fold(a).startswith(refdata.fold(r["name_vi"]) + " "):
                names.setdefault(H.bare_key(a), r["name_vi"])   # matched in any case ("thông cáo báo chí"): _res
    for phrase, _ in vocabulary().get("type_after_verb", ()):
        word = phrase.rsplit(" ", 1)[1]   # "vừa ký điện gửi ...": the alias "Điện" written low (_after_verb_types)
        if word[:1].upper() + word[1:] in aliases:
            names.setdefault(H.bare_key(word), aliases[word[:1].upper() + word[1:]])
    return names, aliases


def _after_verb_types() -> str:
    """A type word in lower case right after the verb that issues it ("vừa ký điện gửi ...") or before an urgency
    word ("đã có điện khẩn gửi ..."), not elsewhere ("điện lực", "không có điện"): each its own fixed-width lookbehind."""
    rows = [p.rsplit(" ", 1) for p, _ in vocabulary().get("type_after_verb", ())]
    urgency = alternation(s for s, _ in H.code_list("urgency"))
    words = alternation({word for _, word in rows})
    return "".join(rf"|(?<=(?i:{re.escape(verb)})\s){re.escape(word)}" for verb, word in rows) + \
        (rf"|{words}(?=\s+(?i:{urgency})(?!\w))" if rows else "")


def _subject_end(plural: str, heads: str, stops: str) -> re.Pattern:
    """Where a subject read after a mention ends; STOPS are the words that end it after a space or a comma. A line
    break ends it unless a lower-case word follows (a portal's hard wrap inside the sentence)."""
    return re.compile(
        rf";|\n(?![^\W\d_{H.UPPER}])|{_not_prefix_dot()}\.(?:\s|$)|\s{_alt('recipient_verb')}\s+(?={plural}\s|[{H.UPPER}])"
        rf"|,?\s+{_not_after('negation')}{stops}(?:\s|:)|,\s+{_alt('subject_stop_comma')}(?:\s|:)"
        # a bracket ends it ("(sau đây gọi tắt là ...)"), not one that names or dates ("bão số 10 (Bualoi)",
        # "Quốc hội (ĐBQH) khoá XV", "(19/5/1890- 19/5/2020)"): a capital or a digit first, closed soon
        rf"|\s\((?![{H.UPPER}\d][^()\n]{{0,60}}\))|\s\((?=(?:{G.piece('type_word')})\s+{G.piece('number_word')})"
        # ... and one giving the document's own number ("(Công văn số 1483/UBND-THNC, ngày 17/11/2020)")
        # "... về X yêu cầu Ban Chỉ đạo các huyện ...": a directing verb before a body starts the task
        rf"|,?\s+{_alt('subject_directs')}\s+(?={plural}\s|(?:{heads})(?!\w))")


def _formal_stops() -> str:
    """The subject stops of a formal trích yếu: a purpose word ends it only after a comma."""
    purpose = {w.casefold() for w in G.words("purpose_word")}
    stops = phrases("subject_stop")
    rest = [p for p in stops if p.casefold() not in purpose]
    after_comma = [p for p in stops if p.casefold() in purpose]
    return rf"(?:(?i:{alternation(rest)})|(?<=,\s)(?i:{alternation(after_comma)}))"


@lru_cache(maxsize=1)
def _not_prefix_dot() -> str:
    """Before a dot: it is not that of a place prefix ("TP.", "TX.": header_markers place_prefix) before the place's
    capitalised name ("Sở Y tế TP. Hà Nội")."""
    prefixes = sorted({r["spelling"][:-1] for r in H.markers("place_prefix") if r["spelling"].endswith(".")})
    return "".join(rf"(?!(?<=(?<![^\W_]){re.escape(p)})\.\s+[{H.UPPER}])" for p in prefixes)


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern]:
    names, aliases = _type_names()
    type_names = {r["name_vi"] for r in table("doc_types")}
    urgent = {refdata.fold(s) for s, _ in H.code_list("urgency")}
    # an alias that goes on from its type's name ("Chương trình hành động") is matched as the type is, in any case
    type_names |= {a for a, t in aliases.items() if refdata.fold(a).startswith(refdata.fold(t) + " ")
                   and refdata.fold(a)[len(t) + 1:] not in urgent}
    urgency = alternation(s for s, _ in H.code_list("urgency"))
    cite = [r["verb"] for r in table("citation_relations") if H.bare_key(r["verb"]) not in
            {H.bare_key(w) for w in phrases("issue_verb")}]
    aspect = _alt("aspect")
    about = f"(?i:{G.piece('about')})"         # grammar's pieces: the words a trích yếu starts with
    plural = rf"(?:{G.piece('plural')}|{_alt('every_word')})"   # "các", "những"; "mọi"
    issue = _alt("issue_verb")
    stop = _alt("clause_stop")
    heads = alternation(t for t, _ in patterns("body_phrases.csv")["body_head"])   # "Sở", "Ban", "UBND", ...
    return {
        "mention": re.compile(
            rf"(?<!\w)(?P<type>(?i:{alternation(type_names)})|{alternation(aliases)}{_after_verb_types()})(?!\w)"
            rf"(?:\s+(?P<urg>(?i:{urgency}))(?!\w))?"
            rf"(?:\s+(?P<par>\()?(?:{G.piece('number_word')}\s+)?{G.piece('number_word')}\s*:?\s*"   # "số Số 15": doubled
            rf"(?P<num>{H.SYMBOL}|{_SPACED_SYMBOL}|\d{{1,5}}(?![\w/]))(?(par)\))"
            rf"|\s+(?P<sym>{H.SYMBOL}|{_BARE}))?"),   # "Công văn (số 73/TTg-CN)": the number in brackets too
        # a whole word, not the end of a compound verb ("đề ra", "đưa ra": verb_compound)
        # "Tờ trình về ban hành Quy chế": after a topic_word the verb names a topic, nothing issued
        # "không ra quy định ...": a negated verb issues nothing
        "active": re.compile(rf"(?<!\w)(?P<aspects>(?:{aspect}\s+)*){_not_after('verb_compound')}{_not_after('topic_word')}"
                             rf"{_not_after('negation')}(?P<verb>{issue})(?:\s+(?i:{urgency})(?!\w))?\s*$"),   # "ban hành hoả tốc Chỉ thị"
        "weak": re.compile(rf"(?P<aspects>(?:{aspect}\s+)*)(?P<verb>{_alt('weak_verb')})\s*$"),
        # "... cho đến khi UBND tỉnh có thông báo mới": a notice to come, no document reported
        "until": re.compile(rf"(?<!\w){_alt('until')}\s+[^,;.:\n]*$"),
        # "X sẽ có kế hoạch ...", "X dự kiến ban hành ...": a document to come, none reported
        "future": re.compile(rf"(?<!\w)(?:{_alt('future')})\s+$"),
        # "X xây dựng Kế hoạch ... như sau:": a plan_verb reports the page's own plan only before as_follows
        # "... vừa xây dựng và triển khai kế hoạch ...": a second verb after "và" (one or two words)
        "plan": re.compile(rf"(?P<aspects>(?:{aspect}\s+)*)(?P<verb>{_alt('plan_verb')})"
                           rf"(?:\s+{G.piece('and')}\s+\w+(?:\s+\w+)?)?\s*$"),
        "as_follows": re.compile(rf"(?<!\w)(?:{_alt('as_follows')})\s*:"),
        # "X tổ chức hội nghị ra Nghị quyết ...": the meeting that issues, its body before it
        "meeting": re.compile(rf"\s(?:{_alt('meeting')})(?!\w)"),
        "cited": re.compile(rf"(?<!\w)(?i:{alternation(cite)})\s+(?:\S+\s+)?$"),
        # "Theo Công văn số ...", "..., tại Văn bản số ...": the ground a sentence opens with, then its speaker
        # "Cục Y tế dự phòng, Bộ Y tế": a ministry's department, then its ministry after the comma
        "ministry_unit": re.compile(rf"(?<!\w)(?:{alternation(phrases('ministry_unit'))})\s+[{H.UPPER}][^,;:.\n]*,\s*$"),
        "ministry": re.compile(rf"(?:{alternation(phrases('ministry'))})\s+[{H.UPPER}]"),
        "ministry_after_unit": re.compile(rf"(?P<unit>(?:{alternation(phrases('ministry_unit'))})\s+[{H.UPPER}][^,;:.\n]*?),\s*"
                                          rf"(?:{alternation(phrases('ministry'))})\s+[{H.UPPER}][^,;:.\n]*"),
        "ground": re.compile(rf"(?:^|,)\s*(?:{_alt('ground_word')})\s+$"),
        "ground_speaker": re.compile(rf"\s*,\s*(?P<who>[^\W\d_][^,;.:\n]{{1,80}}?)\s+(?P<verb>{_alt('subject_directs')})(?!\w)"),
        # a numbered document and its issuer just before a verb: the verb tells what that document did
        "cited_issuer": re.compile(rf"{G.piece('number_word')}\s*:?\s*\d[^,;:()]*?\s{G.piece('of')}\s+[^,;:()]+$"),
        "at_cited": re.compile(rf"(?<!\w){G.piece('at')}\s+$"),   # "chỉ đạo của UBND thành phố tại công văn số ..."
        "plural": re.compile(rf"(?<!\w){plural}\s+$"),
        "passive_lead": re.compile(rf"(?:^|\W){_alt('passive_lead')}\s*$"),
        # "Đó là chỉ đạo của UBND tỉnh đối với các sở, ... tại Công văn số ...": the body directing, those directed
        "direction_lead": re.compile(rf"^\W*(?:{_alt('direction_lead')})\s+(?P<who>[^.;:\n]{{2,200}}?)"
                                     rf"(?:\s+(?:{_alt('toward')})\s+(?P<to>[^.;:\n]+?))?\s+{G.piece('at')}\s+$"),
        # "... vừa được Chính phủ chỉ đạo tại Nghị quyết số 86/NQ-CP", "... được nêu tại Kết luận 127-KL/TW như sau:"
        "told_at": re.compile(rf"(?<!\w)(?P<aspects>(?:{aspect}\s+)*){_alt('passive_aux')}\s+(?:(?P<agent>[^,.;:\n]{{1,60}}?)\s+)?"
                              rf"(?:{_alt('told_at')})\s+$"),
        # "trình Chính phủ ban hành ...": a body asked to issue what another drafts (press_phrases submit_verb)
        "submitted": re.compile(rf"(?<!\w)(?:{_alt('submit_verb')})\s+[^,.;:\n]{{1,60}}?\s*$"),
        # "X đã tham mưu (cho) Y ban hành ...": Y issues, X only drafted
        "advise": re.compile(rf"(?<!\w)(?:{_alt('advise_verb')})\s+(?=\w)"),
        "passive": re.compile(
            rf"\s*,?\s*(?P<aspects>(?:{aspect}\s+)*)(?P<agent>[^.;:\n]{{0,160}}?)\s*(?P<verb>{issue})(?!\w)"),
        "date": re.compile(rf"\s*,?\s*{H.DATE}"),
        "day_month": re.compile(rf"\s*,?\s*(?i:{G.piece('day_word')})\s+{G.piece('day_month')}"
                                r"(?!\s*[/.\-]?\s*\d)"),
        # a portal title's year after the number ("Công văn 12154/VPCP-TCCV 2025 về việc ..."): no date of its own
        "bare_year": re.compile(rf"[ \t]+(?:(?i:{alternation(G.words('year_word'))})[ \t]+)?(?:19|20)\d\d(?![\d/.\-])"),
        # "Sáng 5/8/2021", "chiều hôm nay 18 tháng 8 năm 2016": the date after a time of day, no "ngày"
        "clock": re.compile(rf"(?:{_alt('clock_lead')})\s+\d{{1,2}}\s*(?:{_alt('hour_word')})\s*"
                            rf"(?:\d{{1,2}}\s*(?:(?:{_alt('minute_word')})(?!\w))?)?\s*"),
        "dateline": re.compile(rf"(?<!\w){_alt('time_of_day')}\s+{G.piece('date')}(?!\d)"),
        # "Ngày 18/02, ...", "Chiều tối 3.2, ...": a day and month without the year
        # " date 2021-05 Kịp thời ...": the line a crawler puts before the page's text, the month it was published
        # ... the day in brackets after a time of day: "Chiều nay (26/3), ..."
        "yearless": re.compile(rf"(?<!\w)(?:(?i:{G.piece('day_word')})|{_alt('time_of_day')})\s+(?P<par>\()?(?P<d>\d{{1,2}})\s*"
                               r"(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?(par)\))(?!\s*[/.\-]?\s*\d)"),
        "of": re.compile(rf"\s*,?\s*(?:(?i:{G.piece('of')})|{_alt('by_issuer')})\s+"),   # "của X"; "ban hành bởi X"
        "recipients": re.compile(rf"\s*,?\s*(?:{_alt('recipient_verb')})\s*:?\s+(?=\w)"),
        # "đã ký gửi Công điện số 1677/CĐ-TTg đến các Bộ": after a verb that sends, "đến" names the recipients
        "sent_to": re.compile(rf"\s*,?\s*(?:{_alt('sent_to')})\s+(?=\w)"),
        "send_verb": re.compile(rf"(?<!\w)(?:{_alt('send_verb')})$"),
        "subject_quoted": re.compile(rf"\s*,?\s*[“\"]\s*(?P<s>{about}\s[^”\"\n]+?)\s*[”\"]"),
        "subject_about_quoted": re.compile(rf"\s*,?\s*{about}\s+[“\"]\s*(?P<s>[^”\"\n]+?)\s*[”\"]"),
        "subject_about": re.compile(rf"\s*,?\s*(?P<s>{about}\s)"),
        # "Chương trình hành động của X thực hiện Nghị quyết số 66-NQ/TW ... về ...": the subject is the act on the
        # document it implements, that document's own "về" inside it
        "subject_implements": re.compile(rf"\s*,?\s*(?P<s>{G.piece('implementing')}\s+(?={G.piece('type_word')}))"),
        "about_inside": re.compile(rf"\s(?={about}\s)"),
        "implements_inside": re.compile(rf"\s(?={G.piece('implementing')}\s+{G.piece('type_word')})"),
        "name_mark": re.compile(r"[,.;:\n“\"(]"),   # punctuation that ends a body's name
        # "Chỉ thị số 30-CT/TU “Tăng cường sự lãnh đạo ...”": a quoted title of three words or more right after the
        # mention, capitalised, is the subject as written
        "subject_title_quoted": re.compile(rf"\s*,?\s*[“\"]\s*(?P<s>[{H.UPPER}][^”\"\n\s]*(?:\s+[^”\"\n\s]+){{2,}}?)\s*[”\"]"),
        "subject_end": _subject_end(plural, heads, _alt('subject_stop')),
        # "về việc thực hiện các biện pháp cấp bách nhằm khống chế dịch": a formal trích yếu keeps its purpose clause
        # unless a comma sets it off ("về việc tổ chức Tết, nhằm ...")
        "subject_end_formal": _subject_end(plural, heads, _formal_stops()),
        # ... not the dot of a place's prefix before its name ("gửi Sở Y tế TP. Hà Nội": header_markers place_prefix)
        "recipients_end": re.compile(rf"\s{about}\s|{_not_prefix_dot()}\.(?:\s|$)|[;:\n“\"]"),
        "colon_list_end": re.compile(rf"\s{about}\s|{_not_prefix_dot()}\.(?:\s|$)|[:\n“\"]"),
        "subject_plain": re.compile(rf"(?P<comma>,)?\s+(?P<s>[^\W\d_{H.UPPER}])"),   # a lower-case word, after a comma or not
        "word_then_about": re.compile(rf"(?:[^\W\d_]+\s+){{1,2}}(?=(?i:{G.piece('about')})\s)"),   # "mới về ...", "chuyên đề về ..."
        "stop": re.compile(rf"(?<!\w){stop}(?!\w)"),
        "plural_start": re.compile(rf"{plural}\s"),
        "plural_inside": re.compile(rf"\s{G.piece('plural')}\s"),
        "kind_after_organ": re.compile(G.expand(r"\S+\s+(?:%(unit_kind)s|%(commune_kind)s)(?![^\W_])")),   # "UBND quận"
        # "... cùng bộ trưởng các bộ": "cùng" adds addressees ("Ủy ban MTTQ cùng cấp" is one name)
        # ", y tế các bộ, ngành": lower-case words before a plural open another addressee, as an organ in lower case
        # (", sở y tế tỉnh, thành phố"); not over "và" (", ngành và các cơ sở ...": "ngành" ends the entry before)
        "recipient_split": re.compile(rf",\s+(?=(?:(?!(?i:{G.piece('and')})\s)[^{G.UPPER}\W\d_][^\W\d_]*\s+){{2,3}}{plural}\s|{plural}\s|{_lowered_head().pattern})|\s*;\s*|\s+(?i:{G.piece('and')})\s+"
                                      rf"|\s+(?:{G.piece('with')})\s+(?!(?:{alternation(t for t, _ in patterns('body_phrases.csv')['level_word'])})(?!\w))"),
        "hearsay": re.compile(rf"(?<!\w){_alt('hearsay')}(?!\w)"),
        "anaphor": re.compile(rf"[\s,]*{_alt('anaphor')}\s*"),
        "background": re.compile(rf"^\W*{_alt('background')}(?!\w)"),
        "recent": re.compile(rf"\s*(?i:{_alt('recent_lead')})\s+"),   # "vừa qua Bộ Xây dựng đã có Công văn"
        "on_behalf": re.compile(rf"(?<!\w)(?P<cap>{_alt('on_behalf')})\s+"),
        # "Tổng Bí thư Lê Văn Tám vừa thay mặt Bộ Chính trị ký": an aspect word between the signer and "thay mặt"
        "aspect_end": re.compile(rf"(?:\s+(?:{_alt('aspect')}))+\s*$"),
        "person_lead": re.compile(rf"(?:{_alt('person_lead')})\s+"),
        # "Phó chủ tịch UBND tỉnh ...": the press writes a role's later words in lower case too
        "role": re.compile(rf"(?=[{H.UPPER}])(?P<role>(?i:{alternation(phrases('role') + phrases('membership'))}))(?!\w)"),
        # a role as written (capitalised) right after a lower-case word or a number: a new clause, not a name going on
        "run_on_role": re.compile(rf"(?<=[^\W{H.UPPER}_][ ])(?P<role>{alternation(phrases('role'))})(?=\s)"),
        "quote_cue": re.compile(rf"(?<!\w){_alt('quote_cue')}(?!\w)"),
        # "Công điện nêu rõ: ...", "Công điện nêu rõ, ...", "Công điện nêu rõ Đại hội ...": its words follow (not
        # "Kết luận nêu rõ như sau.": a cue word again, the words elsewhere)
        "cue_colon": re.compile(rf"\s+(?:{_alt('quote_cue')})(?:\s*[:,]|\s+(?=[{H.UPPER}]))"),
        "abbreviation": re.compile(rf"(?<!\w){alternation(phrases('abbreviation'))}(?!\w)"),
        "motto": re.compile(rf"^\W*{alternation(H.spellings('not_issuer'))}", re.I | re.M),
    }


# --- sentences ----------------------------------------------------------------------------------

# a line break ends a sentence unless a lower-case word follows it (a portal's hard wrap: "về việc thành lập Tổ công tác
# \nliên ngành ...")
_END = re.compile(rf"[.!?…]+[”\"]?\s+(?=[{H.UPPER}\d“\"(])|\n(?![ \t]*[^\W\d_{H.UPPER}])")


def _ends(work: str, start: int, end: int):
    """Sentence ends in work[start:end]; a full stop after a short capital abbreviation ("TP.",
    "T.Ư.") does not end a sentence."""
    for m in _END.finditer(work, start, end):
        if m.group(0) != "\n":
            token = work[max(0, m.start() - 12):m.start()].rsplit(None, 1)[-1:] or [""]
            letters = token[0].replace(".", "")
            if letters.isupper() and len(letters) <= 3:
                continue
        yield m.end()


# a line that is only a dateline and its comma: "Ngày 26/8/2025,", "Sáng 26/8/2025,"
_DATE_LINE_LEAD = re.compile(rf"(?:^|(?<=\n))[ \t]*(?:(?i:{G.piece('day_word')})|{_alt('time_of_day')})\s+"
                             rf"{G.piece('date')}[ \t]*,[ \t]*\n\Z")


def _sentence(work: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence around pos, within [start, end)."""
    s0 = max(start, work.rfind("\n", 0, pos) + 1)      # a sentence never spans a line break
    for b in _ends(work, max(s0, pos - 1500), pos + 1):
        s0 = b if b <= pos else s0
    lead = _DATE_LINE_LEAD.search(work, max(start, s0 - 80), s0) if work[s0 - 1:s0] == "\n" else None
    if lead:   # ... but a portal's wrap after the dateline's comma ("Ngày 26/8/2025,\nUBND tỉnh ban hành ...")
        s0 = lead.start()
    s1 = next(_ends(work, pos, end), end)
    return s0, s1


# --- bodies and people --------------------------------------------------------------------------

def expand(text: str) -> str:
    """Abbreviations of the press spelled out: "BTV Thành ủy" -> "Ban Thường vụ Thành ủy"."""
    table_ = dict(vocabulary().get("abbreviation", ()))
    return _res()["abbreviation"].sub(lambda m: table_[m.group(0)], text)


def organ(text: str) -> tuple[str | None, H.Organ] | None:
    """(acting part, organ) of a body named in prose, or None when the text is not one body."""
    text = clean(expand(text)).strip(" ,.;:-–")
    recent = _res()["recent"].match(text)   # "Vừa qua Bộ Xây dựng": a word of time is no part of a name
    text = text[recent.end():] if recent else text
    text = re.sub(rf"\s*\([{H.UPPER}&\-]{{2,12}}\)(?=\s|$)", "", text)  # "Ủy ban nhân dân (UBND) tỉnh": the abbreviation glossed
    text = _term_end_re().sub("", text)   # "Ban Chấp hành Đảng bộ tỉnh khóa XIII": the term is no part of the name
    parent = _res()["ministry_after_unit"].fullmatch(text)
    text = parent.group("unit") if parent else text   # "Cục Y tế dự phòng, Bộ Y tế": the Cục, its ministry after it
    lowered = next((w for w in G.words("committee_organ") if text.lower().startswith(w.lower() + " ")), None)
    if lowered and not text[0].isupper():   # "của ban thường vụ Huyện ủy Phù Ninh": the organ written low
        text = lowered + text[len(lowered):]
    if not text or not text[0].isupper():
        return None
    central = refdata.find_central_body(text)
    if central:
        return None, H.Organ(central.name, central.level, central.channel, central.name)
    joint = _joint_first(text)
    if joint:
        return joint
    standing = re.match(rf"(?:{G.piece('committee_organ')})\s+", text)   # "Ban Thường vụ Đảng ủy Khối ... Trung ương"
    central = refdata.find_central_body(text[standing.end():]) if standing else None
    if central and central.channel == "party":
        return standing.group(0).strip(), H.Organ(central.name, central.level, central.channel, central.name)
    found = _placed(H.body_in_text(text), text) or _template_body(text)
    if found is None and standing:   # "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh": the standing organ of a body
        body = _template_body(text[standing.end():])
        found = (standing.group(0).strip(), body[1]) if body else None
    found = executive_as_committee(text, found) if found else None
    return (found[0], _spelled_place(found[1])) if found else None


def executive_as_committee(text: str, found: tuple[str | None, H.Organ]) -> tuple[str | None, H.Organ]:
    """(acting, organ) of a body named in text, the executive committee ("Ban Chấp hành Đảng bộ tỉnh") read as the
    unit's committee (Tỉnh ủy): it is the committee itself, no organ acting for it."""
    if found[0] and found[0].lower() == _executive_organ().lower():
        return _unit_committee(text, found[1]) or found
    return found


def _joint_first(text: str) -> tuple[str | None, H.Organ] | None:
    """"Bộ Y tế - Bộ Công an", "Văn phòng thường trực Ban Chỉ đạo ... Trung ương-Văn phòng Ủy ban ...": bodies acting
    jointly, the first one named (as a header's joint organ line is read); a dash inside one name ("Bộ Lao động -
    Thương binh và Xã hội") leaves no body head after it."""
    for m in _joint_dash().finditer(text):
        first = organ(text[:m.start()])
        if first:
            return first
    return None


@lru_cache(maxsize=1)
def _joint_dash() -> re.Pattern:
    heads = alternation(t for t, _ in patterns("body_phrases.csv")["body_head"])
    return re.compile(rf"\s*[-–]\s*(?=(?:{heads})\s)")


def unit_committee_name(text: str) -> str | None:
    """"Ban Chấp hành Đảng bộ tỉnh Ninh Thuận" -> "Tỉnh ủy Ninh Thuận": a cited author named by its executive
    committee gets the issuer's name (organ's rule: one name for one body); anything else None."""
    if not text.lower().startswith(_executive_organ().lower() + " "):
        return None
    found = organ(text)
    return found[1].name if found and found[0] is None else None


def _executive_organ() -> str:
    """"Ban Chấp hành": the organ that is the committee itself (grammar_words committee_organ, the last row)."""
    return G.words("committee_organ")[-1]


def _unit_committee(text: str, body: H.Organ) -> tuple[None, H.Organ] | None:
    """"Ban Chấp hành Đảng bộ tỉnh Ninh Thuận" -> Tỉnh ủy Ninh Thuận: the executive committee of a party unit is that
    unit's committee (local_body_templates "{committee}" row); written without its place, the committee word whose
    first word is the unit's kind ("Đảng bộ huyện" -> "Huyện ủy"), its place left to the document's."""
    unit = next((u for u in G.words("party_unit") if body.name.lower().startswith(u.lower())), None)
    if unit is None:
        return _commune_committee(body)
    if body.name.lower() != unit.lower():
        return _template_body(text)
    kind = unit[len(os.path.commonprefix(G.words("party_unit"))):].split()[0]   # "Đảng bộ thành phố" -> "thành"
    word = next((w for w in G.words("committee_word") if w.split()[0].lower() == kind.lower()), None)
    return H.body_in_text(word) if word else None


def _commune_committee(body: H.Organ) -> tuple[None, H.Organ] | None:
    """"Ban Chấp hành Đảng bộ xã Ninh Hà" -> Đảng ủy xã Ninh Hà: a commune's party organisation is led by its
    Đảng ủy (grammar_words commune_committee), named with the same locality."""
    if body.level != "commune" or not body.locality_phrase or body.keyword not in G.words("party_organisation"):
        return None
    return H.body_in_text(f"{G.words('commune_committee')[0]} {body.locality_phrase}")


def _placed(found: tuple[str | None, H.Organ] | None, text: str) -> tuple[str | None, H.Organ] | None:
    """"Sở Y tế Sơn La", "UBND Sơn La": a province written after the name without its kind word; the
    body read without its place (its unit left open, or no level) yields to the template that reads it."""
    if found is None or found[1].province or not (found[1].open_unit or found[1].level is None):
        return found
    placed = _template_body(text)
    return placed if placed is not None and placed[1].province else found


@lru_cache(maxsize=1)
def _term_end_re() -> re.Pattern:
    return re.compile(rf"\s*\(?\s*{G.piece('term')}\s+[IVXLC]+\s*\)?$")


def _province_kind_word() -> str:
    """The kind a province's committee is named without ("Tỉnh ủy Cao Bằng", not "Tỉnh ủy tỉnh ...")."""
    return G.words("province_kind")[0]


def _spelled_place(body: H.Organ) -> H.Organ:
    """"Thành ủy TP.HCM" -> "Thành ủy thành phố Hồ Chí Minh": a province written as one abbreviated
    word is named by its full name."""
    phrase = body.locality_phrase or ""
    place = H.lookup_province(phrase) if phrase and not re.search(r"\s", phrase) else None
    if not place or body.district or phrase == place[0]:
        return body
    spelled = f"{place[1]} {place[0]}" if H.bare_key(place[1]) != H.bare_key(_province_kind_word()) else place[0]
    if not body.name.endswith(phrase):
        return body
    return replace(body, name=body.name[:-len(phrase)] + spelled, locality_phrase=spelled)


def _template_body(text: str) -> tuple[None, H.Organ] | None:
    """A body of the local templates ("Ban Tuyên giáo Tỉnh ủy Gia Lai", "Văn phòng Tỉnh ủy") that the
    header's organ words do not cover; a class of bodies or a name of no known channel is none."""
    body = resolve_body(text)
    if body is None or body.kind != "body" or not body.channel or body.level not in _LEVELS:
        return None
    kind = (H.lookup_province(body.province) or (None, None))[1] if body.province else None
    district = H.lookup_district(body.district, body.province) if body.district else None
    placed = body.district if body.level == "district" else body.province
    return None, H.Organ(body.name, body.level, body.channel, body.name, province=body.province,
                         province_kind=kind, district=body.district,
                         district_kind=district[1] if district else None,
                         open_unit=None if placed or body.level == "central" else body.level)


def _name_word(w: str) -> bool:
    return w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())


def _known_place(ws: list[str]) -> int:
    """How many leading words of ws name a province or district ("Hà Nội Đinh Tiến Dũng" -> 2; all of
    "Thanh Hóa" in "Chủ tịch UBND tỉnh Thanh Hóa": a place, no person)."""
    whole = " ".join(ws)
    if ws and (H.lookup_province(whole) or H.lookup_district(whole)):
        return len(ws)
    for k in range(min(4, len(ws) - 2), 0, -1):
        name = " ".join(ws[:k])
        if H.lookup_province(name) or H.lookup_district(name):
            return k
    return 0


@dataclass(frozen=True)
class _Person:
    name: Span
    role: Span | None


def trailing_name(st: SourceText, s: int, e: int) -> Span | None:
    """The person's name that ends work[s:e]: its last 2-4 capitalised words, a place name before
    it dropped ("Bí thư Thành ủy Hà Nội Đinh Tiến Dũng" -> "Đinh Tiến Dũng")."""
    toks = list(re.finditer(r"\S+", st.work[s:e]))
    run: list[re.Match] = []
    for t in reversed(toks):
        if not _name_word(t.group(0)):
            break
        run.insert(0, t)
    run = run[_known_place([t.group(0) for t in run]):]
    if not 2 <= len(run) <= 4:
        return None
    return st.span(s + run[0].start(), s + run[-1].end())


def _leading_name(st: SourceText, s: int, e: int) -> Span | None:
    run: list[re.Match] = []
    for t in re.finditer(r"[^\s,;]+", st.work[s:e]):
        if not _name_word(t.group(0)) or (run and st.work[s + run[-1].end(): s + t.start()].strip()):
            break
        run.append(t)
    if not 2 <= len(run) <= 4:
        return None
    return st.span(s + run[0].start(), s + run[min(len(run), 4) - 1].end())


def _role_at(st: SourceText, s: int, e: int) -> Span | None:
    """A signing role opening work[s:e] ("Phó Bí thư Thường trực Tỉnh ủy …" -> "Phó Bí thư Thường
    trực"); membership titles ("Ủy viên Bộ Chính trị") are not roles."""
    m = _res()["role"].match(st.work, s, e)
    if not m or m.group("role") in phrases("membership"):
        return None
    return st.span(m.start("role"), m.end("role"))


def _person(st: SourceText, s: int, e: int, party: bool = False) -> _Person | None:
    """A person named in work[s:e]: "đồng chí X, Ủy viên Bộ Chính trị, Bí thư Thành ủy" (the last
    title that is a role; signing a Party document, ``party``, the last title in a Party committee:
    "đồng chí X, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố đã ký Công văn số 12-CV/TU"),
    or "<role> [<organ>] X"."""
    while s < e and st.work[s] in " ,":
        s += 1
    lead = _res()["person_lead"].match(st.work, s, e)
    if lead and _role_at(st, lead.end(), e):
        s, lead = lead.end(), None   # "Thượng tướng Thứ trưởng Bộ Công an X": a rank before the role, the name after it
    if lead:
        name = _leading_name(st, lead.end(), e)
        if not name:
            return None
        role = party_role = None
        for part in re.finditer(r"[^,]+", st.work[name.end:e]):
            p0 = name.end + part.start() + len(part.group(0)) - len(part.group(0).lstrip())
            here = _role_at(st, p0, name.end + part.end())
            titled = _res()["role"].match(st.work, p0, name.end + part.end()) if here and party else None
            body = organ(st.work[titled.end("role"):name.end + part.end()]) if titled else None
            party_role = here if body and body[1].channel == "party" else party_role
            role = here or role
        return _Person(name, party_role or role)
    role = _role_at(st, s, e)
    if role:
        name = trailing_name(st, role.end, e)
        if not name:
            return None
        # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ X": of a person's titles, the last one names the body; signing a
        # Party document, the last one held in a Party body ("Tổng Bí thư, Chủ tịch nước X" signs as Tổng Bí thư)
        titles = role.end
        cuts = [titles + m.start() for m in re.finditer(r",\s*", st.work[titles:name.start])] + [name.start]
        party_role = role if party and _party_title(st, role, cuts[0]) else None
        for m, end in zip(re.finditer(r",\s*", st.work[titles:name.start]), cuts[1:]):
            here = _role_at(st, titles + m.end(), name.start)
            role = here or role
            party_role = here if here and party and _party_title(st, here, end) else party_role
        return _Person(name, party_role or role)
    return None


def _party_title(st: SourceText, role: Span, end: int) -> bool:
    """The title at ``role`` (its words up to ``end``) is held in a Party body: the body after it ("Bí thư Thành ủy")
    or the title itself ("Tổng Bí thư", a central_bodies row)."""
    body = organ(st.work[role.end:end]) or organ(st.work[role.start:end])
    return bool(body) and body[1].channel == "party"


def _led_person_after_comma(st: SourceText, s: int, e: int, party: bool = False) -> _Person | None:
    """"Để bảo đảm an toàn cho các đơn vị, Thượng tướng X, ..., Thứ trưởng Bộ Quốc phòng vừa ký ...": a clause
    after a comma that opens with a person's lead ("đồng chí", a rank) names the signer."""
    for m in re.finditer(r",\s*", st.work[s:e]):
        at = s + m.end()
        if _res()["person_lead"].match(st.work, at, e):
            return _person(st, at, e, party)
    return None


def _authority(cap: str, acting: str | None, body: H.Organ) -> str:
    """"thay mặt" + Ban Thường vụ Tỉnh ủy -> "T/M BAN THƯỜNG VỤ" (signing_capacities.csv spelling)."""
    label = dict(vocabulary()["on_behalf"]).get(next(p for p in phrases("on_behalf") if H.bare_key(p) == H.bare_key(cap)))
    row = next((r for r in table("signing_capacities") if H.bare_key(r["label_vi"]) == H.bare_key(label)), None)
    spelled = row["spellings"].split("|")[0] if row else label
    return f"{spelled} {(acting or body.keyword).upper()}"


# --- the lead -----------------------------------------------------------------------------------

@dataclass
class _Lead:
    """Facts collected while reading one lead sentence."""

    m: re.Match
    s0: int
    s1: int
    verb: tuple[int, int] | None = None
    values: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    recipients: list = field(default_factory=list)


def _is_reported(work: str, m: re.Match, s0: int, s1: int) -> tuple[int, int] | None:
    """The span of the reporting verb (or cue) when mention m is the reported document, else None."""
    res = _res()
    before = work[s0:m.start()]
    if res["plural"].search(before) or told_as_past(before):
        return None   # "các chỉ thị …"; "Trước đó, Thủ tướng đã ban hành …" (background, not the news)
    if not (m.group("num") or m.group("sym")) and m.group("type")[:1].islower() and _listed_types(work, m, s1):
        return None   # "ban hành quy chế làm việc, chương trình hành động ...": documents told in a list, none reported
    a = res["active"].search(before)
    if a and res["cited_issuer"].search(_run_on_before(work, s0) + before[:a.start()]):
        return None   # "Nghị quyết số 28/NQ-CP ngày 01/3/2023 của Chính phủ ban hành Chương trình ...": a citation's words
    if a and res["future"].search(before, 0, a.start()):
        return None
    if a and opens_with_request(before):
        return None   # "Yêu cầu các cấp ủy ..., ban hành Chương trình hành động ...": a task, not the news
    if a and not a.group("aspects").strip() and res["submitted"].search(before, 0, a.start()):
        return None   # "... yêu cầu Văn phòng Chính phủ ... trình Chính phủ ban hành Nghị định ...": a draft to submit, not the news
    if a and not before[:a.start()].strip(" \t>*-–+•") and not (m.group("num") or m.group("sym")) \
            and m.group("type")[:1].islower():
        return None   # "Ban hành quyết định kiểm tra ... đối với 8 tổ chức đảng": an act of a report's list, no actor, no number
    if a and _past_deep(work, s0, a.group("aspects")):
        return None   # two paragraphs into a report of an event, "Để chuẩn bị ..., Thành ủy đã ban hành Đề án số 27": background
    if a and _cited_before(work, m, s0) and not {H.bare_key(x) for x in phrases("news_aspect")} & {
            H.bare_key(x) for x in a.group("aspects").split()}:
        return None   # "... yêu cầu tại Kế hoạch số 248-KH/TU ...; BTV Tỉnh ủy đã ban hành Kế hoạch số 248-KH/TU": told again
    if a:
        return s0 + a.start(), s0 + a.end("verb")
    w = res["weak"].search(before)
    if w and (res["until"].search(before, 0, w.start()) or res["future"].search(before, 0, w.start())):
        w = None
    if w and (w.group("aspects").strip() or organ(_undated(_last_clause(before[:w.start()])))
              or _role_named(_last_clause(before[:w.start()]))):
        return s0 + w.start(), s0 + w.end("verb")
    pl = res["plan"].search(before)
    news = pl and any(H.bare_key(a) in {H.bare_key(w) for w in phrases("news_aspect")} for a in pl.group("aspects").split())
    # the page's headline ("X xây dựng Kế hoạch triển khai ...", its first line, no full stop) is news as "vừa" is
    title = not work[:s0].strip() and m.group("type")[:1].isupper() and work[s0:s1].rstrip()[-1:] not in ".!?…:;" \
        and work[s1:s1 + 1] in ("\n", "")
    if pl and (news or title or m.group("num") or m.group("sym") or res["as_follows"].search(work, m.end(), s1 + 1)) \
            and _organ_of_clauses(before[:pl.start()]):   # news ("vừa xây dựng"), a numbered plan, the page's own
        return s0 + pl.start(), s0 + pl.end("verb")
    ground = _dated_ground(work, m, s0, s1)
    if ground:
        return ground   # "Theo Công văn số 35/UBND ngày 8/7/2022, UBND huyện đề nghị ..." opening the page
    if res["cited"].search(before):
        return _just_issued(work, m, s1)   # "Theo thông báo của UBND tỉnh vừa được ban hành, ...": the news
    p = res["passive_lead"].search(before) or res["direction_lead"].match(before)
    if p:
        return s0 + p.start(), m.start()
    t = res["told_at"].search(before)
    news = t and {H.bare_key(w) for w in phrases("news_aspect")} & {H.bare_key(a) for a in t.group("aspects").split()}
    lead = t and t.group("agent") and _page_lead(work, s0) and (m.group("num") or m.group("sym"))
    if t and (news or lead or res["as_follows"].search(work, m.end(), s1 + 1)):
        return s0 + t.start(), m.start()   # news ("vừa được ... chỉ đạo tại"), its content told "như sau:", or a
        #                                    numbered one its agent told, opening the page ("Yêu cầu trên được X nêu trong Công văn số 1121")
    opening = _opens(before)
    if opening and (m.group("num") or m.group("sym") or _dated_line(work, m)) \
            and not _listed(work, s0, m.start()) and not _comma_ended(work, m.start()) and not _after_close(work, s0):
        return m.start(), m.start()  # a line naming the document: a page title, "Chỉ thị 04-CT/TU, ngày …"
    if opening and _page_lead(work, s0) and res["cue_colon"].match(work, m.end(), s1):
        return m.end(), res["cue_colon"].match(work, m.end(), s1).end()   # "Công điện nêu rõ: ..." opening the page
    if opening and res["recipients"].match(work, m.end(), s1):
        return m.start(), m.end()    # "Công văn gửi các tỉnh ủy, thành ủy, ...": a sentence opening with the document
    tail = tail_end(work, m.end(), s1)
    pv = res["passive"].match(work, tail, s1)
    if pv and _agent_ok(pv) and not res["mention"].match(
            work, _skip_space(work, pv.end(), s1)):
        return pv.start("verb"), pv.end("verb")
    return None


_PROSE_PARAGRAPH = 60   # a line this long ending a sentence is a paragraph of prose, no headline


def _past_deep(work: str, s0: int, aspects: str) -> bool:
    """A sentence telling an issue as past only ("đã", not "vừa") after two paragraphs of prose: told as background to
    the event the page reports, no document of the page."""
    news = {H.bare_key(w) for w in phrases("news_aspect")}
    said = {H.bare_key(w) for w in aspects.split()}
    if not ({H.bare_key(w) for w in G.words("past_word")} - news) & said or news & said:
        return False
    lines = [line.strip() for line in work[:s0].split("\n")]
    return sum(len(line) >= _PROSE_PARAGRAPH and bool(_SENTENCE_DONE.search(line)) for line in lines) >= 2


def told_deep_at(work: str, body_end: int) -> bool:
    """The body ending at body_end acts as past only ("Thành ủy đã chỉ đạo ...") two paragraphs into the page: told as
    background, the page's speaker it is not."""
    s0 = _sentence(work, body_end, 0, len(work))[0]
    return _past_deep(work, s0, " ".join(work[body_end:body_end + 40].split()[:2]))


def _after_close(work: str, s0: int) -> bool:
    """The page's last line, cut off mid-sentence after a paragraph of prose ("... phản động.\n\nNghị quyết 35-NQ/TW
    của Bộ Chính trị đ"): a sentence telling a document began there, no title naming the page's own."""
    rest = work[s0:].strip()
    return "\n" not in rest and not _SENTENCE_DONE.search(rest) and bool(_SENTENCE_DONE.search(work[:s0].rstrip()))


def _opens(before: str) -> bool:
    """Nothing before a mention in its sentence but marks, a crawler's date stamp or a paper's sigle."""
    sigle = _AGENCY.match(before, _skip_space(before, 0, len(before)))
    return not before[sigle.end() if sigle else 0:].strip(" \t>*-(")
@lru_cache(maxsize=1)
def _issue_verb_re() -> re.Pattern:
    return re.compile(rf"(?<![^\W_])(?:{_alt('issue_verb')})(?![^\W_])")


def _cited_before(work: str, m: re.Match, s0: int) -> bool:
    """Mention m's symbol was written in an earlier sentence already (the page cited it before it tells, not as
    news, that its author issued it: a report looking back). A bare number is no proof ("100%"), nor a title line."""
    number = (m.group("num") or m.group("sym") or "").strip()
    if not re.search(r"[/-]", number):
        return False
    for hit in re.compile(rf"(?<![\w/]){re.escape(number)}(?![\w/])").finditer(work, 0, s0):
        line_end = work.find("\n", hit.end())
        line = work[work.rfind("\n", 0, hit.start()) + 1:line_end if line_end >= 0 else len(work)]
        told = _issue_verb_re().search(work, work.rfind("\n", 0, hit.start()) + 1, hit.start())
        if line.rstrip()[-1:] in ".!?…;" and not told:
            return True   # a sentence citing it, not a title line, a tag, or one telling it issued
    return False


def _dated_line(work: str, m: re.Match) -> bool:
    """The mention and its date make the whole line ("Thông báo Khẩn ngày 18/10/2020"): a title of no number."""
    d = _res()["date"].match(work, m.end())
    return bool(d) and not work[d.end():work.find("\n", d.end()) % (len(work) + 1)].strip()


def _listed_types(work: str, m: re.Match, s1: int) -> bool:
    """A mention followed by another document type after "," or "và" ("kế hoạch, hướng dẫn", "quy chế làm việc,
    chương trình hành động"): several documents told (in lower case: no title of one document)."""
    nxt = re.compile(rf"(?:\s+\S+){{0,3}}?\s*(?:,|\s{G.piece('and')})\s*").match(work, m.end(), s1)
    return bool(nxt) and bool(_res()["mention"].match(work, nxt.end(), s1))


def _listed(work: str, s0: int, pos: int) -> bool:
    """A bulleted line under a line ending in ":" ("quán triệt văn bản:" / "- Chỉ thị 01-CT/ĐU ...") or under a
    citing verb alone ("Căn cứ" / "- Chỉ thị số 45-CT/TW ..."): an item of the documents a meeting studied or a
    text rests on, not the page's title."""
    if not any(c in "-+*•" for c in work[s0:pos]):
        return False
    lines = [line for line in work[:s0].rstrip().split("\n") if line.strip()]
    while lines and lines[-1].lstrip()[:1] in ("-", "+", "*", "•") and not lines[-1].rstrip().endswith(":"):
        lines.pop()   # the items listed before this one
    return bool(lines) and (lines[-1].rstrip().endswith(":") or H.bare_key(lines[-1]) in _citing_verbs())


def _comma_ended(work: str, pos: int) -> bool:
    """The line holding ``pos`` ends with a comma ("Công văn số 7876-CV/VPTW ... năm 2019," over "Ban Tuyên giáo
    Trung ương hướng dẫn ..."): a ground the next line's clause rests on, no title."""
    end = work.find("\n", pos)
    return work[pos:end if end >= 0 else len(work)].rstrip().endswith(",")


@lru_cache(maxsize=1)
def _citing_verbs() -> frozenset[str]:
    """The citing verbs of citation_relations.csv ("căn cứ", "thực hiện"), as bare keys."""
    return frozenset(H.bare_key(r["verb"]) for r in table("citation_relations"))


def _just_issued(work: str, m: re.Match, s1: int) -> tuple[int, int] | None:
    """The verb span of "<mention> [của X] vừa được ban hành" after a citing word: a document said to be
    just issued is the one reported, not one cited; None otherwise."""
    res = _res()
    pv = res["passive"].match(work, tail_end(work, m.end(), s1), s1)
    news = {H.bare_key(w) for w in phrases("news_aspect")}
    if pv and news & {H.bare_key(a) for a in pv.group("aspects").split()} and _agent_ok(pv):
        return pv.start("verb"), pv.end("verb")
    return None


def _dated_ground(work: str, m: re.Match, s0: int, s1: int) -> tuple[int, int] | None:
    """The span of the directing verb when the page's first sentence opens its ground with the document it
    reports: "Theo Công văn số 35/UBND ngày 8/7/2022, UBND huyện đề nghị ...", "Nhằm ..., tại Văn bản số 94/UBND-KT,
    ngày 2/8/2025, UBND tỉnh đề nghị ...": a numbered, dated document, no author written, its body speaking
    right after it; or one of no number that the page's title line names word for word. Undated ("Tại Thông báo
    số 15-TB/TW, Ban Bí thư yêu cầu ...") or further on it stays cited."""
    res = _res()
    if not res["ground"].search(BRACKETED.sub(" ", work[s0:m.start()])) or not _page_lead(work, s0):
        return None
    if m.group("num") or m.group("sym"):
        d = res["date"].match(work, m.end(), s1)
        after = d.end() if d else None
    else:   # "Nghị quyết phiên họp Chính phủ tháng 8/2015" titling the page, then "Tại Nghị quyết ... 8/2015, Chính phủ yêu cầu"
        after = _title_repeated(work, m.start(), s1)
    speaker = res["ground_speaker"].match(work, after, s1) if after else None
    if speaker is None or organ(speaker.group("who")) is None:
        return None
    return speaker.start("verb"), speaker.end("verb")


def _title_repeated(work: str, pos: int, end: int) -> int | None:
    """Where the words at pos that repeat the page's title line (its first line, of no sentence) end, before a comma."""
    first = next((line.strip() for line in work[:pos].split("\n") if line.strip()), "")
    if not first or _SENTENCE_DONE.search(first):
        return None
    stop = work.find(",", pos, end)
    return stop if stop > pos and H.bare_key(work[pos:stop]) == H.bare_key(first) else None


_SENTENCE_DONE = re.compile(r"[.!?…:;][”\"]?\s*$")


def _page_lead(work: str, s0: int) -> bool:
    """No sentence before s0, only lines of a headline or a portal's chrome: the page's first sentence."""
    return not any(_SENTENCE_DONE.search(line) for line in work[:s0].split("\n"))


def _run_on_before(work: str, s0: int) -> str:
    """The line before a sentence start that a PDF line break made ("... ngày 01/3/2023 của\nChính phủ"):
    that line, when it ends without punctuation; else nothing."""
    head = work[max(0, s0 - 200):s0]
    return head if head.rstrip() and head.rstrip()[-1] not in ".!?:;" and "\n" in head[-3:] else ""


def _role_named(clause: str) -> bool:
    """"Phó Thủ tướng Lê Văn Tám có Công điện ...": a role and a person's name before a weak verb."""
    m = _res()["role"].search(clause)
    return bool(m) and _name_word_run(clause[m.end():])


def _name_word_run(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 8 and all(_name_word(w) for w in words[-2:])


def _agent_ok(pv: re.Match) -> bool:
    """A passive names its agent only after "được": "… vừa được đồng chí X ký ban hành"."""
    aux = {H.bare_key(w) for w in phrases("passive_aux")}
    return not pv.group("agent") or any(H.bare_key(a) in aux for a in pv.group("aspects").split())


def _skip_space(work: str, pos: int, end: int) -> int:
    while pos < end and work[pos].isspace():
        pos += 1
    return pos


def _undated(text: str) -> str:
    """A clause without its leading date: "ngày 10/9/2020 Ban Tuyên giáo Trung ương" -> the body."""
    d = _res()["date"].match(text)
    return text[d.end():] if d else text


def _last_clause(text: str) -> str:
    return re.split(r"[,;:]", text)[-1]


def _organ_of_clauses(text: str):
    """(organ, where its name starts in ``text``) for the body ending ``text``, its name taking up to three
    comma-separated pieces ("Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội"); None when no such body."""
    parts = re.split(r"([,;:])", text)
    for k in range(1, 6, 2):     # the last piece, then with one and two more before it
        if k > len(parts) or (k > 1 and parts[-k + 1] != ","):
            break
        if k > 1 and any(not p.lstrip()[:1].isupper() for p in parts[-k + 2::2]):
            break   # a name goes on in capitals after its comma ("..., Cao đẳng"); "..., thời gian qua" is no name
        piece = "".join(parts[-k:])
        found = organ(_undated(piece))
        if found:
            return found, len(text) - len(piece) + (len(piece) - len(piece.lstrip()))
    return None


def tail_end(work: str, pos: int, end: int) -> int:
    """Where the tails of a mention (date, "của X", "gửi …", subject) end."""
    return _read_tails(SourceText(work, work), None, pos, end)


def _body_end(work: str, pos: int, end: int) -> int:
    """A body name after "của" / "thay mặt" stops at a clause word, punctuation or a quote."""
    stop = _res()["stop"].search(work, pos, end)
    limit = stop.start() if stop else end
    punct = _res()["name_mark"].search(work, pos, limit)
    return punct.start() if punct else limit


def _read_tails(st: SourceText, lead: _Lead | None, pos: int, end: int) -> int:
    """Read date, "của X", "gửi …" and the subject after a mention into lead (None: only find where
    they end); returns the position reached."""
    res, work = _res(), st.work
    dry = lead is None
    while True:
        d = res["date"].match(work, pos, end)
        if d:
            if not dry and "date" not in lead.values:
                _set_date(st, lead, d)
            pos = d.end()
            continue
        d = res["day_month"].match(work, pos, end)   # "ngày 19/6": a day without its year
        if d:
            year = None if dry or "date" in lead.values else _year_of_month(work, int(d.group("m")))
            if year:
                _set_iso(st, lead, H.date_from_parts(d.group("d"), d.group("m"), year), d)
            pos = d.end()
            continue
        y = res["bare_year"].match(work, pos, end)
        if y and pos > 0 and not work[pos - 1].isspace():   # right after the number
            pos = y.end()
            continue
        o = res["of"].match(work, pos, end)
        if o:
            b_end = _body_end(work, o.end(), end)
            found = organ(work[o.end():b_end])
            if found is None:
                # "Kế hoạch số 03-KH/BCĐ, của Ban chỉ đạo về ...": an author read as no body still leaves its subject
                clause = res["name_mark"].search(work, o.end(), end)
                limit = clause.start() if clause else end
                about = None if dry or not work[o.end():o.end() + 1].isupper() \
                    else res["about_inside"].search(work, o.end(), limit)
                act = None if dry else res["implements_inside"].search(work, o.end(), limit)
                if act and (about is None or act.start() < about.start()):
                    pos = act.start()   # "của tỉnh thực hiện Nghị quyết số 66 ... về ...": the act, then its document's "về"
                    continue
                if about is None:
                    return pos
                pos = about.start()
                continue
            b_end, found = _name_over_and(work, o.end(), b_end, end, found)
            if not dry and "issuer" not in lead.values:
                lead.values["issuer"], lead.values["acting"] = found[1], found[0]
                lead.evidence["issuer"] = st.span(o.end(), b_end)
            pos = _joint_issuer_end(work, b_end, end, found[1])
            continue
        r = res["recipients"].match(work, pos, end)
        if not r and not dry and lead.verb and res["send_verb"].search(work, *lead.verb):
            r = res["sent_to"].match(work, pos, end)
        if r:
            r_end = _recipients_end(work, r.end(), end)
            if not dry:
                lead.recipients.extend(_split_recipients(st, r.end(), r_end))
            pos = r_end
            continue
        # a plain subject follows a verb that issues; "được nêu tại <document>" issues nothing
        plain = not dry and lead.verb is not None and lead.verb[0] < lead.m.start() \
            and not res["told_at"].search(work, lead.verb[0], lead.m.start())
        s = _subject(st, pos, end, plain=plain)
        if s:
            if not dry and "subject" not in lead.values:
                s0, s1 = s[0], s[1]
                while s1 > s0 and st.work[s1 - 1] in " :":
                    s1 -= 1   # "... tại khu dân cư:" before the quoted text: the colon is not the subject's
                lead.values["subject"], lead.evidence["subject"] = st.value(s0, s1), st.span(s0, s1)
            pos = s[2]
            continue
        return pos


def _name_over_and(work: str, start: int, b_end: int, end: int,
                   found: tuple[str | None, H.Organ]) -> tuple[int, tuple[str | None, H.Organ]]:
    """"của Bộ Nông nghiệp và Phát triển nông thôn": a body whose name goes on over "và" (the words
    after it open no body of their own, and the longer words name a body) ends after them."""
    m = re.match(rf"\s*(?<!\S)(?i:{G.piece('and')})\s+", work[b_end:end])
    after = work[b_end + m.end():end] if m else ""
    if m is None or not after[:1].isupper() or opens_organ(after) or names_body(after) or _res()["mention"].match(after):
        return b_end, found   # "của Ban Bí thư và Chỉ thị số 31-CT/TU của ...": another document after "và"
    longer_end = _body_end(work, b_end + m.end(), end)
    longer = organ(work[start:longer_end])
    if longer is None or clean(longer[1].name) == clean(found[1].name):
        return b_end, found
    return longer_end, longer


def _joint_issuer_end(work: str, pos: int, end: int, first: H.Organ) -> int:
    """"Kết luận của Bộ Chính trị, Ban Bí thư về ...": a body of the same channel joined to the issuer
    ("," or "và") issues with it (the first named stays the issuer); where it ends, else pos."""
    j = re.compile(rf"\s*(?:,|{G.piece('and')}(?=\s))\s*").match(work, pos, end)
    if not j:
        return pos
    b_end = _body_end(work, j.end(), end)
    found = organ(work[j.end():b_end]) if b_end > j.end() else None
    return b_end if found and found[1].channel == first.channel and found[1].name != first.name else pos


def _recipients_end(work: str, pos: int, end: int) -> int:
    """The list after "gửi" stops at the subject, a clause word ("… yêu cầu"), or punctuation; a
    list after "gửi:" runs over its ";" to the end of the sentence."""
    colon = work[max(0, pos - 3):pos].strip().endswith(":")
    m = (_res()["colon_list_end"] if colon else _res()["recipients_end"]).search(work, pos, end)
    at = pos
    listed: list[tuple[int, int]] = []   # the colon lists read: "Bộ: Quốc phòng, Giao thông vận tải" holds no stop word
    while not colon and m and m.group(0) in ":;":
        if m.group(0) == ":":   # "gửi Chủ tịch UBND các tỉnh: A, B; ...": a list goes on, up to the subject
            bound = _res()["recipients_end"].search(work, m.end(), end)
            while bound and bound.group(0) in ":;":
                bound = _res()["recipients_end"].search(work, bound.end(), end)
            # "gửi các Sở: Y tế, Tài chính yêu cầu ...": the clause word ends the list's last item
            found = find_colon_list(work[at:_clause_stop(work, m.end(), bound.start() if bound else end)])
            if not found or found.items[0].start < m.end() - at:
                break
            listed.append((at + found.items[0].start, at + found.end))
            at += found.end
        elif opens_organ(work[m.end():end].lstrip()) or _res()["plural_start"].match(work[m.end():end].lstrip()) \
                or opens_addressee(work[m.end():end].lstrip()):
            at = m.end()   # "gửi các sở, ngành; UBND các huyện ...", "...; các ban, sở", "...; Bí thư, Chủ tịch ...": one list
        else:
            break
        m = _res()["recipients_end"].search(work, at, end)
    limit = m.start() if m else end
    if colon:
        return limit   # "gửi: A; B; Ủy ban An toàn giao thông quốc gia.": the list is the sentence's rest
    return _clause_stop(work, pos, limit, listed)


def _clause_stop(work: str, pos: int, limit: int, listed: list[tuple[int, int]] = ()) -> int:
    """The first clause word or task verb (``predicate``) after pos that ends a list of addressees ("yêu cầu", "đề nghị"; not "và", which
    joins them, not inside a known name or a colon list read (``listed``), not capitalised: "Bộ: Quốc phòng,
    Giao thông vận tải" names a ministry), limit when none."""
    split = {H.bare_key(w) for w in G.words("and_word")}
    limit = _verb_stop(work, pos, limit, listed)
    for stop in _res()["stop"].finditer(work, pos, limit):
        if H.bare_key(stop.group(0)) not in split and stop.group(0)[:1].islower() \
                and not inside_known_name(work[pos:limit], stop.start() - pos) \
                and not inside_listed_tail(work[pos:limit], stop.start() - pos) \
                and not any(s <= stop.start() < e for s, e in listed):
            return stop.start()
    return limit


def _verb_stop(work: str, pos: int, limit: int, listed: list[tuple[int, int]]) -> int:
    """"gửi các sở, UBND các địa phương triển khai ...": the task's verb (``predicate``) after a name ends the
    list; one opening an item ("lãnh đạo các bộ; Bí thư ...") or before a capitalised object ("Tổ công tác
    triển khai Đề án 06": a name) does not; limit when none."""
    text = work[pos:limit]
    verb = predicate(text)
    while verb:
        if verb.group(0)[:1].islower() and re.search(r"[\w)]$", text[:verb.start()].rstrip()) \
                and not text[verb.end():].lstrip()[:1].isupper() and not inside_known_name(text, verb.start()) \
                and not inside_listed_tail(text, verb.start()) \
                and not any(s <= pos + verb.start() < e for s, e in listed):
            return pos + verb.start()
        verb = predicate(text, verb.end())
    return limit


def _split_recipients(st: SourceText, s: int, e: int) -> list[Span]:
    s += named_after_such_as(st.work[s:e])   # "các đơn vị như Công an thành phố, Sở Y tế": the bodies named
    found = find_colon_list(st.work[s:e])
    if found:   # "Chủ tịch UBND các tỉnh: A, B; Bộ trưởng ...": the list one entry, expanded by recipient_names
        head, tail = s + found.start, s + found.end
        listed = [_without_trailing_marks(st, st.span(head, tail))]
        return (_split_recipients(st, s, head) if head > s else []) + listed + \
            (_split_recipients(st, tail, e) if st.work[tail:e].strip(" ,;.") else [])
    out, start = [], s
    for m in _res()["recipient_split"].finditer(st.work, s, e):
        if _name_goes_on(st.work, m, e) or st.work[m.end():m.end() + 1].islower() \
                and not _lowered_head().match(st.work, m.end(), e) \
                and (joins_name(st.work[start:m.start()], m.group(0).strip(), st.work[m.end():e])
                     or continues_units(st.work[start:m.start()], st.work[m.end():e]) or belongs_on(st.work[m.end():e])):
            continue   # "các sở giáo dục và đào tạo": one name; "... các quận, huyện và xã, phường": one list
        out.extend(_split_named(st, start, m.start()))
        start = m.end()
    out.extend(_split_named(st, start, e))
    return [_without_trailing_marks(st, sp) for sp in out if sp.quote.strip(" ,;")]


@lru_cache(maxsize=1)
def _lowered_head() -> re.Pattern:
    """An organ written in lower case ("sở y tế tỉnh", body_phrases lowered_head): a list's next entry."""
    from loaders.citations import patterns
    return re.compile(rf"(?:{alternation(t for t, _ in patterns('body_phrases.csv').get('lowered_head', ()))})(?![^\W_])")


def _name_goes_on(work: str, m: re.Match, e: int) -> bool:
    """"các Sở Giáo dục và Đào tạo": a capitalised word after "và" that opens no body continues the name."""
    after = work[m.end():e]
    return bool(m.group(0).strip(" ,;")) and after[:1].isupper() and not opens_organ(after) \
        and not names_body(after) and not _res()["plural_start"].match(after.lower())


def _without_trailing_marks(st: SourceText, sp: Span) -> Span:
    """"... trực thuộc Trung ương, đề nghị ...": the comma before the next clause is not the recipient's."""
    end = sp.end
    while end > sp.start and st.work[end - 1] in " \t\n,;":
        end -= 1
    return sp if end == sp.end else st.span(sp.start, end)


_COMMITTEE_OF_CLASS = re.compile(rf"(?:{G.piece('committee_word')})\s+{G.piece('plural')}\s")


def _shared_place(first: str, nxt: str) -> bool:
    """"Tỉnh ủy" + "Thành ủy các tỉnh": a committee word with no place, the next committee word giving
    the places of both."""
    return bool(COMMITTEE_END.search(first.rstrip()) and _COMMITTEE_OF_CLASS.match(nxt))


_PLURAL_CLASS_END = re.compile(rf"\s{G.piece('plural')}\s+[{H.UPPER}][^\W\d_]*(?:\s+[^\W\d_]+)?\s*$")   # "... các Tập đoàn"


def _shared_post(first: str, nxt: str) -> bool:
    """One post over the entries after it: "Bí thư Tỉnh ủy, Thành ủy" (a bare committee word after a post's committee);
    "Tổng giám đốc các Tập đoàn, Tổng công ty nhà nước" (a class going on after its comma). (A post alone before
    another, "Bí thư, Chủ tịch UBND các tỉnh", stays an entry of its own: tests/test_unseen_state15.)"""
    post = post_start().match(first.strip())
    if post and COMMITTEE_END.search(first.rstrip()) and COMMITTEE_END.fullmatch(nxt.strip()):   # "Thành ủy", no place
        return True
    return bool(_PLURAL_CLASS_END.search(first)) and not post_start().match(nxt.strip()) and not opens_organ(nxt.strip())


def _split_named(st: SourceText, s: int, e: int) -> list[Span]:
    """"các ban Đảng, Ban cán sự đảng, Đảng ủy trực thuộc" -> three: a capitalised name after a comma
    starts a recipient when the words before it start one too (capitalised or "các ..."); after a
    lower-case continuation ("các huyện ủy, thị ủy, Thành ủy Huế") it ends the same class."""
    work, out, start, piece = st.work, [], s, s
    for m in re.finditer(r",\s+", work[s:e]):
        cut = s + m.start()
        first = work[piece:cut].lstrip()
        nxt = work[s + m.end():e].split(",", 1)[0]
        if _shared_place(first, nxt) or _shared_post(first, nxt):
            piece = s + m.end()
            continue   # "Bí thư Tỉnh ủy, Thành ủy các tỉnh, thành phố": two committees, one class of places
        if work[s + m.end():s + m.end() + 1].isupper() and (
                first[:1].isupper() or _res()["plural_start"].match(first)
                or _res()["plural_start"].match(work[start:cut].lstrip())
                and (_res()["plural_inside"].search(nxt) or opens_organ(nxt) and _res()["kind_after_organ"].match(nxt))
                or opens_addressee(nxt) and _res()["plural_inside"].search(nxt)) \
                and not organ_over_members(work[start:cut], nxt) and not inside_known_name(work[start:e], cut - start):
            # "các sở, ban, ngành, UBND các huyện" / "..., UBND quận, huyện": a class of its own after a class;
            # "Ban chỉ huy ... các tỉnh ven biển, Ban Chỉ huy ... các bộ": a body of a class of its own; not inside
            # one body ("Ban Chỉ huy ... các Bộ Quốc phòng, Công an", "Vụ Kế hoạch, Tài chính")
            out.append(st.span(start, cut))
            start = s + m.end()
        piece = s + m.end()
    out.append(st.span(start, e))
    return out


def _subject(st: SourceText, pos: int, end: int, plain: bool) -> tuple[int, int, int] | None:
    """(start, end, position after) of the subject: 'về việc …', 'về “…”', '"về việc …"', or, after
    an active verb, a lower-case phrase ("… kí ban hành Chỉ thị tăng cường …")."""
    res, work = _res(), st.work
    for key in ("subject_quoted", "subject_about_quoted", "subject_title_quoted"):
        m = res[key].match(work, pos, end)
        if m:
            return m.start("s"), m.end("s"), m.end()
    m = res["subject_about"].match(work, pos, end) or res["subject_implements"].match(work, pos, end)
    if not m and plain:
        m = res["subject_plain"].match(work, pos, end)
        obj = work[m.start("s"):end] if m else ""
        stop = res["stop"].match(work, m.start("s"), end) if m else None
        if stop and _directs_an_act(work[stop.start():stop.end()], work[stop.end():end]):
            stop = None   # "công văn chỉ đạo triển khai Chương trình ...": the directing verb opens an act, the subject
        if m and (stop or names_body(obj) or addressee_end(obj, 0) is not None):
            m = None   # "... có văn bản chỉ đạo các đơn vị liên quan kiểm tra": the addressees, no subject
        elif m and m.group("comma") and not _opens_with_predicate(obj):
            m = None   # "Công văn số 12, đồng thời ...": after a comma only an act ("tăng cường ...") is the subject
    if not m:
        return None
    s0 = m.start("s")
    about = res["word_then_about"].match(work, s0, end)
    if about and m.re is res["subject_plain"]:
        s0 = about.end()   # "quy định mới về công tác cán bộ": the subject starts at "về"
    formal = formal_about_re().match(work, s0, end)
    # a purpose word ends a subject only after a comma in a formal trích yếu and in a plain one ("Kế hoạch tổ chức
    # ... nhằm chào mừng ..."); a bare "về ..." ends at it ("về tổ chức Tháng Dân vận nhằm nâng cao ...")
    ends = res["subject_end_formal"] if formal or m.re is res["subject_plain"] else res["subject_end"]
    stop = ends.search(work, s0, end)
    if formal and stop and not work[formal.end():stop.start()].strip():
        stop = ends.search(work, stop.end(), end)   # "về việc yêu cầu Bộ trưởng, ... phối hợp ...": the request is the subject
    while stop and work.count("“", s0, stop.start()) > work.count("”", s0, stop.start()):
        close = work.find("”", stop.start(), end)   # "về “Một số vấn đề cần được ...”": a stop word inside the quote
        stop = ends.search(work, close + 1, end) if close >= 0 else None
    s_end = stop.start() if stop else end
    text = work[s0:s_end].rstrip(" .,/")   # "./": the end mark of a Vietnamese document
    if len(text.split()) < (3 if m.re is res["subject_plain"] else 2) or _formula_only(text):
        return None   # "ban hành Kế hoạch triển khai như sau:": a bare verb after the type is no subject
    return s0, s0 + len(text), s_end


@lru_cache(maxsize=1)
def _formulas() -> frozenset[str]:
    return frozenset(refdata.fold(t) for t, _ in patterns("body_phrases.csv").get("formula", ()))


def _formula_only(text: str) -> bool:
    """"... ban hành Chương trình số 12-CTr/TU triển khai thực hiện, nội dung ...": a closing formula (body_phrases
    formula rows) says what is done with the document, not what it is about."""
    return refdata.fold(text) in _formulas()


def _directs_an_act(verb: str, rest: str) -> bool:
    """A directing verb that names the act it directs (press_phrases directs_act: "chỉ đạo triển khai ..."), its
    words opening with that act, no body asked ("yêu cầu báo cáo ..." stays a request of the bodies told later)."""
    return H.bare_key(verb) in {H.bare_key(w) for w in phrases("directs_act")} and _opens_with_predicate(rest.lstrip())


def _opens_with_predicate(text: str) -> bool:
    """"tăng cường các biện pháp ...": the words open with an act (body_phrases.csv predicate rows)."""
    m = predicate(text)
    return m is not None and m.start() == 0


# "Để bảo đảm an toàn ..., ngày 18.5, Chủ tịch UBND tỉnh có Công điện": a purpose clause before the yearless date
_PURPOSE_CLAUSE = re.compile(rf"(?i:{G.piece('purpose')})\s[^.;:\n]*,")
_PURPOSE_LEAD = re.compile(rf"(?i:{G.piece('purpose')})\s[^.;:\n]*?,")   # up to its first comma


def _set_date(st: SourceText, lead: _Lead, d: re.Match) -> None:
    m = H.DATE_RE.search(st.work, d.start(), d.end())
    _set_iso(st, lead, H.date_of_match(m), m)


def _set_iso(st: SourceText, lead: _Lead, parsed: tuple[str | None, str | None], m: re.Match) -> None:
    iso, warning = parsed
    if iso:
        lead.values["date"] = iso
        lead.evidence["date"] = st.span(m.start(), m.end())
    if warning:
        lead.warnings.append(warning)


def _read_head(st: SourceText, lead: _Lead) -> None:
    """Before the verb: the dateline of the sentence, "thay mặt X", the signer, the issuing body."""
    res, work = _res(), st.work
    s0, v0 = lead.s0, lead.verb[0]
    hearsay = res["hearsay"].search(work, s0, v0)
    pos = s0
    # a date before a hearsay clause is the report's; one after it ("X cho biết, ngày 25-3, Y đã ban hành ..."), the document's
    told = hearsay.end() if hearsay else s0
    d = next((x for x in H.DATE_RE.finditer(work, told, v0) if not _cited_date(work, x.start())), None)
    t = res["dateline"].search(work, told, v0)       # "Sáng 5/8/2021, …": a time of day, no "ngày"
    if t and (d is None or t.start() < d.start()):
        if "date" not in lead.values:
            _set_iso(st, lead, H.date_from_parts(t.group("d"), t.group("m"), t.group("y")), t)
        d = t
    elif d and "date" not in lead.values:
        _set_date(st, lead, d)
    y = res["yearless"].search(work, told, v0) if d is None else None
    agency = _AGENCY.match(work, _skip_space(work, told, v0), v0) if y else None   # "(QBĐT) - Ngày 25-3, ..."
    gap = work[agency.end() if agency else told:y.start()] if y else ""
    clock = res["clock"].match(gap.lstrip(" \t>*-("))   # "Vào lúc 10h00 ngày 21/7, ...": the clock time, then the date
    rest = gap.lstrip(" \t>*-(")[clock.end():] if clock else gap
    if y and "date" not in lead.values and not _PURPOSE_CLAUSE.fullmatch(rest.strip()) and rest.strip(" \t>*-(,"):
        y = None
    if y and "date" not in lead.values:
        year = _year_of_month(work, int(y.group("m"))) or _year_after_cited(work, int(y.group("d")), int(y.group("m")))
        if year:
            _set_iso(st, lead, H.date_from_parts(y.group("d"), y.group("m"), year), y)
        d = y
    if d:
        pos = max(pos, d.end())
    if hearsay:
        pos = max(pos, hearsay.end())
    behalf = res["on_behalf"].search(work, pos, v0)
    who_end = v0
    if behalf:
        b_end = _body_end(work, behalf.end(), v0)
        found = organ(work[behalf.end():b_end])
        if found:
            if "issuer" not in lead.values:
                lead.values["issuer"], lead.values["acting"] = found[1], found[0]
                lead.evidence["issuer"] = st.span(behalf.end(), b_end)
            lead.values["authority"] = _authority(behalf.group("cap"), found[0], found[1])
            lead.evidence["signer.authority"] = st.span(behalf.start(), b_end)
        if work[b_end:v0].strip(" ,"):
            pos = b_end                     # "thay mặt X, <role> <name> đã ký"
        else:
            aspect = res["aspect_end"].search(work, pos, behalf.start())
            who_end = aspect.start() if aspect else behalf.start()   # "<role> <name> (vừa) thay mặt X ký"
    party = bool(_PARTY_SYMBOL.match(lead.values.get("number") or ""))   # a Party document: its signer's Party post
    person = _person(st, _clause_start(work, pos, who_end), who_end, party) or _person(st, pos, who_end, party) \
        or _led_person_after_comma(st, pos, who_end, party)
    wide = _person(st, pos, who_end, party) if person and party else None
    if wide and wide.name == person.name:   # "Tổng Bí thư, Chủ tịch nước X": the titles before the comma are X's too
        person = wide
    if person:
        _read_signer(st, lead, person)
        return
    if "issuer" not in lead.values and hearsay and (res["anaphor"].fullmatch(work, pos, who_end)
                                                    or not work[pos:who_end].strip(" ,")):
        _read_teller(st, lead, hearsay)   # "Sở GTVT cho biết, ngày 9/7, đơn vị này vừa ban hành ...", "X cho biết đã có ..."
    if "issuer" not in lead.values:
        c0 = _clause_start(work, pos, who_end)
        advised = list(res["advise"].finditer(work, c0, who_end))
        c0 = advised[-1].end() if advised else c0
        # "Đảng ủy Quân sự tỉnh tổ chức hội nghị ra Nghị quyết": the body's name ends at a clause word
        meeting = res["meeting"].search(work, c0, who_end)
        # "HĐND xã X khóa I (nhiệm kỳ 2021 - 2026) đã thông qua": a term in brackets is no part of the name
        found = organ(BRACKETED.sub(" ", work[c0:meeting.start() if meeting else who_end]))
        if found:
            lead.values["issuer"], lead.values["acting"] = found[1], found[0]
            lead.evidence["issuer"] = st.span(c0, who_end)
        elif not advised:       # the adviser named before "tham mưu" issues nothing
            _subject_of_sentence(st, lead, pos, c0)
            agency = _AGENCY.match(work, _skip_space(work, pos, who_end), who_end)   # "(TTCNTT) - Bộ Văn hóa, ..."
            p0 = agency.end() if agency else pos
            joined = _organ_of_clauses(work[p0:who_end]) if "issuer" not in lead.values else None
            if joined is not None:   # "Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội": a comma in the name
                (lead.values["acting"], lead.values["issuer"]), at = joined
                lead.evidence["issuer"] = st.span(p0 + at, who_end)


def _read_teller(st: SourceText, lead: _Lead, hearsay: re.Match) -> None:
    """The body that tells the news ("Sở GTVT cho biết, ...") issued what "đơn vị này" did."""
    c0 = _clause_start(st.work, lead.s0, hearsay.start())
    found = organ(st.work[c0:hearsay.start()])
    if found:
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(c0, hearsay.start())


def _read_signer(st: SourceText, lead: _Lead, person: _Person) -> None:
    """The signer, and the issuer their role names when none is known yet."""
    work = st.work
    lead.values["signer"] = person
    between = (person.role.end, person.name.start) if person.role and person.role.end < person.name.start else None
    if between and "," in work[between[0]:between[1]]:   # "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh X": the role's body ends at the comma
        between = (between[0], work.index(",", *between))
    found = organ(work[between[0]:between[1]]) if between and "issuer" not in lead.values else None
    body = (role_body(work[person.role.start:person.role.end]) if found else None) or "{}"
    if "{}" not in body and H.bare_key(body).endswith(H.bare_key(work[between[0]:between[1]])):
        # "Phó Thủ tướng Chính phủ Lê Văn Tám vừa ký": the words after the role end the role's own body
        _issuer_of_role(st, lead, person.role, person.role.end)
        lead.evidence["issuer"] = st.span(person.role.start, between[1])
    elif found and _post_issues(work, lead, person.role, between):
        # "Chủ tịch UBND tỉnh Lê Văn Tám đã có kết luận": a leader's own conclusion, the post issues
        lead.values["issuer"], lead.values["acting"] = _post_issues(work, lead, person.role, between)[1], None
        lead.evidence["issuer"] = st.span(person.role.start, between[1])
    elif found:  # "Phó Chủ tịch UBND tỉnh Lê Văn Tám đã ký ...": the signer's body issues
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(*between)
    elif person.role and "issuer" not in lead.values and person.role.start > person.name.end:
        _issuer_after_role(st, lead, person.role)
    elif person.role and "issuer" not in lead.values:
        _issuer_of_role(st, lead, person.role, person.name.start)


def _post_issues(work: str, lead: _Lead, role: Span, between: tuple[int, int]):
    """The post with its body ("Chủ tịch UBND tỉnh") as the organ issuing a leader's own kind of document
    (press_phrases.csv post_issued: "Kết luận"), when the header data knows that post as an organ; else None."""
    if lead.values.get("doc_type") not in phrases("post_issued"):
        return None
    found = organ(work[role.start:between[1]])
    organs = {r["value"] for r in H.markers("organ")}
    return found if found and found[1].keyword in organs and found[1].name.startswith(work[role.start:role.end]) else None


def _issuer_after_role(st: SourceText, lead: _Lead, role: Span) -> None:
    """"Ông Lê Văn Tám, Phó Bí thư Thường trực Tỉnh ủy Hà Tĩnh vừa ký ...": the name first, the body the role
    ends with (up to the verb) issues; a role alone or with its own body ("Thủ tướng Chính phủ") issues for
    its role_issuer body."""
    work = st.work
    end = lead.verb[0] if lead.verb and lead.verb[0] > role.end else role.end
    end = role.end + len(work[role.end:end].split(",")[0])
    b_end = _body_end(work, role.end, end)
    words = work[role.end:b_end].strip()
    found = organ(words) if words else None
    own = role_body(work[role.start:role.end]) or "{}"
    if found and not ("{}" not in own and H.bare_key(own).endswith(H.bare_key(words))):
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(b_end - len(words), b_end)
    else:
        _issuer_of_role(st, lead, role, role.end)


def _subject_of_sentence(st: SourceText, lead: _Lead, pos: int, end: int) -> None:
    """"X đã quán triệt ..., đồng thời ban hành Chỉ thị số 08": the body that opens the nearest earlier
    clause ("X đã ...") issues, when the clause before the verb names none."""
    work = st.work
    starts = [pos] + [pos + m.end() for m in re.finditer(r"[,;:]\s*", work[pos:end])]
    for c in reversed(starts):
        c += len(work[c:end]) - len(work[c:end].lstrip())
        b_end = _body_end(work, c, end)
        found = organ(work[c:b_end]) if b_end > c and work[b_end:b_end + 1] not in ",;:" else None
        if found:
            lead.values["issuer"], lead.values["acting"] = found[1], found[0]
            lead.evidence["issuer"] = st.span(c, b_end)
            return


def role_body(role: str) -> str | None:
    """The body a press role issues for (role_issuer rows of press_phrases.csv): "Thủ tướng" -> "Thủ tướng Chính phủ"."""
    return {H.bare_key(role_): body for body, role_ in vocabulary()["role_issuer"]}.get(H.bare_key(role))


def _issuer_of_role(st: SourceText, lead: _Lead, role: Span, name_start: int) -> None:
    """"Phó Thủ tướng Lê Văn Tám có Công điện", "Bộ trưởng Y tế Lê Văn Tám vừa ký": the body a role
    issues for (role_issuer rows of press_phrases.csv; "{}" stands for the words between role and name)."""
    value = role_body(st.work[role.start:role.end])
    if not value:
        return
    between = st.work[role.end:name_start].strip(" ,") if role.end <= name_start else ""
    if "{}" in value and not between:
        return
    found = organ(value.replace("{}", between).strip())
    if found:
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(role.start, name_start if between else role.end)


_MONTH_IN_YEAR = re.compile(G.piece("month_in_year"))   # "từ 0 giờ, ngày 23 tháng 9 năm 2021"


def _year_of_month(work: str, month: int) -> str | None:
    """The year a text gives the month of a yearless date ("Ngày 18/02, ..." and later "trong tháng
    02/2020", "từ ngày 22-2-2021", "ngày 23 tháng 9 năm 2021"): the one year written with that month;
    None when none or several. Without that month, the one year of the dates in the next two months (a
    report tells what follows: "Ngày 27/8 ... trong tháng 9/2019"; December's next months fall in the next year).
    A crawler's stamp of the page's date within two months after the day comes before any of these."""
    # the crawler's "date 2025-11-03", or the portal's posting time on a line of its own ("2016-08-25 09:40:24"),
    # when the page was published: it decides
    stamp = _STAMP_RE.search(work) or _POSTED_RE.search(work)
    if stamp and (int(stamp.group("m")) - month) % 12 in (0, 1, 2):
        return str(int(stamp.group("y")) - (1 if int(stamp.group("m")) < month else 0))
    spans = _anniversary_spans(work)
    by_gap: dict[int, set[str]] = {0: set(), 1: set(), 2: set()}
    for m in [*re.finditer(r"(?<![\d/.\-])(?:\d{1,2}\s*[/.\-]\s*)?(?P<m>\d{1,2})\s*[/.\-]\s*"
                           r"(?P<y>(?:19|20)\d\d)(?!\d)", work), *_MONTH_IN_YEAR.finditer(work)]:
        gap = (int(m.group("m")) - month) % 12
        if gap in by_gap and not _cited_date(work, m.start()) \
                and not any(s <= m.start() < e for s, e in spans):   # a cited document's date is no clue
            by_gap[gap].add(str(int(m.group("y")) - (1 if int(m.group("m")) < month else 0)))
    years = by_gap[0] or by_gap[1] | by_gap[2]
    return years.pop() if len(years) == 1 else None


_DATE_PARTS = re.compile(rf"(?<![\d/.\-]){G.piece('date')}(?!\d)")   # the grammar's date, its day word not needed
_BARE_YEAR = re.compile(r"(?<![\d/.\-])(?:19|20)\d\d(?![\d/\-]|\.\d)")   # "Tết 2021", "năm 2021."


def _year_after_cited(work: str, day: int, month: int) -> str | None:
    """The year of a yearless page date the text gives no clue of its own for ("Chiều tối 3.2, ..."): the
    year the day falls in within two months after the documents it cites ("Chỉ thị số 48-CT/TW, ngày
    09.12.2020": a page cites what came before it), when they agree on one year and the text also writes
    that year by itself ("Tết Nguyên đán 2021"); an older citation (a law of years before) is no clue."""
    cited = [(int(m.group("y")), int(m.group("m")), int(m.group("d"))) for m in _DATE_PARTS.finditer(work)
             if _cited_date(work, m.start())]
    years = {cy + (1 if cm > month else 0) for cy, cm, cd in cited
             if (month - cm) % 12 in (1, 2) or cm == month and cd <= day}
    year = years.pop() if len(years) == 1 else None
    if year is None or any(c > (year, month, day) for c in cited):
        return None   # a page cites no document younger than itself
    return str(year) if any(b.group(0) == str(year) for b in _BARE_YEAR.finditer(work)) else None


@lru_cache(maxsize=1)
def _cited_re() -> re.Pattern:
    # "... số 45-CT/TW, " before the date; or a document named by its type alone: "và Điện ", "Công văn "
    names = {r["name_vi"] for r in table("doc_types")} | set(_type_names()[1])
    # \Z, not $: "... Bão số 9\nNgày 24/9/2025": a number at a line's end names no document of the date
    # "bão số 3, ngày 18/8": a storm's number (named_number), no document's
    return re.compile(rf"(?:(?<!\w){_not_after('named_number')}{G.piece('number_word')}\s*:?\s*\d|\d\s*[-/]\s*[{H.UPPER}])"
                      rf"[^.;\n]{{0,40}}\Z"
                      rf"|(?<!\w)(?:{alternation(names)})\s+$")


def _cited_date(work: str, pos: int) -> bool:
    """The date at pos follows a document's number closely ("Chỉ thị số 45-CT/TW, ngày 14/4/2025"):
    that document's date, not the report's."""
    return bool(_cited_re().search(work, max(0, pos - 60), pos))


def _anniversary_spans(work: str) -> list[tuple[int, int]]:
    """Two full dates joined by a dash, "(22/4/1870 – 22/4/2015)": an anniversary's span, no date of
    the report's events."""
    d = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    return [(m.start(), m.end()) for m in re.finditer(rf"{d}\s*[-–—]\s*{d}", work)]


def _clause_start(work: str, pos: int, end: int) -> int:
    # (not the comma inside a name: "Ban Chỉ đạo ... về phòng, chống thiên tai")
    named = {m.start() + m.group(0).index(",") for m in _NAME_COMMA.finditer(work, pos, end) if "," in m.group(0)}
    cut = max([i for i in range(pos, end) if work[i] in ",;:" and i not in named] or [-1])
    start = cut + 1 if cut >= pos else pos
    agency = _AGENCY.match(work, _skip_space(work, start, end), end)   # "(GLO)- Văn phòng Chính phủ vừa có ..."
    if agency:
        return agency.end()
    run_on = None
    for run_on in _RUN_ON_SIGLE.finditer(work, start, end):
        pass
    if run_on:   # "<a headline> (PLVN) - Bộ X vừa có ...": a tag page's teaser runs its headline into the lead
        return run_on.end()
    roles = run_on_roles(work, start, end)
    if roles:   # "<a headline> năm 2025 Thủ tướng Chính phủ X vừa ký ...": the headline run into the lead, no mark
        return roles[-1]
    unit = _res()["ministry_unit"].search(work, pos, start)
    if unit and _res()["ministry"].match(work, _skip_space(work, start, end)):
        return unit.start()   # "Cục Y tế dự phòng, Bộ Y tế đã có Công văn": the Cục of that Bộ wrote it
    return start


def run_on_roles(work: str, start: int, end: int) -> list[int]:
    """Where a role as written opens a lead that a headline runs into with no mark ("... năm 2025 Thủ tướng Chính
    phủ X vừa ký ...", "... dịp Lễ 30/4 và 1/5 Thủ tướng yêu cầu ..."): right after a lower-case word or a number."""
    return [m.start("role") for m in _res()["run_on_role"].finditer(work, start, end) if _RUN_ON_WORD.search(work, max(0, m.start() - 40), m.start())]


_RUN_ON_WORD = re.compile(rf"(?<!\S)(?:[^\W\d{H.UPPER}_][^\W_]*|\d[\d/.\-]*)[ ]$")   # the word before: lower case or a number


_NAME_COMMA = re.compile(G.piece("name_comma"), re.I)

# "Công văn 4424 gửi ...": a number of three to five digits right after the type word, not a year
_BARE = r"(?!(?:19|20)\d\d(?!\d))\d{3,5}(?![\w/.,\-])"
# "Chỉ thị SỐ 260 CT/QUTW": a space typed for the Party number's dash, before a code and its slash
_SPACED_SYMBOL = rf"\d{{1,5}}[ ][{H.UPPER}]{{2,5}}/[{H.UPPER}][^\W_]*(?:-[^\W_]+)*(?![^\W_])"


# a crawler's stamp of the page's date glued before its first sentence: "date 2025-11-03 "
_STAMP = rf"(?:{_alt('page_stamp')})\s+(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?(?![\d\-])"
# ... its year and month: a clue to the year of a yearless day of that month (_year_of_month)
_POSTED_RE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-[0-3]\d[ T][0-2]\d:[0-5]\d(?::[0-5]\d)?\s*$", re.M)
_STAMP_RE = re.compile(rf"(?:{_alt('page_stamp')})\s+(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)(?:-[0-3]\d)?(?![\d\-])")
# a newspaper's sigle opening its first sentence: "(GLO)- ", "(QTO) - ", "BHG - ", "ND - ", "(CL&CS)- ",
# "(Chinhphu.vn) - ", "Kinhtedothi - ", "VOV.VN - ", "Baovannghe. vn - " (one word before a spaced dash, a space typed
# after its domain's dot), after a stamp or not
_AGENCY = re.compile(rf"(?:{_STAMP}\s+)?(?:\([{H.UPPER}&]{{2,8}}\)|\([^\s()]{{2,24}}\)(?=\s*[-–—])|[{H.UPPER}]{{2,8}}(?=\s*[-–—])"
                     rf"|[{H.UPPER}][^\W_]*(?:\.[ ]?[^\W_]+)*(?=\s+[-–—]\s))"
                     rf"\s*[-–—]?\s*|{_STAMP}\s+")


# ... or inside the line, a headline before it: "Cúm gia cầm lây lan (PLVN) - Bộ X vừa có công điện"
_RUN_ON_SIGLE = re.compile(rf"(?<=\s)\([{H.UPPER}&]{{2,8}}\)\s*[-–—]\s*(?=[{H.UPPER}])")


_PARTY_SYMBOL = re.compile(r"\d+-[^\W\d_]")   # "09-QC/TW": a Party number, whose code is its type


def _read_urgency(st: SourceText, lead: _Lead, m: re.Match, verb: tuple[int, int]) -> None:
    """"Công điện hỏa tốc số ...", or the word between the verb and the type ("đã ban hành hoả tốc Chỉ thị số 25")."""
    if m.group("urg"):
        start, end, ev_start = m.start("urg"), m.end("urg"), m.start()
    else:
        gap = st.work[verb[1]:m.start()]
        start, end = verb[1] + len(gap) - len(gap.lstrip()), verb[1] + len(gap.rstrip())
        ev_start = start
    word = st.work[start:end]
    label = next((lb for s, lb in H.code_list("urgency") if H.bare_key(s) == H.bare_key(word)), None) if word else None
    if label:
        lead.values["urgency"] = label
        lead.evidence["urgency"] = st.span(ev_start, end)


def _read_lead(st: SourceText, m: re.Match, s0: int, s1: int, verb: tuple[int, int]) -> _Lead:
    lead = _Lead(m, s0, s1, verb)
    names, aliases = _type_names()
    written = m.group("type")
    doc_type = aliases.get(written) or names.get(H.bare_key(written), clean(written))
    number = m.group("num") or m.group("sym")
    if number:
        lead.values["number"] = H.normalize_number(number)
        lead.evidence["number"] = st.span(m.start("num") if m.group("num") else m.start("sym"), m.end())
        by_code = H.type_from_number(lead.values["number"])
        if by_code and written in aliases:   # "văn bản số 2189-CV/ĐUK": the symbol says Công văn
            doc_type = by_code
        elif by_code and doc_type == H.default_type() and _PARTY_SYMBOL.match(lead.values["number"]):
            doc_type = by_code                  # a portal's "Công văn 09-QC/TW": the Party code names a Quy chế
        elif _generic(written):
            doc_type = None
    elif _generic(written):
        doc_type = None                     # "vừa có văn bản chỉ đạo …": of no stated type
    if doc_type:
        lead.values["doc_type"] = doc_type
        lead.evidence["doc_type"] = st.span(m.start("type"), m.end("type"))
    _read_urgency(st, lead, m, verb)
    _read_tails(st, lead, m.end(), s1)
    if verb[0] < m.start():
        _read_head(st, lead)
    elif not number:
        _read_ground_speaker(st, lead)
    _read_passive(st, lead)
    _read_told_agent(st, lead)
    _read_direction(st, lead)
    return lead


def _read_told_agent(st: SourceText, lead: _Lead) -> None:
    """"Yêu cầu trên được Thủ tướng Lê Văn Tám nêu trong Công văn số 1021": the agent told issues (a body, or a post
    speaking for its body; its holder's name dropped)."""
    t = _res()["told_at"].match(st.work, lead.verb[0], lead.verb[1])
    if not t or not t.group("agent") or "issuer" in lead.values:
        return
    a0, a1 = t.span("agent")
    name = trailing_name(st, a0, a1)
    b1 = len(st.work[a0:name.start].rstrip()) + a0 if name else a1
    found = organ(st.work[a0:b1])
    body = role_body(st.work[a0:b1]) if found is None else None
    found = found or (organ(body) if body and "{}" not in body else None)
    if found:
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(a0, b1)


def _read_ground_speaker(st: SourceText, lead: _Lead) -> None:
    """"Tại Nghị quyết phiên họp Chính phủ tháng 8/2015, Chính phủ yêu cầu ...", the page titled by that document
    (_dated_ground): the body speaking right after it issued it (a numbered one's code may name another author)."""
    sp = _res()["ground_speaker"].search(st.work, lead.m.end(), lead.verb[1])
    found = organ(sp.group("who")) if sp and sp.span("verb") == tuple(lead.verb) else None
    if found and "issuer" not in lead.values:
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(sp.start("who"), sp.end("who"))


def _read_direction(st: SourceText, lead: _Lead) -> None:
    """"Đó là chỉ đạo của X đối với Y tại <document>": X issued it, Y are its recipients."""
    d = _res()["direction_lead"].match(st.work[lead.s0:lead.m.start()])   # "^": the sentence's start
    if d is None:
        return
    found = organ(d.group("who"))
    if found and "issuer" not in lead.values:
        lead.values["issuer"], lead.values["acting"] = found[1], found[0]
        lead.evidence["issuer"] = st.span(lead.s0 + d.start("who"), lead.s0 + d.end("who"))
    if d.group("to") and not lead.recipients:
        lead.recipients = _split_recipients(st, lead.s0 + d.start("to"), lead.s0 + d.end("to"))


def _generic(written: str) -> bool:
    """A type word that names no type ("văn bản"): the symbol alone can tell the type."""
    return H.bare_key(written) in {H.bare_key(w) for w in phrases("generic_type")}


def _read_passive(st: SourceText, lead: _Lead) -> None:
    """After the tails: "… vừa được đồng chí X, Bí thư Thành ủy ký ban hành ngày 01/9/2021"."""
    work = st.work
    agent0 = tail_end(work, lead.m.end(), lead.s1)
    pv = _res()["passive"].match(work, agent0, lead.s1)
    if not pv or not _agent_ok(pv):
        return
    if pv.group("agent") and "signer" not in lead.values:
        person = _person(st, pv.start("agent"), pv.end("agent"))
        if person:   # "Kế hoạch do Phó Chủ tịch UBND tỉnh Lê Văn Tám ký ban hành": the signer's body issues
            _read_signer(st, lead, person)
    if pv.group("agent") and "issuer" not in lead.values and "signer" not in lead.values:
        found = organ(pv.group("agent"))   # "Công văn số 822/UBND-KTN vừa được UBND tỉnh ban hành"
        if found:
            lead.values["issuer"], lead.values["acting"] = found[1], found[0]
            lead.evidence["issuer"] = st.span(pv.start("agent"), pv.end("agent"))
    d = _res()["date"].match(work, pv.end(), lead.s1)
    if d and "date" not in lead.values:
        _set_date(st, lead, d)


# --- the reported document ----------------------------------------------------------------------

def find_reported(st: SourceText, start: int = 0, end: int | None = None) -> Reported | None:
    """The document the press text in work[start:end] reports, or None when no sentence reports one."""
    work = st.work
    end = len(work) if end is None else end
    motto = _res()["motto"].search(work, start, end)
    lead_end = motto.start() if motto else end      # an original's header starts its own text
    mentions = list(_res()["mention"].finditer(work, start, lead_end))
    for m in mentions:
        s0, s1 = _sentence(work, m.start(), start, end)
        verb = _is_reported(work, m, s0, s1)
        if verb is None or verb == (m.start(), m.start()) and _tag_heading(work, m, s1, mentions, start, end):
            continue
        lead = _read_lead(st, m, s0, s1, verb)
        lead = _issuing_document(st, lead, mentions, start, end) or lead
        same = _merge_mentions(st, lead, mentions, start, end)
        original = motto.start() if motto is not None and motto.start() > m.start() else None
        return _reported(st, lead, same, original, end)
    return None


def _tag_heading(work: str, m: re.Match, s1: int, mentions: list[re.Match], start: int, end: int) -> bool:
    """A line of the document's type and number alone ("Chỉ thị số 47-CT/TW", a portal's tag page) whose document the
    text below only cites ("... Hội nghị sơ kết thực hiện Chỉ thị số 47-CT/TW của Ban Bí thư"): a tag, no page title;
    a text that reports the same number below ("Ban Bí thư ban hành Chỉ thị số 47-CT/TW") keeps it."""
    number = m.group("num") or m.group("sym")
    if work[m.end():s1].strip() or not number:
        return False
    key = H.bare_key(H.normalize_number(number))
    same = [o for o in mentions if o.start() >= s1 and (o.group("num") or o.group("sym"))
            and H.bare_key(H.normalize_number(o.group("num") or o.group("sym"))) == key]
    return bool(same) and all(_is_reported(work, o, *_sentence(work, o.start(), start, end)) is None for o in same)


def _issuing_document(st: SourceText, lead: _Lead, mentions: list[re.Match], start: int, end: int) -> _Lead | None:
    """A headline's document of no number ("Ban hành Quy chế tiếp dân") issued by the numbered document the next
    reported mention names ("... đã có Quyết định số 1518-QĐ/TU về việc ban hành Quy chế tiếp dân"): that one is
    reported."""
    work = st.work
    if lead.values.get("number") or not _headline(work, lead):
        return None
    for m in mentions:
        if m.start() < lead.s1 or not (m.group("num") or m.group("sym")):
            continue
        s0, s1 = _sentence(work, m.start(), start, end)
        verb = _is_reported(work, m, s0, s1)
        if verb is None:
            continue
        sub = _read_lead(st, m, s0, s1, verb)
        subject = str(sub.values.get("subject") or "")
        return sub if H.bare_key(lead.m.group("type")) in H.bare_key(subject) else None
    return None


def _merge_mentions(st: SourceText, lead: _Lead, mentions: list[re.Match], start: int,
                    end: int) -> list[Span]:
    """Other mentions of the same document (same type; same number or none) that are not citations:
    they complete a missing date, issuer or subject ("Chỉ thị của Ban Thường vụ Tỉnh ủy Đắk Lắk về
    việc …" as a page title)."""
    work = st.work
    out = [st.span(lead.m.start(), lead.m.end())]
    _name_generic(st, lead, mentions, start, end)
    doc_type, number = lead.values.get("doc_type"), lead.values.get("number")
    names, aliases = _type_names()
    for m in mentions:
        if m is lead.m:
            continue
        written = m.group("type")
        if (aliases.get(written) or names.get(H.bare_key(written))) != doc_type:
            continue
        other = m.group("num") or m.group("sym")
        if other and number and H.bare_key(H.normalize_number(other)) != H.bare_key(number):
            continue
        if not other and author_follows(work, m.end()):
            continue   # "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I": the congress's resolution, cited
        s0, s1 = _sentence(work, m.start(), start, end)
        before = work[s0:m.start()]
        if _res()["plural"].search(before) or (_res()["cited"].search(before) and not (other and number)):
            continue
        if other and not number and (_res()["at_cited"].search(before) or _at_list_item(before)):
            continue   # "... chỉ đạo của UBND thành phố tại công văn số 3724 (và ...)": a document cited, not this one
        sent = not other and bool(_res()["recipients"].match(work, m.end(), s1))   # "Công điện được gửi tới X"
        if not other and number and not _res()["of"].match(work, m.end(), s1) \
                and not _res()["subject_about"].match(work, m.end(), s1) and not sent:
            continue   # "triển khai tổ chức thực hiện Chỉ thị nhằm …": an anaphora, nothing to read
        verb = _is_reported(work, m, s0, s1)
        # "X đã ký gửi Công điện số N đến các Bộ": the sending verb lets its tail read "đến" as the recipients
        sent_by = verb if verb is not None and verb[0] < m.start() and _res()["send_verb"].search(work, *verb) else None
        sub = _Lead(m, s0, s1, sent_by)
        _read_tails(st, sub, m.end(), s1)
        sub.verb = None
        if verb is not None and verb[0] < m.start():
            # a headline first, then "Ngày 07/12/2023, X đã ban hành Chỉ thị số 35": that sentence's dateline
            sub.verb = verb
            _read_head(st, sub)
        if other and not number:  # "ban hành quy định mới ..." then "Quy định 377 của Bộ Chính trị ...": its number
            if written in aliases and lead.m.group("type") not in aliases:
                continue   # "vừa có công văn ..." then "... và Văn bản số 614/UBND-VX1": a generic word, another document
            coded = H.type_from_number(H.normalize_number(other))
            if not _same_issuer(lead, sub) or (coded and coded != doc_type):
                continue   # another issuer's, or a symbol of another type ("kết luận số 29-TB/TU": a Thông báo)
            number = lead.values["number"] = H.normalize_number(other)
            lead.evidence["number"] = st.span(m.start("num") if m.group("num") else m.start("sym"), m.end())
        if other:
            _signed_on_behalf(st, lead, m, s0, s1)
        if (sub.verb is not None or sent) and sub.recipients and not lead.recipients:
            # a headline first, then "X vừa có công văn ... gửi Y"; "Công điện được gửi tới Y": its addressees
            lead.recipients = sub.recipients
        if sub.verb is not None and "subject" in sub.values and _headline(work, lead):
            # a headline shortens the subject; the sentence reporting the document writes it whole
            lead.values["subject"], lead.evidence["subject"] = sub.values["subject"], sub.evidence["subject"]
        if sub.verb is not None and "signer" in sub.values and "signer" not in lead.values and _headline(work, lead):
            # a headline first, then "Sáng 26/7, Chủ tịch UBND thành phố X đã ký ban hành Công điện khẩn ...": its signer
            lead.values["signer"] = sub.values["signer"]
        titled = not work[work.rfind("\n", 0, m.start()) + 1: m.start()].strip()
        for key in ("date", "issuer") if titled else ("date", "issuer", "subject"):
            # a page title's subject is read whole by header.title_subject
            if key not in lead.values and key in sub.values:
                lead.values[key] = sub.values[key]
                if key == "issuer":
                    lead.values["acting"] = sub.values.get("acting")
                lead.evidence[key] = sub.evidence[key]
        out.append(st.span(m.start(), m.end()))
    return out


def _at_list_item(before: str) -> bool:
    """The mention is a "và" item after "tại" ("... tại Công văn số 969 ... và <mention>"): cited as the first is."""
    m = at_then_and().search(before)
    return bool(m) and m.end() == len(before)


def _name_generic(st: SourceText, lead: _Lead, mentions: list[re.Match], start: int, end: int) -> None:
    """"X vừa ký văn bản về ... . Theo Công văn số 460-CV/TU, ...": a lead of no stated type and no
    number takes both from a numbered mention opening the very next sentence (of no other issuer); its type
    alone from the next sentence's "toàn văn <type>" (the page presenting it in full)."""
    if lead.values.get("doc_type") or lead.values.get("number"):
        return
    work = st.work
    names, aliases = _type_names()
    for m in mentions:
        if m.start() <= lead.m.start():
            continue
        s0, s1 = _sentence(work, m.start(), start, end)
        if work[lead.s1:s0].strip():
            return   # only the next sentence names it
        other, written = m.group("num") or m.group("sym"), m.group("type")
        typed = aliases.get(written) or names.get(H.bare_key(written))
        if not other and typed and not _generic(written) and self_reference(work, m.start()):
            lead.values["doc_type"] = typed   # "... vừa có văn bản thông báo ... . Báo X giới thiệu toàn văn Thông báo:"
            lead.evidence["doc_type"] = st.span(m.start("type"), m.end("type"))
            return
        if not other or _generic(written) or _res()["plural"].search(work, s0, m.start()):
            continue
        if (m.start() < lead.s1 and _res()["cited"].search(work, s0, m.start())) or _res()["at_cited"].search(work, s0, m.start()):
            continue   # "X vừa có văn bản đề nghị ... thực hiện nghiêm Chỉ thị số 02", "... của Bộ Y tế tại Công văn số 5": cited
        sub = _Lead(m, s0, s1, None)
        _read_tails(st, sub, m.end(), s1)
        if not _same_issuer(lead, sub):
            return
        lead.values["doc_type"], lead.values["number"] = typed, H.normalize_number(other)
        lead.evidence["doc_type"] = st.span(m.start("type"), m.end("type"))
        lead.evidence["number"] = st.span(m.start("num") if m.group("num") else m.start("sym"), m.end())
        return


def _headline(work: str, lead: _Lead) -> bool:
    """The lead is a line of its own with no sentence end: a headline, not a sentence."""
    line = work[lead.s0:lead.s1].rstrip()
    return bool(line) and line[-1] not in ".!?…:;" and work[lead.s1:lead.s1 + 1] in ("\n", "")


def _same_issuer(lead: _Lead, sub: _Lead) -> bool:
    """Both name the same issuer (a mention naming none is one of the lead's; a name read on into the
    next word, "của Bộ Chính trị quy định, ...", still names it)."""
    a, b = lead.values.get("issuer"), sub.values.get("issuer")
    if a is None or b is None:
        return True
    if H.bare_key(a.name) == H.bare_key(b.name):
        return True
    a, b = " ".join(a.name.casefold().split()), " ".join(b.name.casefold().split())
    return b.startswith(a + " ") or a.startswith(b + " ")


def _signed_on_behalf(st: SourceText, lead: _Lead, m: re.Match, s0: int, s1: int) -> None:
    """The same number reported again with who signed it and for whom ("Thường trực Ban Bí thư ký ban
    hành Kết luận số 185-KL/TW ... Thay mặt Bộ Chính trị, Thường trực Ban Bí thư Lê Văn Tám ký ban hành
    Kết luận số 185-KL/TW"): the signer the lead lacks; "thay mặt X" names the issuer, above a post's body."""
    verb = _is_reported(st.work, m, s0, s1)
    if verb is None or verb[0] > m.start() or "authority" in lead.values:
        return
    sub = _Lead(m, s0, s1, verb)
    _read_head(st, sub)
    if "authority" in sub.values:
        lead.values["authority"] = sub.values["authority"]
        lead.evidence["signer.authority"] = sub.evidence["signer.authority"]
        if "issuer" in sub.values:
            lead.values["issuer"], lead.values["acting"] = sub.values["issuer"], sub.values.get("acting")
            lead.evidence["issuer"] = sub.evidence["issuer"]
    if "signer" in sub.values and "signer" not in lead.values:
        lead.values["signer"] = sub.values["signer"]


def _directed_recipients(st: SourceText, lead: _Lead, end: int) -> list[Span]:
    """The recipients a press report implies when it names none after "gửi": the committees that the
    reported document ("Công văn số 2472-CV/TU chỉ đạo các huyện ủy, ...") or its issuer ("Thường trực
    Thành ủy yêu cầu các quận ủy, ...") directs first; classes as written, one entry."""
    work = st.work
    tail = tail_end(work, lead.m.end(), lead.s1)
    issuer: H.Organ | None = lead.values.get("issuer")
    for verb, s, e in directed_committees(work, lead.s0, end):
        if lead.s0 <= verb <= lead.s1 and not work[tail:verb].strip(" ,"):
            return [st.span(s, e)]   # right after the reported document's mention
        clause = _last_clause(work[max(lead.s0, work.rfind("\n", 0, verb) + 1):verb])
        found = organ(_undated(clause))
        if found is not None and (issuer is None or found[1].keyword == issuer.keyword):
            return [st.span(s, e)]
    return []


def _reported(st: SourceText, lead: _Lead, mentions: list[Span], original: int | None, end: int) -> Reported:
    v = lead.values
    if not lead.recipients:
        lead.recipients = _directed_recipients(st, lead, end)
    signer = None
    person: _Person | None = v.get("signer")
    if person or v.get("authority"):
        signer = Signer(name=person.name.quote if person else None,
                        role=st.value(person.role.start, person.role.end) if person and person.role else None,
                        authority=v.get("authority"))
        if person:
            lead.evidence["signer.name"] = person.name
            if person.role:
                lead.evidence["signer.role"] = person.role
    cue = lead.verb if lead.verb[1] > lead.verb[0] else (lead.m.start(), lead.m.end())
    lead.evidence["text_kind"] = st.span(*cue)
    cued = st.work[lead.verb[1] - 1:lead.verb[1]] == ":" or (   # "Công điện nêu rõ: ...": its words follow the cue,
        lead.verb[0] == lead.m.end() and _res()["cue_colon"].fullmatch(st.work, *lead.verb))   # also without ":"
    quote_start = original if original is not None else lead.verb[1] if cued else (_quoted(st.work, lead.s1, end) or _cue_ends(st.work, lead.m.end(), lead.s1, end))
    kind = QUOTE if quote_start is not None else PRESS
    return Reported(
        kind=kind, doc_type=v.get("doc_type"), number=v.get("number"), date=v.get("date"),
        issuer=v.get("issuer"), acting=v.get("acting"), subject=v.get("subject"), urgency=v.get("urgency"),
        signer=signer, recipients=tuple(lead.recipients), mentions=tuple(mentions),
        lead=st.span(lead.s0, lead.s1), quote_start=quote_start, evidence=dict(lead.evidence),
        warnings=tuple(lead.warnings), title_line=lead.verb == (lead.m.start(), lead.m.start()),
    )


@lru_cache(maxsize=1)
def _own_by_verb_re() -> re.Pattern:
    # "<body> <type verb> ... như sau:" opening a line or after a comma (", Bộ X hướng dẫn ..., cụ thể như sau:", a
    # sentence a PDF's lines wrap), nothing after the colon
    return re.compile(rf"(?:^[ \t]*|,[ \t]+)(?P<body>[^\W\d_][^\n,;:.]{{2,120}}?)\s+(?P<verb>(?i:{_alt('type_verb')}))"
                      rf"(?!\w)[^:;.!?]{{0,400}}?\s(?:{_alt('as_follows')})\s*:[ \t]*$", re.M)


def own_by_verb(st: SourceText, start: int, end: int) -> tuple[str, H.Organ, Span] | None:
    """"Ban Tuyên giáo Trung ương hướng dẫn tuyên truyền ... như sau:" ending a line: the page is that
    body's own unnumbered document, of the type its verb names (press_phrases type_verb) -> (type, issuer, span)."""
    types = dict(vocabulary()["type_verb"])
    m = _own_by_verb_re().search(st.work, start, end)
    while m:
        found = organ(m.group("body"))
        if found is not None:
            return types[m.group("verb").lower()], found[1], st.span(m.start("body"), m.end("verb"))
        # "Thực hiện Hướng dẫn số 52-HD/BTGTU ..., Ban Tuyên giáo Huyện ủy hướng dẫn ... như sau:": a cited type word
        # read as the verb is no body's; the body after the next comma of the same line is tried
        m = _own_by_verb_re().search(st.work, m.start() + 1, end)
    return None


@lru_cache(maxsize=1)
def _own_by_cue_re() -> re.Pattern:
    # a sentence opening with a type word alone, then a cue (press_phrases type_cue): "Chỉ thị nêu rõ, ...", after a
    # connective too ("Đặc biệt, Thông tri nêu rõ: ...": body_phrases lead_in)
    names = [r["name_vi"] for r in table("doc_types")]
    lead_in = alternation(t for t, _ in patterns("body_phrases.csv").get("lead_in", ()))
    return re.compile(rf"(?:^|(?<=[.!?])[ \t]+)(?:(?:{lead_in}),[ \t]*)?(?P<type>{alternation(names)})\s+"
                      rf"(?:{_alt('type_cue')})\s*[,:]", re.M)


@lru_cache(maxsize=1)
def _quote_tail_re() -> tuple[re.Pattern, dict[str, str]]:
    # a quotation closed, then whose words they were: "“Các trường học triển khai ...” - công điện nêu rõ"
    # (press_phrases type_cue): the page's own document, named by its type word alone
    names = {r["name_vi"].lower(): r["name_vi"] for r in table("doc_types")}
    return re.compile(rf"[”\"][ \t]*[-–][ \t]*(?P<type>(?i:{alternation(names)}))[ \t]+(?:{_alt('type_cue')})(?![^\W_])"), names


@lru_cache(maxsize=1)
def _attached_re() -> tuple[re.Pattern, dict[str, str]]:
    # a line linking to the page's own document: "Xem chi tiết công văn đính kèm", "Nội dung công văn Ban Tuyên giáo
    # Tỉnh ủy: click xem tại đây" (press_phrases attached_lead, attached_tail)
    names = {r["name_vi"].lower(): r["name_vi"] for r in table("doc_types")}
    return re.compile(rf"^[ \t]*(?:{_alt('attached_lead')})\s+(?P<type>(?i:{alternation(names)}))(?![^\W_])"
                      rf"[^\n.]{{0,80}}?(?<![^\W_])(?:{_alt('attached_tail')})(?![^\W_])", re.M), names


def own_by_cue(st: SourceText, start: int, end: int) -> tuple[str, Span] | None:
    """"Chỉ thị nêu rõ, ..." opening a sentence, or a line linking to the document ("Xem chi tiết công văn đính
    kèm"): the page's own unnumbered document, named by its type word alone -> (type, span of the word)."""
    m = _own_by_cue_re().search(st.work, start, end)
    if m:
        return m.group("type"), st.span(m.start("type"), m.end("type"))
    for rx, names in (_attached_re(), _quote_tail_re()):
        m = rx.search(st.work, start, end)
        if m:
            return names[m.group("type").lower()], st.span(m.start("type"), m.end("type"))
    return None


def _quoted(work: str, pos: int, end: int) -> int | None:
    """Where the original's words begin after a quotation cue ("toàn văn", "Công văn nêu rõ"), when
    they follow (not a link to them)."""
    for m in _res()["quote_cue"].finditer(work, pos, end):
        if len(re.sub(r"\s", "", work[m.end():end])) >= 150:
            return m.end()
    return None


def _cue_ends(work: str, pos: int, s1: int, end: int) -> int | None:
    """A quotation cue on the lead sentence's last hard-wrapped line ("... ban hành Kế hoạch triển\nkhai như sau:"): the
    original's words follow it, as after a sentence of its own."""
    wrap = work.rfind("\n", pos, max(pos, s1 - 1))
    return _quoted(work, wrap, end) if wrap >= 0 else None


def quotation_cue(st: SourceText, end: int) -> Span | None:
    """A press lead announcing the original that follows ("Báo … trân trọng giới thiệu toàn văn"),
    in the text before an original's header at ``end``."""
    m = None
    for m in _res()["quote_cue"].finditer(st.work, 0, end):
        pass
    return st.span(m.start(), m.end()) if m else None


def locality_in_text(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A body written without its place ("Ban Thường vụ Thành ủy yêu cầu") completed from the one
    place the same text gives it ("Theo Thành ủy Đà Nẵng, …"); None when no place or several."""
    if not organ_.open_unit:
        return None
    found: dict[tuple, H.Organ] = {}
    for m in _locality_re(organ_.keyword).finditer(st.work):
        words_ = m.group(0).split()
        for k in range(len(words_), 1, -1):
            body = H.body_in_text(" ".join(words_[:k]))
            if body and body[1].keyword == organ_.keyword and (organ_.level is None or body[1].level in (organ_.level, None)) and (
                    H.lookup_province(body[1].province or "") or H.lookup_district(body[1].district or "")
                    or _named_commune(organ_, body[1])):
                found[(body[1].province, body[1].district, body[1].locality_phrase)] = body[1]
                break
    if not found and organ_.keyword in G.words("committee_word"):
        return _committee_placed_by_unit(st, organ_)
    return next(iter(found.values())) if len(found) == 1 else None


def _committee_placed_by_unit(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """"Tỉnh ủy" placed by its party unit named with its place ("Đại hội Đảng bộ tỉnh Lào Cai"): the unit's
    committee is that place's."""
    unit = H.body_in_text(G.words("party_unit")[0])   # the keyword of a party unit's body ("Đảng bộ")
    placed = locality_in_text(st, replace(unit[1], level=organ_.level, open_unit=organ_.open_unit)) if unit else None
    if placed is None:
        return None
    return H.with_locality(organ_, placed.province, placed.province_kind, placed.district, placed.district_kind)


@lru_cache(maxsize=256)
def _locality_re(keyword: str) -> re.Pattern:
    """locality_in_text's pattern of an organ keyword and a place after it: built once a keyword, not per call."""
    unit = rf"(?:\s+(?i:{alternation(H.spellings('unit'))})(?!\w))?"   # "Đảng bộ tỉnh Tuyên Quang"
    return re.compile(rf"(?<!\w){re.escape(keyword)}{unit}(?:\s+[{H.UPPER}][\w.]*){{1,4}}")


def _named_commune(organ_: H.Organ, body: H.Organ) -> bool:
    """"Đảng ủy phường" and "Đảng ủy phường Hương Xuân" in one text: the ward's name places it (communes
    are in no place table)."""
    return organ_.open_unit == "commune" and body.level == "commune" and not body.open_unit \
        and body.name.startswith(organ_.name + " ")


def commune_in_text(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A commune's body written without its place ("Đảng ủy phường đã chỉ đạo ...") placed in the one commune of
    its kind the text names, whatever body it names there ("Đảng bộ phường Thuận An", "UBND phường Thuận An");
    None when it names none or several."""
    kind = organ_.name[len(organ_.keyword):].strip()
    if organ_.open_unit != "commune" or not kind:
        return None
    places = set()
    for m in re.finditer(rf"(?<!\w){re.escape(kind)}((?:\s+[{H.UPPER}]\w*)+)", st.work):
        words_ = list(itertools.takewhile(lambda w: w[1:].islower(), m.group(1).split()))   # "Thuận An", not "TPHCM"
        if words_:
            places.add(" ".join(words_))
    if len(places) != 1:
        return None
    body = H.body_in_text(f"{organ_.name} {places.pop()}")
    return body[1] if body and body[1].keyword == organ_.keyword and not body[1].open_unit else None


def committee_in_text(st: SourceText, name: str) -> str | None:
    """A committee cited by its keyword alone ("Kế hoạch số 01-KH/ĐU ... của Đảng ủy", "của Quận ủy") on a page of no
    issuer: the one body of that keyword the text names with its place ("Thường trực Đảng ủy phường Bạch Mai", "Quận
    ủy Sơn Trà"); None when it names none or several."""
    found = H.body_in_text(name)
    if found is None or found[1].name != found[1].keyword or refdata.fold(found[1].name) != refdata.fold(name):
        return None   # the keyword alone: not "Ban Thường vụ Đảng ủy", nor a longer name read by its first words
    kinds = alternation([*G.words("commune_kind"), *H.spellings("unit")])
    places = set()
    for m in re.finditer(rf"(?<!\w){re.escape(found[1].keyword)}(?:\s+(?:{kinds}))?((?:\s+[{H.UPPER}]\w*)+)", st.work):
        words_ = list(itertools.takewhile(lambda w: w[1:].islower(), m.group(1).split()))   # "Bạch Mai", not "TPHCM"
        named = H.body_in_text(m.group(0)[:m.start(1) - m.start()] + " " + " ".join(words_)) if words_ else None
        if named and named[1].keyword == found[1].keyword and not named[1].open_unit and named[1].level:
            places.add(named[1].name)
    return places.pop() if len(places) == 1 else None


def province_of_districts(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A province's committee written without its place ("Ban Thường vụ Tỉnh ủy yêu cầu Ban Thường vụ
    các huyện ủy, thị ủy, Thành ủy Huế ...") placed in the one province of the district committees the
    text names; None when it names none, or districts of several provinces."""
    if organ_.open_unit != "province":
        return None
    provinces = set()
    for m in _district_committee_re().finditer(st.work):
        words_ = m.group(0).split()
        for k in range(len(words_), 1, -1):
            body = H.body_in_text(" ".join(words_[:k]))
            if body and body[1].level == "district" and body[1].province:
                provinces.add(body[1].province)
                break
    if len(provinces) != 1:
        return None
    found = H.body_in_text(f"{organ_.name} {provinces.pop()}")
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None


def city_of_quarters(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A city's committee written without its place ("Ban Thường vụ Thành ủy yêu cầu ... các Quận ủy, Huyện ủy") in a
    text naming its quận (city_district_kind): a centrally-run city's, province level; its name stays as written."""
    if organ_.open_unit != "city" or organ_.level or not _quarter_re().search(st.work):
        return None
    return replace(organ_, level="province")


@lru_cache(maxsize=1)
def _quarter_re() -> re.Pattern:
    # "các Quận ủy", "quận ủy", "các quận, huyện"; "Quận 1" alone may be read in a quoted address
    # ... "UBND quận, huyện", "Ủy ban nhân dân các quận": a unit's organ (header_markers organ, level unit) of a quận
    committees = sorted({u.committee for u in refdata.admin_units().districts
                         if re.fullmatch(G.piece("city_district_kind"), u.kind)})
    organs = sorted({r["value"] for r in H.markers("organ") if r["level"] == "unit"})
    return re.compile(rf"(?<!\w)(?:(?i:{alternation(committees)})|{G.piece('plural')}\s+{G.piece('city_district_kind')}"
                      rf"|(?i:{alternation(organs)})\s+(?:{G.piece('plural')}\s+)?{G.piece('city_district_kind')})(?!\w)")


@lru_cache(maxsize=1)
def _district_committee_re() -> re.Pattern:
    keywords = sorted({r["district_committee"] for r in table("admin_units_2020")})
    return re.compile(rf"(?<!\w)(?:{alternation(keywords)})(?:\s+[{H.UPPER}][\w.]*){{1,4}}")


def province_of_lead(st: SourceText, organ_: H.Organ, rep: Reported | None) -> H.Organ | None:
    """A province's body written without its place under a lead whose subject is the province's bare name ("Thanh
    Hóa vừa ban hành văn bản số 17 do Phó Chủ tịch UBND tỉnh ... ký"): the press names the province for its organ."""
    if organ_.open_unit != "province" or rep is None or rep.lead is None:
        return None
    m = re.match(rf"((?:[{H.UPPER}][\w-]*\s+){{1,3}})(?=[^\W\d{H.UPPER}])", st.work[rep.lead.start:rep.lead.end])
    words_ = m.group(1).split() if m else []
    place = H.lookup_province(" ".join(words_)) if words_ else None
    if place is None:
        return None
    found = H.body_in_text(f"{organ_.name} {place[0]}")
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None


def province_named(st: SourceText, start: int = 0, end: int | None = None) -> tuple[str, str] | None:
    """(province, kind) of the one province a text (or its start:end) names by its kind ("Tại tỉnh Quảng Trị, ...",
    "của tỉnh Ninh Thuận"); None when it names none or several. For a page of no issuer: its bare "Tỉnh ủy", "UBND
    tỉnh" are there."""
    return _one_place(_province_named_re(), H.lookup_province, st.work, start, end)


def district_named(st: SourceText) -> tuple[str, str, str, str | None] | None:
    """(province, province kind, district, district kind) of the one district a text names by its kind or its committee
    ("Huyện ủy Bố Trạch", "quận Sơn Trà"); None when it names none or several. For a page of no issuer: its bare
    "Tỉnh ủy", "Quận ủy" are that district's and its province's."""
    found = _one_place(_district_named_re(), H.lookup_district, st.work)
    if found is None:
        return None
    district, kind, province = found
    pk = H.lookup_province(province)
    return province, pk[1] if pk else None, district, kind


def _one_place(pattern: re.Pattern, lookup, work: str, start: int = 0, end: int | None = None):
    """The one place the matches of ``pattern`` in ``work`` (or its start:end) name (the longest run of their "name"
    words ``lookup`` knows); None when they name none or several."""
    found = set()
    for m in pattern.finditer(work, start, len(work) if end is None else end):
        words_ = m.group("name").split()
        place = next(filter(None, (lookup(" ".join(words_[:k])) for k in range(len(words_), 0, -1))), None)
        if place:
            found.add(place)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _district_named_re() -> re.Pattern:
    # "thành phố X" may be a province: the other kinds only, or their committees ("Huyện ủy", "Quận ủy", "Thị ủy")
    kinds = [k for k in G.words("district_kind") if k not in G.words("province_kind")]
    committees = [w for w in G.words("committee_word") if not w.lower().startswith(("tỉnh", "thành"))]
    return re.compile(rf"(?<!\w)(?i:{alternation(kinds + committees)})(?P<name>(?:\s+[{H.UPPER}][\w-]*){{1,3}})")


@lru_cache(maxsize=1)
def _province_named_re() -> re.Pattern:
    # the lower-case kind word "tỉnh" only: "thành phố X" may be a district's city
    return re.compile(rf"(?<!\w){re.escape(G.words('province_kind')[0])}(?P<name>(?:\s+[{H.UPPER}][\w-]*){{1,3}})")


def province_of_named(st: SourceText, organ_: H.Organ, subject: Span | None) -> H.Organ | None:
    """A province's committee written without its place, reporting a document whose subject names one province by its
    kind ("Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về phát triển kinh tế tư nhân tỉnh Ninh Bình"): placed there
    (province_named); a province named elsewhere may be another's ("kết nghĩa hai tỉnh ..."), and one named in a
    document the subject cites ("... thực hiện Nghị quyết số 39-NQ/TW ... về phát triển tỉnh Nghệ An") is that one's."""
    if organ_.open_unit != "province" or subject is None:
        return None
    cited = _NUMBER_IN_SUBJECT.search(st.work, subject.start, subject.end)
    named = province_named(st, subject.start, cited.start() if cited else subject.end)
    found = H.body_in_text(f"{organ_.name} {named[0]}") if named else None
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None


def in_named_province(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A province's organ written without its place ("UBND tỉnh đã ban hành Kế hoạch ...") in a text that names one
    province only, by its kind, again and again ("ngày thành lập tỉnh Đắk Lắk", "con người tỉnh Đắk Lắk"): placed in
    that province. Named once, the province may be another one the text speaks of ("kết nghĩa hai tỉnh Quảng Nam –
    Thanh Hóa"): the organ stays as written (shared party_007)."""
    named = province_named(st) if organ_.open_unit == "province" else None
    if named and sum(1 for _ in _province_named_re().finditer(st.work)) < 2:
        named = None
    found = H.body_in_text(f"{organ_.name} {named[0]}") if named else None
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None


# "số 39-NQ/TW", "39-NQ/TW": a numbered document named inside a subject
_NUMBER_IN_SUBJECT = re.compile(rf"(?<![^\W_])(?:(?i:{G.piece('number_word')})\s+\d|\d+\s*[-/]\s*[{H.UPPER}])")


@lru_cache(maxsize=1)
def _outlet_sites() -> dict[str, str]:
    """"phutho" -> "Phú Thọ": a province's name as a provincial paper's site spells it (no marks, no spaces)."""
    return {re.sub(r"[\W_]", "", refdata.loose(n)): p.name
            for p in refdata.admin_units().provinces for n in (p.name, *p.aliases)}


def province_of_outlet(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A province's committee written without its place under a provincial paper's tag ("(baophutho.vn) - ...",
    "(Baoquangngai.vn)"): the paper (press_name rows, folded) names its province."""
    if organ_.open_unit != "province":
        return None
    papers = alternation(re.sub(r"[\W_]", "", refdata.loose(p)) for p in phrases("press_name"))
    provinces = {_outlet_sites().get(m.group(1).lower()) for m in
                 re.finditer(rf"\((?i:{papers})([a-z]+)\.(?i:com\.vn|org\.vn|vn)\)", st.work)} - {None}
    found = H.body_in_text(f"{organ_.name} {provinces.pop()}") if len(provinces) == 1 else None
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None


def province_of_press(st: SourceText, organ_: H.Organ) -> H.Organ | None:
    """A province's committee written without its place, in a text of a provincial newspaper that names
    itself ("Báo Ninh Thuận trân trọng giới thiệu ..."): placed in that one province."""
    if organ_.open_unit != "province":
        return None
    pattern = re.compile(rf"(?<!\w)(?:{alternation(phrases('press_name'))})((?:\s+[{H.UPPER}][\w-]*){{1,3}})")
    provinces = set()
    for m in pattern.finditer(st.work):
        words_ = m.group(1).split()
        place = next((H.lookup_province(" ".join(words_[:k])) for k in range(len(words_), 0, -1)
                      if H.lookup_province(" ".join(words_[:k]))), None)
        if place:
            provinces.add(place[0])
    if len(provinces) != 1:
        return None
    found = H.body_in_text(f"{organ_.name} {provinces.pop()}")
    return found[1] if found and found[1].level == "province" and not found[1].open_unit else None

