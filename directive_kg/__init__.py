"""directive-kg: a knowledge graph of the Vietnamese directive chain."""
from directive_kg.api import DocumentRecord, ExtractError, extract_file, extract_text

__all__ = ["extract_file", "extract_text", "ExtractError", "DocumentRecord"]
