"""Regimes of the equilibrium set along one parameter, and regions over two.

A *regime* is a maximal interval of a parameter on which the set of
equilibria keeps the same shape: the same pure profiles and the same supports
of mixed equilibria (an :class:`EquilibriumSet`). Between two regimes lies a
*boundary*, where the game is degenerate: some player is indifferent, and the
equilibrium set there usually differs from both sides (at ``T = 0.3`` of the
baseline, Russia is indifferent between align and hedge, so both (align,
hedge) and (hedge, hedge) are equilibria, and so is every mixture of them).

Boundaries are located from a sweep's grid, then refined with exact solves:

1. a grid point whose game is degenerate and whose set differs from both
   neighbours' is the boundary, exactly;
2. otherwise, where one payoff difference of a player changes sign between
   the bracketing grid points (a tie, such as ``G_R = 0`` for the treaty), the
   tie is located by linear interpolation in exact rationals and accepted if
   the difference is exactly zero there and exact solves confirm the sets on
   both sides (exact);
3. otherwise bisection with exact solves at the midpoints narrows the bracket
   to ``precision`` (default 1e-12); the simplest fraction inside the final
   bracket is then tried, and accepted as exact if the set there differs from
   both sides' (a degenerate point). A third set found at a midpoint is a
   regime narrower than the grid spacing, and both of its ends are located.

Over two parameters the grid points are grouped into *regions* with the same
equilibrium set (:func:`regions_2d`); their boundaries are not refined.

The equilibrium-set comparisons use the exact solver (:func:`bargaining.solvers.registry.solve`)
on exact rational parameter values. Sources: the comparative statics of
equilibrium sets follow the regime analysis of the design note
(``docs/model.md``); degeneracy and continua of equilibria: von Stengel,
"Computing equilibria for two-person games", Handbook of Game Theory vol. 3,
2002, section 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from bargaining.numbers import exact, format_value
from bargaining.solution import EquilibriumSet, Solution
from bargaining.solvers.registry import solve
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

#: Width to which boundaries that are not found exactly are bracketed.
PRECISION = 1e-12


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
class Boundary:
    """Where the equilibrium set changes along the parameter.

    Attributes
    ----------
    left, right : EquilibriumSet
        The sets just below and just above.
    low, high : Fraction
        The bracket; equal (the exact value) when ``exact``.
    exact : bool
    how : str
        How it was found: ``"a grid point"``, ``"a tie: ..."``, ``"bisection..."``.
    at : EquilibriumSet or None
        The set exactly at the boundary (None when it is only bracketed).
    at_text : str
        That set in words, continua included.
    """

    left: EquilibriumSet
    right: EquilibriumSet
    low: Fraction
    high: Fraction
    exact: bool
    how: str
    at: EquilibriumSet | None = None
    at_text: str = ""

    @property
    def value(self) -> Fraction:
        """The boundary (exact), or the middle of its bracket."""
        return self.low if self.exact else (self.low + self.high) / 2

    def to_dict(self, players, strategies) -> dict[str, Any]:
        return {
            "value": format_value(self.value) if self.exact else float(self.value),
            "exact": self.exact,
            "bracket": [format_value(self.low), format_value(self.high)] if not self.exact else None,
            "how": self.how,
            "left": self.left.describe(players, strategies),
            "right": self.right.describe(players, strategies),
            "at": self.at_text or None,
        }


@dataclass(frozen=True, kw_only=True)
class Regime:
    """An interval of the parameter with one equilibrium set.

    ``lower``/``upper`` are the located boundaries (or the ends of the grid);
    ``first``/``last`` the grid indices inside it (None for a regime narrower
    than the grid spacing, found between two grid points). A regime that is a
    single degenerate grid point at an end of the grid has ``lower == upper``
    and its exact equilibria in words in ``at_text``.
    """

    set: EquilibriumSet
    lower: Fraction
    upper: Fraction
    lower_exact: bool
    upper_exact: bool
    first: int | None
    last: int | None
    degenerate_at: tuple[Fraction, ...] = ()
    at_text: str = ""

    @property
    def points(self) -> int:
        return 0 if self.first is None else self.last - self.first + 1

    def to_dict(self, players, strategies) -> dict[str, Any]:
        def bound(v, ex):
            return format_value(v) if ex else float(v)

        return {
            "from": bound(self.lower, self.lower_exact),
            "to": bound(self.upper, self.upper_exact),
            "points": self.points,
            **self.set.to_dict(players, strategies),
            "degenerate_at": [format_value(v) for v in self.degenerate_at],
            "at": self.at_text or None,
        }


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
            "regimes": [r.to_dict(self.players, self.strategies) for r in self.regimes],
            "boundaries": [b.to_dict(self.players, self.strategies) for b in self.boundaries],
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
        raise ValueError("regimes_1d needs a sweep over one parameter")
    axis = grid.axes[0]
    model = grid.model
    solver = _ExactSolver(model, axis.name)
    codes = result.codes.ravel()
    sets = result.sets
    degenerate = result.degenerate.ravel()

    runs = []  # (code, first, last)
    start = 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[start]:
            runs.append((int(codes[start]), start, i - 1))
            start = i

    # items: ("regime", code, first, last) or a Boundary located on a grid point
    items: list[Any] = []
    for r, (code, first, last) in enumerate(runs):
        is_point = first == last and degenerate[first] and 0 < r < len(runs) - 1
        if is_point:
            t = axis.value(first)
            s, sol = solver(t)
            items.append(
                Boundary(left=sets[runs[r - 1][0]], right=sets[runs[r + 1][0]], low=t, high=t, exact=True, how="a grid point", at=s, at_text=describe_solution(sol))
            )
        else:
            items.append(("regime", code, first, last))

    # a degenerate grid point at either end of the grid, with its own set, is where the set
    # changes: the boundary is that point itself
    last_index = axis.num - 1

    def end_point(item) -> bool:
        _, _, first, last = item
        return first == last and degenerate[first] and first in (0, last_index) and len(items) > 1

    # locate a boundary between every two adjacent regimes
    events: list[Any] = []
    for item in items:
        prev = events[-1] if events else None
        if isinstance(item, tuple) and isinstance(prev, tuple) and not (end_point(prev) or end_point(item)):
            _, lcode, _, llast = prev
            _, rcode, rfirst, _ = item
            events.extend(
                _locate(solver, axis.value(llast), sets[lcode], axis.value(rfirst), sets[rcode], precision, model)
            )
        events.append(item)

    regimes, boundaries = [], []
    for k, ev in enumerate(events):
        if isinstance(ev, Boundary):
            boundaries.append(ev)
            continue
        before = events[k - 1] if k > 0 else None
        after = events[k + 1] if k + 1 < len(events) else None
        lower, lower_exact = axis.start, True
        upper, upper_exact = axis.stop, True
        if isinstance(before, Boundary):
            lower, lower_exact = before.value, before.exact
        elif isinstance(before, tuple) and end_point(before):
            lower = axis.value(before[3])
        if isinstance(after, Boundary):
            upper, upper_exact = after.value, after.exact
        elif isinstance(after, tuple) and end_point(after):
            upper = axis.value(after[2])
        if isinstance(ev, Regime):  # a narrow regime found by bisection
            regimes.append(Regime(set=ev.set, lower=lower, upper=upper, lower_exact=lower_exact, upper_exact=upper_exact, first=None, last=None))
            continue
        _, code, first, last = ev
        text = ""
        if end_point(ev):
            lower = upper = axis.value(first)
            text = describe_solution(solver(lower)[1])
        degen = tuple(axis.value(i) for i in range(first, last + 1) if degenerate[i])
        regimes.append(Regime(set=sets[code], lower=lower, upper=upper, lower_exact=lower_exact, upper_exact=upper_exact, first=first, last=last, degenerate_at=degen, at_text=text))
    return RegimeReport(
        parameter=axis.name,
        label=axis.label,
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        regimes=tuple(regimes),
        boundaries=tuple(boundaries),
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
                    if d0 * d1 < 0:
                        q = lo + d0 * (hi - lo) / (d0 - d1)
                        why = f"a tie: {player} gets the same from {own[a]} as from {own[b]} when {opp} plays {other[j]}"
                        out.append((q, why, a, b, j, rows))
    checked = []
    for q, why, a, b, j, rows in sorted(out, key=lambda t: t[0]):
        g = solver.game(q)
        d = (g.A[a][j] - g.A[b][j]) if rows else (g.B[j][a] - g.B[j][b])
        if d == 0:
            checked.append((q, why))
    return checked


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator in [lo, hi] (Stern-Brocot descent).

    Examples
    --------
    >>> _simplest_between(Fraction(8879, 10000), Fraction(8881, 10000))
    Fraction(103, 116)
    >>> _simplest_between(Fraction(888, 1000) - Fraction(1, 10**12), Fraction(888, 1000) + Fraction(1, 10**12))
    Fraction(111, 125)
    """
    if lo > hi:
        lo, hi = hi, lo
    if lo <= 0 <= hi:
        return Fraction(0)
    if hi < 0:
        return -_simplest_between(-hi, -lo)
    fl = lo.numerator // lo.denominator
    if fl == lo or fl + 1 <= hi:
        return Fraction(lo if fl == lo else fl + 1)
    return fl + 1 / _simplest_between(1 / (hi - fl), 1 / (lo - fl))


