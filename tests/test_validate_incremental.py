"""Incremental validation (loaders.validate_memo): a build that changes some files checks per file
only what the change can reach, and reports exactly what validating the whole store reports."""
from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.build import build
from loaders.paths import ONTOLOGY
from loaders.shacl_sparql import Reach, reach
from loaders.store import open_store
from loaders.validate import validate, validate_batches
from loaders.validate_memo import MEMO_FILE, affected
from tests.test_incremental import redate, sources  # noqa: F401 (sources: the same two corpora, a fixture)
from tests.test_stream import FIXTURES, _nt, merged_in_memory

ID = "https://w3id.org/directive-kg/id/"
DKG = "https://w3id.org/directive-kg/ontology#"


# --- the bound read from a query ----------------------------------------------------------------

REACHES = [  # query, hops (None: unbounded), (predicate, near end) that must be there
    ("SELECT ?this WHERE { ?this <urn:p> ?v }", 1, ("urn:p", "s")),
    ("SELECT ?this WHERE { ?this <urn:p>/<urn:q> ?v }", 2, ("urn:q", "s")),
    ("SELECT ?this WHERE { ?this ^<urn:p> ?v }", 1, ("urn:p", "o")),
    ("SELECT ?this WHERE { ?this <urn:p> ?v FILTER NOT EXISTS { ?v a ?c } }", 2,
     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "s")),
    ("SELECT ?this WHERE { ?this <urn:p> ?n . ?other <urn:p> ?n }", 2, ("urn:p", "o")),  # a uniqueness join
    ("SELECT ?this WHERE { ?this <urn:p>* ?v }", None, None),
    ("SELECT ?this WHERE { ?this <urn:p> ?v . ?w <urn:q> <urn:K> }", None, None),   # not joined to ?this
    ("SELECT ?this WHERE { ?this <urn:p> <urn:K> . ?w <urn:q> <urn:K> }", None, None),  # constants do not join
    ("SELECT ?this WHERE { ?this ?p ?v . ?p <urn:q> ?w }", None, None),
    ("SELECT ?this WHERE { ?this <urn:p> ?v FILTER(?v < NOW()) }", None, None),
    # sub-selects: joined through the variables they project, their other variables their own
    ("SELECT ?this WHERE { { SELECT ?this ?v WHERE { ?this <urn:p> ?v } } { SELECT ?v ?w WHERE { ?v <urn:q> ?w } } "
     "{ SELECT ?this ?x WHERE { ?this <urn:r> ?x } } { SELECT ?this ?y WHERE { ?this <urn:s> ?y } } }", 2, ("urn:q", "s")),
    ("SELECT ?this WHERE { ?this <urn:p> ?v { SELECT ?v (COUNT(*) AS ?n) WHERE { ?v <urn:q> ?w } GROUP BY ?v } }", 2,
     ("urn:q", "s")),
    ("SELECT ?this WHERE { ?this <urn:p> ?v { SELECT ?n WHERE { ?v <urn:q> ?w } } }", None, None),  # its ?v is its own
    ("SELECT ?this WHERE { ?this <urn:p> ?v { SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:q> ?o } } }", None, None),
]


@pytest.mark.parametrize("query, hops, near", REACHES)
def test_reach_of_a_query(query, hops, near):
    found = reach(query)
    if hops is None:
        assert found is None
    else:
        assert found.hops == hops and near in found.near


@pytest.mark.parametrize("query, near, not_near", [
    # a solution matches one branch of a UNION: ?body lies 2 steps from ?this in the first, 1 in the
    # second; joined, <urn:lead>'s object would be a near end (its changed triple walks back from the body)
    ("SELECT ?this WHERE { { ?a <urn:in> ?this ; <urn:lead> ?body } UNION { ?this <urn:by> ?body } "
     "?body <urn:label> ?l }", {("urn:lead", "s"), ("urn:by", "s"), ("urn:label", "s")}, {("urn:lead", "o")}),
    # what follows the UNION joins each branch on its own: not joined to ?this in the first
    ("SELECT ?this WHERE { { ?this <urn:p> ?b } UNION { ?this <urn:q> ?y } ?y <urn:s> ?c }", None, None),
])
def test_a_union_joins_each_branch_to_this_alone(query, near, not_near):
    found = reach(query)
    if near is None:
        assert found is None
    else:
        assert near <= found.near and not (not_near & found.near)


