"""Tests of :mod:`bargaining.symbolic.mixed`: closed-form mixed equilibria, support by support.

Known answers: the mixed equilibria of the design note's scenario table
(checked there with Gambit); the property compares the closed forms with the
exact solver at random parameter points inside the baseline's ranges.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from bargaining.io.gamefile import load_model
from tests.strategies import baseline_points
from tests.symbolic.common import TAIWAN, baseline, env_at, equal, holds_at, solver_equilibria, syms


@pytest.mark.parametrize(
    "overrides, x, y",
    [
        (TAIWAN, ("23/45", "22/45"), ("170/231", "61/231")),
        ({"T": "0.9", "w_R": "0.05", "e_C": "0.23"}, ("3/20", "17/20"), ("56/181", "125/181")),
        (
            {"T": "1.0", "w_R": "0.03", "w_C": "0.05", "e_R": "0.05", "e_C": "0.08"},
            ("23/30", "7/30"),
            ("166/231", "65/231"),
        ),
    ],
    ids=["taiwan_crisis", "nato_escalation", "two_front"],
)
def test_scenario_mixed_equilibria(overrides, x, y):
    """The mixed equilibria of the design note's scenario table (checked there with Gambit).

    The note lists each player's two probabilities without always saying which is ally: compare as
    sets, and in order against the exact solver.
    """
    d = baseline(**overrides)
    m = next(m for m in d.mixed if m.name == "{ally, align} × {ally, align}")
    assert m.equilibrium_at_file
    xs = tuple(str(f.at_file) for f in m.probabilities[0])
    ys = tuple(str(f.at_file) for f in m.probabilities[1])
    assert sorted(xs) == sorted(x) and sorted(ys) == sorted(y)
    found = solver_equilibria(load_model("games/baseline.toml", overrides))
    X, Y = next((X, Y) for X, Y in found.pairs if X[0] and X[1])
    assert xs == (str(X[0]), str(X[1])) and ys == (str(Y[0]), str(Y[1]))


def test_no_mixed_equilibrium_at_baseline_but_formulas_and_statics():
    d = baseline()
    assert not any(m.equilibrium_at_file for m in d.mixed)
    m = next(m for m in d.mixed if m.name == "{ally, align} × {ally, align}")
    assert m.verdict == "possible" and m.witness is not None
    # China's mix comes from Russia's indifference: a higher T lowers P(China allies)
    st_ = next(s for s in m.statics if s.player == 1 and s.parameter == "T" and s.quantity == "probability")
    assert st_.sign_at_file == -1 and "lower" in st_.gloss


def test_degenerate_supports_name_their_boundary():
    d = baseline()
    m = next(m for m in d.mixed if m.name == "{align, hedge} × {align, hedge}")
    assert m.kind == "degenerate" and m.verdict == "degenerate"
    s = syms(d)
    exprs = [c.expr for c in m.degenerate_conditions]
    assert any(equal(e, s["T"] - 2 * s["w_R"]) for e in exprs)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(baseline_points(), baseline_points(mixed_friendly=True)))
def test_closed_form_mixed_equilibria_match_the_solver(point):
    d = baseline()
    env = env_at(d, point)
    found = solver_equilibria(load_model("games/baseline.toml", {k: str(v) for k, v in point.items()}))
    assume(not found.degenerate)
    mixed = {
        (tuple(i for i, p in enumerate(x) if p), tuple(j for j, q in enumerate(y) if q)): (x, y)
        for x, y in found.pairs
        if sum(1 for p in x if p) >= 2
    }
    valid = {}
    for m in d.mixed:
        if m.kind != "generic":
            continue
        if all(holds_at(c, env) for c in m.conditions):
            x = tuple(Fraction(str(f.expr.xreplace(env))) for f in m.probabilities[0])
            y = tuple(Fraction(str(f.expr.xreplace(env))) for f in m.probabilities[1])
            valid[m.supports] = (x, y)
    assert set(valid) == set(mixed)
    for supports, (x, y) in valid.items():
        X, Y = mixed[supports]
        assert x == tuple(X[i] for i in supports[0])
        assert y == tuple(Y[j] for j in supports[1])
