"""Hostile parameter values cannot change a query, on the embedded path (substitutions) or the
remote path (VALUES blocks of serialised terms), and nothing a query does changes the store."""
from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest

from directive_kg import queries as Q
from directive_kg.queries import bind_values

ATTACKS = [
    '"', "'", '"""', "'''", "\\", '\\"', "}", "{", "} }", "#", "# } .",
    '10/ĐM" } UNION { ?node ?via ?x } #',
    "10/ĐM'} ; DROP ALL ; #",
    '"} INSERT DATA { <http://evil/s> <http://evil/p> "x" } #',
    "INSERT DATA { <http://evil/s> <http://evil/p> <http://evil/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "http://evil/a b", "http://evil/a>b", "<http://evil/x> } #", "https://w3id.org/directive-kg/id/doc/x y",
    "dkgid:doc/trung-uong/2020/10-dm> } #",
    "line1\nline2", "\r\n} #\n", "\x00", "\u2028", "?doc", "$doc", "VALUES ?doc { <x> }", ")",
    "10/ĐM\"^^<http://www.w3.org/2001/XMLSchema#string>", "@vi", "x" * 5000,
]
NONEXISTENT = "no-such-thing-0000"
PARAM_QUERIES = [(q, p) for q in Q.list_queries() for p in q.params if p.type in ("document", "body", "iri", "string")]


def fingerprint(store: ox.Store) -> str:
    return hashlib.sha256(store.dump(format=ox.RdfFormat.N_QUADS)).hexdigest()


class ValuesBackend(Q.EmbeddedBackend):
    """The query text bound beforehand (as a remote endpoint receives it), then run by the embedded engine."""

    def select(self, text, bindings, timeout, source):
        return super().select(bind_values(text, bindings), {}, timeout, source)


def outcome(query, params, backend):
    try:
        r = Q.run(query, params, backend=backend)
        return ("rows", tuple(r.columns), len(r.rows))
    except Q.QueryError as e:
        return ("error", type(e).__name__)


@pytest.mark.parametrize("backend_class", [Q.EmbeddedBackend, ValuesBackend], ids=["embedded", "values-in-text"])
@pytest.mark.parametrize("query, param", PARAM_QUERIES, ids=[f"{q.name}-{p.name}" for q, p in PARAM_QUERIES])
def test_hostile_values_behave_like_unknown_values(seed_store, query, param, backend_class):
    backend = backend_class(seed_store)
    before = fingerprint(seed_store)
    required = {p.name: p.example for p in query.params if p.default is None}
    expected = outcome(query, {**required, param.name: NONEXISTENT}, backend)
    for attack in ATTACKS:
        assert outcome(query, {**required, param.name: attack}, backend) == expected, repr(attack)
    assert expected[0] == "rows" and expected[2] == 0
    assert fingerprint(seed_store) == before


ECHO = Q.parse_query("# param: text string - x\nSELECT ?text ?echo WHERE { BIND (STR(?text) AS ?echo) }")


@pytest.mark.parametrize("attack", ATTACKS)
def test_string_values_arrive_intact_on_both_paths(seed_store, attack):
    """A string parameter is one literal, whatever it contains."""
    import unicodedata
    for backend in (Q.EmbeddedBackend(seed_store), ValuesBackend(seed_store)):
        r = Q.run(ECHO, {"text": attack}, backend=backend)
        assert [row["echo"] for row in r.rows] == [unicodedata.normalize("NFC", attack)]


def test_values_block_lands_in_every_scope_that_projects_the_parameter():
    text = Q.load_query("propagation-tree").text
    bound = bind_values(text, {"doc": ox.NamedNode("http://x/d"), "via": ox.NamedNode("http://x/v")})
    assert bound.count("VALUES (?doc ?via) { (<http://x/d> <http://x/v>) }") == 2
    Q.check_syntax(bound)
    # words inside comments, strings and IRIs are not mistaken for WHERE
    tricky = '# WHERE {\nSELECT ?doc ?s WHERE { ?s <http://e/WHERE> "WHERE {" }'
    assert bind_values(tricky, {"doc": ox.Literal("v")}).count("VALUES") == 1
    assert 'WHERE { VALUES (?doc) { ("v") }  ?s' in bind_values(tricky, {"doc": ox.Literal("v")})


def test_typed_iri_with_forbidden_characters_is_not_an_iri(seed_store):
    r = Q.run("propagation-tree", {"doc": "https://w3id.org/directive-kg/id/doc/trung-uong/2020/10-dm> }"},
              store=seed_store)
    assert r.rows == [] and r.notes
