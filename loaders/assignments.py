"""Tasks given to named bodies: lead bodies, cooperating bodies, reports-to.

Rules (vocabulary in ``data/reference/body_phrases.csv``):
- a sentence whose subject is a body, a class of bodies or a list of posts, followed by a predicate
  ("Ban Tuyên giáo Tỉnh ủy tiếp tục chỉ đạo ...", "Các huyện ủy ... đang tập trung ...");
- "Giao / Đề nghị / Yêu cầu X <predicate>" and "<someone> yêu cầu X <predicate>";
- "đề nghị X:" followed by numbered items: each item without a subject of its own is a task of X;
- "yêu cầu X thực hiện tốt một số nội dung sau:" (a predicate that only announces the items): each
  item without a subject of its own is a task of X; "Giao X chủ trì, phối hợp Y ... như sau:" (a task of
  its own) is X's task, unless the items below name their own bodies;
- lists of bodies expand (``loaders.body_lists``): "Ủy ban nhân dân các tỉnh, thành phố: A, B" -> one body
  per place; "các Bộ có liên quan" -> the Bộ of the Kính gửi list;
- Party addressee classes ("các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể") are
  lead bodies, one per level, only when the document gives no task to a named body;
- not tasks: closing formulas whose predicate is only "triển khai thực hiện nghiêm túc", notices
  ("thông báo để ... biết"), reports ("X vừa ký ..."), the issuer telling what it does, and subjects
  that name no body ("các địa phương", "cấp ủy, chính quyền các cấp, cả hệ thống chính trị và nhân dân").
Names are completed with the document's locality through ``loaders.bodies.complete_name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from loaders import grammar as G
from loaders import refdata
from loaders.bodies import complete_name, resolve_body
from loaders.body_lists import (MASS, addressee_end, addressee_group, class_then_names, continues_name, dash_inside_name,
                                find_colon_list, known_name_end, named_after_such_as, organ_over_members, post_start,
                                split_addressees)
from loaders.citations import UPPER, alternation, headed_body, patterns, read_body, spell_out
from loaders.context import DocContext
from loaders.header import is_upper, markers, spellings
from loaders.header_fields import body_end
from loaders.records import Assignment, Span
from loaders.signature import name_like
from loaders.text import BRACKETED, SourceText, clean

_PLURAL = G.piece("plural")                                  # "các", "những"
_PLURAL_OR_ALL = G.expand(r"(?:%(plural)s|%(all)s)")          # ... and "cả"
_PLURAL_CAPITAL = G.alternation(w.capitalize() for w in G.words("plural"))   # "Các" starting a sentence
_AND = G.piece("and")
_OF = re.compile(G.expand(r"(?<![^\W_])%(of)s(?![^\W_])"))
_ABOUT = re.compile(G.expand(r"(?<![^\W_])%(about)s(?![^\W_])"))   # "gửi các sở về việc ...": a subject, no names
_NOT_AFTER_PLURAL = "".join(rf"(?<!{re.escape(w)} )" for w in G.words("plural"))  # "các tổ chức": no verb
_AND_WITH = re.compile(G.expand(r"\s+(?:%(and)s|%(with)s)\s+"))              # "A và B", "A cùng với B"
_WITH_LEAD = re.compile(G.expand(r"^(?:%(with)s)\s+"))                        # ", cùng B"
_JOINED_NEXT = re.compile(G.expand(r"^(?:\s*,\s*|\s+%(and)s\s+)"))   # the join before a next list item
_LIST_JOIN_END = re.compile(G.expand(r"(?:\s+(?:%(and)s|%(with)s)|[,;])\s*$"))
_PLURAL_LEAD = re.compile(rf"^{_PLURAL}\s+")
_SOME_LEAD = re.compile(rf"^(?:{G.piece('some')})\s+")   # "một số sở, ngành": some of a class
_SPACES_OR_COMMAS = re.compile(r"[\s,]+")
_PLURAL_SPACE = re.compile(rf"{_PLURAL}\s")
_PLURAL_CAPITAL_SPACE = re.compile(rf"{_PLURAL_CAPITAL}\s")
_NEXT_WITH_PLACES = re.compile(rf"\s*{_AND_WITH.pattern}\s*(?P<next>[{UPPER}][^,]*?)(?P<places>\s{_PLURAL}\s.*)$", re.S)
_NEXT_AFTER_COMMA = re.compile(rf"\s*,\s*(?P<next>[{UPPER}][^,]*?)(?P<places>\s{_PLURAL}\s.*)$", re.S)
_PLURAL_REST = re.compile(rf"{_PLURAL}\s+(.*)$")                              # "các phòng, ban" -> "phòng, ban"
_DIRECTLY_UNDER, _UNDER = G.words("directly_under_word")[0], G.words("under_word")[0]   # "trực thuộc", "thuộc"
_GENERIC, _SECTOR = "generic", "sector"   # body_lists.csv addressee groups: "các cấp" (all levels), "các ngành"
_SYSTEM_LEVELS = 3   # classes of this many levels (party, state, front, mass) ask the whole political system
# a class placed by its own unit word ("... xã hội tỉnh", "... của tỉnh"), not "các cấp trong tỉnh"
_PLACED_END = re.compile(G.expand(r"\s(?!%(collective)s\s)[^\W_]+\s+%(unit_kind)s$"))
_NAMED_PLACE_END = re.compile(G.expand(rf"\s(?:%(unit_kind)s|%(commune_kind)s)\s+[{UPPER}][^,]*$"))   # "... tỉnh Nghệ An", "... xã Tân Lập"
_UNDER_BODY = re.compile(G.expand(rf"(?<![^\W_])%(under)s\s+[{UPPER}]"))   # "... thuộc Sở": a named body's own
_UNDER_END = re.compile(G.expand(r"%(directly_under)s(?:\s+\S+)*$"))
_NAMED_COMMITTEE_END = re.compile(G.expand(rf"%(committee_tail)s\s+[{UPPER}][^,]*$"))     # "..., Thành ủy Huế"
_NAMES_PLACE = re.compile(G.expand(rf"(?:(?i:%(committee_tail)s)|%(unit_kind)s)\s+[{UPPER}]"))  # "huyện Nam Trực"
_UNIT_KIND_END = re.compile(G.expand(r"\s+%(unit_kind)s$"))                  # "Công an tỉnh"
_HEAD_UNIT_PLACE = re.compile(G.expand(rf"(?P<pre>\S+\s+%(unit_kind)s)\s+[{UPPER}][^,]*$"))    # "UBND huyện Quang Bình"
_KIND_LEAD = re.compile(G.expand(r"(?:^|(?<=\s))(?:%(plural)s\s+)?(?:%(unit_kind)s|%(commune_kind)s)\s+"))   # "(UBND) các huyện Sóc Sơn" -> "Sóc Sơn"
_UNIT_END = re.compile(G.expand(r"[\s-](?:%(unit_kind)s|%(commune_kind)s)$"))   # "UBND huyện", "... quận-huyện", "UBND xã"
_UNIT_WORDS = frozenset(G.words("province_kind") + G.words("district_kind"))    # "ngành tỉnh", "phòng huyện"
# the committee words inside a class: "Bí thư các huyện ủy, ... Ban Thường vụ Tỉnh ủy" (completed one by one)
_COMMITTEE_IN_CLASS = re.compile(G.expand(
    rf"(?<![^\W_])((?:%(committee_organ)s\s+)?%(committee_word)s|%(party_unit)s)(?!\s+[{UPPER}])"))
_PROVINCE, _DISTRICT = G.words("province_kind")[0], G.words("district_kind")[0]   # the usual kinds: "tỉnh", "huyện"
_ORGAN_OF_CLASS = re.compile(G.expand(r"(?i:%(committee_organ)s)\s+(?=%(plural)s\s)"))  # "ban thường vụ các tỉnh ủy"
_LOWER_START = re.compile(rf"^[^{UPPER}\W\d_]")
# one lower-case item of a list: "đơn vị", "cá nhân" (no "và" inside: it joins two items)
_ITEM_START = "(?:^|(?<=[,;] )|" + "|".join(rf"(?<= {w} )" for w in G.words("and_word")) + ")"   # where a list's item starts
_LOWER_ITEM = rf"[^{UPPER}\W\d_](?:(?!\s(?:{G.piece('and')})\s)[^,;{UPPER}\d])*?"
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)")
_COMMITTEE_NAMED = re.compile(G.expand(rf"(?<![^\W_])%(committee_word)s(?:\s+[{UPPER}][^\s,;:]*)*"))  # "Huyện ủy Châu Phú"


@lru_cache(maxsize=1)
def _data() -> dict:
    p = patterns("body_phrases.csv")
    words = lambda kind: [t for t, _ in p.get(kind, ())]
    nb = r"(?![^\W_])"
    compound = rf"(?!(?i:{alternation(words('verb_compound'))}){nb})"   # "giao thông" is no "giao"
    return {
        # "Hội nghị Ban Thường vụ ...", "Ban hành kèm theo ...": an event or a verb that starts like a
        # body ("Hội Nông dân", "Ban Tuyên giáo") is none
        "head": re.compile(rf"^(?!(?:{alternation(words('not_body_head'))}){nb})"
                           rf"{alternation(words('body_head'))}{nb}"),
        "post": post_start(),   # used with .match
        # "các sở, ban, ngành; ủy ban nhân dân các huyện": an organ written in lower case opening a list item
        # ... after a lower-case post, dropped as a capitalised one is ("và giám đốc công an các tỉnh")
        "lowered_head": re.compile(rf"(^|[,;]\s*|\s{_AND}\s+)(?:{alternation(w.lower() for w in words('strip_post'))}\s+)?"
                                   rf"({alternation(words('lowered_head'))}){nb}"),
        "lowered_value": {t: v for t, v in p.get("lowered_head", ())},
        "person": re.compile(rf"^(?i:{alternation(words('person_lead'))}){nb}\s*"),
        # "cấp ủy các chi bộ, đảng bộ cơ sở trực thuộc, các đồng chí báo cáo viên ...": persons after the bodies of a list
        "person_item": re.compile(rf",\s*(?i:{alternation(words('person_lead'))}){nb}"),
        # "về việc", "V/v" (not "về" alone: "Ban Chỉ đạo ... về phòng, chống thiên tai" has it in its name)
        "topic": re.compile(rf"\s+(?:{alternation(w for w in G.words('about_word') if len(w.split()) > 1 or '/' in w)})\s"),
        "class_name": re.compile(rf"(?<![^\W_])(?i:{alternation(words('class_name'))}){nb}"),
        # "Thường trực Đảng ủy xã chủ trì Hội nghị giao ban": who led a meeting (chair_meeting rows)
        "chair": re.compile(rf"(?<![^\W_])(?i:{alternation(words('chair_meeting'))}){nb}"),
        "committee": re.compile(rf"^(?:{_PLURAL}\s+)?{alternation(words('committee_class'))}{nb}"),
        "unit": re.compile(rf"^(?:{_PLURAL}\s+)?{alternation(words('unit_class'))}{nb}"),
        "plural_class": re.compile(rf"(?<![^\W_]){_PLURAL}\s+(?i:{alternation(words('committee_class') + words('unit_class'))}){nb}"),
        "committee_inside": re.compile(rf"(?<![^\W_]){_PLURAL}\s+(?:{alternation(words('committee_class'))}){nb}"),
        "generic": re.compile(rf"^(?:{_PLURAL_OR_ALL}\s+)?(?i:{alternation(words('generic'))}){nb}"),
        # "Sở Y tế cũng tổ chức ...": an also_word before the verb is no part of the body
        # "các đơn vị, tổ chức, cá nhân": a verb that is a noun too (listed_noun rows), between two commas, is a list's item
        "predicate": re.compile(rf"(?<![^\W_]){_NOT_AFTER_PLURAL}(?<!Ban )(?<!ban )"
                                rf"(?!(?<=, )(?:{alternation(words('listed_noun'))}),)"
                                rf"(?:(?:{G.piece('also')})\s+)?(?:{alternation(words('predicate'))}){nb}"),
        # "Sở Thông tin và Truyền thông – Chủ trì, ...": a label cut from its task by a dash
        "dash_predicate": re.compile(rf"(?<=\s[–—-]\s)(?:{alternation(w[:1].upper() + w[1:] for w in words('predicate'))}){nb}"),
        # a numbered item "1. Chủ tịch UBND các phường, xã: Khẩn trương triển khai ...": the verb after the colon
        # "giao X một số nhiệm vụ là: Chủ trì ...": what is given, between the addressee and the colon (object_tail rows)
        "object_tail": re.compile(rf"\s+(?:{alternation(words('object_tail'))}){nb}[^:]*$"),
        "colon_predicate": re.compile(rf"(?<=:\s)(?:{alternation(w[:1].upper() + w[1:] for w in words('predicate'))}){nb}"),
        # "X chưa tổ chức ...": a state told of the subject; after "yêu cầu" it qualifies the bodies ("các xã chưa ...")
        "subject_clause": re.compile(rf"(?<![^\W_])(?:{alternation(words('subject_clause_word'))}){nb}"),
        "clause": re.compile(rf"(?<![^\W_])(?:{alternation(words('clause_word'))}){nb}"
                             rf"(?!\s+{alternation(w.split(' ', 1)[1] for w in words('not_clause'))}{nb})"),
        "related": re.compile(rf"{_PLURAL}\s+(?P<head>.+?)\s+{alternation(words('related'))}"),
        # "khu vực Bắc Bộ, Bắc Trung Bộ": regions of the country, places named after a body, no body of their own
        "region": re.compile(rf"(?i:{alternation(words('region'))})"),
        "region_end": re.compile(rf"(?<![^\W_])(?i:{alternation(words('region'))})$"),
        # "các đơn vị, tổ chức, cá nhân có liên quan": a lower-case list that "có liên quan" ends qualifies every item
        "related_list": re.compile(rf"{_ITEM_START}"
                                   rf"{_PLURAL}\s+{_LOWER_ITEM}(?:,\s*{_LOWER_ITEM})+\s+{alternation(words('related'))}{nb}"),
        "assign_start": re.compile(rf"^{compound}(?i:{alternation(words('assign_verb'))}){nb}\s*"),
        "assign_inner": re.compile(rf"(?<![^\W_]){compound}(?:{alternation(words('assign_verb'))}){nb}\s*"),
        "modal": re.compile(rf"(?<![^\W_])(?:{alternation(words('modal'))}){nb}"),
        # "Hội nghị do Liên đoàn Lao động tỉnh tổ chức": an event named first, then the body that holds it (a plan's item)
        "agent": re.compile(rf"^[^,;:\n]{{1,60}}?\s(?:{alternation(words('agent_word'))})\s+(?P<body>[^\W\d_][^,;:\n]{{1,100}}?)"
                            rf"\s+(?:{alternation(words('agent_verb'))}){nb}"),
        # "Qua kiểm tra, X đã đề nghị Y ...": after a background phrase, a request told as made before
        "past_assign": re.compile(rf"(?<![^\W_])(?:{alternation(words('past_aspect'))})\s+(?:{alternation(words('assign_verb'))}){nb}"),
        # "X kiểm tra 4 đảng viên, qua đó đề nghị Y khai trừ ...": a request as the outcome of the work told
        "outcome_request": re.compile(rf"(?<![^\W_])(?i:{alternation(words('outcome_word'))})\s+(?:{alternation(words('assign_verb'))}){nb}"),
        # ... a connective may come between ("nhấn mạnh quy định mới, do đó yêu cầu Y ...": request_connective)
        "second_request": re.compile(rf"[^;:.\n]{{1,40}}?(?:,\s*|\s+{_AND}\s+)(?:(?:{alternation(words('request_connective'))})\s+)?"
                                     rf"(?:{alternation(words('assign_verb'))}){nb}\s*"),
        "cooperate": re.compile(rf"(?<![^\W_])(?i:{alternation(words('cooperate'))}){nb}\s*"),
        "report": re.compile(rf"(?<![^\W_])(?:{alternation(words('report'))}){nb}\s*"),
        "formula": re.compile(rf"^(?:(?:{alternation(words('formula'))}|{_AND}|,)\s*)+$", re.I),
        # "... chỉ đạo như sau: Giao Sở Y tế ...": a task starts after the colon, on the same line or the next
        # or "... có ý kiến như sau:\nSở Y tế chủ trì ...": a line break after the colon, then a capital
        "colon_cut": re.compile(rf"(?<=:)(?:\s+(?=(?:{alternation(w[:1].upper() + w[1:] for w in words('assign_verb'))}){nb})"
                                rf"|[ \t]*\n\s*(?=[{UPPER}]))"),
        # "... tại buổi giao ban sáng 9/11\nYêu cầu Ủy ban nhân dân tỉnh ...": a line without end mark, then a
        # capitalised request to a body on the next line ("Giao thông" names a Sở: no body after it)
        "line_cut": re.compile(rf"(?<=[^\W_])[ \t]*\n[ \t]*(?=(?:{alternation(w[:1].upper() + w[1:] for w in words('assign_verb'))})"
                               rf"\s+(?:[{UPPER}]|{_PLURAL}\s))"),
        # "...; Giao Văn phòng Trung ương Đảng chủ trì ...": a capitalised request after ";" starts a task of its own
        "semicolon_cut": re.compile(rf"(?<=;)[ \t]*(?=(?:{alternation(w[:1].upper() + w[1:] for w in words('assign_verb'))})"
                                    rf"{nb}\s+(?:[{UPPER}]|{_PLURAL}\s))"),
        "recipients_line": re.compile(rf"(?:{alternation(spellings('recipients_marker'))})\s*:"),
        # "phối hợp với ... và các đơn vị liên quan": partners named as a class, kept as written
        "partner_class": re.compile(rf"{_PLURAL}\s+(?:{alternation(words('partner_class'))})", re.I),
        # "phối hợp với X trong công tác ...": the field the partners work in ends them
        "partner_end": re.compile(rf"\s+(?:{alternation(words('partner_end'))})(?![^\W_])"),
        # "Công văn số 2472-CV/TU chỉ đạo các huyện ủy ...": the verb right after a reported document's mention
        # ... also told as done ("Chủ tịch UBND tỉnh đã chỉ đạo các sở, ngành tổ chức ...")
        "directs": re.compile(rf"\s*,?\s*(?:(?:{G.piece('also')}|{G.piece('past')})\s+)*(?:{alternation(words('directs_verb'))}){nb}\s+"),
        # "Chủ tịch UBND tỉnh, Trưởng Ban An toàn giao thông tỉnh": a post holder's second post after the first
        "post_start": re.compile(rf"\s*(?:{alternation(words('post'))})\s"),
        "second_post": re.compile(rf",\s*(?i:{alternation(words('post'))})\s[^,]*$"),
        "aspect_tail": re.compile(rf"(?:\s+(?:{G.piece('also')}|{G.piece('past')}))+\s*$"),
        "directs_inner": re.compile(rf"(?<![^\W_])(?:{alternation(words('directs_verb'))}){nb}\s+"),
        # "vừa có văn bản chỉ đạo UBND các quận ...": a type word that ends with the verb ("văn bản chỉ đạo")
        "directs_end": re.compile(rf"(?<![^\W_])(?:{alternation(words('directs_verb'))})\s*$"),
        # "Thường trực Ban Bí thư chỉ đạo: Các cấp ủy ...": the speaker announcing what it directs, no task of its own
        "directs_colon": re.compile(rf"(?:{alternation(words('directs_verb'))}){nb}\s*:"),
        # "Ảnh minh họa" on its own line over a sentence: a photo's caption (press_phrases.csv)
        # "..., Phó Thủ tướng Lê Văn Tám giao ...": a leader's role opening the clause after a background
        "role_start": re.compile(rf"(?:{alternation(_press_words('role'))})\s"),
        # "... dịp Lễ 30/4 và 1/5 Thủ tướng yêu cầu Bộ Công an ...": a role, its holder's name or not, then a request
        "role_request": re.compile(rf"(?:{alternation(_press_words('role'))})(?:\s+[{UPPER}][^\W\d_]*){{0,4}}\s+"
                                   rf"(?i:(?:{G.piece('also')}\s+)?(?:{G.piece('past')}\s+)?{alternation(words('assign_verb'))}){nb}"),
        "caption": re.compile(rf"(?:{alternation(_press_words('caption'))})(?:[^\n.;]|\.(?=[^\W_])){{0,60}}"),   # "Ảnh: Bacninh.gov"
        # "... có văn bản gửi UBND các tỉnh đề nghị tăng cường ...": whom the letter goes to (press_phrases.csv)
        # "Đó là chỉ đạo của UBND tỉnh đối với các sở, ngành tại Công văn số N": whom a reported direction asks
        "directed_to": re.compile(rf"(?<![^\W_])(?i:{alternation(_press_words('direction_lead'))})\s+[^.;:\n]{{1,150}}?\s"
                                  rf"(?:{alternation(_press_words('toward'))})\s+"),
        "directed_stop": re.compile(rf"\s*,?\s+(?:{alternation(w for w in _press_words('clause_stop') if w not in G.words('and_word'))})"
                                    rf"{nb}|\s*[.;:]"),
        "send": re.compile(rf"(?<![^\W_])(?:{alternation(_press_words('recipient_verb'))}){nb}\s*:?\s+"),
        "letter": re.compile(rf"(?<![^\W_])(?i:{G.piece('type_word')}|{alternation(_press_words('generic_type'))}){nb}"),
        "intro_formula": re.compile(rf"(?:(?:{alternation(words('intro_formula'))}){nb}\s*)+", re.I),
        "notice": re.compile(rf"(?<![^\W_])(?:{alternation(words('notice'))}){nb}"),
        # "Chi bộ thôn X tổ chức thành công Đại hội": an act told as done, no task
        "done_act": re.compile(rf"(?<![^\W_])(?:{alternation(words('done_act'))}){nb}"),
        # "Các cấp ủy đã hoàn thành ...", "Đảng bộ phường sẽ tiếp tục ...": a subject told with its aspect did or will
        # do it: a report, no task
        # "sự phối hợp của Mặt trận": the word made a noun, no partner of a task
        "noun_marker": re.compile(rf"(?<![^\W_])(?:{alternation(words('noun_marker'))})\s+$"),
        "told_aspect": re.compile(rf"(?<![^\W_])(?:{alternation(words('told_aspect'))})\s*$"),
        # "Xét đề nghị Giám đốc Sở Nội vụ, ...": the request the issuer considered, no task of its own
        "basis_lead": re.compile(rf"(?:{alternation(words('basis_lead'))}){nb}"),
        # "Trong đó, Văn phòng Tỉnh ủy phối hợp ...": a connective before the subject of a press sentence
        # "Trong đó, X ..."; "Riêng UBND huyện Khánh Sơn khẩn trương ..." (a word that singles out the subject, no
        # comma after it); "Công điện nêu rõ(:) X ...": what the document says, read from X on
        "lead_in": re.compile(rf"^(?:(?:{alternation(words('lead_in'))}){nb}\s*,\s*|(?:{alternation(words('lead_in_bare'))}){nb}\s+"
                              rf"|(?i:{G.piece('type_word')})\s+(?:{alternation(words('doc_states'))}){nb}\s*[:,]?\s*)"),
        # "Đối với các cơ quan báo chí của tỉnh, tăng cường ...", "Đối với UBND tỉnh: chỉ đạo ...": the bodies asked
        "regarding": re.compile(rf"^\s*(?:{alternation(words('regarding'))}){nb}\s+"),
        # "Trước tình hình dịch ...; UBND quận yêu cầu ...": a background clause before the subject
        # (at a line's start: the lines above may be the header's table cells)
        "background": re.compile(rf"^[ \t]*(?:{alternation(words('background_clause'))}){nb}", re.M),
        "scope": re.compile(rf"\s*,?\s*(?:{alternation(words('scope_cut'))}){nb}"),
        # "yêu cầu, sau hội nghị này, các huyện ủy ...": a time phrase before the bodies asked
        "time_lead": re.compile(rf"(?:{alternation(words('time_lead'))}){nb}\s*,?\s*"),
        # a row valued "named" only as written and before a body's head: "lãnh đạo HĐND thành phố" (its leadership) after
        # a cue or a request; "lãnh đạo các cơ quan" asks a class only (generic); "Lãnh đạo X khen thưởng ..." opening a
        # sentence is a caption's narration
        "strip_post": re.compile(rf"^(?:(?i:{alternation(t for t, v in p['strip_post'] if v != 'named')})\s*:?\s+"   # "Giám đốc: Sở Y tế, ..." too
                                 rf"(?={alternation(words('body_head'))}{nb}|(?:{_PLURAL}\s+)?(?i:{alternation(words('unit_class'))}){nb})"
                                 rf"|(?:{alternation(t for t, v in p['strip_post'] if v == 'named')})\s+(?={alternation(words('body_head'))}{nb}))"),
        # "các đơn vị Viện Vệ sinh Dịch tễ Trung ương, ...": the class only introduces the named bodies
        # ("các cơ quan Báo, Đài": a head alone before the comma is a kind of the class, no name)
        "apposition": re.compile(rf"^{_PLURAL}\s+(?:{alternation(words('unit_class'))})\s+(?={alternation(words('body_head'))}{nb}(?!\s*,))"),
        # "Sở Kế hoạch và Đầu tư - cơ quan thường trực Ban ...": the body's role after a dash is no part of its name
        "dash_role": re.compile(rf"\s+[–—-]\s+(?:{alternation(words('dash_role'))}){nb}.*$", re.S),
        "committee_class_cap": re.compile(rf"^(?:{alternation(w[:1].upper() + w[1:] for w in words('committee_class'))}){nb}\s+[{UPPER}]"),
        "own_unit": re.compile(rf"(?<![^\W_]){G.piece('under')}(?:\s|$)|\s(?:{alternation(words('unit_word'))})$"),
        "report_stop": re.compile(rf"\s+(?:{alternation(words('report_stop'))}){nb}"),
        "correlative": re.compile(rf"(?<![^\W_])(?:{alternation(words('correlative'))}){nb}"),
        "correlative_end": re.compile(rf"\s(?:{alternation(words('correlative'))})\s*$"),
        "class_tail": re.compile(rf"^(?:{alternation(words('class_tail'))}){nb}"),
        "class_word": re.compile(rf"(?<![^\W_])(?i:{alternation(words('committee_class') + words('unit_class'))}){nb}"),
        "class_group": {t: v or "committee" for t, v in p.get("committee_class", ())}
                       | {t: v or "unit" for t, v in p.get("unit_class", ())},
        "bare_committee": {t: v for t, v in p.get("bare_committee", ())},
        "post_alone": {t.casefold(): v for t, v in p.get("post_alone", ())},
        "elliptic": {t: v for t, v in p.get("elliptic_alias", ())},
        # "chủ tịch tỉnh": the post before a bare kind of place heads that place's organ (post_of_unit rows)
        "post_of_unit": re.compile(rf"^(?i:(?P<post>{alternation(words('post_of_unit'))}))\s+(?=(?:{G.piece('unit_kind')}"
                                   rf"|{G.piece('commune_kind')}){nb})"),
        "unit_organ": {t.lower(): v for t, v in p.get("post_of_unit", ())},
        "sector": {t: v for t, v in p.get("sector_alias", ())},
        "central_units": {t: v for t, v in p.get("central_units", ())},
        # "Văn phòng Trung ương Đảng ban hành Công văn ... Thường trực Ban Bí thư giao Văn phòng Trung ương Đảng chủ trì":
        # an office conveys another organ's direction; a task it is given there is no act of its own
        "messenger": tuple(words("messenger_office")),
    }


def _press_words(kind: str) -> list[str]:
    return [r["phrase"] for r in refdata.table("press_phrases") if r["kind"] == kind]


# ---------------------------------------------------------------- sentences

# "các sở, UBND các huyện: (1) Khẩn trương ...; (2) ...": numbered items run on after a colon, the bodies end there
_INLINE_ITEMS = re.compile(r"(?<=:)\s*\(\d{1,2}\)\s")
_DASH_ITEM = r"\d{1,2}[-–]"  # "1-", "2–": a numbered item, both an item and a sentence start
# "1.Sở Công Thương chủ trì ...": a press page's numbered item with no space after its mark
_LETTER = r"[a-zđ]\)"   # "a)": a lettered item
_ITEM = re.compile(rf"^\s*(?:(?:\d+(?:\.\d+)*[.)/]|{_DASH_ITEM}|{_LETTER}|[-–•+])\s+|\d+\.(?=[{UPPER}]))")   # "1.", "1)", "1/", "1-", "a)", "-"
_OPENING_QUOTES = "“\"«"   # a quoted sentence is read from its first word
_ROMAN = r"[IVXL]+\."   # "II.": a section heading's number (one piece for the patterns below)
_ROMAN_ITEM = re.compile(rf"{_ROMAN}\s")   # "II. Nhiệm vụ chung"
_SEMICOLON = re.compile(r"\s*;\s*")
_COMMA = re.compile(r"\s*,\s*")
_LETTER_ITEM = re.compile(rf"\s*{_LETTER}\s+")   # "a) Sở Tài chính ...": a lettered item
_MARKER_ALONE = re.compile(rf"\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|{_ROMAN})\s*")  # "1." split from its text, "II."
# abbreviations that end with a full stop ("TP. Hải Phòng", header_markers.csv units): no sentence ends there
_ABBREVIATED = "".join(f"(?<!{re.escape(a)})" for a in spellings("unit") if a.endswith("."))
# "…" ends a sentence as "." does ("… trật tự xây dựng… Dịp này, ...")
_SENTENCE_END = re.compile(rf"(?<=[.!?…])(?<!\b[A-ZĐ]\.){_ABBREVIATED}\s+(?=[{UPPER}\d“\"])|\n\s*\n|\n(?=\s*(?:\d+(?:\.(?:\s|[{UPPER}])|/\s)|{_DASH_ITEM}\s|[-–•+]\s|{_LETTER}\s))|\n(?=[ \t]*{_ROMAN}[ \t]+[{UPPER}])|\n(?=[ \t]*[“\"][{UPPER}])"
                           r"|(?m:^[ \t]*#[^\W\d_][^\n]*\n)")   # a page's "#tag" line: no sentence, glued to none


@dataclass
class _Sentence:
    start: int
    end: int
    item: bool          # starts a numbered / dashed item
    text: str = ""


def _sentences(w: str, limit: int) -> list[_Sentence]:
    out: list[_Sentence] = []
    pos = 0
    marker = False
    cuts = sorted([*_SENTENCE_END.finditer(w, 0, limit), *_data()["colon_cut"].finditer(w, 0, limit),
                   *_data()["line_cut"].finditer(w, 0, limit), *_data()["semicolon_cut"].finditer(w, 0, limit)],
                  key=lambda m: m.start())
    # "các Sở: Lao động\n- Thương binh và Xã hội": a broken line put a name's dash first, no dashed item
    cuts = [m for m in cuts if not (w[m.start()] == "\n" and w[m.end():m.end() + 4].lstrip()[:1] in ("-", "–") and dash_inside_name(w, m.start()))]
    cuts = sorted(cuts + _run_on_requests(w, limit), key=lambda m: m.start())
    bounds = [(pos, None)] + [(m.end(), m) for m in cuts]
    for i, (start, _) in enumerate(bounds):
        end = cuts[i].start() if i < len(cuts) else limit
        if end <= start:
            continue
        chunk = w[start:end]
        letter = _LETTER_ITEM.match(chunk)   # "a) Cục Thuế có trách nhiệm:": an item naming its body, no wrapped line
        if out and _LOWER_START.match(chunk.lstrip()) and not (letter and _names_start(chunk[letter.end():])) \
                and w[out[-1].end:start].count("\n") >= 1:
            out[-1].end = end  # a paragraph break inside a sentence (PDF line wrap)
            continue
        if _MARKER_ALONE.fullmatch(chunk):
            marker = True  # "1." split from its text by a line break, "II." by its full stop
            continue
        m = _ITEM.match(chunk)
        s = start + (m.end() if m else 0)
        while s < end and (w[s].isspace() or w[s] in _OPENING_QUOTES):   # '"Các cơ quan phải ..." - đó là yêu cầu của ...'
            s += 1
        out.append(_Sentence(s, end, bool(m) or marker))
        marker = False
    for s in out:
        s.text = w[s.start:s.end]
    return [s for s in out if s.text.strip()]


_EMPTY = re.compile("")


def _run_on_requests(w: str, limit: int) -> list[re.Match]:
    """A headline run into its lead with no mark, the lead a role's request ("Thủ tướng chỉ đạo ... dịp Lễ 30/4 và 1/5
    Thủ tướng yêu cầu Bộ Công an ..."): a sentence starts at the role (an empty cut there)."""
    from loaders.prose import _AGENCY, run_on_roles   # prose reads press text with this module
    found = [_EMPTY.match(w, p) for p in run_on_roles(w, 0, limit) if _data()["role_request"].match(w, p)]
    # "... phòng Covid-19\nMoitruong.net.vn – Thủ tướng yêu cầu ...": a headline over a sigle opening the lead
    for line in re.finditer(r"\n[ \t]*", w[:limit]):
        agency = _AGENCY.match(w, line.end(), limit)
        if agency and agency.end() > line.end() and _data()["role_request"].match(w, agency.end()):
            found.append(_EMPTY.match(w, line.end()))
    return found


