"""Tidy tables of a sweep: CSV and JSON writers that stream rows as chunks are solved, and a CSV reader.

One row per (grid point, equilibrium), in grid order:

- the varied parameters (``T``, ``a``): in CSV exact decimals where the grid
  value is one (``0.3``), otherwise the nearest float (a number a spreadsheet
  reads); in JSON always exact (``"0.3"``, ``"1/3"``);
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
"""

from __future__ import annotations

import csv
import json
from typing import Any, Mapping, TextIO

import numpy as np

from bargaining.errors import InputError
from bargaining.statics.grid import Grid
from bargaining.statics.sweep import SweepChunk

__all__ = ["csv_columns", "CsvWriter", "JsonWriter", "read_csv", "writer_for"]


def csv_columns(grid: Grid) -> list[str]:
    """The CSV header: the columns of :meth:`bargaining.statics.grid.Grid.columns`."""
    return grid.columns()


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

    def __init__(self, stream: TextIO, grid: Grid | None = None):
        self._writer = csv.writer(stream, lineterminator="\n")
        self._started = False
        if grid is not None:
            self._start(grid)

    def _start(self, grid: Grid) -> None:
        self._writer.writerow(csv_columns(grid))
        self._started = True

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        if not self._started:
            self._start(grid)
        self._writer.writerows(_chunk_rows(grid, chunk))


class JsonWriter:
    """Streams the same content as JSON: ``{..., "points": [{values, solver, degenerate, equilibria}, ...]}``.

    Grid values are exact strings (``"3/10"`` is written ``"0.3"``, and
    ``1/3`` as ``"1/3"``), as everywhere in this package's JSON; probabilities
    and payoffs are numbers.
    The object is completed by :meth:`finish` (summary, and regimes or regions).
    """

    def __init__(self, stream: TextIO, grid: Grid | None = None):
        self._stream = stream
        self._started = False
        if grid is not None:
            self._start(grid)

    def _start(self, grid: Grid) -> None:
        stream = self._stream
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
        self._started = True

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        if not self._started:
            self._start(grid)
        model = grid.model
        r = chunk.result
        m = len(model.strategies[0])
        bounds = np.concatenate(([0], np.cumsum(r.counts)))
        rows = np.concatenate([r.x, r.y, r.payoffs], axis=1).tolist()
        parts = []
        for p in range(r.n_points):
            flat = chunk.start + p
            point: dict[str, Any] = {a.name: a.exact_texts[i] for a, i in zip(grid.axes, grid.index(flat))}
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


def read_csv(
    stream: TextIO, grid: Grid
) -> dict[tuple[str, ...], list[tuple[tuple[float, ...], tuple[float, ...], tuple[float, float]]]]:
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


def writer_for(fmt: str, stream: TextIO, grid: Grid | None = None):
    """The writer that streams ``csv`` or ``json`` rows to ``stream`` as chunks are solved."""
    return {"csv": CsvWriter, "json": JsonWriter}[fmt](stream, grid)
