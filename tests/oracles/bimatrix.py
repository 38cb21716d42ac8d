"""An independent oracle for two-player games: every basis of both best-response polytopes, in plain Fractions.

Written without the library's code, for :mod:`bargaining.solvers.enumeration`
and :mod:`bargaining.solvers.enumeration_bases`: every square subsystem of each
polytope ``{z >= 0, C^T z <= 1}`` is solved by Gauss-Jordan elimination, the
feasible solutions are its vertices with their label sets, and the completely
labelled pairs are the extreme equilibria (von Stengel, "Computing equilibria
for two-person games", Handbook of Game Theory 3, 2002). Exponential;
meant for small games.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

__all__ = ["reference_equilibria", "solve_fractions", "vertices"]


def solve_fractions(M, rhs):
    """Gauss-Jordan in Fractions; None if M is singular."""
    k = len(M)
    a = [list(row) + [r] for row, r in zip(M, rhs)]
    for c in range(k):
        p = next((r for r in range(c, k) if a[r][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        a[c] = [v / a[c][c] for v in a[c]]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c]
                a[r] = [v - f * w for v, w in zip(a[r], a[c])]
    return [row[k] for row in a]


def vertices(C, coord_label, con_label):
    """Vertices of {z >= 0, C^T z <= 1} with their label sets."""
    d, e = len(C), len(C[0])
    found = {}
    for k in range(1, min(d, e) + 1):
        for I in combinations(range(d), k):
            for K in combinations(range(e), k):
                zI = solve_fractions([[C[i][j] for i in I] for j in K], [1] * k)
                if zI is None or min(zI) < 0:
                    continue
                z = [Fraction(0)] * d
                for i, v in zip(I, zI):
                    z[i] = v
                values = [sum(C[i][j] * z[i] for i in I) for j in range(e)]
                if max(values) > 1:
                    continue
                labels = {coord_label + i for i in range(d) if z[i] == 0}
                labels |= {con_label + j for j in range(e) if values[j] == 1}
                found[tuple(z)] = frozenset(labels)
    return found


def reference_equilibria(A, B):
    """(set of extreme equilibria, degenerate) by exhaustive exact search."""
    m, n = len(A), len(A[0])
    # A different positive shift from the solver's, on purpose.
    sa = 2 - min(min(r) for r in A)
    sb = 3 - min(min(r) for r in B)
    A1 = [[v + sa for v in r] for r in A]
    B1 = [[v + sb for v in r] for r in B]
    P = vertices(B1, 0, m)
    Q = vertices([list(c) for c in zip(*A1)], m, 0)
    full = set(range(m + n))
    pairs = set()
    for x, lx in P.items():
        for y, ly in Q.items():
            if lx | ly == full:
                sx, sy = sum(x), sum(y)
                pairs.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    degenerate = any(len(l) > m for l in P.values()) or any(len(l) > n for l in Q.values())
    return pairs, degenerate
