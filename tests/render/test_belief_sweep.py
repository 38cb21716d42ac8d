"""Tests of :mod:`bargaining.render.belief_sweep`: ``sweep --draws`` as a table, tidy CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction as F

from bargaining.io.gamefile import load_model
from bargaining.render.belief_sweep import render
from bargaining.statics.belief_sweep import belief_sweep
from bargaining.statics.grid import Grid

SWEEP = belief_sweep(Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:4"]), draws=200, seed=1)


def test_the_table_has_one_row_per_grid_point_and_says_how_the_draws_were_made():
    text = render(SWEEP, "table")
    assert "the same draws at every point; seed 1" in text and "(align, align)" in text
    assert "--format csv or json gives each cell's interval" in text


def test_csv_rows_are_tidy_and_exact_in_the_grid_values():
    rows = list(csv.DictReader(io.StringIO(render(SWEEP, "csv"))))
    assert {r["T"] for r in rows} == {"0", "1/3", "2/3", "1"}
    for value in {r["T"] for r in rows}:
        at = [r for r in rows if r["T"] == value]
        assert sum(int(r["count"]) for r in at) == 200
        assert all(float(r["low"]) <= float(r["probability"]) <= float(r["high"]) for r in at)
    assert [F(v) for v in sorted({r["T"] for r in rows}, key=F)] == SWEEP.grid.axes[0].values()


def test_json_is_the_results_dictionary():
    assert json.loads(render(SWEEP, "json")) == json.loads(json.dumps(SWEEP.to_dict()))
