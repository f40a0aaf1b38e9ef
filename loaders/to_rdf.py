"""Records + resolution -> RDF (docs/design.md, Vocabulary), as sorted N-Triples per named graph.

- One named graph per source file (``dkgid:graph/file/...``) holds what that file says: its document,
  its copy, citation nodes, assignments, signature, entries, evidence, and the cited documents as the
  file states them (type, number, date, issuer).
- ``dkgid:graph/corpus`` holds what needs the whole corpus: links a resolution inferred from other
  files (method, confidence, target), ``dkg:knownOnlyByCitation``, bodies and administrative units.
- Nothing volatile (build time) is written here: the same files give byte-identical output.

Lines are built directly (about 10x cheaper than rdflib Graphs per document); ``literal`` escapes any
string the way N-Triples requires.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
from collections import Counter
from collections.abc import MutableMapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from loaders import identity as ids
from loaders import refdata, workers
from loaders.codes import concept_iri, concepts, find_code
from loaders.cache import EncodedGraph
from loaders.records import DocumentRecord, Signer
from loaders.resolve import (BodyNode, DocNode, LoadedDocument, Resolution, ResolutionStats, ResolvedCitation,
                             ResolvedDocument, capacity_of, resolve, signed_for, valid_date)

__all__ = ["CorpusGraphs", "Repeat", "LoadedDocument", "corpus_graphs", "graphs_from_resolution", "map_corpus", "literal", "iri"]

DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"

UNITS_2020_UNTIL = "2025-06-30"   # districts abolished and provinces merged on 2025-07-01
UNITS_2025_FROM = "2025-07-01"


@dataclass(frozen=True)
class Repeat:
    """A file describing a document another file already describes (its facts come from ``first``)."""
    document: str
    first: str                    # path of the file that gives the facts
    path: str                     # path of this file

    @property
    def warning(self) -> str:
        return (f"{self.first} and {self.path} describe the same document ({self.document}): its facts "
                f"come from {self.first}, the evidence from both")


@dataclass(frozen=True)
class CorpusGraphs:
    graphs: dict[str, str]        # graph IRI -> N-Triples (sorted lines, "\n"-terminated)
    stats: ResolutionStats
    repeats: tuple[Repeat, ...] = ()


# --- terms --------------------------------------------------------------------------------

_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})
_SURROGATE = re.compile("[\ud800-\udfff]")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f\"\\\\\ud800-\udfff]")  # what literal() changes


def iri(value: str) -> str:
    """``<value>``; characters N-Triples forbids in an IRI are percent-encoded."""
    if _IRI_FORBIDDEN.search(value):
        value = _IRI_FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return f"<{value}>"


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal; quotes, backslashes, line breaks and control characters escaped,
    lone surrogates (undecodable input) replaced by U+FFFD."""
    # most values need no escape: one regex scan is cheaper than translate() over the whole text
    text = _SURROGATE.sub("\ufffd", value).translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def _vi(value: str) -> str:
    return literal(value, lang="vi")


def _bool(value: bool) -> str:
    return literal("true" if value else "false", XSD + "boolean")


def _int(value: int) -> str:
    return literal(str(value), XSD + "integer")  # Oxigraph stores nonNegativeInteger as integer; shapes add minInclusive 0


def _decimal(value: float) -> str:
    return literal(f"{value:.2f}", XSD + "decimal")


@lru_cache(maxsize=4096)
def _concept(scheme: str, text: str | None, channel: str | None = None) -> str | None:
    """Concept IRI for a value as written ("Hỏa tốc" -> dkgc:urgency/hoa-toc), None if unknown."""
    if not text:
        return None
    try:
        code = find_code(scheme, text, channel if channel in ("party", "state") else None)
        return iri(concept_iri(scheme, code)) if code else None
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _code(scheme: str, code: str) -> str:
    return iri(concept_iri(scheme, code))


