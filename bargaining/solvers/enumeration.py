r"""Exact enumeration of all extreme Nash equilibria of a bimatrix game, vertex by vertex.

Mathematics
-----------
Let :math:`A, B` be the :math:`m \times n` payoff matrices of the row and the
column player. Adding a constant to all payoffs of one player, or multiplying
them by a positive constant, changes no best response, so we may assume
:math:`A > 0` and :math:`B > 0` entrywise. The *best-response polytopes* are
(von Stengel 2002, section 3)

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

Number the pure strategies :math:`0, \dots, m - 1` (rows) and
:math:`m, \dots, m + n - 1` (columns). A point :math:`x \in P` has label
:math:`i` if :math:`x_i = 0` and label :math:`m + j` if :math:`(B^\top x)_j = 1`
(column :math:`j` is a best response to :math:`x`); a point :math:`y \in Q` has
label :math:`m + j` if :math:`y_j = 0` and label :math:`i` if
:math:`(A y)_i = 1`. A pair :math:`(x, y) \ne (0, 0)` is *completely labelled*
if every one of the :math:`m + n` labels is a label of :math:`x` or of
:math:`y`; then :math:`(x / \sum_i x_i, y / \sum_j y_j)` is a Nash equilibrium,
and every Nash equilibrium arises this way from a point pair. The Nash
equilibria form a finite union of convex polytopes, the products
:math:`X \times Y` of faces of :math:`P` and :math:`Q`; their vertices, the
*extreme equilibria*, are exactly the completely labelled pairs of *vertices*
of :math:`P \times Q` other than :math:`(0, 0)`, normalised (von Stengel 2002;
Avis, Rosenberg, Savani and von Stengel 2010). This holds for degenerate games
too, and it is what Gambit's ``enummixed`` and ``lrsnash`` compute.

The game is *nondegenerate* if no vertex of :math:`P` has more than :math:`m`
labels and no vertex of :math:`Q` more than :math:`n`; then the equilibria are
isolated and their number is odd (von Stengel 2002).

Algorithm: a search of the vertex graph by pivoting
---------------------------------------------------
With slack variables, :math:`P` is :math:`B^\top x + s = 1,\ x, s \ge 0` and
:math:`Q` is :math:`s + A y = 1,\ s, y \ge 0`. Variables are numbered by their
labels (in :math:`P`, :math:`x_i` is variable :math:`i` and the slack of
column :math:`j` is variable :math:`m + j`; in :math:`Q` the slack of row
:math:`i` is variable :math:`i` and :math:`y_j` is variable :math:`m + j`), so
the labels of a basic solution are its nonbasic variables together with its
basic variables that happen to be zero. Every vertex is a basic feasible
solution; the all-slack basis is the vertex 0.

Degenerate vertices (ties) have many bases, and pivoting among them can cycle
or wander. The *lexicographic rule* (Dantzig, Orden and Wolfe 1955) settles
this: perturb the right-hand side to :math:`1 + (\varepsilon, \varepsilon^2,
\dots)`; a basis is *lex-feasible* if every row of :math:`[\bar b \mid
B^{-1}]` is lexicographically positive, that is if its basic solution of the
perturbed system is positive for all small :math:`\varepsilon > 0`. The
perturbed polytope is simple, its vertices are the lex-feasible bases, and its
graph is connected (Balinski 1961), so a depth-first search from the
all-slack basis that, for every nonbasic variable, enters it and lets the
row of the lexicographically smallest ratio :math:`([\bar b \mid B^{-1}]_r) /
t_{rj}` leave, visits every lex-feasible basis. Every vertex of the original
polytope has at least one lex-feasible basis (the lexicographic simplex method
reaches it when minimising a linear objective that only it minimises), so
the search finds every vertex, with exact labels. This is the reverse-search
and pivoting framework of lrs (Avis and Fukuda 1992), with a table of visited
bases in place of the reverse pivot.

The cost grows with the number of vertices, not with the
:math:`\binom{m+n}{m}` bases: a random :math:`15 \times 15` game has about
60,000 vertices per polytope against :math:`1.5 \cdot 10^8` bases.

Exact where it matters, floating point where it is safe
-------------------------------------------------------
Small games are searched in exact integer arithmetic throughout: payoffs are
mapped by a positive affine map per player to positive integers, the
tableau is kept *fraction-free* (every entry an integer, a minor of the
constraint matrix, over the common denominator :math:`\det B`, the pivot rule
of lrs), and every comparison of the ratio test is an exact
cross-multiplication.

Larger games are searched by a compiled floating-point kernel
(:mod:`bargaining.solvers.lexsearch`, numba) that recomputes each basis's
tableau by Gauss-Jordan elimination with partial pivoting and accepts a basis
only when floating point *decides* it: every basic variable exceeds the error
bound :math:`10^3 k^2 \kappa_\infty u (1 + \max |T|)` (the forward error
bound of an elimination with condition number :math:`\kappa`, with the wide
margin the basis enumeration uses; Higham 2002, ch. 9), and in every ratio
test one row's ratio is smaller than every other's by more than their error
bounds. Such a basis is a nondegenerate vertex whose labels are exactly its
nonbasic variables, and its neighbours are exactly the float ones. Every other
basis -- a degenerate vertex (a zero basic variable, a tie in a ratio test),
an ill-conditioned one -- is handed back and settled in exact arithmetic, its
lexicographic neighbours computed exactly and searched on. So the set of bases
visited, and every label set, is exactly that of the exact search.

Candidate pairs are matched on label sets (a simple vertex's label set is the
complement of its basis, so a pair of simple vertices is found by hashing),
then each vertex in a pair is recomputed from its basis in exact integer
arithmetic (fraction-free elimination, in compiled int64 arithmetic where
Hadamard's bound on the minors shows that nothing can overflow, on Python
integers otherwise) and its exact label set is checked against the claimed
one before the pair is returned; should a check ever fail, that polytope is searched
again in exact arithmetic throughout.

References
----------
B. von Stengel, "Computing equilibria for two-person games", in R. J. Aumann
and S. Hart (eds.), *Handbook of Game Theory with Economic Applications*,
vol. 3, ch. 45, pp. 1723-1759, North-Holland, 2002.

D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010), pp. 9-37.

D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", *Discrete and Computational
Geometry* 8 (1992), pp. 295-313.

G. B. Dantzig, A. Orden and P. Wolfe, "The generalized simplex method for
minimizing a linear form under linear inequality restraints", *Pacific
Journal of Mathematics* 5 (1955), pp. 183-195.

M. L. Balinski, "An algorithm for finding all vertices of convex polyhedral
sets", *Journal of the SIAM* 9 (1961), pp. 72-88.

N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
SIAM, 2002.
"""

