"""National uptake (issue 16, item 4): `directive-kg uptake` and queries/uptake.rq give, for a central
directive, the share of provinces and of districts that issued an implementing document by day N
(one line per level), and the lag per province; the figure is tested for structure, like the other
diagrams (axes, one labelled line per directive and level, the heatmap's provinces)."""
from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr, redirect_stdout

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from directive_kg import uptake as U  # noqa: E402
from directive_kg.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def ten_dm(corpus_store):
    return U.uptake("10/ĐM", store=corpus_store)


def test_first_document_of_each_unit(ten_dm):
    assert [(r["level"], r["province"], r["district"], r["document"], r["lag_days"]) for r in ten_dm.firsts] == [
        ("province", "tỉnh Ninh Bình", "", "2644-CV/TU", 1),
        ("province", "tỉnh Trà Vinh", "", "963-CV/TU", 1),
        ("district", "tỉnh Nam Định", "huyện Nam Trực", "11-CV/HU", 3)]


def test_curve_points_per_level(ten_dm):
    points = {(p["level"], p["day"]): (p["units"], p["total"]) for p in U.curve(ten_dm)}
    assert points[("province", 0)] == (0, 63) and points[("province", 1)] == (2, 63)
    assert points[("district", 2)] == (0, 696) and points[("district", 3)] == (1, 696)
    assert max(day for _, day in points) == 3


def test_lag_table(ten_dm):
    rows = {r["province"]: r for r in U.lag_table(ten_dm)}
    assert rows["tỉnh Ninh Bình"]["province_lag_days"] == 1
    assert rows["tỉnh Nam Định"]["province_lag_days"] is None
    assert (rows["tỉnh Nam Định"]["districts_reached"], rows["tỉnh Nam Định"]["median_district_lag_days"]) == (1, 3)
    from loaders import refdata
    assert rows["tỉnh Nam Định"]["districts_total"] == sum(
        1 for d in refdata.admin_units().districts if d.province == "Nam Định")


def test_the_figure_structure(ten_dm, corpus_store, tmp_path):
    other = U.uptake("2644-CV/TU", store=corpus_store)  # nothing below it in the corpus: flat lines
    fig = U.draw([ten_dm, other], tmp_path / "uptake.png")
    curve_ax, heat_ax = fig.axes[0], fig.axes[1]
    assert curve_ax.get_xlabel().startswith("days after the directive (day 0 = 2020-07-28")
    assert "share" in curve_ax.get_ylabel()
    lines = [l for l in curve_ax.get_lines() if hasattr(l, "dkg_level")]
    assert sorted((l.dkg_directive, l.dkg_level) for l in lines) == [
        ("10/ĐM", "district"), ("10/ĐM", "province"), ("2644-CV/TU", "district"), ("2644-CV/TU", "province")]
    legend = [t.get_text() for t in curve_ax.get_legend().get_texts()]
    assert "10/ĐM: provinces (2 of 63)" in legend and "10/ĐM: districts (1 of 696)" in legend
    province = next(l for l in lines if (l.dkg_directive, l.dkg_level) == ("10/ĐM", "province"))
    assert max(province.get_ydata()) == pytest.approx(100 * 2 / 63)
    image = heat_ax.get_images()[0]
    assert image.dkg_provinces == ["tỉnh Ninh Bình", "tỉnh Trà Vinh", "tỉnh Nam Định"]
    assert [t.get_text() for t in heat_ax.get_yticklabels()] == image.dkg_provinces
    assert (tmp_path / "uptake.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_command_csv_and_png(tmp_path):
    from loaders.build import build
    from loaders.paths import DOCUMENTS

    store = tmp_path / "store"
    build(DOCUMENTS, store, progress=False)
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["uptake", "10/DM", "--format", "csv", "--store", str(store)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["level"], r["day"], r["units"]) for r in rows} >= {("province", "1", "2"), ("district", "3", "1")}
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["uptake", "10/ĐM", "--out", str(tmp_path / "u.png"), "--store", str(store)]) == 0
        assert main(["uptake", "10/ĐM", "--format", "csv", "--table", "lags", "--out", str(tmp_path / "lags.csv"),
                     "--store", str(store)]) == 0
    assert (tmp_path / "u.png").stat().st_size > 1000
    assert "tỉnh Nam Định" in (tmp_path / "lags.csv").read_text(encoding="utf-8")
