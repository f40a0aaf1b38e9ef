"""Facts named in running text: the organ speaking ("Ban Thường vụ Tỉnh ủy yêu cầu"), the body
that issues a Chỉ thị ("Chủ tịch UBND tỉnh Chỉ thị:"), a page title naming the document. (The
document a press text reports is read by ``loaders.prose``.)"""
from __future__ import annotations

import re
from itertools import chain
from dataclasses import dataclass
from functools import lru_cache

from loaders.header_layout import cells, is_blank
from loaders.header_organs import Organ, body_in_text, body_name_re, leading_body
from loaders import grammar as G
from loaders.grammar import alternation
from loaders.header_vocab import markers, spellings
from loaders import refdata
from loaders.records import Span
from loaders.refdata import table
from loaders.text import SourceText


@dataclass(frozen=True)
class Acting:
    acting: str | None      # "Ban Thường vụ"
    organ: Organ            # the committee / body: "Tỉnh ủy" (+ locality when written)
    span: Span
    joint: Organ | None = None   # "Bộ Chính trị, Ban Bí thư yêu cầu": the body named with it (Ban Bí thư)
    opinion: bool = False        # "Phó Chủ tịch UBND tỉnh có ý kiến như sau": a leader's opinion, conveyed by the letter


def _menu_lines(words: str) -> bool:
    """A body's whole name on one line and a capitalised line after it: two lines of a menu, not one name."""
    nl = words.find("\n")
    return nl > 0 and words[nl + 1:].strip()[:1].isupper() and body_in_text(words[:nl]) is not None


_NUMBERED_AFTER = re.compile(G.expand(r"\s*%(type_word)s\s+%(number_word)s\s*:?\s*\d"))   # "... số 749/QĐ-TTg"


def find_acting(st: SourceText, start: int, end: int, with_prefix: bool, letter: bool = False) -> Acting | None:
    """The first "<body> yêu cầu / đã chỉ đạo / thông báo" of the text (the organ speaking); ``letter``: the page is
    addressed ("Kính gửi: ..."), so "Thủ tướng đã ban hành Quyết định số 749/QĐ-TTg" tells its basis, not who writes."""
    # failing all else, a post holder's second post before the verb
    for m in chain(_acting_re().finditer(st.work, start, end), _acting_re(True).finditer(st.work, start, end)):
        if not m.group(0)[:1].isupper() or (with_prefix and not m.group("acting")):
            continue
        if m.group("second") and not re.match(rf"(?:{_posts()})\s", m.group("organ")):
            continue   # a post after a body, not after a post's body ("Chủ tịch UBND tỉnh, Trưởng Ban ...")
        if letter and _issued_verb().search(st.work[m.end("rest"):m.end()].strip()) and _NUMBERED_AFTER.match(st.work, m.end()):
            continue
        post = _after_post().search(st.work, max(start, m.start() - 40), m.start())
        if post:
            held = _qualified_post(st, post.start(), m)
            if held:
                return held
            continue   # "Phó Bí thư Thường trực Thị ủy yêu cầu": a person speaking, not the organ
        if _last_post_of_person().search(st.work, max(start, m.start() - 250), m.start()):
            continue   # "Đồng chí A, Bí thư Đảng ủy, Chủ tịch HĐND phường X yêu cầu": the last of a person's posts
        if _after_advice().search(st.work, max(start, m.start() - 80), m.start()):
            continue   # "X tham mưu cho Tỉnh ủy, UBND tỉnh chỉ đạo ...": the advised body acts in X's sentence
        if _after_cited().search(st.work, max(start, m.start() - 200), m.start()):
            continue   # "Tại Kết luận 169-KL/TW, Bộ Chính trị giao ...": the cited document's author speaking
        verb = st.work[m.end("rest"):m.end()].strip()
        if _verb_kind(verb, "assign") and _after_passive().search(st.work, max(start, m.start() - 12), m.start()):
            continue   # "X là đơn vị được Quận ủy giao nhiệm vụ ...": a task given to X before, no one speaking
        if _menu_lines(st.work[m.start():m.end("rest")]):
            continue   # "Đảng bộ tỉnh X\nSàn giao dịch ...": a portal's menu, a body's line then another's, no one speaking
        if refdata.find_central_body(m.group(0)[len(m.group("acting") or ""):]):
            continue   # "Bộ Ngoại giao thông tin ...": the "verb" ends a body's own name
        if _in_background(st.work, start, m.start()) and not _request_verb().search(verb):
            continue   # "Những năm qua, ..., Ban Thường vụ Thành ủy đã chỉ đạo ...": past work told, no one speaking
        if _verb_kind(verb, "consult") and _told_at_a_time(st.work, start, m.start()):
            continue   # "Sáng ngày 15/9, UBND huyện tổ chức lấy ý kiến ...": a meeting told, not the body speaking
        if verb[:1].isupper() and not verb.isupper():
            continue   # "... Phó Trưởng Ban Chỉ đạo": a name going on ("Ban Chỉ đạo"), no verb
        if _many_issued().match(st.work, m.end()) and _issued_verb().search(verb):
            continue   # "Tỉnh ủy, HĐND, UBND tỉnh đã ban hành các văn bản ...": many documents told, none issued here
        body_end = _before_person(st, m.start(), m.end("rest"))
        found = body_in_text(st.work[m.start(): body_end])
        dept = _department_before().search(st.work, max(start, m.start() - 40), m.start())
        if found and dept:  # "Ban Tổ chức Tỉnh ủy yêu cầu": a department of the committee speaks, not the committee
            from loaders.prose import _template_body   # prose reads press text with this module
            body = _template_body(st.work[dept.start():m.end("rest")])
            if body is None:
                continue
            return Acting(None, body[1], st.span(dept.start(), m.end("rest")))
        if found and found[1].name == found[1].keyword:
            found = _named_before(st.work, start, m.start(), found[1]) or found   # "Sở đề nghị": the Sở named above
        if found:
            from loaders.prose import executive_as_committee   # "Ban Chấp hành Đảng bộ tỉnh giao ...": the Tỉnh ủy
            found = executive_as_committee(st.work[m.start(): m.end("rest")], found)
            begin, partner = m.start(), None
            joint = _joint_before(st.work, begin, found[1])
            if joint:  # "Bộ Chính trị, Ban Bí thư yêu cầu": bodies acting jointly; the first named speaks
                partner = found[1]
                found, begin = joint
            return Acting(found[0], found[1], st.span(begin, body_end), partner, _verb_kind(verb, "opinion"))
    return None


