r"""Vectorised Nash equilibria of many bimatrix games at once (floating point, exact fallback).

Used by sweeps and sensitivity analysis, where thousands to millions of games
of the same shape differ only in their payoffs. Every point is solved with the
same few dozen numpy operations on whole arrays; there is no Python loop over
points except for the few points that floating point cannot decide, which go
to the exact solver (a callback the caller hands in).

Mathematics
-----------
Let :math:`A, B` be :math:`m \times n`. For a row set :math:`I` and a column
set :math:`J` with :math:`|I| = |J| = k`, the column player's strategy
:math:`y` with support in :math:`J` that makes the rows in :math:`I` equally
good solves the bordered system

.. math::

    A_{IJ}\, y_J = v \mathbf 1, \qquad \mathbf 1^\top y_J = 1 .

By Cramer's rule its solution is :math:`y_J = c / s` with
:math:`c_j = \det(A_{IJ}` with column :math:`j` replaced by ones:math:`)`
and :math:`s = \sum_j c_j`, the determinant of the bordered matrix (von
Stengel 2002, section 2.4); :math:`s = 0` exactly when the system is singular.
Determinants of these small matrices are expanded explicitly, which numpy
evaluates element-wise over all points and all :math:`(I, J)` at once.
The row player's strategy :math:`x` with support in :math:`I` that makes the
columns in :math:`J` equally good is the same construction with
:math:`B_{IJ}^\top`.

Each :math:`(I, J)` is a *basis* of the best-response polyhedra
:math:`\bar Q = \{(y, v) : y \ge 0, \mathbf 1^\top y = 1, A y \le v \mathbf 1\}`
and :math:`\bar P` (its mirror image with :math:`B^\top`); its solution is a
vertex if it is feasible: :math:`y_J \ge 0` and every row outside :math:`I`
earns at most :math:`v`. The labels of a vertex are the unplayed strategies
and the best responses. The game is *nondegenerate* when no vertex has more
than :math:`n` (for :math:`\bar Q`) or :math:`m` (for :math:`\bar P`) labels;
then every equilibrium has supports :math:`(I, J)` of equal size whose two
bases are both vertices, and that is all of them: support enumeration is
complete (von Stengel 2002, Theorem 2.10 and section 3). A nondegenerate game
has no equilibrium on a singular basis (it would lie on a line of equilibria),
and every vertex with too many labels has some nonsingular basis, where one of
its probabilities or slacks is zero.

Deciding in floating point
--------------------------
Payoffs are shifted and scaled to :math:`[0, 1]` per point and player (best
responses do not change). Let :math:`u` be the unit roundoff and
:math:`\delta` a bound on the error of the scaled payoffs themselves (taken
as 64 units in the last place of the largest payoff; formulas are assumed not
to lose more than that to cancellation). Two facts bound every error:

* a determinant of an :math:`r \times r` matrix with entries in
  :math:`[0, 1]` is at most :math:`D_r` = 1, 1, 2, 3, 5, 9 for
  :math:`r = 1, \dots, 6`, the largest determinant of a 0/1 matrix (the
  determinant is affine in each entry, so its extremes over the cube lie at
  its vertices; OEIS A003432);
* a numerator :math:`c_j` is a :math:`k \times k` determinant with one column
  of ones. Expanded along first rows in floating point, a minor of size
  :math:`r` is off by at most :math:`e_r u` with :math:`e_r = r e_{r-1} + r^2
  D_{r-1}` (:math:`r` products of entries at most 1 with minors at most
  :math:`D_{r-1}`, and :math:`r - 1` additions), so :math:`c_j` by
  :math:`(k e_{k-1} + k(k-1) D_{k-1})\, u`. The payoffs' errors move it by at
  most :math:`\sum_{t \ge 1} \binom{k-1}{t} \frac{k!}{(k-t)!} D_{k-t}
  \delta^t` (multilinearity in the :math:`k - 1` perturbed columns, then
  Laplace's expansion along the :math:`t` perturbed ones), about
  :math:`k(k-1) D_{k-1} \delta`.

Their sum, widened by a factor 1.001 for second-order terms, is ``Ec``; the
error of :math:`s = \sum_j c_j` is at most ``Es`` :math:`= k\,` ``Ec``
:math:`+ (k-1) u\, k (D_k +` ``Ec`` :math:`)` (:func:`_error_bounds`). A
basis is *certified* when its determinant :math:`s` is certainly nonzero and
every probability and every slack, as the numerators :math:`c_j` and
:math:`N_r = \sum_j D_{rj} c_j` over :math:`s`, exceeds ``tol`` by more than
its error bound: it is then exactly a vertex with exactly as many labels as
the basis. Nothing else about the other bases needs deciding, because
completeness is checked on the certified ones: the graph of a pointed
polyhedron is connected (Balinski 1961), and a vertex with exactly :math:`n`
labels has exactly :math:`n` edges, one per dropped label, each ending at the
vertex whose labels are the remaining ones plus one new label (or running off
to infinity when no tight payoff constraint would remain). If every edge of
every certified vertex ends at a certified vertex, the certified vertices are
all the vertices, none has too many labels, and the game is nondegenerate.
Bases that floating point cannot decide, such as singular ones that it cannot
tell from nearly singular ones, then hide nothing.

A point is *undecided* when that closure fails on either side (a degenerate
game: ties, a best response within ``tol`` of another, a probability within
``tol`` of zero, or a vertex only ill-conditioned bases reach), when an
equilibrium's probabilities are not certified to :data:`ACCURACY`, when its
payoffs are not finite or are constant, or when nothing is found. Undecided
points are solved exactly, never guessed.

Two implementations
-------------------
The vectorised path (numpy) holds every basis of every point at once, as
arrays ``(bases, points)``, and evaluates each formula element-wise. Calls
with many bases times points (more than :data:`KERNEL_WORK`, summed over a
sweep's chunks) go instead to the compiled kernel of
:mod:`bargaining.solvers.cramer` (numba), which walks blocks of points,
shares minors between bases, and computes the same numbers in the same order:
the same decisions, bitwise the same equilibria, several times faster once
numba is loaded.

Larger shapes
-------------
Where the bases are too many to hold at once (more than :data:`MAX_BASES`, or
a side with more than :data:`MAX_SUPPORT` strategies), each point is solved
by the compiled vertex search of :mod:`bargaining.solvers.lexsearch`
(:func:`~bargaining.solvers.lexsearch.batch_search`): both polytopes'
vertex graphs are walked by pivoting with the ratio test, every basis
recomputed by Gauss-Jordan with a posteriori error bounds (from residuals,
widened by the payoffs' own error and by ``tol``). A point is decided only if
every basis met is certainly nondegenerate and every ratio test has a certain
winner: then the walk has met every vertex (the closure argument above), and
the equilibria are the pairs of vertices with complementary bases. Any
other point is undecided and goes to the exact solver, as above.

References
----------
B. von Stengel, "Computing equilibria for two-person games", in R. J. Aumann
and S. Hart (eds.), *Handbook of Game Theory*, vol. 3, ch. 45, North-Holland,
2002.

N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
2002 (chapter 3: error bounds of floating-point sums and products).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from math import comb, factorial
from types import MappingProxyType
from typing import Any, Callable, Mapping

import numpy as np

from bargaining.solution import Solution

__all__ = [
    "BatchResult", "batch_equilibria", "keep_freed_memory",
    "TOL", "ACCURACY", "MAX_SUPPORT", "MAX_BASES", "KERNEL_WORK",
]

#: Default margin (in payoffs scaled to [0, 1], and in probabilities) inside
#: which a tie or a zero probability is left to the exact solver.
TOL = 1e-9

#: Largest certified error of a probability the batch solver reports.
ACCURACY = 1e-10

#: Games whose smaller side has more strategies are solved by the compiled vertex search.
MAX_SUPPORT = 6

#: Games with more bases (support pairs of equal size) are solved by the compiled vertex search.
MAX_BASES = 20_000

#: Bases per polytope beyond which the compiled search gives a point to the exact solver.
MAX_SEARCH_BASES = 1 << 14

#: Points times bases handled in one vectorised pass; larger calls are split, to bound memory.
_BUDGET = 1 << 17

#: Points per call of the compiled search.
_SEARCH_CHUNK = 1 << 13

#: Bases times points from which a call loads the compiled support enumeration: importing numba
#: and loading the cached kernel take about 0.6 s, which the vectorised path (about 0.04
#: microseconds per basis and point) spends on some fifteen million.
KERNEL_WORK = 1 << 24

#: Points per call of the compiled support enumeration.
_KERNEL_CHUNK = 1 << 15

_U = float(np.finfo(float).eps) / 2  # unit roundoff
_PAYOFF_ULPS = 64.0



@dataclass(frozen=True)
class BatchResult:
    """Equilibria of ``n_points`` games, flattened into arrays.

    Attributes
    ----------
    n_points : int
    point : numpy.ndarray
        ``(E,)`` int: the point each equilibrium belongs to. Equilibria are
        grouped by point and ordered within a point as the exact solver orders
        them (by ``-x``, then ``-y``).
    x, y : numpy.ndarray
        ``(E, m)`` and ``(E, n)``: the mixed strategies.
    payoffs : numpy.ndarray
        ``(E, 2)``: the row and column player's expected payoffs.
    exact : numpy.ndarray
        ``(n_points,)`` bool: solved by the exact solver (the batch method
        could not decide).
    degenerate : numpy.ndarray
        ``(n_points,)`` bool: the game is degenerate (only exact points can be).
    solutions : Mapping[int, Solution]
        The exact solutions of the fallback points.
    tol : float
        The margin used.
    """

    n_points: int
    point: np.ndarray
    x: np.ndarray
    y: np.ndarray
    payoffs: np.ndarray
    exact: np.ndarray
    degenerate: np.ndarray
    solutions: Mapping[int, Any] = field(default_factory=dict)
    tol: float = TOL

    def __post_init__(self):
        for name in ("point", "x", "y", "payoffs", "exact", "degenerate"):
            a = np.array(getattr(self, name))
            a.setflags(write=False)
            object.__setattr__(self, name, a)
        object.__setattr__(self, "solutions", MappingProxyType(dict(self.solutions)))

    @property
    def counts(self) -> np.ndarray:
        """Number of equilibria at each point."""
        return np.bincount(self.point, minlength=self.n_points)

    @property
    def index(self) -> np.ndarray:
        """Each equilibrium's index within its point (0, 1, ...)."""
        starts = np.concatenate(([0], np.cumsum(self.counts)[:-1]))
        return np.arange(len(self.point)) - starts[self.point]

    def supports(self) -> tuple[np.ndarray, np.ndarray]:
        """Support bit masks: bit ``i`` of ``xbits[e]`` is set when row ``i`` is played."""
        xbits = (self.x > 0) @ (1 << np.arange(self.x.shape[1], dtype=np.int64))
        ybits = (self.y > 0) @ (1 << np.arange(self.y.shape[1], dtype=np.int64))
        return xbits.astype(np.int64), ybits.astype(np.int64)

    def at(self, p: int) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
        """The equilibria ``(x, y)`` at point ``p``, as floats."""
        rows = np.flatnonzero(self.point == p)
        return [(tuple(map(float, self.x[e])), tuple(map(float, self.y[e]))) for e in rows]

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "batch",
            "exact": False,
            "tol": self.tol,
            "accuracy": ACCURACY,
            "points": self.n_points,
            "exact_points": int(self.exact.sum()),
            "degenerate_points": int(self.degenerate.sum()),
            "equilibria": [
                {"point": int(p), "x": list(map(float, x)), "y": list(map(float, y)), "payoffs": list(map(float, u))}
                for p, x, y, u in zip(self.point, self.x, self.y, self.payoffs)
            ],
        }


