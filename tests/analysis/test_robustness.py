"""Tests of :mod:`bargaining.analysis.robustness`: draws reproducible, resampled inside the ranges; outcomes hold."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from bargaining.analysis.robustness import perturbations, robustness, wilson_interval
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.statics.uncertainty import BeliefSpec

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "games"


def test_same_seed_same_result():
    model = load_model(GAMES / "taiwan_crisis.toml")
    a = robustness(model, F(1, 10), draws=40, seed=7)
    b = robustness(model, F(1, 10), draws=40, seed=7)
    assert a == b and a.to_dict() == b.to_dict()
    assert sum(count for _, count in a.sets) == 40


def test_a_generator_can_be_passed():
    model = load_model(GAMES / "baseline.toml")
    a = robustness(model, 0.1, draws=10, rng=np.random.default_rng(3))
    b = robustness(model, 0.1, draws=10, seed=3)
    assert a.sets == b.sets and a.seed is None and b.seed == 3


def test_perturbations_stay_within_spread_and_range():
    model = load_model(GAMES / "two_front.toml").with_values({"r": 0})
    draws = perturbations(model, F(1, 5), 200, np.random.default_rng(0))
    assert "r" not in draws[0]  # a zero value stays zero
    for values in draws:
        for name, v in values.items():
            p = model.parameters[name]
            assert p.min <= v <= p.max
            assert abs(v - p.value) <= F(1, 5) * p.value + F(1, 10**6)
    # T = 1 sits at the top of its range: draws above are drawn again inside it, none clipped to it
    assert sum(v["T"] == 1 for v in draws) <= 1
    assert len({v["T"] for v in draws}) > 50


def test_different_seeds_give_different_draws():
    model = load_model(GAMES / "baseline.toml")
    a = perturbations(model, 0.1, 5, np.random.default_rng(1))
    b = perturbations(model, 0.1, 5, np.random.default_rng(2))
    assert a != b


def test_zero_spread_keeps_the_outcome():
    r = robustness(load_model(GAMES / "nato_escalation.toml"), 0, draws=5, seed=1)
    assert r.reference_share == 1.0 and r.selected_share == 1.0


@pytest.mark.parametrize("spread, draws", [(-0.1, 10), (1, 10), ("x", 10), (0.1, 0)])
def test_bad_arguments(spread, draws):
    with pytest.raises(InputError):
        robustness(load_model(GAMES / "baseline.toml"), spread, draws=draws, seed=0)


# Each scenario's own equilibrium set at ±10% (docs/how-to/scenarios.md has the 1000-draw figures).
SCENARIOS = [
    "baseline",
    "taiwan_crisis",
    "nato_escalation",
    "deeper_sanctions",
    "junior_partner",
    "detente",
    "two_front",
]


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_holds_in_most_draws(name):
    r = robustness(load_model(GAMES / f"{name}.toml"), F(1, 10), draws=300, seed=2024)
    assert r.reference_share >= 0.78, (name, r.reference_share)


def test_no_draw_is_put_on_the_bound():
    m = load_model("games/taiwan_crisis.toml")  # T = 1 is the top of its range
    draws = perturbations(m, F(1, 10), 2000, np.random.default_rng(0))
    assert sum(d["T"] == 1 for d in draws) <= 2
    assert all(F(9, 10) <= d["T"] <= 1 for d in draws)


def test_the_resampled_figure_of_the_taiwan_crisis():
    # clipping reported 90.7% (half the draws at T = 1); inside the range the probability is 0.843
    r = robustness(load_model("games/taiwan_crisis.toml"), F(1, 10), draws=4000, seed=1)
    lo, hi = r.interval
    assert lo <= 0.843 <= hi and hi < 0.88


def test_the_exact_method_path_and_a_floating_method_agree():
    m = load_model("games/nato_escalation.toml")
    a = robustness(m, F(1, 10), draws=60, seed=5)
    b = robustness(m, F(1, 10), draws=60, seed=5, method="support-enumeration")
    assert a.sets == b.sets and a.selected == b.selected


def test_stated_beliefs_replace_the_default():
    m = load_model("games/taiwan_crisis.toml")
    m = dataclasses.replace(m, uncertainty={"lam": BeliefSpec("lam", "fixed"), "T": BeliefSpec("T", "fixed")})
    r = robustness(m, F(1, 10), draws=200, seed=0)
    assert "T" not in r.perturbed and "lam" not in r.perturbed
    assert r.stated == ("T", "lam")
    assert r.reference_share > 0.9  # the largest movers held


def test_wilson_interval():
    assert wilson_interval(0, 100)[0] == 0.0 and wilson_interval(100, 100)[1] == 1.0
    lo, hi = wilson_interval(50, 100)
    assert abs((lo + hi) / 2 - 0.5) < 1e-12 and 0.4 < lo < hi < 0.6


def test_a_game_of_three_players_is_perturbed_draw_by_draw():
    """The batch solver's draws are bimatrices; the triangle's draws are each solved exactly instead."""
    r = robustness(load_model(GAMES / "triangle.toml"), F(1, 20), draws=12, seed=1)
    assert r.draws == 12 and sum(count for _, count in r.sets) == 12
    assert r.reference in dict(r.sets)