def _qualified_post(st: SourceText, post_start: int, m: re.Match) -> Acting | None:
    """"Phó Chủ tịch Thường trực UBND thành phố X cho biết đã giao ...": "Thường trực" is part of the post (press_phrases
    role "Phó Chủ tịch Thường trực"), not an acting part of the body: the post's organ speaks ("Chủ tịch UBND thành
    phố X") as it does without the word."""
    from loaders.prose import phrases   # prose reads press text with this module
    acting = (m.group("acting") or "").strip()
    if not acting or f"{st.work[post_start:m.start()].strip()} {acting}".casefold() not in {r.casefold() for r in phrases("role")}:
        return None
    before = st.work[post_start:m.start()]
    body_end = _before_person(st, m.start(), m.end("rest"))
    words = before + st.work[m.end("acting"):body_end]
    named = body_name_re().search(words)
    found = body_in_text(named.group(0)) if named and named.start() < len(before) else None
    return Acting(found[0], found[1], st.span(post_start, body_end)) if found else None


@lru_cache(maxsize=1)
def _role_acting_re() -> re.Pattern:
    """A post alone speaking for the one body it heads, its holder's name after it or not ("Thủ tướng yêu cầu ...",
    "Thủ tướng Lê Văn Tám chỉ đạo ..."): press_phrases.csv role_issuer rows naming a whole body (no "{}"), capitalised as
    written, opening a line, a sentence or a clause."""
    roles = [r["value"] for r in table("press_phrases") if r["kind"] == "role_issuer" and "{}" not in r["phrase"]]
    verbs = alternation(spellings("acting_verb"))
    name = rf"(?:\s+[{G.UPPER}][^\W\d_]*){{2,4}}"
    return re.compile(rf"(?:^|(?<=[\n.;,]\s)|(?<=\n))(?P<role>{alternation(roles)})(?P<name>{name})??"
                      rf"\s+(?i:(?:{G.piece('also')}\s+)?(?:{G.piece('past')}\s+)?{verbs})(?!\w)", re.M)