# ----------------------------------------------------------------------------- bases


@dataclass(frozen=True)
class _Bases:
    """All pairs (I, J) with |I| = |J| = k, as index arrays."""

    k: int
    I: np.ndarray  # (nb, k)
    J: np.ndarray  # (nb, k)
    I_out: np.ndarray  # (nb, m - k)
    J_out: np.ndarray  # (nb, n - k)


@lru_cache(maxsize=None)
def _bases(m: int, n: int) -> tuple[_Bases, ...]:
    out = []
    for k in range(1, min(m, n) + 1):
        rows = list(combinations(range(m), k))
        cols = list(combinations(range(n), k))
        I = np.array([r for r in rows for _ in cols], dtype=np.intp).reshape(-1, k)
        J = np.array([c for _ in rows for c in cols], dtype=np.intp).reshape(-1, k)
        I_out = np.array([[i for i in range(m) if i not in r] for r in rows for _ in cols], dtype=np.intp)
        J_out = np.array([[j for j in range(n) if j not in c] for _ in rows for c in cols], dtype=np.intp)
        out.append(_Bases(k, I, J, I_out.reshape(len(I), m - k), J_out.reshape(len(J), n - k)))
    return tuple(out)


# ----------------------------------------------------------------------------- determinants
#
# Small matrices are nested lists of arrays of shape (bases, points), so that
# every operation below is one element-wise numpy call over all points and all
# bases at once, on contiguous memory; an entry may also be the scalar 1.0.


