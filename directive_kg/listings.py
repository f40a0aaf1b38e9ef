"""Listing tables: the rows of every corpus-wide listing, written by the build, read by `query`.

A saved query whose header says ``# table: yes`` is a listing: run with its default parameters it
answers for the whole corpus. At the end of a build (``write_tables``, stage "tables") each one is
run once on the store (SPARQL, as `directive-kg query` would) and its final rows (document labels
and derived columns included) are written, in the query's order, to the store folder::

    PATH/tables/NAME.jsonl   one JSON array a row, the cells in column order; a date is
                             {"date": "2020-07-29"}, a dateTime {"dateTime": "..."}
    PATH/tables/NAME.idx     the byte offset of every STEP-th row (little-endian uint64), so that
                             a page (--offset M) starts reading at once, whatever M is
    PATH/tables/NAME.json    columns, notes, rows, STEP, the build stamp and the query's digest;
                             written last: a table without it does not exist
    PATH/tables/NAME.keys    a keyed listing's rows' documents and ORDER BY keys: an add updates its
                             table in place (directive_kg.listing_delta)

A table is used only when it belongs to the store's current build (its stamp is the build node's
prov:generatedAtTime in dkgid:graph/build) and to the query text as it is now (sha256 of the .rq);
otherwise the query runs as SPARQL. A build removes the tables' metadata before it changes anything
(``set_aside``), so a build stopped halfway leaves no table of the previous state.

Lives in directive_kg, not loaders: it is the query side (the runner makes the rows, `query` reads
them), and `directive-kg query` must start without importing the build pipeline; the build imports
it lazily for its one stage.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from array import array
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox

from loaders.identity import BUILD_GRAPH, BUILD_NODE
from loaders.store import GENERATED_AT

FOLDER = "tables"
STEP = 1000  # rows between two entries of the offset index
FORMAT = 1   # bumped when the files' layout changes: an older table is then not read


@dataclass(frozen=True)
class TableInfo:
    """What NAME.json says about a written table."""
    query: str
    digest: str
    stamp: str
    columns: tuple[str, ...]
    notes: tuple[str, ...]
    rows: int
    step: int


def digest(text: str) -> str:
    """The query text's identity: a table answers only the text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_stamp(store: ox.Store) -> str | None:
    """The store's current build (the build node's generatedAtTime), None before any build ended."""
    found = next(iter(store.quads_for_pattern(ox.NamedNode(BUILD_NODE), ox.NamedNode(GENERATED_AT), None,
                                              ox.NamedNode(BUILD_GRAPH))), None)
    return found.object.value if found is not None else None


def default_params(query, params: Mapping[str, str] | None) -> bool:
    """Whether `params` are the query's defaults (what its table answers)."""
    given = dict(params or {})
    declared = {p.name: p for p in query.params}
    return all(k in declared and declared[k].default is not None and v == declared[k].default
               for k, v in given.items()) and all(p.default is not None for p in query.params)


# --- writing ----------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return {"dateTime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_lines(path: Path, lines: Iterable[bytes]) -> array:
    """write_atomic of the lines joined, written as they come (a table's bytes are not held again:
    joined, and with their newlines, downstream-tasks' 19 MB file at 11,000 documents was held three
    times); the byte offset where each line starts."""
    starts = array("Q")
    position = 0
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb", buffering=1 << 20) as f:
        for one in lines:
            starts.append(position)
            f.write(one)
            position += len(one)
    os.replace(tmp, path)
    return starts


def line(columns: list[str], row: Mapping[str, Any]) -> bytes:
    """A row's line of NAME.jsonl (newline included)."""
    return json.dumps([_cell(row.get(c)) for c in columns], ensure_ascii=False).encode("utf-8") + b"\n"


def write_table(folder: Path, query, result, stamp: str, lines: Iterable[bytes] | None = None,
                cpu_line: float | None = None) -> TableInfo:
    """One listing's rows (a QueryResult) as NAME.jsonl + NAME.idx, then NAME.json. `lines`: the rows'
    lines already made (an add's, listing_delta), in place of result.rows. Each line is written as it
    is made (write_lines). `cpu_line`: what a line of its last whole write cost (table_delta.Cost),
    kept in NAME.json for the next add."""
    folder.mkdir(parents=True, exist_ok=True)
    if lines is None:
        lines = (line(result.columns, row) for row in result.rows)
    starts = write_lines(folder / f"{query.name}.jsonl", lines)
    offsets = starts[::STEP]
    if offsets.itemsize != 8:  # pragma: no cover - "Q" is 8 bytes on every platform Python runs on
        raise RuntimeError("the offset index needs 64-bit integers")
    if os.sys.byteorder != "little":  # pragma: no cover
        offsets.byteswap()
    write_atomic(folder / f"{query.name}.idx", offsets.tobytes())
    info = TableInfo(query.name, digest(query.text), stamp, tuple(result.columns), tuple(result.notes),
                     len(starts), STEP)
    meta = {"format": FORMAT, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in info.__dict__.items()}}
    if cpu_line is not None:
        meta["cpu_line"] = cpu_line
    write_atomic(folder / f"{query.name}.json", json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))
    return info