TESTED_REACHES = [  # query; (predicate, near end): steps back that must be there; entries that must not
    # CitationEdgeShape's form: the cited ?v lies two triples from ?this through the citation a solution
    # holds, not one through the eli:cites its NOT EXISTS asks (a violation lacks it): a changed
    # citedDocument walks back from the citation, not from the cited document (which every citer reaches)
    ("SELECT ?this WHERE { ?c <urn:of> ?this ; <urn:to> ?v . FILTER NOT EXISTS { ?this <urn:cites> ?v } }",
     {("urn:of", "o"): 0, ("urn:to", "s"): 1, ("urn:cites", "s"): 0}, {("urn:to", "o")}),
    # the same shortcut over a longer chain: the changed ?b <urn:r> ?v of a violation is reached only from ?b
    ("SELECT ?this WHERE { ?this <urn:p> ?a . ?a <urn:q> ?b . ?b <urn:r> ?v FILTER NOT EXISTS { ?this <urn:s> ?v } }",
     {("urn:r", "s"): 2, ("urn:s", "s"): 0}, {("urn:r", "o")}),
    # a NOT EXISTS inside an EXISTS group (sh:or, sh:node translated): its patterns are read too
    ("SELECT ?this WHERE { ?this <urn:p> ?v . FILTER(EXISTS { { FILTER NOT EXISTS { ?v <urn:t> <urn:O> } } } "
     "&& EXISTS { { FILTER NOT EXISTS { ?v <urn:t> <urn:B> } } }) }", {("urn:p", "s"): 0, ("urn:t", "s"): 1}, set()),
    # an OPTIONAL's own nodes lie as far as its patterns put them from the required ones
    ("SELECT ?this WHERE { ?this <urn:p> ?a . OPTIONAL { ?a <urn:q> ?b . ?b <urn:r> ?c } }",
     {("urn:q", "s"): 1, ("urn:r", "s"): 2}, {("urn:r", "o"), ("urn:q", "o")}),
    # an OPTIONAL joined through another OPTIONAL (not by its own patterns): as any pattern puts them
    ("SELECT ?this WHERE { ?this <urn:p> ?a . OPTIONAL { ?a <urn:q> ?b } OPTIONAL { ?b <urn:r> ?c } }",
     {("urn:q", "s"): 1, ("urn:r", "s"): 2}, set()),
    # a required pattern joined only through an OPTIONAL: as before, every pattern's distances
    ("SELECT ?this WHERE { ?this <urn:p> ?a . OPTIONAL { ?a <urn:q> ?b } ?b <urn:r> ?c }",
     {("urn:q", "s"): 1, ("urn:r", "s"): 2}, set()),
    # a MINUS: its nodes from the required ones
    ("SELECT ?this WHERE { ?this <urn:p> ?a . ?a <urn:q> ?b MINUS { ?this <urn:s> ?b } }",
     {("urn:q", "s"): 1, ("urn:s", "s"): 0}, {("urn:q", "o")}),
]


@pytest.mark.parametrize("query, steps, absent", TESTED_REACHES)
def test_a_tested_blocks_patterns_do_not_shorten_the_chain_a_solution_holds(query, steps, absent):
    found = reach(query)
    assert {entry: found.steps(entry) for entry in steps if entry in found.near} == steps
    assert not (absent & found.near)


def test_a_change_of_the_shared_graphs_reaches_back_along_unchanged_triples():
    old = {"g": "<urn:a> <urn:p> <urn:b> .\n<urn:b> <urn:q> <urn:c> .\n<urn:x> <urn:p> <urn:y> .\n"}
    new = {"g": old["g"] + "<urn:c> <urn:r> \"1\" .\n"}
    two = Reach(3, frozenset({("urn:p", "s"), ("urn:q", "s"), ("urn:r", "s")}))
    assert affected(old, new, two) == {"<urn:c>", "<urn:b>", "<urn:a>"}
    assert affected(old, new, Reach(1, two.near)) == {"<urn:c>"}


# --- shape fixtures: an edit of the shared graphs creates, then removes, another file's violation --

SOURCE = f"<{ID}source/971c03e54ee92b8c4d2f4d2f4d2f4d2f4d2f4d2f4d2f4d2f4d2f4d2f4d2f4d2f>"
SOURCE_TYPED = f"{SOURCE} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DKG}SourceFile> .\n"


def _run(files, shared, memo, caplog, wide: list | None = None):
    """Validated with the memo, asserted equal to a whole validation; the number of graphs checked
    again per file (and, into ``wide``, the plan of the corpus-wide checks: whole, scoped, kept)."""
    merged = merged_in_memory({**files, **shared})
    whole = validate(merged, locate=False)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="loaders.validate"):
        names = sorted(files)
        batches = [{g: files[g] for g in names[i:i + 8]} for i in range(0, len(names), 8)]
        streamed = validate_batches(batches, shared, merged, locate=False, memo=memo)
    checked = [int(m.group(1)) for m in (re.search(r"(\d+) of \d+ graphs checked again", r.getMessage())
                                         for r in caplog.records) if m]
    plans = [m.groups() for m in (re.search(r"corpus-wide checks: (\d+) whole .* (\d+) over the focus .* (\d+) kept",
                                            r.getMessage()) for r in caplog.records) if m]
    if wide is not None:
        wide[:] = [int(n) for n in plans[0]] if plans else []
    missing, extra = whole.keys() - streamed.keys(), streamed.keys() - whole.keys()
    assert not missing and not extra, f"missed {sorted(missing, key=str)}; invented {sorted(extra, key=str)}"
    return streamed, checked[0]


def test_incremental_equals_whole_validation_on_the_shape_fixtures(tmp_path, caplog):
    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES)}
    evidence = _nt(Path(__file__).parent / "shapes" / "EvidenceShape.good.ttl")
    # the source file described in the shared graphs (as the corpus graph describes what files share)
    source = "".join(line + "\n" for line in evidence.splitlines() if line.startswith(SOURCE + " "))
    files[f"{ID}graph/file/evidence"] = "".join(line + "\n" for line in evidence.splitlines()
                                                if not line.startswith(SOURCE + " "))
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    shared["urn:shared:corpus"] = source
    memo = tmp_path / MEMO_FILE
    first, checked = _run(files, shared, memo, caplog)
    assert checked == len(files) and first.violations > 0
    again, checked = _run(files, shared, memo, caplog)
    assert checked == 0 and again.keys() == first.keys()
    # the source file's type gone from the shared graphs: the unchanged evidence file now fails
    untyped = {**shared, "urn:shared:corpus": source.replace(SOURCE_TYPED, "")}
    broken, checked = _run(files, untyped, memo, caplog)
    assert 1 <= checked < len(files) // 2
    assert any(r.component == "ClassConstraintComponent" and "dkg:quotedFrom" in "" + r.path.replace(DKG, "dkg:")
               for r in broken.results if r.source_shape.startswith("<https://w3id.org/directive-kg/shapes#EvidenceShape>"))
    restored, checked = _run(files, shared, memo, caplog)
    assert restored.keys() == first.keys() and checked < len(files) // 2
    # files removed, changed and added
    names = sorted(files)
    edited = {g: t for g, t in files.items() if g not in names[:3]}
    edited[names[5]] = files[names[5]].replace("\n", "\n", 1) + files[names[1]]
    edited[f"{ID}graph/file/new"] = files[names[2]]
    _, checked = _run(edited, shared, memo, caplog)
    assert checked < len(edited) // 2


