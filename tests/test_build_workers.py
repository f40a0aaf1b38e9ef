"""The parallel read (loaders.workers): from an unguarded script the build neither re-runs the script
nor crashes; a worker that dies or hangs costs its file only, with a reason; results keep the input
order; workers are reaped on Ctrl-C. Every run is a subprocess with a timeout, so a hang fails fast."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.build import POOL_MIN_FILES
from loaders.identity import BUILD_GRAPH
from loaders.read import discover
from loaders.workers import CRASH_ENV

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"

# A researcher's script: no __main__ guard, a side effect before the build, and another thread
# (as in pytest or a notebook) holding a lock: a fork would copy the lock held.
UNGUARDED = """\
import json, sys, threading, time
from directive_kg import build
print("side effect", flush=True)
held = threading.Lock()
def hold():
    with held:
        while True:
            time.sleep(0.01)
threading.Thread(target=hold, daemon=True).start()
report = build(sys.argv[1], sys.argv[2], progress=False, jobs=2)
print(json.dumps([[f.path, f.status, f.reason] for f in report.files]))
"""

# A function with real ways to fail, for the pool itself.
ANSWER = """\
import ctypes, os, time
def answer(task):
    if task == "segfault":
        ctypes.string_at(0)  # a crash in C code, as a broken extension would
    if task == "exit":
        os._exit(3)
    if task == "hang":
        time.sleep(600)  # no SIGALRM here: only the pool's watchdog can stop it
    if task == "raise":
        raise ValueError("no")
    return task.upper()
"""


def run_python(tmp_path: Path, script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The script in its own process group (a Ctrl-C test signals the group, not pytest)."""
    (tmp_path / "script.py").write_text(script, encoding="utf-8")
    return subprocess.run([sys.executable, "script.py", *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})}, start_new_session=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """data/documents four times over under other names: enough files for the worker processes."""
    folder = tmp_path_factory.mktemp("workers") / "corpus"
    folder.mkdir()
    for copy in range(4):
        for p in sorted(DOCUMENTS.glob("*.txt")):
            shutil.copy(p, folder / f"{copy}{p.name}")
    assert len(discover(folder)) >= POOL_MIN_FILES
    return folder


