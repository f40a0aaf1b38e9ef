"""Listing tables (directive_kg.listings, issue 15): the build writes the rows of every corpus-wide
listing (`# table: yes`) to the store folder; `query NAME` with default parameters reads them, a page
at a time, and gives exactly the rows the SPARQL gives; a stale or missing table is never read."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from directive_kg import listing_delta, listings
from directive_kg import queries as Q
from loaders.identity import BUILD_GRAPH
from loaders.store import GENERATED_AT, open_store

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = [q.name for q in Q.list_queries() if q.table]
# (limit, offset): pages across the index step, at the end, past the end, empty
PAGES = [(None, 0), (1000, 0), (7, 0), (7, 5), (None, 3), (0, 0), (3, 10**6), (2, listings.STEP - 1)]


def test_listings_are_marked_in_their_headers():
    """Which queries are listings is said by their .rq header, and a listing needs no parameter."""
    assert {"documents", "signatures", "reporting-lines", "implicit-citations", "channel-crossings"} <= set(LISTINGS)
    for name in LISTINGS:
        assert all(p.default is not None for p in Q.load_query(name).params), name
    assert not Q.load_query("propagation-tree").table


@pytest.mark.parametrize("header,table", [("# table: yes", True), ("# table: yes  (a note)", True),
                                          ("# table: no", False), ("", False)])
def test_table_header(header, table):
    assert Q.parse_query(f"{header}\nSELECT * WHERE {{ ?s ?p ?o }}").table is table


def test_a_bad_table_header_is_refused():
    with pytest.raises(Q.QueryError, match="table"):
        Q.parse_query("# table: maybe\nSELECT * WHERE { ?s ?p ?o }")


def test_the_build_node_is_the_builds():
    from loaders.build import BUILD_NODE
    assert listings.BUILD_NODE == BUILD_NODE


def _stamped(store: ox.Store, stamp: str) -> None:
    node, build = ox.NamedNode(listings.BUILD_NODE), ox.NamedNode(BUILD_GRAPH)
    for q in list(store.quads_for_pattern(node, ox.NamedNode(GENERATED_AT), None, build)):
        store.remove(q)
    store.add(ox.Quad(node, ox.NamedNode(GENERATED_AT), ox.Literal(stamp, datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#dateTime")), build))


@pytest.fixture(scope="module")
def seed_kg(tmp_path_factory, seed_store):
    """The seed graph in a built-store folder, with a build stamp and its tables."""
    path = tmp_path_factory.mktemp("listings-seed") / "store"
    with open_store(path, read_only=False) as kg:
        kg.store.extend(seed_store.quads_for_pattern(None, None, None, None))
        _stamped(kg.store, "2026-12-05T00:00:00+00:00")
        written = listings.write_tables(kg.store, kg.path)
    assert set(written) == set(LISTINGS)
    return path


@pytest.fixture(scope="module")
def generated_kg(tmp_path_factory):
    """A built 120-document corpus of bench/generate.py: the build itself writes the tables."""
    from loaders.build import build

    tmp = tmp_path_factory.mktemp("listings-generated")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "120", "--out", str(tmp / "corpus"),
                    "--seed", "11", "--noise", "0.1", "--no-gold"], check=True, capture_output=True)
    report = build(tmp / "corpus", tmp / "store", progress=False, jobs=1, reuse=False)
    assert "tables" in report.seconds
    return tmp / "store"


@pytest.mark.parametrize("which", ["seed_kg", "generated_kg"])
@pytest.mark.parametrize("name", LISTINGS)
def test_table_rows_are_the_sparql_rows(request, which, name):
    """For every listing: the rows read from the table == the SPARQL rows (values and Python types, in
    order), whole and for every page."""
    path = request.getfixturevalue(which)
    query = Q.load_query(name)
    with open_store(path, read_only=True) as kg:
        for limit, offset in PAGES:
            table = Q.run(query, store=kg, limit=limit, offset=offset)
            sparql = Q.run(query, store=kg.store, limit=limit, offset=offset)
            assert table.origin == "table" and sparql.origin == "sparql"
            assert table.columns == sparql.columns
            assert [[(v, type(v)) for v in r.values()] for r in table.rows] == \
                   [[(v, type(v)) for v in r.values()] for r in sparql.rows], (name, limit, offset)
            assert table.notes == sparql.notes
        whole = Q.run(query, store=kg).rows
    if which == "generated_kg" and name in ("documents", "signatures"):
        assert len(whole) >= 100


def test_default_parameters_given_read_the_table_others_run_sparql(seed_kg):
    with open_store(seed_kg, read_only=True) as kg:
        assert Q.run("signatures", {"doc": "*"}, store=kg).origin == "table"
        one = Q.run("signatures", {"doc": "2644-CV/TU"}, store=kg)
        assert one.origin == "sparql" and one.rows


def test_a_stale_table_is_not_read(tmp_path, seed_kg):
    """Another build (a new stamp), a changed query text, a missing or broken table: SPARQL."""
    path = tmp_path / "store"
    shutil.copytree(seed_kg, path)
    query = Q.load_query("documents")
    with open_store(path, read_only=False) as kg:
        assert Q.run(query, store=kg).origin == "table"
        edited = Q.parse_query(query.text + "\n# edited\n", name="documents")
        assert Q.run(edited, store=kg).origin == "sparql"
        _stamped(kg.store, "2026-12-06T00:00:00+00:00")
        assert Q.run(query, store=kg).origin == "sparql"
        _stamped(kg.store, "2026-12-05T00:00:00+00:00")
        (path / "tables" / "documents.json").write_text("{not json")
        assert Q.run(query, store=kg).origin == "sparql"
        (path / "tables" / "documents.json").unlink()
        assert Q.run(query, store=kg).origin == "sparql"
        assert Q.run("signatures", store=kg).origin == "table"


def test_a_build_replaces_the_tables(tmp_path):
    """A second build with one more document: the tables hold its rows (not the first build's), and a
    build drops them before it changes anything (a build stopped halfway leaves none)."""
    from loaders.build import build

    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "12", "--out", str(corpus),
                    "--seed", "3", "--noise", "0", "--no-gold"], check=True, capture_output=True)
    aside = sorted(corpus.glob("*.txt"))[-1]
    moved = tmp_path / aside.name
    aside.rename(moved)
    build(corpus, tmp_path / "store", progress=False, jobs=1, reuse=False)
    with open_store(tmp_path / "store", read_only=True) as kg:
        before = Q.run("documents", store=kg)
    moved.rename(aside)
    build(corpus, tmp_path / "store", progress=False, jobs=1, reuse=False)
    with open_store(tmp_path / "store", read_only=True) as kg:
        after, sparql = Q.run("documents", store=kg), Q.run("documents", store=kg.store)
    assert before.origin == after.origin == "table"
    assert len(after.rows) == len(before.rows) + 1 and after.rows == sparql.rows
    listings.drop_tables(tmp_path / "store")
    assert not (tmp_path / "store" / "tables").exists()


def test_cli_reads_the_table_in_every_format(generated_kg, tmp_path):
    """`directive-kg query NAME` prints the same text from the table as from SPARQL, in every format,
    with --limit/--offset."""
    from directive_kg.cmd_query import FORMATS

    copy = tmp_path / "store"
    shutil.copytree(generated_kg, copy)
    exe = str(Path(sys.executable).parent / "directive-kg")

    def out(store: Path, fmt: str, *extra: str) -> str:
        done = subprocess.run([exe, "query", "signatures", "--store", str(store), "--format", fmt, *extra],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    with_tables = {fmt: out(generated_kg, fmt, "--limit", "5", "--offset", "3") for fmt in FORMATS}
    with_tables["all"] = out(generated_kg, "csv")
    listings.drop_tables(copy)
    assert with_tables == {**{fmt: out(copy, fmt, "--limit", "5", "--offset", "3") for fmt in FORMATS},
                           "all": out(copy, "csv")}
    assert len(json.loads(with_tables["json"])) == 5


def table_files(folder: Path, stamp: bool = True) -> dict[str, object]:
    """Every table file's bytes; the metadata as JSON, without what its writes cost (cpu_line,
    cpu_bound: table_delta.Cost, measured, no part of the table) and, unless `stamp`, its build stamp."""
    found: dict[str, object] = {}
    for f in sorted(folder.iterdir()):
        if f.suffix == ".json":
            meta = json.loads(f.read_bytes())
            for key in ("cpu_line", "cpu_bound", *(() if stamp else ("stamp",))):
                meta.pop(key, None)
            found[f.name] = meta
        else:
            found[f.name] = f.read_bytes()
    return found


def test_tables_written_in_two_threads_are_those_of_one(tmp_path, generated_kg):
    """The stage runs the listings in threads (pyoxigraph evaluates without the GIL): the files are
    byte for byte those of a run one listing at a time, and every listing has its table."""
    path = tmp_path / "store"
    shutil.copytree(generated_kg, path)
    written = {}
    with open_store(path, read_only=False) as kg:
        for workers in (1, 2):
            rows = listings.write_tables(kg.store, kg.path, workers)
            assert list(rows) == LISTINGS
            written[workers] = {name: data for name, data in table_files(path / "tables").items()
                                if ".doc." not in name}  # the per-document tables are not listings
    assert written[1] == written[2]
    assert len(written[2]) == 3 * len(LISTINGS) + len(listing_delta.specs())  # the keyed ones' NAME.keys


def test_the_stage_starts_the_costliest_tables_first(tmp_path, generated_kg):
    """The build's tables stage (write_all_tables) starts its jobs by their measured cost, the costliest
    first, so that a short one ends the stage; every table has its cost (an unmeasured one would start last)."""
    path = tmp_path / "store"
    shutil.copytree(generated_kg, path)
    with open_store(path, read_only=False) as kg:
        rows = listings.write_all_tables(kg.store, kg.path, 2)
    assert set(rows) == set(listings.WHOLE_CPU)
    costs = [listings.WHOLE_CPU[name] for name in rows]
    assert costs == sorted(costs, reverse=True)
