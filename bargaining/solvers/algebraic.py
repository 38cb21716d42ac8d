r"""Exact real algebraic numbers, and arithmetic in a real number field, certified by interval arithmetic.

The equilibria of a game with three or more players are in general irrational:
they solve polynomial equations. This module holds them exactly.

Mathematics
-----------
A *real algebraic number* :math:`\alpha` is a real root of a nonzero
polynomial with rational coefficients. It is stored as its *minimal
polynomial* :math:`m \in \mathbb{Z}[x]` (irreducible over :math:`\mathbb{Q}`,
primitive, positive leading coefficient) together with the index of the root
among the real roots of :math:`m` in increasing order; an *isolating
interval* :math:`[l, h]` with rational (dyadic) endpoints, containing that root
and no other real root of :math:`m`, locates it. Because :math:`m` is
irreducible its roots are simple and, when :math:`\deg m \ge 2`, irrational, so
:math:`m(l)` and :math:`m(h)` are nonzero with opposite signs and bisection with
exact rational evaluation of :math:`m` refines the interval as far as wanted
(Collins and Loos, "Real zeros of polynomials", in *Computer Algebra*, 1982).
Two such numbers are equal exactly when their minimal polynomials and indices
agree.

A *real number field* :math:`K = \mathbb{Q}(\theta) \cong \mathbb{Q}[t]/(P)`,
with :math:`P` irreducible and :math:`\theta` one chosen real root of it, holds
all coordinates of one equilibrium: each is a polynomial :math:`g(\theta)` of
degree below :math:`\deg P`, and sums and products are computed exactly by
polynomial arithmetic modulo :math:`P`. An element is zero exactly when its
polynomial reduces to zero (:math:`P` is irreducible), so equalities such as
"these two strategies pay the same" are decided exactly. The sign of a nonzero
element is decided by evaluating :math:`g` in ball arithmetic (Arb; van der
Hoeven, "Ball arithmetic", 2010; Johansson, "Arb: efficient arbitrary-precision
midpoint-radius interval arithmetic", IEEE Trans. Computers 66, 2017) on an
enclosure of :math:`\theta`, refined until the ball excludes zero; this
terminates because the value is nonzero. The minimal polynomial of
:math:`g(\theta)` is the irreducible factor of the characteristic polynomial
of multiplication by :math:`g` on :math:`K` (that characteristic polynomial is
a power of the minimal polynomial; Cohen, *A Course in Computational Algebraic
Number Theory*, 1993, section 4.3).

Real roots of integer polynomials are isolated with FLINT's
``arb_fmpz_poly_complex_roots``, which returns disjoint certified enclosures of
all complex roots, the real ones first in increasing order with an exactly zero
imaginary part (FLINT documentation, ``arb_fmpz_poly.h``).

Printing
--------
A number of degree 2 is printed as a radical, ``139/132 - sqrt(13777)/132``;
one of higher degree as its minimal polynomial and isolating interval,
``root of 2*x^3 - 3*x + 2 in [-1.5, -1.25]`` (the interval refined so that its
decimal endpoints are short).
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterator, Sequence

from bargaining.errors import InputError, SolverError

__all__ = [
    "RealAlgebraic",
    "NumberField",
    "FieldElement",
    "real_roots",
    "sign",
    "exact_text",
    "as_float",
]

# Bits of the ball arithmetic used first; doubled as often as a sign needs.
_START_BITS = 64
_MAX_BITS = 1 << 16


@contextmanager
def _precision(bits: int) -> Iterator[None]:
    """FLINT's working precision is a global setting: set it for a block and put it back."""
    import flint

    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def _fmpq(q: Fraction):
    import flint

    return flint.fmpq(q.numerator, q.denominator)


def _fraction(x) -> Fraction:
    """An exact FLINT rational (fmpq or fmpz) as a Fraction."""
    if hasattr(x, "p"):
        return Fraction(int(x.p), int(x.q))
    return Fraction(int(x))


