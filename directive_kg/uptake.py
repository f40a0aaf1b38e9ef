"""National uptake of central directives: how fast provinces and districts took one up.

Behind `directive-kg uptake` and the notebook. The saved query `queries/uptake.rq` lists every
province- and district-level document implementing the directive (directly or through another);
here each province or district keeps its first such document, and

- ``curve``: for each level, the share of all provinces (63) and of all districts (696, the 2020 units
  of data/reference) that had issued one by day N after the directive;
- ``lag_table``: per province, the lag of its own first document and of its districts' (first, median)
  and how many of its districts took the directive up;
- ``draw``: the curves (one line per directive and level, labelled) beside a heatmap of lag per province.

Several directives can be compared: every function takes the rows of one or more of them.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from directive_kg.queries import QueryResult, run
from loaders import refdata

LEVELS = ("province", "district")
LEVEL_TITLES = {"province": "provinces", "district": "districts"}


@dataclass(frozen=True)
class Uptake:
    """The first implementing document of each province or district for one directive."""

    directive: str                 # as the researcher named it (label of the lines)
    root_date: Any                 # datetime.date or None
    firsts: tuple[dict, ...]       # one row per unit: level, province, district, document, date, lag_days, unit_iri


def totals() -> dict[str, int]:
    """How many provinces and districts there were (2020 units, data/reference/admin_units_2020.csv)."""
    units = refdata.admin_units()
    return {"province": len(units.provinces), "district": len(_districts(units))}


def _districts(units) -> list:
    """The 696 district-level units of early 2025 (not those the 2025 reforms removed, which the
    table keeps for the names documents of 2020-2024 use: thành phố Huế)."""
    return [d for d in units.districts if d.until is None]


def firsts(rows: Iterable[Mapping[str, Any]]) -> tuple[dict, ...]:
    """Each unit's earliest document (undated documents only when a unit has nothing dated)."""
    best: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (r["level"], r["unit_iri"])
        lag = r.get("lag_days")
        old = best.get(key)
        if old is None or (lag is not None and (old.get("lag_days") is None or lag < old["lag_days"])):
            best[key] = dict(r)
    return tuple(sorted(best.values(), key=lambda r: (LEVELS.index(r["level"]), r.get("lag_days") is None,
                                                       r.get("lag_days") or 0, r["province"], r["district"])))


def uptake(directive: str, **where) -> Uptake:
    """Run queries/uptake.rq for one directive (``where``: store=..., endpoint=... or backend=...)."""
    result: QueryResult = run("uptake", {"doc": directive}, **where)
    root = next((r["root_date"] for r in result.rows if r.get("root_date")), None)
    return Uptake(directive, root, firsts(result.rows))


def curve(u: Uptake, days: int | None = None) -> list[dict]:
    """Points of the uptake curve, one per level and day 0..days: units reached by that day, the total
    and the share."""
    total = totals()
    lags = {lv: sorted(r["lag_days"] for r in u.firsts if r["level"] == lv and r.get("lag_days") is not None)
            for lv in LEVELS}
    last = days if days is not None else max([0, *(l[-1] for l in lags.values() if l)])
    points = []
    for lv in LEVELS:
        for day in range(0, last + 1):
            reached = sum(1 for lag in lags[lv] if lag <= day)
            points.append({"directive": u.directive, "level": lv, "day": day, "units": reached,
                           "total": total[lv], "share": reached / total[lv]})
    return points


def lag_table(u: Uptake) -> list[dict]:
    """One row per province that took the directive up (itself or through a district)."""
    districts_of: dict[str, int] = {}
    for d in _districts(refdata.admin_units()):
        districts_of[d.province] = districts_of.get(d.province, 0) + 1
    by_province: dict[str, dict] = {}
    for r in u.firsts:
        row = by_province.setdefault(r["province"], {
            "directive": u.directive, "province": r["province"], "province_lag_days": None,
            "province_document": None, "districts_reached": 0, "districts_total": None,
            "first_district_lag_days": None, "median_district_lag_days": None, "_lags": []})
        if r["level"] == "province":
            row["province_lag_days"], row["province_document"] = r.get("lag_days"), r["document"]
        else:
            row["districts_reached"] += 1
            if r.get("lag_days") is not None:
                row["_lags"].append(r["lag_days"])
    out = []
    for row in by_province.values():
        lags = row.pop("_lags")
        name = row["province"].split(" ", 1)[-1] if row["province"] else ""
        p = refdata.find_province(name) or refdata.find_province(row["province"] or "")
        row["districts_total"] = districts_of.get(p.name) if p else None
        row["first_district_lag_days"] = min(lags) if lags else None
        row["median_district_lag_days"] = statistics.median(lags) if lags else None
        out.append(row)
    key = lambda r: (r["province_lag_days"] is None, r["province_lag_days"] or 0, r["province"])  # noqa: E731
    return sorted(out, key=key)


