r"""How likely is each outcome? The logit quantal response equilibrium of a game file, as a report (``qre FILE``).

In a logit QRE (McKelvey and Palfrey 1995) every player errs, choosing each
strategy with probability proportional to :math:`\exp(\lambda\,u)`: at
:math:`\lambda = 0` play is uniform, and as the precision :math:`\lambda` grows
the principal branch tends to one Nash equilibrium, the logit selection
(Turocy 2005). Where a game has several equilibria (the stag hunt of
``games/taiwan_crisis.toml`` has three) the equilibrium set says what can
happen; the QRE says how likely each outcome is when play is nearly but not
quite rational, and which equilibrium play tends to.

:func:`qre_report` traces the branch (:func:`bargaining.solvers.qre.logit_qre`)
for a game of any number of players, evaluates it exactly in :math:`\lambda`
at a few precisions, finds which of the exact equilibria of ``solve`` the
limit is, and gives every outcome's probability along the way, with the
treaty's (every player with the strategy ``ally`` playing it).

References: R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for
normal form games", *Games and Economic Behavior* 10 (1995), pp. 6-38;
T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", *Games and Economic Behavior* 51 (2005),
pp. 243-263.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from bargaining.errors import InputError
from bargaining.solution import Solution
from bargaining.solvers.qre import QREPath, logit_qre
from bargaining.solvers.registry import solve
from bargaining.statics.qre_sweep import treaty_probability

__all__ = ["LAMBDAS", "QREReport", "qre_report"]

#: The precisions the table shows by default (payoffs of the study's games are of order 1).
LAMBDAS = (1.0, 10.0, 100.0, 1000.0)

#: Outcomes shown in the table: those at least this likely at some precision shown, or in the limit.
SHOWN = 0.1

#: At most this many outcomes are shown (the likeliest in the limit first).
ROWS = 8

TREATY = "ally"


@dataclass(frozen=True, kw_only=True)
class QREReport:
    """The logit QRE of a game: the branch, its probabilities at a few precisions, its limit and the equilibrium
    it selects.

    Attributes
    ----------
    source, title : str
    solution : Solution
        Every Nash equilibrium, exactly (what ``solve`` prints, in its order).
    path : QREPath
        The principal branch, with its points and the precisions asked for.
    lambdas : tuple of float
        The precisions of the table (those the branch reached).
    selected : int or None
        Which equilibrium of ``solution`` the limit is (largest probability
        difference at most ``match_tol``); None when it is none of them.
    selected_continuum : int or None
        The continuum of ``solution`` the limit lies on, if it is no isolated equilibrium.
    distance : float or None
        The largest probability difference between the limit and that equilibrium.
    treaty : str or None
        The treaty strategy (``ally``) when two or more players have it.
    """

    source: str
    title: str
    solution: Solution
    path: QREPath
    lambdas: tuple[float, ...]
    selected: int | None
    selected_continuum: int | None
    distance: float | None
    treaty: str | None
    match_tol: float

    @property
    def game(self):
        return self.solution.game

    def outcome_probabilities(self) -> list[np.ndarray]:
        """The probability of every pure profile: uniform play, at each of :attr:`lambdas`, and in the limit."""
        shape = self.game.shape
        uniform = np.full(shape, 1.0 / float(np.prod(shape)))
        return [uniform] + [self.path.outcome_at(lam) for lam in self.lambdas] + [self.path.outcomes[-1]]

    def treaty_probabilities(self) -> list[float] | None:
        """The treaty's probability at the same columns (None: no treaty in this game)."""
        if self.treaty is None:
            return None
        g = self.game
        cols = [tuple(np.full(s, 1.0 / s) for s in g.shape)]
        cols += [self.path.mark(lam) for lam in self.lambdas]
        cols += [tuple(p[-1] for p in self.path.profiles)]
        return [treaty_probability(g.strategies, sigma, self.treaty) for sigma in cols]

    def rows(self, shown: float = SHOWN, most: int | None = ROWS) -> list[tuple[tuple[int, ...], list[float]]]:
        """The outcomes at least ``shown`` likely in some column after uniform play (at most ``most``),
        the likeliest in the limit first."""
        cols = self.outcome_probabilities()
        out = []
        for prof in itertools.product(*(range(s) for s in self.game.shape)):
            values = [float(c[prof]) for c in cols]
            if max(values[1:]) >= shown:
                out.append((prof, values))
        out.sort(key=lambda t: (-t[1][-1], -max(t[1][1:]), t[0]))
        return out if most is None else out[:most]

    def along(self, profile) -> np.ndarray:
        """The probability of the pure ``profile`` at every point of the branch."""
        return self.path.outcomes[(slice(None), *profile)]

    def treaty_along(self) -> np.ndarray | None:
        """The treaty's probability at every point of the branch."""
        if self.treaty is None:
            return None
        g = self.game
        signers = [(p, s.index(self.treaty)) for p, s in enumerate(g.strategies) if self.treaty in s]
        out = np.ones(len(self.path.lambdas))
        for p, k in signers:
            out = out * self.path.profiles[p][:, k]
        return out

    def to_pandas(self):
        """The branch: one row per point (see :meth:`bargaining.solvers.qre.QREPath.to_pandas`), with ``P(treaty)``."""
        df = self.path.to_pandas()
        t = self.treaty_along()
        if t is not None:
            df.insert(1, "P(treaty)", t)
        return df

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        labels = ["uniform"] + [f"lambda={lam:g}" for lam in self.lambdas] + ["limit"]
        rows = self.rows(shown=0.0, most=None)
        treaty = self.treaty_probabilities()
        return {
            "file": self.source,
            "title": self.title,
            "method": self.path.method,
            "exact": False,
            "columns": labels,
            "lambdas": list(self.lambdas),
            "limit_lambda": self.path.limit_lambda,
            "limit_regret": self.path.limit_regret,
            "converged": self.path.converged,
            "outcomes": [
                {"profile": [g.strategies[p][k] for p, k in enumerate(prof)], "probabilities": values}
                for prof, values in rows
            ],
            "treaty": None if treaty is None else {"strategy": self.treaty, "probabilities": treaty},
            "limit": {
                p: {s: q for s, q in zip(ss, sigma)} for p, ss, sigma in zip(g.players, g.strategies, self.path.limit)
            },
            "selected": self.selected,
            "selected_continuum": self.selected_continuum,
            "selected_distance": self.distance,
            "equilibria": [e.to_dict() for e in self.solution.equilibria],
            "warnings": list(self.path.warnings),
            "path": self.path.to_dict()["path"],
        }


