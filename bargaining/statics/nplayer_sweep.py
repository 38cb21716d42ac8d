"""Sweeps of a game of three or more players: every equilibrium at every grid point, exactly; or the pure ones, batched.

Exact sweep (:func:`sweep_nplayer`)
    At every point of a grid of one or two parameters the game is solved by the
    exact n-player solver (support enumeration with exact polynomial systems,
    :mod:`bargaining.solvers.nplayer`), with a progress callback. The *answer*
    at a point is its :class:`NashKey`: the supports of its isolated equilibria
    and of its continua. Along one parameter the regimes (runs of grid points
    with the same answer) and the boundaries between them come from
    :func:`bargaining.statics.boundaries.along`, the one engine for where an
    answer changes: between two grid points with different answers it tries
    the simplest fraction in the bracket, then bisects with exact solves, so a
    boundary is found exactly or bracketed to ``precision``. A point with a
    continuum of equilibria (a degenerate game: a tie between two regimes) is
    a point of its own.

Pure sweep (:func:`pure_sweep`, ``sweep --pure``)
    Only the pure equilibria, for large grids: the payoff tensors of a whole
    chunk of grid points are evaluated at once (:meth:`bargaining.model.Model.payoff_arrays`)
    and a profile is kept where, for every player, no other strategy pays more
    (vectorised best-response checks over the player's own axis). A profile
    whose margin is within ``tol`` of a tie at some point is decided there
    exactly, in rational arithmetic, so every answer is exact. Along one
    parameter the regimes come from :func:`~bargaining.statics.boundaries.along`
    with the exact check as the answer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from bargaining.errors import InputError
from bargaining.numbers import format_value, number_to_json
from bargaining.solution import EquilibriumSet
from bargaining.solvers.registry import solve
from bargaining.statics.boundaries import Profile, along, simplest_between
from bargaining.statics.grid import Axis, parse_axis

__all__ = ["NashKey", "NPlayerPoint", "NPlayerSweep", "sweep_nplayer", "pure_sweep", "axes_of", "TOL"]

#: Margin (relative to the payoffs' size) below which the pure sweep decides a best response exactly.
TOL = 1e-9

#: Points per chunk of the pure sweep.
CHUNK = 4096


@dataclass(frozen=True)
class NashKey:
    """What a sweep compares at a point: the supports of the isolated equilibria and of the continua.

    Two points with the same key have the same pure equilibria, mixed
    equilibria on the same supports, and continua on the same supports.
    """

    isolated: EquilibriumSet
    continua: tuple[tuple[int, ...], ...] = ()

    def describe(self, players: Sequence[str], strategies: Sequence[Sequence[str]], short: bool = False) -> str:
        """``(contain_both, align, align), mixed (...)``, and ``; a continuum on ...`` for each continuum."""
        text = self.isolated.describe(players, strategies, short=short)
        for masks in self.continua:
            sides = "; ".join(
                f"{players[p]} " + "/".join(strategies[p][i] for i in range(len(strategies[p])) if m >> i & 1)
                for p, m in enumerate(masks)
            )
            text += f"; a continuum ({sides})"
        return text

    def labels(self, strategies) -> tuple[str, ...]:
        out = list(self.isolated.labels(strategies))
        for masks in self.continua:
            sets = ["{" + ", ".join(strategies[p][i] for i in range(len(strategies[p])) if m >> i & 1) + "}"
                    for p, m in enumerate(masks)]
            out.append("continuum " + " x ".join(sets))
        return tuple(out)

    def to_dict(self, players, strategies) -> dict[str, Any]:
        out = self.isolated.to_dict(players, strategies)
        out["continua"] = [
            {
                players[p]: [strategies[p][i] for i in range(len(strategies[p])) if m >> i & 1]
                for p, m in enumerate(masks)
            }
            for masks in self.continua
        ]
        out["description"] = self.describe(players, strategies)
        return out


def key_of(solution) -> NashKey:
    """The :class:`NashKey` of a solution."""
    continua = tuple(sorted(tuple(sum(1 << k for k in s) for s in c.support) for c in solution.continua))
    return NashKey(solution.equilibrium_set(), continua)


@dataclass(frozen=True, kw_only=True)
class NPlayerPoint:
    """One grid point: the exact values of the varied parameters, the answer there, and (exact sweeps) the solution."""

    values: tuple[Fraction, ...]
    key: Any
    solution: Any = field(default=None, compare=False)


@dataclass(frozen=True, kw_only=True)
class NPlayerSweep:
    """A sweep of a game of three or more players over one or two parameters.

    Attributes
    ----------
    source, title : str
    players, strategies
    axes : tuple of Axis
    points : tuple of NPlayerPoint
        In grid order (the last axis fastest).
    profile : Profile or None
        Along one parameter: the regimes and their boundaries (exact or bracketed).
    method : str
    pure_only : bool
        Only pure equilibria were computed (``--pure``).
    exact_points : int
        Pure sweep: points at which some best response was decided exactly
        (too close to a tie for floating point); exact sweep: every point.
    """

    source: str
    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    axes: tuple[Axis, ...]
    points: tuple[NPlayerPoint, ...]
    profile: Profile | None = None
    method: str = ""
    pure_only: bool = False
    exact_points: int = 0
    fixed: tuple[tuple[str, Fraction], ...] = ()

    @property
    def regimes(self):
        return self.profile.regimes if self.profile is not None else ()

    @property
    def boundaries(self):
        return self.profile.boundaries if self.profile is not None else ()

    def sets(self) -> list[tuple[Any, int]]:
        """The distinct answers in order of first appearance, with their number of grid points."""
        counts: dict[Any, int] = {}
        for pt in self.points:
            counts[pt.key] = counts.get(pt.key, 0) + 1
        return list(counts.items())

    def describe(self, key) -> str:
        if isinstance(key, NashKey):
            return key.describe(self.players, self.strategies)
        return (
            ", ".join("(" + ", ".join(self.strategies[p][k] for p, k in enumerate(prof)) + ")" for prof in key)
            or "none"
        )

    def to_dict(self) -> dict[str, Any]:
        names = [a.name for a in self.axes]
        out: dict[str, Any] = {
            "file": self.source,
            "title": self.title,
            "players": list(self.players),
            "method": self.method,
            "pure_only": self.pure_only,
            "varied": [a.to_dict() for a in self.axes],
            "fixed": {n: format_value(v) for n, v in self.fixed},
            "points": [
                {**{a: number_to_json(v) for a, v in zip(names, p.values)}, "equilibria": self.describe(p.key)}
                for p in self.points
            ],
            "sets": [{"equilibria": self.describe(k), "points": c} for k, c in self.sets()],
            "exact_points": self.exact_points,
        }
        if self.profile is not None:
            out["regimes"] = [
                {
                    "equilibria": self.describe(r.answer),
                    "from": number_to_json(r.lower),
                    "to": number_to_json(r.upper),
                    "from_exact": r.lower_exact,
                    "to_exact": r.upper_exact,
                }
                for r in self.profile.regimes
            ]
            out["boundaries"] = [
                {
                    "value": number_to_json(b.value),
                    "exact": b.exact,
                    "how": b.how,
                    "low": number_to_json(b.low),
                    "high": number_to_json(b.high),
                    "at": b.at_text,
                }
                for b in self.profile.boundaries
            ]
        return out

    def to_pandas(self):
        """The tidy table: one row per grid point and equilibrium.

        Columns: the varied parameters, ``equilibrium`` (its number at the
        point, from 1), ``Player.strategy`` probabilities and ``payoff.Player``
        (floats; an exact sweep only), ``solver`` and ``degenerate`` (a
        continuum there). A pure sweep has one row per pure equilibrium, with
        the probabilities 0 and 1.
        """
        import pandas as pd

        names = [a.name for a in self.axes]
        cols = names + ["equilibrium"] + [f"{p}.{s}" for p, ss in zip(self.players, self.strategies) for s in ss]
        if not self.pure_only:
            cols += [f"payoff.{p}" for p in self.players]
        cols += ["solver", "degenerate"]
        rows = []
        for pt in self.points:
            base = {a: float(v) for a, v in zip(names, pt.values)}
            if self.pure_only:
                for k, prof in enumerate(pt.key, 1):
                    row = {**base, "equilibrium": k}
                    for p, (player, ss) in enumerate(zip(self.players, self.strategies)):
                        for i, s in enumerate(ss):
                            row[f"{player}.{s}"] = float(prof[p] == i)
                    row.update(solver="batch", degenerate=False)
                    rows.append(row)
                continue
            sol = pt.solution
            for k, e in enumerate(sol.equilibria, 1):
                row = {**base, "equilibrium": k}
                for p, (player, ss) in enumerate(zip(self.players, self.strategies)):
                    for i, s in enumerate(ss):
                        row[f"{player}.{s}"] = float(e.mixed[p][i])
                    row[f"payoff.{player}"] = float(e.payoffs[p])
                row.update(solver="exact", degenerate=bool(sol.continua))
                rows.append(row)
        return pd.DataFrame(rows, columns=cols)


def axes_of(model, specs: Sequence[str]) -> tuple[Axis, ...]:
    """The axes of ``--vary`` specifications (one or two, distinct)."""
    specs = list(specs)
    if not 1 <= len(specs) <= 2:
        raise InputError(f"a sweep varies one or two parameters, found {len(specs)}", where="axis")
    axes = tuple(parse_axis(s, model) for s in specs)
    if len(axes) == 2 and axes[0].name == axes[1].name:
        raise InputError(f"parameter {axes[0].name!r} is varied twice", where=f"axis {axes[0].name}")
    return axes


def _ties(model, name: str):
    """``candidates(lo, hi)`` for the engine: exact roots in ``[lo, hi]`` of the payoff differences that vanish there.

    For every player, every pure profile of the others and every pair of the
    player's strategies, the difference of the two payoffs is evaluated
    exactly at ``lo`` and ``hi``; where it changes sign, or vanishes at one end
    only, its root by linear interpolation (exact for the payoffs affine in the
    parameter, as in the alliance model) is kept when the difference is
    exactly zero there. A pure equilibrium appears or disappears only at such
    a tie; where the closed condition holds with equality at a grid point, the
    root is that grid point.
    """
    from bargaining.statics.boundaries import linear_root

    def game(t):
        return model.with_values({name: t}, where="axis").game()

    def candidates(lo: Fraction, hi: Fraction):
        g0, g1 = game(lo), game(hi)
        found: dict[Fraction, str] = {}
        for p in range(g0.n_players):
            others = [range(s) if q != p else [0] for q, s in enumerate(g0.shape)]
            for prof in itertools.product(*others):
                for a in range(g0.shape[p]):
                    for b in range(a + 1, g0.shape[p]):
                        pa, pb = list(prof), list(prof)
                        pa[p], pb[p] = a, b
                        d0 = g0.payoff(p, *pa) - g0.payoff(p, *pb)
                        d1 = g1.payoff(p, *pa) - g1.payoff(p, *pb)
                        if d0 == d1:
                            continue
                        q = linear_root(lo, d0, hi, d1) if d0 and d1 else (hi if d1 == 0 else lo)
                        if q is None or q in found:
                            continue
                        g = game(q)
                        if g.payoff(p, *pa) == g.payoff(p, *pb):
                            found[q] = (
                                f"a tie: {g0.players[p]} gets the same from {g0.strategies[p][a]} as from "
                                f"{g0.strategies[p][b]} at {g0.profile_text(pa)}"
                            )
        out = sorted(found.items())
        out.append((simplest_between(lo, hi), "the simplest fraction in the bracket, checked"))
        return out

    return candidates


def _grid(axes):
    return list(itertools.product(*(a.values() for a in axes)))


def sweep_nplayer(
    model, specs: Sequence[str], *, progress: Callable[[int, int], None] | None = None, precision: float = 1e-12
) -> NPlayerSweep:
    """Every equilibrium of ``model`` at every point of a grid of one or two parameters, exactly.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> s = sweep_nplayer(load_model("games/triangle/taiwan_crisis.toml"), ["D_R=0.2:0.6:5"])
    >>> last = s.regimes[-1]
    >>> str(last.lower), str(last.upper)
    ('2/5', '3/5')
    >>> for part in s.describe(last.answer).split(", mixed "):
    ...     print(part)
    (contain_both, ally, ally), (contain_both, align, align)
    (United States contain_both; Russia ally/align; China ally/align)
    >>> [(str(b.value), b.exact) for b in s.boundaries][-1]     # the treaty returns once D_R = c + v
    ('2/5', True)
    """
    axes = axes_of(model, specs)
    names = [a.name for a in axes]

    def solved(values):
        return solve(model.with_values(dict(zip(names, values)), where="axis").game())

    grid = _grid(axes)
    points = []
    for k, values in enumerate(grid):
        sol = solved(values)
        points.append(NPlayerPoint(values=tuple(values), key=key_of(sol), solution=sol))
        if progress is not None:
            progress(k + 1, len(grid))
    profile = None
    if len(axes) == 1:

        def answer(t):
            return key_of(solved((t,)))

        answers = [p.key for p in points]
        profile = along(
            axes[0].values(),
            answers,
            answer,
            candidates=_ties(model, names[0]),
            describe_point=lambda t: answer(t).describe(model.players, model.strategies),
            precision=precision,
        )
    varied = set(names)
    return NPlayerSweep(
        source=model.source,
        title=model.title,
        players=tuple(model.players),
        strategies=tuple(model.strategies),
        axes=axes,
        points=tuple(points),
        profile=profile,
        method="exact at every point: support enumeration with exact polynomial systems; boundaries by exact bisection",
        exact_points=len(points),
        fixed=tuple((n, p.value) for n, p in model.parameters.items() if n not in varied),
    )


def pure_profiles_exact(game) -> tuple[tuple[int, ...], ...]:
    """The pure equilibria of a game, by exact best-response checks."""
    return tuple(prof for prof in game.profiles() if game.is_pure_equilibrium(prof))


def _batch_pure(tensors: Sequence[np.ndarray], tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Pure equilibria of a chunk of games at once: ``(is_equilibrium, undecided)``, each ``(points, s_1, ..., s_n)``.

    A profile is an equilibrium where, for every player, its payoff is the
    largest over the player's own strategies; it is *undecided* where some
    player's margin to its best other strategy is within ``tol`` of zero.
    """
    ok = np.ones(tensors[0].shape, dtype=bool)
    close = np.zeros(tensors[0].shape, dtype=bool)
    for p, U in enumerate(tensors):
        axis = 1 + p
        s = U.shape[axis]
        if s == 1:
            continue
        # the best payoff of another strategy of p's, for each profile: max over the others on p's axis
        other_best = np.empty_like(U)
        for k in range(s):
            rest = np.delete(U, k, axis=axis)
            idx = [slice(None)] * U.ndim
            idx[axis] = k
            other_best[tuple(idx)] = rest.max(axis=axis)
        margin = U - other_best
        ok &= margin >= -tol
        close |= np.abs(margin) <= tol
    return ok & ~close, ok & close


