r"""Compiled certified support enumeration of many small bimatrix games (numba).

The kernel behind :func:`bargaining.solvers.batch.batch_equilibria` for large
calls; read that module's docstring first, whose argument this kernel carries
out on blocks of :data:`BLOCK` games instead of whole arrays. For each block it

1. normalises each game's payoffs to [0, 1] and computes their error bounds
   and those of the Cramer numerators, as ``batch._normalise`` and
   ``batch._error_bounds`` do;
2. computes every minor of the normalised payoff matrix (of ``A`` for the
   polyhedron :math:`\bar Q`, of :math:`B^\top` for :math:`\bar P`) of each
   size below the smaller side, smallest first, each by Laplace expansion
   along its first row from the minors one size down;
3. for every basis :math:`(I, J)` forms the Cramer numerators
   :math:`c_j = \sum_i (-1)^{i+j} \det M_{I \setminus i, J \setminus j}`
   (the determinant with column :math:`j` replaced by ones) and
   :math:`s = \sum_j c_j` from those minors, and certifies the basis as a
   vertex with no extra label when every sign and every slack clears its
   error bound;
4. checks that the certified vertices of each polyhedron are closed under
   its edges (so they are all its vertices, and the game is nondegenerate);
5. returns the bases certified on both sides as equilibria, with their
   probabilities (certified to the accuracy asked for) and payoffs, in the
   exact solver's order.

The expansion shares its minors between bases, but it is the same expansion
in the same order as the vectorised path (``batch._det`` and
``batch._cramer``: along the first row, terms added and subtracted left to
right), and every other formula is evaluated in the same order too, so every
number the kernel computes is bitwise the one the vectorised path computes
and the same error bounds apply: the two paths decide the same points in the
same way (the tests check it). The inner loops run over the games of a block,
so that they compile to vector instructions.

Tables
------
The caller hands in, for each polyhedron, the structure that depends only on
the shape (``batch._kernel_tables``):

``tab = [msize, mrow0, mcol (K), msub (K)]``
    minor ``id`` (0 is the empty minor, equal to 1) has ``msize[id]`` rows,
    first row ``mrow0[id]``, and its expansion term ``t`` is
    ``G[mrow0, mcol[id, t]] * minor[msub[id, t]]``.
``bases = [bk, brow0, bcol (K), bout]`` and ``cminor``
    basis ``b`` has size ``bk[b]``, first indifferent row ``brow0[b]``,
    support columns ``bcol[b, :k]``, rows outside it ``bout[b, :rows - k]``;
    ``cminor[b, j, i]`` is the id of its minor without row ``i`` and
    column ``j``.
``neighbours, ncand, ray``
    an edge from basis ``b`` dropping its ``t``-th label ends at one of
    ``neighbours[b, t, :ncand[b, t]]``, or is a ray when ``ray[b, t]``
    (``batch._adjacency``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["certified_supports", "BLOCK"]

#: Games solved together; the inner loops run over them.
BLOCK = 128

_U = 2.0**-53  # unit roundoff


@njit(cache=True)
def _normalise(M, p0, L, G, transpose, delta, ok, payoff_ulps):
    """Payoffs ``M[p0 + l]`` shifted and scaled to [0, 1] into ``G[:, :, l]`` (transposed if asked).

    ``delta[l]`` bounds their errors; ``ok[l]`` is False when the payoffs are constant or not
    finite. The same arithmetic as ``batch._normalise``.
    """
    m, n = M.shape[1], M.shape[2]
    for l in range(L):
        p = p0 + l
        lo = M[p, 0, 0]
        hi = M[p, 0, 0]
        finite = True
        for i in range(m):
            for j in range(n):
                v = M[p, i, j]
                finite &= np.isfinite(v)
                lo = min(lo, v)
                hi = max(hi, v)
        if not finite:
            lo, hi = 0.0, 0.0
        span = hi - lo
        ok[l] = finite and span > 0
        safe = span if span > 0 else 1.0
        for i in range(m):
            for j in range(n):
                v = (M[p, i, j] - lo) / safe if finite else 0.0
                if transpose:
                    G[j, i, l] = v
                else:
                    G[i, j, l] = v
        big = max(abs(lo), abs(hi))
        delta[l] = payoff_ulps * _U * big / safe + 4 * _U


@njit(cache=True)
def _error_bounds(delta, L, K, R, a, maxdet, Ec, Es):
    """``Ec[k, l]`` and ``Es[k, l]`` for support sizes ``k = 2..K``: the arithmetic of ``batch._error_bounds``."""
    for k in range(2, K + 1):
        for l in range(L):
            v = a[k, k - 2]
            for t in range(k - 3, -1, -1):
                v = v * delta[l] + a[k, t]
            v = v * delta[l]
            e = 1.001 * (R[k] * _U + v)
            Ec[k, l] = e
            Es[k, l] = k * e + 1.001 * (k - 1) * _U * k * (maxdet[k] + e)


@njit(cache=True)
def _minors(G, L, msize, mrow0, mcol, msub, minors):
    """Every minor of the block's matrices ``G`` (``(rows, cols, BLOCK)``), smallest first."""
    for l in range(L):
        minors[0, l] = 1.0
    for mid in range(1, msize.shape[0]):
        r0 = mrow0[mid]
        out = minors[mid]
        g = G[r0, mcol[mid, 0]]
        sub = minors[msub[mid, 0]]
        for l in range(L):
            out[l] = g[l] * sub[l]
        for t in range(1, msize[mid]):
            g = G[r0, mcol[mid, t]]
            sub = minors[msub[mid, t]]
            if (t & 1) == 0:
                for l in range(L):
                    out[l] = out[l] + g[l] * sub[l]
            else:
                for l in range(L):
                    out[l] = out[l] - g[l] * sub[l]


