"""The streaming build (issue 15): mapped a batch of files at a time into a file on disk, loaded and
validated from it. The same graph as mapping the corpus at once, byte for byte, whatever the batch;
the same SHACL results as validating the whole merged graph."""
from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.build import build
from loaders.extract import extract_file
from loaders.paths import ONTOLOGY
from loaders.resolve import LoadedDocument, resolve
from loaders.spool import GraphSpool, file_batches
from loaders.to_rdf import map_corpus
from loaders.store import merged_in_memory, open_store, sorted_nquads
from loaders.to_rdf import corpus_graphs
from loaders.validate import BatchChecks, validate, validate_batches

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "shapes").glob("*.ttl"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """20 generated documents, 20 % of them saved twice (other bytes), and the seed documents."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "20", "--out", str(out),
                    "--seed", "3", "--noise", "0.1", "--duplicates", "0.2"], check=True, capture_output=True)
    for doc in sorted((ROOT / "data" / "documents").glob("*.txt")):
        (out / doc.name).write_bytes(doc.read_bytes())
    return out


def loaded(corpus: Path) -> list[LoadedDocument]:
    return [LoadedDocument(extract_file(p), p.name, hashlib.sha256(p.read_bytes()).hexdigest(), "test")
            for p in sorted(corpus.glob("*.txt"))]


@pytest.mark.parametrize("batch", [1, 7, 1000])
def test_mapped_in_batches_as_at_once(corpus, tmp_path, batch):
    docs = loaded(corpus)
    whole = corpus_graphs(docs)
    with GraphSpool(tmp_path / "spool") as spool:
        repeats = map_corpus(list(docs), resolve(docs), spool, batch)
        assert dict(spool) == whole.graphs
        assert repeats == whole.repeats and repeats
    assert not (tmp_path / "spool").exists()


@pytest.mark.parametrize("pieces", [
    [],                                                       # nothing written: no graph
    ["<a> <b> <c> .\n"],
    ["<a> <b> \"é\" .\n", "<d> <e> _", ":x .\n"],             # a blank node cut between two pieces
    ["<a> <b> <c> .\n"] * 3 + ["<a> <b> \"_:\" .\n"],
])
def test_a_graph_written_in_pieces_is_the_graph_given_whole(tmp_path, pieces):
    with GraphSpool(tmp_path / "pieces") as streamed, GraphSpool(tmp_path / "whole") as whole:
        streamed["<first>"] = whole["<first>"] = "<x> <y> <z> .\n"
        with streamed.writing("<g>") as out:
            for piece in pieces:
                out.write(piece)
                assert streamed["<first>"] == "<x> <y> <z> .\n"  # reading meanwhile does not move the end
        if pieces:
            whole["<g>"] = "".join(pieces)
        assert dict(streamed) == dict(whole)
        for g in whole:
            assert (streamed.digest(g), streamed.has_blanks(g), streamed.chars(g)) == \
                (whole.digest(g), whole.has_blanks(g), whole.chars(g))


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory):
    stores = {}
    for batch in (1, 1000):
        store = tmp_path_factory.mktemp(f"store{batch}") / "s"
        stores[batch] = build(corpus, store, progress=False, jobs=1, batch=batch), store
    return stores


def test_batch_of_one_and_one_batch_build_the_same_store(builds):
    texts = []
    for batch, (report, store) in builds.items():
        assert not (store / "mapped.nt.part").exists()
        with open_store(store, read_only=True) as kg:
            texts.append(sorted_nquads(kg.store))
            merged = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            texts.append("".join(sorted(merged.decode().splitlines(keepends=True))))
    assert texts[0] == texts[2] and texts[1] == texts[3]
    assert len(texts[0]) > 100_000


def test_streamed_validation_equals_whole_graph_validation(builds):
    one, many = builds[1][0].validation, builds[1000][0].validation
    assert one.keys() == many.keys()
    with open_store(builds[1][1], read_only=True) as kg:
        whole = validate(kg.store, locate=kg)
    assert whole.keys() == one.keys()
    assert [r.source_file for r in whole.results] == [r.source_file for r in one.results]


ID = "https://w3id.org/directive-kg/id/"


def _nt(path: Path, own: str = "") -> str:
    """A Turtle file as N-Triples; with ``own``, its nodes renamed into a space of their own."""
    text = ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES).decode()
    return text.replace(f"<{ID}", f"<{ID}{own}/") if own else text


@pytest.mark.parametrize("size", [1, 5])
def test_streamed_validation_finds_the_known_violations(size):
    """Each shape fixture (good and bad) as a file's graph (its nodes its own: fixtures reuse IRIs,
    where the files of a build describe the same node only as a document), the ontology and code
    lists shared: per batch then corpus-wide finds exactly what validating the merged graph finds."""
    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES)}
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    merged = merged_in_memory({**files, **shared})
    today = validate(merged, locate=False)
    assert today.violations > len([f for f in FIXTURES if f.name.endswith(".bad.ttl")]) // 2
    batches_seen = []
    batches = (batches_seen.append(names) or {g: files[g] for g in names} for names in file_batches(files, size))
    streamed = validate_batches(batches, shared, merged, locate=False)
    assert len(batches_seen) == -(-len(files) // size)
    missing, extra = today.keys() - streamed.keys(), streamed.keys() - today.keys()
    assert not missing and not extra, f"missed {sorted(missing, key=str)}; invented {sorted(extra, key=str)}"
    # the shapes checked per batch (PLACES) found their bad fixtures' violations there
    for name in (n for n, per_batch in PLACES if per_batch):
        shape = f"<https://w3id.org/directive-kg/shapes#{name}>"
        assert any(r.source_shape == shape or r.source_shape.startswith(shape + "/") for r in streamed.results), name


def _subclass_file(own: str) -> str:
    """A file graph declaring a subclass of dkg:Document and an ill-formed member of it: only a
    class hierarchy read from the loaded store (not from the shared graphs) makes it a document."""
    dkg = "https://w3id.org/directive-kg/ontology#"
    return (f"<{ID}{own}/Memo> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{dkg}Document> .\n"
            f"<{ID}{own}/doc> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ID}{own}/Memo> .\n"
            f"<{ID}{own}/doc> <http://data.europa.eu/eli/ontology#number> \"12 bis\" .\n")


@pytest.mark.parametrize("subclass, executable", [(False, None), (True, None), (False, "/no/such/python")])
def test_batches_checked_beside_the_load_as_after_it(subclass, executable, caplog, monkeypatch):
    """BatchChecks started before the store holds anything (the build's load runs meanwhile) reports
    what validate_batches on the loaded store reports; when the loaded store declares a class the
    shared graphs did not (a file graph's subclass), its per-batch results are checked again. When
    its process cannot start, the checks run in this one."""
    if executable:
        monkeypatch.setattr(sys, "executable", executable)
    caplog.set_level(logging.INFO, logger="loaders.validate")
    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES[:12])}
    if subclass:
        files[f"{ID}graph/file/memo"] = _subclass_file("memo")
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    names = list(file_batches(files, 4))
    beside = BatchChecks([{g: files[g] for g in group} for group in names], shared, None)
    merged = merged_in_memory({**files, **shared})  # "the load", after the pass started
    report = beside.report(merged, locate=False)
    after = validate_batches(({g: files[g] for g in group} for group in names), shared, merged, locate=False)
    assert report.keys() == after.keys() == validate(merged, locate=False).keys()
    assert report.violations
    assert ("checked again on the store" in caplog.text) == subclass
    assert ("said nothing" in caplog.text) == bool(executable)
    # the corpus-wide checks ran before the pass's results were read (not when checked again in this process)
    assert ("beside the per-batch pass's last batches" in caplog.text) == (not subclass)
    assert any(r.source_shape in {check.shape for _, check in beside.wide} for r in report.results)  # found by them
    if subclass:
        assert any(r.focus == f"<{ID}memo/doc>" for r in report.results)


@pytest.mark.parametrize("memo, begun_with", [(False, 2), (True, 2), ("recorded", 0)])
def test_batches_begun_before_the_others_came(memo, begun_with, tmp_path, caplog):
    """A pass made ``later`` (the build's: the file graphs' batches begin beside its reuse stage, the
    text-reuse graphs come with more()) reports what validate_batches reports of all the batches. It
    begins with all its batches but the last when every graph will be checked (no memo, or a memo
    with nothing recorded: a first build), with none when a memo decides which are checked again."""
    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES[:12])}
    others = {f"{ID}graph/reuse/{f.stem}": _nt(f, f"other-{i}") for i, f in enumerate(FIXTURES[12:15])}
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    graphs = {**files, **others}
    first = [{g: files[g] for g in group} for group in file_batches(files, 4)]
    every = [*first, dict(others)]
    merged = merged_in_memory({**graphs, **shared})
    path = tmp_path / "memo.sqlite" if memo else None
    if memo == "recorded":
        validate_batches(every, shared, merged, locate=False, memo=path)
    caplog.set_level(logging.INFO, logger="loaders.validate")
    checks = BatchChecks(first, shared, None, memo=path, later=True)
    assert len(checks.started) == begun_with
    checks.more(every, count=len(every))
    report = checks.report(merged, locate=False)
    after = validate_batches(every, shared, merged, locate=False)
    assert report.keys() == after.keys() == validate(merged, locate=False).keys()
    assert report.violations
    # early only when the last build kept no corpus-wide results (an add's scoped checks need its delta)
    assert ("beside the per-batch pass's last batches" in caplog.text) == (memo != "recorded")
    assert any(r.source_shape in {check.shape for _, check in checks.wide} for r in report.results)  # found by them


# Where each check of ontology/shapes.ttl runs in the build, for the shapes whose place a rule
# decides: per batch of files (True) or once on the whole store (False). sh:sparql per batch when
# its query reads only the focus node's own triples and the focus is of a class no two files share;
# dkgsh:checkedPerFile shapes per batch by their promise (checked below on the fixtures).
PLACES = [
    ("EvidenceSpanShape", True),          # sh:sparql: ?this dkg:quote/start/end only, dkg:Evidence
    ("OcrConfidenceShape", True),         # sh:sparql: ?this dkg:ocrConfidence only
    ("EvidenceShape", True),              # dkgsh:checkedPerFile (class test of dkg:quotedFrom)
    ("EvidenceLinkShape", True),          # dkgsh:checkedPerFile (targets subjects of dkg:evidence)
    ("FutureDateShape", False),           # reads only ?this, but a dkg:Document: several files
    ("DelegatedSignatureShape", False),   # FILTER EXISTS on the capacity node
    ("UniqueNumberShape", False),         # joins two documents
    ("QuoteSpanShape", False),            # reaches the target and selector nodes
    ("CitationEdgeShape", False),         # the citation nodes point at ?this
    ("SourceFileShape", False),           # a dkg:SourceFile: two files of the same bytes describe it
]


@pytest.mark.parametrize("name,per_batch", PLACES)
def test_where_each_check_runs(name, per_batch):
    from loaders.shacl_sparql import corpus_wide
    from loaders.validate import _ClassClosure, _in_batch, _translated, load_shapes

    sg = load_shapes()
    checks, _ = _translated(sg, _ClassClosure(ox.Store()))
    mine = [(s, c) for s, c in checks if c.shape == f"<https://w3id.org/directive-kg/shapes#{name}>"
            or c.shape.startswith(f"<https://w3id.org/directive-kg/shapes#{name}>/")]
    assert mine
    places = {not corpus_wide(sg, s, c) and _in_batch(c) is not None for s, c in mine}
    assert places == {per_batch}



# Property shapes that promise dkgsh:checkedPerFile on their own: per batch, their siblings on the store.
PROPERTY_PLACES = [
    ("TextReusePassageShape", "quote", True),      # the passage's own triples, all in the text reuse graph
    ("TextReusePassageShape", "start", True),
    ("TextReusePassageShape", "end", True),
    ("TextReusePassageShape", "passageOf", False),  # class test of a document another file types
    ("TextReusePassageShape", "quotedFrom", False),
]


@pytest.mark.parametrize("name,prop,per_batch", PROPERTY_PLACES)
def test_where_each_property_shape_runs(name, prop, per_batch):
    from loaders.shacl_sparql import corpus_wide
    from loaders.validate import _ClassClosure, _in_batch, _translated, load_shapes

    sg = load_shapes()
    checks, _ = _translated(sg, _ClassClosure(ox.Store()))
    key = f"<https://w3id.org/directive-kg/shapes#{name}>/<https://w3id.org/directive-kg/ontology#{prop}>"
    mine = [(s, c) for s, c in checks if c.shape == key]
    assert mine
    assert {not corpus_wide(sg, s, c) and _in_batch(c) is not None for s, c in mine} == {per_batch}


def test_a_batch_s_screens_bound_by_its_targets_find_the_same_nodes():
    """Each screen of a batch (the shape fixtures as files, the ontology and code lists shared) with
    its groups opened by the batch's marked targets (validate_scope.bound_to_focus given the lookup:
    every group, those naming a shared predicate as _screened binds them, none) finds the same nodes."""
    from loaders.shacl_sparql import screen_query
    from loaders.shacl_sparql import _IRI
    from loaders.validate import (_BATCH_LOOKUP, _FUNCTIONS, BATCH_DATA, BATCH_SHARED, _add, _BatchTargets,
                                  _ClassClosure, _predicates, _shared_store, _target_text, _translated, _Within,
                                  load_shapes, split_checks)
    from loaders.validate_scope import bound_to_focus

    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES)}
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    mem = _shared_store(shared, None)
    sg = load_shapes()
    targets = _BatchTargets.of(split_checks(sg, _translated(sg, _ClassClosure(_Within(mem, BATCH_SHARED)))[0])[0])
    predicates = _predicates(mem)
    assert "<http://www.w3.org/2004/02/skos/core#prefLabel>" in predicates
    _add(mem, files, [ox.NamedNode(BATCH_DATA)])
    targets.mark(mem)
    groups: dict[str, list] = {}
    for _, check in targets.checks:
        if check.screen is not None and not check.per_focus:
            groups.setdefault(_target_text(check.query), []).append(check.screen)
    ways = {"all": lambda own: True, "shared": lambda own: not predicates.isdisjoint(_IRI.findall(own))}
    bound = found = 0
    for target, screens in groups.items():
        query = screen_query(target, screens)
        nodes = {}
        for way, reads in [("none", None), *ways.items()]:
            text = bound_to_focus(query, _BATCH_LOOKUP, reads) if reads else query
            bound += way == "shared" and text.count(target) > 1
            rows = mem.query(text, custom_functions=_FUNCTIONS, default_graph=[ox.NamedNode(BATCH_SHARED), ox.NamedNode(BATCH_DATA)])
            nodes[way] = {str(r["this"]) for r in rows}
        assert nodes["all"] == nodes["shared"] == nodes["none"], target
        found += bool(nodes["none"])
    assert bound and found  # some screens bound, some finding nodes of the bad fixtures


BOUND = [  # a screen-like query, whether reads() is asked of its group and binds it
    ("SELECT ?this WHERE { { L } { { ?this <urn:s> ?v } UNION { ?this <urn:b> ?w } } }", {"<urn:s>"}, 1),
    ("SELECT ?this WHERE { { L } { { ?this <urn:s> ?v } UNION { ?this <urn:s> ?w } } }", {"<urn:s>"}, 2),
    ("SELECT ?this WHERE { { L } { { ?this <urn:b> ?v } } }", {"<urn:s>"}, 0),
    ("SELECT ?this WHERE { { L } { ?this <urn:b> ?v FILTER EXISTS { ?v <urn:s> ?x } } }", {"<urn:s>"}, 0),  # in EXISTS
    ("SELECT ?this WHERE { { L } { { SELECT ?this WHERE { ?this <urn:s> ?v } GROUP BY ?this HAVING (COUNT(?v) > 1) } } }",
     {"<urn:s>"}, 1),
]


@pytest.mark.parametrize("query, shared, inserted", BOUND)
def test_a_batch_screen_binds_the_groups_naming_a_shared_predicate(query, shared, inserted):
    import re

    from loaders.shacl_sparql import _IRI
    from loaders.validate_scope import bound_to_focus

    lookup = "{ GRAPH <urn:targets> { ?this <urn:target/0> ?target_mark } }"
    text = bound_to_focus(query.replace("{ L }", lookup), re.compile(re.escape(lookup)),
                          lambda own: not shared.isdisjoint(_IRI.findall(own)))
    assert text.count(lookup) == 1 + inserted