CURVE_COLUMNS = ["directive", "level", "day", "units", "total", "share"]
LAG_COLUMNS = ["directive", "province", "province_lag_days", "province_document", "districts_reached",
               "districts_total", "first_district_lag_days", "median_district_lag_days"]


def draw(uptakes: Sequence[Uptake], out: str | Path | None = None, title: str | None = None):
    """Left: the uptake curves (share of provinces / districts reached by day N, one step line per
    directive and level, labelled). Right: lag per province (days), a heatmap of the first directive
    (own document and median of its districts). Returns the Figure; saved when ``out`` is given.
    Lines carry ``dkg_level`` and ``dkg_directive``; the heatmap image carries ``dkg_provinces``."""
    import matplotlib.pyplot as plt
    import numpy as np

    from directive_kg.diagram import save

    if not uptakes:
        raise ValueError("nothing to draw: no directive given")
    tables = [lag_table(u) for u in uptakes]
    rows = tables[0]
    height = max(4.5, 0.22 * len(rows) + 1.8)
    fig, (ax, hm) = plt.subplots(1, 2, figsize=(13, height), dpi=110,
                                 gridspec_kw={"width_ratios": [3, 1.4]})
    styles = {"province": "-", "district": "--"}
    days = max([7, *(max((p["day"] for p in curve(u)), default=0) + 1 for u in uptakes)])
    for i, u in enumerate(uptakes):
        colour = f"C{i}"
        points = curve(u, days)
        for lv in LEVELS:
            mine = [p for p in points if p["level"] == lv]
            (line,) = ax.step([p["day"] for p in mine], [100 * p["share"] for p in mine], where="post",
                              ls=styles[lv], color=colour, lw=1.8,
                              label=f"{u.directive}: {LEVEL_TITLES[lv]} ({mine[-1]['units']} of {mine[-1]['total']})")
            line.dkg_level, line.dkg_directive = lv, u.directive
    ax.set_xlim(0, days)
    ax.set_ylim(0, max(5.0, ax.get_ylim()[1]))
    root = uptakes[0].root_date
    when = f" (day 0 = {root.isoformat()})" if root else ""
    ax.set_xlabel(f"days after the directive{when}")
    ax.set_ylabel("share of units that issued an implementing document (%)")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(title or "Uptake: " + ", ".join(u.directive for u in uptakes), fontsize=10, loc="left")

    labels = [r["province"] for r in rows]
    grid = np.array([[np.nan if r[c] is None else float(r[c]) for c in ("province_lag_days", "median_district_lag_days")]
                     for r in rows]) if rows else np.full((1, 2), np.nan)
    image = hm.imshow(grid, aspect="auto", cmap="viridis_r")
    image.dkg_provinces = labels
    hm.set_xticks([0, 1], ["province\ndocument", "districts\n(median)"], fontsize=8)
    hm.set_yticks(range(len(labels)), labels, fontsize=7)
    for (y, x), v in np.ndenumerate(grid):
        if not np.isnan(v):
            hm.text(x, y, f"{v:g}", ha="center", va="center", fontsize=7,
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.7))
    hm.set_title(f"lag per province (days), {uptakes[0].directive}", fontsize=9, loc="left")
    fig.colorbar(image, ax=hm, fraction=0.08, pad=0.04, label="days")
    fig.tight_layout()
    if out is not None:
        save(fig, out)
    return fig


__all__ = ["Uptake", "uptake", "firsts", "curve", "lag_table", "draw", "totals", "CURVE_COLUMNS", "LAG_COLUMNS"]
