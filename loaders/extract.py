"""SourceText -> DocumentRecord: header -> context -> citations -> assignments -> signature / copy.

Each stage is guarded: a stage that fails leaves its fields empty and a warning in the record, so
one odd document never stops a batch. ``extract_file`` is the only function here that does I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from loaders import header as H
from loaders.assignments import find_assignments
from loaders.citations import find_citations
from loaders.context import DocContext
from loaders.read import SetAside, read_document
from loaders.records import DocumentRecord, Span
from loaders.signature import SignatureBlock, find_copy_start, parse_copy, parse_signature
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
    recipients = run.guard("recipients", lambda: H.find_list(st, "recipients", 0, end), [])
    sig = run.guard("signature", lambda: parse_signature(st, head.end, end), SignatureBlock())
    facts = run.guard("issuer", lambda: _facts(st, head, end, copy, bool(recipients or sig.signer)), {})
    run.warnings[:0] = list(facts.pop("warnings", ()))
    ev.update(facts.pop("evidence", {}))
    ctx = facts.pop("context", DocContext())

    cited, generic = (), ()
    found = run.guard("citations", lambda: find_citations(st, ctx))
    if found is not None:
        own = [(c, sp) for c, sp in found.citations if not _is_self(c, facts)]
        dropped = [c.number for c, _ in found.citations if c.number and _is_self(c, facts)]
        found = replace(found, citations=tuple(own),
                        warnings=tuple(w for w in found.warnings if not any(n in w for n in dropped)))
        cited = tuple(c for c, _ in found.citations)
        generic = tuple(g for g, _ in found.generic)
        ev.update({f"cited_documents[{i}]": s for i, (_, s) in enumerate(found.citations)})
        ev.update({f"generic_references[{i}]": s for i, (_, s) in enumerate(found.generic)})
        run.warnings.extend(found.warnings)
    found = run.guard("assignments", lambda: find_assignments(st, ctx), ())
    assignments = tuple(a[0] for a in found)
    ev.update({f"assignments[{i}]": a[1] for i, a in enumerate(found)})

    ev.update({f"recipients[{i}]": s for i, s in enumerate(recipients)})
    ev.update(sig.evidence)
    copy_record = None
    if copy is not None:
        copy_record = copy.record
        ev.update(copy.evidence)
    return DocumentRecord(
        source=source,
        recipients=tuple(st.value(s.start, s.end) for s in recipients),
        cited_documents=cited, generic_references=generic, assignments=assignments,
        signer=sig.signer, distribution=sig.distribution,
        copy_of=facts.get("number") if copy_record else None, copy=copy_record,
        evidence=ev, warnings=tuple(run.warnings), sha256=sha256, **facts,
    )


def _is_self(cited, facts: dict) -> bool:
    """A mention of the document itself ("Công văn số 2458-CV/ĐUK" in the article reporting it, the
    page title "Chỉ thị của Ban Thường vụ Tỉnh ủy Đắk Lắk ...") is not a citation."""
    if cited.number:
        return bool(facts.get("number")) and H.fold(cited.number) == H.fold(facts["number"])
    if cited.date or not cited.issuer or cited.doc_type != facts.get("doc_type"):
        return False
    names = [H.fold(n) for n in (facts.get("issuer"), facts.get("acting_body")) if n]
    return any(n.startswith(H.fold(cited.issuer)) for n in names)


def _facts(st: SourceText, head: H.Header, end: int, copy, signed_or_addressed: bool) -> dict:
    """Header facts completed from the body: the reported document of a press text, the organ
    speaking ("Ban Thường vụ Tỉnh ủy yêu cầu"), "Chủ tịch UBND tỉnh Chỉ thị:", and the locality
    from the header, the place line or the copy block."""
    ev = dict(head.evidence)
    warnings = list(head.warnings)
    doc = head
    original = head.text_kind == "ORIG"
    if not head.number and head.issuer is None:
        reported = H.reported_document(st, 0, end)
        if reported:
            doc = reported
            ev.update(reported.evidence)
            warnings.extend(reported.warnings)
    subject = doc.subject
    if subject is None and not original:
        titled = H.title_subject(st, 0, end)
        if titled:
            subject, ev["subject"] = titled
    kind = "ORIG" if original else doc.text_kind
    acting = H.find_acting(st, head.end, end, with_prefix=original or doc.issuer is not None)
    issuer = doc.issuer
    if acting and issuer is None:
        issuer = acting.organ
        ev["issuer"] = acting.span
        kind = kind or ("ORIG" if signed_or_addressed else "QUOTE")
    if acting and issuer is not None and acting.organ.keyword != issuer.keyword:
        acting = None
    issuing = H.find_issuing_verb(st, doc.doc_type, head.end, end)
    if issuing and (issuer is None or issuing[0].channel == issuer.channel):
        issuer, ev["issuer"] = issuing

    # locality: the issuer's own, its parent line, the place line, the copying body's
    loc = _locality(issuer, head.parent, doc.place or head.place, copy)
    if issuer is not None:
        issuer = H.complete(issuer, *loc)
    place = doc.place if doc is head else None
    if place is None and kind == "ORIG" and signed_or_addressed and issuer is not None \
            and issuer.channel == "party" and issuer.level == "province" and issuer.province:
        place = issuer.province
        warnings.append(f"place not written; taken as the issuer's province {place}")
    doc_type = doc.doc_type
    if doc_type is None and kind == "ORIG" and signed_or_addressed and H.find_list(st, "recipients", 0, end):
        doc_type = H.default_type()  # an untitled letter with a Kính gửi list is a công văn
        warnings.append(f"type not written; an untitled letter with a Kính gửi list is a {doc_type}")
    level = issuer.level if issuer else None
    name = issuer.name if issuer is not None and not issuer.open_unit else None
    if issuer is not None and issuer.open_unit:
        warnings.append(f"issuer written as {issuer.name!r} without its place; not resolved")
    acting_body = None
    if acting and acting.acting and name:
        acting_body = f"{acting.acting} {name}"
        ev["acting_body"] = acting.span
    if name is None:
        ev.pop("issuer", None)
    if place is None:
        ev.pop("place", None)
    province, province_kind, district, district_kind = loc
    committee = name if issuer is not None and issuer.channel == "party" and name else None
    parent_committee = None
    if level == "district" and province:
        p = H.refdata.find_province(province)
        parent_committee = f"{p.committee if p else 'Tỉnh ủy'} {province}"
    context = DocContext(
        issuer=name, level=level, channel=issuer.channel if issuer else None, province=province,
        province_kind=province_kind, district=district, district_kind=district_kind,
        committee=committee, parent_committee=parent_committee, date=doc.date,
    )
    return {
        "doc_type": doc_type, "number": doc.number, "date": doc.date, "place": place,
        "issuer": name, "acting_body": acting_body, "issuer_level": level,
        "parent_body": head.parent.name if head.parent else None, "subject": subject,
        "urgency": head.urgency, "secrecy": head.secrecy, "channel": context.channel,
        "province": province, "district": district, "text_kind": kind,
        "evidence": ev, "warnings": warnings, "context": context,
    }


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