def drop_tables(store_dir: str | os.PathLike) -> None:
    """Remove every table of a store."""
    shutil.rmtree(Path(store_dir) / FOLDER, ignore_errors=True)


def set_aside(store_dir: str | os.PathLike, store: ox.Store) -> dict[str, dict]:
    """Remove every table's metadata (a build calls this before it changes the store: a build stopped
    halfway leaves no table of the old state) and return those of the store's current build: file name
    -> metadata. Their data files stay, for the build to update (doc_tables.write_doc_tables)."""
    stamp = build_stamp(store)
    last = {}
    for path in sorted((Path(store_dir) / FOLDER).glob("*.json")):
        meta = read_meta(path)
        if meta is not None and stamp is not None and meta.get("stamp") == stamp:
            last[path.name] = meta
        path.unlink(missing_ok=True)
    return last


def read_meta(path: Path) -> dict | None:
    """A table's metadata (its .json), None when it cannot be read."""
    try:
        meta = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


@dataclass(frozen=True)
class TableJob:
    """One table's writing, planned (its walk done): `write()` writes it and returns its rows (None when
    the listing cannot run here)."""
    name: str
    write: Callable[[], int | None]


def write_tables(store: ox.Store, store_dir: str | os.PathLike, workers: int | None = None,
                 change=None) -> dict[str, int]:
    """Run every listing (`# table: yes`) with its default parameters on `store` and write its table
    under store_dir/tables, stamped with the store's build (read from the store, as readers read it;
    none before a build wrote its metadata: then no table). Returns rows per table, in the listings'
    order. `workers` threads at a time (run_jobs). `change` (table_delta.Change, from an add): a keyed
    listing the last build wrote is updated, only the rows of the documents a changed triple reaches
    computed again (listing_delta)."""
    return run_jobs(listing_jobs(store, store_dir, change), workers)


def write_all_tables(store: ox.Store, store_dir: str | os.PathLike, workers: int | None = None,
                     change=None) -> dict[str, int]:
    """The build's stage "tables": every per-document table (doc_tables) and every listing, in one
    pool of threads, the per-document tables first: the costliest job (reuse-levels, 100,000
    documents: ~50 of the stage's 203 CPU s) then starts at once, where after the listings' own pool
    it ran with one core idle beside it (31,000 documents: the jobs' 54 CPU s take 28.2 s on 2 cores,
    29.4 as two pools; bench/tables_stage.py), started longest first (longest_first)."""
    from directive_kg.doc_tables import doc_table_jobs

    return run_jobs(longest_first([*doc_table_jobs(store, store_dir, change), *listing_jobs(store, store_dir, change)]),
                    workers)


# Thread CPU s of each table written whole at 101,020 documents (bench/tables_stage.py, helper build22; load
# average 16-19): the jobs start longest first, so that the last one to end is a short one. In the order they
# were in (the per-document tables, then the listings), signatures ran alone at the end: one core idle for
# the last ~15 % of the stage.
WHOLE_CPU = {"documents": 21.4, "implicit-citations": 21.3, "reuse-levels": 20.1, "signatures": 17.7,
             "downstream-tasks": 17.5, "reporting-lines": 16.0, "propagation-tree": 13.4, "channel-crossings": 10.1,
             "hidden-links": 8.6, "uptake": 6.8, "copies": 0.24, "missing-documents": 0.13}


def longest_first(jobs: list[TableJob]) -> list[TableJob]:
    """The jobs by their cost at 100,000 documents (WHOLE_CPU), the costliest first (a job not measured
    last, in its order): on 2 cores the stage's wall is then within a short job of the CPU's half."""
    return sorted(jobs, key=lambda job: -WHOLE_CPU.get(job.name, 0.0))


def listing_jobs(store: ox.Store, store_dir: str | os.PathLike, change=None) -> list[TableJob]:
    """write_tables' work, one job a listing, planned here (the walks are not thread-safe); none
    before a build wrote its metadata."""
    from directive_kg import listing_delta
    from directive_kg.queries import list_queries

    folder = Path(store_dir) / FOLDER
    wanted = [q for q in list_queries() if q.table]
    for q in wanted:
        (folder / f"{q.name}.json").unlink(missing_ok=True)
    stamp = build_stamp(store)
    if stamp is None:
        return []
    specs = {q.name: listing_delta.keyed(q) for q in wanted}
    plans = {q.name: listing_delta.plan(store, change, q, specs[q.name], FORMAT) for q in wanted}
    return [TableJob(q.name, lambda q=q: _write_one(store, folder, q, stamp, specs[q.name], plans[q.name]))
            for q in wanted]


