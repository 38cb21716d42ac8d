r"""Linear systems whose coefficients are rational functions of the parameters.

A player's indifference on a pair of supports is a linear system
:math:`M y = e` in the other player's probabilities (von Stengel 2002,
section 3): one row per pair of own strategies that must earn the same, and a
last row :math:`\sum_j y_j = 1`. Its entries are closed forms in the
parameters, so the system is solved over the field of rational functions
(Gauss–Jordan elimination with exact cancellation), which gives its *generic*
structure, the one it has at every parameter point off a lower-dimensional
set:

* **consistent with a unique solution**: each probability a closed form;
* **consistent with a family of solutions**: the probabilities of some
  strategies are free, the others affine in them;
* **inconsistent**: some row reduces to :math:`0 = R` with :math:`R \not\equiv 0`;
  the system can then be solved only where every such :math:`R` vanishes.

Pivots are chosen among entries that are not identically zero, numbers first
(the row of ones), so that the *pivot minor* :math:`\Delta` (the determinant
of the pivot rows and columns) is a nonzero number whenever it can be. The
solution found is valid wherever :math:`\Delta \ne 0`; where
:math:`\Delta = 0` the system can have another structure, and callers say so.

Reference: B. von Stengel, "Computing equilibria for two-person games",
Handbook of Game Theory vol. 3, ch. 45, 2002; for elimination over a field of
rational functions, J. von zur Gathen and J. Gerhard, *Modern Computer
Algebra*, 3rd ed., Cambridge, 2013, ch. 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy
from sympy.matrices.utilities import dotprodsimp

from bargaining.symbolic import poly
from bargaining.symbolic.ops import count_ops

__all__ = ["LinearSolution", "solve_linear", "is_zero"]


def is_zero(expr, points) -> bool:
    """Whether ``expr`` vanishes identically: exact for rational functions, else random points (Schwartz–Zippel).

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> is_zero((a + b)**2 - a**2 - 2*a*b - b**2, [])
    True
    >>> is_zero(a - b, [])
    False
    """
    if not isinstance(expr, sympy.Basic):
        return expr == 0
    if expr.is_number:
        return expr == 0
    r = poly.to_flint(expr, poly.gens_of(expr))
    if r is not None:
        return r[0] == 0
    for p in points:
        if expr.xreplace(p) != 0:
            return False
    return sympy.expand(expr) == 0


@dataclass(frozen=True)
class LinearSolution:
    """The generic solution of ``M y = e`` (``e`` the last unit vector).

    Attributes
    ----------
    consistent : bool
        Whether the system can be solved for generic parameter values.
    pivots : tuple of int
        The columns solved for.
    free : tuple of int
        The columns left free (their values are the family's parameters).
    constant, coefficients : dict
        ``y[p] = constant[p] + sum(coefficients[p, f] * y[f] for f in free)``
        for each pivot column ``p``.
    remainders : tuple of sympy.Expr
        Where inconsistent: the system is solvable (off ``pivot_minor = 0``)
        only where all of these vanish.
    pivot_minor : sympy.Expr
        The determinant of the pivot rows and columns; the solution holds
        where it is nonzero.
    """

    consistent: bool
    pivots: tuple[int, ...]
    free: tuple[int, ...]
    constant: dict
    coefficients: dict
    remainders: tuple = ()
    pivot_minor: object = sympy.Integer(1)

    @property
    def dimension(self) -> int:
        return len(self.free)


def _size(e) -> tuple:
    return (0 if e.is_number else 1, count_ops(e))


def solve_linear(M: sympy.Matrix, points: Sequence[dict] = ()) -> LinearSolution:
    """Solve ``M y = e_q`` over the rational functions of the parameters (Gauss–Jordan).

    Parameters
    ----------
    M : sympy.Matrix
        ``q x u`` coefficients; the right-hand side is ``(0, ..., 0, 1)``.
    points : sequence of dict
        Random parameter points for zero tests of expressions that are not
        rational functions.

    Examples
    --------
    Against a column that pays the row player the same whatever it plays, the
    row player is indifferent between two rows for every mix of the columns:

    >>> x = sympy.Symbol("x")
    >>> s = solve_linear(sympy.Matrix([[0, 0], [1, 1]]))
    >>> s.consistent, s.pivots, s.free, s.constant[1], s.coefficients[1, 0]
    (True, (1,), (0,), 1, -1)
    >>> s = solve_linear(sympy.Matrix([[x - 1], [1]]))
    >>> s.consistent, s.remainders
    (False, (1 - x,))
    """
    entries = [poly.as_expr(e) for e in M]
    gens = tuple(sorted({g for e in entries for g in e.free_symbols}, key=lambda g: g.name))
    converted = [poly.to_flint(e, gens) for e in entries]
    if all(c is not None for c in converted):
        return _solve_flint(M.shape, converted, gens)
    return _solve_expr(M, points)


def _solve_flint(shape, entries, gens) -> LinearSolution:
    q, u = shape
    one = entries[0][1] ** 0 if entries else None
    zero = one - one

    def reduce(n, d):
        if n == 0:
            return zero, one
        g = n.gcd(d)
        if g != 1:
            n, d = n / g, d / g
        lc = d.leading_coefficient()
        return (n / lc, d / lc) if lc != 1 else (n, d)

    rows = [[entries[i * u + j] for j in range(u)] + [(one if i == q - 1 else zero, one)] for i in range(q)]
    used: list[int] = []
    pivots: list[int] = []
    minor = (one, one)
    # from the last column: the free probabilities, if any, are those of the first strategies
    for col in reversed(range(u)):
        candidates = [i for i in range(q) if i not in used and rows[i][col][0] != 0]
        if not candidates:
            continue

        def size(i):
            n, d = rows[i][col]
            return (0 if n.is_constant() and d.is_constant() else 1, len(n) + len(d), i)

        r = min(candidates, key=size)
        pn, pd = rows[r][col]
        minor = reduce(minor[0] * pn, minor[1] * pd)
        rows[r] = [reduce(n * pd, d * pn) for n, d in rows[r]]
        for i in range(q):
            if i != r and rows[i][col][0] != 0:
                fn, fd = rows[i][col]
                rows[i] = [reduce(a * bd * fd - fn * bn * ad, ad * bd * fd)
                           for (a, ad), (bn, bd) in zip(rows[i], rows[r])]
        used.append(r)
        pivots.append(col)
    pivots.reverse()
    used.reverse()
    free = tuple(c for c in range(u) if c not in pivots)

    def expr(f):
        n, d = f
        return poly.cancel(poly.to_expr(n, gens) / poly.to_expr(d, gens))

    remainders = tuple(poly.factor(poly.to_expr(rows[i][u][0], gens)) for i in range(q)
                       if i not in used and rows[i][u][0] != 0)
    constant = {p: expr(rows[r][u]) for r, p in zip(used, pivots)}
    coefficients = {(p, f): expr((-rows[r][f][0], rows[r][f][1])) for r, p in zip(used, pivots) for f in free}
    return LinearSolution(
        consistent=not remainders,
        pivots=tuple(pivots),
        free=free,
        constant=constant,
        coefficients=coefficients,
        remainders=remainders,
        pivot_minor=poly.factor(poly.to_expr(minor[0], gens) / poly.to_expr(minor[1], gens)),
    )


def _solve_expr(M: sympy.Matrix, points) -> LinearSolution:
    q, u = M.shape
    rows = [[poly.as_expr(M[i, j]) for j in range(u)] + [sympy.Integer(1 if i == q - 1 else 0)] for i in range(q)]
    used: list[int] = []
    pivots: list[int] = []
    for col in reversed(range(u)):
        candidates = [i for i in range(q) if i not in used and not is_zero(rows[i][col], points)]
        if not candidates:
            continue
        r = min(candidates, key=lambda i: (_size(rows[i][col]), i))
        piv = rows[r][col]
        rows[r] = [sympy.cancel(e / piv) for e in rows[r]]
        for i in range(q):
            if i != r and not is_zero(rows[i][col], points):
                f = rows[i][col]
                rows[i] = [sympy.cancel(a - f * b) for a, b in zip(rows[i], rows[r])]
        used.append(r)
        pivots.append(col)
    pivots.reverse()
    used.reverse()
    free = tuple(c for c in range(u) if c not in pivots)
    remainders = tuple(
        sympy.factor(sympy.fraction(rows[i][u])[0])
        for i in range(q)
        if i not in used and not is_zero(rows[i][u], points)
    )
    with dotprodsimp(False):
        minor = sympy.factor(M.extract(sorted(used), pivots).det(method="berkowitz")) if pivots else sympy.Integer(1)
    constant = {p: rows[r][u] for r, p in zip(used, pivots)}
    coefficients = {(p, f): sympy.cancel(-rows[r][f]) for r, p in zip(used, pivots) for f in free}
    return LinearSolution(
        consistent=not remainders,
        pivots=tuple(pivots),
        free=free,
        constant=constant,
        coefficients=coefficients,
        remainders=remainders,
        pivot_minor=minor,
    )