def build_in_script(tmp_path: Path, corpus: Path, env: dict | None = None) -> tuple[list[str], list[list]]:
    done = run_python(tmp_path, UNGUARDED, str(corpus), str(tmp_path / "store"), env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "bootstrapping" not in done.stderr and "could not start" not in done.stderr
    *before, files = done.stdout.splitlines()
    return before, json.loads(files)


def test_an_unguarded_script_builds_once_in_input_order(corpus, tmp_path):
    before, files = build_in_script(tmp_path, corpus)
    assert before == ["side effect"]  # the workers did not run the script again
    assert [f[0] for f in files] == [p.relative_to(corpus).as_posix() for p in discover(corpus)]
    assert all(status.startswith("loaded") for _, status, _ in files)


def test_a_file_that_kills_its_worker_is_set_aside_and_the_others_load(corpus, tmp_path):
    victim = sorted(p.name for p in corpus.iterdir())[20]
    before, files = build_in_script(tmp_path, corpus, env={CRASH_ENV: victim})
    assert before == ["side effect"]
    assert [f[0] for f in files] == [p.relative_to(corpus).as_posix() for p in discover(corpus)]
    aside = {path: reason for path, status, reason in files if status == "set aside"}
    assert list(aside) == [victim]
    assert "worker process died (killed by SIGKILL" in aside[victim]


def pool_script(tasks: list[str], executable: str | None = None) -> str:
    swap = f"sys.executable = {executable!r}\n" if executable else ""
    return (f"import json, sys\nfrom loaders import workers\n{swap}"
            f"out = dict(workers.run('answer:answer', {tasks!r}, 2, timeout=0.5, grace=1.0))\n"
            "print(json.dumps([out[i].reason if isinstance(out[i], workers.Lost) else out[i]"
            " for i in sorted(out)]))\n"
            "print(len(out))\n")


def test_the_pool_survives_real_crashes_and_hangs(tmp_path):
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    tasks = [f"t{i}" for i in range(30)]
    for i, bad in ((3, "segfault"), (11, "exit"), (17, "hang"), (25, "raise")):
        tasks[i] = bad
    done = run_python(tmp_path, pool_script(tasks))
    assert done.returncode == 0, done.stderr[-3000:]
    answers, count = done.stdout.splitlines()
    answers = json.loads(answers)
    assert int(count) == len(tasks)  # every index once
    assert "killed by SIGSEGV" in answers[3]
    assert "died (exit code 3)" in answers[11]
    assert "took more than 0.5 s" in answers[17]
    assert answers[25] == "ValueError: no"
    assert [a for i, a in enumerate(answers) if i not in (3, 11, 17, 25)] == \
           [t.upper() for i, t in enumerate(tasks) if i not in (3, 11, 17, 25)]


def test_workers_started_ahead_answer_every_task_and_refuse_another_function(tmp_path):
    # the build starts its workers before screening the corpus (they import meanwhile)
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    script = ("import json\nfrom loaders import workers\n"
              "pool = workers.prestart('answer:answer', 2)\n"
              "out = dict(workers.run('answer:answer', ['a', 'b', 'c'], 2, timeout=5, pool=pool))\n"
              "pool.close()\n"  # run closed it: again is nothing
              "other = workers.prestart('answer:answer', 1)\n"
              "try:\n    list(workers.run('answer:other', ['a'], 1, timeout=5, pool=other))\n"
              "except ValueError as e:\n    print(e)\n"
              "other.close()\n"
              "print(json.dumps([out[i] for i in sorted(out)]))\n")
    done = run_python(tmp_path, script)
    assert done.returncode == 0, done.stderr[-3000:]
    refused, answers = done.stdout.splitlines()
    assert json.loads(answers) == ["A", "B", "C"] and "answer:answer, not answer:other" in refused


@pytest.mark.parametrize("task, executable, answer", [
    ("a", None, "A"),
    ("segfault", None, "its worker process died (killed by SIGSEGV)"),
    ("exit", None, "its worker process died (exit code 3)"),
    ("raise", None, "ValueError: no"),
    ("a", "/no/such/python", "no worker process could start"),
])
def test_a_task_ahead_answers_or_says_why_not(tmp_path, task, executable, answer):
    # the build's text reuse beside its mapping: one task in a worker while the caller goes on
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    swap = f"sys.executable = {executable!r}\n" if executable else ""
    script = ("import sys\nfrom loaders import workers\n" + swap +
              f"with workers.Ahead('answer:answer', {task!r}) as ahead:\n"
              "    out = ahead.result()\n"
              "print(out.reason if isinstance(out, workers.Lost) else out)\n")
    done = run_python(tmp_path, script)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == answer


def test_leaving_a_task_ahead_uncollected_stops_its_worker(tmp_path):
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    script = ("import time\nfrom loaders import workers\nstarted = time.monotonic()\n"
              "with workers.Ahead('answer:answer', 'hang') as ahead:\n"
              "    pid = ahead._pool.workers[0].proc.pid\n"
              "print(round(time.monotonic() - started), pid)\n")
    done = run_python(tmp_path, script)
    assert done.returncode == 0, done.stderr[-3000:]
    seconds, pid = map(int, done.stdout.split())
    assert seconds < 60 and not Path(f"/proc/{pid}").exists()  # not the task's 600 s; reaped


@pytest.mark.parametrize("executable", ["/bin/false", "/no/such/python"])
def test_workers_that_cannot_start_leave_the_work_to_the_caller(tmp_path, executable):
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    done = run_python(tmp_path, pool_script(["a", "b", "c"], executable=executable))
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.splitlines()[0]) == ["A", "B", "C"]
    assert "could not start; working in this process" in done.stderr


