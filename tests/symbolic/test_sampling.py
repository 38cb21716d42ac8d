"""Tests of :mod:`bargaining.symbolic.sampling`: generic points for zero tests, and verified witnesses."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import sympy
from hypothesis import given, settings

from bargaining.io.gamefile import load_model, model_from_dict
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.sampling import _compiled, bounds, find_witness, generic_points
from tests.strategies import polynomials

BASELINE = SymbolicGame.from_model(load_model("games/baseline.toml"))


def unranged_game():
    return SymbolicGame.from_model(model_from_dict({
        "title": "t", "players": ["R", "C"], "strategies": {"R": ["a"], "C": ["b"]},
        "parameters": {"k": 3, "m": {"value": "-1/2", "max": 0}, "u": 0},
        "payoffs": {"R": [["k + m + u"]], "C": [["0"]]},
    }))


def test_bounds_are_the_declared_ranges_or_guessed_around_the_value():
    assert bounds(BASELINE)["lam"] == (F(3, 10), F(4, 5)) and bounds(BASELINE)["T"] == (0, 1)
    b = bounds(unranged_game())
    assert b == {"k": (F(-3), F(9)), "m": (F(-3, 2), F(0)), "u": (F(-1), F(1))}


def test_generic_points_are_exact_reproducible_and_strictly_inside():
    a = generic_points(BASELINE, 20, np.random.default_rng(1))
    assert a == generic_points(BASELINE, 20, np.random.default_rng(1))
    assert a != generic_points(BASELINE, 20, np.random.default_rng(2))
    b = bounds(BASELINE)
    for point in a:
        for sym, v in point.items():
            assert isinstance(v, sympy.Rational)
            lo, hi = b[sym.name]
            assert lo < F(int(v.p), int(v.q)) < hi


def test_the_files_values_are_the_first_witness():
    T = BASELINE.symbols["T"]
    assert find_witness([(1 - T, ">=")], BASELINE, np.random.default_rng(0)) == dict(BASELINE.values)


def test_a_witness_away_from_the_file_is_verified_exactly():
    T, w = BASELINE.symbols["T"], BASELINE.symbols["w_R"]
    conditions = [(T - sympy.Rational(9, 10), ">"), (w - sympy.Rational(2, 5), ">=")]  # the file has T = 0.6
    point = find_witness(conditions, BASELINE, np.random.default_rng(0))
    assert point is not None and point["T"] > F(9, 10) and point["w_R"] > F(2, 5)
    assert all(isinstance(v, F) for v in point.values())


def test_no_witness_for_conditions_that_cannot_hold_together():
    T = BASELINE.symbols["T"]
    assert find_witness([(T - sympy.Rational(1, 2), ">"), (T - sympy.Rational(1, 3), "<")], BASELINE,
                        np.random.default_rng(0)) is None
    # T > 1 lies outside T's declared range [0, 1]
    assert find_witness([(T - 1, ">")], BASELINE, np.random.default_rng(0)) is None


@settings(max_examples=40, deadline=None)
@given(polynomials(), polynomials())
def test_the_numeric_filter_agrees_with_lambdify(p, q):
    expr = p / q if sympy.expand(q) != 0 else p
    syms = tuple(sorted(expr.free_symbols, key=lambda s: s.name)) or (sympy.Symbol("x"),)
    values = np.random.default_rng(0).uniform(-2, 2, size=(len(syms), 50))
    with np.errstate(all="ignore"):
        ours = np.broadcast_to(np.asarray(_compiled(syms, expr)(*values), dtype=float), (50,))
        theirs = np.broadcast_to(np.asarray(sympy.lambdify(syms, expr, "numpy")(*values), dtype=float), (50,))
    finite = np.isfinite(theirs) & (np.abs(theirs) < 1e8)
    assert np.allclose(ours[finite], theirs[finite], rtol=1e-9, atol=1e-9)