class _Graph:
    """Lines of one named graph."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, s: str, p: str | None, o: str | None) -> None:
        if p is not None and o is not None:
            self.lines.add(f"{s} {p} {o} .")

    def text(self) -> str:
        return "".join(f"{line}\n" for line in sorted(self.lines))


def _p(prefix: str, local: str) -> str:
    return f"<{prefix}{local}>"


A = RDF_TYPE
T = {  # predicates and classes used below, written once
    "Document": _p(DKG, "Document"), "Copy": _p(DKG, "Copy"), "LegalResource": _p(ELI, "LegalResource"),
    "SourceFile": _p(DKG, "SourceFile"), "Entity": _p(PROV, "Entity"), "Citation": _p(DKG, "Citation"),
    "Assignment": _p(DKG, "Assignment"), "Signature": _p(DKG, "Signature"),
    "Delegation": _p(PROV, "Delegation"), "Person": _p(FOAF, "Person"), "Agent": _p(PROV, "Agent"),
    "RecipientEntry": _p(DKG, "RecipientEntry"), "DistributionEntry": _p(DKG, "DistributionEntry"),
    "Evidence": _p(DKG, "Evidence"),
    "Organization": _p(ORG, "Organization"), "BodyGroup": _p(DKG, "BodyGroup"),
    "AdministrativeUnit": _p(DKG, "AdministrativeUnit"), "OcrReading": _p(DKG, "OcrReading"),
    "OcrPage": _p(DKG, "OcrPage"), "Activity": _p(PROV, "Activity"),
}
P = {name: _p(ns, name) for ns, names in {
    ELI: "type_document id_local number date_document title passed_by cites ensures_implementation_of based_on",
    DKG: ("dateAsWritten place actingBody level channel urgency secrecy knownOnlyByCitation sourceFile path "
          "sha256 loaderVersion textKind warning citingDocument citedDocument assertedIn relation explicit "
          "citationText evidence resolutionMethod confidence locality groupWithin unitLevel validFrom "
          "validUntil partOf succeededBy assignedIn leadBody cooperatingBody reportsTo taskText addressee "
          "hasRecipientEntry entryText hasDistributionEntry purpose hasSignature signer signerRole "
          "signingCapacity onBehalfOf authorityText signedAndSealed field copyOf claimedIssuer issuerConflict "
          "textReadBy ocrEngine ocrEngineVersion ocrLanguage ocrConfidence ocrPage pageNumber wordCount "
          "quote start end quotedFrom claimedDate dateConflict"),
    PROV: "wasDerivedFrom", ORG: "subOrganizationOf", SKOS: "prefLabel altLabel", FOAF: "name",
}.items() for name in names.split()}
RELATION_EDGE = {"implements": P["ensures_implementation_of"], "based-on": P["based_on"]}


# --- per file ------------------------------------------------------------------------------

def _bare_number(number: str) -> str | None:
    m = re.match(r"\d+", number)
    return m.group() if m else None


def _describe_document(g: _Graph, s: str, *, doc_type, number, date, channel=None) -> None:
    g.add(s, A, T["Document"])
    g.add(s, A, T["LegalResource"])
    g.add(s, P["type_document"], _concept("doc-type", doc_type, channel))
    if number:
        g.add(s, P["id_local"], literal(number))
        bare = _bare_number(number)
        g.add(s, P["number"], literal(bare) if bare else None)
    _dated(g, s, date)


def _dated(g: _Graph, s: str, date: str | None) -> None:
    """A document's date of issue: xsd:date, or the date as written when it is impossible."""
    if date:
        valid = valid_date(date)
        g.add(s, P["date_document"], literal(valid, XSD + "date") if valid else None)
        g.add(s, P["dateAsWritten"], None if valid else literal(date))


def _stated_date(g: _Graph, node: DocNode, stated: str | None, claimant: str | None, own: bool) -> str | None:
    """The date a file states for ``node``: returned (to describe the document with) when it is the
    node's one date (resolve._settle_dates), unless ``own`` files disagree (the corpus graph gives it);
    else kept as a claim of ``claimant`` (the citation or the source file; None: no claim), never a
    second eli:date_document."""
    if not stated:
        return None
    if stated == node.date and not (own and node.date_in_corpus):
        return stated
    valid = valid_date(stated)
    if claimant and valid:  # an impossible date stays in its evidence (its quote) only
        g.add(claimant, P["claimedDate"], literal(valid, XSD + "date"))
    return None


def _signature(g: _Graph, doc: str, signer: Signer, issuer_name: str | None,
               on_behalf: str | None) -> str:
    sig = iri(ids.signature_iri(doc[1:-1]))
    g.add(doc, P["hasSignature"], sig)
    g.add(sig, A, T["Signature"])
    capacity = None
    if signer.authority:
        g.add(sig, P["authorityText"], literal(signer.authority))
        capacity = _capacity(signer.authority)
    capacity = capacity or ("own" if signer.name or signer.role else None)
    if capacity:
        g.add(sig, P["signingCapacity"], _code("capacity", capacity))
        if capacity in _delegated():
            g.add(sig, A, T["Delegation"])
    if signer.name:
        person = iri(ids.person_iri(signer.name, issuer_name))
        g.add(sig, P["signer"], person)
        g.add(person, A, T["Person"])
        g.add(person, A, T["Agent"])
        g.add(person, P["name"], literal(signer.name))
    g.add(sig, P["signerRole"], literal(signer.role) if signer.role else None)
    g.add(sig, P["onBehalfOf"], on_behalf)
    return sig


def _capacity(authority_text: str) -> str | None:
    """"T/M BAN THƯỜNG VỤ" -> "tm" (the capacity whose spelling starts the text)."""
    return capacity_of(authority_text)[0]


@lru_cache(maxsize=1)
def _delegated() -> frozenset[str]:
    return frozenset(c.code for c in concepts("capacity") if c.delegated)


_PAREN = re.compile(r"\(([^()]*)\)\s*$")


@lru_cache(maxsize=1 << 14)
def _purpose(entry: str) -> str | None:
    """Purpose of a Nơi nhận entry: "(để b/c)" -> report; "Lưu ..." -> archive; "Như trên" -> as-addressed."""
    m = _PAREN.search(entry)
    if m:
        found = _concept("purpose", m.group(1))
        if found:
            return found
    folded = entry.casefold()
    for c in concepts("purpose"):
        for s in c.spellings:
            if folded.startswith(s.casefold()) and (len(folded) == len(s) or not folded[len(s)].isalnum()):
                return _code("purpose", c.code)
    return None


