"""Tests of :mod:`bargaining.solvers.algebraic`: exact real algebraic numbers and real number fields.

Root isolation is checked against sympy's exact real-root isolation (an
independent implementation), signs and comparisons against exact rational
bounds, and the printed radicals against the numbers they name.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import assume, given, strategies as st

from bargaining.errors import InputError
from bargaining.solvers.algebraic import NumberField, RealAlgebraic, exact_text, real_roots, sign

coefficients = st.lists(st.integers(-20, 20), min_size=2, max_size=7).filter(lambda c: c[-1] != 0)


def _sympy_roots(coeffs):
    x = sp.Symbol("x")
    poly = sp.Poly(sum(c * x**k for k, c in enumerate(coeffs)), x)
    return sorted({sp.N(r, 30) for r in poly.real_roots()}, key=float)


@given(coefficients)
def test_real_roots_agree_with_sympy(coeffs):
    ours = real_roots(coeffs)
    theirs = _sympy_roots(coeffs)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert abs(float(a) - float(b)) <= 1e-12 * max(1, abs(float(b)))


@given(coefficients)
def test_isolating_intervals_isolate(coeffs):
    roots = real_roots(coeffs)
    for r in roots:
        if isinstance(r, RealAlgebraic):
            p = [Fraction(c) for c in r.minpoly]
            value = lambda x: sum(c * x**k for k, c in enumerate(p))  # noqa: E731
            assert r.lo < r.hi
            assert value(r.lo) * value(r.hi) < 0  # one simple root inside
            refined = r.refined(Fraction(1, 10**12))
            assert refined == r and refined.hi - refined.lo <= Fraction(1, 10**12)
    # distinct and increasing
    assert all(a < b for a, b in zip(roots, roots[1:]))


def test_known_roots():
    # (x^2 - 2)(3x - 1)(x^2 + 1): -sqrt(2), 1/3, sqrt(2)
    coeffs = [2, -6, 1, -3, -1, 3]  # expanded by hand; checked below
    x = sp.Symbol("x")
    assert sp.expand((x**2 - 2) * (3 * x - 1) * (x**2 + 1)) == sum(c * x**k for k, c in enumerate(coeffs))
    roots = real_roots(coeffs)
    assert [str(r) for r in roots] == ["-sqrt(2)", "1/3", "sqrt(2)"]
    assert roots[1] == Fraction(1, 3) and isinstance(roots[1], Fraction)


def test_radical_of_the_brief():
    # (139 - sqrt(13777)) / 132 has minimal polynomial 726 x^2 - 1529 x + 231 (worked out by hand:
    # (132 x - 139)^2 = 13777, divided by 24)
    r = real_roots([231, -1529, 726])
    assert str(r[0]) == "139/132 - sqrt(13777)/132"
    assert str(r[1]) == "139/132 + sqrt(13777)/132"
    assert float(r[0]) == pytest.approx((139 - math.sqrt(13777)) / 132, rel=1e-15)


@given(st.integers(1, 30), st.integers(-40, 40), st.integers(-30, 30))
def test_radicals_name_their_numbers(a, b, c):
    disc = b * b - 4 * a * c
    assume(disc > 0 and math.isqrt(disc) ** 2 != disc)
    for r in real_roots([c, b, a]):
        text = str(r)
        value = sp.N(sp.sympify(text), 40)  # sympify of our own output, in a test only
        assert abs(float(value) - float(r)) < 1e-12 * max(1, abs(float(r)))


def test_higher_degree_is_printed_with_its_interval():
    (r,) = real_roots([-2, 0, 0, 1])
    assert str(r) == "root of x^3 - 2 in [1.2, 1.3]"
    assert r.decimal(30) == "1.25992104989487316476721060728"  # 2^(1/3), to 30 digits
    d = r.to_dict()
    assert d["minimal_polynomial"] == ["-2", "0", "0", "1"] and d["interval"] == ["6/5", "13/10"]


def test_comparisons_and_identity():
    s2 = real_roots([-2, 0, 1])[1]
    s3 = real_roots([-3, 0, 1])[1]
    assert s2 < s3 and s3 > Fraction(17, 10) and s2 > Fraction(141421, 100000) and s2 < Fraction(141422, 100000)
    assert s2 == RealAlgebraic((-2, 0, 1), 1, Fraction(1), Fraction(2)) and s2 != s3 and s2 != Fraction(3, 2)
    assert hash(s2) == hash(RealAlgebraic((-2, 0, 1), 1, Fraction(5, 4), Fraction(3, 2)))
    assert -s2 == real_roots([-2, 0, 1])[0]


def test_number_field_arithmetic_is_exact():
    s2 = real_roots([-2, 0, 1])[1]
    K = NumberField.from_root(s2)
    t = K.generator()
    assert (t * t - 2).is_zero() and (t * t).value() == 2
    assert ((t + 1) * (t - 1)).value() == 1
    assert str((1 + t) * (1 + t)) == "2*t + 3"
    assert exact_text(t + 1) == "1 + sqrt(2)"


def test_sign_of_a_tiny_number_is_proved():
    # 665857/470832 is a convergent of sqrt(2): the difference is about 1.6e-12, positive
    t = NumberField.from_root(real_roots([-2, 0, 1])[1]).generator()
    tiny = Fraction(665857, 470832) - t
    assert sign(tiny) == 1 and sign(-tiny) == -1 and sign(tiny - tiny) == 0
    assert 0 < float(tiny) < 1e-11


def test_values_of_field_elements_have_their_own_minimal_polynomials():
    # theta = 2^(1/3); theta^2 has minimal polynomial x^3 - 4
    K = NumberField.from_root(real_roots([-2, 0, 0, 1])[0])
    t = K.generator()
    v = (t * t).value()
    assert v.minpoly == (-4, 0, 0, 1) and v.index == 0
    assert float(v) == pytest.approx(2 ** (2 / 3), rel=1e-15)


def test_bad_input():
    with pytest.raises(InputError):
        real_roots([0, 0])
    with pytest.raises(InputError):
        real_roots(["x", 1])
