"""Run one function over many tasks in worker processes that are plain subprocesses.

Why not multiprocessing: its spawn and forkserver workers re-import the parent's ``__main__``, so a
researcher's unguarded script (no ``if __name__ == "__main__"``) crashes or runs again in every
worker; and fork copies a process that may hold threads (RocksDB, pytest's) and the store's lock.
A worker here is ``python -c`` running only this module's ``main``, with the parent's ``sys.path``;
``close_fds`` (the default) keeps the store's lock fd out of it. It ignores Ctrl-C (the parent
handles it and stops the workers) but stays in the process group, so a kill of the group reaches it.

Protocol: frames of an 8-byte length and a pickle. The worker sends READY once its imports are done,
then answers each chunk of tasks it is given with one frame per task, in order; EOF on its stdin
ends it. A task whose worker dies, or stays silent longer than ``timeout + grace`` (the task's own
SIGALRM did not stop it), yields ``Lost(reason)``: never a dropped task, never the caller dying.

``Ahead``: one task in one such worker while the caller does other work (the build's text reuse beside
its mapping, its SHACL checks beside the load); its answer collected later. A worker holds what its
task reads, never a copy of the caller's memory (a fork would: the build's grows with the corpus).

Test hook (real code, used by tests/test_build_workers.py): with ``DIRECTIVE_KG_WORKER_CRASH_AT=X``
in the environment a worker kills itself with SIGKILL (as the out-of-memory killer would) when it
reaches a task that is X or a tuple holding X (for the build: the file's path relative to the corpus).
"""
from __future__ import annotations

import gc
import os
import pickle
import queue
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import Any, BinaryIO, Callable, Iterator, Sequence

CRASH_ENV = "DIRECTIVE_KG_WORKER_CRASH_AT"
GRACE = 30.0            # seconds past the task timeout before a silent worker is stopped
READY = "ready"
_HEADER = struct.Struct(">Q")
# The worker's entry: Ctrl-C ignored first, then unblocked (the worker starts with it blocked,
# _started: a Ctrl-C while it starts stays pending and ignoring it discards it, so it prints nothing;
# python -S: before the slow site import), then the parent's sys.path (argv[2:]) to import what it imported.
_BOOT = ("import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
         "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT]); import site, sys; site.main(); "
         "sys.path[:] = sys.argv[2:]; from loaders.workers import main; main(sys.argv[1])")


