"""Typed records passed between pipeline stages: text -> DocumentRecord -> triples.

All records are frozen. Every extracted value that comes from the text has an entry in the
record's ``evidence`` map: a key naming the value (a JSON path such as ``"number"``,
``"cited_documents[0]"``, ``"assignments[2].bodies[0]"``, ``"signer.name"``, ``"copy.number"``)
and a :class:`Span` into the document's canonical text (NFC, Python string offsets).
``canonical_text[span.start:span.end] == span.quote`` always holds.

The JSON form (``to_json``) uses the keys of ../shared/README.md ("the record").
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Span:
    """A piece of evidence: offsets into the canonical NFC text and the exact quote."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class CitedDocument:
    """A specific document that the text cites."""

    text: str                      # the phrase as written (whitespace collapsed)
    doc_type: str | None = None    # "Công điện", "Chỉ thị", ...
    number: str | None = None      # "10/ĐM", spaces removed
    date: str | None = None        # ISO "2020-07-28"
    issuer: str | None = None      # resolved: "UBND tỉnh Ninh Bình"
    relation: str = "refers"       # implements | based_on | refers | cited_by_cited
    explicit: bool = True          # False: named only by author and subject
    cited_from: str | None = None  # for relation cited_by_cited: number of the citing cited document
    date_as_written: str | None = None  # set when the written date was impossible or corrected
    subject: str | None = None     # "về ..." part when present


@dataclass(frozen=True)
class Assignment:
    """A task given to named bodies: lead bodies, cooperating bodies, reports-to."""

    text: str
    bodies: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    reports_to: str | None = None


@dataclass(frozen=True)
class Signer:
    name: str | None = None
    role: str | None = None        # "PHÓ BÍ THƯ"
    authority: str | None = None   # "T/M BAN THƯỜNG VỤ", "KT. BỘ TRƯỞNG"


@dataclass(frozen=True)
class CopyRecord:
    """A sao lục / sao y block: a document of its own derived from the original."""

    doc_type: str = "Sao lục"
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    signer: Signer | None = None
    distribution: tuple[str, ...] = ()


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its number (from 1), mean word confidence (0-100) and word count."""

    number: int
    confidence: float
    words: int


@dataclass(frozen=True)
class OcrInfo:
    """How a document's text was read by OCR (the text itself is the SourceDocument's)."""

    engine: str                    # "tesseract"
    version: str                   # "5.3.0"
    language: str                  # "vie"
    pages: tuple[OcrPage, ...] = ()
    cached: bool = False           # every page came from the OCR cache (no OCR ran)

    @property
    def mean_confidence(self) -> float:
        """Mean of the pages' confidences, weighted by their words."""
        words = sum(p.words for p in self.pages)
        if not words:
            return 0.0
        return round(sum(p.confidence * p.words for p in self.pages) / words, 1)


@dataclass(frozen=True)
class DocumentRecord:
    """Everything extracted from one input document."""

    source: str                                # path as given
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    acting_body: str | None = None
    issuer_level: str | None = None            # central | province | district | commune | sector
    parent_body: str | None = None
    subject: str | None = None
    urgency: str | None = None                 # Hỏa tốc | Thượng khẩn | Khẩn
    secrecy: str | None = None                 # Mật | Tối mật | Tuyệt mật
    channel: str | None = None                 # party | state | front | armed
    province: str | None = None                # locality of the issuer (2020 units)
    district: str | None = None
    recipients: tuple[str, ...] = ()
    cited_documents: tuple[CitedDocument, ...] = ()
    generic_references: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    signer: Signer | None = None
    distribution: tuple[str, ...] = ()
    copy_of: str | None = None
    copy: CopyRecord | None = None
    text_kind: str | None = None               # ORIG (the document) | PRESS (a report on it) | QUOTE (a report quoting it)
    evidence: Mapping[str, Span] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()             # plain words: "date 29/77/2020 is impossible; ..."
    sha256: str | None = None                  # of the source bytes
    ocr: OcrInfo | None = None                 # set when the text was read by OCR

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON-able data (lists for tuples, nested dicts)."""
        return _plain(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_from_json(data: Mapping[str, Any], source: str | None = None) -> DocumentRecord:
    """Rebuild a DocumentRecord from its JSON form (also reads gold files)."""

    def signer(d):
        return Signer(**{k: d.get(k) for k in ("name", "role", "authority")}) if d else None

    cites = tuple(
        CitedDocument(**{k: c[k] for k in c if k in CitedDocument.__dataclass_fields__})
        for c in data.get("cited_documents") or []
    )
    assigns = tuple(
        Assignment(
            text=a.get("text", ""),
            bodies=tuple(a.get("bodies") or ()),
            cooperating=tuple(a.get("cooperating") or ()),
            reports_to=a.get("reports_to"),
        )
        for a in data.get("assignments") or []
    )
    copy = None
    if data.get("copy"):
        c = data["copy"]
        copy = CopyRecord(
            doc_type=c.get("doc_type") or "Sao lục", number=c.get("number"), date=c.get("date"),
            place=c.get("place"), issuer=c.get("issuer"), signer=signer(c.get("signer")),
            distribution=tuple(c.get("distribution") or ()),
        )
    evidence = {k: Span(**v) for k, v in (data.get("evidence") or {}).items()}
    simple = {
        k: data.get(k)
        for k in (
            "doc_type", "number", "date", "place", "issuer", "acting_body", "issuer_level",
            "parent_body", "subject", "urgency", "secrecy", "channel", "province", "district",
            "copy_of", "text_kind", "sha256",
        )
    }
    return DocumentRecord(
        source=source or data.get("source") or "",
        recipients=tuple(data.get("recipients") or ()),
        cited_documents=cites,
        generic_references=tuple(data.get("generic_references") or ()),
        assignments=assigns,
        signer=signer(data.get("signer")),
        distribution=tuple(data.get("distribution") or ()),
        copy=copy,
        evidence=evidence,
        warnings=tuple(data.get("warnings") or ()),
        **simple,
    )


__all__ = [
    "Span", "OcrPage", "OcrInfo", "CitedDocument", "Assignment", "Signer", "CopyRecord", "DocumentRecord",
    "record_from_json", "asdict",
]
