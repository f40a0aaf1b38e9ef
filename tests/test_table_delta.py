"""The tables of an add (directive_kg.table_delta, doc_tables.update_doc_table, issue 15): a build that
changes some files computes again only the per-document rows a changed triple reaches and copies the
other lines from the last build's file; every table file it leaves is byte for byte the one a fresh
whole build of the same corpus writes (the metadata but its build stamp too). The steps change one
store in turn: nothing, files added, a file changed, files removed."""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from directive_kg import doc_tables, listing_delta, listings, table_delta
from directive_kg import queries as Q
from loaders.build import build
from loaders.shacl_sparql import reach_with_constants
from loaders.store import open_store
from tests.test_listings import table_files

ROOT = Path(__file__).resolve().parent.parent


def _generate(out: Path, docs: int, seed: int) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(docs), "--out", str(out),
                    "--seed", str(seed), "--noise", "0.1", "--no-gold"], check=True, capture_output=True)
    return out


def _added(corpus: Path, extra: Path) -> None:
    shutil.copytree(extra, corpus / "added")


def _changed(corpus: Path, extra: Path) -> None:
    """One document loses the second half of its text (its tasks, citations, passages)."""
    victim = sorted(corpus.glob("*.txt"))[3]
    lines = victim.read_text(encoding="utf-8").splitlines(keepends=True)
    victim.write_text("".join(lines[:len(lines) // 2]), encoding="utf-8")


def _removed(corpus: Path, extra: Path) -> None:
    shutil.rmtree(corpus / "added")
    for f in sorted(corpus.glob("*.txt"))[::9]:
        f.unlink()


def _unchanged(corpus: Path, extra: Path) -> None:
    """The same files: nothing is reached, every line is kept."""


STEPS = [("unchanged", _unchanged), ("add", _added), ("change", _changed), ("remove", _removed)]


def _tables(store: Path) -> dict[str, object]:
    """Every table file's bytes; the metadata as JSON without its build stamp and measured costs."""
    return table_files(store / "tables", stamp=False)


@pytest.fixture(scope="module")
def steps(tmp_path_factory, request):
    """For each step: (the tables of the store changed step by step, those of a fresh build, the
    per-document tables updated rather than written whole)."""
    tmp = tmp_path_factory.mktemp("table-delta")
    corpus = _generate(tmp / "corpus", 80, 7)
    extra = _generate(tmp / "extra", 20, 8)
    store = tmp / "store"
    build(corpus, store, progress=False, jobs=1)
    out = {}
    # every listing a change reaches is updated, whatever share of its rows and whatever its walk costs (a
    # real build writes one whole above listing_delta.REACH or table_delta.walk_budget: the same files): the update is
    # what is tested
    patch = pytest.MonkeyPatch()
    patch.setattr(listing_delta, "REACH", 10.0 ** 9)
    # likewise every per-document table a change reaches (a real add writes one whole above its share)
    patch.setattr(doc_tables, "SPECS", {name: replace(spec, share=1.0) for name, spec in doc_tables.SPECS.items()})
    patch.setattr(table_delta, "STEP_CPU", 10.0 ** -30)  # and however many look-ups its walk makes
    patch.setattr(table_delta.Cost, "share", lambda self, default: default)  # whatever its last update cost
    request.addfinalizer(patch.undo)  # also on a failure; undone below once the builds are made
    for name, step in STEPS:
        step(corpus, extra)
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        loggers = [logging.getLogger(m.__name__) for m in (doc_tables, listing_delta)]
        old_levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        try:
            build(corpus, store, progress=False, jobs=1)
        finally:
            for logger, level in zip(loggers, old_levels):
                logger.removeHandler(handler)
                logger.setLevel(level)
        fresh = tmp / f"fresh-{name}"
        build(corpus, fresh, progress=False, jobs=1)
        # (module, table, whether any of its rows or documents was computed again)
        updated = {(r.name, r.args[0], r.args[1] > 0) for r in records if "computed again" in r.msg}
        metas = {f.name: json.loads(f.read_bytes()) for f in (store / "tables").glob("*.json")}
        costs = {name: (meta.get("cpu_line", 0), meta.get("cpu_bound")) for name, meta in metas.items() if meta["rows"]}
        out[name] = (_tables(store), _tables(fresh), updated, costs)
    patch.undo()  # the other tests see the real rule
    return out


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_the_tables_of_a_change_are_those_of_a_whole_build(steps, step):
    changed, fresh, updated, _costs = steps[step]
    assert sorted(changed) == sorted(fresh)
    assert [name for name in fresh if changed[name] != fresh[name]] == []
    assert {module for module, _table, _rows in updated} == {doc_tables.__name__, listing_delta.__name__}, \
        "no per-document or no listing table was updated: the test would not test the update"


def test_every_keyed_listing_is_updated_in_place_by_some_step(steps):
    """The listings a step reaches few rows of are updated, not written whole, rows computed again
    (a walk that grows too far writes a table whole in one step, table_delta.GROWTH; not in every step)."""
    updated = {table for _tables, _fresh, found, _costs in steps.values() for module, table, computed in found
               if module == listing_delta.__name__ and computed}
    assert updated == {spec.query for spec in listing_delta.specs()}


def test_every_per_document_table_is_updated_in_place_by_some_step(steps):
    """Each per-document table some step reaches is updated, its reached documents' rows computed again
    by the bound queries (doc_tables.bound), the other lines copied: what the equality above tests."""
    updated = {table for _tables, _fresh, found, _costs in steps.values() for module, table, computed in found
               if module == doc_tables.__name__ and computed}
    assert updated == set(doc_tables.SPECS)


def test_a_build_sets_the_tables_aside_before_it_changes_the_store(tmp_path):
    """set_aside (the build's first step) removes every table's metadata, so a build stopped after
    it leaves no table; it returns the metadata of the store's current build only."""
    corpus = _generate(tmp_path / "corpus", 12, 3)
    build(corpus, tmp_path / "store", progress=False, jobs=1, reuse=False)
    (tmp_path / "store" / "tables" / "stale.json").write_text(json.dumps({"stamp": "1999-01-01T00:00:00+00:00"}))
    with open_store(tmp_path / "store", read_only=False) as kg:
        assert listings.table_info(kg.path, Q.load_query("documents"), kg.store) is not None
        last = listings.set_aside(kg.path, kg.store)
        assert "documents.json" in last and "reuse-levels.doc.json" in last and "stale.json" not in last
        assert listings.table_info(kg.path, Q.load_query("documents"), kg.store) is None
        assert doc_tables.table_info(kg.path, Q.load_query("reuse-levels"), kg.store) is None
    assert not list((tmp_path / "store" / "tables").glob("*.json"))


_P = "PREFIX ex: <http://example.org/>\n"


@pytest.mark.parametrize("query, predicates", [
    (_P + "SELECT * WHERE { VALUES ?p { ex:a ex:b } ?this ?p ?x }", {"http://example.org/a", "http://example.org/b"}),
    (_P + "SELECT * WHERE { ?this ?p ?x }", {None}),
    (_P + "SELECT * WHERE { VALUES ?p { ex:a } ?this ex:c ?y . ?y ?p ?x }", {"http://example.org/a", "http://example.org/c"}),
])
def test_a_predicate_variable_bound_by_values_reaches_only_its_iris(query, predicates):
    """A table's rows read `?document_iri ?via ?parent` with ?via bound by VALUES: the changed
    triples that can reach it are those of its IRIs, not of every predicate."""
    assert {p for p, *_ in reach_with_constants(query).near} == predicates


def _named(x):
    return x.removeprefix("?") if isinstance(x, str) else x  # an rdflib Variable is a str


@pytest.mark.parametrize("query, back", [
    # a chain: each edge stepped back from its far end toward ?this, along its own predicate only
    (_P + "SELECT * WHERE { ?c ex:of ?this . ?c ex:ev ?a . ?a ex:quote ?q }",
     {("c", "of", "o", "this"), ("a", "ev", "s", "c"), ("q", "quote", "s", "a")}),
    # UNION: ?y lies 2 edges away in one branch, 1 in the other: both ways back kept
    (_P + "SELECT * WHERE { { ?this ex:p ?x . ?x ex:q ?y } UNION { ?this ex:r ?y } }",
     {("x", "p", "s", "this"), ("y", "q", "s", "x"), ("y", "r", "s", "this")}),
    # two ways of one length: both kept; an edge between two variables as far: not a step back
    (_P + "SELECT * WHERE { ?this ex:p ?x . ?this ex:q ?y . ?x ex:r ?y }",
     {("x", "p", "s", "this"), ("y", "q", "s", "this")}),
])
def test_a_walk_steps_back_along_the_patterns_own_edges(query, back):
    """shacl_sparql.positions: a node at a variable steps back only along the edges that lead from
    it toward ?this, one edge nearer each step (not every predicate of the query, as Reach)."""
    from loaders.shacl_sparql import positions

    found = positions(query)
    assert {(_named(a), p.removeprefix("http://example.org/"), side, _named(b)) for a, p, side, b in found.back} == back


def test_a_passage_is_asked_only_the_edge_toward_the_focus():
    """implicit-citations reads an evidence node's quote, start and end: an add's reuse passages (that
    have them too) are each asked one look-up, the evidence pointing to them, and reach no document;
    the rows of a citation's document whose evidence is added are reached."""
    import pyoxigraph as ox

    from loaders.validate_scope import Delta

    spec = listing_delta.keyed(Q.load_query("implicit-citations"))
    citation = [("c", _DKG + "citingDocument", "d"), ("c", _DKG + "citedDocument", "e"),
                ("c", _DKG + "explicit", f'"false"^^<{_XSD}boolean>'), ("c", _DKG + "evidence", "ev")]
    evidence = [("ev", _DKG + "quote", '"q"'), ("ev", _DKG + "start", f'"0"^^<{_XSD}integer>'),
                ("ev", _DKG + "end", f'"1"^^<{_XSD}integer>')]
    added = evidence + _reuse("r", "d", "e") + [("r-0", _DKG + "quote", '"q"'), ("r-1", _DKG + "quote", '"q"')]
    store = ox.Store()
    store.load(_nt(_doc("d", None) + _doc("e", None) + citation + added), format=ox.RdfFormat.N_TRIPLES)
    change = table_delta.Change({}, Delta([_nt(added)]))
    found = table_delta.reached(store, change, spec.rows, None)
    assert found == {"urn:x:d"}
    for passage in ("<urn:x:r-0>", "<urn:x:r-1>"):
        assert {(p, side) for n, p, side in change.seen if n == passage} == {(_DKG + "evidence", "s")}


_ELI, _DKG = "http://data.europa.eu/eli/ontology#", "https://w3id.org/directive-kg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _doc(name: str, parent: str | None) -> list[tuple]:
    found = [(name, _ELI + "id_local", f'"{name}"'), (name, _ELI + "date_document", f'"2020-01-01"^^<{_XSD}date>')]
    return found + ([(name, _ELI + "ensures_implementation_of", parent)] if parent else [])


def _reuse(name: str, *docs: str) -> list[tuple]:
    found = [(name, _RDF_TYPE, _DKG + "TextReuse"), (name, _DKG + "similarity", f'"0.97"^^<{_XSD}decimal>')]
    for k, d in enumerate(docs):
        passage = f"{name}-{k}"
        found += [(name, _DKG + "passage", passage), (passage, _DKG + "passageOf", d),
                  (passage, _DKG + "start", f'"0"^^<{_XSD}integer>'), (passage, _DKG + "end", f'"40"^^<{_XSD}integer>')]
    return found


def _nt(triples) -> str:
    term = (lambda x: x if x.startswith('"') else f"<urn:x:{x}>" if ":" not in x else f"<{x}>")
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


_SIBLINGS = [t for k in range(8) for t in _doc(f"s{k}", "p")] + _doc("p", None) + _reuse("old", "s3", "s4")
_CHAIN = _doc("a", None) + [t for k in range(6) for t in _doc(f"a{k}", "a")] + _doc("c", "b")


@pytest.mark.parametrize("table, before, added, reached_docs", [
    # a child added to a parent of many children shares a passage with one sibling: that sibling's row
    # changes (its source), the other siblings' do not (reached by their parent, they were all walked)
    ("reuse-levels", _SIBLINGS, _doc("new", "p") + _reuse("r", "new", "s1"), {"new", "s1"}),
    ("propagation-tree", _SIBLINGS, _doc("new", "p"), {"new"}),
    # a document added in the middle of a chain: its child's row reads its identifier and date
    ("propagation-tree", _CHAIN, _doc("b", "a"), {"b", "c"}),
    ("reuse-levels", _CHAIN, _doc("b", "a"), {"b", "c"}),
])
def test_an_add_reaches_the_documents_whose_rows_change_only(table, before, added, reached_docs):
    import pyoxigraph as ox

    from directive_kg.table_delta import Change, reached
    from loaders.validate_scope import Delta

    store = ox.Store()
    store.load(_nt(before + added), format=ox.RdfFormat.N_TRIPLES)
    spec = doc_tables.SPECS[table]
    documents = {s for s, p, _o in before + added if p == _ELI + "id_local"}
    found = reached(store, Change({}, Delta([_nt(added)])), spec.rows, spec.reads)
    assert {iri.removeprefix("urn:x:") for iri in found} & documents == reached_docs


@pytest.mark.parametrize("limit, counting, whole", [
    (2, "documents", False),  # new and s1: within the limit, though the walk met 5 nodes (passages, the reuse)
    (1, "documents", True),   # the changed ends counted too
    (1, "nodes", False),      # without `counted`: the nodes beyond the changed ends (none here)
])
def test_a_walk_limit_counts_what_the_table_counts(limit, counting, whole):
    """A per-document table's walk passes its limit by the documents it reaches (doc_tables counts the
    table's documents, as update_doc_table's share does), not by the passages and reuses that join them."""
    import pyoxigraph as ox

    from directive_kg.table_delta import Change, reached
    from loaders.validate_scope import Delta

    added = _doc("new", "p") + _reuse("r", "new", "s1")
    store = ox.Store()
    store.load(_nt(_SIBLINGS + added), format=ox.RdfFormat.N_TRIPLES)
    spec = doc_tables.SPECS["reuse-levels"]
    documents = {f"<urn:x:{s}>" for s, p, _o in _SIBLINGS + added if p == _ELI + "id_local"}
    counted = (lambda nodes: len(set(nodes) & documents)) if counting == "documents" else None
    found = reached(store, Change({}, Delta([_nt(added)])), spec.rows, spec.reads, limit, counted)
    assert (found is None) == whole
    if found is not None:
        assert {iri.removeprefix("urn:x:") for iri in found} & {d[7:-1] for d in documents} == {"new", "s1"}


@pytest.mark.parametrize("budget, whole", [(0, True), (1, True), (10 ** 9, False), (None, False)])
def test_a_walk_costing_more_look_ups_than_its_budget_is_not_made(budget, whole):
    """A walk whose look-ups would pass its budget (table_delta.walk_budget: the whole write costs less)
    gives the table up to a whole write; within it, or unbudgeted, it is walked."""
    import pyoxigraph as ox

    from loaders.validate_scope import Delta

    added = _doc("new", "p") + _reuse("r", "new", "s1")
    store = ox.Store()
    store.load(_nt(_SIBLINGS + added), format=ox.RdfFormat.N_TRIPLES)
    spec = doc_tables.SPECS["reuse-levels"]
    found = table_delta.reached(store, table_delta.Change({}, Delta([_nt(added)])), spec.rows, spec.reads, 10,
                                budget=budget)
    assert (found is None) == whole


@pytest.mark.parametrize("meta, lines, line", [
    (None, 100, table_delta.LINE_CPU),             # no metadata: the default a line
    ({"rows": 100}, 100, table_delta.LINE_CPU),    # a table written before lines were measured
    ({"cpu_line": 0.002}, 100, 0.002),             # what its last whole write measured
    ({"cpu_line": 0.002}, 0, 0.002),
    ({"cpu_line": -1}, 100, table_delta.LINE_CPU),
])
def test_a_walk_budget_is_the_whole_write_in_look_ups(meta, lines, line):
    assert table_delta.Cost.of(meta).line == line
    assert table_delta.walk_budget(meta, lines) == int(lines * line / table_delta.STEP_CPU)


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_a_table_keeps_what_a_line_of_its_whole_write_cost(steps, step):
    """Every table with lines holds in its metadata what a line of its last whole write cost (an update
    in place carries it): the next add weighs its walk against it."""
    _changed, _fresh, updated, costs = steps[step]
    assert costs and all(line > 0 for line, _bound in costs.values()), costs
    # a per-document table updated with lines computed again keeps what a document of them cost
    for module, table, computed in updated:
        if module == doc_tables.__name__ and computed:
            assert costs[f"{table}{doc_tables.SUFFIX}.json"][1] > 0, table


@pytest.mark.parametrize("meta, default, share", [
    (None, 0.3, 0.3),                                   # nothing measured: the spec's share
    ({"cpu_line": 0.001}, 0.3, 0.3),                    # no update measured yet
    ({"cpu_line": 0.001, "cpu_bound": 0.004}, 0.3, 0.25),  # a line computed again costs 4 whole lines
    ({"cpu_line": 0.001, "cpu_bound": 0.0005}, 0.3, 1.0),  # cheaper in place than whole: any share
])
def test_the_share_updated_in_place_is_what_costs_the_whole_write(meta, default, share):
    assert table_delta.Cost.of(meta).share(default) == pytest.approx(share)
@pytest.mark.parametrize("text, order", [
    ("SELECT ?a ?o WHERE { ?a ?p ?o } ORDER BY ?a DESC(?o)", (("a", False), ("o", True))),
    ("SELECT ?a ?o WHERE { ?a ?p ?o } ORDER BY ASC( ?a ) ?o", (("a", False), ("o", False))),
    ("SELECT ?a WHERE { ?a ?p ?o } ORDER BY STR(?a)", None),
    ("SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 3", None),
    ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a } }", None),  # a sub-select's
    # a comment, a string or an IRI is no clause
    ("# ORDER BY ?x\nSELECT ?a WHERE { ?a <urn:o#rder> \"} ORDER BY ?b\" } ORDER BY ?a # by ?x", (("a", False),)),
])
def test_the_order_of_a_listing(text, order):
    assert listing_delta._order(Q.without_comments(text), Q.top_tokens(Q.without_comments(text))) == order


def _keys_line(iri: str, cells: list) -> bytes:
    return json.dumps([iri, cells], ensure_ascii=False).encode("utf-8") + b"\n"


@pytest.mark.parametrize("kept, new, desc", [
    # (key IRI, ORDER BY cells) of the kept old rows (in their order) and of the rows computed again
    ([("urn:a", [1]), ("urn:b", [3]), ("urn:c", [5])], [("urn:d", [0]), ("urn:e", [4]), ("urn:f", [9])], (False,)),
    ([("urn:a", [1]), ("urn:b", [3]), ("urn:c", [3])], [("urn:d", [3]), ("urn:e", [3])], (False,)),  # ties: kept first
    ([("urn:a", [5, "x"]), ("urn:b", [5, "y"]), ("urn:c", [2, "a"])], [("urn:d", [5, "xa"]), ("urn:e", [1, "z"])],
     (True, False)),
    ([], [("urn:a", [2]), ("urn:b", [1])], (False,)),
    ([("urn:a", [2]), ("urn:b", [1])], [], (True,)),
])
def test_rows_computed_again_are_merged_where_the_whole_sort_puts_them(kept, new, desc):
    def entry(key, cells):
        return f"line {key}\n".encode(), _keys_line(key, cells), listing_delta._Sorted(cells, desc)
    old = [entry(k, c) for k, c in kept]
    fresh = sorted((entry(k, c) for k, c in new), key=lambda e: e[2])
    expected = sorted(old + fresh, key=lambda e: e[2])  # stable: a kept row before a new one it ties with
    got = listing_delta._merged(([e[0] for e in old], [e[1] for e in old]), list(range(len(old))), fresh, desc)
    assert got == ([e[0] for e in expected], [e[1] for e in expected])


@pytest.mark.parametrize("iri", ["https://w3id.org/directive-kg/id/doc/tinh-uy-ninh-binh/2020/2644-cv-tu",
                                 "urn:x:Nghị-quyết/số'1", "http://example.org/a%22b?q=1&r=ĐM"])
def test_the_key_iri_of_a_keys_line_is_read_from_its_bytes(iri):
    assert listing_delta._key_iri(_keys_line(iri, [["x", 1]])) == iri