def _started(args: list[str], **popen) -> subprocess.Popen:
    """A worker process started with SIGINT blocked (a child inherits its parent thread's signal mask
    through fork and exec), so that a Ctrl-C sent to the process group while it starts cannot interrupt it
    before _BOOT ignores it; the parent's mask is restored at once (a Ctrl-C meanwhile reaches it then)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
    try:
        return subprocess.Popen(args, **popen)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@dataclass(frozen=True)
class Lost:
    """A task without a result: its worker died or hung on it (or the function raised)."""
    reason: str


def prestart(function: str, jobs: int, pass_fds: Sequence[int] = ()) -> "Pool":
    """``jobs`` workers of ``function`` started now: they import while the caller prepares the tasks.
    Give the pool to ``run``, once or more (the map stage: a run a batch), and close it. ``pass_fds``:
    open files the workers inherit (under the same numbers), besides their pipes."""
    pool = Pool(function, tuple(pass_fds))
    if sys.executable:
        for _ in range(jobs):
            pool.start()
    return pool


def run(function: str, tasks: Sequence[Any], jobs: int, timeout: float, grace: float = GRACE,
        pool: "Pool | None" = None) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, function(task))`` once for every task, in completion order, computed in up to
    ``jobs`` workers; ``function`` is "module:name" (``pool``: workers of it started before, see
    prestart: left open for another run once every task is answered). Workers are reaped on every
    other exit path (also KeyboardInterrupt, or the caller dropping the iterator); if none can start,
    tasks run here."""
    size = max(1, len(tasks) // (jobs * 8))  # small chunks: a slow file does not hold up a long tail
    pending = deque(list(range(i, min(i + size, len(tasks)))) for i in range(0, len(tasks), size))
    limit = timeout + grace if timeout > 0 else None
    if pool is not None and pool.function != function:
        raise ValueError(f"the workers started run {pool.function}, not {function}")
    given, pool = pool is not None, pool or Pool(function)
    left = len(tasks)
    try:
        if sys.executable:
            for _ in range(min(jobs, len(pending)) - len(pool.workers)):
                pool.start()
        while left:
            if not pool.workers:  # none could start (their stderr says why): slower, but every task done
                print("directive-kg: worker processes could not start; working in this process", file=sys.stderr)
                call = _function(function)
                yield from ((i, call(tasks[i])) for chunk in pending for i in chunk)
                return
            for worker in pool.workers:
                if worker.ready and not worker.chunk and pending:
                    chunk = pending.popleft()
                    if not worker.give(chunk, tasks):
                        pending.appendleft(chunk)  # it died idle: its EOF comes next, nothing is lost
            done: list[tuple[int, Any]] = []
            for key, _ in pool.selector.select(_wait(pool.workers, limit)):
                worker = key.data
                alive = worker.receive()
                done += worker.results()
                if not alive:
                    done += pool.bury(worker, pending, f"its worker process died ({_how(worker.proc.wait())})")
            now = time.monotonic()
            for worker in [w for w in pool.workers if w.busy and limit is not None and now - w.since > limit]:
                worker.proc.kill()
                worker.proc.wait()
                while worker.receive():  # a result written just before the kill still counts
                    pass
                done += worker.results()
                done += pool.bury(worker, pending, f"it took more than {timeout:g} s and could not be "
                                                   f"interrupted (its worker process was stopped)")
            left -= len(done)
            yield from done
    finally:
        if not given or left:  # a given pool whose workers owe no answer serves the next run
            pool.close()


class Ahead:
    """Tasks run ahead, one after the other, in one worker process while the caller goes on (a stage's
    work beside another stage's): a thread gives each task once the last is answered (``then``: a task
    known later; the worker may keep what it computed between them); ``result()`` collects the last
    answer and reaps the worker, so that its CPU seconds count from then on (cpu_seconds'
    RUSAGE_CHILDREN), in the stage that uses it. A context manager: leaving it stops the worker if its
    answer was not collected. ``pass_fds``: open files the worker inherits (prestart)."""

    _END = object()

    def __init__(self, function: str, task: Any, pass_fds: Sequence[int] = ()):
        self._pool = prestart(function, 1, pass_fds)
        self._answer: Any = Lost("no worker process could start")
        self._tasks: queue.SimpleQueue = queue.SimpleQueue()
        self._tasks.put(task)
        self._thread = threading.Thread(target=self._wait, daemon=True)
        self._thread.start()

    def then(self, task: Any) -> None:
        """Another task, given to the worker once it answered the ones before."""
        self._tasks.put(task)

    def _wait(self) -> None:
        if not self._pool.workers:
            return
        worker = self._pool.workers[0]
        try:
            while not worker.ready:
                if not worker.receive():
                    raise EOFError
                worker.results()
            while (task := self._tasks.get()) is not self._END:
                if not worker.give([0], [task]):
                    raise EOFError
                while not (done := worker.results()):
                    if not worker.receive():
                        raise EOFError
                self._answer = done[0][1]
        except (EOFError, OSError):
            self._answer = Lost(f"its worker process died ({_how(worker.proc.wait())})")

    def result(self) -> Any:
        """The last task's answer (waiting for it), or Lost."""
        self._tasks.put(self._END)
        self._thread.join()
        self._pool.close()
        return self._answer

    def __enter__(self) -> "Ahead":
        return self

    def __exit__(self, *exc) -> None:
        if self._thread.is_alive():
            for worker in self._pool.workers:
                worker.proc.kill()
            self._tasks.put(self._END)
            self._thread.join()
        self._pool.close()


class _Worker:
    """One worker process, the chunk of task indices it owes answers for, and its unread bytes."""

    def __init__(self, function: str, pass_fds: tuple[int, ...] = ()):
        self.proc = _started([sys.executable, "-S", "-c", _BOOT, function, *map(str, sys.path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, pass_fds=pass_fds)
        self.fd = self.proc.stdout.fileno()
        self.buffer = bytearray()
        self.ready = False
        self.chunk: list[int] = []
        self.since = time.monotonic()  # last sign of life

    @property
    def busy(self) -> bool:
        return not self.ready or bool(self.chunk)

    def give(self, chunk: list[int], tasks: Sequence[Any]) -> bool:
        try:
            _send(self.proc.stdin, [tasks[i] for i in chunk])
        except OSError:
            return False
        self.chunk, self.since = chunk, time.monotonic()
        return True

    def receive(self) -> bool:
        """Read what the worker wrote; False at EOF (it ended)."""
        data = os.read(self.fd, 1 << 20)
        self.buffer += data
        return bool(data)

    def results(self) -> list[tuple[int, Any]]:
        out = []
        while len(self.buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self.buffer)
            if len(self.buffer) < _HEADER.size + size:
                break
            message = pickle.loads(self.buffer[_HEADER.size:_HEADER.size + size])
            del self.buffer[:_HEADER.size + size]
            self.since = time.monotonic()
            if not self.ready:
                self.ready = message == READY
            else:
                out.append((self.chunk.pop(0), message))
        return out

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.proc.kill()  # no-op if it has ended; an idle worker loses nothing
        self.proc.wait()


class Pool:
    def __init__(self, function: str, pass_fds: tuple[int, ...] = ()):
        self.function, self.pass_fds = function, pass_fds
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()

    def start(self) -> None:
        try:
            worker = _Worker(self.function, self.pass_fds)
        except OSError as e:  # no such interpreter, no more processes: fewer workers, or none
            print(f"directive-kg: cannot start a worker process: {e}", file=sys.stderr)
            return
        self.workers.append(worker)
        self.selector.register(worker.fd, selectors.EVENT_READ, worker)

    def bury(self, worker: _Worker, pending: deque, reason: str) -> list[tuple[int, Lost]]:
        """A worker that ended: the task it was on is lost, the rest of its chunk goes back in line,
        and a replacement starts (not for one that died starting: the next would too)."""
        self.selector.unregister(worker.fd)
        self.workers.remove(worker)
        worker.close()
        lost = []
        if worker.chunk:
            lost.append((worker.chunk.pop(0), Lost(reason)))
            if worker.chunk:
                pending.appendleft(worker.chunk)
        if worker.ready and pending:
            self.start()
        return lost

    def close(self) -> None:  # again: nothing
        for worker in self.workers:
            worker.close()
        self.workers.clear()
        self.selector.close()


def give_back_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise: a dropped batch store's
    hundreds of MB stayed resident)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


@contextmanager
def frozen(collect: bool = True) -> Iterator[None]:
    """While it runs, the objects alive at its start are out of the collector's reach, so that a
    collection in a child forked meanwhile (text reuse's pool, validation batches) does not write to (and
    so copy) every page of the parent's heap that it shares. ``collect``: garbage collected first. Nested
    in another: the objects stay frozen until the outer one ends (gc.unfreeze thaws all)."""
    if collect:
        gc.collect()
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
ARENAS = 2


def few_arenas() -> None:
    """glibc's malloc gives each thread that allocates an arena of its own, up to 8 a core, and keeps
    what is freed in each: the tables' threads and RocksDB's grew this process by what they had freed.
    At most ARENAS (11,000 documents, the tables stage alone: peak RSS 399 -> 368 MB, CPU the same)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, ARENAS)
    except (OSError, AttributeError):  # not glibc
        pass


def _wait(workers: list[_Worker], limit: float | None) -> float | None:
    """Seconds until the first busy worker is overdue (None: wait for output however long)."""
    ends = [w.since + limit for w in workers if w.busy] if limit is not None else []
    return max(0.0, min(ends) - time.monotonic()) if ends else None


def _how(returncode: int) -> str:
    if returncode < 0:
        name = signal.Signals(-returncode).name
        return f"killed by {name}" + (", out of memory?" if name == "SIGKILL" else "")
    return f"exit code {returncode}"


def _function(function: str) -> Callable[[Any], Any]:
    module, name = function.split(":")
    return getattr(import_module(module), name)


def _send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: BinaryIO) -> Any | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    return pickle.loads(stream.read(_HEADER.unpack(header)[0]))


def main(function: str) -> None:
    """The worker: READY, then one answer per task of each chunk read, until EOF."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # the parent is gone: end quietly
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library's print goes to stderr instead of into the frames
    crash_at = os.environ.get(CRASH_ENV)
    call = _function(function)
    _send(out, READY)
    while (chunk := _read_frame(sys.stdin.buffer)) is not None:
        for task in chunk:
            if crash_at is not None and (task == crash_at or isinstance(task, tuple) and crash_at in task):
                os.kill(os.getpid(), signal.SIGKILL)
            try:
                result = call(task)
            except Exception as e:  # a function that raises loses its task, not the worker
                result = Lost(f"{type(e).__name__}: {e}")
            _send(out, result)
