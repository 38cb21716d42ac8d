"""Tests of :mod:`bargaining.statics.sweep`, :mod:`bargaining.statics.regimes`, the ``sweep`` command and its plots.

Known answers come from the design note (docs/explanation/model.md, "What follows in
closed form"): sweeping T at the baseline gives (hedge, hedge) below
``2 w_R = 0.30``, (align, hedge) up to ``2 w_C = 0.44``, (align, align) up to
``T* = max_i(w_i + (e_i + r + J_i)/(1 - lam)) = 0.888``, and then (ally, ally)
with (align, align) and a mixed equilibrium.
"""

from __future__ import annotations

import io
import json
import math
from fractions import Fraction

import numpy as np
import pytest

from bargaining.cli import main
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model, model_from_dict
from bargaining.io.tables import CsvWriter, JsonWriter, csv_columns, read_csv
from bargaining.numbers import format_value
from bargaining.solution import EquilibriumSet
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.statics.grid import Grid, parse_axis
from bargaining.statics.regimes import regimes_1d, regions_2d
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"
ALLY, ALIGN, HEDGE = 1, 2, 4  # support bits of the baseline's strategies


def _pure(*profiles):
    return EquilibriumSet(tuple((1 << i, 1 << j) for i, j in profiles))


def _treaty_threshold(model) -> Fraction:
    v = model.values()
    J = {"R": v["j"] * v["a"], "C": Fraction(0)}
    return max(v[f"w_{i}"] + (v[f"e_{i}"] + v["r"] + J[i]) / (1 - v["lam"]) for i in "RC")


# ----------------------------------------------------------------------------- grids and specs


@pytest.mark.parametrize(
    "spec, message",
    [
        ("T0:1:11", "expected NAME=START:STOP:NUM"),
        ("X=0:1:11", "unknown parameter 'X'"),
        ("T=0:1", "expected NAME=START:STOP:NUM"),
        ("T=0:1:1", "NUM must be between 2"),
        ("T=0:1:ten", "NUM must be a whole number"),
        ("T=1:0:11", "START must be less than STOP"),
        ("T=0:2:11", "lies outside its range"),
        ("T=zero:1:11", "expected a number"),
    ],
)
def test_bad_specs_are_one_line_input_errors(spec, message):
    with pytest.raises(InputError, match=message) as err:
        parse_axis(spec, load_model(BASELINE))
    assert "\n" not in str(err.value)


def test_grid_values_are_exact():
    axis = parse_axis("T=0:1:101", load_model(BASELINE))
    assert axis.value(30) == Fraction(3, 10) and axis.texts[30] == "0.3"
    assert parse_axis("T=0:1:4", load_model(BASELINE)).texts[1] == repr(1 / 3)
    assert format_value(Fraction(111, 125)) == "0.888"


def test_grid_points_and_games():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:11", "a=0:1:5"])
    assert grid.shape == (11, 5) and grid.size == 55
    assert grid.values_at(7) == {"T": Fraction(1, 10), "a": Fraction(1, 2)}
    g = grid.game(7)
    assert dict(g.parameters)["T"] == Fraction(1, 10)
    with pytest.raises(InputError, match="varied twice"):
        Grid.from_specs(load_model(BASELINE), ["T=0:1:3", "T=0:1:3"])


# ----------------------------------------------------------------------------- regimes along one parameter


@pytest.mark.parametrize("num", [101, 12, 2000])
def test_baseline_regimes_match_the_closed_forms(num):
    model = load_model(BASELINE)
    report = regimes_1d(run_sweep(Grid.from_specs(model, [f"T=0:1:{num}"])))
    T_star = _treaty_threshold(model)
    assert T_star == Fraction(111, 125)
    values = [b.value for b in report.boundaries]
    assert values == [2 * model.values()["w_R"], 2 * model.values()["w_C"], T_star]
    assert all(b.exact for b in report.boundaries)
    sets = [r.set for r in report.regimes]
    treaty = EquilibriumSet(((ALLY, ALLY), (ALIGN, ALIGN), (ALLY | ALIGN, ALLY | ALIGN)))
    assert sets == [_pure((2, 2)), _pure((1, 2)), _pure((1, 1)), treaty]
    # exactly at T = 0.3: both pure profiles and the segment between them
    at = report.boundaries[0]
    assert at.at == EquilibriumSet(((ALIGN, HEDGE), (HEDGE, HEDGE)))
    assert "a continuum" in at.at_text and "any mixture of align and hedge" in at.at_text


@pytest.mark.parametrize("overrides", [{"lam": "0.6"}, {"lam": "0.4", "a": "0.5"}, {"w_R": "0.05", "e_C": "0.3"}])
def test_treaty_threshold_matches_closed_form_elsewhere(overrides):
    model = load_model(BASELINE, overrides)
    T_star = _treaty_threshold(model)
    report = regimes_1d(run_sweep(Grid.from_specs(model, ["T=0:1:37"])))
    found = [b for b in report.boundaries if (ALLY, ALLY) in b.right.pairs and (ALLY, ALLY) not in b.left.pairs]
    if T_star < 1:
        assert len(found) == 1 and found[0].exact and found[0].value == T_star
    else:
        assert not found


