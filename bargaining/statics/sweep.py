"""Parameter sweeps: grids over one or two parameters, solved in chunks, written as tidy rows.

A sweep varies one or two parameters of a model over evenly spaced grids and
keeps the others at the file's values. ``NAME=START:STOP:NUM`` gives ``NUM``
points ``START + i * (STOP - START) / (NUM - 1)``; they are exact rationals, so
``T=0:1:101`` hits ``T = 0.3`` exactly, and a point the batch solver cannot
decide is solved exactly at exactly that value. Two varied parameters make the
full product grid, first parameter slowest.

The grid (:mod:`bargaining.statics.grid`) is processed in chunks of :data:`CHUNK` points (payoffs evaluated
element-wise, then :func:`~bargaining.solvers.batch.batch_equilibria`), so memory stays
bounded however large the grid; the writers stream each chunk's rows as it is
solved.

Tidy rows (CSV and JSON)
------------------------
One row per (grid point, equilibrium), in grid order:

- the varied parameters (``T``, ``a``): exact decimals where the grid value
  is one (``0.3``), otherwise the nearest float;
- ``equilibrium``: the equilibrium's number within its point, from 1, in the
  order ``solve`` lists them;
- ``Player.strategy`` for each player and strategy (``Russia.ally``): the
  probability of that strategy in this equilibrium;
- ``payoff.Player`` (``payoff.Russia``): the player's expected payoff;
- ``solver``: ``batch`` (floating point, certified to 1e-10) or ``exact``
  (a point the batch method could not decide, solved in rational arithmetic;
  its numbers are printed as floats here);
- ``degenerate``: ``true`` where the game at that point is degenerate (its
  equilibria may form continua; the rows then list the extreme equilibria).

Every point has at least one row: a game always has an equilibrium, and a
point without one raises :class:`~bargaining.errors.SolverError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from bargaining.errors import BargainingError, SolverError
from bargaining.solution import EquilibriumSet
from bargaining.solvers.batch import TOL, BatchResult, batch_equilibria
from bargaining.solvers.registry import solve
from bargaining.statics.grid import Grid

__all__ = ["SetIndex", "SweepChunk", "SweepResult", "sweep_chunks", "run_sweep", "CHUNK"]

#: Grid points per chunk: large enough for numpy to run at full speed, small
#: enough for the chunk's arrays to stay in the processor's cache (see also
#: :func:`bargaining.solvers.batch.keep_freed_memory`).
CHUNK = 4096


class SetIndex:
    """Numbers the distinct equilibrium sets met in a sweep, chunk by chunk (vectorised)."""

    def __init__(self):
        self._code: dict[tuple[int, ...], int] = {}
        self._sets: list[EquilibriumSet] = []

    @property
    def sets(self) -> tuple[EquilibriumSet, ...]:
        return tuple(self._sets)

    def codes(self, r: "BatchResult") -> np.ndarray:
        """The code of the equilibrium set at each point of a batch result."""
        m, n = r.x.shape[1], r.y.shape[1]
        xbits, ybits = r.supports()
        ids = (xbits << n) | ybits
        nwords = max(1, (1 << (m + n)) // 64)
        words = np.zeros((r.n_points, nwords), dtype=np.uint64)
        np.bitwise_or.at(words, (r.point, ids // 64), np.left_shift(np.uint64(1), (ids % 64).astype(np.uint64)))
        uniq, first, inverse = np.unique(words, axis=0, return_index=True, return_inverse=True)
        local = np.empty(len(uniq), dtype=np.int32)
        for u in np.argsort(first):  # number new sets in the order the grid meets them
            t = tuple(int(w) for w in uniq[u])
            code = self._code.get(t)
            if code is None:
                pairs = []
                for w, word in enumerate(t):
                    for b in (b for b in range(word.bit_length()) if word >> b & 1):
                        pid = 64 * w + b
                        pairs.append((pid >> n, pid & ((1 << n) - 1)))
                code = self._code[t] = len(self._sets)
                self._sets.append(EquilibriumSet(tuple(pairs)))
            local[u] = code
        return local[np.asarray(inverse).ravel()]



# ----------------------------------------------------------------------------- solving in chunks


@dataclass(frozen=True, kw_only=True)
class SweepChunk:
    """The solved points ``start..stop-1`` of a grid (flat indices)."""

    start: int
    stop: int
    result: BatchResult


def sweep_chunks(
    grid: Grid,
    *,
    chunk_size: int = CHUNK,
    tol: float = TOL,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[SweepChunk]:
    """Solve the grid chunk by chunk.

    Parameters
    ----------
    grid : Grid
    chunk_size : int
        Points per chunk.
    tol : float
        The batch solver's margin (see :func:`~bargaining.solvers.batch.batch_equilibria`).
    progress : callable, optional
        Called as ``progress(points_done, points_total)`` after each chunk.

    Yields
    ------
    SweepChunk

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> grid = Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:101"])
    >>> [int(c.result.exact.sum()) for c in sweep_chunks(grid, chunk_size=50)]
    [2, 1, 0]
    """
    for start in range(0, grid.size, chunk_size):
        stop = min(start + chunk_size, grid.size)
        A, B = grid.payoffs(start, stop)
        m, n = A.shape[-2:]
        result = batch_equilibria(
            A.reshape(-1, m, n),
            B.reshape(-1, m, n),
            exact_solution=lambda p, s=start: solve(grid.game(s + p)),
            tol=tol,
            total_points=grid.size,
        )
        empty = np.flatnonzero(result.counts == 0)
        if len(empty):
            raise SolverError(f"no equilibrium found at {grid.values_at(start + int(empty[0]))}")
        if progress is not None:
            progress(stop, grid.size)
        yield SweepChunk(start=start, stop=stop, result=result)


@dataclass(frozen=True, kw_only=True)
class SweepResult:
    """What a sweep found, compactly: the equilibrium set at every grid point.

    Attributes
    ----------
    grid : Grid
    codes : numpy.ndarray
        Grid-shaped ints: ``sets[codes[i, j]]`` is the set at that point.
    sets : tuple of EquilibriumSet
        The distinct equilibrium sets, in order of first appearance.
    exact : numpy.ndarray
        Grid-shaped bool: solved by the exact fallback.
    degenerate : numpy.ndarray
        Grid-shaped bool: the game is degenerate there.
    equilibria : int
        Rows written (one per grid point and equilibrium).
    point, x, y, payoffs : numpy.ndarray or None
        Every equilibrium (as in :class:`~bargaining.solvers.batch.BatchResult`, with
        flat grid indices), when the sweep kept them (``run_sweep(keep_equilibria=True)``).
    """

    grid: Grid
    codes: np.ndarray
    sets: tuple[EquilibriumSet, ...]
    exact: np.ndarray
    degenerate: np.ndarray
    equilibria: int
    point: np.ndarray | None = None
    x: np.ndarray | None = None
    y: np.ndarray | None = None
    payoffs: np.ndarray | None = None
    tol: float = TOL

    def __post_init__(self):
        for name in ("codes", "exact", "degenerate", "point", "x", "y", "payoffs"):
            a = getattr(self, name)
            if a is not None:
                a = np.array(a)
                a.setflags(write=False)
                object.__setattr__(self, name, a)

    def set_at(self, p: int) -> EquilibriumSet:
        """The equilibrium set at the flat point ``p``."""
        return self.sets[int(self.codes.flat[p])]

    def summary(self) -> dict[str, Any]:
        from bargaining.solvers.batch import ACCURACY

        return {
            "method": "batch (floating point, certified) with exact fallback",
            "tol": self.tol,
            "accuracy": ACCURACY,
            "points": self.grid.size,
            "equilibria": self.equilibria,
            "exact_points": int(self.exact.sum()),
            "degenerate_points": int(self.degenerate.sum()),
            "batch_points": int(self.grid.size - self.exact.sum()),
        }

    def to_pandas(self):
        """The tidy table: one row per grid point and equilibrium (the columns of :meth:`Grid.columns`).

        Grid values, probabilities and payoffs are floats (exact grid values
        are in ``grid.axes[k].value(i)``); ``solver`` is ``batch`` or ``exact``.

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> from bargaining.statics.grid import Grid
        >>> df = run_sweep(Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:11"])).to_pandas()
        >>> df.loc[df["T"] == 0.5, ["equilibrium", "Russia.align", "China.align"]].values.tolist()
        [[1.0, 1.0, 1.0]]
        """
        import pandas as pd

        if self.point is None:
            raise BargainingError("this sweep did not keep its equilibria; run it with keep_equilibria=True")
        model = self.grid.model
        idx = np.unravel_index(self.point, self.grid.shape)
        data: dict[str, Any] = {a.name: a.floats()[i] for a, i in zip(self.grid.axes, idx)}
        starts = np.searchsorted(self.point, self.point, side="left")
        data["equilibrium"] = np.arange(len(self.point)) - starts + 1
        for p, (player, strategies) in enumerate(zip(model.players, model.strategies)):
            probs = self.x if p == 0 else self.y
            for k, s in enumerate(strategies):
                data[f"{player}.{s}"] = probs[:, k]
        for p, player in enumerate(model.players):
            data[f"payoff.{player}"] = self.payoffs[:, p]
        data["solver"] = np.where(self.exact.ravel()[self.point], "exact", "batch")
        data["degenerate"] = self.degenerate.ravel()[self.point]
        return pd.DataFrame(data, columns=self.grid.columns())

    def to_dict(self) -> dict[str, Any]:
        g = self.grid.model
        out = {"title": g.title, "source": g.source, **self.grid.to_dict(), "summary": self.summary()}
        counts = np.bincount(self.codes.ravel(), minlength=len(self.sets))
        out["sets"] = [
            {**s.to_dict(g.players, g.strategies), "points": int(c)} for s, c in zip(self.sets, counts)
        ]
        return out


def run_sweep(
    grid: Grid,
    *,
    writers: Iterable[Any] = (),
    chunk_size: int = CHUNK,
    tol: float = TOL,
    progress: Callable[[int, int], None] | None = None,
    keep_equilibria: bool | None = None,
) -> SweepResult:
    """Solve every point of ``grid``, feeding each chunk to ``writers`` as it is solved.

    Parameters
    ----------
    writers : iterable
        Objects with ``write(chunk)`` (such as :class:`CsvWriter`).
    keep_equilibria : bool, optional
        Keep every equilibrium in the result (default: for one varied
        parameter only, so that a large two-parameter sweep stays small).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> res = run_sweep(Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:11"]))
    >>> [res.set_at(p).describe(("Russia", "China"), (("ally", "align", "hedge"),) * 2, short=True) for p in (0, 5, 10)]
    ['(hedge, hedge)', '(align, align)', '(ally, ally), (align, align), 1 mixed']
    """
    writers = list(writers)
    if keep_equilibria is None:
        keep_equilibria = len(grid.axes) == 1
    index = SetIndex()
    codes = np.empty(grid.size, dtype=np.int32)
    exact = np.zeros(grid.size, dtype=bool)
    degenerate = np.zeros(grid.size, dtype=bool)
    kept: list[BatchResult] = []
    offsets: list[int] = []
    total = 0
    for chunk in sweep_chunks(grid, chunk_size=chunk_size, tol=tol, progress=progress):
        r = chunk.result
        codes[chunk.start : chunk.stop] = index.codes(r)
        exact[chunk.start : chunk.stop] = r.exact
        degenerate[chunk.start : chunk.stop] = r.degenerate
        total += len(r.point)
        for w in writers:
            w.write(grid, chunk)
        if keep_equilibria:
            kept.append(r)
            offsets.append(chunk.start)
    extra: dict[str, Any] = {}
    if keep_equilibria:
        extra = {
            "point": np.concatenate([r.point + o for r, o in zip(kept, offsets)]),
            "x": np.concatenate([r.x for r in kept]),
            "y": np.concatenate([r.y for r in kept]),
            "payoffs": np.concatenate([r.payoffs for r in kept]),
        }
    for w in writers:
        if hasattr(w, "close"):
            w.close()
    shape = grid.shape
    return SweepResult(
        grid=grid,
        codes=codes.reshape(shape),
        sets=index.sets,
        exact=exact.reshape(shape),
        degenerate=degenerate.reshape(shape),
        equilibria=total,
        tol=tol,
        **extra,
    )
