"""Hostile values on the command line (issue 14, items 4, 6 and 7): numbers out of range, text that
is not text, `*` for a required parameter, a query file given by path, --wait for a query. The CLI
runs in this process (directive_kg.cli.main), SystemExit caught: argparse refusals exit 2.

Exit status, as the README says: 0 answered; 1 the command could not do it (no store, store busy
or incomplete, a parameter the query cannot use, a timeout); 2 the command line is malformed (a
number out of range, a value that is not valid text). Never a traceback."""
from __future__ import annotations

import contextlib
import io
import shutil
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from directive_kg import queries as Q
from directive_kg.cli import main
from loaders.build import build
from loaders.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"
BAD_BYTE = "\udcff"  # what Python makes of the byte 0xFF in a command line ($'\xff')


def cli(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def refused(argv: list[str], *words: str) -> str:
    status, out, err = cli(argv)
    assert status == 2, (argv, status, err)
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("directive-kg"), err
    for word in words:
        assert word in err, (word, err)
    return err


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("values")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in ("party_004.txt", "party_008.txt", "party_016.txt"):
        shutil.copy(DOCUMENTS / name, corpus / name)
    build(corpus, base / "store", progress=False)
    return base / "store"


UPLOAD = ["upload", "--endpoint", "http://127.0.0.1:9/query"]
NUMBERS = [  # (command line before the option, option, a refused value)
    (UPLOAD, "--retries", "-1"), (UPLOAD, "--retries", "1e9"), (UPLOAD, "--retries", "two"),
    (UPLOAD, "--timeout", "-5"), (UPLOAD, "--timeout", "0"), (UPLOAD, "--timeout", "nan"),
    (UPLOAD, "--timeout", "inf"), (UPLOAD, "--timeout", "1e300"),
    (["query", "documents"], "--timeout", "-1"), (["query", "documents"], "--timeout", "nan"),
    (["query", "documents"], "--timeout", "1e308"), (["query", "documents"], "--wait", "-1"),
    (["build"], "--wait", "-1"), (["build"], "--jobs", "0"), (["build"], "--jobs", "-3"),
    (["build"], "--jobs", "1000000000"), (["build"], "--file-timeout", "-1"), (["build"], "--file-timeout", "inf"),
    (["diagram"], "--wait", "-2"),
]


@pytest.mark.parametrize("before,option,value", NUMBERS, ids=[f"{b[0]} {o} {v}" for b, o, v in NUMBERS])
def test_numbers_out_of_range_are_refused_by_the_parser(tmp_path, before, option, value):
    refused([*before, option, value, "--store", str(tmp_path / "none")], option)


def test_a_timeout_of_zero_means_no_limit_for_a_query(store):
    status, out, err = cli(["query", "documents", "--store", str(store), "--timeout", "0"])
    assert status == 0 and "rows)" in out, err


# --- item 6: values that are not text ------------------------------------------------------------

def test_a_parameter_value_with_a_byte_that_is_not_utf8_is_refused_in_plain_words(store):
    err = refused(["query", "evidence", "--store", str(store), "--param", f"doc={BAD_BYTE}"],
                  "the value of doc is not valid text", "0xFF")
    assert "must be a str" not in err


def test_the_runner_refuses_a_lone_surrogate_too(store):
    with open_store(store) as kg, pytest.raises(Q.ParameterError, match="the value of doc is not valid text"):
        Q.run("evidence", {"doc": "10/\ud800"}, store=kg.store)


def test_a_diagram_root_that_is_not_text_is_refused(store, tmp_path):
    refused(["diagram", "--store", str(store), "--root", BAD_BYTE, "--out", str(tmp_path / "d.svg")],
            "the value of --root is not valid text")


# --- item 7 -----------------------------------------------------------------------------------------

def test_star_for_a_required_parameter_is_refused(store):
    status, out, err = cli(["query", "evidence", "--store", str(store), "--param", "doc=*"])
    assert status == 1 and out == "" and "parameter doc (document) is required" in err and "*" in err, err


def test_star_for_an_optional_parameter_means_every_document(store):
    status, out, err = cli(["query", "signatures", "--store", str(store), "--param", "doc=*"])
    assert status == 0, err


def test_query_file_is_a_path(store, tmp_path):
    mine = tmp_path / "mine"  # no .rq suffix: still a file, not a saved query's name
    mine.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", encoding="utf-8")
    status, out, err = cli(["query", "--file", str(mine), "--store", str(store)])
    assert status == 0 and "(2 rows)" in out, err
    status, out, err = cli(["query", "--file", str(tmp_path / "missing"), "--store", str(store)])
    assert status == 1 and "no saved query" not in err and "no such file" in err and "missing" in err, err


def test_query_waits_for_a_build_with_wait(store):
    writer = open_store(store, read_only=False)  # as a build holds it
    status, _, err = cli(["query", "documents", "--store", str(store)])
    assert status == 1 and "--wait SECONDS" in err, err
    threading.Timer(0.5, writer.close).start()
    started = time.monotonic()
    status, out, err = cli(["query", "documents", "--store", str(store), "--wait", "30"])
    assert status == 0 and "rows)" in out, err
    assert 0.4 < time.monotonic() - started < 30


# --- every saved query's parameters, every number option: arbitrary values -------------------------

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=["Cs", "Cc", "Zl", "Zs", "Mn", "Lo"]), max_size=12),
    st.sampled_from(["*", "", " ", "\x00", BAD_BYTE, "\ud800", "a\udcffb", "<>", "<http://x/>", "dkgid:",
                     '"; DROP ALL ; "', "} } SELECT * WHERE { ?s ?p ?o", "x" * 1_000_000, "10/ĐM\x00",
                     "implements", "http://", "urn:x", "1e309", "-1", str(2**63)]),
)
PARAMS = [(q.name, p.name) for q in Q.list_queries() for p in q.params]
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def well_behaved(status: int, out: str, err: str) -> None:
    assert status in (0, 1, 2), status
    assert "Traceback" not in err
    if status:
        assert err.strip() and out == "", err[:500]
        assert len(err) < 5000, "a message quotes a value whole"
        if status == 2:
            assert err.strip().splitlines()[-1].startswith("directive-kg")


