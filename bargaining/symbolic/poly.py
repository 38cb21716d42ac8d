"""Exact polynomial arithmetic on closed forms, in python-flint: conversion, cancellation, factorisation.

The symbolic analysis spends most of its time cancelling and factoring
rational functions of a handful of parameters. sympy does this on its own
recursive dense representation, in Python; FLINT's multivariate polynomials
over the rationals (``fmpq_mpoly``; Hart, Johansson and others, the FLINT
team) do the same exactly and much faster. This module converts a sympy
expression that is a rational function with rational coefficients into a
numerator and denominator of ``fmpq_mpoly`` polynomials, and back, and gives
:func:`cancel`, :func:`factor` and :func:`factor_list` that return **the same
expressions** as ``sympy.cancel``, ``sympy.factor`` and ``sympy.factor_list``
(primitive integer factors with a positive leading coefficient in the
lexicographic order of the generators, sympy's normal form), so that results
do not depend on which one ran. An expression that is not a rational function
(``sqrt``, ``Max``) goes to sympy.

Multivariate factorisation over the integers is unique up to units (Gauss's
lemma), so two correct factorisations normalised the same way are equal.

Reference: W. Hart, F. Johansson, S. Pancratz, "FLINT: Fast Library for
Number Theory", https://flintlib.org; J. von zur Gathen and J. Gerhard,
*Modern Computer Algebra*, 3rd ed., Cambridge, 2013, ch. 6 and 16.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import flint
import sympy
from sympy.polys.polyutils import _sort_gens

from bargaining.symbolic import ops as _ops

__all__ = ["to_flint", "to_expr", "cancel", "factor", "factor_list", "factor_lists", "fraction", "expand", "degrees",
           "degree", "gcd_list", "total_degree", "is_rational", "gens_of", "clear_caches"]

_CTX: dict = {}
_FROM: dict = {}
_TO: dict = {}


def clear_caches() -> None:
    """Forget remembered conversions (for benchmarks that time a cold run)."""
    _FROM.clear()
    _TO.clear()


def _ctx(n: int):
    if n not in _CTX:
        _CTX[n] = flint.fmpq_mpoly_ctx.get(tuple(f"v{k}" for k in range(max(n, 1))), "lex")
    return _CTX[n]


_GENS: dict = {}


def gens_of(expr) -> tuple:
    """The free symbols of ``expr`` in sympy's default order of generators."""
    key = _ops.free_symbols(expr)
    if key not in _GENS:
        _GENS[key] = _sort_gens(list(key))
    return _GENS[key]


def _rational(q) -> flint.fmpq:
    return flint.fmpq(int(q.p), int(q.q))


def _convert(expr, index, ctx, one):
    """``(num, den)`` fmpq_mpoly for a rational function in the symbols of ``index``; None otherwise."""
    if expr.is_Rational:
        return ctx.from_dict({(0,) * ctx.nvars(): _rational(expr)}) if expr != 0 else ctx.from_dict({}), one
    if expr.is_Symbol:
        k = index.get(expr)
        if k is None:
            return None
        return ctx.gens()[k], one
    if expr.is_Add:
        num, den = ctx.from_dict({}), one
        for a in expr.args:
            r = _convert(a, index, ctx, one)
            if r is None:
                return None
            n, d = r
            if d == den:
                num = num + n
            else:
                num, den = num * d + n * den, den * d
        return num, den
    if expr.is_Mul:
        num, den = one, one
        for a in expr.args:
            r = _convert(a, index, ctx, one)
            if r is None:
                return None
            num, den = num * r[0], den * r[1]
        return num, den
    if expr.is_Pow and expr.exp.is_Integer:
        r = _convert(expr.base, index, ctx, one)
        if r is None:
            return None
        k = int(expr.exp)
        if k >= 0:
            return r[0] ** k, r[1] ** k
        if r[0] == 0:
            return None
        return r[1] ** (-k), r[0] ** (-k)
    return None


def to_flint(expr, gens):
    """``(num, den)``, coprime, ``den`` with positive leading coefficient; None if not a rational function.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> num, den = to_flint((x**2 - y**2) / (2*x - 2*y), (x, y))
    >>> to_expr(num, (x, y)), to_expr(den, (x, y))
    (x/2 + y/2, 1)
    """
    key = (expr, gens)
    if key in _FROM:
        return _FROM[key]
    ctx = _ctx(len(gens))
    one = ctx.from_dict({(0,) * ctx.nvars(): 1})
    r = _convert(as_expr(expr), {g: k for k, g in enumerate(gens)}, ctx, one)
    if r is not None:
        num, den = r
        if den == 0:
            r = None
        else:
            g = num.gcd(den)
            if g != 1 and g != 0:
                num, den = num / g, den / g
            lc = den.leading_coefficient()
            if lc != 1:
                num, den = num / lc, den / lc
            r = (num, den)
    if len(_FROM) > 50000:
        _FROM.clear()
    _FROM[key] = r
    return r


