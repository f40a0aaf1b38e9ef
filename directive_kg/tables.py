"""Tidy tables of the graph for pandas, R and Excel: documents, links, tasks, bodies.

Each table is one SPARQL SELECT (run on any backend, parameters none) whose rows are typed by
``COLUMNS``: dates are dates, numbers numbers, flags booleans. ``dataframes`` gives pandas DataFrames
with those types (datetime64 dates, nullable Int64 / boolean); ``write_csv`` / ``write_parquet`` write
them; ``read_csv`` reads a CSV export back with the documented types.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from directive_kg.queries import Backend, QueryError, to_python
from directive_kg.queries import document_label as _label

_PREFIXES = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""

# One row per document node (loaded or only cited). MIN keeps one value should the graph say two.
_DOCUMENTS = _PREFIXES + """
SELECT ?document_iri (MIN(?id) AS ?number) (MIN(?t_code) AS ?type) (MIN(?d) AS ?date)
       (MIN(STR(?b_label)) AS ?issuer) (MIN(STR(?a_label)) AS ?acting_body)
       (MIN(?lv) AS ?level) (MIN(?ch) AS ?channel) (MIN(STR(?prov)) AS ?province) (MIN(STR(?dist)) AS ?district)
       (MIN(STR(?title)) AS ?subject) (MIN(?kind) AS ?text_kind) (MIN(?path) AS ?source_file)
       (MAX(?co) AS ?known_only_by_citation) (MIN(STR(?orig)) AS ?copy_of_iri)
WHERE {
  ?document_iri a dkg:Document .
  OPTIONAL { ?document_iri eli:id_local ?id }
  OPTIONAL { ?document_iri eli:type_document ?t . OPTIONAL { ?t skos:notation ?notation } }
  BIND (COALESCE(STR(?notation), REPLACE(STR(?t), "^.*/", "")) AS ?t_code)
  OPTIONAL { ?document_iri eli:date_document ?d }
  OPTIONAL { ?document_iri eli:passed_by ?b . ?b skos:prefLabel ?b_label }
  OPTIONAL { ?document_iri dkg:actingBody ?a . ?a skos:prefLabel ?a_label }
  OPTIONAL { ?document_iri dkg:level ?l } BIND (REPLACE(STR(?l), "^.*/", "") AS ?lv)
  OPTIONAL { ?document_iri dkg:channel ?c } BIND (REPLACE(STR(?c), "^.*/", "") AS ?ch)
  OPTIONAL { ?document_iri dkg:locality ?unit .
             OPTIONAL { ?unit dkg:partOf ?up . ?up skos:prefLabel ?up_label }
             ?unit skos:prefLabel ?unit_label
             BIND (IF(BOUND(?up), ?up_label, ?unit_label) AS ?prov)
             BIND (IF(BOUND(?up), ?unit_label, ?none) AS ?dist) }
  OPTIONAL { ?document_iri eli:title ?title }
  OPTIONAL { ?document_iri dkg:textKind ?kind }
  OPTIONAL { ?document_iri dkg:sourceFile/dkg:path ?path }
  OPTIONAL { ?document_iri dkg:knownOnlyByCitation ?co }
  OPTIONAL { ?document_iri dkg:copyOf ?orig }
} GROUP BY ?document_iri ORDER BY ?date ?number ?document_iri"""

# One row per citation (and per copy, relation copy-of).
_LINKS = _PREFIXES + """
SELECT ?citing_iri ?cited_iri ?relation ?explicit ?resolution_method ?confidence ?citing_date ?cited_date
       ?citation_iri ?citing ?cited