_CLAUSE_CUT = re.compile(r";\s+")
_BACKGROUND_CUT = re.compile(r"[;,]\s+")


def _headline(w: str, s: _Sentence, limit: int) -> bool:
    """"Đảng ủy phường X triển khai kế hoạch ..." as the page's first line (or under a section label), a blank line after it: a
    title without a full stop, telling news, no task; a request ("Giao", "đề nghị", "yêu cầu") stays
    one. (A last line is not judged so: a directive's last task often has no full stop either.)"""
    text = s.text.strip()
    if s.item or "\n" in text or text[-1:] in ".!?:;" or _data()["assign_start"].match(text) \
            or _data()["assign_inner"].search(text):
        return False
    return _labels_only(w[:s.start]) and re.match(r"[ \t]*\n[ \t]*\n", w[s.end:limit]) is not None


_LABEL_LINE = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}")   # "Xã hội", "Thời sự": a portal's section label


def _labels_only(before: str) -> bool:
    """Nothing before the headline but a portal's section labels (short lines of words, no sentence)."""
    return all(_LABEL_LINE.fullmatch(line.strip()) for line in before.splitlines() if line.strip())


def _without_title_line(w: str, s: _Sentence, asking: bool = False) -> _Sentence:
    """The page's title glued by one line break to the line under it ("Đảng ủy phường X triển khai Kế
    hoạch ...\nNgày đăng 06/07/2022", "Đảng ủy Quân sự tỉnh ra nghị quyết ...\nToàn cảnh hội nghị."):
    news, no task; the sentence without it. Only the page's first line (label lines in capitals before it
    allowed), opening with a body (after a topic and a colon too), without end mark or request verb, when the next
    line starts a new sentence. A title opening with a class of bodies ("Các tỉnh điều chỉnh lịch đại hội\nCác
    địa phương đang ...") is cut as one opening with a body.
    ``asking``: a title with a request verb is cut too ("Ủy ban Kiểm tra Trung ương đề nghị kỷ luật ông A\n
    UBKT Trung ương đề nghị Bộ Chính trị xem xét ..."), tried when the sentence with it gives no task."""
    first, sep, rest = s.text.partition("\n")
    head = first.strip()
    topic = head.split(":", 1)[1].lstrip() if ":" in head else ""   # "Dịch sởi bùng phát: Bộ Y tế yêu cầu ..."
    if not sep or s.item or not head or head[-1:] in ".!?:;," or not rest.strip()[:1].isupper() \
            or not (_names_start(head) or _names_start(topic)) or not asking and (_data()["assign_start"].match(head)
                                                                   or _data()["assign_inner"].search(head)):
        return s
    if not all(is_upper(line) for line in w[:s.start].splitlines() if line.strip()):
        return s
    off = len(first) + 1
    return _Sentence(s.start + off, s.end, False, s.text[off:])


