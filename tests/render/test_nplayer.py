"""The solution of a game of three or more players, rendered (bargaining.render.nplayer)."""

from __future__ import annotations

import json

import pytest

from bargaining.io.gamefile import load_model
from bargaining.render.nplayer import payoff_cell, render, slices
from bargaining.render.solve import render as render_solution
from bargaining.solvers.registry import solve


@pytest.fixture(scope="module")
def two_front():
    return solve(load_model("games/triangle/two_front.toml").game())


def test_the_table_has_one_matrix_per_us_strategy_and_every_equilibrium(two_front):
    text = render_solution(two_front)
    assert text.count("Russia \\ China") == 3
    prose = " ".join(text.split())  # the 80-column lines wrap
    for words in ("United States plays contain_both", "United States plays wedge_Russia", "United States plays engage",
                  "3 Nash equilibria (method exact: support enumeration, exact polynomial systems, 343 support",
                  "ally 7/30", "(0.2333)", "contain_both", "67/150 (0.4467)",
                  "certified in rational arithmetic", "No selection rule"):
        assert words in prose
    assert max(len(line) for line in text.splitlines()) <= 80
    # (contain_both, ally, ally): Russia and China best respond; one payoff per line in each cell at 80 columns
    assert "│ ally           │  -0.8  │" in text and "│                │ 0.651* │" in text


def test_best_response_marks(two_front):
    g = two_front.game
    assert payoff_cell(g, (1, 0, 0)) == "-0.7* , 0.151 , 0.82*"
    assert [w for w, _ in slices(g)] == ["United States plays contain_both", "United States plays wedge_Russia",
                                          "United States plays engage"]


def test_irrational_equilibria_and_their_certificates():
    from bargaining.game import Game

    U = [
        [[[8, 0], [1, 2]], [[1, 8], [8, 5]]],
        [[[0, 0], [3, 4]], [[6, 4], [2, 1]]],
        [[[6, 7], [0, 1]], [[4, 3], [8, 5]]],
    ]
    text = render(solve(Game.from_tensors(U)))
    assert "│ 1 573/952 -      │" in text and "│   │ sqrt(8457)/952   │" in text and "│   │ (0.5053)         │" in text
    assert "certified in the number field Q(θ), θ the root of" in text


def test_continua_are_described():
    from bargaining.game import Game

    nau = [
        [[[0, 1], [0, 0]], [[3, 0], [0, 0]]],
        [[[0, 1], [3, 0]], [[0, 0], [0, 0]]],
        [[[2, 0], [0, 0]], [[0, 0], [0, 3]]],
    ]
    text = render(solve(Game.from_tensors(nau)))
    assert "Continuum 1: equilibria of dimension 1" in text and "a certified point of it:" in text


@pytest.mark.parametrize("fmt", ["json", "markdown", "latex"])
def test_other_formats(two_front, fmt):
    text = render(two_front, fmt)
    if fmt == "json":
        d = json.loads(text)
        assert d["players"] == ["United States", "Russia", "China"] and len(d["equilibria"]) == 3
        assert d["payoffs"]["Russia"][0][0][0] == "651/1000"
    elif fmt == "markdown":
        assert "| Russia \\ China | ally | align | hedge |" in text and "67/150" in text
    else:
        assert text.count(r"\begin{tabular}") == 3 and r"\tfrac{67}{150}" in text
