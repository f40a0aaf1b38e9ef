"""The public Python API (`import directive_kg`): what a caller sees, end to end."""
from __future__ import annotations

import pytest

import directive_kg


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
