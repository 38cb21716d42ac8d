"""Tests of :mod:`bargaining.render.tree`: a game tree drawn in 80 columns, its equilibria and its sweeps."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.tree import draw, path_text, render, render_sweep, strategy_text

FORM = bg.load("games/treaty_proposal.toml")
CRISIS = bg.solve("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")


def test_the_drawing_shows_every_move_and_the_payoffs():
    text = draw(FORM.tree())
    assert text.splitlines()[0] == "proposal: Russia: propose a mutual-defence treaty?"
    assert "├── propose → ratification: China: ratify Russia's proposal?" in text
    assert "(Russia 0.081, China 0.15)" in text  # the treaty's payoffs at baseline
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_path_of_play_is_marked():
    spe = CRISIS.subgame_perfect[0]
    tree = bg.load("games/treaty_proposal.toml", params="games/taiwan_crisis.toml").tree()
    assert path_text(tree, spe) == "propose, accept → treaty"
    text = render(CRISIS, "table")
    assert "Subgame-perfect equilibria: 16, with 3 paths of play" in text
    assert "├─▶ propose → ratification" in text and "│   ├─▶ accept → treaty" in text
    assert strategy_text(spe, 0).startswith("proposal propose")


def test_json_is_the_solutions_dict():
    assert json.loads(render(CRISIS, "json")) == json.loads(json.dumps(CRISIS.to_dict()))


def test_a_sweep_lists_regimes_and_boundaries():
    text = render_sweep(bg.sweep("games/treaty_proposal.toml", vary="T=0.6:1:5"), "table")
    assert "T from 0.6 to 0.888: deep alignment without a treaty" in text
    assert "T from 0.888 to 1: a military alliance: both sign a mutual-defence treaty" in text
