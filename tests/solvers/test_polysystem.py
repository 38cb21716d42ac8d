"""Tests of :mod:`bargaining.solvers.polysystem`: Gröbner bases, real solutions, decomposition by dimension.

FLINT's Gröbner bases are compared with sympy's (another implementation), the
real solutions are checked to satisfy the equations exactly in their number
field and counted against the real roots of sympy's lexicographic eliminant,
and the decomposition is checked on sets of known shape.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import given, settings, strategies as st

from bargaining.solvers.polysystem import decompose, dimension, groebner, real_solutions
from tests.oracles.nplayer import _solve_triangular


def _poly_dicts(draw, nvars, count, degree):
    monos = [e for e in __import__("itertools").product(range(degree + 1), repeat=nvars) if sum(e) <= degree]
    out = []
    for _ in range(count):
        coeffs = draw(st.lists(st.integers(-6, 6), min_size=len(monos), max_size=len(monos)))
        out.append({m: c for m, c in zip(monos, coeffs) if c})
    return out


@st.composite
def systems(draw, nvars=2, degree=2):
    return _poly_dicts(draw, nvars, nvars, degree)


def _sympy(polys, gens):
    return [sum(c * sp.prod([g**k for g, k in zip(gens, e)]) for e, c in p.items()) for p in polys]


def _evaluate(poly, coords):
    total = 0
    for e, c in poly.items():
        term = Fraction(c)
        for x, k in zip(coords, e):
            for _ in range(k):
                term = x * term
        total = term + total
    return total


@given(systems())
def test_groebner_bases_agree_with_sympy(polys):
    x, y = gens = sp.symbols("x y")
    ours = groebner(polys, 2)
    exprs = [e for e in _sympy(polys, gens) if e != 0]
    if not exprs:
        assert ours == []
        return
    theirs = sp.groebner(exprs, *gens, order="grevlex")
    ours_monic = sorted(str(sp.Poly(_sympy([p], gens)[0], *gens).monic().as_expr()) for p in ours)
    theirs_monic = sorted(str(sp.Poly(g, *gens).monic().as_expr()) for g in theirs.exprs)
    assert ours_monic == theirs_monic


@settings(max_examples=25)
@given(systems())
def test_real_solutions_are_exact_and_all_there(polys):
    gens = sp.symbols("x y")
    basis = groebner(polys, 2)
    d, _ = dimension(basis, 2)
    if d != 0:
        return
    points = real_solutions(polys, 2)
    for pt in points:
        for p in polys:
            value = _evaluate(p, pt.coords)
            assert value == 0 if isinstance(value, (int, Fraction)) else value.is_zero()
    # count against the oracle's method: sympy's lexicographic basis, exact real roots of its
    # eliminant, 60-digit back substitution (tests/oracles/nplayer.py)
    lex = sp.groebner([e for e in _sympy(polys, gens) if e != 0], *gens, order="lex")
    theirs = _solve_triangular(list(lex.exprs), list(gens))
    assert len(points) == len(theirs)
    for pt in points:
        assert any(all(abs(float(c) - float(s[g])) < 1e-9 for c, g in zip(pt.coords, gens)) for s in theirs)


def test_solutions_with_irrational_coordinates():
    # x^2 + y^2 = 1, y = x: two points (+-1/sqrt(2), +-1/sqrt(2))
    pts = real_solutions([{(2, 0): 1, (0, 2): 1, (0, 0): -1}, {(1, 0): 1, (0, 1): -1}], 2)
    assert [tuple(str(v) for v in p.values()) for p in pts] == [
        ("-sqrt(2)/2", "-sqrt(2)/2"),
        ("sqrt(2)/2", "sqrt(2)/2"),
    ]


def test_multiple_roots_are_found_once():
    # (x - 1)^3 = 0, y^2 = x: the radical is (x - 1, y^2 - 1)
    pts = real_solutions([{(3, 0): 1, (2, 0): -3, (1, 0): 3, (0, 0): -1}, {(0, 2): 1, (1, 0): -1}], 2)
    assert sorted(p.values() for p in pts) == [(1, -1), (1, 1)]


def test_no_solution_and_no_real_solution():
    assert real_solutions([{(1,): 1}, {(1,): 1, (0,): -1}], 1) == []  # x = 0 and x = 1
    assert real_solutions([{(2,): 1, (0,): 1}], 1) == []  # x^2 + 1 = 0


def test_decompose_line_and_point():
    # x y = 0, x (x - 1) = 0: the line x = 0 and the point (1, 0)
    # The points are those with h = y = 0: (1, 0), and (0, 0), which also lies on the line.
    dec = decompose([{(1, 1): 1}, {(2, 0): 1, (1, 0): -1}], 2)
    assert sorted(p.values() for p in dec.points) == [(0, 0), (1, 0)]
    (piece,) = dec.pieces
    assert piece.dimension == 1 and piece.free == (1,)
    (pt,) = piece.specialise([Fraction(3, 7)])
    assert pt.values() == (0, Fraction(3, 7))


def test_decompose_whole_space_and_surface():
    dec = decompose([], 2)
    assert dec.points == () and [p.dimension for p in dec.pieces] == [2]
    (pt,) = dec.pieces[0].specialise([Fraction(1, 2), Fraction(1, 3)])
    assert pt.values() == (Fraction(1, 2), Fraction(1, 3))
    dec = decompose([{(2, 0, 0): 1, (0, 1, 0): -1}], 3)  # y = x^2 in 3 variables
    assert [p.dimension for p in dec.pieces] == [2]