def _entries(g: _Graph, doc: str, entries: Sequence[str], kind: str) -> None:
    mint = ids.distribution_iri if kind == "distribution" else ids.recipient_iri
    has = P["hasDistributionEntry"] if kind == "distribution" else P["hasRecipientEntry"]
    cls = T["DistributionEntry"] if kind == "distribution" else T["RecipientEntry"]
    for i, text in enumerate(entries, 1):
        e = iri(mint(doc[1:-1], i))
        g.add(doc, has, e)
        g.add(e, A, cls)
        g.add(e, P["entryText"], literal(text))
        if kind == "distribution":
            g.add(e, P["purpose"], _purpose(text))


_KEY = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(.+))?$")
_LISTS = {"cited_documents": ids.citation_iri, "assignments": ids.assignment_iri,
          "recipients": ids.recipient_iri, "distribution": ids.distribution_iri}


@lru_cache(maxsize=1 << 14)  # evidence keys repeat in every record: parsed once
def _key_parts(key: str) -> tuple[str, int | None, str | None, str | None, int | None] | None:
    """"cited_documents[0].number" -> ("cited_documents", 0, "number", ...); the rest's own head and index
    (for "copy.signer", "copy.distribution[2]"); None when the key is no field path."""
    m = _KEY.match(key)
    if not m:
        return None
    head, index, rest = m.group(1), m.group(2), m.group(3)
    sub = _KEY.match(rest or "")
    return (head, int(index) if index is not None else None, rest,
            sub.group(1) if sub else None, int(sub.group(2)) if sub and sub.group(2) is not None else None)


def _fact_node(key: str, doc: str, copy: str | None, record: DocumentRecord) -> str:
    """The node an evidence key supports ("cited_documents[0].number" -> citation 1)."""
    parts = _key_parts(key)
    if parts is None:
        return doc
    head, i, _, sub_head, sub_index = parts
    if head in _LISTS and i is not None and i < len(getattr(record, head)):
        return iri(_LISTS[head](doc[1:-1], i + 1))
    if head == "signer" and record.signer:
        return iri(ids.signature_iri(doc[1:-1]))
    if head == "copy" and copy and record.copy:
        if sub_head == "signer" and record.copy.signer:
            return iri(ids.signature_iri(copy[1:-1]))
        if sub_head == "distribution" and sub_index is not None and sub_index < len(record.copy.distribution):
            return iri(ids.distribution_iri(copy[1:-1], sub_index + 1))
        return copy
    return doc


def _evidence(g: _Graph, ld: LoadedDocument, doc: str, copy: str | None, source: str,
              facts: DocumentRecord | None = None) -> None:
    """Evidence of ``ld``, each quote under an IRI of its own source file; ``facts`` is the record
    whose fact nodes the graph holds (another file's, when ``ld`` repeats a document). One node a
    quote (7 triples; the Web Annotation form took 4 nodes and 14): ontology/web-annotation.rq
    writes the standard form from it."""
    r = ld.record
    facts = facts or r
    for key, span in r.evidence.items():
        e = iri(ids.evidence_iri(doc[1:-1], key, ld.sha256))
        g.add(_fact_node(key, doc, copy, facts), P["evidence"], e)
        g.add(e, A, T["Evidence"])
        g.add(e, P["field"], literal(key))
        g.add(e, P["quote"], literal(span.quote))
        g.add(e, P["start"], _int(span.start))
        g.add(e, P["end"], _int(span.end))
        g.add(e, P["quotedFrom"], source)


def _citation(g: _Graph, corpus: _Graph, c: ResolvedCitation, record: DocumentRecord,
              channel: str | None, nodes) -> None:
    node, target, citing = iri(c.iri), iri(c.target), iri(c.citing)
    cited = record.cited_documents[c.index]
    g.add(node, A, T["Citation"])
    g.add(node, P["citingDocument"], citing)
    g.add(node, P["assertedIn"], iri(c.asserted_in))
    g.add(node, P["relation"], _code("relation", c.relation))
    g.add(node, P["explicit"], _bool(c.explicit))
    g.add(node, P["citationText"], literal(cited.text))
    # Who issued the cited document, as this file says it: a claim of the citation; the
    # document's one issuer is settled corpus-wide (resolve._settle_issuers).
    g.add(node, P["claimedIssuer"], iri(c.issuer) if c.issuer else None)
    # A link the file's own words make lives in the file; one inferred from other files in corpus.
    home = corpus if c.inferred else g
    home.add(node, P["citedDocument"], target)
    home.add(citing, P["cites"], target)
    home.add(citing, RELATION_EDGE.get(c.relation), target)
    if c.inferred or c.method != "number":
        corpus.add(node, P["resolutionMethod"], _code("resolution", c.method))
        corpus.add(node, P["confidence"], _decimal(c.confidence) if c.method != "unresolved" else None)
    else:
        g.add(node, P["resolutionMethod"], _code("resolution", c.method))
    if not c.inferred:  # the cited document as this file states it (another date: a claim of the citation)
        _describe_document(g, target, doc_type=cited.doc_type, number=cited.number,
                           date=_stated_date(g, nodes[c.target], cited.date, node, own=False), channel=channel)


