"""An independent oracle for the equilibria of small n-player games: a second polynomial method.

It shares no code with :mod:`bargaining.solvers.nplayer` or
:mod:`bargaining.solvers.polysystem` and uses other mathematics for each step:

- every support profile is tried (no dominance pruning);
- the indifference equations are written with sympy symbols, every support
  probability a variable and the sums as extra equations;
- each system is solved through sympy's own *lexicographic* Gröbner basis
  (its Buchberger implementation, not FLINT's), which is triangular for a
  finite solution set; the last variable's roots come from the univariate
  element by sympy's exact real-root isolation, and the other coordinates by
  back substitution: numerically, at 60 significant digits with mpmath, keeping
  the roots at which every basis element vanishes (the extension theorem);
- the equilibrium conditions are then checked at 60 digits with a tolerance
  of 1e-30, not exactly.

A support whose system has infinitely many solutions is reported in
``undecided`` rather than solved. This is slow (seconds for a 2x2x2x2 game)
and meant for tests and for the comparison in ``bench/bench_nplayer.py``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import mpmath
import sympy as sp

__all__ = ["oracle_equilibria"]

_DPS = 60
_TOL = mpmath.mpf(10) ** -30


def _supports(s):
    for size in range(1, s + 1):
        yield from itertools.combinations(range(s), size)


def _solve_triangular(basis, gens):
    """Real solutions of a zero-dimensional lex Gröbner basis, at 60 digits."""
    with mpmath.workdps(_DPS):
        return _triangular(basis, gens)


def _triangular(basis, gens):
    polys = [sp.Poly(g, *gens) for g in basis]
    solutions = [dict()]
    for k in range(len(gens) - 1, -1, -1):
        x = gens[k]
        mine = [p for p in polys if set(p.free_symbols) <= set(gens[k:]) and x in p.free_symbols]
        extended = []
        for partial in solutions:
            if k == len(gens) - 1:
                uni = sp.gcd_list([p.as_expr() for p in mine]) if len(mine) > 1 else mine[0].as_expr()
                for r in sp.Poly(uni, x).real_roots():
                    extended.append({x: mpmath.mpf(str(sp.N(r, _DPS)))})
                continue
            spec = []
            for p in mine:
                coeffs = sp.Poly(p.as_expr(), x).all_coeffs()
                vals = [mpmath.mpf(0) + _eval(c, partial) for c in coeffs]
                spec.append(vals)
            candidates = []
            for vals in spec:
                size = max([abs(v) for v in vals] + [mpmath.mpf(1)])
                while len(vals) > 1 and abs(vals[0]) < _TOL * size:
                    vals = vals[1:]
                if len(vals) > 1:
                    candidates.append(vals)
            if not candidates:
                continue
            shortest = min(candidates, key=len)
            try:
                roots = mpmath.polyroots(shortest, maxsteps=400, extraprec=400)
            except mpmath.libmp.NoConvergence:  # pragma: no cover
                roots = mpmath.polyroots(shortest, maxsteps=2000, extraprec=2000)
            for r in roots:
                if abs(mpmath.im(r)) > mpmath.mpf(10) ** -25:
                    continue
                r = mpmath.re(r)
                if all(_vanishes(v, r) for v in spec):
                    d = dict(partial)
                    d[x] = r
                    if not any(
                        abs(e[x] - r) < mpmath.mpf(10) ** -25 and all(e[y] == d[y] for y in partial) for e in extended
                    ):
                        extended.append(d)
        solutions = extended
    return solutions


def _vanishes(coeffs, r) -> bool:
    """``|p(r)|`` is below 1e-25 relative to the size of p's terms at ``r``."""
    scale = sum(abs(c) * max(1, abs(r)) ** k for k, c in enumerate(reversed(coeffs)))
    return abs(mpmath.polyval(coeffs, r)) <= mpmath.mpf(10) ** -25 * max(scale, 1)


def _eval(expr, values):
    f = sp.lambdify(list(values), expr, modules="mpmath") if values else None
    return f(*values.values()) if f else mpmath.mpf(sp.Rational(expr))


def oracle_equilibria(payoffs):
    """All equilibria of the game, as float profiles, and the supports whose systems were not finite.

    Parameters
    ----------
    payoffs : sequence of nested lists
        One payoff tensor per player (exact numbers).

    Returns
    -------
    (list of tuple of tuple of float, list of support profiles)
    """
    with mpmath.workdps(_DPS):
        return _oracle(payoffs)


def _oracle(payoffs):
    import numpy as np

    U = [np.array(u, dtype=object) for u in payoffs]
    U = [np.vectorize(lambda v: sp.Rational(str(Fraction(v))), otypes=[object])(u) for u in U]
    shape = U[0].shape
    n = len(shape)
    found, undecided = [], []
    for S in itertools.product(*(list(_supports(s)) for s in shape)):
        P = [{k: sp.Symbol(f"q{i}_{k}") for k in S[i]} for i in range(n)]
        gens = [P[i][k] for i in range(n) for k in S[i]]

        def payoff(i, a):
            total = 0
            for prof in itertools.product(*(S[j] if j != i else (a,) for j in range(n))):
                term = U[i][prof]
                for j in range(n):
                    if j != i:
                        term = term * P[j][prof[j]]
                total += term
            return sp.expand(total)

        eqs = [sum(P[i].values()) - 1 for i in range(n)]
        for i in range(n):
            base = payoff(i, S[i][0])
            eqs += [payoff(i, a) - base for a in S[i][1:]]
        G = sp.groebner(eqs, *gens, order="lex")
        if list(G.exprs) == [1]:
            continue
        if not G.is_zero_dimensional:
            undecided.append(S)
            continue
        for sol in _solve_triangular(list(G.exprs), gens):
            sigma = [[mpmath.mpf(0)] * shape[i] for i in range(n)]
            for i in range(n):
                for k in S[i]:
                    sigma[i][k] = sol[P[i][k]]
            if any(sigma[i][k] <= _TOL for i in range(n) for k in S[i]):
                continue
            if _is_equilibrium(U, sigma):
                found.append(tuple(tuple(float(p) for p in s) for s in sigma))
    return found, undecided


def _is_equilibrium(U, sigma) -> bool:
    n = len(sigma)
    for i in range(n):
        values = []
        for a in range(len(sigma[i])):
            total = mpmath.mpf(0)
            idx_ranges = [range(len(sigma[j])) if j != i else (a,) for j in range(n)]
            for prof in itertools.product(*idx_ranges):
                w = mpmath.mpf(1)
                for j in range(n):
                    if j != i:
                        w *= sigma[j][prof[j]]
                if w:
                    total += mpmath.mpf(sp.Rational(U[i][prof]).p) / sp.Rational(U[i][prof]).q * w
            values.append(total)
        u = sum(p * v for p, v in zip(sigma[i], values))
        if max(values) - u > _TOL:
            return False
    return True
