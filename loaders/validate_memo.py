"""The per-file SHACL results of the last build, kept next to the store, so that a build that changes
some files checks only what the change can reach (issue 15: adding 1,000 files to a built store).

What a per-file check (loaders.validate: run per batch of files) reports about a focus node is
decided by the graph of one file and the shared graphs (corpus graph, ontology, code lists): that is
what decides it is checked per file (shacl_sparql.corpus_wide), and tests/test_stream.py holds it.
So a file's results can be kept while (1) the shapes and the checks are the same (``version``),
(2) its graph is the same (its content hash), (3) no other file checked with it in a batch shared a
focus node with a file that changed or went (a result is recorded under every file of its batch that
has its focus node as a subject: re-checking all of them leaves nothing stale), and (4) no change of
the shared graphs can reach its focus nodes. For (4): every triple a check matches lies on a chain of
at most ``hops`` triples from the focus node (shacl_sparql.reach, from the parsed query); along the
chain to the first changed triple, the triples are unchanged and either in the file or in the shared
graphs; so the last node of that chain that the file mentions is reached from an end of a changed
shared triple by at most ``hops - 1`` steps back along unchanged shared triples (``affected``). A
file that mentions none of those nodes keeps its results; where some check cannot be bounded, a
change of the shared graphs re-checks every file. The same bound holds for the per-file checks of
the shared graphs' own nodes (the corpus graph's bodies and units: their chains lie in the shared
graphs): only the nodes ``affected`` finds are checked again, the results about the others kept
(``shared_results``; at 10,000 + 1,000 documents 1,881 of ~63,000 shared lines were checked). The corpus-wide checks keep their results too,
with what they need to bound the next run (loaders.validate_scope): per file graph the lines of the
predicates they read, and each check's results; all of it written in one transaction.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from loaders.shacl_sparql import Reach

log = logging.getLogger(__name__)

MEMO_FILE = "validation-memo.sqlite"
FORMAT = "2"  # bump when what is stored, or how the checks run, changes

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v BLOB);
CREATE TABLE IF NOT EXISTS shared (graph TEXT PRIMARY KEY, digest TEXT, text BLOB);
CREATE TABLE IF NOT EXISTS files (graph TEXT PRIMARY KEY, digest TEXT, terms BLOB, results BLOB);
CREATE TABLE IF NOT EXISTS wide_lines (graph TEXT PRIMARY KEY, lines BLOB);
CREATE TABLE IF NOT EXISTS wide (check_key TEXT PRIMARY KEY, results BLOB);
CREATE TABLE IF NOT EXISTS staged_lines (graph TEXT PRIMARY KEY, lines BLOB);
"""


def term_hashes(text: str) -> bytes:
    """The CRC-32 of every subject and object of an N-Triples text, sorted, as bytes (a file's
    mentions: a collision only re-checks a file for nothing)."""
    terms = set()  # each distinct term hashed once (a subject has a line a property)
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3:
            terms.add(parts[0])
            terms.add(object_term(parts[2]))
    return hashed_terms(terms)


def hashed_terms(terms: Iterable[str]) -> bytes:
    """term_hashes' bytes of distinct terms."""
    return array("I", sorted({zlib.crc32(t.encode()) for t in terms})).tobytes()


def object_term(rest: str) -> str:
    """An N-Triples line's object from what follows its predicate ("o ." -> "o"); shared with validate_scope."""
    return rest.rstrip()[:-1].rstrip()  # "o ." -> "o"


def ntriples_lines(text: str) -> Iterable[tuple[str, str, str]]:
    """(subject, predicate IRI, object) of each line of an N-Triples text, terms as written."""
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3:
            yield parts[0], parts[1][1:-1], object_term(parts[2])


BOUNDS_KEPT = 16  # the checks' bounds of this many code versions kept in the user's cache (user_bounds)


