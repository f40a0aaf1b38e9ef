"""`directive-kg query NAME --limit N --offset M` (issue 15): one page of a listing, computed by the
store or the endpoint (LIMIT/OFFSET written into the query), the same rows as a slice of the whole."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from directive_kg import queries as Q
from loaders.store import query_graph

PAGED = [  # (query, limit, offset) -> the modifiers it ends up with
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 20, "OFFSET 20\nLIMIT 10"),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 0, "LIMIT 10"),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", None, 5, "OFFSET 5"),
    # modifiers the query has are combined: a page of its own window
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 OFFSET 5", 10, 20, "OFFSET 25\nLIMIT 10"),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 OFFSET 5", 10, 95, "OFFSET 100\nLIMIT 5"),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100", None, 30, "OFFSET 30\nLIMIT 70"),
]


@pytest.mark.parametrize("text,limit,offset,modifiers", PAGED)
def test_page_writes_limit_and_offset(text, limit, offset, modifiers):
    paged = Q.page(text, limit, offset)
    Q.check_syntax(paged)
    tail = [w for w in paged.split("}")[-1].split() if w not in ("ORDER", "BY", "?s")]
    assert tail == modifiers.split()


@pytest.mark.parametrize("text", [
    # keywords in strings, IRIs and comments are not modifiers; a trailing VALUES block stays last
    'SELECT ?s WHERE { ?s ?p "LIMIT 3 }" } # LIMIT 5\n',
    "SELECT ?s WHERE { ?s <http://x/LIMIT> ?o } ORDER BY ?s VALUES ?s { <http://a> }",
    "PREFIX a: <http://x#>\nSELECT * { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } }",
])
def test_page_leaves_the_rest_of_the_query_alone(text):
    paged = Q.page(text, 7, 3)
    Q.check_syntax(paged)
    assert "OFFSET 3" in paged and "LIMIT 7" in paged
    assert paged.replace("\nOFFSET 3", "").replace("\nLIMIT 7", "").split() == text.split()


def test_page_refuses_negative_values():
    with pytest.raises(Q.QueryError):
        Q.page("SELECT * WHERE { ?s ?p ?o }", -1, 0)


ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "fixtures" / "queries-before"  # saved queries as they were before a rewrite for speed


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A built 80-document corpus of bench/generate.py (citation trees, channel crossings, implicit
    citations), copied into a memory store."""
    import pyoxigraph as ox

    from loaders.build import build
    from loaders.store import open_store

    tmp = tmp_path_factory.mktemp("paging")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", "80", "--out", str(tmp / "corpus"),
                    "--seed", "7", "--noise", "0.1", "--no-gold"], check=True, capture_output=True)
    build(tmp / "corpus", tmp / "store", progress=False, jobs=1)
    store = ox.Store()
    with open_store(tmp / "store", read_only=True) as kg:
        store.extend(kg.store.quads_for_pattern(None, None, None, None))
    return store


def _root(store) -> str:
    """The most cited document: the top of the largest tree."""
    return next(iter(query_graph(store,
        "SELECT ?d (COUNT(?c) AS ?n) WHERE { ?c <http://data.europa.eu/eli/ontology#cites> ?d } "
        "GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1")))["d"].value


def _busiest_body(store) -> str:
    return next(iter(query_graph(store,
        "SELECT ?b (COUNT(?a) AS ?n) WHERE { ?a <https://w3id.org/directive-kg/ontology#leadBody> ?b } "
        "GROUP BY ?b ORDER BY DESC(?n) ?b LIMIT 1")))["b"].value


def _params(query, store) -> dict[str, str]:
    """A required document: the most cited one; a required body: the one with most tasks."""
    pick = {"document": _root, "body": _busiest_body}
    return {p.name: pick[p.type](store) for p in query.params if p.type in pick and p.default is None}


PAGEABLE = [q.name for q in Q.list_queries() if not q.summary and q.name not in ("evidence", "reuse", "hidden-links", "implementations")]


