"""Bargaining over the terms of an agreement: problems, axiomatic solutions, alternating offers.

The pure core of the ``bargain`` command. A :class:`BargainingProblem` is a set
of outcomes (payoff pairs), a disagreement point and whether transfers are
allowed; :func:`solve_bargaining` applies one named solution and returns a
:class:`BargainingSolution`. The names in :data:`SOLUTIONS` are the choices of
the command line.
"""

from __future__ import annotations

from bargaining.negotiation.problem import BargainingProblem, Frontier
from bargaining.negotiation.rubinstein import rubinstein, rubinstein_limit_weights, rubinstein_shares
from bargaining.negotiation.solutions import (
    BargainingSolution,
    egalitarian,
    kalai_smorodinsky,
    nash,
    nash_on_curve,
    utilitarian,
)
from bargaining.registry import Entry, Registry

#: The bargaining solutions, by name; the command line's ``--solution`` choices.
#: "nash" is the symmetric solution (Nash 1950); "weighted-nash" uses the bargaining powers given.
SOLUTIONS: Registry[Entry] = Registry("bargaining solution", "bargaining solutions")
for _entry in (
    Entry(name="nash", run=nash, description="the symmetric Nash bargaining solution (Nash 1950)"),
    Entry(name="weighted-nash", run=nash, options=frozenset({"weights"}),
          description="the Nash solution weighted by bargaining power"),
    Entry(name="kalai-smorodinsky", run=kalai_smorodinsky,
          description="gains in proportion to each player's best possible gain (Kalai and Smorodinsky 1975)"),
    Entry(name="egalitarian", run=egalitarian, description="equal gains over the disagreement point (Kalai 1977)"),
    Entry(name="utilitarian", run=utilitarian, description="the largest sum of payoffs"),
    Entry(name="rubinstein", run=rubinstein, options=frozenset({"discount", "first"}),
          description="the subgame-perfect split of alternating offers (Rubinstein 1982)"),
):
    SOLUTIONS.register(_entry)


def solve_bargaining(problem: BargainingProblem, solution: str = "nash", **options) -> BargainingSolution:
    """Apply the bargaining solution named ``solution`` to ``problem``.

    Parameters
    ----------
    problem : BargainingProblem
    solution : str
        A name of :data:`SOLUTIONS`.
    **options
        ``weights`` for ``weighted-nash``; ``discount`` and ``first`` for
        ``rubinstein``. Options a solution does not take are ignored, so one
        set of options can be passed to every solution.

    Raises
    ------
    InputError
        For an unknown solution; the message lists the valid ones.

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    >>> solve_bargaining(P, "egalitarian").payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> solve_bargaining(P, "shapley")
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: bargaining solution: unknown bargaining solution 'shapley';
    bargaining solutions: nash, weighted-nash, kalai-smorodinsky, egalitarian, utilitarian, rubinstein
    """
    return SOLUTIONS.call(solution, problem, **options)


__all__ = [
    "SOLUTIONS",
    "BargainingProblem",
    "BargainingSolution",
    "Frontier",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "nash_on_curve",
    "rubinstein",
    "rubinstein_limit_weights",
    "rubinstein_shares",
    "solve_bargaining",
    "utilitarian",
]
