"""Exact one-variable solution sets (:mod:`bargaining.symbolic.univariate`), checked against sympy's solveset."""

from __future__ import annotations

import sympy
from hypothesis import given, settings, strategies as st

from bargaining.symbolic.univariate import real_roots, solution_set

x = sympy.Symbol("x", real=True)
RELS = (">=", ">", "<=", "<", "==")
REL_OPS = {">=": sympy.Ge, ">": sympy.Gt, "<=": sympy.Le, "<": sympy.Lt, "==": sympy.Eq}


def rational_functions():
    coeffs = st.lists(st.integers(-4, 4), min_size=1, max_size=3)

    def build(pair):
        num, den = pair
        p = sum(c * x**k for k, c in enumerate(num))
        q = sum(c * x**k for k, c in enumerate(den)) or sympy.Integer(1)
        return p / q

    return st.tuples(coeffs, coeffs).map(build)


@settings(max_examples=25, deadline=None)
@given(rational_functions(), st.sampled_from(RELS))
def test_agrees_with_solveset(f, rel):
    domain = sympy.Interval(-3, 3)
    ours = solution_set(f, rel, x, domain)
    theirs = sympy.solveset(REL_OPS[rel](f, 0), x, domain)
    assert ours is not None
    for k in range(-21, 22):
        t = sympy.Rational(k, 7)
        assert bool(ours.contains(t)) == bool(theirs.contains(t)), t
    assert sorted(ends_of(ours), key=sympy.default_sort_key) == sorted(ends_of(theirs), key=sympy.default_sort_key)


def ends_of(s):
    return [e for e in (s.boundary if s != sympy.EmptySet else sympy.EmptySet)]


@given(st.fractions(min_value=-3, max_value=3, max_denominator=20))
def test_the_set_decides_membership_exactly(t):
    f = (x - sympy.Rational(1, 3)) * (x + 1) / (x - 2)
    s = solution_set(f, ">=", x)
    value = f.xreplace({x: sympy.Rational(t.numerator, t.denominator)})
    inside = bool(s.contains(sympy.Rational(t.numerator, t.denominator)))
    assert inside == (value.is_finite and value >= 0) if t != 2 else not inside


def test_irrational_roots_stay_exact():
    assert solution_set(x**2 - 2, "<", x) == sympy.Interval.open(-sympy.sqrt(2), sympy.sqrt(2))
    roots = real_roots(sympy.Poly(x**3 - 3 * x + 1, x))
    assert len(roots) == 3 and all(sympy.Poly(x**3 - 3 * x + 1, x).eval(r).equals(0) for r in roots)


def test_other_symbols_or_non_rational_expressions_are_declined():
    y = sympy.Symbol("y", real=True)
    assert solution_set(x - y, ">", x) is None
    assert solution_set(sympy.sin(x), ">", x) is None
