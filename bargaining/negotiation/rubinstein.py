"""Rubinstein's alternating-offers bargaining, exact for rational discount factors.

Two players take turns proposing how to divide; the responder accepts or
rejects, and after a rejection one period passes and the roles swap. Player
i discounts each period by ``delta_i`` in (0, 1). Over a surplus ``S`` with
transferable utility, the unique subgame perfect equilibrium (Rubinstein 1982)
has immediate agreement, the proposer i getting

    share_i = (1 - delta_k) / (1 - delta_i * delta_k)   of S,

and the responder k the rest, ``delta_k * (1 - delta_i) / (1 - delta_i * delta_k)``.

On a general frontier (no transfers) the equilibrium proposals ``x`` (by
player 1) and ``y`` (by player 2) are the frontier points that leave each
responder indifferent between accepting and waiting one period:

    y1 - d1 = delta1 * (x1 - d1),    x2 - d2 = delta2 * (y2 - d2)

(Binmore, Rubinstein & Wolinsky 1986, with the disagreement point as the
payoff while talking). On a piecewise linear frontier both conditions are
piecewise linear, and the solution is found exactly between breakpoints.

Limit of frequent offers: with ``delta_i = exp(-r_i * Delta)`` and the period
``Delta -> 0``, the agreement tends to the weighted Nash solution with weights

    alpha_i = r_k / (r_i + r_k) = ln(delta_k) / (ln(delta_i) + ln(delta_k)),

so the more patient player gets more (Binmore, Rubinstein & Wolinsky 1986).
These weights are irrational in general and are computed in floating point.

References
----------
Rubinstein, "Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 1982.
Binmore, Rubinstein & Wolinsky, "The Nash Bargaining Solution in Economic
Modelling", RAND Journal of Economics 17(2), 1986.
Osborne & Rubinstein, *Bargaining and Markets*, 1990, ch. 3 and 4.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence

from bargaining.errors import InputError
from bargaining.negotiation.problem import BargainingProblem, Point
from bargaining.negotiation.solutions import (
    BargainingSolution,
    _agreed,
    _nash_point,
    _no_agreement,
)
from bargaining.numbers import to_fraction

__all__ = [
    "check_discount",
    "rubinstein",
    "rubinstein_limit_weights",
    "rubinstein_proposals",
    "rubinstein_shares",
]


def check_discount(discount: Sequence[object], *, where: str = "discount") -> tuple[Fraction, Fraction]:
    """Validate two discount factors, each strictly between 0 and 1.

    Examples
    --------
    >>> check_discount([0.95, "0.99"])
    (Fraction(19, 20), Fraction(99, 100))
    >>> check_discount([0.95, 1])
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: discount[1]: expected a discount factor strictly between 0 and 1, found 1
    """
    if len(discount) != 2:
        raise InputError(f"expected two discount factors, found {len(discount)}", where=where)
    out = []
    for i, x in enumerate(discount):
        f = to_fraction(x, where=f"{where}[{i}]")
        if not 0 < f < 1:
            raise InputError(
                f"expected a discount factor strictly between 0 and 1, found {f}",
                where=f"{where}[{i}]",
            )
        out.append(f)
    return (out[0], out[1])


def _check_first(first: object) -> int:
    if first not in (0, 1):
        raise InputError(f"expected the first proposer as 0 or 1, found {first!r}", where="first")
    return int(first)


def rubinstein_shares(
    discount: Sequence[object], first: int = 0
) -> tuple[Fraction, Fraction]:
    """Equilibrium shares of a transferable surplus, for each player.

    Parameters
    ----------
    discount : pair of numbers
        ``(delta1, delta2)``, each in (0, 1).
    first : {0, 1}
        The player who proposes first.

    Returns
    -------
    (Fraction, Fraction)
        Shares of the surplus, summing to 1.

    Examples
    --------
    >>> rubinstein_shares(["1/2", "1/2"])
    (Fraction(2, 3), Fraction(1, 3))
    >>> rubinstein_shares([0.9, 0.9], first=1)
    (Fraction(9, 19), Fraction(10, 19))
    """
    d = check_discount(discount)
    i = _check_first(first)
    k = 1 - i
    share = (1 - d[k]) / (1 - d[i] * d[k])
    out = [Fraction(0), Fraction(0)]
    out[i], out[k] = share, 1 - share
    return (out[0], out[1])


def rubinstein_limit_weights(discount: Sequence[object]) -> tuple[Fraction, Fraction] | tuple[float, float]:
    """Nash weights that alternating offers tend to as the period shrinks.

    ``alpha_i = ln(delta_k) / (ln(delta_i) + ln(delta_k))``: exact (1/2, 1/2)
    for equal discount factors, floats otherwise.

    Examples
    --------
    >>> rubinstein_limit_weights([0.9, 0.9])
    (Fraction(1, 2), Fraction(1, 2))
    >>> a = rubinstein_limit_weights([0.95, 0.99])
    >>> round(a[0], 4), round(a[1], 4)
    (0.1638, 0.8362)
    """
    d = check_discount(discount)
    if d[0] == d[1]:
        return (Fraction(1, 2), Fraction(1, 2))
    r1, r2 = -math.log(d[0]), -math.log(d[1])
    return (r2 / (r1 + r2), r1 / (r1 + r2))


def _f_ext(vs: Sequence[Point], u1: Fraction) -> Fraction:
    """Frontier u2 at u1, flat to the left of the chain (the best player 2 can do)."""
    if u1 <= vs[0][0]:
        return vs[0][1]
    for p, q in zip(vs, vs[1:]):
        if u1 <= q[0]:
            return p[1] + (u1 - p[0]) * (q[1] - p[1]) / (q[0] - p[0])
    return vs[-1][1]


def _g_ext(vs: Sequence[Point], u2: Fraction) -> Fraction:
    """Frontier u1 at u2, flat below the chain (the best player 1 can do)."""
    if u2 <= vs[-1][1]:
        return vs[-1][0]
    for p, q in zip(vs, vs[1:]):
        if u2 >= q[1]:
            return p[0] + (u2 - p[1]) * (q[0] - p[0]) / (q[1] - p[1])
    return vs[0][0]


def rubinstein_proposals(
    problem: BargainingProblem, discount: Sequence[object]
) -> tuple[Point, Point]:
    """Equilibrium proposals ``(x, y)`` of players 1 and 2 on the frontier, exact.

    Assumes an agreement exists (see :meth:`BargainingProblem.agreement_exists`).

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    >>> x, y = rubinstein_proposals(P, ["1/2", "1/2"])
    >>> x, y
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    """
    dl = check_discount(discount)
    d = problem.disagreement
    vs = problem.ir_frontier().vertices
    if len(vs) == 1:
        return vs[0], vs[0]

    def phi(x1: Fraction) -> Fraction:
        # Player 1's best offer given the offer y that player 2 makes after a rejection.
        y2 = _f_ext(vs, d[0] + dl[0] * (x1 - d[0]))
        return _g_ext(vs, d[1] + dl[1] * (y2 - d[1]))

    lo, hi = vs[0][0], vs[-1][0]
    points = {lo, hi}
    for v in vs:
        points.add(d[0] + (v[0] - d[0]) / dl[0])  # y1 passes a corner
        w = d[1] + (v[1] - d[1]) / dl[1]  # player 2's offer must leave them w
        if vs[-1][1] <= w <= vs[0][1]:
            y1 = _g_ext(vs, w)
            points.add(d[0] + (y1 - d[0]) / dl[0])
    grid = sorted(p for p in points if lo <= p <= hi)
    x1 = hi
    prev = None
    for t in grid:
        h = phi(t) - t
        if h == 0:
            x1 = t
            break
        if prev is not None and prev[1] > 0 > h:
            (a, ha) = prev
            x1 = a + ha * (t - a) / (ha - h)  # phi is affine between breakpoints
            break
        prev = (t, h)
    x = (x1, _f_ext(vs, x1))
    y1 = d[0] + dl[0] * (x1 - d[0])
    y = (max(y1, vs[0][0]), _f_ext(vs, y1))
    return x, y


def rubinstein(
    problem: BargainingProblem,
    discount: Sequence[object] = (Fraction(19, 20), Fraction(19, 20)),
    first: int = 0,
) -> BargainingSolution:
    """Subgame perfect outcome of alternating offers: immediate agreement.

    Parameters
    ----------
    problem : BargainingProblem
    discount : pair of numbers, default (19/20, 19/20)
        ``(delta1, delta2)`` per period, each in (0, 1).
    first : {0, 1}, default 0
        Who proposes first.

    Returns
    -------
    BargainingSolution
        The first proposer's equilibrium offer, accepted at once. Its
        parameters hold the shares (with transfers), both proposals, and the
        limit weights and payoffs as the period shrinks.

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0), transfers=True)
    >>> rubinstein(P, discount=["9/10", "9/10"]).payoffs
    (Fraction(10, 19), Fraction(9, 19))
    """
    dl = check_discount(discount)
    i = _check_first(first)
    params: list[tuple[str, object]] = [("discount", dl), ("first proposer", problem.players[i])]
    alpha = rubinstein_limit_weights(dl)
    limit_exact = isinstance(alpha[0], Fraction)
    params.append(("limit weights", alpha))
    if not problem.agreement_exists():
        return _no_agreement(problem, "rubinstein", params)
    d = problem.disagreement
    notes = [
        f"{problem.players[i]} proposes first; the offer is accepted at once",
    ]
    if problem.transfers:
        S = problem.max_total - d[0] - d[1]
        shares = rubinstein_shares(dl, i)
        params.append(("shares", shares))
        u = (d[0] + shares[0] * S, d[1] + shares[1] * S)
        other = rubinstein_shares(dl, 1 - i)
        v = (d[0] + other[0] * S, d[1] + other[1] * S)
    else:
        x, y = rubinstein_proposals(problem, dl)
        u, v = (x, y) if i == 0 else (y, x)
    params.append((f"payoffs if {problem.players[1 - i]} proposed first", v))
    a_exact = alpha if limit_exact else (Fraction(alpha[0]), 1 - Fraction(alpha[0]))
    limit = _nash_point(problem, a_exact)
    params.append(("limit payoffs", limit if limit_exact else (float(limit[0]), float(limit[1]))))
    notes.append(
        "as the period between offers shrinks (delta_i = exp(-r_i*Delta), Delta -> 0) the split"
        " tends to the weighted Nash solution with weights alpha_i = ln(delta_k)/(ln(delta_i)"
        f" + ln(delta_k)) = ({float(alpha[0]):.4f}, {float(alpha[1]):.4f})"
    )
    return _agreed(problem, "rubinstein", u, notes=notes, parameters=params)