WHERE {
  { ?citation_iri a dkg:Citation ; dkg:citingDocument ?citing_iri ; dkg:citedDocument ?cited_iri .
    OPTIONAL { ?citation_iri dkg:relation ?r }
    BIND (REPLACE(STR(?r), "^.*/", "") AS ?relation)
    OPTIONAL { ?citation_iri dkg:explicit ?explicit }
    OPTIONAL { ?citation_iri dkg:resolutionMethod ?m }
    BIND (REPLACE(STR(?m), "^.*/", "") AS ?resolution_method)
    OPTIONAL { ?citation_iri dkg:confidence ?confidence } }
  UNION
  { ?citing_iri dkg:copyOf ?cited_iri . BIND ("copy-of" AS ?relation) BIND (true AS ?explicit) }
  OPTIONAL { ?citing_iri eli:date_document ?citing_date }
  OPTIONAL { ?cited_iri eli:date_document ?cited_date }
  OPTIONAL { ?citing_iri eli:id_local ?citing }
  OPTIONAL { ?cited_iri eli:id_local ?cited }
} ORDER BY ?citing_iri ?citation_iri ?cited_iri"""

# One row per (assignment, body, role).
_TASKS = _PREFIXES + """
SELECT ?document_iri ?document ?assignment_iri ?role ?body ?body_iri ?reports_to ?reports_to_iri ?task
WHERE {
  ?assignment_iri a dkg:Assignment ; dkg:assignedIn ?document_iri .
  { ?assignment_iri dkg:leadBody ?body_iri BIND ("lead" AS ?role) }
  UNION { ?assignment_iri dkg:cooperatingBody ?body_iri BIND ("cooperating" AS ?role) }
  OPTIONAL { ?body_iri skos:prefLabel ?body_label } BIND (STR(?body_label) AS ?body)
  OPTIONAL { ?assignment_iri dkg:reportsTo ?reports_to_iri . OPTIONAL { ?reports_to_iri skos:prefLabel ?r_label } }
  BIND (STR(?r_label) AS ?reports_to)
  OPTIONAL { ?assignment_iri dkg:taskText ?task }
  OPTIONAL { ?document_iri eli:id_local ?document }
} ORDER BY ?document_iri ?assignment_iri ?role ?body_iri"""

_BODIES = _PREFIXES + """
SELECT ?body_iri (MIN(STR(?label)) AS ?name) (MIN(?k) AS ?kind) (MIN(?lv) AS ?level) (MIN(?ch) AS ?channel)
       (MIN(STR(?prov)) AS ?province) (MIN(STR(?dist)) AS ?district) (MIN(STR(?parent)) AS ?parent_iri)
       (GROUP_CONCAT(DISTINCT STR(?alias); SEPARATOR=" | ") AS ?aliases)