def find_role_acting(st: SourceText, start: int, end: int) -> Acting | None:
    """The first post speaking alone for its body ("Thủ tướng yêu cầu Bộ Công an xác minh ..."): a page of no
    document, a headline or a teaser, whose speaker is the post's body (Thủ tướng Chính phủ)."""
    from loaders.prose import role_body   # prose reads press text with this module
    for m in _role_acting_re().finditer(st.work, start, end):
        if _after_cited().search(st.work, max(start, m.start() - 200), m.start()) or _in_background(st.work, start, m.start()):
            continue
        found = body_in_text(role_body(m.group("role")) or "")
        if found:
            return Acting(None, found[1], st.span(m.start("role"), m.end("role")))
    return None


@lru_cache(maxsize=1)
def kind_word_end() -> re.Pattern:
    """"UBND tỉnh", "UBND xã": words ending at a kind of unit, no place named after it."""
    return re.compile(rf"(?<![^\W_])(?:{G.piece('unit_kind')}|{G.piece('commune_kind')})$")


@lru_cache(maxsize=1)
def _place_kind_end() -> re.Pattern:
    """"UBND xã", "huyện", "thành phố": words ending at a kind word of a unit below a province or shared with one
    (not "tỉnh": every province's name is known)."""
    below = [w for w in G.words("district_kind") + G.words("commune_kind") if w not in G.words("province_kind")] \
        + [w for w in G.words("province_kind") if w in G.words("district_kind")]
    return re.compile(rf"(?<![^\W_])(?:{alternation(below)})$")


def _before_person(st: SourceText, start: int, end: int) -> int:
    """Where the body ends when a person's name follows it ("Chủ tịch UBND TPHCM Phan Văn Mãi yêu cầu"): the body
    left must still be a named one ("Bộ Công Thương" keeps its last words: "Bộ" alone is no name)."""
    from loaders.prose import trailing_name   # prose reads press text with this module
    name = trailing_name(st, start, end)
    if name is None:
        return end
    cut = len(st.work[start:name.start].rstrip()) + start
    if _place_kind_end().search(st.work, start, cut):
        return end   # "UBND xã Hương Thọ", "huyện Tân Phú": the capitalised words name the place of that kind, no person
        #              (only a province's kind word alone, "tỉnh", is always followed by a place trailing_name knows)
    left = body_in_text(st.work[start:cut])
    return cut if left and left[1].name != left[1].keyword else end


def _named_before(work: str, start: int, pos: int, bare: Organ) -> tuple[str | None, Organ] | None:
    """The last body of the same head named in full before ``pos`` ("Sở Nông nghiệp và PTNT đã xây dựng ...
    Sở đề nghị ..."): the bare head speaking refers back to it."""
    named = None
    for m in body_name_re().finditer(work, start, pos):
        found = body_in_text(m.group(0))
        if found and found[1].keyword == bare.keyword and found[1].name != bare.name:
            named = found
    return named


def _joint_before(work: str, start: int, organ: Organ) -> tuple[tuple[str | None, Organ], int] | None:
    """The body written just before ``start`` and joined to it by "," or "và", of the same channel."""
    m = _joint_re().search(work, max(0, start - 120), start)
    if not m or not m.group("body")[:1].isupper():
        return None
    if _of_before().search(work, max(0, m.start("body") - 40), m.start("body")):
        return None   # "Kế hoạch 26-KH/TU của BTV Tỉnh ủy, Huyện ủy yêu cầu": the author of a cited document;
        #               "giám sát tại Đảng bộ thành phố, Ủy ban Kiểm tra Trung ương yêu cầu": the place of the work
    if _object_before().search(work, max(0, m.start("body") - 40), m.start("body")):
        return None   # "trước khi trình UBND tỉnh, Sở Y tế đề nghị": a lower-case word (a verb) takes the body as its object
    found = body_in_text(m.group("body"))
    if not found or found[1].channel != organ.channel or found[1].name == organ.name:
        return None
    return found, m.start("body")


@lru_cache(maxsize=1)
def _of_before() -> re.Pattern:
    return re.compile(rf"(?<![^\W_])(?:{G.piece('of')}|(?i:{G.piece('at')}))\s+(?:[^\W\d_]+\s+){{0,3}}$")   # "của / tại (Ban Thường vụ) "


