"""notebooks/explore.ipynb: committed without outputs, and it runs from top to bottom headless
(nbclient) on a fresh store built into a temporary directory, in a temporary working directory."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_committed_notebook_has_no_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c["outputs"] or c["execution_count"])]
    assert not dirty, f"cells {dirty} have outputs: strip them before committing"


def _kernel_for_this_interpreter(root: Path) -> str:
    """A kernelspec that starts this very interpreter (the venv's), found through JUPYTER_PATH,
    so that the test does not depend on what is installed in the user's Jupyter directories."""
    name = "directive-kg-test"
    spec = root / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "directive-kg (test)", "language": "python",
    }))
    return name


def test_notebook_runs_headless(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    kernel = _kernel_for_this_interpreter(tmp_path / "jupyter")
    monkeypatch.setenv("DIRECTIVE_KG_STORE", str(tmp_path / "store"))  # the notebook builds it there
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    before = sorted(p.name for p in NOTEBOOK.parent.iterdir())
    start = time.monotonic()
    # run where a researcher opens it (notebooks/): it must write nothing into the repository
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name=kernel,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and the traceback, if a cell fails
    elapsed = time.monotonic() - start
    assert sorted(p.name for p in NOTEBOOK.parent.iterdir()) == before, "the notebook wrote into notebooks/"

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4, "expected the chain, the lag plot, the assignment diagram and the uptake"
    tables = "\n".join(o["data"].get("text/plain", "") for o in outputs if "data" in o)
    for expected in ("propagation-tree", "963-CV/TU", "2644-CV/TU", "11-CV/HU", "Ban Tuyên giáo Tỉnh ủy Ninh Bình"):
        assert expected in tables, expected
    assert (tmp_path / "store" / "oxigraph").is_dir()
    printed = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "chain-10-DM.graphml" in printed and str(NOTEBOOK.parent) not in printed  # a temporary folder
    assert elapsed < 120, f"the notebook took {elapsed:.0f} s"
