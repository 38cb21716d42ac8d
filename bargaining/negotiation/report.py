"""The bargaining problem of a game file, solved: what ``bargain FILE`` prints.

:func:`bargain` builds the problem from the model's ``[bargaining]`` table
(:func:`bargaining.negotiation.from_game.bargaining_setup`), applies the chosen
solutions (:func:`bargaining.negotiation.sweep.chosen_solutions`) and judges each
agreement self-enforcing or not (:func:`bargaining.negotiation.enforcement.assess`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Mapping

from bargaining.negotiation.enforcement import Enforcement, assess
from bargaining.negotiation.from_game import BargainingSetup, bargaining_setup
from bargaining.negotiation.solutions import BargainingSolution
from bargaining.negotiation.sweep import chosen_solutions

__all__ = ["Bargain", "bargain"]


@dataclass(frozen=True, kw_only=True)
class Bargain:
    """A game's bargaining problem with its solutions and whether each agreement enforces itself.

    Attributes
    ----------
    title, source : str
        The game file's.
    parameters : Mapping[str, Fraction]
        The parameter values the problem was built at.
    setup : BargainingSetup
        The problem (outcomes, disagreement point, transfers) and the solutions' options.
    solutions : tuple of BargainingSolution
    enforcement : tuple of Enforcement
        One verdict per solution.
    """

    title: str
    source: str
    parameters: Mapping[str, Fraction] = field(default_factory=dict)
    setup: BargainingSetup
    solutions: tuple[BargainingSolution, ...]
    enforcement: tuple[Enforcement, ...]

    def __post_init__(self):
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def to_dict(self) -> dict[str, Any]:
        """What ``bargain --format json`` prints."""
        return {
            "title": self.title,
            "source": self.source,
            "parameters": {name: str(v) for name, v in self.parameters.items()},
            "problem": self.setup.to_dict(),
            "solutions": [
                {**s.to_dict(), "self_enforcing": e.to_dict()} for s, e in zip(self.solutions, self.enforcement)
            ],
        }

    def to_pandas(self):
        """One row per solution: payoffs, gains, transfer, and the self-enforcement verdict."""
        import pandas as pd

        p1, p2 = self.setup.problem.players
        rows = []
        for s, e in zip(self.solutions, self.enforcement):
            rows.append({
                "solution": s.name,
                f"payoff.{p1}": float(s.payoffs[0]) if s.exists else None,
                f"payoff.{p2}": float(s.payoffs[1]) if s.exists else None,
                "agreement": s.exists,
                "transfer": float(s.transfer),
                "self_enforcing": e.summary,
            })
        return pd.DataFrame(rows)


def bargain(model, solution: str = "all", discount=None) -> Bargain:
    """Solve the bargaining problem of ``model`` with the named solution (or ``"all"``).

    ``discount`` gives the players' discount factors for judging whether each
    agreement is self-enforcing in the repeated game (see
    :func:`bargaining.negotiation.enforcement.self_enforcing`).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> b = bargain(load_model("games/junior_partner.toml"), "nash")
    >>> b.solutions[0].exists, b.enforcement[0].summary
    (True, 'only if repeated with delta_C ≥ 17/22 (0.7727)')
    """
    setup = bargaining_setup(model)
    solutions = chosen_solutions(setup, solution)
    return Bargain(
        title=model.title,
        source=model.source,
        parameters=model.values(),
        setup=setup,
        solutions=solutions,
        enforcement=assess(setup, solutions, discount),
    )
