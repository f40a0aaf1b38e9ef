"""Public Python API: the document parser, and the build and the store of the graph."""
from __future__ import annotations

from pathlib import Path

from loaders.build import BuildReport, build
from loaders.extract import ExtractError, extract_file as _extract_file, extract_text as _extract_text
from loaders.records import DocumentRecord
from loaders.store import open_store


def extract_file(path: str | Path) -> DocumentRecord:
    """The record of one document file; raises ExtractError (path and reason) when unreadable."""
    return _extract_file(path)


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    """The record of a document given as a string; never raises on any string."""
    return _extract_text(text, source)


__all__ = ["extract_file", "extract_text", "ExtractError", "DocumentRecord", "build", "open_store", "BuildReport"]
