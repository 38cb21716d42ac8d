r"""The logit quantal response equilibrium at one precision over a grid of parameters (``sweep --qre LAMBDA``).

At every grid point the principal branch of the logit QRE (McKelvey and
Palfrey 1995) is traced from uniform play up to the precision
:math:`\lambda` and solved there exactly in :math:`\lambda`
(:func:`bargaining.solvers.qre.logit_qre` with ``at=[lam]``): each player's
mixed strategy, the probability of every pure outcome (the players mix
independently) and, where some players can sign a treaty, the probability
that all of them do. Where the equilibrium set has several equilibria, this
is the answer to "how likely is each outcome", which the set does not give.

The numbers are floating point (the branch is a numerical continuation); the
trace's warnings (a bifurcation on the way) are kept for each point.

Reference: R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for
normal form games", *Games and Economic Behavior* 10 (1995), pp. 6-38.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from bargaining.errors import InputError
from bargaining.numbers import format_value, number_to_json
from bargaining.solvers.qre import logit_qre
from bargaining.statics.grid import Axis
from bargaining.statics.nplayer_sweep import axes_of

__all__ = ["QREPoint", "QRESweep", "qre_sweep", "treaty_probability"]


def treaty_probability(strategies, profiles, treaty: str | None) -> float | None:
    """The probability that every player with the strategy ``treaty`` plays it (None: fewer than two can)."""
    if treaty is None:
        return None
    signers = [(p, s.index(treaty)) for p, s in enumerate(strategies) if treaty in s]
    if len(signers) < 2:
        return None
    return float(np.prod([profiles[p][k] for p, k in signers]))


@dataclass(frozen=True, kw_only=True)
class QREPoint:
    """The logit QRE at one grid point: each player's strategy, each outcome's probability, the treaty's."""

    values: tuple[Fraction, ...]
    profiles: tuple[np.ndarray, ...] = field(compare=False)
    outcomes: np.ndarray = field(compare=False)
    treaty: float | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class QRESweep:
    """The logit QRE at precision ``lam`` at every point of a grid of one or two parameters.

    Attributes
    ----------
    source, title, players, strategies
    axes : tuple of Axis
    lam : float
    points : tuple of QREPoint
        In grid order (the last axis fastest).
    treaty : str or None
        The strategy whose joint play is the treaty (``ally``), where two or more players have it.
    """

    source: str
    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    axes: tuple[Axis, ...]
    lam: float
    points: tuple[QREPoint, ...]
    treaty: str | None = None
    fixed: tuple[tuple[str, Fraction], ...] = ()
    method: str = "logit QRE principal branch, traced to lambda and solved there (floating point)"
    exact: bool = False

    def profile_names(self) -> list[str]:
        """``(contain_both, ally, ally)`` for every pure profile, in lexicographic order."""
        return ["(" + ", ".join(self.strategies[p][k] for p, k in enumerate(prof)) + ")"
                for prof in itertools.product(*(range(len(s)) for s in self.strategies))]

    @property
    def has_treaty(self) -> bool:
        return any(p.treaty is not None for p in self.points)

    def to_pandas(self):
        """One row per grid point: the varied parameters, ``P(treaty)``, ``P(profile)`` for every profile and
        ``Player.strategy``."""
        import pandas as pd

        names = [a.name for a in self.axes]
        labels = self.profile_names()
        rows = []
        for pt in self.points:
            row: dict[str, Any] = {a: float(v) for a, v in zip(names, pt.values)}
            if pt.treaty is not None:
                row["P(treaty)"] = pt.treaty
            for label, q in zip(labels, pt.outcomes.reshape(-1)):
                row[f"P{label}"] = float(q)
            for player, ss, sigma in zip(self.players, self.strategies, pt.profiles):
                for s, q in zip(ss, sigma):
                    row[f"{player}.{s}"] = float(q)
            rows.append(row)
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        names = [a.name for a in self.axes]
        labels = self.profile_names()
        return {
            "file": self.source,
            "title": self.title,
            "method": self.method,
            "exact": self.exact,
            "lambda": self.lam,
            "varied": [a.to_dict() for a in self.axes],
            "fixed": {n: format_value(v) for n, v in self.fixed},
            "treaty": self.treaty,
            "points": [
                {
                    **{a: number_to_json(v) for a, v in zip(names, pt.values)},
                    "treaty": pt.treaty,
                    "outcomes": {label: float(q) for label, q in zip(labels, pt.outcomes.reshape(-1))},
                    "strategies": {
                        p: {s: float(q) for s, q in zip(ss, sigma)}
                        for p, ss, sigma in zip(self.players, self.strategies, pt.profiles)
                    },
                    "warnings": list(pt.warnings),
                }
                for pt in self.points
            ],
        }


def qre_sweep(
    model, specs: Sequence[str], lam, *, treaty: str | None = None, progress: Callable[[int, int], None] | None = None
) -> QRESweep:
    """The logit QRE at precision ``lam`` at every point of a grid over one or two parameters.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> s = qre_sweep(load_model("games/taiwan_crisis.toml"), ["T=0.9:1:3"], 10, treaty="ally")
    >>> [round(p.treaty, 3) for p in s.points]
    [0.024, 0.028, 0.034]
    """
    try:
        lam = float(lam)
    except (TypeError, ValueError):
        raise InputError(f"expected a positive number, found {lam!r}", where="qre lambda") from None
    if not np.isfinite(lam) or lam <= 0:
        raise InputError(f"expected a positive precision lambda, found {lam:g}", where="qre lambda")
    axes = axes_of(model, specs)
    names = [a.name for a in axes]
    grid = list(itertools.product(*(a.values() for a in axes)))
    points = []
    for k, values in enumerate(grid):
        game = model.with_values(dict(zip(names, values)), where="axis").game()
        path = logit_qre(game.float_tensors(), players=game.players, strategies=game.strategies, at=[lam], stop_at=lam)
        sigma = path.mark(lam)
        points.append(
            QREPoint(
                values=tuple(values),
                profiles=sigma,
                outcomes=path.outcome_at(lam),
                treaty=treaty_probability(game.strategies, sigma, treaty),
                warnings=path.warnings,
            )
        )
        if progress is not None:
            progress(k + 1, len(grid))
    varied = set(names)
    return QRESweep(
        source=model.source,
        title=model.title,
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        axes=axes,
        lam=lam,
        points=tuple(points),
        treaty=treaty if any(p.treaty is not None for p in points) else None,
        fixed=tuple((n, p.value) for n, p in model.parameters.items() if n not in varied),
    )