def pure_sweep(
    model,
    specs: Sequence[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    tol: float = TOL,
    precision: float = 1e-12,
) -> NPlayerSweep:
    """The pure equilibria of ``model`` at every point of a grid, by vectorised best-response checks.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> s = pure_sweep(load_model("games/triangle/taiwan_crisis.toml"), ["D_R=0:1:11"])
    >>> for r in s.regimes:
    ...     print(r.lower, r.upper, s.describe(r.answer))
    0 1/4 (wedge_Russia, align, align)
    1/4 2/5 (contain_both, align, align)
    2/5 1 (contain_both, ally, ally), (contain_both, align, align)
    """
    axes = axes_of(model, specs)
    names = [a.name for a in axes]
    grid = _grid(axes)
    floats = [np.array([float(v[k]) for v in grid]) for k in range(len(axes))]
    shape = model.shape
    scale = None
    points: list[NPlayerPoint] = []
    exact_points = 0
    for start in range(0, len(grid), CHUNK):
        stop = min(start + CHUNK, len(grid))
        tensors = model.payoff_arrays({n: f[start:stop] for n, f in zip(names, floats)})
        tensors = [np.broadcast_to(t, (stop - start,) + shape) for t in tensors]
        if scale is None:
            scale = max(1.0, max(float(np.abs(t).max()) for t in tensors))
        sure, undecided = _batch_pure(tensors, tol * scale)
        for q in range(stop - start):
            found = [tuple(int(i) for i in prof) for prof in np.argwhere(sure[q])]
            if undecided[q].any():
                exact_points += 1
                game = model.with_values(dict(zip(names, grid[start + q])), where="axis").game()
                found += [
                    tuple(int(i) for i in prof)
                    for prof in np.argwhere(undecided[q])
                    if game.is_pure_equilibrium(tuple(int(i) for i in prof))
                ]
            points.append(NPlayerPoint(values=tuple(grid[start + q]), key=tuple(sorted(found))))
        if progress is not None:
            progress(stop, len(grid))
    profile = None
    if len(axes) == 1:

        def answer(t):
            return pure_profiles_exact(model.with_values({names[0]: t}, where="axis").game())

        answers = [p.key for p in points]
        profile = along(
            axes[0].values(),
            answers,
            answer,
            candidates=_ties(model, names[0]),
            describe_point=lambda t: (
                ", ".join(
                    "(" + ", ".join(model.strategies[p][k] for p, k in enumerate(prof)) + ")" for prof in answer(t)
                )
                or "none"
            ),
            precision=precision,
        )
    varied = set(names)
    return NPlayerSweep(
        source=model.source,
        title=model.title,
        players=tuple(model.players),
        strategies=tuple(model.strategies),
        axes=axes,
        points=tuple(points),
        profile=profile,
        method=f"pure equilibria only: vectorised best-response checks, ties within {tol:g} of the payoffs' size "
        "decided exactly; boundaries by exact bisection",
        pure_only=True,
        exact_points=exact_points,
        fixed=tuple((n, p.value) for n, p in model.parameters.items() if n not in varied),
    )
