r"""Reference: exact extreme equilibria by solving every basis (the solver before vertex enumeration).

Kept as an independent oracle for the tests of
:mod:`bargaining.solvers.enumeration`, which finds the same equilibria by
pivoting from vertex to vertex at a cost that grows with the vertices rather
than with the :math:`\binom{m+n}{m}` bases solved here.

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

Number the pure strategies :math:`1, \dots, m` (rows) and
:math:`m + 1, \dots, m + n` (columns). A point :math:`x \in P` has label
:math:`i` if :math:`x_i = 0` and label :math:`m + j` if :math:`(B^\top x)_j = 1`
(column :math:`j` is a best response to :math:`x`); a point :math:`y \in Q` has
label :math:`m + j` if :math:`y_j = 0` and label :math:`i` if
:math:`(A y)_i = 1`. A pair :math:`(x, y) \ne (0, 0)` is *completely labelled*
if every one of the :math:`m + n` labels is a label of :math:`x` or of
:math:`y`; then :math:`(x / \sum_i x_i, y / \sum_j y_j)` is a Nash equilibrium,
and every Nash equilibrium arises this way from a point pair. The Nash
equilibria of a bimatrix game form a finite union of convex polytopes, the
products :math:`X \times Y` of faces of :math:`P` and :math:`Q`; their vertices,
the *extreme equilibria*, are exactly the completely labelled pairs of
*vertices* of :math:`P \times Q` other than :math:`(0, 0)`, normalised (von
Stengel 2002; Avis, Rosenberg, Savani and von Stengel 2010). This holds for
degenerate games too, and it is what Gambit's ``enummixed`` and ``lrsnash``
compute.

The game is *nondegenerate* if no vertex of :math:`P` has more than :math:`m`
labels and no vertex of :math:`Q` more than :math:`n`; then the equilibria are
isolated and their number is odd (von Stengel 2002).

Algorithm
---------
A vertex of :math:`P` is determined by a *basis*: row and column sets
:math:`I, K` with :math:`|I| = |K| = k \ge 1` such that :math:`B_{IK}` is
nonsingular, :math:`x_i = 0` for :math:`i \notin I` and
:math:`B_{IK}^\top x_I = 1`; it is a vertex if that point is feasible, and
every vertex other than 0 arises so. All bases of both polytopes
(:math:`\binom{m+n}{m} - 1` each) are solved at once in floating point with
numpy's stacked linear algebra. Floating point is only used to *find
candidates*, never to decide the answer:

1. A basis whose matrix is singular or ill-conditioned (condition number
   above :data:`COND_LIMIT`; bounded cheaply from the determinant by
   Guggenheimer, Edelman and Johnson 1995, refined by SVD) is settled in
   exact arithmetic instead and counted in
   :attr:`ExtremeEquilibria.exact_fallbacks`. Exact singularity, common in
   games with ties, is decided for whole stacks of bases at once by
   elimination modulo primes whose product exceeds the Hadamard bound on the
   determinant; the rare nonsingular ones are solved exactly.
2. For a well-conditioned basis the float solution is accurate to a known
   relative error, so feasibility and labels are tested with a tolerance a
   little larger than that error. This yields a superset of the vertices and,
   for each, a superset of its labels, hence a superset of the completely
   labelled vertex pairs. Bases whose solutions round to the same point are
   grouped, so a degenerate vertex with many bases is one candidate.
3. Every vertex in a candidate pair is recomputed from a basis in exact
   integer arithmetic (fraction-free Gaussian elimination), its exact label
   set is determined, vertices reached from several bases are merged, and
   exactly the completely labelled pairs are kept.
4. Degeneracy is decided the same way: only vertices whose float label set is
   too large can have too many labels, and those are checked exactly.

All payoffs are first mapped, by a positive affine transformation per player,
to positive integers, so the exact work runs on Python integers rather than
Fractions; the equilibria are unchanged.

References
----------
B. von Stengel, "Computing equilibria for two-person games", in R. J. Aumann
and S. Hart (eds.), *Handbook of Game Theory with Economic Applications*,
vol. 3, ch. 45, pp. 1723-1759, North-Holland, 2002.

D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010), pp. 9-37.

H. W. Guggenheimer, A. S. Edelman and C. R. Johnson, "A simple estimate of the
condition number of a linear system", *College Mathematics Journal* 26
(1995), pp. 2-5.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from math import comb, gcd

import numpy as np

from bargaining.errors import SolverError
from bargaining.solvers.enumeration import ExtremeEquilibria, checked_matrices, positive_integer_matrix

__all__ = ["extreme_equilibria", "COND_LIMIT"]

#: Bases whose condition number exceeds this are solved exactly: beyond it the
#: float solution may not even have the right sign pattern.
COND_LIMIT = 1e10

# The Guggenheimer bound is cheap but can overestimate; above this value the
# condition number is recomputed by SVD so that few bases are sent to exact
# arithmetic (or given huge tolerances) merely because the bound is loose.
_COND_REFINE = 1e6

# The forward error of an LU solve with partial pivoting is about
# cond * k^2 * growth * eps (Higham, Accuracy and Stability of Numerical
# Algorithms, ch. 9). Tolerances use _ERROR_FACTOR * k^2 * cond * eps, a wide
# margin over the pivot growth seen in practice; a tolerance that is too wide
# only adds candidates, which the exact stage then rejects.
_ERROR_FACTOR = 1e3

# Bases per vectorised chunk; bounds memory to a few tens of megabytes.
_CHUNK = 1 << 14

_EPS = float(np.finfo(float).eps)

# The largest primes below 2**31: residues multiply without overflowing int64.
_PRIMES = (2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497)


def extreme_equilibria(A, B) -> ExtremeEquilibria:
    """Return every extreme Nash equilibrium of the bimatrix game ``(A, B)``.

    Parameters
    ----------
    A, B : sequence of sequence of Fraction or int
        The ``m x n`` payoff matrices of the row and the column player.

    Returns
    -------
    ExtremeEquilibria
        The extreme equilibria as exact fractions, whether the game is
        degenerate, and how many bases needed the exact fallback.

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
    Aint = positive_integer_matrix(A_)
    Bint = positive_integer_matrix(B_)
    # P lives in row space: coordinates are rows (labels 0..m-1), its
    # constraints are columns (labels m..m+n-1). Q is the mirror image.
    P = _Polytope(Bint, coord_label=0, con_label=m, n_labels=m + n)
    Q = _Polytope(_transpose(Aint), coord_label=m, con_label=0, n_labels=m + n)
    for poly in (P, Q):
        poly.enumerate_floats()
    full = (1 << (m + n)) - 1

    seen: set[tuple[tuple, tuple]] = set()
    results = []
    for a, b in _candidate_pairs(P.masks, Q.masks, _words_of(full, P.n_words)):
        for u in P.certify(a):
            for v in Q.certify(b):
                if u.mask | v.mask == full and (u.key, v.key) not in seen:
                    seen.add((u.key, v.key))
                    results.append((u.strategy(), v.strategy()))
    results.sort(key=lambda xy: tuple(-p for p in xy[0]) + tuple(-q for q in xy[1]))

    degenerate = P.is_degenerate() or Q.is_degenerate()
    return ExtremeEquilibria(
        pairs=tuple(results),
        degenerate=degenerate,
        exact_fallbacks=P.exact_fallbacks + Q.exact_fallbacks,
    )


