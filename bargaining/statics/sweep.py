"""Parameter sweeps: grids over one or two parameters, solved in chunks, written as tidy rows.

A sweep varies one or two parameters of a model over evenly spaced grids and
keeps the others at the file's values. ``NAME=START:STOP:NUM`` gives ``NUM``
points ``START + i * (STOP - START) / (NUM - 1)``; they are exact rationals, so
``T=0:1:101`` hits ``T = 0.3`` exactly, and a point the batch solver cannot
decide is solved exactly at exactly that value. Two varied parameters make the
full product grid, first parameter slowest.

The grid is processed in chunks of :data:`CHUNK` points (payoffs evaluated
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

import csv
import json
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator, Mapping, TextIO

import numpy as np

from bargaining.solvers.batch import TOL, BatchResult, batch_equilibria
from bargaining.errors import InputError, SolverError
from bargaining.game import Game, to_fraction
from bargaining.model import Model
from bargaining.statics.regimes import EquilibriumSet, SetIndex

__all__ = [
    "Axis",
    "Grid",
    "SweepChunk",
    "SweepResult",
    "parse_axis",
    "sweep_chunks",
    "run_sweep",
    "csv_columns",
    "CsvWriter",
    "JsonWriter",
    "read_csv",
    "format_value",
    "CHUNK",
    "MAX_NUM",
]

#: Grid points per chunk: large enough for numpy to run at full speed, small
#: enough for the chunk's arrays to stay in the processor's cache (see also
#: :func:`bargaining.solvers.batch.keep_freed_memory`).
CHUNK = 4096

#: Most points along one axis.
MAX_NUM = 10_000_000

_RESERVED = ("equilibrium", "solver", "degenerate")


# ----------------------------------------------------------------------------- grids


@dataclass(frozen=True)
class Axis:
    """One varied parameter: ``num`` evenly spaced exact values from ``start`` to ``stop``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ax = Axis("T", F(0), F(1), 101)
    >>> ax.value(30), float(ax.floats()[30])
    (Fraction(3, 10), 0.3)
    """

    name: str
    start: Fraction
    stop: Fraction
    num: int
    label: str = ""

    def value(self, i: int) -> Fraction:
        """The exact value at index ``i``."""
        return self.start + (self.stop - self.start) * i / (self.num - 1)

    def values(self) -> list[Fraction]:
        return [self.value(i) for i in range(self.num)]

    def floats(self) -> np.ndarray:
        """Each exact value rounded to the nearest float."""
        return self._floats

    @cached_property
    def _floats(self) -> np.ndarray:
        out = np.array([float(self.value(i)) for i in range(self.num)])
        out.setflags(write=False)
        return out

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The values as written in CSV: exact decimals where short, else floats."""
        return tuple(format_value(self.value(i)) for i in range(self.num))

    def describe(self) -> str:
        return f"{self.name} from {format_value(self.start)} to {format_value(self.stop)} ({self.num} points)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "start": format_value(self.start),
            "stop": format_value(self.stop),
            "num": self.num,
        }


def format_value(q: Fraction) -> str:
    """An exact decimal when ``q`` has one of at most 17 digits, else the nearest float.

    Examples
    --------
    >>> format_value(Fraction(3, 10)), format_value(Fraction(1, 3)), format_value(Fraction(2))
    ('0.3', '0.3333333333333333', '2')
    """
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    for digits in range(1, 18):
        if (q * 10**digits).denominator == 1:
            sign = "-" if q < 0 else ""
            scaled = abs(q.numerator) * 10**digits // q.denominator
            text = str(scaled).rjust(digits + 1, "0")
            return f"{sign}{text[:-digits]}.{text[-digits:]}".rstrip("0")
    return repr(float(q))