# --- builds: the edit steps of tests/test_incremental.py ----------------------------------------------

def test_an_incremental_build_validates_as_a_whole_validation_after_every_edit(sources, tmp_path):
    a, b = sources
    corpus = tmp_path / "corpus"
    shutil.copytree(a, corpus)
    central = sorted(corpus.glob("central_*.txt"))[0]
    original = central.read_bytes()
    provincial = sorted(corpus.glob("p*.txt"))

    def add_others():
        for p in sorted(b.glob("*.txt")):
            shutil.copy(p, corpus / f"added_{p.name}")

    edits = [lambda: [p.unlink() for p in provincial[:3]], add_others, lambda: redate(central, 5),
             lambda: shutil.copy(provincial[3], provincial[4]), central.unlink, lambda: central.write_bytes(original)]
    store = tmp_path / "store"
    build(corpus, store, progress=False, reuse=False)
    assert (store / MEMO_FILE).exists()
    for step, edit in enumerate(edits):
        edit()
        again = build(corpus, store, progress=False, reuse=False)
        with open_store(store, read_only=True) as kg:
            whole = validate(kg.store, locate=kg)
        assert again.validation.keys() == whole.keys(), (step, again.validation.keys() - whole.keys(), whole.keys() - again.validation.keys())
        assert again.validation.results == whole.results, step  # located alike: file and document


def test_a_damaged_memo_is_forgotten(tmp_path):
    from loaders.validate_memo import ValidationMemo

    path = tmp_path / MEMO_FILE
    path.write_bytes(b"not a database at all" * 100)
    with ValidationMemo(path) as memo:
        assert memo.version() is None
        assert memo.plan("v", {"g": "d"}, {}, None).dirty == {"g"}


def test_a_new_memo_takes_the_checks_bounds_from_the_users_cache(tmp_path, monkeypatch):
    """A first build (its store has no memo yet) does not parse the checks again: their bounds are kept
    in the user's cache under the checks' version and the code's; another version computes its own,
    and a damaged cache file is computed again."""
    from loaders.validate_memo import ValidationMemo

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    computed: list[str] = []

    def compute(version):
        def run():
            computed.append(version)
            return reach(f"SELECT ?this WHERE {{ ?this <urn:{version}> ?v }}"), {"key": None}
        return run

    found = {}
    for name, version in [("a", "v1"), ("b", "v1"), ("c", "v2"), ("d", "v1")]:
        with ValidationMemo(tmp_path / f"{name}.sqlite") as memo:
            found[name] = memo.bounds(version, compute(version))
    assert computed == ["v1", "v2"]
    assert found["a"] == found["b"] == found["d"] and found["a"][1] == {"key": None}
    assert found["a"][0].near == frozenset({("urn:v1", "s")})
    assert found["c"][0].near == frozenset({("urn:v2", "s")})
    for kept in (tmp_path / "cache" / "directive-kg" / "validation").iterdir():
        kept.write_bytes(b"damaged")
    with ValidationMemo(tmp_path / "e.sqlite") as memo:
        assert memo.bounds("v1", compute("v1")) == found["a"]
    assert computed == ["v1", "v2", "v1"]
    # one file a version: only the newest BOUNDS_KEPT stay
    from loaders.validate_memo import BOUNDS_KEPT

    for i in range(BOUNDS_KEPT + 3):
        with ValidationMemo(tmp_path / f"many-{i}.sqlite") as memo:
            memo.bounds(f"w{i}", compute(f"w{i}"))
    assert len(list((tmp_path / "cache" / "directive-kg" / "validation").iterdir())) == BOUNDS_KEPT
    with ValidationMemo(tmp_path / "last.sqlite") as memo:
        memo.bounds(f"w{BOUNDS_KEPT + 2}", compute("again"))
    assert "again" not in computed


# --- corpus-wide checks over the focus nodes a change reaches (loaders.validate_scope) ------------

CONSTANT_REACHES = [  # query, (predicate, near end, IRIs the far end must be) that must be there
    ("SELECT ?this WHERE { ?this a <urn:C> }", ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "s", frozenset({"<urn:C>"}))),
    ("SELECT ?this WHERE { ?this a ?c VALUES ?c { <urn:C> <urn:D> } }",
     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "s", frozenset({"<urn:C>", "<urn:D>"}))),
    ("SELECT ?this WHERE { ?this <urn:p> ?v . ?v a ?c . ?c <urn:q> ?w VALUES ?c { <urn:C> } }",
     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "s", None)),  # ?c joins further: any class
    ("SELECT ?this WHERE { ?this <urn:p> ?n . ?other <urn:p> ?n }", ("urn:p", "o", None)),
    ("SELECT ?this WHERE { ?this <urn:p> \"x\" }", ("urn:p", "s", None)),  # literals: not narrowed
    ("SELECT ?this WHERE { ?this <urn:p> ?v FILTER NOT EXISTS { ?v a ?c . VALUES ?c { <urn:C> <urn:D> } } }",
     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "s", frozenset({"<urn:C>", "<urn:D>"}))),  # a class test
]


