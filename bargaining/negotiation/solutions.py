"""Axiomatic bargaining solutions, exact on a piecewise linear frontier.

For a problem ``(F, d)`` with gains ``x = u - d``:

- **Nash** (Nash 1950): maximise ``x1 * x2`` over feasible ``u >= d``. The
  **weighted** (asymmetric) version (Kalai 1977; Roth 1979) maximises
  ``x1**a1 * x2**a2`` with ``a1 + a2 = 1``. On an edge of the frontier, a
  segment of the line ``n1 u1 + n2 u2 = c`` with ``n > 0``, the maximiser is
  where the weighted shares balance: ``n_i x_i = a_i (n . x)``; it is rational
  when the data and the weights are. The log of the product is concave along
  the frontier, so walking the edges left to right until its slope turns
  negative finds the global maximiser exactly, without comparing powers.
- **Kalai–Smorodinsky** (Kalai & Smorodinsky 1975): the Pareto point on the
  segment from ``d`` to the ideal point ``I`` (``I_i`` is the most player i
  can get in an individually rational agreement): gains proportional to the
  ideal gains.
- **Egalitarian** (Kalai 1977): equal gains, as large as possible.
- **Utilitarian**: the largest total ``u1 + u2``. When the maximiser is not
  unique (always so with transfers), the point of equal gains among the
  maximisers is reported, and a note says so.

On a polygon the equal-gains (or proportional-gains) ray can leave ``F``
through a horizontal or vertical edge, which is only weakly Pareto optimal.
Kalai–Smorodinsky and egalitarian therefore use the lexicographic refinement
(maximise the smaller normalised gain along the Pareto frontier), which is
the ray point whenever that point is Pareto optimal.

When no feasible agreement is strictly better than ``d`` for both players,
every solution is the disagreement point and ``exists`` is False.

References
----------
Nash, "The Bargaining Problem", Econometrica 18(2), 1950.
Kalai & Smorodinsky, "Other Solutions to Nash's Bargaining Problem",
Econometrica 43(3), 1975.
Kalai, "Nonsymmetric Nash Solutions and Replications of 2-Person Bargaining",
International Journal of Game Theory 6(3), 1977; "Proportional Solutions to
Bargaining Situations", Econometrica 45(7), 1977.
Roth, *Axiomatic Models of Bargaining*, Springer, 1979.
Thomson, "Cooperative Models of Bargaining", Handbook of Game Theory vol. 2, 1994.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from bargaining.errors import InputError
from bargaining.negotiation.problem import (
    BargainingProblem,
    Label,
    Point,
    label_text,
)
from bargaining.numbers import fraction_text, to_fraction

__all__ = [
    "BargainingSolution",
    "check_weights",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "nash_on_curve",
    "utilitarian",
]

Number = Fraction | float


def _text(q: Fraction) -> str:
    """A number for a note: ``0.281`` when the decimal is short, else ``22/45``."""
    if (q * 10**6).denominator == 1 and q.denominator != 1:
        return f"{float(q):.6f}".rstrip("0")
    return str(q)


@dataclass(frozen=True, kw_only=True)
class BargainingSolution:
    """The outcome of one bargaining solution.

    Attributes
    ----------
    name : str
        The solution, such as ``"nash"``.
    payoffs : (Fraction, Fraction) or (float, float)
        What each player gets.
    disagreement : pair
        The disagreement point of the problem.
    agreement : tuple of (label, Fraction)
        The lottery over outcomes that is agreed, probabilities summing to 1;
        empty when there is no agreement (or the frontier was a function).
    transfer : Fraction or float
        Payoff moved from player 2 to player 1 on top of the lottery
        (negative: from player 1 to player 2).
    exists : bool
        Whether some feasible agreement is strictly better than the
        disagreement point for both players. When False, the payoffs are the
        disagreement point.
    surplus : Fraction or float
        Joint gain over the disagreement point (see
        :meth:`BargainingProblem.surplus`).
    exact : bool
        True when every number is an exact rational.
    notes : tuple of str
        Warnings and explanations for the reader.
    parameters : tuple of (str, object)
        The solution's parameters (weights, discount factors, ...).
    players : (str, str)
        The players' names.
    """

    name: str
    payoffs: tuple[Number, Number]
    disagreement: tuple[Number, Number]
    agreement: tuple[tuple[Label, Fraction], ...]
    transfer: Number
    exists: bool
    surplus: Number
    exact: bool = True
    notes: tuple[str, ...] = ()
    parameters: tuple[tuple[str, object], ...] = ()
    players: tuple[str, str] = ("player 1", "player 2")

    @property
    def gains(self) -> tuple[Number, Number]:
        """Payoffs minus the disagreement point."""
        return (
            self.payoffs[0] - self.disagreement[0],
            self.payoffs[1] - self.disagreement[1],
        )

    def to_dict(self) -> dict:
        """A JSON-ready dict; exact numbers are strings such as ``"-23/125"``.

        Every exact value also has a ``*_decimal`` float companion for reading.

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0), labels=["A", "B"])
        >>> d = nash(P).to_dict()
        >>> d["payoffs"], d["agreement"], d["exists"]
        (['1/2', '1/2'], {'B': '1/2', 'A': '1/2'}, True)
        """

        def pair(p):
            return [fraction_text(p[0]), fraction_text(p[1])]

        def dec(p):
            return [float(p[0]), float(p[1])]

        def param(v):
            if isinstance(v, (tuple, list)):
                return [param(x) for x in v]
            if isinstance(v, Fraction):
                return str(v)
            return v

        return {
            "solution": self.name,
            "players": list(self.players),
            "exists": self.exists,
            "payoffs": pair(self.payoffs),
            "payoffs_decimal": dec(self.payoffs),
            "disagreement": pair(self.disagreement),
            "gains": pair(self.gains),
            "gains_decimal": dec(self.gains),
            "agreement": {label_text(lab): str(p) for lab, p in self.agreement},
            "transfer": fraction_text(self.transfer),
            "transfer_decimal": float(self.transfer),
            "surplus": fraction_text(self.surplus),
            "surplus_decimal": float(self.surplus),
            "exact": self.exact,
            "parameters": {k: param(v) for k, v in self.parameters},
            "notes": list(self.notes),
        }


def check_weights(weights: Sequence[object], *, where: str = "weights") -> tuple[Fraction, Fraction]:
    """Validate bargaining weights: two numbers in [0, 1] summing to 1.

    Parameters
    ----------
    weights : pair of numbers
        ``(a1, a2)``.
    where : str
        Name used in error messages, e.g. ``"bargaining.weights"``.

    Returns
    -------
    (Fraction, Fraction)

    Raises
    ------
    InputError
        Naming the offending entry, e.g. ``weights[1]``.

    Examples
    --------
    >>> check_weights(["0.135", "0.865"])
    (Fraction(27, 200), Fraction(173, 200))
    >>> check_weights([1, 1])
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: weights: expected two weights summing to 1, found 1 + 1 = 2
    """
    if len(weights) != 2:
        raise InputError(f"expected two weights, found {len(weights)}", where=where)
    w = tuple(to_fraction(x, where=f"{where}[{i}]") for i, x in enumerate(weights))
    for i, x in enumerate(w):
        if not 0 <= x <= 1:
            raise InputError(f"expected a weight between 0 and 1, found {x}", where=f"{where}[{i}]")
    if w[0] + w[1] != 1:
        raise InputError(
            f"expected two weights summing to 1, found {w[0]} + {w[1]} = {w[0] + w[1]}",
            where=where,
        )
    return (w[0], w[1])


def _no_agreement(problem: BargainingProblem, name: str, parameters=()) -> BargainingSolution:
    d = problem.disagreement
    notes = []
    if not problem.ir_frontier().vertices:
        notes.append(
            "no feasible agreement gives both players at least their disagreement payoff"
        )
    else:
        notes.append(
            "no feasible agreement is strictly better than the disagreement point for both"
            " players: no agreement at any terms"
            + (" (even with transfers)" if problem.transfers else "")
        )
    d_label = problem.disagreement_label()
    if d_label:
        notes.append(f"the players stay at the disagreement outcome ({label_text(d_label)})")
    return BargainingSolution(
        name=name,
        payoffs=d,
        disagreement=d,
        agreement=(),
        transfer=Fraction(0),
        exists=False,
        surplus=problem.surplus(),
        exact=True,
        notes=tuple(notes),
        parameters=tuple(parameters),
        players=problem.players,
    )


def _agreed(
    problem: BargainingProblem, name: str, u: Point, notes=(), parameters=(), exact=True
) -> BargainingSolution:
    lottery, transfer = problem.lottery_on_frontier(u)
    return BargainingSolution(
        name=name,
        payoffs=u,
        disagreement=problem.disagreement,
        agreement=lottery,
        transfer=transfer,
        exists=True,
        surplus=problem.surplus(),
        exact=exact,
        notes=tuple(notes),
        parameters=tuple(parameters),
        players=problem.players,
    )


def _first_balance(vertices: Sequence[Point], g: Callable[[Point, Point], Fraction]) -> Point:
    """First point, walking the chain left to right, where ``g`` turns <= 0.

    ``g(u, direction)`` must be affine in ``u`` on each edge and non-increasing
    along the chain; then the result is exact.
    """
    if len(vertices) == 1:
        return vertices[0]
    for p, q in zip(vertices, vertices[1:]):
        step = (q[0] - p[0], q[1] - p[1])
        gp, gq = g(p, step), g(q, step)
        if gp <= 0:
            return p
        if gq < 0:
            s = gp / (gp - gq)
            return (p[0] + s * step[0], p[1] + s * step[1])
    return vertices[-1]


def _nash_point(problem: BargainingProblem, a: tuple[Fraction, Fraction]) -> Point:
    d = problem.disagreement

    def slope_sign(u: Point, step: Point) -> Fraction:
        # Sign of the derivative of a1 log x1 + a2 log x2 along `step`,
        # multiplied through by x1 x2 >= 0 so that it stays finite at the ends.
        x1, x2 = u[0] - d[0], u[1] - d[1]
        return a[0] * step[0] * x2 + a[1] * step[1] * x1

    return _first_balance(problem.ir_frontier().vertices, slope_sign)


def nash(
    problem: BargainingProblem, weights: Sequence[object] = (Fraction(1, 2), Fraction(1, 2))
) -> BargainingSolution:
    """The (weighted) Nash bargaining solution, exact.

    Parameters
    ----------
    problem : BargainingProblem
    weights : pair of numbers, default (1/2, 1/2)
        Bargaining powers ``(a1, a2)``, in [0, 1] and summing to 1.

    Returns
    -------
    BargainingSolution

    Examples
    --------
    Splitting a unit surplus with linear utilities gives half each:

    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    >>> nash(P).payoffs
    (Fraction(1, 2), Fraction(1, 2))

    With transfers, player i gets ``d_i + a_i * S``:

    >>> P = BargainingProblem.from_payoffs([(3, 1), (1, 1)], (1, 1), transfers=True)
    >>> nash(P, weights=("1/4", "3/4")).payoffs, nash(P, weights=("1/4", "3/4")).transfer
    ((Fraction(3, 2), Fraction(5, 2)), Fraction(-3, 2))
    """
    a = check_weights(weights)
    name = "nash" if a[0] == a[1] else "weighted-nash"
    params = (("weights", a),)
    if not problem.agreement_exists():
        return _no_agreement(problem, name, params)
    return _agreed(problem, name, _nash_point(problem, a), parameters=params)


def _proportional_point(problem: BargainingProblem, w: tuple[Fraction, Fraction]) -> Point:
    d = problem.disagreement
    return _first_balance(
        problem.ir_frontier().vertices,
        lambda u, step: (u[1] - d[1]) * w[0] - (u[0] - d[0]) * w[1],
    )


def kalai_smorodinsky(problem: BargainingProblem) -> BargainingSolution:
    """The Kalai–Smorodinsky solution: gains proportional to the ideal gains.

    Examples
    --------
    Player 1 can get at most 1, player 2 at most 2: they get 1/2 and 1.

    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 2), (0, 0)], (0, 0))
    >>> kalai_smorodinsky(P).payoffs
    (Fraction(1, 2), Fraction(1, 1))
    """
    if not problem.agreement_exists():
        return _no_agreement(problem, "kalai-smorodinsky")
    vs = problem.ir_frontier().vertices
    d = problem.disagreement
    ideal = (vs[-1][0], vs[0][1])
    w = (ideal[0] - d[0], ideal[1] - d[1])
    return _agreed(
        problem,
        "kalai-smorodinsky",
        _proportional_point(problem, w),
        parameters=(("ideal point", ideal),),
    )


def egalitarian(problem: BargainingProblem) -> BargainingSolution:
    """The egalitarian solution: equal gains, as large as possible.

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 2), (0, 0)], (0, 0))
    >>> egalitarian(P).payoffs
    (Fraction(2, 3), Fraction(2, 3))
    """
    if not problem.agreement_exists():
        return _no_agreement(problem, "egalitarian")
    return _agreed(
        problem, "egalitarian", _proportional_point(problem, (Fraction(1), Fraction(1)))
    )


def utilitarian(problem: BargainingProblem) -> BargainingSolution:
    """The utilitarian solution: the largest total payoff.

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 2), (0, 0)], (0, 0))
    >>> utilitarian(P).payoffs
    (Fraction(0, 1), Fraction(2, 1))

    With transfers only the total is determined; equal gains break the tie:

    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 2)], (0, 0), transfers=True)
    >>> utilitarian(P).payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    if not problem.agreement_exists():
        return _no_agreement(problem, "utilitarian")
    vs = problem.ir_frontier().vertices
    best = max(v[0] + v[1] for v in vs)
    tops = [v for v in vs if v[0] + v[1] == best]
    if len(tops) == 1:
        return _agreed(problem, "utilitarian", tops[0])
    d = problem.disagreement
    u = _first_balance(tops, lambda u, step: (u[1] - d[1]) - (u[0] - d[0]))
    ends = " and ".join(f"({_text(v[0])}, {_text(v[1])})" for v in (tops[0], tops[-1]))
    return _agreed(
        problem,
        "utilitarian",
        u,
        notes=(
            f"the largest total {_text(best)} is reached all along the segment between {ends};"
            " reported the point of equal gains on it",
        ),
    )


