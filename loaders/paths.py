"""Where the project's own files live (the repository is installed editable: `pip install -e .`)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
DOCUMENTS = DATA / "documents"
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "queries"
