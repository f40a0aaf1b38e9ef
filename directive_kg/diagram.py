"""Propagation and assignment diagrams (networkx + matplotlib).

`propagation_graph(store, root)` reads documents and citation edges from the store into a
networkx MultiDiGraph whose edges run downwards, from the cited document to the citing one.
`layout(graph)` places every node deterministically: one horizontal lane per administrative level
(central on top), x on a real date axis. `draw_propagation` and `draw_assignments` render figures;
`export` writes GraphML / GEXF for Gephi or Cytoscape.

Drawn artists carry what they show, so that tests (and curious users) can read the figure's
structure instead of its pixels: node scatters have `dkg_nodes` (IRIs in offset order), edge
artists `dkg_edges` ((cited, citing, relation) per line), labels have the node IRI as gid.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from loaders.store import query_graph

LANES = ["central", "sector", "province", "district", "commune"]
LANE_TITLES = {"central": "Central", "sector": "Sector\n(Khối, Sở)", "province": "Province",
               "district": "District", "commune": "Commune", "unknown": "Level unknown"}
CHANNEL_COLOURS = {"party": "#c0392b", "state": "#2463a6", "front": "#2e8b57", "armed": "#6b6b2a", None: "#7f7f7f"}
CHANNEL_NAMES = {"party": "Party", "state": "State", "front": "Front", "armed": "Armed forces", None: "channel unknown"}
RELATION_STYLES = {"implements": "solid", "based-on": "dashed", "refers": "dotted", "copy-of": "dashdot"}
EDGE_COLOURS = {"explicit": "#555555", "inferred": "#8e44ad", "implicit": "#e67e22"}
INFERRED_METHODS = {"issuer-date-type", "issuer-subject"}  # target found without a number
LABEL_LIMIT = 60  # above this many nodes labels are thinned, lanes grouped by province, and the figure says so
ROLE_STYLES = {"lead": ("#2463a6", "solid"), "cooperating": ("#999999", "dashed")}

_PREFIXES = """
PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Codes are read from the concept IRI's last segment (dkgc:level/province -> "province"), which works
# with or without the reference graph (skos:notation) loaded. Every document node carries its own
# level and channel (a document known only by citation: its issuer's). One row per document: joint documents
# have several issuers, types have a label per language; MIN keeps the choice deterministic.
_NODES = _PREFIXES + """
SELECT ?doc (MIN(?id) AS ?number) (MIN(?typeLabel) AS ?type) (MIN(STR(?d)) AS ?date)
       (MIN(STR(?issuerLabel)) AS ?issuer) (MIN(?lv) AS ?level) (MIN(?ch) AS ?channel)
       (MAX(STR(?co)) AS ?citedOnly) (MIN(STR(?provinceLabel)) AS ?province)
WHERE {
  ?doc a dkg:Document .
  OPTIONAL { ?doc eli:id_local ?id }
  OPTIONAL { ?doc eli:type_document/skos:prefLabel ?typeLabel FILTER (lang(?typeLabel) = "vi") }
  OPTIONAL { ?doc eli:date_document ?d }
  OPTIONAL { ?doc eli:passed_by/skos:prefLabel ?issuerLabel }
  OPTIONAL { ?doc dkg:level ?ownLevel }
  BIND (REPLACE(STR(?ownLevel), "^.*/", "") AS ?lv)
  OPTIONAL { ?doc dkg:channel ?ownChannel }
  BIND (REPLACE(STR(?ownChannel), "^.*/", "") AS ?ch)
  OPTIONAL { ?doc dkg:knownOnlyByCitation ?co }
  OPTIONAL {
    { ?doc dkg:locality ?unit } UNION { ?doc eli:passed_by/dkg:locality ?unit }
    OPTIONAL { ?unit dkg:partOf ?parentUnit }
    BIND (COALESCE(?parentUnit, ?unit) AS ?provinceUnit)
    ?provinceUnit skos:prefLabel ?provinceLabel
  }
} GROUP BY ?doc"""

_EDGES = _PREFIXES + """
SELECT ?c ?citing ?cited ?relation ?explicit ?method WHERE {
  ?c a dkg:Citation ; dkg:citingDocument ?citing ; dkg:citedDocument ?cited .
  OPTIONAL { ?c dkg:relation ?r }
  BIND (REPLACE(STR(?r), "^.*/", "") AS ?relation)
  OPTIONAL { ?c dkg:explicit ?explicit }
  OPTIONAL { ?c dkg:resolutionMethod ?m }
  BIND (REPLACE(STR(?m), "^.*/", "") AS ?method)
}"""

_COPIES = _PREFIXES + """
SELECT DISTINCT ?copy ?original WHERE { ?copy dkg:copyOf ?original }"""