def _match(solution: Solution, limit, match_tol: float) -> tuple[int | None, float | None, int | None]:
    dists = [max(abs(float(q) - a) for s, d in zip(limit, e.mixed) for a, q in zip(s, d)) for e in solution.equilibria]
    if dists:
        k = int(np.argmin(dists))
        if dists[k] <= match_tol:
            return k, float(dists[k]), None
    support = tuple(tuple(int(a) for a in np.flatnonzero(np.asarray(s) > match_tol)) for s in limit)
    for c, cont in enumerate(solution.continua):
        if tuple(tuple(x) for x in cont.support) == support:
            return None, None, c
    return None, None, None


def qre_report(
    model, *, lambdas: Sequence[float] | None = None, method: str = "exact", match_tol: float = 1e-4
) -> QREReport:
    """The logit QRE of ``model`` at its parameter values: the branch, the table's precisions, the selection.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> r = qre_report(load_model("games/taiwan_crisis.toml"))
    >>> r.solution.reading(r.selected)            # the stag hunt: play tends to alignment without a treaty
    'deep alignment without a treaty'
    >>> [round(p, 3) for p in r.treaty_probabilities()]   # uniform, lambda = 1, 10, 100, 1000, limit
    [0.111, 0.112, 0.034, 0.0, 0.0, 0.0]
    """
    lams = tuple(sorted({float(v) for v in (LAMBDAS if lambdas is None else lambdas)}))
    for lam in lams:
        if not np.isfinite(lam) or lam <= 0:
            raise InputError(f"expected positive precisions, found {lam:g}", where="qre lambda")
    game = model.game()
    solution = solve(game, method=method)
    path = logit_qre(
        game.float_tensors(), players=game.players, strategies=game.strategies, at=lams, match_tol=match_tol
    )
    reached = tuple(lam for lam, _ in path.marks)
    selected, distance, continuum = _match(solution, path.limit, match_tol)
    treaty = TREATY if sum(TREATY in s for s in game.strategies) >= 2 else None
    return QREReport(
        source=model.source,
        title=model.title,
        solution=solution,
        path=path,
        lambdas=reached,
        selected=selected,
        selected_continuum=continuum,
        distance=distance,
        treaty=treaty,
        match_tol=match_tol,
    )
