"""Build progress: a tqdm bar per long stage (count, rate, ETA) on stderr; nothing when disabled or
when stderr is not a terminal."""
from __future__ import annotations

import re
from pathlib import Path

from loaders.build import build
from loaders.read import discover

DOCUMENTS = Path(__file__).resolve().parent.parent / "data" / "documents"


def test_progress_bars_name_each_stage_with_counts(tmp_path, capsys):
    files = len(discover(DOCUMENTS))
    report = build(DOCUMENTS, tmp_path / "store", progress=True)
    err = capsys.readouterr().err
    for stage in ("reading and extracting", "resolving and mapping", "finding text reuse",
                  "loading the store", "validating (SHACL)"):
        assert stage in err
    assert f"{files}/{files}" in err  # one tick per file read
    graphs = re.findall(r"loading the store: 100%.*? (\d+)/(\d+)", err)
    assert graphs and graphs[-1][0] == graphs[-1][1] == str(len(report.sync.written))
    checks = re.findall(r"validating \(SHACL\): 100%.*? (\d+)/(\d+)", err)
    assert checks and checks[-1][0] == checks[-1][1] and int(checks[-1][1]) > 10  # a total of checks
    assert re.search(r"finding text reuse: 100%.*? (\d+)/\1", err)  # pairs aligned, of a total
    assert re.search(r"\d+(\.\d+)?(file|check)s?/s", err)  # a rate


def test_no_progress_when_disabled_or_not_a_terminal(tmp_path, capsys):
    build(DOCUMENTS, tmp_path / "off", progress=False)
    assert capsys.readouterr().err == ""
    build(DOCUMENTS, tmp_path / "auto")  # progress=None: stderr is captured, not a terminal
    assert capsys.readouterr().err == ""
