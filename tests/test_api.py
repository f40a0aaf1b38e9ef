"""The public Python API (`import directive_kg`): what a caller sees, end to end."""
from __future__ import annotations

import pytest

import directive_kg
from loaders.paths import DOCUMENTS

# a document loaded from a file of the corpus (not only known by citation)
ASK_LOADED = """PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
ASK {{ ?doc a dkg:Document ; eli:id_local "{number}" ; dkg:sourceFile ?file }}"""


@pytest.mark.parametrize("name, content, reason", [
    ("missing.txt", None, "file not found"),
    ("noise.bin", bytes(range(256)) * 10, "binary file"),
])
def test_extract_file_names_the_file_and_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(directive_kg.ExtractError) as raised:
        directive_kg.extract_file(path)
    assert raised.value.path == str(path)
    assert reason in raised.value.reason


def test_build_then_open_store_and_query(tmp_path):
    report = directive_kg.build(DOCUMENTS, tmp_path / "store", progress=False)
    assert isinstance(report, directive_kg.BuildReport)
    assert len(report.files) == len(list(DOCUMENTS.glob("*.txt")))
    with directive_kg.open_store(tmp_path / "store") as store:
        assert bool(store.query(ASK_LOADED.format(number="2644-CV/TU")))
        assert not bool(store.query(ASK_LOADED.format(number="2644-CV/XX")))


def test_run_is_importable_from_the_package(tmp_path):
    """`from directive_kg import run` (issue 16): the saved questions from the package itself."""
    from directive_kg import run

    directive_kg.build(DOCUMENTS, tmp_path / "store", progress=False)
    rows = run("propagation-tree", {"doc": "10/DM"}, store=tmp_path / "store").rows
    assert {r["document"] for r in rows} == {"963-CV/TU", "2644-CV/TU", "11-CV/HU", "2458-CV/ĐUK"}
