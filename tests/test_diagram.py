"""Diagrams: the graph read from the store, the layout, and the structure of the drawn figure
(lane and date of every node, edges and their styles, labels that do not overlap), not pixels."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from directive_kg import diagram as D  # noqa: E402
from directive_kg.cli import main as cli  # noqa: E402

DOC = "https://w3id.org/directive-kg/id/doc/"
CD10 = DOC + "trung-uong/2020/10-dm"
TV963 = DOC + "tinh-uy-tra-vinh/2020/963-cv-tu"
NB2644 = DOC + "tinh-uy-ninh-binh/2020/2644-cv-tu"
NT11 = DOC + "huyen-uy-nam-truc/2020/11-cv-hu"

# The chain of Công điện 10/ĐM in tests/fixtures/seed_graph.trig (hand-written from the documents).
SEED_CHAIN = [  # iri, number, level, date, channel, known only by citation
    (CD10, "10/ĐM", "central", dt.date(2020, 7, 28), "party", True),
    (TV963, "963-CV/TU", "province", dt.date(2020, 7, 29), "party", False),
    (NB2644, "2644-CV/TU", "province", dt.date(2020, 7, 29), "party", False),
    (NT11, "11-CV/HU", "district", dt.date(2020, 7, 31), "party", False),
]
SEED_EDGES = [  # cited, citing, relation, kind
    (CD10, TV963, "implements", "explicit"),       # "Công điện số 10-CĐ/TW"
    (CD10, NB2644, "implements", "implicit"),      # not cited, matched on issuer and subject
    (CD10, NT11, "implements", "inferred"),        # cited by date and issuer, without a number
]
OTHER_EDGES = [  # more of the fixture, for the other relations
    (DOC + "tinh-uy-binh-dinh/unnumbered/3065f9b87e21bb45", DOC + "dang-uy-khoi-cac-co-quan-tinh-binh-dinh/2021/43-bs-duk",
     "copy-of", "explicit"),
    (DOC + "trung-uong/2019/35-ct-tw", TV963, "refers", "explicit"),
]


# --- reading the figure back -------------------------------------------------------------------

def drawn_nodes(fig) -> dict[str, dict]:
    out = {}
    for ax in fig.axes:
        for coll in ax.collections:
            for i, node in enumerate(getattr(coll, "dkg_nodes", [])):
                faces, edges = coll.get_facecolors(), coll.get_edgecolors()
                out[node] = {"xy": tuple(coll.get_offsets()[i]), "face": to_hex(faces[i % len(faces)]),
                             "edge": to_hex(edges[i % len(edges)]), "ax": ax}
    return out


def drawn_edges(fig) -> list[tuple[str, str, str, str, str]]:
    """(cited, citing, relation, line style, colour) of every drawn edge."""
    out = []
    for ax in fig.axes:
        for artist in [*ax.patches, *ax.collections, *ax.lines]:
            for u, v, rel in getattr(artist, "dkg_edges", []):
                if isinstance(artist, matplotlib.patches.Patch):
                    style, colour = artist.get_linestyle(), to_hex(artist.get_edgecolor())
                elif isinstance(artist, matplotlib.lines.Line2D):
                    style, colour = artist.get_linestyle(), to_hex(artist.get_color())
                else:
                    style, colour = artist.dkg_style[0], to_hex(artist.get_color()[0])
                    same = matplotlib.collections.LineCollection([], linestyles=style, linewidths=artist.get_linewidth())
                    assert artist.get_linestyle() == same.get_linestyle()
                out.append((u, v, rel, style, colour))
    return sorted(out)


def lane_at(ax, y: float) -> str:
    """The lane title whose band (tick +- 0.5) holds y."""
    hits = [t.get_text() for tick, t in zip(ax.get_yticks(), ax.get_yticklabels()) if abs(y - tick) < 0.5]
    assert len(hits) == 1, (y, hits)
    return hits[0]


def label_boxes(fig, nodes) -> dict[str, object]:
    renderer = fig.canvas.get_renderer()
    boxes = {}
    for ax in fig.axes:
        for t in ax.texts:
            if t.get_gid() in nodes:
                assert t.get_gid() not in boxes, f"{t.get_gid()} labelled twice"
                boxes[t.get_gid()] = t.get_window_extent(renderer)
    return boxes


def assert_no_overlap(fig, g) -> None:
    boxes = label_boxes(fig, set(g.nodes))
    for (a, ba), (b, bb) in itertools.combinations(sorted(boxes.items()), 2):
        assert not ba.overlaps(bb), f"labels of {a} and {b} overlap"
    nodes = {n: info for n, info in drawn_nodes(fig).items() if n in g}
    for node, box in boxes.items():
        for other, info in nodes.items():
            px, py = info["ax"].transData.transform(info["xy"])
            assert not box.contains(px, py), f"label of {node} covers the node {other}"


# --- the graph ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_chain(seed_store):
    return D.propagation_graph(seed_store, "10/ĐM")


def test_chain_nodes_carry_level_date_channel(seed_chain):
    assert sorted(seed_chain.nodes) == sorted(row[0] for row in SEED_CHAIN)
    assert seed_chain.graph["root"] == CD10
    for iri, number, level, date, channel, cited_only in SEED_CHAIN:
        a = seed_chain.nodes[iri]
        assert (a["number"], a["level"], a["date"], a["channel"], a["cited_only"]) == \
               (number, level, date, channel, cited_only), iri


def test_edges_run_from_cited_to_citing_with_relation_and_kind(seed_store, seed_chain):
    got = sorted((u, v, a["relation"], a["kind"]) for u, v, a in seed_chain.edges(data=True))
    assert got == sorted(SEED_EDGES)
    whole = D.propagation_graph(seed_store)
    everything = {(u, v, a["relation"], a["kind"]) for u, v, a in whole.edges(data=True)}
    assert set(OTHER_EDGES) <= everything
    assert set(seed_chain.nodes) < set(whole.nodes)


@pytest.mark.parametrize("typed", ["10/ĐM", " 10/ĐM ", CD10, "dkgid:doc/trung-uong/2020/10-dm", f"<{CD10}>"])
def test_root_accepts_what_a_researcher_types(seed_store, typed):
    assert D.resolve_document(seed_store, typed) == CD10


def test_number_as_written_in_a_header(seed_store):
    assert D.resolve_document(seed_store, "2644 - CV/TU") == NB2644


def test_unknown_root_is_a_clear_error(seed_store):
    with pytest.raises(LookupError, match="99/XYZ"):
        D.propagation_graph(seed_store, "99/XYZ")


# --- layout ------------------------------------------------------------------------------------

def test_layout_lane_and_date_of_every_node(seed_chain):
    pos = D.layout(seed_chain)
    lanes = D.lanes_of(seed_chain)
    assert lanes == ["central", "province", "district"]
    for iri, _, level, date, *_ in SEED_CHAIN:
        p = pos[iri]
        assert (p.lane, p.x, p.dated) == (level, date, True)
        centre = len(lanes) - 1 - lanes.index(level)
        assert abs(p.y - centre) < 0.45
    # two province documents of the same day are stacked, not on top of each other
    assert pos[TV963].y != pos[NB2644].y


def _rebuilt_in_reverse(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    for n in reversed(list(g.nodes)):
        h.add_node(n, **g.nodes[n])
    for u, v, k, a in reversed(list(g.edges(keys=True, data=True))):
        h.add_edge(u, v, key=k, **a)
    return h


def test_layout_is_deterministic(seed_store):
    g = D.propagation_graph(seed_store)
    assert D.layout(g) == D.layout(_rebuilt_in_reverse(g)) == D.layout(D.propagation_graph(seed_store))


def test_same_graph_same_picture(seed_store, tmp_path):
    g = D.propagation_graph(seed_store)
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    plt.close(D.draw_propagation(g, a))
    plt.close(D.draw_propagation(_rebuilt_in_reverse(g), b))
    assert a.read_bytes() == b.read_bytes()


def test_undated_document_sits_next_to_its_link(seed_store):
    g = D.propagation_graph(seed_store)
    pos = D.layout(g)
    original = OTHER_EDGES[0][0]  # unnumbered, undated; its copy is dated 2021-09-08
    assert g.nodes[original]["date"] is None
    assert (pos[original].x, pos[original].dated) == (dt.date(2021, 9, 7), False)


# --- the drawn figure --------------------------------------------------------------------------

def test_figure_nodes_lanes_dates_and_styles(seed_chain):
    fig = D.draw_propagation(seed_chain)
    try:
        nodes = drawn_nodes(fig)
        assert sorted(nodes) == sorted(seed_chain.nodes)
        for iri, _, level, date, channel, cited_only in SEED_CHAIN:
            info = nodes[iri]
            assert info["xy"][0] == pytest.approx(mdates.date2num(date))
            assert lane_at(info["ax"], info["xy"][1]) == D.LANE_TITLES[level]
            assert info["edge"] == D.CHANNEL_COLOURS[channel]
            assert info["face"] == ("#ffffff" if cited_only else D.CHANNEL_COLOURS[channel])
        expected = sorted((u, v, rel, D.RELATION_STYLES[rel], D.EDGE_COLOURS[kind]) for u, v, rel, kind in SEED_EDGES)
        assert drawn_edges(fig) == expected
        assert "10/ĐM" in fig.axes[0].get_title(loc="left")
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert {"implements", "known only by citation", "implicit link (not cited, inferred)"} <= set(legend)
    finally:
        plt.close(fig)


def test_whole_seed_graph_styles_by_relation(seed_store):
    g = D.propagation_graph(seed_store)
    fig = D.draw_propagation(g)
    try:
        drawn = {(u, v): (style, colour) for u, v, _, style, colour in drawn_edges(fig)}
        assert len(drawn_edges(fig)) == g.number_of_edges()
        for u, v, rel, kind in SEED_EDGES + OTHER_EDGES:
            assert drawn[(u, v)] == (D.RELATION_STYLES[rel], D.EDGE_COLOURS[kind])
    finally:
        plt.close(fig)


@pytest.mark.parametrize("root", ["10/ĐM", None])
def test_seed_labels_do_not_overlap(seed_store, root):
    g = D.propagation_graph(seed_store, root)
    fig = D.draw_propagation(g)
    try:
        assert set(label_boxes(fig, set(g.nodes))) == set(g.nodes)  # every document labelled
        assert_no_overlap(fig, g)
    finally:
        plt.close(fig)


def assert_edges_clear_of_other_nodes(fig, min_px: float = 10.0) -> None:
    """No line passes over a node it does not link (it would read as a link to that node)."""
    import numpy as np

    fig.canvas.draw()
    nodes = drawn_nodes(fig)
    for ax in fig.axes:
        for patch in ax.patches:
            for u, v, _ in getattr(patch, "dkg_edges", []):
                # the shaft: the first curve of the path (the arrow head follows), flattened finely
                path = patch.get_path()
                shaft = path.vertices[:3] if path.codes is not None and path.codes[1] == 3 else path.vertices[:2]
                t = np.linspace(0, 1, 200)[:, None]
                if len(shaft) == 3:
                    points = (1 - t) ** 2 * shaft[0] + 2 * (1 - t) * t * shaft[1] + t ** 2 * shaft[2]
                else:
                    points = (1 - t) * shaft[0] + t * shaft[1]
                line = ax.transData.transform(points)
                for other, info in nodes.items():
                    if other not in (u, v):
                        gap = np.min(np.hypot(*(line - ax.transData.transform(info["xy"])).T))
                        assert gap > min_px, f"the line {u} -> {v} passes over {other}"


def test_chain_lines_keep_clear_of_other_nodes(seed_chain):
    fig = D.draw_propagation(seed_chain)
    try:
        assert_edges_clear_of_other_nodes(fig)
    finally:
        plt.close(fig)


def test_corpus_chain_of_10_dm_is_readable(corpus_store):
    """The real seeds, as the build makes them: no overlapping labels, no line over a node."""
    g = D.propagation_graph(corpus_store, "10/ĐM")
    assert {g.nodes[n]["number"] for n in g} >= {"10/ĐM", "963-CV/TU", "2644-CV/TU", "11-CV/HU"}
    fig = D.draw_propagation(g)
    try:
        assert_no_overlap(fig, g)
        assert_edges_clear_of_other_nodes(fig)
    finally:
        plt.close(fig)


# --- at scale ----------------------------------------------------------------------------------

def synthetic_chain(provinces: int = 63, districts: int = 14) -> nx.MultiDiGraph:
    """A central công điện -> provinces (Party and State) -> districts, as the benchmark makes."""
    g = nx.MultiDiGraph()
    day0 = dt.date(2020, 7, 28)
    g.add_node("c", number="10/ĐM", issuer="Thường trực Ban Bí thư", level="central", channel="party",
               date=day0, cited_only=True, province="", doc_type="Công điện")
    for p in range(provinces):
        prov = f"P{p:02d}"
        for ch in ("party", "state"):
            pid = f"{prov}-{ch}"
            g.add_node(pid, number=f"{p}-CV/{ch}", issuer=f"Tỉnh {prov}", level="province", channel=ch,
                       date=day0 + dt.timedelta(days=1 + p % 3), cited_only=False, province=prov, doc_type="")
            g.add_edge("c", pid, relation="implements", explicit=True, method="number", kind="explicit")
            for d in range(districts // 2):
                did = f"{pid}-{d}"
                g.add_node(did, number=f"{d}-CV/HU", issuer=f"Huyện {d}", level="district", channel=ch,
                           date=day0 + dt.timedelta(days=2 + (p + d) % 4), cited_only=False, province=prov, doc_type="")
                g.add_edge(pid, did, relation="implements" if d % 3 else "refers", explicit=d % 5 != 0,
                           method="number", kind="explicit" if d % 5 else "implicit")
    return g


def test_large_graph_groups_by_province_and_thins_labels():
    g = synthetic_chain()
    assert g.number_of_nodes() > 900
    pos = D.layout(g)
    # the bands of one province line up across lanes, in alphabetical order top to bottom
    offset = {n: pos[n].y - round(pos[n].y) for n in g if g.nodes[n]["level"] != "central"}
    by_province: dict[str, list[float]] = {}
    for n, off in offset.items():
        by_province.setdefault(g.nodes[n]["province"], []).append(off)
    ranges = [(min(v), max(v)) for _, v in sorted(by_province.items())]
    for (lo_a, _), (_, hi_b) in zip(ranges, ranges[1:]):
        assert hi_b < lo_a, "province bands overlap or are out of order"
    fig = D.draw_propagation(g)
    try:
        labels = label_boxes(fig, set(g.nodes))
        assert 0 < len(labels) <= D.LABEL_LIMIT // 3
        assert "c" in labels
        note = " ".join(t.get_text() for t in fig.axes[0].texts if t.get_gid() is None)
        assert f"{len(labels)} of {g.number_of_nodes()} documents labelled" in note
        assert "grouped in bands by province" in note
        edges = drawn_edges(fig)
        assert len(edges) == g.number_of_edges()
        for u, v, rel, style, colour in edges:
            a = next(iter(g.get_edge_data(u, v).values()))
            assert (style, colour) == (D.RELATION_STYLES[rel], D.EDGE_COLOURS[a["kind"]])
        assert_no_overlap(fig, g.subgraph(labels))
    finally:
        plt.close(fig)


# --- assignments -------------------------------------------------------------------------------

def test_assignment_graph_of_the_chain(seed_store, seed_chain):
    g = D.assignment_graph(seed_store, seed_chain.nodes)
    docs = {n for n, a in g.nodes(data=True) if a["kind"] == "document"}
    assert docs <= set(seed_chain.nodes) and NB2644 in docs
    roles = {(d, b): a["role"] for d, b, a in g.edges(data=True)}
    assert roles[(NB2644, "https://w3id.org/directive-kg/id/body/ban-tuyen-giao-tinh-uy-ninh-binh")] == "lead"
    for d, b in roles:
        assert g.nodes[b]["kind"] == "body" and g.nodes[b]["level"] in D.LANES + ["unknown"]
    fig = D.draw_assignments(g)
    try:
        nodes = drawn_nodes(fig)
        assert set(nodes) == set(g.nodes)
        # bodies grouped by level: every higher-level body is drawn above every lower-level one
        rank = {lane: i for i, lane in enumerate(D.LANES + ["unknown"])}
        bodies = [b for b in g if g.nodes[b]["kind"] == "body"]
        for a, b in itertools.permutations(bodies, 2):
            if rank[g.nodes[a]["level"]] < rank[g.nodes[b]["level"]]:
                assert nodes[a]["xy"][1] > nodes[b]["xy"][1]
        for d, b, role, style, colour in drawn_edges(fig):
            assert role == roles[(d, b)]
            assert (colour, style) == (D.ROLE_STYLES[role][0], {"solid": "-", "dashed": "--"}[D.ROLE_STYLES[role][1]])
        assert len(drawn_edges(fig)) == g.number_of_edges()
        assert_no_overlap(fig, g)
    finally:
        plt.close(fig)


# --- export and the command --------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_store_dir(tmp_path_factory):
    """A store directory holding the seed fixture, as `--store PATH` expects."""
    from loaders.store import open_store

    path = tmp_path_factory.mktemp("seedstore")
    with open_store(path, read_only=False) as kg:
        kg.store.load(path=str(Path(__file__).parent / "fixtures" / "seed_graph.trig"), format=ox.RdfFormat.TRIG)
    return path


MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.mark.parametrize("kind", ["propagation", "assignments"])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".graphml", ".gexf"])
def test_command_writes_every_format(seed_store_dir, tmp_path, capsys, kind, suffix):
    out = tmp_path / f"chain{suffix}"
    assert cli(["diagram", "--store", str(seed_store_dir), "--root", "10/ĐM", "--kind", kind, "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    data = out.read_bytes()
    if suffix in MAGIC:
        assert data.startswith(MAGIC[suffix])
        return
    read = nx.read_graphml(out) if suffix == ".graphml" else nx.read_gexf(out)
    if kind == "propagation":
        assert set(read.nodes) == {row[0] for row in SEED_CHAIN}
        assert read.nodes[CD10]["label"].startswith("10/ĐM") and read.nodes[CD10]["date"] == "2020-07-28"
        assert {(u, v) for u, v in read.edges()} == {(u, v) for u, v, *_ in SEED_EDGES}
    else:
        assert NB2644 in read.nodes and read.number_of_edges() > 0


def test_format_option_and_default_name(seed_store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(["diagram", "--store", str(seed_store_dir), "--format", "graphml"]) == 0
    assert nx.read_graphml(tmp_path / "propagation.graphml").number_of_nodes() == 11


@pytest.mark.parametrize("args, message", [
    (["--root", "99/XYZ"], "99/XYZ"),
    (["--out", "x.jpg"], "x.jpg"),
])
def test_command_errors_are_plain(seed_store_dir, tmp_path, capsys, args, message):
    assert cli(["diagram", "--store", str(seed_store_dir), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("directive-kg diagram:") and message in err


def test_command_without_store(tmp_path, capsys):
    assert cli(["diagram", "--store", str(tmp_path / "nothing")]) == 1
    assert "directive-kg build" in capsys.readouterr().err


def test_export_rejects_unknown_format(seed_chain, tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        D.export(seed_chain, tmp_path / "x.dot")


# --- readability (issue 16) ----------------------------------------------------------------------

def test_date_axis_says_day_and_month_on_every_tick(seed_chain):
    fig = D.draw_propagation(seed_chain)
    try:
        ax = fig.axes[0]
        fig.canvas.draw()
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks and all(re.fullmatch(r"\d\d (Jul|Aug)", t) for t in ticks), ticks
        assert "28 Jul" in ticks
        assert ax.get_xlabel() == "date of issue (2020)"
    finally:
        plt.close(fig)


def test_province_bands_are_named_at_scale():
    g = synthetic_chain()
    fig = D.draw_propagation(g)
    try:
        ax = fig.axes[0]
        named = {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith("band:")}
        assert named, "no band is named"
        pos = D.layout(g)
        band, _ = D.bands(g)
        for gid, text in named.items():
            _, lane, province = gid.split(":", 2)
            ys = [p.y for n, p in pos.items() if p.lane == lane and g.nodes[n]["province"] == province]
            assert ys and all(abs(y - text.get_position()[1]) <= band / 2 + 1e-9 for y in ys), gid
        note = " ".join(t.get_text() for t in ax.texts if t.get_gid() is None)
        assert f"{len(named)} bands named" in note
    finally:
        plt.close(fig)


def test_summary_view_at_scale(tmp_path):
    g = synthetic_chain()
    fig = D.draw_summary(g, tmp_path / "summary.png")
    try:
        bars = [c for ax in fig.axes for c in ax.containers if hasattr(c, "dkg_lane")]
        assert {(c.dkg_lane, c.dkg_channel) for c in bars} == {
            ("central", "party"), ("province", "party"), ("province", "state"), ("district", "party"), ("district", "state")}
        total = sum(p.get_height() for c in bars for p in c.patches)
        assert total == sum(1 for _, a in g.nodes(data=True) if a.get("date"))
        assert [ax.get_ylabel() for ax in fig.axes] == ["Central", "Province", "District"]
        assert fig.axes[-1].get_xlabel() == "date of issue (2020)"
        assert (tmp_path / "summary.png").stat().st_size > 1000
    finally:
        plt.close(fig)
