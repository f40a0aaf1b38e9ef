"""Where the project's own files live (the repository is installed editable: `pip install -e .`)."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
DOCUMENTS = DATA / "documents"
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "queries"


def user_cache(kind: str) -> Path:
    """A cache of this user's, kept between stores and builds: $XDG_CACHE_HOME (else ~/.cache)/directive-kg/``kind``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "directive-kg" / kind
