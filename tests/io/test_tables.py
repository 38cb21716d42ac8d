"""Tests of :mod:`bargaining.io.tables`: a sweep's tidy rows as CSV and JSON, read back into the same equilibria."""

from __future__ import annotations

import io
import json
from fractions import Fraction as F

import pytest

from bargaining.io.gamefile import load_model
from bargaining.io.tables import CsvWriter, JsonWriter, csv_columns, read_csv
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.statics.grid import Grid
from bargaining.statics.regimes import regimes_1d
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"

@pytest.mark.parametrize("specs", [["T=0:1:21"], ["T=0.25:0.95:8", "a=0:1:5"]])
def test_csv_round_trips_into_the_same_equilibria(specs):
    grid = Grid.from_specs(load_model(BASELINE), specs)
    buf = io.StringIO()
    result = run_sweep(grid, writers=[CsvWriter(buf, grid)])
    buf.seek(0)
    rows = read_csv(buf, grid)
    assert len(rows) == grid.size  # every point has a row
    assert sum(len(v) for v in rows.values()) == result.equilibria
    for p in range(grid.size):
        key = tuple(a.texts[i] for a, i in zip(grid.axes, grid.index(p)))
        g = grid.game(p)
        exact = extreme_equilibria(g.A, g.B).pairs
        assert len(rows[key]) == len(exact)
        for (x, y, u), (ex, ey) in zip(rows[key], exact):
            assert max(abs(a - float(b)) for a, b in zip(x + y, ex + ey)) <= 1e-9


def test_csv_header_names():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:3"])
    assert csv_columns(grid) == [
        "T", "equilibrium",
        "Russia.ally", "Russia.align", "Russia.hedge", "China.ally", "China.align", "China.hedge",
        "payoff.Russia", "payoff.China", "solver", "degenerate",
    ]


def test_json_carries_the_same_rows():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:11"])
    cbuf, jbuf = io.StringIO(), io.StringIO()
    jw = JsonWriter(jbuf, grid)
    result = run_sweep(grid, writers=[CsvWriter(cbuf, grid), jw])
    jw.finish({"summary": result.summary()})
    doc = json.loads(jbuf.getvalue())
    cbuf.seek(0)
    rows = read_csv(cbuf, grid)
    assert len(doc["points"]) == 11 and doc["summary"]["points"] == 11
    for point in doc["points"]:
        csv_eqs = rows[(point["T"],)]
        assert len(point["equilibria"]) == len(csv_eqs)
        for e, (x, y, u) in zip(point["equilibria"], csv_eqs):
            assert tuple(e["strategies"]["Russia"].values()) == x
            assert tuple(e["payoffs"].values()) == u