@lru_cache(maxsize=1)
def _credit() -> re.Pattern:
    """A photo's credit ending a caption's line: "... chủ trì hội nghị - Ảnh: LÊ VĂN TÁM" (press_phrases caption
    rows ending in a colon)."""
    words = [w for w in _press_words("caption") if w.endswith(":")]
    return re.compile(rf"\s[-–(]\s*(?:{alternation(words)})\s*[^\n.;:]{{1,60}}\)?\s*$")


@lru_cache(maxsize=8192)  # pure, and asked for the same lines again and again
def _credited(line: str) -> bool:
    """The line is a photo's caption that ends with its credit: it asks no one."""
    return bool(_credit().search(line))


def _without_caption(s: _Sentence) -> _Sentence:
    """A photo's caption on its own line over the sentence ("Ảnh minh họa\nĐề nghị UBND các huyện ...", or a line
    ending with the photo's credit): the sentence without it."""
    first, sep, rest = s.text.partition("\n")
    if _credited(first):
        off = len(s.text) - len(rest.lstrip())
        return _Sentence(s.start + off, s.end, s.item, s.text[off:])
    head, _, tail = first.strip().rpartition("(")
    if not sep or not rest.strip() or not (_data()["caption"].fullmatch(first.strip())
                                           or head and tail.endswith(")") and _data()["caption"].fullmatch(tail[:-1].strip())):
        return s   # a caption alone, or a photo's line that ends naming itself: "Tuần tra trên biển (Ảnh minh họa)"
    off = len(s.text) - len(rest.lstrip())
    return _Sentence(s.start + off, s.end, s.item, s.text[off:])


def _without_heading(s: _Sentence) -> _Sentence:
    """A numbered heading on its own line over the sentence ("I. Nhiệm vụ chung\nSở Y tế ..."): a
    label of a few words without end mark, naming no body and asking nothing; the sentence without it."""
    first, sep, rest = s.text.partition("\n")
    head, d = first.strip(), _data()
    if not sep or not (s.item or _ROMAN_ITEM.match(head)) or not head or len(head.split()) > 6 or head[-1:] in ".!?:;," \
            or _names_start(head) or d["assign_start"].match(head) or d["assign_inner"].search(head) \
            or not _names_start(rest.lstrip()):
        return s
    off = len(s.text) - len(rest.lstrip())
    return _Sentence(s.start + off, s.end, True, s.text[off:])


def _plural_class_start(text: str) -> bool:
    """"các xã", "các trường học": the plural of a class of committees or units opens the text."""
    d = _data()
    return bool(_PLURAL_SPACE.match(text) and (d["committee"].match(text) or d["unit"].match(text)))


