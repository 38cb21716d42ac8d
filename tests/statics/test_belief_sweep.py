"""A sweep under uncertainty (:mod:`bargaining.statics.belief_sweep`): at each grid point, an outlook."""

from __future__ import annotations

import numpy as np
import pytest

from bargaining.analysis.outlook import outlook
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.statics.belief_sweep import belief_sweep
from bargaining.statics.grid import Grid

BASELINE = "games/baseline.toml"


def test_each_point_is_the_outlook_with_that_value_fixed():
    m = load_model(BASELINE)
    grid = Grid.from_specs(m, ["T=0.85:0.95:3"])
    s = belief_sweep(grid, draws=3000, seed=4)
    assert [name for name, _, _ in s.beliefs] == ["lam", "w_R", "w_C", "e_R", "e_C", "a", "j", "r"]
    for p, T in enumerate(grid.axes[0].values()):
        q = s.probabilities("(ally, ally)")[p]
        est = outlook(_holding_T(m.with_values({"T": T})), draws=3000, seed=6, samples=0).probability("(ally, ally)")
        # two independent estimates of one probability: their difference has s.e. below sqrt(2 * 0.25 / 3000)
        assert abs(q - est) < 4 * (0.5 / 3000) ** 0.5


def _holding_T(model):
    """The model with T fixed by its [uncertainty] table, so that outlook draws only the others."""
    import dataclasses

    from bargaining.statics.uncertainty import BeliefSpec

    return dataclasses.replace(model, uncertainty={"T": BeliefSpec("T", "fixed")})


def test_probabilities_rise_with_pressure_and_sum_to_one():
    s = belief_sweep(Grid.from_specs(load_model(BASELINE), ["T=0.6:1:9"]), draws=500, seed=0)
    treaty = s.probabilities("(ally, ally)")
    assert treaty[0] == 0 and treaty[-1] > 0.9
    assert np.all(np.diff(treaty) >= -0.02)  # common random numbers: no noise to speak of
    assert np.all(s.counts.sum(axis=1) == 500)


def test_tidy_rows_are_exact_in_their_grid_values():
    s = belief_sweep(Grid.from_specs(load_model(BASELINE), ["T=0:1:4"]), draws=50, seed=0)
    rows = s.rows()
    assert {r["T"] for r in rows} == {"0", "1/3", "2/3", "1"}
    for r in rows:
        assert r["low"] <= r["probability"] <= r["high"]
    assert s.to_pandas()["T"].max() == 1.0


def test_bad_draws():
    with pytest.raises(InputError, match="positive number of draws"):
        belief_sweep(Grid.from_specs(load_model(BASELINE), ["T=0:1:3"]), draws=0)