def nash_on_curve(
    f: Callable[[float], float],
    lo: float,
    hi: float,
    disagreement: Sequence[float],
    weights: Sequence[object] = (Fraction(1, 2), Fraction(1, 2)),
    *,
    tol: float = 1e-10,
    players: tuple[str, str] = ("player 1", "player 2"),
) -> BargainingSolution:
    """Weighted Nash solution on a frontier given as a function (floating point).

    The frontier is ``u2 = f(u1)`` for ``lo <= u1 <= hi``, decreasing and
    concave (a convex feasible set), so the Nash product has one maximiser;
    it is found with :func:`scipy.optimize.minimize_scalar` and the result is
    flagged ``exact=False``.

    Parameters
    ----------
    f : callable
        Player 2's frontier payoff as a function of player 1's.
    lo, hi : float
        The range of ``u1``.
    disagreement : pair of float
    weights : pair of numbers, default (1/2, 1/2)
    tol : float
        Absolute tolerance on ``u1``.
    players : pair of str

    Returns
    -------
    BargainingSolution

    Examples
    --------
    Dividing a dollar where player 2's utility is the square root of their
    share: player 1 gets 2/3.

    >>> import math
    >>> s = nash_on_curve(lambda x: math.sqrt(1 - x), 0.0, 1.0, (0.0, 0.0))
    >>> round(s.payoffs[0], 6), s.exact
    (0.666667, False)
    """
    from scipy.optimize import minimize_scalar

    a = check_weights(weights)
    d = (float(disagreement[0]), float(disagreement[1]))
    a1, a2 = float(a[0]), float(a[1])
    left = max(float(lo), d[0])
    right = float(hi)
    params = (("weights", a), ("tolerance", tol))
    name = "nash" if a[0] == a[1] else "weighted-nash"

    def gains(u1: float) -> tuple[float, float]:
        return u1 - d[0], float(f(u1)) - d[1]

    if right <= left or gains(left)[1] <= 0:
        return BargainingSolution(
            name=name, payoffs=d, disagreement=d, agreement=(), transfer=0.0, exists=False, surplus=0.0, exact=False,
            notes=("no point on the curve is strictly better than the disagreement point for both",),
            parameters=params, players=players,
        )

    def objective(u1: float) -> float:
        x1, x2 = gains(u1)
        if x1 <= 0 or x2 <= 0:
            return float("inf") if (a1 > 0 and x1 <= 0) or (a2 > 0 and x2 <= 0) else 0.0
        return -(a1 * math.log(x1) + a2 * math.log(x2))

    res = minimize_scalar(objective, bounds=(left, right), method="bounded",
                          options={"xatol": tol})
    u = (float(res.x), float(f(res.x)))
    total = minimize_scalar(lambda t: -(t + float(f(t))), bounds=(left, right),
                            method="bounded", options={"xatol": tol})
    surplus = -float(total.fun) - d[0] - d[1]
    return BargainingSolution(
        name=name, payoffs=u, disagreement=d, agreement=(), transfer=0.0, exists=True, surplus=surplus, exact=False,
        notes=(f"frontier given as a function: maximised numerically (scipy bounded Brent, xatol={tol})",),
        parameters=params, players=players,
    )