def _ocr(g: _Graph, source: str, info) -> None:
    """How the source file's text was read by OCR: engine, version, language, confidence per page."""
    reading = source[:-1] + '/ocr>'
    g.add(source, P["textReadBy"], reading)
    g.add(reading, A, T["OcrReading"])
    g.add(reading, A, T["Activity"])
    g.add(reading, P["ocrEngine"], literal(info.engine))
    g.add(reading, P["ocrEngineVersion"], literal(info.version))
    g.add(reading, P["ocrLanguage"], literal(info.language))
    g.add(reading, P["ocrConfidence"], _decimal(info.mean_confidence))
    for page in info.pages:
        node = reading[:-1] + f'/page/{page.number}>'
        g.add(reading, P["ocrPage"], node)
        g.add(node, A, T["OcrPage"])
        g.add(node, P["pageNumber"], _int(page.number))
        g.add(node, P["ocrConfidence"], _decimal(page.confidence))
        g.add(node, P["wordCount"], _int(page.words))


def _file_graph(ld: LoadedDocument, rd: ResolvedDocument, res: Resolution, corpus: _Graph) -> _Graph:
    g, r = _Graph(), ld.record
    doc, source = iri(rd.iri), iri(ids.source_iri(ld.sha256))
    body = lambda name: iri(rd.bodies[name]) if name and name in rd.bodies else None  # noqa: E731

    organ = lambda name: _organ(res, rd, name)  # noqa: E731
    issuer_node = res.bodies.get(rd.bodies.get(r.issuer or ""))
    channel = r.channel or (issuer_node.channel if issuer_node else None)

    _source(g, ld, source)

    date = _stated_date(g, res.nodes[rd.iri], r.date, source, own=True)
    _describe_document(g, doc, doc_type=r.doc_type, number=r.number, date=date, channel=channel)
    g.add(doc, P["sourceFile"], source)
    g.add(doc, P["place"], literal(r.place) if r.place else None)
    g.add(doc, P["title"], _vi(r.subject) if r.subject else None)
    if not res.nodes[rd.iri].issuer_from_citations:  # else settled in the corpus graph
        g.add(doc, P["passed_by"], body(r.issuer))
        g.add(doc, P["actingBody"], body(r.acting_body))
    level = r.issuer_level or (issuer_node.level if issuer_node else None)
    g.add(doc, P["level"], _code("level", level) if level else None)
    g.add(doc, P["channel"], _code("channel", channel) if channel else None)
    g.add(doc, P["urgency"], _concept("urgency", r.urgency))
    g.add(doc, P["secrecy"], _concept("secrecy", r.secrecy))
    g.add(doc, P["textKind"], literal(r.text_kind) if r.text_kind else None)
    for w in r.warnings:
        g.add(doc, P["warning"], literal(w))
    province, district = rd.locality
    if province:
        g.add(doc, P["locality"], iri(ids.unit_iri(2020, province, district)))

    _entries(g, doc, r.recipients, "recipient")
    for i, text in enumerate(r.recipients, 1):  # Kính gửi: the entry and the document name the body
        g.add(iri(ids.recipient_iri(rd.iri, i)), P["addressee"], body(text))
        g.add(doc, P["addressee"], body(text))
    _entries(g, doc, r.distribution, "distribution")
    if r.signer:  # on behalf of the body its capacity line names ("T/M BAN THƯỜNG VỤ"), else the acting body
        on_behalf = organ(signed_for(r.signer, r.issuer)) or body(r.acting_body) or body(r.issuer)
        _signature(g, doc, r.signer, r.issuer, on_behalf)

    for c in rd.citations:
        _citation(g, corpus, c, r, channel, res.nodes)

    for i, a in enumerate(r.assignments, 1):
        node = iri(ids.assignment_iri(rd.iri, i))
        g.add(node, A, T["Assignment"])
        g.add(node, P["assignedIn"], doc)
        g.add(node, P["taskText"], literal(a.text))
        for name in a.bodies:
            g.add(node, P["leadBody"], body(name))
        for name in a.cooperating:
            g.add(node, P["cooperatingBody"], body(name))
        g.add(node, P["reportsTo"], body(a.reports_to))

    copy = _copy(g, ld, rd, res, doc, source, channel)
    _evidence(g, ld, doc, copy, source)
    return g


def file_fingerprint(ld: LoadedDocument, rd: ResolvedDocument, res: Resolution) -> str:
    """A hash of everything _file_graph reads (keep the two together): the file and its record, its
    resolution (document and copy IRIs, citations, bodies, locality), whether citations settled its
    issuer, and the fields it reads of the bodies it names. Equal fingerprints, equal graphs and equal
    lines in the corpus graph (the same loader: the map cache is emptied when the code changes)."""
    if ld.slim and not ld.digest:
        raise ValueError(f"{ld.path}: the fingerprint of a slim record needs its whole record or its digest")
    bodies = tuple((b, n.kind, n.level, n.channel) if (n := res.bodies.get(b)) else (b,)
                   for b in sorted(set(rd.bodies.values())))
    resolved = (rd.iri, rd.copy_iri, rd.citations, sorted(rd.bodies.items()), rd.locality, _date_inputs(ld, rd, res))
    record = ld.digest or ld.record  # the digest of the whole record (loaders.cache.CacheRow) stands for it
    inputs = (ld.path, ld.sha256, ld.loader_version, record, resolved, res.nodes[rd.iri].issuer_from_citations,
              bodies)
    return hashlib.sha256(_stable_bytes(inputs)).hexdigest()