@pytest.mark.parametrize("query, near", CONSTANT_REACHES)
def test_reach_with_constants(query, near):
    from loaders.shacl_sparql import reach_with_constants

    found = reach_with_constants(query)
    assert near in found.near
    assert found.hops == reach(query).hops and {n[:2] for n in found.near} == reach(query).near


DATA_PREDICATE_REACHES = [  # query; the entry (None: unbounded) with the predicate its binding pattern names
    ("SELECT ?this WHERE { ?c <urn:of> ?this . ?c <urn:rel> ?r . ?r <urn:edge> ?p FILTER NOT EXISTS { ?this ?p ?v } }",
     (("objects", "urn:edge"), "s", None)),
    ("SELECT ?this WHERE { ?this <urn:rel> ?p . ?x ?p ?this }", (("objects", "urn:rel"), "o", None)),
    ("SELECT ?this WHERE { ?this ?p ?v . ?p <urn:q> ?w }", None),  # ?p joined to ?this only as a predicate
    ("SELECT ?this WHERE { ?this <urn:a> ?p . ?this <urn:b> ?p . ?this ?p ?v }", None),  # bound by two patterns
]


@pytest.mark.parametrize("query, entry", DATA_PREDICATE_REACHES)
def test_a_predicate_variable_bound_by_one_pattern(query, entry):
    from loaders.shacl_sparql import reach_with_constants
    from loaders.validate_scope import with_data_predicates

    assert reach(query) is None and reach_with_constants(query) is None  # the store is not asked there
    found = reach_with_constants(query, True)
    if entry is None:
        assert found is None
        return
    assert entry in found.near
    concrete = with_data_predicates(found, {entry[0]: frozenset({"urn:x", "urn:y"})})
    assert {("urn:x", *entry[1:]), ("urn:y", *entry[1:])} <= concrete.near
    assert not any(isinstance(p, tuple) for p, *_ in concrete.near)
    assert with_data_predicates(found, {}) is None  # not looked up: unbounded


def test_the_focus_nodes_a_change_reaches():
    from loaders.validate_scope import Delta, walk_ends

    store = ox.Store()
    store.load(b"<urn:a> <urn:cites> <urn:x> .\n<urn:b> <urn:cites> <urn:y> .\n<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Doc> .\n"
               b"<urn:a> <urn:num> \"7\" .\n<urn:c> <urn:num> \"7\" .\n<urn:d> <urn:num> \"8\" .\n",
               format=ox.RdfFormat.N_TRIPLES)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    cites_a_doc = Reach(2, frozenset({("urn:cites", "s", None), (rdf_type, "s", frozenset({"<urn:Doc>"}))}))
    typed = Delta([f"<urn:x> <{rdf_type}> <urn:Doc> .\n<urn:z> <{rdf_type}> <urn:Other> .\n"])
    assert typed.near_ends(cites_a_doc) == {"<urn:x>"}
    assert walk_ends(store, typed, cites_a_doc) == {"<urn:x>", "<urn:a>"}
    same_number = Reach(2, frozenset({("urn:num", "s", None), ("urn:num", "o", None)}))
    added = Delta(['<urn:e> <urn:num> "7" .\n'])
    assert walk_ends(store, added, same_number) == {"<urn:e>", '"7"', "<urn:a>", "<urn:c>"}


NAM_DINH = f"<{ID}body/tinh-uy-nam-dinh>"


def _document(name: str, number: str, date: str, implements: str | None = None) -> str:
    iri = f"<{ID}doc/{name}>"
    lines = [f"{iri} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DKG}Document> .",
             f'{iri} <http://data.europa.eu/eli/ontology#id_local> "{number}" .',
             f'{iri} <http://data.europa.eu/eli/ontology#date_document> "{date}"^^<http://www.w3.org/2001/XMLSchema#date> .',
             f"{iri} <{DKG}numberingAuthority> {NAM_DINH} .",
             f'{iri} <{DKG}knownOnlyByCitation> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .']
    if implements:
        lines.append(f"{iri} <http://data.europa.eu/eli/ontology#ensures_implementation_of> <{ID}doc/{implements}> .")
    return "\n".join(lines) + "\n"