def parse_axis(spec: str, model: Model) -> Axis:
    """Read ``NAME=START:STOP:NUM`` for a parameter of ``model``.

    Raises
    ------
    InputError
        With a one-line message naming what is wrong.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> parse_axis("T=0:1:101", load_model("games/baseline.toml")).describe()
    'T from 0 to 1 (101 points)'
    >>> parse_axis("T=0:2:11", load_model("games/baseline.toml"))
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: games/baseline.toml, --vary T: T = 2 lies outside its range [0, 1]
    """
    shape = "expected NAME=START:STOP:NUM such as T=0:1:101"
    name, sep, rest = spec.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError(f"{shape}, found {spec!r}", where="--vary")
    if name not in model.parameters:
        known = ", ".join(model.parameters) or "none"
        raise InputError(f"unknown parameter {name!r}; known parameters: {known}", source=model.source, where="--vary")
    parts = rest.split(":")
    if len(parts) != 3:
        raise InputError(f"{shape}, found {spec!r}", where=f"--vary {name}")
    start = to_fraction(parts[0].strip(), where=f"--vary {name} START")
    stop = to_fraction(parts[1].strip(), where=f"--vary {name} STOP")
    try:
        num = int(parts[2].strip())
    except ValueError:
        raise InputError(f"NUM must be a whole number of points, found {parts[2].strip()!r}", where=f"--vary {name}") from None
    if num < 2 or num > MAX_NUM:
        raise InputError(f"NUM must be between 2 and {MAX_NUM}, found {num}", where=f"--vary {name}")
    if start >= stop:
        raise InputError(
            f"START must be less than STOP, found {format_value(start)} and {format_value(stop)}", where=f"--vary {name}"
        )
    param = model.parameters[name]
    for v in (start, stop):
        param.check(v, source=model.source, where=f"--vary {name}")
    return Axis(name, start, stop, num, param.label)