from __future__ import annotations

import numbers
import operator
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm

import numpy as np

from bargaining.errors import InputError, SolverError

__all__ = ["ExtremeEquilibria", "extreme_equilibria", "COMPILED_FROM"]

#: Games with at least this many strategies in all (``m + n``) are searched by
#: the compiled floating-point kernel when numba is installed; smaller ones in
#: exact arithmetic throughout, which is quick there and needs no compiler.
COMPILED_FROM = 11


@dataclass(frozen=True)
class ExtremeEquilibria:
    """All extreme Nash equilibria of a bimatrix game, in exact arithmetic.

    Attributes
    ----------
    pairs : tuple of (tuple of Fraction, tuple of Fraction)
        The extreme equilibria ``(x, y)``: mixed strategies of the row and
        column player, each summing to 1, sorted by
        ``tuple(-p for p in x) + tuple(-q for q in y)``.
    degenerate : bool
        Whether some vertex of a best-response polytope has more than ``m``
        (for ``P``) or ``n`` (for ``Q``) labels.
    exact_fallbacks : int
        Number of bases the floating-point search could not decide (such as
        ill-conditioned ones) and handed to exact arithmetic; 0 for games
        searched in exact arithmetic throughout.
    vertices : tuple of int, or None
        The numbers of vertices of the best-response polytopes ``P`` and
        ``Q``, the vertex 0 included (what the search's cost grows with);
        None from solvers that do not enumerate them.
    """

    pairs: tuple[tuple[tuple[Fraction, ...], tuple[Fraction, ...]], ...]
    degenerate: bool
    exact_fallbacks: int
    vertices: tuple[int, int] | None = None


