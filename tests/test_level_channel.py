"""Level and channel on every document node (issue 16, item 5): a document known only by citation
takes them from its issuer (or, with no issuer named, from its number's symbol); copies from their
copying body. ontology/README.md shows a query that needs no detour through the issuer."""
from __future__ import annotations

import re

from loaders.paths import ONTOLOGY

DKG = "https://w3id.org/directive-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"


def _rows(store, query: str) -> list[dict]:
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def test_472_has_its_level_and_channel(corpus_store):
    rows = _rows(corpus_store, f"""SELECT DISTINCT ?l ?c WHERE {{
        ?d <{ELI}id_local> "472/UBND-VP6" ; <{DKG}level> ?l ; <{DKG}channel> ?c }}""")
    assert [(r["l"].rsplit("/", 1)[1], r["c"].rsplit("/", 1)[1]) for r in rows] == [("province", "state")]


def test_every_document_whose_issuer_has_a_level_has_the_same_one(corpus_store):
    missing = _rows(corpus_store, f"""SELECT DISTINCT ?d ?what WHERE {{
        ?d a <{DKG}Document> ; <{ELI}passed_by> ?b .
        {{ ?b <{DKG}level> ?x . FILTER NOT EXISTS {{ ?d <{DKG}level> ?y }} BIND ("level" AS ?what) }}
        UNION {{ ?b <{DKG}channel> ?x . FILTER NOT EXISTS {{ ?d <{DKG}channel> ?y }} BIND ("channel" AS ?what) }}
    }}""")
    assert missing == []
    cited_only = _rows(corpus_store, f"""SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{
        ?d <{DKG}knownOnlyByCitation> true ; <{DKG}level> ?l ; <{DKG}channel> ?c }}""")
    assert int(cited_only[0]["n"]) >= 20


def test_copies_carry_level_and_channel(corpus_store):
    rows = _rows(corpus_store, f"""SELECT DISTINCT ?d ?l ?c WHERE {{
        ?d a <{DKG}Copy> . OPTIONAL {{ ?d <{DKG}level> ?l }} OPTIONAL {{ ?d <{DKG}channel> ?c }} }}""")
    assert rows and all(r["l"] and r["c"] for r in rows)


def test_the_readme_example_query(corpus_store):
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### One issuer, its acting body"):]
    query = re.search(r"```sparql\n(.*?)```", section, re.S).group(1)
    numbers = {r["number"]: r["cited_only"] for r in _rows(corpus_store, query)}
    assert numbers["472/UBND-VP6"] == "true"
    assert numbers["1297/UBND-VX"] == "false"