def _clauses(s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> list[_Sentence]:
    """"... giao Ban Tuyên giáo tham mưu ...; Ban Tổ chức Huyện ủy tham mưu ...": a clause after ";"
    with a body (or a place named with its kind) of its own as subject and a predicate is a task of its own, when the clause before
    it is a task too (a list "Sở A; Sở B phối hợp" stays one sentence)."""
    out, start = [], 0
    for m in _CLAUSE_CUT.finditer(s.text):
        rest = s.text[m.end():]
        nxt = _CLAUSE_CUT.search(rest)
        clause = rest[:nxt.start()] if nxt else rest
        if not (_data()["head"].match(clause) or _place_start(clause) or _plural_class_start(clause)) \
                or _subject(_Sentence(0, len(clause), False, clause)) is None:
            continue   # ("...; thị xã Kỳ Anh tập trung ...": a place acting opens a clause of its own too, and so
            # does a class of units: "...; các trường học trực thuộc Sở tuyệt đối không thu tiền")
        before = _Sentence(s.start + start, s.start + m.start(), False, s.text[start:m.start()])
        spelled = _spelled_out(before)   # as _find reads it: "phòng GD&ĐT" spelled out is a body
        found = _tasks_of(spelled, ctx, related) or _after_lead_in(spelled, ctx, related)
        if found is None or found.intro or not found.bodies:
            continue
        out.append(_Sentence(s.start + start, s.start + m.start(), s.item if not out else False,
                             s.text[start:m.start()]))
        start = m.end()
    if not out:
        return [s]
    out.append(_Sentence(s.start + start, s.end, False, s.text[start:]))
    return out


# ---------------------------------------------------------------- body lists

@lru_cache(maxsize=1)
def _elliptic_committees() -> re.Pattern:
    """"các huyện, thị, thành ủy": place kinds sharing one committee word ("huyện ủy, thị ủy, thành ủy")."""
    heads = G.alternation({w.split()[0].lower() for w in G.words("committee_word")})
    return re.compile(G.expand(rf"(?<![^\W_])(?P<heads>{heads}(?:\s*,\s*{heads})+)\s+(?P<tail>%(committee_tail)s)(?![^\W_])"),
                      re.I)


@lru_cache(maxsize=1)
def _elliptic_classes() -> tuple[re.Pattern, dict[str, str]]:
    """"các chi, đảng bộ" -> "các chi bộ, đảng bộ" (body_phrases elliptic_class rows)."""
    rows = {refdata.fold(t): v for t, v in patterns("body_phrases.csv").get("elliptic_class", ())}
    words = [t for t, _ in patterns("body_phrases.csv").get("elliptic_class", ())]
    return re.compile(rf"(?<![^\W_])(?i:{alternation(words) if words else '(?!)'})(?![^\W_])"), rows


def _unshared(phrase: str) -> str:
    """"Các huyện, thành ủy" -> "Các huyện ủy, thành ủy" (one committee word written once for all), "các chi,
    đảng bộ" -> "các chi bộ, đảng bộ"."""
    pattern, spelled = _elliptic_classes()
    phrase = pattern.sub(lambda m: spelled.get(refdata.fold(m.group(0)), m.group(0)), phrase)
    return _elliptic_committees().sub(
        lambda m: re.sub(r"\s*,\s*", f" {m.group('tail')}, ", m.group("heads")) + f" {m.group('tail')}", phrase)


@lru_cache(maxsize=8192)  # pure, and asked for the same phrases again and again
def _split(phrase: str) -> tuple[str, ...]:
    pieces = []
    phrase = _unshared(phrase)
    for part in (p for whole in _SEMICOLON.split(phrase) for p in _shared_places(whole)):
        for piece in _COMMA.split(part):
            sub = _AND_WITH.split(_WITH_LEAD.sub("", piece))   # "..., cùng các cơ quan báo chí": another item
            merged = [sub[0]]
            for s in sub[1:]:
                if s[:1].isupper() and not _data()["head"].match(s) and not _data()["strip_post"].match(s) \
                        and not (_is_place(s) and _is_place(_KIND_LEAD.split(merged[-1])[-1])) \
                        or _name_goes_on(s) or _joined_name(merged[-1], G.words("and_word")[0], s):
                    merged[-1] += f" {G.words('and_word')[0]} {s}"   # "Bộ Thông tin và Truyền thông"
                else:
                    merged.append(s)
            pieces.extend(merged)
    return tuple(p.strip() for p in pieces if p.strip())


def _placed(item: str) -> bool:
    """A class named with its place: "... tỉnh", "... tỉnh Nghệ An", "... TP.HCM" (a place's own name last)."""
    last = item.rsplit(None, 1)[-1]
    return bool(_PLACED_END.search(item) or _NAMED_PLACE_END.search(item) or last[:1].isupper() and _is_place(last))


def _is_place(name: str) -> bool:
    """"Sóc Sơn", "Huế": a name of an administrative unit (2020 or 2025), no body of its own."""
    return bool(refdata.find_units(name) or refdata.find_province_2025(name))


def _shared_places(part: str) -> list[str]:
    """"UBND và Sở Y tế các tỉnh, thành phố": a bare head before "và" shares the places of the next body."""
    head = _data()["head"].match(part)
    m = _NEXT_WITH_PLACES.match(part[head.end():]) if head else None
    if m is None or not _data()["head"].match(m.group("next")):
        return [part]
    return [part[:head.end()] + m.group("places"), m.group("next") + m.group("places")]


@lru_cache(maxsize=1)
def _level_item() -> tuple[re.Pattern, re.Pattern]:
    """"UBND cấp huyện" then "cấp xã": (a body at a level, a level alone after it)."""
    kinds = alternation({w for k in ("province_kind", "district_kind", "commune_kind") for w in G.words(k)})
    level = alternation(t for t, _ in patterns("body_phrases.csv").get("level_word", ()))
    return (re.compile(rf"^(?P<organ>.+?)\s+(?:{level})\s+(?:{kinds})$"), re.compile(rf"^(?:{level})\s+(?:{kinds})$"))


def _shared_level(items: list[str]) -> list[str]:
    """"UBND cấp huyện, cấp xã": a level alone after a body at another level is that body's organ at it."""
    at_level, alone = _level_item()
    out = list(items)
    for i in range(1, len(out)):
        prev = at_level.match(out[i - 1])
        if prev and alone.match(out[i]) and _data()["head"].match(prev.group("organ")):
            out[i] = f"{prev.group('organ')} {out[i]}"
    return out


def _shared_after_comma(items: list[str]) -> list[str]:
    """"Đảng ủy" + "Ban Xây dựng Đảng các xã, phường": a bare head (no Tỉnh ủy-like committee, no central body) before
    a body with places ("các xã, phường") shares them, as before "và" (_shared_places)."""
    d, out = _data(), list(items)
    committees = {refdata.fold(w) for w in G.words("committee_word")}
    for i, item in enumerate(out[:-1]):
        if not d["head"].fullmatch(item) or refdata.fold(item) in committees or refdata.find_central_body(item):
            continue
        m = _NEXT_AFTER_COMMA.match(", " + out[i + 1])
        if m and d["head"].match(m.group("next")):
            out[i] = item + m.group("places")
    return out


def _shared_organ_body(items: list[str]) -> list[str]:
    """"Ban Thường vụ" + "Ban Chấp hành Đảng bộ xã X": a committee's organ alone before another organ of a committee
    named whole is that committee's too (grammar_words committee_organ)."""
    organs = G.piece("committee_organ")
    out = list(items)
    for i in range(len(out) - 1):
        nxt = re.match(rf"(?i:{organs})\s+(?P<of>\S.*)", out[i + 1])
        if re.fullmatch(rf"(?i:{organs})", out[i].strip()) and nxt:
            out[i] = f"{out[i].strip()} {nxt.group('of')}"
    return out


def _name_goes_on(piece: str) -> bool:
    """"các sở giáo dục và đào tạo": lower-case words after "và" that name no class, no generic
    addressee and no post continue the name before "và"."""
    d = _data()
    return bool(_LOWER_START.match(piece)) and not re.match(rf"{_PLURAL_OR_ALL}\s", piece) \
        and not (d["committee"].match(piece) or d["unit"].match(piece) or d["generic"].match(piece)
                 or d["strip_post"].match(piece))


def _is_class(item: str) -> bool:
    return bool(_data()["plural_class"].search(item) or _data()["committee"].match(item) or _data()["unit"].match(item))


@lru_cache(maxsize=2)
def _names_with(sep: str) -> dict[str, tuple[str, ...]]:
    """Folded names that contain ``sep`` (",", " và "), by their part before it: "sở văn hóa" ->
    ("sở văn hóa, thể thao và du lịch",), from the body data."""
    names = [re.sub(r"\s*\{\w+\}\s*", " ", a).strip() for t in refdata.body_templates() for a in (t.template, *t.aliases)]
    names += [n for b in refdata.central_bodies() for n in (b.name, *b.aliases)]
    out: dict[str, list[str]] = {}
    for n in {refdata.fold(n) for n in names}:
        if sep in n:
            out.setdefault(n.split(sep)[0], []).append(n)
    return {k: tuple(v) for k, v in out.items()}


def _joined_name(prev: str, sep: str, piece: str) -> bool:
    """"Trung tâm Văn hóa" + "," + "Thông tin và Thể thao huyện": one name of the body data with
    the separator inside ("Ban Chỉ huy ... Tìm kiếm cứu nạn" + " và " + "phòng thủ dân sự tỉnh")."""
    prev = _data()["strip_post"].sub("", prev)   # "Giám đốc Sở Văn hóa" + "Thể thao và Du lịch"
    key = sep if sep == "," else f" {sep.strip()} "
    known = _names_with(key).get(refdata.fold(prev))
    return bool(known) and any(refdata.fold(f"{prev}{key.rstrip()} {piece}").startswith(n) for n in known)


def _comma_name(prev: str, piece: str) -> bool:
    return _joined_name(prev, ",", piece)


def _merge(pieces: list[str]) -> list[str]:
    d = _data()
    items: list[str] = []
    for p in pieces:
        if items and (_comma_name(items[-1], p) or organ_over_members(items[-1], p)):
            items[-1] = f"{items[-1]}, {p}"  # "Trung tâm Văn hóa, Thông tin và Thể thao huyện"; "Ban Chỉ huy ... các Bộ A, B"
            continue
        if items and d["region"].fullmatch(p) and d["region_end"].search(items[-1]):
            items[-1] = f"{items[-1]}, {p}"   # "UBND các tỉnh Tây Nguyên, Nam Trung Bộ": one class over two regions
            continue
        if items and p not in d["sector"]:
            prev = items[-1]
            bare = _PLURAL_LEAD.sub("", p)
            placed = d["strip_post"].sub("", prev)
            if _bare_class(p) and d["head"].match(placed) and _UNIT_END.search(placed) \
                    and not _UNIT_END.search(" " + _UNDER_END.sub("", p).rstrip()):
                items.append(p)   # "UBND các xã, phường" + "cơ quan, đơn vị liên quan": no place, another class
                continue
            if _LOWER_START.match(p) and _is_class(prev) and (d["committee"].match(bare) or d["unit"].match(bare)) \
                    and _group(prev, last=True) == _group(bare) \
                    and (bare == p or re.match(rf"{_PLURAL}\s", prev) and not re.search(rf"[{UPPER}]", prev[1:])):  # "UBND các quận, ... và các đơn vị": two
                items[-1] = f"{prev}, {p}"   # "các huyện ủy, thành ủy"; "ban cán sự đảng" starts another class
                continue
            post = d["post"].match(prev)
            held_class = prev[post.end():].lstrip() if post else ""
            if _LOWER_START.match(p) and bare == p and d["committee"].match(p) and _LOWER_START.match(held_class) \
                    and d["committee"].fullmatch(held_class):
                items[-1] = f"{prev}, {p}"   # "Bí thư tỉnh ủy, thành ủy": one post over both committees
                continue
            if _capitalised_kinds(prev, p):
                items[-1] = f"{prev}, {p}"   # "Các cơ quan Báo, Đài của tỉnh": one class, its kinds capitalised
                continue
            if _capitalised_classes(prev, p):
                items[-1] = f"{prev}, {p}"   # "các Đảng ủy, Chi ủy trực thuộc": one class, its words capitalised
                continue
            if re.match(rf"[{UPPER}]\S*(?:\s+\S+)*?\s+{_PLURAL}\s", prev) and d["committee_class_cap"].match(p) \
                    and _group(prev, last=True) == _group(p) and re.fullmatch(rf"(?:[{UPPER}]\S*\s*)+", p.split(" ", 2)[-1]):
                items[-1] = f"{prev}, {p}"   # "Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Huế": one organ over all
                continue
            held = d["strip_post"].sub("", prev)  # "Chủ tịch UBND huyện, thành phố": the body the post heads
            if _bare_class(p) and (_is_class(_lower_first(prev)) or _bare_class(prev.rsplit(", ", 1)[-1])
                                   or _bare_class(held)   # "Thủ trưởng cơ quan, ban, ngành": the post over one class
                                   or d["head"].match(held) and _UNIT_END.search(held)):
                items[-1] = f"{prev}, {p}"   # "Sở, Ban, ngành"; "UBND huyện, thị xã, thành phố": one class
                continue
            if (_is_class(prev) or _is_class(_lower_first(held))) and d["class_tail"].match(p):
                items[-1] = f"{prev}, {p}"   # "các phòng, ban ngành, đoàn thể huyện"
                continue
            if _LOWER_START.match(p) and not re.match(rf"{_PLURAL_OR_ALL}\s", p) and not d["generic"].match(p) \
                    and not (d["committee"].match(p) or d["unit"].match(p) or d["strip_post"].match(p)):
                items[-1] = f"{prev}, {p}"   # "Ban Chỉ đạo phòng, chống dịch": a comma inside a name
                continue
        items.append(p)
    return items


def _capitalised_classes(prev: str, piece: str) -> bool:
    """"các Đảng ủy" + "Chi ủy trực thuộc": committee words of one group, each capitalised, after one "các" (or
    an organ's "các": "Ban Thường vụ các Tỉnh ủy" + "Thành ủy" + "Đảng ủy trực thuộc Trung ương")."""
    d = _data()
    organ_of = re.match(rf"[{UPPER}][^,]*?\s(?={_PLURAL}\s)", prev)
    if organ_of and d["head"].match(prev):
        prev = prev[organ_of.end():]
    words = _PLURAL_LEAD.sub("", prev).split(", ") if re.match(rf"{_PLURAL}\s", prev) else []
    own = _UNDER_END.sub("", piece).rstrip()   # "... trực thuộc Trung ương": whose class, not a named committee
    if not words or not piece[:1].isupper() or re.search(rf"[{UPPER}]", own[1:]):
        return False
    if not all(w[:1].isupper() and d["committee"].fullmatch(_lower_first(w)) for w in words):
        return False
    return bool(d["committee"].match(_lower_first(piece))) and _group(_lower_first(prev), last=True) == _group(_lower_first(piece))


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a class word and one capitalised kind: "Các cơ quan Báo", a capitalised word and lower-case words: "Đài của tỉnh")."""
    classes = alternation(t for t, _ in patterns("body_phrases.csv").get("unit_class", ()))
    return (re.compile(rf"(?i:{_PLURAL})\s+(?i:{classes})\s+[{UPPER}][^\W\d_]*"),
            re.compile(rf"[{UPPER}][^\W\d_]*(?:\s+[^{UPPER}\W\d_]\S*)*"))


def _capitalised_kinds(prev: str, piece: str) -> bool:
    """"Các cơ quan Báo" + "Đài của tỉnh": a class word with one capitalised kind, then another capitalised word alone
    (lower-case words after it say whose, no name): kinds of one class, not a named body."""
    kinds, alone = _kind_patterns()
    return bool(kinds.fullmatch(prev)) and bool(alone.fullmatch(piece)) and not _is_place(piece.split()[0])


def _lower_first(text: str) -> str:
    return re.sub(rf"(?<![^\W_])[{UPPER}](?=[^\W\d_]*$|[^\W\d_]*[\s,])", lambda m: m.group(0).lower(), text)


def _bare_class(piece: str) -> bool:
    """"ban", "Ban", "thị xã", "ngành tỉnh": class words only, whatever their case (a list of classes
    written "Sở, Ban, ngành" or continued after "UBND huyện"), "thành phố trực thuộc Trung ương" (its tail says
    under whom)."""
    low = _UNDER_END.sub("", _lower_first(piece)).rstrip()
    m = _data()["unit"].match(low)
    return bool(m) and not re.match(rf"{_PLURAL}\s", low) and not re.search(rf"[{UPPER}]", low) \
        and (m.end() == len(low) or bool(_data()["class_tail"].match(low[m.end():].strip()))
             or low[m.end():].strip() in _UNIT_WORDS)


def _group(text: str, last: bool = False) -> str | None:
    """The group of the first (or last) class word of ``text``: committee, delegation, unit ..."""
    found = list(_data()["class_word"].finditer(text))
    if not found:
        return None
    return _data()["class_group"].get(found[-1 if last else 0].group(0).lower())


def _locality_suffix(item: str, ctx: DocContext) -> str:
    """A class of bodies gets the body or unit it belongs to."""
    d = _data()
    if d["committee_inside"].search(item) or d["committee"].match(item):
        if _UNDER_END.search(item) or not (ctx.committee or ctx.province or ctx.district) \
                or _NAMED_COMMITTEE_END.search(item):  # "..., Thành ủy Huế": ends with a named committee
            return item  # already says whose, or the document does not say whose it is
        return f"{item} {_DIRECTLY_UNDER}"
    if not d["plural_class"].search(item) or _NAMES_PLACE.search(item):
        return item
    if ctx.level == "district" and ctx.district and not d["own_unit"].search(item):
        # (not when it says whose already: "... thuộc UBND huyện", "các phòng, ban huyện": completed below)
        return f"{item} {_UNDER} {ctx.district_kind or _DISTRICT} {ctx.district}"
    units = _PLURAL_REST.findall(item)
    nouns = {n.strip() for n in re.split(r",\s*", units[0])} if units else set()
    if ctx.level == "central" and nouns and nouns <= set(d["central_units"]):
        return f"{item} {d['central_units'][next(iter(nouns))]}"
    return item


def _unit_phrase(ctx: DocContext) -> str | None:
    if ctx.district:
        return f"{ctx.district_kind or _DISTRICT} {ctx.district}"
    if ctx.province:
        return f"{ctx.province_kind or _PROVINCE} {ctx.province}"
    return None


@lru_cache(maxsize=1)
def _role_templates() -> tuple[tuple[re.Pattern, str], ...]:
    """press_phrases.csv role_issuer rows whose body takes the words after the role ("Bộ trưởng" -> "Bộ {}")."""
    return tuple((re.compile(rf"^{re.escape(r['value'])}\s+(?P<rest>[{UPPER}].*)$"), r["phrase"])
                 for r in refdata.table("press_phrases") if r["kind"] == "role_issuer" and "{}" in r["phrase"])


def _role_named_body(item: str) -> str:
    """"Bộ trưởng Nông nghiệp và Môi trường", "Bộ trưởng Quốc phòng": a minister named by the ministry's own
    words stands for the ministry, when that is a known central body; the item unchanged otherwise."""
    for pattern, template in _role_templates():
        m = pattern.match(item)
        body = refdata.find_central_body(template.replace("{}", m.group("rest"))) if m else None
        if body:
            return body.name
    return item


@lru_cache(maxsize=1)
def _unit_abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    """A unit word abbreviated in a class of units ("các tỉnh, TP": header_markers.csv unit "TP"): the place words
    before it, the abbreviation not followed by a name ("TP Hà Nội", "TP.HCM" name a city)."""
    rows = {r["spelling"]: r["value"] for r in markers("unit")
            if r["spelling"].isalpha() and r["value"].upper() != r["spelling"]}
    places = G.expand(r"(?:%(unit_kind)s)")
    return re.compile(rf"((?<![^\W_]){_PLURAL}\s+{places}(?:\s*,\s*{places})*\s*,\s*)({alternation(rows)})(?![.\w])"
                      rf"(?!\s+[{UPPER}])"), rows


def _spelled_units(phrase: str) -> str:
    """"UBND các tỉnh, TP chỉ đạo" -> "UBND các tỉnh, thành phố chỉ đạo"."""
    pattern, rows = _unit_abbreviations()
    return pattern.sub(lambda m: m.group(1) + rows[m.group(2)], phrase)


def bodies_of(phrase: str, ctx: DocContext, related: tuple[str, ...] = (), partners: bool = False) -> list[str]:
    """Named bodies (and classes of bodies) in a list as written, completed; generic ones dropped.
    ``related``: the document's addressees, which "các Bộ có liên quan" stands for; ``partners``: a
    list of cooperating bodies, where "các đơn vị liên quan" is kept as written (who else takes part)."""
    d = _data()
    phrase = BRACKETED.sub(" ", phrase)
    phrase = _slash_before_body().sub("; ", phrase)   # "UBND các huyện, thành phố/UBND cấp xã": two items
    phrase = d["lowered_head"].sub(lambda m: m.group(1) + d["lowered_value"][m.group(2)], phrase)
    phrase = _spelled_units(phrase)
    cut = d["scope"].search(phrase)
    if cut:
        phrase = phrase[:cut.start()]
    if not partners:   # one item, the related ones of the classes: no list says which ("các Bộ có liên quan")
        phrase = d["related_list"].sub(lambda m: m.group(0).replace(",", " /"), phrase)
    phrase = _LIST_JOIN_END.sub("", clean(phrase)).strip(" ,;:.")   # "UBND tỉnh B và| lãnh đạo ...": no "và" left
    if not phrase:
        return []
    phrase = phrase[named_after_such_as(phrase):]   # "các đơn vị như Sở Y tế, Sở Tài chính": the bodies named
    phrase = _SOME_LEAD.sub(G.words("plural")[0] + " ", phrase)   # "một số sở, ngành": the class is asked
    phrase = _plural_unit_head().sub(r"\g<head> \g<pl> ", phrase)   # "các UBND huyện, thị xã" -> "UBND các huyện, thị xã"
    phrase = _plural_post().sub(r"\g<post> \g<pl> ", phrase)   # "các Thủ trưởng cơ quan" -> "Thủ trưởng các cơ quan"
    members = class_then_names(phrase)
    if members:   # "các bộ Công an, Quốc phòng": "các bộ: Công an, Quốc phòng", up to another class ("và các tỉnh ...")
        rest = phrase[members.rest_start:]
        return list(dict.fromkeys(bodies_of(f"{phrase[:members.class_end]}:{phrase[members.class_end + 1:members.names_end]}", ctx, related)
                                  + (bodies_of(rest, ctx, related, partners) if rest else [])))
    colon = find_colon_list(phrase)
    if colon:  # "Ủy ban nhân dân các tỉnh, thành phố: Bắc Giang, Hải Phòng": one body per item
        before = _LIST_JOIN_END.sub("", phrase[:colon.start].rstrip())
        named = [complete_name(d["strip_post"].sub("", it.name), ctx) for it in colon.items]   # "Chủ tịch UBND các tỉnh: A"
        after = phrase[colon.end:].strip(" ;")   # "...; Chủ tịch UBND các tỉnh": the addressees after the list
        return list(dict.fromkeys((bodies_of(before, ctx, related) if before else []) + named
                                  + (bodies_of(after, ctx, related) if after else [])))
    person = d["person"].match(phrase)
    if person and d["post_of_unit"].match(phrase[person.end():]):
        phrase, person = phrase[person.end():], None   # "đồng chí chủ tịch tỉnh": the post of a place's organ
    if person and _PLURAL_LEAD.match(phrase) and ";" in phrase and d["post"].match(phrase[person.end():]):
        phrase, person = phrase[person.end():], None   # "các đồng chí Bộ trưởng, ...; Chủ tịch UBND các tỉnh": posts listed
    if person:
        rest = phrase[person.end():].split(";")[0].strip(" ,")
        if not rest or _LOWER_START.match(rest):
            return []
        other = re.search(rf",\s*(?={_PLURAL}\s)", rest)   # "các đồng chí Ủy viên Ban Chấp hành ..., các Đảng bộ trực thuộc"
        if other:
            return list(dict.fromkeys(bodies_of(phrase[:person.end()] + rest[:other.start()], ctx, related)
                                      + bodies_of(rest[other.end():], ctx, related, partners)))
        rest = _complete_inside(rest, ctx)
        return [_locality_suffix(rest, ctx)]
    out: list[str] = []
    prev_head = place_kind = prev_organ = None
    for item in _shared_organ_body(_shared_level(_shared_after_comma(_merge(_split(phrase))))):
        item, place_kind = _place_item(item, place_kind)
        lead = d["person"].match(item)
        if lead and (d["post"].match(item[lead.end():]) or d["head"].match(item[lead.end():])):
            item = item[lead.end():]   # "A và các đồng chí Thường trực Tỉnh ủy": the organ the comrades hold
        item = d["post_of_unit"].sub(lambda m: f"{m.group('post')} {d['unit_organ'][m.group('post').lower()]} ", item)
        item = _role_named_body(item)
        item = d["dash_role"].sub("", d["apposition"].sub("", d["strip_post"].sub("", item)))
        if partners and d["partner_class"].fullmatch(item):
            out.append(item)
            continue
        rel = d["related"].fullmatch(item)
        if rel:  # "các Bộ có liên quan": the Bộ the document is addressed to; no list, no guess
            out.extend(r for r in related if refdata.fold(r).startswith(refdata.fold(rel.group("head")) + " "))
            continue
        parts = item.split(", ")
        # the mass organisations of a place named beside named bodies ("Ủy ban MTTQ, Sở Nội vụ và các đoàn thể
        # chính trị - xã hội tỉnh") are asked too; unplaced ("các đoàn thể chính trị - xã hội") they stay generic
        # ... and so are those of a named body ("các tổ chức chính trị - xã hội thuộc Sở")
        mass = len(out) > 0 and addressee_group(item) == MASS and (_placed(item) or bool(_UNDER_BODY.search(item)))
        # a central body's own name may hold a comma and a class ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương")
        if not mass and refdata.find_central_body(item) is None and any(d["generic"].match(part) and not d["committee"].match(part)
                            and not (k and d["class_tail"].match(part)) for k, part in enumerate(parts)):
            continue  # "các cơ quan chức năng", and classes such as "các phòng, ngành liên quan"
        sector = d["sector"].get(item)
        if sector:
            unit = _unit_phrase(ctx)
            if unit:
                out.append(sector.replace("{unit}", unit))
            continue
        bare = _PLURAL_LEAD.sub("", item)
        if d["post"].match(bare) and d["post"].match(bare).end() == len(bare):
            if bare.casefold() not in d["post_alone"]:
                continue   # "Bí thư" alone: a post that names no body
            item = d["post_alone"][bare.casefold()]   # "Bộ trưởng", "các Bộ trưởng": the ministries
        # "Sở Tư pháp thẩm định hồ sơ" -> "Sở Tư pháp"; an addressee named in full keeps its name ("Ban Chỉ đạo
        # quốc gia về khắc phục chất độc hóa học ...": "Ban Chỉ đạo quốc gia" alone is another Ban's short name),
        # and nothing a portal glued to it ("... tại Việt Namnghiên cứu")
        addressed = next((len(r) for r in related if len(r.split()) > 3 and item.casefold().startswith(r.casefold())), None)
        known = addressed or known_name_end(item)
        if known:
            item = item[:known]
        head = d["head"].match(item)
        post = d["post"].match(item)
        if not head and not post and not _is_class(item) and not mass:
            if prev_organ and item[:1].isupper() and _is_place(item):   # "Sở Y tế Hà Nội, TP HCM": the organ of that place
                item = f"{prev_organ} {item}"
            elif prev_head and item[:1].isupper() and not re.match(rf"{_PLURAL_CAPITAL}\s", item):  # "Đảng ủy Công an tỉnh, Quân sự, Biên phòng"
                head_word, tail = prev_head
                item = f"{head_word} {d['elliptic'].get(item, item)}{tail}"
            else:
                continue
        if post and not head:
            rest = item[post.end():].strip()
            if rest in d["bare_committee"]:  # "Bí thư Đảng ủy": the secretaries of the subordinate committees
                item = f"{item[:post.end()]} {d['bare_committee'][rest]}"
        if head:
            tail = _UNIT_KIND_END.search(item)
            placed = _HEAD_UNIT_PLACE.match(item)   # "UBND huyện Quang Bình, Bắc Quang": the next place shares "UBND huyện"
            prev_head = (placed.group("pre"), "") if placed else (head.group(0), tail.group(0) if tail else "")
            prev_organ = _organ_before_place(item)
        written, item = item, _locality_suffix(item, ctx)
        named = complete_name(item, ctx) if not _is_class(item) else _complete_inside(item, ctx)
        if named.endswith(f" {_DIRECTLY_UNDER}") and not written.endswith(f" {_DIRECTLY_UNDER}"):
            named = named[:-len(f" {_DIRECTLY_UNDER}")]  # nothing to belong to: the document does not say whose
        out.append(named)
    return list(dict.fromkeys(out))


def _organ_before_place(item: str) -> str | None:
    """"Sở Y tế Hà Nội" -> "Sở Y tế": the organ a body names before a place's name ending it (no kind word), or None."""
    words = item.split()
    for k in range(min(4, len(words) - 2), 0, -1):
        if words[-k][:1].isupper() and _is_place(" ".join(words[-k:])) and not _is_place(" ".join(words[-k - 1:])):
            return " ".join(words[:-k])
    return None


