"""Whether a set of conditions can hold together: a sound proof of emptiness, and points to try as witnesses.

Each condition ``f rel 0`` (``f`` a rational function of the parameters)
is a sign requirement on the product of the odd-multiplicity irreducible
factors of its numerator and denominator (even ones are dropped, which only
enlarges the set). A sign is chosen for every factor so that each
condition's parity holds; for each such choice the factors, expanded into
monomials, become linear in the parameters and one new variable per
monomial of degree two or more, bounded by interval arithmetic on the
declared ranges and, for a product of two parameters, by its McCormick
envelope (McCormick 1976), the convex hull of ``x·y`` on a box. This
relaxation contains every real point where the conditions hold strictly,
so where the linear programme ``max t: s_k·L_k ≥ t`` has ``t ≤ 0`` for
every choice of signs (solved exactly, in rationals, by sympy's simplex)
the conditions have no interior point in the ranges: they contradict one
another, except at most on a boundary where one of them holds with
equality. Where some choice gives ``t > 0`` the optimum's parameter values
are returned as candidate witnesses (to be verified exactly by the caller;
the relaxation may be loose).

Reference: G. P. McCormick, "Computability of global solutions to
factorable nonconvex programs: Part I - Convex underestimating problems",
*Mathematical Programming* 10 (1976).
"""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction
from typing import Sequence

import sympy

__all__ = ["relaxed_points"]

#: at most this many sign choices are tried; beyond, nothing is proved
MAX_CHOICES = 256


_FACTORS: dict = {}


def _factors(expr, syms):
    """``(constant sign, ((factor, multiplicity), ...))`` of a rational function, or None (cached: the same
    conditions recur across profiles)."""
    key = (expr, tuple(syms))
    if key not in _FACTORS:
        if len(_FACTORS) > 5000:
            _FACTORS.clear()
        _FACTORS[key] = _factor(expr, syms)
    return _FACTORS[key]


def _factor(expr, syms):
    num, den = sympy.fraction(sympy.together(expr))
    out = []
    sign = 1
    for part in (num, den):
        try:
            c, fl = sympy.factor_list(sympy.expand(part), *syms)
        except (sympy.PolynomialError, sympy.GeneratorsNeeded, TypeError, ValueError):
            return None
        if not c.is_Rational:
            return None
        if c < 0:
            sign = -sign
        elif c == 0:
            return None
        for f, m in fl:
            p = sympy.Poly(f, *syms)
            if p.is_ground:
                if p.LC() < 0 and m % 2:
                    sign = -sign
                continue
            if p.LC() < 0:
                f = -f
                if m % 2:
                    sign = -sign
            out.append((sympy.expand(f), m))
    return sign, tuple(out)


class _Linear:
    """Monomials of degree two or more as new LP variables with their bounds."""

    def __init__(self, syms, box):
        self.syms = syms
        self.box = box  # symbol -> (lo, hi) as sympy numbers or None
        self.aux: dict = {}
        self.cons: list = []

    def _bounds(self, mono):
        lo, hi = sympy.Integer(1), sympy.Integer(1)
        for s, k in mono.as_powers_dict().items():
            a, b = self.box[s]
            if a is None or b is None:
                return None, None
            cands = [a**k, b**k]
            if k % 2 == 0 and a < 0 < b:
                cands.append(sympy.Integer(0))
            ca, cb = min(cands), max(cands)
            prods = [lo * ca, lo * cb, hi * ca, hi * cb]
            lo, hi = min(prods), max(prods)
        return lo, hi

    def var(self, mono):
        if mono in self.aux:
            return self.aux[mono]
        v = sympy.Symbol(f"_m{len(self.aux)}", real=True)
        self.aux[mono] = v
        lo, hi = self._bounds(mono)
        if lo is not None:
            self.cons += [v - lo, hi - v]  # each >= 0
        powers = mono.as_powers_dict()
        if len(powers) == 2 and all(k == 1 for k in powers.values()):
            x, y = powers
            (xl, xh), (yl, yh) = self.box[x], self.box[y]
            if None not in (xl, xh, yl, yh):
                self.cons += [
                    v - (xl * y + yl * x - xl * yl),
                    v - (xh * y + yh * x - xh * yh),
                    xh * y + yl * x - xh * yl - v,
                    xl * y + yh * x - xl * yh - v,
                ]
        return v

    def linear(self, f):
        out = sympy.Integer(0)
        for mono, c in _terms(f, tuple(self.syms)):
            term = sympy.Mul(*[s**k for s, k in zip(self.syms, mono)])
            out += c * (term if sum(mono) <= 1 else self.var(term))
        return out


@functools.lru_cache(maxsize=4096)
def _terms(f, syms: tuple) -> tuple:
    """The (exponents, coefficient) terms of ``f`` as a polynomial in ``syms``; the same factors recur in the
    conditions of many profiles, so each is expanded once."""
    return tuple(sympy.Poly(f, *syms).terms())