@lru_cache(maxsize=1)
def _object_before() -> re.Pattern:
    return re.compile(rf"(?<![^\W_])[^\W\d_{G.UPPER}][^\W_]*[ \t]+$")   # a lower-case word, then the body


@lru_cache(maxsize=1)
def _joint_re() -> re.Pattern:
    return re.compile(rf"(?<![\w,])\s*(?P<body>{body_name_re().pattern})\s*(?:,|\s{G.piece('and')})\s*$")


@lru_cache(maxsize=1)
def _after_cited() -> re.Pattern:
    """A clause opening with "tại <a numbered document>," right before a position (one or two "tại");
    a numbered meeting ("Tại kỳ họp 46, Ủy ban Kiểm tra Trung ương yêu cầu") names no document."""
    return re.compile(rf"(?:^|[.,;:\n])\s*(?:(?i:{G.piece('at')})\s+){{1,2}}(?=[^,.;:\n]*{G.piece('type_word')})"
                      rf"[^,.;:\n]*\d[^,.;:\n]*,\s*$")


@lru_cache(maxsize=1)
def _request_verb() -> re.Pattern:
    """A verb that asks (body_phrases.csv assign_verb: "yêu cầu", "đề nghị"): the body asks now, whatever came before."""
    from loaders.citations import patterns
    return re.compile(rf"(?<!\w){alternation(t for t, _ in patterns('body_phrases.csv')['assign_verb'])}$", re.I)


def _in_background(work: str, start: int, pos: int) -> bool:
    """The sentence holding ``pos`` opens with a background phrase (press_phrases.csv background:
    "Thời gian qua", "Trước đó")."""
    from loaders.prose import background   # prose reads press text with this module
    opening = max(start, *(work.rfind(c, start, pos) + 1 for c in ".;\n"))
    return background(work[opening:pos])


@lru_cache(maxsize=4096)  # a scan of the acting verbs' rows, asked for the same verbs again and again
def _verb_kind(verb: str, kind: str) -> bool:
    """The acting verb is of that kind (header_markers.csv acting_verb value: consult "lấy ý kiến", opinion
    "có ý kiến như sau")."""
    return any(verb.lower().endswith(r["spelling"]) for r in markers("acting_verb") if r["value"] == kind)


def _told_at_a_time(work: str, start: int, pos: int) -> bool:
    """The sentence holding ``pos`` opens with a time of day (press_phrases.csv time_of_day: "Sáng ngày 15/9")."""
    from loaders.prose import phrases   # prose reads press text with this module
    opening = max(start, *(work.rfind(c, start, pos) + 1 for c in ".;\n"))
    return work[opening:pos].lstrip().startswith(tuple(w + " " for w in phrases("time_of_day")))


def told_at_meeting(work: str, start: int, pos: int) -> bool:
    """A meeting held is told before ``pos`` (press_phrases.csv meeting_held: "Tại hội nghị", "tổ chức quán triệt"): an
    organ asking after it asks at the meeting, in no document of its own."""
    return bool(_meeting_held_re().search(work[start:pos]))


@lru_cache(maxsize=1)
def _meeting_held_re() -> re.Pattern:
    from loaders.prose import phrases   # prose reads press text with this module
    return re.compile(rf"(?<![^\W_])(?i:{alternation(phrases('meeting_held'))})(?![^\W_])")


@lru_cache(maxsize=1)
def _after_advice() -> re.Pattern:
    """An advise verb (press_phrases.csv advise_verb: "tham mưu cho") before a position, the body there
    the first or the second of a list ("tham mưu cho Tỉnh ủy, UBND tỉnh")."""
    from loaders.prose import phrases   # prose reads press text with this module
    return re.compile(rf"(?<!\w)(?i:{alternation(phrases('advise_verb'))})[ \t]+(?:[^,.;:\n]{{1,40}},[ \t]*)?$")


@lru_cache(maxsize=1)
def _after_passive() -> re.Pattern:
    """A passive marker (press_phrases.csv passive_agent: "được") ending right before a position."""
    from loaders.prose import phrases   # prose reads press text with this module
    return re.compile(rf"(?<!\w)(?i:{alternation(phrases('passive_agent'))})[ \t]+$")