def _csv_module_rows(grid, result_chunks):
    """The tidy rows as the csv module writes Python lists of them: the reference for the vectorised writer."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_columns(grid))
    for chunk in result_chunks:
        r = chunk.result
        for e, p in enumerate(r.point.tolist()):
            lead = [a.texts[i] for a, i in zip(grid.axes, grid.index(chunk.start + p))]
            nums = [*r.x[e].tolist(), *r.y[e].tolist(), *r.payoffs[e].tolist()]
            solver = "exact" if r.exact[p] else "batch"
            w.writerow([*lead, int(r.index[e]) + 1, *nums, solver, "true" if r.degenerate[p] else "false"])
    return buf.getvalue()


@pytest.mark.parametrize(
    "path, specs",
    [
        # a tie of the baseline grid reaches the exact solver (a degenerate point)
        (BASELINE, ["T=0:1:13", "a=0:1:11"]),
        ("bench/five_by_five.toml", ["T=0:1:9", "a=0.1:0.9:7"]),
        (BASELINE, ["j=0:0.6:7"]),
    ],
)
@pytest.mark.parametrize("compiled", [False, True], ids=["numpy", "compiled"])
def test_vectorised_csv_writes_the_bytes_the_csv_module_writes(path, specs, compiled, monkeypatch):
    from bargaining.statics.sweep import sweep_chunks

    if compiled:
        csvrows = pytest.importorskip("bargaining.io.csvrows")
        monkeypatch.setattr(csvrows, "MAX_TOKENS", 64)  # the token cache starts afresh now and then
    grid = Grid.from_specs(load_model(path), specs)
    buf = io.StringIO()
    writer = CsvWriter(buf, grid, compiled=compiled)
    chunks = list(sweep_chunks(grid, chunk_size=17))  # several chunks, some with more rows than points
    for chunk in chunks:
        writer.write(grid, chunk)
    assert buf.getvalue() == _csv_module_rows(grid, chunks)


def test_a_large_grid_is_written_by_the_compiled_rows_and_a_small_one_by_numpy(tmp_path):
    pytest.importorskip("numba")
    from bargaining.io import tables

    small = Grid.from_specs(load_model(BASELINE), ["T=0:1:5"])
    large = Grid.from_specs(load_model(BASELINE), ["T=0:1:300", "a=0:1:300"])
    assert large.size >= tables.COMPILED_POINTS > small.size
    with open(tmp_path / "big.csv", "w", encoding="utf-8", newline="") as f:  # a real file: bytes to its buffer
        assert CsvWriter(f, large)._rows is not None
    assert CsvWriter(io.StringIO(), small, compiled=False)._rows is None


def test_the_compiled_rows_write_a_file_as_the_numpy_path_does(tmp_path):
    pytest.importorskip("numba")
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:41", "a=0:1:37"])
    for compiled in (False, True):
        with open(tmp_path / f"{compiled}.csv", "w", encoding="utf-8", newline="") as f:
            run_sweep(grid, writers=[CsvWriter(f, grid, compiled=compiled)], chunk_size=100)
    assert (tmp_path / "True.csv").read_bytes() == (tmp_path / "False.csv").read_bytes()


def test_parquet_carries_the_csv_rows():
    pq = pytest.importorskip("pyarrow.parquet")
    from bargaining.io.tables import ParquetWriter

    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:9", "a=0:1:7"])
    cbuf, pbuf = io.StringIO(), io.BytesIO()
    pw = ParquetWriter(pbuf, grid)
    result = run_sweep(grid, writers=[CsvWriter(cbuf, grid), pw], chunk_size=10)
    pw.close()
    table = pq.read_table(io.BytesIO(pbuf.getvalue()))
    assert table.column_names == csv_columns(grid)
    assert table.num_rows == result.equilibria
    import csv

    rows = list(csv.reader(io.StringIO(cbuf.getvalue())))[1:]
    got = table.to_pylist()
    assert len(rows) == len(got)
    d = len(grid.axes)
    for row, rec in zip(rows, got):
        values = list(rec.values())
        assert [float(v) for v in row[:d]] == values[:d]
        assert int(row[d]) == values[d]
        assert [float(v) for v in row[d + 1 : -2]] == values[d + 1 : -2]  # the same floats, bit for bit
        assert row[-2] == values[-2] and row[-1] == str(values[-1]).lower()


def test_grid_points_and_boundaries_that_are_no_finite_decimals_are_fractions():
    # boundaries at T = 2 w_R = 5/9 (between the grid points 1/2 and 7/12) and T = 2 w_C = 2/3
    m = load_model("games/baseline.toml").with_values({"w_R": "5/18", "w_C": "1/3"})
    grid = Grid.from_specs(m, ["T=0:1:13"])
    buf = io.StringIO()
    w = JsonWriter(buf, grid)
    result = run_sweep(grid, writers=[w])
    report = regimes_1d(result)
    w.finish({"summary": result.summary(), "regimes": report.to_dict()})
    doc = json.loads(buf.getvalue())
    assert [p["T"] for p in doc["points"]] == [
        "0", "1/12", "1/6", "0.25", "1/3", "5/12", "0.5", "7/12", "2/3", "0.75", "5/6", "11/12", "1"
    ]
    assert [F(p["T"]) for p in doc["points"]] == grid.axes[0].values()
    values = [b["value"] for b in doc["regimes"]["boundaries"] if b["exact"]]
    assert "5/9" in values and "2/3" in values
    for r in doc["regimes"]["regimes"]:
        for key in ("from", "to"):
            assert isinstance(r[key], str) and F(r[key]) >= 0
    assert doc["fixed"]["w_R"] == "5/18"
