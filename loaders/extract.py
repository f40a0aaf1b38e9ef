"""SourceText -> DocumentRecord: header -> context -> citations -> assignments -> signature / copy.

Each stage is guarded: a stage that fails leaves its fields empty and a warning in the record, so
one odd document never stops a batch. ``extract_file`` is the only function here that does I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from loaders import header as H
from loaders import grammar as G
from loaders import prose as P
from loaders.assignments import chairs_meeting, conveys, find_assignments, requests, told
from loaders.body_lists import recipient_names
from loaders.bodies import resolve_body
from loaders.citations import find_citations
from loaders.context import DocContext
from loaders.read import SetAside, read_document
from loaders.records import DocumentRecord, Signer, Span
from loaders.signature import SignatureBlock, find_copy_start, name_like, parse_copy, parse_signature
from loaders.text import SourceText


class ExtractError(Exception):
    """A file that could not be read: names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass
class _Run:
    """Collects warnings of guarded stages."""

    warnings: list[str]

    def guard(self, stage: str, fn: Callable[[], Any], default: Any = None) -> Any:
        try:
            return fn()
        except Exception as e:  # a failing stage becomes a warning, never a crash
            self.warnings.append(f"{stage} stage failed: {type(e).__name__}: {e}")
            return default


def extract(st: SourceText, source: str, sha256: str | None = None) -> DocumentRecord:
    run = _Run([])
    ev: dict[str, Span] = {}
    copy_start = run.guard("copy", lambda: find_copy_start(st))
    end = copy_start if copy_start is not None else len(st.work)
    head = run.guard("header", lambda: H.parse_header(st, 0, end), H.Header())
    copy = run.guard("copy", lambda: parse_copy(st, copy_start)) if copy_start is not None else None
    recipients = run.guard("recipients", lambda: recipient_names(st, H.find_list(st, "recipients", 0, end)), [])
    sig = run.guard("signature", lambda: parse_signature(st, head.end, end), SignatureBlock())
    signed = bool(recipients or sig.signer)
    rep = run.guard("prose", lambda: _reported(st, head, end, signed))
    facts = run.guard("issuer", lambda: _facts(st, head, end, copy, signed, rep), {})
    if rep is None and facts.get("text_kind") == "ORIG" and head.evidence:
        cue = P.quotation_cue(st, _header_start(head))
        if cue is not None:  # an original under a press lead that announces it: a quotation
            facts["text_kind"], facts.setdefault("evidence", {})["text_kind"] = P.QUOTE, cue
    run.warnings[:0] = list(facts.pop("warnings", ()))
    portal_signer = _portal_signer(facts.pop("portal_signer", None))
    ev.update(facts.pop("evidence", {}))
    ctx = facts.pop("context", DocContext())
    signer = sig.signer
    if rep is not None:
        if signer is None and rep.signer is not None:
            signer = rep.signer
            ev.update({k: v for k, v in rep.evidence.items() if k.startswith("signer.")})
        if not recipients:
            recipients = recipient_names(st, list(rep.recipients))
    if signer is None and portal_signer is not None:
        signer, ev["signer.name"] = portal_signer

    cited, generic = (), ()
    start = _own_words_start(head, rep)
    # an original's bare "Chỉ thị 16 của Thủ tướng" stands for its symbol; a press report's numbers stay as written
    original = facts.get("text_kind") == "ORIG"
    found = run.guard("citations", lambda: find_citations(st, ctx, own_number=facts.get("number"), start=start,
                                                          complete_symbols=original))
    titled = _numbered_title(st, found, facts, end) if found is not None and rep is None else None
    if titled is not None:   # "Công văn số 995/SNV ngày 25/7/2018 về việc ..." as the page's title: the page's own
        c, sp = titled
        facts.update(number=c.number, date=c.date, doc_type=c.doc_type, subject=facts.get("subject") or c.subject)
        ev.update({k: sp for k in ("number", "date", "doc_type")})
        if not c.number:   # named by its author only: the author is its issuer
            facts["issuer"], ev["issuer"] = c.issuer, sp
            author = resolve_body(c.issuer, ctx) if c.issuer and not facts.get("issuer_level") else None
            if author is not None:   # "Kết luận của Phó Chủ tịch UBND tỉnh ... tại ...": the post's level
                facts["issuer_level"] = author.level
    if found is not None:
        own = [(c, sp) for c, sp in found.citations if not _is_self(c, facts) and not _reported_itself(sp, rep, st.work)]
        dropped = [c.number for c, _ in found.citations if c.number and _is_self(c, facts)]
        found = replace(found, citations=tuple(own),
                        generic=tuple(g for g in found.generic if not _issued_by_lead(g[1], rep)),
                        warnings=tuple(w for w in found.warnings if not any(n in w for n in dropped)))
        cited = tuple(_central_cited(c) for c, _ in found.citations)
        if facts.get("issuer") is None:   # a page of no issuer: "... của Đảng ủy" is the one Đảng ủy it names in full
            cited = tuple(_placed_cited(st, c) for c in cited)
        generic = tuple(g for g, _ in found.generic)
        ev.update({f"cited_documents[{i}]": s for i, (_, s) in enumerate(found.citations)})
        ev.update({f"generic_references[{i}]": s for i, (_, s) in enumerate(found.generic)})
        run.warnings.extend(found.warnings)
    # "... Công văn số 2472-CV/TU ngày 5/3/2024 chỉ đạo các huyện ủy ...": the verb after the mention's date
    ends = ((m.end, P.tail_end(st.work, m.end, len(st.work))) for m in rep.mentions) if rep is not None else ()
    mentioned = tuple(dict.fromkeys(e for pair in ends for e in pair))
    found = run.guard("assignments", lambda: find_assignments(st, ctx, tuple(n for n, _ in recipients), mentioned), ())
    found = tuple(a for a in (_without_speaker(_without_lead(a, rep), facts) for a in found) if a is not None)
    found = tuple(a for a in found if not chairs_meeting(a[0]))
    if _no_document(st, facts, rep) and not any(requests(a.text) for a, _ in found):
        found = tuple(a for a in found if not told(a[0]))   # a page of no document: what a body does is told, not asked
    assignments = tuple(a[0] for a in found)
    ev.update({f"assignments[{i}]": a[1] for i, a in enumerate(found)})

    ev.update({f"recipients[{i}]": s for i, (_, s) in enumerate(recipients)})
    ev.update(sig.evidence)
    copy_record = None
    if copy is not None:
        copy_record = copy.record
        ev.update(copy.evidence)
    facts.pop("co_issuer", None)  # used above only: a body acting with the issuer is none of its lead bodies
    return DocumentRecord(
        source=source,
        recipients=tuple(name for name, _ in recipients),
        cited_documents=cited, generic_references=generic, assignments=assignments,
        signer=signer, distribution=sig.distribution,
        copy_of=facts.get("number") if copy_record else None, copy=copy_record,
        evidence=ev, warnings=tuple(run.warnings), sha256=sha256, **facts,
    )


