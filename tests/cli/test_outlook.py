"""Tests of the ``outlook`` command (:mod:`bargaining.cli.outlook`), run in process through the shared fixtures."""

from __future__ import annotations

from fractions import Fraction as F


def test_json_gives_probabilities_intervals_and_the_sobol_ranking(cli_json):
    data = cli_json("outlook", "games/taiwan_crisis.toml", "--draws", "1500", "--samples", "256", "--seed", "4")
    assert data["draws"] == 1500 and data["seed"] == 4 and F(data["spread"]) == F(1, 10)
    assert data["outcome"]["profile"] == "(ally, ally)" and data["reference"]["selected"] == "(ally, ally)"
    selected = data["outcome"]["selected"]
    lo, hi = selected["interval"]
    assert selected["probability"] == selected["count"] / 1500 and lo < selected["probability"] < hi
    assert sum(s["count"] for s in data["selected"]) == sum(s["count"] for s in data["sets"]) == 1500
    sobol = data["sobol"]
    assert sobol["samples"] == 256 and sobol["evaluations"] == 256 * (len(sobol["parameters"]) + 2)
    assert sorted(p["name"] for p in sobol["parameters"]) == sorted(data["beliefs"])
    again = cli_json("outlook", "games/taiwan_crisis.toml", "--draws", "1500", "--samples", "256", "--seed", "4")
    assert again == data


def test_table_and_no_sobol_analysis(cli):
    out = cli("outlook", "games/detente.toml", "--draws", "300", "--samples", "0")
    assert out.code == 0, out.err
    assert "(hedge, hedge)" in out.out and "Sobol" not in out.out


def test_bad_arguments_are_one_line_errors_naming_the_flag(cli):
    bad = ((("--draws", "0"), "--draws"), (("--spread", "2"), "--spread"), (("--samples", "100"), "--samples"))
    for args, flag in bad:
        out = cli("outlook", "games/baseline.toml", *args)
        assert out.code == 2 and out.out == ""
        lines = out.err.strip().splitlines()
        assert len(lines) == 1 and flag in lines[0], out.err


def test_a_game_of_three_players_is_one_line_naming_the_file(cli):
    r = cli("outlook", "games/triangle.toml", "--draws", "50")
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1
    assert r.err.startswith("error: games/triangle.toml: outlook works on two-player games; this game has 3 players")
