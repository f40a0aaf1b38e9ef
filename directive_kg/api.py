"""Public Python API of the document parser."""
from __future__ import annotations

from pathlib import Path

from loaders.extract import ExtractError, extract_file as _extract_file, extract_text as _extract_text
from loaders.records import DocumentRecord


def extract_file(path: str | Path) -> DocumentRecord:
    """The record of one document file; raises ExtractError (path and reason) when unreadable."""
    return _extract_file(path)


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    """The record of a document given as a string; never raises on any string."""
    return _extract_text(text, source)


__all__ = ["extract_file", "extract_text", "ExtractError", "DocumentRecord"]