@lru_cache(maxsize=8192)  # pure, and asked for the same items again and again
def _place_item(item: str, kind: str | None) -> tuple[str, str | None]:
    """"các huyện Chương Mỹ" + "Đan Phượng": each place of a list of one kind named with it ("huyện
    Chương Mỹ", "huyện Đan Phượng"), and the kind the next item may share; other items unchanged."""
    lead = _KIND_LEAD.search(item)
    if lead and "," not in item[:lead.start()] and item[lead.end():][:1].isupper() and _is_place(item[lead.end():]):
        kind = re.sub(rf"\s{_PLURAL}\s", " ", f" {item[:lead.end()]}").strip()   # "UBND các huyện" -> "UBND huyện"
        return f"{kind} {item[lead.end():]}", kind
    if kind and item[:1].isupper() and _is_place(item):
        return f"{kind} {item}", kind
    return item, None


@lru_cache(maxsize=1)
def _slash_before_body() -> re.Pattern:
    """A "/" between a word and a body's head ("UBND các huyện/UBND cấp xã"): it separates two bodies as ";"
    does; between numbers or before a lower-case kind ("389/TW", "UBND quận/huyện") it stays."""
    return re.compile(rf"(?<=[^\W\d_])\s*/\s*(?={_data()['head'].pattern[1:]})")


@lru_cache(maxsize=1)
def _plural_unit_head() -> re.Pattern:
    """"các UBND huyện": the plural word before a body's head that a kind of place follows (grammar_words.csv
    province/district/commune_kind); the body of each place, as "UBND các huyện" writes it."""
    kinds = alternation({w for k in ("province_kind", "district_kind", "commune_kind") for w in G.words(k)})
    return re.compile(rf"(?<![^\W_])(?P<pl>{_PLURAL})\s+(?P<head>{_data()['head'].pattern[1:]})\s+(?={kinds}(?![^\W_]))")


@lru_cache(maxsize=1)
def _plural_post() -> re.Pattern:
    """"các Thủ trưởng cơ quan, đơn vị": the plural word before a post over a class, as "Thủ trưởng các cơ quan,
    đơn vị" writes it."""
    words = lambda kind: [t for t, _ in patterns("body_phrases.csv").get(kind, ())]
    return re.compile(rf"(?<![^\W_])(?P<pl>{_PLURAL})\s+(?P<post>(?i:{alternation(words('strip_post'))}))\s+"
                      rf"(?={alternation(words('unit_class'))}(?![^\W_]))")   # a class in lower case, not a board's name


def _complete_inside(item: str, ctx: DocContext) -> str:
    """Complete a class or a list of posts: the whole when the body module can, else its committee words."""
    whole = complete_name(item, ctx)
    if whole != clean(item):
        return whole
    return _COMMITTEE_IN_CLASS.sub(lambda m: complete_name(m.group(1), ctx), item)


# ---------------------------------------------------------------- one sentence

@dataclass
class _Task:
    sentence: _Sentence
    bodies: list[str]
    cooperating: list[str] = field(default_factory=list)
    reports_to: str | None = None
    end: int = 0
    generic: bool = False     # only addressee classes ("các cấp ủy, chính quyền")


@lru_cache(maxsize=8192)  # pure, and asked for the same sentences again and again
def predicate(text: str, start: int = 0, names: tuple[str, ...] = ()) -> re.Match | None:
    """The first verb after start that no name of a body holds ("tổ chức đảng", "các cơ quan tham mưu" name classes;
    ``names``, the document's addressees as the Kính gửi list spells them: "Ban Chỉ đạo quốc gia về khắc phục chất độc
    hóa học do Mỹ sử dụng ...", whose "khắc phục", "sử dụng" are no verbs there)."""
    m = _data()["predicate"].search(text, start)
    post = _data()["strip_post"].match(text[start:])
    if m and post and m.start() < start + post.end():   # "lãnh đạo HĐND thành phố chủ động ...": a post there, no verb
        m = _data()["predicate"].search(text, start + post.end())
    dash = _data()["dash_predicate"].search(text, start, m.start() if m else len(text)) \
        or _INLINE_ITEMS.search(text, start, m.start() if m else len(text))
    if dash:
        return dash   # "X: (1) Khẩn trương xây dựng ...; (2) ...": the items' tasks start after the colon
    while m:
        close = _aside_end(text, start, m.start())
        if close is not None:   # "UBND các xã, phường (chỉ đạo các trường ...), các đơn vị ...": a verb in an aside
            m = _data()["predicate"].search(text, close)
            continue
        end = addressee_end(text, m.start())
        named = next((c.end() for c in _data()["class_name"].finditer(text, 0) if c.start() < m.start() < c.end()),
                     None)   # "các cơ quan tham mưu", "Cục quản lý thị trường": a name, "tham mưu", "quản lý" no verb there
        named = named or next((e for b, e in _spans_of(text, names) if b < m.start() < e), None)
        if named is not None:
            m = _data()["predicate"].search(text, named)
            continue
        if end is None or end <= m.end():
            return m
        m = _data()["predicate"].search(text, end)  # "tổ chức đảng" names a class, "tổ chức" is no verb there
    return None


