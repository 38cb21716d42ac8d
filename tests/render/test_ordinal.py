"""Tests of :mod:`bargaining.render.ordinal`: the ordinal check as text and JSON."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.ordinal import render

TAIWAN = bg.ordinal("games/taiwan_crisis.toml", samples=300)


def test_each_pure_equilibrium_with_the_comparisons_it_rests_on():
    text = render(TAIWAN, "table")
    assert "(ally, ally): ordinal: holds for every payoff assignment with the same best-response comparisons." in text
    assert "Russia, against ally: ally 0.511 > align 0.45, ally 0.511 > hedge 0.25" in text
    assert "Rapoport" in text and "not probabilities" in text
    assert "selected equilibrium ((ally, ally)): kept in 100%" in text
    assert "Verdict: pure equilibria ordinal" in text


def test_a_game_without_pure_equilibria_says_so():
    pennies = bg.ordinal(bg.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), samples=50)
    assert "The game has no pure equilibrium." in render(pennies, "table")


def test_json_is_the_checks_dictionary():
    assert json.loads(render(TAIWAN, "json")) == json.loads(json.dumps(TAIWAN.to_dict()))
