"""Bargaining over the terms of an agreement: problems, axiomatic solutions, alternating offers.

The pure core of the ``bargain`` command. A :class:`BargainingProblem` is a set
of outcomes (payoff pairs), a disagreement point and whether transfers are
allowed; :func:`solve` applies one named solution and returns a
:class:`BargainingSolution`. The names in :data:`SOLUTIONS` are the choices of
the command line.
"""

from __future__ import annotations

from bargaining.bargain.problem import BargainingProblem, Frontier
from bargaining.bargain.rubinstein import rubinstein, rubinstein_limit_weights, rubinstein_shares
from bargaining.bargain.solutions import (
    BargainingSolution,
    egalitarian,
    kalai_smorodinsky,
    nash,
    nash_on_curve,
    utilitarian,
)
from bargaining.errors import InputError

SOLUTIONS = {
    "nash": nash,
    "weighted-nash": nash,
    "kalai-smorodinsky": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
    "rubinstein": rubinstein,
}
"""Solution name -> function(problem, **options) returning a BargainingSolution."""

# "nash" is the symmetric solution (Nash 1950); "weighted-nash" uses the bargaining powers given
_OPTIONS = {"weighted-nash": {"weights"}, "rubinstein": {"discount", "first"}}


def solve(problem: BargainingProblem, method: str = "nash", **options) -> BargainingSolution:
    """Apply the bargaining solution named ``method`` to ``problem``.

    Parameters
    ----------
    problem : BargainingProblem
    method : str
        One of :data:`SOLUTIONS`.
    **options
        ``weights`` for ``weighted-nash``; ``discount`` and ``first`` for
        ``rubinstein``. Options a method does not take are ignored, so one
        set of options can be passed to every method.

    Raises
    ------
    InputError
        For an unknown method; the message lists the valid ones.

    Examples
    --------
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    >>> solve(P, "egalitarian").payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> solve(P, "shapley")
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: unknown bargaining solution 'shapley'; valid: nash, weighted-nash, kalai-smorodinsky, egalitarian, utilitarian, rubinstein
    """
    try:
        fn = SOLUTIONS[method]
    except KeyError:
        raise InputError(
            f"unknown bargaining solution {method!r}; valid: {', '.join(SOLUTIONS)}"
        ) from None
    allowed = _OPTIONS.get(method, set())
    return fn(problem, **{k: v for k, v in options.items() if k in allowed and v is not None})


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
    "solve",
    "utilitarian",
]
