"""A folder of documents -> a validated graph in the store, and a report on every file.

Stages (timed, in the report): lock the store -> read + extract every file (a process pool when
there are many; a file whose bytes the extraction cache in the store folder knows is only hashed,
loaders.cache) -> resolve (corpus-wide) and map a batch of files at a time into a file on disk
(to_rdf.map_corpus into a loaders.spool.GraphSpool; a file whose mapping inputs did not change keeps
its graph from the map cache, to_rdf.file_fingerprint; resolution starts from the body names the last
build resolved, a memo in the map cache: resolved; beside it a worker process computes text reuse's
shingles, MinHashes and candidate pairs, then, the citations resolved, the pairs they link, into the
reuse cache: _reuse_ahead; the reuse stage then writes the reuse graphs from it) -> load the graphs
that changed (store.sync_graphs, streamed from that file; a first build's full load begins beside the
reuse stage, which is one core's: the file graphs in a thread, store.FullLoad, _load_ahead; the report's
load CPU includes that thread's, its wall there is the load's ahead seconds) -> validate (SHACL, fast path by default: per batch of
files in memory, then the corpus-wide checks as SPARQL on the store, validate.BatchChecks; the
per-batch checks read the spool, not the store: they start once the files are mapped, in a process of
their own beside the reuse stage and the load, the file graphs' batches first, the text-reuse graphs'
once written, _checks_ahead, checks_rest) -> write the reports next to the store. The report's stage
"validate" is timed in three parts, its start before the reuse stage, the rest of its batches given
before the load, and the rest after the load (wall: the three added, the stages between not
included); its CPU includes the checking process's, counted when it ends. Memory grows with the batch, not the corpus, except for the slim records that resolution needs (resolve.slim_record, 2.1 KB a document at 10k; whole records, 12.9 KB,
are read back from the extraction cache a batch at a time to map: whole_records) and the resolution
(about 2.4 KB a document). Peak PSS of the process tree at 10k: read 178 MB, map 351, reuse 416; the
whole build's peak: 0.94 GB (bench/results/latest.md; bench/memory_profile.py gives each stage's).

Nothing a document does stops the build: a file that cannot be read is set aside with its reason;
``BuildError`` / ``StoreError`` are for the build itself (no corpus folder, store locked or unwritable).

Test hook (real code, used by the kill tests): with ``DIRECTIVE_KG_PAUSE_AT=STAGE`` in the
environment the build writes "paused at STAGE" to stderr and sleeps ``DIRECTIVE_KG_PAUSE_SECONDS``
(default 60) when it reaches STAGE: locked, extracted, mapped, cleared, loading (halfway through a
bulk load), loaded, graph-written (after the first graph of an incremental load), merging (the
incremental load's step on the merged graph), validated, reported.
With ``DIRECTIVE_KG_WORKER_CRASH_AT=PATH`` (PATH relative to the corpus) the worker process that reads
that file kills itself, as the out-of-memory killer would (loaders.workers; only with >= 64 files).
With ``DIRECTIVE_KG_STAGE_LOG=FILE`` each stage's start and end go to FILE (bench/memory_profile.py).
"""
from __future__ import annotations

import gc
import json
import os
import resource
import signal
import stat
import sys
import threading
import time
import unicodedata
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox
from tqdm import tqdm

from loaders import identity as ids, workers
from loaders.cache import (CACHE_FILE, MAP_CACHE_FILE, SLIM_CHUNK, CachedRecords, CachedTexts, CacheRow, ExtractCache,
                           MapCache, MappedGraphs, SlimEntry, keep_slims, kept_slims, stat_key)
from loaders.paths import DOCUMENTS, ONTOLOGY
from loaders.read import SetAside, corpus_root, discover, read_document
from loaders.resolve import LoadedDocument, Resolution, known_bodies, learn_bodies, resolve, slim_record
from loaders.spool import GraphSpool, file_batches, is_file_graph
from loaders.store import (DKG, FullLoad, KGStore, SyncResult, documents_of_files, export, full_load_certain,
                           mark_unfinished, open_store, sync_graphs, write_build_metadata)
from loaders.to_rdf import Repeat, literal, map_corpus, map_workers
from loaders.validate import SHAPES, BatchChecks, GraphsOf, ValidationReport, validate
from loaders.workers import few_arenas, frozen, give_back_memory
from loaders.validate_memo import MEMO_FILE

# the listing tables are the query side's (they hold saved queries' rows): stage "tables"
from directive_kg.listings import set_aside, write_all_tables
from directive_kg.doc_tables import SPECS
from directive_kg.table_delta import Change, predicates
from directive_kg.listing_delta import specs as listing_specs

PAUSE_ENV, PAUSE_SECONDS_ENV = "DIRECTIVE_KG_PAUSE_AT", "DIRECTIVE_KG_PAUSE_SECONDS"
STAGE_LOG_ENV = "DIRECTIVE_KG_STAGE_LOG"  # a file: each stage's start and end (bench/memory_profile.py)
BATCH = 1000         # files mapped and validated together (see build's ``batch``)
SPOOL_FILE = "mapped.nt.part"  # the mapped graphs during a build (loaders.spool), deleted after
BODIES_MEMO = "resolve_body"  # the map cache's memo of resolve's body names (resolve.known_bodies)
POOL_MIN_FILES = 64   # below this, starting worker processes costs more than it saves
CACHE_COMMIT_EVERY = 500  # files extracted between commits of the extraction cache, and at least
CACHE_COMMIT_SECONDS = 5.0  # seconds: a commit waits for the disk (fsync), the workers meanwhile for this process
FILE_TIMEOUT = 60.0   # seconds of reading + extraction per file before it is set aside
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
BUILD_NODE = ids.BUILD_NODE

# Static graphs: Turtle files of the repository, by named graph (missing files are skipped).
STATIC_GRAPHS = {
    ids.ONTOLOGY_GRAPH: (ONTOLOGY / "directive.ttl", SHAPES),
    ids.REFERENCE_GRAPH: (ONTOLOGY / "codelists.ttl",),
}

__all__ = ["build", "BuildReport", "FileOutcome", "BuildError", "LOADER_VERSION"]


def _loader_version() -> str:
    try:
        return version("directive-kg")
    except PackageNotFoundError:
        return "0+unknown"


LOADER_VERSION = _loader_version()


class BuildError(RuntimeError):
    """The build itself cannot run (not a problem of one document)."""


@dataclass(frozen=True)
class FileOutcome:
    path: str                         # relative to the corpus folder
    status: str                       # "loaded" | "loaded with warnings" | "set aside"
    reason: str | None = None         # why it was set aside
    warnings: tuple[str, ...] = ()
    sha256: str | None = None
    document: str | None = None       # number as written, or the document IRI
    graph: str | None = None          # its named graph


