"""The python-flint kernel (:mod:`bargaining.symbolic.poly`) gives sympy's own forms: checked against sympy."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings

from bargaining.symbolic import poly
from tests.strategies import polynomials

x, y, z = sympy.symbols("x y z")


@settings(max_examples=40, deadline=None)
@given(polynomials(), polynomials())
def test_cancel_is_sympys_cancel(p, q):
    if sympy.expand(q) == 0:
        return
    assert poly.cancel(p / q) == sympy.cancel(p / q)


@settings(max_examples=40, deadline=None)
@given(polynomials(), polynomials())
def test_factor_list_multiplies_back_and_matches_sympy(p, q):
    f = sympy.expand(p * q)
    if f == 0:
        return
    gens = tuple(sorted(f.free_symbols, key=lambda s: s.name))
    if not gens:
        return
    c, factors = poly.factor_list(f, gens)
    assert sympy.expand(c * sympy.Mul(*[h**m for h, m in factors]) - f) == 0
    assert (c, sorted(factors, key=str)) == (lambda r: (r[0], sorted(r[1], key=str)))(sympy.factor_list(f, *gens))


@settings(max_examples=30, deadline=None)
@given(polynomials())
def test_expand_and_round_trip(p):
    assert poly.expand(p) == sympy.expand(p)
    gens = poly.gens_of(p)
    r = poly.to_flint(p, gens)
    assert r is not None and sympy.expand(poly.to_expr(r[0], gens) / poly.to_expr(r[1], gens) - p) == 0


@settings(max_examples=40, deadline=None)
@given(polynomials(), polynomials(), polynomials())
def test_gcd_list_is_sympys_gcd_list(common, p, q):
    exprs = [sympy.expand(common * p), sympy.expand(-common * q), sympy.expand(common * p / 3)]
    for k in (1, 2, 3):
        if any(e == 0 for e in exprs[:k]):
            continue
        assert poly.gcd_list(exprs[:k]) == sympy.gcd_list(exprs[:k])


@settings(max_examples=40, deadline=None)
@given(polynomials())
def test_degree_is_sympys_degree(p):
    for s in (x, y, z):
        if sympy.expand(p) != 0:
            assert poly.degree(p, s) == sympy.degree(p, s)


def test_exact_numbers_only_never_text():
    assert poly.as_expr(Fraction(3, 4)) == sympy.Rational(3, 4)
    assert poly.as_expr(x + 1) == x + 1
    with pytest.raises(TypeError):
        poly.as_expr("x + 1")
    with pytest.raises(TypeError):
        poly.as_expr(0.5)


def test_non_rational_expressions_fall_back_to_sympy():
    e = sympy.sqrt(x) * 2 / (4 * sympy.sqrt(x) * y)
    assert poly.cancel(e) == sympy.cancel(e)
