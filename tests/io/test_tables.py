"""Sweep JSON writes exact values exactly (:mod:`bargaining.io.tables`, the grid and the boundaries)."""

from __future__ import annotations

import io
import json
from fractions import Fraction as F

from bargaining.io.gamefile import load_model
from bargaining.io.tables import JsonWriter
from bargaining.statics.grid import Grid
from bargaining.statics.regimes import regimes_1d
from bargaining.statics.sweep import run_sweep


def test_grid_points_and_boundaries_that_are_no_finite_decimals_are_fractions():
    # boundaries at T = 2 w_R = 5/9 (between grid points 1/2 and 7/12) and T = 2 w_C = 2/3; grid values 1/12, 1/6, ...
    m = load_model("games/baseline.toml").with_values({"w_R": "5/18", "w_C": "1/3"})
    grid = Grid.from_specs(m, ["T=0:1:13"])
    buf = io.StringIO()
    w = JsonWriter(buf, grid)
    result = run_sweep(grid, writers=[w])
    report = regimes_1d(result)
    w.finish({"summary": result.summary(), "regimes": report.to_dict()})
    doc = json.loads(buf.getvalue())
    assert [p["T"] for p in doc["points"]] == ["0", "1/12", "1/6", "0.25", "1/3", "5/12", "0.5", "7/12", "2/3", "0.75", "5/6", "11/12", "1"]
    assert [F(p["T"]) for p in doc["points"]] == grid.axes[0].values()
    values = [b["value"] for b in doc["regimes"]["boundaries"] if b["exact"]]
    assert "5/9" in values and "2/3" in values
    for r in doc["regimes"]["regimes"]:
        for key in ("from", "to"):
            assert isinstance(r[key], str) and F(r[key]) >= 0
    assert doc["fixed"]["w_R"] == "5/18"