def _numbered_title(st: SourceText, found, facts: dict, end: int):
    """The citation opening the page's title line, when the page has no number of its own: the page is
    that document ("Công văn số 995/SNV ngày 25/7/2018 về việc ..." over its Kính gửi list)."""
    line = H.title_line(st, 0, end)
    if line is None or facts.get("number"):
        return None
    headline = st.work[line.start:line.end].rstrip()[-1:] not in ".!?:;" and bool(st.work[line.end:].strip())
    for c, sp in found.citations:
        if (c.number or c.issuer and headline and not facts.get("issuer")) and line.start <= sp.start < line.end \
                and not st.work[line.start:sp.start].strip() and facts.get("doc_type") in (None, c.doc_type):
            return c, sp   # "Kết luận của Bí thư Thành ủy X tại Hội nghị ..." as the title of a page of no header: its own
    return None


# "Chủ tịch UBND tỉnh chỉ thị:" ending its line: what follows are a directive's items (an excerpt of an original)
_ITEMS_BELOW = re.compile(r":[ \t]*\n")
_SYMBOL = re.compile(G.piece("symbol"))   # a full number with its code: "54/VPTT"


def _no_document(st: SourceText, facts: dict, rep: P.Reported | None) -> bool:
    """A page of no document: no number, type or issuer, no document reported, no directive's items
    (a page that asks nobody by a request verb either: see the caller). Its sentences tell."""
    return rep is None and not any(facts.get(k) for k in ("number", "doc_type", "issuer")) \
        and not _ITEMS_BELOW.search(st.work)


