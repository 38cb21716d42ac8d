r"""Compiled floating-point search of a polytope's lexicographic basis graph (numba).

The kernel behind :func:`bargaining.solvers.enumeration.extreme_equilibria`
for larger games; read that module's docstring first. It walks the graph of
lex-feasible bases of one best-response polytope in slack form
:math:`M z = 1, z \ge 0` (``M`` is ``e x nv``, its slack columns the unit
vectors) depth-first, with a hash table of the bases visited, and sorts every
basis it pops into one of two kinds:

*decided*
    Floating point decides everything about it: every basic variable is
    certainly positive and every ratio test has a certain winner. It is a
    nondegenerate vertex whose labels are its nonbasic variables, and its
    neighbours (pushed on the stack) are exactly those of the exact search.
*unsure*
    Anything else: a basic variable within its error bound of zero (a
    degenerate vertex), a ratio test whose two best rows are within error
    bounds of each other, or a near-singular basis. It is returned to the
    caller, which settles it in exact arithmetic and hands its neighbours back
    as seeds.

Error bounds are computed a posteriori for each basis. The tableau ``T =
B^{-1} M`` is recomputed from ``M`` by Gauss-Jordan elimination with partial
pivoting (so errors do not accumulate along the search), and for each column
``c`` used the residual ``r_c = B T_c - M_c`` is evaluated; with ``R`` the
computed inverse (the tableau's slack columns),

.. math::

    \|T_c - B^{-1} M_c\|_\infty \le 2 \|R\|_\infty
        \big(\|r_c\|_\infty + (s + 2) u\, (|B|\,|T_c| + |M_c|)_{\max}\big),

where the factor 2 covers the error of ``R`` itself (it holds while
``\|I - R B\| \le 1/2``, which the bound being small implies) and the second
term the rounding of the residual (Higham 2002, sections 3.5 and 7.2;
Oettli and Prager 1964). A basis is decided only if every comparison clears
these bounds.

References
----------
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
2002.

W. Oettli and W. Prager, "Compatibility of approximate solution of linear
equations with given error bounds for coefficients and right-hand sides",
*Numerische Mathematik* 6 (1964), pp. 405-409.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["Search"]

_U = float(np.finfo(np.float64).eps) / 2

# Pivots below this (entries of M are at most 1) mark a basis as near-singular.
_TINY_PIVOT = 1e-11


@njit(cache=True)
def _hash(key):
    h = np.uint64(0x9E3779B97F4A7C15)
    for w in range(key.shape[0]):
        x = key[w] + h
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h = x ^ (x >> np.uint64(31))
    return h


@njit(cache=True)
def _insert(keys, occ, key):
    """Insert ``key`` by linear probing; True if it was new."""
    cap = keys.shape[0]
    W = keys.shape[1]
    slot = np.int64(_hash(key) & np.uint64(cap - 1))
    while occ[slot]:
        same = True
        for w in range(W):
            if keys[slot, w] != key[w]:
                same = False
                break
        if same:
            return False
        slot = (slot + 1) & (cap - 1)
    occ[slot] = True
    for w in range(W):
        keys[slot, w] = key[w]
    return True


@njit(cache=True)
def _grow_table(keys, occ):
    cap = keys.shape[0]
    new_keys = np.zeros((2 * cap, keys.shape[1]), dtype=np.uint64)
    new_occ = np.zeros(2 * cap, dtype=np.bool_)
    for s in range(cap):
        if occ[s]:
            _insert(new_keys, new_occ, keys[s])
    return new_keys, new_occ


@njit(cache=True)
def _push(arr, n, key):
    if n == arr.shape[0]:
        bigger = np.empty((2 * arr.shape[0], arr.shape[1]), dtype=np.uint64)
        bigger[:n] = arr[:n]
        arr = bigger
    arr[n] = key
    return arr


@njit(cache=True)
def _is_zero(value, err, scale, half_inv_det):
    """Certify that a rational with denominator dividing ``det B`` is zero: it lies within ``1 / |det B|``."""
    return (abs(value) + err) * scale < half_inv_det


@njit(cache=True)
def _compare(T, err, a, b, c, j, rho, gamma, half_inv_det):
    """Sign of ``T[a, c] / T[a, j] - T[b, c] / T[b, j]`` (both denominators positive): -1, 0, 1, or 2 if undecided.

    The sign is that of ``X = T[a, c] T[b, j] - T[b, c] T[a, j]``; in the
    unscaled tableau ``X`` is an integer minor over ``det B`` (Sylvester's
    determinant identity), so an ``X`` within ``1 / |det B|`` of zero is zero.
    """
    tac, tbj, tbc, taj = T[a, c], T[b, j], T[b, c], T[a, j]
    ec, ej = err[c], err[j]
    X = tac * tbj - tbc * taj
    bound = (abs(tac) + abs(tbc)) * ej + (abs(tbj) + abs(taj)) * ec + 2.0 * ec * ej
    bound += 4.0 * _U * (abs(tac * tbj) + abs(tbc * taj))
    if X > bound:
        return 1
    if X < -bound:
        return -1
    if (abs(X) + bound) * rho[a] * rho[b] * gamma[c] * gamma[j] < half_inv_det:
        return 0
    return 2


@njit(cache=True)
def _leaving(T, err, j, lexcols, rho, gamma, half_inv_det, cand, tie):
    """The row that leaves when ``j`` enters (lexicographic ratio test), or -1 if floating point cannot tell."""
    e = T.shape[0]
    rhs = T.shape[1] - 1
    ej = err[j]
    nc = 0
    for r in range(e):
        if T[r, j] > ej:
            cand[nc] = r
            nc += 1
    if nc == 0:
        return -1
    leave = -1
    for c in lexcols:
        best = cand[0]
        for q in range(1, nc):
            sign = _compare(T, err, best, cand[q], c, j, rho, gamma, half_inv_det)
            if sign == 2:
                return -1
            if sign > 0:
                best = cand[q]
        nt = 0
        for q in range(nc):
            r = cand[q]
            if r == best:
                tie[nt] = r
                nt += 1
                continue
            sign = _compare(T, err, best, r, c, j, rho, gamma, half_inv_det)
            if sign == 0:
                tie[nt] = r
                nt += 1
            elif sign != -1:
                return -1
        if nt == 1:
            leave = best
            break
        for q in range(nt):
            cand[q] = tie[q]
        nc = nt
    if leave < 0:
        return -1
    # Rows whose entry in column j floating point cannot tell from zero must
    # be certified zero, or unable to win whatever their sign.
    upper = (T[leave, rhs] + err[rhs]) / (T[leave, j] - ej)
    for r in range(e):
        t = T[r, j]
        if t > ej or t < -ej:
            continue
        if _is_zero(t, ej, rho[r] * gamma[j], half_inv_det):
            continue
        low = T[r, rhs] - err[rhs]
        if low <= 0.0 or low / (abs(t) + ej) <= upper:
            return -1
    return leave


@njit(cache=True)
def _explore(M, slack, coord, top, keys, occ, count, seeds):
    e, ncol = M.shape
    nv = ncol - 1
    W = keys.shape[1]
    stack = np.empty((64, W), dtype=np.uint64)
    found = np.empty((64, W), dtype=np.uint64)
    labels = np.empty((64, W), dtype=np.uint64)
    unsure = np.empty((16, W), dtype=np.uint64)
    ns = 0
    nf = 0
    nu = 0
    for i in range(seeds.shape[0]):
        if 2 * (count + 1) > keys.shape[0]:
            keys, occ = _grow_table(keys, occ)
        if _insert(keys, occ, seeds[i]):
            count += 1
            stack = _push(stack, ns, seeds[i])
            ns += 1

    slackrow = np.full(nv, -1, dtype=np.int64)
    for r in range(e):
        slackrow[slack[r]] = r
    lexcols = np.empty(e + 1, dtype=np.int64)
    lexcols[0] = nv
    lexcols[1:] = slack
    # R = rho_r * T[r, c] * gamma_c undoes the scaling of the coordinates by 1 / top.
    gamma = np.ones(ncol)
    for v in range(nv):
        if coord[v]:
            gamma[v] = top
    log_top = np.log(top)
    rho = np.empty(e)
    T = np.empty((e, ncol))
    rowvar = np.empty(e, dtype=np.int64)
    rowdone = np.zeros(e, dtype=np.bool_)
    isbasic = np.zeros(nv, dtype=np.bool_)
    coords = np.empty(e, dtype=np.int64)
    coordrow = np.empty(e, dtype=np.int64)
    err = np.empty(ncol)
    cand = np.empty(e, dtype=np.int64)
    tie = np.empty(e, dtype=np.int64)
    key = np.empty(W, dtype=np.uint64)
    new = np.empty(W, dtype=np.uint64)
    lab = np.empty(W, dtype=np.uint64)
    one = np.uint64(1)

    while ns > 0:
        ns -= 1
        key[:] = stack[ns]
        for v in range(nv):
            isbasic[v] = ((key[v >> 6] >> np.uint64(v & 63)) & one) != 0

        # Tableau from scratch: basic slacks keep their rows at no cost, the
        # basic coordinates are pivoted into the other rows.
        T[:, :] = M
        rowdone[:] = False
        s = 0
        for v in range(nv):
            if isbasic[v] and slackrow[v] >= 0:
                rowdone[slackrow[v]] = True
                rowvar[slackrow[v]] = v
                rho[slackrow[v]] = 1.0
        ok = True
        log_det = 0.0
        for v in range(nv):
            if not isbasic[v] or slackrow[v] >= 0:
                continue
            best = -1
            big = 0.0
            for r in range(e):
                if not rowdone[r] and abs(T[r, v]) > big:
                    big = abs(T[r, v])
                    best = r
            if best < 0 or big < _TINY_PIVOT:
                ok = False
                break
            rowdone[best] = True
            rowvar[best] = v
            rho[best] = 1.0 / top
            coords[s] = v
            coordrow[s] = best
            s += 1
            log_det += np.log(big) + log_top
            inv = 1.0 / T[best, v]
            for c in range(ncol):
                T[best, c] *= inv
            for i in range(e):
                if i != best:
                    f = T[i, v]
                    if f != 0.0:
                        for c in range(ncol):
                            T[i, c] -= f * T[best, c]
        if not ok:
            unsure = _push(unsure, nu, key)
            nu += 1
            continue
        # |det B| of the integer basis, overestimated by a margin for the rounding of the pivots.
        half_inv_det = 0.5 * np.exp(-log_det - 1e-6 * (1.0 + abs(log_det)))

        # A posteriori error bounds, column by column (see the module docstring).
        rnorm = 0.0
        for r in range(e):
            t = 0.0
            for k in range(e):
                t += abs(T[r, slack[k]])
            rnorm = max(rnorm, t)
        for c in range(ncol):
            if c < nv and isbasic[c] and slackrow[c] < 0:
                err[c] = 0.0
                continue
            res = 0.0
            mag = 0.0
            for i in range(e):
                acc = -M[i, c]
                a = abs(M[i, c])
                if isbasic[slack[i]]:  # its column is the unit vector of row i
                    acc += T[i, c]
                    a += abs(T[i, c])
                for q in range(s):
                    w = M[i, coords[q]] * T[coordrow[q], c]
                    acc += w
                    a += abs(w)
                res = max(res, abs(acc))
                mag = max(mag, a)
            err[c] = 2.0 * rnorm * (res + (s + 2) * _U * mag)
        errb = err[nv]
        for w in range(W):
            lab[w] = ~key[w]
        for v in range(nv, 64 * W):
            lab[v >> 6] &= ~(one << np.uint64(v & 63))
        unsure_here = errb > 1e-3
        for r in range(e):
            if T[r, nv] > errb:
                continue
            if _is_zero(T[r, nv], errb, rho[r], half_inv_det):
                v = rowvar[r]
                lab[v >> 6] |= one << np.uint64(v & 63)
            else:
                unsure_here = True
                break
        if unsure_here:
            unsure = _push(unsure, nu, key)
            nu += 1
            continue

        for j in range(nv):
            if isbasic[j]:
                continue
            leave = _leaving(T, err, j, lexcols, rho, gamma, half_inv_det, cand, tie)
            if leave < 0:
                unsure_here = True
                continue
            new[:] = key
            out = rowvar[leave]
            new[out >> 6] &= ~(one << np.uint64(out & 63))
            new[j >> 6] |= one << np.uint64(j & 63)
            if 2 * (count + 1) > keys.shape[0]:
                keys, occ = _grow_table(keys, occ)
            if _insert(keys, occ, new):
                count += 1
                stack = _push(stack, ns, new)
                ns += 1
        if unsure_here:
            unsure = _push(unsure, nu, key)
            nu += 1
        else:
            found = _push(found, nf, key)
            labels = _push(labels, nf, lab)
            nf += 1
    return keys, occ, count, found[:nf].copy(), labels[:nf].copy(), unsure[:nu].copy()


class Search:
    """The visited-basis table of one polytope, kept between calls of :meth:`explore`.

    Parameters
    ----------
    M : numpy.ndarray
        ``(e, nv + 1)`` float: the constraint rows ``[M | 1]``, entries at
        most 1 in absolute value, slack columns the unit vectors.
    slack : numpy.ndarray
        ``(e,)`` int: the slack variable of each row.
    """

    def __init__(self, M: np.ndarray, slack: np.ndarray, coord: np.ndarray, top: float):
        self.M = np.ascontiguousarray(M, dtype=np.float64)
        self.slack = np.ascontiguousarray(slack, dtype=np.int64)
        self.coord = np.ascontiguousarray(coord, dtype=np.bool_)
        self.top = float(top)
        W = (self.M.shape[1] - 1 + 63) // 64
        self.keys = np.zeros((1024, W), dtype=np.uint64)
        self.occ = np.zeros(1024, dtype=np.bool_)
        self.count = 0

    def explore(self, seeds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Search from the ``seeds`` not visited yet.

        Returns the decided bases, their label masks, and the unsure bases, all
        ``(N, W)`` arrays of uint64 words.
        """
        self.keys, self.occ, self.count, found, labels, unsure = _explore(
            self.M, self.slack, self.coord, self.top, self.keys, self.occ, self.count,
            np.ascontiguousarray(seeds, dtype=np.uint64),
        )
        return found, labels, unsure


