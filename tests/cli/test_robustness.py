"""Tests of the ``robustness`` command (:mod:`bargaining.cli.robustness`), run in process."""

from __future__ import annotations

import json


def test_cli_robustness_json_is_reproducible(cli):
    args = ("robustness", "games/taiwan_crisis.toml", "--draws", "30", "--seed", "11", "--format", "json")
    first, second = cli(*args), cli(*args)
    assert first.code == 0, first.err
    assert first.out == second.out
    data = json.loads(first.out)
    assert data["draws"] == 30 and data["seed"] == 11 and data["spread"] == "1/10"
    assert data["reference"]["equilibria"] == ["(ally, ally)", "(align, align)", "mixed {ally, align} x {ally, align}"]
    assert sum(s["count"] for s in data["sets"]) == 30
    assert data["reference_share"] == next(s["share"] for s in data["sets"] if s["reference"])


def test_cli_robustness_table_and_errors(cli):
    proc = cli("robustness", "games/detente.toml", "--draws", "20", "--spread", "0.05")
    assert proc.code == 0 and "(hedge, hedge)" in proc.out and "±5%" in proc.out
    bad = cli("robustness", "games/detente.toml", "--spread", "2")
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1 and "--spread" in bad.err


# ----------------------------------------------------------------------------- game trees


def test_strategic_form_commands_refuse_a_tree(cli):
    status, _, err = cli("robustness", "games/treaty_proposal.toml")
    assert status == 2 and "game tree" in err
