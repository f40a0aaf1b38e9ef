"""The embedded store: locking, manifest-driven graph replacement, exports."""
from __future__ import annotations

import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from loaders.store import (BUILD_GRAPH, CONTENT_HASH, INDEX_GRAPH, MERGED_MARKER, StoreBusy, StoreError, data_graphs,
                           documents_of_files, export, graph_ntriples, manifest, merged_complete, merged_in_memory,
                           graph_quads, named_quads, open_store, sorted_nquads, sources_of, store_graphs, sync_graphs)

G1, G2, G3 = (f"https://example.org/graph/{i}" for i in (1, 2, 3))


def nt(*triples: tuple[str, str, str]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


A = nt(("<https://example.org/a>", "<https://example.org/p>", '"Tỉnh ủy"@vi'))
B = nt(("<https://example.org/b>", "<https://example.org/p>", "<https://example.org/a>"))
C = nt(("<https://example.org/c>", "<https://example.org/p>", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'))
BLANKS = nt(("<https://example.org/d>", "<https://example.org/q>", "_:x"), ("_:x", "<https://example.org/p>", '"x"'))


def graph_text(store: ox.Store, graph: str) -> str:
    """One data graph as the store's provenance records it (loaders.store.graph_quads)."""
    return "".join(sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in graph_quads(store, graph)))


@pytest.fixture
def kg(tmp_path):
    with open_store(tmp_path / "store", read_only=False) as opened:
        yield opened


def test_first_sync_loads_everything_and_writes_the_manifest(kg):
    result = sync_graphs(kg.store, {G1: A, G2: B})
    assert result.mode == "full" and set(result.written) == {G1, G2}
    assert graph_text(kg.store, G1) == A and graph_text(kg.store, G2) == B
    assert set(manifest(kg.store)) == {G1, G2}


def test_unchanged_graphs_are_not_rewritten(kg):
    sync_graphs(kg.store, {G1: A, G2: B})
    again = sync_graphs(kg.store, {G1: A, G2: B})
    assert again.mode == "unchanged" and again.written == () and again.removed == ()


def test_a_changed_graph_is_replaced_alone_and_a_missing_one_removed(kg):
    sync_graphs(kg.store, {G1: A, G2: B, G3: C})
    before = manifest(kg.store)
    result = sync_graphs(kg.store, {G1: A, G2: C})
    assert result.mode == "incremental"
    assert result.written == (G2,) and result.removed == (G3,)
    assert graph_text(kg.store, G2) == C and graph_text(kg.store, G1) == A
    assert G3 not in data_graphs(kg.store) and G3 not in manifest(kg.store)
    assert manifest(kg.store)[G1] == before[G1] and manifest(kg.store)[G2] != before[G2]


def test_a_graph_without_manifest_entry_is_stale_and_rewritten(kg):
    """What a build killed between the two transactions of a replacement leaves behind."""
    sync_graphs(kg.store, {G1: A, G2: B})
    kg.store.update(f"DELETE WHERE {{ GRAPH <{BUILD_GRAPH}> {{ <{G2}> <{CONTENT_HASH}> ?h }} }}")
    kg.store.add(ox.Quad(ox.NamedNode("https://example.org/half"), ox.NamedNode("https://example.org/p"),
                         ox.Literal("partial"), ox.NamedNode(G2)))
    result = sync_graphs(kg.store, {G1: A, G2: B})
    assert result.written == (G2,)
    assert graph_text(kg.store, G2) == B


def merged_text(store: ox.Store) -> list[str]:
    return sorted(f"{q.subject} {q.predicate} {q.object} .\n"
                  for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def union_text(store: ox.Store) -> list[str]:
    """Every triple of the data graphs, once."""
    return sorted({line for g in data_graphs(store) for line in graph_text(store, g).splitlines(keepends=True)})


SHARED = A + C  # A is also in G1's first version: it must stay merged while any graph holds it


@pytest.mark.parametrize("steps", [
    [{G1: A, G2: B}],
    [{G1: A, G2: B}, {G1: A, G2: SHARED}, {G2: SHARED}, {G2: C}, {G3: C}],
    [{G1: A, G2: A}, {G1: B, G2: A}, {G1: B}],
    [{G1: BLANKS, G2: A}, {G1: BLANKS + B, G2: A}, {G2: A}],
    [{G1: A}, {G1: A, G2: BLANKS}, {G1: A, G2: BLANKS, G3: BLANKS}, {G1: A, G3: BLANKS}],
], ids=["first load", "replace-and-remove", "same-triple-in-two", "blank-nodes", "blank-nodes-twice"])
@pytest.mark.parametrize("big", [False, True], ids=["by-line", "by-line-hash"])
def test_the_default_graph_is_the_merge_of_the_data_graphs_after_every_sync(kg, steps, big, monkeypatch):
    """After every sync (every graph as small, or as large: diffed by line hash a run at a time, its
    text in many index literals)."""
    from loaders import store as store_module
    if big:
        monkeypatch.setattr(store_module, "BIG_GRAPH_CHARS", 0)
        monkeypatch.setattr(store_module, "PART_RAW", 1)  # and each line its own index literal
    for graphs in steps:
        result = sync_graphs(kg.store, graphs)
        assert merged_complete(kg.store)
        assert merged_text(kg.store) == union_text(kg.store)
        assert result.triples == len(merged_text(kg.store))  # the count the syncs keep, not a scan
        assert not any(BUILD_GRAPH in line for line in merged_text(kg.store))
        assert merged_text(merged_in_memory(graphs)) == merged_text(kg.store)  # what validation reads


@pytest.mark.parametrize("big", [False, True], ids=["by-line", "by-line-hash"])
def test_two_lines_of_one_64_bit_key_are_counted_apart(kg, big, monkeypatch):
    """A and C forced to one 64-bit key (their other 64 bits differ): the full load counts them
    apart (A in two graphs, C in one), and every later change keeps the merged graph the union."""
    import hashlib

    from loaders import store as store_module
    colliding = {A.encode().rstrip(b"\n"), C.encode().rstrip(b"\n")}

    def digest(line: bytes) -> bytes:
        d = hashlib.blake2b(line, digest_size=16).digest()
        return b"\0" * 8 + d[8:] if line in colliding else d

    monkeypatch.setattr(store_module, "_line_digest", digest)
    if big:
        monkeypatch.setattr(store_module, "BIG_GRAPH_CHARS", 0)
    for graphs in ({G1: A, G2: A, G3: C}, {G1: A, G2: A}, {G1: A, G2: A, G3: C}, {G1: B, G2: A, G3: C},
                   {G2: C, G3: C}, {G3: C}, {G1: A, G3: C}):
        result = sync_graphs(kg.store, graphs)
        assert merged_text(kg.store) == union_text(kg.store), graphs
        assert result.triples == len(merged_text(kg.store)), graphs


def packed_spool(path, texts: dict[str, str]):
    """``texts`` in a spool as the build's map workers write it: each text with its compressed form
    (cache.EncodedGraph, GraphSpool.packed), which the index literals are then made of."""
    from loaders.cache import EncodedGraph
    from loaders.spool import GraphSpool
    spool = GraphSpool(path)
    for g, text in texts.items():
        e = EncodedGraph.of(text.encode("utf-8"), packed=True)
        spool.put_bytes(g, e.data, e.digest, e.blanks, e.packed)
        assert spool[g] == text and spool.packed(g) == e.packed
    return spool


def raw_quads(store: ox.Store) -> list[str]:
    """Every quad the store holds (merged graph, index texts, holder counts, file entries, manifest,
    markers), sorted: what a reader of any kind could see."""
    return sorted(str(q) for q in store)


@pytest.mark.parametrize("big", [False, True], ids=["by-line", "by-line-hash"])
@pytest.mark.parametrize("steps", [False, True], ids=["one-update", "in-steps-bulk"])
def test_an_incremental_sync_leaves_the_store_a_full_load_writes(kg, tmp_path, big, steps, monkeypatch):
    """After every incremental sync, every quad (index, counts, entries, manifest) equals what a
    full load of the same graphs writes into an empty store (the merged graph changed in the one
    update, or in steps with bulk loads)."""
    from loaders import store as store_module
    if big:
        monkeypatch.setattr(store_module, "BIG_GRAPH_CHARS", 0)
    if steps:
        monkeypatch.setattr(store_module, "ATOMIC_MAX", 0)
        monkeypatch.setattr(store_module, "BULK_MIN_CHARS", 0)
    monkeypatch.setattr(store_module, "FULL_LOAD_MIN", 0)
    stamp = "2025-01-01T00:00:00+00:00"
    steps = [{G1: A, G2: B, G3: C + DOC}, {G1: A, G2: B + A, G3: C + DOC}, {G1: A, G2: B + A, G3: C + DOC + BLANKS},
             {G1: A + B, G2: B + A, G3: C + DOC + BLANKS}, {G1: A + B, G2: A, G3: C + COPY}, {G1: C, G2: A, G3: COPY}]
    sync_graphs(kg.store, steps[0], stamp=stamp)
    for i, graphs in enumerate(steps[1:]):
        assert sync_graphs(kg.store, packed_spool(tmp_path / f"step-{i}.nt", graphs), stamp=stamp,
                           full_ratio=1.0).mode == "incremental"
        with open_store(tmp_path / f"full-{i}", read_only=False) as full:
            assert sync_graphs(full.store, graphs, stamp=stamp).mode == "full"
            assert raw_quads(kg.store) == raw_quads(full.store), graphs


@pytest.mark.parametrize("next_graphs", [{G1: A, G2: B}, {G1: A, G2: C, G3: BLANKS}], ids=["unchanged", "changed"])
def test_a_store_without_the_kept_count_is_counted_once(kg, next_graphs):
    """A store written before the merged graph's count was kept: the next sync counts it, then keeps it."""
    from loaders.store import MERGED_TRIPLES
    sync_graphs(kg.store, {G1: A, G2: B})
    kg.store.update(f"DELETE WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s <{MERGED_TRIPLES}> ?n }} }}")
    assert sync_graphs(kg.store, next_graphs, full_ratio=1.0).triples == len(merged_text(kg.store))
    kept = list(kg.store.quads_for_pattern(None, ox.NamedNode(MERGED_TRIPLES), None, ox.NamedNode(INDEX_GRAPH)))
    assert [int(q.object.value) for q in kept] == [len(merged_text(kg.store))]


@pytest.mark.parametrize("next_graphs", [{G1: A, G2: B}, {G1: A, G2: C}], ids=["unchanged", "changed"])
def test_a_merge_interrupted_halfway_is_recomputed(kg, next_graphs):
    """A build killed while updating the default graph leaves no marker; the next sync redoes the merge."""
    sync_graphs(kg.store, {G1: A, G2: B})
    build = ox.NamedNode(BUILD_GRAPH)
    kg.store.remove(ox.Quad(build, ox.NamedNode(MERGED_MARKER), ox.Literal(True), build))
    kg.store.add(ox.Quad(ox.NamedNode("https://example.org/stray"), ox.NamedNode("https://example.org/p"),
                         ox.Literal("left by the killed build"), ox.DefaultGraph()))
    assert not merged_complete(kg.store)
    sync_graphs(kg.store, next_graphs)
    assert merged_complete(kg.store) and merged_text(kg.store) == union_text(kg.store)


def test_queries_read_the_merged_graph_each_triple_once(kg):
    sync_graphs(kg.store, {G1: A, G2: A, G3: B})
    rows = list(kg.query("SELECT ?s WHERE { ?s <https://example.org/p> ?o }"))
    assert sorted(r["s"].value for r in rows) == ["https://example.org/a", "https://example.org/b"]
    a = ox.NamedNode("https://example.org/a")
    in_graphs = [g for g in data_graphs(kg.store) if any(q.subject == a for q in graph_quads(kg.store, g))]
    assert in_graphs == [G1, G2]  # where each triple came from stays
    assert sum(1 for q in kg.store.quads_for_pattern(a, None, None, None)) == 1  # stored once


DKG = "https://w3id.org/directive-kg/ontology#"
DOC = nt(("<https://example.org/doc>", f"<{DKG}sourceFile>", "<https://example.org/file>"),
         ("<https://example.org/file>", f"<{DKG}path>", '"a/b.txt"'),
         ("<https://example.org/doc>", "<http://data.europa.eu/eli/ontology#id_local>", '"12/CT-TTg"'))


def test_the_provenance_is_read_through_the_store_module(kg):
    """store_graphs, graph_ntriples, named_quads, documents_of_files and sources_of: the only reads of
    which file said what (uploads, exports, the build report, validation's file names)."""
    sync_graphs(kg.store, {G1: A + DOC, G2: B}, stamp="2025-01-01T00:00:00+00:00")
    assert store_graphs(kg.store) == sorted([G1, G2, BUILD_GRAPH])
    assert sorted(graph_ntriples(kg.store, G2).decode().splitlines(keepends=True)) == [B]
    assert {q.graph_name.value for q in named_quads(kg.store)} == {G1, G2, BUILD_GRAPH}
    merged = sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert sum(1 for q in named_quads(kg.store) if q.graph_name.value != BUILD_GRAPH) == merged == 5  # from the index
    assert {g.value for g in kg.store.named_graphs()} == {BUILD_GRAPH, INDEX_GRAPH}  # each triple stored once
    assert documents_of_files(kg.store) == {G1: "12/CT-TTg"}
    assert list(sources_of(kg.store, ["<https://example.org/a>", "<https://example.org/b>"])) == [
        ("<https://example.org/a>", "a/b.txt", "https://example.org/doc", "12/CT-TTg")]


COPY = nt(("<https://example.org/copy>", f"<{DKG}sourceFile>", "<https://example.org/file2>"),
          ("<https://example.org/copy>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{DKG}Copy>"),
          ("<https://example.org/copy>", "<http://data.europa.eu/eli/ontology#id_local>", '"9/SL-UBND"'),
          ("<https://example.org/doc2>", f"<{DKG}sourceFile>", "<https://example.org/file2>"),
          ("<https://example.org/file2>", f"<{DKG}path>", '"c/d e.txt"'),
          ("<https://example.org/a>", "<https://example.org/q>", '"x"'))


def test_the_look_ups_by_index_entry_answer_as_the_scan_of_every_text(kg):
    """documents_of_files and sources_of read per-file entries written at load (a look-up per node);
    a store without them (written before them) is scanned: both give the same answers, and a
    change of a file changes its entries with it."""
    from loaders import store as store_module
    focus = ["<https://example.org/a>", "<https://example.org/b>", "<https://example.org/copy>",
             "<https://example.org/nothing>"]

    def both() -> tuple:
        by_entry = documents_of_files(kg.store), sorted(sources_of(kg.store, focus))
        marker = store_module._entries_marker()
        kg.store.remove(marker)
        scanned = documents_of_files(kg.store), sorted(sources_of(kg.store, focus))
        kg.store.add(marker)
        assert by_entry == scanned
        return by_entry

    sync_graphs(kg.store, {G1: A + DOC, G2: B, G3: COPY})
    assert both() == ({G1: "12/CT-TTg", G3: "https://example.org/doc2"}, [
        ("<https://example.org/a>", "a/b.txt", "https://example.org/doc", "12/CT-TTg"),
        ("<https://example.org/a>", "c/d e.txt", "https://example.org/copy", "9/SL-UBND"),
        ("<https://example.org/a>", "c/d e.txt", "https://example.org/doc2", None),
        ("<https://example.org/copy>", "c/d e.txt", "https://example.org/copy", "9/SL-UBND"),
        ("<https://example.org/copy>", "c/d e.txt", "https://example.org/doc2", None)])
    sync_graphs(kg.store, {G1: A, G2: B + DOC, G3: COPY})  # the document's lines move to another file
    assert both() == ({G2: "12/CT-TTg", G3: "https://example.org/doc2"}, [
        ("<https://example.org/a>", "c/d e.txt", "https://example.org/copy", "9/SL-UBND"),
        ("<https://example.org/a>", "c/d e.txt", "https://example.org/doc2", None),
        ("<https://example.org/b>", "a/b.txt", "https://example.org/doc", "12/CT-TTg"),
        ("<https://example.org/copy>", "c/d e.txt", "https://example.org/copy", "9/SL-UBND"),
        ("<https://example.org/copy>", "c/d e.txt", "https://example.org/doc2", None)])
    sync_graphs(kg.store, {G1: A, G2: B})
    assert both() == ({}, [])


EX = "https://example.org/"
ROOTED = {  # a document saved in two files with different parts, and a graph holding a part's parent alone
    G1: nt((f"<{EX}doc>", f"<{DKG}sourceFile>", f"<{EX}file1>"), (f"<{EX}file1>", f"<{DKG}path>", '"one.txt"'),
           (f"<{EX}doc/task/1>", f"<{EX}p>", '"1"'), (f"<{EX}doc/task/2>", f"<{EX}p>", '"2"'),
           (f"<{EX}doc/evidence/x/date>", f"<{EX}p>", '"d"'), (f"<{EX}person>", f"<{EX}p>", f"<{EX}doc>")),
    G2: nt((f"<{EX}doc>", f"<{DKG}sourceFile>", f"<{EX}file2>"), (f"<{EX}file2>", f"<{DKG}path>", '"two.txt"'),
           (f"<{EX}doc/task/1>", f"<{EX}p>", '"1"'), (f"<{EX}doc-2/task>", f"<{EX}p>", '"x"')),
    G3: nt((f"<{EX}other>", f"<{DKG}sourceFile>", f"<{EX}file3>"), (f"<{EX}file3>", f"<{DKG}path>", '"three.txt"'),
           (f"<{EX}doc/task>", f"<{EX}p>", '"t"')),
}
ROOTED_FOCUS = [f"<{EX}{n}>" for n in ("doc", "doc/task/1", "doc/task/2", "doc/evidence/x/date", "doc/task",
                                       "doc/missing", "doc-2/task", "person", "nothing")]


def _held_by(store: ox.Store) -> set[tuple[str, str]]:
    from loaders.store import HELD_BY
    return {(q.subject.value[len(EX):], q.object.value) for q in store.quads_for_pattern(
        None, ox.NamedNode(HELD_BY), None, ox.NamedNode(INDEX_GRAPH))}


def test_a_file_names_its_root_subjects_and_a_node_under_one_is_found_by_its_ancestors(kg):
    """heldBy entries name a file graph's root subjects only (<T> is an ancestor of <T/...>); a node's
    graphs are those of its own entries and of its ancestors' that have it as a subject: the answers
    of the scan of every text, before and after a change of the files."""
    from loaders import store as store_module

    def both() -> list:
        by_entry = sorted(sources_of(kg.store, ROOTED_FOCUS))
        marker = store_module._entries_marker()
        kg.store.remove(marker)
        scanned = sorted(sources_of(kg.store, ROOTED_FOCUS))
        kg.store.add(marker)
        assert by_entry == scanned
        return by_entry

    sync_graphs(kg.store, ROOTED)
    assert _held_by(kg.store) == {("doc", G1), ("file1", G1), ("person", G1), ("doc", G2), ("doc-2/task", G2),
                                  ("file2", G2), ("doc/task", G3), ("file3", G3), ("other", G3)}
    one, two, three = ("one.txt", f"{EX}doc", None), ("two.txt", f"{EX}doc", None), ("three.txt", f"{EX}other", None)
    assert both() == sorted((f"<{EX}{n}>", *row) for n, row in [
        ("doc", one), ("doc", two), ("doc/task/1", one), ("doc/task/1", two), ("doc/task/2", one),
        ("doc/evidence/x/date", one), ("doc/task", three), ("doc-2/task", two), ("person", one)])
    sync_graphs(kg.store, {**ROOTED, G2: ROOTED[G2].replace("doc/task/1", "doc/task/2")})  # incremental
    assert ("doc/task/2", ("two.txt", f"{EX}doc", None)) in [(n[1 + len(EX):-1], tuple(r)) for n, *r in both()]
    assert not [n for n, path, *_ in both() if n == f"<{EX}doc/task/1>" and path == "two.txt"]


def test_a_store_with_a_held_by_entry_per_subject_is_read_alike_and_loaded_whole(kg, monkeypatch):
    """Stores of sessions 14-15 (fileEntries: heldBy per IRI subject) answer the same look-ups; the
    next sync loads them whole, with root entries."""
    from loaders import store as store_module
    with monkeypatch.context() as m:
        m.setattr(store_module, "_roots", sorted)
        sync_graphs(kg.store, ROOTED)
    kg.store.remove(store_module._entries_marker())
    kg.store.add(store_module._entries_marker(store_module.SUBJECT_ENTRIES_MARKER))
    assert len(_held_by(kg.store)) == 13
    per_subject = sorted(sources_of(kg.store, ROOTED_FOCUS)), documents_of_files(kg.store)
    assert sync_graphs(kg.store, ROOTED).mode == "full"
    assert len(_held_by(kg.store)) == 9
    assert (sorted(sources_of(kg.store, ROOTED_FOCUS)), documents_of_files(kg.store)) == per_subject


def test_blank_node_labels_are_kept_and_made_unique_per_graph(kg, tmp_path):
    sync_graphs(kg.store, {G1: BLANKS, G2: BLANKS})
    labels = {q.graph_name.value: q.object.value for q in named_quads(kg.store) if isinstance(q.object, ox.BlankNode)}
    assert labels[G1] != labels[G2] and labels[G1].endswith("x")
    with open_store(tmp_path / "other", read_only=False) as other:
        sync_graphs(other.store, {G1: BLANKS, G2: BLANKS})
        assert sorted_nquads(other.store) == sorted_nquads(kg.store)


def test_sorted_nquads_leaves_out_the_build_graph(kg):
    sync_graphs(kg.store, {G1: A}, stamp="2025-01-01T00:00:00+00:00")
    text = sorted_nquads(kg.store)
    assert BUILD_GRAPH not in text and text.splitlines() == sorted(text.splitlines())
    assert BUILD_GRAPH in sorted_nquads(kg.store, exclude=())


@pytest.mark.parametrize("suffix,graphs", [(".trig", True), (".nq", True), (".jsonld", True), (".ttl", False),
                                           (".nt", False)])
def test_export_by_extension(kg, tmp_path, suffix, graphs):
    sync_graphs(kg.store, {G1: A, G2: B})
    target = tmp_path / f"out{suffix}"
    fmt = export(kg.store, target)
    quads = list(ox.parse(path=str(target), format=fmt))
    assert len(quads) == (2 + 4 if graphs else 2)  # datasets also hold the build graph: manifest, markers
    assert all((q.graph_name != ox.DefaultGraph()) == graphs for q in quads)


def test_export_refuses_an_unknown_extension(kg, tmp_path):
    with pytest.raises(StoreError, match="cannot export"):
        export(kg.store, tmp_path / "out.xlsx")


def test_read_only_needs_a_built_store(tmp_path):
    with pytest.raises(StoreError, match="run `directive-kg build` first"):
        open_store(tmp_path / "nothing")


def test_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the store"):
        open_store(blocker / "store", read_only=False)


HOLD = """
import sys, time
from loaders.store import open_store
s = open_store(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


def hold(path, mode: str, seconds: float = 30) -> subprocess.Popen:
    """Another process holding the store (a build or a reader) until killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), mode, str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_second_writer_is_refused_with_the_pid(tmp_path):
    open_store(tmp_path, read_only=False).close()
    proc = hold(tmp_path, "write")
    try:
        with pytest.raises(StoreBusy, match=rf"another build is using .* \(pid {proc.pid}\); wait for it or use --wait"):
            open_store(tmp_path, read_only=False)
        with pytest.raises(StoreBusy, match=f"pid {proc.pid}"):
            open_store(tmp_path, read_only=True)
    finally:
        proc.kill()
        proc.wait()
    open_store(tmp_path, read_only=False).close()  # the lock died with its holder


def test_wait_gets_the_store_when_the_holder_finishes(tmp_path):
    open_store(tmp_path, read_only=False).close()
    proc = hold(tmp_path, "write", seconds=0.5)
    started = time.monotonic()
    with open_store(tmp_path, read_only=False, wait=20):
        assert time.monotonic() - started < 15
    proc.wait()


def test_readers_share_the_store_and_keep_writers_out(tmp_path):
    with open_store(tmp_path, read_only=False) as w:
        sync_graphs(w.store, {G1: A})
    proc = hold(tmp_path, "read")
    try:
        with open_store(tmp_path) as reader:
            assert bool(reader.query("ASK { ?s ?p ?o }"))
        with pytest.raises(StoreBusy, match="open for reading by another process"):
            open_store(tmp_path, read_only=False)
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("piece, bulk_min, thread", [(40, 1 << 62, True), (40, 0, True), (40, 0, False),
                                                    (10**9, 1 << 62, True)])
def test_a_full_load_in_pieces_equals_one_load(tmp_path, monkeypatch, piece, bulk_min, thread):
    """Pieces of a few lines (a graph cut at line ends), by Store.load or bulk_load, in the loading
    thread or not, from a spool file (its texts compressed where mapped or not) or from texts: the same
    quads as one load (the index literals included: a graph's text compressed by its map worker serves
    as its literal only when the piece holds it whole)."""
    from loaders import store as store_module
    from loaders.spool import GraphSpool
    big = "".join(nt((f"<https://example.org/s{i}>", "<https://example.org/p>", f'"{i} ủy"@vi')) for i in range(50))
    texts = {G1: A, G2: big, G3: B + C + DOC}
    with open_store(tmp_path / "one", read_only=False) as one:
        sync_graphs(one.store, texts)
        expected = sorted_nquads(one.store)
    monkeypatch.setattr(store_module, "LOAD_PIECE_CHARS", piece)
    monkeypatch.setattr(store_module, "BULK_MIN_CHARS", bulk_min)
    monkeypatch.setattr(store_module, "LOAD_THREAD", thread)
    for name in ("texts", "spool", "packed"):
        graphs = texts if name == "texts" else GraphSpool(tmp_path / "spool.nt") if name == "spool" else \
            packed_spool(tmp_path / "packed.nt", texts)
        if name == "spool":
            graphs.update(texts)
        with open_store(tmp_path / name, read_only=False) as kg:
            assert sync_graphs(kg.store, graphs).mode == "full"
            assert sorted_nquads(kg.store) == expected and merged_complete(kg.store)
            merged = {q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
            assert merged == {q.triple for g in texts for q in graph_quads(kg.store, g)}


G4 = "https://example.org/graph/4"


@pytest.mark.parametrize("piece", [40, 10**9])
def test_a_full_load_begun_ahead_from_a_growing_spool_equals_one_load(tmp_path, monkeypatch, piece):
    """store.FullLoad.ahead (a build's file graphs, in a thread, while its reuse stage writes the other
    graphs to the spool), ended by sync_graphs: the same quads as one load (a line two graphs hold,
    one loaded ahead and one after, counted once; blank nodes; a graph cut in pieces); the test hook's
    pauses in order, "loading" once."""
    from loaders import store as store_module
    from loaders.spool import GraphSpool
    from loaders.store import FullLoad, full_load_certain
    big = "".join(nt((f"<https://example.org/s{i}>", "<https://example.org/p>", f'"{i} ủy"@vi')) for i in range(50))
    texts = {G1: A + B, G2: big, G3: A + C, G4: BLANKS}
    with open_store(tmp_path / "one", read_only=False) as one:
        assert sync_graphs(one.store, texts).triples == 55  # A once
        expected = sorted_nquads(one.store)
    monkeypatch.setattr(store_module, "LOAD_PIECE_CHARS", piece)
    pauses = []
    with open_store(tmp_path / "ahead", read_only=False) as kg, GraphSpool(tmp_path / "mapped.nt") as spool:
        assert full_load_certain(kg.store)
        spool.update({G1: texts[G1], G2: texts[G2]})
        begun = FullLoad(kg.store, spool, pause=pauses.append)
        begun.ahead(spool.reader(), [G1, G2])
        spool.update({G3: texts[G3], G4: texts[G4]})  # written while the load ahead reads the file
        assert spool[G1] == texts[G1]  # read here meanwhile too
        result = sync_graphs(kg.store, spool, pause=pauses.append, begun=begun)
        assert result.mode == "full" and set(result.written) == set(texts) and result.triples == 55
        assert sorted_nquads(kg.store) == expected and merged_complete(kg.store)
        assert not full_load_certain(kg.store)
    assert pauses == ["cleared", "loading", "loaded"]


def test_a_full_load_ahead_stopped_leaves_a_store_the_next_sync_loads_whole(tmp_path):
    """A build that fails while its load runs ahead (FullLoad.stop): readers are told to build, and the
    next sync gives the graphs."""
    from loaders.spool import GraphSpool
    from loaders.store import FullLoad, StoreIncomplete, check_readable, full_load_certain
    texts = {G1: A + B, G2: C}
    with open_store(tmp_path / "store", read_only=False) as kg, GraphSpool(tmp_path / "mapped.nt") as spool:
        sync_graphs(kg.store, {G1: B})
        assert not full_load_certain(kg.store)
        spool.update(texts)
        begun = FullLoad(kg.store, spool)
        begun.ahead(spool.reader(), [G1, G2])
        begun.stop()
        assert full_load_certain(kg.store)
        with pytest.raises(StoreIncomplete, match="directive-kg build"):
            check_readable(kg.store)
        assert sync_graphs(kg.store, texts).mode == "full"
        assert graph_text(kg.store, G1) == "".join(sorted([A, B])) and merged_complete(kg.store)


@pytest.mark.parametrize("run", [1, 2, 3])
def test_the_lines_several_graphs_hold_are_counted_alike_in_runs_of_any_size(tmp_path, monkeypatch, run):
    """A full load counts the lines several graphs hold from their identities read a run at a time
    (a run may end inside a graph's): the same store whatever the run; A held by three graphs, B by two."""
    from loaders import store as store_module
    texts = {G1: A + B, G2: A, G3: A + B + C}
    with open_store(tmp_path / "whole", read_only=False) as whole:
        sync_graphs(whole.store, texts)
        expected = raw_quads(whole.store)
    monkeypatch.setattr(store_module._IdSpool, "SHARED_RUN", run)
    with open_store(tmp_path / "runs", read_only=False) as kg:
        assert sync_graphs(kg.store, texts).triples == 3
        assert raw_quads(kg.store) == expected
        assert sorted(q.object.value for q in kg.store.quads_for_pattern(
            None, ox.NamedNode(store_module.HOLDERS), None, ox.NamedNode(INDEX_GRAPH))) == ["2", "3"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RocksDB's threads are found by name in /proc")
def test_a_full_load_gives_the_compaction_threads_their_priority_back(tmp_path):
    """During a full load RocksDB's compactions run at the lowest priority (store._compactions_behind);
    after it, at their own again, where the process may raise a priority (root or RLIMIT_NICE)."""
    import os
    import resource

    from loaders import store as store_module
    if os.geteuid() != 0 and resource.getrlimit(resource.RLIMIT_NICE)[0] < 20:
        pytest.skip("this process may not raise a priority back")
    with open_store(tmp_path / "store", read_only=False) as kg:
        threads = store_module._compaction_threads()
        assert threads
        before = [os.getpriority(os.PRIO_PROCESS, t) for t in threads]
        assert sync_graphs(kg.store, {G1: A, G2: B, G3: C}).mode == "full"
        assert [os.getpriority(os.PRIO_PROCESS, t) for t in threads] == before != [store_module.COMPACTION_NICE] * len(threads)


def test_a_store_of_the_older_layout_is_refused_and_rebuilt_by_the_next_build(tmp_path):
    """Layout A (a named graph per file beside the merged graph, no index): readers are told to
    rebuild in one line; the next sync loads it whole in the current layout."""
    build = ox.NamedNode(BUILD_GRAPH)
    with open_store(tmp_path / "old", read_only=False) as kg:
        for g, text in ((G1, A), (G2, B)):
            kg.store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
            kg.store.load(text, format=ox.RdfFormat.N_TRIPLES)
            kg.store.add(ox.Quad(ox.NamedNode(g), ox.NamedNode(CONTENT_HASH), ox.Literal("old"), build))
        kg.store.add(ox.Quad(build, ox.NamedNode(MERGED_MARKER), ox.Literal(True), build))
    with pytest.raises(StoreError, match="rebuild with `directive-kg build`") as e:
        open_store(tmp_path / "old").close()
    assert "\n" not in str(e.value)
    with open_store(tmp_path / "old", read_only=False) as kg:
        assert sync_graphs(kg.store, {G1: A, G2: B}).mode == "full"
        assert {g.value for g in kg.store.named_graphs()} == {BUILD_GRAPH, INDEX_GRAPH}
        assert graph_text(kg.store, G1) == A and merged_text(kg.store) == sorted([A, B])
    with open_store(tmp_path / "old") as kg:
        assert len(list(kg.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 2
