"""One date a document (issue 15): files and citations that state different dates for one document give
one eli:date_document (resolve._settle_dates: its own files' date, else its citing files'; the date most
files state, then the first file's by path), every other date a claim (dkg:claimedDate) of the citation
or the source file that states it, a dkg:dateConflict naming the files, never a SHACL violation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.build import build
from loaders.resolve import DateConflict, _DateClaim, _most_stated
from loaders.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "data" / "documents"
ID = "https://w3id.org/directive-kg/id/"
DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
TU_2644 = ID + "doc/tinh-uy-ninh-binh/2020/2644-cv-tu"
TU_963 = ID + "doc/tinh-uy-tra-vinh/2020/963-cv-tu"
TU_1100 = ID + "doc/tinh-uy-nam-dinh/2020/1100-cv-tu"


def _own_day(text: str, day: int) -> str:
    return re.sub(r"ngày \d+ tháng", f"ngày {day:02d} tháng", text, count=1)


def _seed(name: str) -> str:
    return next(DOCS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def _as_1100(text: str) -> str:
    """Seed 000 as 1100-CV/TU of Tỉnh ủy Nam Định dated 28 July (001 cites it as of 29 July)."""
    text = text.replace("TỈNH ỦY NINH BÌNH", "TỈNH ỦY NAM ĐỊNH").replace("Số 2644 - CV/TU", "Số 1100 - CV/TU")
    return _own_day(text.replace("Ninh Bình, ngày", "Nam Định, ngày"), 28)


def _citing_1100(text: str, number: int, day: int) -> str:
    """Seed 001 as another district document (``number``) citing 1100-CV/TU as of ``day`` July."""
    return text.replace("Số 11-CV/HU", f"Số {number}-CV/HU").replace("1100-CV/TU ngày 29/7/2020", f"1100-CV/TU ngày {day}/7/2020")


# file -> its text; (document, the one date kept, {file whose source claims a date: the date},
#                    files named by the conflict)
CORPUS = {
    # two own files, two dates: a tie, the first file's date (by path)
    "a2644_tinhuy.txt": lambda: _seed("000"),
    "b2644_baomoi.txt": lambda: _own_day(_seed("000"), 30),
    # three own files: the date two of them state
    "a963_tinhuy.txt": lambda: _seed("004"),
    "b963_baomoi.txt": lambda: _own_day(_seed("004"), 30),
    "c963_dangcongsan.txt": lambda: _own_day(_seed("004"), 30),
    # a loaded document (28 July) cited by one file as of 29 July, by another as of 28 July: its own file wins
    "d1100_tinhuy.txt": lambda: _as_1100(_seed("000")),
    "e11_huyenuy.txt": lambda: _seed("001"),
    "e12_huyenuy.txt": lambda: _citing_1100(_seed("001"), 12, 28),
}
OWN = [
    (TU_2644, "2020-07-29", {"a2644_tinhuy.txt": "2020-07-29", "b2644_baomoi.txt": "2020-07-30"}),
    # c963 has b963's bytes: one source node, b963's path (each file still counts as a file stating it)
    (TU_963, "2020-07-30", {"a963_tinhuy.txt": "2020-07-29", "b963_baomoi.txt": "2020-07-30"}),
    (TU_1100, "2020-07-28", {}),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("dates")
    for name, text in CORPUS.items():
        (corpus / name).write_text(text(), encoding="utf-8")
    store = tmp_path_factory.mktemp("store") / "s"
    report = build(corpus, store, progress=False, jobs=1)
    with open_store(store, read_only=True) as kg:
        def rows(q: str) -> list[tuple]:
            return sorted(tuple(t.value if t is not None else None for t in s) for s in kg.store.query(q))
        yield report, rows


def test_no_violation_and_no_document_with_two_dates(built):
    report, rows = built
    assert report.validation.violations == 0, report.validation.to_text()  # also: one path a source file
    assert rows(f"""SELECT ?d WHERE {{ ?d <{ELI}date_document> ?a , ?b FILTER (?a != ?b) }}""") == []


@pytest.mark.parametrize("doc, kept, claims", OWN, ids=["tie-first-file", "most-files", "own-file-wins"])
def test_one_date_kept_and_each_other_file_a_claim(built, doc, kept, claims):
    _, rows = built
    assert rows(f"SELECT ?date WHERE {{ <{doc}> <{ELI}date_document> ?date }}") == [(kept,)]
    found = rows(f"""SELECT ?path ?date WHERE {{ <{doc}> <{DKG}sourceFile> ?s .
                     ?s <{DKG}path> ?path ; <{DKG}claimedDate> ?date }}""")
    assert dict(found) == claims


def test_a_citation_stating_another_date_keeps_it_as_its_claim_with_its_evidence(built):
    _, rows = built
    found = rows(f"""SELECT ?path ?date ?quote WHERE {{ ?c <{DKG}citedDocument> <{TU_1100}> ; <{DKG}claimedDate> ?date ;
                       <{DKG}assertedIn>/<{DKG}sourceFile>/<{DKG}path> ?path ;
                       <{DKG}evidence>/<{DKG}quote> ?quote FILTER (CONTAINS(?quote, "1100-CV/TU ngày 29/7/2020")) }}""")
    assert [row[:2] for row in found] == [("e11_huyenuy.txt", "2020-07-29")]  # the quote that states it
    # the citation that states the document's own date adds nothing to it
    assert len(rows(f"SELECT ?c WHERE {{ ?c <{DKG}citedDocument> <{TU_1100}> }}")) == 2


@pytest.mark.parametrize("doc, named", [
    (TU_2644, ["2020-07-29 (its own file a2644_tinhuy.txt), 2020-07-30 (its own file b2644_baomoi.txt); kept 2020-07-29"]),
    (TU_963, ["2020-07-30 (its own files b963_baomoi.txt, c963_dangcongsan.txt), 2020-07-29 (its own file a963_tinhuy.txt)"]),
    (TU_1100, ["2020-07-28 (its own file d1100_tinhuy.txt; 1 citing file: e12_huyenuy.txt), "
               "2020-07-29 (1 citing file: e11_huyenuy.txt); kept 2020-07-28"]),
], ids=["tie", "most-files", "citation"])
def test_the_conflict_names_the_files_and_dates_as_a_shacl_warning(built, doc, named):
    report, rows = built
    [(message,)] = rows(f"SELECT ?m WHERE {{ <{doc}> <{DKG}dateConflict> ?m }}")
    for said in named:
        assert said in message
    assert "kept " in message
    warned = [r for r in report.validation.results if r.source_shape.endswith("DateConflictShape>")]
    assert any(r.focus == f"<{doc}>" and r.severity == "Warning" for r in warned)


@pytest.mark.parametrize("claims, kept", [
    ([("2020-07-29", "a"), ("2020-07-30", "b")], "2020-07-29"),                       # a tie: the first file's
    ([("2020-07-30", "b"), ("2020-07-29", "a")], "2020-07-29"),                       # ... whatever the order
    ([("2020-07-29", "a"), ("2020-07-30", "b"), ("2020-07-30", "c")], "2020-07-30"),  # the most files
    ([("2020-07-30", "b"), ("2020-07-30", "b")], "2020-07-30"),                       # a file counts once
    ([("2020-02-30", "a"), ("2020-02-03", "b")], "2020-02-03"),                       # a valid date first
])
def test_the_rule(claims, kept):
    assert _most_stated([_DateClaim("d", date, path, True) for date, path in claims]) == kept


def test_own_files_that_tie_are_settled_by_the_citing_files():
    own = [_DateClaim("d", "2020-03-04", "central_0000.mirror.txt", True), _DateClaim("d", "2020-03-03", "central_0000.txt", True)]
    citing = [_DateClaim("d", "2020-03-03", f"p{i}.txt", False) for i in range(5)] + [_DateClaim("d", "2020-03-04", "q.txt", False)]
    assert _most_stated(own, citing) == "2020-03-03"
    assert _most_stated(own) == "2020-03-04"  # no citation: the first file by path


def test_a_conflict_names_a_few_of_many_citing_files():
    claims = (("2020-07-28", "own.txt", True),) + tuple(("2020-07-28", f"c{i:03d}.txt", False) for i in range(200)) \
        + (("2020-07-29", "typo.txt", False),)
    message = DateConflict("d", "1100-CV/TU", "2020-07-28", claims).message
    assert message == ("1100-CV/TU: files give different dates: 2020-07-28 (its own file own.txt; 200 citing files: "
                       "c000.txt, c001.txt, c002.txt and 197 more), 2020-07-29 (1 citing file: typo.txt); kept 2020-07-28")
