"""An independent oracle for bargaining problems: Pareto optimality by brute force.

Written without :mod:`bargaining.negotiation`: the feasible points that weakly
dominate a payoff pair form a polygon whose corners are outcomes or crossings
of segments between outcomes with the lines through the pair, so checking
those candidates decides it exactly.
"""

from __future__ import annotations

from itertools import combinations

__all__ = ["pareto_optimal", "segment_hits"]


def segment_hits(p, q, axis, value):
    """Points of segment pq whose coordinate ``axis`` equals ``value``."""
    if p[axis] == q[axis]:
        return [p, q] if p[axis] == value else []
    s = (value - p[axis]) / (q[axis] - p[axis])
    if not 0 <= s <= 1:
        return []
    return [(p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))]


def pareto_optimal(problem, u) -> bool:
    """Brute force: no feasible point weakly dominates ``u`` and differs from it.

    The feasible points that dominate ``u`` form a polygon whose corners are
    outcomes or crossings of segments between outcomes with the lines
    ``v1 = u1`` and ``v2 = u2``; checking those candidates is enough.
    """
    if problem.transfers:
        return u[0] + u[1] == problem.max_total
    pts = list(problem.points)
    candidates = list(pts)
    for p, q in combinations(pts, 2):
        candidates += segment_hits(p, q, 0, u[0]) + segment_hits(p, q, 1, u[1])
    return not any(c[0] >= u[0] and c[1] >= u[1] and c != u for c in candidates)