# ----------------------------------------------------------------------------- many small games at once


@njit(cache=True)
def _walk(M, slack, margin, keys, occ, stack, bases, zs, errs, tol):
    """Search one polytope whose payoffs are floats (no exact zeros to certify): every basis must be decided.

    ``margin`` is added to every column's error bound (the payoffs' own
    error), and ``tol`` is demanded beyond it. Returns the number of bases
    found, or -1 if some basis is not decided (or there are too many).
    """
    e, ncol = M.shape
    nv = ncol - 1
    occ[:] = False
    one = np.uint64(1)
    start = np.uint64(0)
    for r in range(e):
        start |= one << np.uint64(slack[r])
    key1 = np.empty(1, dtype=np.uint64)
    key1[0] = start
    _insert(keys, occ, key1)
    stack[0] = start
    ns = 1
    nb = 0
    slackrow = np.full(nv, -1, dtype=np.int64)
    for r in range(e):
        slackrow[slack[r]] = r
    lexcols = np.empty(1, dtype=np.int64)
    lexcols[0] = nv
    ones = np.ones(ncol)
    rho = np.ones(e)
    T = np.empty((e, ncol))
    rowvar = np.empty(e, dtype=np.int64)
    rowdone = np.zeros(e, dtype=np.bool_)
    coords = np.empty(e, dtype=np.int64)
    coordrow = np.empty(e, dtype=np.int64)
    err = np.empty(ncol)
    cand = np.empty(e, dtype=np.int64)
    tie = np.empty(e, dtype=np.int64)
    while ns > 0:
        ns -= 1
        key = stack[ns]
        T[:, :] = M
        rowdone[:] = False
        s = 0
        for r in range(e):
            if (key >> np.uint64(slack[r])) & one:
                rowdone[r] = True
                rowvar[r] = slack[r]
        for v in range(nv):
            if slackrow[v] >= 0 or not (key >> np.uint64(v)) & one:
                continue
            best = -1
            big = 0.0
            for r in range(e):
                if not rowdone[r] and abs(T[r, v]) > big:
                    big = abs(T[r, v])
                    best = r
            if best < 0 or big < _TINY_PIVOT:
                return -1
            rowdone[best] = True
            rowvar[best] = v
            coords[s] = v
            coordrow[s] = best
            s += 1
            inv = 1.0 / T[best, v]
            for c in range(ncol):
                T[best, c] *= inv
            for i in range(e):
                if i != best:
                    f = T[i, v]
                    if f != 0.0:
                        for c in range(ncol):
                            T[i, c] -= f * T[best, c]
        rnorm = 0.0
        for r in range(e):
            t = 0.0
            for k in range(e):
                t += abs(T[r, slack[k]])
            rnorm = max(rnorm, t)
        for c in range(ncol):
            if c < nv and (key >> np.uint64(c)) & one:
                err[c] = 0.0
                continue
            res = 0.0
            mag = 0.0
            big = 0.0
            for i in range(e):
                acc = -M[i, c]
                a = abs(M[i, c])
                if (key >> np.uint64(slack[i])) & one:
                    acc += T[i, c]
                    a += abs(T[i, c])
                for q in range(s):
                    w = M[i, coords[q]] * T[coordrow[q], c]
                    acc += w
                    a += abs(w)
                res = max(res, abs(acc))
                mag = max(mag, a)
                big = max(big, abs(T[i, c]))
            # rounding, plus the payoffs' own error moving B and M_c
            err[c] = 2.0 * rnorm * (res + (s + 2) * _U * mag + margin * (1.0 + s * big)) + tol
        errb = err[nv]
        for r in range(e):
            if T[r, nv] <= errb:
                return -1
        if nb == bases.shape[0]:
            return -1
        bases[nb] = key
        errs[nb] = errb - tol
        for v in range(nv):
            zs[nb, v] = 0.0
        for r in range(e):
            zs[nb, rowvar[r]] = T[r, nv]
        nb += 1
        for j in range(nv):
            if (key >> np.uint64(j)) & one:
                continue
            leave = _leaving(T, err, j, lexcols, rho, ones, 0.0, cand, tie)
            if leave < 0:
                return -1
            new = (key & ~(one << np.uint64(rowvar[leave]))) | (one << np.uint64(j))
            key1[0] = new
            if 2 * (nb + ns + 1) > keys.shape[0]:
                return -1
            if _insert(keys, occ, key1):
                if ns == stack.shape[0]:
                    return -1
                stack[ns] = new
                ns += 1
    return nb


