"""Tests of :mod:`bargaining.symbolic.signs`: enclosures and signs over a box of parameter ranges.

Soundness is the property that matters: every value an expression takes at a
point of the box lies in its enclosure, and its sign is among the signs
reported. For multi-affine polynomials the range is exact (attained at corners).
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import sympy
from hypothesis import given, strategies as st

from bargaining.symbolic.signs import (
    NEGATIVE,
    NONNEGATIVE,
    POSITIVE,
    UNKNOWN,
    Interval,
    describe_signs,
    interval,
    signs,
    value_range,
)
from tests.strategies import box_points, boxes, polynomials

x, y, z = (sympy.Symbol(n, real=True) for n in "xyz")


def value_at(expr, point):
    v = expr.xreplace(
        {sympy.Symbol(n, real=True): sympy.Rational(q.numerator, q.denominator) for n, q in point.items()}
    )
    return F(int(v.p), int(v.q))


def sign(q):
    return (q > 0) - (q < 0)


@given(polynomials(), boxes(), st.data())
def test_every_value_lies_in_the_enclosure_and_has_a_reported_sign(expr, box, data):
    point = data.draw(box_points(box))
    v = value_at(expr, point)
    for iv in (interval(expr, box), value_range(expr, box)):
        assert iv.lo <= v <= iv.hi
    assert sign(v) in signs(expr, box)


@given(polynomials(max_degree=1), boxes())
def test_the_range_of_a_multi_affine_polynomial_is_attained_at_corners(expr, box):
    corners = [dict(zip(box, c)) for c in product(*box.values())]
    values = [value_at(expr, c) for c in corners]
    r = value_range(expr, box)
    if r.lo < 0 < r.hi:  # the exact method applies where the interval enclosure straddles zero
        assert (r.lo, r.hi) == (min(values), max(values))
    else:
        assert r.lo <= min(values) and max(values) <= r.hi


def test_interval_arithmetic_on_known_cases():
    assert interval(1 - x, {"x": (F(3, 10), F(4, 5))}) == Interval(F(1, 5), F(7, 10))
    assert interval(x**2, {"x": (F(-2), F(1))}) == Interval(F(0), F(4))
    assert interval(1 / x, {"x": (F(1, 2), F(2))}) == Interval(F(1, 2), F(2))
    assert interval(1 / x, {"x": (F(-1), F(1))}).signs() == UNKNOWN  # a pole inside
    assert interval(sympy.Abs(x - 1), {"x": (F(0), F(3))}) == Interval(F(0), F(2))
    # x appears twice: the enclosure [-1, 1] is wider than the true range [0, 1/4]
    assert interval(x - x**2, {"x": (F(0), F(1))}) == Interval(F(-1), F(1))
    # multi-affine: the corners give the true range where the enclosure [-1, 1] straddles zero
    assert value_range(x - y, {"x": (F(0), F(1)), "y": (F(0), F(1))}) == Interval(F(-1), F(1))
    # 2xy - x - y + 1/2 encloses to [-3/2, 5/2] term by term; its corners give the true [-1/2, 1/2]
    unit = {"x": (F(0), F(1)), "y": (F(0), F(1))}
    assert interval(2 * x * y - x - y + sympy.Rational(1, 2), unit) == Interval(F(-3, 2), F(5, 2))
    assert value_range(2 * x * y - x - y + sympy.Rational(1, 2), unit) == Interval(F(-1, 2), F(1, 2))


def test_unbounded_symbols_use_their_assumptions():
    p = sympy.Symbol("p", nonnegative=True)
    assert signs(p + 1, {}) == POSITIVE
    assert signs(-p, {}) == frozenset({-1, 0})
    assert signs(x, {}) == UNKNOWN


def test_products_are_signed_factor_by_factor():
    lam, w, e = sympy.symbols("lam w e", nonnegative=True)
    box = {"lam": (F(3, 10), F(4, 5))}
    assert signs(lam / (1 - lam), box) == POSITIVE
    assert signs(-(1 - lam) * w - e, box) == frozenset({-1, 0})
    assert signs((x - 2) ** 2, {"x": (F(0), F(1))}) == POSITIVE
    assert signs(-((x - 2) ** 3), {"x": (F(0), F(1))}) == POSITIVE


def test_signs_in_words():
    assert [describe_signs(s) for s in (POSITIVE, NEGATIVE, NONNEGATIVE, UNKNOWN, frozenset({-1, 1}))] == [
        "positive", "negative", "nonnegative", "of either sign", "nonzero",
    ]
