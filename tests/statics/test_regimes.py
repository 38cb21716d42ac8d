"""Tests of :mod:`bargaining.statics.regimes`: regimes along one parameter, regions over two, boundaries exact.

Known answers come from the design note (docs/explanation/model.md, "What follows in
closed form"): sweeping T at the baseline gives (hedge, hedge) below
``2 w_R = 0.30``, (align, hedge) up to ``2 w_C = 0.44``, (align, align) up to
``T* = max_i(w_i + (e_i + r + J_i)/(1 - lam)) = 0.888``, and then (ally, ally)
with (align, align) and a mixed equilibrium.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from bargaining.io.gamefile import load_model, model_from_dict
from bargaining.solution import EquilibriumSet
from bargaining.statics.grid import Grid
from bargaining.statics.regimes import regimes_1d, regions_2d
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"
ALLY, ALIGN, HEDGE = 1, 2, 4  # support bits of the baseline's strategies


def _pure(*profiles):
    return EquilibriumSet(tuple((1 << i, 1 << j) for i, j in profiles))


def _treaty_threshold(model) -> Fraction:
    v = model.values()
    J = {"R": v["j"] * v["a"], "C": Fraction(0)}
    return max(v[f"w_{i}"] + (v[f"e_{i}"] + v["r"] + J[i]) / (1 - v["lam"]) for i in "RC")


# ----------------------------------------------------------------------------- regimes along one parameter


@pytest.mark.parametrize("num", [101, 12, 2000])
def test_baseline_regimes_match_the_closed_forms(num):
    model = load_model(BASELINE)
    report = regimes_1d(run_sweep(Grid.from_specs(model, [f"T=0:1:{num}"])))
    T_star = _treaty_threshold(model)
    assert T_star == Fraction(111, 125)
    values = [b.value for b in report.boundaries]
    assert values == [2 * model.values()["w_R"], 2 * model.values()["w_C"], T_star]
    assert all(b.exact for b in report.boundaries)
    sets = [r.set for r in report.regimes]
    treaty = EquilibriumSet(((ALLY, ALLY), (ALIGN, ALIGN), (ALLY | ALIGN, ALLY | ALIGN)))
    assert sets == [_pure((2, 2)), _pure((1, 2)), _pure((1, 1)), treaty]
    # exactly at T = 0.3: both pure profiles and the segment between them
    at = report.boundaries[0]
    assert at.at == EquilibriumSet(((ALIGN, HEDGE), (HEDGE, HEDGE)))
    assert "a continuum" in at.at_text and "any mixture of align and hedge" in at.at_text


@pytest.mark.parametrize("overrides", [{"lam": "0.6"}, {"lam": "0.4", "a": "0.5"}, {"w_R": "0.05", "e_C": "0.3"}])
def test_treaty_threshold_matches_closed_form_elsewhere(overrides):
    model = load_model(BASELINE, overrides)
    T_star = _treaty_threshold(model)
    report = regimes_1d(run_sweep(Grid.from_specs(model, ["T=0:1:37"])))
    found = [b for b in report.boundaries if (ALLY, ALLY) in b.right.pairs and (ALLY, ALLY) not in b.left.pairs]
    if T_star < 1:
        assert len(found) == 1 and found[0].exact and found[0].value == T_star
    else:
        assert not found


def test_irrational_boundary_is_bracketed_to_1e_12():
    # the row player prefers r0 to r1 exactly when t^2 > 1/2
    data = {
        "title": "quadratic",
        "players": ["R", "C"],
        "strategies": {"R": ["r0", "r1"], "C": ["c0", "c1"]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1"}},
        "payoffs": {"R": [["t*t", "t*t"], ["1/2", "1/2"]], "C": [["1", "0"], ["1", "0"]]},
    }
    report = regimes_1d(run_sweep(Grid.from_specs(model_from_dict(data), ["t=0:1:10"])))
    (b,) = report.boundaries
    assert not b.exact and b.high - b.low <= 1e-12
    assert abs(float(b.value) - math.sqrt(0.5)) < 1e-12


def test_a_degenerate_end_point_is_its_own_regime(capsys):
    # at t = 0 the row player is indifferent; for t > 0 r0 dominates
    data = {
        "title": "tie at zero",
        "players": ["R", "C"],
        "strategies": {"R": ["r0", "r1"], "C": ["c0", "c1"]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1"}},
        "payoffs": {"R": [["t", "t"], ["0", "0"]], "C": [["1", "0"], ["0", "1"]]},
    }
    report = regimes_1d(run_sweep(Grid.from_specs(model_from_dict(data), ["t=0:1:5"])))
    assert not report.boundaries
    first, rest = report.regimes
    assert first.lower == first.upper == 0 and first.points == 1
    assert rest.lower == 0 and rest.upper == 1 and rest.set == _pure((0, 0))


def test_regions_over_two_parameters():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:21", "a=0:1:11"])
    report = regions_2d(run_sweep(grid))
    assert sum(r.points for r in report.regions) == 21 * 11
    (home,) = [r for r in report.regions if r.contains_file_point]
    assert home.set == _pure((1, 1)) and report.file_set == _pure((1, 1))
    # the treaty needs low asymmetry: at a = 1 Russia's junior cost blocks it for every T <= 1
    treaty = [r for r in report.regions if (ALLY, ALLY) in r.set.pairs]
    assert treaty and all(r.ranges[1][1] < 1 for r in treaty)


def test_a_tie_that_does_not_matter_is_not_the_boundary():
    # against c0 (strictly dominant for the column player) the row player switches to r0 at t = 1/2; the
    # row player's tie against c1 at t = 2/5 changes no equilibrium, and on a grid of two points both lie
    # in one bracket
    data = {
        "title": "two ties",
        "players": ["R", "C"],
        "strategies": {"R": ["r0", "r1"], "C": ["c0", "c1"]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1"}},
        "payoffs": {"R": [["t", "t"], ["1/2", "2/5"]], "C": [["1", "0"], ["1", "0"]]},
    }
    report = regimes_1d(run_sweep(Grid.from_specs(model_from_dict(data), ["t=0:1:2"])))
    (b,) = report.boundaries
    assert b.exact and b.value == Fraction(1, 2)
