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
import io
import json
import sys
from typing import Any, BinaryIO, Mapping, TextIO

import numpy as np

from bargaining.errors import InputError
from bargaining.io.cells import csv_row
from bargaining.statics.grid import Grid
from bargaining.statics.sweep import SweepChunk

__all__ = ["csv_columns", "CsvWriter", "JsonWriter", "ParquetWriter", "read_csv", "writer_for"]


def csv_columns(grid: Grid) -> list[str]:
    """The CSV header: the columns of :meth:`bargaining.statics.grid.Grid.columns` (written through
    :func:`bargaining.io.cells.csv_row`, so a name a spreadsheet would take for a formula gets a leading ``'``)."""
    return grid.columns()


class _Tokens:
    """Strings to write, each followed by its separator, as fixed-width byte items padded with NULs.

    ``items[k]`` (numpy ``V`` dtype, one item per token) holds token ``k`` and then ``sep``.
    """

    def __init__(self, texts, sep: str = ","):
        data = [f"{t}{sep}".encode("ascii") for t in texts]
        width = max(map(len, data), default=1)
        self.width = width
        self.items = np.array(data, dtype=f"S{width}").view(f"V{width}")


def _float_tokens(values: np.ndarray, sep: str = ",") -> tuple[_Tokens, np.ndarray]:
    """The distinct floats of a column (told apart by their bits, so ``-0.0`` stays itself) as
    tokens written as :func:`repr` writes them, and each row's token."""
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.int64)
    uniq, codes = np.unique(bits, return_inverse=True)
    texts = repr(uniq.view(np.float64).tolist())[1:-1].split(", ")
    return _Tokens(texts, sep), codes.ravel()


def _csv_bytes(columns: list[tuple[_Tokens, np.ndarray]]) -> bytes:
    """Rows of tokens, one per column per row (each token carries its separator).

    Each row is laid out in a byte matrix with every column at its widest, and the padding (NUL
    bytes, which no token contains) is squeezed out in one pass.
    """
    rows = len(columns[0][1])
    out = np.empty((rows, sum(tokens.width for tokens, _ in columns)), dtype=np.uint8)
    at = 0
    for tokens, codes in columns:
        np.take(tokens.items, codes, out=out[:, at : at + tokens.width].view(tokens.items.dtype)[:, 0])
        at += tokens.width
    flat = out.ravel()
    return flat.compress(flat.view(bool)).tobytes()


_SOLVER = _Tokens(["batch", "exact"])
_DEGENERATE = _Tokens(["false", "true"], "\n")


#: Grid points from which a CSV writer assembles its rows with the compiled loops of
#: :mod:`bargaining.io.csvrows` (loading numba pays for itself there); below, numpy does.
COMPILED_POINTS = 1 << 16


def _csvrows(points: int):
    """The compiled row assembly when it is loaded already or ``points`` makes loading it pay."""
    if points < COMPILED_POINTS and "bargaining.io.csvrows" not in sys.modules:
        return None
    try:
        from bargaining.io import csvrows
    except ImportError:  # numba missing: numpy assembles the rows
        return None
    return csvrows