def run_jobs(jobs: list[TableJob], workers: int | None) -> dict[str, int]:
    """The jobs, `workers` threads of this process at a time (default: one per core), started in
    their order; rows per table written. pyoxigraph evaluates without the GIL, and nearly all the
    stage is evaluation (10,000 documents: 11.4 of 11.7 CPU s), so both cores work on one store that
    only this process may open."""
    done = in_threads(lambda job: job.write(), jobs, workers, "directive-kg-tables")
    return {job.name: rows for job, rows in zip(jobs, done) if rows is not None}


def in_threads(job, items: list, workers: int | None, name: str) -> list:
    """job(item) for each item, `workers` threads at a time (default: one per core), results in order.
    The tables' jobs are nearly all store evaluation, which pyoxigraph runs without the GIL."""
    from concurrent.futures import ThreadPoolExecutor

    workers = max(1, min(workers or os.cpu_count() or 1, len(items) or 1))
    with ThreadPoolExecutor(workers, thread_name_prefix=name) as pool:
        return list(pool.map(job, items))


def _write_one(store: ox.Store, folder: Path, query, stamp: str, keyed=None, plan=None) -> int | None:
    """One listing's table (its row count), None when the listing cannot run here. `keyed`
    (listing_delta.Keyed): written with its keys, updated by `plan` when it can be."""
    from directive_kg import listing_delta
    from directive_kg.queries import QueryError, run

    try:
        if keyed is not None:
            info = plan and listing_delta.write_keyed(store, folder, query, keyed, stamp, plan)
            return (info or listing_delta.write_keyed(store, folder, query, keyed, stamp)).rows
        listing_delta.unkeyed_old(folder, query.name)
        start = time.thread_time()
        result = computed(query, store) or run(query, {}, store=store, timeout=None)
    except QueryError:  # a listing that cannot run here stays SPARQL (and says why when asked)
        return None
    return write_table(folder, query, result, stamp, None, line_cpu(start, len(result.rows))).rows


# listings whose table the build computes in Python (the same rows as their SPARQL, cheaper: each
# module says why): name -> module with result(query, store) -> QueryResult | None (None: run the SPARQL)
COMPUTED = {"hidden-links": "directive_kg.hidden_links"}


def computed(query, store: ox.Store):
    """The listing's rows from its module of COMPUTED, None when it has none or that cannot answer."""
    import importlib

    module = COMPUTED.get(query.name)
    return importlib.import_module(module).result(query, store) if module else None


def line_cpu(start: float, lines: int) -> float | None:
    """What a line of a table written whole cost: this thread's CPU since `start` (time.thread_time:
    the tables' jobs run side by side in threads) over its lines; None for an empty table."""
    return (time.thread_time() - start) / lines if lines else None


# --- reading ----------------------------------------------------------------------------------


def _typed(obj: dict) -> Any:
    if len(obj) == 1:
        if "date" in obj:
            return dt.date.fromisoformat(obj["date"])
        if "dateTime" in obj:
            return dt.datetime.fromisoformat(obj["dateTime"])
    return obj


_decode = json.JSONDecoder(object_hook=_typed).decode


def current_meta(path: Path, query_text: str, store: ox.Store, table_format: int) -> dict | None:
    """A table's metadata (its .json) if the table is current: written in `table_format`, from this
    query text, for the store's current build; else None (also when it cannot be read)."""
    meta = read_meta(path)
    if meta is None or meta.get("format") != table_format or meta.get("digest") != digest(query_text):
        return None
    stamp = build_stamp(store)
    if stamp is None or meta.get("stamp") != stamp:
        return None
    return meta


def table_info(store_dir: str | os.PathLike, query, store: ox.Store) -> TableInfo | None:
    """The table of `query` if it is current (this build, this query text), else None."""
    meta = current_meta(Path(store_dir) / FOLDER / f"{query.name}.json", query.text, store, FORMAT)
    if meta is None:
        return None
    return TableInfo(meta["query"], meta["digest"], meta["stamp"], tuple(meta["columns"]), tuple(meta["notes"]),
                     int(meta["rows"]), int(meta["step"]))


def read_rows(store_dir: str | os.PathLike, info: TableInfo, limit: int | None = None,
              offset: int = 0) -> Iterator[dict[str, Any]]:
    """Rows offset .. offset+limit of a table, decoded as the runner gives them, read as they come."""
    if offset >= info.rows or limit == 0:
        return
    folder = Path(store_dir) / FOLDER
    index = array("Q")
    index.frombytes((folder / f"{info.query}.idx").read_bytes())
    if os.sys.byteorder != "little":  # pragma: no cover
        index.byteswap()
    columns = info.columns
    with open(folder / f"{info.query}.jsonl", "rb") as f:
        f.seek(index[offset // info.step])
        lines = islice(f, offset % info.step, None if limit is None else offset % info.step + limit)
        for line in lines:
            yield dict(zip(columns, _decode(line.decode("utf-8"))))