def _ball(lo: Fraction, hi: Fraction):
    """An arb ball that contains the whole interval ``[lo, hi]``."""
    import flint

    return flint.arb(_fmpq((lo + hi) / 2), _fmpq((hi - lo) / 2))


def _arb_interval(x) -> tuple[Fraction, Fraction]:
    """The exact endpoints of an arb ball (midpoint and radius are dyadic rationals)."""
    mid_m, mid_e = x.mid().man_exp()
    rad_m, rad_e = x.rad().man_exp()
    mid = Fraction(int(mid_m)) * Fraction(2) ** int(mid_e)
    rad = Fraction(int(rad_m)) * Fraction(2) ** int(rad_e)
    return mid - rad, mid + rad


def _primitive(coeffs: Sequence) -> tuple[int, ...]:
    """Integer coefficients, lowest degree first, of the primitive multiple with positive leading coefficient."""
    fr = [Fraction(c) for c in coeffs]
    while fr and fr[-1] == 0:
        fr.pop()
    if not fr:
        raise InputError("the zero polynomial has no roots to choose from")
    den = math.lcm(*(c.denominator for c in fr))
    ints = [int(c * den) for c in fr]
    g = math.gcd(*ints)
    sgn = 1 if ints[-1] > 0 else -1
    return tuple(sgn * c // g for c in ints)


def _eval(coeffs: Sequence[int], x: Fraction) -> Fraction:
    acc = Fraction(0)
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def _sign(q) -> int:
    return (q > 0) - (q < 0)


@dataclass(frozen=True, eq=False)
class RealAlgebraic:
    """An irrational real algebraic number: a root of an irreducible integer polynomial of degree at least 2.

    Rational numbers are :class:`~fractions.Fraction`; use :func:`real_roots`
    or :meth:`FieldElement.value` to make these.

    Attributes
    ----------
    minpoly : tuple of int
        The minimal polynomial's coefficients, lowest degree first (primitive,
        positive leading coefficient).
    index : int
        Which real root of ``minpoly`` this is, counting from 0 in increasing order.
    lo, hi : Fraction
        An isolating interval: ``lo < value < hi`` and no other real root of
        ``minpoly`` lies in ``[lo, hi]``.

    Examples
    --------
    >>> r = real_roots([-2, 0, 1])[1]
    >>> str(r), float(r), r > Fraction(7, 5), r.degree
    ('sqrt(2)', 1.4142135623730951, True, 2)
    """

    minpoly: tuple[int, ...]
    index: int
    lo: Fraction = field(compare=False)
    hi: Fraction = field(compare=False)

    @property
    def degree(self) -> int:
        """The degree of the minimal polynomial."""
        return len(self.minpoly) - 1

    def __eq__(self, other) -> bool:
        if isinstance(other, RealAlgebraic):
            return self.minpoly == other.minpoly and self.index == other.index
        if isinstance(other, (int, Fraction)):
            return False  # irrational
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.minpoly, self.index))

    def refined(self, width: Fraction) -> "RealAlgebraic":
        """The same number with an isolating interval no wider than ``width`` (exact bisection)."""
        lo, hi = self.lo, self.hi
        s_lo = _sign(_eval(self.minpoly, lo))
        while hi - lo > width:
            mid = (lo + hi) / 2
            s_mid = _sign(_eval(self.minpoly, mid))
            if s_mid == s_lo:
                lo = mid
            else:
                hi = mid
        return RealAlgebraic(self.minpoly, self.index, lo, hi)

    def _compare(self, other) -> int:
        """-1, 0 or 1 as ``self`` is below, equal to or above ``other`` (exactly)."""
        if isinstance(other, RealAlgebraic):
            if self == other:
                return 0
            a, b = self, other
            while True:
                if a.hi < b.lo:
                    return -1
                if b.hi < a.lo:
                    return 1
                a = a.refined((a.hi - a.lo) / 4)
                b = b.refined((b.hi - b.lo) / 4)
        q = Fraction(other)
        a = self
        while True:
            if a.hi < q:
                return -1
            if q < a.lo:
                return 1
            a = a.refined((a.hi - a.lo) / 4)

    def __lt__(self, other):
        return self._compare(other) < 0

    def __le__(self, other):
        return self._compare(other) <= 0

    def __gt__(self, other):
        return self._compare(other) > 0

    def __ge__(self, other):
        return self._compare(other) >= 0

    def __float__(self) -> float:
        r = self.refined(Fraction(1, 1 << 64) * max(1, abs(self.lo), abs(self.hi)))
        return float((r.lo + r.hi) / 2)

    def __neg__(self) -> "RealAlgebraic":
        coeffs = _primitive([c * (-1) ** k for k, c in enumerate(self.minpoly)])
        return RealAlgebraic(coeffs, _real_root_count(self.minpoly) - 1 - self.index, -self.hi, -self.lo)

    def decimal(self, digits: int = 10) -> str:
        """The value rounded to ``digits`` significant decimals (the interval is refined enough)."""
        import decimal as _decimal

        r = self.refined(Fraction(1, 10 ** (digits + 2)) * min(Fraction(1), abs(self.lo) + abs(self.hi)))
        mid = (r.lo + r.hi) / 2
        with _decimal.localcontext() as c:
            c.prec = digits
            return str(+(_decimal.Decimal(mid.numerator) / _decimal.Decimal(mid.denominator)))

    def radical(self) -> str | None:
        """The number written with a square root, for degree 2; None otherwise."""
        if self.degree != 2:
            return None
        c, b, a = self.minpoly
        disc = b * b - 4 * a * c
        k, d = _square_part(disc)
        centre = Fraction(-b, 2 * a)
        coeff = Fraction(k, 2 * a)
        root = f"sqrt({d})"
        term = root if coeff.numerator == 1 else f"{coeff.numerator}*{root}"
        if coeff.denominator != 1:
            term = f"{term}/{coeff.denominator}"
        sign_text = "-" if self.index == 0 else "+"
        if centre == 0:
            return term if sign_text == "+" else f"-{term}"
        return f"{centre} {sign_text} {term}"

    def polynomial_text(self, var: str = "x") -> str:
        """The minimal polynomial, ``2*x^3 - 3*x + 2``."""
        return _poly_text(self.minpoly, var)

    def short_interval(self) -> tuple[Fraction, Fraction]:
        """An isolating interval whose endpoints are short decimals (for printing)."""
        width = self.hi - self.lo
        digits = 1
        while True:
            r = self.refined(Fraction(1, 10**digits) / 4)
            step = Fraction(1, 10**digits)
            lo = Fraction(math.floor(r.lo / step)) * step
            hi = Fraction(math.ceil(r.hi / step)) * step
            if hi - lo <= max(width, step * 2) and self._isolates(lo, hi):
                return lo, hi
            digits += 1

    def _isolates(self, lo: Fraction, hi: Fraction) -> bool:
        if not (lo < self.lo and self.hi < hi) and not (lo <= self.lo and self.hi <= hi):
            return False
        return _count_real_roots(self.minpoly, lo, hi) == 1

    def __str__(self) -> str:
        text = self.radical()
        if text is not None:
            return text
        lo, hi = self.short_interval()
        return f"root of {self.polynomial_text()} in [{_plain(lo)}, {_plain(hi)}]"

    def __repr__(self) -> str:
        return f"RealAlgebraic({str(self)!r})"

    def to_dict(self) -> dict:
        """Exact description: the text, the minimal polynomial, an isolating interval and the decimal."""
        lo, hi = self.short_interval()
        return {
            "exact": str(self),
            "minimal_polynomial": [str(c) for c in self.minpoly],
            "interval": [str(lo), str(hi)],
            "decimal": float(self),
        }


