r"""A sweep under uncertainty: along a grid of one or two parameters, the probability of each outcome.

At each grid point the varied parameters take the grid's exact values and
every other parameter is drawn from the beliefs of
:mod:`bargaining.statics.uncertainty` (the file's ``[uncertainty]`` table;
a parameter it does not name uniform within :math:`\pm s` of its value, inside
its range), the same ``draws`` uniform numbers at every grid point (common
random numbers: the curves differ from point to point only through the grid
value, so they are smooth and their differences estimated more precisely;
Glasserman, *Monte Carlo Methods in Financial Engineering*, 2003, section 4.2).
Every drawn game is solved by the batch solver with exact fallback
(:mod:`bargaining.statics.draws`) and its selected outcome counted. The
result is, for each grid value, the probability of each selected outcome
with its standard error and 95% Wilson interval, and the probability that
each pure profile is an equilibrium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from bargaining.errors import InputError
from bargaining.numbers import to_fraction
from bargaining.statics.grid import Grid

__all__ = ["BeliefSweep", "belief_sweep"]


@dataclass(frozen=True, kw_only=True)
class BeliefSweep:
    """The probability of each selected outcome at each grid point, the other parameters drawn from beliefs.

    Attributes
    ----------
    grid : Grid
    draws : int
        Draws per grid point.
    seed : int
    spread : Fraction
    beliefs : tuple of (str, str, bool)
        Each drawn parameter, its distribution in words, whether the file states it.
    outcomes : tuple of (str or None)
        The selected outcomes met, most frequent overall first (None: no rule picks one).
    counts : numpy.ndarray
        ``(points, len(outcomes))``: draws at each grid point (flat, first
        parameter slowest) whose selected outcome is ``outcomes[k]``.
    pure : numpy.ndarray
        ``(points, m, n)``: draws in which the profile is an equilibrium.
    exact_points : int
    """

    grid: Grid
    draws: int
    seed: int
    spread: Fraction
    beliefs: tuple[tuple[str, str, bool], ...]
    outcomes: tuple[str | None, ...]
    counts: np.ndarray
    pure: np.ndarray
    exact_points: int = 0
    warnings: tuple[str, ...] = field(default=())

    def __post_init__(self):
        for name in ("counts", "pure"):
            a = np.array(getattr(self, name))
            a.setflags(write=False)
            object.__setattr__(self, name, a)

    def probabilities(self, outcome) -> np.ndarray:
        """The probability of ``outcome`` being selected at each grid point (flat)."""
        if outcome not in self.outcomes:
            return np.zeros(self.grid.size)
        return self.counts[:, self.outcomes.index(outcome)] / self.draws

    def rows(self) -> list[dict[str, Any]]:
        """Tidy rows: one per (grid point, outcome met there), exact grid values as strings."""
        from bargaining.statics.draws import wilson

        lo, hi = wilson(self.counts, self.draws)
        out = []
        for p in range(self.grid.size):
            values = {a.name: a.exact_texts[i] for a, i in zip(self.grid.axes, self.grid.index(p))}
            for k, label in enumerate(self.outcomes):
                c = int(self.counts[p, k])
                if c == 0:
                    continue
                q = c / self.draws
                out.append({
                    **values,
                    "selected": label or "none",
                    "count": c,
                    "probability": q,
                    "standard_error": (q * (1 - q) / self.draws) ** 0.5,
                    "low": float(lo[p, k]),
                    "high": float(hi[p, k]),
                })
        return out

    def to_pandas(self):
        """The tidy rows as a DataFrame (grid values as floats)."""
        import pandas as pd

        df = pd.DataFrame(self.rows())
        for a in self.grid.axes:
            df[a.name] = [float(Fraction(v)) for v in df[a.name]]
        return df

    def to_dict(self) -> dict[str, Any]:
        model = self.grid.model
        return {
            "title": model.title,
            "source": model.source,
            **self.grid.to_dict(),
            "draws": self.draws,
            "seed": self.seed,
            "spread": str(self.spread),
            "method": "Monte Carlo at each grid point (common random numbers), batch solver with exact fallback; "
                      "95% Wilson intervals",
            "exact": False,
            "beliefs": {name: {"distribution": text, "stated": stated} for name, text, stated in self.beliefs},
            "outcomes": [o for o in self.outcomes],
            "exact_points": self.exact_points,
            "rows": self.rows(),
            "warnings": list(self.warnings),
        }


def belief_sweep(
    grid: Grid,
    *,
    draws: int = 1000,
    seed: int = 0,
    spread=Fraction(1, 10),
    progress: Callable[[int, int], None] | None = None,
) -> BeliefSweep:
    """At each point of ``grid``, draw the other parameters from beliefs and count the selected outcomes.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> grid = Grid.from_specs(load_model("games/baseline.toml"), ["T=0.8:1:3"])
    >>> s = belief_sweep(grid, draws=400, seed=1)
    >>> [round(float(v), 2) for v in s.probabilities("(ally, ally)")]
    [0.06, 0.59, 0.97]
    """
    from bargaining.statics.draws import solve_draws
    from bargaining.statics.uncertainty import beliefs as beliefs_of

    if not isinstance(draws, int) or isinstance(draws, bool) or draws < 1:
        raise InputError(f"expected a positive number of draws, found {draws!r}", where="draws")
    if not isinstance(seed, int) or seed < 0:
        raise InputError(f"expected a seed of 0 or more, found {seed!r}", where="seed")
    model = grid.model
    varied = [a.name for a in grid.axes]
    s = to_fraction(spread, where="spread")
    b = beliefs_of(model, spread=s)
    kept = tuple(m for m in b.drawn if m.name not in varied)
    from bargaining.statics.uncertainty import Beliefs

    others = Beliefs(marginals=kept, default=b.default)
    U = np.random.default_rng(seed).random((draws, len(others.names)))
    X = others.transform(U)
    G = grid.size
    total = G * draws
    point_of = np.repeat(np.arange(G), draws)
    values: dict[str, np.ndarray] = {name: np.tile(x, G) for name, x in X.items()}
    for axis, idx in zip(grid.axes, np.unravel_index(point_of, grid.shape)):
        values[axis.name] = axis.floats()[idx]

    def exact_values(q):
        p, d = divmod(q, draws)
        out = others.exact(X, d)
        out.update(grid.values_at(p))
        return out

    found = solve_draws(model, values, exact_values, n=total, progress=progress)
    overall = found.selection_counts()
    outcomes = tuple(label for label, _ in overall)
    local = np.array([outcomes.index(label) for label in found.selections])
    codes = local[found.selected]
    counts = np.zeros((G, len(outcomes)), dtype=np.int64)
    np.add.at(counts, (point_of, codes), 1)
    m_, n_ = found.pure.shape[1:]
    pure = found.pure.reshape(G, draws, m_, n_).sum(axis=1)
    warnings = []
    if not others.names:
        warnings.append("no other parameter is drawn (each is fixed or varied): every draw is the same game")
    return BeliefSweep(
        grid=grid,
        draws=draws,
        seed=seed,
        spread=s,
        beliefs=tuple((m.name, m.describe(), m.stated) for m in kept),
        outcomes=outcomes,
        counts=counts,
        pure=pure,
        exact_points=found.exact_points,
        warnings=tuple(warnings),
    )
