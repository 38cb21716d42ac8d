"""Generic solutions of parameterised linear systems (:mod:`bargaining.symbolic.linear`), checked point by point."""

from __future__ import annotations

import random

import sympy
from hypothesis import given, settings, strategies as st

from bargaining.symbolic.linear import is_zero, solve_linear

x = sympy.Symbol("x", real=True)


@st.composite
def systems(draw):
    q, u = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    entry = st.tuples(st.integers(-2, 2), st.integers(-1, 1)).map(lambda c: c[0] + c[1] * x)
    return sympy.Matrix([[draw(entry) for _ in range(u)] for _ in range(q)])


@settings(max_examples=40, deadline=None)
@given(systems(), st.fractions(min_value=-5, max_value=5, max_denominator=7))
def test_the_generic_solution_solves_the_system_at_generic_points(M, t):
    s = solve_linear(M)
    value = {x: sympy.Rational(t.numerator, t.denominator)}
    if s.pivot_minor.xreplace(value) == 0:
        return  # off the generic set
    rhs = sympy.Matrix([0] * (M.rows - 1) + [1])
    Mt = M.xreplace(value)
    if not s.consistent:
        if any(r.xreplace(value) != 0 for r in s.remainders):
            # no solution here: the augmented system has a larger rank
            assert Mt.rank() < Mt.row_join(rhs).rank()
        return
    rng = random.Random(0)
    y = [None] * M.cols
    for f in s.free:
        y[f] = sympy.Rational(rng.randint(-9, 9), rng.randint(1, 9))
    for p in s.pivots:
        y[p] = (s.constant[p] + sum(s.coefficients[p, f] * y[f] for f in s.free)).xreplace(value)
    assert Mt * sympy.Matrix(y) == rhs


def test_zero_tests_are_exact_for_rational_functions():
    a, b = sympy.symbols("a b")
    assert is_zero((a - b) / (a + b) - (a**2 - 2 * a * b + b**2) / (a**2 - b**2), [])
    assert not is_zero(a / b - 1, [])


def test_an_inconsistent_system_names_where_it_becomes_solvable():
    s = solve_linear(sympy.Matrix([[x - 1], [1]]))
    assert not s.consistent and s.remainders == (1 - x,)