@lru_cache(maxsize=1)
def _after_post() -> re.Pattern:
    """A post (body_phrases.csv "post": "Phó Bí thư", "Chủ tịch"), a verb that assigns to the body
    after it ("assign_verb": "Yêu cầu Ủy ban nhân dân tỉnh chỉ đạo ...") or a word of cooperation
    ("cooperate": "Giao X chủ trì, phối hợp với Đảng ủy Chính phủ chỉ đạo ...") ending right before a position."""
    from loaders.citations import patterns
    p = patterns("body_phrases.csv")
    posts = [t for t, _ in p.get("post", ())]
    assign = [t for t, _ in p.get("assign_verb", ())] + [t for t, _ in p.get("cooperate", ())]
    return re.compile(rf"(?<!\w)(?:{alternation(posts)}|{alternation(assign, 'i')})[ \t]+$")


@lru_cache(maxsize=1)
def _last_post_of_person() -> re.Pattern:
    """A person (press_phrases.csv person_lead: "Đồng chí", "ông") then posts ("Tỉnh ủy viên, Bí thư Đảng ủy, ")
    ending right before a position: the body there ("Chủ tịch HĐND phường X") is the person's next post."""
    from loaders.citations import patterns
    from loaders.prose import phrases   # prose reads press text with this module
    posts = alternation(t for t, _ in patterns("body_phrases.csv").get("post", ()))
    return re.compile(rf"(?<!\w)(?i:{alternation(phrases('person_lead'))})\s[^.;:\n]{{0,160}}(?<!\w){posts}\s[^.;:\n]{{1,80}},[ \t]*$")


@lru_cache(maxsize=1)
def _many_issued() -> re.Pattern:
    return re.compile(rf"\s+(?:{G.piece('plural')})\s+(?i:{G.piece('type_word')})(?![^\W_])")


@lru_cache(maxsize=1)
def _issued_verb() -> re.Pattern:
    from loaders.citations import patterns
    return re.compile(rf"{alternation(t for t, _ in patterns()['issued_verb'])}$", re.I)


@lru_cache(maxsize=1)
def _department_heads() -> str:
    """Heads of the departments of a committee ("Ban Tổ chức", "Văn phòng", "UBKT"): local_body_templates.csv
    rows "<head> {committee}" that do not act with the committee's authority."""
    return alternation({name[:-len(" {committee}")] for t in refdata.body_templates() for name in (t.template, *t.aliases)
                        if name.endswith(" {committee}") and "{" not in name[:-len(" {committee}")]
                        and t.authority != "{committee}"})   # not the standing organs ("BTV", "Thường trực"): they act for it


@lru_cache(maxsize=1)
def _department_before() -> re.Pattern:
    return re.compile(rf"(?<![^\W_]){_department_heads()}[ \t]+$")


def committee_of_department(name: str) -> str | None:
    """"Ban Tuyên giáo Tỉnh ủy Trà Vinh" -> "Tỉnh ủy Trà Vinh": the committee a department belongs to."""
    m = re.match(rf"{_department_heads()}\s+", name)
    found = body_in_text(name[m.end():]) if m else None
    return name[m.end():] if found and found[0] is None and found[1].name == name[m.end():] else None


@lru_cache(maxsize=1)
def _posts() -> str:
    from loaders.citations import patterns
    return alternation(t for t, _ in patterns("body_phrases.csv").get("post", ()))


@lru_cache(maxsize=2)
def _acting_re(second_post: bool = False) -> re.Pattern:
    """"<body> (cũng) (đã) yêu cầu", also told by the body itself ("<body> cho biết, đã giao ...": press_phrases hearsay)."""
    from loaders.prose import phrases   # prose reads press text with this module
    verbs = alternation(spellings("acting_verb"))
    told = rf"(?:{alternation(phrases('hearsay'))})\s*,?\s+"
    # "Chủ tịch UBND tỉnh, Trưởng Ban An toàn giao thông tỉnh đã chỉ đạo": the holder's second post before the verb
    second = rf"(?P<second>,[ \t]*(?i:{_posts()})[ \t][^,;:.\n]{{1,60}})" if second_post else "(?P<second>)"
    return re.compile(rf"{body_name_re().pattern}{second}\s+(?i:(?:{told})?(?:{G.piece('also')}\s+)?(?:{G.piece('past')}\s+)?{verbs})(?!\w)")