def _plain(q: Fraction) -> str:
    from bargaining.numbers import plain

    return plain(q)


def _square_part(n: int) -> tuple[int, int]:
    """``(k, d)`` with ``n = k^2 d``, taking out the square factors of primes below 10^5 (``n > 0``)."""
    import flint

    k, d = 1, n
    for p, e in flint.fmpz(n).factor_smooth(17):
        p, e = int(p), int(e)
        if p < 1 << 17 and e >= 2:
            k *= p ** (e // 2)
            d //= p ** (2 * (e // 2))
    if d > 1:
        r = math.isqrt(d)
        if r * r == d:
            k, d = k * r, 1
    return k, d


def _poly_text(coeffs: Sequence, var: str = "x") -> str:
    parts = []
    for deg in range(len(coeffs) - 1, -1, -1):
        c = Fraction(coeffs[deg])
        if c == 0:
            continue
        mag = abs(c)
        mono = "" if deg == 0 else (var if deg == 1 else f"{var}^{deg}")
        body = str(mag) if not mono else (mono if mag == 1 else f"{mag}*{mono}")
        if not parts:
            parts.append(body if c > 0 else f"-{body}")
        else:
            parts.append(("+ " if c > 0 else "- ") + body)
    return " ".join(parts)


def _count_real_roots(coeffs: Sequence[int], lo: Fraction, hi: Fraction) -> int:
    """Real roots of the squarefree ``coeffs`` in ``[lo, hi]`` (Sturm sequence, exact)."""
    import flint

    p = flint.fmpq_poly([_fmpq(Fraction(c)) for c in coeffs])
    seq = [p, p.derivative()]
    while seq[-1].degree() > 0:
        r = -(seq[-2] % seq[-1])
        if r.is_zero():
            break
        seq.append(r)

    def changes(x: Fraction) -> int:
        xq = _fmpq(x)
        signs = [_sign(_fraction(s(xq))) for s in seq]
        signs = [s for s in signs if s != 0]
        return sum(1 for a, b in zip(signs, signs[1:]) if a != b)

    return changes(lo) - changes(hi)


def _real_root_count(coeffs: Sequence[int]) -> int:
    return len(_isolate(coeffs))


def _isolate(coeffs: Sequence[int]) -> list[tuple[Fraction, Fraction]]:
    """Isolating intervals of the real roots of a squarefree integer polynomial, in increasing order."""
    import flint

    poly = flint.fmpz_poly(list(coeffs))
    bits = _START_BITS
    while True:
        with _precision(bits):
            roots = poly.complex_roots()
        out = [_arb_interval(r.real) for r, _ in roots if r.imag.is_zero()]
        # disjoint, increasing intervals; FLINT guarantees it, the check is cheap
        if all(a[1] < b[0] for a, b in zip(out, out[1:])):
            return out
        bits *= 2  # pragma: no cover


def real_roots(coeffs: Sequence) -> list[Fraction | RealAlgebraic]:
    """The distinct real roots of a polynomial with rational coefficients, in increasing order, exactly.

    Parameters
    ----------
    coeffs : sequence of numbers
        Coefficients, lowest degree first, read with
        :func:`bargaining.numbers.to_fraction`.

    Returns
    -------
    list of Fraction or RealAlgebraic

    Examples
    --------
    >>> [str(r) for r in real_roots([-6, 11, -6, 1])]
    ['1', '2', '3']
    >>> [str(r) for r in real_roots([-2, 0, 0, 1, 0])]
    ['root of x^3 - 2 in [1.2, 1.3]']
    >>> [str(r) for r in real_roots([2, -4, 1])]
    ['2 - sqrt(2)', '2 + sqrt(2)']
    """
    import flint

    from bargaining.numbers import to_fraction

    prim = _primitive([to_fraction(c, where=f"coefficient {k}") for k, c in enumerate(coeffs)])
    _, factors = flint.fmpz_poly(list(prim)).factor()
    found: list[Fraction | RealAlgebraic] = []
    for f, _mult in factors:
        fc = _primitive([int(c) for c in f.coeffs()])
        if len(fc) == 2:
            found.append(Fraction(-fc[0], fc[1]))
            continue
        for k, (lo, hi) in enumerate(_isolate(fc)):
            found.append(RealAlgebraic(fc, k, lo, hi))
    return sorted(found, key=_SortKey)


class _SortKey:
    """Total order on Fractions and RealAlgebraics for ``sorted``."""

    def __init__(self, x):
        self.x = x

    def __lt__(self, other) -> bool:
        a, b = self.x, other.x
        if isinstance(a, RealAlgebraic):
            return a < b
        if isinstance(b, RealAlgebraic):
            return b > a
        return a < b


# ----------------------------------------------------------------------------- number fields


class NumberField:
    r"""A real number field :math:`\mathbb{Q}(\theta)`: ``P`` irreducible, :math:`\theta` one real root of it.

    Parameters
    ----------
    minpoly : sequence of int
        ``P``'s coefficients, lowest degree first; irreducible over the rationals.
    root : RealAlgebraic or Fraction
        The chosen real root :math:`\theta` (a Fraction when ``P`` has degree 1).

    Examples
    --------
    >>> K = NumberField.from_root(real_roots([-2, 0, 1])[1])
    >>> t = K.generator()
    >>> (t * t).value(), (t - 1).sign(), str((t + 1) * (t - 3)), str(((t + 1) * (t - 3)).value())
    (Fraction(2, 1), 1, '-2*t - 1', '-1 - 2*sqrt(2)')
    """

    def __init__(self, minpoly: Sequence[int], root):
        import flint

        self.minpoly = tuple(int(c) for c in minpoly)
        self.root = root
        self._P = flint.fmpq_poly(list(self.minpoly))
        self._balls: dict[int, object] = {}

    @classmethod
    def from_root(cls, root: "RealAlgebraic | Fraction") -> "NumberField":
        """The field generated by ``root`` (its minimal polynomial and the root itself)."""
        if isinstance(root, RealAlgebraic):
            return cls(root.minpoly, root)
        q = Fraction(root)
        return cls(_primitive([-q, 1]), q)

    @property
    def degree(self) -> int:
        return len(self.minpoly) - 1

    def element(self, coeffs) -> "FieldElement":
        """The element :math:`\\sum_k c_k \\theta^k` (coefficients lowest degree first, or an fmpq_poly)."""
        import flint

        if not isinstance(coeffs, flint.fmpq_poly):
            coeffs = flint.fmpq_poly([_fmpq(Fraction(c)) for c in coeffs])
        return FieldElement(self, coeffs % self._P)

    def generator(self) -> "FieldElement":
        """:math:`\\theta` itself."""
        return self.element([0, 1])

    def _theta_ball(self, bits: int):
        """An enclosure of theta about ``bits`` wide (kept: refining by exact bisection is the slow part)."""
        if bits not in self._balls:
            if isinstance(self.root, Fraction):
                self._balls[bits] = _ball(self.root, self.root)
            else:
                width = max(abs(self.root.lo), abs(self.root.hi), Fraction(1)) / (Fraction(2) ** bits)
                r = self.root.refined(width)
                self.root = r
                self._balls[bits] = _ball(r.lo, r.hi)
        return self._balls[bits]


class FieldElement:
    r"""An element :math:`g(\theta)` of a :class:`NumberField`, exact; signs certified by ball arithmetic.

    Elements of one field add, subtract and multiply with each other and with
    ints and Fractions. ``value()`` gives the number itself, a Fraction or a
    :class:`RealAlgebraic`.
    """

    __slots__ = ("field", "poly")

    def __init__(self, field_: NumberField, poly):
        self.field = field_
        self.poly = poly

    def _lift(self, other) -> "FieldElement":
        if isinstance(other, FieldElement):
            if other.field is not self.field:
                raise ValueError("elements of different number fields")
            return other
        return self.field.element([other])

    def __add__(self, other):
        return FieldElement(self.field, self.poly + self._lift(other).poly)

    __radd__ = __add__

    def __sub__(self, other):
        return FieldElement(self.field, self.poly - self._lift(other).poly)

    def __rsub__(self, other):
        return FieldElement(self.field, self._lift(other).poly - self.poly)

    def __mul__(self, other):
        if isinstance(other, FieldElement):
            return FieldElement(self.field, (self.poly * self._lift(other).poly) % self.field._P)
        return FieldElement(self.field, self.poly * _fmpq(Fraction(other)))

    __rmul__ = __mul__

    def __neg__(self):
        return FieldElement(self.field, -self.poly)

    def is_zero(self) -> bool:
        """Exactly zero (the polynomial reduces to 0 modulo the irreducible ``P``)."""
        return self.poly.is_zero()

    def is_rational(self) -> bool:
        return self.poly.degree() <= 0

    def enclosure(self, bits: int = _START_BITS):
        """An arb ball containing the value, computed at ``bits`` of precision."""
        import flint

        with _precision(bits + 16):
            poly = flint.arb_poly([flint.arb(_fmpq(_fraction(c))) for c in self.poly.coeffs()] or [0])
            return poly(self.field._theta_ball(bits))

    def sign(self) -> int:
        """-1, 0 or 1, proved: exact for zero, a ball that excludes zero otherwise."""
        if self.is_zero():
            return 0
        if self.is_rational():
            return _sign(_fraction(self.poly.coeffs()[0]))
        bits = _START_BITS
        while bits <= _MAX_BITS:
            ball = self.enclosure(bits)
            if ball > 0:
                return 1
            if ball < 0:
                return -1
            bits *= 2
        raise SolverError(  # pragma: no cover
            f"the sign of a nonzero algebraic number was not decided at {_MAX_BITS} bits"
        )

    def value(self) -> Fraction | RealAlgebraic:
        """The number: a Fraction when rational, else its minimal polynomial and isolating interval."""
        import flint

        if self.is_rational():
            coeffs = self.poly.coeffs()
            return _fraction(coeffs[0]) if coeffs else Fraction(0)
        n = self.field.degree
        P = self.field._P
        cols = []
        power = flint.fmpq_poly([1])
        for _ in range(n):
            prod = (self.poly * power) % P
            c = [_fraction(v) for v in prod.coeffs()]
            cols.append(c + [Fraction(0)] * (n - len(c)))
            power = (power * flint.fmpq_poly([0, 1])) % P
        M = flint.fmpq_mat(n, n, [_fmpq(cols[j][i]) for i in range(n) for j in range(n)])
        _, factors = M.charpoly().factor()
        (m, _k), = factors
        coeffs = _primitive([_fraction(c) for c in m.coeffs()])
        if len(coeffs) == 2:
            return Fraction(-coeffs[0], coeffs[1])  # pragma: no cover (rational values have constant polys)
        intervals = _isolate(coeffs)
        bits = _START_BITS
        while True:
            lo, hi = _arb_interval(self.enclosure(bits))
            hits = [k for k, (a, b) in enumerate(intervals) if not (b < lo or hi < a)]
            if len(hits) == 1:
                k = hits[0]
                return RealAlgebraic(coeffs, k, intervals[k][0], intervals[k][1])
            bits *= 2

    def __float__(self) -> float:
        return float(self.enclosure(80).mid())

    def __str__(self) -> str:
        return _poly_text([_fraction(c) for c in self.poly.coeffs()], "t") or "0"

    def __repr__(self) -> str:
        return f"FieldElement({self})"


# ----------------------------------------------------------------------------- helpers on mixed numbers


def sign(x) -> int:
    """-1, 0 or 1 for a Fraction, int, :class:`RealAlgebraic` or :class:`FieldElement`, proved."""
    if isinstance(x, FieldElement):
        return x.sign()
    if isinstance(x, RealAlgebraic):
        return 1 if x > 0 else -1
    return _sign(x)


def exact_text(x) -> str:
    """The exact text of a number: ``9/40`` for a Fraction, a radical or minimal polynomial otherwise."""
    if isinstance(x, FieldElement):
        x = x.value()
    if isinstance(x, RealAlgebraic):
        return str(x)
    return str(Fraction(x))


def as_float(x) -> float:
    """The nearest float to an exact number of any of these kinds."""
    return float(x)