def test_an_edit_of_one_file_creates_then_removes_a_corpus_wide_result_of_another(tmp_path, caplog):
    """A duplicate number and a date before the implemented document, each made and unmade by an
    edit of one file while the other file stays: the scoped corpus-wide checks report as a whole
    validation does, at every step, and run over few focus nodes."""
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    shared["urn:shared:corpus"] = f"{NAM_DINH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n"
    others = {f"{ID}graph/file/other-{i}": _document(f"other-{i}", f"{i}-CV/TU", "2019-01-01") for i in range(12)}
    kept = {f"{ID}graph/file/a": _document("a", "1100-CV/TU", "2020-07-29"),
            f"{ID}graph/file/c": _document("c", "11-CV/TU", "2020-08-10", implements="a")}
    b = f"{ID}graph/file/b"
    steps = [  # file b's text; (duplicate number, implementing before its document) expected
        (_document("b", "1101-CV/TU", "2020-03-01"), (False, False)),
        (_document("b", "1100-CV/TU", "2020-03-01"), (True, False)),        # b: the number of a
        (_document("b", "1101-CV/TU", "2020-03-01"), (False, False)),
        (None, (False, False)),                                           # b gone
        (_document("b", "1100-CV/TU", "2020-03-01"), (True, False)),        # back, duplicate again
    ]
    memo = tmp_path / MEMO_FILE
    for step, (text, (duplicate, early)) in enumerate(steps):
        files = {**others, **kept, **({b: text} if text else {})}
        wide: list = []
        report, _ = _run(files, shared, memo, caplog, wide)
        unique = {r.focus for r in report.results if r.source_shape.endswith("UniqueNumberShape>")}
        assert (f"<{ID}doc/a>" in unique) == duplicate, step
        assert (f"<{ID}doc/b>" in unique) == duplicate, step
        if step:
            whole, scoped, left = wide
            assert scoped > 0 and left > 0 and whole < scoped + left, (step, wide)
    # the implemented document's date moves after its implementation, in its own file, and back
    for date, early in (("2020-09-01", True), ("2020-07-29", False)):
        kept[f"{ID}graph/file/a"] = _document("a", "1100-CV/TU", date)
        report, _ = _run({**others, **kept}, shared, memo, caplog, wide)
        late = {r.focus for r in report.results if r.source_shape.endswith("ImplementationDateShape>")}
        assert (f"<{ID}doc/c>" in late) == early
        assert wide[1] > 0


def test_a_check_reading_a_predicate_the_data_names_is_bounded_and_equals_a_whole_validation(tmp_path, caplog):
    """CitationEdgeShape reads ``$this ?path ?value`` with ?path the relation's dkg:edgeProperty: bounded
    by the edge properties the store holds (validate_scope.data_predicates), it runs over the focus
    nodes a change reaches, and each step (the direct edge missing, given, taken away again; another
    file edited) reports as a whole validation does."""
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    shared["urn:shared:corpus"] = f"{NAM_DINH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n"
    others = {f"{ID}graph/file/other-{i}": _document(f"other-{i}", f"{i}-CV/TU", "2019-01-01") for i in range(12)}
    b = f"{ID}graph/file/b"
    eli = "http://data.europa.eu/eli/ontology#"
    citation = (f"<{ID}citation/a-1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DKG}Citation> .\n"
                f"<{ID}citation/a-1> <{DKG}citingDocument> <{ID}doc/a> .\n<{ID}citation/a-1> <{DKG}citedDocument> <{ID}doc/b> .\n"
                f"<{ID}citation/a-1> <{DKG}relation> <https://w3id.org/directive-kg/code/relation/implements> .\n"
                f"<{ID}doc/a> <{eli}cites> <{ID}doc/b> .\n")
    steps = [  # file a; file b's date; the direct edge missing
        (_document("a", "1100-CV/TU", "2020-07-29") + citation, "2020-03-01", True),
        (_document("a", "1100-CV/TU", "2020-07-29", implements="b") + citation, "2020-03-01", False),
        (_document("a", "1100-CV/TU", "2020-07-29", implements="b") + citation, "2020-03-02", False),
        (_document("a", "1100-CV/TU", "2020-07-29") + citation, "2020-03-02", True),
    ]
    memo = tmp_path / MEMO_FILE
    for step, (a, date, missing) in enumerate(steps):
        files = {**others, f"{ID}graph/file/a": a, b: _document("b", "1101-CV/TU", date)}
        report, _ = _run(files, shared, memo, caplog)
        lacking = {r.focus for r in report.results if r.source_shape.endswith("CitationEdgeShape>")}
        assert lacking == ({f"<{ID}doc/a>"} if missing else set()), step
        plans = [r.getMessage() for r in caplog.records if "corpus-wide checks:" in r.getMessage()]
        assert step == 0 or "CitationEdgeShape" not in plans[0], plans


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def test_a_citation_of_an_old_document_by_a_new_one_lacking_its_edge_is_found_by_the_scoped_check(tmp_path, caplog):
    """CitationEdgeShape's scope (the citation's end, not every citer of the cited document: TESTED_REACHES):
    a new file whose citation of an old document lacks the direct edge, then has it, then an old file
    losing its own edge while the new one stays: each step reports what a whole validation reports,
    the check scoped."""
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    shared["urn:shared:corpus"] = f"{NAM_DINH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n"
    eli = "http://data.europa.eu/eli/ontology#"

    def citing(doc: str, cited: str, edge: bool) -> str:
        c = f"<{ID}citation/{doc}-1>"
        return (f"{c} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DKG}Citation> .\n"
                f"{c} <{DKG}citingDocument> <{ID}doc/{doc}> .\n{c} <{DKG}citedDocument> <{ID}doc/{cited}> .\n"
                + (f"<{ID}doc/{doc}> <{eli}cites> <{ID}doc/{cited}> .\n" if edge else ""))
    # every other document cites the old document "a" with its edge: a changed citation of "a" must not reach them all
    others = {f"{ID}graph/file/other-{i}": _document(f"other-{i}", f"{i}-CV/TU", "2019-01-01") + citing(f"other-{i}", "a", True)
              for i in range(12)}
    a = {f"{ID}graph/file/a": _document("a", "1100-CV/TU", "2020-07-29")}
    new = f"{ID}graph/file/n"
    steps = [  # the old file other-0's edge; the new file (None: not yet); the documents lacking an edge
        (True, None, set()),
        (True, _document("n", "1102-CV/TU", "2020-08-01") + citing("n", "a", False), {"n"}),   # new cites old, no edge
        (True, _document("n", "1102-CV/TU", "2020-08-01") + citing("n", "a", True), set()),
        (False, _document("n", "1102-CV/TU", "2020-08-01") + citing("n", "a", True), {"other-0"}),  # old loses its edge
        (False, _document("n", "1102-CV/TU", "2020-08-01") + citing("n", "a", False), {"other-0", "n"}),
    ]
    memo = tmp_path / MEMO_FILE
    for step, (edge, text, lacking) in enumerate(steps):
        files = {**others, **a, f"{ID}graph/file/other-0": _document("other-0", "0-CV/TU", "2019-01-01") + citing("other-0", "a", edge),
                 **({new: text} if text else {})}
        scoped_log = _Kept()
        logger = logging.getLogger("loaders.validate_scope")
        logger.addHandler(scoped_log)
        level, logger.level = logger.level, logging.DEBUG
        try:
            report, _ = _run(files, shared, memo, caplog)
        finally:
            logger.removeHandler(scoped_log)
            logger.setLevel(level)
        found = {r.focus for r in report.results if r.source_shape.endswith("CitationEdgeShape>")}
        assert found == {f"<{ID}doc/{d}>" for d in lacking}, step
        plans = [r.getMessage() for r in caplog.records if "corpus-wide checks:" in r.getMessage()]
        assert step == 0 or "CitationEdgeShape" not in plans[0], plans
        scoped = [int(m.group(1)) for m in (re.search(r"CitationEdgeShape> \S+ over (\d+) nodes", r.getMessage())
                                            for r in scoped_log.records) if m]
        assert step == 0 or scoped and scoped[0] <= 4, (step, scoped)  # its citation's ends, not the 12 citers of "a"


