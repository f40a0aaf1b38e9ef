"""Forgiving look-ups: a document or a body as a researcher types it -> the nodes it may name.

One matcher for every place that turns a name into a node (query parameters, `diagram --root`,
`directive-kg find`). Names are compared folded: NFC, Đ/đ as D/d, diacritics and case dropped,
punctuation and spaces collapsed ("10/DM", "10/đm" and "10/ĐM" are one key; so are "ban tuyen giao
ninh binh" and "Ban Tuyên giáo Tỉnh ủy Ninh Bình" word for word). A bare number ("2644") names the
documents whose number it is. What matches nothing gets "did you mean" candidates.

The catalogue of names is read from the graph with one SELECT, on any backend (embedded or remote).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from loaders.slug import strip_diacritics

KINDS = ("document", "body")

_CATALOGUE = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
SELECT DISTINCT ?s ?label ?field WHERE {
  { ?s eli:id_local ?label BIND ("number" AS ?field) }
  UNION { ?s eli:number ?label BIND ("bare number" AS ?field) }
  UNION { ?s eli:title ?label ; a dkg:Document BIND ("title" AS ?field) }
  UNION { ?s skos:prefLabel ?label ; a org:Organization BIND ("name" AS ?field) }
  UNION { ?s skos:altLabel ?label ; a org:Organization BIND ("alias" AS ?field) }
  UNION { ?s skos:prefLabel ?label ; a dkg:BodyGroup BIND ("name" AS ?field) }
  UNION { ?s foaf:name ?label BIND ("person" AS ?field) }
}"""
_FIELD_KIND = {"number": "document", "bare number": "document", "title": "document",
               "name": "body", "alias": "body", "person": "body"}
_ADMIN_WORDS = re.compile(r"[^\w/]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Comparison key: Đ/đ -> d, no diacritics, lower case, runs of spaces and punctuation (but "/"
    and "-" of a number) as one space."""
    return " ".join(_ADMIN_WORDS.sub(" ", strip_diacritics(text).casefold()).split())


def _number_key(text: str) -> str:
    """A number and symbol folded with no spaces at all: "2644 - CV/TU" -> "2644-cv/tu"."""
    return re.sub(r"\s+", "", strip_diacritics(text)).casefold()


@dataclass(frozen=True)
class Entry:
    """One name of one node."""

    iri: str
    label: str
    field: str       # number | bare number | title | name | alias | person

    @property
    def kind(self) -> str:
        return _FIELD_KIND.get(self.field, "body")


@dataclass(frozen=True)
class Found:
    """What a typed name matched: the nodes (IRIs, in order) and how."""

    iris: tuple[str, ...]
    how: str                          # exact | folded | bare number | words | none
    entries: tuple[Entry, ...] = ()   # the names that matched (for listing)


def catalogue(rows: Iterable[dict]) -> tuple[Entry, ...]:
    """Entries from the rows of the catalogue query (dicts of plain strings)."""
    out = {Entry(r["s"], r["label"], r["field"]) for r in rows if r.get("s") and r.get("label")}
    return tuple(sorted(out, key=lambda e: (e.kind, e.label, e.iri)))


def _of_kind(entries: Sequence[Entry], kind: str | None) -> list[Entry]:
    return [e for e in entries if kind is None or e.kind == kind]


def _key(entry_or_text, field: str) -> str:
    text = entry_or_text.label if isinstance(entry_or_text, Entry) else entry_or_text
    return _number_key(text) if field in ("number", "bare number") else fold(text)


def match(value: str, entries: Sequence[Entry], kind: str | None = None) -> Found:
    """The nodes ``value`` names, most exact way first: the label as written; folded (case,
    diacritics, Đ/D, spaces); a bare number; every word of the value in a name (bodies and titles)."""
    pool = _of_kind(entries, kind)
    value = unicodedata.normalize("NFC", value).strip()
    steps = (
        ("exact", lambda e: e.field != "bare number" and e.label == value),
        ("folded", lambda e: e.field != "bare number" and _key(e, e.field) == _key(value, e.field)),
        ("bare number", lambda e: e.field == "bare number" and e.label == value.strip()),
        ("words", lambda e: e.field not in ("number", "bare number") and _words_in(value, e.label)),
    )
    for how, test in steps:
        hits = [e for e in pool if test(e)]
        if hits:
            iris = tuple(dict.fromkeys(e.iri for e in hits))
            return Found(iris, how, tuple(hits))
    return Found((), "none")


def _words_in(value: str, label: str) -> bool:
    wanted = fold(value).split()
    have = set(fold(label).split())
    return bool(wanted) and len(wanted) >= 2 and all(w in have for w in wanted)


def suggest(value: str, entries: Sequence[Entry], kind: str | None = None, n: int = 5) -> list[Entry]:
    """Names close to ``value`` (folded, difflib ratio), best first, one per node."""
    pool = [e for e in _of_kind(entries, kind) if e.field != "bare number"]
    key = fold(value)
    scored = sorted(((difflib.SequenceMatcher(None, key, fold(e.label)).ratio(), e) for e in pool),
                    key=lambda se: (-se[0], se[1].label, se[1].iri))
    out, seen = [], set()
    for score, e in scored:
        if score < 0.5 or len(out) >= n:
            break
        if e.iri not in seen:
            seen.add(e.iri)
            out.append(e)
    return out


def describe(entries: Sequence[Entry], labels: dict[str, str] | None = None) -> str:
    """Candidates, one a line: "2644-CV/TU  <iri>"."""
    labels = labels or {}
    lines = []
    for e in entries:
        lines.append(f"{labels.get(e.iri, e.label)}  <{e.iri}>")
    return "\n  ".join(dict.fromkeys(lines))


CATALOGUE_QUERY = _CATALOGUE


def search(value: str, entries: Sequence[Entry], kind: str | None = None, limit: int = 50) -> list[tuple[Entry, str]]:
    """Every node one of whose names matches ``value`` (for `directive-kg find`), best first, one row a
    node: (the name that matched, how). A folded name equal to the value first, then the bare
    number, every word of the value in the name, the value inside the name; else the nearest names."""
    key, nkey = fold(value), _number_key(value)
    tests = (
        ("equal", lambda e: _key(e, e.field) == (nkey if e.field == "number" else key) and e.field != "bare number"),
        ("number", lambda e: e.field == "bare number" and e.label == value.strip()),
        ("words", lambda e: e.field not in ("number", "bare number") and _words_in(value, e.label)),
        ("contains", lambda e: bool(key) and e.field != "bare number" and key in fold(e.label)),
    )
    out: dict[str, tuple[Entry, str]] = {}
    pool = _of_kind(entries, kind)
    for how, test in tests:
        for e in pool:
            if e.iri not in out and test(e):
                out[e.iri] = (e, how)
    if not out:
        out = {e.iri: (e, "similar") for e in suggest(value, entries, kind, n=limit)}
    return list(out.values())[:limit]