def _transpose(M: list[list[int]]) -> list[list[int]]:
    return [list(col) for col in zip(*M)]


# ---------------------------------------------------------------------------
# Label masks. Masks are Python ints in exact code and arrays of uint64 words
# in vectorised code so that games with more than 64 strategies still work.


def _words_of(mask: int, n_words: int) -> np.ndarray:
    return np.array([(mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(n_words)], dtype=np.uint64)


def _pack(labels: np.ndarray, n_words: int) -> np.ndarray:
    """Pack a boolean (N, L) label array into (N, n_words) uint64 masks."""
    N, L = labels.shape
    padded = np.zeros((N, 64 * n_words), dtype=bool)
    padded[:, :L] = labels
    packed = np.packbits(padded, axis=1, bitorder="little")
    return packed.view("<u8").reshape(N, n_words).astype(np.uint64)


def _candidate_pairs(Mp: np.ndarray, Mq: np.ndarray, full: np.ndarray) -> list[tuple[int, int]]:
    """Index pairs whose (superset) label masks together cover every label."""
    out: list[tuple[int, int]] = []
    if len(Mp) == 0 or len(Mq) == 0:
        return out
    step = max(1, (1 << 22) // (len(Mq) * Mp.shape[1]))
    for lo in range(0, len(Mp), step):
        block = Mp[lo : lo + step]
        ok = ((block[:, None, :] | Mq[None, :, :]) == full).all(axis=2)
        a, b = np.nonzero(ok)
        out.extend(zip((a + lo).tolist(), b.tolist()))
    return out


# ---------------------------------------------------------------------------
# Exact arithmetic


def _solve_exact(C: list[list[int]], I: tuple[int, ...], K: tuple[int, ...]):
    """Solve ``C[I, K]^T z = 1`` exactly by fraction-free (Bareiss) elimination.

    Returns ``(N, det)`` with ``det > 0`` and ``z = N / det``, or ``None`` if
    the matrix is singular. Bareiss keeps every intermediate an integer (a
    minor of the matrix), so no gcd is ever taken.
    """
    k = len(I)
    a = [[C[i][j] for i in I] + [1] for j in K]
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
    # det * z is an integer vector (Cramer's rule) and the final Bareiss pivot
    # is the determinant of the row-permuted matrix, so each division below is
    # exact.
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


def _singular_mod(M: np.ndarray, p: int) -> np.ndarray:
    """Which matrices of the stack ``M`` (entries in [0, p)) are singular mod p.

    Division-free elimination: replacing row r by ``piv * row_r - f * row_c``
    multiplies the determinant by the pivot, which is a unit mod p, so the
    determinant's vanishing mod p is preserved and no inverses are needed.
    """
    N, k, _ = M.shape
    M = M.copy()
    singular = np.zeros(N, dtype=bool)
    everyone = np.arange(N)
    for c in range(k):
        nonzero = M[:, c:, c] != 0
        singular |= ~nonzero.any(axis=1)
        pivot = c + nonzero.argmax(axis=1)
        swap = pivot != c
        if swap.any():
            a, r = everyone[swap], pivot[swap]
            top = M[a, c].copy()
            M[a, c] = M[a, r]
            M[a, r] = top
        if c + 1 < k:
            piv = M[:, c, c][:, None, None]
            f = M[:, c + 1 :, c][:, :, None]
            M[:, c + 1 :, c:] = (M[:, c + 1 :, c:] * piv - f * M[:, None, c, c:]) % p
    return singular


@dataclass(frozen=True)
class _Vertex:
    key: tuple  # canonical exact coordinates, for merging bases
    nums: tuple[int, ...]  # z = nums / den
    den: int
    mask: int  # exact labels

    def strategy(self) -> tuple[Fraction, ...]:
        total = sum(self.nums)
        return tuple(Fraction(v, total) for v in self.nums)


# ---------------------------------------------------------------------------
# One best-response polytope {z >= 0, C^T z <= 1}, C of shape d x e, C > 0.


@lru_cache(maxsize=256)
def _combos(size: int, k: int) -> np.ndarray:
    out = np.array(list(combinations(range(size), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False  # shared through the cache
    return out


def _basis_chunks(d: int, e: int, k: int):
    """Yield (rows, cols, flat) for all bases of size k, in chunks.

    ``flat`` indexes the raveled d x e matrix so that ``Cf.ravel().take(flat)``
    is the stack of transposed basis matrices ``C[I, K]^T``; ``take`` is much
    faster than two-array fancy indexing.
    """
    total = comb(d, k) * comb(e, k)
    if total <= _CHUNK:
        yield _small_basis_chunk(d, e, k)
        return
    Ic, Kc = _combos(d, k), _combos(e, k)
    for lo in range(0, total, _CHUNK):
        yield _basis_block(Ic, Kc, e, lo, min(total, lo + _CHUNK))


@lru_cache(maxsize=64)
def _small_basis_chunk(d: int, e: int, k: int):
    Ic, Kc = _combos(d, k), _combos(e, k)
    return _basis_block(Ic, Kc, e, 0, len(Ic) * len(Kc))


def _basis_block(Ic, Kc, e, lo, hi):
    flat = np.arange(lo, hi)
    rows = Ic[flat // len(Kc)]
    cols = Kc[flat % len(Kc)]
    index = cols[:, :, None] + rows[:, None, :] * e
    for a in (rows, cols, index):
        a.flags.writeable = False  # shared through the cache
    return rows, cols, index


class _Polytope:
    """The polytope {z >= 0, C^T z <= 1} for a positive integer d x e matrix C.

    After :meth:`enumerate_floats`, candidate vertices are organised in
    *groups*: float bases whose solutions round to the same point (in a
    degenerate game many bases share one vertex) form one group, and every
    vertex found by the exact fallback is a group of its own. ``masks[g]`` is
    the union of the float label sets of group ``g``'s bases, a superset of
    the exact labels of each vertex in the group, and :meth:`certify` returns
    the group's exact vertices.
    """

    def __init__(self, C: list[list[int]], *, coord_label: int, con_label: int, n_labels: int):
        self.C = C
        self.d = len(C)
        self.e = len(C[0])
        self.coord_label = coord_label
        self.con_label = con_label
        self.n_labels = n_labels
        self.n_words = (n_labels + 63) // 64
        top = max(max(row) for row in C)
        # Int / int true division rounds correctly even for huge integers.
        self.Cf = np.array([[v / top for v in row] for row in C], dtype=float)
        self._Cflat = self.Cf.ravel()
        self._Cmax = top
        self._Cmod: dict[int, np.ndarray] = {}
        self.exact_fallbacks = 0
        self.masks = np.zeros((0, self.n_words), dtype=np.uint64)
        self.counts = np.zeros(0, dtype=np.intp)
        self._basis_cache: dict[tuple, _Vertex | None] = {}
        self._group_cache: dict[int, list[_Vertex]] = {}
        self._exact: dict[tuple, _Vertex] = {}  # fallback vertices by key
        self._exact_groups: list[_Vertex] = []
        self._n_float_groups = 0
        # Float bases, concatenated chunk by chunk: a basis's global index
        # maps to (chunk, row) through _offsets.
        self._chunks: list[tuple[np.ndarray, np.ndarray]] = []
        self._offsets = np.zeros(1, dtype=np.intp)
        self._members = np.zeros(0, dtype=np.intp)
        self._starts = np.zeros(1, dtype=np.intp)

    # -- floating-point stage ------------------------------------------------

    def enumerate_floats(self) -> None:
        zs: list[np.ndarray] = []
        masks: list[np.ndarray] = []
        for k in range(1, min(self.d, self.e) + 1):
            for rows, cols, index in _basis_chunks(self.d, self.e, k):
                found = self._chunk(k, rows, cols, index)
                if found is not None:
                    rows, cols, z, mask = found
                    self._chunks.append((rows, cols))
                    zs.append(z)
                    masks.append(mask)
        self._offsets = np.cumsum([0] + [len(r) for r, _ in self._chunks])

        group_masks = np.zeros((0, self.n_words), dtype=np.uint64)
        if zs:
            Z = np.concatenate(zs)
            M = np.concatenate(masks)
            # Round coordinates relative to the largest one: bases of the same
            # vertex differ by far less than the grid step. A vertex split
            # across a cell boundary only costs a repeated certification, and
            # distinct vertices merged into one cell are told apart exactly.
            scale = float(np.abs(Z).max()) or 1.0
            cells = np.rint(Z * (2.0**30 / scale)).astype(np.int64)
            _, group = np.unique(cells, axis=0, return_inverse=True)
            group = group.reshape(-1)
            order = np.argsort(group, kind="stable")
            starts = np.flatnonzero(np.r_[True, np.diff(group[order]) != 0])
            self._members = order
            self._starts = np.r_[starts, len(order)]
            group_masks = np.bitwise_or.reduceat(M[order], starts, axis=0)
        self._n_float_groups = len(group_masks)
        self._exact_groups = list(self._exact.values())
        exact_masks = np.array(
            [_words_of(v.mask, self.n_words) for v in self._exact_groups], dtype=np.uint64
        ).reshape(-1, self.n_words)
        self.masks = np.concatenate([group_masks, exact_masks])
        self.counts = np.array([_popcount_words(w) for w in self.masks.tolist()], dtype=np.intp)

    def _chunk(self, k, rows, cols, index):
        """Solve one chunk of bases; return the feasible ones with float labels."""
        Cf = self.Cf
        M = self._Cflat.take(index)  # C[I, K]^T: the system to solve
        singular = np.zeros(len(M), dtype=bool)
        if k == 1:
            # C > 0, so a 1x1 basis is perfectly conditioned.
            cond = np.ones(len(M))
        else:
            with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
                det = np.abs(np.linalg.det(M))
                fro = np.sqrt((M * M).sum(axis=(1, 2)))
                # Guggenheimer-Edelman-Johnson: cond_2 <= 2/|det| (||M||_F/sqrt(k))^k.
                cond = 2.0 / det * (fro / np.sqrt(k)) ** k
            cond[~np.isfinite(cond)] = np.inf
            loose = np.flatnonzero(cond > _COND_REFINE)
            if len(loose):
                # Ties make many bases exactly singular; settling those in
                # modular arithmetic is much cheaper than an SVD of each.
                exact = self._singular_exactly(k, index[loose])
                if exact is not None:
                    singular[loose[exact]] = True
                    cond[loose[exact]] = np.inf
                    loose = loose[~exact]
            if len(loose):
                sv = np.linalg.svd(M[loose], compute_uv=False)
                with np.errstate(divide="ignore", invalid="ignore"):
                    svd_cond = sv[:, 0] / sv[:, -1]
                svd_cond[~np.isfinite(svd_cond)] = np.inf
                cond[loose] = np.minimum(cond[loose], svd_cond)
        bad = cond > COND_LIMIT
        if bad.any():
            self.exact_fallbacks += int(bad.sum())
            solve = bad & ~singular
            for I, K in zip(rows[solve].tolist(), cols[solve].tolist()):
                v = self._basis_vertex(tuple(I), tuple(K))
                if v is not None:
                    self._exact.setdefault(v.key, v)
            good = ~bad
            rows, cols, M, cond = rows[good], cols[good], M[good], cond[good]
            if len(M) == 0:
                return None
        zI = np.linalg.solve(M, np.ones((len(M), k, 1)))[:, :, 0]
        # Bound on the absolute error of each coordinate of z.
        err = _ERROR_FACTOR * k * k * cond * _EPS * (1.0 + np.abs(zI).max(axis=1))
        keep = (zI >= -err[:, None]).all(axis=1)
        if not keep.any():
            return None
        rows, cols, zI, err = rows[keep], cols[keep], zI[keep], err[keep]
        z = np.zeros((len(zI), self.d))
        np.put_along_axis(z, rows, zI, axis=1)
        values = z @ Cf  # (N, e): constraint values C^T z
        # Entries of Cf are at most 1 and z has k nonzeros, so the error in z
        # moves each value by at most k * err; the product adds rounding.
        con_err = (k + 1) * err + 4 * k * _EPS * (1.0 + zI.sum(axis=1))
        keep = (values <= 1.0 + con_err[:, None]).all(axis=1)
        if not keep.any():
            return None
        rows, cols, z, values = rows[keep], cols[keep], z[keep], values[keep]
        err, con_err = err[keep], con_err[keep]
        labels = np.zeros((len(z), self.n_labels), dtype=bool)
        labels[:, self.coord_label : self.coord_label + self.d] = z <= err[:, None]
        labels[:, self.con_label : self.con_label + self.e] = values >= 1.0 - con_err[:, None]
        return rows, cols, z, _pack(labels, self.n_words)

    # -- exact stage ----------------------------------------------------------

    def _singular_exactly(self, k: int, index: np.ndarray) -> np.ndarray | None:
        """Exact singularity of the stacked bases ``index``, decided modulo primes.

        A nonzero integer determinant is at most the Hadamard bound
        ``H <= (Cmax^2 k)^(k/2)`` in absolute value, so if it vanishes modulo
        primes whose product exceeds ``H`` it is zero (Chinese remaindering).
        Returns None when the entries are too large for the available primes;
        the caller then settles every basis by exact elimination.
        """
        hadamard_sq = (self._Cmax * self._Cmax * k) ** k
        product, primes = 1, []
        for p in _PRIMES:
            if product * product > hadamard_sq:
                break
            primes.append(p)
            product *= p
        if product * product <= hadamard_sq:
            return None
        singular = np.ones(len(index), dtype=bool)
        for p in primes:
            Cmod = self._Cmod.get(p)
            if Cmod is None:
                Cmod = self._Cmod[p] = np.array([[v % p for v in row] for row in self.C], dtype=np.int64).ravel()
            todo = np.flatnonzero(singular)
            if len(todo) == 0:
                break
            singular[todo] = _singular_mod(Cmod.take(index[todo]), p)
        return singular

    def _basis(self, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        chunk = int(np.searchsorted(self._offsets, index, side="right")) - 1
        rows, cols = self._chunks[chunk]
        local = index - int(self._offsets[chunk])
        return tuple(rows[local].tolist()), tuple(cols[local].tolist())

    def _basis_vertex(self, I: tuple[int, ...], K: tuple[int, ...]) -> _Vertex | None:
        """The exact vertex of basis (I, K), or None if singular or infeasible."""
        hit = self._basis_cache.get((I, K), False)
        if hit is not False:
            return hit
        vertex = None
        solved = _solve_exact(self.C, I, K)
        if solved is not None:
            vertex = self._make_vertex(I, K, *solved)
        self._basis_cache[(I, K)] = vertex
        return vertex

    def _make_vertex(self, I, K, N, det) -> _Vertex | None:
        if any(v < 0 for v in N):
            return None
        nums = [0] * self.d
        for i, v in zip(I, N):
            nums[i] = v
        C = self.C
        mask = 0
        for j in range(self.e):
            value = 0
            for i, v in zip(I, N):
                if v:
                    value += C[i][j] * v
            if value > det:
                return None
            if value == det:
                mask |= 1 << (self.con_label + j)
        for i, v in enumerate(nums):
            if v == 0:
                mask |= 1 << (self.coord_label + i)
        if (mask & self._defining_mask(I, K)) != self._defining_mask(I, K):
            raise SolverError(f"exact solution of basis {I}, {K} violates its own equations")
        g = gcd(det, *nums)
        key = (tuple(v // g for v in nums), det // g)
        return _Vertex(key=key, nums=tuple(nums), den=det, mask=mask)

    def _defining_mask(self, I, K) -> int:
        """Labels that every point solving basis (I, K) has."""
        inside = set(I)
        mask = 0
        for i in range(self.d):
            if i not in inside:
                mask |= 1 << (self.coord_label + i)
        for j in K:
            mask |= 1 << (self.con_label + j)
        return mask

    def certify(self, group: int) -> list[_Vertex]:
        """The exact vertices behind candidate ``group`` (often one, maybe none)."""
        if group >= self._n_float_groups:
            return [self._exact_groups[group - self._n_float_groups]]
        found = self._group_cache.get(group)
        if found is not None:
            return found
        found = []
        lo, hi = int(self._starts[group]), int(self._starts[group + 1])
        for index in self._members[lo:hi].tolist():
            I, K = self._basis(index)
            # A nonsingular basis has exactly one solution, so if a vertex
            # already found satisfies this basis's equations, it is that
            # basis's vertex; this keeps the exact work to one solve per
            # vertex however many bases a degenerate vertex has.
            need = self._defining_mask(I, K)
            if any(v.mask & need == need for v in found):
                continue
            v = self._basis_vertex(I, K)
            if v is not None and all(v.key != u.key for u in found):
                found.append(v)
        self._group_cache[group] = found
        return found

    def is_degenerate(self) -> bool:
        # Float label sets are supersets, so only these groups can hold a
        # vertex with too many labels.
        for group in np.nonzero(self.counts > self.d)[0].tolist():
            if any(v.mask.bit_count() > self.d for v in self.certify(group)):
                return True
        return False


def _popcount_words(words: list[int]) -> int:
    return sum(int(w).bit_count() for w in words)