@njit(cache=True)
def batch_search(MP, MQ, slackP, slackQ, margin, tol, accuracy, max_bases):
    """Equilibria of many nondegenerate games by searching both polytopes of each; see :func:`batch_equilibria`.

    ``MP`` is ``(points, n, m + n + 1)`` and ``MQ`` ``(points, m, m + n + 1)``:
    the constraint rows of ``P`` and ``Q`` at each point, variables numbered
    by label (``x`` then the column slacks; the row slacks then ``y``).
    Returns ``(undecided, point, X, Y)``: points that floating point could not
    decide, and the equilibria of the others (coordinates normalised).
    """
    npts = MP.shape[0]
    m = MQ.shape[1]
    n = MP.shape[1]
    nv = m + n
    cap = 1
    while cap < 4 * max_bases:
        cap *= 2
    keys = np.zeros((cap, 1), dtype=np.uint64)
    occ = np.zeros(cap, dtype=np.bool_)
    stack = np.empty(max_bases, dtype=np.uint64)
    bP = np.empty(max_bases, dtype=np.uint64)
    bQ = np.empty(max_bases, dtype=np.uint64)
    zP = np.empty((max_bases, nv))
    zQ = np.empty((max_bases, nv))
    eP = np.empty(max_bases)
    eQ = np.empty(max_bases)
    undecided = np.zeros(npts, dtype=np.bool_)
    cap_out = 4 * npts + 16
    point = np.empty(cap_out, dtype=np.int64)
    X = np.empty((cap_out, m))
    Y = np.empty((cap_out, n))
    ne = 0
    full = np.uint64(0)
    for v in range(nv):
        full |= np.uint64(1) << np.uint64(v)
    for p in range(npts):
        nP = _walk(MP[p], slackP, margin[p, 1], keys, occ, stack, bP, zP, eP, tol)
        if nP < 0:
            undecided[p] = True
            continue
        nQ = _walk(MQ[p], slackQ, margin[p, 0], keys, occ, stack, bQ, zQ, eQ, tol)
        if nQ < 0:
            undecided[p] = True
            continue
        start = ne
        for a in range(1, nP):  # basis 0 is the vertex 0
            want = full ^ bP[a]
            for b in range(1, nQ):
                if bQ[b] != want:
                    continue
                sx = 0.0
                for i in range(m):
                    sx += zP[a, i]
                sy = 0.0
                for j in range(n):
                    sy += zQ[b, m + j]
                # each normalised coordinate is off by at most about 2 * nv * err / sum
                if 2.0 * nv * eP[a] / sx + 4 * nv * _U > accuracy or 2.0 * nv * eQ[b] / sy + 4 * nv * _U > accuracy:
                    undecided[p] = True
                if ne == point.shape[0]:
                    bigger_p = np.empty(2 * ne, dtype=np.int64)
                    bigger_p[:ne] = point[:ne]
                    point = bigger_p
                    bigger_x = np.empty((2 * ne, m))
                    bigger_x[:ne] = X[:ne]
                    X = bigger_x
                    bigger_y = np.empty((2 * ne, n))
                    bigger_y[:ne] = Y[:ne]
                    Y = bigger_y
                point[ne] = p
                for i in range(m):
                    X[ne, i] = zP[a, i] / sx
                for j in range(n):
                    Y[ne, j] = zQ[b, m + j] / sy
                ne += 1
                break
        if undecided[p] or ne == start:
            undecided[p] = True
            ne = start
    return undecided, point[:ne].copy(), X[:ne].copy(), Y[:ne].copy()