def _det(M: list) -> Any:
    """Determinant of a k x k nested list of arrays, by cofactor expansion."""
    k = len(M)
    if k == 1:
        return M[0][0]
    if k == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    if k == 3:
        (a, b, c), (d, e, f), (g, h, i) = M
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    total = 0.0
    for j in range(k):
        minor = [[row[c] for c in range(k) if c != j] for row in M[1:]]
        term = M[0][j] * _det(minor)
        total = total + term if j % 2 == 0 else total - term
    return total


def _cramer(M: list) -> tuple[list, Any]:
    """Numerators ``c`` and the bordered determinant ``s`` of ``M z = v 1, 1'z = 1``.

    ``c_j`` is the determinant of ``M`` with column ``j`` replaced by ones,
    that is the sum of the cofactors in column ``j``.
    """
    k = len(M)
    if k == 2:
        c = [M[1][1] - M[0][1], M[0][0] - M[1][0]]
    else:
        c = []
        for j in range(k):
            cols = [col for col in range(k) if col != j]
            terms = [_det([[M[r][col] for col in cols] for r in range(k) if r != i]) for i in range(k)]
            total = terms[0] if j % 2 == 0 else -terms[0]
            for i in range(1, k):
                total = total + terms[i] if (i + j) % 2 == 0 else total - terms[i]
            c.append(total)
    return c, _fold(np.add, c)


def _fold(f, arrays):
    out = arrays[0]
    for a in arrays[1:]:
        out = f(out, a)
    return out


# ----------------------------------------------------------------------------- error bounds

#: The largest determinant of an r x r matrix with entries in [0, 1], for r = 0, 1, 2, ...: the
#: determinant is affine in each entry, so its extremes over the cube lie at 0/1 matrices, whose
#: largest determinants are known (OEIS A003432; Hadamard's maximal determinant problem).
_MAXDET = (1, 1, 1, 2, 3, 5, 9, 32, 56, 144, 320)


@lru_cache(maxsize=None)
def _bound_coefficients(k: int) -> tuple[float, tuple[float, ...]]:
    """``(R, a)`` for support size ``k``: the rounding bound of a numerator in units of ``u``, and
    the coefficients ``a[t - 1]`` of ``delta**t`` in the bound of the error the payoffs' errors cause.

    Rounding: a minor of size r, expanded along its first row from computed minors of size
    r - 1, is off by at most ``e_r = r e_{r-1} + r^2 D_{r-1}`` units (``D`` = :data:`_MAXDET`;
    r terms, each a product and r - 1 additions, of minors at most ``D_{r-1}``), and a numerator,
    a signed sum of k minors of size k - 1, by ``k e_{k-1} + (k - 1) k D_{k-1}``. Payoff errors:
    a numerator is a k x k determinant with one column of ones; by multilinearity the part that
    t perturbed columns contribute is at most ``C(k-1, t) k!/(k-t)! D_{k-t} delta^t`` (Laplace
    along the perturbed columns). The factor 1.001 covers the second-order rounding terms and
    the rounding of the bound itself.
    """
    e = [0.0, 0.0]
    for r in range(2, k):
        e.append(1.001 * (r * e[r - 1] + r * r * _MAXDET[r - 1]))
    R = 1.001 * (k * e[k - 1] + (k - 1) * k * _MAXDET[k - 1])
    a = tuple(comb(k - 1, t) * factorial(k) / factorial(k - t) * _MAXDET[k - t] for t in range(1, k))
    return R, a


