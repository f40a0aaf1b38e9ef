"""Tidy exports (issue 16, item 3): `directive-kg export` writes documents, links, tasks and bodies
as CSV (Excel BOM on request) or Parquet with documented types, and the graph as JSON-LD, Turtle or
TriG through the same writer as `build --export`. The tables are compared with the graph."""
from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest

from directive_kg import tables
from directive_kg.cli import main
from loaders.build import build
from loaders.paths import DOCUMENTS
from loaders.store import open_store, query_graph

DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("export") / "store"
    build(DOCUMENTS, target, progress=False)
    return target


def _cli(*argv: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(list(argv)) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def csv_dir(store_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    _cli("export", "--out", str(out), "--store", str(store_dir))
    return out


def _graph(store_dir: Path, query: str) -> list[dict]:
    with open_store(store_dir, read_only=True) as kg:
        result = query_graph(kg.store, query)
        names = [v.value for v in result.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


EXPECTED_TYPES = {  # what a researcher gets back with tables.read_csv (and from Parquet)
    "documents": {"date": "datetime64", "known_only_by_citation": "boolean", "document": "string"},
    "links": {"explicit": "boolean", "confidence": "Float64", "lag_days": "Int64", "citing_date": "datetime64"},
    "tasks": {"task": "string", "role": "string"},
    "bodies": {"name": "string", "level": "string"},
}


@pytest.mark.parametrize("name", list(tables.TABLES))
def test_csv_reads_back_with_the_documented_types(csv_dir, name):
    frame = tables.read_csv(csv_dir / f"{name}.csv")
    assert list(frame.columns) == [c for c, _ in tables.TABLES[name].columns]
    for column, dtype in EXPECTED_TYPES[name].items():
        assert str(frame[column].dtype).startswith(dtype), (column, frame[column].dtype)
    plain = pd.read_csv(csv_dir / f"{name}.csv")  # plain pandas reads it too
    assert len(plain) == len(frame) > 0


def test_documents_one_row_per_document_node_as_the_graph_says(csv_dir, store_dir):
    frame = tables.read_csv(csv_dir / "documents.csv")
    graph = _graph(store_dir, f"""SELECT DISTINCT ?d ?label ?date WHERE {{ ?d a <{DKG}Document> .
        OPTIONAL {{ ?d <{ELI}passed_by>/<{SKOS}prefLabel> ?label }} OPTIONAL {{ ?d <{ELI}date_document> ?date }} }}""")
    assert frame["document_iri"].is_unique
    assert set(frame["document_iri"]) == {r["d"] for r in graph}
    by_iri = frame.set_index("document_iri")
    for r in graph:
        row = by_iri.loc[r["d"]]
        assert (None if pd.isna(row["issuer"]) else row["issuer"]) == r["label"]
        assert (None if pd.isna(row["date"]) else row["date"].date().isoformat()) == r["date"]
    ten = by_iri.loc["https://w3id.org/directive-kg/id/doc/trung-uong/2020/10-dm"]
    assert (ten["document"], ten["level"], ten["channel"], bool(ten["known_only_by_citation"])) == (
        "10/ĐM", "central", "party", True)
    assert ten["date"] == pd.Timestamp("2020-07-28")
    loaded = frame[~frame["known_only_by_citation"]]
    assert loaded["source_file"].notna().all() and len(loaded) == 18


def test_links_are_the_citations_and_copies(csv_dir, store_dir):
    frame = tables.read_csv(csv_dir / "links.csv")
    citations = _graph(store_dir, f"SELECT DISTINCT ?c WHERE {{ ?c a <{DKG}Citation> }}")
    copies = _graph(store_dir, f"SELECT DISTINCT ?c ?o WHERE {{ ?c <{DKG}copyOf> ?o }}")
    assert len(frame) == len(citations) + len(copies)
    row = frame[(frame["citing"] == "11-CV/HU") & (frame["cited"] == "10/ĐM")].iloc[0]
    assert (row["relation"], bool(row["explicit"]), row["resolution_method"], row["lag_days"]) == (
        "implements", True, "issuer-date-type", 3)
    assert row["confidence"] == pytest.approx(0.9)


def test_tasks_and_bodies_match_the_graph(csv_dir, store_dir):
    tasks = tables.read_csv(csv_dir / "tasks.csv")
    pairs = _graph(store_dir, f"""SELECT DISTINCT ?a ?b ?role WHERE {{
        {{ ?a <{DKG}leadBody> ?b BIND ("lead" AS ?role) }} UNION {{ ?a <{DKG}cooperatingBody> ?b BIND ("cooperating" AS ?role) }} }}""")
    assert len(tasks) == len(pairs)
    lead = tasks[(tasks["document"] == "2644-CV/TU") & (tasks["body"] == "Ban Tuyên giáo Tỉnh ủy Ninh Bình")]
    assert set(lead["role"]) == {"lead"} and set(lead["reports_to"]) == {"Ban Thường vụ Tỉnh ủy Ninh Bình"}
    bodies = tables.read_csv(csv_dir / "bodies.csv")
    nodes = _graph(store_dir, f"""SELECT DISTINCT ?b WHERE {{ {{ ?b a <http://www.w3.org/ns/org#Organization> }}
        UNION {{ ?b a <{DKG}BodyGroup> }} }}""")
    assert bodies["body_iri"].is_unique and set(bodies["body_iri"]) == {r["b"] for r in nodes}


def test_parquet_has_the_same_tables_and_types(store_dir, csv_dir, tmp_path):
    _cli("export", "--out", str(tmp_path), "--format", "parquet", "--store", str(store_dir))
    for name in tables.TABLES:
        frame = pd.read_parquet(tmp_path / f"{name}.parquet")
        from_csv = tables.read_csv(csv_dir / f"{name}.csv")
        assert list(frame.columns) == list(from_csv.columns) and len(frame) == len(from_csv)
        for column, dtype in EXPECTED_TYPES[name].items():
            assert str(frame[column].dtype).startswith(dtype), (name, column, frame[column].dtype)


def test_excel_bom(store_dir, tmp_path):
    _cli("export", "--out", str(tmp_path), "--excel-bom", "--store", str(store_dir))
    raw = (tmp_path / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdocument,")
    assert tables.read_csv(tmp_path / "documents.csv").columns[0] == "document"


@pytest.mark.parametrize("fmt,file,rdf", [("jsonld", "graph.jsonld", ox.RdfFormat.JSON_LD),
                                          ("turtle", "graph.ttl", ox.RdfFormat.TURTLE),
                                          ("trig", "graph.trig", ox.RdfFormat.TRIG)])
def test_graph_formats_are_the_build_export(store_dir, tmp_path, fmt, file, rdf):
    _cli("export", "--out", str(tmp_path), "--format", fmt, "--store", str(store_dir))
    from loaders.store import export
    with open_store(store_dir, read_only=True) as kg:
        export(kg.store, tmp_path / f"same.{file.split('.')[1]}")
    assert (tmp_path / file).read_bytes() == (tmp_path / f"same.{file.split('.')[1]}").read_bytes()
    assert len(list(ox.parse(path=str(tmp_path / file), format=rdf))) > 5000
