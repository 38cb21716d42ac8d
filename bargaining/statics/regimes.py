"""Regimes of the equilibrium set along one parameter, and regions over two.

A *regime* is a maximal interval of a parameter on which the set of
equilibria keeps the same shape: the same pure profiles and the same supports
of mixed equilibria (an :class:`EquilibriumSet`). Between two regimes lies a
*boundary*, where the game is degenerate: some player is indifferent, and the
equilibrium set there usually differs from both sides (at ``T = 0.3`` of the
baseline, Russia is indifferent between align and hedge, so both (align,
hedge) and (hedge, hedge) are equilibria, and so is every mixture of them).

Boundaries are located from a sweep's grid, then refined with exact solves,
by the engine of :mod:`bargaining.statics.boundaries` (the answer at a value
is the equilibrium set of the exact solve there):

1. a grid point whose game is degenerate and whose set differs from both
   neighbours' is the boundary, exactly;
2. otherwise, where one payoff difference of a player changes sign between
   the bracketing grid points (a tie, such as ``G_R = 0`` for the treaty), the
   tie is located by linear interpolation in exact rationals and accepted if
   the difference is exactly zero there and exact solves confirm the sets on
   both sides (exact);
3. otherwise bisection with exact solves at the midpoints narrows the bracket
   to ``precision`` (default 1e-12); a degenerate midpoint is the boundary;
   the simplest fraction inside the final bracket is then tried, and accepted
   as exact if the set there differs from both sides' (a degenerate point). A
   third set found at a midpoint is a regime narrower than the grid spacing,
   and both of its ends are located.

Over two parameters the grid points are grouped into *regions* with the same
equilibrium set (:func:`regions_2d`); their boundaries are not refined.

The equilibrium-set comparisons use the exact solver (:func:`bargaining.solvers.registry.solve`)
on exact rational parameter values. Sources: the comparative statics of
equilibrium sets follow the regime analysis of the design note
(``docs/explanation/model.md``); degeneracy and continua of equilibria: von Stengel,
"Computing equilibria for two-person games", Handbook of Game Theory vol. 3,
2002, section 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from bargaining.errors import InputError
from bargaining.numbers import exact, plain
from bargaining.solution import EquilibriumSet, Solution
from bargaining.solvers.registry import solve
from bargaining.statics.boundaries import PRECISION, Boundary, Regime, along, linear_root
from bargaining.statics.sweep import SweepResult

__all__ = [
    "Regime",
    "Boundary",
    "RegimeReport",
    "Region",
    "RegionReport",
    "regimes_1d",
    "regions_2d",
    "describe_solution",
    "PRECISION",
]

# ----------------------------------------------------------------------------- describing exact sets


def _strategy_text(strategies: Sequence[str], s) -> str:
    support = [i for i, p in enumerate(s) if p > 0]
    if len(support) == 1:
        return strategies[support[0]]
    return " + ".join(f"{strategies[i]} {exact(s[i])}" for i in support)


def describe_solution(solution: "Solution") -> str:
    """The equilibria of an exact solution in words, with the continua they span.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> describe_solution(solve(load_model("games/baseline.toml").with_values({"T": "0.3"}).game()))
    '(align, hedge), (hedge, hedge); a continuum: Russia any mixture of align and hedge, China hedge'
    """
    g = solution.game
    eqs = solution.equilibria
    texts = [f"({_strategy_text(g.strategies[0], e.x)}, {_strategy_text(g.strategies[1], e.y)})" for e in eqs]
    out = ", ".join(texts)
    for comp in solution.components:
        if len(comp) < 2:
            continue
        sides = [f"{g.players[p]} {_mixtures(g.strategies[p], [eqs[k].strategy(p) for k in comp])}" for p in range(2)]
        out += "; a continuum: " + ", ".join(sides)
    return out


def _mixtures(strategies: Sequence[str], extremes: Sequence) -> str:
    """A player's strategies in a convex set of equilibria, in words."""
    distinct = []
    for s in extremes:
        if s not in distinct:
            distinct.append(s)
    if len(distinct) == 1:
        return _strategy_text(strategies, distinct[0])
    support = sorted({i for s in distinct for i, p in enumerate(s) if p > 0})
    if len(distinct) == 2 and len(support) == 2:
        a, b = support
        lo, hi = sorted(s[a] for s in distinct)
        if lo == 0 and hi == 1:
            return f"any mixture of {strategies[a]} and {strategies[b]}"
        return f"mixes {strategies[a]} and {strategies[b]}, {strategies[a]} with probability {exact(lo)} to {exact(hi)}"
    return "any mixture of " + " and ".join(_strategy_text(strategies, s) for s in distinct)