def _reported(st: SourceText, head: H.Header, end: int, signed: bool) -> P.Reported | None:
    """The document a press text reports, when the text is one: no header of its own (or the
    header of the very document the lead reports, as in a quotation), and not a signed or addressed
    original whose body merely mentions another document."""
    weak = not head.number and head.issuer is None   # no header, or only a date line
    if head.text_kind == "ORIG" and not weak:  # a quotation's lead stands before the original's header
        end = min(end, _header_start(head))
    rep = P.find_reported(st, 0, end)
    if rep is None:
        return None
    if head.number:
        return rep if rep.number and H.bare_key(rep.number) == H.bare_key(head.number) else None
    # a page titled by the numbered document whose Kính gửi and words follow, no header of its own
    # or by a line of its type and date alone ("Thông báo Khẩn ngày 18/10/2020")
    titled = rep.title_line and (rep.number is not None and rep.issuer is not None
                                 or rep.number is None and rep.date is not None)
    return rep if weak and (not signed or titled) else None


def _own_words_start(head: H.Header, rep: P.Reported | None) -> int:
    """Where an original's own words begin: its header, when a press lead or a portal's lines stand
    before it (what the journalist mentions there is not cited by the document). A press report's
    words are all read."""
    if head.text_kind != "ORIG" or not head.number or not head.evidence:
        return 0
    if rep is not None and not _portal_title(rep, head):
        return 0
    return _header_start(head)


def _portal_title(rep: P.Reported, head: H.Header) -> bool:
    """The report is a law portal's title over the original's header ("Quyết định 119/QĐ-UBND năm 2009 bổ sung
    ..."; its notes after it: "đã được thay thế bởi Quyết định 366/QĐ-UBND"): a title line naming the header's own
    number, not a journalist's lead."""
    return bool(rep.title_line and rep.number and H.bare_key(rep.number) == H.bare_key(head.number))


def _header_start(head: H.Header) -> int:
    """The first character of an original's header that the header's facts were read from; an
    issuer named before the block (a heading organ narrowed by the title line: "Quy định số 12-QĐ/TW
    của Bộ Chính trị") does not move it back."""
    inside = [s.start for s in head.evidence.values() if s.start >= head.start]
    return min(inside) if inside else head.start


def _reported_itself(span: Span, rep: P.Reported | None, work: str = "") -> bool:
    """A citation that is the reported document itself, or the journalist's aside before the quoted
    original ("(trong Quy định số 172-QĐ/TW, …)" in the lead of a quotation)."""
    if rep is None:
        return False
    if any(span.start < m.end and m.start < span.end for m in rep.mentions):
        return True
    # "Theo đó, ... theo Chỉ thị số 15/CT-TTg": the lead's paragraph goes on telling the document
    in_lead = rep.lead is not None and rep.lead.start <= span.start and not _paragraph_break(work, rep.lead.start, span.start)
    return rep.quote_start is not None and span.end <= rep.quote_start and not in_lead \
        and not _before_lead_in_its_sentence(work, span, rep) \
        and not _one_sentence(work, span.end, rep.quote_start)