def user_bounds(version: str, compute):
    """``compute()`` kept in the user's cache (paths.user_cache) under ``version`` and the code's
    (cache.code_version: the parser of the checks is code too): a first build, whose store has no memo
    yet, does not parse the ~220 checks again (~2.8 CPU s of rdflib's parser, before the per-batch
    pass can start). A cache that cannot be read or written costs that time, not results."""
    import rdflib

    from loaders.cache import code_version
    from loaders.paths import user_cache

    key = hashlib.sha256(f"{FORMAT}\n{version}\n{code_version()}\n{rdflib.__version__}".encode()).hexdigest()
    path = user_cache("validation") / f"bounds-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    found = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}")
        part.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, path)
        # one file a code version: the oldest go (a checkout's next edit makes another)
        for old in sorted(path.parent.glob("bounds-*.pickle"), key=lambda f: f.stat().st_mtime)[:-BOUNDS_KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return found


def changed_lines(old: Iterable[str], new: Iterable[str]) -> set[str]:
    """The lines of the N-Triples texts ``old`` or of ``new``, not of both: the triples a change added
    or removed (a triple in both is held before and after, wherever it moved among the texts)."""
    return {line for text in old for line in text.splitlines()} ^ {line for text in new for line in text.splitlines()}


def affected(old: Mapping[str, str], new: Mapping[str, str], reach: Reach) -> set[str]:
    """The nodes (N-Triples terms) through which a change from the shared graphs ``old`` to ``new``
    can reach a file's focus node (see the module's docstring): the near ends of the changed triples,
    then ``reach.hops - 1`` steps back along the triples of ``new`` (each line of ``new`` parsed once,
    into an index of the steps its predicate allows, only when a step is walked)."""
    def near(p: str, side: str) -> bool:
        return (p, side) in reach.near or (None, side) in reach.near

    old_lines = {line for text in old.values() for line in text.splitlines()}
    new_lines = {line for text in new.values() for line in text.splitlines()}
    nodes = set()
    for s, p, o in ntriples_lines("\n".join(old_lines ^ new_lines)):
        if near(p, "s"):
            nodes.add(s)
        if near(p, "o"):
            nodes.add(o)
    frontier = set(nodes)
    steps: dict[str, list[str]] | None = None  # node -> the nodes one step back from it
    for _ in range(reach.hops - 1):
        if not frontier:
            break
        steps = _steps(new_lines, near) if steps is None else steps
        step = {x for n in frontier for x in steps.get(n, ()) if x not in nodes}
        nodes |= step
        frontier = step
    return nodes


def _steps(lines: Iterable[str], near) -> dict[str, list[str]]:
    """node -> the nodes one step back from it along ``lines``: the subject of a triple whose object
    it is (its predicate near on the subject's side), the object of one whose subject it is (near on
    the object's side). The predicates' answers asked once each, not once a line."""
    sides: dict[str, tuple[bool, bool]] = {}
    steps: dict[str, list[str]] = {}
    for s, p, o in ntriples_lines("\n".join(lines)):
        both = sides.get(p)
        if both is None:
            both = sides[p] = (near(p, "s"), near(p, "o"))
        if both[0]:
            steps.setdefault(o, []).append(s)
        if both[1]:
            steps.setdefault(s, []).append(o)
    return steps


@dataclass(frozen=True)
class Plan:
    """What to check again: ``dirty`` file graphs (changed, new, or reached by a change); the results
    kept from the others; why (for the report and the tests)."""
    dirty: frozenset
    kept: frozenset          # ValidationResult without location
    reason: str
    # the nodes a change of the shared graphs reaches (affected): none when they did not change, None
    # when not known (first build, or unbounded): the shared graphs' own nodes are checked again there
    reached: frozenset | None = None


class ValidationMemo:
    """The sqlite file of per-file results: ``plan`` what to check, ``record`` what was checked."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)
            self.db.execute("SELECT count(*) FROM files").fetchone()
        except sqlite3.DatabaseError as e:  # damaged: forget it, everything is checked again
            log.warning("%s is not a validation memo (%s): deleted, every file is checked again", self.path, e)
            self.db.close()
            self.path.unlink(missing_ok=True)
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def version(self) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        return row[0] if row else None

    def plan(self, version: str, digests: Mapping[str, str], shared: Mapping[str, str],
             reach: Reach | None) -> Plan:
        """Which of the graphs ``digests`` (graph -> content hash) to check, given the ``shared``
        graphs now and the Reach of the per-file checks (None: unbounded)."""
        if self.version() != version:
            return Plan(frozenset(digests), frozenset(), "first build, or the shapes or checks changed")
        old = {g: (d, t, r) for g, d, t, r in self.db.execute("SELECT graph, digest, terms, results FROM files")}
        dirty = {g for g in digests if g not in old or old[g][0] != digests[g]}
        gone = set(old) - set(digests)
        reason = f"{len(dirty)} changed or new, {len(gone)} gone"
        old_shared = self.shared_texts()
        reached_nodes = frozenset()
        if old_shared != dict(shared):
            if reach is None:
                return Plan(frozenset(digests), frozenset(), "the shared graphs changed and a per-file check has no bound")
            reached_nodes = frozenset(affected(old_shared, shared, reach))
            nodes = {zlib.crc32(n.encode()) for n in reached_nodes}
            reached = {g for g in digests if g not in dirty and nodes.intersection(array("I", old[g][1]))}
            dirty |= reached
            reason += f", {len(reached)} reached by a change of the shared graphs (hops {reach.hops})"
        results = {g: pickle.loads(old[g][2]) for g in digests if g not in dirty}
        moving = dirty | gone
        while True:  # a result is re-checked with every file of its batch that has its focus node
            more = {g for g, found in results.items() for _, graphs in found if moving.intersection(graphs)}
            if not more:
                break
            dirty |= more
            moving |= more
            results = {g: found for g, found in results.items() if g not in more}
        kept = frozenset(r for found in results.values() for r, _ in found)
        return Plan(frozenset(dirty), kept, reason, reached_nodes)

    def bounds(self, version: str, compute):
        """``compute()`` (the parsed checks' bounds: what reach and scope_of read from each query),
        remembered under ``version`` (the checks' texts): a build does not parse the checks again."""
        row = self.db.execute("SELECT v FROM meta WHERE k = 'bounds'").fetchone()
        if row is not None:
            kept_version, found = pickle.loads(row[0])
            if kept_version == version:
                return found
        found = user_bounds(version, compute)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('bounds', ?)",
                            (pickle.dumps((version, found), protocol=pickle.HIGHEST_PROTOCOL),))
        return found

    def digests(self, version: str) -> dict[str, str]:
        """graph -> content hash of the graphs recorded under ``version`` (none under another)."""
        if self.version() != version:
            return {}
        return dict(self.db.execute("SELECT graph, digest FROM files"))

    def shared_texts(self) -> dict[str, str]:
        return {g: zlib.decompress(t).decode() for g, t in self.db.execute("SELECT graph, text FROM shared")}

    def wide_lines(self, graphs: Iterable[str]) -> dict[str, str] | None:
        """graph -> the lines kept of it for the corpus-wide checks; None if one has none."""
        return self._lines("wide_lines", graphs)

    def _lines(self, table: str, graphs: Iterable[str]) -> dict[str, str] | None:
        found = {}
        for g in graphs:
            row = self.db.execute(f"SELECT lines FROM {table} WHERE graph = ?", (g,)).fetchone()
            if row is None:
                return None
            found[g] = zlib.decompress(row[0]).decode()
        return found

    def clear_staged(self) -> None:
        """Forget the lines staged by a build that did not finish."""
        with self.db:
            self.db.execute("DELETE FROM staged_lines")

    def stage_lines(self, lines: Mapping[str, bytes]) -> None:
        """Keep the lines (kept_lines, zlib) of the graphs checked now on disk until ``record`` makes
        them the graphs' lines: a build does not hold them all (230 MB at 100,000 files)."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO staged_lines VALUES (?, ?)", list(lines.items()))

    def staged_lines(self, graphs: Iterable[str]) -> dict[str, str] | None:
        """graph -> the lines staged for it by this build; None if one has none."""
        return self._lines("staged_lines", graphs)

    def terms(self, graphs: Iterable[str]) -> dict[str, bytes]:
        """graph -> the term hashes (term_hashes) recorded of each of ``graphs`` (those recorded)."""
        found = {}
        for g in graphs:
            row = self.db.execute("SELECT terms FROM files WHERE graph = ?", (g,)).fetchone()
            if row is not None:
                found[g] = row[0]
        return found

    def located(self, version: str) -> dict | None:
        """result without location -> (source file, document) as the last build located it (None:
        not recorded under ``version``)."""
        row = self.db.execute("SELECT v FROM meta WHERE k = 'located'").fetchone()
        if row is None or self.version() != version:
            return None
        return pickle.loads(zlib.decompress(row[0]))

    def shared_results(self, version: str) -> list | None:
        """The results of the per-file checks on the shared graphs' own nodes in the last build (None:
        not recorded under ``version``)."""
        row = self.db.execute("SELECT v FROM meta WHERE k = 'shared_results'").fetchone()
        if row is None or self.version() != version:
            return None
        return pickle.loads(row[0])

    def wide_results(self, version: str) -> dict[str, list] | None:
        """check key -> the results of the corpus-wide checks of the last build (None: other version)."""
        if self.version() != version:
            return None
        return {k: pickle.loads(r) for k, r in self.db.execute("SELECT check_key, results FROM wide")}

    def record(self, version: str, checked: Mapping[str, tuple[str, bytes, list]], present: Iterable[str],
               shared: Mapping[str, str], wide: Mapping[str, list] | None = None,
               lines: Mapping[str, bytes] | None = None, located: Mapping | None = None,
               shared_results: list | None = None) -> None:
        """``checked``: graph -> (digest, term hashes, [(result, graphs of its focus node)]) of the
        graphs checked now; graphs not in ``present`` are forgotten. ``wide``: check key -> results
        of every corpus-wide check; ``lines``: graph -> its lines kept for them (zlib), of the graphs
        checked now; ``located``: each result (without location) -> (source file, document);
        ``shared_results``: those of the per-file checks on the shared graphs' own nodes."""
        with self.db:
            if shared_results is None:
                self.db.execute("DELETE FROM meta WHERE k = 'shared_results'")
            else:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('shared_results', ?)",
                                (pickle.dumps(list(shared_results), protocol=pickle.HIGHEST_PROTOCOL),))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('located', ?)",
                            (zlib.compress(pickle.dumps(dict(located or {}), protocol=pickle.HIGHEST_PROTOCOL), 1),))
            if self.version() != version:
                self.db.execute("DELETE FROM files")
                self.db.execute("DELETE FROM wide_lines")
            self.db.execute("DELETE FROM wide")
            if wide is not None:
                self.db.executemany("INSERT INTO wide VALUES (?, ?)",
                                    [(k, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for k, r in wide.items()])
            self.db.execute("INSERT OR REPLACE INTO wide_lines SELECT graph, lines FROM staged_lines")
            self.db.execute("DELETE FROM staged_lines")
            self.db.executemany("INSERT OR REPLACE INTO wide_lines VALUES (?, ?)", list((lines or {}).items()))
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                                [(g, d, t, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
                                 for g, (d, t, r) in checked.items()])
            keep = set(present)
            stale = [g for (g,) in self.db.execute("SELECT graph FROM files") if g not in keep]
            self.db.executemany("DELETE FROM files WHERE graph = ?", [(g,) for g in stale])
            self.db.executemany("DELETE FROM wide_lines WHERE graph = ?", [(g,) for g in stale])
            self.db.execute("DELETE FROM shared")
            self.db.executemany("INSERT INTO shared VALUES (?, ?, ?)",
                                [(g, hashlib.sha256(t.encode()).hexdigest(), zlib.compress(t.encode(), 1))
                                 for g, t in shared.items()])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