class _ExactSolver:
    """Exact solves of the model at values of one parameter, cached."""

    def __init__(self, model, name: str):
        self.model = model
        self.name = name
        self._cache: dict[Fraction, tuple[EquilibriumSet, Any]] = {}

    def game(self, t: Fraction):
        return self.model.with_values({self.name: t}, where="axis").game()

    def __call__(self, t: Fraction) -> tuple[EquilibriumSet, "Solution"]:
        t = Fraction(t)
        hit = self._cache.get(t)
        if hit is None:
            sol = solve(self.game(t))
            hit = self._cache[t] = (sol.equilibrium_set(), sol)
        return hit


# ----------------------------------------------------------------------------- one parameter


@dataclass(frozen=True, kw_only=True)
class RegimeReport:
    """Regimes and boundaries along one parameter."""

    parameter: str
    label: str
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    regimes: tuple[Regime, ...]
    boundaries: tuple[Boundary, ...]
    precision: float = PRECISION

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "label": self.label,
            "precision": self.precision,
            "regimes": [r.to_dict(lambda s: s.to_dict(self.players, self.strategies)) for r in self.regimes],
            "boundaries": [b.to_dict(lambda s: s.describe(self.players, self.strategies)) for b in self.boundaries],
        }


def regimes_1d(result: SweepResult, *, precision: float = PRECISION) -> RegimeReport:
    """Regimes and boundaries of a one-parameter sweep, boundaries refined exactly.

    Parameters
    ----------
    result : SweepResult
        A sweep over one parameter.
    precision : float
        Bracket width (relative to ``max(1, |value|)``) for boundaries not found exactly.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.statics.grid import Grid
    >>> from bargaining.statics.sweep import run_sweep
    >>> grid = Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:11"])
    >>> report = regimes_1d(run_sweep(grid))
    >>> [(str(b.value), b.exact) for b in report.boundaries]
    [('3/10', True), ('11/25', True), ('111/125', True)]
    """
    grid = result.grid
    if len(grid.axes) != 1:
        raise InputError("regimes_1d needs a sweep over one parameter")
    axis = grid.axes[0]
    model = grid.model
    solver = _ExactSolver(model, axis.name)
    profile = along(
        axis.values(),
        [result.sets[int(c)] for c in result.codes.ravel()],
        lambda t: solver(t)[0],
        candidates=lambda lo, hi: _ties(solver, lo, hi, model),
        point_of_its_own=result.degenerate.ravel().tolist(),
        is_point=lambda t: bool(solver(t)[1].degenerate),
        describe_point=lambda t: describe_solution(solver(t)[1]),
        precision=precision,
    )
    return RegimeReport(
        parameter=axis.name,
        label=axis.label,
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        regimes=profile.regimes,
        boundaries=profile.boundaries,
        precision=precision,
    )


def _ties(solver: _ExactSolver, lo: Fraction, hi: Fraction, model) -> list[tuple[Fraction, str]]:
    """Exact roots in (lo, hi) of the payoff differences that change sign there, by linear interpolation."""
    g0, g1 = solver.game(lo), solver.game(hi)
    m, n = g0.shape
    P0, P1 = model.players
    S0, S1 = model.strategies
    out = []
    for M0, M1, player, own, other, opp, rows in (
        (g0.A, g1.A, P0, S0, S1, P1, True),
        (g0.B, g1.B, P1, S1, S0, P0, False),
    ):
        size_own, size_other = (m, n) if rows else (n, m)
        for a in range(size_own):
            for b in range(a + 1, size_own):
                for j in range(size_other):
                    if rows:
                        d0, d1 = M0[a][j] - M0[b][j], M1[a][j] - M1[b][j]
                    else:
                        d0, d1 = M0[j][a] - M0[j][b], M1[j][a] - M1[j][b]
                    q = linear_root(lo, d0, hi, d1)
                    if q is not None:
                        why = (
                            f"a tie: {player} gets the same from {own[a]} as from {own[b]} when {opp} plays {other[j]}"
                        )
                        out.append((q, why, a, b, j, rows))
    checked = []
    for q, why, a, b, j, rows in sorted(out, key=lambda t: t[0]):
        g = solver.game(q)
        d = (g.A[a][j] - g.A[b][j]) if rows else (g.B[j][a] - g.B[j][b])
        if d == 0:
            checked.append((q, why))
    return checked


