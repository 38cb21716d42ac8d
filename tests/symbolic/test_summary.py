"""The summary ``derive`` leads with (:mod:`bargaining.symbolic.summary`), checked against exact solves.

Known answers: the baseline's thresholds in T are 2·w_R = 0.3, 2·w_C = 0.44 and
Russia's treaty bound w_R + (e_R + r + j·a)/(1 − lam) = 0.888, China's own
being 0.68 (docs/explanation/model.md, "What follows in closed form").
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import HealthCheck, given, settings

from bargaining.io.gamefile import load_model
from bargaining.io.strategic import model_from_dict
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.symbolic import derive
from bargaining.symbolic.summary import ends
from bargaining.symbolic.univariate import _between
from tests.strategies import affine_models, open_tie_models


def _inside(r):
    if r.low == r.high:
        return r.low
    return _between(r.low, r.high)


def _pure_names(model, name, value, strategies):
    at = model.with_values({name: Fraction(int(value.p), int(value.q))}).game()
    out = set()
    for x, y in extreme_equilibria(at.A, at.B).pairs:
        if sum(1 for p in x if p) == 1 and sum(1 for q in y if q) == 1:
            i, j = x.index(1), y.index(1)
            out.add(f"({strategies[0][i]}, {strategies[1][j]})")
    return out


def _check_regimes(model, d, name):
    s = d.summary
    assert s.parameter == name
    lo, hi = d.ranges[name]
    assert s.regimes[0].low == lo and s.regimes[-1].high == hi
    for a, b in zip(s.regimes, s.regimes[1:]):
        assert a.high == b.low and a.high_closed != b.low_closed  # contiguous, no overlap, no gap
    for r in s.regimes:
        v = _inside(r)
        pure = {n for n in r.equilibria if n.startswith("(")}
        assert pure == _pure_names(model, name, v, d.strategies), (r, v)


def test_the_baseline_summary_knows_its_thresholds():
    model = load_model("games/baseline.toml")
    d = derive(model, solve_for="T")
    values = [t.value for t in d.summary.thresholds]
    assert values == [sympy.Rational(3, 10), sympy.Rational(11, 25), sympy.Rational(111, 125)]
    treaty = d.summary.thresholds[-1]
    assert "(ally, ally)" in treaty.entering
    assert {p for context, _, p in treaty.binding if context == "(ally, ally)"} == {0}  # Russia binds
    assert any(bound.at_file == sympy.Rational(17, 25) for _, _, bound in treaty.rivals)  # China's own: 0.68
    assert d.summary.at_file == ("(align, align)",)
    _check_regimes(model, d, "T")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(open_tie_models(sizes=((2, 2), (2, 3))) | affine_models(sizes=((2, 2),), max_coef=2))
def test_regimes_agree_with_solve_inside_and_at_their_ends(case):
    data, _ = case
    model = model_from_dict(data)
    d = derive(model, solve_for="t")
    if d.summary.exact:
        _check_regimes(model, d, "t")


def test_without_solve_for_the_summary_lists_equilibria_at_the_file():
    d = derive(load_model("games/baseline.toml"), keep=["T"])
    assert d.summary.parameter is None and d.summary.regimes == ()
    assert "(align, align)" in d.summary.at_file and "(ally, ally)" in d.summary.possible


def test_ends_of_sets():
    x = sympy.Symbol("x")
    assert ends(sympy.Union(sympy.Interval(0, 1), sympy.FiniteSet(3))) == [0, 1, 3]
    assert ends(sympy.Interval(-sympy.oo, 2)) == [2] and ends(sympy.EmptySet) == [] and ends(None) == []
    assert ends(sympy.ConditionSet(x, x > 0, sympy.S.Reals)) == []