def _issued_by_lead(span: Span, rep: P.Reported | None) -> bool:
    """A generic mention holding the reported document's issuer ("Đó là chỉ đạo của UBND tỉnh đối với ... tại Công
    văn số 4079"): the reported document's own words, no other document."""
    issuer = rep.evidence.get("issuer") if rep is not None else None
    return issuer is not None and span.start <= issuer.start and issuer.end <= span.end \
        and "," not in span.quote[:issuer.start - span.start]   # its author, not a body further on


def _before_lead_in_its_sentence(work: str, span: Span, rep: P.Reported) -> bool:
    """"Thực hiện Nghị định số 61 ..., Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:": what
    the lead's own sentence names before it (across a line wrap) is the document's basis, not an aside."""
    if rep.lead is None or span.start >= rep.lead.start:
        return False
    return _one_sentence(work, min(span.end, rep.lead.start), rep.lead.start)   # a lead read from its line's start may overlap


def _paragraph_break(work: str, start: int, end: int) -> bool:
    """A blank line between ``start`` and ``end`` (a paragraph ends there)."""
    return bool(re.search(r"\n\s*\n", work[start:end]))


def _one_sentence(work: str, start: int, end: int) -> bool:
    """No sentence ends between ``start`` and ``end`` (a line wrap does not end one): "Căn cứ Công văn
    số 758-CV/TU ..., UBND tỉnh có ý kiến như sau:" cites in the sentence that opens the quotation."""
    return not re.search(r"[.!?]\s", work[start:end]) and not _paragraph_break(work, start, end)


def _without_lead(found: tuple, rep: P.Reported | None) -> tuple | None:
    """An assignment read from the lead itself ("Thường trực Ban Bí thư X vừa ký Chỉ thị số 11 …"
    taken as a body) loses the bodies that are the lead's words; none left, no assignment."""
    if rep is None or rep.lead is None:
        return found
    a, span = found
    marks = [H.bare_key(m.quote) for m in rep.mentions]
    if rep.signer is not None and rep.signer.name:
        marks.append(H.bare_key(rep.signer.name))
    keep = tuple(b for b in a.bodies if not any(k and k in H.bare_key(b) for k in marks))
    if keep == a.bodies:
        return found
    return (replace(a, bodies=keep), span) if keep else None


def _without_speaker(found: tuple | None, facts: dict) -> tuple | None:
    """The document's own issuer is never a lead body of its tasks: "Ban Thường vụ Thành ủy Hà Nội chỉ
    đạo …" (a headline, or the issuer's voice) tells of the document, it is not a task of its issuer."""
    if found is None:
        return None
    a, span = found
    if facts.get("issuer") and conveys(facts["issuer"]):
        return found   # "Thường trực Tỉnh ủy yêu cầu Văn phòng Tỉnh ủy ..." in the office's letter: a task of the office
    names = [H.bare_key(n) for n in (facts.get("issuer"), facts.get("acting_body"), facts.get("co_issuer")) if n]
    own = lambda b: len(b.split()) >= 2 and b[:1].isupper() and any(n.startswith(H.bare_key(b)) for n in names)
    keep = tuple(b for b in a.bodies if not own(b))
    if keep == a.bodies:
        return found
    return (replace(a, bodies=keep), span) if keep else None


def _placed_cited(st: SourceText, cited):
    """A citation whose author is a committee's keyword alone, placed by the one such committee the page names;
    a commune's body without its place ("Tờ trình của UBND xã"), by the one commune of its kind the page names."""
    placed = P.committee_in_text(st, cited.issuer) if cited.issuer else None
    organ = re.match(rf"({G.piece('committee_organ')})\s+", cited.issuer or "")
    if placed is None and organ:   # "NQ 28 của Ban Thường vụ Thành ủy": the organ of the one such committee named
        committee = P.committee_in_text(st, cited.issuer[organ.end():])
        placed = f"{organ.group(1)} {committee}" if committee else None
    if placed is None and cited.issuer:
        found = H.body_in_text(cited.issuer)
        commune = P.commune_in_text(st, found[1]) if found and found[1].name == cited.issuer else None
        placed = commune.name if commune else None
    return replace(cited, issuer=placed) if placed else cited


