"""Signs of expressions over the box of declared parameter ranges.

The symbolic analysis may assume that every parameter lies in the range its
game file declares (``lam`` in [0.3, 0.8], ``w_R`` in [0, 0.5], ...). To divide
an inequality by a factor, or to say that a condition always or never holds,
it needs the sign of an expression over that box. Two sound methods are used:

* *interval arithmetic* (Moore, Kearfott and Cloud 2009, ch. 2-5): every
  operation is applied to intervals of values, so the result encloses every
  value the expression takes on the box. Bounds are exact rationals where the
  operations allow; the enclosure may be wider than the true range when a
  symbol occurs more than once;
* *vertex evaluation*: a polynomial of degree at most one in each symbol
  (multi-affine) attains its extremes at the corners of the box, so evaluating
  it exactly at the corners gives its true range.

The sign of an expression is reported as the set of signs it can take
(``{1}`` positive, ``{0, 1}`` nonnegative, ``{-1, 0, 1}`` unknown); it is
always a superset of the truth.

References
----------
R. E. Moore, R. B. Kearfott and M. J. Cloud, *Introduction to Interval
Analysis*, SIAM, 2009.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

import sympy

from bargaining.symbolic import poly as _poly
from bargaining.symbolic.ops import count_ops

__all__ = ["Interval", "interval", "value_range", "signs", "POSITIVE", "NEGATIVE", "UNKNOWN", "describe_signs"]

INF = math.inf

POSITIVE = frozenset({1})
NEGATIVE = frozenset({-1})
NONNEGATIVE = frozenset({0, 1})
NONPOSITIVE = frozenset({-1, 0})
ZERO = frozenset({0})
UNKNOWN = frozenset({-1, 0, 1})

#: at most this many symbols for exact evaluation at the 2**n corners of the box
MAX_VERTEX_SYMBOLS = 10
#: ... and at most this many operations (building the polynomial expands it)
MAX_VERTEX_OPS = 300
#: expressions larger than this are of unknown sign
MAX_SIGN_OPS = 1500


def _mul(a, b):
    if a == 0 or b == 0:  # 0 * inf is 0 for bounds of a product
        return Fraction(0)
    return a * b


@dataclass(frozen=True)
class Interval:
    """A closed interval ``[lo, hi]``; bounds are Fractions, floats, or ±inf."""

    lo: Fraction | float
    hi: Fraction | float

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __mul__(self, other: "Interval") -> "Interval":
        products = [_mul(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def power(self, n: int) -> "Interval":
        if n == 0:
            return Interval(Fraction(1), Fraction(1))
        if n < 0:
            return self.power(-n).reciprocal()
        lo, hi = self.lo**n, self.hi**n
        if n % 2:
            return Interval(lo, hi)
        if self.lo >= 0:
            return Interval(lo, hi)
        if self.hi <= 0:
            return Interval(hi, lo)
        return Interval(Fraction(0), max(lo, hi))

    def reciprocal(self) -> "Interval":
        if self.lo > 0 or self.hi < 0:
            return Interval(_inv(self.hi), _inv(self.lo))
        return Interval(-INF, INF)

    def signs(self) -> frozenset[int]:
        """The signs a value in the interval can have."""
        out = set()
        if self.lo < 0:
            out.add(-1)
        if self.lo <= 0 <= self.hi:
            out.add(0)
        if self.hi > 0:
            out.add(1)
        return frozenset(out)


def _inv(x):
    if x in (INF, -INF):
        return Fraction(0)
    return 1 / x if isinstance(x, float) else Fraction(1) / x


_WHOLE = Interval(-INF, INF)


def _number(expr) -> Interval:
    if expr.is_Rational:
        q = Fraction(int(expr.p), int(expr.q))
        return Interval(q, q)
    if expr.is_zero:
        return Interval(Fraction(0), Fraction(0))
    if expr.is_extended_real is False:
        return _WHOLE
    try:
        f = float(expr)
    except (TypeError, ValueError):
        return _WHOLE
    if not math.isfinite(f):
        return _WHOLE
    slack = abs(f) * 1e-12 + 1e-300
    return Interval(f - slack, f + slack)


def _symbol(sym, box) -> Interval:
    lo, hi = box.get(sym.name, (None, None))
    lo = -INF if lo is None else Fraction(lo)
    hi = INF if hi is None else Fraction(hi)
    if sym.is_nonnegative and lo < 0:
        lo = Fraction(0)
    if sym.is_nonpositive and hi > 0:
        hi = Fraction(0)
    return Interval(lo, hi)


def interval(expr, box: Mapping) -> Interval:
    """An interval enclosing every value of ``expr`` for parameters in ``box``.

    Parameters
    ----------
    expr : sympy.Expr
    box : Mapping[str, (lo, hi)]
        Ranges by symbol name; None is unbounded.

    Examples
    --------
    >>> lam, T = sympy.symbols("lam T")
    >>> interval(1 - lam, {"lam": (Fraction(3, 10), Fraction(4, 5))})
    Interval(lo=Fraction(1, 5), hi=Fraction(7, 10))
    >>> interval(lam * (T / 2 - 1), {"lam": (0, 1), "T": (0, 1)}).signs() == frozenset({-1, 0})
    True
    """
    if expr.is_number:
        return _number(expr)
    if expr.is_Symbol:
        return _symbol(expr, box)
    if expr.is_Add:
        out = Interval(Fraction(0), Fraction(0))
        for arg in expr.args:
            out = out + interval(arg, box)
        return out
    if expr.is_Mul:
        out = Interval(Fraction(1), Fraction(1))
        for arg in expr.args:
            out = out * interval(arg, box)
        return out
    if expr.is_Pow:
        base, exp = expr.args
        b = interval(base, box)
        if exp.is_Integer:
            return b.power(int(exp))
        if exp.is_number and b.lo >= 0:
            e = float(exp)
            if e > 0:
                return Interval(float(b.lo) ** e, float(b.hi) ** e if b.hi != INF else INF)
            if b.lo > 0:
                return Interval(float(b.hi) ** e if b.hi != INF else 0.0, float(b.lo) ** e)
        return _WHOLE
    if isinstance(expr, sympy.Abs):
        b = interval(expr.args[0], box)
        if b.lo >= 0:
            return b
        if b.hi <= 0:
            return Interval(-b.hi, -b.lo)
        return Interval(Fraction(0), max(-b.lo, b.hi))
    if isinstance(expr, (sympy.Max, sympy.Min)):
        parts = [interval(a, box) for a in expr.args]
        pick = max if isinstance(expr, sympy.Max) else min
        return Interval(pick(p.lo for p in parts), pick(p.hi for p in parts))
    return _WHOLE


def _corners_range(expr, box) -> Interval | None:
    """The exact range of a multi-affine polynomial on a bounded box, else None.

    All corners are evaluated in floating point; the corners whose value is
    within rounding of the extremes are then evaluated exactly, so the bounds
    returned are exact.
    """
    import numpy as np

    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    if not syms or len(syms) > MAX_VERTEX_SYMBOLS:
        return None
    bounds = []
    for s in syms:
        iv = _symbol(s, box)
        if iv.lo == -INF or iv.hi == INF:
            return None
        bounds.append((iv.lo, iv.hi))
    if count_ops(expr) > MAX_VERTEX_OPS or not expr.is_polynomial(*syms):
        return None
    converted = _poly.to_flint(expr, tuple(syms))
    if converted is None or converted[1] != 1:
        return None  # coefficients that are not rational
    terms = [
        (tuple(int(e) for e in m), Fraction(int(c.p), int(c.q))) for m, c in converted[0].to_dict().items() if c != 0
    ]
    if any(e > 1 for m, _ in terms for e in m):
        return None
    n = len(syms)
    bits = (np.arange(2**n)[:, None] >> np.arange(n)[None, :]) & 1  # corner k picks hi where bit is 1
    lo = np.array([float(b[0]) for b in bounds])
    hi = np.array([float(b[1]) for b in bounds])
    corners = np.where(bits == 1, hi, lo)
    values = np.zeros(2**n)
    for monom, coeff in terms:
        t = np.full(2**n, float(coeff))
        for k, e in enumerate(monom):
            if e:
                t = t * corners[:, k]
        values += t
    scale = sum(abs(float(c)) for _, c in terms) * max(1.0, float(np.abs(corners).max())) ** max(
        1, max((sum(m) for m, _ in terms), default=0)
    )
    slack = 1e-9 * scale + 1e-300

    def exact(k):
        corner = [bounds[i][1] if bits[k, i] else bounds[i][0] for i in range(n)]
        total = Fraction(0)
        for monom, coeff in terms:
            t = coeff
            for v, e in zip(corner, monom):
                if e:
                    t *= v
            total += t
        return total

    vmin, vmax = values.min(), values.max()
    low = min(exact(k) for k in np.flatnonzero(values <= vmin + slack)[:64])
    high = max(exact(k) for k in np.flatnonzero(values >= vmax - slack)[:64])
    return Interval(low, high)


def value_range(expr, box: Mapping) -> Interval:
    """The best enclosure of ``expr``'s values on ``box`` that the two methods give.

    Examples
    --------
    >>> T, lam = sympy.symbols("T lam")
    >>> value_range(T - T*lam, {"T": (0, 1), "lam": (Fraction(1, 2), 1)})
    Interval(lo=Fraction(0, 1), hi=Fraction(1, 2))
    """
    iv = interval(expr, box)
    if iv.lo >= 0 or iv.hi <= 0:
        return iv
    exact = _corners_range(expr, box)
    return exact if exact is not None else iv


_CACHE: dict = {}


def signs(expr, box: Mapping) -> frozenset[int]:
    """The signs ``expr`` can take for parameters in ``box`` (a superset of the truth).

    A product or quotient is signed factor by factor, which is often sharper
    than the enclosure of the whole.

    Examples
    --------
    >>> lam, w, e = sympy.symbols("lam w e", nonnegative=True)
    >>> box = {"lam": (Fraction(3, 10), Fraction(4, 5))}
    >>> sorted(signs(-(1 - lam) * w - e, box))
    [-1, 0]
    >>> sorted(signs(lam / (1 - lam), box))
    [1]
    """
    key = (expr, tuple(sorted((k, v) for k, v in box.items())))
    try:
        return _CACHE[key]
    except KeyError:
        pass
    if len(_CACHE) > 20000:
        _CACHE.clear()
    if count_ops(expr) > MAX_SIGN_OPS:
        return UNKNOWN  # interval evaluation walks the whole tree: not for huge expressions
    out = _CACHE[key] = _signs(expr, box)
    return out


def _signs(expr, box: Mapping) -> frozenset[int]:
    if expr.is_Mul:
        out = POSITIVE
        for arg in expr.args:
            s = signs(arg, box)
            out = frozenset(a * b for a in out for b in s)
            if out == UNKNOWN:
                break
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        s = signs(expr.base, box)
        n = int(expr.exp)
        if n % 2 == 0:
            return frozenset(abs(x) for x in s)
        if n < 0:
            return s - {0}  # where defined
        return s
    return value_range(expr, box).signs()


def describe_signs(s: frozenset[int]) -> str:
    """``positive``, ``nonnegative``, ... in words."""
    return {
        POSITIVE: "positive",
        NEGATIVE: "negative",
        NONNEGATIVE: "nonnegative",
        NONPOSITIVE: "nonpositive",
        ZERO: "zero",
        frozenset({-1, 1}): "nonzero",
    }.get(s, "of either sign")