@dataclass(frozen=True)
class BuildReport:
    corpus: str
    store: str
    files: tuple[FileOutcome, ...]
    counts: dict                      # to_rdf resolution stats (documents, citations, bodies, ...)
    validation: ValidationReport
    sync: SyncResult
    seconds: dict                     # stage -> seconds
    cpu_seconds: dict = field(default_factory=dict)  # stage -> CPU seconds (this process and its workers)
    from_cache: int = 0               # files whose record came from the extraction cache (not read again)
    graphs_kept: int = 0              # file graphs not mapped again (same inputs as before: the map cache)
    ahead: dict = field(default_factory=dict)  # stage -> wall seconds of its part run ahead (in a worker: reuse;
                                               # in a thread: load), beside the stages before it (its CPU is
                                               # in the stage's cpu_seconds)
    loader_version: str = LOADER_VERSION
    built_at: str = ""
    exported: str | None = None

    @property
    def files_given(self) -> int:
        return len(self.files)

    @property
    def documents_read(self) -> int:
        return sum(f.status != "set aside" for f in self.files)

    @property
    def set_aside(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.status == "set aside")

    def to_json(self) -> dict:
        v = self.validation
        return {
            "corpus": self.corpus, "store": self.store, "built_at": self.built_at,
            "loader_version": self.loader_version,
            "files_given": self.files_given, "documents_read": self.documents_read,
            "set_aside": len(self.set_aside), "from_extraction_cache": self.from_cache,
            "graphs_kept": self.graphs_kept, "counts": self.counts,
            "validation": {"engine": v.engine, "violations": v.violations, "warnings": v.warnings,
                           "infos": v.count("Info"), "fallback": list(v.fallback), "seconds": round(v.seconds, 3)},
            "store_changes": {"mode": self.sync.mode, "written": len(self.sync.written),
                              "removed": len(self.sync.removed), "unchanged": self.sync.unchanged,
                              "triples": self.sync.triples},
            "seconds": {k: round(s, 3) for k, s in self.seconds.items()},
            "cpu_seconds": {k: round(s, 3) for k, s in self.cpu_seconds.items()},
            "ahead_seconds": {k: round(s, 3) for k, s in self.ahead.items()},
            "exported": self.exported,
            "files": [{k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(f).items()} for f in self.files],
        }

    def summary(self) -> str:
        c, v, s = self.counts, self.validation, self.sync
        with_warnings = sum(f.status == "loaded with warnings" for f in self.files)
        reasons = Counter(f.reason for f in self.set_aside)
        lines = [
            f"Built the graph of {self.corpus} into {self.store} in {sum(self.seconds.values()):.1f} s",
            f"  files given              {self.files_given}",
            f"  documents read           {self.documents_read}  ({with_warnings} with warnings; "
            f"{self.from_cache} unchanged, taken from the extraction cache)",
            f"  set aside                {len(self.set_aside)}"
            + "".join(f"\n    {n} x {reason}" for reason, n in sorted(reasons.items(), key=lambda i: (-i[1], i[0]))),
            f"  copies (sao lục)         {c.get('copies', 0)}",
            f"  known only by citation   {c.get('documents_cited_only', 0)}",
            f"  citations                {c.get('citations', 0)}  (explicit {c.get('citations_explicit', 0)}, "
            f"implicit {c.get('citations_implicit', 0)}; resolved {c.get('citations_resolved', 0)}, of which "
            f"inferred {c.get('citations_inferred', 0)}; unresolved {c.get('citations_unresolved', 0)})",
            f"  assignments              {c.get('assignments', 0)}",
            f"  bodies                   {c.get('bodies', 0)}  (+ {c.get('body_groups', 0)} classes of bodies)",
            f"  SHACL ({v.engine})".ljust(27) + f"{v.violations} violations, {v.warnings} warnings, {v.count('Info')} notes",
        ]
        lines += [f"    validated by pySHACL: {note}" for note in v.fallback]
        lines += [
            f"  store                    {s.mode}: {len(s.written)} graphs written, {len(s.removed)} removed, "
            f"{s.unchanged} unchanged; {s.triples} triples",
            "  time                     " + ", ".join(f"{k} {t:.2f} s" for k, t in self.seconds.items()),
        ]
        if self.exported:
            lines.append(f"  exported                 {self.exported}")
        return "\n".join(lines) + "\n"

    def to_text(self) -> str:
        """The summary, then every file: loaded / loaded with warnings (each warning) / set aside (why)."""
        lines = [self.summary(), "Files:"]
        for f in self.files:
            what = f" -> {f.document}" if f.document else ""
            lines.append(f"  {f.status.upper():21} {f.path}{what}" + (f": {f.reason}" if f.reason else ""))
            lines += [f"      warning: {w}" for w in f.warnings]
        return "\n".join(lines) + "\n"


# --- the build ---------------------------------------------------------------------------------