def to_expr(poly, gens):
    """A polynomial as a sympy expression in ``gens``."""
    key = (str(poly), gens)
    if key in _TO:
        return _TO[key]
    terms = []
    for exps, c in poly.to_dict().items():
        factors = [sympy.Rational(int(c.p), int(c.q))]
        for g, e in zip(gens, exps):
            if e:
                factors.append(g if e == 1 else g**e)
        terms.append(sympy.Mul(*factors))
    out = sympy.Add(*terms)
    if len(_TO) > 50000:
        _TO.clear()
    _TO[key] = out
    return out


def is_rational(expr) -> bool:
    """Whether ``expr`` is a rational function of its symbols with rational coefficients."""
    return to_flint(expr, gens_of(expr)) is not None


def _primitive(p):
    """``(content, q)``: ``p = content * q``, ``q`` with coprime integer coefficients and positive leading one."""
    d = p.to_dict()
    nums = [int(c.p) for c in d.values()]
    dens = [int(c.q) for c in d.values()]
    from math import gcd, lcm

    g = 0
    for x in nums:
        g = gcd(g, x)
    L = 1
    for x in dens:
        L = lcm(L, x)
    content = Fraction(g, L)
    if p.leading_coefficient() < 0:
        content = -content
    return content, p / flint.fmpq(content.numerator, content.denominator)


def _dense(d: dict, nvars: int, level: int = 0):
    """sympy's dense recursive representation (a nested list, leading coefficient first) of a polynomial."""
    if level == nvars:
        (c,) = d.values() if d else (0,)
        return sympy.Integer(int(c)) if d else sympy.Integer(0)
    by_power = defaultdict(dict)
    for exps, c in d.items():
        by_power[exps[level]][exps] = c
    if not by_power:
        return []
    top = max(by_power)
    return [
        _dense(by_power.get(k, {}), nvars, level + 1)
        if k in by_power
        else ([] if level + 1 < nvars else sympy.Integer(0))
        for k in range(top, -1, -1)
    ]


def factor_list(expr, gens=None):
    """``sympy.factor_list(expr, *gens)`` for a polynomial; None if ``expr`` is not a polynomial here.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> factor_list(2*x*y - 2*x, (x, y))
    (2, [(y - 1, 1), (x, 1)])
    """
    gens = tuple(gens) if gens is not None else gens_of(expr)
    r = to_flint(expr, gens)
    if r is None or r[1] != 1:
        return None
    return _factor_list(r[0], gens)


def _factor_list(p, gens):
    if p == 0:
        return sympy.Integer(0), []
    c, facs = p.factor()
    coeff = Fraction(int(c.p), int(c.q))
    out = []
    for f, m in facs:
        content, q = _primitive(f)
        coeff *= content ** int(m)
        out.append((q, int(m)))
    n = len(gens)

    def key(item):
        q, m = item
        rep = _dense({k: v for k, v in q.to_dict().items()}, n)
        return (len(rep), n, m, "ZZ", _nested(rep))

    out.sort(key=key)
    return sympy.Rational(coeff.numerator, coeff.denominator), [(to_expr(q, gens), m) for q, m in out]


def _nested(rep):
    return [(_nested(x) if isinstance(x, list) else x) for x in rep]


def fraction(expr, gens=None):
    """``(num, den)`` as sympy expressions, cancelled, or None (not a rational function)."""
    gens = tuple(gens) if gens is not None else gens_of(expr)
    r = to_flint(expr, gens)
    if r is None:
        return None
    return to_expr(r[0], gens), to_expr(r[1], gens)


def as_expr(value):
    """A sympy expression, or an exact number (``int``, ``Fraction``) as a sympy Rational; never parses text.

    Examples
    --------
    >>> as_expr(Fraction(1, 2)), as_expr(3)
    (1/2, 3)
    """
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, (int, Fraction)):
        return sympy.Rational(value.numerator, value.denominator)
    raise TypeError(f"not an exact number or sympy expression: {value!r}")


