"""Soundness of the incremental build: after edits of a corpus (files added, removed, a cited document
changed, removed and restored, a file made a second copy of another document), a rebuild of the
store (extraction cache, map cache, load of the changed graphs only) gives the same store as a
build from nothing, byte for byte in a sorted export, and the same report on every file; with the text
reuse graphs too (one a file: an add rewrites those of its own pairs, and puts a pair of an added and an
old file in the added file's graph: the reuse lines and the merged graph compared, dataset_reuse_merged;
tests/test_cache.py checks that the reuse stage reads its texts from the cache)."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.build import build
from conftest import dataset_reuse_merged
from loaders.store import open_store, sorted_nquads

ROOT = Path(__file__).resolve().parent.parent


def generate(out: Path, docs: int, seed: int) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(docs), "--out", str(out),
                    "--seed", str(seed), "--duplicates", "0.05", "--no-gold"], check=True, capture_output=True)
    return out


def dataset(store: Path) -> str:
    with open_store(store) as kg:
        return sorted_nquads(kg.store)


def merged_triples(store: Path) -> int:
    """The triples of the merged graph, counted."""
    with open_store(store) as kg:
        return int(next(iter(kg.store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0].value)


def redate(path: Path, day: int) -> None:
    """Another day in the document's own date line: citations by date no longer find it."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"ngày \d+ tháng", f"ngày {day:02d} tháng", text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("sources")
    return generate(root / "a", 30, 3), generate(root / "b", 10, 4)


def test_an_incremental_build_equals_a_build_from_nothing_after_every_edit(sources, tmp_path):
    a, b = sources
    corpus = tmp_path / "corpus"
    shutil.copytree(a, corpus)
    central = sorted(corpus.glob("central_*.txt"))[0]
    original = central.read_bytes()
    rng = random.Random(15)
    provincial = sorted(p.name for p in corpus.glob("p*.txt"))

    def remove_some():
        for name in rng.sample([n for n in provincial if (corpus / n).exists()], 3):
            (corpus / name).unlink()

    def add_others():
        for p in sorted(b.glob("*.txt")):
            shutil.copy(p, corpus / f"added_{p.name}")

    def make_a_copy():  # a file becomes a second file of another document
        files = sorted(corpus.glob("p*.txt"))
        shutil.copy(files[0], files[1])

    edits = [remove_some, add_others, lambda: redate(central, 5), make_a_copy, central.unlink,
             lambda: central.write_bytes(original)]
    store = tmp_path / "store"
    build(corpus, store, progress=False, reuse=False)
    kept = 0
    for edit in edits:
        edit()
        again = build(corpus, store, progress=False, reuse=False)
        fresh_store = tmp_path / "fresh"
        shutil.rmtree(fresh_store, ignore_errors=True)
        fresh = build(corpus, fresh_store, progress=False, reuse=False)
        assert fresh.graphs_kept == 0 and fresh.from_cache == 0
        assert again.files == fresh.files, edit
        assert again.counts == fresh.counts, edit
        assert dataset(store) == dataset(fresh_store), edit
        assert again.sync.triples == fresh.sync.triples == merged_triples(store), edit  # the count kept by the syncs
        kept += again.graphs_kept
    assert kept > 0  # files whose inputs did not change were not mapped again


def test_an_add_with_text_reuse_equals_a_build_from_nothing_and_rewrites_only_its_reuse_graphs(tmp_path):
    """With the text-reuse graphs (one a file, loaders.reuse_graph): files added to a built corpus give the
    store a build from nothing gives, byte for byte but for which reuse graph holds a pair of an added and
    an old file (the added one's: dataset_reuse_merged); the add writes the reuse graphs of the new files
    and of the old files whose own pairs change, not the others (kept from the map cache, not loaded again)."""
    root = tmp_path / "sources"
    for name, docs, seed in (("a", 40, 5), ("b", 6, 6)):
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(docs), "--out",
                        str(root / name), "--seed", str(seed), "--reuse", "--no-gold"], check=True, capture_output=True)
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "a", corpus)
    store = tmp_path / "store"
    build(corpus, store, progress=False)
    before = _reuse_manifest(store)
    assert len(before) >= 40  # one a loaded file (its text length, its pairs)
    for p in sorted((root / "b").glob("*.txt")):
        shutil.copy(p, corpus / f"added_{p.name}")
    again = build(corpus, store, progress=False)
    fresh = build(corpus, tmp_path / "fresh", progress=False)
    assert again.counts == fresh.counts and dataset_reuse_merged(store) == dataset_reuse_merged(tmp_path / "fresh")
    after = _reuse_manifest(store)
    changed = {g for g in after if before.get(g) != after[g]}
    assert 6 <= len(changed) < len(before) and set(before) <= set(after)
    assert "TextReuse" in dataset(store)


def _reuse_manifest(store: Path) -> dict[str, str]:
    """The content hash of each reuse graph of the store."""
    from loaders.reuse_graph import is_reuse_graph
    from loaders.store import manifest

    with open_store(store) as kg:
        return {g: h for g, h in manifest(kg.store).items() if is_reuse_graph(g)}
