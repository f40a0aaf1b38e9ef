"""Corpus-wide resolution: which document node each citation points to, which body each name is.

Input: every record of a build (``LoadedDocument``). Output: a frozen ``Resolution`` that the
mapper (to_rdf.py) turns into triples, plus ``ResolutionStats`` for the build summary.

Documents (docs/design.md, IRIs):
1. Numbered documents are keyed by (authority, number). A citation without a date takes the year of
   the one dated node with that key (loaded or cited elsewhere), else it stays ``undated``.
2. Citations without a number are matched, in this order, to a document with a number:
   - issuer + date + type (method ``issuer-date-type``), which also merges what the citation says
     (its subject) into the target;
   - issuer + subject similarity when the date is missing, the target dated on or before the
     citing document (method ``issuer-subject``, confidence 0.6-0.8 from the similarity).
   A citation is never matched to the document citing it (or its copy): a directive carried out
   comes from elsewhere, and a self-link is a SHACL violation. What is not matched stays its own
   node (method ``unresolved``).
3. A nested citation ("472/UBND-VP6 ... theo ... 253/TB-VPCP") is cited by the document it is nested
   in, asserted in the document whose text says it.
4. Each document node gets one issuer (_settle_issuers) and one date (_settle_dates); what other files
   say of them stays a claim of the file or citation that says it, and a conflict names the files.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date as date_type
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

from loaders import bodies as body_names
from loaders import grammar
from loaders import identity as ids
from loaders import refdata
from loaders.codes import concepts, find_code
from loaders.context import DocContext
from loaders.paths import REFERENCE
from loaders.refdata import fold
from loaders.records import Assignment, CitedDocument, CopyRecord, DocumentRecord, Signer
from loaders.slug import slug

NUMBER_CONFIDENCE = 1.0
DATE_TYPE_CONFIDENCE = 0.9
SUBJECT_MIN_SIMILARITY = 0.5          # Dice over subject words; below this no link is made
SUBJECT_CONFIDENCE = (0.6, 0.8)       # confidence at the minimum and at perfect similarity
ORIGINAL = "ORIG"                     # text kind of an original (its header names its issuer)
SHOWN_FILES = 3                       # citing files a date conflict names (then "and N more")


@dataclass(frozen=True)
class LoadedDocument:
    """One source file of the build and the record extracted from it (``slim``: only what resolution
    reads, see slim_record; the mapper gets the whole record back, to_rdf.map_corpus's ``full``)."""

    record: DocumentRecord
    path: str              # relative to the corpus root, "/" separators
    sha256: str            # of the source bytes
    loader_version: str
    slim: bool = False
    # sha256 of the whole record pickled (loaders.cache.CacheRow), when the extraction cache has it:
    # it stands for the record in to_rdf.file_fingerprint (a slim record cannot). Derived: not compared.
    digest: str | None = field(default=None, compare=False)

    def slimmed(self, strings: dict[str, str]) -> "LoadedDocument":
        """This file with slim_record's record (``strings``: one object per distinct string)."""
        return self if self.slim else self.interned(strings)

    def interned(self, strings: dict[str, str]) -> "LoadedDocument":
        """Slim, its strings those of ``strings`` (a slim record from another process shares none)."""
        return replace(self, record=slim_record(self.record, strings), slim=True)


def slim_record(r: DocumentRecord, strings: dict[str, str], source: str | None = None) -> DocumentRecord:
    """The fields of a record that resolve() reads, and nothing else: no evidence (spans and quotes:
    about 60 % of a record), task texts, places, distribution lists, warnings or OCR figures. A build
    keeps one such record a file from reading to mapping (a 100k-document build cannot keep whole
    ones); strings are shared through ``strings`` (body names and dates repeat in every file).
    Keep it in step with what resolve() and to_rdf.map_corpus read of ``LoadedDocument.record``.
    ``source``: the file's name, when not the record's (a record from the extraction cache has none)."""
    def s(value: str | None) -> str | None:
        return None if value is None else strings.setdefault(value, value)

    def names(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(map(s, values))

    def signer(x: Signer | None) -> Signer | None:  # signed_for reads the capacity line only
        return Signer(authority=s(x.authority)) if x is not None and x.authority else None

    cited = tuple(CitedDocument(text=s(c.text), doc_type=s(c.doc_type), number=s(c.number), date=s(c.date),
                                issuer=s(c.issuer), relation=s(c.relation), explicit=c.explicit,
                                cited_from=s(c.cited_from), subject=s(c.subject)) for c in r.cited_documents)
    tasks = tuple(Assignment(text="", bodies=names(a.bodies), cooperating=names(a.cooperating),
                             reports_to=s(a.reports_to)) for a in r.assignments)
    copy = r.copy and CopyRecord(doc_type=s(r.copy.doc_type), number=s(r.copy.number), date=s(r.copy.date),
                                 issuer=s(r.copy.issuer), signer=signer(r.copy.signer))
    return DocumentRecord(
        source=s(r.source if source is None else source), doc_type=s(r.doc_type), number=s(r.number), date=s(r.date), issuer=s(r.issuer),
        acting_body=s(r.acting_body), issuer_level=s(r.issuer_level), parent_body=s(r.parent_body),
        subject=s(r.subject), channel=s(r.channel), province=s(r.province), district=s(r.district),
        recipients=names(r.recipients), cited_documents=cited, assignments=tasks, signer=signer(r.signer),
        copy=copy, text_kind=s(r.text_kind), sha256=r.sha256)


LOCAL_LEVELS = frozenset({"province", "district", "commune"})


@dataclass(frozen=True)
class BodyNode:
    """One real body (``kind`` "body") or a class of bodies (``kind`` "group")."""

    iri: str
    name: str                        # canonical name
    kind: str = "body"
    level: str | None = None
    channel: str | None = None
    province: str | None = None      # 2020 unit names
    district: str | None = None
    parent: str | None = None        # IRI of the committee / parent body, or of the body a group is within
    parent_name: str | None = None   # its canonical name
    authority: str | None = None     # whose numbering series its documents use
    aliases: tuple[str, ...] = ()    # spellings seen in the corpus


@dataclass(frozen=True)
class ResolvedCitation:
    iri: str                          # the citation node
    index: int                        # position in record.cited_documents (0-based)
    citing: str                       # document IRI that cites
    asserted_in: str                  # document IRI whose text says it
    target: str                       # cited document IRI after resolution
    own_target: str                   # IRI the citation's own words give (== target unless inferred)
    relation: str                     # implements | based-on | refers | copy-of (code of dkgc:relation)
    explicit: bool
    method: str                       # number | issuer-date-type | issuer-subject | unresolved
    confidence: float
    issuer: str | None = None         # body/group IRI of the cited issuer as stated

    @property
    def inferred(self) -> bool:
        """True when the target depends on other files (not the citation's own identity)."""
        return self.target != self.own_target


@dataclass(frozen=True)
class ResolvedDocument:
    """The resolution of one loaded file: its document, its copy, and its names."""

    iri: str
    copy_iri: str | None
    citations: tuple[ResolvedCitation, ...]
    bodies: Mapping[str, str]         # name as written in this record -> body/group IRI
    locality: tuple[str | None, str | None] = (None, None)  # (province, district), 2020 units


@dataclass(frozen=True)
class DocNode:
    """What the corpus says about one document node (merged over files and citations)."""

    iri: str
    loaded: bool
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()     # canonical names, as every file states it (claims)
    subjects: tuple[str, ...] = ()
    issuer: str | None = None         # body IRI: the one issuer (see _settle_issuers)
    date: str | None = None           # the one date of issue, as written (see _settle_dates)
    date_in_corpus: bool = False      # its own files state different dates (or some none): the date is
                                      # the corpus's decision, each file's date a claim (dkg:claimedDate)
    issuer_from_citations: bool = False  # not from the document's own header
    acting_body: str | None = None    # body IRI of the organ acting for it (Ban Thường vụ, Thường trực)
    level: str | None = None          # of its issuer
    channel: str | None = None
    province: str | None = None       # locality of its issuer (2020 units)
    district: str | None = None


@dataclass(frozen=True)
class IssuerConflict:
    """Files that name different issuers for one document (only one is kept)."""

    document: str
    label: str                                    # its number, else its IRI
    kept: str                                     # canonical name of the issuer kept
    claims: tuple[tuple[str, str, bool], ...]     # (name as written, file, file is the document's own)

    @property
    def message(self) -> str:
        said = "; ".join(f'"{name}" in {path}' + (" (its own file)" if own else "")
                         for name, path, own in self.claims)
        return f"{self.label}: files name different issuers: {said}; kept {self.kept}"


@dataclass(frozen=True)
class DateConflict:
    """Files that state different dates for one document (only one is its eli:date_document)."""

    document: str
    label: str                                    # its number, else its IRI
    kept: str                                     # the date kept
    claims: tuple[tuple[str, str, bool], ...]     # (date as stated, file, file is the document's own)

    @property
    def message(self) -> str:
        """Each date with its own files and (a few of) its citing files: a central document is cited
        by thousands."""
        said = []
        for date in dict.fromkeys(d for d, _, _ in self.claims):
            own = [p for d, p, o in self.claims if d == date and o]
            citing = [p for d, p, o in self.claims if d == date and not o]
            parts = [f"its own file{'s' if len(own) > 1 else ''} {', '.join(own)}"] if own else []
            if citing:
                shown = ", ".join(citing[:SHOWN_FILES]) + (f" and {len(citing) - SHOWN_FILES} more" if len(citing) > SHOWN_FILES else "")
                parts.append(f"{len(citing)} citing file{'s' if len(citing) > 1 else ''}: {shown}")
            said.append(f"{date} ({'; '.join(parts)})")
        return f"{self.label}: files give different dates: {', '.join(said)}; kept {self.kept}"


@dataclass(frozen=True)
class ResolutionStats:
    documents_read: int = 0           # source files (records)
    copies: int = 0                   # copy blocks (each a document of its own)
    documents_cited_only: int = 0     # document nodes with no source file
    citations: int = 0
    citations_explicit: int = 0
    citations_implicit: int = 0
    citations_resolved: int = 0       # target identified: by number or by inference
    citations_inferred: int = 0       # of which by issuer-date-type or issuer-subject
    citations_unresolved: int = 0
    assignments: int = 0
    bodies: int = 0
    body_groups: int = 0
    issuer_conflicts: int = 0         # documents whose issuer files name differently (IssuerConflict)
    date_conflicts: int = 0           # documents whose date files state differently (DateConflict)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Resolution:
    documents: tuple[ResolvedDocument, ...]      # aligned with the input sequence
    nodes: Mapping[str, DocNode]                 # every document node, loaded or cited
    bodies: Mapping[str, BodyNode]               # by IRI
    stats: ResolutionStats = field(default_factory=ResolutionStats)
    conflicts: tuple[IssuerConflict, ...] = ()
    date_conflicts: tuple[DateConflict, ...] = ()

    @property
    def cited_only(self) -> frozenset[str]:
        return frozenset(i for i, n in self.nodes.items() if not n.loaded)


def evolved(obj, **changes):
    """dataclasses.replace for a frozen dataclass of plain fields (no __post_init__, no slots), without
    running __init__ again: the same object, 4x cheaper (settling copies every document node twice)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)
    return new


# --- bodies -------------------------------------------------------------------------------

def record_context(record: DocumentRecord) -> DocContext:
    """The context a record's relative names are read in."""
    province, district = record_locality(record)
    # No date: names do not depend on it, and equal contexts let resolve_body's cache work.
    return DocContext(issuer=record.issuer, level=record.issuer_level, channel=record.channel,
                      province=province, district=district)


# resolve_body's answers: they depend on the name, the context, the code and the reference data only, so
# a build keeps them in the map cache (tied to the code version) and the next one starts from them
# (known_bodies, learn_bodies): an add does not resolve the corpus's names again.
_BODIES: dict[tuple[str, DocContext], BodyNode] = {}


def resolve_body(name: str, ctx: DocContext) -> BodyNode:
    """A name as written -> its body node (loaders.bodies; a generic name is a node of its own)."""
    key = (name, ctx)
    node = _BODIES.get(key)
    if node is None:
        node = _BODIES[key] = _body_node(name, ctx)
    return node


def known_bodies(forget: bool = False) -> dict[tuple[str, DocContext], BodyNode]:
    """resolve_body's answers so far (for learn_bodies in a later process of the same code); ``forget``:
    and no longer hold them (a build's later stages need the memory, not the names)."""
    answers = dict(_BODIES)
    if forget:
        _BODIES.clear()
    return answers


def learn_bodies(answers: Mapping[tuple[str, DocContext], BodyNode] | None) -> None:
    """Take answers of resolve_body that known_bodies gave (same code and reference data)."""
    for key, node in (answers or {}).items():
        _BODIES.setdefault(key, node)


def _body_node(name: str, ctx: DocContext) -> BodyNode:
    body = body_names.resolve_body(name, ctx)
    if body is None:  # a generic name ("các cấp ủy đảng") still names who was told to act
        return _fallback_body(name, ctx)
    mint = ids.group_iri if body.kind == "group" else ids.body_iri
    labels = tuple(dict.fromkeys(l for l in (*body.labels, name) if l != body.name))
    return BodyNode(
        iri=mint(body.name), name=body.name, kind=body.kind, level=body.level,
        channel=body.channel, province=body.province, district=body.district,
        parent=ids.body_iri(body.parent) if body.parent else None, parent_name=body.parent,
        authority=body.authority,
        aliases=labels,
    )


# loaders.bodies returns None for generic names; a task given to them still needs a node.
_GROUP_WORD = re.compile(rf"(?:^|\s){grammar.piece('plural')}\s")


def _fallback_body(name: str, ctx: DocContext) -> BodyNode:
    canonical = " ".join(unicodedata.normalize("NFC", name).split())
    kind = "group" if _GROUP_WORD.search(canonical) else "body"
    mint = ids.group_iri if kind == "group" else ids.body_iri
    return BodyNode(iri=mint(canonical), name=canonical, kind=kind)


def record_locality(record: DocumentRecord) -> tuple[str | None, str | None]:
    """(province, district) of the issuer, 2020 units: as extracted, else from the issuer's name or
    the superior line ("Đảng bộ tỉnh Nam Định")."""
    if record.province:
        return record.province, record.district
    bare = DocContext(issuer=record.issuer, level=record.issuer_level, channel=record.channel)
    for name in filter(None, (record.issuer, record.parent_body)):
        node = resolve_body(name, bare)
        if node.province:
            return node.province, node.district
    return None, None


# --- document identity --------------------------------------------------------------------

_SUBJECT_LEAD = re.compile(rf"^\s*(?i:{grammar.piece('about')})\s+")
_SUBJECT_IN_TEXT = re.compile(rf"(?<!\w)(?i:{grammar.piece('about')})\s+")


def subject_of(text: str | None) -> str | None:
    """The "về ..." part of a trích yếu or citation phrase, without the lead words."""
    if not text:
        return None
    return _subject_of(text)


@lru_cache(maxsize=1 << 16)  # a cited document's phrase repeats in every file citing it
def _subject_of(text: str) -> str | None:
    if _SUBJECT_LEAD.match(text):
        return _SUBJECT_LEAD.sub("", text, count=1).strip() or None
    m = _SUBJECT_IN_TEXT.search(text)
    return text[m.end():].strip() or None if m else None


@lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    return slug(text)


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset[str]:
    return frozenset(slug(text).split("-")) - {""}


def subject_similarity(a: str, b: str) -> float:
    """Dice coefficient over the words of two subjects (diacritics and case ignored)."""
    return _dice(_words(a), _words(b))


@lru_cache(maxsize=16384)  # a few hundred spellings, asked once per citation and node: a look-up, not a parse
def doc_type_code(name: str | None, channel: str | None = None) -> str | None:
    """"Điện mật" -> "CĐ"; unknown -> None. Used to compare types across spellings."""
    if not name:
        return None
    return find_code("doc-type", name, channel if channel in ("party", "state") else None) or slug(name)


def _types_compatible(a: str | None, b: Iterable[str]) -> bool:
    b = [t for t in b if t]
    return a is None or not b or a in b


class _Mention(NamedTuple):
    """A cited document as its citing record states it, with names resolved. (This and the claims are
    NamedTuples: one a citation or a file, made 3x cheaper than a frozen dataclass, used within resolve().)"""

    record: int
    index: int
    cited: CitedDocument
    issuer: BodyNode | None
    authority: str | None
    citing_date: str | None
    type_code: str | None

    @property
    def key(self) -> tuple[int, int]:
        return (self.record, self.index)


# --- resolution ---------------------------------------------------------------------------

def resolve(docs: Sequence[LoadedDocument]) -> Resolution:
    """Resolve every record of a build against each other: one small step per method."""
    names = _Names(docs)
    loaded = [_loaded_identities(d, k, names) for k, d in enumerate(docs)]
    mentions = _mentions(docs, names)
    nodes = _Nodes(_known_years(loaded, mentions))
    doc_iris = [_add_loaded(nodes, d, own, copy) for d, (own, copy) in zip(docs, loaded)]
    own_targets = {m.key: ids.document_iri(_cited_identity(m)) for m in mentions}
    targets: dict[tuple[int, int], tuple[str, str, float]] = {}
    _by_number(mentions, nodes, targets, own_targets)
    _by_issuer_date_type(mentions, nodes, doc_iris, targets)
    _by_issuer_subject(mentions, nodes, doc_iris, targets)
    _unresolved(mentions, nodes, own_targets, targets)
    by_record: dict[int, list[_Mention]] = defaultdict(list)  # a look-up, not a scan of all mentions per file
    for m in mentions:
        by_record[m.record].append(m)
    resolved_docs = [_resolved_document(k, d, doc_iris[k], by_record.get(k, []), targets, own_targets, names)
                     for k, d in enumerate(docs)]
    bodies = _merge_bodies(_with_parents(names.all()))
    claims = _claims(docs, names, loaded, doc_iris, mentions, targets)
    final_nodes, conflicts = _settle_issuers(nodes, claims, bodies)
    final_nodes, date_conflicts = _settle_dates(final_nodes, _date_claims(docs, doc_iris, mentions, targets, own_targets))
    return Resolution(documents=tuple(resolved_docs), nodes=final_nodes, bodies=bodies,
                      stats=replace(_stats(docs, resolved_docs, final_nodes, bodies, conflicts),
                                    date_conflicts=len(date_conflicts)),
                      conflicts=conflicts, date_conflicts=date_conflicts)


class _Names:
    """Body names of each record, resolved once in that record's context."""

    def __init__(self, docs: Sequence[LoadedDocument]):
        self.contexts = [record_context(d.record) for d in docs]
        self.per_record: list[dict[str, BodyNode]] = [{} for _ in docs]
        # records of one context share their names' nodes (a context is hashed once a record, not once a name)
        by_context: dict[DocContext, dict[str, BodyNode]] = {}
        self.shared = [by_context.setdefault(ctx, {}) for ctx in self.contexts]

    def body(self, k: int, name: str | None) -> BodyNode | None:
        if not name:
            return None
        known = self.per_record[k]
        node = known.get(name)
        if node is None:
            shared = self.shared[k]
            node = shared.get(name)
            if node is None:
                node = shared[name] = resolve_body(name, self.contexts[k])
            known[name] = node
        return node

    def authority(self, k: int, node: BodyNode | None) -> str | None:
        if node is None:
            return None
        return node.authority or ids.numbering_authority(node.name, self.contexts[k])

    def all(self) -> Iterable[BodyNode]:
        return (b for per in self.per_record for b in per.values())


def _unplaced(body: BodyNode | None) -> bool:
    """A local body named without its place ("Tỉnh ủy", "UBND huyện" in a press report): two such
    documents of different provinces may share a number and a year, so neither number nor date
    can identify the document; its source bytes do (identity.loaded_unnumbered_iri)."""
    return body is not None and body.kind == "body" and body.level in LOCAL_LEVELS and not body.province


def _loaded_identities(d: LoadedDocument, k: int, names: _Names
                       ) -> tuple[ids.DocIdentity, ids.DocIdentity | None]:
    """The identity of a loaded document and of its copy (a copy is a document of its own)."""
    r = d.record
    issuer = names.body(k, r.issuer)
    if _unplaced(issuer):  # "Tỉnh ủy" with no province: whose numbering series is unknown
        own = ids.DocIdentity(issuer=issuer.name, doc_type=r.doc_type, sha256=d.sha256)
    else:
        own = ids.DocIdentity(authority=names.authority(k, issuer), number=r.number, date=r.date,
                              issuer=issuer.name if issuer else None, doc_type=r.doc_type, sha256=d.sha256)
    if not r.copy:
        return own, None
    c_issuer = names.body(k, r.copy.issuer)
    copy = ids.DocIdentity(authority=names.authority(k, c_issuer), number=r.copy.number,
                           date=r.copy.date, issuer=c_issuer.name if c_issuer else None,
                           doc_type=r.copy.doc_type, text=f"copy {d.sha256}")
    return own, copy


def _mentions(docs: Sequence[LoadedDocument], names: _Names) -> list[_Mention]:
    out = []
    for k, d in enumerate(docs):
        for i, c in enumerate(d.record.cited_documents):
            issuer = names.body(k, c.issuer)
            out.append(_Mention(k, i, c, issuer, names.authority(k, issuer), d.record.date,
                                doc_type_code(c.doc_type, d.record.channel)))
    return out


def _known_years(loaded, mentions: Sequence[_Mention]) -> dict[tuple[str, str], set[str]]:
    """The years known for each (authority, number), from loaded documents and dated citations."""
    years: dict[tuple[str, str], set[str]] = defaultdict(set)
    idents = [i for pair in loaded for i in pair if i]
    idents += [ids.DocIdentity(authority=m.authority, number=m.cited.number, date=m.cited.date) for m in mentions]
    for ident in idents:
        if ident.number and ids.year_of(ident.date):
            years[_number_key(ident.authority, ident.number)].add(ids.year_of(ident.date))
    return years


class _Nodes(dict):
    """Document nodes by IRI (accumulators), and the IRI of an identity given the known years."""

    def __init__(self, years: Mapping[tuple[str, str], set[str]]):
        super().__init__()
        self.years = years

    def __missing__(self, iri: str) -> _NodeAcc:
        self[iri] = acc = _NodeAcc()
        return acc

    def iri(self, ident: ids.DocIdentity) -> str:
        """Like ids.document_iri, but a number without a date takes the year of the one dated
        node with the same authority and number."""
        if ident.number and not ids.year_of(ident.date):
            known = self.years.get(_number_key(ident.authority, ident.number), set())
            if len(known) == 1:
                return ids.numbered_doc_iri(ident.authority, next(iter(known)), ident.number)
        return ids.document_iri(ident)


def _add_loaded(nodes: _Nodes, d: LoadedDocument, own: ids.DocIdentity,
                copy: ids.DocIdentity | None) -> tuple[str, str | None]:
    r = d.record
    iri = nodes.iri(own)
    nodes[iri].add(loaded=True, number=r.number, date=r.date, doc_type=r.doc_type,
                   issuer=own.issuer, authority=own.authority, subject=subject_of(r.subject))
    if copy is None:
        return iri, None
    copy_iri = nodes.iri(copy)
    nodes[copy_iri].add(loaded=True, number=copy.number, date=copy.date, doc_type=copy.doc_type,
                        issuer=copy.issuer, authority=copy.authority)
    return iri, copy_iri


def _cited_identity(m: _Mention) -> ids.DocIdentity:
    """A cited document's identity by the citation's own words."""
    c = m.cited
    return ids.DocIdentity(authority=m.authority, number=c.number, date=c.date,
                           issuer=m.issuer.name if m.issuer else None, doc_type=c.doc_type,
                           text=subject_of(c.subject or c.text) or c.text)


def _by_number(mentions: Sequence[_Mention], nodes: _Nodes, targets: dict, own_targets: Mapping) -> None:
    """Method ``number``: (authority, number, year) is the document (dated: the citation's own target,
    what _Nodes.iri gives it)."""
    for m in mentions:
        if m.cited.number:
            target = own_targets[m.key] if ids.year_of(m.cited.date) else nodes.iri(_cited_identity(m))
            targets[m.key] = (target, "number", NUMBER_CONFIDENCE)
            _describe(nodes[target], m)


def _by_issuer_date_type(mentions: Sequence[_Mention], nodes: _Nodes, doc_iris: Sequence[tuple],
                         targets: dict) -> None:
    """Method ``issuer-date-type``: no number, a date; the one numbered node of that authority,
    date and a compatible type."""
    by_authority_date: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri, n in nodes.items():
        if n.numbers:
            for a in {_slug(a) for a in n.authorities}:
                for d in n.dates:
                    by_authority_date[(a, d)].append(iri)
    matched = []
    for m in mentions:
        c = m.cited
        if c.number or not ids.year_of(c.date) or not m.authority:
            continue
        found = [iri for iri in by_authority_date.get((_slug(m.authority), c.date), ())
                 if iri not in doc_iris[m.record]
                 and _types_compatible(m.type_code, (doc_type_code(t) for t in nodes[iri].doc_types))]
        if len(found) == 1:
            targets[m.key] = (found[0], "issuer-date-type", DATE_TYPE_CONFIDENCE)
            matched.append(m)
    # What the matched citations say (their subjects) joins the target only now, so that no
    # match depends on the order the files were read in.
    for m in matched:
        _describe(nodes[targets[m.key][0]], m)


def _by_issuer_subject(mentions: Sequence[_Mention], nodes: _Nodes, doc_iris: Sequence[tuple],
                       targets: dict) -> None:
    """Method ``issuer-subject``: no number, no date; the numbered or dated node of that
    authority whose subject is most similar (confidence from the similarity)."""
    asking = [m for m in mentions if not (m.key in targets or m.cited.number or ids.year_of(m.cited.date))]
    index = _SubjectIndex(nodes, {_slug(m.authority or "") for m in asking})
    matched = []
    for m in asking:
        c = m.cited
        subject = subject_of(c.subject or c.text)
        best = _best_by_subject(m, subject, nodes, index, doc_iris[m.record]) if subject else None
        if best:
            iri, similarity = best
            low, high = SUBJECT_CONFIDENCE
            scale = (similarity - SUBJECT_MIN_SIMILARITY) / (1 - SUBJECT_MIN_SIMILARITY)
            targets[m.key] = (iri, "issuer-subject", round(low + (high - low) * scale, 2))
            matched.append(m)
    for m in matched:
        _describe(nodes[targets[m.key][0]], m)


def _unresolved(mentions: Sequence[_Mention], nodes: _Nodes, own_targets: Mapping, targets: dict) -> None:
    """Whatever is left stays its own node (method ``unresolved``)."""
    for m in mentions:
        if m.key not in targets:
            targets[m.key] = (own_targets[m.key], "unresolved", 0.0)
            _describe(nodes[own_targets[m.key]], m)


def _resolved_document(k: int, d: LoadedDocument, iris: tuple[str, str | None],
                       mine: Sequence[_Mention], targets: Mapping, own_targets: Mapping,
                       names: _Names) -> ResolvedDocument:
    """Citation nodes of one record (``mine``: its mentions, in order), nested citations re-attached
    to the document they are nested in."""
    iri, copy_iri = iris
    cits = []
    for m in mine:
        c = m.cited
        target, method, confidence = targets[m.key]
        citing, relation = iri, _relation_code(c.relation)
        if c.relation == "cited_by_cited":
            parent = _nested_in(m, mine, targets)
            citing = parent or iri
            relation = _nested_relation(c.text) if parent else "refers"
        cits.append(ResolvedCitation(
            iri=ids.citation_iri(iri, m.index + 1), index=m.index, citing=citing,
            asserted_in=iri, target=target, own_target=own_targets[m.key],
            relation=relation, explicit=c.explicit, method=method, confidence=confidence,
            issuer=m.issuer.iri if m.issuer else None))
    known, shared, ctx = names.per_record[k], names.shared[k], names.contexts[k]
    for name in _record_names(d.record):
        if name not in known:  # a name repeats in a record's tasks and lists; _Names.body inlined (every name of every record)
            node = shared.get(name)
            if node is None:
                node = shared[name] = resolve_body(name, ctx)
            known[name] = node
    return ResolvedDocument(iri=iri, copy_iri=copy_iri, citations=tuple(cits),
                            bodies={n: b.iri for n, b in known.items()}, locality=(ctx.province, ctx.district))


# --- one issuer per document --------------------------------------------------------------

class _Claim(NamedTuple):
    """Who issued a document, as one file says it: the loaded file itself, or a citing file."""

    document: str
    body: BodyNode
    written: str          # the name as written
    path: str             # the file that says it
    loaded: bool          # the document's own file, not a citation
    decides: bool = False # the document's own header (an original, not a press report or quote)


def _claims(docs, names: _Names, loaded, doc_iris, mentions, targets) -> list[_Claim]:
    out = []
    for k, d in enumerate(docs):
        r = d.record
        issuer = names.body(k, r.issuer)
        if issuer is not None and issuer.kind == "body":
            own_header = not r.text_kind or r.text_kind.startswith(ORIGINAL)
            out.append(_Claim(doc_iris[k][0], issuer, r.issuer, d.path, True, own_header))
    for m in mentions:
        if m.issuer is not None and m.issuer.kind == "body":
            out.append(_Claim(targets[m.key][0], m.issuer, m.cited.issuer, docs[m.record].path, False))
    return out


def acting_organ_of(body: BodyNode, bodies: Mapping[str, BodyNode]) -> BodyNode | None:
    """The body an organ speaks for ("Ban Thường vụ Tỉnh ủy Trà Vinh" -> "Tỉnh ủy Trà Vinh",
    "Thường trực Ban Bí thư" -> "Ban Bí thư"): its parent, when its name is an acting-organ prefix
    (data/reference/local_body_templates.csv) followed by the parent's name. None otherwise."""
    if not body.parent_name or body.parent not in bodies:
        return None
    head = _fold(body.name)
    parent = _fold(body.parent_name)
    if head.endswith(" " + parent) and head[: -len(parent) - 1] in _folded_acting_prefixes():
        return bodies[body.parent]
    return None


_fold = lru_cache(maxsize=65536)(fold)  # body names repeat in every claim of every document


@lru_cache(maxsize=1)
def _folded_acting_prefixes() -> frozenset[str]:
    return frozenset(fold(p) for p in body_names.acting_prefixes())


def _depth(body: BodyNode, bodies: Mapping[str, BodyNode]) -> int:
    """How many bodies up the chain (a sub-organ names its issuer more precisely than its parent)."""
    seen, b = set(), body
    while b.parent and b.parent in bodies and b.parent not in seen:
        seen.add(b.parent)
        b = bodies[b.parent]
    return len(seen)


def _settle_issuers(nodes: _Nodes, claims: Sequence[_Claim], bodies: Mapping[str, BodyNode]
                    ) -> tuple[dict[str, DocNode], tuple[IssuerConflict, ...]]:
    """One issuer per document node: its own file's when loaded, else the one most citing files
    name (ties: the more specific body, then the name). An organ acting for a body (Ban Thường vụ,
    Thường trực) is the acting body of that body's document. Claims that name another issuer are
    kept on their citations and reported as a conflict."""
    by_doc: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.document].append(c)
    final, conflicts = {}, []
    principals = _Principals(bodies)
    for iri, acc in nodes.items():
        node = acc.freeze(iri)
        mine = by_doc.get(iri, [])
        chosen = _choose_issuer(mine, bodies)
        if chosen is not None:
            issuer, acting = chosen
            decided = any(c.decides for c in mine)
            node = evolved(node, issuer=issuer.iri, acting_body=acting.iri if acting else None,
                           issuer_from_citations=not decided,
                           level=issuer.level, channel=issuer.channel,
                           province=issuer.province, district=issuer.district)
            conflict = _conflict(node, issuer, mine, principals)
            if conflict:
                conflicts.append(conflict)
        final[iri] = _level_from_symbol(node)
    return final, tuple(sorted(conflicts, key=lambda c: c.document))


# --- one date per document ----------------------------------------------------------------

class _DateClaim(NamedTuple):
    """The date of a document as one file states it: its own file (None: it states none), or a
    citation whose own words name the document (to_rdf writes that date on it, or a claim)."""

    document: str
    date: str | None
    path: str
    own: bool


def _date_claims(docs, doc_iris, mentions, targets, own_targets) -> list[_DateClaim]:
    out = []
    for k, d in enumerate(docs):
        iri, copy_iri = doc_iris[k]
        out.append(_DateClaim(iri, d.record.date, d.path, True))
        if copy_iri and d.record.copy:
            out.append(_DateClaim(copy_iri, d.record.copy.date, d.path, True))
    for m in mentions:
        target = targets[m.key][0]
        if m.cited.date and target == own_targets[m.key]:  # an inferred target is not described by the citation
            out.append(_DateClaim(target, m.cited.date, docs[m.record].path, False))
    return out


def _settle_dates(nodes: Mapping[str, DocNode], claims: Sequence[_DateClaim]
                  ) -> tuple[dict[str, DocNode], tuple[DateConflict, ...]]:
    """One date per document node: the one its own files state, else the one its citing files state;
    among several, the date most files state (own files that tie: the date most citing files state),
    then the one the first file (by path) states; a valid date before an impossible one. When its own files disagree (or some state none), the date is the
    corpus's decision (DocNode.date_in_corpus). Every other date stays a claim of its file or citation;
    files that disagree are reported (DateConflict)."""
    by_doc: dict[str, list[_DateClaim]] = defaultdict(list)
    for c in claims:
        by_doc[c.document].append(c)
    final, conflicts = dict(nodes), []
    for iri, mine in by_doc.items():
        own = [c for c in mine if c.own]
        citing = [c for c in mine if not c.own and c.date]
        dated = [c for c in own if c.date]
        if not (dated or citing) or iri not in final:
            continue
        date = _most_stated(dated, citing) if dated else _most_stated(citing)
        final[iri] = evolved(final[iri], date=date, date_in_corpus=len({c.date for c in own}) > 1)
        if len({c.date for c in mine if c.date}) > 1:
            node = final[iri]
            claims_said = sorted({(c.date, c.path, c.own) for c in mine if c.date}, key=lambda c: (c[0] != date, c[1], c[0]))
            conflicts.append(DateConflict(document=iri, label=node.numbers[0] if node.numbers else iri,
                                          kept=date, claims=tuple(claims_said)))
    return final, tuple(sorted(conflicts, key=lambda c: c.document))


def _most_stated(claims: Sequence[_DateClaim], seconds: Sequence[_DateClaim] = ()) -> str:
    """The date of ``claims`` most files state (valid dates first); ties: the one most files of
    ``seconds`` state (the citing files, when two own files disagree), then the one the first file by
    path states."""
    files: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        files[c.date].add(c.path)
    votes: dict[str, set[str]] = defaultdict(set)
    for c in seconds:
        votes[c.date].add(c.path)
    return min(files, key=lambda d: (valid_date(d) is None, -len(files[d]), -len(votes[d]), min(files[d]), d))


def valid_date(value: str | None) -> str | None:
    """The ISO date ``value`` names, or None when it names none (a date as written can be impossible:
    "31/2/2020"). One test for resolution (a valid date wins) and for mapping (xsd:date or as written)."""
    try:
        return date_type.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def _level_from_symbol(node: DocNode) -> DocNode:
    """Level and channel told by the number's symbol ("…/TW" central Party, "…/UBND" State) when no
    issuer tells them (data/reference/issuer_codes.csv)."""
    if (node.level and node.channel) or not node.numbers:
        return node
    code = refdata.find_issuer_code(node.numbers[0])
    if code is None:
        return node
    level = code.level if len(code.scopes) <= 1 else None  # "UBND": a province's or a district's
    return evolved(node, level=node.level or level or None, channel=node.channel or code.channel or None)


def _issuer_of(claim: _Claim, bodies: Mapping[str, BodyNode]) -> tuple[BodyNode, BodyNode | None]:
    """(issuer, acting organ or None) of what a claim names."""
    body = bodies.get(claim.body.iri, claim.body)
    principal = acting_organ_of(body, bodies)
    return (principal, body) if principal else (body, None)


def _principal(body: BodyNode, bodies: Mapping[str, BodyNode]) -> str:
    return (acting_organ_of(body, bodies) or body).iri


def _choose_issuer(mine: Sequence[_Claim], bodies) -> tuple[BodyNode, BodyNode | None] | None:
    if not mine:
        return None
    own = [c for c in mine if c.decides]
    if own:  # the document's own header decides; a press report or quote is one claim among others
        return bodies.get(own[0].body.iri, own[0].body), None
    counted: dict[str, list] = {}
    for c in mine:
        issuer, acting = _issuer_of(c, bodies)
        entry = counted.setdefault(issuer.iri, [0, issuer, acting])
        entry[0] += 1
        entry[2] = entry[2] or acting
    _, issuer, acting = min(counted.values(), key=lambda e: (-e[0], -_depth(e[1], bodies), e[1].name))
    return issuer, acting


class _Principals(dict):
    """Body IRI -> the IRI of the issuer a claim naming that body names (_issuer_of), asked once a body:
    a central body is named by the claims of hundreds of documents."""

    def __init__(self, bodies: Mapping[str, BodyNode]):
        super().__init__()
        self.bodies = bodies

    def of(self, body: BodyNode) -> str:
        if body.iri not in self.bodies:  # not merged: the claim's own node, not a key of this table
            return _principal(body, self.bodies)
        principal = self.get(body.iri)
        if principal is None:
            principal = self[body.iri] = _principal(self.bodies[body.iri], self.bodies)
        return principal


def _conflict(node: DocNode, issuer: BodyNode, mine: Sequence[_Claim], principals: _Principals
              ) -> IssuerConflict | None:
    kept = principals.of(issuer)
    named = sorted({(c.written, c.path, c.loaded) for c in mine if principals.of(c.body) != kept})
    if not named:
        return None
    agreeing = sorted({(c.written, c.path, c.loaded) for c in mine if (c.written, c.path, c.loaded) not in named})
    return IssuerConflict(document=node.iri, label=node.numbers[0] if node.numbers else node.iri,
                          kept=issuer.name, claims=tuple(agreeing + named))


def _number_key(authority: str | None, number: str) -> tuple[str, str]:
    return (_slug(authority or ""), _slug(number))


_NO_NODE = DocNode(iri="", loaded=False)  # what _NodeAcc.freeze fills (evolved: no __init__ once a node)


class _NodeAcc:
    """Mutable accumulator used only inside resolve(); frozen into a DocNode at the end."""

    def __init__(self) -> None:
        self.loaded = False
        self.fields: dict[str, list[str]] = defaultdict(list)

    def add(self, loaded: bool = False, **values: str | None) -> None:
        self.loaded |= loaded
        for k, v in values.items():
            if v and v not in self.fields[k]:
                self.fields[k].append(v)

    def freeze(self, iri: str) -> DocNode:
        f = self.fields
        return evolved(_NO_NODE, iri=iri, loaded=self.loaded, numbers=tuple(f["number"]),
                       dates=tuple(f["date"]), doc_types=tuple(f["doc_type"]),
                       issuers=tuple(f["issuer"]), subjects=tuple(f["subject"]))

    @property
    def numbers(self) -> list[str]:
        return self.fields["number"]

    @property
    def dates(self) -> list[str]:
        return self.fields["date"]

    @property
    def doc_types(self) -> list[str]:
        return self.fields["doc_type"]

    @property
    def issuers(self) -> list[str]:
        return self.fields["issuer"]

    @property
    def subjects(self) -> list[str]:
        return self.fields["subject"]

    @property
    def authorities(self) -> list[str]:
        return self.fields["authority"]


def _describe(acc: _NodeAcc, m: _Mention) -> None:
    """Merge what a citation says about a document into its node (used by subject matching)."""
    c = m.cited
    acc.add(number=c.number, date=c.date, doc_type=c.doc_type, authority=m.authority,
            issuer=m.issuer.name if m.issuer else None, subject=subject_of(c.subject or c.text))


def _best_by_subject(m: _Mention, subject: str, nodes: Mapping[str, _NodeAcc],
                     index: "_SubjectIndex", citing: tuple[str, str | None]) -> tuple[str, float] | None:
    scored = [(sim, iri) for sim, iri, first_date in index.similar(_slug(m.authority or ""), subject, m.type_code, nodes)
              if iri not in citing  # a document never carries itself out (nor its own copy)
              and not (m.citing_date and first_date and first_date > m.citing_date)]  # nor one issued after it
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None  # nothing close, or a tie: leave it unresolved rather than guess
    return scored[0][1], scored[0][0]


def _dice(wa: frozenset[str], wb: frozenset[str]) -> float:
    """subject_similarity of two subjects' words."""
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


class _SubjectIndex:
    """Per authority, the nodes by the rarest words of their subjects (prefix filtering, as in
    all-pairs similarity joins): every node whose subject reaches SUBJECT_MIN_SIMILARITY with a
    citation's subject shares a word of both prefixes, so a citation looks at a few nodes, not at
    every document of its authority (which grows with the corpus). Same matches as a full scan."""

    def __init__(self, nodes: Mapping[str, _NodeAcc], asked: set[str] | None = None):
        """``asked``: the authorities citations will ask of (None: all); the words' frequencies are the
        corpus's either way, the postings only those of these authorities (the others are never read)."""
        t = SUBJECT_MIN_SIMILARITY
        self.jaccard = t / (2 - t)  # Dice >= t  <=>  Jaccard >= t / (2 - t)
        self._facts: dict[str, tuple] = {}
        self._similar: dict[tuple, list] = {}
        entries = [(a, iri, _words(s)) for iri, n in nodes.items() if n.numbers or n.dates
                   for a in sorted({_slug(a) for a in n.authorities}) for s in n.subjects]
        self.df: dict[str, int] = defaultdict(int)
        for _, _, words in entries:
            for w in words:
                self.df[w] += 1
        # the order _prefix sorts words in, as one number a word (a key computed once, not once a set)
        self.rank = {w: i for i, w in enumerate(sorted(self.df, key=lambda w: (self.df[w], w)))}
        self.postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a, iri, words in entries:
            if asked is not None and a not in asked:
                continue
            for w in self._prefix(words):
                self.postings[(a, w)].append(iri)

    def _prefix(self, words: frozenset[str]) -> list[str]:
        """The rarest words of a set (a fixed order: frequency, then the word) that any set similar
        enough must share one of: |x| - ceil(j |x|) + 1 of them (one more when j |x| is near an integer)."""
        need = max(1, int(self.jaccard * len(words) - 1e-9))  # a lower bound of ceil(j |x|), never above it
        rank = self.rank
        if all(w in rank for w in words):
            ordered = sorted(words, key=rank.__getitem__)
        else:  # a citation's word no node has (frequency 0)
            ordered = sorted(words, key=lambda w: (self.df.get(w, 0), w))
        return ordered[: len(words) - need + 1]

    def facts(self, iri: str, nodes: Mapping[str, "_NodeAcc"]) -> tuple[str | None, tuple[str, ...], tuple[frozenset[str], ...]]:
        """(first date, type codes, subjects' words) of a node, what _best_by_subject reads of a candidate:
        computed once a node, not once a citation (the nodes do not change while citations are matched)."""
        found = self._facts.get(iri)
        if found is None:
            n = nodes[iri]
            found = self._facts[iri] = (min(n.dates) if n.dates else None,
                                        tuple(c for c in map(doc_type_code, n.doc_types) if c),
                                        tuple(map(_words, n.subjects)))
        return found

    def similar(self, authority: str, subject: str, type_code: str | None, nodes: Mapping[str, "_NodeAcc"]
                ) -> list[tuple[float, str, str | None]]:
        """(similarity, node, its first date) of the nodes of ``authority`` whose type is compatible
        with ``type_code`` and whose subject reaches SUBJECT_MIN_SIMILARITY with ``subject``, the most
        similar first (then the greater IRI): asked once per (authority, subject, type), not once per
        citation (a central directive is cited in the same words by hundreds of files); what depends on
        the citing file (its date, itself) _best_by_subject filters out after."""
        key = (authority, subject, type_code)
        found = self._similar.get(key)
        if found is None:
            words = _words(subject)
            found = []
            for iri in self.candidates(authority, subject):
                first_date, type_codes, subjects = self.facts(iri, nodes)
                if not (type_code is None or not type_codes or type_code in type_codes):  # _types_compatible
                    continue
                sim = max((_dice(words, s) for s in subjects), default=0.0)
                if sim >= SUBJECT_MIN_SIMILARITY:
                    found.append((sim, iri, first_date))
            found.sort(key=lambda e: (e[0], e[1]), reverse=True)
            self._similar[key] = found
        return found

    def candidates(self, authority: str, subject: str) -> list[str]:
        """Nodes of ``authority`` that may be similar to ``subject``, each once, in index order."""
        seen: dict[str, None] = {}
        for w in self._prefix(_words(subject)):
            for iri in self.postings.get((authority, w), ()):
                seen.setdefault(iri)
        return list(seen)


_RELATION_CODES = {"based_on": "based-on", "copy_of": "copy-of"}


def _relation_code(relation: str) -> str:
    return _RELATION_CODES.get(relation, relation)


def _nested_in(m: _Mention, siblings: list[_Mention], targets) -> str | None:
    """The target of the sibling citation whose number is this one's ``cited_from``."""
    want = slug(m.cited.cited_from or "")
    for s in siblings:
        if s is not m and s.cited.number and slug(s.cited.number) == want:
            return targets[(s.record, s.index)][0]
    return None


@lru_cache(maxsize=1)
def _relation_verbs() -> tuple[tuple[str, str], ...]:
    with open(REFERENCE / "citation_relations.csv", encoding="utf-8", newline="") as f:
        rows = [(unicodedata.normalize("NFC", r["verb"]), r["relation"]) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _nested_relation(text: str) -> str:
    """A document described as "... theo <B>" carries B out: implements, unless the wording says
    it rests on B ("căn cứ", "trên cơ sở")."""
    lowered = text.casefold()
    for verb, relation in _relation_verbs():
        if relation == "based_on" and re.search(rf"(?<!\w){re.escape(verb.casefold())}(?!\w)", lowered):
            return "based-on"
    return "implements"


def _record_names(r: DocumentRecord) -> Iterable[str]:
    """Every body name of a record that becomes a node (issuer, organs, tasks, addressees)."""
    yield from filter(None, (r.issuer, r.acting_body, r.parent_body, signed_for(r.signer, r.issuer)))
    if r.copy:
        yield from filter(None, (signed_for(r.copy.signer, r.copy.issuer),))
    for a in r.assignments:
        yield from a.bodies
        yield from a.cooperating
        if a.reports_to:
            yield a.reports_to
    yield from r.recipients
    if r.copy and r.copy.issuer:
        yield r.copy.issuer


# --- signatures ---------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def capacity_of(authority_text: str) -> tuple[str | None, str]:
    """("tm", "BAN THƯỜNG VỤ") from "T/M BAN THƯỜNG VỤ": the capacity whose spelling starts the
    capacity line (data/reference/signing_capacities.csv), and the rest of the line."""
    head = authority_text.strip()
    upper = head.upper()
    best = None
    for c in concepts("capacity"):
        for s in (c.code.upper(), *(x.upper() for x in c.spellings)):
            if s and upper.startswith(s) and (len(upper) == len(s) or not upper[len(s)].isalnum()):
                if best is None or len(s) > best[0]:
                    best = (len(s), c.code)
    if best is None:
        return None, head
    return best[1], head[best[0]:].strip(" .:,")


@lru_cache(maxsize=1)
def _organ_prefixes() -> dict[str, str]:
    """Folded spelling of an acting organ ("btv", "ban thuong vu") -> its name ("Ban Thường vụ")."""
    out = {}
    for t in refdata.body_templates():
        if t.authority == "{committee}" and t.template.endswith(" {committee}"):
            name = t.template[: -len(" {committee}")]
            for alias in (t.template, *t.aliases):
                if alias.endswith(" {committee}"):
                    out[fold(alias[: -len(" {committee}")])] = name
    return out


def signed_for(signer: Signer | None, issuer: str | None) -> str | None:
    """The body a signature speaks for, as its capacity line says: "T/M BAN THƯỜNG VỤ" in a document
    of Tỉnh ủy Trà Vinh -> "Ban Thường vụ Tỉnh ủy Trà Vinh"; "T/M BAN BÍ THƯ" -> "Ban Bí thư". None
    when the line names no body (KT. CHỦ TỊCH) or there is none."""
    if signer is None or not signer.authority:
        return None
    return _signed_for(signer.authority, issuer)


@lru_cache(maxsize=1 << 14)  # capacity lines and issuers repeat in every file of a body
def _signed_for(authority: str, issuer: str | None) -> str | None:
    _, rest = capacity_of(authority)
    if not rest:
        return None
    organ = _organ_prefixes().get(fold(rest))
    if organ and issuer:
        return issuer if fold(issuer).startswith(fold(organ)) else f"{organ} {issuer}"
    central = refdata.find_central_body(rest)
    return central.name if central else None


def _with_parents(found: Iterable[BodyNode]) -> Iterable[BodyNode]:
    """The bodies and, up the chain, the bodies they belong to (a parent is a node of its own)."""
    seen: set[str] = set()
    # by identity (held: an id is not reused): a name's node repeats in every file that names it, and
    # merging it again changes nothing. The order is a stack's (the last found first, a parent right
    # after its child): each node taken once, in the order it is first popped, its parents then.
    given: dict[int, BodyNode] = {}
    for b in {id(b): b for b in reversed(list(found))}.values():
        while b is not None and id(b) not in given:
            given[id(b)] = b
            yield b
            if b.parent_name and b.parent not in seen:
                seen.add(b.parent)
                b = resolve_body(b.parent_name, DocContext())
            else:
                b = None


_MERGED_FIELDS = ("level", "channel", "province", "district", "parent", "parent_name")


def _merge_bodies(found: Iterable[BodyNode]) -> dict[str, BodyNode]:
    """One node per IRI, aliases and missing attributes merged (first value wins). Accumulated per
    IRI and built once: a body named in every file is not rebuilt once per file."""
    first: dict[str, BodyNode] = {}
    fields: dict[str, dict] = {}
    aliases: dict[str, set[str]] = {}
    for b in found:
        old = first.get(b.iri)
        if old is None:
            first[b.iri] = b
            continue
        merged = fields.get(b.iri)
        if merged is None:
            merged = fields[b.iri] = {k: getattr(old, k) for k in _MERGED_FIELDS}
            aliases[b.iri] = set(old.aliases)
        for k in _MERGED_FIELDS:
            merged[k] = merged[k] or getattr(b, k)
        aliases[b.iri].update(b.aliases)
    out = {iri: evolved(b, aliases=tuple(sorted(aliases[iri])), **fields[iri]) if iri in fields else b
           for iri, b in first.items()}
    return dict(sorted(out.items()))


def _stats(docs, resolved: Sequence[ResolvedDocument], nodes: Mapping[str, DocNode],
           bodies: Mapping[str, BodyNode], conflicts: Sequence[IssuerConflict] = ()) -> ResolutionStats:
    cits = [c for r in resolved for c in r.citations]
    return ResolutionStats(
        documents_read=len(docs),
        copies=sum(1 for r in resolved if r.copy_iri),
        documents_cited_only=sum(1 for n in nodes.values() if not n.loaded),
        citations=len(cits),
        citations_explicit=sum(1 for c in cits if c.explicit),
        citations_implicit=sum(1 for c in cits if not c.explicit),
        citations_resolved=sum(1 for c in cits if c.method != "unresolved"),
        citations_inferred=sum(1 for c in cits if c.method in ("issuer-date-type", "issuer-subject")),
        citations_unresolved=sum(1 for c in cits if c.method == "unresolved"),
        assignments=sum(len(d.record.assignments) for d in docs),
        bodies=sum(1 for b in bodies.values() if b.kind != "group"),
        body_groups=sum(1 for b in bodies.values() if b.kind == "group"),
        issuer_conflicts=len(conflicts),
    )
