"""directive-kg: a knowledge graph of the Vietnamese directive chain.

The public names are imported on first use (PEP 562), so that `directive-kg query` and `--help`,
which import this package, do not load the build pipeline (pySHACL, rdflib, the parser)."""
from __future__ import annotations

_FROM = {
    "directive_kg.api": ("extract_file", "extract_text", "ExtractError", "DocumentRecord", "build", "open_store",
                         "BuildReport"),
    "directive_kg.queries": ("run", "load_query", "list_queries", "QueryResult"),
}
__all__ = [name for names in _FROM.values() for name in names]


def __getattr__(name: str):
    for module, names in _FROM.items():
        if name in names:
            import importlib
            return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module 'directive_kg' has no attribute {name!r}")