def relaxed_points(conditions: Sequence[tuple], syms: Sequence, box) -> list[dict] | None:
    """Candidate points where ``expr rel 0`` may all hold strictly; ``[]`` when proved to have no interior point.

    Parameters
    ----------
    conditions : sequence of (sympy.Expr, str)
        ``rel`` one of ``>=``, ``>``, ``<=``, ``<``.
    syms : sequence of sympy.Symbol
    box : mapping of symbol name to (lo, hi)
        The declared ranges (None for an open end).

    Returns
    -------
    list of dict or None
        ``[]``: proved empty (no point where all hold strictly); a list of
        points (symbol -> Rational), the LP optima, to verify; None where
        nothing could be decided (a condition that is not a rational
        function, or too many sign choices).
    """
    syms = list(syms)
    bounds = {}
    for s in syms:
        lo, hi = box[s.name]
        bounds[s] = (None if lo is None else sympy.Rational(lo), None if hi is None else sympy.Rational(hi))
    index: dict = {}
    parities = []  # (required sign, factor indices)
    for expr, rel in conditions:
        want = 1 if rel in (">=", ">") else -1 if rel in ("<=", "<") else None
        if want is None:
            return None
        fl = _factors(expr, syms)
        if fl is None:
            return None
        sign, factors = fl
        odd = tuple(sorted({index.setdefault(f, len(index)) for f, m in factors if m % 2}))
        need = want * sign
        if not odd:
            if need < 0:
                return []
            continue
        parities.append((need, odd))
    lin = _Linear(syms, bounds)
    forms = {k: lin.linear(f) for f, k in index.items()}
    base = list(lin.cons)
    t = sympy.Symbol("_t", real=True)
    for s, (lo, hi) in bounds.items():
        # strictly inside a bounded range (by t times a hundredth of its width), so that optima are interior
        margin = t * (hi - lo) / 100 if lo is not None and hi is not None and hi > lo else 0
        if lo is not None:
            base.append(s - lo - margin)
        if hi is not None:
            base.append(hi - s - margin)
    forced: dict[int, int] = {}
    for need, odd in parities:
        if len(odd) == 1:
            k = odd[0]
            if forced.setdefault(k, need) != need:
                return []
    free = sorted({k for _, odd in parities for k in odd} - set(forced))

    zvars = syms + list(lin.aux.values()) + [t]
    col = {v: i for i, v in enumerate(zvars)}

    def row(expr):
        """``expr >= 0`` as ``a·z <= b``: ``(a, b)`` in rationals."""
        a = [sympy.Integer(0)] * len(zvars)
        b = sympy.Integer(0)
        for term, c in sympy.expand(expr).as_coefficients_dict().items():
            if term == 1:
                b += c
            else:
                a[col[term]] -= c
        return a, b

    base_rows = [row(c) for c in base]
    base_rows.append(row(1 - t))
    form_rows = {k: (row(f - t), row(-f - t)) for k, f in forms.items()}

    def solve(signs):
        rows = base_rows + [form_rows[k][0 if s > 0 else 1] for k, s in signs.items()]
        value, y, z = _lp(rows, len(zvars))
        if value is None:
            return "unknown"
        if value > 1e-9:
            return {s: sympy.Rational(str(Fraction(float(z[i])).limit_denominator(1000))) for i, s in enumerate(syms)}
        # proved only with an exact certificate: y >= 0, y·A = e_t, y·b <= 0
        if _certified(rows, y, len(zvars)):
            return False
        return "unknown"

    first = solve(forced)
    if first is False:
        return []
    if first == "unknown" or first is None:
        return None
    if not free:
        return [first]
    if 2 ** len(free) > MAX_CHOICES:
        return None
    points = []
    for choice in itertools.product((1, -1), repeat=len(free)):
        signs = {**forced, **dict(zip(free, choice))}
        if any(need != sympy.prod([signs[k] for k in odd]) for need, odd in parities):
            continue
        p = solve(signs)
        if p == "unknown" or p is None:
            return None
        if p is not False:
            points.append(p)
    return points


def _lp(rows, n):
    """``max z[-1]`` subject to ``a·z <= b`` (floating point, HiGHS): (value, duals, solution), or Nones."""
    import numpy as np
    from scipy.optimize import linprog

    A = np.array([[float(v) for v in a] for a, _ in rows])
    b = np.array([float(v) for _, v in rows])
    c = np.zeros(n)
    c[-1] = -1.0
    res = linprog(c, A_ub=A, b_ub=b, bounds=[(None, None)] * n, method="highs")
    if res.status != 0:
        return None, None, None
    return -res.fun, -np.asarray(res.ineqlin.marginals), res.x


def _certified(rows, y, n) -> bool:
    """Whether the dual ``y`` (floats), repaired exactly on its support, proves ``max z[-1] <= 0``."""
    support = [i for i, v in enumerate(y) if v > 1e-12]
    if not support:
        return False
    M = sympy.Matrix([[rows[i][0][j] for i in support] for j in range(n)])
    e = sympy.Matrix([0] * (n - 1) + [1])
    try:
        sol, params = M.gauss_jordan_solve(e)
    except ValueError:
        return False
    if params.shape[0]:
        guess = {}
        for k, i in enumerate(support):
            if sol[k] in set(params):
                guess[sol[k]] = sympy.Rational(str(Fraction(max(float(y[i]), 0.0)).limit_denominator(10**6)))
        sol = sol.xreplace(guess).xreplace({p: 0 for p in params})
    if any(v < 0 for v in sol):
        return False
    return sum((v * rows[i][1] for v, i in zip(sol, support)), sympy.Integer(0)) <= 0