def _central_cited(cited):
    """A cited central body's "T.Ư" symbol is Trung ương's ("15-NQ/TƯ của Bộ Chính trị" -> 15-NQ/TW)."""
    central = H.refdata.find_central_body(cited.issuer) if cited.issuer and cited.number else None
    number = H.central_symbol(cited.number, cited.text, "central") if central else cited.number
    return replace(cited, number=number) if number != cited.number else cited


def _is_self(cited, facts: dict) -> bool:
    """A mention of the document itself ("Công văn số 2458-CV/ĐUK" in the article reporting it, the
    page title "Chỉ thị của Ban Thường vụ Tỉnh ủy Đắk Lắk ...", the conclusion a notice's title conveys) is not
    a citation."""
    if cited.number:
        return bool(facts.get("number")) and H.bare_key(cited.number) == H.bare_key(facts["number"])
    if cited.date:
        return False
    if cited.issuer and facts.get("subject") and H.bare_key(facts["subject"]).startswith(H.bare_key(cited.text)):
        return True   # "THÔNG BÁO / Kết luận của Bộ trưởng X tại ...": the words its own title opens with
    if not cited.issuer or cited.doc_type != facts.get("doc_type"):
        return False
    names = [H.bare_key(n) for n in (facts.get("issuer"), facts.get("acting_body")) if n]
    return any(n.startswith(H.bare_key(cited.issuer)) for n in names)


