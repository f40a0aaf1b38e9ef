#!/usr/bin/env python3
"""Can an add resolve only the part of the corpus its files touch? The records of a corpus grouped into
what resolve() can couple (union-find over keys each record touches), under three rules:

    python bench/resolve_components.py CORPUS STORE [--added added/]

- coupled: what resolve() reads across records: the authority of every identity and citation (issuer-
  date-type and issuer-subject matching look at every node of an authority), the (authority, number)
  keys (the years of an undated number), the IRIs of identities and citations (a node's fields);
- numbers and IRIs: without the authorities (a lower bound of the coupling: subject and date matching
  left out);
- IRIs only: records that share a document node.
Prints per rule the components and the records of the largest, and the keys most records share.

STORE: a built store whose extraction cache holds CORPUS's records (a copy: the read stage keeps its
slim records beside the cache).

Branch addres17 (2026-12-07, /work/corpora/10000, 10,102 records): ONE component under each of the three
rules (every record in it): the central documents (Trung ương's directives, cited by most local files)
join every file, so a partition by what can interact leaves nothing to reuse; an add's resolution can
only be incremental phase by phase (bench/README.md, issue 15: an add's read and map).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import build  # noqa: E402
from loaders import identity as ids  # noqa: E402
from loaders import resolve  # noqa: E402

RULES = ("coupled", "numbers and IRIs", "IRIs only")


def record_keys(docs, names) -> list[dict[str, set[str]]]:
    """Per record, per kind ("a" authority, "n" number key, "i" IRI), the keys it touches."""
    out = []
    for k, d in enumerate(docs):
        keys: dict[str, set[str]] = {"a": set(), "n": set(), "i": set()}
        for ident in filter(None, resolve._loaded_identities(d, k, names)):
            keys["a"].add(resolve._slug(ident.authority or ""))
            keys["i"].add(ids.document_iri(ident))
            if ident.number:
                keys["n"].add("/".join(resolve._number_key(ident.authority, ident.number)))
        for i, c in enumerate(d.record.cited_documents):
            issuer = names.body(k, c.issuer)
            m = resolve._Mention(k, i, c, issuer, names.authority(k, issuer), d.record.date, None)
            keys["a"].add(resolve._slug(m.authority or ""))
            keys["i"].add(ids.document_iri(resolve._cited_identity(m)))
            if c.number:
                keys["n"].add("/".join(resolve._number_key(m.authority, c.number)))
        out.append(keys)
    return out


def components(keys: list[dict[str, set[str]]], kinds: str) -> list:
    """The component of each record (union-find over the keys of ``kinds``)."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, per in enumerate(keys):
        for kind in kinds:
            for key in per[kind]:
                a, b = find(("r", k)), find((kind, key))
                if a != b:
                    parent[a] = b
    return [find(("r", k)) for k in range(len(keys))]


def changed_by_add(loaded, added: set[int]) -> None:
    """What the add changes of the last build's Resolution (resolve() of the records without the added
    ones): the old files whose ResolvedDocument, the nodes and bodies that differ: what an exact
    incremental resolution must compute again; the rest it could keep."""
    old = [d for k, d in enumerate(loaded) if k not in added]
    before, after = resolve.resolve(old), resolve.resolve(loaded)
    by_path = {d.path: rd for d, rd in zip(loaded, after.documents)}
    files = sum(1 for d, rd in zip(old, before.documents) if by_path[d.path] != rd)
    nodes = sum(1 for iri, n in before.nodes.items() if after.nodes.get(iri) != n)
    new_nodes = sum(1 for iri in after.nodes if iri not in before.nodes)
    bodies = sum(1 for iri, b in before.bodies.items() if after.bodies.get(iri) != b)
    how = Counter()
    for d, rd in zip(old, before.documents):
        now = by_path[d.path]
        if now != rd:
            how.update(f"{a.method}->{b.method}" + (" (target)" if a.target != b.target else "")
                       for a, b in zip(rd.citations, now.citations) if a != b)
            how.update(f for f in ("iri", "copy_iri", "bodies", "locality") if getattr(rd, f) != getattr(now, f))
    print(f"  the add changes: {files} of {len(old)} old files' ResolvedDocument; {nodes} of {len(before.nodes)} "
          f"old nodes ({new_nodes} new); {bodies} of {len(before.bodies)} old bodies "
          f"({len(after.bodies) - len(before.bodies)} new)")
    print("  of which citations (method before -> after) and fields: " + "; ".join(f"{k} {n}" for k, n in how.most_common()))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--added", help="the files added (their names' start, e.g. added/): the records they couple")
    args = ap.parse_args(argv)
    _, loaded, _ = build.read_stage(args.corpus, args.store, 2, build._Progress(False), build.FILE_TIMEOUT,
                                    ("auto", str(args.store / "ocr-cache")))
    keys = record_keys(loaded, resolve._Names(loaded))
    print(f"{len(loaded)} records")
    added = [k for k, d in enumerate(loaded) if d.path.startswith(args.added)] if args.added else []
    for rule, kinds in zip(RULES, ("ani", "ni", "i")):
        of = components(keys, kinds)
        sizes = Counter(of)
        touched = {of[k] for k in added}
        print(f"  {rule}: {len(sizes)} components, the largest {[n for _, n in sizes.most_common(3)]} records"
              + (f"; the {len(added)} files under {args.added} touch {len(touched)} of them, "
                 f"{sum(sizes[c] for c in touched)} records" if added else ""))
    if added:
        changed_by_add(loaded, set(added))
    cited = [c for d in loaded for c in d.record.cited_documents]
    print(f"  citations {len(cited)}, without a number (matched by authority: date or subject) "
          f"{sum(1 for c in cited if not c.number)}, in {sum(1 for d in loaded if any(not c.number for c in d.record.cited_documents))} records")
    for kind in "ani":
        shared = Counter(key for per in keys for key in per[kind])
        print(f"  most shared {kind} keys: " + "; ".join(f"{key} ({n})" for key, n in shared.most_common(3)))


if __name__ == "__main__":
    main()