# ----------------------------------------------------------------------------- two parameters


@dataclass(frozen=True, kw_only=True)
class Region:
    """The grid points of a two-parameter sweep that share one equilibrium set."""

    code: int
    set: EquilibriumSet
    points: int
    share: float
    ranges: tuple[tuple[Fraction, Fraction], ...]
    degenerate_points: int
    contains_file_point: bool

    def to_dict(self, players, strategies, names) -> dict[str, Any]:
        return {
            **self.set.to_dict(players, strategies),
            "points": self.points,
            "share": self.share,
            "ranges": {n: [plain(a), plain(b)] for n, (a, b) in zip(names, self.ranges)},
            "degenerate_points": self.degenerate_points,
            "contains_file_point": self.contains_file_point,
        }


@dataclass(frozen=True, kw_only=True)
class RegionReport:
    """The regions of a two-parameter sweep, and the set at the file's own point.

    Regions are listed largest first, followed by the sets that occur only at
    degenerate grid points (boundaries the grid hits exactly).
    """

    parameters: tuple[str, str]
    labels: tuple[str, str]
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    regions: tuple[Region, ...]
    file_point: tuple[Fraction, Fraction]
    file_set: EquilibriumSet
    file_text: str
    file_inside: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameters": list(self.parameters),
            "labels": list(self.labels),
            "regions": [r.to_dict(self.players, self.strategies, self.parameters) for r in self.regions],
            "file_point": {n: plain(v) for n, v in zip(self.parameters, self.file_point)},
            "file_point_inside_grid": self.file_inside,
            "file_point_equilibria": self.file_text,
        }


def regions_2d(result: SweepResult) -> RegionReport:
    """Group the points of a two-parameter sweep by equilibrium set.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.statics.grid import Grid
    >>> from bargaining.statics.sweep import run_sweep
    >>> grid = Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:21", "a=0:1:21"])
    >>> rep = regions_2d(run_sweep(grid))
    >>> rep.regions[0].set.describe(rep.players, rep.strategies), rep.file_text
    ('(align, align)', '(align, align)')
    """
    grid = result.grid
    if len(grid.axes) != 2:
        raise InputError("regions_2d needs a sweep over two parameters")
    model = grid.model
    ax0, ax1 = grid.axes
    codes = result.codes
    counts = np.bincount(codes.ravel(), minlength=len(result.sets))
    file_point = (model.parameters[ax0.name].value, model.parameters[ax1.name].value)
    inside = all(a.start <= v <= a.stop for a, v in zip(grid.axes, file_point))
    file_solution = solve(model.game())
    file_set = file_solution.equilibrium_set()
    regions = []
    for code in np.flatnonzero(counts):
        mask = codes == code
        rows = np.flatnonzero(mask.any(axis=1))
        cols = np.flatnonzero(mask.any(axis=0))
        s = result.sets[code]
        regions.append(
            Region(
                code=int(code),
                set=s,
                points=int(counts[code]),
                share=float(counts[code] / codes.size),
                ranges=(
                    (ax0.value(int(rows[0])), ax0.value(int(rows[-1]))),
                    (ax1.value(int(cols[0])), ax1.value(int(cols[-1]))),
                ),
                degenerate_points=int((mask & result.degenerate).sum()),
                contains_file_point=s == file_set and inside,
            )
        )
    # regions first, largest first; then the sets met only on boundaries the grid hits (degenerate games)
    regions.sort(key=lambda r: (r.degenerate_points == r.points, -r.points))
    return RegionReport(
        parameters=(ax0.name, ax1.name),
        labels=(ax0.label or ax0.name, ax1.label or ax1.name),
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        regions=tuple(regions),
        file_point=file_point,
        file_set=file_set,
        file_text=describe_solution(file_solution),
        file_inside=inside,
    )