@njit(cache=True)
def _numerators(minors, cminor, b, k, L, c, s):
    """The Cramer numerators ``c[j]`` and their sum ``s`` of basis ``b`` at every point of the block."""
    for j in range(k):
        cj = c[j]
        first = minors[cminor[b, j, 0]]
        if (j & 1) == 0:
            for l in range(L):
                cj[l] = first[l]
        else:
            for l in range(L):
                cj[l] = -first[l]
        for i in range(1, k):
            mi = minors[cminor[b, j, i]]
            if ((i + j) & 1) == 0:
                for l in range(L):
                    cj[l] = cj[l] + mi[l]
            else:
                for l in range(L):
                    cj[l] = cj[l] - mi[l]
    c0 = c[0]
    for l in range(L):
        s[l] = c0[l]
    for j in range(1, k):
        cj = c[j]
        for l in range(L):
            s[l] = s[l] + cj[l]


@njit(cache=True)
def _vertices(G, L, delta, Ec, Es, tol, bk, brow0, bcol, bout, cminor, minors, vertex, c, s, sig, thr, bnd, N):
    """Certify every basis of one polyhedron at every point of the block: fills ``vertex`` ``(bases, BLOCK)``.

    ``G`` ``(rows, cols, BLOCK)`` holds the normalised payoffs and ``minors`` their minors;
    ``c`` ``(K, BLOCK)``, ``s``, ``sig``, ``thr``, ``bnd`` and ``N`` ``(BLOCK,)`` are scratch.
    The tests of ``batch._side``, in its order.
    """
    rows = G.shape[0]
    for b in range(bk.shape[0]):
        k = bk[b]
        r0 = brow0[b]
        nout = rows - k
        v = vertex[b]
        if k == 1:
            g0 = G[r0, bcol[b, 0]]
            for l in range(L):
                v[l] = True
            for r in range(nout):
                go = G[bout[b, r], bcol[b, 0]]
                for l in range(L):
                    v[l] &= g0[l] - go[l] > tol + 4 * _U + 2 * delta[l]
            continue
        _numerators(minors, cminor, b, k, L, c, s)
        e_c = Ec[k]
        e_s = Es[k]
        for l in range(L):
            abs_s = abs(s[l])
            sig[l] = 1.0 if s[l] > 0 else (-1.0 if s[l] < 0 else 0.0)
            thr[l] = (abs_s + e_s[l]) * tol + e_c[l]
            bnd[l] = (thr[l] + (k - 1) * e_c[l] + (abs_s + e_s[l]) * (2 * delta[l] + (k + 2) * 4.01 * _U)
                      + 1.01 * k * k * _U * e_c[l])  # fmt: skip
            v[l] = abs_s > 2 * e_s[l]
        for j in range(k):
            cj = c[j]
            for l in range(L):
                v[l] &= cj[l] * sig[l] > thr[l]
        present = False
        for l in range(L):
            present |= v[l]
        if not present:
            continue
        for r in range(nout):
            o = bout[b, r]
            g0 = G[r0, bcol[b, 0]]
            go = G[o, bcol[b, 0]]
            c0 = c[0]
            for l in range(L):
                N[l] = (g0[l] - go[l]) * c0[l]
            for j in range(1, k):
                g0 = G[r0, bcol[b, j]]
                go = G[o, bcol[b, j]]
                cj = c[j]
                for l in range(L):
                    N[l] += (g0[l] - go[l]) * cj[l]
            for l in range(L):
                v[l] &= N[l] * sig[l] > bnd[l]


