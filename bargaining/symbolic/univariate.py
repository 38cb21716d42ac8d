"""Exact solution sets of one-variable conditions ``f(x) rel 0``, ``f`` a rational function with rational coefficients.

With the other parameters at their values, each equilibrium condition is a
rational function ``f = p/q`` of the one parameter solved for. Its sign is
constant between consecutive real roots of ``p`` and ``q``, so the solution
set of ``f rel 0`` is a finite union of intervals whose ends are those roots:

* the real roots are found exactly: in radicals up to degree two
  (``sympy.roots``), as ``CRootOf`` objects beyond;
* the sign on each gap between roots is read at a rational point inside the
  gap, exactly; at a root of ``p`` that is not a root of ``q``, ``f`` is zero;
  at a root of ``q`` it is undefined (excluded).

This is what ``sympy.solveset`` computes for such conditions, without its
general machinery (periodicity tests, imports of ``sympy.physics``), which
costs more than the answer on these small polynomials.

Reference: any text on real algebraic geometry, e.g. S. Basu, R. Pollack and
M.-F. Roy, *Algorithms in Real Algebraic Geometry*, Springer, 2006, ch. 2
(sign conditions of univariate polynomials).
"""

from __future__ import annotations

import sympy

__all__ = ["solution_set", "real_roots"]


def real_roots(poly: sympy.Poly) -> list:
    """The distinct real roots of a univariate polynomial over the rationals, exact and increasing.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> real_roots(sympy.Poly(x**2 - 2, x))
    [-sqrt(2), sqrt(2)]
    >>> real_roots(sympy.Poly(x**3 - x, x))
    [-1, 0, 1]
    """
    if poly.degree() <= 0:
        return []
    out = []
    for factor, _ in poly.factor_list()[1]:
        if factor.degree() <= 2:
            out += [r for r in sympy.roots(factor, multiple=True) if r.is_extended_real]
        else:
            out += list(dict.fromkeys(factor.real_roots()))
    return sorted(set(out), key=lambda r: sympy.N(r, 30))


def _between(a, b):
    """A rational strictly between two real algebraic numbers ``a < b`` (either may be infinite)."""
    if a == -sympy.oo and b == sympy.oo:
        return sympy.Integer(0)
    if a == -sympy.oo:
        return sympy.floor(b) - 1
    if b == sympy.oo:
        return sympy.ceiling(a) + 1
    if a.is_Rational and b.is_Rational:
        return (a + b) / 2
    digits = 20
    while True:
        q = sympy.Rational(str(sympy.N((a + b) / 2, digits)))
        if bool(a < q) and bool(q < b):
            return q
        digits *= 2


def _holds(value, rel: str) -> bool:
    return bool({">=": value >= 0, ">": value > 0, "<=": value <= 0, "<": value < 0, "==": value == 0}[rel])


def solution_set(expr, rel: str, x, domain=sympy.S.Reals):
    """The exact set of ``x`` in ``domain`` where ``expr rel 0``; None when ``expr`` is not rational in ``x``.

    Parameters
    ----------
    expr : sympy.Expr
        A rational function of ``x`` with rational coefficients.
    rel : str
        ``>=``, ``>``, ``<=``, ``<`` or ``==``.
    x : sympy.Symbol
    domain : sympy.Set

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> solution_set((x - 1) * (x - 3), "<", x)
    Interval.open(1, 3)
    >>> solution_set((x - 1) / (x - 2), ">=", x, sympy.Interval(0, 4))
    Union(Interval(0, 1), Interval.Lopen(2, 4))
    >>> solution_set(x**2 - 2, "==", x)
    {-sqrt(2), sqrt(2)}
    """
    whole = sympy.together(expr)
    e = sympy.cancel(whole)
    num, den = sympy.fraction(e)
    # the poles are those of the expression as given: a factor cancelled from p/q (x/(x^2 + x)) still leaves
    # the expression undefined where it vanishes, as solveset has it
    # (together cancels a common factor of a single fraction, so the given expression's own denominators count)
    den_given = sympy.Mul(*{sympy.fraction(term)[1] for term in sympy.Add.make_args(expr)} | {sympy.fraction(whole)[1]})
    polys = (num, den, den_given)
    if not all(f.is_polynomial(x) for f in polys) or set().union(*(f.free_symbols for f in polys)) - {x}:
        return None
    p, q, q_given = (sympy.Poly(f, x) for f in polys)
    if not all(f.domain.is_QQ or f.domain.is_ZZ for f in (p, q, q_given)):
        return None
    zeros, poles = real_roots(p), real_roots(q_given)
    points = sorted(set(zeros) | set(poles), key=lambda r: sympy.N(r, 30))
    ends = [-sympy.oo] + points + [sympy.oo]
    pieces = []
    for a, b in zip(ends, ends[1:]):
        t = _between(a, b)
        if _holds(e.xreplace({x: t}), rel):
            pieces.append(sympy.Interval.open(a, b))
    if rel in (">=", "<=", "=="):
        pole_set = set(poles)
        pieces += [sympy.FiniteSet(r) for r in zeros if r not in pole_set]
    out = sympy.Union(*pieces) if pieces else sympy.EmptySet
    return out.intersect(domain)
