"""A build stopped at any point of sync_graphs (issue 14, item 3): readers answer from the last
complete merged graph, or refuse in one line naming `directive-kg build`; they never fall back to
the union of all named graphs (minutes at 1,000 documents). The next sync repairs the store.

The stop is the pause hook raising, which leaves the store as a kill at that point would."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from loaders.store import StoreError, merged_complete, open_store, query_graph, sync_graphs
from loaders.store import data_graphs, graph_quads

G1, G2, G3 = (f"https://example.org/graph/{i}" for i in (1, 2, 3))
A = '<https://example.org/a> <https://example.org/p> "Tỉnh ủy"@vi .\n'
B = "<https://example.org/b> <https://example.org/p> <https://example.org/a> .\n"
C = '<https://example.org/c> <https://example.org/p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
BLANKS = '<https://example.org/d> <https://example.org/q> _:x .\n_:x <https://example.org/p> "x" .\n'

EVERY_S = "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o } ORDER BY ?s ?o"


class Killed(Exception):
    pass


def stop_at(stage: str):
    def pause(reached: str) -> None:
        if reached == stage:
            raise Killed(stage)
    return pause


def merged_text(store: ox.Store) -> list[str]:
    return sorted(f"{q.triple} .\n" for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def union_text(store: ox.Store) -> list[str]:
    return sorted({f"{q.triple} .\n" for g in data_graphs(store) for q in graph_quads(store, g)})


def rows(store: ox.Store) -> list[tuple[str, str]]:
    return [(r["s"].value, r["o"].value) for r in query_graph(store, EVERY_S)]


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "store"


def sync_then_kill(store_dir, first, second, stage):
    with open_store(store_dir, read_only=False) as kg:
        sync_graphs(kg.store, first)
        before = rows(kg.store)
        with pytest.raises(Killed):
            sync_graphs(kg.store, second, pause=stop_at(stage))
    return before


def test_killed_while_graphs_are_replaced_readers_see_the_last_complete_state(store_dir):
    before = sync_then_kill(store_dir, {G1: A, G2: B}, {G1: A, G2: C, G3: B}, "graph-written")
    with open_store(store_dir) as kg:
        assert rows(kg.store) == before
    with open_store(store_dir, read_only=False) as kg:  # the next build repairs
        sync_graphs(kg.store, {G1: A, G2: C, G3: B})
        assert merged_complete(kg.store) and merged_text(kg.store) == union_text(kg.store)


def test_killed_at_the_merging_step_readers_see_the_last_complete_state(store_dir):
    """The merged graph changes in one transaction: a kill before it leaves the previous one."""
    before = sync_then_kill(store_dir, {G1: A, G2: B}, {G1: A, G2: C}, "merging")
    with open_store(store_dir) as kg:
        assert rows(kg.store) == before
    with open_store(store_dir, read_only=False) as kg:
        sync_graphs(kg.store, {G1: A, G2: C})
        assert merged_text(kg.store) == union_text(kg.store)


def test_killed_while_a_blank_node_graph_grows_readers_see_the_last_complete_state(store_dir):
    """Its blank nodes keep their labels (store._labelled_quads): none leaves the merged graph, and
    the new triples are copied inside the store, so the step is one transaction."""
    before = sync_then_kill(store_dir, {G1: A, G2: BLANKS}, {G1: A, G2: BLANKS + C}, "merging")
    with open_store(store_dir) as kg:
        assert rows(kg.store) == before
    with open_store(store_dir, read_only=False) as kg:
        sync_graphs(kg.store, {G1: A, G2: BLANKS + C})
        assert merged_text(kg.store) == union_text(kg.store) and rows(kg.store) != before


def test_killed_while_blank_nodes_leave_the_merged_graph_readers_are_told_to_build(store_dir):
    sync_then_kill(store_dir, {G1: A, G2: BLANKS}, {G1: A, G2: C}, "merging")
    with pytest.raises(StoreError, match="directive-kg build") as e:
        open_store(store_dir).close()
    assert "\n" not in str(e.value)
    with open_store(store_dir, read_only=False) as kg:
        with pytest.raises(StoreError, match="directive-kg build"):
            query_graph(kg.store, EVERY_S)
        sync_graphs(kg.store, {G1: A, G2: C})
        assert merged_text(kg.store) == union_text(kg.store) and rows(kg.store)


@pytest.mark.parametrize("stage", ["cleared", "loading", "loaded"])
def test_killed_during_a_full_load_readers_are_told_to_build(store_dir, stage):
    with open_store(store_dir, read_only=False) as kg:
        with pytest.raises(Killed):
            sync_graphs(kg.store, {G1: A, G2: B, G3: C}, pause=stop_at(stage))
    with pytest.raises(StoreError, match="directive-kg build"):
        open_store(store_dir).close()
    with open_store(store_dir, read_only=False) as kg:
        sync_graphs(kg.store, {G1: A, G2: B, G3: C})
        assert merged_text(kg.store) == union_text(kg.store)
    with open_store(store_dir) as kg:
        assert len(rows(kg.store)) == 3


def test_a_plain_pyoxigraph_store_is_still_read_as_the_union(seed_store):
    assert not merged_complete(seed_store)
    assert list(query_graph(seed_store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))


def test_a_change_too_large_for_one_update_goes_in_steps(store_dir, monkeypatch):
    import loaders.store
    monkeypatch.setattr(loaders.store, "ATOMIC_MAX", 0)
    sync_then_kill(store_dir, {G1: A, G2: B}, {G1: A, G2: C}, "merging")
    with pytest.raises(StoreError, match="directive-kg build"):
        open_store(store_dir).close()
    with open_store(store_dir, read_only=False) as kg:
        sync_graphs(kg.store, {G1: A, G2: C})
        assert merged_text(kg.store) == union_text(kg.store)
