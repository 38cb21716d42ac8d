r"""Iterated elimination of strictly dominated strategies, step by step.

A strategy :math:`s` of a player is *strictly dominated* by another strategy
:math:`d` (pure) or mixture :math:`\sigma` if it pays strictly less against
every strategy the opponent still has in play:
:math:`u(d, t) > u(s, t)` (or :math:`\sum_k \sigma_k u(k, t) > u(s, t)`) for
every remaining :math:`t`. A rational player never plays a strictly dominated
strategy, and once it is gone the opponent may find strategies of its own
dominated; repeating this is *iterated strict dominance*. For strict
dominance the order of elimination does not change what survives, and no Nash
equilibrium ever gives a strictly dominated strategy positive probability
(Osborne and Rubinstein, *A Course in Game Theory*, 1994, section 4.2;
Fudenberg and Tirole, *Game Theory*, 1991, section 2.1).

Each step here removes one strategy, the row player's first, so that the
walk-through reads like a proof at the board. Dominance by a pure strategy is
looked for first. With ``mixed=True``, when no pure strategy dominates, a
mixture of the remaining strategies is looked for with a linear programme
(maximise the smallest margin :math:`\varepsilon`); the mixture found is
rounded to a fraction and *verified exactly* before it is used, so a step is
never recorded on the strength of floating point alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.game import Game

__all__ = ["Elimination", "Dominance", "iterated_strict_dominance", "dominating_mixture"]


@dataclass(frozen=True, kw_only=True)
class Elimination:
    """One step: ``player``'s ``strategy`` is removed because ``by`` beats it everywhere.

    Attributes
    ----------
    player : int
        0 for the row player, 1 for the column player.
    strategy : int
        The index of the dominated strategy.
    by : tuple of (int, Fraction)
        The dominating strategy as ``(index, probability)`` pairs: one pair
        with probability 1 for a pure strategy, several for a mixture.
    against : tuple of int
        The opponent's strategies still in play at this step.
    margins : tuple of Fraction
        How much more ``by`` pays than ``strategy`` against each of ``against``
        (all positive).
    """

    player: int
    strategy: int
    by: tuple[tuple[int, Fraction], ...]
    against: tuple[int, ...]
    margins: tuple[Fraction, ...]

    @property
    def mixed(self) -> bool:
        """True when the dominating strategy is a mixture."""
        return len(self.by) > 1

    def to_dict(self, game: Game) -> dict[str, Any]:
        names, other = game.strategies[self.player], game.strategies[1 - self.player]
        return {
            "player": game.players[self.player],
            "strategy": names[self.strategy],
            "dominated_by": {names[k]: str(p) for k, p in self.by},
            "mixed": self.mixed,
            "margins": {other[t]: str(m) for t, m in zip(self.against, self.margins)},
        }


@dataclass(frozen=True, kw_only=True)
class Dominance:
    """The steps of iterated strict dominance and what survives them.

    Attributes
    ----------
    game : Game
    steps : tuple of Elimination
        In the order they were taken.
    surviving : tuple of (tuple of int, tuple of int)
        The row and column strategies left at the end.
    mixed : bool
        Whether dominance by mixtures was looked for.
    """

    game: Game
    steps: tuple[Elimination, ...]
    surviving: tuple[tuple[int, ...], tuple[int, ...]]
    mixed: bool

    @property
    def solved(self) -> bool:
        """True when each player has exactly one strategy left (the game is dominance solvable)."""
        return all(len(s) == 1 for s in self.surviving)

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        return {
            "mixed_dominance_checked": self.mixed,
            "steps": [s.to_dict(g) for s in self.steps],
            "surviving": {g.players[p]: [g.strategies[p][k] for k in self.surviving[p]] for p in range(2)},
            "solved": self.solved,
        }


def _payoff(game: Game, player: int, own: int, other: int) -> Fraction:
    return game.A[own][other] if player == 0 else game.B[other][own]


def iterated_strict_dominance(game: Game, *, mixed: bool = True) -> Dominance:
    """Remove strictly dominated strategies one at a time until none is left.

    Parameters
    ----------
    game : Game
        Exact payoffs.
    mixed : bool
        Also look for dominance by mixtures of two or more strategies (when no
        pure strategy dominates).

    Returns
    -------
    Dominance

    Examples
    --------
    The prisoner's dilemma is solved by dominance: defecting beats
    cooperating whatever the other does.

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> d = iterated_strict_dominance(g)
    >>> [(s.player, g.strategies[s.player][s.strategy]) for s in d.steps]
    [(0, 'C'), (1, 'C')]
    >>> d.surviving, d.solved
    (((1,), (1,)), True)

    A strategy dominated only by a mixture (Osborne and Rubinstein 1994,
    p. 59): the third row never pays more than 1, and half of each other row
    pays 3/2 whatever the column player does.

    >>> g = Game.from_arrays([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]])
    >>> step = iterated_strict_dominance(g).steps[0]
    >>> step.strategy, [(k, str(p)) for k, p in step.by]
    (2, [(0, '1/2'), (1, '1/2')])
    """
    alive = [list(range(game.shape[0])), list(range(game.shape[1]))]
    steps: list[Elimination] = []
    while True:
        step = _find_pure(game, alive)
        if step is None and mixed:
            step = _find_mixed(game, alive)
        if step is None:
            break
        steps.append(step)
        alive[step.player].remove(step.strategy)
    return Dominance(game=game, steps=tuple(steps), surviving=(tuple(alive[0]), tuple(alive[1])), mixed=mixed)


def _find_pure(game: Game, alive) -> Elimination | None:
    for p in (0, 1):
        others = alive[1 - p]
        for s in alive[p]:
            best = None
            for d in alive[p]:
                if d == s:
                    continue
                margins = tuple(_payoff(game, p, d, t) - _payoff(game, p, s, t) for t in others)
                # prefer the dominator with the largest smallest margin: the clearest argument
                if all(m > 0 for m in margins) and (best is None or min(margins) > min(best[1])):
                    best = (d, margins)
            if best is not None:
                return Elimination(
                    player=p, strategy=s, by=((best[0], Fraction(1)),), against=tuple(others), margins=best[1]
                )
    return None


def _find_mixed(game: Game, alive) -> Elimination | None:
    for p in (0, 1):
        if len(alive[p]) < 3:  # a mixture of one other strategy is that strategy
            continue
        for s in alive[p]:
            found = dominating_mixture(game, p, s, alive[p], alive[1 - p])
            if found is not None:
                mix, margins = found
                return Elimination(player=p, strategy=s, by=mix, against=tuple(alive[1 - p]), margins=margins)
    return None


def dominating_mixture(game: Game, player: int, strategy: int, own, others):
    """A mixture of ``own`` (without ``strategy``) that strictly dominates it, verified exactly.

    Returns
    -------
    tuple or None
        ``(mixture, margins)`` with the mixture as ``(index, probability)``
        pairs and the exact margin against each of ``others``; None when the
        linear programme finds no mixture with a positive margin that survives
        exact verification.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    >>> mix, margins = dominating_mixture(g, 0, 2, [0, 1, 2], [0, 1])
    >>> [str(m) for m in margins]
    ['1/2', '1/2']
    """
    import numpy as np
    from scipy.optimize import linprog

    cands = [k for k in own if k != strategy]
    if len(cands) < 2 or not others:
        return None
    U = np.array([[float(_payoff(game, player, k, t)) for t in others] for k in cands])
    u = np.array([float(_payoff(game, player, strategy, t)) for t in others])
    scale = max(1.0, float(np.abs(U).max()), float(np.abs(u).max()))
    # variables (sigma_1..sigma_k, eps); maximise eps subject to
    # sum_k sigma_k U[k, t] >= u[t] + eps, sum sigma = 1, sigma >= 0
    k = len(cands)
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-U.T / scale, np.ones((len(others), 1))])
    b_ub = -u / scale
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    bounds = [(0, None)] * k + [(None, 1.0)]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status != 0 or res.x[-1] <= 1e-9:
        return None
    for limit in (100, 10**4, 10**6):
        probs = [Fraction(max(float(v), 0.0)).limit_denominator(limit) for v in res.x[:k]]
        total = sum(probs)
        if total <= 0:
            continue
        probs = [q / total for q in probs]
        margins = tuple(
            sum(q * _payoff(game, player, kk, t) for q, kk in zip(probs, cands)) - _payoff(game, player, strategy, t)
            for t in others
        )
        if all(m > 0 for m in margins):
            mix = tuple((kk, q) for kk, q in zip(cands, probs) if q > 0)
            if len(mix) == 1:
                return None  # a pure dominator: reported by the pure search instead
            return mix, margins
    return None