def _error_bounds(delta: np.ndarray, K: int) -> tuple[np.ndarray, np.ndarray]:
    """``(Ec, Es)``, each ``(points, K + 1)``: column k bounds the error of a numerator ``c_j`` and of
    ``s`` for support size k >= 2 (columns 0 and 1 are zero: a pure strategy needs no division).

    ``s`` is the sum of the k computed numerators, each at most ``D_k + Ec`` in absolute value.
    """
    delta = np.asarray(delta, dtype=float)
    Ec = np.zeros(delta.shape + (K + 1,))
    Es = np.zeros(delta.shape + (K + 1,))
    for k in range(2, K + 1):
        R, a = _bound_coefficients(k)
        v = np.full(delta.shape, a[-1])
        for coefficient in reversed(a[:-1]):
            v = v * delta + coefficient
        v = v * delta
        Ec[..., k] = 1.001 * (R * _U + v)
        Es[..., k] = k * Ec[..., k] + 1.001 * (k - 1) * _U * k * (_MAXDET[k] + Ec[..., k])
    return Ec, Es


# ----------------------------------------------------------------------------- one side


@dataclass(frozen=True)
class _Side:
    """The bases of one polyhedron at all points, and which are certified vertices."""

    vertex: np.ndarray  # (bases, points) bool
    c: list  # k arrays (bases, points): probabilities times s
    s: Any  # (bases, points): the bordered determinant
    Es: Any  # error bound of s (broadcasts)
    Ec: Any  # error bound of each c_j (broadcasts)


def _side(M: list, D: list, delta: np.ndarray, Ec: np.ndarray, Es: np.ndarray, tol: float, shape) -> _Side:
    """Find the bases of one best-response polyhedron that are certainly vertices with no extra label.

    ``M`` is the k x k list of payoffs of the indifferent strategies (rows)
    against the support (columns); ``D[r][j]`` is, for the r-th strategy
    outside the basis, the payoff of the first indifferent strategy minus its
    own against support strategy ``j``. Every entry has shape ``shape =
    (bases, points)``; ``delta`` (points,) bounds the payoff errors, ``Ec`` and
    ``Es`` (points,) the errors of the numerators and of ``s`` (:func:`_error_bounds`).

    Everything is decided on the numerators, without dividing: the
    probabilities are ``c / s`` and the slacks ``N / s`` with ``N_r = sum_j
    D[r][j] c_j``, so a sign is certain when a numerator exceeds its error
    bound, and ``tol`` is applied as ``tol * |s|``. Bases that are not
    certified need no further classification: completeness is checked on the
    certified ones (:func:`_closed`). The compiled kernel
    (:mod:`bargaining.solvers.cramer`) computes the same numbers in the same
    order.
    """
    k = len(M)
    if k == 1:
        one = np.ones(shape)
        if not D:
            return _Side(np.ones(shape, dtype=bool), [one], one, 0.0, 0.0)
        smin = _fold(np.minimum, [Dr[0] for Dr in D])
        return _Side(smin > tol + 4 * _U + 2 * delta, [one], one, 0.0, 0.0)
    c, s = _cramer(M)
    abs_s = np.abs(s)
    sigma = np.sign(s)
    # threshold for each c_j * sign(s): its error bound plus tol * |s| (and the error of |s|)
    threshold = abs_s + Es
    threshold *= tol
    threshold += Ec
    lowest = c[0] * sigma
    for cj in c[1:]:
        np.minimum(lowest, cj * sigma, out=lowest)
    vertex = lowest > threshold
    vertex &= abs_s > 2 * Es
    if D:
        # each slack numerator N_r * sign(s) above its error bound plus tol * |s|: where every c_j
        # has the sign of s, sum_j |c_j| = |s| <= |s~| + Es bounds the error that the D's errors
        # (2 delta + u each) cause, and |D| <= 1 the error that the c's cause (k Ec)
        bound = threshold + (k - 1) * Ec + (abs_s + Es) * (2 * delta + (k + 2) * 4.01 * _U) + 1.01 * k * k * _U * Ec
        for Dr in D:
            N = Dr[0] * c[0]
            for j in range(1, k):
                N += Dr[j] * c[j]
            N *= sigma
            vertex &= N > bound
    return _Side(vertex, c, s, Es, Ec)