@njit(cache=True)
def _closed(vertex, L, neighbours, ncand, ray, closed, some, edge):
    """Mark in ``closed`` the points of the block whose certified vertices are all the vertices.

    ``closed[l]`` becomes True when point ``l`` has a certified vertex and every edge of every one
    ends at another certified vertex or is a ray; ``some`` and ``edge`` ``(BLOCK,)`` are scratch.
    """
    for l in range(L):
        closed[l] = True
        some[l] = False
    for b in range(ray.shape[0]):
        vb = vertex[b]
        present = False
        for l in range(L):
            present |= vb[l]
        if not present:
            continue
        for l in range(L):
            some[l] |= vb[l]
        for t in range(neighbours.shape[1]):
            if ray[b, t]:
                continue
            for l in range(L):
                edge[l] = False
            for c in range(ncand[b, t]):
                vn = vertex[neighbours[b, t, c]]
                for l in range(L):
                    edge[l] |= vn[l]
            for l in range(L):
                closed[l] &= edge[l] | ~vb[l]
    for l in range(L):
        closed[l] &= some[l]


@njit(cache=True, inline="always")
def _probabilities(minors, cminor, b, k, l, Ec, Es, accuracy, z, e, cols, c):
    """Write basis ``b``'s probabilities (``k >= 2``) at point ``l`` into ``z[e, cols[b, :k]]``; True if
    they are certified to ``accuracy``.

    The numerators are recomputed as :func:`_numerators` computes them (the same numbers); at a
    vertex every probability lies in [0, 1], so ``|c_j / s - p_j| <= (Ec + Es) / (|s| - Es)``
    plus the rounding of the division. (No array views here: this runs once per equilibrium.)
    """
    s = 0.0
    for j in range(k):
        total = minors[cminor[b, j, 0], l] if (j & 1) == 0 else -minors[cminor[b, j, 0], l]
        for i in range(1, k):
            if ((i + j) & 1) == 0:
                total = total + minors[cminor[b, j, i], l]
            else:
                total = total - minors[cminor[b, j, i], l]
        c[j] = total
        s = total if j == 0 else s + total
    for j in range(k):
        z[e, cols[b, j]] = c[j] / s
    abs_s = abs(s)
    if not abs_s > Es[k, l]:
        return False
    return (Ec[k, l] + Es[k, l]) / (abs_s - Es[k, l]) + 2 * _U <= accuracy


@njit(cache=True, inline="always")
def _before(kx, ky, e, f):
    """True when equilibrium ``e`` comes before ``f``: larger rounded x first, then larger rounded y."""
    for i in range(kx.shape[1]):
        if kx[e, i] != kx[f, i]:
            return kx[e, i] > kx[f, i]
    for j in range(ky.shape[1]):
        if ky[e, j] != ky[f, j]:
            return ky[e, j] > ky[f, j]
    return False