@pytest.mark.parametrize("query,param", PARAMS, ids=[f"{q}:{p}" for q, p in PARAMS])
def test_any_parameter_value_gets_an_answer_or_a_message(store, query, param):
    @SLOW
    @given(HOSTILE)
    def check(value):
        status, out, err = cli(["query", query, "--store", str(store), "--format", "json", "--timeout", "20",
                                "--param", f"{param}={value}"])
        well_behaved(status, out, err)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            assert status == 2 and "not valid text" in err
    check()


NUMBER_TEXT = st.one_of(st.integers().map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                        st.text(max_size=12), st.sampled_from(["-0", "0", "1e-300", "-1e-300", "9" * 400, BAD_BYTE, "--"]))  # "--": argparse dropped it
OPTIONS = [(["query", "documents"], "--timeout"), (["query", "documents"], "--wait"), (UPLOAD, "--retries"),
           (UPLOAD, "--timeout"), (["build"], "--wait"), (["build"], "--jobs"), (["build"], "--file-timeout"),
           (["diagram"], "--wait")]


@pytest.mark.parametrize("before,option", OPTIONS, ids=[f"{b[0]} {o}" for b, o in OPTIONS])
def test_any_number_is_accepted_in_range_or_refused_by_the_parser(store, before, option):
    from directive_kg.cli import make_parser

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(NUMBER_TEXT)
    def check(value):
        argv = [*before, f"{option}={value}", "--store", str(store)]
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                args = make_parser().parse_args(argv)
        except SystemExit as e:
            assert e.code == 2 and option in err.getvalue() and "Traceback" not in err.getvalue()
            return
        number = getattr(args, option.lstrip("-").replace("-", "_"))
        assert 0 <= number <= 1_000_000
        if before[0] == "query":  # run it: any accepted number must work
            well_behaved(*cli(argv))
    check()
