"""Forgiving look-ups (issue 16, item 2): query parameters, `diagram --root` and `directive-kg find`
fold case, diacritics and Đ/D, take a bare number when it is unique, and otherwise answer with
candidates. One matcher (directive_kg/lookup.py) for all three."""
from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pyoxigraph as ox
import pytest

from directive_kg import diagram, lookup
from directive_kg import queries as Q
from directive_kg.cmd_find import find
from directive_kg.queries import EmbeddedBackend, ParameterError

FOLD = [
    ("10/ĐM", "10/dm"), ("10/đm", "10/dm"), ("10/DM", "10/dm"),
    ("Ban Tuyên giáo Tỉnh ủy Ninh Bình", "ban tuyen giao tinh uy ninh binh"),
    ("  ban   TUYÊN giáo, tỉnh uỷ ", "ban tuyen giao tinh uy"),
    ("Hoà Bình", "hoa binh"), ("Hòa Bình", "hoa binh"),
    ("Đảng ủy Khối", "dang uy khoi"),
]


@pytest.mark.parametrize("text,folded", FOLD)
def test_fold(text, folded):
    assert lookup.fold(text) == folded


def _docs(store, query, **params):
    r = Q.run(query, params, store=store)
    return r.rows, r.notes


@pytest.mark.parametrize("typed", ["10/DM", "10/đm", "10/dm", " 10/ĐM "])
def test_document_number_folded_finds_the_same_rows(corpus_store, typed):
    exact, _ = _docs(corpus_store, "propagation-tree", doc="10/ĐM")
    rows, notes = _docs(corpus_store, "propagation-tree", doc=typed)
    assert rows == exact and len(exact) == 4


def test_bare_number_when_unique(corpus_store):
    exact, _ = _docs(corpus_store, "ancestors", doc="2644-CV/TU")
    rows, notes = _docs(corpus_store, "ancestors", doc="2644")
    assert rows == exact and exact
    assert "2644-CV/TU" in notes[0] and "bare number" in notes[0]


@pytest.mark.parametrize("typed", ["ban tuyen giao tinh uy ninh binh", "BAN TUYÊN GIÁO TỈNH ỦY NINH BÌNH",
                                   "ban tuyen giao ninh binh", "Ban Tuyên giáo Tỉnh uỷ Ninh Bình"])
def test_body_names_folded(corpus_store, typed):
    exact, _ = _docs(corpus_store, "body-tasks", body="Ban Tuyên giáo Tỉnh ủy Ninh Bình")
    rows, _ = _docs(corpus_store, "body-tasks", body=typed)
    assert rows == exact and exact


def test_nothing_found_gives_did_you_mean(corpus_store):
    rows, notes = _docs(corpus_store, "body-tasks", body="ban tuyen giao ninh bin")
    assert rows == [] and "did you mean" in notes[0]
    assert "Ban Tuyên giáo Tỉnh ủy Ninh Bình" in notes[0]


def _two_fives() -> ox.Store:
    store = ox.Store()
    eli = "http://data.europa.eu/eli/ontology#"
    for iri, local in (("https://w3id.org/directive-kg/id/doc/a/2020/5-cv-tu", "5-CV/TU"),
                       ("https://w3id.org/directive-kg/id/doc/b/2020/5-kh-tu", "5-KH/TU")):
        s = ox.NamedNode(iri)
        store.add(ox.Quad(s, ox.NamedNode(eli + "id_local"), ox.Literal(local)))
        store.add(ox.Quad(s, ox.NamedNode(eli + "number"), ox.Literal("5")))
    return store


def test_ambiguous_bare_number_lists_the_candidates():
    with pytest.raises(ParameterError) as e:
        Q.run("ancestors", {"doc": "5"}, store=_two_fives())
    assert "did you mean" in str(e.value) and "5-CV/TU" in str(e.value) and "5-KH/TU" in str(e.value)


def test_diagram_root_is_forgiving(corpus_store):
    assert diagram.resolve_document(corpus_store, "10/dm").endswith("/trung-uong/2020/10-dm")
    with pytest.raises(LookupError, match="did you mean"):
        diagram.resolve_document(corpus_store, "10/DN")


def test_find_lists_the_body_with_its_identifier(corpus_store):
    rows = find("ban tuyen giao ninh binh", EmbeddedBackend(corpus_store)).rows
    assert [(r["kind"], r["name"], r["iri"]) for r in rows] == [
        ("body", "Ban Tuyên giáo Tỉnh ủy Ninh Bình", "https://w3id.org/directive-kg/id/body/ban-tuyen-giao-tinh-uy-ninh-binh")]


@pytest.mark.parametrize("typed,name", [("2644", "2644-CV/TU"), ("10/dm", "10/ĐM"), ("963 - cv/tu", "963-CV/TU")])
def test_find_documents(corpus_store, typed, name):
    rows = find(typed, EmbeddedBackend(corpus_store), kind="document").rows
    assert rows[0]["name"] == name and rows[0]["kind"] == "document"


def test_find_command(tmp_path):
    from directive_kg.cli import main
    from loaders.build import build
    from loaders.paths import DOCUMENTS

    build(DOCUMENTS, tmp_path / "store", progress=False)
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["find", "ban tuyen giao ninh binh", "--store", str(tmp_path / "store"), "--format", "csv"]) == 0
    assert "Ban Tuyên giáo Tỉnh ủy Ninh Bình" in out.getvalue()
    assert "https://w3id.org/directive-kg/id/body/ban-tuyen-giao-tinh-uy-ninh-binh" in out.getvalue()


def test_unnumbered_documents_show_their_label_not_an_iri(corpus_store):
    """Tables show a document without a number as the diagrams label it (issue 16, list 6)."""
    rows = Q.run("signatures", store=corpus_store).rows
    unnumbered = [r["document"] for r in rows if "no number" in r["document"]]
    assert unnumbered == ["CV (no number) · Tỉnh ủy Bình Định"]
    assert not [r for r in rows if r["document"].startswith("http")]
    # a text that only looks like a document IRI is left alone
    echo = Q.parse_query("# param: text string - x\nSELECT ?echo WHERE { BIND (STR(?text) AS ?echo) }")
    for value in ("https://w3id.org/directive-kg/id/doc/not-there", "https://w3id.org/directive-kg/id/doc/x y"):
        assert Q.run(echo, {"text": value}, store=corpus_store).rows == [{"echo": value}]