_ASSIGNMENTS = _PREFIXES + """
SELECT DISTINCT ?doc ?body ?role ?bodyLabel ?bodyLevel ?bodyChannel ?isGroup WHERE {
  ?assignment a dkg:Assignment ; dkg:assignedIn ?doc .
  { ?assignment dkg:leadBody ?body BIND ("lead" AS ?role) }
  UNION { ?assignment dkg:cooperatingBody ?body BIND ("cooperating" AS ?role) }
  OPTIONAL { ?body skos:prefLabel ?bodyLabel }
  OPTIONAL { ?body dkg:level ?l } BIND (REPLACE(STR(?l), "^.*/", "") AS ?bodyLevel)
  OPTIONAL { ?body dkg:channel ?c } BIND (REPLACE(STR(?c), "^.*/", "") AS ?bodyChannel)
  BIND (EXISTS { ?body a dkg:BodyGroup } AS ?isGroup)
}"""


# --- reading the store -------------------------------------------------------------------------

def _rows(store, query: str) -> list[dict[str, Any]]:
    """Run a SELECT over the graph; plain string values (None when unbound).
    `store` is a pyoxigraph Store or a loaders.store.KGStore."""
    result = query_graph(getattr(store, "store", store), query)
    names = [v.value for v in result.variables]
    return [{name: (None if s[name] is None else s[name].value) for name in names} for s in result]


def resolve_document(store, text: str) -> str:
    """The IRI of the document a researcher names: its number as written ("10/ĐM", "2644 - CV/TU"),
    folded ("10/dm"), bare ("2644") when unique, its title, or an IRI (full or dkgid:...). Raises
    LookupError when nothing matches (with "did you mean" candidates) and ValueError when the name
    is ambiguous (the message lists the candidates)."""
    from directive_kg.queries import EmbeddedBackend, ParameterError, UNRESOLVED, load_query, resolve_params

    query = load_query("propagation-tree")  # any saved query whose `doc` parameter is a document
    try:
        bindings, notes = resolve_params(query, {"doc": text}, EmbeddedBackend(getattr(store, "store", store)))
    except ParameterError as e:
        raise ValueError(str(e).replace("doc: ", "", 1)) from None
    iri = bindings["doc"]
    if iri == UNRESOLVED:  # the note carries the "did you mean" candidates (directive_kg.lookup)
        hint = notes[0].split(";", 1)[1] if notes and ";" in notes[0] else ""
        raise LookupError(f"no document in the graph is numbered or titled {text!r}{';' + hint if hint else ''}")
    return iri.value


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _edge_kind(explicit: bool, method: str) -> str:
    if not explicit:
        return "implicit"
    return "inferred" if method in INFERRED_METHODS else "explicit"


def _document_attrs(r: dict[str, Any]) -> dict[str, Any]:
    level = r["level"] if r["level"] in LANES else "unknown"
    return dict(number=r["number"] or "", doc_type=r["type"] or "", date=_date(r["date"]),
                issuer=r["issuer"] or "", level=level, channel=r["channel"] or None,
                cited_only=(r["citedOnly"] in ("true", "1")), province=r["province"] or "")


def propagation_graph(store, root: str | None = None) -> nx.MultiDiGraph:
    """Documents and citation edges (cited -> citing), plus copies (original -> copy).

    With `root` (an IRI or a number as written, see `resolve_document`), only the root and its
    descendants through citations and copies; the root's IRI is kept in graph["root"].
    Node attributes: number, doc_type, date (datetime.date or None), issuer, level, channel,
    cited_only, province. Edge attributes: relation, explicit, method, kind (explicit|inferred|implicit).
    """
    g = nx.MultiDiGraph()
    for r in sorted(_rows(store, _NODES), key=lambda r: r["doc"]):
        g.add_node(r["doc"], **_document_attrs(r))
    for r in sorted(_rows(store, _EDGES), key=lambda r: (r["cited"], r["citing"], r["c"])):
        for iri in (r["cited"], r["citing"]):
            if iri not in g:  # a citation to something not typed as a document: still draw it
                g.add_node(iri, **_document_attrs(dict.fromkeys(("number", "type", "date", "issuer", "level",
                                                                  "channel", "province"), None) | {"citedOnly": "true"}))
        explicit = r["explicit"] not in ("false", "0")
        method = r["method"] or ""
        g.add_edge(r["cited"], r["citing"], key=r["c"], relation=r["relation"] or "refers",
                   explicit=explicit, method=method, kind=_edge_kind(explicit, method))
    for r in sorted(_rows(store, _COPIES), key=lambda r: (r["original"], r["copy"])):
        if r["original"] in g and r["copy"] in g:
            g.add_edge(r["original"], r["copy"], key=f"{r['copy']}/copy-of", relation="copy-of",
                       explicit=True, method="", kind="explicit")
    if root is not None:
        root_iri = root if root in g else resolve_document(store, root)
        if root_iri not in g:
            raise LookupError(f"document {root_iri} is not in the graph")
        g = g.subgraph({root_iri} | nx.descendants(g, root_iri)).copy()
        g.graph["root"] = root_iri
    return g


