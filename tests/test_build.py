"""`directive-kg build`: every file accounted for, counts from the records, idempotent and
incremental rebuilds, bad files set aside, the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import copy_documents, dataset_reuse_merged
from loaders import identity as ids
from loaders.build import LOADER_VERSION, build
from loaders.extract import extract
from loaders.read import SetAside, discover, read_document
from loaders.resolve import LoadedDocument
from loaders.store import BUILD_GRAPH, open_store, sorted_nquads, store_graphs
from loaders.text import SourceText
from loaders.to_rdf import corpus_graphs

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"
DKG = "https://w3id.org/directive-kg/ontology#"


def expected_stats(corpus: Path) -> dict:
    """The counts computed from the records directly, without the build."""
    docs = []
    for p in discover(corpus):
        d = read_document(p)
        if isinstance(d, SetAside):
            continue
        rel = p.relative_to(corpus).as_posix()
        docs.append(LoadedDocument(extract(SourceText.from_text(d.text), rel, d.sha256), rel, d.sha256, LOADER_VERSION))
    return corpus_graphs(docs).stats.as_dict()


def count(kg, where: str) -> int:
    q = f"PREFIX dkg: <{DKG}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"
    return int(next(iter(kg.query(q)))["n"].value)


def dataset(store_dir: Path) -> str:
    with open_store(store_dir) as kg:
        return sorted_nquads(kg.store)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store = tmp_path_factory.mktemp("build") / "store"
    return build(DOCUMENTS, store, progress=False), store


def test_every_file_is_accounted_for(built):
    report, store = built
    files = [p.relative_to(DOCUMENTS).as_posix() for p in discover(DOCUMENTS)]
    assert [f.path for f in report.files] == files
    assert report.documents_read + len(report.set_aside) == report.files_given == len(files)
    saved = json.loads((store / "build-report.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in saved["files"]] == files
    text = (store / "build-report.txt").read_text(encoding="utf-8")
    for f in report.files:
        assert f.path in text
        for w in f.warnings:
            assert w in text
    assert all(f.status == ("loaded with warnings" if f.warnings else "loaded") for f in report.files
               if f.status != "set aside")


def test_counts_come_from_the_records_and_the_store_agrees(built):
    report, store = built
    assert report.counts == expected_stats(DOCUMENTS)
    with open_store(store) as kg:
        assert count(kg, "?x dkg:sourceFile ?f FILTER NOT EXISTS { ?x a dkg:Copy }") == report.counts["documents_read"]
        assert count(kg, "?x dkg:knownOnlyByCitation true") == report.counts["documents_cited_only"]
        assert count(kg, "?x a dkg:Citation") == report.counts["citations"]
        assert count(kg, "?x a dkg:Assignment") == report.counts["assignments"]
        graphs = set(store_graphs(kg.store))
    loaded = [f for f in report.files if f.status != "set aside"]
    assert {ids.file_graph_iri(f.path) for f in loaded} <= graphs
    assert {ids.CORPUS_GRAPH, ids.ONTOLOGY_GRAPH, ids.REFERENCE_GRAPH, BUILD_GRAPH} <= graphs


def test_validation_reports_are_written_next_to_the_store(built):
    report, store = built
    text = (store / "validation.txt").read_text(encoding="utf-8")
    assert text.startswith(f"SHACL validation (fast): {report.validation.violations} violations")
    results = list(ox.parse(path=str(store / "validation.ttl"), format=ox.RdfFormat.TURTLE))
    assert sum(q.predicate.value.endswith("#focusNode") for q in results) == len(report.validation.results)


def test_build_metadata_lives_only_in_the_build_graph(built):
    report, store = built
    with open_store(store) as kg:
        stamped = {q.graph_name.value for q in kg.store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime"), None, None)}
    assert stamped == {BUILD_GRAPH}
    assert report.built_at not in dataset(store)


def test_rebuilding_the_same_files_changes_nothing(built, tmp_path):
    report, store = built
    before = dataset(store)
    again = build(DOCUMENTS, store, progress=False)
    assert again.sync.mode == "unchanged" and again.sync.written == ()
    assert dataset(store) == before
    fresh = build(DOCUMENTS, tmp_path / "fresh", progress=False)  # a second store, built from scratch
    assert fresh.sync.mode == "full" and dataset(tmp_path / "fresh") == before


@pytest.fixture
def small_corpus(tmp_path):
    return copy_documents(tmp_path / "corpus", 6)


def test_a_changed_file_replaces_its_graph_and_a_removed_file_loses_it(small_corpus, tmp_path):
    store = tmp_path / "store"
    build(small_corpus, store, progress=False)
    files = sorted(small_corpus.iterdir())
    changed, removed = files[0], files[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Covid-19", "COVID-19", 1), encoding="utf-8")
    removed.unlink()
    report = build(small_corpus, store, progress=False)
    file_graphs = {g for g in report.sync.written if "/graph/file/" in g}
    assert report.sync.mode == "incremental"
    assert file_graphs == {ids.file_graph_iri(changed.name)}
    # (the reuse graphs of the two files' old texts, named by their sha256, go too)
    assert [g for g in report.sync.removed if "/graph/file/" in g] == [ids.file_graph_iri(removed.name)]
    build(small_corpus, tmp_path / "fresh", progress=False)
    assert dataset_reuse_merged(store) == dataset_reuse_merged(tmp_path / "fresh")


def test_bad_files_are_set_aside_and_the_rest_loads(small_corpus, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (small_corpus / "archive.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (small_corpus / "tên có dấu & $(x).txt").write_text(
        (DOCUMENTS / "000_971c03e54ee92b8c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = build(small_corpus, tmp_path / "store", progress=False)
    aside = {f.path: f.reason for f in report.set_aside}
    assert set(aside) == {"empty.txt", "image.png", "archive.zip"}
    assert all(reason for reason in aside.values())
    assert report.documents_read == 7 and report.files_given == 10
    twin = next(f for f in report.files if f.path.startswith("tên"))
    assert twin.status == "loaded with warnings" and any("same bytes as" in w for w in twin.warnings)


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "directive_kg.cli", "build", *args], capture_output=True,
                          text=True, timeout=300, **kw)


def test_cli_prints_the_summary_and_exports(small_corpus, tmp_path):
    out = tmp_path / "graph.trig"
    done = run_cli(str(small_corpus), "--store", str(tmp_path / "store"), "--export", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    for line in ("files given", "documents read", "set aside", "known only by citation", "citations",
                 "assignments", "bodies", "SHACL", "time"):
        assert line in done.stdout
    assert done.stderr == ""  # no progress line when stderr is not a terminal
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))) > 100


def test_cli_fails_only_when_the_build_cannot_run(tmp_path):
    done = run_cli(str(tmp_path / "missing"), "--store", str(tmp_path / "store"))
    assert done.returncode == 1 and "does not exist" in done.stderr


def test_a_second_build_is_refused_while_one_holds_the_store(small_corpus, tmp_path):
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-m", "directive_kg.cli", "build", str(small_corpus), "--store",
                               str(store)], env={**__import__("os").environ, "DIRECTIVE_KG_PAUSE_AT": "locked"},
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert holder.stderr.readline().strip() == "paused at locked"
        done = run_cli(str(small_corpus), "--store", str(store))
        assert done.returncode == 1
        assert f"another build is using {store} (pid {holder.pid}); wait for it or use --wait" in done.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_file_that_takes_too_long_is_set_aside(small_corpus, tmp_path):
    """A parser stuck on one document (a regex backtracking forever) must not stop the build."""
    seed = (DOCUMENTS / "000_971c03e54ee92b8c.txt").read_text(encoding="utf-8")
    (small_corpus / "long.txt").write_text(seed * 300, encoding="utf-8")  # seconds of parsing, not 50 ms
    report = build(small_corpus, tmp_path / "store", progress=False, file_timeout=0.05, jobs=1)
    slow = next(f for f in report.files if f.path == "long.txt")
    assert slow.status == "set aside" and "took more than 0.05 s" in slow.reason
    assert report.files_given == 7


def test_the_stage_log_names_each_stage_and_the_heap_is_not_left_frozen(small_corpus, tmp_path, monkeypatch):
    """DIRECTIVE_KG_STAGE_LOG (bench/memory_profile.py): a start and an end per stage, in the
    report's order, with the main process's memory; the stages that fork run with the heap frozen
    (loaders.workers.frozen), read and map with the collector paused (_uncollected), and each leaves
    the collector as it found it."""
    import gc

    from loaders.build import STAGE_LOG_ENV

    log = tmp_path / "stages.jsonl"
    monkeypatch.setenv(STAGE_LOG_ENV, str(log))
    report = build(small_corpus, tmp_path / "store", progress=False)
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    expected = [(stage, event) for stage in report.seconds for event in ("start", "end")]
    # validate in three parts: its per-batch checks begin before the reuse stage, get the rest of their
    # batches before the load, and end after it
    for stage in ("reuse", "load"):
        at = expected.index((stage, "start"))
        expected[at:at] = [("validate", "start"), ("validate", "end")]
    assert [(e["stage"], e["event"]) for e in events] == expected
    assert all(e["rss_kb"] > 0 and e["maxrss_kb"] >= e["rss_kb"] // 2 for e in events)
    assert [e["time"] for e in events] == sorted(e["time"] for e in events)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