@lru_cache(maxsize=1)
def _closing_re() -> re.Pattern:
    return re.compile(rf"{body_name_re().pattern}\s+(?i:{alternation(spellings('closing_verb'))})(?!\w)")


def closing_author(st: SourceText, start: int, end: int) -> tuple[Organ, Span] | None:
    """The letter's closing formula naming its author ("Văn phòng UBND tỉnh thông báo để Sở X, các cơ quan
    liên quan thực hiện./."): a Văn phòng conveying a leader's opinion writes it, not the leader."""
    from loaders.prose import _template_body   # prose reads press text with this module
    closings = list(_closing_re().finditer(st.work, start, end))
    if not closings:
        return None
    last = closings[-1]
    begin = max(st.work.rfind(c, start, last.start()) for c in ".,;:\n") + 1   # "Văn phòng UBND tỉnh": the sentence's subject
    begin = len(st.work) - len(st.work[begin:].lstrip()) if begin > start else start
    found = _template_body(st.work[begin: last.end("rest")]) or body_in_text(st.work[begin: last.end("rest")])
    return (found[1], st.span(begin, last.end("rest"))) if found and st.work[begin:begin + 1].isupper() else None


@lru_cache(maxsize=1)
def _direction_lead_re() -> re.Pattern:
    from loaders.prose import phrases   # prose reads press text with this module
    return re.compile(rf"(?<![^\W_])(?:{alternation(phrases('direction_lead'))})\s+(?P<body>[^.;:\n]+)")


def attributed_author(st: SourceText, start: int, end: int) -> tuple[Organ, Span] | None:
    """A sentence naming whose direction the page reported, with no document after it ("“...”. Đó là chỉ đạo của UBND
    tỉnh đối với Sở X nhằm ...": press_phrases direction_lead): that body is the page's author."""
    m = _direction_lead_re().search(st.work, start, end)
    found = leading_body(m.group("body")) if m else None
    return (found[1], st.span(m.start("body"), m.start("body") + found[2])) if found else None


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
    while seg_start > low and work[seg_start - 1] == "\n" and work[seg_start:m.start()].lstrip()[:1].islower():
        # "Chủ tịch Ủy ban nhân dân\ntỉnh Chỉ thị:": a name wrapped onto the next line
        seg_start = max([low] + [work.rfind(c, low, seg_start - 1) + 1 for c in ",.;:\n"])
    found = body_in_text(work[seg_start: m.start()])
    if not found:
        return None
    return found[1], st.span(seg_start, m.start())


def find_enacting_line(st: SourceText, header: Organ, doc_type: str | None, start: int,
                       end: int) -> tuple[Organ, Span] | None:
    """"Ban Bí thư ban hành Quy chế ..." opening a line after the bases: the central organ enacting the page's own
    document, under a header that names only the body above it (the Ban Chấp hành Trung ương: central_bodies parent)."""
    if not doc_type:
        return None
    m = _enacting_re(doc_type).search(st.work, start, end)
    found = body_in_text(m.group("body")) if m else None
    central = refdata.find_central_body(found[1].name) if found else None
    if central is None or central.parent != header.name:
        return None
    return found[1], st.span(m.start("body"), m.end("body"))


@lru_cache(maxsize=32)
def _enacting_re(doc_type: str) -> re.Pattern:
    """"Ban Bí thư ban hành Quy chế": a body opening a line, an issuing verb, the document's type."""
    from loaders.prose import phrases   # prose reads press text with this module
    return re.compile(rf"^[ \t]*(?P<body>[{G.UPPER}][^\n,.;:]{{2,60}}?)\s+(?:{alternation(phrases('issue_verb'))})\s+"
                      rf"{re.escape(doc_type)}(?![^\W_])", re.M)


def title_subject(st: SourceText, start: int = 0, end: int | None = None) -> tuple[str, Span] | None:
    """A page title naming the document: "Thông báo về việc hoãn ..." (first line of the text); one naming its
    author first, "Chỉ thị của Chủ tịch UBND tỉnh về việc ...": the subject from "về" (title_type reads the author)."""
    for c in cells(st.work, start, end):
        if is_blank(c.text):
            continue
        if _title_re().match(c.text):
            return st.value(c.start, c.end), st.span(c.start, c.end)
        m = _title_type_re().match(c.text)
        of = _title_author_re().match(c.text, m.end()) if m else None
        if of and body_in_text(of.group("author")):
            at = c.start + of.start("about")
            stop = c.start + len(c.text.rstrip().rstrip("."))
            return st.value(at, stop), st.span(at, stop)
        return None
    return None


