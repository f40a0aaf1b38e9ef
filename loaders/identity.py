"""Stable IRIs from identity (docs/design.md, "IRIs"): never from file names, pure functions.

A document's IRI comes from whose numbering series its number belongs to (the *authority*), the
year and the number; documents without a number fall back to issuer + date + type, then to a hash
of the source bytes (loaded) or of what the citation says (cited). Everything else a document says
(citations, assignments, signature, entries, evidence) lives under the document's IRI.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from loaders.context import DocContext
from loaders.slug import slug

ID = "https://w3id.org/directive-kg/id/"
CORPUS_GRAPH = ID + "graph/corpus"
BUILD_GRAPH = ID + "graph/build"
BUILD_NODE = ID + "build"  # the prov:Activity of the last build (its stamp, counts), in BUILD_GRAPH
REFERENCE_GRAPH = ID + "graph/reference"
ONTOLOGY_GRAPH = ID + "graph/ontology"

UNKNOWN = "unknown"  # slug used when an identity part is missing (an issuer nobody named)


@lru_cache(maxsize=1 << 16)
def _part(text: str | None) -> str:
    return (slug(text) if text else "") or UNKNOWN


def _nfc_collapsed(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- numbering authority ------------------------------------------------------------------

def numbering_authority(issuer: str | None, ctx: DocContext | None = None) -> str | None:
    """Whose numbering series a document of ``issuer`` belongs to ("Ban Thường vụ Tỉnh ủy Nam Định"
    -> "Tỉnh ủy Nam Định"; "Bộ Chính trị" -> "Trung ương"; a State issuer -> itself), from
    data/reference through loaders.bodies."""
    from loaders import bodies  # here, not at the top: a query imports identity (graph names), not the data
    return bodies.numbering_authority(issuer, ctx) if issuer else None


# --- documents ----------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # compiled once: resolution asks it ~10 times a document


@lru_cache(maxsize=65536)  # resolution asks it ~10 times a document, of a few thousand distinct dates
def year_of(date: str | None) -> str | None:
    """"2020-07-29" -> "2020"; None or malformed -> None."""
    return date[:4] if date and _ISO_DATE.match(date) else None


def numbered_doc_iri(authority: str | None, year: str | None, number: str) -> str:
    return f"{ID}doc/{_part(authority)}/{year or 'undated'}/{_part(number)}"


def dated_doc_iri(issuer: str | None, date: str, doc_type: str | None) -> str:
    return f"{ID}doc/{_part(issuer)}/{date}/{_part(doc_type)}"


def loaded_unnumbered_iri(issuer: str | None, sha256: str) -> str:
    return f"{ID}doc/{_part(issuer)}/unnumbered/{sha256[:16]}"


def cited_unnumbered_iri(issuer: str | None, doc_type: str | None, subject_or_text: str) -> str:
    digest = hashlib.sha1(_nfc_collapsed(subject_or_text).lower().encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{ID}doc/{_part(issuer)}/cited/{_part(doc_type)}-{digest}"


@dataclass(frozen=True)
class DocIdentity:
    """What identifies a document: enough to mint its IRI.

    ``issuer`` is the canonical issuing body, ``authority`` its numbering authority; ``sha256`` is set
    for a loaded document (source bytes), ``text`` (subject or citation phrase) for a cited one.
    """

    authority: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    sha256: str | None = None
    text: str | None = None


def document_iri(ident: DocIdentity) -> str:
    """The IRI of a document from its identity (the design's four cases, in order)."""
    if ident.number:
        return numbered_doc_iri(ident.authority, year_of(ident.date), ident.number)
    if year_of(ident.date):
        return dated_doc_iri(ident.issuer, ident.date, ident.doc_type)
    if ident.sha256:
        return loaded_unnumbered_iri(ident.issuer, ident.sha256)
    return cited_unnumbered_iri(ident.issuer, ident.doc_type, ident.text or "")


# --- nodes under a document ---------------------------------------------------------------

def citation_iri(doc: str, i: int) -> str:
    """The i-th citation (from 1) of the record whose document is ``doc``."""
    return f"{doc}/citation/{i}"


def assignment_iri(doc: str, i: int) -> str:
    return f"{doc}/assignment/{i}"


def signature_iri(doc: str) -> str:
    return f"{doc}/signature"


def recipient_iri(doc: str, i: int) -> str:
    return f"{doc}/recipient/{i}"


def distribution_iri(doc: str, i: int) -> str:
    return f"{doc}/distribution/{i}"


def evidence_iri(doc: str, field_path: str, sha256: str | None = None) -> str:
    """``sha256`` of the source file: two files of the same document keep their evidence apart."""
    source = f"{sha256[:16]}/" if sha256 else ""
    return f"{doc}/evidence/{source}{_field_slug(field_path)}"


@lru_cache(maxsize=1 << 14)  # a few hundred field paths, in every record
def _field_slug(field_path: str) -> str:
    return slug(field_path)


# --- bodies, people, places, files --------------------------------------------------------

def body_iri(canonical_name: str) -> str:
    return f"{ID}body/{_part(canonical_name)}"


def group_iri(canonical_text: str) -> str:
    return f"{ID}group/{_part(canonical_text)}"


def person_iri(name: str, body_signed_for: str | None) -> str:
    return f"{ID}person/{_part(name)}/{_part(body_signed_for)}"


def unit_iri(year: int, province: str, district: str | None = None) -> str:
    tail = f"/{_part(district)}" if district else ""
    return f"{ID}unit/{year}/{_part(province)}{tail}"


def source_iri(sha256: str) -> str:
    return f"{ID}source/{sha256}"


def file_graph_iri(path: str) -> str:
    """Named graph of a source file; ``path`` relative to the corpus root with "/" separators."""
    return f"{ID}graph/file/{_part(path)}"