@pytest.mark.parametrize("name", PAGEABLE)
def test_pages_are_slices_of_the_whole_listing(generated, name):
    """Every page of every saved listing (the rows' order is total, ties broken by IRIs) is the slice of
    the whole result, and the pages concatenate to it."""
    query = Q.load_query(name)
    params = _params(query, generated)
    whole = Q.run(query, params, store=generated).rows
    if len(whole) < 3:
        pytest.skip(f"{name}: {len(whole)} rows on the generated corpus")
    size = max(2, len(whole) // 5)
    pages = [Q.run(query, params, store=generated, limit=size, offset=k).rows for k in range(0, len(whole), size)]
    assert [row for p in pages for row in p] == whole
    assert Q.run(query, params, store=generated, limit=3, offset=1).rows == whole[1:4]


@pytest.mark.parametrize("name", ["documents", "signatures", "reporting-lines"])
def test_pages_of_the_corpus_listings(corpus_store, name):
    whole = Q.run(name, store=corpus_store).rows
    assert len(whole) > 6
    pages = [Q.run(name, store=corpus_store, limit=4, offset=k).rows for k in range(0, len(whole), 4)]
    assert [row for p in pages for row in p] == whole
    assert Q.run(name, store=corpus_store, limit=3, offset=2).rows == whole[2:5]


def _rows(result) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in result.rows)


@pytest.mark.parametrize("name", sorted(p.stem for p in BEFORE.glob("*.rq")))
def test_a_rewritten_query_gives_the_same_rows_as_before(generated, corpus_store, seed_store, name):
    """A saved query rewritten for speed answers exactly what its previous text answered (the same set of
    rows), on the seed graph, data/documents and the generated corpus, with the parameters each takes."""
    new, old = Q.load_query(name), Q.load_query(BEFORE / f"{name}.rq")
    for store in (seed_store, corpus_store, generated):
        for via in (["implements", "cites"] if any(p.name == "via" for p in new.params) else [None]):
            params = {**_params(new, store), **({"via": via} if via else {})}
            assert _rows(Q.run(new, params, store=store)) == _rows(Q.run(old, params, store=store)), (name, params)


def test_a_summarised_query_is_not_paged(corpus_store):
    with pytest.raises(Q.QueryError, match="cannot be paged"):
        Q.run("lag-per-level", store=corpus_store, limit=3)


def test_pages_on_an_endpoint(oxigraph_server, corpus_store):
    from directive_kg.remote import upload
    upload(corpus_store, oxigraph_server.query_url)
    local = Q.run("documents", store=corpus_store, limit=5, offset=3)
    remote = Q.run("documents", endpoint=oxigraph_server.query_url, limit=5, offset=3)
    assert len(remote) == 5 and remote.rows == local.rows


def test_cli_limit_offset(tmp_path, seed_store):
    from loaders.store import open_store
    with open_store(tmp_path / "store", read_only=False) as opened:
        opened.store.extend(seed_store.quads_for_pattern(None, None, None, None))
    cli = [str(Path(sys.executable).parent / "directive-kg"), "query", "documents", "--store", str(tmp_path / "store"),
           "--format", "json"]
    whole = json.loads(subprocess.run(cli, capture_output=True, text=True, timeout=60, check=True).stdout)
    done = subprocess.run(cli + ["--limit", "2", "--offset", "1"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == whole[1:3]
    csv = subprocess.run(cli[:-2] + ["--format", "csv", "--limit", "1"], capture_output=True, text=True, timeout=60)
    assert len(csv.stdout.splitlines()) == 2  # header + one row
    bad = subprocess.run(cli + ["--limit", "-3"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--limit" in bad.stderr


def test_the_runner_sorts_as_order_by_would(seed_store):
    """`# sort:` keys: the runner orders the rows as the store's ORDER BY on the same keys (unbound first,
    then IRIs, then literals; numbers by value), and pages the sorted rows; `# hide:` keys are not shown."""
    body = ("SELECT ?s ?n ?t WHERE { VALUES (?s ?n ?t) { (<http://x/b> 2 \"b\") (<http://x/a> 10 \"b\") "
            "(<http://x/c> 2 UNDEF) (<http://x/d> 1 \"a\") } }")
    runner = Q.parse_query("# sort: t n s\n# hide: n\n" + body)
    store = Q.parse_query(body + " ORDER BY ?t ?n ?s")
    assert runner.sort == ("t", "n", "s") and runner.hide == ("n",)
    expected = Q.run(store, store=seed_store).rows
    got = Q.run(runner, store=seed_store)
    assert got.columns == ["s", "t"]
    assert got.rows == [{k: r[k] for k in ("s", "t")} for r in expected]
    assert [r["s"] for r in expected] == ["http://x/c", "http://x/d", "http://x/b", "http://x/a"]
    assert Q.run(runner, store=seed_store, limit=2, offset=1).rows == got.rows[1:3]
    with pytest.raises(Q.QueryError, match="ORDER BY"):
        Q.parse_query("# sort: s\n" + body + " ORDER BY ?s")
