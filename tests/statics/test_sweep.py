"""Tests of :mod:`bargaining.statics.sweep`: solving a grid in chunks, the batch solver with exact fallback."""

from __future__ import annotations

import numpy as np
import pytest

from bargaining.errors import BargainingError
from bargaining.io.gamefile import load_model
from bargaining.statics.grid import Grid
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"

def test_chunk_size_does_not_change_anything():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:41", "a=0:1:7"])
    r1, r2 = run_sweep(grid), run_sweep(grid, chunk_size=13)
    assert np.array_equal(r1.codes, r2.codes) and r1.sets == r2.sets and r1.equilibria == r2.equilibria


def test_the_result_is_read_only_and_summarised():
    calls = []
    r = run_sweep(Grid.from_specs(load_model(BASELINE), ["T=0:1:101"]), chunk_size=40,
                  progress=lambda done, total: calls.append((done, total)))
    assert calls == [(40, 101), (80, 101), (101, 101)]
    with pytest.raises(ValueError):
        r.codes[0] = 1
    s = r.summary()
    assert s["points"] == 101 and s["exact_points"] + s["batch_points"] == 101
    assert s["degenerate_points"] == 3  # a player is indifferent at the grid points T = 0.3, 0.44 and 0.68
    assert r.set_at(60).describe(("Russia", "China"), (("ally", "align", "hedge"),) * 2) == "(align, align)"


def test_a_two_parameter_sweep_keeps_no_equilibria_unless_asked():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:5", "a=0:1:3"])
    with pytest.raises(BargainingError, match="keep_equilibria=True"):
        run_sweep(grid).to_pandas()
    assert len(run_sweep(grid, keep_equilibria=True).to_pandas()) >= 15