def _locate(solver, lo, L, hi, R, precision, model, depth=0) -> list[Any]:
    """Boundaries (and narrow regimes) between ``lo`` (set ``L``) and ``hi`` (set ``R``)."""
    for q, why in _ties(solver, lo, hi, model):
        sq, sol = solver(q)
        if solver((lo + q) / 2)[0] == L and solver((q + hi) / 2)[0] == R:
            return [Boundary(left=L, right=R, low=q, high=q, exact=True, how=why, at=sq, at_text=describe_solution(sol))]
    a, b = lo, hi
    while (b - a) > precision * max(1, abs(a)):
        mid = (a + b) / 2
        sm, sol = solver(mid)
        if sm == L:
            a = mid
        elif sm == R:
            b = mid
        elif sol.degenerate:
            return [Boundary(left=L, right=R, low=mid, high=mid, exact=True, how="bisection hit it (a degenerate point)", at=sm, at_text=describe_solution(sol))]
        elif depth < 8:
            # a regime narrower than the grid spacing
            narrow = Regime(set=sm, lower=mid, upper=mid, lower_exact=False, upper_exact=False, first=None, last=None)
            return (
                _locate(solver, a, L, mid, sm, precision, model, depth + 1)
                + [narrow]
                + _locate(solver, mid, sm, b, R, precision, model, depth + 1)
            )
        else:
            break
    q = _simplest_between(a, b)
    sq, sol = solver(q)
    if sq != L and sq != R:
        return [Boundary(left=L, right=R, low=q, high=q, exact=True, how="bisection, then the simplest fraction in the bracket, checked", at=sq, at_text=describe_solution(sol))]
    return [Boundary(left=L, right=R, low=a, high=b, exact=False, how="bisection with exact solves")]


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
            "ranges": {n: [format_value(a), format_value(b)] for n, (a, b) in zip(names, self.ranges)},
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
            "file_point": {n: format_value(v) for n, v in zip(self.parameters, self.file_point)},
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
        raise ValueError("regions_2d needs a sweep over two parameters")
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
                ranges=((ax0.value(int(rows[0])), ax0.value(int(rows[-1]))), (ax1.value(int(cols[0])), ax1.value(int(cols[-1])))),
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