def test_irrational_boundary_is_bracketed_to_1e_12():
    # the row player prefers r0 to r1 exactly when t^2 > 1/2
    data = {
        "title": "quadratic",
        "players": ["R", "C"],
        "strategies": {"R": ["r0", "r1"], "C": ["c0", "c1"]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1"}},
        "payoffs": {"R": [["t*t", "t*t"], ["1/2", "1/2"]], "C": [["1", "0"], ["1", "0"]]},
    }
    report = regimes_1d(run_sweep(Grid.from_specs(model_from_dict(data), ["t=0:1:10"])))
    (b,) = report.boundaries
    assert not b.exact and b.high - b.low <= 1e-12
    assert abs(float(b.value) - math.sqrt(0.5)) < 1e-12


def test_a_degenerate_end_point_is_its_own_regime(capsys):
    # at t = 0 the row player is indifferent; for t > 0 r0 dominates
    data = {
        "title": "tie at zero",
        "players": ["R", "C"],
        "strategies": {"R": ["r0", "r1"], "C": ["c0", "c1"]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1"}},
        "payoffs": {"R": [["t", "t"], ["0", "0"]], "C": [["1", "0"], ["0", "1"]]},
    }
    report = regimes_1d(run_sweep(Grid.from_specs(model_from_dict(data), ["t=0:1:5"])))
    assert not report.boundaries
    first, rest = report.regimes
    assert first.lower == first.upper == 0 and first.points == 1
    assert rest.lower == 0 and rest.upper == 1 and rest.set == _pure((0, 0))


def test_chunk_size_does_not_change_anything():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:41", "a=0:1:7"])
    r1, r2 = run_sweep(grid), run_sweep(grid, chunk_size=13)
    assert np.array_equal(r1.codes, r2.codes) and r1.sets == r2.sets and r1.equilibria == r2.equilibria


def test_regions_over_two_parameters():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:21", "a=0:1:11"])
    report = regions_2d(run_sweep(grid))
    assert sum(r.points for r in report.regions) == 21 * 11
    (home,) = [r for r in report.regions if r.contains_file_point]
    assert home.set == _pure((1, 1)) and report.file_set == _pure((1, 1))
    # the treaty needs low asymmetry: at a = 1 Russia's junior cost blocks it for every T <= 1
    treaty = [r for r in report.regions if (ALLY, ALLY) in r.set.pairs]
    assert treaty and all(r.ranges[1][1] < 1 for r in treaty)


# ----------------------------------------------------------------------------- tidy output


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


# ----------------------------------------------------------------------------- the command


def test_cli_json_one_parameter(capsys):
    assert main(["sweep", BASELINE, "--vary", "T=0:1:11", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    bounds = [b["value"] for b in doc["regimes"]["boundaries"]]
    assert bounds == ["0.3", "0.44", "0.888"]
    # T = 0.3 is a grid point, where the game is degenerate
    assert doc["summary"]["exact_points"] == doc["summary"]["degenerate_points"] == 1 and len(doc["points"]) == 11


def test_cli_table_reports_regimes_and_fallbacks(capsys):
    assert main(["sweep", BASELINE, "--vary", "T=0:1:101", "--set", "lam=0.5"]) == 0
    out = capsys.readouterr().out
    assert "0 ≤ T < 0.3" in out and "0.888 < T ≤ 1" in out and "T = 0.44" in out
    assert "3 by the exact solver" in out


def test_cli_csv_to_file(tmp_path, capsys):
    path = tmp_path / "s.csv"
    assert main(["sweep", BASELINE, "--vary", "T=0:1:5", "--vary", "a=0:1:3", "--format", "csv", "--output", str(path)]) == 0
    lines = path.read_text().splitlines()
    assert lines[0].startswith("T,a,equilibrium,Russia.ally")
    assert len({tuple(line.split(",")[:2]) for line in lines[1:]}) == 15
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--vary", "T=0:1"], "expected NAME=START:STOP:NUM"),
        (["--vary", "T=0:1:3", "--vary", "a=0:1:3", "--vary", "j=0:0.5:3"], "one or two parameters"),
        (["--vary", "T=0:1:3", "--set", "T=0.5"], "both set"),
        (["--vary", "T=0:1:3", "--plot", "x.jpg"], "ending in"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(argv, message, capsys):
    assert main(["sweep", BASELINE, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_plots_are_written(tmp_path):
    from bargaining.figures import statics as plots
    from bargaining.io.files import save_figure

    model = load_model(BASELINE)
    grid = Grid.from_specs(model, ["T=0:1:21"])
    result = run_sweep(grid)
    save_figure(plots.bifurcation(result, regimes_1d(result)), tmp_path / "b.png")
    grid2 = Grid.from_specs(model, ["T=0:1:11", "a=0:1:11"])
    result2 = run_sweep(grid2)
    save_figure(plots.regime_map(result2, regions_2d(result2)), tmp_path / "m.svg")
    assert (tmp_path / "b.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "m.svg").read_text()[:500]
