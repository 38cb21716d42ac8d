"""Result types of the equilibrium solver: :class:`Equilibrium` and :class:`Solution`.

A solution carries its provenance (method, exact or floating point, tolerance,
completeness, warnings) and a ``to_dict()`` that the JSON renderer prints as
it is. Exact numbers become strings (``"9/40"``), floating ones numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from bargaining.game import Game

__all__ = ["Equilibrium", "Solution", "number_to_json"]

Number = Fraction | float


def number_to_json(value: Number) -> str | float:
    """Exact numbers as fraction strings, floats as floats."""
    if isinstance(value, Fraction):
        return str(value)
    return float(value)


@dataclass(frozen=True)
class Equilibrium:
    """One Nash equilibrium (x, y) with its payoffs and labels.

    Attributes
    ----------
    x, y : tuple
        The row and column player's mixed strategies.
    payoffs : tuple
        Each player's expected payoff.
    pure : bool
        Both strategies are pure.
    strict : bool
        Pure, and each player's strategy is its unique best response.
    pareto_efficient : bool
        No other equilibrium is at least as good for both players and better for one.
    payoff_dominant : bool
        Strictly better for both players than every equilibrium with other payoffs
        (Harsanyi and Selten 1988).
    risk_dominates : tuple of int
        Indices of the strict pure equilibria this one risk-dominates
        (Harsanyi and Selten 1988; only strict pure equilibria are compared).
    risk_dominant : bool or None
        Risk-dominates every other strict pure equilibrium; None where it does not
        apply (not strict and pure, or no other strict pure equilibrium).
    regret : tuple
        Each player's largest gain from deviating (0 for an exact equilibrium).
    """

    x: tuple[Number, ...]
    y: tuple[Number, ...]
    payoffs: tuple[Number, Number]
    pure: bool = False
    strict: bool = False
    pareto_efficient: bool = False
    payoff_dominant: bool = False
    risk_dominates: tuple[int, ...] = ()
    risk_dominant: bool | None = None
    regret: tuple[Number, Number] = (Fraction(0), Fraction(0))

    def strategy(self, player: int) -> tuple[Number, ...]:
        """The mixed strategy of ``player`` (0 row, 1 column)."""
        return self.x if player == 0 else self.y

    def support(self, player: int) -> tuple[int, ...]:
        """Indices of the strategies ``player`` plays with positive probability."""
        return tuple(i for i, p in enumerate(self.strategy(player)) if p > 0)

    def profile(self) -> tuple[int, int] | None:
        """(i, j) for a pure equilibrium, None for a mixed one."""
        if not self.pure:
            return None
        return self.support(0)[0], self.support(1)[0]

    def to_dict(self, game: Game) -> dict[str, Any]:
        return {
            "strategies": {
                game.players[p]: {
                    s: number_to_json(q) for s, q in zip(game.strategies[p], self.strategy(p))
                }
                for p in range(2)
            },
            "payoffs": {game.players[p]: number_to_json(self.payoffs[p]) for p in range(2)},
            "pure": self.pure,
            "strict": self.strict,
            "pareto_efficient": self.pareto_efficient,
            "payoff_dominant": self.payoff_dominant,
            "risk_dominant": self.risk_dominant,
            "risk_dominates": list(self.risk_dominates),
            "regret": {game.players[p]: number_to_json(self.regret[p]) for p in range(2)},
        }


@dataclass(frozen=True)
class Solution:
    """All equilibria a method found for a game, with provenance.

    Attributes
    ----------
    game : Game
    method : str
        The method's registered name.
    exact : bool
        True when every number is an exact rational.
    complete : bool
        True when the method is guaranteed to find every (extreme) equilibrium.
    tol : float or None
        The tolerance used by a floating-point method.
    degenerate : bool or None
        Whether the game is degenerate (None where the method cannot tell).
    equilibria : tuple of Equilibrium
        In a deterministic order.
    components : tuple of tuple of int
        The maximal convex sets of equilibria, as indices into ``equilibria``:
        every convex combination of the listed row strategies with the listed
        column strategies is an equilibrium.
    selected : int or None
        The equilibrium that selection picks: the unique one, else the
        payoff-dominant one, else the risk-dominant one.
    selection_rule : str or None
        Which rule decided: "unique", "payoff dominance" or "risk dominance".
    warnings : tuple of str
    """

    game: Game
    method: str
    exact: bool
    complete: bool
    equilibria: tuple[Equilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool | None = None
    tol: float | None = None
    selected: int | None = None
    selection_rule: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def _repr_html_(self) -> str:
        from bargaining.render.notebook import solution_html

        return solution_html(self)

    def _repr_latex_(self) -> str:
        from bargaining.render.notebook import solution_latex

        return solution_latex(self)

    def pure_profiles(self) -> list[tuple[int, int]]:
        """(i, j) of each pure equilibrium, in order."""
        return [e.profile() for e in self.equilibria if e.pure]

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        return {
            "title": g.title,
            "description": g.description,
            "players": list(g.players),
            "strategies": {g.players[p]: list(g.strategies[p]) for p in range(2)},
            "parameters": {name: number_to_json(v) for name, v in g.parameters},
            "payoffs": {
                g.players[p]: [[number_to_json(v) for v in row] for row in (g.A, g.B)[p]] for p in range(2)
            },
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "tol": self.tol,
            "degenerate": self.degenerate,
            "equilibria": [e.to_dict(g) for e in self.equilibria],
            "components": [list(c) for c in self.components],
            "selected": self.selected,
            "selection_rule": self.selection_rule,
            "warnings": list(self.warnings),
        }
