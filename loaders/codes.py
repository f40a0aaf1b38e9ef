"""SKOS code lists: the one place that mints concept IRIs from the CSVs in data/reference.

The schemes are listed in ``data/reference/code_schemes.csv``; each points to the CSV holding
its concepts. ``ontology/make_codelists.py`` writes ``ontology/codelists.ttl`` from the same data,
so the mapper (``concept_iri``) and the published code lists cannot disagree.

Concept IRI: ``https://w3id.org/directive-kg/code/{scheme}/{code_slug(code)}``. ``code_slug`` is the
project slug except that đ/Đ becomes "dd" (the Telex spelling), because the plain slug would merge
codes that differ only by Đ/D (ĐA Đề án vs DA Dự án). The code as written stays the skos:notation.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.paths import REFERENCE
from loaders.slug import slug

CODE_BASE = "https://w3id.org/directive-kg/code/"
SCHEMES_FILE = "code_schemes.csv"


@dataclass(frozen=True)
class Scheme:
    name: str             # "doc-type"
    file: str             # "doc_types.csv"
    label_vi: str
    label_en: str
    definition_en: str
    definition_vi: str
    source: str           # legal basis, "; "-separated
    example: str

    @property
    def iri(self) -> str:
        return CODE_BASE + self.name


@dataclass(frozen=True)
class Concept:
    scheme: str
    code: str                     # as written: "CĐ", "tm", "based-on"
    label_vi: str
    label_en: str
    definition_en: str = ""
    spellings: tuple[str, ...] = ()   # other ways the text writes it (aliases, abbreviations)
    channel: str = ""                 # doc types only: party | state | both
    delegated: bool | None = None     # signing capacities only
    edge_property: str = ""           # relations only: the direct edge, "eli:ensures_implementation_of"
    example: str = ""

    @property
    def slug(self) -> str:
        return code_slug(self.code)

    @property
    def iri(self) -> str:
        return f"{CODE_BASE}{self.scheme}/{self.slug}"


def code_slug(code: str) -> str:
    """"CĐ" -> "cdd", "QĐi" -> "qddi", "ĐA" -> "dda", "DA" -> "da", "based_on" -> "based-on"."""
    return slug(unicodedata.normalize("NFC", code).replace("Đ", "DD").replace("đ", "dd"))


def _read(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [{k: unicodedata.normalize("NFC", v or "") for k, v in row.items()}
                    for row in csv.DictReader(f)]
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read code list: {exc}") from exc


@lru_cache(maxsize=4)
def load_schemes(reference: Path = REFERENCE) -> dict[str, Scheme]:
    """All schemes of code_schemes.csv, by name."""
    fields = Scheme.__dataclass_fields__
    return {row["scheme"]: Scheme(name=row["scheme"], **{k: row[k] for k in fields if k != "name"})
            for row in _read(reference / SCHEMES_FILE)}


@lru_cache(maxsize=32)
def concepts(scheme: str, reference: Path = REFERENCE) -> tuple[Concept, ...]:
    """The concepts of one scheme in CSV order. Raises ValueError for an unknown scheme."""
    schemes = load_schemes(reference)
    if scheme not in schemes:
        raise ValueError(f"unknown code scheme {scheme!r}; known: {', '.join(schemes)}")
    path = reference / schemes[scheme].file
    out = []
    for row in _read(path):
        spellings = "|".join(filter(None, (row.get("spellings"), row.get("aliases"))))
        delegated = row.get("delegated")
        out.append(Concept(
            scheme=scheme, code=row["code"],
            label_vi=row.get("label_vi") or row.get("name_vi", ""),
            label_en=row.get("label_en") or row.get("name_en", ""),
            definition_en=row.get("definition_en", ""),
            spellings=tuple(s for s in spellings.split("|") if s),
            channel=row.get("channel", ""),
            delegated=None if delegated is None else delegated.strip().lower() == "true",
            edge_property=row.get("edge_property", ""),
            example=row.get("example", ""),
        ))
    slugs = [c.slug for c in out]
    clash = sorted({s for s in slugs if slugs.count(s) > 1})
    if clash:
        raise ValueError(f"{path}: codes with the same IRI slug: {', '.join(clash)}")
    return tuple(out)


def concept(scheme: str, code: str) -> Concept:
    """The concept with this code (as written or as its slug). Raises ValueError if unknown."""
    wanted = code_slug(code)
    for c in concepts(scheme):
        if c.slug == wanted:
            return c
    raise ValueError(f"unknown code {code!r} in scheme {scheme!r} "
                     f"(data/reference/{load_schemes()[scheme].file})")


def concept_iri(scheme: str, code: str) -> str:
    """concept_iri("doc-type", "CV") -> "https://w3id.org/directive-kg/code/doc-type/cv"."""
    return concept(scheme, code).iri


def scheme_iri(scheme: str) -> str:
    """scheme_iri("urgency") -> "https://w3id.org/directive-kg/code/urgency"."""
    if scheme not in load_schemes():
        raise ValueError(f"unknown code scheme {scheme!r}")
    return CODE_BASE + scheme


def find_code(scheme: str, text: str, channel: str | None = None) -> str | None:
    """The code whose notation, labels or spellings equal ``text`` (case-insensitive), or None.

    ``find_code("doc-type", "Quy định", "state") -> "QyĐ"``; ``find_code("urgency", "HỎA TỐC") -> "hoa-toc"``.
    For doc types, ``channel`` ("party"/"state") skips codes of the other channel; among several
    matches the first row of the CSV wins.
    """
    key = unicodedata.normalize("NFC", text).strip().casefold()
    for c in concepts(scheme):
        if channel and c.channel and c.channel not in ("both", channel):
            continue
        if key in {s.casefold() for s in (c.code, c.label_vi, c.label_en, *c.spellings)}:
            return c.code
    return None
