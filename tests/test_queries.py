"""Saved queries: headers, portability, and their exact answers on the seed and corpus graphs."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from directive_kg import queries as Q
from directive_kg.cmd_query import render

ROOT = Path(__file__).resolve().parent.parent
SAVED = Q.list_queries()
NAMES = [q.name for q in SAVED]


def test_the_research_questions_have_saved_queries():
    assert {"propagation-tree", "ancestors", "lag-per-level", "downstream-tasks", "body-tasks",
            "missing-documents", "implicit-citations", "channel-crossings", "copies", "reporting-lines",
            "distribution", "signatures", "evidence", "documents"} <= set(NAMES)


@pytest.mark.parametrize("query", SAVED, ids=NAMES)
def test_header_and_portability(query):
    assert query.title and query.question and query.examples, "title, question and example lines"
    # Standard SPARQL 1.1: rdflib's parser (no Oxigraph extensions) accepts it too.
    prepareQuery(query.text)
    Q.check_syntax(query.text, query.source)
    projection = query.text[re.search(r"^SELECT", query.text, re.M).start():query.text.index("WHERE")]
    for p in query.params:  # bound parameters must be projected (pyoxigraph substitutions rule)
        assert f"?{p.name}" in projection.split(), p.name
    assert re.search(r"^SELECT DISTINCT", query.text, re.M), "union default graphs may repeat triples"
    assert "+" not in re.sub(r"#.*", "", query.text).replace('"', ""), "no + property paths (Virtuoso)"


def corpus(store, name, **params):
    return Q.run(name, params, store=store)


def pick(rows, *cols):
    return [tuple(r[c] for c in cols) for r in rows]


# --- exact answers on the graph built from data/documents -------------------------------------

def test_propagation_tree_below_10_dm(corpus_store):
    r = corpus(corpus_store, "propagation-tree", doc="10/ĐM")
    got = sorted(pick(r.rows, "document", "level", "lag_root_days", "lag_parent_days", "explicit", "parent_document"))
    assert got == sorted([
        ("963-CV/TU", "province", 1, 1, True, "10/ĐM"),
        ("2644-CV/TU", "province", 1, 1, False, "10/ĐM"),   # implicit: "ý kiến chỉ đạo của Thường trực Ban Bí thư"
        ("11-CV/HU", "district", 3, 3, True, "10/ĐM"),
        ("2458-CV/ĐUK", "sector", 1, 1, True, "10/ĐM"),      # "Công điện ngày 28/7/2020 của Thường trực Ban Bí thư"
    ])
    assert {r["depth"] for r in r.rows} == {1}


def test_propagation_through_a_state_document(corpus_store):
    r = corpus(corpus_store, "propagation-tree", doc="253/TB-VPCP")
    assert pick(r.rows, "depth", "document", "parent_document", "lag_root_days") == [
        (1, "472/UBND-VP6", "253/TB-VPCP", 1), (2, "2644-CV/TU", "472/UBND-VP6", 2)]


def test_ancestors_of_11_cv_hu(corpus_store):
    r = corpus(corpus_store, "ancestors", doc="11-CV/HU")
    # a document without a number shows as the diagrams label it: type, then issuer
    docs = sorted(d if not d.startswith("LKG (no number) · ") else "Lời kêu gọi" for d in (row["document"] for row in r.rows))
    assert docs == ["10/ĐM", "1100-CV/TU", "Lời kêu gọi"]
    by_doc = {row["document"]: row for row in r.rows}
    assert by_doc["10/ĐM"]["days_before"] == 3 and by_doc["1100-CV/TU"]["days_before"] == 2
    lkg = next(row for row in r.rows if row["document"].startswith("LKG (no number)"))
    assert lkg["issuer"] == "Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng"


def test_lag_per_level(corpus_store):
    r = corpus(corpus_store, "lag-per-level", doc="10/ĐM")
    assert r.columns == ["level", "count", "min", "median", "max"]
    assert pick(r.rows, "level", "count", "min", "median", "max") == [
        ("sector", 1, 1, 1, 1), ("province", 2, 1, 1, 1), ("district", 1, 3, 3, 3)]


def test_downstream_tasks(corpus_store):
    r = corpus(corpus_store, "downstream-tasks", doc="10/ĐM")
    rows = set(pick(r.rows, "level", "body_name", "role", "document"))
    assert ("province", "Ban Tuyên giáo Tỉnh ủy Ninh Bình", "lead", "2644-CV/TU") in rows
    assert ("province", "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Ninh Bình", "cooperating", "2644-CV/TU") in rows
    assert ("district", "Ủy ban nhân dân huyện Nam Trực", "lead", "11-CV/HU") in rows
    assert ("district", "Công an huyện Nam Trực", "cooperating", "11-CV/HU") in rows
    assert ("province", "Ban cán sự đảng Ủy ban nhân dân tỉnh Trà Vinh", "cooperating", "963-CV/TU") in rows
    assert {d for *_, d in rows} == {"2644-CV/TU", "963-CV/TU", "11-CV/HU"}
    levels = [row["level"] for row in r.rows]
    assert levels == sorted(levels, key=["province", "district"].index), "ordered by administrative level"


def test_body_tasks(corpus_store):
    r = corpus(corpus_store, "body-tasks", body="Ban Tuyên giáo Tỉnh ủy Ninh Bình")
    assert pick(r.rows, "date", "document", "role", "reports_to") == [
        (dt.date(2020, 7, 29), "2644-CV/TU", "lead", "Ban Thường vụ Tỉnh ủy Ninh Bình")]
    assert r.rows[0]["task"].startswith("Giao Ban Tuyên giáo Tỉnh ủy phối hợp chặt chẽ")


def test_missing_documents_ranked(corpus_store):
    r = corpus(corpus_store, "missing-documents")
    top = pick(r.rows[:3], "citations", "document")
    assert top[0] == (4, "10/ĐM")                    # 963, 2644 (implicit), 11-CV/HU, 2458-CV/ĐUK
    assert (2, "16/CT-TTg") in top
    assert (2, "LKG (no number) · Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng") in top
    counts = [row["citations"] for row in r.rows]
    assert counts == sorted(counts, reverse=True)
    loaded = {row["document"] for row in corpus(corpus_store, "documents").rows}
    assert not loaded & {row["document"] for row in r.rows}, "a loaded document is never missing"


def test_implicit_citations(corpus_store):
    r = corpus(corpus_store, "implicit-citations", doc="2644-CV/TU")
    implicit = [row for row in r.rows if row["explicit"] is False]
    assert pick(implicit, "resolved_to", "method", "relation") == [("10/ĐM", "issuer-subject", "implements")]
    assert 0 < implicit[0]["confidence"] < 1
    assert implicit[0]["quote"].startswith("ý kiến chỉ đạo của Thường trực Ban Bí thư")
    text = (ROOT / "data/documents/000_971c03e54ee92b8c.txt").read_text(encoding="utf-8")
    import unicodedata
    text = unicodedata.normalize("NFC", text)
    assert text[implicit[0]["start"]:implicit[0]["end"]] == implicit[0]["quote"]
    everyone = corpus(corpus_store, "implicit-citations")
    assert ("11-CV/HU", "10/ĐM", "issuer-date-type") in pick(everyone.rows, "citing", "resolved_to", "method")


def test_channel_crossings(corpus_store):
    r = corpus(corpus_store, "channel-crossings")
    assert ("2644-CV/TU", "party", "472/UBND-VP6", "state", "253/TB-VPCP") in pick(
        r.rows, "document", "channel", "crosses_to", "to_channel", "then_implements")
    assert all({row["channel"], row["to_channel"]} == {"party", "state"} for row in r.rows)


def test_copies(corpus_store):
    r = corpus(corpus_store, "copies")
    assert pick(r.rows, "copy", "copied_by", "date", "signer", "capacity", "original_issuer") == [
        ("43-BS/ĐUK", "Đảng ủy Khối các cơ quan tỉnh Bình Định", dt.date(2021, 9, 8), "Nguyễn Cảnh Miên", "T/L",
         "Tỉnh ủy Bình Định")]


def test_reporting_lines_and_distribution(corpus_store):
    r = corpus(corpus_store, "reporting-lines", doc="2644-CV/TU")
    assert pick(r.rows, "kind", "from", "to") == [
        ("assignment", "Ban Tuyên giáo Tỉnh ủy Ninh Bình", "Ban Thường vụ Tỉnh ủy Ninh Bình"),
        ("distribution", "Tỉnh ủy Ninh Bình", "Ban Bí thư Trung ương (để b/c)"),
        ("distribution", "Tỉnh ủy Ninh Bình", "Văn phòng Trung ương (để b/c)"),
    ]
    d = corpus(corpus_store, "distribution", doc="2644-CV/TU")
    assert pick(d.rows, "entry", "purpose") == [
        ("Ban Bí thư Trung ương (để b/c)", "report"), ("Văn phòng Trung ương (để b/c)", "report"),
        ("Các đ/c Ủy viên BCH Đảng bộ tỉnh", None), ("Như kính gửi", "as-addressed"),
        ("Lưu Văn phòng Tỉnh ủy", "archive")]


def test_signatures(corpus_store):
    r = corpus(corpus_store, "signatures", doc="2644-CV/TU")
    assert pick(r.rows, "signer", "role", "capacity", "on_behalf_of", "authority") == [
        ("Trần Hồng Quảng", "PHÓ BÍ THƯ", "T/M", "Ban Thường vụ Tỉnh ủy Ninh Bình", "T/M BAN THƯỜNG VỤ")]
    every = corpus(corpus_store, "signatures")
    assert ("1461/BYT-MT", "Đỗ Xuân Tuyên", "KT.", "kt") in pick(every.rows, "document", "signer", "capacity",
                                                                "capacity_code")
    # the body the capacity line names ("T/M BAN THƯỜNG VỤ"), not another organ of the committee
    assert ("963-CV/TU", "T/M", "Ban Thường vụ Tỉnh ủy Trà Vinh") in pick(every.rows, "document", "capacity",
                                                                           "on_behalf_of")


def test_evidence_quotes_the_source(corpus_store):
    import unicodedata
    r = corpus(corpus_store, "evidence", doc="2644-CV/TU")
    assert {"citation", "assignment", "distribution"} <= {row["fact"] for row in r.rows}
    for row in r.rows:
        text = unicodedata.normalize("NFC", (ROOT / "data/documents" / row["file"]).read_text(encoding="utf-8"))
        assert text[row["start"]:row["end"]] == row["quote"], row
    cited = corpus(corpus_store, "evidence", doc="10/ĐM")  # known only by citation: evidence elsewhere
    assert {row["fact"] for row in cited.rows} == {"cited-by"} and len(cited.rows) >= 3


def test_documents_lists_every_file(corpus_store):
    files = {row["file"] for row in corpus(corpus_store, "documents").rows}
    assert files == {p.name for p in (ROOT / "data/documents").glob("*.txt")}


# --- the seed graph: the examples in the headers ------------------------------------------------

def test_seed_examples(seed_store):
    tree = Q.run("propagation-tree", {"doc": "10/ĐM"}, store=seed_store)
    assert pick(tree.rows, "document", "lag_root_days", "explicit") == [
        ("2644-CV/TU", 1, False), ("963-CV/TU", 1, True), ("11-CV/HU", 3, True)]
    cites = Q.run("propagation-tree", {"doc": "10/ĐM", "via": "cites"}, store=seed_store)
    assert len(cites.rows) == 3
    lags = Q.run("lag-per-level", {"doc": "10/ĐM"}, store=seed_store)
    assert pick(lags.rows, "level", "count", "median") == [("province", 2, 1), ("district", 1, 3)]


# --- parameters, results, errors -----------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "10/ĐM", " 10/ĐM ", "https://w3id.org/directive-kg/id/doc/trung-uong/2020/10-dm",
    "<https://w3id.org/directive-kg/id/doc/trung-uong/2020/10-dm>", "dkgid:doc/trung-uong/2020/10-dm",
    "10/ĐM".replace("Đ", "Đ"),
])
def test_document_parameter_forms(seed_store, value):
    r = Q.run("propagation-tree", {"doc": value}, store=seed_store)
    assert len(r.rows) == 3 and not r.notes


def test_typed_header_number_with_spaces(corpus_store):
    assert len(Q.run("signatures", {"doc": "2644 - CV/TU"}, store=corpus_store).rows) == 1


def test_nonexistent_value_gives_empty_result_and_a_note(seed_store):
    r = Q.run("propagation-tree", {"doc": "99/XX"}, store=seed_store)
    assert r.rows == [] and "99/XX" in r.notes[0] and "depth" in r.columns


@pytest.mark.parametrize("params, message", [
    ({}, "parameter doc (document) is required"),
    ({"doc": "10/ĐM", "nope": "1"}, "unknown parameter nope"),
    ({"doc": "10/ĐM", "via": "sideways"}, "'sideways' is not one of implements"),
])
def test_parameter_errors(seed_store, params, message):
    with pytest.raises(Q.ParameterError, match=re.escape(message)):
        Q.run("propagation-tree", params, store=seed_store)


def test_unknown_query_name():
    with pytest.raises(Q.QueryError, match="no saved query named 'nope'.*propagation-tree"):
        Q.load_query("nope")


def test_malformed_query_names_line_and_column(tmp_path, seed_store):
    f = tmp_path / "bad.rq"
    f.write_text("# title: broken\nSELECT ?x WHERE { ?x ?y ?z }\nORDER BY ?x LIMIT x\n", encoding="utf-8")
    with pytest.raises(Q.QuerySyntaxError) as e:
        Q.run(Q.load_query(f), store=seed_store)
    assert e.value.line == 3
    assert f"{f}:3:{e.value.column}: malformed SPARQL: expected" in str(e.value)
    assert "\n    ORDER BY ?x LIMIT x\n" in str(e.value)


def test_malformed_at_the_end_shows_the_last_line():
    with pytest.raises(Q.QuerySyntaxError) as e:
        Q.check_syntax("SELECT ?x\nWHERE {\n  ?x ?y\n}\n", "mine.rq")
    assert "mine.rq:" in str(e.value) and "\n    }\n" in str(e.value)


def test_update_is_refused(tmp_path, seed_store):
    f = tmp_path / "drop.rq"
    f.write_text("DROP ALL", encoding="utf-8")
    before = len(seed_store)
    with pytest.raises(Q.QuerySyntaxError):
        Q.run(Q.load_query(f), store=seed_store)
    assert len(seed_store) == before


def test_timeout_does_not_hang():
    import pyoxigraph as ox
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(i)) for i in range(3000))
    heavy = Q.parse_query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER (?x + ?y > ?z) }")
    start = dt.datetime.now()
    with pytest.raises(Q.QueryTimeout, match=r"query timed out after 0.3 s"):
        Q.run(heavy, store=store, timeout=0.3)
    assert (dt.datetime.now() - start).total_seconds() < 3


def test_rows_dataframe_and_formats(seed_store):
    r = Q.run("propagation-tree", {"doc": "10/ĐM"}, store=seed_store)
    df = r.to_dataframe()
    assert list(df.columns) == r.columns and len(df) == 3
    table = render(r, "table")
    assert table.splitlines()[0].split()[:3] == ["depth", "document", "level"] and "(3 rows)" in table
    assert "dkgid:doc/" in table  # IRIs compacted for reading
    csv_lines = render(r, "csv").splitlines()
    assert csv_lines[0].startswith("depth,document,level") and len(csv_lines) == 4
    assert render(r, "tsv").splitlines()[1].split("\t")[1] == "2644-CV/TU"
    data = json.loads(render(r, "json"))
    assert data[0]["date"] == "2020-07-29" and data[0]["explicit"] is False


def test_header_parsing():
    q = Q.parse_query("# title: T\n# question: a\n# question: b\n# param: doc document - 10/ĐM\n"
                      "# param: n integer 3 5\n# derive: d = days(a, b)\n"
                      "# summarise: by=level value=d stats=count,median\nSELECT * WHERE {}")
    assert (q.title, q.question) == ("T", "a b")
    assert q.params == (Q.Param("doc", "document", None, "10/ĐM"), Q.Param("n", "integer", "3", "5"))
    assert q.derives == (Q.Derive("d", "days", ("a", "b")),)
    assert q.summary == Q.Summary(("level",), "d", ("count", "median"))
    with pytest.raises(Q.QueryError, match="bad '# param:' line"):
        Q.parse_query("# param: doc nosuchtype - x\nSELECT * WHERE {}")


def test_cli_heavy_query_times_out_and_exits(tmp_path):
    import subprocess
    import sys
    import time

    import pyoxigraph as ox
    from loaders.store import open_store

    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.extend(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(i),
                                    ox.NamedNode("http://e/g")) for i in range(3000))
    heavy = tmp_path / "heavy.rq"
    heavy.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER (?x + ?y > ?z) }")
    start = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).parent / "directive-kg"), "query", "--file", str(heavy),
                           "--store", str(tmp_path / "store"), "--timeout", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "query timed out after 1 s" in done.stderr
    assert time.monotonic() - start < 15


def test_cli_query_table_on_a_store(tmp_path, seed_store):
    import subprocess
    import sys

    from loaders.store import open_store

    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.extend(seed_store.quads_for_pattern(None, None, None, None))
    cli = [str(Path(sys.executable).parent / "directive-kg")]
    done = subprocess.run(cli + ["query", "propagation-tree", "--param", "doc=10/ĐM", "--store", str(tmp_path / "store")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:4] == ["depth", "document", "level", "issuer"] and lines[-1] == "(3 rows)"
    listing = subprocess.run(cli + ["queries"], capture_output=True, text=True, timeout=60)
    assert "propagation-tree: Propagation tree below a document" in listing.stdout
    assert "--param doc=...  (document, required; e.g. 10/ĐM)" in listing.stdout
    bad = subprocess.run(cli + ["query", "propagation-tree", "--store", str(tmp_path / "store")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "parameter doc (document) is required" in bad.stderr


@pytest.fixture(scope="module")
def rdflib_backend():
    """rdflib's own SPARQL engine over the seed graph (the baseline's backend, bench/baseline.py)."""
    import importlib.util

    import rdflib

    spec = importlib.util.spec_from_file_location("bench_baseline", ROOT / "bench" / "baseline.py")
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    graph = rdflib.Dataset(default_union=True)
    graph.parse(ROOT / "tests" / "fixtures" / "seed_graph.trig", format="trig")
    return baseline.RdflibBackend(graph)


@pytest.mark.parametrize("query", SAVED, ids=NAMES)
def test_rdflib_engine_gives_the_same_rows(query, rdflib_backend, seed_store):
    """One standard SPARQL 1.1 text for every engine: rdflib's evaluator answers every saved query on
    the seed graph with the embedded store's rows, in the same order (documents.rq once gave the text
    "None" for an unbound label there)."""
    params = {p.name: p.example for p in query.params if p.default is None}
    assert Q.run(query, params, backend=rdflib_backend).rows == Q.run(query, params, store=seed_store).rows