class CsvWriter:
    """Streams tidy rows to a text file as chunks are solved.

    Each chunk is formatted at once, and every distinct number is formatted
    once (as :func:`repr` writes a float, which is what the ``csv`` module
    writes). A large grid's rows are assembled by the compiled loops of
    :mod:`bargaining.io.csvrows` (which format each distinct float once for the
    whole sweep); a small grid's with numpy, each chunk's distinct numbers
    per column (``compiled`` forces the one or the other). The bytes are the
    same.
    """

    def __init__(self, stream: TextIO, grid: Grid | None = None, *, compiled: bool | None = None):
        self._stream = stream
        self._started = False
        self._compiled = compiled
        self._rows = None
        self._axes: list[_Tokens] = []
        self._counts = _Tokens([])
        if grid is not None:
            self._start(grid)

    def _start(self, grid: Grid) -> None:
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(csv_row(csv_columns(grid)))
        self._stream.write(header.getvalue())
        self._axes = [_Tokens(axis.texts) for axis in grid.axes]
        if self._compiled is not False:
            self._rows = _csvrows(COMPILED_POINTS if self._compiled else grid.size)
            if self._rows is None and self._compiled:
                raise ImportError("the compiled CSV rows need numba")
        if self._rows is not None:
            self._start_compiled(grid)
        self._started = True

    def _start_compiled(self, grid: Grid) -> None:
        rows = self._rows
        texts = [[f"{t},".encode("ascii") for t in axis.texts] for axis in grid.axes]
        width = -(-max(len(t) for axis in texts for t in axis) // 8) * 8  # a multiple of 8
        count = max(map(len, texts))
        self._axis_slots = np.zeros((len(texts), count * width), dtype=np.uint8)
        self._axis_lengths = np.zeros((len(texts), count), dtype=np.int64)
        for k, axis in enumerate(texts):
            slots, lengths = rows.slot_table(axis, width)
            self._axis_slots[k, : len(slots)], self._axis_lengths[k, : len(axis)] = slots, lengths
        columns = sum(map(len, grid.model.strategies)) + len(grid.model.players)
        self._row_bound = rows.row_bound(width, len(texts), columns)
        self._cache = rows.TokenCache()
        self._out = np.empty(0, dtype=np.uint8)

    def _write(self, data) -> None:
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self._stream.write(bytes(data).decode("ascii"))
        else:  # a text file: its bytes directly, after what its text layer holds
            self._stream.flush()
            buffer.write(data)

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        if not self._started:
            self._start(grid)
        r = chunk.result
        if len(r.point) == 0:
            return
        if self._rows is not None:
            self._write_compiled(grid, chunk)
            return
        flat = r.point + chunk.start
        columns = list(zip(self._axes, np.unravel_index(flat, grid.shape)))
        number = r.index + 1
        if len(self._counts.items) <= number.max():
            self._counts = _Tokens(range(2 * int(number.max()) + 1))
        columns.append((self._counts, number))
        columns += [_float_tokens(v) for v in (*r.x.T, *r.y.T, *r.payoffs.T)]
        columns.append((_SOLVER, r.exact[r.point].astype(np.intp)))
        columns.append((_DEGENERATE, r.degenerate[r.point].astype(np.intp)))
        self._write(_csv_bytes(columns))

    def _write_compiled(self, grid: Grid, chunk: SweepChunk) -> None:
        rows, r = self._rows, chunk.result
        codes = self._cache.codes(r.x, r.y, r.payoffs)
        size = len(r.point) * self._row_bound + rows.SLACK
        if len(self._out) < size:
            self._out = np.empty(size, dtype=np.uint8)
        n = rows.assemble(
            np.ascontiguousarray(r.point, dtype=np.int64), chunk.start, grid.shape[-1],
            np.ascontiguousarray(r.index, dtype=np.int64), codes, r.exact, r.degenerate, self._axis_slots,
            self._axis_lengths, self._cache.slots, self._cache.lengths, *rows.TAILS, self._row_bound, self._out,
        )
        if n < 0:  # cannot happen: the buffer holds the bound of every row
            raise AssertionError("the CSV buffer is too small")
        self._write(memoryview(self._out[:n]))


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


class ParquetWriter:
    """Streams the same rows as Parquet (pyarrow), one row group per chunk, typed columns.

    The columns are those of the CSV: the varied parameters as floats (the
    nearest float to each exact grid value), ``equilibrium`` as an integer,
    probabilities and payoffs as floats, ``solver`` as a dictionary-encoded
    string and ``degenerate`` as a boolean. The file is complete after
    :meth:`close`.

    Examples
    --------
    >>> import io
    >>> import pyarrow.parquet as pq
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.statics.sweep import run_sweep
    >>> grid = Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:5"])
    >>> buf = io.BytesIO()
    >>> w = ParquetWriter(buf, grid)
    >>> _ = run_sweep(grid, writers=[w]); w.close()
    >>> table = pq.read_table(io.BytesIO(buf.getvalue()))
    >>> table.num_rows, table.column_names[:3]
    (7, ['T', 'equilibrium', 'Russia.ally'])
    """

    def __init__(self, stream: BinaryIO, grid: Grid | None = None):
        self._stream = stream
        self._writer = None
        if grid is not None:
            self._start(grid)

    def _start(self, grid: Grid) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        names = csv_columns(grid)
        d = len(grid.axes)
        fields = [pa.field(name, pa.float64()) for name in names[:d]]
        fields.append(pa.field(names[d], pa.int32()))
        fields += [pa.field(name, pa.float64()) for name in names[d + 1 : -2]]
        fields.append(pa.field(names[-2], pa.dictionary(pa.int8(), pa.string())))
        fields.append(pa.field(names[-1], pa.bool_()))
        self._schema = pa.schema(fields)
        self._solver = pa.array(["batch", "exact"])
        self._writer = pq.ParquetWriter(self._stream, self._schema)

    def write(self, grid: Grid, chunk: SweepChunk) -> None:
        import pyarrow as pa

        if self._writer is None:
            self._start(grid)
        r = chunk.result
        if len(r.point) == 0:
            return
        idx = np.unravel_index(r.point + chunk.start, grid.shape)
        columns = [axis.floats()[i] for axis, i in zip(grid.axes, idx)]
        columns.append((r.index + 1).astype(np.int32))
        columns += [np.ascontiguousarray(v) for v in (*r.x.T, *r.y.T, *r.payoffs.T)]
        arrays = [pa.array(c) for c in columns]
        arrays.append(pa.DictionaryArray.from_arrays(pa.array(r.exact[r.point].astype(np.int8)), self._solver))
        arrays.append(pa.array(r.degenerate[r.point]))
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))

    def close(self) -> None:
        """Write the file's footer (the file is not readable before)."""
        if self._writer is not None:
            self._writer.close()


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
    expected = csv_row(csv_columns(grid))  # as written, formula-like names quoted
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


def writer_for(fmt: str, stream, grid: Grid | None = None):
    """The writer that streams ``csv``, ``json`` (text streams) or ``parquet`` (a binary stream) rows to
    ``stream`` as chunks are solved."""
    return {"csv": CsvWriter, "json": JsonWriter, "parquet": ParquetWriter}[fmt](stream, grid)
