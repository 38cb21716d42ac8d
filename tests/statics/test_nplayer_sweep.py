"""Sweeps of games of three or more players (bargaining.statics.nplayer_sweep): exact at every point, or pure
and batched.

Every grid point's answer is the exact solver's there; the regimes' boundaries
separate points with different answers (checked at points inside each regime);
the batch path's pure equilibria are the exact pure equilibria at every point.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.solvers.registry import solve
from bargaining.statics.nplayer_sweep import key_of, pure_profiles_exact, pure_sweep, sweep_nplayer

TAIWAN = "games/triangle/taiwan_crisis.toml"


@pytest.fixture(scope="module")
def exact_sweep():
    return sweep_nplayer(load_model(TAIWAN), ["D_R=0:1:11"])


def test_every_point_is_the_exact_solution(exact_sweep):
    model = load_model(TAIWAN)
    for pt in exact_sweep.points:
        assert pt.key == key_of(solve(model.with_values({"D_R": pt.values[0]}).game()))


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_regimes_hold_inside_and_boundaries_are_exact_where_claimed(exact_sweep, data):
    model = load_model(TAIWAN)
    r = data.draw(st.sampled_from([r for r in exact_sweep.regimes if r.lower < r.upper]))
    t = r.lower + (r.upper - r.lower) * F(data.draw(st.integers(1, 99)), 100)
    assert key_of(solve(model.with_values({"D_R": t}).game())) == r.answer
    for b in exact_sweep.boundaries:
        if b.exact:
            assert b.low == b.high


def test_the_treaty_returns_once_europe_is_worth_more_than_containing_an_ally(exact_sweep):
    first = next(r for r in exact_sweep.regimes if (0, 0, 0) in exact_sweep_pure(r.answer))
    assert first.lower == F(2, 5) and first.lower_exact  # D_R = c + v


def exact_sweep_pure(key):
    return key.isolated.pure_profiles()


@given(st.integers(2, 30))
def test_the_pure_sweep_is_exact_at_every_point(num):
    model = load_model(TAIWAN)
    s = pure_sweep(model, [f"D_R=0:1:{num}"])
    for pt in s.points:
        assert pt.key == pure_profiles_exact(model.with_values({"D_R": pt.values[0]}).game())


def test_a_two_parameter_pure_sweep_and_its_table():
    s = pure_sweep(load_model(TAIWAN), ["D_R=0:1:21", "v=0:0.5:11"])
    assert len(s.points) == 231 and s.profile is None and s.pure_only
    assert sum(c for _, c in s.sets()) == 231
    df = s.to_pandas()
    assert set(df.columns) >= {"D_R", "v", "equilibrium", "United States.contain_both", "solver"}


def test_tidy_table_of_an_exact_sweep(exact_sweep):
    df = exact_sweep.to_pandas()
    assert list(df.columns[:3]) == ["D_R", "equilibrium", "United States.contain_both"]
    assert len(df) == sum(len(p.solution.equilibria) for p in exact_sweep.points)


def test_bad_axes():
    with pytest.raises(InputError, match="varied twice"):
        sweep_nplayer(load_model(TAIWAN), ["D_R=0:1:3", "D_R=0:1:3"])
    with pytest.raises(InputError, match="one or two parameters"):
        pure_sweep(load_model(TAIWAN), [])
