"""Tests of :mod:`bargaining.symbolic.thresholds`: tipping points in one parameter, against the design note.

The treaty threshold T* = max_i (w_i + (e_i + r + J_i)/(1 - lam)) = 0.888 with
Russia binding, the other boundaries of the sweep in T, and Russia's asymmetry
ceiling (docs/explanation/model.md, "What follows in closed form").
"""

from __future__ import annotations

import sympy

from tests.symbolic.common import baseline, equal, syms


def test_treaty_threshold_0888_with_russia_binding():
    d = baseline(solve_for="T")
    tp = next(t for t in d.tipping if t.context == "(ally, ally)")
    bounds = {t.label: t.bound.at_file for t in tp.lower}
    assert bounds["Russia: ally rather than align"] == sympy.Rational(111, 125)  # 0.888
    assert bounds["China: ally rather than align"] == sympy.Rational(17, 25)  # 0.680
    assert tp.lower[tp.binding_lower].label == "Russia: ally rather than align"
    s = syms(d)
    russia = next(t for t in tp.lower if t.label == "Russia: ally rather than align").bound.expr
    T_star = s["w_R"] + (s["e_R"] + s["r"] + s["j"] * s["a"]) / (1 - s["lam"])
    assert equal(russia, T_star)
    assert tp.interval_at_file == sympy.Interval(sympy.Rational(111, 125), 1)


def test_other_boundaries_in_T_and_the_sweep():
    d = baseline(solve_for="T")
    values = {b.bound.at_file for b in d.boundaries}
    assert {sympy.Rational(3, 10), sympy.Rational(11, 25)} <= values
    sweep = {t.context: t.interval_at_file for t in d.tipping if t.kind == "pure"}
    R = sympy.Rational
    assert sweep["(hedge, hedge)"] == sympy.Interval(0, R(3, 10))
    assert sweep["(align, hedge)"] == sympy.Interval(R(3, 10), R(11, 25))
    assert sweep["(align, align)"] == sympy.Interval(R(11, 25), 1)
    assert sweep["(ally, ally)"] == sympy.Interval(R(111, 125), 1)


def test_asymmetry_ceiling():
    """Russia refuses the treaty when a > ((1 - lam)(T - w_R) - e_R - r)/j (for j > 0)."""
    d = baseline(solve_for="a")
    s = syms(d)
    tp = next(t for t in d.tipping if t.context == "(ally, ally)")
    t = next(t for t in tp.upper if t.label == "Russia: ally rather than align")
    assert equal(t.bound.expr, ((1 - s["lam"]) * (s["T"] - s["w_R"]) - s["e_R"] - s["r"]) / s["j"])
    assert "j > 0" in t.case  # j's range starts at 0