def cancel(expr):
    """``sympy.cancel(expr)`` for a rational function with rational coefficients; sympy's own otherwise.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> cancel((x**2 - 1) / (2*x - 2))
    x/2 + 1/2
    """
    expr = as_expr(expr)
    if expr.is_number or expr.is_Symbol:
        return expr
    gens = gens_of(expr)
    r = to_flint(expr, gens)
    if r is None:
        return sympy.cancel(expr)
    num, den = r
    if num == 0:
        return sympy.Integer(0)
    # sympy's form: integer numerator and denominator whose coefficients have no common factor, the
    # denominator's leading coefficient positive
    from math import gcd, lcm

    coeffs = list(num.to_dict().values()) + list(den.to_dict().values())
    L = 1
    for c in coeffs:
        L = lcm(L, int(c.q))
    G = 0
    for c in coeffs:
        G = gcd(G, int(c.p) * (L // int(c.q)))
    k = flint.fmpq(L, G)
    p, q = num * k, den * k
    if q.leading_coefficient() < 0:
        p, q = -p, -q
    return to_expr(p, gens) / to_expr(q, gens)


def factor(expr):
    """``sympy.factor(expr)`` for a rational function with rational coefficients; sympy's own otherwise.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> factor((2*x*y - 2*x) / (x**2 - 1))
    2*x*(y - 1)/((x - 1)*(x + 1))
    """
    expr = as_expr(expr)
    if expr.is_number or expr.is_Symbol:
        return expr
    gens = gens_of(expr)
    r = to_flint(expr, gens)
    if r is None:
        return sympy.factor(expr)
    num, den = r
    if num == 0:
        return sympy.Integer(0)
    cn, fn = _factor_list(num, gens)
    cd, fd = _factor_list(den, gens)
    from sympy.core.mul import _keep_coeff

    product = sympy.Mul(*[f**m for f, m in fn]) / sympy.Mul(*[f**m for f, m in fd])
    return _keep_coeff(cn / cd, product)


def expand(expr):
    """``sympy.expand(expr)`` for a polynomial with rational coefficients; sympy's own otherwise.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> expand((x + y)**2 - y**2)
    x**2 + 2*x*y
    """
    expr = as_expr(expr)
    if expr.is_Atom:
        return expr
    gens = gens_of(expr)
    r = to_flint(expr, gens)
    if r is None or r[1] != 1:
        return sympy.expand(expr)
    return to_expr(r[0], gens)


def factor_lists(expr, gens):
    """The factor lists of the cancelled numerator and denominator of ``expr`` in ``gens``; None if not rational.

    Returns ``((coeff, factors), (coeff, factors))`` as ``sympy.factor_list`` gives them.
    """
    gens = tuple(gens)
    r = to_flint(expr, gens)
    if r is None:
        return None
    return _factor_list(r[0], gens), _factor_list(r[1], gens)


def degrees(expr, gens):
    """The degree of the polynomial ``expr`` in each of ``gens`` (None if it is not a polynomial)."""
    gens = tuple(gens)
    r = to_flint(expr, gens)
    if r is None or r[1] != 1:
        return None
    if r[0] == 0:
        return tuple(0 for _ in gens)
    return tuple(int(d) for d in r[0].degrees())


def gcd_list(exprs):
    """``sympy.gcd_list(exprs)`` for polynomials with rational coefficients (sympy's own otherwise): over the
    integers the greatest common divisor with the common content and a positive leading coefficient, over the
    rationals the monic one.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> gcd_list([4*x*y - 4*y, 6*y*x**2 - 6*y]), gcd_list([x/2 - sympy.Rational(1, 2), x**2 - 1])
    (2*x*y - 2*y, x - 1)
    """
    exprs = [as_expr(e) for e in exprs]
    if len(exprs) == 1:
        return exprs[0]
    gens = tuple(_sort_gens(list(set().union(*(e.free_symbols for e in exprs)))))
    converted = [to_flint(e, gens) for e in exprs]
    if not exprs or any(r is None or r[1] != 1 for r in converted):
        return sympy.gcd_list(exprs)
    polys = [r[0] for r in converted]
    g = polys[0]
    for p in polys[1:]:
        g = g.gcd(p)
    if g == 0:
        return sympy.Integer(0)
    coeffs = [c for p in polys for c in p.to_dict().values()]
    if any(int(c.q) != 1 for c in coeffs):
        return to_expr(g / g.leading_coefficient(), gens)
    from math import gcd, lcm

    content = 0
    for c in coeffs:
        content = gcd(content, int(c.p))
    own = list(g.to_dict().values())
    L = 1
    for c in own:
        L = lcm(L, int(c.q))
    G = 0
    for c in own:
        G = gcd(G, int(c.p) * (L // int(c.q)))
    h = g * flint.fmpq(L, G)
    if h.leading_coefficient() < 0:
        h = -h
    return to_expr(h * content, gens)


def degree(expr, x) -> int:
    """``sympy.degree(expr, x)`` for a polynomial with rational coefficients (sympy's own otherwise).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> degree(x**2*y + y, x), degree(x**2*y + y, y)
    (2, 1)
    """
    expr = as_expr(expr)
    if x not in _ops.free_symbols(expr):
        return sympy.degree(expr, x)
    gens = gens_of(expr)
    r = to_flint(expr, gens)
    if r is None or r[1] != 1 or r[0] == 0:
        return sympy.degree(expr, x)
    return int(r[0].degrees()[gens.index(x)])


def total_degree(expr, gens) -> int | None:
    """The total degree of the polynomial ``expr`` in ``gens`` (None if it is not a polynomial)."""
    gens = tuple(gens)
    r = to_flint(expr, gens)
    if r is None or r[1] != 1:
        return None
    return int(r[0].total_degree()) if r[0] != 0 else 0