def type_line_subject(st: SourceText, doc_type: str, start: int, end: int) -> tuple[str, Span] | None:
    """A line of the type alone in capitals ("HƯỚNG DẪN") and the lines under it up to a blank one, no sentence ending
    them (a portal's copy of an unnumbered document's title block): its trích yếu."""
    found = cells(st.work, start, end)
    for i, c in enumerate(found):
        if not (c.stripped.isupper() and refdata.fold(c.stripped) == refdata.fold(doc_type)):
            continue
        j = i + 1
        while j < len(found) and is_blank(found[j].text):
            j += 1
        block = []
        while j < len(found) and not is_blank(found[j].text):
            block.append(found[j])
            j += 1
        if not block or len(block) > 4 or block[-1].stripped[-1:] in ".:;!?" or block[0].stripped.isupper():
            return None
        at = block[0].start + len(block[0].text) - len(block[0].text.lstrip())
        return st.value(at, block[-1].end), st.span(at, block[-1].end)
    return None


def title_type(st: SourceText, start: int = 0, end: int | None = None) -> tuple[str, Span, Organ | None] | None:
    """A page title opening with a document type, a line of its own: "Thông báo treo cờ ..." -> Thông
    báo; "Chỉ thị của Chủ tịch UBND tỉnh về việc ..." -> Chỉ thị and its author (the page is that document)."""
    c = title_line(st, start, end)
    m = _title_type_re().match(c.text) if c else None
    if not m:
        return None
    of = _title_author_re().match(c.text, m.end())
    author = body_in_text(of.group("author")) if of else None
    return _type_names()[m.group("type").lower()], st.span(c.start, c.end), author[1] if author else None


def formal_title(st: SourceText, start: int = 0, end: int | None = None) -> bool:
    """The page title is a type and the trích yếu's formal opening ("THÔNG BÁO VỀ VIỆC ...", "Kế hoạch V/v
    ..."): a document's own title even with nobody named issuing it, no news headline."""
    c = title_line(st, start, end)
    m = _title_type_re().match(c.text) if c else None
    return bool(m and formal_about_re().match(c.text, m.end()))


def outline_title(st: SourceText, start: int = 0, end: int | None = None) -> bool:
    """The page title is a type and the text under it an outline opening at its first section ("ĐỀ CƯƠNG TUYÊN
    TRUYỀN ..." then "I. Căn cứ pháp lý"): the page is that document, no news headline."""
    c = title_line(st, start, end)
    if not (c and _title_type_re().match(c.text)):
        return False
    lines = [x.text.strip() for x in cells(st.work, c.end, end) if not is_blank(x.text) and x.text.strip()][:12]
    return any(_FIRST_SECTION.match(x) for x in lines)


_FIRST_SECTION = re.compile(r"I\s*[.\-–]\s*[^\W\d_]")   # "I. Căn cứ pháp lý", "I- MỤC ĐÍCH, YÊU CẦU": an outline's first section


def title_rest(st: SourceText, start: int = 0, end: int | None = None) -> tuple[str, Span] | None:
    """The words of the page title after its type ("ĐỀ CƯƠNG| TUYÊN TRUYỀN ..."): the page's own document's subject."""
    c = title_line(st, start, end)
    m = _title_type_re().match(c.text) if c else None
    if not m:
        return None
    at, stop = c.start + m.end(), c.start + len(c.text.rstrip().rstrip("."))
    return (st.value(at, stop), st.span(at, stop)) if stop > at else None


@lru_cache(maxsize=1)
def formal_about_re() -> re.Pattern:
    """The formal opening of a trích yếu: "về việc", "V/v"; a bare "về" opens headlines too ("Thông báo về kết
    quả kiểm tra ...")."""
    return re.compile(rf"(?i:{alternation(s for s in spellings('subject_start') if len(s) > 2)})\s")