def _facts(st: SourceText, head: H.Header, end: int, copy, signed_or_addressed: bool,
           rep: P.Reported | None = None) -> dict:
    """Header facts completed from the body: the reported document of a press text, the organ
    speaking ("Ban Thường vụ Tỉnh ủy yêu cầu"), "Chủ tịch UBND tỉnh Chỉ thị:", and the locality
    from the header, the place line or the copy block."""
    ev = dict(head.evidence)
    warnings = list(head.warnings)
    doc = head
    original = head.text_kind == "ORIG"
    title_subject = None
    if rep is not None and original and _page_title(st, rep, head):
        title_subject = (rep.subject, rep.evidence.get("subject"))
        rep = None  # a page title naming the document whose header follows: the page is the original
    if rep is not None:
        # a header without number or issuer over a press text is the article's date line: not used
        base = head if head.number else H.Header(end=head.end)
        doc = _with_reported(base, rep)
        ev = {**{k: v for k, v in rep.evidence.items() if not k.startswith("signer.")}, **base.evidence}
        warnings = list(base.warnings) + list(rep.warnings)
        original = False
    subject = doc.subject
    if subject is None and title_subject and title_subject[0]:
        subject, ev["subject"] = title_subject
    if subject is None and not original:
        titled = H.title_subject(st, 0, end)
        if titled:
            subject, ev["subject"] = titled
    kind = "ORIG" if original else doc.text_kind
    portal = H.portal_fields(st, 0, end)
    date = doc.date
    portal_date = _portal_date(portal.get("date")) if date is None else None
    if portal_date:
        date, ev["date"] = portal_date
    acting = H.find_acting(st, head.end, end, with_prefix=original or doc.issuer is not None,
                           letter=bool(H.find_list(st, "recipients", 0, end)))
    if acting is None and not original and doc.issuer is None:
        acting = H.find_role_acting(st, head.end, end)   # "Thủ tướng yêu cầu Bộ Công an ...": a post alone speaking
    if acting and doc.doc_type is None and doc.issuer is None and (H.told_at_meeting(st.work, head.end, acting.span.start)
                                                                  or P.told_as_past_at(st.work, acting.span.start)
                                                                  or P.told_deep_at(st.work, acting.span.end)):
        acting = None   # "Tại hội nghị, Ban Thường vụ Tỉnh ủy yêu cầu ...": asked at a meeting, no document issued;
        # "Trước đó, Bộ Chính trị đã ban hành ...", two paragraphs in "Thành ủy đã chỉ đạo ...": told as past
    issuer = doc.issuer
    co_issuer = None
    if acting and issuer is None:
        issuer = acting.organ
        ev["issuer"] = acting.span
        co_issuer = acting.joint.name if acting.joint else None
        kind = kind or ("ORIG" if signed_or_addressed else "QUOTE")
    closing = H.closing_author(st, head.end, end) if acting and acting.opinion and issuer is acting.organ else None
    if closing:   # "Văn phòng UBND tỉnh thông báo để ...": the letter's author, not the leader whose opinion it conveys
        issuer, ev["issuer"] = closing
    if acting and issuer is not None and acting.organ.keyword != issuer.keyword:
        acting = None
    own_type = P.own_by_verb(st, head.end, end) if doc.doc_type is None and issuer is None and rep is None else None
    if own_type:   # "Ban Tuyên giáo Trung ương hướng dẫn ... như sau:": the page's own unnumbered Hướng dẫn
        issuer, ev["issuer"] = own_type[1], own_type[2]
        kind = kind or ("ORIG" if signed_or_addressed else "QUOTE")
    issuing = H.find_issuing_verb(st, doc.doc_type, head.end, end)
    if issuing is None and original and issuer is not None:
        issuing = H.find_enacting_line(st, issuer, doc.doc_type, head.end, end)   # "Ban Bí thư ban hành Quy chế ..."
    if issuing and (issuer is None or issuing[0].channel == issuer.channel):
        issuer, ev["issuer"] = issuing
    titled_type = H.title_type(st, 0, end) if doc.doc_type is None and rep is None else None
    if titled_type and issuer is None and titled_type[2] is not None:
        issuer, ev["issuer"] = titled_type[2], titled_type[1]   # "Chỉ thị của Chủ tịch UBND tỉnh về việc ...": its author
    attributed = H.attributed_author(st, head.end, end) if issuer is None and not original else None
    if attributed:   # "“...”. Đó là chỉ đạo của UBND tỉnh đối với Sở X": the direction reported is that body's
        issuer, ev["issuer"] = attributed
    if issuer is None and "issuer" in portal:   # a law portal's "Cơ quan ban hành: Bộ X"
        found = H.body_in_text(portal["issuer"][0])
        if found:
            issuer, ev["issuer"] = found[1], portal["issuer"][1]
    prose_acting = rep.acting if rep is not None and rep.issuer is not None and issuer is rep.issuer else None
    if issuer is not None and issuer.open_unit and not original:
        issuer = (P.locality_in_text(st, issuer) or P.commune_in_text(st, issuer)
                  or P.province_of_districts(st, issuer)                                  # "Thành ủy" placed by
                  or P.province_of_press(st, issuer) or P.province_of_lead(st, issuer, rep)   # "Theo Thành ủy Đà Nẵng"
                  or P.city_of_quarters(st, issuer) or P.province_of_outlet(st, issuer)
                  or P.province_of_named(st, issuer, rep.evidence.get("subject") if rep is not None else None)
                  or P.in_named_province(st, issuer) or issuer)

    # locality: the issuer's own, its parent line, the place line, the copying body's
    loc = _locality(issuer, head.parent, doc.place or head.place, copy)
    named = P.province_named(st) if issuer is None and loc == (None, None, None, None) else None
    if named:   # a page of no issuer naming one province: its bare "Tỉnh ủy", "UBND tỉnh" are that province's
        loc = (named[0], named[1], None, None)
    district = P.district_named(st) if issuer is None and loc == (None, None, None, None) else None
    if district:   # ... or one district ("Huyện ủy Bố Trạch tổ chức hội nghị"): its "Tỉnh ủy" is that of Quảng Bình
        loc = district
    if issuer is not None:
        issuer = H.on_date(H.with_locality(issuer, *loc), date)
    place = doc.place
    if place is None and kind == "ORIG" and signed_or_addressed and issuer is not None \
            and issuer.channel == "party" and issuer.level == "province" and issuer.province:
        place = issuer.province
        warnings.append(f"place not written; taken as the issuer's province {place}")
    doc_type = doc.doc_type
    letter = kind == "ORIG" and signed_or_addressed and bool(H.find_list(st, "recipients", 0, end))
    if doc_type is None and own_type and not letter:   # "Kính gửi: ..." then "Bộ X hướng dẫn ...": a công văn, below
        doc_type, ev["doc_type"] = own_type[0], own_type[2]
        typed = H.type_line_subject(st, doc_type, head.end, end) if subject is None else None
        if typed:   # "HƯỚNG DẪN" alone on a line, its trích yếu on the lines under it
            subject, ev["subject"] = typed
    if doc_type is None and titled_type and (issuer is not None or H.formal_title(st, 0, end)):
        # a page title "Thông báo treo cờ ..." over a body speaking; with nobody issuing, a news headline
        # unless it opens the trích yếu formally ("THÔNG BÁO VỀ VIỆC ...")
        doc_type, ev["doc_type"] = titled_type[0], titled_type[1]
    elif doc_type is None and titled_type and H.outline_title(st, 0, end):
        # ... or the text under it is the document's outline ("ĐỀ CƯƠNG TUYÊN TRUYỀN ..." then "I. Căn cứ pháp lý")
        doc_type, ev["doc_type"] = titled_type[0], titled_type[1]
        rest = H.title_rest(st, 0, end) if subject is None else None
        if rest:
            subject, ev["subject"] = rest
    cued = P.own_by_cue(st, head.end, end) if doc_type is None and rep is None and issuer is not None else None
    if cued:   # "Ban Thường vụ Thành ủy yêu cầu ... Chỉ thị nêu rõ, ...": the issuer's own unnumbered Chỉ thị quoted
        doc_type, ev["doc_type"] = cued
    if doc_type is None and letter:
        doc_type = H.default_type()  # an untitled letter with a Kính gửi list is a công văn
        warnings.append(f"type not written; an untitled letter with a Kính gửi list is a {doc_type}")
    if doc_type is None and original and H.letter_subject(subject):
        doc_type = H.default_type()  # "V/v ..." under the number: the trích yếu of a công văn (NĐ 30/2020)
        warnings.append(f"type not written; a trích yếu opening as a letter's is a {doc_type}'s")
    level = issuer.level if issuer else None
    name = issuer.name if issuer is not None else None
    if issuer is not None and issuer.open_unit:
        warnings.append(f"issuer written as {issuer.name!r} without its place; kept as written")
    acting_body = None
    if prose_acting and name:
        acting_body = f"{prose_acting} {name}"
        ev["acting_body"] = ev["issuer"]
    elif acting and acting.acting and name:
        acting_body = f"{acting.acting} {name}"
        ev["acting_body"] = acting.span
    if subject is None and "subject" in portal:
        subject, ev["subject"] = portal["subject"]
    if name is None:
        ev.pop("issuer", None)
    if place is None:
        ev.pop("place", None)
    province, province_kind, district, district_kind = loc
    # a department ("Ban Tuyên giáo Tỉnh ủy X") names its committee's bodies ("các huyện ủy trực thuộc Tỉnh ủy X")
    committee = (H.committee_of_department(name) or name) if issuer is not None and issuer.channel == "party" and name else None
    parent_committee = None
    if level == "district" and province:
        p = H.refdata.find_province(province)
        parent_committee = f"{p.committee if p else 'Tỉnh ủy'} {province}"
    context = DocContext(
        issuer=name, level=level, channel=issuer.channel if issuer else None, province=province,
        province_kind=province_kind, district=district, district_kind=district_kind,
        committee=committee, parent_committee=parent_committee, date=date,
    )
    number = doc.number
    if number is None and rep is None and issuer is not None and "number" in portal and _SYMBOL.fullmatch(portal["number"][0]):
        number, ev["number"] = H.normalize_number(portal["number"][0]), portal["number"][1]   # a portal's "Số: 54/VPTT"
    written = ev["number"].quote if "number" in ev else ""
    return {
        "doc_type": doc_type, "number": H.central_symbol(number, written, level), "date": date, "place": place,
        "issuer": name, "acting_body": acting_body, "issuer_level": level,
        "parent_body": head.parent.name if head.parent else None, "subject": subject,
        "urgency": doc.urgency, "secrecy": head.secrecy, "channel": context.channel,
        "province": province, "district": district, "text_kind": kind,
        "evidence": ev, "warnings": warnings, "context": context, "co_issuer": co_issuer,
        "portal_signer": portal.get("signer"),
    }