WHERE {
  { ?body_iri a org:Organization BIND ("body" AS ?k) } UNION { ?body_iri a dkg:BodyGroup BIND ("group" AS ?k) }
  OPTIONAL { ?body_iri skos:prefLabel ?label }
  OPTIONAL { ?body_iri skos:altLabel ?alias }
  OPTIONAL { ?body_iri dkg:level ?l } BIND (REPLACE(STR(?l), "^.*/", "") AS ?lv)
  OPTIONAL { ?body_iri dkg:channel ?c } BIND (REPLACE(STR(?c), "^.*/", "") AS ?ch)
  OPTIONAL { { ?body_iri org:subOrganizationOf ?parent } UNION { ?body_iri dkg:groupWithin ?parent } }
  OPTIONAL { ?body_iri dkg:locality ?unit .
             OPTIONAL { ?unit dkg:partOf ?up . ?up skos:prefLabel ?up_label }
             ?unit skos:prefLabel ?unit_label
             BIND (IF(BOUND(?up), ?up_label, ?unit_label) AS ?prov)
             BIND (IF(BOUND(?up), ?unit_label, ?none) AS ?dist) }
} GROUP BY ?body_iri ORDER BY ?name ?body_iri"""


@dataclass(frozen=True)
class Table:
    name: str
    query: str
    columns: tuple[tuple[str, str], ...]   # (column, type): str | date | int | float | bool


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("documents", _DOCUMENTS, (
        ("document", "str"), ("type", "str"), ("date", "date"), ("issuer", "str"), ("acting_body", "str"),
        ("level", "str"), ("channel", "str"), ("province", "str"), ("district", "str"), ("subject", "str"),
        ("text_kind", "str"), ("source_file", "str"), ("known_only_by_citation", "bool"),
        ("copy_of_iri", "str"), ("document_iri", "str"))),
    Table("links", _LINKS, (
        ("citing", "str"), ("cited", "str"), ("relation", "str"), ("explicit", "bool"),
        ("resolution_method", "str"), ("confidence", "float"), ("lag_days", "int"),
        ("citing_date", "date"), ("cited_date", "date"),
        ("citing_iri", "str"), ("cited_iri", "str"), ("citation_iri", "str"))),
    Table("tasks", _TASKS, (
        ("document", "str"), ("role", "str"), ("body", "str"), ("reports_to", "str"), ("task", "str"),
        ("document_iri", "str"), ("assignment_iri", "str"), ("body_iri", "str"), ("reports_to_iri", "str"))),
    Table("bodies", _BODIES, (
        ("name", "str"), ("kind", "str"), ("level", "str"), ("channel", "str"), ("province", "str"),
        ("district", "str"), ("aliases", "str"), ("parent_iri", "str"), ("body_iri", "str"))),
)}


def document_label(row: Mapping[str, Any]) -> str:
    """How a document is shown in a table: its number, else its type and issuer (as the diagrams do)."""
    return row.get("number") or _label(row.get("type"), row.get("issuer"))


def rows(backend: Backend, name: str, timeout: float | None = None,
         labels: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The rows of one table, typed (dates, numbers, booleans), columns as in TABLES. ``labels``
    (document IRI -> label, from the documents table) saves reading the documents again."""
    table = TABLES[name]
    _, terms = backend.select(table.query, {}, timeout, f"<table {name}>")
    out = [{k: to_python(v) for k, v in r.items()} for r in terms]
    if name == "documents":
        for r in out:
            r["document"] = document_label(r)
            r["known_only_by_citation"] = bool(r.get("known_only_by_citation"))
    if name in ("links", "tasks") and labels is None:
        labels = {r["document_iri"]: r["document"] for r in rows(backend, "documents", timeout)}
    if name == "links":
        for r in out:
            r["citing"] = labels.get(r["citing_iri"], r.get("citing") or r["citing_iri"])
            r["cited"] = labels.get(r["cited_iri"], r.get("cited") or r["cited_iri"])
            a, b = r.get("cited_date"), r.get("citing_date")
            r["lag_days"] = (b - a).days if isinstance(a, dt.date) and isinstance(b, dt.date) else None
    if name == "tasks":
        for r in out:
            r["document"] = labels.get(r["document_iri"], r.get("document") or r["document_iri"])
    return [{c: r.get(c) for c, _ in table.columns} for r in out]


def dataframes(backend: Backend, timeout: float | None = None) -> dict:
    """Every table as a pandas DataFrame with real types: datetime64 dates, Int64, float, boolean."""
    documents = rows(backend, "documents", timeout)
    labels = {r["document_iri"]: r["document"] for r in documents}
    return {name: to_frame(name, documents if name == "documents" else rows(backend, name, timeout, labels))
            for name in TABLES}


def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise QueryError("tables need pandas: pip install 'directive-kg[export]'") from None
    return pd


_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def to_frame(name: str, table_rows: list[dict[str, Any]]):
    pd = _pandas()
    columns = TABLES[name].columns
    frame = pd.DataFrame(table_rows, columns=[c for c, _ in columns])
    for c, kind in columns:
        frame[c] = pd.to_datetime(frame[c]) if kind == "date" else frame[c].astype(_DTYPES[kind])
    return frame


def write_csv(frames: Mapping[str, Any], out: Path, excel_bom: bool = False) -> list[Path]:
    """One CSV per table (UTF-8; with a BOM for Excel on request); dates as YYYY-MM-DD."""
    written = []
    for name, frame in frames.items():
        path = Path(out) / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig" if excel_bom else "utf-8",
                     date_format="%Y-%m-%d", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        written.append(path)
    return written


def write_parquet(frames: Mapping[str, Any], out: Path) -> list[Path]:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise QueryError("parquet needs pyarrow: pip install 'directive-kg[export]'") from None
    written = []
    for name, frame in frames.items():
        path = Path(out) / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        written.append(path)
    return written


def read_csv(path: str | Path):
    """A table written by `directive-kg export` back as a DataFrame with its documented types."""
    pd = _pandas()
    name = Path(path).stem
    columns = TABLES[name].columns
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                        dtype={c: _DTYPES[k] for c, k in columns if k != "date"},
                        parse_dates=[c for c, k in columns if k == "date"])
    return frame[[c for c, _ in columns]]
