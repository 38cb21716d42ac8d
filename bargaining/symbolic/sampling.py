"""Parameter points: generic points for zero tests, and witnesses for conditions.

* :func:`generic_points` draws exact rational points inside the declared
  ranges. A polynomial that is not identically zero vanishes at a random point
  with probability zero (Schwartz 1980; Zippel 1979), so a nonzero value at
  one such point proves an expression is not identically zero; a zero at
  several makes it identically zero with near certainty (and the caller then
  checks by expansion where that is affordable).
* :func:`find_witness` looks for a point where a set of conditions holds: the
  file's values first, then a seeded sample of the box evaluated in floating
  point, each candidate rounded to a simple fraction and **verified exactly**.
  A witness proves that the conditions can hold together; finding none proves
  nothing, and results say so.

Randomness comes only from a ``numpy.random.Generator`` seeded by the caller.

References
----------
J. T. Schwartz, "Fast probabilistic algorithms for verification of polynomial
identities", J. ACM 27(4), 1980. R. Zippel, "Probabilistic algorithms for
sparse polynomials", EUROSAM 1979.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import sympy

from bargaining.symbolic.game import SymbolicGame, rational

__all__ = ["generic_points", "find_witness", "bounds"]


def bounds(game: SymbolicGame) -> dict[str, tuple[Fraction, Fraction]]:
    """Finite sampling bounds: the declared range, or the file's value ± max(1, 2|value|)."""
    out = {}
    for name in game.symbols:
        lo, hi = game.box[name]
        v = Fraction(game.values[name])
        spread = max(Fraction(1), 2 * abs(v))
        out[name] = (v - spread if lo is None else Fraction(lo), v + spread if hi is None else Fraction(hi))
    return out


def generic_points(game: SymbolicGame, count: int, rng) -> list[dict]:
    """``count`` random exact points (symbol -> Rational) strictly inside the sampling bounds."""
    b = bounds(game)
    points = []
    for _ in range(count):
        point = {}
        for name, sym in game.symbols.items():
            lo, hi = b[name]
            t = Fraction(int(rng.integers(1, 9973)), 9973)
            point[sym] = rational(lo + (hi - lo) * t)
        points.append(point)
    return points


_COMPILED: dict = {}


def _compiled(syms: tuple, expr):
    """A numpy function of ``syms`` that evaluates ``expr``, remembered: the same conditions recur across
    candidates and pairs.

    Sums, products, powers and numbers (all that rational conditions are made of) are evaluated by walking
    the expression; anything else goes through ``sympy.lambdify``. The values only sort random points into
    candidates, each of which is then checked exactly.
    """
    key = (syms, expr)
    if key not in _COMPILED:
        if len(_COMPILED) > 2000:
            _COMPILED.clear()
        index = {s: k for k, s in enumerate(syms)}
        try:
            walk = _walker(expr, index)
        except _NotPlain:
            _COMPILED[key] = sympy.lambdify(syms, expr, "numpy")
        else:
            _COMPILED[key] = lambda *values: walk(values)
    return _COMPILED[key]


class _NotPlain(Exception):
    pass


def _walker(expr, index):
    """A function of the tuple of the symbols' values that evaluates a rational expression in floating point."""
    if expr.is_Symbol:
        if expr not in index:
            raise _NotPlain
        k = index[expr]
        return lambda v: v[k]
    if expr.is_Rational:
        c = float(expr)
        return lambda v: c
    if expr.is_Add or expr.is_Mul:
        parts = [_walker(a, index) for a in expr.args]
        if expr.is_Add:

            def add(v):
                total = parts[0](v)
                for f in parts[1:]:
                    total = total + f(v)
                return total

            return add

        def mul(v):
            total = parts[0](v)
            for f in parts[1:]:
                total = total * f(v)
            return total

        return mul
    if expr.is_Pow and expr.exp.is_Integer:
        base, k = _walker(expr.base, index), int(expr.exp)
        if k < 0:
            return lambda v: 1.0 / base(v) ** -k
        return lambda v: base(v) ** k
    raise _NotPlain


def _holds(value, rel: str) -> bool:
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.is_extended_real is False:
        return False
    # a witness should satisfy every condition strictly, away from boundaries
    return bool(value > 0) if rel in (">=", ">") else bool(value < 0) if rel in ("<=", "<") else bool(value == 0)


def _verify(point: dict, conditions) -> bool:
    return all(_holds(expr.xreplace(point), rel) for expr, rel in conditions)


def find_witness(
    conditions: Sequence[tuple], game: SymbolicGame, rng, samples: int = 2000, max_checks: int = 25
) -> dict[str, Fraction] | None:
    """A point of the box where every ``expr rel 0`` holds strictly, verified exactly; else None.

    Parameters
    ----------
    conditions : sequence of (sympy.Expr, str)
    game : SymbolicGame
    rng : numpy.random.Generator
    samples : int
        Points drawn in floating point.
    max_checks : int
        Candidates checked exactly.
    """
    import numpy as np

    names = list(game.symbols)
    syms = [game.symbols[n] for n in names]
    file_point = game.point()
    if _verify(file_point, conditions):
        return {n: Fraction(game.values[n]) for n in names}
    if not syms:
        return None
    b = bounds(game)
    lo = np.array([float(b[n][0]) for n in names])
    hi = np.array([float(b[n][1]) for n in names])
    U = lo + (hi - lo) * rng.random((samples, len(names)))
    ok = np.ones(samples, dtype=bool)
    for expr, rel in conditions:
        try:
            f = _compiled(tuple(syms), expr)
            with np.errstate(all="ignore"):
                v = np.broadcast_to(np.asarray(f(*U.T), dtype=float), (samples,))
        except Exception:  # noqa: BLE001 - a form numpy cannot evaluate only weakens the filter
            continue
        margin = 1e-9
        if rel in (">=", ">"):
            ok &= v > margin
        elif rel in ("<=", "<"):
            ok &= v < -margin
        if not ok.any():
            return None
    for row in U[ok][:max_checks]:
        point = {}
        for n, s, x in zip(names, syms, row):
            q = Fraction(float(x)).limit_denominator(1000)
            q = min(max(q, b[n][0]), b[n][1])
            point[s] = rational(q)
        if _verify(point, conditions):
            return {s.name: Fraction(int(v.p), int(v.q)) for s, v in point.items()}
    return None