def extreme_equilibria(A, B, *, compiled: bool | None = None) -> ExtremeEquilibria:
    """Return every extreme Nash equilibrium of the bimatrix game ``(A, B)``.

    Parameters
    ----------
    A, B : sequence of sequence of Fraction or int
        The ``m x n`` payoff matrices of the row and the column player.
    compiled : bool, optional
        Search with the compiled floating-point kernel (True) or in exact
        arithmetic throughout (False). By default the kernel is used for games
        with at least :data:`COMPILED_FROM` strategies in all, when numba is
        installed. The answer is the same either way.

    Returns
    -------
    ExtremeEquilibria
        The extreme equilibria as exact fractions, whether the game is
        degenerate, and how many bases were settled in exact arithmetic.

    Raises
    ------
    InputError
        If the matrices are empty, ragged, of different shapes, or hold
        anything other than exact rationals (floats are refused because their
        exact value is rarely what was meant).

    Examples
    --------
    A coordination game has two pure equilibria and one mixed one:

    >>> eq = extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> for x, y in eq.pairs:
    ...     print([str(p) for p in x], [str(q) for q in y])
    ['1', '0'] ['1', '0']
    ['2/3', '1/3'] ['1/3', '2/3']
    ['0', '1'] ['0', '1']
    >>> eq.degenerate
    False
    """
    A_, B_, m, n = checked_matrices(A, B)
    if compiled is None:
        compiled = m + n >= COMPILED_FROM and _kernel() is not None
    kernel = _kernel() if compiled else None
    if compiled and kernel is None:
        raise SolverError("the compiled search needs numba, which is not installed")
    Aint = positive_integer_matrix(A_)
    Bint = positive_integer_matrix(B_)
    P = _Polytope.row_player(Bint, m, n)
    Q = _Polytope.column_player(Aint, m, n)
    for poly in (P, Q):
        poly.search(kernel)
    pairs = _equilibria(P, Q, m, n, kernel)
    if pairs is None:  # a float label set failed its exact check: search again exactly
        for poly in (P, Q):
            poly.search(None)
        pairs = _equilibria(P, Q, m, n, None)
    # _equilibria returns them descending in (x, y), the order of ``pairs``.
    return ExtremeEquilibria(
        pairs=tuple(pairs),
        degenerate=P.degenerate or Q.degenerate,
        exact_fallbacks=P.exact_bases + Q.exact_bases,
        vertices=(P.vertex_count, Q.vertex_count),
    )


# ---------------------------------------------------------------------------
# Input handling (shared with bargaining.solvers.enumeration_bases)


def checked_matrices(A, B) -> tuple[list[list[int | Fraction]], list[list[int | Fraction]], int, int]:
    """``A`` and ``B`` as rectangular matrices of exact rationals of one shape, and that shape."""
    A_ = fraction_matrix(A, "A")
    B_ = fraction_matrix(B, "B")
    m, n = len(A_), len(A_[0])
    if (len(B_), len(B_[0])) != (m, n):
        raise InputError(
            f"A and B must have the same shape; A is {m}x{n}, B is {len(B_)}x{len(B_[0])}"
        )
    return A_, B_, m, n


def fraction_matrix(M, name: str) -> list[list[int | Fraction]]:
    """``M`` as a rectangular list of rows of exact rationals; ``name`` is used in errors.

    Integers (Python's, numpy's, bools) become Python ints, every other
    rational a Fraction: integer payoffs, the common case, then need no
    Fraction arithmetic at all.
    """
    try:
        rows = [list(row) for row in M]
    except TypeError:
        raise InputError(f"{name} must be a sequence of rows, got {type(M).__name__}") from None
    if not rows or not rows[0]:
        raise InputError(f"{name} must have at least one row and one column")
    width = len(rows[0])
    out = []
    for i, row in enumerate(rows):
        if len(row) != width:
            raise InputError(
                f"{name} must be rectangular: row 0 has {width} entries, row {i} has {len(row)}"
            )
        if all(type(v) is int for v in row):
            out.append(row)
            continue
        out_row = []
        for j, v in enumerate(row):
            if isinstance(v, numbers.Integral):
                out_row.append(int(v))
            elif isinstance(v, numbers.Rational):
                out_row.append(Fraction(v))
            else:
                raise InputError(
                    f"expected an int or Fraction, found {type(v).__name__} {v!r}",
                    where=f"{name}[{i}][{j}]",
                )
        out.append(out_row)
    return out


