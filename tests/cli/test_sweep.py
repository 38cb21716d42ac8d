"""Tests of the ``sweep`` command (:mod:`bargaining.cli.sweep`), run in process: its formats, files and errors.

Known answers (docs/explanation/model.md, "What follows in closed form"): along T
the baseline's regimes change at 2 w_R = 0.3, 2 w_C = 0.44 and T* = 0.888.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import bargaining as bg
from bargaining.solvers.tree import solve_tree

BASELINE = "games/baseline.toml"


def test_cli_json_one_parameter(cli):
    r = cli("sweep", BASELINE, "--vary", "T=0:1:11", "--format", "json")
    assert r.code == 0
    doc = json.loads(r.out)
    bounds = [b["value"] for b in doc["regimes"]["boundaries"]]
    assert bounds == ["0.3", "0.44", "0.888"]
    # T = 0.3 is a grid point, where the game is degenerate
    assert doc["summary"]["exact_points"] == doc["summary"]["degenerate_points"] == 1 and len(doc["points"]) == 11


def test_cli_table_reports_regimes_and_fallbacks(cli):
    r = cli("sweep", BASELINE, "--vary", "T=0:1:101", "--set", "lam=0.5")
    assert r.code == 0
    out = r.out
    assert "0 ≤ T < 0.3" in out and "0.888 < T ≤ 1" in out and "T = 0.44" in out
    assert "3 by the exact solver" in out


def test_cli_csv_to_file(tmp_path, cli):
    path = tmp_path / "s.csv"
    r = cli("sweep", BASELINE, "--vary", "T=0:1:5", "--vary", "a=0:1:3", "--format", "csv", "--output", path)
    assert r.code == 0
    lines = path.read_text().splitlines()
    assert lines[0].startswith("T,a,equilibrium,Russia.ally")
    assert len({tuple(line.split(",")[:2]) for line in lines[1:]}) == 15
    assert r.out == ""


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--vary", "T=0:1"], "expected NAME=START:STOP:NUM"),
        (["--vary", "T=0:1:3", "--vary", "a=0:1:3", "--vary", "j=0:0.5:3"], "one or two parameters"),
        (["--vary", "T=0:1:3", "--set", "T=0.5"], "both set"),
        (["--vary", "T=0:1:3", "--plot", "x.jpg"], "ending in"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(argv, message, cli):
    r = cli("sweep", BASELINE, *argv)
    assert r.code == 2
    err = r.err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF"), (".SVG", b"<?xml")]
)
@pytest.mark.parametrize("vary", [["T=0:1:11"], ["T=0:1:6", "a=0:1:6"]])
def test_cli_plots_in_the_format_of_the_suffix(suffix, magic, vary, cli, tmp_path):
    path = tmp_path / f"figure{suffix}"
    argv = [a for v in vary for a in ("--vary", v)]
    r = cli("sweep", BASELINE, *argv, "--plot", str(path))
    assert r.code == 0 and f"wrote {path}" in r.err
    data = path.read_bytes()
    assert data.startswith(magic)
    if suffix.lower() == ".svg":
        assert b"<svg" in data[:2000]


def test_cli_unknown_plot_suffix_stops_before_solving(cli, monkeypatch, tmp_path):
    import bargaining.api

    def refuse(*args, **kwargs):
        raise AssertionError("the sweep ran before the suffix was checked")

    monkeypatch.setattr(bargaining.api, "sweep", refuse)
    r = cli("sweep", BASELINE, "--vary", "T=0:1:3", "--vary", "a=0:1:3", "--plot", str(tmp_path / "x.tiff"))
    assert r.code == 2 and r.err.count("\n") == 1
    assert "--plot" in r.err and ".png, .svg, .pdf" in r.err and "x.tiff" in r.err
    assert not (tmp_path / "x.tiff").exists()


# ----------------------------------------------------------------------------- game trees


def test_sweep_a_tree(cli_json):
    data = cli_json("sweep", "games/treaty_proposal.toml", "--vary", "T=0.6:1:5")
    assert [b["value"] for b in data["boundaries"]] == ["111/125"] and all(b["exact"] for b in data["boundaries"])
    calls = []
    sw = bg.sweep("games/treaty_proposal.toml", vary={"T": (0, 1, 6)}, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (6, 6)
    # each point's answer is an exact solve there
    for p in sw.points:
        m = bg.load("games/treaty_proposal.toml", set={"T": p.values[0]})
        spe = solve_tree(m.tree()).subgame_perfect
        assert set(p.outcomes) == {m.tree().node(e.outcome).label for e in spe}


def test_cli_parquet_to_file_has_the_csv_rows(tmp_path, cli):
    pq = pytest.importorskip("pyarrow.parquet")
    argv = ["sweep", BASELINE, "--vary", "T=0:1:5", "--vary", "a=0:1:3", "--output"]
    assert cli(*argv, tmp_path / "s.parquet", "--format", "parquet").code == 0
    assert cli(*argv, tmp_path / "s.csv", "--format", "csv").code == 0
    table = pq.read_table(tmp_path / "s.parquet")
    lines = (tmp_path / "s.csv").read_text().splitlines()
    assert table.column_names == lines[0].split(",")
    assert table.num_rows == len(lines) - 1
    assert table.column("solver").to_pylist() == [line.split(",")[-2] for line in lines[1:]]


# ----------------------------------------------------------------------------- three or more players

TRIANGLE_CRISIS = "games/triangle/taiwan_crisis.toml"


@pytest.mark.parametrize("pure", [False, True])
def test_sweep_the_triangle_finds_the_exact_boundaries(cli_json, pure):
    # along D_R (what engaging Russia concedes in Europe) the wedge gives way to containment at 1/4 and the
    # treaty returns at D_R = c + v = 2/5 (docs/how-to/triangle.md); between them the full sweep also meets the
    # mixed equilibria (US indifferent between containing both and the wedge) that the pure one does not list
    d = cli_json("sweep", TRIANGLE_CRISIS, "--vary", "D_R=0:1:11", *(["--pure"] if pure else []))
    assert d["pure_only"] is pure
    bounds = [(b["value"], b["exact"]) for b in d["boundaries"]]
    assert bounds[0] == ("1/4", True) and bounds[-1] == ("2/5", True)
    if pure:
        assert bounds == [("1/4", True), ("2/5", True)]
    else:
        assert all(1 / 4 < float(Fraction(v)) <= 2 / 5 for v, _ in bounds[1:])


def test_sweep_qre_gives_the_treaty_probability(cli, cli_json):
    d = cli_json("sweep", TRIANGLE_CRISIS, "--vary", "D_R=0:1:3", "--qre", "10")
    assert d["lambda"] == 10 and len(d["points"]) == 3
    assert d["treaty"] == "ally"
    for point in d["points"]:
        assert 0 <= point["treaty"] <= 1 and sum(point["outcomes"].values()) == pytest.approx(1)
        assert point["treaty"] == pytest.approx(point["outcomes"]["(contain_both, ally, ally)"]
                                                + point["outcomes"]["(wedge_Russia, ally, ally)"]
                                                + point["outcomes"]["(engage, ally, ally)"])
    r = cli("sweep", TRIANGLE_CRISIS, "--vary", "D_R=0:1:3", "--qre", "x")
    assert r.code == 2 and "--qre" in r.err and r.err.count("\n") == 1


def test_json_writes_exact_grid_values_exactly(cli):
    out = cli("sweep", "games/baseline.toml", "--vary", "T=0:1:4", "--format", "json")
    assert out.code == 0, out.err
    points = json.loads(out.out)["points"]
    assert [p["T"] for p in points] == ["0", "1/3", "2/3", "1"]


def test_draws_give_the_probability_of_each_selected_outcome_at_each_point(cli):
    out = cli("sweep", "games/baseline.toml", "--vary", "T=0.8:1:3", "--draws", "200", "--format", "json")
    assert out.code == 0, out.err
    data = json.loads(out.out)
    assert data["draws"] == 200 and not data["exact"] and set(data["beliefs"]) == {
        "lam", "w_R", "w_C", "e_R", "e_C", "a", "j", "r"
    }
    by_point = {}
    for row in data["rows"]:
        by_point.setdefault(row["T"], []).append(row)
        assert row["low"] <= row["probability"] <= row["high"]
    assert list(by_point) == ["0.8", "0.9", "1"]
    assert all(sum(r["count"] for r in rows) == 200 for rows in by_point.values())
    treaty = [next((r["probability"] for r in rows if r["selected"] == "(ally, ally)"), 0.0)
              for rows in by_point.values()]
    assert treaty == sorted(treaty) and treaty[-1] > 0.9  # more pressure, more treaties


def test_csv_cells_cannot_be_formulas_and_numbers_stay_numbers(tmp_path, cli):
    import csv
    import io

    from tests.examples import hostile_game

    game = hostile_game(tmp_path)
    r = cli("sweep", game, "--vary", "T=0:1:3", "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    assert rows[0][:4] == ["T", "equilibrium", "'=HYPERLINK(\"x\").-attack", "'=HYPERLINK(\"x\").R&D_%"]
    assert rows[0][5] == 'B|C "q".a,b\nc'  # quotes, the comma and the line break quoted by the csv module
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    negative = [cell for row in rows[1:] for cell in row if cell.startswith("-")]
    assert all(float(cell) < 0 for cell in negative)  # a number that starts with - is left a number
    r = cli("sweep", game, "--vary", "T=0:1:3", "--draws", "20", "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    assert rows[0][0] == "T" and any("R&D_%" in row[1] for row in rows[1:])
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


ROOT = Path(__file__).resolve().parents[2]


def _plot_bytes(tmp_path, seed: str, suffix: str) -> bytes:
    import os
    import subprocess
    import sys

    path = tmp_path / f"plot-{seed}.{suffix}"
    subprocess.run([sys.executable, "cli.py", "sweep", "games/baseline.toml", "--vary", "T=0:1:5", "--plot", str(path)],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
    return path.read_bytes()


@pytest.mark.parametrize("suffix", ["svg", "pdf", "png"])
def test_plots_are_the_same_bytes_on_every_run(tmp_path, suffix):
    first = _plot_bytes(tmp_path, "0", suffix)
    assert all(_plot_bytes(tmp_path, seed, suffix) == first for seed in ("1", "12345"))
    if suffix == "pdf":
        assert b"CreationDate" not in first and b"/Producer (bargaining)" in first
    if suffix == "svg":
        assert b"<dc:date>" not in first
