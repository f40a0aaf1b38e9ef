"""directive-kg: a knowledge graph of the Vietnamese directive chain.

The public names come from directive_kg.api on first use (PEP 562), so that `directive-kg query` and
`--help`, which import this package, do not load the build pipeline (pySHACL, rdflib, the parser)."""
from __future__ import annotations

__all__ = ["extract_file", "extract_text", "ExtractError", "DocumentRecord", "build", "open_store", "BuildReport"]


def __getattr__(name: str):
    if name in __all__:
        from directive_kg import api
        return getattr(api, name)
    raise AttributeError(f"module 'directive_kg' has no attribute {name!r}")