def test_a_ctrl_c_while_a_worker_starts_neither_kills_it_nor_prints(tmp_path):
    """The worker starts with SIGINT blocked until it ignores it (workers._started): a Ctrl-C at any moment
    of its start, before or after Python installs its own handler, is discarded (with a plain Popen some of
    these die or print a KeyboardInterrupt traceback)."""
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    script = """\
import os, signal, subprocess, sys, time
from loaders import workers
hit = []
for delay in range(0, 60, 3):   # milliseconds after the start, across the interpreter's start-up
    proc = workers._started([sys.executable, "-S", "-c", workers._BOOT, "answer:answer", *sys.path],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay / 1000)
    os.kill(proc.pid, signal.SIGINT)
    proc.stdin.close()
    err = proc.stderr.read().decode()
    if proc.wait() < 0 or "KeyboardInterrupt" in err:
        hit.append(delay)
print("interrupted at", hit)
"""
    done = run_python(tmp_path, script, env={"PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])})
    assert done.stdout.strip() == "interrupted at []", done.stderr[-3000:]


def test_ctrl_c_reaps_the_workers(tmp_path):
    """Ctrl-C in a terminal signals the whole process group: the workers ignore it, the parent stops them."""
    (tmp_path / "answer.py").write_text(ANSWER, encoding="utf-8")
    script = """\
import glob, os, signal
from loaders import workers
# as in a terminal: a process started in the background by a non-interactive shell (CI) inherits
# SIGINT ignored, and Python then never raises KeyboardInterrupt
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    for n, _ in enumerate(workers.run("answer:answer", ["a"] * 5 + ["hang"] * 4, 2, timeout=0)):
        if n == 4:
            os.killpg(0, signal.SIGINT)
except KeyboardInterrupt:
    children = "".join(open(p).read() for p in glob.glob("/proc/self/task/*/children")).split()
    print("interrupted; children left:", len(children))
"""
    done = run_python(tmp_path, script)
    assert done.stdout.strip() == "interrupted; children left: 0", done.stderr[-3000:]
    assert "Traceback" not in done.stderr


# A build as a script: its children's CPU seconds (every process it started and waited for) and the
# wall seconds of the part of a stage run ahead in a worker.
COUNTED = """\
import json, resource, sys
from directive_kg import build
report = build(sys.argv[1], sys.argv[2], progress=False, jobs=int(sys.argv[3]), export_to=sys.argv[4])
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"children_cpu": used.ru_utime + used.ru_stime, "ahead": report.ahead}))
"""


def test_one_job_runs_no_process_beside_the_build_and_builds_the_same(corpus, tmp_path):
    """--jobs 1 (memory short): no reader, no text-reuse worker during the mapping, no load beside the
    reuse stage, no checking process during the load; the same graphs and the same validation report as with the processes beside."""
    found = {}
    for jobs in (1, 2):
        out = tmp_path / str(jobs)
        out.mkdir()
        done = run_python(out, COUNTED, str(corpus), str(out / "store"), str(jobs), str(out / "graph.nq"))
        assert done.returncode == 0, done.stderr[-3000:]
        found[jobs] = json.loads(done.stdout.splitlines()[-1])
    assert found[1] == {"children_cpu": 0.0, "ahead": {}}
    assert found[2]["children_cpu"] > 0 and "reuse" in found[2]["ahead"]
    assert "load" in found[2]["ahead"]  # a first build: the file graphs loaded beside the reuse stage (store.FullLoad)
    assert (tmp_path / "1/store/validation.ttl").read_bytes() == (tmp_path / "2/store/validation.ttl").read_bytes()
    graphs = [[line for line in (tmp_path / str(jobs) / "graph.nq").read_text(encoding="utf-8").splitlines()
               if not line.endswith(f"<{BUILD_GRAPH}> .")] for jobs in (1, 2)]  # the build's own graph: its times
    assert graphs[0] == graphs[1] and len(graphs[0]) > 10000
