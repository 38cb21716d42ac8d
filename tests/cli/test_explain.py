"""Tests of the ``explain`` command (:mod:`bargaining.cli.explain`), run in process."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest


def test_cli_explain_text_and_json(cli):
    proc = cli("explain", "games/taiwan_crisis.toml")
    assert proc.code == 0, proc.err
    assert "China mixes so that Russia is indifferent between ally and align" in proc.out
    proc = cli("explain", "games/junior_partner.toml", "--format", "json", "--set", "a=0.7")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    assert data["parameters"]["a"]["value"] == "7/10"
    assert data["treaty"]["is_equilibrium"] is True
    for cell in data["cells"]:
        assert sum(F(p["value"]) * p["sign"] for p in cell["parts"]) == F(cell["payoff"])


def test_cli_explain_markdown_and_bad_input(cli):
    proc = cli("explain", "games/detente.toml", "--format", "markdown")
    assert proc.code == 0 and "(hedge, hedge)" in proc.out
    proc = cli("explain", "games/detente.toml", "--set", "T=5")
    assert proc.code == 2 and proc.out == ""
    assert len(proc.err.strip().splitlines()) == 1 and "outside its range" in proc.err


def test_explain_the_proposal_game_as_json(cli):
    r = cli("explain", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    steps = data["backward_induction"]
    assert [(s["subgame"], s["kind"], s["ways"]) for s in steps] == [
        ("partnership", "stage", 3), ("after rejection", "stage", 3), ("ratification", "decision", 4),
        ("proposal", "decision", 16)]
    tie = steps[2]["cases"][0]
    assert tie["best"] == ["accept", "reject"] and tie["continuation"][0]["payoffs"] == ["511/1000", "67/100"]
    assert len(steps[0]["cases"][0]["strategic_form"]["equilibria"]) == 3
    assert len(data["subgame_perfect"]) == 16 and len(data["nash_equilibria"]) == 51
    assert data["in_strategic_form"]["marked_subgame_perfect"] == [0, 1, 3, 4, 6, 7, 12, 13]
    assert data["in_strategic_form"]["not_extreme"] == 6
    assert sum(len(g["equilibria"]) for g in data["non_credible_threats"]) == 44


def test_explain_resolve_as_json(cli):
    r = cli("explain", "games/resolve.toml", "--params", "games/taiwan_crisis.toml", "--format", "json")
    data = json.loads(r.out)
    pbe = data["signalling"]["perfect_bayesian"]
    assert [(e["kind"], e["intuitive_criterion"]["survives"]) for e in pbe] == [("separating", True),
                                                                              ("pooling", False)]
    assert pbe[1]["beliefs"]["pledge"]["P(resolute) range"] == ["0", "5/16"]


def test_explain_a_tree_as_text_and_markdown(cli, tmp_path):
    r = cli("explain", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    assert r.code == 0 and r.out.startswith("Treaty proposal: Russia proposes, China ratifies\n=")
    assert all(len(line) <= 80 for line in r.out.splitlines())
    out = tmp_path / "handout.md"
    r = cli("explain", "games/resolve.toml", "--format", "markdown", "-o", out)
    assert r.code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# China's resolve") and "## 4. Private information: perfect Bayesian equilibria" in text


def test_explain_still_walks_a_strategic_form_game(cli):
    data = json.loads(cli("explain", "games/taiwan_crisis.toml", "--format", "json").out)
    assert {"cells", "best_responses", "dominance", "stag_hunts"} <= set(data)


def test_explain_a_tree_with_a_method_is_an_input_error(cli):
    import bargaining as bg
    from bargaining.errors import InputError

    with pytest.raises(InputError, match="solved exactly"):
        bg.explain("games/treaty_proposal.toml", method="nashpy-support")


def test_cli_explain_the_triangle(cli, cli_json):
    r = cli("explain", "games/triangle/taiwan_crisis.toml")
    assert r.code == 0, r.err
    assert "A game of 3 players: United States, Russia and China" in r.out
    d = cli_json("explain", "games/triangle/taiwan_crisis.toml")
    assert d["players"] == ["United States", "Russia", "China"] and len(d["equilibria"]) == 1
