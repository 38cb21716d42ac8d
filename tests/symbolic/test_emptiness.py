"""The linear relaxation of a set of conditions (bargaining.symbolic.emptiness): a contradiction is proved, a
satisfiable set is not, and its points lie in the ranges."""

from __future__ import annotations

from fractions import Fraction as F

import sympy
from hypothesis import given, settings, strategies as st

from bargaining.symbolic.emptiness import relaxed_points


def test_an_impossible_set_is_proved_and_a_possible_one_is_not():
    x, y = sympy.symbols("x y", real=True)
    box = {"x": (0, 1), "y": (0, 1)}
    assert relaxed_points([(x - y, ">"), (y - x, ">=")], [x, y], box) == []
    assert relaxed_points([(x * y - F(1, 2), ">"), (x + y - F(1, 2), "<")], [x, y], box) == []
    points = relaxed_points([(x * y - F(1, 4), ">")], [x, y], box)
    assert points and all(0 <= v <= 1 for p in points for v in p.values())


@settings(max_examples=20, deadline=None)
@given(c=st.fractions(min_value=0, max_value=F(49, 50), max_denominator=50))
def test_a_proof_of_emptiness_is_never_given_for_a_set_with_a_point(c):
    """x·y > c·(1 − c) - 1/100 holds near x = y = 1 for every c < 1 (with x >= c, an open set there): never
    proved empty."""
    x, y = sympy.symbols("x y", real=True)
    box = {"x": (0, 1), "y": (0, 1)}
    assert relaxed_points([(x * y - c * (1 - c) + F(1, 100), ">"), (x - c, ">=")], [x, y], box) != []