@njit(cache=True)
def certified_supports(
    A, B, tol, accuracy, payoff_ulps, R, a, maxdet,
    qtab, qbases, qcminor, ptab, pbases, pcminor,
    qneighbours, qncand, qray, pneighbours, pncand, pray,
    start, undecided, out_point, out_x, out_y, out_payoffs, n_out,
):  # fmt: skip
    """Solve the games ``start..P-1``, :data:`BLOCK` at a time; returns ``(next_point, n_out)``.

    ``A, B`` are the payoffs ``(P, m, n)``; ``payoff_ulps`` and ``R, a,
    maxdet`` the constants of the payoff and numerator error bounds
    (``batch._PAYOFF_ULPS``, ``batch._bound_coefficients`` by support size,
    ``batch._MAXDET``); the tables are described in the module docstring.
    Undecided points are marked in ``undecided``; the equilibria of the others
    are written to the ``out_*`` arrays from row ``n_out``, grouped by point,
    in the exact solver's order. ``start`` is a multiple of :data:`BLOCK`;
    when the arrays cannot hold a block's equilibria the kernel stops before
    that block and returns its first point, so that the caller can grow them
    and go on.
    """
    P, m, n = A.shape
    K = min(m, n)
    nb = qbases.shape[0]
    cap = out_point.shape[0]
    q_msize, q_mrow0, q_mcol, q_msub = qtab[:, 0], qtab[:, 1], qtab[:, 2 : 2 + K], qtab[:, 2 + K :]
    p_msize, p_mrow0, p_mcol, p_msub = ptab[:, 0], ptab[:, 1], ptab[:, 2 : 2 + K], ptab[:, 2 + K :]
    q_bk, q_brow0, q_bcol, q_bout = qbases[:, 0], qbases[:, 1], qbases[:, 2 : 2 + K], qbases[:, 2 + K :]
    p_bk, p_brow0, p_bcol, p_bout = pbases[:, 0], pbases[:, 1], pbases[:, 2 : 2 + K], pbases[:, 2 + K :]
    GQ = np.zeros((m, n, BLOCK))
    GP = np.zeros((n, m, BLOCK))
    dA, dB = np.zeros(BLOCK), np.zeros(BLOCK)
    okA, okB = np.zeros(BLOCK, dtype=np.bool_), np.zeros(BLOCK, dtype=np.bool_)
    EcA, EsA = np.zeros((K + 1, BLOCK)), np.zeros((K + 1, BLOCK))
    EcB, EsB = np.zeros((K + 1, BLOCK)), np.zeros((K + 1, BLOCK))
    minors_q = np.zeros((qtab.shape[0], BLOCK))
    minors_p = np.zeros((ptab.shape[0], BLOCK))
    vq = np.zeros((nb + 1, BLOCK), dtype=np.bool_)  # the last row stays False: "no such basis"
    vp = np.zeros((nb + 1, BLOCK), dtype=np.bool_)
    c = np.zeros((K, BLOCK))
    s, sig, thr, bnd, N = np.zeros(BLOCK), np.zeros(BLOCK), np.zeros(BLOCK), np.zeros(BLOCK), np.zeros(BLOCK)
    closed_q, closed_p = np.zeros(BLOCK, dtype=np.bool_), np.zeros(BLOCK, dtype=np.bool_)
    some, edge, good = np.zeros(BLOCK, dtype=np.bool_), np.zeros(BLOCK, dtype=np.bool_), np.zeros(BLOCK, dtype=np.bool_)
    count = np.zeros(BLOCK, dtype=np.int64)
    first = np.zeros(BLOCK + 1, dtype=np.int64)
    fill = np.zeros(BLOCK, dtype=np.int64)
    pair_b = np.zeros(nb * BLOCK, dtype=np.int64)
    pair_l = np.zeros(nb * BLOCK, dtype=np.int64)
    slot = np.zeros(nb * BLOCK, dtype=np.int64)
    cz = np.zeros(K)
    ex = np.zeros((nb, m))
    ey = np.zeros((nb, n))
    kx = np.zeros((nb, m))
    ky = np.zeros((nb, n))
    order = np.zeros(nb, dtype=np.int64)
    for p0 in range(start, P, BLOCK):
        L = min(BLOCK, P - p0)
        _normalise(A, p0, L, GQ, False, dA, okA, payoff_ulps)
        _normalise(B, p0, L, GP, True, dB, okB, payoff_ulps)
        _error_bounds(dA, L, K, R, a, maxdet, EcA, EsA)
        _error_bounds(dB, L, K, R, a, maxdet, EcB, EsB)
        _minors(GQ, L, q_msize, q_mrow0, q_mcol, q_msub, minors_q)
        _vertices(
            GQ, L, dA, EcA, EsA, tol, q_bk, q_brow0, q_bcol, q_bout, qcminor, minors_q, vq, c, s, sig, thr, bnd, N
        )
        _closed(vq, L, qneighbours, qncand, qray, closed_q, some, edge)
        _minors(GP, L, p_msize, p_mrow0, p_mcol, p_msub, minors_p)
        _vertices(
            GP, L, dB, EcB, EsB, tol, p_bk, p_brow0, p_bcol, p_bout, pcminor, minors_p, vp, c, s, sig, thr, bnd, N
        )
        _closed(vp, L, pneighbours, pncand, pray, closed_p, some, edge)
        # the bases certified on both sides, point by point in basis order
        for l in range(L):
            count[l] = 0
            good[l] = closed_q[l] and closed_p[l] and okA[l] and okB[l]
        npairs = 0
        for b in range(nb):
            vqb, vpb = vq[b], vp[b]
            both = False
            for l in range(L):
                both |= vqb[l] & vpb[l] & good[l]
            if not both:
                continue
            for l in range(L):
                if vqb[l] and vpb[l] and good[l]:
                    pair_b[npairs] = b
                    pair_l[npairs] = l
                    npairs += 1
                    count[l] += 1
        total = 0
        for l in range(L):
            if count[l] == 0:
                good[l] = False
            total += count[l]
        if n_out + total > cap:
            return p0, n_out
        first[0] = 0
        for l in range(L):
            first[l + 1] = first[l] + count[l]
            fill[l] = first[l]
        for q in range(npairs):
            l = pair_l[q]
            slot[fill[l]] = pair_b[q]
            fill[l] += 1
        for l in range(L):
            p = p0 + l
            if not good[l]:
                undecided[p] = True
                continue
            E = 0
            for q in range(first[l], first[l + 1]):
                b = slot[q]
                k = q_bk[b]
                for i in range(m):
                    ex[E, i] = 0.0
                for j in range(n):
                    ey[E, j] = 0.0
                if k == 1:  # a pure strategy (kept out of the call, which costs more than it does)
                    ey[E, q_bcol[b, 0]] = 1.0
                    ex[E, p_bcol[b, 0]] = 1.0
                else:
                    good[l] &= _probabilities(minors_q, qcminor, b, k, l, EcA, EsA, accuracy, ey, E, q_bcol, cz)
                    good[l] &= _probabilities(minors_p, pcminor, b, k, l, EcB, EsB, accuracy, ex, E, p_bcol, cz)
                E += 1
            if not good[l]:
                undecided[p] = True
                continue
            # the exact solver's order: by -x, then -y, on values rounded to 12 decimals (stable)
            for e in range(E if E > 1 else 0):
                for i in range(m):
                    kx[e, i] = np.rint(ex[e, i] * 1e12)
                for j in range(n):
                    ky[e, j] = np.rint(ey[e, j] * 1e12)
            for e in range(E):
                order[e] = e
            for e in range(1, E):
                cur = order[e]
                g = e
                while g > 0 and _before(kx, ky, cur, order[g - 1]):
                    order[g] = order[g - 1]
                    g -= 1
                order[g] = cur
            for r in range(E):
                e = order[r]
                row = n_out + r
                out_point[row] = p
                u0 = 0.0
                u1 = 0.0
                for i in range(m):
                    out_x[row, i] = ex[e, i]
                for j in range(n):
                    out_y[row, j] = ey[e, j]
                for i in range(m):
                    for j in range(n):
                        w = ex[e, i] * ey[e, j]
                        u0 += w * A[p, i, j]
                        u1 += w * B[p, i, j]
                out_payoffs[row, 0] = u0
                out_payoffs[row, 1] = u1
            n_out += E
    return P, n_out
