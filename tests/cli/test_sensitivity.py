"""Tests of the ``sensitivity`` command (:mod:`bargaining.cli.sensitivity`), run in process."""

from __future__ import annotations

import json

BASELINE = "games/baseline.toml"


def test_cli_json_and_plot(tmp_path, cli):
    plot = tmp_path / "s.png"
    argv = ["sensitivity", BASELINE, "--samples", "64", "--seed", "5", "--outcome", "ally,ally", "--format", "json"]
    r = cli(*argv, "--plot", plot)
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["outcome"] == ["ally", "ally"] and doc["seed"] == 5
    assert [p["name"] for p in doc["parameters"]] == ["T", "lam", "w_R", "w_C", "e_R", "e_C", "a", "j", "r"]
    assert plot.read_bytes()[:4] == b"\x89PNG"
    again = cli(*argv)
    assert again.code == 0
    assert json.loads(again.out) == doc


def test_cli_table_defaults_to_the_selected_equilibrium(cli):
    r = cli("sensitivity", BASELINE, "--samples", "64")
    assert r.code == 0
    out = r.out
    assert "(align, align) is an equilibrium" in out and "first order S1" in out


def test_cli_bad_samples_exit_2(cli):
    r = cli("sensitivity", BASELINE, "--samples", "100")
    assert r.code == 2
    assert "power of 2" in r.err
