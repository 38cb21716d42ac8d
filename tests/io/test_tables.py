"""Tests of :mod:`bargaining.io.tables`: a sweep's tidy rows as CSV and JSON, read back into the same equilibria."""

from __future__ import annotations

import io
import json
from fractions import Fraction as F

import pytest

from bargaining.io.gamefile import load_model
from bargaining.io.tables import CsvWriter, JsonWriter, csv_columns, read_csv
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.statics.grid import Grid
from bargaining.statics.regimes import regimes_1d
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"

@pytest.mark.parametrize("specs", [["T=0:1:21"], ["T=0.25:0.95:8", "a=0:1:5"]])
def test_csv_round_trips_into_the_same_equilibria(specs):
    grid = Grid.from_specs(load_model(BASELINE), specs)
    buf = io.StringIO()
    result = run_sweep(grid, writers=[CsvWriter(buf, grid)])
    buf.seek(0)
    rows = read_csv(buf, grid)
    assert len(rows) == grid.size  # every point has a row
    assert sum(len(v) for v in rows.values()) == result.equilibria
    for p in range(grid.size):
        key = tuple(a.texts[i] for a, i in zip(grid.axes, grid.index(p)))
        g = grid.game(p)
        exact = extreme_equilibria(g.A, g.B).pairs
        assert len(rows[key]) == len(exact)
        for (x, y, u), (ex, ey) in zip(rows[key], exact):
            assert max(abs(a - float(b)) for a, b in zip(x + y, ex + ey)) <= 1e-9


def test_csv_header_names():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:3"])
    assert csv_columns(grid) == [
        "T", "equilibrium",
        "Russia.ally", "Russia.align", "Russia.hedge", "China.ally", "China.align", "China.hedge",
        "payoff.Russia", "payoff.China", "solver", "degenerate",
    ]


def test_json_carries_the_same_rows():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:11"])
    cbuf, jbuf = io.StringIO(), io.StringIO()
    jw = JsonWriter(jbuf, grid)
    result = run_sweep(grid, writers=[CsvWriter(cbuf, grid), jw])
    jw.finish({"summary": result.summary()})
    doc = json.loads(jbuf.getvalue())
    cbuf.seek(0)
    rows = read_csv(cbuf, grid)
    assert len(doc["points"]) == 11 and doc["summary"]["points"] == 11
    for point in doc["points"]:
        csv_eqs = rows[(point["T"],)]
        assert len(point["equilibria"]) == len(csv_eqs)
        for e, (x, y, u) in zip(point["equilibria"], csv_eqs):
            assert tuple(e["strategies"]["Russia"].values()) == x
            assert tuple(e["payoffs"].values()) == u


def test_grid_points_and_boundaries_that_are_no_finite_decimals_are_fractions():
    # boundaries at T = 2 w_R = 5/9 (between the grid points 1/2 and 7/12) and T = 2 w_C = 2/3
    m = load_model("games/baseline.toml").with_values({"w_R": "5/18", "w_C": "1/3"})
    grid = Grid.from_specs(m, ["T=0:1:13"])
    buf = io.StringIO()
    w = JsonWriter(buf, grid)
    result = run_sweep(grid, writers=[w])
    report = regimes_1d(result)
    w.finish({"summary": result.summary(), "regimes": report.to_dict()})
    doc = json.loads(buf.getvalue())
    assert [p["T"] for p in doc["points"]] == [
        "0", "1/12", "1/6", "0.25", "1/3", "5/12", "0.5", "7/12", "2/3", "0.75", "5/6", "11/12", "1"
    ]
    assert [F(p["T"]) for p in doc["points"]] == grid.axes[0].values()
    values = [b["value"] for b in doc["regimes"]["boundaries"] if b["exact"]]
    assert "5/9" in values and "2/3" in values
    for r in doc["regimes"]["regimes"]:
        for key in ("from", "to"):
            assert isinstance(r[key], str) and F(r[key]) >= 0
    assert doc["fixed"]["w_R"] == "5/18"