# ----------------------------------------------------------------------------- exact vertices of decided bases

# Every integer the exact solve below forms stays below this in absolute value.
_INT_LIMIT = float(1 << 61)


@njit(cache=True)
def _gcd(a, b):
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


@njit(cache=True)
def exact_vertices(Mc, coordvar, slack, masks):
    """The exact vertex of each basis ``masks[t]`` of the polytope ``M z = 1, z >= 0``, in int64 arithmetic.

    ``Mc`` is ``(e, d)`` int64: the coordinate columns of ``M`` (the slack
    columns are the unit vectors), ``coordvar[c]`` the variable of column
    ``c`` and ``slack[r]`` the slack variable of row ``r``. For each basis,
    with ``I`` its basic coordinates and ``K`` the rows of its nonbasic
    slacks, the square system ``M_KI z_I = 1`` is solved by fraction-free
    (Bareiss) elimination, the first nonzero entry of a column its pivot,
    as :func:`bargaining.solvers.enumeration._solve_square` does; its result
    ``z = nums / det`` (``det > 0``) is the same.

    Every number formed is a minor of ``[M_KI | 1]``, a product of two, a
    sum of at most ``k + 1`` such products, or a row of ``Mc`` times
    ``nums``. Hadamard's inequality bounds the minors by the product ``H``
    of the rows' Euclidean norms (each at least 1, for the ones column), so
    a basis is solved only when ``(k + 2) H^2`` and ``d max|Mc| H`` are
    below ``2**61``: nothing overflows.

    Returns ``nums`` ``(V, d)``, ``det`` ``(V,)``, the label masks ``(V,
    W)`` (the coordinates at 0 and the rows at equality), the vertex in
    lowest terms (``key_nums``, ``key_den``), and ``status``: 0 solved, 1
    too large for int64, 2 singular, infeasible or otherwise wrong (the
    caller settles 1 and 2 on Python integers).
    """
    e, d = Mc.shape
    V, W = masks.shape
    one = np.uint64(1)
    big = 0
    for r in range(e):
        for c in range(d):
            big = max(big, abs(Mc[r, c]))
    nums = np.zeros((V, d), dtype=np.int64)
    dets = np.zeros(V, dtype=np.int64)
    labels = np.zeros((V, W), dtype=np.uint64)
    key_nums = np.zeros((V, d), dtype=np.int64)
    key_den = np.zeros(V, dtype=np.int64)
    status = np.zeros(V, dtype=np.int8)
    I = np.empty(d, dtype=np.int64)
    K = np.empty(e, dtype=np.int64)
    a = np.empty((e, d + 1), dtype=np.int64)
    N = np.empty(d, dtype=np.int64)
    for t in range(V):
        k = 0
        for c in range(d):
            v = coordvar[c]
            if (masks[t, v >> 6] >> np.uint64(v & 63)) & one:
                I[k] = c
                k += 1
        nk = 0
        for r in range(e):
            v = slack[r]
            if not (masks[t, v >> 6] >> np.uint64(v & 63)) & one:
                K[nk] = r
                nk += 1
        if nk != k:
            status[t] = 2
            continue
        log_h = 0.0
        for i in range(k):
            sq = 1.0
            for j in range(k):
                x = Mc[K[i], I[j]]
                a[i, j] = x
                sq += float(x) * float(x)
            a[i, k] = 1
            log_h += 0.5 * np.log(sq)
        h = np.exp(log_h) * (1.0 + 1e-9)
        if (k + 2) * h * h >= _INT_LIMIT or d * big * h >= _INT_LIMIT:
            status[t] = 1
            continue
        prev = 1
        singular = False
        for c in range(k):
            p = c
            while p < k and a[p, c] == 0:
                p += 1
            if p == k:
                singular = True
                break
            if p != c:
                for j in range(k + 1):
                    a[c, j], a[p, j] = a[p, j], a[c, j]
            piv = a[c, c]
            for r in range(c + 1, k):
                f = a[r, c]
                for j in range(c + 1, k + 1):
                    a[r, j] = (a[r, j] * piv - f * a[c, j]) // prev
            prev = piv
        if singular:
            status[t] = 2
            continue
        det = prev
        bad = False
        for i in range(k - 1, -1, -1):
            s = det * a[i, k]
            for j in range(i + 1, k):
                s -= a[i, j] * N[j]
            q = s // a[i, i]
            if q * a[i, i] != s:
                bad = True
                break
            N[i] = q
        if bad:
            status[t] = 2
            continue
        if det < 0:
            det = -det
            for i in range(k):
                N[i] = -N[i]
        for i in range(k):
            nums[t, I[i]] = N[i]
        g = det
        for c in range(d):
            x = nums[t, c]
            if x < 0:
                bad = True
            elif x == 0:
                v = coordvar[c]
                labels[t, v >> 6] |= one << np.uint64(v & 63)
            else:
                g = _gcd(g, x)
        for r in range(e):
            value = 0
            for c in range(d):
                value += Mc[r, c] * nums[t, c]
            if value > det:
                bad = True
            elif value == det:
                v = slack[r]
                labels[t, v >> 6] |= one << np.uint64(v & 63)
        if bad:
            status[t] = 2
            continue
        dets[t] = det
        for c in range(d):
            key_nums[t, c] = nums[t, c] // g
        key_den[t] = det // g
    return nums, dets, labels, key_nums, key_den, status
