"""The extraction cache (loaders.cache): a rebuild extracts only new or changed files, gives the same
graph as a build without the cache, and survives a damaged or outdated cache; the map stage reads the
whole records back from it (the build keeps slim ones)."""
from __future__ import annotations

import os
import sqlite3

import pytest

from conftest import copy_documents, dataset_reuse_merged
from loaders import build as B
from loaders.build import build
from loaders.cache import CACHE_FILE, MAP_CACHE_FILE, ExtractCache, code_version
from loaders.resolve import LoadedDocument
from loaders.store import open_store, sorted_nquads


def dataset(store) -> str:
    with open_store(store) as kg:
        return sorted_nquads(kg.store)


@pytest.fixture
def corpus(tmp_path):
    return copy_documents(tmp_path / "corpus", 5)


def test_a_rebuild_takes_unchanged_files_from_the_cache_and_extracts_a_changed_one(corpus, tmp_path):
    store = tmp_path / "store"
    first = build(corpus, store, progress=False)
    assert first.from_cache == 0 and (store / CACHE_FILE).exists()
    again = build(corpus, store, progress=False)
    assert again.from_cache == 5 and again.files == first.files and again.sync.mode == "unchanged"
    changed = sorted(corpus.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nNơi nhận:\n- Như trên;\n", encoding="utf-8")
    (corpus / "copy.txt").write_bytes(sorted(corpus.iterdir())[0].read_bytes())  # same bytes: a hit
    third = build(corpus, store, progress=False)
    assert third.from_cache == 5  # 4 unchanged files and the copy; the changed file was read
    build(corpus, tmp_path / "fresh", progress=False, reuse=True)
    # the reuse graphs read their texts from the cache too (the changed file's pairs are in its graph)
    assert dataset_reuse_merged(store) == dataset_reuse_merged(tmp_path / "fresh")


def test_a_damaged_cache_is_set_aside_with_a_warning_and_rebuilt(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    build(corpus, store, progress=False)
    expected = dataset(store)
    for name in (CACHE_FILE, MAP_CACHE_FILE):
        (store / name).write_bytes(b"not a database at all" * 100)
    report = build(corpus, store, progress=False)
    err = capsys.readouterr().err
    assert "extraction cache" in err and "map cache" in err and report.from_cache == report.graphs_kept == 0
    assert dataset(store) == expected and (store / f"{CACHE_FILE}.damaged").exists()
    again = build(corpus, store, progress=False)
    assert again.from_cache == 5 and again.graphs_kept == 5


def test_a_damaged_entry_is_read_again_and_another_code_version_empties_the_cache(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    build(corpus, store, progress=False)
    expected = dataset(store)
    db = sqlite3.connect(store / CACHE_FILE)
    with db:
        key = db.execute("SELECT key FROM files ORDER BY key LIMIT 1").fetchone()[0]
        db.execute("UPDATE files SET record = ?, slim = ? WHERE key = ?", (b"\x80\x05garbage", b"\x80\x05garbage", key))
    db.close()
    assert build(corpus, store, progress=False).from_cache == 4
    assert "damaged entry" in capsys.readouterr().err and dataset(store) == expected
    db = sqlite3.connect(store / CACHE_FILE)
    with db:  # the whole record alone damaged: a rebuild reads the slim one; mapping it would read the file
        db.execute("UPDATE files SET record = ? WHERE key = ?", (b"\x80\x05garbage", key))
    db.close()
    assert build(corpus, store, progress=False).from_cache == 5 and dataset(store) == expected
    (store / MAP_CACHE_FILE).unlink()  # every file mapped again: that one read again from its file
    assert build(corpus, store, progress=False).graphs_kept == 0 and dataset(store) == expected
    db = sqlite3.connect(store / CACHE_FILE)
    with db:
        db.execute("UPDATE meta SET value = 'an older loader' WHERE name = 'version'")
    db.close()
    assert build(corpus, store, progress=False).from_cache == 0
    assert dataset(store) == expected


def test_the_code_version_covers_the_loader_and_its_reference_data():
    assert len(code_version()) == 64
    assert ExtractCache(None).get("0" * 64, "auto", "x.txt") is None  # no folder: a cache that keeps nothing


def test_the_build_maps_whole_records_from_the_cache_as_it_would_from_memory(corpus, tmp_path, monkeypatch):
    # the build keeps slim records from reading to mapping and maps the whole ones read back from the cache
    build(corpus, tmp_path / "slim", progress=False)
    monkeypatch.setattr(LoadedDocument, "slimmed", lambda self, strings: self)  # every record kept whole
    build(corpus, tmp_path / "whole", progress=False)
    assert dataset(tmp_path / "slim") == dataset(tmp_path / "whole")


def test_records_are_kept_slim_once_cached_and_a_record_gone_from_the_cache_is_read_again(corpus, tmp_path):
    store = tmp_path / "store"
    build(corpus, store, progress=False)
    read = lambda cache: B._read_all(corpus, 1, B._Progress(False), B.FILE_TIMEOUT, ("auto", ""), cache)[1]  # noqa: E731
    with ExtractCache(store / CACHE_FILE) as cache:
        slim = read(cache)
    whole = read(ExtractCache(None))  # no cache: nothing to get them back from, kept whole
    assert len(slim) == 5 and all(d.slim for d in slim) and not any(d.slim for d in whole)
    db = sqlite3.connect(store / CACHE_FILE)
    with db:
        db.execute("DELETE FROM files WHERE key = (SELECT key FROM files ORDER BY key LIMIT 1)")
    db.close()
    full = B.whole_records(corpus, store / CACHE_FILE, ("auto", ""))
    assert [full(d) for d in slim] == whole


def _aged(path, seconds: float = 10.0) -> None:
    """Set the file's mtime ``seconds`` in the past (older than the racy window)."""
    import os
    import time
    past = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(past, past))


@pytest.mark.parametrize("change, read_again", [
    ("none", False),                # same stat: the recorded hash, the file not read
    ("longer", True),               # other size
    ("same size, newer", True),     # same size, other mtime
])
def test_a_file_is_hashed_again_only_when_its_stat_changed(tmp_path, change, read_again):
    from loaders.cache import file_sha256
    f = tmp_path / "a.txt"
    f.write_bytes(b"first version")
    _aged(f, 20)
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert cache.sha256(f) == file_sha256(f)
    if change == "longer":
        f.write_bytes(b"first version, longer")
        _aged(f, 10)
    elif change == "same size, newer":
        f.write_bytes(b"other version")
        _aged(f, 10)
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert os.fsencode(os.path.abspath(f)) in cache.hashes.known
        assert cache.sha256(f) == file_sha256(f)
        assert bool(cache.hashes.new) is read_again  # re-hashed files are recorded anew


@pytest.mark.parametrize("how, read_again", [
    ("hard link", False),   # the same inode, size and mtime: the recorded hash (a grown copy of a corpus)
    ("copy", True),         # another inode: read and hashed
])
def test_a_file_under_another_path_is_hashed_again_only_when_it_is_another_file(tmp_path, monkeypatch, how,
                                                                              read_again):
    import shutil
    from loaders import cache as cache_module
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    first.parent.mkdir(), second.parent.mkdir()
    first.write_bytes(b"the same bytes")
    _aged(first, 20)
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        expected = cache.sha256(first)
    os.link(first, second) if how == "hard link" else shutil.copy2(first, second)
    hashed = []
    real = cache_module.file_sha256
    monkeypatch.setattr(cache_module, "file_sha256", lambda path: hashed.append(path) or real(path))
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert cache.sha256(second) == expected
        assert bool(hashed) is read_again
        cache.keep_only(set())  # only the second path seen: its entry stays, the first one's goes
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert set(cache.hashes.known) == {os.fsencode(os.path.abspath(second))}


def test_a_file_changed_within_the_racy_window_is_not_recorded_and_gone_paths_are_dropped(tmp_path):
    fresh, old = tmp_path / "fresh.txt", tmp_path / "old.txt"
    fresh.write_bytes(b"just written")
    old.write_bytes(b"written long ago")
    _aged(old)
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        cache.sha256(fresh), cache.sha256(old)
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert set(cache.hashes.known) == {os.fsencode(os.path.abspath(old))}  # a file this recent could change unseen
        cache.sha256(fresh)
        cache.keep_only(set())  # old.txt not seen by this build: its entry goes
    with ExtractCache(tmp_path / CACHE_FILE) as cache:
        assert os.fsencode(os.path.abspath(old)) not in cache.hashes.known


def test_the_map_cache_keeps_a_memo_until_the_code_changes(tmp_path):
    from loaders.cache import MapCache

    path = tmp_path / MAP_CACHE_FILE
    with MapCache(path) as cache:
        cache.put_memo("answers", {("a", 1): "b"})
    with MapCache(path) as cache:
        assert cache.memo("answers") == {("a", 1): "b"} and cache.memo("other") is None
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE meta SET value = 'an older loader' WHERE name = 'version'")
    db.close()
    with MapCache(path) as cache:
        assert cache.memo("answers") is None


def test_a_rebuild_takes_the_slim_records_kept_beside_the_cache_while_the_cache_is_unchanged(corpus, tmp_path,
                                                                                             monkeypatch):
    # the slim records of the last build in one file (kept_slims): no row asked a file; a commit to the cache
    # since (here a row deleted by hand) makes them stale: the rows are asked again, the file gone read again
    from loaders.cache import SLIMS_FILE

    store = tmp_path / "store"
    first = build(corpus, store, progress=False)
    expected = dataset(store)
    asked: list[str] = []
    get_slims = ExtractCache.get_slims
    monkeypatch.setattr(ExtractCache, "get_slims", lambda self, shas, ocr: asked.extend(shas) or get_slims(self, shas, ocr))
    again = build(corpus, store, progress=False)
    assert (store / SLIMS_FILE).exists() and asked == []
    assert again.from_cache == 5 and again.files == first.files and dataset(store) == expected
    db = sqlite3.connect(store / CACHE_FILE)
    with db:
        db.execute("DELETE FROM files WHERE key = (SELECT key FROM files ORDER BY key LIMIT 1)")
    db.close()
    third = build(corpus, store, progress=False)
    assert len(asked) == 5 and third.from_cache == 4 and third.files == first.files and dataset(store) == expected


def _entries(names: str) -> dict[str, tuple]:
    """Slim entries by one-letter sha: (record, warnings, digest); a capital: the file's record changed."""
    return {n.lower(): (f"record {n.lower()}{' again' if n.isupper() else ''}", (), f"digest {n.lower()}") for n in names}


# builds one after the other: (their entries, whether keep_slims writes the file whole; else it appends)
SLIM_BUILDS = [
    [("abcdefgh", True), ("abcdefghi", False), ("bcdefghi", False), ("bcdefghi", False)],  # added, removed, same
    [("abcdefgh", True), ("abcdefgh", False), ("abcdefghijkl", True)],  # a build that changes more than a quarter
    [("abcdefgh", True), ("abcdefgx", False)],  # one gone, one new: same count
    [("abcdefgh", True), ("aBcdefgh", False), ("aBcdefgh", False), ("abcdefgh", False), ("aBCdefgh", True)],  # records changed
    [("abcdefgh", True)] + [("abcdefgh", False)] * 8 + [("abcdefgh", True)],  # SLIMS_APPENDS appends, then whole
]


@pytest.mark.parametrize("builds", SLIM_BUILDS)
def test_the_slims_kept_are_appended_what_changed_and_read_back_as_written_whole(tmp_path, builds):
    """keep_slims appends to its file the entries that differ from those kept_slims gave (an add: its own),
    and those gone, until SLIM_APPENDS appends or a quarter of the entries: kept_slims then gives the
    entries of the last build, as a file written whole would; a commit to the cache since, or an append cut
    short, gives none."""
    from loaders.cache import SLIMS_APPENDS, SLIMS_FILE, KeptSlims, keep_slims, kept_slims

    assert SLIMS_APPENDS == 8
    cache = tmp_path / CACHE_FILE
    db = sqlite3.connect(cache)
    db.execute("CREATE TABLE t (x)")
    slims = tmp_path / SLIMS_FILE
    for n, (names, whole) in enumerate(builds):
        kept = kept_slims(cache, "auto")  # the read stage: then its commit, then keep_slims
        assert isinstance(kept, KeptSlims) and (kept == {} if n == 0 else kept)
        before = slims.stat() if slims.exists() else None
        with db:
            db.execute("INSERT INTO t VALUES (?)", (n,))
        entries = _entries(names)
        keep_slims(cache, "auto", entries, kept)
        after = slims.stat()
        if whole:  # written to another file, put in its place
            assert before is None or after.st_ino != before.st_ino
        else:
            assert after.st_ino == before.st_ino and after.st_size > before.st_size
        assert kept_slims(cache, "auto") == entries
        keep_slims(cache, "auto", entries, kept_slims(cache, "auto"))  # nothing changed, no commit: the file as it was
        assert kept_slims(cache, "auto") == entries
    with open(slims, "ab") as f:
        f.write(b"\x80\x05")  # an append cut short
    assert kept_slims(cache, "auto") == {}
    with db:
        db.execute("INSERT INTO t VALUES (-1)")
    assert kept_slims(cache, "auto") == {}
    db.close()
