"""Tests of :mod:`bargaining.solution`: equilibria, solutions and equilibrium sets as values, and their JSON."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

from hypothesis import given

from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solution import Equilibrium, EquilibriumSet
from bargaining.solvers.registry import solve
from tests.strategies import games

ROOT = Path(__file__).resolve().parent.parent
TAIWAN = solve(load_model(ROOT / "games" / "taiwan_crisis.toml").game())


def test_an_equilibriums_views():
    e = TAIWAN.equilibria[1]  # the mixed one
    assert e.x == e.strategy(0) == (F(23, 45), F(22, 45), 0)
    assert e.strategies["China"] == {"ally": F(170, 231), "align": F(61, 231), "hedge": 0}
    assert e.support(0) == (0, 1) and e.supports() == (0b011, 0b011) and e.profile() is None
    ally = TAIWAN.equilibria[0]
    assert ally.profile() == (0, 0) and ally.supports() == (1, 1)


def test_a_bare_equilibrium_names_players_and_strategies_by_number():
    e = Equilibrium(mixed=((F(1), F(0)), (F(1, 2), F(1, 2))), payoffs=(F(1), F(0)))
    assert e.strategies == {"player 1": {"1": 1, "2": 0}, "player 2": {"1": F(1, 2), "2": F(1, 2)}}
    assert e.to_dict()["strategies"]["player 2"] == {"1": "1/2", "2": "1/2"}


def test_json_has_exact_numbers_as_strings_and_is_plain_data():
    d = json.loads(json.dumps(TAIWAN.to_dict()))
    assert d["players"] == ["Russia", "China"] and d["method"] == "exact" and d["exact"] is True
    assert d["parameters"]["T"] == "1" and d["payoffs"]["Russia"][0][0] == "511/1000"
    mixed = d["equilibria"][1]
    assert mixed["strategies"]["Russia"] == {"ally": "23/45", "align": "22/45", "hedge": "0"}
    assert mixed["regret"] == {"Russia": "0", "China": "0"}
    assert mixed["reading"] == (
        "a mixed equilibrium: Russia mixes ally 23/45, align 22/45; China mixes ally 170/231, align 61/231"
    )
    assert (d["selected"], d["selection_rule"]) == (0, "payoff dominance")
    assert d["source"].endswith("taiwan_crisis.toml")


def test_floating_point_solutions_give_floats():
    d = solve(TAIWAN.game, "vertex-enumeration").to_dict()
    assert isinstance(d["equilibria"][0]["payoffs"]["Russia"], float) and d["tol"] == 1e-9


def test_readings_without_a_game_files_words():
    g = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("A", "B"), strategies=(("x", "y"), ("u", "v")))
    s = solve(g)
    assert [s.reading(k) for k in range(3)] == [
        "A plays x, B plays u",
        "a mixed equilibrium: A mixes x 0.5, y 0.5; B mixes u 0.5, v 0.5",
        "A plays y, B plays v",
    ]
    assert s.pure_profiles() == [(0, 0), (1, 1)]


def test_equilibrium_sets_compare_supports_not_order_or_probabilities():
    a = EquilibriumSet(((0b10, 0b10), (0b01, 0b01), (0b11, 0b11), (0b01, 0b01)))
    b = EquilibriumSet(((0b11, 0b11), (0b01, 0b01), (0b10, 0b10)))
    assert a == b and hash(a) == hash(b)
    assert a.supports == ((1, 1), (2, 2), (3, 3))  # pure first
    assert a.pure_profiles() == [(0, 0), (1, 1)] and a.mixed() == [((0, 1), (0, 1))]
    names = (("x", "y"), ("u", "v"))
    assert a.to_dict(("A", "B"), names) == {
        "description": "(x, u), (y, v), mixed (A x/y; B u/v)",
        "pure": [["x", "u"], ["y", "v"]],
        "mixed": [{"A": ["x", "y"], "B": ["u", "v"]}],
    }
    assert EquilibriumSet(()).describe(("A", "B"), names) == "none"


@given(games())
def test_the_set_of_a_solution_is_its_supports(game):
    s = solve(game)
    shape = s.equilibrium_set()
    assert set(shape.supports) == {e.supports() for e in s.equilibria}
    assert sorted(shape.pure_profiles()) == sorted(s.pure_profiles())