# --- layout ------------------------------------------------------------------------------------

def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def node_label(attrs: dict) -> str:
    """Number (or type when unnumbered) on the first line, the short issuer name on the second."""
    head = attrs.get("number") or f"{attrs.get('doc_type') or 'document'} (no number)"
    issuer = _short(attrs.get("issuer") or "")
    return f"{head}\n{issuer}" if issuer else head


@dataclass(frozen=True)
class Placement:
    x: dt.date   # date of issue (undated documents: a day before their first child, or after their parent)
    lane: str    # administrative level, or "unknown"
    y: float     # lane centre plus the offset within the lane
    dated: bool


def lanes_of(g: nx.Graph) -> list[str]:
    """The lanes the graph needs, top to bottom."""
    present = {a.get("level", "unknown") for _, a in g.nodes(data=True)}
    return [lane for lane in LANES + ["unknown"] if lane in present] or ["unknown"]


def is_large(g: nx.Graph) -> bool:
    return g.number_of_nodes() > LABEL_LIMIT


def _x_dates(g: nx.MultiDiGraph) -> dict[str, tuple[dt.date, bool]]:
    dates = {n: a.get("date") for n, a in g.nodes(data=True)}
    known = sorted(d for d in dates.values() if d)
    fallback = known[0] if known else dt.date(2020, 1, 1)
    x: dict[str, tuple[dt.date, bool]] = {}
    for n in sorted(g.nodes):
        if dates[n]:
            x[n] = (dates[n], True)
            continue
        children = sorted(dates[c] for c in g.successors(n) if dates[c])
        parents = sorted(dates[p] for p in g.predecessors(n) if dates[p])
        if children:
            x[n] = (children[0] - dt.timedelta(days=1), False)
        elif parents:
            x[n] = (parents[-1] + dt.timedelta(days=1), False)
        else:
            x[n] = (fallback, False)
    return x


def _spread(k: int, span: float, step: float) -> list[float]:
    """k offsets centred on 0, `step` apart but within `span`."""
    if k == 1:
        return [0.0]
    step = min(step, span / (k - 1))
    return [(k - 1) / 2 * step - i * step for i in range(k)]


def _clusters(days: list[dt.date], gap: int) -> list[int]:
    """Cluster index of each date (sorted input): a new cluster starts after a gap of more than `gap` days."""
    out, k = [], 0
    for i, d in enumerate(days):
        if i and (d - days[i - 1]).days > gap:
            k += 1
        out.append(k)
    return out