def _stable_bytes(value) -> bytes:
    """``value`` pickled without the pickler's memo (fast mode): equal values give equal bytes whichever
    objects hold them (no back-references to an object seen before). What repr gave, 1.6x cheaper (a
    fingerprint a file, every file of an add)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


def _date_inputs(ld: LoadedDocument, rd: ResolvedDocument, res: Resolution) -> tuple:
    """What _stated_date reads beyond the file: the settled dates of its document, copy and cited documents."""
    cited = ld.record.cited_documents
    return ((res.nodes[rd.iri].date, res.nodes[rd.iri].date_in_corpus),
            (res.nodes[rd.copy_iri].date, res.nodes[rd.copy_iri].date_in_corpus) if rd.copy_iri else None,
            tuple(cited[c.index].date == res.nodes[c.target].date for c in rd.citations if not c.inferred))


def _corpus_lines(ld: LoadedDocument, rd: ResolvedDocument, res: Resolution, corpus: _Graph) -> None:
    """What _file_graph adds to the corpus graph (the links other files inferred), without the file's
    graph (a slim record is enough: the lines read only what resolution reads)."""
    issuer_node = res.bodies.get(rd.bodies.get(ld.record.issuer or ""))
    channel = ld.record.channel or (issuer_node.channel if issuer_node else None)
    for c in rd.citations:
        if c.inferred or c.method != "number":  # _citation puts nothing else in the corpus graph
            _citation(_Graph(), corpus, c, ld.record, channel, res.nodes)


def _source(g: _Graph, ld: LoadedDocument, source: str, *, path: bool = True) -> None:
    g.add(source, A, T["SourceFile"])
    g.add(source, A, T["Entity"])
    g.add(source, P["path"], literal(ld.path) if path else None)
    g.add(source, P["sha256"], literal(ld.sha256))
    g.add(source, P["loaderVersion"], literal(ld.loader_version))
    if ld.record.ocr is not None:
        _ocr(g, source, ld.record.ocr)


def _organ(res: Resolution, rd: ResolvedDocument, name: str | None) -> str | None:
    """The body a signature speaks for: a body, never a class of bodies."""
    node = res.bodies.get(rd.bodies.get(name or ""))
    return iri(node.iri) if node is not None and node.kind == "body" else None


def _copy(g: _Graph, ld: LoadedDocument, rd: ResolvedDocument, res: Resolution, doc: str, source: str,
          channel: str | None) -> str | None:
    """The sao lục copy a file is (when it is one); its IRI."""
    copy, c = (iri(rd.copy_iri) if rd.copy_iri else None), ld.record.copy
    if copy and c:
        body = lambda name: iri(rd.bodies[name]) if name and name in rd.bodies else None  # noqa: E731
        # a copy's date another file disputes is settled in the corpus graph (no claim: the source
        # file's claim is its document's date)
        date = _stated_date(g, res.nodes[rd.copy_iri], c.date, None, own=True)
        _describe_document(g, copy, doc_type=c.doc_type, number=c.number, date=date, channel=channel)
        g.add(copy, A, T["Copy"])
        g.add(copy, P["sourceFile"], source)
        g.add(copy, P["place"], literal(c.place) if c.place else None)
        g.add(copy, P["passed_by"], body(c.issuer))
        copy_issuer = res.bodies.get(rd.bodies.get(c.issuer or ""))
        if copy_issuer:  # every document node carries its level and channel
            g.add(copy, P["level"], _code("level", copy_issuer.level) if copy_issuer.level else None)
            g.add(copy, P["channel"], _code("channel", copy_issuer.channel) if copy_issuer.channel else None)
        g.add(copy, P["wasDerivedFrom"], doc)
        g.add(copy, P["copyOf"], doc)
        _entries(g, copy, c.distribution, "distribution")
        if c.signer:
            _signature(g, copy, c.signer, c.issuer, _organ(res, rd, signed_for(c.signer, c.issuer)) or body(c.issuer))
    return copy


def _repeat_graph(ld: LoadedDocument, rd: ResolvedDocument, first: LoadedDocument, first_rd: ResolvedDocument,
                  res: Resolution, copies: set[str], pathed: set[str]) -> _Graph:
    """A file of a document another file already describes (the same công văn saved from two
    websites): its source, its own copy if no other file gave it, and its evidence for the facts
    of the first file; never a second set of facts."""
    g, r = _Graph(), ld.record
    doc, source = iri(rd.iri), iri(ids.source_iri(ld.sha256))
    _source(g, ld, source, path=ld.sha256 not in pathed)  # same bytes: one source, the first file's path
    pathed.add(ld.sha256)
    g.add(doc, P["sourceFile"], source)
    _stated_date(g, res.nodes[rd.iri], r.date, source, own=True)  # its own date: a claim when files disagree
    copy = iri(rd.copy_iri) if rd.copy_iri and r.copy else None
    if copy and rd.copy_iri not in copies:
        issuer_node = res.bodies.get(first_rd.bodies.get(first.record.issuer or ""))
        channel = first.record.channel or (issuer_node.channel if issuer_node else None)
        _copy(g, ld, rd, res, doc, source, channel)
        copies.add(rd.copy_iri)
    _evidence(g, ld, doc, copy, source, facts=replace(first.record, copy=r.copy))
    return g


# --- corpus -------------------------------------------------------------------------------

def _units(corpus: _Graph, province: str, district: str | None) -> str:
    """Describe the 2020 unit (and its province, and the 2025 successor); return its IRI."""
    unit, lines = _unit_lines(province, district)
    corpus.lines.update(lines)
    return unit


@lru_cache(maxsize=1 << 12)  # a few hundred places, named by every body and file of each
def _unit_lines(province: str, district: str | None) -> tuple[str, frozenset[str]]:
    corpus = _Graph()
    return _describe_units(corpus, province, district), frozenset(corpus.lines)


def _describe_units(corpus: _Graph, province: str, district: str | None) -> str:
    p = refdata.find_province(province)
    name = p.name if p else province
    prov = iri(ids.unit_iri(2020, name))
    corpus.add(prov, A, T["AdministrativeUnit"])
    corpus.add(prov, P["prefLabel"], _vi(p.unit if p else name))
    corpus.add(prov, P["unitLevel"], _code("level", "province"))
    corpus.add(prov, P["validUntil"], literal(UNITS_2020_UNTIL, XSD + "date"))
    successor = refdata.province_2025(name)
    if successor:
        new = iri(ids.unit_iri(2025, successor))
        p25 = next((x for x in refdata.provinces_2025() if x.name == successor), None)
        corpus.add(new, A, T["AdministrativeUnit"])
        corpus.add(new, P["prefLabel"], _vi(p25.unit if p25 else successor))
        corpus.add(new, P["unitLevel"], _code("level", "province"))
        corpus.add(new, P["validFrom"], literal(UNITS_2025_FROM, XSD + "date"))
        corpus.add(prov, P["succeededBy"], new)
    if not district:
        return prov
    d = refdata.find_district(district, name)
    unit = iri(ids.unit_iri(2020, name, district))
    corpus.add(unit, A, T["AdministrativeUnit"])
    corpus.add(unit, P["prefLabel"], _vi(d.unit if d else district))
    corpus.add(unit, P["unitLevel"], _code("level", "district"))
    corpus.add(unit, P["validUntil"], literal(UNITS_2020_UNTIL, XSD + "date"))
    corpus.add(unit, P["partOf"], prov)
    if successor:  # districts were abolished: the 2025 province takes their place
        corpus.add(unit, P["succeededBy"], iri(ids.unit_iri(2025, successor)))
    return unit


def _body(corpus: _Graph, b: BodyNode) -> None:
    s = iri(b.iri)
    group = b.kind == "group"
    corpus.add(s, A, T["BodyGroup"] if group else T["Organization"])
    corpus.add(s, P["prefLabel"], _vi(b.name))
    for alias in b.aliases:
        corpus.add(s, P["altLabel"], _vi(alias))
    if b.parent:
        corpus.add(s, P["groupWithin"] if group else P["subOrganizationOf"], iri(b.parent))
    corpus.add(s, P["level"], _code("level", b.level) if b.level else None)
    corpus.add(s, P["channel"], _code("channel", b.channel) if b.channel else None)
    if b.province:
        corpus.add(s, P["locality"], _units(corpus, b.province, b.district))


def _issuer(corpus: _Graph, node: DocNode) -> None:
    s = iri(node.iri)
    corpus.add(s, P["passed_by"], iri(node.issuer) if node.issuer else None)
    corpus.add(s, P["actingBody"], iri(node.acting_body) if node.acting_body else None)


def _cited_only(corpus: _Graph, node: DocNode) -> None:
    """A document no file of the corpus holds: what the citations settled (its one issuer, the organ
    acting for it) and, from that issuer, its level, channel and locality."""
    s = iri(node.iri)
    corpus.add(s, P["knownOnlyByCitation"], _bool(True))
    _issuer(corpus, node)
    corpus.add(s, P["level"], _code("level", node.level) if node.level else None)
    corpus.add(s, P["channel"], _code("channel", node.channel) if node.channel else None)
    if node.province:
        corpus.add(s, P["locality"], _units(corpus, node.province, node.district))


def _first_files(docs: Sequence[LoadedDocument], res: Resolution) -> dict[str, int]:
    """Document IRI -> the file that gives its facts: the first that is not a sao lục copy of it
    (the original's own text), else the first."""
    first: dict[str, int] = {}
    for k, (ld, rd) in enumerate(zip(docs, res.documents)):
        if rd.iri not in first or (docs[first[rd.iri]].record.copy and not ld.record.copy):
            first[rd.iri] = k
    return first


MAP_JOBS_ENV = "DIRECTIVE_KG_MAP_JOBS"
MAP_CHUNK = 50        # files a worker maps per task
MAP_BATCH = 200       # files mapped together at most: about 90 KB of graph text a file (str: 2 bytes a
                      # character), 18 MB a batch; 1,000 held 200 MB at the map stage's peak
POOL_MIN_FILES = 400  # fewer files are mapped in this process: worker processes cost more than they save
MAP_FUNCTION = "loaders.to_rdf:map_chunk"


def map_jobs() -> int:
    """Worker processes of the map stage: DIRECTIVE_KG_MAP_JOBS (1: this process alone), else up to 2
    (both cores of a laptop). Each worker reads its files' whole records and encodes, hashes and
    compresses their graphs itself (bench/map_scaling.py --map-cache); it holds what its task gives it
    (MapTask), never a copy of this process's records and resolution."""
    env = os.environ.get(MAP_JOBS_ENV)
    return max(1, int(env)) if env else max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class MapTask:
    """What mapping a chunk of first files reads (sent pickled to a map worker): each file (its record
    slim or whole) with its resolution, the document nodes and bodies they name (of the corpus's
    resolution, only these), ``full`` (picklable: it gives a slim record's whole record back in the
    worker) and whether to compress the graphs for the map cache."""
    files: tuple[tuple[int, LoadedDocument, ResolvedDocument], ...]
    nodes: dict[str, DocNode]
    bodies: dict[str, BodyNode]
    full: Callable[[LoadedDocument], LoadedDocument]
    pack: bool


def _map_task(ks: Sequence[int], docs: Sequence[LoadedDocument], res: Resolution, full, pack: bool) -> MapTask:
    """The task of the files ``ks``: the nodes _file_graph reads (the document, its copy, what it cites)
    and the bodies it names."""
    nodes: dict[str, DocNode] = {}
    bodies: dict[str, BodyNode] = {}
    for k in ks:
        rd = res.documents[k]
        for d in (rd.iri, rd.copy_iri, *(c.target for c in rd.citations)):
            if d:
                nodes[d] = res.nodes[d]
        bodies.update((b, res.bodies[b]) for b in rd.bodies.values() if b in res.bodies)
    return MapTask(tuple((k, docs[k], res.documents[k]) for k in ks), nodes, bodies, full, pack)


def map_chunk(task: MapTask) -> list[tuple[int, EncodedGraph, frozenset[str]]]:
    """The graph (encoded, hashed, compressed for the map cache when ``pack``) and the corpus lines of
    each file of the task, its whole record from ``full``: in a map worker, or here."""
    res = Resolution((), task.nodes, task.bodies)
    out = []
    for k, ld, rd in task.files:
        corpus = _Graph()
        g = _file_graph(task.full(ld), rd, res, corpus)
        out.append((k, EncodedGraph.of(g.text().encode("utf-8"), task.pack), frozenset(corpus.lines)))
    return out


def _whole(ld: LoadedDocument) -> LoadedDocument:
    """The default ``full`` of map_corpus: the records given are whole."""
    if ld.slim:
        raise ValueError(f"{ld.path}: a slim record (resolution's fields only) cannot be mapped; pass map_corpus "
                         f"a ``full`` that gives its whole record back")
    return ld


@contextmanager
def map_workers(files: int, jobs: int | None = None) -> Iterator[workers.Pool | None]:
    """The map's worker processes for ``files`` files, started now (fresh interpreters that import
    while the caller resolves: give them to map_corpus), closed on leaving; None when the files are
    mapped in this process (jobs 1, or fewer than POOL_MIN_FILES files)."""
    jobs = map_jobs() if jobs is None else jobs
    pool = workers.prestart(MAP_FUNCTION, jobs) if jobs > 1 and files >= POOL_MIN_FILES else None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.close()


def _mapped(tasks: list[MapTask], jobs: int, pool: workers.Pool | None) -> Iterator[list]:
    """map_chunk of each task, in any order: in the workers of ``pool``, else here. A task a worker lost
    (its process died, or map_chunk raised there) is mapped here: done, or its error raised here."""
    if pool is None:
        yield from map(map_chunk, tasks)
        return
    for i, result in workers.run(MAP_FUNCTION, tasks, jobs, timeout=0, pool=pool):
        yield map_chunk(tasks[i]) if isinstance(result, workers.Lost) else result


def map_corpus(docs: list[LoadedDocument | None], res: Resolution, out: MutableMapping,
               batch: int = 500, jobs: int | None = None,
               full: Callable[[LoadedDocument], LoadedDocument] = _whole, pool: workers.Pool | None = None
               ) -> tuple[Repeat, ...]:
    """Map every loaded file (and then the corpus graph) into ``out`` (a dict, or a spool on disk:
    loaders.spool), ``batch`` files at a time (at most MAP_BATCH: their whole records and graph texts
    are in memory together; the output does not depend on it). When ``out`` offers ``reuse_all({graph: fingerprint})``
    (loaders.cache.MappedGraphs, asked once a batch), a file whose inputs are those of a
    graph mapped before (file_fingerprint) is not mapped again: ``out`` keeps that graph. ``docs`` is emptied as it goes (each record dropped once mapped,
    unless a later repeat of its document needs its facts), so that the records' memory is freed.
    ``jobs`` (default map_jobs()): worker processes that map the files' graphs (``pool``: those
    map_workers started; ``full`` then picklable); the same output in the same order as one process. ``docs`` may be slim (LoadedDocument.slim: what resolution reads);
    ``full(doc)`` gives each one's whole record back, a batch at a time (the build: from the
    extraction cache), so that whole records are in memory one batch at a time."""
    jobs = map_jobs() if jobs is None else jobs
    with map_workers(len(docs), jobs) if pool is None else nullcontext(pool) as pool:
        pack = hasattr(out, "reuse_all")

        def mapper(chunks: list[list[int]]) -> Iterator[list]:
            return _mapped([_map_task(ks, docs, res, full, pack) for ks in chunks], jobs, pool)
        return _map_corpus(docs, res, out, max(1, min(batch, MAP_BATCH)), mapper, full)


def _map_corpus(docs: list[LoadedDocument | None], res: Resolution, out: MutableMapping, batch: int,
                mapper, full: Callable[[LoadedDocument], LoadedDocument]) -> tuple[Repeat, ...]:
    corpus = _Graph()
    first = _first_files(docs, res)
    copies = {res.documents[k].copy_iri for k in first.values() if docs[k].record.copy}
    pathed = {docs[k].sha256 for k in first.values()}  # sources whose path a file graph gives
    files_of = Counter(rd.iri for rd in res.documents)
    needed = {k for d, k in first.items() if files_of[d] > 1}  # their facts: a repeat reads them
    repeats: list[Repeat] = []
    seen: set[str] = set()
    reuse = hasattr(out, "reuse_all")  # loaders.cache.MappedGraphs: files mapped before from the same inputs
    placed: set[tuple[str, str | None]] = set()
    for start in range(0, len(docs), batch):
        ks = range(start, min(start + batch, len(docs)))
        fingerprints: dict[int, str] = {}
        # each file's graph named once, not three times (at 100k the paths outnumber the slugs' shared cache: each a miss)
        names = {k: ids.file_graph_iri(docs[k].path) for k in ks}
        firsts = [k for k in ks if first[res.documents[k].iri] == k]
        if reuse:
            for k in firsts:  # a slim record's digest stands for its whole record (read back only when mapped)
                ld = docs[k]
                fingerprints[k] = file_fingerprint(ld if ld.digest or not ld.slim else full(ld), res.documents[k], res)
        # mapped before from the same inputs: kept (the map cache asked once a batch)
        kept = out.reuse_all({names[k]: f for k, f in fingerprints.items()}) if reuse else set()
        todo = []  # first files to map (in the workers)
        for k in firsts:
            if names[k] in kept:
                _corpus_lines(docs[k], res.documents[k], res, corpus)
                del fingerprints[k]
            else:
                todo.append(k)
        mapped: dict[int, EncodedGraph] = {}
        for results in mapper([todo[i:i + MAP_CHUNK] for i in range(0, len(todo), MAP_CHUNK)]):
            for k, encoded, lines in results:
                mapped[k] = encoded
                corpus.lines.update(lines)
        texts: list[tuple[str, EncodedGraph, str | None]] = []
        for k in ks:
            ld, rd = docs[k], res.documents[k]
            j = first[rd.iri]
            name = names[k]
            text = mapped.pop(k, None)
            if j != k:
                repeat = _repeat_graph(full(ld), rd, full(docs[j]), res.documents[j], res, copies, pathed)
                text = EncodedGraph.of(repeat.text().encode("utf-8"), packed=False)
                repeats.append(Repeat(rd.iri, docs[j].path, ld.path))
            province, district = rd.locality
            if province and rd.locality not in placed:  # the same lines for every file of a place
                _units(corpus, province, district)
                placed.add(rd.locality)
            if name in seen:
                raise ValueError(f"{ld.path}: two source files map to the same graph {name}")
            seen.add(name)
            if text is not None:
                texts.append((name, text, fingerprints.get(k)))
            if k not in needed:
                docs[k] = None
        for name, text, fingerprint in texts:
            _put(out, name, text, fingerprint)
    for node in res.nodes.values():
        if not node.loaded:
            _cited_only(corpus, node)
        elif node.issuer_from_citations:
            _issuer(corpus, node)
        if node.date_in_corpus:  # its files disagree: each states a claim, the corpus the one date
            _dated(corpus, iri(node.iri), node.date)
    for conflict in res.conflicts:
        corpus.add(iri(conflict.document), P["issuerConflict"], literal(conflict.message))
    for conflict in res.date_conflicts:
        corpus.add(iri(conflict.document), P["dateConflict"], literal(conflict.message))
    for b in res.bodies.values():
        _body(corpus, b)
    out[ids.CORPUS_GRAPH] = corpus.text()
    docs.clear()
    return tuple(repeats)


def _put(out: MutableMapping, graph: str, encoded: EncodedGraph, fingerprint: str | None) -> None:
    """``out[graph]`` = the text, as bytes where ``out`` takes them (loaders.cache.MappedGraphs, which
    also caches it under ``fingerprint``; loaders.spool.GraphSpool), else as a string."""
    if hasattr(out, "put_encoded"):
        out.put_encoded(graph, encoded, fingerprint)
    elif hasattr(out, "put_bytes"):
        out.put_bytes(graph, encoded.data, encoded.digest, encoded.blanks)
    else:
        out[graph] = encoded.data.decode("utf-8")


def graphs_from_resolution(docs: Sequence[LoadedDocument], res: Resolution) -> CorpusGraphs:
    graphs: dict[str, str] = {}
    repeats = map_corpus(list(docs), res, graphs, batch=max(len(docs), 1))
    return CorpusGraphs(graphs=dict(sorted(graphs.items())), stats=res.stats, repeats=repeats)


def corpus_graphs(docs: Sequence[LoadedDocument]) -> CorpusGraphs:
    """Resolve all records of a build and map them to one N-Triples text per named graph."""
    return graphs_from_resolution(docs, resolve(docs))
