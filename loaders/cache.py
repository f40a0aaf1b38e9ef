"""What reading and extraction gave each file, kept in the store folder so that a rebuild extracts
only new or changed files.

``PATH/extract-cache.sqlite`` (one SQLite file; WAL off, one writer: the build holding the store's
lock). A row per (sha256 of the file's bytes, OCR mode): the record extraction gave (pickled,
``source`` left empty: the same bytes under another name give the same record), the file's text
(zlib), which the text reuse stage reads instead of the file, and the slim record resolution reads
with the record's warnings and digest (a rebuild unpickles that, a sixth of the record). A worker
process prepares the row (CacheRow): the build's main process only stores bytes. Rows are read one
at a time, or a chunk of files at a time (the slim records: get_slims), never all at once. The
whole cache is tied to ``code_version()``: the loader version and a hash of the code and reference
data that extraction reads, so a changed parser or word list invalidates it. A damaged or foreign
cache never breaks a build: it is set aside with a warning and rebuilt.

Why SQLite and pickle: 100k rows looked up by key with no server and one file to delete; pickle is
the one serialiser that takes the frozen dataclasses as they are (bench/incremental.py measures it).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from loaders.paths import REFERENCE, ROOT
from loaders.records import DocumentRecord

__all__ = ["CACHE_FILE", "MAP_CACHE_FILE", "SLIM_CHUNK", "CacheRow", "EncodedGraph", "ExtractCache", "CachedRecords", "CachedTexts", "MapCache", "MappedGraphs", "code_version", "stat_key",
           "SLIMS_FILE", "KeptSlims", "kept_slims", "keep_slims",
           "file_sha256"]

CACHE_FILE = "extract-cache.sqlite"
SCHEMA = "2"
SLIM_CHUNK = 500  # files whose slim records are asked for in one query (get_slims; SQLite takes 32,766 parameters)
MAX_HASHED = 20_000_000  # bytes; larger files go to the reader, which sets them aside (loaders.read)
_LOADERS = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """The loader version and a hash of every loaders/*.py and data/reference file: what a cached
    record depends on besides the file's bytes."""
    from loaders.build import LOADER_VERSION

    h = hashlib.sha256(f"{SCHEMA}:{LOADER_VERSION}:{sys.version_info[:2]}".encode())
    files = sorted(_LOADERS.glob("*.py")) + sorted(p for p in REFERENCE.rglob("*") if p.is_file())
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def file_sha256(path: str | os.PathLike) -> str | None:
    """sha256 of a regular file's bytes (what loaders.read records), or None when the file is not a
    plain readable file of a size the reader takes (the reader then says why)."""
    try:
        st = os.stat(path)
        if not os.path.isfile(path) or st.st_size > MAX_HASHED:
            return None
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


# A file's sha256 is trusted from its stat when the file was last changed at least this long before
# it was hashed: a write within the file system's timestamp granularity could keep size and mtime.
RACY_SECONDS = 2.0


def stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class KnownHashes:
    """Path (bytes) -> (device, inode, size, mtime in ns, sha256) of the files hashed by earlier builds, in the
    ``hashes`` table of the extraction cache (the sha256 of a file's bytes does not depend on the
    code: kept across code versions). A file whose stat is unchanged is not read to be hashed (git's
    index does the same), so an add hashes the files added, not the corpus. An entry is trusted only
    when the file's mtime was RACY_SECONDS older than the moment it was hashed. Read in one query; the
    new entries written with the next commit; the entries of paths no longer seen dropped by keep_only.
    A file is also known by its stat alone (device, inode, size, mtime): the same file under another
    path (the corpus folder moved, or linked into a grown copy) is not hashed again either."""

    def __init__(self, db: sqlite3.Connection | None):
        self._db = db
        self.known: dict[str, tuple] = {}
        self.seen: set[str] = set()
        self.new: list[tuple] = []
        if db is not None:
            try:
                db.execute("CREATE TABLE IF NOT EXISTS hashes (path BLOB PRIMARY KEY, dev INTEGER, ino INTEGER, "
                           "size INTEGER, mtime INTEGER, sha256 TEXT)")
                self.known = {row[0]: row[1:] for row in db.execute("SELECT * FROM hashes")}
            except sqlite3.Error:
                self._db, self.known = None, {}
        self.by_stat = {entry[:4]: entry[4] for entry in self.known.values()}

    def sha256(self, path: str | os.PathLike) -> str | None:
        """file_sha256(path), from the table when the file's stat is the one recorded."""
        key = os.fsencode(os.path.abspath(path))  # bytes: a name need not be valid UTF-8
        self.seen.add(key)
        try:
            st = os.stat(path)
        except OSError:
            return None
        found, now = self.known.get(key), stat_key(st)
        if found is not None and found[:4] == now:
            return found[4]
        sha = self.by_stat.get(now)
        if sha is not None:  # the same file (inode) unchanged, under another path: recorded under this one
            self.new.append((key, *now, sha))
            return sha
        started = time.time_ns()
        sha = file_sha256(path)
        self._record(key, now, sha, started)
        return sha

    def hashed(self, path: str | os.PathLike, stat: tuple[int, int, int, int], sha256: str | None,
               started: int) -> None:
        """A file hashed by another process (its reader) at ``started`` (ns), its stat_key then ``stat``:
        recorded as sha256() records the files it hashes."""
        key = os.fsencode(os.path.abspath(path))
        self.seen.add(key)
        self._record(key, stat, sha256, started)

    def _record(self, key: bytes, stat: tuple[int, int, int, int], sha256: str | None, started: int) -> None:
        if sha256 is not None and started - stat[3] > RACY_SECONDS * 1e9:
            self.new.append((key, *stat, sha256))

    def write(self) -> None:
        """Record the files hashed since the last write (inside the cache's open transaction)."""
        if self._db is not None and self.new:
            self._db.executemany("INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?, ?, ?)", self.new)
        self.new = []

    def keep_only_seen(self) -> None:
        """Forget the paths this build did not see (the table does not grow with renamed files)."""
        if self._db is not None:
            gone = [k for k in self.known if k not in self.seen]
            self._db.executemany("DELETE FROM hashes WHERE path = ?", ((k,) for k in gone))


def _key(sha256: str, ocr: str) -> str:
    return f"{sha256}:{ocr}"


def _printed(message: str) -> None:
    print(f"directive-kg: {message}", file=sys.stderr)


class _SqliteCache:
    """One SQLite file of a store folder, tied to ``code_version()`` (``path`` None: keeps nothing).
    Damaged or foreign: set aside with a warning and rebuilt; a failed write: the build goes on
    without it. Subclasses name themselves (NAME) and their table (TABLE, its DDL in COLUMNS)."""

    NAME = TABLE = COLUMNS = ""
    EXTRA: tuple[tuple[str, str], ...] = ()  # more tables (name, DDL), tied to the code version too

    def __init__(self, path: str | os.PathLike | None, warn: Callable[[str], None] | None = None):
        self.path = Path(path) if path is not None else None
        self.warn = warn or _printed
        self._db: sqlite3.Connection | None = self._open() if self.path is not None else None

    def _open(self) -> sqlite3.Connection | None:
        for attempt in (1, 2):
            try:
                db = sqlite3.connect(self.path, isolation_level=None)
                db.execute("PRAGMA journal_mode=DELETE")
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                found = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
                if found is None or found[0] != code_version():
                    # another loader's entries, perhaps in other columns: none can be trusted
                    for table, _ in ((self.TABLE, self.COLUMNS), *self.EXTRA):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (code_version(),))
                for table, columns in ((self.TABLE, self.COLUMNS), *self.EXTRA):
                    db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
                db.execute("BEGIN")
                return db
            except sqlite3.Error as e:  # not a database, damaged, locked by a foreign process
                self.warn(f"the {self.NAME} {self.path} cannot be used ({e}): "
                          + ("it is set aside and rebuilt" if attempt == 1 else "building without it"))
                _set_aside(self.path)
        return None

    def _write_failed(self, e: sqlite3.Error) -> None:
        self.warn(f"cannot write the {self.NAME} {self.path} ({e}): building without it")
        self.close(commit=False)

    def commit(self) -> None:
        """Make what was put so far durable (a build killed later keeps it)."""
        if self._db is not None:
            try:
                self._db.execute("COMMIT")
                self._db.execute("BEGIN")
            except sqlite3.Error as e:
                self._write_failed(e)

    def _read_only(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)

    def __getstate__(self) -> dict:
        """Pickled for another process (validate.BatchChecks' checking process): it reads what was
        committed through a read-only connection of its own (__setstate__)."""
        return {"path": self.path, "open": self._db is not None}

    def __setstate__(self, state: dict) -> None:
        self.path, self.warn = state["path"], _printed
        self._db = self._read_only() if state["open"] else None

    def close(self, commit: bool = True) -> None:
        if self._db is None:
            return
        try:
            if commit:
                self._db.execute("COMMIT")
            self._db.close()
        except sqlite3.Error:
            pass
        self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close(commit=exc[0] is None)


@dataclass(frozen=True)
class CacheRow:
    """A file's row of the extraction cache, pickled and compressed where it was read (a worker)."""

    sha256: str
    record: bytes  # the whole record, ``source`` empty (pickle)
    text: bytes    # the file's text (zlib)
    slim: bytes    # (slim record, ``source`` empty; the record's warnings; its digest) (pickle)
    digest: str    # sha256 of ``record``: equal digests, equal records (to_rdf.file_fingerprint)

    @classmethod
    def of(cls, record: DocumentRecord, text: str) -> "CacheRow | None":
        """The row of a record just extracted and its text (None: no hash, nothing to key it by)."""
        if record.sha256 is None:
            return None
        from loaders.resolve import slim_record

        unnamed = replace(record, source="")
        blob = pickle.dumps(unnamed, pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(blob).hexdigest()
        summary = (slim_record(unnamed, {}), record.warnings, digest)
        return cls(record.sha256, blob, zlib.compress(text.encode("utf-8"), 1),
                   pickle.dumps(summary, pickle.HIGHEST_PROTOCOL), digest)

    def whole(self, source: str) -> DocumentRecord:
        """The whole record again, named ``source``."""
        return replace(pickle.loads(self.record), source=source)


class ExtractCache(_SqliteCache):
    """The cache of one store folder (``path`` None: a cache that keeps nothing)."""

    NAME, TABLE, COLUMNS = "extraction cache", "files", "key TEXT PRIMARY KEY, record BLOB, text BLOB, slim BLOB"

    def __init__(self, path: str | os.PathLike | None, warn: Callable[[str], None] | None = None):
        self.hits = self.misses = 0
        self.kept: Mapping[str, SlimEntry] = {}  # what kept_slims gave (the read stage's), for keep_slims
        super().__init__(path, warn)
        self.hashes = KnownHashes(self._db)

    def sha256(self, path: str | os.PathLike) -> str | None:
        """The sha256 of a file's bytes (file_sha256), not read again when its stat is unchanged."""
        return self.hashes.sha256(path) if self._db is not None else file_sha256(path)

    def hashed(self, path: str | os.PathLike, stat: tuple[int, int, int, int], sha256: str | None,
               started: int) -> None:
        """KnownHashes.hashed (nothing without a cache file)."""
        if self._db is not None:
            self.hashes.hashed(path, stat, sha256, started)

    def commit(self) -> None:
        if self._db is not None:
            try:
                self.hashes.write()
            except sqlite3.Error as e:
                self._write_failed(e)
                return
        super().commit()

    def close(self, commit: bool = True) -> None:
        if commit and self._db is not None:
            try:
                self.hashes.write()
            except sqlite3.Error:
                pass
        super().close(commit)

    def get(self, sha256: str, ocr: str, source: str) -> tuple[DocumentRecord, str] | None:
        """(record named ``source``, sha256) of the file whose bytes have this hash, or None."""
        record = self._unpickled("record", sha256, ocr)
        return replace(record, source=source) if self._counted(record) else None

    def get_slims(self, sha256s: list[str], ocr: str) -> dict[str, tuple[DocumentRecord, tuple[str, ...], str]]:
        """sha256 -> (slim record, ``source`` empty; the whole record's warnings; its digest) of the files
        whose bytes have these hashes, in one query (not a query a file: an add asks for every file of
        the corpus, SLIM_CHUNK at a time); a hash missing or damaged is left out (that file is read
        again). Hits and misses are counted a hash of ``sha256s`` (a file)."""
        found: dict[str, tuple[DocumentRecord, tuple[str, ...], str]] = {}
        wanted = {_key(sha, ocr): sha for sha in sha256s}
        rows = []
        if self._db is not None and wanted:
            try:
                rows = self._db.execute(f"SELECT key, slim FROM files WHERE key IN ({','.join('?' * len(wanted))})",
                                        list(wanted)).fetchall()
            except sqlite3.Error as e:  # those files are read again
                self._damaged(e)
        for key, blob in rows:
            try:
                value = pickle.loads(blob) if blob is not None else None
            except Exception as e:  # a damaged row: that file is read again
                self._damaged(e)
                continue
            if isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], DocumentRecord):
                found[wanted[key]] = value
        for sha in sha256s:
            self._counted(found.get(sha, (None,))[0])
        return found

    def _unpickled(self, column: str, sha256: str, ocr: str):
        """The object pickled in ``column`` of the file's row; None when there is none or it is damaged
        (then the file is read again)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(f"SELECT {column} FROM files WHERE key = ?", (_key(sha256, ocr),)).fetchone()
            return pickle.loads(row[0]) if row is not None and row[0] is not None else None
        except Exception as e:  # a damaged row or page: that file is read again
            self._damaged(e)
            return None

    def _damaged(self, e: Exception) -> None:
        self.warn(f"the extraction cache {self.path} has a damaged entry ({type(e).__name__}: {e}): "
                  f"the file is read again")

    def _counted(self, record) -> bool:
        """Whether ``record`` is a record (a hit), counting hits and misses."""
        if isinstance(record, DocumentRecord):
            self.hits += 1
            return True
        self.misses += 1
        return False

    @property
    def alive(self) -> bool:
        """False once the cache could not be opened or written (the build goes on without it)."""
        return self._db is not None

    def put(self, record: DocumentRecord, ocr: str, text: str) -> None:
        row = CacheRow.of(record, text)
        if row is not None:
            self.put_row(row, ocr)

    def put_row(self, row: CacheRow, ocr: str) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                             (_key(row.sha256, ocr), row.record, row.text, row.slim))
        except sqlite3.Error as e:
            self._write_failed(e)

    def rows(self) -> int:
        """Rows (files) in the cache."""
        try:
            return self._db.execute("SELECT count(*) FROM files").fetchone()[0] if self._db else 0
        except sqlite3.Error:
            return 0

    def keep_only(self, keys: set[tuple[str, str]]) -> None:
        """Forget the files no longer in the corpus (the cache does not grow with every version of a file)."""
        if self._db is None:
            return
        wanted = {_key(s, o) for s, o in keys}
        gone = [k for (k,) in self._db.execute("SELECT key FROM files") if k not in wanted]
        self._db.executemany("DELETE FROM files WHERE key = ?", ((k,) for k in gone))
        self.hashes.keep_only_seen()


# --- the slim records of the last build, in one file -------------------------------------------------

SLIMS_FILE = "slim-records.pickle"  # next to the extraction cache
SlimEntry = tuple  # (slim record named as its file was, the whole record's warnings, its digest): get_slims'


def _cache_state(cache: Path) -> tuple | None:
    """What identifies the extraction cache file as it is now: its inode and the change counter of its
    header (SQLite increments it at every commit that writes, in the rollback journal mode the cache uses);
    None when it cannot be read."""
    try:
        with open(cache, "rb") as f:
            st, header = os.fstat(f.fileno()), f.read(28)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, header[24:28]) if len(header) == 28 else None


SLIMS_APPENDS = 8  # keep_slims appends at most this many times, entries at most a quarter of them, before it writes all


class KeptSlims(dict):
    """kept_slims' entries, with what keep_slims needs to append to their file: its appends since it was
    written whole and the entries they held."""
    appends: int = 0
    appended: int = 0
    stamp: tuple = ()


def kept_slims(cache: Path, ocr: str) -> dict[str, SlimEntry]:
    """sha256 -> the entry keep_slims kept of the files of the last build, read in one unpickling (the
    records' strings shared as they were: no interning again), instead of a row and an unpickling a file
    (get_slims: at 100k documents an add asked for every file's), then its appends applied. Only while the
    extraction cache is the one they were kept beside and unchanged since (no commit; same code version and
    OCR mode): an entry is then what get_slims would give (the record named as its file was then). {}
    otherwise (a KeptSlims)."""
    path = Path(cache).with_name(SLIMS_FILE)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            kept = pickle.load(f)
            entries = KeptSlims(kept["entries"])
            while f.tell() < size:  # an append: the entries changed since, those gone, the stamp of then
                more = pickle.load(f)
                entries.update(more["entries"])
                for sha in more["gone"]:
                    entries.pop(sha, None)
                kept["stamp"], entries.appends, entries.appended = more["stamp"], more["appends"], more["appended"]
    except Exception:  # none yet, or damaged (an append cut short too): get_slims asks the cache
        return KeptSlims()
    if kept.get("stamp") != (code_version(), ocr, _cache_state(cache)):
        return KeptSlims()
    entries.stamp = kept["stamp"]
    return entries


def keep_slims(cache: Path, ocr: str, entries: Mapping[str, SlimEntry], kept: Mapping[str, SlimEntry] = {}) -> None:
    """Keep ``entries`` (sha256 -> SlimEntry of each file of a build, slim records whose digest the extraction
    cache has) for the next build's kept_slims, stamped with the cache file as it is now: call it once the
    cache is committed and closed (a commit after it makes them stale). ``kept``: what kept_slims gave this
    build (a KeptSlims; its file unchanged since): only the entries that differ from it and those gone are
    appended to the file (an add: its own files', not the corpus's), unless SLIMS_APPENDS says it is time to
    write them all. Written whole or not at all (an append cut short: none kept)."""
    path = Path(cache).with_name(SLIMS_FILE)
    state = _cache_state(cache)
    if state is None:
        path.unlink(missing_ok=True)
        return
    stamp = (code_version(), ocr, state)
    if isinstance(kept, KeptSlims) and kept and path.exists():
        changed = {sha: entry for sha, entry in entries.items() if kept.get(sha) != entry}
        gone = [sha for sha in kept if sha not in entries]
        appended = kept.appended + len(changed) + len(gone)
        if not changed and not gone and kept.stamp == stamp:
            return  # the file says it already
        if kept.appends < SLIMS_APPENDS and appended * 4 <= len(entries):
            try:
                with open(path, "ab") as f:
                    pickle.dump({"stamp": stamp, "entries": changed, "gone": gone, "appends": kept.appends + 1,
                                 "appended": appended}, f, pickle.HIGHEST_PROTOCOL)
                return
            except OSError:
                path.unlink(missing_ok=True)
                return
    tmp = path.with_name(f"{path.name}.part")
    try:
        with open(tmp, "wb") as f:
            pickle.dump({"stamp": stamp, "entries": dict(entries)}, f, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a full disk: the next build asks the cache
        tmp.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


class _ReaderPerProcess:
    """A read-only connection to the cache file, opened again in each process (a connection does
    not cross a fork), or None when there is no cache file."""

    path: Path | None
    _db: sqlite3.Connection | None = None
    _pid: int | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self.path is None or not self.path.exists():
            return None
        if self._pid != os.getpid():
            self._db = self._trusted(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True))
            self._pid = os.getpid()
        return self._db

    def _trusted(self, db: sqlite3.Connection) -> sqlite3.Connection | None:
        return db

    def __getstate__(self):  # a connection does not cross processes
        return {**self.__dict__, "_db": None, "_pid": None}


class CachedTexts(_ReaderPerProcess, Mapping):
    """sha256 -> text of the files of a build, from the cache; a file not in it is read again with
    ``read(sha256)``. Safe in forked workers: each process opens its own read-only connection."""

    def __init__(self, path: Path | None, ocr: str, shas: list[str], read: Callable[[str], str | None]):
        self.path, self.ocr, self._shas, self._read = path, ocr, list(dict.fromkeys(shas)), read
        self._known = set(self._shas)

    def __getitem__(self, sha256: str) -> str:
        try:
            db = self._conn()
            row = db.execute("SELECT text FROM files WHERE key = ?", (_key(sha256, self.ocr),)).fetchone() if db else None
            if row is not None and row[0] is not None:
                return zlib.decompress(row[0]).decode("utf-8")
        except (sqlite3.Error, zlib.error, UnicodeDecodeError):
            pass
        text = self._read(sha256)
        if text is None:
            raise KeyError(sha256)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._shas)

    def __len__(self) -> int:
        return len(self._shas)

    def __contains__(self, sha256) -> bool:
        return sha256 in self._known


class CachedRecords(_ReaderPerProcess):
    """The records of the extraction cache, read back one at a time (the map stage gets each file's
    whole record here, a batch at a time, instead of keeping every record from reading to mapping).
    A read-only connection per process (safe in forked workers); rows written by another code version
    are not trusted."""

    def __init__(self, path: Path | None, ocr: str):
        self.path, self.ocr = path, ocr

    def _trusted(self, db: sqlite3.Connection) -> sqlite3.Connection | None:
        found = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        return db if found is not None and found[0] == code_version() else None

    def get(self, sha256: str, source: str) -> DocumentRecord | None:
        """The record of the file with these bytes, named ``source``; None when the cache lacks it."""
        try:
            db = self._conn()
            row = db.execute("SELECT record FROM files WHERE key = ?", (_key(sha256, self.ocr),)).fetchone() if db else None
            record = pickle.loads(row[0]) if row is not None else None
        except Exception:  # damaged: the caller reads the file again
            return None
        return replace(record, source=source) if isinstance(record, DocumentRecord) else None


# --- mapped graphs ---------------------------------------------------------------------------------


PACK_LEVEL = 1  # zlib level of a mapped graph's text: the map cache's, and the store's index literals (store._packed)

@dataclass(frozen=True)
class EncodedGraph:
    """A graph's N-Triples as the spool and the map cache store them, made where it was mapped (a map
    worker: the main process only writes bytes)."""

    data: bytes                  # UTF-8
    digest: str                  # sha256 of ``data`` (store.content_hash)
    blanks: bool                 # holds blank nodes
    packed: bytes | None = None  # ``data`` compressed (zlib), for the map cache

    @classmethod
    def of(cls, data: bytes, packed: bool) -> "EncodedGraph":
        return cls(data, hashlib.sha256(data).hexdigest(), b"_:" in data, zlib.compress(data, PACK_LEVEL) if packed else None)


MAP_CACHE_FILE = "map-cache.sqlite"


class MapCache(_SqliteCache):
    """``PATH/map-cache.sqlite``: the N-Triples (zlib) each file graph had, with the fingerprint of
    what its mapping read (to_rdf.file_fingerprint). A file whose fingerprint is unchanged is not
    mapped again: its graph is this text. Tied to ``code_version()`` like the extraction cache;
    damaged: set aside with a warning and rebuilt."""

    NAME, TABLE = "map cache", "graphs"
    COLUMNS = "graph TEXT PRIMARY KEY, fingerprint TEXT, digest TEXT, blanks INTEGER, chars INTEGER, text BLOB"
    # answers of a pure function of the code and reference data, by name (resolve.known_bodies)
    EXTRA = (("memos", "name TEXT PRIMARY KEY, value BLOB"),)

    def memo(self, name: str):
        """The object kept under ``name`` (put_memo), or None (none, or damaged)."""
        try:
            row = self._db.execute("SELECT value FROM memos WHERE name = ?", (name,)).fetchone() if self._db else None
            return pickle.loads(row[0]) if row else None
        except Exception:  # a damaged row: the answers are computed again
            return None

    def put_memo(self, name: str, value) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO memos VALUES (?, ?)",
                             (name, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)))
        except sqlite3.Error as e:
            self._write_failed(e)

    def lookup(self, fingerprints: Mapping[str, str]) -> dict[str, tuple[str, bool, int]]:
        """graph -> (content hash, has blank nodes, length) of each graph of ``fingerprints`` (graph ->
        fingerprint) that was mapped with that fingerprint, in one query (a batch of files, not a file)."""
        if self._db is None or not fingerprints:
            return {}
        graphs = list(fingerprints)
        try:
            rows = self._db.execute("SELECT graph, fingerprint, digest, blanks, chars FROM graphs WHERE graph IN "
                                    f"({','.join('?' * len(graphs))})", graphs).fetchall()
        except sqlite3.Error as e:
            self.warn(f"cannot read the map cache {self.path} ({e}): mapping every file")
            self.close(commit=False)
            return {}
        return {graph: (digest, bool(blanks), int(chars)) for graph, fingerprint, digest, blanks, chars in rows
                if fingerprints[graph] == fingerprint}

    def put(self, graph: str, fingerprint: str, text: str) -> None:
        data = text.encode("utf-8")
        self.put_packed(graph, fingerprint, EncodedGraph.of(data, packed=True))

    def put_packed(self, graph: str, fingerprint: str, g: "EncodedGraph") -> None:
        """A graph encoded, hashed and compressed already (EncodedGraph with ``packed``)."""
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?, ?, ?)",
                             (graph, fingerprint, g.digest, g.blanks, len(g.data), g.packed))
        except sqlite3.Error as e:
            self._write_failed(e)

    def text(self, graph: str) -> str | None:
        try:
            row = self._db.execute("SELECT text FROM graphs WHERE graph = ?", (graph,)).fetchone() if self._db else None
            return zlib.decompress(row[0]).decode("utf-8") if row else None
        except (sqlite3.Error, zlib.error, UnicodeDecodeError):
            return None

    def keep_only(self, graphs: set[str]) -> None:
        if self._db is None:
            return
        gone = [g for (g,) in self._db.execute("SELECT graph FROM graphs") if g not in graphs]
        self._db.executemany("DELETE FROM graphs WHERE graph = ?", ((g,) for g in gone))



def _set_aside(path: Path) -> None:
    for suffix in ("", "-journal"):
        try:
            Path(f"{path}{suffix}").replace(Path(f"{path}{suffix}.damaged"))
        except OSError:
            pass


class MappedGraphs(MutableMapping):
    """Graph IRI -> N-Triples of a build: what was mapped now (in ``spool``, a loaders.spool.GraphSpool)
    and the file graphs kept from the map cache (read from it only when asked). Offers what the load
    reads of a spool: ``digest``, ``has_blanks``, ``chars``, ``runs``."""

    def __init__(self, spool: MutableMapping, cache: MapCache):
        self.spool, self.cache = spool, cache
        self._kept: dict[str, tuple[str, bool, int]] = {}

    def reuse_all(self, fingerprints: Mapping[str, str]) -> set[str]:
        """The graphs of ``fingerprints`` (graph -> fingerprint) kept as the cache has them: those mapped
        with that fingerprint (and not mapped now); the cache asked once (a batch of files)."""
        found = {g: entry for g, entry in self.cache.lookup(fingerprints).items() if g not in self.spool}
        self._kept.update(found)
        return set(found)

    def remember(self, graph: str, fingerprint: str) -> None:
        """Put the graph just mapped in the cache, under its fingerprint."""
        self.cache.put(graph, fingerprint, self.spool[graph])

    def put_encoded(self, graph: str, g: EncodedGraph, fingerprint: str | None = None) -> None:
        """Keep a graph mapped now (already encoded); in the cache too, under ``fingerprint``."""
        self._kept.pop(graph, None)
        if fingerprint is not None and g.packed is None:
            g = EncodedGraph.of(g.data, packed=True)
        self.spool.put_bytes(graph, g.data, g.digest, g.blanks, g.packed)
        if fingerprint is not None:
            self.cache.put_packed(graph, fingerprint, g)

    @property
    def kept(self) -> int:
        return len(self._kept)

    def __getitem__(self, graph: str) -> str:
        if graph in self._kept:
            text = self.cache.text(graph)
            if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != self._kept[graph][0]:
                raise KeyError(f"{graph}: its text in the map cache {self.cache.path} is damaged; "
                               f"delete that file and build again")
            return text
        return self.spool[graph]

    def __setitem__(self, graph: str, text: str) -> None:
        self._kept.pop(graph, None)
        self.spool[graph] = text

    def __delitem__(self, graph: str) -> None:
        if graph in self._kept:
            del self._kept[graph]
        else:
            del self.spool[graph]

    def __iter__(self) -> Iterator[str]:
        yield from self.spool
        yield from (g for g in self._kept if g not in self.spool)

    def __len__(self) -> int:
        return len(self.spool) + sum(g not in self.spool for g in self._kept)

    def __contains__(self, graph) -> bool:
        return graph in self._kept or graph in self.spool

    def digest(self, graph: str) -> str:
        return self._kept[graph][0] if graph in self._kept else self.spool.digest(graph)

    def has_blanks(self, graph: str) -> bool:
        return self._kept[graph][1] if graph in self._kept else self.spool.has_blanks(graph)

    def chars(self, graph: str) -> int:
        return self._kept[graph][2] if graph in self._kept else self.spool.chars(graph)

    def packed(self, graph: str) -> bytes | None:
        """A graph mapped now as its worker compressed it (GraphSpool.packed); None for one kept."""
        return None if graph in self._kept or not hasattr(self.spool, "packed") else self.spool.packed(graph)

    def runs(self, graph: str, size: int) -> Iterator[bytes]:
        """The graph's N-Triples in runs of whole lines (store._runs): a mapped graph from the spool a
        piece at a time (the text-reuse graph is 245 MB at 10k); a kept file graph is small: whole."""
        if graph not in self._kept and hasattr(self.spool, "runs"):
            yield from self.spool.runs(graph, size)
        else:
            yield self[graph].encode("utf-8")
