"""`directive-kg --help` and `directive-kg query` start without the build pipeline (issue 15): no
loaders.build, pySHACL, rdflib, matplotlib or parser imported (checked in a fresh interpreter)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("loaders.build", "loaders.validate", "loaders.extract", "loaders.to_rdf", "loaders.resolve",
         "pyshacl", "rdflib", "matplotlib", "pandas")

PROBE = """
import json, sys
sys.argv = ["directive-kg", *json.loads(sys.argv[1])]
from directive_kg.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          timeout=60)
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


@pytest.mark.parametrize("args", [("--help",), ("query", "--help"), ("queries",)])
def test_cli_does_not_import_the_build_pipeline(args):
    loaded = imported(*args)
    assert "directive_kg.cli" in loaded
    assert not [m for m in HEAVY if m in loaded], sorted(m for m in HEAVY if m in loaded)


def test_a_query_on_a_store_does_not_import_it(tmp_path):
    loaded = imported("query", "documents", "--store", str(tmp_path / "no-store"))
    assert "directive_kg.queries" in loaded
    assert not [m for m in HEAVY if m in loaded]


def test_the_public_api_still_imports_lazily():
    import directive_kg
    assert callable(directive_kg.build) and callable(directive_kg.extract_text)
    with pytest.raises(AttributeError):
        directive_kg.no_such_name  # noqa: B018
