"""Tests of :mod:`bargaining.server.views`: what the explorer page shows of a game and its equilibria."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

from bargaining.io.gamefile import load_model
from bargaining.server.views import model_view, solution_view
from bargaining.solvers.registry import solve

ROOT = Path(__file__).resolve().parents[2]
TAIWAN = load_model(ROOT / "games" / "taiwan_crisis.toml")


def test_the_model_with_one_slider_per_parameter():
    v = model_view(TAIWAN)
    assert v["players"] == ["Russia", "China"] and v["strategies"][0] == ["ally", "align", "hedge"]
    assert [p["name"] for p in v["parameters"]] == list(TAIWAN.parameters)
    assert v["title"].startswith("Taiwan crisis") and v["expectation"] == "alliance possible"


def test_cells_mark_best_responses_and_pure_equilibria():
    v = solution_view(TAIWAN, solve(TAIWAN.game()))
    ally = v["cells"][0][0]
    assert ally["best"] == [True, True] and ally["equilibrium"] == 0
    assert ally["payoffs"][0] == {"exact": "511/1000", "text": "0.511", "decimal": "0.511"}
    assert ally["outcome"] == "a military alliance: both sign a mutual-defence treaty"
    assert v["cells"][0][1]["equilibrium"] is None and v["cells"][1][1]["equilibrium"] == 2


def test_equilibria_in_exact_numbers_and_words():
    v = solution_view(TAIWAN, solve(TAIWAN.game()))
    mixed = v["equilibria"][1]
    assert mixed["profile"] is None and not mixed["pure"]
    assert [s["probability"]["exact"] for s in mixed["strategies"][1]] == ["170/231", "61/231"]
    assert [s["text"] for s in mixed["strategies"][0]] == ["ally 23/45", "align 22/45"]
    assert v["equilibria"][0]["selected"] and v["selection_rule"] == "payoff dominance"
    assert v["values"]["T"] == "1" and F(v["solution"]["equilibria"][0]["payoffs"]["Russia"]) == F(511, 1000)
    assert json.loads(json.dumps(v)) == v
