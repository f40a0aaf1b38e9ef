"""directive-kg: a knowledge graph of the Vietnamese directive chain."""
from directive_kg.api import (BuildReport, DocumentRecord, ExtractError, build, extract_file, extract_text,
                              open_store)
from directive_kg.queries import QueryResult, list_queries, load_query, run

__all__ = ["extract_file", "extract_text", "ExtractError", "DocumentRecord", "build", "open_store", "BuildReport",
           "run", "load_query", "list_queries", "QueryResult"]