def test_lines_of_the_checked_graphs_are_staged_on_disk_not_held(tmp_path, caplog):
    """The lines kept for the corpus-wide checks go to the memo batch by batch (staged_lines) and
    become the graphs' lines when the build records; a stage left by a build that stopped is
    forgotten, and the next add still reports as a whole validation does."""
    import sqlite3

    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    shared["urn:shared:corpus"] = f"{NAM_DINH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n"
    files = {f"{ID}graph/file/d-{i}": _document(f"d-{i}", f"{i}-CV/TU", "2019-01-01") for i in range(10)}
    memo = tmp_path / MEMO_FILE
    _run(files, shared, memo, caplog)

    def table(name: str) -> set:
        with sqlite3.connect(memo) as db:
            return {g for (g,) in db.execute(f"SELECT graph FROM {name}")}
    assert table("wide_lines") == set(files) and not table("staged_lines")
    with sqlite3.connect(memo) as db:  # a build that stopped after staging a graph
        db.execute("INSERT INTO staged_lines VALUES (?, ?)", (f"{ID}graph/file/d-3", b"not zlib"))
    files[f"{ID}graph/file/d-10"] = _document("d-10", "3-CV/TU", "2019-05-01")  # the number of d-3
    report, _ = _run(files, shared, memo, caplog)
    assert {r.focus for r in report.results if r.source_shape.endswith("UniqueNumberShape>")} == {
        f"<{ID}doc/d-3>", f"<{ID}doc/d-10>"}
    assert table("wide_lines") == set(files) and not table("staged_lines")


WALK_TRIPLES = (b'<urn:a> <urn:cites> <urn:b> .\n<urn:b> <urn:cites> <urn:c> .\n<urn:c> <urn:num> "7" .\n'
                b'<urn:d> <urn:num> "7" .\n<urn:e> <urn:other> <urn:c> .\n<urn:c> <urn:part> <urn:f> .\n'
                b'_:blank <urn:cites> <urn:g> .\n')
WALKS = [  # start nodes, hops, near entries, expected (None: a blank node met)
    ({"<urn:c>"}, 2, {("urn:cites", "s", None)}, {"<urn:c>", "<urn:b>"}),
    ({"<urn:c>"}, 3, {("urn:cites", "s", None)}, {"<urn:c>", "<urn:b>", "<urn:a>"}),
    ({"<urn:c>"}, 2, {(None, "s", None)}, {"<urn:c>", "<urn:b>", "<urn:e>"}),            # any predicate
    ({"<urn:c>"}, 2, {("urn:cites", "s", frozenset({"<urn:x>"}))}, {"<urn:c>"}),          # not the far end asked
    ({'"7"'}, 2, {("urn:num", "s", None)}, {'"7"', "<urn:c>", "<urn:d>"}),               # from a literal
    ({"<urn:c>"}, 3, {("urn:num", "s", None), ("urn:num", "o", None)}, {"<urn:c>", '"7"', "<urn:d>"}),  # a shared key
    ({"<urn:f>", '"7"'}, 2, {("urn:part", "o", None)}, {"<urn:f>", '"7"'}),               # objects of f: none; a literal: no subject
    ({"<urn:c>"}, 2, {("urn:part", "o", None)}, {"<urn:c>", "<urn:f>"}),
    ({"<urn:g>"}, 2, {("urn:cites", "s", None)}, None),                                  # a blank node: unbounded
    (set(), 3, {("urn:cites", "s", None)}, set()),
]


@pytest.mark.parametrize("start, hops, near, expected", WALKS)
@pytest.mark.parametrize("per_query", [5000, 1])
def test_a_walk_asks_one_query_a_pattern_and_hop(start, hops, near, expected, per_query, monkeypatch):
    from loaders import validate_scope

    monkeypatch.setattr(validate_scope, "STEP_VALUES", per_query)  # the nodes split over several queries too
    store = ox.Store()
    store.load(WALK_TRIPLES, format=ox.RdfFormat.N_TRIPLES)
    seen: dict = {}
    left = {n: hops - 1 for n in validate_scope.canonical(start)}  # every end walked hops - 1 steps
    assert validate_scope.walk(store, left, Reach(hops, frozenset(near)), seen) == expected
    again = validate_scope.walk(store, left, Reach(hops, frozenset(near)), seen)  # from what was seen
    assert again == expected


