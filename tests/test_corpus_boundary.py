"""What a corpus folder's names and links do to a build (issue 14, items 1, 2 and 7): names that
are not valid UTF-8 or hold a line break are reported escaped and the files read; a link that
leaves the folder is set aside, a file reached by two paths is read once; annotation files
(*.gold.json) are listed. Every file has its line in the report."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from directive_kg.cli import main
from loaders.build import build
from loaders.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"
BAD = os.fsdecode(b"bad\xffname.txt")  # a Latin-1 name from an old archive: byte 0xFF, not UTF-8


def docs(n: int) -> list[Path]:
    return sorted(DOCUMENTS.glob("*.txt"))[:n]


def report_lines(store: Path) -> list[str]:
    text = (store / "build-report.txt").read_text("utf-8")
    return text.split("Files:\n", 1)[1].splitlines()


def outcome(report, path: str):
    return next(f for f in report.files if f.path == path)


@pytest.fixture
def names_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    a, b, c = docs(3)
    shutil.copy(a, corpus / "plain.txt")
    shutil.copy(b, corpus / BAD)
    shutil.copy(c, corpus / "new\nline.txt")
    return corpus


def test_names_not_utf8_or_with_line_breaks_are_reported_escaped(names_corpus, tmp_path):
    store = tmp_path / "store"
    report = build(names_corpus, store, progress=False)
    assert sorted(f.path for f in report.files) == ["bad\\xffname.txt", "new\\nline.txt", "plain.txt"]
    assert all(f.status != "set aside" for f in report.files), report.files  # every file read
    data = json.loads((store / "build-report.json").read_text("utf-8"))
    assert data["files_given"] == 3 and data["documents_read"] == 3
    lines = report_lines(store)
    assert len([line for line in lines if not line.startswith("      ")]) == 3  # one line a file, none split
    assert any("bad\\xffname.txt" in line for line in lines) and any("new\\nline.txt" in line for line in lines)
    with open_store(store) as kg:  # the graph names the file as the report does
        sources = {r["f"].value for r in kg.query(
            "SELECT DISTINCT ?f WHERE { ?d <https://w3id.org/directive-kg/ontology#sourceFile>/"
            "<https://w3id.org/directive-kg/ontology#path> ?f }")}
    assert {"bad\\xffname.txt", "new\\nline.txt"} <= sources
    assert build(names_corpus, store, progress=False).sync.mode == "unchanged"  # and the next build works


def test_the_cli_builds_such_a_corpus(names_corpus, tmp_path, capsys):
    assert main(["build", str(names_corpus), "--store", str(tmp_path / "store"), "--quiet"]) == 0


@pytest.fixture
def linked_corpus(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    a, b, c = docs(3)
    shutil.copy(a, corpus / "a.txt")
    shutil.copy(b, outside / "secret.txt")
    shutil.copy(c, outside / "other.txt")
    (corpus / "hidden").mkdir()
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "leak-relative.txt").symlink_to(Path("..") / "outside" / "other.txt")
    (corpus / "folder-out").symlink_to(outside, target_is_directory=True)
    (corpus / "twin.txt").symlink_to("a.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "twin2.txt").symlink_to(Path("..") / "a.txt")
    return corpus


def test_links_that_leave_the_corpus_are_set_aside(linked_corpus, tmp_path):
    report = build(linked_corpus, tmp_path / "store", progress=False)
    for name in ("leak.txt", "leak-relative.txt", "folder-out"):
        f = outcome(report, name)
        assert f.status == "set aside" and "outside the corpus folder" in f.reason, f
        assert f.sha256 is None  # not read
    with open_store(tmp_path / "store") as kg:
        text = "\n".join(str(q) for q in kg.store)
    assert "secret.txt" not in text and "other.txt" not in text and "outside" not in text


def test_a_file_reached_by_two_paths_is_read_once(linked_corpus, tmp_path):
    report = build(linked_corpus, tmp_path / "store", progress=False)
    assert outcome(report, "a.txt").status.startswith("loaded")
    for name in ("twin.txt", "sub/twin2.txt"):
        f = outcome(report, name)
        assert f.status == "set aside" and "a.txt" in f.reason and "read once" in f.reason, f
    assert report.documents_read == 1
    assert len(report_lines(tmp_path / "store")) >= len(report.files)


def test_a_link_to_a_file_inside_read_under_its_only_name(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / ".store").mkdir(parents=True)  # hidden: not listed itself
    shutil.copy(docs(1)[0], corpus / ".store" / "doc.txt")
    (corpus / "doc.txt").symlink_to(Path(".store") / "doc.txt")
    report = build(corpus, tmp_path / "store", progress=False)
    assert [(f.path, f.status.startswith("loaded")) for f in report.files] == [("doc.txt", True)]


def test_annotation_files_are_listed_as_set_aside(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(docs(1)[0], corpus / "doc.txt")
    (corpus / "doc.gold.json").write_text("{}", encoding="utf-8")
    report = build(corpus, tmp_path / "store", progress=False)
    gold = outcome(report, "doc.gold.json")
    assert gold.status == "set aside" and "annotation" in gold.reason
    assert report.files_given == 2 and report.documents_read == 1
    assert any("doc.gold.json" in line for line in report_lines(tmp_path / "store"))


def test_a_corpus_folder_whose_name_is_not_utf8(tmp_path):
    corpus, store = tmp_path / os.fsdecode(b"corpus\xe9"), tmp_path / "store"
    corpus.mkdir()
    shutil.copy(docs(1)[0], corpus / "doc.txt")
    (corpus / "dangling.txt").symlink_to(os.fsdecode(b"gone\xfe.txt"))
    report = build(corpus, store, progress=False)
    data = json.loads((store / "build-report.json").read_text("utf-8"))
    assert data["corpus"].endswith("corpus\\xe9")
    assert "gone\\xfe.txt" in outcome(report, "dangling.txt").reason
    assert "gone\\xfe.txt" in (store / "build-report.txt").read_text("utf-8")


def test_a_store_path_that_is_not_utf8_is_refused_with_a_message(tmp_path):
    from loaders.store import StoreError
    with pytest.raises(StoreError, match=r"store\\xff.*not valid UTF-8"):
        build(docs(1)[0], tmp_path / os.fsdecode(b"store\xff"), progress=False)


def test_a_file_named_alone_is_read_even_through_a_link(linked_corpus, tmp_path):
    report = build(linked_corpus / "leak.txt", tmp_path / "store", progress=False)
    assert [(f.path, f.status.startswith("loaded")) for f in report.files] == [("leak.txt", True)]