def _portal_date(found: tuple[str, Span] | None) -> tuple[str, Span] | None:
    """The date of a law portal's table ("Ngày ban hành: 13/01/2026", "22-11-2006"), with its span."""
    m = G.compiled("date").fullmatch(found[0]) if found else None
    iso = H.date_from_parts(m.group("d"), m.group("m"), m.group("y"))[0] if m else None
    return (iso, found[1]) if iso else None


def _portal_signer(found: tuple[str, Span] | None) -> tuple[Signer, Span] | None:
    """The signer of a law portal's table ("Người ký: Trần Văn Nam"): a person's name, every word capitalised."""
    if found is None or not name_like(found[0]):
        return None
    return Signer(name=found[0]), found[1]


_SENTENCE_LINE = re.compile(r"[^\n:]{30,}[.!?]\s*$", re.M)


def _page_title(st: SourceText, rep: P.Reported, head: H.Header) -> bool:
    """The reported document is only named by the page's title line (and the site's "key: value"
    metadata), the same number as the header below: no journalist's sentence stands in between."""
    if not (rep.title_line and rep.number and head.number and rep.lead):
        return False
    if H.bare_key(rep.number) != H.bare_key(head.number):
        return False
    return not _SENTENCE_LINE.search(st.work, rep.lead.end, max(rep.lead.end, _header_start(head)))