def build(corpus_dir: str | os.PathLike = DOCUMENTS, store_path: str | os.PathLike | None = None, *,
          engine: str = "fast", wait: float = 0.0, jobs: int | None = None,
          export_to: str | os.PathLike | None = None, progress: bool | None = None,
          file_timeout: float = FILE_TIMEOUT, reuse: bool = True, ocr: str = "auto",
          batch: int = BATCH) -> BuildReport:
    """Build (or update) the graph of ``corpus_dir`` in the store at ``store_path``.

    Raises BuildError / StoreError only when the build itself cannot run; every file's fate is in
    the returned report (and in build-report.json/.txt next to the store). A file whose reading and
    extraction take more than ``file_timeout`` seconds is set aside (a parser that hangs on one
    document must not hang the build). ``ocr``: auto | always | never, for scanned PDFs and page
    images (loaders.read); OCR'd text is cached in ``ocr-cache/`` in the store folder. ``batch``:
    files mapped and validated together (memory grows with it, not with the corpus). ``jobs``: worker
    processes that read (default: the cores); 1: none, and no process beside the stages either (text
    reuse's worker during the mapping, the SHACL checks' process during the load): the least memory
    (one process at a time), the longest wall time; the same store and reports.
    """
    corpus = Path(corpus_dir)
    if not corpus.exists():
        raise BuildError(f"corpus folder {corpus} does not exist")
    if engine not in ("fast", "pyshacl"):
        raise BuildError(f"unknown SHACL engine {engine!r}: use fast or pyshacl")
    show = _Progress(sys.stderr.isatty() if progress is None else progress)
    clock = _Clock()
    few_arenas()
    with open_store(store_path, read_only=False, wait=wait) as kg:
        mark_unfinished(kg.store)
        last_tables = set_aside(kg.path, kg.store)  # before any change: a build stopped halfway leaves no table of the old state
        _pause("locked")
        built_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        ocr_cache = kg.path / "ocr-cache"
        with clock("read"):
            outcomes, loaded, from_cache = read_stage(corpus, kg.path, jobs, show, file_timeout, (ocr, str(ocr_cache)))
            _release()
        _pause("extracted")
        # The mapped graphs go to a file (loaders.spool), not memory: load and validation read them
        # a batch at a time. Beside the mapping, a worker computes what text reuse needs of the texts
        # and then of the citations resolved (_reuse_ahead); the reuse stage finds it in the reuse cache.
        # jobs 1: no process beside this one's stages (memory short): text reuse all in its stage, the
        # per-batch checks after the load, here
        side_processes = jobs != 1
        with _reuse_ahead(corpus, outcomes, kg.path, (ocr, str(ocr_cache)), reuse and side_processes) as ahead, \
                GraphSpool(kg.path / SPOOL_FILE) as spool, MapCache(kg.path / MAP_CACHE_FILE) as map_cache:
            graphs = MappedGraphs(spool, map_cache)
            # the map's workers import while this process resolves
            with clock("map"), show.step("resolving and mapping"), _uncollected(), map_workers(len(loaded)) as mappers:
                resolution = resolved(loaded, map_cache)  # slim records: whole ones come back from the cache a batch at a time
                if isinstance(ahead, workers.Ahead):
                    ahead.then(_warm_task(corpus, outcomes, kg.path, (ocr, str(ocr_cache)), _cited_files(loaded, resolution)))
                full = whole_records(corpus, kg.path / CACHE_FILE, (ocr, str(ocr_cache)), file_timeout)
                repeats = map_corpus(loaded, resolution, graphs, batch, full=full, pool=mappers)  # empties ``loaded`` as it goes
                stats = resolution.stats
                del loaded, resolution
                outcomes = _with_repeats(outcomes, repeats)
                kept = graphs.kept
                graphs.update(_static_graphs())
                del full
                _release()
            beside: dict = {}
            # beside the reuse stage, one core's: a first build's load of the file graphs (_load_ahead) and
            # the per-batch checks of the file graphs (_checks_ahead; the other graphs' follow, checks_rest)
            with _load_ahead(kg, graphs, clock, side_processes and reuse) as begun, \
                    _checks_ahead(kg, graphs, engine, batch, clock, side_processes) as checking:
                if reuse:  # text reuse between the loaded files (loaders.reuse_graph), a graph a file
                    with clock("reuse"), show.bar("finding text reuse", "pair") as bar, frozen():
                        from loaders.reuse_graph import reuse_graphs
                        beside = _collect(ahead)  # its CPU seconds count here
                        texts = _texts(corpus, outcomes, kg.path / CACHE_FILE, (ocr, str(ocr_cache)))
                        # into the spool; a graph the map cache has under the same fingerprint is kept from it
                        reuse_graphs(corpus, outcomes, graphs, kg.path, ocr=(ocr, str(ocr_cache)),
                                     progress=bar.hook, texts=texts, into=graphs, stamp=built_at)
                        del texts
                    _release()
                map_cache.keep_only(set(graphs))  # after reuse: it keeps the reuse graphs too
                map_cache.commit()
                _pause("mapped")
                with clock("validate"):
                    checks_rest(checking, graphs, batch)
                clock.rejoin()  # a load begun beside the reuse stage (_load_ahead): what it spent so far
                with clock("load"), show.bar("loading the store", "graph") as bar:
                    sync = sync_graphs(kg.store, graphs, pause=_pause, stamp=built_at, progress=bar.hook, begun=begun)
            _release()
            with clock("validate"), show.bar("validating (SHACL)", "check") as bar, frozen():
                validation = _validate(kg, checking, engine, bar.hook, (sync.merged_changes, sync.since), graphs, batch)
            del checking, graphs  # the report and the tables read the store: what validation held goes
        _release()
        _pause("validated")
        with clock("report"):
            outcomes = _with_documents(outcomes, kg)
            report = BuildReport(_shown(corpus), _shown(kg.path), tuple(outcomes), stats.as_dict(),
                                 validation, sync, {}, built_at=built_at, from_cache=from_cache,
                                 graphs_kept=kept)
            _write(kg.path / "validation.ttl", validation.to_turtle())
            _write(kg.path / "validation.txt", validation.to_text())
            write_build_metadata(kg.store, BUILD_NODE, _build_triples(report))
        with clock("tables"), show.step("writing the listing tables"):
            # stamped with this build; the listings and the rows per document of the tree questions, in one
            # pool of threads, with one Change (their walks share steps: Change.seen); an add computes the
            # rows of the documents it reaches
            write_all_tables(kg.store, kg.path, jobs, Change(last_tables, validation.delta))
        if export_to is not None:
            with clock("export"), show.step(f"exporting {export_to}"):
                export(kg.store, export_to)
        report = replace(report, seconds=clock.ordered(clock.seconds), cpu_seconds=clock.ordered(clock.cpu),
                         ahead={**({"reuse": beside["seconds"]} if "seconds" in beside else {}), **clock.ahead},
                         exported=str(export_to) if export_to else None)
        _write(kg.path / "build-report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
        _write(kg.path / "build-report.txt", report.to_text())
        _pause("reported")
    return report


def resolved(loaded: Sequence[LoadedDocument], map_cache: MapCache) -> Resolution:
    """resolve(loaded), starting from the body names an earlier build resolved (the map cache's memo,
    tied to the code version), which it then keeps for the next build."""
    learn_bodies(map_cache.memo(BODIES_MEMO))
    resolution = resolve(loaded)
    map_cache.put_memo(BODIES_MEMO, known_bodies(forget=True))
    return resolution


def read_stage(corpus: Path, store: Path, jobs: int | None, show: "_Progress", timeout: float, ocr: tuple[str, str]
               ) -> tuple[list[FileOutcome], list[LoadedDocument], int]:
    """The read stage: every file read (_read_all) with the extraction cache of the ``store`` folder, which
    then forgets the files no longer there; the slim records kept for the next build (keep_slims). The
    outcomes, the loaded files, and how many came from the cache."""
    with _uncollected():  # the slims kept too: a collection then would walk every record of the corpus
        with ExtractCache(store / CACHE_FILE) as cache:
            outcomes, loaded = _read_all(corpus, jobs, show, timeout, ocr, cache)
            cache.keep_only({(d.sha256, ocr[0]) for d in loaded})
            from_cache, cached, kept = cache.hits, cache.alive, cache.kept
        if cached:  # the cache committed and closed: what the next build takes instead of asking it a file at a time
            keep_slims(store / CACHE_FILE, ocr[0], slim_entries(outcomes, loaded), kept)  # what changed, appended
    return outcomes, loaded, from_cache


def slim_entries(outcomes: Sequence[FileOutcome], loaded: Sequence[LoadedDocument]) -> dict[str, SlimEntry]:
    """sha256 -> (slim record, the whole record's warnings, its digest) of the files read, for keep_slims:
    the first file of each content (a later one with the same bytes has a warning of its own, _account);
    those kept slim only (a whole record: the cache could not take it)."""
    warnings = {o.path: o.warnings for o in outcomes}
    entries: dict[str, SlimEntry] = {}
    for ld in loaded:
        if ld.slim and ld.digest and ld.sha256 not in entries:
            entries[ld.sha256] = (ld.record, warnings[ld.path], ld.digest)
    return entries


def whole_records(corpus: Path, cache: Path, ocr: tuple[str, str], timeout: float = FILE_TIMEOUT) -> "WholeRecords":
    """to_rdf.map_corpus's ``full``: a slim loaded file -> the same with its whole record, from the
    extraction cache (the file is read again if its row cannot be read back)."""
    return WholeRecords(CachedRecords(cache, ocr[0]), str(corpus_root(corpus)), str(cache), ocr, timeout)


@dataclass(frozen=True)
class WholeRecords:
    """whole_records' function: picklable (a map worker process reads the records it maps)."""
    records: CachedRecords
    root: str
    cache: str
    ocr: tuple[str, str]
    timeout: float

    def __call__(self, ld: LoadedDocument) -> LoadedDocument:
        if not ld.slim:
            return ld
        record = self.records.get(ld.sha256, ld.path)
        if record is None:
            outcome, doc = _read_one((str(Path(self.root) / ld.path), ld.path, self.timeout, *self.ocr))
            if doc is None or doc.sha256 != ld.sha256:
                raise BuildError(f"{ld.path}: its record is gone from the extraction cache {self.cache} and the file "
                                 f"changed or cannot be read again ({outcome.reason or 'other bytes'})")
            record = doc.record
        return replace(ld, record=record, slim=False)


def _reuse_ahead(corpus: Path, outcomes: Sequence[FileOutcome], store: Path, ocr: tuple[str, str], reuse: bool
                 ) -> workers.Ahead | nullcontext:
    """The reuse cache warmed in a worker process (reuse_graph.warm_cache) while this process maps: from
    the texts first (the shingles, MinHashes and candidate pairs beside the resolution, which is one
    core's), then with the pairs of files the citations link (Ahead.then, _warm_task). Nothing without
    reuse, or with fewer than POOL_MIN_FILES files (not worth a process)."""
    if not reuse or sum(o.status != "set aside" and bool(o.sha256) for o in outcomes) < POOL_MIN_FILES:
        return nullcontext()
    return workers.Ahead("loaders.build:_warm_reuse", _warm_task(corpus, outcomes, store, ocr, None))


def _warm_task(corpus: Path, outcomes: Sequence[FileOutcome], store: Path, ocr: tuple[str, str],
               linked: list[tuple[str, str]] | None) -> tuple:
    """A task of _warm_reuse: the texts before the citations are resolved (``linked`` None), or with them."""
    loaded = [FileOutcome(o.path, o.status, sha256=o.sha256) for o in outcomes if o.status != "set aside" and o.sha256]
    return str(corpus), loaded, str(store), ocr, linked


_WARM_STARTED: list[float] = []  # in the worker of _reuse_ahead: when its first task started


def _warm_reuse(task: tuple) -> dict:
    """In the worker of _reuse_ahead: its stats, and its seconds since its first task started."""
    from loaders.reuse_graph import warm_cache

    corpus, outcomes, store, ocr, linked = task
    if not _WARM_STARTED:
        _WARM_STARTED.append(time.perf_counter())
    stats = warm_cache(_texts(Path(corpus), outcomes, Path(store) / CACHE_FILE, ocr), Path(store), linked or (),
                       last=linked is not None)
    return {**stats, "seconds": time.perf_counter() - _WARM_STARTED[0]}


def _cited_files(loaded: Sequence[LoadedDocument], resolution: Resolution) -> list[tuple[str, str]]:
    """Pairs of files (sha256) whose documents a citation links, as the mapping will write them (a
    dkg:cites edge a citation, read back by reuse_graph.documents_and_edges): what the reuse worker
    aligns as linked before the graphs are mapped (a pair guessed wrong is only aligned again)."""
    file_of = {rd.iri: ld.sha256 for ld, rd in zip(loaded, resolution.documents)}
    return sorted({(file_of[c.citing], file_of[c.target]) for rd in resolution.documents for c in rd.citations
                   if c.citing in file_of and c.target in file_of})


def _collect(ahead: workers.Ahead | None) -> dict:
    """What the worker ahead reported ({} when none ran or it failed: the reuse stage does it all)."""
    answer = ahead.result() if isinstance(ahead, workers.Ahead) else None
    return answer if isinstance(answer, dict) else {}


def _texts(corpus: Path, outcomes: Sequence[FileOutcome], cache: Path, ocr: tuple[str, str]) -> CachedTexts:
    """sha256 -> text of every loaded file, from the extraction cache (a file missing there is read again)."""
    root = corpus_root(corpus)
    path_of = {o.sha256: o.path for o in reversed(outcomes) if o.status != "set aside" and o.sha256}

    def read(sha: str) -> str | None:
        doc = read_document(str(root / path_of[sha]), ocr=ocr[0], ocr_cache=ocr[1])
        return "" if isinstance(doc, SetAside) else doc.text  # gone since it was read: no passages
    return CachedTexts(cache, ocr[0], [o.sha256 for o in outcomes if o.status != "set aside" and o.sha256], read)


def validation_batches(graphs: Iterable[str], shared: Mapping[str, str], batch: int) -> list[list[str]]:
    """The graph names validated together: the file graphs ``batch`` at a time, then the other
    graphs (text reuse: a graph a file) ``batch`` at a time (bench/validate_profile.py reads it too)."""
    others = sorted(g for g in graphs if g not in shared and not is_file_graph(g))
    return [*file_batches(graphs, batch), *(others[i:i + batch] for i in range(0, len(others), batch))]


@contextmanager
def _load_ahead(kg: KGStore, graphs: MappedGraphs, clock: "_Clock", wanted: bool) -> Iterator[FullLoad | None]:
    """The file graphs loaded into the store in a thread (store.FullLoad.ahead) while the reuse stage,
    one core's, writes the text-reuse graphs; sync_graphs loads the rest. Only where the load is a full
    one whatever reuse finds (store.full_load_certain: a first build) and every file graph is in the
    spool (none kept from the map cache, whose connection is this thread's); not with ``wanted`` False
    (jobs 1: nothing beside the stages). Its threads' CPU until the load stage starts counts in "load",
    not in the stages it ran beside (_Clock.beside), its wall until then is the load's ahead seconds."""
    if not wanted or graphs.kept or not full_load_certain(kg.store):
        yield None
        return
    names = [g for g in graphs if is_file_graph(g) and not graphs.has_blanks(g)]
    begun = FullLoad(kg.store, graphs, pause=_pause)
    begun.ahead(graphs.spool.reader(), names)
    clock.beside("load", lambda: (begun.finished or time.perf_counter()) - begun.started)
    try:
        yield begun
    except BaseException:
        begun.stop()
        raise


@contextmanager
def _checks_ahead(kg: KGStore, graphs: MappedGraphs, engine: str, batch: int, clock: "_Clock", wanted: bool
                  ) -> Iterator[BatchChecks | None]:
    """The fast path's per-batch checks (validate.BatchChecks), started once the files are mapped: they
    read the mapped graphs, not the store, and run in a process of their own beside the reuse stage and
    the load (the file graphs' first, the others once reuse wrote them: checks_rest); stopped if the build
    fails meanwhile. None for the pySHACL engine, which reads the whole merged graph once it is loaded,
    and without ``wanted`` (jobs 1: the checks run after the load, here)."""
    with clock("validate"):  # the report's validate stage: this part, checks_rest's and the rest after the load
        checking = _batch_checks(kg, graphs, batch, later=True) if wanted and engine != "pyshacl" else None
    try:
        yield checking
    except BaseException:
        if checking is not None:
            checking.stop()
        raise


def checks_rest(checking: BatchChecks | None, graphs: MappedGraphs, batch: int) -> None:
    """The per-batch checks begun by _checks_ahead given all the batches, the graphs text reuse wrote
    included (the shared graphs they were begun with are complete once the files are mapped: the reuse
    stage writes graphs of its own only)."""
    if checking is not None:
        names = validation_batches(graphs, checking.again["shared"], batch)
        checking.more([GraphsOf(graphs, group) for group in names], count=len(names))


def _shared_graphs(graphs: MappedGraphs) -> dict[str, str]:
    return {g: graphs[g] for g in (ids.CORPUS_GRAPH, *STATIC_GRAPHS) if g in graphs}


def _batch_checks(kg: KGStore, graphs: MappedGraphs, batch: int, store=None, workers: int | None = None,
                  later: bool = False) -> BatchChecks:
    """validate.BatchChecks of the mapped graphs: beside the load (``store`` None; ``later``: the batches
    of the graphs mapped so far, the others given by checks_rest), or on the loaded store (``workers``:
    batches checked at once; 1: in this process, one after the other)."""
    shared = _shared_graphs(graphs)
    names = validation_batches(graphs, shared, batch)
    batches = [GraphsOf(graphs, group) for group in names]  # each text read when checked (in the checking process)
    # per-file results kept by content hash: only what changed is checked again (validate_memo)
    # the changed triples the per-document tables of an add are bounded by are kept too (table_delta)
    return BatchChecks(batches, shared, store, count=len(names), memo=kg.path / MEMO_FILE, digest=graphs.digest,
                       also_read=predicates([*SPECS.values(), *listing_specs()]), workers=workers, later=later)


def _validate(kg: KGStore, checking: BatchChecks | None, engine: str, progress,
              merged_changes: tuple[frozenset[str] | None, str | None], graphs: MappedGraphs, batch: int
              ) -> ValidationReport:
    """SHACL on the store just loaded: the per-batch checks' results (``checking`` None: run now, in
    this process, a batch at a time), then the corpus-wide checks (BatchChecks.report;
    ``merged_changes``: the sync's, see validate_batches); the pySHACL engine (the reference) on the
    whole merged graph."""
    if engine == "pyshacl":
        return validate(kg.store, engine=engine, locate=kg, progress=progress)
    if checking is None:
        checking = _batch_checks(kg, graphs, batch, kg.store, workers=1)
    return checking.report(kg.store, locate=kg, progress=progress, merged_changes=merged_changes)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it (as valid text)."""
    try:
        return shown_name(str(Path(path).resolve().relative_to(Path.cwd())))
    except ValueError:
        return shown_name(str(path))


# --- reading --------------------------------------------------------------------------------------

def _read_all(corpus: Path, jobs: int | None, show: "_Progress", timeout: float,
              ocr: tuple[str, str] = ("auto", ""), cache: ExtractCache | None = None
              ) -> tuple[list[FileOutcome], list[LoadedDocument]]:
    """Every file of the corpus, in order: read, or set aside before reading (see _screen).
    ocr: (mode, cache folder), passed to each reader. A file whose bytes the extraction ``cache``
    knows (same hash, same code version, same OCR mode) is not read again: hashing it is enough.
    A record the cache holds (durably) is kept slim (LoadedDocument.slimmed: what resolution reads);
    whole_records gives it back for mapping."""
    root = corpus_root(corpus)
    folder = corpus.is_dir()  # a file named alone is read wherever it is
    cache = cache or ExtractCache(None)
    jobs = jobs or os.cpu_count() or 1
    strings: dict[str, str] = {}  # one object per distinct string of the slim records
    files = discover(corpus)
    # at least this many files are not in the cache: their workers start now, importing while this
    # process screens and hashes the corpus (a core would wait meanwhile)
    pool = _prestart(cache, jobs) if jobs > 1 and len(files) - cache.rows() >= POOL_MIN_FILES else None
    try:
        screened = _screen(files + (annotation_files(corpus) if folder else []), root, bounded=folder)
        return _read_screened(screened, jobs, show, timeout, ocr, cache, strings, pool)
    finally:
        if pool is not None:
            pool.close()


def _read_screened(screened: list, jobs: int, show: "_Progress", timeout: float, ocr: tuple[str, str],
                   cache: ExtractCache, strings: dict[str, str], pool
                   ) -> tuple[list[FileOutcome], list[LoadedDocument]]:
    known: dict[int, tuple[FileOutcome, LoadedDocument]] = {}
    tasks = []
    kept = [(i, path, shown) for i, (path, shown, reason) in enumerate(screened) if reason is None]
    if not cache.rows():  # nothing to find by hash: each file is hashed by its reader (the workers), not first here
        tasks, kept = [(str(path), shown, timeout, *ocr) for _, path, shown in kept], []
    # the last build's slim records, in one unpickling (their strings shared already), while the cache is unchanged
    last = kept_slims(cache.path, ocr[0]) if kept and cache.alive else {}
    cache.kept = last  # keep_slims appends what differs from it
    for start in range(0, len(kept), SLIM_CHUNK):  # a query a chunk; its records interned before the next
        chunk = kept[start:start + SLIM_CHUNK]
        shas = [cache.sha256(path) for _, path, _ in chunk]  # not read again when its stat is known
        slims = cache.get_slims([sha for sha in shas if sha and sha not in last], ocr[0])
        for (i, path, shown), sha in zip(chunk, shas):
            found = last.get(sha) if sha else None
            if found is not None:
                record, warnings, digest = found
                cache.hits += 1
                known[i] = _loaded(shown, record if record.source == shown else replace(record, source=shown),
                                   warnings, digest)
            elif sha in slims:
                record, warnings, digest = slims[sha]
                record = slim_record(record, strings, source=shown)  # its strings shared, its name given
                known[i] = _loaded(shown, record, warnings, digest)
            else:
                tasks.append((str(path), shown, timeout, *ocr))
    del last
    read = iter(_read_tasks(tasks, jobs, show, timeout, cache, ocr[0], strings, pool))
    return _account((FileOutcome(shown, "set aside", reason), None) if reason
                    else known[i] if i in known else next(read)
                    for i, (_, shown, reason) in enumerate(screened))


def _worker_function(cache: ExtractCache) -> str:
    return "_read_for_cache" if cache.alive else "_read_kept"  # no cache: the records stay whole


def _prestart(cache: ExtractCache, jobs: int):
    return workers.prestart(f"loaders.build:{_worker_function(cache)}", jobs)


def _read_tasks(tasks: list[tuple], jobs: int | None, show: "_Progress", timeout: float,
                cache: ExtractCache, ocr: str, strings: dict[str, str], pool=None) -> list:
    """The outcome and record of each task, in order; each record read is put in ``cache`` (with its
    text, which the reuse stage reads from there) and kept slim: the row and the slim record come
    ready from the worker (_read_for_cache), this process stores bytes. A record the cache failed to
    commit is made whole again from its row (_settle)."""
    jobs = jobs or os.cpu_count() or 1
    results: list = [None] * len(tasks)
    rows: dict[int, CacheRow] = {}  # put in the cache, not yet committed
    function = _worker_function(cache)
    if jobs > 1 and len(tasks) >= POOL_MIN_FILES:
        # Worker subprocesses, not multiprocessing: no re-import of the user's __main__, no fork of a
        # process holding the store's threads and lock (see loaders.workers).
        done = workers.run(f"loaders.build:{function}", tasks, jobs, timeout, pool=pool)
    else:
        done = enumerate(map(globals()[function], tasks))
    since, last = 0, time.monotonic()  # files and time since the last commit
    for i, result in show.count(done, len(tasks)):
        if isinstance(result, workers.Lost):  # its worker died, or hung past the alarm
            result = FileOutcome(tasks[i][1], "set aside", f"{result.reason}; please report this file"), None, None
        outcome, doc, row = result[:3]
        hashed = result[3] if len(result) > 3 else None  # _read_for_cache's; _read_kept's (no cache) has none
        if hashed is not None:
            cache.hashed(tasks[i][0], *hashed)
        if isinstance(row, CacheRow):
            cache.put_row(row, ocr)
            rows[i] = row
            doc = doc.interned(strings)
        results[i] = outcome, doc
        since += 1
        if since >= CACHE_COMMIT_EVERY and time.monotonic() - last >= CACHE_COMMIT_SECONDS:
            cache.commit()  # a build killed later keeps what was extracted
            _settle(results, rows, cache)
            since, last = 0, time.monotonic()
    cache.commit()
    _settle(results, rows, cache)
    return results


def _read_for_cache(task: tuple) -> tuple[FileOutcome, LoadedDocument | None, CacheRow | None, tuple | None]:
    """_read_kept for a build with an extraction cache, in a worker: the record slim and its cache
    row ready (pickled, compressed), so that the main process neither unpickles nor pickles it; and
    the file's stat_key and when it was read, for the cache to know its hash by its stat (hashed)."""
    try:
        started, stat = time.time_ns(), stat_key(os.stat(task[0]))
    except OSError:
        started, stat = None, None
    outcome, doc, text = _read_kept(task)
    hashed = (stat, outcome.sha256, started) if stat is not None and outcome.sha256 else None
    row = CacheRow.of(doc.record, text) if doc is not None and text is not None else None
    if row is None:
        return outcome, doc, None, hashed
    return outcome, replace(doc, digest=row.digest).slimmed({}), row, hashed


def _settle(results: list, rows: dict[int, CacheRow], cache: ExtractCache) -> None:
    """The rows just committed: their records stay slim; if the cache failed, they are made whole
    again from the rows (nothing to get them back from later)."""
    if not cache.alive:
        for i, row in rows.items():
            outcome, doc = results[i]
            results[i] = outcome, replace(doc, record=row.whole(doc.path), slim=False)
    rows.clear()


# --- which files are read: names, links, annotations ------------------------------------------------

ANNOTATION_SUFFIX = ".gold.json"
ANNOTATION_REASON = "an annotation file (the expected record of a document, *.gold.json), not a document"
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_name(name: str) -> str:
    """A file name as one line of valid text, as reports and the graph give it: bytes that are not
    UTF-8 (Python's surrogate escapes) as \\xff, control characters and line separators escaped."""
    if name.isprintable():  # no Cs, Cc, Zl or Zp character (isprintable is False for each): as it is
        return name
    out = []
    for c in name:
        code, kind = ord(c), unicodedata.category(c)
        if kind == "Cs":  # os.fsdecode maps an undecodable byte b to U+DC00 + b
            out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}")
        elif kind in ("Cc", "Zl", "Zp"):
            out.append(_NAMED_ESCAPES.get(c) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(c)
    return "".join(out)


def annotation_files(root: Path) -> list[str]:
    """The *.gold.json files that loaders.read.discover leaves out (same rules: hidden names skipped,
    linked folders not entered), so that the report lists them too. Paths as strings: they are only
    screened, never read (a Path each cost 3 s at 100,000 annotated documents)."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [os.path.join(folder, n) for n in names if n.endswith(ANNOTATION_SUFFIX) and not n.startswith(".")]
    return found


def _screen(files: Iterable[Path | str], root: Path, bounded: bool = True) -> list[tuple[Path | str, str, str | None]]:
    """(path, name shown, why it is set aside before reading or None), sorted by name. The corpus
    folder is a boundary: a link that leaves it is not followed; a file reached by several paths
    (itself and links, or several links) is read once, under its own name or its first link's."""
    entries = sorted(((p, _relative(p, root)) for p in files), key=lambda e: e[1])
    inside = Path(os.path.realpath(root))
    # an annotation is set aside by its name: its type matters only as a link's target (_link_readers)
    modes = {rel: _lmode(path) for path, rel in entries if not rel.endswith(ANNOTATION_SUFFIX)}
    linked = bounded and any(stat.S_ISLNK(m) for m in modes.values())
    reader = _link_readers(entries) if linked else {}  # no link: nobody asks who reads a real path
    out = []
    for path, rel in entries:
        reason = None
        if rel.endswith(ANNOTATION_SUFFIX):  # its name's end: the suffix holds no "/"
            reason = ANNOTATION_REASON
        elif stat.S_ISLNK(modes[rel]) and bounded:
            target = os.path.realpath(path)
            if not Path(target).is_relative_to(inside):
                reason = f"a symbolic link to {shown_name(target)}, outside the corpus folder: not followed"
            elif reader.setdefault(target, rel) != rel:
                reason = (f"a symbolic link to {shown_name(reader[target])}, which is read under that name "
                          f"(a file is read once)")
        out.append((path, shown_name(rel), reason))
    return out


def _link_readers(entries: Sequence[tuple[Path | str, str]]) -> dict[str, str]:
    """Real path -> the name it is read under, of each regular file (not a link) of ``entries``
    ((path, name) sorted by name): what decides which of several links to one file is read."""
    reader: dict[str, str] = {}
    folders: dict[str, str] = {}  # folder -> its real path (one realpath a folder, not a file)
    for path, rel in entries:
        if stat.S_ISREG(_lmode(path)):
            folder, name = os.path.split(path)
            real = folders.get(folder) or folders.setdefault(folder, os.path.realpath(folder))
            reader.setdefault(os.path.join(real, name), rel)
    return reader


def _relative(path: Path | str, root: Path) -> str:
    """``path.relative_to(root).as_posix()``, by string when ``path`` is spelled from ``root``
    (as discover lists them: a tenth of the time)."""
    text, head = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(head):
        return text[len(head):].replace(os.sep, "/")
    return Path(path).relative_to(root).as_posix()


def _lmode(path: Path) -> int:
    """The file type bits of ``path`` itself (a link is a link), 0 when it cannot be seen."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise _TooSlow()


def _too_slow(rel: str, timeout: float, slow: _TooSlow) -> str:
    """Why a file ran out of time: its OCR (slow pages; raise the limit), or the parser (a bug to report)."""
    from loaders.ocr import stopped_during_ocr

    pages = stopped_during_ocr(slow)
    if pages is None:
        return (f"{rel}: reading and extracting it took more than {timeout:g} s (a parser problem: please "
                f"report this file)")
    done, total = pages
    return (f"{rel}: OCR took more than {timeout:g} s ({done} of {total} scanned pages read, kept in the OCR "
            f"cache: a rebuild goes on from there); raise the limit with --file-timeout SECONDS (0: no limit)")


def _read_one(task: tuple) -> tuple[FileOutcome, LoadedDocument | None]:
    """One file -> its outcome and its record. Never raises: a failure is a set-aside reason.
    task: (path, path in the corpus, timeout[, OCR mode, OCR cache folder])."""
    return _read_kept(task)[:2]


def _read_kept(task: tuple) -> tuple[FileOutcome, LoadedDocument | None, str | None]:
    """_read_one, and the file's text (for the extraction cache) when it was read."""
    path, rel, timeout, ocr, ocr_cache = (*task, "auto", "")[:5]
    # SIGALRM interrupts even a regex that backtracks forever; only the main thread may set it
    timed = timeout > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        doc = read_document(path, ocr=ocr, ocr_cache=ocr_cache or None)
        if isinstance(doc, SetAside):  # a reason may quote a path (a link's target)
            return FileOutcome(rel, "set aside", shown_name(doc.reason), sha256=doc.sha256), None, None
        from loaders.extract import extract
        from loaders.text import SourceText
        record = extract(SourceText.from_text(doc.text), rel, doc.sha256)
    except _TooSlow as slow:
        return FileOutcome(rel, "set aside", _too_slow(rel, timeout, slow)), None, None
    except Exception as e:  # a bug met on one file must not stop the others
        return FileOutcome(rel, "set aside", f"the reader or parser failed on it: {type(e).__name__}: {e}"), None, None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    warnings = tuple(dict.fromkeys(tuple(doc.warnings) + tuple(record.warnings)))
    record = replace(record, source=rel, warnings=warnings, sha256=doc.sha256, ocr=doc.ocr)
    return (*_loaded(rel, record), doc.text)


def _loaded(rel: str, record, warnings: tuple[str, ...] | None = None, digest: str | None = None
            ) -> tuple[FileOutcome, LoadedDocument]:
    """The outcome and the loaded document of a file read, or found in the extraction cache (with
    ``warnings``: ``record`` is slim, ``warnings`` and ``digest`` are the whole record's)."""
    slim = warnings is not None
    warnings = record.warnings if warnings is None else warnings
    status = "loaded with warnings" if warnings else "loaded"
    return (FileOutcome(rel, status, None, warnings, record.sha256, graph=ids.file_graph_iri(rel)),
            LoadedDocument(record, rel, record.sha256, LOADER_VERSION, slim, digest))


def _account(results: Iterable[tuple[FileOutcome, LoadedDocument | None]]
             ) -> tuple[list[FileOutcome], list[LoadedDocument]]:
    """Files whose graph name collides with an earlier file's are set aside (the graph would mix
    two files); a file with the same bytes as an earlier one is loaded with a warning."""
    outcomes, loaded = [], []
    graph_of: dict[str, str] = {}
    first_with: dict[str, str] = {}
    for outcome, doc in results:
        if doc is not None:
            other = graph_of.get(outcome.graph)
            if other is not None:
                outcome = FileOutcome(outcome.path, "set aside",
                                      f"its graph name is the same as that of {other} (the file names differ only "
                                      f"in punctuation, case or accents); rename one of them", sha256=outcome.sha256)
                doc = None
            else:
                graph_of[outcome.graph] = outcome.path
                twin = first_with.setdefault(outcome.sha256, outcome.path)
                if twin != outcome.path:
                    note = f"same bytes as {twin}: a duplicate file"
                    outcome = replace(outcome, status="loaded with warnings", warnings=outcome.warnings + (note,))
        outcomes.append(outcome)
        if doc is not None:
            loaded.append(doc)
    return outcomes, loaded


def _with_repeats(outcomes: Sequence[FileOutcome], repeats: Sequence[Repeat]) -> list[FileOutcome]:
    """Both files of a document that two files describe get a warning naming both."""
    notes: dict[str, list[str]] = {}
    for r in repeats:
        for path in (r.first, r.path):
            notes.setdefault(path, []).append(r.warning)
    return [replace(o, status="loaded with warnings", warnings=o.warnings + tuple(notes[o.path]))
            if o.path in notes else o for o in outcomes]


def _with_documents(outcomes: Sequence[FileOutcome], kg: KGStore) -> list[FileOutcome]:
    """Name the document each loaded file became (its number, else its IRI)."""
    found = documents_of_files(kg.store)
    return [replace(o, document=found.get(o.graph)) if o.graph in found else o for o in outcomes]


# --- static graphs, metadata, files ----------------------------------------------------------------

def _static_graphs() -> dict[str, str]:
    """Ontology + shapes, and code lists, as N-Triples with canonical blank-node labels (so the
    same files give the same graph, byte for byte)."""
    graphs = {}
    for graph, paths in STATIC_GRAPHS.items():
        dataset = ox.Dataset()
        for path in paths:
            if path.exists():
                for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                    dataset.add(q)
        if len(dataset):
            dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
            text = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8")
            graphs[graph] = "".join(sorted(text.splitlines(keepends=True)))
    return graphs


def _build_triples(report: BuildReport) -> str:
    """What dkgid:graph/build says about this build (the only place for volatile values)."""
    b = f"<{BUILD_NODE}>"
    v = report.validation
    counts = {"filesGiven": report.files_given, "documentsRead": report.documents_read,
              "filesSetAside": len(report.set_aside), "shaclViolations": v.violations, "shaclWarnings": v.warnings}
    lines = [f"{b} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PROV}Activity> .",
             f"{b} <{PROV}generatedAtTime> {literal(report.built_at, XSD + 'dateTime')} .",
             f"{b} <{DKG}loaderVersion> {literal(report.loader_version)} ."]
    lines += [f"{b} <{DKG}{name}> {literal(str(n), XSD + 'integer')} ." for name, n in counts.items()]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    """Write whole or not at all (a kill mid-write leaves the previous report)."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _release() -> None:
    """Between stages: what the last stage dropped is collected and its freed heap pages go back to
    the system, so that the later stages (and the processes they fork) do not carry them."""
    gc.collect()
    give_back_memory()


@contextmanager
def _uncollected():
    """A stage that builds many objects that live on (the slim records of the corpus, the resolution):
    the cyclic collector waits until its end (_release collects once). While such a heap grows, each
    automatic collection goes over it again: 40 % of resolve's CPU at 10k documents, more the larger the
    corpus; the objects these stages keep are dataclasses, tuples and strings, which form no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _pause(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) == stage:
        print(f"paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get(PAUSE_SECONDS_ENV, "60")))


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended children (worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _Clock:
    """Wall and CPU seconds per stage (CPU: the machine may be shared, wall time inflated). With
    DIRECTIVE_KG_STAGE_LOG=FILE, each stage's start and end are appended to FILE as JSON lines (epoch
    seconds, this process's RSS and peak RSS so far) for a memory profiler to attribute its samples."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.ahead: dict[str, float] = {}  # stage -> wall seconds of its part run beside earlier stages
        self.log = os.environ.get(STAGE_LOG_ENV)
        self._beside = None  # (stage, its wall so far, CPU of the other threads when it began)

    @staticmethod
    def others() -> float:
        """CPU seconds of this process's threads but the calling one (a stage's clock runs in the main thread)."""
        return time.process_time() - time.thread_time()

    def beside(self, stage: str, wall) -> None:
        """Work of ``stage`` runs in other threads of this process from now on, beside the stages this clock
        times until ``rejoin``: their CPU is not theirs but the stage's; ``wall()``: its seconds so far."""
        self._beside = (stage, wall, self.others())

    def rejoin(self) -> None:
        """The stage run beside begins in this thread: the CPU its threads spent so far counted in it (between
        the stages too), its wall until now its ahead seconds."""
        if self._beside is not None:
            stage, wall, since = self._beside
            self.cpu[stage] = self.cpu.get(stage, 0.0) + self.others() - since
            self.ahead[stage] = wall()
            self._beside = None

    def mark(self, stage: str, event: str) -> None:
        if self.log:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGESIZE") // 1024 \
                if os.path.exists("/proc/self/statm") else None
            with open(self.log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"stage": stage, "event": event, "time": time.time(), "maxrss_kb": peak,
                                    "rss_kb": rss}) + "\n")

    @staticmethod
    def ordered(per_stage: dict) -> dict:
        """Stages in pipeline order (validate starts before the load and is timed in two parts)."""
        order = ("read", "map", "reuse", "load", "validate")
        return dict(sorted(per_stage.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))

    def __call__(self, stage: str):
        clock = self

        class _Timer:
            def __enter__(self):
                clock.mark(stage, "start")
                self.t, self.c, self.o = time.perf_counter(), cpu_seconds(), clock.others()

            def __exit__(self, *exc):
                beside = clock.others() - self.o if clock._beside is not None else 0.0  # the other stage's (rejoin)
                clock.seconds[stage] = clock.seconds.get(stage, 0.0) + time.perf_counter() - self.t
                clock.cpu[stage] = clock.cpu.get(stage, 0.0) + cpu_seconds() - self.c - beside
                clock.mark(stage, "end")
        return _Timer()


class _Progress:
    """A tqdm bar on stderr per long stage (count, rate, ETA); nothing at all when disabled (the
    default when stderr is not a terminal: CI, pipes, logs)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def _bar(self, desc: str, total: int | None, unit: str) -> tqdm:
        return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not self.enabled, dynamic_ncols=True)

    def count(self, items: Iterable, total: int) -> Iterable:
        """Reading and extracting, one tick per file."""
        with self._bar("reading and extracting", total, "file") as bar:
            for item in items:
                yield item
                bar.update()

    @contextmanager
    def bar(self, desc: str, unit: str):
        """A bar whose total and count come from the stage's hook(done, total)."""
        with self._bar(desc, None, unit) as bar:
            def hook(done: int, total: int) -> None:
                if bar.total != total:
                    bar.total = total
                bar.update(done - bar.n)
            bar.hook = hook
            yield bar

    @contextmanager
    def step(self, desc: str):
        """A stage without a count of its own: one tick, its time shown."""
        with tqdm(total=1, desc=desc, file=sys.stderr, disable=not self.enabled,
                  bar_format="{desc}: {percentage:3.0f}% [{elapsed}]") as bar:
            yield
            bar.update()
