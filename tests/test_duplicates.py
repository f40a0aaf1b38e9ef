"""The same document from two files (issue 15): one document node, one set of facts, evidence from
both files each under its own IRI, a warning naming both files, never a SHACL violation."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders.build import build
from loaders.store import data_graphs, graph_quads, open_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "documents" / "000_971c03e54ee92b8c.txt"
DOC = "https://w3id.org/directive-kg/id/doc/tinh-uy-ninh-binh/2020/2644-cv-tu"
DKG = "https://w3id.org/directive-kg/ontology#"


def per_file_counts(store_path: Path) -> list[int]:
    """Per data graph that assigns tasks in DOC, how many (the store's own record of which file said what)."""
    assigned, doc = f"{DKG}assignedIn", f"{DOC}"
    with open_store(store_path, read_only=True) as kg:
        counts = [len({q.subject for q in graph_quads(kg.store, g) if q.predicate.value == assigned and q.object.value == doc})
                  for g in data_graphs(kg.store)]
    return [n for n in counts if n]


def rows(store_path: Path, query: str) -> list[tuple]:
    with open_store(store_path, read_only=True) as kg:
        return [tuple(t.value if t is not None else None for t in s) for s in kg.store.query(query)]


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    """The seed công văn saved from two websites (other line ends, a blank line before the text),
    plus a byte-for-byte copy of the first."""
    corpus = tmp_path_factory.mktemp("twice")
    text = SEED.read_text(encoding="utf-8")
    (corpus / "a_tinhuy.txt").write_bytes(text.encode("utf-8"))
    (corpus / "b_baodientu.txt").write_bytes(("\n\n" + text.replace("\n", "\r\n")).encode("utf-8"))
    (corpus / "c_same_bytes.txt").write_bytes(text.encode("utf-8"))
    store = tmp_path_factory.mktemp("store") / "s"
    return build(corpus, store, progress=False, jobs=1), store


def test_no_violation_and_one_document(twice):
    report, store = twice
    assert report.validation.violations == 0, report.validation.to_text()
    docs = rows(store, f"SELECT DISTINCT ?d WHERE {{ ?d a <{DKG}Document> ; <{DKG}sourceFile> ?f }}")
    assert docs == [(DOC,)]
    # one set of facts: one title, one date, as many assignments as one file gives
    assert len(rows(store, f"SELECT ?t WHERE {{ <{DOC}> <http://data.europa.eu/eli/ontology#title> ?t }}")) == 1
    total = rows(store, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a <{DKG}assignedIn> <{DOC}> }}")
    assert per_file_counts(store) == [int(total[0][0])] and int(total[0][0]) > 0


def test_evidence_from_both_files_each_under_its_own_iri(twice):
    _, store = twice
    found = rows(store, f"""SELECT ?ann ?path ?start WHERE {{ <{DOC}> <{DKG}evidence> ?ann .
        ?ann <{DKG}field> "number" ; <{DKG}quotedFrom> ?src ; <{DKG}start> ?start . ?src <{DKG}path> ?path }}""")
    paths = {path for _, path, _ in found}
    assert paths == {"a_tinhuy.txt", "b_baodientu.txt"}  # same bytes as a: the same source, a's path
    assert len({ann for ann, _, _ in found}) == 2 == len(found)  # one start per evidence node
    starts = {path: int(start) for _, path, start in found}
    assert starts["b_baodientu.txt"] != starts["a_tinhuy.txt"]  # its own offsets (blank lines before)


def test_the_report_warns_naming_both_files(twice):
    report, _ = twice
    by_path = {f.path: f for f in report.files}
    for other in ("b_baodientu.txt", "c_same_bytes.txt"):
        warned = [w for w in by_path[other].warnings if "same document" in w]
        assert warned and "a_tinhuy.txt" in warned[0] and other in warned[0]
        assert any(other in w for w in by_path["a_tinhuy.txt"].warnings)


def test_generated_corpus_with_duplicates_validates(tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "50", "--out", str(corpus),
                    "--seed", "3", "--duplicates", "0.1", "--no-gold"], check=True, capture_output=True)
    copies = sorted(corpus.glob("*_web.txt"))
    assert len(copies) >= 2
    report = build(corpus, tmp_path / "store", progress=False, jobs=1)
    assert report.validation.violations == 0, report.validation.to_text()
    warned = {f.path for f in report.files if any("same document" in w for w in f.warnings)}
    assert {c.name for c in copies} <= warned
    docs = rows(tmp_path / "store", f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{DKG}sourceFile> ?f "
                                    f"FILTER NOT EXISTS {{ ?d a <{DKG}Copy> }} }}")
    assert int(docs[0][0]) == 50