def positive_integer_matrix(M: list[list[int | Fraction]]) -> list[list[int]]:
    """Positive affine image of ``M`` with integer entries >= 1.

    Each entry becomes ``(v - min + 1) * s``, ``s`` the least positive
    number that makes them all integers.

    Positive entries keep the polytope bounded and let every exact
    computation run on Python ints, which are much faster than Fractions.
    The arithmetic is on integers throughout: every entry is first scaled by
    the common denominator ``L`` of all entries, and the result divided by
    the greatest common divisor of its entries (which is ``L / s``: the
    entry at the minimum is ``L``, and ``s`` is the least common denominator
    of the shifted entries).
    """
    flat = [v for row in M for v in row]
    L = lcm(*(v.denominator for v in flat))
    low = min(flat)
    low_L = low.numerator * (L // low.denominator)
    if L == 1:
        return [[v.numerator - low_L + 1 for v in row] for row in M]
    scaled = [[v.numerator * (L // v.denominator) - low_L + L for v in row] for row in M]
    g = gcd(*(v for row in scaled for v in row))
    return [[v // g for v in row] for row in scaled]


# ---------------------------------------------------------------------------
# The compiled kernel is optional and imported only when a large game needs it.

_KERNEL: list = []


def _kernel():
    if not _KERNEL:
        try:
            from bargaining.solvers import lexsearch
        except ImportError:  # numba missing: exact search throughout
            lexsearch = None
        _KERNEL.append(lexsearch)
    return _KERNEL[0]


# ---------------------------------------------------------------------------
# Exact fraction-free tableaux. A tableau is (T, D, rowvar): T is the list of
# rows of the integer matrix D * B^{-1} [M | 1], D = det(B) (of either sign),
# and rowvar[r] the basic variable of row r.


def _pivot(T: list[list[int]], D: int, r: int, j: int) -> tuple[list[list[int]], int]:
    """Exact pivot on row ``r``, column ``j`` (the rule of lrs): every entry stays an integer.

    With ``p = T[r][j]`` the new denominator is ``p``, row ``r`` is unchanged
    and every other row ``i`` becomes ``(p T_i - T_ij T_r) / D``; the division
    is exact because the result is a minor of the constraint matrix.
    """
    Tr = T[r]
    p = Tr[j]
    out = []
    for i, Ti in enumerate(T):
        if i == r:
            out.append(Tr)
            continue
        f = Ti[j]
        if f:
            out.append([(a * p - f * b) // D for a, b in zip(Ti, Tr)])
        elif p == D:
            out.append(Ti)
        else:
            out.append([a * p // D for a in Ti])
    return out, p


def _lex_leaving(T: list[list[int]], D: int, j: int, lexcols: tuple[int, ...]) -> int:
    """The row that leaves when variable ``j`` enters, by the lexicographic ratio test.

    Candidates are the rows with ``T[r][j] / D > 0``; among them the row of
    the lexicographically smallest ``(rhs, B^{-1} row) / T[r][j]``, compared
    exactly by cross-multiplication (the denominators share the sign of D).
    The rows of ``B^{-1}`` are independent, so exactly one row remains.
    """
    positive = D > 0
    cand = [r for r, row in enumerate(T) if row[j] and (row[j] > 0) == positive]
    if not cand:
        raise SolverError("unbounded edge in a bounded best-response polytope")
    for c in lexcols:
        if len(cand) == 1:
            break
        best = [cand[0]]
        bn, bd = T[cand[0]][c], T[cand[0]][j]
        for r in cand[1:]:
            a, b = T[r][c], T[r][j]
            lhs, rhs = a * bd, bn * b
            if lhs < rhs:
                best = [r]
                bn, bd = a, b
            elif lhs == rhs:
                best.append(r)
        cand = best
    if len(cand) != 1:
        raise SolverError("lexicographic ratio test left a tie")
    return cand[0]


@dataclass(frozen=True)
class _Vertex:
    key: tuple  # canonical exact coordinates (numerators over a positive denominator)
    nums: tuple[int, ...]  # coordinates z = nums / den
    den: int
    mask: int  # exact labels


def _vertex_of(nums: list[int], den: int, mask: int) -> _Vertex:
    if den < 0:
        den, nums = -den, [-v for v in nums]
    g = gcd(den, *nums)
    key = (tuple(v // g for v in nums), den // g)
    return _Vertex(key=key, nums=tuple(nums), den=den, mask=mask)


class _Polytope:
    """One best-response polytope in slack form ``M z = 1, z >= 0`` over the ``m + n`` label variables.

    After :meth:`search`:

    - ``bases``, ``labels``: ``(N, W)`` uint64 masks of the bases the float
      kernel decided and of their vertices' labels;
    - ``exact``: the vertices settled in exact arithmetic, by exact
      coordinates, with their exact label masks;
    - ``exact_bases``: how many bases were settled exactly;
    - ``degenerate``: whether some vertex has more than ``d`` labels;
    - ``vertex_count``: how many distinct vertices (after :meth:`vertex_table`).
    """

    def __init__(self, rows: list[list[int]], coords: range, slack_of_row: list[int], nv: int):
        self.rows = rows  # e rows of length nv + 1 (last entry: the right-hand side 1)
        self.e = len(rows)
        self.nv = nv
        self.coords = coords
        self.d = len(coords)
        self.slack_of_row = slack_of_row
        self.lexcols = (nv,) + tuple(slack_of_row)
        self.full = (1 << nv) - 1
        self.start = sum(1 << v for v in slack_of_row)
        self.W = (nv + 63) // 64
        self.bases = self.labels = np.zeros((0, self.W), dtype=np.uint64)
        self.exact: dict[tuple, _Vertex] = {}
        self.exact_bases = 0
        self.degenerate = False
        self.vertex_count = 0

    @classmethod
    def row_player(cls, B: list[list[int]], m: int, n: int) -> _Polytope:
        # Column j of B: sum_i B[i][j] x_i + s_j = 1, with x_i variable i and s_j variable m + j.
        rows = [[B[i][j] for i in range(m)] + [int(k == j) for k in range(n)] + [1] for j in range(n)]
        return cls(rows, range(0, m), [m + j for j in range(n)], m + n)

    @classmethod
    def column_player(cls, A: list[list[int]], m: int, n: int) -> _Polytope:
        # Row i of A: s_i + sum_j A[i][j] y_j = 1, with s_i variable i and y_j variable m + j.
        rows = [[int(k == i) for k in range(m)] + list(A[i]) + [1] for i in range(m)]
        return cls(rows, range(m, m + n), list(range(m)), m + n)

    # -- exact pieces -------------------------------------------------------------

    def _tableau_from_scratch(self, mask: int):
        """The exact tableau of basis ``mask``, pivoting its non-slack variables into the slack basis."""
        T = [row[:] for row in self.rows]
        D = 1
        rowvar = list(self.slack_of_row)
        for v in range(self.nv):
            if mask >> v & 1 and v not in self.slack_of_row:
                r = next(
                    (r for r, row in enumerate(T) if row[v] and not mask >> rowvar[r] & 1), None
                )
                if r is None:
                    raise SolverError(f"basis {mask:#x} is singular")
                T, D = _pivot(T, D, r, v)
                rowvar[r] = v
        return T, D, rowvar

    def _record_exact(self, mask: int, T, D: int, rowvar) -> None:
        """Record the vertex of an exact lex-feasible tableau, with its exact labels."""
        nv = self.nv
        labels = self.full & ~mask
        nums = [0] * self.d
        lo = self.coords.start
        positive = D > 0
        for r, v in enumerate(rowvar):
            row = T[r]
            value = row[nv]
            if value == 0:
                labels |= 1 << v
                # lex-feasibility: the first nonzero of the row's lexicographic part has the sign of D
                lead = next((row[c] for c in self.lexcols[1:] if row[c]), 0)
                if not lead or (lead > 0) != positive:
                    raise SolverError(f"basis {mask:#x} is not lexicographically feasible")
            elif (value > 0) != positive:
                raise SolverError(f"basis {mask:#x} is infeasible")
            if v in self.coords:
                nums[v - lo] = value
        vertex = _vertex_of(nums, D, labels)
        self.exact.setdefault(vertex.key, vertex)
        if labels.bit_count() > self.d:
            self.degenerate = True

    def _neighbours(self, mask: int, T, D: int, rowvar):
        """Yield ``(new mask, leaving row, entering variable)`` for every nonbasic variable."""
        for j in range(self.nv):
            if not mask >> j & 1:
                r = _lex_leaving(T, D, j, self.lexcols)
                yield mask ^ (1 << rowvar[r]) ^ (1 << j), r, j

    def vertex_of_basis(self, mask: int) -> _Vertex:
        """The exact vertex of a basis, solving only its square system for the basic coordinates."""
        I = [v for v in self.coords if mask >> v & 1]
        K = [r for r, s in enumerate(self.slack_of_row) if not mask >> s & 1]
        nums = [0] * self.d
        den = 1
        if I:
            solved = _solve_square([[self.rows[r][v] for v in I] for r in K])
            if solved is None:
                raise SolverError(f"basis {mask:#x} is singular")
            N, den = solved
            for v, value in zip(I, N):
                nums[v - self.coords.start] = value
        labels = 0
        for v, value in zip(self.coords, nums):
            if value < 0:
                raise SolverError(f"basis {mask:#x} is infeasible")
            if value == 0:
                labels |= 1 << v
        zI = [nums[v - self.coords.start] for v in I]
        for r, s in enumerate(self.slack_of_row):
            row = self.rows[r]
            value = sum(map(operator.mul, [row[v] for v in I], zI))
            if value > den:
                raise SolverError(f"basis {mask:#x} is infeasible")
            if value == den:
                labels |= 1 << s
        return _vertex_of(nums, den, labels)

    # -- the search ---------------------------------------------------------------

    def search(self, kernel) -> None:
        self.bases = self.labels = np.zeros((0, self.W), dtype=np.uint64)
        self.exact = {}
        self.exact_bases = 0
        self.degenerate = False
        if kernel is None:
            self._search_exact()
        else:
            self._search_compiled(kernel)

    def _search_exact(self) -> None:
        T0 = [row[:] for row in self.rows]
        stack = [(self.start, T0, 1, list(self.slack_of_row))]
        seen = {self.start}
        # The lexicographic pivot is reversible: the perturbed polytope is
        # simple, so if j entering at X makes v leave and gives Y, then v
        # entering at Y makes j leave and gives X back. back[Y] collects the
        # entering variables whose ratio test at Y would only lead back to a
        # basis already seen; each edge's ratio test is done once.
        back: dict[int, int] = {}
        lexcols = self.lexcols
        while stack:
            mask, T, D, rowvar = stack.pop()
            self._record_exact(mask, T, D, rowvar)
            skip = mask | back.pop(mask, 0)
            for j in range(self.nv):
                if skip >> j & 1:
                    continue
                r = _lex_leaving(T, D, j, lexcols)
                out = rowvar[r]
                new = mask ^ (1 << out) ^ (1 << j)
                if new not in seen:
                    seen.add(new)
                    back[new] = back.get(new, 0) | 1 << out
                    T2, D2 = _pivot(T, D, r, j)
                    rv2 = list(rowvar)
                    rv2[r] = j
                    stack.append((new, T2, D2, rv2))
                elif new in back:  # seen, still on the stack
                    back[new] |= 1 << out

    def _search_compiled(self, kernel) -> None:
        # Scaling the coordinates (not the rows) by the largest payoff keeps
        # the slack columns, and so B^{-1}, as they are; int / int division
        # rounds correctly however large the integers.
        top = max(row[v] for row in self.rows for v in self.coords)
        Mf = np.array(
            [
                [row[v] / top if v in self.coords else float(row[v]) for v in range(self.nv)] + [1.0]
                for row in self.rows
            ],
            dtype=float,
        )
        coord = np.array([v in self.coords for v in range(self.nv)])
        search = kernel.Search(Mf, np.array(self.slack_of_row, dtype=np.int64), coord, float(top))
        W = self.W
        seeds = [self.start]
        pending: dict[int, tuple[int, int, int]] = {}  # mask -> (parent, leaving row, entering variable)
        tableaux: dict[int, tuple] = {}  # exact tableaux of the bases settled exactly
        generated = {self.start}
        bases, labels = [], []
        while seeds:
            found, found_labels, unsure = search.explore(_words(seeds, W))
            bases.append(found)
            labels.append(found_labels)
            seeds = []
            for mask in _ints(unsure):
                if mask in tableaux:
                    continue
                if mask in pending:
                    parent, r, j = pending.pop(mask)
                    T, D, rowvar = tableaux[parent]
                    T, D = _pivot(T, D, r, j)
                    rowvar = list(rowvar)
                    rowvar[r] = j
                else:
                    T, D, rowvar = self._tableau_from_scratch(mask)
                tableaux[mask] = (T, D, rowvar)
                self.exact_bases += 1
                self._record_exact(mask, T, D, rowvar)
                for new, r, j in self._neighbours(mask, T, D, rowvar):
                    if new not in generated:
                        generated.add(new)
                        pending[new] = (mask, r, j)
                        seeds.append(new)
        self.bases = np.concatenate(bases)
        self.labels = np.concatenate(labels)
        if _popcounts(self.labels).max(initial=0) > self.d:
            self.degenerate = True

    # -- the vertices found, as one table ------------------------------------------

    def vertex_table(self) -> tuple[np.ndarray, list]:
        """Label masks ``(N, W)`` of the distinct vertices found, and for each its source.

        A vertex is determined by its label set (the constraints tight at
        it). Its source is the exact :class:`_Vertex` where it was settled
        exactly, else one of its bases (an int) decided in floating point.
        """
        exact = {v.mask: v for v in self.exact.values()}
        if not len(self.labels):
            labels, first = self.labels, np.zeros(0, dtype=np.intp)
        elif self.W == 1:
            flat, first = np.unique(self.labels[:, 0], return_index=True)
            labels = flat.reshape(-1, 1)
        else:
            labels, first = np.unique(self.labels, axis=0, return_index=True)
        keep = [row for row, mask in enumerate(_ints(labels)) if mask not in exact]
        sources: list = _ints(self.bases[first[keep]]) if keep else []
        table = np.concatenate([labels[keep], _words(list(exact), self.W)])
        sources.extend(exact.values())
        self.vertex_count = len(table)
        return table, sources

    def vertices_of_bases(self, masks: list[int], kernel) -> list[_Vertex]:
        """:meth:`vertex_of_basis` for many bases at once.

        With the compiled kernel, every basis whose numbers fit is solved in
        int64 arithmetic that cannot overflow (:func:`lexsearch.exact_vertices
        <bargaining.solvers.lexsearch.exact_vertices>`, the same elimination);
        the others, and every basis without the kernel, on Python integers.
        """
        if kernel is None or not masks or max(abs(v) for row in self.rows for v in row) >= 1 << 31:
            return [self.vertex_of_basis(mask) for mask in masks]
        coords = list(self.coords)
        Mc = np.array([[row[v] for v in coords] for row in self.rows], dtype=np.int64)
        nums, dets, labels, key_nums, key_den, status = kernel.exact_vertices(
            Mc, np.array(coords, dtype=np.int64), np.array(self.slack_of_row, dtype=np.int64), _words(masks, self.W)
        )
        out = []
        for mask, st, row, det, lab, knum, kden in zip(
            masks, status.tolist(), nums.tolist(), dets.tolist(), _ints(labels), key_nums.tolist(), key_den.tolist()
        ):
            if st:
                out.append(self.vertex_of_basis(mask))
            else:
                out.append(_Vertex(key=(tuple(knum), kden), nums=tuple(row), den=det, mask=lab))
        return out


def _solve_square(M: list[list[int]]):
    """Solve ``M z = 1`` exactly by fraction-free (Bareiss) elimination.

    Returns ``(N, det)`` with ``z = N / det`` and ``det > 0``, or ``None`` if
    ``M`` is singular.
    """
    k = len(M)
    a = [list(row) + [1] for row in M]
    prev = 1
    for c in range(k):
        p = c
        while p < k and a[p][c] == 0:
            p += 1
        if p == k:
            return None
        if p != c:
            a[c], a[p] = a[p], a[c]
        rc = a[c]
        piv = rc[c]
        for r in range(c + 1, k):
            rr = a[r]
            f = rr[c]
            for j in range(c + 1, k + 1):
                rr[j] = (rr[j] * piv - f * rc[j]) // prev
        prev = piv
    det = prev
    N = [0] * k
    for i in range(k - 1, -1, -1):
        row = a[i]
        s = det * row[k]
        for j in range(i + 1, k):
            s -= row[j] * N[j]
        q, r = divmod(s, row[i])
        if r:
            raise SolverError("inexact division in Bareiss back substitution")
        N[i] = q
    if det < 0:
        det = -det
        N = [-v for v in N]
    return N, det


# ---------------------------------------------------------------------------
# Masks: Python ints here, arrays of W little-endian uint64 words in the kernel.

_WORD = (1 << 64) - 1


def _words(masks: list[int], W: int) -> np.ndarray:
    return np.array([[(v >> (64 * w)) & _WORD for w in range(W)] for v in masks], dtype=np.uint64).reshape(-1, W)


def _ints(words: np.ndarray) -> list[int]:
    out = []
    for row in words.tolist():
        v = 0
        for w, x in enumerate(row):
            v |= x << (64 * w)
        out.append(v)
    return out


def _popcounts(words: np.ndarray) -> np.ndarray:
    bits = np.unpackbits(words.view(np.uint8), axis=1) if len(words) else np.zeros((0, 1), dtype=np.uint8)
    return bits.sum(axis=1)


def _equilibria(P: _Polytope, Q: _Polytope, m: int, n: int, kernel):
    """The completely labelled vertex pairs, certified exactly and sorted; None if a float label set was wrong.

    ``kernel`` is the compiled module the polytopes were searched with, or None.
    """
    if kernel is None and len(P.exact) * len(Q.exact) <= _SMALL_PRODUCT:
        return _equilibria_exact(P, Q)
    LP, src_P = P.vertex_table()
    LQ, src_Q = Q.vertex_table()
    full = _words([P.full], P.W)[0]
    simple_P = _popcounts(LP) == m
    simple_Q = _popcounts(LQ) == n
    iP, iQ = np.flatnonzero(simple_P), np.flatnonzero(simple_Q)
    found_a, found_b = [], []

    # Simple against simple: the labels of x and y are complementary sets of m and n labels.
    if len(iP) and len(iQ):
        wanted = LP[iP] ^ full
        if P.W == 1:
            keys_q = LQ[iQ, 0]
            order = np.argsort(keys_q)
            pos = np.minimum(np.searchsorted(keys_q[order], wanted[:, 0]), len(iQ) - 1)
            hit = keys_q[order][pos] == wanted[:, 0]
            found_a.append(iP[hit])
            found_b.append(iQ[order[pos[hit]]])
        else:
            where = {tuple(row): b for b, row in zip(iQ.tolist(), LQ[iQ].tolist())}
            hits = [(a, where[tuple(row)]) for a, row in zip(iP.tolist(), wanted.tolist()) if tuple(row) in where]
            found_a.append(np.array([a for a, _ in hits], dtype=np.intp))
            found_b.append(np.array([b for _, b in hits], dtype=np.intp))
    # Every pair with a degenerate vertex, by comparing it with all of the other side at once.
    for rows, L_rows, L_all, swap in ((np.flatnonzero(~simple_P), LP, LQ, False),
                                      (np.flatnonzero(~simple_Q), LQ, LP, True)):
        step = max(1, (1 << 22) // max(1, len(L_all)))
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            ok = np.ones((len(chunk), len(L_all)), dtype=bool)
            for w in range(P.W):
                ok &= (L_rows[chunk, w][:, None] | L_all[None, :, w]) == full[w]
            r, c = np.nonzero(ok)
            found_a.append(c if swap else chunk[r])
            found_b.append(chunk[r] if swap else c)
    if found_a:
        code = np.unique(np.concatenate(found_a).astype(np.int64) * len(LQ) + np.concatenate(found_b))
        pairs = list(zip((code // len(LQ)).tolist(), (code % len(LQ)).tolist()))
    else:
        pairs = []

    # The exact vertices of the pairs, each computed once.
    claimed_P, claimed_Q = _ints(LP), _ints(LQ)
    exact_P = _exact_vertices(P, src_P, sorted({a for a, _ in pairs}), kernel)
    exact_Q = _exact_vertices(Q, src_Q, sorted({b for _, b in pairs}), kernel)
    if any(v.mask != claimed_P[a] for a, v in exact_P.items()) or any(
        v.mask != claimed_Q[b] for b, v in exact_Q.items()
    ):
        return None
    kept = [(a, b) for a, b in pairs if any(exact_P[a].nums) and any(exact_Q[b].nums)]  # not the pair (0, 0)

    # Descending in (x, y): rank the distinct strategies of each side, then sort the pairs by rank.
    fractions: dict[tuple[int, int], Fraction] = {}
    rank_P, x_of = _ranked_strategies([exact_P[a] for a in {a for a, _ in kept}], fractions)
    rank_Q, y_of = _ranked_strategies([exact_Q[b] for b in {b for _, b in kept}], fractions)
    ordered = sorted({(rank_P[exact_P[a].key], rank_Q[exact_Q[b].key]) for a, b in kept})
    return [(x_of[i], y_of[j]) for i, j in ordered]


#: Below this many vertex pairs, the pairs of two exactly searched polytopes
#: are matched in plain Python (quicker than arrays at that size).
_SMALL_PRODUCT = 1 << 14


def _equilibria_exact(P: _Polytope, Q: _Polytope):
    """:func:`_equilibria` for two polytopes searched in exact arithmetic throughout: every pair of vertices tried."""
    full = P.full
    VP = [u for u in P.exact.values() if any(u.nums)]  # not the vertex 0
    VQ = [v for v in Q.exact.values() if any(v.nums)]
    P.vertex_count, Q.vertex_count = len(P.exact), len(Q.exact)
    kept = [(u, v) for u in VP for v in VQ if u.mask | v.mask == full]
    fractions: dict[tuple[int, int], Fraction] = {}
    rank_P, x_of = _ranked_strategies(list({u.key: u for u, _ in kept}.values()), fractions)
    rank_Q, y_of = _ranked_strategies(list({v.key: v for _, v in kept}.values()), fractions)
    return [(x_of[i], y_of[j]) for i, j in sorted({(rank_P[u.key], rank_Q[v.key]) for u, v in kept})]


def _exact_vertices(poly: _Polytope, sources: list, indices: list[int], kernel) -> dict[int, _Vertex]:
    """The exact vertex of each row ``indices`` of a vertex table: recorded exactly, or solved from its basis."""
    out = {i: sources[i] for i in indices if isinstance(sources[i], _Vertex)}
    todo = [i for i in indices if i not in out]
    out.update(zip(todo, poly.vertices_of_bases([sources[i] for i in todo], kernel)))
    return out


def _ranked_strategies(vertices: list[_Vertex], fractions: dict) -> tuple[dict, list]:
    """Rank the vertices' normalised strategies in descending lexicographic order.

    Returns ``{vertex key: rank}`` and the strategies (tuples of Fraction) by
    rank. Distinct vertices of a best-response polytope have distinct
    strategies (no vertex lies on the segment from 0 to another). The order
    is sorted on correctly rounded floats, which respect the exact order
    wherever they differ, and then checked exactly pair by adjacent pair
    (integer cross-multiplication); only if that check fails is the list
    sorted by exact comparisons.
    """
    vertices = list({v.key: v for v in vertices}.values())
    totals = [sum(v.nums) for v in vertices]
    order = sorted(range(len(vertices)), key=lambda t: tuple(-c / totals[t] for c in vertices[t].nums))

    def greater(s: int, t: int) -> bool:  # strategy s above strategy t, exactly
        Ts, Tt = totals[s], totals[t]
        for a, b in zip(vertices[s].nums, vertices[t].nums):
            if a * Tt != b * Ts:
                return a * Tt > b * Ts
        return False

    if not all(greater(s, t) for s, t in zip(order, order[1:])):
        from functools import cmp_to_key

        order.sort(key=cmp_to_key(lambda s, t: -1 if greater(s, t) else (1 if greater(t, s) else 0)))
    rank = {}
    strategies = []
    for t in order:
        v, total = vertices[t], totals[t]
        rank[v.key] = len(strategies)
        strat = []
        for c in v.nums:
            f = fractions.get((c, total))
            if f is None:
                f = fractions[(c, total)] = Fraction(c, total)
            strat.append(f)
        strategies.append(tuple(strat))
    return rank, strategies