def _spans_of(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the names of several words (with a verb in them to hide) occur in the text, spaces and case aside."""
    return [(m.start(), m.end()) for n in names if len(n.split()) > 3
            for m in re.finditer(r"\s+".join(map(re.escape, n.split())), text, re.I)]
def _aside_end(text: str, start: int, pos: int) -> int | None:
    """After the bracket that ``pos`` lies in (opened after ``start``, closed after ``pos``); None outside one."""
    opened = text.rfind("(", start, pos)
    if opened < 0 or text.find(")", opened, pos) >= 0:
        return None
    close = text.find(")", pos)
    return close + 1 if close >= 0 else None


@lru_cache(maxsize=16384)  # pure, and asked for the same phrases again and again
def _names_start(text: str) -> bool:
    """The text starts with a body, a post, "đồng chí", a class of bodies or a place named with its kind ("huyện Cẩm
    Xuyên": the place acting)."""
    d = _data()
    return bool(d["head"].match(text) or d["post"].match(text) or d["person"].match(text) or _place_start(text)
                or d["lowered_head"].match(text)   # "công an các đơn vị": an organ written in lower case
                or d["strip_post"].match(text)   # "các thành viên Ban Chỉ đạo ...": a post before a body's head
                or _plural_class_start(text)
                or _PLURAL_CAPITAL_SPACE.match(text)
                or bool(_ORGAN_OF_CLASS.match(text)) and bool(d["committee"].match(text[_ORGAN_OF_CLASS.match(text).end():]))
                or bool(_plural_head().match(text))  # "các Bộ có liên quan"
                or bool(_plural_post().match(text)))  # "các Thủ trưởng cơ quan, đơn vị"


_PLACE_NAMED = re.compile(G.expand(rf"^(?:%(unit_kind)s|%(commune_kind)s)\s+(?P<name>[{UPPER}][^\W\d_]*(?:\s+[{UPPER}][^\W\d_]*)*)"))


def _place_start(text: str) -> bool:
    """"huyện Cẩm Xuyên khẩn trương ...": a kind of unit in lower case and the name of a unit of that data."""
    m = _PLACE_NAMED.match(text)
    return bool(m) and _is_place(m.group("name"))


@lru_cache(maxsize=1)
def _plural_head() -> re.Pattern:
    """"các" before a body's head ("các Bộ có liên quan")."""
    return re.compile(rf"{_PLURAL}\s+(?={_data()['head'].pattern[1:]})")


def _subject(s: _Sentence, names: tuple[str, ...] = ()) -> tuple[str, int] | None:
    """The subject phrase at the start of the sentence and where the predicate starts (``names``: see predicate)."""
    d = _data()
    text = s.text
    if not _names_start(text):
        return None
    pred = predicate(text, 0, names)
    colon = d["colon_predicate"].search(text, 0, pred.start() if pred else len(text)) if s.item else None
    if colon and re.match(rf"\s*,\s*[{UPPER}]", text[colon.end():]):
        colon = None   # "các sở: Xây dựng, Giao thông vận tải": a list of names, no verb
    pred = colon or pred
    if not pred or d["assign_inner"].search(text, 0, pred.start()) or _intro_only(text, pred.start()) \
            or d["directs_colon"].match(text, pred.start()):
        return None
    if any(re.search(rf":\s+[{_OPENING_QUOTES}]?[{UPPER}]", part) and find_colon_list(part) is None
           for part in text[:pred.start()].split(";")):
        # a headline "Đảng ủy Bộ Nội vụ: Triển khai ...", "Bí thư Thành ủy: “Chung sức, đồng lòng” ...", not a
        # subject ("A; các sở: Xây dựng, ...; B" is one)
        return None
    if _FULL_DATE.search(text, 0, pred.start()):
        return None  # "Văn phòng UBND tỉnh\nThứ ba 22/10/2019\nHướng dẫn ...": a page's heading lines
    if d["told_aspect"].search(text, 0, pred.start()):
        return None
    cut = d["scope"].search(text, 0, pred.start())
    if _clause(text, 0, cut.start() if cut else pred.start()) or _verb_after_name(text[:pred.start()]) \
            or re.search(rf"(?:{d['subject_clause'].pattern})\s+$", text[:pred.start()]):
        return None
    return d["correlative_end"].sub(" ", text[:pred.start()]).rstrip(" –—-"), pred.start()


def _intro_subject(s: _Sentence) -> str | None:
    """The bodies that open a sentence whose predicate only announces the items below ("Sở Y tế,
    Chủ tịch UBND các huyện tập trung thực hiện một số công việc sau:"): the items are their tasks."""
    text = s.text
    pred = predicate(text) if _names_start(text) else None
    if not pred or not _intro_only(text, pred.start()) or _data()["assign_inner"].search(text, 0, pred.start()):
        return None
    if _clause(text, 0, pred.start()) or _verb_after_name(text[:pred.start()]):
        return None
    return text[:pred.start()]


_NUMBERED_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\))[ \t]*$")


def _numbered(w: str, s: _Sentence) -> bool:
    """The item starts with a number or a letter ("3.", "b)"), not a dash."""
    return bool(_NUMBERED_BEFORE.search(w, max(0, s.start - 20), s.start))


