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
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from loaders import bodies as body_names
from loaders import identity as ids
from loaders.codes import find_code
from loaders.context import DocContext
from loaders.paths import REFERENCE
from loaders.records import CitedDocument, DocumentRecord
from loaders.slug import slug

NUMBER_CONFIDENCE = 1.0
DATE_TYPE_CONFIDENCE = 0.9
SUBJECT_MIN_SIMILARITY = 0.5          # Dice over subject words; below this no link is made
SUBJECT_CONFIDENCE = (0.6, 0.8)       # confidence at the minimum and at perfect similarity


@dataclass(frozen=True)
class LoadedDocument:
    """One source file of the build and the record extracted from it."""

    record: DocumentRecord
    path: str              # relative to the corpus root, "/" separators
    sha256: str            # of the source bytes
    loader_version: str


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
    issuers: tuple[str, ...] = ()     # canonical names
    subjects: tuple[str, ...] = ()


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

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Resolution:
    documents: tuple[ResolvedDocument, ...]      # aligned with the input sequence
    nodes: Mapping[str, DocNode]                 # every document node, loaded or cited
    bodies: Mapping[str, BodyNode]               # by IRI
    stats: ResolutionStats = field(default_factory=ResolutionStats)

    @property
    def cited_only(self) -> frozenset[str]:
        return frozenset(i for i, n in self.nodes.items() if not n.loaded)


# --- bodies -------------------------------------------------------------------------------

def record_context(record: DocumentRecord) -> DocContext:
    """The context a record's relative names are read in."""
    province, district = record_locality(record)
    # No date: names do not depend on it, and equal contexts let resolve_body's cache work.
    return DocContext(issuer=record.issuer, level=record.issuer_level, channel=record.channel,
                      province=province, district=district)


@lru_cache(maxsize=1 << 16)
def resolve_body(name: str, ctx: DocContext) -> BodyNode:
    """A name as written -> its body node (loaders.bodies; a generic name is a node of its own)."""
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
_GROUP_WORD = re.compile(r"(?i)(?:^|\s)các\s")


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

_SUBJECT_LEAD = re.compile(r"(?i)^\s*(?:v/v|về việc|về)\s+")
_SUBJECT_IN_TEXT = re.compile(r"(?i)(?<!\w)về\s+(?:việc\s+)?")


def subject_of(text: str | None) -> str | None:
    """The "về ..." part of a trích yếu or citation phrase, without the lead words."""
    if not text:
        return None
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
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def doc_type_code(name: str | None, channel: str | None = None) -> str | None:
    """"Điện mật" -> "CĐ"; unknown -> None. Used to compare types across spellings."""
    if not name:
        return None
    return find_code("doc-type", name, channel if channel in ("party", "state") else None) or slug(name)


def _types_compatible(a: str | None, b: Iterable[str]) -> bool:
    b = [t for t in b if t]
    return a is None or not b or a in b


@dataclass(frozen=True)
class _Mention:
    """A cited document as its citing record states it, with names resolved."""

    record: int
    index: int
    cited: CitedDocument
    issuer: BodyNode | None
    authority: str | None
    citing_date: str | None
    type_code: str | None


# --- resolution ---------------------------------------------------------------------------

