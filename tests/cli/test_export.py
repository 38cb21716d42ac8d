"""Tests of the ``export`` command (:mod:`bargaining.cli.export`), run in process: Gambit's formats, and back."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.io.efg import parse_efg
from bargaining.io.gamefile import load_model
from bargaining.io.nfg import read_nfg
from bargaining.solvers.tree import solve_tree


def test_export_then_solve_through_the_cli(tmp_path, cli):
    out = tmp_path / "treaty.nfg"
    r = cli("export", "games/baseline.toml", "--to", "nfg", "--set", "T=0.95", "--output", str(out))
    assert r.code == 0, r.err
    text = out.read_text()
    assert text.startswith('NFG 1 R "Baseline: deep alignment without a treaty" { "Russia" "China" }')
    assert "T = 0.95" in text
    model = read_nfg(out)
    game = load_model("games/baseline.toml", {"T": "0.95"}).game()
    back = model.game()
    assert (back.A, back.B, back.players, back.strategies, back.title) == (
        game.A,
        game.B,
        game.players,
        game.strategies,
        game.title,
    )

    via_nfg = json.loads(cli("solve", str(out), "--format", "json").out)
    via_toml = json.loads(cli("solve", "games/baseline.toml", "--set", "T=0.95", "--format", "json").out)
    strip = lambda d: [{k: e[k] for k in ("strategies", "payoffs", "pure", "strict")} for e in d["equilibria"]]  # noqa: E731
    assert strip(via_nfg) == strip(via_toml)
    assert len(via_nfg["equilibria"]) == 3


def test_export_to_stdout_and_unknown_parameter(cli):
    r = cli("export", "games/taiwan_crisis.toml", "--to", "nfg")
    assert r.code == 0 and r.out.startswith("NFG 1 R ")
    r = cli("export", "games/baseline.toml", "--to", "nfg", "--set", "tau=1")
    assert r.code == 2
    assert r.err.strip().splitlines() == [r.err.strip()]
    assert "unknown parameter 'tau'" in r.err


# ----------------------------------------------------------------------------- game trees


def test_export_a_tree_to_efg_and_back(cli):
    status, out, _ = cli("export", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--to", "efg")
    assert status == 0
    back = parse_efg(out)
    ours = solve_tree(bg.load("games/treaty_proposal.toml", params="games/taiwan_crisis.toml").tree())
    again = solve_tree(back)
    assert len(again.equilibria) == len(ours.equilibria) and len(again.subgame_perfect) == len(ours.subgame_perfect)
    assert sorted(e.payoffs for e in again.equilibria) == sorted(e.payoffs for e in ours.equilibria)