FAN_IN = b"".join(b"<urn:c%d> <urn:method> <urn:number> .\n" % i for i in range(40))  # a code-list value
LIMITED_WALKS = [  # limit, rows a node (None: as defined), expected: None when the walk gives up
    (None, None, {"<urn:number>", *(f"<urn:c{i}>" for i in range(40))}),
    (40, None, {"<urn:number>", *(f"<urn:c{i}>" for i in range(40))}),
    (39, None, None),  # one node too many, found in one step
    (39, 1, None),     # the step's rows pass their cap first
]


@pytest.mark.parametrize("limit, rows_a_node, expected", LIMITED_WALKS)
def test_a_walk_gives_up_within_the_step_that_passes_its_limit(limit, rows_a_node, expected, monkeypatch):
    """One step back from a node many triples point to reads no more than the limit allows, and a step
    given up leaves nothing half-read for the next walk of the build."""
    from loaders import validate_scope

    if rows_a_node is not None:
        monkeypatch.setattr(validate_scope, "ROWS_A_NODE", rows_a_node)
    store = ox.Store()
    store.load(FAN_IN, format=ox.RdfFormat.N_TRIPLES)
    seen: dict = {}
    near = Reach(2, frozenset({("urn:method", "s", None)}))
    assert validate_scope.walk(store, {"<urn:number>": 1}, near, seen, limit) == expected
    if expected is None:
        assert not seen  # nothing kept of the step given up
        assert validate_scope.walk(store, {"<urn:number>": 1}, near, seen) == LIMITED_WALKS[0][2]


DEPTH_QUERY = "SELECT ?this WHERE { ?this <urn:cites> ?d . ?d <urn:num> ?n . ?other <urn:num> ?n }"
DEPTH_TRIPLES = (b'<urn:a> <urn:cites> <urn:b> .\n<urn:b> <urn:num> "7" .\n<urn:c> <urn:num> "7" .\n'
                 b'<urn:x> <urn:cites> <urn:c> .\n<urn:y> <urn:cites> <urn:a> .\n')
DEPTH_WALKS = [  # a changed triple; the focus nodes it reaches, each end walked as far as its entry lies
    ("<urn:a> <urn:cites> <urn:b> .", {"<urn:a>"}),  # the focus's own triple: no step (y cites a: not read)
    ('<urn:c> <urn:num> "7" .', {"<urn:c>", "<urn:x>", '"7"', "<urn:b>", "<urn:a>"}),  # the number's sharers too
    ("<urn:b> <urn:other> <urn:z> .", set()),
]


@pytest.mark.parametrize("changed, expected", DEPTH_WALKS)
def test_each_end_is_walked_only_as_far_as_its_pattern_lies_from_the_focus(changed, expected):
    from loaders.shacl_sparql import reach_with_constants
    from loaders.validate_scope import Delta, walk_ends

    store = ox.Store()
    store.load(DEPTH_TRIPLES, format=ox.RdfFormat.N_TRIPLES)
    assert walk_ends(store, Delta([changed]), reach_with_constants(DEPTH_QUERY)) == expected


