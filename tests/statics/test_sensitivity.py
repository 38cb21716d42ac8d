"""Sobol indices under beliefs (:mod:`bargaining.statics.sensitivity`): the same distributions, honest ranks."""

from __future__ import annotations

import dataclasses

from bargaining.io.gamefile import load_model
from bargaining.statics.sensitivity import SAMPLES, rank_groups, sobol_indices
from bargaining.statics.uncertainty import BeliefSpec


def test_ranks_are_shared_where_intervals_overlap():
    assert rank_groups([0.7, 0.42, 0.43, 0.1], [0.03, 0.02, 0.02, 0.01]) == (1, 2, 2, 4)
    assert rank_groups([0.5, 0.1], [0.01, 0.01]) == (1, 2)
    assert rank_groups([0.5, float("nan")], [0.01, float("nan")]) == (1, 2)


def test_the_default_sample_size_separates_the_leading_parameter_for_every_seed():
    # over the ranges, pressure T leads the treaty's indices; the intervals are narrow at the default N
    assert SAMPLES >= 16384
    for seed in (0, 1):
        r = sobol_indices(load_model("games/baseline.toml"), (0, 0), seed=seed)
        assert r.ranking()[0] == ("T", 1)
        assert max(r.ST_conf) < 0.06


def test_stated_beliefs_are_used_and_fixed_ones_held():
    m = load_model("games/baseline.toml")
    m = dataclasses.replace(m, uncertainty={"a": BeliefSpec("a", "fixed"),
                                            "T": BeliefSpec("T", "uniform", {"low": 0.8, "high": 1})})
    r = sobol_indices(m, (0, 0), samples=256, seed=0)
    assert "a" not in r.parameters and r.fixed["a"] == m.parameters["a"].value
    k = r.parameters.index("T")
    assert r.distributions[k] == "uniform on [0.8, 1]" and r.stated == ("T",)


def test_spread_draws_near_the_values_as_outlook_does():
    r = sobol_indices(load_model("games/taiwan_crisis.toml"), (0, 0), samples=1024, seed=0, spread="0.1")
    assert r.distributions[0] == "uniform on [0.9, 1.1], truncated to [0.9, 1]"
    ST = dict(zip(r.parameters, r.ST))
    assert ST["w_C"] < 0.01 and ST["e_C"] < 0.01  # China's margin never flips within ±10%