@dataclass(frozen=True)
class Grid:
    """A model and the one or two parameters a sweep varies (first one slowest)."""

    model: Model
    axes: tuple[Axis, ...]

    def __post_init__(self):
        if not 1 <= len(self.axes) <= 2:
            raise InputError(f"a sweep varies one or two parameters, found {len(self.axes)}", where="--vary")
        names = [a.name for a in self.axes]
        if len(set(names)) != len(names):
            raise InputError(f"parameter {names[0]!r} is varied twice", where="--vary")
        for name in names:
            if name in _RESERVED:
                raise InputError(f"a varied parameter cannot be called {name!r} (a column of the output)", where="--vary")

    @classmethod
    def from_specs(cls, model: Model, specs: Iterable[str]) -> "Grid":
        """The grid of ``--vary`` specifications."""
        return cls(model, tuple(parse_axis(s, model) for s in specs))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(a.num for a in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    def index(self, p: int) -> tuple[int, ...]:
        """Grid indices of the flat point ``p``."""
        return tuple(int(i) for i in np.unravel_index(p, self.shape))

    def values_at(self, p: int) -> dict[str, Fraction]:
        """Exact values of the varied parameters at the flat point ``p``."""
        return {a.name: a.value(i) for a, i in zip(self.axes, self.index(p))}

    def game(self, p: int) -> Game:
        """The exact game at the flat point ``p``."""
        return self.model.with_values(self.values_at(p), where="--vary").game()

    def payoffs(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Float payoffs ``(stop - start, m, n)`` at the flat points ``start..stop-1``."""
        idx = np.unravel_index(np.arange(start, stop), self.shape)
        values = {a.name: a.floats()[i] for a, i in zip(self.axes, idx)}
        return self.model.payoff_arrays(values)

    def to_dict(self) -> dict[str, Any]:
        varied = {a.name for a in self.axes}
        return {
            "varied": [a.to_dict() for a in self.axes],
            "fixed": {name: format_value(p.value) for name, p in self.model.parameters.items() if name not in varied},
        }


# ----------------------------------------------------------------------------- solving in chunks


@dataclass(frozen=True)
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
            A.reshape(-1, m, n), B.reshape(-1, m, n), lambda p, s=start: grid.game(s + p), tol=tol
        )
        empty = np.flatnonzero(result.counts == 0)
        if len(empty):
            raise SolverError(f"no equilibrium found at {grid.values_at(start + int(empty[0]))}")
        if progress is not None:
            progress(stop, grid.size)
        yield SweepChunk(start, stop, result)


@dataclass(frozen=True)
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
        flat grid indices), kept for one varied parameter only.
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


# ----------------------------------------------------------------------------- tidy rows


def csv_columns(grid: Grid) -> list[str]:
    """The CSV header: varied parameters, ``equilibrium``, ``Player.strategy``..., ``payoff.Player``..., ``solver``, ``degenerate``.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> csv_columns(Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:3"]))[:5]
    ['T', 'equilibrium', 'Russia.ally', 'Russia.align', 'Russia.hedge']
    """
    model = grid.model
    cols = [a.name for a in grid.axes] + ["equilibrium"]
    for p, player in enumerate(model.players):
        cols += [f"{player}.{s}" for s in model.strategies[p]]
    cols += [f"payoff.{player}" for player in model.players]
    return cols + ["solver", "degenerate"]


def _chunk_rows(grid: Grid, chunk: SweepChunk) -> list[list]:
    r = chunk.result
    if len(r.point) == 0:
        return []
    flat = r.point + chunk.start
    idx = np.unravel_index(flat, grid.shape)
    columns: list[list] = [[axis.texts[i] for i in ix.tolist()] for axis, ix in zip(grid.axes, idx)]
    columns.append((r.index + 1).tolist())
    numbers = np.concatenate([r.x, r.y, r.payoffs], axis=1).tolist()
    solver = np.where(r.exact[r.point], "exact", "batch").tolist()
    degenerate = np.where(r.degenerate[r.point], "true", "false").tolist()
    return [[*lead, *nums, s, d] for *lead, nums, s, d in zip(*columns, numbers, solver, degenerate)]


class CsvWriter:
    """Streams tidy rows to a text file as chunks are solved."""

    def __init__(self, stream: TextIO, grid: Grid):
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(csv_columns(grid))

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        self._writer.writerows(_chunk_rows(grid, chunk))


class JsonWriter:
    """Streams the same content as JSON: ``{..., "points": [{values, solver, degenerate, equilibria}, ...]}``.

    Grid values are exact strings (``"3/10"`` is written ``"0.3"``), as
    everywhere in this package's JSON; probabilities and payoffs are numbers.
    The object is completed by :meth:`finish` (summary, and regimes or regions).
    """

    def __init__(self, stream: TextIO, grid: Grid):
        self._stream = stream
        model = grid.model
        head = {
            "title": model.title,
            "source": model.source,
            "players": list(model.players),
            "strategies": {p: list(s) for p, s in zip(model.players, model.strategies)},
            **grid.to_dict(),
            "columns": csv_columns(grid),
        }
        text = json.dumps(head, indent=2)
        stream.write(text[: text.rindex("}")].rstrip() + ',\n  "points": [')
        self._first = True

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        model = grid.model
        r = chunk.result
        m = len(model.strategies[0])
        bounds = np.concatenate(([0], np.cumsum(r.counts)))
        rows = np.concatenate([r.x, r.y, r.payoffs], axis=1).tolist()
        parts = []
        for p in range(r.n_points):
            flat = chunk.start + p
            point: dict[str, Any] = {a.name: a.texts[i] for a, i in zip(grid.axes, grid.index(flat))}
            point["solver"] = "exact" if r.exact[p] else "batch"
            point["degenerate"] = bool(r.degenerate[p])
            point["equilibria"] = [
                {
                    "equilibrium": k + 1,
                    "strategies": {
                        model.players[0]: dict(zip(model.strategies[0], rows[e][:m])),
                        model.players[1]: dict(zip(model.strategies[1], rows[e][m:-2])),
                    },
                    "payoffs": dict(zip(model.players, rows[e][-2:])),
                }
                for k, e in enumerate(range(bounds[p], bounds[p + 1]))
            ]
            parts.append(json.dumps(point))
        if parts:
            self._stream.write(("\n    " if self._first else ",\n    ") + ",\n    ".join(parts))
            self._first = False

    def finish(self, tail: Mapping[str, Any]) -> None:
        """Close the points list and add ``tail``'s keys (summary, regimes...)."""
        self._stream.write("\n  ]")
        for key, value in tail.items():
            body = json.dumps(value, indent=2).replace("\n", "\n  ")
            self._stream.write(f",\n  {json.dumps(key)}: {body}")
        self._stream.write("\n}\n")


def read_csv(stream: TextIO, grid: Grid) -> dict[tuple[str, ...], list[tuple[tuple[float, ...], tuple[float, ...], tuple[float, float]]]]:
    """Read tidy rows back: grid values (as written) -> ``[(x, y, payoffs), ...]`` in equilibrium order.

    Raises
    ------
    InputError
        If the header is not the one :func:`csv_columns` gives for ``grid``.
    """
    reader = csv.reader(stream)
    header = next(reader, None)
    expected = csv_columns(grid)
    if header != expected:
        raise InputError(f"expected the columns {expected}, found {header}")
    d = len(grid.axes)
    m, n = (len(s) for s in grid.model.strategies)
    out: dict[tuple[str, ...], list] = {}
    for row in reader:
        key = tuple(row[:d])
        nums = [float(v) for v in row[d + 1 : d + 1 + m + n + 2]]
        out.setdefault(key, []).append((tuple(nums[:m]), tuple(nums[m : m + n]), tuple(nums[m + n :])))
    return out