def test_the_shared_graphs_own_nodes_are_checked_again_only_where_a_change_reaches(tmp_path, caplog):
    """The per-file checks of the shared graphs' own nodes (the corpus graph's bodies, units, ...):
    after a change of the shared graphs only the nodes it reaches are checked again, the results
    about the others kept; each step equals a whole validation (_run)."""
    shapes = Path(__file__).parent / "shapes"
    bad, good = _nt(shapes / "EvidenceShape.bad.ttl"), _nt(shapes / "EvidenceShape.good.ttl")
    files = {f"{ID}graph/file/{f.stem}": _nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES[:4])}
    shared = {f"urn:shared:{p.name}": _nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")}
    memo = tmp_path / MEMO_FILE

    def run(corpus: str):
        report, _ = _run(files, {**shared, "urn:shared:corpus": corpus}, memo, caplog)
        lines = [int(m.group(1)) for m in (re.search(r"(\d+) lines checked again", r.getMessage())
                                           for r in caplog.records) if m]
        about_bad = {r.key() for r in report.results if r.focus.startswith(f"<{ID}doc/")}  # the corpus graph's
        return report, lines, about_bad

    blank = sum(line.startswith("_:") for g in shared for line in shared[g].splitlines())  # always checked
    first, lines, about_bad = run(bad)
    assert lines == [] and about_bad  # no results kept yet: every shared line checked
    again, lines, kept = run(bad)
    assert lines == [blank] and again.keys() == first.keys()
    other = '<urn:x:unit> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n'
    grown, lines, kept = run(bad + other)
    assert lines == [blank + 1] and kept == about_bad
    fixed, lines, kept = run(good)
    assert blank < lines[0] < blank + len(good.splitlines())
    assert not kept & about_bad
    back, lines, kept = run(bad)
    assert back.keys() == first.keys()


def _skeleton(groups) -> str:
    return "".join("{" + "|".join(g.own) + "(" + _skeleton(g.children) + ")}" for g in groups)


@pytest.mark.parametrize("query, skeleton", [
    # a run of IRIs is one token: braces inside its IRIs, or inside strings, open no group
    ('SELECT ?this WHERE { { VALUES ?this { <urn:a> <urn:b{> <urn:c}> } } }',
     "{ | ({ VALUES ?this | ({ <urn:a> <urn:b{> <urn:c}> ()})})}"),
    ('SELECT ?this WHERE { { VALUES ?this { <urn:a> "x}" <urn:b> \'{\' } } { ?this <urn:p> "}" } }',
     '{ | | (''{ VALUES ?this | (''{ <urn:a> "x}" <urn:b> \'{\' ()})}{ ?this <urn:p> "}" ()})}'),
    ("SELECT ?this WHERE { ?this <urn:p> ?v FILTER(?v<?w) . ?w <urn:q>?x }", "{ ?this <urn:p> ?v FILTER(?v<?w) . ?w <urn:q>?x ()}"),
])
def test_a_querys_groups_skip_braces_in_iris_and_strings(query, skeleton):
    from loaders.validate_scope import _groups

    assert _skeleton(_groups(query)) == skeleton


def test_a_scoped_check_with_its_groups_bound_reports_what_the_whole_check_reports_of_its_nodes():
    """limited() binds the groups Oxigraph would evaluate whole (bound_to_focus: VALUES; the group
    after the target LATERAL; bound_joins: the groups sharing its variables): on the shape fixtures
    plus documents sharing numbers, each corpus-wide check over some of its focus nodes gives the
    results the whole check gives about those nodes."""
    from loaders.validate import _ClassClosure, _run_each, _translated, load_shapes, split_checks
    from loaders.validate_scope import limited, scope_of

    docs = [_document(f"d{i}", f"{1100 + i % 3}-CV/TU", f"2020-0{1 + i % 2}-01", implements=f"d{i - 1}" if i else None)
            for i in range(8)]
    shared = [_nt(p) for p in (ONTOLOGY / "directive.ttl", ONTOLOGY / "codelists.ttl")]
    text = "".join([*shared, *(_nt(f, f"fixture-{i}") for i, f in enumerate(FIXTURES)), *docs,
                    f"{NAM_DINH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n"])
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                 for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    sg = load_shapes()
    _, wide, _ = split_checks(sg, _translated(sg, _ClassClosure(store))[0])
    wide = [(s, c) for s, c in wide if not c.per_focus and scope_of(c) is not None]
    whole = _run_each(store, wide)
    focus = sorted({r.focus for found in whole for r in found if r.focus.startswith("<")})
    unique = next(c for _, c in wide if c.shape.endswith("UniqueNumberShape>"))
    assert "LATERAL" in limited(unique, {f"<{ID}doc/d1>"}, store).query
    assert "VALUES (?id)" in limited(unique, {f"<{ID}doc/d1>"}, store).query
    assert any(c is unique and found for (_, c), found in zip(wide, whole))
    for nodes in (set(focus[::2]), set(focus[1::2]), {f"<{ID}doc/d1>", f"<{ID}doc/d4>"}):
        scoped = _run_each(store, [(s, limited(c, nodes, store)) for s, c in wide])
        for (_, check), all_of, found in zip(wide, whole, scoped):
            assert sorted(found, key=str) == sorted((r for r in all_of if r.focus in nodes), key=str), check.shape


# --- what a build records of each graph ----------------------------------------------------------

_P, _Q = "<urn:p>", "<urn:q>"
RECORDED_TEXTS = [  # N-Triples texts: the one pass must give both passes' bytes, whatever the line breaks
    f'<urn:a> {_P} <urn:b> .\n<urn:a> {_Q} "x" .\n',
    f'<urn:a> {_P} <urn:b> .\n<urn:c> {_Q} "y"@vi .',                      # no newline at the end
    f'<urn:a> {_P} "x\u2028y" .\n<urn:b> {_Q} "z" .\n',                    # a break splitlines sees, split("\n") not
    f'<urn:a> {_P} <urn:b> .\r\n<urn:c> {_Q} <urn:d> .\r\n',               # CRLF
    f'<urn:a> {_P} "x\x85y" .\n',
    f'\n<urn:a> {_P} <urn:b> .\n\n<urn:a> <urn:r> <urn:b>  .  \n',        # empty lines, spaces before the dot
    f'_:b1 {_P} <urn:b> .\n<urn:a> {_Q} _:b1 .\n',
    "",
]


@pytest.mark.parametrize("text", RECORDED_TEXTS)
@pytest.mark.parametrize("wanted", [frozenset({"urn:p"}), frozenset({"urn:p", "urn:q"}), frozenset(), None])
def test_one_pass_records_what_the_two_passes_record(text, wanted):
    from loaders.validate_memo import term_hashes
    from loaders.validate_scope import kept_lines, terms_and_lines

    assert terms_and_lines(text, wanted) == (term_hashes(text), kept_lines(text, wanted))


_XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("nodes, terms", [
    (["<http://x/a>"], [ox.NamedNode("http://x/a")]),
    # literals as N-Triples writes them, some not canonical: parsed together, each as pyoxigraph writes it
    (['"1"^^<' + _XSD + 'integer>', '"b"', '"b"^^<' + _XSD + 'string>', '"c"@EN', '"a\\"q\\nr"', "<http://x/a>"],
     [ox.Literal(1), ox.Literal("b"), ox.Literal("c", language="en"), ox.Literal('a"q\nr'), ox.NamedNode("http://x/a")]),
    (["<http://x/a>", "_:b1", '"1"'], None),
    ([], []),
])
def test_the_ends_are_canonical_as_the_store_writes_them(nodes, terms):
    from loaders.validate_scope import canonical

    assert canonical(nodes) == (None if terms is None else {str(t) for t in terms})
