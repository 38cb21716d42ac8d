"""Tests of the ``qre`` command (:mod:`bargaining.cli.qre`), run in process: table, JSON, CSV, figure and errors.

Known answers: the logit QRE of games/taiwan_crisis.toml (three equilibria, a
stag hunt) tends to (align, align), not the treaty (docs/how-to/triangle.md);
the triangle's taiwan_crisis has one equilibrium, which the branch must reach.
"""

from __future__ import annotations

import json

import pytest


def test_table_of_the_two_player_stag_hunt(cli):
    r = cli("qre", "games/taiwan_crisis.toml")
    assert r.code == 0, r.err
    prose = " ".join(r.out.split())
    assert "│ treaty: Russia  │ 0.111 │ 0.112 │  0.034 │   0.000 │    0.000 │" in r.out
    assert "The limit is Nash equilibrium #3 of solve, (align, align)" in prose
    assert "Of the game's 3 equilibria the logit selection picks this one, not #1, #2." in prose


def test_json_of_the_triangle(cli_json):
    d = cli_json("qre", "games/triangle/taiwan_crisis.toml", "--lambdas", "1,10")
    assert d["lambdas"] == [1.0, 10.0] and d["converged"] is True
    assert d["columns"] == ["uniform", "lambda=1", "lambda=10", "limit"]
    assert d["treaty"]["probabilities"][0] == pytest.approx(1 / 9)  # uniform play: each partner signs w.p. 1/3
    assert d["treaty"]["probabilities"][-1] < 1e-9
    chosen = d["equilibria"][d["selected"]]
    assert chosen["strategies"]["United States"]["contain_both"] == "1"
    assert chosen["strategies"]["Russia"]["align"] == "1" and chosen["strategies"]["China"]["align"] == "1"
    for out in d["outcomes"]:
        assert all(0 <= p <= 1 for p in out["probabilities"])
    assert sum(o["probabilities"][-1] for o in d["outcomes"]) == pytest.approx(1)


def test_csv_and_plot(tmp_path, cli):
    png = tmp_path / "qre.png"
    r = cli("qre", "games/triangle/taiwan_crisis.toml", "--format", "csv", "--plot", png)
    assert r.code == 0, r.err
    header, *rows = r.out.splitlines()
    assert header.split(",")[:3] == ["lambda", "P(treaty)", "United States: contain_both"] and len(rows) > 10
    first = [float(x) for x in rows[0].split(",")]
    assert first[0] == 0 and first[1] == pytest.approx(1 / 9)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (("--lambdas", "1,x"), "--lambdas: expected numbers separated by commas, found 'x'"),
        (("--plot", "q.txt"), "--plot: expected a file name ending in .png, .svg, .pdf"),
    ],
)
def test_errors_are_one_line_with_status_2(args, message, cli):
    r = cli("qre", "games/taiwan_crisis.toml", *args)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"error: {message}") and r.err.count("\n") == 1


def test_json_parses_from_stdout_alone(cli):
    r = cli("qre", "games/triangle/baseline.toml", "--format", "json")
    assert r.code == 0 and json.loads(r.out)["file"] == "games/triangle/baseline.toml"


def test_csv_cells_cannot_be_formulas(tmp_path, cli):
    import csv
    import io

    from tests.examples import hostile_game

    r = cli("qre", hostile_game(tmp_path), "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    assert rows[0][1] == "'=HYPERLINK(\"x\"): -attack" and rows[0][3] == 'B|C "q": @sum'
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert all(float(cell) == float(cell) for row in rows[1:] for cell in row)  # every cell below a number
