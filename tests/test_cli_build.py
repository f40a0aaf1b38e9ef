"""What `directive-kg build` prints about files set aside: every one, up to ten per reason."""
from __future__ import annotations

import pytest

from directive_kg.cmd_build import SHOWN_PER_REASON, set_aside_lines
from loaders.build import FileOutcome


def _aside(n: int, reason: str, prefix: str) -> list[FileOutcome]:
    return [FileOutcome(f"{prefix}{i:03}.txt", "set aside", reason) for i in range(n)]


@pytest.mark.parametrize("counts, expected_lines", [
    ({"empty": 1}, 1),
    ({"empty": SHOWN_PER_REASON}, SHOWN_PER_REASON),
    ({"empty": SHOWN_PER_REASON + 1}, SHOWN_PER_REASON + 1),     # ten, then "1 more"
    ({"empty": 500, "annotation": 3}, SHOWN_PER_REASON + 1 + 3),
    ({}, 0),
])
def test_set_aside_lines_are_capped_per_reason(counts, expected_lines):
    files = [f for reason, n in counts.items() for f in _aside(n, reason, reason)]
    lines = set_aside_lines(files)
    assert len(lines) == expected_lines
    for reason, n in counts.items():
        named = [line for line in lines if line.endswith(f": {reason}")]
        assert len(named) == min(n, SHOWN_PER_REASON)
        if n > SHOWN_PER_REASON:
            assert f"  set aside: {n - SHOWN_PER_REASON} more files: {reason} (every file in build-report.txt)" in lines


def test_the_first_files_of_a_reason_are_named_in_order():
    files = _aside(12, "empty", "f")
    assert set_aside_lines(files)[:2] == ["  set aside: f000.txt: empty", "  set aside: f001.txt: empty"]
