"""resolve() with the files' parts an earlier build kept (resolve.file_parts, build.resolved's memo): the
same Resolution as resolve() over everything, field by field and in every order (nodes, bodies, a
document's names), for the changes an add makes: new files citing old ones and old ones cited by new,
a body first named by a new file, a document saved twice across old and new files, a new node that
makes an old subject citation a tie, a removed file, a changed file."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.records import CitedDocument, DocumentRecord, record_from_json
from loaders.resolve import LoadedDocument, file_parts, part_key, resolve

ROOT = Path(__file__).resolve().parent.parent


def _loaded(record: DocumentRecord, path: str, sha256: str) -> LoadedDocument:
    """A loaded file with a digest (what keeps its part; the extraction cache's, here its record's)."""
    digest = hashlib.sha256(repr(record).encode()).hexdigest()
    return LoadedDocument(record, path, sha256, "test", digest=digest)


def _generated(tmp: Path, docs: int, seed: int, prefix: str = "") -> list[LoadedDocument]:
    """The gold records of a synthetic corpus (bench/generate.py; 5 % of its documents saved twice)."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(docs), "--seed", str(seed),
                    "--duplicates", "0.05", "--out", str(tmp)], check=True, capture_output=True)
    out = []
    for gold in sorted(tmp.glob("*.gold.json")):
        name = prefix + gold.name.replace(".gold.json", ".txt")
        text = (tmp / gold.name.replace(".gold.json", ".txt")).read_bytes()
        record = record_from_json(json.loads(gold.read_text("utf-8")), source=name)
        out.append(_loaded(record, name, hashlib.sha256(text).hexdigest()))
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """(old files, added files): 400 documents, then 100 of another seed under added/."""
    old = _generated(tmp_path_factory.mktemp("old"), 400, 7)
    added = _generated(tmp_path_factory.mktemp("added"), 100, 8, prefix="added/")
    return old, added


def _assert_same(a, b) -> None:
    """Two Resolutions equal field by field, orders included (the mapper follows the dicts' orders)."""
    assert a.documents == b.documents
    assert [list(d.bodies.items()) for d in a.documents] == [list(d.bodies.items()) for d in b.documents]
    assert list(a.nodes.items()) == list(b.nodes.items())
    assert list(a.bodies.items()) == list(b.bodies.items())
    assert (a.stats, a.conflicts, a.date_conflicts) == (b.stats, b.conflicts, b.date_conflicts)


def _incremental(before, after):
    """resolve(after) given the parts kept by resolve(before), and which of its parts were kept."""
    kept: dict = {}
    resolve(before, kept)
    old_parts = dict(kept)
    res = resolve(after, kept)
    reused = [part for part in file_parts(after, kept) if any(part is p for p in old_parts.values())]
    return res, reused


def _changed(d: LoadedDocument) -> LoadedDocument:
    """The file edited: another number and no citations (other bytes, another record)."""
    record = replace(d.record, number=f"9{d.record.number or '1-CV/TU'}", cited_documents=())
    return _loaded(record, d.path, hashlib.sha256(b"changed " + d.sha256.encode()).hexdigest())


CASES = {
    "added": lambda old, added: (old, sorted(old + added, key=lambda d: d.path)),
    "cross-citations": lambda old, added: ([d for i, d in enumerate(old) if i % 5], old + added),
    "added before the old ones": lambda old, added: (old, added + old),
    "removed": lambda old, added: (old + added, old[:150] + old[151:] + added),
    "changed": lambda old, added: (old, [*old[:40], _changed(old[40]), *old[41:], *added]),
    "saved twice across old and new": lambda old, added: (
        old, [*old, *added, replace(old[7], path="added/again.txt"), replace(added[3], path="added/again2.txt")]),
}


@pytest.mark.parametrize("case", CASES)
def test_incremental_is_resolve(corpora, case):
    before, after = CASES[case](*corpora)
    res, reused = _incremental(before, after)
    _assert_same(res, resolve(after))
    known = {part_key(d) for d in before}
    assert len(reused) == sum(part_key(d) in known for d in after)  # the old files' parts kept, not computed again


def test_the_cases_happen(corpora):
    """The corpora hold what the cases are about: new files cite old documents, an old subject
    citation becomes a tie (unresolved) once the new files are in, a body is first named by a new file."""
    old, added = corpora
    some, rest = [d for i, d in enumerate(old) if i % 5], [d for i, d in enumerate(old) if not i % 5]
    first, then = resolve(some), resolve(some + rest)
    new_iris = {d.iri for d in then.documents[len(some):]}
    assert any(c.target in {d.iri for d in first.documents} for d in then.documents[len(some):] for c in d.citations)
    assert any(c.target in new_iris for d in then.documents[:len(some)] for c in d.citations)
    before, after = resolve(old), resolve(old + added)
    went = [(a, b) for x, y in zip(before.documents, after.documents) for a, b in zip(x.citations, y.citations)
            if a.method == "issuer-subject" and b.method == "unresolved"]
    assert went
    assert set(after.bodies) - set(before.bodies)


def test_tie_made_by_a_new_file():
    """An old citation by subject alone, matched to one old document, becomes unresolved when a new
    file brings a second document of that authority with the same subject: the kept parts change nothing."""
    subject = "về tăng cường phòng, chống dịch Covid-19"
    cite = CitedDocument(text=f"chỉ đạo của Tỉnh ủy Nam Định {subject}", issuer="Tỉnh ủy Nam Định",
                         relation="implements", explicit=False, subject=subject)

    def doc(path, number, date, cited=()):
        r = DocumentRecord(source=path, doc_type="Công văn", number=number, date=date, issuer="Tỉnh ủy Nam Định",
                           issuer_level="province", channel="party", province="Nam Định",
                           subject=subject if not cited else "về việc khác", cited_documents=cited)
        return _loaded(r, path, hashlib.sha256(path.encode()).hexdigest())

    old = [doc("a.txt", "10-CV/TU", "2020-03-01"), doc("b.txt", "12-CV/HU", "2020-03-09", (cite,))]
    new = [*old, doc("added/c.txt", "11-CV/TU", "2020-03-02")]
    assert resolve(old).documents[1].citations[0].method == "issuer-subject"
    res, reused = _incremental(old, new)
    assert res.documents[1].citations[0].method == "unresolved"
    _assert_same(res, resolve(new))
    assert len(reused) == 2


def test_a_file_without_digest_is_not_kept(gold_documents):
    """A record the extraction cache has no digest for: its part is computed, never kept."""
    kept: dict = {}
    docs = [*gold_documents, _loaded(gold_documents[0].record, "x.txt", gold_documents[0].sha256)]
    _assert_same(resolve(docs, kept), resolve(docs))
    assert set(kept) == {part_key(docs[-1])}
