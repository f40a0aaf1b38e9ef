#!/usr/bin/env python3
"""What an add leaves, as digests to compare between code versions: the store's sorted N-Quads (the build graph
aside), the reuse cache's parts (read by this checkout's _load_cache) and reuse-passages.npz's arrays.

    python bench/reuse_digest.py STORE   (helper addreuse22: bench/README.md)"""
import hashlib, pickle, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import numpy as np
from loaders.store import open_store, sorted_nquads
from loaders.reuse_graph import _load_cache, CACHE_FILE
from loaders.reuse import Params
store = Path(sys.argv[1])
h = lambda b: hashlib.sha256(b).hexdigest()[:16]
with open_store(store, read_only=True) as kg:
    text = sorted_nquads(kg.store)
print("nquads", text.count("\n"), h(text.encode()))
c = _load_cache(store / CACHE_FILE, Params())
for k in ("pairs", "owners", "lengths", "common"):
    print(k, len(c[k]), h(pickle.dumps(list(c[k].items()))))
for k in ("signatures", "windows"):
    print(k, len(c[k]), h(b"".join(c[k][s].tobytes() for s in c[k]) + "".join(c[k]).encode()))
print("shingles", h(b"".join(c["shingles"][s].distinct.tobytes() + c["shingles"][s].at.tobytes() for s in c["shingles"])))
print("common_grams", h(c["common_grams"].tobytes()))
z = np.load(store / "reuse-passages.npz")
print("npz", {k: h(z[k].tobytes()) for k in ("passages", "documents", "digest")})