def title_line(st: SourceText, start: int = 0, end: int | None = None):
    """The first line of the text when it is a title: a line of its own, capitalised, no sentence in it."""
    from loaders.prose import phrases   # prose reads press text with this module
    for c in cells(st.work, start, end):
        text = c.text.strip()
        if is_blank(c.text) or not re.search(r"[^\W\d_]", text) or text.lstrip(" >*-–•").startswith(phrases("page_chrome")):
            continue   # "Thursday, 18/07/2024", "Ngày đăng: ...", "- Lượt xem:", "13:53": the portal's lines above the title
        return c if text[:1].isupper() and not _SENTENCE_INSIDE.search(text) else None
    return None


_SENTENCE_INSIDE = re.compile(r"[.:;!?]\s+\S")   # "Thông báo của UBND tỉnh cho biết: ..." is a sentence, no title


@lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    """Folded type name -> name, with an alias that writes the name longer ("Chương trình hành động": a title's type
    read whole, its "của X" after it)."""
    out = {r["name_vi"].lower(): r["name_vi"] for r in table("doc_types")}
    for r in table("doc_types"):
        for a in refdata.split_list(r.get("aliases")):
            if a.lower().startswith(r["name_vi"].lower() + " "):
                out.setdefault(a.lower(), r["name_vi"])
    return out


@lru_cache(maxsize=1)
def _title_type_re() -> re.Pattern:
    return re.compile(rf"\s*(?P<type>{alternation(sorted(_type_names(), key=len, reverse=True))})\s+(?!{G.piece('number_word')}\b)", re.I)


@lru_cache(maxsize=1)
def _title_author_re() -> re.Pattern:
    # "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh (khóa XIX) về ...": the term in brackets is no part of the author's name;
    # "Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh X thực hiện Nghị quyết ...": the act on a document after it
    return re.compile(rf"(?i:{G.piece('of')})\s+(?P<author>.+?)(?:\s+\([^()\n]{{1,30}}\))?\s+"
                      rf"(?P<about>(?i:{G.piece('about')})|{G.piece('implementing')}(?=\s+{G.piece('type_word')}))\s")


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    names = alternation(r["name_vi"] for r in table("doc_types"))
    return re.compile(rf"\s*{names}\s+(?i:{G.piece('about')})\s", re.I)


# ---------------------------------------------------------------- a law portal's table of facts

@lru_cache(maxsize=1)
def _meta_label_re() -> re.Pattern:
    # also right after a text's closing mark: "... tổ chức thực hiện./.Số: 54/VPTT" (a portal's facts glued after it)
    return re.compile(rf"(?:(?<![^\s|])|(?<=\./\.))(?P<label>{alternation(spellings('meta_label'))})[ \t]*[:|]")


def portal_fields(st: SourceText, start: int = 0, end: int | None = None) -> dict[str, tuple[str, Span]]:
    """A law portal's table of a document's facts (header_markers.csv meta_label: "| Cơ quan ban hành: |
    Bộ X |", "Người ký: Trần Văn Nam", "Ngày ban hành:" with its value some lines below): field (the
    row's value: issuer, signer, date, subject) -> (value as written, span). The first of each field."""
    end = len(st.work) if end is None else end
    field_of = {refdata.fold(r["spelling"]): r["value"] for r in markers("meta_label")}
    out: dict[str, tuple[str, Span]] = {}
    for m in _meta_label_re().finditer(st.work, start, end):
        field = field_of[refdata.fold(m.group("label"))]
        found = None if field in out else _meta_value(st.work, m.end(), end, m.group("label"))
        if found:
            out[field] = (st.value(*found), st.span(*found))
    return out


def _meta_value(work: str, pos: int, end: int, label: str) -> tuple[int, int] | None:
    """The cell after a label: the rest of its line up to "|" or the next label, else the first of the
    next lines that is neither empty, a lone "|" nor the portal's note on the label ("Ngày ban hành là ...")."""
    for n, line in enumerate(re.finditer(r"^.*$", work[pos:end], re.M)):
        if n > 4:
            return None   # the value stands within a few lines of its label
        s, text = pos + line.start(), line.group(0)
        other = _meta_label_re().search(text)
        lead = len(text) - len(text.lstrip(" \t|:"))
        cell = text[lead:].split("|")[0]
        if other and other.start() >= lead:
            cell = cell[:max(0, other.start() - lead)]
        value = cell.strip()
        if value and not refdata.fold(value).startswith(refdata.fold(label)):
            at = s + lead + cell.index(value)
            return at, at + len(value)
    return None