def _probabilities(side: _Side, bs: np.ndarray, pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities ``(E, k)`` of certified vertices at the given bases and points, and error bounds ``(E,)``.

    At a vertex every probability lies in [0, 1], so ``|c_j / s - p_j| <=
    (Ec + Es) / (|s| - Es)`` plus the rounding of the division.
    """
    s = side.s[bs, pts]
    p = np.stack([cj[bs, pts] for cj in side.c], axis=1) / s[:, None]
    Es = np.broadcast_to(side.Es, side.s.shape)[bs, pts]
    Ec = np.broadcast_to(side.Ec, side.s.shape)[bs, pts]
    abs_s = np.abs(s)
    with np.errstate(divide="ignore", invalid="ignore"):
        err = np.where(abs_s > Es, (Ec + Es) / (abs_s - Es) + 2 * _U, np.inf)
    return p, err


# ----------------------------------------------------------------------------- completeness


@lru_cache(maxsize=None)
def _adjacency(m: int, n: int):
    """Neighbour candidates of every basis of Q-bar (first) and P-bar (second).

    Labels are bits: rows ``0..m-1``, columns ``m..m+n-1``. A basis (I, J) of
    Q-bar has the labels I (tight rows) and the columns outside J (zero
    probabilities); of P-bar, the rows outside I and the columns J. Dropping a
    label ``l`` from a vertex with exactly the basis's labels leads along an
    edge to the vertex whose labels are the rest plus one new label ``l'``,
    or, when no label of the other player's strategies would remain, along an
    unbounded ray (the payoff grows without limit at a pure strategy).
    Returns, per side, ``(neighbours, ray)``: ``neighbours[b, t, c]`` is the
    index of the basis with label ``t`` of ``b`` replaced by candidate ``c``
    (or the sentinel ``len(bases)`` when there is none), ``ray[b, t]`` is True
    when that edge is a ray.
    """
    sides = []
    for side in ("Q", "P"):
        masks = []
        for bases in _bases(m, n):
            for I, J in zip(bases.I, bases.J):
                rows = set(I.tolist()) if side == "Q" else set(range(m)) - set(I.tolist())
                cols = set(range(n)) - set(J.tolist()) if side == "Q" else set(J.tolist())
                masks.append(sum(1 << i for i in rows) | sum(1 << (m + j) for j in cols))
        where = {mask: b for b, mask in enumerate(masks)}
        width = n if side == "Q" else m
        others = (m + n) - width
        neighbours = np.full((len(masks), width, others), len(masks), dtype=np.intp)
        ray = np.zeros((len(masks), width), dtype=bool)
        own = (1 << m) - 1 if side == "Q" else ((1 << n) - 1) << m  # labels of the opponent's strategies
        for b, mask in enumerate(masks):
            labels = [l for l in range(m + n) if mask >> l & 1]
            free = [l for l in range(m + n) if not mask >> l & 1]
            for t, l in enumerate(labels):
                rest = mask & ~(1 << l)
                ray[b, t] = rest & own == 0
                for c, new in enumerate(free):
                    neighbours[b, t, c] = where.get(rest | (1 << new), len(masks))
        sides.append((neighbours, ray))
    return sides[0], sides[1]


def _closed(vertex: np.ndarray, adjacency) -> np.ndarray:
    """True where the certified vertices are all the vertices of the polyhedron.

    ``vertex`` is ``(bases, points)``. The graph of a pointed polyhedron (its
    vertices and bounded edges) is connected (Balinski 1961; the simplex
    method's argument). A certified vertex has exactly as many labels as its
    basis, so it is simple and its edges are found by dropping one label each.
    If every edge of every certified vertex ends at a certified vertex (or is
    a ray), no vertex is missing and none has too many labels: bases left
    undecided (such as singular ones that floating point cannot tell from
    nearly singular ones) then hide nothing.
    """
    neighbours, ray = adjacency
    ext = np.concatenate([vertex, np.zeros((1, vertex.shape[1]), dtype=bool)], axis=0)
    edge_ok = ext[neighbours].any(axis=2) | ray[:, :, None]  # (bases, labels, points)
    return vertex.any(axis=0) & (edge_ok.all(axis=1) | ~vertex).all(axis=0)


# ----------------------------------------------------------------------------- the solver


def _normalise(M):
    """Shift and scale each point's payoffs to [0, 1]; ``M`` is ``(m, n, P)``, points last."""
    flat = M.reshape(-1, M.shape[-1])
    lo = flat.min(axis=0)
    hi = flat.max(axis=0)
    span = hi - lo
    ok = span > 0
    safe = np.where(ok, span, 1.0)
    N = (M - lo) / safe
    big = np.maximum(np.abs(lo), np.abs(hi))
    delta = _PAYOFF_ULPS * _U * big / safe + 4 * _U
    return N, delta, ok


def batch_equilibria(
    A,
    B,
    *,
    exact_solution: Callable[[int], Solution],
    tol: float = TOL,
    total_points: int | None = None,
) -> BatchResult:
    """Every Nash equilibrium of many games of the same shape, at once.

    Parameters
    ----------
    A, B : array_like
        ``(P, m, n)`` float payoffs of the row and column player at ``P`` points.
    exact_solution : callable
        ``exact_solution(p)`` returns the exact :class:`~bargaining.solution.Solution`
        of the game at point ``p`` (for instance ``solve(model_at(p).game())``),
        used where floating point cannot decide. The kernel is handed this
        rather than calling the solver's facade itself.
    tol : float
        Margin, in payoffs scaled to [0, 1] per point and player and in
        probabilities: a tie or a probability within ``tol`` (plus the
        rounding error bound) of zero is left to the exact solver.
    total_points : int, optional
        How many points the caller solves in all, in this call and the ones
        that follow (a sweep solves its grid chunk by chunk). Large totals
        load the compiled kernel (:mod:`bargaining.solvers.cramer`), which
        takes about half a second once and then solves each point several
        times faster; the answers are the same either way.

    Returns
    -------
    BatchResult
        For nondegenerate points decided in floating point, the same
        equilibria as the exact solver to within :data:`ACCURACY`; every other
        point is solved exactly.

    Examples
    --------
    Matching pennies and a coordination game, solved together:

    >>> from bargaining.game import Game
    >>> from bargaining.solvers.registry import solve
    >>> A = [[[1, -1], [-1, 1]], [[2, 0], [0, 1]]]
    >>> B = [[[-1, 1], [1, -1]], [[1, 0], [0, 2]]]
    >>> r = batch_equilibria(A, B, exact_solution=lambda p: solve(Game.from_arrays(A[p], B[p])))
    >>> r.counts.tolist(), r.exact.tolist()
    ([1, 3], [False, False])
    >>> [[round(v, 6) for v in x + y] for x, y in r.at(1)]
    [[1.0, 0.0, 1.0, 0.0], [0.666667, 0.333333, 0.333333, 0.666667], [0.0, 1.0, 0.0, 1.0]]

    A tie goes to the exact solver:

    >>> A = B = [[[1, 1], [0, 0]]]
    >>> r = batch_equilibria(A, B, exact_solution=lambda p: solve(Game.from_arrays(A[p], B[p])))
    >>> r.exact.tolist(), r.degenerate.tolist()
    ([True], [True])
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 3 or A.shape != B.shape:
        raise ValueError(f"expected two arrays of shape (points, m, n), found {A.shape} and {B.shape}")
    P, m, n = A.shape
    nbases = comb(m + n, m) - 1
    total = P if total_points is None else max(P, total_points)
    kernel = _kernel(nbases * total) if _by_cramer(m, n) else None
    # the compiled paths work point by point in fixed memory; the vectorised one holds every basis at once
    if kernel is not None:
        step = _KERNEL_CHUNK
    else:
        step = max(1, _BUDGET // nbases) if _by_cramer(m, n) else _SEARCH_CHUNK
    if P > step:
        parts = [
            batch_equilibria(
                A[s : s + step], B[s : s + step], exact_solution=lambda p, s=s: exact_solution(s + p), tol=tol,
                total_points=total,
            )
            for s in range(0, P, step)
        ]
        return _concatenate(parts, tol)

    if kernel is not None:
        point, X, Y, payoffs, undecided = _kernel_points(kernel, A, B, tol)
        rank = None  # grouped by point in order: each equilibrium's rank within its point, when needed below
    else:
        finite = np.isfinite(A).reshape(P, -1).all(axis=1) & np.isfinite(B).reshape(P, -1).all(axis=1)
        if not finite.all():
            A = np.where(finite[:, None, None], A, 0.0)
            B = np.where(finite[:, None, None], B, 0.0)
        point, X, Y, payoffs, rank, undecided = _vectorised_points(A, B, ~finite, tol)

    # the points floating point cannot decide go to the exact solver
    solutions = {}
    exact_rows = []  # (point, x, y, payoffs, rank)
    degenerate = np.zeros(P, dtype=bool)
    for p in np.flatnonzero(undecided):
        p = int(p)
        sol = exact_solution(p)
        solutions[p] = sol
        degenerate[p] = bool(sol.degenerate)
        for r, e in enumerate(sol.equilibria):
            exact_rows.append((p, [float(v) for v in e.x], [float(v) for v in e.y], [float(u) for u in e.payoffs], r))
    if exact_rows:
        ps, xs, ys, us, rs = zip(*exact_rows)
        if rank is None:
            rank = np.arange(len(point)) - np.searchsorted(point, point)
        point = np.concatenate([point, np.array(ps, dtype=np.int64)])
        X = np.concatenate([X, np.array(xs).reshape(-1, m)])
        Y = np.concatenate([Y, np.array(ys).reshape(-1, n)])
        payoffs = np.concatenate([payoffs, np.array(us).reshape(-1, 2)])
        rank = np.concatenate([rank, np.array(rs, dtype=np.int64)])
        order = np.lexsort((rank, point))
        point, X, Y, payoffs = point[order], X[order], Y[order], payoffs[order]
    return BatchResult(
        n_points=P,
        point=point,
        x=X,
        y=Y,
        payoffs=payoffs,
        exact=undecided,
        degenerate=degenerate,
        solutions=solutions,
        tol=tol,
    )


def _vectorised_points(A, B, skip, tol):
    """The batch equilibria of the points not skipped, in numpy: ``(point, X, Y, payoffs, rank, undecided)``."""
    P, m, n = A.shape
    At = np.ascontiguousarray(A.transpose(1, 2, 0))  # (m, n, P): points last
    Bt = np.ascontiguousarray(B.transpose(1, 2, 0))
    An, dA, okA = _normalise(At)
    Bn, dB, okB = _normalise(Bt)
    undecided = skip | ~okA | ~okB

    if _by_cramer(m, n):
        point, X, Y = _cramer_points(An, Bn, dA, dB, tol, undecided)
    elif _searched(m, n):
        point, X, Y = _search_points(An, Bn, dA, dB, tol, undecided)
    else:
        undecided[:] = True
        point, X, Y = np.zeros(0, dtype=np.int64), np.zeros((0, m)), np.zeros((0, n))
    undecided |= np.bincount(point, minlength=P) == 0
    keep = ~undecided[point]
    point, X, Y = point[keep], X[keep], Y[keep]
    rank = _rank_within_points(point, X, Y)
    order = np.lexsort((rank, point))
    point, X, Y, rank = point[order], X[order], Y[order], rank[order]

    payoffs = np.zeros((len(point), 2))
    for i in range(m):
        for j in range(n):
            w = X[:, i] * Y[:, j]
            payoffs[:, 0] += w * At[i, j, point]
            payoffs[:, 1] += w * Bt[i, j, point]
    return point, X, Y, payoffs, rank, undecided


def _kernel_points(kernel, A, B, tol):
    """The batch equilibria by the compiled kernel: ``(point, X, Y, payoffs, undecided)``.

    The same normalisation, error bounds and decisions as :func:`_vectorised_points`, block by
    block (:mod:`bargaining.solvers.cramer`); the equilibria come out grouped by point, in order.
    """
    P, m, n = A.shape
    K = min(m, n)
    R = np.zeros(K + 1)
    a = np.zeros((K + 1, max(K - 1, 1)))
    for k in range(2, K + 1):
        R[k], coefficients = _bound_coefficients(k)
        a[k, : k - 1] = coefficients
    undecided = np.zeros(P, dtype=bool)
    # room for four equilibria a point (the baseline has three in a fifth of its grid) before the
    # kernel must stop, hand back and be called again on larger arrays
    cap = 4 * P + 16
    point, X, Y, U = np.empty(cap, dtype=np.int64), np.empty((cap, m)), np.empty((cap, n)), np.empty((cap, 2))
    start, count = 0, 0
    while True:
        start, count = kernel.certified_supports(
            np.ascontiguousarray(A), np.ascontiguousarray(B), tol, ACCURACY, _PAYOFF_ULPS, R, a,
            np.array(_MAXDET[: K + 1], dtype=float), *_kernel_tables(m, n), start, undecided, point, X, Y, U, count,
        )
        if start == P:
            break
        cap *= 2
        point, X, Y, U = (np.concatenate([v, np.empty_like(v)]) for v in (point, X, Y, U))
    return point[:count], X[:count], Y[:count], U[:count], undecided


@lru_cache(maxsize=None)
def _kernel_tables(m: int, n: int) -> tuple[np.ndarray, ...]:
    """The minors, bases and vertex graphs of the shape, in the order of :func:`_bases` (see
    :mod:`bargaining.solvers.cramer`): ``qtab, qbases, qcminor, ptab, pbases, pcminor, qneighbours,
    qncand, qray, pneighbours, pncand, pray``.

    Basis (I, J) of Q-bar makes the rows I of ``A`` indifferent with the support J; of P-bar, the
    rows J of ``B`` transposed indifferent with the support I.
    """
    K = min(m, n)
    pairs = [
        (I, J) for bases in _bases(m, n) for I, J in zip(map(tuple, bases.I.tolist()), map(tuple, bases.J.tolist()))
    ]
    out = []
    for rows, cols, side in ((m, n, pairs), (n, m, [(J, I) for I, J in pairs])):
        ids = {}
        table = []  # (size, first row, columns..., sub-minors...)
        for r in range(K):
            for R in combinations(range(rows), r):
                for C in combinations(range(cols), r):
                    ids[R, C] = len(table)
                    subs = [ids[R[1:], C[:t] + C[t + 1 :]] for t in range(r)]
                    table.append([r, R[0] if r else 0] + list(C) + [0] * (K - r) + subs + [0] * (K - r))
        tab = np.array(table, dtype=np.int64).reshape(len(table), 2 + 2 * K)
        bases = np.zeros((len(side), 2 + K + max(rows - 1, 0)), dtype=np.int64)
        cminor = np.zeros((len(side), K, K), dtype=np.int64)
        for b, (R, C) in enumerate(side):
            k = len(R)
            outside = [i for i in range(rows) if i not in R]
            bases[b, : 2 + k] = [k, R[0], *C]
            bases[b, 2 + K : 2 + K + len(outside)] = outside
            for j in range(k):
                for i in range(k):
                    cminor[b, j, i] = ids[R[:i] + R[i + 1 :], C[:j] + C[j + 1 :]]
        out += [tab, bases, cminor]
    for neighbours, ray in _adjacency(m, n):
        # the candidates that exist first, and how many there are
        exists = neighbours < len(pairs)
        order = np.argsort(~exists, axis=2, kind="stable")
        out += [np.ascontiguousarray(np.take_along_axis(neighbours, order, axis=2)), exists.sum(axis=2), ray]
    qtab, qbases, qcminor, ptab, pbases, pcminor, *graphs = out
    return (qtab, qbases, qcminor, ptab, pbases, pcminor, *graphs)


def _cramer_points(An, Bn, dA, dB, tol, undecided):
    """Equilibria by certified support enumeration (Cramer's rule over all bases); marks undecided points."""
    m, n, P = An.shape
    found = []  # per support size: (points, I, J, x, y) of the equilibria
    vertex_y, vertex_x = [], []
    EcA, EsA = _error_bounds(dA, min(m, n))
    EcB, EsB = _error_bounds(dB, min(m, n))
    for bases in _bases(m, n):
        k, I, J, Io, Jo = bases.k, bases.I, bases.J, bases.I_out, bases.J_out
        shape = (len(I), P)
        # column player's mix y on J, making the rows I indifferent
        My = [[An[I[:, a], J[:, b]] for b in range(k)] for a in range(k)]
        Dy = [[My[0][b] - An[Io[:, r], J[:, b]] for b in range(k)] for r in range(m - k)]
        ys = _side(My, Dy, dA, EcA[:, k], EsA[:, k], tol, shape)
        # row player's mix x on I, making the columns J indifferent
        Mx = [[Bn[I[:, b], J[:, a]] for b in range(k)] for a in range(k)]
        Dx = [[Mx[0][b] - Bn[I[:, b], Jo[:, r]] for b in range(k)] for r in range(n - k)]
        xs = _side(Mx, Dx, dB, EcB[:, k], EsB[:, k], tol, shape)
        vertex_y.append(ys.vertex)
        vertex_x.append(xs.vertex)
        bs, pts = np.nonzero(ys.vertex & xs.vertex)
        if len(pts):
            y, ey = _probabilities(ys, bs, pts)
            x, ex = _probabilities(xs, bs, pts)
            undecided[pts[(ey > ACCURACY) | (ex > ACCURACY)]] = True
            found.append((pts, I[bs], J[bs], x, y))
    Q_adjacency, P_adjacency = _adjacency(m, n)
    undecided |= ~_closed(np.concatenate(vertex_y, axis=0), Q_adjacency)
    undecided |= ~_closed(np.concatenate(vertex_x, axis=0), P_adjacency)

    # assemble the batch equilibria
    pts_all, X_all, Y_all = [np.zeros(0, dtype=np.int64)], [np.zeros((0, m))], [np.zeros((0, n))]
    for pts, I, J, x, y in found:
        X = np.zeros((len(pts), m))
        Y = np.zeros((len(pts), n))
        np.put_along_axis(X, I, x, axis=1)
        np.put_along_axis(Y, J, y, axis=1)
        pts_all.append(pts.astype(np.int64))
        X_all.append(X)
        Y_all.append(Y)
    return np.concatenate(pts_all), np.concatenate(X_all), np.concatenate(Y_all)


def _kernel(work: int):
    """The compiled kernel when it is loaded already or ``work`` (bases times points) makes loading it pay."""
    if work < KERNEL_WORK and "bargaining.solvers.cramer" not in sys.modules:
        return None
    try:
        from bargaining.solvers import cramer
    except ImportError:  # numba missing: the vectorised path
        return None
    return cramer


def _by_cramer(m: int, n: int) -> bool:
    """Shapes solved by certified support enumeration over all bases at once (vectorised numpy)."""
    return min(m, n) <= MAX_SUPPORT and comb(m + n, m) - 1 <= MAX_BASES


def _searched(m: int, n: int) -> bool:
    """Shapes solved by the compiled search of the vertex graphs, point by point."""
    return m + n <= 64 and _lexsearch() is not None


def _lexsearch():
    try:
        from bargaining.solvers import lexsearch
    except ImportError:  # numba missing: the Cramer path, or the exact solver, instead
        return None
    return lexsearch


def _search_points(An, Bn, dA, dB, tol, undecided):
    """Equilibria by a certified search of both polytopes' vertex graphs, point by point (compiled)."""
    m, n, P = An.shape
    MP = np.zeros((P, n, m + n + 1))
    MP[:, :, :m] = (1.0 + Bn.transpose(2, 1, 0)) / 2  # column j of B: entries in [1/2, 1]
    MP[:, np.arange(n), m + np.arange(n)] = 1.0
    MP[:, :, -1] = 1.0
    MQ = np.zeros((P, m, m + n + 1))
    MQ[:, np.arange(m), np.arange(m)] = 1.0
    MQ[:, :, m : m + n] = (1.0 + An.transpose(2, 0, 1)) / 2
    MQ[:, :, -1] = 1.0
    margin = np.stack([np.broadcast_to(dA, (P,)), np.broadcast_to(dB, (P,))], axis=1) / 2
    max_bases = min(comb(m + n, m), MAX_SEARCH_BASES)
    und, point, X, Y = _lexsearch().batch_search(
        MP, MQ, np.arange(m, m + n), np.arange(m), np.ascontiguousarray(margin), tol, ACCURACY, max_bases
    )
    undecided |= und
    return point, X, Y


def _concatenate(parts: list[BatchResult], tol: float) -> BatchResult:
    """One result from the results of consecutive slices of the points."""
    offsets = np.cumsum([0] + [r.n_points for r in parts[:-1]])
    return BatchResult(
        n_points=sum(r.n_points for r in parts),
        point=np.concatenate([r.point + o for r, o in zip(parts, offsets)]),
        x=np.concatenate([r.x for r in parts]),
        y=np.concatenate([r.y for r in parts]),
        payoffs=np.concatenate([r.payoffs for r in parts]),
        exact=np.concatenate([r.exact for r in parts]),
        degenerate=np.concatenate([r.degenerate for r in parts]),
        solutions={int(p + o): sol for r, o in zip(parts, offsets) for p, sol in r.solutions.items()},
        tol=tol,
    )


def keep_freed_memory(nbytes: int = 32 << 20) -> bool:
    """Ask the C allocator to keep up to ``nbytes`` of freed memory instead of returning it at once.

    The batch solver allocates and frees many arrays of a few hundred
    kilobytes per chunk. glibc's malloc returns freed memory at the top of the
    heap to the system as soon as more than 128 KiB is free there (and serves
    blocks above its threshold with fresh ``mmap`` calls), so every chunk
    faults the same pages in again; that costs more than the arithmetic.
    Raising the trim and mmap thresholds (``mallopt``) keeps that memory for
    reuse. The command line calls this once per run; it changes the whole
    process, so a library user decides for themselves. Returns False where
    there is no glibc (the call then does nothing).
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
    ok = mallopt(M_TRIM_THRESHOLD, ctypes.c_int(nbytes))
    ok &= mallopt(M_TOP_PAD, ctypes.c_int(1 << 20))
    ok &= mallopt(M_MMAP_THRESHOLD, ctypes.c_int(nbytes))
    return bool(ok)


def _rank_within_points(point, X, Y) -> np.ndarray:
    """Order equilibria within each point by ``-x`` then ``-y`` (as the exact solver does)."""
    if len(point) == 0:
        return np.zeros(0, dtype=np.int64)
    keys = [-np.round(Y[:, j], 12) for j in reversed(range(Y.shape[1]))]
    keys += [-np.round(X[:, i], 12) for i in reversed(range(X.shape[1]))]
    keys.append(point)
    order = np.lexsort(keys)
    rank = np.empty(len(point), dtype=np.int64)
    sorted_points = point[order]
    starts = np.searchsorted(sorted_points, sorted_points, side="left")
    rank[order] = np.arange(len(point)) - starts
    return rank