def layout(g: nx.MultiDiGraph) -> dict[str, Placement]:
    """Deterministic positions: lane by level, x by date.

    Small graphs: documents of the same lane whose dates are close (nearer than 1/45 of the time
    span, so that their labels would collide) are stacked around the lane centre. Large graphs:
    each lane is divided into bands, one per province (alphabetical, top to bottom; central
    documents in one band), and documents of the same day are stacked within their band."""
    x = _x_dates(g)
    lanes = lanes_of(g)
    lane_y = {lane: float(len(lanes) - 1 - i) for i, lane in enumerate(lanes)}
    large = is_large(g)
    band, band_y = bands(g)
    days = sorted({d for d, _ in x.values()})
    gap = 0 if large else max(1, (days[-1] - days[0]).days // 45)
    cells: dict[tuple, list[str]] = {}
    for lane in lanes:
        members = sorted((n for n, a in g.nodes(data=True) if a.get("level", "unknown") == lane),
                         key=lambda n: (x[n][0], n))
        for n, k in zip(members, _clusters([x[n][0] for n in members], gap)):
            grp = (g.nodes[n].get("province") or "") if large else ""
            cells.setdefault((lane, grp, k), []).append(n)
    placed = {}
    for (lane, grp, _), members in sorted(cells.items()):
        members.sort(key=lambda n: (x[n][0], g.nodes[n].get("number") or "", n))
        offsets = _spread(len(members), band * 0.8, band * 0.4) if large else _spread(len(members), 0.84, 0.3)
        for n, off in zip(members, offsets):
            placed[n] = Placement(x[n][0], lane, lane_y[lane] + band_y[grp] + off, x[n][1])
    return placed


def bands(g: nx.MultiDiGraph) -> tuple[float, dict[str, float]]:
    """(height of a band, offset of each province's band from its lane centre): one band per province,
    alphabetical from the top, for large graphs; a single band ("") otherwise."""
    groups = sorted({a.get("province") or "" for _, a in g.nodes(data=True)}) if is_large(g) else [""]
    band = 0.84 / len(groups)
    return band, {grp: 0.42 - (i + 0.5) * band for i, grp in enumerate(groups)}


def labelled_nodes(g: nx.MultiDiGraph) -> list[str]:
    """Every node of a small graph; at scale the root, central documents and the most cited
    others, at most LABEL_LIMIT // 3 of them."""
    if not is_large(g):
        return sorted(g.nodes)
    keep = [g.graph["root"]] if g.graph.get("root") in g else []
    central = sorted((n for n in g if g.nodes[n].get("level") == "central"), key=lambda n: (-g.out_degree(n), n))
    others = sorted((n for n in g if g.nodes[n].get("level") != "central"), key=lambda n: (-g.out_degree(n), n))
    for n in central + [n for n in others if g.out_degree(n) > 0]:
        if len(keep) >= LABEL_LIMIT // 3:
            break
        if n not in keep:
            keep.append(n)
    return keep


def edge_style(attrs: dict) -> tuple[str, str]:
    """(matplotlib line style, colour) of a citation edge: style by relation, colour by kind."""
    return RELATION_STYLES.get(attrs.get("relation"), "dotted"), EDGE_COLOURS[attrs.get("kind", "explicit")]


# --- drawing -----------------------------------------------------------------------------------

def _pyplot():
    import matplotlib.pyplot as plt  # the caller's backend (inline in a notebook; the CLI picks Agg)

    return plt


def _place_labels(ax, fig, items: list[tuple[str, str, tuple[float, float]]], fontsize: float,
                  marker_radius: float, required: bool = True, avoid: list | None = None) -> list:
    """Greedy, deterministic label placement: for each (gid, text, data point) in order, try
    positions around the point and keep the first whose box overlaps no label or labelled node
    and stays inside the axes. If none is free: the one overlapping least when `required`, else
    no label. Returns the labels placed."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    inside = ax.get_window_extent(renderer)
    pad = marker_radius + 3
    candidates = [((pad, 0), "left", "center"), ((0, pad), "center", "bottom"), ((0, -pad), "center", "top"),
                  ((-pad, 0), "right", "center"), ((pad, pad), "left", "bottom"), ((pad, -pad), "left", "top"),
                  ((-pad, pad), "right", "bottom"), ((-pad, -pad), "right", "top"),
                  ((0, 3 * pad), "center", "bottom"), ((0, -3 * pad), "center", "top")]
    scale = fig.dpi / 72.0
    r = marker_radius * scale
    obstacles = [(px - r, py - r, px + r, py + r) for px, py in (to_px(p) for _, _, p in items)]
    for t in avoid or ():  # texts already drawn (the names of the province bands)
        e = t.get_window_extent(renderer)
        obstacles.append((e.x0, e.y0, e.x1, e.y1))

    def overlap(a, b) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    placed = []
    for gid, text, point in items:
        best = None
        for (dx, dy), ha, va in candidates:
            t = ax.annotate(text, point, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                            fontsize=fontsize, zorder=5, gid=gid,
                            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
            e = t.get_window_extent(renderer)
            box = (e.x0, e.y0, e.x1, e.y1)
            outside = (box[0] < inside.x0) + (box[2] > inside.x1) + (box[1] < inside.y0) + (box[3] > inside.y1)
            cost = sum(overlap(box, o) for o in obstacles) + outside * 1e6
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, t, box)
                if cost == 0:
                    break
            else:
                t.remove()
        if best[0] > 0 and not required:
            best[1].remove()
            continue
        obstacles.append(best[2])
        placed.append(best[1])
    return placed


def _clear_bend(p0, p2, others, clearance: float) -> float:
    """The arc3 bend of an edge from p0 to p2 (display coordinates): straight when no other node lies
    within `clearance` of the line, else the smallest bend that clears them (so that a line passing
    by a node is not read as a link to it)."""
    import numpy as np

    p0, p2 = np.asarray(p0, float), np.asarray(p2, float)
    d = p2 - p0
    t = np.linspace(0.0, 1.0, 41)[:, None]
    best = (0.0, -1.0)
    for rad in (0.0, 0.2, -0.2, 0.4, -0.4, 0.6, -0.6):
        c = (p0 + p2) / 2 + rad * np.array([d[1], -d[0]])  # matplotlib's arc3 control point
        curve = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p2
        gap = min((float(np.min(np.hypot(*(curve - o).T))) for o in others), default=np.inf)
        if gap >= clearance:
            return rad
        if gap > best[1]:
            best = (rad, gap)
    return best[0]


def draw_propagation(g: nx.MultiDiGraph, out: str | Path | None = None, title: str | None = None):
    """Draw the propagation diagram; return the matplotlib Figure (saved when `out` is given)."""
    plt = _pyplot()
    import matplotlib.dates as mdates
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    if g.number_of_nodes() == 0:
        raise ValueError("nothing to draw: the graph has no documents")
    pos = layout(g)
    lanes = lanes_of(g)
    n, large = g.number_of_nodes(), is_large(g)
    days = sorted({p.x for p in pos.values()})
    span = max((days[-1] - days[0]).days, 1)
    width = 16.0 if large else min(max(8.0, 1.6 * len(days) + 3), 20.0)
    lane_inches = 2.6 if large else 1.45
    height = lane_inches * len(lanes) + 1.3
    fig = plt.figure(figsize=(width + 2.6, height), dpi=110)
    # fixed margins (inches) so that label placement, done before saving, stays valid
    left, right, bottom, top = 1.35, 2.6, 0.75, 0.55
    ax = fig.add_axes([left / (width + 2.6), bottom / height, (width + 2.6 - left - right) / (width + 2.6),
                       (height - bottom - top) / height])
    xy = {node: (mdates.date2num(p.x), p.y) for node, p in pos.items()}

    xs = [v[0] for v in xy.values()]
    pad = max(1.5, span * 0.07)
    ax.set_xlim(min(xs) - pad, max(xs) + pad * (1.0 if large else 2.2))  # room for labels on the right
    ax.set_ylim(-0.55, len(lanes) - 0.45)

    # edges
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    if large:
        groups: dict[tuple[str, str], list] = {}
        for u, v, _, a in edges:
            groups.setdefault(edge_style(a), []).append((u, v, a.get("relation")))
        for (ls, colour), members in sorted(groups.items()):
            lc = LineCollection([[xy[u], xy[v]] for u, v, _ in members], linestyles=ls, colors=colour,
                                linewidths=0.35, alpha=0.35, zorder=1)
            lc.dkg_edges, lc.dkg_style = members, (ls, colour)
            ax.add_collection(lc)
    else:
        marker_pts = 7
        to_px = ax.transData.transform
        px = {node: to_px(p) for node, p in xy.items()}
        for u, v, _, a in edges:
            ls, colour = edge_style(a)
            rad = _clear_bend(px[u], px[v], [px[o] for o in g if o not in (u, v)], clearance=2.2 * marker_pts * fig.dpi / 72)
            arrow = FancyArrowPatch(xy[u], xy[v], arrowstyle="-|>", mutation_scale=10, lw=1.0, linestyle=ls,
                                    color=colour, shrinkA=marker_pts, shrinkB=marker_pts, zorder=2,
                                    connectionstyle=f"arc3,rad={rad}")
            arrow.dkg_edges, arrow.dkg_style = [(u, v, a.get("relation"))], (ls, colour)
            ax.add_patch(arrow)

    # nodes: one scatter per visual style
    size = 150 if not large else 14
    styles: dict[tuple, list[str]] = {}
    for node in sorted(g.nodes):
        a = g.nodes[node]
        styles.setdefault((a.get("channel") or "", bool(a.get("cited_only")), pos[node].dated), []).append(node)
    for (channel, hollow, dated), members in sorted(styles.items()):
        colour = CHANNEL_COLOURS.get(channel or None, CHANNEL_COLOURS[None])
        sc = ax.scatter([xy[m][0] for m in members], [xy[m][1] for m in members], s=size, zorder=3,
                        marker="o" if dated else "s", facecolors="white" if hollow else colour,
                        edgecolors=colour, linewidths=1.5 if hollow else 0.5)
        sc.dkg_nodes = members

    # lanes and axes
    for i, lane in enumerate(lanes):
        y = len(lanes) - 1 - i
        ax.axhspan(y - 0.5, y + 0.5, color="#f4f4f4" if i % 2 == 0 else "white", zorder=0, lw=0)
    ax.set_yticks([len(lanes) - 1 - i for i in range(len(lanes))], [LANE_TITLES.get(l, l) for l in lanes])
    ax.tick_params(axis="y", length=0)
    _date_axis(ax, days)
    ax.spines[["top", "right", "left"]].set_visible(False)

    band_texts = _label_bands(ax, g, pos, lanes, lane_inches) if large else []
    named_bands = len(band_texts)
    labelled = labelled_nodes(g)
    order = sorted(labelled, key=lambda m: (pos[m].x, -pos[m].y, m))
    placed = _place_labels(ax, fig, [(m, node_label(g.nodes[m]), xy[m]) for m in order],
                           fontsize=7.5 if not large else 6.0, marker_radius=(size ** 0.5) / 2, required=not large,
                           avoid=band_texts)

    ax.legend(handles=_legend_handles(g, pos), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5,
              frameon=False)
    ax.set_title(title or default_title(g), fontsize=10, loc="left")
    if large:
        ax.text(0.0, -0.09, f"{len(placed)} of {n} documents labelled (the root, central documents and the "
                f"most cited); within each lane documents are grouped in bands by province, alphabetical "
                f"from the top ({named_bands} bands named at the left edge). For counts per day and level: "
                f"--kind summary.", transform=ax.transAxes,
                fontsize=7.5, style="italic", va="top")
    if out is not None:
        save(fig, out)
    return fig


def _date_axis(ax, days: list[dt.date]) -> None:
    """Every tick says its day and month ("28 Jul"), the year goes in the axis label: a concise
    formatter wrote "27 28 29 30 31 Aug 02" with "2020-Aug" at the far end, so July days read as August.
    Over about four months, ticks are months ("Jul 2020")."""
    import matplotlib.dates as mdates

    span = (days[-1] - days[0]).days if days else 0
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b" if span <= 120 else "%b %Y"))
    years = sorted({d.year for d in days})
    when = f" ({years[0]})" if len(years) == 1 else f" ({years[0]}–{years[-1]})" if years else ""
    ax.set_xlabel(f"date of issue{when if span <= 120 else ''}")


def _label_bands(ax, g: nx.MultiDiGraph, pos: dict[str, Placement], lanes: list[str], lane_inches: float) -> list:
    """Name the province bands at the left edge of each lane, as many as fit (every k-th band, small
    type); the texts carry gid "band:LANE:PROVINCE". Returns the texts."""
    band, band_y = bands(g)
    spacing = band * lane_inches * 72  # points between band centres
    step = max(1, -(-6.5 // spacing)) if spacing > 0 else 1
    order = sorted(band_y)
    x0 = ax.get_xlim()[0]
    named = []
    for i, lane in enumerate(lanes):
        centre = len(lanes) - 1 - i
        present = {g.nodes[n].get("province") or "" for n, p in pos.items() if p.lane == lane}
        for k, grp in enumerate(order):
            if grp in present and k % step == 0 and lane != "central":
                named.append(ax.text(x0, centre + band_y[grp], f" {grp}", fontsize=5, color="#666666", ha="left",
                                     va="center", zorder=4, gid=f"band:{lane}:{grp}", clip_on=True))
    return named


def _legend_handles(g: nx.MultiDiGraph, pos: dict[str, Placement]) -> list:
    """Only what the figure shows."""
    from matplotlib.lines import Line2D

    channels = sorted({a.get("channel") or "" for _, a in g.nodes(data=True)})
    handles = [Line2D([], [], marker="o", ls="", color=CHANNEL_COLOURS.get(c or None, CHANNEL_COLOURS[None]),
                      label=f"{CHANNEL_NAMES.get(c or None, c)} document") for c in channels]
    if any(a.get("cited_only") for _, a in g.nodes(data=True)):
        handles.append(Line2D([], [], marker="o", ls="", mfc="white", color="#555555", label="known only by citation"))
    if not all(p.dated for p in pos.values()):
        handles.append(Line2D([], [], marker="s", ls="", color="#555555", label="date unknown (placed next to its link)"))
    relations = sorted({a.get("relation") for *_, a in g.edges(data=True)}, key=lambda r: list(RELATION_STYLES).index(r) if r in RELATION_STYLES else 9)
    handles += [Line2D([], [], color=EDGE_COLOURS["explicit"], ls=RELATION_STYLES.get(r, "dotted"),
                       label=(r or "refers").replace("-", " ")) for r in relations]
    kinds = {a.get("kind") for *_, a in g.edges(data=True)}
    if "inferred" in kinds:
        handles.append(Line2D([], [], color=EDGE_COLOURS["inferred"], label="cited without number, target inferred"))
    if "implicit" in kinds:
        handles.append(Line2D([], [], color=EDGE_COLOURS["implicit"], label="implicit link (not cited, inferred)"))
    return handles


def default_title(g: nx.MultiDiGraph) -> str:
    root = g.graph.get("root")
    if root:
        a = g.nodes[root]
        what = " ".join(x for x in (a.get("doc_type"), a.get("number")) if x) or "document"
        by = f" of {a['issuer']}" if a.get("issuer") else ""
        return f"Propagation of {what}{by}: {g.number_of_nodes()} documents, {g.number_of_edges()} links"
    return f"Directive chain: {g.number_of_nodes()} documents, {g.number_of_edges()} links"


def save(fig, out: str | Path) -> Path:
    """Save a figure as PNG, SVG or PDF (by extension)."""
    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ValueError(f"{out}: unknown image format {out.suffix!r} (use .png, .svg or .pdf)")
    out.parent.mkdir(parents=True, exist_ok=True)
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "directive-kg"}):  # stable ids inside the SVG
        fig.savefig(out, bbox_inches="tight", dpi=110, metadata=_metadata(out))
    return out


def _metadata(out: Path) -> dict:
    # no creation date in the file: the same graph gives the same bytes
    suffix = out.suffix.lower()
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None}
    return {}


# --- assignments -------------------------------------------------------------------------------

def assignment_graph(store, documents: Iterable[str] | None = None) -> nx.DiGraph:
    """Documents -> bodies that received tasks in them. Edge attribute role: lead | cooperating
    (lead wins when a body is both). Document nodes (kind="document") carry the propagation node
    attributes; body nodes (kind="body") label, level, channel, is_group (a class of bodies)."""
    wanted = None if documents is None else set(documents)
    docs = {r["doc"]: r for r in _rows(store, _NODES)}
    g = nx.DiGraph()
    for r in sorted(_rows(store, _ASSIGNMENTS), key=lambda r: (r["doc"], r["body"], r["role"])):
        if wanted is not None and r["doc"] not in wanted:
            continue
        if r["doc"] not in g:
            attrs = _document_attrs(docs[r["doc"]]) if r["doc"] in docs else {}
            g.add_node(r["doc"], kind="document", **attrs)
        if r["body"] not in g:
            level = r["bodyLevel"] if r["bodyLevel"] in LANES else "unknown"
            g.add_node(r["body"], kind="body", label=r["bodyLabel"] or r["body"].rsplit("/", 1)[-1],
                       level=level, channel=r["bodyChannel"] or None, is_group=r["isGroup"] == "true")
        previous = g.get_edge_data(r["doc"], r["body"])
        if not previous or previous["role"] != "lead":
            g.add_edge(r["doc"], r["body"], role=r["role"])
    return g


def _body_order(g: nx.DiGraph, docs: list[str]) -> list[tuple[str, list[str]]]:
    """Bodies grouped by level (central first); within a level, by the first document that gives
    them a task (fewer crossing lines), then by label."""
    first = {d: i for i, d in enumerate(docs)}
    by_level: dict[str, list[str]] = {}
    for n, a in g.nodes(data=True):
        if a["kind"] == "body":
            by_level.setdefault(a["level"], []).append(n)
    key = lambda b: (min(first[d] for d in g.predecessors(b)), g.nodes[b]["label"], b)  # noqa: E731
    return [(lane, sorted(by_level[lane], key=key)) for lane in LANES + ["unknown"] if lane in by_level]


def draw_assignments(g: nx.DiGraph, out: str | Path | None = None, title: str | None = None):
    """Documents on the left (by level, then date), bodies on the right grouped by level with a
    heading per level; solid blue = lead (chủ trì), dashed grey = cooperating (phối hợp)."""
    plt = _pyplot()
    from matplotlib.lines import Line2D

    if g.number_of_nodes() == 0:
        raise ValueError("nothing to draw: no assignments in these documents")
    rank = {lane: i for i, lane in enumerate(LANES + ["unknown"])}
    docs = sorted((n for n, a in g.nodes(data=True) if a["kind"] == "document"),
                  key=lambda d: (rank.get(g.nodes[d].get("level", "unknown"), 9), g.nodes[d].get("date") or dt.date.max, d))
    sections = _body_order(g, docs)
    # one row per body and per level heading; documents spread over the same height
    rows: list[tuple[str, str]] = []
    for lane, bodies in sections:
        rows.append(("heading", lane))
        rows.extend(("body", b) for b in bodies)
    total = max(len(rows), 1)
    ypos = {item: total - 1 - i for i, (kind, item) in enumerate(rows) if kind == "body"}
    step = total / max(len(docs), 1)
    ypos.update({d: total - 1 - (i + 0.5) * step + 0.5 for i, d in enumerate(docs)})
    height = 0.24 * total + 1.6
    fig, ax = plt.subplots(figsize=(12, height), dpi=110)
    lines = {"lead": [], "cooperating": []}
    for d, b, a in sorted(g.edges(data=True)):
        colour, ls = ROLE_STYLES[a["role"]]
        (line,) = ax.plot([0, 1], [ypos[d], ypos[b]], color=colour, ls=ls, lw=0.9,
                          alpha=0.9 if a["role"] == "lead" else 0.7, zorder=1)
        line.dkg_edges = [(d, b, a["role"])]
    for d in docs:
        a = g.nodes[d]
        when = a["date"].isoformat() if a.get("date") else "undated"
        ax.text(-0.03, ypos[d], f"{node_label(a).replace(chr(10), ' · ')}\n{LANE_TITLES.get(a.get('level'), '')} · {when}",
                ha="right", va="center", fontsize=7.5, gid=d)
    for i, (kind, item) in enumerate(rows):
        y = total - 1 - i
        if kind == "heading":
            ax.text(1.03, y, LANE_TITLES.get(item, item).split("\n")[0].upper() + " BODIES", ha="left",
                    va="center", fontsize=7.5, weight="bold", color="#444444")
        else:
            a = g.nodes[item]
            suffix = " (class of bodies)" if a.get("is_group") else ""
            ax.text(1.03, y, _short(a["label"], 70) + suffix, ha="left", va="center", fontsize=7.5, gid=item)
    doc_colours = [CHANNEL_COLOURS.get(g.nodes[d].get("channel"), CHANNEL_COLOURS[None]) for d in docs]
    sc = ax.scatter([0] * len(docs), [ypos[d] for d in docs], c=doc_colours, zorder=3, s=40)
    sc.dkg_nodes = docs
    bodies = [b for _, bs in sections for b in bs]
    body_colours = [CHANNEL_COLOURS.get(g.nodes[b].get("channel"), CHANNEL_COLOURS[None]) for b in bodies]
    sc = ax.scatter([1] * len(bodies), [ypos[b] for b in bodies], c=body_colours, zorder=3, s=22,
                    marker="D")
    sc.dkg_nodes = bodies
    ax.set_xlim(-1.0, 2.5)
    ax.set_ylim(-1, total)
    ax.axis("off")
    handles = [Line2D([], [], color=ROLE_STYLES["lead"][0], label="lead (chủ trì)"),
               Line2D([], [], color=ROLE_STYLES["cooperating"][0], ls="dashed", label="cooperating (phối hợp)")]
    channels = sorted({g.nodes[n].get("channel") or "" for n in g}, key=lambda c: list(CHANNEL_NAMES).index(c or None))
    handles += [Line2D([], [], marker="o", ls="", color=CHANNEL_COLOURS[c or None], label=CHANNEL_NAMES[c or None])
                for c in channels]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=len(handles), frameon=False,
              fontsize=8)
    ax.set_title(title or f"Who was given tasks: {len(docs)} documents, {len(bodies)} bodies, "
                 f"{g.number_of_edges()} assignments", fontsize=10, loc="left")
    if out is not None:
        save(fig, out)
    return fig


# --- summary at scale ----------------------------------------------------------------------------

def draw_summary(g: nx.MultiDiGraph, out: str | Path | None = None, title: str | None = None):
    """The propagation at a glance, for graphs too large to read node by node: one row per level
    (central on top), the number of documents issued each day as bars stacked by channel, on one
    date axis. Bar containers carry ``dkg_lane`` and ``dkg_channel``."""
    plt = _pyplot()
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    if g.number_of_nodes() == 0:
        raise ValueError("nothing to draw: the graph has no documents")
    lanes = lanes_of(g)
    dated = [(a.get("level", "unknown"), a.get("channel") or None, a["date"]) for _, a in g.nodes(data=True)
             if a.get("date")]
    days = sorted({d for *_, d in dated}) or [dt.date(2020, 1, 1)]
    fig, axes = plt.subplots(len(lanes), 1, sharex=True, figsize=(12, 1.7 * len(lanes) + 1.2), dpi=110, squeeze=False)
    channels = [c for c in CHANNEL_COLOURS if any(ch == c for _, ch, _ in dated)]
    for ax, lane in zip(axes[:, 0], lanes):
        bottom: dict[dt.date, int] = {}
        for channel in channels:
            counts: dict[dt.date, int] = {}
            for lv, ch, d in dated:
                if lv == lane and ch == channel:
                    counts[d] = counts.get(d, 0) + 1
            if not counts:
                continue
            xs = sorted(counts)
            bars = ax.bar([mdates.date2num(d) for d in xs], [counts[d] for d in xs], width=0.8,
                          bottom=[bottom.get(d, 0) for d in xs], color=CHANNEL_COLOURS[channel],
                          label=f"{CHANNEL_NAMES[channel]} documents")
            bars.dkg_lane, bars.dkg_channel = lane, channel
            for d in xs:
                bottom[d] = bottom.get(d, 0) + counts[d]
        undated = sum(1 for _, a in g.nodes(data=True) if a.get("level", "unknown") == lane and not a.get("date"))
        note = f" (+{undated} undated)" if undated else ""
        ax.set_ylabel(LANE_TITLES.get(lane, lane).split("\n")[0] + note, rotation=0, ha="right", va="center", fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0, 0].legend(loc="upper right", fontsize=7.5, frameon=False)
    _date_axis(axes[-1, 0], days)
    axes[-1, 0].set_xlim(mdates.date2num(days[0]) - 1, mdates.date2num(days[-1]) + 1)
    axes[0, 0].set_title(title or f"Documents issued per day, by level: {g.number_of_nodes()} documents, "
                         f"{g.number_of_edges()} links", fontsize=10, loc="left")
    fig.supylabel("documents per day", fontsize=8)
    if out is not None:
        save(fig, out)
    return fig


# --- export ------------------------------------------------------------------------------------

def export(g: nx.Graph, out: str | Path) -> Path:
    """GraphML or GEXF (by extension) for Gephi / Cytoscape: dates as ISO strings, None dropped,
    node attribute `label` added (number and issuer) when missing."""
    out = Path(out)
    h = nx.MultiDiGraph(g) if isinstance(g, nx.MultiDiGraph) else nx.DiGraph(g)
    for n, a in h.nodes(data=True):
        if "label" not in a:
            a["label"] = node_label(a).replace("\n", " · ")
        for k in list(a):
            if a[k] is None:
                del a[k]
            elif isinstance(a[k], dt.date):
                a[k] = a[k].isoformat()
    for *_, a in h.edges(data=True):
        for k in [k for k, v in a.items() if v is None]:
            del a[k]
    h.graph = {k: v for k, v in h.graph.items() if isinstance(v, (str, int, float, bool))}
    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".graphml":
        nx.write_graphml(h, out)
    elif suffix == ".gexf":
        nx.write_gexf(h, out)
    else:
        raise ValueError(f"{out}: unknown graph format {suffix!r} (use .graphml or .gexf)")
    return out
