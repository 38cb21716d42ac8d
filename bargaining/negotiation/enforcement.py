"""Is a bargained agreement self-enforcing? A stage equilibrium, a repeated-game equilibrium, or neither.

A bargaining solution (:class:`~bargaining.negotiation.solutions.BargainingSolution`)
agrees on a lottery over pure profiles of the game, possibly with a transfer.
Nothing in the bargaining problem enforces it: the agreement binds only if
no player gains by breaking it.

* It is **a stage equilibrium** when every profile in its support is a Nash
  equilibrium of the stage game and no transfer is paid: then it holds in a
  single meeting (a public lottery over equilibria is a correlated
  equilibrium), and at every discount factor.
* Otherwise it can hold only **in the repeated game**: the lottery is drawn
  publicly in every period, the transfer is paid at the end of each period
  in which the receiver kept to the drawn profile, and a deviation is
  punished by the deviator's worst stage equilibrium forever (Nash reversion,
  Friedman 1971). After the draw of profile ``k`` player ``p`` conforms iff
  ``(1 - δ_p)·X + δ_p·(V_p - n_p) >= 0``, with ``X`` its payoff this period
  (with the transfer) minus its best deviation payoff (without it), ``V_p``
  its agreement payoff and ``n_p`` its punishment; a payer is always tempted
  to withhold. Each player's least ``δ_p`` is exact
  (:func:`bargaining.solvers.repeated.lottery_thresholds`).
* It is **not self-enforcing** when for some player and some drawn profile
  even ``δ_p → 1`` does not help: its agreement payoff does not beat its
  punishment.

Harsher punishments than Nash reversion (stick and carrot, see
:mod:`bargaining.solvers.repeated`) can lower the thresholds of a single
profile; the agreement's thresholds here are those of Nash reversion, the
punishment the disagreement of treaty bargaining usually stands for.

References
----------
Friedman, "A Non-cooperative Equilibrium for Supergames", Review of Economic Studies 38(1), 1971.
Fearon, "Rationalist Explanations for War", International Organization 49(3), 1995.
Mailath & Samuelson, *Repeated Games and Reputations*, Oxford University Press, 2006, ch. 2
(public correlation).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from bargaining.negotiation.problem import label_text
from bargaining.numbers import exact_and_decimal, number_to_json
from bargaining.solvers.repeated import (
    DeltaSet,
    discount_names,
    lottery_thresholds,
    read_discount,
    stage_equilibria,
)

__all__ = ["Enforcement", "self_enforcing", "assess"]

#: status -> what it means
STATUSES = {
    "stage-equilibrium": "a stage equilibrium: holds without any future",
    "repeated": "self-enforcing only in the repeated game, for discount factors above the thresholds",
    "never": "not self-enforcing at any discount factors below 1",
    "no-agreement": "no agreement: the players stay at the disagreement point",
    "unknown": "the agreement is not a lottery over profiles (a frontier given as a function)",
}


@dataclass(frozen=True, kw_only=True)
class Enforcement:
    """Whether one bargained agreement enforces itself.

    Attributes
    ----------
    solution : str
        The bargaining solution's name.
    status : str
        A key of :data:`STATUSES`.
    thresholds : pair of DeltaSet or None
        Each player's discount factors at which it keeps the agreement under
        Nash reversion (None: none below 1); empty for ``no-agreement`` and
        ``unknown``.
    names : (str, str)
        The discount factors' names.
    discount : pair of Fraction or None
        The discount factors given, if any.
    holds : bool or None
        At the given discount factors: whether the agreement holds (None when
        none were given, or a needed one is missing).
    summary : str
        One line: ``yes (a stage equilibrium)``, ``only if repeated with
        delta_C ≥ 17/22 (0.7727)``, ``no (...)``.
    reason : str
        Why, in words.
    """

    solution: str
    status: str
    thresholds: tuple[DeltaSet | None, ...] = ()
    names: tuple[str, str] = ("delta_1", "delta_2")
    discount: tuple[Fraction | None, Fraction | None] = (None, None)
    holds: bool | None = None
    summary: str = ""
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "status_text": STATUSES[self.status],
            "summary": self.summary,
            "reason": self.reason,
            "thresholds": {
                self.names[p]: None if s is None else s.to_dict() for p, s in enumerate(self.thresholds)
            },
            "discount": {self.names[p]: number_to_json(d) for p, d in enumerate(self.discount) if d is not None},
            "holds": self.holds,
        }


def _profile_index(game, label) -> tuple[int, int]:
    S0, S1 = game.strategies
    return (S0.index(label[0]), S1.index(label[1]))


def self_enforcing(game, solution, *, discount=None, equilibria=None, names: Sequence[str] | None = None,
                   disagreement_label=None) -> Enforcement:
    """Whether a bargaining solution's agreement is self-enforcing in ``game``.

    Parameters
    ----------
    game : bargaining.game.Game
        The stage game whose pure profiles the agreement is a lottery over.
    solution : BargainingSolution
    discount : optional
        Discount factors to check (a number, a pair, or a mapping from
        ``delta_R``-style names or player names); see
        :func:`bargaining.solvers.repeated.read_discount`.
    equilibria : sequence of StageEquilibrium, optional
        The stage equilibria (computed exactly when not given).
    names : pair of str, optional
        The discount factors' names (default ``delta_`` and each initial).
    disagreement_label : tuple of str, optional
        The disagreement profile, for the words when there is no agreement.

    Returns
    -------
    Enforcement

    Examples
    --------
    The prisoner's dilemma, bargained: the Nash solution is mutual cooperation, which holds
    only in the repeated game, from δ = (5 − 3)/(5 − 1) = 1/2:

    >>> from bargaining.game import Game
    >>> from bargaining.negotiation import BargainingProblem, nash
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> P = BargainingProblem.from_payoffs([(3, 3), (0, 5), (5, 0), (1, 1)], (1, 1),
    ...     labels=[("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")])
    >>> self_enforcing(pd, nash(P)).summary
    'only if repeated with delta_R ≥ 0.5 and delta_C ≥ 0.5'
    """
    names = tuple(names or discount_names(game.players))
    delta = read_discount(discount, game.players, names)
    if equilibria is None:
        equilibria = stage_equilibria(game)
    base = dict(solution=solution.name, names=names, discount=delta)
    pure = {e.profile for e in equilibria if e.profile is not None}
    if not solution.exists:
        if disagreement_label:
            a = _profile_index(game, disagreement_label)
            stays = f"they stay at ({label_text(disagreement_label)})"
            if a in pure:
                text = f"{stays}, a stage equilibrium"
            else:
                text = f"{stays}, which is not a stage equilibrium"
        else:
            text = "they stay at the disagreement point"
        return Enforcement(status="no-agreement", summary=f"no agreement: {text}", reason=text, **base)
    if not solution.agreement:
        return Enforcement(status="unknown", summary="unknown (the frontier was a function)",
                           reason=STATUSES["unknown"], **base)
    lottery = [(_profile_index(game, lab), Fraction(w)) for lab, w in solution.agreement]
    transfer = Fraction(solution.transfer)
    support = [a for a, w in lottery if w > 0]
    if transfer == 0 and all(a in pure for a in support):
        what = "a stage equilibrium" if len(support) == 1 else "a public lottery over stage equilibria"
        return Enforcement(
            status="stage-equilibrium",
            thresholds=(DeltaSet(lo=Fraction(0)), DeltaSet(lo=Fraction(0))),
            holds=True,
            summary=f"yes ({what})",
            reason=f"{what}: no one gains by deviating, whatever the future holds",
            **base,
        )
    sets, binding = lottery_thresholds(game, lottery, transfer, equilibria=equilibria)
    not_equilibria = [a for a in support if a not in pure]
    lead = []
    if not_equilibria:
        S0, S1 = game.strategies
        lead.append(
            ", ".join(f"({S0[a[0]]}, {S1[a[1]]})" for a in not_equilibria)
            + (" is not a stage equilibrium" if len(not_equilibria) == 1 else " are not stage equilibria")
        )
    if transfer != 0:
        payer = 1 if transfer > 0 else 0
        lead.append(
            f"{game.players[payer]} must keep paying {exact_and_decimal(abs(transfer))} per period"
            " and would gain by stopping"
        )
    if any(s is None for s in sets):
        p = next(p for p, s in enumerate(sets) if s is None)
        why = binding[p][1]
        return Enforcement(
            status="never", thresholds=sets, holds=False,
            summary=f"no ({why})", reason="; ".join(lead + [why]), **base,
        )
    needs = [(p, s) for p, s in enumerate(sets) if not s.everywhere]
    conditions = " and ".join(s.text(names[p]) for p, s in needs)
    verdicts = [d in s if d is not None else (None if not s.everywhere else True) for s, d in zip(sets, delta)]
    holds = False if False in verdicts else (None if None in verdicts else True)
    summary = f"only if repeated with {conditions}"
    if holds is not None:
        given = ", ".join(f"{names[p]} = {exact_and_decimal(delta[p])}" for p, _ in needs if delta[p] is not None)
        summary = f"{'yes' if holds else 'no'} at {given} (needs {conditions})"
    reasons = [binding[p][1] for p, _ in needs]
    return Enforcement(
        status="repeated", thresholds=sets, holds=holds, summary=summary,
        reason="; ".join(lead + reasons), **base,
    )


def assess(setup, solutions, discount=None) -> tuple[Enforcement, ...]:
    """:func:`self_enforcing` for each solution of a bargaining setup built from a game file.

    Parameters
    ----------
    setup : bargaining.negotiation.from_game.BargainingSetup
        Carries the stage game and its equilibria.
    solutions : sequence of BargainingSolution
    discount : optional
        Discount factors to check (see :func:`self_enforcing`).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.negotiation.from_game import bargaining_setup
    >>> from bargaining.negotiation.sweep import chosen_solutions
    >>> setup = bargaining_setup(load_model("games/detente.toml"))
    >>> [e.summary for e in assess(setup, chosen_solutions(setup, "nash"))]
    ['only if repeated with delta_R ≥ 0.5 and delta_C ≥ 0.75']
    """
    game = setup.game
    equilibria = stage_equilibria(game, setup.stage)
    d_label = setup.problem.disagreement_label()
    return tuple(
        self_enforcing(game, s, discount=discount, equilibria=equilibria, disagreement_label=d_label)
        for s in solutions
    )