def resolve(docs: Sequence[LoadedDocument]) -> Resolution:
    """Resolve every record of a build against each other."""
    contexts = [record_context(d.record) for d in docs]
    names: list[dict[str, BodyNode]] = [{} for _ in docs]

    def body(k: int, name: str | None) -> BodyNode | None:
        if not name:
            return None
        if name not in names[k]:
            names[k][name] = resolve_body(name, contexts[k])
        return names[k][name]

    def authority(k: int, node: BodyNode | None) -> str | None:
        if node is None:
            return None
        return node.authority or ids.numbering_authority(node.name, contexts[k])

    # 1. Loaded documents and copies; the years known for each (authority, number).
    years: dict[tuple[str, str], set[str]] = defaultdict(set)
    loaded: list[tuple[ids.DocIdentity, ids.DocIdentity | None]] = []
    for k, d in enumerate(docs):
        r = d.record
        issuer = body(k, r.issuer)
        own = ids.DocIdentity(authority=authority(k, issuer), number=r.number, date=r.date,
                              issuer=issuer.name if issuer else None, doc_type=r.doc_type,
                              sha256=d.sha256)
        copy = None
        if r.copy:
            c_issuer = body(k, r.copy.issuer)
            copy = ids.DocIdentity(authority=authority(k, c_issuer), number=r.copy.number,
                                   date=r.copy.date, issuer=c_issuer.name if c_issuer else None,
                                   doc_type=r.copy.doc_type, text=f"copy {d.sha256}")
        loaded.append((own, copy))
        for ident in filter(None, (own, copy)):
            _note_year(years, ident)

    mentions: list[_Mention] = []
    for k, d in enumerate(docs):
        for i, c in enumerate(d.record.cited_documents):
            issuer = body(k, c.issuer)
            m = _Mention(k, i, c, issuer, authority(k, issuer), d.record.date,
                         doc_type_code(c.doc_type, d.record.channel))
            mentions.append(m)
            _note_year(years, ids.DocIdentity(authority=m.authority, number=c.number, date=c.date))

    def doc_iri(ident: ids.DocIdentity) -> str:
        """Like ids.document_iri, but a number without a date takes the year of the one dated
        node with the same authority and number."""
        if ident.number and not ids.year_of(ident.date):
            known = years.get(_number_key(ident.authority, ident.number), set())
            if len(known) == 1:
                return ids.numbered_doc_iri(ident.authority, next(iter(known)), ident.number)
        return ids.document_iri(ident)

    nodes: dict[str, _NodeAcc] = {}

    def node(iri: str) -> _NodeAcc:
        return nodes.setdefault(iri, _NodeAcc())

    doc_iris: list[tuple[str, str | None]] = []
    for k, (own, copy) in enumerate(loaded):
        r = docs[k].record
        iri = doc_iri(own)
        node(iri).add(loaded=True, number=r.number, date=r.date, doc_type=r.doc_type,
                      issuer=own.issuer, authority=own.authority, subject=subject_of(r.subject))
        copy_iri = None
        if copy:
            copy_iri = doc_iri(copy)
            node(copy_iri).add(loaded=True, number=copy.number, date=copy.date,
                               doc_type=copy.doc_type, issuer=copy.issuer,
                               authority=copy.authority)
        doc_iris.append((iri, copy_iri))

    # 2. Citations by their own words; numbered ones are resolved here.
    own_targets: dict[tuple[int, int], str] = {}
    targets: dict[tuple[int, int], tuple[str, str, float]] = {}
    for m in mentions:
        c = m.cited
        ident = ids.DocIdentity(authority=m.authority, number=c.number, date=c.date,
                                issuer=m.issuer.name if m.issuer else None, doc_type=c.doc_type,
                                text=subject_of(c.subject or c.text) or c.text)
        own_targets[(m.record, m.index)] = ids.document_iri(ident)
        if c.number:
            target = doc_iri(ident)
            targets[(m.record, m.index)] = (target, "number", NUMBER_CONFIDENCE)
            _describe(node(target), m)

    # 3. No number, dated: issuer + date + type against the numbered nodes.
    by_authority_date: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri, n in nodes.items():
        if n.numbers:
            for a in {_slug(a) for a in n.authorities}:
                for d in n.dates:
                    by_authority_date[(a, d)].append(iri)
    matched: list[_Mention] = []
    for m in mentions:
        c = m.cited
        if c.number or not ids.year_of(c.date) or not m.authority:
            continue
        found = [iri for iri in by_authority_date.get((_slug(m.authority), c.date), ())
                 if iri not in doc_iris[m.record]
                 and _types_compatible(m.type_code, (doc_type_code(t) for t in nodes[iri].doc_types))]
        if len(found) == 1:
            targets[(m.record, m.index)] = (found[0], "issuer-date-type", DATE_TYPE_CONFIDENCE)
            matched.append(m)
    # What the matched citations say (their subjects) joins the target only now, so that no
    # match depends on the order the files were read in.
    for m in matched:
        _describe(node(targets[(m.record, m.index)][0]), m)

    # 4. No number, no date: issuer + subject against the numbered or dated nodes.
    by_authority: dict[str, list[str]] = defaultdict(list)
    for iri, n in nodes.items():
        if n.numbers or n.dates:
            for a in {_slug(a) for a in n.authorities}:
                by_authority[a].append(iri)
    matched = []
    for m in mentions:
        c = m.cited
        key = (m.record, m.index)
        if key in targets or c.number or ids.year_of(c.date):
            continue
        subject = subject_of(c.subject or c.text)
        best = _best_by_subject(m, subject, nodes, by_authority, doc_iris[m.record]) if subject else None
        if best:
            iri, similarity = best
            low, high = SUBJECT_CONFIDENCE
            scale = (similarity - SUBJECT_MIN_SIMILARITY) / (1 - SUBJECT_MIN_SIMILARITY)
            targets[key] = (iri, "issuer-subject", round(low + (high - low) * scale, 2))
            matched.append(m)
    for m in matched:
        _describe(node(targets[(m.record, m.index)][0]), m)

    # Whatever is left stays its own node.
    for m in mentions:
        key = (m.record, m.index)
        if key not in targets:
            targets[key] = (own_targets[key], "unresolved", 0.0)
            _describe(node(own_targets[key]), m)

    # 5. Citation nodes, nested citations re-attached to the document they are nested in.
    by_record: dict[int, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_record[m.record].append(m)
    resolved_docs = []
    for k, d in enumerate(docs):
        iri, copy_iri = doc_iris[k]
        cits = []
        for m in by_record.get(k, []):
            c = m.cited
            target, method, confidence = targets[(k, m.index)]
            citing, relation = iri, _relation_code(c.relation)
            if c.relation == "cited_by_cited":
                parent = _nested_in(m, by_record[k], targets)
                citing = parent or iri
                relation = _nested_relation(c.text) if parent else "refers"
            cits.append(ResolvedCitation(
                iri=ids.citation_iri(iri, m.index + 1), index=m.index, citing=citing,
                asserted_in=iri, target=target, own_target=own_targets[(k, m.index)],
                relation=relation, explicit=c.explicit, method=method, confidence=confidence,
                issuer=m.issuer.iri if m.issuer else None))
        for name in _record_names(d.record):
            body(k, name)
        resolved_docs.append(ResolvedDocument(
            iri=iri, copy_iri=copy_iri, citations=tuple(cits),
            bodies={n: b.iri for n, b in names[k].items()},
            locality=(contexts[k].province, contexts[k].district)))

    bodies = _merge_bodies(_with_parents(b for per in names for b in per.values()))
    final_nodes = {iri: n.freeze(iri) for iri, n in nodes.items()}
    return Resolution(documents=tuple(resolved_docs), nodes=final_nodes, bodies=bodies,
                      stats=_stats(docs, resolved_docs, final_nodes, bodies))


def _number_key(authority: str | None, number: str) -> tuple[str, str]:
    return (_slug(authority or ""), _slug(number))


def _note_year(years: dict, ident: ids.DocIdentity) -> None:
    if ident.number and ids.year_of(ident.date):
        years[_number_key(ident.authority, ident.number)].add(ids.year_of(ident.date))


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
        return DocNode(iri=iri, loaded=self.loaded, numbers=tuple(f["number"]),
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
                     by_authority: Mapping[str, list[str]],
                     citing: tuple[str, str | None]) -> tuple[str, float] | None:
    scored = []
    for iri in by_authority.get(_slug(m.authority or ""), ()):
        if iri in citing:
            continue  # a document never carries itself out (nor its own copy)
        n = nodes[iri]
        if m.citing_date and n.dates and min(n.dates) > m.citing_date:
            continue  # a document cannot carry out one issued after it
        if not _types_compatible(m.type_code, (doc_type_code(t) for t in n.doc_types)):
            continue
        sim = max((subject_similarity(subject, s) for s in n.subjects), default=0.0)
        if sim >= SUBJECT_MIN_SIMILARITY:
            scored.append((sim, iri))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None  # nothing close, or a tie: leave it unresolved rather than guess
    return scored[0][1], scored[0][0]


def _relation_code(relation: str) -> str:
    return {"based_on": "based-on", "copy_of": "copy-of"}.get(relation, relation)


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
    yield from filter(None, (r.issuer, r.acting_body, r.parent_body))
    for a in r.assignments:
        yield from a.bodies
        yield from a.cooperating
        if a.reports_to:
            yield a.reports_to
    yield from r.recipients
    if r.copy and r.copy.issuer:
        yield r.copy.issuer


def _with_parents(found: Iterable[BodyNode]) -> Iterable[BodyNode]:
    """The bodies and, up the chain, the bodies they belong to (a parent is a node of its own)."""
    seen: set[str] = set()
    todo = list(found)
    while todo:
        b = todo.pop()
        yield b
        if b.parent_name and b.parent not in seen:
            seen.add(b.parent)
            todo.append(resolve_body(b.parent_name, DocContext()))


def _merge_bodies(found: Iterable[BodyNode]) -> dict[str, BodyNode]:
    """One node per IRI, aliases and missing attributes merged (first value wins)."""
    out: dict[str, BodyNode] = {}
    for b in found:
        old = out.get(b.iri)
        if old is None:
            out[b.iri] = b
            continue
        merged = {k: getattr(old, k) or getattr(b, k) for k in
                  ("level", "channel", "province", "district", "parent", "parent_name")}
        aliases = tuple(sorted(set(old.aliases) | set(b.aliases)))
        out[b.iri] = replace(old, aliases=aliases, **merged)
    return dict(sorted(out.items()))


def _stats(docs, resolved: Sequence[ResolvedDocument], nodes: Mapping[str, DocNode],
           bodies: Mapping[str, BodyNode]) -> ResolutionStats:
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
    )