def _label_item(w: str, s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"2. Trung tâm Văn hóa - Thông tin và Thể thao" (or "... :") on its own line, its tasks in the
    dashed items below: a numbered item that is only the names of bodies, with no verb and no end
    mark, introduces the items under it as their tasks (a dashed "- Các sở, ban, ngành," is an addressee)."""
    text = s.text.strip()
    label = text[:-1].rstrip() if text.endswith(":") else text
    if not _numbered(w, s) or "\n" in label or label[-1:] in ".,;!?" or len(label.split()) > 14 \
            or not _names_start(label) or predicate(label) or _clause(label, 0, len(label)):
        return None
    bodies = bodies_of(label, ctx, related)
    return _Found(bodies, -1) if bodies and not _only_issuer(bodies, ctx) else None


@lru_cache(maxsize=1)
def _unit_named() -> re.Pattern:
    """An organ named by its unit and place ("UBND tỉnh", "UBND xã Tịnh Hà", "Công an huyện") or by a place's
    abbreviation ("Sở Y tế TP.HCM"; a plain capitalised word may be a name's own, "Việt nam")."""
    from loaders.bodies import unit_prefixes
    return re.compile(G.expand(rf"(?<![^\W_])(?:{alternation(unit_prefixes())})\s+(?:(?i:%(unit_kind)s|%(commune_kind)s)"
                               rf"(?![^\W_])|(?=[{UPPER}][^\s,;:]*?[.{UPPER}]))(?:\s*[{UPPER}][^\s,;:]*)*"))


def _verb_after_name(subject: str) -> bool:
    """"Ban Thường vụ Huyện ủy Châu Phú dự kiến: ...", "Thường trực Thành ủy làm việc cùng ...", "UBND tỉnh
    thống nhất ngày ...": a committee's name, or an organ named by its unit and place, goes on with
    lower-case words not of a name, so the sentence's verb is one of them (a report), not the task word
    found later; a scope ("UBND tỉnh trong thời gian tới ...") is no verb."""
    last = None
    for last in _COMMITTEE_NAMED.finditer(subject):
        pass
    for unit in _unit_named().finditer(subject):
        if last is None or unit.end() > last.end():
            last = unit
    if last is None:
        return False
    rest = subject[last.end():].strip()
    return bool(rest) and _LOWER_START.match(rest) is not None and not continues_name(rest) \
        and not _data()["scope"].match(rest) and not _data()["time_lead"].match(rest)


def _named_person(phrase: str) -> bool:
    """"Đồng chí Lê Văn Tám, ...": "đồng chí" before a person's name, not before a post or a body."""
    d = _data()
    m = d["person"].match(phrase)
    if not m:
        return False
    rest = phrase[m.end():]
    return not (d["post"].match(rest) or d["head"].match(rest) or d["committee"].match(rest)
                or _is_class(rest) or re.match(rf"{_PLURAL}\s", rest) or _LOWER_START.match(rest))


@lru_cache(maxsize=8192)  # pure, and asked for the same sentences again and again
def _clause(text: str, start: int, end: int) -> bool:
    """A clause word between subject and predicate ("đã", "vừa ký"): a report, not a task; "vừa"
    said twice ("vừa tập trung ..., vừa phát triển ...") joins two predicates. A clause phrase may run
    on into the predicate ("mới ban hành": "mới" alone ends "nông thôn mới")."""
    d = _data()
    for m in d["clause"].finditer(text, start):
        if m.start() >= end:
            break
        if not (d["correlative"].match(text, m.start()) and d["correlative"].search(text, m.end())):
            return True
    return False


def _told_act(text: str) -> bool:
    """"Chiều 23/9, Trung tâm X đã phối hợp với UBND phường ...": a clause word before the partners'
    verb tells what was done; it adds no partner to the task before it."""
    m = _data()["cooperate"].search(text)
    # "Đặc biệt, Đảng ủy Công an tỉnh đẩy nhanh tiến độ và phối hợp với ...": a body after an opening word does it
    return bool(m) and (_clause(text, 0, m.start()) or any(_names_start(p) for p in text[:m.start()].split(", ")[1:]))


def _only_issuer(bodies: list[str], ctx: DocContext) -> bool:
    """"Ban Thường vụ Thành ủy chỉ đạo 6 nội dung": the issuer telling what it does gives no one a task (an office
    conveying another organ's direction is given one)."""
    return not (ctx.issuer and conveys(ctx.issuer)) and _is_issuer(bodies, ctx)


def _is_issuer(bodies: list[str], ctx: DocContext) -> bool:
    """The bodies are all the document's issuer."""
    if not bodies or not ctx.issuer:
        return False
    head = ctx.issuer.split(" ", 1)[0].lower()
    if any(b.split(" ", 1)[0].lower() != head and not b.split(" ", 1)[0].isupper() for b in bodies):
        return False  # another head word, not an abbreviation ("UBND"): another body (spares the slow resolution)
    own = _canonical(ctx.issuer, ctx)
    # "Chủ tịch UBND tỉnh" (a placeless head the page leaves unresolved): "UBND tỉnh" is the body its letter speaks for
    # ("Chủ tịch UBND tỉnh chỉ đạo Ban Chỉ huy ...": the issuer directing, no task of its own)
    return own is not None and all(_canonical(x, ctx) in (own, headed_body(own)) for x in bodies)


def conveys(issuer: str) -> bool:
    """The issuer is an office ("Văn phòng Tỉnh ủy", messenger_office rows) conveying another organ's direction: a
    task given to it there is the direction's, no act of its own."""
    return issuer.startswith(tuple(w + " " for w in _data()["messenger"]))


def _canonical(name: str, ctx: DocContext) -> str | None:
    body = resolve_body(name, ctx)
    return body.name if body else None


def _intro_only(text: str, pred_start: int) -> bool:
    """"... thực hiện tốt một số nội dung sau:": the predicate only announces the items below."""
    body = text.rstrip()
    if not body.endswith(":"):
        return False
    return bool(_data()["intro_formula"].fullmatch(body[pred_start:-1].strip()))


def _announces(text: str) -> bool:
    """A task that ends by announcing items ("... tổ chức thực hiện Nghị quyết, trước mắt tập trung
    thực hiện tốt một số nhiệm vụ sau:"): the items below without a subject are its bodies' tasks too."""
    body = text.rstrip()
    if not body.endswith(":"):
        return False
    last = re.split(rf",|;|\s+{_AND}\s+", body[:-1])[-1]  # the last clause: after a comma or "và"
    return bool(_data()["intro_formula"].fullmatch(last.strip()))


@dataclass(frozen=True)
class _Found:
    """The lead bodies of a task sentence, where its predicate starts, and whether they are only
    addressee classes ("các cấp ủy, chính quyền ...")."""

    bodies: list[str]
    pred: int                 # -1: an introduction; the numbered items below are the tasks
    generic: bool = False

    @property
    def intro(self) -> bool:
        return self.pred < 0


def _addressees(phrase: str, ctx: DocContext) -> list[str]:
    """Classes of an addressee list, each completed only in its locality words ("... của tỉnh")."""
    if addressee_end(phrase, len(phrase) - len(phrase.lstrip(" ,"))) is None:
        return []  # does not start with a class word: the common case, decided cheaply
    items = split_addressees(clean(phrase).strip(" ,;:"))
    groups = [addressee_group(item.name) for item in items]
    if groups[:1] == [_GENERIC]:
        return []  # "các cấp, ngành, chính quyền, Mặt trận ...": generic words first, the named lead (_object_task)
    out, generic = [], False
    for item, group in zip(items, groups):
        # "các cấp ủy, tổ chức đảng, các cấp, các ngành": "các cấp" and the sectors after it are generic, asked of no one
        generic = group == _GENERIC or generic and group == _SECTOR
        if generic:
            continue
        whole = complete_name(item.name, ctx)
        head = item.name.rsplit(" ", 1)[0]
        out.append(whole if whole.startswith(head) else item.name)
    return out


def _speaker(subject: str, ctx: DocContext, related: tuple[str, ...]) -> bool:
    """The subject directing others is the issuer or a central body ("Thường trực Ban Bí thư chỉ đạo X ..."), one
    who speaks, not an addressee passing a task on ("Các huyện ủy chỉ đạo các chi bộ ...": the huyện ủy's task), or a
    leader named by role and name ("Thủ tướng Lê Văn Tám chỉ đạo Bộ Y tế ...")."""
    subject = _data()["aspect_tail"].sub("", subject)   # "UBND tỉnh đã (chỉ đạo)": the body before its aspect word
    if _data()["post_start"].match(subject):
        subject = _data()["second_post"].sub("", subject)   # the holder speaks by the first post
    role = _data()["role_start"].match(subject.strip(" ,"))
    holder = subject.strip(" ,")[role.end():] if role else ""
    if role and name_like(holder) and not _data()["head"].match(holder):
        return True
    bodies = bodies_of(subject.strip(" ,"), ctx, related)
    if not bodies:
        return False
    resolved = [resolve_body(b, ctx) for b in bodies]
    return _only_issuer(bodies, ctx) or all(b is not None and b.level == "central" for b in resolved)


@lru_cache(maxsize=8192)  # pure, and asked for the same sentences again and again
def _told_done(text: str) -> bool:
    """An act told as done ("Chi bộ X tổ chức thành công Đại hội"); after a request ("yêu cầu X ... tổ chức thành
    công Đại hội") it is what is asked."""
    done = _data()["done_act"].search(text)
    return bool(done) and not _data()["assign_inner"].search(text, 0, done.start())


def _tasks_of(s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """A task sentence; for "đề nghị X:" and "yêu cầu X thực hiện các nội dung sau:" the bodies
    whose tasks are the items below, with ``pred`` -1; None when the sentence gives no task."""
    from loaders.prose import background   # prose reads press text with this module
    d = _data()
    text = s.text
    if d["notice"].search(text) or d["basis_lead"].match(text) or _told_done(text):
        return None
    if background(text) and (not d["assign_inner"].search(text) or d["past_assign"].search(text)) \
            or d["outcome_request"].search(text):
        return None   # "Những năm qua, Chi bộ luôn đoàn kết, lãnh đạo ...", "..., qua đó đề nghị Y ...": past work told, asking no one
    m = d["assign_start"].match(text)
    obj_start = m.end() if m else None
    if obj_start is None:
        pred = predicate(text, 0, related)
        said = d["directs_colon"].match(text, pred.start()) if pred and _names_start(text) else None
        if said:   # "Thường trực Ban Bí thư chỉ đạo: Các cấp ủy ... khẩn trương ...": the tasks follow the colon
            at = len(text) - len(text[said.end():].lstrip())
            found = _tasks_of(_Sentence(s.start + at, s.end, s.item, text[at:]), ctx, related)
            return found and _Found(found.bodies, found.pred + at if found.pred >= 0 else found.pred, found.generic)
        told = d["directs"].match(text, pred.start()) if pred and _names_start(text) \
            and not d["assign_inner"].search(text, 0, pred.start()) else None   # "X đề nghị Y chỉ đạo Z": Y's
        if told and _speaker(text[:pred.start()], ctx, related):
            found = _object_task(text, told.end(), ctx, related)
            if found and found.bodies:   # "Thường trực Ban Bí thư chỉ đạo các cấp ủy ... khẩn trương ...": theirs
                return found
        if pred and not _intro_only(text, pred.start()) and not d["told_aspect"].search(text, 0, pred.start()):
            classes = _addressees(text[:pred.start()], ctx)
            if classes:
                return _Found(classes, pred.start(), True)   # "Cấp ủy các cấp cần lãnh đạo ..."
        intro = _intro_subject(s)
        if intro is not None:  # "Sở Y tế, Sở Nội vụ tập trung thực hiện tốt các nhiệm vụ sau:"
            bodies = bodies_of(intro, ctx, related)
            return None if _only_issuer(bodies, ctx) else _Found(bodies, -1)
        subject = _subject(s, related)
        if subject and _named_person(subject[0]):
            return None  # "Đồng chí Lê Văn Tám, Bí thư Huyện ủy triển khai ...": a person's act, reported
        if subject:
            bodies = bodies_of(subject[0], ctx, related)
            return None if _only_issuer(bodies, ctx) else _Found(bodies, subject[1])
        inner = d["assign_inner"].search(text)
        if not inner:
            return _sent_to_task(text, None, 0, ctx, related) or _directed_to(text, ctx, related) or _agent_task(text, ctx, related)
        obj_start = inner.end()
        return (_object_task(text, obj_start, ctx, related) or _second_request(text, obj_start, ctx, related)
                or _sent_to_task(text, inner.start(), obj_start, ctx, related) or _directed_to(text, ctx, related))
    return _object_task(text, obj_start, ctx, related) or _second_request(text, obj_start, ctx, related)


def _agent_task(text: str, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"Hội nghị do Liên đoàn Lao động tỉnh tổ chức": the body after the agent word holds the event named first (a
    plan's item, body_phrases agent_word / agent_verb); told on a page of no document (``told``)."""
    m = _data()["agent"].match(text)
    if m is None or _names_start(text):
        return None
    bodies = bodies_of(m.group("body"), ctx, related)
    return _Found(bodies, m.end("body")) if bodies and not _only_issuer(bodies, ctx) else None


def _second_request(text: str, obj_start: int, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"đề nghị Nhân dân và yêu cầu các sở, ban, ngành ...": the first request names no body, the
    second one, joined by "và" or a comma right after it, does."""
    m = _data()["second_request"].match(text, obj_start)
    return _object_task(text, m.end(), ctx, related) if m else None


@lru_cache(maxsize=4096)  # pure, and asked for the same sentences again and again
def _sends_letter(text: str, send_start: int) -> bool:
    """A letter is what is sent: "có công văn gửi X", "Công văn khẩn số 5995 gửi X" (its number, date
    and subject between), not "tổng hợp báo cáo của các xã gửi X" (a report someone else writes)."""
    letters = list(_data()["letter"].finditer(text, max(0, send_start - 200), send_start))
    if not letters:
        return False
    between = text[letters[-1].end():send_start]
    about = _ABOUT.search(between)   # "Công điện số 06/CĐ-UBND về tăng cường ... gửi X": the letter's subject
    between = between[:about.start()] if about else between
    return len(between) <= 60 and not _OF.search(between) and predicate(between) is None


def _sent_to_task(text: str, verb_start: int, obj_start: int, ctx: DocContext,
                  related: tuple[str, ...] = ()) -> _Found | None:
    """"Bộ Y tế vừa có văn bản gửi UBND các tỉnh đề nghị tăng cường ...": the request names no one,
    the bodies the letter is sent to are asked (the words between "gửi" and the verb, names only);
    with no request verb ("... gửi UBND các tỉnh quan tâm chỉ đạo ..."), the predicate right after them."""
    sends = [m for m in _data()["send"].finditer(text, 0, len(text) if verb_start is None else verb_start)
             if _sends_letter(text, m.start())]
    if not sends or verb_start is None and (":" in sends[-1].group(0) or ";" in text[sends[-1].end():]):
        return None   # with no request verb, only a short list right before its predicate
    if verb_start is None:   # "... gửi UBND các tỉnh quan tâm chỉ đạo ...": the predicate right after them
        obj_start = sends[-1].end()
    pred = predicate(text, obj_start, related)
    if not pred or verb_start is not None and text[obj_start:pred.start()].strip(" ," + _OPENING_QUOTES):
        return None   # (the request may be quoted: "gửi X yêu cầu “tổ chức ...”")
    phrase = text[sends[-1].end():pred.start() if verb_start is None else verb_start].strip(" ,")
    # "gửi các Sở: Y tế, Tài chính yêu cầu ...": a colon only as a list of addressees
    if not phrase or re.search(r"[.\n]", phrase) or ":" in phrase and find_colon_list(phrase) is None \
            or _ABOUT.search(phrase) \
            or not (_names_start(phrase) or _addressees(phrase, ctx)):
        return None
    bodies = bodies_of(phrase, ctx, related)
    return _Found(bodies, pred.start()) if bodies else None


def _directed_to(text: str, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"Đó là chỉ đạo của UBND tỉnh đối với các sở, ngành, UBND các huyện tại Công văn số N ...": the press
    names whom a reported direction asks (press_phrases direction_lead, toward: prose reads the same words for the document), up to a clause's stop word; the
    direction itself is told before, so the task starts where the bodies end."""
    m = _data()["directed_to"].search(text)
    if not m:
        return None
    stop = _data()["directed_stop"].search(text, m.end())
    end = stop.start() if stop else len(text)
    phrase = text[m.end():end].strip(" ,")
    if not phrase or not (_names_start(phrase) or _addressees(phrase, ctx)):
        return None
    bodies = bodies_of(phrase, ctx, related)
    return _Found(bodies, end) if bodies and not _only_issuer(bodies, ctx) else None


def _after_lead_in(s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """The task of a sentence opened by a connective ("Trong đó, Sở Y tế chủ trì ..."), read from its
    subject on; tried only when the whole sentence gives no task, so "Theo đó, X đề nghị Y ..." keeps Y."""
    m = _data()["lead_in"].match(s.text)
    if not m:
        return None
    found = _tasks_of(_Sentence(s.start + m.end(), s.end, s.item, s.text[m.end():]), ctx, related)
    if found is None or found.intro:
        return found
    return _Found(found.bodies, found.pred + m.end(), found.generic)


def _regarding(s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"Đối với X, <task>" / "Đối với X: <task>": the bodies named between "Đối với" and the mark right before the
    sentence's first verb are given the task; a topic there ("Đối với công tác thi đua, ...") names no body."""
    m = _data()["regarding"].match(s.text)
    pred = predicate(s.text, m.end(), related) if m else None
    if pred is None:
        return None
    phrase = s.text[m.end():pred.start()].rstrip()
    if phrase[-1:] not in (",", ":") or "\n" in phrase:
        return None
    bodies = bodies_of(phrase[:-1], ctx, related)
    return _Found(bodies, pred.start()) if bodies and not _only_issuer(bodies, ctx) else None


def _after_background(s: _Sentence, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """"Trước tình hình dịch ...; Ủy ban nhân dân quận yêu cầu X ... sau:": the sentence read from the
    body that opens the clause after the background (body_phrases.csv background_clause)."""
    bg = _data()["background"].search(s.text)
    if bg is None or bg.start() and not s.text[:bg.start()].rstrip().endswith("|"):
        return None   # (only under table cells "... ; |", never after words of the sentence)
    for cut in _BACKGROUND_CUT.finditer(s.text, bg.end()):
        rest = s.text[cut.end():]
        if _data()["generic"].match(rest):
            return None   # "Trước tình hình đó, các cấp, các ngành ... phải ...": the sentence as a whole
        if not (_names_start(rest) or _data()["role_start"].match(rest)):
            continue
        found = _tasks_of(_Sentence(s.start + cut.end(), s.end, s.item, rest), ctx, related)
        if found is not None and found.bodies:
            return found if found.intro else _Found(found.bodies, found.pred + cut.end(), found.generic)
        return None
    return None


def _object_task(text: str, obj_start: int, ctx: DocContext, related: tuple[str, ...] = ()) -> _Found | None:
    """The task of "<verb> X <predicate>" with X starting at ``obj_start``; None when X names no body."""
    d = _data()
    obj = text[obj_start:].lstrip(" ,")
    lead = d["time_lead"].match(obj)
    obj = obj[lead.end():] if lead else obj
    obj_start = len(text) - len(obj)
    pred = _nested_request(text, obj_start, predicate(text, obj_start, related))
    scope = d["scope"].search(text, obj_start, pred.start()) if pred else None
    obj_end = scope.start() if scope else pred.start() if pred else None   # "X, nhất là Y, phải ...": X is asked
    persons = d["person_item"].search(text, obj_start, obj_end) if obj_end is not None else None
    obj_end = persons.start() if persons and persons.start() > obj_start else obj_end   # the persons listed after are no bodies
    topic = d["topic"].search(text, obj_start, obj_end) if obj_end is not None else None
    obj_end = topic.start() if topic else obj_end   # "chỉ đạo các sở, ngành về việc tập trung ...": what about, no body
    classes = _addressees(text[obj_start:obj_end], ctx) if pred else []
    colon = text.find(":", obj_start)
    if not pred and colon > obj_start:
        classes = _addressees(text[obj_start:colon], ctx)   # "Yêu cầu các cấp ủy, tổ chức đảng: Khẩn trương ..."
    if not classes and not _names_start(obj) and not obj.startswith(":") and not _class_then_named(obj, pred):
        return None
    generic = d["generic"].match(obj) if not classes and _class_then_named(obj, pred) else None
    named = next((c.end() for c in _SPACES_OR_COMMAS.finditer(obj, generic.end()) if d["head"].match(obj[c.end():])), None) \
        if generic else None
    if named is not None:
        # "các cấp, ngành, chính quyền, Mặt trận Tổ quốc ...", "các đồng chí trong Ban Thường vụ Đảng ủy, Thường trực
        # HĐND ...": the generic words ask no one, the named bodies lead
        obj_start += named
    colon = text.find(":", obj_start)
    before_colon = d["object_tail"].sub("", text[obj_start:colon]) if colon >= 0 else ""
    if colon >= 0 and (not pred or colon < pred.start()) and not text[colon + 1:].strip():
        return _Found(classes or bodies_of(before_colon, ctx, related), -1, bool(classes))  # "đề nghị X:"
    if colon >= 0 and (not pred or colon < pred.start()) and _data()["predicate"].match(_lower_first(text[colon + 1:].lstrip())):
        # "đề nghị Sở Công Thương các tỉnh: Theo dõi sát ...": the task, capitalised, after the colon
        return _Found(classes or bodies_of(before_colon, ctx, related), colon + 1, bool(classes))
    if not pred:
        return None
    if _intro_only(text, pred.start()):  # "... yêu cầu X thực hiện tốt một số nội dung sau:"
        return _Found(classes or bodies_of(text[obj_start:pred.start()], ctx, related), -1, bool(classes))
    if _clause(text, obj_start, obj_end):
        return None
    rest = re.sub(r"[./\s]+$", "", text[pred.start():])
    if d["formula"].match(rest):
        return None  # "Yêu cầu các cấp ủy ... triển khai thực hiện nghiêm túc./."
    if classes:   # "cấp ủy xã Thịnh Sơn": a class named with its place's name is that place's own body, no class
        return _Found(classes, pred.start(), not all(_NAMED_PLACE_END.search(c) for c in classes))
    return _Found(bodies_of(text[obj_start:obj_end if persons or topic else pred.start()], ctx, related), pred.start())


_NESTED_BEFORE = re.compile(rf"(?:,|\s{_AND})\s*$")


def _nested_request(text: str, obj_start: int, pred: re.Match | None) -> re.Match | None:
    """"đề nghị Ban Thường vụ Đảng ủy Khối yêu cầu Bí thư Đảng ủy ...": the named body is asked to ask; its
    predicate is the inner request verb before a body (an assign_verb), not a later verb of the inner request.
    A request after "," or "và" is a second one ("yêu cầu X, đề nghị Y ...": see _second_request)."""
    d = _data()
    if not d["head"].match(text[obj_start:]):
        return pred
    for m in d["assign_inner"].finditer(text, obj_start, pred.start() if pred else len(text)):
        if m.start() > obj_start and not _NESTED_BEFORE.search(text, obj_start, m.start()) \
                and _names_start(text[m.end():]):
            return m
    return pred


def _class_then_named(obj: str, pred: re.Match | None) -> bool:
    """"các cấp ủy, Đảng đoàn HĐND thành phố, Ban cán sự đảng UBND thành phố ...": a class, then named bodies
    (they lead: classes count only when no body is named); not classes alone ("các địa phương, đơn vị")."""
    if not pred or not re.match(rf"{_PLURAL}\s", obj) or (addressee_end(obj, 0) is None and not _data()["generic"].match(obj)):
        return False   # (generic classes first: "các cấp, ngành, chính quyền, Mặt trận Tổ quốc ..." asks the named)
    phrase = obj[:pred.start() - (len(pred.string) - len(obj))]
    return any(_data()["head"].match(piece.strip()) for piece in phrase.split(",")[1:])


def _extras(task: _Task, text: str, start: int, ctx: DocContext) -> None:
    d = _data()
    for m in d["cooperate"].finditer(text, start):
        if d["noun_marker"].search(text, max(0, m.start() - 12), m.start()):
            continue
        nxt = predicate(text, m.end())
        stop = re.search(r"[;.]", text[m.end():])
        end = min([p for p in (nxt.start() if nxt else None, m.end() + stop.start() if stop else None) if p] or [len(text)])
        field_ = d["partner_end"].search(text, m.end(), end)
        end = field_.start() if field_ else end
        # "phối hợp với các đơn vị liên quan đánh giá, ...": the partners end with their class
        # (not when a named body follows it: "các cơ quan liên quan và UBND huyện A xây dựng ...")
        closing = [c.end() for c in d["partner_class"].finditer(text, m.end(), end)
                   if not _names_start(_JOINED_NEXT.sub("", text[c.end():end], count=1))]
        end = closing[-1] if closing else end
        for b in bodies_of(text[m.end():end], ctx, partners=True):
            if b not in task.cooperating and b not in task.bodies:
                task.cooperating.append(b)
    if task.reports_to is None:
        m = d["report"].search(text, start)
        if m and d["head"].match(text[m.end():]):
            end = read_body(text, m.end(), len(text))
            stop = d["report_stop"].search(text, m.end(), end)  # "báo cáo UBND tỉnh trước ngày 15/5"
            task.reports_to = complete_name(clean(text[m.end():stop.start() if stop else end]), ctx)


def directed_committees(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(verb start, start, end) of each class of party committees a verb directs in text[start:end]
    ("... yêu cầu |các quận ủy, huyện ủy, các đảng ủy trực thuộc Thành ủy| chỉ đạo ..."): a press
    report's implied recipients. Generic addressees ("các cấp ủy", "các cơ quan, đơn vị") are none."""
    d, out = _data(), []
    for m in d["directs_inner"].finditer(text, start, end):
        if not d["committee"].match(text[m.end():end]):
            continue
        pred = predicate(text[:end], m.end())
        phrase = text[m.end():pred.start()] if pred else ""
        if phrase.strip() and not re.search(r"[.;:\n]", phrase):
            out.append((m.start(), m.end(), m.end() + len(phrase.rstrip(" ,"))))
    return out


def find_assignments(st: SourceText, ctx: DocContext, recipients: tuple[str, ...] = (),
                     reported: tuple[int, ...] = ()) -> tuple[tuple[Assignment, Span], ...]:
    """Tasks given to named bodies, in text order, each with the sentence as evidence; ``recipients``
    (the Kính gửi list) name "các Bộ có liên quan"; ``reported``: where the mentions of the document
    a press text reports end ("... ban hành Công văn số 2472-CV/TU| chỉ đạo các huyện ủy tạm hoãn ...":
    what the document directs is its task). Never raises."""
    try:
        return _find(st, ctx or DocContext(), tuple(recipients), tuple(reported))
    except Exception:  # one odd document must not stop a batch
        return ()


def told(a: Assignment) -> bool:
    """A named body opening the sentence, doing something with no request verb ("yêu cầu", "đề nghị",
    "giao") or modal ("cần", "phải") in it: "Đảng bộ xã X lãnh đạo thực hiện ..." tells what the body
    does; a class ("Các đơn vị tiếp tục thực hiện ...") is still addressed."""
    text = a.text.lstrip(" -–+*•\t")
    person = _data()["person"].match(text)   # "Các đồng chí Thường trực ... chủ trì hội nghị": a caption of persons
    text = text[person.end() if person else 0:]
    if a.bodies and _data()["agent"].match(text) and not requests(text):
        return True   # "Hội nghị do Tỉnh ủy tổ chức": on a page of no document, the event told
    if a.bodies:
        text = _after_lead_clause(text, a.bodies[0])   # "Những tháng còn lại của năm 2019, Ủy ban Kiểm tra Huyện ủy tham mưu"
    if not a.bodies or _PLURAL_LEAD.match(a.bodies[0].lower()) or _PLURAL_LEAD.match(text.lower()):
        return False
    if not refdata.fold(text).startswith(refdata.fold(a.bodies[0].split()[0])):
        return False
    pred = predicate(text)   # a modal of the body's own verb, not one of a later clause ("các nhiệm vụ cần ...")
    return not (requests(text) or _data()["modal"].search(text[:pred.end() if pred else len(text)].lower()))


def _after_lead_clause(text: str, body: str) -> str:
    """The sentence from its body on, when a clause of time or place ending in a comma, no request in it, opens it
    ("Theo kế hoạch, X tiến hành ...", "Thực hiện chỉ đạo của ..., X chủ trì ...": asked; "Để ..., X ...": kept)."""
    at = refdata.fold(text).find(", " + refdata.fold(body.split()[0]))
    if at <= 0 or requests(text[:at]) or _CONTENT_LEAD.match(text):
        return text
    return text[at + 2:]


_CONTENT_LEAD = re.compile(rf"(?i:{G.piece('according')}|{G.piece('purpose')}|{G.piece('implementing')})\s")


def chairs_meeting(a: Assignment) -> bool:
    """A body told to chair a meeting ("Thường trực Đảng ủy xã chủ trì Hội nghị giao ban ...", a photo's caption
    or the meeting's narration): who led it, no task, on any page."""
    chair = _data()["chair"].search(a.text)   # told up to it: "Hội nghị giao ban" after it is no request "giao"
    return bool(chair) and told(replace(a, text=a.text[:chair.end()]))


def opens_with_request(text: str) -> bool:
    """The sentence (after its item mark) opens with a request verb ("2. Yêu cầu các cấp ủy ...", "Giao Sở Y tế
    ..."): what it says is asked, not told."""
    mark = _ITEM.match(text) or _MARKER_ALONE.match(text)
    return bool(_data()["assign_start"].match(text[mark.end() if mark else 0:]))


def requests(text: str) -> bool:
    """The sentence has a request verb ("yêu cầu", "đề nghị", "giao"), in any case."""
    return bool(_data()["assign_inner"].search(text.lower()))


def _own_subject(text: str) -> bool:
    """An item that names who does it, even a class that is no body ("Cấp ủy, thủ trưởng các cơ
    quan ... tổ chức ..."), is not a task of the introduction's bodies."""
    pred = predicate(text)
    return bool(pred and pred.start() > 0 and (_names_start(text) or _data()["generic"].match(text)
                                                 or split_addressees(text[:pred.start()].strip())))


def _spelled_out(s: _Sentence) -> _Sentence:
    """The sentence read with abbreviations spelled out ("BTV Thành ủy Huế" names a body); its span,
    and so the evidence, stays the text as written."""
    text = spell_out(s.text)
    return s if text == s.text else _Sentence(s.start, s.end, s.item, text)


def _after_header(s: _Sentence) -> _Sentence | None:
    """The text after the header lines that open a sentence (upper-case organ and title lines,
    table rows "Số: ... | Hà Nội, ngày ...", "Kính gửi: ..."), when header lines are not set apart."""
    pos = 0
    for line in s.text.splitlines(keepends=True):
        body = line.strip()
        if body and not (is_upper(body) or "|" in body or _data()["recipients_line"].match(body)):
            break
        pos += len(line)
    rest = s.text[pos:]
    if not rest.strip() or pos == 0:
        return None
    return _Sentence(s.start + pos, s.end, False, rest)


def _first_paragraph(w: str, intro_end: int | None, s: _Sentence) -> bool:
    """The sentence opens the paragraph right under an introduction ending in ":" (nothing but a line break between)
    with an act, as an item would ("Tăng cường phối hợp, ...")."""
    if intro_end is None or w[intro_end - 1:intro_end] != ":" or "\n" not in w[intro_end:s.start] \
            or w[intro_end:s.start].strip():
        return False
    text = s.text.lstrip()
    act = predicate(text[:1].lower() + text[1:])   # its first word capitalised as a paragraph's
    return act is not None and act.start() == 0


def _directed(s: _Sentence, w: str, reported: tuple[int, ...], ctx: DocContext,
              related: tuple[str, ...]) -> _Found | None:
    """The task that the reported document gives in a press sentence: "<mention> chỉ đạo X <predicate>"."""
    for end in reported:
        if not s.start <= end < s.end:
            continue
        m = _data()["directs"].match(w, end)
        obj = m.end() if m else end if _data()["directs_end"].search(w, max(s.start, end - 20), end) else None
        if obj is not None:
            found = _object_task(w[s.start:s.end], obj - s.start, ctx, related)
            if found is not None and found.bodies and not found.intro:
                return found
    return None


def _find(st: SourceText, ctx: DocContext, related: tuple[str, ...] = (),
          reported: tuple[int, ...] = ()) -> tuple[tuple[Assignment, Span], ...]:
    w = st.work
    limit = body_end(w)
    tasks: list[_Task] = []
    pending: _Found | None = None       # bodies of "đề nghị X:" awaiting their items
    last_in_item: _Task | None = None
    tentative: _Task | None = None      # "Giao X chủ trì ... như sau:": X's task unless the items name their own
    labelled = False                    # pending comes from a label item ("2. Sở Y tế" over dashed items)
    prev_end = 0
    intro_end: int | None = None        # where the introduction just read ends ("... các nội dung sau:")
    for s in (c for whole in _sentences(w, limit) for c in _clauses(whole, ctx, related)):
        after_intro, intro_end = intro_end, None
        if is_upper(s.text.split("\n", 1)[0]):
            s = _after_header(s)  # header and title lines ("UBND TỈNH NGHỆ AN / SỞ Y TẾ ..."), not a sentence
            if s is None:
                continue
        s = _spelled_out(_without_heading(_without_caption(_without_title_line(w, s))))
        if _headline(w, s, limit):
            continue
        found = _after_background(s, ctx, related) or _tasks_of(s, ctx, related)
        if found is None and (below := _without_title_line(w, s, asking=True)) is not s:
            found = _tasks_of(below, ctx, related)
            s = below if found is not None else s
        if found is None:
            found = _after_lead_in(s, ctx, related) or _regarding(s, ctx, related)
        if found is None and reported:
            found = _directed(s, w, reported, ctx, related)
        label = _label_item(w, s, ctx, related) if found is None else None
        if label is not None:
            found = label
        if found is not None and found.intro:
            pending = found if found.bodies else None
            labelled = label is not None
            last_in_item = None
            intro_end = s.end
            continue
        if labelled and s.item and (found is not None and found.bodies or _numbered(w, s)):
            pending, labelled = None, False   # the next numbered item: the label's dashed items are over
        if s.item:
            if found is None and tentative is not None and tentative.sentence.item and last_in_item is tentative \
                    and not _own_subject(s.text):
                tentative = None   # "a) Sở Tài chính có trách nhiệm:\n- Bố trí ...": an item's items are its own
            last_in_item = None
        elif tentative is not None and "\n" in w[prev_end:s.start]:
            tentative = None  # a paragraph outside the items: the list is over
        prev_end = s.end
        if found is not None and found.bodies and not found.generic and _data()["assign_start"].match(s.text) \
                and _only_issuer(found.bodies, ctx):
            continue   # "Giao <the issuer> chủ trì ...": the issuer's own act, hiding no class and continuing no task
        if found is not None and found.bodies and _issuing_itself(s, found, ctx, reported):
            continue
        if found is not None and found.bodies:
            task = _Task(s, found.bodies, generic=found.generic)
            _extras(task, s.text, found.pred, ctx)
            if tentative is not None:  # the items name their own bodies: the introduction only distributes
                tasks = [t for t in tasks if t is not tentative]
            tentative = task if s.text.rstrip().endswith(":") else None
            tasks.append(task)
            last_in_item = task
            if _announces(s.text):
                pending = found
        elif pending and (s.item or _first_paragraph(w, after_intro, s)) and not _own_subject(s.text):
            # an item, or the unmarked paragraph right under "... các nội dung sau:" (a page's items lost their marks)
            task = _Task(s, list(pending.bodies), generic=pending.generic)
            _extras(task, s.text, 0, ctx)
            tasks.append(task)
            last_in_item = task
        elif last_in_item is not None and found is None and not _told_act(s.text):
            _extras(last_in_item, s.text, 0, ctx)  # "Phối hợp với Công an huyện, ..." continues the item
        if pending and not s.item and found is None and last_in_item is None:
            pending = None  # a sentence outside the numbered items ends the request's list
    if any(not t.generic and not _is_issuer(t.bodies, ctx) for t in tasks):
        # classes count only when a body other than the issuer (an office given a task in its own letter) is named;
        # not the whole political system asked at once ("các cấp ủy, tổ chức đảng, chính quyền, MTTQ và các đoàn
        # thể": one class per level), the addressees of the document
        tasks = [t for t in tasks if not t.generic or len(t.bodies) >= _SYSTEM_LEVELS]
    out: list[tuple[Assignment, Span]] = []
    for t in tasks:
        span = st.span(t.sentence.start, t.sentence.end)
        found = Assignment(text=st.value(t.sentence.start, t.sentence.end), bodies=tuple(t.bodies),
                           cooperating=tuple(t.cooperating), reports_to=t.reports_to)
        if not any(_retold(found, earlier) for earlier, _ in out):
            out.append((found, span))
    return tuple(out)


def _issuing_itself(s: _Sentence, found: _Found, ctx: DocContext, reported: tuple[int, ...]) -> bool:
    """"Ban Chấp hành Đảng bộ tỉnh ban hành Nghị quyết để cụ thể hóa ..., từ đó tập trung lãnh đạo ...": the sentence
    telling the reported document's issue names its issuer (its executive too) doing it, no one asked."""
    own = _canonical(ctx.issuer, ctx) if ctx.issuer else None
    return own is not None and not found.generic and not requests(s.text) \
        and any(s.start <= r <= s.end for r in reported) and all(_canonical(b, ctx) == own for b in found.bodies)


def _retold(a: Assignment, b: Assignment) -> bool:
    """A page repeating its sapo in the body, word for word or after a lead-in clause ("Chỉ thị nêu để ..., Ban
    Bí thư yêu cầu X ..." after the sapo "Ban Bí thư yêu cầu X ..."): one task, its first evidence."""
    if (a.bodies, a.cooperating, a.reports_to) != (b.bodies, b.cooperating, b.reports_to):
        return False
    return a.text.endswith(b.text) or b.text.endswith(a.text)


def names_body(text: str) -> bool:
    """The text starts with a body, a post or a class of bodies ("Kho bạc Nhà nước ...", "các sở ...")."""
    return _names_start(text)


__all__ = ["find_assignments", "bodies_of", "conveys", "directed_committees", "names_body", "opens_with_request"]