def _with_reported(head: H.Header, rep: P.Reported) -> H.Header:
    """The header's facts, each missing one taken from the press lead (they name one document)."""
    pick = lambda name: getattr(head, name) or getattr(rep, name)
    return replace(head, doc_type=pick("doc_type"), number=pick("number"), date=pick("date"),
                   issuer=pick("issuer"), subject=pick("subject"), urgency=pick("urgency"), text_kind=rep.kind)


def _locality(issuer, parent, place, copy) -> tuple[str | None, str | None, str | None, str | None]:
    """(province, province kind, district, district kind) of the issuer."""
    for organ in (issuer, parent):
        if organ is not None and (organ.province or organ.district):
            return organ.province, organ.province_kind, organ.district, organ.district_kind
    if place:
        p = H.lookup_province(place)
        if p:
            return p[0], p[1], None, None
        d = H.lookup_district(place)
        if d:
            pk = H.lookup_province(d[2])
            return d[2], pk[1] if pk else None, d[0], d[1]
    if copy is not None and copy.header.issuer is not None and copy.header.issuer.province:
        o = copy.header.issuer
        return o.province, o.province_kind, None, None
    return None, None, None, None


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    return extract(SourceText.from_text(text), source)


def extract_file(path: str | Path, *, ocr: str = "auto", ocr_cache: str | Path | None = None) -> DocumentRecord:
    """Read one file and extract it; ExtractError when the reader sets it aside. ``ocr`` and
    ``ocr_cache`` as in ``read_document`` (scans and page images)."""
    source = str(path)
    doc = read_document(Path(path), ocr=ocr, ocr_cache=ocr_cache)
    if isinstance(doc, SetAside):
        raise ExtractError(source, doc.reason)
    record = extract(SourceText.from_text(doc.text), source, doc.sha256)
    if doc.warnings:
        record = replace(record, warnings=doc.warnings + record.warnings)
    return replace(record, ocr=doc.ocr) if doc.ocr else record
